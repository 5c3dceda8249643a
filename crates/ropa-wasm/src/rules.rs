//! The rules and their documentation, as `ropa rules --format json` and
//! `ropa explain` give them, for a page that shows the rule docs.

use ropa_check::Rule;
use ropa_check::docs::{RuleDoc, hover_markdown};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct RuleOut {
    #[serde(flatten)]
    doc: RuleDoc,
    /// What an editor's hover shows for the rule.
    markdown: String,
}

pub(crate) fn rule_out(rule: Rule) -> RuleOut {
    RuleOut {
        doc: RuleDoc::from(rule),
        markdown: hover_markdown(rule, None),
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
