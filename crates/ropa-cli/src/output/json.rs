//! Findings as JSON. The schema is documented in docs/cli.md ("JSON output") and is
//! versioned: fields are only ever added within a version.
//!
//! Version 2 says what it knows about a rule once, under `rules`, like
//! SARIF's rule descriptors: a finding names its rule and the index of its
//! help text there, so that a help text many findings share is written once.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use ropa_check::docs::RuleBrief;
use ropa_check::json::{Counts, FindingJson, FindingsJson};
use ropa_check::{Diagnostic, Rule};
use serde::Serialize;

use super::{Report, write_json};
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
    let counts = report.counts();
    // Everything but the findings, with an empty list where they go.
    let document = Document {
        version: VERSION,
        rules: briefs,
        diagnostics: [(); 0],
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
    let mut frame = Vec::new();
    write_json(&mut frame, &document)?;
    // No string in pretty JSON holds a raw line break, so this is the field
    // itself and not text inside a value.
    let Some(at) = find(&frame, EMPTY_LIST) else {
        return Err(std::io::Error::other("the JSON document has no findings list"));
    };
    let (head, tail) = frame.split_at(at + EMPTY_LIST.len() - 1);
    out.write_all(head)?;
    let mut first = true;
    for (n, (workspace, findings)) in report.results.iter().enumerate() {
        let json = FindingsJson::new(workspace);
        let ids = report.ids.get(n);
        let render = |(i, f): (usize, &Diagnostic)| {
            let finding = Finding {
                place: json.finding(f),
                help: f.help.as_deref().and_then(|help| index.get(&(f.rule, help)).copied()),
                fingerprint: ids.and_then(|ids| ids.get(i)).map(ToString::to_string),
            };
            element(&finding)
        };
        // Rendered on every core a chunk at a time, written in order: the
        // output is the same as one serializer's, and only two chunks are
        // held. The next chunk renders on the pool while this thread writes
        // the current one.
        let render_chunk = |c: usize, chunk: &[Diagnostic]| -> Vec<std::io::Result<Vec<u8>>> {
            chunk
                .par_iter()
                .enumerate()
                .map(|(i, f)| render((c * CHUNK + i, f)))
                .collect()
        };
        let chunks: Vec<&[Diagnostic]> = findings.chunks(CHUNK).collect();
        let mut current = chunks.first().map(|chunk| render_chunk(0, chunk));
        for c in 0..chunks.len() {
            let Some(rendered) = current.take() else { break };
            let mut next = None;
            let written = rayon::in_place_scope(|scope| {
                if let Some(chunk) = chunks.get(c + 1) {
                    scope.spawn(|_| next = Some(render_chunk(c + 1, chunk)));
                }
                write_elements(&mut *out, rendered, &mut first)
            });
            written?;
            current = next;
        }
    }
    if !first {
        out.write_all(b"\n  ")?;
    }
    out.write_all(tail)
}

/// Writes rendered findings as elements of the findings list.
fn write_elements(
    out: &mut dyn std::io::Write,
    rendered: Vec<std::io::Result<Vec<u8>>>,
    first: &mut bool,
) -> std::io::Result<()> {
    for element in rendered {
        out.write_all(if *first { b"\n    " } else { b",\n    " })?;
        out.write_all(&element?)?;
        *first = false;
    }
    Ok(())
}

/// The findings list as pretty JSON prints it when empty.
const EMPTY_LIST: &[u8] = b"\n  \"diagnostics\": []";
/// Findings rendered at once: enough to keep both cores busy, few enough
/// to hold.
const CHUNK: usize = 4096;

/// One finding as pretty JSON at its depth in the document (inside the
/// list, inside the document: four spaces).
fn element(finding: &Finding) -> std::io::Result<Vec<u8>> {
    // Serialized two lists down, so that serde_json indents it as deep as
    // it sits, then cut out of the two lists: no second pass over the text.
    const OPEN: &[u8] = b"[\n  [\n    ";
    const CLOSE: &[u8] = b"\n  ]\n]";
    let mut text = serde_json::to_vec_pretty(&[[finding]])?;
    if !(text.starts_with(OPEN) && text.ends_with(CLOSE)) {
        return Err(std::io::Error::other("a finding did not serialize as pretty JSON"));
    }
    text.truncate(text.len() - CLOSE.len());
    text.drain(..OPEN.len());
    Ok(text)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
