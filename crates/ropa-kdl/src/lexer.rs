//! Splits the text into tokens covering every byte (see [`TokenKind`]).
//!
//! Lexing KDL 2 needs no parser feedback, so it is one pass over the bytes.
//! The lexer checks everything that is local to a token: disallowed code
//! points, number syntax, identifiers that look like numbers or keywords,
//! unclosed strings and comments, stray `/`, `#` and `\`. Such tokens come out
//! as [`TokenKind::Error`] (or, for unclosed strings and comments, with their
//! own kind) together with a [`ParseError`]. String escapes and multi-line
//! indentation are checked when the parser decodes the string
//! (`string.rs`).
//!
//! A line continuation is a `\` token of kind `Whitespace` followed by the
//! whitespace and comments after it; the newline that ends it is also lexed as
//! `Whitespace` (not `Newline`), because it does not end the node.

use crate::chars::{
    BYTE_CLASS, TEXT_PLAIN, TEXT_SPECIAL, WORD_BAD, WORD_END, WORD_PLAIN, WORD_SUSPECT, char_at, is_disallowed,
    is_newline, is_reserved_word, is_space, looks_like_number, newline_len, run_end,
};
use crate::{ParseError, Span, Token, TokenKind, number};

pub(crate) struct Lexed {
    pub(crate) tokens: Vec<Token>,
    pub(crate) errors: Vec<ParseError>,
    /// The starts of the quoted strings that are multi-line or hold a
    /// backslash, in order: any other quoted string's value is its text
    /// between the quotes, which the parser then takes without a second
    /// look at its bytes.
    pub(crate) escaped: Vec<u32>,
}

pub(crate) fn lex(src: &str) -> Lexed {
    let mut lexer = Lexer {
        src,
        b: src.as_bytes(),
        pos: 0,
        // Typical documents average well over four bytes per token.
        tokens: Vec::with_capacity(src.len() / 4 + 8),
        errors: Vec::new(),
        escaped: Vec::new(),
    };
    lexer.run();
    Lexed {
        tokens: lexer.tokens,
        errors: lexer.errors,
        escaped: lexer.escaped,
    }
}

const KEYWORDS: [&str; 6] = ["#true", "#false", "#null", "#inf", "#-inf", "#nan"];

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    /// Always on a char boundary.
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<ParseError>,
    escaped: Vec<u32>,
}

