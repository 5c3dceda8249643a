//! Each file of a workspace with its line starts, found by id: every output
//! that prints places (the JSON here and in the browser, and the CLI's
//! other formats) looks up the file of each finding and related place.

use ropa_syntax::position::LineIndex;

use crate::par::prelude::*;
use crate::{FileId, Workspace};

/// The files of one workspace, each at its id. A large record has hundreds
/// of thousands of findings: a search through the files for each lookup
/// (three per finding) cost a cache miss at nearly every step.
pub struct FileLines<'a> {
    files: Vec<Option<Lined<'a>>>,
}

/// One file: its path as the workspace names it, its text and its lines.
pub struct Lined<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lines: LineIndex,
}

impl<'a> FileLines<'a> {
    /// Indexes the lines of every file, on every core.
    pub fn new(workspace: &'a Workspace) -> FileLines<'a> {
        let lined: Vec<(FileId, Lined<'a>)> = workspace
            .files
            .par_iter()
            .map(|f| {
                let file = Lined {
                    path: f.path.as_str(),
                    text: f.text.as_str(),
                    lines: LineIndex::new(&f.text),
                };
                (f.id, file)
            })
            .collect();
        // Ids are stable, not positions: an editor's workspace may have gaps.
        let slots = workspace.files.last().map_or(0, |f| f.id.0 as usize + 1);
        let mut files: Vec<Option<Lined<'a>>> = std::iter::repeat_with(|| None).take(slots).collect();
        for (id, file) in lined {
            if let Some(slot) = files.get_mut(id.0 as usize) {
                *slot = Some(file);
            }
        }
        FileLines { files }
    }

    /// The file with this id; `None` for one the workspace does not hold.
    pub fn get(&self, id: FileId) -> Option<&Lined<'a>> {
        self.files.get(id.0 as usize)?.as_ref()
    }
}

impl Lined<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col(self.text, offset)
    }
}
