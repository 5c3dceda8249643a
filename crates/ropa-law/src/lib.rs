//! Facts about the law, as data, each with its sources.
//!
//! Rules in `ropa-check` decide things like "this transfer needs a transfer
//! tool" or "this retention is shorter than the law requires" from facts
//! about the law: which countries are in the EEA, which have an adequacy
//! decision and for whom, the age of digital consent per country, statutory
//! retention periods, the supervisory authorities. Those facts change (the
//! UK's decision was renewed, Brazil's adopted, Germany shortened voucher
//! retention), and a user who is told their record is wrong deserves to see
//! what the verdict rests on. So the facts live here, in small static
//! tables, and every entry carries a [`Provenance`]: its sources, the date it
//! was last reviewed, how sure we are, and what is uncertain.
//!
//! Pure data: no IO, no parsing at run time, no clock. [`facts_as_of`] is the
//! newest review date of any fact, for reports to print.

#![forbid(unsafe_code)]

mod adequacy;
mod authorities;
mod consent_age;
mod eea;
mod retention;
mod source;
mod trackers;

pub use adequacy::{
    Adequacy, AdequacyScope, OrganisationAdequacy, adequacy, adequacy_decisions, organisation_adequacy,
    organisation_adequacy_decisions,
};
pub use authorities::{
    Authority, Competence, Competent, authorities, competent_authority, regional_authorities, supervisory_authority,
};
pub use consent_age::{ConsentAge, DEFAULT_CONSENT_AGE, consent_ages, digital_consent_age};
pub use eea::{EEA_EFTA_MEMBERS, EEA_PROVENANCE, EU_MEMBERS, eea_members, is_eea, is_eu};
pub use retention::{
    CountsFrom, RecordStart, RetentionPeriod, RetentionStatute, is_bookkeeping, statutes, statutory_retention,
};
pub use source::{Confidence, Provenance, Source};
pub use trackers::{TrackerFacts, tracker_facts, trackers};

use std::fmt::Write as _;

/// Every provenance in the crate, for [`facts_as_of`] and the tests.
pub fn all_provenances() -> impl Iterator<Item = &'static Provenance> {
    std::iter::once(&EEA_PROVENANCE)
        .chain(adequacy_decisions().iter().map(|a| &a.provenance))
        .chain(organisation_adequacy_decisions().iter().map(|a| &a.provenance))
        .chain(consent_ages().iter().map(|c| &c.provenance))
        .chain(statutes().iter().map(|s| &s.provenance))
        .chain(authorities().iter().map(|a| &a.provenance))
        .chain(trackers().iter().map(|t| &t.provenance))
        .chain(regional_authorities().iter().map(|a| &a.provenance))
}

/// The newest `as_of` date of all facts: shown in reports as "legal facts as
/// of". `YYYY-MM-DD` strings order like the dates they name.
pub fn facts_as_of() -> &'static str {
    all_provenances().map(|p| p.as_of).max().unwrap_or("unknown")
}

/// The fact tables, for `ropa explain` to show "facts this rule uses".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactTable {
    Eea,
    Adequacy,
    ConsentAge,
    StatutoryRetention,
    SupervisoryAuthorities,
    Trackers,
}

impl FactTable {
    pub const ALL: [FactTable; 6] = [
        FactTable::Eea,
        FactTable::Adequacy,
        FactTable::ConsentAge,
        FactTable::StatutoryRetention,
        FactTable::SupervisoryAuthorities,
        FactTable::Trackers,
    ];

