//! Findings as a GitLab Code Quality report: a JSON array of issues, shown
//! in the merge request's Code Quality widget and diff.
//!
//! GitLab tells issues apart, and matches them between the merge request
//! and its target branch, by `fingerprint`: ropa's finding identity
//! (fingerprint and occurrence), which is unique in a report and does not
//! change when lines move.

use ropa_check::Diagnostic;
use ropa_check::fingerprint::FindingId;
use ropa_syntax::values::Severity;
use serde::Serialize;

use super::{Positions, Report, Seq, map_findings, write_json};
use crate::discover::Problem;
use crate::load::display;
use crate::visible::escape;

#[derive(Serialize)]
pub struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let issues = Seq(|| {
        report
            .problems
            .iter()
            .map(unreadable)
            .chain(map_findings(report, issue))
    });
    write_json(out, &issues)
}

fn unreadable(problem: &Problem) -> Issue {
    let path = escape(&ropa_check::fingerprint::normalise_path(&display(&problem.path))).into_owned();
    Issue {
        description: format!("cannot read: {}", escape(&problem.message)),
        check_name: "io-error",
        fingerprint: format!("io-error:{path}"),
        severity: "critical",
        location: Location {
            path,
            lines: Lines { begin: 1, end: 1 },
        },
    }
}

fn issue(positions: &Positions, finding: &Diagnostic, id: FindingId) -> Issue {
    let start = positions.position(finding.file, finding.span.start);
    let end = positions.position(finding.file, finding.span.end);
    issue_at(
        finding.rule.id(),
        finding.severity,
        &finding.message,
        finding.help.as_deref(),
        id.to_string(),
        positions.path(finding.file),
        (start.line, end.line),
    )
}

/// One Code Quality issue, as both `ropa check` and `ropa scan` write it.
pub fn issue_at(
    rule: &'static str,
    severity: Severity,
    message: &str,
    help: Option<&str>,
    fingerprint: String,
    path: &str,
    (begin, end): (usize, usize),
) -> Issue {
    Issue {
        description: match help {
            Some(help) => format!("{} (help: {})", escape(message), escape(help)),
            None => escape(message).into_owned(),
        },
        check_name: rule,
        fingerprint,
        severity: match severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Info => "info",
        },
        location: Location {
            path: escape(&ropa_check::fingerprint::normalise_path(path)).into_owned(),
            lines: Lines { begin, end },
        },
    }
}
