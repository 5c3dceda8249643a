//! A small YAML tree read event by event with `yaml-rust2`, with the line
//! of every node (for comments that lead back to the manifest) and limits
//! that keep hostile input harmless: nesting depth, and the number of nodes
//! alias expansion may create ("billion laughs").

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 1_000_000;
/// Text that alias expansion may create: a 1 MiB anchored string named by
/// 20,000 aliases is 20 GB, under any limit on the number of nodes.
const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// Every other scalar, numbers included, as written.
    Text(String),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Yaml {
    pub(crate) value: Value,
    /// 1-based line where the node starts.
    pub(crate) line: usize,
}

impl Yaml {
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }
    /// A string field, trimmed, when present and not empty.
    pub(crate) fn str(&self, key: &str) -> Option<&str> {
        self.get(key)
            .and_then(Yaml::text)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
    pub(crate) fn bool(&self, key: &str) -> Option<bool> {
        match self.get(key).map(|y| &y.value) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }
    pub(crate) fn list(&self, key: &str) -> &[Yaml] {
        match self.get(key).map(|y| &y.value) {
            Some(Value::List(items)) => items,
            _ => &[],
        }
    }
    /// A list of strings (or a single string).
    pub(crate) fn strings(&self, key: &str) -> Vec<String> {
        match self.get(key).map(|y| &y.value) {
            Some(Value::List(items)) => items
                .iter()
                .filter_map(Yaml::text)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::Text(t)) if !t.trim().is_empty() => vec![t.trim().to_owned()],
            _ => Vec::new(),
        }
    }
    pub(crate) fn entries(&self) -> &[(String, Yaml)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }
    /// Whether the value says nothing: null, false, empty text or list, or
    /// Fides' own placeholder "Not defined".
    pub(crate) fn is_empty_value(&self) -> bool {
        match &self.value {
            Value::Null | Value::Bool(false) => true,
            Value::Text(t) => t.trim().is_empty() || t.trim() == "Not defined",
            Value::List(items) => items.iter().all(Yaml::is_empty_value),
            Value::Map(entries) => entries.iter().all(|(_, v)| v.is_empty_value()),
            Value::Bool(true) => false,
        }
    }
    /// One line of text for a comment.
    pub(crate) fn display(&self) -> String {
        match &self.value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Text(t) => t.clone(),
            Value::List(items) => format!("[{}]", items.iter().map(Yaml::display).collect::<Vec<_>>().join(", ")),
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    /// The text the node holds, keys included, as expanded in memory.
    fn bytes(&self) -> usize {
        match &self.value {
            Value::Text(t) => t.len(),
            Value::List(items) => items.iter().map(Yaml::bytes).sum(),
            Value::Map(entries) => entries.iter().map(|(k, v)| k.len() + v.bytes()).sum(),
            _ => 0,
        }
    }

    fn size(&self) -> usize {
        match &self.value {
            Value::List(items) => 1 + items.iter().map(Yaml::size).sum::<usize>(),
            Value::Map(entries) => 1 + entries.iter().map(|(_, v)| v.size()).sum::<usize>(),
            _ => 1,
        }
    }
}

enum Frame {
    List(Vec<Yaml>, usize, usize),
    Map(Vec<(String, Yaml)>, Option<String>, usize, usize),
}

/// Every document in the text, or what is wrong and on which line.
pub(crate) fn parse(text: &str) -> Result<Vec<Yaml>, String> {
    parse_within(text, MAX_BYTES)
}

