//! Atomic writes: every file ropa writes (formatted specs, imported and
//! initialized workspaces, reports, `allow` edits) goes through here, so an
//! interrupted run never leaves a half-written file.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes through a temporary file in the same folder and a rename, so an
/// interrupted run never leaves a half-written spec.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    write_atomically_with(path, |out| out.write_all(text.as_bytes()))
}

/// [`write_atomically`] of what `write` writes, as it writes it: a large
/// report is never held in memory whole. On any error the temporary file is
/// removed and `path` is left as it was.
pub fn write_atomically_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.ropa-tmp-{}", std::process::id()));
    let written = File::create(&temp).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot write: {e}"));
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&temp, meta.permissions());
    }
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot replace the file: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary_one() {
        let dir = std::env::temp_dir().join(format!("ropa-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let target = dir.join("report.json");
        std::fs::write(&target, "old").expect("target");
        let failed = write_atomically_with(&target, |out| {
            // More than the write buffer, so some of it reaches the disk.
            out.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(failed, Err("cannot write: disk full".to_owned()));
        assert_eq!(std::fs::read_to_string(&target).expect("target"), "old");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["report.json"]);
        write_atomically(&target, "new").expect("written");
        assert_eq!(std::fs::read_to_string(&target).expect("target"), "new");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
