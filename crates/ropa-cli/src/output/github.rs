//! Findings as GitHub Actions workflow commands: each becomes an annotation
//! on the pull request's diff (`::error file=…,line=…::message`).
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n`;
//! in properties also `:` and `,`, which would otherwise end the value.

use std::io::{self, Write};

use ropa_check::fingerprint::normalise_path;
use ropa_syntax::values::Severity;

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
        for finding in findings {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = positions.position(finding.file, finding.span.start);
            let end = positions.position(finding.file, finding.span.end);
            write!(
                out,
                "::{command} file={},line={},endLine={}",
                property(&normalise_path(positions.path(finding.file))),
                start.line,
                end.line
            )?;
            // The runner ignores columns on annotations that span lines.
            if start.line == end.line {
                write!(out, ",col={},endColumn={}", start.column, end.column)?;
            }
            let mut message = finding.message.to_string();
            if let Some(help) = &finding.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                ",title={}::{}",
                property(&format!("ropa {}", finding.rule.id())),
                data(&message)
            )?;
        }
    }
    if let Some(note) = super::fixed_note(report) {
        writeln!(out, "::notice title={}::{}", property("ropa baseline"), data(&note))?;
    }
    if !report.quiet {
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
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
