//! Rendering findings in the formats `ropa check --format` offers.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
mod in_order;
pub mod json;
pub mod junit;
mod pretty;
mod replaced;
pub mod sarif;
mod sources;
pub mod statistics;

use ropa_check::file_lines::FileLines;
use ropa_check::fingerprint::FindingId;
use ropa_check::{Diagnostic, FileId, Workspace};
use ropa_syntax::values::Severity;
use serde::Serialize;

use crate::discover::Problem;

/// Everything one run found, across workspaces.
pub struct Report<'a> {
    pub results: Vec<(&'a Workspace, Vec<Diagnostic>)>,
    /// Files or folders that could not be read.
    pub problems: &'a [Problem],
    /// Per result, parallel to its findings: each finding's identity
    /// (fingerprint and occurrence), for SARIF, GitLab and baselines.
    pub ids: Vec<Vec<FindingId>>,
    /// What `--baseline` hid; `None` when no baseline was given.
    pub baseline: Option<Baselined>,
    /// Findings at least this severe fail the run (`--fail-on`).
    pub fail_on: Severity,
    /// The address of ropa's docs folder (`--docs-url`), for rule links;
    /// `None`: no links.
    pub docs_url: Option<&'a str>,
    /// `--quiet`: the findings only, no summary or notes.
    pub quiet: bool,
}

/// The effect of `--baseline` on a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baselined {
    /// The baseline file, as given.
    pub file: String,
    /// Findings hidden because the baseline records them.
    pub hidden: usize,
    /// Baseline entries (counted per finding) that no longer occur.
    pub fixed: usize,
}

pub use ropa_check::json::Counts;

impl Report<'_> {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (workspace, findings) in &self.results {
            counts.add(workspace.files.len(), findings);
        }
        counts
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary every format ends with (on stderr for the formats
/// that machines read): counts per severity, and what a baseline hid.
pub fn summary_line(report: &Report) -> String {
    let counts = report.counts();
    let checked = plural(counts.files, "file", "files");
    let mut notes = Vec::new();
    if let Some(baseline) = report.baseline.as_ref().filter(|b| b.hidden > 0) {
        notes.push(format!("{} baselined", baseline.hidden));
    }
    if !report.problems.is_empty() {
        notes.push(format!(
            "{} could not be read",
            plural(report.problems.len(), "path", "paths")
        ));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    // With a baseline, what is counted is what is new.
    let new = if report.baseline.is_some() { "new " } else { "" };
    if counts.error + counts.warning + counts.info == 0 && report.problems.is_empty() {
        return format!("No {new}findings in {checked}{notes}.");
    }
    let count = |n: usize, one: &str, many: &str| format!("{n} {new}{}", if n == 1 { one } else { many });
    format!(
        "Found {}, {}, {} in {checked}{notes}.",
        count(counts.error, "error", "errors"),
        count(counts.warning, "warning", "warnings"),
        count(counts.info, "info", "infos"),
    )
}

/// The notes and the summary line that end the formats people read, unless
/// `--quiet`.
pub fn write_summary(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if report.quiet {
        return Ok(());
    }
    if let Some(note) = fixed_note(report) {
        writeln!(out, "note: {note}")?;
    }
    writeln!(out, "{}", summary_line(report))
}

/// The note about baseline entries that no longer occur, if any.
pub fn fixed_note(report: &Report) -> Option<String> {
    baseline_fixed_note(
        report.baseline.as_ref()?,
        ("finding", "findings"),
        "",
        " (it adds nothing)",
    )
}

/// The note about a baseline's entries that no longer occur, with the
/// `ropa baseline` options that prune them (`--scan REPO ` for the scan's).
pub fn baseline_fixed_note(baseline: &Baselined, noun: (&str, &str), options: &str, tail: &str) -> Option<String> {
    if baseline.fixed == 0 {
        return None;
    }
    Some(format!(
        "{} recorded in {} no longer {}: run `ropa baseline {options}--prune --output {}` to drop {}{tail}",
        plural(baseline.fixed, noun.0, noun.1),
        baseline.file,
        if baseline.fixed == 1 { "occurs" } else { "occur" },
        baseline.file,
        if baseline.fixed == 1 { "it" } else { "them" },
    ))
}

/// Every finding of the report with its identity, turned into `T` by
/// `each` with the positions of its workspace's files (indexed once per
/// workspace), lazily: how one serializer would write a format that the
/// output renders on every core, for the tests that hold the two together.
#[cfg(test)]
pub fn map_findings<'r, T>(
    report: &'r Report,
    each: impl Fn(&Positions<'r>, &'r Diagnostic, FindingId) -> T + Copy + 'r,
) -> impl Iterator<Item = T> + 'r {
    report
        .results
        .iter()
        .zip(&report.ids)
        .flat_map(move |((workspace, findings), ids)| {
            let positions = Positions::new(workspace);
            findings
                .iter()
                .zip(ids)
                .map(move |(finding, id)| each(&positions, finding, *id))
        })
}

