//! Where each activity's data goes: to which party, in which country, under
//! which declared transfer, and what the checker said about it.
//!
//! The places come from the spec (the parties an activity names, their
//! sub-processors, where each stores or accesses data, and the declared
//! transfers). Whether a transfer lacks a safeguard is not decided here: it
//! is read from the findings of `transfer-without-safeguard` and
//! `undeclared-transfer`, so the report always agrees with `ropa check`,
//! including `allow` and the severity settings.

use rustc_hash::FxHashMap as HashMap;

use ropa_check::rules::Rule;
use ropa_check::{Diagnostic, FileId};
use ropa_law::AdequacyScope;
use ropa_syntax::Span;
use ropa_syntax::model::{Party, Spanned};
use ropa_syntax::values::{Country, Severity};

use crate::doc::Tone;
use crate::view::{Ref, View};

/// How the law sees a destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zone {
    /// In the EEA: no transfer.
    Eea,
    /// A Commission adequacy decision covers the whole country.
    Adequate,
    /// A decision covers part of the recipients only (US: DPF-certified
    /// organisations; Canada: PIPEDA; Japan, Korea, Israel: partial scopes).
    PartlyAdequate,
    /// No adequacy decision: a safeguard (Art. 46) or derogation (Art. 49) is needed.
    NotAdequate,
    /// The spec does not say where the data is.
    Unknown,
}

impl Zone {
    pub fn of(country: Option<Country>) -> Zone {
        let Some(country) = country else {
            return Zone::Unknown;
        };
        if ropa_law::is_eea(country) {
            return Zone::Eea;
        }
        match ropa_law::adequacy(country).map(|a| a.scope) {
            Some(AdequacyScope::Full) => Zone::Adequate,
            Some(_) => Zone::PartlyAdequate,
            None => Zone::NotAdequate,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Eea => "eea",
            Zone::Adequate => "adequate",
            Zone::PartlyAdequate => "partly-adequate",
            Zone::NotAdequate => "not-adequate",
            Zone::Unknown => "unknown",
        }
    }

    pub const ALL: [Zone; 5] = [
        Zone::Eea,
        Zone::Adequate,
        Zone::PartlyAdequate,
        Zone::NotAdequate,
        Zone::Unknown,
    ];
}

/// Who receives the data in a flow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// An index into [`View::parties`].
    Party(usize),
    /// A transfer names `to=` an id that is not declared.
    Undefined(String),
    /// A transfer names no recipient.
    Unnamed,
}

/// What the record and the checker say about a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The data stays in the EEA: not a transfer.
    InsideEea,
    /// The spec does not say where the party keeps the data.
    LocationUnknown,
    /// A transfer is declared and the checker found no missing safeguard.
    Safeguarded,
    /// `transfer-without-safeguard` reported the declared transfer.
    WithoutSafeguard,
    /// No transfer is declared; the severity of the `undeclared-transfer`
    /// finding (error: no adequacy covers it), or `None` when the finding
    /// was accepted with `allow` or the rule is off.
    Undeclared(Option<Severity>),
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InsideEea => "inside-eea",
            Status::LocationUnknown => "location-unknown",
            Status::Safeguarded => "safeguarded",
            Status::WithoutSafeguard => "without-safeguard",
            Status::Undeclared(Some(Severity::Error)) => "undeclared-without-safeguard",
            Status::Undeclared(_) => "undeclared",
        }
    }

    /// Data leaves the EEA with nothing the law accepts: what the map draws red.
    pub fn is_unsafeguarded(self) -> bool {
        matches!(
            self,
            Status::WithoutSafeguard | Status::Undeclared(Some(Severity::Error))
        )
    }

    pub fn tone(self) -> Tone {
        match self {
            _ if self.is_unsafeguarded() => Tone::Error,
            Status::Undeclared(_) => Tone::Warning,
            Status::Safeguarded => Tone::Ok,
            _ => Tone::Neutral,
        }
    }

    /// Third-country flows are transfers; the others are not.
    pub fn is_transfer(self) -> bool {
        !matches!(self, Status::InsideEea | Status::LocationUnknown)
    }
}

