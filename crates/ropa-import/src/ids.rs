//! Ids for what the importers declare: lower-case ASCII kebab-case made from
//! the text people wrote ("Kunders kontaktuppgifter" →
//! `kunders-kontaktuppgifter`), unique across the workspace, since every id
//! of a workspace shares one namespace (data, subjects, processors and
//! activities alike).

use std::collections::{BTreeSet, HashMap};

use crate::text::fold_into;

/// Longest id made from text, in characters. Long cells ("Namn,
/// personnummer, adress och telefonnummer till …") would otherwise give ids
/// nobody wants to type; the full text stays in the description.
const MAX_LEN: usize = 40;

/// The kebab-case form of `text`, folded to ASCII, or an empty string when
/// nothing of it survives (text in another script, only punctuation).
pub(crate) fn slug(text: &str) -> String {
    let mut folded = String::new();
    for c in text.chars() {
        fold_into(c, &mut folded);
    }
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.len() > MAX_LEN {
        // Cut at a word boundary when there is one in the second half.
        let cut = out[..MAX_LEN]
            .rfind('-')
            .filter(|i| *i > MAX_LEN / 2)
            .unwrap_or(MAX_LEN);
        out.truncate(cut);
        out = out.trim_end_matches('-').to_owned();
    }
    out
}

/// Hands out unique ids. Ids already declared in the target workspace are
/// reserved up front, so an import into an existing record never clashes.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    taken: BTreeSet<String>,
    /// The next suffix to try per base, so that 10,000 rows named alike do
    /// not make this quadratic.
    next: HashMap<String, usize>,
}

impl Ids {
    pub fn new(reserved: &BTreeSet<String>) -> Ids {
        Ids {
            taken: reserved.clone(),
            next: HashMap::new(),
        }
    }

    /// A fresh id from `text`, `fallback` when the text gives none.
    pub(crate) fn fresh(&mut self, text: &str, fallback: &str) -> String {
        let mut base = slug(text);
        if base.is_empty() {
            base = slug(fallback);
        }
        if base.is_empty() {
            base = "item".to_owned();
        }
        if !self.taken.contains(&base) && ropa_syntax::is_valid_id(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if !self.taken.contains(&candidate) {
                self.next.insert(base, n);
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
    }

    /// Like [`Ids::fresh`], but when the plain id is taken, `suffix` is
    /// tried before a number: the data category named like its activity
    /// ("Intern chat") becomes `intern-chat-data`, not `intern-chat-2`.
    pub(crate) fn fresh_with(&mut self, text: &str, suffix: &str, fallback: &str) -> String {
        let base = slug(text);
        if !base.is_empty() && self.taken.contains(&base) {
            let candidate = format!("{base}-{suffix}");
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
        self.fresh(text, fallback)
    }

    /// Claims `id` exactly when it is free (for ids that must keep their
    /// spelling, like a Fides key's), else a fresh one made from it.
    pub(crate) fn claim(&mut self, id: &str) -> String {
        let base = slug(id);
        if !base.is_empty() && !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        self.fresh(id, "item")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_folded_kebab_case() {
        assert_eq!(slug("Kunders kontaktuppgifter"), "kunders-kontaktuppgifter");
        assert_eq!(slug("Åtkomstloggar från servrar"), "atkomstloggar-fran-servrar");
        assert_eq!(slug("Særlige kategorier: helbred"), "saerlige-kategorier-helbred");
        assert_eq!(slug("Größe / Übersicht"), "grosse-ubersicht");
        assert_eq!(
            slug("  Backup/säkerhetskopierad data!  "),
            "backup-sakerhetskopierad-data"
        );
        assert_eq!(slug("Кириллица"), "");
        let long = slug("Namn, personnummer, adress och telefonnummer till kontaktpersoner hos kunder");
        assert!(long.len() <= MAX_LEN, "{long}");
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn ids_are_unique_and_valid() {
        let reserved: BTreeSet<String> = ["kunder".to_owned()].into();
        let mut ids = Ids::new(&reserved);
        assert_eq!(ids.fresh("Kunder", "x"), "kunder-2");
        assert_eq!(ids.fresh("kunder", "x"), "kunder-3");
        assert_eq!(ids.fresh("Namn", "x"), "namn");
        assert_eq!(ids.fresh("", "row 4"), "row-4");
        assert_eq!(ids.fresh("—", ""), "item");
        // An id starting with a digit is valid (the emitter quotes it).
        assert_eq!(ids.fresh("2FA-koder", "x"), "2fa-koder");
        assert_eq!(ids.claim("user.contact.email"), "user-contact-email");
        assert_eq!(ids.claim("user.contact.email"), "user-contact-email-2");
        assert_eq!(ids.fresh_with("Namn", "data", "x"), "namn-data");
        assert_eq!(ids.fresh_with("Namn", "data", "x"), "namn-2");
        for id in ["kunder-2", "namn", "row-4", "item", "2fa-koder"] {
            assert!(ropa_syntax::is_valid_id(id), "{id}");
        }
    }
}
