//! What ropa writes cannot be turned against its user (issue 19): links are
//! written through, permissions, owners and hard links kept, read-only
//! files, specs and files ropa did not write replaced only with `--force`,
//! and `import` never writes two outputs to one path.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ropa-writes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn ropa(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("ropa runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("readable")
}

const UNFORMATTED: &str = "data   contact    \"Contact details\"\n";
const FORMATTED: &str = "data contact \"Contact details\"\n";

/// A workspace to format and report on: `ropa.kdl` and one spec.
fn workspace(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("ropa.kdl"), "").expect("config");
    std::fs::write(
        dir.join("org.ropa.kdl"),
        "organization \"Exempel AB\" {\n    country SE\n}\n",
    )
    .expect("spec");
    dir
}

#[test]
fn fmt_writes_through_a_link_and_keeps_it_a_link() {
    let dir = workspace("fmt-link");
    let shared = scratch("fmt-link-shared").join("shared.ropa.kdl");
    std::fs::write(&shared, UNFORMATTED).expect("shared");
    symlink(&shared, dir.join("data.ropa.kdl")).expect("link");
    let out = ropa(&dir, &["fmt", "."]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(read(&shared), FORMATTED);
    let link = std::fs::symlink_metadata(dir.join("data.ropa.kdl")).expect("link");
    assert!(link.file_type().is_symlink(), "the link became a file");
}

#[test]
fn a_link_to_nothing_is_refused() {
    let dir = workspace("dangling");
    symlink(dir.join("nowhere.html"), dir.join("r.html")).expect("link");
    let out = ropa(&dir, &["report", ".", "--date", "2026-11-23", "-o", "r.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("symbolic link to nothing"), "{}", stderr(&out));
    assert!(!dir.join("nowhere.html").exists());
}

#[test]
fn fmt_keeps_permissions_and_hard_links() {
    let dir = workspace("fmt-mode");
    let spec = dir.join("data.ropa.kdl");
    std::fs::write(&spec, UNFORMATTED).expect("spec");
    std::fs::set_permissions(&spec, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let other = dir.join("elsewhere.txt");
    std::fs::hard_link(&spec, &other).expect("hard link");
    let out = ropa(&dir, &["fmt", "data.ropa.kdl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&spec), FORMATTED);
    assert_eq!(read(&other), FORMATTED, "the other name still has the old text");
    let meta = std::fs::metadata(&spec).expect("spec");
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert_eq!(meta.ino(), std::fs::metadata(&other).expect("other").ino());
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(names.len(), 4, "a temporary file was left: {names:?}");
}

#[test]
fn fmt_keeps_the_owner_when_run_as_root() {
    let dir = workspace("fmt-owner");
    let spec = dir.join("data.ropa.kdl");
    std::fs::write(&spec, UNFORMATTED).expect("spec");
    if std::os::unix::fs::chown(&spec, Some(4321), Some(4321)).is_err() {
        // Only root can give a file away; elsewhere there is nothing to keep.
        return;
    }
    let out = ropa(&dir, &["fmt", "data.ropa.kdl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(&spec), FORMATTED);
    let meta = std::fs::metadata(&spec).expect("spec");
    assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
}

#[test]
fn fmt_refuses_a_read_only_file_unless_forced() {
    let dir = workspace("fmt-readonly");
    let spec = dir.join("data.ropa.kdl");
    std::fs::write(&spec, UNFORMATTED).expect("spec");
    std::fs::set_permissions(&spec, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = ropa(&dir, &["fmt", "data.ropa.kdl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("read-only"), "{}", stdout(&out));
    assert_eq!(read(&spec), UNFORMATTED);
    let out = ropa(&dir, &["fmt", "--force", "data.ropa.kdl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(read(&spec), FORMATTED);
    let mode = std::fs::metadata(&spec).expect("spec").permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "it should stay read-only");
}

#[test]
fn report_replaces_its_own_file_but_not_another() {
    let dir = workspace("report-own");
    for format in ["html", "markdown", "csv", "json", "svg"] {
        let name = format!("r.{format}");
        let args = ["report", ".", "--format", format, "--date", "2026-11-23", "-o", &name];
        let first = ropa(&dir, &args);
        assert_eq!(first.status.code(), Some(0), "{format}: {}", stderr(&first));
        let again = ropa(&dir, &args);
        assert_eq!(again.status.code(), Some(0), "{format} twice: {}", stderr(&again));

        let mine = dir.join(format!("mine.{format}"));
        std::fs::write(&mine, "my own notes\nsecond line\n").expect("mine");
        let args = ["report", ".", "--format", format, "--date", "2026-11-23", "-o"];
        let refused = ropa(&dir, &[&args[..], &[&format!("mine.{format}")]].concat());
        assert_eq!(refused.status.code(), Some(2), "{format}");
        assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
        assert_eq!(read(&mine), "my own notes\nsecond line\n");
        let forced = ropa(&dir, &[&args[..], &[&format!("mine.{format}"), "--force"]].concat());
        assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
        assert_ne!(read(&mine), "my own notes\nsecond line\n");
    }
}

#[test]
fn outputs_never_replace_a_spec_without_force() {
    let dir = workspace("output-spec");
    let spec = dir.join("org.ropa.kdl");
    let before = read(&spec);
    for args in [
        &["report", ".", "-o", "org.ropa.kdl"][..],
        &["baseline", ".", "-o", "org.ropa.kdl"],
        &["check", ".", "--format", "json", "-o", "org.ropa.kdl"],
        &["check", ".", "--format", "sarif", "-o", "ropa.kdl"],
    ] {
        let out = ropa(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("spec file"), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(read(&spec), before);
    assert_eq!(read(&dir.join("ropa.kdl")), "");
}

#[test]
fn baseline_replaces_a_baseline_but_not_another_file() {
    let dir = workspace("baseline-own");
    assert_eq!(ropa(&dir, &["baseline", "."]).status.code(), Some(0));
    let again = ropa(&dir, &["baseline", "."]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    std::fs::write(dir.join("package.json"), "{\"name\": \"app\"}\n").expect("file");
    let out = ropa(&dir, &["baseline", ".", "-o", "package.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a ropa baseline"), "{}", stderr(&out));
    assert_eq!(read(&dir.join("package.json")), "{\"name\": \"app\"}\n");
    let forced = ropa(&dir, &["baseline", ".", "-o", "package.json", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
}

/// Issue 19: `import csv organization.csv -o NEW` wrote the imported
/// activities to organization.ropa.kdl, then the organization template over
/// them, and exited 0.
#[test]
fn import_never_writes_two_outputs_to_one_path() {
    let dir = scratch("import-twice");
    let csv = repo_root().join("crates/ropa-import/tests/fixtures/csv/fortegnelse-da.csv");
    std::fs::copy(&csv, dir.join("organization.csv")).expect("copy");
    let out = ropa(
        &dir,
        &[
            "import",
            "csv",
            "organization.csv",
            "-o",
            "new",
            "--name",
            "Eksempel ApS",
            "--country",
            "DK",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let organization = read(&dir.join("new/organization.ropa.kdl"));
    assert!(organization.contains("organization"), "{organization}");
    let imported = read(&dir.join("new/organization-imported.ropa.kdl"));
    assert!(imported.contains("activity kundeadministration"), "{imported}");
    assert!(
        stdout(&out).contains("organization-imported.ropa.kdl"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn import_into_a_file_is_refused() {
    let dir = workspace("import-file");
    let csv = repo_root().join("crates/ropa-import/tests/fixtures/csv/fortegnelse-da.csv");
    let before = read(&dir.join("org.ropa.kdl"));
    let out = ropa(
        &dir,
        &["import", "csv", csv.to_str().expect("path"), "-o", "org.ropa.kdl"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a folder"), "{}", stderr(&out));
    assert_eq!(read(&dir.join("org.ropa.kdl")), before);
}
