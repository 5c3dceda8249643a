//! International transfers (Chapter V): every place outside the EEA that
//! data reaches is declared, and each transfer rests on adequacy, an
//! Art. 46 safeguard or an Art. 49 derogation used as the law intends.

use ropa_law::{AdequacyScope, FactTable};
use ropa_syntax::model::{Activity, Party, PartyKind, Reference, Spanned, Transfer};
use ropa_syntax::values::{Citation, Country, Mechanism, RecipientKind, Severity};

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;

pub(crate) const UNDECLARED_TRANSFER: RuleInfo = RuleInfo {
    id: "undeclared-transfer",
    category: Category::Transfers,
    default_severity: Severity::Error,
    severity_reason: "Error: transfers are a mandatory element of the record (Art. 30(1)(e)), and one with no declared safeguard is a likely infringement (Art. 44).",
    summary: "a processor or recipient stores or accesses data outside the EEA, but the activity declares no transfer there",
    articles: &[
        Citation::gdpr(44),
        Citation::gdpr(30).paragraph(1).point('e'),
        Citation::gdpr(13).paragraph(1).point('f'),
    ],
    guidance: &["EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023)"],
    explanation: "Data stored in, or accessed from, a country outside the EEA has been transferred there, remote access by support staff included. Every such transfer must be in the record with its safeguard, and people must be told about it. Reported as an error where the destination has no adequacy decision covering the recipient, and as a warning where it has (the transfer is lawful, but the record is incomplete). A processor's locations are its `stored-in` and `accessed-from`, and those of its sub-processors; a processor established in a third country with no `stored-in` takes the data there. A recipient or joint controller receives the data where it is established (`country`) and wherever it stores or accesses it. Data disclosed to an international organisation (`kind international-organisation`) is transferred whatever its seat. Where a location is not stated, ropa does not assume the data stays in the EEA: `unknown-location` asks for it.",
    bad: "processor mailer \"Mailer Inc\" {\n    stored-in US\n}\nactivity newsletter {\n    processors mailer\n}",
    good: "activity newsletter {\n    processors mailer\n    transfer US to=mailer mechanism=scc module=2 tia=\"TIA-2025-01\"\n}",
    fix: "Add `transfer COUNTRY to=ID mechanism=…` for each destination (`transfer to=ID mechanism=…` for an international organisation), or correct the processor's locations if the data does not leave the EEA.",
    facts: &[FactTable::Eea],
};

pub(crate) const TRANSFER_WITHOUT_SAFEGUARD: RuleInfo = RuleInfo {
    id: "transfer-without-safeguard",
    category: Category::Transfers,
    default_severity: Severity::Error,
    severity_reason: "Error: a transfer without adequacy or safeguard is a likely infringement (Art. 44, 46).",
    summary: "a transfer to a country without adequacy has no Art. 46 safeguard or Art. 49 derogation",
    articles: &[
        Citation::gdpr(44),
        Citation::gdpr(45),
        Citation::gdpr(46),
        Citation::gdpr(49),
    ],
    guidance: &[
        "CJEU C-311/18 Data Protection Commissioner v Facebook Ireland and Schrems (Schrems II, 16 July 2020)",
        "Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)",
    ],
    explanation: "A transfer outside the EEA is lawful only if the destination has an adequacy decision (Art. 45), an appropriate safeguard is in place (Art. 46: standard contractual clauses, binding corporate rules, …), or a specific derogation applies (Art. 49). The USA is adequate only for organizations certified under the EU-US Data Privacy Framework; Canada only for organizations under PIPEDA. A transfer that relies on none of these is unlawful.",
    bad: "transfer US to=mailer",
    good: "transfer US to=mailer mechanism=scc module=2 tia=\"TIA-2025-01\"",
    fix: "Put a safeguard in place and name it with `mechanism=`: `dpf` for a DPF-certified US recipient (`dpf #true`), `scc` with its module and TIA, `bcr`, or an Art. 49 `derogation` with its `ground=`.",
    facts: &[FactTable::Adequacy, FactTable::Eea],
};

