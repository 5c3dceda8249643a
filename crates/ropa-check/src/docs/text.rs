//! A rule's documentation as plain text for an 80-column terminal
//! (`ropa explain RULE`).

use std::fmt::Write;

use ropa_syntax::values::Keyword;

use super::{capitalize, guidance, law};
use crate::rules::RuleInfo;

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
    let law = law(info);
    let guidance = guidance(info);
    if let Some(law) = &law {
        let _ = writeln!(text, "Law: {law}");
    }
    if let Some(guidance) = &guidance {
        let _ = writeln!(text, "Guidance: {guidance}");
    }
    if law.is_some() || guidance.is_some() {
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
