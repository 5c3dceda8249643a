//! The rules and their documentation, as `ropa rules --format json` and
//! `ropa explain` give them, for a page that shows the rule docs.

use ropa_check::{Rule, RuleInfo};
use ropa_syntax::values::Keyword;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RuleOut {
    id: &'static str,
    category: &'static str,
    severity: &'static str,
    severity_reason: &'static str,
    summary: &'static str,
    articles: &'static [&'static str],
    guidance: &'static [&'static str],
    explanation: &'static str,
    example: &'static str,
    compliant_example: &'static str,
    fix: &'static str,
    facts: Vec<FactOut>,
    /// What an editor's hover shows for the rule.
    markdown: String,
}

#[derive(Serialize)]
struct FactOut {
    table: &'static str,
    description: String,
}

pub(crate) fn rule_out(rule: Rule) -> RuleOut {
    let info: &'static RuleInfo = rule.info();
    RuleOut {
        id: info.id,
        category: info.category.title(),
        severity: info.default_severity.as_str(),
        severity_reason: info.severity_reason,
        summary: info.summary,
        articles: info.articles,
        guidance: info.guidance,
        explanation: info.explanation,
        example: info.bad,
        compliant_example: info.good,
        fix: info.fix,
        facts: info
            .facts
            .iter()
            .map(|t| FactOut {
                table: t.title(),
                description: t.describe(),
            })
            .collect(),
        markdown: ropa_ide::rule_markdown(rule, None),
    }
}

pub(crate) fn all() -> Vec<RuleOut> {
    Rule::ALL.iter().map(|r| rule_out(*r)).collect()
}

/// One rule by id, or an error that suggests the closest id.
pub(crate) fn explain(id: &str) -> Result<RuleOut, String> {
    Rule::from_id(id).map(rule_out).ok_or_else(|| {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        match ropa_syntax::suggest::closest(id, &ids) {
            Some(best) => format!("no rule is called `{id}`: did you mean `{best}`?"),
            None => format!("no rule is called `{id}`: the `rules` call lists them"),
        }
    })
}
