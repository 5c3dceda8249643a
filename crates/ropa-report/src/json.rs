//! The report as data: one JSON document with a `version`, its schema in
//! docs/reports.md (a test keeps the two in step). Keywords are written as
//! in the spec language (`contract`, `scc`), not translated, so that the
//! document reads the same whatever `--lang` was; only `lang` records it.
//! Sections the report kind does not include are left out.

use std::io::{self, Write};

use ropa_syntax::model::{Contact, Dpa, Dpia, Dpo, Period, Review, Text};
use ropa_syntax::values::Keyword;
use serde::Serialize;

use crate::flows::{Flow, Recipient};
use crate::notice::{self, Scope};
use crate::view::{ActivityView, Counts, PartyView, View};
use crate::{Ctx, JSON_VERSION, Kind, Revision};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    kind: &'static str,
    lang: &'static str,
    generated: String,
    revision: Option<RevisionOut<'a>>,
    legal_facts_as_of: &'static str,
    summary: CountsOut,
    organization: Option<OrganizationOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activities: Option<Each<'a, ActivityOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject_categories: Option<Vec<SubjectOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_categories: Option<Vec<DataOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parties: Option<Each<'a, PartyOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flows: Option<Each<'a, FlowOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Each<'a, FindingOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<NoticeOut<'a>>,
}

/// A list written as its items are made, one at a time: the lists of a
/// large record's report (activities, parties, flows, findings) each hold
/// an item per activity or more, and built whole before being written they
/// were most of the report's memory.
struct Each<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<'a, T> Each<'a, T> {
    fn new<I: Iterator<Item = T> + 'a>(items: impl Fn() -> I + 'a) -> Self {
        Each(Box::new(move || Box::new(items())))
    }
}

impl<T: Serialize> Serialize for Each<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct RevisionOut<'a> {
    commit: &'a str,
    dirty: bool,
}

#[derive(Serialize)]
struct CountsOut {
    error: usize,
    warning: usize,
    info: usize,
}

impl From<Counts> for CountsOut {
    fn from(c: Counts) -> CountsOut {
        CountsOut {
            error: c.error,
            warning: c.warning,
            info: c.info,
        }
    }
}

#[derive(Serialize)]
struct ContactOut<'a> {
    name: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    country: Option<&'static str>,
}

#[derive(Serialize)]
struct DpoOut<'a> {
    appointed: bool,
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct OrganizationOut<'a> {
    name: &'a str,
    registration: Option<&'a str>,
    country: Option<&'static str>,
    address: Option<&'a str>,
    website: Option<&'a str>,
    employees: Option<u64>,
    contact: Option<ContactOut<'a>>,
    dpo: Option<DpoOut<'a>>,
    representative: Option<ContactOut<'a>>,
    security: Vec<&'a str>,
    breach_procedure: Option<&'a str>,
    rights_procedure: Option<&'a str>,
    owner: Option<&'a str>,
    version: Option<VersionOut<'a>>,
    reviewed: Option<ReviewOut<'a>>,
}

#[derive(Serialize)]
struct VersionOut<'a> {
    version: &'a str,
    approved: Option<String>,
    by: Option<&'a str>,
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    date: Option<String>,
    by: Option<&'a str>,
}

fn review(r: &Review) -> ReviewOut<'_> {
    ReviewOut {
        date: r.date.as_ref().map(|d| d.value.to_string()),
        by: s(&r.by),
    }
}

#[derive(Serialize)]
struct BasisOut<'a> {
    basis: &'static str,
    law: Option<&'a str>,
    interest: Option<&'a str>,
    assessment: Option<&'a str>,
    withdrawal: Option<&'a str>,
    records: Option<&'a str>,
    parental: bool,
}

#[derive(Serialize)]
struct ConditionOut<'a> {
    condition: &'static str,
    law: Option<&'a str>,
}

#[derive(Serialize)]
struct CriminalOut<'a> {
    law: Option<&'a str>,
}

#[derive(Serialize)]
struct RetentionOut<'a> {
    kind: &'static str,
    period: Option<String>,
    from: Option<&'a str>,
    criterion: Option<&'a str>,
    data: Option<&'a str>,
    statute: Option<&'static str>,
}

