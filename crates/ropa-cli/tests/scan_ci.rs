//! `ropa scan` in CI: JUnit and GitHub output, `scan { allow … }`, baselines
//! and `ropa diff --scan`, on repositories written by the test.

mod ci_common;

use ci_common::*;

/// A record that declares Stripe, and nothing else.
const RECORD: &str = r#"processor stripe "Stripe Payments Europe, Ltd" {
    service "Card payments"
    country IE
    dpa "2024-01-01"
}

activity orders {
    purpose "Take orders"
    processors stripe
}
"#;

fn package(deps: &[&str]) -> String {
    let lines: Vec<String> = deps.iter().map(|d| format!("    \"{d}\": \"1\"")).collect();
    format!("{{\n  \"dependencies\": {{\n{}\n  }}\n}}\n", lines.join(",\n"))
}

/// A repository with the record in `privacy/` and a package.json.
fn shop(name: &str, deps: &[&str], scan_config: &str) -> TempDir {
    let dir = TempDir::new(name);
    write(dir.path(), "privacy/ropa.kdl", scan_config);
    write(dir.path(), "privacy/record.ropa.kdl", &format!("{GOOD_ORG}\n{RECORD}"));
    write(dir.path(), "package.json", &package(deps));
    dir
}

fn scan(dir: &TempDir, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["scan", ".", "--record", "privacy"];
    args.extend_from_slice(extra);
    ropa_in(dir.path(), &args)
}

#[test]
fn junit_is_well_formed_with_a_failure_per_warning() {
    let dir = shop("scan-junit", &["stripe", "@sentry/node", "mailgun.js"], "");
    let out = scan(&dir, &["--format", "junit"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let xml = stdout(&out);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("tests"), Some("2"), "{xml}");
    assert_eq!(root.attribute("failures"), Some("2"), "{xml}");
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(names, ["undeclared-processor: mailgun", "undeclared-processor: sentry"]);
    // Below --fail-on, a finding is skipped, not failed.
    let out = scan(&dir, &["--format", "junit", "--fail-on", "error"]);
    assert_eq!(code(&out), 0);
    let xml = stdout(&out);
    assert!(xml.contains("failures=\"0\" errors=\"0\" skipped=\"2\""), "{xml}");
    // No findings: one passing case, so the report is not empty.
    let clean = shop("scan-junit-clean", &["stripe"], "");
    let xml = stdout(&scan(&clean, &["--format", "junit"]));
    assert!(xml.contains("<testcase name=\"no findings\""), "{xml}");
    roxmltree::Document::parse(&xml).expect("well-formed XML");
}

#[test]
fn github_annotations_escape_as_the_checks_do() {
    let dir = shop("scan-github", &["stripe"], "");
    // A path with the characters that end a property value.
    write(dir.path(), "web,app:v2/package.json", &package(&["@sentry/node"]));
    let out = scan(&dir, &["--format", "github"]);
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "::warning file=web%2Capp%3Av2/package.json,line=3,endLine=3,title=ropa scan undeclared-processor::The code sends data to Sentry"
        ),
        "{text}"
    );
    // The help's template is one annotation, its line breaks escaped.
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("%0Ahelp: If personal data reaches Sentry"), "{text}");
}

