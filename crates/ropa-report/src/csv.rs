//! Reports as one CSV table (RFC 4180: comma-separated, CRLF line ends,
//! UTF-8 with a byte-order mark so that Excel reads Nordic letters right):
//! the record (one row per activity), the transfers (one row per flow of
//! data to a party and country) or the findings (one row per finding).
//! Headers are in the report's language; the columns are documented in
//! docs/reports.md. Every cell goes through `escape::csv`, which also
//! defuses spreadsheet formulas.

use std::io::{self, Write};

use ropa_syntax::model::{Dpia, PartyKind};
use ropa_syntax::values::{LegalBasis, RoleKind};

use crate::doc::{Line, plain};
use crate::escape::csv as cell;
use crate::findings;
use crate::flows::Recipient;
use crate::i18n::{self, Key};
use crate::record;
use crate::view::ActivityView;
use crate::{Ctx, Kind, pieces};

const BOM: &str = "\u{feff}";

/// One CSV table: its header line, and its rows to be written.
pub struct Table {
    /// The byte order mark and the column headings, with the `\r\n`.
    head: String,
    rows: Vec<Vec<String>>,
}

pub fn table(ctx: &Ctx) -> Table {
    let (head, rows) = match ctx.options.kind {
        Kind::Transfers => transfers(ctx),
        Kind::Findings => findings_table(ctx),
        _ => record_table(ctx),
    };
    let mut line = String::from(BOM);
    write_row(
        &mut line,
        &head.iter().map(|k| ctx.t(*k).to_owned()).collect::<Vec<_>>(),
    );
    Table { head: line, rows }
}

impl Table {
    /// Up to its `\n`.
    pub fn first_line(&self) -> &str {
        self.head.strip_suffix('\n').unwrap_or(&self.head)
    }

    /// Writes the table, a few hundred rows at a time.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.head.as_bytes())?;
        let mut text = String::new();
        for rows in self.rows.chunks(256) {
            text.clear();
            for row in rows {
                write_row(&mut text, row);
            }
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    }
}

fn write_row(out: &mut String, cells: &[String]) {
    for (i, value) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell(value));
    }
    out.push_str("\r\n");
}

fn text_of(line: Line) -> String {
    plain(&line)
}

fn record_table(ctx: &Ctx) -> (Vec<Key>, Vec<Vec<String>>) {
    let head = vec![
        Key::Id,
        Key::Activity,
        Key::Role,
        Key::Controller,
        Key::JointController,
        Key::Purpose,
        Key::LegalBasis,
        Key::LegitimateInterests,
        Key::SpecialCategoryCondition,
        Key::DataSubjects,
        Key::PersonalData,
        Key::Source,
        Key::Recipients,
        Key::Transfers,
        Key::Retention,
        Key::SecurityMeasures,
        Key::Dpia,
        Key::AutomatedDecisions,
        Key::SeverityErrorPlural,
        Key::SeverityWarningPlural,
    ];
    let rows = ctx.view.activities.iter().map(|a| record_row(ctx, a)).collect();
    (head, rows)
}