/// Line and column lookups for the files of one workspace.
pub struct Positions<'a> {
    files: FileLines<'a>,
}

/// A position in a file: 1-based line; 1-based columns counted in Unicode
/// characters and in UTF-16 code units (what SARIF viewers count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_column: usize,
}

impl<'a> Positions<'a> {
    pub fn new(workspace: &'a Workspace) -> Positions<'a> {
        Positions {
            files: FileLines::new(workspace),
        }
    }

    /// The file's path as shown: relative to the repository root (paths.rs), `/`-separated.
    pub fn path(&self, file: FileId) -> &'a str {
        self.files.get(file).map_or("", |f| f.path)
    }

    /// Where the line holding `offset` ends (before its line break: any
    /// KDL newline, not only CR and LF).
    pub fn line_end(&self, file: FileId, offset: u32) -> Position {
        let text = self.files.get(file).map_or("", |f| f.text);
        let end = ropa_syntax::kdl::lines::line_end(text, offset as usize);
        self.position(file, u32::try_from(end).unwrap_or(offset))
    }

    pub fn position(&self, file: FileId, offset: u32) -> Position {
        let Some(source) = self.files.get(file) else {
            return Position {
                line: 1,
                column: 1,
                utf16_column: 1,
            };
        };
        let text = source.text;
        let (line, column) = source.line_col(offset);
        let mut end = (offset as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let start = ropa_syntax::kdl::lines::line_start(text, end);
        let utf16_column = text[start..end].encode_utf16().count() + 1;
        Position {
            line,
            column,
            utf16_column,
        }
    }
}

/// A sequence serialized straight from the iterator its closure makes.
/// A closure rather than the iterator itself, because `Serialize` only
/// borrows.
#[cfg(test)]
pub struct Seq<F>(pub F);

#[cfg(test)]
impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Writes `value` as pretty JSON, as `serde_json::to_string_pretty` would,
/// and a final newline.
pub fn write_json(out: &mut dyn std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    // `?` gives back the writer's own error, so a closed pipe stays one.
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// A pretty JSON document written around one of its lists, whose elements
/// are rendered elsewhere (on every core, a piece at a time): the document
/// is serialized with that list empty, written up to its `[`, then the
/// pieces, then the rest. Each piece is a run of elements, each after its
/// `,` and line break; the list's first element drops the `,`.
pub struct Splice<'f> {
    tail: &'f [u8],
    /// The line break and indentation before the list's `]`.
    close: &'static [u8],
    first: bool,
}

impl<'f> Splice<'f> {
    /// Writes `frame` up to the `[` of `empty` (the list as pretty JSON
    /// prints it empty, with the line break and indentation before its
    /// key). No string in pretty JSON holds a raw line break, so `empty`
    /// is the field itself and not text inside a value.
    pub fn open(
        out: &mut dyn std::io::Write,
        frame: &'f [u8],
        empty: &[u8],
        close: &'static [u8],
    ) -> std::io::Result<Splice<'f>> {
        let Some(at) = frame.windows(empty.len()).position(|w| w == empty) else {
            return Err(std::io::Error::other("the document has no list to fill"));
        };
        let (head, tail) = frame.split_at(at + empty.len() - 1);
        out.write_all(head)?;
        Ok(Splice {
            tail,
            close,
            first: true,
        })
    }

    pub fn piece(&mut self, out: &mut dyn std::io::Write, piece: &[u8]) -> std::io::Result<()> {
        out.write_all(match piece.split_first() {
            Some((_, rest)) if self.first => rest,
            _ => piece,
        })?;
        self.first &= piece.is_empty();
        Ok(())
    }

