//! What a change to a record means in compliance terms: activities added and
//! removed, new legal bases, retention periods, special categories,
//! processors and transfers, and the findings a change introduces or fixes.
//!
//! Reviewers read this instead of the KDL diff, so everything is matched by
//! id, never by position: moving an activity to another file, reordering
//! nodes or adding comments is no change at all. Pure: two parsed workspaces
//! and their findings in, a value out.

use std::collections::{BTreeSet, HashMap, HashSet};

use ropa_syntax::model::{Activity, Dpa, Party, Period, Reference, Retention, Transfer};
use ropa_syntax::position::line_col;
use ropa_syntax::values::{Country, Severity};

use crate::diagnostic::{Diagnostic, rank};
use crate::fingerprint::FindingId;
use crate::index::Index;
use crate::workspace::Workspace;

/// One side of a comparison: a workspace and its findings, each with its
/// identity (see [`crate::fingerprint`]).
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub workspace: &'a Workspace,
    pub findings: &'a [Diagnostic],
    /// Parallel to `findings`.
    pub ids: &'a [FindingId],
}

/// Everything that changed between two versions of one workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub activities_added: Vec<ActivitySummary>,
    pub activities_removed: Vec<ActivitySummary>,
    pub activities_changed: Vec<ActivityChange>,
    /// Processors, sub-processors and recipients.
    pub parties_added: Vec<PartySummary>,
    pub parties_removed: Vec<PartySummary>,
    pub parties_changed: Vec<PartyChange>,
    /// Findings in the new version that the old one did not have, most
    /// severe first.
    pub introduced: Vec<FindingSummary>,
    /// Findings of the old version that are gone, most severe first.
    pub fixed: Vec<FindingSummary>,
}

