//! A privacy notice draft (GDPR Art. 13 and 14) for the data subjects of
//! the organization's controller activities, or of the subject categories
//! asked for. Written to the data subject ("we", "you").
//!
//! A notice is published: a false statement in it is worse than a gap. So
//! every statement is read from a field of the record, and where the field
//! is missing (or holds a placeholder such as `TODO`) the draft says
//! "[to complete: …]" instead, and lists the gap ([`Gap`]) for the front
//! page and the JSON. A negative ("we do not transfer your data outside the
//! EEA") is printed only when the record positively establishes it; silence
//! never becomes one. Activities where the organization is a processor are
//! left out: their controller informs those people.

use rustc_hash::FxHashMap as HashMap;

use ropa_syntax::model::{Contact, Dpa, Dpo, Party, PartyKind, Period, Text};
use ropa_syntax::values::{Country, LegalBasis, Mechanism, RoleKind, is_placeholder};

use crate::doc::{Block, Inline, LaterRows, Line, Row, RowsKind, Section, Table, Tone, join, lines, muted, text};
use crate::flows::{Recipient, Status, Zone, worst};
use crate::i18n::{self, Cite, Key, fill};
use crate::view::{Ref, View};
use crate::{Ctx, ReportError, pieces};

pub const NOTICE_ANCHOR: &str = "notice";

/// Which activities and data subjects a notice is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// Indexes into [`View::activities`]: the controller activities concerning the subjects.
    pub activities: Vec<usize>,
    /// Indexes into [`View::subjects`].
    pub subjects: Vec<usize>,
    /// Whether the subjects were chosen (`--subjects`) rather than all.
    pub chosen: bool,
    /// Activities left out because the organization is their processor.
    pub processor_activities: usize,
}

impl Scope {
    pub fn select(view: &View, ids: &[String]) -> Result<Scope, ReportError> {
        let known: Vec<String> = view.subjects.iter().map(|s| s.item.id.value.to_string()).collect();
        let unknown: Vec<String> = ids.iter().filter(|id| !known.contains(id)).cloned().collect();
        if !unknown.is_empty() {
            return Err(ReportError::UnknownSubjects { unknown, known });
        }
        let chosen: Vec<usize> = view
            .subjects
            .iter()
            .enumerate()
            .filter(|(_, s)| ids.iter().any(|id| *id == s.item.id.value))
            .map(|(i, _)| i)
            .collect();
        let mut activities = Vec::new();
        let mut processor_activities = 0;
        for (i, a) in view.activities.iter().enumerate() {
            let concerns = ids.is_empty()
                || a.subjects
                    .iter()
                    .any(|s| matches!(s, Ref::Found(s) if chosen.contains(s)));
            if !concerns {
                continue;
            }
            if a.activity.role_kind() == RoleKind::Processor {
                processor_activities += 1;
            } else {
                activities.push(i);
            }
        }
        let subjects = if ids.is_empty() {
            let mut used: Vec<usize> = activities
                .iter()
                .flat_map(|a| view.activities[*a].subjects.iter())
                .filter_map(|s| match s {
                    Ref::Found(s) => Some(*s),
                    Ref::Undefined(_) => None,
                })
                .collect();
            used.sort_unstable();
            used.dedup();
            used
        } else {
            chosen
        };
        Ok(Scope {
            activities,
            subjects,
            chosen: !ids.is_empty(),
            processor_activities,
        })
    }
}

/// A field of the record that a statement of the notice needs and the
/// record lacks. Named as in the spec language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GapField {
    Organization,
    Contact,
    Dpo,
    Purpose,
    Data,
    Basis,
    Retain,
    Interest,
    Source,
    Provision,
    Consequence,
    /// The activity names no `processors` and no `recipients`.
    Recipients,
    /// A party's `stored-in` (a processor's country of establishment does
    /// not say where it keeps the data).
    StoredIn,
    Mechanism,
    Withdrawal,
    /// No `automated-decision` is recorded, which does not say there is none.
    AutomatedDecision,
    /// The logic, significance and consequences of an automated decision
    /// (Art. 13(2)(f)): the language has no field for them yet.
    Logic,
    Safeguards,
    /// The organization's `country`, which names the supervisory authority.
    Country,
    /// A joint controller's `arrangement` (Art. 26(2)).
    Arrangement,
}

impl GapField {
    pub fn as_str(self) -> &'static str {
        match self {
            GapField::Organization => "organization",
            GapField::Contact => "contact",
            GapField::Dpo => "dpo",
            GapField::Purpose => "purpose",
            GapField::Data => "data",
            GapField::Basis => "basis",
            GapField::Retain => "retain",
            GapField::Interest => "interest",
            GapField::Source => "source",
            GapField::Provision => "provision",
            GapField::Consequence => "consequence",
            GapField::Recipients => "recipients",
            GapField::StoredIn => "stored-in",
            GapField::Mechanism => "mechanism",
            GapField::Withdrawal => "withdrawal",
            GapField::AutomatedDecision => "automated-decision",
            GapField::Logic => "logic",
            GapField::Safeguards => "safeguards",
            GapField::Country => "country",
            GapField::Arrangement => "arrangement",
        }
    }
}

