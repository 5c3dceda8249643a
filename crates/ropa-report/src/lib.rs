//! Documents from a checked ropa workspace: the record of processing
//! activities (GDPR Art. 30), the processors and transfers overview with its
//! map, the findings summary and a privacy notice draft (Art. 13/14), in
//! English, Swedish, Danish and Norwegian, as HTML, Markdown, CSV, JSON or SVG.
//!
//! Pure: the caller hands in the workspace, its index and its findings, the
//! generation date and the spec revision; nothing here reads files, the clock
//! or the environment. The same input always renders to the same bytes.
//!
//! The pipeline: [`view`] resolves the workspace once (references looked up,
//! flows of data to countries, findings attached to what they are about);
//! the builders (`record`, `transfers`, `findings`, `notice`) turn it into a
//! format-neutral [`doc::Document`] in the chosen language; the renderers
//! (`html`, `markdown`) print that. CSV, JSON and SVG read the view directly,
//! since they are tables, data and a picture rather than prose.

#![forbid(unsafe_code)]

mod csv;
mod doc;
mod escape;
mod findings;
mod flows;
mod front;
mod html;
pub mod i18n;
mod json;
mod markdown;
mod notice;
mod parallel;
mod pieces;
mod record;
mod stream;
mod svg;
mod transfers;
mod view;

use std::fmt;
use std::io::{self, Write};

use ropa_check::index::Index;
use ropa_check::{Diagnostic, Workspace};
use ropa_syntax::values::Date;

pub use i18n::Lang;

/// The version of the JSON document (`"version"`): fields are only ever
/// added within a version. Documented in docs/reports.md.
pub const JSON_VERSION: u32 = 1;

/// Which report to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The record of processing activities (Art. 30(1) and 30(2)).
    Record,
    /// Processors, recipients, where data is stored, transfers, with the map.
    Transfers,
    /// The findings of `ropa check`, counted and linked to the record.
    Findings,
    /// A privacy notice draft (Art. 13/14) for the data subjects.
    Notice,
    /// All of the above in one document.
    All,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Record, Kind::Transfers, Kind::Findings, Kind::Notice, Kind::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Record => "record",
            Kind::Transfers => "transfers",
            Kind::Findings => "findings",
            Kind::Notice => "notice",
            Kind::All => "all",
        }
    }

    pub(crate) fn includes(self, part: Kind) -> bool {
        self == part || self == Kind::All
    }
}

/// The file format of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One self-contained page that prints to A4.
    Html,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One table (RFC 4180, UTF-8 with BOM): `record`, `transfers` or `findings`.
    Csv,
    /// The report as data; schema in docs/reports.md.
    Json,
    /// The transfer map alone (`transfers`).
    Svg,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Html, Format::Markdown, Format::Csv, Format::Json, Format::Svg];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Svg => "svg",
        }
    }

    /// The kind a format shows when none is asked for: CSV holds one table
    /// and SVG one picture, so they cannot show everything.
    pub fn default_kind(self) -> Kind {
        match self {
            Format::Csv => Kind::Record,
            Format::Svg => Kind::Transfers,
            Format::Html | Format::Markdown | Format::Json => Kind::All,
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Svg => "svg",
        }
    }
}

/// Who a document is written for. The record and the transfers overview
/// are documents an organization hands to others; what helps the team keep
/// the record (ids in the spec, the git revision, findings on the front,
/// how to fix them) is only in the internal form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Audience {
    /// A supervisory authority, a customer or the board: the record as a
    /// document, the findings (when asked for) summarised in plain words.
    #[default]
    Authority,
    /// The team that keeps the record: spec ids, revision, findings with
    /// their rules, places and fixes.
    Internal,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Authority, Audience::Internal];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Authority => "authority",
            Audience::Internal => "internal",
        }
    }
}

/// Which version of the spec a report was made from. The caller finds out
/// (the CLI asks git); the report prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Revision {
    /// A commit, and whether the workspace differs from it.
    Commit { id: String, dirty: bool },
    /// The specs are not under version control.
    Unversioned,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub kind: Kind,
    pub format: Format,
    pub lang: Lang,
    pub audience: Audience,
    /// The date printed as "generated"; the caller pins it (the CLI passes
    /// today or `--date`), so that output is reproducible.
    pub generated: Date,
    pub revision: Revision,
    /// Data-subject category ids the privacy notice is for; empty for all.
    pub subjects: Vec<String>,
}

/// A checked workspace: what `ropa check` produced.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub workspace: &'a Workspace,
    pub index: &'a Index<'a>,
    /// The findings of [`ropa_check::check`], after `allow` and severity settings.
    pub findings: &'a [Diagnostic],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportError {
    /// The format cannot hold this kind (CSV holds one table, SVG one picture).
    Unsupported { kind: Kind, format: Format },
    /// `subjects` names ids that no `subjects` declaration has.
    UnknownSubjects { unknown: Vec<String>, known: Vec<String> },
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::Unsupported {
                kind,
                format: Format::Csv,
            } => write!(
                f,
                "a CSV file holds one table, and `{}` is not one: use --kind record, transfers or findings",
                kind.as_str()
            ),
            ReportError::Unsupported { kind, format } => write!(
                f,
                "the `{}` format holds only the transfer map, not `{}`: use --kind transfers",
                format.as_str(),
                kind.as_str()
            ),
            ReportError::UnknownSubjects { unknown, known } => {
                let quoted = |ids: &[String]| ids.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
                write!(f, "no data-subject category {} is declared", quoted(unknown))?;
                if known.is_empty() {
                    write!(f, " (the workspace declares none)")
                } else {
                    write!(f, "; the workspace declares {}", quoted(known))
                }
            }
        }
    }
}