/// Which status wins when several flows share an edge of the map.
pub fn worst(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s.tone() {
        Tone::Error => 4,
        Tone::Warning => 3,
        Tone::Ok => 2,
        _ if s == Status::LocationUnknown => 1,
        _ => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}

#[derive(Clone, Debug)]
pub struct Flow {
    /// An index into [`View::activities`].
    pub activity: usize,
    /// The party the activity names, when `recipient` is a sub-processor below it.
    pub via: Option<usize>,
    pub recipient: Recipient,
    pub country: Option<Country>,
    pub zone: Zone,
    /// The declared transfer covering the flow: an index into the activity's `transfers`.
    pub transfer: Option<usize>,
    pub status: Status,
}

/// Where a party's data is: `stored-in` and `accessed-from`; when storage is
/// not given, the country where the party is established. (The same reading
/// as the transfer rules, so that a flow and its finding meet.)
fn places(party: &Party) -> Vec<&Spanned<Country>> {
    let mut places: Vec<&Spanned<Country>> = party.stored_in.iter().chain(&party.accessed_from).collect();
    if party.stored_in.is_empty() {
        places.extend(party.country.as_ref());
    }
    places
}

type SpanKey = (FileId, u32, u32);

fn key(file: FileId, span: Span) -> SpanKey {
    (file, span.start, span.end)
}

pub fn build(view: &View) -> Vec<Flow> {
    let findings = view.input.findings;
    let index = view.input.index;
    let party_of: HashMap<*const Party, usize> = view
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.party as *const Party, i))
        .collect();

    // Each place a party names, so that an `undeclared-transfer` finding
    // (which points at the place) can be tied to its party and country.
    let mut place_of: HashMap<SpanKey, (usize, Country)> = HashMap::default();
    for (i, p) in view.parties.iter().enumerate() {
        for place in p.party.locations().chain(p.party.country.as_ref()) {
            place_of.insert(key(p.file, place.span), (i, place.value));
        }
    }
    // Activities by (id, file), built once: a scan per finding is quadratic.
    let activity_of: HashMap<(&str, FileId), usize> = view
        .activities
        .iter()
        .enumerate()
        .rev()
        .map(|(i, a)| ((a.id(), a.file), i))
        .collect();
    let mut undeclared: HashMap<(usize, usize, Country), Severity> = HashMap::default();
    let mut unsafeguarded: HashMap<SpanKey, Severity> = HashMap::default();
    for finding in findings {
        match finding.rule {
            Rule::TransferWithoutSafeguard => {
                unsafeguarded.insert(key(finding.file, finding.span), finding.severity);
            }
            Rule::UndeclaredTransfer => {
                if let Some((activity, party, country)) = undeclared_key(&activity_of, finding, &place_of) {
                    undeclared.insert((activity, party, country), finding.severity);
                }
            }
            _ => {}
        }
    }

    let mut flows = Vec::new();
    for (a, av) in view.activities.iter().enumerate() {
        let mut mine: Vec<Flow> = Vec::new();
        let push = |mine: &mut Vec<Flow>, recipient: Recipient, via: Option<usize>, country: Option<Country>| {
            if !mine.iter().any(|f| f.recipient == recipient && f.country == country) {
                mine.push(Flow {
                    activity: a,
                    via,
                    recipient,
                    country,
                    zone: Zone::of(country),
                    transfer: None,
                    status: Status::InsideEea,
                });
            }
        };
        for named in av.processors.iter().chain(&av.recipients) {
            let Ref::Found(named) = *named else { continue };
            for q in view.subtree(named) {
                let via = (q != named).then_some(named);
                let at = places(view.parties[q].party);
                if at.is_empty() {
                    push(&mut mine, Recipient::Party(q), via, None);
                }
                for place in at {
                    push(&mut mine, Recipient::Party(q), via, Some(place.value));
                }
            }
        }
        for (t, transfer) in av.activity.transfers.iter().enumerate() {
            let Some(country) = transfer.country.as_ref().map(|c| c.value) else {
                continue;
            };
            // Which flows the transfer covers: any recipient when it names
            // none, else the party it names and that party's sub-processors.
            let to: Option<Result<Vec<usize>, &str>> = transfer.to.as_ref().map(|to| {
                index
                    .party(&to.value)
                    .and_then(|p| party_of.get(&(p as *const Party)))
                    .map(|p| view.subtree(*p))
                    .ok_or(to.value.as_str())
            });
            let mut covered = false;
            for flow in mine.iter_mut().filter(|f| f.country == Some(country)) {
                let matches = match (&to, &flow.recipient) {
                    (None, _) => true,
                    (Some(Ok(parties)), Recipient::Party(q)) => parties.contains(q),
                    _ => false,
                };
                if matches {
                    covered = true;
                    flow.transfer.get_or_insert(t);
                }
            }
            if !covered {
                let recipient = match &to {
                    None => Recipient::Unnamed,
                    Some(Ok(parties)) => parties.first().map_or(Recipient::Unnamed, |p| Recipient::Party(*p)),
                    Some(Err(id)) => Recipient::Undefined((*id).to_owned()),
                };
                push(&mut mine, recipient, None, Some(country));
                if let Some(last) = mine.last_mut() {
                    last.transfer.get_or_insert(t);
                }
            }
        }
        for flow in &mut mine {
            flow.status = match (flow.zone, flow.country, flow.transfer) {
                (Zone::Eea, _, _) => Status::InsideEea,
                (_, None, _) => Status::LocationUnknown,
                (_, Some(_), Some(t)) => {
                    let span = av.activity.transfers[t].span;
                    match unsafeguarded.get(&key(av.file, span)) {
                        Some(_) => Status::WithoutSafeguard,
                        None => Status::Safeguarded,
                    }
                }
                (_, Some(country), None) => Status::Undeclared(match flow.recipient {
                    Recipient::Party(q) => undeclared.get(&(a, q, country)).copied(),
                    _ => None,
                }),
            };
        }
        flows.extend(mine);
    }
    flows
}

/// The activity, party and country an `undeclared-transfer` finding is about:
/// the activity by the finding's entity, the party and country by the place
/// its related note points at.
fn undeclared_key(
    activity_of: &HashMap<(&str, FileId), usize>,
    finding: &Diagnostic,
    place_of: &HashMap<SpanKey, (usize, Country)>,
) -> Option<(usize, usize, Country)> {
    let entity = finding.entity.as_deref()?;
    let activity = *activity_of.get(&(entity, finding.file))?;
    let (party, country) = finding
        .related
        .iter()
        .find_map(|r| place_of.get(&key(r.file, r.span)))?;
    Some((activity, *party, *country))
}
