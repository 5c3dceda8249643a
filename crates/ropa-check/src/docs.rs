//! The rule reference in Markdown, generated from the catalogue. It is
//! checked in as docs/rules.md; a test fails when the file is stale.

use std::fmt::Write;

use ropa_syntax::values::Keyword;

use crate::rules::{Category, Rule};

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
        let _ = write!(md, "\n### `{}`\n\n", info.id);
        let _ = writeln!(
            md,
            "*{}* · default severity **{}**\n",
            capitalize(info.summary),
            info.default_severity.as_str()
        );
        if !info.articles.is_empty() {
            let _ = writeln!(md, "**Law:** {}\n", info.articles.join("; "));
        }
        if !info.guidance.is_empty() {
            let _ = writeln!(md, "**Guidance:** {}\n", info.guidance.join("; "));
        }
        let _ = writeln!(md, "{}\n", info.explanation);
        let _ = writeln!(md, "**Severity:** {}\n", info.severity_reason);
        if !info.bad.is_empty() {
            let _ = writeln!(md, "Reported:\n\n```kdl\n{}\n```\n", info.bad);
        }
        if !info.good.is_empty() {
            let _ = writeln!(md, "Compliant:\n\n```kdl\n{}\n```\n", info.good);
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
    md
}

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