impl std::error::Error for ReportError {}

/// Renders one report. Never panics; errors only for a combination of
/// options that cannot be honoured. A caller that writes the report to a
/// file or a pipe takes [`render_with`], which never holds it whole.
pub fn render(input: &Input, options: &Options) -> Result<String, ReportError> {
    render_with(input, options, |_, write| {
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let _ = write(&mut bytes);
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    })
}

/// Writes one report as it is produced. The options are checked first;
/// then `deliver` is called once with the report's first line, up to its
/// `\n` (so that a caller can tell whether a file it would replace holds
/// the same kind of report), and a function that writes the whole report
/// into a writer. HTML and Markdown are printed a part and a batch of
/// activities at a time: neither the text nor the activities' sections are
/// ever all in memory.
pub fn render_with<R>(
    input: &Input,
    options: &Options,
    deliver: impl FnOnce(&str, &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> R,
) -> Result<R, ReportError> {
    let supported = match options.format {
        Format::Csv => matches!(options.kind, Kind::Record | Kind::Transfers | Kind::Findings),
        Format::Svg => options.kind == Kind::Transfers,
        Format::Html | Format::Markdown | Format::Json => true,
    };
    if !supported {
        return Err(ReportError::Unsupported {
            kind: options.kind,
            format: options.format,
        });
    }
    let view = view::View::new(input);
    let notice_scope = if options.kind.includes(Kind::Notice) {
        Some(notice::Scope::select(&view, &options.subjects)?)
    } else {
        None
    };
    let ctx = Ctx {
        lang: options.lang,
        view: &view,
        options,
    };
    Ok(match options.format {
        Format::Html | Format::Markdown => {
            let map = options
                .kind
                .includes(Kind::Transfers)
                .then(|| transfers::map(&ctx))
                .flatten();
            let document = build_document(&ctx, notice_scope.as_ref(), map.as_ref());
            let print = stream::Print {
                document: &document,
                expand: &|kind, batch| record::expand(&ctx, kind, batch),
                rows: &|kind, batch| later_rows(&ctx, kind, batch),
                draw: &|page, out| {
                    if let Some(map) = &map {
                        map.draw(&ctx, page, out);
                    }
                },
            };
            if options.format == Format::Html {
                deliver(html::FIRST_LINE, &mut |out| html::render(print, out))
            } else {
                deliver(&markdown::first_line(&document), &mut |out| {
                    markdown::render(print, out)
                })
            }
        }
        Format::Json => deliver("{", &mut |out| json::render(&ctx, notice_scope.as_ref(), out)),
        Format::Csv => {
            let table = csv::table(&ctx);
            deliver(table.first_line(), &mut |out| table.write(out))
        }
        Format::Svg => svg::render_with(&ctx, svg::Links::NONE, deliver),
    })
}

/// What every builder needs: the language, the resolved workspace and the options.
pub(crate) struct Ctx<'v, 'a> {
    pub lang: Lang,
    pub view: &'v view::View<'a>,
    pub options: &'v Options,
}

impl Ctx<'_, '_> {
    pub fn t(&self, key: i18n::Key) -> &'static str {
        i18n::text(self.lang, key)
    }
    /// Whether the document is for the team that keeps the record.
    pub fn internal(&self) -> bool {
        self.options.audience == Audience::Internal
    }
    /// A table's column headings, translated.
    pub fn heads(&self, keys: &[i18n::Key]) -> Vec<String> {
        keys.iter().map(|key| self.t(*key).to_owned()).collect()
    }
}

/// The rows of a batch of a table's later rows, built on every core.
fn later_rows(ctx: &Ctx, kind: doc::RowsKind, batch: &[usize]) -> Vec<doc::Row> {
    parallel::map(batch, |&item| match kind {
        doc::RowsKind::Overview => record::overview_row(ctx, item),
        doc::RowsKind::Transfers => transfers::transfer_row(ctx, item),
        doc::RowsKind::NoticePurposes => notice::purposes_row(ctx, item),
    })
}

fn build_document(ctx: &Ctx, notice_scope: Option<&notice::Scope>, map: Option<&svg::Pages>) -> doc::Document {
    let kind = ctx.options.kind;
    // The notice first: the front page lists the gaps it leaves.
    let notice = notice_scope.map(|scope| notice::draft(ctx, scope));
    let gaps = notice.as_ref().map_or(&[][..], |n| &n.gaps[..]);
    let mut document = front::document(ctx, gaps);
    if kind.includes(Kind::Record) {
        document.parts.push(record::part(ctx));
    }
    if kind.includes(Kind::Transfers) {
        document.parts.push(transfers::part(ctx, map));
    }
    if kind.includes(Kind::Findings) {
        document.parts.push(findings::part(ctx));
    }
    if let Some(notice) = notice {
        document.parts.push(notice.part);
    }
    document.unlink_missing_anchors();
    document
}
