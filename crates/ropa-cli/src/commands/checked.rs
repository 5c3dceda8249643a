//! Checking the workspaces some paths name: discover, load, check, and
//! give every finding its identity. Shared by `ropa check`, `ropa baseline`,
//! `ropa diff` and `--add-allow`, which differ only in what they do with the
//! result.

use std::path::{Path, PathBuf};

use ropa_check::Diagnostic;
use ropa_check::fingerprint::{FindingId, Fingerprint, fingerprint_all, identify};

use super::fail;
use crate::discover::{Job, Problem, SPEC_SUFFIX, discover};
use crate::load::{Loaded, display, load};
use crate::paths::{Folders, Roots};

/// What checking some paths found.
pub struct Checked {
    pub loaded: Vec<Loaded>,
    /// Per workspace: the findings in the files asked for.
    pub findings: Vec<Vec<Diagnostic>>,
    /// Parallel to `findings`: each finding's identity. Occurrences are
    /// counted across the whole run, so every id is unique in it.
    pub ids: Vec<Vec<FindingId>>,
    /// Per workspace: its root folder as shown (`specs/office2go`, `.`).
    pub roots: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Discovers, reads and checks `paths`. Never fails: what could not be read
/// is in `problems`, and no workspace at all means no spec files were found.
pub fn check_paths(paths: &[PathBuf]) -> Checked {
    let (jobs, mut problems) = discover(paths);
    let loaded: Vec<Loaded> = jobs.iter().map(|job| load(job, &mut problems)).collect();
    let roots: Vec<String> = jobs.iter().map(workspace_root).collect();
    let findings: Vec<Vec<Diagnostic>> = loaded
        .iter()
        .map(|l| {
            let mut findings = ropa_check::check(&l.workspace);
            if let Some(selected) = &l.selected {
                findings.retain(|f| selected.contains(&f.file));
            }
            findings
        })
        .collect();
    let fingerprints: Vec<Fingerprint> = loaded
        .iter()
        .zip(&findings)
        .zip(&roots)
        .flat_map(|((l, findings), root)| fingerprint_all(&l.workspace, findings, root))
        .collect();
    let mut all_ids = identify(fingerprints).into_iter();
    let ids = findings
        .iter()
        .map(|findings| all_ids.by_ref().take(findings.len()).collect())
        .collect();
    Checked {
        loaded,
        findings,
        ids,
        roots,
        problems,
    }
}

/// Rewrites the paths of `checked` (files and problems) as reported:
/// relative to the repository root (see paths.rs), whatever the current
/// folder. Returns the roots, to show other paths the same way.
pub fn from_repository_root(checked: &mut Checked) -> Roots {
    let roots = Roots::new(checked.roots.iter().map(Path::new));
    let mut folders = Folders::default();
    for loaded in &mut checked.loaded {
        loaded
            .workspace
            .rename_files(|path| roots.shown_in(Path::new(path), &mut folders));
    }
    for problem in &mut checked.problems {
        problem.path = PathBuf::from(roots.shown(&problem.path));
    }
    roots
}

/// The folder a workspace's file paths are relative to in fingerprints:
/// the folder of its `ropa.kdl`, or for loose spec files the folder they
/// share.
fn workspace_root(job: &Job) -> String {
    let root = match &job.config {
        Some(config) => config.parent().map(Path::to_path_buf),
        None => common_folder(&job.files),
    };
    match root {
        Some(root) if !root.as_os_str().is_empty() => display(&root),
        _ => ".".to_owned(),
    }
}

fn common_folder(files: &[PathBuf]) -> Option<PathBuf> {
    let mut common = files.first()?.parent()?.to_path_buf();
    for file in files {
        while !file.starts_with(&common) {
            common = common.parent()?.to_path_buf();
        }
    }
    Some(common)
}

pub fn no_spec_files(paths: &[PathBuf]) -> u8 {
    let names: Vec<String> = paths.iter().map(|p| display(p)).collect();
    fail(&format!(
        "no spec files in {}: spec file names end in `{SPEC_SUFFIX}`; `ropa.kdl` marks a workspace (see docs/language.md)",
        names.join(", ")
    ))
}
