//! The processors and transfers overview: every processor and recipient
//! with where it keeps the data and its agreement, the map of where data
//! goes, and every flow outside the EEA with its safeguard, the form a
//! customer's DPO asks for.

use ropa_syntax::model::PartyKind;

use crate::doc::{
    Block, Inline, LaterRows, Line, Row, RowsKind, Section, Table, Tone, lines, link, missing, muted, text,
};
use crate::flows::Recipient;
use crate::i18n::{self, Key, fill};
use crate::view::{PartyView, View};
use crate::{Ctx, Kind, pieces, svg};

pub const TRANSFERS_ANCHOR: &str = "transfers";

/// The transfer map of the report, planned; `None` when the record has no
/// flow, as a map without a single flow says nothing the text does not.
pub fn map(ctx: &Ctx) -> Option<svg::Pages> {
    let links = svg::Links {
        activities: ctx.options.kind.includes(Kind::Record),
        parties: true,
    };
    (!ctx.view.flows.is_empty()).then(|| svg::Pages::plan(ctx, links))
}

/// The transfers part, with a figure for each page of `map`.
pub fn part(ctx: &Ctx, map: Option<&svg::Pages>) -> Section {
    let view = ctx.view;
    let mut part = Section::new(Some(TRANSFERS_ANCHOR.to_owned()), ctx.t(Key::TransfersTitle));
    let third_countries = {
        let mut countries: Vec<_> = view
            .flows
            .iter()
            .filter(|f| f.status.is_transfer())
            .filter_map(|f| f.country)
            .collect();
        countries.sort();
        countries.dedup();
        countries.len()
    };
    let unsafeguarded = view.flows.iter().filter(|f| f.status.is_unsafeguarded()).count();
    part.blocks.push(Block::Paragraph(vec![text(fill(
        ctx.t(Key::TransfersSummary),
        &[
            &view.parties.len().to_string(),
            &third_countries.to_string(),
            &unsafeguarded.to_string(),
        ],
    ))]));
    if unsafeguarded > 0 {
        part.blocks.push(Block::Callout(
            Tone::Error,
            vec![text(fill(
                ctx.t(Key::TransfersUnsafeguardedAlert),
                &[&unsafeguarded.to_string()],
            ))],
        ));
    }
    if let Some(map) = map {
        let count = map.len();
        for i in 0..count {
            let mut caption = ctx.t(Key::MapCaption).to_owned();
            if count > 1 {
                let part = fill(ctx.t(Key::MapPart), &[&(i + 1).to_string(), &count.to_string()]);
                caption = format!("{caption} ({part})");
            }
            part.blocks.push(Block::Figure {
                page: i,
                caption: vec![text(caption)],
                // Said once, for the first picture, where no picture can be shown.
                fallback: if i == 0 {
                    vec![text(ctx.t(if ctx.internal() {
                        Key::MapElsewhere
                    } else {
                        Key::MapElsewhereAuthority
                    }))]
                } else {
                    Vec::new()
                },
            });
        }
    }
    part.children.push(parties(ctx));
    part.children.push(transfers(ctx));
    let unknown = unknown_locations(ctx);
    if !unknown.blocks.is_empty() {
        part.children.push(unknown);
    }
    part
}

fn role(ctx: &Ctx, view: &View, party: &PartyView) -> Line {
    let p = party.party;
    let mut out = match p.kind {
        PartyKind::Processor => vec![text(ctx.t(Key::Processor))],
        PartyKind::Subprocessor => {
            let mut line = vec![text(ctx.t(Key::SubProcessor))];
            if let Some(parent) = party.parent {
                line.push(text(format!(" {} ", ctx.t(Key::SubProcessorOf))));
                line.extend(pieces::party(view, parent));
            }
            line
        }
        PartyKind::Recipient => {
            let mut line = vec![text(ctx.t(Key::Recipient))];
            if let Some(kind) = &p.recipient_kind {
                line.push(text(format!(" ({})", i18n::label(ctx.lang, kind.value))));
            }
            line
        }
        PartyKind::JointController => vec![text(ctx.t(Key::JointController))],
        PartyKind::System => vec![text(ctx.t(Key::System))],
    };
    if p.dpf.as_ref().is_some_and(|d| d.value) {
        out.push(text(" "));
        out.push(Inline::Badge(Tone::Ok, ctx.t(Key::DpfCertified).to_owned()));
    }
    out
}

