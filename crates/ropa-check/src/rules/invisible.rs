//! Invisible characters in a spec: bidirectional controls that make the
//! text show in another order than it is written, and zero-width or other
//! invisible formatting characters that make two different texts look the
//! same. Reports drop them and the terminal escapes them, but the spec, the
//! editor and any other tool that reads the file still show the disguise.

use ropa_syntax::Span;
use ropa_syntax::invisible::{is_bidi_control, is_invisible, name};
use ropa_syntax::values::{Citation, Severity};

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::Diagnostic;

pub(crate) const INVISIBLE_CHARACTER: RuleInfo = RuleInfo {
    id: "invisible-character",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the record says what it says, but a reader of the spec sees something else (reports print the text without these characters, in the order it is written).",
    summary: "the spec holds a bidirectional control (U+202E and friends) or an invisible formatting character (zero-width space, byte order mark) that changes what a reader sees",
    articles: &[Citation::gdpr(5).paragraph(2), Citation::gdpr(30).paragraph(3)],
    guidance: &["CVE-2021-42574 (\"Trojan Source\"): bidirectional overrides that make text display in another order"],
    explanation: "The record is kept in writing (Art. 30(3)) and the controller must be able to demonstrate what it states (Art. 5(2)): what a reviewer reads in the spec has to be what it says. A right-to-left override (U+202E) shows the characters after it reversed, so that \"Anna +46 70 123 45 67\" can display as another number while the file holds the first; isolates and embeddings (U+2066–U+2069, U+202A–U+202D) reorder text the same way; a zero-width space (U+200B), word joiner (U+2060) or byte order mark (U+FEFF) inside a value makes two different values look alike. Reports and `ropa check` output drop or escape them, so documents read in logical order; this rule points at each line that holds one, so that the spec reads the same in an editor and in a review. Zero-width joiners and non-joiners (U+200C, U+200D), which some scripts need, are not reported.",
    bad: "processor mailer \"Mailer\u{200B} Inc.\" {\n    dpa \"2024-03-01\"\n}",
    good: "processor mailer \"Mailer Inc.\" {\n    dpa \"2024-03-01\"\n}",
    fix: "Delete the character: retype the value, or use your editor's option to show invisible characters. Where text is in a right-to-left script, write it without direction controls; reports lay it out.",
    facts: &[],
};

/// One finding per line that holds any: a hostile file may hold thousands.
pub(crate) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for file in &ctx.workspace.files {
        let mut line: Option<LineFinding> = None;
        for (at, c) in file.text.char_indices() {
            if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}') {
                if let Some(found) = line.take() {
                    out.push(found.diagnostic(file.id));
                }
                continue;
            }
            if !is_invisible(c) {
                continue;
            }
            let end = at + c.len_utf8();
            match &mut line {
                Some(found) => {
                    found.end = end;
                    found.count += 1;
                    found.bidi |= is_bidi_control(c);
                }
                None => {
                    line = Some(LineFinding {
                        start: at,
                        end,
                        first: c,
                        count: 1,
                        bidi: is_bidi_control(c),
                    });
                }
            }
        }
        if let Some(found) = line {
            out.push(found.diagnostic(file.id));
        }
    }
}

struct LineFinding {
    start: usize,
    end: usize,
    first: char,
    count: usize,
    bidi: bool,
}

impl LineFinding {
    fn diagnostic(&self, file: crate::diagnostic::FileId) -> Diagnostic {
        let first = format!(
            "{} (U+{:04X})",
            name(self.first).unwrap_or("invisible character"),
            self.first as u32
        );
        let what = match self.count {
            1 => first,
            2 => format!("{first} and 1 more invisible character"),
            n => format!("{first} and {} more invisible characters", n - 1),
        };
        let effect = if self.bidi {
            "the text shows in another order than it is written"
        } else {
            "the text looks the same as text without it"
        };
        let span = Span {
            start: u32::try_from(self.start).unwrap_or(u32::MAX),
            end: u32::try_from(self.end).unwrap_or(u32::MAX),
        };
        Diagnostic::new(
            Rule::InvisibleCharacter,
            file,
            span,
            format!("this line holds {what}: {effect}"),
        )
        .help("delete the character (retype the value, or make your editor show invisible characters)")
    }
}
