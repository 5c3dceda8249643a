//! The transfer map: where each activity's data goes, drawn as SVG in three
//! columns (activities → processors and recipients → countries).
//!
//! The layout is deterministic and needs no font metrics: every node has
//! the same height, activities keep their spec order, and each party group
//! and country is placed at the mean height of what links to it (then
//! pushed down to avoid overlap), which keeps edges short and crossings
//! few. A large record gives a long picture, never an unreadable one.
//! Countries are coloured by what the law says of them (EEA, adequate,
//! partly adequate, no adequacy); an edge is red and dashed when the
//! checker reported the flow as leaving the EEA without a safeguard, amber
//! and dashed when the record does not declare it. Text is escaped; names
//! too long for their box are shortened, with the full text as a tooltip.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt::Write as _;
use std::io;

use ropa_syntax::values::Country;

use crate::Ctx;
use crate::doc::Tone;
use crate::escape::html as esc;
use crate::flows::{Recipient, Status, Zone, worst};
use crate::i18n::{self, Key};
use crate::pieces;
use crate::stream::{Out, Stream};

/// Which nodes link to their section of the HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Links {
    pub activities: bool,
    pub parties: bool,
}

impl Links {
    pub const NONE: Links = Links {
        activities: false,
        parties: false,
    };
}

const WIDTH: i64 = 760;
const MARGIN: i64 = 12;
const ACTIVITY_X: i64 = MARGIN;
const ACTIVITY_W: i64 = 208;
const PARTY_X: i64 = 290;
const PARTY_W: i64 = 220;
const COUNTRY_X: i64 = 580;
const COUNTRY_W: i64 = WIDTH - MARGIN - COUNTRY_X;
const TOP: i64 = 44;
const NODE_H: i64 = 36;
const GAP: i64 = 8;
const INDENT: i64 = 14;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif";

struct Node {
    x: i64,
    y: i64,
    w: i64,
    title: String,
    subtitle: String,
    tooltip: String,
    href: Option<String>,
    fill: &'static str,
    stroke: &'static str,
    dashed: bool,
    /// The subtitle is the second line of the title, not a caption.
    two_lines: bool,
}

impl Node {
    fn center_y(&self) -> i64 {
        self.y + NODE_H / 2
    }
}

/// An edge from a party to a country: the worst status of its flows, and
/// the titles of the activities whose data it carries (for the tooltip).
type RightEdge = ((Middle, Option<Country>), Status, Vec<String>);

/// A node of the middle column: a party, or a recipient a transfer names
/// that is not declared (or no recipient at all).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Middle {
    Party(usize),
    Other(Recipient),
}

fn zone_colors(zone: Zone) -> (&'static str, &'static str) {
    match zone {
        Zone::Eea => ("#e8f0fb", "#6f9bd1"),
        Zone::Adequate => ("#e6f5ea", "#4fa36b"),
        Zone::PartlyAdequate => ("#fff3dc", "#d99a2b"),
        Zone::NotAdequate => ("#fde9e7", "#d0443a"),
        Zone::Unknown => ("#f2f3f5", "#9aa1ab"),
    }
}

fn edge_style(tone: Tone) -> (&'static str, &'static str, Option<&'static str>) {
    match tone {
        Tone::Error => ("#c62828", "2.2", Some("7 4")),
        Tone::Warning => ("#d98a06", "1.7", Some("5 3")),
        Tone::Ok => ("#2f8f5b", "1.6", None),
        Tone::Info | Tone::Neutral => ("#a3acb9", "1.2", None),
    }
}

fn zone_key(zone: Zone) -> Key {
    match zone {
        Zone::Eea => Key::ZoneEea,
        Zone::Adequate => Key::ZoneAdequate,
        Zone::PartlyAdequate => Key::ZonePartlyAdequate,
        Zone::NotAdequate => Key::ZoneNotAdequate,
        Zone::Unknown => Key::ZoneUnknown,
    }
}

/// Shortens text to what fits `width` pixels at `size`, by an average
/// character width (no font metrics: the result must not depend on the
/// machine). Wide enough for the fallback fonts, so text never overflows.
fn fit(text: &str, width: i64, size_tenths: i64, bold: bool) -> String {
    let per_char = if bold { 62 } else { 56 }; // hundredths of an em
    let max = ((width * 1000) / (size_tenths * per_char)).max(4) as usize;
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// Breaks text into at most two lines that fit `width` (words kept whole
/// where they fit), the second shortened with an ellipsis if need be.
fn wrap(text: &str, width: i64, size_tenths: i64, bold: bool) -> Vec<String> {
    let per_char = if bold { 62 } else { 56 };
    let max = ((width * 1000) / (size_tenths * per_char)).max(4) as usize;
    if text.chars().count() <= max {
        return vec![text.to_owned()];
    }
    let mut first = String::new();
    let mut rest = text;
    for (i, word) in text.split(' ').enumerate() {
        let candidate = if i == 0 {
            word.to_owned()
        } else {
            format!("{first} {word}")
        };
        if candidate.chars().count() > max {
            break;
        }
        first = candidate;
        rest = text.get(first.len()..).unwrap_or("").trim_start();
    }
    if first.is_empty() {
        // One word longer than the line: cut it.
        first = text.chars().take(max).collect();
        rest = text.get(first.len()..).unwrap_or("");
    }
    vec![first, fit(rest, width, size_tenths, bold)]
}

/// Places items (wanted top, height) in one column: in the order of their
/// wanted tops (ties by index), each as high as wanted but below the one
/// before. Returns the tops in the order given.
fn arrange(wanted: &[(i64, i64)]) -> Vec<i64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|i| (wanted[*i].0, *i));
    let mut tops = vec![TOP; wanted.len()];
    let mut next = TOP;
    for i in order {
        let (want, height) = wanted[i];
        let y = want.max(next);
        tops[i] = y;
        next = y + height + GAP;
    }
    tops
}

