//! `ropa diff`: what a change does in compliance terms, between two folders
//! and between two git revisions.

mod ci_common;

use ci_common::*;
use serde_json::Value;

fn assert_names_the_new_transfer(markdown: &str) {
    assert!(markdown.contains("## ❌ ropa: 1 new error"), "{markdown}");
    // The transfer: activity, destination, recipient, no safeguard.
    assert!(
        markdown
            .contains("| `invoicing` | US (United States) | `mailer` | **no transfer declared** | new destination |"),
        "{markdown}"
    );
    // Its finding.
    assert!(
        markdown.contains("| error | `undeclared-transfer` | `mailer` takes data of `invoicing` to US (United States), but no transfer is declared"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Added** processor `mailer` (Mailer Inc)"),
        "{markdown}"
    );
}

#[test]
fn diff_between_two_folders() {
    let dir = TempDir::new("diff-folders");
    copy_specs(OFFICE2GO, &dir.join("base"));
    copy_specs(OFFICE2GO, &dir.join("head"));
    add_us_processor(&dir.join("head"));
    let output = ropa_in(dir.path(), &["diff", "base", "head"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let markdown = stdout(&output);
    assert_names_the_new_transfer(&markdown);
    insta::assert_snapshot!(markdown);

    // --fail-on makes the new error fail the step.
    assert_eq!(
        code(&ropa_in(dir.path(), &["diff", "base", "head", "--fail-on", "error"])),
        1
    );
    assert_eq!(
        code(&ropa_in(dir.path(), &["diff", "head", "head", "--fail-on", "info"])),
        0
    );
    // The reverse direction fixes it.
    let reverse = stdout(&ropa_in(dir.path(), &["diff", "head", "base"]));
    assert!(reverse.contains("## ✅ ropa: no new findings, 1 fixed"), "{reverse}");
    assert!(reverse.contains("### Fixed findings"), "{reverse}");
    assert!(
        reverse
            .contains("| `invoicing` | US (United States) | `mailer` | **no transfer declared** | no longer reached |"),
        "{reverse}"
    );

    // --output writes the same to a file.
    let written = ropa_in(dir.path(), &["diff", "base", "head", "--output", "diff.md"]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    assert_eq!(read(dir.path(), "diff.md"), markdown);

    let json = ropa_in(dir.path(), &["diff", "base", "head", "--format", "json"]);
    let document: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(document["summary"]["introduced"]["error"], 1);
    assert_eq!(document["summary"]["new_transfers"], 1);
    let workspace = &document["workspaces"][0];
    assert_eq!(workspace["parties_added"][0]["id"], "mailer");
    assert_eq!(workspace["parties_added"][0]["country"], "US");
    let change = &workspace["activities_changed"][0];
    assert_eq!(change["id"], "invoicing");
    assert_eq!(change["processors_added"][0], "mailer");
    assert_eq!(change["destinations_added"][0]["country"], "US");
    assert_eq!(change["destinations_added"][0]["declared"], false);
    let introduced = &workspace["introduced"][0];
    assert_eq!(introduced["rule"], "undeclared-transfer");
    assert!(
        introduced["fingerprint"].as_str().is_some_and(|f| f.len() == 18),
        "{introduced}"
    );
}

#[test]
fn diff_between_two_revisions_of_a_git_repository() {
    let repo = git_repo("diff-git");
    copy_specs(OFFICE2GO, &repo.join("specs/office2go"));
    write(repo.path(), "README.md", "A repository with a record.\n");
    commit_all(repo.path(), "office2go as it is");
    add_us_processor(&repo.join("specs/office2go"));
    commit_all(repo.path(), "a US processor for invoicing");

    let output = ropa_in(repo.path(), &["diff", "HEAD~1", "HEAD", "--", "specs/office2go"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let markdown = stdout(&output);
    assert_names_the_new_transfer(&markdown);
    // Paths are shown as in the repository, not in a temporary folder.
    assert!(
        markdown.contains("`specs/office2go/activities.ropa.kdl:47`"),
        "{markdown}"
    );
    assert!(!markdown.contains("ropa-diff-"), "{markdown}");
    // Revisions are named with their commit.
    let head = git(repo.path(), &["rev-parse", "HEAD"]);
    assert!(markdown.contains(&format!("`HEAD ({})`", &head[..12])), "{markdown}");

    // HEAD defaults to the working tree, which is the same here; the whole
    // repository is the default path.
    let worktree = stdout(&ropa_in(repo.path(), &["diff", "HEAD~1"]));
    assert_names_the_new_transfer(&worktree);
    assert!(worktree.contains("with `the working tree`"), "{worktree}");
    // From a subfolder, paths are relative to it, as `ropa check` shows them.
    let inside = stdout(&ropa_in(
        &repo.join("specs"),
        &["diff", "main~1", "main", "--", "office2go"],
    ));
    assert_names_the_new_transfer(&inside);
    assert!(inside.contains("`office2go/activities.ropa.kdl:47`"), "{inside}");

    // A change that is not in the record is no change.
    write(repo.path(), "README.md", "Edited.\n");
    prepend(
        &repo.join("specs/office2go"),
        "activities.ropa.kdl",
        "// A comment.\n\n",
    );
    commit_all(repo.path(), "comments only");
    let quiet = stdout(&ropa_in(repo.path(), &["diff", "HEAD~1", "HEAD"]));
    assert!(quiet.contains("## ✅ ropa: no compliance-relevant changes"), "{quiet}");
    assert!(!quiet.contains("###"), "no sections: {quiet}");

    // The revisions are materialised in a temporary folder that is removed.
    let temp = TempDir::new("diff-tmp");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(["diff", "HEAD~2", "HEAD~1"])
        .current_dir(repo.path())
        .env("TMPDIR", temp.path())
        .output()
        .expect("ropa runs");
    assert_names_the_new_transfer(&stdout(&output));
    let leftovers: Vec<_> = std::fs::read_dir(temp.path()).expect("temp dir").collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_workspace_added_by_the_change_is_all_new() {
    let repo = git_repo("diff-added");
    write(repo.path(), "README.md", "Nothing yet.\n");
    commit_all(repo.path(), "empty");
    copy_specs(OFFICE2GO, &repo.join("specs/office2go"));
    commit_all(repo.path(), "office2go");
    let output = ropa_in(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--", "specs/office2go", "--format", "json"],
    );
    assert_eq!(
        code(&output),
        2,
        "`--format` after `--` is a path that does not exist on either side"
    );
    let output = ropa_in(
        repo.path(),
        &["diff", "HEAD~1", "HEAD", "--format", "json", "--", "specs/office2go"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(document["summary"]["activities_added"], 7);
    assert!(
        document["summary"]["introduced"]["error"]
            .as_u64()
            .is_some_and(|n| n > 10)
    );
}

#[test]
fn special_categories_bases_retention_and_safeguards() {
    let dir = TempDir::new("diff-kinds");
    let org = "organization \"A AB\" {\n    country SE\n    contact \"A\" email=\"a@example.se\"\n    security \"Access control\"\n    breach-procedure \"IR-1\"\n    rights-procedure \"a@example.se\"\n}\n";
    let base = format!(
        "{org}data contact \"Contact | details\"\ndata health \"Sick leave\" special=health\nsubjects staff \"Staff\" employees=#true\nprocessor payroll \"Payroll Inc\" {{\n    country US\n    dpa \"2025-01-01\"\n}}\nactivity hr {{\n    purpose \"Payroll *and* HR\"\n    subjects staff\n    data contact\n    basis contract\n    retain \"5 years\"\n    processors payroll\n    transfer US to=payroll mechanism=scc module=2 tia=\"TIA-1\"\n}}\n"
    );
    let head = base
        .replace(
            "data contact\n",
            "data contact health\n    condition employment law=\"Arbetsmiljölagen\"\n",
        )
        .replace("basis contract\n", "basis legal-obligation law=\"Bokföringslagen\"\n")
        .replace("retain \"5 years\"", "retain \"7 years\"")
        .replace("mechanism=scc module=2 tia=\"TIA-1\"", "mechanism=dpf");
    write(&dir.join("base"), "ropa.kdl", "");
    write(&dir.join("base"), "a.ropa.kdl", &base);
    write(&dir.join("head"), "ropa.kdl", "");
    write(&dir.join("head"), "a.ropa.kdl", &head);
    let markdown = stdout(&ropa_in(dir.path(), &["diff", "base", "head"]));
    assert!(
        markdown.contains("| `hr` | health (Art. 9) | `health` | now processed |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| `hr` | `legal-obligation` | `contract` |"),
        "{markdown}"
    );
    assert!(markdown.contains("| `hr` | 5 years | 7 years |"), "{markdown}");
    assert!(
        markdown.contains(
            "| `hr` | US (United States) | `payroll` | `scc` (module 2, TIA TIA-1) → `dpf` | safeguard changed |"
        ),
        "{markdown}"
    );
    insta::assert_snapshot!(markdown);
}

#[test]
fn diff_usage_errors() {
    let repo = git_repo("diff-errors");
    copy_specs(OFFICE2GO, &repo.join("specs"));
    commit_all(repo.path(), "specs");
    let unknown = ropa_in(repo.path(), &["diff", "no-such-branch"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        stderr(&unknown).contains("`no-such-branch` is neither a folder nor a git revision"),
        "{}",
        stderr(&unknown)
    );
    let option = ropa_in(repo.path(), &["diff", "--", "--upload-pack=x"]);
    assert_eq!(code(&option), 2);

    let outside = TempDir::new("diff-no-git");
    write(outside.path(), "a.ropa.kdl", "data x \"X\"\n");
    let no_repo = ropa_in(outside.path(), &["diff", "main"]);
    assert_eq!(code(&no_repo), 2);
    assert!(
        stderr(&no_repo).contains("must each be a folder, or a git revision"),
        "{}",
        stderr(&no_repo)
    );

    let empty = TempDir::new("diff-empty");
    std::fs::create_dir_all(empty.join("a")).expect("dir");
    std::fs::create_dir_all(empty.join("b")).expect("dir");
    let nothing = ropa_in(empty.path(), &["diff", "a", "b"]);
    assert_eq!(code(&nothing), 2);
    assert!(stderr(&nothing).contains("no spec files"), "{}", stderr(&nothing));
}

#[test]
fn head_before_the_first_commit_is_empty() {
    // The pre-commit hook runs `ropa diff HEAD` on a repository's first
    // commit too: every finding is new.
    let repo = git_repo("diff-unborn");
    copy_specs(OFFICE2GO, &repo.join("specs"));
    git(repo.path(), &["add", "--all"]);
    let output = ropa_in(repo.path(), &["diff", "HEAD", "--fail-on", "error"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).contains("new errors"), "{}", stdout(&output));
    // Any other unknown revision is still an error.
    let output = ropa_in(repo.path(), &["diff", "main~3"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
}
