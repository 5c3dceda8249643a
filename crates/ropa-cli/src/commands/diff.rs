//! `ropa diff BASE [HEAD] [-- PATHS]`: what a change does to the record in
//! compliance terms, as Markdown for a pull-request comment or as JSON.
//!
//! BASE and HEAD are folders or git revisions. A revision is materialised
//! into a temporary folder (only its spec files, read with `git ls-tree` and
//! `git cat-file`), so both sides go through the same discovery, loading and
//! checking as `ropa check`. The comparison itself is pure
//! (`ropa_check::diff`); this module does the IO and the rendering.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use ropa_check::diff::{Changes, Destination, FindingSummary, Side, Special, TransferSummary, diff};
use ropa_check::fingerprint::relative_to_root;
use ropa_check::{Workspace, rank};
use ropa_syntax::values::{Country, Keyword, Severity};
use serde::Serialize;

use super::check::{Checked, check_paths, severity};
use super::{fail, print, write_output};
use crate::cli::{DiffArgs, DiffFormat};
use crate::discover::{CONFIG_FILE, Problem, is_spec_file};
use crate::exit;
use crate::load::{MAX_FILE_BYTES, display};
use crate::output::plural;

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
    let base = match open(&base_source, repo.as_ref(), &paths) {
        Ok(side) => side,
        Err(message) => return fail(&message),
    };
    let head = match open(&head_source, repo.as_ref(), &paths) {
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
    let problems: Vec<(&str, &Problem)> = base
        .checked
        .problems
        .iter()
        .map(|p| (base.label.as_str(), p))
        .chain(head.checked.problems.iter().map(|p| (head.label.as_str(), p)))
        .collect();
    let rendered = match args.format {
        DiffFormat::Markdown => markdown(&base.label, &head.label, &comparisons, &problems),
        DiffFormat::Json => json(&base.label, &head.label, &comparisons, &problems),
    };
    let written = match &args.output {
        Some(file) if file != Path::new("-") => write_output(file, rendered.as_bytes()),
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
            .any(|f| rank(f.severity) >= threshold);
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
fn open(source: &Source, repo: Option<&Repo>, paths: &[PathBuf]) -> Result<Loaded, String> {
    // Files that could not even be materialised (too large) are reported
    // with the ones that cannot be read.
    let mut unmaterialised = Vec::new();
    let (label, tree, anchor, spec_paths) = match source {
        Source::WorkingTree => {
            let anchor = repo
                .and_then(|r| r.worktree_anchor())
                .unwrap_or_else(|| PathBuf::from("."));
            ("the working tree".to_owned(), None, anchor, paths.to_vec())
        }
        Source::Folder(folder) => {
            let spec_paths = paths.iter().map(|p| folder.join(p)).collect();
            (display(folder), None, folder.clone(), spec_paths)
        }
        Source::Revision(revision) => {
            let Some(repo) = repo else {
                return Err(format!("`{revision}` is not a folder"));
            };
            let commit = repo.commit(revision)?;
            let tree = TempTree::new()?;
            repo.materialise(&commit, tree.path(), &mut unmaterialised)?;
            let anchor = tree.path().join(&repo.cwd_in_repo);
            let mut spec_paths = Vec::new();
            for path in paths {
                spec_paths.push(tree.path().join(repo.relative(path)?));
            }
            let short = commit.get(..12).unwrap_or(&commit);
            // A commit id given as the revision needs no repeating.
            let label = if commit.starts_with(revision.as_str()) {
                short.to_owned()
            } else {
                format!("{revision} ({short})")
            };
            (label, Some(tree), anchor, spec_paths)
        }
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
        for file in &mut loaded.workspace.files {
            file.path = relative(&file.path);
        }
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
    })
}

/// The git repository the compared paths are in.
struct Repo {
    /// As git prints it (symbolic links resolved).
    toplevel: PathBuf,
    /// The current folder inside the repository (empty at its root).
    cwd_in_repo: PathBuf,
    /// Whether the current folder is inside the repository.
    cwd_inside: bool,
    cwd: PathBuf,
}

impl Repo {
    fn find(paths: &[PathBuf]) -> Result<Repo, String> {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| format!("cannot read the current folder: {e}"))?;
        // The repository that holds the first path, which is usually the
        // one the current folder is in.
        let probe = paths
            .first()
            .map(|p| cwd.join(p))
            .and_then(|p| p.ancestors().find(|a| a.is_dir()).map(Path::to_path_buf))
            .unwrap_or_else(|| cwd.clone());
        let output = git(&probe, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            format!("{e}\n  BASE and HEAD must each be a folder, or a git revision of the repository the paths are in")
        })?;
        let toplevel = PathBuf::from(String::from_utf8_lossy(&output).trim_end_matches(['\n', '\r']));
        let toplevel = toplevel.canonicalize().unwrap_or(toplevel);
        let (cwd_in_repo, cwd_inside) = match cwd.strip_prefix(&toplevel) {
            Ok(rel) => (rel.to_path_buf(), true),
            Err(_) => (PathBuf::new(), false),
        };
        Ok(Repo {
            toplevel,
            cwd_in_repo,
            cwd_inside,
            cwd,
        })
    }

    /// Where working-tree paths are shown from: the current folder, or the
    /// repository root when ropa runs outside it.
    fn worktree_anchor(&self) -> Option<PathBuf> {
        if self.cwd_inside {
            None
        } else {
            Some(self.toplevel.clone())
        }
    }

    /// `path` (as given on the command line) relative to the repository root.
    fn relative(&self, path: &Path) -> Result<PathBuf, String> {
        let absolute = normalise(&self.cwd.join(path));
        // Resolve symbolic links where the path exists, as git did for the root.
        let resolved = absolute.canonicalize().unwrap_or(absolute);
        resolved
            .strip_prefix(&self.toplevel)
            .map(Path::to_path_buf)
            .map_err(|_| {
                format!(
                    "{} is outside the git repository at {}",
                    display(path),
                    display(&self.toplevel)
                )
            })
    }

    fn commit(&self, revision: &str) -> Result<String, String> {
        // A revision starting with `-` would be read as an option.
        if revision.starts_with('-') || revision.is_empty() {
            return Err(format!("`{revision}` is neither a folder nor a git revision"));
        }
        let spec = format!("{revision}^{{commit}}");
        match git(&self.toplevel, &["rev-parse", "--verify", "--quiet", &spec]) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
            Err(_) => Err(format!(
                "`{revision}` is neither a folder nor a git revision of {}{}",
                display(&self.toplevel),
                if revision.contains("origin/") {
                    " (in CI, fetch it first: `actions/checkout` with `fetch-depth: 0`)"
                } else {
                    ""
                }
            )),
        }
    }

    /// Writes the spec files and workspace files of `commit` under `into`,
    /// at their paths in the repository.
    fn materialise(&self, commit: &str, into: &Path, problems: &mut Vec<Problem>) -> Result<(), String> {
        let listing = git(&self.toplevel, &["ls-tree", "-r", "-z", "-l", "--full-tree", commit])?;
        let mut wanted: Vec<(String, PathBuf)> = Vec::new();
        for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            let Some(tab) = record.iter().position(|b| *b == b'\t') else {
                continue;
            };
            let meta = String::from_utf8_lossy(&record[..tab]);
            let Ok(path) = std::str::from_utf8(&record[tab + 1..]) else {
                continue;
            };
            let fields: Vec<&str> = meta.split_whitespace().collect();
            let [mode, kind, object, size] = fields.as_slice() else {
                continue;
            };
            // Regular files only: not symbolic links (120000) or submodules.
            if *kind != "blob" || !mode.starts_with("100") {
                continue;
            }
            let relative = PathBuf::from(path);
            let is_config = relative.file_name().is_some_and(|n| n == CONFIG_FILE);
            if !is_config && !is_spec_file(&relative) {
                continue;
            }
            // Git refuses such paths in its own checkouts; so does ropa.
            if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
                continue;
            }
            if size.parse::<u64>().is_ok_and(|s| s > MAX_FILE_BYTES) {
                problems.push(Problem {
                    path: into.join(&relative),
                    message: format!(
                        "file is too large (ropa reads spec files up to {} MB)",
                        MAX_FILE_BYTES / 1_000_000
                    ),
                });
                continue;
            }
            wanted.push(((*object).to_owned(), relative));
        }
        let contents = cat_files(&self.toplevel, wanted.iter().map(|(o, _)| o.as_str()))?;
        for ((_, relative), bytes) in wanted.iter().zip(contents) {
            let target = into.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot write {}: {e}", display(parent)))?;
            }
            std::fs::write(&target, bytes).map_err(|e| format!("cannot write {}: {e}", display(&target)))?;
        }
        Ok(())
    }
}