impl Changes {
    /// Whether the record changed in a way the diff reports.
    pub fn record_changed(&self) -> bool {
        !(self.activities_added.is_empty()
            && self.activities_removed.is_empty()
            && self.activities_changed.is_empty()
            && self.parties_added.is_empty()
            && self.parties_removed.is_empty()
            && self.parties_changed.is_empty())
    }
    pub fn is_empty(&self) -> bool {
        !self.record_changed() && self.introduced.is_empty() && self.fixed.is_empty()
    }
    /// Declared transfers added or changed, plus new destinations outside
    /// the EEA that no transfer declares (a declared one is counted once, as
    /// its transfer).
    pub fn new_transfers(&self) -> usize {
        let undeclared = |destinations: &[Destination]| destinations.iter().filter(|d| !d.declared).count();
        let added: usize = self
            .activities_added
            .iter()
            .map(|a| a.transfers.len() + undeclared(&a.destinations))
            .sum();
        let changed: usize = self
            .activities_changed
            .iter()
            .map(|c| c.transfers_added.len() + c.transfers_changed.len() + undeclared(&c.destinations_added))
            .sum();
        added + changed
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActivitySummary {
    pub id: String,
    pub title: String,
    pub file: String,
    pub purpose: Option<String>,
    /// `controller`, `processor` or `joint-controller`.
    pub role: &'static str,
    pub bases: Vec<String>,
    pub data: Vec<String>,
    pub special: Vec<Special>,
    pub retention: Vec<String>,
    pub processors: Vec<String>,
    pub recipients: Vec<String>,
    pub transfers: Vec<TransferSummary>,
    /// Countries outside the EEA that the activity's processors and
    /// recipients keep or access its data in.
    pub destinations: Vec<Destination>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActivityChange {
    pub id: String,
    pub title: String,
    pub file: String,
    pub purpose: Option<(Option<String>, Option<String>)>,
    pub role: Option<(&'static str, &'static str)>,
    pub bases_added: Vec<String>,
    pub bases_removed: Vec<String>,
    /// Every retention statement before and after, when they differ.
    pub retention: Option<(Vec<String>, Vec<String>)>,
    pub subjects_added: Vec<String>,
    pub subjects_removed: Vec<String>,
    pub data_added: Vec<String>,
    pub data_removed: Vec<String>,
    /// Special-category or criminal data the activity now processes.
    pub special_added: Vec<Special>,
    pub special_removed: Vec<Special>,
    pub processors_added: Vec<String>,
    pub processors_removed: Vec<String>,
    pub recipients_added: Vec<String>,
    pub recipients_removed: Vec<String>,
    pub transfers_added: Vec<TransferSummary>,
    pub transfers_removed: Vec<TransferSummary>,
    /// Same destination and recipient, different safeguard: (before, after).
    pub transfers_changed: Vec<(TransferSummary, TransferSummary)>,
    pub destinations_added: Vec<Destination>,
    pub destinations_removed: Vec<Destination>,
}

impl ActivityChange {
    fn is_empty(&self) -> bool {
        self.purpose.is_none()
            && self.role.is_none()
            && self.bases_added.is_empty()
            && self.bases_removed.is_empty()
            && self.retention.is_none()
            && self.subjects_added.is_empty()
            && self.subjects_removed.is_empty()
            && self.data_added.is_empty()
            && self.data_removed.is_empty()
            && self.special_added.is_empty()
            && self.special_removed.is_empty()
            && self.processors_added.is_empty()
            && self.processors_removed.is_empty()
            && self.recipients_added.is_empty()
            && self.recipients_removed.is_empty()
            && self.transfers_added.is_empty()
            && self.transfers_removed.is_empty()
            && self.transfers_changed.is_empty()
            && self.destinations_added.is_empty()
            && self.destinations_removed.is_empty()
    }
}

/// A special category (Art. 9) or criminal-offence data (Art. 10), and the
/// data category that carries it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Special {
    /// `health`, `biometric`, … or `criminal`.
    pub kind: String,
    pub data: String,
}

/// A declared `transfer`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TransferSummary {
    /// ISO code, when valid.
    pub country: Option<Country>,
    pub to: Option<String>,
    pub mechanism: Option<String>,
    pub module: Option<u8>,
    pub tia: Option<String>,
    pub ground: Option<String>,
    pub occasional: bool,
}

impl TransferSummary {
    /// What identifies a transfer: where, and to whom.
    fn key(&self) -> (Option<Country>, Option<String>) {
        (self.country, self.to.clone())
    }
}

/// A country outside the EEA that data reaches, and through which party.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Destination {
    pub country: Country,
    /// The processor or recipient that keeps or accesses the data there.
    pub party: String,
    /// Whether the activity declares a transfer to that country (and party).
    pub declared: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartySummary {
    pub id: String,
    /// `processor`, `subprocessor` or `recipient`.
    pub kind: &'static str,
    pub name: Option<String>,
    pub file: String,
    pub country: Option<Country>,
    /// `stored-in XX` and `accessed-from XX`.
    pub locations: Vec<String>,
    pub dpa: Option<String>,
    pub dpf: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartyChange {
    pub id: String,
    pub kind: &'static str,
    pub file: String,
    pub country: Option<(Option<Country>, Option<Country>)>,
    pub locations_added: Vec<String>,
    pub locations_removed: Vec<String>,
    pub dpa: Option<(Option<String>, Option<String>)>,
    pub dpf: Option<(bool, bool)>,
    pub parent: Option<(Option<Country>, Option<Country>)>,
}

impl PartyChange {
    fn is_empty(&self) -> bool {
        self.country.is_none()
            && self.locations_added.is_empty()
            && self.locations_removed.is_empty()
            && self.dpa.is_none()
            && self.dpf.is_none()
            && self.parent.is_none()
    }
}

/// A finding, as the diff shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingSummary {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: String,
    pub line: usize,
    pub entity: Option<String>,
    pub id: FindingId,
}

/// Compares two versions of a workspace. A workspace that exists on one side
/// only is compared with `Workspace::default()` on the other.
pub fn diff(base: Side, head: Side) -> Changes {
    let base_index = base.workspace.index();
    let head_index = head.workspace.index();
    let mut changes = Changes::default();

    let base_activities = by_id(
        base_index
            .activities
            .iter()
            .map(|(f, a)| (a.id.value.as_str(), (*f, *a))),
    );
    let head_activities = by_id(
        head_index
            .activities
            .iter()
            .map(|(f, a)| (a.id.value.as_str(), (*f, *a))),
    );
    for (file, activity) in &head_index.activities {
        let path = path_of(head.workspace, *file);
        match base_activities.get(activity.id.value.as_str()) {
            None => changes
                .activities_added
                .push(summarise_activity(head_index, activity, path)),
            Some((_, old)) => {
                let change = compare_activity(base_index, old, head_index, activity, path);
                if !change.is_empty() {
                    changes.activities_changed.push(change);
                }
            }
        }
    }
    for (file, activity) in &base_index.activities {
        if !head_activities.contains_key(activity.id.value.as_str()) {
            let path = path_of(base.workspace, *file);
            changes
                .activities_removed
                .push(summarise_activity(base_index, activity, path));
        }
    }

    let base_parties = by_id(base_index.parties.iter().map(|(f, p)| (p.id.value.as_str(), (*f, *p))));
    let head_parties = by_id(head_index.parties.iter().map(|(f, p)| (p.id.value.as_str(), (*f, *p))));
    for (file, party) in &head_index.parties {
        let path = path_of(head.workspace, *file);
        match base_parties.get(party.id.value.as_str()) {
            None => changes.parties_added.push(summarise_party(party, path)),
            Some((_, old)) => {
                let change = compare_party(old, party, path);
                if !change.is_empty() {
                    changes.parties_changed.push(change);
                }
            }
        }
    }
    for (file, party) in &base_index.parties {
        if !head_parties.contains_key(party.id.value.as_str()) {
            changes
                .parties_removed
                .push(summarise_party(party, path_of(base.workspace, *file)));
        }
    }

    changes.introduced = new_findings(head, base);
    changes.fixed = new_findings(base, head);
    changes
}

/// The first declaration of each id (a duplicate is a finding of its own).
fn by_id<'a, T: Copy>(items: impl Iterator<Item = (&'a str, T)>) -> HashMap<&'a str, T> {
    let mut map = HashMap::new();
    for (id, item) in items {
        map.entry(id).or_insert(item);
    }
    map
}

