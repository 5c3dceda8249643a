//! The national supervisory authority of each EEA state (GDPR Art. 51): where
//! breaches are notified (Art. 33), DPO contact details registered (Art.
//! 37(7)) and complaints lodged (Art. 77).
//!
//! One entry per state, and a table of regional authorities. Germany has
//! one federal and sixteen Land authorities; private companies fall under
//! the authority of the Land where they are established (BDSG § 40), so
//! [`competent_authority`] needs the Land and never answers with the federal
//! BfDI for an organization. For cross-border processing the lead authority
//! is the one of the main establishment (Art. 56), which this table does not
//! decide.

use ropa_vocab::{Country, Region};

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
    /// The ISO 3166-2 region of a regional authority (`DE-BY`).
    pub region: Option<&'static str>,
    pub competence: Competence,
    pub provenance: Provenance,
}

/// Whom an authority supervises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Competence {
    /// Every controller and processor established in its territory.
    All,
    /// Private bodies (companies, associations) only.
    PrivateSector,
    /// Public bodies of its territory only.
    PublicSector,
    /// Federal public bodies, and telecommunications and postal services.
    FederalPublicBodies,
}

impl Competence {
    /// In words, for listings.
    pub fn label(self) -> &'static str {
        match self {
            Competence::All => "public and private bodies",
            Competence::PrivateSector => "private bodies",
            Competence::PublicSector => "public bodies",
            Competence::FederalPublicBodies => "federal public bodies, telecommunications and postal services",
        }
    }
}

/// The authority an organization reports to, as far as the record tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Competent {
    Authority(&'static Authority),
    /// Supervision in this country is regional (Germany: by Land, BDSG
    /// § 40) and the record names no region: ropa cannot tell which.
    NeedsRegion(Country),
    /// The region is named, but its authority is not in ropa's table.
    RegionNotKnown(Region),
    /// Not an EEA state: no GDPR supervisory authority.
    None,
}

/// Countries where private bodies are supervised by a regional authority.
const REGIONAL: &[&str] = &["DE"];

/// The authority that supervises a private organization established in
/// `country` (and `region`, where supervision is regional). For Germany
/// this is the Land authority; without the Land the answer is
/// [`Competent::NeedsRegion`], never the federal BfDI, which supervises
/// federal public bodies.
pub fn competent_authority(country: Country, region: Option<Region>) -> Competent {
    if !REGIONAL.contains(&country.code()) {
        return supervisory_authority(country).map_or(Competent::None, Competent::Authority);
    }
    let Some(region) = region.filter(|r| r.country() == country) else {
        return Competent::NeedsRegion(country);
    };
    let code = region.to_string();
    REGIONAL_AUTHORITIES
        .iter()
        .find(|a| {
            a.region == Some(code.as_str()) && matches!(a.competence, Competence::All | Competence::PrivateSector)
        })
        .map_or(Competent::RegionNotKnown(region), Competent::Authority)
}

