//! Builds the [`Document`] from the token stream, recovering from errors.
//!
//! One forward pass, no backtracking (the only lookahead is over whitespace
//! to see whether a string is a property key), so the work is linear in the
//! number of tokens. Recursion happens only for children blocks and is cut
//! off at [`MAX_DEPTH`]; deeper blocks are skipped by counting braces.
//!
//! Recovery: a bad value (a malformed number, a word that is not an
//! identifier) is dropped and the node goes on with its next entry; any other
//! error inside a node skips to the next newline, `;`, `{` or `}` and the node
//! is kept with what parsed. Errors before a node's name skip the whole line
//! (braces on it are skipped as a block).

use crate::{
    Children, Document, Entry, Ident, MAX_DEPTH, Node, ParseError, SmolStr, Span, Token, TokenKind, Value, number,
    string,
};

use TokenKind as K;

/// Signals that the current node must be resynchronised; the error has
/// already been recorded.
struct Resync;

pub(crate) struct Parser<'a> {
    src: &'a str,
    tokens: &'a [Token],
    /// [`crate::lexer::Lexed::escaped`].
    escaped: &'a [u32],
    pos: usize,
    pub(crate) errors: Vec<ParseError>,
    /// Byte ranges of slashdashed nodes, entries and children blocks.
    pub(crate) slashdashed: Vec<Span>,
    /// End of the last significant (non-trivia) token consumed, to measure
    /// slashdashed items.
    last_end: u32,
    /// An unclosed block at the end of input was reported (once is enough).
    reported_unclosed: bool,
    /// The nodes of every open block, innermost last, and the entries of
    /// every open node: each block's nodes and each node's entries are
    /// split off into a list of exactly their number when it closes,
    /// instead of growing a list of their own by doubling.
    open_nodes: Vec<Node>,
    open_entries: Vec<Entry>,
}

fn is_string(kind: TokenKind) -> bool {
    matches!(kind, K::Identifier | K::QuotedString | K::RawString)
}

fn is_value(kind: TokenKind) -> bool {
    matches!(
        kind,
        K::Identifier | K::QuotedString | K::RawString | K::Number | K::Keyword
    )
}

fn is_entry_start(kind: TokenKind) -> bool {
    is_value(kind) || kind == K::OpenParen
}

/// Whitespace inside a node (escaped newlines are `Whitespace` tokens). A line
/// comment is always followed by a newline token or the end, which ends the
/// node, or by the `Whitespace` newline of a line continuation.
fn is_node_space(kind: TokenKind) -> bool {
    matches!(kind, K::Whitespace | K::BlockComment | K::LineComment)
}

fn is_line_space(kind: TokenKind) -> bool {
    is_node_space(kind) || matches!(kind, K::Newline | K::Bom)
}