fn path_of(workspace: &Workspace, file: crate::diagnostic::FileId) -> String {
    workspace.file(file).map(|f| f.path.clone()).unwrap_or_default()
}

/// Findings of `side` whose identity `other` does not have.
fn new_findings(side: Side, other: Side) -> Vec<FindingSummary> {
    let known: HashSet<FindingId> = other.ids.iter().copied().collect();
    let mut out: Vec<FindingSummary> = side
        .findings
        .iter()
        .zip(side.ids)
        .filter(|(_, id)| !known.contains(id))
        .map(|(finding, id)| {
            let (path, text) = side
                .workspace
                .file(finding.file)
                .map_or(("", ""), |f| (f.path.as_str(), f.text.as_str()));
            FindingSummary {
                rule: finding.rule.id(),
                severity: finding.severity,
                message: finding.message.to_string(),
                help: finding.help.as_deref().map(str::to_owned),
                file: path.to_owned(),
                line: line_col(text, finding.span.start).0,
                entity: finding.entity.as_deref().map(str::to_owned),
                id: *id,
            }
        })
        .collect();
    // Stable: findings arrive sorted by file and position.
    out.sort_by_key(|f| std::cmp::Reverse(rank(f.severity)));
    out
}

fn summarise_activity(index: &Index, activity: &Activity, file: String) -> ActivitySummary {
    ActivitySummary {
        id: activity.id.value.to_string(),
        title: activity.title().to_owned(),
        file,
        purpose: activity.purpose.as_ref().map(|p| p.value.to_string()),
        role: role(activity),
        bases: bases(activity),
        data: ids(&activity.data),
        special: specials(index, activity).into_iter().collect(),
        retention: activity.retention.iter().map(describe_retention).collect(),
        processors: ids(&activity.processors),
        recipients: ids(&activity.recipients),
        transfers: activity.transfers.iter().map(summarise_transfer).collect(),
        destinations: destinations(index, activity).into_iter().collect(),
    }
}

