//! Minimum retention periods set by statute, per country and topic.
//!
//! A statutory duty to keep records is both the Art. 6(1)(c) legal basis for
//! keeping them and the justification for keeping them that long; a record of
//! processing that declares a shorter retention than the statute requires is
//! wrong, and one that keeps data much longer needs another reason.
//!
//! Where a country has several periods for different kinds of bookkeeping
//! material, `months` is the period for accounting vouchers (invoices,
//! receipts, payslips: the material that most often carries personal data),
//! and the other periods are listed in `other_periods`, so a rule can decide
//! which applies to the records it checks.

use ropa_syntax::values::Country;

use crate::Confidence;
use crate::source::{Provenance, REVIEWED, Source};

/// What a statute requires to be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatuteTopic {
    /// Accounting records kept under bookkeeping, commercial and tax law.
    Bookkeeping,
}

impl StatuteTopic {
    pub fn title(self) -> &'static str {
        match self {
            StatuteTopic::Bookkeeping => "bookkeeping",
        }
    }
}

/// A further period for other material under the same topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionPeriod {
    pub months: u32,
    pub applies_to: &'static str,
    pub runs_from: &'static str,
    pub law: &'static str,
    /// Set where this period is less certain than the main one.
    pub note: Option<&'static str>,
}

/// A minimum retention period required by national law.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statute {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    pub topic: StatuteTopic,
    /// Minimum retention, in months.
    pub months: u32,
    /// The event the period is counted from.
    pub runs_from: &'static str,
    /// The provision, e.g. "Bokföringslagen (1999:1078) 7 kap. 2 §".
    pub law: &'static str,
    /// Which material `months` is for.
    pub applies_to: &'static str,
    /// Longer or shorter periods for other material under the same topic.
    pub other_periods: &'static [RetentionPeriod],
    pub provenance: Provenance,
}

/// The statutory minimum for `topic` in `country`, if this crate knows it.
pub fn statutory_retention(country: Country, topic: StatuteTopic) -> Option<&'static Statute> {
    STATUTES
        .iter()
        .find(|s| s.country == country.code() && s.topic == topic)
}

/// All known statutes, sorted by country code.
pub fn statutes() -> &'static [Statute] {
    STATUTES
}

