//! `parse` never panics and its tokens always cover the input exactly, for
//! any input: arbitrary strings, lossily decoded bytes, and soups of KDL
//! fragments (which reach far more parser states than random text).

use proptest::prelude::*;
use ropa_kdl::{Document, Node, Span, TokenKind, parse};

fn on_boundary(text: &str, span: Span) -> bool {
    span.start <= span.end
        && (span.end as usize) <= text.len()
        && text.is_char_boundary(span.start as usize)
        && text.is_char_boundary(span.end as usize)
}

fn check_node(text: &str, node: &Node) {
    assert!(on_boundary(text, node.span), "node span {:?}", node.span);
    assert!(on_boundary(text, node.name.span));
    for e in &node.entries {
        assert!(on_boundary(text, e.span) && on_boundary(text, e.value_span));
    }
    if let Some(c) = &node.children {
        assert!(on_boundary(text, c.span));
        c.nodes.iter().for_each(|n| check_node(text, n));
    }
}

fn check(text: &str) {
    let parsed = parse(text);
    let mut at = 0u32;
    let mut rebuilt = String::with_capacity(text.len());
    for tok in &parsed.tokens {
        assert_eq!(tok.span.start, at, "gap or overlap before {tok:?} in {text:?}");
        assert!(tok.span.end > tok.span.start, "empty token {tok:?} in {text:?}");
        assert!(on_boundary(text, tok.span), "token {tok:?} splits a char in {text:?}");
        rebuilt.push_str(&text[tok.span.range()]);
        at = tok.span.end;
    }
    assert_eq!(rebuilt, text);
    for e in &parsed.errors {
        assert!(on_boundary(text, e.span), "error span {:?} in {text:?}", e.span);
        assert!(!e.message.is_empty());
    }
    assert!(
        parsed.errors.windows(2).all(|w| w[0].span.start <= w[1].span.start),
        "errors out of order"
    );
    if parsed.tokens.iter().any(|t| t.kind == TokenKind::Error) {
        assert!(!parsed.errors.is_empty(), "error token without an error in {text:?}");
    }
    let Document { nodes } = &parsed.document;
    nodes.iter().for_each(|n| check_node(text, n));
}

const FRAGMENTS: &[&str] = &[
    "node",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{85}",
    "\u{2028}",
    "\u{A0}",
    "\u{3000}",
    "{",
    "}",
    "(",
    ")",
    "=",
    ";",
    "/-",
    "//",
    "/*",
    "*/",
    "/",
    "\\",
    "\"",
    "\"\"\"",
    "#\"",
    "\"#",
    "##\"",
    "\"##",
    "#\"\"\"",
    "\"\"\"#",
    "#",
    "#true",
    "#inf",
    "#-inf",
    "true",
    "1",
    "-1.5e3",
    "0x1f",
    "0b2",
    "1_000",
    ".5",
    "+",
    "-",
    "a=",
    "(t)",
    "\\n",
    "\\u{41}",
    "\\u{",
    "\\ ",
    "ü",
    "日本",
    "😀",
    "\u{FEFF}",
    "\u{200E}",
    "\u{7}",
    "\u{7F}",
    "[",
    "]",
    "x",
    "key=\"v\"",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn fragment_soup(text in soup()) {
        check(&text);
    }
}

#[test]
fn handwritten_edge_cases() {
    for text in [
        "",
        "\u{FEFF}",
        "\u{FEFF}node",
        "\\",
        "node \\",
        "node \\ // c",
        "node \\ x",
        "\"",
        "\"\\",
        "\"\\u{",
        "\"\"\"",
        "\"\"\"\n",
        "\"\"\"\n\\",
        "#\"",
        "##\"\"\"\n\"\"\"#",
        "/*",
        "/* /* */",
        "/-",
        "/- /-",
        "a /-",
        "a {",
        "a } b",
        "(",
        "(t",
        "(t)",
        "a (t",
        "a k=",
        "a k=(",
        "a { /- b { c } }",
        "/- a /- b { c }",
        "\u{200E}a",
        "a\u{2028}b\u{85}c\u{0B}d\u{0C}e\r\nf\rg",
    ] {
        check(text);
    }
}
