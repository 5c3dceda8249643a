//! Vague text: a retention criterion that restates the principle ("as long
//! as necessary") and a law citation that only gives examples ("e.g. the
//! Accounting Act") or points at law in general ("applicable legislation").
//! Neither can be checked by anyone, so rules read them as not given.
//!
//! Recognised in the languages of the record: English, Swedish, Danish,
//! Norwegian, German and Finnish.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::phrases::{automaton, starts_a_word};

static VAGUE: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(VAGUE_CRITERIA));
static TIES_TO_LAW: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(LAW_TIES));
static EXAMPLES: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(EXAMPLE_MARKERS));
static GENERIC: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(GENERIC_LAW));

/// Phrases that make a retention criterion vague wherever they occur: each
/// restates storage limitation or says "no end".
const VAGUE_CRITERIA: &[&str] = &[
    // en
    "as long as necessary",
    "as long as needed",
    "as long as required",
    "as long as it is necessary",
    "as long as it is needed",
    "as long as is necessary",
    "as long as we need",
    "as long as relevant",
    "no longer than necessary",
    "no longer needed",
    "no longer necessary",
    "no longer required",
    "until further notice",
    "indefinitely",
    "in perpetuity",
    "purpose is fulfilled",
    "purpose has been fulfilled",
    "purpose is achieved",
    "purpose has been achieved",
    // sv
    "så länge det behövs",
    "så länge som behövs",
    "så länge det är nödvändigt",
    "så länge som är nödvändigt",
    "så länge som nödvändigt",
    "så länge behov finns",
    "så länge det finns behov",
    "tills vidare",
    "inte längre behövs",
    "inte längre är nödvändig",
    "inte längre nödvändig",
    "obegränsad tid",
    "ändamålet uppfyllts",
    // da
    "så længe det er nødvendigt",
    "så længe det er nødvendig",
    "så længe der er behov",
    "så længe det behøves",
    "indtil videre",
    "ikke længere er nødvendig",
    "ikke længere nødvendig",
    "ubestemt tid",
    // nb
    "så lenge det er nødvendig",
    "så lenge det trengs",
    "så lenge det er behov",
    "inntil videre",
    "ikke lenger er nødvendig",
    "ikke lenger nødvendig",
    // de
    "solange erforderlich",
    "so lange erforderlich",
    "solange es erforderlich",
    "solange notwendig",
    "solange nötig",
    "so lange wie nötig",
    "so lange wie erforderlich",
    "so lange wie notwendig",
    "bis auf weiteres",
    "nicht mehr erforderlich",
    "nicht mehr benötigt",
    "nicht mehr notwendig",
    "unbefristet",
    "auf unbestimmte zeit",
    // fi
    "toistaiseksi",
    "niin kauan kuin on tarpeen",
    "niin kauan kuin tarpeellista",
    "niin kauan kuin tarve",
    "ei enää tarvita",
    "määräämättömän ajan",
];

/// Values that are vague when they are the whole criterion (after words
/// such as "kept" or "stored"): "forever", "automatic", "permanently".
const VAGUE_WORDS: &[&str] = &[
    "forever",
    "for ever",
    "always",
    "permanent",
    "permanently",
    "indefinite",
    "unlimited",
    "ongoing",
    "automatic",
    "automatically",
    "automated",
    "unknown",
    "none",
    "n/a",
    "för alltid",
    "alltid",
    "obegränsat",
    "automatiskt",
    "automatisk",
    "for altid",
    "altid",
    "ubegrænset",
    "for alltid",
    "ubegrenset",
    "für immer",
    "immer",
    "dauerhaft",
    "automatisch",
    "pysyvästi",
    "ikuisesti",
    "automaattisesti",
];

/// Leading verbs that do not change what a criterion says ("kept forever").
const FILLER: &[&str] = &[
    "kept",
    "stored",
    "retained",
    "saved",
    "deleted",
    "erased",
    "sparas",
    "lagras",
    "raderas",
    "gallras",
    "gemmes",
    "opbevares",
    "slettes",
    "lagres",
    "oppbevares",
    "gespeichert",
    "aufbewahrt",
    "gelöscht",
    "säilytetään",
    "poistetaan",
];

/// Lower case, trailing punctuation gone, one space between words.
fn normalise(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches(['.', '!', ';', ',']);
    if !trimmed.is_ascii() {
        // Unicode lower-casing depends on context (a final sigma): the
        // whole text at once.
        return trimmed.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    }
    out
}

/// True when `text` holds one of the vague phrases (not a lone word such
/// as "automatic", which as a period is simply not a duration).
pub(crate) fn has_vague_phrase(text: &str) -> bool {
    VAGUE.is_match(&normalise(text))
}