    pub fn title(self) -> &'static str {
        match self {
            FactTable::Eea => "EEA membership",
            FactTable::Adequacy => "Adequacy decisions (GDPR Art. 45)",
            FactTable::ConsentAge => "Age of digital consent (GDPR Art. 8)",
            FactTable::StatutoryRetention => "Statutory retention periods",
            FactTable::SupervisoryAuthorities => "Supervisory authorities (GDPR Art. 51)",
            FactTable::Trackers => "Tracking tools (ePrivacy Directive Art. 5(3))",
        }
    }

    /// A short multi-line summary: what the table holds, how many entries,
    /// as-of date, confidence, and the main sources with their URLs.
    pub fn describe(self) -> String {
        let (what, provenances, main): (String, Vec<&Provenance>, Vec<Source>) = match self {
            FactTable::Eea => (
                format!(
                    "The {} EU member states and the {} EEA EFTA states (IS, LI, NO), where the GDPR applies and \
                     data flows without a transfer tool. CH and GB are not in the EEA.",
                    EU_MEMBERS.len(),
                    EEA_EFTA_MEMBERS.len()
                ),
                vec![&EEA_PROVENANCE],
                vec![source::EU_COUNTRIES, source::EC_ADEQUACY_PAGE],
            ),
            FactTable::Adequacy => (
                format!(
                    "{} Commission adequacy decisions for countries and territories, each with its decision, \
                     adoption date, scope (full, DPF-certified only, PIPEDA only, or partial) and status; plus {} \
                     for an international organisation (European Patent Organisation).",
                    adequacy_decisions().len(),
                    organisation_adequacy_decisions().len()
                ),
                adequacy_decisions()
                    .iter()
                    .map(|a| &a.provenance)
                    .chain(organisation_adequacy_decisions().iter().map(|a| &a.provenance))
                    .collect(),
                vec![source::EC_ADEQUACY_PAGE, source::EURLEX_2016_2295, source::COM_2024_7],
            ),
            FactTable::ConsentAge => (
                format!(
                    "The Art. 8(1) age for each of the {} EEA states (GDPR default {}, lowest allowed 13), with the \
                     national provision where known.",
                    consent_ages().len(),
                    DEFAULT_CONSENT_AGE
                ),
                consent_ages().iter().map(|c| &c.provenance).collect(),
                vec![source::SWD_2020_TABLE, source::TWOBIRDS_CHILDREN, source::GDPR],
            ),
            FactTable::StatutoryRetention => (
                format!(
                    "Minimum bookkeeping retention for {} countries ({}): months, what the period runs from, the \
                     provision, and other periods for other material.",
                    statutes().len(),
                    statutes().iter().map(|s| s.country).collect::<Vec<_>>().join(", ")
                ),
                statutes().iter().map(|s| &s.provenance).collect(),
                // The first (most authoritative) source of each country's entry.
                statutes()
                    .iter()
                    .filter_map(|s| s.provenance.sources.first().copied())
                    .collect(),
            ),
            FactTable::SupervisoryAuthorities => (
                format!(
                    "The national supervisory authority of each of the {} EEA states: short name, native and \
                     English name, website. Germany supervises private companies by Land (BDSG § 40): the \
                     organization states its Land with `region` and ropa names the Land authority, never the \
                     federal BfDI. Land authorities known: {}.",
                    authorities().len(),
                    regional_authorities()
                        .iter()
                        .map(|a| {
                            format!(
                                "{} ({}, {}, {})",
                                a.short_name,
                                a.region.unwrap_or(a.country),
                                a.competence.label(),
                                a.website
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                authorities()
                    .iter()
                    .chain(regional_authorities())
                    .map(|a| &a.provenance)
                    .collect(),
                vec![source::EDPB_MEMBERS],
            ),
            FactTable::Trackers => (
                format!(
                    "{} tracking tools recognised by name ({}): vendor, EEA entity where confirmed, purposes, and \
                     whether the vendor's terms make it a joint controller for the collection.",
                    trackers().len(),
                    trackers().iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
                ),
                trackers().iter().map(|t| &t.provenance).collect(),
                trackers()
                    .iter()
                    .filter_map(|t| t.provenance.sources.first().copied())
                    .collect(),
            ),
        };

        let mut out = String::new();
        let _ = writeln!(out, "{}", self.title());
        let _ = writeln!(out, "{what}");
        let as_of = provenances.iter().map(|p| p.as_of).max().unwrap_or("unknown");
        let count = |c: Confidence| provenances.iter().filter(|p| p.confidence == c).count();
        let _ = writeln!(
            out,
            "As of {as_of}; confidence: {} high, {} medium, {} low.",
            count(Confidence::High),
            count(Confidence::Medium),
            count(Confidence::Low)
        );
        let _ = writeln!(out, "Main sources:");
        for s in main {
            let _ = writeln!(out, "  - {} <{}>", s.title, s.url);
        }
        out
    }
}
