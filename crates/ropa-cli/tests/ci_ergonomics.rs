//! What ruff users expect of a linter in CI: --exit-zero, --statistics,
//! --quiet, --format concise, --select/--ignore, ROPA_FORMAT, --add-allow.

mod ci_common;

use std::process::Command;

use ci_common::*;

fn office2go() -> TempDir {
    let dir = TempDir::new("ergonomics");
    copy_specs(OFFICE2GO, &dir.join("specs"));
    dir
}

#[test]
fn exit_zero_reports_but_does_not_fail() {
    let dir = office2go();
    let output = ropa_in(dir.path(), &["check", "specs", "--exit-zero"]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).contains("missing-legal-basis"), "{}", stdout(&output));
    // An unreadable file is still trouble.
    std::fs::write(dir.join("specs/bad.ropa.kdl"), b"\xff").expect("write");
    assert_eq!(code(&ropa_in(dir.path(), &["check", "specs", "--exit-zero"])), 2);
}

#[test]
fn concise_is_one_line_per_finding_and_quiet_drops_the_summary() {
    let dir = office2go();
    let output = ropa_in(dir.path(), &["check", "specs", "--format", "concise"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(
            &"activities.ropa.kdl:38:10: missing-legal-basis [error] activity `invoicing` names no legal basis"
        ),
        "{text}"
    );
    assert!(lines.last().is_some_and(|l| l.starts_with("Found 17 errors")), "{text}");
    let quiet = stdout(&ropa_in(
        dir.path(),
        &["check", "specs", "--format", "concise", "--quiet"],
    ));
    assert_eq!(quiet.lines().count(), lines.len() - 1, "{quiet}");
    assert!(!quiet.contains("Found"), "{quiet}");
    let quiet_sarif = ropa_in(dir.path(), &["check", "specs", "--format", "sarif", "-q"]);
    assert_eq!(stderr(&quiet_sarif), "");
}

#[test]
fn the_format_comes_from_the_environment_unless_given() {
    let dir = office2go();
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(args)
            .current_dir(dir.path())
            .env("ROPA_FORMAT", "concise")
            .env_remove("GITHUB_WORKSPACE")
            .env_remove("CI_PROJECT_DIR")
            .output()
            .expect("ropa runs");
        stdout(&output)
    };
    assert!(run(&["check", "specs"]).starts_with("activities.ropa.kdl:"));
    assert!(run(&["check", "specs", "--format", "json"]).starts_with('{'));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = office2go();
    let output = ropa_in(dir.path(), &["check", "specs", "--statistics"]);
    assert_eq!(code(&output), 1, "the exit code is the check's");
    let text = stdout(&output);
    let first = text.lines().next().unwrap_or("");
    assert!(first.trim_start().starts_with("12  unknown-location"), "{text}");
    assert!(text.contains("missing-legal-basis"), "{text}");
    assert!(!text.contains("activities.ropa.kdl"), "{text}");
    let json = ropa_in(dir.path(), &["check", "specs", "--statistics", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let total: u64 = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 38);
    assert_eq!(
        code(&ropa_in(
            dir.path(),
            &["check", "specs", "--statistics", "--format", "sarif"]
        )),
        2
    );
}

#[test]
fn select_and_ignore_choose_rules_for_one_run() {
    let dir = office2go();
    let only = stdout(&ropa_in(
        dir.path(),
        &[
            "check",
            "specs",
            "--format",
            "concise",
            "-q",
            "--select",
            "missing-legal-basis,missing-retention",
        ],
    ));
    assert_eq!(only.lines().count(), 12, "{only}");
    assert!(
        only.lines()
            .all(|l| l.contains("missing-legal-basis") || l.contains("missing-retention")),
        "{only}"
    );
    let without = ropa_in(
        dir.path(),
        &[
            "check",
            "specs",
            "--ignore",
            "missing-legal-basis,undeclared-transfer,transfer-without-safeguard,processor-without-dpa,indefinite-retention",
        ],
    );
    assert!(
        !stdout(&without).contains("missing-legal-basis"),
        "{}",
        stdout(&without)
    );
    let typo = ropa_in(dir.path(), &["check", "specs", "--select", "missing-legal-bases"]);
    assert_eq!(code(&typo), 2);
    assert!(
        stderr(&typo).contains("did you mean `missing-legal-basis`?"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn add_allow_writes_allows_whose_placeholder_reason_stays_reported() {
    let dir = office2go();
    let added = ropa_in(dir.path(), &["check", "specs", "--add-allow"]);
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    assert!(
        stderr(&added).contains("Added 34 allows to 2 files"),
        "{}",
        stderr(&added)
    );
    let activities = read(&dir.join("specs"), "activities.ropa.kdl");
    assert!(
        activities.contains("    allow missing-legal-basis reason=\"TODO: why this is accepted\"\n"),
        "{activities}"
    );
    // Nothing is accepted silently: every allow is reported until its
    // reason is written.
    let after = ropa_in(dir.path(), &["check", "specs", "--statistics", "--fail-on", "warning"]);
    assert_eq!(code(&after), 1);
    let text = stdout(&after);
    // An allow over an error stays an error until its reason is written,
    // so CI still fails with the default `--fail-on error`.
    assert!(text.contains("15  allow-without-reason  error"), "{text}");
    assert!(text.contains("19  allow-without-reason  warning"), "{text}");
    assert_eq!(code(&ropa_in(dir.path(), &["check", "specs"])), 1);
    assert!(!text.contains("missing-legal-basis"), "{text}");
    // The files are still formatted and a second run adds nothing.
    assert_eq!(code(&ropa_in(dir.path(), &["fmt", "--check", "specs"])), 0);
    let again = ropa_in(dir.path(), &["check", "specs", "--add-allow"]);
    assert!(stderr(&again).contains("No finding to allow"), "{}", stderr(&again));
    assert_eq!(read(&dir.join("specs"), "activities.ropa.kdl"), activities);
}
