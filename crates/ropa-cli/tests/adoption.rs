//! The first ten minutes: `ropa init` then `ropa check`, and `ropa import`
//! of a spreadsheet or Fides manifests, end to end through the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn fixtures() -> PathBuf {
    repo_root().join("crates/ropa-import/tests/fixtures")
}

/// A fresh folder for one test, removed first if a previous run left it.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ropa-adoption-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs ropa with no terminal on stdin, as in CI.
fn ropa(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("ropa runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8")
}

fn findings(dir: &Path, path: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = ropa(dir, &["check", path, "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let list = document["diagnostics"].as_array().cloned().unwrap_or_default();
    (output.status.code(), list)
}

#[test]
fn init_without_a_terminal_names_the_flags() {
    let dir = scratch("init-flags");
    let output = ropa(&dir, &["init", "record"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("--name") && err.contains("--country"), "{err}");
    assert!(!dir.join("record/ropa.kdl").exists());
    let bad = ropa(&dir, &["init", "record", "--name", "X AB", "--country", "Sweeden"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("did you mean SE (Sweden)?"), "{}", stderr(&bad));
}

#[test]
fn init_then_check_gives_only_honest_findings() {
    let dir = scratch("init-check");
    let output = ropa(
        &dir,
        &["init", "record", "--name", "Exempel AB", "--country", "Sverige"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("record/ropa.kdl") && out.contains("record/organization.ropa.kdl"),
        "{out}"
    );
    assert!(out.contains("ropa check record"), "{out}");
    let organization = std::fs::read_to_string(dir.join("record/organization.ropa.kdl")).expect("written");
    assert!(
        organization.contains("organization \"Exempel AB\" {\n    country SE\n"),
        "{organization}"
    );

    let (code, list) = findings(&dir, "record");
    // The contact details are a mandatory element (Art. 30(1)(a)) init
    // cannot know: an error until the user adds them.
    assert_eq!(code, Some(1), "{list:#?}");
    let mut rules: Vec<&str> = list.iter().filter_map(|f| f["rule"].as_str()).collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            "missing-breach-procedure",
            "missing-rights-procedure",
            "missing-security-measures",
            "record-incomplete"
        ]
    );
    for f in &list {
        let contact = f["message"].as_str().is_some_and(|m| m.contains("contact details"));
        let expected = if contact { "error" } else { "warning" };
        assert_eq!(f["severity"], expected, "{f:#?}");
    }
    assert!(
        list.iter().any(|f| f["severity"] == "error"),
        "the missing contact details must be reported: {list:#?}"
    );
}

#[test]
fn init_refuses_to_overwrite() {
    let dir = scratch("init-overwrite");
    assert_eq!(
        ropa(&dir, &["init", "--name", "A AB", "--country", "SE"]).status.code(),
        Some(0)
    );
    std::fs::write(dir.join("organization.ropa.kdl"), "organization \"Mine\" {\n}\n").expect("edit");
    let again = ropa(&dir, &["init", "--name", "B AB", "--country", "DK"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let kept = std::fs::read_to_string(dir.join("organization.ropa.kdl")).expect("still there");
    assert!(kept.contains("Mine"));
    let forced = ropa(&dir, &["init", "--name", "B AB", "--country", "DK", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    let replaced = std::fs::read_to_string(dir.join("organization.ropa.kdl")).expect("replaced");
    assert!(
        replaced.contains("B AB") && replaced.contains("Datatilsynet"),
        "{replaced}"
    );
}

#[test]
fn import_webone_and_trace_findings_to_rows() {
    let dir = scratch("import-webone");
    let csv = fixtures().join("csv/webone-retention-sv.csv");
    let csv = csv.to_str().expect("path");
    let output = ropa(
        &dir,
        &[
            "import",
            "csv",
            csv,
            "-o",
            "webone",
            "--name",
            "WebOne AB",
            "--country",
            "SE",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    for expected in [
        "webone/webone-retention-sv.ropa.kdl",
        "webone/ropa.kdl",
        "Read:    9 rows, 4 columns",
        "Written: 7 activities, 7 data categories",
        "→ retain (from=contract-end)",
        "→ basis",
        "ropa check webone",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    let spec = std::fs::read_to_string(dir.join("webone/webone-retention-sv.ropa.kdl")).expect("spec");
    let lines: Vec<&str> = spec.lines().collect();

    let (code, list) = findings(&dir, "webone");
    assert_eq!(code, Some(1), "the table has no purposes: missing-purpose is an error");
    let mut traced = 0;
    for finding in &list {
        // Outside git, paths are relative to the workspace root.
        if finding["file"] != "webone-retention-sv.ropa.kdl" {
            continue;
        }
        let line = finding["line"].as_u64().expect("line") as usize;
        // The finding is inside an activity whose comment names the row.
        let comment = lines[..line]
            .iter()
            .rev()
            .find(|l| l.starts_with("// row "))
            .unwrap_or_else(|| panic!("no row comment above line {line}: {finding}"));
        assert!(comment.contains(" of webone-retention-sv.csv: "), "{comment}");
        traced += 1;
    }
    assert!(traced >= 14, "{traced} findings traced");
    let rules: Vec<&str> = list.iter().filter_map(|f| f["rule"].as_str()).collect();
    for rule in [
        "consent-without-withdrawal",
        "legal-obligation-without-law",
        "legitimate-interests-without-assessment",
    ] {
        assert!(rules.contains(&rule), "{rule}: {rules:?}");
    }
    let syntax: Vec<&&str> = rules
        .iter()
        .filter(|r| {
            [
                "syntax-error",
                "unknown-node",
                "invalid-value",
                "invalid-duration",
                "undefined-reference",
            ]
            .contains(r)
        })
        .collect();
    assert!(syntax.is_empty(), "{syntax:?}");
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = scratch("import-overwrite");
    let csv = fixtures().join("csv/fortegnelse-da.csv");
    let csv = csv.to_str().expect("path");
    let args = ["import", "csv", csv, "--name", "Eksempel ApS", "--country", "DK"];
    assert_eq!(ropa(&dir, &args).status.code(), Some(0));
    let spec = dir.join("imported/fortegnelse-da.ropa.kdl");
    std::fs::write(&spec, "// my edits\n").expect("edit");
    let again = ropa(&dir, &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("nothing was written"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&spec).expect("kept"), "// my edits\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(ropa(&dir, &forced).status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&spec)
            .expect("replaced")
            .contains("activity kundeadministration")
    );
}

#[test]
fn import_into_an_existing_workspace_keeps_its_files_and_ids() {
    let dir = scratch("import-existing");
    assert_eq!(
        ropa(&dir, &["init", "record", "--name", "Exempel AB", "--country", "SE"])
            .status
            .code(),
        Some(0)
    );
    std::fs::write(
        dir.join("record/own.ropa.kdl"),
        "data namn \"Namn\"\nactivity nyhetsbrev {\n    purpose \"x\"\n    data namn\n}\n",
    )
    .expect("own spec");
    let csv = fixtures().join("csv/registerforteckning-sv.csv");
    let output = ropa(&dir, &["import", "csv", csv.to_str().expect("path"), "-o", "record"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!out.contains("record/ropa.kdl"), "the workspace file stays: {out}");
    let spec = std::fs::read_to_string(dir.join("record/registerforteckning-sv.ropa.kdl")).expect("spec");
    assert!(spec.contains("activity nyhetsbrev-2"), "{spec}");
    assert!(spec.contains("data namn-data \"Namn\""), "{spec}");
    let (_, list) = findings(&dir, "record");
    assert!(!list.iter().any(|f| f["rule"] == "duplicate-id"), "{list:#?}");
}

#[test]
fn import_without_name_writes_a_placeholder() {
    let dir = scratch("import-placeholder");
    let csv = fixtures().join("csv/ico-template-en.csv");
    let output = ropa(&dir, &["import", "csv", csv.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("placeholder organization"),
        "{}",
        stdout(&output)
    );
    let (_, list) = findings(&dir, "imported");
    assert!(
        list.iter()
            .any(|f| f["message"].as_str().is_some_and(|m| m.contains("no country"))),
        "{list:#?}"
    );
}

#[test]
fn import_fides_manifests() {
    let dir = scratch("import-fides");
    let manifests = fixtures().join("fides");
    let output = ropa(
        &dir,
        &[
            "import",
            "fides",
            manifests.to_str().expect("path"),
            "-o",
            "shop",
            "--country",
            "SE",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("shop/fides-data.ropa.kdl"), "{out}");
    assert!(
        out.contains("Read:    3 files, 5 systems, 7 privacy declarations, 1 dataset"),
        "{out}"
    );
    // The organization manifest names the organization, its contact and DPO.
    let organization = std::fs::read_to_string(dir.join("shop/organization.ropa.kdl")).expect("organization");
    assert!(organization.contains("organization \"Exempel AB\""), "{organization}");
    assert!(
        organization.contains("    contact \"Dana Dahl\" email=\"privacy@exempel.se\""),
        "{organization}"
    );
    let (_, list) = findings(&dir, "shop");
    let rules: Vec<&str> = list.iter().filter_map(|f| f["rule"].as_str()).collect();
    // The manifests name no agreement: ropa cannot tell whether one exists.
    assert!(rules.contains(&"dpa-not-referenced"), "{rules:?}");
    for structural in [
        "syntax-error",
        "unknown-node",
        "invalid-value",
        "undefined-reference",
        "duplicate-id",
    ] {
        assert!(!rules.contains(&structural), "{structural}: {list:#?}");
    }
}

#[test]
fn import_errors_are_named() {
    let dir = scratch("import-errors");
    let missing = ropa(&dir, &["import", "csv", "nope.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("nope.csv: no such file"),
        "{}",
        stderr(&missing)
    );
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).expect("folder");
    let none = ropa(&dir, &["import", "fides", "empty"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("no Fides manifests"), "{}", stderr(&none));
    let bad = ropa(&dir, &["import", "csv", "nope.csv", "--delimiter", "ab"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn windows_1252_sheets_are_read() {
    let dir = scratch("import-1252");
    // "Behandling;Rättslig grund\nLön;Avtal" as Excel writes it on a Swedish Windows.
    let bytes: Vec<u8> = b"Behandling;R\xE4ttslig grund\r\nL\xF6n;Avtal\r\n".to_vec();
    std::fs::write(dir.join("lon.csv"), bytes).expect("sheet");
    let output = ropa(&dir, &["import", "csv", "lon.csv", "--name", "A AB", "--country", "SE"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("read as Windows-1252"), "{}", stdout(&output));
    let spec = std::fs::read_to_string(dir.join("imported/lon.ropa.kdl")).expect("spec");
    assert!(
        spec.contains("name \"Lön\"") && spec.contains("basis contract"),
        "{spec}"
    );
}

/// Issue 19: a 1 MiB anchored string named by 20,000 aliases (20 GB
/// expanded) aborted the import; it is a clear error naming the file and
/// line, nothing is written, and the exit code says so.
#[test]
fn a_manifest_of_expanding_aliases_is_an_error_not_an_abort() {
    let dir = scratch("fides-aliases");
    let mut yaml = format!(
        "system:\n  - fides_key: x\n    name: &a \"{}\"\n    description: [",
        "A".repeat(1 << 20)
    );
    yaml.push_str(&vec!["*a"; 20_000].join(","));
    yaml.push_str("]\n");
    std::fs::write(dir.join("m.yml"), yaml).expect("manifest");
    let out = ropa(&dir, &["import", "fides", "m.yml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("m.yml: not read: line 4: aliases expand to more than 64 MiB"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("out").exists());
}
