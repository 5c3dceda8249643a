//! Checks a KDL document against the schema: unknown nodes and properties,
//! wrong value types, missing arguments, and malformed countries, durations,
//! dates and ids. Every problem is reported; nothing stops the walk.

use ropa_kdl::{Entry, Node, Value};

use crate::diagnostic::{SyntaxCode, SyntaxDiagnostic};
use crate::schema::{self, NodeSchema, ValueKind};
use crate::suggest::closest;
use crate::values::{self, Country};

pub(crate) fn validate(nodes: &[Node], parent: &'static NodeSchema, out: &mut Vec<SyntaxDiagnostic>) {
    let mut siblings = Siblings::default();
    for node in nodes {
        siblings.validate(node, parent, out);
    }
}

/// What validating a node needs to know of the nodes before it in the same
/// parent: which of those allowed once were given. Kept apart so that a
/// file's top-level nodes can be validated one at a time, as parsed.
#[derive(Default)]
pub(crate) struct Siblings {
    /// By address: each child kind is one static schema, so no names are
    /// compared (this runs for every node of every file).
    seen: Vec<&'static NodeSchema>,
}

impl Siblings {
    /// Checks `node`, a child of `parent` that comes after the nodes this
    /// was given before, and everything in it.
    pub(crate) fn validate(&mut self, node: &Node, parent: &'static NodeSchema, out: &mut Vec<SyntaxDiagnostic>) {
        let name = node.name.value.as_str();
        let Some(schema) = parent.child(name) else {
            out.push(unknown_node(node, parent));
            return;
        };
        if schema.once && parent.any_child.is_none() {
            if self.seen.iter().any(|seen| std::ptr::eq(*seen, schema)) {
                out.push(
                    SyntaxDiagnostic::new(
                        SyntaxCode::RepeatedNode,
                        node.name.span,
                        format!("`{name}` is given more than once in {}", describe_parent(parent)),
                    )
                    .with_help("keep one; the first is used"),
                );
            }
            self.seen.push(schema);
        }
        validate_entries(node, schema, out);
        if let Some(children) = &node.children {
            if schema.children.is_empty() && schema.any_child.is_none() {
                out.push(
                    SyntaxDiagnostic::new(
                        SyntaxCode::UnknownNode,
                        children.span,
                        format!("`{name}` takes no child nodes"),
                    )
                    .with_help(format!("write what `{name}` says as arguments on its own line")),
                );
            } else {
                validate(&children.nodes, schema, out);
            }
        }
    }
}

fn describe_parent(parent: &NodeSchema) -> String {
    if std::ptr::eq(parent, &schema::SPEC_FILE) || std::ptr::eq(parent, &schema::CONFIG_FILE) {
        "this file".to_owned()
    } else {
        format!("one `{}`", parent.name)
    }
}

fn unknown_node(node: &Node, parent: &'static NodeSchema) -> SyntaxDiagnostic {
    let name = node.name.value.as_str();
    let place = if std::ptr::eq(parent, &schema::SPEC_FILE) {
        "at the top level of a spec file".to_owned()
    } else if std::ptr::eq(parent, &schema::CONFIG_FILE) {
        "in ropa.kdl".to_owned()
    } else {
        format!("inside `{}`", parent.name)
    };
    let names: Vec<&str> = parent.children.iter().map(|c| c.name).collect();
    let help = if let Some(best) = closest(name, &names) {
        format!("did you mean `{best}`?")
    } else if let Some(home) = where_it_belongs(name) {
        format!("`{name}` belongs inside `{home}`")
    } else if names.is_empty() {
        format!("`{}` takes no child nodes", parent.name)
    } else {
        format!("expected one of: {}", names.join(", "))
    };
    SyntaxDiagnostic::new(
        SyntaxCode::UnknownNode,
        node.name.span,
        format!("unknown node `{name}` {place}"),
    )
    .with_help(help)
}

/// The parent in which a misplaced node name is valid, if any.
fn where_it_belongs(name: &str) -> Option<&'static str> {
    schema::walk(&schema::SPEC_FILE)
        .into_iter()
        .find(|(path, s)| s.name == name && !path.is_empty())
        .and_then(|(path, _)| path.last().copied())
        .filter(|parent| *parent != schema::SPEC_FILE.name)
}