fn mean(values: &[i64]) -> i64 {
    if values.is_empty() {
        return i64::MAX / 4;
    }
    values.iter().sum::<i64>() / values.len() as i64
}

/// The most rows of parties one picture of a paginated map holds: at this
/// size a map printed across an A4 page keeps its text readable (11 px
/// type printed at about 7 pt).
pub const ROWS_PER_PAGE: usize = 16;

/// An edge from an activity to the first party its data reaches.
type LeftEdge = ((usize, Middle), Status);

/// The whole map as one picture (`--format svg`), written as it is drawn:
/// `deliver` gets the picture's first line and a function that writes it.
pub fn render_with<R>(
    ctx: &Ctx,
    links: Links,
    deliver: impl FnOnce(&str, &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>) -> R,
) -> R {
    let pages = Pages::whole(ctx, links, middle_groups(ctx));
    let map = pages.layout(ctx, 0);
    let frame = map.as_ref().map(|map| Frame::of(ctx, map));
    let first = frame
        .as_ref()
        .and_then(|frame| frame.head.split('\n').next())
        .unwrap_or_default();
    deliver(first, &mut |out| {
        let mut stream = Stream::new(out);
        if let (Some(map), Some(frame)) = (&map, &frame) {
            draw_in(ctx, map, frame, &mut stream);
        }
        stream.finish(|_| {})
    })
}

/// The transfer map as the pictures of a report, laid out only as each is
/// printed ([`Pages::draw`]): the map of 100,000 activities is hundreds of
/// megabytes of SVG, and drawn ahead, all of it was held until printed.
pub(crate) struct Pages {
    links: Links,
    /// Whether a picture shows only the activities whose data reaches its
    /// parties (a map cut into pages) or every activity (a map of one).
    only_linked: bool,
    pages: Vec<Page>,
}

/// The parties of one picture and the edges to and from them.
struct Page {
    groups: Vec<Vec<(Middle, usize)>>,
    left: Vec<LeftEdge>,
    right: Vec<RightEdge>,
}

impl Pages {
    /// The map as pictures that each fit a printed page: the parties are
    /// cut into pages of at most [`ROWS_PER_PAGE`] rows (a processor stays
    /// with its sub-processors), each drawn with the activities that reach
    /// them and the countries they reach. A map that fits one page is one
    /// picture.
    pub(crate) fn plan(ctx: &Ctx, links: Links) -> Pages {
        let groups = middle_groups(ctx);
        let rows: usize = groups.iter().map(Vec::len).sum();
        if rows <= ROWS_PER_PAGE {
            return Pages::whole(ctx, links, groups);
        }
        let mut pages: Vec<Vec<Vec<(Middle, usize)>>> = Vec::new();
        let mut page_rows = 0;
        for group in groups {
            if pages.is_empty() || (page_rows + group.len() > ROWS_PER_PAGE && page_rows > 0) {
                pages.push(Vec::new());
                page_rows = 0;
            }
            page_rows += group.len();
            if let Some(page) = pages.last_mut() {
                page.push(group);
            }
        }
        let page_groups: Vec<&Vec<Vec<(Middle, usize)>>> = pages.iter().collect();
        let edges = edges(ctx, &page_groups);
        Pages {
            links,
            only_linked: true,
            pages: pages
                .into_iter()
                .zip(edges)
                .map(|(groups, (left, right))| Page { groups, left, right })
                .collect(),
        }
    }

    /// The parties in `groups` as one picture.
    fn whole(ctx: &Ctx, links: Links, groups: Vec<Vec<(Middle, usize)>>) -> Pages {
        let mut edges = edges(ctx, &[&groups]);
        let (left, right) = edges.pop().unwrap_or_default();
        Pages {
            links,
            only_linked: false,
            pages: vec![Page { groups, left, right }],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.pages.len()
    }

    fn layout(&self, ctx: &Ctx, page: usize) -> Option<Map<'_>> {
        let p = self.pages.get(page)?;
        Some(Map::build(
            ctx,
            self.links,
            &p.groups,
            self.only_linked,
            &p.left,
            &p.right,
        ))
    }

    /// Draws picture `page` into `out`, which may write it out as it grows.
    pub(crate) fn draw(&self, ctx: &Ctx, page: usize, out: &mut dyn Out) {
        if let Some(map) = self.layout(ctx, page) {
            draw(ctx, &map, out);
        }
    }
}