/// Runs `git -C dir ARGS`; the error names the command and what git said.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(format!("git {} failed: {}", args.join(" "), said.trim()))
    }
}

/// The contents of many blobs through one `git cat-file --batch`.
fn cat_files<'a>(dir: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, String> {
    let request: String = objects.map(|o| format!("{o}\n")).collect();
    if request.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("cannot talk to git cat-file".to_owned());
    };
    // Written from another thread: git answers while it reads, and a full
    // pipe on either side would otherwise block both processes.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut reader = BufReader::new(stdout);
    let mut contents = Vec::new();
    let mut header = Vec::new();
    let result = loop {
        header.clear();
        match reader.read_until(b'\n', &mut header) {
            Ok(0) => break Ok(()),
            Ok(_) => {}
            Err(e) => break Err(format!("cannot read from git cat-file: {e}")),
        }
        let line = String::from_utf8_lossy(&header);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let Some(size) = fields.get(2).and_then(|s| s.parse::<usize>().ok()) else {
            break Err(format!("git cat-file: {}", line.trim()));
        };
        let mut blob = vec![0; size];
        let mut newline = [0u8; 1];
        if let Err(e) = reader
            .read_exact(&mut blob)
            .and_then(|()| reader.read_exact(&mut newline))
        {
            break Err(format!("cannot read from git cat-file: {e}"));
        }
        contents.push(blob);
    };
    let _ = writer.join();
    let _ = child.wait();
    result.map(|()| contents)
}

