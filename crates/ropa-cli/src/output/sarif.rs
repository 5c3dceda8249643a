//! Findings as SARIF 2.1.0, as GitHub code scanning reads it: the rule
//! catalogue with help, one result per finding with its location, and
//! fingerprints that keep an alert's identity across commits.
//!
//! Columns count UTF-16 code units (`columnKind`), as GitHub and most SARIF
//! viewers do; the JSON format counts characters instead.

use std::borrow::Cow;
use std::fmt::Write as _;

use ropa_check::docs::{self, capitalize};
use ropa_check::fingerprint::FindingId;
use ropa_check::{Category, Diagnostic, Rule};
use ropa_syntax::values::Severity;
use serde::Serialize;

use super::in_order::write_in_order;
use super::pretty::{List, Object};
use super::replaced::replaced;
use super::{Positions, Report, Splice, write_json};
use crate::load::display;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<R> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<R>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<R> {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: R,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    /// Only a configured address (`--docs-url`): ropa links nowhere by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    /// How often the rule is right when it reports (code scanning sorts by it).
    precision: &'static str,
    /// The rule's default severity in code scanning's terms.
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: PartialFingerprints,
}

#[derive(Serialize)]
struct PartialFingerprints {
    #[serde(rename = "ropaFingerprint/v2")]
    ropa: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct LogicalLocation {
    name: String,
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Everything but the results, with an empty list where they go.
    let mut frame = Vec::new();
    write_json(&mut frame, &log(report, [(); 0]))?;
    let mut list = Splice::open(out, &frame, EMPTY_RESULTS, b"\n      ")?;
    for ((workspace, findings), ids) in report.results.iter().zip(&report.ids) {
        let positions = Positions::new(workspace);
        let count = findings.len().min(ids.len());
        let render = |text: &mut Vec<u8>, at: usize, finding: &Diagnostic| {
            text.extend_from_slice(b",\n        ");
            write_result(text, &result(&positions, finding, ids[at]));
            Ok(())
        };
        write_in_order(out, &findings[..count], 1200, render, |out, piece| {
            list.piece(out, piece)
        })?;
    }
    list.close(out)
}

/// The results list as pretty JSON prints it when empty, in the log's run.
const EMPTY_RESULTS: &[u8] = b"\n      \"results\": []";

/// One result as pretty JSON at its depth in the log (an object at eight
/// spaces, its fields at ten), written by hand: what [`element`] writes
/// through serde (a test holds the two together), and most of a large
/// log.
fn write_result(out: &mut Vec<u8>, result: &SarifResult) {
    let mut o = Object::open(out, 8);
    o.string("ruleId", result.rule_id);
    o.number("ruleIndex", result.rule_index);
    o.string("level", result.level);
    write_text(&mut o, "message", &result.message);
    write_locations(&mut o, "locations", &result.locations);
    if !result.related_locations.is_empty() {
        write_locations(&mut o, "relatedLocations", &result.related_locations);
    }
    let depth = o.depth();
    let mut fingerprints = Object::open(o.key("partialFingerprints"), depth);
    fingerprints.string("ropaFingerprint/v2", &result.partial_fingerprints.ropa);
    fingerprints.close();
    o.close();
}

fn write_text(o: &mut Object, name: &str, text: &Text) {
    let depth = o.depth();
    let mut t = Object::open(o.key(name), depth);
    t.string("text", &text.text);
    t.close();
}

fn write_locations(o: &mut Object, name: &str, locations: &[Location]) {
    let depth = o.depth();
    let mut list = List::open(o.key(name), depth);
    let depth = list.depth();
    for location in locations {
        let mut l = Object::open(list.item(), depth);
        if let Some(id) = location.id {
            l.number("id", id);
        }
        let physical = &location.physical_location;
        let at = l.depth();
        let mut p = Object::open(l.key("physicalLocation"), at);
        let at = p.depth();
        let mut a = Object::open(p.key("artifactLocation"), at);
        a.string("uri", &physical.artifact_location.uri);
        if let Some(base) = physical.artifact_location.uri_base_id {
            a.string("uriBaseId", base);
        }
        a.close();
        if let Some(region) = &physical.region {
            let mut r = Object::open(p.key("region"), at);
            r.number("startLine", region.start_line);
            r.number("startColumn", region.start_column);
            r.number("endLine", region.end_line);
            r.number("endColumn", region.end_column);
            r.close();
        }
        p.close();
        if !location.logical_locations.is_empty() {
            let at = l.depth();
            let mut names = List::open(l.key("logicalLocations"), at);
            let at = names.depth();
            for logical in &location.logical_locations {
                let mut n = Object::open(names.item(), at);
                n.string("name", &logical.name);
                n.close();
            }
            names.close();
        }
        if let Some(message) = &location.message {
            write_text(&mut l, "message", message);
        }
        l.close();
    }
    list.close();
}

/// One result as serde_json writes it at its depth in the log: serialized
/// four lists down, so that serde_json indents it as deep as it sits, then
/// cut out of the lists.
#[cfg(test)]
fn element(result: &SarifResult) -> std::io::Result<Vec<u8>> {
    const OPEN: &[u8] = b"[\n  [\n    [\n      [\n        ";
    const CLOSE: &[u8] = b"\n      ]\n    ]\n  ]\n]";
    let mut text = serde_json::to_vec_pretty(&[[[[result]]]])?;
    if !(text.starts_with(OPEN) && text.ends_with(CLOSE)) {
        return Err(std::io::Error::other("a SARIF result did not serialize as pretty JSON"));
    }
    text.truncate(text.len() - CLOSE.len());
    text.drain(..OPEN.len());
    Ok(text)
}

/// The log, with `results` as its run's results.
fn log<R: Serialize>(report: &Report, results: R) -> Log<R> {
    let notifications = report
        .problems
        .iter()
        .map(|problem| Notification {
            level: "error",
            message: Text {
                text: problem.message.clone(),
            },
            locations: vec![Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&display(&problem.path)),
                    region: None,
                },
                logical_locations: Vec::new(),
                message: None,
            }],
        })
        .collect();
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "ropa",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: report.docs_url.map(str::to_owned),
                    rules: Rule::ALL
                        .iter()
                        .map(|rule| descriptor(*rule, report.docs_url))
                        .collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: report.problems.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "utf16CodeUnits",
            results,
        }],
    }
}