/// The middle column: every party a flow reaches, with the processors above
/// it, grouped under the processor the activity names; then the recipients
/// a transfer names that the record does not declare.
fn middle_groups(ctx: &Ctx) -> Vec<Vec<(Middle, usize)>> {
    let view = ctx.view;
    let mut shown = vec![false; view.parties.len()];
    let mut others: Vec<Recipient> = Vec::new();
    for flow in &view.flows {
        match &flow.recipient {
            Recipient::Party(p) => {
                let mut at = Some(*p);
                while let Some(q) = at {
                    shown[q] = true;
                    at = view.parties[q].parent;
                }
            }
            other => {
                if !others.contains(other) {
                    others.push(other.clone());
                }
            }
        }
    }
    let mut groups: Vec<Vec<(Middle, usize)>> = Vec::new();
    for (i, p) in view.parties.iter().enumerate() {
        if p.parent.is_none() && shown[i] {
            let mut members = Vec::new();
            let mut stack = vec![(i, 0usize)];
            while let Some((q, depth)) = stack.pop() {
                members.push((Middle::Party(q), depth));
                for child in view.parties[q].children.iter().rev() {
                    if shown[*child] {
                        stack.push((*child, depth + 1));
                    }
                }
            }
            groups.push(members);
        }
    }
    for other in others {
        groups.push(vec![(Middle::Other(other), 0)]);
    }
    groups
}

/// The edges between the columns of each picture, each with the worst
/// status of the flows it carries, for the flows whose party the picture
/// draws (`pictures`: each picture's groups of middle nodes; a node is in
/// one picture). One pass over the flows for all pictures, and edges found
/// by key, not by scanning: a large record has as many flows as
/// activities, and a scan per flow, or a pass per page, made the map
/// quadratic.
fn edges(ctx: &Ctx, pictures: &[&Vec<Vec<(Middle, usize)>>]) -> Vec<(Vec<LeftEdge>, Vec<RightEdge>)> {
    let view = ctx.view;
    let picture_of: HashMap<&Middle, usize> = pictures
        .iter()
        .enumerate()
        .flat_map(|(i, groups)| groups.iter().flatten().map(move |(m, _)| (m, i)))
        .collect();
    let mut out: Vec<(Vec<LeftEdge>, Vec<RightEdge>)> = pictures.iter().map(|_| Default::default()).collect();
    // Keys are unique across pictures: each middle node is in one.
    let mut left_at: HashMap<(usize, Middle), usize> = HashMap::default();
    let mut right_at: HashMap<(Middle, Option<Country>), usize> = HashMap::default();
    let mut titled: HashSet<(usize, usize, &str)> = HashSet::default();
    for flow in &view.flows {
        let target = match &flow.recipient {
            Recipient::Party(p) => Middle::Party(*p),
            other => Middle::Other(other.clone()),
        };
        let entry = match flow.via {
            Some(via) => Middle::Party(via),
            None => target.clone(),
        };
        let title = view.activities[flow.activity].activity.title();
        if let Some(&picture) = picture_of.get(&entry)
            && let Some((left, _)) = out.get_mut(picture)
        {
            let key = (flow.activity, entry);
            match left_at.get(&key).and_then(|i| left.get_mut(*i)) {
                Some(edge) => edge.1 = worst(edge.1, flow.status),
                None => {
                    left_at.insert(key.clone(), left.len());
                    left.push((key, flow.status));
                }
            }
        }
        let Some(&picture) = picture_of.get(&target) else {
            continue;
        };
        let Some((_, right)) = out.get_mut(picture) else {
            continue;
        };
        let key = (target, flow.country);
        match right_at.get(&key).copied() {
            Some(i) => {
                if let Some(edge) = right.get_mut(i) {
                    edge.1 = worst(edge.1, flow.status);
                    if titled.insert((picture, i, title)) {
                        edge.2.push(title.to_owned());
                    }
                }
            }
            None => {
                titled.insert((picture, right.len(), title));
                right_at.insert(key.clone(), right.len());
                right.push((key, flow.status, vec![title.to_owned()]));
            }
        }
    }
    out
}

/// One picture laid out: its nodes in three columns and its edges.
struct Map<'p> {
    activities: Vec<Node>,
    /// The activity of the view each node of `activities` draws.
    activity_of: Vec<usize>,
    middle: Vec<(Middle, Node, usize)>,
    middle_at: HashMap<Middle, usize>,
    countries: Vec<(Option<Country>, Node)>,
    country_at: HashMap<Option<Country>, usize>,
    /// Edges from activities, by position in `activities`.
    left: Vec<LeftEdge>,
    right: &'p [RightEdge],
}

