//! Legal bases (Art. 6(1)) and Art. 9(2) conditions as people write them in
//! English, Swedish, Danish and Norwegian, and as article references
//! ("Art. 6(1)(b)", "6.1.b", "artikel 6, stk. 1, litra b").
//!
//! The words follow each language's text of the GDPR and what Nordic
//! records use in practice ("Intresseavvägning" for the balancing test of
//! legitimate interests). docs/import.md lists them; a test keeps the two
//! in step.

use std::sync::OnceLock;

use ropa_syntax::values::{Art9Condition, Keyword, LegalBasis};

use crate::Lang::{self, Da, En, Nb, Sv};
use crate::text::{Phrases, split_items, words};

use LegalBasis::{Consent, Contract, LegalObligation, LegitimateInterests, PublicTask, VitalInterests};

/// Every legal-basis spelling, by language.
pub(crate) const BASES: &[(&str, Lang, LegalBasis)] = &[
    ("consent", En, Consent),
    ("contract", En, Contract),
    ("performance of a contract", En, Contract),
    ("legal obligation", En, LegalObligation),
    ("legal obligations", En, LegalObligation),
    ("legal requirement", En, LegalObligation),
    ("vital interest", En, VitalInterests),
    ("vital interests", En, VitalInterests),
    ("public task", En, PublicTask),
    ("public interest", En, PublicTask),
    ("official authority", En, PublicTask),
    ("legitimate interest", En, LegitimateInterests),
    ("legitimate interests", En, LegitimateInterests),
    ("balancing test", En, LegitimateInterests),
    ("samtycke", Sv, Consent),
    ("avtal", Sv, Contract),
    ("avtalet", Sv, Contract),
    ("fullgörande av avtal", Sv, Contract),
    ("rättslig förpliktelse", Sv, LegalObligation),
    ("rättsliga förpliktelser", Sv, LegalObligation),
    ("rättslig skyldighet", Sv, LegalObligation),
    ("grundläggande intresse", Sv, VitalInterests),
    ("grundläggande intressen", Sv, VitalInterests),
    ("allmänt intresse", Sv, PublicTask),
    ("uppgift av allmänt intresse", Sv, PublicTask),
    ("myndighetsutövning", Sv, PublicTask),
    ("intresseavvägning", Sv, LegitimateInterests),
    ("berättigat intresse", Sv, LegitimateInterests),
    ("berättigade intressen", Sv, LegitimateInterests),
    ("samtykke", Da, Consent),
    ("kontrakt", Da, Contract),
    ("aftale", Da, Contract),
    ("opfyldelse af en kontrakt", Da, Contract),
    ("retlig forpligtelse", Da, LegalObligation),
    ("retlige forpligtelser", Da, LegalObligation),
    ("retlig forpligtigelse", Da, LegalObligation),
    ("vitale interesser", Da, VitalInterests),
    ("vital interesse", Da, VitalInterests),
    ("offentlig interesse", Da, PublicTask),
    ("samfundets interesse", Da, PublicTask),
    ("myndighedsudøvelse", Da, PublicTask),
    ("legitim interesse", Da, LegitimateInterests),
    ("legitime interesser", Da, LegitimateInterests),
    ("interesseafvejning", Da, LegitimateInterests),
    ("samtykke", Nb, Consent),
    ("avtale", Nb, Contract),
    ("kontrakt", Nb, Contract),
    ("oppfyllelse av en avtale", Nb, Contract),
    ("rettslig forpliktelse", Nb, LegalObligation),
    ("rettslige forpliktelser", Nb, LegalObligation),
    ("vitale interesser", Nb, VitalInterests),
    ("allmennhetens interesse", Nb, PublicTask),
    ("offentlig myndighet", Nb, PublicTask),
    ("offentlig myndighetsutøvelse", Nb, PublicTask),
    ("berettiget interesse", Nb, LegitimateInterests),
    ("berettigede interesser", Nb, LegitimateInterests),
    ("interesseavveining", Nb, LegitimateInterests),
];

use Art9Condition::{
    ArchivingResearch, Employment, ExplicitConsent, HealthCare, LegalClaims, MadePublic, Nonprofit, PublicHealth,
    SubstantialPublicInterest, VitalInterests as Vital9,
};

