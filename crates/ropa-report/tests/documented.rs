//! docs/reports.md documents the JSON fields and the CSV columns; these
//! tests keep the document and the output in step, both ways.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use ropa_report::{Format, Kind, Lang};

fn docs() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/reports.md");
    std::fs::read_to_string(path).expect("docs/reports.md")
}

/// The lines of the section that starts with `heading`, up to the next
/// heading of the same or a higher level.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let level = heading.chars().take_while(|c| *c == '#').count();
    let mut lines = text.lines().skip_while(|l| *l != heading);
    lines.next().expect("the section exists");
    lines
        .take_while(|l| {
            let hashes = l.chars().take_while(|c| *c == '#').count();
            !(hashes > 0 && hashes <= level && l.chars().nth(hashes) == Some(' '))
        })
        .collect()
}

fn paths(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                paths(child, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_json_field_is_documented_and_every_documented_field_exists() {
    let mut written = BTreeSet::new();
    for workspace in [
        common::workspace(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/complete"),
            "complete",
        ),
        common::example("office2go"),
    ] {
        let json = common::render(&workspace, &common::options(Kind::All, Format::Json, Lang::En));
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        paths(&value, "", &mut written);
    }
    let docs = docs();
    let documented: BTreeSet<String> = section(&docs, "### JSON")
        .into_iter()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect();
    let undocumented: Vec<&String> = written.difference(&documented).collect();
    let stale: Vec<&String> = documented.difference(&written).collect();
    assert!(
        undocumented.is_empty(),
        "written but not in docs/reports.md: {undocumented:?}"
    );
    assert!(stale.is_empty(), "in docs/reports.md but never written: {stale:?}");
}

fn documented_columns(docs: &str, after: &str) -> Vec<String> {
    section(docs, "### CSV")
        .into_iter()
        .skip_while(|l| !l.starts_with(after))
        .skip_while(|l| !l.starts_with("| 1 |"))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(2))
        .map(|c| c.trim().to_owned())
        .collect()
}

fn header(kind: Kind) -> Vec<String> {
    let csv = common::render(
        &common::example("office2go"),
        &common::options(kind, Format::Csv, Lang::En),
    );
    let first = csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .next()
        .expect("a header line");
    first.split(',').map(str::to_owned).collect()
}

#[test]
fn csv_columns_are_the_documented_ones() {
    let docs = docs();
    assert_eq!(header(Kind::Record), documented_columns(&docs, "`--kind record`"));
    assert_eq!(header(Kind::Transfers), documented_columns(&docs, "`--kind transfers`"));
    assert_eq!(
        header(Kind::Findings),
        [
            "Severity",
            "Rule",
            "Area",
            "Finding",
            "What to do",
            "Concerns",
            "File",
            "Line",
            "Column"
        ]
    );
}

#[test]
fn csv_starts_with_a_byte_order_mark_and_ends_rows_with_crlf() {
    let csv = common::render(
        &common::example("webone"),
        &common::options(Kind::Record, Format::Csv, Lang::Sv),
    );
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.ends_with("\r\n"));
    assert!(
        csv.contains("Bokföringsrelaterat material"),
        "Nordic letters are kept as UTF-8"
    );
    // One row per activity, plus the header.
    let rows = csv.matches("\r\n").count();
    assert_eq!(rows, 1 + 8, "webone has 8 activities");
}
