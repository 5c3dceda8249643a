//! The closed sets every other ropa crate shares, each defined once: ISO
//! 3166 countries (with their names in the languages ropa speaks) and
//! regions, the keywords of the spec language (legal bases, mechanisms,
//! statutes, …), the languages themselves, and citations of the law.
//!
//! It sits below the parser and the facts: `ropa-syntax` re-exports it as
//! `values`, and `ropa-law` keys its tables by it without depending on the
//! spec language. Pure data and lookups: no IO, no dependencies.

#![forbid(unsafe_code)]

mod cite;
mod country;
mod country_names;
mod keywords;
mod lang;
mod region;

pub use cite::{Citation, Cite};
pub use country::{Country, common_mistake as country_mistake};
pub use keywords::*;
pub use lang::Lang;
pub use region::{GERMAN_LAENDER, Region};
