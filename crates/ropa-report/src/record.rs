//! The record of processing activities: the controller record (Art. 30(1)
//! a–g) and the processor record (Art. 30(2) a–d), one section per activity
//! with every field the article lists. A field the spec leaves empty is shown
//! as missing rather than left out, so the gap is visible to whoever reads
//! the record.

use ropa_syntax::model::{Activity, Controller, Dpia, Dpo};
use ropa_syntax::values::{RoleKind, is_placeholder};

use crate::doc::{
    Block, Deferred, DeferredKind, Field, Inline, LaterRows, Line, Row, RowsKind, Section, Table, Tone, join, lines,
    link, missing, muted, text,
};
use crate::i18n::{self, Cite, Key, fill};
use crate::notice::placeholder;
use crate::view::{ActivityView, ORGANIZATION_ANCHOR, Ref};
use crate::{Ctx, pieces};

pub const RECORD_ANCHOR: &str = "record";
const SECURITY_ANCHOR: &str = "security";
const CATEGORIES_ANCHOR: &str = "categories";

fn field(ctx: &Ctx, label: Key, cite: Option<Cite>, value: Line) -> Field {
    Field {
        label: ctx.t(label).to_owned(),
        cite: cite.map(|c| i18n::cite(ctx.lang, c)),
        value,
    }
}

fn or_missing(ctx: &Ctx, line: Line) -> Line {
    if line.is_empty() {
        vec![missing(ctx.t(Key::NotRecorded))]
    } else {
        line
    }
}

/// A fact the record may give but Art. 30 does not require: when absent,
/// said quietly rather than highlighted as a gap.
fn or_unstated(ctx: &Ctx, line: Line) -> Line {
    if line.is_empty() {
        vec![muted(ctx.t(Key::NotRecorded))]
    } else {
        line
    }
}

fn or_none(ctx: &Ctx, line: Line) -> Line {
    if line.is_empty() {
        vec![muted(ctx.t(Key::NoneRecorded))]
    } else {
        line
    }
}

pub fn part(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut part = Section::new(Some(RECORD_ANCHOR.to_owned()), ctx.t(Key::RecordTitle));
    let intro = if ctx.internal() {
        Key::RecordIntro
    } else {
        Key::RecordIntroAuthority
    };
    part.blocks.push(Block::Paragraph(vec![text(ctx.t(intro))]));
    part.children.push(controller(ctx));
    if !view.activities.is_empty() {
        part.children.push(overview(ctx));
    }
    let (as_processor, as_controller): (Vec<usize>, Vec<usize>) =
        (0..view.activities.len()).partition(|&i| view.activities[i].activity.role_kind() == RoleKind::Processor);
    if !as_controller.is_empty() {
        let mut section = Section::new(Some("record-controller".to_owned()), ctx.t(Key::ControllerRecordTitle));
        section
            .blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::ControllerRecordIntro))]));
        section.deferred = Some(deferred(ctx, DeferredKind::ControllerActivities, as_controller));
        part.children.push(section);
    }
    if !as_processor.is_empty() {
        let mut section = Section::new(Some("record-processor".to_owned()), ctx.t(Key::ProcessorRecordTitle));
        section.blocks.push(Block::Paragraph(vec![
            text(ctx.t(Key::ProcessorRecordIntro)),
            text(" "),
            link(ctx.t(Key::SeeControllerSection), ORGANIZATION_ANCHOR),
        ]));
        section.deferred = Some(deferred(ctx, DeferredKind::ProcessorActivities, as_processor));
        part.children.push(section);
    }
    part.children.push(security(ctx));
    part.children.push(categories(ctx));
    part
}

/// Activities' sections, built when printed ([`expand`]): a record's
/// activities are most of its document.
fn deferred(ctx: &Ctx, kind: DeferredKind, items: Vec<usize>) -> Deferred {
    let anchors = items.iter().map(|&i| ctx.view.activities[i].anchor.clone()).collect();
    Deferred { kind, items, anchors }
}

/// The sections of a batch of deferred activities, on every core.
pub fn expand(ctx: &Ctx, kind: DeferredKind, batch: &[usize]) -> Vec<Section> {
    let activities = &ctx.view.activities;
    crate::parallel::map(batch, |&i| match kind {
        DeferredKind::ControllerActivities => controller_activity(ctx, &activities[i]),
        DeferredKind::ProcessorActivities => processor_activity(ctx, &activities[i]),
    })
}

