//! Formatting a spec file or `ropa.kdl`: `ropa_kdl::format`, the same
//! formatter as `ropa fmt`, returned as one minimal edit.

use ropa_check::{FileId, Workspace};
use ropa_syntax::Span;

pub use ropa_syntax::kdl::format::FormatError;

use crate::TextEdit;

/// The edit that formats `file`: none when it is formatted already. Files
/// with syntax errors are not formatted (guessing the structure of broken
/// text could move text between nodes).
pub fn format(ws: &Workspace, file: FileId) -> Result<Vec<TextEdit>, FormatError> {
    let Some(f) = ws.file(file) else {
        return Ok(Vec::new());
    };
    let formatted = ropa_syntax::kdl::format::format(&f.text, crate::kdl_of(f))?;
    Ok(minimal_edit(&f.text, &formatted).into_iter().collect())
}

/// One edit replacing only what differs between the texts (the common
/// prefix and suffix are kept), so the editor keeps the cursor and folds.
/// Formats the top-level nodes that `range` touches (each from the start of
/// its first line), leaving the rest of the file as it is. Nodes are paired
/// with the formatted file's by position; if formatting changed how many
/// there are, only whole-file edits inside the range are kept.
pub fn format_range(ws: &Workspace, file: FileId, range: Span) -> Result<Vec<TextEdit>, FormatError> {
    let Some(f) = ws.file(file) else {
        return Ok(Vec::new());
    };
    let formatted = ropa_syntax::kdl::format::format(&f.text, crate::kdl_of(f))?;
    let old_nodes = &crate::kdl_of(f).document.nodes;
    let reparsed = ropa_syntax::kdl::parse(&formatted);
    let new_nodes = &reparsed.document.nodes;
    if old_nodes.len() != new_nodes.len() {
        return Ok(minimal_edit(&f.text, &formatted)
            .into_iter()
            .filter(|e| range.start <= e.span.start && e.span.end <= range.end)
            .collect());
    }
    // Any KDL newline starts a line: counting only CR and LF made every node
    // of a file with other breaks start at 0, and their edits overlap.
    let line_start = |text: &str, at: u32| ropa_syntax::kdl::lines::line_start(text, at as usize) as u32;
    let mut edits = Vec::new();
    for (old, new) in old_nodes.iter().zip(new_nodes) {
        let old_span = Span::new(line_start(&f.text, old.span.start), old.span.end);
        if old_span.end < range.start || old_span.start > range.end {
            continue;
        }
        let new_span = Span::new(line_start(&formatted, new.span.start), new.span.end);
        if let Some(edit) = minimal_edit(&f.text[old_span.range()], &formatted[new_span.range()]) {
            edits.push(TextEdit {
                span: Span::new(edit.span.start + old_span.start, edit.span.end + old_span.start),
                new_text: edit.new_text,
            });
        }
    }
    Ok(edits)
}

fn minimal_edit(old: &str, new: &str) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(TextEdit {
        span: Span::new(prefix as u32, (old.len() - suffix) as u32),
        new_text: new[prefix..new.len() - suffix].to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use crate::fixture::Fixture;

    fn format(text: &str) -> String {
        let f = Fixture::parse(text);
        let edits = super::format(&f.ws, f.cursor_file).expect("formats");
        let out = f.apply(&[crate::FileEdit {
            file: f.cursor_file,
            edits,
        }]);
        out.split_once('\n').map_or(out.clone(), |(_, t)| t.to_owned())
    }

    /// `text` after formatting the range of the three bytes at `needle`.
    fn format_range_at(text: &str, needle: &str) -> String {
        let f = Fixture::parse(text);
        let start = text.find(needle).expect("needle") as u32;
        let edits =
            super::format_range(&f.ws, f.cursor_file, ropa_syntax::Span::new(start, start + 3)).expect("formats");
        let out = f.apply(&[crate::FileEdit {
            file: f.cursor_file,
            edits,
        }]);
        out.split_once('\n').map_or(out.clone(), |(_, t)| t.to_owned())
    }

    const UNFORMATTED: &str = "data   a \"A\"\nactivity  web   {\n  purpose   \"P\"\n}\ndata   b \"B\"\n";

    #[test]
    fn range_formatting_touches_only_the_nodes_in_the_range() {
        assert_eq!(
            format_range_at(UNFORMATTED, "activity"),
            "data   a \"A\"\nactivity web {\n    purpose \"P\"\n}\ndata   b \"B\"\n"
        );
    }

    #[test]
    fn range_formatting_finds_line_starts_at_every_kdl_newline() {
        for nl in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            let out = format_range_at(&UNFORMATTED.replace('\n', nl), "activity");
            assert!(
                out.contains("data   a \"A\""),
                "{nl:?}: the node before the range was formatted: {out:?}"
            );
            assert!(
                out.contains("data   b \"B\""),
                "{nl:?}: the node after the range was formatted: {out:?}"
            );
            assert!(
                out.contains("activity web {"),
                "{nl:?}: the node in the range was not formatted: {out:?}"
            );
        }
    }

    #[test]
    fn formats_and_is_idempotent() {
        let once = format(
            "activity  web   {\n  name \"Bokföring åäö\"\n      basis contract ; retain \"2 years\"   from = contract-end\n}\n",
        );
        insta::assert_snapshot!(once, @r#"
        activity web {
            name "Bokföring åäö"
            basis contract
            retain "2 years" from=contract-end
        }
        "#);
        assert_eq!(format(&once), once);
        let f = Fixture::parse(&once);
        assert!(super::format(&f.ws, f.cursor_file).expect("formats").is_empty());
    }

    #[test]
    fn refuses_broken_text() {
        let f = Fixture::parse("activity web {\n    purpose \"unclosed\n}");
        assert!(super::format(&f.ws, f.cursor_file).is_err());
    }

    #[test]
    fn minimal_edit_respects_characters() {
        let edit = super::minimal_edit("aåb", "aäb").expect("differs");
        assert_eq!(edit.new_text, "ä");
        assert_eq!(edit.span, ropa_syntax::Span::new(1, 3));
        assert!(super::minimal_edit("x", "x").is_none());
        let edit = super::minimal_edit("ab", "abab").expect("differs");
        assert_eq!(
            (edit.span, edit.new_text.as_str()),
            (ropa_syntax::Span::new(2, 2), "ab")
        );
    }
}
