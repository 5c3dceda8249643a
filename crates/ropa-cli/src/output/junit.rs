//! Findings as JUnit XML, for CI systems that show test reports (GitLab,
//! Jenkins, Azure Pipelines, …).
//!
//! Layout: one `<testsuite>` per file checked, one `<testcase>` per finding.
//! A finding at or above `--fail-on` is a `<failure>`; one below it is
//! `<skipped>`, so it shows without failing the report; a file without
//! findings gets one passing test case, so clean files count as passed. A
//! file that could not be read is an `<error>`.
//!
//! Test case names are `rule: message` (plus the occurrence for repeats):
//! no line numbers, so a CI system that tracks tests across runs sees the
//! same test after unrelated edits.

use std::collections::HashMap;
use std::fmt::Write;

use ropa_check::Diagnostic;
use ropa_check::fingerprint::{FindingId, normalise_path};
use ropa_syntax::values::Keyword;

use super::{Positions, Report, fails};
use crate::load::display;

enum Outcome {
    Passed,
    Failure {
        message: String,
        kind: String,
        body: String,
    },
    Skipped {
        message: String,
    },
    Error {
        message: String,
    },
}

/// Test cases grouped by file, files in the order first seen.
#[derive(Default)]
struct Suites {
    order: Vec<String>,
    index: HashMap<String, usize>,
    by_suite: Vec<Vec<Case>>,
}

impl Suites {
    fn suite(&mut self, file: &str) -> usize {
        if let Some(i) = self.index.get(file) {
            return *i;
        }
        self.order.push(file.to_owned());
        self.by_suite.push(Vec::new());
        self.index.insert(file.to_owned(), self.order.len() - 1);
        self.order.len() - 1
    }
    fn add(&mut self, file: &str, case: Case) {
        let i = self.suite(file);
        self.by_suite[i].push(case);
    }
}

struct Case {
    name: String,
    file: String,
    line: Option<usize>,
    outcome: Outcome,
}

pub fn render(report: &Report) -> String {
    // Suites by file, in report order (files are sorted within workspaces).
    let mut suites = Suites::default();
    for problem in report.problems {
        let file = normalise_path(&display(&problem.path));
        suites.add(
            &file,
            Case {
                name: "read".to_owned(),
                file: file.clone(),
                line: None,
                outcome: Outcome::Error {
                    message: problem.message.clone(),
                },
            },
        );
    }
    for ((workspace, findings), ids) in report.results.iter().zip(&report.ids) {
        let positions = Positions::new(workspace);
        for file in &workspace.files {
            suites.suite(&normalise_path(&file.path));
        }
        for (finding, id) in findings.iter().zip(ids) {
            let path = normalise_path(positions.path(finding.file));
            suites.add(&path, case(&positions, finding, *id, path.clone(), report));
        }
    }
    let Suites {
        order, mut by_suite, ..
    } = suites;
    for (file, list) in order.iter().zip(by_suite.iter_mut()) {
        if list.is_empty() {
            list.push(Case {
                name: "no findings".to_owned(),
                file: file.clone(),
                line: None,
                outcome: Outcome::Passed,
            });
        }
    }

    let count = |list: &[Case], pick: fn(&Outcome) -> bool| list.iter().filter(|c| pick(&c.outcome)).count();
    let is_failure = |o: &Outcome| matches!(o, Outcome::Failure { .. });
    let is_error = |o: &Outcome| matches!(o, Outcome::Error { .. });
    let is_skipped = |o: &Outcome| matches!(o, Outcome::Skipped { .. });
    let all: Vec<&Case> = by_suite.iter().flatten().collect();
    let total = |pick: fn(&Outcome) -> bool| all.iter().filter(|c| pick(&c.outcome)).count();

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"ropa check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">",
        all.len(),
        total(is_failure),
        total(is_error),
        total(is_skipped),
    );
    for (file, list) in order.iter().zip(&by_suite) {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">",
            attribute(file),
            list.len(),
            count(list, is_failure),
            count(list, is_error),
            count(list, is_skipped),
        );
        for case in list {
            let line = case.line.map_or(String::new(), |l| format!(" line=\"{l}\""));
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"{line} time=\"0\"",
                attribute(&case.name),
                attribute(&case.file),
                attribute(&case.file),
            );
            match &case.outcome {
                Outcome::Passed => out.push_str("/>\n"),
                Outcome::Failure { message, kind, body } => {
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
                        attribute(message),
                        attribute(kind),
                        text(body)
                    );
                }
                Outcome::Skipped { message } => {
                    let _ = writeln!(
                        out,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        attribute(message)
                    );
                }
                Outcome::Error { message } => {
                    let _ = writeln!(
                        out,
                        ">\n      <error message=\"{}\" type=\"io-error\"/>\n    </testcase>",
                        attribute(message)
                    );
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn case(positions: &Positions, finding: &Diagnostic, id: FindingId, path: String, report: &Report) -> Case {
    let start = positions.position(finding.file, finding.span.start);
    let mut name = format!("{}: {}", finding.rule.id(), finding.message);
    if id.occurrence > 1 {
        let _ = write!(name, " ({})", id.occurrence);
    }
    let severity = finding.severity.as_str();
    let outcome = if fails(finding.severity, report.fail_on) {
        let mut body = format!(
            "{severity}[{}]: {}\n  at {path}:{}:{}",
            finding.rule.id(),
            finding.message,
            start.line,
            start.column
        );
        if let Some(help) = &finding.help {
            let _ = write!(body, "\n  help: {help}");
        }
        let _ = write!(body, "\n  see: ropa explain {}", finding.rule.id());
        Outcome::Failure {
            message: finding.message.clone(),
            kind: finding.rule.id().to_owned(),
            body,
        }
    } else {
        Outcome::Skipped {
            message: format!(
                "{severity}, below --fail-on {}: {}",
                report.fail_on.as_str(),
                finding.message
            ),
        }
    };
    Case {
        name,
        file: path,
        line: Some(start.line),
        outcome,
    }
}

/// Text safe in XML 1.0 character data: markup escaped, and characters XML
/// cannot carry at all (most control characters) replaced.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Text safe in a double-quoted XML attribute; line breaks and tabs are kept
/// as character references, which attribute normalisation would otherwise
/// turn into spaces.
pub fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0 `Char`, less the three whitespace controls handled by callers.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(text("a < b && c > \"d\""), "a &lt; b &amp;&amp; c &gt; \"d\"");
        assert_eq!(attribute("\"it's\"\n"), "&quot;it&apos;s&quot;&#10;");
        assert_eq!(text("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(attribute("nul\u{0}"), "nul\u{FFFD}");
        assert_eq!(text("\u{FFFE}"), "\u{FFFD}");
    }
}
