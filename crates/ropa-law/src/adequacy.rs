//! Commission adequacy decisions (GDPR Art. 45): third countries to which
//! personal data may flow from the EEA without a further transfer tool.
//!
//! A decision's scope matters as much as its existence: a transfer outside
//! the scope (a US importer that is not certified under the Data Privacy
//! Framework, a Canadian public body) needs Art. 46 safeguards and a transfer
//! impact assessment. So every entry says its scope, and the two common
//! partial scopes have variants of their own that rules can match on.
//!
//! Decisions adopted under Directive 95/46/EC stay in force (Art. 45(9)).
//!
//! The one decision for an international organisation (the European Patent
//! Organisation) is not a country, so it is not in [`adequacy_decisions`],
//! whose entries all carry an ISO country code; it is in
//! [`organisation_adequacy_decisions`] instead.
//!
//! For exporters in Iceland, Liechtenstein and Norway a decision applies once
//! it is incorporated into the EEA Agreement; recent decisions may still be
//! pending there (see the Brazil entry's note).

use ropa_vocab::Country;

use crate::Confidence;
use crate::source::{
    CNPD_LU_ADEQUACY, COM_2024_7, EC_ADEQUACY_PAGE, EURLEX_2016_2295, FIRST_REVIEW_NATLAWREVIEW, Provenance, REVIEWED,
    Source,
};

/// What part of a country's recipients a decision covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdequacyScope {
    /// The whole country or territory (within the ordinary limits of its law).
    Full,
    /// USA: only organisations certified under the EU-US Data Privacy
    /// Framework (and for the data type, HR or non-HR, they certified for).
    DpfCertifiedOnly,
    /// Canada: only recipients subject to PIPEDA (commercial organisations).
    CommercialOrganisationsOnly,
    /// Any other partial scope (Japan: APPI + Supplementary Rules; Korea:
    /// exclusions; …), described in words.
    Partial(&'static str),
}

/// One Commission adequacy decision for a third country or territory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adequacy {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    pub name: &'static str,
    /// The decision in force, e.g. "Commission Implementing Decision (EU) 2023/1795".
    pub decision: &'static str,
    /// `YYYY-MM-DD`: adoption date of the decision in force.
    pub adopted: &'static str,
    pub scope: AdequacyScope,
    /// In force or not, reviews, litigation: in words, for reports.
    pub status: &'static str,
    /// `YYYY-MM-DD` if the decision has a sunset date (only the UK's has).
    pub valid_until: Option<&'static str>,
    pub provenance: Provenance,
}

/// An adequacy decision for an international organisation (Art. 45(1) allows
/// them); not tied to a country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrganisationAdequacy {
    pub organisation: &'static str,
    pub short_name: &'static str,
    pub decision: &'static str,
    /// `YYYY-MM-DD`.
    pub adopted: &'static str,
    pub scope: &'static str,
    pub status: &'static str,
    pub provenance: Provenance,
}

/// The adequacy decision covering `country`, if any. `None` for EEA
/// countries (no transfer tool is needed inside the EEA) and for countries
/// without a decision.
pub fn adequacy(country: Country) -> Option<&'static Adequacy> {
    BY_COUNTRY.get(country.index()).copied().flatten()
}

/// Decisions by `Country::index`, built once: consulted for every transfer.
static BY_COUNTRY: std::sync::LazyLock<Vec<Option<&'static Adequacy>>> = std::sync::LazyLock::new(|| {
    Country::all()
        .map(|c| ADEQUACY.iter().find(|a| a.country == c.code()))
        .collect()
});

/// All country adequacy decisions, sorted by country code.
pub fn adequacy_decisions() -> &'static [Adequacy] {
    ADEQUACY
}

/// Adequacy decisions for international organisations.
pub fn organisation_adequacy_decisions() -> &'static [OrganisationAdequacy] {
    ORGANISATIONS
}

/// The adequacy decision for the international organisation a record names
/// `name`: its full name or short name, in any case. The European Patent
/// Office is the executive body of the European Patent Organisation and is
/// accepted for it.
pub fn organisation_adequacy(name: &str) -> Option<&'static OrganisationAdequacy> {
    let name = name.trim().to_lowercase();
    ORGANISATIONS.iter().find(|a| {
        name == a.organisation.to_lowercase()
            || name == a.short_name.to_lowercase()
            || (a.short_name == "EPOrg" && (name == "european patent office" || name == "epo"))
    })
}

const PRE_GDPR_STATUS: &str = "in force (adopted under Directive 95/46/EC, kept by GDPR Art. 45(9)); confirmed by the \
     Commission's first review, COM(2024) 7 of 15 January 2024; periodic review at least every four years";

