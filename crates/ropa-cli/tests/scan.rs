//! `ropa scan` end to end: the binary on the scan corpus of `ropa-scan`.

use std::path::Path;
use std::process::{Command, Output};

fn corpus(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ropa-scan/tests/corpus")
        .join(name);
    root.to_string_lossy().into_owned()
}

fn ropa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("ropa runs")
}

#[test]
fn human_output_names_each_finding_with_its_evidence_and_fails_on_warnings() {
    let repo = corpus("node-webshop");
    let out = ropa(&["scan", &repo, "--record", &format!("{repo}/record")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("warning[undeclared-processor]"), "{text}");
    assert!(text.contains("--> package.json:7: dependency `@sentry/node`"), "{text}");
    // The evidence line itself, numbered, under the first place.
    assert!(text.contains("   7 |     \"@sentry/node\""), "{text}");
    assert!(text.contains("warning[undeclared-tracker]"), "{text}");
    assert!(text.contains("trackers meta-pixel"), "{text}");
    assert!(text.contains("info[processor-without-evidence]"), "{text}");
    assert!(text.contains("3 findings (2 warnings, 1 info)"), "{text}");
}

#[test]
fn json_lists_findings_and_all_evidence() {
    let repo = corpus("go-mailgun");
    let out = ropa(&["scan", &repo, "--record", &format!("{repo}/record"), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "undeclared-processor");
    let places: Vec<String> = findings[0]["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| format!("{}:{}", e["path"].as_str().unwrap_or(""), e["line"]))
        .collect();
    assert_eq!(places, ["go.mod:6", ".env.example:3"]);
    // What allows and baselines match: the subject, and its fingerprint.
    assert_eq!(findings[0]["subject"], "mailgun");
    assert_eq!(findings[0]["path"], "go.mod");
    assert!(findings[0]["fingerprint"].as_str().is_some_and(|f| f.len() == 16));
    // Every piece of evidence, also what matched a declared party.
    assert_eq!(doc["evidence"].as_array().map(Vec::len), Some(3));
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    // The AWS service has one warning: it fails by default, passes with `--fail-on error`.
    let repo = corpus("python-aws");
    let record = format!("{repo}/record");
    assert_eq!(
        ropa(&["scan", &repo, "--record", &record, "--fail-on", "error"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(ropa(&["scan", &repo, "--record", &record]).status.code(), Some(1));
}

#[test]
fn github_annotations_point_at_the_evidence() {
    let repo = corpus("php-site");
    let out = ropa(&[
        "scan",
        &repo,
        "--record",
        &format!("{repo}/record"),
        "--format",
        "github",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("::warning file=templates/header.php,line=16,endLine=16,title=ropa scan undeclared-tracker::"),
        "{text}"
    );
}

#[test]
fn a_missing_record_is_a_usage_error_that_says_what_to_do() {
    let repo = corpus("php-site");
    let out = ropa(&[
        "scan",
        &format!("{repo}/templates"),
        "--record",
        &format!("{repo}/templates"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--record PATH"), "{err}");
}

#[test]
fn explain_shows_a_vendors_facts_with_their_sources() {
    let out = ropa(&["explain", "stripe"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Stripe (`stripe`), from ropa's vendor registry"),
        "{text}"
    );
    assert!(text.contains("- country: Ireland (IE) [2]"), "{text}");
    assert!(text.contains("2. Stripe: Authorised Payment Services terms"), "{text}");
    // An open fact says so: the registry never fills one in.
    let plausible = String::from_utf8_lossy(&ropa(&["explain", "Plausible"]).stdout).into_owned();
    assert!(
        plausible.contains("- contracting entity for EEA customers: not confirmed by a source here"),
        "{plausible}"
    );
    let json = ropa(&["explain", "salesforce", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["role"]["value"], "processor");
    assert_eq!(doc["eea_entity"], serde_json::Value::Null);
    let cited = doc["role"]["source"].as_u64().unwrap_or(0) as usize;
    assert!(
        doc["sources"][cited - 1]["url"]
            .as_str()
            .is_some_and(|u| u.contains("salesforce.com"))
    );
    // Near miss: neither a rule nor a vendor is still an error with a hint.
    let unknown = ropa(&["explain", "stripey"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn explain_shows_where_the_region_table_comes_from() {
    let out = ropa(&["explain", "region-outside-eea"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Facts: the cloud regions' countries, as of 20"), "{text}");
    assert!(text.contains("<https://learn.microsoft.com/"), "{text}");
    let json = ropa(&["explain", "region-outside-eea", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert!(doc["facts"]["as_of"].as_str().is_some_and(|d| d.len() == 10), "{doc}");
    // Near miss: a rule that reads only the vendor registry has no such table.
    let tracker = ropa(&["explain", "undeclared-tracker", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&tracker.stdout).expect("JSON");
    assert_eq!(doc["facts"], serde_json::Value::Null);
}

#[test]
fn concise_and_gitlab_place_each_finding() {
    let repo = corpus("go-mailgun");
    let record = format!("{repo}/record");
    let concise = ropa(&["scan", &repo, "--record", &record, "--format", "concise"]);
    let text = String::from_utf8_lossy(&concise.stdout);
    assert!(
        text.starts_with("go.mod:6:1: undeclared-processor [warning] The code sends data to Mailgun"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
    let gitlab = ropa(&["scan", &repo, "--record", &record, "--format", "gitlab"]);
    let doc: serde_json::Value = serde_json::from_slice(&gitlab.stdout).expect("JSON");
    assert_eq!(doc[0]["check_name"], "undeclared-processor");
    assert_eq!(doc[0]["location"]["path"], "go.mod");
    assert_eq!(doc[0]["location"]["lines"]["begin"], 6);
    assert_eq!(doc[0]["severity"], "minor");
    // The fingerprint is the baseline's: rule and subject, 16 hex digits.
    assert!(
        doc[0]["fingerprint"]
            .as_str()
            .is_some_and(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit())),
        "{}",
        doc[0]["fingerprint"]
    );
}

/// The official schema, with its one erratum (an unbalanced bracket in the
/// `language` patterns, which ropa never writes) replaced in memory, as in
/// `ci_formats.rs`.
fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(path).expect("vendored schema");
    let text = text.replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_validates_and_points_at_the_evidence() {
    let repo = corpus("node-webshop");
    let out = ropa(&[
        "scan",
        &repo,
        "--record",
        &format!("{repo}/record"),
        "--format",
        "sarif",
    ]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = sarif_validator().iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["ruleId"], "undeclared-processor");
    assert_eq!(results[0]["level"], "warning");
    let at = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(at["artifactLocation"]["uri"], "package.json");
    assert_eq!(at["region"]["startLine"], 7);
    // The declared processor the code no longer shows is a note at its
    // declaration in the record.
    let note = results.iter().find(|r| r["level"] == "note").expect("a note");
    let at = &note["locations"][0]["physicalLocation"];
    assert_eq!(at["artifactLocation"]["uri"], "record/shop.ropa.kdl");
    assert_eq!(at["region"]["startLine"], 12);
}

#[test]
fn explain_explains_a_scan_rule_and_leaves_the_shared_ones_to_the_catalogue() {
    let out = ropa(&["explain", "undeclared-processor"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("undeclared-processor (warning, reported by `ropa scan`)"),
        "{text}"
    );
    assert!(text.contains("GDPR Art. 30(1)(d)"), "{text}");
    assert!(
        text.contains("scan { allow undeclared-processor SUBJECT reason="),
        "{text}"
    );
    // `unused-allow` is the record's rule too: the catalogue explains it.
    let shared = String::from_utf8_lossy(&ropa(&["explain", "unused-allow"]).stdout).into_owned();
    assert!(!shared.contains("ropa scan"), "{shared}");
}

#[test]
fn a_file_too_large_to_read_is_reported_not_passed_over() {
    let repo = std::env::temp_dir().join(format!("ropa-scan-large-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&repo).expect("temp folder");
    // A lockfile over the 16 MiB limit: whatever it names is not seen.
    let filler = "x".repeat(17 * 1024 * 1024);
    std::fs::write(
        repo.join("package.json"),
        format!("{{\"description\": \"{filler}\"}}\n"),
    )
    .expect("write");
    // Near miss: a file within the limit is read, and not reported.
    std::fs::write(repo.join("requirements.txt"), "requests==2.32.0\n").expect("write");
    let record = format!("{}/record", corpus("go-mailgun"));
    let out = ropa(&["scan", &repo.to_string_lossy(), "--record", &record]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains("package.json: 17 MiB, larger than the 16 MiB a scanned file may have"),
        "{stderr}"
    );
    assert!(!stderr.contains("requirements.txt"), "{stderr}");
    assert!(
        stdout.contains("from 0 pieces of evidence in 1 file read; 1 not readable"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&repo);
}