/// A statement the draft cannot make because the record does not say it:
/// shown in place as "[to complete: …]", listed on the front page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The notice section it is in: `sources`, `recipients`, …
    pub section: &'static str,
    /// That section's title, in the report's language.
    pub title: String,
    pub field: GapField,
    /// Ids of the activities or parties it concerns; empty for the organization.
    pub about: Vec<String>,
    /// What to fill in, in the report's language.
    pub text: String,
    /// The activity whose row or item the placeholder is in, when the
    /// text itself does not name it (the front page does).
    pub row: Option<String>,
}

impl Gap {
    pub fn anchor(&self) -> String {
        format!("{NOTICE_ANCHOR}-{}", self.section)
    }
}

/// "[to complete: the purpose]", in the report's language. The prefixes are
/// words `ropa_syntax::values::is_placeholder` knows, so a placeholder
/// copied back into a spec still reads as missing.
pub fn placeholder(ctx: &Ctx, what: &str) -> Inline {
    Inline::Placeholder(format!("[{}: {what}]", ctx.t(Key::NoticeToComplete)))
}

/// The notice and the gaps it leaves.
pub struct Notice {
    pub part: Section,
    pub gaps: Vec<Gap>,
}

#[derive(Default)]
struct Gaps(Vec<Gap>);

impl Gaps {
    /// Records a gap in section `s` whose text names what it is about, and
    /// returns its placeholder.
    fn add(&mut self, ctx: &Ctx, s: &Section, field: GapField, about: Vec<String>, what: String) -> Inline {
        self.add_in(ctx, s, field, about, what, None)
    }

    /// Records a gap in the row or item of an activity (`row`, its title).
    fn add_in(
        &mut self,
        ctx: &Ctx,
        s: &Section,
        field: GapField,
        about: Vec<String>,
        what: String,
        row: Option<&str>,
    ) -> Inline {
        let inline = placeholder(ctx, &what);
        let section = s
            .anchor
            .as_deref()
            .and_then(|a| a.strip_prefix(NOTICE_ANCHOR))
            .and_then(|a| a.strip_prefix('-'))
            .and_then(|a| SECTIONS.iter().find(|x| **x == a).copied())
            .unwrap_or("");
        self.0.push(Gap {
            section,
            title: s.title.clone(),
            field,
            about,
            text: what,
            row: row.map(str::to_owned),
        });
        inline
    }
}

/// The sections of the notice, by anchor.
const SECTIONS: &[&str] = &[
    "controller",
    "purposes",
    "interests",
    "sources",
    "provision",
    "recipients",
    "transfers",
    "rights",
    "automated",
    "complaint",
];

/// A text field as the record gives it; a placeholder (`TODO`, `TBD`,
/// "[to complete: …]") is no statement and counts as missing.
fn given(text: &Option<Text>) -> Option<&str> {
    text.as_ref().map(|t| t.value.as_str()).filter(|t| !is_placeholder(t))
}

/// A contact whose name is not a placeholder.
fn given_contact(contact: &Option<Contact>) -> Option<&Contact> {
    contact.as_ref().filter(|c| !is_placeholder(&c.name.value))
}

/// Whether the record gives the processor's agreement as a date or a real
/// reference: only then may the notice say it works under one.
fn has_dpa(party: &Party) -> bool {
    match &party.dpa {
        Some(Dpa::Signed(_)) => true,
        Some(Dpa::Reference(reference)) => !is_placeholder(&reference.value),
        Some(Dpa::Missing(_)) | None => false,
    }
}

/// Whether the record says where the party has the data: a processor by
/// `stored-in` (its seat is not where its servers are); a recipient,
/// which receives the data as its own, also by its country.
fn located(party: &Party) -> bool {
    !party.stored_in.is_empty() || (party.kind == PartyKind::Recipient && party.country.is_some())
}

fn section(ctx: &Ctx, anchor: &str, title: Key) -> Section {
    Section::new(Some(format!("{NOTICE_ANCHOR}-{anchor}")), ctx.t(title))
}

fn cited(ctx: &Ctx, line: &mut Line, cite: Cite) {
    line.push(text(" "));
    line.push(muted(format!("({})", i18n::cite(ctx.lang, cite))));
}

/// The titles of activities, joined for a placeholder.
fn titles(ctx: &Ctx, activities: &[usize]) -> String {
    activities
        .iter()
        .map(|a| ctx.view.activities[*a].activity.title())
        .collect::<Vec<_>>()
        .join(", ")
}

fn ids(ctx: &Ctx, activities: &[usize]) -> Vec<String> {
    activities
        .iter()
        .map(|a| ctx.view.activities[*a].id().to_owned())
        .collect()
}

/// The parties that receive the scope's data: the processors the
/// activities name with their sub-processors, and the other recipients.
struct Receivers {
    processors: Vec<usize>,
    others: Vec<usize>,
    /// Activities that name neither processors nor recipients.
    silent: Vec<usize>,
    /// Ids the activities name that no declaration has: where those keep
    /// the data is unknown.
    undeclared: Vec<String>,
}

fn receivers(ctx: &Ctx, scope: &Scope) -> Receivers {
    let view = ctx.view;
    let mut processors: Vec<usize> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    let mut silent = Vec::new();
    let mut undeclared = Vec::new();
    for a in &scope.activities {
        let av = &view.activities[*a];
        if av.processors.is_empty() && av.recipients.is_empty() && av.activity.no_recipients.is_none() {
            silent.push(*a);
        }
        for r in &av.processors {
            match r {
                Ref::Found(p) => processors.extend(view.subtree(*p)),
                Ref::Undefined(id) => undeclared.push((*id).to_owned()),
            }
        }
        for r in &av.recipients {
            match r {
                Ref::Found(p) => others.push(*p),
                Ref::Undefined(id) => undeclared.push((*id).to_owned()),
            }
        }
    }
    processors.sort_unstable();
    processors.dedup();
    others.sort_unstable();
    others.dedup();
    undeclared.sort_unstable();
    undeclared.dedup();
    Receivers {
        processors,
        others,
        silent,
        undeclared,
    }
}

