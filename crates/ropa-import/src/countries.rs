//! Country names and codes → ISO 3166-1 alpha-2 ([`Country`]).
//!
//! Spreadsheets name countries in the sheet's language ("USA", "Storbritannien",
//! "Tyskland", "Sør-Korea"); Fides manifests use ISO 3166-1 alpha-3 ("USA",
//! "GBR"). English short names come from `ropa_syntax::values::Country`, the
//! Swedish, Danish and Norwegian names from the same table reports print
//! ([`Country::name_in`]); the spellings records use besides those are
//! listed here.

use std::sync::OnceLock;

use ropa_syntax::values::Country;

use crate::Lang::{self, Da, En, Nb, Sv};
use crate::text::{Phrases, words};

/// Spellings records use besides the English short names of ISO 3166 and
/// the names of [`Country::name_in`]: abbreviations, older and longer
/// names, the parts of the United Kingdom.
const ALIASES: &[(&str, Lang, &str)] = &[
    ("USA", En, "US"),
    ("United States of America", En, "US"),
    ("America", En, "US"),
    ("UK", En, "GB"),
    ("Great Britain", En, "GB"),
    ("Britain", En, "GB"),
    ("England", En, "GB"),
    ("Scotland", En, "GB"),
    ("Wales", En, "GB"),
    ("Northern Ireland", En, "GB"),
    ("Holland", En, "NL"),
    ("The Netherlands", En, "NL"),
    ("Korea", En, "KR"),
    ("Czech Republic", En, "CZ"),
    ("Turkey", En, "TR"),
    ("Vietnam", En, "VN"),
    ("Ivory Coast", En, "CI"),
    ("Macedonia", En, "MK"),
    ("UAE", En, "AE"),
    ("Förenade kungariket", Sv, "GB"),
    ("Förenta staterna", Sv, "US"),
    ("Egypten", Sv, "EG"),
    ("Det Forenede Kongerige", Da, "GB"),
    ("Egypten", Da, "EG"),
    ("Egypt", Nb, "EG"),
];

/// Names of [`Country::name_in`] that are common words in the languages read
/// ("man" is "one" in Swedish, Danish and Norwegian), so no cell names a
/// country by them.
const NOT_NAMES: &[&str] = &["Man"];

/// Every name besides the English short names of ISO 3166 (which every
/// language reads) and the codes, by language, as (name, language, alpha-2
/// code): the translated names reports print, then the aliases.
pub(crate) fn names() -> Vec<(&'static str, Lang, &'static str)> {
    let translated = Country::translated().flat_map(|country| {
        Lang::ALL.into_iter().filter_map(move |lang| {
            let name = country.name_in(lang)?;
            (name != country.name() && !NOT_NAMES.contains(&name)).then_some((name, lang, country.code()))
        })
    });
    translated.chain(ALIASES.iter().copied()).collect()
}

/// Names that stand for a group of countries, which a transfer cannot name.
pub(crate) const GROUPS: &[&str] = &[
    "EU",
    "EES",
    "EØS",
    "EEA",
    "EEC",
    "Europa",
    "Europe",
    "Norden",
    "Nordic",
    "Nordics",
    "Worldwide",
    "Global",
    "Världen",
    "Verden",
];

