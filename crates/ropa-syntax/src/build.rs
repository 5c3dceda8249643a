//! Lowers a validated KDL document into the typed model. Problems were
//! already reported by `validate`; here anything malformed is simply left
//! out, so the model holds only well-formed values.

use ropa_kdl::{Entry, Node, Value};

use crate::model::*;
use crate::names::{node as n, prop as p};
use crate::validate::is_valid_id;
use crate::values::{self, Country, Date, Keyword};

/// The model of a file's top-level `nodes`, each kind in source order.
pub(crate) fn build(nodes: &[Node]) -> SpecFile {
    let mut model = Builder::sized(Counts::of(nodes));
    for node in nodes {
        model.node(node);
    }
    model.finish()
}

/// [`build`], freeing each node as soon as its part of the model is built.
pub(crate) fn build_owned(nodes: Vec<Node>) -> SpecFile {
    let mut model = Builder::sized(Counts::of(&nodes));
    for node in nodes {
        model.node(&node);
    }
    model.finish()
}

/// How many activities and parties a file declares at most: their lists
/// are most of a large file's model, and grown by doubling they were copied
/// again and again and held twice at each copy.
struct Counts {
    activities: usize,
    parties: usize,
}

impl Counts {
    fn of(nodes: &[Node]) -> Counts {
        let named = |names: &[&str]| nodes.iter().filter(|n| names.contains(&n.name.value.as_str())).count();
        Counts {
            activities: named(&[n::ACTIVITY]),
            parties: named(&[n::PROCESSOR, n::RECIPIENT, n::JOINT_CONTROLLER, n::SYSTEM]),
        }
    }
}

/// A file's model, built a top-level node at a time, so that a caller that
/// reads the nodes as they are parsed never holds the tree.
#[derive(Default)]
pub(crate) struct Builder {
    organizations: Vec<Organization>,
    data: Vec<DataCategory>,
    subjects: Vec<SubjectCategory>,
    parties: Vec<Party>,
    activities: Vec<Activity>,
    allows: Vec<Allow>,
    controllers: Vec<Controller>,
}

impl Builder {
    fn sized(counts: Counts) -> Builder {
        Builder {
            parties: Vec::with_capacity(counts.parties),
            activities: Vec::with_capacity(counts.activities),
            ..Builder::default()
        }
    }

    /// Adds what the top-level `node` declares; each kind keeps source order.
    pub(crate) fn node(&mut self, node: &Node) {
        match node.name.value.as_str() {
            n::ORGANIZATION => self.organizations.extend(organization(node)),
            n::DATA => self.data.extend(data_category(node)),
            n::SUBJECTS => self.subjects.extend(subject_category(node)),
            // Processors and recipients keep their source order.
            n::PROCESSOR => self.parties.extend(party(node, PartyKind::Processor)),
            n::RECIPIENT => self.parties.extend(party(node, PartyKind::Recipient)),
            n::JOINT_CONTROLLER => self.parties.extend(party(node, PartyKind::JointController)),
            n::SYSTEM => self.parties.extend(party(node, PartyKind::System)),
            n::ACTIVITY => self.activities.extend(activity(node)),
            n::ALLOW => self.allows.extend(allow(node)),
            n::CONTROLLER => self.controllers.extend(controller(node)),
            _ => {}
        }
    }

    pub(crate) fn finish(self) -> SpecFile {
        SpecFile {
            organizations: self.organizations.into(),
            data: self.data.into(),
            subjects: self.subjects.into(),
            parties: self.parties.into(),
            activities: self.activities.into(),
            allows: self.allows.into(),
            controllers: self.controllers.into(),
        }
    }
}

fn controller(node: &Node) -> Option<Controller> {
    Some(Controller {
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        name: arg_text(node, 1),
        country: child(node, n::COUNTRY).and_then(|c| arg(c, 0)).and_then(country),
        address: child_text(node, n::ADDRESS),
        contact: child(node, n::CONTACT).and_then(contact),
        representative: child(node, n::REPRESENTATIVE).and_then(contact),
        dpo: child(node, n::DPO).and_then(dpo),
        allows: allows(node),
    })
}

fn dpo(node: &Node) -> Option<Dpo> {
    if is_none(node) {
        Some(Dpo::NotAppointed {
            span: node.span,
            reason: prop_text(node, p::REASON),
        })
    } else {
        contact(node).map(Dpo::Appointed)
    }
}

