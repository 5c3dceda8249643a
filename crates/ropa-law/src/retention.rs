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
//! which applies to the records it checks. Each period says which
//! [`Material`] it covers and the event it is counted from ([`CountsFrom`]):
//! "7 years from the financial-year end" is not the same as the Swedish
//! "until the end of the seventh year after the end of the calendar year in
//! which the financial year ended".

use ropa_vocab::{Country, Material, Statute};

use crate::Confidence;
use crate::source::{Provenance, REVIEWED, Source};

/// The event a statutory period is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CountsFrom {
    /// The end of the financial year.
    FinancialYearEnd,
    /// The end of the calendar year in which the financial year ended.
    CalendarYearOfFinancialYearEnd,
    /// The end of the calendar year in which the entry was made, the voucher
    /// arose or the letter was received or sent.
    CalendarYearOfEntry,
}

/// The event a record's `from=` names, where ropa can compare it with a
/// statute's: `financial-year-end` or `calendar-year-end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordStart {
    FinancialYearEnd,
    /// The end of the calendar year the material belongs to: for
    /// bookkeeping, the one in which its financial year ended (or, in
    /// Germany, in which the entry or voucher was made).
    CalendarYearEnd,
}

impl RecordStart {
    /// The `from=` events ropa recognises; anything else is not compared.
    pub fn parse(event: &str) -> Option<RecordStart> {
        match event.trim().to_ascii_lowercase().as_str() {
            "financial-year-end"
            | "end-of-financial-year"
            | "fiscal-year-end"
            | "end-of-fiscal-year"
            | "financial-year" => Some(RecordStart::FinancialYearEnd),
            "calendar-year-end" | "end-of-calendar-year" | "year-end" | "end-of-year" => {
                Some(RecordStart::CalendarYearEnd)
            }
            _ => None,
        }
    }

    /// How many months later than the statute's event the record's event
    /// may fall, as (earliest, latest): a financial year ends at the end of
    /// a month, at most 11 months before the end of its calendar year.
    /// Negative: the record starts counting earlier, so it may keep the
    /// material for less time than the same number of years suggests.
    pub fn offset_months(self, statute: CountsFrom) -> (i32, i32) {
        match (self, statute) {
            (RecordStart::FinancialYearEnd, CountsFrom::FinancialYearEnd)
            | (RecordStart::CalendarYearEnd, CountsFrom::CalendarYearOfFinancialYearEnd)
            | (RecordStart::CalendarYearEnd, CountsFrom::CalendarYearOfEntry) => (0, 0),
            (RecordStart::FinancialYearEnd, CountsFrom::CalendarYearOfFinancialYearEnd) => (-11, 0),
            (RecordStart::CalendarYearEnd, CountsFrom::FinancialYearEnd) => (0, 11),
            // A voucher of a financial year ending in June arose in the
            // calendar year before or the one in which it ended.
            (RecordStart::FinancialYearEnd, CountsFrom::CalendarYearOfEntry) => (-11, 11),
        }
    }
}

/// A further period for other material under the same topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionPeriod {
    pub months: u32,
    pub applies_to: &'static str,
    pub runs_from: &'static str,
    pub counts_from: CountsFrom,
    /// The kinds of material this period is for. Empty: a period of another
    /// regime (tax, VAT on real estate) shown as context, not compared.
    pub materials: &'static [Material],
    pub law: &'static str,
    /// Set where this period is less certain than the main one.
    pub note: Option<&'static str>,
}

/// A minimum retention period required by national law.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionStatute {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    pub topic: Statute,
    /// Minimum retention, in months.
    pub months: u32,
    /// The event the period is counted from.
    pub runs_from: &'static str,
    /// The provision, e.g. "Bokföringslagen (1999:1078) 7 kap. 2 §".
    pub law: &'static str,
    /// Which material `months` is for.
    pub applies_to: &'static str,
    pub counts_from: CountsFrom,
    /// The kinds of material `months` is for.
    pub materials: &'static [Material],
    /// Longer or shorter periods for other material under the same topic.
    pub other_periods: &'static [RetentionPeriod],
    pub provenance: Provenance,
}

