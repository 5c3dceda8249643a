//! Writing spec text. The importers build a small tree of nodes and comments;
//! this module turns it into KDL and runs ropa's formatter over it.
//!
//! Whatever a spreadsheet cell holds (quotes, backslashes, line breaks,
//! control characters, bidirectional overrides, a byte-order mark) must come
//! out as valid KDL: strings are escaped, comments are cut at line breaks
//! and cleaned of code points KDL forbids anywhere in a document.

use std::fmt::Write as _;

/// A value of a node: an argument or a property value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// Text, always quoted: names, descriptions, purposes.
    Text(String),
    /// An id or keyword, written bare when it is a plain word (`contract`,
    /// `SE`, `kunder`) and quoted otherwise (`"2fa-koder"`).
    Word(String),
    Bool(bool),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Node {
    pub(crate) name: String,
    pub(crate) args: Vec<Value>,
    pub(crate) props: Vec<(String, Value)>,
    pub(crate) children: Vec<Item>,
    /// A comment after the node on its line.
    pub(crate) trailing: Option<String>,
}

impl Node {
    pub fn new(name: &str) -> Node {
        Node {
            name: name.to_owned(),
            ..Node::default()
        }
    }
    pub(crate) fn arg(mut self, value: impl Into<Value>) -> Node {
        self.args.push(value.into());
        self
    }
    pub fn prop(mut self, key: &str, value: impl Into<Value>) -> Node {
        self.props.push((key.to_owned(), value.into()));
        self
    }
    /// An id or keyword argument.
    pub(crate) fn word(mut self, word: impl Into<String>) -> Node {
        self.args.push(Value::Word(word.into()));
        self
    }
    /// An id or keyword property.
    pub(crate) fn prop_word(mut self, key: &str, word: impl Into<String>) -> Node {
        self.props.push((key.to_owned(), Value::Word(word.into())));
        self
    }
    pub fn child(mut self, item: Item) -> Node {
        self.children.push(item);
        self
    }
    pub(crate) fn trailing(mut self, comment: impl Into<String>) -> Node {
        self.trailing = Some(comment.into());
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Node(Node),
    /// A comment on lines of its own; line breaks in the text start new
    /// comment lines.
    Comment(String),
    Blank,
}

impl From<Node> for Item {
    fn from(node: Node) -> Item {
        Item::Node(node)
    }
}

/// Writes items as KDL, then formats the text with ropa's formatter. When
/// the formatter refuses (it never should: the text is built to parse), the
/// unformatted text is returned, which is still the same document.
pub(crate) fn render(items: &[Item]) -> String {
    let mut out = String::new();
    write_items(items, 0, &mut out);
    let parse = ropa_kdl::parse(&out);
    match ropa_kdl::format::format(&out, &parse) {
        Ok(formatted) => formatted,
        Err(_) => out,
    }
}

fn write_items(items: &[Item], depth: usize, out: &mut String) {
    let indent = "    ".repeat(depth);
    for item in items {
        match item {
            Item::Blank => out.push('\n'),
            Item::Comment(text) => {
                for line in comment_lines(text) {
                    if line.is_empty() {
                        let _ = writeln!(out, "{indent}//");
                    } else {
                        let _ = writeln!(out, "{indent}// {line}");
                    }
                }
            }
            Item::Node(node) => {
                out.push_str(&indent);
                out.push_str(&bare_or_quoted(&node.name));
                for arg in &node.args {
                    out.push(' ');
                    write_value(arg, out);
                }
                for (key, value) in &node.props {
                    out.push(' ');
                    out.push_str(&bare_or_quoted(key));
                    out.push('=');
                    write_value(value, out);
                }
                if !node.children.is_empty() {
                    out.push_str(" {\n");
                    write_items(&node.children, depth + 1, out);
                    out.push_str(&indent);
                    out.push('}');
                }
                if let Some(comment) = &node.trailing {
                    let line = clean_comment(&crate::text::one_line(comment));
                    if !line.is_empty() {
                        let _ = write!(out, " // {line}");
                    }
                }
                out.push('\n');
            }
        }
    }
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Text(text) => out.push_str(&quote(text)),
        Value::Word(word) => out.push_str(&bare_or_quoted(word)),
        Value::Bool(true) => out.push_str("#true"),
        Value::Bool(false) => out.push_str("#false"),
    }
}