const PRE_GDPR_DATE_NOTE: &str = "Decision number and in-force status confirmed on EUR-Lex (Implementing Decision \
     (EU) 2016/2295 amends it by number) and by the first review COM(2024) 7. The adoption date is the commonly cited \
     one, carried over from the research draft; it was not re-read on EUR-Lex.";

const PRE_GDPR_SOURCES: &[Source] = &[
    EURLEX_2016_2295,
    COM_2024_7,
    FIRST_REVIEW_NATLAWREVIEW,
    EC_ADEQUACY_PAGE,
];

const fn pre_gdpr(note: &'static str) -> Provenance {
    Provenance {
        sources: PRE_GDPR_SOURCES,
        as_of: REVIEWED,
        confidence: Confidence::High,
        note: Some(note),
    }
}

static ADEQUACY: &[Adequacy] = &[
    Adequacy {
        country: "AD",
        name: "Andorra",
        decision: "Commission Decision 2010/625/EU",
        adopted: "2010-10-19",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "AR",
        name: "Argentina",
        decision: "Commission Decision 2003/490/EC",
        adopted: "2003-06-30",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "BR",
        name: "Brazil",
        decision: "Commission Implementing Decision (EU) 2026/179",
        adopted: "2026-01-26",
        scope: AdequacyScope::Full,
        status: "in force (OJ L 2026/179, 28 January 2026); mutual: Brazil recognised the EU the same week; \
                 review after four years",
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Commission Implementing Decision (EU) 2026/179 of 26 January 2026 on the adequate level of \
                            protection of personal data by Brazil, EUR-Lex",
                    url: "https://eur-lex.europa.eu/eli/dec_impl/2026/179/oj",
                },
                Source {
                    title: "Europalov.no: (EU) 2026/179, EEA incorporation status",
                    url: "https://europalov.no/rettsakt/beskyttelse-av-personopplysninger-ved-datautveksling-med-brasil/id-34841",
                },
                Source {
                    title: "CMS: EU and Brazil adopt mutual adequacy decision",
                    url: "https://cms.law/en/prt/news-information/uniao-europeia-e-brasil-adotam-decisao-de-adequacao-mutua-em-materia-de-protecao-de-dados-pessoais",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Covers controllers and processors subject to Brazil's LGPD, private and public sector. For exporters \
                 in Iceland, Liechtenstein and Norway the decision applies once incorporated into the EEA Agreement: \
                 the EEA EFTA draft Joint Committee decision was sent to the Commission on 6 May 2026 (europalov.no); \
                 its adoption was not verified.",
            ),
        },
    },
    Adequacy {
        country: "CA",
        name: "Canada",
        decision: "Commission Decision 2002/2/EC",
        adopted: "2001-12-20",
        scope: AdequacyScope::CommercialOrganisationsOnly,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Commission Decision 2002/2/EC of 20 December 2001 on the adequate protection of personal \
                            data provided by the Canadian PIPEDA, EUR-Lex",
                    url: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32002D0002",
                },
                EURLEX_2016_2295,
                COM_2024_7,
                CNPD_LU_ADEQUACY,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Covers recipients subject to the Personal Information Protection and Electronic Documents Act \
                 (PIPEDA), i.e. organisations processing personal information in the course of commercial \
                 activities. Public bodies, and bodies subject only to provincial public-sector law, are outside \
                 the scope.",
            ),
        },
    },
    Adequacy {
        country: "CH",
        name: "Switzerland",
        decision: "Commission Decision 2000/518/EC",
        adopted: "2000-07-26",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "FO",
        name: "Faroe Islands",
        decision: "Commission Decision 2010/146/EU",
        adopted: "2010-03-05",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "GB",
        name: "United Kingdom",
        decision: "Commission Implementing Decision of 19 December 2025 renewing the GDPR adequacy finding of \
                   Implementing Decision (EU) 2021/1772 of 28 June 2021 (OJ number of the renewal not verified)",
        adopted: "2025-12-19",
        scope: AdequacyScope::Full,
        status: "in force until 27 December 2031 (renewed 19 December 2025 after a technical extension to 27 December \
                 2025); review after four years",
        valid_until: Some("2031-12-27"),
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Irish Legal News: EU extends UK data transfer decisions until 2031 (quotes the Commission)",
                    url: "https://www.irishlegal.com/articles/eu-extends-uk-data-transfer-decisions-until-2031",
                },
                Source {
                    title: "The Brussels Times: EU renews UK data transfer approval until 2031",
                    url: "https://www.brusselstimes.com/1892460/eu-renews-uk-data-transfer-approval-ensuring-seamless-exchange-until-2031",
                },
                Source {
                    title: "UEA Law School blog (Dr Karen Mc Cullagh): EU-UK data adequacy decisions renewed",
                    url: "https://www.uea.ac.uk/about/law-school/research/research-blog/eu-uk-data-adequacy-decisions-renewed:-stability-in-data-flows-by-dr-karen-mc-cullagh",
                },
                Source {
                    title: "The DPO Centre: EU renews UK personal data adequacy decisions",
                    url: "https://www.dpocentre.com/news/eu-renews-uk-personal-data-adequacy-decisions",
                },
                Source {
                    title: "Europalov.no: Implementing Decision (EU) 2025/1225 of 24 June 2025 (technical extension of \
                            the LED decision (EU) 2021/1773)",
                    url: "https://europalov.no/rettsakt/personvern-behandling-av-persondata-i-forbindelse-med-kriminalitet-utvidet-anvendelse-ved/id-33872",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::Medium,
            note: Some(
                "Renewal, date and the 27 December 2031 sunset are confirmed by several reports quoting the \
                 Commission, but the Official Journal number of the renewing GDPR decision was not found, and the \
                 decision text was not read. The renewed decision brings data processed for UK immigration control \
                 into scope (the 2021 decision excluded it). (EU) 2025/1225 is the LED twin of the June 2025 \
                 extension; the number of the GDPR extension decision was not verified.",
            ),
        },
    },
    Adequacy {
        country: "GG",
        name: "Guernsey",
        decision: "Commission Decision 2003/821/EC",
        adopted: "2003-11-21",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "IL",
        name: "Israel",
        decision: "Commission Decision 2011/61/EU",
        adopted: "2011-01-31",
        scope: AdequacyScope::Partial(
            "automated international transfers, and non-automated transfers that are subject to further automated \
             processing in Israel",
        ),
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Commission Decision 2011/61/EU of 31 January 2011 on the adequate protection of personal \
                            data by the State of Israel with regard to automated processing (consolidated), EUR-Lex",
                    url: "https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:02011D0061-20161217",
                },
                EURLEX_2016_2295,
                COM_2024_7,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Scope from Art. 1 and recital 12 of the decision. The decision defines Israel without prejudice to \
                 the status of the Golan Heights, the West Bank and East Jerusalem under international law.",
            ),
        },
    },
    Adequacy {
        country: "IM",
        name: "Isle of Man",
        decision: "Commission Decision 2004/411/EC",
        adopted: "2004-04-28",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "JE",
        name: "Jersey",
        decision: "Commission Decision 2008/393/EC",
        adopted: "2008-05-08",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
    Adequacy {
        country: "JP",
        name: "Japan",
        decision: "Commission Implementing Decision (EU) 2019/419",
        adopted: "2019-01-23",
        scope: AdequacyScope::Partial(
            "personal information handling business operators subject to the APPI as complemented by the \
             Supplementary Rules (Annex I); not public-sector bodies; Art. 1(2) excludes recipients in listed \
             categories (press, professional writers, academia, religious and political bodies) processing for \
             those purposes",
        ),
        status: "in force; periodic review (first review concluded in 2023)",
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Commission Implementing Decision (EU) 2019/419 of 23 January 2019 (Japan, APPI), copy at \
                            legislation.gov.uk of the text as adopted",
                    url: "https://www.legislation.gov.uk/eudn/2019/419/body/2020-01-31",
                },
                Source {
                    title: "CNPD Luxembourg: GDPR transfer rules, scope of the Japan and Canada decisions",
                    url: "https://cnpd.public.lu/en/dossiers-thematiques/transferts-internationaux-donnees-personnelles/Reglement-general-sur-la-protection-des-donnees.html",
                },
                EC_ADEQUACY_PAGE,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Art. 1(1) read from the decision text. The list of Art. 1(2) categories is summarised; the first \
                 review (COM(2023) 275, April 2023) is taken from the research draft and was not re-read.",
            ),
        },
    },
    Adequacy {
        country: "KR",
        name: "Republic of Korea",
        decision: "Commission Implementing Decision (EU) 2022/254",
        adopted: "2021-12-17",
        scope: AdequacyScope::Partial(
            "recipients subject to the Personal Information Protection Act (private and public sector), except \
             personal credit information processed by entities supervised by the Financial Services Commission, \
             and processing by religious organisations (missionary activities) and political parties (nomination \
             of candidates)",
        ),
        status: "in force; periodic review",
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "CNPD Luxembourg: Adequacy decision for South Korea (17 December 2021) and its exclusions",
                    url: "https://cnpd.public.lu/en/actualites/international/2021/12/adequacy-south-korea.html",
                },
                Source {
                    title: "Commission Implementing Decision (EU) 2022/254 (Republic of Korea), table of contents \
                            (lexaris.de)",
                    url: "https://lexaris.de/de/library/tableofcontents/2056829",
                },
                EC_ADEQUACY_PAGE,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Adoption date and exclusions confirmed by the Luxembourg DPA. A secondary source reports that the \
                 Commission concluded the first review in July 2026 and kept the decision; not verified.",
            ),
        },
    },
    Adequacy {
        country: "NZ",
        name: "New Zealand",
        decision: "Commission Implementing Decision 2013/65/EU",
        adopted: "2012-12-19",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "OJ L 28 of 30 January 2013: Commission Implementing Decision of 19 December 2012 on the \
                            adequate protection of personal data by New Zealand (2013/65/EU), EUR-Lex",
                    url: "https://eur-lex.europa.eu/legal-content/GA/TXT/?uri=CELLAR%3Ac59c9675-6a69-11e2-9294-01aa75ed71a1",
                },
                EURLEX_2016_2295,
                COM_2024_7,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: None,
        },
    },
    Adequacy {
        country: "US",
        name: "United States",
        decision: "Commission Implementing Decision (EU) 2023/1795",
        adopted: "2023-07-10",
        scope: AdequacyScope::DpfCertifiedOnly,
        status: "in force; upheld by the General Court in T-553/23 Latombe v Commission (3 September 2025); appeal \
                 C-703/25 P pending; validity questioned after the US Supreme Court's Trump v. Slaughter (29 June \
                 2026) on FTC independence",
        valid_until: None,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "OJ C/2025/6610: Case C-703/25 P, appeal brought on 31 October 2025 by Philippe Latombe \
                            against the judgment in T-553/23 (cites Implementing Decision (EU) 2023/1795 of 10 July \
                            2023, OJ 2023 L 231, p. 118), EUR-Lex",
                    url: "https://eur-lex.europa.eu/eli/C/2025/6610/oj/eng",
                },
                Source {
                    title: "Matheson: EU-US data transfers under threat, the US Supreme Court's decision in Trump v \
                            Slaughter",
                    url: "https://www.matheson.com/insights/eu-us-data-transfers-under-threat-the-us-supreme-courts-decision-in-trump-v-slaughter/",
                },
                Source {
                    title: "GTG Advocates: The next test for EU-US data transfers",
                    url: "https://gtg.com.mt/the-next-test-for-eu-us-data-transfers/",
                },
                CNPD_LU_ADEQUACY,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Covers only US organisations on the Data Privacy Framework List (dataprivacyframework.gov), for the \
                 data type (HR / non-HR) they certified. After Trump v. Slaughter noyb asked the Commission to \
                 withdraw the decision and announced an annulment action; as of the latest source seen (August \
                 2026) there was no Commission act and no CJEU ruling on the appeal. Keep SCCs as a fallback for \
                 every DPF-based transfer.",
            ),
        },
    },
    Adequacy {
        country: "UY",
        name: "Uruguay",
        decision: "Commission Implementing Decision 2012/484/EU",
        adopted: "2012-08-21",
        scope: AdequacyScope::Full,
        status: PRE_GDPR_STATUS,
        valid_until: None,
        provenance: pre_gdpr(PRE_GDPR_DATE_NOTE),
    },
];

