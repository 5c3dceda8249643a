//! The smaller vocabularies: transfer mechanisms, yes and no, Art. 9 kinds,
//! roles, and the words that mark employees, children and authorities.
//! Each list is by language, like the others, and documented in
//! docs/import.md.

use std::sync::OnceLock;

use ropa_syntax::values::{Mechanism, RoleKind, SpecialCategory};

use crate::Lang::{self, Da, En, Nb, Sv};
use crate::text::{Phrases, normalize};

/// Chapter V transfer mechanisms.
pub(crate) const MECHANISMS: &[(&str, Lang, Mechanism)] = &[
    ("SCC", En, Mechanism::Scc),
    ("SCCs", En, Mechanism::Scc),
    ("standard contractual clauses", En, Mechanism::Scc),
    ("model clauses", En, Mechanism::Scc),
    ("BCR", En, Mechanism::Bcr),
    ("BCRs", En, Mechanism::Bcr),
    ("binding corporate rules", En, Mechanism::Bcr),
    ("adequacy", En, Mechanism::Adequacy),
    ("adequacy decision", En, Mechanism::Adequacy),
    ("DPF", En, Mechanism::Dpf),
    ("Data Privacy Framework", En, Mechanism::Dpf),
    ("code of conduct", En, Mechanism::CodeOfConduct),
    ("certification", En, Mechanism::Certification),
    ("derogation", En, Mechanism::Derogation),
    ("standardavtalsklausuler", Sv, Mechanism::Scc),
    ("standardavtalsklausul", Sv, Mechanism::Scc),
    ("standardiserade dataskyddsbestämmelser", Sv, Mechanism::Scc),
    ("bindande företagsbestämmelser", Sv, Mechanism::Bcr),
    ("adekvansbeslut", Sv, Mechanism::Adequacy),
    ("adekvat skyddsnivå", Sv, Mechanism::Adequacy),
    ("uppförandekod", Sv, Mechanism::CodeOfConduct),
    ("certifiering", Sv, Mechanism::Certification),
    ("undantag för särskilda situationer", Sv, Mechanism::Derogation),
    ("standardkontraktbestemmelser", Da, Mechanism::Scc),
    ("standardkontraktsbestemmelser", Da, Mechanism::Scc),
    ("standardbestemmelser om databeskyttelse", Da, Mechanism::Scc),
    ("bindende virksomhedsregler", Da, Mechanism::Bcr),
    ("tilstrækkelighedsafgørelse", Da, Mechanism::Adequacy),
    ("adfærdskodeks", Da, Mechanism::CodeOfConduct),
    ("certificering", Da, Mechanism::Certification),
    ("standardkontraktsklausuler", Nb, Mechanism::Scc),
    ("standard personvernbestemmelser", Nb, Mechanism::Scc),
    ("bindende virksomhetsregler", Nb, Mechanism::Bcr),
    ("tilstrekkelig beskyttelsesnivå", Nb, Mechanism::Adequacy),
    ("atferdsnorm", Nb, Mechanism::CodeOfConduct),
    ("sertifisering", Nb, Mechanism::Certification),
];

/// Answers that mean "no" or "none": "no transfers", "no special category
/// data", "no DPIA".
pub(crate) const NO: &[(&str, Lang)] = &[
    ("no", En),
    ("none", En),
    ("not applicable", En),
    ("no transfers", En),
    ("nej", Sv),
    ("ingen", Sv),
    ("inga", Sv),
    ("ej", Sv),
    ("ej aktuellt", Sv),
    ("ej tillämpligt", Sv),
    ("inte aktuellt", Sv),
    ("nej", Da),
    ("ingen", Da),
    ("ikke relevant", Da),
    ("ikke aktuelt", Da),
    ("nei", Nb),
    ("ingen", Nb),
    ("ikke", Nb),
    ("ikke aktuelt", Nb),
    ("ikke relevant", Nb),
];

/// Answers that mean "yes".
pub(crate) const YES: &[(&str, Lang)] = &[("yes", En), ("y", En), ("true", En), ("ja", Sv), ("ja", Da), ("ja", Nb)];

