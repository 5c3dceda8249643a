//! Every feature at every offset of real and broken specs: no panic, and
//! every returned span lies inside its file on character boundaries.

use ropa_check::{FileId, FileKind, Workspace};
use ropa_syntax::Span;

const BROKEN: &[&str] = &[
    "activity web {\n    purpose \"unclosed\n    basis con",
    "organization \"Åsa Øberg 😀\" {\n  country S",
    "processor p {\n  subprocessor q { stored-in US \n",
    "activity a { data x y; transfer US to= mechanism=\n}}}\n{{",
    "/- activity a { data x }\nactivity b { data (t)x }\r\ndata \"x y\" special=",
    "allow consent-only-basis reason=\ndata x #true 1.5e99 \"\"\"\nmulti\n\"\"\"",
    "\u{feff}data å\rdata ø\r\nactivity æ { data å ø æ }",
    "",
];

fn check_span(ws: &Workspace, file: FileId, span: Span) {
    let text = &ws.file(file).expect("file exists").text;
    assert!(
        span.start <= span.end && span.end as usize <= text.len(),
        "{span:?} in {}",
        text.len()
    );
    assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize));
}

fn exercise(ws: &Workspace, step: usize) {
    let findings = ropa_check::check(ws);
    for file in ws.files.iter().map(|f| f.id) {
        let len = ws.file(file).map_or(0, |f| f.text.len()) as u32;
        let mut offset = 0;
        while offset <= len + 2 {
            if let Some(hover) = ropa_ide::hover(ws, &findings, file, offset, None) {
                check_span(ws, file, hover.span);
            }
            for item in ropa_ide::completions(ws, file, offset) {
                check_span(ws, file, item.replace);
            }
            for location in ropa_ide::definition(ws, file, offset)
                .into_iter()
                .chain(ropa_ide::references(ws, file, offset, true))
            {
                check_span(ws, location.file, location.span);
            }
            if let Some((span, _)) = ropa_ide::prepare_rename(ws, file, offset) {
                check_span(ws, file, span);
            }
            if let Ok(edits) = ropa_ide::rename(ws, file, offset, "renamed") {
                for edit in edits.iter().flat_map(|e| e.edits.iter().map(move |t| (e.file, t.span))) {
                    check_span(ws, edit.0, edit.1);
                }
            }
            let range = Span::new(offset.min(len), (offset + 5).min(len));
            for action in ropa_ide::code_actions(ws, file, range, &findings) {
                for edit in &action.edits {
                    for text_edit in &edit.edits {
                        check_span(ws, edit.file, text_edit.span);
                    }
                }
            }
            offset += step as u32;
        }
        for symbol in ropa_ide::document_symbols(ws, file) {
            check_span(ws, file, symbol.span);
            check_span(ws, file, symbol.selection);
        }
        if let Ok(edits) = ropa_ide::format(ws, file) {
            for edit in edits {
                check_span(ws, file, edit.span);
            }
        }
    }
    let _ = ropa_ide::workspace_symbols(ws, "a", 100);
}

#[test]
fn broken_fragments_at_every_offset() {
    for text in BROKEN {
        let ws = Workspace::new(vec![
            ("a.ropa.kdl".to_owned(), (*text).to_owned(), FileKind::Spec),
            ("ropa.kdl".to_owned(), (*text).to_owned(), FileKind::Config),
        ]);
        exercise(&ws, 1);
    }
}

#[test]
fn the_office2go_workspace() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/office2go");
    let mut sources = Vec::new();
    for name in [
        "ropa.kdl",
        "organization.ropa.kdl",
        "data.ropa.kdl",
        "processors.ropa.kdl",
        "activities.ropa.kdl",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("example spec");
        let kind = FileKind::of(name);
        sources.push((name.to_owned(), text, kind));
    }
    exercise(&Workspace::new(sources), 3);
}
