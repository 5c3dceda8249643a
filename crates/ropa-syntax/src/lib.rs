//! ropa spec files: KDL text to a typed model with spans.
//!
//! Pure: takes text, returns the model and every problem found; does no IO
//! and never fails. The KDL itself is parsed by `ropa-kdl`, whose lossless
//! tree is kept in the result for the formatter and the language server.

#![forbid(unsafe_code)]

mod build;
pub mod config;
mod diagnostic;
pub mod invisible;
pub mod model;
pub mod names;
pub mod position;
pub mod schema;
pub mod suggest;
mod validate;
pub mod values;

pub use config::Config;
pub use diagnostic::{SyntaxCode, SyntaxDiagnostic};
pub use model::SpecFile;
pub use ropa_kdl::{self as kdl, SmolStr, Span};
pub use validate::{is_valid_id, with_article};

/// A parsed spec file: the model, its problems, and the KDL it came from.
#[derive(Clone, Debug)]
pub struct ParsedSpec {
    pub model: SpecFile,
    pub diagnostics: Vec<SyntaxDiagnostic>,
    /// The KDL syntax tree and tokens; empty when the workspace was loaded
    /// without trees (`ropa_check::Workspace::without_trees`).
    pub kdl: kdl::Parse,
}

#[derive(Clone, Debug)]
pub struct ParsedConfig {
    pub config: Config,
    pub diagnostics: Vec<SyntaxDiagnostic>,
    pub kdl: kdl::Parse,
}

/// Parses a spec file (`*.ropa.kdl`).
pub fn parse_spec(text: &str) -> ParsedSpec {
    let kdl = kdl::parse(text);
    let mut diagnostics = syntax_errors(&kdl.errors);
    validate::validate(&kdl.document.nodes, &schema::SPEC_FILE, &mut diagnostics);
    let model = build::build(&kdl.document.nodes);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    ParsedSpec {
        model,
        diagnostics,
        kdl,
    }
}

/// [`parse_spec`] for a caller that needs only the model and the problems
/// (a one-off check), with `kdl` left empty. The tokens are freed as soon
/// as the text is parsed, and each top-level node as soon as it is
/// modelled.
pub fn parse_spec_without_tree(text: &str) -> ParsedSpec {
    without_tree(text, text.len() >= STREAMED_FROM)
}

/// From this size on, a file is modelled a top-level node at a time as it
/// is parsed, so its tree is never held whole: a 63 MB file took 805 MB to
/// check with its tree, 585 MB without. A smaller file is parsed whole
/// first, which over a record of many files is 5 % less CPU (the parser,
/// the validator and the model builder each run over many nodes in turn).
const STREAMED_FROM: usize = 1 << 20;

fn without_tree(text: &str, streamed: bool) -> ParsedSpec {
    let mut checked = Vec::new();
    let (errors, model) = if streamed {
        let mut siblings = validate::Siblings::default();
        let mut model = build::Builder::default();
        let errors = kdl::parse_each(text, |node| {
            siblings.validate(&node, &schema::SPEC_FILE, &mut checked);
            model.node(&node);
        });
        (errors, model.finish())
    } else {
        let mut nodes = Vec::new();
        let errors = kdl::parse_each(text, |node| nodes.push(node));
        validate::validate(&nodes, &schema::SPEC_FILE, &mut checked);
        (errors, build::build_owned(nodes))
    };
    // In the order `parse_spec` finds them, so that the sort breaks ties
    // the same way.
    let mut diagnostics = syntax_errors(&errors);
    diagnostics.append(&mut checked);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    ParsedSpec {
        model,
        diagnostics,
        kdl: kdl::Parse::default(),
    }
}

/// Parses the workspace file `ropa.kdl`.
pub fn parse_config(text: &str) -> ParsedConfig {
    let kdl = kdl::parse(text);
    let mut diagnostics = syntax_errors(&kdl.errors);
    validate::validate(&kdl.document.nodes, &schema::CONFIG_FILE, &mut diagnostics);
    let config = config::build(&kdl.document.nodes);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    ParsedConfig {
        config,
        diagnostics,
        kdl,
    }
}

fn syntax_errors(errors: &[kdl::ParseError]) -> Vec<SyntaxDiagnostic> {
    errors
        .iter()
        .map(|e| {
            SyntaxDiagnostic::new(SyntaxCode::SyntaxError, e.span, e.message.clone()).with_help_opt(e.help.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-off check parses without keeping the tree, streamed or not:
    /// the same model and problems as with it, in the same order, from a
    /// file of every node, broken ones, and the repository's example
    /// records.
    #[test]
    fn without_the_tree_the_model_and_problems_are_the_same() {
        let mut texts = vec![
            include_str!("../tests/fixtures/every-node.ropa.kdl").to_owned(),
            "data contact \"Name\"\ndata broken \"unclosed\nactivity web {\n    retain 7years\n}\n/- activity gone {}\nprocessor p {\n    subprocessor q\n}\nrecipient r\norganization \"O\"\norganization \"Again\"\n".to_owned(),
            "} activity a {\n  name \"x\" {\n}\nunknown 1\nactivity".to_owned(),
            String::new(),
        ];
        let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
        for record in std::fs::read_dir(&specs).expect("the example records are in the repository") {
            let record = record.expect("a listed folder").path();
            for file in std::fs::read_dir(&record).into_iter().flatten().flatten() {
                let path = file.path();
                if path.to_string_lossy().ends_with(".ropa.kdl") {
                    texts.push(std::fs::read_to_string(&path).expect("an example spec is text"));
                }
            }
        }
        assert!(texts.len() > 10, "the example records were found");
        for text in &texts {
            let whole = parse_spec(text);
            for streamed in [false, true] {
                let lean = without_tree(text, streamed);
                assert_eq!(lean.model, whole.model, "streamed: {streamed}\n{text}");
                assert_eq!(lean.diagnostics, whole.diagnostics, "streamed: {streamed}\n{text}");
                assert!(lean.kdl.document.nodes.is_empty() && lean.kdl.tokens.is_empty());
            }
        }
    }
}
