//! A RoPA spreadsheet exported as CSV → one spec file.
//!
//! Each row becomes one `activity`, with a `// row N of FILE: …` comment
//! right above it, so a finding `ropa check` reports inside the activity
//! leads back to the row of the sheet. List cells (data, subjects,
//! recipients, processors) become declarations shared by the rows that name
//! the same thing. A value that was normalised (a legal basis, a period, a
//! country) keeps the cell's text in a comment after its node; a column or
//! value with no counterpart is kept as a comment inside the activity and
//! listed in the summary.

pub mod columns;
pub mod read;

use ropa_syntax::names::{node, prop};
use std::collections::HashMap;

use ropa_syntax::values::{Country, Keyword, LegalBasis, Mechanism, RecipientKind, RoleKind, SpecialCategory, Unit};

use self::columns::{Field, field_of};
use crate::bases::{detail_property, parse_bases, parse_conditions};
use crate::countries::{find_countries, names_group};
use crate::durations::{Retention, RunsFrom, event_in, parse_retention};
use crate::emit::{Item, Node, Value, render};
use crate::ids::{Ids, slug};
use crate::text::{ellipsize, is_placeholder, normalize, split_list};
use crate::vocab;
use crate::{ColumnReport, Imported, Kept, Options, Summary};

/// How many rows at the top are searched for the header row (templates put
/// a title and the controller's details above the table).
const HEADER_SEARCH: usize = 15;

/// Imports a sheet. Never fails: an empty or unreadable sheet gives a spec
/// with no activities and a summary that says why.
pub fn import(text: &str, options: &Options) -> Imported {
    let sheet = read::read(text, options.delimiter);
    let source = if options.source_name.is_empty() {
        "the sheet".to_owned()
    } else {
        options.source_name.clone()
    };
    let mut builder = Builder {
        source: source.clone(),
        ids: Ids::new(&options.reserved_ids),
        decls: Declarations::default(),
        summary: Summary::default(),
        activities: Vec::new(),
    };
    let separator = match sheet.delimiter {
        b'\t' => "tab".to_owned(),
        d => format!("'{}'", d as char),
    };
    builder.summary.notes.push(format!(
        "cells separated by {separator}{}",
        if sheet.sniffed { " (detected)" } else { "" }
    ));

    let Some(header_index) = find_header(&sheet.rows) else {
        builder.summary.notes.push("the sheet has no rows".to_owned());
        builder.summary.read.push(("rows", 0));
        return builder.finish(&[], &[], options);
    };
    let header = &sheet.rows[header_index];
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let columns = plan_columns(header, width);
    if columns.iter().all(|c| c.field.is_none()) {
        builder.summary.notes.push(format!(
            "no column header was recognised (row {}): every cell is kept as a comment; see docs/import.md for the headers ropa knows",
            header_index + 1
        ));
    } else if header_index > 0 {
        builder.summary.notes.push(format!(
            "the header is row {}; the rows above it are kept as comments at the top of the spec",
            header_index + 1
        ));
    }
    for column in &columns {
        builder.summary.columns.push(ColumnReport {
            index: column.index + 1,
            header: column.header.clone(),
            mapped_to: column.field.filter(|f| *f != Field::Kept).map(|f| match column.event {
                Some(event) => format!("{} (from={event})", f.short()),
                None => f.short().to_owned(),
            }),
        });
    }

    let mut preamble = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().take(header_index) {
        let cells: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        if cells.is_empty() {
            continue;
        }
        let text = cells.join(" | ");
        preamble.push(format!("row {} of {source}: {text}", i + 1));
        builder.summary.kept.push(Kept {
            place: format!("row {}", i + 1),
            text,
        });
    }

    let mut rows_read = 0;
    let mut empty = 0;
    for (i, row) in sheet.rows.iter().enumerate().skip(header_index + 1) {
        rows_read += 1;
        if row.iter().all(|c| is_placeholder(c)) {
            empty += 1;
            continue;
        }
        if let Some(note) = footnote(row) {
            builder.summary.kept.push(Kept {
                place: format!("row {}", i + 1),
                text: note.to_owned(),
            });
            builder.activities.push(Item::Blank);
            builder.activities.push(Item::Comment(format!(
                "row {} of {source} (a note, not an activity): {note}",
                i + 1
            )));
            continue;
        }
        builder.row(i + 1, row, &columns);
    }
    builder.summary.read.push(("rows", rows_read));
    builder.summary.read.push(("columns", columns.len()));
    if empty > 0 {
        builder
            .summary
            .notes
            .push(format!("{empty} empty row{} skipped", plural(empty)));
    }
    builder.finish(&preamble, &columns, options)
}