impl<'p> Map<'p> {
    /// Lays out the parties in `groups`, with the edges to and from them
    /// (from [`edges`]). With `only_linked`, a page of a paginated map, only
    /// the activities whose data reaches them are drawn.
    fn build(
        ctx: &Ctx,
        links: Links,
        groups: &[Vec<(Middle, usize)>],
        only_linked: bool,
        left: &[LeftEdge],
        right: &'p [RightEdge],
    ) -> Map<'p> {
        let mut linked = vec![false; ctx.view.activities.len()];
        for ((a, _), _) in left {
            if let Some(slot) = linked.get_mut(*a) {
                *slot = true;
            }
        }
        // Activities drawn, and where each activity of the view is among them.
        let mut position: Vec<Option<usize>> = vec![None; ctx.view.activities.len()];
        let mut shown = Vec::new();
        for (a, slot) in position.iter_mut().enumerate() {
            if !only_linked || linked[a] {
                *slot = Some(shown.len());
                shown.push(a);
            }
        }
        let left: Vec<LeftEdge> = left
            .iter()
            .filter_map(|((a, m), status)| Some(((position[*a]?, m.clone()), *status)))
            .collect();
        let mut activities: Vec<Node> = shown.iter().map(|a| activity_node(ctx, *a, links)).collect();
        let (activity_y, group_top) = place_columns(groups, &left, activities.len());
        for (node, y) in activities.iter_mut().zip(&activity_y) {
            node.y = *y;
        }
        let pitch = NODE_H + GAP;
        let mut middle: Vec<(Middle, Node, usize)> = Vec::new();
        for g in by_barycentre(&group_top) {
            for (row, (member, depth)) in groups[g].iter().enumerate() {
                let y = group_top[g] + row as i64 * pitch;
                let indent = INDENT * (*depth as i64).min(4);
                middle.push((member.clone(), middle_node(ctx, member, y, indent, links), *depth));
            }
        }
        let middle_at: HashMap<Middle, usize> =
            middle.iter().enumerate().map(|(i, (m, _, _))| (m.clone(), i)).collect();
        let countries = place_countries(ctx, right, &middle, &middle_at);
        let country_at = countries.iter().enumerate().map(|(i, (c, _))| (*c, i)).collect();
        let mut map = Map {
            activities,
            activity_of: shown,
            middle,
            middle_at,
            countries,
            country_at,
            left,
            right,
        };
        map.outline_unsafeguarded();
        map
    }

    /// A party or activity with an unsafeguarded flow gets a red outline.
    fn outline_unsafeguarded(&mut self) {
        for ((m, _), status, _) in self.right {
            if status.is_unsafeguarded()
                && let Some(i) = self.middle_at.get(m)
            {
                self.middle[*i].1.stroke = UNSAFEGUARDED;
            }
        }
        for ((a, _), status) in &self.left {
            if status.is_unsafeguarded() {
                self.activities[*a].stroke = UNSAFEGUARDED;
            }
        }
    }

    fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.activities
            .iter()
            .chain(self.middle.iter().map(|(_, n, _)| n))
            .chain(self.countries.iter().map(|(_, n)| n))
    }
}

/// The outline of a node whose data leaves the EEA without a safeguard.
const UNSAFEGUARDED: &str = "#c62828";
/// A party's mark for certification under the EU–US Data Privacy Framework.
const DPF: &str = "DPF";
/// The plain boxes: the column headings say what they are.
const ACTIVITY_FILL: &str = "#eef3fb";
const ACTIVITY_STROKE: &str = "#9cb3d4";
const PARTY_FILL: &str = "#ffffff";
const PARTY_STROKE: &str = "#b3bdca";
/// The dashed outline of a recipient the record does not declare, in the
/// colour of a flow it does not declare.
const UNDECLARED_STROKE: &str = "#d98a06";
/// How a dashed box is dashed, on the map and in its legend.
const BOX_DASH: &str = "4 3";

fn activity_node(ctx: &Ctx, a: usize, links: Links) -> Node {
    let av = &ctx.view.activities[a];
    let activity = av.activity;
    let role = i18n::label(ctx.lang, activity.role_kind());
    let mut title = wrap(activity.title(), ACTIVITY_W - 18, 110, true);
    let subtitle = if title.len() > 1 {
        title.pop().unwrap_or_default()
    } else {
        String::new()
    };
    Node {
        x: ACTIVITY_X,
        y: TOP,
        w: ACTIVITY_W,
        title: title.concat(),
        subtitle,
        tooltip: format!("{} ({}) · {role}", activity.title(), av.id()),
        href: links.activities.then(|| av.anchor.clone()),
        fill: ACTIVITY_FILL,
        stroke: ACTIVITY_STROKE,
        dashed: false,
        two_lines: true,
    }
}

fn by_barycentre(means: &[i64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..means.len()).collect();
    order.sort_by_key(|i| (means[*i], *i));
    order
}

/// Tops of items stacked without gaps in `order`, then arranged.
fn stacked(order: &[usize], height: &dyn Fn(usize) -> i64) -> Vec<i64> {
    let mut wanted = vec![(0, 0); order.len()];
    let mut next = TOP;
    for i in order {
        wanted[*i] = (next, height(*i));
        next += height(*i) + GAP;
    }
    arrange(&wanted)
}