/// The regional authorities ropa knows, sorted by region.
pub fn regional_authorities() -> &'static [Authority] {
    REGIONAL_AUTHORITIES
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
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS, CREW_DPAS]),
    },
    Authority {
        country: "BE",
        short_name: "APD/GBA",
        name: "Autorité de protection des données / Gegevensbeschermingsautoriteit",
        name_en: "Belgian Data Protection Authority",
        website: "https://www.dataprotectionauthority.be",
        former_name: Some("Commission de la protection de la vie privée / Privacy Commission (until 2018)"),
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS, CREW_DPAS]),
    },
    Authority {
        country: "CZ",
        short_name: "ÚOOÚ",
        name: "Úřad pro ochranu osobních údajů",
        name_en: "Office for Personal Data Protection",
        website: "https://uoou.gov.cz",
        former_name: None,
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::FederalPublicBodies,
        provenance: with_note(
            &[EDPB_MEMBERS, ICT_INSTITUTE_DPAS],
            Confidence::High,
            "Federal authority, competent for federal public bodies and for telecommunications and postal \
             services. Private companies are supervised by the data protection authority of the Land where they \
             are established (BDSG § 40), e.g. BayLDA in Bavaria: see the regional table.",
        ),
    },
    Authority {
        country: "DK",
        short_name: "Datatilsynet",
        name: "Datatilsynet",
        name_en: "Danish Data Protection Agency",
        website: "https://www.datatilsynet.dk",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "EE",
        short_name: "AKI",
        name: "Andmekaitse Inspektsioon",
        name_en: "Estonian Data Protection Inspectorate",
        website: "https://www.aki.ee",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "ES",
        short_name: "AEPD",
        name: "Agencia Española de Protección de Datos",
        name_en: "Spanish Data Protection Agency",
        website: "https://www.aepd.es",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "FI",
        short_name: "Tietosuojavaltuutettu",
        name: "Tietosuojavaltuutetun toimisto",
        name_en: "Office of the Data Protection Ombudsman",
        website: "https://tietosuoja.fi",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "FR",
        short_name: "CNIL",
        name: "Commission nationale de l'informatique et des libertés",
        name_en: "National Commission on Informatics and Liberty",
        website: "https://www.cnil.fr",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "GR",
        short_name: "HDPA",
        name: "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
        name_en: "Hellenic Data Protection Authority",
        website: "https://www.dpa.gr",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "HR",
        short_name: "AZOP",
        name: "Agencija za zaštitu osobnih podataka",
        name_en: "Croatian Personal Data Protection Agency",
        website: "https://azop.hr",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, ICT_INSTITUTE_DPAS]),
    },
    Authority {
        country: "HU",
        short_name: "NAIH",
        name: "Nemzeti Adatvédelmi és Információszabadság Hatóság",
        name_en: "Hungarian National Authority for Data Protection and Freedom of Information",
        website: "https://naih.hu",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "IE",
        short_name: "DPC",
        name: "Data Protection Commission",
        name_en: "Data Protection Commission",
        website: "https://www.dataprotection.ie",
        former_name: None,
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "LI",
        short_name: "DSS",
        name: "Datenschutzstelle Liechtenstein",
        name_en: "Data Protection Authority of Liechtenstein",
        website: "https://www.datenschutzstelle.li",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "LT",
        short_name: "VDAI",
        name: "Valstybinė duomenų apsaugos inspekcija",
        name_en: "State Data Protection Inspectorate",
        website: "https://vdai.lrv.lt",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, CREW_DPAS]),
    },
    Authority {
        country: "LU",
        short_name: "CNPD",
        name: "Commission nationale pour la protection des données",
        name_en: "National Commission for Data Protection",
        website: "https://cnpd.public.lu",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: confirmed(&[EDPB_MEMBERS, crate::source::CNPD_LU_ADEQUACY]),
    },
    Authority {
        country: "LV",
        short_name: "DVI",
        name: "Datu valsts inspekcija",
        name_en: "Data State Inspectorate",
        website: "https://www.dvi.gov.lv",
        former_name: None,
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "NO",
        short_name: "Datatilsynet",
        name: "Datatilsynet",
        name_en: "Norwegian Data Protection Authority",
        website: "https://www.datatilsynet.no",
        former_name: None,
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "PT",
        short_name: "CNPD",
        name: "Comissão Nacional de Proteção de Dados",
        name_en: "National Data Protection Commission",
        website: "https://www.cnpd.pt",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "RO",
        short_name: "ANSPDCP",
        name: "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal",
        name_en: "National Supervisory Authority for Personal Data Processing",
        website: "https://www.dataprotection.ro",
        former_name: None,
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
    Authority {
        country: "SE",
        short_name: "IMY",
        name: "Integritetsskyddsmyndigheten",
        name_en: "Swedish Authority for Privacy Protection",
        website: "https://www.imy.se",
        former_name: Some("Datainspektionen (until 1 January 2021)"),
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
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
        region: None,
        competence: Competence::All,
        provenance: with_note(&[EDPB_MEMBERS], Confidence::Medium, UNCONFIRMED_WEBSITE),
    },
];