/// A row that only holds a footnote ("* = När vi får kännedom …",
/// "Note: …") explains other cells; it is not an activity.
fn footnote(row: &[String]) -> Option<&str> {
    let mut filled = row.iter().map(|c| c.trim()).filter(|c| !is_placeholder(c));
    let only = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let lower = only.to_lowercase();
    let marked = only.starts_with(['*', '†', '¹', '²', '³'])
        || [
            "note:", "notes:", "obs:", "obs!", "anm:", "anm.", "nb:", "nb!", "bemærk:", "merk:",
        ]
        .iter()
        .any(|w| lower.starts_with(w));
    marked.then_some(only)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The header row: among the first rows, the one naming most known
/// columns; the first non-empty row when none names any.
fn find_header(rows: &[Vec<String>]) -> Option<usize> {
    let first = rows.iter().position(|r| r.iter().any(|c| !c.trim().is_empty()))?;
    let mut best = (0, first);
    for (i, row) in rows.iter().enumerate().take(HEADER_SEARCH) {
        let known = row
            .iter()
            .filter(|c| !c.trim().is_empty() && field_of(c).is_some())
            .count();
        if known > best.0 {
            best = (known, i);
        }
    }
    Some(best.1)
}

#[derive(Clone, Debug)]
struct Column {
    index: usize,
    header: String,
    field: Option<Field>,
    /// The event a retention column's header names.
    event: Option<&'static str>,
}

impl Column {
    /// The header for comments: one line, shortened.
    fn label(&self) -> String {
        if self.header.trim().is_empty() {
            format!("column {}", column_letter(self.index))
        } else {
            ellipsize(&self.header, 60)
        }
    }
}

fn plan_columns(header: &[String], width: usize) -> Vec<Column> {
    let mut seen: Vec<Field> = Vec::new();
    (0..width)
        .map(|index| {
            let text = header.get(index).map(|h| h.trim().to_owned()).unwrap_or_default();
            let mut field = if text.is_empty() { None } else { field_of(&text) };
            if let Some(f) = field {
                // A second name or purpose column cannot be a second name:
                // it is kept, so nothing in it is lost.
                if f.single() && seen.contains(&f) {
                    field = None;
                }
                seen.push(f);
            }
            let event = (field == Some(Field::Retention)).then(|| event_in(&text)).flatten();
            Column {
                index,
                header: text,
                field,
                event,
            }
        })
        .collect()
}

/// A declaration shared by rows.
#[derive(Clone, Debug)]
struct Decl {
    id: String,
    text: String,
    special: Option<SpecialCategory>,
    criminal: bool,
    flags: Vec<&'static str>,
    /// Children of a processor or recipient (`dpa`, `kind`).
    children: Vec<Node>,
}

#[derive(Default)]
struct Declarations {
    subjects: Vec<Decl>,
    data: Vec<Decl>,
    processors: Vec<Decl>,
    recipients: Vec<Decl>,
    /// (kind, slug) → index in its list.
    index: HashMap<(u8, String), usize>,
    /// (kind, id) → index in its list: a row refines its declarations by
    /// id, which a scan of every declaration made quadratic in the rows.
    by_id: HashMap<(u8, String), usize>,
}

#[derive(Clone, Copy)]
enum Kind {
    Subjects = 0,
    Data = 1,
    Processor = 2,
    Recipient = 3,
}

impl Declarations {
    fn by_id_mut(&mut self, kind: Kind, id: &str) -> Option<&mut Decl> {
        let &i = self.by_id.get(&(kind as u8, id.to_owned()))?;
        self.list(kind).get_mut(i)
    }

    fn list(&mut self, kind: Kind) -> &mut Vec<Decl> {
        match kind {
            Kind::Subjects => &mut self.subjects,
            Kind::Data => &mut self.data,
            Kind::Processor => &mut self.processors,
            Kind::Recipient => &mut self.recipients,
        }
    }
}

struct Builder {
    source: String,
    ids: Ids,
    decls: Declarations,
    summary: Summary,
    activities: Vec<Item>,
}

/// Where a node goes in the activity, so the output reads in the order of
/// docs/language.md whatever the order of the columns.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Name,
    Purpose,
    Role,
    Subjects,
    Data,
    DataNote,
    Source,
    Basis,
    Condition,
    Retain,
    Processors,
    Recipients,
    Transfer,
    Automated,
    Dpia,
    Security,
    Kept,
}

