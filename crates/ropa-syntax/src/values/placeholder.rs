//! Placeholder text: words a person (or a ropa template or quick fix) wrote
//! to be replaced later. A placeholder is not a fact: rules read a field
//! holding one as absent, so a template or a fix can never silence the
//! finding it was written for.

/// Markers that say "fill this in", wherever they stand and in any case
/// (`Reference tbc`, `070-xxx xx xx`), but one: `todo` is an ordinary word
/// in Spanish ("todo el grupo"), so in lower case it counts only beginning
/// or ending a clause (`todo: ask legal`, `Reference todo`).
const MARKERS: &[&str] = &["todo", "tbd", "tbc", "fixme", "xxx", "placeholder"];

/// Where in a clause a fill-in phrase says "fill this in" rather than
/// describing what someone does.
#[derive(Clone, Copy)]
enum Place {
    /// Beginning the clause, whatever follows: an instruction ("Fill in the
    /// date signed", "To be confirmed with the vendor").
    Starts,
    /// Beginning the clause or ending it: "To be confirmed", "Reference to
    /// be confirmed" (but not "orders to be confirmed by e-mail").
    StartsOrEnds,
    /// Ending the clause: "To complete", "TIA reference to complete",
    /// "Skal udfyldes" (but not "used to complete the purchase", "skemaet
    /// udfyldes af kunden").
    Ends,
    /// Making up the clause, alone or after "bitte" or "zu": German puts
    /// the verb last, so "Bitte ausfüllen" asks and "das Formular online
    /// ausfüllen" describes.
    Closes,
}

/// Phrases that say "fill this in", in the languages of the record (en, sv,
/// da, nb, de, fi), each with where it says so. Matched as whole words in
/// any case; a word from [`LATER`] may follow the phrase.
const PHRASES: &[(&[&str], Place)] = &[
    (&["fill", "in"], Place::Starts),
    (&["fyll", "i"], Place::Starts),
    (&["fyll", "inn"], Place::Starts),
    (&["udfyld"], Place::Starts),
    (&["täydennä"], Place::Starts),
    (&["to", "be", "completed"], Place::StartsOrEnds),
    (&["to", "be", "decided"], Place::StartsOrEnds),
    (&["to", "be", "confirmed"], Place::StartsOrEnds),
    (&["to", "complete"], Place::Ends),
    (&["udfyldes"], Place::Ends),
    (&["fylles", "ut"], Place::Ends),
    (&["ausfüllen"], Place::Closes),
    (&["ergänzen"], Place::Closes),
];

/// Words that may come before a [`Place::Closes`] phrase: "please", "to".
const LEADS: &[&str] = &["bitte", "zu"];

/// Words that may come after any phrase: "later".
const LATER: &[&str] = &["later", "senare", "senere", "später", "myöhemmin"];

/// Whether `text` is a placeholder rather than a value: empty, a marker
/// such as `TODO` or `TBD`, an all-caps stand-in such as `TIA REFERENCE`,
/// a bracketed stand-in such as `<reference>` or `[to complete: …]`, or a
/// fill-in phrase where it is an instruction ("Fill in the date", "Skal
/// udfyldes", "Reference: to be confirmed"), not where it describes what
/// someone does ("customers fill in a form", "used to complete the
/// purchase", "skemaet udfyldes af kunden").
pub fn is_placeholder(text: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.chars().any(char::is_alphanumeric)
        || is_bracketed(trimmed)
        || has_placeholder_clause(trimmed)
        || (!trimmed.chars().any(char::is_lowercase) && is_shouted_stand_in(trimmed))
}

/// What a character is to the reading of clauses and words.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// A letter or digit: part of a word.
    Word,
    /// Sets off a clause: brackets, a colon, a semicolon, a dash.
    Break,
    /// Sets off a clause after a space (" - "); in a word (`e-mail`) it
    /// joins.
    Hyphen,
    Space,
    Other,
}

fn class(c: char) -> Class {
    match c {
        ':' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '|' | '–' | '—' => Class::Break,
        '-' => Class::Hyphen,
        c if c.is_alphanumeric() => Class::Word,
        c if c.is_whitespace() => Class::Space,
        _ => Class::Other,
    }
}

/// [`class`] of every ASCII byte: nearly every value is ASCII, read a byte
/// at a time without decoding.
static ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b':' | b';' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'<' | b'>' | b'|' => Class::Break,
            b'-' => Class::Hyphen,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Class::Word,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Class::Space,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// Whether a clause of `text` is a placeholder: the parts set off by
