//! The rule reference in Markdown, generated from the catalogue. It is
//! checked in as docs/rules.md; a test fails when the file is stale.

use std::fmt::Write;

use ropa_syntax::values::Keyword;

use super::{capitalize, examples_markdown, guidance, law};
use crate::rules::{Category, Rule, RuleInfo};

/// The severity policy every rule's declaration applies; each rule's
/// `severity_reason` says how.
const POLICY: &str = include_str!("severity_policy.md");

pub fn rules_markdown() -> String {
    let mut md = String::new();
    md.push_str("# Rules\n\n");
    md.push_str(
        "<!-- Generated from crates/ropa-check/src/rules by `ropa rules --format markdown`. Do not edit. -->\n\n",
    );
    md.push_str(
        "Every finding `ropa check` reports comes from one of these rules. Each has a stable id (use it in \
         `allow RULE reason=\"…\"` and in the `rules` block of `ropa.kdl`), a default severity, and the law it rests \
         on. `ropa explain RULE` prints the same text in the terminal.\n\n",
    );
    md.push_str(POLICY);
    md.push_str("\n## Catalogue\n\n");
    md.push_str("| Rule | Severity | What it finds |\n|---|---|---|\n");
    for rule in Rule::ALL {
        let info = rule.info();
        let _ = writeln!(
            md,
            "| [`{}`](#{}) | {} | {} |",
            info.id,
            info.id,
            info.default_severity.as_str(),
            info.summary
        );
    }
    let mut category: Option<Category> = None;
    for rule in Rule::ALL {
        let info = rule.info();
        if category != Some(info.category) {
            let _ = write!(md, "\n## {}\n", info.category.title());
            category = Some(info.category);
        }
        section(&mut md, info);
    }
    md
}

/// One rule's section of the page.
fn section(md: &mut String, info: &RuleInfo) {
    let _ = write!(md, "\n### `{}`\n\n", info.id);
    let _ = writeln!(
        md,
        "*{}* · default severity **{}**\n",
        capitalize(info.summary),
        info.default_severity.as_str()
    );
    if let Some(law) = law(info) {
        let _ = writeln!(md, "**Law:** {law}\n");
    }
    if let Some(guidance) = guidance(info) {
        let _ = writeln!(md, "**Guidance:** {guidance}\n");
    }
    let _ = writeln!(md, "{}\n", info.explanation);
    let _ = writeln!(md, "**Severity:** {}\n", info.severity_reason);
    for example in examples_markdown(info) {
        let _ = writeln!(md, "{example}\n");
    }
    let _ = writeln!(md, "**Fix:** {}", info.fix);
    for table in info.facts {
        let _ = write!(
            md,
            "\n**Facts used:**\n\n```text\n{}\n```\n",
            table.describe().trim_end()
        );
    }
}
