//! Rendering findings in the formats `ropa check --format` offers.

pub mod human;
pub mod json;

use ropa_check::{Diagnostic, Workspace};
use ropa_syntax::values::Severity;

use crate::discover::Problem;

/// Everything one run found, across workspaces.
pub struct Report<'a> {
    pub results: Vec<(&'a Workspace, Vec<Diagnostic>)>,
    /// Files or folders that could not be read.
    pub problems: &'a [Problem],
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub files: usize,
}

impl Report<'_> {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (workspace, findings) in &self.results {
            counts.files += workspace.files.len();
            for finding in findings {
                match finding.severity {
                    Severity::Error => counts.error += 1,
                    Severity::Warning => counts.warning += 1,
                    Severity::Info => counts.info += 1,
                }
            }
        }
        counts
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
