//! The transfer map's legend explains every mark the map draws: each fill
//! and outline of a box, each kind of line, and the "DPF" a certified
//! party carries. Only the plain boxes have no entry: the column headings
//! say what they are.

mod common;

use std::collections::BTreeSet;

use ropa_report::{Format, Kind, Lang};

/// The plain boxes: an activity, and a processor or recipient.
const PLAIN_FILLS: [&str; 2] = ["#eef3fb", "#ffffff"];
const PLAIN_OUTLINES: [(&str, Option<&str>); 2] = [("#9cb3d4", None), ("#b3bdca", None)];

/// A record that gives the map every kind of mark: a country in each zone
/// and one whose location is unknown; transfers with and without a
/// safeguard and a flow the record does not declare; a recipient a
/// transfer names that is not declared; a sub-processor; a DPF-certified
/// party.
const EVERY_MARK: &str = r#"
organization "Marks AB" {
    country SE
}
subjects people "People"
data contact "Contact details"
processor hosting "Hosting AB" {
    country SE
    stored-in SE
    dpa "2025-01-01"
    subprocessor backup "Backup GmbH" {
        stored-in DE
        dpa "2025-01-01"
    }
}
processor mail "Mail Inc." {
    country US
    stored-in US
    dpf #true
    dpa "2025-01-01"
}
processor swiss "Swiss AG" {
    country CH
    stored-in CH
    dpa "2025-01-01"
}
processor support "Support Pvt Ltd" {
    country IN
    stored-in IN
    dpa "2025-01-01"
}
processor nowhere "Nowhere Ltd" {
    dpa "2025-01-01"
}
activity customers {
    purpose "Serve customers"
    subjects people
    data contact
    basis contract
    retain "1 year" from=collection
    processors hosting mail swiss support nowhere
    transfer US to=mail mechanism=dpf
    transfer US to=ghost mechanism=scc module=2 tia="TIA-1"
}
activity payroll {
    purpose "Pay staff"
    subjects people
    data contact
    basis contract
    retain "1 year" from=collection
    processors hosting
}
"#;

fn map(spec: &str, lang: Lang) -> String {
    let workspace = common::inline(&[("ropa.kdl", ""), ("record.ropa.kdl", spec)]);
    common::render(&workspace, &common::options(Kind::Transfers, Format::Svg, lang))
}

/// The value of `name` in a tag's attributes.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

/// The tags named `name` in `svg`, each as its text after `<`.
fn tags<'s>(svg: &'s str, name: &str) -> Vec<&'s str> {
    svg.split('<')
        .filter(|t| t.starts_with(&format!("{name} ")))
        .map(|t| t.split('>').next().unwrap_or(t))
        .collect()
}

/// The map without its legend, and the legend.
fn split(svg: &str) -> (String, &str) {
    let start = svg.find("<g class=\"legend\">").expect("the map has a legend");
    let end = start + svg[start..].find("</g>").expect("the legend ends");
    (format!("{}{}", &svg[..start], &svg[end..]), &svg[start..end])
}

type Line = (String, String, Option<String>);

/// The stroke, width and dashes of every line.
fn lines(part: &str) -> BTreeSet<Line> {
    tags(part, "path")
        .into_iter()
        .map(|t| {
            (
                attribute(t, "stroke").unwrap_or_default().to_owned(),
                attribute(t, "stroke-width").unwrap_or_default().to_owned(),
                attribute(t, "stroke-dasharray").map(str::to_owned),
            )
        })
        .collect()
}

/// The fills, and the outlines (stroke and dashes), of boxes: on the map
/// the 36-pixel nodes, in the legend every swatch.
fn boxes(part: &str, nodes_only: bool) -> (BTreeSet<String>, BTreeSet<(String, Option<String>)>) {
    let rects: Vec<&str> = tags(part, "rect")
        .into_iter()
        .filter(|t| !nodes_only || attribute(t, "height") == Some("36"))
        .collect();
    let fills = rects
        .iter()
        .filter_map(|t| attribute(t, "fill").map(str::to_owned))
        .collect();
    let outlines = rects
        .iter()
        .map(|t| {
            (
                attribute(t, "stroke").unwrap_or_default().to_owned(),
                attribute(t, "stroke-dasharray").map(str::to_owned),
            )
        })
        .collect();
    (fills, outlines)
}

#[test]
fn every_mark_of_the_map_has_a_legend_entry() {
    for lang in [Lang::En, Lang::Sv, Lang::Da, Lang::Nb] {
        let svg = map(EVERY_MARK, lang);
        let (drawn, legend) = split(&svg);

        let (fills, outlines) = boxes(&drawn, true);
        let (legend_fills, legend_outlines) = boxes(legend, false);
        // The record draws a box in each of the five zones, the plain
        // boxes, a red outline and a dashed undeclared recipient.
        assert!(fills.len() >= 7, "{lang:?}: the record draws too few fills: {fills:?}");
        assert!(
            outlines.len() >= 9,
            "{lang:?}: the record draws too few outlines: {outlines:?}"
        );
        for fill in &fills {
            assert!(
                legend_fills.contains(fill) || PLAIN_FILLS.contains(&fill.as_str()),
                "{lang:?}: the fill {fill} has no legend entry"
            );
        }
        for outline in &outlines {
            let plain = PLAIN_OUTLINES
                .iter()
                .any(|(stroke, dash)| outline.0 == *stroke && outline.1.as_deref() == *dash);
            assert!(
                legend_outlines.contains(outline) || plain,
                "{lang:?}: the outline {outline:?} has no legend entry"
            );
        }

        let drawn_lines = lines(&drawn);
        // Grey, green, amber and red flows, and the sub-processor line.
        assert!(
            drawn_lines.len() >= 5,
            "{lang:?}: the record draws too few kinds of line: {drawn_lines:?}"
        );
        let legend_lines = lines(legend);
        for line in &drawn_lines {
            assert!(
                legend_lines.contains(line),
                "{lang:?}: the line {line:?} has no legend entry"
            );
        }

        assert!(drawn.contains(" · DPF<"), "{lang:?}: the certified party is marked");
        assert!(legend.contains(">DPF<"), "{lang:?}: DPF is explained");
        // Every swatch has its label (the "DPF" swatch is bold text).
        let (bold, labels): (Vec<&str>, Vec<&str>) = tags(legend, "text")
            .into_iter()
            .partition(|t| attribute(t, "font-weight").is_some());
        let labels = labels.len();
        let swatches = tags(legend, "rect").len() + tags(legend, "path").len() + bold.len();
        assert_eq!(
            labels, swatches,
            "{lang:?}: a swatch without a label, or a label without one"
        );
    }
}

#[test]
fn the_legend_explains_dpf_only_where_a_party_is_certified() {
    let uncertified = EVERY_MARK.replace("    dpf #true\n", "");
    let svg = map(&uncertified, Lang::En);
    let (drawn, legend) = split(&svg);
    assert!(!drawn.contains("DPF"), "no party is certified");
    assert!(!legend.contains("DPF"), "so the legend does not explain it");
}
