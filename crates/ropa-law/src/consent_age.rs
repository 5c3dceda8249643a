//! The age of digital consent (GDPR Art. 8(1)): below it, where consent is
//! the legal basis for an information society service offered directly to a
//! child, a parent must give or authorise consent.
//!
//! The GDPR sets 16 and lets each state go as low as 13. The age that applies
//! is generally taken to be that of the child's country of residence, which
//! is why a record that targets several countries needs the strictest of
//! them; this table gives each EEA country's own age.

use ropa_vocab::Country;

use crate::Confidence;
use crate::source::{GDPR, Provenance, REVIEWED, SWD_2020_TABLE, Source, TWOBIRDS_CHILDREN};

/// The GDPR's own age where a state has not derogated (Art. 8(1)).
pub const DEFAULT_CONSENT_AGE: u8 = 16;

/// One EEA country's Art. 8 age.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsentAge {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// The child may consent alone from this age on.
    pub age: u8,
    /// The national provision, or a statement that there is none.
    pub law: &'static str,
    pub provenance: Provenance,
}

/// The Art. 8 age for an EEA country; `None` outside the EEA, where Art. 8
/// does not set one.
pub fn digital_consent_age(country: Country) -> Option<&'static ConsentAge> {
    CONSENT_AGES.iter().find(|c| c.country == country.code())
}

/// All 30 EEA entries, sorted by country code.
pub fn consent_ages() -> &'static [ConsentAge] {
    CONSENT_AGES
}

const NO_DEROGATION: &str = "no national derogation: GDPR Art. 8(1) default";

/// Age confirmed by both the Commission's 2020 table and the Bird & Bird
/// tracker.
const TWO_SOURCES: &[Source] = &[SWD_2020_TABLE, TWOBIRDS_CHILDREN, GDPR];
/// Age from the Commission's 2020 table only.
const SWD_ONLY: &[Source] = &[SWD_2020_TABLE, GDPR];

const fn both(note: Option<&'static str>) -> Provenance {
    Provenance {
        sources: TWO_SOURCES,
        as_of: REVIEWED,
        confidence: Confidence::High,
        note,
    }
}

const fn swd_only(note: &'static str) -> Provenance {
    Provenance {
        sources: SWD_ONLY,
        as_of: REVIEWED,
        confidence: Confidence::Medium,
        note: Some(note),
    }
}

const SWD_ONLY_NOTE: &str = "Age from the table in the Commission's 2020 staff working document (as reproduced \
     by a blog; not cross-checked with a second source); the national provision was not verified.";

