//! The formatter: one node per line, four spaces per level, single spaces
//! between entries, no spaces around `=` or inside type annotations.
//!
//! It works on the lossless token stream, so every comment survives: a
//! comment on a line of its own stays there (re-indented); a comment after a
//! node stays after it, at its old column when that still fits, so aligned
//! trailing comments stay aligned. Blank lines between nodes are kept (at
//! most one in a row). Slashdashed text, multi-line strings and line
//! continuations are kept as written: their layout can carry meaning.
//!
//! Formatting is idempotent, and the formatted text parses to the same
//! document. A text with syntax errors is not formatted at all: guessing
//! the structure of broken input could move text between nodes.

use crate::{Parse, TokenKind};

const INDENT: &str = "    ";

/// Why a text was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The text has syntax errors; fix them first.
    SyntaxErrors(usize),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::SyntaxErrors(1) => f.write_str("the file has a syntax error; fix it before formatting"),
            FormatError::SyntaxErrors(n) => write!(f, "the file has {n} syntax errors; fix them before formatting"),
        }
    }
}

/// Formats `text`, which must be what `parse` was given.
pub fn format(text: &str, parse: &Parse) -> Result<String, FormatError> {
    if !parse.errors.is_empty() {
        return Err(FormatError::SyntaxErrors(parse.errors.len()));
    }
    let mut printer = Printer {
        text,
        ..Printer::default()
    };
    for token in &parse.tokens {
        let source = text.get(token.span.range()).unwrap_or("");
        printer.token(token.kind, source, token.span.start as usize);
    }
    Ok(printer.finish())
}

#[derive(Default)]
struct Printer<'a> {
    text: &'a str,
    out: String,
    /// The output line being built, indentation included.
    line: String,
    depth: usize,
    /// Newlines seen since the last token with content: two or more is a
    /// blank line to keep.
    newlines: usize,
    /// The next token on this line follows without a space (after `=`, `(`,
    /// `)` and `/-`).
    glued: bool,
    /// No blank line may come next: the last line opened a block, or ended
    /// a node with an empty continuation line.
    no_blank_next: bool,
    /// The current line continues a node after a `\` line continuation.
    continued: bool,
}