/// `a/./b/../c` → `a/c`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A temporary folder, removed when dropped.
struct TempTree(PathBuf);

impl TempTree {
    fn new() -> Result<TempTree, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for attempt in 0..100 {
            let path = std::env::temp_dir().join(format!("ropa-diff-{}-{nanos}-{attempt}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempTree(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("cannot create a temporary folder: {e}")),
            }
        }
        Err("cannot create a temporary folder".to_owned())
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------
// Markdown

fn markdown(base: &str, head: &str, comparisons: &[Comparison], problems: &[(&str, &Problem)]) -> String {
    let mut md = String::new();
    // Lets a workflow find and update its own comment.
    md.push_str("<!-- ropa-diff -->\n");
    let introduced: Vec<&FindingSummary> = comparisons.iter().flat_map(|c| &c.changes.introduced).collect();
    let fixed: usize = comparisons.iter().map(|c| c.changes.fixed.len()).sum();
    let _ = writeln!(md, "## {}\n", headline(&introduced, fixed, comparisons));
    let _ = writeln!(md, "Compared {} with {}.", code(base), code(head));
    let facts = key_facts(comparisons);
    if !facts.is_empty() {
        let _ = writeln!(md, "\n{}", facts.join(" · "));
    }
    if !problems.is_empty() {
        md.push_str("\n**Could not be read** (the comparison is incomplete):\n\n");
        for (label, problem) in problems {
            let _ = writeln!(
                md,
                "- {} in {}: {}",
                code(&display(&problem.path)),
                code(label),
                text(&problem.message)
            );
        }
    }
    // With several workspaces compared, each section says which it is.
    let several = comparisons.len() > 1;
    for comparison in comparisons.iter().filter(|c| !c.changes.is_empty()) {
        let level = if several {
            let _ = writeln!(md, "\n### Workspace {}", code(&comparison.key));
            "####"
        } else {
            "###"
        };
        workspace_markdown(&mut md, level, &comparison.changes);
    }
    md.push_str(
        "\n<sub>Generated by `ropa diff`. Activities, processors and transfers are matched by id, findings by rule, file, entity and message; `ropa explain RULE` explains a rule.</sub>\n",
    );
    md
}

fn headline(introduced: &[&FindingSummary], fixed: usize, comparisons: &[Comparison]) -> String {
    let count = |severity: Severity| introduced.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!(
            "{} new {}",
            errors,
            if errors == 1 { "error" } else { "errors" }
        ));
    }
    if warnings > 0 {
        parts.push(format!(
            "{} new {}",
            warnings,
            if warnings == 1 { "warning" } else { "warnings" }
        ));
    }
    if infos > 0 {
        parts.push(format!("{infos} new {}", if infos == 1 { "info" } else { "infos" }));
    }
    let icon = if errors > 0 {
        "❌"
    } else if warnings > 0 {
        "⚠️"
    } else {
        "✅"
    };
    if parts.is_empty() {
        let changed = fixed > 0 || comparisons.iter().any(|c| c.changes.record_changed());
        parts.push(
            if changed {
                "no new findings"
            } else {
                "no compliance-relevant changes"
            }
            .to_owned(),
        );
    }
    if fixed > 0 {
        parts.push(format!("{fixed} fixed"));
    }
    format!("{icon} ropa: {}", parts.join(", "))
}

fn key_facts(comparisons: &[Comparison]) -> Vec<String> {
    let sum = |f: fn(&Changes) -> usize| comparisons.iter().map(|c| f(&c.changes)).sum::<usize>();
    let mut facts = Vec::new();
    let added = sum(|c| c.activities_added.len());
    let removed = sum(|c| c.activities_removed.len());
    let changed = sum(|c| c.activities_changed.len());
    if added > 0 {
        facts.push(format!("{} added", plural(added, "activity", "activities")));
    }
    if removed > 0 {
        facts.push(format!("{} removed", plural(removed, "activity", "activities")));
    }
    if changed > 0 {
        facts.push(format!("{} changed", plural(changed, "activity", "activities")));
    }
    let transfers = sum(Changes::new_transfers);
    if transfers > 0 {
        facts.push(format!(
            "{} outside the EEA",
            plural(transfers, "new or changed transfer", "new or changed transfers")
        ));
    }
    let special = sum(|c| {
        c.activities_added.iter().map(|a| a.special.len()).sum::<usize>()
            + c.activities_changed
                .iter()
                .map(|a| a.special_added.len())
                .sum::<usize>()
    });
    if special > 0 {
        facts.push(format!(
            "{} newly processed",
            plural(special, "special category", "special categories")
        ));
    }
    facts
}