pub fn draft(ctx: &Ctx, scope: &Scope) -> Notice {
    let view = ctx.view;
    let mut gaps = Gaps::default();
    let org_name = view.organization_name().unwrap_or(ctx.t(Key::UnnamedOrganization));
    let mut part = Section::new(Some(NOTICE_ANCHOR.to_owned()), ctx.t(Key::NoticeTitle));
    part.blocks.push(Block::Paragraph(vec![text(ctx.t(Key::NoticeIntro))]));
    let audience: Vec<Line> = scope
        .subjects
        .iter()
        .map(|s| {
            let subject = view.subjects[*s].item;
            vec![text(
                subject
                    .description
                    .as_ref()
                    .map_or(subject.id.value.as_str(), |d| d.value.as_str()),
            )]
        })
        .collect();
    if !audience.is_empty() {
        part.blocks.push(Block::Paragraph(vec![Inline::Strong(
            ctx.t(Key::NoticeAudience).to_owned(),
        )]));
        part.blocks.push(Block::List(audience));
    }
    let mut editor_notes = vec![text(ctx.t(Key::NoticeEditorNote))];
    if scope.processor_activities > 0 {
        editor_notes.push(text(" "));
        editor_notes.push(text(fill(
            ctx.t(Key::NoticeProcessorActivitiesLeftOut),
            &[&scope.processor_activities.to_string(), org_name],
        )));
    }
    part.blocks.push(Block::Callout(Tone::Info, editor_notes));
    if scope.activities.is_empty() {
        part.blocks.push(Block::Callout(
            Tone::Warning,
            vec![text(ctx.t(Key::NoticeNoActivities))],
        ));
        return Notice { part, gaps: gaps.0 };
    }

    let receivers = receivers(ctx, scope);
    let mut who = controller(ctx, &mut gaps, org_name);
    joint_controllers(ctx, &mut gaps, scope, &mut who);
    part.children.push(who);
    part.children.push(purposes(ctx, &mut gaps, scope));
    if let Some(s) = legitimate_interests(ctx, &mut gaps, scope) {
        part.children.push(s);
    }
    part.children.push(sources(ctx, &mut gaps, scope));
    part.children.push(provision(ctx, &mut gaps, scope));
    part.children.push(recipients(ctx, &mut gaps, &receivers));
    part.children.push(transfers(ctx, &mut gaps, scope, &receivers));
    part.children.push(rights(ctx, &mut gaps, scope));
    part.children.push(automated(ctx, &mut gaps, scope));
    part.children.push(complaint(ctx, &mut gaps));
    let mut updated = section(ctx, "updated", Key::NoticeUpdatedTitle);
    updated.blocks.push(Block::Paragraph(vec![text(i18n::date(
        ctx.lang,
        ctx.options.generated,
    ))]));
    part.children.push(updated);
    Notice { part, gaps: gaps.0 }
}

/// Art. 13(1)(a) and (b): who is responsible and how to reach them and the DPO.
fn controller(ctx: &Ctx, gaps: &mut Gaps, org_name: &str) -> Section {
    let mut s = section(ctx, "controller", Key::NoticeControllerTitle);
    let Some((_, org)) = ctx.view.organization else {
        let gap = gaps.add(
            ctx,
            &s,
            GapField::Organization,
            Vec::new(),
            ctx.t(Key::NoticeFillController).to_owned(),
        );
        s.blocks.push(Block::Paragraph(vec![gap]));
        return s;
    };
    let mut who = org_name.to_owned();
    if let Some(registration) = given(&org.registration) {
        who = format!("{who} ({registration})");
    }
    let mut line = vec![text(fill(ctx.t(Key::NoticeControllerText), &[&who]))];
    cited(ctx, &mut line, Cite::new(13, 1, 'a'));
    s.blocks.push(Block::Paragraph(line));
    let mut how: Vec<Line> = Vec::new();
    match given_contact(&org.contact) {
        Some(contact) => how.push(pieces::contact(ctx, contact)),
        None => how.push(vec![gaps.add(
            ctx,
            &s,
            GapField::Contact,
            Vec::new(),
            ctx.t(Key::NoticeFillContact).to_owned(),
        )]),
    }
    if let Some(address) = given(&org.address) {
        how.push(vec![text(address)]);
    }
    if let Some(website) = given(&org.website) {
        how.push(vec![pieces::website(website)]);
    }
    s.blocks.push(Block::Paragraph(lines(how)));
    let mut dpo = match &org.dpo {
        Some(Dpo::Appointed(contact)) if !is_placeholder(&contact.name.value) => {
            let mut line = vec![text(ctx.t(Key::NoticeDpoText)), text(" ")];
            line.extend(pieces::contact(ctx, contact));
            line
        }
        Some(Dpo::NotAppointed { .. }) => vec![text(ctx.t(Key::NoticeNoDpo))],
        Some(Dpo::Appointed(_)) | None => {
            vec![gaps.add(ctx, &s, GapField::Dpo, Vec::new(), ctx.t(Key::NoticeFillDpo).to_owned())]
        }
    };
    cited(ctx, &mut dpo, Cite::new(13, 1, 'b'));
    s.blocks.push(Block::Paragraph(dpo));
    if let Some(representative) = &org.representative {
        let mut line = vec![text(ctx.t(Key::NoticeRepresentative)), text(" ")];
        line.extend(pieces::contact(ctx, representative));
        s.blocks.push(Block::Paragraph(line));
    }
    s
}

