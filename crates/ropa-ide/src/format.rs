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
