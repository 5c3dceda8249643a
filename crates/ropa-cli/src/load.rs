//! Reading a workspace's files from disk. A file that cannot be read as
//! text is reported by name with what to do, and the others are still
//! checked.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use ropa_check::{FileId, FileKind, Workspace};

use crate::discover::{Job, Problem, describe_io};

/// Larger files are refused rather than read into memory: no real record
/// comes near it, and it keeps a stray disk image from stalling a CI job.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

pub struct Loaded {
    pub workspace: Workspace,
    /// Files whose findings are shown; `None` for all.
    pub selected: Option<HashSet<FileId>>,
}

pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| describe_io(&e))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".to_owned());
    }
    // Reading a named pipe or a device could block forever or never end.
    if !meta.is_file() {
        return Err("not a regular file (a pipe, socket or device); spec files must be ordinary text files".to_owned());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is too large ({} MiB; ropa reads spec files up to {} MiB): split it into several files",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = fs::read(path).map_err(|e| describe_io(&e))?;
    if bytes.contains(&0) {
        return Err("looks like a binary file (it contains NUL bytes), not a KDL spec".to_owned());
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = std::str::from_utf8(valid).map_or(1, |text| {
            ropa_syntax::kdl::lines::lines(text, ropa_syntax::kdl::lines::Breaks::Kdl).count()
        });
        let bad = err.as_bytes().get(valid.len()).copied().unwrap_or(0);
        format!("line {line}: not UTF-8 text (byte 0x{bad:02X}); save the file with UTF-8 encoding")
    })
}

pub fn load(job: &Job, problems: &mut Vec<Problem>) -> Loaded {
    let mut sources = Vec::new();
    let mut add = |path: &PathBuf, kind: FileKind, problems: &mut Vec<Problem>| match read_text(path) {
        Ok(text) => sources.push((display(path), text, kind)),
        Err(message) => problems.push(Problem {
            path: path.clone(),
            message,
        }),
    };
    if let Some(config) = &job.config {
        add(config, FileKind::Config, problems);
    }
    for file in &job.files {
        add(file, FileKind::Spec, problems);
    }
    let workspace = Workspace::without_trees(sources);
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
