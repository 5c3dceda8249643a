//! Inline pieces every report uses, said in the report's language: contacts,
//! countries, counts, legal bases, retention periods, transfer safeguards.

use ropa_syntax::model::{Basis, Contact, Dpa, Dpo, Organization, Period, RecordVersion, Retention, Review, Transfer};
use ropa_syntax::values::{Country, DerogationGround, Keyword, Mechanism, RetentionEvent, Severity};

use crate::Ctx;
use crate::Revision;
use crate::doc::{Inline, Line, LinkList, Tone, link, missing, muted, text};
use crate::flows::{Flow, Recipient, Status, Zone};
use crate::i18n::{self, Key, fill};
use crate::view::{Counts, Ref, View};

/// A review: "1 October 2026, by Anna Svensson".
pub fn review(ctx: &Ctx, review: &Review) -> Line {
    let mut out = match &review.date {
        Some(date) => vec![text(i18n::date(ctx.lang, date.value))],
        None => vec![missing(ctx.t(Key::NotRecorded))],
    };
    if let Some(by) = &review.by {
        // "14 October 2026 by Legal", as the version's approval reads.
        out.push(text(format!(" {}", fill(ctx.t(Key::ByWhom), &[by.value.as_str()]))));
    }
    out
}

/// The record's version with its approval: "3, approved 1 October 2026 by
/// the board".
pub fn record_version(ctx: &Ctx, version: &RecordVersion) -> Line {
    let mut out = version.version.value.to_string();
    if let Some(approved) = &version.approved {
        out.push_str(", ");
        out.push_str(&fill(ctx.t(Key::ApprovedOn), &[&i18n::date(ctx.lang, approved.value)]));
    }
    if let Some(by) = &version.by {
        out.push(' ');
        out.push_str(&fill(ctx.t(Key::ByWhom), &[by.value.as_str()]));
    }
    vec![text(out)]
}

/// A name with its e-mail address and phone number.
pub fn contact(ctx: &Ctx, contact: &Contact) -> Line {
    let mut out = vec![text(contact.name.value.as_str())];
    if let Some(email) = &contact.email {
        out.push(text(", "));
        out.push(Inline::Mail(email.value.to_string()));
    }
    if let Some(phone) = &contact.phone {
        out.push(text(", "));
        out.push(text(format!("{} {}", ctx.t(Key::PhoneAbbreviation), phone.value)));
    }
    if let Some(country) = &contact.country {
        out.push(text(", "));
        out.push(text(country_name(ctx, country.value)));
    }
    out
}

pub fn dpo(ctx: &Ctx, org: &Organization) -> Line {
    match &org.dpo {
        Some(Dpo::Appointed(c)) => contact(ctx, c),
        Some(Dpo::NotAppointed { reason, .. }) => {
            let mut out = vec![text(ctx.t(Key::DpoNotAppointed))];
            if let Some(reason) = reason {
                out.push(text(": "));
                out.push(text(reason.value.as_str()));
            }
            out
        }
        None => vec![missing(ctx.t(Key::NotRecorded))],
    }
}

/// "Sweden (SE)" in the report's language.
pub fn country_name(ctx: &Ctx, country: Country) -> String {
    format!("{} ({})", i18n::country(ctx.lang, country), country.code())
}

/// A web address as a link when it is one.
pub fn website(url: &str) -> Inline {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Inline::Url {
            text: url.to_owned(),
            url: url.to_owned(),
        }
    } else {
        text(url)
    }
}

pub fn count(ctx: &Ctx, n: usize, one: Key, many: Key) -> String {
    fill(ctx.t(if n == 1 { one } else { many }), &[&n.to_string()])
}

pub fn severity_count(ctx: &Ctx, severity: Severity, n: usize) -> String {
    match severity {
        Severity::Error => count(ctx, n, Key::CountErrorOne, Key::CountErrorMany),
        Severity::Warning => count(ctx, n, Key::CountWarningOne, Key::CountWarningMany),
        Severity::Info => count(ctx, n, Key::CountInfoOne, Key::CountInfoMany),
    }
}