/// Art. 30(1)(a) and 30(2)(a): who keeps the record and how to reach them.
fn controller(ctx: &Ctx) -> Section {
    let mut section = Section::new(Some(ORGANIZATION_ANCHOR.to_owned()), ctx.t(Key::OrganizationTitle));
    let Some((_, org)) = ctx.view.organization else {
        // The team is told where the declaration goes; a reader outside it
        // sees the Art. 30(1)(a) field the record leaves empty.
        section.blocks.push(if ctx.internal() {
            Block::Callout(Tone::Error, vec![text(ctx.t(Key::AlertNoOrganization))])
        } else {
            Block::Fields(vec![field(
                ctx,
                Key::Name,
                Some(Cite::new(30, 1, 'a')),
                vec![missing(ctx.t(Key::NotRecorded))],
            )])
        });
        return section;
    };
    let a = Some(Cite::new(30, 1, 'a'));
    let mut fields = vec![field(ctx, Key::Name, a, vec![text(org.name.value.as_str())])];
    if let Some(registration) = &org.registration {
        fields.push(field(
            ctx,
            Key::RegistrationNumber,
            None,
            vec![text(registration.value.as_str())],
        ));
    }
    fields.push(field(
        ctx,
        Key::Address,
        a,
        or_missing(ctx, org.address.iter().map(|x| text(x.value.as_str())).collect()),
    ));
    fields.push(field(
        ctx,
        Key::CountryOfEstablishment,
        None,
        or_missing(
            ctx,
            org.country
                .iter()
                .map(|c| text(pieces::country_name(ctx, c.value)))
                .collect(),
        ),
    ));
    if let Some(website) = &org.website {
        fields.push(field(ctx, Key::Website, None, vec![pieces::website(&website.value)]));
    }
    fields.push(field(
        ctx,
        Key::ContactPerson,
        a,
        or_missing(
            ctx,
            org.contact
                .as_ref()
                .map(|c| pieces::contact(ctx, c))
                .unwrap_or_default(),
        ),
    ));
    let dpo_cite = match org.dpo {
        Some(Dpo::Appointed(_)) => a,
        _ => Some(Cite::article(37)),
    };
    fields.push(field(ctx, Key::Dpo, dpo_cite, pieces::dpo(ctx, org)));
    let outside_eea = org.country.as_ref().is_some_and(|c| !ropa_law::is_eea(c.value));
    match &org.representative {
        Some(r) => fields.push(field(ctx, Key::Representative, a, pieces::contact(ctx, r))),
        None if outside_eea => fields.push(field(
            ctx,
            Key::Representative,
            Some(Cite::article(27)),
            vec![missing(ctx.t(Key::NotRecorded))],
        )),
        None => {}
    }
    if let Some(employees) = &org.employees {
        fields.push(field(
            ctx,
            Key::Employees,
            Some(Cite::paragraph(30, 5)),
            vec![text(employees.value.to_string())],
        ));
    }
    // Who keeps the record, which version it is and when it was last
    // reviewed: what an authority asks first (Art. 5(2), 24(1)).
    let accountable = Some(Cite::paragraph(5, 2));
    fields.push(field(
        ctx,
        Key::RecordOwner,
        accountable,
        or_unstated(ctx, org.owner.iter().map(|o| text(o.value.as_str())).collect()),
    ));
    fields.push(field(
        ctx,
        Key::RecordVersion,
        None,
        or_unstated(
            ctx,
            org.version
                .as_ref()
                .map(|v| pieces::record_version(ctx, v))
                .unwrap_or_default(),
        ),
    ));
    fields.push(field(
        ctx,
        Key::LastReviewed,
        Some(Cite::paragraph(24, 1)),
        or_unstated(
            ctx,
            org.reviewed
                .as_ref()
                .map(|r| pieces::review(ctx, r))
                .unwrap_or_default(),
        ),
    ));
    section.blocks.push(Block::Fields(fields));
    section
}

/// The function responsible for an activity, the systems it uses and its
/// last review (its own, else the whole record's).
fn stewardship(ctx: &Ctx, a: &ActivityView, fields: &mut Vec<Field>) {
    let activity = a.activity;
    fields.push(field(
        ctx,
        Key::ActivityOwner,
        Some(Cite::paragraph(5, 2)),
        or_unstated(ctx, activity.owner.iter().map(|o| text(o.value.as_str())).collect()),
    ));
    if !a.systems.is_empty() {
        let systems = a.systems.iter().map(|r| pieces::party_ref(ctx, ctx.view, r)).collect();
        fields.push(field(ctx, Key::SystemsUsed, None, join(systems, ", ")));
    }
    let record_review = ctx.view.organization.and_then(|(_, o)| o.reviewed.as_ref());
    let review = match (activity.reviewed.as_deref(), record_review) {
        (Some(own), _) => pieces::review(ctx, own),
        (None, Some(record)) => {
            let mut line = pieces::review(ctx, record);
            line.push(text(" "));
            line.push(muted(format!("({})", ctx.t(Key::ReviewOfRecord))));
            line
        }
        (None, None) => Vec::new(),
    };
    fields.push(field(
        ctx,
        Key::LastReviewed,
        Some(Cite::paragraph(24, 1)),
        or_unstated(ctx, review),
    ));
}