static CONSENT_AGES: &[ConsentAge] = &[
    ConsentAge {
        country: "AT",
        age: 14,
        law: "Datenschutzgesetz (DSG) § 4(4)",
        provenance: both(None),
    },
    ConsentAge {
        country: "BE",
        age: 13,
        law: "Act of 30 July 2018 on the protection of natural persons with regard to the processing of personal \
              data, Art. 7",
        provenance: both(Some(
            "Article number from the research draft (DataGuidance); the age from both sources.",
        )),
    },
    ConsentAge {
        country: "BG",
        age: 14,
        law: "Personal Data Protection Act (ZZLD), as amended in 2019 (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "CY",
        age: 14,
        law: "Law 125(I)/2018, section 8",
        provenance: Provenance {
            sources: &[
                Source {
                    title: "CyLaw: Law 125(I)/2018, section 8 (offer of information society services to a child)",
                    url: "http://www.cylaw.org/nomoi/enop/ind/2018_1_125/section-sc37ee18bb-ce6a-46ae-9441-b2ce6c435b56.html",
                },
                SWD_2020_TABLE,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some("Read from the statute text (Greek)."),
        },
    },
    ConsentAge {
        country: "CZ",
        age: 15,
        law: "Act No. 110/2019 Coll., § 7",
        provenance: both(None),
    },
    ConsentAge {
        country: "DE",
        age: 16,
        law: NO_DEROGATION,
        provenance: both(None),
    },
    ConsentAge {
        country: "DK",
        age: 13,
        law: "Databeskyttelsesloven § 6, stk. 3",
        provenance: both(None),
    },
    ConsentAge {
        country: "EE",
        age: 13,
        law: "Isikuandmete kaitse seadus (Personal Data Protection Act, 2018) (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "ES",
        age: 14,
        law: "Ley Orgánica 3/2018 (LOPDGDD), art. 7",
        provenance: both(Some(
            "Article number from the research draft, quoting the Bird & Bird tracker.",
        )),
    },
    ConsentAge {
        country: "FI",
        age: 13,
        law: "Tietosuojalaki (1050/2018) 5 §",
        provenance: both(Some(
            "Section number from the research draft; the age from both sources.",
        )),
    },
    ConsentAge {
        country: "FR",
        age: 15,
        law: "Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), art. 45; under 15, consent jointly by the \
              child and the holder of parental authority",
        provenance: both(Some(
            "Article 45 is the numbering after the 2018 recast (formerly art. 7-1); taken from the research draft.",
        )),
    },
    ConsentAge {
        country: "GR",
        age: 15,
        law: "Law 4624/2019, Art. 21",
        provenance: Provenance {
            sources: &[
                Source {
                    title: "opengov.gr: draft of Law 4624/2019, Article 21 (consent of a minor)",
                    url: "http://www.opengov.gr/ministryofjustice/?p=10627",
                },
                Source {
                    title: "activeMind.legal: Legal basis under Greek data protection law (Art. 21 Law 4624/2019)",
                    url: "https://www.activemind.legal/law/gr-legal-basis/",
                },
                SWD_2020_TABLE,
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some("Under 15 (down to 13) the legal representative consents."),
        },
    },
    ConsentAge {
        country: "HR",
        age: 16,
        law: "Act on the Implementation of the GDPR (NN 42/2018) (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "HU",
        age: 16,
        law: NO_DEROGATION,
        provenance: both(None),
    },
    ConsentAge {
        country: "IE",
        age: 16,
        law: "Data Protection Act 2018, section 31",
        provenance: both(None),
    },
    ConsentAge {
        country: "IS",
        age: 13,
        law: "Act No. 90/2018 on Data Protection and the Processing of Personal Data (provision not verified)",
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Clym: Data Protection and Processing Act Iceland (Act No. 90/2018)",
                    url: "https://www.clym.io/regulations/data-protection-and-processing-act-iceland",
                },
                GDPR,
            ],
            as_of: REVIEWED,
            confidence: Confidence::Medium,
            note: Some(
                "One secondary source; the Commission's 2020 table covers EU states only. The provision of Act \
                 90/2018 was not verified.",
            ),
        },
    },
    ConsentAge {
        country: "IT",
        age: 14,
        law: "Codice in materia di protezione dei dati personali (D.Lgs. 196/2003), art. 2-quinquies",
        provenance: both(None),
    },
    ConsentAge {
        country: "LI",
        age: 16,
        law: "Datenschutzgesetz (DSG, LGBl. 2018 Nr. 272): no derogation, GDPR Art. 8(1) default",
        provenance: Provenance {
            sources: &[
                Source {
                    title: "eLiechtensteinensia: Liechtenstein data protection literature (age 16)",
                    url: "https://www.eliechtensteinensia.li/viewer/fulltext/000438757/139/",
                },
                Source {
                    title: "Liechtenstein National Administration: privacy policy citing the DSG (LGBl. 2018 Nr. 272)",
                    url: "https://llv.li/en/navigation/footer-nav/privacy-policy",
                },
                GDPR,
            ],
            as_of: REVIEWED,
            confidence: Confidence::Medium,
            note: Some("From the research draft's single source; not re-read."),
        },
    },
    ConsentAge {
        country: "LT",
        age: 14,
        law: "Law on Legal Protection of Personal Data (ADTAĮ) (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "LU",
        age: 16,
        law: NO_DEROGATION,
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "LV",
        age: 13,
        law: "Personal Data Processing Law (2018) (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "MT",
        age: 13,
        law: "Data Protection Act (Cap. 586) and its subsidiary legislation (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "NL",
        age: 16,
        law: "Uitvoeringswet AVG (UAVG), art. 5",
        provenance: both(Some(
            "Article number from the research draft; the age from both sources.",
        )),
    },
    ConsentAge {
        country: "NO",
        age: 13,
        law: "Personopplysningsloven (LOV-2018-06-15-38) § 5",
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Datatilsynet: Barn og unge som forbrukere",
                    url: "https://www.datatilsynet.no/personvern-pa-ulike-omrader/kundehandtering-handel-og-medlemskap/digitale-tjenester-og-forbrukeres-personopplysninger/barn-og-unge-forbrukere/",
                },
                Source {
                    title: "digi.no: Regjeringen vil innføre 15-årsgrense i sosiale medier (the act says 13 today)",
                    url: "https://www.digi.no/artikler/regjeringen-vil-innfore-15-arsgrense-i-sosiale-medier/552038",
                },
                Source {
                    title: "Advokatforeningen: consultation response on raising the Art. 8 age from 13 to 15 (October \
                            2025)",
                    url: "https://www.advokatforeningen.no/horingsuttalelser/2025/oktober/forslag-til-endringer-i-personopplysningsloven--aldersgrense-for-barns-samtykke-ved-bruk-av-informasjonssamfunnstjenester-sosiale-medier-mv",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::Medium,
            note: Some(
                "13 is the age in force as last confirmed. The Ministry of Justice proposed raising it to 15 \
                 (consultation 2025); whether Stortinget adopted the change, and from when, was not found.",
            ),
        },
    },
    ConsentAge {
        country: "PL",
        age: 16,
        law: NO_DEROGATION,
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "PT",
        age: 13,
        law: "Lei n.º 58/2019 (provision not verified)",
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "RO",
        age: 16,
        law: NO_DEROGATION,
        provenance: swd_only(SWD_ONLY_NOTE),
    },
    ConsentAge {
        country: "SE",
        age: 13,
        law: "Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning, 2 kap. 4 §",
        provenance: both(Some(
            "Chapter and section from the research draft; the age from both sources.",
        )),
    },
    ConsentAge {
        country: "SI",
        age: 15,
        law: "Zakon o varstvu osebnih podatkov (ZVOP-2, Uradni list RS, št. 163/22) (provision not verified)",
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Linklaters Data Protected: Slovenia (ZVOP-2 in force 26 January 2023)",
                    url: "https://www.linklaters.com/nl-nl/insights/data-protected/data-protected---slovenia",
                },
                GDPR,
            ],
            as_of: REVIEWED,
            confidence: Confidence::Low,
            note: Some(
                "Slovenia had no implementing act when the Commission's 2020 table was made; 15 under ZVOP-2 comes \
                 from the research draft's general knowledge and was not confirmed in any source seen.",
            ),
        },
    },
    ConsentAge {
        country: "SK",
        age: 16,
        law: "Act No. 18/2018 Coll. on Personal Data Protection (16, the GDPR default)",
        provenance: both(None),
    },
];
