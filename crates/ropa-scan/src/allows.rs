//! `scan { allow RULE "SUBJECT" reason="…" }` in `ropa.kdl`: scan findings
//! accepted on purpose, as `allow` accepts a check finding in the record.
//! An allow matches by rule and subject (vendor, tracker, region or party
//! id), never by file or line, so it holds while the evidence moves. Like
//! the check's: a reason is required (without one the finding still
//! counts), and an allow that matches nothing is reported, so a stale one
//! cannot hide a future finding.

use ropa_syntax::config::ScanAllow;
use ropa_syntax::values::given;

use crate::matching::{Finding, Rule};

/// Drops the findings an allow with a reason covers, and adds a finding for
/// each allow without a reason or without a match. Returns how many were
/// hidden.
pub(crate) fn apply(findings: &mut Vec<Finding>, allows: &[ScanAllow]) -> usize {
    let mut used = vec![false; allows.len()];
    let before = findings.len();
    findings.retain(|f| {
        let covering = allows.iter().position(|a| {
            a.rule.as_ref().is_some_and(|r| r.value == f.rule.id())
                && a.subject.as_ref().is_some_and(|s| s.value == f.subject)
        });
        let Some(i) = covering else { return true };
        used[i] = true;
        !has_reason(&allows[i])
    });
    let hidden = before - findings.len();
    for (allow, used) in allows.iter().zip(used) {
        let (Some(rule), Some(subject)) = (&allow.rule, &allow.subject) else {
            // The schema reports the missing argument when ropa.kdl is checked.
            continue;
        };
        let known = Rule::from_id(&rule.value);
        if known.is_some() && used && !has_reason(allow) {
            findings.push(meta(
                allow,
                Rule::AllowWithoutReason,
                format!(
                    "`allow {} \"{}\"` gives no reason, so the finding it names still counts",
                    rule.value, subject.value
                ),
                "add `reason=\"…\"`: why the finding is accepted (for example: only in a development tool)".to_owned(),
            ));
        } else if known.is_none() {
            let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
            findings.push(meta(
                allow,
                Rule::UnusedAllow,
                format!("`allow {}`: no scan rule is called `{}`", rule.value, rule.value),
                format!("the scan's rules are {}", ids.join(", ")),
            ));
        } else if !used {
            findings.push(meta(
                allow,
                Rule::UnusedAllow,
                format!(
                    "`allow {} \"{}\"` suppresses no finding of this scan",
                    rule.value, subject.value
                ),
                "the finding no longer occurs (or the subject is misspelt: it is the vendor, tracker, region or party id the finding names): delete the `allow`".to_owned(),
            ));
        }
    }
    hidden
}

fn has_reason(allow: &ScanAllow) -> bool {
    given(&allow.reason).is_some()
}

fn meta(allow: &ScanAllow, rule: Rule, message: String, help: String) -> Finding {
    let subject = format!(
        "{} {}",
        allow.rule.as_ref().map_or("", |r| r.value.as_str()),
        allow.subject.as_ref().map_or("", |s| s.value.as_str())
    );
    Finding {
        rule,
        message,
        evidence: Vec::new(),
        party: None,
        subject,
        config_span: Some(allow.span),
        help,
    }
}