/// One row on its way to an activity.
#[derive(Default)]
struct Row {
    items: Vec<(Slot, Item)>,
    subjects: Vec<String>,
    data: Vec<String>,
    processors: Vec<String>,
    recipients: Vec<String>,
    /// Indexes into `items` of the basis nodes, with their basis.
    bases: Vec<(usize, LegalBasis)>,
    role: Option<(usize, RoleKind)>,
    /// Cells read after the bases: (column, text) of law/interest/…
    deferred: Vec<(usize, String)>,
}

impl Row {
    fn push(&mut self, slot: Slot, item: impl Into<Item>) -> usize {
        self.items.push((slot, item.into()));
        self.items.len() - 1
    }
    fn node_mut(&mut self, index: usize) -> Option<&mut Node> {
        match self.items.get_mut(index) {
            Some((_, Item::Node(node))) => Some(node),
            _ => None,
        }
    }
}

impl Builder {
    fn kept(&mut self, row: usize, column: &Column, text: &str) -> Item {
        self.summary.kept.push(Kept {
            place: format!("row {row}, {}", quoted_label(column)),
            text: text.to_owned(),
        });
        Item::Comment(format!("{}: {}", quoted_label(column), text.trim()))
    }

    fn not_understood(&mut self, row: usize, column: &Column, text: &str) -> Item {
        self.summary.not_understood.push(Kept {
            place: format!("row {row}, {}", quoted_label(column)),
            text: text.to_owned(),
        });
        Item::Comment(format!("{}: not understood: {}", quoted_label(column), text.trim()))
    }

    /// Declares each item of a list cell and names it once in `ids`.
    fn declare_all(&mut self, kind: Kind, text: &str, fallback: &str, ids: &mut Vec<String>) {
        for item in split_list(text) {
            let id = self.declare(kind, &item, fallback);
            push_unique(ids, id);
        }
    }

    fn declare(&mut self, kind: Kind, text: &str, fallback: &str) -> String {
        let key = (kind as u8, slug(text));
        if !key.1.is_empty()
            && let Some(&i) = self.decls.index.get(&key)
        {
            return self.decls.list(kind)[i].id.clone();
        }
        let suffix = match kind {
            Kind::Subjects => "subjects",
            Kind::Data => "data",
            Kind::Processor => "processor",
            Kind::Recipient => "recipient",
        };
        let id = self.ids.fresh_with(text, suffix, fallback);
        let mut flags = Vec::new();
        if matches!(kind, Kind::Subjects) {
            if vocab::is_employees(text) {
                flags.push(prop::EMPLOYEES);
            }
            if vocab::is_children(text) {
                flags.push(prop::CHILDREN);
            }
            if vocab::is_vulnerable(text) {
                flags.push(prop::VULNERABLE);
            }
        }
        let mut children = Vec::new();
        if matches!(kind, Kind::Recipient) && vocab::is_authority(text) {
            children.push(Node::new(node::KIND).word(RecipientKind::Authority.as_str()));
        }
        let list = self.decls.list(kind);
        list.push(Decl {
            id: id.clone(),
            text: text.trim().to_owned(),
            special: None,
            criminal: false,
            flags,
            children,
        });
        let index = list.len() - 1;
        self.decls.by_id.insert((kind as u8, id.clone()), index);
        if !key.1.is_empty() {
            self.decls.index.insert(key, index);
        }
        id
    }

