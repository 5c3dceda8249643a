//! Calendar dates written `YYYY-MM-DD`.

use std::fmt;

use super::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`),
    /// clamped to the years a spec can write (1900 to 9999).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year.clamp(1900, 9999)).unwrap_or(1900),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `interval` after this one: months and years by the calendar
    /// (the 31st plus a month is the last day of the next month), shorter
    /// units by days.
    pub fn after(self, interval: Duration) -> Date {
        match interval.months() {
            Some(months) => {
                let total = u64::from(self.year) * 12 + u64::from(self.month) - 1 + months;
                let year = u16::try_from(total / 12).unwrap_or(9999).min(9999);
                let month = (total % 12) as u8 + 1;
                Date {
                    year,
                    month,
                    day: self.day.min(days_in_month(year, month)),
                }
            }
            None => {
                let days = interval.approx_days().ceil() as i64;
                Date::from_days_since_epoch(self.days_since_epoch() + days)
            }
        }
    }
}

/// The days of a month, 0 for a month that does not exist.
fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
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
    (year >= 1900 && (1..=days_in_month(year, month)).contains(&day)).then_some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Unit;

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

    fn date(text: &str) -> Date {
        parse_date(text).expect("valid date")
    }

    #[test]
    fn months_are_added_by_the_calendar() {
        let twelve = Duration {
            amount: 12,
            unit: Unit::Months,
        };
        assert_eq!(date("2025-11-23").after(twelve), date("2026-11-23"));
        assert_eq!(date("2024-02-29").after(twelve), date("2025-02-28"));
        let one = Duration {
            amount: 1,
            unit: Unit::Months,
        };
        assert_eq!(date("2026-01-31").after(one), date("2026-02-28"));
        assert_eq!(date("2026-12-15").after(one), date("2027-01-15"));
    }

    #[test]
    fn days_and_weeks_are_added_as_days() {
        let ninety = Duration {
            amount: 90,
            unit: Unit::Days,
        };
        assert_eq!(date("2026-01-01").after(ninety), date("2026-04-01"));
        let two_weeks = Duration {
            amount: 2,
            unit: Unit::Weeks,
        };
        assert_eq!(date("2026-12-25").after(two_weeks), date("2027-01-08"));
    }

    #[test]
    fn day_counts_become_calendar_dates_and_back() {
        assert_eq!(Date::from_days_since_epoch(0), date("1970-01-01"));
        assert_eq!(Date::from_days_since_epoch(20_780), date("2026-11-23"));
        assert_eq!(Date::from_days_since_epoch(11_016), date("2000-02-29"));
        assert_eq!(Date::from_days_since_epoch(-1), date("1969-12-31"));
        assert_eq!(date("2026-11-23").days_since_epoch(), 20_780);
    }
}
