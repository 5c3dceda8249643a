//! Calendar dates written `YYYY-MM-DD`.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// True when the text has the shape of a date, valid or not: `2023-13-45`
/// is a wrong date, not a free-text reference.
pub fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A date written the local way (`10/01/2023`, `1.2.2024`, `31-12-23`):
/// day and month order differ between countries, so it cannot be read
/// safely and must be rewritten as YYYY-MM-DD.
pub fn looks_like_local_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let separators_agree = text
        .chars()
        .filter(|c| matches!(c, '/' | '.' | '-'))
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| w[0] == w[1]);
    separators_agree
        && parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
}

pub fn parse_date(text: &str) -> Option<Date> {
    if !looks_like_date(text) {
        return None;
    }
    let year: u16 = text.get(0..4)?.parse().ok()?;
    let month: u8 = text.get(5..7)?.parse().ok()?;
    let day: u8 = text.get(8..10)?.parse().ok()?;
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1900 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_only() {
        assert_eq!(
            parse_date("2023-01-10").map(|d| d.to_string()).as_deref(),
            Some("2023-01-10")
        );
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2023-13-01").is_none());
        assert!(parse_date("2023-1-10").is_none());
        assert!(parse_date("10/01/2023").is_none());
        assert!(looks_like_date("2023-13-45"));
        assert!(!looks_like_date("CLA §9"));
    }

    #[test]
    fn local_dates_are_recognised() {
        for text in ["10/01/2023", "1.2.2024", "31-12-23"] {
            assert!(looks_like_local_date(text), "{text}");
        }
        for text in ["2023-01-10", "DPA 1.2", "1/2", "10/01-2023", "v1.2.3", "12.345.6789"] {
            assert!(!looks_like_local_date(text), "{text}");
        }
    }
}