#[derive(Serialize)]
struct TransferOut<'a> {
    country: Option<&'static str>,
    to: Option<&'a str>,
    mechanism: Option<&'static str>,
    module: Option<u8>,
    tia: Option<&'a str>,
    ground: Option<&'static str>,
    occasional: bool,
    safeguards: Option<&'a str>,
}

#[derive(Serialize)]
struct DecisionOut<'a> {
    description: &'a str,
    safeguards: Option<&'a str>,
}

#[derive(Serialize)]
struct DpiaOut<'a> {
    status: &'static str,
    reference: Option<&'a str>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct ProvisionOut<'a> {
    requirement: &'static str,
    consequence: Option<&'a str>,
}

#[derive(Serialize)]
struct ActivityOut<'a> {
    id: &'a str,
    name: &'a str,
    role: &'static str,
    counterpart: Option<&'a str>,
    arrangement: Option<&'a str>,
    purpose: Option<&'a str>,
    subjects: Vec<&'a str>,
    data: Vec<&'a str>,
    source: Option<&'a str>,
    provision: Option<ProvisionOut<'a>>,
    bases: Vec<BasisOut<'a>>,
    conditions: Vec<ConditionOut<'a>>,
    criminal_authority: Option<CriminalOut<'a>>,
    retention: Vec<RetentionOut<'a>>,
    processors: Vec<&'a str>,
    recipients: Vec<&'a str>,
    transfers: Vec<TransferOut<'a>>,
    tracking: Vec<&'static str>,
    involves: Vec<&'static str>,
    automated_decisions: Vec<DecisionOut<'a>>,
    dpia: DpiaOut<'a>,
    security: Vec<&'a str>,
    systems: Vec<&'a str>,
    owner: Option<&'a str>,
    reviewed: Option<ReviewOut<'a>>,
    findings: CountsOut,
}

#[derive(Serialize)]
struct SubjectOut<'a> {
    id: &'a str,
    description: Option<&'a str>,
    children: bool,
    employees: bool,
    vulnerable: bool,
    used_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct DataOut<'a> {
    id: &'a str,
    description: Option<&'a str>,
    special: Option<&'static str>,
    criminal: bool,
    used_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct DpaOut<'a> {
    status: &'static str,
    date: Option<String>,
    reference: Option<&'a str>,
}

#[derive(Serialize)]
struct PartyOut<'a> {
    id: &'a str,
    kind: &'static str,
    entity: Option<&'a str>,
    recipient_kind: Option<&'static str>,
    service: Option<&'a str>,
    country: Option<&'static str>,
    stored_in: Vec<&'static str>,
    accessed_from: Vec<&'static str>,
    parent: Option<&'static str>,
    processor: Option<&'a str>,
    dpa: Option<DpaOut<'a>>,
    dpf: bool,
    used_by: Vec<&'a str>,
    findings: CountsOut,
}

#[derive(Serialize)]
struct FlowOut<'a> {
    activity: &'a str,
    recipient: Option<&'a str>,
    recipient_declared: bool,
    via: Option<&'a str>,
    country: Option<&'static str>,
    zone: &'static str,
    transfer: Option<usize>,
    mechanism: Option<&'static str>,
    status: &'static str,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'static str,
    severity: &'static str,
    category: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    entity: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct AuthorityOut {
    country: &'static str,
    short_name: &'static str,
    name: &'static str,
    name_en: &'static str,
    website: &'static str,
}

#[derive(Serialize)]
struct NoticeOut<'a> {
    subjects: Vec<&'a str>,
    activities: Vec<&'a str>,
    processor_activities_left_out: usize,
    authority: Option<AuthorityOut>,
    to_complete: Vec<GapOut>,
}

#[derive(Serialize)]
struct GapOut {
    section: &'static str,
    field: &'static str,
    about: Vec<String>,
}

fn s(text: &Option<Text>) -> Option<&str> {
    text.as_ref().map(|t| t.value.as_str())
}

