//! CSV import end to end: a fixture per language, WebOne's retention table,
//! hostile input and a large sheet. Every produced spec must parse and
//! validate with no syntax or schema error, and keep every word of the
//! input, mapped or as a comment.

use std::path::Path;

use ropa_check::{Category, FileKind, Workspace};
use ropa_import::{Imported, Options};
use ropa_syntax::values::Keyword;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    ropa_import::decode(&bytes).0
}

fn import(name: &str, text: &str) -> Imported {
    ropa_import::csv::import(
        text,
        &Options {
            source_name: name.to_owned(),
            ..Options::default()
        },
    )
}

const ORGANIZATION: &str = "organization \"Exempel AB\" {\n    country SE\n}\n";

/// Checks the spec as `ropa check` would, with an organization beside it,
/// and returns the findings as "rule: message" lines.
fn check(spec: &str) -> Vec<(String, Category, String)> {
    let workspace = Workspace::new(vec![
        ("ropa.kdl".to_owned(), String::new(), FileKind::Config),
        (
            "organization.ropa.kdl".to_owned(),
            ORGANIZATION.to_owned(),
            FileKind::Spec,
        ),
        ("imported.ropa.kdl".to_owned(), spec.to_owned(), FileKind::Spec),
    ]);
    ropa_check::check(&workspace)
        .into_iter()
        .map(|d| {
            (
                d.rule.info().id.to_owned(),
                d.rule.info().category,
                d.message.into_string(),
            )
        })
        .collect()
}

