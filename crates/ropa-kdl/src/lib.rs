//! A lossless, error-recovering KDL 2 parser.
//!
//! [`parse`] never fails: it returns every error it found together with a
//! tree of everything that did parse, so an editor can keep showing findings,
//! hovers and completions in a half-typed file.
//!
//! Two views of the same text:
//! - [`Parse::tokens`]: every byte of the input, in order, as tokens
//!   (whitespace, comments and slashdashed text included). Concatenating the
//!   token texts gives back the input exactly; the formatter works on these.
//! - [`Parse::document`]: the nodes, entries and values that KDL gives meaning
//!   to, each with the byte span it came from. Slashdashed (`/-`) nodes,
//!   entries and children blocks are not in this view.
//!
//! All positions are byte offsets into the input (`u32`: files over 4 GiB are
//! rejected with an error, not truncated).

#![forbid(unsafe_code)]

mod canonical;
mod chars;
pub mod format;
mod lexer;
pub mod lines;
mod number;
mod parser;
mod string;

pub use canonical::{kdl_string, quote, to_canonical};
pub use smol_str::SmolStr;

/// `text` as a [`SmolStr`]. Most names and values are short: built inline
/// directly, which is about a third cheaper than `SmolStr::new`'s general
/// path (its copy through a buffer stalls the load that follows it).
pub(crate) fn small(text: &str) -> SmolStr {
    if text.len() <= 23 {
        SmolStr::new_inline(text)
    } else {
        SmolStr::new(text)
    }
}

/// A half-open byte range `start..end` into the parsed text.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// `12..40`: spans appear in every model snapshot, so they print short.
impl std::fmt::Debug for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// The result of parsing one text.
#[derive(Clone, Debug, Default)]
pub struct Parse {
    pub document: Document,
    /// Every error in the text, in source order.
    pub errors: Vec<ParseError>,
    /// Lossless token stream covering every byte of the input.
    pub tokens: Vec<Token>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub span: Span,
    /// What is wrong, lower case, no trailing period: "unclosed string".
    pub message: String,
    /// What to do about it, if there is something useful to say.
    pub help: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Spaces, tabs and other KDL unicode spaces, and line continuations.
    Whitespace,
    Newline,
    LineComment,
    BlockComment,
    /// The `/-` marker itself.
    Slashdash,
    /// Text removed from the document by a slashdash (the node, entry or
    /// children block after `/-`), kept as one or more tokens of this kind.
    SlashdashedText,
    Bom,
    /// A bare identifier string: `node`, `contact-person`, `SE`.
    Identifier,
    /// `"..."`, `"""..."""`, `#"..."#` and friends.
    QuotedString,
    RawString,
    Number,
    /// `#true`, `#false`, `#null`, `#inf`, `#-inf`, `#nan`.
    Keyword,
    Equals,
    Semicolon,
    OpenParen,
    CloseParen,
    OpenBrace,
    CloseBrace,
    /// Bytes that could not be lexed; always accompanied by a ParseError.
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// From the type annotation (or the name) to the end of the children
    /// block (or of the last entry); trailing terminator not included.
    pub span: Span,
    /// Boxed, as an entry's: rare.
    pub ty: Option<Box<Ident>>,
    pub name: Ident,
    /// Arguments and properties in source order. Duplicate properties are all
    /// kept here (KDL says the last one wins; use [`Node::property`]).
    pub entries: Vec<Entry>,
    pub children: Option<Children>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Children {
    /// From `{` to `}` inclusive (to the end of input if unclosed).
    pub span: Span,
    pub nodes: Vec<Node>,
}

/// A node name, property key or type annotation, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// Names are short: inline, no allocation per node.
    pub value: SmolStr,
    /// The span of the source text (quotes included for quoted names).
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// From the key (or type annotation, or value) to the end of the value.
    pub span: Span,
    /// `Some` for a property `key=value`, `None` for an argument.
    pub name: Option<Ident>,
    /// Boxed: type annotations are rare, and an entry is the tree's most
    /// numerous part.
    pub ty: Option<Box<Ident>>,
    pub value: Value,
    pub value_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Most spec strings are ids and short phrases, stored inline (up to 23
    /// bytes) instead of allocated: allocation dominated parsing before.
    String(SmolStr),
    Integer(Integer),
    Float(f64),
    Bool(bool),
    Null,
}

/// A KDL integer, up to 128 bits, held as two 64-bit halves: an `i128`
/// field is aligned to 16 bytes, which padded every [`Value`] (and so every
/// entry) to 32 bytes where 24 hold any of them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Integer {
    low: u64,
    high: u64,
}

impl Integer {
    pub fn get(self) -> i128 {
        // Two's-complement bits, split and rejoined: no value is lost.
        (((self.high as u128) << 64) | self.low as u128) as i128
    }
}

impl From<i128> for Integer {
    fn from(value: i128) -> Self {
        let bits = value as u128;
        Integer {
            low: bits as u64,
            high: (bits >> 64) as u64,
        }
    }
}

impl std::fmt::Debug for Integer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.get())
    }
}

impl std::fmt::Display for Integer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.get())
    }
}