pub(crate) const SCC_WITHOUT_TIA: RuleInfo = RuleInfo {
    id: "scc-without-tia",
    category: Category::Transfers,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the SCCs may suffice, but the record does not show the transfer impact assessment (Schrems II), a gap a DPO should close.",
    summary: "a transfer under SCCs or another Art. 46 tool has no transfer impact assessment",
    articles: &[
        Citation::gdpr(46).paragraph(1),
        Citation::gdpr(5).paragraph(2),
        Citation::SccClause(14),
    ],
    guidance: &[
        "CJEU C-311/18 Schrems II (16 July 2020), paras. 126-134",
        "EDPB Recommendations 01/2020 on supplementary measures (v2.0, 18 June 2021)",
    ],
    explanation: "Standard contractual clauses and the other Art. 46 tools bind the importer, not the authorities of its country. Since Schrems II the exporter must assess whether the destination's law and practice let the importer comply, and add supplementary measures where they do not. The 2021 SCCs make that assessment a warranty of the parties (Clause 14).",
    bad: "transfer IN to=support mechanism=scc module=2",
    good: "transfer IN to=support mechanism=scc module=2 tia=\"TIA-2025-04\"",
    fix: "Carry out the transfer impact assessment (EDPB Recommendations 01/2020, six steps) and reference it with `tia=\"…\"`.",
    facts: &[],
};

pub(crate) const DEROGATION_FOR_REGULAR_TRANSFER: RuleInfo = RuleInfo {
    id: "derogation-for-regular-transfer",
    category: Category::Transfers,
    default_severity: Severity::Warning,
    severity_reason: "Warning: whether a transfer is occasional enough for Art. 49 is a judgement a human must make.",
    summary: "an Art. 49 derogation is used for a transfer that is not occasional",
    articles: &[Citation::gdpr(49).paragraph(1), Citation::Recital(111)],
    guidance: &["EDPB Guidelines 2/2018 on derogations of Article 49 (25 May 2018), section 1"],
    explanation: "Derogations are exceptions for specific situations: they must be interpreted restrictively and are meant for occasional, not systematic or repetitive transfers. A transfer that is part of a regular activity (a processor used every day) needs adequacy or an Art. 46 safeguard. An Art. 49 derogation must also name its ground.",
    bad: "transfer US to=crm mechanism=derogation ground=explicit-consent",
    good: "transfer US to=crm mechanism=scc module=2 tia=\"TIA-2025-02\"",
    fix: "Use an Art. 46 safeguard for regular transfers; if the transfer really is occasional, say so with `occasional=#true`.",
    facts: &[],
};

pub(crate) const THIRD_COUNTRY_PARENT: RuleInfo = RuleInfo {
    id: "third-country-parent",
    category: Category::Transfers,
    default_severity: Severity::Info,
    severity_reason: "Info: an EEA-hosted processor with a third-country parent is context (Art. 48 risk), not a defect.",
    summary: "an EEA-hosted processor or recipient is owned from a third country",
    articles: &[Citation::gdpr(48), Citation::gdpr(28).paragraph(1), Citation::gdpr(32)],
    guidance: &[
        "EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023), § 24",
        "EDPB Recommendations 01/2020 on supplementary measures (v2.0, 18 June 2021)",
    ],
    explanation: "Data hosted in the EEA by a company whose parent is in a third country is not transferred by that fact alone. But the parent's country may have laws that compel the group to hand over data, which is a risk to assess when choosing the processor (Art. 28(1) 'sufficient guarantees') and to cover in the contract. This is for information: it is not a defect by itself.",
    bad: "processor hosting \"Cloud EU Ltd\" {\n    stored-in IE\n    parent US\n}",
    good: "processor hosting \"Cloud EU Ltd\" {\n    stored-in IE\n    parent US\n    allow third-country-parent reason=\"Assessed in TIA-2025-03: encryption with keys held by us\"\n}",
    fix: "Assess the risk of access under the parent's law (and record it, for example in a TIA), then accept the finding with `allow third-country-parent reason=\"…\"`.",
    facts: &[FactTable::Adequacy],
};