/// Word stems that name an Art. 9(1) kind, matched inside words so that
/// Nordic compounds count ("hälsouppgifter", "helbredsoplysninger").
pub(crate) const SPECIAL_STEMS: &[(&str, Lang, SpecialCategory)] = &[
    ("sexual orientation", En, SpecialCategory::SexualOrientation),
    ("sex life", En, SpecialCategory::SexLife),
    ("health", En, SpecialCategory::Health),
    ("medical", En, SpecialCategory::Health),
    ("ethnic", En, SpecialCategory::RacialEthnicOrigin),
    ("racial", En, SpecialCategory::RacialEthnicOrigin),
    ("political", En, SpecialCategory::PoliticalOpinions),
    ("religio", En, SpecialCategory::ReligiousBeliefs),
    ("philosophical", En, SpecialCategory::ReligiousBeliefs),
    ("trade union", En, SpecialCategory::TradeUnion),
    ("genetic", En, SpecialCategory::Genetic),
    ("biometric", En, SpecialCategory::Biometric),
    ("sexuell läggning", Sv, SpecialCategory::SexualOrientation),
    ("sexualliv", Sv, SpecialCategory::SexLife),
    ("sexliv", Sv, SpecialCategory::SexLife),
    ("hälsa", Sv, SpecialCategory::Health),
    ("hälso", Sv, SpecialCategory::Health),
    ("sjuk", Sv, SpecialCategory::Health),
    ("etnisk", Sv, SpecialCategory::RacialEthnicOrigin),
    ("politisk", Sv, SpecialCategory::PoliticalOpinions),
    ("religi", Sv, SpecialCategory::ReligiousBeliefs),
    ("filosofisk", Sv, SpecialCategory::ReligiousBeliefs),
    ("facklig", Sv, SpecialCategory::TradeUnion),
    ("fackförening", Sv, SpecialCategory::TradeUnion),
    ("genetisk", Sv, SpecialCategory::Genetic),
    ("biometrisk", Sv, SpecialCategory::Biometric),
    ("seksuel orientering", Da, SpecialCategory::SexualOrientation),
    ("seksuelle forhold", Da, SpecialCategory::SexLife),
    ("helbred", Da, SpecialCategory::Health),
    ("sundhed", Da, SpecialCategory::Health),
    ("sygdom", Da, SpecialCategory::Health),
    ("etnisk", Da, SpecialCategory::RacialEthnicOrigin),
    ("politisk", Da, SpecialCategory::PoliticalOpinions),
    ("religi", Da, SpecialCategory::ReligiousBeliefs),
    ("filosofisk", Da, SpecialCategory::ReligiousBeliefs),
    ("fagforening", Da, SpecialCategory::TradeUnion),
    ("genetisk", Da, SpecialCategory::Genetic),
    ("biometrisk", Da, SpecialCategory::Biometric),
    ("seksuell orientering", Nb, SpecialCategory::SexualOrientation),
    ("seksualliv", Nb, SpecialCategory::SexLife),
    ("helse", Nb, SpecialCategory::Health),
    ("sykdom", Nb, SpecialCategory::Health),
    ("etnisk", Nb, SpecialCategory::RacialEthnicOrigin),
    ("politisk", Nb, SpecialCategory::PoliticalOpinions),
    ("religi", Nb, SpecialCategory::ReligiousBeliefs),
    ("filosofisk", Nb, SpecialCategory::ReligiousBeliefs),
    ("fagforening", Nb, SpecialCategory::TradeUnion),
    ("genetisk", Nb, SpecialCategory::Genetic),
    ("biometrisk", Nb, SpecialCategory::Biometric),
];

/// Roles of the organization in an activity.
pub(crate) const ROLES: &[(&str, Lang, RoleKind)] = &[
    ("controller", En, RoleKind::Controller),
    ("processor", En, RoleKind::Processor),
    ("joint controller", En, RoleKind::JointController),
    ("personuppgiftsansvarig", Sv, RoleKind::Controller),
    ("ansvarig", Sv, RoleKind::Controller),
    ("PUA", Sv, RoleKind::Controller),
    ("personuppgiftsbiträde", Sv, RoleKind::Processor),
    ("biträde", Sv, RoleKind::Processor),
    ("PUB", Sv, RoleKind::Processor),
    ("gemensamt personuppgiftsansvarig", Sv, RoleKind::JointController),
    ("gemensamt ansvarig", Sv, RoleKind::JointController),
    ("dataansvarlig", Da, RoleKind::Controller),
    ("databehandler", Da, RoleKind::Processor),
    ("fælles dataansvarlig", Da, RoleKind::JointController),
    ("fælles dataansvarlige", Da, RoleKind::JointController),
    ("behandlingsansvarlig", Nb, RoleKind::Controller),
    ("databehandler", Nb, RoleKind::Processor),
    ("felles behandlingsansvarlig", Nb, RoleKind::JointController),
    ("felles behandlingsansvarlige", Nb, RoleKind::JointController),
];