pub fn severity_tone(severity: Severity) -> Tone {
    match severity {
        Severity::Error => Tone::Error,
        Severity::Warning => Tone::Warning,
        Severity::Info => Tone::Info,
    }
}

/// Badges for the findings of an entity; nothing when it has none.
pub fn count_badges(ctx: &Ctx, counts: Counts) -> Line {
    [
        (Severity::Error, counts.error),
        (Severity::Warning, counts.warning),
        (Severity::Info, counts.info),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| Inline::Badge(severity_tone(s), severity_count(ctx, s, n)))
    .collect()
}

pub fn revision(ctx: &Ctx) -> Line {
    match &ctx.options.revision {
        Revision::Commit { id, dirty: false } => vec![Inline::Code(id.clone())],
        Revision::Commit { id, dirty: true } => vec![
            Inline::Code(id.clone()),
            text(" "),
            Inline::Badge(Tone::Warning, ctx.t(Key::RevisionDirty).to_owned()),
        ],
        Revision::Unversioned => vec![muted(ctx.t(Key::RevisionUnversioned))],
    }
}

/// "Contract (Art. 6(1)(b))" with the evidence the spec gives.
pub fn basis(ctx: &Ctx, basis: &Basis) -> Line {
    let kind = basis.kind.value;
    let mut out = vec![
        text(i18n::label(ctx.lang, kind)),
        text(" "),
        muted(i18n::cite_of(ctx.lang, kind)),
    ];
    let details: [(Key, &Option<ropa_syntax::model::Text>); 5] = [
        (Key::BasisLaw, &basis.law),
        (Key::BasisInterest, &basis.interest),
        (Key::BasisAssessment, &basis.assessment),
        (Key::BasisWithdrawal, &basis.withdrawal),
        (Key::BasisRecords, &basis.records),
    ];
    for (key, value) in details {
        if let Some(value) = value {
            out.push(text(format!(" · {}: ", ctx.t(key))));
            out.push(text(value.value.as_str()));
        }
    }
    if basis.parental {
        out.push(text(format!(" · {}", ctx.t(Key::BasisParental))));
    }
    out
}

/// A retention period: "7 years from contract-end", "until …", with the
/// data category it applies to and the statute it follows.
pub fn retention(ctx: &Ctx, view: &View, retention: &Retention) -> Line {
    let mut out = Vec::new();
    if let Some(data) = &retention.data {
        let name = view
            .input
            .index
            .data(&data.value)
            .and_then(|d| d.description.as_ref())
            .map_or_else(|| data.value.to_string(), |d| short(&d.value));
        out.push(Inline::Strong(format!("{name}:")));
        out.push(text(" "));
    }
    match &retention.period {
        Period::Fixed(duration) => {
            out.push(text(i18n::duration(ctx.lang, duration.value)));
            if let Some(from) = &retention.from {
                out.push(text(format!(" {} ", ctx.t(Key::RetentionFrom))));
                // A known event in the reader's language; the author's own
                // words as written.
                out.push(text(
                    RetentionEvent::parse(&from.value).map_or(from.value.as_str(), |e| i18n::label(ctx.lang, e)),
                ));
            }
        }
        Period::Until(criterion) => {
            out.push(text(format!("{}: ", ctx.t(Key::RetentionUntil))));
            out.push(text(criterion.value.as_str()));
        }
        Period::Indefinite(phrase) => {
            out.push(text(phrase.value.as_str()));
            out.push(text(" "));
            out.push(Inline::Badge(Tone::Error, ctx.t(Key::RetentionNoPeriod).to_owned()));
        }
        Period::Missing | Period::Malformed => out.push(missing(ctx.t(Key::RetentionNoPeriod))),
    }
    if let Some(statute) = &retention.statute {
        let law = view
            .country()
            .and_then(|c| ropa_law::statutory_retention(c, statute.value))
            .map(|s| s.law);
        out.push(text(format!(" · {}: ", ctx.t(Key::RetentionStatute))));
        match law {
            Some(law) => out.push(text(law)),
            None => out.push(text(i18n::label(ctx.lang, statute.value))),
        }
    }
    out
}

