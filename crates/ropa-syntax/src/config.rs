//! The workspace file `ropa.kdl`.

use ropa_kdl::{Node, Value};

use crate::model::{Spanned, Text};
use crate::values::{Keyword, Severity};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// `rules { RULE SEVERITY }`, in source order; `None` is `off`.
    pub rule_severities: Vec<(Text, Spanned<Option<Severity>>)>,
}

pub fn build(nodes: &[Node]) -> Config {
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
    config
}
