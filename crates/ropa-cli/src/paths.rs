//! Which folder reported paths are relative to, so that every format names
//! a file the same way whatever folder ropa runs in and however its paths
//! were given: what GitHub annotations, code scanning (`%SRCROOT%`) and
//! GitLab match against the repository's files.
//!
//! The root of a file is, in order: `GITHUB_WORKSPACE` or `CI_PROJECT_DIR`
//! when set and the file is under it; the git top level above the file
//! (found by walking up to a `.git` folder or file, no git binary needed);
//! outside git, the folder the run's workspaces share.

use std::path::{Component, Path, PathBuf};

use crate::load::display;

/// The roots of one run, found once.
pub(crate) struct Roots {
    /// `GITHUB_WORKSPACE` or `CI_PROJECT_DIR`, resolved.
    ci: Option<PathBuf>,
    /// For files in no repository: the folder the run's workspaces share.
    fallback: Option<PathBuf>,
}

impl Roots {
    /// `workspaces` are the run's workspace roots as given (relative to the
    /// current folder or absolute).
    pub(crate) fn new<'a>(workspaces: impl IntoIterator<Item = &'a Path>) -> Roots {
        let ci = ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"]
            .iter()
            .filter_map(std::env::var_os)
            .filter(|value| !value.is_empty())
            .find_map(|value| resolve(Path::new(&value)));
        let outside_git: Vec<PathBuf> = workspaces
            .into_iter()
            .filter_map(resolve)
            .filter(|root| git_top_level(root).is_none())
            .collect();
        Roots {
            ci,
            fallback: common_ancestor(&outside_git),
        }
    }

    /// `path` (as given, relative to the current folder or absolute) as
    /// reported: relative to its root, `/`-separated. A path under no root
    /// keeps its own form, without a leading `./`.
    pub(crate) fn shown(&self, path: &Path) -> String {
        match resolve(path) {
            Some(resolved) => self.shown_resolved(path, &resolved, || git_top_level(&resolved)),
            None => own(path),
        }
    }

    /// [`Roots::shown`] for the many files of a workspace: each folder is
    /// resolved, and its repository found, once (in `folders`), where doing
    /// it per file took a system call per part of its path.
    pub(crate) fn shown_in(&self, path: &Path, folders: &mut Folders) -> String {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return self.shown(path);
        };
        // A link resolves to its target, wherever that is: only a file's own
        // entry is where its folder says.
        let plain_file = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_file());
        if !plain_file {
            return self.shown(path);
        }
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let resolved = folders.0.entry(folder.to_path_buf()).or_insert_with(|| {
            resolve(folder).map(|resolved| {
                let repository = git_top_level(&resolved);
                (resolved, repository)
            })
        });
        match resolved {
            // A file is no repository (`FILE/.git` cannot exist): its folder's is its own.
            Some((folder, repository)) => self.shown_resolved(path, &folder.join(name), || repository.clone()),
            None => self.shown(path),
        }
    }

    fn shown_resolved(&self, path: &Path, resolved: &Path, repository: impl FnOnce() -> Option<PathBuf>) -> String {
        let root = self
            .ci
            .as_deref()
            .filter(|ci| resolved.starts_with(ci))
            .map(Path::to_path_buf)
            .or_else(repository)
            .or_else(|| self.fallback.clone().filter(|f| resolved.starts_with(f)));
        match root.and_then(|root| relative(resolved, &root)) {
            Some(shown) => shown,
            None => own(path),
        }
    }
}

/// Folders already resolved by [`Roots::shown_in`], each with its
/// repository's top level.
#[derive(Default)]
pub(crate) struct Folders(std::collections::HashMap<PathBuf, Option<(PathBuf, Option<PathBuf>)>>);

/// A path as given, when no root applies.
fn own(path: &Path) -> String {
    ropa_check::fingerprint::normalise_path(&display(path))
}

/// The absolute form of `path` with symbolic links resolved; for a path
/// that does not exist, its nearest existing folder resolved and the rest
/// appended.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c)));
        }
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
}

/// The nearest folder at or above `path` holding `.git` (a folder, or a
/// file in worktrees and submodules).
pub(crate) fn git_top_level(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .find(|folder| folder.join(".git").exists())
        .map(Path::to_path_buf)
}

fn relative(path: &Path, root: &Path) -> Option<String> {
    let rest = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rest
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        Some(".".to_owned())
    } else {
        Some(parts.join("/"))
    }
}

fn common_ancestor(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut common = paths.first()?.clone();
    for path in paths {
        while !path.starts_with(&common) {
            common = common.parent()?.to_path_buf();
        }
    }
    Some(common)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes_and_the_root_itself_is_a_dot() {
        let root = Path::new("/r");
        assert_eq!(
            relative(Path::new("/r/a/b.ropa.kdl"), root).as_deref(),
            Some("a/b.ropa.kdl")
        );
        assert_eq!(relative(Path::new("/r"), root).as_deref(), Some("."));
        assert_eq!(relative(Path::new("/s/a"), root), None);
    }

    #[test]
    fn files_shown_through_their_resolved_folder_are_shown_as_alone() {
        let dir = std::env::temp_dir().join(format!("ropa-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let repo = dir.join("repo");
        let specs = repo.join("specs");
        let outside = dir.join("outside");
        for folder in [&specs, &repo.join(".git"), &outside] {
            std::fs::create_dir_all(folder).expect("folder");
        }
        for file in [specs.join("a.ropa.kdl"), outside.join("b.ropa.kdl")] {
            std::fs::write(file, "").expect("file");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(specs.join("a.ropa.kdl"), outside.join("link.ropa.kdl")).expect("link");
            std::os::unix::fs::symlink(&specs, dir.join("linked")).expect("link");
        }
        let roots = Roots::new([specs.as_path(), outside.as_path()]);
        let paths = [
            specs.join("a.ropa.kdl"),
            specs.join("sub/../a.ropa.kdl"),
            outside.join("b.ropa.kdl"),
            outside.join("link.ropa.kdl"),
            dir.join("linked/a.ropa.kdl"),
            dir.join("missing/c.ropa.kdl"),
            repo.join(".git"),
            PathBuf::from("/"),
        ];
        let mut folders = Folders::default();
        for path in &paths {
            assert_eq!(
                roots.shown_in(path, &mut folders),
                roots.shown(path),
                "{}",
                path.display()
            );
        }
        assert_eq!(roots.shown(&specs.join("a.ropa.kdl")), "specs/a.ropa.kdl");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_common_ancestor_of_workspaces() {
        let paths = [PathBuf::from("/x/specs/a"), PathBuf::from("/x/specs/b/c")];
        assert_eq!(common_ancestor(&paths), Some(PathBuf::from("/x/specs")));
        assert_eq!(common_ancestor(&[]), None);
    }
}