impl RetentionStatute {
    /// The main period and the others, as one list.
    pub fn periods(&self) -> impl Iterator<Item = RetentionPeriod> + '_ {
        std::iter::once(RetentionPeriod {
            months: self.months,
            applies_to: self.applies_to,
            runs_from: self.runs_from,
            counts_from: self.counts_from,
            materials: self.materials,
            law: self.law,
            note: None,
        })
        .chain(self.other_periods.iter().copied())
    }

    /// The periods a record of `material` must meet: the one for that
    /// material where the statute distinguishes it; otherwise every period
    /// for bookkeeping material, since any of them may apply.
    pub fn periods_for(&self, material: Option<Material>) -> Vec<RetentionPeriod> {
        let compared: Vec<RetentionPeriod> = self.periods().filter(|p| !p.materials.is_empty()).collect();
        if let Some(material) = material {
            let chosen: Vec<RetentionPeriod> = compared
                .iter()
                .copied()
                .filter(|p| p.materials.contains(&material))
                .collect();
            if !chosen.is_empty() {
                return chosen;
            }
        }
        compared
    }
}

/// Words that mark data, or a law, as bookkeeping, in the languages of the
/// statutes ropa knows: a legal-obligation activity keeping such data is
/// compared with the bookkeeping statute even without `statute=`.
const BOOKKEEPING_WORDS: &[&str] = &[
    "bookkeeping",
    "accounting",
    "accounts payable",
    "accounts receivable",
    "invoice",
    "voucher",
    "receipt",
    "ledger",
    "annual accounts",
    "bokföring",
    "räkenskap",
    "verifikation",
    "faktur",
    "kvitto",
    "bogføring",
    "regnskab",
    "bilag",
    "bokføring",
    "regnskap",
    "kirjanpito",
    "tosite",
    "lasku",
    "buchhaltung",
    "buchführung",
    "buchungsbeleg",
    "rechnung",
    "handelsgesetzbuch",
    "hgb",
    "abgabenordnung",
    "comptab",
    "boekhoud",
    "administratieplicht",
];

/// Whether `text` (a data category, its description, or a `law=`) speaks
/// of bookkeeping: invoices, vouchers, ledgers, the accounting acts.
pub fn is_bookkeeping(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != ' ')
        .any(|part| BOOKKEEPING_WORDS.iter().any(|w| part.contains(w)))
}

/// The statutory minimum for the `topic` statute in `country`, if this crate knows it.
pub fn statutory_retention(country: Country, topic: Statute) -> Option<&'static RetentionStatute> {
    STATUTES
        .iter()
        .find(|s| s.country == country.code() && s.topic == topic)
}

/// All known statutes, sorted by country code.
pub fn statutes() -> &'static [RetentionStatute] {
    STATUTES
}

