//! Test fixtures in rust-analyzer style: one or more files in one string,
//! each introduced by `//- /path` (a single file needs no header), with `$0`
//! marking the cursor (or two `$0` marking a range).

use ropa_check::{FileId, FileKind, Workspace};
use ropa_syntax::Span;

pub(crate) struct Fixture {
    pub ws: Workspace,
    pub cursor_file: FileId,
    pub cursor: u32,
    /// Between two markers, or empty at the cursor.
    pub range: Span,
}

impl Fixture {
    pub(crate) fn parse(fixture: &str) -> Fixture {
        let mut files: Vec<(String, String)> = Vec::new();
        if fixture.starts_with("//- ") {
            for chunk in fixture.split("//- ").filter(|c| !c.is_empty()) {
                let (path, text) = chunk.split_once('\n').unwrap_or((chunk, ""));
                files.push((path.trim().to_owned(), text.to_owned()));
            }
        } else {
            files.push(("/spec.ropa.kdl".to_owned(), fixture.to_owned()));
        }
        let mut cursor_file = FileId(0);
        let mut range = Span::new(0, 0);
        let mut sources = Vec::new();
        for (i, (path, text)) in files.into_iter().enumerate() {
            let mut text = text;
            if let Some(start) = text.find("$0") {
                text.replace_range(start..start + 2, "");
                let end = match text.find("$0") {
                    Some(end) => {
                        text.replace_range(end..end + 2, "");
                        end
                    }
                    None => start,
                };
                cursor_file = FileId(i as u32);
                range = Span::new(start as u32, end as u32);
            }
            let kind = if path.rsplit('/').next() == Some("ropa.kdl") {
                FileKind::Config
            } else {
                FileKind::Spec
            };
            sources.push((path, text, kind));
        }
        Fixture {
            ws: Workspace::new(sources),
            cursor_file,
            cursor: range.start,
            range,
        }
    }

    pub(crate) fn text(&self, file: FileId) -> &str {
        crate::text_of(&self.ws, file)
    }

    pub(crate) fn path(&self, file: FileId) -> &str {
        self.ws.file(file).map_or("?", |f| f.path.as_str())
    }

    /// `path:line:column` of a location, for snapshots.
    pub(crate) fn describe(&self, location: crate::Location) -> String {
        let (line, column) = ropa_syntax::position::line_col(self.text(location.file), location.span.start);
        let text = self.text(location.file).get(location.span.range()).unwrap_or("");
        format!("{}:{line}:{column} {text:?}", self.path(location.file))
    }

    /// Applies edits (from the end backwards) to every file they touch and
    /// prints each changed file.
    pub(crate) fn apply(&self, edits: &[crate::FileEdit]) -> String {
        let mut out = String::new();
        for file_edit in edits {
            let mut text = self.text(file_edit.file).to_owned();
            let mut sorted = file_edit.edits.clone();
            sorted.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
            for edit in sorted {
                text.replace_range(edit.span.range(), &edit.new_text);
            }
            out.push_str(&format!("//- {}\n{text}", self.path(file_edit.file)));
        }
        out
    }
}
