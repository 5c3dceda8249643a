//! Baselines: today's findings, recorded so that a company can adopt ropa on
//! a large existing record and fail CI only on new findings.
//!
//! A finding is recorded by its fingerprint (rule, entity, message, and the
//! file only for a finding about no entity; see `ropa_check::fingerprint`)
//! with a count,
//! never by line, so edits elsewhere in a file do not bring it back. The
//! rule, file, entity and message are stored too, for the people who review
//! the file in a pull request.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use ropa_check::Diagnostic;
use ropa_check::fingerprint::{FindingId, Fingerprint, migrate_v1};
use serde::{Deserialize, Serialize};

use super::checked::{Checked, check_paths, from_repository_root, no_spec_files};
use super::scan::scan_repo;
use super::{fail, print, write_output};
use crate::exit;
use crate::load::display;
use crate::output::{Baselined, plural};
use crate::write::Rules;

pub const BASELINE_HELP: &str = "\
The baseline lists each finding by rule, entity and message (not by line or
file), so edits elsewhere, renamed files and activities moved to another file
do not bring baselined findings back.
Commit the file; `ropa check --baseline FILE` then fails only on new findings.
With --scan REPO the file also records `ropa scan`'s findings of REPO against
the record (by rule and subject: the vendor, tracker, region or party), and
`ropa scan REPO --baseline FILE` then reports only new ones; without --scan,
the scan findings already in FILE are kept as they are.
When findings are fixed, `ropa baseline --prune --output FILE` drops them from
the file and adds nothing (a plain re-run would also record new findings).";

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Spec files, workspace folders, or folders of workspaces [default: .]
    pub paths: Vec<PathBuf>,

    /// Where to write the baseline (`-` for stdout)
    #[arg(long, short = 'o', value_name = "FILE", default_value = "ropa-baseline.json")]
    pub output: PathBuf,

    /// Only drop from FILE the findings that no longer occur; never add one
    #[arg(long)]
    pub prune: bool,

    /// Replace FILE even when it is not a ropa baseline, or is read-only
    #[arg(long)]
    pub force: bool,

    /// Also record (or with --prune, prune) the findings of `ropa scan REPO` against the record
    #[arg(long, value_name = "REPO")]
    pub scan: Option<PathBuf>,
}

/// The rule of a scan finding's entry starts with this, so that the check
/// leaves scan entries alone (their rules are not the check's, and their
/// files are not specs).
const SCAN_RULE: &str = "scan/";

fn is_scan(entry: &Entry) -> bool {
    entry.rule.starts_with(SCAN_RULE)
}

/// The schema of the baseline file. A change to the fingerprint's inputs
/// bumps it too, since old fingerprints would no longer match. Version 1
/// files (fingerprints that included every finding's file) are migrated on
/// read.
const VERSION: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    // Field order is the sort order: by file, then rule, so the file reads
    // like the report and diffs stay small.
    file: String,
    rule: String,
    entity: Option<String>,
    message: String,
    fingerprint: String,
    count: u32,
}

/// A baseline read from disk: its entries, each with its fingerprint
/// parsed (and migrated from version 1).
#[derive(Debug)]
pub struct Baseline {
    entries: Vec<(Fingerprint, Entry)>,
}

/// Reads and validates a baseline file; the error is a complete message.
pub fn read(path: &Path) -> Result<Baseline, String> {
    let shown = display(path);
    let text = crate::load::read_text(path).map_err(|e| format!("cannot read the baseline {shown}: {e}"))?;
    // The version is checked first, so a newer file gets a message about the
    // version rather than about a field this ropa does not know.
    let version = serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| format!("{shown} is not a ropa baseline: {e}"))?
        .get("version")
        .and_then(serde_json::Value::as_u64);
    let migrate = match version {
        Some(v) if v == u64::from(VERSION) => false,
        Some(1) => true,
        Some(v) => {
            return Err(format!(
                "{shown} is a version {v} baseline; this ropa reads versions 1 and {VERSION}: upgrade ropa, or record it again with `ropa baseline --output {shown}`"
            ));
        }
        None => return Err(format!("{shown} is not a ropa baseline: it has no `version`")),
    };
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| format!("{shown} is not a ropa baseline: {e}"))?;
    let mut entries = Vec::with_capacity(file.findings.len());
    for entry in file.findings {
        let Some(fingerprint) = Fingerprint::parse(&entry.fingerprint) else {
            return Err(format!(
                "{shown} is not a ropa baseline: `{}` is not a fingerprint (16 hex digits)",
                entry.fingerprint
            ));
        };
        let fingerprint = if migrate {
            migrate_v1(fingerprint, &entry.rule, entry.entity.as_deref(), &entry.message).unwrap_or(fingerprint)
        } else {
            fingerprint
        };
        entries.push((
            fingerprint,
            Entry {
                fingerprint: fingerprint.to_string(),
                ..entry
            },
        ));
    }
    Ok(Baseline { entries })
}