pub(crate) const UNKNOWN_LOCATION: RuleInfo = RuleInfo {
    id: "unknown-location",
    category: Category::Transfers,
    default_severity: Severity::Warning,
    severity_reason: "Warning: ropa cannot tell whether data leaves the EEA; the record lacks the fact, a gap a DPO should close.",
    summary: "the record does not say where a party an activity uses keeps the data, so no transfer can be ruled out",
    articles: &[
        Citation::gdpr(30).paragraph(1).point('e'),
        Citation::gdpr(44),
        Citation::gdpr(28).paragraph(3).point('a'),
        Citation::gdpr(5).paragraph(2),
    ],
    guidance: &["EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023)"],
    explanation: "Whether data leaves the EEA depends on where it goes: for a processor, where it stores the data and from where it (or its support staff) accesses it; for a recipient or joint controller, at least where it is established. When the record does not say, ropa cannot decide whether a transfer happens, and it does not assume that the data stays in the EEA. A processor's `country` (where the contracting entity is established) is not a storage location: an Irish entity may host in the US. A `system` must say who runs it: `self-hosted`, or `hosted-by` the processor that hosts it. Reported once per party, at its declaration, when at least one activity uses it.",
    bad: "processor files \"Files Ltd\" {\n    country IE\n    dpa \"2024-01-01\"\n}\nactivity file-sharing {\n    processors files\n}",
    good: "processor files \"Files Ltd\" {\n    country IE\n    stored-in IE DE\n    accessed-from IE\n    dpa \"2024-01-01\"\n}\nactivity file-sharing {\n    processors files\n}",
    fix: "Ask the party (its DPA or sub-processor list usually says) and add `stored-in COUNTRY…`, and `accessed-from COUNTRY…` where support or administration reaches the data from elsewhere. For a system, add `self-hosted` or `hosted-by PROCESSOR`.",
    facts: &[FactTable::Eea],
};

pub fn check(ctx: &Context, out: &mut Findings) {
    // The costliest group (every processor's locations against every
    // activity's transfers) would alone set the wall time of a check: its
    // activities are split across threads too. Chunks keep the order.
    // Each chunk also notes the parties its activities use, for
    // `unknown_locations`: the activities are read once, on every core.
    let noted = ctx.each_activity_noting(out, |out, used: &mut Used, file, activity| {
        // Resolved once for every use: each is a lookup by id.
        let named = named_parties(ctx, activity);
        let declared: Vec<StatedTransfer> = activity.transfers.iter().map(|t| StatedTransfer::of(ctx, t)).collect();
        undeclared(out, file, activity, &named, &declared);
        for transfer in &declared {
            safeguard(out, file, activity, transfer);
        }
        note_used(ctx, activity, &named, used);
    });
    let mut used = Used::default();
    for in_chunk in noted {
        used.extend(in_chunk);
    }
    parents(ctx, out);
    unknown_locations(ctx, &used, out);
}

/// The parties activities use, by address: each party is declared once.
type Used = rustc_hash::FxHashSet<usize>;

fn address(party: &Party) -> usize {
    std::ptr::from_ref(party) as usize
}

/// Notes in `used` the parties `activity` uses: those it names (`named`), their
/// sub-processors, and its systems.
fn note_used(ctx: &Context, activity: &Activity, named: &[Named], used: &mut Used) {
    for named in named {
        // A party noted before had its sub-processors noted with it (a
        // system, noted alone below, is never named here nor has any):
        // most activities name parties that others named already.
        if used.contains(&address(named.party)) {
            continue;
        }
        each_in_subtree(named.party, &mut |party| {
            used.insert(address(party));
        });
    }
    for reference in &activity.systems {
        if let Some(crate::index::Declared::Party(system)) = ctx.index().get(&reference.value).map(|d| d.item) {
            used.insert(address(system));
        }
    }
}

fn is_third_country(country: Country) -> bool {
    !ropa_law::is_eea(country)
}

/// Where a party's data is: `stored-in` and `accessed-from`; and where it is
/// established when that takes the data somewhere: always for a recipient
/// or joint controller (the data is disclosed to it there), and for a
/// processor established in a third country that does not say where it
/// stores the data. An EEA establishment alone says nothing about storage:
/// see [`unknown_locations`].
fn destinations(party: &Party) -> impl Iterator<Item = &Spanned<Country>> {
    let establishment = party
        .country
        .as_ref()
        .filter(|c| !party.kind.is_processor() || (party.stored_in.is_empty() && is_third_country(c.value)));
    party.stored_in.iter().chain(&party.accessed_from).chain(establishment)
}

fn is_international_organisation(party: &Party) -> bool {
    party
        .recipient_kind
        .as_ref()
        .is_some_and(|k| k.value == RecipientKind::InternationalOrganisation)
}

/// A party an activity names that data reaches.
struct Named<'a> {
    /// The reference naming it (for a system's host, the system's).
    reference: &'a Reference,
    party: &'a Party,
    /// The file declaring it, and so its sub-processors.
    file: FileId,
}

