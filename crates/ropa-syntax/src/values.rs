//! Typed values of the language: closed vocabularies, countries, durations
//! and dates.

mod date;
mod duration;
mod phrases;
mod placeholder;
mod vague;

// The closed sets live in `ropa-vocab`, below the facts in `ropa-law`; the
// spec language speaks of them as its values.
pub use date::{Date, looks_like_date, looks_like_local_date, parse_date};
pub use duration::{Duration, DurationError, Unit, is_indefinite, parse_duration};
pub use placeholder::{given, is_placeholder};
pub use ropa_vocab::*;
pub use vague::{is_vague_criterion, ties_to_law, vague_law};
