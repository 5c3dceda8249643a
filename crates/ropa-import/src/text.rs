//! Text helpers shared by the importers: folding Nordic and other Latin
//! letters to ASCII, cutting text into words for phrase matching, and
//! splitting list cells.
//!
//! Matching works on words, not characters: a phrase matches only whole
//! words, so `avtal` finds "Avtal + Samtycke" but not "Avtalstid", and the
//! byte range of each word lets the caller cut the matched phrase out of the
//! original text (the rest of "Rättslig förpliktelse (Bokföringslagen)"
//! becomes `law="Bokföringslagen"`).

use std::ops::Range;

/// Appends the lower-case ASCII folding of `c`: å, ä → a, ö, ø → o, æ → ae,
/// ü → u, ß → ss. Characters outside the table are kept lower-cased, so
/// other scripts still compare equal to themselves.
pub(crate) fn fold_into(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        let folded: &str = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(lower);
                continue;
            }
        };
        out.push_str(folded);
    }
}

/// Lower case, folded, every run of non-alphanumeric characters one space:
/// "Kategorier av Registrerade (art. 30)" → "kategorier av registrerade art 30".
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.norm);
    }
    out
}

/// A word of the original text: its folded form and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub norm: String,
    pub range: Range<usize>,
}

/// The maximal runs of letters and digits, folded. A run that switches
/// between digits and letters is cut there ("6.1b" → 6, 1, b; "12mån" → 12,
/// mån), because people glue numbers to units and article letters.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    let push = |from: usize, to: usize, out: &mut Vec<Word>| {
        let mut norm = String::new();
        for c in text[from..to].chars() {
            fold_into(c, &mut norm);
        }
        out.push(Word { norm, range: from..to });
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit();
            match start {
                Some((s, was_digit)) if was_digit != digit => {
                    push(s, i, &mut out);
                    start = Some((i, digit));
                }
                Some(_) => {}
                None => start = Some((i, digit)),
            }
        } else if let Some((s, _)) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some((s, _)) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// A phrase to look for, already cut into folded words.
#[derive(Clone, Debug)]
pub(crate) struct Phrase<T> {
    pub(crate) words: Vec<String>,
    pub(crate) value: T,
    /// The phrase as written in the table, for documentation and summaries.
    pub(crate) spelling: &'static str,
}

impl<T: Copy> Phrase<T> {
    pub fn new(spelling: &'static str, value: T) -> Phrase<T> {
        Phrase {
            words: words(spelling).into_iter().map(|w| w.norm).collect(),
            value,
            spelling,
        }
    }
    fn len(&self) -> usize {
        self.words.iter().map(String::len).sum::<usize>() + self.words.len()
    }
}

/// A set of phrases, longest first so that "rättslig förpliktelse" wins
/// over a shorter phrase starting at the same word.
#[derive(Clone, Debug)]
pub(crate) struct Phrases<T> {
    phrases: Vec<Phrase<T>>,
}

/// One phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found<T> {
    pub(crate) value: T,
    /// Byte range in the original text, from the first word to the last.
    pub(crate) range: Range<usize>,
    pub(crate) spelling: &'static str,
}

impl<T: Copy> Phrases<T> {
    pub fn new(table: &[(&'static str, T)]) -> Phrases<T> {
        let mut phrases: Vec<Phrase<T>> = table
            .iter()
            .map(|(spelling, value)| Phrase::new(spelling, *value))
            .filter(|p| !p.words.is_empty())
            .collect();
        // Stable: among equally long phrases the table order decides.
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Phrases { phrases }
    }

    /// Every phrase in `text`, left to right, without overlaps; at each
    /// word the longest phrase starting there wins.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Found<T>> {
        let words = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = self.phrases.iter().find(|p| {
                p.words.len() <= words.len() - i && p.words.iter().zip(&words[i..]).all(|(a, b)| *a == b.norm)
            });
            match hit {
                Some(p) => {
                    let last = i + p.words.len() - 1;
                    out.push(Found {
                        value: p.value,
                        range: words[i].range.start..words[last].range.end,
                        spelling: p.spelling,
                    });
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The phrase that is the whole text (ignoring case, accents and
    /// punctuation).
    pub(crate) fn exact(&self, text: &str) -> Option<&Phrase<T>> {
        let words: Vec<String> = words(text).into_iter().map(|w| w.norm).collect();
        self.phrases.iter().find(|p| p.words == words)
    }

    /// The longest phrase contained in the text as whole words, or `None`.
    pub(crate) fn longest_in(&self, text: &str) -> Option<&Phrase<T>> {
        let words: Vec<String> = words(text).into_iter().map(|w| w.norm).collect();
        self.phrases
            .iter()
            .find(|p| !p.words.is_empty() && words.windows(p.words.len()).any(|window| window == p.words.as_slice()))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Phrase<T>> {
        self.phrases.iter()
    }
}

/// Placeholders that mean "nothing here" in a spreadsheet cell. An "x" or
/// "?" is not one: a tick or "unknown" is an answer, kept as a comment.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || matches!(t, "-" | "–" | "—" | "--" | "---" | "/" | "n/a" | "N/A" | "N/a")
}

/// Splits a list cell into items: on new lines, `;`, `,`, `•`, and the words
/// "och", "samt", "og", "and" between items. Separators inside parentheses
/// do not count ("Kontaktuppgifter (namn, e-post)" is one item), nor does a
/// conjunction after a word ending in "-" ("Till- och frånvaro"). Bullets
/// and numbering at the start of a line are dropped.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    split_items(text, &[';', ',', '•', '·'])
}

/// Like [`split_list`], with the single-character separators given.
pub(crate) fn split_items(text: &str, separators: &[char]) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                current.push(c);
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                // A line break ends an item even inside an unclosed parenthesis.
                depth = 0;
                finish(&mut current, &mut items);
            }
            c if depth == 0 && separators.contains(&c) => finish(&mut current, &mut items),
            ' ' if depth == 0 => {
                let rest: String = chars[i + 1..].iter().take(6).collect::<String>().to_lowercase();
                let conjunction = ["och ", "samt ", "og ", "and ", "& ", "eller ", "or "]
                    .iter()
                    .find(|w| rest.starts_with(**w))
                    .map(|w| w.chars().count());
                let hyphen_before = current.trim_end().ends_with('-');
                match conjunction {
                    Some(n) if !hyphen_before && !current.trim().is_empty() => {
                        finish(&mut current, &mut items);
                        i += n;
                    }
                    _ => current.push(c),
                }
            }
            _ => current.push(c),
        }
        i += 1;
    }
    finish(&mut current, &mut items);
    items
}

