//! `ropa check --format sarif|github|gitlab|junit` and `--output`: golden
//! files for every format, the SARIF schema, escaping, and where the report
//! and its summary go.

mod ci_common;

use ci_common::*;
use serde_json::Value;
use std::process::Command;

const FORMATS: [&str; 6] = ["human", "json", "sarif", "github", "gitlab", "junit"];

/// The SARIF log with the rule catalogue (the same in every log, and
/// tested on its own below) folded to one line per rule, so the golden file
/// shows the results.
fn compact_sarif(text: &str) -> String {
    let log: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let rules: Vec<String> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            format!(
                "{} ({})",
                r["id"].as_str().unwrap_or("?"),
                r["defaultConfiguration"]["level"]
            )
        })
        .collect();
    let mut out = Vec::new();
    let mut skipping: Option<String> = None;
    for line in text.lines() {
        if let Some(indent) = &skipping {
            if line == format!("{indent}]") || line == format!("{indent}],") {
                out.push(format!("{indent}  … {} rules: {}", rules.len(), rules.join(", ")));
                out.push(line.to_owned());
                skipping = None;
            }
            continue;
        }
        if line.trim_start().starts_with("\"rules\": [") {
            skipping = Some(line[..line.len() - line.trim_start().len()].to_owned());
        }
        out.push(line.to_owned());
    }
    out.join("\n") + "\n"
}

fn check_in(dir: &std::path::Path, target: &str, format: &str) -> std::process::Output {
    ropa_in(dir, &["check", target, "--format", format])
}

#[test]
fn every_format_on_the_broken_workspace() {
    for format in FORMATS {
        let output = ropa(&["check", BROKEN, "--format", format]);
        assert_eq!(code(&output), 1, "{format}: {}", stderr(&output));
        let text = stdout(&output);
        let text = if format == "sarif" { compact_sarif(&text) } else { text };
        insta::assert_snapshot!(format!("broken_{format}"), text);
    }
}