/// Removes the findings the baseline covers (per fingerprint, up to its
/// count, in report order) and says how many it hid and how many of its
/// entries no longer occur.
pub fn apply(
    baseline: &Baseline,
    file: &Path,
    paths: &[String],
    findings: &mut [Vec<Diagnostic>],
    ids: &mut [Vec<FindingId>],
) -> Baselined {
    let mut budget = Budget::new(baseline.entries.iter().map(|(f, e)| (*f, e.count)));
    let mut hidden = 0;
    for (findings, ids) in findings.iter_mut().zip(ids.iter_mut()) {
        let keep: Vec<bool> = ids.iter().map(|id| !budget.covers(id.fingerprint)).collect();
        hidden += keep.iter().filter(|k| !**k).count();
        let mut flags = keep.iter();
        findings.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        ids.retain(|_| flags.next().copied().unwrap_or(true));
    }
    let mut fixed = 0;
    for (fingerprint, entry) in &baseline.entries {
        if !is_scan(entry) && in_scope(paths, &entry.file) {
            // Spend what is left of this fingerprint's count on this entry.
            fixed += budget.spend_rest(*fingerprint);
        }
    }
    Baselined {
        file: display(file),
        hidden,
        fixed,
    }
}

/// Which of a scan's findings (by fingerprint, in order) the baseline does
/// not cover, and its effect: what it hid, and how many of its scan
/// entries no longer occur.
pub fn apply_scan(baseline: &Baseline, file: &Path, findings: &[Fingerprint]) -> (Vec<bool>, Baselined) {
    let mut budget = Budget::new(
        baseline
            .entries
            .iter()
            .filter(|(_, e)| is_scan(e))
            .map(|(f, e)| (*f, e.count)),
    );
    let keep: Vec<bool> = findings.iter().map(|f| !budget.covers(*f)).collect();
    let baselined = Baselined {
        file: display(file),
        hidden: keep.iter().filter(|k| !**k).count(),
        fixed: budget.left(),
    };
    (keep, baselined)
}

/// What a baseline (or the other side of a diff) still covers, per
/// fingerprint: how many findings with it, spent one at a time in report
/// order, so that a second occurrence of a covered finding is new.
pub(crate) struct Budget(BTreeMap<Fingerprint, u32>);

impl Budget {
    pub(crate) fn new(counts: impl Iterator<Item = (Fingerprint, u32)>) -> Budget {
        let mut budget = BTreeMap::new();
        for (fingerprint, count) in counts {
            *budget.entry(fingerprint).or_insert(0) += count;
        }
        Budget(budget)
    }

    /// Whether the budget covers one more finding with this fingerprint;
    /// if so, that finding is spent.
    pub(crate) fn covers(&mut self, fingerprint: Fingerprint) -> bool {
        match self.0.get_mut(&fingerprint).filter(|n| **n > 0) {
            Some(n) => {
                *n -= 1;
                true
            }
            None => false,
        }
    }

    /// How many findings with this fingerprint it still covers; none after.
    fn spend_rest(&mut self, fingerprint: Fingerprint) -> usize {
        self.0.get_mut(&fingerprint).map_or(0, |n| std::mem::take(n) as usize)
    }

    /// How many findings it still covers, all fingerprints together.
    fn left(&self) -> usize {
        self.0.values().map(|n| *n as usize).sum()
    }
}