/// Every Art. 9(2) condition spelling, by language. "Consent" alone counts
/// as explicit consent here: in an Art. 9 column nothing else is meant.
pub(crate) const CONDITIONS: &[(&str, Lang, Art9Condition)] = &[
    ("explicit consent", En, ExplicitConsent),
    ("consent", En, ExplicitConsent),
    ("employment", En, Employment),
    ("employment law", En, Employment),
    ("social security", En, Employment),
    ("vital interests", En, Vital9),
    ("not-for-profit", En, Nonprofit),
    ("non-profit", En, Nonprofit),
    ("made public", En, MadePublic),
    ("manifestly made public", En, MadePublic),
    ("legal claims", En, LegalClaims),
    ("substantial public interest", En, SubstantialPublicInterest),
    ("health care", En, HealthCare),
    ("health or social care", En, HealthCare),
    ("occupational medicine", En, HealthCare),
    ("public health", En, PublicHealth),
    ("archiving", En, ArchivingResearch),
    ("research", En, ArchivingResearch),
    ("statistics", En, ArchivingResearch),
    ("uttryckligt samtycke", Sv, ExplicitConsent),
    ("samtycke", Sv, ExplicitConsent),
    ("arbetsrätt", Sv, Employment),
    ("arbetsrättsliga skyldigheter", Sv, Employment),
    ("social trygghet", Sv, Employment),
    ("grundläggande intressen", Sv, Vital9),
    ("ideell organisation", Sv, Nonprofit),
    ("offentliggjorts", Sv, MadePublic),
    ("offentliggjorda uppgifter", Sv, MadePublic),
    ("rättsliga anspråk", Sv, LegalClaims),
    ("viktigt allmänt intresse", Sv, SubstantialPublicInterest),
    ("hälso- och sjukvård", Sv, HealthCare),
    ("företagshälsovård", Sv, HealthCare),
    ("folkhälsa", Sv, PublicHealth),
    ("arkivändamål", Sv, ArchivingResearch),
    ("forskning", Sv, ArchivingResearch),
    ("statistik", Sv, ArchivingResearch),
    ("udtrykkeligt samtykke", Da, ExplicitConsent),
    ("samtykke", Da, ExplicitConsent),
    ("arbejdsret", Da, Employment),
    ("vitale interesser", Da, Vital9),
    ("almennyttig organisation", Da, Nonprofit),
    ("offentliggjort", Da, MadePublic),
    ("retskrav", Da, LegalClaims),
    ("væsentlige samfundsinteresser", Da, SubstantialPublicInterest),
    ("sundhedsbehandling", Da, HealthCare),
    ("forebyggende medicin", Da, HealthCare),
    ("folkesundhed", Da, PublicHealth),
    ("arkivformål", Da, ArchivingResearch),
    ("forskning", Da, ArchivingResearch),
    ("statistik", Da, ArchivingResearch),
    ("uttrykkelig samtykke", Nb, ExplicitConsent),
    ("samtykke", Nb, ExplicitConsent),
    ("arbeidsrett", Nb, Employment),
    ("trygderett", Nb, Employment),
    ("vitale interesser", Nb, Vital9),
    ("ideell organisasjon", Nb, Nonprofit),
    ("offentliggjort", Nb, MadePublic),
    ("rettskrav", Nb, LegalClaims),
    ("viktige allmenne interesser", Nb, SubstantialPublicInterest),
    ("helsehjelp", Nb, HealthCare),
    ("forebyggende medisin", Nb, HealthCare),
    ("folkehelse", Nb, PublicHealth),
    ("arkivformål", Nb, ArchivingResearch),
    ("forskning", Nb, ArchivingResearch),
    ("statistikk", Nb, ArchivingResearch),
];

fn basis_phrases() -> &'static Phrases<LegalBasis> {
    static PHRASES: OnceLock<Phrases<LegalBasis>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let table: Vec<(&'static str, LegalBasis)> = BASES.iter().map(|(s, _, b)| (*s, *b)).collect();
        Phrases::new(&table)
    })
}

fn condition_phrases() -> &'static Phrases<Art9Condition> {
    static PHRASES: OnceLock<Phrases<Art9Condition>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let table: Vec<(&'static str, Art9Condition)> = CONDITIONS.iter().map(|(s, _, c)| (*s, *c)).collect();
        Phrases::new(&table)
    })
}

/// What a cell of legal bases (or conditions) says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parsed<T> {
    /// Each value found, with the text left around it in its part of the
    /// cell ("Bokföringslagen" in "Rättslig förpliktelse (Bokföringslagen)").
    pub(crate) found: Vec<(T, Option<String>)>,
    /// Parts of the cell that name nothing known.
    pub(crate) unknown: Vec<String>,
}

/// Legal bases in a cell: "Avtal + Samtycke", "Art. 6(1)(b)",
/// "Rättslig förpliktelse (Bokföringslagen 7 kap. 2 §)".
pub(crate) fn parse_bases(text: &str) -> Parsed<LegalBasis> {
    parse(text, basis_phrases(), "6", "1", LegalBasis::WORDS)
}

/// Art. 9(2) conditions in a cell: "Uttryckligt samtycke", "Art. 9(2)(b)".
pub(crate) fn parse_conditions(text: &str) -> Parsed<Art9Condition> {
    parse(text, condition_phrases(), "9", "2", Art9Condition::WORDS)
}

