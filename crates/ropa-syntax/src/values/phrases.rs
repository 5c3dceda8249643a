//! Lists of phrases looked for in spec text. A rule asks of each activity
//! whether its text holds any of a few dozen phrases; one automaton per list
//! reads the text once, where a search per phrase read it once per phrase.

use aho_corasick::AhoCorasick;

/// The automaton that finds any of `phrases`, overlapping matches included.
/// The lists are constants of this crate, each a few dozen short phrases,
/// far inside the automaton's limits: a test builds every one of them.
pub(crate) fn automaton(phrases: &[&str]) -> AhoCorasick {
    AhoCorasick::new(phrases).expect("a few dozen constant phrases fit the automaton's limits")
}

/// Whether `text` holds any of the automaton's phrases at the start of a
/// word: at the start of the text, or after a space or `(`.
pub(crate) fn starts_a_word(automaton: &AhoCorasick, text: &str) -> bool {
    automaton
        .find_overlapping_iter(text)
        .any(|found| matches!(text[..found.start()].chars().next_back(), None | Some(' ' | '(')))
}
