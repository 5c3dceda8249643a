//! `ropa baseline` and `ropa check --baseline`: adopting ropa on a record
//! with findings, failing only on new ones; and the exit code of every
//! `--fail-on`, with and without a baseline.

mod ci_common;

use std::path::Path;

use ci_common::*;
use serde_json::Value;

/// office2go copied to a temporary workspace, with a baseline of today's
/// findings in `ropa-baseline.json` next to it.
fn baselined_office2go() -> TempDir {
    let dir = TempDir::new("baseline");
    copy_specs(OFFICE2GO, &dir.join("specs"));
    let made = ropa_in(dir.path(), &["baseline", "specs"]);
    assert_eq!(code(&made), 0, "{}", stderr(&made));
    assert!(
        stderr(&made).contains("in ropa-baseline.json from 5 files"),
        "{}",
        stderr(&made)
    );
    dir
}

fn check_with_baseline(dir: &Path) -> std::process::Output {
    ropa_in(dir, &["check", "specs", "--baseline", "ropa-baseline.json"])
}

#[test]
fn the_baseline_file_is_versioned_sorted_and_readable() {
    let dir = baselined_office2go();
    let text = read(dir.path(), "ropa-baseline.json");
    let baseline: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(baseline["version"], 2);
    let entries = baseline["findings"].as_array().expect("findings");
    // As many findings as `ropa check` reports, one entry per key.
    let check: Value =
        serde_json::from_str(&stdout(&ropa_in(dir.path(), &["check", "specs", "--format", "json"]))).expect("JSON");
    let total: u64 = entries.iter().map(|e| e["count"].as_u64().expect("count")).sum();
    assert_eq!(total as usize, check["diagnostics"].as_array().expect("array").len());
    // Sorted by file, then rule, entity and message: stable diffs.
    let keys: Vec<(String, String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap_or("").to_owned(),
                e["rule"].as_str().unwrap_or("").to_owned(),
                e["entity"].as_str().unwrap_or("").to_owned(),
                e["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // No line numbers: they are not part of a finding's identity.
    assert!(!text.contains("\"line\""));
    // Recording again gives the same file.
    ropa_in(dir.path(), &["baseline", "specs"]);
    assert_eq!(read(dir.path(), "ropa-baseline.json"), text);
    // `--output -` prints it instead.
    let printed = ropa_in(dir.path(), &["baseline", "specs", "--output", "-"]);
    assert_eq!(stdout(&printed), text);
    insta::assert_snapshot!(text.lines().take(20).collect::<Vec<_>>().join("\n"));
}

#[test]
fn a_baselined_record_passes_and_says_how_many_were_baselined() {
    let dir = baselined_office2go();
    let before = ropa_in(dir.path(), &["check", "specs"]);
    assert_eq!(code(&before), 1, "office2go has errors");
    let output = check_with_baseline(dir.path());
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    insta::assert_snapshot!(stdout(&output), @"No new findings in 5 files (38 baselined).");
}

#[test]
fn inserting_lines_above_a_baselined_finding_keeps_it_baselined() {
    let dir = baselined_office2go();
    // Comments, blank lines and a new, clean declaration above every finding.
    for file in ["activities.ropa.kdl", "processors.ropa.kdl", "organization.ropa.kdl"] {
        prepend(
            &dir.join("specs"),
            file,
            "// Reviewed 2026-11-23.\n// Second line of the note.\n\n\n",
        );
    }
    replace(
        &dir.join("specs"),
        "activities.ropa.kdl",
        "activity invoicing {",
        "// Invoicing is reviewed by finance.\n\nactivity invoicing {\n    // note\n",
    );
    let output = check_with_baseline(dir.path());
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("(38 baselined)"), "{}", stdout(&output));
}

#[test]
fn a_new_violation_fails_and_only_it_is_shown() {
    let dir = baselined_office2go();
    append(&dir.join("specs"), "processors.ropa.kdl", US_PROCESSOR);
    replace(
        &dir.join("specs"),
        "activities.ropa.kdl",
        "processors e-conomic dropbox omniveta iex",
        "processors e-conomic dropbox omniveta iex mailer",
    );
    let output = check_with_baseline(dir.path());
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    assert!(
        text.contains("`mailer` takes data of `invoicing` to US (United States), but no transfer is declared"),
        "{text}"
    );
    // Old findings stay hidden.
    assert!(
        !text
            .contains("processor `dropbox` is established in IE (Ireland), but where it stores the data is not stated"),
        "{text}"
    );
    assert!(
        text.contains("Found 1 new error, 0 new warnings, 0 new infos in 5 files (38 baselined)."),
        "{text}"
    );
}

#[test]
fn a_fixed_finding_is_reported_and_does_not_fail() {
    let dir = baselined_office2go();
    replace(
        &dir.join("specs"),
        "processors.ropa.kdl",
        "processor webcrm \"WebCRM\" {\n",
        "processor webcrm \"WebCRM\" {\n    stored-in DK\n",
    );
    let output = check_with_baseline(dir.path());
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    insta::assert_snapshot!(stdout(&output), @r"
    note: 1 finding recorded in ropa-baseline.json no longer occurs: run `ropa baseline --prune --output ropa-baseline.json` to drop it (it adds nothing)
    No new findings in 5 files (37 baselined).
    ");
}

#[test]
fn editing_what_a_finding_says_makes_it_new() {
    let dir = baselined_office2go();
    // Renaming the processor changes the message (and the entity): the
    // findings about `facebook2` were never accepted.
    let specs = dir.join("specs");
    replace(
        &specs,
        "processors.ropa.kdl",
        "processor facebook \"Facebook\"",
        "processor facebook2 \"Facebook\"",
    );
    let activities = read(&specs, "activities.ropa.kdl");
    write(
        &specs,
        "activities.ropa.kdl",
        &activities.replace(" facebook ", " facebook2 "),
    );
    let output = check_with_baseline(dir.path());
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "`facebook2` takes data of `social-targeting` to US (United States), but no transfer is declared"
        ),
        "{text}"
    );
    assert!(
        text.contains("findings recorded in ropa-baseline.json no longer occur"),
        "{text}"
    );
}