    fn row(&mut self, number: usize, cells: &[String], columns: &[Column]) {
        let mut row = Row::default();
        let cell = |column: &Column| cells.get(column.index).map(|c| c.trim()).unwrap_or("");
        // The name of the activity: its name column, else the first cell
        // of the row (in a table like WebOne's the first column names the
        // row), else the purpose. Its id is taken before the row's
        // declarations take theirs, so the activity keeps the plain one.
        let field_cell = |field: Field| {
            columns
                .iter()
                .find(|c| c.field == Some(field))
                .map(&cell)
                .filter(|t| !is_placeholder(t))
        };
        let first_cell = cells
            .iter()
            .map(|c| c.trim())
            .find(|c| !is_placeholder(c))
            .unwrap_or("");
        let title = field_cell(Field::Name)
            .or(Some(first_cell).filter(|c| !c.is_empty()))
            .or(field_cell(Field::Purpose))
            .unwrap_or("")
            .to_owned();
        let id = self.ids.fresh(&title, &format!("row {number}"));
        // The bases first: law, interest and the rest attach to them.
        let mut order: Vec<&Column> = columns.iter().collect();
        order.sort_by_key(|c| c.field != Some(Field::Basis));
        let mut label: Option<String> = None;
        let mut purpose: Option<String> = None;
        for column in order {
            let text = cell(column);
            if is_placeholder(text) {
                continue;
            }
            match column.field {
                Some(Field::Name) => {
                    label = Some(text.to_owned());
                    row.push(Slot::Name, Node::new(node::NAME).arg(text));
                }
                Some(Field::Purpose) => {
                    purpose = Some(text.to_owned());
                    row.push(Slot::Purpose, Node::new(node::PURPOSE).arg(text));
                }
                Some(Field::Role) => match vocab::roles().longest_in(text) {
                    Some(role) => {
                        let i = row.push(
                            Slot::Role,
                            Node::new(node::ROLE).word(role.value.as_str()).trailing(format!(
                                "{}: \"{}\"",
                                column.label(),
                                text
                            )),
                        );
                        row.role = Some((i, role.value));
                    }
                    None => {
                        let item = self.not_understood(number, column, text);
                        row.push(Slot::Role, item);
                    }
                },
                Some(Field::Controller) => row.deferred.push((column.index, text.to_owned())),
                Some(Field::Subjects) => self.declare_all(Kind::Subjects, text, "subjects", &mut row.subjects),
                Some(Field::Data) => self.declare_all(Kind::Data, text, "data", &mut row.data),
                Some(Field::Special) => self.special(number, column, text, &mut row),
                Some(Field::Criminal) => self.criminal(number, column, text, &mut row),
                Some(Field::Basis) => self.basis(number, column, text, &mut row),
                Some(Field::Condition) => self.condition(number, column, text, &mut row),
                Some(
                    Field::Law
                    | Field::Interest
                    | Field::Assessment
                    | Field::ConsentRecords
                    | Field::Dpa
                    | Field::Safeguards
                    | Field::Transfers
                    | Field::DpiaRequired,
                ) => row.deferred.push((column.index, text.to_owned())),
                Some(Field::Retention) => self.retention(number, column, text, &mut row),
                Some(Field::Recipients) => self.declare_all(Kind::Recipient, text, "recipient", &mut row.recipients),
                Some(Field::Processors) => self.declare_all(Kind::Processor, text, "processor", &mut row.processors),
                Some(Field::Security) => {
                    for item in split_items_security(text) {
                        row.push(Slot::Security, Node::new(node::SECURITY).arg(item));
                    }
                }
                Some(Field::Dpia) => {
                    let node = if vocab::is_no(text) {
                        dpia_none(text)
                    } else {
                        Node::new(node::DPIA).arg(text)
                    };
                    row.push(Slot::Dpia, node.trailing(format!("{}: \"{}\"", column.label(), text)));
                }
                Some(Field::AutomatedDecision) => {
                    if vocab::is_no(text) {
                        row.push(Slot::Automated, Item::Comment(format!("{}: {}", column.label(), text)));
                    } else {
                        row.push(Slot::Automated, Node::new(node::AUTOMATED_DECISION).arg(text));
                    }
                }
                Some(Field::Source) => {
                    row.push(Slot::Source, Node::new(node::SOURCE).arg(text));
                }
                Some(Field::Kept) | None => {
                    let item = self.kept(number, column, text);
                    row.push(Slot::Kept, item);
                }
            }
        }
        self.deferred(number, columns, &mut row, label.as_deref(), purpose.as_deref());

        if label.is_none() && purpose.as_deref() != Some(title.as_str()) && !title.is_empty() {
            row.push(Slot::Name, Node::new(node::NAME).arg(title.as_str()));
        }

        for (slot, name, ids) in [
            (Slot::Subjects, node::SUBJECTS, std::mem::take(&mut row.subjects)),
            (Slot::Data, node::DATA, std::mem::take(&mut row.data)),
            (Slot::Processors, node::PROCESSORS, std::mem::take(&mut row.processors)),
            (Slot::Recipients, node::RECIPIENTS, std::mem::take(&mut row.recipients)),
        ] {
            if !ids.is_empty() {
                row.push(slot, ids.into_iter().fold(Node::new(name), Node::word));
            }
        }
        let mut items = std::mem::take(&mut row.items);
        items.sort_by_key(|(slot, _)| *slot);
        let mut activity = Node::new(node::ACTIVITY).word(id);
        for (_, item) in items {
            activity = activity.child(item);
        }
        self.activities.push(Item::Blank);
        self.activities.push(Item::Comment(format!(
            "row {number} of {}: {}",
            self.source,
            ellipsize(&title, 80)
        )));
        self.activities.push(Item::Node(activity));
    }

