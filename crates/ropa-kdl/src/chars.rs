//! Character classes of KDL 2 (SPEC.md, "Whitespace", "Newline",
//! "Disallowed Literal Code Points", "Identifier String").
//!
//! The lexer works on bytes; these tables let it decide most ASCII bytes with
//! one lookup and only decode a `char` for non-ASCII input.

/// The byte ends a bare word: whitespace, a newline or one of `(){}"=;/\`.
pub(crate) const WORD_END: u8 = 1;
/// The byte may not appear in a bare word (`[`, `]`, `#`, control characters).
pub(crate) const WORD_BAD: u8 = 2;
/// The byte needs a closer look inside quoted text and comments: a quote, a
/// backslash, a newline, a control character, or the lead byte of a non-ASCII
/// character that may be a newline or disallowed (U+0085, U+2028/9, U+200E..,
/// U+FEFF).
pub(crate) const TEXT_SPECIAL: u8 = 4;
/// An ASCII byte that continues a bare word and needs no other look: most
/// of the bytes of every identifier.
pub(crate) const WORD_PLAIN: u8 = 8;
/// Not `TEXT_SPECIAL`: a byte of body text that needs no look. A flag of its
/// own so that a run of them is found the way a run of `WORD_PLAIN` is.
pub(crate) const TEXT_PLAIN: u8 = 16;
/// A bare word that starts with this byte may be a number or a reserved
/// word (a digit, a sign, `.`, or the first letter of `true`, `false`,
/// `null`, `inf`, `nan`); any other word is an identifier without more
/// checks.
pub(crate) const WORD_SUSPECT: u8 = 32;

pub(crate) static BYTE_CLASS: [u8; 256] = build_byte_class();

const fn build_byte_class() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let mut f = 0;
        if c < 0x20 || c == 0x7f {
            if c == b'\t' || c == b'\n' || c == b'\r' || c == 0x0b || c == 0x0c {
                f |= WORD_END;
            } else {
                f |= WORD_BAD;
            }
            if c != b'\t' {
                f |= TEXT_SPECIAL;
            }
        }
        match c {
            b' ' | b'(' | b')' | b'{' | b'}' | b'"' | b'=' | b';' | b'/' | b'\\' => f |= WORD_END,
            b'[' | b']' | b'#' => f |= WORD_BAD,
            _ => {}
        }
        if c == b'"' || c == b'\\' || c == 0xc2 || c == 0xe2 || c == 0xef {
            f |= TEXT_SPECIAL;
        }
        if c < 0x80 && f & (WORD_END | WORD_BAD) == 0 {
            f |= WORD_PLAIN;
        }
        if f & TEXT_SPECIAL == 0 {
            f |= TEXT_PLAIN;
        }
        if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b't' | b'f' | b'n' | b'i') {
            f |= WORD_SUSPECT;
        }
        t[b] = f;
        b += 1;
    }
    t
}

/// The end of the run of bytes from `from` whose class has `flag`. Four
/// bytes at a time while there are four: one test for their four lookups,
/// where a byte at a time took a test and a branch each (the runs are
/// words and string bodies, a few to a few dozen bytes).
#[inline(always)]
pub(crate) fn run_end(b: &[u8], from: usize, flag: u8) -> usize {
    let class = |byte: u8| BYTE_CLASS[usize::from(byte)];
    let mut i = from;
    while let Some(&[b0, b1, b2, b3]) = b.get(i..i + 4) {
        if class(b0) & class(b1) & class(b2) & class(b3) & flag == 0 {
            break;
        }
        i += 4;
    }
    while b.get(i).is_some_and(|&byte| class(byte) & flag != 0) {
        i += 1;
    }
    i
}