/// The parties an activity names that data reaches: processors,
/// recipients, joint controllers, and the processor hosting each system it
/// uses.
fn named_parties<'a>(ctx: &Context<'a>, activity: &'a Activity) -> Vec<Named<'a>> {
    let mut out = Vec::new();
    for reference in activity
        .processors
        .iter()
        .chain(&activity.recipients)
        .chain(&activity.joint_controllers)
    {
        out.extend(
            ctx.index()
                .party_declared(&reference.value)
                .map(|(party, file)| Named { reference, party, file }),
        );
    }
    for reference in &activity.systems {
        let host = ctx
            .index()
            .get(&reference.value)
            .and_then(|d| match d.item {
                crate::index::Declared::Party(system) if system.kind == PartyKind::System => system.hosted_by.as_ref(),
                _ => None,
            })
            .and_then(|host| ctx.index().party_declared(&host.value));
        out.extend(host.map(|(party, file)| Named { reference, party, file }));
    }
    out
}

/// A transfer the activity declares, with the party its `to=` names
/// resolved once for every use.
struct StatedTransfer<'a> {
    transfer: &'a Transfer,
    /// `None` without `to=`; `Some(None)` when it names no party.
    to: Option<Option<&'a Party>>,
}

impl<'a> StatedTransfer<'a> {
    fn of(ctx: &Context<'a>, transfer: &'a Transfer) -> StatedTransfer<'a> {
        StatedTransfer {
            transfer,
            to: transfer.to.as_ref().map(|to| ctx.index().party(&to.value)),
        }
    }

    /// The receiving party, when `to=` names one.
    fn party(&self) -> Option<&'a Party> {
        self.to.flatten()
    }

    /// Whether it covers data reaching `party` in `country`: to that
    /// country, and to that party or one it is a sub-processor of (or to
    /// no one named).
    fn covers(&self, country: Country, party: &Party) -> bool {
        self.transfer.country.as_ref().is_some_and(|c| c.value == country)
            && self.to.is_none_or(|to| to.is_some_and(|p| in_subtree(p, party)))
    }
}

/// Calls `visit` on a party and each of its sub-processors, depth first.
/// Nesting is bounded by the parser's depth limit.
fn each_in_subtree<'a>(party: &'a Party, visit: &mut impl FnMut(&'a Party)) {
    visit(party);
    for sub in &party.subprocessors {
        each_in_subtree(sub, visit);
    }
}

fn in_subtree(root: &Party, party: &Party) -> bool {
    std::ptr::eq(root, party) || root.subprocessors.iter().any(|sub| in_subtree(sub, party))
}

fn undeclared<'a>(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    activity: &'a Activity,
    named: &[Named<'a>],
    transfers: &[StatedTransfer],
) {
    let id = &activity.id.value;
    let mut reported: Vec<(Country, &str)> = Vec::new();
    for &Named {
        reference,
        party: named,
        file: party_file,
    } in named
    {
        if is_international_organisation(named) {
            international_organisation(out, file, activity, reference, named, party_file, transfers);
            continue;
        }
        each_in_subtree(named, &mut |party| {
            for place in destinations(party) {
                let country = place.value;
                if !is_third_country(country) || reported.contains(&(country, party.id.value.as_str())) {
                    continue;
                }
                if transfers.iter().any(|t| t.covers(country, party)) {
                    continue;
                }
                reported.push((country, party.id.value.as_str()));
                let party_id = party.id.value.as_str();
                let code = country.code();
                // The costliest finding to write: one of the most frequent,
                // with three texts. Each is put together in one allocation
                // of its exact size, not through the formatter.
                let via: &[&str] = if std::ptr::eq(party, named) {
                    &["`", party_id, "`"]
                } else {
                    &["`", party_id, "` (sub-processor of `", named.id.value.as_str(), "`)"]
                };
                let message = [
                    via,
                    &[
                        " takes data of `",
                        id,
                        "` to ",
                        code,
                        " (",
                        country.name(),
                        "), but no transfer is declared",
                    ],
                ]
                .concat()
                .concat();
                let mut finding = Diagnostic::new(Rule::UndeclaredTransfer, file, reference.span, message)
                    .help(["add `transfer ", code, " to=", party_id, " mechanism=…`"].concat())
                    .related(
                        party_file,
                        place.span,
                        ["`", party_id, "` has data in ", code, " here"].concat(),
                    )
                    .entity(id);
                // Unrecorded but lawful (adequacy covers it): a gap in the record, not in the law.
                finding.severity = if adequate(country, Some(party)) {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                out.push(finding);
            }
        });
    }
}

/// Data disclosed to an international organisation is transferred (Art. 44)
/// wherever the organisation sits: the activity must declare it.
fn international_organisation(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    activity: &Activity,
    reference: &Reference,
    party: &Party,
    party_file: FileId,
    transfers: &[StatedTransfer],
) {
    if transfers
        .iter()
        .any(|t| t.party().is_some_and(|p| std::ptr::eq(p, party)))
    {
        return;
    }
    let id = &activity.id.value;
    let kind_span = party.recipient_kind.as_ref().map_or(party.id.span, |k| k.span);
    let mut finding = Diagnostic::new(
        Rule::UndeclaredTransfer,
        file,
        reference.span,
        format!(
            "`{}` is an international organisation: disclosing data of `{id}` to it is a transfer, but none is declared",
            party.id.value
        ),
    )
    .help(format!("add `transfer to={} mechanism=…`", party.id.value))
    .related(party_file, kind_span, format!("`{}` is an international organisation here", party.id.value))
    .entity(id);
    if organisation_adequacy(party).is_some() {
        finding.severity = Severity::Warning;
    }
    out.push(finding);
}

/// The adequacy decision covering an international organisation, found by
/// the name the record gives it.
fn organisation_adequacy(party: &Party) -> Option<&'static ropa_law::OrganisationAdequacy> {
    party
        .entity
        .as_ref()
        .and_then(|name| ropa_law::organisation_adequacy(&name.value))
}

