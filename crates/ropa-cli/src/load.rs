//! Reading a workspace's files from disk. A file that cannot be read as
//! text is reported by name with what to do, and the others are still
//! checked.

use std::collections::HashSet;
use std::path::PathBuf;

use ropa_check::{FileId, FileKind, Workspace};

use crate::discover::{Job, Problem};

pub use ropa_fs::{MAX_FILE_BYTES, display, read_text};

pub struct Loaded {
    pub workspace: Workspace,
    /// Files whose findings are shown; `None` for all.
    pub selected: Option<HashSet<FileId>>,
}

pub fn load(job: &Job, problems: &mut Vec<Problem>) -> Loaded {
    let paths: Vec<(&PathBuf, FileKind)> = job
        .config
        .iter()
        .map(|config| (config, FileKind::Config))
        .chain(job.files.iter().map(|file| (file, FileKind::Spec)))
        .collect();
    // Read and parsed on every core: thousands of files are read faster
    // side by side, and the order (and so each file's id) stays the listed one.
    let (mut workspace, unread) = Workspace::read_without_trees(&paths, |(path, kind)| match read_text(path) {
        Ok(text) => Ok((display(path), text, *kind)),
        Err(message) => Err(Problem {
            path: (*path).clone(),
            message,
        }),
    });
    problems.extend(unread);
    // Rules that count time (`review-overdue`) count to today; a
    // `SOURCE_DATE_EPOCH` that is not a number leaves them out here, and
    // `ropa report` says what is wrong with it.
    workspace.today = crate::clock::today().ok();
    let selected = job.selected.as_ref().map(|paths| {
        let wanted: HashSet<String> = paths.iter().map(|p| display(p)).collect();
        workspace
            .files
            .iter()
            .filter(|f| wanted.contains(&f.path))
            .map(|f| f.id)
            .collect()
    });
    Loaded { workspace, selected }
}