/// Art. 26(2): each joint controller, the purposes it shares with the
/// organization, and that the essence of the arrangement is available, said
/// only where the record references the arrangement.
fn joint_controllers(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope, s: &mut Section) {
    let view = ctx.view;
    let mut seen: Vec<usize> = Vec::new();
    for activity in &scope.activities {
        for r in &view.activities[*activity].joint_controllers {
            if let Ref::Found(p) = r
                && !seen.contains(p)
            {
                seen.push(*p);
            }
        }
    }
    for p in seen {
        let party = &view.parties[p];
        let sharing: Vec<usize> = scope
            .activities
            .iter()
            .copied()
            .filter(|a| {
                view.activities[*a]
                    .joint_controllers
                    .iter()
                    .any(|r| matches!(r, Ref::Found(q) if *q == p))
            })
            .collect();
        let mut line = vec![text(fill(
            ctx.t(Key::NoticeJointControllerText),
            &[&titles(ctx, &sharing), party.name()],
        ))];
        line.push(text(" "));
        match given(&party.party.arrangement) {
            Some(_) => line.push(text(fill(ctx.t(Key::NoticeArrangementText), &[party.name()]))),
            None => line.push(gaps.add(
                ctx,
                s,
                GapField::Arrangement,
                vec![party.id().to_owned()],
                fill(ctx.t(Key::FillArrangement), &[party.name()]),
            )),
        }
        cited(ctx, &mut line, Cite::paragraph(26, 2));
        s.blocks.push(Block::Paragraph(line));
    }
}

/// The purposes table's row of activity `a`, as printed.
pub fn purposes_row(ctx: &Ctx, a: usize) -> Row {
    // The gaps were counted when the document was built.
    let s = section(ctx, "purposes", Key::NoticePurposesTitle);
    purpose_row(ctx, &mut Gaps(Vec::new()), &s, a)
}

/// The purposes table's row of activity `a`; each field it lacks is a gap
/// of section `s`.
fn purpose_row(ctx: &Ctx, gaps: &mut Gaps, s: &Section, a: usize) -> Row {
    let view = ctx.view;
    let av = &view.activities[a];
    let activity = av.activity;
    // Each field the row lacks is a placeholder and a gap of `s`.
    let mut gap = |field, key| {
        gaps.add_in(
            ctx,
            s,
            field,
            vec![av.id().to_owned()],
            ctx.t(key).to_owned(),
            Some(activity.title()),
        )
    };
    let mut purpose = vec![Inline::Strong(activity.title().to_owned())];
    purpose.push(Inline::Break);
    match given(&activity.purpose) {
        Some(p) => purpose.push(text(p)),
        None => purpose.push(gap(GapField::Purpose, Key::NoticeFillPurpose)),
    }
    let data: Vec<Line> = av
        .data
        .iter()
        .map(|d| match d {
            Ref::Found(d) => {
                let item = view.data[*d].item;
                vec![text(
                    item.description
                        .as_ref()
                        .map_or(item.id.value.as_str(), |x| x.value.as_str()),
                )]
            }
            Ref::Undefined(id) => vec![text(*id)],
        })
        .collect();
    let data = if data.is_empty() {
        vec![gap(GapField::Data, Key::NoticeFillData)]
    } else {
        lines(data)
    };
    let bases: Vec<Line> = activity
        .bases
        .iter()
        .map(|b| {
            let mut line = vec![text(i18n::label(ctx.lang, b.kind.value))];
            line.push(text(" "));
            line.push(muted(i18n::cite_of(ctx.lang, b.kind.value)));
            if let Some(law) = given(&b.law) {
                line.push(text(" · "));
                line.push(text(law));
            }
            line
        })
        .collect();
    let bases = if bases.is_empty() {
        vec![gap(GapField::Basis, Key::NoticeFillBasis)]
    } else {
        lines(bases)
    };
    // A retention without a period, or with only a vague phrase ("as
    // long as necessary"), tells the reader nothing (Art. 13(2)(a)).
    let mut retention: Vec<Line> = Vec::new();
    let mut vague = false;
    for r in &activity.retention {
        match r.period {
            Period::Missing | Period::Malformed | Period::Indefinite(_) => vague = true,
            Period::Fixed(_) | Period::Until(_) => retention.push(pieces::retention(ctx, view, r)),
        }
    }
    if vague || retention.is_empty() {
        retention.push(vec![gap(GapField::Retain, Key::NoticeFillRetention)]);
    }
    let retention = lines(retention);
    Row {
        anchor: None,
        cells: vec![purpose, data, bases, retention],
    }
}