// --- value helpers -------------------------------------------------------------

fn text(entry: &Entry) -> Option<Text> {
    match &entry.value {
        // A clone is a copy for short strings and a reference count otherwise.
        Value::String(s) => Some(Spanned::new(s.clone(), entry.value_span)),
        _ => None,
    }
}

fn arg(node: &Node, index: usize) -> Option<&Entry> {
    node.arguments().nth(index)
}

fn arg_text(node: &Node, index: usize) -> Option<Text> {
    arg(node, index).and_then(text)
}

fn prop_text(node: &Node, key: &str) -> Option<Text> {
    node.property(key).and_then(text)
}

fn prop_bool(node: &Node, key: &str) -> bool {
    node.property(key).is_some_and(|e| e.value == Value::Bool(true))
}

fn id(entry: &Entry) -> Option<Text> {
    text(entry).filter(|t| is_valid_id(&t.value))
}

fn keyword<K: Keyword>(entry: &Entry) -> Option<Spanned<K>> {
    entry
        .value
        .as_str()
        .and_then(K::parse)
        .map(|k| Spanned::new(k, entry.value_span))
}

fn country(entry: &Entry) -> Option<Spanned<Country>> {
    entry
        .value
        .as_str()
        .and_then(Country::parse)
        .map(|c| Spanned::new(c, entry.value_span))
}

fn countries(node: &Node) -> List<Spanned<Country>> {
    node.arguments().filter_map(country).collect()
}

fn integer(entry: &Entry) -> Option<i128> {
    match entry.value {
        Value::Integer(n) => Some(n.get()),
        _ => None,
    }
}

/// The first child node with this name (validation reported any repeats).
fn child<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    node.child_nodes().iter().find(|c| c.name.value == name)
}

fn children<'a>(node: &'a Node, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
    node.child_nodes().iter().filter(move |c| c.name.value == name)
}

fn child_text(node: &Node, name: &str) -> Option<Text> {
    child(node, name).and_then(|c| arg_text(c, 0))
}

fn child_texts(node: &Node, name: &str) -> List<Text> {
    children(node, name).filter_map(|c| arg_text(c, 0)).collect()
}

fn allows(node: &Node) -> List<Allow> {
    children(node, n::ALLOW).filter_map(allow).collect()
}

/// `none` as the argument of `dpo`, `dpa` and `dpia`.
fn is_none(node: &Node) -> bool {
    arg(node, 0).and_then(|e| e.value.as_str()) == Some("none")
}

/// `recipients none`, `automated-decision none`: a stated negative, not an
/// id or a decision named "none". With anything beside it, `none` is read
/// as what it stands beside, and reported as such.
fn is_only_none(node: &Node) -> bool {
    is_none(node) && node.entries.len() == 1
}

// --- nodes ---------------------------------------------------------------------

fn allow(node: &Node) -> Option<Allow> {
    Some(Allow {
        span: node.span,
        rule: arg_text(node, 0)?,
        reason: prop_text(node, p::REASON),
    })
}

fn contact(node: &Node) -> Option<Contact> {
    Some(Contact {
        span: node.span,
        name: arg_text(node, 0)?,
        email: prop_text(node, p::EMAIL),
        phone: prop_text(node, p::PHONE),
        country: node.property(p::COUNTRY).and_then(country),
    })
}

fn organization(node: &Node) -> Option<Organization> {
    Some(Organization {
        span: node.span,
        name: arg_text(node, 0)?,
        registration: child_text(node, n::REGISTRATION),
        country: child(node, n::COUNTRY).and_then(|c| arg(c, 0)).and_then(country),
        region: child(node, n::REGION).and_then(|c| arg(c, 0)).and_then(|e| {
            let region = values::Region::parse(e.value.as_str()?).ok()?;
            Some(Spanned::new(region, e.value_span))
        }),
        address: child_text(node, n::ADDRESS),
        website: child_text(node, n::WEBSITE),
        employees: child(node, n::EMPLOYEES)
            .and_then(|c| arg(c, 0))
            .and_then(|e| Some(Spanned::new(u64::try_from(integer(e)?).ok()?, e.value_span))),
        contact: child(node, n::CONTACT).and_then(contact),
        dpo: child(node, n::DPO).and_then(dpo),
        representative: child(node, n::REPRESENTATIVE).and_then(contact),
        security: child_texts(node, n::SECURITY),
        breach_procedure: child_text(node, n::BREACH_PROCEDURE),
        rights_procedure: child_text(node, n::RIGHTS_PROCEDURE),
        owner: child_text(node, n::OWNER),
        version: child(node, n::VERSION).and_then(|c| {
            Some(RecordVersion {
                span: c.span,
                version: arg_text(c, 0)?,
                approved: c.property(p::APPROVED).and_then(date),
                by: prop_text(c, p::BY),
            })
        }),
        reviewed: child(node, n::REVIEWED).map(review),
        allows: allows(node),
    })
}

