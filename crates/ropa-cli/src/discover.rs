//! The paths given on the command line as workspaces to check. Which files
//! are specs, where a workspace's root is and how a folder is walked is
//! `ropa_fs`, shared with the language server.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ropa_fs::clean;
pub use ropa_fs::{CONFIG_FILE, Problem, SPEC_SUFFIX, describe_io, find_root, is_spec_file, walk};

/// One workspace to check.
#[derive(Debug, Default)]
pub struct Job {
    pub config: Option<PathBuf>,
    /// Every spec file of the workspace, sorted.
    pub files: Vec<PathBuf>,
    /// The files whose findings are shown; `None` for all.
    pub selected: Option<Vec<PathBuf>>,
}

/// Turns the paths given on the command line into workspaces to check.
pub fn discover(paths: &[PathBuf]) -> (Vec<Job>, Vec<Problem>) {
    // Per workspace root: the job, whether it was asked for whole, and the
    // files asked for by name or folder.
    let mut jobs: BTreeMap<PathBuf, (Job, bool, Vec<PathBuf>)> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in paths {
        let path = clean(path);
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => {
                problems.push(Problem {
                    path: path.clone(),
                    message: describe_io(&err),
                });
                continue;
            }
        };
        let is_dir = meta.is_dir();
        let is_config = path.file_name().is_some_and(|n| n == CONFIG_FILE);
        if !is_dir && !is_config && !is_spec_file(&path) {
            problems.push(Problem {
                path: path.clone(),
                message: format!("not a spec file: spec file names end in `{SPEC_SUFFIX}`"),
            });
            continue;
        }
        let search_from = if is_dir {
            path.clone()
        } else {
            clean(path.parent().unwrap_or(Path::new(".")))
        };
        if let Some(root) = find_root(&search_from) {
            let root = clean(&root);
            let (job, whole, selected) = jobs
                .entry(root.clone())
                .or_insert_with(|| (workspace_job(&root, &mut problems), false, Vec::new()));
            if is_config || (is_dir && path == root) {
                *whole = true;
            } else if is_dir {
                selected.extend(job.files.iter().filter(|f| f.starts_with(&path)).cloned());
            } else {
                selected.push(path.clone());
            }
        } else if !is_dir {
            let job = Job {
                files: vec![path.clone()],
                ..Job::default()
            };
            jobs.entry(path.clone()).or_insert((job, true, Vec::new()));
        } else {
            // A folder outside any workspace: each `ropa.kdl` below it is a
            // workspace; spec files outside those form one more, rooted here.
            let (mut specs, mut configs) = (Vec::new(), Vec::new());
            walk(&path, &mut specs, &mut configs, &mut problems);
            let roots: Vec<PathBuf> = configs
                .iter()
                .filter_map(|c| c.parent().map(Path::to_path_buf))
                .collect();
            specs.retain(|s| !roots.iter().any(|r| s.starts_with(r)));
            for root in roots {
                jobs.entry(root.clone())
                    .or_insert_with(|| (workspace_job(&root, &mut problems), false, Vec::new()))
                    .1 = true;
            }
            if !specs.is_empty() {
                let job = Job {
                    files: specs,
                    ..Job::default()
                };
                jobs.entry(path.clone()).or_insert((job, true, Vec::new()));
            }
        }
    }
    let jobs = jobs
        .into_values()
        .map(|(mut job, whole, mut selected)| {
            selected.sort();
            selected.dedup();
            job.selected = if whole { None } else { Some(selected) };
            job
        })
        .collect();
    (jobs, problems)
}

fn workspace_job(root: &Path, problems: &mut Vec<Problem>) -> Job {
    Job {
        config: Some(root.join(CONFIG_FILE)),
        files: ropa_fs::workspace_specs(root, problems),
        selected: None,
    }
}
