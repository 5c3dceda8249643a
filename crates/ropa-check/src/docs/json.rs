//! A rule's documentation as JSON objects: whole (`ropa rules --format
//! json`, `ropa explain --format json`, the WebAssembly build's `rules`) and
//! brief (once per rule in `ropa check --format json`).

use ropa_syntax::values::Keyword;
use serde::Serialize;

use crate::rules::Rule;

/// Everything the catalogue says about a rule.
#[derive(Debug, Serialize)]
pub struct RuleDoc {
    pub id: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    pub severity_reason: &'static str,
    pub summary: &'static str,
    pub articles: Vec<String>,
    pub guidance: &'static [&'static str],
    pub explanation: &'static str,
    pub example: &'static str,
    pub compliant_example: &'static str,
    pub fix: &'static str,
    pub facts: Vec<FactDoc>,
}

/// A table of legal facts the rule consults.
#[derive(Debug, Serialize)]
pub struct FactDoc {
    pub table: &'static str,
    pub description: String,
}

impl From<Rule> for RuleDoc {
    fn from(rule: Rule) -> Self {
        let info = rule.info();
        RuleDoc {
            id: info.id,
            category: info.category.title(),
            severity: info.default_severity.as_str(),
            severity_reason: info.severity_reason,
            summary: info.summary,
            articles: super::citations(info),
            guidance: info.guidance,
            explanation: info.explanation,
            example: info.bad,
            compliant_example: info.good,
            fix: info.fix,
            facts: info
                .facts
                .iter()
                .map(|t| FactDoc {
                    table: t.title(),
                    description: t.describe(),
                })
                .collect(),
        }
    }
}

/// What a list of findings says once about each rule it has findings of,
/// so that no finding repeats it: what the rule finds, its default
/// severity, the law, the fix, and the help texts its findings use (each
/// finding names one by its index in `help`).
#[derive(Debug, Serialize)]
pub struct RuleBrief<'a> {
    pub category: &'static str,
    pub default_severity: &'static str,
    pub summary: &'static str,
    pub articles: Vec<String>,
    pub fix: &'static str,
    /// The rule's section of the configured docs (`--docs-url`); absent
    /// without one, as ropa links only to an address someone configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub help: Vec<&'a str>,
}

impl RuleBrief<'_> {
    pub fn new(rule: Rule, docs_url: Option<&str>) -> Self {
        let info = rule.info();
        RuleBrief {
            category: info.category.title(),
            default_severity: info.default_severity.as_str(),
            summary: info.summary,
            articles: super::citations(info),
            fix: info.fix,
            url: docs_url.map(|url| super::rule_url(url, rule)),
            help: Vec::new(),
        }
    }
}
