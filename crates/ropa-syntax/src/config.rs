//! The workspace file `ropa.kdl`.

use ropa_kdl::{Node, Value};

use crate::model::{Span, Spanned, Text};
use crate::values::{Keyword, Severity};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// `rules { RULE SEVERITY }`, in source order; `None` is `off`.
    pub rule_severities: Vec<(Text, Spanned<Option<Severity>>)>,
    /// `scan { map …; skip …; allow … }`: read by `ropa scan`.
    pub scan: ScanConfig,
    /// `review-interval "12 months"`: how long an activity may go without a
    /// review before `review-overdue` reports it. As written; the rule
    /// parses it (validation reports one that is not a duration).
    pub review_interval: Option<Text>,
}

/// What `ropa scan` is told by the workspace: which declared party a
/// package or host belongs to, and which paths it does not read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScanConfig {
    pub maps: Vec<ScanMap>,
    pub skips: Vec<Text>,
    pub allows: Vec<ScanAllow>,
}

/// `allow RULE "SUBJECT" reason="…"`: a scan finding accepted on purpose.
/// The subject is what the finding is about (a vendor id, a tracker id, a
/// region code, a declared party's id), so the allow holds wherever in the
/// repository the evidence moves.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanAllow {
    pub span: Span,
    pub rule: Option<Text>,
    pub subject: Option<Text>,
    pub reason: Option<Text>,
}

/// `map package="…" to=ID` or `map host="…" to=ID`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanMap {
    pub(crate) span: Span,
    pub package: Option<Text>,
    pub host: Option<Text>,
    pub to: Option<Text>,
}

pub(crate) fn build(nodes: &[Node]) -> Config {
    let mut config = Config::default();
    for rules in nodes.iter().filter(|n| n.name.value == "rules") {
        for rule in rules.child_nodes() {
            let Some(entry) = rule.arguments().next() else { continue };
            let severity = match &entry.value {
                Value::String(s) if s == "off" => None,
                Value::String(s) => match Severity::parse(s) {
                    Some(severity) => Some(severity),
                    None => continue,
                },
                _ => continue,
            };
            config.rule_severities.push((
                Spanned::new(rule.name.value.clone(), rule.name.span),
                Spanned::new(severity, entry.value_span),
            ));
        }
    }
    if let Some(entry) = nodes
        .iter()
        .find(|n| n.name.value == "review-interval")
        .and_then(|n| n.arguments().next())
        && let Value::String(s) = &entry.value
    {
        config.review_interval = Some(Spanned::new(s.clone(), entry.value_span));
    }
    for scan in nodes.iter().filter(|n| n.name.value == "scan") {
        for child in scan.child_nodes() {
            match child.name.value.as_str() {
                "map" => {
                    let text = |key: &str| {
                        child.property(key).and_then(|p| match &p.value {
                            Value::String(s) => Some(Spanned::new(s.clone(), p.value_span)),
                            _ => None,
                        })
                    };
                    config.scan.maps.push(ScanMap {
                        span: child.span,
                        package: text("package"),
                        host: text("host"),
                        to: text("to"),
                    });
                }
                "allow" => {
                    let mut args = child.arguments().filter_map(|e| match &e.value {
                        Value::String(s) => Some(Spanned::new(s.clone(), e.value_span)),
                        _ => None,
                    });
                    let reason = child.property("reason").and_then(|p| match &p.value {
                        Value::String(s) => Some(Spanned::new(s.clone(), p.value_span)),
                        _ => None,
                    });
                    config.scan.allows.push(ScanAllow {
                        span: child.span,
                        rule: args.next(),
                        subject: args.next(),
                        reason,
                    });
                }
                "skip" => {
                    for entry in child.arguments() {
                        if let Value::String(s) = &entry.value {
                            config.scan.skips.push(Spanned::new(s.clone(), entry.value_span));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    config
}
