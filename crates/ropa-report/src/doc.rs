//! A report as a format-neutral document: sections, field lists, tables,
//! callouts and inline text. The builders write it in the chosen language;
//! `html` and `markdown` print it, and only they produce markup, so every
//! piece of text is escaped in exactly one place per format.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use crate::i18n::Lang;

/// How a piece of text or a callout is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    Error,
    Warning,
    Info,
    Ok,
    Neutral,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Error => "error",
            Tone::Warning => "warning",
            Tone::Info => "info",
            Tone::Ok => "ok",
            Tone::Neutral => "neutral",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Text, printed as written (escaped by the renderer).
    Text(String),
    Strong(String),
    /// Secondary text: ids, articles, explanations.
    Muted(String),
    /// An id or keyword as written in the spec.
    Code(String),
    /// A link within the document.
    Link {
        text: String,
        anchor: String,
    },
    /// A link to a web page (only `https://` and `http://` URLs are made links).
    Url {
        text: String,
        url: String,
    },
    /// An e-mail address.
    Mail(String),
    /// Links to many places of one kind, joined by ", ".
    Links(LinkList),
    Badge(Tone, String),
    /// Something the record should say and does not: shown highlighted.
    Missing(String),
    /// A gap in a text meant for publication (the privacy notice), with its
    /// brackets: "[to complete: …]". Printed as written in every format, so
    /// that it survives being copied as plain text into a web page.
    Placeholder(String),
    Break,
}

pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

pub fn muted(s: impl Into<String>) -> Inline {
    Inline::Muted(s.into())
}

pub fn missing(s: impl Into<String>) -> Inline {
    Inline::Missing(s.into())
}

pub fn link(text: impl Into<String>, anchor: impl Into<String>) -> Inline {
    Inline::Link {
        text: text.into(),
        anchor: anchor.into(),
    }
}

/// A run of inline content.
pub type Line = Vec<Inline>;

/// Where a link goes: the text it shows and the anchor it leads to.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkTarget {
    pub text: String,
    pub anchor: String,
}

/// Links joined by ", ", each an index into a table of targets the whole
/// document shares: a category's "used by" list names thousands of
/// activities in a large record, and as a link and a separator per name,
/// each with its own copies of the name and anchor, such lists were a
/// tenth of the memory of the report of 100,000 activities.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkList {
    targets: Arc<[LinkTarget]>,
    items: Box<[u32]>,
    /// Cleared when the document lacks the targets' anchors (a report
    /// without the record): the names are then plain text.
    linked: bool,
}

impl LinkList {
    /// Links to `items` (indexes into `targets`); an index past the end
    /// is left out.
    pub fn new(targets: &Arc<[LinkTarget]>, items: &[usize]) -> LinkList {
        LinkList {
            targets: Arc::clone(targets),
            items: items
                .iter()
                .filter(|i| **i < targets.len())
                .filter_map(|i| u32::try_from(*i).ok())
                .collect(),
            linked: true,
        }
    }

    pub const SEPARATOR: &str = ", ";

    /// Each target in order, and whether it is a link.
    pub fn iter(&self) -> impl Iterator<Item = (&LinkTarget, bool)> {
        self.items
            .iter()
            .filter_map(|i| self.targets.get(*i as usize))
            .map(|t| (t, self.linked))
    }

    /// The list as one inline per link and separator, as [`join`] makes it.
    fn spelled_out(&self) -> Line {
        join(
            self.iter()
                .map(|(t, _)| vec![link(t.text.clone(), t.anchor.clone())])
                .collect(),
            Self::SEPARATOR,
        )
    }
}

/// Joins lines with line breaks.
pub fn lines(items: Vec<Line>) -> Line {
    let mut out = Vec::with_capacity(joined_len(&items));
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::Break);
        }
        out.extend(item);
    }
    out
}

/// The length of `items` joined with one inline between each two: the
/// joined line is allocated once at its size, where growing it kept up to
/// twice the room (a "used by" list of thousands of activities, a privacy
/// notice's row per activity).
fn joined_len(items: &[Line]) -> usize {
    items.iter().map(Vec::len).sum::<usize>() + items.len().saturating_sub(1)
}

/// Joins lines with a separator.
pub fn join(items: Vec<Line>, separator: &str) -> Line {
    let mut out = Vec::with_capacity(joined_len(&items));
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(text(separator));
        }
        out.extend(item);
    }
    out
}

/// One row of a field list: a label (with the article that asks for it) and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: String,
    pub cite: Option<String>,
    pub value: Line,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub anchor: Option<String>,
    pub cells: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Row>,
    /// Columns holding counts: right-aligned.
    pub numeric: Vec<usize>,
    /// Each column's share of the width, in percent. Fixed widths keep a
    /// long word from squeezing the other columns or widening the table
    /// past the page.
    pub widths: Vec<u8>,
    /// Rows printed after `rows`, built only as they are printed.
    pub later: Option<LaterRows>,
}

