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
/// as the tree is parsed, and each top-level node of the tree as soon as
/// its part of the model is built: a large file's tokens, tree and model
/// were all held at once, 14 times the file.
pub fn parse_spec_without_tree(text: &str) -> ParsedSpec {
    let kdl::Parse {
        document,
        errors,
        tokens,
    } = kdl::parse(text);
    drop(tokens);
    let mut diagnostics = syntax_errors(&errors);
    validate::validate(&document.nodes, &schema::SPEC_FILE, &mut diagnostics);
    let model = build::build_owned(document.nodes);
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
