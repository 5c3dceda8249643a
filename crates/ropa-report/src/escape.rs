//! Escaping text from specs for each output format. Every string that
//! reaches HTML, SVG, Markdown or CSV goes through one of these; the
//! renderers never write spec text any other way. Each also drops
//! bidirectional controls and invisible formatting characters
//! ([`ropa_syntax::invisible`]), so that printed text reads in the order it
//! was written; `ropa check` reports them in the spec.

use ropa_syntax::invisible::is_invisible;

/// Text in HTML or XML (SVG) content and in double- or single-quoted
/// attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(&mut out, text);
    out
}

/// [`html`], appended to `out`. A report of a large record escapes
/// hundreds of megabytes, nearly all of it plain ASCII: runs of characters
/// that need nothing are copied whole.
pub fn html_into(out: &mut String, text: &str) {
    let mut plain_from = 0;
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\t' | '\n' | '\r' => continue,
            // Control characters other than tab and newlines are not
            // allowed in XML; drop them rather than break the SVG.
            c if c.is_control() || is_invisible(c) => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        out.push_str(replacement);
        plain_from = at + c.len_utf8();
    }
    out.push_str(&text[plain_from..]);
}

/// Text inline in Markdown (paragraphs, list items, table cells): every
/// character Markdown or GitHub gives a meaning is backslash-escaped, `<`
/// and `&` are written as entities so that no HTML or entity gets through,
/// and line breaks become `<br>` so a value cannot start a new block or
/// break out of a table row.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    markdown_into(&mut out, text);
    out
}

/// [`markdown`], appended to `out`; runs of characters that need nothing
/// are copied whole, as in [`html_into`].
pub fn markdown_into(out: &mut String, text: &str) {
    let start = out.len();
    let mut plain_from = 0;
    for (at, c) in text.char_indices() {
        if at < plain_from {
            // The `\n` of a `\r\n`, written with it.
            continue;
        }
        let (replacement, len) = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '^' | '$' => {
                // The backslash goes before the character, which stays in
                // the plain run that follows.
                out.push_str(&text[plain_from..at]);
                out.push('\\');
                plain_from = at;
                continue;
            }
            '<' => ("&lt;", 1),
            '>' => ("&gt;", 1),
            '&' => ("&amp;", 1),
            '\r' if text[at + 1..].starts_with('\n') => ("<br>", 2),
            '\r' | '\n' => ("<br>", 1),
            '\t' => continue,
            c if c.is_control() || is_invisible(c) => ("", c.len_utf8()),
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        out.push_str(replacement);
        plain_from = at + len;
    }
    out.push_str(&text[plain_from..]);
    // What would start a block at the beginning of a line: a list marker,
    // a numbered item, a setext underline. (`#` and `>` are handled above.)
    let written = &out[start..];
    match written.chars().next() {
        Some('-' | '+' | '=') => out.insert(start, '\\'),
        Some(d) if d.is_ascii_digit() => {
            let digits = written.len() - written.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if written[digits..].starts_with(['.', ')']) {
                out.insert(start + digits, '\\');
            }
        }
        _ => {}
    }
}

/// A CSS string literal's content (inside `"…"` in a `<style>` element):
/// everything but letters, digits and spaces as a hex escape, so that no
/// quote, backslash or `</style>` can end the string or the element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else if !c.is_control() && !is_invisible(c) {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out
}