fn compare_activity(
    old_index: &Index,
    old: &Activity,
    new_index: &Index,
    new: &Activity,
    file: String,
) -> ActivityChange {
    let mut change = ActivityChange {
        id: new.id.value.to_string(),
        title: new.title().to_owned(),
        file,
        ..ActivityChange::default()
    };
    let old_purpose = old.purpose.as_ref().map(|p| p.value.to_string());
    let new_purpose = new.purpose.as_ref().map(|p| p.value.to_string());
    if old_purpose != new_purpose {
        change.purpose = Some((old_purpose, new_purpose));
    }
    if role(old) != role(new) {
        change.role = Some((role(old), role(new)));
    }
    (change.bases_added, change.bases_removed) = added_removed(bases(old), bases(new));
    let old_retention: Vec<String> = old.retention.iter().map(describe_retention).collect();
    let new_retention: Vec<String> = new.retention.iter().map(describe_retention).collect();
    if sorted(old_retention.clone()) != sorted(new_retention.clone()) {
        change.retention = Some((old_retention, new_retention));
    }
    (change.subjects_added, change.subjects_removed) = added_removed(ids(&old.subjects), ids(&new.subjects));
    (change.data_added, change.data_removed) = added_removed(ids(&old.data), ids(&new.data));
    (change.special_added, change.special_removed) = added_removed(
        specials(old_index, old).into_iter().collect(),
        specials(new_index, new).into_iter().collect(),
    );
    (change.processors_added, change.processors_removed) = added_removed(ids(&old.processors), ids(&new.processors));
    (change.recipients_added, change.recipients_removed) = added_removed(ids(&old.recipients), ids(&new.recipients));

    let old_transfers: Vec<TransferSummary> = old.transfers.iter().map(summarise_transfer).collect();
    let new_transfers: Vec<TransferSummary> = new.transfers.iter().map(summarise_transfer).collect();
    for transfer in &new_transfers {
        match old_transfers.iter().find(|t| t.key() == transfer.key()) {
            None => change.transfers_added.push(transfer.clone()),
            Some(before) if before != transfer => change.transfers_changed.push((before.clone(), transfer.clone())),
            Some(_) => {}
        }
    }
    change.transfers_removed = old_transfers
        .iter()
        .filter(|t| !new_transfers.iter().any(|n| n.key() == t.key()))
        .cloned()
        .collect();

    let old_destinations = destinations(old_index, old);
    let new_destinations = destinations(new_index, new);
    // A destination that only became declared is reported as a new transfer,
    // not as a new destination.
    let place = |d: &Destination| (d.country, d.party.clone());
    let old_places: HashSet<_> = old_destinations.iter().map(place).collect();
    let new_places: HashSet<_> = new_destinations.iter().map(place).collect();
    change.destinations_added = new_destinations
        .iter()
        .filter(|d| !old_places.contains(&place(d)))
        .cloned()
        .collect();
    change.destinations_removed = old_destinations
        .iter()
        .filter(|d| !new_places.contains(&place(d)))
        .cloned()
        .collect();
    change
}

fn summarise_party(party: &Party, file: String) -> PartySummary {
    PartySummary {
        id: party.id.value.to_string(),
        kind: party.kind.keyword(),
        name: party.entity.as_ref().map(|e| e.value.to_string()),
        file,
        country: party.country.as_ref().map(|c| c.value),
        locations: locations(party),
        dpa: describe_dpa(party.dpa.as_ref()),
        dpf: party.dpf.as_ref().is_some_and(|d| d.value),
    }
}