    /// Art. 9(2) conditions: each one understood, and what is not kept as
    /// a comment; "no" only as a comment.
    fn condition(&mut self, number: usize, column: &Column, text: &str, row: &mut Row) {
        if vocab::is_no(text) {
            row.push(Slot::Condition, Item::Comment(format!("{}: {}", column.label(), text)));
            return;
        }
        let parsed = parse_conditions(text);
        for (n, (condition, _)) in parsed.found.iter().enumerate() {
            let mut node = Node::new(node::CONDITION).word(condition.as_str());
            if n == 0 {
                node = node.trailing(format!("{}: \"{}\"", column.label(), text));
            }
            row.push(Slot::Condition, node);
        }
        let unknown = if parsed.found.is_empty() {
            vec![text.to_owned()]
        } else {
            parsed.unknown
        };
        for part in unknown {
            let item = self.not_understood(number, column, &part);
            row.push(Slot::Condition, item);
        }
    }

    fn basis(&mut self, number: usize, column: &Column, text: &str, row: &mut Row) {
        let parsed = parse_bases(text);
        for (n, (basis, detail)) in parsed.found.iter().enumerate() {
            let mut node = Node::new(node::BASIS).word(basis.as_str());
            if let (Some(detail), Some(property)) = (detail, detail_property(*basis)) {
                node = node.prop(property, detail.as_str());
            }
            if n == 0 {
                node = node.trailing(format!("{}: \"{}\"", column.label(), text));
            }
            let i = row.push(Slot::Basis, node);
            row.bases.push((i, *basis));
        }
        let unknown = if parsed.found.is_empty() {
            vec![text.to_owned()]
        } else {
            parsed.unknown
        };
        for part in unknown {
            let item = self.not_understood(number, column, &part);
            row.push(Slot::Basis, item);
        }
    }

    fn special(&mut self, number: usize, column: &Column, text: &str, row: &mut Row) {
        if vocab::is_no(text) {
            row.push(Slot::DataNote, Item::Comment(format!("{}: {}", column.label(), text)));
            return;
        }
        for item in split_list(text) {
            let kinds = vocab::special_kinds(&item);
            let Some(kind) = kinds.first().copied() else {
                let comment = self.not_understood(number, column, &item);
                row.push(Slot::DataNote, comment);
                continue;
            };
            // "Ja, hälsa": the kind is the data; a bare kind word is named
            // after the column.
            let description = if vocab::is_yes(&item) {
                format!("{}: {}", column.header.trim(), item)
            } else {
                item.clone()
            };
            let id = self.declare(Kind::Data, &description, kind.as_str());
            if let Some(decl) = self.decls.by_id_mut(Kind::Data, &id) {
                decl.special = Some(kind);
            }
            push_unique(&mut row.data, id);
            for extra in kinds.iter().skip(1) {
                let comment = self.not_understood(
                    number,
                    column,
                    &format!(
                        "{item} (also names {}: declare it as a data category of its own)",
                        extra.as_str()
                    ),
                );
                row.push(Slot::DataNote, comment);
            }
        }
    }

    fn criminal(&mut self, number: usize, column: &Column, text: &str, row: &mut Row) {
        if vocab::is_no(text) {
            row.push(Slot::DataNote, Item::Comment(format!("{}: {}", column.label(), text)));
            return;
        }
        let description = if vocab::is_yes(text) {
            format!("{}: {}", column.header.trim(), text)
        } else {
            text.to_owned()
        };
        let _ = number;
        let id = self.declare(Kind::Data, &description, "criminal-data");
        if let Some(decl) = self.decls.by_id_mut(Kind::Data, &id) {
            decl.criminal = true;
        }
        push_unique(&mut row.data, id);
    }

    fn retention(&mut self, number: usize, column: &Column, text: &str, row: &mut Row) {
        let _ = number;
        let bookkeeping_cell = vocab::cites_bookkeeping_law(text);
        for retention in parse_retention(text, column.event) {
            let node = match retention {
                Retention::Period { duration, from, .. } => {
                    let mut node = Node::new(node::RETAIN).arg(duration.to_string());
                    match from {
                        Some(RunsFrom::Event(event)) => node = node.prop_word(prop::FROM, event),
                        Some(RunsFrom::Text(event)) => node = node.prop(prop::FROM, event),
                        None => {}
                    }
                    if bookkeeping_cell && matches!(duration.unit, Unit::Months | Unit::Years) {
                        node = node.prop_word(prop::STATUTE, "bookkeeping");
                    }
                    node
                }
                Retention::Vague(text) => Node::new(node::RETAIN).arg(text),
                Retention::Until(text) => Node::new(node::RETAIN).prop(prop::UNTIL, text),
            };
            row.push(Slot::Retain, node.trailing(format!("{}: \"{}\"", column.label(), text)));
        }
    }