/// Table rows too many to hold at once: one per activity or transfer of
/// the record. The printer builds them a batch at a time ([`BuildRows`]),
/// prints the batch and drops it. They carry no anchors, so links to them
/// need none of them built.
#[derive(Clone, Debug, PartialEq)]
pub struct LaterRows {
    pub kind: RowsKind,
    /// Which items, in order: indexes into the view's activities or flows.
    pub items: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowsKind {
    /// The record's overview: one row per activity.
    Overview,
    /// The transfer list: one row per flow that is a transfer.
    Transfers,
    /// The privacy notice's purposes: one row per activity in scope.
    NoticePurposes,
}

/// Builds the rows of a batch of a [`LaterRows`]' items.
pub type BuildRows<'b> = dyn Fn(RowsKind, &[usize]) -> Vec<Row> + Sync + 'b;

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Line),
    Callout(Tone, Line),
    Fields(Vec<Field>),
    Table(Table),
    List(Vec<Line>),
    /// A page of the transfer map, drawn by `svg` (which escapes its own
    /// text) only as it is printed, with a caption, and what to say instead
    /// where a picture cannot be shown.
    Figure {
        page: usize,
        caption: Line,
        fallback: Line,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub anchor: Option<String>,
    pub title: String,
    /// Shown after the title: counts of findings, a role.
    pub badges: Line,
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
    /// Children printed after `children`, built only as they are printed.
    pub deferred: Option<Deferred>,
}

impl Section {
    pub fn new(anchor: Option<String>, title: impl Into<String>) -> Section {
        Section {
            anchor,
            title: title.into(),
            badges: Vec::new(),
            blocks: Vec::new(),
            children: Vec::new(),
            deferred: None,
        }
    }
}

/// Sibling sections too many to hold at once: a record's activities. The
/// printer builds them a batch at a time ([`Expand`]), prints the batch and
/// drops it, so the document in memory stays the size of its summary parts
/// however many activities the record has (each activity's section takes
/// several times the text it prints).
#[derive(Clone, Debug, PartialEq)]
pub struct Deferred {
    pub kind: DeferredKind,
    /// Which items, in order: indexes into the view's activities.
    pub items: Vec<usize>,
    /// The anchor each built section will carry (it carries no other), so
    /// that links to it are kept before it is built.
    pub anchors: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeferredKind {
    ControllerActivities,
    ProcessorActivities,
}

/// Builds the sections of a batch of a [`Deferred`]'s items.
pub type Expand<'e> = dyn Fn(DeferredKind, &[usize]) -> Vec<Section> + Sync + 'e;

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub lang: Lang,
    /// What the document is ("Record of processing activities").
    pub title: String,
    /// Whose it is: the organization's name.
    pub subject: String,
    /// Facts about the document: organization, dates, revision.
    pub cover: Vec<Field>,
    /// Callouts under the cover: errors in the record, draft status.
    pub alerts: Vec<(Tone, Line)>,
    /// The heading of the table of contents.
    pub contents_title: String,
    /// Top-level parts; each starts a new page in print.
    pub parts: Vec<Section>,
    /// Printed at the foot of each page.
    pub footer: String,
    /// Every anchor in the document, deferred sections' included: filled in
    /// by [`Document::unlink_missing_anchors`], read again when a batch of
    /// deferred sections is built.
    pub anchors: HashSet<String>,
}

impl Document {
    /// Turns links to anchors that the document does not contain into plain
    /// text: the findings report alone cannot link into a record it lacks.
    pub fn unlink_missing_anchors(&mut self) {
        let mut anchors = HashSet::default();
        for part in &self.parts {
            collect_anchors(part, &mut anchors);
        }
        for part in &mut self.parts {
            unlink(part, &anchors);
        }
        self.anchors = anchors;
    }

    /// The rows of `later`'s items at `batch` (positions in its list), as
    /// the document would hold them: links to anchors it lacks made plain
    /// text.
    pub fn rows(&self, build: &BuildRows, later: &LaterRows, batch: std::ops::Range<usize>) -> Vec<Row> {
        let mut rows = build(later.kind, &later.items[batch]);
        crate::parallel::each_mut(&mut rows, |row| {
            debug_assert_eq!(row.anchor, None, "a later row's anchor");
            for cell in &mut row.cells {
                unlink_line(cell, &self.anchors);
            }
        });
        rows
    }

