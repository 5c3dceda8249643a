//! The canonical text form used by the KDL test suite
//! (`tests/kdl-spec/test_cases/README.md` in the upstream suite): one node per
//! line, 4-space indents, arguments then properties sorted by key with the
//! last duplicate winning, strings bare when they can be, numbers in decimal.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::chars::{is_bare_identifier, is_disallowed, is_newline};
use crate::{Document, Entry, Node, Value};

/// Prints `doc` in the KDL test suite's canonical form.
///
/// `source` is the text `doc` was parsed from. It is needed because the
/// suite prints a decimal with a fraction or exponent the way it was written
/// (`1e10` as `1E+10`, `1.0e10` as `1.0E+10`, `1.23E+1000` though no `f64`
/// holds it), which [`Value::Float`] alone cannot tell apart. Pass `""` for a
/// document built by hand: floats are then printed from their value.
pub fn to_canonical(doc: &Document, source: &str) -> String {
    let mut out = String::new();
    if doc.nodes.is_empty() {
        out.push('\n');
    }
    for node in &doc.nodes {
        write_node(&mut out, node, 0, source);
    }
    out
}

fn write_node(out: &mut String, node: &Node, depth: usize, source: &str) {
    for _ in 0..depth {
        out.push_str("    ");
    }
    if let Some(ty) = &node.ty {
        write_type(out, &ty.value);
    }
    write_string(out, &node.name.value);
    for arg in node.arguments() {
        out.push(' ');
        write_value(out, arg, source);
    }
    let mut props: BTreeMap<&str, &Entry> = BTreeMap::new();
    for entry in &node.entries {
        if let Some(key) = &entry.name {
            props.insert(&key.value, entry);
        }
    }
    for (key, entry) in props {
        out.push(' ');
        write_string(out, key);
        out.push('=');
        write_value(out, entry, source);
    }
    let children = node.child_nodes();
    if children.is_empty() {
        out.push('\n');
        return;
    }
    out.push_str(" {\n");
    for child in children {
        write_node(out, child, depth + 1, source);
    }
    for _ in 0..depth {
        out.push_str("    ");
    }
    out.push_str("}\n");
}

fn write_type(out: &mut String, ty: &str) {
    out.push('(');
    write_string(out, ty);
    out.push(')');
}

fn write_value(out: &mut String, entry: &Entry, source: &str) {
    if let Some(ty) = &entry.ty {
        write_type(out, &ty.value);
    }
    match &entry.value {
        Value::String(s) => write_string(out, s),
        Value::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => {
            let written = source.get(entry.value_span.range()).unwrap_or("");
            write_float(out, *f, written);
        }
        Value::Bool(true) => out.push_str("#true"),
        Value::Bool(false) => out.push_str("#false"),
        Value::Null => out.push_str("#null"),
    }
}

/// A string, bare if KDL allows it, else quoted with escapes.
pub(crate) fn write_string(out: &mut String, s: &str) {
    if is_bare_identifier(s) {
        out.push_str(s);
    } else {
        write_quoted(out, s);
    }
}

/// `s` as KDL: a bare identifier where KDL allows one, else a quoted string.
pub fn kdl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(&mut out, s);
    out
}

/// `s` as a KDL quoted string, with every character escaped that needs it.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_quoted(&mut out, s);
    out
}

fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{C}' => out.push_str("\\f"),
            c if is_newline(c) || is_disallowed(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_float(out: &mut String, value: f64, written: &str) {
    if value.is_nan() {
        out.push_str("#nan");
    } else if written.starts_with('#') || (written.is_empty() && value.is_infinite()) {
        out.push_str(if value > 0.0 { "#inf" } else { "#-inf" });
    } else if written.is_empty() {
        // No source: Rust's shortest round-trip form, in the suite's style.
        let text = format!("{value:?}");
        write_decimal(out, &text);
    } else {
        write_decimal(out, written);
    }
}

/// Normalises decimal number text: no `_`, no `+` on the mantissa, no leading
/// zeros, `E` with an explicit exponent sign.
fn write_decimal(out: &mut String, text: &str) {
    let text = text.replace('_', "");
    let (negative, text) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, &text[..]),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    if negative {
        out.push('-');
    }
    out.push_str(strip_zeros(int));
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    if let Some(exp) = exponent {
        let (sign, digits) = match exp.as_bytes().first() {
            Some(b'-') => ('-', &exp[1..]),
            Some(b'+') => ('+', &exp[1..]),
            _ => ('+', exp),
        };
        out.push('E');
        out.push(sign);
        out.push_str(strip_zeros(digits));
    } else if frac.is_none() {
        out.push_str(".0");
    }
}

fn strip_zeros(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }
}
