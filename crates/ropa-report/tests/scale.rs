//! A large record: hundreds of activities and processors, sub-processors,
//! many countries. Every format renders all of it, and the map stays a
//! readable picture: long, with no node drawn over another. How long it
//! takes is measured in BENCHMARKS.md (`scripts/bench-stages`), not here.

mod common;

use std::fmt::Write as _;

use ropa_report::{Format, Kind, Lang};

const COUNTRIES: [&str; 12] = ["SE", "DK", "NO", "DE", "IE", "US", "IN", "CH", "GB", "JP", "BR", "CN"];

fn large(activities: usize, processors: usize) -> ropa_check::Workspace {
    let mut parties = String::new();
    for p in 0..processors {
        let country = COUNTRIES[p % COUNTRIES.len()];
        let _ = writeln!(
            parties,
            "processor p{p} \"Processor number {p} with a rather long legal name Ltd\" {{\n    service \"Service {p}\"\n    country {country}\n    stored-in {country}\n    dpa \"2024-01-01\""
        );
        if p % 5 == 0 {
            let sub = COUNTRIES[(p + 3) % COUNTRIES.len()];
            let _ = writeln!(
                parties,
                "    subprocessor s{p} \"Sub {p}\" {{\n        stored-in {sub}\n        dpa \"x\"\n    }}"
            );
        }
        parties.push_str("}\n");
    }
    let mut acts = String::from(
        "organization \"Large AB\" {\n    country SE\n}\nsubjects people \"People\"\ndata stuff \"Stuff\"\n",
    );
    for a in 0..activities {
        let _ = writeln!(
            acts,
            "activity a{a} {{\n    name \"Activity {a}\"\n    purpose \"Purpose {a}\"\n    subjects people\n    data stuff\n    basis contract\n    retain \"1 year\" from=collection\n    processors p{} p{} p{}\n    transfer US to=p{} mechanism=scc module=2 tia=\"TIA\"\n}}",
            a % processors,
            (a * 7 + 1) % processors,
            (a * 13 + 2) % processors,
            a % processors
        );
    }
    common::inline(&[
        ("ropa.kdl", ""),
        ("parties.ropa.kdl", &parties),
        ("activities.ropa.kdl", &acts),
    ])
}

/// Every node box of the map: (x, y, width).
fn boxes(svg: &str) -> Vec<(i64, i64, i64)> {
    svg.split("<rect x=\"")
        .skip(1)
        .filter(|s| s.contains("height=\"36\""))
        .filter_map(|s| {
            let number =
                |name: &str| -> Option<i64> { s.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok() };
            Some((s.split('"').next()?.parse().ok()?, number("y")?, number("width")?))
        })
        .collect()
}

#[test]
fn a_large_record_renders_in_every_format() {
    let workspace = large(400, 150);
    for format in Format::ALL {
        let output = common::render(&workspace, &common::options(format.default_kind(), format, Lang::En));
        assert!(output.len() > 10_000, "{format:?} is suspiciously short");
    }
    let html = common::render(&workspace, &common::options(Kind::All, Format::Html, Lang::Sv));
    for a in [0, 199, 399] {
        assert!(
            html.contains(&format!("Activity {a}<")),
            "activity {a} is missing from the HTML"
        );
    }
    assert!(
        html.contains("Processor number 149 with"),
        "the last processor is missing from the HTML"
    );
}

#[test]
fn the_map_of_a_large_record_is_long_and_never_overlaps() {
    let workspace = large(300, 120);
    let svg = common::render(&workspace, &common::options(Kind::Transfers, Format::Svg, Lang::En));
    let height: i64 = svg
        .split("height=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("the svg has a height");
    assert!(height > 300 * 44, "300 activities need at least 300 rows: {height}");
    let boxes = boxes(&svg);
    assert!(boxes.len() >= 300 + 120, "{} nodes", boxes.len());
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let same_column = a.0 < b.0 + b.2 && b.0 < a.0 + a.2;
            let overlap = a.1 < b.1 + 36 && b.1 < a.1 + 36;
            assert!(!(same_column && overlap), "nodes overlap: {a:?} and {b:?}");
        }
        assert!(a.1 >= 0 && a.1 + 36 <= height, "a node outside the picture: {a:?}");
    }
}

/// Records what reaches it, write by write.
#[derive(Default)]
struct Writes {
    bytes: Vec<u8>,
    largest: usize,
    count: usize,
}

impl std::io::Write for Writes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        self.largest = self.largest.max(buf.len());
        self.count += 1;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn reports_reach_the_writer_as_they_are_printed() {
    // More activities than one batch of deferred sections, and several
    // megabytes of text: the report must leave in pieces, none of them
    // most of it, and add up to what `render` returns.
    let workspace = large(3000, 150);
    let findings = ropa_check::check(&workspace);
    let index = ropa_check::index::Index::new(&workspace);
    let input = ropa_report::Input {
        workspace: &workspace,
        index: &index,
        findings: &findings,
    };
    for format in [Format::Html, Format::Markdown, Format::Json, Format::Csv] {
        let options = common::options(format.default_kind(), format, Lang::En);
        let whole = ropa_report::render(&input, &options).expect("supported");
        let mut writes = Writes::default();
        let first = ropa_report::render_with(&input, &options, |first_line, write| {
            write(&mut writes).expect("a Vec takes every write");
            first_line.to_owned()
        })
        .expect("supported");
        assert_eq!(writes.bytes, whole.as_bytes(), "{format:?}");
        assert_eq!(Some(first.as_str()), whole.split('\n').next(), "{format:?}");
        assert!(writes.count >= 4, "{format:?}: {} writes", writes.count);
        assert!(
            writes.largest < whole.len() / 2,
            "{format:?}: a write of {} of {} bytes",
            writes.largest,
            whole.len()
        );
    }
}