static ORGANISATIONS: &[OrganisationAdequacy] = &[OrganisationAdequacy {
    organisation: "European Patent Organisation",
    short_name: "EPOrg",
    decision: "Commission Implementing Decision (EU) 2025/1382 (notified under document C(2025) 4626)",
    adopted: "2025-07-15",
    scope: "transfers to the European Patent Organisation (Munich), under its Data Protection Rules; the first \
            adequacy decision for an international organisation",
    status: "in force since notification (OJ L 2025/1382, 18 July 2025)",
    provenance: Provenance {
        sources: &[
            Source {
                title: "Commission Implementing Decision (EU) 2025/1382 of 15 July 2025 (European Patent \
                        Organisation), Romanian text as published, lex24.ro",
                url: "https://www.lex24.ro/celex32025d1382-decizia-de-punere-in-aplicare-ue-2025-1382-a-comisiei-din-15-iulie-2025-in-temeiul-regulamentului-ue-2016-679-al-parlamentului-european-si-al-consiliului-privind-protectia-a",
            },
            Source {
                title: "EPO: EPO welcomes European Commission's adequacy decision for safe data flows",
                url: "https://epo.org/en/news-events/news/epo-welcomes-european-commissions-adequacy-decision-safe-data-flows",
            },
            Source {
                title: "Covington Global Policy Watch: Adequacy decision for the European Patent Organisation",
                url: "https://www.globalpolicywatch.com/2025/07/adequacy-decision-for-the-european-patent-organisation/",
            },
        ],
        as_of: REVIEWED,
        confidence: Confidence::High,
        note: Some("Not a country: kept out of `adequacy_decisions()`, whose entries all carry an ISO country code."),
    },
}];
