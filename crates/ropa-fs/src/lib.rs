//! Finding and reading ropa workspaces on disk. The only IO of a workspace:
//! `ropa_check::Workspace` holds the parsed files and is edited through its
//! API; this crate says which files belong to it and reads them. The CLI
//! and the language server both use it, so a file the editor shows findings
//! for is a file `ropa check` reads.

#![forbid(unsafe_code)]

use std::fs;
use std::path::{Path, PathBuf};

use ropa_check::Workspace;

pub const CONFIG_FILE: &str = "ropa.kdl";
pub const SPEC_SUFFIX: &str = ".ropa.kdl";

/// Larger files are refused rather than read into memory: no real record
/// comes near it, and it keeps a stray disk image from stalling a CI job.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file or folder that could not be used, and why.
#[derive(Debug)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

/// `*.ropa.kdl` (with a name before the suffix).
pub fn is_spec_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(SPEC_SUFFIX) && n.len() > SPEC_SUFFIX.len())
}

/// `ropa.kdl`: a workspace's settings, and where its root is.
pub fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_FILE)
}

/// Whether ropa reads the file: a spec file or a `ropa.kdl`.
pub fn is_ropa_file(path: &Path) -> bool {
    is_config(path) || is_spec_file(path)
}

/// The nearest ancestor of `start` (itself included) holding a `ropa.kdl`.
/// A relative `start` gives a relative answer (`..` for a parent), so the
/// CLI names files as the user typed them.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut dir = Some(absolute.as_path());
    let mut relative = start.to_path_buf();
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return Some(relative);
        }
        dir = d.parent();
        relative = if relative.as_os_str().is_empty() || relative == Path::new(".") {
            PathBuf::from("..")
        } else if relative.ends_with("..") {
            relative.join("..")
        } else {
            relative.parent().map(Path::to_path_buf).unwrap_or_default()
        };
    }
    None
}

/// Walks a folder for spec files and workspace files. Hidden folders,
/// `target` and `node_modules` are skipped, and symbolic links to folders are
/// not followed, so a link loop cannot trap the walk.
pub fn walk(dir: &Path, specs: &mut Vec<PathBuf>, configs: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                message: format!("cannot read folder: {err}"),
            });
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            // The listing says what each entry is, without following a
            // link (as `symlink_metadata`) and on most file systems
            // without a call per file: a record of 2,000 files was walked
            // with 2,000 `lstat`s.
            Ok(entry) => paths.push((entry.path(), entry.file_type())),
            Err(err) => problems.push(Problem {
                path: dir.to_path_buf(),
                message: format!("cannot list every entry of the folder: {}", describe_io(&err)),
            }),
        }
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        let kind = match kind {
            Ok(kind) => kind,
            Err(err) => {
                // Gone since the listing, or not reachable: said, not skipped.
                problems.push(Problem {
                    path: path.clone(),
                    message: describe_io(&err),
                });
                continue;
            }
        };
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            // Not UTF-8: ropa could not name it (or what is inside) in a
            // finding, nor an editor open it by that name, so it says so.
            let bytes = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
            if kind.is_dir() && !bytes.starts_with(b".") {
                problems.push(Problem {
                    path: path.clone(),
                    message: "the folder name is not UTF-8 text, so ropa did not search it: rename it".to_owned(),
                });
            } else if !kind.is_dir() && bytes.ends_with(b".kdl") {
                problems.push(Problem {
                    path: path.clone(),
                    message: "the file name is not UTF-8 text, so the file was not read: rename it".to_owned(),
                });
            }
            continue;
        };
        if kind.is_dir() && (name == CONFIG_FILE || is_spec_file(&path)) {
            problems.push(Problem {
                path: path.clone(),
                message:
                    "a folder, not a file: ropa reads only files with this name (what is inside is still searched)"
                        .to_owned(),
            });
        }
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&path, specs, configs, problems);
            }
        } else if name == CONFIG_FILE {
            configs.push(path);
        } else if is_spec_file(&path) {
            specs.push(path);
        }
    }
}

/// A path without `.` parts (`.` for an empty one).
pub fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

/// The spec files of the workspace rooted at `root` (which holds a
/// `ropa.kdl`), sorted; nested workspaces keep their files.
pub fn workspace_specs(root: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let (mut specs, mut configs) = (Vec::new(), Vec::new());
    walk(root, &mut specs, &mut configs, problems);
    let nested: Vec<PathBuf> = configs
        .iter()
        .filter_map(|c| c.parent().map(Path::to_path_buf))
        .filter(|r| clean(r) != clean(root))
        .collect();
    specs.retain(|s| !nested.iter().any(|n| s.starts_with(n)));
    specs
}