/// The overview's row of activity `a`.
pub fn overview_row(ctx: &Ctx, a: usize) -> Row {
    let a = &ctx.view.activities[a];
    let activity = a.activity;
    let mut name = vec![link(activity.title(), a.anchor.clone())];
    if ctx.internal() {
        name.push(text(" "));
        name.push(Inline::Code(a.id().to_owned()));
    }
    name.push(Inline::Break);
    name.push(muted(crate::doc::plain(&role(ctx, activity))));
    let purpose = activity.purpose.as_ref().map_or_else(
        || vec![missing(ctx.t(Key::NotRecorded))],
        |p| vec![text(p.value.as_str())],
    );
    let bases: Vec<Line> = activity
        .bases
        .iter()
        .map(|b| vec![text(i18n::label(ctx.lang, b.kind.value))])
        .collect();
    let bases = if bases.is_empty() && activity.role_kind() != RoleKind::Processor {
        vec![missing(ctx.t(Key::NotRecorded))]
    } else {
        lines(bases)
    };
    let mut cells = vec![name, purpose, bases];
    if ctx.internal() {
        let mut findings = pieces::count_badges(ctx, a.counts);
        if findings.is_empty() {
            findings.push(muted("–"));
        }
        cells.push(findings);
    }
    Row { anchor: None, cells }
}

/// One line per activity: the record at a glance. The rows are built as
/// they are printed ([`overview_row`]).
fn overview(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("record-overview".to_owned()), ctx.t(Key::OverviewTitle));
    let (head, widths) = if ctx.internal() {
        (
            ctx.heads(&[Key::Activity, Key::Purpose, Key::LegalBasis, Key::FindingsTitle]),
            vec![29, 35, 20, 16],
        )
    } else {
        (
            ctx.heads(&[Key::Activity, Key::Purpose, Key::LegalBasis]),
            vec![33, 43, 24],
        )
    };
    section.blocks.push(Block::Table(Table {
        head,
        rows: Vec::new(),
        numeric: Vec::new(),
        widths,
        later: Some(LaterRows {
            kind: RowsKind::Overview,
            items: (0..view.activities.len()).collect(),
        }),
    }));
    section
}

pub fn role(ctx: &Ctx, activity: &Activity) -> Line {
    let kind = activity.role_kind();
    let mut out = vec![text(i18n::label(ctx.lang, kind))];
    if let Some(counterpart) = activity.role.as_ref().and_then(|r| r.counterpart.as_ref()) {
        let key = match kind {
            RoleKind::JointController => Key::RoleWith,
            _ => Key::RoleFor,
        };
        let named = match kind {
            RoleKind::Processor => declared_controller(ctx, &counterpart.value)
                .and_then(|c| c.name.as_ref())
                .map_or(counterpart.value.as_str(), |n| n.value.as_str()),
            _ => counterpart.value.as_str(),
        };
        out.push(text(" "));
        out.push(muted(format!("{} {named}", ctx.t(key))));
    }
    out
}

/// Art. 30(2)(a): the controller an activity is performed for, with its
/// name, contact details, representative and DPO. What the article asks and
/// the spec does not give is a visible placeholder, not a silence.
pub(crate) fn processor_for(ctx: &Ctx, activity: &Activity, fields: &mut Vec<Field>) {
    let cite = Some(Cite::new(30, 2, 'a'));
    let Some(counterpart) = activity.role.as_ref().and_then(|r| r.counterpart.as_ref()) else {
        fields.push(field(
            ctx,
            Key::ControllerOnBehalf,
            cite,
            vec![missing(ctx.t(Key::NotRecorded))],
        ));
        return;
    };
    let Some(controller) = declared_controller(ctx, &counterpart.value) else {
        // Named only in words (`for="…"`): the record has no details to show.
        let named = counterpart.value.as_str();
        fields.push(field(
            ctx,
            Key::ControllerOnBehalf,
            cite,
            vec![
                text(named),
                Inline::Break,
                placeholder(ctx, &fill(ctx.t(Key::FillControllerDeclared), &[named])),
            ],
        ));
        return;
    };
    let name = controller.name.as_ref().unwrap_or(&controller.id).value.as_str();
    let mut who = vec![text(name)];
    if let Some(address) = &controller.address {
        who.push(Inline::Break);
        who.push(text(address.value.as_str()));
    }
    if let Some(country) = &controller.country {
        who.push(Inline::Break);
        who.push(text(pieces::country_name(ctx, country.value)));
    }
    fields.push(field(ctx, Key::ControllerOnBehalf, cite, who));
    let reachable = controller
        .contact
        .as_ref()
        .filter(|c| !is_placeholder(&c.name.value) && (c.email.is_some() || c.phone.is_some()));
    let contact = match reachable {
        Some(c) => pieces::contact(ctx, c),
        None => vec![placeholder(ctx, &fill(ctx.t(Key::FillControllerContact), &[name]))],
    };
    fields.push(field(ctx, Key::ControllerContactDetails, cite, contact));
    let outside_eea = controller.country.as_ref().is_some_and(|c| !ropa_law::is_eea(c.value));
    match &controller.representative {
        Some(r) => fields.push(field(ctx, Key::Representative, cite, pieces::contact(ctx, r))),
        None if outside_eea => fields.push(field(
            ctx,
            Key::Representative,
            Some(Cite::article(27)),
            vec![placeholder(
                ctx,
                &fill(ctx.t(Key::FillControllerRepresentative), &[name]),
            )],
        )),
        None => {}
    }
    let dpo = match &controller.dpo {
        Some(Dpo::Appointed(c)) if !is_placeholder(&c.name.value) => pieces::contact(ctx, c),
        Some(Dpo::NotAppointed { reason, .. }) => {
            let mut line = vec![text(ctx.t(Key::DpoNotAppointed))];
            if let Some(reason) = reason {
                line.push(text(": "));
                line.push(text(reason.value.as_str()));
            }
            line
        }
        Some(Dpo::Appointed(_)) | None => vec![placeholder(ctx, &fill(ctx.t(Key::FillControllerDpo), &[name]))],
    };
    fields.push(field(ctx, Key::Dpo, cite, dpo));
}