/// Whether a basis takes the text around it as a property, and which.
pub(crate) fn detail_property(basis: LegalBasis) -> Option<&'static str> {
    match basis {
        LegalObligation | PublicTask => Some("law"),
        LegitimateInterests => Some("interest"),
        _ => None,
    }
}

fn parse<T: Keyword + PartialEq>(
    text: &str,
    phrases: &Phrases<T>,
    article: &str,
    paragraph: &str,
    words_table: &[(T, &'static str, &'static str)],
) -> Parsed<T> {
    let mut parsed = Parsed {
        found: Vec::new(),
        unknown: Vec::new(),
    };
    // Article references first, on the whole cell: "artikel 6, stk. 1,
    // litra a" has commas of its own. They are blanked out (keeping byte
    // positions) before the cell is cut into parts.
    let mut masked = text.to_owned();
    let mut referenced: Vec<T> = Vec::new();
    for (letter, range) in article_references(text, article, paragraph) {
        let index = (letter as u8 - b'a') as usize;
        if let Some((value, _, _)) = words_table.get(index) {
            referenced.push(*value);
        }
        masked.replace_range(range.clone(), &" ".repeat(range.len()));
    }
    let mut parts = split_items(&masked, &[';', ',', '•', '·', '+', '/', '&']);
    parts.retain(|p| words(p).iter().any(|w| !NOISE.contains(&w.norm.as_str())));
    for value in &referenced {
        if !parsed.found.iter().any(|(v, _)| v == value) {
            parsed.found.push((*value, None));
        }
    }
    for part in parts {
        let hits: Vec<(T, std::ops::Range<usize>)> = phrases
            .find_all(&part)
            .into_iter()
            .map(|f| (f.value, f.range))
            .collect();
        if hits.is_empty() {
            parsed.unknown.push(part);
            continue;
        }
        let rest = remainder(&part, hits.iter().map(|(_, r)| r.clone()));
        let mut values: Vec<T> = Vec::new();
        for (value, _) in &hits {
            if !values.contains(value) {
                values.push(*value);
            }
        }
        if values.len() == 1 {
            parsed.found.push((values[0], rest));
        } else {
            parsed.found.extend(values.into_iter().map(|v| (v, None)));
            parsed.unknown.extend(rest);
        }
    }
    // The same basis twice in a cell ("Avtal (art. 6.1 b)") is one basis.
    let mut seen: Vec<T> = Vec::new();
    parsed.found.retain(|(value, _)| {
        let new = !seen.contains(value);
        seen.push(*value);
        new
    });
    parsed
}

/// Words that may stand between the numbers of an article reference.
const FILLER: &[&str] = &[
    "stk",
    "nr",
    "punkt",
    "paragraph",
    "para",
    "lid",
    "lit",
    "litra",
    "bokstav",
    "letter",
    "led",
    "no",
    "st",
];
/// Words that introduce or follow a reference and mean nothing on their own.
const NOISE: &[&str] = &[
    "art",
    "artikel",
    "article",
    "artikkel",
    "gdpr",
    "dsf",
    "dsgvo",
    "dataskyddsforordningen",
    "databeskyttelsesforordningen",
    "personvernforordningen",
    "forordningen",
    "i",
    "enligt",
    "jf",
    "jfr",
    "cf",
    "under",
    "efter",
    "etter",
    "pursuant",
    "to",
];

