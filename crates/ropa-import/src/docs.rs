//! The mapping tables of docs/import.md, generated from the tables in the
//! code, so that the documentation lists every word the importers know.
//! `tests/docs.rs` checks that the document holds exactly this text between
//! its markers (run it with `ROPA_BLESS=1` to rewrite that part).

use std::fmt::Write as _;

use ropa_syntax::values::{Art9Condition, Keyword, LegalBasis, Mechanism, SpecialCategory, Unit};

use crate::Lang;
use crate::csv::columns::{Field, SYNONYMS};

pub const BEGIN: &str =
    "<!-- BEGIN GENERATED: `cargo test -p ropa-import --test docs` with ROPA_BLESS=1 rewrites this part -->";
pub const END: &str = "<!-- END GENERATED -->";

fn words(items: impl IntoIterator<Item = &'static str>) -> String {
    let list: Vec<String> = items.into_iter().map(|w| format!("`{w}`")).collect();
    if list.is_empty() {
        "—".to_owned()
    } else {
        list.join(", ")
    }
}

fn by_lang<T: PartialEq + Copy>(table: &[(&'static str, Lang, T)], lang: Lang, value: T) -> Vec<&'static str> {
    table
        .iter()
        .filter(|(_, l, v)| *l == lang && *v == value)
        .map(|(s, _, _)| *s)
        .collect()
}

fn lang_table<T: PartialEq + Copy>(
    out: &mut String,
    first: &str,
    rows: &[(String, T)],
    table: &[(&'static str, Lang, T)],
) {
    let _ = writeln!(out, "| {first} | English | Swedish | Danish | Norwegian |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for (label, value) in rows {
        let _ = write!(out, "| {label} |");
        for lang in Lang::ALL {
            let _ = write!(out, " {} |", words(by_lang(table, lang, *value)));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn list_table(out: &mut String, title: &str, table: &[(&'static str, Lang)]) {
    let _ = writeln!(out, "| {title} | English | Swedish | Danish | Norwegian |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    let _ = write!(out, "| |");
    for lang in Lang::ALL {
        let items: Vec<&str> = table.iter().filter(|(_, l)| *l == lang).map(|(w, _)| *w).collect();
        let _ = write!(out, " {} |", words(items));
    }
    out.push_str("\n\n");
}

/// The generated part of docs/import.md.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str(BEGIN);
    out.push_str("\n\n");

    out.push_str("### Column headers\n\n");
    out.push_str(
        "A header matches when, ignoring case, accents and punctuation, it is one of these or contains one as whole words (the longest wins). Headers of three letters or fewer match only whole.\n\n",
    );
    for lang in Lang::ALL {
        let _ = writeln!(out, "#### {}\n", lang.name());
        out.push_str("| column becomes | headers |\n|---|---|\n");
        for field in Field::ALL {
            let headers = by_lang(SYNONYMS, lang, field);
            if !headers.is_empty() {
                let _ = writeln!(out, "| {} | {} |", field.target(), words(headers));
            }
        }
        out.push('\n');
    }

    out.push_str("### Legal bases\n\n");
    out.push_str("Also recognised: article references such as `Art. 6(1)(b)`, `6.1.b`, `artikel 6.1 b`, `artikel 6, stk. 1, litra b`, `art. 6 nr. 1 bokstav b`. A cell may name several bases (`Avtal + Samtycke`, `Avtal/Rättslig förpliktelse`).\n\n");
    let rows: Vec<(String, LegalBasis)> = LegalBasis::WORDS
        .iter()
        .map(|(b, w, _)| (format!("`{w}`"), *b))
        .collect();
    lang_table(&mut out, "basis", &rows, crate::bases::BASES);

    out.push_str("### Art. 9(2) conditions\n\nAlso recognised: `Art. 9(2)(a)` … `9(2)(j)`.\n\n");
    let rows: Vec<(String, Art9Condition)> = Art9Condition::WORDS
        .iter()
        .map(|(c, w, _)| (format!("`{w}`"), *c))
        .collect();
    lang_table(&mut out, "condition", &rows, crate::bases::CONDITIONS);

    out.push_str("### Retention periods\n\nA number (digits, `3,5`, a range `2–5`, or a number word) and a unit:\n\n");
    let rows: Vec<(String, Unit)> = [
        ("years", Unit::Years),
        ("months", Unit::Months),
        ("weeks", Unit::Weeks),
        ("days", Unit::Days),
        ("hours", Unit::Hours),
    ]
    .iter()
    .map(|(n, u)| ((*n).to_owned(), *u))
    .collect();
    lang_table(&mut out, "unit", &rows, crate::durations::UNITS);
    out.push_str("Number words:\n\n");
    let rows: Vec<(String, u32)> = (1..=12).map(|n| (n.to_string(), n)).collect();
    lang_table(&mut out, "number", &rows, crate::durations::NUMBER_WORDS);
    out.push_str("Events a period runs from (in the cell or in the column header) become `from=`:\n\n");
    let mut events: Vec<&str> = crate::durations::EVENTS.iter().map(|(_, _, e)| *e).collect();
    events.dedup();
    let mut seen = Vec::new();
    events.retain(|e| {
        let new = !seen.contains(e);
        seen.push(e);
        new
    });
    let rows: Vec<(String, &str)> = events.iter().map(|e| (format!("`from={e}`"), *e)).collect();
    lang_table(&mut out, "event", &rows, crate::durations::EVENTS);

    out.push_str("### Transfer mechanisms\n\n");
    let rows: Vec<(String, Mechanism)> = Mechanism::WORDS
        .iter()
        .filter(|(m, _, _)| crate::vocab::MECHANISMS.iter().any(|(_, _, v)| v == m))
        .map(|(m, w, _)| (format!("`mechanism={w}`"), *m))
        .collect();
    lang_table(&mut out, "mechanism", &rows, crate::vocab::MECHANISMS);

    out.push_str("### Special categories (Art. 9 columns)\n\nWord stems, found inside compounds (`hälsouppgifter`, `helbredsoplysninger`):\n\n");
    let rows: Vec<(String, SpecialCategory)> = SpecialCategory::WORDS
        .iter()
        .map(|(k, w, _)| (format!("`special={w}`"), *k))
        .collect();
    lang_table(&mut out, "kind", &rows, crate::vocab::SPECIAL_STEMS);

    out.push_str("### Roles\n\n");
    let rows: Vec<(String, ropa_syntax::values::RoleKind)> = ropa_syntax::values::RoleKind::WORDS
        .iter()
        .map(|(r, w, _)| (format!("`role {w}`"), *r))
        .collect();
    lang_table(&mut out, "role", &rows, crate::vocab::ROLES);

    out.push_str("### Answers and groups\n\n");
    list_table(
        &mut out,
        "no (no transfer, no special data, `dpia none`)",
        crate::vocab::NO,
    );
    list_table(&mut out, "yes", crate::vocab::YES);
    list_table(
        &mut out,
        "subjects: `employees=#true` (first word, or after our/våra/vores/våre)",
        crate::vocab::EMPLOYEE_WORDS,
    );
    list_table(&mut out, "subjects: `children=#true`", crate::vocab::CHILD_WORDS);
    list_table(&mut out, "subjects: `vulnerable=#true`", crate::vocab::VULNERABLE_WORDS);
    list_table(&mut out, "recipient: `kind authority`", crate::vocab::AUTHORITY_STEMS);
    list_table(
        &mut out,
        "activity about bookkeeping (with `legal-obligation`: `statute=bookkeeping`)",
        crate::vocab::BOOKKEEPING_STEMS,
    );
    list_table(
        &mut out,
        "retention cell citing the bookkeeping law: `statute=bookkeeping`",
        crate::vocab::BOOKKEEPING_LAW_STEMS,
    );

    out.push_str("### Country names\n\nBesides ISO 3166-1 codes (alpha-2, and alpha-3 in capitals) and the English short names of ISO 3166:\n\n");
    let names = crate::countries::names();
    let mut codes: Vec<&str> = names.iter().map(|(_, _, c)| *c).collect();
    codes.sort();
    codes.dedup();
    let rows: Vec<(String, &str)> = codes.iter().map(|c| (format!("`{c}`"), *c)).collect();
    lang_table(&mut out, "country", &rows, &names);

    out.push_str("### Fides data uses\n\nThe purpose written for each data use of the default taxonomy (a key below one of these takes its parent's; a custom data use defined in the manifests keeps its own description):\n\n");
    out.push_str("| data use | purpose | tracking (when the system uses cookies) |\n|---|---|---|\n");
    for (key, purpose) in crate::fides::taxonomy::DATA_USES {
        let tracking =
            crate::fides::taxonomy::tracking_of(key).map_or("—".to_owned(), |t| format!("`{}`", t.as_str()));
        let _ = writeln!(out, "| `{key}` | {purpose} | {tracking} |");
    }
    out.push('\n');
    out.push_str("### Fides data subjects\n\n| data subject | description | property |\n|---|---|---|\n");
    for (key, name, flags) in crate::fides::taxonomy::SUBJECTS {
        let flags: Vec<String> = flags.iter().map(|f| format!("`{f}=#true`")).collect();
        let _ = writeln!(
            out,
            "| `{key}` | {name} | {} |",
            if flags.is_empty() {
                "—".to_owned()
            } else {
                flags.join(", ")
            }
        );
    }
    out.push('\n');
    out.push_str(END);
    out.push('\n');
    out
}
