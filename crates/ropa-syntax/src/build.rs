//! Lowers a validated KDL document into the typed model. Problems were
//! already reported by `validate`; here anything malformed is simply left
//! out, so the model holds only well-formed values.

use ropa_kdl::{Entry, Node, Value};

use crate::model::*;
use crate::validate::is_valid_id;
use crate::values::{self, Country, Date, Keyword};

pub(crate) fn build(nodes: &[Node]) -> SpecFile {
    let of = |name: &'static str| nodes.iter().filter(move |n| n.name.value == name);
    SpecFile {
        organizations: of("organization").filter_map(organization).collect(),
        data: of("data").filter_map(data_category).collect(),
        subjects: of("subjects").filter_map(subject_category).collect(),
        // Processors and recipients keep their source order.
        parties: nodes
            .iter()
            .filter_map(|n| match n.name.value.as_str() {
                "processor" => party(n, PartyKind::Processor),
                "recipient" => party(n, PartyKind::Recipient),
                "joint-controller" => party(n, PartyKind::JointController),
                "system" => party(n, PartyKind::System),
                _ => None,
            })
            .collect(),
        activities: of("activity").filter_map(activity).collect(),
        allows: of("allow").filter_map(allow).collect(),
        controllers: of("controller").filter_map(controller).collect(),
    }
}

fn controller(node: &Node) -> Option<Controller> {
    Some(Controller {
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        name: arg_text(node, 1),
        country: child(node, "country").and_then(|c| arg(c, 0)).and_then(country),
        address: child_text(node, "address"),
        contact: child(node, "contact").and_then(contact),
        representative: child(node, "representative").and_then(contact),
        dpo: child(node, "dpo").and_then(dpo),
        allows: allows(node),
    })
}

