//! Placeholder text: words a person (or a ropa template or quick fix) wrote
//! to be replaced later. A placeholder is not a fact: rules read a field
//! holding one as absent, so a template or a fix can never silence the
//! finding it was written for.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Markers that say "fill this in", matched as whole words, in any case.
const MARKERS: &[&str] = &["todo", "tbd", "tbc", "fixme", "xxx", "placeholder", "lorem"];

/// Phrases that say the same in the languages of the record (en, sv, da, nb, de, fi).
const PHRASES: &[&str] = &[
    "fill in",
    "to complete",
    "to be completed",
    "to be decided",
    "to be confirmed",
    "reference here",
    "fyll i",
    "udfyld",
    "udfyldes",
    "fyll inn",
    "fylles ut",
    "ausfüllen",
    "ergänzen",
    "täydennä",
];

/// Whether `text` is a placeholder rather than a value: empty, a marker
/// such as `TODO` or `TBD`, an all-caps stand-in such as `TIA REFERENCE`,
/// a bracketed stand-in such as `<reference>` or `[to complete: …]`, or a
/// "fill in" phrase.
pub fn is_placeholder(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.is_ascii() {
        is_ascii_placeholder(trimmed)
    } else {
        is_trimmed_placeholder(trimmed)
    }
}

fn is_trimmed_placeholder(trimmed: &str) -> bool {
    if trimmed.is_empty() || trimmed.chars().all(|c| !c.is_alphanumeric()) {
        return true;
    }
    if is_bracketed(trimmed) || contains_phrase(trimmed) {
        return true;
    }
    trimmed
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| MARKERS.iter().any(|m| w.eq_ignore_ascii_case(m)))
        || is_shouted_stand_in(trimmed)
}

/// [`is_trimmed_placeholder`] for ASCII text (nearly every value): one pass
/// over the bytes finds the words, whether any is alphanumeric and whether
/// any is lower case, instead of a pass over the characters for each.
fn is_ascii_placeholder(trimmed: &str) -> bool {
    let bytes = trimmed.as_bytes();
    let mut alphanumeric = false;
    let mut lowercase = false;
    let mut word = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            alphanumeric = true;
            lowercase |= b.is_ascii_lowercase();
        } else {
            if is_marker(&bytes[word..i]) {
                return true;
            }
            word = i + 1;
        }
    }
    !alphanumeric
        || is_marker(&bytes[word..])
        || is_bracketed(trimmed)
        || contains_phrase(trimmed)
        || (!lowercase && is_shouted_stand_in(trimmed))
}

fn is_marker(word: &[u8]) -> bool {
    (3..=11).contains(&word.len()) && MARKERS.iter().any(|m| word.eq_ignore_ascii_case(m.as_bytes()))
}

/// Whether one of [`PHRASES`] occurs in `text`, in any case. This runs on
/// every text field of the record and most hold none, so it neither copies
/// the text nor tries each phrase at each byte: a phrase can only start
/// where the text has one of the phrases' first two bytes, in either case,
/// which [`PHRASE_STARTS`] says in one lookup. Every phrase starts with an
/// ASCII letter, so only ASCII bytes (always char boundaries) can start one.
fn contains_phrase(text: &str) -> bool {
    // In ASCII text, lower-casing a character is lower-casing a byte, and a
    // phrase with other letters cannot occur: one automaton reads the text
    // once. Common pairs (`er`, `re`, `to`) would start a comparison at
    // nearly every word below.
    if text.is_ascii() {
        return ASCII_PHRASES.is_match(text);
    }
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(i, pair)| {
        let (first, second) = (pair[0], pair[1]);
        PHRASE_STARTS[usize::from(first)][usize::from(second >> 6)] & (1 << (second & 63)) != 0
            && PHRASES.iter().any(|phrase| {
                phrase.as_bytes()[..2].eq_ignore_ascii_case(pair)
                    && text
                        .get(i..)
                        .is_some_and(|rest| starts_with_ignoring_case(rest, phrase))
            })
    })
}

/// The ASCII ones of [`PHRASES`], in any ASCII case.
static ASCII_PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(PHRASES.iter().filter(|phrase| phrase.is_ascii()))
        .expect("fourteen constant phrases fit the automaton's limits")
});