/// Layout by barycentres (Sugiyama's heuristic): the taller of the first
/// two columns is stacked without gaps, in the order that keeps edges
/// short; the other is placed at the mean height of what it links to.
/// Returns the activities' tops and the party groups' tops.
fn place_columns(groups: &[Vec<(Middle, usize)>], left: &[LeftEdge], activities: usize) -> (Vec<i64>, Vec<i64>) {
    let group_of: HashMap<&Middle, usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, members)| members.iter().map(move |(m, _)| (m, g)))
        .collect();
    let pitch = NODE_H + GAP;
    let group_height = |g: usize| groups[g].len() as i64 * pitch - GAP;
    let row_of: HashMap<&Middle, i64> = groups
        .iter()
        .flat_map(|members| members.iter().enumerate().map(|(row, (m, _))| (m, row as i64)))
        .collect();
    let row_in_group = |entry: &Middle| row_of.get(entry).copied().unwrap_or(0);
    let spec_order: Vec<usize> = (0..activities).collect();
    let activity_y = stacked(&spec_order, &|_| NODE_H);
    let mut incoming: Vec<Vec<i64>> = vec![Vec::new(); groups.len()];
    for ((a, entry), _) in left {
        if let Some(g) = group_of.get(entry) {
            incoming[*g].push(activity_y[*a] + NODE_H / 2 - row_in_group(entry) * pitch);
        }
    }
    let means: Vec<i64> = incoming.iter().map(|ys| mean(ys)).collect();
    let middle_taller = groups.iter().map(Vec::len).sum::<usize>() > activities;
    if !middle_taller {
        let wanted: Vec<(i64, i64)> = (0..groups.len())
            .map(|g| (means[g] - NODE_H / 2, group_height(g)))
            .collect();
        return (activity_y, arrange(&wanted));
    }
    let group_top = stacked(&by_barycentre(&means), &group_height);
    let mut outgoing: Vec<Vec<i64>> = vec![Vec::new(); activities];
    for ((a, entry), _) in left {
        if let Some(g) = group_of.get(entry) {
            outgoing[*a].push(group_top[*g] + row_in_group(entry) * pitch + NODE_H / 2);
        }
    }
    let wanted: Vec<(i64, i64)> = (0..activities)
        .map(|a| {
            // An activity without a party stays near its place in the spec.
            let want = if outgoing[a].is_empty() {
                activity_y[a] + NODE_H / 2
            } else {
                mean(&outgoing[a])
            };
            (want - NODE_H / 2, NODE_H)
        })
        .collect();
    (arrange(&wanted), group_top)
}

/// Countries at the mean height of the parties linking in, top to bottom.
fn place_countries(
    ctx: &Ctx,
    right: &[RightEdge],
    middle: &[(Middle, Node, usize)],
    middle_at: &HashMap<Middle, usize>,
) -> Vec<(Option<Country>, Node)> {
    let mut countries: Vec<Option<Country>> = Vec::new();
    for ((_, country), _, _) in right {
        if !countries.contains(country) {
            countries.push(*country);
        }
    }
    countries.sort_by_key(|c| (Zone::of(*c), c.map(|c| c.code()).unwrap_or("~")));
    let wanted: Vec<(i64, i64)> = countries
        .iter()
        .map(|c| {
            let ys: Vec<i64> = right
                .iter()
                .filter(|((_, country), _, _)| country == c)
                .filter_map(|((m, _), _, _)| middle_at.get(m).map(|i| middle[*i].1.center_y()))
                .collect();
            (mean(&ys) - NODE_H / 2, NODE_H)
        })
        .collect();
    let tops = arrange(&wanted);
    let mut nodes: Vec<(Option<Country>, Node)> = countries
        .iter()
        .zip(tops)
        .map(|(c, y)| (*c, country_node(ctx, *c, y)))
        .collect();
    nodes.sort_by_key(|(_, n)| n.y);
    nodes
}

/// The top of the legend: under the lowest node.
fn legend_top(map: &Map) -> i64 {
    map.nodes().map(|n| n.y + NODE_H).max().unwrap_or(TOP) + 22
}

/// Whether the legend explains "DPF": a party on the map is certified.
fn shows_dpf(map: &Map) -> bool {
    map.nodes().any(|n| n.subtitle.split(" · ").any(|fact| fact == DPF))
}

/// The picture's opening: the `<svg>` element (its height depends on the
/// whole layout and the legend's height), title, background and column
/// headings.
fn head(ctx: &Ctx, map: &Map, legend_height: i64) -> String {
    let view = ctx.view;
    let mut out = String::with_capacity(4 * 1024);
    let height = legend_top(map) + legend_height + MARGIN;
    let org = view.organization_name().unwrap_or(ctx.t(Key::UnnamedOrganization));
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         role=\"img\" aria-labelledby=\"ropa-map-title ropa-map-desc\" font-family=\"{FONT}\">\n\
         <title id=\"ropa-map-title\">{}</title>\n<desc id=\"ropa-map-desc\">{}</desc>\n\
         <rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
        esc(&format!("{}: {org}", ctx.t(Key::MapTitle))),
        esc(ctx.t(Key::MapCaption)),
    );
    for (x, key) in [
        (ACTIVITY_X, Key::MapActivities),
        (PARTY_X, Key::MapParties),
        (COUNTRY_X, Key::MapCountries),
    ] {
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"24\" font-size=\"11\" font-weight=\"700\" fill=\"#5b667a\" letter-spacing=\"0.04em\">{}</text>",
            esc(&ctx.t(key).to_uppercase())
        );
    }
    if view.activities.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{ACTIVITY_X}\" y=\"{}\" font-size=\"11\" fill=\"#5b667a\">{}</text>",
            TOP + 20,
            esc(ctx.t(Key::MapEmpty))
        );
    }
    out
}

