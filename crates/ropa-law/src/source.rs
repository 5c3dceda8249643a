//! Where facts come from: sources, confidence, provenance, and the sources
//! that back many facts, defined once.
//!
//! A fact without a source is an opinion. Every table entry in this crate
//! carries a [`Provenance`], so that a rule that uses a fact can show the
//! user what the fact rests on and how sure we are of it.

use std::fmt;

/// One document a fact rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    /// What the document is, in words a reader can recognise.
    pub title: &'static str,
    /// Where to read it: `https://` wherever the site serves it; a few
    /// statute databases are cited by the `http://` address they were found
    /// at. Every provenance has at least one `https://` source.
    pub url: &'static str,
}

/// How well a fact could be checked.
///
/// - `High`: confirmed against the primary text (EUR-Lex, an official journal
///   or legal database, an official authority or government page), or
///   against at least two independent sources that quote the text.
/// - `Medium`: rests on one secondary source, or part of the entry (typically
///   a section number) could not be confirmed; the note says which part.
/// - `Low`: general knowledge or a single weak source; treat as a hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    /// Lower-case word for reports: `high`, `medium`, `low`.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Provenance carried by every fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// At least one; the most authoritative first.
    pub sources: &'static [Source],
    /// `YYYY-MM-DD`: the date the fact was last reviewed against its sources.
    /// The sources were stored copies of public pages, so a change published
    /// shortly before this date may not be reflected; see the note.
    pub as_of: &'static str,
    pub confidence: Confidence,
    /// What is uncertain, pending or simplified, if anything.
    pub note: Option<&'static str>,
}

/// The date of the review that produced the current tables.
pub(crate) const REVIEWED: &str = "2026-11-23";

// ---------------------------------------------------------------------------
// Sources shared by several facts.
// ---------------------------------------------------------------------------

pub(crate) const GDPR: Source = Source {
    title: "Regulation (EU) 2016/679 (General Data Protection Regulation), EUR-Lex",
    url: "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
};

pub(crate) const EU_COUNTRIES: Source = Source {
    title: "European Union: EU countries",
    url: "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
};

pub(crate) const EC_ADEQUACY_PAGE: Source = Source {
    title: "European Commission: Adequacy decisions",
    url: "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en",
};

pub(crate) const EDPB_FAQ_ADEQUACY: Source = Source {
    title: "EDPB SME guide: FAQ on transfers outside the EEA",
    url: "https://www.edpb.europa.eu/sme-data-protection-guide/faq-frequently-asked-questions/answer/are-you-writing-about-non-eu_en",
};

pub(crate) const EURLEX_2016_2295: Source = Source {
    title: "Commission Implementing Decision (EU) 2016/2295 of 16 December 2016 (its title lists the 11 pre-GDPR adequacy decisions), EUR-Lex",
    url: "https://eur-lex.europa.eu/eli/dec_impl/2016/2295/oj",
};

pub(crate) const COM_2024_7: Source = Source {
    title: "COM(2024) 7: Report on the first review of the 11 adequacy decisions adopted under Directive 95/46/EC (15 January 2024), EUR-Lex",
    url: "https://eur-lex.europa.eu/legal-content/DA/HIS/?uri=COM:2024:0007:FIN",
};

pub(crate) const FIRST_REVIEW_NATLAWREVIEW: Source = Source {
    title: "National Law Review: European Commission reviews and reaffirms adequacy decisions for 11 jurisdictions",
    url: "https://natlawreview.com/article/european-commission-reviews-and-reaffirms-adequacy-decisions-11-jurisdictions",
};

pub(crate) const CNPD_LU_ADEQUACY: Source = Source {
    title: "CNPD Luxembourg: Transfers outside the EEA, adequate protection",
    url: "https://cnpd.public.lu/en/dossiers-thematiques/transferts-internationaux-donnees-personnelles/transferts-dehors-eee-protection-adequate.html",
};

pub(crate) const TWOBIRDS_CHILDREN: Source = Source {
    title: "Bird & Bird GDPR tracker: Children (national Art. 8 ages)",
    url: "https://www.twobirds.com/en/in-focus/general-data-protection-regulation/gdpr-tracker/children",
};

pub(crate) const SWD_2020_TABLE: Source = Source {
    title: "Table of Art. 8 ages from the Commission Staff Working Document accompanying the 2020 GDPR evaluation (reproduced by the Kuan0 blog, 29 June 2020)",
    url: "https://blog.kuan0.com/2020/06/",
};

pub(crate) const EDPB_MEMBERS: Source = Source {
    title: "EDPB: Members (national supervisory authorities)",
    url: "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en",
};

pub(crate) const ICT_INSTITUTE_DPAS: Source = Source {
    title: "ICT Institute: Europe's data protection authorities (list with websites, 2018)",
    url: "https://ictinstitute.nl/europes-data-protection-authorities/",
};
