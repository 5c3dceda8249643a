//! The typed model of a spec file. Every item keeps the span of the source it
//! came from, so that findings, hovers and edits point at the right place.
//!
//! Values that failed to parse are reported by the parser and left out of
//! the model (or kept as `None`), so rules see only well-formed values.

pub use ropa_kdl::{SmolStr, Span};

use crate::values::{
    Art9Condition, Country, Date, DerogationGround, DpiaCriterion, Duration, LegalBasis, Material, Mechanism,
    Provision, RecipientKind, Region, RoleKind, SpecialCategory, Statute, Tracker, TrackingPurpose,
};

/// A value with the span of the text it came from.
#[derive(Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// `"contact" @ 12..19`, to keep model snapshots readable.
impl<T: std::fmt::Debug> std::fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} @ {:?}", self.value, self.span)
    }
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A list in the model: built once, never grown, so it is sized exactly. A
/// `Vec` collected from an iterator reserves room for four items, and most
/// lists here hold one or two large structs.
pub type List<T> = Box<[T]>;

/// Text from the spec. Ids and most values are short, so a [`SmolStr`] keeps
/// them inline: a large record holds hundreds of thousands of them, and one
/// allocation each dominated both memory and checking time.
pub type Text = Spanned<SmolStr>;

/// A use of a declared id (`data contact`, `to=google`).
pub type Reference = Spanned<SmolStr>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpecFile {
    pub organizations: List<Organization>,
    pub data: List<DataCategory>,
    pub subjects: List<SubjectCategory>,
    /// Processors and recipients in source order. Sub-processors are inside
    /// their processor; see [`SpecFile::parties`] for all of them.
    pub parties: List<Party>,
    pub activities: List<Activity>,
    /// `allow` nodes at the top level: they apply to the whole file.
    pub allows: List<Allow>,
    /// The controllers the organization processes for (`role processor for=ID`).
    pub controllers: List<Controller>,
}

/// A controller on whose behalf the organization processes data: the
/// processor record lists each with its contact details, representative and
/// DPO (Art. 30(2)(a)).
#[derive(Clone, Debug, PartialEq)]
pub struct Controller {
    pub(crate) span: Span,
    pub id: Text,
    pub name: Option<Text>,
    pub country: Option<Spanned<Country>>,
    pub address: Option<Text>,
    pub contact: Option<Contact>,
    pub representative: Option<Contact>,
    pub dpo: Option<Dpo>,
    pub allows: List<Allow>,
}

