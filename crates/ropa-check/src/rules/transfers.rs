//! International transfers (Chapter V): every place outside the EEA that
//! data reaches is declared, and each transfer rests on adequacy, an
//! Art. 46 safeguard or an Art. 49 derogation used as the law intends.

use rayon::prelude::*;
use ropa_law::{AdequacyScope, FactTable};
use ropa_syntax::model::{Activity, Party, Spanned, Transfer};
use ropa_syntax::values::{Country, Mechanism, Severity};

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};

pub const UNDECLARED_TRANSFER: RuleInfo = RuleInfo {
    id: "undeclared-transfer",
    category: Category::Transfers,
    default_severity: Severity::Error,
    summary: "a processor or recipient stores or accesses data outside the EEA, but the activity declares no transfer there",
    articles: &["GDPR Art. 44", "GDPR Art. 30(1)(e)", "GDPR Art. 13(1)(f)"],
    guidance: &["EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023)"],
    explanation: "Data stored in, or accessed from, a country outside the EEA has been transferred there, remote access by support staff included. Every such transfer must be in the record with its safeguard, and people must be told about it. Reported as an error where the destination has no adequacy decision covering the recipient, and as a warning where it has (the transfer is lawful, but the record is incomplete). The processor's locations come from its `stored-in` and `accessed-from` (or, if it gives no `stored-in`, its `country`), including those of its sub-processors.",
    bad: "processor mailer \"Mailer Inc\" {\n    stored-in US\n}\nactivity newsletter {\n    processors mailer\n}",
    good: "activity newsletter {\n    processors mailer\n    transfer US to=mailer mechanism=scc module=2 tia=\"TIA-2025-01\"\n}",
    fix: "Add `transfer COUNTRY to=ID mechanism=…` for each destination, or correct the processor's locations if the data does not leave the EEA.",
    facts: &[FactTable::Eea],
};

