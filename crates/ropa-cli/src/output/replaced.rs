//! Text with some characters replaced, for the formats whose escapes are a
//! few characters each (JUnit's XML, SARIF's brackets).

use std::borrow::Cow;

/// `value` with each character `replacement` names replaced; borrowed when
/// none is, as for most names, files and messages. A report has several
/// escaped texts per finding: copied a character at a time into a new
/// text, JUnit's took 9 % of the CPU of a large record's report.
pub(super) fn replaced(value: &str, replacement: impl Fn(char) -> Option<&'static str>) -> Cow<'_, str> {
    let Some(first) = value
        .char_indices()
        .find(|&(_, c)| replacement(c).is_some())
        .map(|(at, _)| at)
    else {
        return Cow::Borrowed(value);
    };
    let mut out = String::with_capacity(value.len() + 16);
    out.push_str(&value[..first]);
    for c in value[first..].chars() {
        match replacement(c) {
            Some(replaced) => out.push_str(replaced),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}
