//! Safe writes: every file ropa writes (formatted specs, imported and
//! initialized workspaces, reports, baselines, `allow` edits, `--output`)
//! goes through here.
//!
//! - The text goes to a new temporary file beside the target, created
//!   exclusively (`O_EXCL`: never through a file or link planted in its
//!   place) under an unpredictable name, then renamed over the target: an
//!   interrupted run never leaves a half-written file.
//! - A symbolic link is written through to the file it points to, and stays
//!   a link, as editors do: a spec shared into a workspace by a link is
//!   formatted where it lives. A link to nothing is refused.
//! - The replaced file keeps its permissions and, where the process may set
//!   them (root), its owner and group. A file with several hard links is
//!   rewritten in place, so every name keeps seeing the same file.
//! - Read-only files, spec files and files ropa did not write are replaced
//!   only when the caller says so ([`Existing`], `--force`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::discover::{CONFIG_FILE, is_spec_file};

/// What may be replaced at the path written to.
#[derive(Clone, Copy)]
pub(crate) enum Existing<'a> {
    /// Whatever is there: the spec ropa read and rewrites (`fmt`, allow
    /// edits), or a file the user named with `--force`.
    Replace,
    /// Only a file that `is_ours` recognises, from its first 4 KiB, as
    /// ropa's own output (`what` names it in the refusal); never a spec.
    IfOurs {
        what: &'a str,
        is_ours: &'a dyn Fn(&[u8]) -> bool,
    },
    /// Anything but a spec file: `check -o` and `diff -o` write CI files of
    /// many formats, and none of them belongs over a spec.
    UnlessSpec,
}

/// How a write may treat what stands at its path.
#[derive(Clone, Copy)]
pub(crate) struct Rules<'a> {
    pub existing: Existing<'a>,
    /// Replace a read-only file (`--force`); it stays read-only.
    pub read_only: bool,
}

impl<'a> Rules<'a> {
    /// The spec ropa read and rewrites; read-only only when `force`.
    pub(crate) fn spec(force: bool) -> Self {
        Rules {
            existing: Existing::Replace,
            read_only: force,
        }
    }

    /// A CI output file (`check -o`, `diff -o`): anything but a spec.
    pub(crate) const OUTPUT: Rules<'static> = Rules {
        existing: Existing::UnlessSpec,
        read_only: false,
    };

    /// A document ropa generates (report, baseline): over a file `is_ours`
    /// recognises, or over anything with `force`.
    pub(crate) fn generated(force: bool, what: &'a str, is_ours: &'a dyn Fn(&[u8]) -> bool) -> Self {
        if force {
            Rules {
                existing: Existing::Replace,
                read_only: true,
            }
        } else {
            Rules {
                existing: Existing::IfOurs { what, is_ours },
                read_only: false,
            }
        }
    }
}

/// Writes `text` to `path` safely (see the module).
pub(crate) fn write_atomically(path: &Path, text: &str, rules: Rules) -> Result<(), String> {
    write_atomically_with(path, rules, |out| out.write_all(text.as_bytes()))
}