/// The `controller` declared with an id, in any file of the workspace.
fn declared_controller<'a>(ctx: &Ctx<'_, 'a>, id: &str) -> Option<&'a Controller> {
    ctx.view
        .input
        .workspace
        .specs()
        .flat_map(|(_, spec)| spec.model.controllers.iter())
        .find(|c| c.id.value == id)
}

/// Art. 26: the joint controllers an activity names, each with the
/// reference to the arrangement, or a placeholder where it has none.
pub(crate) fn joint_controllers(ctx: &Ctx, a: &ActivityView) -> Vec<Line> {
    a.joint_controllers
        .iter()
        .map(|r| {
            let party = match r {
                Ref::Found(p) => &ctx.view.parties[*p],
                Ref::Undefined(id) => return pieces::undeclared(ctx, id),
            };
            let mut line = vec![text(format!("{}: ", ctx.t(Key::JointController)))];
            line.push(link(party.name(), party.anchor.clone()));
            line.push(text(format!(" · {}: ", ctx.t(Key::Arrangement))));
            match party.party.arrangement.as_ref().filter(|a| !is_placeholder(&a.value)) {
                Some(arrangement) => line.push(text(arrangement.value.as_str())),
                None => line.push(placeholder(ctx, &fill(ctx.t(Key::FillArrangement), &[party.name()]))),
            }
            line
        })
        .collect()
}

fn heading(ctx: &Ctx, a: &ActivityView) -> Section {
    let mut section = Section::new(Some(a.anchor.clone()), a.activity.title());
    if ctx.internal() {
        section.badges = pieces::count_badges(ctx, a.counts);
    }
    section
}

/// The activity's id in the spec, for the team that edits it.
fn spec_id(ctx: &Ctx, a: &ActivityView) -> Vec<Field> {
    if ctx.internal() {
        vec![field(ctx, Key::IdInSpec, None, vec![Inline::Code(a.id().to_owned())])]
    } else {
        Vec::new()
    }
}

fn controller_activity(ctx: &Ctx, a: &ActivityView) -> Section {
    let view = ctx.view;
    let activity = a.activity;
    let mut section = heading(ctx, a);
    let mut fields = spec_id(ctx, a);

    // (a) who decides: the organization, or it with another controller.
    let mut controllers = vec![link(
        view.organization_name().unwrap_or(ctx.t(Key::UnnamedOrganization)),
        ORGANIZATION_ANCHOR,
    )];
    if let Some(role) = &activity.role
        && role.kind.value == RoleKind::JointController
    {
        controllers.push(Inline::Break);
        controllers.push(text(format!("{}: ", ctx.t(Key::JointController))));
        match &role.counterpart {
            Some(with) => controllers.push(text(with.value.as_str())),
            None => controllers.push(missing(ctx.t(Key::NotRecorded))),
        }
        controllers.push(Inline::Break);
        controllers.push(text(format!("{}: ", ctx.t(Key::Arrangement))));
        match &role.arrangement {
            Some(arrangement) => controllers.push(text(arrangement.value.as_str())),
            None => controllers.push(missing(ctx.t(Key::NotRecorded))),
        }
    }
    for line in joint_controllers(ctx, a) {
        controllers.push(Inline::Break);
        controllers.extend(line);
    }
    fields.push(field(ctx, Key::Controller, Some(Cite::new(30, 1, 'a')), controllers));

    // (b) purposes, and the legal basis that makes them lawful.
    fields.push(field(
        ctx,
        Key::Purpose,
        Some(Cite::new(30, 1, 'b')),
        or_missing(ctx, activity.purpose.iter().map(|p| text(p.value.as_str())).collect()),
    ));
    fields.push(field(
        ctx,
        Key::LegalBasis,
        Some(Cite::paragraph(6, 1)),
        or_missing(
            ctx,
            lines(activity.bases.iter().map(|b| pieces::basis(ctx, b)).collect()),
        ),
    ));
    lawfulness_extras(ctx, a, &mut fields);

    // (c) whose data, and which.
    subjects_and_data(ctx, a, &mut fields, Some(Cite::new(30, 1, 'c')));
    if let Some(source) = &activity.source {
        fields.push(field(
            ctx,
            Key::Source,
            Some(Cite::new(14, 2, 'f')),
            vec![text(source.value.as_str())],
        ));
    }

    // (d) recipients, (e) transfers, (f) erasure, (g) security.
    fields.push(field(
        ctx,
        Key::Recipients,
        Some(Cite::new(30, 1, 'd')),
        recipients(ctx, a),
    ));
    fields.push(field(
        ctx,
        Key::Transfers,
        Some(Cite::new(30, 1, 'e')),
        transfers(ctx, a),
    ));
    fields.push(field(
        ctx,
        Key::Retention,
        Some(Cite::new(30, 1, 'f')),
        or_missing(
            ctx,
            lines(
                activity
                    .retention
                    .iter()
                    .map(|r| pieces::retention(ctx, view, r))
                    .collect(),
            ),
        ),
    ));
    fields.push(field(
        ctx,
        Key::SecurityMeasures,
        Some(Cite::new(30, 1, 'g')),
        security_of(ctx, a),
    ));
    accountability_extras(ctx, a, &mut fields);
    stewardship(ctx, a, &mut fields);
    section.blocks.push(Block::Fields(fields));
    section
}

