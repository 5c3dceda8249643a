//! Silence is not compliance: where the record lacks a fact a rule needs (or
//! holds a placeholder instead), the rule says it cannot decide. These cases
//! need an organization of their own, so they are not rule fixtures.

use ropa_check::{FileKind, Rule, Workspace};
use ropa_syntax::values::Keyword;

fn findings(text: &str) -> Vec<(Rule, String, String)> {
    let workspace = Workspace::new(vec![("spec.ropa.kdl".to_owned(), text.to_owned(), FileKind::Spec)]);
    ropa_check::check(&workspace)
        .into_iter()
        .map(|f| (f.rule, f.severity.as_str().to_owned(), f.message.to_string()))
        .collect()
}

fn of(findings: &[(Rule, String, String)], rule: Rule) -> Vec<String> {
    findings
        .iter()
        .filter(|(r, _, _)| *r == rule)
        .map(|(_, severity, message)| format!("{severity}: {message}"))
        .collect()
}

const ORGANIZATION: &str = r#"
organization "Exempel AB" {
    country SE
    contact "Anna Andersson" email="privacy@exempel.se"
    security "Access control with MFA"
    breach-procedure "Incident routine IR-1"
    rights-procedure "Requests to privacy@exempel.se"
    DPO
}
"#;

fn with_dpo(dpo: &str) -> String {
    ORGANIZATION.replace("DPO", dpo)
}

#[test]
fn dpo_none_without_a_reason_cannot_be_checked() {
    let found = findings(&with_dpo("dpo none"));
    assert_eq!(
        of(&found, Rule::DpoRequired),
        ["warning: `dpo none` gives no reason: ropa cannot tell whether Art. 37(1) requires a DPO"]
    );
    let found = findings(&with_dpo(r#"dpo none reason="TODO""#));
    assert_eq!(of(&found, Rule::DpoRequired).len(), 1, "a placeholder is no reason");
}

#[test]
fn dpo_none_with_a_reason_is_silent() {
    let found = findings(&with_dpo(
        r#"dpo none reason="No large-scale monitoring or special data; not a public authority""#,
    ));
    assert!(of(&found, Rule::DpoRequired).is_empty(), "{found:?}");
    // No `dpo` node at all: nothing was decided, and nothing requires one here.
    let found = findings(&with_dpo(""));
    assert!(of(&found, Rule::DpoRequired).is_empty(), "{found:?}");
}

#[test]
fn organization_placeholders_count_as_absent() {
    let text = r#"
organization "Exempel AB" {
    country SE
    contact "TODO" email="privacy@exempel.se"
    security "TBD"
    breach-procedure "Fill in the incident routine"
    rights-procedure "[to complete: how requests are answered]"
    dpo none reason="No large-scale monitoring or special data; not a public authority"
}
"#;
    let found = findings(text);
    assert_eq!(of(&found, Rule::MissingBreachProcedure).len(), 1, "{found:?}");
    assert_eq!(of(&found, Rule::MissingRightsProcedure).len(), 1, "{found:?}");
    assert_eq!(of(&found, Rule::MissingSecurityMeasures).len(), 1, "{found:?}");
    assert_eq!(of(&found, Rule::RecordIncomplete).len(), 1, "contact: {found:?}");
    assert_eq!(of(&found, Rule::PlaceholderValue).len(), 4, "{found:?}");
}
