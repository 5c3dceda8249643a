//! Findings as JSON objects: the fields `ropa check --format json` and the
//! WebAssembly build's `check` share. Each adds its own beside them (the
//! CLI a fingerprint and its help index, the browser LSP ranges).

use ropa_syntax::position::LineIndex;
use ropa_syntax::values::{Keyword, Severity};
use serde::Serialize;

use crate::par::prelude::*;
use crate::{Diagnostic, FileId, Workspace};

/// A finding where it stands: rule, severity, message, and its place as
/// `ropa check` prints it (1-based lines, columns counting characters)
/// and as byte offsets.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: u32,
    pub byte_end: u32,
    pub entity: Option<&'a str>,
    pub related: Vec<RelatedJson<'a>>,
}

/// Another place a finding involves.
#[derive(Debug, Serialize)]
pub struct RelatedJson<'a> {
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub byte_start: u32,
    pub byte_end: u32,
}

/// The findings of one workspace as JSON objects, with its files' lines
/// indexed once.
pub struct FindingsJson<'a> {
    workspace: &'a Workspace,
    lines: Vec<LineIndex>,
}

impl<'a> FindingsJson<'a> {
    pub fn new(workspace: &'a Workspace) -> Self {
        FindingsJson {
            workspace,
            lines: workspace.files.par_iter().map(|f| LineIndex::new(&f.text)).collect(),
        }
    }

    pub fn finding(&self, f: &'a Diagnostic) -> FindingJson<'a> {
        let file = self.path(f.file);
        let ((line, column), (end_line, end_column)) =
            self.indexed(f.file).map_or(((1, 1), (1, 1)), |(text, index)| {
                index.span_line_cols(text, f.span.start, f.span.end)
            });
        FindingJson {
            rule: f.rule.id(),
            severity: f.severity.as_str(),
            message: &f.message,
            file,
            line,
            column,
            end_line,
            end_column,
            byte_start: f.span.start,
            byte_end: f.span.end,
            entity: f.entity.as_deref(),
            related: f
                .related
                .iter()
                .map(|r| {
                    let (line, column) = self.line_col(r.file, r.span.start);
                    RelatedJson {
                        message: &r.message,
                        file: self.path(r.file),
                        line,
                        column,
                        byte_start: r.span.start,
                        byte_end: r.span.end,
                    }
                })
                .collect(),
        }
    }

    fn path(&self, file: FileId) -> &'a str {
        self.workspace.file(file).map_or("", |f| f.path.as_str())
    }

    /// 1-based line and column of an offset; line 1, column 1 for a file
    /// the workspace does not hold.
    fn line_col(&self, file: FileId, offset: u32) -> (usize, usize) {
        self.indexed(file)
            .map_or((1, 1), |(text, index)| index.line_col(text, offset))
    }

    /// A file's text and its line starts.
    fn indexed(&self, file: FileId) -> Option<(&'a str, &LineIndex)> {
        let text = self.workspace.file(file)?.text.as_str();
        Some((text, self.lines.get(file.0 as usize)?))
    }
}

/// How many files were read, and the findings per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub files: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    /// Counts a workspace of `files` files and its findings.
    pub fn add(&mut self, files: usize, findings: &[Diagnostic]) {
        self.files += files;
        for finding in findings {
            match finding.severity {
                Severity::Error => self.error += 1,
                Severity::Warning => self.warning += 1,
                Severity::Info => self.info += 1,
            }
        }
    }
}