/// A group of data subjects is the organization's own staff when its text
/// starts with one of these (or with "our"/"våra"/"vores"/"våre" and one of
/// them): "Kunders anställda" are the customers' staff, not ours.
pub(crate) const EMPLOYEE_WORDS: &[(&str, Lang)] = &[
    ("employees", En),
    ("employee", En),
    ("staff", En),
    ("personnel", En),
    ("anställda", Sv),
    ("medarbetare", Sv),
    ("personal", Sv),
    ("ansatte", Da),
    ("medarbejdere", Da),
    ("ansatte", Nb),
    ("medarbeidere", Nb),
];

/// A group that includes children, by the same rule.
pub(crate) const CHILD_WORDS: &[(&str, Lang)] = &[
    ("children", En),
    ("minors", En),
    ("pupils", En),
    ("barn", Sv),
    ("minderåriga", Sv),
    ("elever", Sv),
    ("børn", Da),
    ("mindreårige", Da),
    ("elever", Da),
    ("barn", Nb),
    ("mindreårige", Nb),
    ("elever", Nb),
];

/// A group that is vulnerable in the sense of WP248 criterion 7.
pub(crate) const VULNERABLE_WORDS: &[(&str, Lang)] = &[
    ("patients", En),
    ("patienter", Sv),
    ("patienter", Da),
    ("pasienter", Nb),
];

/// Words that make a recipient a public authority.
pub(crate) const AUTHORITY_STEMS: &[(&str, Lang)] = &[
    ("authorit", En),
    ("police", En),
    ("court", En),
    ("tax agency", En),
    ("myndighet", Sv),
    ("skatteverket", Sv),
    ("försäkringskassan", Sv),
    ("polis", Sv),
    ("domstol", Sv),
    ("kommun", Sv),
    ("myndighed", Da),
    ("skattestyrelsen", Da),
    ("politi", Da),
    ("kommune", Da),
    ("myndighet", Nb),
    ("skatteetaten", Nb),
    ("nav", Nb),
    ("politi", Nb),
    ("kommune", Nb),
];

/// Words that point at bookkeeping, to tie a period to the statute.
pub(crate) const BOOKKEEPING_STEMS: &[(&str, Lang)] = &[
    ("bookkeeping", En),
    ("accounting", En),
    ("bokföring", Sv),
    ("räkenskap", Sv),
    ("bogføring", Da),
    ("regnskab", Da),
    ("bokføring", Nb),
    ("regnskap", Nb),
];

/// Words that name a bookkeeping law itself: a retention cell that cites
/// one is a period set by that statute.
pub(crate) const BOOKKEEPING_LAW_STEMS: &[(&str, Lang)] = &[
    ("bookkeeping act", En),
    ("accounting act", En),
    ("bokföringslag", Sv),
    ("bogføringslov", Da),
    ("bokføringslov", Nb),
];

/// "Words before the group" that make it ours: "Våra anställda".
const OUR: &[&str] = &[
    "our",
    "own",
    "vara",
    "egna",
    "vores",
    "egne",
    "vare",
    "former",
    "tidigare",
    "tidligere",
];