fn locations(ctx: &Ctx, party: &PartyView) -> Line {
    let p = party.party;
    let countries = |list: &[ropa_syntax::model::Spanned<ropa_syntax::values::Country>]| {
        list.iter()
            .map(|c| pieces::country_name(ctx, c.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out: Vec<Line> = Vec::new();
    if let Some(country) = &p.country {
        out.push(vec![
            muted(format!("{}: ", ctx.t(Key::Established))),
            text(pieces::country_name(ctx, country.value)),
        ]);
    }
    if !p.stored_in.is_empty() {
        out.push(vec![
            muted(format!("{}: ", ctx.t(Key::StoredIn))),
            text(countries(&p.stored_in)),
        ]);
    }
    if !p.accessed_from.is_empty() {
        out.push(vec![
            muted(format!("{}: ", ctx.t(Key::AccessedFrom))),
            text(countries(&p.accessed_from)),
        ]);
    }
    if let Some(parent) = &p.parent {
        out.push(vec![
            muted(format!("{}: ", ctx.t(Key::ParentCompany))),
            text(pieces::country_name(ctx, parent.value)),
        ]);
    }
    if p.stored_in.is_empty() && p.accessed_from.is_empty() && p.country.is_none() {
        out.push(vec![missing(ctx.t(Key::LocationNotRecorded))]);
    }
    lines(out)
}

fn parties(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("parties".to_owned()), ctx.t(Key::PartiesTitle));
    if view.parties.is_empty() {
        section
            .blocks
            .push(Block::Paragraph(vec![muted(ctx.t(Key::NoPartiesRecorded))]));
        return section;
    }
    let rows = view
        .parties
        .iter()
        .map(|party| {
            let p = party.party;
            let mut name = vec![Inline::Strong(party.name().to_owned())];
            if ctx.internal() {
                name.push(text(" "));
                name.push(Inline::Code(party.id().to_owned()));
            }
            name.push(Inline::Break);
            name.extend(role(ctx, view, party));
            if let Some(service) = &p.service {
                name.push(Inline::Break);
                name.push(muted(service.value.as_str()));
            }
            let badges = pieces::count_badges(ctx, party.counts);
            if ctx.internal() && !badges.is_empty() {
                name.push(Inline::Break);
                name.extend(badges);
            }
            let dpa = if p.kind.is_processor() {
                pieces::dpa(ctx, p.dpa.as_ref())
            } else {
                vec![muted(ctx.t(Key::NotApplicable))]
            };
            Row {
                anchor: Some(party.anchor.clone()),
                cells: vec![name, locations(ctx, party), dpa, pieces::used_by(ctx, &party.used_by)],
            }
        })
        .collect();
    section.blocks.push(Block::Table(Table {
        head: ctx.heads(&[Key::Party, Key::WhereDataIs, Key::Dpa, Key::UsedBy]),
        rows,
        numeric: Vec::new(),
        widths: vec![36, 26, 15, 23],
        later: None,
    }));
    section
}

/// The transfer list's row of flow `f`.
pub fn transfer_row(ctx: &Ctx, f: usize) -> Row {
    let view = ctx.view;
    let f = &view.flows[f];
    let a = &view.activities[f.activity];
    let mut recipient = pieces::recipient(ctx, view, &f.recipient);
    if let Some(via) = f.via {
        recipient.push(Inline::Break);
        recipient.push(muted(format!("{} ", ctx.t(Key::Via))));
        recipient.extend(pieces::party(view, via));
    }
    let mut destination = pieces::destination(ctx, f);
    destination.push(Inline::Break);
    destination.push(muted(pieces::zone(ctx, f.zone)));
    let safeguard = match f.transfer {
        Some(t) => pieces::safeguard(ctx, &a.activity.transfers[t]),
        None => vec![missing(ctx.t(Key::TransferNotDeclared))],
    };
    Row {
        anchor: None,
        cells: vec![
            vec![link(a.activity.title(), a.anchor.clone())],
            recipient,
            destination,
            safeguard,
            vec![pieces::status(ctx, f.status)],
        ],
    }
}

/// Every flow that is a transfer, one row each, built as they are printed
/// ([`transfer_row`]).
fn transfers(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("transfer-list".to_owned()), ctx.t(Key::TransferListTitle));
    let items: Vec<usize> = (0..view.flows.len())
        .filter(|f| view.flows[*f].status.is_transfer())
        .collect();
    if items.is_empty() {
        section
            .blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoTransfersAtAll))]));
        return section;
    }
    section.blocks.push(Block::Table(Table {
        head: ctx.heads(&[
            Key::Activity,
            Key::Recipient,
            Key::Destination,
            Key::Safeguard,
            Key::Status,
        ]),
        rows: Vec::new(),
        numeric: Vec::new(),
        widths: vec![19, 20, 18, 28, 15],
        later: Some(LaterRows {
            kind: RowsKind::Transfers,
            items,
        }),
    }));
    section
}

/// Parties whose data location the record does not give: the question a
/// customer's DPO asks first.
fn unknown_locations(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("locations-unknown".to_owned()), ctx.t(Key::UnknownLocationsTitle));
    let mut parties: Vec<usize> = view
        .flows
        .iter()
        .filter(|f| f.country.is_none())
        .filter_map(|f| match f.recipient {
            Recipient::Party(p) => Some(p),
            _ => None,
        })
        .collect();
    parties.sort_unstable();
    parties.dedup();
    if !parties.is_empty() {
        section
            .blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::UnknownLocationsText))]));
        section.blocks.push(Block::List(
            parties.into_iter().map(|p| pieces::party(view, p)).collect(),
        ));
    }
    section
}