/// Whether text can be written without quotes: a plain ASCII word that KDL
/// reads as a string. Conservative on purpose; quoting is always correct.
fn is_plain_word(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !matches!(text, "true" | "false" | "null" | "inf" | "nan")
}

fn bare_or_quoted(text: &str) -> String {
    if is_plain_word(text) {
        text.to_owned()
    } else {
        quote(text)
    }
}

pub use ropa_kdl::quote;

/// Newlines other than LF and CR, and the code points KDL 2 forbids
/// literally anywhere in a document: a comment cannot hold them.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1F}'
            | '\u{7F}'
            | '\u{85}'
            | '\u{200E}'..='\u{200F}'
            | '\u{2028}'..='\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The lines of a comment, each cleaned. Trailing blank lines are dropped.
fn comment_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .split(['\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'])
        .map(|l| clean_comment(l).trim_end().to_owned())
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Replaces what a comment cannot hold with U+FFFD; tabs stay.
fn clean_comment(line: &str) -> String {
    line.chars()
        .map(|c| if c != '\t' && needs_escape(c) { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(text: &str) {
        let parse = ropa_kdl::parse(text);
        assert!(parse.errors.is_empty(), "{:?}\n{text}", parse.errors);
    }

    #[test]
    fn quotes_what_needs_quoting() {
        assert_eq!(bare_or_quoted("contract"), "contract");
        assert_eq!(bare_or_quoted("7 years"), "\"7 years\"");
        assert_eq!(bare_or_quoted("2fa-koder"), "\"2fa-koder\"");
        assert_eq!(bare_or_quoted("null"), "\"null\"");
        assert_eq!(bare_or_quoted("kontakt-ärenden"), "\"kontakt-ärenden\"");
        assert_eq!(quote("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
        assert_eq!(quote("\u{202E}x\u{0}"), "\"\\u{202e}x\\u{0}\"");
    }

    #[test]
    fn hostile_text_renders_as_valid_kdl() {
        let hostile =
            "=cmd|' /C calc'!A0 \"quoted\" \\ back\r\nline\u{2028}sep\u{202E}rtl\u{FEFF}bom\u{7}bell */ /* // {}";
        let items = vec![
            Item::Comment(hostile.to_owned()),
            Item::Node(
                Node::new("activity")
                    .word("x")
                    .child(Item::Node(
                        Node::new("purpose").arg(hostile).trailing(hostile.to_owned()),
                    ))
                    .child(Item::Comment(hostile.to_owned())),
            ),
        ];
        let text = render(&items);
        parses(&text);
        let parse = ropa_kdl::parse(&text);
        let purpose = &parse.document.nodes[0].child_nodes()[0];
        assert_eq!(purpose.arguments().next().and_then(|e| e.value.as_str()), Some(hostile));
    }

    #[test]
    fn renders_formatted_text() {
        let items = vec![
            Item::Comment("row 2 of a.csv: Kunder".to_owned()),
            Item::Node(
                Node::new("activity")
                    .word("kunder")
                    .child(Item::Node(Node::new("basis").word("contract").trailing("\"Avtal\"")))
                    .child(Item::Node(
                        Node::new("retain").arg("7 years").prop_word("from", "contract-end"),
                    )),
            ),
            Item::Blank,
            Item::Node(
                Node::new("data")
                    .word("namn")
                    .arg("Namn")
                    .prop("criminal", Value::Bool(true)),
            ),
        ];
        let text = render(&items);
        assert_eq!(
            text,
            "// row 2 of a.csv: Kunder\nactivity kunder {\n    basis contract // \"Avtal\"\n    retain \"7 years\" from=contract-end\n}\n\ndata namn \"Namn\" criminal=#true\n"
        );
    }
}
