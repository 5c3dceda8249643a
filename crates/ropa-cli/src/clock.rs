//! Today's date, for what counts time: the date printed on reports and the
//! rules that age a review. `SOURCE_DATE_EPOCH` (the reproducible-builds
//! convention) pins it; otherwise the clock, in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

use ropa_syntax::values::Date;

/// Today in UTC, or the day `SOURCE_DATE_EPOCH` names.
pub fn today() -> Result<Date, String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => value
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds"))?,
        _ => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
    };
    Ok(Date::from_days_since_epoch(seconds.div_euclid(86_400)))
}
