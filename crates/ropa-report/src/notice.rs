//! A privacy notice draft (GDPR Art. 13 and 14) for the data subjects of
//! the organization's controller activities, or of the subject categories
//! asked for. Written to the data subject ("we", "you"). What the record
//! does not say is left as a visible placeholder to fill in, never guessed.
//! Activities where the organization is a processor are left out: their
//! controller informs those people.

use ropa_syntax::model::Dpo;
use ropa_syntax::values::{LegalBasis, Mechanism, RoleKind};

use crate::doc::{Block, Inline, Line, Row, Section, Table, Tone, join, lines, missing, muted, text};
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

fn section(ctx: &Ctx, anchor: &str, title: Key) -> Section {
    Section::new(Some(format!("{NOTICE_ANCHOR}-{anchor}")), ctx.t(title))
}

fn cited(ctx: &Ctx, line: &mut Line, cite: Cite) {
    line.push(text(" "));
    line.push(muted(format!("({})", i18n::cite(ctx.lang, cite))));
}

pub fn part(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
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
        return part;
    }

    part.children.push(controller(ctx, org_name));
    part.children.push(purposes(ctx, scope));
    if let Some(s) = legitimate_interests(ctx, scope) {
        part.children.push(s);
    }
    part.children.push(sources(ctx, scope));
    part.children.push(provision(ctx, scope));
    part.children.push(recipients(ctx, scope));
    part.children.push(transfers(ctx, scope));
    part.children.push(rights(ctx, scope));
    part.children.push(automated(ctx, scope));
    part.children.push(complaint(ctx));
    let mut updated = section(ctx, "updated", Key::NoticeUpdatedTitle);
    updated.blocks.push(Block::Paragraph(vec![text(i18n::date(
        ctx.lang,
        ctx.options.generated,
    ))]));
    part.children.push(updated);
    part
}

/// Art. 13(1)(a) and (b): who is responsible and how to reach them and the DPO.
fn controller(ctx: &Ctx, org_name: &str) -> Section {
    let mut s = section(ctx, "controller", Key::NoticeControllerTitle);
    let Some((_, org)) = ctx.view.organization else {
        s.blocks
            .push(Block::Paragraph(vec![missing(ctx.t(Key::NoticeFillController))]));
        return s;
    };
    let mut who = org_name.to_owned();
    if let Some(registration) = &org.registration {
        who = format!("{who} ({registration})", registration = registration.value);
    }
    let mut line = vec![text(fill(ctx.t(Key::NoticeControllerText), &[&who]))];
    cited(ctx, &mut line, Cite::new(13, 1, 'a'));
    s.blocks.push(Block::Paragraph(line));
    let mut how: Vec<Line> = Vec::new();
    match &org.contact {
        Some(contact) => how.push(pieces::contact(ctx, contact)),
        None => how.push(vec![missing(ctx.t(Key::NoticeFillContact))]),
    }
    if let Some(address) = &org.address {
        how.push(vec![text(address.value.as_str())]);
    }
    if let Some(website) = &org.website {
        how.push(vec![pieces::website(&website.value)]);
    }
    s.blocks.push(Block::Paragraph(lines(how)));
    let mut dpo = match &org.dpo {
        Some(Dpo::Appointed(contact)) => {
            let mut line = vec![text(ctx.t(Key::NoticeDpoText)), text(" ")];
            line.extend(pieces::contact(ctx, contact));
            line
        }
        Some(Dpo::NotAppointed { .. }) => vec![text(ctx.t(Key::NoticeNoDpo))],
        None => vec![missing(ctx.t(Key::NoticeFillDpo))],
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

/// Art. 13(1)(c), 13(2)(a) and 14(1)(d): purpose, data, legal basis and
/// retention, one row per activity.
fn purposes(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "purposes", Key::NoticePurposesTitle);
    let rows = scope
        .activities
        .iter()
        .map(|a| {
            let av = &view.activities[*a];
            let activity = av.activity;
            let mut purpose = vec![Inline::Strong(activity.title().to_owned())];
            purpose.push(Inline::Break);
            match &activity.purpose {
                Some(p) => purpose.push(text(p.value.as_str())),
                None => purpose.push(missing(ctx.t(Key::NoticeFillPurpose))),
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
                vec![missing(ctx.t(Key::NoticeFillData))]
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
                    if let Some(law) = &b.law {
                        line.push(text(" · "));
                        line.push(text(law.value.as_str()));
                    }
                    line
                })
                .collect();
            let bases = if bases.is_empty() {
                vec![missing(ctx.t(Key::NoticeFillBasis))]
            } else {
                lines(bases)
            };
            let retention: Vec<Line> = activity
                .retention
                .iter()
                .map(|r| pieces::retention(ctx, view, r))
                .collect();
            let retention = if retention.is_empty() {
                vec![missing(ctx.t(Key::NoticeFillRetention))]
            } else {
                lines(retention)
            };
            Row {
                anchor: None,
                cells: vec![purpose, data, bases, retention],
            }
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        head: ctx.heads(&[
            Key::NoticePurposeColumn,
            Key::NoticeDataColumn,
            Key::LegalBasis,
            Key::NoticeRetentionColumn,
        ]),
        rows,
        numeric: Vec::new(),
        widths: vec![29, 31, 18, 22],
    }));
    s
}

