//! Any text the formatter accepts: formatting once equals formatting twice,
//! and the formatted text parses, without errors, to the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;

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
    let again = ropa_kdl::format::format(&formatted, &reparsed).expect("formatted text formats");
    assert_eq!(formatted, again, "formatting is not idempotent");
});