impl SpecFile {
    /// Every processor, sub-processor and recipient, depth first.
    pub fn all_parties(&self) -> Vec<&Party> {
        let mut out = Vec::new();
        let mut stack: Vec<&Party> = self.parties.iter().rev().collect();
        while let Some(party) = stack.pop() {
            out.push(party);
            stack.extend(party.subprocessors.iter().rev());
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Organization {
    pub span: Span,
    pub name: Text,
    pub registration: Option<Text>,
    pub country: Option<Spanned<Country>>,
    /// Where supervision is regional (Germany): the Land, as `DE-BY`.
    pub region: Option<Spanned<Region>>,
    pub address: Option<Text>,
    pub website: Option<Text>,
    pub employees: Option<Spanned<u64>>,
    pub contact: Option<Contact>,
    pub dpo: Option<Dpo>,
    pub representative: Option<Contact>,
    pub security: List<Text>,
    pub breach_procedure: Option<Text>,
    pub rights_procedure: Option<Text>,
    /// `owner`: the function or department that keeps the record.
    pub owner: Option<Text>,
    /// `version`: the record's version and its approval.
    pub version: Option<RecordVersion>,
    /// `reviewed`: the last review of the whole record.
    pub reviewed: Option<Review>,
    pub allows: List<Allow>,
}

/// `version "3" approved="YYYY-MM-DD" by="…"`: which version of the record
/// this is, and who approved it when.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordVersion {
    pub span: Span,
    pub version: Text,
    pub approved: Option<Spanned<Date>>,
    pub by: Option<Text>,
}

/// `reviewed "YYYY-MM-DD" by="…"`: when the record or an activity was last
/// checked against how the processing is done, and by whom (Art. 24(1)).
/// The date is absent only when it was not a valid date (validation says so).
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub span: Span,
    pub date: Option<Spanned<Date>>,
    pub by: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub(crate) span: Span,
    pub name: Text,
    pub email: Option<Text>,
    pub phone: Option<Text>,
    /// Only for a representative.
    pub country: Option<Spanned<Country>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dpo {
    Appointed(Contact),
    /// `dpo none reason="…"`.
    NotAppointed {
        span: Span,
        reason: Option<Text>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct DataCategory {
    pub span: Span,
    pub id: Text,
    pub description: Option<Text>,
    pub special: Option<Spanned<SpecialCategory>>,
    pub criminal: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubjectCategory {
    pub span: Span,
    pub id: Text,
    pub description: Option<Text>,
    pub children: bool,
    pub employees: bool,
    pub vulnerable: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartyKind {
    Processor,
    Subprocessor,
    Recipient,
    /// Decides purposes and means together with the organization (Art. 26).
    JointController,
    /// Software an activity uses: not a party by itself; its host (if any)
    /// is a processor.
    System,
}

impl PartyKind {
    pub fn keyword(self) -> &'static str {
        match self {
            PartyKind::Processor => "processor",
            PartyKind::Subprocessor => "subprocessor",
            PartyKind::Recipient => "recipient",
            PartyKind::JointController => "joint-controller",
            PartyKind::System => "system",
        }
    }
    pub fn is_processor(self) -> bool {
        matches!(self, PartyKind::Processor | PartyKind::Subprocessor)
    }
    /// Whether data reaches another organization through it: every kind but
    /// a system, which is software.
    pub fn receives_data(self) -> bool {
        self != PartyKind::System
    }
}

/// A processor, sub-processor or recipient.
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub kind: PartyKind,
    pub span: Span,
    pub id: Text,
    /// The legal entity (processors) or name (recipients).
    pub entity: Option<Text>,
    pub recipient_kind: Option<Spanned<RecipientKind>>,
    pub service: Option<Text>,
    pub country: Option<Spanned<Country>>,
    pub stored_in: List<Spanned<Country>>,
    pub accessed_from: List<Spanned<Country>>,
    pub parent: Option<Spanned<Country>>,
    pub dpa: Option<Dpa>,
    pub dpf: Option<Spanned<bool>>,
    pub subprocessors: List<Party>,
    /// Joint controllers: the Art. 26 arrangement.
    pub arrangement: Option<Text>,
    /// Systems: `self-hosted`.
    pub self_hosted: Option<Span>,
    /// Systems: `hosted-by PROCESSOR`.
    pub hosted_by: Option<Reference>,
    pub allows: List<Allow>,
}

impl Party {
    /// Every country the data is stored in or accessed from.
    pub fn locations(&self) -> impl Iterator<Item = &Spanned<Country>> {
        self.stored_in.iter().chain(&self.accessed_from)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dpa {
    Signed(Spanned<Date>),
    Reference(Text),
    /// `dpa none`.
    Missing(Span),
}

/// The `source` that says the data comes from the data subject.
pub const SOURCE_DATA_SUBJECT: &str = "data-subject";

#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    pub span: Span,
    pub id: Text,
    pub name: Option<Text>,
    pub purpose: Option<Text>,
    /// Boxed, as the other rarely given parts: an activity is most of a
    /// record's memory, and most activities leave these out.
    pub role: Option<Box<Role>>,
    pub subjects: List<Reference>,
    pub data: List<Reference>,
    pub source: Option<Text>,
    pub provision: Option<Box<ProvisionRequirement>>,
    pub bases: List<Basis>,
    pub conditions: List<Condition>,
    pub criminal_authority: Option<Box<CriminalAuthority>>,
    pub retention: List<Retention>,
    pub processors: List<Reference>,
    pub recipients: List<Reference>,
    /// `recipients none`: the record states that no one outside the
    /// organization receives the data (processors aside, which are named).
    pub no_recipients: Option<Span>,
    pub transfers: List<Transfer>,
    pub tracking: List<Spanned<TrackingPurpose>>,
    pub trackers: List<Spanned<Tracker>>,
    pub joint_controllers: List<Reference>,
    pub systems: List<Reference>,
    pub involves: List<Spanned<DpiaCriterion>>,
    pub automated_decisions: List<AutomatedDecision>,
    /// `automated-decision none`: the record states that the activity makes
    /// no solely automated decision with legal or similar effect.
    pub no_automated_decisions: Option<Span>,
    pub dpia: Option<Dpia>,
    pub security: List<Text>,
    /// `owner`: the function or department responsible for the activity.
    pub owner: Option<Text>,
    pub reviewed: Option<Box<Review>>,
    pub allows: List<Allow>,
}

impl Activity {
    /// The title to show: the name, else the id.
    pub fn title(&self) -> &str {
        self.name.as_ref().unwrap_or(&self.id).value.as_str()
    }
    /// `source data-subject`: the data is collected from the person it is
    /// about (Art. 13), not obtained elsewhere (Art. 14).
    pub fn collected_from_subject(&self) -> bool {
        self.source.as_ref().is_some_and(|s| s.value == SOURCE_DATA_SUBJECT)
    }
    pub fn role_kind(&self) -> RoleKind {
        self.role.as_ref().map_or(RoleKind::Controller, |r| r.kind.value)
    }
    pub fn has_basis(&self, basis: LegalBasis) -> bool {
        self.bases.iter().any(|b| b.kind.value == basis)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub(crate) span: Span,
    pub kind: Spanned<RoleKind>,
    /// `for=` (processor) or `with=` (joint controller).
    pub counterpart: Option<Text>,
    pub arrangement: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProvisionRequirement {
    pub(crate) span: Span,
    pub kind: Spanned<Provision>,
    pub consequence: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Basis {
    pub(crate) span: Span,
    pub kind: Spanned<LegalBasis>,
    pub withdrawal: Option<Text>,
    pub records: Option<Text>,
    pub parental: bool,
    pub law: Option<Text>,
    pub interest: Option<Text>,
    pub assessment: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub(crate) span: Span,
    pub kind: Spanned<Art9Condition>,
    pub law: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CriminalAuthority {
    pub span: Span,
    pub law: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Retention {
    pub span: Span,
    pub period: Period,
    pub from: Option<Text>,
    pub data: Option<Reference>,
    pub statute: Option<Spanned<Statute>>,
    /// `material=`: which bookkeeping material, where periods differ by it.
    pub material: Option<Spanned<Material>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Period {
    Fixed(Spanned<Duration>),
    /// `until="…"`: a criterion instead of a period.
    Until(Text),
    /// A vague phrase such as "as long as necessary", given as the period
    /// or as the `until=` criterion.
    Indefinite(Text),
    /// Neither a period nor a criterion was given.
    Missing,
    /// A period was given but is not a duration (reported by the parser).
    Malformed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Transfer {
    pub span: Span,
    pub country: Option<Spanned<Country>>,
    pub to: Option<Reference>,
    pub mechanism: Option<Spanned<Mechanism>>,
    pub module: Option<Spanned<u8>>,
    pub tia: Option<Text>,
    pub ground: Option<Spanned<DerogationGround>>,
    pub occasional: bool,
    /// `safeguards="…"`: the documentation of the suitable safeguards of a
    /// transfer on compelling legitimate interests (Art. 49(6), 30(1)(e)).
    pub safeguards: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AutomatedDecision {
    pub(crate) span: Span,
    pub description: Text,
    pub safeguards: Option<Text>,
    /// Art. 13(2)(f): meaningful information about the logic involved.
    pub logic: Option<Text>,
    /// Art. 13(2)(f): the significance and envisaged consequences.
    pub consequences: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dpia {
    Done(Text),
    /// `dpia none reason="…"`.
    NotNeeded {
        span: Span,
        reason: Option<Text>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Allow {
    pub span: Span,
    pub rule: Text,
    pub reason: Option<Text>,
}