fn contact(c: &Contact) -> ContactOut<'_> {
    ContactOut {
        name: &c.name.value,
        email: s(&c.email),
        phone: s(&c.phone),
        country: c.country.as_ref().map(|x| x.value.code()),
    }
}

pub fn render(ctx: &Ctx, scope: Option<&Scope>, out: &mut dyn Write) -> io::Result<()> {
    let view = ctx.view;
    let kind = ctx.options.kind;
    let record = kind.includes(Kind::Record);
    let transfers = kind.includes(Kind::Transfers);
    let ordered = if kind.includes(Kind::Findings) {
        crate::findings::ordered(&view.findings)
    } else {
        Vec::new()
    };
    let ordered = &ordered;
    let report = Report {
        version: JSON_VERSION,
        kind: kind.as_str(),
        lang: ctx.lang.code(),
        generated: ctx.options.generated.to_string(),
        revision: match &ctx.options.revision {
            Revision::Commit { id, dirty } => Some(RevisionOut {
                commit: id,
                dirty: *dirty,
            }),
            Revision::Unversioned => None,
        },
        legal_facts_as_of: ropa_law::facts_as_of(),
        summary: view.counts.into(),
        organization: view.organization.map(|(_, o)| OrganizationOut {
            name: &o.name.value,
            registration: s(&o.registration),
            country: o.country.as_ref().map(|c| c.value.code()),
            address: s(&o.address),
            website: s(&o.website),
            employees: o.employees.as_ref().map(|e| e.value),
            contact: o.contact.as_ref().map(contact),
            dpo: o.dpo.as_ref().map(|d| match d {
                Dpo::Appointed(c) => DpoOut {
                    appointed: true,
                    name: Some(&c.name.value),
                    email: s(&c.email),
                    phone: s(&c.phone),
                    reason: None,
                },
                Dpo::NotAppointed { reason, .. } => DpoOut {
                    appointed: false,
                    name: None,
                    email: None,
                    phone: None,
                    reason: s(reason),
                },
            }),
            representative: o.representative.as_ref().map(contact),
            security: o.security.iter().map(|t| t.value.as_str()).collect(),
            breach_procedure: s(&o.breach_procedure),
            rights_procedure: s(&o.rights_procedure),
            owner: s(&o.owner),
            version: o.version.as_ref().map(|v| VersionOut {
                version: &v.version.value,
                approved: v.approved.as_ref().map(|d| d.value.to_string()),
                by: s(&v.by),
            }),
            reviewed: o.reviewed.as_ref().map(review),
        }),
        activities: record.then(|| Each::new(move || view.activities.iter().map(activity))),
        subject_categories: record.then(|| {
            view.subjects
                .iter()
                .map(|c| SubjectOut {
                    id: &c.item.id.value,
                    description: s(&c.item.description),
                    children: c.item.children,
                    employees: c.item.employees,
                    vulnerable: c.item.vulnerable,
                    used_by: c.used_by.iter().map(|a| view.activities[*a].id()).collect(),
                })
                .collect()
        }),
        data_categories: record.then(|| {
            view.data
                .iter()
                .map(|c| DataOut {
                    id: &c.item.id.value,
                    description: s(&c.item.description),
                    special: c.item.special.as_ref().map(|x| x.value.as_str()),
                    criminal: c.item.criminal,
                    used_by: c.used_by.iter().map(|a| view.activities[*a].id()).collect(),
                })
                .collect()
        }),
        parties: transfers.then(|| Each::new(move || view.parties.iter().map(move |p| party(view, p)))),
        flows: transfers.then(|| Each::new(move || view.flows.iter().map(move |f| flow(view, f)))),
        findings: kind.includes(Kind::Findings).then(|| {
            Each::new(move || {
                ordered.iter().map(move |f| FindingOut {
                    rule: f.diagnostic.rule.id(),
                    severity: f.diagnostic.severity.as_str(),
                    category: category(f.diagnostic.rule.info().category),
                    message: &f.diagnostic.message,
                    help: f.diagnostic.help.as_deref(),
                    entity: f.target.map(|t| view.id_of(t)),
                    file: f.path,
                    line: f.line,
                    column: f.column,
                })
            })
        }),
        notice: scope.map(|scope| NoticeOut {
            subjects: scope
                .subjects
                .iter()
                .map(|i| view.subjects[*i].item.id.value.as_str())
                .collect(),
            activities: scope.activities.iter().map(|a| view.activities[*a].id()).collect(),
            processor_activities_left_out: scope.processor_activities,
            authority: view
                .country()
                .and_then(|c| {
                    let region = view.organization.and_then(|(_, o)| o.region.as_ref()).map(|r| r.value);
                    match ropa_law::competent_authority(c, region) {
                        ropa_law::Competent::Authority(a) => Some(a),
                        _ => None,
                    }
                })
                .map(|a| AuthorityOut {
                    country: a.country,
                    short_name: a.short_name,
                    name: a.name,
                    name_en: a.name_en,
                    website: a.website,
                }),
            to_complete: notice::draft(ctx, scope)
                .gaps
                .into_iter()
                .map(|g| GapOut {
                    section: g.section,
                    field: g.field.as_str(),
                    about: g.about,
                })
                .collect(),
        }),
    };
    // Into the writer as it is serialized: the report of a large record
    // is hundreds of megabytes. Plain structs of strings and numbers cannot
    // fail to serialize; only the writer can.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn category(category: ropa_check::rules::Category) -> &'static str {
    use ropa_check::rules::Category as C;
    match category {
        C::Structure => "structure",
        C::Lawfulness => "lawfulness",
        C::Retention => "retention",
        C::Transfers => "transfers",
        C::Processors => "processors",
        C::Accountability => "accountability",
        C::Suppression => "suppression",
    }
}

