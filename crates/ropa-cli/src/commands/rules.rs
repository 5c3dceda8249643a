//! `ropa rules` and `ropa explain`.

use std::fmt::Write;

use clap::{Args, ValueEnum};
use ropa_check::docs::{self, RuleDoc};
use ropa_check::{Rule, RuleInfo};
use ropa_syntax::suggest::closest;
use ropa_syntax::values::Keyword;

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

pub fn list(args: &RulesArgs) -> u8 {
    if args.format == ListFormat::Markdown {
        return print(docs::rules_markdown().as_bytes());
    }
    if args.format == ListFormat::Json {
        let out: Vec<RuleDoc> = Rule::ALL.iter().map(|r| RuleDoc::from(*r)).collect();
        return print((serde_json::to_string_pretty(&out).unwrap_or_default() + "\n").as_bytes());
    }
    let infos: Vec<&RuleInfo> = Rule::ALL.iter().map(|r| r.info()).collect();
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
            // The GDPR goes without saying in the list; other instruments are named.
            .map_or(String::new(), |a| {
                format!(" ({})", a.to_string().trim_start_matches("GDPR "))
            });
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
    if args.format != ListFormat::Text {
        return print((serde_json::to_string_pretty(&RuleDoc::from(rule)).unwrap_or_default() + "\n").as_bytes());
    }
    print(docs::explanation(rule.info()).as_bytes())
}