/// Whether an adequacy decision covers a transfer to `country`: for the US,
/// only to a party marked as certified under the Data Privacy Framework.
fn adequate(country: Country, party: Option<&Party>) -> bool {
    match ropa_law::adequacy(country) {
        None => false,
        Some(decision) if matches!(decision.scope, AdequacyScope::DpfCertifiedOnly) => {
            party.is_some_and(|p| p.dpf.as_ref().is_some_and(|d| d.value))
        }
        Some(_) => true,
    }
}

/// Why a transfer to `country` (received by `party`) is not covered by
/// adequacy, or `None` when it is.
fn adequacy_gap(country: Country, party: Option<&Party>) -> Option<String> {
    if adequate(country, party) {
        return None;
    }
    if ropa_law::adequacy(country).is_none() {
        return Some(format!("{} has no adequacy decision", country.name()));
    }
    match party {
        Some(p) => Some(format!(
            "the US is adequate only for organizations certified under the Data Privacy Framework, and `{}` is not marked `dpf #true`",
            p.id.value
        )),
        None => Some(
            "the US is adequate only for DPF-certified organizations: name the recipient with `to=` so that its certification can be checked"
                .to_owned(),
        ),
    }
}

fn safeguard(out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity, declared: &StatedTransfer) {
    let id = &activity.id.value;
    let transfer = declared.transfer;
    let party = declared.party();
    if let Some(organisation) = party.filter(|p| is_international_organisation(p)) {
        organisation_safeguard(out, file, activity, transfer, organisation);
        return;
    }
    let Some(country) = transfer.country.as_ref().map(|c| c.value) else {
        if party.is_some() || transfer.to.is_none() {
            out.push(
                Diagnostic::new(
                    Rule::MissingValue,
                    file,
                    transfer.span,
                    format!("the transfer of `{id}` data names no country"),
                )
                .help("name the destination: `transfer COUNTRY to=ID …`; only a transfer to an international organisation goes without one")
                .entity(id),
            );
        }
        return;
    };
    if !is_third_country(country) {
        return;
    }
    let problem = match transfer.mechanism.as_ref().map(|m| m.value) {
        None => adequacy_gap(country, party).map(|why| format!("names no safeguard, and {why}")),
        Some(Mechanism::Adequacy) => adequacy_gap(country, party).map(|why| format!("relies on adequacy, but {why}")),
        Some(Mechanism::Dpf) if country.code() != "US" => {
            Some("relies on the Data Privacy Framework, which covers transfers to the US only".to_owned())
        }
        Some(Mechanism::Dpf) => {
            adequacy_gap(country, party).map(|why| format!("relies on the Data Privacy Framework, but {why}"))
        }
        Some(Mechanism::Derogation) if transfer.ground.is_none() => {
            Some("relies on a derogation but names no Art. 49 ground".to_owned())
        }
        Some(_) => None,
    };
    if let Some(problem) = problem {
        let target = transfer
            .to
            .as_ref()
            .map_or(String::new(), |to| format!(" to `{}`", to.value));
        out.push(
            Diagnostic::new(
                Rule::TransferWithoutSafeguard,
                file,
                transfer.span,
                format!("the transfer of `{id}` data{target} in {} ({country}) {problem}", country.name()),
            )
            .help("name a safeguard with `mechanism=`: scc (with module and tia), bcr, dpf for a certified US recipient, or an Art. 49 derogation with ground=")
            .entity(id),
        );
    }
    match transfer.mechanism.as_ref() {
        Some(m) if is_article_46(m.value) && crate::context::given(&transfer.tia).is_none() => out.push(
            Diagnostic::new(
                Rule::SccWithoutTia,
                file,
                m.span,
                format!("transfer of `{id}` data to {country} under `{}` has no transfer impact assessment", m.value),
            )
            .help("assess the destination's law and practice (EDPB Recommendations 01/2020) and add `tia=\"…\"`")
            .entity(id),
        ),
        Some(m) if m.value == Mechanism::Derogation && !transfer.occasional => out.push(
            Diagnostic::new(
                Rule::DerogationForRegularTransfer,
                file,
                m.span,
                format!("transfer of `{id}` data to {country} relies on an Art. 49 derogation but is not marked occasional"),
            )
            .help("derogations are for occasional transfers: use an Art. 46 safeguard, or add `occasional=#true` if it is one")
            .entity(id),
        ),
        _ => {}
    }
}