/// ISO 3166-1 alpha-3 → alpha-2, sorted by alpha-3 (all 249 assigned codes).
const ALPHA3: &[(&str, &str)] = &[
    ("ABW", "AW"),
    ("AFG", "AF"),
    ("AGO", "AO"),
    ("AIA", "AI"),
    ("ALA", "AX"),
    ("ALB", "AL"),
    ("AND", "AD"),
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("ASM", "AS"),
    ("ATA", "AQ"),
    ("ATF", "TF"),
    ("ATG", "AG"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("AZE", "AZ"),
    ("BDI", "BI"),
    ("BEL", "BE"),
    ("BEN", "BJ"),
    ("BES", "BQ"),
    ("BFA", "BF"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BHR", "BH"),
    ("BHS", "BS"),
    ("BIH", "BA"),
    ("BLM", "BL"),
    ("BLR", "BY"),
    ("BLZ", "BZ"),
    ("BMU", "BM"),
    ("BOL", "BO"),
    ("BRA", "BR"),
    ("BRB", "BB"),
    ("BRN", "BN"),
    ("BTN", "BT"),
    ("BVT", "BV"),
    ("BWA", "BW"),
    ("CAF", "CF"),
    ("CAN", "CA"),
    ("CCK", "CC"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("CIV", "CI"),
    ("CMR", "CM"),
    ("COD", "CD"),
    ("COG", "CG"),
    ("COK", "CK"),
    ("COL", "CO"),
    ("COM", "KM"),
    ("CPV", "CV"),
    ("CRI", "CR"),
    ("CUB", "CU"),
    ("CUW", "CW"),
    ("CXR", "CX"),
    ("CYM", "KY"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DJI", "DJ"),
    ("DMA", "DM"),
    ("DNK", "DK"),
    ("DOM", "DO"),
    ("DZA", "DZ"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("ERI", "ER"),
    ("ESH", "EH"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("ETH", "ET"),
    ("FIN", "FI"),
    ("FJI", "FJ"),
    ("FLK", "FK"),
    ("FRA", "FR"),
    ("FRO", "FO"),
    ("FSM", "FM"),
    ("GAB", "GA"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("GGY", "GG"),
    ("GHA", "GH"),
    ("GIB", "GI"),
    ("GIN", "GN"),
    ("GLP", "GP"),
    ("GMB", "GM"),
    ("GNB", "GW"),
    ("GNQ", "GQ"),
    ("GRC", "GR"),
    ("GRD", "GD"),
    ("GRL", "GL"),
    ("GTM", "GT"),
    ("GUF", "GF"),
    ("GUM", "GU"),
    ("GUY", "GY"),
    ("HKG", "HK"),
    ("HMD", "HM"),
    ("HND", "HN"),
    ("HRV", "HR"),
    ("HTI", "HT"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IMN", "IM"),
    ("IND", "IN"),
    ("IOT", "IO"),
    ("IRL", "IE"),
    ("IRN", "IR"),
    ("IRQ", "IQ"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JEY", "JE"),
    ("JOR", "JO"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KGZ", "KG"),
    ("KHM", "KH"),
    ("KIR", "KI"),
    ("KNA", "KN"),
    ("KOR", "KR"),
    ("KWT", "KW"),
    ("LAO", "LA"),
    ("LBN", "LB"),
    ("LBR", "LR"),
    ("LBY", "LY"),
    ("LCA", "LC"),
    ("LIE", "LI"),
    ("LKA", "LK"),
    ("LSO", "LS"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MAC", "MO"),
    ("MAF", "MF"),
    ("MAR", "MA"),
    ("MCO", "MC"),
    ("MDA", "MD"),
    ("MDG", "MG"),
    ("MDV", "MV"),
    ("MEX", "MX"),
    ("MHL", "MH"),
    ("MKD", "MK"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MMR", "MM"),
    ("MNE", "ME"),
    ("MNG", "MN"),
    ("MNP", "MP"),
    ("MOZ", "MZ"),
    ("MRT", "MR"),
    ("MSR", "MS"),
    ("MTQ", "MQ"),
    ("MUS", "MU"),
    ("MWI", "MW"),
    ("MYS", "MY"),
    ("MYT", "YT"),
    ("NAM", "NA"),
    ("NCL", "NC"),
    ("NER", "NE"),
    ("NFK", "NF"),
    ("NGA", "NG"),
    ("NIC", "NI"),
    ("NIU", "NU"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NPL", "NP"),
    ("NRU", "NR"),
    ("NZL", "NZ"),
    ("OMN", "OM"),
    ("PAK", "PK"),
    ("PAN", "PA"),
    ("PCN", "PN"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("PLW", "PW"),
    ("PNG", "PG"),
    ("POL", "PL"),
    ("PRI", "PR"),
    ("PRK", "KP"),
    ("PRT", "PT"),
    ("PRY", "PY"),
    ("PSE", "PS"),
    ("PYF", "PF"),
    ("QAT", "QA"),
    ("REU", "RE"),
    ("ROU", "RO"),
    ("RUS", "RU"),
    ("RWA", "RW"),
    ("SAU", "SA"),
    ("SDN", "SD"),
    ("SEN", "SN"),
    ("SGP", "SG"),
    ("SGS", "GS"),
    ("SHN", "SH"),
    ("SJM", "SJ"),
    ("SLB", "SB"),
    ("SLE", "SL"),
    ("SLV", "SV"),
    ("SMR", "SM"),
    ("SOM", "SO"),
    ("SPM", "PM"),
    ("SRB", "RS"),
    ("SSD", "SS"),
    ("STP", "ST"),
    ("SUR", "SR"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("SWZ", "SZ"),
    ("SXM", "SX"),
    ("SYC", "SC"),
    ("SYR", "SY"),
    ("TCA", "TC"),
    ("TCD", "TD"),
    ("TGO", "TG"),
    ("THA", "TH"),
    ("TJK", "TJ"),
    ("TKL", "TK"),
    ("TKM", "TM"),
    ("TLS", "TL"),
    ("TON", "TO"),
    ("TTO", "TT"),
    ("TUN", "TN"),
    ("TUR", "TR"),
    ("TUV", "TV"),
    ("TWN", "TW"),
    ("TZA", "TZ"),
    ("UGA", "UG"),
    ("UKR", "UA"),
    ("UMI", "UM"),
    ("URY", "UY"),
    ("USA", "US"),
    ("UZB", "UZ"),
    ("VAT", "VA"),
    ("VCT", "VC"),
    ("VEN", "VE"),
    ("VGB", "VG"),
    ("VIR", "VI"),
    ("VNM", "VN"),
    ("VUT", "VU"),
    ("WLF", "WF"),
    ("WSM", "WS"),
    ("YEM", "YE"),
    ("ZAF", "ZA"),
    ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

/// The country of an ISO 3166-1 alpha-3 code ("SWE", "usa").
pub(crate) fn from_alpha3(code: &str) -> Option<Country> {
    let upper = code.trim().to_ascii_uppercase();
    ALPHA3
        .binary_search_by(|(a3, _)| (*a3).cmp(upper.as_str()))
        .ok()
        .and_then(|i| Country::parse(ALPHA3[i].1))
}

fn phrases() -> &'static Phrases<Country> {
    static PHRASES: OnceLock<Phrases<Country>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut table: Vec<(&'static str, Country)> = Country::all().map(|c| (c.name(), c)).collect();
        table.extend(
            names()
                .into_iter()
                .filter_map(|(name, _, code)| Country::parse(code).map(|c| (name, c))),
        );
        Phrases::new(&table)
    })
}

/// One country as a whole cell or answer: a code (alpha-2 or alpha-3, any
/// case) or a name in English, Swedish, Danish or Norwegian.
pub fn parse_country(text: &str) -> Option<Country> {
    let trimmed = text.trim();
    if let Some(c) = Country::parse(&trimmed.to_ascii_uppercase()) {
        return Some(c);
    }
    if trimmed.len() == 3
        && let Some(c) = from_alpha3(trimmed)
    {
        return Some(c);
    }
    if let Some(right) = ropa_syntax::values::country_mistake(trimmed) {
        return Country::parse(right);
    }
    phrases().exact(trimmed).map(|p| p.value)
}

/// Every country a cell names, in order and without repeats: names in the
/// four languages, and codes written in capitals ("US", "USA"). Lower-case
/// two-letter words are not codes: "no", "se" and "in" are words.
pub(crate) fn find_countries(text: &str) -> Vec<Country> {
    let mut found: Vec<(usize, Country)> = phrases()
        .find_all(text)
        .into_iter()
        .map(|f| (f.range.start, f.value))
        .collect();
    for word in words(text) {
        let original = &text[word.range.clone()];
        if original.chars().all(|c| c.is_ascii_uppercase()) && (original.len() == 2 || original.len() == 3) {
            let country = if original.len() == 2 {
                Country::parse(original)
                    .or_else(|| ropa_syntax::values::country_mistake(original).and_then(Country::parse))
            } else {
                from_alpha3(original)
            };
            if let Some(country) = country {
                found.push((word.range.start, country));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut out = Vec::new();
    for (_, country) in found {
        if !out.contains(&country) {
            out.push(country);
        }
    }
    out
}

/// Whether the text names a group of countries ("EU", "EES").
pub(crate) fn names_group(text: &str) -> bool {
    let norm = crate::text::normalize(text);
    GROUPS.iter().any(|g| {
        let g = crate::text::normalize(g);
        norm.split(' ').any(|w| w == g)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        parse_country(text).map(Country::code)
    }

    #[test]
    fn alpha3_table_is_sorted_and_complete() {
        assert!(ALPHA3.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(ALPHA3.len(), 249);
        assert!(ALPHA3.iter().all(|(_, a2)| Country::parse(a2).is_some()));
        assert_eq!(from_alpha3("SWE").map(Country::code), Some("SE"));
        assert_eq!(from_alpha3("usa").map(Country::code), Some("US"));
        assert_eq!(from_alpha3("XXX"), None);
    }

    #[test]
    fn names_in_each_language() {
        assert_eq!(code("Sverige"), Some("SE"));
        assert_eq!(code("sweden"), Some("SE"));
        assert_eq!(code("Storbritannien"), Some("GB"));
        assert_eq!(code("Storbritannia"), Some("GB"));
        assert_eq!(code("Grækenland"), Some("GR"));
        assert_eq!(code("Sør-Korea"), Some("KR"));
        assert_eq!(code("USA"), Some("US"));
        assert_eq!(code("uk"), Some("GB"));
        assert_eq!(code("se"), Some("SE"));
        assert_eq!(code("Atlantis"), None);
    }

    #[test]
    fn reads_the_names_reports_print_but_not_common_words() {
        assert_eq!(code("Estland"), Some("EE"));
        assert_eq!(code("Færøyene"), Some("FO"));
        assert_eq!(code("Hongkong"), Some("HK"));
        // Norwegian for the Isle of Man, and "one" in three languages.
        assert_eq!(code("Man"), None);
        let found: Vec<&str> = find_countries("Uppgifter som man lagrar i USA")
            .into_iter()
            .map(Country::code)
            .collect();
        assert_eq!(found, ["US"]);
    }

    #[test]
    fn finds_countries_in_text() {
        let found: Vec<&str> = find_countries("USA (Google), Indien och UK")
            .into_iter()
            .map(Country::code)
            .collect();
        assert_eq!(found, ["US", "IN", "GB"]);
        assert!(find_countries("no transfers").is_empty());
        assert!(names_group("Inom EU/EES"));
    }
}
