//! `ropa fmt`: format spec files in place, or check that they are formatted.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use clap::Args;
use rayon::prelude::*;

use super::{fail, print};
use crate::discover::{CONFIG_FILE, Problem, SPEC_SUFFIX, is_spec_file, walk};
use crate::exit;
use crate::load::{display, read_text};
use crate::visible::escape;
use crate::write::{Rules, write_atomically};

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Spec files or folders [default: .]
    pub paths: Vec<PathBuf>,
    /// Change nothing; exit with 1 when a file is not formatted
    #[arg(long)]
    pub check: bool,
    /// Also rewrite read-only files (they stay read-only)
    #[arg(long)]
    pub force: bool,
}

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
    // Each file on its own, on every core; reported in path order.
    let results: Vec<Result<bool, String>> = files
        .par_iter()
        .map(|file| format_file(file, args.check, args.force))
        .collect();
    let mut report = String::new();
    let mut changed = 0;
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(false) => {}
            Ok(true) => {
                changed += 1;
                let verb = if args.check { "would reformat" } else { "formatted" };
                report.push_str(&format!("{verb} {}\n", escape(&display(file))));
            }
            Err(message) => problems.push(Problem {
                path: file.clone(),
                message,
            }),
        }
    }
    for problem in &problems {
        report.push_str(&format!(
            "error: {}: {}\n",
            escape(&display(&problem.path)),
            escape(&problem.message)
        ));
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

/// Formatting holds a file's tokens, tree and output at once, about 14
/// times its size (860 MB for a file just under the 64 MiB limit): large
/// files take turns, so that the peak is one large file's however many
/// cores there are. Small files, most records' files, do not wait.
static LARGE_FILE_TURN: Mutex<()> = Mutex::new(());
const LARGE_FILE: usize = 1 << 20;

/// Formats one file; `Ok(true)` when its text changes (or would).
fn format_file(path: &Path, check_only: bool, force: bool) -> Result<bool, String> {
    let text = read_text(path)?;
    // Nothing the lock guards can be left half-done by a panic: go on.
    let _turn = (text.len() >= LARGE_FILE).then(|| LARGE_FILE_TURN.lock().unwrap_or_else(PoisonError::into_inner));
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
        write_atomically(path, &formatted, Rules::spec(force))?;
    }
    Ok(true)
}
