//! `ropa check`: discover workspaces, check them, print the findings.

use std::path::PathBuf;

use ropa_check::{Diagnostic, rank};
use ropa_syntax::values::Severity;

use super::{buffer, fail, print, use_color};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::discover::{SPEC_SUFFIX, discover};
use crate::exit;
use crate::load::{Loaded, display, load};
use crate::output::{self, Report};

pub fn run(args: &CheckArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (jobs, mut problems) = discover(&paths);
    if jobs.is_empty() && problems.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| display(p)).collect();
        return fail(&format!(
            "no spec files in {}: spec file names end in `{SPEC_SUFFIX}`; `ropa.kdl` marks a workspace (see docs/language.md)",
            names.join(", ")
        ));
    }
    let loaded: Vec<Loaded> = jobs.iter().map(|job| load(job, &mut problems)).collect();
    let results: Vec<_> = loaded
        .iter()
        .map(|l| {
            let mut findings = ropa_check::check(&l.workspace);
            if let Some(selected) = &l.selected {
                findings.retain(|f| selected.contains(&f.file));
            }
            (&l.workspace, findings)
        })
        .collect();
    let report = Report {
        results,
        problems: &problems,
    };
    let status = exit_status(&report, args.fail_on);
    let printed = match args.format {
        Format::Human => {
            let mut out = buffer(use_color(args.color));
            if let Err(err) = output::human::render(&report, &mut out) {
                return fail(&format!("cannot render the findings: {err}"));
            }
            print(out.as_slice())
        }
        Format::Json => print(output::json::render(&report).as_bytes()),
    };
    status.max(printed)
}

fn exit_status(report: &Report, fail_on: FailOn) -> u8 {
    if !report.problems.is_empty() {
        return exit::TROUBLE;
    }
    let threshold = rank(match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    });
    let failing = |f: &Diagnostic| rank(f.severity) >= threshold;
    if report.results.iter().any(|(_, findings)| findings.iter().any(failing)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
