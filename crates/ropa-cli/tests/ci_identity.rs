//! A finding's identity does not depend on which file holds its node:
//! renaming a spec file or moving an activity to another file changes no
//! finding, for `ropa diff` and for `--baseline`; and a version 1 baseline
//! (whose fingerprints included the file) still works.

mod ci_common;

use std::path::Path;

use ci_common::*;
use ropa_check::Rule;
use ropa_check::fingerprint::{fingerprint_v1, relative_to_root};
use serde_json::Value;

/// Moves `activity ID { … }` (up to the next activity) from one file to the
/// end of another.
fn move_activity(specs: &Path, id: &str, from: &str, to: &str) {
    let text = read(specs, from);
    let start = text.find(&format!("activity {id} {{")).expect("the activity");
    let end = text[start + 1..]
        .find("\nactivity ")
        .map_or(text.len(), |i| start + 1 + i + 1);
    let block = text[start..end].to_owned();
    write(specs, from, &format!("{}{}", &text[..start], &text[end..]));
    append(specs, to, &format!("\n{block}"));
}

fn summary(dir: &Path) -> Value {
    let output = ropa_in(
        dir,
        &["diff", "HEAD", "--format", "json", "--fail-on", "info", "--", "specs"],
    );
    assert_eq!(code(&output), 0, "{}\n{}", stdout(&output), stderr(&output));
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    document["summary"].clone()
}

#[test]
fn renaming_a_file_and_moving_an_activity_change_no_finding() {
    let repo = git_repo("identity");
    let specs = repo.join("specs");
    copy_specs(OFFICE2GO, &specs);
    let recorded = ropa_in(repo.path(), &["baseline", "specs"]);
    assert_eq!(code(&recorded), 0, "{}", stderr(&recorded));
    commit_all(repo.path(), "office2go and its baseline");
    // The record has findings to lose track of.
    assert_eq!(code(&ropa_in(repo.path(), &["check", "specs"])), 1);

    git(repo.path(), &["mv", "specs/activities.ropa.kdl", "specs/acts.ropa.kdl"]);
    move_activity(&specs, "customer-contact", "acts.ropa.kdl", "data.ropa.kdl");
    let moved = read(&specs, "data.ropa.kdl");
    assert!(moved.contains("activity customer-contact {"), "{moved}");

    let unchanged = serde_json::json!({
        "introduced": {"error": 0, "warning": 0, "info": 0},
        "fixed": {"error": 0, "warning": 0, "info": 0},
        "activities_added": 0,
        "activities_removed": 0,
        "activities_changed": 0,
        "new_transfers": 0,
    });
    assert_eq!(summary(repo.path()), unchanged, "in the working tree");
    commit_all(repo.path(), "rename and move");
    let output = ropa_in(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--format", "json", "--", "specs"],
    );
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(document["summary"], unchanged, "between commits");

    let checked = ropa_in(repo.path(), &["check", "specs", "--baseline", "ropa-baseline.json"]);
    assert_eq!(code(&checked), 0, "{}\n{}", stdout(&checked), stderr(&checked));
    let out = stdout(&checked);
    assert!(out.contains("No new findings"), "{out}");
    assert!(!stdout(&checked).contains("no longer"), "{}", stdout(&checked));
}

#[test]
fn a_version_1_baseline_is_migrated_on_read() {
    let repo = git_repo("identity-v1");
    let specs = repo.join("specs");
    copy_specs(OFFICE2GO, &specs);
    let recorded = ropa_in(repo.path(), &["baseline", "specs"]);
    assert_eq!(code(&recorded), 0, "{}", stderr(&recorded));
    // Rewrite it as ropa 0.1 wrote it: version 1, fingerprints of rule,
    // file within the workspace, entity and message.
    let mut baseline: Value = serde_json::from_str(&read(repo.path(), "ropa-baseline.json")).expect("JSON");
    assert_eq!(baseline["version"], 2);
    baseline["version"] = 1.into();
    for entry in baseline["findings"].as_array_mut().expect("findings") {
        let rule = Rule::from_id(entry["rule"].as_str().expect("rule")).expect("known rule");
        let file = relative_to_root(entry["file"].as_str().expect("file"), "specs");
        let v1 = fingerprint_v1(
            rule,
            &file,
            entry["entity"].as_str(),
            entry["message"].as_str().expect("message"),
        );
        assert_ne!(entry["fingerprint"], v1.to_string().as_str());
        entry["fingerprint"] = v1.to_string().into();
    }
    write(
        repo.path(),
        "v1.json",
        &serde_json::to_string_pretty(&baseline).expect("JSON"),
    );

    let checked = ropa_in(repo.path(), &["check", "specs", "--baseline", "v1.json"]);
    assert_eq!(code(&checked), 0, "{}\n{}", stdout(&checked), stderr(&checked));
    assert!(!stdout(&checked).contains("no longer"), "{}", stdout(&checked));
    // And a new finding still fails.
    append(&specs, "processors.ropa.kdl", US_PROCESSOR);
    replace(
        &specs,
        "activities.ropa.kdl",
        "processors e-conomic dropbox omniveta iex",
        "processors e-conomic dropbox omniveta iex mailer",
    );
    assert_eq!(
        code(&ropa_in(repo.path(), &["check", "specs", "--baseline", "v1.json"])),
        1
    );
}