fn compare_party(old: &Party, new: &Party, file: String) -> PartyChange {
    let mut change = PartyChange {
        id: new.id.value.to_string(),
        kind: new.kind.keyword(),
        file,
        ..PartyChange::default()
    };
    let country = |p: &Party| p.country.as_ref().map(|c| c.value);
    if country(old) != country(new) {
        change.country = Some((country(old), country(new)));
    }
    (change.locations_added, change.locations_removed) = added_removed(locations(old), locations(new));
    let (old_dpa, new_dpa) = (describe_dpa(old.dpa.as_ref()), describe_dpa(new.dpa.as_ref()));
    if old_dpa != new_dpa {
        change.dpa = Some((old_dpa, new_dpa));
    }
    let dpf = |p: &Party| p.dpf.as_ref().is_some_and(|d| d.value);
    if dpf(old) != dpf(new) {
        change.dpf = Some((dpf(old), dpf(new)));
    }
    let parent = |p: &Party| p.parent.as_ref().map(|c| c.value);
    if parent(old) != parent(new) {
        change.parent = Some((parent(old), parent(new)));
    }
    change
}

fn role(activity: &Activity) -> &'static str {
    use ropa_syntax::values::Keyword;
    activity.role_kind().as_str()
}

fn bases(activity: &Activity) -> Vec<String> {
    activity.bases.iter().map(|b| b.kind.value.to_string()).collect()
}

fn ids(references: &[Reference]) -> Vec<String> {
    references.iter().map(|r| r.value.to_string()).collect()
}

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items
}

/// What `new` has that `old` lacks, and the reverse, each in its own order
/// and without repeats.
fn added_removed<T: Clone + Ord>(old: Vec<T>, new: Vec<T>) -> (Vec<T>, Vec<T>) {
    let only_in = |these: &[T], those: &[T]| {
        let mut seen = BTreeSet::new();
        these
            .iter()
            .filter(|item| !those.contains(item) && seen.insert((*item).clone()))
            .cloned()
            .collect::<Vec<T>>()
    };
    (only_in(&new, &old), only_in(&old, &new))
}

fn specials(index: &Index, activity: &Activity) -> BTreeSet<Special> {
    let mut out = BTreeSet::new();
    for reference in &activity.data {
        let Some(data) = index.data(&reference.value) else {
            continue;
        };
        if let Some(special) = &data.special {
            out.insert(Special {
                kind: special.value.to_string(),
                data: data.id.value.to_string(),
            });
        }
        if data.criminal {
            out.insert(Special {
                kind: "criminal".to_owned(),
                data: data.id.value.to_string(),
            });
        }
    }
    out
}

fn summarise_transfer(transfer: &Transfer) -> TransferSummary {
    TransferSummary {
        country: transfer.country.as_ref().map(|c| c.value),
        to: transfer.to.as_ref().map(|t| t.value.to_string()),
        mechanism: transfer.mechanism.as_ref().map(|m| m.value.to_string()),
        module: transfer.module.as_ref().map(|m| m.value),
        tia: transfer.tia.as_ref().map(|t| t.value.to_string()),
        ground: transfer.ground.as_ref().map(|g| g.value.to_string()),
        occasional: transfer.occasional,
    }
}

fn describe_retention(retention: &Retention) -> String {
    let mut text = match &retention.period {
        Period::Fixed(duration) => duration.value.to_string(),
        Period::Until(until) => format!("until \"{}\"", until.value),
        Period::Indefinite(text) => format!("\"{}\" (no period)", text.value),
        Period::Missing => "no period".to_owned(),
        Period::Malformed => "an unreadable period".to_owned(),
    };
    if let Some(from) = &retention.from {
        text.push_str(&format!(" from {}", from.value));
    }
    if let Some(data) = &retention.data {
        text.push_str(&format!(" for {}", data.value));
    }
    if let Some(statute) = &retention.statute {
        text.push_str(&format!(" (statute: {})", statute.value));
    }
    text
}

fn describe_dpa(dpa: Option<&Dpa>) -> Option<String> {
    match dpa? {
        Dpa::Signed(date) => Some(format!("signed {}", date.value)),
        Dpa::Reference(text) => Some(format!("\"{}\"", text.value)),
        Dpa::Missing(_) => Some("none".to_owned()),
    }
}

fn locations(party: &Party) -> Vec<String> {
    party
        .stored_in
        .iter()
        .map(|c| format!("stored-in {}", c.value))
        .chain(party.accessed_from.iter().map(|c| format!("accessed-from {}", c.value)))
        .collect()
}

