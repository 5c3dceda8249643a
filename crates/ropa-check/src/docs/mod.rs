//! A rule's documentation, rendered for every place that shows it: the
//! reference page (docs/rules.md), `ropa explain` in a terminal, the rule
//! objects of the JSON formats, SARIF's rule help and an editor's hover.
//! Each rendering takes its pieces from here, so that the law, the examples
//! and the fix read the same wherever a rule is explained.

mod help;
mod json;
mod page;
mod text;

pub use help::{help_markdown, help_text, hover_markdown};
pub use json::{FactDoc, RuleBrief, RuleDoc};
pub use page::rules_markdown;
pub use text::explanation;

use crate::rules::{Rule, RuleInfo};

/// The text with its first letter in upper case (rule summaries are lower case).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Where a rule is documented: its section of `rules.md` under `docs_url`,
/// the address of ropa's `docs/` folder as configured (`--docs-url`,
/// `ROPA_DOCS_URL`). There is no default: ropa links only to an address
/// someone configured, never to a guessed one.
pub fn rule_url(docs_url: &str, rule: Rule) -> String {
    format!("{}/rules.md#{}", docs_url.trim_end_matches('/'), rule.id())
}

/// The provisions a rule rests on, in one line ("GDPR Art. 6(1); GDPR
/// Art. 7(1)"), or `None` for a rule that cites none.
fn law(info: &RuleInfo) -> Option<String> {
    (!info.articles.is_empty()).then(|| citations(info).join("; "))
}

/// The provisions a rule rests on, each as the rule docs cite it.
pub(crate) fn citations(info: &RuleInfo) -> Vec<String> {
    info.articles.iter().map(ToString::to_string).collect()
}

/// The guidelines and case law, in one line, or `None`.
fn guidance(info: &RuleInfo) -> Option<String> {
    (!info.guidance.is_empty()).then(|| info.guidance.join("; "))
}

/// The rule's examples as Markdown blocks: what it reports and the same
/// fragment fixed (either may be empty: a rule about the text itself has none).
fn examples_markdown(info: &RuleInfo) -> impl Iterator<Item = String> {
    [("Reported", info.bad), ("Compliant", info.good)]
        .into_iter()
        .filter(|(_, kdl)| !kdl.is_empty())
        .map(|(label, kdl)| format!("{label}:\n\n```kdl\n{kdl}\n```"))
}

/// Where to read the whole of a rule's documentation without a link.
fn more(info: &RuleInfo) -> String {
    format!("More: `ropa explain {}`", info.id)
}
