//! Findings as JSON objects: the fields `ropa check --format json` and the
//! WebAssembly build's `check` share. Each adds its own beside them (the
//! CLI a fingerprint and its help index, the browser LSP ranges).

use ropa_syntax::values::{Keyword, Severity};
use serde::Serialize;

use crate::file_lines::FileLines;
use crate::{Diagnostic, Workspace};

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
    files: FileLines<'a>,
}

impl<'a> FindingsJson<'a> {
    pub fn new(workspace: &'a Workspace) -> Self {
        FindingsJson {
            files: FileLines::new(workspace),
        }
    }

    pub fn finding(&self, f: &'a Diagnostic) -> FindingJson<'a> {
        let file = self.files.get(f.file);
        // Line 1, column 1 in a file the workspace does not hold.
        let ((line, column), (end_line, end_column)) = file.map_or(((1, 1), (1, 1)), |file| {
            file.lines.span_line_cols(file.text, f.span.start, f.span.end)
        });
        FindingJson {
            rule: f.rule.id(),
            severity: f.severity.as_str(),
            message: &f.message,
            file: file.map_or("", |file| file.path),
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
                    let file = self.files.get(r.file);
                    let (line, column) = file.map_or((1, 1), |file| file.line_col(r.span.start));
                    RelatedJson {
                        message: &r.message,
                        file: file.map_or("", |file| file.path),
                        line,
                        column,
                        byte_start: r.span.start,
                        byte_end: r.span.end,
                    }
                })
                .collect(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file's findings are placed in that file, by its id, also when an
    /// earlier file was closed and ids no longer match positions (as in an
    /// editor's workspace).
    #[test]
    fn each_finding_is_placed_in_its_own_file() {
        let mut workspace = Workspace::default();
        let first = workspace.insert("a.ropa.kdl".to_owned(), "\n\n\n\nactivity a {\n}\n".to_owned());
        let second = workspace.insert(
            "b.ropa.kdl".to_owned(),
            "activity b {\n    purpose \"P\"\n}\n".to_owned(),
        );
        assert!(workspace.remove(first).is_some());
        let finding = Diagnostic::new(
            crate::Rule::MissingLegalBasis,
            second,
            ropa_syntax::Span::new(9, 10),
            "b",
        )
        .related(first, ropa_syntax::Span::new(0, 1), "gone")
        .related(second, ropa_syntax::Span::new(17, 24), "purpose");
        let json = FindingsJson::new(&workspace);
        let shown = json.finding(&finding);
        assert_eq!((shown.file, shown.line, shown.column), ("b.ropa.kdl", 1, 10));
        assert_eq!((shown.end_line, shown.end_column), (1, 11));
        let related: Vec<_> = shown.related.iter().map(|r| (r.file, r.line, r.column)).collect();
        assert_eq!(related, [("", 1, 1), ("b.ropa.kdl", 2, 5)]);
    }
}