fn activity<'v>(a: &'v ActivityView) -> ActivityOut<'v> {
    let activity = a.activity;
    let role = activity.role.as_ref();
    ActivityOut {
        id: &activity.id.value,
        name: activity.title(),
        role: activity.role_kind().as_str(),
        counterpart: role.and_then(|r| s(&r.counterpart)),
        arrangement: role.and_then(|r| s(&r.arrangement)),
        purpose: s(&activity.purpose),
        subjects: activity.subjects.iter().map(|r| r.value.as_str()).collect(),
        data: activity.data.iter().map(|r| r.value.as_str()).collect(),
        source: s(&activity.source),
        provision: activity.provision.as_ref().map(|p| ProvisionOut {
            requirement: p.kind.value.as_str(),
            consequence: s(&p.consequence),
        }),
        bases: activity
            .bases
            .iter()
            .map(|b| BasisOut {
                basis: b.kind.value.as_str(),
                law: s(&b.law),
                interest: s(&b.interest),
                assessment: s(&b.assessment),
                withdrawal: s(&b.withdrawal),
                records: s(&b.records),
                parental: b.parental,
            })
            .collect(),
        conditions: activity
            .conditions
            .iter()
            .map(|c| ConditionOut {
                condition: c.kind.value.as_str(),
                law: s(&c.law),
            })
            .collect(),
        criminal_authority: activity
            .criminal_authority
            .as_ref()
            .map(|c| CriminalOut { law: s(&c.law) }),
        retention: activity
            .retention
            .iter()
            .map(|r| {
                let (kind, period, criterion) = match &r.period {
                    Period::Fixed(d) => ("fixed", Some(d.value.to_string()), None),
                    Period::Until(t) => ("until", None, Some(t.value.as_str())),
                    Period::Indefinite(t) => ("indefinite", None, Some(t.value.as_str())),
                    Period::Missing | Period::Malformed => ("missing", None, None),
                };
                RetentionOut {
                    kind,
                    period,
                    from: s(&r.from),
                    criterion,
                    data: r.data.as_ref().map(|d| d.value.as_str()),
                    statute: r.statute.as_ref().map(|x| x.value.as_str()),
                }
            })
            .collect(),
        processors: activity.processors.iter().map(|r| r.value.as_str()).collect(),
        recipients: activity.recipients.iter().map(|r| r.value.as_str()).collect(),
        transfers: activity
            .transfers
            .iter()
            .map(|t| TransferOut {
                country: t.country.as_ref().map(|c| c.value.code()),
                to: t.to.as_ref().map(|x| x.value.as_str()),
                mechanism: t.mechanism.as_ref().map(|m| m.value.as_str()),
                module: t.module.as_ref().map(|m| m.value),
                tia: s(&t.tia),
                ground: t.ground.as_ref().map(|g| g.value.as_str()),
                occasional: t.occasional,
                safeguards: s(&t.safeguards),
            })
            .collect(),
        tracking: activity.tracking.iter().map(|t| t.value.as_str()).collect(),
        involves: activity.involves.iter().map(|t| t.value.as_str()).collect(),
        automated_decisions: activity
            .automated_decisions
            .iter()
            .map(|d| DecisionOut {
                description: &d.description.value,
                safeguards: s(&d.safeguards),
            })
            .collect(),
        dpia: match &activity.dpia {
            Some(Dpia::Done(reference)) => DpiaOut {
                status: "done",
                reference: Some(&reference.value),
                reason: None,
            },
            Some(Dpia::NotNeeded { reason, .. }) => DpiaOut {
                status: "not-needed",
                reference: None,
                reason: s(reason),
            },
            None => DpiaOut {
                status: "not-recorded",
                reference: None,
                reason: None,
            },
        },
        security: activity.security.iter().map(|t| t.value.as_str()).collect(),
        systems: activity.systems.iter().map(|r| r.value.as_str()).collect(),
        owner: s(&activity.owner),
        reviewed: activity.reviewed.as_deref().map(review),
        findings: a.counts.into(),
    }
}

