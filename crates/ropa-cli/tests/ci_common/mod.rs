//! Helpers shared by the binary's tests (`cli.rs`, `ci_*.rs`): running it, temporary
//! workspaces, and git repositories to diff.

#![allow(dead_code)] // Each test crate uses a different subset.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BROKEN: &str = "crates/ropa-cli/tests/fixtures/broken-workspace";
pub const OFFICE2GO: &str = "specs/office2go";

/// An organization with everything the organization rules ask for.
pub const GOOD_ORG: &str = r#"organization "Temp AB" {
    country SE
    contact "A" email="a@example.se"
    security "Access control"
    breach-procedure "IR-1"
    rights-procedure "a@example.se"
}
"#;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// Runs `ropa ARGS` in `dir`, without color.
pub fn ropa_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // What CI runners and users set must not leak into the tests.
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("CI_PROJECT_DIR")
        .env_remove("ROPA_DOCS_URL")
        .env_remove("ROPA_FORMAT")
        // Rules that age a review (`review-overdue`) count to today: the
        // clock must not change what the tests see. 2026-11-23T12:00:00Z.
        .env("SOURCE_DATE_EPOCH", "1795435200")
        .output()
        .expect("ropa runs")
}

/// Runs `ropa ARGS` at the repository root.
pub fn ropa(args: &[&str]) -> Output {
    ropa_in(&repo_root(), args)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

/// A fresh, empty temporary folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ropa-ci-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir.canonicalize().expect("canonical temp dir"))
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn join(&self, path: &str) -> PathBuf {
        self.0.join(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("parent dir");
    }
    std::fs::write(path, text).expect("write fixture");
}

pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read file")
}

/// Copies a folder of the repository (spec files and `ropa.kdl`) to `to`.
pub fn copy_specs(from: &str, to: &Path) {
    let from = repo_root().join(from);
    std::fs::create_dir_all(to).expect("target dir");
    for entry in std::fs::read_dir(&from).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

/// Inserts `text` at the start of a file.
pub fn prepend(dir: &Path, name: &str, text: &str) {
    let old = read(dir, name);
    write(dir, name, &format!("{text}{old}"));
}

/// Appends `text` to a file.
pub fn append(dir: &Path, name: &str, text: &str) {
    let old = read(dir, name);
    write(dir, name, &format!("{old}{text}"));
}

/// Replaces the one occurrence of `old` in a file.
pub fn replace(dir: &Path, name: &str, old: &str, new: &str) {
    let text = read(dir, name);
    assert_eq!(text.matches(old).count(), 1, "`{old}` occurs once in {name}");
    write(dir, name, &text.replacen(old, new, 1));
}

/// Runs git in `dir` with a fixed identity, failing the test on error.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "ropa test")
        .env("GIT_AUTHOR_EMAIL", "ropa-test@localhost")
        .env("GIT_COMMITTER_NAME", "ropa test")
        .env("GIT_COMMITTER_EMAIL", "ropa-test@localhost")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A git repository in a temporary folder, with a local identity.
pub fn git_repo(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    git(dir.path(), &["init", "--quiet", "--initial-branch=main"]);
    git(dir.path(), &["config", "user.name", "ropa test"]);
    git(dir.path(), &["config", "user.email", "ropa-test@localhost"]);
    git(dir.path(), &["config", "commit.gpgsign", "false"]);
    dir
}

pub fn commit_all(dir: &Path, message: &str) {
    git(dir, &["add", "--all"]);
    git(dir, &["commit", "--quiet", "-m", message]);
}

/// A processor in the US without DPF certification or transfer safeguard,
/// used by office2go's invoicing: a new transfer and a new error.
pub const US_PROCESSOR: &str =
    "\nprocessor mailer \"Mailer Inc\" {\n    service \"Nyhedsbreve\"\n    country US\n    dpa \"2026-11-01\"\n}\n";

/// office2go gets a US processor without DPF certification, used by
/// invoicing without a declared transfer: a new destination and an error.
pub fn add_us_processor(specs: &Path) {
    append(specs, "processors.ropa.kdl", US_PROCESSOR);
    replace(
        specs,
        "activities.ropa.kdl",
        "processors e-conomic dropbox omniveta iex",
        "processors e-conomic dropbox omniveta iex mailer",
    );
}