#[test]
fn every_format_on_office2go() {
    for format in FORMATS {
        let output = ropa(&["check", OFFICE2GO, "--format", format]);
        assert_eq!(code(&output), 1, "{format}: {}", stderr(&output));
        let text = stdout(&output);
        let text = if format == "sarif" { compact_sarif(&text) } else { text };
        insta::assert_snapshot!(format!("office2go_{format}"), text);
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let schema_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("vendored schema")).expect("schema is JSON");
    // The official file has a known erratum: the `language` patterns (of
    // `run` and `toolComponent`) end in `]?$`, an unbalanced bracket, so the
    // validator refuses the schema itself. ropa never writes `language`; the
    // pattern is replaced in memory by the one the text describes, and
    // nothing else is touched.
    fn fix_language_patterns(value: &mut Value) -> usize {
        const ERRATUM: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match value {
            Value::Object(map) => {
                let mut fixed = 0;
                if map.get("pattern").and_then(Value::as_str) == Some(ERRATUM) {
                    map.insert("pattern".to_owned(), Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"));
                    fixed += 1;
                }
                fixed + map.values_mut().map(fix_language_patterns).sum::<usize>()
            }
            Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
            _ => 0,
        }
    }
    let mut schema = schema;
    assert_eq!(
        fix_language_patterns(&mut schema),
        2,
        "the vendored schema changed: review this workaround"
    );
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str, what: &str) -> Value {
    let log: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: SARIF schema violations:\n{}",
        errors.join("\n")
    );
    log
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    // The schema really checks: a log without `version` is rejected.
    let broken: Value = serde_json::json!({"runs": []});
    assert!(
        !validator.is_valid(&broken),
        "the validator rejects a log without version"
    );

    let office2go = stdout(&ropa(&["check", OFFICE2GO, "--format", "sarif"]));
    let log = assert_valid_sarif(&validator, &office2go, "office2go");
    // …and deep: a level SARIF does not have is caught inside a result.
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = Value::from("info");
    assert!(!validator.is_valid(&wrong), "the validator checks results too");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let mut fingerprints = std::collections::HashSet::new();
    for result in results {
        // ruleIndex points at the rule named by ruleId.
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(uri.starts_with("specs/office2go/"), "{uri}");
        let fingerprint = result["partialFingerprints"]["ropaFingerprint/v2"]
            .as_str()
            .expect("fingerprint");
        assert!(fingerprints.insert(fingerprint.to_owned()), "duplicate {fingerprint}");
    }

    for target in [BROKEN, "specs/good-example", "specs"] {
        let text = stdout(&ropa(&["check", target, "--format", "sarif"]));
        assert_valid_sarif(&validator, &text, target);
    }

    // Unreadable files are tool notifications, and still valid SARIF.
    let dir = TempDir::new("sarif-io");
    write(dir.path(), "ropa.kdl", "");
    std::fs::write(dir.join("latin1.ropa.kdl"), b"data k \"\xe5\"\n").expect("write");
    write(dir.path(), "a b/åsa.ropa.kdl", "data x \"ok\"\n");
    let output = check_in(dir.path(), ".", "sarif");
    assert_eq!(code(&output), 2);
    let log = assert_valid_sarif(&validator, &stdout(&output), "unreadable");
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert!(
        notification["message"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("not UTF-8")
    );
    // Paths are URIs: the space and the å are percent-encoded.
    assert!(
        stdout(&output).contains("\"uri\": \"a%20b/%C3%A5sa.ropa.kdl\""),
        "{}",
        stdout(&output)
    );
}

#[test]
fn sarif_rules_carry_full_help_and_link_only_to_a_configured_address() {
    // No address configured: no link at all, the help says it all.
    let plain = stdout(&ropa(&["check", BROKEN, "--format", "sarif"]));
    assert!(
        !plain.contains("helpUri") && !plain.contains("informationUri"),
        "{plain}"
    );
    assert!(!plain.contains("example.invalid"));
    let docs = "https://docs.example.org/ropa";
    let by_flag = stdout(&ropa(&[
        "check",
        BROKEN,
        "--format",
        "sarif",
        "--docs-url",
        "https://docs.example.org/ropa/",
    ]));
    let by_env = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["check", BROKEN, "--format", "sarif"])
        .current_dir(repo_root())
        .env("ROPA_DOCS_URL", docs)
        .output()
        .expect("ropa runs");
    assert_eq!(by_flag, stdout(&by_env), "--docs-url and ROPA_DOCS_URL say the same");
    let log: Value = serde_json::from_str(&by_flag).expect("JSON");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "ropa");
    assert_eq!(driver["informationUri"].as_str(), Some(docs));
    let rules = driver["rules"].as_array().expect("rules");
    let listed: Value = serde_json::from_str(&stdout(&ropa(&["rules", "--format", "json"]))).expect("JSON");
    assert_eq!(
        rules.len(),
        listed.as_array().expect("rules").len(),
        "every rule of the catalogue"
    );
    for rule in rules {
        let id = rule["id"].as_str().expect("id");
        assert_eq!(rule["helpUri"].as_str(), Some(format!("{docs}/rules.md#{id}").as_str()));
        for field in ["text", "markdown"] {
            assert!(
                rule["help"][field].as_str().is_some_and(|t| t.len() > 20),
                "{id}: help.{field}"
            );
        }
        assert!(rule["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap_or("")));
        assert!(
            rule["properties"]["tags"].as_array().is_some_and(|t| t.len() >= 2),
            "{id}"
        );
    }
    // The anchors exist in docs/rules.md.
    let docs = std::fs::read_to_string(repo_root().join("docs/rules.md")).expect("docs/rules.md");
    for rule in rules {
        let id = rule["id"].as_str().expect("id");
        assert!(
            docs.contains(&format!("### `{id}`")),
            "docs/rules.md has no section for {id}"
        );
    }
}

#[test]
fn sarif_columns_count_utf16_and_json_counts_characters() {
    let dir = TempDir::new("utf16");
    let line = "activity a { name \"😀 Åsa\"; purpose \"p\"; basis kontrakt }";
    write(dir.path(), "a.ropa.kdl", &format!("{line}\n"));
    let prefix = &line[..line.find("kontrakt").expect("kontrakt")];
    let sarif: Value = serde_json::from_str(&stdout(&check_in(dir.path(), ".", "sarif"))).expect("JSON");
    let json: Value = serde_json::from_str(&stdout(&check_in(dir.path(), ".", "json"))).expect("JSON");
    let result = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "invalid-value")
        .expect("an invalid-value finding");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    let finding = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "invalid-value")
        .expect("the same finding");
    // The emoji is one character but two UTF-16 code units.
    assert_eq!(region["startColumn"], prefix.encode_utf16().count() + 1);
    assert_eq!(finding["column"], prefix.chars().count() + 1);
    assert_eq!(
        region["endColumn"],
        prefix.encode_utf16().count() + 1 + "kontrakt".len()
    );
}