/// Art. 13(1)(d): the legitimate interests relied on.
fn legitimate_interests(ctx: &Ctx, scope: &Scope) -> Option<Section> {
    let view = ctx.view;
    let items: Vec<Line> = scope
        .activities
        .iter()
        .map(|a| view.activities[*a].activity)
        .flat_map(|activity| {
            activity
                .bases
                .iter()
                .filter(|b| b.kind.value == LegalBasis::LegitimateInterests)
                .map(move |b| {
                    let mut line = vec![Inline::Strong(format!("{}: ", activity.title()))];
                    match &b.interest {
                        Some(interest) => line.push(text(interest.value.as_str())),
                        None => line.push(missing(ctx.t(Key::NoticeFillInterest))),
                    }
                    line
                })
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    let mut s = section(ctx, "interests", Key::NoticeInterestsTitle);
    let mut intro = vec![text(ctx.t(Key::NoticeInterestsText))];
    cited(ctx, &mut intro, Cite::new(13, 1, 'd'));
    s.blocks.push(Block::Paragraph(intro));
    s.blocks.push(Block::List(items));
    Some(s)
}

/// Art. 14(2)(f): where data not collected from the person comes from.
fn sources(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "sources", Key::NoticeSourcesTitle);
    let items: Vec<Line> = scope
        .activities
        .iter()
        .map(|a| view.activities[*a].activity)
        .filter_map(|activity| {
            activity.source.as_ref().map(|src| {
                vec![
                    Inline::Strong(format!("{}: ", activity.title())),
                    text(src.value.as_str()),
                ]
            })
        })
        .collect();
    if items.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeSourcesFromYou))]));
    } else {
        let mut intro = vec![text(ctx.t(Key::NoticeSourcesText))];
        cited(ctx, &mut intro, Cite::new(14, 2, 'f'));
        s.blocks.push(Block::Paragraph(intro));
        s.blocks.push(Block::List(items));
    }
    s
}

/// Art. 13(2)(e): whether people must provide the data, and what happens if not.
fn provision(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "provision", Key::NoticeProvisionTitle);
    let mut items = Vec::new();
    let mut unknown = Vec::new();
    for a in &scope.activities {
        let activity = view.activities[*a].activity;
        match &activity.provision {
            Some(p) => {
                let mut line = vec![
                    Inline::Strong(format!("{}: ", activity.title())),
                    text(i18n::label(ctx.lang, p.kind.value)),
                ];
                if let Some(consequence) = &p.consequence {
                    line.push(text(format!(". {}: ", ctx.t(Key::NoticeIfNotProvided))));
                    line.push(text(consequence.value.as_str()));
                }
                items.push(line);
            }
            None => unknown.push(activity.title()),
        }
    }
    if !unknown.is_empty() {
        items.push(vec![missing(fill(
            ctx.t(Key::NoticeFillProvision),
            &[&unknown.join(", ")],
        ))]);
    }
    let mut intro = vec![text(ctx.t(Key::NoticeProvisionText))];
    cited(ctx, &mut intro, Cite::new(13, 2, 'e'));
    s.blocks.push(Block::Paragraph(intro));
    s.blocks.push(Block::List(items));
    s
}