/// No finding of the structure category: the spec is valid ropa, whatever
/// it says about GDPR.
fn assert_valid(spec: &str) {
    let parsed = ropa_syntax::parse_spec(spec);
    assert!(
        parsed.diagnostics.is_empty(),
        "{:#?}\n{spec}",
        parsed.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    let structural: Vec<_> = check(spec)
        .into_iter()
        .filter(|(rule, category, _)| *category == Category::Structure && rule != "unused-declaration")
        .collect();
    assert!(structural.is_empty(), "{structural:#?}\n{spec}");
}

/// Every word of every non-empty cell is somewhere in the spec: in a
/// string, an id it became, or a comment.
fn assert_nothing_dropped(input: &str, spec: &str) {
    let sheet = ropa_import::csv::read::read(input, None);
    let haystack: std::collections::HashSet<String> = ropa_import::text::words(&decoded(spec))
        .into_iter()
        .map(|w| w.norm)
        .collect();
    for (r, row) in sheet.rows.iter().enumerate() {
        for cell in row {
            if ropa_import::text::is_placeholder(cell) {
                continue;
            }
            for word in ropa_import::text::words(cell) {
                assert!(
                    haystack.contains(&word.norm),
                    "row {}: `{}` of {cell:?} is not in the spec:\n{spec}",
                    r + 1,
                    word.norm
                );
            }
        }
    }
}

/// The spec with its strings unescaped, so that words inside escapes
/// (`\"`, `\n`) count.
fn decoded(spec: &str) -> String {
    let parse = ropa_kdl::parse(spec);
    let mut out = spec.to_owned();
    fn walk(nodes: &[ropa_kdl::Node], out: &mut String) {
        for node in nodes {
            for entry in &node.entries {
                if let Some(s) = entry.value.as_str() {
                    out.push('\n');
                    out.push_str(s);
                }
            }
            walk(node.child_nodes(), out);
        }
    }
    walk(&parse.document.nodes, &mut out);
    out
}

fn snapshot_fixture(name: &str) -> (String, String) {
    let input = fixture(name);
    let imported = import(name, &input);
    assert_eq!(imported.files.len(), 1);
    let spec = imported.files[0].1.clone();
    assert_valid(&spec);
    assert_nothing_dropped(&input, &spec);
    (spec, imported.summary.render(50))
}

#[test]
fn webone_retention_table() {
    let (spec, summary) = snapshot_fixture("webone-retention-sv.csv");
    // The bases of the table, row by row.
    for (activity, bases) in [
        ("kunders-kontaktuppgifter", &["contract", "consent"][..]),
        ("bokforingsrelaterat-material", &["contract", "legal-obligation"]),
        ("intern-chat", &["contract", "legitimate-interests"]),
        ("e-post-skickad-till-webone-ab", &["contract", "legitimate-interests"]),
        ("backup-sakerhetskopierad-data", &["contract"]),
        ("atkomstloggar-fran-servrar", &["contract"]),
        ("data-lagrad-av-vara-kunder", &["contract"]),
    ] {
        let parsed = ropa_syntax::parse_spec(&spec);
        let found = parsed
            .model
            .activities
            .iter()
            .find(|a| a.id.value == activity)
            .unwrap_or_else(|| panic!("{activity} missing"));
        let names: Vec<&str> = found.bases.iter().map(|b| b.kind.value.as_str()).collect();
        assert_eq!(names, bases, "{activity}");
    }
    // The periods, as the hand-written spec in specs/webone has them.
    for expected in [
        "retain \"7 years\" from=contract-end",
        "retain \"7 years\" from=contract-end statute=bookkeeping",
        "retain \"12 months\" from=contract-end",
        "retain \"12 months\" from=collection",
        "retain \"2 years\" from=collection",
        "retain \"6 months\" from=contract-end",
        "retain \"1 month\" from=contract-end",
        "retain until=\"Vid kännedom om ändring *\"",
        "retain until=\"Automatiskt\"",
    ] {
        assert!(spec.contains(expected), "{expected}\n{spec}");
    }
    // ropa check understands it: only findings about the record itself.
    let rules: std::collections::BTreeSet<String> = check(&spec).into_iter().map(|(r, _, _)| r).collect();
    for rule in [
        "missing-purpose",
        "consent-without-withdrawal",
        "legal-obligation-without-law",
        "legitimate-interests-without-assessment",
        "record-incomplete",
    ] {
        assert!(rules.contains(rule), "{rule} not in {rules:?}");
    }
    assert!(
        !rules.contains("retention-below-statute"),
        "7 years is Sweden's bookkeeping period"
    );
    insta::assert_snapshot!("webone_spec", spec);
    insta::assert_snapshot!("webone_summary", summary);
}

#[test]
fn swedish_register() {
    let (spec, summary) = snapshot_fixture("registerforteckning-sv.csv");
    assert!(
        spec.contains("subjects anstallda \"Anställda\" employees=#true"),
        "{spec}"
    );
    assert!(spec.contains("special=health"), "{spec}");
    assert!(
        spec.contains("transfer US to=mailchimp-the-rocket-science-group-llc mechanism=scc"),
        "{spec}"
    );
    assert!(
        spec.contains("retain \"så länge det behövs\"") || spec.contains("retain \"Så länge det behövs\""),
        "{spec}"
    );
    let rules: Vec<String> = check(&spec).into_iter().map(|(r, _, _)| r).collect();
    assert!(rules.contains(&"indefinite-retention".to_owned()), "{rules:?}");
    assert!(
        rules.contains(&"special-category-without-condition".to_owned()),
        "{rules:?}"
    );
    insta::assert_snapshot!("sv_spec", spec);
    insta::assert_snapshot!("sv_summary", summary);
}

#[test]
fn danish_record() {
    let (spec, summary) = snapshot_fixture("fortegnelse-da.csv");
    assert!(spec.contains("retain \"5 years\" from=financial-year-end"), "{spec}");
    assert!(spec.contains("retain \"6 months\""), "{spec}");
    assert!(
        spec.contains("retain until=\"Indtil samtykket tilbagekaldes\""),
        "{spec}"
    );
    assert!(spec.contains("basis consent"), "{spec}");
    insta::assert_snapshot!("da_spec", spec);
    insta::assert_snapshot!("da_summary", summary);
}

#[test]
fn norwegian_record() {
    let (spec, summary) = snapshot_fixture("protokoll-nb.csv");
    assert!(
        spec.contains("basis legal-obligation law=\"bokføringsloven\""),
        "{spec}"
    );
    assert!(spec.contains("transfer IN mechanism=scc"), "{spec}");
    assert!(
        spec.contains("recipient nav \"NAV\" {\n    kind authority\n}"),
        "{spec}"
    );
    assert!(spec.contains("dpia none"), "{spec}");
    insta::assert_snapshot!("nb_spec", spec);
    insta::assert_snapshot!("nb_summary", summary);
}

#[test]
fn english_ico_template() {
    let (spec, summary) = snapshot_fixture("ico-template-en.csv");
    assert!(spec.contains("condition employment"), "{spec}");
    assert!(
        spec.contains("basis legitimate-interests interest=\"Following up sales leads\""),
        "{spec}"
    );
    assert!(spec.contains("retain \"6 years\" from=employment-end"), "{spec}");
    assert!(spec.contains("retain \"As long as necessary\""), "{spec}");
    assert!(spec.contains("transfer US mechanism=scc"), "{spec}");
    insta::assert_snapshot!("en_spec", spec);
    insta::assert_snapshot!("en_summary", summary);
}

/// Quotes, line breaks in cells, a byte-order mark, semicolons, formulas,
/// control and bidirectional characters, a huge cell, empty and ragged rows.
fn hostile_sheet() -> String {
    let long = "Namn ".repeat(20_000);
    let rows = [
        "\u{FEFF}Behandling;Ändamål;Personuppgifter;Rättslig grund;Lagringstid;Övrigt".to_owned(),
        "\"Lön \"\"special\"\"\";\"Betala\nlön\r\nvarje månad\";\"Namn, \"\"alias\"\"\";Avtal;7 år;=cmd|' /C calc'!A0"
            .to_owned(),
        ";;;;;".to_owned(),
        String::new(),
        "\"Tab\there\";\\ backslash \\\" quote;\"a;b;c\";@SUM(1+1);+1 år;-2+3".to_owned(),
        format!("Lång;{long};x;Samtycke;3 mån"),
        "Ragged".to_owned(),
        "Too;many;cells;Avtal;1 år;x;extra 1;extra 2".to_owned(),
        "\u{202E}Bidi\u{2066};ctrl\u{7}bell\u{0}nul;\u{2028}sep;Avtal;Så länge det behövs;*/ /* // {}".to_owned(),
        "\"Unclosed;quote\n;at the end".to_owned(),
    ];
    rows.join("\r\n")
}

#[test]
fn hostile_input_gives_valid_specs() {
    let input = hostile_sheet();
    let imported = import("hostile.csv", &input);
    let spec = &imported.files[0].1;
    assert_valid(spec);
    assert_nothing_dropped(&input, spec);
    // The formula is text, kept as it was written.
    assert!(spec.contains("=cmd|' /C calc'!A0"), "{spec}");
    // The summary names the extra cells of the ragged row.
    assert!(imported.summary.kept.iter().any(|k| k.text == "extra 1"));
    let ranked = check(spec);
    assert!(ranked.iter().any(|(r, _, _)| r == "indefinite-retention"));
}

#[test]
fn ten_thousand_rows() {
    let mut input =
        String::from("Behandling,Ändamål,Kategorier av registrerade,Personuppgifter,Rättslig grund,Lagringstid\n");
    for i in 0..10_000 {
        input.push_str(&format!(
            "Behandling {i},Ändamål {i},Kunder,\"Namn, e-post, kundnummer {}\",Avtal + Rättslig förpliktelse,{} år\n",
            i % 50,
            i % 10 + 1
        ));
    }
    let imported = import("large.csv", &input);
    let spec = &imported.files[0].1;
    let parsed = ropa_syntax::parse_spec(spec);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics.first());
    assert_eq!(parsed.model.activities.len(), 10_000);
    // Declarations are shared: 2 common data categories + 50 numbered ones.
    assert_eq!(parsed.model.data.len(), 52);
    assert_eq!(imported.summary.read[0], ("rows", 10_000));
}

