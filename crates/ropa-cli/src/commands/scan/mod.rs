//! `ropa scan`: walk a repository, read the files a scan reader knows, and
//! compare what they show with the record. The scanning is `ropa-scan`
//! (pure); this module does the IO, places each finding in a file (its
//! evidence, or the record's declaration or `ropa.kdl` line it is about),
//! applies a baseline, and hands the findings to `render`.

mod render;

use std::fs;
use std::path::{Path, PathBuf};

use clap::Args;
use ropa_check::fingerprint::{Fingerprint, relative_to_root, scan_fingerprint};
use ropa_scan::{Finding, Scan};
use ropa_syntax::config::ScanConfig;

use super::check::severity;
use super::{fail, print};
use crate::cli::{FailOn, Format};
use crate::discover::{Problem, discover};
use crate::exit;
use crate::load::{display, load};
use crate::output::{Baselined, fails};

pub const SCAN_HELP: &str = "\
Reads dependency manifests (package.json, package-lock.json, requirements*.txt,
pyproject.toml, go.mod, Cargo.toml, Gemfile, composer.json, pom.xml,
build.gradle[.kts], libs.versions.toml), page templates (.html, .jsx, .tsx,
.vue, .php, …), Terraform files, YAML (Kubernetes, Helm values, compose) and
.env.example, and compares what they show with the record. `ropa explain
VENDOR` shows what the registry knows of a vendor. Skips .git, node_modules, target,
vendor and the paths in ropa.kdl's `scan { skip \"…\" }`.

Accept a finding on purpose in ropa.kdl, by its rule and what it is about:
  scan { allow undeclared-processor sentry reason=\"only the test image\" }
or record today's findings with `ropa baseline --scan REPO` and pass
--baseline FILE.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 bad usage.
How to read a finding: docs/scan.md.";

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The repository to scan [default: .]
    pub repo: Option<PathBuf>,
    /// The record's workspace (a folder with ropa.kdl) [default: found from the repository]
    #[arg(long, value_name = "PATH")]
    pub record: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding is at least this severe
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Hide the scan findings recorded in this baseline (`ropa baseline --scan`)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

/// Folders that hold other people's code or build output, never read.
const SKIPPED_FOLDERS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    "vendor",
    ".venv",
    "venv",
    "__pycache__",
    ".terraform",
];

/// Manifests and lockfiles of large projects run to a few MiB; larger files
/// are generated bundles, not evidence worth the time.
pub(crate) const MAX_SCANNED_BYTES: u64 = 16 * 1024 * 1024;

