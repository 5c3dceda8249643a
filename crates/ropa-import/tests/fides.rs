//! Fides import end to end on a small deployment: a web shop, a
//! third-party mailer, an occupational-health vendor with special and
//! criminal data and transfers, a processor system for children, and a
//! dataset. Every produced spec must be valid ropa.

use std::path::Path;

use ropa_check::{Category, FileKind, Workspace};
use ropa_import::{Imported, Options};

fn manifests() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fides");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = format!("fides/{}", p.file_name().expect("name").to_string_lossy());
            (name, std::fs::read_to_string(&p).expect("fixture"))
        })
        .collect();
    files.sort();
    files
}

fn import(files: &[(String, String)]) -> Imported {
    ropa_import::fides::import(
        files,
        &Options {
            source_name: "fides/".to_owned(),
            ..Options::default()
        },
    )
}

fn workspace(imported: &Imported) -> Workspace {
    let mut sources = vec![(
        "organization.ropa.kdl".to_owned(),
        "organization \"Exempel AB\" {\n    country SE\n}\n".to_owned(),
        FileKind::Spec,
    )];
    for (name, text) in &imported.files {
        sources.push((name.clone(), text.clone(), FileKind::Spec));
    }
    Workspace::new(sources)
}

#[test]
fn fides_deployment() {
    let imported = import(&manifests());
    let names: Vec<&str> = imported.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "fides-data.ropa.kdl",
            "fides-web-app.ropa.kdl",
            "fides-mailchimp.ropa.kdl",
            "fides-occupational-health.ropa.kdl",
            "fides-homework-app.ropa.kdl",
            "fides-old-intranet.ropa.kdl",
        ]
    );
    for (name, text) in &imported.files {
        let parsed = ropa_syntax::parse_spec(text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{name}: {:#?}\n{text}",
            parsed.diagnostics
        );
    }
    let findings = ropa_check::check(&workspace(&imported));
    let structural: Vec<_> = findings
        .iter()
        .filter(|d| d.rule.info().category == Category::Structure && d.rule.info().id != "unused-declaration")
        .map(|d| &d.message)
        .collect();
    assert!(structural.is_empty(), "{structural:#?}");
    let rules: std::collections::BTreeSet<&str> = findings.iter().map(|d| d.rule.info().id).collect();
    // Honest findings about what Fides does not record.
    for rule in [
        "dpa-not-referenced",
        "consent-without-withdrawal",
        "indefinite-retention",
        "criminal-data-without-authority",
    ] {
        assert!(rules.contains(rule), "{rule} not in {rules:?}");
    }
    // Data held in the warehouse that no declaration uses.
    assert!(
        findings
            .iter()
            .any(|d| d.rule.info().id == "unused-declaration" && d.message.contains("user-contact-phone-number"))
    );

    let file = |name: &str| &imported.files.iter().find(|(n, _)| n == name).expect("file").1;
    let data = file("fides-data.ropa.kdl");
    assert!(
        data.contains("data user-health-and-medical \"user.health_and_medical\" special=health"),
        "{data}"
    );
    assert!(
        data.contains("data user-criminal-history \"user.criminal_history\" criminal=#true"),
        "{data}"
    );
    assert!(
        data.contains("subjects employee \"Employees\" employees=#true"),
        "{data}"
    );
    assert!(
        data.contains("subjects school-pupil \"School pupils\" children=#true"),
        "{data}"
    );
    let health = file("fides-occupational-health.ropa.kdl");
    assert!(
        health.contains("transfer IN to=occupational-health mechanism=scc"),
        "{health}"
    );
    assert!(health.contains("FIN (Finland) is in the EEA"), "{health}");
    assert!(health.contains("condition employment"), "{health}");
    assert!(health.contains("retain \"730 days\""), "{health}");
    assert!(
        health.contains("dpia \"https://intranet.example/dpia/occupational-health\""),
        "{health}"
    );
    let web = file("fides-web-app.ropa.kdl");
    assert!(web.contains("tracking analytics"), "{web}");
    assert!(web.contains("processors mailchimp"), "{web}");
    assert!(
        web.contains("purpose \"Run the loyalty programme and send its offers\""),
        "{web}"
    );
    assert!(
        web.contains("basis legitimate-interests assessment=\"https://intranet.example/lia/analytics\""),
        "{web}"
    );
    let mailchimp = file("fides-mailchimp.ropa.kdl");
    assert!(
        mailchimp.contains("processor mailchimp \"The Rocket Science Group LLC\""),
        "{mailchimp}"
    );
    assert!(
        mailchimp.contains("transfer US to=mailchimp mechanism=scc"),
        "{mailchimp}"
    );
    let homework = file("fides-homework-app.ropa.kdl");
    assert!(homework.contains("role processor"), "{homework}");
    assert!(homework.contains("user.childrens: data about children"), "{homework}");

    let organization = imported.organization.as_ref().expect("organization manifest");
    assert_eq!(organization.name, "Exempel AB");
    assert_eq!(organization.dpo.as_ref().map(|d| d.0.as_str()), Some("Olof Ombud"));

    for (name, text) in &imported.files {
        insta::assert_snapshot!(name.clone(), text);
    }
    insta::assert_snapshot!("fides_summary", imported.summary.render(50));
}

#[test]
fn broken_and_foreign_files_are_named() {
    let imported = import(&[
        ("bad.yml".to_owned(), "system: [unclosed".to_owned()),
        ("other.yml".to_owned(), "kind: Deployment\nspec: {}\n".to_owned()),
        ("empty.yml".to_owned(), String::new()),
    ]);
    assert!(
        imported
            .summary
            .notes
            .iter()
            .any(|n| n.starts_with("bad.yml: not read: line ")),
        "{:?}",
        imported.summary.notes
    );
    assert!(
        imported
            .summary
            .kept
            .iter()
            .any(|k| k.text.contains("`kind` manifests"))
    );
    assert!(imported.files.is_empty());
}

#[test]
fn odd_values_do_not_break_the_spec() {
    let yaml = r#"
system:
  - fides_key: "we\"ird key"
    name: "Name with \"quotes\" and \\ backslash"
    system_type: vendor
    third_country_transfers: [XXX, usa, "", null]
    legal_basis_for_transfers: [BCRs]
    privacy_declarations:
      - name: "Decl\nwith newline"
        data_use: ""
        data_categories: [user.contact.email, "", 42, {a: b}]
        data_subjects: [customer]
        legal_basis_for_processing: Something else
        special_category_legal_basis: Magic
        retention_period: "99999999999"
      - data_use: analytics
        data_categories: []
  - not_a_system: true
  - 42
"#;
    let imported = import(&[("odd.yml".to_owned(), yaml.to_owned())]);
    for (name, text) in &imported.files {
        let parsed = ropa_syntax::parse_spec(text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{name}: {:#?}\n{text}",
            parsed.diagnostics
        );
    }
    let not_understood: Vec<&str> = imported
        .summary
        .not_understood
        .iter()
        .map(|k| k.text.as_str())
        .collect();
    assert!(not_understood.iter().any(|t| t.contains("XXX")), "{not_understood:?}");
    assert!(not_understood.contains(&"Something else"), "{not_understood:?}");
    assert!(not_understood.contains(&"Magic"), "{not_understood:?}");
}
