//! Findings as JSON. The schema is documented in docs/cli.md ("JSON output") and is
//! versioned: fields are only ever added within a version.

use ropa_check::{Diagnostic, Workspace};
use ropa_syntax::position::LineIndex;
use ropa_syntax::values::Keyword;
use serde::Serialize;

use super::{Report, Seq, write_json};
use crate::load::display;

#[derive(Serialize)]
struct Document<D> {
    version: u32,
    diagnostics: D,
    /// Paths that could not be read.
    errors: Vec<PathError>,
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: u32,
    byte_end: u32,
    entity: Option<&'a str>,
    /// Stable identity across edits (`FINGERPRINT:OCCURRENCE`, as in SARIF
    /// and baselines).
    fingerprint: Option<String>,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    byte_start: u32,
    byte_end: u32,
}

#[derive(Serialize)]
struct PathError {
    file: String,
    message: String,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    error: usize,
    warning: usize,
    info: usize,
    /// Findings hidden by `--baseline`, and baseline entries no longer found.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let diagnostics = Seq(|| {
        report
            .results
            .iter()
            .enumerate()
            .flat_map(|(index, (workspace, findings))| {
                let lines: Vec<LineIndex> = workspace.files.iter().map(|f| LineIndex::new(&f.text)).collect();
                let ids = report.ids.get(index);
                findings.iter().enumerate().map(move |(i, f)| {
                    let mut out = finding(workspace, &lines, f);
                    out.fingerprint = ids.and_then(|ids| ids.get(i)).map(ToString::to_string);
                    out
                })
            })
    });
    let counts = report.counts();
    let document = Document {
        version: 1,
        diagnostics,
        errors: report
            .problems
            .iter()
            .map(|p| PathError {
                file: display(&p.path),
                message: p.message.clone(),
            })
            .collect(),
        summary: Summary {
            files: counts.files,
            error: counts.error,
            warning: counts.warning,
            info: counts.info,
            baselined: report.baseline.as_ref().map(|b| b.hidden),
            fixed: report.baseline.as_ref().map(|b| b.fixed),
        },
    };
    write_json(out, &document)
}

fn finding<'a>(workspace: &'a Workspace, lines: &[LineIndex], f: &'a Diagnostic) -> Finding<'a> {
    let (path, text) = workspace
        .file(f.file)
        .map_or(("", ""), |file| (file.path.as_str(), file.text.as_str()));
    let line_col = |file: ropa_check::FileId, text: &str, offset: u32| {
        lines
            .get(file.0 as usize)
            .map_or((1, 1), |index| index.line_col(text, offset))
    };
    let (line, column) = line_col(f.file, text, f.span.start);
    let (end_line, end_column) = line_col(f.file, text, f.span.end);
    Finding {
        rule: f.rule.id(),
        severity: f.severity.as_str(),
        message: &f.message,
        help: f.help.as_deref(),
        file: path,
        line,
        column,
        end_line,
        end_column,
        byte_start: f.span.start,
        byte_end: f.span.end,
        entity: f.entity.as_deref(),
        fingerprint: None,
        related: f
            .related
            .iter()
            .map(|r| {
                let (path, text) = workspace
                    .file(r.file)
                    .map_or(("", ""), |file| (file.path.as_str(), file.text.as_str()));
                let (line, column) = line_col(r.file, text, r.span.start);
                RelatedOut {
                    message: &r.message,
                    file: path,
                    line,
                    column,
                    byte_start: r.span.start,
                    byte_end: r.span.end,
                }
            })
            .collect(),
    }
}