/// Art. 13(1)(e): processors and other recipients.
fn recipients(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "recipients", Key::NoticeRecipientsTitle);
    let mut processors: Vec<usize> = Vec::new();
    let mut others: Vec<usize> = Vec::new();
    for a in &scope.activities {
        let av = &view.activities[*a];
        for r in &av.processors {
            if let Ref::Found(p) = r {
                processors.extend(view.subtree(*p));
            }
        }
        for r in &av.recipients {
            if let Ref::Found(p) = r {
                others.push(*p);
            }
        }
    }
    processors.sort_unstable();
    processors.dedup();
    others.sort_unstable();
    others.dedup();
    if processors.is_empty() && others.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeNoRecipients))]));
        return s;
    }
    let describe = |p: usize| -> Line {
        let party = &view.parties[p];
        let mut line = vec![text(party.name())];
        if let Some(service) = &party.party.service {
            line.push(text(format!(" — {}", service.value)));
        }
        line
    };
    if !processors.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeProcessorsText))]));
        s.blocks
            .push(Block::List(processors.into_iter().map(describe).collect()));
    }
    if !others.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeOtherRecipientsText))]));
        s.blocks.push(Block::List(
            others
                .into_iter()
                .map(|p| {
                    let mut line = describe(p);
                    if let Some(kind) = &view.parties[p].party.recipient_kind {
                        line.push(text(format!(" ({})", i18n::label(ctx.lang, kind.value))));
                    }
                    line
                })
                .collect(),
        ));
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
fn transfers(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "transfers", Key::NoticeTransfersTitle);
    let mut merged: Vec<MergedTransfer> = Vec::new();
    for flow in view
        .flows
        .iter()
        .filter(|f| scope.activities.contains(&f.activity) && f.status.is_transfer())
    {
        let Some(country) = flow.country else { continue };
        let transfer = flow.transfer.map(|t| (flow.activity, t));
        match merged
            .iter_mut()
            .find(|(r, c, _, _)| *r == flow.recipient && *c == country)
        {
            Some(entry) => {
                entry.2 = worst(entry.2, flow.status);
                if entry.3.is_none() {
                    entry.3 = transfer;
                }
            }
            None => merged.push((flow.recipient.clone(), country, flow.status, transfer)),
        }
    }
    let mut unknown: Vec<&str> = view
        .flows
        .iter()
        .filter(|f| scope.activities.contains(&f.activity) && f.country.is_none())
        .filter_map(|f| match f.recipient {
            Recipient::Party(p) => Some(view.parties[p].name()),
            _ => None,
        })
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    if merged.is_empty() {
        let mut paragraph = vec![text(ctx.t(Key::NoticeNoTransfers))];
        if !unknown.is_empty() {
            paragraph = vec![missing(fill(ctx.t(Key::NoticeFillLocations), &[&unknown.join(", ")]))];
        }
        s.blocks.push(Block::Paragraph(paragraph));
        return s;
    }
    let mut intro = vec![text(ctx.t(Key::NoticeTransfersText))];
    cited(ctx, &mut intro, Cite::new(13, 1, 'f'));
    s.blocks.push(Block::Paragraph(intro));
    let items = merged
        .into_iter()
        .map(|(recipient, country, status, transfer)| {
            let country_name = i18n::country(ctx.lang, country);
            let who = match &recipient {
                Recipient::Party(p) => view.parties[*p].name().to_owned(),
                Recipient::Undefined(id) => id.clone(),
                Recipient::Unnamed => ctx.t(Key::RecipientNotNamed).to_owned(),
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
                _ => line.push(missing(fill(ctx.t(Key::NoticeFillSafeguard), &[&who, &country_name]))),
            }
            line
        })
        .collect();
    s.blocks.push(Block::List(items));
    if !unknown.is_empty() {
        s.blocks.push(Block::Paragraph(vec![missing(fill(
            ctx.t(Key::NoticeFillLocations),
            &[&unknown.join(", ")],
        ))]));
    }
    s.blocks
        .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeTransfersCopy))]));
    s
}

/// Art. 13(2)(b) and (c): the rights, and how to use them.
fn rights(ctx: &Ctx, scope: &Scope) -> Section {
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
    let consent: Vec<_> = scope
        .activities
        .iter()
        .map(|a| view.activities[*a].activity)
        .filter(|a| a.has_basis(LegalBasis::Consent))
        .collect();
    if !consent.is_empty() {
        let mut line = vec![text(ctx.t(Key::NoticeRightWithdraw))];
        cited(ctx, &mut line, Cite::new(13, 2, 'c'));
        let how: Vec<Line> = consent
            .iter()
            .flat_map(|a| {
                a.bases
                    .iter()
                    .filter(|b| b.kind.value == LegalBasis::Consent)
                    .map(move |b| {
                        let mut item = vec![Inline::Strong(format!("{}: ", a.title()))];
                        match &b.withdrawal {
                            Some(w) => item.push(text(w.value.as_str())),
                            None => item.push(missing(ctx.t(Key::NoticeFillWithdrawal))),
                        }
                        item
                    })
            })
            .collect();
        line.push(Inline::Break);
        line.extend(join(how, "; "));
        items.push(line);
    }
    s.blocks.push(Block::List(items));
    let email = view
        .organization
        .and_then(|(_, o)| o.contact.as_ref())
        .and_then(|c| c.email.as_ref());
    let mut how = vec![text(ctx.t(Key::NoticeRightsHow)), text(" ")];
    match email {
        Some(email) => how.push(Inline::Mail(email.value.to_string())),
        None => how.push(missing(ctx.t(Key::NoticeFillContact))),
    }
    how.push(text(". "));
    how.push(text(ctx.t(Key::NoticeRightsAnswer)));
    s.blocks.push(Block::Paragraph(how));
    s
}

/// Art. 13(2)(f): automated decisions, including profiling.
fn automated(ctx: &Ctx, scope: &Scope) -> Section {
    let view = ctx.view;
    let mut s = section(ctx, "automated", Key::NoticeAutomatedTitle);
    let decisions: Vec<Line> = scope
        .activities
        .iter()
        .map(|a| view.activities[*a].activity)
        .flat_map(|a| {
            a.automated_decisions.iter().map(move |d| {
                let mut line = vec![
                    Inline::Strong(format!("{}: ", a.title())),
                    text(d.description.value.as_str()),
                ];
                if let Some(safeguards) = &d.safeguards {
                    line.push(text(format!(". {}: ", ctx.t(Key::Safeguards))));
                    line.push(text(safeguards.value.as_str()));
                }
                line
            })
        })
        .collect();
    if decisions.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![text(ctx.t(Key::NoticeNoAutomated))]));
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
fn complaint(ctx: &Ctx) -> Section {
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
        None => s
            .blocks
            .push(Block::Paragraph(vec![missing(ctx.t(Key::NoticeFillAuthority))])),
    }
    s
}