/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line
/// break. A value that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, which
/// spreadsheets show as text (OWASP, "CSV Injection").
pub fn csv(value: &str) -> String {
    let visible = ropa_syntax::invisible::strip(value);
    let value = visible.as_ref();
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("a\u{0}b\u{1b}c"), "abc");
        assert_eq!(html("Åsa Öberg"), "Åsa Öberg");
    }

    /// Every one of `pieces`, and every pair and triple of them, alone and
    /// among plain text.
    fn mixes(pieces: &[&str]) -> Vec<String> {
        let mut texts = vec![String::new()];
        for a in pieces {
            texts.push((*a).to_owned());
            for b in pieces {
                texts.push(format!("{a}{b}"));
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("{a}x{b}{c}yy"));
                }
            }
        }
        texts
    }

    /// `whole` and `into` (appending) escape each of `texts` as `by_char` does.
    fn agrees(texts: &[String], whole: fn(&str) -> String, into: fn(&mut String, &str), by_char: fn(&str) -> String) {
        for text in texts {
            let expected = by_char(text);
            assert_eq!(whole(text), expected, "{text:?}");
            let mut appended = "kept ".to_owned();
            into(&mut appended, text);
            assert_eq!(appended, format!("kept {expected}"), "{text:?}");
        }
    }

    /// The definition [`html_into`] keeps: a character at a time.
    fn html_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
                c if is_invisible(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn html_copying_plain_runs_escapes_as_a_character_at_a_time_does() {
        // Every character class the escaper tells apart, at every position
        // among plain text: markup, controls (ASCII and C1), invisible and
        // bidi characters, other non-ASCII, and plain ASCII.
        let pieces = [
            "a",
            "Zz 9",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\t",
            "\n",
            "\r",
            "\u{0}",
            "\u{1b}",
            "\u{7f}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "\u{200B}",
            "\u{202E}",
            "\u{FEFF}",
            "\u{E0041}",
            "Å",
            "ø",
            "😀",
            "\u{200D}",
        ];
        agrees(&mixes(&pieces), html, html_into, html_by_char);
    }

    /// The definition [`markdown_into`] keeps: a character at a time.
    fn markdown_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '^' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("<br>");
                }
                '\n' => out.push_str("<br>"),
                c if c.is_control() && c != '\t' => {}
                c if is_invisible(c) => {}
                c => out.push(c),
            }
        }
        match out.chars().next() {
            Some('-' | '+' | '=') => out.insert(0, '\\'),
            Some(d) if d.is_ascii_digit() => {
                let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                if out[digits..].starts_with(['.', ')']) {
                    out.insert(digits, '\\');
                }
            }
            _ => {}
        }
        out
    }

    #[test]
    fn markdown_copying_plain_runs_escapes_as_a_character_at_a_time_does() {
        let pieces = [
            "a", "7", "12", "-", "+", "=", ".", ")", "\\", "`", "*", "|", "#", "$", "<", "&", "\r", "\n", "\r\n", "\t",
            "\u{0}", "\u{7f}", "\u{85}", "\u{200B}", "\u{202E}", "é", " ",
        ];
        agrees(&mixes(&pieces), markdown, markdown_into, markdown_by_char);
    }

    #[test]
    fn markdown_neutralises_syntax() {
        assert_eq!(markdown("| pipes |"), "\\| pipes \\|");
        assert_eq!(markdown("a\nb\r\nc"), "a<br>b<br>c");
        assert_eq!(markdown("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;");
        assert_eq!(markdown("[link](javascript:x)"), "\\[link\\](javascript:x)");
        assert_eq!(markdown("# heading"), "\\# heading");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("12. item"), "12\\. item");
        assert_eq!(markdown("&lt;"), "&amp;lt;");
        assert_eq!(markdown("7 years"), "7 years");
        assert_eq!(markdown("e-mail"), "e-mail");
    }

    #[test]
    fn css_strings_cannot_close_anything() {
        let escaped = css_string("A\"B</style><script>");
        assert!(!escaped.contains(['"', '<', '>', '/']), "{escaped}");
        assert_eq!(css_string("Åsa AB"), "Åsa AB");
        assert_eq!(css_string("a·b"), "a\\b7 b");
    }

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv("+46 16 12 00 90"), "'+46 16 12 00 90");
        assert_eq!(csv("-1"), "'-1");
        assert_eq!(csv("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv("\t=1"), "'\t=1");
        assert_eq!(csv("=1,2"), "\"'=1,2\"");
    }

    #[test]
    fn every_format_drops_bidi_controls_and_invisible_characters() {
        let hostile = "Anna \u{202E}+46 70 123\u{202C}\u{200B}";
        assert_eq!(html(hostile), "Anna +46 70 123");
        assert_eq!(markdown(hostile), "Anna +46 70 123");
        assert_eq!(csv(hostile), "Anna +46 70 123");
        assert_eq!(css_string("a\u{2066}b"), "ab");
        // A formula hidden behind an invisible character is still guarded.
        assert_eq!(csv("\u{200B}=1+1"), "'=1+1");
    }
}
