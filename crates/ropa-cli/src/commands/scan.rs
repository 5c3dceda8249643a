//! `ropa scan`: walk a repository, read the files a scan reader knows, and
//! compare what they show with the record. The scanning is `ropa-scan`
//! (pure); this module does the IO and the printing.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ropa_scan::{Evidence, Finding, Rule, Scan};
use ropa_syntax::config::ScanConfig;
use ropa_syntax::values::{Keyword, Severity};

use super::{fail, print};
use crate::cli::FailOn;
use crate::discover::{Problem, discover};
use crate::exit;
use crate::load::{display, load};

pub const SCAN_HELP: &str = "\
Reads dependency manifests (package.json, package-lock.json, requirements*.txt,
pyproject.toml, go.mod, Cargo.toml, Gemfile, composer.json, pom.xml,
build.gradle[.kts], libs.versions.toml), page templates (.html, .jsx, .tsx,
.vue, .php, …), Terraform files, YAML (Kubernetes, Helm values, compose) and
.env.example, and compares what they show with the record. `ropa explain
VENDOR` shows what the registry knows of a vendor. Skips .git, node_modules, target,
vendor and the paths in ropa.kdl's `scan { skip \"…\" }`.

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
    #[arg(long, value_enum, default_value_t = ScanFormat::Human)]
    pub format: ScanFormat,
    /// Exit with 1 when a finding is at least this severe
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Findings with the file:line of their evidence, for people
    Human,
    /// One JSON document: findings and all evidence
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// GitLab Code Quality JSON, for the merge request's widget
    Gitlab,
    /// One line per finding: `file:line:col: rule [severity] message`
    Concise,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
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
const MAX_SCANNED_BYTES: u64 = 16 * 1024 * 1024;

