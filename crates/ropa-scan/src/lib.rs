//! `ropa scan`: evidence in a repository of who receives personal data and
//! where it is stored, matched against the record of processing.
//!
//! Pure: takes (path, text) pairs and the parsed record, returns evidence
//! and findings; the CLI walks the repository and prints. Readers (one per
//! format) find evidence; the registry (vendors, with sourced facts) and
//! the region table say what the evidence means; `matching` compares it
//! with the declared processors, recipients, systems, trackers, transfers
//! and locations.

#![forbid(unsafe_code)]

mod allows;
mod evidence;
mod glob;
mod matching;
pub mod readers;
mod regions;

/// The vendor registry, its own crate so that the editor can show vendor
/// facts without the readers and their parsers.
pub use ropa_vendors as registry;

pub use evidence::{Evidence, Source, Target};
pub use glob::is_skipped;
pub use matching::{Finding, Rule};

use ropa_syntax::config::ScanConfig;
use ropa_syntax::model::SpecFile;

/// What a scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every piece of evidence, by path then line.
    pub evidence: Vec<Evidence>,
    pub findings: Vec<Finding>,
    /// Findings hidden by a `scan { allow … }` with a reason.
    pub allowed: usize,
}

/// Reads `files` (relative path, text) and compares what they show with the
/// record in `specs`, using the workspace's `scan` settings.
pub fn scan(files: &[(String, String)], specs: &[&SpecFile], config: &ScanConfig) -> Scan {
    let mut evidence: Vec<Evidence> = files
        .iter()
        .filter(|(path, _)| !config.skips.iter().any(|s| is_skipped(path, &s.value)))
        .flat_map(|(path, text)| readers::read(path, text))
        .filter_map(|mut e| {
            if e.target == Target::Unknown {
                let mapped = config
                    .maps
                    .iter()
                    .position(|m| m.package.as_ref().is_some_and(|p| p.value == e.seen.as_str()))?;
                e.target = Target::Mapped(mapped);
            }
            Some(e)
        })
        .collect();
    evidence.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    evidence.dedup();
    let mut findings = matching::findings(&evidence, specs, config);
    let allowed = allows::apply(&mut findings, &config.allows);
    Scan {
        evidence,
        findings,
        allowed,
    }
}