fn describe(kind: TokenKind) -> &'static str {
    match kind {
        K::OpenParen => "`(`",
        K::CloseParen => "`)`",
        K::OpenBrace => "`{`",
        K::CloseBrace => "`}`",
        K::Equals => "`=`",
        K::Semicolon => "`;`",
        K::Slashdash => "`/-`",
        K::Newline => "a newline",
        K::Number => "a number",
        K::Keyword => "a keyword",
        K::Bom => "a byte order mark",
        _ => "this",
    }
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, tokens: &'a [Token], escaped: &'a [u32]) -> Self {
        Parser {
            src,
            tokens,
            escaped,
            pos: 0,
            errors: Vec::new(),
            slashdashed: Vec::new(),
            last_end: 0,
            reported_unclosed: false,
            open_nodes: Vec::new(),
            open_entries: Vec::new(),
        }
    }

    pub(crate) fn document(&mut self) -> Document {
        Document { nodes: self.nodes(0) }
    }

    // ---- token access ----

    fn peek(&self) -> Option<TokenKind> {
        self.tokens.get(self.pos).map(|t| t.kind)
    }

    /// The current token's span, or an empty span at the end of the text.
    fn here(&self) -> Span {
        self.tokens
            .get(self.pos)
            .map_or_else(|| Span::new(self.src.len() as u32, self.src.len() as u32), |t| t.span)
    }

    fn text(&self, span: Span) -> &'a str {
        self.src.get(span.range()).unwrap_or("")
    }

    /// Consumes the current token (callers check there is one).
    fn bump(&mut self) -> Token {
        let Some(&tok) = self.tokens.get(self.pos) else {
            let end = self.src.len() as u32;
            return Token {
                kind: K::Error,
                span: Span::new(end, end),
            };
        };
        self.pos += 1;
        if !is_line_space(tok.kind) && tok.kind != K::Semicolon {
            self.last_end = tok.span.end;
        }
        tok
    }

    /// [`Parser::bump`] for a token the caller has seen is a string, a
    /// number or a keyword (a name, a key, a value): no need to ask whether
    /// it ends the last item.
    fn bump_word(&mut self) -> Token {
        let Some(&tok) = self.tokens.get(self.pos) else {
            return self.bump();
        };
        self.pos += 1;
        self.last_end = tok.span.end;
        tok
    }

    /// Skips node-space; returns whether there was any.
    fn skip_node_space(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(is_node_space) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn skip_line_space(&mut self) {
        while self.peek().is_some_and(is_line_space) {
            self.pos += 1;
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>, help: Option<&str>) {
        self.errors.push(ParseError {
            span,
            message: message.into(),
            help: help.map(str::to_owned),
        });
    }

    // ---- recovery ----

    /// Skips to the end of the node's line: a newline, `;` (consumed), or a
    /// `}` closing the enclosing block (not consumed). Braces in between are
    /// skipped as blocks, so a broken line does not close the parent early.
    fn skip_line(&mut self) {
        while let Some(kind) = self.peek() {
            match kind {
                K::Newline | K::CloseBrace => return,
                K::Semicolon => {
                    self.bump();
                    return;
                }
                K::OpenBrace => {
                    self.skip_block();
                }
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// Inside a node whose name parsed: skips to something that can carry on
    /// the node (a newline, `;`, `{` or `}`), none of them consumed.
    fn skip_in_node(&mut self) {
        while self
            .peek()
            .is_some_and(|k| !matches!(k, K::Newline | K::Semicolon | K::OpenBrace | K::CloseBrace))
        {
            self.bump();
        }
    }

    /// At a `{`: skips to its matching `}` (consumed) or the end, iteratively.
    /// Returns whether the block was closed.
    fn skip_block(&mut self) -> bool {
        let mut depth = 0usize;
        while let Some(kind) = self.peek() {
            self.bump();
            match kind {
                K::OpenBrace => depth += 1,
                K::CloseBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    // ---- strings and values ----

    // Inlined, as `ident` and `value` are: the string is then built where
    // it goes instead of returned and moved.
    #[inline(always)]
    fn decode(&mut self, tok: Token) -> SmolStr {
        let text = self.text(tok.span);
        match tok.kind {
            K::QuotedString if self.escaped.binary_search(&tok.span.start).is_err() => {
                // What `string::decode` gives such a string, without looking
                // for a backslash the lexer has already not found.
                let body = text.get(1..).unwrap_or("");
                crate::small(body.strip_suffix('"').unwrap_or(body))
            }
            K::QuotedString => string::decode(text, false, tok.span.start, &mut self.errors),
            K::RawString => string::decode(text, true, tok.span.start, &mut self.errors),
            _ => crate::small(text),
        }
    }

    #[inline(always)]
    fn ident(&mut self, tok: Token) -> Ident {
        Ident {
            value: self.decode(tok),
            span: tok.span,
        }
    }

    /// The value of a value token; `None` (error recorded) if it has none.
    #[inline(always)]
    fn value(&mut self, tok: Token) -> Option<Value> {
        match tok.kind {
            K::Identifier | K::QuotedString | K::RawString => Some(Value::String(self.decode(tok))),
            K::Number => match number::value(self.text(tok.span)) {
                Ok(v) => Some(v),
                Err((message, help)) => {
                    self.errors.push(ParseError {
                        span: tok.span,
                        message,
                        help,
                    });
                    None
                }
            },
            K::Keyword => Some(match self.text(tok.span) {
                "#true" => Value::Bool(true),
                "#false" => Value::Bool(false),
                "#inf" => Value::Float(f64::INFINITY),
                "#-inf" => Value::Float(f64::NEG_INFINITY),
                "#nan" => Value::Float(f64::NAN),
                _ => Value::Null,
            }),
            _ => None,
        }
    }

    // ---- nodes ----

    /// Nodes up to the end of the text or (when `depth > 0`) a `}`, which is
    /// left for the caller.
    fn nodes(&mut self, depth: usize) -> Vec<Node> {
        let start = self.open_nodes.len();
        self.each_node(depth, |parser, node| parser.open_nodes.push(node));
        self.open_nodes.split_off(start)
    }

    /// Gives `each` the top-level nodes of the text, each as soon as it is
    /// parsed, and keeps none.
    pub(crate) fn each_top_level_node(&mut self, each: &mut dyn FnMut(Node)) {
        self.each_node(0, |_, node| each(node));
    }

    /// [`Parser::nodes`], giving each node to `each` as it is parsed.
    fn each_node(&mut self, depth: usize, mut each: impl FnMut(&mut Self, Node)) {
        loop {
            self.skip_line_space();
            let Some(kind) = self.peek() else { break };
            match kind {
                K::CloseBrace if depth > 0 => break,
                K::CloseBrace => {
                    let tok = self.bump();
                    self.error(tok.span, "unexpected `}`", Some("there is no open `{` for it to close"));
                }
                K::Semicolon => {
                    let tok = self.bump();
                    self.error(
                        tok.span,
                        "unexpected `;`",
                        Some("`;` ends a node, and there is no node before it"),
                    );
                }
                K::Slashdash => self.slashdashed_node(depth),
                _ => {
                    if let Some(node) = self.node(depth) {
                        each(self, node);
                    }
                }
            }
        }
    }

    fn slashdashed_node(&mut self, depth: usize) {
        let marker = self.bump();
        self.skip_line_space();
        match self.peek() {
            Some(K::Slashdash) => {
                self.error(
                    marker.span,
                    "a slashdash cannot be followed by another slashdash",
                    Some("remove one `/-`"),
                );
            }
            None | Some(K::CloseBrace | K::Semicolon) => {
                self.error(
                    marker.span,
                    "a slashdash must be followed by a node",
                    Some("remove the `/-`"),
                );
            }
            Some(_) => {
                let start = self.here().start;
                // The node is parsed (so its errors are found) but dropped.
                let _ = self.node(depth);
                self.mark_slashdashed(start);
            }
        }
    }

    fn mark_slashdashed(&mut self, start: u32) {
        if self.last_end > start {
            self.slashdashed.push(Span::new(start, self.last_end));
        }
    }

    /// One node, including its terminator. `None` if it has no name.
    fn node(&mut self, depth: usize) -> Option<Node> {
        let start = self.here().start;
        let typed = self.peek() == Some(K::OpenParen);
        let ty = if typed {
            match self.type_annotation() {
                Ok(ty) => ty,
                Err(Resync) => {
                    self.skip_line();
                    return None;
                }
            }
        } else {
            None
        };
        self.skip_node_space();
        if !self.peek().is_some_and(is_string) {
            self.node_name_error(typed);
            self.skip_line();
            return None;
        }
        let name_tok = self.bump_word();
        let mut end = name_tok.span.end;
        let mut children = None;
        let entries = self.open_entries.len();
        self.node_body(&mut end, &mut children, depth);
        // Built once, complete: a node built first and filled in was moved
        // whole a few more times, and so was its name, decoded first. The
        // errors the name may have come out sorted before the body's all
        // the same (see `parse_with_limit`).
        Some(Node {
            span: Span::new(start, end),
            ty,
            name: self.ident(name_tok),
            entries: self.open_entries.split_off(entries),
            children,
        })
    }

    fn node_name_error(&mut self, typed: bool) {
        let span = self.here();
        match self.peek() {
            Some(K::Error) => {}
            Some(K::Slashdash) if typed => self.error(
                span,
                "a slashdash cannot come after a type annotation",
                Some("put `/-` before the type annotation"),
            ),
            Some(K::Number) => {
                let help = format!("node names are strings; quote it: \"{}\"", self.text(span));
                self.error(span, "a node name cannot be a number", Some(&help));
            }
            Some(K::Keyword) => {
                let help = format!("node names are strings; quote it: \"{}\"", self.text(span));
                self.error(span, "a node name cannot be a keyword", Some(&help));
            }
            None | Some(K::Newline | K::Semicolon | K::CloseBrace) if typed => {
                self.error(span, "expected a node name after the type annotation", None);
            }
            Some(kind) => {
                self.error(span, format!("expected a node name, found {}", describe(kind)), None);
            }
            None => {}
        }
    }

    /// Entries, children blocks and the terminator of a node whose name has
    /// been read.
    fn node_body(&mut self, end: &mut u32, children: &mut Option<Children>, depth: usize) {
        let mut after_children = false;
        // After an error token, a missing space before the next entry would
        // only repeat that error.
        let mut after_error = false;
        loop {
            let had_space = self.skip_node_space();
            let Some(kind) = self.peek() else { return };
            let at = self.here();
            match kind {
                K::Newline | K::Semicolon => {
                    self.bump();
                    return;
                }
                K::CloseBrace if depth > 0 => return,
                K::Slashdash => after_children |= self.slashdashed_in_node(depth, after_children),
                K::OpenBrace => {
                    let block = self.children(depth + 1);
                    if children.is_some() {
                        self.error(
                            at,
                            "a node can have only one children block",
                            Some("merge the blocks, or slashdash (`/-`) the extra one"),
                        );
                    } else {
                        *end = block.span.end;
                        *children = Some(block);
                    }
                    after_children = true;
                }
                _ if is_entry_start(kind) => {
                    if after_children {
                        self.error(
                            at,
                            "expected a newline or `;` after the children block",
                            Some("entries go before the children block; a new node goes on its own line or after `;`"),
                        );
                        self.skip_line();
                        return;
                    }
                    if !had_space && !after_error {
                        self.error(
                            at,
                            "missing space before this entry",
                            Some("separate entries with whitespace"),
                        );
                    }
                    match self.entry(kind, at) {
                        Ok(Some(entry_end)) => *end = entry_end,
                        Ok(None) => {}
                        Err(Resync) => self.skip_in_node(),
                    }
                }
                K::Error => {
                    // A bad word used as a property key: take its value along
                    // rather than report the `=` as well.
                    let key_like = self.equals_follows();
                    self.bump();
                    if key_like {
                        self.skip_node_space();
                        let equals = self.bump();
                        self.skip_node_space();
                        let entries = self.open_entries.len();
                        let value = self.typed_value(equals.span, None, equals.span, false);
                        self.open_entries.truncate(entries);
                        if value.is_err() {
                            self.skip_in_node();
                        }
                    }
                }
                _ => {
                    let help = match kind {
                        K::CloseBrace => Some("there is no open `{` for it to close"),
                        K::Equals => Some(
                            "a property is written `key=value`, with nothing between the key and `=` but whitespace",
                        ),
                        _ => None,
                    };
                    self.error(at, format!("unexpected {}", describe(kind)), help);
                    self.bump();
                    self.skip_in_node();
                }
            }
            after_error = kind == K::Error;
        }
    }

    /// A slashdash inside a node; returns whether it removed a children
    /// block (after which no entries may follow).
    fn slashdashed_in_node(&mut self, depth: usize, after_children: bool) -> bool {
        let marker = self.bump();
        self.skip_line_space();
        let start = self.here().start;
        match self.peek() {
            Some(K::OpenBrace) => {
                let _ = self.children(depth + 1);
                self.mark_slashdashed(start);
                return true;
            }
            Some(kind) if is_entry_start(kind) => {
                if after_children {
                    self.error(
                        self.here(),
                        "entries must come before the children block",
                        Some("move the entry before the `{`"),
                    );
                    self.skip_in_node();
                    return false;
                }
                let entries = self.open_entries.len();
                let entry = self.entry(kind, self.here());
                self.open_entries.truncate(entries);
                if entry.is_err() {
                    self.skip_in_node();
                }
                self.mark_slashdashed(start);
            }
            Some(K::Slashdash) => {
                self.error(
                    marker.span,
                    "a slashdash cannot be followed by another slashdash",
                    Some("remove one `/-`"),
                );
            }
            _ => {
                self.error(
                    marker.span,
                    "a slashdash must be followed by an entry or a children block",
                    Some("remove the `/-`"),
                );
            }
        }
        false
    }

    /// Whether the current token (a string) is followed by `=`, whitespace
    /// aside.
    fn equals_follows(&self) -> bool {
        let mut i = self.pos + 1;
        while self.tokens.get(i).is_some_and(|t| is_node_space(t.kind)) {
            i += 1;
        }
        self.tokens.get(i).is_some_and(|t| t.kind == K::Equals)
    }

    /// An argument or property, pushed onto `open_entries`; returns where
    /// it ends. `Ok(None)`: the value was bad (reported) but the node can go
    /// on. `kind` and `first` are the current token's, which the caller has
    /// looked at already.
    fn entry(&mut self, kind: TokenKind, first: Span) -> Result<Option<u32>, Resync> {
        if is_string(kind) && self.equals_follows() {
            let key_tok = self.bump_word();
            let key = self.ident(key_tok);
            self.skip_node_space();
            let equals = self.bump();
            self.skip_node_space();
            if self.peek() == Some(K::Slashdash) {
                self.error(
                    self.here(),
                    "a property value cannot be slashdashed on its own",
                    Some("slashdash the whole property: `/-key=value`"),
                );
                return Err(Resync);
            }
            return self.typed_value(first, Some(key), equals.span, false);
        }
        self.typed_value(first, None, first, true)
    }

    /// `type? node-space* value`, pushed onto `open_entries` as the entry
    /// that starts at `first` with the key `name`; returns where it ends.
    /// The entry is built in place: passing a value and then an entry up
    /// through return values moved each a few times over. `before` is what
    /// precedes the value (for errors when it is missing); `argument` says
    /// no `=` was seen before.
    #[inline(always)]
    fn typed_value(
        &mut self,
        first: Span,
        name: Option<Ident>,
        before: Span,
        argument: bool,
    ) -> Result<Option<u32>, Resync> {
        let mut ty = None;
        let mut typed = false;
        if self.peek() == Some(K::OpenParen) {
            ty = self.type_annotation()?;
            typed = true;
            self.skip_node_space();
        }
        let at = self.here();
        match self.peek() {
            Some(kind) if is_value(kind) => {
                if typed && argument && is_string(kind) && self.equals_follows() {
                    self.error(
                        at,
                        "a type annotation cannot come before a property key",
                        Some("annotate the value instead: `key=(type)value`"),
                    );
                    return Err(Resync);
                }
                let tok = self.bump_word();
                let Some(value) = self.value(tok) else {
                    return Ok(None);
                };
                let span = first.cover(tok.span);
                self.open_entries.push(Entry {
                    span,
                    name,
                    ty,
                    value,
                    value_span: tok.span,
                });
                Ok(Some(span.end))
            }
            Some(K::Error) => {
                self.bump();
                Ok(None)
            }
            Some(K::Slashdash) if typed => {
                self.error(
                    at,
                    "a slashdash cannot come after a type annotation",
                    Some("put `/-` before the type annotation"),
                );
                Err(Resync)
            }
            Some(K::OpenParen) if typed => {
                self.error(at, "a value can have only one type annotation", None);
                Err(Resync)
            }
            _ => {
                let (span, message) = if typed {
                    (at, "expected a value after the type annotation")
                } else {
                    (before, "expected a value after `=`")
                };
                self.error(span, message, None);
                Err(Resync)
            }
        }
    }

    /// `( node-space* string node-space* )`. `Ok(None)` for an empty
    /// annotation (reported; parsing goes on as if it were absent).
    fn type_annotation(&mut self) -> Result<Option<Box<Ident>>, Resync> {
        let open = self.bump();
        self.skip_node_space();
        let at = self.here();
        let name = match self.peek() {
            Some(K::CloseParen) => {
                let close = self.bump();
                self.error(
                    open.span.cover(close.span),
                    "empty type annotation",
                    Some("write a type name between the parentheses, or remove them"),
                );
                return Ok(None);
            }
            Some(kind) if is_string(kind) => {
                let tok = self.bump();
                self.ident(tok)
            }
            Some(K::Error) => return Err(Resync),
            Some(K::Slashdash) => {
                self.error(
                    at,
                    "a slashdash cannot appear inside a type annotation",
                    Some("slashdash the whole node or value instead"),
                );
                return Err(Resync);
            }
            Some(kind @ (K::Number | K::Keyword)) => {
                let help = format!("quote it: \"{}\"", self.text(at));
                self.error(
                    at,
                    format!("a type annotation must be a string, not {}", describe(kind)),
                    Some(&help),
                );
                return Err(Resync);
            }
            _ => {
                self.error(
                    open.span,
                    "unclosed type annotation",
                    Some("add `)` after the type name"),
                );
                return Err(Resync);
            }
        };
        self.skip_node_space();
        if self.peek() == Some(K::CloseParen) {
            self.bump();
            Ok(Some(Box::new(name)))
        } else {
            let span = self.here();
            self.error(
                span,
                "expected `)` to close the type annotation",
                Some("a type annotation holds a single string"),
            );
            Err(Resync)
        }
    }

    /// A children block at `depth` (1 for a top-level node's children),
    /// starting at the current `{`.
    fn children(&mut self, depth: usize) -> Children {
        let open = self.here();
        if depth > MAX_DEPTH {
            self.error(
                open,
                format!("nesting deeper than {MAX_DEPTH} levels"),
                Some("children blocks this deep are not parsed; flatten the document"),
            );
            let closed = self.skip_block();
            let end = if closed { self.last_end } else { self.src.len() as u32 };
            return Children {
                span: Span::new(open.start, end),
                nodes: Vec::new(),
            };
        }
        self.bump();
        let nodes = self.nodes(depth);
        let end = if self.peek() == Some(K::CloseBrace) {
            self.bump().span.end
        } else {
            // At the end of input every enclosing block is unclosed too; one
            // error, on the innermost, says it without repeating it per level.
            if !self.reported_unclosed {
                self.reported_unclosed = true;
                let help = if depth > 1 {
                    format!("add a `}}` to close this children block; {depth} blocks are open at the end of the file")
                } else {
                    "add a `}` to close this children block".to_owned()
                };
                self.error(open, "unclosed `{`", Some(&help));
            }
            self.src.len() as u32
        };
        Children {
            span: Span::new(open.start, end),
            nodes,
        }
    }
}

/// Replaces the tokens inside each slashdashed range (outermost ranges only)
/// with one `SlashdashedText` token covering the range. Ranges start and end
/// on token boundaries because the parser measured them from tokens.
pub(crate) fn fold_slashdashed(tokens: Vec<Token>, mut ranges: Vec<Span>) -> Vec<Token> {
    if ranges.is_empty() {
        return tokens;
    }
    // Outer ranges first among those starting at the same offset.
    ranges.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut ranges = ranges.into_iter().peekable();
    let mut current: Option<Span> = None;
    for tok in tokens {
        if let Some(range) = current {
            if tok.span.start < range.end {
                // Never lose bytes, even if a range ended inside a token.
                if let Some(last) = out.last_mut().filter(|_| tok.span.end > range.end) {
                    last.span.end = tok.span.end;
                    current = Some(last.span);
                }
                continue;
            }
            current = None;
        }
        // Drop ranges nested in (or starting before) what was already folded.
        while ranges.peek().is_some_and(|r| r.start < tok.span.start) {
            ranges.next();
        }
        match ranges.peek() {
            Some(r) if r.start == tok.span.start => {
                let range = *r;
                out.push(Token {
                    kind: K::SlashdashedText,
                    span: range,
                });
                current = Some(range);
                ranges.next();
            }
            _ => out.push(tok),
        }
    }
    out
}
