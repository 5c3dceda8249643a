//! Characters that change what a reader sees without being seen themselves:
//! bidirectional controls, which reorder the text around them ("Trojan
//! Source", CVE-2021-42574: a U+202E before a phone number shows it reversed),
//! and invisible formatting characters (zero-width space, word joiner, byte
//! order mark, tag characters), which make two different texts look the
//! same. The checker reports them in a spec (`invisible-character`); every
//! output neutralises them with the same list: reports drop them, the
//! terminal writes them as `\u{…}`.
//!
//! Not in the list: zero-width joiner and non-joiner (U+200C, U+200D),
//! which some scripts and emoji need, and the soft hyphen, which only
//! marks where a word may break.

use std::borrow::Cow;

/// Whether `c` is a bidirectional control or an invisible formatting
/// character.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'                      // ARABIC LETTER MARK
            | '\u{180E}'                // MONGOLIAN VOWEL SEPARATOR
            | '\u{200B}'                // ZERO WIDTH SPACE
            | '\u{200E}' | '\u{200F}'   // LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
            | '\u{202A}'..='\u{202E}'   // embeddings, overrides, POP DIRECTIONAL FORMATTING
            | '\u{2060}'..='\u{2064}'   // WORD JOINER, invisible operators
            | '\u{2066}'..='\u{2069}'   // isolates, POP DIRECTIONAL ISOLATE
            | '\u{206A}'..='\u{206F}'   // deprecated format characters
            | '\u{FEFF}'                // ZERO WIDTH NO-BREAK SPACE (byte order mark)
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
            | '\u{E0000}'..='\u{E007F}' // tag characters
    )
}

/// Whether `c` reorders text: the bidirectional controls alone.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` without its invisible characters; borrowed when it has none.
/// Reports use it on every piece of spec text, so what is printed reads in
/// the order it was written.
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
}

/// The Unicode name of an invisible character, for messages; `None` for
/// any other character.
pub fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        c if is_invisible(c) => "invisible formatting character",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_zero_width_characters_are_invisible() {
        for c in [
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{FEFF}',
            '\u{E0041}',
            '\u{200F}',
        ] {
            assert!(is_invisible(c), "{:x}", c as u32);
        }
        for c in ['a', 'å', ' ', '\u{200D}', '\u{200C}', '\u{00AD}', 'ا', '\n'] {
            assert!(!is_invisible(c), "{:x}", c as u32);
        }
        assert!(is_bidi_control('\u{202E}'));
        assert!(!is_bidi_control('\u{200B}'));
    }

    #[test]
    fn strip_keeps_the_logical_order_and_borrows_clean_text() {
        assert_eq!(strip("Anna \u{202E}+46 70 123\u{202C}"), "Anna +46 70 123");
        assert!(matches!(strip("plain åäö"), Cow::Borrowed(_)));
        assert_eq!(name('\u{202E}'), Some("RIGHT-TO-LEFT OVERRIDE"));
        assert_eq!(name('\u{E0041}'), Some("invisible formatting character"));
        assert_eq!(name('x'), None);
    }
}
