//! `ropa diff BASE [HEAD] [-- PATHS]`: what a change does to the record in
//! compliance terms, as Markdown for a pull-request comment or as JSON.
//!
//! BASE and HEAD are folders or git revisions. A revision is materialised
//! into a temporary folder (only its spec files, read with `git ls-tree` and
//! `git cat-file`), so both sides go through the same discovery, loading and
//! checking as `ropa check`. The comparison itself is pure
//! (`ropa_check::diff`); this module does the IO and the rendering.

mod git;
mod json;
mod markdown;

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ropa_check::diff::{Changes, Side, diff};
use ropa_check::fingerprint::relative_to_root;
use ropa_check::{Workspace, rank};

use self::git::{Repo, TempTree};
use super::baseline::Budget;
use super::check::severity;
use super::checked::{Checked, check_paths};
use super::scan::{Placed, scan_repo};
use super::{fail, print, write_output};
use crate::cli::FailOn;
use crate::discover::Problem;
use crate::exit;
use crate::load::display;
use crate::write::Rules;

pub const DIFF_HELP: &str = "\
BASE and HEAD are each a git revision (main, origin/main, HEAD~1, a commit) or
a folder. HEAD defaults to the working tree. Paths to compare come after `--`:
  ropa diff origin/main -- specs
  ropa diff HEAD~1 HEAD -- specs/office2go
  ropa diff old-copy/ new-copy/
Activities, processors and transfers are matched by id; findings by rule,
entity and message (the file only for a finding about no entity). Nothing is
compared by line, and renaming or splitting a file changes nothing.

With --scan REPO, both sides of REPO are also read by `ropa scan` against the
record (one workspace), and the scan findings the change introduces are
listed too (matched by rule and subject: a new Stripe dependency is a new
finding; the same one on another line is not):
  ropa diff origin/main --scan . -- privacy

Exit codes:
  0  the diff was printed (and, with --fail-on, no new finding is that severe)
  1  with --fail-on: the change introduces a finding at least that severe
  2  bad usage, an unknown revision, or a file or folder that could not be read";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The version before the change: a git revision or a folder
    pub base: String,

    /// The version after the change: a git revision or a folder [default: the working tree]
    pub head: Option<String>,

    /// Spec files or folders to compare, after `--` [default: .]
    #[arg(last = true)]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,

    /// Exit with 1 when the change introduces a finding at least this severe
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Write the diff to FILE instead of stdout (`-` for stdout)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also compare `ropa scan REPO` against the record on both sides: list the scan findings the change introduces
    #[arg(long, value_name = "REPO")]
    pub scan: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a pull-request comment
    Markdown,
    /// One JSON document
    Json,
}

/// Where one side of the comparison comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    WorkingTree,
    Folder(PathBuf),
    Revision(String),
}

impl Source {
    /// A folder that exists wins over a revision of the same name.
    fn parse(arg: &str) -> Source {
        if Path::new(arg).is_dir() {
            Source::Folder(PathBuf::from(arg))
        } else {
            Source::Revision(arg.to_owned())
        }
    }
}

/// One side, checked.
struct Loaded {
    /// How the side is named in the output.
    label: String,
    /// Keeps a materialised revision on disk until the side is dropped.
    _tree: Option<TempTree>,
    checked: Checked,
    /// Per workspace: its root relative to the side's anchor, to pair
    /// workspaces across sides.
    keys: Vec<String>,
    /// The paths asked for that do not exist on this side.
    missing: Vec<PathBuf>,
    /// With `--scan`: the scan's findings on this side (none where the
    /// record does not exist yet).
    scanned: Vec<Placed>,
}

/// What a change does to `ropa scan`'s findings, matched by fingerprint
/// (rule and subject), counted like a baseline.
pub(super) struct ScanChanges {
    pub introduced: Vec<Placed>,
    pub fixed: Vec<Placed>,
}

fn scan_changes(base: Vec<Placed>, head: Vec<Placed>) -> ScanChanges {
    let not_in = |from: Vec<Placed>, other: &[Placed]| {
        let mut budget = Budget::new(other.iter().map(|p| (p.fingerprint, 1)));
        from.into_iter()
            .filter(|p| !budget.covers(p.fingerprint))
            .collect::<Vec<_>>()
    };
    let fixed = not_in(base.clone(), &head);
    let introduced = not_in(head, &base);
    ScanChanges { introduced, fixed }
}

/// One workspace compared.
struct Comparison {
    key: String,
    changes: Changes,
}

