//! Every format, in English and Swedish, on two of the bundled example
//! records: WebOne (Swedish, no processors, processor activities) and
//! Office2go (Danish, 17 processors, transfers to the US without a
//! safeguard). The snapshots are the reviewed output; any change to a
//! document shows up as a diff here.

mod common;

use ropa_report::{Format, Kind, Lang};

fn snapshot(spec: &str, kind: Kind, format: Format, lang: Lang) {
    let workspace = common::example(spec);
    let output = common::render(&workspace, &common::options(kind, format, lang));
    let name = format!("{spec}_{}_{}_{}", kind.as_str(), format.as_str(), lang.code());
    insta::assert_snapshot!(name, output);
}

#[test]
fn html_all() {
    for spec in ["webone", "office2go"] {
        for lang in [Lang::En, Lang::Sv] {
            snapshot(spec, Kind::All, Format::Html, lang);
        }
    }
}

#[test]
fn markdown_all() {
    for spec in ["webone", "office2go"] {
        for lang in [Lang::En, Lang::Sv] {
            snapshot(spec, Kind::All, Format::Markdown, lang);
        }
    }
}

#[test]
fn csv_record_and_transfers() {
    for spec in ["webone", "office2go"] {
        for lang in [Lang::En, Lang::Sv] {
            snapshot(spec, Kind::Record, Format::Csv, lang);
        }
    }
    snapshot("office2go", Kind::Transfers, Format::Csv, Lang::En);
    snapshot("office2go", Kind::Findings, Format::Csv, Lang::Sv);
}

#[test]
fn json_all() {
    for spec in ["webone", "office2go"] {
        snapshot(spec, Kind::All, Format::Json, Lang::En);
    }
}

#[test]
fn svg_transfer_map() {
    for lang in [Lang::En, Lang::Sv] {
        snapshot("office2go", Kind::Transfers, Format::Svg, lang);
    }
    // Declared transfers with safeguards: SCCs and the DPF.
    snapshot("good-example", Kind::Transfers, Format::Svg, Lang::En);
}

#[test]
fn danish_and_norwegian_notices() {
    snapshot("office2go", Kind::Notice, Format::Markdown, Lang::Da);
    snapshot("good-example", Kind::Notice, Format::Markdown, Lang::Nb);
}

#[test]
fn json_reads_the_same_in_every_language() {
    let workspace = common::example("office2go");
    let english = common::render(&workspace, &common::options(Kind::All, Format::Json, Lang::En));
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let other = common::render(&workspace, &common::options(Kind::All, Format::Json, lang));
        let expected = english.replace("\"lang\": \"en\"", &format!("\"lang\": \"{}\"", lang.code()));
        assert_eq!(other, expected, "JSON differs in {} beyond its `lang`", lang.code());
    }
}
