//! docs/rules.md is generated from the catalogue and must not go stale.
//! Regenerate with `ROPA_UPDATE_DOCS=1 cargo test -p ropa-check --test docs`.

#[test]
fn rule_reference_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let generated = ropa_check::docs::rules_markdown();
    if std::env::var_os("ROPA_UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).expect("write docs/rules.md");
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `ROPA_UPDATE_DOCS=1 cargo test -p ropa-check --test docs` and commit it"
    );
}

/// Each rule's documented examples (`ropa explain`, docs/rules.md, SARIF
/// help) are checked with the real engine: the reported example raises the
/// rule, the compliant one does not. A fragment that is not a top-level
/// declaration is read inside an activity; a complete organization is added
/// unless the example declares its own or is about the organization.
#[test]
fn documented_examples_behave_as_documented() {
    use ropa_check::{FileKind, Rule, Workspace};

    const ORGANIZATION: &str = r#"
organization "Docs Example AB" {
    registration "556000-0000"
    country SE
    employees 20
    contact "Anna Andersson" email="privacy@docs-example.se"
    dpo none reason="No large-scale monitoring or special data (Art. 37(1))"
    security "Access control and encryption at rest"
    breach-procedure "Incident routine IR-1"
    rights-procedure "Requests to privacy@docs-example.se, answered within one month"
}
"#;
    const TOP_LEVEL: &[&str] = &[
        "organization",
        "data",
        "subjects",
        "processor",
        "recipient",
        "activity",
        "allow",
        "controller",
        "joint-controller",
        "system",
        "/-",
        "//",
    ];

    /// `stored-in …`, `dpa …`: a processor's children.
    const PARTY_CHILDREN: &[&str] = &[
        "stored-in",
        "accessed-from",
        "country",
        "parent",
        "dpa",
        "dpf",
        "service",
    ];

    fn reports(rule: Rule, example: &str) -> Vec<String> {
        let first = example.trim_start();
        let spec = if TOP_LEVEL.iter().any(|node| first.starts_with(node)) {
            example.to_owned()
        } else if PARTY_CHILDREN.iter().any(|node| first.starts_with(node)) {
            format!(
                "processor example \"Example Ltd\" {{\n{example}\n}}\nactivity example {{\n    processors example\n}}\n"
            )
        } else {
            // `basis …`, `retain …`, `transfer …`: an activity's children.
            format!("activity example {{\n    purpose \"Documented example\"\n{example}\n}}\n")
        };
        let mut files = vec![("example.ropa.kdl".to_owned(), spec, FileKind::Spec)];
        if !example.contains("organization") && rule != Rule::MissingOrganization {
            files.push((
                "organization.ropa.kdl".to_owned(),
                ORGANIZATION.to_owned(),
                FileKind::Spec,
            ));
        }
        let mut workspace = Workspace::new(files);
        // Rules that count time (`review-overdue`) count to this date.
        workspace.today = ropa_syntax::values::parse_date("2026-11-23");
        ropa_check::check(&workspace)
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.message.to_string())
            .collect()
    }

    let mut failures = Vec::new();
    for rule in Rule::ALL {
        let info = rule.info();
        if info.bad.is_empty() {
            failures.push(format!("{}: no reported example", info.id));
        } else if reports(*rule, info.bad).is_empty() {
            failures.push(format!(
                "{}: the reported example raises nothing:\n{}",
                info.id, info.bad
            ));
        }
        if info.good.is_empty() {
            failures.push(format!("{}: no compliant example", info.id));
        } else {
            let found = reports(*rule, info.good);
            if !found.is_empty() {
                failures.push(format!(
                    "{}: the compliant example still raises it ({}):\n{}",
                    info.id,
                    found.join("; "),
                    info.good
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