fn workspace_markdown(md: &mut String, level: &str, changes: &Changes) {
    if !changes.introduced.is_empty() {
        let _ = writeln!(md, "\n{level} New findings\n");
        findings_table(md, &changes.introduced);
    }
    if !changes.fixed.is_empty() {
        let _ = writeln!(md, "\n{level} Fixed findings\n");
        findings_table(md, &changes.fixed);
    }
    transfers_section(md, level, changes);
    special_section(md, level, changes);
    bases_section(md, level, changes);
    retention_section(md, level, changes);
    activities_section(md, level, changes);
    parties_section(md, level, changes);
}

fn findings_table(md: &mut String, findings: &[FindingSummary]) {
    md.push_str("| Severity | Rule | Finding | Where |\n|---|---|---|---|\n");
    for finding in findings {
        let mut message = message(&finding.message);
        if let Some(help) = &finding.help {
            let _ = write!(message, "<br>help: {}", self::message(help));
        }
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            finding.severity.as_str(),
            code(finding.rule),
            message,
            code(&format!("{}:{}", finding.file, finding.line))
        );
    }
}

fn country(country: Option<Country>) -> String {
    country.map_or("(no country)".to_owned(), |c| format!("{} ({})", c.code(), c.name()))
}

fn safeguard(transfer: &TransferSummary) -> String {
    let Some(mechanism) = &transfer.mechanism else {
        return "none".to_owned();
    };
    let mut details = Vec::new();
    if let Some(module) = transfer.module {
        details.push(format!("module {module}"));
    }
    if let Some(tia) = &transfer.tia {
        details.push(format!("TIA {}", text(tia)));
    }
    if let Some(ground) = &transfer.ground {
        details.push(format!("ground {}", code(ground)));
    }
    if transfer.occasional {
        details.push("occasional".to_owned());
    }
    if details.is_empty() {
        code(mechanism)
    } else {
        format!("{} ({})", code(mechanism), details.join(", "))
    }
}