fn date(entry: &Entry) -> Option<Spanned<Date>> {
    let value = values::parse_date(entry.value.as_str()?)?;
    Some(Spanned::new(value, entry.value_span))
}

fn review(node: &Node) -> Review {
    Review {
        span: node.span,
        date: arg(node, 0).and_then(date),
        by: prop_text(node, p::BY),
    }
}

fn data_category(node: &Node) -> Option<DataCategory> {
    Some(DataCategory {
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        description: arg_text(node, 1),
        special: node.property(p::SPECIAL).and_then(keyword),
        criminal: prop_bool(node, p::CRIMINAL),
    })
}

fn subject_category(node: &Node) -> Option<SubjectCategory> {
    Some(SubjectCategory {
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        description: arg_text(node, 1),
        children: prop_bool(node, p::CHILDREN),
        employees: prop_bool(node, p::EMPLOYEES),
        vulnerable: prop_bool(node, p::VULNERABLE),
    })
}

fn party(node: &Node, kind: PartyKind) -> Option<Party> {
    Some(Party {
        kind,
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        entity: arg_text(node, 1),
        recipient_kind: child(node, n::KIND).and_then(|c| arg(c, 0)).and_then(keyword),
        service: child_text(node, n::SERVICE),
        country: child(node, n::COUNTRY).and_then(|c| arg(c, 0)).and_then(country),
        stored_in: children(node, n::STORED_IN).flat_map(countries).collect(),
        accessed_from: children(node, n::ACCESSED_FROM).flat_map(countries).collect(),
        parent: child(node, n::PARENT).and_then(|c| arg(c, 0)).and_then(country),
        dpa: child(node, n::DPA).and_then(|dpa| {
            let entry = arg(dpa, 0)?;
            let value = entry.value.as_str()?;
            if value == "none" {
                Some(Dpa::Missing(dpa.span))
            } else if values::looks_like_date(value) {
                values::parse_date(value).map(|d| Dpa::Signed(Spanned::new(d, entry.value_span)))
            } else {
                text(entry).map(Dpa::Reference)
            }
        }),
        dpf: child(node, n::DPF).and_then(|c| arg(c, 0)).and_then(|e| match e.value {
            Value::Bool(b) => Some(Spanned::new(b, e.value_span)),
            _ => None,
        }),
        subprocessors: children(node, n::SUBPROCESSOR)
            .filter_map(|c| party(c, PartyKind::Subprocessor))
            .collect(),
        arrangement: child_text(node, n::ARRANGEMENT),
        self_hosted: child(node, n::SELF_HOSTED).map(|c| c.span),
        hosted_by: child(node, n::HOSTED_BY).and_then(|c| arg(c, 0)).and_then(id),
        allows: allows(node),
    })
}