fn finish(current: &mut String, items: &mut Vec<String>) {
    let item = strip_bullet(current.trim());
    if !is_placeholder(item) {
        items.push(item.to_owned());
    }
    current.clear();
}

fn strip_bullet(item: &str) -> &str {
    let item = item.trim_start_matches(['-', '*', '•', '–', '·']).trim_start();
    // "1. Namn", "2) Adress"
    let digits = item.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = &item[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    item.trim_end_matches(['.', ' '])
}

/// One line of text for a trailing comment: line breaks become " / ".
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        if i > 0 {
            out.push_str(" / ");
        }
        out.push_str(line);
    }
    out
}

/// Shortens text for summaries, at a character boundary.
pub(crate) fn ellipsize(text: &str, max_chars: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max_chars {
        return line;
    }
    let cut: String = line.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_nordic_letters() {
        assert_eq!(normalize("Rättslig förpliktelse"), "rattslig forpliktelse");
        assert_eq!(
            normalize("Særlige kategorier af personoplysninger"),
            "saerlige kategorier af personoplysninger"
        );
        assert_eq!(normalize("Behandlingsgrunnlag (art. 6)"), "behandlingsgrunnlag art 6");
        assert_eq!(normalize("Straße Ümlaut"), "strasse umlaut");
        assert_eq!(normalize("  --  "), "");
    }

    #[test]
    fn cuts_words_between_digits_and_letters() {
        let w: Vec<String> = words("6.1b 12mån").into_iter().map(|w| w.norm).collect();
        assert_eq!(w, ["6", "1", "b", "12", "man"]);
    }

    #[test]
    fn finds_longest_phrases_as_whole_words() {
        let phrases = Phrases::new(&[("avtal", 1), ("rättslig förpliktelse", 2), ("förpliktelse", 3)]);
        let found = phrases.find_all("Avtal + Rättslig förpliktelse");
        assert_eq!(found.iter().map(|f| f.value).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(found[1].range, 8.."Avtal + Rättslig förpliktelse".len());
        assert!(phrases.find_all("Avtalstid").is_empty());
        assert_eq!(phrases.exact("AVTAL").map(|p| p.value), Some(1));
        assert_eq!(
            phrases.longest_in("enligt rättslig förpliktelse här").map(|p| p.value),
            Some(2)
        );
    }

    #[test]
    fn splits_lists_but_not_inside_parentheses() {
        assert_eq!(split_list("Namn, adress, telefon"), ["Namn", "adress", "telefon"]);
        assert_eq!(split_list("Namn och adress samt e-post"), ["Namn", "adress", "e-post"]);
        assert_eq!(
            split_list("Kontaktuppgifter (namn, e-post); Lön"),
            ["Kontaktuppgifter (namn, e-post)", "Lön"]
        );
        assert_eq!(split_list("Till- och frånvaro"), ["Till- och frånvaro"]);
        assert_eq!(
            split_list("• Navn\n• Adresse\n\n2. Telefon"),
            ["Navn", "Adresse", "Telefon"]
        );
        assert_eq!(
            split_list("Backup/säkerhetskopierad data"),
            ["Backup/säkerhetskopierad data"]
        );
        assert_eq!(split_list("-"), Vec::<String>::new());
        assert_eq!(split_list("Name and address"), ["Name", "address"]);
    }

    #[test]
    fn shortens_for_summaries() {
        assert_eq!(ellipsize("a\nb", 10), "a / b");
        assert_eq!(ellipsize("abcdefghij", 5), "abcd…");
    }
}
