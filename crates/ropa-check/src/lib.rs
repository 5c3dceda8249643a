//! ropa's rule engine: a workspace of parsed specs in, findings out.
//!
//! Pure and deterministic: no IO, no clock. The same workspace always gives
//! the same findings in the same order.

#![forbid(unsafe_code)]

mod check;
pub mod context;
mod diagnostic;
pub mod diff;
pub mod docs;
pub mod file_lines;
mod findings;
pub mod fingerprint;
pub mod index;
pub mod json;
/// Data parallelism where threads exist (rayon), one thread where they do
/// not; shared with the report builder.
#[doc(hidden)]
pub mod par;
pub mod rules;
mod workspace;

pub use check::check;
pub use diagnostic::{Diagnostic, FileId, Related, rank};
pub use findings::Findings;
pub use rules::{Category, Rule, RuleInfo};
pub use workspace::{File, FileKind, Parsed, Workspace};
