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
use crate::findings::Findings;

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
pub(crate) fn check(ctx: &Context, out: &mut Findings) {
    for file in &ctx.workspace.files {
        out.extend(lines(&file.text).iter().map(|found| found.diagnostic(file.id)));
    }
}

/// The lines of `text` that hold invisible characters.
fn lines(text: &str) -> Vec<LineFinding> {
    let mut lines = Vec::new();
    let mut line: Option<LineFinding> = None;
    // Every invisible character and every line break that is not ASCII
    // starts with a byte of 0xC2 or more: the ASCII between them is
    // skipped a word at a time instead of decoded.
    let mut from = 0;
    while let Some(at) = next_non_ascii(text.as_bytes(), from) {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        from = at + c.len_utf8();
        if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
            lines.extend(line.take());
            continue;
        }
        if !is_invisible(c) {
            continue;
        }
        // An ASCII line break since the last invisible character ends
        // that line's finding.
        lines.extend(line.take_if(|found| has_ascii_break(&text.as_bytes()[found.end..at])));
        match &mut line {
            Some(found) => {
                found.end = from;
                found.count += 1;
                found.bidi |= is_bidi_control(c);
            }
            None => {
                line = Some(LineFinding {
                    start: at,
                    end: from,
                    first: c,
                    count: 1,
                    bidi: is_bidi_control(c),
                });
            }
        }
    }
    lines.extend(line);
    lines
}

/// The offset of the first byte at or after `from` that is not ASCII.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut offset = from;
    for word in bytes.get(from..)?.chunks_exact(8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        if u64::from_le_bytes(eight) & HIGH != 0 {
            break;
        }
        offset += 8;
    }
    bytes[offset..].iter().position(|b| !b.is_ascii()).map(|i| offset + i)
}

fn has_ascii_break(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| matches!(b, b'\n' | b'\r' | 0x0b | 0x0c))
}

#[derive(Debug, PartialEq)]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as it was first written, a character at a time.
    fn lines_one_char_at_a_time(text: &str) -> Vec<LineFinding> {
        let mut lines = Vec::new();
        let mut line: Option<LineFinding> = None;
        for (at, c) in text.char_indices() {
            if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}') {
                lines.extend(line.take());
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
                    })
                }
            }
        }
        lines.extend(line);
        lines
    }

    #[test]
    fn skipping_ascii_finds_the_same_lines_as_reading_every_character() {
        let pieces = [
            "a",
            "name \"x\"",
            "\n",
            "\r\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{2028}",
            "\u{2029}",
            "\u{200B}",
            "\u{202E}",
            "\u{FEFF}",
            "\u{E0041}",
            "é",
            "Åsa",
            "日本",
            "\u{200D}",
            "        ",
            "0123456789abcdef",
        ];
        // Every sequence of up to three pieces, and longer mixes from a
        // fixed pseudo-random walk, so that breaks and invisible characters
        // fall on every offset within an 8-byte word.
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..24 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        for text in &texts {
            assert_eq!(lines(text), lines_one_char_at_a_time(text), "{text:?}");
        }
    }
}