/// Article references such as "6(1)(b)" in the text: the letter and the
/// byte range, including an "Art."/"artikel" before it.
fn article_references(text: &str, article: &str, paragraph: &str) -> Vec<(char, std::ops::Range<usize>)> {
    let words = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if words[i].norm != article {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && FILLER.contains(&words[j].norm.as_str()) {
            j += 1;
        }
        if j >= words.len() || words[j].norm != paragraph {
            i += 1;
            continue;
        }
        j += 1;
        while j < words.len() && FILLER.contains(&words[j].norm.as_str()) {
            j += 1;
        }
        let letter = words.get(j).and_then(|w| {
            let mut chars = w.norm.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_lowercase() => Some(c),
                _ => None,
            }
        });
        match letter {
            Some(letter) => {
                let start = if i > 0 && NOISE[..4].contains(&words[i - 1].norm.as_str()) {
                    words[i - 1].range.start
                } else {
                    words[i].range.start
                };
                // Include a closing parenthesis right after the letter.
                let mut end = words[j].range.end;
                if text[end..].starts_with(')') {
                    end += 1;
                }
                out.push((letter, start..end));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The text of `part` outside the ranges, with brackets, dashes and filler
/// words around it removed; `None` when nothing of substance is left.
fn remainder(part: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> Option<String> {
    let mut ranges: Vec<_> = ranges.collect();
    ranges.sort_by_key(|r| r.start);
    let mut rest = String::new();
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            rest.push_str(&part[at..range.start]);
            rest.push(' ');
        }
        at = at.max(range.end);
    }
    rest.push_str(&part[at.min(part.len())..]);
    let trimmed = rest
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || "()[]{}:;,.-–—=*".contains(c))
        .to_owned();
    let substantive = words(&trimmed).iter().any(|w| !NOISE.contains(&w.norm.as_str()));
    if substantive {
        // Drop a lone bracket left unbalanced by the cut.
        let balanced = if trimmed.matches('(').count() != trimmed.matches(')').count() {
            trimmed.replace(['(', ')'], "").trim().to_owned()
        } else {
            trimmed
        };
        Some(balanced)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(text: &str) -> Vec<(&'static str, Option<String>)> {
        parse_bases(text)
            .found
            .into_iter()
            .map(|(b, d)| (b.as_str(), d))
            .collect()
    }

    #[test]
    fn swedish_table_of_webone() {
        assert_eq!(bases("Avtal + Samtycke"), [("contract", None), ("consent", None)]);
        assert_eq!(
            bases("Avtal + Rättslig förpliktelse"),
            [("contract", None), ("legal-obligation", None)]
        );
        assert_eq!(
            bases("Avtal + Intresseavvägning"),
            [("contract", None), ("legitimate-interests", None)]
        );
        assert_eq!(bases("Avtal"), [("contract", None)]);
        assert_eq!(
            bases("Avtal/Rättslig förpliktelse"),
            [("contract", None), ("legal-obligation", None)]
        );
    }

    #[test]
    fn each_language() {
        assert_eq!(bases("Samtykke og kontrakt"), [("consent", None), ("contract", None)]);
        assert_eq!(bases("Retlig forpligtelse"), [("legal-obligation", None)]);
        assert_eq!(bases("Legitim interesse"), [("legitimate-interests", None)]);
        assert_eq!(bases("Myndighedsudøvelse"), [("public-task", None)]);
        assert_eq!(bases("Berettiget interesse"), [("legitimate-interests", None)]);
        assert_eq!(bases("Allmennhetens interesse"), [("public-task", None)]);
        assert_eq!(bases("Vitale interesser"), [("vital-interests", None)]);
        assert_eq!(
            bases("Legal obligation; legitimate interests"),
            [("legal-obligation", None), ("legitimate-interests", None)]
        );
        assert_eq!(bases("Public task"), [("public-task", None)]);
        assert_eq!(bases("Grundläggande intresse"), [("vital-interests", None)]);
    }

    #[test]
    fn article_references() {
        assert_eq!(bases("Art. 6(1)(b)"), [("contract", None)]);
        assert_eq!(bases("6.1.f"), [("legitimate-interests", None)]);
        assert_eq!(bases("artikel 6.1 c"), [("legal-obligation", None)]);
        assert_eq!(bases("artikel 6, stk. 1, litra a"), [("consent", None)]);
        assert_eq!(bases("art. 6 nr. 1 bokstav e"), [("public-task", None)]);
        assert_eq!(bases("Avtal (art. 6.1 b GDPR)"), [("contract", None)]);
        let c = parse_conditions("Art. 9(2)(h)").found;
        assert_eq!(c, [(HealthCare, None)]);
    }

    #[test]
    fn keeps_the_law_and_the_interest() {
        assert_eq!(
            bases("Rättslig förpliktelse (Bokföringslagen 1999:1078)"),
            [("legal-obligation", Some("Bokföringslagen 1999:1078".to_owned()))]
        );
        assert_eq!(
            bases("Legitimate interests: direct marketing"),
            [("legitimate-interests", Some("direct marketing".to_owned()))]
        );
    }

    #[test]
    fn reports_what_it_does_not_know() {
        let parsed = parse_bases("Avtal + Oklart");
        assert_eq!(parsed.found.len(), 1);
        assert_eq!(parsed.unknown, ["Oklart"]);
        assert!(parse_bases("").found.is_empty());
        // "Avtalstid" is not "avtal".
        assert!(parse_bases("Avtalstid").found.is_empty());
    }

    #[test]
    fn conditions_in_each_language() {
        let c = |t: &str| {
            parse_conditions(t)
                .found
                .into_iter()
                .map(|(c, _)| c)
                .collect::<Vec<_>>()
        };
        assert_eq!(c("Uttryckligt samtycke"), [ExplicitConsent]);
        assert_eq!(c("Arbetsrätt"), [Employment]);
        assert_eq!(c("Udtrykkeligt samtykke"), [ExplicitConsent]);
        assert_eq!(c("Helsehjelp"), [HealthCare]);
        assert_eq!(c("Legal claims"), [LegalClaims]);
    }
}
