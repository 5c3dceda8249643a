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

fn bookkeeping(country: &str, retain: &str) -> Vec<String> {
    let text = format!(
        r#"
organization "Exempel" {{
    country {country}
    contact "Anna" email="privacy@example.com"
    dpo none reason="No large-scale monitoring or special data; not a public authority"
}}
activity accounts {{
    purpose "Keep the accounts"
    basis legal-obligation law="The bookkeeping act of the country"
    {retain}
}}
"#
    );
    let found = findings(&text);
    let mut out = of(&found, Rule::RetentionBelowStatute);
    out.extend(of(&found, Rule::RetentionAboveStatute));
    out
}

#[test]
fn statutes_with_several_periods_choose_by_material() {
    // Germany: HGB § 257 / AO § 147: 8 years vouchers (since BEG IV), 10 years
    // books, 6 years correspondence, from the end of the calendar year.
    let unknown = bookkeeping("DE", r#"retain "6 years" from=calendar-year-end statute=bookkeeping"#);
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(
        unknown[0].starts_with("warning:") && unknown[0].contains("cannot tell which material"),
        "{unknown:?}"
    );
    assert!(
        bookkeeping(
            "DE",
            r#"retain "6 years" from=calendar-year-end statute=bookkeeping material=correspondence"#
        )
        .is_empty()
    );
    assert!(
        bookkeeping(
            "DE",
            r#"retain "8 years" from=calendar-year-end statute=bookkeeping material=vouchers"#
        )
        .is_empty()
    );
    let all_short = bookkeeping("DE", r#"retain "5 years" from=calendar-year-end statute=bookkeeping"#);
    assert!(
        all_short.len() == 1 && all_short[0].starts_with("error:"),
        "{all_short:?}"
    );
    // Finland: 6 years vouchers, 10 years books.
    let fi = bookkeeping("FI", r#"retain "6 years" from=calendar-year-end statute=bookkeeping"#);
    assert!(fi.len() == 1 && fi[0].contains("books"), "{fi:?}");
    assert!(
        bookkeeping(
            "FI",
            r#"retain "6 years" from=calendar-year-end statute=bookkeeping material=vouchers"#
        )
        .is_empty()
    );
}

#[test]
fn above_statute_compares_with_the_longest_period_that_may_apply() {
    // 10 years is above the German voucher period but is what books need:
    // with the material unknown, nothing suggests shortening it.
    assert!(bookkeeping("DE", r#"retain "10 years" from=calendar-year-end statute=bookkeeping"#).is_empty());
    let vouchers = bookkeeping(
        "DE",
        r#"retain "10 years" from=calendar-year-end statute=bookkeeping material=vouchers"#,
    );
    assert!(vouchers.len() == 1 && vouchers[0].starts_with("info:"), "{vouchers:?}");
    let longer = bookkeeping("DE", r#"retain "12 years" from=calendar-year-end statute=bookkeeping"#);
    assert!(
        longer.len() == 1 && longer[0].contains("10 years at the longest"),
        "{longer:?}"
    );
}

#[test]
fn bookkeeping_statute_is_inferred_and_said_so() {
    // Norway counts from the financial-year end: 5 years for primary documentation.
    let inferred = bookkeeping("NO", r#"retain "3 years" from=financial-year-end"#);
    assert_eq!(inferred.len(), 1, "{inferred:?}");
    assert!(
        inferred[0].starts_with("error:") && inferred[0].contains("ropa inferred the bookkeeping statute"),
        "{inferred:?}"
    );
    // Without a legal obligation nothing is inferred.
    let text = r#"
organization "Exempel AS" {
    country NO
}
activity accounts {
    purpose "Keep copies of invoices"
    basis contract
    retain "3 years" from=financial-year-end
}
"#;
    assert!(of(&findings(text), Rule::RetentionBelowStatute).is_empty());
}

fn german(region: &str) -> Vec<(Rule, String, String)> {
    let text = format!(
        r#"
organization "Beispiel GmbH" {{
    country DE
    {region}
    contact "Anna Adler" email="datenschutz@beispiel.de"
    dpo none reason="Fewer than 20 people process personal data (BDSG § 38); no Art. 37(1) case"
    security "Access control with MFA"
    rights-procedure "Requests to datenschutz@beispiel.de"
}}
"#
    );
    findings(&text)
}

#[test]
fn a_german_organization_names_its_land() {
    let none = german("");
    let incomplete = of(&none, Rule::RecordIncomplete);
    assert_eq!(incomplete.len(), 1, "{none:?}");
    assert!(incomplete[0].contains("names no region"), "{incomplete:?}");
    assert!(of(&german("region DE-BY"), Rule::RecordIncomplete).is_empty());
    assert!(of(&german("region DE-BE"), Rule::RecordIncomplete).is_empty());
    let wrong = of(&german("region AT-9"), Rule::RecordIncomplete);
    assert!(
        wrong.len() == 1 && wrong[0].contains("not in the organization's country"),
        "{wrong:?}"
    );
}

#[test]
fn the_breach_help_names_the_land_authority() {
    let help = |region: &str| -> String {
        let text = format!("organization \"Beispiel GmbH\" {{\n    country DE\n    {region}\n}}\n");
        let workspace = Workspace::new(vec![("spec.ropa.kdl".to_owned(), text, FileKind::Spec)]);
        ropa_check::check(&workspace)
            .into_iter()
            .find(|f| f.rule == Rule::MissingBreachProcedure)
            .and_then(|f| f.help.map(|h| h.into_owned()))
            .unwrap_or_default()
    };
    assert!(
        help("region DE-BY").contains("BayLDA (https://www.lda.bayern.de)"),
        "{}",
        help("region DE-BY")
    );
    assert!(help("region DE-BE").contains("BlnBDI (https://www.datenschutz-berlin.de)"));
    let unknown = help("");
    assert!(
        unknown.contains("the supervisory authority") && !unknown.contains("BfDI"),
        "{unknown}"
    );
}
