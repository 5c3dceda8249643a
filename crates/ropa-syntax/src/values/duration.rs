//! Retention periods: `"7 years"`, `"6 months"`, `"30 days"`.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    const SPELLINGS: &'static [(&'static str, &'static str, Unit)] = &[
        ("hour", "hours", Unit::Hours),
        ("day", "days", Unit::Days),
        ("week", "weeks", Unit::Weeks),
        ("month", "months", Unit::Months),
        ("year", "years", Unit::Years),
    ];

    fn parse(word: &str) -> Option<Unit> {
        let word = word.to_lowercase();
        Unit::SPELLINGS
            .iter()
            .find(|(one, many, _)| word == *one || word == *many)
            .map(|(_, _, unit)| *unit)
    }

    /// Abbreviations and Nordic words people write, for a precise "did you
    /// mean" (the language itself takes only the English words).
    fn guess(word: &str) -> Option<Unit> {
        let word = word.to_lowercase();
        let word = word.trim_end_matches('.');
        Some(match word {
            "h" | "hr" | "hrs" | "timme" | "timmar" | "time" | "timer" => Unit::Hours,
            "d" | "dag" | "dagar" | "dage" | "dager" | "døgn" => Unit::Days,
            "w" | "wk" | "wks" | "vecka" | "veckor" | "uge" | "uger" | "uke" | "uker" => Unit::Weeks,
            "m" | "mo" | "mos" | "mth" | "mths" | "mon" | "mån" | "månad" | "månader" | "måned" | "måneder" => {
                Unit::Months
            }
            "y" | "yr" | "yrs" | "år" | "ar" => Unit::Years,
            _ => return None,
        })
    }

    fn name(self, amount: u32) -> &'static str {
        let (one, many, _) = Unit::SPELLINGS
            .iter()
            .find(|(_, _, unit)| *unit == self)
            .copied()
            .unwrap_or(("", "", self));
        if amount == 1 { one } else { many }
    }
}

/// A whole number of hours, days, weeks, months or years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub amount: u32,
    pub unit: Unit,
}

impl Duration {
    /// Length in days, for comparisons (a year is 365.25 days, a month a
    /// twelfth of that). Statutes are compared in whole months, so the
    /// approximation never decides a finding by itself: see `months`.
    pub fn approx_days(self) -> f64 {
        let amount = f64::from(self.amount);
        match self.unit {
            Unit::Hours => amount / 24.0,
            Unit::Days => amount,
            Unit::Weeks => amount * 7.0,
            Unit::Months => amount * 365.25 / 12.0,
            Unit::Years => amount * 365.25,
        }
    }

    /// Whole months, when the duration is given in months or years.
    pub fn months(self) -> Option<u64> {
        match self.unit {
            Unit::Months => Some(u64::from(self.amount)),
            Unit::Years => Some(u64::from(self.amount) * 12),
            _ => None,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.name(self.amount))
    }
}

/// Why a text is not a duration, with what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationError {
    pub(crate) message: String,
    pub(crate) help: String,
}

/// Words that say "no fixed period". A retention written like this is not an
/// error of syntax but of substance (Art. 5(1)(e)), reported by the rule
/// catalogue, so it is recognised here and kept.
const INDEFINITE_PHRASES: &[&str] = &[
    "as long as",
    "necessary",
    "needed",
    "indefinite",
    "forever",
    "permanent",
    "unlimited",
    "no limit",
    "until further notice",
    "not defined",
    "undefined",
    "unknown",
    "tbd",
    "some time",
    "for a period",
    "en tid",
    "en periode",
    "så länge",
    "tills vidare",
    "obegränsat",
    "så længe",
    "ubegrænset",
    "så lenge",
    "ubegrenset",
];

/// True when the text is a vague period such as "as long as necessary".
pub fn is_indefinite(text: &str) -> bool {
    let lower = text.to_lowercase();
    INDEFINITE_PHRASES.iter().any(|p| lower.contains(p)) || super::vague::has_vague_phrase(text)
}

pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let example = "write a whole number and a unit: \"30 days\", \"6 months\", \"7 years\"";
    let mut words = text.split_whitespace();
    let (Some(number), Some(unit), None) = (words.next(), words.next(), words.next()) else {
        return Err(DurationError {
            message: format!("`{text}` is not a duration"),
            help: example.to_owned(),
        });
    };
    let unit_found = Unit::parse(unit);
    let amount = match number.parse::<u32>() {
        Ok(amount) => amount,
        Err(_) => {
            let message = format!("`{number}` is not a whole number");
            let help = match (number.replace(',', ".").parse::<f64>(), unit_found) {
                (Ok(value), Some(Unit::Years)) if value.fract() != 0.0 => {
                    format!("write it in months: \"{} months\"", (value * 12.0).round())
                }
                (Ok(_), _) => "write fractions in a smaller unit: \"42 months\", not \"3.5 years\"".to_owned(),
                _ => example.to_owned(),
            };
            return Err(DurationError { message, help });
        }
    };
    match unit_found {
        Some(unit) => Ok(Duration { amount, unit }),
        None => {
            let spellings: Vec<&str> = Unit::SPELLINGS.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
            let guess = Unit::guess(unit).map(|u| u.name(amount));
            let help = match guess.or_else(|| crate::suggest::closest(unit, &spellings)) {
                Some(best) => format!("did you mean \"{number} {best}\"?"),
                None => "units are hours, days, weeks, months and years".to_owned(),
            };
            Err(DurationError {
                message: format!("unknown time unit `{unit}`"),
                help,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_periods() {
        let d = parse_duration("7 years").ok();
        assert_eq!(
            d,
            Some(Duration {
                amount: 7,
                unit: Unit::Years
            })
        );
        assert_eq!(
            parse_duration("1 month").map(|d| d.to_string()).ok().as_deref(),
            Some("1 month")
        );
        assert_eq!(
            parse_duration("  30   Days ").map(|d| d.to_string()).ok().as_deref(),
            Some("30 days")
        );
        assert_eq!(parse_duration("72 hours").map(|d| d.months()).ok(), Some(None));
        assert_eq!(parse_duration("2 years").map(|d| d.months()).ok(), Some(Some(24)));
    }

    #[test]
    fn explains_what_is_wrong() {
        let err = parse_duration("3.5 years").err().map(|e| e.help);
        assert_eq!(err.as_deref(), Some("write it in months: \"42 months\""));
        let err = parse_duration("7 yeras").err().map(|e| e.help);
        assert_eq!(err.as_deref(), Some("did you mean \"7 years\"?"));
        let err = parse_duration("7 yrs").err().map(|e| e.help);
        assert_eq!(err.as_deref(), Some("did you mean \"7 years\"?"));
        let err = parse_duration("12 mån").err().map(|e| e.help);
        assert_eq!(err.as_deref(), Some("did you mean \"12 months\"?"));
        let err = parse_duration("1 år").err().map(|e| e.help);
        assert_eq!(err.as_deref(), Some("did you mean \"1 year\"?"));
        assert!(parse_duration("seven years").is_err());
        assert!(parse_duration("7").is_err());
        assert!(parse_duration("").is_err());
        assert!(parse_duration("-1 days").is_err());
    }

    #[test]
    fn recognises_vague_periods() {
        assert!(is_indefinite("as long as necessary"));
        assert!(is_indefinite("Så länge det behövs"));
        assert!(is_indefinite("solange erforderlich"));
        assert!(is_indefinite("toistaiseksi"));
        assert!(!is_indefinite("7 years"));
    }
}