#[test]
fn github_annotations_escape_properties_and_messages() {
    let dir = TempDir::new("github");
    write(dir.path(), "ropa.kdl", "");
    // A comma and a colon in the file name would end the property.
    write(dir.path(), "a,b:c.ropa.kdl", "data spare \"Unused\"\n");
    let output = check_in(dir.path(), ".", "github");
    let text = stdout(&output);
    assert!(
        text.contains(
            "::warning file=a%2Cb%3Ac.ropa.kdl,line=1,endLine=1,col=6,endColumn=11,title=ropa unused-declaration::"
        ),
        "{text}"
    );
    // Every annotation is one line; the last line is the summary.
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[..lines.len() - 1].iter().all(|l| l.starts_with("::")), "{text}");
    assert!(lines.last().is_some_and(|l| l.starts_with("Found ")), "{text}");
    // Info findings are notices.
    write(
        dir.path(),
        "host.ropa.kdl",
        "processor host \"Host\" {\n    stored-in IE\n    parent US\n    dpa \"2025-01-01\"\n}\nactivity hosting {\n    purpose \"Hosting\"\n    processors host\n}\n",
    );
    let info = stdout(&check_in(dir.path(), ".", "github"));
    assert!(
        info.contains("::notice file=host.ropa.kdl") && info.contains("title=ropa third-country-parent::"),
        "{info}"
    );
}