pub fn run(args: &ScanArgs) -> u8 {
    let repo = args.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    if !repo.is_dir() {
        return fail(&format!(
            "{}: not a folder; give the repository to scan",
            display(&repo)
        ));
    }
    let record = args.record.clone().unwrap_or_else(|| repo.clone());
    let (jobs, problems) = discover(std::slice::from_ref(&record));
    if let Some(problem) = problems.first() {
        return fail(&format!("{}: {}", display(&problem.path), problem.message));
    }
    let job = match jobs.as_slice() {
        [job] => job,
        [] => {
            return fail(&format!(
                "no record found at {}: give its workspace with --record PATH (a folder with ropa.kdl and .ropa.kdl files)",
                display(&record)
            ));
        }
        _ => {
            return fail(&format!(
                "{} holds {} workspaces: give the one this repository's record is in with --record PATH",
                display(&record),
                jobs.len()
            ));
        }
    };
    let mut load_problems = Vec::new();
    let loaded = load(job, &mut load_problems);
    if let Some(problem) = load_problems.first() {
        return fail(&format!("{}: {}", display(&problem.path), problem.message));
    }
    let specs: Vec<_> = loaded.workspace.specs().map(|(_, s)| &s.model).collect();
    let config = loaded
        .workspace
        .config()
        .map(|(_, c)| c.config.scan.clone())
        .unwrap_or_default();

    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    walk(&repo, "", &config, &mut files, &mut unreadable);
    let scan = ropa_scan::scan(&files, &specs, &config);

    let text = match args.format {
        ScanFormat::Human => human(&scan, &files, &unreadable),
        ScanFormat::Json => json(&scan, files.len()),
        ScanFormat::Github => github(&scan),
        ScanFormat::Gitlab => gitlab(&scan, &display(&record)),
        ScanFormat::Concise => concise(&scan, &display(&record)),
        ScanFormat::Sarif => sarif(&scan),
    };
    for problem in &unreadable {
        eprintln!("warning: {}: {} (not scanned)", display(&problem.path), problem.message);
    }
    let printed = print(text.as_bytes());
    if printed != exit::CLEAN {
        return printed;
    }
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if scan.findings.iter().any(|f| rank(f.rule.severity()) >= rank(fail_on)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
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
            match fs::metadata(&path) {
                Ok(meta) if meta.len() > MAX_SCANNED_BYTES => continue,
                Ok(_) => {}
                Err(_) => continue,
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

fn evidence_line(e: &Evidence) -> String {
    format!("{}:{}: {} `{}`", e.path, e.line, e.source.label(), e.seen)
}

/// At most this many places per finding in the human output; JSON has all.
const SHOWN_EVIDENCE: usize = 5;

/// The line of the first evidence, as a reviewer sees it in the file:
/// numbered, trimmed to a screen's width, its control and invisible
/// characters escaped (the file is not the scan's to trust).
fn snippet(files: &[(String, String)], e: &Evidence) -> Option<String> {
    let (_, text) = files.iter().find(|(path, _)| *path == e.path)?;
    let line = text.lines().nth(e.line.checked_sub(1)? as usize)?.trim_end();
    let shown: String = line.chars().take(SNIPPET_WIDTH).collect();
    let more = if shown.len() < line.len() { " …" } else { "" };
    let number = e.line.to_string();
    let pad = " ".repeat(number.len());
    Some(format!(
        "   {pad} |\n   {number} | {}{more}\n   {pad} |\n",
        crate::visible::escape(&shown)
    ))
}

/// Characters of an evidence line shown in the human output.
const SNIPPET_WIDTH: usize = 120;

fn human(scan: &Scan, files: &[(String, String)], unreadable: &[Problem]) -> String {
    let scanned = files.len();
    let mut out = String::new();
    for f in &scan.findings {
        let _ = writeln!(out, "{}[{}]: {}", f.rule.severity().as_str(), f.rule.id(), f.message);
        for (i, e) in f.evidence.iter().take(SHOWN_EVIDENCE).enumerate() {
            let _ = writeln!(out, "  --> {}", evidence_line(e));
            if i == 0
                && let Some(lines) = snippet(files, e)
            {
                out.push_str(&lines);
            }
        }
        if f.evidence.len() > SHOWN_EVIDENCE {
            let _ = writeln!(out, "  --> … and {} more", f.evidence.len() - SHOWN_EVIDENCE);
        }
        if let Some(party) = &f.party {
            let _ = writeln!(out, "  --> declared in the record as `{party}`");
        }
        let _ = writeln!(out, "  = law: {}", f.rule.article());
        let _ = writeln!(out, "  = help: {}", f.help);
        let _ = writeln!(out);
    }
    let count = |s: Severity| scan.findings.iter().filter(|f| f.rule.severity() == s).count();
    let _ = writeln!(
        out,
        "ropa scan: {} findings ({} warnings, {} info) from {} pieces of evidence in {} files read{}",
        scan.findings.len(),
        count(Severity::Warning),
        count(Severity::Info),
        scan.evidence.len(),
        scanned,
        if unreadable.is_empty() {
            String::new()
        } else {
            format!(", {} not readable", unreadable.len())
        }
    );
    out
}

fn evidence_json(e: &Evidence) -> serde_json::Value {
    serde_json::json!({
        "path": e.path,
        "line": e.line,
        "source": e.source.label(),
        "seen": e.seen,
    })
}

fn json(scan: &Scan, scanned: usize) -> String {
    let findings: Vec<_> = scan
        .findings
        .iter()
        .map(|f: &Finding| {
            serde_json::json!({
                "rule": f.rule.id(),
                "severity": f.rule.severity().as_str(),
                "message": f.message,
                "law": f.rule.article(),
                "help": f.help,
                "party": f.party,
                "evidence": f.evidence.iter().map(evidence_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "version": 1,
        "files_read": scanned,
        "findings": findings,
        "evidence": scan.evidence.iter().map(evidence_json).collect::<Vec<_>>(),
        "rules": Rule::ALL.iter().map(|r| r.id()).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: an annotation on the first evidence
/// of each finding.
fn github(scan: &Scan) -> String {
    let escape = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in &scan.findings {
        let level = match f.rule.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = property(&format!("ropa scan {}", f.rule.id()));
        let body = escape(&format!("{}\n\n{}", f.message, f.help));
        match f.evidence.first() {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "::{level} file={},line={},title={title}::{body}",
                    property(&e.path),
                    e.line
                );
            }
            None => {
                let _ = writeln!(out, "::{level} title={title}::{body}");
            }
        }
    }
    out
}

/// Where a finding is: its first evidence, or (for a declared processor the
/// code no longer shows) the record's folder.
fn place<'a>(f: &'a Finding, record: &'a str) -> (&'a str, u32) {
    f.evidence.first().map_or((record, 1), |e| (e.path.as_str(), e.line))
}

/// What a finding is about, stable when lines move: the rule, and what was
/// seen (a package, host, snippet, region) or the declared party.
fn identity(f: &Finding) -> String {
    let about = f
        .evidence
        .first()
        .map(|e| e.seen.as_str())
        .or(f.party.as_deref())
        .unwrap_or("");
    format!("ropa-scan:{}:{about}", f.rule.id())
}

fn concise(scan: &Scan, record: &str) -> String {
    let mut out = String::new();
    for f in &scan.findings {
        let (path, line) = place(f, record);
        let _ = writeln!(
            out,
            "{path}:{line}:1: {} [{}] {}",
            f.rule.id(),
            f.rule.severity().as_str(),
            crate::visible::escape(&f.message.replace('\n', " "))
        );
    }
    out
}

/// GitLab Code Quality: one issue per finding, told apart by [`identity`].
fn gitlab(scan: &Scan, record: &str) -> String {
    let issues: Vec<_> = scan
        .findings
        .iter()
        .map(|f| {
            let (path, line) = place(f, record);
            serde_json::json!({
                "description": format!("{} (help: {})", f.message, f.help),
                "check_name": f.rule.id(),
                "fingerprint": identity(f),
                "severity": match f.rule.severity() {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": { "path": path, "lines": { "begin": line, "end": line } },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0: the scan's rules, and one result per finding at its
/// evidence (a declared processor the code no longer shows has none).
fn sarif(scan: &Scan) -> String {
    let rules: Vec<_> = Rule::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": format!("{} ({})", r.summary(), r.article()) },
                "defaultConfiguration": { "level": level(r.severity()) },
                "help": { "text": "How to read a finding: docs/scan.md" },
            })
        })
        .collect();
    let results: Vec<_> = scan
        .findings
        .iter()
        .map(|f| {
            let locations: Vec<_> = f
                .evidence
                .iter()
                .take(SHOWN_EVIDENCE)
                .map(|e| {
                    serde_json::json!({
                        "physicalLocation": {
                            "artifactLocation": { "uri": crate::output::sarif::encode_uri_path(&e.path) },
                            "region": { "startLine": e.line },
                        }
                    })
                })
                .collect();
            serde_json::json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level(f.rule.severity()),
                "message": { "text": format!("{}\n\n{}", f.message, f.help) },
                "locations": locations,
                "partialFingerprints": { "ropaScan/v1": identity(f) },
            })
        })
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "ropa scan",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
