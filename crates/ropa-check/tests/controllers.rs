//! `controller` ids are ids like any other: unique across the workspace,
//! reported when no activity processes for them, and resolved once (the
//! first declaration wins) for `controller-details-missing`.

use ropa_check::{FileKind, Rule, Workspace};

fn messages(text: &str, rule: Rule) -> Vec<String> {
    let workspace = Workspace::new(vec![("spec.ropa.kdl".to_owned(), text.to_owned(), FileKind::Spec)]);
    ropa_check::check(&workspace)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.to_string())
        .collect()
}

const BASE: &str = r#"
organization "Hostia AB" {
    country SE
    contact "Eva Ek" email="eva@hostia.se"
}
subjects shoppers "Acme's customers"
data orders "Orders"
controller acme "Acme Retail AB" {
    country SE
    contact "Privacy team" email="privacy@acme-retail.se"
    dpo none reason="Small retailer"
}
activity shop-hosting {
    purpose "Host the web shop for Acme"
    role processor for=acme
    subjects shoppers
    data orders
}
"#;

#[test]
fn a_controller_declared_twice_is_a_duplicate_id() {
    let twice = format!("{BASE}\ncontroller acme \"Acme Two AB\" {{\n    country SE\n}}\n");
    assert_eq!(messages(&twice, Rule::DuplicateId), vec!["`acme` is already declared"]);
    // The second declaration is not checked as a second controller.
    assert!(messages(&twice, Rule::ControllerDetailsMissing).is_empty());
    // Near miss: declared once.
    assert!(messages(BASE, Rule::DuplicateId).is_empty());
}

#[test]
fn a_controller_id_clashing_with_a_processor_id_is_a_duplicate_id() {
    let clash = format!("{BASE}\nprocessor acme \"Acme Hosting\" {{\n    country SE\n    dpa \"2024-01-01\"\n}}\n");
    assert_eq!(messages(&clash, Rule::DuplicateId), vec!["`acme` is already declared"]);
}

#[test]
fn a_controller_no_activity_processes_for_is_unused() {
    let lonely = format!("{BASE}\ncontroller lonely \"Nobody AB\" {{\n    country SE\n}}\n");
    assert_eq!(
        messages(&lonely, Rule::UnusedDeclaration),
        vec!["controller `lonely` is not used by any activity"]
    );
    // Near miss: named by `role processor for=acme`.
    assert!(messages(BASE, Rule::UnusedDeclaration).is_empty());
}