/// True when a retention criterion (`retain until="…"`) names no event
/// anyone could observe: "as long as necessary", "tills vidare",
/// "solange erforderlich", "toistaiseksi", "forever", "Automatiskt".
/// "until the contact person leaves the customer" is concrete.
pub fn is_vague_criterion(text: &str) -> bool {
    let lower = normalise(text);
    if VAGUE.is_match(&lower) {
        return true;
    }
    let mut rest = lower.as_str();
    for filler in FILLER {
        if let Some(after) = rest.strip_prefix(filler) {
            rest = after.trim_start();
            break;
        }
    }
    VAGUE_WORDS.contains(&rest)
}

/// Phrases that tie a retention to what the law requires ("as long as
/// required by law", "så länge lagen kräver"): the limit is the statute's,
/// not "no limit"; what is missing is which statute.
const LAW_TIES: &[&str] = &[
    "required by law",
    "law requires",
    "the law requires",
    "legally required",
    "statutory",
    "by statute",
    "required by statute",
    "lagen kräver",
    "enligt lag",
    "lagstadgad",
    "lagkrav",
    "loven kræver",
    "lovpligtig",
    "lovkrav",
    "loven krever",
    "lovpålagt",
    "gesetzlich",
    "gesetz verlangt",
    "lain edellyttämän",
    "lain vaatiman",
    "lakisääteinen",
];

/// True when a vague retention ties itself to the law ("as long as required
/// by law"): a gap in the record (which law?), not data kept without limit.
pub fn ties_to_law(text: &str) -> bool {
    TIES_TO_LAW.is_match(&normalise(text))
}

/// Markers that turn a citation into examples ("e.g. the Accounting Act"):
/// the obligation the activity rests on is not identified.
const EXAMPLE_MARKERS: &[&str] = &[
    "for example",
    "for instance",
    "e.g.",
    "such as",
    "among others",
    "amongst others",
    "inter alia",
    "including but not limited",
    "etc.",
    "t.ex.",
    "till exempel",
    "bl.a.",
    "bland annat",
    "exempelvis",
    "m.fl.",
    "f.eks.",
    "for eksempel",
    "blandt andet",
    "blant annet",
    "z.b.",
    "z. b.",
    "zum beispiel",
    "beispielsweise",
    "u.a.",
    "unter anderem",
    "esim.",
    "esimerkiksi",
    "mm.",
    "muun muassa",
];

/// Phrases that point at law in general rather than at an act.
const GENERIC_LAW: &[&str] = &[
    "applicable law",
    "applicable legislation",
    "applicable regulation",
    "relevant law",
    "relevant legislation",
    "relevant regulation",
    "legal requirement",
    "legal obligation",
    "statutory requirement",
    "statutory obligation",
    "national law",
    "gällande lag",
    "tillämplig lag",
    "relevant lagstiftning",
    "lagkrav",
    "gældende lov",
    "relevant lovgivning",
    "lovkrav",
    "gjeldende lov",
    "lovpålagt",
    "geltendes recht",
    "geltende gesetze",
    "gesetzliche vorschriften",
    "gesetzliche bestimmungen",
    "gesetzliche pflichten",
    "gesetzliche aufbewahrungspflichten",
    "einschlägige gesetze",
    "voimassa oleva lainsäädäntö",
    "sovellettava lainsäädäntö",
    "lainsäädännön vaatimukset",
];

