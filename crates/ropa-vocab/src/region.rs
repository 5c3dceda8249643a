//! Regions: ISO 3166-2 subdivision codes (`DE-BY`), for countries whose
//! supervision is regional. Germany's private sector is supervised by the
//! authority of the Land (BDSG § 40), so a German organization names its
//! Land; the codes of the sixteen Länder are checked, others only for form.
//!
//! Source: ISO 3166-2:DE (the Länder codes), as of 2026-12-04.

use std::fmt;

use crate::Country;

/// A subdivision of a country, such as `DE-BY` (Bavaria).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    country: Country,
    /// Upper-case letters and digits, one to three of them.
    code: [u8; 3],
    len: u8,
}

/// The sixteen German Länder: ISO 3166-2 code and name.
pub const GERMAN_LAENDER: &[(&str, &str)] = &[
    ("BB", "Brandenburg"),
    ("BE", "Berlin"),
    ("BW", "Baden-Württemberg"),
    ("BY", "Bayern"),
    ("HB", "Bremen"),
    ("HE", "Hessen"),
    ("HH", "Hamburg"),
    ("MV", "Mecklenburg-Vorpommern"),
    ("NI", "Niedersachsen"),
    ("NW", "Nordrhein-Westfalen"),
    ("RP", "Rheinland-Pfalz"),
    ("SH", "Schleswig-Holstein"),
    ("SL", "Saarland"),
    ("SN", "Sachsen"),
    ("ST", "Sachsen-Anhalt"),
    ("TH", "Thüringen"),
];

impl Region {
    /// Parses `CC-SUB`: an ISO 3166-1 country and a subdivision of one to
    /// three letters or digits; for Germany, one of the Länder.
    pub fn parse(text: &str) -> Result<Region, String> {
        let form = "write the ISO 3166-2 code: the country, a hyphen and the subdivision, such as `DE-BY`";
        let Some((country, sub)) = text.split_once('-') else {
            return Err(form.to_owned());
        };
        let Some(country) = Country::parse(country) else {
            return Err(form.to_owned());
        };
        let valid = (1..=3).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !valid {
            return Err(form.to_owned());
        }
        if country.code() == "DE" && !GERMAN_LAENDER.iter().any(|(code, _)| *code == sub) {
            let codes: Vec<String> = GERMAN_LAENDER.iter().map(|(c, n)| format!("DE-{c} ({n})")).collect();
            return Err(format!("the German Länder are {}", codes.join(", ")));
        }
        let mut code = [0u8; 3];
        code[..sub.len()].copy_from_slice(sub.as_bytes());
        Ok(Region {
            country,
            code,
            // At most 3, checked above.
            len: sub.len() as u8,
        })
    }

    pub fn country(self) -> Country {
        self.country
    }

    /// The subdivision part: `BY` of `DE-BY`.
    pub fn subdivision(&self) -> &str {
        std::str::from_utf8(&self.code[..usize::from(self.len)]).unwrap_or("")
    }

    /// The name, where ropa knows it (the German Länder).
    pub fn name(&self) -> Option<&'static str> {
        if self.country.code() != "DE" {
            return None;
        }
        GERMAN_LAENDER
            .iter()
            .find(|(code, _)| *code == self.subdivision())
            .map(|(_, name)| *name)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.country.code(), self.subdivision())
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_subdivision_codes() {
        let by = Region::parse("DE-BY").expect("Bavaria");
        assert_eq!(
            (by.country().code(), by.subdivision(), by.name()),
            ("DE", "BY", Some("Bayern"))
        );
        assert_eq!(by.to_string(), "DE-BY");
        assert_eq!(Region::parse("DE-BE").ok().and_then(|r| r.name()), Some("Berlin"));
        assert_eq!(
            Region::parse("ES-CT").map(|r| r.to_string()).ok().as_deref(),
            Some("ES-CT")
        );
    }

    #[test]
    fn rejects_what_is_not_a_code() {
        for text in ["BY", "DE-XX", "de-by", "DE-BAYERN", "XX-BY", "DE-"] {
            assert!(Region::parse(text).is_err(), "{text}");
        }
    }
}
