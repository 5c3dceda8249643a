//! A rule's help where a finding is shown: SARIF's rule descriptor (text
//! and Markdown, which GitHub shows beside an alert) and an editor's hover.

use super::{capitalize, examples_markdown, law, more, rule_url};
use crate::rules::{Category, Rule};

/// SARIF's `help.text`: why, the fix, the law, and where to read more.
pub fn help_text(rule: Rule) -> String {
    let info = rule.info();
    let mut text = format!("{}\n\nFix: {}", info.explanation, info.fix);
    if let Some(law) = law(info) {
        text.push_str(&format!("\n\nLaw: {law}"));
    }
    if let Some(more) = sarif_more(rule) {
        text.push_str(&format!("\n\n{more}"));
    }
    text
}

/// SARIF's `help.markdown`: the text's sections with the examples.
pub fn help_markdown(rule: Rule) -> String {
    let info = rule.info();
    let mut markdown = format!("{}\n\n**Fix:** {}", info.explanation, info.fix);
    if let Some(law) = law(info) {
        markdown.push_str(&format!("\n\n**Law:** {law}"));
    }
    for example in examples_markdown(info) {
        markdown.push_str(&format!("\n\n{example}"));
    }
    if let Some(more) = sarif_more(rule) {
        markdown.push_str(&format!("\n\n{more}"));
    }
    markdown
}

/// Code scanning shows structure findings (a typo, a duplicate id) without
/// the pointer to `ropa explain`: their message and fix say it all.
fn sarif_more(rule: Rule) -> Option<String> {
    let info = rule.info();
    (info.category != Category::Structure).then(|| more(info))
}

/// A rule as shown in a hover: summary, explanation, the law, the fix and
/// the link to its documentation when its address is configured.
pub fn hover_markdown(rule: Rule, docs_url: Option<&str>) -> String {
    let info = rule.info();
    let mut md = format!(
        "**{}** (`{}`, {} by default)\n\n{}",
        capitalize(info.summary),
        info.id,
        info.default_severity,
        info.explanation
    );
    if let Some(law) = law(info) {
        md.push_str(&format!("\n\n**Law:** {law}"));
    }
    md.push_str(&format!("\n\n**Fix:** {}", info.fix));
    match docs_url {
        Some(docs_url) => md.push_str(&format!("\n\n[Rule documentation]({})", rule_url(docs_url, rule))),
        None => md.push_str(&format!("\n\n{}", more(info))),
    }
    md
}