/// Every workspace root under `folder` (each folder holding a `ropa.kdl`),
/// and the workspace `folder` is inside, if any: what an editor opened on
/// `folder` should check. Sorted, without duplicates.
pub fn roots_in(folder: &Path) -> Vec<PathBuf> {
    let (mut specs, mut configs, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    walk(folder, &mut specs, &mut configs, &mut problems);
    let mut roots: Vec<PathBuf> = configs
        .iter()
        .filter_map(|c| c.parent().map(Path::to_path_buf))
        .collect();
    if let Some(above) = find_root(folder) {
        roots.push(above);
    }
    roots.sort();
    roots.dedup();
    roots
}

pub fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied: check the file's permissions".to_owned(),
        _ => err.to_string(),
    }
}

/// A path as ropa shows it: with `/` on every platform.
pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// A spec file's text, or what is wrong with it and what to do.
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

/// The workspace rooted at `root` as an editor holds it (syntax trees kept),
/// each file named by `name(path)`; files that cannot be read are problems.
pub fn load_root(root: &Path, name: impl Fn(&Path) -> Option<String>) -> (Workspace, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut paths = vec![root.join(CONFIG_FILE)];
    paths.extend(workspace_specs(root, &mut problems));
    let mut workspace = Workspace::default();
    for path in paths {
        let Some(named) = name(&path) else { continue };
        match read_text(&path) {
            Ok(text) => {
                workspace.insert(named, text);
            }
            Err(message) => problems.push(Problem { path, message }),
        }
    }
    (workspace, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(files: &[&str]) -> PathBuf {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("ropa-fs-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for file in files {
            let path = root.join(file);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, "").expect("write");
        }
        root
    }

    #[test]
    fn roots_in_a_folder_and_nested_workspaces_keep_their_files() {
        let root = temp(&[
            "a/ropa.kdl",
            "a/x.ropa.kdl",
            "a/inner/ropa.kdl",
            "a/inner/y.ropa.kdl",
            "b/ropa.kdl",
            "c/loose.ropa.kdl",
            "a/.hidden/z.ropa.kdl",
        ]);
        let roots = roots_in(&root);
        assert_eq!(roots, vec![root.join("a"), root.join("a/inner"), root.join("b")]);
        let mut problems = Vec::new();
        assert_eq!(
            workspace_specs(&root.join("a"), &mut problems),
            vec![root.join("a/x.ropa.kdl")]
        );
        // Inside a workspace, the root above is found too.
        assert_eq!(roots_in(&root.join("a/inner")), vec![root.join("a/inner")]);
        let (ws, problems) = load_root(&root.join("a"), |p| Some(display(p)));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ws.files.len(), 2);
        assert!(ws.config().is_some());
        let _ = fs::remove_dir_all(&root);
    }

    /// Issue 19: a folder named like a spec, `ropa.kdl` as a folder, and
    /// non-UTF-8 names were skipped without a word.
    #[cfg(unix)]
    #[test]
    fn every_skipped_path_is_reported() {
        use std::os::unix::ffi::OsStrExt;
        let root = temp(&[
            "ropa.kdl",
            "good.ropa.kdl",
            "x.ropa.kdl/inner.ropa.kdl",
            "sub/ropa.kdl/in.ropa.kdl",
        ]);
        let odd = root.join(std::ffi::OsStr::from_bytes(b"bad\xff.ropa.kdl"));
        fs::write(&odd, "").expect("write");
        let folder = root.join(std::ffi::OsStr::from_bytes(b"folder\xff"));
        fs::create_dir_all(&folder).expect("mkdir");
        fs::write(folder.join("hidden.ropa.kdl"), "").expect("write");
        let (mut specs, mut configs, mut problems) = (Vec::new(), Vec::new(), Vec::new());
        walk(&root, &mut specs, &mut configs, &mut problems);
        let mut reported: Vec<(String, &str)> = problems
            .iter()
            .map(|p| {
                let name = p.path.strip_prefix(&root).map_or(String::new(), display);
                (name, p.message.split(':').next().unwrap_or(""))
            })
            .collect();
        reported.sort();
        assert_eq!(
            reported,
            [
                (
                    "bad\u{FFFD}.ropa.kdl".to_owned(),
                    "the file name is not UTF-8 text, so the file was not read"
                ),
                (
                    "folder\u{FFFD}".to_owned(),
                    "the folder name is not UTF-8 text, so ropa did not search it"
                ),
                ("sub/ropa.kdl".to_owned(), "a folder, not a file"),
                ("x.ropa.kdl".to_owned(), "a folder, not a file"),
            ]
        );
        // What is inside a folder named like a spec is still searched.
        assert!(specs.contains(&root.join("x.ropa.kdl/inner.ropa.kdl")), "{specs:?}");
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn read_text_says_what_is_wrong() {
        let root = temp(&["bin.ropa.kdl"]);
        let bin = root.join("bin.ropa.kdl");
        fs::write(&bin, b"data \0").expect("write");
        assert!(read_text(&bin).is_err_and(|e| e.contains("binary")));
        fs::write(&bin, b"data x\n\xe5").expect("write");
        assert!(read_text(&bin).is_err_and(|e| e.starts_with("line 2") && e.contains("0xE5")));
        assert!(read_text(&root).is_err_and(|e| e.contains("folder")));
        let _ = fs::remove_dir_all(&root);
    }
}