fn processor_activity(ctx: &Ctx, a: &ActivityView) -> Section {
    let view = ctx.view;
    let activity = a.activity;
    let mut section = heading(ctx, a);
    let mut fields = spec_id(ctx, a);
    processor_for(ctx, activity, &mut fields);
    fields.push(field(
        ctx,
        Key::CategoriesOfProcessing,
        Some(Cite::new(30, 2, 'b')),
        or_missing(ctx, activity.purpose.iter().map(|p| text(p.value.as_str())).collect()),
    ));
    subjects_and_data(ctx, a, &mut fields, None);
    fields.push(field(
        ctx,
        Key::SubProcessors,
        Some(Cite::paragraph(28, 2)),
        recipients(ctx, a),
    ));
    fields.push(field(
        ctx,
        Key::Transfers,
        Some(Cite::new(30, 2, 'c')),
        transfers(ctx, a),
    ));
    fields.push(field(
        ctx,
        Key::SecurityMeasures,
        Some(Cite::new(30, 2, 'd')),
        security_of(ctx, a),
    ));
    if !activity.retention.is_empty() {
        fields.push(field(
            ctx,
            Key::Retention,
            None,
            lines(
                activity
                    .retention
                    .iter()
                    .map(|r| pieces::retention(ctx, view, r))
                    .collect(),
            ),
        ));
    }
    if !activity.bases.is_empty() {
        fields.push(field(
            ctx,
            Key::LegalBasisStated,
            None,
            lines(activity.bases.iter().map(|b| pieces::basis(ctx, b)).collect()),
        ));
    }
    stewardship(ctx, a, &mut fields);
    section.blocks.push(Block::Fields(fields));
    section
}

/// Art. 9 conditions and the Art. 10 authority, where the data calls for them.
fn lawfulness_extras(ctx: &Ctx, a: &ActivityView, fields: &mut Vec<Field>) {
    let view = ctx.view;
    let activity = a.activity;
    let data: Vec<_> = a
        .data
        .iter()
        .filter_map(|r| match r {
            Ref::Found(d) => Some(view.data[*d].item),
            Ref::Undefined(_) => None,
        })
        .collect();
    let special = data.iter().any(|d| d.special.is_some());
    if special || !activity.conditions.is_empty() {
        let conditions = activity
            .conditions
            .iter()
            .map(|c| {
                let mut line = pieces::keyword(ctx, c.kind.value);
                if let Some(law) = &c.law {
                    line.push(text(format!(" · {}: ", ctx.t(Key::BasisLaw))));
                    line.push(text(law.value.as_str()));
                }
                line
            })
            .collect();
        fields.push(field(
            ctx,
            Key::SpecialCategoryCondition,
            Some(Cite::paragraph(9, 2)),
            or_missing(ctx, lines(conditions)),
        ));
    }
    let criminal = data.iter().any(|d| d.criminal);
    if criminal || activity.criminal_authority.is_some() {
        let law = activity
            .criminal_authority
            .as_ref()
            .and_then(|c| c.law.as_ref())
            .map(|l| vec![text(l.value.as_str())])
            .unwrap_or_default();
        fields.push(field(
            ctx,
            Key::CriminalDataAuthority,
            Some(Cite::article(10)),
            or_missing(ctx, law),
        ));
    }
    let interests: Vec<Line> = activity
        .bases
        .iter()
        .filter_map(|b| b.interest.as_ref())
        .map(|i| vec![text(i.value.as_str())])
        .collect();
    if activity
        .bases
        .iter()
        .any(|b| b.kind.value == ropa_syntax::values::LegalBasis::LegitimateInterests)
    {
        fields.push(field(
            ctx,
            Key::LegitimateInterests,
            Some(Cite::new(13, 1, 'd')),
            or_missing(ctx, lines(interests)),
        ));
    }
}