/// brackets, a colon, a semicolon or a dash after a space ("Reference:
/// TBD", "5 years (to be confirmed)", "Basis – to be decided"). A glance
/// at the words' shapes rules out nearly every value; the others are read
/// in one pass over clauses and words together, ASCII text (nearly every
/// value) a byte at a time, without decoding.
fn has_placeholder_clause(text: &str) -> bool {
    if !has_keyword_shape(text) {
        return false;
    }
    if text.is_ascii() {
        let classes = text
            .bytes()
            .enumerate()
            .map(|(at, b)| (at, ASCII_CLASSES[usize::from(b & 0x7f)]));
        read_clauses(text, classes)
    } else {
        read_clauses(text, text.char_indices().map(|(at, c)| (at, class(c))))
    }
}

/// Every ASCII word a placeholder is told by (a marker, "lorem", "here",
/// a phrase's first or last word, "later"), as the lengths (bit n: n
/// bytes) of those beginning (`[0]`) and of those ending (`[1]`) with each
/// letter. Built from the lists, so it cannot miss one.
static KEYWORD_SHAPES: [[u64; 26]; 2] = {
    let mut shapes = [[0; 26]; 2];
    let mut i = 0;
    while i < MARKERS.len() {
        add_shape(&mut shapes, MARKERS[i]);
        i += 1;
    }
    let mut i = 0;
    while i < LATER.len() {
        add_shape(&mut shapes, LATER[i]);
        i += 1;
    }
    let mut i = 0;
    while i < PHRASES.len() {
        let phrase = PHRASES[i].0;
        add_shape(&mut shapes, phrase[0]);
        add_shape(&mut shapes, phrase[phrase.len() - 1]);
        i += 1;
    }
    add_shape(&mut shapes, "lorem");
    add_shape(&mut shapes, "here");
    shapes
};

/// Adds an ASCII lower-case word to [`KEYWORD_SHAPES`]; a word with other
/// letters is never in ASCII text, and a test holds the lists to letters.
const fn add_shape(shapes: &mut [[u64; 26]; 2], word: &str) {
    let bytes = word.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return;
    };
    if first.is_ascii_lowercase() && last.is_ascii_lowercase() && bytes.len() < 64 {
        shapes[0][(first - b'a') as usize] |= 1 << bytes.len();
        shapes[1][(last - b'a') as usize] |= 1 << bytes.len();
    }
}

/// Whether `text` has a word of a keyword's shape: its first letter, last
/// letter and length, or a word with other than ASCII letters, which is
/// read in full. Nearly no value has: it is then no placeholder by its
/// words, and its clauses need not be read.
fn has_keyword_shape(text: &str) -> bool {
    let letter = |b: u8| {
        b.is_ascii_alphabetic()
            .then(|| usize::from(b.to_ascii_lowercase() - b'a'))
    };
    let sets_apart = |b: &u8| b.is_ascii() && !b.is_ascii_alphanumeric();
    text.as_bytes().split(sets_apart).any(|word| {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        match (letter(first), letter(last)) {
            _ if !word.is_ascii() => true,
            (Some(first), Some(last)) if word.len() < 64 => {
                KEYWORD_SHAPES[0][first] & KEYWORD_SHAPES[1][last] & (1 << word.len()) != 0
            }
            _ => false,
        }
    })
}

/// [`has_placeholder_clause`] over the class of each character of `text`
/// (with its byte offset).
fn read_clauses(text: &str, classes: impl Iterator<Item = (usize, Class)>) -> bool {
    let mut clause = Clause::default();
    // Where the clause's first word and the current word start, if any.
    let (mut clause_start, mut word_start) = (None, None);
    let mut after_space = false;
    for (at, class) in classes {
        // A hyphen in a word joins it ("e-mail", "fill-in form"): a
        // compound is none of the words looked for.
        let in_word = class == Class::Word || (class == Class::Hyphen && word_start.is_some());
        if in_word {
            if word_start.is_none() {
                word_start = Some(at);
                clause_start.get_or_insert(at);
            }
            after_space = false;
            continue;
        }
        if let Some(start) = word_start.take()
            && clause.word(text.get(start..at).unwrap_or(""))
        {
            return true;
        }
        if class == Class::Break || (class == Class::Hyphen && after_space) {
            let words = clause_start.take().and_then(|start| text.get(start..at));
            if clause.decides(words.unwrap_or("")) {
                return true;
            }
            clause = Clause::default();
        }
        after_space = class == Class::Space;
    }
    if let Some(start) = word_start
        && clause.word(text.get(start..).unwrap_or(""))
    {
        return true;
    }
    let words = clause_start.and_then(|start| text.get(start..));
    clause.decides(words.unwrap_or(""))
}