/// For each first byte, the set of second bytes (a 256-bit set) that begin
/// a phrase, in lower or upper case.
static PHRASE_STARTS: [[u64; 4]; 256] = {
    let mut table = [[0u64; 4]; 256];
    let mut i = 0;
    while i < PHRASES.len() {
        let bytes = PHRASES[i].as_bytes();
        let firsts = [bytes[0], bytes[0].to_ascii_uppercase()];
        let seconds = [bytes[1], bytes[1].to_ascii_uppercase()];
        let mut f = 0;
        while f < 2 {
            let mut s = 0;
            while s < 2 {
                let second = seconds[s];
                table[firsts[f] as usize][(second >> 6) as usize] |= 1 << (second & 63);
                s += 1;
            }
            f += 1;
        }
        i += 1;
    }
    table
};

/// Whether `text` begins with `lower` (lower case) when lower-cased.
fn starts_with_ignoring_case(text: &str, lower: &str) -> bool {
    let mut text = text.chars().flat_map(char::to_lowercase);
    lower.chars().all(|c| text.next() == Some(c))
}

/// A text field as evidence: `None` when it is missing or holds a
/// placeholder (`TODO`, `TIA REFERENCE`, `[to complete: …]`), so that a
/// template or a quick fix never silences the finding it was written for.
/// The check's rules and the scan's `allow` read fields through it.
pub fn given(text: &Option<crate::model::Text>) -> Option<&crate::model::Text> {
    text.as_ref().filter(|t| !is_placeholder(&t.value))
}

/// `<reference>`, `[date]`, `{name}`, `[to complete: …]`: the whole value
/// is one bracketed stand-in.
fn is_bracketed(text: &str) -> bool {
    let pairs = [(b'<', b'>'), (b'[', b']'), (b'{', b'}')];
    let bytes = text.as_bytes();
    pairs.iter().any(|&(open, close)| match bytes {
        [first, inner @ .., last] => *first == open && *last == close && !inner.contains(&close),
        _ => false,
    })
}