#[test]
fn an_allow_in_ropa_kdl_hides_a_finding_and_a_near_miss_does_not() {
    let allow = "scan {\n    allow undeclared-processor sentry reason=\"only the staging build reports errors, with no user data\"\n}\n";
    let dir = shop("scan-allow", &["stripe", "@sentry/node"], allow);
    let out = scan(&dir, &[]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 findings (0 warnings, 0 infos)"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("1 allowed in ropa.kdl"), "{}", stdout(&out));
    // The check reads the same ropa.kdl and has nothing to say about it.
    let check = ropa_in(dir.path(), &["check", "privacy", "--format", "concise"]);
    let text = stdout(&check);
    assert!(!text.lines().any(|l| l.starts_with("ropa.kdl:")), "{text}");

    // Near miss: the package name is not the subject; the allow is unused,
    // reported at its line in ropa.kdl.
    let near = "scan {\n    allow undeclared-processor \"@sentry/node\" reason=\"dev only\"\n}\n";
    let dir = shop("scan-allow-near", &["stripe", "@sentry/node"], near);
    let out = scan(&dir, &["--format", "concise"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.contains("package.json:4:1: undeclared-processor [warning]"),
        "{text}"
    );
    assert!(text.contains("privacy/ropa.kdl:2:1: unused-allow [warning]"), "{text}");

    // Without a reason the finding still counts.
    let bare = "scan {\n    allow undeclared-processor sentry\n}\n";
    let dir = shop("scan-allow-bare", &["stripe", "@sentry/node"], bare);
    let text = stdout(&scan(&dir, &["--format", "concise"]));
    assert!(text.contains("undeclared-processor [warning]"), "{text}");
    assert!(
        text.contains("privacy/ropa.kdl:2:1: allow-without-reason [warning]"),
        "{text}"
    );
}

#[test]
fn a_baseline_hides_recorded_scan_findings_wherever_their_evidence_moves() {
    let dir = shop("scan-baseline", &["stripe", "@sentry/node"], "");
    let recorded = ropa_in(
        dir.path(),
        &["baseline", "privacy", "--scan", ".", "--output", "baseline.json"],
    );
    assert_eq!(code(&recorded), 0, "{}", stderr(&recorded));
    let file = read(dir.path(), "baseline.json");
    assert!(file.contains("\"rule\": \"scan/undeclared-processor\""), "{file}");
    assert!(file.contains("\"entity\": \"sentry\""), "{file}");

    let out = scan(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("1 baselined"), "{}", stdout(&out));

    // The dependency moves down two lines and into a second manifest: the
    // same finding.
    write(
        dir.path(),
        "package.json",
        &package(&["left-pad", "express", "stripe", "@sentry/node"]),
    );
    write(dir.path(), "worker/package.json", &package(&["@sentry/node"]));
    assert_eq!(code(&scan(&dir, &["--baseline", "baseline.json"])), 0);

    // Near miss: a new vendor is a new finding.
    write(
        dir.path(),
        "package.json",
        &package(&["stripe", "@sentry/node", "mailgun.js"]),
    );
    let out = scan(&dir, &["--baseline", "baseline.json", "--format", "concise"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.contains("undeclared-processor [warning] The code sends data to Mailgun"),
        "{text}"
    );
    assert!(!text.contains("Sentry"), "{text}");

    // The check leaves the scan's entries alone: not reported as fixed,
    // kept by a re-recording without --scan and by --prune.
    let check = ropa_in(dir.path(), &["check", "privacy", "--baseline", "baseline.json"]);
    assert!(!stdout(&check).contains("no longer occur"), "{}", stdout(&check));
    ropa_in(dir.path(), &["baseline", "privacy", "--output", "baseline.json"]);
    assert!(read(dir.path(), "baseline.json").contains("scan/undeclared-processor"));
    ropa_in(
        dir.path(),
        &["baseline", "privacy", "--prune", "--output", "baseline.json"],
    );
    assert!(read(dir.path(), "baseline.json").contains("scan/undeclared-processor"));

    // Once Sentry is gone, the scan says the entry is stale, and pruning
    // with --scan drops it.
    write(dir.path(), "package.json", &package(&["stripe"]));
    std::fs::remove_dir_all(dir.join("worker")).expect("remove worker");
    let out = scan(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("1 scan finding recorded in baseline.json no longer occurs"),
        "{}",
        stdout(&out)
    );
    let pruned = ropa_in(
        dir.path(),
        &[
            "baseline",
            "privacy",
            "--scan",
            ".",
            "--prune",
            "--output",
            "baseline.json",
        ],
    );
    assert_eq!(code(&pruned), 0, "{}", stderr(&pruned));
    assert!(!read(dir.path(), "baseline.json").contains("scan/"));
}

#[test]
fn diff_with_scan_shows_the_scan_findings_a_change_introduces() {
    let repo = git_repo("scan-diff");
    write(repo.path(), "privacy/ropa.kdl", "");
    write(repo.path(), "privacy/record.ropa.kdl", &format!("{GOOD_ORG}\n{RECORD}"));
    write(repo.path(), "package.json", &package(&["stripe", "@sentry/node"]));
    commit_all(repo.path(), "base");
    // The change moves Sentry down a line (not new) and adds Mailgun (new).
    write(
        repo.path(),
        "package.json",
        &package(&["express", "stripe", "@sentry/node", "mailgun.js"]),
    );
    commit_all(repo.path(), "add mailgun");

    let out = ropa_in(repo.path(), &["diff", "HEAD~1", "HEAD", "--scan", ".", "--", "privacy"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("## ⚠️ ropa: 1 new warning"), "{md}");
    assert!(md.contains("### The code against the record (`ropa scan`)"), "{md}");
    assert!(
        md.contains("| warning | `undeclared-processor` | `package.json:6` | The code sends data to Mailgun"),
        "{md}"
    );
    assert!(!md.contains("Sentry"), "{md}");
    let failing = ropa_in(
        repo.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--scan",
            ".",
            "--fail-on",
            "warning",
            "--",
            "privacy",
        ],
    );
    assert_eq!(code(&failing), 1);

    let json = ropa_in(
        repo.path(),
        &[
            "diff", "HEAD~1", "HEAD", "--scan", ".", "--format", "json", "--", "privacy",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(doc["scan"]["introduced"][0]["subject"], "mailgun");
    assert_eq!(doc["scan"]["introduced"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["scan"]["fixed"].as_array().map(Vec::len), Some(0));

    // Near miss: a change that only moves lines introduces nothing, and
    // the reverse direction fixes Mailgun.
    let reverse = stdout(&ropa_in(
        repo.path(),
        &["diff", "HEAD", "HEAD~1", "--scan", ".", "--", "privacy"],
    ));
    assert!(!reverse.contains("New in the code"), "{reverse}");
    assert!(
        reverse.contains("1 scan finding no longer occurs: `undeclared-processor` `mailgun`"),
        "{reverse}"
    );
    // Without --scan, the diff does not read the code.
    let plain = stdout(&ropa_in(repo.path(), &["diff", "HEAD~1", "HEAD", "--", "privacy"]));
    assert!(!plain.contains("ropa scan"), "{plain}");
}