/// A transfer to an international organisation rests on an adequacy decision
/// for that organisation, an Art. 46 safeguard or an Art. 49 derogation.
fn organisation_safeguard(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    activity: &Activity,
    transfer: &Transfer,
    organisation: &Party,
) {
    let id = &activity.id.value;
    let name = &organisation.id.value;
    let adequate = organisation_adequacy(organisation).is_some();
    let problem = match transfer.mechanism.as_ref().map(|m| m.value) {
        None | Some(Mechanism::Adequacy) if adequate => None,
        None => Some("names no safeguard, and no adequacy decision covers that international organisation"),
        Some(Mechanism::Adequacy) => {
            Some("relies on adequacy, but no adequacy decision covers that international organisation")
        }
        Some(Mechanism::Dpf) => {
            Some("relies on the Data Privacy Framework, which covers transfers to certified US organisations only")
        }
        Some(Mechanism::Derogation) if transfer.ground.is_none() => {
            Some("relies on a derogation but names no Art. 49 ground")
        }
        Some(_) => None,
    };
    if let Some(problem) = problem {
        out.push(
            Diagnostic::new(
                Rule::TransferWithoutSafeguard,
                file,
                transfer.span,
                format!("the transfer of `{id}` data to the international organisation `{name}` {problem}"),
            )
            .help("name a safeguard with `mechanism=`: `adequacy` where the Commission has decided (the European Patent Organisation), `administrative-arrangement`, scc, or an Art. 49 derogation with ground=")
            .entity(id),
        );
    }
}

fn is_article_46(mechanism: Mechanism) -> bool {
    matches!(
        mechanism,
        Mechanism::Scc | Mechanism::Bcr | Mechanism::CodeOfConduct | Mechanism::Certification | Mechanism::AdHocClauses
    )
}

fn parents(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for &(file, party) in &ctx.index().parties {
        let Some(parent) = &party.parent else { continue };
        let risky = is_third_country(parent.value)
            && ropa_law::adequacy(parent.value).is_none_or(|a| matches!(a.scope, AdequacyScope::DpfCertifiedOnly));
        // Only where the record says where the data is: otherwise
        // `unknown-location` asks for it first.
        let hosted_in_eea = !party.stored_in.is_empty() && destinations(party).all(|c| !is_third_country(c.value));
        if risky && hosted_in_eea {
            out.push(
                Diagnostic::new(
                    Rule::ThirdCountryParent,
                    file,
                    parent.span,
                    format!(
                        "`{}` keeps data in the EEA but is owned from {} ({}): that country's law may compel access",
                        party.id.value,
                        parent.value,
                        parent.value.name()
                    ),
                )
                .help("assess the risk (for example in a TIA) and accept it with `allow third-country-parent reason=\"…\"`")
                .entity(&party.id.value),
            );
        }
    }
}