/// The words of `text`, as [`read_clauses`] reads them: runs of letters,
/// digits and the hyphens inside or after them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.trim_start_matches('-'))
        .filter(|w| !w.is_empty())
}

/// Room for the longest word of a phrase, a lead or "later", lower-cased
/// ("ausfüllen", "myöhemmin": 10 bytes).
const LONGEST: usize = 16;

/// A word of the text lower-cased, when it is short enough to be one of
/// the words looked for; else empty, which none of them is. Each word is
/// lower-cased once, then compared with every phrase as bytes.
#[derive(Clone, Copy, Default)]
struct Lowered {
    bytes: [u8; LONGEST],
    len: u8,
}

impl Lowered {
    fn of(word: &str) -> Lowered {
        let mut lowered = Lowered::default();
        if word.is_ascii() {
            if let Some(into) = lowered.bytes.get_mut(..word.len()) {
                for (to, from) in into.iter_mut().zip(word.bytes()) {
                    *to = from.to_ascii_lowercase();
                }
                lowered.len = word.len() as u8;
            }
            return lowered;
        }
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let Some(into) = lowered.bytes.get_mut(len..len + c.len_utf8()) else {
                return Lowered::default();
            };
            c.encode_utf8(into);
            len += c.len_utf8();
        }
        lowered.len = len as u8;
        lowered
    }

    fn is(&self, expected: &str) -> bool {
        self.bytes.get(..usize::from(self.len)) == Some(expected.as_bytes())
    }

    fn is_one_of(&self, expected: &[&str]) -> bool {
        expected.iter().any(|e| self.is(e))
    }
}

/// The words of a clause as far as they were read: its first and last
/// two, and how many.
#[derive(Default)]
struct Clause<'a> {
    first: Option<&'a str>,
    last: Option<&'a str>,
    before_last: Option<&'a str>,
    count: usize,
}

impl<'a> Clause<'a> {
    /// Takes the clause's next word; whether it makes the text a
    /// placeholder wherever it stands: a marker (`Reference tbc`; `TODO`
    /// only in capitals), "lorem", or "here" after "reference".
    fn word(&mut self, word: &'a str) -> bool {
        if has_marker(word, false)
            || word.eq_ignore_ascii_case("lorem")
            || (word.eq_ignore_ascii_case("here") && self.last.is_some_and(|w| w.eq_ignore_ascii_case("reference")))
        {
            return true;
        }
        self.first.get_or_insert(word);
        self.before_last = self.last.replace(word);
        self.count += 1;
        false
    }

    /// Whether the clause (`text`, all read) is a placeholder: a marker in
    /// any case alone (`tbd`), or a fill-in phrase where it is an
    /// instruction. Nearly every clause of a record neither begins with a
    /// phrase's first word nor ends with a phrase's last word (or "later"):
    /// those are decided here; only the others are read again, word by word
    /// against each phrase.
    fn decides(&self, text: &str) -> bool {
        let (Some(first), Some(last)) = (self.first, self.last) else {
            return false;
        };
        if has_marker(first, true) || has_marker(last, true) {
            return true;
        }
        let (first, last) = (Lowered::of(first), Lowered::of(last));
        let end = if last.is_one_of(LATER) {
            self.before_last.map(Lowered::of)
        } else {
            Some(last)
        };
        let may_start = PHRASES
            .iter()
            .any(|(phrase, place)| matches!(place, Place::Starts | Place::StartsOrEnds) && first.is(phrase[0]));
        let may_end = end.is_some_and(|end| {
            PHRASES
                .iter()
                .any(|(phrase, place)| !matches!(place, Place::Starts) && phrase.last().is_some_and(|p| end.is(p)))
        });
        (may_start || may_end) && has_phrase(text)
    }
}