fn parse_within(text: &str, max_bytes: usize) -> Result<Vec<Yaml>, String> {
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Yaml> = HashMap::new();
    let mut nodes = 0usize;
    let mut bytes = 0usize;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| format!("line {}: {}", e.marker().line(), e.info()))?;
        let line = mark.line().max(1);
        let finished: Option<(Yaml, usize)> = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => None,
            Event::Scalar(text, style, anchor, _) => {
                let value = if style == TScalarStyle::Plain {
                    match text.as_str() {
                        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
                        "true" | "True" | "TRUE" => Value::Bool(true),
                        "false" | "False" | "FALSE" => Value::Bool(false),
                        _ => Value::Text(text),
                    }
                } else {
                    Value::Text(text)
                };
                Some((Yaml { value, line }, anchor))
            }
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("line {line}: nested more than {MAX_DEPTH} levels deep"));
                }
                stack.push(Frame::List(Vec::new(), line, anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("line {line}: nested more than {MAX_DEPTH} levels deep"));
                }
                stack.push(Frame::Map(Vec::new(), None, line, anchor));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::List(items, start, anchor)) => Some((
                    Yaml {
                        value: Value::List(items),
                        line: start,
                    },
                    anchor,
                )),
                _ => return Err(format!("line {line}: unbalanced sequence")),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, _, start, anchor)) => Some((
                    Yaml {
                        value: Value::Map(entries),
                        line: start,
                    },
                    anchor,
                )),
                _ => return Err(format!("line {line}: unbalanced mapping")),
            },
            Event::Alias(id) => {
                let node = anchors.get(&id);
                // Counted before it is copied: the copy is what runs out of memory.
                bytes = bytes.saturating_add(node.map_or(0, Yaml::bytes));
                if bytes > max_bytes {
                    return Err(format!(
                        "line {line}: aliases expand to more than {} MiB of text; write the values out or use fewer aliases",
                        max_bytes / (1024 * 1024)
                    ));
                }
                let node = node.cloned().unwrap_or(Yaml {
                    value: Value::Null,
                    line,
                });
                Some((node, 0))
            }
        };
        let Some((node, anchor)) = finished else { continue };
        nodes += node.size().max(1);
        if nodes > MAX_NODES {
            return Err(format!(
                "line {line}: more than {MAX_NODES} values (aliases expanding without end?)"
            ));
        }
        if anchor > 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => docs.push(node),
            Some(Frame::List(items, _, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _, _)) => match pending.take() {
                None => {
                    // A key: scalars as text, anything else as its display.
                    let key = match &node.value {
                        Value::Text(t) => t.clone(),
                        Value::Null => String::new(),
                        _ => node.display(),
                    };
                    *pending = Some(key);
                }
                Some(key) => entries.push((key, node)),
            },
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_manifest() {
        let docs = parse(
            "system:\n  - fides_key: app\n    name: \"App\"\n    uses_cookies: true\n    tags: [a, b]\n    x: ~\n",
        )
        .expect("parses");
        let system = &docs[0].list("system")[0];
        assert_eq!(system.str("fides_key"), Some("app"));
        assert_eq!(system.bool("uses_cookies"), Some(true));
        assert_eq!(system.strings("tags"), ["a", "b"]);
        assert!(system.get("x").is_some_and(Yaml::is_empty_value));
        assert_eq!(system.line, 2);
    }

    #[test]
    fn hostile_yaml_is_an_error_not_a_crash() {
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_owned() } else { format!("l{}", i - 1) };
            laughs.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse(&laughs).is_err());
        // One large anchored string and many aliases: few nodes, much text.
        let mut wide = format!("a: &a \"{}\"\nl:\n", "x".repeat(64 * 1024));
        wide.push_str(&"  - *a\n".repeat(40));
        assert!(parse_within(&wide, 4 * 1024 * 1024).is_ok());
        wide.push_str(&"  - *a\n".repeat(40));
        let err = parse_within(&wide, 4 * 1024 * 1024).expect_err("over the limit");
        assert!(err.contains("aliases expand to more than 4 MiB"), "{err}");
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).is_err());
        assert!(parse("key: [unclosed").is_err());
        assert!(parse("\u{0}\u{1}: :").is_ok() || parse("\u{0}\u{1}: :").is_err());
    }
}
