//! The front of every report: its title, whose it is, the facts a reader
//! checks first (generated when, from which revision, on legal facts of
//! which date) and, prominently, whether the record has errors.

use std::collections::hash_map::Entry;

use ropa_syntax::values::Severity;
use rustc_hash::FxHashMap;

use crate::doc::{Document, Field, Inline, Tone, link, missing, text};
use crate::i18n::{self, Key, fill};
use crate::notice::{Gap, placeholder};
use crate::{Ctx, Kind, pieces};

pub const FINDINGS_ANCHOR: &str = "findings";

pub fn field(label: &str, value: Vec<Inline>) -> Field {
    Field {
        label: label.to_owned(),
        cite: None,
        value,
    }
}

/// The front page; `gaps` are those the privacy notice draft leaves, when
/// the report includes it.
pub fn document(ctx: &Ctx, gaps: &[Gap]) -> Document {
    let view = ctx.view;
    let kind = ctx.options.kind;
    let title = ctx
        .t(match kind {
            Kind::Record => Key::TitleRecord,
            Kind::Transfers => Key::TitleTransfers,
            Kind::Findings => Key::TitleFindings,
            Kind::Notice => Key::TitleNotice,
            Kind::All => Key::TitleAll,
        })
        .to_owned();
    let subject = view
        .organization_name()
        .unwrap_or(ctx.t(Key::UnnamedOrganization))
        .to_owned();

    let mut cover = Vec::new();
    match view.organization {
        Some((_, org)) => {
            cover.push(field(ctx.t(Key::Organization), vec![text(org.name.value.as_str())]));
            if let Some(registration) = &org.registration {
                cover.push(field(
                    ctx.t(Key::RegistrationNumber),
                    vec![text(registration.value.as_str())],
                ));
            }
            if let Some(country) = &org.country {
                cover.push(field(
                    ctx.t(Key::CountryOfEstablishment),
                    vec![text(pieces::country_name(ctx, country.value))],
                ));
            }
            if let Some(contact) = &org.contact {
                cover.push(field(ctx.t(Key::ContactPerson), pieces::contact(ctx, contact)));
            }
            cover.push(field(ctx.t(Key::Dpo), pieces::dpo(ctx, org)));
            if let Some(version) = &org.version {
                cover.push(field(ctx.t(Key::RecordVersion), pieces::record_version(ctx, version)));
            }
            if let Some(review) = &org.reviewed {
                cover.push(field(ctx.t(Key::LastReviewed), pieces::review(ctx, review)));
            }
        }
        None => cover.push(field(
            ctx.t(Key::Organization),
            vec![missing(ctx.t(Key::NoOrganization))],
        )),
    }
    cover.push(field(
        ctx.t(Key::Generated),
        vec![text(i18n::date(ctx.lang, ctx.options.generated))],
    ));
    if ctx.internal() {
        cover.push(field(ctx.t(Key::SpecRevision), pieces::revision(ctx)));
    }
    cover.push(field(
        ctx.t(Key::LegalFactsAsOf),
        vec![text(i18n::date_text(ctx.lang, ropa_law::facts_as_of()))],
    ));
    // How the record fares against the rules is the team's business; a
    // reader outside it gets the findings only in the annex asked for.
    if ctx.internal() {
        let mut findings_line = pieces::count_badges(ctx, view.counts);
        if findings_line.is_empty() {
            findings_line.push(Inline::Badge(Tone::Ok, ctx.t(Key::NoFindings).to_owned()));
        }
        cover.push(field(ctx.t(Key::FindingsTitle), findings_line));
    }

    let mut alerts = Vec::new();
    if ctx.internal() && view.organization.is_none() {
        alerts.push((Tone::Error, vec![text(ctx.t(Key::AlertNoOrganization))]));
    }
    if ctx.internal() && view.has_errors() {
        let counts = fill(
            ctx.t(Key::AlertErrors),
            &[
                &pieces::severity_count(ctx, Severity::Error, view.counts.error),
                &pieces::severity_count(ctx, Severity::Warning, view.counts.warning),
            ],
        );
        let mut line = vec![Inline::Strong(counts), text(" ")];
        if kind.includes(Kind::Findings) {
            line.push(link(ctx.t(Key::AlertSeeFindings), FINDINGS_ANCHOR));
        } else {
            line.push(text(ctx.t(Key::AlertRunCheck)));
        }
        alerts.push((Tone::Error, line));
    }
    if kind.includes(Kind::Notice) {
        alerts.push((Tone::Info, vec![text(ctx.t(Key::AlertNoticeDraft))]));
        if !gaps.is_empty() {
            alerts.push((Tone::Warning, gap_list(ctx, gaps)));
        }
    }

    Document {
        lang: ctx.lang,
        footer: footer(ctx, &title, &subject),
        title,
        subject,
        cover,
        alerts,
        contents_title: ctx.t(Key::Contents).to_owned(),
        parts: Vec::new(),
        anchors: Default::default(),
    }
}

/// The line at the foot of every printed page: what the document is, whose,
/// of which date and version of the record and, for the team, from which
/// revision of the spec.
fn footer(ctx: &Ctx, title: &str, subject: &str) -> String {
    let mut parts = vec![
        title.to_owned(),
        subject.to_owned(),
        i18n::date(ctx.lang, ctx.options.generated),
    ];
    if let Some(version) = ctx.view.organization.and_then(|(_, o)| o.version.as_ref()) {
        parts.push(fill(ctx.t(Key::FooterVersion), &[version.version.value.as_str()]));
    }
    if ctx.internal()
        && let crate::Revision::Commit { id, .. } = &ctx.options.revision
    {
        parts.push(id.clone());
    }
    parts.join(" · ")
}

/// What the notice draft still needs, each linked to its section, so that
/// the DPO sees at a glance what to complete before publishing. The same
/// gap in several rows of a section is one line, naming the activities.
fn gap_list(ctx: &Ctx, gaps: &[Gap]) -> Vec<Inline> {
    // In the order each first appears; found by key, as a large record has
    // thousands of gaps and hundreds of distinct ones.
    let mut grouped: Vec<(&Gap, Vec<&str>)> = Vec::new();
    let mut group_of: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for gap in gaps {
        match group_of.entry((gap.section, gap.text.as_str())) {
            Entry::Occupied(at) => grouped[*at.get()].1.extend(gap.row.as_deref()),
            Entry::Vacant(slot) => {
                slot.insert(grouped.len());
                grouped.push((gap, gap.row.as_deref().into_iter().collect()));
            }
        }
    }
    let mut line = vec![Inline::Strong(pieces::count(
        ctx,
        gaps.len(),
        Key::NoticeGapsOne,
        Key::NoticeGapsMany,
    ))];
    for (gap, rows) in grouped {
        line.push(Inline::Break);
        line.push(link(gap.title.as_str(), gap.anchor()));
        line.push(text(": "));
        line.push(placeholder(ctx, &gap.text));
        if !rows.is_empty() {
            line.push(text(format!(" — {}", rows.join(", "))));
        }
    }
    line
}