/// The head of a long description, to name a category in passing: up to
/// the first comma, semicolon or parenthesis, at most 60 characters.
pub fn short(description: &str) -> String {
    let head = description
        .split([',', ';', '(', '\n'])
        .next()
        .unwrap_or(description)
        .trim();
    if head.chars().count() <= 60 {
        return head.to_owned();
    }
    let mut out: String = head.chars().take(59).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// The name of a flow's recipient, linked to the overview when it is a party.
pub fn recipient(ctx: &Ctx, view: &View, recipient: &Recipient) -> Line {
    match recipient {
        Recipient::Party(p) => party(view, *p),
        Recipient::Undefined(id) => undeclared(ctx, id),
        Recipient::Unnamed => vec![missing(ctx.t(Key::RecipientNotNamed))],
    }
}

/// A party's name linked to its row in the overview.
pub fn party(view: &View, p: usize) -> Line {
    let party = &view.parties[p];
    vec![link(party.name(), party.anchor.clone())]
}

pub fn party_ref(ctx: &Ctx, view: &View, r: &Ref<usize>) -> Line {
    match r {
        Ref::Found(p) => party(view, *p),
        Ref::Undefined(id) => undeclared(ctx, id),
    }
}

/// A reference to an id the record does not declare, marked as such.
pub fn undeclared(ctx: &Ctx, id: &str) -> Line {
    vec![Inline::Code(id.to_owned()), text(" "), missing(not_declared(ctx))]
}

/// That an id is not declared: "in the specification" for the team, "in
/// the record" for a reader who never sees the spec.
pub fn not_declared(ctx: &Ctx) -> &'static str {
    ctx.t(if ctx.internal() {
        Key::NotDeclared
    } else {
        Key::NotInRecord
    })
}

/// The destination of a flow: "United States (US)", or that it is unknown.
pub fn destination(ctx: &Ctx, flow: &Flow) -> Line {
    match flow.country {
        Some(c) => vec![text(country_name(ctx, c))],
        None => vec![missing(ctx.t(Key::LocationNotRecorded))],
    }
}

pub fn zone(ctx: &Ctx, zone: Zone) -> &'static str {
    ctx.t(match zone {
        Zone::Eea => Key::ZoneEea,
        Zone::Adequate => Key::ZoneAdequate,
        Zone::PartlyAdequate => Key::ZonePartlyAdequate,
        Zone::NotAdequate => Key::ZoneNotAdequate,
        Zone::Unknown => Key::ZoneUnknown,
    })
}

pub fn status(ctx: &Ctx, status: Status) -> Inline {
    Inline::Badge(status.tone(), status_text(ctx, status).to_owned())
}

pub fn status_text(ctx: &Ctx, status: Status) -> &'static str {
    ctx.t(match status {
        Status::InsideEea => Key::StatusInsideEea,
        Status::LocationUnknown => Key::StatusLocationUnknown,
        Status::Safeguarded => Key::StatusSafeguarded,
        Status::WithoutSafeguard => Key::StatusWithoutSafeguard,
        Status::Undeclared(Some(Severity::Error)) => Key::StatusUndeclaredWithoutSafeguard,
        Status::Undeclared(_) => Key::StatusUndeclared,
    })
}