pub fn run(args: &ScanArgs) -> u8 {
    let repo = args.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    let record = args.record.clone().unwrap_or_else(|| repo.clone());
    let baseline = match &args.baseline {
        Some(file) => match super::baseline::read(file) {
            Ok(baseline) => Some((file, baseline)),
            Err(message) => return fail(&message),
        },
        None => None,
    };
    let mut run = match scan_repo(&repo, &record) {
        Ok(run) => run,
        Err(message) => return fail(&message),
    };
    if let Some((file, baseline)) = &baseline {
        let fingerprints: Vec<Fingerprint> = run.findings.iter().map(|p| p.fingerprint).collect();
        let (keep, baselined) = super::baseline::apply_scan(baseline, file, &fingerprints);
        let mut keep = keep.into_iter();
        run.findings.retain(|_| keep.next().unwrap_or(true));
        run.baseline = Some(baselined);
    }
    let fail_on = severity(args.fail_on);
    let text = render::render(&run, args.format, fail_on);
    for problem in &run.unreadable {
        eprintln!("warning: {}: {} (not scanned)", display(&problem.path), problem.message);
    }
    if args.format != Format::Human {
        eprintln!("{}", render::summary(&run));
    }
    let printed = print(text.as_bytes());
    if printed != exit::CLEAN {
        return printed;
    }
    if run.findings.iter().any(|p| fails(p.finding.rule.severity(), fail_on)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// A finding with the place it is shown at and its identity.
#[derive(Clone)]
pub(crate) struct Placed {
    pub finding: Finding,
    /// Relative to the repository when inside it: the first evidence, or the
    /// record's declaration (or `ropa.kdl` line) the finding is about.
    pub path: String,
    /// 1-based.
    pub line: u32,
    /// Rule and subject: stable when lines and files move.
    pub fingerprint: Fingerprint,
}

/// One scan of a repository against its record.
pub(crate) struct ScanRun {
    pub findings: Vec<Placed>,
    /// The files read (path relative to the repository, text).
    pub files: Vec<(String, String)>,
    /// Every piece of evidence, by path then line.
    pub evidence: Vec<ropa_scan::Evidence>,
    pub unreadable: Vec<Problem>,
    /// Findings hidden by `scan { allow … }`.
    pub allowed: usize,
    /// What `--baseline` hid.
    pub baseline: Option<Baselined>,
}

/// Scans `repo` against the record whose workspace is at `record`; the
/// error is a complete message (bad usage).
pub(crate) fn scan_repo(repo: &Path, record: &Path) -> Result<ScanRun, String> {
    if !repo.is_dir() {
        return Err(format!("{}: not a folder; give the repository to scan", display(repo)));
    }
    let (jobs, problems) = discover(&[record.to_path_buf()]);
    if let Some(problem) = problems.first() {
        return Err(format!("{}: {}", display(&problem.path), problem.message));
    }
    let job = match jobs.as_slice() {
        [job] => job,
        [] => {
            return Err(format!(
                "no record found at {}: give its workspace with --record PATH (a folder with ropa.kdl and .ropa.kdl files)",
                display(record)
            ));
        }
        _ => {
            return Err(format!(
                "{} holds {} workspaces: give the one this repository's record is in with --record PATH",
                display(record),
                jobs.len()
            ));
        }
    };
    let mut load_problems = Vec::new();
    let loaded = load(job, &mut load_problems);
    if let Some(problem) = load_problems.first() {
        return Err(format!("{}: {}", display(&problem.path), problem.message));
    }
    let workspace = &loaded.workspace;
    let specs: Vec<_> = workspace.specs().map(|(_, s)| &s.model).collect();
    let config = workspace
        .config()
        .map(|(_, c)| c.config.scan.clone())
        .unwrap_or_default();

    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    walk(repo, "", &config, &mut files, &mut unreadable);
    let Scan {
        evidence,
        findings,
        allowed,
    } = ropa_scan::scan(&files, &specs, &config);

    // Record files are shown relative to the repository when inside it, as
    // the evidence is, so that annotations land on the right file.
    let repo_shown = display(repo);
    let in_record = |file: ropa_check::FileId, offset: u32| {
        workspace.file(file).map(|f| {
            let (line, _) = ropa_syntax::position::line_col(&f.text, offset);
            (relative_to_root(&f.path, &repo_shown), u32::try_from(line).unwrap_or(1))
        })
    };
    let config_file = workspace.config().map(|(id, _)| id);
    let record_shown = relative_to_root(&display(record), &repo_shown);
    let findings = findings
        .into_iter()
        .map(|finding| {
            let declared = || {
                let party = finding.party.as_deref()?;
                workspace.specs().find_map(|(file, spec)| {
                    let p = spec.model.all_parties().into_iter().find(|p| p.id.value == party)?;
                    in_record(file, p.span.start)
                })
            };
            let (path, line) = match (finding.evidence.first(), finding.config_span) {
                (Some(e), _) => (e.path.clone(), e.line),
                (None, Some(span)) => config_file
                    .and_then(|file| in_record(file, span.start))
                    .unwrap_or((record_shown.clone(), 1)),
                (None, None) => declared().unwrap_or((record_shown.clone(), 1)),
            };
            Placed {
                fingerprint: scan_fingerprint(finding.rule.id(), &finding.subject),
                finding,
                path,
                line,
            }
        })
        .collect();
    Ok(ScanRun {
        findings,
        files,
        evidence,
        unreadable,
        allowed,
        baseline: None,
    })
}

/// Reads every file under `dir` that a reader reads, with its path relative
/// to the repository. Symbolic links are not followed, so a link loop
/// cannot trap the walk.
fn walk(
    dir: &Path,
    relative: &str,
    config: &ScanConfig,
    files: &mut Vec<(String, String)>,
    problems: &mut Vec<Problem>,
) {
    let Ok(entries) = fs::read_dir(dir) else {
        problems.push(Problem {
            path: dir.to_path_buf(),
            message: "cannot list the folder".to_owned(),
        });
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if relative.is_empty() {
            name.clone()
        } else {
            format!("{relative}/{name}")
        };
        if config.skips.iter().any(|s| ropa_scan::is_skipped(&rel, &s.value)) {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if !SKIPPED_FOLDERS.contains(&name.as_str()) {
                walk(&entry.path(), &rel, config, files, problems);
            }
        } else if kind.is_file() && ropa_scan::readers::reads(&rel) {
            let path = entry.path();
            // A file not read may hold evidence: it is reported, never
            // passed over in silence.
            match fs::metadata(&path) {
                Ok(meta) if meta.len() > MAX_SCANNED_BYTES => {
                    problems.push(Problem {
                        path,
                        message: format!(
                            "{} MiB, larger than the {} MiB a scanned file may have: its evidence is not read (skip it in ropa.kdl's `scan {{ skip … }}` if it is generated)",
                            meta.len() / (1024 * 1024),
                            MAX_SCANNED_BYTES / (1024 * 1024)
                        ),
                    });
                    continue;
                }
                Ok(_) => {}
                Err(err) => {
                    problems.push(Problem {
                        path,
                        message: crate::discover::describe_io(&err),
                    });
                    continue;
                }
            }
            match fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => files.push((rel, text)),
                Ok(Err(_)) => problems.push(Problem {
                    path,
                    message: "not UTF-8 text".to_owned(),
                }),
                Err(err) => problems.push(Problem {
                    path,
                    message: crate::discover::describe_io(&err),
                }),
            }
        }
    }
}

/// `ropa explain RULE` for a rule of the scan (not one the record's
/// catalogue also has: `unused-allow` and `allow-without-reason` are
/// explained there, and mean the same); `None` otherwise.
pub fn explain(args: &super::rules::ExplainArgs) -> Option<u8> {
    use ropa_syntax::values::Keyword as _;
    let rule = ropa_scan::Rule::from_id(&args.rule)?;
    if ropa_check::Rule::from_id(rule.id()).is_some() {
        return None;
    }
    let text = match args.format {
        super::rules::ListFormat::Json => {
            let doc = serde_json::json!({
                "id": rule.id(),
                "command": "ropa scan",
                "severity": rule.severity().as_str(),
                "summary": rule.summary(),
                "law": rule.article(),
                "guidance": rule.guidance(),
                "facts": rule.facts().map(|(what, p)| serde_json::json!({
                    "what": what,
                    "as_of": p.as_of,
                    "confidence": p.confidence.label(),
                    "note": p.note,
                    "sources": p.sources.iter().map(|s| serde_json::json!({ "title": s.title, "url": s.url })).collect::<Vec<_>>(),
                })),
            });
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        super::rules::ListFormat::Text | super::rules::ListFormat::Markdown => format!(
            "{} ({}, reported by `ropa scan`)\n\n{}.\n\nLaw: {}\n{}{}Fix: each finding's help names the node to add to the record, with placeholders that keep it open until filled in.\nAccept on purpose, in ropa.kdl: scan {{ allow {} SUBJECT reason=\"…\" }}, where SUBJECT is the vendor, tracker, region or party id the finding names (its `subject` in JSON).\nMore: docs/scan.md\n",
            rule.id(),
            rule.severity().as_str(),
            capitalised(rule.summary()),
            rule.article(),
            rule.guidance()
                .iter()
                .map(|g| format!("Guidance: {g}\n"))
                .collect::<String>(),
            rule.facts().map_or_else(String::new, |(what, p)| facts_text(what, p)),
            rule.id()
        ),
    };
    Some(print(text.as_bytes()))
}

/// The sources of the facts a rule reads, for `ropa explain`.
fn facts_text(what: &str, p: &ropa_law::Provenance) -> String {
    let mut text = format!(
        "Facts: {what}, as of {} (confidence {}), from:\n",
        p.as_of,
        p.confidence.label()
    );
    for s in p.sources {
        text.push_str(&format!("  - {} <{}>\n", s.title, s.url));
    }
    if let Some(note) = p.note {
        text.push_str(&format!("  {note}\n"));
    }
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
