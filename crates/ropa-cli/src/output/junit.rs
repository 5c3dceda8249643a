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

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use rayon::prelude::*;

use ropa_check::Diagnostic;
use ropa_check::fingerprint::{FindingId, normalise_path};
use ropa_syntax::values::{Keyword, Severity};

use super::in_order::write_in_order;
use super::replaced::replaced;
use super::{Position, Positions, Report, fails};
use crate::load::display;
use crate::visible::{escape, escape_lines};

/// A test case as what it reports, not yet its text: every suite's counts
/// must be known before the first line is written, and holding the text of
/// every finding until then would cost a copy of the output.
enum Case<'a> {
    /// A file without findings.
    Passed,
    Finding {
        finding: &'a Diagnostic,
        id: FindingId,
        start: Position,
    },
    Unreadable {
        message: &'a str,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failure,
    Skipped,
    Error,
}

impl Case<'_> {
    fn outcome(&self, fail_on: Severity) -> Outcome {
        match self {
            Case::Passed => Outcome::Passed,
            Case::Finding { finding, .. } if fails(finding.severity, fail_on) => Outcome::Failure,
            Case::Finding { .. } => Outcome::Skipped,
            Case::Unreadable { .. } => Outcome::Error,
        }
    }
}

/// Test cases grouped by file, files in the order first seen.
#[derive(Default)]
struct Suites<'a> {
    order: Vec<String>,
    index: HashMap<String, usize>,
    by_suite: Vec<Vec<Case<'a>>>,
}

impl<'a> Suites<'a> {
    fn suite(&mut self, file: &str) -> usize {
        if let Some(i) = self.index.get(file) {
            return *i;
        }
        self.order.push(file.to_owned());
        self.by_suite.push(Vec::new());
        self.index.insert(file.to_owned(), self.order.len() - 1);
        self.order.len() - 1
    }
    fn add(&mut self, file: &str, case: Case<'a>) {
        let i = self.suite(file);
        self.by_suite[i].push(case);
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Suites by file, in report order (files are sorted within workspaces).
    let mut suites = Suites::default();
    for problem in report.problems {
        let file = normalise_path(&display(&problem.path));
        suites.add(
            &file,
            Case::Unreadable {
                message: &problem.message,
            },
        );
    }
    for ((workspace, findings), ids) in report.results.iter().zip(&report.ids) {
        let positions = Positions::new(workspace);
        // Each file's suite, by file id: found once per file, not per finding.
        let mut suite_of = vec![None; workspace.files.last().map_or(0, |f| f.id.0 as usize + 1)];
        for file in &workspace.files {
            let suite = suites.suite(&normalise_path(&file.path));
            if let Some(slot) = suite_of.get_mut(file.id.0 as usize) {
                *slot = Some(suite);
            }
        }
        let starts: Vec<Position> = findings
            .par_iter()
            .map(|finding| positions.position(finding.file, finding.span.start))
            .collect();
        for ((finding, id), start) in findings.iter().zip(ids).zip(starts) {
            let suite = match suite_of.get(finding.file.0 as usize).copied().flatten() {
                Some(suite) => suite,
                None => suites.suite(&normalise_path(positions.path(finding.file))),
            };
            suites.by_suite[suite].push(Case::Finding {
                finding,
                id: *id,
                start,
            });
        }
    }
    let Suites {
        order, mut by_suite, ..
    } = suites;
    for list in &mut by_suite {
        if list.is_empty() {
            list.push(Case::Passed);
        }
    }

    let fail_on = report.fail_on;
    let count = |list: &[Case], outcome| list.iter().filter(|c| c.outcome(fail_on) == outcome).count();
    let total = |outcome| by_suite.iter().map(|list| count(list, outcome)).sum::<usize>();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"ropa check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">",
        by_suite.iter().map(Vec::len).sum::<usize>(),
        total(Outcome::Failure),
        total(Outcome::Error),
        total(Outcome::Skipped),
    )?;
    // Every suite's lines in one list, rendered on every core.
    let lines: Vec<Line> = by_suite
        .iter()
        .enumerate()
        .flat_map(|(suite, list)| {
            std::iter::once(Line::Open(suite))
                .chain(list.iter().map(move |case| Line::Case(suite, case)))
                .chain(std::iter::once(Line::Close))
        })
        .collect();
    let render = |text: &mut Vec<u8>, _, line: &Line| match *line {
        Line::Open(suite) => {
            let list = by_suite.get(suite).map_or(&[][..], Vec::as_slice);
            writeln!(
                text,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">",
                attribute(&escape(file_of(&order, suite))),
                list.len(),
                count(list, Outcome::Failure),
                count(list, Outcome::Error),
                count(list, Outcome::Skipped),
            )
        }
        Line::Case(suite, case) => write_case(text, file_of(&order, suite), case, fail_on),
        Line::Close => writeln!(text, "  </testsuite>"),
    };
    write_in_order(out, &lines, 400, render, |out, piece| out.write_all(piece))?;
    writeln!(out, "</testsuites>")
}

