//! Editor features for ropa specs, as pure functions.
//!
//! Everything here takes a parsed [`Workspace`] (and, where a feature is
//! about findings, the [`Diagnostic`]s of `ropa_check::check`) and answers in
//! byte offsets and strings. There are no LSP types, no IO, no clock: the
//! language server (`ropa-lsp`) converts positions and talks JSON-RPC; these
//! functions decide what to say. That split is rust-analyzer's `ide` layer:
//! the features can be tested with a fixture and a cursor, and could serve
//! another protocol unchanged.
//!
//! No function here panics on any input: offsets past the end, inside a
//! character or in a broken file give an empty answer, not an error.

#![forbid(unsafe_code)]

mod actions;
mod completion;
mod cursor;
#[cfg(test)]
mod fixture;
mod format;
mod hover;
mod locate;
mod navigation;
mod structure;
mod symbols;

pub use actions::{CodeAction, allow_all, code_actions};
pub use completion::{CompletionItem, CompletionKind, completions};
pub use format::{FormatError, format, format_range};
pub use hover::{HoverResult, hover};
pub use navigation::{RenameError, definition, prepare_rename, references, rename};
pub use structure::{
    DocumentLink, IdKind, InlayHint, SemanticToken, TokenClass, document_links, folding_ranges, inlay_hints,
    selection_ranges, semantic_tokens,
};
pub use symbols::{Symbol, SymbolKind, document_symbols, workspace_symbols};

pub use ropa_check::{Diagnostic, FileId, Workspace};
pub use ropa_syntax::Span;

/// Replace `span` of a file's text with `new_text` (an insertion when the
/// span is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// Edits to one file, sorted by position and not overlapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdit {
    pub file: FileId,
    pub edits: Vec<TextEdit>,
}

/// A place in the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
}

/// The text of a file, or "" for an unknown id.
pub(crate) fn text_of(ws: &Workspace, file: FileId) -> &str {
    ws.file(file).map_or("", |f| f.text.as_str())
}

/// The lossless KDL parse of a file, whether spec or `ropa.kdl`.
pub(crate) fn kdl_of(file: &ropa_check::File) -> &ropa_syntax::kdl::Parse {
    match &file.parsed {
        ropa_check::Parsed::Spec(spec) => &spec.kdl,
        ropa_check::Parsed::Config(config) => &config.kdl,
    }
}
