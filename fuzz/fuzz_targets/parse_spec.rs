//! Any text: the parser and the spec model never panic, tokens cover every
//! byte, and every span lies inside the text on character boundaries. Read
//! a top-level node at a time (as a one-off check reads a large file), the
//! text gives the same nodes, errors, model and problems as read whole.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = ropa_syntax::parse_spec(&text);
    let mut covered = 0usize;
    for token in &parsed.kdl.tokens {
        assert_eq!(token.span.start as usize, covered, "tokens leave a gap or overlap");
        covered = token.span.end as usize;
    }
    assert!(
        parsed.kdl.tokens.is_empty() || covered == text.len(),
        "tokens do not cover the text"
    );
    for d in &parsed.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
        assert!(text.is_char_boundary(d.span.start as usize) && text.is_char_boundary(d.span.end as usize));
    }
    let mut nodes = Vec::new();
    let errors = ropa_syntax::kdl::parse_each(&text, |node| nodes.push(node));
    // Compared as printed: `#nan` is not equal to itself.
    assert_eq!(
        format!("{nodes:?}"),
        format!("{:?}", parsed.kdl.document.nodes),
        "nodes one at a time"
    );
    assert_eq!(errors, parsed.kdl.errors, "errors one node at a time");
    let lean = ropa_syntax::parse_spec_without_tree(&text);
    assert!(lean.model == parsed.model, "the model without the tree");
    assert_eq!(lean.diagnostics, parsed.diagnostics, "the problems without the tree");
    let _ = ropa_syntax::parse_config(&text);
});
