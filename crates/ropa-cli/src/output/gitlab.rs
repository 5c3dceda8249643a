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

use super::in_order::write_in_order;
use super::pretty::Object;
use super::{Positions, Report, Splice};
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

/// The report as `serde_json` writes a list of issues, pretty: the
/// findings' issues rendered on every core.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut list = Splice::open(out, b"[]\n", b"[]", b"\n")?;
    let mut unreadable_issues = Vec::new();
    for problem in report.problems {
        element(&mut unreadable_issues, &unreadable(problem));
    }
    list.piece(out, &unreadable_issues)?;
    for ((workspace, findings), ids) in report.results.iter().zip(&report.ids) {
        let positions = Positions::new(workspace);
        let render = |text: &mut Vec<u8>, at: usize, finding: &Diagnostic| {
            if let Some(id) = ids.get(at) {
                element(text, &issue(&positions, finding, *id));
            }
            Ok(())
        };
        write_in_order(out, findings, 420, render, |out, piece| list.piece(out, piece))?;
    }
    list.close(out)
}

/// One issue as an element of the list, after its `,` and line break, as
/// serde_json writes it there (a test holds the two together).
fn element(text: &mut Vec<u8>, issue: &Issue) {
    text.extend_from_slice(b",\n  ");
    let mut o = Object::open(text, 2);
    o.string("description", &issue.description);
    o.string("check_name", issue.check_name);
    o.string("fingerprint", &issue.fingerprint);
    o.string("severity", issue.severity);
    let depth = o.depth();
    let mut location = Object::open(o.key("location"), depth);
    location.string("path", &issue.location.path);
    let depth = location.depth();
    let mut lines = Object::open(location.key("lines"), depth);
    lines.number("begin", issue.location.lines.begin);
    lines.number("end", issue.location.lines.end);
    lines.close();
    location.close();
    o.close();
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
            path: escape(&ropa_check::fingerprint::normalised_path(path)).into_owned(),
            lines: Lines { begin, end },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Seq, map_findings, write_json};

    /// The report as one serializer writes it: what [`render`] must write,
    /// however it divides the work.
    fn serially(report: &Report) -> Vec<u8> {
        let issues = Seq(|| {
            report
                .problems
                .iter()
                .map(unreadable)
                .chain(map_findings(report, issue))
        });
        let mut out = Vec::new();
        write_json(&mut out, &issues).expect("into memory");
        out
    }

    #[test]
    fn issues_rendered_on_every_core_are_the_serial_list() {
        crate::output::fixture::assert_renders_as(render, serially);
    }
}