fn validate_entries(node: &Node, schema: &'static NodeSchema, out: &mut Vec<SyntaxDiagnostic>) {
    let mut n_args = 0;
    for entry in &node.entries {
        match &entry.name {
            None => {
                let arg = schema.args.get(n_args).or(schema.rest.as_ref());
                n_args += 1;
                match arg {
                    Some(arg) => check_value(&arg.kind, entry, out),
                    None => out.push(too_many_args(node, schema, entry)),
                }
            }
            Some(key) => match schema.prop(&key.value) {
                Some(prop) => check_value(&prop.kind, entry, out),
                None => {
                    let names: Vec<&str> = schema.props.iter().map(|p| p.name).collect();
                    let help = match closest(&key.value, &names) {
                        Some(best) => format!("did you mean `{best}=`?"),
                        None if names.is_empty() => format!("`{}` takes no properties", schema.name),
                        None => format!("`{}` takes: {}", schema.name, names.join(", ")),
                    };
                    out.push(
                        SyntaxDiagnostic::new(
                            SyntaxCode::UnknownProperty,
                            key.span,
                            format!("unknown property `{}` on `{}`", key.value, schema.name),
                        )
                        .with_help(help),
                    );
                }
            },
        }
    }
    if let Some(missing) = schema.args.iter().skip(n_args).find(|a| a.required) {
        out.push(
            SyntaxDiagnostic::new(
                SyntaxCode::MissingValue,
                node.name.span,
                match missing.kind {
                    ValueKind::Text => format!("`{}` needs {}", schema.name, with_article(missing.name)),
                    _ => format!("`{}` needs {}", schema.name, missing.kind.describe()),
                },
            )
            .with_help(format!("write it after the name: {}", example_of(schema))),
        );
    }
}

fn too_many_args(node: &Node, schema: &NodeSchema, entry: &Entry) -> SyntaxDiagnostic {
    let expected = schema.args.len();
    let message = match expected {
        0 => format!("`{}` takes no arguments", node.name.value),
        1 => format!("`{}` takes one argument", node.name.value),
        n => format!("`{}` takes at most {n} arguments", node.name.value),
    };
    let help = if entry.value.as_str().is_some_and(|s| s.contains(' ')) || expected == 0 {
        format!("write it like this: {}", example_of(schema))
    } else {
        "put text with spaces in quotes: \"two words\"".to_owned()
    };
    SyntaxDiagnostic::new(SyntaxCode::InvalidValue, entry.span, message).with_help(help)
}

/// A short example line for a node, built from its schema.
fn example_of(schema: &NodeSchema) -> String {
    let mut line = schema.name.to_owned();
    for arg in schema.args.iter().filter(|a| a.required) {
        line.push(' ');
        line.push_str(match arg.kind {
            ValueKind::Country => "SE",
            ValueKind::Region => "DE-BY",
            ValueKind::Duration => "\"7 years\"",
            ValueKind::Date | ValueKind::DateOrText => "\"2024-01-31\"",
            ValueKind::Integer { .. } => "12",
            ValueKind::Bool => "#true",
            ValueKind::Id | ValueKind::Ref(_) => "some-id",
            ValueKind::RuleId => "rule-id",
            ValueKind::Keyword(vocabulary) => {
                return format!("{line} {}", (vocabulary.words)().first().map_or("…", |(w, _)| w));
            }
            ValueKind::Text => "\"…\"",
        });
    }
    line
}

pub fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

fn found(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "text",
        Value::Integer(_) | Value::Float(_) => "a number",
        Value::Bool(_) => "#true/#false",
        Value::Null => "#null",
    }
}

fn check_value(kind: &ValueKind, entry: &Entry, out: &mut Vec<SyntaxDiagnostic>) {
    let span = entry.value_span;
    let wrong_type = |help: &str| {
        SyntaxDiagnostic::new(
            SyntaxCode::InvalidValue,
            span,
            format!("expected {}, found {}", kind.describe(), found(&entry.value)),
        )
        .with_help(help.to_owned())
    };
    match (kind, &entry.value) {
        (ValueKind::Integer { min, max }, Value::Integer(n)) => {
            let n = n.get();
            if n < *min || n > *max {
                out.push(
                    SyntaxDiagnostic::new(SyntaxCode::InvalidValue, span, format!("{n} is out of range"))
                        .with_help(format!("write a whole number from {min} to {max}")),
                );
            }
        }
        (ValueKind::Integer { .. }, _) => out.push(wrong_type("write the number without quotes: 12")),
        (ValueKind::Bool, Value::Bool(_)) => {}
        (ValueKind::Bool, _) => out.push(wrong_type("write #true or #false")),
        (ValueKind::Duration, Value::Integer(n)) => out.push(
            SyntaxDiagnostic::new(SyntaxCode::InvalidDuration, span, "a duration needs a unit")
                .with_help(format!("write it with a unit, in quotes: \"{n} years\"")),
        ),
        (_, Value::String(text)) => check_text(kind, text, span, out),
        (_, Value::Integer(_) | Value::Float(_)) => {
            let raw = match &entry.value {
                Value::Integer(n) => n.to_string(),
                Value::Float(f) => f.to_string(),
                _ => String::new(),
            };
            out.push(wrong_type(&format!("put it in quotes: \"{raw}\"")));
        }
        (_, Value::Bool(_) | Value::Null) => out.push(wrong_type("remove the #")),
    }
}

