//! `ropa report` end to end: formats, exit codes, writing files atomically,
//! the errors a user can run into, the revision and the date.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn ropa_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ropa"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("ropa runs")
}

fn ropa(args: &[&str]) -> Output {
    ropa_in(&repo_root(), args, &[])
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ropa-report-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &[u8]) {
    std::fs::write(dir.join(name), text).expect("write fixture");
}

const SMALL: &str = r#"organization "Temp AB" {
    country SE
    contact "A" email="a@example.se"
}
activity web {
    purpose "Run the website"
    basis contract
}
"#;

#[test]
fn a_report_with_errors_is_written_and_says_so() {
    let output = ropa(&[
        "report",
        "specs/webone",
        "--lang",
        "sv",
        "--date",
        "2026-11-23",
        "--audience",
        "internal",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert!(html.contains("Registret har 2 fel och 11 varningar"));
    // The default form, for an authority, keeps the counts off the front.
    let authority = stdout(&ropa(&[
        "report",
        "specs/webone",
        "--lang",
        "sv",
        "--date",
        "2026-11-23",
    ]));
    assert!(!authority.contains("Registret har 2 fel"));
    assert!(!authority.contains("Kör ropa check") && !authority.contains("Id i specifikationen"));
    assert!(
        stderr(&output).contains("warning: specs/webone has 2 errors"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn each_format_has_its_default_kind() {
    let csv = stdout(&ropa(&[
        "report",
        "specs/webone",
        "--format",
        "csv",
        "--date",
        "2026-11-23",
    ]));
    assert!(csv.starts_with("\u{feff}Id,Activity,Role,Controller"), "{csv}");
    let svg = stdout(&ropa(&[
        "report",
        "specs/office2go",
        "--format",
        "svg",
        "--date",
        "2026-11-23",
    ]));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let json = stdout(&ropa(&[
        "report",
        "specs/office2go",
        "--format",
        "json",
        "--date",
        "2026-11-23",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["kind"], "all");
    let markdown = stdout(&ropa(&[
        "report",
        "specs/office2go",
        "--format",
        "markdown",
        "--kind",
        "findings",
        "--lang",
        "da",
    ]));
    assert!(markdown.starts_with("# Bemærkninger til fortegnelsen"), "{markdown}");
}

#[test]
fn output_goes_to_the_file_whole_and_replaces_it() {
    let dir = tempdir();
    let target = dir.join("report.html");
    write(
        &dir,
        "report.html",
        // An older ropa report (its generator tag): replaced without --force.
        b"<!DOCTYPE html>\n<meta name=\"generator\" content=\"ropa\">\nan older report that is much longer than nothing at all",
    );
    let path = target.to_str().expect("utf-8 path");
    let output = ropa(&["report", "specs/good-example", "--date", "2026-11-23", "-o", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "with -o nothing goes to stdout");
    let written = std::fs::read_to_string(&target).expect("the report");
    let printed = stdout(&ropa(&["report", "specs/good-example", "--date", "2026-11-23"]));
    assert_eq!(written, printed, "the file differs from what stdout gets");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "report.html")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

#[test]
fn a_missing_folder_is_refused_and_nothing_is_written() {
    let dir = tempdir();
    let target = dir.join("no-such-folder/report.html");
    let output = ropa(&["report", "specs/webone", "-o", target.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("does not exist"), "{}", stderr(&output));
    assert!(!dir.join("no-such-folder").exists());
    // And an existing folder given as the file.
    let output = ropa(&["report", "specs/webone", "-o", dir.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("it is a folder"), "{}", stderr(&output));
}

#[test]
fn several_workspaces_are_refused_with_their_names() {
    let output = ropa(&["report", "specs"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("5 workspaces found"), "{message}");
    assert!(
        message.contains("specs/office2go") && message.contains("specs/webone"),
        "{message}"
    );
    assert!(message.contains("ropa report specs/24sevenoffice"), "{message}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn bad_requests_are_usage_errors() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["report", "specs/webone", "--date", "2026-13-01"],
            "not a calendar date",
        ),
        (
            &["report", "specs/webone", "--format", "csv", "--kind", "all"],
            "CSV file holds one table",
        ),
        (
            &["report", "specs/webone", "--format", "svg", "--kind", "record"],
            "--kind transfers",
        ),
        (
            &[
                "report",
                "specs/webone",
                "--kind",
                "notice",
                "--subjects",
                "customers,nobody",
            ],
            "no data-subject category `nobody`",
        ),
        (&["report", "no/such/folder"], "no such file or folder"),
    ];
    for (args, message) in cases {
        let output = ropa(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{args:?} printed a report");
    }
}

#[test]
fn an_unreadable_file_stops_the_report() {
    let dir = tempdir();
    write(&dir, "ropa.kdl", b"");
    write(&dir, "a.ropa.kdl", SMALL.as_bytes());
    write(&dir, "b.ropa.kdl", b"activity x {\n    purpose \"Caf\xe9\"\n}\n");
    let output = ropa_in(&dir, &["report", "."], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not UTF-8"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "a report without b.ropa.kdl was printed");
}

#[test]
fn the_notice_can_be_for_chosen_subjects() {
    let output = ropa(&[
        "report",
        "specs/good-example",
        "--kind",
        "notice",
        "--format",
        "json",
        "--subjects",
        "subscribers",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(value["notice"]["activities"], serde_json::json!(["newsletter"]));
    assert_eq!(value["notice"]["authority"]["short_name"], "IMY");
}

#[test]
fn the_date_is_pinned_by_flag_or_source_date_epoch_and_nothing_else_varies() {
    let dir = tempdir();
    write(&dir, "ropa.kdl", b"");
    write(&dir, "a.ropa.kdl", SMALL.as_bytes());
    let json = |args: &[&str], env: &[(&str, &str)]| -> serde_json::Value {
        let mut all = vec!["report", ".", "--format", "json"];
        all.extend_from_slice(args);
        let output = ropa_in(&dir, &all, env);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_str(&stdout(&output)).expect("JSON")
    };
    assert_eq!(json(&["--date", "2026-01-31"], &[])["generated"], "2026-01-31");
    // 2026-11-23T12:00:00Z
    let epoch = [("SOURCE_DATE_EPOCH", "1795435200")];
    assert_eq!(json(&[], &epoch)["generated"], "2026-11-23");
    assert_eq!(json(&["--date", "2025-05-05"], &epoch)["generated"], "2025-05-05");
    // Outside any git repository: no revision.
    assert_eq!(
        json(&["--date", "2026-01-31"], &[])["revision"],
        serde_json::Value::Null
    );
    let first = ropa_in(&dir, &["report", ".", "--date", "2026-01-31"], &[]);
    let second = ropa_in(&dir, &["report", ".", "--date", "2026-01-31"], &[]);
    assert_eq!(first.stdout, second.stdout, "two runs differ");
}

#[test]
fn the_revision_is_the_commit_when_git_knows_the_specs() {
    let in_git = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(repo_root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let output = ropa(&["report", "specs/office2go", "--format", "json", "--kind", "findings"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    match in_git {
        // A source tarball without .git: the report says so.
        None => assert_eq!(value["revision"], serde_json::Value::Null),
        Some(commit) => {
            assert_eq!(value["revision"]["commit"], commit.as_str());
            assert!(value["revision"]["dirty"].is_boolean());
        }
    }
}
