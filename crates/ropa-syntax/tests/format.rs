//! Formatting every spec and fixture in the repository changes layout only:
//! the document means the same, and formatting twice changes nothing more.

use std::path::{Path, PathBuf};

use ropa_syntax::kdl;

fn spec_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            spec_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "kdl") {
            out.push(path);
        }
    }
}

#[test]
fn formatting_preserves_meaning_and_is_idempotent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    spec_files(&root.join("specs"), &mut files);
    spec_files(&root.join("crates/ropa-check/tests/rules"), &mut files);
    spec_files(&root.join("crates/ropa-syntax/tests/fixtures"), &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let mut formatted_count = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("fixture is UTF-8");
        let parse = kdl::parse(&text);
        let Ok(formatted) = kdl::format::format(&text, &parse) else {
            assert!(!parse.errors.is_empty(), "{} refused without errors", file.display());
            continue;
        };
        formatted_count += 1;
        let reparsed = kdl::parse(&formatted);
        assert!(
            reparsed.errors.is_empty(),
            "{}: formatted text has errors",
            file.display()
        );
        assert_eq!(
            kdl::to_canonical(&parse.document, &text),
            kdl::to_canonical(&reparsed.document, &formatted),
            "{}: formatting changed the document",
            file.display()
        );
        let again = kdl::format::format(&formatted, &reparsed).expect("formats again");
        assert_eq!(formatted, again, "{}: not idempotent", file.display());
    }
    assert!(formatted_count > 50);
}