static STATUTES: &[Statute] = &[
    Statute {
        country: "DE",
        topic: StatuteTopic::Bookkeeping,
        months: 96,
        runs_from: "end of the calendar year in which the voucher arose (AO § 147(4), HGB § 257(5))",
        law: "HGB § 257(1) Nr. 4, (4); AO § 147(1) Nr. 4, (3) (as amended by the Viertes \
              Bürokratieentlastungsgesetz, BEG IV)",
        applies_to: "Buchungsbelege (accounting vouchers, including invoices under UStG § 14b)",
        other_periods: &[
            RetentionPeriod {
                months: 120,
                applies_to: "books and records, inventories, opening balance sheets, annual accounts, management \
                             reports and the organisational documents needed to understand them",
                runs_from: "end of the calendar year of the last entry or of preparation",
                law: "HGB § 257(1) Nr. 1, (4); AO § 147(1) Nr. 1, (3)",
                note: None,
            },
            RetentionPeriod {
                months: 72,
                applies_to: "commercial and business letters received and sent, other documents relevant for \
                             taxation",
                runs_from: "end of the calendar year in which the letter was received or sent",
                law: "HGB § 257(1) Nr. 2-3, (4); AO § 147(1) Nr. 2-3, 5, (3)",
                note: None,
            },
        ],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Haufe: Bürokratieentlastungsgesetz IV, Aufbewahrungspflichten verkürzt",
                    url: "https://www.haufe.de/finance/buchfuehrung-kontierung/buerokratieentlastungsgesetz-aufbewahrungspflichten-verkuerzt_186_634670.html",
                },
                Source {
                    title: "Akanthus WPG: Verkürzung von Aufbewahrungsfristen",
                    url: "https://www.akanthus-wpg.de/verkuerzung-von-aufbewahrungsfristen/",
                },
                Source {
                    title: "Muchowitsch: Aufbewahrungsfristen nach dem Vierten Bürokratieentlastungsgesetz (quotes § 147 \
                            AO)",
                    url: "https://muchowitsch.de/?p=2245",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "8 years for Buchungsbelege since BEG IV (promulgated 29 October 2024), for all vouchers whose old \
                 10-year period had not expired on 1 January 2025; for institutions supervised by BaFin (banks, \
                 insurers) the change applied one year later. Tax retention does not end while the tax assessment \
                 period is still open (AO § 147(3)). Private companies' books (10 years) may also contain personal \
                 data.",
            ),
        },
    },
    Statute {
        country: "DK",
        topic: StatuteTopic::Bookkeeping,
        months: 60,
        runs_from: "end of the financial year the material relates to",
        law: "Bogføringsloven (lov nr. 700 af 24. maj 2022), rules on storage of accounting material (section number \
              not verified; § 10 in the previous act)",
        applies_to: "all accounting material (regnskabsmateriale)",
        other_periods: &[],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Økonomistyrelsen: Opbevaring af regnskabsmateriale",
                    url: "https://oes.dk/oekonomi/oeav/regnskabsregler/generelle-bogfoeringsbestemmelser/opbevaring-af-regnskabsmateriale/",
                },
                Source {
                    title: "Skattestyrelsen: opbevaring af bogførings- og regnskabsmateriale (5 år fra udgangen af \
                            regnskabsåret)",
                    url: "https://test.skat.dk/data.aspx?chk=209795&oid=2062750",
                },
                Source {
                    title: "Bogføringsloven (previous act) § 10, danskelove.dk",
                    url: "https://danskelove.dk/bogf%C3%B8ringsloven/10",
                },
                Source {
                    title: "Rydoo: Paperless Denmark (2022 Bookkeeping Act, 5-year storage)",
                    url: "https://www.rydoo.com/compliance/denmark/paperless-denmark/",
                },
                Source {
                    title: "Erhvervsstyrelsen: Generelt om den nye bogføringslov",
                    url: "https://erhvervsstyrelsen.dk/generelt-om-den-nye-bogfoeringslov",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::Medium,
            note: Some(
                "The 5-year period is confirmed for the previous act (§ 10) and in current guidance on the 2022 act, \
                 but the section number in lov nr. 700/2022 was not found.",
            ),
        },
    },
    Statute {
        country: "FI",
        topic: StatuteTopic::Bookkeeping,
        months: 72,
        runs_from: "end of the calendar year in which the financial year ended",
        law: "Kirjanpitolaki (1336/1997) 2 luku 10 §",
        applies_to: "vouchers (tositteet) of the financial year, business correspondence and other accounting \
                     material",
        other_periods: &[RetentionPeriod {
            months: 120,
            applies_to: "financial statements and annual report, the books (journals and ledgers), the chart of \
                         accounts and the list of books and material",
            runs_from: "end of the financial year",
            law: "Kirjanpitolaki (1336/1997) 2 luku 10 §",
            note: None,
        }],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Alvin: Kirjanpitoaineiston säilytysajat",
                    url: "https://intercom.help/alvin-tuki/fi/articles/5991481-kirjanpitoaineiston-sailytysajat",
                },
                Source {
                    title: "eTasku: Yrityksen kirjanpidon ja tositteiden säilytys",
                    url: "https://www.etasku.fi/blogi/yrityksen-kirjanpidon-ja-kuittien-sailytys/",
                },
                Source {
                    title: "Kauppakamaritieto: Kirjanpitoaineiston säilytysajat",
                    url: "https://kauppakamaritieto.fi/artikkelit/kirjanpitoaineiston-sailytysajat",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Periods and their starting points agree across several sources quoting the statutory wording; the \
                 section (2:10) is from the research draft, and Finlex itself was not read. Real-estate investment \
                 documents have a longer VAT period (not modelled).",
            ),
        },
    },
    Statute {
        country: "FR",
        topic: StatuteTopic::Bookkeeping,
        months: 120,
        runs_from: "close of the financial year, in common practice (the article itself states no starting point)",
        law: "Code de commerce, art. L123-22, al. 2",
        applies_to: "accounting documents and supporting vouchers (documents comptables et pièces justificatives)",
        other_periods: &[RetentionPeriod {
            months: 72,
            applies_to: "books, records and documents on which tax audits may be carried out",
            runs_from: "date of the last transaction recorded or of the document",
            law: "Livre des procédures fiscales, art. L102 B",
            note: Some("Taken from the research draft; not re-read."),
        }],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Code de commerce, article L123-22 (text and version history), Doctrine",
                    url: "https://www.doctrine.fr/l/texts/codes/LEGITEXT000005634379/articles/LEGIARTI000006219326?version=LEGIARTI000006219327&source=legislation-text",
                },
                Source {
                    title: "Kohen Avocats: Article L123-22 du Code de commerce (text from Légifrance)",
                    url: "https://kohenavocats.fr/2024/12/23/article-l123-22-du-code-de-commerce",
                },
                Source {
                    title: "Livre des procédures fiscales, article L102 B",
                    url: "https://legal.tricoteuses.fr/articles/LEGIARTI000053189496",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some("\"Les documents comptables et les pièces justificatives sont conservés pendant dix ans.\""),
        },
    },
    Statute {
        country: "NL",
        topic: StatuteTopic::Bookkeeping,
        months: 84,
        runs_from: "end of the financial year, in common practice (the statutes state no starting point)",
        law: "Burgerlijk Wetboek Boek 2, art. 10 lid 3; Algemene wet inzake rijksbelastingen (AWR), art. 52 lid 4",
        applies_to: "the administration: books, records and other data carriers",
        other_periods: &[RetentionPeriod {
            months: 120,
            applies_to: "data on immovable property (VAT revision period)",
            runs_from: "end of the financial year",
            law: "AWR art. 52 (provision not verified)",
            note: Some("From the research draft; the provision was not found. Low confidence."),
        }],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "EY Tax Law: Besluit fiscaal bestuursrecht 2017, § 20 Bewaarplicht (artikel 52 AWR)",
                    url: "https://eytaxlaw.nl/browse/NL/awr/besluit-fiscaal-bestuursrecht-2017/20-bewaarplicht-(artikel-52-awr)",
                },
                Source {
                    title: "Kamerstuk 25 753 nr. 3 (shortening of the BW retention period)",
                    url: "https://zoek.officielebekendmakingen.nl/kst-25753-3.html",
                },
                Source {
                    title: "Herben Administraties: Welke administratie moet je 10 jaar bewaren",
                    url: "https://herbenadministraties.nl/inzichten/welke-administratie-moet-je-10-jaar-bewaren",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::Medium,
            note: Some(
                "Seven years in both the civil code and the tax act, as in the research draft; not re-read on \
                 wetten.overheid.nl in this review.",
            ),
        },
    },
    Statute {
        country: "NO",
        topic: StatuteTopic::Bookkeeping,
        months: 60,
        runs_from: "end of the financial year",
        law: "Bokføringsloven (LOV-2004-11-19-73) § 13 annet ledd",
        applies_to: "primary documentation: vouchers (invoices, cash settlements, bank and payroll vouchers), \
                     mandatory specifications, documentation of the balance sheet, annual accounts and reports",
        other_periods: &[RetentionPeriod {
            months: 42,
            applies_to: "secondary documentation (e.g. agreements of importance for the business, order and \
                         delivery documents)",
            runs_from: "end of the financial year",
            law: "Bokføringsloven § 13 and bokføringsforskriften",
            note: None,
        }],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "Altinn: Oppbevaring av regnskapsmateriale (primary 5 years, secondary 3.5 years)",
                    url: "https://info.altinn.no/starte-og-drive/regnskap-og-revisjon/regnskap/oppbevaring-av-regnskapsmateriale/",
                },
                Source {
                    title: "Deloitte: Redusert oppbevaringstid for regnskapsmateriale (quotes § 13 annet ledd)",
                    url: "https://www2.deloitte.com/no/no/pages/audit/articles/redusert-oppbevaringstid-for-regnskapsmateriale.html",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "Five years since the 2014 amendment and the 2015 regulation change. Exceptions keep 10 years or more \
                 (construction project accounts, banks' customer and supplier specifications, petroleum).",
            ),
        },
    },
    Statute {
        country: "SE",
        topic: StatuteTopic::Bookkeeping,
        months: 84,
        runs_from: "end of the calendar year in which the financial year ended",
        law: "Bokföringslagen (1999:1078) 7 kap. 2 §",
        applies_to: "all räkenskapsinformation (vouchers, journals and ledgers, annual accounts, system \
                     documentation)",
        other_periods: &[],
        provenance: Provenance {
            sources: &[
                Source {
                    title: "FAR Online: Redovisa rätt, arkivering (7 kap. 2 § BFL)",
                    url: "https://www.faronline.se/dokument/rattserien/redovisa-ratt/a/rr_arkivering/",
                },
                Source {
                    title: "Zentralen: Vad säger bokföringslagen? (quotes 7 kap. 2 §)",
                    url: "https://www.zentralen.se/ufaqs/vad-sager-bokforingslagen/",
                },
                Source {
                    title: "Skatteverket: Rättslig vägledning 2024.3",
                    url: "https://www4.skatteverket.se/rattsligvagledning/edition/2024.3/324689.html",
                },
            ],
            as_of: REVIEWED,
            confidence: Confidence::High,
            note: Some(
                "\"till och med det sjunde året efter utgången av det kalenderår då räkenskapsåret avslutades\" \
                 (7 years since 1 January 2011, 10 before).",
            ),
        },
    },
];
