//! Country names in the languages ropa speaks, for the EEA, the countries
//! with an adequacy decision and the third countries data most often goes
//! to. Reports print them; the importers also read them. Others fall back to
//! the English ISO 3166 short name ([`Country::name`]).

use crate::{Country, Lang};

/// Sorted by code: looked up by binary search.
/// (code, English, Swedish, Danish, Norwegian bokmål)
const NAMES: &[(&str, &str, &str, &str, &str)] = &[
    ("AD", "Andorra", "Andorra", "Andorra", "Andorra"),
    (
        "AE",
        "United Arab Emirates",
        "Förenade Arabemiraten",
        "De Forenede Arabiske Emirater",
        "De forente arabiske emirater",
    ),
    ("AR", "Argentina", "Argentina", "Argentina", "Argentina"),
    ("AT", "Austria", "Österrike", "Østrig", "Østerrike"),
    ("AU", "Australia", "Australien", "Australien", "Australia"),
    ("BE", "Belgium", "Belgien", "Belgien", "Belgia"),
    ("BG", "Bulgaria", "Bulgarien", "Bulgarien", "Bulgaria"),
    ("BR", "Brazil", "Brasilien", "Brasilien", "Brasil"),
    ("CA", "Canada", "Kanada", "Canada", "Canada"),
    ("CH", "Switzerland", "Schweiz", "Schweiz", "Sveits"),
    ("CN", "China", "Kina", "Kina", "Kina"),
    ("CY", "Cyprus", "Cypern", "Cypern", "Kypros"),
    ("CZ", "Czechia", "Tjeckien", "Tjekkiet", "Tsjekkia"),
    ("DE", "Germany", "Tyskland", "Tyskland", "Tyskland"),
    ("DK", "Denmark", "Danmark", "Danmark", "Danmark"),
    ("EE", "Estonia", "Estland", "Estland", "Estland"),
    ("ES", "Spain", "Spanien", "Spanien", "Spania"),
    ("FI", "Finland", "Finland", "Finland", "Finland"),
    ("FO", "Faroe Islands", "Färöarna", "Færøerne", "Færøyene"),
    ("FR", "France", "Frankrike", "Frankrig", "Frankrike"),
    (
        "GB",
        "United Kingdom",
        "Storbritannien",
        "Storbritannien",
        "Storbritannia",
    ),
    ("GG", "Guernsey", "Guernsey", "Guernsey", "Guernsey"),
    ("GR", "Greece", "Grekland", "Grækenland", "Hellas"),
    ("HK", "Hong Kong", "Hongkong", "Hongkong", "Hongkong"),
    ("HR", "Croatia", "Kroatien", "Kroatien", "Kroatia"),
    ("HU", "Hungary", "Ungern", "Ungarn", "Ungarn"),
    ("IE", "Ireland", "Irland", "Irland", "Irland"),
    ("IL", "Israel", "Israel", "Israel", "Israel"),
    ("IM", "Isle of Man", "Isle of Man", "Isle of Man", "Man"),
    ("IN", "India", "Indien", "Indien", "India"),
    ("IS", "Iceland", "Island", "Island", "Island"),
    ("IT", "Italy", "Italien", "Italien", "Italia"),
    ("JE", "Jersey", "Jersey", "Jersey", "Jersey"),
    ("JP", "Japan", "Japan", "Japan", "Japan"),
    ("KR", "South Korea", "Sydkorea", "Sydkorea", "Sør-Korea"),
    ("LI", "Liechtenstein", "Liechtenstein", "Liechtenstein", "Liechtenstein"),
    ("LT", "Lithuania", "Litauen", "Litauen", "Litauen"),
    ("LU", "Luxembourg", "Luxemburg", "Luxembourg", "Luxembourg"),
    ("LV", "Latvia", "Lettland", "Letland", "Latvia"),
    ("MT", "Malta", "Malta", "Malta", "Malta"),
    ("MX", "Mexico", "Mexiko", "Mexico", "Mexico"),
    ("NL", "Netherlands", "Nederländerna", "Nederlandene", "Nederland"),
    ("NO", "Norway", "Norge", "Norge", "Norge"),
    ("NZ", "New Zealand", "Nya Zeeland", "New Zealand", "New Zealand"),
    ("PH", "Philippines", "Filippinerna", "Filippinerne", "Filippinene"),
    ("PL", "Poland", "Polen", "Polen", "Polen"),
    ("PT", "Portugal", "Portugal", "Portugal", "Portugal"),
    ("RO", "Romania", "Rumänien", "Rumænien", "Romania"),
    ("RU", "Russia", "Ryssland", "Rusland", "Russland"),
    ("SE", "Sweden", "Sverige", "Sverige", "Sverige"),
    ("SG", "Singapore", "Singapore", "Singapore", "Singapore"),
    ("SI", "Slovenia", "Slovenien", "Slovenien", "Slovenia"),
    ("SK", "Slovakia", "Slovakien", "Slovakiet", "Slovakia"),
    ("TR", "Türkiye", "Turkiet", "Tyrkiet", "Tyrkia"),
    ("TW", "Taiwan", "Taiwan", "Taiwan", "Taiwan"),
    ("UA", "Ukraine", "Ukraina", "Ukraine", "Ukraina"),
    ("US", "United States", "USA", "USA", "USA"),
    ("UY", "Uruguay", "Uruguay", "Uruguay", "Uruguay"),
    ("VN", "Viet Nam", "Vietnam", "Vietnam", "Vietnam"),
    ("ZA", "South Africa", "Sydafrika", "Sydafrika", "Sør-Afrika"),
];

impl Country {
    /// The country's name in `lang`, where ropa knows it.
    pub fn name_in(self, lang: Lang) -> Option<&'static str> {
        let i = NAMES.binary_search_by(|row| row.0.cmp(self.code())).ok()?;
        let (_, en, sv, da, nb) = NAMES[i];
        Some(match lang {
            Lang::En => en,
            Lang::Sv => sv,
            Lang::Da => da,
            Lang::Nb => nb,
        })
    }

    /// Every country that has translated names.
    pub fn translated() -> impl Iterator<Item = Country> {
        NAMES.iter().filter_map(|row| Country::parse(row.0))
    }
}

#[cfg(test)]
mod tests {
    use super::NAMES;
    use crate::{Country, Lang};

    #[test]
    fn every_code_is_a_country_and_the_table_is_sorted() {
        for pair in NAMES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for row in NAMES {
            assert!(Country::parse(row.0).is_some(), "{} is not ISO 3166-1", row.0);
        }
    }

    #[test]
    fn names_by_language_with_none_for_the_rest() {
        let se = Country::parse("SE");
        assert_eq!(se.and_then(|c| c.name_in(Lang::Sv)), Some("Sverige"));
        let gr = Country::parse("GR");
        assert_eq!(gr.and_then(|c| c.name_in(Lang::Nb)), Some("Hellas"));
        assert_eq!(Country::parse("AQ").and_then(|c| c.name_in(Lang::Sv)), None);
        assert_eq!(Country::translated().count(), NAMES.len());
    }
}