#[test]
fn gitlab_report_has_unique_stable_fingerprints() {
    let text = stdout(&ropa(&["check", "specs", "--format", "gitlab"]));
    let issues: Value = serde_json::from_str(&text).expect("JSON");
    let issues = issues.as_array().expect("an array of issues");
    assert!(issues.len() > 50);
    let mut seen = std::collections::HashSet::new();
    for issue in issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(
                issue[field].as_str().is_some_and(|s| !s.is_empty()),
                "{field} in {issue}"
            );
        }
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap_or("")));
        assert!(
            issue["location"]["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("specs/"))
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().is_some_and(|l| l >= 1));
        assert!(
            seen.insert(issue["fingerprint"].as_str().unwrap_or("").to_owned()),
            "{issue}"
        );
    }

    // The same finding keeps its fingerprint when lines are inserted above it.
    let dir = TempDir::new("gitlab");
    copy_specs(OFFICE2GO, dir.path());
    let fingerprints = |dir: &std::path::Path| -> Vec<(String, u64)> {
        let issues: Value = serde_json::from_str(&stdout(&check_in(dir, ".", "gitlab"))).expect("JSON");
        issues
            .as_array()
            .expect("array")
            .iter()
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap_or("").to_owned(),
                    i["location"]["lines"]["begin"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let before = fingerprints(dir.path());
    prepend(dir.path(), "activities.ropa.kdl", "// one\n// two\n\n");
    let after = fingerprints(dir.path());
    let ids = |list: &[(String, u64)]| {
        list.iter()
            .map(|(f, _)| f.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(ids(&before), ids(&after));
    assert_ne!(before, after, "the lines did move");
}

#[test]
fn junit_is_well_formed_and_follows_fail_on() {
    let summarise = |text: &str| -> (usize, usize, usize) {
        let document = roxmltree::Document::parse(text).expect("well-formed XML");
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let count = |attribute: &str| {
            root.attribute(attribute)
                .and_then(|v| v.parse().ok())
                .unwrap_or(usize::MAX)
        };
        let tests = document.descendants().filter(|n| n.has_tag_name("testcase")).count();
        assert_eq!(count("tests"), tests);
        let failures = document.descendants().filter(|n| n.has_tag_name("failure")).count();
        let skipped = document.descendants().filter(|n| n.has_tag_name("skipped")).count();
        assert_eq!(count("failures"), failures);
        assert_eq!(count("skipped"), skipped);
        (tests, failures, skipped)
    };
    let on_error = stdout(&ropa(&["check", OFFICE2GO, "--format", "junit"]));
    let on_info = stdout(&ropa(&["check", OFFICE2GO, "--format", "junit", "--fail-on", "info"]));
    let (tests, failures, skipped) = summarise(&on_error);
    let (tests_info, failures_info, skipped_info) = summarise(&on_info);
    assert_eq!(tests, tests_info);
    assert!(
        skipped > 0 && skipped_info == 0,
        "warnings are skipped below --fail-on error"
    );
    assert_eq!(failures + skipped, failures_info);

    // Markup in messages is escaped: a spec with `<&"'>` in an unknown unit.
    let dir = TempDir::new("junit");
    write(
        dir.path(),
        "a.ropa.kdl",
        "activity a { purpose \"p\"; basis contract; retain \"2 <&\\\"'>\" }\n",
    );
    let text = stdout(&check_in(dir.path(), ".", "junit"));
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let messages: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .filter_map(|n| n.attribute("message"))
        .collect();
    assert!(messages.iter().any(|m| m.contains("<&\"'>")), "{messages:?}");
}

#[test]
fn output_goes_to_a_file_atomically_and_the_summary_to_stderr() {
    let dir = TempDir::new("output");
    let report = dir.join("reports/ropa.sarif");
    std::fs::create_dir_all(dir.join("reports")).expect("dir");
    let target = repo_root().join(BROKEN);
    let target = target.to_str().expect("utf-8 path");
    let to_stdout = ropa_in(dir.path(), &["check", target, "--format", "sarif"]);
    let to_file = ropa_in(
        dir.path(),
        &["check", target, "--format", "sarif", "--output", "reports/ropa.sarif"],
    );
    assert_eq!(
        code(&to_file),
        code(&to_stdout),
        "the exit code does not depend on where the report goes"
    );
    assert_eq!(
        std::fs::read_to_string(&report).expect("report written"),
        stdout(&to_stdout)
    );
    assert!(stdout(&to_file).is_empty());
    assert!(
        stderr(&to_file).contains("Found 4 errors, 0 warnings, 0 infos in 3 files."),
        "{}",
        stderr(&to_file)
    );
    // Machine formats keep stdout clean; the summary goes to stderr.
    assert!(stderr(&to_stdout).contains("Found 4 errors"));
    // No temporary file is left next to the report.
    let names: Vec<String> = std::fs::read_dir(dir.join("reports"))
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ropa.sarif"]);
    // Human output to a file has no color, even when asked for a terminal's.
    ropa_in(dir.path(), &["check", target, "--output", "reports/ropa.txt"]);
    let human = read(dir.path(), "reports/ropa.txt");
    assert!(!human.contains('\u{1b}') && human.contains("Found 4 errors"), "{human}");

    let missing = ropa_in(
        dir.path(),
        &["check", target, "--format", "sarif", "--output", "nope/ropa.sarif"],
    );
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("cannot write nope/ropa.sarif: the folder nope does not exist"),
        "{}",
        stderr(&missing)
    );
    assert!(!dir.join("nope").exists());
    let folder = ropa_in(dir.path(), &["check", target, "--output", "reports"]);
    assert_eq!(code(&folder), 2);
    assert!(stderr(&folder).contains("it is a folder"), "{}", stderr(&folder));
}

#[test]
fn sarif_is_what_code_scanning_shows() {
    let dir = TempDir::new("sarif-github");
    write(dir.path(), "ropa.kdl", "");
    write(
        dir.path(),
        "a.ropa.kdl",
        "organization \"O\" {\n    country SE\n}\ndata x \"X\"\nprocessor p \"P\" {\n    dpa {\n        x 1\n    }\n}\nactivity a {\n    purpose \"Run\"\n    data x\n}\nactivity a {\n    purpose \"Again\"\n}\n",
    );
    let output = ropa_in(dir.path(), &["check", ".", "--format", "sarif"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let log = assert_valid_sarif(&sarif_validator(), &stdout(&output), "github");
    let run = &log["runs"][0];
    for rule in run["tool"]["driver"]["rules"].as_array().expect("rules") {
        let properties = &rule["properties"];
        assert!(
            ["very-high", "high"].contains(&properties["precision"].as_str().unwrap_or("")),
            "{rule}"
        );
        let expected = match rule["defaultConfiguration"]["level"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "recommendation",
        };
        assert_eq!(properties["problem.severity"], expected, "{rule}");
    }
    let results = run["results"].as_array().expect("results");
    // A finding over several lines (the children of `dpa`, lines 6-8) is
    // marked on its first line only, to the line's end.
    let children = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-node")
        .expect("unknown-node");
    let region = &children["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 6, "{region}");
    assert_eq!(region["endLine"], 6, "{region}");
    assert_eq!(region["endColumn"], 10, "the end of `    dpa {{`: {region}");
    let json: Value =
        serde_json::from_str(&stdout(&ropa_in(dir.path(), &["check", ".", "--format", "json"]))).expect("JSON");
    let spans_lines = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .any(|d| d["rule"] == "unknown-node" && d["end_line"] == 8);
    assert!(spans_lines, "the fixture has a finding over several lines: {json}");
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], region["endLine"], "{result}");
    }
    // Related locations are linked from the message, by id.
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-id")
        .expect("duplicate-id");
    let related = duplicate["relatedLocations"].as_array().expect("related");
    let message = duplicate["message"]["text"].as_str().expect("text");
    for location in related {
        let id = location["id"].as_u64().expect("id");
        assert!(message.contains(&format!("]({id})")), "{message}");
    }
}

#[test]
fn no_sarif_file_is_written_when_files_cannot_be_read() {
    let dir = TempDir::new("sarif-unreadable");
    write(dir.path(), "ropa.kdl", "");
    write(dir.path(), "a.ropa.kdl", "organization \"O\" {\n    country SE\n}\n");
    std::fs::write(dir.join("b.ropa.kdl"), b"\xff\xfe").expect("write");
    let output = ropa_in(
        dir.path(),
        &["check", ".", "--format", "sarif", "--output", "ropa.sarif"],
    );
    assert_eq!(code(&output), 2);
    assert!(!dir.join("ropa.sarif").exists());
    assert!(
        stderr(&output).contains("no SARIF written to ropa.sarif"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("b.ropa.kdl"), "{}", stderr(&output));
    // Other formats still write their report, which names the file.
    let output = ropa_in(dir.path(), &["check", ".", "--format", "junit", "--output", "ropa.xml"]);
    assert_eq!(code(&output), 2);
    assert!(read(dir.path(), "ropa.xml").contains("b.ropa.kdl"));
}
