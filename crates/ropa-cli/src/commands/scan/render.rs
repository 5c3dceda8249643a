//! Scan findings in each format `ropa check` has. The escaping is the
//! check's own (`output::github`, `output::junit`, `visible::escape`), so a
//! hostile file name or evidence line is shown as safely; what differs is
//! where a finding is (evidence in the repository, not a span of a spec)
//! and what it carries (the places it was seen).

use std::fmt::Write as _;
use std::io::Write as _;

use ropa_scan::{Evidence, Rule};
use ropa_syntax::values::{Keyword, Severity};

use super::{Placed, ScanRun};
use crate::cli::Format;
use crate::output::github::{Annotation, annotation, data, property};
use crate::output::gitlab::issue_at;
use crate::output::junit::{FindingCase, attribute, write_finding, write_passed};
use crate::output::sarif::level;
use crate::output::{baseline_fixed_note, fails, plural};
use crate::visible::{escape, escape_lines};

pub(super) fn render(run: &ScanRun, format: Format, fail_on: Severity) -> String {
    match format {
        Format::Human => human(run),
        Format::Json => json(run),
        Format::Github => github(run),
        Format::Gitlab => gitlab(run),
        Format::Concise => concise(run),
        Format::Sarif => sarif(run),
        Format::Junit => junit(run, fail_on),
    }
}

/// The line every format ends with (on stderr for the formats machines
/// read): counts, what was read, and what allows and a baseline hid.
pub(super) fn summary(run: &ScanRun) -> String {
    let count = |s: Severity| run.findings.iter().filter(|p| p.finding.rule.severity() == s).count();
    let mut notes = Vec::new();
    if run.allowed > 0 {
        notes.push(format!("{} allowed in ropa.kdl", run.allowed));
    }
    if let Some(baseline) = run.baseline.as_ref().filter(|b| b.hidden > 0) {
        notes.push(format!("{} baselined", baseline.hidden));
    }
    if !run.unreadable.is_empty() {
        notes.push(format!("{} not readable", run.unreadable.len()));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join("; "))
    };
    let new = if run.baseline.is_some() { "new " } else { "" };
    let found = run.findings.len();
    format!(
        "ropa scan: {found} {new}{} ({}, {}) from {} in {} read{notes}",
        if found == 1 { "finding" } else { "findings" },
        plural(count(Severity::Warning), "warning", "warnings"),
        plural(count(Severity::Info), "info", "infos"),
        plural(run.evidence.len(), "piece of evidence", "pieces of evidence"),
        plural(run.files.len(), "file", "files"),
    )
}

/// The note about baseline entries that no longer occur, if any.
fn fixed_note(run: &ScanRun) -> Option<String> {
    baseline_fixed_note(
        run.baseline.as_ref()?,
        ("scan finding", "scan findings"),
        "--scan REPO ",
        "",
    )
}

fn evidence_line(e: &Evidence) -> String {
    format!("{}:{}: {} `{}`", e.path, e.line, e.source.label(), e.seen)
}

/// At most this many places per finding in the human output; JSON has all.
const SHOWN_EVIDENCE: usize = 5;

/// Characters of an evidence line shown in the human output.
const SNIPPET_WIDTH: usize = 120;

/// The line of the first evidence, as a reviewer sees it in the file:
/// numbered, trimmed to a screen's width, its control and invisible
/// characters escaped (the file is not the scan's to trust).
fn snippet(files: &[(String, String)], e: &Evidence) -> Option<String> {
    let (_, text) = files.iter().find(|(path, _)| *path == e.path)?;
    let line = text.lines().nth(e.line.checked_sub(1)? as usize)?.trim_end();
    let shown: String = line.chars().take(SNIPPET_WIDTH).collect();
    let more = if shown.len() < line.len() { " …" } else { "" };
    let number = e.line.to_string();
    let pad = " ".repeat(number.len());
    Some(format!(
        "   {pad} |\n   {number} | {}{more}\n   {pad} |\n",
        escape(&shown)
    ))
}

fn human(run: &ScanRun) -> String {
    let mut out = String::new();
    for p in &run.findings {
        let f = &p.finding;
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            f.rule.severity().as_str(),
            f.rule.id(),
            escape(&f.message)
        );
        for (i, e) in f.evidence.iter().take(SHOWN_EVIDENCE).enumerate() {
            let _ = writeln!(out, "  --> {}", escape(&evidence_line(e)));
            if i == 0
                && let Some(lines) = snippet(&run.files, e)
            {
                out.push_str(&lines);
            }
        }
        if f.evidence.len() > SHOWN_EVIDENCE {
            let _ = writeln!(out, "  --> … and {} more", f.evidence.len() - SHOWN_EVIDENCE);
        }
        if f.evidence.is_empty() {
            let what = match &f.party {
                Some(party) => format!("declared in the record as `{party}`"),
                None => "in ropa.kdl".to_owned(),
            };
            let _ = writeln!(out, "  --> {}:{}: {what}", escape(&p.path), p.line);
        }
        let _ = writeln!(out, "  = law: {}", f.rule.article());
        let _ = writeln!(out, "  = help: {}", escape_lines(&f.help));
        let _ = writeln!(out);
    }
    if let Some(note) = fixed_note(run) {
        let _ = writeln!(out, "note: {note}");
    }
    let _ = writeln!(out, "{}", summary(run));
    out
}

fn evidence_json(e: &Evidence) -> serde_json::Value {
    serde_json::json!({
        "path": e.path,
        "line": e.line,
        "source": e.source.label(),
        "seen": e.seen,
    })
}

