//! The national supervisory authority of each EEA state (GDPR Art. 51): where
//! breaches are notified (Art. 33), DPO contact details registered (Art.
//! 37(7)) and complaints lodged (Art. 77).
//!
//! One entry per state. Germany has one federal and sixteen Land
//! authorities; private companies fall under the authority of the Land where
//! they are established, so the federal entry carries a note saying so.
//! For cross-border processing the lead authority is the one of the main
//! establishment (Art. 56), which this table does not decide.

use ropa_syntax::values::Country;

use crate::Confidence;
use crate::source::{EDPB_MEMBERS, ICT_INSTITUTE_DPAS, Provenance, REVIEWED, Source};

/// A national supervisory authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Authority {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// The short name people use ("IMY", "CNIL").
    pub short_name: &'static str,
    /// The name in the national language.
    pub name: &'static str,
    pub name_en: &'static str,
    pub website: &'static str,
    /// A former name still found in older documents, with when it changed.
    pub former_name: Option<&'static str>,
    pub provenance: Provenance,
}

/// The national supervisory authority of an EEA state; `None` elsewhere.
pub fn supervisory_authority(country: Country) -> Option<&'static Authority> {
    AUTHORITIES.iter().find(|a| a.country == country.code())
}

/// All 30, sorted by country code.
pub fn authorities() -> &'static [Authority] {
    AUTHORITIES
}

/// Name and website confirmed by at least one source besides the EDPB list
/// the research draft worked from.
const fn confirmed(extra: &'static [Source]) -> Provenance {
    Provenance {
        sources: extra,
        as_of: REVIEWED,
        confidence: Confidence::High,
        note: None,
    }
}

const fn with_note(extra: &'static [Source], confidence: Confidence, note: &'static str) -> Provenance {
    Provenance {
        sources: extra,
        as_of: REVIEWED,
        confidence,
        note: Some(note),
    }
}

const UNCONFIRMED_WEBSITE: &str = "Name and website from the research draft (EDPB members list); the website was \
     not confirmed by a second source in this review.";

const CREW_DPAS: Source = Source {
    title: "CREW project: national data protection authorities (LT, AT, ES, GR, CY, IT, with websites)",
    url: "https://crewproject.eu/valstybines-duomenu-apsaugos-institucijos",
};