/// Marks drawn between checkpoints, where the text so far may be written.
const MARKS_PER_CHECKPOINT: usize = 256;

/// What a picture has around its marks: the opening (whose height depends
/// on the legend's) and the legend.
struct Frame {
    head: String,
    legend: String,
}

impl Frame {
    fn of(ctx: &Ctx, map: &Map) -> Frame {
        let (legend, legend_height) = legend(ctx, legend_top(map), shows_dpf(map));
        Frame {
            head: head(ctx, map, legend_height),
            legend,
        }
    }
}

/// The picture: heading, edges under nodes, nodes, legend.
fn draw(ctx: &Ctx, map: &Map, out: &mut dyn Out) {
    draw_in(ctx, map, &Frame::of(ctx, map), out);
}

fn draw_in(ctx: &Ctx, map: &Map, frame: &Frame, out: &mut dyn Out) {
    out.text().push_str(&frame.head);
    draw_edges(ctx, map, out);
    for (i, node) in map.nodes().enumerate() {
        if i % MARKS_PER_CHECKPOINT == 0 {
            out.checkpoint();
        }
        draw_node(out.text(), node);
    }
    let text = out.text();
    text.push_str(&frame.legend);
    text.push_str("</svg>\n");
    out.checkpoint();
}

/// Edges under the nodes, the most serious drawn last, on top; then the
/// lines that hang sub-processors under the processor that engages them.
fn draw_edges(ctx: &Ctx, map: &Map, out: &mut dyn Out) {
    let rank = |status: &Status| match status.tone() {
        Tone::Error => 3,
        Tone::Warning => 2,
        Tone::Ok => 1,
        _ => 0,
    };
    // Which edges, in the order drawn: by seriousness, else as found (left
    // edges first). Each is written as it is reached, none held.
    let mut order: Vec<(u8, usize)> = map
        .left
        .iter()
        .map(|(_, status)| rank(status))
        .chain(map.right.iter().map(|(_, status, _)| rank(status)))
        .enumerate()
        .map(|(i, rank)| (rank, i))
        .collect();
    order.sort_by_key(|(rank, _)| *rank);
    out.text().push_str("<g fill=\"none\">\n");
    for (n, (_, i)) in order.into_iter().enumerate() {
        if n % MARKS_PER_CHECKPOINT == 0 {
            out.checkpoint();
        }
        let path = match map.left.get(i) {
            Some(edge) => left_edge(ctx, map, edge),
            None => map
                .right
                .get(i - map.left.len())
                .and_then(|edge| right_edge(ctx, map, edge)),
        };
        if let Some(path) = path {
            out.text().push_str(&path);
        }
    }
    let out = out.text();
    for (i, (_, node, depth)) in map.middle.iter().enumerate() {
        if *depth == 0 {
            continue;
        }
        if let Some(parent) = map.middle[..i].iter().rev().find(|(_, _, d)| *d + 1 == *depth) {
            let x = parent.1.x + 8;
            let _ = writeln!(
                out,
                "<path d=\"M{x} {} V{} H{}\" stroke=\"{SUBPROCESSOR_LINE}\" stroke-width=\"{SUBPROCESSOR_WIDTH}\"/>",
                parent.1.y + NODE_H,
                node.center_y(),
                node.x
            );
        }
    }
    out.push_str("</g>\n");
}

/// An edge from an activity to the party its data reaches first.
fn left_edge(ctx: &Ctx, map: &Map, ((a, entry), status): &LeftEdge) -> Option<String> {
    let from = map.activities.get(*a)?;
    let to = &map.middle.get(*map.middle_at.get(entry)?)?.1;
    let title = map
        .activity_of
        .get(*a)
        .map_or("", |i| ctx.view.activities[*i].activity.title());
    let tip = format!("{title} → {}", to.tooltip);
    Some(edge(from, to, *status, &tip))
}

/// An edge from a party to a country its data reaches.
fn right_edge(ctx: &Ctx, map: &Map, ((m, country), status, titles): &RightEdge) -> Option<String> {
    let from = &map.middle.get(*map.middle_at.get(m)?)?.1;
    let to = &map.countries.get(*map.country_at.get(country)?)?.1;
    let tip = format!(
        "{} → {}: {} ({})",
        from.tooltip,
        to.title,
        pieces::status_text(ctx, *status),
        titles.join(", ")
    );
    Some(edge(from, to, *status, &tip))
}

/// The line that hangs a sub-processor under its processor.
const SUBPROCESSOR_LINE: &str = "#b8c0cc";
const SUBPROCESSOR_WIDTH: &str = "1.2";

/// A curve from the right side of `from` to the left side of `to`.
fn edge(from: &Node, to: &Node, status: Status, tooltip: &str) -> String {
    let (x1, y1, x2, y2) = (from.x + from.w, from.center_y(), to.x, to.center_y());
    let (color, width, dash) = edge_style(status.tone());
    let mid = (x1 + x2) / 2;
    let dash = dash.map_or(String::new(), |d| format!(" stroke-dasharray=\"{d}\""));
    format!(
        "<path d=\"M{x1} {y1} C{mid} {y1} {mid} {y2} {x2} {y2}\" stroke=\"{color}\" stroke-width=\"{width}\"{dash}><title>{}</title></path>\n",
        esc(tooltip)
    )
}