/// The safeguard of a declared transfer: mechanism, SCC module, TIA, ground.
pub fn safeguard(ctx: &Ctx, transfer: &Transfer) -> Line {
    let mut out = Vec::new();
    match &transfer.mechanism {
        Some(m) => {
            out.push(text(i18n::label(ctx.lang, m.value)));
            out.push(text(" "));
            out.push(muted(i18n::cite_of(ctx.lang, m.value)));
        }
        None => out.push(missing(ctx.t(Key::MechanismNotNamed))),
    }
    if let Some(module) = &transfer.module {
        out.push(text(format!(
            ", {}",
            fill(ctx.t(Key::SccModule), &[&module.value.to_string()])
        )));
    }
    if let Some(ground) = &transfer.ground {
        out.push(text(format!(", {}", i18n::label(ctx.lang, ground.value))));
        out.push(text(" "));
        out.push(muted(i18n::cite_of(ctx.lang, ground.value)));
    }
    if transfer.occasional {
        out.push(text(format!(", {}", ctx.t(Key::TransferOccasional))));
    }
    // The Art. 46 tools bind the importer, not its country's authorities:
    // they need an assessment (Schrems II); adequacy and derogations do not.
    let needs_tia = transfer.mechanism.as_ref().is_some_and(|m| {
        matches!(
            m.value,
            Mechanism::Scc
                | Mechanism::Bcr
                | Mechanism::CodeOfConduct
                | Mechanism::Certification
                | Mechanism::AdHocClauses
        )
    });
    match &transfer.tia {
        Some(tia) => {
            out.push(text(format!(" · {}: ", ctx.t(Key::Tia))));
            out.push(text(tia.value.as_str()));
        }
        None if needs_tia => {
            out.push(text(format!(" · {}: ", ctx.t(Key::Tia))));
            out.push(missing(ctx.t(Key::NotRecorded)));
        }
        None => {}
    }
    // Art. 30(1)(e) asks, for a transfer on compelling legitimate interests
    // (Art. 49(1) second subparagraph), for the documentation of the
    // suitable safeguards that Art. 49(6) requires.
    let compelling = transfer
        .ground
        .as_ref()
        .is_some_and(|g| g.value == DerogationGround::CompellingInterests);
    match &transfer.safeguards {
        Some(safeguards) => {
            out.push(text(format!(" · {}: ", ctx.t(Key::Art49Safeguards))));
            out.push(text(safeguards.value.as_str()));
        }
        None if compelling => {
            out.push(text(format!(" · {}: ", ctx.t(Key::Art49Safeguards))));
            out.push(missing(ctx.t(Key::NotRecorded)));
        }
        None => {}
    }
    out
}

/// What the record says about a processor's agreement (Art. 28(3)).
pub fn dpa(ctx: &Ctx, dpa: Option<&Dpa>) -> Line {
    match dpa {
        Some(Dpa::Signed(date)) => vec![text(fill(ctx.t(Key::DpaSigned), &[&i18n::date(ctx.lang, date.value)]))],
        Some(Dpa::Reference(reference)) => vec![text(reference.value.as_str())],
        Some(Dpa::Missing(_)) => vec![Inline::Badge(Tone::Error, ctx.t(Key::DpaNone).to_owned())],
        None => vec![missing(ctx.t(Key::NotRecorded))],
    }
}

/// A keyword's label with its article, for closed vocabularies.
pub fn keyword<K: Keyword + i18n::Label>(ctx: &Ctx, keyword: K) -> Line {
    let cite = i18n::cite_of(ctx.lang, keyword);
    let mut out = vec![text(i18n::label(ctx.lang, keyword))];
    if !cite.is_empty() {
        out.push(text(" "));
        out.push(muted(cite));
    }
    out
}

/// The activities that use a declaration, linked; "unused" when none do.
pub fn used_by(ctx: &Ctx, uses: &[usize]) -> Line {
    let view = ctx.view;
    if uses.is_empty() {
        return vec![Inline::Badge(Tone::Warning, ctx.t(Key::Unused).to_owned())];
    }
    vec![Inline::Links(LinkList::new(&view.activity_links, uses))]
}

/// A checker message or help in prose: the spans it quotes in backticks
/// (KDL to write, rule ids) become code, so no reader sees a literal
/// backtick. An unbalanced backtick leaves the text as written.
pub fn prose(s: &str) -> Line {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return vec![text(s)];
    }
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            if i % 2 == 1 {
                Inline::Code(part.to_owned())
            } else {
                text(part)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::website;
    use crate::doc::Inline;

    #[test]
    fn short_names_stop_at_the_first_clause() {
        assert_eq!(super::short("Kundedata"), "Kundedata");
        assert_eq!(super::short("Namn, adress, telefon"), "Namn");
        assert_eq!(
            super::short("Data lagrad av kunder (webbhotell)"),
            "Data lagrad av kunder"
        );
        let long = "x".repeat(80);
        assert_eq!(super::short(&long).chars().count(), 60);
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(matches!(website("https://www.imy.se"), Inline::Url { .. }));
        assert!(matches!(website("javascript:alert(1)"), Inline::Text(_)));
        assert!(matches!(website("www.example.se"), Inline::Text(_)));
    }
}
