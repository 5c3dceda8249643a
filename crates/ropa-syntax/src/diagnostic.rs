//! Problems found while reading one file: KDL syntax and the ropa schema.

use ropa_kdl::Span;

/// What kind of problem; each is a rule of the catalogue in `ropa-check`,
/// under the id [`SyntaxCode::id`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SyntaxCode {
    /// The text is not valid KDL.
    SyntaxError,
    /// A node the language does not have, or not in this place.
    UnknownNode,
    UnknownProperty,
    /// A value of the wrong type, an unknown keyword, or too many arguments.
    InvalidValue,
    /// A required argument is missing.
    MissingValue,
    /// A node that may appear only once appears again.
    RepeatedNode,
    InvalidId,
    InvalidCountry,
    InvalidDuration,
    InvalidDate,
}

impl SyntaxCode {
    pub const ALL: &'static [SyntaxCode] = &[
        SyntaxCode::SyntaxError,
        SyntaxCode::UnknownNode,
        SyntaxCode::UnknownProperty,
        SyntaxCode::InvalidValue,
        SyntaxCode::MissingValue,
        SyntaxCode::RepeatedNode,
        SyntaxCode::InvalidId,
        SyntaxCode::InvalidCountry,
        SyntaxCode::InvalidDuration,
        SyntaxCode::InvalidDate,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SyntaxCode::SyntaxError => "syntax-error",
            SyntaxCode::UnknownNode => "unknown-node",
            SyntaxCode::UnknownProperty => "unknown-property",
            SyntaxCode::InvalidValue => "invalid-value",
            SyntaxCode::MissingValue => "missing-value",
            SyntaxCode::RepeatedNode => "repeated-node",
            SyntaxCode::InvalidId => "invalid-id",
            SyntaxCode::InvalidCountry => "invalid-country",
            SyntaxCode::InvalidDuration => "invalid-duration",
            SyntaxCode::InvalidDate => "invalid-date",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxDiagnostic {
    pub code: SyntaxCode,
    pub span: Span,
    /// Lower case, no trailing period.
    pub message: String,
    pub help: Option<String>,
}

impl SyntaxDiagnostic {
    pub fn new(code: SyntaxCode, span: Span, message: impl Into<String>) -> Self {
        SyntaxDiagnostic {
            code,
            span,
            message: message.into(),
            help: None,
        }
    }
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub(crate) fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}