fn subjects_and_data(ctx: &Ctx, a: &ActivityView, fields: &mut Vec<Field>, cite: Option<Cite>) {
    fields.push(field(ctx, Key::DataSubjects, cite, or_missing(ctx, subjects(ctx, a))));
    fields.push(field(ctx, Key::PersonalData, cite, or_missing(ctx, data(ctx, a))));
}

/// The data-subject categories of an activity, with their vulnerable groups.
pub fn subjects(ctx: &Ctx, a: &ActivityView) -> Line {
    let view = ctx.view;
    let items = a
        .subjects
        .iter()
        .map(|r| match r {
            Ref::Found(s) => {
                let item = &view.subjects[*s];
                let subject = item.item;
                let mut line = vec![link(
                    subject
                        .description
                        .as_ref()
                        .map_or(subject.id.value.as_str(), |d| d.value.as_str()),
                    item.anchor.clone(),
                )];
                let flags: Vec<&str> = [
                    (subject.children, Key::SubjectsChildren),
                    (subject.employees, Key::SubjectsEmployees),
                    (subject.vulnerable, Key::SubjectsVulnerable),
                ]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, key)| ctx.t(key))
                .collect();
                if !flags.is_empty() {
                    line.push(text(" "));
                    line.push(Inline::Badge(Tone::Info, flags.join(", ")));
                }
                line
            }
            Ref::Undefined(id) => pieces::undeclared(ctx, id),
        })
        .collect();
    lines(items)
}

/// The personal-data categories of an activity, with special and criminal kinds.
pub fn data(ctx: &Ctx, a: &ActivityView) -> Line {
    let view = ctx.view;
    let items = a
        .data
        .iter()
        .map(|r| match r {
            Ref::Found(d) => {
                let item = &view.data[*d];
                let data = item.item;
                let mut line = vec![link(
                    data.description
                        .as_ref()
                        .map_or(data.id.value.as_str(), |d| d.value.as_str()),
                    item.anchor.clone(),
                )];
                if let Some(special) = &data.special {
                    line.push(text(" "));
                    line.push(Inline::Badge(
                        Tone::Warning,
                        format!(
                            "{}: {}",
                            ctx.t(Key::SpecialCategory),
                            i18n::label(ctx.lang, special.value)
                        ),
                    ));
                }
                if data.criminal {
                    line.push(text(" "));
                    line.push(Inline::Badge(Tone::Warning, ctx.t(Key::CriminalData).to_owned()));
                }
                line
            }
            Ref::Undefined(id) => pieces::undeclared(ctx, id),
        })
        .collect();
    lines(items)
}

/// Art. 30(1)(d): the processors and recipients, with the sub-processors
/// the data reaches through them.
pub fn recipients(ctx: &Ctx, a: &ActivityView) -> Line {
    let view = ctx.view;
    let mut out: Vec<Line> = Vec::new();
    for r in &a.processors {
        let mut line = vec![muted(format!("{}: ", ctx.t(Key::Processor)))];
        line.extend(pieces::party_ref(ctx, view, r));
        if let Ref::Found(p) = r {
            let party = view.parties[*p].party;
            if let Some(service) = &party.service {
                line.push(text(format!(" — {}", service.value)));
            }
            let subs: Vec<Line> = view
                .subtree(*p)
                .into_iter()
                .skip(1)
                .map(|q| pieces::party(view, q))
                .collect();
            if !subs.is_empty() {
                line.push(Inline::Break);
                line.push(muted(format!("{}: ", ctx.t(Key::SubProcessors))));
                line.extend(join(subs, ", "));
            }
        }
        out.push(line);
    }
    for r in &a.recipients {
        let mut line = vec![muted(format!("{}: ", ctx.t(Key::Recipient)))];
        line.extend(pieces::party_ref(ctx, view, r));
        if let Ref::Found(p) = r
            && let Some(kind) = &view.parties[*p].party.recipient_kind
        {
            line.push(text(format!(" ({})", i18n::label(ctx.lang, kind.value))));
        }
        out.push(line);
    }
    or_none(ctx, lines(out))
}