    pub fn close(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if !self.first {
            out.write_all(self.close)?;
        }
        out.write_all(self.tail)
    }
}

/// Whether a finding of this severity fails the run.
pub fn fails(severity: Severity, fail_on: Severity) -> bool {
    ropa_check::rank(severity) >= ropa_check::rank(fail_on)
}

/// Reports for the tests that hold a format rendered on every core to the
/// same format written by one serializer.
#[cfg(test)]
pub(crate) mod fixture {
    use std::path::PathBuf;

    use ropa_check::{FileKind, Workspace};
    use ropa_syntax::values::Severity;

    use super::Report;
    use crate::discover::Problem;

    /// Calls `check` with reports of: a record with findings enough for
    /// several chunks of output, related places, and text that needs
    /// escaping; the same with files that could not be read, and with a
    /// second workspace named by an absolute path; an empty workspace; and
    /// no workspace.
    pub fn each_report(check: impl Fn(&Report)) {
        let mut activities = String::from(
            "organization \"Org\" {\n    country SE\n}\nprocessor cloud \"Cloud Inc\" {\n    country US\n    stored-in US\n    dpa \"2024-01-01\"\n}\n",
        );
        for i in 0..2200 {
            activities.push_str(&format!(
                "activity a{i} {{\n    purpose \"Send \\\"offers\\\" [{i}] \\u{{1b}} ✓\"\n    data x{i}\n    basis consent\n    processors cloud\n}}\n"
            ));
        }
        let empty = Workspace::new(Vec::new());
        let workspace = Workspace::new(vec![("a.ropa.kdl".to_owned(), activities, FileKind::Spec)]);
        let absolute = Workspace::new(vec![(
            "/srv/records/b c.ropa.kdl".to_owned(),
            "activity b {\n    purpose \"Pay\"\n}\n".to_owned(),
            FileKind::Spec,
        )]);
        let findings = ropa_check::check(&workspace);
        assert!(
            findings.len() > 2 * super::in_order::CHUNK,
            "{} findings",
            findings.len()
        );
        assert!(
            findings.iter().any(|f| !f.related.is_empty()),
            "a finding with related places"
        );
        let elsewhere = ropa_check::check(&absolute);
        let identified = |workspace: &Workspace, findings: &[ropa_check::Diagnostic]| {
            ropa_check::fingerprint::identify(ropa_check::fingerprint::fingerprint_all(workspace, findings, ""))
        };
        let ids = identified(&workspace, &findings);
        let elsewhere_ids = identified(&absolute, &elsewhere);
        let unread = [Problem {
            path: PathBuf::from("broken, \"quoted\".ropa.kdl"),
            message: "not UTF-8 text: 100% \u{1b}[31m\nsecond line".to_owned(),
        }];
        for (results, ids, problems) in [
            (vec![(&workspace, findings.clone())], vec![ids.clone()], &[][..]),
            (vec![(&workspace, findings.clone())], vec![ids.clone()], &unread[..]),
            (
                vec![(&workspace, findings.clone()), (&absolute, elsewhere.clone())],
                vec![ids.clone(), elsewhere_ids.clone()],
                &[][..],
            ),
            (vec![(&empty, Vec::new())], vec![Vec::new()], &[][..]),
            (Vec::new(), Vec::new(), &unread[..]),
            (Vec::new(), Vec::new(), &[][..]),
        ] {
            let report = Report {
                results,
                ids,
                problems,
                baseline: None,
                fail_on: Severity::Error,
                docs_url: None,
                quiet: false,
            };
            check(&report);
        }
    }

    /// Asserts that `render` writes, for every report of [`each_report`],
    /// what `serially` (one serializer) writes.
    pub fn assert_renders_as(
        render: impl Fn(&Report, &mut dyn std::io::Write) -> std::io::Result<()>,
        serially: impl Fn(&Report) -> Vec<u8>,
    ) {
        each_report(|report| {
            let mut ours = Vec::new();
            render(report, &mut ours).expect("into memory");
            assert!(
                ours == serially(report),
                "{}",
                String::from_utf8_lossy(&ours[..ours.len().min(2000)])
            );
        });
    }
}