    /// The sections of `deferred`'s items at `batch` (positions in its
    /// list), as the document would hold them: links to anchors it lacks
    /// made plain text.
    pub fn expand(&self, expand: &Expand, deferred: &Deferred, batch: std::ops::Range<usize>) -> Vec<Section> {
        let mut sections = expand(deferred.kind, &deferred.items[batch.clone()]);
        // Links elsewhere were kept or unlinked by the declared anchors: a
        // section carrying any other would break them.
        if cfg!(debug_assertions) {
            for (section, declared) in sections.iter().zip(&deferred.anchors[batch]) {
                let mut carried = HashSet::default();
                collect_anchors(section, &mut carried);
                debug_assert_eq!(
                    carried,
                    HashSet::from_iter([declared.clone()]),
                    "a deferred section's anchors"
                );
            }
        }
        crate::parallel::each_mut(&mut sections, |section| unlink(section, &self.anchors));
        sections
    }
}

pub(crate) fn collect_anchors(section: &Section, anchors: &mut HashSet<String>) {
    anchors.extend(section.anchor.iter().cloned());
    if let Some(deferred) = &section.deferred {
        anchors.extend(deferred.anchors.iter().cloned());
    }
    for block in &section.blocks {
        if let Block::Table(table) = block {
            anchors.extend(table.rows.iter().filter_map(|r| r.anchor.clone()));
        }
    }
    for child in &section.children {
        collect_anchors(child, anchors);
    }
}

/// Turns the links in `line` to anchors not in `anchors` into plain text.
fn unlink_line(line: &mut Line, anchors: &HashSet<String>) {
    let mut some_linked = false;
    for inline in line.iter_mut() {
        match inline {
            Inline::Link { text, anchor } if !anchors.contains(anchor.as_str()) => {
                *inline = Inline::Text(std::mem::take(text));
            }
            Inline::Links(list) => {
                let present = list.iter().filter(|(t, _)| anchors.contains(t.anchor.as_str())).count();
                if present == 0 {
                    list.linked = false;
                } else if present < list.items.len() {
                    some_linked = true;
                }
            }
            _ => {}
        }
    }
    if some_linked {
        // Some of a list's targets are in the document and some are
        // not: spelled out, each link is kept or made text on its own.
        let spelled: Line = std::mem::take(line)
            .into_iter()
            .flat_map(|inline| match inline {
                Inline::Links(list) => list
                    .spelled_out()
                    .into_iter()
                    .map(|i| match i {
                        Inline::Link { text, anchor } if !anchors.contains(anchor.as_str()) => Inline::Text(text),
                        i => i,
                    })
                    .collect(),
                inline => vec![inline],
            })
            .collect();
        *line = spelled;
    }
}

fn unlink(section: &mut Section, anchors: &HashSet<String>) {
    let fix = |line: &mut Line| unlink_line(line, anchors);
    fix(&mut section.badges);
    for block in &mut section.blocks {
        match block {
            Block::Paragraph(line) | Block::Callout(_, line) => fix(line),
            Block::Fields(fields) => fields.iter_mut().for_each(|f| fix(&mut f.value)),
            Block::Table(table) => table.rows.iter_mut().for_each(|r| r.cells.iter_mut().for_each(&fix)),
            Block::List(items) => items.iter_mut().for_each(&fix),
            Block::Figure { caption, fallback, .. } => {
                fix(caption);
                fix(fallback);
            }
        }
    }
    for child in &mut section.children {
        unlink(child, anchors);
    }
}