fn middle_node(ctx: &Ctx, member: &Middle, y: i64, indent: i64, links: Links) -> Node {
    let view = ctx.view;
    let w = PARTY_W - indent;
    match member {
        Middle::Party(p) => {
            let pv = &view.parties[*p];
            let party = pv.party;
            let mut facts = vec![
                ctx.t(match party.kind {
                    ropa_syntax::model::PartyKind::Processor => Key::MapProcessorShort,
                    ropa_syntax::model::PartyKind::Subprocessor => Key::MapSubProcessorShort,
                    ropa_syntax::model::PartyKind::Recipient => Key::MapRecipientShort,
                    ropa_syntax::model::PartyKind::JointController => Key::MapJointControllerShort,
                    ropa_syntax::model::PartyKind::System => Key::MapSystemShort,
                })
                .to_owned(),
            ];
            if let Some(country) = &party.country {
                facts.push(country.value.code().to_owned());
            }
            if let Some(parent) = &party.parent {
                facts.push(format!("{} {}", ctx.t(Key::MapParentShort), parent.value.code()));
            }
            if party.dpf.as_ref().is_some_and(|d| d.value) {
                facts.push(DPF.to_owned());
            }
            let subtitle = facts.join(" · ");
            Node {
                x: PARTY_X + indent,
                y,
                w,
                title: fit(pv.name(), w - 18, 115, true),
                subtitle: fit(&subtitle, w - 18, 95, false),
                tooltip: format!("{} ({}) · {subtitle}", pv.name(), pv.id()),
                href: links.parties.then(|| pv.anchor.clone()),
                fill: PARTY_FILL,
                stroke: PARTY_STROKE,
                dashed: false,
                two_lines: false,
            }
        }
        Middle::Other(recipient) => {
            let (title, subtitle) = match recipient {
                Recipient::Undefined(id) => (id.clone(), pieces::not_declared(ctx).to_owned()),
                _ => (ctx.t(Key::RecipientNotNamed).to_owned(), String::new()),
            };
            Node {
                x: PARTY_X + indent,
                y,
                w,
                title: fit(&title, w - 18, 115, true),
                subtitle: fit(&subtitle, w - 18, 95, false),
                tooltip: title,
                href: None,
                fill: PARTY_FILL,
                stroke: UNDECLARED_STROKE,
                dashed: true,
                two_lines: false,
            }
        }
    }
}

fn country_node(ctx: &Ctx, country: Option<Country>, y: i64) -> Node {
    let zone = Zone::of(country);
    let (fill, stroke) = zone_colors(zone);
    let (title, subtitle) = match country {
        Some(c) => (pieces::country_name(ctx, c), ctx.t(zone_key(zone))),
        None => (ctx.t(Key::MapUnknownLocation).to_owned(), ""),
    };
    Node {
        x: COUNTRY_X,
        y,
        w: COUNTRY_W,
        title: fit(&title, COUNTRY_W - 18, 115, true),
        subtitle: fit(subtitle, COUNTRY_W - 18, 95, false),
        tooltip: format!("{title} · {subtitle}"),
        href: None,
        fill,
        stroke,
        dashed: zone == Zone::Unknown,
        two_lines: false,
    }
}

fn draw_node(out: &mut String, node: &Node) {
    let dash = if node.dashed {
        format!(" stroke-dasharray=\"{BOX_DASH}\"")
    } else {
        String::new()
    };
    if let Some(href) = &node.href {
        let _ = writeln!(out, "<a href=\"#{}\">", esc(href));
    }
    let _ = write!(
        out,
        "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{NODE_H}\" rx=\"5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"{dash}/>",
        esc(&node.tooltip),
        node.x,
        node.y,
        node.w,
        node.fill,
        node.stroke,
    );
    let (size, y) = match (node.two_lines, node.subtitle.is_empty()) {
        (true, true) => ("11", node.y + 22),
        (true, false) => ("11", node.y + 15),
        (false, true) => ("11.5", node.y + 22),
        (false, false) => ("11.5", node.y + 15),
    };
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{y}\" font-size=\"{size}\" font-weight=\"600\" fill=\"#172033\">{}</text>",
        node.x + 9,
        esc(&node.title)
    );
    if node.two_lines {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"600\" fill=\"#172033\">{}</text>",
            node.x + 9,
            node.y + 29,
            esc(&node.subtitle)
        );
    } else if !node.subtitle.is_empty() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"9.5\" fill=\"#5b667a\">{}</text>",
            node.x + 9,
            node.y + 29,
            esc(&node.subtitle)
        );
    }
    out.push_str("</g>\n");
    if node.href.is_some() {
        out.push_str("</a>\n");
    }
}

