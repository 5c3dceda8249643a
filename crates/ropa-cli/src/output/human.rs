//! Findings as source snippets with underlines, through codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};
use ropa_check::{Diagnostic, Workspace};
use ropa_syntax::values::Severity;

use super::{Report, plural};
use crate::load::display;

pub fn render(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let config = term::Config::default();
    for problem in report.problems {
        let snippet: Snippet<usize> = Snippet::error()
            .with_message(format!("{}: {}", display(&problem.path), problem.message))
            .with_code("io-error");
        emit(out, &config, &SimpleFiles::<String, String>::new(), &snippet)?;
    }
    for (workspace, findings) in &report.results {
        let files = files_of(workspace);
        for finding in findings {
            emit(out, &config, &files, &snippet(finding))?;
        }
    }
    summary(report, out)
}

fn emit(
    out: &mut dyn WriteColor,
    config: &term::Config,
    files: &SimpleFiles<String, String>,
    snippet: &Snippet<usize>,
) -> std::io::Result<()> {
    term::emit(out, config, files, snippet).map_err(|e| std::io::Error::other(e.to_string()))
}

fn files_of(workspace: &Workspace) -> SimpleFiles<String, String> {
    let mut files = SimpleFiles::new();
    for file in &workspace.files {
        files.add(file.path.clone(), file.text.clone());
    }
    files
}

fn snippet(finding: &Diagnostic) -> Snippet<usize> {
    let level = match finding.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    };
    let file = finding.file.0 as usize;
    let mut labels = vec![Label::primary(file, finding.span.range())];
    labels.extend(
        finding
            .related
            .iter()
            .map(|r| Label::secondary(r.file.0 as usize, r.span.range()).with_message(&r.message)),
    );
    let mut notes = Vec::new();
    if let Some(help) = &finding.help {
        notes.push(format!("help: {help}"));
    }
    if finding.rule.info().category != ropa_check::Category::Structure {
        notes.push(format!("see `ropa explain {}`", finding.rule.id()));
    }
    Snippet::new(level)
        .with_message(&finding.message)
        .with_code(finding.rule.id())
        .with_labels(labels)
        .with_notes(notes)
}

fn summary(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let counts = report.counts();
    let checked = plural(counts.files, "file", "files");
    if counts.error + counts.warning + counts.info == 0 && report.problems.is_empty() {
        return writeln!(out, "No findings in {checked}.");
    }
    let mut parts = vec![
        plural(counts.error, "error", "errors"),
        plural(counts.warning, "warning", "warnings"),
    ];
    parts.push(plural(counts.info, "info", "infos"));
    let unreadable = if report.problems.is_empty() {
        String::new()
    } else {
        format!(
            " ({} could not be read)",
            plural(report.problems.len(), "path", "paths")
        )
    };
    writeln!(out, "Found {} in {checked}{unreadable}.", parts.join(", "))
}