/// Why a `law="…"` cannot be verified, if it cannot: it only gives
/// examples, or it points at law in general without naming an act and
/// section (no section sign and no number in it).
pub fn vague_law(text: &str) -> Option<&'static str> {
    let lower = normalise(text);
    if starts_a_word(&EXAMPLES, &lower) {
        return Some("only gives examples");
    }
    let cites_section = text.contains('§') || text.chars().any(|c| c.is_ascii_digit());
    if !cites_section && GENERIC.is_match(&lower) {
        return Some("points at law in general");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every phrase list, as each matcher was first written: a search per
    /// phrase on a copy. The automata must decide exactly as these did.
    fn lower_as_first_written(text: &str) -> String {
        text.trim()
            .trim_end_matches(['.', '!', ';', ','])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    fn vague_law_as_first_written(text: &str) -> Option<&'static str> {
        let lower = format!(" {} ", lower_as_first_written(text));
        let word_start = |phrase: &str| {
            lower
                .match_indices(phrase)
                .any(|(i, _)| matches!(lower[..i].chars().next_back(), Some(' ' | '(')))
        };
        if EXAMPLE_MARKERS.iter().any(|m| word_start(m)) {
            return Some("only gives examples");
        }
        let cites_section = text.contains('§') || text.chars().any(|c| c.is_ascii_digit());
        if !cites_section && GENERIC_LAW.iter().any(|g| lower.contains(g)) {
            return Some("points at law in general");
        }
        None
    }

    #[test]
    fn the_automata_decide_as_a_search_per_phrase() {
        let lists = [
            VAGUE_CRITERIA,
            LAW_TIES,
            EXAMPLE_MARKERS,
            GENERIC_LAW,
            VAGUE_WORDS,
            FILLER,
        ];
        let mut texts = vec![
            String::new(),
            "  ".to_owned(),
            "Lag (1982:80)".to_owned(),
            "ΟΔΟΣ.".to_owned(),
        ];
        for phrase in lists.iter().flat_map(|list| list.iter()) {
            for (before, after) in [
                ("", ""),
                ("Kept ", "."),
                ("x", "y"),
                ("(", ")"),
                ("  ", "\u{b}!"),
                ("Bokföringslagen 7 kap., ", " etc."),
                ("§ 3 ", ""),
            ] {
                texts.push(format!("{before}{phrase}{after}"));
                texts.push(format!("{before}{}{after}", phrase.to_uppercase()));
            }
        }
        for text in &texts {
            assert_eq!(normalise(text), lower_as_first_written(text), "{text:?}");
            assert_eq!(vague_law(text), vague_law_as_first_written(text), "{text:?}");
            let lower = lower_as_first_written(text);
            assert_eq!(
                ties_to_law(text),
                LAW_TIES.iter().any(|p| lower.contains(p)),
                "{text:?}"
            );
            assert_eq!(
                has_vague_phrase(text),
                VAGUE_CRITERIA.iter().any(|p| lower.contains(p)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn vague_criteria_in_six_languages() {
        for text in [
            "as long as necessary",
            "As long as necessary for the purpose.",
            "forever",
            "Kept forever",
            "automatic",
            "Automatiskt",
            "indefinitely",
            "until further notice",
            "permanently",
            "tills vidare",
            "så länge det behövs",
            "Så länge det är nödvändigt",
            "så længe det er nødvendigt",
            "så lenge det er nødvendig",
            "solange erforderlich",
            "Daten werden gelöscht, sobald sie nicht mehr erforderlich sind",
            "toistaiseksi",
            "until they are no longer needed",
            "until the purpose is fulfilled",
        ] {
            assert!(is_vague_criterion(text), "{text:?} should be vague");
        }
    }

    #[test]
    fn concrete_criteria_are_kept() {
        for text in [
            "the contact person leaves the customer",
            "the customer relationship ends",
            "as long as the customer account is active",
            "the employee's permanent contract ends",
            "the warranty period of the product expires",
            "the account is closed, then automatically deleted after 30 days",
            "kunden säger upp avtalet",
            "das Arbeitsverhältnis endet",
        ] {
            assert!(!is_vague_criterion(text), "{text:?} should be concrete");
        }
    }

    #[test]
    fn retention_tied_to_law() {
        for text in [
            "as long as required by law",
            "So long as the law requires",
            "så länge lagen kräver",
            "så længe loven kræver",
            "så lenge loven krever",
            "solange gesetzlich vorgeschrieben",
            "niin kauan kuin lain edellyttämän ajan",
        ] {
            assert!(ties_to_law(text), "{text:?} ties retention to the law");
        }
        for text in ["as long as necessary", "forever", "Automatiskt", "until further notice"] {
            assert!(!ties_to_law(text), "{text:?} does not name the law");
        }
    }

    #[test]
    fn example_only_and_generic_laws_are_vague() {
        for text in [
            "for example, the Accounting and Anti-Money Laundering laws",
            "t.ex. bokföringslagen",
            "bl.a. bokföringslagen och skatteförfarandelagen",
            "e.g. the Bookkeeping Act",
            "Laws such as the Accounting Act",
            "the Accounting Act, among others",
            "applicable law",
            "Relevant legislation",
            "gældende lovgivning",
            "gällande lagstiftning",
            "gesetzliche Aufbewahrungspflichten",
            "z.B. HGB und AO",
            "esim. kirjanpitolaki",
        ] {
            assert!(vague_law(text).is_some(), "{text:?} should be vague");
        }
    }

    #[test]
    fn cited_acts_are_kept() {
        for text in [
            "Bokföringslagen (1999:1078) 7 kap. 2 §",
            "Bookkeeping Act",
            "HGB § 257, AO § 147",
            "Kirjanpitolaki (1336/1997) 2 luku 10 §",
            "Applicable law: Bogføringsloven § 10",
            "Sjuklönelagen (1991:1047)",
            "Arbeitszeitgesetz",
            "Lov om hvidvask",
        ] {
            assert_eq!(vague_law(text), None, "{text:?} should be a citation");
        }
    }
}