/// Whether a baseline entry's file is among the paths checked now (as
/// reported): only those entries can have been fixed, since checking one
/// workspace of a larger baseline fixes nothing in the others.
fn in_scope(paths: &[String], entry_file: &str) -> bool {
    let entry_file = normalise(entry_file);
    paths.iter().map(|p| normalise(p)).any(|path| {
        path == "." || entry_file == path || entry_file.starts_with(&format!("{}/", path.trim_end_matches('/')))
    })
}

fn normalise(path: &str) -> String {
    ropa_check::fingerprint::normalise_path(path)
}

/// The entries of `baseline` that still occur: those outside the checked
/// `paths` as they are, the others with their count lowered to what occurs
/// now (in file order), and none added. Returns the entries kept and how
/// many recorded findings were dropped.
/// Scan entries are in scope when the repository was scanned (`scanned`).
fn prune(baseline: &Baseline, paths: &[String], now: &[Fingerprint], scanned: bool) -> (Vec<Entry>, usize) {
    let mut occurring: BTreeMap<Fingerprint, u32> = BTreeMap::new();
    for fingerprint in now {
        *occurring.entry(*fingerprint).or_insert(0) += 1;
    }
    let mut kept = Vec::new();
    let mut dropped = 0;
    for (fingerprint, entry) in &baseline.entries {
        let in_scope = if is_scan(entry) {
            scanned
        } else {
            in_scope(paths, &entry.file)
        };
        if !in_scope {
            kept.push(entry.clone());
            continue;
        }
        let left = occurring.get_mut(fingerprint);
        let take = left.as_ref().map_or(0, |n| (**n).min(entry.count));
        if let Some(n) = left {
            *n -= take;
        }
        dropped += (entry.count - take) as usize;
        if take > 0 {
            kept.push(Entry {
                count: take,
                ..entry.clone()
            });
        }
    }
    kept.sort();
    (kept, dropped)
}

