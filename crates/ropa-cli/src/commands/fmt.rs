//! `ropa fmt`: format spec files in place, or check that they are formatted.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{fail, print};
use crate::cli::FmtArgs;
use crate::discover::{CONFIG_FILE, Problem, SPEC_SUFFIX, is_spec_file, walk};
use crate::exit;
use crate::load::{display, read_text};

pub fn run(args: &FmtArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut files = Vec::new();
    for path in &paths {
        if path.is_dir() {
            let mut configs = Vec::new();
            walk(path, &mut files, &mut configs, &mut problems);
            files.extend(configs);
        } else if path.exists() && (is_spec_file(path) || path.file_name().is_some_and(|n| n == CONFIG_FILE)) {
            files.push(path.clone());
        } else if path.exists() {
            problems.push(Problem {
                path: path.clone(),
                message: format!("not a spec file: spec file names end in `{SPEC_SUFFIX}`"),
            });
        } else {
            problems.push(Problem {
                path: path.clone(),
                message: "no such file or folder".to_owned(),
            });
        }
    }
    files.sort();
    files.dedup();
    if files.is_empty() && problems.is_empty() {
        return fail(&format!("no spec files found: spec file names end in `{SPEC_SUFFIX}`"));
    }
    let mut report = String::new();
    let mut changed = 0;
    for file in &files {
        match format_file(file, args.check) {
            Ok(false) => {}
            Ok(true) => {
                changed += 1;
                let verb = if args.check { "would reformat" } else { "formatted" };
                report.push_str(&format!("{verb} {}\n", display(file)));
            }
            Err(message) => problems.push(Problem {
                path: file.clone(),
                message,
            }),
        }
    }
    for problem in &problems {
        report.push_str(&format!("error: {}: {}\n", display(&problem.path), problem.message));
    }
    let unchanged = files.len() - changed;
    report.push_str(&format!(
        "{changed} file{} {}, {unchanged} already formatted\n",
        if changed == 1 { "" } else { "s" },
        if args.check {
            "would be reformatted"
        } else {
            "reformatted"
        },
    ));
    let printed = print(report.as_bytes());
    let status = if !problems.is_empty() {
        exit::TROUBLE
    } else if args.check && changed > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    };
    status.max(printed)
}

/// Formats one file; `Ok(true)` when its text changes (or would).
fn format_file(path: &Path, check_only: bool) -> Result<bool, String> {
    let text = read_text(path)?;
    let parse = ropa_syntax::kdl::parse(&text);
    let formatted = ropa_syntax::kdl::format::format(&text, &parse).map_err(|e| {
        let first = parse.errors.first().map(|e| e.span.start).unwrap_or(0);
        let (line, column) = ropa_syntax::position::line_col(&text, first);
        format!("{e} (first at line {line}, column {column}; `ropa check` shows them all)")
    })?;
    if formatted == text {
        return Ok(false);
    }
    if !check_only {
        write_atomically(path, &formatted)?;
    }
    Ok(true)
}

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