fn phrases_of<T: Copy>(table: &[(&'static str, Lang, T)]) -> Phrases<T> {
    let pairs: Vec<(&'static str, T)> = table.iter().map(|(s, _, v)| (*s, *v)).collect();
    Phrases::new(&pairs)
}

pub(crate) fn mechanisms() -> &'static Phrases<Mechanism> {
    static P: OnceLock<Phrases<Mechanism>> = OnceLock::new();
    P.get_or_init(|| phrases_of(MECHANISMS))
}

pub(crate) fn roles() -> &'static Phrases<RoleKind> {
    static P: OnceLock<Phrases<RoleKind>> = OnceLock::new();
    P.get_or_init(|| phrases_of(ROLES))
}

fn answer(text: &str, table: &[(&str, Lang)]) -> bool {
    let norm = normalize(text);
    // "Nej." and "Nej, inga" both answer no; "Nej, men …" too: the answer is
    // the first word, the rest stays in the comment.
    table.iter().any(|(w, _)| {
        let w = normalize(w);
        norm == w || norm.starts_with(&format!("{w} "))
    })
}

/// The cell answers "no"/"none".
pub(crate) fn is_no(text: &str) -> bool {
    answer(text, NO)
}

/// The cell answers "yes".
pub(crate) fn is_yes(text: &str) -> bool {
    answer(text, YES)
}

/// Art. 9 kinds named in the text.
pub(crate) fn special_kinds(text: &str) -> Vec<SpecialCategory> {
    let norm = normalize(text);
    let mut out = Vec::new();
    // Orientation before sex life: "sexual orientation" must not also count
    // as a mention of sex life.
    for (stem, _, kind) in SPECIAL_STEMS {
        if norm.contains(&normalize(stem)) && !out.contains(kind) {
            if *kind == SpecialCategory::SexLife && out.contains(&SpecialCategory::SexualOrientation) {
                continue;
            }
            out.push(*kind);
        }
    }
    out
}

fn group_is(text: &str, table: &[(&str, Lang)]) -> bool {
    let norm = normalize(text);
    let words: Vec<&str> = norm.split(' ').collect();
    let head = words.iter().position(|w| !OUR.contains(w)).unwrap_or(0);
    table.iter().any(|(w, _)| {
        let w = normalize(w);
        let len = w.split(' ').count();
        words.get(head..head + len).is_some_and(|ws| ws.join(" ") == w)
    })
}

pub(crate) fn is_employees(text: &str) -> bool {
    group_is(text, EMPLOYEE_WORDS)
}

pub(crate) fn is_children(text: &str) -> bool {
    group_is(text, CHILD_WORDS)
}

pub(crate) fn is_vulnerable(text: &str) -> bool {
    group_is(text, VULNERABLE_WORDS)
}

pub(crate) fn is_authority(text: &str) -> bool {
    let norm = normalize(text);
    AUTHORITY_STEMS.iter().any(|(stem, _)| {
        let stem = normalize(stem);
        // Short stems ("nav") only as whole words.
        if stem.len() <= 4 {
            norm.split(' ').any(|w| w == stem)
        } else {
            norm.contains(&stem)
        }
    })
}

pub(crate) fn cites_bookkeeping_law(text: &str) -> bool {
    let norm = normalize(text);
    BOOKKEEPING_LAW_STEMS
        .iter()
        .any(|(stem, _)| norm.contains(&normalize(stem)))
}

pub(crate) fn mentions_bookkeeping(text: &str) -> bool {
    let norm = normalize(text);
    BOOKKEEPING_STEMS
        .iter()
        .any(|(stem, _)| norm.contains(&normalize(stem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        assert!(is_no("Nej"));
        assert!(is_no("Nei, ingen overføring"));
        assert!(is_no("N/A") || crate::text::is_placeholder("N/A"));
        assert!(!is_no("Nejlikor"));
        assert!(is_yes("Ja"));
        assert!(is_yes("Yes - see DPIA-3"));
    }

    #[test]
    fn groups_of_people() {
        assert!(is_employees("Anställda"));
        assert!(is_employees("Våra anställda"));
        assert!(is_employees("Tidligere ansatte"));
        assert!(!is_employees("Kunders anställda"));
        assert!(is_children("Barn under 13 år"));
        assert!(is_children("Elever"));
        assert!(!is_children("Föräldrar till barn"));
        assert!(is_vulnerable("Pasienter"));
        assert!(is_authority("Skatteverket"));
        assert!(is_authority("Offentlige myndigheder"));
        assert!(is_authority("NAV"));
        assert!(!is_authority("Navision-partner"));
    }

    #[test]
    fn special_categories_in_compounds() {
        assert_eq!(special_kinds("Hälsouppgifter, sjukfrånvaro"), [SpecialCategory::Health]);
        assert_eq!(special_kinds("Helbredsoplysninger"), [SpecialCategory::Health]);
        assert_eq!(special_kinds("Fagforeningsmedlemskab"), [SpecialCategory::TradeUnion]);
        assert_eq!(
            special_kinds("Sexual orientation"),
            [SpecialCategory::SexualOrientation]
        );
        assert!(special_kinds("Namn").is_empty());
    }

    #[test]
    fn mechanisms_and_roles() {
        let m = |t: &str| {
            mechanisms()
                .find_all(t)
                .into_iter()
                .map(|f| f.value)
                .collect::<Vec<_>>()
        };
        assert_eq!(m("USA, standardavtalsklausuler"), [Mechanism::Scc]);
        assert_eq!(m("SCC + TIA"), [Mechanism::Scc]);
        assert_eq!(m("EU-US Data Privacy Framework"), [Mechanism::Dpf]);
        assert_eq!(m("Standardkontraktbestemmelser"), [Mechanism::Scc]);
        assert_eq!(
            roles().longest_in("Personuppgiftsbiträde").map(|p| p.value),
            Some(RoleKind::Processor)
        );
        assert_eq!(
            roles().longest_in("Fælles dataansvarlig").map(|p| p.value),
            Some(RoleKind::JointController)
        );
    }
}
