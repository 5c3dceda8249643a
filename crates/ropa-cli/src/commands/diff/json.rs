//! The diff as JSON.

use ropa_check::diff::{Destination, FindingSummary, Special, TransferSummary};
use ropa_syntax::values::{Country, Keyword, Severity};
use serde::Serialize;

use crate::discover::Problem;
use crate::load::display;

use super::*;

#[derive(Serialize)]
pub(super) struct JsonDiff<'a> {
    version: u32,
    base: &'a str,
    head: &'a str,
    summary: JsonSummary,
    workspaces: Vec<JsonWorkspace<'a>>,
    /// Files that could not be read, on either side.
    errors: Vec<JsonError>,
    /// Only with `--scan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    scan: Option<JsonScan<'a>>,
}

#[derive(Serialize)]
pub(super) struct JsonSummary {
    introduced: JsonCounts,
    fixed: JsonCounts,
    activities_added: usize,
    activities_removed: usize,
    activities_changed: usize,
    new_transfers: usize,
}

#[derive(Serialize, Default)]
pub(super) struct JsonCounts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
pub(super) struct JsonError {
    side: String,
    file: String,
    message: String,
}

#[derive(Serialize)]
pub(super) struct JsonWorkspace<'a> {
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
pub(super) struct JsonActivity<'a> {
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
pub(super) struct JsonActivityChange<'a> {
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
pub(super) struct JsonBeforeAfter<T> {
    before: T,
    after: T,
}

#[derive(Serialize)]
pub(super) struct JsonSpecial<'a> {
    kind: &'a str,
    data: &'a str,
}

#[derive(Serialize)]
pub(super) struct JsonTransfer<'a> {
    country: Option<&'static str>,
    to: Option<&'a str>,
    mechanism: Option<&'a str>,
    module: Option<u8>,
    tia: Option<&'a str>,
    ground: Option<&'a str>,
    occasional: bool,
}

#[derive(Serialize)]
pub(super) struct JsonDestination<'a> {
    country: &'static str,
    party: &'a str,
    declared: bool,
}

#[derive(Serialize)]
pub(super) struct JsonParty<'a> {
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
pub(super) struct JsonPartyChange<'a> {
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

/// With `--scan`: the scan findings the change introduces and fixes.
#[derive(Serialize)]
pub(super) struct JsonScan<'a> {
    introduced: Vec<JsonScanFinding<'a>>,
    fixed: Vec<JsonScanFinding<'a>>,
}

#[derive(Serialize)]
pub(super) struct JsonScanFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    subject: &'a str,
    file: &'a str,
    line: u32,
    fingerprint: String,
}

fn scan_finding(p: &Placed) -> JsonScanFinding<'_> {
    JsonScanFinding {
        rule: p.finding.rule.id(),
        severity: p.finding.rule.severity().as_str(),
        message: &p.finding.message,
        help: &p.finding.help,
        subject: &p.finding.subject,
        file: &p.path,
        line: p.line,
        fingerprint: p.fingerprint.to_string(),
    }
}

#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    entity: Option<&'a str>,
    fingerprint: String,
}

pub(super) fn json(
    base: &str,
    head: &str,
    comparisons: &[Comparison],
    scan: Option<&ScanChanges>,
    problems: &[(&str, &Problem)],
) -> String {
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
        scan: scan.map(|s| JsonScan {
            introduced: s.introduced.iter().map(scan_finding).collect(),
            fixed: s.fixed.iter().map(scan_finding).collect(),
        }),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

pub(super) fn json_workspace(comparison: &Comparison) -> JsonWorkspace<'_> {
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

pub(super) fn specials(items: &[Special]) -> Vec<JsonSpecial<'_>> {
    items
        .iter()
        .map(|s| JsonSpecial {
            kind: &s.kind,
            data: &s.data,
        })
        .collect()
}

pub(super) fn activity(a: &ropa_check::diff::ActivitySummary) -> JsonActivity<'_> {
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

pub(super) fn party(p: &ropa_check::diff::PartySummary) -> JsonParty<'_> {
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

pub(super) fn finding(f: &FindingSummary) -> JsonFinding<'_> {
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

pub(super) fn json_transfer(t: &TransferSummary) -> JsonTransfer<'_> {
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

pub(super) fn json_destination(d: &Destination) -> JsonDestination<'_> {
    JsonDestination {
        country: d.country.code(),
        party: &d.party,
        declared: d.declared,
    }
}