/// Art. 13(1)(c), 13(2)(a) and 14(1)(d): purpose, data, legal basis and
/// retention, one row per activity.
fn purposes(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope) -> Section {
    let mut s = section(ctx, "purposes", Key::NoticePurposesTitle);
    // One row per activity, built as it is printed ([`purposes_row`]);
    // built here once for the gaps it leaves, and dropped.
    for a in &scope.activities {
        purpose_row(ctx, gaps, &s, *a);
    }
    s.blocks.push(Block::Table(Table {
        head: ctx.heads(&[
            Key::NoticePurposeColumn,
            Key::NoticeDataColumn,
            Key::LegalBasis,
            Key::NoticeRetentionColumn,
        ]),
        rows: Vec::new(),
        numeric: Vec::new(),
        widths: vec![29, 31, 18, 22],
        later: Some(LaterRows {
            kind: RowsKind::NoticePurposes,
            items: scope.activities.clone(),
        }),
    }));
    s
}

/// Art. 13(1)(d): the legitimate interests relied on.
fn legitimate_interests(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope) -> Option<Section> {
    let view = ctx.view;
    let s = section(ctx, "interests", Key::NoticeInterestsTitle);
    let mut items: Vec<Line> = Vec::new();
    for a in &scope.activities {
        let av = &view.activities[*a];
        for b in av
            .activity
            .bases
            .iter()
            .filter(|b| b.kind.value == LegalBasis::LegitimateInterests)
        {
            let mut line = vec![Inline::Strong(format!("{}: ", av.activity.title()))];
            match given(&b.interest) {
                Some(interest) => line.push(text(interest)),
                None => line.push(gaps.add_in(
                    ctx,
                    &s,
                    GapField::Interest,
                    vec![av.id().to_owned()],
                    ctx.t(Key::NoticeFillInterest).to_owned(),
                    Some(av.activity.title()),
                )),
            }
            items.push(line);
        }
    }
    if items.is_empty() {
        return None;
    }
    let mut s = s;
    let mut intro = vec![text(ctx.t(Key::NoticeInterestsText))];
    cited(ctx, &mut intro, Cite::new(13, 1, 'd'));
    s.blocks.push(Block::Paragraph(intro));
    s.blocks.push(Block::List(items));
    Some(s)
}

/// Art. 14(2)(f): where data not collected from the person comes from.
/// "From you" only where the record says `source data-subject`; an activity
/// with no `source` is a gap, never "we collect it from you".
fn sources(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "sources", Key::NoticeSourcesTitle);
    let mut items: Vec<Line> = Vec::new();
    let mut unknown = Vec::new();
    let mut from_you = Vec::new();
    for a in &scope.activities {
        let activity = view.activities[*a].activity;
        if activity.collected_from_subject() {
            from_you.push(*a);
            continue;
        }
        match given(&activity.source) {
            Some(src) => items.push(vec![Inline::Strong(format!("{}: ", activity.title())), text(src)]),
            None => unknown.push(*a),
        }
    }
    // "From you" only where the record says so (`source data-subject`).
    if !from_you.is_empty() {
        let mut line = vec![text(ctx.t(Key::NoticeSourcesFromYou))];
        if from_you.len() < scope.activities.len() {
            line.push(text(format!(" ({})", titles(ctx, &from_you))));
        }
        s.blocks.push(Block::Paragraph(line));
    }
    if !items.is_empty() {
        let mut intro = vec![text(ctx.t(Key::NoticeSourcesText))];
        cited(ctx, &mut intro, Cite::new(14, 2, 'f'));
        s.blocks.push(Block::Paragraph(intro));
        s.blocks.push(Block::List(items));
    }
    if !unknown.is_empty() {
        let gap = gaps.add(
            ctx,
            &s,
            GapField::Source,
            ids(ctx, &unknown),
            fill(ctx.t(Key::NoticeFillSource), &[&titles(ctx, &unknown)]),
        );
        s.blocks.push(Block::Paragraph(vec![gap]));
    }
    s
}

/// Art. 13(2)(e): whether people must provide the data, and what happens if not.
fn provision(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "provision", Key::NoticeProvisionTitle);
    let mut items = Vec::new();
    let mut unknown = Vec::new();
    for a in &scope.activities {
        let av = &view.activities[*a];
        let activity = av.activity;
        match &activity.provision {
            Some(p) => {
                let mut line = vec![
                    Inline::Strong(format!("{}: ", activity.title())),
                    text(i18n::label(ctx.lang, p.kind.value)),
                    text(". "),
                ];
                match given(&p.consequence) {
                    Some(consequence) => {
                        line.push(text(format!("{}: ", ctx.t(Key::NoticeIfNotProvided))));
                        line.push(text(consequence));
                    }
                    None => line.push(gaps.add(
                        ctx,
                        &s,
                        GapField::Consequence,
                        vec![av.id().to_owned()],
                        fill(ctx.t(Key::NoticeFillConsequence), &[activity.title()]),
                    )),
                }
                items.push(line);
            }
            None => unknown.push(*a),
        }
    }
    if !unknown.is_empty() {
        items.push(vec![gaps.add(
            ctx,
            &s,
            GapField::Provision,
            ids(ctx, &unknown),
            fill(ctx.t(Key::NoticeFillProvision), &[&titles(ctx, &unknown)]),
        )]);
    }
    let mut intro = vec![text(ctx.t(Key::NoticeProvisionText))];
    cited(ctx, &mut intro, Cite::new(13, 2, 'e'));
    s.blocks.push(Block::Paragraph(intro));
    s.blocks.push(Block::List(items));
    s
}