    /// Cells that refine what other columns made: the law of a legal
    /// obligation, the processors' agreements, transfers and their
    /// safeguards.
    fn deferred(
        &mut self,
        number: usize,
        columns: &[Column],
        row: &mut Row,
        label: Option<&str>,
        purpose: Option<&str>,
    ) {
        let deferred = std::mem::take(&mut row.deferred);
        let safeguards: Vec<String> = deferred
            .iter()
            .filter(|(i, _)| columns.get(*i).and_then(|c| c.field) == Some(Field::Safeguards))
            .map(|(_, t)| t.clone())
            .collect();
        let mut transferred = false;
        for (index, text) in &deferred {
            let Some(column) = columns.get(*index) else { continue };
            let field = column.field;
            let attach = |row: &mut Row, want: &[LegalBasis], property: &str| -> bool {
                let target = row
                    .bases
                    .iter()
                    .find(|(i, b)| {
                        want.contains(b)
                            && row.items.get(*i).is_some_and(|(_, item)| match item {
                                Item::Node(n) => !n.props.iter().any(|(k, _)| k == property),
                                _ => false,
                            })
                    })
                    .map(|(i, _)| *i);
                match target.and_then(|i| row.node_mut(i)) {
                    Some(node) => {
                        node.props.push((property.to_owned(), Value::Text(text.clone())));
                        true
                    }
                    None => false,
                }
            };
            let done = match field {
                Some(Field::Law) => attach(row, &[LegalBasis::LegalObligation, LegalBasis::PublicTask], "law"),
                Some(Field::Interest) => attach(row, &[LegalBasis::LegitimateInterests], "interest"),
                Some(Field::Assessment) => attach(row, &[LegalBasis::LegitimateInterests], "assessment"),
                Some(Field::ConsentRecords) => attach(row, &[LegalBasis::Consent], "records"),
                Some(Field::Controller) => {
                    let property = match row.role {
                        Some((_, RoleKind::Processor)) => Some("for"),
                        Some((_, RoleKind::JointController)) => Some("with"),
                        _ => None,
                    };
                    match (property, row.role.map(|(i, _)| i)) {
                        (Some(property), Some(i)) => match row.node_mut(i) {
                            Some(node) => {
                                node.props.push((property.to_owned(), Value::Text(text.clone())));
                                true
                            }
                            None => false,
                        },
                        _ => false,
                    }
                }
                Some(Field::Dpa) => self.dpa(number, column, text, row),
                Some(Field::DpiaRequired) if vocab::is_no(text) && !row.items.iter().any(|(s, _)| *s == Slot::Dpia) => {
                    row.push(
                        Slot::Dpia,
                        dpia_none(text).trailing(format!("{}: \"{}\"", column.label(), text)),
                    );
                    true
                }
                Some(Field::Transfers) => {
                    transferred = true;
                    self.transfers(number, column, text, &safeguards, row);
                    true
                }
                Some(Field::Safeguards) => true,
                _ => false,
            };
            if !done {
                let item = self.kept(number, column, text);
                row.push(Slot::Kept, item);
            }
        }
        if !transferred {
            for (index, text) in &deferred {
                if let Some(column) = columns.get(*index).filter(|c| c.field == Some(Field::Safeguards)) {
                    let item = self.kept(number, column, text);
                    row.push(Slot::Kept, item);
                }
            }
        }
        // Bookkeeping kept under a legal obligation: the period is the
        // statute's, so ropa compares it with the law of the country.
        let about_bookkeeping = label.is_some_and(vocab::mentions_bookkeeping)
            || purpose.is_some_and(vocab::mentions_bookkeeping)
            || row.data.iter().any(|id| {
                self.decls
                    .data
                    .iter()
                    .any(|d| &d.id == id && vocab::mentions_bookkeeping(&d.text))
            });
        let obligation = row.bases.iter().any(|(_, b)| *b == LegalBasis::LegalObligation);
        if about_bookkeeping && obligation {
            for (slot, item) in &mut row.items {
                if let (Slot::Retain, Item::Node(node)) = (*slot, item) {
                    let fixed = node.args.first().is_some_and(|a| match a {
                        Value::Text(t) => t.ends_with("years") || t.ends_with("year") || t.ends_with("months"),
                        _ => false,
                    });
                    if fixed && !node.props.iter().any(|(k, _)| k == "statute") {
                        node.props
                            .push(("statute".to_owned(), Value::Word("bookkeeping".to_owned())));
                    }
                }
            }
        }
    }

