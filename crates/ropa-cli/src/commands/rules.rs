//! `ropa rules` and `ropa explain`.

use std::fmt::Write;

use clap::{Args, ValueEnum};
use ropa_check::docs::capitalize;
use ropa_check::{Rule, RuleInfo};
use ropa_syntax::suggest::closest;
use ropa_syntax::values::Keyword;
use serde::Serialize;

use super::{fail, print};

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, such as consent-only-basis, or a vendor id, such as stripe
    pub rule: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
    /// The rule reference as in docs/rules.md (`ropa rules` only)
    Markdown,
}

#[derive(Serialize)]
struct RuleOut {
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
}

#[derive(Serialize)]
struct FactOut {
    table: &'static str,
    description: String,
}

impl From<&'static RuleInfo> for RuleOut {
    fn from(info: &'static RuleInfo) -> Self {
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
        }
    }
}

pub fn list(args: &RulesArgs) -> u8 {
    let infos: Vec<&RuleInfo> = Rule::ALL.iter().map(|r| r.info()).collect();
    if args.format == ListFormat::Markdown {
        return print(ropa_check::docs::rules_markdown().as_bytes());
    }
    if args.format == ListFormat::Json {
        let out: Vec<RuleOut> = infos.into_iter().map(RuleOut::from).collect();
        return print((serde_json::to_string_pretty(&out).unwrap_or_default() + "\n").as_bytes());
    }
    let mut text = String::new();
    let width = infos.iter().map(|i| i.id.len()).max().unwrap_or(0);
    let mut category = None;
    for info in infos {
        if category != Some(info.category) {
            if category.is_some() {
                text.push('\n');
            }
            let _ = writeln!(text, "{}", info.category.title());
            category = Some(info.category);
        }
        let articles = info
            .articles
            .first()
            .map_or(String::new(), |a| format!(" ({})", a.trim_start_matches("GDPR ")));
        let _ = writeln!(
            text,
            "  {:width$}  {:7}  {}{articles}",
            info.id,
            info.default_severity.as_str(),
            info.summary
        );
    }
    text.push_str("\n`ropa explain RULE` tells more about one.\n");
    print(text.as_bytes())
}

pub fn explain(args: &ExplainArgs) -> u8 {
    let Some(rule) = Rule::from_id(&args.rule) else {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        let hint = match closest(&args.rule, &ids) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "`ropa rules` lists them".to_owned(),
        };
        return fail(&format!("no rule is called `{}`: {hint}", args.rule));
    };
    let info = rule.info();
    if args.format != ListFormat::Text {
        return print((serde_json::to_string_pretty(&RuleOut::from(info)).unwrap_or_default() + "\n").as_bytes());
    }
    print(explanation(info).as_bytes())
}

pub fn explanation(info: &RuleInfo) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} ({}, {})",
        info.id,
        info.default_severity.as_str(),
        info.category.title().to_lowercase()
    );
    let _ = writeln!(text, "{}\n", capitalize(info.summary));
    if !info.articles.is_empty() {
        let _ = writeln!(text, "Law: {}", info.articles.join("; "));
    }
    if !info.guidance.is_empty() {
        let _ = writeln!(text, "Guidance: {}", info.guidance.join("; "));
    }
    if !info.articles.is_empty() || !info.guidance.is_empty() {
        text.push('\n');
    }
    let _ = writeln!(text, "Why it matters\n{}\n", indent(&wrap(info.explanation, 76)));
    let _ = writeln!(text, "Severity\n{}\n", indent(&wrap(info.severity_reason, 76)));
    if !info.bad.is_empty() {
        let _ = writeln!(text, "Reported\n{}\n", indent(info.bad));
    }
    if !info.good.is_empty() {
        let _ = writeln!(text, "Compliant\n{}\n", indent(info.good));
    }
    let _ = writeln!(text, "How to fix\n{}", indent(&wrap(info.fix, 76)));
    for table in info.facts {
        let _ = writeln!(text, "\nFacts used\n{}", indent(&table.describe()));
    }
    text
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Word-wraps prose for an 80-column terminal.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}
