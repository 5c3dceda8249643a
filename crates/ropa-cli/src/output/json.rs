//! Findings as JSON. The schema is documented in docs/cli.md ("JSON output") and is
//! versioned: fields are only ever added within a version.
//!
//! Version 2 says what it knows about a rule once, under `rules`, like
//! SARIF's rule descriptors: a finding names its rule and the index of its
//! help text there, so that a help text many findings share is written once.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use ropa_check::docs::RuleBrief;
use ropa_check::fingerprint::FindingId;
use ropa_check::json::{Counts, FindingJson, FindingsJson};
use ropa_check::{Diagnostic, Rule};
use serde::Serialize;

use super::in_order::write_in_order;
use super::pretty::{name, number, string};
use super::{Report, Splice, write_json};
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

/// A finding as the schema defines it; [`write_finding`] writes it.
#[cfg(test)]
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
    index: FxHashMap<(Rule, &'a str), usize>,
}

impl<'a> Rules<'a> {
    fn of(report: &'a Report) -> Self {
        let mut rules = Rules {
            briefs: BTreeMap::new(),
            index: FxHashMap::default(),
        };
        // Each chunk's distinct rules and help texts are found on every core,
        // then taken in order: a help text's index is where it first
        // appears, as in one pass over the findings.
        let distinct = report.results.iter().flat_map(|(_, findings)| in_parallel(findings));
        for (rule, help) in distinct {
            let brief = rules
                .briefs
                .entry(rule.id())
                .or_insert_with(|| RuleBrief::new(rule, report.docs_url));
            if let Some(help) = help {
                rules.index.entry((rule, help)).or_insert_with(|| {
                    brief.help.push(help);
                    brief.help.len() - 1
                });
            }
        }
        rules
    }
}

/// [`distinct_helps`] a chunk at a time on every core: a help text may
/// come back more than once, but first where it first appears. A few large
/// chunks per core: each chunk's texts are merged on one thread, and with
/// chunks of a thousand findings a large record's merge (a text per party
/// and country) took longer than finding them.
fn in_parallel(findings: &[Diagnostic]) -> Vec<(Rule, Option<&str>)> {
    let size = findings.len().div_ceil(4 * rayon::current_num_threads()).max(CHUNK);
    let chunks: Vec<_> = findings.par_chunks(size).map(distinct_helps).collect();
    chunks.into_iter().flatten().collect()
}

