use ropa_syntax::values::{Country, Duration, Unit, parse_date};

use super::*;

fn placeholders(text: &str) -> usize {
    text.matches("{}").count()
}

#[test]
fn every_key_has_a_text_in_every_language_in_key_order() {
    for lang in Lang::ALL {
        let texts = language(lang).texts;
        assert_eq!(
            texts.len(),
            Key::ALL.len(),
            "{}: {} texts for {} keys",
            lang.code(),
            texts.len(),
            Key::ALL.len()
        );
        for (i, key) in Key::ALL.iter().enumerate() {
            let (k, text) = texts[i];
            assert_eq!(k, *key, "{}: entry {i} is {k:?}, expected {key:?}", lang.code());
            assert!(!text.trim().is_empty(), "{}: {key:?} is empty", lang.code());
            assert_eq!(text, text.trim(), "{}: {key:?} has surrounding spaces", lang.code());
        }
    }
}

#[test]
fn translations_keep_the_placeholders_of_the_english() {
    for key in Key::ALL {
        let english = placeholders(text(Lang::En, *key));
        for lang in Lang::ALL {
            assert_eq!(
                placeholders(text(lang, *key)),
                english,
                "{}: {key:?} has a different number of {{}} than the English",
                lang.code()
            );
        }
    }
}

