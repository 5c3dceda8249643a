//! Pretty JSON written by hand, byte for byte as serde_json's pretty
//! printer writes it (two spaces a level, `": "` after a key, `[]` for an
//! empty list), for the records a large report writes once per finding:
//! through serde, escaping each field name and keeping track of the depth
//! cost as much as the values. Each format's tests hold its records to
//! what serde_json writes.

/// A JSON string as serde_json escapes it: `"`, `\\` and control
/// characters; nothing else.
pub(super) fn string(out: &mut Vec<u8>, text: &str) {
    if needs_escape(text.as_bytes()) {
        // Rare: the serializer's own escaping, so that the two agree.
        let _ = serde_json::to_writer(&mut *out, text);
    } else {
        quoted(out, text);
    }
}

/// A name of ropa's own that holds nothing JSON escapes (a rule id, a
/// severity: a test holds every one to that), quoted as it is: two of
/// every finding's strings, with no need to look at their bytes.
pub(super) fn name(out: &mut Vec<u8>, text: &'static str) {
    debug_assert!(!needs_escape(text.as_bytes()), "{text:?}");
    quoted(out, text);
}

fn quoted(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

pub(super) fn number(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Whether `bytes` hold a byte JSON escapes. Every message, path and help
/// of the output goes through here: sixteen bytes at a time without an
/// early exit within them, which the compiler turns into vector compares.
fn needs_escape(bytes: &[u8]) -> bool {
    let escaped = |found: bool, b: &u8| found | (*b < 0x20) | (*b == b'"') | (*b == b'\\');
    let mut chunks = bytes.chunks_exact(16);
    chunks.any(|chunk| chunk.iter().fold(false, escaped)) || chunks.remainder().iter().fold(false, escaped)
}

fn line(out: &mut Vec<u8>, indent: usize) {
    out.push(b'\n');
    out.resize(out.len() + indent, b' ');
}

/// An object or a list being written, whose bracket stands at `indent`
/// spaces: each member on a line of its own, two spaces deeper.
struct Block<'o> {
    out: &'o mut Vec<u8>,
    indent: usize,
    empty: bool,
    close: u8,
}

impl<'o> Block<'o> {
    fn open(out: &'o mut Vec<u8>, indent: usize, [open, close]: [u8; 2]) -> Block<'o> {
        out.push(open);
        Block {
            out,
            indent,
            empty: true,
            close,
        }
    }

    /// Starts the next member on its line.
    fn next(&mut self) -> &mut Vec<u8> {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        line(self.out, self.indent + 2);
        self.out
    }

    fn close(self) {
        if !self.empty {
            line(self.out, self.indent);
        }
        self.out.push(self.close);
    }
}

/// An object being written whose `{` stands at `indent` spaces.
pub(super) struct Object<'o>(Block<'o>);

impl<'o> Object<'o> {
    pub(super) fn open(out: &'o mut Vec<u8>, indent: usize) -> Object<'o> {
        Object(Block::open(out, indent, *b"{}"))
    }

    /// Writes a field's key; its value is written next, into what this
    /// returns, at [`Object::depth`].
    pub(super) fn key(&mut self, name: &str) -> &mut Vec<u8> {
        let out = self.0.next();
        string(out, name);
        out.extend_from_slice(b": ");
        out
    }

    /// The indentation of a value that opens on a field's line.
    pub(super) fn depth(&self) -> usize {
        self.0.indent + 2
    }

    pub(super) fn string(&mut self, name: &str, value: &str) {
        string(self.key(name), value);
    }

    pub(super) fn number(&mut self, name: &str, value: impl itoa::Integer) {
        number(self.key(name), value);
    }

    pub(super) fn close(self) {
        self.0.close();
    }
}

/// A list being written whose `[` stands at `indent` spaces.
pub(super) struct List<'o>(Block<'o>);

impl<'o> List<'o> {
    pub(super) fn open(out: &'o mut Vec<u8>, indent: usize) -> List<'o> {
        List(Block::open(out, indent, *b"[]"))
    }

    /// Starts an item; it is written next, into what this returns, at
    /// [`List::depth`].
    pub(super) fn item(&mut self) -> &mut Vec<u8> {
        self.0.next()
    }

    pub(super) fn depth(&self) -> usize {
        self.0.indent + 2
    }

    pub(super) fn close(self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`name`] writes unescaped: every rule id and severity name.
    #[test]
    fn rule_ids_and_severities_need_no_escaping() {
        use ropa_syntax::values::{Keyword, Severity};
        let severities = Severity::WORDS.iter().map(|(severity, _, _)| severity.as_str());
        for text in ropa_check::Rule::ALL.iter().map(|rule| rule.id()).chain(severities) {
            assert!(!text.is_empty() && !needs_escape(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn every_byte_json_escapes_is_found_wherever_it_stands() {
        for byte in 0..=0x7fu8 {
            let escaped = byte < 0x20 || byte == b'"' || byte == b'\\';
            for length in [1, 15, 16, 17, 40] {
                for at in 0..length {
                    let mut text = vec![b'a'; length];
                    text[at] = byte;
                    assert_eq!(needs_escape(&text), escaped, "byte {byte:#x} at {at} of {length}");
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    /// Objects and lists, nested, empty and not, as serde_json writes them
    /// (`json!` orders keys by name: they are written in that order here).
    #[test]
    fn nested_objects_and_lists_are_what_serde_json_writes() {
        let value = serde_json::json!({
            "a": "x\"y\n",
            "empty": {},
            "last": [[]],
            "list": [{"n": 1}, {"more": [], "n": 22}]
        });
        let mut ours = Vec::new();
        let mut o = Object::open(&mut ours, 0);
        o.string("a", "x\"y\n");
        let depth = o.depth();
        Object::open(o.key("empty"), depth).close();
        let mut last = List::open(o.key("last"), depth);
        let inner = last.depth();
        List::open(last.item(), inner).close();
        last.close();
        let mut list = List::open(o.key("list"), depth);
        let depth = list.depth();
        let mut n = Object::open(list.item(), depth);
        n.number("n", 1);
        n.close();
        let mut n = Object::open(list.item(), depth);
        let inner = n.depth();
        List::open(n.key("more"), inner).close();
        n.number("n", 22);
        n.close();
        list.close();
        o.close();
        let serde = serde_json::to_vec_pretty(&value).expect("serializes");
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&serde));
    }
}