/// Where a party's data is, as the transfer rules see it: `stored-in` and
/// `accessed-from`; when no storage is given, where the party is
/// established.
fn places(party: &Party) -> Vec<Country> {
    let mut places: Vec<Country> = party.locations().map(|c| c.value).collect();
    if party.stored_in.is_empty() {
        places.extend(party.country.as_ref().map(|c| c.value));
    }
    places
}

/// Third countries the activity's data reaches through its processors and
/// recipients (and their sub-processors), and through declared transfers.
fn destinations(index: &Index, activity: &Activity) -> BTreeSet<Destination> {
    let mut out = BTreeSet::new();
    for reference in activity.processors.iter().chain(&activity.recipients) {
        let Some(named) = index.party(&reference.value) else {
            continue;
        };
        let mut stack = vec![named];
        while let Some(party) = stack.pop() {
            stack.extend(party.subprocessors.iter());
            for country in places(party) {
                if ropa_law::is_eea(country) {
                    continue;
                }
                let declared = activity.transfers.iter().any(|t| {
                    t.country.as_ref().is_some_and(|c| c.value == country)
                        && t.to
                            .as_ref()
                            .is_none_or(|to| index.party(&to.value).is_some_and(|target| contains(target, party)))
                });
                out.insert(Destination {
                    country,
                    party: party.id.value.to_string(),
                    declared,
                });
            }
        }
    }
    out
}