    fn dpa(&mut self, number: usize, column: &Column, text: &str, row: &mut Row) -> bool {
        if row.processors.is_empty() {
            return false;
        }
        let date_like = ropa_syntax::values::looks_like_date(text);
        if date_like && ropa_syntax::values::parse_date(text).is_none() {
            let item = self.not_understood(number, column, text);
            row.push(Slot::Kept, item);
            return true;
        }
        let node = if vocab::is_no(text) {
            Node::new(node::DPA).word("none")
        } else {
            Node::new(node::DPA).arg(text)
        }
        .trailing(format!("{}: \"{}\" (row {number})", column.label(), text));
        for id in &row.processors {
            if let Some(decl) = self.decls.by_id_mut(Kind::Processor, id)
                && !decl.children.iter().any(|c| c.name == "dpa")
            {
                decl.children.push(node.clone());
            }
        }
        true
    }

    fn transfers(&mut self, number: usize, column: &Column, text: &str, safeguards: &[String], row: &mut Row) {
        if vocab::is_no(text) {
            row.push(Slot::Transfer, Item::Comment(format!("{}: {}", column.label(), text)));
            return;
        }
        let countries = find_countries(text);
        let mut mechanisms: Vec<Mechanism> = Vec::new();
        for source in std::iter::once(text).chain(safeguards.iter().map(String::as_str)) {
            for found in vocab::mechanisms().find_all(source) {
                if !mechanisms.contains(&found.value) {
                    mechanisms.push(found.value);
                }
            }
        }
        let third: Vec<Country> = countries.iter().copied().filter(|c| !ropa_law::is_eea(*c)).collect();
        let eea: Vec<Country> = countries.iter().copied().filter(|c| ropa_law::is_eea(*c)).collect();
        if third.is_empty() {
            let item = if !eea.is_empty() || names_group(text) {
                // Inside the EEA is not a transfer (Chapter V): nothing to
                // declare, but the answer stays visible.
                Item::Comment(format!("{}: {} (within the EEA: not a transfer)", column.label(), text))
            } else {
                self.not_understood(number, column, text)
            };
            row.push(Slot::Transfer, item);
            return;
        }
        let parties: Vec<&String> = row.processors.iter().chain(&row.recipients).collect();
        let to = (parties.len() == 1).then(|| parties[0].clone());
        let mut quote = format!("{}: \"{}\"", column.label(), text);
        for s in safeguards {
            quote.push_str(&format!(" + \"{s}\""));
        }
        for (n, country) in third.iter().enumerate() {
            let mut node = Node::new(node::TRANSFER).word(country.code());
            if let Some(to) = &to {
                node = node.prop_word(prop::TO, to.as_str());
            }
            if mechanisms.len() == 1 {
                node = node.prop_word(prop::MECHANISM, mechanisms[0].as_str());
            }
            if n == 0 {
                node = node.trailing(quote.clone());
            }
            row.push(Slot::Transfer, node);
        }
        if mechanisms.len() > 1 {
            let names: Vec<&str> = mechanisms.iter().map(|m| m.as_str()).collect();
            let item = self.not_understood(
                number,
                column,
                &format!(
                    "{text} (several mechanisms named: {}; write the one each transfer uses)",
                    names.join(", ")
                ),
            );
            row.push(Slot::Transfer, item);
        }
    }