fn transfers_section(md: &mut String, level: &str, changes: &Changes) {
    let mut rows: Vec<[String; 5]> = Vec::new();
    let recipient = |to: &Option<String>| to.as_deref().map_or("(not named)".to_owned(), code);
    let destination_row = |activity: &str, d: &Destination, change: &str| {
        [
            code(activity),
            country(Some(d.country)),
            code(&d.party),
            if d.declared {
                "declared transfer".to_owned()
            } else {
                "**no transfer declared**".to_owned()
            },
            change.to_owned(),
        ]
    };
    for activity in &changes.activities_added {
        for transfer in &activity.transfers {
            rows.push([
                code(&activity.id),
                country(transfer.country),
                recipient(&transfer.to),
                safeguard(transfer),
                "new activity".to_owned(),
            ]);
        }
        for d in activity.destinations.iter().filter(|d| !d.declared) {
            rows.push(destination_row(&activity.id, d, "new activity"));
        }
    }
    for change in &changes.activities_changed {
        for transfer in &change.transfers_added {
            rows.push([
                code(&change.id),
                country(transfer.country),
                recipient(&transfer.to),
                safeguard(transfer),
                "new transfer".to_owned(),
            ]);
        }
        for (before, after) in &change.transfers_changed {
            rows.push([
                code(&change.id),
                country(after.country),
                recipient(&after.to),
                format!("{} → {}", safeguard(before), safeguard(after)),
                "safeguard changed".to_owned(),
            ]);
        }
        for d in &change.destinations_added {
            // A destination declared together with its new transfer is
            // already in the row above.
            let covered = change
                .transfers_added
                .iter()
                .any(|t| t.country == Some(d.country) && t.to.as_ref().is_none_or(|to| *to == d.party));
            if !covered {
                rows.push(destination_row(&change.id, d, "new destination"));
            }
        }
        for transfer in &change.transfers_removed {
            rows.push([
                code(&change.id),
                country(transfer.country),
                recipient(&transfer.to),
                safeguard(transfer),
                "transfer removed".to_owned(),
            ]);
        }
        for d in &change.destinations_removed {
            rows.push(destination_row(&change.id, d, "no longer reached"));
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n{level} Transfers outside the EEA\n");
    md.push_str("| Activity | Country | Recipient | Safeguard | Change |\n|---|---|---|---|---|\n");
    for row in rows {
        let _ = writeln!(md, "| {} |", row.join(" | "));
    }
}

fn special_section(md: &mut String, level: &str, changes: &Changes) {
    let mut rows: Vec<(String, &Special, &str)> = Vec::new();
    for activity in &changes.activities_added {
        rows.extend(
            activity
                .special
                .iter()
                .map(|s| (activity.id.clone(), s, "new activity")),
        );
    }
    for change in &changes.activities_changed {
        rows.extend(
            change
                .special_added
                .iter()
                .map(|s| (change.id.clone(), s, "now processed")),
        );
        rows.extend(
            change
                .special_removed
                .iter()
                .map(|s| (change.id.clone(), s, "no longer processed")),
        );
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n{level} Special categories of data\n");
    md.push_str("| Activity | Category | Data | Change |\n|---|---|---|---|\n");
    for (activity, special, change) in rows {
        let kind = if special.kind == "criminal" {
            "criminal convictions and offences (Art. 10)".to_owned()
        } else {
            format!("{} (Art. 9)", text(&special.kind))
        };
        let _ = writeln!(
            md,
            "| {} | {kind} | {} | {change} |",
            code(&activity),
            code(&special.data)
        );
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "–".to_owned()
    } else {
        items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
    }
}

fn bases_section(md: &mut String, level: &str, changes: &Changes) {
    let rows: Vec<_> = changes
        .activities_changed
        .iter()
        .filter(|c| !c.bases_added.is_empty() || !c.bases_removed.is_empty())
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n{level} Legal bases\n");
    md.push_str("| Activity | Added | Removed |\n|---|---|---|\n");
    for change in rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            code(&change.id),
            list(&change.bases_added),
            list(&change.bases_removed)
        );
    }
}

fn retention_section(md: &mut String, level: &str, changes: &Changes) {
    let rows: Vec<_> = changes
        .activities_changed
        .iter()
        .filter_map(|c| c.retention.as_ref().map(|r| (&c.id, r)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n{level} Retention\n");
    md.push_str("| Activity | Before | After |\n|---|---|---|\n");
    let periods = |items: &[String]| {
        if items.is_empty() {
            "none stated".to_owned()
        } else {
            items.iter().map(|i| text(i)).collect::<Vec<_>>().join("<br>")
        }
    };
    for (id, (before, after)) in rows {
        let _ = writeln!(md, "| {} | {} | {} |", code(id), periods(before), periods(after));
    }
}

fn activities_section(md: &mut String, level: &str, changes: &Changes) {
    let mut lines = Vec::new();
    for a in &changes.activities_added {
        let mut parts = Vec::new();
        if let Some(purpose) = &a.purpose {
            parts.push(format!("purpose “{}”", text(purpose)));
        }
        if a.role != "controller" {
            parts.push(format!("role {}", code(a.role)));
        }
        parts.push(format!(
            "{} {}",
            if a.bases.len() == 1 { "basis" } else { "bases" },
            list(&a.bases)
        ));
        if !a.data.is_empty() {
            parts.push(format!("data {}", list(&a.data)));
        }
        parts.push(format!(
            "retention {}",
            if a.retention.is_empty() {
                "not stated".to_owned()
            } else {
                a.retention.iter().map(|r| text(r)).collect::<Vec<_>>().join("; ")
            }
        ));
        if !a.processors.is_empty() {
            parts.push(format!("processors {}", list(&a.processors)));
        }
        if !a.recipients.is_empty() {
            parts.push(format!("recipients {}", list(&a.recipients)));
        }
        lines.push(format!(
            "- **Added** {}{}: {}",
            code(&a.id),
            title(&a.id, &a.title),
            parts.join("; ")
        ));
    }
    for a in &changes.activities_removed {
        lines.push(format!("- **Removed** {}{}", code(&a.id), title(&a.id, &a.title)));
    }
    for c in &changes.activities_changed {
        let mut parts = Vec::new();
        if let Some((before, after)) = &c.purpose {
            let show = |p: &Option<String>| p.as_deref().map_or("none".to_owned(), |p| format!("“{}”", text(p)));
            parts.push(format!("purpose {} → {}", show(before), show(after)));
        }
        if let Some((before, after)) = c.role {
            parts.push(format!("role {} → {}", code(before), code(after)));
        }
        let mut added_removed = |what: &str, added: &[String], removed: &[String]| {
            if !added.is_empty() {
                parts.push(format!("{what} added {}", list(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("{what} removed {}", list(removed)));
            }
        };
        added_removed("subjects", &c.subjects_added, &c.subjects_removed);
        added_removed("data", &c.data_added, &c.data_removed);
        added_removed("processors", &c.processors_added, &c.processors_removed);
        added_removed("recipients", &c.recipients_added, &c.recipients_removed);
        if !parts.is_empty() {
            lines.push(format!(
                "- **Changed** {}{}: {}",
                code(&c.id),
                title(&c.id, &c.title),
                parts.join("; ")
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n{level} Activities\n");
    for line in lines {
        let _ = writeln!(md, "{line}");
    }
}

/// ` (Name)` after an id, when the activity has a name.
fn title(id: &str, title: &str) -> String {
    if id == title {
        String::new()
    } else {
        format!(" ({})", text(title))
    }
}

fn parties_section(md: &mut String, level: &str, changes: &Changes) {
    let mut lines = Vec::new();
    for p in &changes.parties_added {
        let mut parts = Vec::new();
        if let Some(country) = p.country {
            parts.push(format!("established in {}", self::country(Some(country))));
        }
        if !p.locations.is_empty() {
            parts.push(p.locations.iter().map(|l| text(l)).collect::<Vec<_>>().join(", "));
        }
        parts.push(match &p.dpa {
            Some(dpa) => format!("DPA {}", text(dpa)),
            None => "no DPA on record".to_owned(),
        });
        if p.dpf {
            parts.push("DPF-certified".to_owned());
        }
        let name = p.name.as_deref().map_or(String::new(), |n| format!(" ({})", text(n)));
        lines.push(format!(
            "- **Added** {} {}{name}: {}",
            p.kind,
            code(&p.id),
            parts.join("; ")
        ));
    }
    for p in &changes.parties_removed {
        lines.push(format!("- **Removed** {} {}", p.kind, code(&p.id)));
    }
    for c in &changes.parties_changed {
        let mut parts = Vec::new();
        let show = |c: Option<Country>| c.map_or("none".to_owned(), |c| country(Some(c)));
        if let Some((before, after)) = c.country {
            parts.push(format!("country {} → {}", show(before), show(after)));
        }
        if !c.locations_added.is_empty() {
            parts.push(format!("now {}", text(&c.locations_added.join(", "))));
        }
        if !c.locations_removed.is_empty() {
            parts.push(format!("no longer {}", text(&c.locations_removed.join(", "))));
        }
        if let Some((before, after)) = &c.dpa {
            let show = |d: &Option<String>| d.as_deref().map_or("not recorded".to_owned(), text);
            parts.push(format!("DPA {} → {}", show(before), show(after)));
        }
        if let Some((_, after)) = c.dpf {
            parts.push(
                if after {
                    "now DPF-certified"
                } else {
                    "no longer DPF-certified"
                }
                .to_owned(),
            );
        }
        if let Some((before, after)) = c.parent {
            parts.push(format!("parent {} → {}", show(before), show(after)));
        }
        lines.push(format!(
            "- **Changed** {} {}: {}",
            c.kind,
            code(&c.id),
            parts.join("; ")
        ));
    }
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n{level} Processors and recipients\n");
    for line in lines {
        let _ = writeln!(md, "{line}");
    }
}

/// Text from a spec, safe in Markdown and in a table cell: characters that
/// would start formatting, HTML, a table cell or a mention are neutralised,
/// and line breaks become spaces.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // A zero-width space keeps `@name` from notifying anyone.
            '@' if chars.peek().is_some_and(|n| n.is_alphanumeric()) => out.push_str("@\u{200B}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An inline code span, safe in a table cell.
fn code(value: &str) -> String {
    let value = value.replace(['\n', '\r'], " ").replace('|', "\\|");
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{value}{pad}{fence}")
}

/// A finding's message: its `quoted` parts stay code, the rest is text.
fn message(value: &str) -> String {
    if value.matches('`').count() % 2 == 1 {
        return text(value);
    }
    value
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { text(part) })
        .collect()
}

// ---------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    base: &'a str,
    head: &'a str,
    summary: JsonSummary,
    workspaces: Vec<JsonWorkspace<'a>>,
    /// Files that could not be read, on either side.
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonSummary {
    introduced: JsonCounts,
    fixed: JsonCounts,
    activities_added: usize,
    activities_removed: usize,
    activities_changed: usize,
    new_transfers: usize,
}

#[derive(Serialize, Default)]
struct JsonCounts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct JsonError {
    side: String,
    file: String,
    message: String,
}

#[derive(Serialize)]
struct JsonWorkspace<'a> {
    path: &'a str,
    activities_added: Vec<JsonActivity<'a>>,
    activities_removed: Vec<JsonActivity<'a>>,
    activities_changed: Vec<JsonActivityChange<'a>>,
    parties_added: Vec<JsonParty<'a>>,
    parties_removed: Vec<JsonParty<'a>>,
    parties_changed: Vec<JsonPartyChange<'a>>,
    introduced: Vec<JsonFinding<'a>>,
    fixed: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonActivity<'a> {
    id: &'a str,
    title: &'a str,
    file: &'a str,
    purpose: Option<&'a str>,
    role: &'a str,
    bases: &'a [String],
    data: &'a [String],
    special: Vec<JsonSpecial<'a>>,
    retention: &'a [String],
    processors: &'a [String],
    recipients: &'a [String],
    transfers: Vec<JsonTransfer<'a>>,
    destinations: Vec<JsonDestination<'a>>,
}

#[derive(Serialize)]
struct JsonActivityChange<'a> {
    id: &'a str,
    title: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<JsonBeforeAfter<Option<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<JsonBeforeAfter<&'a str>>,
    bases_added: &'a [String],
    bases_removed: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<JsonBeforeAfter<&'a [String]>>,
    subjects_added: &'a [String],
    subjects_removed: &'a [String],
    data_added: &'a [String],
    data_removed: &'a [String],
    special_added: Vec<JsonSpecial<'a>>,
    special_removed: Vec<JsonSpecial<'a>>,
    processors_added: &'a [String],
    processors_removed: &'a [String],
    recipients_added: &'a [String],
    recipients_removed: &'a [String],
    transfers_added: Vec<JsonTransfer<'a>>,
    transfers_removed: Vec<JsonTransfer<'a>>,
    transfers_changed: Vec<JsonBeforeAfter<JsonTransfer<'a>>>,
    destinations_added: Vec<JsonDestination<'a>>,
    destinations_removed: Vec<JsonDestination<'a>>,
}

#[derive(Serialize)]
struct JsonBeforeAfter<T> {
    before: T,
    after: T,
}

#[derive(Serialize)]
struct JsonSpecial<'a> {
    kind: &'a str,
    data: &'a str,
}

#[derive(Serialize)]
struct JsonTransfer<'a> {
    country: Option<&'static str>,
    to: Option<&'a str>,
    mechanism: Option<&'a str>,
    module: Option<u8>,
    tia: Option<&'a str>,
    ground: Option<&'a str>,
    occasional: bool,
}

#[derive(Serialize)]
struct JsonDestination<'a> {
    country: &'static str,
    party: &'a str,
    declared: bool,
}

#[derive(Serialize)]
struct JsonParty<'a> {
    id: &'a str,
    kind: &'a str,
    name: Option<&'a str>,
    file: &'a str,
    country: Option<&'static str>,
    locations: &'a [String],
    dpa: Option<&'a str>,
    dpf: bool,
}

#[derive(Serialize)]
struct JsonPartyChange<'a> {
    id: &'a str,
    kind: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<JsonBeforeAfter<Option<&'static str>>>,
    locations_added: &'a [String],
    locations_removed: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    dpa: Option<JsonBeforeAfter<Option<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dpf: Option<JsonBeforeAfter<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<JsonBeforeAfter<Option<&'static str>>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    entity: Option<&'a str>,
    fingerprint: String,
}

fn json(base: &str, head: &str, comparisons: &[Comparison], problems: &[(&str, &Problem)]) -> String {
    let mut summary = JsonSummary {
        introduced: JsonCounts::default(),
        fixed: JsonCounts::default(),
        activities_added: 0,
        activities_removed: 0,
        activities_changed: 0,
        new_transfers: 0,
    };
    let tally = |counts: &mut JsonCounts, findings: &[FindingSummary]| {
        for f in findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
    };
    for c in comparisons {
        tally(&mut summary.introduced, &c.changes.introduced);
        tally(&mut summary.fixed, &c.changes.fixed);
        summary.activities_added += c.changes.activities_added.len();
        summary.activities_removed += c.changes.activities_removed.len();
        summary.activities_changed += c.changes.activities_changed.len();
        summary.new_transfers += c.changes.new_transfers();
    }
    let document = JsonDiff {
        version: 1,
        base,
        head,
        summary,
        workspaces: comparisons
            .iter()
            .filter(|c| !c.changes.is_empty())
            .map(json_workspace)
            .collect(),
        errors: problems
            .iter()
            .map(|(side, p)| JsonError {
                side: (*side).to_owned(),
                file: display(&p.path),
                message: p.message.clone(),
            })
            .collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

fn json_workspace(comparison: &Comparison) -> JsonWorkspace<'_> {
    let changes = &comparison.changes;
    JsonWorkspace {
        path: &comparison.key,
        activities_added: changes.activities_added.iter().map(activity).collect(),
        activities_removed: changes.activities_removed.iter().map(activity).collect(),
        activities_changed: changes
            .activities_changed
            .iter()
            .map(|c| JsonActivityChange {
                id: &c.id,
                title: &c.title,
                file: &c.file,
                purpose: c.purpose.as_ref().map(|(b, a)| JsonBeforeAfter {
                    before: b.as_deref(),
                    after: a.as_deref(),
                }),
                role: c.role.map(|(b, a)| JsonBeforeAfter { before: b, after: a }),
                bases_added: &c.bases_added,
                bases_removed: &c.bases_removed,
                retention: c.retention.as_ref().map(|(b, a)| JsonBeforeAfter {
                    before: b.as_slice(),
                    after: a.as_slice(),
                }),
                subjects_added: &c.subjects_added,
                subjects_removed: &c.subjects_removed,
                data_added: &c.data_added,
                data_removed: &c.data_removed,
                special_added: specials(&c.special_added),
                special_removed: specials(&c.special_removed),
                processors_added: &c.processors_added,
                processors_removed: &c.processors_removed,
                recipients_added: &c.recipients_added,
                recipients_removed: &c.recipients_removed,
                transfers_added: c.transfers_added.iter().map(json_transfer).collect(),
                transfers_removed: c.transfers_removed.iter().map(json_transfer).collect(),
                transfers_changed: c
                    .transfers_changed
                    .iter()
                    .map(|(b, a)| JsonBeforeAfter {
                        before: json_transfer(b),
                        after: json_transfer(a),
                    })
                    .collect(),
                destinations_added: c.destinations_added.iter().map(json_destination).collect(),
                destinations_removed: c.destinations_removed.iter().map(json_destination).collect(),
            })
            .collect(),
        parties_added: changes.parties_added.iter().map(party).collect(),
        parties_removed: changes.parties_removed.iter().map(party).collect(),
        parties_changed: changes
            .parties_changed
            .iter()
            .map(|c| JsonPartyChange {
                id: &c.id,
                kind: c.kind,
                file: &c.file,
                country: c.country.map(|(b, a)| JsonBeforeAfter {
                    before: b.map(Country::code),
                    after: a.map(Country::code),
                }),
                locations_added: &c.locations_added,
                locations_removed: &c.locations_removed,
                dpa: c.dpa.as_ref().map(|(b, a)| JsonBeforeAfter {
                    before: b.as_deref(),
                    after: a.as_deref(),
                }),
                dpf: c.dpf.map(|(b, a)| JsonBeforeAfter { before: b, after: a }),
                parent: c.parent.map(|(b, a)| JsonBeforeAfter {
                    before: b.map(Country::code),
                    after: a.map(Country::code),
                }),
            })
            .collect(),
        introduced: changes.introduced.iter().map(finding).collect(),
        fixed: changes.fixed.iter().map(finding).collect(),
    }
}

fn specials(items: &[Special]) -> Vec<JsonSpecial<'_>> {
    items
        .iter()
        .map(|s| JsonSpecial {
            kind: &s.kind,
            data: &s.data,
        })
        .collect()
}

fn activity(a: &ropa_check::diff::ActivitySummary) -> JsonActivity<'_> {
    JsonActivity {
        id: &a.id,
        title: &a.title,
        file: &a.file,
        purpose: a.purpose.as_deref(),
        role: a.role,
        bases: &a.bases,
        data: &a.data,
        special: specials(&a.special),
        retention: &a.retention,
        processors: &a.processors,
        recipients: &a.recipients,
        transfers: a.transfers.iter().map(json_transfer).collect(),
        destinations: a.destinations.iter().map(json_destination).collect(),
    }
}

fn party(p: &ropa_check::diff::PartySummary) -> JsonParty<'_> {
    JsonParty {
        id: &p.id,
        kind: p.kind,
        name: p.name.as_deref(),
        file: &p.file,
        country: p.country.map(Country::code),
        locations: &p.locations,
        dpa: p.dpa.as_deref(),
        dpf: p.dpf,
    }
}

