//! Typed values of the language: closed vocabularies, countries, durations
//! and dates.

mod country;
mod date;
mod duration;
mod keywords;
mod placeholder;
mod region;
mod vague;

pub use country::{Country, common_mistake as country_mistake};
pub use date::{Date, looks_like_date, looks_like_local_date, parse_date};
pub use duration::{Duration, DurationError, Unit, is_indefinite, parse_duration};
pub use keywords::*;
pub use placeholder::is_placeholder;
pub use region::{GERMAN_LAENDER, Region};
pub use vague::{is_vague_criterion, ties_to_law, vague_law};
