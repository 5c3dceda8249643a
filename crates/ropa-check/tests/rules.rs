//! Every rule has a fixture that triggers it and a near miss that must not.
//!
//! `tests/rules/<rule-id>/trigger` and `near-miss` are each a spec file
//! (`trigger.ropa.kdl`) or a folder of them (a multi-file workspace). Unless
//! a fixture says `// fixture: no-default-organization`, a complete,
//! compliant organization is added, so fixtures show only what they test.
//! The findings of the tested rule on the trigger are snapshot-tested.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use ropa_check::{FileKind, Rule, Workspace};
use ropa_syntax::position::line_col;
use ropa_syntax::values::Keyword;

const DEFAULT_ORGANIZATION: &str = r#"
organization "Fixture AB" {
    registration "556000-0000"
    country SE
    employees 20
    contact "Anna Andersson" email="privacy@fixture.se"
    dpo none reason="No large-scale monitoring or special data (Art. 37(1))"
    security "Access control and encryption at rest"
    breach-procedure "Incident routine IR-1"
    rights-procedure "Requests to privacy@fixture.se, answered within one month"
}
"#;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

/// The fixture's files, as (name, text), sorted by name.
fn fixture_files(rule_dir: &Path, case: &str) -> Vec<(String, String)> {
    let single = rule_dir.join(format!("{case}.ropa.kdl"));
    let mut files = Vec::new();
    if single.is_file() {
        files.push((
            format!("{case}.ropa.kdl"),
            fs::read_to_string(&single).expect("fixture is UTF-8"),
        ));
    } else {
        let dir = rule_dir.join(case);
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{} has no {case}.ropa.kdl nor {case}/", rule_dir.display()))
            .map(|e| e.expect("readable fixture dir").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = format!(
                "{case}/{}",
                path.file_name().and_then(|n| n.to_str()).expect("utf-8 name")
            );
            files.push((name, fs::read_to_string(&path).expect("fixture is UTF-8")));
        }
    }
    files
}

fn workspace(files: Vec<(String, String)>) -> Workspace {
    let needs_org = !files
        .iter()
        .any(|(_, text)| text.contains("fixture: no-default-organization"));
    let mut sources: Vec<(String, String, FileKind)> = files
        .into_iter()
        .map(|(name, text)| (name, text, FileKind::Spec))
        .collect();
    if needs_org {
        sources.push((
            "zz-organization.ropa.kdl".to_owned(),
            DEFAULT_ORGANIZATION.to_owned(),
            FileKind::Spec,
        ));
    }
    let mut workspace = Workspace::new(sources);
    // Rules that count time (`review-overdue`) count to this date.
    workspace.today = ropa_syntax::values::parse_date("2026-11-23");
    workspace
}

fn render(workspace: &Workspace, rule: Rule) -> String {
    let mut out = String::new();
    for finding in ropa_check::check(workspace).iter().filter(|f| f.rule == rule) {
        let file = workspace.file(finding.file).expect("finding in a known file");
        let (line, column) = line_col(&file.text, finding.span.start);
        let source_line = file.text.lines().nth(line - 1).unwrap_or("");
        let _ = writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            file.path,
            finding.severity.as_str(),
            finding.rule.id(),
            finding.message
        );
        let _ = writeln!(out, "    | {source_line}");
        if let Some(help) = &finding.help {
            let _ = writeln!(out, "    = help: {help}");
        }
        for related in &finding.related {
            let related_file = workspace.file(related.file).expect("related in a known file");
            let (line, column) = line_col(&related_file.text, related.span.start);
            let _ = writeln!(out, "    = {}:{line}:{column}: {}", related_file.path, related.message);
        }
    }
    out
}

#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    let mut missing = Vec::new();
    for rule in Rule::ALL {
        let dir = fixtures_root().join(rule.id());
        if !dir.is_dir() {
            missing.push(rule.id());
        }
    }
    assert!(
        missing.is_empty(),
        "rules without fixtures in tests/rules/: {missing:?}"
    );

    let mut orphans = Vec::new();
    for entry in fs::read_dir(fixtures_root()).expect("tests/rules exists") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if Rule::from_id(&name).is_none() {
            orphans.push(name);
        }
    }
    assert!(orphans.is_empty(), "fixture folders for no rule: {orphans:?}");
}

#[test]
fn triggers_report_their_rule() {
    let mut failures = Vec::new();
    for rule in Rule::ALL {
        let dir = fixtures_root().join(rule.id());
        if !dir.is_dir() {
            continue;
        }
        let rendered = render(&workspace(fixture_files(&dir, "trigger")), *rule);
        if rendered.is_empty() {
            failures.push(format!("{}: trigger reports nothing", rule.id()));
            continue;
        }
        insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(rule.id(), rendered);
        });
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn near_misses_do_not_report_their_rule() {
    let mut failures = Vec::new();
    for rule in Rule::ALL {
        let dir = fixtures_root().join(rule.id());
        if !dir.is_dir() {
            continue;
        }
        let rendered = render(&workspace(fixture_files(&dir, "near-miss")), *rule);
        if !rendered.is_empty() {
            failures.push(format!("{}: near miss reports:\n{rendered}", rule.id()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
