//! Materialising a git revision's spec files in a temporary folder.

use std::io::{BufRead, BufReader, Read, Write as _};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::discover::{CONFIG_FILE, Problem, is_spec_file};
use crate::load::{MAX_FILE_BYTES, display};

/// The git repository the compared paths are in.
pub(super) struct Repo {
    /// As git prints it (symbolic links resolved).
    toplevel: PathBuf,
    /// The current folder inside the repository (empty at its root).
    pub(super) cwd_in_repo: PathBuf,
    /// Whether the current folder is inside the repository.
    cwd_inside: bool,
    cwd: PathBuf,
}

impl Repo {
    pub(super) fn find(paths: &[PathBuf]) -> Result<Repo, String> {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| format!("cannot read the current folder: {e}"))?;
        // The repository that holds the first path, which is usually the
        // one the current folder is in.
        let probe = paths
            .first()
            .map(|p| cwd.join(p))
            .and_then(|p| p.ancestors().find(|a| a.is_dir()).map(Path::to_path_buf))
            .unwrap_or_else(|| cwd.clone());
        let output = git(&probe, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            format!("{e}\n  BASE and HEAD must each be a folder, or a git revision of the repository the paths are in")
        })?;
        let toplevel = PathBuf::from(String::from_utf8_lossy(&output).trim_end_matches(['\n', '\r']));
        let toplevel = toplevel.canonicalize().unwrap_or(toplevel);
        let (cwd_in_repo, cwd_inside) = match cwd.strip_prefix(&toplevel) {
            Ok(rel) => (rel.to_path_buf(), true),
            Err(_) => (PathBuf::new(), false),
        };
        Ok(Repo {
            toplevel,
            cwd_in_repo,
            cwd_inside,
            cwd,
        })
    }

    /// Where working-tree paths are shown from: the current folder, or the
    /// repository root when ropa runs outside it.
    pub(super) fn worktree_anchor(&self) -> Option<PathBuf> {
        if self.cwd_inside {
            None
        } else {
            Some(self.toplevel.clone())
        }
    }

    /// `path` (as given on the command line) relative to the repository root.
    pub(super) fn relative(&self, path: &Path) -> Result<PathBuf, String> {
        let absolute = normalise(&self.cwd.join(path));
        // Resolve symbolic links where the path exists, as git did for the root.
        let resolved = absolute.canonicalize().unwrap_or(absolute);
        resolved
            .strip_prefix(&self.toplevel)
            .map(Path::to_path_buf)
            .map_err(|_| {
                format!(
                    "{} is outside the git repository at {}",
                    display(path),
                    display(&self.toplevel)
                )
            })
    }

    pub(super) fn commit(&self, revision: &str) -> Result<String, String> {
        // A revision starting with `-` would be read as an option.
        if revision.starts_with('-') || revision.is_empty() {
            return Err(format!("`{revision}` is neither a folder nor a git revision"));
        }
        let spec = format!("{revision}^{{commit}}");
        match git(&self.toplevel, &["rev-parse", "--verify", "--quiet", &spec]) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
            // A repository before its first commit: HEAD is the empty tree,
            // so the pre-commit hook works on the first commit too.
            Err(_) if revision == "HEAD" && self.unborn() => {
                git(&self.toplevel, &["mktree"]).map(|out| String::from_utf8_lossy(&out).trim().to_owned())
            }
            Err(_) => Err(format!(
                "`{revision}` is neither a folder nor a git revision of {}{}",
                display(&self.toplevel),
                if revision.contains("origin/") {
                    " (in CI, fetch it first: `actions/checkout` with `fetch-depth: 0`)"
                } else {
                    ""
                }
            )),
        }
    }

    /// Whether HEAD names a branch with no commit yet.
    fn unborn(&self) -> bool {
        git(&self.toplevel, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err()
            && git(&self.toplevel, &["symbolic-ref", "--quiet", "HEAD"]).is_ok()
    }

    /// Writes the spec files and workspace files of `commit` under `into`,
    /// at their paths in the repository; with `scanned`, also the files
    /// `ropa scan` reads (which it skips when too large, as here).
    pub(super) fn materialise(
        &self,
        commit: &str,
        into: &Path,
        scanned: bool,
        problems: &mut Vec<Problem>,
    ) -> Result<(), String> {
        let listing = git(&self.toplevel, &["ls-tree", "-r", "-z", "-l", "--full-tree", commit])?;
        let mut wanted: Vec<(String, PathBuf)> = Vec::new();
        for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            let Some(tab) = record.iter().position(|b| *b == b'\t') else {
                continue;
            };
            let meta = String::from_utf8_lossy(&record[..tab]);
            let Ok(path) = std::str::from_utf8(&record[tab + 1..]) else {
                continue;
            };
            let fields: Vec<&str> = meta.split_whitespace().collect();
            let [mode, kind, object, size] = fields.as_slice() else {
                continue;
            };
            // Regular files only: not symbolic links (120000) or submodules.
            if *kind != "blob" || !mode.starts_with("100") {
                continue;
            }
            let relative = PathBuf::from(path);
            let is_config = relative.file_name().is_some_and(|n| n == CONFIG_FILE);
            if !is_config && !is_spec_file(&relative) {
                let small = size
                    .parse::<u64>()
                    .is_ok_and(|s| s <= crate::commands::scan::MAX_SCANNED_BYTES);
                let normal = relative.components().all(|c| matches!(c, Component::Normal(_)));
                if scanned && small && normal && ropa_scan::readers::reads(path) {
                    wanted.push(((*object).to_owned(), relative));
                }
                continue;
            }
            // Git refuses such paths in its own checkouts; so does ropa.
            if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
                continue;
            }
            if size.parse::<u64>().is_ok_and(|s| s > MAX_FILE_BYTES) {
                problems.push(Problem {
                    path: into.join(&relative),
                    message: format!(
                        "file is too large (ropa reads spec files up to {} MB)",
                        MAX_FILE_BYTES / 1_000_000
                    ),
                });
                continue;
            }
            wanted.push(((*object).to_owned(), relative));
        }
        let contents = cat_files(&self.toplevel, wanted.iter().map(|(o, _)| o.as_str()))?;
        for ((_, relative), bytes) in wanted.iter().zip(contents) {
            let target = into.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot write {}: {e}", display(parent)))?;
            }
            std::fs::write(&target, bytes).map_err(|e| format!("cannot write {}: {e}", display(&target)))?;
        }
        Ok(())
    }
}