impl Printer<'_> {
    fn token(&mut self, kind: TokenKind, source: &str, offset: usize) {
        match kind {
            TokenKind::Bom => self.out.push_str(source),
            TokenKind::Whitespace if source == "\\" => {
                self.word(source);
            }
            TokenKind::Whitespace if source.chars().any(crate::chars::is_newline) => {
                // The newline of a line continuation: the node goes on, one level deeper.
                self.flush();
                self.line = INDENT.repeat(self.depth + 1);
                self.continued = true;
            }
            TokenKind::Whitespace => {}
            TokenKind::Newline | TokenKind::Semicolon => {
                if self.has_content() {
                    self.flush();
                } else if std::mem::take(&mut self.continued) {
                    // A continuation followed by nothing: this newline ends
                    // the node, so it must stay a line of its own, and it
                    // stands for any blank lines after it (idempotence).
                    self.out.push('\n');
                    self.line.clear();
                    self.newlines = 0;
                    self.no_blank_next = true;
                    return;
                }
                self.newlines += 1;
            }
            TokenKind::LineComment => {
                if self.has_content() {
                    let column = self.original_column(offset);
                    let width = self.line.chars().count();
                    let pad = if column > width + 1 { column - 1 - width } else { 1 };
                    self.line.extend(std::iter::repeat_n(' ', pad));
                    self.line.push_str(source.trim_end());
                } else {
                    self.start_line();
                    self.line.push_str(source.trim_end());
                }
            }
            TokenKind::OpenBrace => {
                self.word("{");
                self.flush();
                self.depth += 1;
                self.no_blank_next = true;
            }
            TokenKind::CloseBrace => {
                if self.has_content() {
                    self.flush();
                }
                self.depth = self.depth.saturating_sub(1);
                // A blank line before `}` is never kept.
                self.newlines = 0;
                self.start_line();
                self.line.push('}');
            }
            TokenKind::Equals | TokenKind::CloseParen => {
                self.line.push_str(source);
                self.glued = true;
            }
            TokenKind::OpenParen | TokenKind::Slashdash => {
                self.word(source);
                self.glued = true;
            }
            TokenKind::BlockComment
            | TokenKind::SlashdashedText
            | TokenKind::Identifier
            | TokenKind::QuotedString
            | TokenKind::RawString
            | TokenKind::Number
            | TokenKind::Keyword
            | TokenKind::Error => self.word(source),
        }
    }

    /// Appends a word to the current line, starting a line or adding the
    /// separating space as needed.
    fn word(&mut self, source: &str) {
        if self.has_content() {
            if !self.glued {
                self.line.push(' ');
            }
        } else if !std::mem::take(&mut self.continued) {
            self.start_line();
        }
        self.line.push_str(source);
        self.glued = false;
    }

    fn has_content(&self) -> bool {
        !self.line.trim_start().is_empty()
    }

    fn start_line(&mut self) {
        // No blank line at the top of the file, even after a byte-order mark.
        let at_top = self.out.trim_start_matches('\u{feff}').is_empty();
        if self.newlines >= 2 && !at_top && !self.no_blank_next {
            self.out.push('\n');
        }
        self.newlines = 0;
        self.no_blank_next = false;
        self.line = INDENT.repeat(self.depth);
        self.glued = false;
    }

    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_end();
        if !line.trim_start().is_empty() {
            self.out.push_str(line);
            self.out.push('\n');
            if !line.ends_with('{') {
                self.no_blank_next = false;
            }
        }
        self.glued = false;
    }

    /// The 1-based column, in characters, at which `offset` stood in the input.
    fn original_column(&self, offset: usize) -> usize {
        let line_start = crate::lines::line_start(self.text, offset);
        let line = self.text.get(line_start..offset).unwrap_or("");
        // A byte-order mark is written ahead of the first line, not in it.
        let line = if line_start == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        line.chars().count() + 1
    }

    fn finish(mut self) -> String {
        if self.has_content() {
            self.flush();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    fn fmt(text: &str) -> String {
        let parse = crate::parse(text);
        let formatted = format(text, &parse).expect("no syntax errors");
        let again = format(&formatted, &crate::parse(&formatted)).expect("formatted text parses");
        assert_eq!(formatted, again, "formatting is idempotent");
        assert_eq!(
            crate::parse(&formatted).document.nodes.len(),
            parse.document.nodes.len()
        );
        formatted
    }

    #[test]
    fn normalises_layout() {
        let text = "activity  web   {\n  purpose   \"Run\"\n      basis contract ; retain \"2 years\"   from = contract-end\n}\n\n\n\ndata x";
        assert_eq!(
            fmt(text),
            "activity web {\n    purpose \"Run\"\n    basis contract\n    retain \"2 years\" from=contract-end\n}\n\ndata x\n"
        );
    }

    #[test]
    fn keeps_comments_and_aligned_trailing_comments() {
        let text = "// head\nactivity web {\n    // own line\n  basis contract        // aligned\n    data x /* inline */ y\n}\n";
        assert_eq!(
            fmt(text),
            // The trailing comment keeps its column (25).
            "// head\nactivity web {\n    // own line\n    basis contract      // aligned\n    data x /* inline */ y\n}\n"
        );
    }

    #[test]
    fn every_kdl_newline_formats_like_lf() {
        // Trailing comments at growing byte offsets: a column counted from
        // the last `\n` would pad each by its offset in the file.
        let lf: String = (0..200).map(|i| format!("node{i} {i} // c{i}\n")).collect();
        let expected = fmt(&lf);
        for nl in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            let text = lf.replace('\n', nl);
            let formatted = fmt(&text);
            assert_eq!(formatted, expected, "{nl:?}");
            assert!(
                formatted.len() <= text.len() + 200,
                "{nl:?}: {} bytes from {}",
                formatted.len(),
                text.len()
            );
        }
    }

    #[test]
    fn keeps_slashdash_strings_and_type_annotations() {
        let text = "a /-b (t)\"v\" {\n/-c { d }\n    e \"\"\"\n  multi\n  \"\"\"\n}\n";
        let formatted = fmt(text);
        assert!(formatted.contains("a /-b (t)\"v\" {"), "{formatted}");
        assert!(formatted.contains("    /-c { d }"), "{formatted}");
        assert!(formatted.contains("\"\"\"\n  multi\n  \"\"\""), "{formatted}");
    }

    #[test]
    fn refuses_broken_input_and_handles_edges() {
        let broken = "a \"unclosed\n";
        assert!(format(broken, &crate::parse(broken)).is_err());
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n\n\n"), "");
        assert_eq!(fmt("a {}"), "a {\n}\n");
        assert_eq!(fmt("a { b { c 1 } }"), "a {\n    b {\n        c 1\n    }\n}\n");
        assert_eq!(fmt("a \\\n  b=1"), "a \\\n    b=1\n");
        // Found by fuzzing: a continuation into an empty line ends the node.
        assert_eq!(fmt("a \\\n\nb\n"), "a \\\n\nb\n");
        // Any KDL newline ends a continuation, vertical tab included.
        assert_eq!(fmt("a \\\u{0B}\nb\n"), "a \\\n\nb\n");
        // A byte-order mark does not shift the first line's trailing comment.
        assert_eq!(fmt("\u{feff}e \\   // c\n  b\n"), "\u{feff}e \\   // c\n    b\n");
        // Found by the fuzzer: blank lines after the mark were kept as one
        // on the first pass and dropped on the second.
        assert_eq!(fmt("\u{feff}\n\n\nnode 0\n"), "\u{feff}node 0\n");
        // And the blank lines after such a continuation fold into one.
        assert_eq!(fmt("a \\ // c\n\u{0C}\u{0C}\u{0C}  b\n"), "a \\ // c\n\nb\n");
    }
}