/// Whether `party` is `root` or one of its sub-processors.
fn contains(root: &Party, party: &Party) -> bool {
    std::ptr::eq(root, party) || root.subprocessors.iter().any(|sub| contains(sub, party))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileKind;
    use crate::fingerprint::{fingerprint, identify};

    fn workspace(text: &str) -> (Workspace, Vec<Diagnostic>, Vec<FindingId>) {
        let workspace = Workspace::new(vec![("a.ropa.kdl".to_owned(), text.to_owned(), FileKind::Spec)]);
        let findings = crate::check(&workspace);
        let ids = identify(
            findings
                .iter()
                .map(|f| fingerprint(f.rule, "a.ropa.kdl", f.entity.as_deref(), &f.message)),
        );
        (workspace, findings, ids)
    }

    fn compare(old: &str, new: &str) -> Changes {
        let (bw, bf, bi) = workspace(old);
        let (hw, hf, hi) = workspace(new);
        diff(
            Side {
                workspace: &bw,
                findings: &bf,
                ids: &bi,
            },
            Side {
                workspace: &hw,
                findings: &hf,
                ids: &hi,
            },
        )
    }

    const ORG: &str = "organization \"A\" { country SE; contact \"A\" email=\"a@a.se\"; security \"x\"; breach-procedure \"x\"; rights-procedure \"x\" }\n";

    #[test]
    fn the_same_record_reordered_is_no_change() {
        let a = format!(
            "{ORG}data c \"Contact\"\nsubjects s \"S\"\nactivity one {{ purpose \"P\"; subjects s; data c; basis contract; retain \"1 year\" }}\nactivity two {{ purpose \"Q\"; subjects s; data c; basis contract; retain \"1 year\" }}\n"
        );
        let b = format!(
            "// a comment\n{ORG}\nactivity two {{ purpose \"Q\"; subjects s; data c; basis contract; retain \"1 year\" }}\ndata c \"Contact\"\nsubjects s \"S\"\nactivity one {{ purpose \"P\"; subjects s; data c; basis contract; retain \"1 year\" }}\n"
        );
        let changes = compare(&a, &b);
        assert!(changes.is_empty(), "{changes:#?}");
    }

    #[test]
    fn a_new_us_processor_is_a_new_destination_with_its_finding() {
        let old = format!(
            "{ORG}data c \"Contact\"\nsubjects s \"S\"\nactivity mail {{ purpose \"P\"; subjects s; data c; basis contract; retain \"1 year\" }}\n"
        );
        let new = format!(
            "{ORG}data c \"Contact\"\nsubjects s \"S\"\nprocessor mailer \"Mailer Inc\" {{ country US; dpa \"2024-01-01\" }}\nactivity mail {{ purpose \"P\"; subjects s; data c; basis contract; retain \"1 year\"; processors mailer }}\n"
        );
        let changes = compare(&old, &new);
        assert_eq!(changes.parties_added.len(), 1);
        assert_eq!(changes.parties_added[0].id, "mailer");
        let [change] = changes.activities_changed.as_slice() else {
            panic!("one changed activity: {changes:#?}");
        };
        assert_eq!(change.processors_added, ["mailer"]);
        assert_eq!(
            change.destinations_added,
            [Destination {
                country: Country::parse("US").expect("US"),
                party: "mailer".to_owned(),
                declared: false,
            }]
        );
        assert!(
            changes
                .introduced
                .iter()
                .any(|f| f.rule == "undeclared-transfer" && f.severity == Severity::Error),
            "{:#?}",
            changes.introduced
        );
        assert!(changes.fixed.is_empty());
        assert_eq!(changes.new_transfers(), 1);
    }

    #[test]
    fn bases_retention_special_categories_and_transfers() {
        let old = format!(
            "{ORG}data c \"Contact\"\ndata h \"Health\" special=health\nsubjects s \"S\"\nprocessor p \"P\" {{ country US; dpa \"2024-01-01\" }}\nactivity a {{ purpose \"P\"; subjects s; data c; basis consent withdrawal=\"x\" records=\"y\"; basis contract; retain \"1 year\"; processors p; transfer US to=p mechanism=scc module=2 tia=\"T\" }}\n"
        );
        let new = format!(
            "{ORG}data c \"Contact\"\ndata h \"Health\" special=health\nsubjects s \"S\"\nprocessor p \"P\" {{ country US; dpa \"2024-01-01\" }}\nactivity a {{ purpose \"P\"; subjects s; data c h; basis contract; basis legitimate-interests interest=\"i\" assessment=\"LIA\"; retain \"2 years\"; processors p; transfer US to=p mechanism=dpf }}\n"
        );
        let changes = compare(&old, &new);
        let [change] = changes.activities_changed.as_slice() else {
            panic!("one changed activity: {changes:#?}");
        };
        assert_eq!(change.bases_added, ["legitimate-interests"]);
        assert_eq!(change.bases_removed, ["consent"]);
        assert_eq!(
            change.retention,
            Some((vec!["1 year".to_owned()], vec!["2 years".to_owned()]))
        );
        assert_eq!(
            change.special_added,
            [Special {
                kind: "health".to_owned(),
                data: "h".to_owned()
            }]
        );
        let [(before, after)] = change.transfers_changed.as_slice() else {
            panic!("one changed transfer: {change:#?}");
        };
        assert_eq!(before.mechanism.as_deref(), Some("scc"));
        assert_eq!(after.mechanism.as_deref(), Some("dpf"));
        assert!(change.destinations_added.is_empty());
    }

    #[test]
    fn removed_activities_and_fixed_findings() {
        let old = format!("{ORG}activity gone {{ purpose \"P\" }}\n");
        let changes = compare(&old, ORG);
        assert_eq!(changes.activities_removed.len(), 1);
        assert!(changes.introduced.is_empty());
        assert!(changes.fixed.iter().any(|f| f.rule == "missing-legal-basis"));
        // Most severe first.
        assert!(
            changes
                .fixed
                .windows(2)
                .all(|w| rank(w[0].severity) >= rank(w[1].severity))
        );
    }

    #[test]
    fn processors_with_new_storage_countries() {
        let old = format!("{ORG}processor p \"P\" {{ country SE; stored-in SE }}\n");
        let new = format!("{ORG}processor p \"P\" {{ country SE; stored-in SE; accessed-from IN; dpa none }}\n");
        let changes = compare(&old, &new);
        let [change] = changes.parties_changed.as_slice() else {
            panic!("one changed party: {changes:#?}");
        };
        assert_eq!(change.locations_added, ["accessed-from IN"]);
        assert_eq!(change.dpa, Some((None, Some("none".to_owned()))));
    }
}
