//! The parser reads every node of the language into the model, and reports
//! every problem of a broken file while still modelling its valid parts.

use ropa_syntax::{SyntaxCode, parse_spec};

#[test]
fn every_node_is_modelled() {
    let text = include_str!("fixtures/every-node.ropa.kdl");
    let parsed = parse_spec(text);
    let problems: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    // `dpa` is not a child of an activity: the one deliberate mistake.
    assert_eq!(
        problems,
        vec![(SyntaxCode::UnknownNode, "unknown node `dpa` inside `activity`")]
    );
    insta::assert_debug_snapshot!(parsed.model);
}

#[test]
fn three_syntax_errors_are_all_reported_and_the_rest_is_modelled() {
    let text = r#"
data contact "Name"
data broken "unclosed
data health "Health" special=helth
subjects customers "Customers" flag=
activity web {
    purpose "Run the site"
    data contact
    retain 7years
}
subjects staff "Staff" employees=#true
"#;
    let parsed = parse_spec(text);
    let syntax: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == SyntaxCode::SyntaxError)
        .collect();
    assert_eq!(syntax.len(), 3, "{:#?}", parsed.diagnostics);
    // The schema finding of a valid node is still reported.
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.code == SyntaxCode::InvalidValue && d.message.contains("helth"))
    );
    let data: Vec<_> = parsed.model.data.iter().map(|d| d.id.value.as_str()).collect();
    assert!(data.contains(&"contact") && data.contains(&"health"), "{data:?}");
    let subjects: Vec<_> = parsed.model.subjects.iter().map(|s| s.id.value.as_str()).collect();
    assert!(subjects.contains(&"staff"), "{subjects:?}");
    let activity = &parsed.model.activities[0];
    assert_eq!(
        activity.purpose.as_ref().map(|p| p.value.as_str()),
        Some("Run the site")
    );
}

#[test]
fn hostile_inputs_give_errors_not_panics() {
    let deep = "a {".repeat(50_000);
    let slashdash = "a /-{".repeat(20_000);
    let cases = [
        String::new(),
        "\u{feff}".to_owned(),
        "}}}}".to_owned(),
        deep,
        slashdash,
        "activity".to_owned(),
        "activity {".to_owned(),
        "activity x { purpose".to_owned(),
        "\0\u{1}\u{7f}".to_owned(),
        "organization \"Å\" { country \u{10FFFF} }".to_owned(),
    ];
    for case in &cases {
        let parsed = parse_spec(case);
        for d in &parsed.diagnostics {
            assert!(d.span.end as usize <= case.len() && d.span.start <= d.span.end);
            assert!(case.is_char_boundary(d.span.start as usize) && case.is_char_boundary(d.span.end as usize));
        }
    }
    assert!(parse_spec("").diagnostics.is_empty());
    assert!(
        !parse_spec(&cases[3]).diagnostics.is_empty(),
        "deep nesting is reported"
    );
}

#[test]
fn a_five_megabyte_spec_parses() {
    let activity =
        "activity a-N {\n    purpose \"Purpose\"\n    data contact\n    basis contract\n    retain \"2 years\"\n}\n";
    let mut text = String::from("data contact \"Name\"\n");
    let mut n = 0;
    while text.len() < 5_000_000 {
        text.push_str(&activity.replace('N', &n.to_string()));
        n += 1;
    }
    let parsed = parse_spec(&text);
    assert!(parsed.diagnostics.is_empty());
    assert_eq!(parsed.model.activities.len(), n);
}
