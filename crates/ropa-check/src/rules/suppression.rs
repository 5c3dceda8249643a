//! Findings about `allow`: every suppression carries its reason and still
//! suppresses something.

use ropa_syntax::values::{Citation, Severity};

use super::{Category, RuleInfo};

pub(crate) const ALLOW_WITHOUT_REASON: RuleInfo = RuleInfo {
    id: "allow-without-reason",
    category: Category::Suppression,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the decision may be sound, but without its reason nobody can account for it (Art. 5(2)); when the hidden finding is an error, this finding is an error too, so an allow with a placeholder reason never lets CI pass.",
    summary: "an `allow` gives no reason",
    articles: &[Citation::gdpr(5).paragraph(2)],
    guidance: &[],
    explanation: "Accepting a finding is a decision the organization must be able to account for (accountability, Art. 5(2)). The reason is what an auditor reads; without it the suppression looks like hiding the problem. The finding itself is hidden, but this finding takes its severity: an allow without a reason over an error is an error, until a person writes why the finding is accepted.",
    bad: "allow retention-above-statute",
    good: "allow retention-above-statute reason=\"Kept for the 10-year limitation period of claims\"",
    fix: "Add `reason=\"…\"` saying why the finding is accepted; a placeholder such as \"TODO\" is no reason.",
    facts: &[],
};

pub(crate) const UNUSED_ALLOW: RuleInfo = RuleInfo {
    id: "unused-allow",
    category: Category::Suppression,
    default_severity: Severity::Warning,
    severity_reason: "Warning: a stale suppression would hide the finding if it came back, a gap to clean up.",
    summary: "an `allow` suppresses no finding",
    articles: &[Citation::gdpr(5).paragraph(2)],
    guidance: &[],
    explanation: "The finding this `allow` accepted no longer occurs here: the spec was fixed or changed. A stale suppression would silently hide the finding if it came back, so remove it.",
    bad: "activity web {\n    basis contract\n    allow consent-only-basis reason=\"…\"\n}",
    good: "activity web {\n    basis contract\n}",
    fix: "Delete the `allow`.",
    facts: &[],
};