/// A line as plain text, for CSV cells: breaks become newlines, badges and
/// placeholders are bracketed so they still stand out.
pub fn plain(line: &[Inline]) -> String {
    let mut out = String::new();
    for inline in line {
        match inline {
            Inline::Text(s)
            | Inline::Strong(s)
            | Inline::Muted(s)
            | Inline::Code(s)
            | Inline::Mail(s)
            | Inline::Placeholder(s) => out.push_str(s),
            Inline::Link { text, .. } | Inline::Url { text, .. } => out.push_str(text),
            Inline::Links(list) => {
                for (i, (target, _)) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str(LinkList::SEPARATOR);
                    }
                    out.push_str(&target.text);
                }
            }
            Inline::Badge(_, s) | Inline::Missing(s) => {
                out.push('[');
                out.push_str(s);
                out.push(']');
            }
            Inline::Break => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Arc<[LinkTarget]> {
        ["a", "b <&>", "c"]
            .iter()
            .map(|id| LinkTarget {
                text: format!("Activity {id}"),
                anchor: format!("activity-{id}"),
            })
            .collect()
    }

    /// A document of one part holding `line`, and a section for each of
    /// `present` carrying that anchor.
    fn document(line: Line, present: &[&str]) -> Document {
        let mut part = Section::new(Some("part".to_owned()), "Part");
        part.blocks.push(Block::Paragraph(line));
        part.children = present
            .iter()
            .map(|anchor| Section::new(Some((*anchor).to_owned()), *anchor))
            .collect();
        let mut document = Document {
            lang: Lang::En,
            title: "Title".to_owned(),
            subject: "Org".to_owned(),
            cover: Vec::new(),
            alerts: Vec::new(),
            contents_title: "Contents".to_owned(),
            parts: vec![part],
            footer: String::new(),
            anchors: HashSet::default(),
        };
        document.unlink_missing_anchors();
        document
    }

    fn printed(document: &Document) -> (String, String) {
        printed_with(document, &|_, _| Vec::new())
    }

    fn printed_with(document: &Document, rows: &BuildRows) -> (String, String) {
        let print = crate::stream::Print {
            document,
            expand: &|_, _| Vec::new(),
            rows,
            draw: &|_, _| {},
        };
        let mut html = Vec::new();
        crate::html::render(print, &mut html).expect("into memory");
        let mut markdown = Vec::new();
        crate::markdown::render(print, &mut markdown).expect("into memory");
        (
            String::from_utf8(html).expect("UTF-8"),
            String::from_utf8(markdown).expect("UTF-8"),
        )
    }

    #[test]
    fn later_rows_print_and_unlink_as_rows_built_ahead() {
        let targets = targets();
        // Item i: a row linking to target i, and to a place the document
        // lacks; more items than a batch.
        let row = |i: usize| Row {
            anchor: None,
            cells: vec![
                vec![link(targets[i % 3].text.clone(), targets[i % 3].anchor.clone())],
                vec![link(format!("gone {i}"), "nowhere"), text(format!(" {i}"))],
            ],
        };
        let items: Vec<usize> = (0..crate::stream::BATCH + 3).collect();
        let table = |rows: Vec<Row>, later: Option<LaterRows>| {
            Block::Table(Table {
                head: vec!["A".to_owned(), "B".to_owned()],
                rows,
                numeric: Vec::new(),
                widths: vec![50, 50],
                later,
            })
        };
        let with = |block: Block| {
            let mut document = document(Vec::new(), &["activity-a"]);
            document.parts[0].blocks = vec![block];
            document.unlink_missing_anchors();
            document
        };
        let later = with(table(
            vec![row(7)],
            Some(LaterRows {
                kind: RowsKind::Overview,
                items: items.clone(),
            }),
        ));
        let build = |kind: RowsKind, batch: &[usize]| {
            assert_eq!(kind, RowsKind::Overview);
            assert!(batch.len() <= crate::stream::BATCH);
            batch.iter().map(|i| row(*i)).collect()
        };
        let mut ahead_rows = vec![row(7)];
        ahead_rows.extend(items.iter().map(|i| row(*i)));
        let ahead = with(table(ahead_rows, None));
        let (html, markdown) = printed_with(&later, &build);
        assert_eq!((html.clone(), markdown), printed(&ahead));
        assert!(html.contains("<a href=\"#activity-a\">Activity a</a>"), "kept");
        let last = crate::stream::BATCH + 2;
        assert!(
            !html.contains("#nowhere") && html.contains(&format!("gone {last} {last}")),
            "unlinked, in the second batch too"
        );
    }

    #[test]
    fn a_link_list_prints_and_unlinks_as_the_links_it_stands_for() {
        let targets = targets();
        let items = [2, 0, 1];
        let spelled = || {
            join(
                items
                    .iter()
                    .map(|i| vec![link(targets[*i].text.clone(), targets[*i].anchor.clone())])
                    .collect(),
                ", ",
            )
        };
        // Every target in the document, none, and some.
        for present in [
            &["activity-a", "activity-b <&>", "activity-c"][..],
            &[],
            &["activity-c"],
        ] {
            let list = document(
                vec![text("Used by "), Inline::Links(LinkList::new(&targets, &items))],
                present,
            );
            let mut line = vec![text("Used by ")];
            line.extend(spelled());
            let joined = document(line, present);
            assert_eq!(printed(&list), printed(&joined), "{present:?}");
            let Block::Paragraph(line) = &list.parts[0].blocks[0] else {
                unreachable!("the part holds one paragraph")
            };
            assert_eq!(plain(line), "Used by Activity c, Activity a, Activity b <&>");
        }
    }

    #[test]
    fn a_link_list_leaves_out_an_index_past_its_targets() {
        let list = LinkList::new(&targets(), &[1, 7, usize::MAX]);
        let texts: Vec<&str> = list.iter().map(|(t, _)| t.text.as_str()).collect();
        assert_eq!(texts, ["Activity b <&>"]);
    }
}
