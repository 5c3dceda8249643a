//! The `ropa` binary end to end: output formats, exit codes and errors, on
//! fixture workspaces and the bundled example specs.

mod ci_common;

use std::io::Read;
use std::process::{Command, Stdio};

use ci_common::{BROKEN, GOOD_ORG, TempDir, ropa, ropa_in, stderr, stdout, write};

#[test]
fn human_output_shows_snippets_and_a_summary() {
    let output = ropa(&["check", BROKEN]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_output_is_valid_and_documented() {
    let output = ropa(&["check", BROKEN, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let document: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(document["version"], 2);
    let rules = document["rules"].as_object().expect("rules object");
    let mut used = std::collections::BTreeSet::new();
    for finding in document["diagnostics"].as_array().expect("diagnostics array") {
        for field in [
            "rule",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
        ] {
            assert!(!finding[field].is_null(), "{field} missing in {finding}");
        }
        // The help is an index into the rule's help texts, written once there.
        let rule = finding["rule"].as_str().expect("rule id");
        used.insert(rule.to_owned());
        if let Some(help) = finding["help"].as_u64() {
            assert!(
                rules[rule]["help"][help as usize].is_string(),
                "help {help} of {finding}"
            );
        }
    }
    assert_eq!(rules.keys().cloned().collect::<std::collections::BTreeSet<_>>(), used);
    for (id, rule) in rules {
        let help: Vec<&str> = rule["help"]
            .as_array()
            .expect("help")
            .iter()
            .filter_map(|h| h.as_str())
            .collect();
        let distinct: std::collections::BTreeSet<&str> = help.iter().copied().collect();
        assert_eq!(distinct.len(), help.len(), "{id} lists a help text twice");
        assert!(
            rule["summary"].is_string() && rule["default_severity"].is_string(),
            "{id}: {rule}"
        );
    }
    insta::assert_snapshot!(text);
}

#[test]
fn exit_code_follows_fail_on() {
    // The good example has no error and no warning.
    let clean = ropa(&["check", "specs/good-example"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    assert!(stdout(&clean).contains("No findings"));
    // webone has warnings and errors.
    assert_eq!(ropa(&["check", "specs/webone"]).status.code(), Some(1));
    assert_eq!(
        ropa(&["check", "specs/webone", "--fail-on", "warning"]).status.code(),
        Some(1)
    );
    // A workspace with only warnings passes by default and fails on warnings.
    let dir = TempDir::new("cli");
    write(dir.path(), "ropa.kdl", "");
    write(dir.path(), "a.ropa.kdl", GOOD_ORG);
    write(dir.path(), "b.ropa.kdl", "data spare \"Unused\"\n");
    let path = dir.path().to_str().expect("utf-8 temp path");
    assert_eq!(ropa(&["check", path]).status.code(), Some(0));
    assert_eq!(ropa(&["check", path, "--fail-on", "warning"]).status.code(), Some(1));
    assert_eq!(ropa(&["check", path, "--fail-on", "info"]).status.code(), Some(1));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // Output well beyond a pipe's buffer, so ropa is still writing when the
    // reader goes away, as with `ropa check | head`.
    let dir = TempDir::new("cli");
    write(dir.path(), "ropa.kdl", "");
    let specs: String = (0..2000).map(|i| format!("data d{i} \"Never used\"\n")).collect();
    write(dir.path(), "a.ropa.kdl", &specs);
    for format in ["human", "json", "sarif", "github", "gitlab", "junit"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["check", ".", "--format", format])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ropa runs");
        let mut start = [0; 10];
        let mut out = child.stdout.take().expect("stdout");
        out.read_exact(&mut start).expect("the output starts");
        drop(out);
        let output = child.wait_with_output().expect("ropa ends");
        let read_whole = ropa_in(dir.path(), &["check", ".", "--format", format]);
        assert_eq!(output.status.code(), read_whole.status.code(), "{format}");
        assert!(
            !stderr(&output).contains("cannot write"),
            "{format}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn each_example_company_is_checked() {
    for company in ["24sevenoffice", "bowebb", "office2go", "webone", "good-example"] {
        let output = ropa(&["check", &format!("specs/{company}")]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{company}: {}",
            stderr(&output)
        );
        insta::assert_snapshot!(format!("specs_{company}"), stdout(&output));
    }
}

#[test]
fn a_folder_of_workspaces_checks_each() {
    let output = ropa(&["check", "specs", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let files: std::collections::BTreeSet<String> = document["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["file"].as_str().map(|f| f.split('/').nth(1).unwrap_or("").to_owned()))
        .collect();
    assert!(files.contains("office2go") && files.contains("webone"), "{files:?}");
    // No finding about a duplicate organization: each folder is its own workspace.
    assert!(!stdout(&output).contains("a workspace has one organization"));
}

#[test]
fn naming_one_file_reads_its_workspace_but_reports_only_that_file() {
    let output = ropa(&["check", "specs/webone/activities.ropa.kdl", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let diagnostics = document["diagnostics"].as_array().expect("array");
    assert!(!diagnostics.is_empty());
    assert!(
        diagnostics
            .iter()
            .all(|d| d["file"] == "specs/webone/activities.ropa.kdl")
    );
    // References into data.ropa.kdl resolve: no undefined-reference.
    assert!(diagnostics.iter().all(|d| d["rule"] != "undefined-reference"));
}

#[test]
fn unreadable_inputs_get_clear_errors_and_the_rest_is_checked() {
    let dir = TempDir::new("cli");
    write(dir.path(), "ropa.kdl", "");
    write(dir.path(), "org.ropa.kdl", GOOD_ORG);
    std::fs::write(dir.join("latin1.ropa.kdl"), b"data kontakt \"Namn \xe5\xe4\xf6\"\n").expect("write");
    std::fs::write(dir.join("binary.ropa.kdl"), [0u8, 159, 146, 150, 0, 1]).expect("write");
    write(dir.path(), "empty.ropa.kdl", "");
    write(dir.path(), "with space/åäö.ropa.kdl", "data x \"ok\"\n");
    let path = dir.path().to_str().expect("utf-8 temp path");
    let output = ropa(&["check", path]);
    assert_eq!(output.status.code(), Some(2), "IO problems exit 2");
    let text = stdout(&output);
    assert!(
        text.contains("latin1.ropa.kdl: line 1: not UTF-8 text (byte 0xE5); save the file with UTF-8 encoding"),
        "{text}"
    );
    assert!(text.contains("binary.ropa.kdl: looks like a binary file"), "{text}");
    // The readable files were still checked.
    assert!(text.contains("data category `x` is not used"), "{text}");
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    let missing = ropa(&["check", "no/such/place"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stdout(&missing).contains("no/such/place: no such file or folder"));

    let dir = TempDir::new("cli");
    write(dir.path(), "notes.txt", "hello");
    let empty = ropa(&["check", dir.path().to_str().expect("utf-8")]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(
        stderr(&empty).contains("spec file names end in `.ropa.kdl`"),
        "{}",
        stderr(&empty)
    );

    let wrong = ropa(&["check", "docs/language.md"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stdout(&wrong).contains("not a spec file"));

    let bad_flag = ropa(&["check", "--format", "yaml"]);
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[test]
fn rules_and_explain() {
    let rules = ropa(&["rules"]);
    assert_eq!(rules.status.code(), Some(0));
    let listing = stdout(&rules);
    for id in [
        "consent-only-basis",
        "transfer-without-safeguard",
        "processor-without-dpa",
        "dpia-required",
    ] {
        assert!(listing.contains(id), "{id} not listed");
    }
    let explain = ropa(&["explain", "consent-only-basis"]);
    assert_eq!(explain.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&explain));

    let facts = stdout(&ropa(&["explain", "retention-below-statute"]));
    assert!(facts.contains("Facts used") && facts.contains("As of"), "{facts}");

    let typo = ropa(&["explain", "consent-only-bases"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("did you mean `consent-only-basis`?"));

    let json = ropa(&["rules", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    assert!(parsed.as_array().is_some_and(|a| a.len() > 40));
}

#[test]
fn help_explains_exit_codes() {
    let help = stdout(&ropa(&["check", "--help"]));
    assert!(help.contains("Exit codes:") && help.contains("--fail-on"), "{help}");
}

#[test]
fn fmt_rewrites_checks_and_refuses_broken_files() {
    let dir = TempDir::new("cli");
    write(dir.path(), "ropa.kdl", "");
    write(
        dir.path(),
        "a.ropa.kdl",
        "activity  web {\n  purpose \"Run\" ; basis contract\n}\n",
    );
    let path = dir.path().to_str().expect("utf-8 temp path");
    let check = ropa(&["fmt", "--check", path]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(stdout(&check).contains("would reformat"));
    assert_eq!(
        std::fs::read_to_string(dir.join("a.ropa.kdl")).expect("read"),
        "activity  web {\n  purpose \"Run\" ; basis contract\n}\n"
    );
    assert_eq!(ropa(&["fmt", path]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.join("a.ropa.kdl")).expect("read"),
        "activity web {\n    purpose \"Run\"\n    basis contract\n}\n"
    );
    assert_eq!(ropa(&["fmt", "--check", path]).status.code(), Some(0));

    write(dir.path(), "broken.ropa.kdl", "data x \"unclosed\n");
    let broken = ropa(&["fmt", path]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        stdout(&broken).contains("broken.ropa.kdl: the file has a syntax error"),
        "{}",
        stdout(&broken)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.ropa.kdl")).expect("read"),
        "data x \"unclosed\n"
    );
}

/// Files are formatted on every core, but reported in path order and each
/// under its own name: a report that paired results with the wrong files
/// or printed them as they finished would fail here.
#[test]
fn fmt_reports_many_files_in_path_order() {
    let dir = TempDir::new("cli");
    write(dir.path(), "ropa.kdl", "");
    let mut expected = String::new();
    for n in 0..64 {
        let name = format!("f{n:02}.ropa.kdl");
        // Every third file is formatted already.
        let text = if n % 3 == 0 {
            format!("activity a{n} {{\n    purpose \"Run\"\n}}\n")
        } else {
            expected.push_str(&format!("would reformat {}\n", dir.join(&name).display()));
            format!("activity  a{n} {{ purpose \"Run\" }}\n")
        };
        write(dir.path(), &name, &text);
    }
    let path = dir.path().to_str().expect("utf-8 temp path");
    let check = ropa(&["fmt", "--check", path]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    expected.push_str("42 files would be reformatted, 23 already formatted\n");
    assert_eq!(stdout(&check), expected);
}