pub fn run(args: &DiffArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let base_source = Source::parse(&args.base);
    let head_source = args.head.as_deref().map_or(Source::WorkingTree, Source::parse);
    let needs_git = matches!(base_source, Source::Revision(_)) || matches!(head_source, Source::Revision(_));
    let repo = if needs_git {
        match Repo::find(&paths) {
            Ok(repo) => Some(repo),
            Err(message) => return fail(&message),
        }
    } else {
        None
    };
    if args.scan.is_some() && paths.len() != 1 {
        return fail("--scan compares the repository with one record: give one workspace folder after `--`");
    }
    let scan = args.scan.as_deref();
    let mut base = match open(&base_source, repo.as_ref(), &paths, scan) {
        Ok(side) => side,
        Err(message) => return fail(&message),
    };
    let mut head = match open(&head_source, repo.as_ref(), &paths, scan) {
        Ok(side) => side,
        Err(message) => return fail(&message),
    };
    if let Some(path) = base.missing.iter().find(|p| head.missing.contains(p)) {
        return fail(&format!(
            "{}: no such file or folder in {} or {}",
            display(path),
            base.label,
            head.label
        ));
    }
    if base.checked.loaded.is_empty() && head.checked.loaded.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| display(p)).collect();
        return fail(&format!(
            "no spec files in {} at {} or {}",
            names.join(", "),
            base.label,
            head.label
        ));
    }

    let comparisons = compare(&base, &head);
    let scanned = scan.map(|_| scan_changes(std::mem::take(&mut base.scanned), std::mem::take(&mut head.scanned)));
    let problems: Vec<(&str, &Problem)> = base
        .checked
        .problems
        .iter()
        .map(|p| (base.label.as_str(), p))
        .chain(head.checked.problems.iter().map(|p| (head.label.as_str(), p)))
        .collect();
    let rendered = match args.format {
        DiffFormat::Markdown => markdown::markdown(&base.label, &head.label, &comparisons, scanned.as_ref(), &problems),
        DiffFormat::Json => json::json(&base.label, &head.label, &comparisons, scanned.as_ref(), &problems),
    };
    let written = match &args.output {
        Some(file) if file != Path::new("-") => write_output(file, Rules::OUTPUT, rendered.as_bytes()),
        _ => print(rendered.as_bytes()),
    };
    for (label, problem) in &problems {
        fail(&format!("{} (in {label}): {}", display(&problem.path), problem.message));
    }
    let status = if !problems.is_empty() {
        exit::TROUBLE
    } else if let Some(fail_on) = args.fail_on {
        let threshold = rank(severity(fail_on));
        let failing = comparisons
            .iter()
            .flat_map(|c| &c.changes.introduced)
            .map(|f| f.severity)
            .chain(
                scanned
                    .iter()
                    .flat_map(|s| &s.introduced)
                    .map(|p| p.finding.rule.severity()),
            )
            .any(|severity| rank(severity) >= threshold);
        if failing { exit::FINDINGS } else { exit::CLEAN }
    } else {
        exit::CLEAN
    };
    status.max(written)
}

