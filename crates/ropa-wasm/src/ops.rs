//! What each request does: the same pure functions as the `ropa` command
//! and the language server, with answers in names and LSP positions.

use std::collections::BTreeSet;

use ropa_check::json::{Counts, FindingJson, FindingsJson};
use ropa_check::{Diagnostic, FileId, Rule};
use ropa_ide::{FileEdit, Location};
use ropa_report::{Audience, Format, Kind, Lang};
use ropa_syntax::values::parse_date;
use serde::Serialize;
use serde_json::Value;

use crate::lines::{LineIndex, Range};
use crate::request::Request;
use crate::workspace::{Checked, Source, checked};

type Answer = Result<Value, String>;

pub(crate) fn answer(request: Request) -> Answer {
    match request {
        Request::Version => to_value(env!("CARGO_PKG_VERSION")),
        Request::Rules => to_value(crate::rules::all()),
        Request::Explain { rule } => to_value(crate::rules::explain(&rule)?),
        Request::Check { files } => check(&*checked(files)?),
        Request::Format { files, file } => format(&*checked(files)?, &file),
        Request::Report {
            files,
            kind,
            format,
            lang,
            audience,
            date,
            subjects,
        } => report(&*checked(files)?, [kind, format, lang, audience], &date, subjects),
        Request::ImportCsv {
            name,
            bytes,
            delimiter,
            files,
        } => import_csv(name, &bytes, delimiter.as_deref(), &files),
        Request::ImportFides { manifests, files } => {
            let manifests: Vec<(String, String)> = manifests.into_iter().map(|s| (s.name, s.text)).collect();
            answer_imported(ropa_import::fides::import(
                &manifests,
                &ropa_import::Options {
                    source_name: "Fides manifests".to_owned(),
                    delimiter: None,
                    reserved_ids: declared_ids(&files),
                },
            ))
        }
        Request::Hover { files, file, position } => {
            let c = checked(files)?;
            let (file, lines) = doc(&c, &file)?;
            let hover = ropa_ide::hover(&c.ws, &c.findings, file, lines.offset(position), None);
            to_value(hover.map(|h| Hover {
                markdown: h.markdown,
                range: lines.range(h.span),
            }))
        }
        Request::Completion { files, file, position } => {
            let c = checked(files)?;
            let (file, lines) = doc(&c, &file)?;
            let items: Vec<Completion> = ropa_ide::completions(&c.ws, file, lines.offset(position))
                .into_iter()
                .map(|item| Completion {
                    label: item.label,
                    kind: format!("{:?}", item.kind),
                    detail: item.detail,
                    documentation: item.documentation,
                    insert_text: item.insert_text,
                    range: lines.range(item.replace),
                })
                .collect();
            to_value(items)
        }
        Request::CodeActions { files, file, range } => {
            let c = checked(files)?;
            let (file, lines) = doc(&c, &file)?;
            let actions: Vec<Action> = ropa_ide::code_actions(&c.ws, file, lines.span(range), &c.findings)
                .into_iter()
                .map(|a| Action {
                    title: a.title,
                    rule: a.rule.id(),
                    preferred: a.preferred,
                    finding: a.finding,
                    edits: edits(&c, &a.edits),
                })
                .collect();
            to_value(actions)
        }
        Request::Definition { files, file, position } => {
            let c = checked(files)?;
            let (file, lines) = doc(&c, &file)?;
            locations(&c, ropa_ide::definition(&c.ws, file, lines.offset(position)))
        }
        Request::References {
            files,
            file,
            position,
            include_declaration,
        } => {
            let c = checked(files)?;
            let (file, lines) = doc(&c, &file)?;
            locations(
                &c,
                ropa_ide::references(&c.ws, file, lines.offset(position), include_declaration),
            )
        }
        Request::Symbols { files, file } => {
            let c = checked(files)?;
            let (file, lines) = doc(&c, &file)?;
            let symbols: Vec<Symbol> = ropa_ide::document_symbols(&c.ws, file)
                .iter()
                .map(|s| symbol(&lines, s))
                .collect();
            to_value(symbols)
        }
    }
}