fn activity(node: &Node) -> Option<Activity> {
    let activity_id = arg(node, 0).and_then(id)?;
    // One pass over the children instead of one search per field: an
    // activity is most of a record, and this is most of building it.
    let mut first: [Option<&Node>; ActivityField::COUNT] = [None; ActivityField::COUNT];
    let (mut subjects, mut data, mut processors, mut recipients) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut tracking, mut involves) = (Vec::new(), Vec::new());
    let (mut trackers, mut joint_controllers, mut systems) = (Vec::new(), Vec::new(), Vec::new());
    let (mut bases, mut conditions, mut retention, mut transfers) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut decisions, mut security, mut allows) = (Vec::new(), Vec::new(), Vec::new());
    let (mut no_recipients, mut no_decisions) = (None, None);
    for c in node.child_nodes() {
        // Validation reported any repeats; the first is used.
        let mut once = |field: ActivityField| {
            first[field as usize].get_or_insert(c);
        };
        match c.name.value.as_str() {
            n::NAME => once(ActivityField::Name),
            n::PURPOSE => once(ActivityField::Purpose),
            n::ROLE => once(ActivityField::Role),
            n::SOURCE => once(ActivityField::Source),
            n::PROVISION => once(ActivityField::Provision),
            n::CRIMINAL_AUTHORITY => once(ActivityField::CriminalAuthority),
            n::DPIA => once(ActivityField::Dpia),
            n::OWNER => once(ActivityField::Owner),
            n::REVIEWED => once(ActivityField::Reviewed),
            n::SUBJECTS => extend_exact(&mut subjects, c.arguments().filter_map(id)),
            n::DATA => extend_exact(&mut data, c.arguments().filter_map(id)),
            n::PROCESSORS => extend_exact(&mut processors, c.arguments().filter_map(id)),
            n::RECIPIENTS if is_only_none(c) => no_recipients = Some(c.span),
            n::RECIPIENTS => extend_exact(&mut recipients, c.arguments().filter_map(id)),
            n::TRACKING => extend_exact(&mut tracking, c.arguments().filter_map(keyword)),
            n::INVOLVES => extend_exact(&mut involves, c.arguments().filter_map(keyword)),
            n::TRACKERS => extend_exact(&mut trackers, c.arguments().filter_map(keyword)),
            n::JOINT_CONTROLLERS => extend_exact(&mut joint_controllers, c.arguments().filter_map(id)),
            n::SYSTEMS => extend_exact(&mut systems, c.arguments().filter_map(id)),
            n::BASIS => push_exact(&mut bases, basis(c)),
            n::CONDITION => push_exact(&mut conditions, condition(c)),
            n::RETAIN => push_exact(&mut retention, Some(self::retention(c))),
            n::TRANSFER => push_exact(&mut transfers, Some(transfer(c))),
            n::AUTOMATED_DECISION if is_only_none(c) => no_decisions = Some(c.span),
            n::AUTOMATED_DECISION => push_exact(&mut decisions, automated_decision(c)),
            n::SECURITY => push_exact(&mut security, arg_text(c, 0)),
            n::ALLOW => push_exact(&mut allows, allow(c)),
            _ => {}
        }
    }
    let field = |f: ActivityField| first[f as usize];
    Some(Activity {
        span: node.span,
        id: activity_id,
        name: field(ActivityField::Name).and_then(|c| arg_text(c, 0)),
        purpose: field(ActivityField::Purpose).and_then(|c| arg_text(c, 0)),
        role: field(ActivityField::Role).and_then(role).map(Box::new),
        subjects: subjects.into(),
        data: data.into(),
        source: field(ActivityField::Source).and_then(|c| arg_text(c, 0)),
        provision: field(ActivityField::Provision).and_then(|c| {
            Some(Box::new(ProvisionRequirement {
                span: c.span,
                kind: arg(c, 0).and_then(keyword)?,
                consequence: prop_text(c, p::CONSEQUENCE),
            }))
        }),
        bases: bases.into(),
        conditions: conditions.into(),
        criminal_authority: field(ActivityField::CriminalAuthority).map(|c| {
            Box::new(CriminalAuthority {
                span: c.span,
                law: prop_text(c, p::LAW),
            })
        }),
        retention: retention.into(),
        processors: processors.into(),
        recipients: recipients.into(),
        no_recipients,
        transfers: transfers.into(),
        tracking: tracking.into(),
        trackers: trackers.into(),
        joint_controllers: joint_controllers.into(),
        systems: systems.into(),
        involves: involves.into(),
        automated_decisions: decisions.into(),
        no_automated_decisions: no_decisions,
        dpia: field(ActivityField::Dpia).and_then(|dpia| {
            if is_none(dpia) {
                Some(Dpia::NotNeeded {
                    span: dpia.span,
                    reason: prop_text(dpia, p::REASON),
                })
            } else {
                arg_text(dpia, 0).map(Dpia::Done)
            }
        }),
        security: security.into(),
        owner: field(ActivityField::Owner).and_then(|c| arg_text(c, 0)),
        reviewed: field(ActivityField::Reviewed).map(|c| Box::new(review(c))),
        allows: allows.into(),
    })
}

