//! Renders a report of a spec folder, for looking at output while working
//! on the crate without building the whole `ropa` binary:
//! `cargo run -p ropa-report --example render -- specs/office2go html sv transfers`

#[path = "../tests/common/mod.rs"]
mod common;

use ropa_report::{Format, Kind, Lang};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().map_or("specs/webone", String::as_str);
    let format = match args.get(1).map_or("html", String::as_str) {
        "markdown" => Format::Markdown,
        "csv" => Format::Csv,
        "json" => Format::Json,
        "svg" => Format::Svg,
        _ => Format::Html,
    };
    let lang = args.get(2).and_then(|l| Lang::parse(l)).unwrap_or(Lang::En);
    let kind = match args.get(3).map(String::as_str) {
        Some("record") => Kind::Record,
        Some("transfers") => Kind::Transfers,
        Some("findings") => Kind::Findings,
        Some("notice") => Kind::Notice,
        Some(_) => Kind::All,
        None => format.default_kind(),
    };
    let path = std::path::Path::new(dir);
    let workspace = common::workspace(path, dir);
    print!("{}", common::render(&workspace, &common::options(kind, format, lang)));
}