fn all_text(lang: Lang) -> String {
    language(lang)
        .texts
        .iter()
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

#[test]
fn each_language_uses_its_authority_vocabulary() {
    let expected: [(Lang, &[&str]); 3] = [
        (
            Lang::Sv,
            &[
                "personuppgiftsansvarig",
                "personuppgiftsbiträde",
                "registrerade",
                "rättslig grund",
                "berättigat intresse",
                "tredjeland",
                "lagringstid",
                "konsekvensbedömning",
                "dataskyddsombud",
                "tillsynsmyndighet",
            ],
        ),
        (
            Lang::Da,
            &[
                "dataansvarlig",
                "databehandler",
                "registrerede",
                "retsgrundlag",
                "legitim interesse",
                "tredjelande",
                "opbevaringsperiode",
                "konsekvensanalyse",
                "databeskyttelsesrådgiver",
                "tilsynsmyndighed",
            ],
        ),
        (
            Lang::Nb,
            &[
                "behandlingsansvarlig",
                "databehandler",
                "registrerte",
                "behandlingsgrunnlag",
                "berettiget interesse",
                "tredjeland",
                "lagringstid",
                "vurdering av personvernkonsekvenser",
                "personvernombud",
                "tilsynsmyndighet",
            ],
        ),
    ];
    for (lang, terms) in expected {
        let text = all_text(lang);
        for term in terms {
            assert!(text.contains(term), "{}: the term `{term}` is never used", lang.code());
        }
    }
}

#[test]
fn no_language_borrows_a_neighbours_term() {
    // The terms that differ between the three: a Danish report must not say
    // "behandlingsansvarlig", a Norwegian one "dataansvarlig", and so on.
    // "registeransvarig" and "Datainspektionen" are the pre-GDPR Swedish names.
    let foreign: [(Lang, &[&str]); 3] = [
        (
            Lang::Sv,
            &[
                "dataansvarlig",
                "behandlingsansvarlig",
                "registeransvarig",
                "datainspektionen",
                "databehandler",
            ],
        ),
        (
            Lang::Da,
            &["behandlingsansvarlig", "personvernombud", "registrerte ", "lagringstid"],
        ),
        (
            Lang::Nb,
            &[
                "dataansvarlig",
                "databeskyttelsesrådgiver",
                "opbevaring",
                "registrerede",
            ],
        ),
    ];
    for (lang, terms) in foreign {
        let text = all_text(lang);
        for term in terms {
            assert!(
                !text.contains(term),
                "{}: uses `{term}`, which is not its term",
                lang.code()
            );
        }
    }
}

/// The choices of the review table in docs/reports.md ("Review of the
/// Swedish, Danish and Norwegian texts"): each reviewed text keeps its
/// chosen wording, and the wordings it replaced do not come back.
#[test]
fn the_reviewed_wordings_hold_and_the_rejected_ones_stay_out() {
    let chosen: [(Lang, Key, &str); 14] = [
        (Lang::Nb, Key::ProvisionContractual, "Avtalemessig krav"),
        (Lang::Nb, Key::DpoNotAppointed, "ikke utpekt"),
        (Lang::Sv, Key::TitleRecord, "Register över behandlingar"),
        (
            Lang::Sv,
            Key::OrganizationTitle,
            "Personuppgiftsansvarig och kontaktuppgifter",
        ),
        (Lang::Da, Key::RevisionDirty, "versionshistorikken"),
        (Lang::Nb, Key::RevisionDirty, "versjonshistorikken"),
        (
            Lang::En,
            Key::Transfers,
            "to third countries or international organisations",
        ),
        (
            Lang::Sv,
            Key::Transfers,
            "till tredjeland eller internationella organisationer",
        ),
        (
            Lang::Da,
            Key::Transfers,
            "til tredjelande eller internationale organisationer",
        ),
        (
            Lang::Nb,
            Key::Transfers,
            "til tredjeland eller internasjonale organisasjoner",
        ),
        (Lang::En, Key::TransfersTitle, "or international organisations"),
        (Lang::Sv, Key::TransfersTitle, "eller internationella organisationer"),
        (Lang::Da, Key::TransfersTitle, "eller internationale organisationer"),
        (Lang::Nb, Key::TransfersTitle, "eller internasjonale organisasjoner"),
    ];
    for (lang, key, wording) in chosen {
        assert!(
            text(lang, key).contains(wording),
            "{}: {key:?} no longer says `{wording}`: {}",
            lang.code(),
            text(lang, key)
        );
    }
    let rejected: [(Lang, &str); 6] = [
        (Lang::Nb, "avtalsmessig"),
        (Lang::Nb, "utnevnt"),
        (Lang::Da, "committ"),
        (Lang::Nb, "committ"),
        (Lang::Sv, "för detta register"),
        (Lang::Sv, "committ"),
    ];
    for (lang, wording) in rejected {
        assert!(
            !all_text(lang).contains(wording),
            "{}: `{wording}` is back",
            lang.code()
        );
    }
}

#[test]
fn articles_are_cited_as_each_authority_does() {
    let c = Cite::new(30, 1, 'a');
    assert_eq!(cite(Lang::En, c), "Art. 30(1)(a)");
    assert_eq!(cite(Lang::Sv, c), "art. 30.1 a");
    assert_eq!(cite(Lang::Da, c), "art. 30, stk. 1, litra a");
    assert_eq!(cite(Lang::Nb, c), "art. 30 nr. 1 bokstav a");
    assert_eq!(cite(Lang::En, Cite::article(77)), "Art. 77");
    assert_eq!(cite(Lang::Sv, Cite::paragraph(32, 1)), "art. 32.1");
}

#[test]
fn dates_and_durations_read_naturally() {
    let date = parse_date("2026-11-23").expect("valid date");
    assert_eq!(super::date(Lang::En, date), "23 November 2026");
    assert_eq!(super::date(Lang::Sv, date), "23 november 2026");
    assert_eq!(super::date(Lang::Da, date), "23. november 2026");
    assert_eq!(super::date(Lang::Nb, date), "23. november 2026");
    assert_eq!(date_text(Lang::Nb, "not a date"), "not a date");
    let year = Duration {
        amount: 1,
        unit: Unit::Years,
    };
    let months = Duration {
        amount: 6,
        unit: Unit::Months,
    };
    assert_eq!(duration(Lang::En, year), "1 year");
    assert_eq!(duration(Lang::Sv, months), "6 månader");
    assert_eq!(duration(Lang::Da, months), "6 måneder");
    assert_eq!(duration(Lang::Nb, year), "1 år");
}

#[test]
fn fill_puts_arguments_in_order_and_never_reinterprets_them() {
    assert_eq!(fill("{} and {}", &["a", "b"]), "a and b");
    assert_eq!(fill("x {} y", &["{}"]), "x {} y");
    assert_eq!(fill("{} {}", &["only"]), "only ");
}

#[test]
fn countries_have_local_names() {
    let us = Country::parse("US").expect("US");
    let de = Country::parse("DE").expect("DE");
    assert_eq!(country(Lang::Sv, us), "USA");
    assert_eq!(country(Lang::Da, de), "Tyskland");
    assert_eq!(country(Lang::Nb, de), "Tyskland");
    assert_eq!(country(Lang::En, de), "Germany");
    // Not in the table: the ISO name.
    let bt = Country::parse("BT").expect("BT");
    assert_eq!(country(Lang::Sv, bt), "Bhutan");
}
