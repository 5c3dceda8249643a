//! Text from a spec can never become markup, a formula or a broken table,
//! in any format; output never depends on anything but the input; and no
//! input, however broken, makes rendering fail.

mod common;

use ropa_check::index::Index;
use ropa_report::{Format, Input, Kind, Lang, ReportError};

const SCRIPT: &str = "<script>alert(1)</script>";
const FORMULA: &str = "=cmd|' /C calc'!A0";

/// A record whose free text is hostile everywhere it can be.
fn hostile() -> ropa_check::Workspace {
    common::inline(&[
        ("ropa.kdl", ""),
        (
            "org.ropa.kdl",
            r#"organization "Evil </style><script>alert('org')</script> AB" {
    country SE
    website "javascript:alert(1)"
    contact "\"Mallory\" <m@x>" email="m\"@x.se onmouseover=alert(1)" phone="+46 1"
    security "=HYPERLINK(\"http://evil\")"
}
"#,
        ),
        (
            "data.ropa.kdl",
            r#"subjects people "| pipes | in a \n description"
data stuff "<img src=x onerror=alert(1)>" special=health
processor cloud "Cloud <b>Inc</b> & \"Co\"" {
    service "@SUM(1+1)*cmd|' /C calc'!A0"
    stored-in US
    dpa "-2+3"
}
"#,
        ),
        (
            "activities.ropa.kdl",
            r##"activity web {
    name "<script>alert(1)</script>"
    purpose "=cmd|' /C calc'!A0"
    subjects people
    data stuff
    basis legitimate-interests interest="line one\nline two with \"quotes\" and | a pipe"
    retain until="# not a heading\n- not a list"
    processors cloud
}
activity second {
    purpose "| pipes |\n\"quotes\""
    basis contract
}
"##,
        ),
    ])
}

fn render(workspace: &ropa_check::Workspace, kind: Kind, format: Format) -> String {
    common::render(workspace, &common::options(kind, format, Lang::En))
}

#[test]
fn html_shows_spec_text_as_text() {
    let html = render(&hostile(), Kind::All, Format::Html);
    assert!(!html.contains("<script"), "a script element got through");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the name is not shown as text"
    );
    assert!(!html.contains("<img"), "an img element got through");
    assert!(!html.contains("<b>Inc"), "markup in an entity name got through");
    assert!(!html.contains("href=\"javascript:"), "a javascript: URL became a link");
    // An address with a quote in it is not made a link: it stays escaped text.
    assert!(!html.contains("mailto:m"), "an odd e-mail address became a link");
    assert!(
        html.contains("m&quot;@x.se onmouseover=alert(1)"),
        "the address is not shown as text"
    );
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#') || href.starts_with("mailto:") || href.starts_with("https://"),
            "an unexpected link target: {}",
            &href[..href.len().min(40)]
        );
    }
    assert!(
        html.contains("=cmd|&#39; /C calc&#39;!A0"),
        "the formula purpose is not shown as written"
    );
    // The organization's name is in the CSS footer too: it must not end the style element.
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "the footer text closed the style element"
    );
    // Defence in depth: the page forbids scripts whatever the escaping.
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn svg_shows_spec_text_as_text() {
    let svg = render(&hostile(), Kind::Transfers, Format::Svg);
    assert!(!svg.contains("<script"), "a script element got through");
    assert!(!svg.contains("<b>"), "markup in a party name got through");
    assert!(svg.contains("&lt;script&gt;"), "the activity name is not shown as text");
    assert!(svg.contains("Cloud &lt;b&gt;Inc&lt;/b&gt; &amp; &quot;Co&quot;"));
}

/// Unescaped `|` in a table line: the cells GitHub would see, minus one.
fn cell_separators(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn markdown_tables_keep_their_shape() {
    let markdown = render(&hostile(), Kind::All, Format::Markdown);
    assert!(!markdown.contains("<script"), "a script element got through");
    assert!(!markdown.contains("<img"), "an img element got through");
    assert!(markdown.contains("\\| pipes \\|"), "pipes are not escaped");
    // A value cannot start a block: its first character is escaped, and its
    // line breaks become <br> on the same source line.
    assert!(
        markdown.contains("Criterion: \\# not a heading<br>- not a list"),
        "line starts are not escaped"
    );
    // Every row of every table has as many cells as its header.
    let mut expected: Option<usize> = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            expected = None;
            continue;
        }
        let n = cell_separators(line);
        match expected {
            None => expected = Some(n),
            Some(e) => assert_eq!(n, e, "a row has a different number of cells:\n{line}"),
        }
    }
}

