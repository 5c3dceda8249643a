//! Where the cursor is, for completion, read from the lossless token stream.
//!
//! Completion happens in text that is half typed and often broken: `basis
//! con` is a node with an unknown value, `transfer US mechanism=` is a
//! property with no value at all, `activity web {` may have no `}` yet. The
//! tree keeps what parsed; the tokens keep everything. So the context is read
//! from the tokens: the statement the cursor is in (back to the previous
//! newline, `;`, `{` or `}`), and the names of the nodes whose `{` blocks
//! enclose it (by counting braces backwards).

use ropa_syntax::Span;
use ropa_syntax::kdl::{Token, TokenKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Context {
    /// A node name, in the block of the nodes named by `parents`.
    NodeName { parents: Vec<String> },
    /// After a node's name: an argument (the `arg_index`th) or a property.
    Entry {
        parents: Vec<String>,
        node: String,
        arg_index: usize,
        /// Properties already written on the node.
        present: Vec<String>,
    },
    /// Right after `key=`.
    PropValue {
        parents: Vec<String>,
        node: String,
        key: String,
    },
    /// In a string, a comment, or text that cannot be completed.
    Nothing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub context: Context,
    /// The word being typed (empty at the offset when none): what a chosen
    /// item replaces.
    pub replace: Span,
    /// The part of that word before the cursor.
    pub prefix: String,
}

fn is_word(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Identifier | TokenKind::Number | TokenKind::Keyword | TokenKind::Error
    )
}

fn is_trivia(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Whitespace | TokenKind::LineComment | TokenKind::BlockComment | TokenKind::Bom
    )
}

fn is_boundary(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Newline | TokenKind::Semicolon | TokenKind::OpenBrace | TokenKind::CloseBrace
    )
}

/// Whether a string or comment token has its closing delimiter: the end of
/// an unclosed one is still inside it.
fn is_closed(text: &str, token: &Token) -> bool {
    let raw = text.get(token.span.range()).unwrap_or("");
    match token.kind {
        TokenKind::QuotedString | TokenKind::RawString => raw.len() >= 2 && raw.ends_with(['"', '#']),
        TokenKind::BlockComment => raw.len() >= 4 && raw.ends_with("*/"),
        // A line comment runs to the end of its line: its end is inside it.
        TokenKind::LineComment => false,
        _ => true,
    }
}

/// The text of a name token: quotes stripped from a quoted name.
fn name_text(text: &str, token: &Token) -> String {
    let raw = text.get(token.span.range()).unwrap_or("");
    match token.kind {
        TokenKind::QuotedString => raw.trim_matches('"').to_owned(),
        _ => raw.to_owned(),
    }
}

pub(crate) fn cursor(text: &str, tokens: &[Token], offset: u32) -> Cursor {
    let empty = |context| Cursor {
        context,
        replace: Span::new(offset, offset),
        prefix: String::new(),
    };
    if offset as usize > text.len() || !text.is_char_boundary(offset as usize) {
        return empty(Context::Nothing);
    }
    // The token the cursor is in or right after.
    let at = tokens
        .iter()
        .position(|t| t.span.start < offset && offset <= t.span.end);
    let (word, before) = match at {
        Some(i) if is_word(tokens[i].kind) => (Some(tokens[i]), i),
        Some(i) => match tokens[i].kind {
            TokenKind::QuotedString
            | TokenKind::RawString
            | TokenKind::LineComment
            | TokenKind::BlockComment
            | TokenKind::SlashdashedText
                if offset < tokens[i].span.end || !is_closed(text, &tokens[i]) =>
            {
                return empty(Context::Nothing);
            }
            _ => (None, i + 1),
        },
        None => (
            None,
            tokens
                .iter()
                .position(|t| t.span.start >= offset)
                .unwrap_or(tokens.len()),
        ),
    };
    let (replace, prefix) = match word {
        Some(token) => (
            token.span,
            text.get(token.span.start as usize..offset as usize)
                .unwrap_or("")
                .to_owned(),
        ),
        None => (Span::new(offset, offset), String::new()),
    };
    let statement = statement_before(tokens, before);
    let parents = parents(text, tokens, statement.boundary);
    let sig = &statement.tokens;
    let context = match sig.as_slice() {
        [] => Context::NodeName { parents },
        [first, ..] if !matches!(first.kind, TokenKind::Identifier | TokenKind::QuotedString) => Context::Nothing,
        [first, .., key, last] if last.kind == TokenKind::Equals => Context::PropValue {
            parents,
            node: name_text(text, first),
            key: name_text(text, key),
        },
        [first, rest @ ..] => {
            let mut arg_index = 0;
            let mut present = Vec::new();
            let mut i = 0;
            while i < rest.len() {
                if rest.get(i + 1).is_some_and(|t| t.kind == TokenKind::Equals) {
                    present.push(name_text(text, &rest[i]));
                    i += 3;
                } else {
                    if rest[i].kind != TokenKind::Equals {
                        arg_index += 1;
                    }
                    i += 1;
                }
            }
            Context::Entry {
                parents,
                node: name_text(text, first),
                arg_index,
                present,
            }
        }
    };
    Cursor {
        context,
        replace,
        prefix,
    }
}