/// KDL's non-newline whitespace ("unicode-space").
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// A newline character (CRLF is handled by the callers as one newline).
pub(crate) fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Code points that may not appear literally anywhere (a BOM is allowed only
/// as the very first character; the lexer handles that before asking).
pub(crate) fn is_disallowed(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{E}'..='\u{1F}'
            | '\u{7F}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A character that may appear in an identifier string.
pub(crate) fn is_identifier_char(c: char) -> bool {
    !(is_space(c)
        || is_newline(c)
        || is_disallowed(c)
        || matches!(
            c,
            '(' | ')' | '{' | '}' | '[' | ']' | '/' | '\\' | '"' | '#' | ';' | '='
        ))
}

/// Decodes the char starting at byte `i`; `i` must be a char boundary.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

/// Length in bytes of the newline starting at `i`, if there is one
/// (CRLF counts as one newline of two bytes).
pub(crate) fn newline_len(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    match *b.get(i)? {
        b'\r' => Some(if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
        b'\n' | 0x0b | 0x0c => Some(1),
        x if x < 0x80 => None,
        _ => {
            let c = char_at(s, i)?;
            is_newline(c).then(|| c.len_utf8())
        }
    }
}

/// How a bare word that is otherwise made of identifier characters must be
/// classified before it can be an identifier.
pub(crate) fn looks_like_number(b: &[u8]) -> bool {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    match b.first() {
        Some(b'0'..=b'9') => true,
        Some(b'+' | b'-') => digit(1) || (b.get(1) == Some(&b'.') && digit(2)),
        Some(b'.') => digit(1),
        _ => false,
    }
}

/// The identifiers KDL reserves for keywords (they need a leading `#`).
pub(crate) fn is_reserved_word(word: &[u8]) -> bool {
    matches!(word, b"true" | b"false" | b"null" | b"inf" | b"-inf" | b"nan")
}

/// Whether `s` can be written as a bare identifier string.
pub(crate) fn is_bare_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(is_identifier_char)
        && !looks_like_number(s.as_bytes())
        && !is_reserved_word(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_table_agrees_with_char_predicates() {
        for b in 0u8..0x80 {
            let c = b as char;
            let ends = BYTE_CLASS[b as usize] & WORD_END != 0;
            let bad = BYTE_CLASS[b as usize] & WORD_BAD != 0;
            assert_eq!(ends || bad, !is_identifier_char(c), "byte {b:#x}");
            assert_eq!(ends, is_space(c) || is_newline(c) || "(){}\"=;/\\".contains(c));
        }
    }

    #[test]
    fn runs_end_at_the_first_byte_without_the_flag() {
        for text in [
            "",
            "a",
            "abc",
            "abcd",
            "abcde",
            "abcdefgh ",
            "ab cdefgh",
            "abcdefg(h",
            "abcdefgh",
        ] {
            let expected = text.find([' ', '(']).unwrap_or(text.len());
            assert_eq!(run_end(text.as_bytes(), 0, WORD_PLAIN), expected, "{text:?}");
            assert_eq!(
                run_end(text.as_bytes(), 1.min(text.len()), WORD_PLAIN),
                expected.max(1.min(text.len()))
            );
        }
        assert_eq!(run_end(b"ab\"c", 0, TEXT_PLAIN), 2);
        assert_eq!(run_end("añ€\n".as_bytes(), 0, TEXT_PLAIN), "añ€".len() - 3);
    }

    #[test]
    fn only_suspect_words_can_be_numbers_or_reserved() {
        for b in 0..=255u8 {
            if BYTE_CLASS[usize::from(b)] & WORD_SUSPECT != 0 {
                continue;
            }
            for rest in [&b"1"[..], b".1", b"", b"rue", b"alse", b"ull", b"nf", b"an", b"inf"] {
                let word = [&[b][..], rest].concat();
                assert!(!looks_like_number(&word) && !is_reserved_word(&word), "{word:?}");
            }
        }
        for word in [
            "true", "false", "null", "inf", "-inf", "nan", "1", "+1", "-1", ".1", "+.1",
        ] {
            let first = word.as_bytes()[0];
            assert!(BYTE_CLASS[usize::from(first)] & WORD_SUSPECT != 0, "{word}");
        }
    }

    #[test]
    fn bare_identifiers() {
        for ok in ["foo", "--", "+", "+.", ".", ".md", "-.md", "a1", "_15", "?15", "ノード"] {
            assert!(is_bare_identifier(ok), "{ok}");
        }
        for bad in [
            "", "1", "-1", ".1", "+.1", "true", "-inf", "a b", "a#", "a[", "\u{200E}",
        ] {
            assert!(!is_bare_identifier(bad), "{bad}");
        }
    }
}
