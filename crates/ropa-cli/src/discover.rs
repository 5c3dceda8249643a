//! Finding workspaces and spec files on disk, the way cargo finds its
//! manifest: walk up from a path to the nearest `ropa.kdl`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "ropa.kdl";
pub const SPEC_SUFFIX: &str = ".ropa.kdl";

/// One workspace to check.
#[derive(Debug, Default)]
pub struct Job {
    pub config: Option<PathBuf>,
    /// Every spec file of the workspace, sorted.
    pub files: Vec<PathBuf>,
    /// The files whose findings are shown; `None` for all.
    pub selected: Option<Vec<PathBuf>>,
}

#[derive(Debug)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

pub fn is_spec_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(SPEC_SUFFIX) && n.len() > SPEC_SUFFIX.len())
}

/// The nearest ancestor of `start` (itself included) holding a `ropa.kdl`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut dir = Some(absolute.as_path());
    let mut relative = start.to_path_buf();
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return Some(relative);
        }
        dir = d.parent();
        relative = if relative.as_os_str().is_empty() || relative == Path::new(".") {
            PathBuf::from("..")
        } else if relative.ends_with("..") {
            relative.join("..")
        } else {
            relative.parent().map(Path::to_path_buf).unwrap_or_default()
        };
    }
    None
}

/// Walks a folder for spec files and workspace files. Hidden folders,
/// `target` and `node_modules` are skipped, and symbolic links to folders are
/// not followed, so a link loop cannot trap the walk.
pub fn walk(dir: &Path, specs: &mut Vec<PathBuf>, configs: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                message: format!("cannot read folder: {err}"),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            // Not UTF-8: ropa cannot name it in a finding, so it says so here.
            if !meta.is_dir() && path.as_os_str().as_encoded_bytes().ends_with(b".kdl") {
                problems.push(Problem {
                    path: path.clone(),
                    message: "the file name is not UTF-8 text, so the file was not read: rename it".to_owned(),
                });
            } else if meta.is_dir() {
                walk(&path, specs, configs, problems);
            }
            continue;
        };
        if meta.is_dir() && (name == CONFIG_FILE || is_spec_file(&path)) {
            problems.push(Problem {
                path: path.clone(),
                message:
                    "a folder, not a file: ropa reads only files with this name (what is inside is still searched)"
                        .to_owned(),
            });
        }
        if meta.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&path, specs, configs, problems);
            }
        } else if name == CONFIG_FILE {
            configs.push(path);
        } else if is_spec_file(&path) {
            specs.push(path);
        }
    }
}

fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
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
    let (mut specs, mut configs) = (Vec::new(), Vec::new());
    walk(root, &mut specs, &mut configs, problems);
    // Nested workspaces are their own: leave their files to them.
    let nested: Vec<PathBuf> = configs
        .iter()
        .filter_map(|c| c.parent().map(Path::to_path_buf))
        .filter(|r| clean(r) != clean(root))
        .collect();
    specs.retain(|s| !nested.iter().any(|n| s.starts_with(n)));
    Job {
        config: Some(root.join(CONFIG_FILE)),
        files: specs,
        selected: None,
    }
}

pub fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied: check the file's permissions".to_owned(),
        _ => err.to_string(),
    }
}