static STATUTES: &[RetentionStatute] = &[
    RetentionStatute {
        country: "DE",
        topic: Statute::Bookkeeping,
        months: 96,
        runs_from: "end of the calendar year in which the voucher arose (AO § 147(4), HGB § 257(5))",
        law: "HGB § 257(1) Nr. 4, (4); AO § 147(1) Nr. 4, (3) (as amended by the Viertes \
              Bürokratieentlastungsgesetz, BEG IV)",
        applies_to: "Buchungsbelege (accounting vouchers, including invoices under UStG § 14b)",
        counts_from: CountsFrom::CalendarYearOfEntry,
        materials: &[Material::Vouchers],
        other_periods: &[
            RetentionPeriod {
                months: 120,
                applies_to: "books and records, inventories, opening balance sheets, annual accounts, management \
                             reports and the organisational documents needed to understand them",
                runs_from: "end of the calendar year of the last entry or of preparation",
                counts_from: CountsFrom::CalendarYearOfEntry,
                materials: &[Material::Books],
                law: "HGB § 257(1) Nr. 1, (4); AO § 147(1) Nr. 1, (3)",
                note: None,
            },
            RetentionPeriod {
                months: 72,
                applies_to: "commercial and business letters received and sent, other documents relevant for \
                             taxation",
                runs_from: "end of the calendar year in which the letter was received or sent",
                counts_from: CountsFrom::CalendarYearOfEntry,
                materials: &[Material::Correspondence],
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
    RetentionStatute {
        country: "DK",
        topic: Statute::Bookkeeping,
        months: 60,
        runs_from: "end of the financial year the material relates to",
        law: "Bogføringsloven (lov nr. 700 af 24. maj 2022), rules on storage of accounting material (section number \
              not verified; § 10 in the previous act)",
        applies_to: "all accounting material (regnskabsmateriale)",
        counts_from: CountsFrom::FinancialYearEnd,
        materials: &[
            Material::Vouchers,
            Material::Books,
            Material::Correspondence,
            Material::Secondary,
        ],
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
    RetentionStatute {
        country: "FI",
        topic: Statute::Bookkeeping,
        months: 72,
        runs_from: "end of the calendar year in which the financial year ended",
        law: "Kirjanpitolaki (1336/1997) 2 luku 10 §",
        applies_to: "vouchers (tositteet) of the financial year, business correspondence and other accounting \
                     material",
        counts_from: CountsFrom::CalendarYearOfFinancialYearEnd,
        materials: &[Material::Vouchers, Material::Correspondence, Material::Secondary],
        other_periods: &[RetentionPeriod {
            months: 120,
            applies_to: "financial statements and annual report, the books (journals and ledgers), the chart of \
                         accounts and the list of books and material",
            runs_from: "end of the financial year",
            counts_from: CountsFrom::FinancialYearEnd,
            materials: &[Material::Books],
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
    RetentionStatute {
        country: "FR",
        topic: Statute::Bookkeeping,
        months: 120,
        runs_from: "close of the financial year, in common practice (the article itself states no starting point)",
        law: "Code de commerce, art. L123-22, al. 2",
        applies_to: "accounting documents and supporting vouchers (documents comptables et pièces justificatives)",
        counts_from: CountsFrom::FinancialYearEnd,
        materials: &[
            Material::Vouchers,
            Material::Books,
            Material::Correspondence,
            Material::Secondary,
        ],
        other_periods: &[RetentionPeriod {
            months: 72,
            applies_to: "books, records and documents on which tax audits may be carried out",
            runs_from: "date of the last transaction recorded or of the document",
            counts_from: CountsFrom::FinancialYearEnd,
            materials: &[],
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
    RetentionStatute {
        country: "NL",
        topic: Statute::Bookkeeping,
        months: 84,
        runs_from: "end of the financial year, in common practice (the statutes state no starting point)",
        law: "Burgerlijk Wetboek Boek 2, art. 10 lid 3; Algemene wet inzake rijksbelastingen (AWR), art. 52 lid 4",
        applies_to: "the administration: books, records and other data carriers",
        counts_from: CountsFrom::FinancialYearEnd,
        materials: &[
            Material::Vouchers,
            Material::Books,
            Material::Correspondence,
            Material::Secondary,
        ],
        other_periods: &[RetentionPeriod {
            months: 120,
            applies_to: "data on immovable property (VAT revision period)",
            runs_from: "end of the financial year",
            counts_from: CountsFrom::FinancialYearEnd,
            materials: &[],
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
    RetentionStatute {
        country: "NO",
        topic: Statute::Bookkeeping,
        months: 60,
        runs_from: "end of the financial year",
        law: "Bokføringsloven (LOV-2004-11-19-73) § 13 annet ledd",
        applies_to: "primary documentation: vouchers (invoices, cash settlements, bank and payroll vouchers), \
                     mandatory specifications, documentation of the balance sheet, annual accounts and reports",
        counts_from: CountsFrom::FinancialYearEnd,
        materials: &[Material::Vouchers, Material::Books],
        other_periods: &[RetentionPeriod {
            months: 42,
            applies_to: "secondary documentation (e.g. agreements of importance for the business, order and \
                         delivery documents)",
            runs_from: "end of the financial year",
            counts_from: CountsFrom::FinancialYearEnd,
            materials: &[Material::Secondary],
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
    RetentionStatute {
        country: "SE",
        topic: Statute::Bookkeeping,
        months: 84,
        runs_from: "end of the calendar year in which the financial year ended",
        law: "Bokföringslagen (1999:1078) 7 kap. 2 §",
        applies_to: "all räkenskapsinformation (vouchers, journals and ledgers, annual accounts, system \
                     documentation)",
        counts_from: CountsFrom::CalendarYearOfFinancialYearEnd,
        materials: &[
            Material::Vouchers,
            Material::Books,
            Material::Correspondence,
            Material::Secondary,
        ],
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

#[cfg(test)]
mod tests {
    use super::*;

    fn statute(code: &str) -> &'static RetentionStatute {
        Country::parse(code)
            .and_then(|c| statutory_retention(c, Statute::Bookkeeping))
            .expect("known statute")
    }

    fn months(periods: Vec<RetentionPeriod>) -> Vec<u32> {
        periods.iter().map(|p| p.months).collect()
    }

    #[test]
    fn sweden_counts_from_the_calendar_year_in_which_the_financial_year_ended() {
        // Bokföringslagen 7 kap. 2 §: "till och med det sjunde året efter
        // utgången av det kalenderår då räkenskapsåret avslutades".
        let se = statute("SE");
        assert_eq!(se.counts_from, CountsFrom::CalendarYearOfFinancialYearEnd);
        // 7 years from a financial year ending in January ends 11 months early.
        assert_eq!(RecordStart::FinancialYearEnd.offset_months(se.counts_from), (-11, 0));
        assert_eq!(RecordStart::CalendarYearEnd.offset_months(se.counts_from), (0, 0));
        assert_eq!(months(se.periods_for(None)), [84]);
    }

    #[test]
    fn record_events_are_recognised() {
        assert_eq!(
            RecordStart::parse("financial-year-end"),
            Some(RecordStart::FinancialYearEnd)
        );
        assert_eq!(
            RecordStart::parse("calendar-year-end"),
            Some(RecordStart::CalendarYearEnd)
        );
        assert_eq!(RecordStart::parse("contract-end"), None);
    }

    #[test]
    fn periods_are_chosen_by_material() {
        let de = statute("DE");
        assert_eq!(months(de.periods_for(Some(Material::Vouchers))), [96]);
        assert_eq!(months(de.periods_for(Some(Material::Books))), [120]);
        assert_eq!(months(de.periods_for(Some(Material::Correspondence))), [72]);
        // Unknown: every period may apply.
        assert_eq!(months(de.periods_for(None)), [96, 120, 72]);
        assert_eq!(de.counts_from, CountsFrom::CalendarYearOfEntry);
        let fi = statute("FI");
        assert_eq!(months(fi.periods_for(Some(Material::Vouchers))), [72]);
        assert_eq!(months(fi.periods_for(Some(Material::Books))), [120]);
        assert_eq!(months(fi.periods_for(None)), [72, 120]);
        let no = statute("NO");
        assert_eq!(months(no.periods_for(Some(Material::Secondary))), [42]);
        // Not distinguished by the statute: every period.
        assert_eq!(months(no.periods_for(Some(Material::Correspondence))), [60, 42]);
        // Periods of other regimes are context, never compared.
        assert_eq!(months(statute("FR").periods_for(None)), [120]);
        assert_eq!(months(statute("NL").periods_for(None)), [84]);
    }

    #[test]
    fn bookkeeping_is_recognised_in_data_and_law() {
        for text in [
            "Customer invoices",
            "invoices",
            "Bokföringslagen (1999:1078)",
            "Verifikationer",
            "Kirjanpitolaki 2:10",
            "HGB § 257",
            "Buchungsbelege",
            "accounting-records",
        ] {
            assert!(is_bookkeeping(text), "{text:?}");
        }
        for text in ["Name and e-mail", "Doctor's certificates", "Lag (1991:1047) om sjuklön"] {
            assert!(!is_bookkeeping(text), "{text:?}");
        }
    }
}