/// What the record lacks to place a party's data, or `None` when it says
/// enough: a processor's storage, a recipient's establishment, a system's
/// host.
fn missing_location(party: &Party) -> Option<String> {
    let id = &party.id.value;
    match party.kind {
        PartyKind::System => (party.self_hosted.is_none() && party.hosted_by.is_none())
            .then(|| format!("system `{id}` does not say who runs it: `self-hosted`, or `hosted-by` its host")),
        _ if is_international_organisation(party) => None,
        PartyKind::Processor | PartyKind::Subprocessor => {
            if !party.stored_in.is_empty() {
                return None;
            }
            match &party.country {
                // Established outside the EEA: the data goes there (see `destinations`).
                Some(c) if is_third_country(c.value) => None,
                Some(c) => Some(format!(
                    "{} `{id}` is established in {} ({}), but where it stores the data is not stated: establishment is not storage, so ropa cannot tell whether data leaves the EEA",
                    party.kind.keyword(),
                    c.value,
                    c.value.name()
                )),
                None => Some(format!(
                    "{} `{id}`: where it stores the data is not stated, so ropa cannot tell whether data leaves the EEA",
                    party.kind.keyword()
                )),
            }
        }
        PartyKind::Recipient | PartyKind::JointController => (party.country.is_none()
            && party.stored_in.is_empty()
            && party.accessed_from.is_empty())
        .then(|| {
            format!(
                "{} `{id}`: neither where it is established nor where it keeps the data is stated, so ropa cannot tell whether data leaves the EEA",
                party.kind.keyword()
            )
        }),
    }
}

/// One finding per party that an activity uses (`used`) and whose
/// location the record does not give, at the party's declaration.
fn unknown_locations(ctx: &Context, used: &Used, out: &mut Vec<Diagnostic>) {
    for &(file, party) in &ctx.index().parties {
        if !used.contains(&address(party)) {
            continue;
        }
        let Some(message) = missing_location(party) else {
            continue;
        };
        let mut help = match party.kind {
            PartyKind::System => "add `self-hosted` if you run it yourself, or `hosted-by PROCESSOR`".to_owned(),
            PartyKind::Recipient | PartyKind::JointController => {
                "add `country COUNTRY` (where it is established), and `stored-in COUNTRY…` if it keeps the data elsewhere".to_owned()
            }
            _ => "add `stored-in COUNTRY…` (its DPA or sub-processor list usually says), and `accessed-from COUNTRY…` where support reaches the data from elsewhere".to_owned(),
        };
        if let Some(parent) = party.parent.as_ref().filter(|p| is_third_country(p.value))
            && party.accessed_from.is_empty()
        {
            help.push_str(&format!(
                "; its parent is in {} ({}), so access from there is unknown too until `accessed-from` says",
                parent.value,
                parent.value.name()
            ));
        }
        out.push(
            Diagnostic::new(Rule::UnknownLocation, file, party.id.span, message)
                .help(help)
                .entity(&party.id.value),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{FileKind, Rule, Workspace};

    /// The place a sub-processor keeps data is shown in the file that
    /// declares it, even when its id is (wrongly) declared first elsewhere:
    /// the finding's related place was once given the file of the id's
    /// first declaration, with a span from another file.
    #[test]
    fn a_sub_processors_place_is_in_the_file_declaring_it() {
        let cloud = "processor cloud \"Cloud AB\" {\n    stored-in SE\n    dpa \"2024-01-01\"\n    subprocessor hosting \"Host Inc\" {\n        stored-in US\n        dpa \"Sub-processor list\"\n    }\n}\nactivity sales {\n    processors cloud\n}\n";
        let workspace = Workspace::new(vec![
            (
                "a.ropa.kdl".to_owned(),
                "data hosting \"A data category with the same id\"\n".to_owned(),
                FileKind::Spec,
            ),
            ("b.ropa.kdl".to_owned(), cloud.to_owned(), FileKind::Spec),
        ]);
        let findings = crate::check(&workspace);
        let undeclared: Vec<_> = findings.iter().filter(|f| f.rule == Rule::UndeclaredTransfer).collect();
        let [finding] = undeclared.as_slice() else {
            panic!("one undeclared transfer: {findings:#?}");
        };
        let [related] = &*finding.related else {
            panic!("one related place: {finding:#?}");
        };
        assert_eq!(Some(related.file), workspace.file_id("b.ropa.kdl"));
        assert_eq!(cloud.get(related.span.range()), Some("US"));
    }
}
