//! docs/language.md is the reference a new user reads: every node, property
//! and keyword the parser accepts must appear in it.

use ropa_syntax::schema::{self, NodeSchema, ValueKind};

fn language_doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/language.md");
    std::fs::read_to_string(path).expect("docs/language.md exists")
}

fn vocabulary_of(kind: &ValueKind) -> Vec<&'static str> {
    match kind {
        ValueKind::Keyword(vocabulary) => (vocabulary.words)().into_iter().map(|(w, _)| w).collect(),
        _ => Vec::new(),
    }
}

fn check_schema(root: &'static NodeSchema, doc: &str, missing: &mut Vec<String>) {
    for (path, node) in schema::walk(root) {
        if std::ptr::eq(node, root) {
            continue;
        }
        let place = path.join(" > ");
        if node.name != "RULE"
            && !doc.contains(&format!("`{} ", node.name))
            && !doc.contains(&format!("`{}`", node.name))
        {
            missing.push(format!("node `{}` (in {place})", node.name));
        }
        for prop in node.props {
            if !doc.contains(&format!("`{}=", prop.name)) && !doc.contains(&format!(" {}=", prop.name)) {
                missing.push(format!("property `{}=` of `{}`", prop.name, node.name));
            }
            for word in vocabulary_of(&prop.kind) {
                if !doc.contains(&format!("`{word}`")) && !doc.contains(&format!("{}={word}", prop.name)) {
                    missing.push(format!("value `{word}` of `{}=`", prop.name));
                }
            }
        }
        for arg in node.args.iter().chain(node.rest.as_ref()) {
            for word in vocabulary_of(&arg.kind) {
                let written = doc.contains(&format!("`{word}`")) || doc.contains(&format!("`{} {word}", node.name));
                if !written {
                    missing.push(format!("value `{word}` of `{}`", node.name));
                }
            }
        }
    }
}

#[test]
fn every_node_property_and_keyword_is_documented() {
    let doc = language_doc();
    let mut missing = Vec::new();
    check_schema(&schema::SPEC_FILE, &doc, &mut missing);
    check_schema(&schema::CONFIG_FILE, &doc, &mut missing);
    assert!(
        missing.is_empty(),
        "docs/language.md does not mention:\n{}",
        missing.join("\n")
    );
}

/// Validation asks `accepts`, completion and hover list `words`: they must
/// agree, or a documented keyword would be flagged (or a wrong one passed).
#[test]
fn every_vocabulary_accepts_exactly_its_words() {
    for root in [&schema::SPEC_FILE, &schema::CONFIG_FILE] {
        for (_, node) in schema::walk(root) {
            let kinds = node.props.iter().map(|p| &p.kind);
            for kind in kinds.chain(node.args.iter().chain(node.rest.as_ref()).map(|a| &a.kind)) {
                let ValueKind::Keyword(vocabulary) = kind else { continue };
                for (word, _) in (vocabulary.words)() {
                    assert!(
                        (vocabulary.accepts)(word),
                        "{} rejects its word `{word}`",
                        vocabulary.name
                    );
                    let near = format!("{word}x");
                    assert!(!(vocabulary.accepts)(&near), "{} accepts `{near}`", vocabulary.name);
                }
            }
        }
    }
}