#[test]
fn findings_point_at_rows() {
    let input = fixture("webone-retention-sv.csv");
    let spec = import("webone-retention-sv.csv", &input).files.remove(0).1;
    let workspace = Workspace::new(vec![
        (
            "organization.ropa.kdl".to_owned(),
            ORGANIZATION.to_owned(),
            FileKind::Spec,
        ),
        ("imported.ropa.kdl".to_owned(), spec.clone(), FileKind::Spec),
    ]);
    let lines: Vec<&str> = spec.lines().collect();
    let mut checked = 0;
    for finding in ropa_check::check(&workspace) {
        if finding.file.0 != 1 || finding.entity.is_none() {
            continue;
        }
        let (line, _) = ropa_syntax::position::line_col(&spec, finding.span.start);
        // Walk up from the finding to the comment above its activity.
        let row_comment = lines[..line]
            .iter()
            .rev()
            .find(|l| l.starts_with("// row "))
            .unwrap_or_else(|| panic!("no row comment above line {line}"));
        assert!(row_comment.contains(" of webone-retention-sv.csv: "), "{row_comment}");
        checked += 1;
    }
    assert!(checked > 10, "{checked}");
}

#[test]
fn separator_can_be_given() {
    let imported = ropa_import::csv::import(
        "Behandling|Rättslig grund\nLön|Avtal\n",
        &Options {
            source_name: "pipes.csv".to_owned(),
            delimiter: Some(b'|'),
            ..Options::default()
        },
    );
    assert!(imported.files[0].1.contains("basis contract"));
}

#[test]
fn reserved_ids_are_avoided() {
    let imported = ropa_import::csv::import(
        "Behandling,Personuppgifter\nLön,Namn\n",
        &Options {
            source_name: "x.csv".to_owned(),
            reserved_ids: ["lon".to_owned(), "namn".to_owned()].into(),
            ..Options::default()
        },
    );
    let spec = &imported.files[0].1;
    assert!(spec.contains("activity lon-2"), "{spec}");
    assert!(spec.contains("data namn-data \"Namn\""), "{spec}");
}

/// Random sheets from an alphabet of the characters that break importers:
/// no panic, and the spec always parses and validates.
#[test]
fn random_sheets_never_break_the_output() {
    const PIECES: &[&str] = &[
        "\"",
        ";",
        ",",
        "\t",
        "\n",
        "\r\n",
        "\r",
        " ",
        "å",
        "İ",
        "K",
        "ß",
        "\u{202E}",
        "\u{0}",
        "\u{FEFF}",
        "\\",
        "=",
        "/-",
        "{",
        "}",
        "//",
        "/*",
        "#",
        "7 år",
        "Avtal",
        "+",
        "Art. 6(1)(",
        "b)",
        "USA",
        "SCC",
        "Nej",
        "-",
        "*",
        "3,5",
        "efter",
        "Behandling",
        "Rättslig grund",
        "Lagringstid",
        "Personuppgifter",
        "Överföring till tredjeland",
        "null",
        "true",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for _ in 0..300 {
        let len = next() % 80;
        let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        let imported = import("random.csv", &text);
        for (_, spec) in &imported.files {
            let parsed = ropa_syntax::parse_spec(spec);
            let errors: Vec<_> = parsed
                .diagnostics
                .iter()
                .filter(|d| d.code.id() != "unused-declaration")
                .collect();
            assert!(errors.is_empty(), "{text:?}\n{errors:#?}\n{spec}");
        }
    }
}