/// SARIF's `level` for a severity.
pub(crate) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's descriptor: its full help in text and Markdown (what GitHub
/// shows when there is no link), and a link when `docs_url` is configured.
fn descriptor(rule: Rule, docs_url: Option<&str>) -> RuleDescriptor {
    let info = rule.info();
    let mut tags = vec!["gdpr".to_owned(), info.category.title().to_lowercase()];
    tags.extend(info.articles.iter().map(ToString::to_string));
    RuleDescriptor {
        id: info.id,
        short_description: Text {
            text: capitalize(info.summary),
        },
        full_description: Text {
            text: info.explanation.to_owned(),
        },
        help: Help {
            text: docs::help_text(rule),
            markdown: docs::help_markdown(rule),
        },
        help_uri: docs_url.map(|url| docs::rule_url(url, rule)),
        default_configuration: Configuration {
            level: level(info.default_severity),
        },
        properties: RuleProperties {
            tags,
            precision: precision(info.category),
            problem_severity: match info.default_severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
        },
    }
}

/// Structure rules read the text itself and are always right; the GDPR
/// rules decide from the facts the record states, which it may state
/// incompletely (and then a rule says what to add), so their findings are
/// very likely but not certain.
fn precision(category: Category) -> &'static str {
    if category == Category::Structure {
        "very-high"
    } else {
        "high"
    }
}

fn result(positions: &Positions, finding: &Diagnostic, id: FindingId) -> SarifResult {
    // Brackets are escaped: in SARIF message text `[text](id)` is a link,
    // and GitHub shows related locations only when the message links them.
    // Built in one text: a large record has hundreds of thousands of results.
    let mut message = String::with_capacity(
        finding.message.len()
            + finding.related.iter().map(|r| r.message.len() + 12).sum::<usize>()
            + finding.help.as_ref().map_or(0, |help| help.len() + 7),
    );
    message.push_str(&escape(&finding.message));
    for (i, related) in finding.related.iter().enumerate() {
        message.push_str(if i == 0 { "\nsee: " } else { "; " });
        message.push('[');
        message.push_str(&escape(&related.message));
        let _ = write!(message, "]({})", i + 1);
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(&escape(help));
    }
    let related = finding
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut location = location(positions, r.file, r.span);
            location.id = Some(i + 1);
            location.message = Some(Text {
                text: r.message.to_string(),
            });
            location
        })
        .collect();
    let mut primary = location(positions, finding.file, finding.span);
    if let Some(entity) = &finding.entity {
        primary.logical_locations.push(LogicalLocation {
            name: entity.to_string(),
        });
    }
    SarifResult {
        rule_id: finding.rule.id(),
        rule_index: Rule::ALL.iter().position(|r| *r == finding.rule).unwrap_or(0),
        level: level(finding.severity),
        message: Text { text: message },
        locations: vec![primary],
        related_locations: related,
        partial_fingerprints: PartialFingerprints { ropa: id.to_string() },
    }
}

/// `[` and `]` escaped (SARIF 2.1.0 §3.11.5), so text from the specs never
/// reads as a link; borrowed when there is none, as in nearly every text.
fn escape(text: &str) -> Cow<'_, str> {
    replaced(text, |c| match c {
        '[' => Some("\\["),
        ']' => Some("\\]"),
        _ => None,
    })
}