/// The key to every mark the map draws, wrapped to the width of the
/// picture: the fill of each zone, each kind of line, the outline of a
/// node behind a transfer without a safeguard, the box of a recipient the
/// record does not declare, the line that hangs a sub-processor under its
/// processor, and "DPF" where a party is certified. The plain boxes need
/// none: the column headings say what they are. The swatches are drawn
/// with the very attributes of the marks (tests/legend.rs compares them).
fn legend(ctx: &Ctx, top: i64, dpf: bool) -> (String, i64) {
    let mut out = String::new();
    let line_height = 20;
    let mut x = MARGIN;
    let mut y = top;
    let item = |out: &mut String, swatch: String, label: &str, x: &mut i64, y: &mut i64| {
        let width = 30 + (label.chars().count() as i64 * 56 * 95) / 1000 + 18;
        if *x + width > WIDTH - MARGIN && *x > MARGIN {
            *x = MARGIN;
            *y += line_height;
        }
        out.push_str(&swatch.replace("{x}", &x.to_string()).replace("{y}", &y.to_string()));
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"9.5\" fill=\"#39424f\">{}</text>",
            *x + 26,
            *y + 4,
            esc(label)
        );
        *x += width;
    };
    let boxed = |fill: &str, stroke: &str, dashed: bool| {
        let dash = if dashed {
            format!(" stroke-dasharray=\"{BOX_DASH}\"")
        } else {
            String::new()
        };
        format!(
            "<rect x=\"{{x}}\" y=\"{{y}}\" width=\"20\" height=\"12\" rx=\"3\" transform=\"translate(0 -8)\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.2\"{dash}/>\n"
        )
    };
    let _ = writeln!(
        out,
        "<g class=\"legend\">\n<line x1=\"{MARGIN}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d8dde6\"/>",
        top - 12,
        WIDTH - MARGIN,
        top - 12
    );
    for zone in Zone::ALL {
        let (fill, stroke) = zone_colors(zone);
        let swatch = boxed(fill, stroke, zone == Zone::Unknown);
        item(&mut out, swatch, ctx.t(zone_key(zone)), &mut x, &mut y);
    }
    x = MARGIN;
    y += line_height;
    for (tone, key) in [
        (Tone::Neutral, Key::LegendInsideEea),
        (Tone::Ok, Key::LegendSafeguarded),
        (Tone::Warning, Key::NotInRecord),
        (Tone::Error, Key::LegendWithoutSafeguard),
    ] {
        let (color, width, dash) = edge_style(tone);
        let dash = dash.map_or(String::new(), |d| format!(" stroke-dasharray=\"{d}\""));
        let swatch = format!(
            "<path d=\"M{{x}} {{y}} m0 -2 h20\" stroke=\"{color}\" stroke-width=\"{width}\"{dash} fill=\"none\"/>\n"
        );
        item(&mut out, swatch, ctx.t(key), &mut x, &mut y);
    }
    x = MARGIN;
    y += line_height;
    item(
        &mut out,
        boxed(PARTY_FILL, UNSAFEGUARDED, false),
        ctx.t(Key::LegendUnsafeguardedNode),
        &mut x,
        &mut y,
    );
    item(
        &mut out,
        boxed(PARTY_FILL, UNDECLARED_STROKE, true),
        ctx.t(Key::LegendUndeclaredRecipient),
        &mut x,
        &mut y,
    );
    let hang = format!(
        "<path d=\"M{{x}} {{y}} m4 -9 v7 h16\" stroke=\"{SUBPROCESSOR_LINE}\" stroke-width=\"{SUBPROCESSOR_WIDTH}\" fill=\"none\"/>\n"
    );
    item(&mut out, hang, ctx.t(Key::LegendSubProcessor), &mut x, &mut y);
    if dpf {
        let swatch = "<text x=\"{x}\" y=\"{y}\" transform=\"translate(0 4)\" font-size=\"9.5\" font-weight=\"600\" fill=\"#5b667a\">DPF</text>\n".to_owned();
        item(&mut out, swatch, ctx.t(Key::LegendDpf), &mut x, &mut y);
    }
    out.push_str("</g>\n");
    (out, y - top + 8)
}

#[cfg(test)]
mod tests {
    use super::{arrange, fit, wrap};

    #[test]
    fn long_names_are_shortened_with_an_ellipsis() {
        assert_eq!(fit("Google", 190, 115, true), "Google");
        let long = "Behandling af personoplysninger på vegne af Kunden og mange andre";
        let short = fit(long, 190, 115, true);
        assert!(
            short.ends_with('…') && short.chars().count() < long.chars().count(),
            "{short}"
        );
    }

    #[test]
    fn placement_keeps_order_and_never_overlaps() {
        let tops = arrange(&[(100, 36), (90, 36), (0, 80)]);
        assert_eq!(tops[2], super::TOP, "the lowest wish goes first, at the top");
        assert!(tops[1] >= tops[2] + 80);
        assert!(tops[0] >= tops[1] + 36);
    }

    #[test]
    fn titles_wrap_onto_two_lines() {
        let lines = wrap("Behandling af personoplysninger på vegne af Kunden", 190, 110, true);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 28), "{lines:?}");
        assert_eq!(wrap("Intern chat", 190, 110, true), vec!["Intern chat".to_owned()]);
    }
}