/// Whether `word`, or a part of it between hyphens (`070-xxx`), is a
/// marker; `todo` in lower case only when it begins or ends its clause
/// (`edge`).
fn has_marker(word: &str, edge: bool) -> bool {
    word.split('-').any(|part| {
        MARKERS.iter().any(|m| part.eq_ignore_ascii_case(m))
            && (edge || !part.eq_ignore_ascii_case("todo") || part == "TODO")
    })
}

/// Whether a fill-in phrase stands in `clause` where it is an
/// instruction. The clause's first three and last four words (a phrase, a
/// lead word and "later") decide it.
fn has_phrase(clause: &str) -> bool {
    let mut first = [Lowered::default(); 3];
    let mut last = [Lowered::default(); 4];
    let mut count = 0;
    for word in words(clause) {
        let lowered = Lowered::of(word);
        if let Some(slot) = first.get_mut(count) {
            *slot = lowered;
        }
        last[count % last.len()] = lowered;
        count += 1;
    }
    // The `back`-th word from the end (0: the last), if the clause has it
    // and it was kept.
    let from_end = |back: usize| (back < count.min(last.len())).then(|| last[(count - 1 - back) % last.len()]);
    let later = usize::from(from_end(0).is_some_and(|w| w.is_one_of(LATER)));
    let starts = |phrase: &[&str]| phrase.len() <= count && phrase.iter().zip(&first).all(|(p, w)| w.is(p));
    // Whether the phrase ends the clause (before "later"); and then what
    // comes before it: nothing, one word, or more.
    let ends = |phrase: &[&str]| {
        let matched = phrase
            .iter()
            .rev()
            .enumerate()
            .all(|(i, p)| from_end(later + i).is_some_and(|w| w.is(p)));
        matched.then(|| count - later - phrase.len())
    };
    PHRASES.iter().any(|&(phrase, place)| match place {
        Place::Starts => starts(phrase),
        Place::StartsOrEnds => starts(phrase) || ends(phrase).is_some(),
        Place::Ends => ends(phrase).is_some(),
        Place::Closes => match ends(phrase) {
            Some(0) => true,
            Some(1) => from_end(later + phrase.len()).is_some_and(|w| w.is_one_of(LEADS)),
            _ => false,
        },
    })
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
    use super::{LATER, LEADS, LONGEST, MARKERS, PHRASES, Place, is_placeholder};

    #[test]
    fn placeholders_are_recognised() {
        for text in [
            "",
            "   ",
            "…",
            "TODO",
            "todo: ask legal",
            "tbd.",
            "TBD",
            "Reference TBC",
            "Reference tbc",
            "todo ask legal",
            "Reference todo",
            "070-xxx xx xx",
            "5 years (TBC)",
            "FIXME",
            "XXX",
            "+46 XXX-XXX XX",
            "xxx-xxx",
            "Lorem ipsum dolor",
            "TIA REFERENCE",
            "REFERENCE",
            "DATE",
            "<reference of the TIA>",
            "[to complete: the law]",
            "{name}",
            "Fill in the date signed",
            "Fill in: the date signed",
            "Purpose: fill in",
            "fill in later",
            "Fyll i lagrummet",
            "Åtgärd: FYLL I senare",
            "Fyll inn",
            "Udfyld formålet",
            "udfyldes senere",
            "Skal udfyldes",
            "Formålet skal udfyldes",
            "Må fylles ut",
            "Feltet må fylles ut senere",
            "TIA reference to complete",
            "Bitte ergänzen",
            "Zu ergänzen",
            "BITTE AUSFÜLLEN",
            "täydennä",
            "TÄYDENNÄ myöhemmin",
            "To complete",
            "To complete.",
            "To be confirmed with the vendor",
            "Reference TO BE CONFIRMED",
            "5 years (to be confirmed)",
            "Basis - to be decided",
            "Basis – to be decided",
            "Insert reference here",
        ] {
            assert!(is_placeholder(text), "{text:?} should be a placeholder");
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
            // Fill-in words describing what someone does, not asking for a value.
            "Payment details are used to complete the purchase",
            "To complete the purchase and deliver the goods",
            "Customers fill in a form at checkout",
            "Orders to be confirmed by e-mail are held for a day",
            "Skemaet udfyldes af kunden ved bestilling",
            "Kunden har udfyldt bestillingsformularen",
            "Skjemaet fylles ut av kunden ved innlevering",
            "Kunden kann das Formular online ausfüllen",
            "Bewerberdaten, um die Personalakte zu ergänzen",
            "Kunden fyller i formuläret vid bokning",
            // `todo` in lower case inside a clause is a Spanish word.
            "Nombre y pago de todo el grupo",
            // A compound is not the phrase.
            "Purpose: fill-in forms for new customers",
        ] {
            assert!(!is_placeholder(text), "{text:?} should be a value");
        }
    }

    #[test]
    fn phrases_and_their_words_are_lower_case_words() {
        // `is_word` compares a text's word with these in lower case, and the
        // words of a text are runs of letters and digits.
        let lists = PHRASES
            .iter()
            .flat_map(|(phrase, _)| phrase.iter())
            .chain(LEADS)
            .chain(LATER)
            .chain(MARKERS);
        for word in lists {
            assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric), "{word:?}");
            assert_eq!(word.to_lowercase(), *word);
            assert!(word.len() <= LONGEST, "{word:?}");
        }
        // A clause keeps its first three and last four words: a phrase must
        // fit them with what may stand beside it ("later", a lead word).
        for (phrase, place) in PHRASES {
            let beside = match place {
                Place::Starts => 0,
                Place::StartsOrEnds | Place::Ends => 1,
                Place::Closes => 2,
            };
            assert!(
                !phrase.is_empty() && phrase.len() <= 3 && phrase.len() + beside <= 4,
                "{phrase:?}"
            );
        }
    }

    #[test]
    fn the_shape_filter_keeps_every_text_a_clause_is_found_in() {
        // `has_keyword_shape` only skips reading the clauses: it must pass
        // every ASCII text in which they find a placeholder.
        let pieces = [
            "TODO",
            "todo",
            "Tbd",
            "tbc",
            "FIXME",
            "xxx",
            "placeholder",
            "Lorem",
            "reference",
            "here",
            "fill",
            "in",
            "Fyll",
            "i",
            "inn",
            "udfyld",
            "to",
            "be",
            "completed",
            "decided",
            "CONFIRMED",
            "complete",
            "udfyldes",
            "fylles",
            "ut",
            "bitte",
            "zu",
            "skal",
            "ska",
            "please",
            "later",
            "senare",
            "senere",
            "the",
            "form",
            "1",
            ":",
            " - ",
            "(",
            ")",
            " ",
            ".",
            "-",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t} {p}")))
                .collect();
            texts.extend(longer);
        }
        let mut found = 0;
        for text in &texts {
            let trimmed = text.trim();
            let read = if trimmed.is_ascii() {
                let classes = trimmed
                    .bytes()
                    .enumerate()
                    .map(|(at, b)| (at, super::ASCII_CLASSES[usize::from(b & 0x7f)]));
                super::read_clauses(trimmed, classes)
            } else {
                super::read_clauses(trimmed, trimmed.char_indices().map(|(at, c)| (at, super::class(c))))
            };
            if read {
                found += 1;
                assert!(super::has_keyword_shape(trimmed), "{trimmed:?}");
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn every_ascii_keyword_has_a_shape() {
        // `add_shape` records words beginning and ending with a letter; a
        // keyword of other shape would be filtered out unread.
        let words = PHRASES
            .iter()
            .flat_map(|(phrase, _)| [phrase[0], phrase[phrase.len() - 1]])
            .chain(LATER.iter().copied())
            .chain(MARKERS.iter().copied())
            .chain(["lorem", "here"]);
        for word in words.filter(|w| w.is_ascii()) {
            let bytes = word.as_bytes();
            assert!(
                bytes[0].is_ascii_lowercase() && bytes[bytes.len() - 1].is_ascii_lowercase(),
                "{word}"
            );
            assert!(super::has_keyword_shape(word), "{word}");
        }
    }

    #[test]
    fn each_place_is_used() {
        // A place no phrase has would be dead code in `is_placeholder_clause`.
        for place in [Place::Starts, Place::StartsOrEnds, Place::Ends, Place::Closes] {
            assert!(
                PHRASES
                    .iter()
                    .any(|(_, p)| std::mem::discriminant(p) == std::mem::discriminant(&place))
            );
        }
    }

    #[test]
    fn any_text_is_decided_without_panicking() {
        for text in [
            "",
            ":",
            " - ",
            "((",
            "a:b:c",
            "\u{0}",
            "ǅ",
            "İ",
            "to be",
            "be completed",
            "later",
            "skal",
        ] {
            let _ = is_placeholder(text);
        }
        assert!(!is_placeholder("to be"));
        assert!(!is_placeholder("Skal"));
    }
}
