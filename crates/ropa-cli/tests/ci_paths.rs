//! Every format names files relative to the repository root, whatever the
//! folder ropa runs in and however the paths were given: what GitHub
//! annotations, code scanning and GitLab match against the repository.

mod ci_common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use ci_common::*;
use serde_json::Value;

/// What a run is called, its folder, its target and its environment.
type Run<'a> = (&'a str, &'a Path, &'a str, Vec<(&'a str, &'a Path)>);

const FORMATS: [&str; 6] = ["human", "json", "sarif", "github", "gitlab", "junit"];

/// Runs `ropa check TARGET --format FORMAT` in `cwd` with `env` set (and the
/// CI variables otherwise unset).
fn check(cwd: &Path, target: &str, format: &str, env: &[(&str, &Path)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ropa"));
    command
        .args(["check", target, "--format", format])
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("CI_PROJECT_DIR")
        .env_remove("ROPA_FORMAT");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("ropa runs");
    assert_eq!(code(&output), 1, "{format} in {}: {}", cwd.display(), stderr(&output));
    stdout(&output)
}

/// The file paths a report names, per format.
fn paths(format: &str, text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    match format {
        "human" => {
            for line in text.lines() {
                if let Some((_, rest)) = line.split_once("┌─ ") {
                    found.insert(rest.split(':').next().unwrap_or("").to_owned());
                }
            }
        }
        "json" => {
            let doc: Value = serde_json::from_str(text).expect("JSON");
            for d in doc["diagnostics"].as_array().expect("diagnostics") {
                found.insert(d["file"].as_str().expect("file").to_owned());
            }
        }
        "sarif" => {
            let log: Value = serde_json::from_str(text).expect("SARIF");
            for result in log["runs"][0]["results"].as_array().expect("results") {
                let locations = result["locations"].as_array().into_iter().flatten();
                let related = result["relatedLocations"].as_array().into_iter().flatten();
                for location in locations.chain(related) {
                    let artifact = &location["physicalLocation"]["artifactLocation"];
                    assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{artifact}");
                    found.insert(artifact["uri"].as_str().expect("uri").to_owned());
                }
            }
        }
        "github" => {
            for line in text.lines().filter(|l| l.starts_with("::")) {
                let (_, rest) = line.split_once("file=").expect("file=");
                found.insert(rest.split([',', ':']).next().unwrap_or("").to_owned());
            }
        }
        "gitlab" => {
            let issues: Value = serde_json::from_str(text).expect("JSON");
            for issue in issues.as_array().expect("issues") {
                found.insert(issue["location"]["path"].as_str().expect("path").to_owned());
            }
        }
        "junit" => {
            for part in text.split(" file=\"").skip(1) {
                found.insert(part.split('"').next().unwrap_or("").to_owned());
            }
        }
        _ => unreachable!("{format}"),
    }
    found
}

#[test]
fn every_format_names_files_from_the_repository_root_from_any_folder() {
    let repo = git_repo("paths");
    copy_specs(BROKEN, &repo.join("specs/ws"));
    let specs = repo.join("specs");
    let ws = repo.join("specs/ws");
    let absolute = ws.to_str().expect("UTF-8 path");
    let elsewhere = TempDir::new("paths-elsewhere");
    let runs: Vec<Run> = vec![
        ("from the root", repo.path(), "specs/ws", vec![]),
        ("from a subfolder", &specs, "ws", vec![]),
        ("from the workspace", &ws, ".", vec![]),
        ("absolute, from a subfolder", &specs, absolute, vec![]),
        ("absolute, from outside", elsewhere.path(), absolute, vec![]),
        (
            "with GITHUB_WORKSPACE",
            &specs,
            "ws",
            vec![("GITHUB_WORKSPACE", repo.path())],
        ),
        (
            "with CI_PROJECT_DIR",
            elsewhere.path(),
            absolute,
            vec![("CI_PROJECT_DIR", repo.path())],
        ),
    ];
    for format in FORMATS {
        for (what, cwd, target, env) in &runs {
            let found = paths(format, &check(cwd, target, format, env));
            assert!(!found.is_empty(), "{format} {what}: no paths");
            for path in &found {
                assert!(
                    path.starts_with("specs/ws/") && path.ends_with(".kdl"),
                    "{format} {what}: {path}"
                );
            }
            assert!(
                found.contains("specs/ws/activities.ropa.kdl"),
                "{format} {what}: {found:?}"
            );
        }
    }
}

#[test]
fn a_ci_variable_gives_the_root_outside_git() {
    // A CI job whose checkout has no .git (an exported tree): the variable
    // still says where the repository's root is.
    let checkout = TempDir::new("paths-export");
    copy_specs(BROKEN, &checkout.join("specs/ws"));
    let specs = checkout.join("specs");
    for (name, format) in [("GITHUB_WORKSPACE", "github"), ("CI_PROJECT_DIR", "gitlab")] {
        let found = paths(format, &check(&specs, "ws", format, &[(name, checkout.path())]));
        assert!(found.contains("specs/ws/activities.ropa.kdl"), "{name}: {found:?}");
    }
    // Without it, paths are relative to the workspace root.
    let found = paths("json", &check(&specs, "ws", "json", &[]));
    assert!(found.contains("activities.ropa.kdl"), "{found:?}");
}
