//! Findings as source snippets with underlines, through codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as Level};
use codespan_reporting::files::Error;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{NoColor, WriteColor};
use ropa_check::{Diagnostic, Workspace};
use ropa_syntax::kdl::lines;
use ropa_syntax::values::Severity;

use super::Report;
use super::in_order::write_in_order;
use super::sources::Sources;
use crate::load::display;
use crate::visible::escape;

pub fn render(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let config = term::Config::default();
    for problem in report.problems {
        let snippet: Snippet<usize> = Snippet::error()
            .with_message(escape(&format!("{}: {}", display(&problem.path), problem.message)))
            .with_code("io-error");
        emit(out, &config, &Sources::empty(), &snippet)?;
    }
    for (workspace, findings) in &report.results {
        let files = Sources::of(workspace);
        if out.supports_color() {
            // A terminal: colours go through the terminal's writer (on some
            // consoles they are calls, not bytes), one finding at a time.
            for finding in findings {
                emit(out, &config, &files, &snippet(workspace, finding))?;
            }
            continue;
        }
        // A file, a pipe or a CI log: the findings are rendered on every
        // core and written in order, the same bytes as one at a time.
        let render = |text: &mut Vec<u8>, _, finding: &Diagnostic| {
            emit(&mut NoColor::new(text), &config, &files, &snippet(workspace, finding))
        };
        write_in_order(out, findings, 600, render, |out, piece| out.write_all(piece))?;
    }
    summary(report, out)
}

fn emit(
    out: &mut dyn WriteColor,
    config: &term::Config,
    files: &Sources,
    snippet: &Snippet<usize>,
) -> std::io::Result<()> {
    term::emit(out, config, files, snippet).map_err(|e| match e {
        // Kept as is, so that a closed pipe is still recognised as one.
        Error::Io(e) => e,
        e => std::io::Error::other(e.to_string()),
    })
}

/// Lines longer than this are not printed as snippets: a minified or
/// generated file would otherwise repeat a megabyte line per finding.
const MAX_SNIPPET_LINE: usize = 400;

/// The length of the line(s) a span touches, in bytes.
fn line_width(text: &str, span: ropa_syntax::Span) -> usize {
    let start = (span.start as usize).min(text.len());
    let end = (span.end as usize).min(text.len());
    let line_start = lines::line_start(text, start);
    let line_end = lines::line_end(text, end);
    line_end.saturating_sub(line_start)
}

fn snippet(workspace: &Workspace, finding: &Diagnostic) -> Snippet<usize> {
    let level = match finding.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    };
    let showable = |file: ropa_check::FileId, span: ropa_syntax::Span| {
        workspace
            .file(file)
            .is_some_and(|f| line_width(&f.text, span) <= MAX_SNIPPET_LINE)
    };
    let file = finding.file.0 as usize;
    let mut notes = Vec::new();
    let mut labels = Vec::new();
    if showable(finding.file, finding.span) {
        labels.push(Label::primary(file, finding.span.range()));
    } else if let Some(f) = workspace.file(finding.file) {
        let (line, column) = ropa_syntax::position::line_col(&f.text, finding.span.start);
        notes.push(format!(
            "at {}:{line}:{column} (the line is too long to show)",
            escape(&f.path)
        ));
    }
    labels.extend(
        finding
            .related
            .iter()
            .filter(|r| showable(r.file, r.span))
            .map(|r| Label::secondary(r.file.0 as usize, r.span.range()).with_message(escape(&r.message))),
    );
    if let Some(help) = &finding.help {
        notes.push(format!("help: {}", escape(help)));
    }
    if finding.rule.info().category != ropa_check::Category::Structure {
        notes.push(format!("see `ropa explain {}`", finding.rule.id()));
    }
    Snippet::new(level)
        .with_message(escape(&finding.message))
        .with_code(finding.rule.id())
        .with_labels(labels)
        .with_notes(notes)
}

fn summary(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    super::write_summary(report, out)
}