#[test]
fn identical_findings_are_counted() {
    let dir = TempDir::new("counted");
    write(dir.path(), "ropa.kdl", "");
    write(dir.path(), "org.ropa.kdl", GOOD_ORG);
    // Two identical findings: same rule, file, entity and message.
    write(dir.path(), "a.ropa.kdl", "data spare \"Unused\"\nfoo\nfoo\n");
    assert_eq!(code(&ropa_in(dir.path(), &["baseline"])), 0);
    let baseline: Value = serde_json::from_str(&read(dir.path(), "ropa-baseline.json")).expect("JSON");
    let unknown = baseline["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|e| e["rule"] == "unknown-node")
        .expect("the unknown node");
    assert_eq!(unknown["count"], 2);
    assert_eq!(
        code(&ropa_in(dir.path(), &["check", "--baseline", "ropa-baseline.json"])),
        0
    );
    // A third one is new, and only one is shown.
    write(dir.path(), "a.ropa.kdl", "data spare \"Unused\"\nfoo\nfoo\nfoo\n");
    let output = ropa_in(
        dir.path(),
        &["check", "--baseline", "ropa-baseline.json", "--format", "json"],
    );
    assert_eq!(code(&output), 1);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(report["diagnostics"].as_array().expect("array").len(), 1);
}

#[test]
fn the_baseline_works_from_any_folder() {
    let dir = baselined_office2go();
    // Recorded from the parent folder, checked from inside the workspace.
    let inside = dir.join("specs");
    let output = ropa_in(&inside, &["check", ".", "--baseline", "../ropa-baseline.json"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let output = ropa_in(
        &inside,
        &["check", "--baseline", "../ropa-baseline.json", "--format", "sarif"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("No new findings in 5 files (38 baselined)."),
        "{}",
        stderr(&output)
    );
    // Checking one file of a baselined workspace fixes nothing elsewhere.
    let output = ropa_in(
        dir.path(),
        &["check", "specs/processors.ropa.kdl", "--baseline", "ropa-baseline.json"],
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(!stdout(&output).contains("no longer occur"), "{}", stdout(&output));
}

#[test]
fn a_broken_baseline_is_a_usage_error() {
    let dir = baselined_office2go();
    let cases: [(&str, Option<&str>, &str); 5] = [
        (
            "missing.json",
            None,
            "cannot read the baseline missing.json: no such file or folder",
        ),
        ("not-json.json", Some("{ nope"), "not-json.json is not a ropa baseline"),
        (
            "future.json",
            Some("{\"version\": 9, \"findings\": []}"),
            "future.json is a version 9 baseline; this ropa reads versions 1 and 2",
        ),
        (
            "bad-fingerprint.json",
            Some(
                "{\"version\": 1, \"findings\": [{\"file\": \"a\", \"rule\": \"r\", \"entity\": null, \"message\": \"m\", \"fingerprint\": \"xyz\", \"count\": 1}]}",
            ),
            "`xyz` is not a fingerprint",
        ),
        ("no-version.json", Some("{\"findings\": []}"), "it has no `version`"),
    ];
    for (name, content, expected) in cases {
        if let Some(content) = content {
            write(dir.path(), name, content);
        }
        let output = ropa_in(dir.path(), &["check", "specs", "--baseline", name]);
        assert_eq!(code(&output), 2, "{name}");
        assert!(stderr(&output).contains(expected), "{name}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "nothing is checked with a broken baseline");
    }
}

#[test]
fn no_baseline_is_written_when_a_file_cannot_be_read() {
    let dir = TempDir::new("unreadable");
    write(dir.path(), "ropa.kdl", "");
    write(dir.path(), "org.ropa.kdl", GOOD_ORG);
    std::fs::write(dir.join("latin1.ropa.kdl"), b"data k \"\xe5\"\n").expect("write");
    let output = ropa_in(dir.path(), &["baseline"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("no baseline written"), "{}", stderr(&output));
    assert!(!dir.join("ropa-baseline.json").exists());
}

/// A workspace with exactly one error, one warning and one info, each in
/// its own file so that each can be removed.
fn one_of_each(dir: &Path) {
    write(dir, "ropa.kdl", "");
    write(dir, "org.ropa.kdl", GOOD_ORG);
    // error: processor-without-dpa; info: third-country-parent.
    write(
        dir,
        "error.ropa.kdl",
        "data c \"Contact\"\nsubjects s \"Customers\"\nprocessor crm \"CRM\" {\n    country SE\n    stored-in SE\n    dpa none\n}\nactivity a {\n    purpose \"Sales\"\n    subjects s\n    data c\n    basis contract\n    retain \"2 years\"\n    processors crm\n}\n",
    );
    write(
        dir,
        "info.ropa.kdl",
        "processor host \"Host\" {\n    stored-in IE\n    parent US\n    dpa \"2025-01-01\"\n}\nactivity b {\n    purpose \"Hosting\"\n    subjects s\n    data c\n    basis contract\n    retain \"2 years\"\n    processors host\n}\n",
    );
    // warning: unused-declaration.
    write(dir, "warning.ropa.kdl", "data spare \"Unused\"\n");
}

fn exit_codes(dir: &Path, baseline: Option<&str>) -> [i32; 3] {
    ["error", "warning", "info"].map(|fail_on| {
        let mut args = vec!["check", ".", "--fail-on", fail_on];
        if let Some(baseline) = baseline {
            args.extend(["--baseline", baseline]);
        }
        code(&ropa_in(dir, &args))
    })
}

#[test]
fn exit_codes_for_each_fail_on() {
    let dir = TempDir::new("fail-on");
    one_of_each(dir.path());
    let findings: Value =
        serde_json::from_str(&stdout(&ropa_in(dir.path(), &["check", ".", "--format", "json"]))).expect("JSON");
    assert_eq!(
        (
            findings["summary"]["error"].as_u64(),
            findings["summary"]["warning"].as_u64(),
            findings["summary"]["info"].as_u64()
        ),
        (Some(1), Some(1), Some(1)),
        "{findings}"
    );
    // [--fail-on error, warning, info]
    assert_eq!(exit_codes(dir.path(), None), [1, 1, 1], "one of each");
    std::fs::remove_file(dir.join("error.ropa.kdl")).expect("remove");
    write(
        dir.path(),
        "error.ropa.kdl",
        "data c \"Contact\"\nsubjects s \"Customers\"\n",
    );
    assert_eq!(exit_codes(dir.path(), None), [0, 1, 1], "a warning and an info");
    std::fs::remove_file(dir.join("warning.ropa.kdl")).expect("remove");
    assert_eq!(exit_codes(dir.path(), None), [0, 0, 1], "an info only");
    std::fs::remove_file(dir.join("info.ropa.kdl")).expect("remove");
    write(dir.path(), "error.ropa.kdl", "");
    assert_eq!(exit_codes(dir.path(), None), [0, 0, 0], "no findings");
}

#[test]
fn exit_codes_for_each_fail_on_with_a_baseline() {
    let dir = TempDir::new("fail-on-baseline");
    one_of_each(dir.path());
    assert_eq!(code(&ropa_in(dir.path(), &["baseline", "--output", "base.json"])), 0);
    // Everything is baselined: nothing fails, whatever the threshold.
    assert_eq!(exit_codes(dir.path(), Some("base.json")), [0, 0, 0]);
    // A new warning fails from `warning` down; a new info only at `info`.
    append(dir.path(), "warning.ropa.kdl", "data spare2 \"Unused too\"\n");
    assert_eq!(exit_codes(dir.path(), Some("base.json")), [0, 1, 1]);
    assert_eq!(code(&ropa_in(dir.path(), &["baseline", "--output", "base.json"])), 0);
    append(
        dir.path(),
        "info.ropa.kdl",
        "processor host2 \"Host 2\" {\n    stored-in IE\n    parent US\n    dpa \"2025-01-01\"\n}\nactivity more-hosting {\n    purpose \"More hosting\"\n    subjects s\n    data c\n    basis contract\n    retain \"2 years\"\n    processors host2\n}\n",
    );
    assert_eq!(exit_codes(dir.path(), Some("base.json")), [0, 0, 1]);
    // A new error fails at every threshold.
    append(
        dir.path(),
        "error.ropa.kdl",
        "activity d {\n    purpose \"No basis\"\n}\n",
    );
    assert_eq!(exit_codes(dir.path(), Some("base.json")), [1, 1, 1]);
    // Unreadable files still exit 2 with a baseline.
    std::fs::write(dir.join("latin1.ropa.kdl"), b"data k \"\xe5\"\n").expect("write");
    assert_eq!(exit_codes(dir.path(), Some("base.json")), [2, 2, 2]);
}

/// Fixes the finding that webcrm's locations are unknown.
fn fix_one(specs: &Path) {
    replace(
        specs,
        "processors.ropa.kdl",
        "processor webcrm \"WebCRM\" {\n",
        "processor webcrm \"WebCRM\" {\n    stored-in DK\n",
    );
}

#[test]
fn prune_drops_fixed_findings_and_never_adds_new_ones() {
    let dir = baselined_office2go();
    let before: Value = serde_json::from_str(&read(dir.path(), "ropa-baseline.json")).expect("JSON");
    let specs = dir.join("specs");
    fix_one(&specs);
    add_us_processor(&specs);
    let pruned = ropa_in(dir.path(), &["baseline", "specs", "--prune"]);
    assert_eq!(code(&pruned), 0, "{}", stderr(&pruned));
    assert!(
        stderr(&pruned)
            .contains("Dropped 1 finding that no longer occurs from ropa-baseline.json; 37 findings kept, none added."),
        "{}",
        stderr(&pruned)
    );
    let after: Value = serde_json::from_str(&read(dir.path(), "ropa-baseline.json")).expect("JSON");
    let entries = |v: &Value| v["findings"].as_array().expect("findings").clone();
    let (before, after) = (entries(&before), entries(&after));
    assert_eq!(after.len(), before.len() - 1);
    // Every kept entry is one recorded before, unchanged: nothing added.
    assert!(after.iter().all(|e| before.contains(e)));
    // The new error is still new.
    let output = check_with_baseline(dir.path());
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(!stdout(&output).contains("no longer occur"), "{}", stdout(&output));

    // Nothing to prune: a clear error, no file made.
    let none = ropa_in(
        dir.path(),
        &["baseline", "specs", "--prune", "--output", "missing.json"],
    );
    assert_eq!(code(&none), 2);
    assert!(
        stderr(&none).contains("nothing to prune: missing.json does not exist"),
        "{}",
        stderr(&none)
    );
    assert!(!dir.join("missing.json").exists());
}

#[test]
fn fail_on_stale_fails_when_the_baseline_records_fixed_findings() {
    let dir = baselined_office2go();
    let args = ["check", "specs", "--baseline", "ropa-baseline.json", "--fail-on-stale"];
    assert_eq!(code(&ropa_in(dir.path(), &args)), 0, "nothing fixed yet");
    fix_one(&dir.join("specs"));
    let output = ropa_in(dir.path(), &args);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(
        stdout(&output).contains("ropa baseline --prune --output ropa-baseline.json"),
        "{}",
        stdout(&output)
    );
    // Without the flag a fixed finding is a note, not a failure.
    assert_eq!(code(&check_with_baseline(dir.path())), 0);
    // The flag means nothing without a baseline.
    assert_eq!(code(&ropa_in(dir.path(), &["check", "specs", "--fail-on-stale"])), 2);
}

#[test]
fn re_recording_from_another_folder_changes_nothing() {
    let repo = git_repo("baseline-stable");
    copy_specs(OFFICE2GO, &repo.join("specs/office2go"));
    let first = ropa_in(repo.path(), &["baseline", "specs"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let recorded = read(repo.path(), "ropa-baseline.json");
    assert!(
        recorded.contains("\"file\": \"specs/office2go/activities.ropa.kdl\""),
        "{recorded}"
    );
    // From the workspace, with an absolute output path: the same bytes.
    let output = repo.join("ropa-baseline.json");
    let again = ropa_in(
        &repo.join("specs/office2go"),
        &["baseline", ".", "--output", output.to_str().expect("UTF-8")],
    );
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(read(repo.path(), "ropa-baseline.json"), recorded);
}