/// The finding's place. A node over several lines is marked on its first
/// line only: GitHub shows no alert whose region runs past the diff.
fn location(positions: &Positions, file: ropa_check::FileId, span: ropa_syntax::Span) -> Location {
    let start = positions.position(file, span.start);
    let mut end = positions.position(file, span.end);
    if end.line > start.line {
        end = positions.line_end(file, span.start);
    }
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact(positions.path(file)),
            region: Some(Region {
                start_line: start.line,
                start_column: start.utf16_column,
                end_line: end.line,
                end_column: end.utf16_column,
            }),
        },
        logical_locations: Vec::new(),
        message: None,
    }
}

/// A relative path is relative to the repository root (paths.rs), which is
/// what `%SRCROOT%` means to code scanning; an absolute one (a file under no
/// root) becomes a `file:` URI.
fn artifact(path: &str) -> ArtifactLocation {
    // Most paths are relative and need nothing encoded or rewritten (no
    // `\`, no `./`, no colon): one copy instead of two and a scan.
    if path.bytes().all(is_uri_path_byte) && !path.starts_with(['/', '.']) {
        return ArtifactLocation {
            uri: path.to_owned(),
            uri_base_id: Some("%SRCROOT%"),
        };
    }
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let is_windows_absolute = path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().get(2) == Some(&b'/');
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", encode_uri_path(path)),
            uri_base_id: None,
        }
    } else if is_windows_absolute {
        ArtifactLocation {
            uri: format!("file:///{}:{}", &path[..1], encode_uri_path(&path[2..])),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_uri_path(path),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// Percent-encodes what a URI path may not contain (spaces, non-ASCII,
/// `%`, `#`, `?`, …), keeping `/` and the unreserved characters. Colons are
/// encoded too: in a relative path's first segment one would read as a
/// scheme.
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if is_uri_path_byte(byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `/` and the unreserved characters: kept as they are in a URI path.
fn is_uri_path_byte(byte: u8) -> bool {
    matches!(byte, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            encode_uri_path("specs/a b/åsa.ropa.kdl"),
            "specs/a%20b/%C3%A5sa.ropa.kdl"
        );
        assert_eq!(encode_uri_path("x#1?%.ropa.kdl"), "x%231%3F%25.ropa.kdl");
        let relative = artifact("./specs/a.ropa.kdl");
        assert_eq!(
            (relative.uri.as_str(), relative.uri_base_id),
            ("specs/a.ropa.kdl", Some("%SRCROOT%"))
        );
        assert_eq!(artifact("/tmp/a.ropa.kdl").uri, "file:///tmp/a.ropa.kdl");
        assert_eq!(artifact("C:\\work\\a.ropa.kdl").uri, "file:///C:/work/a.ropa.kdl");
        // A colon in a relative path's first segment must not read as a scheme.
        assert_eq!(artifact("a:b.ropa.kdl").uri, "a%3Ab.ropa.kdl");
        // Paths copied as they are, and those that only look so.
        for (path, uri) in [
            ("specs/hr-2/a_b~.ropa.kdl", "specs/hr-2/a_b~.ropa.kdl"),
            (".ropa/a.ropa.kdl", ".ropa/a.ropa.kdl"),
            ("hr\\a.ropa.kdl", "hr/a.ropa.kdl"),
        ] {
            let relative = artifact(path);
            assert_eq!(
                (relative.uri.as_str(), relative.uri_base_id),
                (uri, Some("%SRCROOT%")),
                "{path}"
            );
        }
    }

    /// The log as one serializer writes it, results and all: what
    /// [`render`] must write, however it divides the work.
    fn serially(report: &Report) -> Vec<u8> {
        let results = super::super::Seq(|| super::super::map_findings(report, result));
        let mut out = Vec::new();
        write_json(&mut out, &log(report, results)).expect("into memory");
        out
    }

    #[test]
    fn the_hand_written_result_is_what_serde_json_writes() {
        super::super::fixture::each_report(|report| {
            for ((workspace, findings), ids) in report.results.iter().zip(&report.ids) {
                let positions = Positions::new(workspace);
                for (finding, id) in findings.iter().zip(ids) {
                    let result = result(&positions, finding, *id);
                    let mut ours = Vec::new();
                    write_result(&mut ours, &result);
                    let serde = element(&result).expect("serializes");
                    assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&serde));
                }
            }
        });
    }

    #[test]
    fn results_rendered_on_every_core_are_the_serial_log() {
        crate::output::fixture::assert_renders_as(render, serially);
    }

    #[test]
    fn brackets_in_messages_are_escaped_so_only_related_locations_are_links() {
        assert_eq!(escape("see [a](1) and [b]"), "see \\[a\\](1) and \\[b\\]");
    }
}
