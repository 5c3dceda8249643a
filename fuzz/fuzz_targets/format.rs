//! Any text the formatter accepts: formatting once equals formatting twice;
//! the formatted text parses, without errors, to the same document; no
//! comment or slashdashed text is lost or changed (beyond its whitespace);
//! and the output grows at most linearly, plus the indentation its nesting
//! asks for (a lone CR once padded every trailing comment by its byte
//! offset: 199 KB became 990 MB).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ropa_kdl::{Node, Parse, TokenKind};

/// The comments and slashdashed text, in order, without whitespace: what a
/// formatter must carry over untouched apart from indentation.
fn kept_text(text: &str, parse: &Parse) -> String {
    parse
        .tokens
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::LineComment | TokenKind::BlockComment | TokenKind::Slashdash | TokenKind::SlashdashedText
            )
        })
        .filter_map(|t| text.get(t.span.start as usize..t.span.end as usize))
        .flat_map(|s| s.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

fn depth(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| n.children.as_ref().map_or(0, |c| 1 + depth(&c.nodes)))
        .max()
        .unwrap_or(0)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parse = ropa_kdl::parse(&text);
    let Ok(formatted) = ropa_kdl::format::format(&text, &parse) else { return };
    let reparsed = ropa_kdl::parse(&formatted);
    assert!(reparsed.errors.is_empty(), "formatted text has errors: {:?}\n{formatted}", reparsed.errors);
    assert_eq!(
        ropa_kdl::to_canonical(&parse.document, &text),
        ropa_kdl::to_canonical(&reparsed.document, &formatted),
        "formatting changed the document"
    );
    assert_eq!(
        kept_text(&text, &parse),
        kept_text(&formatted, &reparsed),
        "formatting lost or changed a comment or slashdashed text"
    );
    let lines = formatted.lines().count();
    let indentation = 4 * (depth(&parse.document.nodes) + 1);
    let bound = 2 * text.len() + lines * indentation + 64;
    assert!(
        formatted.len() <= bound,
        "formatting grew {} bytes into {} (bound {bound})",
        text.len(),
        formatted.len()
    );
    let again = ropa_kdl::format::format(&formatted, &reparsed).expect("formatted text formats");
    assert_eq!(formatted, again, "formatting is not idempotent");
});