/// Art. 30(1)(e): every flow of the activity's data outside the EEA, the
/// declared transfers with their safeguards and the undeclared ones.
pub fn transfers(ctx: &Ctx, a: &ActivityView) -> Line {
    let view = ctx.view;
    let out: Vec<Line> = view
        .flows_of(a.index)
        .iter()
        .filter(|f| f.status.is_transfer())
        .map(|f| {
            let mut line = pieces::destination(ctx, f);
            line.push(text(" → "));
            line.extend(pieces::recipient(ctx, view, &f.recipient));
            line.push(text(": "));
            match f.transfer {
                Some(t) => line.extend(pieces::safeguard(ctx, &a.activity.transfers[t])),
                None => line.push(missing(ctx.t(Key::TransferNotDeclared))),
            }
            // "Not declared" is already said; only the missing safeguard is news.
            if f.status.is_unsafeguarded() {
                line.push(text(" "));
                line.push(pieces::status(ctx, f.status));
            }
            line
        })
        .collect();
    let mut out = out;
    // A transfer to an international organisation names no country: it is
    // listed with the organisation it goes to (Art. 30(1)(e)).
    for transfer in a.activity.transfers.iter().filter(|t| t.country.is_none()) {
        let mut line = vec![text(format!("{}: ", ctx.t(Key::InternationalOrganisation)))];
        match &transfer.to {
            Some(to) => match ctx.view.input.index.party(&to.value) {
                Some(party) => line.push(text(
                    party.entity.as_ref().map_or(to.value.as_str(), |e| e.value.as_str()),
                )),
                None => line.extend(pieces::undeclared(ctx, &to.value)),
            },
            None => line.push(missing(ctx.t(Key::NotRecorded))),
        }
        line.push(text(": "));
        line.extend(pieces::safeguard(ctx, transfer));
        out.push(line);
    }
    let international = |p: usize| {
        view.parties[p]
            .party
            .recipient_kind
            .as_ref()
            .is_some_and(|k| k.value == ropa_syntax::values::RecipientKind::InternationalOrganisation)
    };
    let mut unknown: Vec<String> = view
        .flows_of(a.index)
        .iter()
        .filter(|f| f.country.is_none())
        .filter_map(|f| match f.recipient {
            crate::flows::Recipient::Party(p) if !international(p) => Some(view.parties[p].name().to_owned()),
            _ => None,
        })
        .collect();
    unknown.dedup();
    if out.is_empty() && unknown.is_empty() {
        return vec![muted(ctx.t(Key::NoTransfers))];
    }
    if !unknown.is_empty() {
        out.push(vec![missing(crate::i18n::fill(
            ctx.t(Key::LocationsMissingFor),
            &[&unknown.join(", ")],
        ))]);
    }
    lines(out)
}

pub fn security_of(ctx: &Ctx, a: &ActivityView) -> Line {
    let view = ctx.view;
    let mut out: Vec<Line> = a
        .activity
        .security
        .iter()
        .map(|s| vec![text(s.value.as_str())])
        .collect();
    let org_measures = view.organization.is_some_and(|(_, o)| !o.security.is_empty());
    if org_measures {
        out.push(vec![link(ctx.t(Key::SeeOrganizationMeasures), SECURITY_ANCHOR)]);
    }
    or_missing(ctx, lines(out))
}

/// DPIA, WP248 criteria, automated decisions, tracking and the provision
/// requirement: not Art. 30 fields, but what a DPO asks next.
fn accountability_extras(ctx: &Ctx, a: &ActivityView, fields: &mut Vec<Field>) {
    let activity = a.activity;
    let dpia = match &activity.dpia {
        Some(Dpia::Done(reference)) => vec![text(reference.value.as_str())],
        Some(Dpia::NotNeeded { reason, .. }) => {
            let mut line = vec![text(ctx.t(Key::DpiaNotNeeded))];
            if let Some(reason) = reason {
                line.push(text(": "));
                line.push(text(reason.value.as_str()));
            }
            line
        }
        None => vec![muted(ctx.t(Key::NotRecorded))],
    };
    fields.push(field(ctx, Key::Dpia, Some(Cite::article(35)), dpia));
    if !activity.involves.is_empty() {
        fields.push(field(
            ctx,
            Key::DpiaCriteria,
            None,
            join(
                activity
                    .involves
                    .iter()
                    .map(|c| vec![text(i18n::label(ctx.lang, c.value))])
                    .collect(),
                ", ",
            ),
        ));
    }
    if !activity.automated_decisions.is_empty() {
        let decisions = activity
            .automated_decisions
            .iter()
            .map(|d| {
                let mut line = vec![
                    text(d.description.value.as_str()),
                    text(format!(" · {}: ", ctx.t(Key::Safeguards))),
                ];
                match &d.safeguards {
                    Some(s) => line.push(text(s.value.as_str())),
                    None => line.push(missing(ctx.t(Key::NotRecorded))),
                }
                line
            })
            .collect();
        fields.push(field(
            ctx,
            Key::AutomatedDecisions,
            Some(Cite::article(22)),
            lines(decisions),
        ));
    }
    if !activity.tracking.is_empty() {
        fields.push(field(
            ctx,
            Key::Tracking,
            None,
            join(
                activity
                    .tracking
                    .iter()
                    .map(|t| vec![text(i18n::label(ctx.lang, t.value))])
                    .collect(),
                ", ",
            ),
        ));
    }
    if let Some(provision) = &activity.provision {
        let mut line = vec![text(i18n::label(ctx.lang, provision.kind.value))];
        if let Some(consequence) = &provision.consequence {
            line.push(text(format!(" · {}: ", ctx.t(Key::Consequence))));
            line.push(text(consequence.value.as_str()));
        }
        fields.push(field(ctx, Key::Provision, Some(Cite::new(13, 2, 'e')), line));
    }
}