/// Runs `git -C dir ARGS`; the error names the command and what git said.
pub(super) fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(format!("git {} failed: {}", args.join(" "), said.trim()))
    }
}

/// The contents of many blobs through one `git cat-file --batch`.
pub(super) fn cat_files<'a>(dir: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, String> {
    let request: String = objects.map(|o| format!("{o}\n")).collect();
    if request.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("cannot talk to git cat-file".to_owned());
    };
    // Written from another thread: git answers while it reads, and a full
    // pipe on either side would otherwise block both processes.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut reader = BufReader::new(stdout);
    let mut contents = Vec::new();
    let mut header = Vec::new();
    let result = loop {
        header.clear();
        match reader.read_until(b'\n', &mut header) {
            Ok(0) => break Ok(()),
            Ok(_) => {}
            Err(e) => break Err(format!("cannot read from git cat-file: {e}")),
        }
        let line = String::from_utf8_lossy(&header);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let Some(size) = fields.get(2).and_then(|s| s.parse::<usize>().ok()) else {
            break Err(format!("git cat-file: {}", line.trim()));
        };
        let mut blob = vec![0; size];
        let mut newline = [0u8; 1];
        if let Err(e) = reader
            .read_exact(&mut blob)
            .and_then(|()| reader.read_exact(&mut newline))
        {
            break Err(format!("cannot read from git cat-file: {e}"));
        }
        contents.push(blob);
    };
    let _ = writer.join();
    let _ = child.wait();
    result.map(|()| contents)
}

/// `a/./b/../c` → `a/c`, without touching the disk.
pub(super) fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A temporary folder, removed when dropped.
pub(super) struct TempTree(PathBuf);

impl TempTree {
    pub(super) fn new() -> Result<TempTree, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for attempt in 0..100 {
            let path = std::env::temp_dir().join(format!("ropa-diff-{}-{nanos}-{attempt}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempTree(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("cannot create a temporary folder: {e}")),
            }
        }
        Err("cannot create a temporary folder".to_owned())
    }
    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_lexically() {
        assert_eq!(normalise(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
