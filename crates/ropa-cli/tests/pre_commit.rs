//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by pre-commit
//! itself (installed from PyPI into a virtual environment kept under
//! target/): a staged change that breaks another file of the workspace
//! fails; a commit next to old findings passes.
//!
//! Set ROPA_TEST_PRE_COMMIT to a `pre-commit` executable to use that one.
//! Without one and without PyPI the test says it is skipped and passes.

mod ci_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ci_common::*;

/// A `pre-commit` executable, or why there is none.
fn pre_commit() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("ROPA_TEST_PRE_COMMIT") {
        return Ok(PathBuf::from(path));
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-venv");
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    let exe = bin.join("pre-commit");
    if exe.exists() {
        return Ok(exe);
    }
    let run = |program: &Path, args: &[&str]| -> Result<(), String> {
        let output = Command::new(program)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{} {args:?} failed: {}",
                program.display(),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    };
    let venv_arg = venv.to_str().ok_or("target path is not UTF-8")?;
    run(Path::new("python3"), &["-m", "venv", venv_arg])?;
    run(
        &bin.join("python"),
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "pre-commit",
        ],
    )?;
    Ok(exe)
}

/// A git repository holding only the hooks file, as users reference ropa's
/// repository; returns it and its commit.
fn hooks_repo() -> (TempDir, String) {
    let repo = git_repo("hooks");
    let hooks = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).expect("hooks file");
    write(repo.path(), ".pre-commit-hooks.yaml", &hooks);
    commit_all(repo.path(), "hooks");
    let rev = git(repo.path(), &["rev-parse", "HEAD"]).trim().to_owned();
    (repo, rev)
}

/// Runs the hook on what is staged in `project`, with the tested ropa
/// first on PATH.
fn run_hook(pre_commit: &Path, project: &Path, home: &Path) -> Output {
    let ropa_dir = Path::new(env!("CARGO_BIN_EXE_ropa")).parent().expect("bin dir");
    let path = std::env::join_paths(
        std::iter::once(ropa_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    Command::new(pre_commit)
        .args(["run", "ropa-check-system"])
        .current_dir(project)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("CI_PROJECT_DIR")
        .output()
        .expect("pre-commit runs")
}

#[test]
fn the_hook_fails_on_what_the_staged_change_breaks_elsewhere_and_only_on_that() {
    let pre_commit = match pre_commit() {
        Ok(exe) => exe,
        Err(why) => {
            eprintln!("SKIPPED: pre-commit is not available ({why})");
            return;
        }
    };
    let (hooks, rev) = hooks_repo();
    let project = git_repo("pre-commit");
    let specs = project.join("specs/office2go");
    copy_specs(OFFICE2GO, &specs);
    write(
        project.path(),
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: ropa-check-system\n",
            hooks.path().display()
        ),
    );
    commit_all(project.path(), "office2go, with its old findings");
    // The record has old errors that the hook must not hold against a commit.
    assert_eq!(code(&ropa_in(project.path(), &["check", "specs"])), 1);
    let home = TempDir::new("pre-commit-home");

    // Only ropa.kdl staged, in a workspace with old findings: passes.
    append(&specs, "ropa.kdl", "// Reviewed by the DPO.\n");
    git(project.path(), &["add", "specs/office2go/ropa.kdl"]);
    let output = run_hook(&pre_commit, project.path(), home.path());
    assert!(output.status.success(), "{}\n{}", stdout(&output), stderr(&output));
    assert!(stdout(&output).contains("Passed"), "{}", stdout(&output));
    git(project.path(), &["commit", "--quiet", "-m", "note"]);

    // A staged change in data.ropa.kdl that breaks activities.ropa.kdl,
    // which is not staged: fails, naming the finding in the other file.
    replace(
        &specs,
        "data.ropa.kdl",
        "data invoices \"Fakturaer\"",
        "// invoices removed",
    );
    git(project.path(), &["add", "specs/office2go/data.ropa.kdl"]);
    let output = run_hook(&pre_commit, project.path(), home.path());
    let said = format!("{}\n{}", stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("undefined-reference"), "{said}");
    assert!(said.contains("invoices"), "{said}");
    // A file that is not a spec does not run the hook at all.
    git(project.path(), &["reset", "--quiet", "--hard"]);
    write(project.path(), "README.md", "notes\n");
    git(project.path(), &["add", "README.md"]);
    let output = run_hook(&pre_commit, project.path(), home.path());
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("Skipped") || stdout(&output).contains("no files to check"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn both_hooks_run_the_same_command() {
    let hooks = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).expect("hooks file");
    assert_eq!(hooks.matches("entry: ropa diff HEAD\n").count(), 2, "{hooks}");
    assert_eq!(hooks.matches("args: [--fail-on, error]\n").count(), 2, "{hooks}");
    assert_eq!(hooks.matches("pass_filenames: false\n").count(), 2, "{hooks}");
}