fn record_row(ctx: &Ctx, a: &ActivityView) -> Vec<String> {
    let view = ctx.view;
    let activity = a.activity;
    let role = activity.role.as_ref();
    let org = view.organization.map(|(_, o)| o);
    let controller = match activity.role_kind() {
        RoleKind::Processor => {
            let mut fields = Vec::new();
            record::processor_for(ctx, activity, &mut fields);
            fields
                .iter()
                .enumerate()
                .map(|(i, f)| match i {
                    0 => plain(&f.value),
                    _ => format!("{}: {}", f.label, plain(&f.value)),
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        _ => org.map_or_else(String::new, |o| {
            let mut line = vec![crate::doc::text(o.name.value.as_str())];
            if let Some(contact) = &o.contact {
                line.push(crate::doc::text(" — "));
                line.extend(pieces::contact(ctx, contact));
            }
            plain(&line)
        }),
    };
    let joint = match (activity.role_kind(), role) {
        (RoleKind::JointController, Some(r)) => {
            let mut parts = Vec::new();
            parts.extend(r.counterpart.as_ref().map(|c| c.value.to_string()));
            parts.extend(
                r.arrangement
                    .as_ref()
                    .map(|x| format!("{}: {}", ctx.t(Key::Arrangement), x.value)),
            );
            parts.extend(record::joint_controllers(ctx, a).iter().map(|l| plain(l)));
            parts.join("\n")
        }
        _ => record::joint_controllers(ctx, a)
            .iter()
            .map(|l| plain(l))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let join = |items: Vec<String>| items.join("\n");
    let bases = join(activity.bases.iter().map(|b| plain(&pieces::basis(ctx, b))).collect());
    let interests = join(
        activity
            .bases
            .iter()
            .filter(|b| b.kind.value == LegalBasis::LegitimateInterests)
            .filter_map(|b| b.interest.as_ref().map(|i| i.value.to_string()))
            .collect(),
    );
    let mut conditions: Vec<String> = activity
        .conditions
        .iter()
        .map(|c| {
            let mut s = plain(&pieces::keyword(ctx, c.kind.value));
            if let Some(law) = &c.law {
                s.push_str(&format!(" · {}", law.value));
            }
            s
        })
        .collect();
    if let Some(authority) = &activity.criminal_authority {
        conditions.push(format!(
            "{}: {}",
            ctx.t(Key::CriminalDataAuthority),
            authority.law.as_ref().map_or("", |l| l.value.as_str())
        ));
    }
    let retention = join(
        activity
            .retention
            .iter()
            .map(|r| plain(&pieces::retention(ctx, view, r)))
            .collect(),
    );
    let mut security: Vec<String> = activity.security.iter().map(|s| s.value.to_string()).collect();
    security.extend(
        org.into_iter()
            .flat_map(|o| o.security.iter().map(|s| s.value.to_string())),
    );
    let dpia = match &activity.dpia {
        Some(Dpia::Done(reference)) => reference.value.to_string(),
        Some(Dpia::NotNeeded { reason, .. }) => {
            let mut s = ctx.t(Key::DpiaNotNeeded).to_owned();
            if let Some(reason) = reason {
                s.push_str(": ");
                s.push_str(&reason.value);
            }
            s
        }
        None => String::new(),
    };
    let automated = join(
        activity
            .automated_decisions
            .iter()
            .map(|d| match &d.safeguards {
                Some(s) => format!("{} · {}: {}", d.description.value, ctx.t(Key::Safeguards), s.value),
                None => d.description.value.to_string(),
            })
            .collect(),
    );
    let recipients = if a.processors.is_empty() && a.recipients.is_empty() {
        String::new()
    } else {
        text_of(record::recipients(ctx, a))
    };
    vec![
        a.id().to_owned(),
        activity.title().to_owned(),
        text_of(record::role(ctx, activity)),
        controller,
        joint,
        activity
            .purpose
            .as_ref()
            .map(|p| p.value.to_string())
            .unwrap_or_default(),
        bases,
        interests,
        join(conditions),
        text_of(record::subjects(ctx, a)),
        text_of(record::data(ctx, a)),
        activity
            .source
            .as_ref()
            .map(|s| s.value.to_string())
            .unwrap_or_default(),
        recipients,
        text_of(record::transfers(ctx, a)),
        retention,
        join(security),
        dpia,
        automated,
        a.counts.error.to_string(),
        a.counts.warning.to_string(),
    ]
}

fn transfers(ctx: &Ctx) -> (Vec<Key>, Vec<Vec<String>>) {
    let view = ctx.view;
    let head = vec![
        Key::Id,
        Key::Activity,
        Key::RecipientId,
        Key::Recipient,
        Key::Role,
        Key::ViaColumn,
        Key::CountryCode,
        Key::Destination,
        Key::Zone,
        Key::Safeguard,
        Key::Status,
    ];
    let rows = view
        .flows
        .iter()
        .map(|f| {
            let a = &view.activities[f.activity];
            let (id, name, role) = match &f.recipient {
                Recipient::Party(p) => {
                    let party = &view.parties[*p];
                    let role = match party.party.kind {
                        PartyKind::Processor => ctx.t(Key::Processor),
                        PartyKind::Subprocessor => ctx.t(Key::SubProcessor),
                        PartyKind::Recipient => ctx.t(Key::Recipient),
                        PartyKind::JointController => ctx.t(Key::JointController),
                        PartyKind::System => ctx.t(Key::System),
                    };
                    (party.id().to_owned(), party.name().to_owned(), role.to_owned())
                }
                Recipient::Undefined(id) => (id.clone(), String::new(), String::new()),
                Recipient::Unnamed => (String::new(), ctx.t(Key::RecipientNotNamed).to_owned(), String::new()),
            };
            let safeguard = match f.transfer {
                Some(t) => plain(&pieces::safeguard(ctx, &a.activity.transfers[t])),
                None if f.status.is_transfer() => format!("[{}]", ctx.t(Key::TransferNotDeclared)),
                None => String::new(),
            };
            vec![
                a.id().to_owned(),
                a.activity.title().to_owned(),
                id,
                name,
                role,
                f.via.map(|v| view.parties[v].id().to_owned()).unwrap_or_default(),
                f.country.map(|c| c.code().to_owned()).unwrap_or_default(),
                f.country.map(|c| i18n::country(ctx.lang, c)).unwrap_or_default(),
                pieces::zone(ctx, f.zone).to_owned(),
                safeguard,
                plain(&[pieces::status(ctx, f.status)])
                    .trim_matches(['[', ']'])
                    .to_owned(),
            ]
        })
        .collect();
    (head, rows)
}

fn findings_table(ctx: &Ctx) -> (Vec<Key>, Vec<Vec<String>>) {
    let view = ctx.view;
    let head = vec![
        Key::Severity,
        Key::Rule,
        Key::Area,
        Key::Finding,
        Key::Help,
        Key::Entity,
        Key::File,
        Key::Line,
        Key::Column,
    ];
    let rows = findings::ordered(&view.findings)
        .into_iter()
        .map(|f| {
            let d = f.diagnostic;
            vec![
                findings::severity(ctx, d.severity).to_owned(),
                d.rule.id().to_owned(),
                findings::category(ctx, d.rule.info().category).to_owned(),
                d.message.to_string(),
                d.help.as_deref().unwrap_or_default().to_owned(),
                f.target.map(|t| view.id_of(t).to_owned()).unwrap_or_default(),
                f.path.to_owned(),
                f.line.to_string(),
                f.column.to_string(),
            ]
        })
        .collect();
    (head, rows)
}