/// Pairs the workspaces of both sides by their folder and compares each
/// pair; a workspace on one side only is compared with an empty one. When
/// each side has a single workspace they are compared whatever their
/// folders (`ropa diff old-copy/ new-copy/`).
fn compare(base: &Loaded, head: &Loaded) -> Vec<Comparison> {
    let mut pairs: Vec<(String, Option<usize>, Option<usize>)> = Vec::new();
    if base.keys.len() == 1 && head.keys.len() == 1 {
        pairs.push((head.keys[0].clone(), Some(0), Some(0)));
    } else {
        for (i, key) in head.keys.iter().enumerate() {
            pairs.push((key.clone(), base.keys.iter().position(|k| k == key), Some(i)));
        }
        for (i, key) in base.keys.iter().enumerate() {
            if !head.keys.contains(key) {
                pairs.push((key.clone(), Some(i), None));
            }
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let empty = Workspace::default();
    pairs
        .into_iter()
        .map(|(key, b, h)| Comparison {
            key,
            changes: diff(side_of(base, b, &empty), side_of(head, h, &empty)),
        })
        .collect()
}

/// The `index`th workspace of a side, or an empty one.
fn side_of<'a>(loaded: &'a Loaded, index: Option<usize>, empty: &'a Workspace) -> Side<'a> {
    let checked = &loaded.checked;
    let side = index.and_then(|i| {
        Some(Side {
            workspace: &checked.loaded.get(i)?.workspace,
            findings: checked.findings.get(i)?,
            ids: checked.ids.get(i)?,
        })
    });
    side.unwrap_or(Side {
        workspace: empty,
        findings: &[],
        ids: &[],
    })
}

/// Checks one side: the paths as they are in the folder, the revision or
/// the working tree.
fn open(source: &Source, repo: Option<&Repo>, paths: &[PathBuf], scan: Option<&Path>) -> Result<Loaded, String> {
    // Files that could not even be materialised (too large) are reported
    // with the ones that cannot be read.
    let mut unmaterialised = Vec::new();
    let (label, tree, anchor, spec_paths, scan_dir) = match source {
        Source::WorkingTree => {
            let anchor = repo
                .and_then(|r| r.worktree_anchor())
                .unwrap_or_else(|| PathBuf::from("."));
            (
                "the working tree".to_owned(),
                None,
                anchor,
                paths.to_vec(),
                scan.map(Path::to_path_buf),
            )
        }
        Source::Folder(folder) => {
            let spec_paths = paths.iter().map(|p| folder.join(p)).collect();
            (
                display(folder),
                None,
                folder.clone(),
                spec_paths,
                scan.map(|s| folder.join(s)),
            )
        }
        Source::Revision(revision) => {
            let Some(repo) = repo else {
                return Err(format!("`{revision}` is not a folder"));
            };
            let commit = repo.commit(revision)?;
            let tree = TempTree::new()?;
            repo.materialise(&commit, tree.path(), scan.is_some(), &mut unmaterialised)?;
            let anchor = tree.path().join(&repo.cwd_in_repo);
            let mut spec_paths = Vec::new();
            for path in paths {
                spec_paths.push(tree.path().join(repo.relative(path)?));
            }
            let scan_dir = match scan {
                Some(dir) => Some(tree.path().join(repo.relative(dir)?)),
                None => None,
            };
            let short = commit.get(..12).unwrap_or(&commit);
            // A commit id given as the revision needs no repeating.
            let label = if commit.starts_with(revision.as_str()) {
                short.to_owned()
            } else {
                format!("{revision} ({short})")
            };
            (label, Some(tree), anchor, spec_paths, scan_dir)
        }
    };
    // The scan of this side; a side without the record (it is added by the
    // change) has no scan findings.
    let scanned = match (&scan_dir, spec_paths.first()) {
        (Some(dir), Some(record)) if record.exists() => {
            // A folder the revision does not have is empty there (created in
            // the temporary tree, never in the user's).
            if tree.is_some() && !dir.is_dir() {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot write {}: {e}", display(dir)))?;
            }
            scan_repo(dir, record)
                .map_err(|message| format!("{message} (in {label})"))?
                .findings
        }
        _ => Vec::new(),
    };
    // A path that does not exist on this side (a workspace added or removed
    // by the change) makes this side empty there, not an error.
    let missing: Vec<PathBuf> = paths
        .iter()
        .zip(&spec_paths)
        .filter(|(_, p)| !p.exists())
        .map(|(given, _)| given.clone())
        .collect();
    let existing: Vec<PathBuf> = spec_paths.into_iter().filter(|p| p.exists()).collect();
    let mut checked = if existing.is_empty() {
        Checked {
            loaded: Vec::new(),
            findings: Vec::new(),
            ids: Vec::new(),
            roots: Vec::new(),
            problems: Vec::new(),
        }
    } else {
        check_paths(&existing)
    };
    checked.problems.extend(unmaterialised);
    // Show paths as they are in the working tree, not in a temporary folder.
    let anchor_shown = display(&anchor);
    let relative = |path: &str| {
        if anchor_shown == "." {
            ropa_check::fingerprint::normalise_path(path)
        } else {
            relative_to_root(path, &anchor_shown)
        }
    };
    for loaded in &mut checked.loaded {
        loaded.workspace.rename_files(relative);
    }
    for problem in &mut checked.problems {
        problem.path = PathBuf::from(relative(&display(&problem.path)));
    }
    let keys = checked
        .roots
        .iter()
        .map(|root| {
            let key = relative(root);
            if key.is_empty() || key == anchor_shown {
                ".".to_owned()
            } else {
                key
            }
        })
        .collect();
    Ok(Loaded {
        label,
        _tree: tree,
        checked,
        keys,
        missing,
        scanned,
    })
}
