//! Findings as GitHub Actions workflow commands: each becomes an annotation
//! on the pull request's diff (`::error file=…,line=…::message`).
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n`;
//! in properties also `:` and `,`, which would otherwise end the value.

use std::io::{self, Write};

use ropa_check::Diagnostic;
use ropa_check::fingerprint::normalise_path;
use ropa_syntax::values::Severity;

use super::in_order::write_in_order;
use super::{Positions, Report};
use crate::load::display;

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for problem in report.problems {
        writeln!(
            out,
            "::error file={},title={}::{}",
            property(&normalise_path(&display(&problem.path))),
            property("ropa: cannot read"),
            data(&problem.message)
        )?;
    }
    for (workspace, findings) in &report.results {
        let positions = Positions::new(workspace);
        let render = |text: &mut Vec<u8>, _, finding: &Diagnostic| {
            let start = positions.position(finding.file, finding.span.start);
            let end = positions.position(finding.file, finding.span.end);
            annotation(
                text,
                &Annotation {
                    severity: finding.severity,
                    file: &normalise_path(positions.path(finding.file)),
                    line: start.line,
                    end_line: end.line,
                    columns: Some((start.column, end.column)),
                    title: &format!("ropa {}", finding.rule.id()),
                    message: &finding.message,
                    help: finding.help.as_deref(),
                },
            )
        };
        write_in_order(out, findings, 320, render, |out, piece| out.write_all(piece))?;
    }
    if let Some(note) = super::fixed_note(report) {
        writeln!(out, "::notice title={}::{}", property("ropa baseline"), data(&note))?;
    }
    if !report.quiet {
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}

/// One annotation, as both `ropa check` and `ropa scan` write it.
pub struct Annotation<'a> {
    pub severity: Severity,
    /// Relative to the repository root, `/`-separated.
    pub file: &'a str,
    pub line: usize,
    pub end_line: usize,
    /// Start and end column, when known.
    pub columns: Option<(usize, usize)>,
    pub title: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

/// Writes one workflow command: `::warning file=…,line=…,title=…::message`.
pub fn annotation(out: &mut dyn Write, a: &Annotation) -> io::Result<()> {
    let command = match a.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    write!(
        out,
        "::{command} file={},line={},endLine={}",
        property(a.file),
        a.line,
        a.end_line
    )?;
    // The runner ignores columns on annotations that span lines.
    if let Some((start, end)) = a.columns.filter(|_| a.line == a.end_line) {
        write!(out, ",col={start},endColumn={end}")?;
    }
    let mut message = a.message.to_owned();
    if let Some(help) = a.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    writeln!(out, ",title={}::{}", property(a.title), data(&message))
}

/// Escapes a command's message.
/// Other control characters and bidi overrides are escaped visibly.
pub fn data(text: &str) -> String {
    let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    crate::visible::escape(&text).into_owned()
}

/// Escapes a command property's value.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
        // Escaping `%` first keeps the other escapes intact.
        assert_eq!(data("%0A"), "%250A");
    }
}
