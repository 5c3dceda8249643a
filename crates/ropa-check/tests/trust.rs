//! The trust suite: realistic records written from scratch, each with the
//! exact findings a data-protection officer expects of it, in both
//! directions: every expected finding is reported, and nothing else is.
//!
//! Each folder under `tests/trust/` is a workspace (`ropa.kdl` and spec
//! files) with a `README.md` saying in plain words what a DPO expects and
//! what must not appear, and an `expected.txt` holding the same as data:
//!
//! ```text
//! @country DK                       the organization's country
//! @sector e-commerce                 what kind of organization it is
//! @compliant                         zero errors and zero warnings
//! # a comment
//! newsletter consent-only-basis      ENTITY RULE: the activity, party or
//! organization dpo-required warning  `organization` (`-` when none), and
//!                                    optionally the severity a DPO expects
//! ```
//!
//! The comparison is by (entity, rule): a rule reported twice for one
//! entity is one expectation. Where a severity is given it is checked too.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use ropa_check::{Diagnostic, FileKind, Workspace};
use ropa_syntax::position::line_col;
use ropa_syntax::values::{Keyword, Severity};

fn suite_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trust")
}

/// The record folders, sorted by name.
fn records() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(suite_root())
        .expect("tests/trust exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name_of(dir: &Path) -> String {
    dir.file_name().and_then(|n| n.to_str()).expect("utf-8 name").to_owned()
}