/// Art. 13(1)(e): processors and other recipients. "We disclose your data
/// to no one" only where every activity says `recipients none` and names no
/// processor; an activity that says nothing either way is a gap.
fn recipients(ctx: &Ctx, gaps: &mut Gaps, receivers: &Receivers) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "recipients", Key::NoticeRecipientsTitle);
    let describe = |p: usize| -> Line {
        let party = &view.parties[p];
        let mut line = vec![text(party.name())];
        if let Some(service) = given(&party.party.service) {
            line.push(text(format!(" — {service}")));
        }
        line
    };
    if !receivers.processors.is_empty() {
        // "Under a data processing agreement" only where the record gives
        // the agreement: for all at once, or for each that has one.
        let all = receivers.processors.iter().all(|p| has_dpa(view.parties[*p].party));
        let intro = if all {
            Key::NoticeProcessorsText
        } else {
            Key::NoticeProcessorsPlainText
        };
        s.blocks.push(Block::Paragraph(vec![text(ctx.t(intro))]));
        s.blocks.push(Block::List(
            receivers
                .processors
                .iter()
                .map(|p| {
                    let mut line = describe(*p);
                    if !all && has_dpa(view.parties[*p].party) {
                        line.push(text(format!(" ({})", ctx.t(Key::NoticeUnderDpa))));
                    }
                    line
                })
                .collect(),
        ));
    }
    if !receivers.others.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeOtherRecipientsText))]));
        s.blocks.push(Block::List(
            receivers
                .others
                .iter()
                .map(|p| {
                    let mut line = describe(*p);
                    if let Some(kind) = &view.parties[*p].party.recipient_kind {
                        line.push(text(format!(" ({})", i18n::label(ctx.lang, kind.value))));
                    }
                    line
                })
                .collect(),
        ));
    }
    // "To no one" only where every activity says so (`recipients none`)
    // and names no processor.
    let nobody = receivers.processors.is_empty()
        && receivers.others.is_empty()
        && receivers.silent.is_empty()
        && receivers.undeclared.is_empty();
    if nobody {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeNoRecipients))]));
    }
    if !receivers.silent.is_empty() {
        let gap = gaps.add(
            ctx,
            &s,
            GapField::Recipients,
            ids(ctx, &receivers.silent),
            fill(ctx.t(Key::NoticeFillRecipients), &[&titles(ctx, &receivers.silent)]),
        );
        s.blocks.push(Block::Paragraph(vec![gap]));
    }
    s
}

fn mechanism_text(mechanism: Mechanism) -> Key {
    match mechanism {
        Mechanism::Adequacy => Key::NoticeMechanismAdequacy,
        Mechanism::Dpf => Key::NoticeMechanismDpf,
        Mechanism::Scc => Key::NoticeMechanismScc,
        Mechanism::Bcr => Key::NoticeMechanismBcr,
        Mechanism::CodeOfConduct => Key::NoticeMechanismCodeOfConduct,
        Mechanism::Certification => Key::NoticeMechanismCertification,
        Mechanism::AdHocClauses => Key::NoticeMechanismAdHocClauses,
        Mechanism::AdministrativeArrangement => Key::NoticeMechanismAdministrativeArrangement,
        Mechanism::Derogation => Key::NoticeMechanismDerogation,
    }
}

/// A recipient and country with the worst status of its flows, and the
/// first declared transfer covering it (activity, transfer).
type MergedTransfer = (Recipient, ropa_syntax::values::Country, Status, Option<(usize, usize)>);