fn to_value(value: impl Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| e.to_string())
}

fn doc<'c>(c: &'c Checked, name: &str) -> Result<(FileId, LineIndex<'c>), String> {
    let file = c.file(name)?;
    Ok((file, LineIndex::new(c.text(file))))
}

/// A finding as `ropa check --format json` gives it, with its help text
/// and the LSP ranges an editor marks.
#[derive(Serialize)]
struct Finding<'a> {
    #[serde(flatten)]
    place: FindingJson<'a>,
    help: Option<&'a str>,
    range: Range,
    /// The finding is about something unused (editors fade it).
    unnecessary: bool,
}

#[derive(Serialize)]
struct CheckOut<'a> {
    diagnostics: Vec<Finding<'a>>,
    summary: Counts,
}

fn check(c: &Checked) -> Answer {
    let json = FindingsJson::new(&c.ws);
    let lsp: Vec<LineIndex> = c.ws.files.iter().map(|f| LineIndex::new(&f.text)).collect();
    let range = |file: FileId, span| lsp.get(file.0 as usize).map_or_else(Range::default, |l| l.range(span));
    let diagnostics: Vec<Finding> = c
        .findings
        .iter()
        .map(|f: &Diagnostic| Finding {
            place: json.finding(f),
            help: f.help.as_deref(),
            range: range(f.file, f.span),
            unnecessary: matches!(f.rule, Rule::UnusedDeclaration | Rule::UnusedAllow),
        })
        .collect();
    let mut summary = Counts::default();
    summary.add(c.ws.files.len(), &c.findings);
    to_value(CheckOut { diagnostics, summary })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Edit {
    file: String,
    range: Range,
    new_text: String,
}

fn edits(c: &Checked, file_edits: &[FileEdit]) -> Vec<Edit> {
    file_edits
        .iter()
        .flat_map(|fe| {
            let lines = LineIndex::new(c.text(fe.file));
            let name = c.name(fe.file).to_owned();
            fe.edits
                .iter()
                .map(|e| Edit {
                    file: name.clone(),
                    range: lines.range(e.span),
                    new_text: e.new_text.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn format(c: &Checked, name: &str) -> Answer {
    let file = c.file(name)?;
    let edits = ropa_ide::format(&c.ws, file).map_err(|e| format!("{name}: {e}"))?;
    to_value(self::edits(c, &[FileEdit { file, edits }]))
}

fn parse_named<T: Copy>(
    what: &str,
    given: Option<String>,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<Option<T>, String> {
    let Some(given) = given else { return Ok(None) };
    all.iter()
        .copied()
        .find(|t| name(*t) == given)
        .map(Some)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|t| name(*t)).collect();
            format!("no report {what} is called `{given}`: use one of {}", names.join(", "))
        })
}

/// `names` are the kind, format, language and audience, each as named in
/// `ropa report`'s options, or absent for the default.
fn report(c: &Checked, names: [Option<String>; 4], date: &str, subjects: Vec<String>) -> Answer {
    let [kind, format, lang, audience] = names;
    let format = parse_named("format", format, &Format::ALL, Format::as_str)?.unwrap_or(Format::Html);
    let kind = parse_named("kind", kind, &Kind::ALL, Kind::as_str)?.unwrap_or(format.default_kind());
    let lang = parse_named("language", lang, &Lang::ALL, Lang::code)?.unwrap_or(Lang::En);
    let audience = parse_named("audience", audience, &Audience::ALL, Audience::as_str)?.unwrap_or_default();
    let generated = parse_date(date).ok_or_else(|| format!("`{date}` is not a date: write it as YYYY-MM-DD"))?;
    let input = ropa_report::Input {
        workspace: &c.ws,
        index: c.ws.index(),
        findings: &c.findings,
    };
    let options = ropa_report::Options {
        kind,
        format,
        lang,
        audience,
        generated,
        revision: ropa_report::Revision::Unversioned,
        subjects,
    };
    let text = ropa_report::render(&input, &options).map_err(|e| e.to_string())?;
    to_value(serde_json::json!({ "text": text, "extension": format.extension() }))
}

/// Ids declared in the spec files: an import chooses others.
fn declared_ids(files: &[Source]) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for source in files {
        let model = ropa_syntax::parse_spec(&source.text).model;
        ids.extend(model.data.iter().map(|d| d.id.value.to_string()));
        ids.extend(model.subjects.iter().map(|s| s.id.value.to_string()));
        ids.extend(model.all_parties().iter().map(|p| p.id.value.to_string()));
        ids.extend(model.activities.iter().map(|a| a.id.value.to_string()));
    }
    ids
}

fn import_csv(name: String, bytes: &[u8], delimiter: Option<&str>, files: &[Source]) -> Answer {
    let delimiter = match delimiter {
        None | Some("") => None,
        Some("tab" | "\t") => Some(b'\t'),
        Some(d) => match d.as_bytes() {
            [b] if b.is_ascii_punctuation() || *b == b' ' => Some(*b),
            _ => {
                return Err(format!(
                    "`{d}` is no separator: use one character such as , ; | or the word tab"
                ));
            }
        },
    };
    let (text, encoding) = ropa_import::decode(bytes);
    let mut imported = ropa_import::csv::import(
        &text,
        &ropa_import::Options {
            source_name: name,
            delimiter,
            reserved_ids: declared_ids(files),
        },
    );
    if encoding != "UTF-8" {
        imported
            .summary
            .notes
            .insert(0, format!("read as {encoding} (the file is not UTF-8)"));
    }
    answer_imported(imported)
}

fn answer_imported(imported: ropa_import::Imported) -> Answer {
    let files: Vec<Value> = imported
        .files
        .into_iter()
        .map(|(name, text)| serde_json::json!({ "name": name, "text": text }))
        .collect();
    to_value(serde_json::json!({ "files": files, "summary": imported.summary.render(50) }))
}

#[derive(Serialize)]
struct Hover {
    markdown: String,
    range: Range,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Completion {
    label: String,
    /// `Node`, `Property`, `Keyword`, `Country`, `Reference`, `Rule` or `Boolean`.
    kind: String,
    detail: Option<String>,
    documentation: Option<String>,
    insert_text: String,
    range: Range,
}

#[derive(Serialize)]
struct Action {
    title: String,
    rule: &'static str,
    /// The fix an editor may apply with one key.
    preferred: bool,
    /// Index into the `diagnostics` of `check` on the same files.
    finding: usize,
    edits: Vec<Edit>,
}

#[derive(Serialize)]
struct LocationOut<'a> {
    file: &'a str,
    range: Range,
}

fn locations(c: &Checked, found: Vec<Location>) -> Answer {
    let out: Vec<LocationOut> = found
        .iter()
        .map(|l| LocationOut {
            file: c.name(l.file),
            range: LineIndex::new(c.text(l.file)).range(l.span),
        })
        .collect();
    to_value(out)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Symbol {
    name: String,
    detail: Option<String>,
    /// `Organization`, `Data`, `Subjects`, `Processor`, `Subprocessor`,
    /// `Recipient`, `Activity`, `JointController` or `System`.
    kind: String,
    range: Range,
    selection_range: Range,
    children: Vec<Symbol>,
}

fn symbol(lines: &LineIndex, s: &ropa_ide::Symbol) -> Symbol {
    Symbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: format!("{:?}", s.kind),
        range: lines.range(s.span),
        selection_range: lines.range(s.selection),
        children: s.children.iter().map(|c| symbol(lines, c)).collect(),
    }
}