/// The distinct rules and help texts of `findings`, in the order they
/// first appear.
fn distinct_helps(findings: &[Diagnostic]) -> Vec<(Rule, Option<&str>)> {
    let mut seen = rustc_hash::FxHashSet::default();
    findings
        .iter()
        .map(|f| (f.rule, f.help.as_deref()))
        .filter(|key| seen.insert(*key))
        .collect()
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Side by side: neither keeps both cores busy alone (the help texts are
    // merged on one thread, and a large file's lines are counted on one).
    let (Rules { briefs, index }, places) = rayon::join(
        || Rules::of(report),
        || {
            report
                .results
                .par_iter()
                .map(|(workspace, _)| FindingsJson::new(workspace))
                .collect::<Vec<_>>()
        },
    );
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
    let mut list = Splice::open(out, &frame, EMPTY_LIST, b"\n  ")?;
    for (n, ((_, findings), json)) in report.results.iter().zip(&places).enumerate() {
        let ids = report.ids.get(n);
        write_in_order(
            out,
            findings,
            640,
            |text, at, f| {
                text.extend_from_slice(b",\n    ");
                write_finding(
                    text,
                    &json.finding(f),
                    f.help.as_deref().and_then(|help| index.get(&(f.rule, help)).copied()),
                    ids.and_then(|ids| ids.get(at)),
                );
                Ok(())
            },
            |out, piece| list.piece(out, piece),
        )?;
    }
    list.close(out)
}

/// The findings list as pretty JSON prints it when empty.
const EMPTY_LIST: &[u8] = b"\n  \"diagnostics\": []";

/// The fewest findings whose help texts one task collects.
const CHUNK: usize = 1024;

/// One finding as pretty JSON at its depth in the document (inside the
/// list, inside the document: an object at four spaces, its fields at six),
/// byte for byte what serde_json writes for [`Finding`] (a test holds the
/// two together). Written by hand because this is most of the output of a
/// large record: serde spent as long escaping the field names, one
/// finding after another, as writing the values.
fn write_finding(out: &mut Vec<u8>, place: &FindingJson, help: Option<usize>, fingerprint: Option<&FindingId>) {
    out.extend_from_slice(b"{\n      \"rule\": ");
    name(out, place.rule);
    out.extend_from_slice(b",\n      \"severity\": ");
    name(out, place.severity);
    out.extend_from_slice(b",\n      \"message\": ");
    string(out, place.message);
    out.extend_from_slice(b",\n      \"file\": ");
    string(out, place.file);
    out.extend_from_slice(b",\n      \"line\": ");
    number(out, place.line);
    out.extend_from_slice(b",\n      \"column\": ");
    number(out, place.column);
    out.extend_from_slice(b",\n      \"end_line\": ");
    number(out, place.end_line);
    out.extend_from_slice(b",\n      \"end_column\": ");
    number(out, place.end_column);
    out.extend_from_slice(b",\n      \"byte_start\": ");
    number(out, place.byte_start);
    out.extend_from_slice(b",\n      \"byte_end\": ");
    number(out, place.byte_end);
    out.extend_from_slice(b",\n      \"entity\": ");
    match place.entity {
        Some(entity) => string(out, entity),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\n      \"related\": ");
    if place.related.is_empty() {
        out.extend_from_slice(b"[]");
    } else {
        out.push(b'[');
        for (i, related) in place.related.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n        {" } else { b",\n        {" });
            out.extend_from_slice(b"\n          \"message\": ");
            string(out, related.message);
            out.extend_from_slice(b",\n          \"file\": ");
            string(out, related.file);
            out.extend_from_slice(b",\n          \"line\": ");
            number(out, related.line);
            out.extend_from_slice(b",\n          \"column\": ");
            number(out, related.column);
            out.extend_from_slice(b",\n          \"byte_start\": ");
            number(out, related.byte_start);
            out.extend_from_slice(b",\n          \"byte_end\": ");
            number(out, related.byte_end);
            out.extend_from_slice(b"\n        }");
        }
        out.extend_from_slice(b"\n      ]");
    }
    out.extend_from_slice(b",\n      \"help\": ");
    match help {
        Some(help) => number(out, help),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\n      \"fingerprint\": ");
    match fingerprint {
        // `FINGERPRINT:OCCURRENCE`: hex digits, a colon and digits, nothing
        // to escape.
        Some(id) => {
            out.push(b'"');
            hex(out, id.fingerprint.0);
            out.push(b':');
            number(out, id.occurrence);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b"\n    }");
}

/// Sixteen lower-case hex digits, as a fingerprint is shown (`{:016x}`),
/// without the formatting machinery: once per finding.
fn hex(out: &mut Vec<u8>, n: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend((0..16).rev().map(|digit| DIGITS[((n >> (digit * 4)) & 0xf) as usize]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ropa_check::fingerprint::Fingerprint;
    use ropa_check::json::RelatedJson;

    /// The finding as serde_json writes it at its depth: the schema's
    /// reference.
    fn by_serde(finding: &Finding) -> Vec<u8> {
        const OPEN: &[u8] = b"[\n  [\n    ";
        const CLOSE: &[u8] = b"\n  ]\n]";
        let text = serde_json::to_vec_pretty(&[[finding]]).expect("serializes");
        text[OPEN.len()..text.len() - CLOSE.len()].to_vec()
    }

    #[test]
    fn help_texts_found_a_chunk_at_a_time_keep_the_order_they_first_appear_in() {
        let helps = ["first", "second", "third"];
        // Helps that first appear in a later chunk, and again in an earlier one.
        let findings: Vec<Diagnostic> = (0..CHUNK * 3)
            .map(|i| {
                let mut finding = Diagnostic::new(
                    Rule::MissingPurpose,
                    ropa_check::FileId(0),
                    ropa_syntax::Span::new(0, 0),
                    "m",
                );
                finding.help = match i {
                    _ if i == CHUNK * 2 + 5 => Some(helps[2].into()),
                    _ if i % 7 == 0 && i > CHUNK => Some(helps[1].into()),
                    _ if i % 3 == 0 => Some(helps[0].into()),
                    _ => None,
                };
                finding
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        let first_seen: Vec<_> = in_parallel(&findings)
            .into_iter()
            .filter(|key| seen.insert(*key))
            .collect();
        assert_eq!(first_seen, distinct_helps(&findings));
        let order: Vec<Option<&str>> = first_seen.iter().map(|(_, help)| *help).collect();
        assert_eq!(order, [Some("first"), None, Some("second"), Some("third")]);
    }

    #[test]
    fn the_hand_written_finding_is_what_serde_json_writes() {
        let texts = [
            "plain",
            "",
            "quote \" and backslash \\ and / slash",
            "line\nbreak\r\ttab \u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "ünïcödé ✓ \u{202e} \u{2028}",
            "`a1` processes health data (`sick-leave`)",
        ];
        let mut cases = 0;
        for (i, message) in texts.iter().enumerate() {
            for entity in [None, Some(texts[(i + 1) % texts.len()])] {
                for related in 0..3 {
                    for (help, fingerprint) in [
                        (None, None),
                        (
                            Some(i),
                            Some(FindingId {
                                fingerprint: Fingerprint([0x0123_4567_89ab_cdef, u64::MAX, 0][i % 3] ^ i as u64),
                                occurrence: 1 + i as u32,
                            }),
                        ),
                    ] {
                        let place = FindingJson {
                            rule: "undeclared-transfer",
                            severity: "error",
                            message,
                            file: texts[(i + 2) % texts.len()],
                            line: i * 1000 + 1,
                            column: 7,
                            end_line: usize::MAX,
                            end_column: 0,
                            byte_start: u32::MAX,
                            byte_end: 12,
                            entity,
                            related: (0..related)
                                .map(|r| RelatedJson {
                                    message: texts[(i + r) % texts.len()],
                                    file: texts[(i + r + 3) % texts.len()],
                                    line: r,
                                    column: 99,
                                    byte_start: 0,
                                    byte_end: 1 << 20,
                                })
                                .collect(),
                        };
                        let mut ours = Vec::new();
                        write_finding(&mut ours, &place, help, fingerprint.as_ref());
                        let finding = Finding {
                            place,
                            help,
                            fingerprint: fingerprint.map(|id| id.to_string()),
                        };
                        assert_eq!(
                            String::from_utf8_lossy(&ours),
                            String::from_utf8_lossy(&by_serde(&finding)),
                            "{message:?}"
                        );
                        cases += 1;
                    }
                }
            }
        }
        assert_eq!(cases, texts.len() * 2 * 3 * 2);
    }
}