/// A line of the report's body: a suite's opening tag (by its index), one
/// of its test cases, or its closing tag.
enum Line<'c> {
    Open(usize),
    Case(usize, &'c Case<'c>),
    Close,
}

/// The file a suite is named after.
fn file_of(order: &[String], suite: usize) -> &str {
    order.get(suite).map_or("", String::as_str)
}

fn write_case(out: &mut dyn Write, file: &str, case: &Case, fail_on: Severity) -> io::Result<()> {
    match case {
        Case::Passed => write_passed(out, file, "no findings"),
        Case::Unreadable { message } => {
            let file = &*escape(file);
            writeln!(
                out,
                "    <testcase name=\"read\" classname=\"{}\" file=\"{}\" time=\"0\">\n      <error message=\"{}\" type=\"io-error\"/>\n    </testcase>",
                attribute(file),
                attribute(file),
                attribute(&escape(message))
            )
        }
        Case::Finding { finding, id, start } => {
            let mut name = format!("{}: {}", finding.rule.id(), escape(&finding.message));
            if id.occurrence > 1 {
                let _ = write!(name, " ({})", id.occurrence);
            }
            write_finding(
                out,
                &FindingCase {
                    name: &name,
                    file,
                    line: start.line,
                    column: Some(start.column),
                    rule: finding.rule.id(),
                    severity: finding.severity,
                    message: &finding.message,
                    help: finding.help.as_deref(),
                    explain: true,
                },
                fail_on,
            )
        }
    }
}

/// A passing test case (a file or a run without findings).
pub fn write_passed(out: &mut dyn Write, file: &str, name: &str) -> io::Result<()> {
    let file = &*escape(file);
    writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"0\"/>",
        attribute(name),
        attribute(file),
        attribute(file),
    )
}

/// A finding as a test case, as both `ropa check` and `ropa scan` write it.
pub struct FindingCase<'a> {
    /// Stable across runs: no line numbers.
    pub name: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: Option<usize>,
    pub rule: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// Whether `ropa explain RULE` explains the rule.
    pub explain: bool,
}

/// A `<failure>` at or above `fail_on`, `<skipped>` below it.
pub fn write_finding(out: &mut dyn Write, case: &FindingCase, fail_on: Severity) -> io::Result<()> {
    // CI pages and logs show these: spec text and file names escaped as in
    // the terminal (XML escaping alone keeps ESC's neighbours and bidi
    // overrides).
    let file = &*escape(case.file);
    write!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"",
        attribute(case.name),
        attribute(file),
        attribute(file),
        case.line
    )?;
    let rule = case.rule;
    if fails(case.severity, fail_on) {
        let at = match case.column {
            Some(column) => format!("{file}:{}:{column}", case.line),
            None => format!("{file}:{}", case.line),
        };
        let mut body = format!(
            "{}[{rule}]: {}\n  at {at}",
            case.severity.as_str(),
            escape(case.message),
        );
        if let Some(help) = case.help {
            let _ = write!(body, "\n  help: {}", escape_lines(help));
        }
        if case.explain {
            let _ = write!(body, "\n  see: ropa explain {rule}");
        }
        writeln!(
            out,
            ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
            attribute(&escape(case.message)),
            attribute(rule),
            text(&body)
        )
    } else {
        let message = format!(
            "{}, below --fail-on {}: {}",
            case.severity.as_str(),
            fail_on.as_str(),
            escape(case.message)
        );
        writeln!(
            out,
            ">\n      <skipped message=\"{}\"/>\n    </testcase>",
            attribute(&message)
        )
    }
}

/// Text safe in XML 1.0 character data: markup escaped, and characters XML
/// cannot carry at all (most control characters) replaced.
pub fn text(value: &str) -> Cow<'_, str> {
    replaced(value, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\t' | '\n' | '\r' => None,
        c if is_xml_char(c) => None,
        _ => Some("\u{FFFD}"),
    })
}

/// Text safe in a double-quoted XML attribute; line breaks and tabs are kept
/// as character references, which attribute normalisation would otherwise
/// turn into spaces.
pub fn attribute(value: &str) -> Cow<'_, str> {
    replaced(value, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\t' => Some("&#9;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        c if is_xml_char(c) => None,
        _ => Some("\u{FFFD}"),
    })
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