impl Lexer<'_> {
    fn run(&mut self) {
        if self.src.starts_with('\u{FEFF}') {
            self.pos = 3;
            self.push(TokenKind::Bom, 0);
        }
        while self.pos < self.b.len() {
            self.token();
        }
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start as u32, self.pos as u32),
        });
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>, help: Option<String>) {
        self.errors.push(ParseError {
            span: Span::new(start as u32, end as u32),
            message: message.into(),
            help,
        });
    }

    fn char_here(&self) -> Option<char> {
        char_at(self.src, self.pos)
    }

    fn token(&mut self) {
        let start = self.pos;
        let kind = match self.b[start] {
            b' ' | b'\t' => {
                // Most runs between entries are one space: no call for them.
                self.pos += 1;
                if matches!(self.b.get(self.pos), Some(b' ' | b'\t' | 0x80..)) {
                    self.spaces();
                }
                TokenKind::Whitespace
            }
            b'\n' => {
                self.pos += 1;
                self.push(TokenKind::Newline, start);
                // Indentation follows most newlines: lexed here, without a
                // second trip through this dispatch.
                if self.b.get(self.pos) == Some(&b' ') {
                    let indent = self.pos;
                    self.spaces();
                    self.push(TokenKind::Whitespace, indent);
                }
                return;
            }
            b'\r' | 0x0b | 0x0c => {
                self.pos += newline_len(self.src, start).unwrap_or(1);
                TokenKind::Newline
            }
            b'/' => return self.slash(),
            b'\\' => return self.line_continuation(),
            b'"' => return self.quoted(),
            b'#' => return self.hash(),
            b'(' => self.punct(TokenKind::OpenParen),
            b')' => self.punct(TokenKind::CloseParen),
            b'{' => self.punct(TokenKind::OpenBrace),
            b'}' => self.punct(TokenKind::CloseBrace),
            b'=' => self.punct(TokenKind::Equals),
            b';' => self.punct(TokenKind::Semicolon),
            0x80.. => match self.char_here() {
                Some(c) if is_space(c) => {
                    self.spaces();
                    TokenKind::Whitespace
                }
                Some(c) if is_newline(c) => {
                    self.pos += c.len_utf8();
                    TokenKind::Newline
                }
                _ => return self.word(),
            },
            _ => return self.word(),
        };
        self.push(kind, start);
    }

    fn punct(&mut self, kind: TokenKind) -> TokenKind {
        self.pos += 1;
        kind
    }

    // Inlined: every line's indentation comes through here.
    #[inline(always)]
    fn spaces(&mut self) {
        while let Some(&b) = self.b.get(self.pos) {
            if b == b' ' || b == b'\t' {
                self.pos += 1;
            } else if b >= 0x80 && self.char_here().is_some_and(is_space) {
                self.pos += self.char_here().map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
    }

    /// At a byte flagged `TEXT_SPECIAL` inside a comment or string body (not a
    /// quote or backslash the caller handles): returns the length of a newline
    /// without consuming it; otherwise consumes the character, reporting it if
    /// it is disallowed.
    fn text_char(&mut self) -> Option<usize> {
        if let Some(len) = newline_len(self.src, self.pos) {
            return Some(len);
        }
        let c = self.char_here().unwrap_or('\u{FFFD}');
        if is_disallowed(c) {
            self.disallowed(self.pos, c);
        }
        self.pos += c.len_utf8();
        None
    }

    fn disallowed(&mut self, at: usize, c: char) {
        let (message, help) = disallowed_message(c);
        self.error(at, at + c.len_utf8(), message, Some(help));
    }

    /// Skips body text up to the next byte that needs attention.
    fn skip_plain_text(&mut self) {
        // Continuation bytes of UTF-8 are never `TEXT_SPECIAL`, so stepping
        // byte by byte only ever stops on a char boundary.
        self.pos = run_end(self.b, self.pos, TEXT_PLAIN);
    }

    fn slash(&mut self) {
        let start = self.pos;
        match self.b.get(start + 1) {
            Some(b'/') => self.line_comment(),
            Some(b'*') => self.block_comment(),
            Some(b'-') => {
                self.pos += 2;
                self.push(TokenKind::Slashdash, start);
            }
            _ => {
                self.pos += 1;
                self.push(TokenKind::Error, start);
                self.error(
                    start,
                    start + 1,
                    "unexpected `/`",
                    Some("comments start with `//` or `/*`; quote strings that contain `/`".to_owned()),
                );
            }
        }
    }

    /// `//` up to (not including) the newline.
    fn line_comment(&mut self) {
        let start = self.pos;
        self.pos += 2;
        loop {
            self.skip_plain_text();
            match self.b.get(self.pos) {
                // The newline that ends nearly every comment, without a
                // call to look at it.
                None | Some(b'\n') => break,
                Some(b'"' | b'\\') => self.pos += 1,
                Some(_) => {
                    if self.text_char().is_some() {
                        break;
                    }
                }
            }
        }
        self.push(TokenKind::LineComment, start);
    }

    /// `/* ... */`, nested.
    fn block_comment(&mut self) {
        let start = self.pos;
        self.pos += 2;
        let mut depth = 1u32;
        loop {
            let Some(&b) = self.b.get(self.pos) else {
                self.error(
                    start,
                    start + 2,
                    "unclosed block comment",
                    Some("add `*/` to close it (block comments nest: each `/*` needs its own `*/`)".to_owned()),
                );
                break;
            };
            let next = self.b.get(self.pos + 1).copied();
            match (b, next) {
                (b'*', Some(b'/')) => {
                    self.pos += 2;
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                (b'/', Some(b'*')) => {
                    self.pos += 2;
                    depth += 1;
                }
                (b'"' | b'\\', _) => self.pos += 1,
                _ if BYTE_CLASS[b as usize] & TEXT_SPECIAL != 0 => {
                    if let Some(len) = self.text_char() {
                        self.pos += len;
                    }
                }
                _ => self.pos += 1,
            }
        }
        self.push(TokenKind::BlockComment, start);
    }

    /// `\` ws* (line-comment)? (newline | eof).
    fn line_continuation(&mut self) {
        let start = self.pos;
        self.pos += 1;
        let backslash = self.tokens.len();
        self.push(TokenKind::Whitespace, start);
        loop {
            let here = self.pos;
            let Some(&b) = self.b.get(here) else { return };
            match (b, self.b.get(here + 1)) {
                (b'/', Some(b'*')) => self.block_comment(),
                (b'/', Some(b'/')) => {
                    self.line_comment();
                    self.continued_newline();
                    return;
                }
                _ if self.char_here().is_some_and(is_space) => {
                    self.spaces();
                    self.push(TokenKind::Whitespace, here);
                }
                _ if newline_len(self.src, here).is_some() => {
                    self.continued_newline();
                    return;
                }
                _ => {
                    self.tokens[backslash].kind = TokenKind::Error;
                    self.error(
                        start,
                        start + 1,
                        "`\\` outside a string must end its line",
                        Some(
                            "a line continuation is `\\` followed by a newline (and optionally a comment); quote strings that contain `\\`"
                                .to_owned(),
                        ),
                    );
                    return;
                }
            }
        }
    }

    /// The newline that ends a line continuation: whitespace, not a node end.
    fn continued_newline(&mut self) {
        if let Some(len) = newline_len(self.src, self.pos) {
            let start = self.pos;
            self.pos += len;
            self.push(TokenKind::Whitespace, start);
        }
    }

    fn quoted(&mut self) {
        let start = self.pos;
        if self.b[start..].starts_with(b"\"\"\"") {
            self.escaped.push(start as u32);
            self.pos += 3;
            loop {
                self.skip_plain_text();
                let Some(&b) = self.b.get(self.pos) else {
                    self.error(
                        start,
                        start + 3,
                        "unclosed multi-line string",
                        Some("add `\"\"\"` on a line of its own".to_owned()),
                    );
                    break;
                };
                match b {
                    b'"' if self.b[self.pos..].starts_with(b"\"\"\"") => {
                        self.pos += 3;
                        break;
                    }
                    b'"' => self.pos += 1,
                    b'\\' => {
                        self.pos += 1;
                        if matches!(self.b.get(self.pos), Some(b'"' | b'\\')) {
                            self.pos += 1;
                        }
                    }
                    _ => {
                        if let Some(len) = self.text_char() {
                            self.pos += len;
                        }
                    }
                }
            }
        } else {
            self.pos += 1;
            loop {
                self.skip_plain_text();
                let unclosed = match self.b.get(self.pos) {
                    None => true,
                    Some(b'"') => {
                        self.pos += 1;
                        break;
                    }
                    Some(b'\\') => {
                        if self.escaped.last() != Some(&(start as u32)) {
                            self.escaped.push(start as u32);
                        }
                        self.pos += 1;
                        self.after_backslash();
                        false
                    }
                    Some(_) => self.text_char().is_some(),
                };
                if unclosed {
                    self.error(
                        start,
                        self.pos,
                        "unclosed string",
                        Some(
                            "a quoted string must end on the line it starts: add a closing `\"`, or use `\"\"\"` for a multi-line string"
                                .to_owned(),
                        ),
                    );
                    break;
                }
            }
        }
        self.push(TokenKind::QuotedString, start);
    }

    /// After a `\` in a single-line string: steps over what it escapes, so
    /// that an escaped quote or an escaped newline does not end the string.
    fn after_backslash(&mut self) {
        match self.b.get(self.pos) {
            Some(b'"' | b'\\') => self.pos += 1,
            _ => {
                while let Some(c) = self.char_here() {
                    if is_space(c) {
                        self.pos += c.len_utf8();
                    } else if let Some(len) = newline_len(self.src, self.pos) {
                        self.pos += len;
                    } else {
                        break;
                    }
                }
            }
        }
    }

    fn hash(&mut self) {
        let start = self.pos;
        let hashes = self.b[start..].iter().take_while(|&&b| b == b'#').count();
        if self.b.get(start + hashes) == Some(&b'"') {
            return self.raw(hashes);
        }
        let (end, _) = self.word_end(start + hashes);
        self.pos = end;
        let text = &self.src[start..end];
        if hashes == 1 && KEYWORDS.contains(&text) {
            self.push(TokenKind::Keyword, start);
            return;
        }
        self.push(TokenKind::Error, start);
        if hashes == 1 {
            let bare = &text[1..];
            let help = if bare.is_empty() {
                "keywords are #true, #false, #null, #inf, #-inf and #nan".to_owned()
            } else {
                format!(
                    "keywords are #true, #false, #null, #inf, #-inf and #nan; quote strings that start with `#`: \"{text}\""
                )
            };
            self.error(start, end, format!("unknown keyword `{text}`"), Some(help));
        } else {
            let marks = &text[..hashes];
            self.error(
                start,
                end,
                format!("expected `\"` after `{marks}`"),
                Some(format!("raw strings look like {marks}\"...\"{marks}")),
            );
        }
    }

    /// `#"..."#`, `##"""\n..."""##` and friends; `self.pos` is at the first
    /// `#` and there are `hashes` of them before the quote.
    fn raw(&mut self, hashes: usize) {
        let start = self.pos;
        self.pos += hashes;
        let closes = |b: &[u8], at: usize, quotes: usize| {
            b.len() >= at + quotes + hashes
                && b[at..at + quotes].iter().all(|&c| c == b'"')
                && b[at + quotes..at + quotes + hashes].iter().all(|&c| c == b'#')
        };
        let marks = &self.src[start..start + hashes];
        if self.b[self.pos..].starts_with(b"\"\"\"") {
            self.pos += 3;
            loop {
                self.skip_plain_text();
                let Some(&b) = self.b.get(self.pos) else {
                    self.error(
                        start,
                        start + hashes + 3,
                        "unclosed multi-line raw string",
                        Some(format!("add `\"\"\"{marks}` on a line of its own")),
                    );
                    break;
                };
                if b == b'"' && closes(self.b, self.pos, 3) {
                    self.pos += 3 + hashes;
                    break;
                }
                if matches!(b, b'"' | b'\\') {
                    self.pos += 1;
                } else if let Some(len) = self.text_char() {
                    self.pos += len;
                }
            }
        } else {
            self.pos += 1;
            loop {
                self.skip_plain_text();
                let unclosed = match self.b.get(self.pos) {
                    None => true,
                    Some(b'"') if closes(self.b, self.pos, 1) => {
                        self.pos += 1 + hashes;
                        break;
                    }
                    Some(b'"' | b'\\') => {
                        self.pos += 1;
                        false
                    }
                    Some(_) => self.text_char().is_some(),
                };
                if unclosed {
                    self.error(
                        start,
                        self.pos,
                        "unclosed raw string",
                        Some(format!(
                            "add the closing `\"{marks}` on the same line, or use `{marks}\"\"\"` for a multi-line raw string"
                        )),
                    );
                    break;
                }
            }
        }
        self.push(TokenKind::RawString, start);
    }

    /// The end of the run of `WORD_PLAIN` bytes from `from`: most bytes of
    /// a word need one lookup and nothing else.
    fn plain_end(&self, from: usize) -> usize {
        run_end(self.b, from, WORD_PLAIN)
    }

    /// The end of the bare word starting at `from`, and its first character
    /// that may not appear in an identifier, if any.
    fn word_end(&self, from: usize) -> (usize, Option<(usize, char)>) {
        let mut i = from;
        let mut bad = None;
        loop {
            i = self.plain_end(i);
            let Some(&b) = self.b.get(i) else { break };
            if b < 0x80 {
                let class = BYTE_CLASS[b as usize];
                if class & WORD_END != 0 {
                    break;
                }
                if class & WORD_BAD != 0 && bad.is_none() {
                    bad = Some((i, b as char));
                }
                i += 1;
            } else {
                let c = char_at(self.src, i).unwrap_or('\u{FFFD}');
                if is_space(c) || is_newline(c) {
                    break;
                }
                if is_disallowed(c) && bad.is_none() {
                    bad = Some((i, c));
                }
                i += c.len_utf8();
            }
        }
        (i, bad)
    }

    /// An identifier, a number, or a word that is neither.
    fn word(&mut self) {
        let start = self.pos;
        // Most words are plain ASCII up to a byte that ends them: settled
        // here, without the call to `word_end` (whose work on the plain
        // bytes would be the same).
        let plain = self.plain_end(start);
        let (mut end, bad) = match self.b.get(plain) {
            Some(&b) if BYTE_CLASS[usize::from(b)] & WORD_END == 0 => self.word_end(plain),
            _ => (plain, None),
        };
        if end == start {
            // Unreachable with the dispatch in `token`, but never loop forever.
            end = start + self.char_here().map_or(1, char::len_utf8);
        }
        // Classified as bytes; the text as a `str` (two char-boundary checks)
        // only for a message.
        let word = self.b.get(start..end).unwrap_or_default();
        let text = || &self.src[start..end];
        if self.b.get(end) == Some(&b'"')
            && word.len() > 1
            && word.starts_with(b"r#")
            && word[1..].iter().all(|&b| b == b'#')
        {
            let text = text();
            // A KDL 1 raw string `r#"..."#`: flag the `r`, lex the rest as
            // the KDL 2 raw string it almost is.
            self.pos = start + 1;
            self.push(TokenKind::Error, start);
            self.error(
                start,
                start + 1,
                "raw strings have no `r` prefix in KDL 2",
                Some(format!("write {}\"...\"{}", &text[1..], &text[1..])),
            );
            return;
        }
        self.pos = end;
        if let Some((at, c)) = bad {
            let text = text();
            self.push(TokenKind::Error, start);
            if matches!(c, '[' | ']' | '#') {
                self.error(
                    at,
                    at + 1,
                    format!("`{c}` is not allowed in a bare identifier"),
                    Some(format!("quote it: \"{text}\"")),
                );
            } else {
                self.disallowed(at, c);
            }
        } else if word
            .first()
            .is_none_or(|&b| BYTE_CLASS[usize::from(b)] & WORD_SUSPECT == 0)
        {
            self.push(TokenKind::Identifier, start);
        } else if looks_like_number(word) {
            let text = text();
            match number::check(text) {
                Ok(()) => self.push(TokenKind::Number, start),
                Err((message, help)) => {
                    self.push(TokenKind::Error, start);
                    self.error(start, end, message, help);
                }
            }
        } else if is_reserved_word(word) {
            let text = text();
            self.push(TokenKind::Error, start);
            let what = if matches!(text, "true" | "false") {
                "boolean"
            } else if text == "null" {
                "null value"
            } else {
                "number"
            };
            self.error(
                start,
                end,
                format!("`{text}` is a keyword and cannot be a bare identifier"),
                Some(format!(
                    "write #{text} for the {what}, or quote it for the string: \"{text}\""
                )),
            );
        } else {
            self.push(TokenKind::Identifier, start);
        }
    }
}

fn disallowed_message(c: char) -> (String, String) {
    let code = c as u32;
    let message = format!("disallowed code point U+{code:04X}");
    let help = match c {
        '\u{FEFF}' => "a byte order mark is only allowed as the very first character of the document".to_owned(),
        '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            format!("text direction controls may not appear literally; in a quoted string write \\u{{{code:x}}}")
        }
        _ => format!("control characters may not appear literally; in a quoted string write \\u{{{code:x}}}"),
    };
    (message, help)
}