/// Every `ropa.kdl` and `*.ropa.kdl` below `dir`, as (relative path, text, kind), sorted.
fn sources(dir: &Path) -> Vec<(String, String, FileKind)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String, FileKind)>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .expect("readable record folder")
            .map(|e| e.expect("readable entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
                continue;
            }
            let file_name = path.file_name().and_then(|n| n.to_str()).expect("utf-8 name");
            if file_name != "ropa.kdl" && !file_name.ends_with(".ropa.kdl") {
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .expect("below the record")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(&path).expect("spec is UTF-8");
            out.push((relative, text, FileKind::of(file_name)));
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// One line of `expected.txt`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Expectation {
    entity: String,
    rule: String,
    severity: Option<Severity>,
}

/// What `expected.txt` says about a record.
#[derive(Debug, Default)]
struct Expected {
    country: Option<String>,
    sector: Option<String>,
    compliant: bool,
    findings: Vec<Expectation>,
}

fn parse_severity(word: &str) -> Option<Severity> {
    match word {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

fn parse_expected(text: &str) -> Result<Expected, String> {
    let mut expected = Expected::default();
    for (number, raw) in text.lines().enumerate() {
        let line = raw.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line_no = number + 1;
        if let Some(directive) = line.strip_prefix('@') {
            let (key, value) = directive.split_once(' ').unwrap_or((directive, ""));
            match key {
                "country" => expected.country = Some(value.trim().to_owned()),
                "sector" => expected.sector = Some(value.trim().to_owned()),
                "compliant" => expected.compliant = true,
                other => return Err(format!("line {line_no}: unknown directive @{other}")),
            }
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let (entity, rule, severity) = match words.as_slice() {
            [entity, rule] => (*entity, *rule, None),
            [entity, rule, severity] => match parse_severity(severity) {
                Some(s) => (*entity, *rule, Some(s)),
                None => return Err(format!("line {line_no}: `{severity}` is not error, warning or info")),
            },
            _ => {
                return Err(format!(
                    "line {line_no}: expected `ENTITY RULE [SEVERITY]`, found `{line}`"
                ));
            }
        };
        expected.findings.push(Expectation {
            entity: entity.to_owned(),
            rule: rule.to_owned(),
            severity,
        });
    }
    Ok(expected)
}

/// Where a finding is, for the failure message: `file:line: message`.
fn locate(workspace: &Workspace, finding: &Diagnostic) -> String {
    match workspace.file(finding.file) {
        Some(file) => {
            let (line, _) = line_col(&file.text, finding.span.start);
            format!("{}:{line}: {}", file.path, finding.message)
        }
        None => finding.message.to_string(),
    }
}

fn entity_of(finding: &Diagnostic) -> String {
    finding.entity.as_deref().unwrap_or("-").to_owned()
}

/// Compares a record's findings with what a DPO expects. `None` when they
/// match; otherwise a report of what is missing and what is unexpected.
fn compare(workspace: &Workspace, findings: &[Diagnostic], expected: &Expected) -> Option<String> {
    // (entity, rule) → the findings reported for it.
    let mut actual: BTreeMap<(String, String), Vec<&Diagnostic>> = BTreeMap::new();
    for finding in findings {
        actual
            .entry((entity_of(finding), finding.rule.id().to_owned()))
            .or_default()
            .push(finding);
    }
    let wanted: BTreeSet<(String, String)> = expected
        .findings
        .iter()
        .map(|e| (e.entity.clone(), e.rule.clone()))
        .collect();

    let mut missing = Vec::new();
    let mut wrong_severity = Vec::new();
    for expectation in &expected.findings {
        let key = (expectation.entity.clone(), expectation.rule.clone());
        match actual.get(&key) {
            None => missing.push(format!("{} {}", expectation.entity, expectation.rule)),
            Some(reported) => {
                if let Some(severity) = expectation.severity
                    && reported.iter().any(|f| f.severity != severity)
                {
                    for finding in reported.iter().filter(|f| f.severity != severity) {
                        wrong_severity.push(format!(
                            "{} {}: expected {}, reported {} ({})",
                            expectation.entity,
                            expectation.rule,
                            severity.as_str(),
                            finding.severity.as_str(),
                            locate(workspace, finding)
                        ));
                    }
                }
            }
        }
    }
    let mut unexpected = Vec::new();
    for (key, reported) in &actual {
        if wanted.contains(key) {
            continue;
        }
        for finding in reported {
            unexpected.push(format!(
                "{} {} [{}] {}",
                key.0,
                key.1,
                finding.severity.as_str(),
                locate(workspace, finding)
            ));
        }
    }
    let mut not_compliant = Vec::new();
    if expected.compliant {
        for finding in findings.iter().filter(|f| f.severity != Severity::Info) {
            not_compliant.push(format!(
                "{} {} [{}] {}",
                entity_of(finding),
                finding.rule.id(),
                finding.severity.as_str(),
                locate(workspace, finding)
            ));
        }
    }

    if missing.is_empty() && unexpected.is_empty() && wrong_severity.is_empty() && not_compliant.is_empty() {
        return None;
    }
    let mut report = String::new();
    let mut section = |title: &str, lines: &[String]| {
        if !lines.is_empty() {
            let _ = writeln!(report, "  {title}:");
            for line in lines {
                let _ = writeln!(report, "    {line}");
            }
        }
    };
    section("missing (a DPO expects it, ropa did not report it)", &missing);
    section("unexpected (ropa reported it, a DPO does not expect it)", &unexpected);
    section("wrong severity", &wrong_severity);
    section("errors or warnings in a record written to be compliant", &not_compliant);
    Some(report)
}

/// Checks one record folder; `Err` holds the report.
fn check_record(dir: &Path) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("expected.txt")).map_err(|e| format!("no expected.txt: {e}"))?;
    let expected = parse_expected(&text)?;
    let workspace = Workspace::new(sources(dir));
    let findings = ropa_check::check(&workspace);
    match compare(&workspace, &findings, &expected) {
        None => Ok(()),
        Some(report) => Err(report),
    }
}

#[test]
fn every_record_gives_exactly_the_findings_a_dpo_expects() {
    let mut failures = String::new();
    for dir in records() {
        if let Err(report) = check_record(&dir) {
            let _ = writeln!(failures, "{}:\n{report}", name_of(&dir));
        }
    }
    assert!(failures.is_empty(), "trust suite mismatches:\n{failures}");
}

/// The suite keeps the size the issue asks for, every record is complete,
/// and every spec is readable: no finding of a structural rule, whatever
/// the state of the legal rules.
#[test]
fn the_suite_is_complete_and_readable() {
    let structural = [
        "syntax-error",
        "unknown-node",
        "unknown-property",
        "invalid-value",
        "missing-value",
        "repeated-node",
        "invalid-id",
        "invalid-country",
        "invalid-duration",
        "invalid-date",
        "undefined-reference",
        "duplicate-id",
        "missing-organization",
        "unknown-rule",
    ];
    let mut problems = Vec::new();
    let mut countries = BTreeSet::new();
    let mut sectors = BTreeSet::new();
    let mut compliant = 0;
    let dirs = records();
    for dir in &dirs {
        let name = name_of(dir);
        let readme = fs::read_to_string(dir.join("README.md")).unwrap_or_default();
        if !readme.contains("## What a DPO expects") || !readme.contains("## What must not appear") {
            problems.push(format!(
                "{name}: README.md needs the sections `## What a DPO expects` and `## What must not appear`"
            ));
        }
        let expected = match fs::read_to_string(dir.join("expected.txt"))
            .map_err(|e| e.to_string())
            .and_then(|t| parse_expected(&t))
        {
            Ok(expected) => expected,
            Err(e) => {
                problems.push(format!("{name}: expected.txt: {e}"));
                continue;
            }
        };
        let Some(country) = expected.country.clone() else {
            problems.push(format!("{name}: expected.txt has no @country"));
            continue;
        };
        countries.insert(country.clone());
        sectors.extend(expected.sector.clone());
        if expected.compliant {
            compliant += 1;
            if let Some(e) = expected.findings.iter().find(|e| e.severity != Some(Severity::Info)) {
                problems.push(format!(
                    "{name}: a compliant record may expect only info findings, with their severity: {} {}",
                    e.entity, e.rule
                ));
            }
        }
        for e in &expected.findings {
            if structural.contains(&e.rule.as_str()) {
                problems.push(format!("{name}: expects the structural rule {}", e.rule));
            }
        }
        let workspace = Workspace::new(sources(dir));
        let findings = ropa_check::check(&workspace);
        for finding in findings.iter().filter(|f| structural.contains(&f.rule.id())) {
            problems.push(format!("{name}: {} {}", finding.rule.id(), locate(&workspace, finding)));
        }
        let org_country = workspace
            .specs()
            .flat_map(|(_, spec)| spec.model.organizations.iter())
            .find_map(|o| o.country.as_ref().map(|c| c.value.code().to_owned()));
        if org_country.as_deref() != Some(country.as_str()) {
            problems.push(format!(
                "{name}: @country {country}, but the organization says {org_country:?}"
            ));
        }
    }
    if dirs.len() < 12 {
        problems.push(format!("{} records; the suite needs at least 12", dirs.len()));
    }
    if countries.len() < 6 {
        problems.push(format!("{countries:?}: the suite needs at least 6 countries"));
    }
    if sectors.len() < 6 {
        problems.push(format!("{sectors:?}: the suite needs several sectors"));
    }
    if compliant < 4 {
        problems.push(format!("{compliant} compliant records; the suite needs at least 4"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The comparison can fail both ways: a finding the record does not give,
/// and one it gives that nobody expects, are each reported by name; and a
/// warning in a record marked compliant fails it.
#[test]
fn the_comparison_detects_a_missing_and_an_unexpected_finding() {
    let workspace = Workspace::new(vec![(
        "broken.ropa.kdl".to_owned(),
        r#"
organization "Prov AB" {
    country SE
    contact "Dataskydd" email="dataskydd@prov.example"
    dpo none reason="No large-scale monitoring or special category data (Art. 37(1))"
    security "Access control"
    breach-procedure "Incident routine IR-1"
    rights-procedure "Requests to dataskydd@prov.example, answered within one month"
}
subjects customers "Customers"
data contact "Name and e-mail"
activity support {
    purpose "Answer customers' questions"
    subjects customers
    data contact
    basis contract
}
"#
        .to_owned(),
        FileKind::Spec,
    )]);
    let findings = ropa_check::check(&workspace);
    // The record keeps no retention: `support missing-retention` is reported.
    // The expectation forgets it and asks for a finding that cannot occur.
    let expected = parse_expected("@country SE\nsupport missing-purpose\n").expect("valid");
    let report = compare(&workspace, &findings, &expected).expect("a mismatch is reported");
    assert!(
        report.contains("missing (a DPO expects it") && report.contains("support missing-purpose"),
        "{report}"
    );
    assert!(
        report.contains("unexpected (ropa reported it") && report.contains("support missing-retention"),
        "{report}"
    );

    // Exactly right: no report.
    let exact = parse_expected("@country SE\nsupport missing-retention\n").expect("valid");
    assert_eq!(compare(&workspace, &findings, &exact), None);

    // Right pair, wrong severity.
    let severity = parse_expected("@country SE\nsupport missing-retention info\n").expect("valid");
    let report = compare(&workspace, &findings, &severity).expect("a wrong severity is reported");
    assert!(report.contains("wrong severity"), "{report}");

    // A record marked compliant fails on any warning, even an expected one.
    let compliant = parse_expected("@country SE\n@compliant\nsupport missing-retention\n").expect("valid");
    let report = compare(&workspace, &findings, &compliant).expect("a warning fails a compliant record");
    assert!(report.contains("written to be compliant"), "{report}");
}

#[test]
fn expected_files_are_read_strictly() {
    assert!(parse_expected("activity rule severe\n").is_err());
    assert!(parse_expected("just-one-word\n").is_err());
    assert!(parse_expected("@colour blue\n").is_err());
    let parsed = parse_expected(
        "# comment\n@country FI\n@compliant\nweb consent-only-basis warning # why\n- missing-organization\n",
    )
    .expect("valid");
    assert_eq!(parsed.country.as_deref(), Some("FI"));
    assert!(parsed.compliant);
    assert_eq!(
        parsed.findings,
        vec![
            Expectation {
                entity: "web".to_owned(),
                rule: "consent-only-basis".to_owned(),
                severity: Some(Severity::Warning),
            },
            Expectation {
                entity: "-".to_owned(),
                rule: "missing-organization".to_owned(),
                severity: None,
            },
        ]
    );
}