fn party<'v>(view: &'v View, p: &'v PartyView) -> PartyOut<'v> {
    let party = p.party;
    PartyOut {
        id: &party.id.value,
        kind: party.kind.keyword(),
        entity: s(&party.entity),
        recipient_kind: party.recipient_kind.as_ref().map(|k| k.value.as_str()),
        service: s(&party.service),
        country: party.country.as_ref().map(|c| c.value.code()),
        stored_in: party.stored_in.iter().map(|c| c.value.code()).collect(),
        accessed_from: party.accessed_from.iter().map(|c| c.value.code()).collect(),
        parent: party.parent.as_ref().map(|c| c.value.code()),
        processor: p.parent.map(|i| view.parties[i].party.id.value.as_str()),
        dpa: party.kind.is_processor().then(|| match &party.dpa {
            Some(Dpa::Signed(date)) => DpaOut {
                status: "signed",
                date: Some(date.value.to_string()),
                reference: None,
            },
            Some(Dpa::Reference(r)) => DpaOut {
                status: "reference",
                date: None,
                reference: Some(&r.value),
            },
            Some(Dpa::Missing(_)) => DpaOut {
                status: "none",
                date: None,
                reference: None,
            },
            None => DpaOut {
                status: "not-recorded",
                date: None,
                reference: None,
            },
        }),
        dpf: party.dpf.as_ref().is_some_and(|d| d.value),
        used_by: p.used_by.iter().map(|a| view.activities[*a].id()).collect(),
        findings: p.counts.into(),
    }
}

fn flow<'v>(view: &'v View, f: &'v Flow) -> FlowOut<'v> {
    let activity = &view.activities[f.activity];
    let (recipient, declared) = match &f.recipient {
        Recipient::Party(p) => (Some(view.parties[*p].party.id.value.as_str()), true),
        Recipient::Undefined(_) => (
            f.transfer
                .and_then(|t| activity.activity.transfers[t].to.as_ref())
                .map(|to| to.value.as_str()),
            false,
        ),
        Recipient::Unnamed => (None, false),
    };
    FlowOut {
        activity: activity.id(),
        recipient,
        recipient_declared: declared,
        via: f.via.map(|v| view.parties[v].party.id.value.as_str()),
        country: f.country.map(|c| c.code()),
        zone: f.zone.as_str(),
        transfer: f.transfer,
        mechanism: f
            .transfer
            .and_then(|t| activity.activity.transfers[t].mechanism.as_ref())
            .map(|m| m.value.as_str()),
        status: f.status.as_str(),
    }
}