impl Node {
    /// Arguments in order.
    pub fn arguments(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.name.is_none())
    }
    /// The winning (last) property with this key.
    pub fn property(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.name.as_ref().is_some_and(|n| n.value == key))
    }
    /// Child nodes; empty when there is no children block.
    pub fn child_nodes(&self) -> &[Node] {
        self.children.as_ref().map_or(&[], |c| &c.nodes)
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Deepest nesting of children blocks accepted; deeper input is reported as
/// an error (and skipped linearly) instead of exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Parses `text` as a KDL 2 document. Never panics, linear in the input.
///
/// In [`Parse::tokens`], each slashdashed node, entry or children block (from
/// its first character to its last, comments and newlines inside included)
/// is one [`TokenKind::SlashdashedText`] token; the `/-` before it is a
/// [`TokenKind::Slashdash`] token and the whitespace between them keeps its
/// own tokens.
pub fn parse(text: &str) -> Parse {
    parse_with_limit(text, u32::MAX as usize, None)
}

/// [`parse`] for a reader that needs each top-level node once (a one-off
/// check): `each` is given every top-level node as soon as it is parsed,
/// and neither the tree nor the tokens are kept, so that a large file is
/// never held whole as a tree. Returns the errors, as [`Parse::errors`].
pub fn parse_each(text: &str, mut each: impl FnMut(Node)) -> Vec<ParseError> {
    parse_with_limit(text, u32::MAX as usize, Some(&mut each)).errors
}

/// [`parse`] with the size limit as a parameter, so the limit can be tested
/// without a 4 GiB input; with `each`, [`parse_each`].
fn parse_with_limit(text: &str, limit: usize, each: Option<&mut dyn FnMut(Node)>) -> Parse {
    if text.len() > limit {
        // Spans are u32: rather than wrap around, refuse the whole input.
        return Parse {
            errors: vec![ParseError {
                span: Span::new(0, 0),
                message: format!("input too large: {} bytes (at most {limit} are supported)", text.len()),
                help: Some("split the document into smaller files".to_owned()),
            }],
            ..Parse::default()
        };
    }
    let lexed = lexer::lex(text);
    let mut parser = parser::Parser::new(text, &lexed.tokens, &lexed.escaped);
    let streamed = each.is_some();
    let document = match each {
        Some(each) => {
            parser.each_top_level_node(each);
            Document::default()
        }
        None => parser.document(),
    };
    let mut errors = lexed.errors;
    errors.append(&mut parser.errors);
    // Lexer and parser errors interleave; a stable sort keeps the lexer's
    // first when both point at the same place.
    errors.sort_by_key(|e| e.span.start);
    let tokens = if streamed {
        Vec::new()
    } else {
        let slashdashed = std::mem::take(&mut parser.slashdashed);
        parser::fold_slashdashed(lexed.tokens, slashdashed)
    };
    Parse {
        document,
        errors,
        tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_keep_every_bit_in_two_halves() {
        for n in [
            0,
            1,
            -1,
            2,
            -2,
            i128::from(i64::MAX) + 1,
            i128::from(i64::MIN) - 1,
            i128::MAX,
            i128::MIN,
        ] {
            assert_eq!(Integer::from(n).get(), n);
        }
    }

    #[test]
    fn a_value_is_three_words_and_an_entry_ten() {
        assert_eq!(std::mem::size_of::<Value>(), 24);
        assert_eq!(std::mem::size_of::<Entry>(), 80);
        assert_eq!(std::mem::size_of::<Node>(), 104);
    }

    #[test]
    fn oversized_input_is_one_error_and_nothing_else() {
        let parsed = parse_with_limit("node 1\nnode 2", 5, None);
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].message.starts_with("input too large"));
        assert!(parsed.document.nodes.is_empty());
        assert!(parsed.tokens.is_empty());
        let mut given = 0;
        let streamed = parse_with_limit("node 1\nnode 2", 5, Some(&mut |_| given += 1));
        assert_eq!((streamed.errors, given), (parsed.errors, 0));
    }

    #[test]
    fn a_name_s_errors_come_before_its_body_s() {
        // The parser decodes a node's name after its body; the errors must
        // still come out in source order.
        let text = "\"a\\q\" \"b\\q\" 0x { \"c\\q\" \"d\\q\" }\n\"e\\q\" (\"f\\q\")1";
        let parsed = parse(text);
        let starts: Vec<u32> = parsed.errors.iter().map(|e| e.span.start).collect();
        assert_eq!(starts.len(), 7, "{:?}", parsed.errors);
        assert!(starts.is_sorted(), "{starts:?}");
        assert_eq!(parse_each(text, |_| {}), parsed.errors);
    }

    #[test]
    fn nodes_given_one_at_a_time_are_the_tree_s_top_level_nodes() {
        for text in [
            "",
            "a 1 b=2 { c; d \"e\" }\nf",
            "/- gone 1\nkept (t)x { /- c; d } /- { e }\n",
            "a {\n  b {\n    c\n  }\n}\nd; e; f",
            // Errors before and after nodes, an unclosed block, a stray `}`.
            "} a \"unclosed\nb { c 0x\nd #maybe\ne {",
            "\u{feff}a\r\nb\u{2028}c\\\n d",
        ] {
            let whole = parse(text);
            let mut nodes = Vec::new();
            let errors = parse_each(text, |node| nodes.push(node));
            assert_eq!(nodes, whole.document.nodes, "{text:?}");
            assert_eq!(errors, whole.errors, "{text:?}");
        }
    }
}