/// [`write_atomically`] of what `write` writes, as it writes it: a large
/// report is never held in memory whole. On any error the temporary file is
/// removed and `path` is left as it was.
pub(crate) fn write_atomically_with(
    path: &Path,
    rules: Rules,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), String> {
    let target = resolve(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read what is there: {e}")),
    };
    if let Some(meta) = &existing {
        allowed(path, &target, meta, rules)?;
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (file, temp) = create_temporary(&folder, &name, existing.as_ref())
        .map_err(|e| format!("cannot write in {}: {e}", crate::load::display(&folder)))?;
    let written = (|| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Some(meta) = &existing {
            keep_owner(&file, meta);
        }
        if let Some(meta) = &existing {
            // On disk before the rename, so a crash cannot leave an empty
            // file where the old one was. A new file has nothing to lose,
            // and a sync per file would slow an import of thousands.
            file.sync_all()?;
            fs::set_permissions(&temp, meta.permissions())?;
        }
        Ok::<(), io::Error>(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(format!("cannot write: {e}"));
    }
    let replaced = if existing.as_ref().is_some_and(hard_linked) {
        // A rename would give this name a new file and leave the other
        // names with the old text; the new text is complete on disk (so a
        // full disk has already shown), and is copied in place.
        fs::copy(&temp, &target).map(|_| ())
    } else {
        fs::rename(&temp, &target)
    };
    if fs::symlink_metadata(&temp).is_ok() {
        let _ = fs::remove_file(&temp);
    }
    replaced.map_err(|e| format!("cannot replace the file: {e}"))
}

/// The file a write to `path` changes: `path` itself, or the file a
/// symbolic link at `path` points to.
fn resolve(path: &Path) -> Result<PathBuf, String> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|_| {
            "not written: it is a symbolic link to nothing (or a loop of links). Point the link at a file, or remove it".to_owned()
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Whether `rules` allow replacing the existing `target` (reached as `path`).
fn allowed(path: &Path, target: &Path, meta: &fs::Metadata, rules: Rules) -> Result<(), String> {
    if meta.is_dir() {
        return Err("not written: it is a folder".to_owned());
    }
    if !meta.is_file() {
        return Err("not written: it is not a regular file (a device or pipe)".to_owned());
    }
    let spec = |p: &Path| is_spec_file(p) || p.file_name().is_some_and(|n| n == CONFIG_FILE);
    match rules.existing {
        Existing::Replace => {}
        Existing::UnlessSpec if spec(path) || spec(target) => {
            return Err(
                "not written: it is a spec file, and ropa writes no output over a spec. Choose another file".to_owned(),
            );
        }
        Existing::UnlessSpec => {}
        Existing::IfOurs { .. } if spec(path) || spec(target) => {
            return Err(
                "not written: it is a spec file. Choose another file, or pass --force to replace it".to_owned(),
            );
        }
        Existing::IfOurs { what, is_ours } => {
            if !is_ours(&head(target)) {
                return Err(format!(
                    "not written: the file exists and is not {what}, so ropa did not write it. Choose another file, or pass --force to replace it"
                ));
            }
        }
    }
    if meta.permissions().readonly() && !rules.read_only {
        return Err(
            "not written: it is read-only. Make it writable, or pass --force to replace it (it stays read-only)"
                .to_owned(),
        );
    }
    Ok(())
}

/// The first 4 KiB of a file: enough for any output's signature.
fn head(path: &Path) -> Vec<u8> {
    let mut head = Vec::new();
    if let Ok(file) = File::open(path) {
        let _ = file.take(4096).read_to_end(&mut head);
    }
    head
}

/// A new file in `folder`, created exclusively under a name no one can
/// guess, with the permissions of the file it will replace (so a private
/// file's new text is never readable by others, not even while written).
fn create_temporary(folder: &Path, name: &str, existing: Option<&fs::Metadata>) -> io::Result<(File, PathBuf)> {
    let mut last = io::Error::other("no temporary name was free");
    for attempt in 0..16u32 {
        let temp = folder.join(format!(".{name}.{:016x}.ropa-tmp", unpredictable(attempt)));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            // Owner-writable while ropa writes; the exact mode follows.
            let mode = existing.map_or(0o666, |m| m.permissions().mode() & 0o777 | 0o200);
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = existing;
        match options.open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// 64 bits from the standard library's randomly keyed hasher (seeded from
/// the operating system's random source), the time and the process id.
fn unpredictable(attempt: u32) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(now);
    hasher.write_u32(std::process::id());
    hasher.write_u32(attempt);
    hasher.finish()
}

/// Gives the new file the replaced file's owner and group. Only root may
/// give a file away; anyone else keeps their own, so a failure is expected
/// and not an error.
fn keep_owner(file: &File, meta: &fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
    #[cfg(not(unix))]
    let _ = (file, meta);
}

fn hard_linked(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ropa-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    const ANY: Rules<'static> = Rules {
        existing: Existing::Replace,
        read_only: false,
    };

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary_one() {
        let dir = scratch("failed");
        let target = dir.join("report.json");
        fs::write(&target, "old").expect("target");
        let failed = write_atomically_with(&target, ANY, |out| {
            // More than the write buffer, so some of it reaches the disk.
            out.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(failed, Err("cannot write: disk full".to_owned()));
        assert_eq!(fs::read_to_string(&target).expect("target"), "old");
        assert_eq!(names(&dir), ["report.json"]);
        write_atomically(&target, "new", ANY).expect("written");
        assert_eq!(fs::read_to_string(&target).expect("target"), "new");
        let _ = fs::remove_dir_all(&dir);
    }

    /// Issue 19: the temporary name was `.NAME.ropa-tmp-PID`, opened
    /// without O_EXCL, so a link planted there made ropa overwrite the
    /// file it pointed to.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = scratch("planted");
        let victim = dir.join("victim.txt");
        fs::write(&victim, "precious").expect("victim");
        let planted = dir.join(format!(".x.ropa.kdl.ropa-tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        let target = dir.join("x.ropa.kdl");
        fs::write(&target, "a").expect("target");
        write_atomically(&target, "b\n", ANY).expect("written");
        assert_eq!(fs::read_to_string(&victim).expect("victim"), "precious");
        assert_eq!(fs::read_to_string(&target).expect("target"), "b\n");
        assert_eq!(
            names(&dir),
            [
                planted.file_name().expect("name").to_string_lossy().as_ref(),
                "victim.txt",
                "x.ropa.kdl"
            ]
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporary_names_differ_between_calls() {
        assert_ne!(unpredictable(0), unpredictable(0));
    }

    #[test]
    fn only_what_is_recognised_as_ours_is_replaced() {
        let dir = scratch("ours");
        let target = dir.join("out.html");
        fs::write(&target, "<p>my notes</p>").expect("target");
        let is_ours = |head: &[u8]| head.starts_with(b"ROPA");
        let rules = Rules {
            existing: Existing::IfOurs {
                what: "a ropa report",
                is_ours: &is_ours,
            },
            read_only: false,
        };
        let refused = write_atomically(&target, "ROPA 1", rules).expect_err("not ours");
        assert!(refused.contains("is not a ropa report"), "{refused}");
        assert_eq!(fs::read_to_string(&target).expect("target"), "<p>my notes</p>");
        fs::write(&target, "ROPA 0").expect("target");
        write_atomically(&target, "ROPA 1", rules).expect("ours");
        assert_eq!(fs::read_to_string(&target).expect("target"), "ROPA 1");
        // A spec is never "ours", whatever it holds.
        let spec = dir.join("a.ropa.kdl");
        fs::write(&spec, "ROPA").expect("spec");
        let refused = write_atomically(&spec, "ROPA 1", rules).expect_err("spec");
        assert!(refused.contains("spec file"), "{refused}");
        let _ = fs::remove_dir_all(&dir);
    }
}
