//! Every KDL 2 newline (CR, CRLF, LF, NEL, LS, PS, VT, FF) ends a line in
//! every output and in `ropa fmt`: a file saved with lone CRs is not one
//! long line 1, and formatting it neither grows it nor changes on a second
//! run.

use std::path::{Path, PathBuf};
use std::process::Command;

const SPEC: &str = "organization \"Good AB\" {\n    country SE\n}\n// a comment\ndata unused \"Never used\"\nactivity web {\n    purpose \"Sell\"   // why\n    data nothing\n}\nactivity later {\n    purpose \"\"\"\n        TODO\n        \"\"\"\n}\n";

const BREAKS: [&str; 7] = ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"];

fn folder(name: &str, spec: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ropa-lines-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("ropa.kdl"), "").expect("write");
    std::fs::write(dir.join("a.ropa.kdl"), spec).expect("write");
    dir
}

fn ropa(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("ropa runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Each finding's rule and where it starts and ends, in lines and columns.
fn positions(json: &str) -> Vec<(String, u64, u64, u64, u64)> {
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    let n = |d: &serde_json::Value, k: &str| d[k].as_u64().expect("number");
    value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().expect("rule").to_owned();
            (rule, n(d, "line"), n(d, "column"), n(d, "end_line"), n(d, "end_column"))
        })
        .collect()
}

/// Each SARIF result's rule and region.
fn regions(sarif: &str) -> Vec<(String, u64, u64, u64, u64)> {
    let value: serde_json::Value = serde_json::from_str(sarif).expect("sarif");
    let n = |r: &serde_json::Value, k: &str| r[k].as_u64().unwrap_or(0);
    value["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|result| {
            let rule = result["ruleId"].as_str().expect("ruleId").to_owned();
            let r = &result["locations"][0]["physicalLocation"]["region"];
            (
                rule,
                n(r, "startLine"),
                n(r, "startColumn"),
                n(r, "endLine"),
                n(r, "endColumn"),
            )
        })
        .collect()
}

#[test]
fn check_positions_match_lf_for_every_newline() {
    let lf = folder("lf", SPEC);
    let expected = positions(&ropa(&lf, &["check", "--format", "json"]));
    assert!(expected.iter().any(|(_, line, ..)| *line > 5), "{expected:?}");
    let human = ropa(&lf, &["check"]);
    let github = ropa(&lf, &["check", "--format", "github"]);
    let sarif = regions(&ropa(&lf, &["check", "--format", "sarif"]));
    // A finding on a node over several lines is marked on its first line.
    assert!(
        sarif
            .iter()
            .any(|(rule, start, _, end, _)| rule == "placeholder-value" && start == end),
        "{sarif:?}"
    );
    for (i, nl) in BREAKS.iter().enumerate() {
        let dir = folder(&format!("nl{i}"), &SPEC.replace('\n', nl));
        let json = ropa(&dir, &["check", "--format", "json"]);
        assert_eq!(positions(&json), expected, "{nl:?}");
        assert_eq!(ropa(&dir, &["check"]), human, "{nl:?}");
        assert_eq!(ropa(&dir, &["check", "--format", "github"]), github, "{nl:?}");
        assert_eq!(regions(&ropa(&dir, &["check", "--format", "sarif"])), sarif, "{nl:?}");
    }
}

#[test]
fn fmt_of_lone_cr_file_neither_grows_nor_changes_again() {
    // Trailing comments at growing offsets: padding each to a column
    // counted from the last `\n` made the file grow with the square of its size.
    let lines: String = (0..300)
        .map(|i| format!("data d{i} \"Data {i}\"   // note {i}\r"))
        .collect();
    let dir = folder("fmt", &lines);
    let path = dir.join("a.ropa.kdl");
    let before = std::fs::metadata(&path).expect("spec").len();
    ropa(&dir, &["fmt", "a.ropa.kdl"]);
    let once = std::fs::read_to_string(&path).expect("formatted");
    assert!(once.len() as u64 <= before, "{} bytes from {before}", once.len());
    assert_eq!(once.lines().count(), 300);
    ropa(&dir, &["fmt", "a.ropa.kdl"]);
    assert_eq!(std::fs::read_to_string(&path).expect("formatted"), once);
}