/// Art. 32 measures for the whole organization, and the procedures for
/// breaches and for data subjects' requests.
fn security(ctx: &Ctx) -> Section {
    let mut section = Section::new(Some(SECURITY_ANCHOR.to_owned()), ctx.t(Key::SecurityTitle));
    let org = ctx.view.organization.map(|(_, o)| o);
    let measures: Vec<Line> = org
        .map(|o| o.security.iter().map(|s| vec![text(s.value.as_str())]).collect())
        .unwrap_or_default();
    let breach = org
        .and_then(|o| o.breach_procedure.as_ref())
        .map(|b| vec![text(b.value.as_str())]);
    let rights = org
        .and_then(|o| o.rights_procedure.as_ref())
        .map(|r| vec![text(r.value.as_str())]);
    section.blocks.push(Block::Fields(vec![
        field(
            ctx,
            Key::SecurityMeasures,
            Some(Cite::paragraph(32, 1)),
            or_missing(ctx, lines(measures)),
        ),
        field(
            ctx,
            Key::BreachProcedure,
            Some(Cite::article(33)),
            or_missing(ctx, breach.unwrap_or_default()),
        ),
        field(
            ctx,
            Key::RightsProcedure,
            Some(Cite::paragraph(12, 3)),
            or_missing(ctx, rights.unwrap_or_default()),
        ),
    ]));
    section
}

/// The declared categories, each with the activities that use it: the
/// anchors findings about a declaration link to.
fn categories(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some(CATEGORIES_ANCHOR.to_owned()), ctx.t(Key::CategoriesTitle));
    let subject_rows: Vec<Row> = view
        .subjects
        .iter()
        .map(|s| {
            let subject = s.item;
            let flags: Vec<&str> = [
                (subject.children, Key::SubjectsChildren),
                (subject.employees, Key::SubjectsEmployees),
                (subject.vulnerable, Key::SubjectsVulnerable),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, key)| ctx.t(key))
            .collect();
            Row {
                anchor: Some(s.anchor.clone()),
                cells: vec![
                    vec![Inline::Code(subject.id.value.to_string())],
                    or_missing(
                        ctx,
                        subject.description.iter().map(|d| text(d.value.as_str())).collect(),
                    ),
                    vec![text(flags.join(", "))],
                    pieces::used_by(ctx, &s.used_by),
                ],
            }
        })
        .collect();
    let data_rows: Vec<Row> = view
        .data
        .iter()
        .map(|d| {
            let data = d.item;
            let mut kind = Vec::new();
            if let Some(special) = &data.special {
                kind.push(format!(
                    "{}: {}",
                    ctx.t(Key::SpecialCategory),
                    i18n::label(ctx.lang, special.value)
                ));
            }
            if data.criminal {
                kind.push(ctx.t(Key::CriminalData).to_owned());
            }
            Row {
                anchor: Some(d.anchor.clone()),
                cells: vec![
                    vec![Inline::Code(data.id.value.to_string())],
                    or_missing(ctx, data.description.iter().map(|x| text(x.value.as_str())).collect()),
                    vec![text(kind.join(", "))],
                    pieces::used_by(ctx, &d.used_by),
                ],
            }
        })
        .collect();
    let head = |kind: Key| {
        vec![
            ctx.t(Key::Id).to_owned(),
            ctx.t(Key::Description).to_owned(),
            ctx.t(kind).to_owned(),
            ctx.t(Key::UsedBy).to_owned(),
        ]
    };
    let mut subjects = Section::new(Some("categories-subjects".to_owned()), ctx.t(Key::DataSubjects));
    subjects.blocks.push(if subject_rows.is_empty() {
        Block::Paragraph(vec![muted(ctx.t(Key::NoneRecorded))])
    } else {
        Block::Table(Table {
            head: head(Key::VulnerableGroup),
            rows: subject_rows,
            numeric: Vec::new(),
            widths: vec![17, 41, 14, 28],
            later: None,
        })
    });
    let mut data = Section::new(Some("categories-data".to_owned()), ctx.t(Key::PersonalData));
    data.blocks.push(if data_rows.is_empty() {
        Block::Paragraph(vec![muted(ctx.t(Key::NoneRecorded))])
    } else {
        Block::Table(Table {
            head: head(Key::SpecialOrCriminal),
            rows: data_rows,
            numeric: Vec::new(),
            widths: vec![17, 43, 14, 26],
            later: None,
        })
    });
    if !ctx.internal() {
        for table in [&mut subjects, &mut data].into_iter().flat_map(|s| s.blocks.iter_mut()) {
            if let Block::Table(table) = table {
                without_id_column(table);
            }
        }
    }
    section.children = vec![subjects, data];
    section
}

/// The categories without the spec's ids, for readers outside the team:
/// the description column takes the id column's width.
fn without_id_column(table: &mut Table) {
    if table.head.is_empty() {
        return;
    }
    table.head.remove(0);
    for row in &mut table.rows {
        if !row.cells.is_empty() {
            row.cells.remove(0);
        }
    }
    let id_width = table.widths.remove(0);
    if let Some(description) = table.widths.first_mut() {
        *description += id_width;
    }
}