pub const TRANSFER_WITHOUT_SAFEGUARD: RuleInfo = RuleInfo {
    id: "transfer-without-safeguard",
    category: Category::Transfers,
    default_severity: Severity::Error,
    summary: "a transfer to a country without adequacy has no Art. 46 safeguard or Art. 49 derogation",
    articles: &["GDPR Art. 44", "GDPR Art. 45", "GDPR Art. 46", "GDPR Art. 49"],
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

pub const SCC_WITHOUT_TIA: RuleInfo = RuleInfo {
    id: "scc-without-tia",
    category: Category::Transfers,
    default_severity: Severity::Warning,
    summary: "a transfer under SCCs or another Art. 46 tool has no transfer impact assessment",
    articles: &["GDPR Art. 46(1)", "GDPR Art. 5(2)", "SCC 2021/914 Clause 14"],
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

pub const DEROGATION_FOR_REGULAR_TRANSFER: RuleInfo = RuleInfo {
    id: "derogation-for-regular-transfer",
    category: Category::Transfers,
    default_severity: Severity::Warning,
    summary: "an Art. 49 derogation is used for a transfer that is not occasional",
    articles: &["GDPR Art. 49(1)", "GDPR Recital 111"],
    guidance: &["EDPB Guidelines 2/2018 on derogations of Article 49 (25 May 2018), section 1"],
    explanation: "Derogations are exceptions for specific situations: they must be interpreted restrictively and are meant for occasional, not systematic or repetitive transfers. A transfer that is part of a regular activity (a processor used every day) needs adequacy or an Art. 46 safeguard. An Art. 49 derogation must also name its ground.",
    bad: "transfer US to=crm mechanism=derogation ground=explicit-consent",
    good: "transfer US to=crm mechanism=scc module=2 tia=\"TIA-2025-02\"",
    fix: "Use an Art. 46 safeguard for regular transfers; if the transfer really is occasional, say so with `occasional=#true`.",
    facts: &[],
};

pub const THIRD_COUNTRY_PARENT: RuleInfo = RuleInfo {
    id: "third-country-parent",
    category: Category::Transfers,
    default_severity: Severity::Info,
    summary: "an EEA-hosted processor or recipient is owned from a third country",
    articles: &["GDPR Art. 48", "GDPR Art. 28(1)", "GDPR Art. 32"],
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

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The costliest group (every processor's locations against every
    // activity's transfers) would alone set the wall time of a check: its
    // activities are split across threads too. Chunks keep the order.
    let chunks: Vec<Vec<Diagnostic>> = ctx
        .index
        .activities
        .par_chunks(256)
        .map(|chunk| {
            let mut out = Vec::new();
            for &(file, activity) in chunk {
                undeclared(ctx, &mut out, file, activity);
                for transfer in &activity.transfers {
                    safeguard(ctx, &mut out, file, activity, transfer);
                }
            }
            out
        })
        .collect();
    out.reserve(chunks.iter().map(Vec::len).sum());
    for chunk in chunks {
        out.extend(chunk);
    }
    parents(ctx, out);
}

fn is_third_country(country: Country) -> bool {
    !ropa_law::is_eea(country)
}

/// Where a party's data is: `stored-in` and `accessed-from`; when storage is
/// not given, the country where the party is established.
fn destinations(party: &Party) -> impl Iterator<Item = &Spanned<Country>> {
    let fallback = if party.stored_in.is_empty() {
        party.country.as_ref()
    } else {
        None
    };
    party.stored_in.iter().chain(&party.accessed_from).chain(fallback)
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

fn undeclared(ctx: &Context, out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    let id = &activity.id.value;
    let mut reported: Vec<(Country, &str)> = Vec::new();
    for reference in activity.processors.iter().chain(&activity.recipients) {
        let Some(named) = ctx.index.party(&reference.value) else {
            continue;
        };
        each_in_subtree(named, &mut |party| {
            for place in destinations(party) {
                let country = place.value;
                if !is_third_country(country) || reported.contains(&(country, party.id.value.as_str())) {
                    continue;
                }
                let declared = activity.transfers.iter().any(|t| {
                    t.country.as_ref().is_some_and(|c| c.value == country)
                        && t.to
                            .as_ref()
                            .is_none_or(|to| ctx.index.party(&to.value).is_some_and(|p| in_subtree(p, party)))
                });
                if declared {
                    continue;
                }
                reported.push((country, party.id.value.as_str()));
                let via = if std::ptr::eq(party, named) {
                    format!("`{}`", party.id.value)
                } else {
                    format!("`{}` (sub-processor of `{}`)", party.id.value, named.id.value)
                };
                let party_file = ctx.index.get(&party.id.value).map_or(file, |d| d.file);
                let mut finding = Diagnostic::new(
                    Rule::UndeclaredTransfer,
                    file,
                    reference.span,
                    format!(
                        "{via} takes data of `{id}` to {} ({}), but no transfer is declared",
                        country,
                        country.name()
                    ),
                )
                .help(format!("add `transfer {country} to={} mechanism=…`", party.id.value))
                .related(
                    party_file,
                    place.span,
                    format!("`{}` has data in {country} here", party.id.value),
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

fn safeguard(ctx: &Context, out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity, transfer: &Transfer) {
    let id = &activity.id.value;
    let Some(country) = transfer.country.as_ref().map(|c| c.value) else {
        return;
    };
    if !is_third_country(country) {
        return;
    }
    let party = transfer.to.as_ref().and_then(|to| ctx.index.party(&to.value));
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
        Some(m) if is_article_46(m.value) && transfer.tia.is_none() => out.push(
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

fn is_article_46(mechanism: Mechanism) -> bool {
    matches!(
        mechanism,
        Mechanism::Scc | Mechanism::Bcr | Mechanism::CodeOfConduct | Mechanism::Certification | Mechanism::AdHocClauses
    )
}

fn parents(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for &(file, party) in &ctx.index.parties {
        let Some(parent) = &party.parent else { continue };
        let risky = is_third_country(parent.value)
            && ropa_law::adequacy(parent.value).is_none_or(|a| matches!(a.scope, AdequacyScope::DpfCertifiedOnly));
        let hosted_in_eea = destinations(party).all(|c| !is_third_country(c.value));
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
