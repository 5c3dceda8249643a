//! Any text: the parser and the spec model never panic, tokens cover every
//! byte, and every span lies inside the text on character boundaries.
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
    assert!(parsed.kdl.tokens.is_empty() || covered == text.len(), "tokens do not cover the text");
    for d in &parsed.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
        assert!(text.is_char_boundary(d.span.start as usize) && text.is_char_boundary(d.span.end as usize));
    }
    let _ = ropa_syntax::parse_config(&text);
});
