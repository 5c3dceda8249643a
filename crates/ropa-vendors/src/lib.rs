//! The vendor registry for `ropa scan`, `ropa explain` and the editor's
//! hover: services whose SDKs, script hosts or endpoints show
//! up in code, with what a DPO needs to know to declare them. Like the legal
//! facts in `ropa-law`, every fact names the source that states it, and
//! every vendor carries the date its sources were read: a fact no source on
//! the vendor's own pages confirmed is `None`, and the finding then asks for
//! it instead of guessing.
//!
//! Tracking pixels are not here: their facts are `ropa-law`'s tracker
//! table, and `ropa-scan`'s page reader maps their snippets to trackers.

#![forbid(unsafe_code)]

mod vendors;

use ropa_law::{Provenance, Source};

/// The date these entries were reviewed against their sources (stored
/// copies of public pages).
pub const AS_OF: &str = "2026-12-05";

/// The vendor's role for the personal data a customer sends it, as its own
/// terms state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Processor,
    /// Processor for the customer's data, controller for some of it
    /// (payments fraud data, enrichment, tracking-code intent data).
    ProcessorAndController,
    /// An independent controller for the data it receives (an acquirer,
    /// a wallet). Tracking pixels, joint controllers with the site, are
    /// `ropa-law`'s tracker table.
    Controller,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Processor => "processor",
            Role::ProcessorAndController => "processor, and controller for part of the data",
            Role::Controller => "independent controller",
        }
    }
}

/// The vendor's standing under the EU-U.S. Data Privacy Framework, as its
/// own pages state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dpf {
    Certified,
}

impl Dpf {
    pub fn label(self) -> &'static str {
        match self {
            Dpf::Certified => "certified under the EU-U.S. Data Privacy Framework",
        }
    }
}

/// One fact and the source that states it: an index into the vendor's
/// `provenance.sources` (a test checks that it points at one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact<T> {
    pub value: T,
    pub source: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vendor {
    /// Also the id suggested for the record.
    pub id: &'static str,
    pub name: &'static str,
    /// Names that identify the vendor in a declared party's id, entity or
    /// service (whole words, any case).
    pub names: &'static [&'static str],
    /// Dependency names across ecosystems; a trailing `*` matches a prefix
    /// (`@sentry/*`, `aws-sdk-*`). Unique across vendors (tested).
    pub packages: &'static [&'static str],
    /// Hosts of its scripts and endpoints; subdomains match too.
    pub hosts: &'static [&'static str],
    /// Container images of its hosted service (an agent that sends data to
    /// the vendor), without tag; a trailing `*` matches a prefix.
    pub images: &'static [&'static str],
    /// The entity that contracts with EEA customers.
    pub eea_entity: Option<Fact<&'static str>>,
    /// Where that entity (or, lacking it, the vendor) is established:
    /// ISO 3166 alpha-2.
    pub country: Option<Fact<&'static str>>,
    /// Where the group's parent is established, when it differs.
    pub parent_country: Option<Fact<&'static str>>,
    pub role: Option<Fact<Role>>,
    /// The data-residency option in the EU (or the statement that there is
    /// none).
    pub eu_residency: Option<Fact<&'static str>>,
    pub dpf: Option<Fact<Dpf>>,
    pub provenance: Provenance,
}

/// Every vendor, by id.
pub fn vendors() -> &'static [Vendor] {
    vendors::VENDORS
}

pub fn vendor(id: &str) -> Option<&'static Vendor> {
    vendors::VENDORS.iter().find(|v| v.id == id)
}

impl Vendor {
    pub fn matches_package(&self, name: &str) -> bool {
        matches_any(self.packages, name)
    }

    pub fn matches_image(&self, name: &str) -> bool {
        matches_any(self.images, name)
    }

    /// The source a fact rests on.
    pub fn source_of<T>(&self, fact: &Fact<T>) -> Option<&'static Source> {
        self.provenance.sources.get(fact.source)
    }

    /// Whether a declared party is this vendor: the party's id is the
    /// vendor's id, or its id, entity or service names the vendor as a whole
    /// word (any case): `processor pay "Stripe Payments Europe, Ltd"`.
    pub fn names_party(&self, id: &str, entity: Option<&str>, service: Option<&str>) -> bool {
        id == self.id
            || self.names.iter().any(|n| {
                has_word(id, n) || entity.is_some_and(|e| has_word(e, n)) || service.is_some_and(|s| has_word(s, n))
            })
    }

    /// The vendor's facts for a reader, as Markdown that reads as plain
    /// text too: each fact with the number of its source, each fact no
    /// source confirmed said to be unconfirmed, then the sources. For
    /// `ropa explain` and the editor's hover.
    pub fn describe(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "{} (`{}`), from ropa's vendor registry:\n", self.name, self.id);
        let mut fact = |label: &str, value: Option<(String, usize)>| {
            let _ = match value {
                Some((value, source)) => writeln!(out, "- {label}: {value} [{}]", source + 1),
                None => writeln!(out, "- {label}: not confirmed by a source here"),
            };
        };
        let country = |f: Fact<&str>| {
            let name = ropa_vocab::Country::parse(f.value).map_or(f.value, |c| c.name());
            (format!("{name} ({})", f.value), f.source)
        };
        fact(
            "contracting entity for EEA customers",
            self.eea_entity.map(|f| (f.value.to_owned(), f.source)),
        );
        fact("country", self.country.map(country));
        if let Some(parent) = self.parent_country {
            fact("parent's country", Some(country(parent)));
        }
        fact("role", self.role.map(|f| (f.value.label().to_owned(), f.source)));
        fact(
            "EU data residency",
            self.eu_residency.map(|f| (f.value.to_owned(), f.source)),
        );
        fact(
            "Data Privacy Framework",
            self.dpf.map(|f| (f.value.label().to_owned(), f.source)),
        );
        if !self.packages.is_empty() {
            let _ = writeln!(out, "- packages: {}", self.packages.join(", "));
        }
        if !self.hosts.is_empty() {
            let _ = writeln!(out, "- hosts: {}", self.hosts.join(", "));
        }
        if !self.images.is_empty() {
            let _ = writeln!(out, "- container images: {}", self.images.join(", "));
        }
        if let Some(note) = self.provenance.note {
            let _ = writeln!(out, "- note: {note}");
        }
        let _ = writeln!(
            out,
            "- as of {}, confidence {}\n\nSources:\n",
            self.provenance.as_of,
            self.provenance.confidence.label()
        );
        for (i, s) in self.provenance.sources.iter().enumerate() {
            let _ = writeln!(out, "{}. {}: {}", i + 1, s.title, s.url);
        }
        out
    }
}

/// The vendor a declared party is, if the registry knows it (see
/// [`Vendor::names_party`]).
pub fn vendor_of_party(id: &str, entity: Option<&str>, service: Option<&str>) -> Option<&'static Vendor> {
    vendors().iter().find(|v| v.names_party(id, entity, service))
}

/// Whether `name` is one of `patterns`, where a trailing `*` matches a prefix.
fn matches_any(patterns: &[&str], name: &str) -> bool {
    patterns.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => *p == name,
    })
}

/// Whether `text` holds `word` as a whole word, ignoring case.
fn has_word(text: &str, word: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_ascii_alphanumeric()) && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests;