fn dpo(node: &Node) -> Option<Dpo> {
    if is_none(node) {
        Some(Dpo::NotAppointed {
            span: node.span,
            reason: prop_text(node, "reason"),
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
        Value::Integer(n) => Some(n),
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
    children(node, "allow").filter_map(allow).collect()
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
        reason: prop_text(node, "reason"),
    })
}

fn contact(node: &Node) -> Option<Contact> {
    Some(Contact {
        span: node.span,
        name: arg_text(node, 0)?,
        email: prop_text(node, "email"),
        phone: prop_text(node, "phone"),
        country: node.property("country").and_then(country),
    })
}

fn organization(node: &Node) -> Option<Organization> {
    Some(Organization {
        span: node.span,
        name: arg_text(node, 0)?,
        registration: child_text(node, "registration"),
        country: child(node, "country").and_then(|c| arg(c, 0)).and_then(country),
        region: child(node, "region").and_then(|c| arg(c, 0)).and_then(|e| {
            let region = values::Region::parse(e.value.as_str()?).ok()?;
            Some(Spanned::new(region, e.value_span))
        }),
        address: child_text(node, "address"),
        website: child_text(node, "website"),
        employees: child(node, "employees")
            .and_then(|c| arg(c, 0))
            .and_then(|e| Some(Spanned::new(u64::try_from(integer(e)?).ok()?, e.value_span))),
        contact: child(node, "contact").and_then(contact),
        dpo: child(node, "dpo").and_then(dpo),
        representative: child(node, "representative").and_then(contact),
        security: child_texts(node, "security"),
        breach_procedure: child_text(node, "breach-procedure"),
        rights_procedure: child_text(node, "rights-procedure"),
        owner: child_text(node, "owner"),
        version: child(node, "version").and_then(|c| {
            Some(RecordVersion {
                span: c.span,
                version: arg_text(c, 0)?,
                approved: c.property("approved").and_then(date),
                by: prop_text(c, "by"),
            })
        }),
        reviewed: child(node, "reviewed").map(review),
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
        by: prop_text(node, "by"),
    }
}

fn data_category(node: &Node) -> Option<DataCategory> {
    Some(DataCategory {
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        description: arg_text(node, 1),
        special: node.property("special").and_then(keyword),
        criminal: prop_bool(node, "criminal"),
    })
}

fn subject_category(node: &Node) -> Option<SubjectCategory> {
    Some(SubjectCategory {
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        description: arg_text(node, 1),
        children: prop_bool(node, "children"),
        employees: prop_bool(node, "employees"),
        vulnerable: prop_bool(node, "vulnerable"),
    })
}

fn party(node: &Node, kind: PartyKind) -> Option<Party> {
    Some(Party {
        kind,
        span: node.span,
        id: arg(node, 0).and_then(id)?,
        entity: arg_text(node, 1),
        recipient_kind: child(node, "kind").and_then(|c| arg(c, 0)).and_then(keyword),
        service: child_text(node, "service"),
        country: child(node, "country").and_then(|c| arg(c, 0)).and_then(country),
        stored_in: children(node, "stored-in").flat_map(countries).collect(),
        accessed_from: children(node, "accessed-from").flat_map(countries).collect(),
        parent: child(node, "parent").and_then(|c| arg(c, 0)).and_then(country),
        dpa: child(node, "dpa").and_then(|dpa| {
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
        dpf: child(node, "dpf").and_then(|c| arg(c, 0)).and_then(|e| match e.value {
            Value::Bool(b) => Some(Spanned::new(b, e.value_span)),
            _ => None,
        }),
        subprocessors: children(node, "subprocessor")
            .filter_map(|c| party(c, PartyKind::Subprocessor))
            .collect(),
        arrangement: child_text(node, "arrangement"),
        self_hosted: child(node, "self-hosted").map(|c| c.span),
        hosted_by: child(node, "hosted-by").and_then(|c| arg(c, 0)).and_then(id),
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
            "name" => once(ActivityField::Name),
            "purpose" => once(ActivityField::Purpose),
            "role" => once(ActivityField::Role),
            "source" => once(ActivityField::Source),
            "provision" => once(ActivityField::Provision),
            "criminal-authority" => once(ActivityField::CriminalAuthority),
            "dpia" => once(ActivityField::Dpia),
            "owner" => once(ActivityField::Owner),
            "reviewed" => once(ActivityField::Reviewed),
            "subjects" => extend_exact(&mut subjects, c.arguments().filter_map(id)),
            "data" => extend_exact(&mut data, c.arguments().filter_map(id)),
            "processors" => extend_exact(&mut processors, c.arguments().filter_map(id)),
            "recipients" if is_only_none(c) => no_recipients = Some(c.span),
            "recipients" => extend_exact(&mut recipients, c.arguments().filter_map(id)),
            "tracking" => extend_exact(&mut tracking, c.arguments().filter_map(keyword)),
            "involves" => extend_exact(&mut involves, c.arguments().filter_map(keyword)),
            "trackers" => extend_exact(&mut trackers, c.arguments().filter_map(keyword)),
            "joint-controllers" => extend_exact(&mut joint_controllers, c.arguments().filter_map(id)),
            "systems" => extend_exact(&mut systems, c.arguments().filter_map(id)),
            "basis" => bases.extend(basis(c)),
            "condition" => conditions.extend(condition(c)),
            "retain" => retention.push(self::retention(c)),
            "transfer" => transfers.push(transfer(c)),
            "automated-decision" if is_only_none(c) => no_decisions = Some(c.span),
            "automated-decision" => decisions.extend(automated_decision(c)),
            "security" => security.extend(arg_text(c, 0)),
            "allow" => allows.extend(allow(c)),
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
                consequence: prop_text(c, "consequence"),
            }))
        }),
        bases: bases.into(),
        conditions: conditions.into(),
        criminal_authority: field(ActivityField::CriminalAuthority).map(|c| {
            Box::new(CriminalAuthority {
                span: c.span,
                law: prop_text(c, "law"),
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
                    reason: prop_text(dpia, "reason"),
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

fn condition(node: &Node) -> Option<Condition> {
    Some(Condition {
        span: node.span,
        kind: arg(node, 0).and_then(keyword)?,
        law: prop_text(node, "law"),
    })
}

fn automated_decision(node: &Node) -> Option<AutomatedDecision> {
    Some(AutomatedDecision {
        span: node.span,
        description: arg_text(node, 0)?,
        safeguards: prop_text(node, "safeguards"),
        logic: prop_text(node, "logic"),
        consequences: prop_text(node, "consequences"),
    })
}

fn role(node: &Node) -> Option<Role> {
    Some(Role {
        span: node.span,
        kind: arg(node, 0).and_then(keyword)?,
        counterpart: prop_text(node, "for").or_else(|| prop_text(node, "with")),
        arrangement: prop_text(node, "arrangement"),
    })
}

fn basis(node: &Node) -> Option<Basis> {
    Some(Basis {
        span: node.span,
        kind: arg(node, 0).and_then(keyword)?,
        withdrawal: prop_text(node, "withdrawal"),
        records: prop_text(node, "records"),
        parental: prop_bool(node, "parental"),
        law: prop_text(node, "law"),
        interest: prop_text(node, "interest"),
        assessment: prop_text(node, "assessment"),
    })
}

fn retention(node: &Node) -> Retention {
    let until = prop_text(node, "until");
    let period = match arg(node, 0) {
        Some(entry) => match text(entry) {
            Some(text) if values::is_indefinite(&text.value) => Period::Indefinite(text),
            Some(text) => match values::parse_duration(&text.value) {
                Ok(duration) => Period::Fixed(Spanned::new(duration, text.span)),
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
        from: prop_text(node, "from"),
        data: node.property("data").and_then(id),
        statute: node.property("statute").and_then(keyword),
        material: node.property("material").and_then(keyword),
    }
}

fn transfer(node: &Node) -> Transfer {
    Transfer {
        span: node.span,
        country: arg(node, 0).and_then(country),
        to: node.property("to").and_then(id),
        mechanism: node.property("mechanism").and_then(keyword),
        module: node.property("module").and_then(|e| {
            integer(e)
                .and_then(|n| u8::try_from(n).ok())
                .map(|n| Spanned::new(n, e.value_span))
        }),
        tia: prop_text(node, "tia"),
        ground: node.property("ground").and_then(keyword),
        occasional: prop_bool(node, "occasional"),
        safeguards: prop_text(node, "safeguards"),
    }
}