/// `ropa baseline`: writes today's findings to the baseline file, or with
/// `--prune` drops from it the findings that no longer occur.
pub fn run(args: &BaselineArgs) -> u8 {
    let to_stdout = args.output == Path::new("-");
    // Read the baseline to prune first: a missing or broken one is a usage
    // error, before any work.
    let old = if args.prune {
        if to_stdout {
            return fail("--prune rewrites a baseline file: name it with --output FILE, not `-`");
        }
        if !args.output.exists() {
            return fail(&format!(
                "nothing to prune: {} does not exist; record a baseline with `ropa baseline --output {}`",
                display(&args.output),
                display(&args.output)
            ));
        }
        match read(&args.output) {
            Ok(baseline) => Some(baseline),
            Err(message) => return fail(&message),
        }
    } else {
        None
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let scanned = match &args.scan {
        Some(repo) => {
            let [record] = paths.as_slice() else {
                return fail("--scan compares the repository with one record: give one workspace folder");
            };
            match scan_repo(repo, record) {
                Ok(run) => Some(run),
                Err(message) => return fail(&message),
            }
        }
        None => None,
    };
    let mut checked = check_paths(&paths);
    let roots = from_repository_root(&mut checked);
    let Checked {
        loaded,
        findings,
        ids,
        problems,
        ..
    } = checked;
    if loaded.is_empty() && problems.is_empty() {
        return no_spec_files(&paths);
    }
    if !problems.is_empty() {
        // A baseline without the findings of an unreadable file would let
        // them all through as new later, or hide that the file is broken.
        for problem in &problems {
            fail(&format!("{}: {}", display(&problem.path), problem.message));
        }
        return fail("no baseline written: fix the files above first");
    }
    if let Some(old) = old {
        let shown: Vec<String> = paths.iter().map(|p| roots.shown(p)).collect();
        let now: Vec<Fingerprint> = ids
            .iter()
            .flatten()
            .map(|id| id.fingerprint)
            .chain(
                scanned
                    .iter()
                    .flat_map(|run| run.findings.iter().map(|p| p.fingerprint)),
            )
            .collect();
        let (kept, dropped) = prune(&old, &shown, &now, scanned.is_some());
        let total: u32 = kept.iter().map(|e| e.count).sum();
        let written = write_output(&args.output, rules(args.force), baseline_text(kept).as_bytes());
        if written == exit::CLEAN {
            eprintln!(
                "Dropped {} that no longer {} from {}; {} kept, none added.",
                plural(dropped, "finding", "findings"),
                if dropped == 1 { "occurs" } else { "occur" },
                display(&args.output),
                plural(total as usize, "finding", "findings"),
            );
        }
        return written;
    }
    let mut entries: BTreeMap<Fingerprint, Entry> = BTreeMap::new();
    let mut counts = [0usize; 3];
    for ((loaded, findings), ids) in loaded.iter().zip(&findings).zip(&ids) {
        for (finding, id) in findings.iter().zip(ids) {
            counts[match finding.severity {
                ropa_syntax::values::Severity::Error => 0,
                ropa_syntax::values::Severity::Warning => 1,
                ropa_syntax::values::Severity::Info => 2,
            }] += 1;
            entries
                .entry(id.fingerprint)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    file: loaded
                        .workspace
                        .file(finding.file)
                        .map_or(String::new(), |f| f.path.clone()),
                    rule: finding.rule.id().to_owned(),
                    entity: finding.entity.as_deref().map(str::to_owned),
                    message: finding.message.to_string(),
                    fingerprint: id.fingerprint.to_string(),
                    count: 1,
                });
        }
    }
    // Scan findings are counted apart: the severities above are the record's.
    let mut scan_note = String::new();
    match &scanned {
        Some(run) => {
            for placed in &run.findings {
                entries
                    .entry(placed.fingerprint)
                    .and_modify(|e| e.count += 1)
                    .or_insert_with(|| Entry {
                        file: placed.path.clone(),
                        rule: format!("{SCAN_RULE}{}", placed.finding.rule.id()),
                        entity: Some(placed.finding.subject.clone()),
                        message: placed.finding.message.clone(),
                        fingerprint: placed.fingerprint.to_string(),
                        count: 1,
                    });
            }
            scan_note = format!(
                ", and {} of `ropa scan`",
                plural(run.findings.len(), "finding", "findings")
            );
        }
        // Without --scan, the scan's entries of the file being replaced stay.
        None if !to_stdout && args.output.exists() => {
            if let Ok(old) = read(&args.output) {
                let mut kept = 0;
                for (fingerprint, entry) in old.entries.into_iter().filter(|(_, e)| is_scan(e)) {
                    kept += entry.count as usize;
                    entries.entry(fingerprint).or_insert(entry);
                }
                if kept > 0 {
                    scan_note = format!(
                        ", and kept {} of `ropa scan` (record them again with --scan REPO)",
                        plural(kept, "finding", "findings")
                    );
                }
            }
        }
        None => {}
    }
    let findings: Vec<Entry> = entries.into_values().collect();
    let text = baseline_text(findings);
    let written = if to_stdout {
        print(text.as_bytes())
    } else {
        write_output(&args.output, rules(args.force), text.as_bytes())
    };
    if written == exit::CLEAN {
        let files: usize = loaded.iter().map(|l| l.workspace.files.len()).sum();
        eprintln!(
            "Recorded {} ({}, {}, {}) in {} from {}{scan_note}.",
            plural(counts.iter().sum(), "finding", "findings"),
            plural(counts[0], "error", "errors"),
            plural(counts[1], "warning", "warnings"),
            plural(counts[2], "info", "infos"),
            if to_stdout {
                "the output".to_owned()
            } else {
                display(&args.output)
            },
            plural(files, "file", "files"),
        );
    }
    written
}

/// How a baseline file is written: over an earlier baseline, or with
/// `--force` over anything.
fn rules(force: bool) -> Rules<'static> {
    Rules::generated(force, "a ropa baseline", &is_baseline)
}

/// Whether a file starts as a baseline does (`{"version": N, "findings": [`),
/// from its first bytes.
fn is_baseline(head: &[u8]) -> bool {
    let compact: Vec<u8> = head.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    compact.starts_with(b"{\"version\":") && compact.windows(11).any(|w| w == b"\"findings\":")
}

/// The baseline file's text: current version, entries sorted by file, rule,
/// entity and message, so re-recording diffs cleanly.
fn baseline_text(mut findings: Vec<Entry>) -> String {
    findings.sort();
    let document = BaselineFile {
        version: VERSION,
        findings,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}
