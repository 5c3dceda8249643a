//! Findings as GitHub Actions workflow commands: each becomes an annotation
//! on the pull request's diff (`::error file=…,line=…::message`).
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n`;
//! in properties also `:` and `,`, which would otherwise end the value.

use std::borrow::Cow;
use std::io::{self, Write};

use ropa_check::fingerprint::{normalise_path, normalised_path};
use ropa_check::{Diagnostic, Rule};
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
    // Made once, not for each finding.
    let titles: Vec<String> = Rule::ALL.iter().map(|rule| format!("ropa {}", rule.id())).collect();
    for (workspace, findings) in &report.results {
        let positions = Positions::new(workspace);
        let render = |text: &mut Vec<u8>, _, finding: &Diagnostic| {
            let start = positions.position(finding.file, finding.span.start);
            let end = positions.position(finding.file, finding.span.end);
            let file = normalised_path(positions.path(finding.file));
            let title = titles.get(finding.rule as usize).map_or_else(
                || Cow::Owned(format!("ropa {}", finding.rule.id())),
                |title| Cow::Borrowed(title.as_str()),
            );
            annotation(
                text,
                &Annotation {
                    severity: finding.severity,
                    file: &file,
                    line: start.line,
                    end_line: end.line,
                    columns: Some((start.column, end.column)),
                    title: &title,
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
    write!(out, "::{command} file=")?;
    write_escaped(out, a.file, Field::Property)?;
    write!(out, ",line={},endLine={}", a.line, a.end_line)?;
    // The runner ignores columns on annotations that span lines.
    if let Some((start, end)) = a.columns.filter(|_| a.line == a.end_line) {
        write!(out, ",col={start},endColumn={end}")?;
    }
    out.write_all(b",title=")?;
    write_escaped(out, a.title, Field::Property)?;
    out.write_all(b"::")?;
    write_escaped(out, a.message, Field::Message)?;
    if let Some(help) = a.help {
        // One message with the help on its own line, as the runner shows it.
        out.write_all(b"%0Ahelp: ")?;
        write_escaped(out, help, Field::MessageRest)?;
    }
    out.write_all(b"\n")
}

/// Escapes a command's message.
/// Other control characters and bidi overrides are escaped visibly.
pub fn data(text: &str) -> String {
    escaped(text, Field::Message)
}

/// Escapes a command property's value.
pub fn property(text: &str) -> String {
    escaped(text, Field::Property)
}

fn escaped(text: &str, field: Field) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Into memory: cannot fail.
    let _ = write_escaped(&mut out, text, field);
    String::from_utf8_lossy(&out).into_owned()
}

/// Where escaped text goes in a workflow command.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    /// A property's value (`file=`, `title=`), which `:` and `,` would end.
    Property,
    /// The message, from its start.
    Message,
    /// The message after its first line: no workflow command can start there.
    MessageRest,
}

/// Writes `text` escaped as the runner decodes it (`%`, `\r`, `\n`, and in
/// properties `:` and `,` percent-encoded) and as a log must show it
/// (`crate::visible`: hidden characters and workflow-command markers
/// escaped visibly), in one pass that writes the runs between escapes
/// whole. Made one after another, each into a new text, the escapes cost
/// 3 % of the CPU of a large record's annotations (BENCHMARKS.md).
fn write_escaped(out: &mut dyn Write, text: &str, field: Field) -> io::Result<()> {
    // The first colon of a `::` at the start, after spaces (not after a
    // line break: percent-encoded, it is text before the colon).
    let command_colon = (field != Field::MessageRest)
        .then(|| {
            let rest = text.trim_start_matches(|c: char| c.is_whitespace() && !matches!(c, '\r' | '\n'));
            rest.starts_with("::").then(|| text.len() - rest.len())
        })
        .flatten();
    let property = field == Field::Property;
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let marker = command_colon == Some(at) || (c == '#' && text[at..].starts_with("##["));
        let percent = match c {
            '%' => Some("%25"),
            '\r' => Some("%0D"),
            '\n' => Some("%0A"),
            ':' if property && !marker => Some("%3A"),
            ',' if property => Some("%2C"),
            _ => None,
        };
        if percent.is_none() && !marker && !crate::visible::hidden(c) {
            continue;
        }
        out.write_all(&text.as_bytes()[run..at])?;
        match percent {
            Some(escape) => out.write_all(escape.as_bytes())?,
            None => write!(out, "\\u{{{:x}}}", c as u32)?,
        }
        run = at + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[run..])
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

    /// The escapes as the runner's rules and visible.rs define them, made
    /// one after another.
    fn data_in_steps(text: &str) -> String {
        let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
        crate::visible::escape(&text).into_owned()
    }

    fn property_in_steps(text: &str) -> String {
        data_in_steps(text).replace(':', "%3A").replace(',', "%2C")
    }

    #[test]
    fn escapes_in_one_pass_are_the_escapes_in_steps() {
        let texts = [
            "",
            "plain text",
            "100%\r\nnext",
            "::x",
            "  ::x,y:z",
            "\t::a",
            "\u{2028}::a",
            "\n::a",
            " \r::a",
            ":",
            "::",
            " : :",
            "a##[b",
            "##[",
            "#[#",
            "\u{1b}[31mred",
            "é … ü",
            "\u{202e}abc\u{200b}",
            "a:b,c%",
            "%0A",
            "x\u{85}y\u{7f}",
            "add `records=\"…\"`: where",
        ];
        for text in texts {
            assert_eq!(data(text), data_in_steps(text), "{text:?}");
            assert_eq!(property(text), property_in_steps(text), "{text:?}");
        }
        // An annotation's message and help are one message, help on its own line.
        for message in texts {
            for help in [None, Some("::b"), Some("a##"), Some("[x] … \u{1b}"), Some("")] {
                let mut out = Vec::new();
                annotation(
                    &mut out,
                    &Annotation {
                        severity: Severity::Warning,
                        file: "a:b.ropa.kdl",
                        line: 1,
                        end_line: 2,
                        columns: Some((1, 2)),
                        title: "ropa x",
                        message,
                        help,
                    },
                )
                .expect("into memory");
                let joined = match help {
                    Some(help) => format!("{message}\nhelp: {help}"),
                    None => message.to_owned(),
                };
                let expected = format!(
                    "::warning file={},line=1,endLine=2,title={}::{}\n",
                    property_in_steps("a:b.ropa.kdl"),
                    property_in_steps("ropa x"),
                    data_in_steps(&joined)
                );
                assert_eq!(String::from_utf8_lossy(&out), expected, "{message:?} {help:?}");
            }
        }
    }
}