/// RFC 4180 records, for checking the CSV: quoted fields may hold commas,
/// doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted field");
    assert!(field.is_empty() && row.is_empty(), "the last record has no CRLF");
    rows
}

#[test]
fn csv_defuses_formulas_and_keeps_its_columns() {
    for kind in [Kind::Record, Kind::Transfers, Kind::Findings] {
        let csv = render(&hostile(), kind, Format::Csv);
        let body = csv.strip_prefix('\u{feff}').expect("starts with a byte-order mark");
        let rows = parse_csv(body);
        let width = rows[0].len();
        for row in &rows {
            assert_eq!(
                row.len(),
                width,
                "{kind:?}: a row has {} cells, the header {width}",
                row.len()
            );
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{kind:?}: a cell a spreadsheet would run: {cell:?}"
                );
            }
        }
    }
    let csv = render(&hostile(), Kind::Record, Format::Csv);
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    let web = rows.iter().find(|r| r[0] == "web").expect("row of `web`");
    assert_eq!(web[1], SCRIPT, "the name is not kept as written");
    assert_eq!(web[5], format!("'{FORMULA}"), "the formula is not defused");
    let second = rows.iter().find(|r| r[0] == "second").expect("row of `second`");
    assert_eq!(
        second[5], "| pipes |\n\"quotes\"",
        "quotes and line breaks are not kept"
    );
}

#[test]
fn json_keeps_spec_text_exactly() {
    let json = render(&hostile(), Kind::All, Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let web = &value["activities"][0];
    assert_eq!(web["name"], SCRIPT);
    assert_eq!(web["purpose"], FORMULA);
    assert_eq!(value["activities"][1]["purpose"], "| pipes |\n\"quotes\"");
}

#[test]
fn the_same_input_renders_to_the_same_bytes() {
    for spec in ["office2go", "webone", "good-example"] {
        for format in Format::ALL {
            let kind = format.default_kind();
            let first = render(&common::example(spec), kind, format);
            let second = render(&common::example(spec), kind, format);
            assert_eq!(first, second, "{spec} {format:?} differs between two runs");
        }
    }
    // And the hostile record, whose ids sort and hash differently.
    let first = render(&hostile(), Kind::All, Format::Html);
    assert_eq!(first, render(&hostile(), Kind::All, Format::Html));
}

#[test]
fn the_date_is_the_only_thing_that_varies() {
    let workspace = common::example("office2go");
    let mut options = common::options(Kind::All, Format::Html, Lang::En);
    let first = common::render(&workspace, &options);
    options.generated = ropa_syntax::values::parse_date("2027-01-02").expect("date");
    let second = common::render(&workspace, &options);
    assert_ne!(first, second);
    assert_eq!(
        first.replace("23 November 2026", "DATE"),
        second
            .replace("2 January 2027", "DATE")
            .replace("23 November 2026", "DATE")
    );
}

#[test]
fn nothing_makes_rendering_fail() {
    let broken = common::workspace(
        &common::specs().join("../crates/ropa-cli/tests/fixtures/broken-workspace"),
        "broken",
    );
    let workspaces = [
        hostile(),
        broken,
        common::inline(&[]),
        common::inline(&[(
            "a.ropa.kdl",
            "activity x {\n    processors nobody\n    transfer US\n}\n",
        )]),
        common::inline(&[("a.ropa.kdl", "activity {\n  purpose \"unterminated\n")]),
        common::example("24sevenoffice"),
        common::example("bowebb"),
    ];
    for workspace in &workspaces {
        let findings = ropa_check::check(workspace);
        let index = Index::new(workspace);
        let input = Input {
            workspace,
            index: &index,
            findings: &findings,
        };
        for kind in Kind::ALL {
            for format in Format::ALL {
                for lang in Lang::ALL {
                    let result = ropa_report::render(&input, &common::options(kind, format, lang));
                    match result {
                        Ok(text) => assert!(!text.is_empty()),
                        Err(ReportError::Unsupported { .. }) => {
                            assert!(matches!(format, Format::Csv | Format::Svg), "{kind:?} {format:?}")
                        }
                        Err(other) => panic!("{kind:?} {format:?}: {other}"),
                    }
                }
            }
        }
    }
}