    fn finish(mut self, preamble: &[String], columns: &[Column], options: &Options) -> Imported {
        let mut items = Vec::new();
        items.push(Item::Comment(format!(
            "Imported from {} by `ropa import csv`.\n\
             Each activity is one row of the sheet; the comment above it names the row.\n\
             Cells ropa could not map are kept as comments (\"Column\": text).\n\
             Review, then run `ropa check`.",
            self.source
        )));
        if !columns.is_empty() {
            let mut lines = vec!["Columns:".to_owned()];
            for column in columns {
                let target = match (column.field, column.event) {
                    (Some(Field::Retention), Some(event)) => format!("retain (from={event})"),
                    (Some(Field::Kept) | None, _) => "kept as comments".to_owned(),
                    (Some(field), _) => field.short().to_owned(),
                };
                lines.push(format!(
                    "  {:<2} {} → {target}",
                    column_letter(column.index),
                    if column.header.is_empty() {
                        "(no header)".to_owned()
                    } else {
                        crate::text::one_line(&column.header)
                    }
                ));
            }
            items.push(Item::Comment(lines.join("\n")));
        }
        if !preamble.is_empty() {
            items.push(Item::Blank);
            items.push(Item::Comment(format!("Above the header:\n{}", preamble.join("\n"))));
        }
        let sections: [(&str, Kind); 4] = [
            ("Data subjects", Kind::Subjects),
            ("Personal data", Kind::Data),
            ("Processors", Kind::Processor),
            ("Recipients", Kind::Recipient),
        ];
        for (title, kind) in sections {
            let decls = std::mem::take(self.decls.list(kind));
            if decls.is_empty() {
                continue;
            }
            items.push(Item::Blank);
            items.push(Item::Comment(format!("--- {title} ---")));
            let count = decls.len();
            for decl in decls {
                let name = match kind {
                    Kind::Subjects => node::SUBJECTS,
                    Kind::Data => node::DATA,
                    Kind::Processor => node::PROCESSOR,
                    Kind::Recipient => node::RECIPIENT,
                };
                let mut node = Node::new(name).word(decl.id).arg(decl.text);
                if let Some(special) = decl.special {
                    node = node.prop_word(prop::SPECIAL, special.as_str());
                }
                if decl.criminal {
                    node = node.prop(prop::CRIMINAL, Value::Bool(true));
                }
                for flag in decl.flags {
                    node = node.prop(flag, Value::Bool(true));
                }
                for child in decl.children {
                    node = node.child(Item::Node(child));
                }
                items.push(Item::Node(node));
            }
            let what = match kind {
                Kind::Subjects => "subject categories",
                Kind::Data => "data categories",
                Kind::Processor => "processors",
                Kind::Recipient => "recipients",
            };
            self.summary.written.push((what, count));
        }
        let activities = self.activities.iter().filter(|i| matches!(i, Item::Node(_))).count();
        self.summary.written.insert(0, ("activities", activities));
        if activities > 0 {
            items.push(Item::Blank);
            items.push(Item::Comment("--- Activities ---".to_owned()));
            items.extend(self.activities);
        }
        let stem = options
            .source_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .trim_end_matches(".csv")
            .trim_end_matches(".CSV")
            .trim_end_matches(".txt");
        let mut name = slug(stem);
        if name.is_empty() {
            name = "imported".to_owned();
        }
        Imported {
            files: vec![(format!("{name}.ropa.kdl"), render(&items))],
            summary: self.summary,
            organization: None,
        }
    }
}

fn quoted_label(column: &Column) -> String {
    format!("\"{}\"", column.label())
}

fn push_unique(list: &mut Vec<String>, id: String) {
    if !list.contains(&id) {
        list.push(id);
    }
}

fn dpia_none(text: &str) -> Node {
    let node = Node::new(node::DPIA).word("none");
    // "Nej" alone says no more than `none`; "Nej, ingen ny teknik" is a reason.
    if vocab::NO.iter().any(|(w, _)| normalize(w) == normalize(text)) {
        node
    } else {
        node.prop(prop::REASON, text)
    }
}

/// Security measures: one per line or `;`. Commas stay inside a measure
/// ("Kryptering av backup, TLS") more often than they separate measures.
fn split_items_security(text: &str) -> Vec<String> {
    crate::text::split_items(text, &[';', '•'])
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import_text(text: &str) -> Imported {
        import(
            text,
            &Options {
                source_name: "test.csv".to_owned(),
                ..Options::default()
            },
        )
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
    }

    #[test]
    fn one_row_becomes_one_activity() {
        let imported = import_text("Behandling;Personuppgifter;Rättslig grund;Lagringstid\nLön;Namn, lön;Avtal;7 år\n");
        let (name, text) = &imported.files[0];
        assert_eq!(name, "test.ropa.kdl");
        assert!(text.contains("// row 2 of test.csv: Lön\nactivity lon {"), "{text}");
        assert!(text.contains("data namn \"Namn\""), "{text}");
        assert!(text.contains("    data namn lon-data\n"), "{text}");
        assert!(text.contains("basis contract"), "{text}");
        assert!(text.contains("retain \"7 years\""), "{text}");
    }

    #[test]
    fn declarations_are_shared_by_rows() {
        let imported = import_text("Namn,Data\nA,Namn\nB,namn\n");
        let text = &imported.files[0].1;
        assert_eq!(text.matches("data namn \"Namn\"").count(), 1, "{text}");
        assert_eq!(text.matches("    data namn\n").count(), 2, "{text}");
    }

    #[test]
    fn empty_input() {
        let imported = import_text("");
        assert_eq!(imported.files.len(), 1);
        assert!(ropa_kdl::parse(&imported.files[0].1).errors.is_empty());
        let imported = import_text("\n\n;;;\n");
        assert!(ropa_kdl::parse(&imported.files[0].1).errors.is_empty());
    }
}