fn json(run: &ScanRun) -> String {
    let findings: Vec<_> = run
        .findings
        .iter()
        .map(|p| {
            let f = &p.finding;
            serde_json::json!({
                "rule": f.rule.id(),
                "severity": f.rule.severity().as_str(),
                "message": f.message,
                "law": f.rule.article(),
                "help": f.help,
                "subject": f.subject,
                "party": f.party,
                "path": p.path,
                "line": p.line,
                "fingerprint": p.fingerprint.to_string(),
                "evidence": f.evidence.iter().map(evidence_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "version": 1,
        "files_read": run.files.len(),
        "allowed": run.allowed,
        "baselined": run.baseline.as_ref().map(|b| b.hidden),
        "findings": findings,
        "evidence": run.evidence.iter().map(evidence_json).collect::<Vec<_>>(),
        "rules": Rule::ALL.iter().map(|r| r.id()).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: an annotation at each finding's place,
/// written by the check's writer.
fn github(run: &ScanRun) -> String {
    let mut out = Vec::new();
    for p in &run.findings {
        let f = &p.finding;
        let line = p.line as usize;
        let _ = annotation(
            &mut out,
            &Annotation {
                severity: f.rule.severity(),
                file: &p.path,
                line,
                end_line: line,
                columns: None,
                title: &format!("ropa scan {}", f.rule.id()),
                message: &f.message,
                help: Some(&f.help),
            },
        );
    }
    let mut out = String::from_utf8_lossy(&out).into_owned();
    if let Some(note) = fixed_note(run) {
        let _ = writeln!(out, "::notice title={}::{}", property("ropa baseline"), data(&note));
    }
    out
}

/// One line per finding, by the check's writer (column 1: the evidence is
/// a line).
fn concise(run: &ScanRun) -> String {
    let mut out = Vec::new();
    for p in &run.findings {
        let f = &p.finding;
        let _ = crate::output::concise::line(
            &mut out,
            &p.path,
            p.line as usize,
            1,
            f.rule.id(),
            f.rule.severity(),
            &f.message,
        );
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// GitLab Code Quality: the check's issues, told apart by the fingerprint
/// (the same as the baseline's).
fn gitlab(run: &ScanRun) -> String {
    let issues: Vec<_> = run
        .findings
        .iter()
        .map(|p| {
            let f = &p.finding;
            let line = p.line as usize;
            issue_at(
                f.rule.id(),
                f.rule.severity(),
                &f.message,
                Some(&f.help),
                p.fingerprint.to_string(),
                &p.path,
                (line, line),
            )
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

/// SARIF 2.1.0: the scan's rules, and one result per finding at its places.
fn sarif(run: &ScanRun) -> String {
    let rules: Vec<_> = Rule::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": format!("{} ({})", r.summary(), r.article()) },
                "defaultConfiguration": { "level": level(r.severity()) },
                "help": { "text": r.guidance().iter().map(|g| format!("Guidance: {g}\n")).collect::<String>() + "How to read a finding: docs/scan.md" },
            })
        })
        .collect();
    let location = |path: &str, line: u32| {
        serde_json::json!({
            "physicalLocation": {
                "artifactLocation": { "uri": crate::output::sarif::encode_uri_path(path) },
                "region": { "startLine": line },
            }
        })
    };
    let results: Vec<_> = run
        .findings
        .iter()
        .map(|p| {
            let f = &p.finding;
            let mut locations: Vec<_> = f
                .evidence
                .iter()
                .take(SHOWN_EVIDENCE)
                .map(|e| location(&e.path, e.line))
                .collect();
            if locations.is_empty() {
                locations.push(location(&p.path, p.line));
            }
            serde_json::json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level(f.rule.severity()),
                "message": { "text": format!("{}\n\n{}", f.message, f.help) },
                "locations": locations,
                "partialFingerprints": { "ropaScan/v1": p.fingerprint.to_string() },
            })
        })
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "ropa scan",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// JUnit XML by the check's writer: a suite per file with findings, a test
/// case per finding named by rule and subject (no line, so a CI system
/// tracks it across runs); a finding at or above `--fail-on` is a
/// `<failure>`, one below it `<skipped>`. A scan without findings is one
/// passing case, so the report is never empty.
fn junit(run: &ScanRun, fail_on: Severity) -> String {
    let mut suites: Vec<(&str, Vec<&Placed>)> = Vec::new();
    for p in &run.findings {
        match suites.iter_mut().find(|(path, _)| *path == p.path) {
            Some((_, list)) => list.push(p),
            None => suites.push((&p.path, vec![p])),
        }
    }
    let failing = |p: &Placed| fails(p.finding.rule.severity(), fail_on);
    let failures = run.findings.iter().filter(|p| failing(p)).count();
    let skipped = run.findings.len() - failures;
    let mut out = Vec::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        out,
        "<testsuites name=\"ropa scan\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"0\">",
        run.findings.len().max(1),
    );
    if suites.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"ropa scan\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">"
        );
        let _ = write_passed(&mut out, "ropa scan", "no findings");
        let _ = writeln!(out, "  </testsuite>");
    }
    for (path, list) in &suites {
        let failed = list.iter().filter(|p| failing(p)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
            attribute(&escape(path)),
            list.len(),
            list.len() - failed
        );
        for p in list {
            let f = &p.finding;
            let _ = write_finding(
                &mut out,
                &FindingCase {
                    name: &escape(&format!("{}: {}", f.rule.id(), f.subject)),
                    file: path,
                    line: p.line as usize,
                    column: None,
                    rule: f.rule.id(),
                    severity: f.rule.severity(),
                    message: &f.message,
                    help: Some(&f.help),
                    explain: false,
                },
                fail_on,
            );
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    let _ = writeln!(out, "</testsuites>");
    String::from_utf8_lossy(&out).into_owned()
}
