//! Spec text and file names as a terminal or a CI log may show them: control
//! characters (ESC starts colour and cursor sequences), line breaks inside
//! one line of output (a forged line could start a GitHub workflow command
//! `::`) and bidirectional overrides (text that reads differently than it
//! is) are written as visible `\u{…}` escapes.
//!
//! GitHub Actions also reads a workflow command from a line that starts,
//! after spaces, with `::`, and a legacy one from `##[` anywhere in a line
//! (`actions/runner`, `ActionCommand.TryParseV2` and `TryParse`): text that
//! starts with `::` has its first colon escaped, and `##[` is never written
//! whole, so neither a file name at the start of a line nor a message can
//! become a command.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal or log as it is: controls, line
/// and paragraph separators, and the bidirectional controls and invisible
/// characters that reports drop too (one list, in `ropa_syntax::invisible`).
pub(crate) fn hidden(c: char) -> bool {
    // Text that is not all ASCII (a help that quotes `"…"`) is mostly
    // ASCII still: one comparison each, before the lists.
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\t';
    }
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || ropa_syntax::invisible::is_invisible(c)
}

/// Whether no character of `text` is [`hidden`], apart from the ASCII
/// bytes in `kept`, in one pass that tests ASCII a byte at a time and
/// decodes only the other characters: every message and source line of a
/// check is tested, most are ASCII, and help texts quote with `"…"`
/// (testing for plain ASCII first, then every character again, read each
/// such text twice).
fn nothing_hidden(text: &str, kept: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !((b' '..=b'~').contains(&byte) || byte == b'\t' || kept.contains(&byte)) {
                return false;
            }
            at += 1;
        } else {
            // `at` is a character's first byte: ASCII bytes are whole
            // characters, and the others are skipped a character at a time.
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                return true;
            };
            if hidden(c) {
                return false;
            }
            at += c.len_utf8();
        }
    }
    true
}

/// Whether `text` holds `##[`. Most text has no `#` at all, which one
/// vector search says; a substring search is set up for each text it is
/// given, and every message and source line of a check is given.
fn has_legacy_command(text: &str) -> bool {
    text.as_bytes().contains(&b'#') && text.contains("##[")
}

/// `text` with every hidden character and workflow-command marker
/// escaped; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    let command = text.trim_start().starts_with("::");
    if !command && !has_legacy_command(text) && nothing_hidden(text, &[]) {
        return Cow::Borrowed(text);
    }
    let leading = text.len() - text.trim_start().len();
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        let marker = (command && at == leading) || (c == '#' && text[at..].starts_with("##["));
        if hidden(c) || marker {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Multi-line text (a help with a template) escaped line by line, so its
/// line breaks stay line breaks.
pub fn escape_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| escape(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with every hidden character replaced by visible ones of the same
/// byte length (`?`, or U+FFFD for three bytes), for source lines whose byte
/// offsets must stay where they are. Line breaks are kept: the caller splits
/// on them.
pub fn mask_keeping_offsets(text: &str) -> Cow<'_, str> {
    let masked = |c: char| hidden(c) && !matches!(c, '\n' | '\r');
    if !has_legacy_command(text) && nothing_hidden(text, b"\n\r") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if c == '#' && text[at..].starts_with("##[") {
            out.push('?');
        } else if !masked(c) {
            out.push(c);
        } else if c.len_utf8() == 3 {
            out.push('\u{FFFD}');
        } else {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{escape, hidden, mask_keeping_offsets, nothing_hidden};

    #[test]
    fn nothing_hidden_is_no_character_hidden() {
        for text in [
            "",
            "plain text",
            "tab\there",
            "add `records=\"…\"`: where",
            "é ü ß 日本",
            "\u{7f}",
            "a\u{1b}[31m",
            "line\nbreak",
            "c1 \u{85} control",
            "bidi \u{202e}olleh",
            "zero\u{200b}width",
            "…\u{2028}",
            "\u{feff}bom",
        ] {
            assert_eq!(nothing_hidden(text, &[]), !text.chars().any(hidden), "{text:?}");
            let masked = |c: char| hidden(c) && !matches!(c, '\n' | '\r');
            assert_eq!(nothing_hidden(text, b"\n\r"), !text.chars().any(masked), "{text:?}");
        }
    }

    #[test]
    fn escapes_controls_breaks_and_bidi_overrides() {
        assert_eq!(escape("plain åäö\ttab"), "plain åäö\ttab");
        assert_eq!(escape("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape("x\n::error::forged"), "x\\u{a}::error::forged");
        assert_eq!(escape("\u{202E}gpj.exe\u{2066}"), "\\u{202e}gpj.exe\\u{2066}");
        assert_eq!(escape("nel\u{85}ls\u{2028}"), "nel\\u{85}ls\\u{2028}");
        assert_eq!(escape("zero\u{200B}width"), "zero\\u{200b}width");
    }

    #[test]
    fn no_text_can_start_a_workflow_command() {
        assert_eq!(escape("::error::x.ropa.kdl"), "\\u{3a}:error::x.ropa.kdl");
        assert_eq!(escape("  ::warning::x"), "  \\u{3a}:warning::x");
        assert_eq!(escape("a ::b"), "a ::b");
        assert_eq!(escape("say ##[error]forged"), "say \\u{23}#[error]forged");
        assert_eq!(escape("###[x"), "#\\u{23}#[x");
        assert_eq!(escape("# [ok] #"), "# [ok] #");
    }

    #[test]
    fn every_ascii_byte_is_escaped_as_the_character_test_has_it() {
        // The byte-at-a-time test must agree with `hidden` on every ASCII
        // character, alone and beside others.
        for b in 0u8..0x80 {
            let c = char::from(b);
            for text in [c.to_string(), format!("a{c}b"), format!("{c}\u{e5}")] {
                let by_char = text.chars().any(super::hidden);
                assert_eq!(escape(&text) != text, by_char, "{text:?}");
                let masked = text.chars().any(|c| super::hidden(c) && !matches!(c, '\n' | '\r'));
                assert_eq!(mask_keeping_offsets(&text) != text, masked, "{text:?}");
            }
        }
    }

    #[test]
    fn hidden_is_its_definition_for_every_ascii_character() {
        let by_definition = |c: char| {
            (c.is_control() && c != '\t')
                || matches!(c, '\u{2028}' | '\u{2029}')
                || ropa_syntax::invisible::is_invisible(c)
        };
        for c in (0u8..0x80)
            .map(char::from)
            .chain(['\u{85}', '\u{e5}', '\u{2028}', '\u{202E}', '\u{2026}'])
        {
            assert_eq!(super::hidden(c), by_definition(c), "{c:?}");
        }
    }

    #[test]
    fn masking_keeps_every_byte_offset() {
        for text in ["a\u{1b}b", "a\u{85}b\u{202E}c\u{7f}", "line\r\nnext\n"] {
            let masked = mask_keeping_offsets(text);
            assert_eq!(masked.len(), text.len(), "{text:?}");
            assert!(
                !masked.contains(['\u{1b}', '\u{85}', '\u{202E}', '\u{7f}']),
                "{masked:?}"
            );
        }
        assert_eq!(mask_keeping_offsets("line\r\nnext\n"), "line\r\nnext\n");
        assert_eq!(mask_keeping_offsets("// ##[error]x"), "// ?#[error]x");
    }
}