static AUTHORITIES: &[Authority] = &[
    Authority {
        country: "AT",
        short_name: "DSB",
        name: "Datenschutzbehörde",
        name_en: "Austrian Data Protection Authority",
        website: "https://www.dsb.gv.at",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS, CREW_DPAS]),
    },
    Authority {
        country: "BE",
        short_name: "APD/GBA",
        name: "Autorité de protection des données / Gegevensbeschermingsautoriteit",
        name_en: "Belgian Data Protection Authority",
        website: "https://www.dataprotectionauthority.be",
        former_name: Some("Commission de la protection de la vie privée / Privacy Commission (until 2018)"),
        provenance: with_note(
            &[EDPB_MEMBERS, ICT_INSTITUTE_DPAS],
            Confidence::High,
            "The 2018 list shows the predecessor, the Privacy Commission (privacycommission.be); the current name \
             and site are from the EDPB list and are widely used in privacy notices.",
        ),
    },
    Authority {
        country: "BG",
        short_name: "CPDP",
        name: "Комисия за защита на личните данни",
        name_en: "Commission for Personal Data Protection",
        website: "https://www.cpdp.bg",
        former_name: None,
        provenance: confirmed(&[
            EDPB_MEMBERS,
            ICT_INSTITUTE_DPAS,
            Source {
                title: "CPDP: Commission's decisions on the adequate level of personal data protection",
                url: "https://cpdp.bg/en/commissions-decisions-on-the-adequate-level-of-personal-data-protection",
            },
        ]),
    },
    Authority {
        country: "CY",
        short_name: "Commissioner for Personal Data Protection",
        name: "Γραφείο Επιτρόπου Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
        name_en: "Office of the Commissioner for Personal Data Protection",
        website: "https://www.dataprotection.gov.cy",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS, CREW_DPAS]),
    },
    Authority {
        country: "CZ",
        short_name: "ÚOOÚ",
        name: "Úřad pro ochranu osobních údajů",
        name_en: "Office for Personal Data Protection",
        website: "https://uoou.gov.cz",
        former_name: None,
        provenance: with_note(
            &[
                Source {
                    title: "ÚOOÚ: O úřadu",
                    url: "https://uoou.gov.cz/o-uoou",
                },
                EDPB_MEMBERS,
            ],
            Confidence::High,
            "Moved from uoou.cz to uoou.gov.cz.",
        ),
    },
    Authority {
        country: "DE",
        short_name: "BfDI",
        name: "Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
        name_en: "Federal Commissioner for Data Protection and Freedom of Information",
        website: "https://www.bfdi.bund.de",
        former_name: None,
        provenance: with_note(
            &[EDPB_MEMBERS, ICT_INSTITUTE_DPAS],
            Confidence::High,
            "Federal authority, competent for federal public bodies and for telecommunications and postal \
             services. Private companies are supervised by the data protection authority of the Land where they \
             are established (BDSG § 40), e.g. BayLDA in Bavaria; pick the Land authority for them.",
        ),
    },
    Authority {
        country: "DK",
        short_name: "Datatilsynet",
        name: "Datatilsynet",
        name_en: "Danish Data Protection Agency",
        website: "https://www.datatilsynet.dk",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "EE",
        short_name: "AKI",
        name: "Andmekaitse Inspektsioon",
        name_en: "Estonian Data Protection Inspectorate",
        website: "https://www.aki.ee",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "ES",
        short_name: "AEPD",
        name: "Agencia Española de Protección de Datos",
        name_en: "Spanish Data Protection Agency",
        website: "https://www.aepd.es",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "FI",
        short_name: "Tietosuojavaltuutettu",
        name: "Tietosuojavaltuutetun toimisto",
        name_en: "Office of the Data Protection Ombudsman",
        website: "https://tietosuoja.fi",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "FR",
        short_name: "CNIL",
        name: "Commission nationale de l'informatique et des libertés",
        name_en: "National Commission on Informatics and Liberty",
        website: "https://www.cnil.fr",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "GR",
        short_name: "HDPA",
        name: "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
        name_en: "Hellenic Data Protection Authority",
        website: "https://www.dpa.gr",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "HR",
        short_name: "AZOP",
        name: "Agencija za zaštitu osobnih podataka",
        name_en: "Croatian Personal Data Protection Agency",
        website: "https://azop.hr",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "HU",
        short_name: "NAIH",
        name: "Nemzeti Adatvédelmi és Információszabadság Hatóság",
        name_en: "Hungarian National Authority for Data Protection and Freedom of Information",
        website: "https://naih.hu",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "IE",
        short_name: "DPC",
        name: "Data Protection Commission",
        name_en: "Data Protection Commission",
        website: "https://www.dataprotection.ie",
        former_name: None,
        provenance: with_note(
            &[EDPB_MEMBERS],
            Confidence::Medium,
            "Name and website from the research draft (EDPB members list); the website was not confirmed by a \
             second source in this review. Lead authority for most large US technology companies' EU \
             establishments.",
        ),
    },
    Authority {
        country: "IS",
        short_name: "Persónuvernd",
        name: "Persónuvernd",
        name_en: "Icelandic Data Protection Authority",
        website: "https://www.personuvernd.is",
        former_name: None,
        provenance: confirmed(&[
            EDPB_MEMBERS,
            Source {
                title: "GDPRhub: Persónuvernd (Iceland) decision 2022050850, linking personuvernd.is",
                url: "https://gdprhub.eu/index.php?diff=39079&oldid=39010&title=Pers%C3%B3nuvernd_%28Island%29_-_2022050850",
            },
        ]),
    },
    Authority {
        country: "IT",
        short_name: "Garante",
        name: "Garante per la protezione dei dati personali",
        name_en: "Italian Data Protection Authority",
        website: "https://www.garanteprivacy.it",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "LI",
        short_name: "DSS",
        name: "Datenschutzstelle Liechtenstein",
        name_en: "Data Protection Authority of Liechtenstein",
        website: "https://www.datenschutzstelle.li",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "LT",
        short_name: "VDAI",
        name: "Valstybinė duomenų apsaugos inspekcija",
        name_en: "State Data Protection Inspectorate",
        website: "https://vdai.lrv.lt",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "LU",
        short_name: "CNPD",
        name: "Commission nationale pour la protection des données",
        name_en: "National Commission for Data Protection",
        website: "https://cnpd.public.lu",
        former_name: None,
        provenance: confirmed(&[EDPB_MEMBERS, crate::source::CNPD_LU_ADEQUACY]),
    },
    Authority {
        country: "LV",
        short_name: "DVI",
        name: "Datu valsts inspekcija",
        name_en: "Data State Inspectorate",
        website: "https://www.dvi.gov.lv",
        former_name: None,
        provenance: confirmed(&[
            EDPB_MEMBERS,
            Source {
                title: "Datu valsts inspekcija: Viegli lasīt",
                url: "https://www.dvi.gov.lv/lv/viegli-lasit-0",
            },
        ]),
    },
    Authority {
        country: "MT",
        short_name: "IDPC",
        name: "Office of the Information and Data Protection Commissioner",
        name_en: "Office of the Information and Data Protection Commissioner",
        website: "https://idpc.org.mt",
        former_name: None,
        provenance: confirmed(&[
            EDPB_MEMBERS,
            Source {
                title: "IDPC: Disclaimer",
                url: "https://idpc.org.mt/disclaimer/",
            },
        ]),
    },
    Authority {
        country: "NL",
        short_name: "AP",
        name: "Autoriteit Persoonsgegevens",
        name_en: "Dutch Data Protection Authority",
        website: "https://www.autoriteitpersoonsgegevens.nl",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "NO",
        short_name: "Datatilsynet",
        name: "Datatilsynet",
        name_en: "Norwegian Data Protection Authority",
        website: "https://www.datatilsynet.no",
        former_name: None,
        provenance: confirmed(&[
            EDPB_MEMBERS,
            Source {
                title: "Datatilsynet: Barn og unge som forbrukere",
                url: "https://www.datatilsynet.no/personvern-pa-ulike-omrader/kundehandtering-handel-og-medlemskap/digitale-tjenester-og-forbrukeres-personopplysninger/barn-og-unge-forbrukere/",
            },
        ]),
    },
    Authority {
        country: "PL",
        short_name: "UODO",
        name: "Urząd Ochrony Danych Osobowych",
        name_en: "Personal Data Protection Office",
        website: "https://uodo.gov.pl",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "PT",
        short_name: "CNPD",
        name: "Comissão Nacional de Proteção de Dados",
        name_en: "National Data Protection Commission",
        website: "https://www.cnpd.pt",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "RO",
        short_name: "ANSPDCP",
        name: "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal",
        name_en: "National Supervisory Authority for Personal Data Processing",
        website: "https://www.dataprotection.ro",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "SE",
        short_name: "IMY",
        name: "Integritetsskyddsmyndigheten",
        name_en: "Swedish Authority for Privacy Protection",
        website: "https://www.imy.se",
        former_name: Some("Datainspektionen (until 1 January 2021)"),
        provenance: confirmed(&[
            EDPB_MEMBERS,
            Source {
                title: "Dataethics.eu: Sweden puts people first (Datainspektionen renamed IMY, 1 January 2021)",
                url: "https://dataethics.eu/sweden-puts-people-first/",
            },
            Source {
                title: "IMY: Tele2 Sverige AB (supervision decision)",
                url: "https://www.imy.se/tillsyner/tele2-sverige-ab-tele2.se",
            },
        ]),
    },
    Authority {
        country: "SI",
        short_name: "IP",
        name: "Informacijski pooblaščenec",
        name_en: "Information Commissioner",
        website: "https://www.ip-rs.si",
        former_name: None,
        provenance: confirmed(&[
            EDPB_MEMBERS,
            Source {
                title: "Linklaters Data Protected: Slovenia (the Information Commissioner, www.ip-rs.si)",
                url: "https://www.linklaters.com/nl-nl/insights/data-protected/data-protected---slovenia",
            },
        ]),
    },
    Authority {
        country: "SK",
        short_name: "ÚOOÚ SR",
        name: "Úrad na ochranu osobných údajov Slovenskej republiky",
        name_en: "Office for Personal Data Protection of the Slovak Republic",
        website: "https://dataprotection.gov.sk",
        former_name: None,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
];