/// `REFERENCE`, `TIA REFERENCE`, `DATE`, `NAME`: a value in capitals made
/// only of the words templates use for the thing to be supplied. Real
/// capitalised references (`TIA-2024-03`, `IR-1`, `GDPR`) carry digits or
/// other words and are kept.
fn is_shouted_stand_in(text: &str) -> bool {
    const STAND_INS: &[&str] = &[
        "REFERENCE",
        "REF",
        "DATE",
        "NAME",
        "LAW",
        "REASON",
        "VALUE",
        "ID",
        "URL",
        "LINK",
        "DOCUMENT",
        "TIA",
        "DPA",
        "LIA",
        "DPIA",
        "SECTION",
        "ACT",
        "COUNTRY",
        "DESCRIPTION",
        "HERE",
    ];
    // Most values have a lower-case letter: not shouted, nothing to split.
    if text.chars().any(char::is_lowercase) {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let shouted = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_ascii_uppercase()) && STAND_INS.contains(w));
    shouted
        && words.iter().any(|w| {
            matches!(
                *w,
                "REFERENCE"
                    | "REF"
                    | "DATE"
                    | "NAME"
                    | "LAW"
                    | "REASON"
                    | "VALUE"
                    | "URL"
                    | "LINK"
                    | "DOCUMENT"
                    | "SECTION"
                    | "DESCRIPTION"
                    | "HERE"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::{PHRASES, contains_phrase, is_placeholder, starts_with_ignoring_case};

    #[test]
    fn phrases_are_found_byte_by_byte_in_ascii_text_as_character_by_character() {
        // The definition: a phrase starts at some character of the text,
        // lower-cased character by character.
        let reference = |text: &str| {
            text.char_indices().any(|(i, _)| {
                PHRASES
                    .iter()
                    .any(|phrase| starts_with_ignoring_case(&text[i..], phrase))
            })
        };
        let mut texts = vec![String::new(), "er re to fi au ud fy tä".to_owned()];
        for phrase in PHRASES {
            let cut = phrase
                .char_indices()
                .nth(phrase.chars().count() - 1)
                .map_or(0, |(i, _)| i);
            for variant in [
                phrase.to_string(),
                phrase.to_uppercase(),
                phrase[..cut].to_string(),
                format!("{}X", &phrase[..cut]),
                phrase.replace(' ', "  "),
            ] {
                for (before, after) in [("", ""), ("a ", " b"), ("Å ", ""), ("x", "y")] {
                    texts.push(format!("{before}{variant}{after}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(contains_phrase(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn placeholders_are_recognised() {
        for text in [
            "",
            "   ",
            "…",
            "TODO",
            "todo: ask legal",
            "TBD",
            "Reference TBC",
            "FIXME",
            "XXX",
            "TIA REFERENCE",
            "REFERENCE",
            "DATE",
            "<reference of the TIA>",
            "[to complete: the law]",
            "{name}",
            "Fill in the date signed",
            "Fyll i lagrummet",
            "udfyldes senere",
            "Bitte ergänzen",
            "täydennä",
            "BITTE AUSFÜLLEN",
            "TÄYDENNÄ myöhemmin",
            "Reference TO BE CONFIRMED",
            "Åtgärd: FYLL I senare",
        ] {
            assert!(is_placeholder(text), "{text:?} should be a placeholder");
        }
    }

    /// The phrase search as it was written first, on a lower-cased copy:
    /// the table-driven one must find exactly what it finds.
    fn contains_phrase_by_copy(text: &str) -> bool {
        let lower = text.to_lowercase();
        super::PHRASES.iter().any(|p| lower.contains(p))
    }

    #[test]
    fn the_phrase_table_finds_what_a_lower_cased_copy_finds() {
        let mut texts = vec![String::new(), "f".to_owned(), "ä".to_owned(), "tä".to_owned()];
        for phrase in super::PHRASES {
            let upper = phrase.to_uppercase();
            let chars: Vec<char> = phrase.chars().collect();
            let truncated: String = chars[..chars.len() - 1].iter().collect();
            let alternating: String = chars
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_uppercase().next().unwrap_or(*c)
                    } else {
                        *c
                    }
                })
                .collect();
            for core in [phrase.to_string(), upper, truncated, alternating] {
                for (before, after) in [("", ""), ("Åsa ", " här"), ("x", "y"), ("ü", "ß"), ("f", "t")] {
                    texts.push(format!("{before}{core}{after}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(super::contains_phrase(text), contains_phrase_by_copy(text), "{text:?}");
        }
    }

    #[test]
    fn the_ascii_pass_decides_as_the_general_one() {
        let pieces = [
            "TODO",
            "todo",
            "xTODO",
            "Tbd",
            "tbc2",
            "fixme",
            "XXX",
            "xx",
            "placeholder",
            "Lorem",
            "REFERENCE",
            "DATE",
            "Date",
            "TIA",
            "ID",
            "DPA",
            "HERE",
            "fill in",
            "Fill",
            " in",
            "to be confirmed",
            "<",
            ">",
            "[",
            "]",
            "{",
            "}",
            " ",
            "-",
            "_",
            ":",
            ".",
            "1",
            "a",
            "A",
            "Z",
            "\t",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            let trimmed = text.trim();
            assert_eq!(
                super::is_ascii_placeholder(trimmed),
                super::is_trimmed_placeholder(trimmed),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_phrase_starts_with_an_ascii_letter() {
        // `contains_phrase` looks for them at ASCII bytes only.
        for phrase in super::PHRASES {
            assert!(phrase.as_bytes()[0].is_ascii_lowercase(), "{phrase}");
        }
    }

    #[test]
    fn real_values_are_kept() {
        for text in [
            "TIA-2024-03",
            "2023-01-10",
            "IR-1",
            "Bokföringslagen (1999:1078) 7 kap. 2 §",
            "Google Ads Data Processing Terms",
            "GDPR",
            "DPA 2024",
            "Mailchimp audit log",
            "Unsubscribe link in every e-mail",
            "LIA-2024-03",
            "Todoist task list export", // "todo" only as part of a word
            "[1] Annex to the contract, section 4",
            "Åsa Öberg, Fyllingsdalen",
        ] {
            assert!(!is_placeholder(text), "{text:?} should be a value");
        }
    }
}
