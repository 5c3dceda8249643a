//! Decoding quoted, raw and multi-line strings (SPEC.md "Quoted String",
//! "Escapes", "Multi-line String", "Raw String").
//!
//! The lexer only finds where a string token ends; its value, escape errors
//! and multi-line dedent errors are produced here, once per string the parser
//! looks at. Unclosed strings were already reported by the lexer, so they are
//! decoded best-effort without further errors.

use crate::chars::{char_at, is_newline, is_space, newline_len};
use crate::{ParseError, SmolStr, Span};

/// Error sink that turns token-relative byte ranges into document spans.
struct Sink<'e> {
    offset: u32,
    errors: &'e mut Vec<ParseError>,
}

impl Sink<'_> {
    fn error(&mut self, start: usize, end: usize, message: impl Into<String>, help: Option<String>) {
        self.errors.push(ParseError {
            span: Span::new(self.offset + start as u32, self.offset + end as u32),
            message: message.into(),
            help,
        });
    }
}

/// Decodes a `QuotedString` or `RawString` token's text. `offset` is the
/// token's start in the document, for error spans.
pub(crate) fn decode(text: &str, raw: bool, offset: u32, errors: &mut Vec<ParseError>) -> SmolStr {
    let mut sink = Sink { offset, errors };
    let hashes = if raw {
        text.bytes().take_while(|&b| b == b'#').count()
    } else {
        0
    };
    let quotes = &text[hashes..];
    if quotes.starts_with("\"\"\"") {
        multi_line(text, hashes, raw, &mut sink).into()
    } else if raw {
        let body_start = hashes + 1;
        let b = text.as_bytes();
        // The lexer ends a raw string at its first `"` + hashes, or at the
        // end of the line when there is none (then it reported it unclosed).
        let closed = b.len() >= 2 * hashes + 2
            && b[b.len() - hashes - 1] == b'"'
            && b[b.len() - hashes..].iter().all(|&c| c == b'#');
        let body_end = if closed { text.len() - hashes - 1 } else { text.len() };
        crate::small(text.get(body_start..body_end).unwrap_or(""))
    } else {
        single_line(text, &mut sink)
    }
}

/// Outcome of reading one backslash escape.
enum Escape {
    /// A character escape (`\n`, `\u{1F600}`, ...) of this many bytes.
    Char(char, usize),
    /// `\` followed by whitespace and/or newlines: this many bytes vanish.
    Whitespace(usize),
    /// Invalid (already reported); skip this many bytes.
    Invalid(usize),
    /// The text ends right after the backslash.
    End,
}

