//! A report as a format-neutral document: sections, field lists, tables,
//! callouts and inline text. The builders write it in the chosen language;
//! `html` and `markdown` print it, and only they produce markup, so every
//! piece of text is escaped in exactly one place per format.

use std::collections::HashSet;

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

/// Joins lines with line breaks.
pub fn lines(items: Vec<Line>) -> Line {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::Break);
        }
        out.extend(item);
    }
    out
}

/// Joins lines with a separator.
pub fn join(items: Vec<Line>, separator: &str) -> Line {
    let mut out = Vec::new();
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
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Line),
    Callout(Tone, Line),
    Fields(Vec<Field>),
    Table(Table),
    List(Vec<Line>),
    /// A picture drawn by `svg` (which escapes its own text), with a
    /// caption, and what to say instead where a picture cannot be shown.
    Figure {
        svg: String,
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
        let mut anchors = HashSet::new();
        for part in &self.parts {
            collect_anchors(part, &mut anchors);
        }
        for part in &mut self.parts {
            unlink(part, &anchors);
        }
        self.anchors = anchors;
    }

    /// The sections of `deferred`'s items at `batch` (positions in its
    /// list), as the document would hold them: links to anchors it lacks
    /// made plain text.
    pub fn expand(&self, expand: &Expand, deferred: &Deferred, batch: std::ops::Range<usize>) -> Vec<Section> {
        let mut sections = expand(deferred.kind, &deferred.items[batch.clone()]);
        for (section, declared) in sections.iter_mut().zip(&deferred.anchors[batch]) {
            // Links elsewhere were kept or unlinked by the declared anchors:
            // a section carrying any other would break them.
            if cfg!(debug_assertions) {
                let mut carried = HashSet::new();
                collect_anchors(section, &mut carried);
                debug_assert_eq!(
                    carried,
                    HashSet::from([declared.clone()]),
                    "a deferred section's anchors"
                );
            }
            unlink(section, &self.anchors);
        }
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

fn unlink(section: &mut Section, anchors: &HashSet<String>) {
    let fix = |line: &mut Line| {
        for inline in line.iter_mut() {
            if let Inline::Link { text, anchor } = inline
                && !anchors.contains(anchor.as_str())
            {
                *inline = Inline::Text(std::mem::take(text));
            }
        }
    };
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
