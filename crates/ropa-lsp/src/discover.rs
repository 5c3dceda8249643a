//! Finding a document's workspace on disk: the nearest folder above it with
//! a `ropa.kdl`, as `ropa check` does (crates/ropa-cli/src/discover.rs); and
//! the spec files in it, so that references to files the editor has not
//! opened resolve. The few lines of IO are repeated here rather than shared
//! with the CLI, which keeps them private to its binary.

use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "ropa.kdl";
pub const SPEC_SUFFIX: &str = ".ropa.kdl";
/// Same limit as the CLI: no real record comes near it.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a file name is one ropa reads: `*.ropa.kdl` or `ropa.kdl`.
pub fn is_ropa_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == CONFIG_FILE || (n.ends_with(SPEC_SUFFIX) && n.len() > SPEC_SUFFIX.len()))
}

pub fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_FILE)
}

/// The nearest ancestor folder of `file` holding a `ropa.kdl`.
pub fn find_root(file: &Path) -> Option<PathBuf> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

/// The workspace's files: its `ropa.kdl` and every spec file below the
/// root, except in hidden folders, `target`, `node_modules` and nested
/// workspaces. Symbolic links to folders are not followed.
pub fn workspace_files(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join(CONFIG_FILE)];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                let nested = path.join(CONFIG_FILE).is_file();
                if !name.starts_with('.') && name != "target" && name != "node_modules" && !nested {
                    stack.push(path);
                }
            } else if name != CONFIG_FILE && is_ropa_file(&path) {
                out.push(path);
            }
        }
    }
    out[1..].sort();
    out
}

/// A file's text, or `None` when it cannot be read as UTF-8 text of a
/// sensible size (`ropa check` reports those; the editor just skips them).
pub fn read_text(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.contains(&0) {
        return None;
    }
    String::from_utf8(bytes).ok()
}
