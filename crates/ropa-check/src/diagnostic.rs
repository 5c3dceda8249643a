//! Findings: what the checker reports, where, and how to fix it.

use std::borrow::Cow;

use ropa_syntax::values::Severity;
use ropa_syntax::{SmolStr, Span};

use crate::rules::Rule;

/// Index of a file in its [`crate::Workspace`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A second place that a finding involves: the other declaration of a
/// duplicate id, the processor a transfer goes to.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub file: FileId,
    pub span: Span,
    pub message: Box<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub file: FileId,
    pub span: Span,
    /// Lower case, no trailing period. A `Box<str>`, like the related
    /// messages: a large record has hundreds of thousands of findings, and
    /// `format!` leaves room to spare in every `String` it makes.
    pub message: Box<str>,
    /// What to do about it. Mostly fixed advice: borrowed, not allocated per
    /// finding.
    pub help: Option<Cow<'static, str>>,
    /// Sized exactly: most findings have none or one.
    pub related: Box<[Related]>,
    /// The id of the activity, processor or other declaration the finding is
    /// about, when there is one: findings keep their identity by it across
    /// edits (baselines) rather than by line numbers.
    pub entity: Option<SmolStr>,
}

impl Diagnostic {
    pub fn new(rule: Rule, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.info().default_severity,
            file,
            span,
            message: message.into().into_boxed_str(),
            help: None,
            related: Box::default(),
            entity: None,
        }
    }
    pub(crate) fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub(crate) fn related(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        let related = Related {
            file,
            span,
            message: message.into().into_boxed_str(),
        };
        // Nearly always the first: one allocation of its size, not a list
        // grown and then shrunk.
        self.related = if self.related.is_empty() {
            Box::new([related])
        } else {
            let mut list = std::mem::take(&mut self.related).into_vec();
            list.push(related);
            list.into_boxed_slice()
        };
        self
    }
    pub(crate) fn entity(mut self, id: impl AsRef<str>) -> Self {
        self.entity = Some(SmolStr::new(id));
        self
    }
}

/// Severity rank for comparisons: higher is more severe.
pub fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}
