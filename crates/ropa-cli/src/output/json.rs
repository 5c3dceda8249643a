//! Findings as JSON. The schema is documented in docs/cli.md ("JSON output") and is
//! versioned: fields are only ever added within a version.
//!
//! Version 2 says what it knows about a rule once, under `rules`, like
//! SARIF's rule descriptors: a finding names its rule and the index of its
//! help text there, so that a help text many findings share is written once.

use std::collections::{BTreeMap, HashMap};

use ropa_check::Rule;
use ropa_check::docs::RuleBrief;
use ropa_check::json::{Counts, FindingJson, FindingsJson};
use serde::Serialize;

use super::{Report, Seq, write_json};
use crate::load::display;

/// The schema's version, bumped when a field is renamed, removed or changes meaning.
const VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a, D> {
    version: u32,
    /// Each rule with findings, by id.
    rules: BTreeMap<&'static str, RuleBrief<'a>>,
    diagnostics: D,
    /// Paths that could not be read.
    errors: Vec<PathError>,
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    #[serde(flatten)]
    place: FindingJson<'a>,
    /// The finding's help: an index into its rule's `help`, or `null`.
    help: Option<usize>,
    /// Stable identity across edits (`FINGERPRINT:OCCURRENCE`, as in SARIF
    /// and baselines).
    fingerprint: Option<String>,
}

#[derive(Serialize)]
struct PathError {
    file: String,
    message: String,
}

#[derive(Serialize)]
struct Summary {
    #[serde(flatten)]
    counts: Counts,
    /// Findings hidden by `--baseline`, and baseline entries no longer found.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

/// Each rule's brief, with every distinct help text its findings give, and
/// where each help text stands in its rule's list.
struct Rules<'a> {
    briefs: BTreeMap<&'static str, RuleBrief<'a>>,
    index: HashMap<(Rule, &'a str), usize>,
}

impl<'a> Rules<'a> {
    fn of(report: &'a Report) -> Self {
        let mut rules = Rules {
            briefs: BTreeMap::new(),
            index: HashMap::new(),
        };
        for finding in report.results.iter().flat_map(|(_, findings)| findings) {
            let brief = rules
                .briefs
                .entry(finding.rule.id())
                .or_insert_with(|| RuleBrief::new(finding.rule, report.docs_url));
            if let Some(help) = finding.help.as_deref() {
                rules.index.entry((finding.rule, help)).or_insert_with(|| {
                    brief.help.push(help);
                    brief.help.len() - 1
                });
            }
        }
        rules
    }
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let Rules { briefs, index } = Rules::of(report);
    let diagnostics = Seq(|| {
        report
            .results
            .iter()
            .enumerate()
            .flat_map(|(n, (workspace, findings))| {
                let json = FindingsJson::new(workspace);
                let ids = report.ids.get(n);
                let index = &index;
                findings.iter().enumerate().map(move |(i, f)| Finding {
                    place: json.finding(f),
                    help: f.help.as_deref().and_then(|help| index.get(&(f.rule, help)).copied()),
                    fingerprint: ids.and_then(|ids| ids.get(i)).map(ToString::to_string),
                })
            })
    });
    let counts = report.counts();
    let document = Document {
        version: VERSION,
        rules: briefs,
        diagnostics,
        errors: report
            .problems
            .iter()
            .map(|p| PathError {
                file: display(&p.path),
                message: p.message.clone(),
            })
            .collect(),
        summary: Summary {
            counts,
            baselined: report.baseline.as_ref().map(|b| b.hidden),
            fixed: report.baseline.as_ref().map(|b| b.fixed),
        },
    };
    write_json(out, &document)
}