/// Art. 13(1)(f): transfers outside the EEA and what protects them; one
/// line per recipient and country, whatever the number of activities.
/// "We do not transfer your data outside the EU/EEA" only when every
/// activity names who receives its data and every one of them is known to
/// keep it in the EEA.
fn transfers(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope, receivers: &Receivers) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "transfers", Key::NoticeTransfersTitle);
    let mut merged: Vec<MergedTransfer> = Vec::new();
    // Lookups by key, not scans: a record of 100k activities has as many flows.
    let mut merged_at: HashMap<(Recipient, Country), usize> = HashMap::default();
    let flows = scope
        .activities
        .iter()
        .flat_map(|a| view.flows_of(*a))
        .filter(|f| f.status.is_transfer());
    for flow in flows {
        let Some(country) = flow.country else { continue };
        let transfer = flow.transfer.map(|t| (flow.activity, t));
        let at = merged_at.get(&(flow.recipient.clone(), country)).copied();
        match at.and_then(|i| merged.get_mut(i)) {
            Some(entry) => {
                entry.2 = worst(entry.2, flow.status);
                if entry.3.is_none() {
                    entry.3 = transfer;
                }
            }
            None => {
                merged_at.insert((flow.recipient.clone(), country), merged.len());
                merged.push((flow.recipient.clone(), country, flow.status, transfer));
            }
        }
    }
    let unlocated: Vec<usize> = receivers
        .processors
        .iter()
        .chain(&receivers.others)
        .copied()
        .filter(|p| !located(view.parties[*p].party))
        .collect();
    let mut unknown: Vec<Line> = Vec::new();
    if !unlocated.is_empty() || !receivers.undeclared.is_empty() {
        let mut names: Vec<&str> = unlocated.iter().map(|p| view.parties[*p].name()).collect();
        names.extend(receivers.undeclared.iter().map(String::as_str));
        names.sort_unstable();
        names.dedup();
        let mut about: Vec<String> = unlocated.iter().map(|p| view.parties[*p].id().to_owned()).collect();
        about.extend(receivers.undeclared.iter().cloned());
        unknown.push(vec![gaps.add(
            ctx,
            &s,
            GapField::StoredIn,
            about,
            fill(ctx.t(Key::NoticeFillLocations), &[&names.join(", ")]),
        )]);
    }
    if !receivers.silent.is_empty() {
        unknown.push(vec![gaps.add(
            ctx,
            &s,
            GapField::Recipients,
            ids(ctx, &receivers.silent),
            fill(
                ctx.t(Key::NoticeFillTransfersUnnamed),
                &[&titles(ctx, &receivers.silent)],
            ),
        )]);
    }
    if merged.is_empty() {
        if unknown.is_empty() {
            s.blocks
                .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeNoTransfers))]));
        }
        s.blocks.extend(unknown.into_iter().map(Block::Paragraph));
        return s;
    }
    let mut intro = vec![text(ctx.t(Key::NoticeTransfersText))];
    cited(ctx, &mut intro, Cite::new(13, 1, 'f'));
    s.blocks.push(Block::Paragraph(intro));
    let mut items = Vec::new();
    for (recipient, country, status, transfer) in merged {
        let country_name = i18n::country(ctx.lang, country);
        let (who, about) = match &recipient {
            Recipient::Party(p) => (
                view.parties[*p].name().to_owned(),
                vec![view.parties[*p].id().to_owned()],
            ),
            Recipient::Undefined(id) => (id.clone(), vec![id.clone()]),
            Recipient::Unnamed => (ctx.t(Key::RecipientNotNamed).to_owned(), Vec::new()),
        };
        // "Helpdeskly Inc." already ends its sentence.
        let sentence = if who.ends_with('.') {
            format!("{who} ")
        } else {
            format!("{who}. ")
        };
        let mut line = vec![Inline::Strong(format!("{country_name}: ")), text(sentence)];
        let mechanism = transfer.and_then(|(a, t)| {
            let transfer = &view.activities[a].activity.transfers[t];
            transfer.mechanism.as_ref().map(|m| (m.value, transfer))
        });
        // An adequate country needs no safeguard: saying that its
        // decision exists is a fact from ropa-law, not a guess.
        let adequate = Zone::of(Some(country)) == Zone::Adequate;
        match mechanism {
            None if adequate => {
                line.push(text(fill(ctx.t(Key::NoticeMechanismAdequacy), &[&country_name])));
                line.push(text(" "));
                line.push(muted(format!("({})", i18n::cite_of(ctx.lang, Mechanism::Adequacy))));
            }
            Some((m, transfer)) if !status.is_unsafeguarded() => {
                line.push(text(fill(ctx.t(mechanism_text(m)), &[&country_name])));
                if let Some(ground) = &transfer.ground {
                    line.push(text(format!(" ({})", i18n::label(ctx.lang, ground.value))));
                }
                line.push(text(" "));
                line.push(muted(format!("({})", i18n::cite_of(ctx.lang, m))));
            }
            _ => line.push(gaps.add(
                ctx,
                &s,
                GapField::Mechanism,
                about,
                fill(ctx.t(Key::NoticeFillSafeguard), &[&who, &country_name]),
            )),
        }
        items.push(line);
    }
    s.blocks.push(Block::List(items));
    s.blocks.extend(unknown.into_iter().map(Block::Paragraph));
    s.blocks
        .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeTransfersCopy))]));
    s
}

/// Art. 13(2)(b) and (c): the rights, and how to use them.
fn rights(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "rights", Key::NoticeRightsTitle);
    let mut intro = vec![text(ctx.t(Key::NoticeRightsText))];
    cited(ctx, &mut intro, Cite::new(13, 2, 'b'));
    s.blocks.push(Block::Paragraph(intro));
    let mut items: Vec<Line> = [
        (Key::NoticeRightAccess, Cite::article(15)),
        (Key::NoticeRightRectification, Cite::article(16)),
        (Key::NoticeRightErasure, Cite::article(17)),
        (Key::NoticeRightRestriction, Cite::article(18)),
        (Key::NoticeRightPortability, Cite::article(20)),
        (Key::NoticeRightObject, Cite::article(21)),
    ]
    .into_iter()
    .map(|(key, cite)| {
        let mut line = vec![text(ctx.t(key))];
        cited(ctx, &mut line, cite);
        line
    })
    .collect();
    let mut how: Vec<Line> = Vec::new();
    for a in &scope.activities {
        let av = &view.activities[*a];
        for b in av.activity.bases.iter().filter(|b| b.kind.value == LegalBasis::Consent) {
            let mut item = vec![Inline::Strong(format!("{}: ", av.activity.title()))];
            match given(&b.withdrawal) {
                Some(w) => item.push(text(w)),
                None => item.push(gaps.add_in(
                    ctx,
                    &s,
                    GapField::Withdrawal,
                    vec![av.id().to_owned()],
                    ctx.t(Key::NoticeFillWithdrawal).to_owned(),
                    Some(av.activity.title()),
                )),
            }
            how.push(item);
        }
    }
    if !how.is_empty() {
        let mut line = vec![text(ctx.t(Key::NoticeRightWithdraw))];
        cited(ctx, &mut line, Cite::new(13, 2, 'c'));
        line.push(Inline::Break);
        line.extend(join(how, "; "));
        items.push(line);
    }
    s.blocks.push(Block::List(items));
    let email = view
        .organization
        .and_then(|(_, o)| given_contact(&o.contact))
        .and_then(|c| given(&c.email));
    let mut how = vec![text(ctx.t(Key::NoticeRightsHow)), text(" ")];
    match email {
        Some(email) => how.push(Inline::Mail(email.to_owned())),
        None => how.push(gaps.add(
            ctx,
            &s,
            GapField::Contact,
            Vec::new(),
            ctx.t(Key::NoticeFillContact).to_owned(),
        )),
    }
    how.push(text(". "));
    how.push(text(ctx.t(Key::NoticeRightsAnswer)));
    s.blocks.push(Block::Paragraph(how));
    s
}