fn finding(f: &FindingSummary) -> JsonFinding<'_> {
    JsonFinding {
        rule: f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        help: f.help.as_deref(),
        file: &f.file,
        line: f.line,
        entity: f.entity.as_deref(),
        fingerprint: f.id.to_string(),
    }
}

fn json_transfer(t: &TransferSummary) -> JsonTransfer<'_> {
    JsonTransfer {
        country: t.country.map(Country::code),
        to: t.to.as_deref(),
        mechanism: t.mechanism.as_deref(),
        module: t.module,
        tia: t.tia.as_deref(),
        ground: t.ground.as_deref(),
        occasional: t.occasional,
    }
}

fn json_destination(d: &Destination) -> JsonDestination<'_> {
    JsonDestination {
        country: d.country.code(),
        party: &d.party,
        declared: d.declared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_tables_and_mentions_safe() {
        assert_eq!(
            text("a|b *c* <script> @team"),
            "a\\|b \\*c\\* \\<script\\> @\u{200B}team"
        );
        assert_eq!(text("x@example.se"), "x@\u{200B}example.se");
        assert_eq!(text("two\nlines"), "two lines");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(message("no data `x|y` here *"), "no data `x\\|y` here \\*");
        // Unbalanced backticks are escaped, not left to open a code span.
        assert_eq!(message("odd ` one"), "odd \\` one");
    }

    #[test]
    fn paths_are_normalised_lexically() {
        assert_eq!(normalise(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