/// The children of an activity that it takes once.
#[derive(Clone, Copy)]
enum ActivityField {
    Name,
    Purpose,
    Role,
    Source,
    Provision,
    CriminalAuthority,
    Dpia,
    Owner,
    Reviewed,
}

impl ActivityField {
    const COUNT: usize = ActivityField::Reviewed as usize + 1;
}

/// Appends `items`, reserving for all of them at once when the list is
/// empty, so that a list given on one line (`data a b c`) is allocated once
/// at its final size and needs no shrinking into a [`List`].
fn extend_exact<T>(list: &mut Vec<T>, items: impl Iterator<Item = T>) {
    if list.is_empty() {
        list.reserve_exact(items.size_hint().1.unwrap_or(0));
    }
    list.extend(items);
}

/// Appends `item`, with room for it alone when it is the first: most of
/// these lists hold one item, and a list grown the usual way reserves four
/// and must then be shrunk (a copy) into a [`List`]. Later items grow the
/// list by doubling, so a long list is never copied once per item.
fn push_exact<T>(list: &mut Vec<T>, item: Option<T>) {
    if let Some(item) = item {
        if list.is_empty() {
            list.reserve_exact(1);
        }
        list.push(item);
    }
}

fn condition(node: &Node) -> Option<Condition> {
    Some(Condition {
        span: node.span,
        kind: arg(node, 0).and_then(keyword)?,
        law: prop_text(node, p::LAW),
    })
}

fn automated_decision(node: &Node) -> Option<AutomatedDecision> {
    Some(AutomatedDecision {
        span: node.span,
        description: arg_text(node, 0)?,
        safeguards: prop_text(node, p::SAFEGUARDS),
        logic: prop_text(node, p::LOGIC),
        consequences: prop_text(node, p::CONSEQUENCES),
    })
}

fn role(node: &Node) -> Option<Role> {
    Some(Role {
        span: node.span,
        kind: arg(node, 0).and_then(keyword)?,
        counterpart: prop_text(node, p::FOR).or_else(|| prop_text(node, p::WITH)),
        arrangement: prop_text(node, p::ARRANGEMENT),
    })
}

fn basis(node: &Node) -> Option<Basis> {
    Some(Basis {
        span: node.span,
        kind: arg(node, 0).and_then(keyword)?,
        withdrawal: prop_text(node, p::WITHDRAWAL),
        records: prop_text(node, p::RECORDS),
        parental: prop_bool(node, p::PARENTAL),
        law: prop_text(node, p::LAW),
        interest: prop_text(node, p::INTEREST),
        assessment: prop_text(node, p::ASSESSMENT),
    })
}

fn retention(node: &Node) -> Retention {
    let until = prop_text(node, p::UNTIL);
    let period = match arg(node, 0) {
        // A period in the usual form first: no vague phrase fits "N unit".
        Some(entry) => match text(entry) {
            Some(text) => match values::parse_duration(&text.value) {
                Ok(duration) => Period::Fixed(Spanned::new(duration, text.span)),
                Err(_) if values::is_indefinite(&text.value) => Period::Indefinite(text),
                Err(_) => Period::Malformed,
            },
            None => Period::Malformed,
        },
        // A criterion that names no event is as vague as a vague period.
        None => match until {
            Some(text) if values::is_vague_criterion(&text.value) => Period::Indefinite(text),
            Some(text) => Period::Until(text),
            None => Period::Missing,
        },
    };
    Retention {
        span: node.span,
        period,
        from: prop_text(node, p::FROM),
        data: node.property(p::DATA).and_then(id),
        statute: node.property(p::STATUTE).and_then(keyword),
        material: node.property(p::MATERIAL).and_then(keyword),
    }
}

fn transfer(node: &Node) -> Transfer {
    Transfer {
        span: node.span,
        country: arg(node, 0).and_then(country),
        to: node.property(p::TO).and_then(id),
        mechanism: node.property(p::MECHANISM).and_then(keyword),
        module: node.property(p::MODULE).and_then(|e| {
            integer(e)
                .and_then(|n| u8::try_from(n).ok())
                .map(|n| Spanned::new(n, e.value_span))
        }),
        tia: prop_text(node, p::TIA),
        ground: node.property(p::GROUND).and_then(keyword),
        occasional: prop_bool(node, p::OCCASIONAL),
        safeguards: prop_text(node, p::SAFEGUARDS),
    }
}