/// Art. 13(2)(f) and 14(2)(g): automated decisions, including profiling,
/// with the logic involved and their significance and envisaged
/// consequences (`logic=`, `consequences=`). "We make no such decisions"
/// only where every activity says `automated-decision none`; the rest is
/// left to complete.
fn automated(ctx: &Ctx, gaps: &mut Gaps, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "automated", Key::NoticeAutomatedTitle);
    let mut decisions: Vec<Line> = Vec::new();
    for a in &scope.activities {
        let av = &view.activities[*a];
        for d in &av.activity.automated_decisions {
            let about = || vec![av.id().to_owned()];
            let mut line = vec![
                Inline::Strong(format!("{}: ", av.activity.title())),
                text(d.description.value.as_str()),
            ];
            match given(&d.safeguards) {
                Some(safeguards) => {
                    line.push(text(format!(". {}: ", ctx.t(Key::Safeguards))));
                    line.push(text(safeguards));
                }
                None => {
                    line.push(text(". "));
                    line.push(gaps.add_in(
                        ctx,
                        &s,
                        GapField::Safeguards,
                        about(),
                        ctx.t(Key::NoticeFillAutomatedSafeguards).to_owned(),
                        Some(av.activity.title()),
                    ));
                }
            }
            for (field, key) in [
                (&d.logic, Key::NoticeAutomatedLogic),
                (&d.consequences, Key::NoticeAutomatedConsequences),
            ] {
                if let Some(value) = given(field) {
                    line.push(Inline::Break);
                    line.push(text(format!("{}: ", ctx.t(key))));
                    line.push(text(value));
                }
            }
            if given(&d.logic).is_none() || given(&d.consequences).is_none() {
                line.push(Inline::Break);
                line.push(gaps.add_in(
                    ctx,
                    &s,
                    GapField::Logic,
                    about(),
                    ctx.t(Key::NoticeFillAutomatedLogic).to_owned(),
                    Some(av.activity.title()),
                ));
            }
            decisions.push(line);
        }
    }
    // Activities that neither list a decision nor state `automated-decision
    // none`: the record leaves open whether they decide automatically.
    let unstated: Vec<usize> = scope
        .activities
        .iter()
        .copied()
        .filter(|a| {
            let activity = view.activities[*a].activity;
            activity.automated_decisions.is_empty() && activity.no_automated_decisions.is_none()
        })
        .collect();
    if decisions.is_empty() && unstated.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeNoAutomated))]));
    } else if decisions.is_empty() {
        let gap = gaps.add(
            ctx,
            &s,
            GapField::AutomatedDecision,
            ids(ctx, &unstated),
            ctx.t(Key::NoticeFillAutomated).to_owned(),
        );
        s.blocks.push(Block::Paragraph(vec![gap]));
    } else {
        let mut intro = vec![text(ctx.t(Key::NoticeAutomatedText))];
        cited(ctx, &mut intro, Cite::new(13, 2, 'f'));
        s.blocks.push(Block::Paragraph(intro));
        s.blocks.push(Block::List(decisions));
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeAutomatedRights))]));
    }
    s
}

/// Art. 13(2)(d) and 77: the right to complain, to the authority of the
/// organization's country (from ropa-law).
fn complaint(ctx: &Ctx, gaps: &mut Gaps) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "complaint", Key::NoticeComplaintTitle);
    let mut intro = vec![text(ctx.t(Key::NoticeComplaintText))];
    cited(ctx, &mut intro, Cite::article(77));
    s.blocks.push(Block::Paragraph(intro));
    // The authority that supervises the organization: in Germany the Land's
    // (BDSG § 40), so without the Land the draft leaves a placeholder.
    let region = view.organization.and_then(|(_, o)| o.region.as_ref()).map(|r| r.value);
    let authority = view
        .country()
        .and_then(|c| match ropa_law::competent_authority(c, region) {
            ropa_law::Competent::Authority(a) => Some((c, a)),
            _ => None,
        });
    match authority {
        Some((country, authority)) => {
            let mut name = authority.name.to_owned();
            if authority.short_name != authority.name {
                name = format!("{name} ({})", authority.short_name);
            }
            if ctx.lang == crate::Lang::En && authority.name_en != authority.name {
                name = format!("{name}, {}", authority.name_en);
            }
            s.blocks.push(Block::Paragraph(vec![
                text(fill(
                    ctx.t(Key::NoticeComplaintAuthority),
                    &[&i18n::country(ctx.lang, country), &name],
                )),
                text(" "),
                pieces::website(authority.website),
            ]));
        }
        None => {
            let gap = gaps.add(
                ctx,
                &s,
                GapField::Country,
                Vec::new(),
                ctx.t(Key::NoticeFillAuthority).to_owned(),
            );
            s.blocks.push(Block::Paragraph(vec![gap]));
        }
    }
    s
}
