//! docs/import.md lists every word the importers know: its generated part
//! is exactly `ropa_import::docs::markdown()`. With ROPA_BLESS=1 the test
//! rewrites that part instead of failing.

use std::path::Path;

use ropa_import::docs::{BEGIN, END, markdown};

#[test]
fn import_doc_lists_every_mapping() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/import.md");
    let doc = std::fs::read_to_string(&path).expect("docs/import.md");
    let (Some(start), Some(end)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/import.md lacks the generated-part markers");
    };
    let end = end + END.len() + 1;
    let current = doc.get(start..end).unwrap_or("");
    let wanted = markdown();
    if current != wanted {
        if std::env::var_os("ROPA_BLESS").is_some() {
            let updated = format!("{}{}{}", &doc[..start], wanted, doc.get(end..).unwrap_or(""));
            std::fs::write(&path, updated).expect("write docs/import.md");
        } else {
            panic!("docs/import.md is out of date: run `ROPA_BLESS=1 cargo test -p ropa-import --test docs`");
        }
    }
    // Every synonym is in the document, whatever the layout.
    for (synonym, _, _) in ropa_import::csv::columns::SYNONYMS {
        assert!(
            doc.contains(&format!("`{synonym}`")) || wanted.contains(&format!("`{synonym}`")),
            "{synonym}"
        );
    }
}