struct Statement {
    /// The significant tokens of the statement before the cursor.
    tokens: Vec<Token>,
    /// Index of the token that ends the previous statement, if any.
    boundary: Option<usize>,
}

/// The statement that ends before token `end` (exclusive): its significant
/// tokens, slashdashed parts and type annotations left out.
fn statement_before(tokens: &[Token], end: usize) -> Statement {
    let mut collected = Vec::new();
    let mut boundary = None;
    let mut j = end.min(tokens.len());
    let mut in_annotation = false;
    while j > 0 {
        j -= 1;
        let token = tokens[j];
        match token.kind {
            kind if is_boundary(kind) => {
                boundary = Some(j);
                break;
            }
            kind if is_trivia(kind) => {}
            TokenKind::Slashdash | TokenKind::SlashdashedText => {}
            TokenKind::CloseParen => in_annotation = true,
            TokenKind::OpenParen => in_annotation = false,
            _ if in_annotation => {}
            _ => collected.push(token),
        }
    }
    collected.reverse();
    Statement {
        tokens: collected,
        boundary,
    }
}

/// Names of the nodes whose blocks enclose the token at `boundary`
/// (outermost first).
fn parents(text: &str, tokens: &[Token], mut boundary: Option<usize>) -> Vec<String> {
    let mut names = Vec::new();
    // Bounded by the number of tokens: each step moves strictly backwards.
    while let Some(b) = boundary {
        let open = if tokens[b].kind == TokenKind::OpenBrace {
            Some(b)
        } else {
            enclosing_open(tokens, b)
        };
        let Some(open) = open else { break };
        let statement = statement_before(tokens, open);
        match statement.tokens.first() {
            Some(first) => names.push(name_text(text, first)),
            None => names.push(String::new()),
        }
        boundary = statement.boundary;
    }
    names.reverse();
    names
}

/// The unmatched `{` before token `from` (exclusive of it).
fn enclosing_open(tokens: &[Token], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = from;
    if tokens[from].kind == TokenKind::CloseBrace {
        depth += 1;
    }
    while j > 0 {
        j -= 1;
        match tokens[j].kind {
            TokenKind::CloseBrace => depth += 1,
            TokenKind::OpenBrace if depth == 0 => return Some(j),
            TokenKind::OpenBrace => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(fixture: &str) -> (Context, String) {
        let offset = fixture.find("$0").expect("cursor marker");
        let text = fixture.replacen("$0", "", 1);
        let parse = ropa_syntax::kdl::parse(&text);
        let c = cursor(&text, &parse.tokens, offset as u32);
        (c.context, c.prefix)
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn node_names_at_top_level_and_in_blocks() {
        assert_eq!(context("$0").0, Context::NodeName { parents: vec![] });
        assert_eq!(
            context("act$0").0,
            Context::NodeName { parents: vec![] },
            "a half-typed name is still a node name"
        );
        assert_eq!(context("act$0").1, "act");
        assert_eq!(
            context("activity web {\n    pur$0\n}").0,
            Context::NodeName {
                parents: names(&["activity"])
            }
        );
        // Unclosed blocks and a sibling block before.
        assert_eq!(
            context("processor p {\n  country SE\n}\nprocessor q {\n  subprocessor s {\n    $0").0,
            Context::NodeName {
                parents: names(&["processor", "subprocessor"])
            }
        );
    }

    #[test]
    fn entries_and_property_values_in_broken_text() {
        assert_eq!(
            context("activity a {\n    transfer US mechanism=$0\n").0,
            Context::PropValue {
                parents: names(&["activity"]),
                node: "transfer".into(),
                key: "mechanism".into()
            }
        );
        assert_eq!(
            context("activity a {\n    transfer US to=x mec$0 \"unclosed\n").0,
            Context::Entry {
                parents: names(&["activity"]),
                node: "transfer".into(),
                arg_index: 1,
                present: names(&["to"])
            }
        );
        assert_eq!(
            context("activity a {\n    basis con$0\n}").0,
            Context::Entry {
                parents: names(&["activity"]),
                node: "basis".into(),
                arg_index: 0,
                present: vec![]
            }
        );
        assert_eq!(context("data x \"in a str$0ing\"").0, Context::Nothing);
        assert_eq!(context("// comment $0").0, Context::Nothing);
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_complete_nothing() {
        let text = "data å";
        let parse = ropa_syntax::kdl::parse(text);
        assert_eq!(cursor(text, &parse.tokens, 6).context, Context::Nothing);
        assert_eq!(cursor(text, &parse.tokens, 99).context, Context::Nothing);
    }
}