/// Reviewed for the regional table.
const REGIONAL_REVIEWED: &str = "2026-12-04";

const BDSG_40: Source = Source {
    title: "BDSG § 40 Aufsichtsbehörden der Länder (text of the Federal Data Protection Act, gdpr.berlin)",
    url: "https://gdpr.berlin/federal-law-bdsg/40-bdsg-aufsichtsbehorden-der-lander-2",
};

const BDSG_40_COMMENTARY: Source = Source {
    title: "BDSG 2018 § 40 online commentary, with the text (rechtstipp24)",
    url: "https://rechtstipp24.de/bdsg-2018/bdsg-2018-%c2%a7-40-online-kommentar/",
};

const LAND_WEBSITES: Source = Source {
    title: "DSZ datenschutzzentrale: Aufsichtsbehörden nach Bundesland (websites of the 16 Land authorities)",
    url: "https://datenschutzzentrale.de/docs/aufsichtsbehoerden/",
};

static REGIONAL_AUTHORITIES: &[Authority] = &[
    Authority {
        country: "DE",
        short_name: "BlnBDI",
        name: "Berliner Beauftragte für Datenschutz und Informationsfreiheit",
        name_en: "Berlin Commissioner for Data Protection and Freedom of Information",
        website: "https://www.datenschutz-berlin.de",
        former_name: None,
        region: Some("DE-BE"),
        competence: Competence::All,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "BlnBDI: Über uns (supervises Berlin's public bodies and the private bodies seated in Berlin)",
                    url: "https://www.datenschutz-berlin.de/ueber-uns/zur-person/",
                },
                LAND_WEBSITES,
                BDSG_40,
            ],
            as_of: REGIONAL_REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "One authority for public and private bodies in Berlin. The title is the office's (\"Die Berliner \
                 Beauftragte\" while the office holder is a woman).",
            ),
        },
    },
    Authority {
        country: "DE",
        short_name: "BayLDA",
        name: "Bayerisches Landesamt für Datenschutzaufsicht",
        name_en: "Bavarian Data Protection Authority (private sector)",
        website: "https://www.lda.bayern.de",
        former_name: None,
        region: Some("DE-BY"),
        competence: Competence::PrivateSector,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "BayLDA: Datenschutzerklärung (Bayerisches Landesamt für Datenschutzaufsicht, Promenade 27, 91522 Ansbach; www.lda.bayern.de)",
                    url: "https://lda.dsb-meldung.de/PrivacyPol",
                },
                Source {
                    title: "BayLfD: FAQ Allgemeines (private bodies seated in Bavaria are supervised by the Landesamt für Datenschutzaufsicht)",
                    url: "https://www.datenschutz-bayern.de/print/faq/FAQ-Allgemeines.html",
                },
                BDSG_40,
                BDSG_40_COMMENTARY,
            ],
            as_of: REGIONAL_REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Bavaria has two authorities: BayLDA in Ansbach for the private sector, BayLfD for Bavarian \
                 public bodies.",
            ),
        },
    },
    Authority {
        country: "DE",
        short_name: "BayLfD",
        name: "Der Bayerische Landesbeauftragte für den Datenschutz",
        name_en: "Bavarian State Commissioner for Data Protection (public sector)",
        website: "https://www.datenschutz-bayern.de",
        former_name: None,
        region: Some("DE-BY"),
        competence: Competence::PublicSector,
        provenance: Provenance {
            sources: &[
                Source {
                    title: "BayLfD: FAQ Allgemeines (supervises Bavarian public bodies)",
                    url: "https://www.datenschutz-bayern.de/print/faq/FAQ-Allgemeines.html",
                },
                Source {
                    title: "Bayerisches Datenschutzgesetz (BayDSG) Art. 1, gesetze-bayern.de",
                    url: "http://www.gesetze-bayern.de/Content/Document/BayDSG/true",
                },
            ],
            as_of: REGIONAL_REVIEWED,
            confidence: Confidence::High,
            note: None,
        },
    },
];