/// Reads the escape whose backslash is at byte `i` of `text`.
fn escape(text: &str, i: usize, sink: &mut Sink<'_>) -> Escape {
    let Some(c) = char_at(text, i + 1) else {
        return Escape::End;
    };
    let simple = match c {
        'n' => Some('\n'),
        'r' => Some('\r'),
        't' => Some('\t'),
        '\\' => Some('\\'),
        '"' => Some('"'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{C}'),
        's' => Some(' '),
        _ => None,
    };
    if let Some(v) = simple {
        return Escape::Char(v, 2);
    }
    if is_space(c) || is_newline(c) {
        let mut j = i + 1;
        while let Some(c) = char_at(text, j).filter(|&c| is_space(c) || is_newline(c)) {
            j += c.len_utf8();
        }
        return Escape::Whitespace(j - i);
    }
    if c == 'u' {
        return unicode_escape(text, i, sink);
    }
    let end = i + 1 + c.len_utf8();
    sink.error(
        i,
        end,
        format!("invalid escape `\\{c}`"),
        Some(
            "valid escapes are \\n \\r \\t \\\\ \\\" \\b \\f \\s and \\u{...}; write \\\\ for a backslash, or use a raw string #\"...\"#"
                .to_owned(),
        ),
    );
    Escape::Invalid(end - i)
}

/// `\u{` hex{1,6} `}` naming a Unicode scalar value.
fn unicode_escape(text: &str, i: usize, sink: &mut Sink<'_>) -> Escape {
    let b = text.as_bytes();
    if b.get(i + 2) != Some(&b'{') {
        sink.error(
            i,
            i + 2,
            "invalid unicode escape: expected `{` after `\\u`",
            Some("write it as \\u{1F600}".to_owned()),
        );
        return Escape::Invalid(2);
    }
    let digits_start = i + 3;
    let digits = b[digits_start..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
    let digits_end = digits_start + digits;
    if b.get(digits_end) != Some(&b'}') {
        sink.error(
            i,
            digits_end,
            "unclosed unicode escape: expected `}`",
            Some("write it as \\u{1F600}".to_owned()),
        );
        return Escape::Invalid(digits_end - i);
    }
    let end = digits_end + 1;
    if digits == 0 || digits > 6 {
        sink.error(i, end, "a unicode escape needs 1 to 6 hex digits", None);
        return Escape::Invalid(end - i);
    }
    let hex = &text[digits_start..digits_end];
    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        Some(c) => Escape::Char(c, end - i),
        None => {
            sink.error(
                i,
                end,
                format!("`\\u{{{hex}}}` is not a unicode scalar value"),
                Some("surrogates (D800 to DFFF) and values above 10FFFF cannot be escaped".to_owned()),
            );
            Escape::Invalid(end - i)
        }
    }
}

/// A `"..."` string, escapes resolved.
fn single_line(text: &str, sink: &mut Sink<'_>) -> SmolStr {
    let body = &text[1..];
    // Fast path: no escapes means the value is the text between the quotes.
    if !body.contains('\\') {
        return crate::small(body.strip_suffix('"').unwrap_or(body));
    }
    let mut out = String::with_capacity(body.len());
    let mut i = 1;
    while let Some(c) = char_at(text, i) {
        match c {
            '"' => break,
            '\\' => match escape(text, i, sink) {
                Escape::Char(v, len) => {
                    out.push(v);
                    i += len;
                }
                Escape::Whitespace(len) | Escape::Invalid(len) => i += len,
                Escape::End => break,
            },
            _ => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out.into()
}

/// A `"""` or `#"""` string: whitespace escapes resolved, then dedented, then
/// the other escapes resolved (the order SPEC.md prescribes).
fn multi_line(text: &str, hashes: usize, raw: bool, sink: &mut Sink<'_>) -> String {
    let open_end = hashes + 3;
    let closing: String = std::iter::repeat_n('"', 3)
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    // Pass 1: the body with literal newlines normalised to `\n`, whitespace
    // escapes removed, and valid character escapes kept verbatim for pass 3.
    let mut inter = String::with_capacity(text.len());
    // Where each line of `inter` starts in `text`, for error spans.
    let mut line_starts = vec![open_end];
    let mut close_at = None;
    let mut i = open_end;
    while let Some(c) = char_at(text, i) {
        if c == '"' && text[i..].starts_with(closing.as_str()) {
            close_at = Some(i);
            break;
        }
        if c == '\\' && !raw {
            match escape(text, i, sink) {
                Escape::Char(_, len) => {
                    inter.push_str(&text[i..i + len]);
                    i += len;
                }
                Escape::Whitespace(len) | Escape::Invalid(len) => i += len,
                Escape::End => break,
            }
            continue;
        }
        if let Some(len) = newline_len(text, i) {
            inter.push('\n');
            i += len;
            line_starts.push(i);
            continue;
        }
        inter.push(c);
        i += c.len_utf8();
    }
    let resolve = |s: &str| if raw { s.to_owned() } else { resolve_escapes(s) };
    let Some(close_at) = close_at else {
        // Unclosed: the lexer reported it; keep what is there.
        return resolve(inter.strip_prefix('\n').unwrap_or(&inter));
    };
    let lines: Vec<&str> = inter.split('\n').collect();
    if lines.len() < 2 || !lines[0].is_empty() {
        sink.error(
            0,
            open_end,
            "multi-line strings must start with a newline right after the opening quotes",
            Some("start the text on the next line, or use a single-line string with one `\"`".to_owned()),
        );
        return resolve(&inter);
    }
    let last = lines[lines.len() - 1];
    if !last.chars().all(is_space) {
        sink.error(
            close_at,
            close_at + closing.len(),
            "the closing quotes of a multi-line string must be on their own line",
            Some("put only whitespace before the closing quotes".to_owned()),
        );
        return resolve(&lines[1..].join("\n"));
    }
    let mut out = String::with_capacity(inter.len());
    for (n, line) in lines.iter().enumerate().take(lines.len() - 1).skip(1) {
        if n > 1 {
            out.push('\n');
        }
        if line.chars().all(is_space) {
            continue;
        }
        match line.strip_prefix(last) {
            Some(rest) => out.push_str(rest),
            None => {
                let start = line_starts.get(n).copied().unwrap_or(open_end);
                let end = start + char_at(text, start).map_or(0, char::len_utf8);
                sink.error(
                    start,
                    end,
                    "multi-line string line is not indented like its closing quotes",
                    Some(
                        "every non-blank line must start with exactly the whitespace that precedes the closing quotes"
                            .to_owned(),
                    ),
                );
                out.push_str(line);
            }
        }
    }
    resolve(&out)
}

/// Resolves character escapes already checked by [`escape`] (pass 3 of
/// [`multi_line`]); anything else is copied through.
fn resolve_escapes(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    let mut scratch = Vec::new();
    let mut sink = Sink {
        offset: 0,
        errors: &mut scratch,
    };
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        if c == '\\'
            && let Escape::Char(v, len) = escape(s, i, &mut sink)
        {
            out.push(v);
            i += len;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}