fn check_text(kind: &ValueKind, text: &str, span: ropa_kdl::Span, out: &mut Vec<SyntaxDiagnostic>) {
    match kind {
        ValueKind::Text | ValueKind::RuleId | ValueKind::Integer { .. } | ValueKind::Bool => {}
        ValueKind::Id | ValueKind::Ref(_) => {
            if !is_valid_id(text) {
                let suggestion = suggest_id(text);
                out.push(
                    SyntaxDiagnostic::new(SyntaxCode::InvalidId, span, format!("`{text}` is not a valid id"))
                        .with_help(format!(
                            "ids are single words of letters, digits, `-`, `_` and `.`: `{suggestion}`"
                        )),
                );
            }
        }
        ValueKind::Country => {
            if Country::parse(text).is_none() {
                out.push(invalid_country(text, span));
            }
        }
        ValueKind::Region => {
            if let Err(help) = values::Region::parse(text) {
                out.push(
                    SyntaxDiagnostic::new(SyntaxCode::InvalidValue, span, format!("`{text}` is not a region code"))
                        .with_help(help),
                );
            }
        }
        ValueKind::Duration => {
            if let Err(err) = values::parse_duration(text)
                && !values::is_indefinite(text)
            {
                out.push(SyntaxDiagnostic::new(SyntaxCode::InvalidDuration, span, err.message).with_help(err.help));
            }
        }
        ValueKind::Date => {
            if values::parse_date(text).is_none() {
                out.push(invalid_date(text, span));
            }
        }
        ValueKind::DateOrText => {
            let not_iso = values::looks_like_date(text) && values::parse_date(text).is_none();
            if not_iso || values::looks_like_local_date(text) {
                out.push(invalid_date(text, span));
            }
        }
        ValueKind::Keyword(vocabulary) => {
            if !(vocabulary.accepts)(text) {
                let words = (vocabulary.words)();
                let spellings: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
                let help = match closest(text, &spellings) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("expected one of: {}", spellings.join(", ")),
                };
                out.push(
                    SyntaxDiagnostic::new(
                        SyntaxCode::InvalidValue,
                        span,
                        format!("unknown {} `{text}`", vocabulary.name),
                    )
                    .with_help(help),
                );
            }
        }
    }
}

pub fn is_valid_id(text: &str) -> bool {
    // Nearly every id is ASCII: its bytes are its characters, each decided
    // by one lookup.
    let allowed = if text.is_ascii() {
        text.bytes().all(|b| ID_BYTE[usize::from(b)])
    } else {
        text.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    allowed && !text.is_empty() && !text.starts_with(['-', '.'])
}

/// The ASCII bytes an id may hold.
static ID_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.');
        b += 1;
    }
    table
};

fn suggest_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.') {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "my-id".to_owned()
    } else {
        id.to_owned()
    }
}

fn invalid_country(text: &str, span: ropa_kdl::Span) -> SyntaxDiagnostic {
    let help = if let Some(right) = values::country_mistake(text) {
        format!(
            "did you mean `{right}`? ({})",
            Country::parse(right).map_or("", Country::name)
        )
    } else if let Some(country) = Country::parse(&text.to_ascii_uppercase()) {
        format!(
            "country codes are upper case: `{}` ({})",
            country.code(),
            country.name()
        )
    } else if let Some(country) = Country::all().find(|c| c.name().eq_ignore_ascii_case(text)) {
        format!("write the code: `{}`", country.code())
    } else if text.eq_ignore_ascii_case("EU") || text.eq_ignore_ascii_case("EEA") {
        "name the member states where the data is: `SE`, `DE`, `IE`".to_owned()
    } else {
        "use an ISO 3166-1 alpha-2 code such as SE, DK, NO, FI, DE, IE, US".to_owned()
    };
    SyntaxDiagnostic::new(
        SyntaxCode::InvalidCountry,
        span,
        format!("unknown country code `{text}`"),
    )
    .with_help(help)
}

fn invalid_date(text: &str, span: ropa_kdl::Span) -> SyntaxDiagnostic {
    let message = if values::looks_like_date(text) {
        format!("`{text}` is not a calendar date")
    } else if values::looks_like_local_date(text) {
        format!("`{text}` is a date in a local form, which reads differently from country to country")
    } else {
        format!("`{text}` is not a date")
    };
    SyntaxDiagnostic::new(SyntaxCode::InvalidDate, span, message)
        .with_help("write dates as \"YYYY-MM-DD\": \"2024-01-31\"")
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    /// The rule as first written, a character at a time.
    fn by_chars(text: &str) -> bool {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !text.starts_with(['-', '.'])
    }

    #[test]
    fn the_ascii_pass_accepts_the_same_ids() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "ö".into(),
            "kund-ö".into(),
            "日本".into(),
            "a\u{0}".into(),
        ];
        for b in 0..128u8 {
            let c = char::from(b);
            texts.extend([c.to_string(), format!("a{c}"), format!("{c}a"), format!("a{c}b")]);
        }
        for text in &texts {
            assert_eq!(is_valid_id(text), by_chars(text), "{text:?}");
        }
    }
}
