//! Invariants of the fact tables: every fact is sourced, dated and keyed by a
//! real country, and the facts rules depend on most say what they should.

use ropa_law::*;
use ropa_vocab::{Country, Lang, Statute};

/// The review date; no fact may claim to be newer.
const TODAY: &str = "2026-12-04";

fn country(code: &str) -> Country {
    Country::parse(code).unwrap_or_else(|| panic!("{code} is not an ISO 3166-1 alpha-2 code"))
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

#[test]
fn date_check_itself_works() {
    assert!(is_date("2024-02-29"));
    assert!(!is_date("2023-02-29"));
    assert!(!is_date("2026-13-01"));
    assert!(!is_date("2026-1-01"));
}

#[test]
fn eea_is_eu27_plus_iceland_liechtenstein_norway() {
    assert_eq!(eea_members().count(), 30);
    for code in eea_members() {
        assert!(is_eea(country(code)), "{code}");
    }
    for code in EU_MEMBERS {
        assert!(is_eu(country(code)), "{code}");
    }
    for code in ["IS", "LI", "NO"] {
        assert!(is_eea(country(code)) && !is_eu(country(code)), "{code}");
    }
    for code in ["CH", "GB", "US", "FO", "GL", "AD"] {
        assert!(!is_eea(country(code)), "{code} must not be in the EEA");
    }
    assert_eq!(Country::all().filter(|c| is_eea(*c)).count(), 30);
}

#[test]
fn every_eea_country_has_a_consent_age_and_an_authority() {
    for code in eea_members() {
        let c = country(code);
        let age = digital_consent_age(c).unwrap_or_else(|| panic!("no Art. 8 age for {code}"));
        assert!(
            (13..=16).contains(&age.age),
            "{code}: Art. 8 allows 13 to 16, got {}",
            age.age
        );
        assert!(supervisory_authority(c).is_some(), "no authority for {code}");
    }
    assert_eq!(consent_ages().len(), 30);
    assert_eq!(authorities().len(), 30);
    assert!(digital_consent_age(country("US")).is_none());
    assert!(supervisory_authority(country("CH")).is_none());
}

#[test]
fn every_table_entry_is_keyed_by_a_real_country_once() {
    let tables: [(&str, Vec<&str>); 4] = [
        ("adequacy", adequacy_decisions().iter().map(|a| a.country).collect()),
        ("consent age", consent_ages().iter().map(|c| c.country).collect()),
        ("retention", statutes().iter().map(|s| s.country).collect()),
        ("authorities", authorities().iter().map(|a| a.country).collect()),
    ];
    for (table, codes) in tables {
        for code in &codes {
            country(code);
        }
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "{table} table must be sorted by code, without duplicates"
        );
    }
}

#[test]
fn every_date_is_valid_and_not_in_the_future() {
    for p in all_provenances() {
        assert!(is_date(p.as_of), "bad as_of {:?}", p.as_of);
        assert!(p.as_of <= TODAY, "as_of {} is after {TODAY}", p.as_of);
    }
    for a in adequacy_decisions() {
        assert!(
            is_date(a.adopted) && a.adopted <= TODAY,
            "{}: adopted {}",
            a.country,
            a.adopted
        );
        if let Some(until) = a.valid_until {
            assert!(
                is_date(until) && until > TODAY,
                "{}: valid_until {until} should be a future date",
                a.country
            );
        }
    }
    for o in organisation_adequacy_decisions() {
        assert!(
            is_date(o.adopted) && o.adopted <= TODAY,
            "{}: adopted {}",
            o.short_name,
            o.adopted
        );
    }
    assert!(is_date(facts_as_of()));
    assert_eq!(Some(facts_as_of()), all_provenances().map(|p| p.as_of).max());
}

#[test]
fn every_fact_has_an_https_source_and_uncertain_ones_say_why() {
    for p in all_provenances() {
        assert!(!p.sources.is_empty());
        assert!(
            p.sources.iter().any(|s| s.url.starts_with("https://")),
            "no https source in {p:?}"
        );
        for s in p.sources {
            assert!(!s.title.trim().is_empty(), "untitled source {s:?}");
            assert!(
                s.url.starts_with("https://") || s.url.starts_with("http://"),
                "bad url {}",
                s.url
            );
            assert!(!s.url.contains(' '), "space in url {}", s.url);
        }
        if p.confidence != Confidence::High {
            assert!(
                p.note.is_some_and(|n| !n.is_empty()),
                "a {} fact must say what is unverified: {p:?}",
                p.confidence
            );
        }
    }
    for a in authorities() {
        assert!(a.website.starts_with("https://"), "{}: {}", a.country, a.website);
    }
}

#[test]
fn no_adequacy_decision_for_an_eea_country() {
    for a in adequacy_decisions() {
        assert!(
            !is_eea(country(a.country)),
            "{} is in the EEA and needs no adequacy decision",
            a.country
        );
    }
    for code in eea_members() {
        assert!(adequacy(country(code)).is_none(), "{code}");
    }
}

#[test]
fn adequacy_decisions_match_the_commission_list() {
    let codes: Vec<&str> = adequacy_decisions().iter().map(|a| a.country).collect();
    assert_eq!(
        codes,
        [
            "AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"
        ]
    );
    assert_eq!(organisation_adequacy_decisions().len(), 1);
    assert!(adequacy(country("AU")).is_none());
    assert!(adequacy(country("IN")).is_none());
    assert!(adequacy(country("CN")).is_none());
}

#[test]
fn partial_scopes_are_modelled() {
    let us = adequacy(country("US")).expect("US has the DPF decision");
    assert_eq!(us.scope, AdequacyScope::DpfCertifiedOnly);
    assert_eq!(us.decision, "Commission Implementing Decision (EU) 2023/1795");
    assert_eq!(us.adopted, "2023-07-10");
    assert!(us.status.contains("C-703/25 P"));
    assert_eq!(
        adequacy(country("CA")).map(|a| a.scope),
        Some(AdequacyScope::CommercialOrganisationsOnly)
    );
    assert!(matches!(
        adequacy(country("JP")).map(|a| a.scope),
        Some(AdequacyScope::Partial(_))
    ));
    assert!(matches!(
        adequacy(country("KR")).map(|a| a.scope),
        Some(AdequacyScope::Partial(_))
    ));
    assert_eq!(adequacy(country("CH")).map(|a| a.scope), Some(AdequacyScope::Full));
    assert_eq!(adequacy(country("GB")).and_then(|a| a.valid_until), Some("2031-12-27"));
}

#[test]
fn consent_ages_of_note() {
    let age = |code| digital_consent_age(country(code)).map(|c| c.age);
    for (code, expected) in [
        ("SE", 13),
        ("DK", 13),
        ("NO", 13),
        ("FI", 13),
        ("DE", 16),
        ("NL", 16),
        ("FR", 15),
    ] {
        assert_eq!(age(code), Some(expected), "{code}");
    }
    assert_eq!(DEFAULT_CONSENT_AGE, 16);
}

#[test]
fn bookkeeping_retention() {
    let months = |code| statutory_retention(country(code), Statute::Bookkeeping).map(|s| s.months);
    assert_eq!(months("SE"), Some(84));
    assert_eq!(months("DK"), Some(60));
    assert_eq!(months("NO"), Some(60));
    assert_eq!(months("FI"), Some(72));
    assert_eq!(months("DE"), Some(96));
    assert_eq!(months("NL"), Some(84));
    assert_eq!(months("FR"), Some(120));
    assert_eq!(months("US"), None);
    let se = statutory_retention(country("SE"), Statute::Bookkeeping).expect("SE");
    assert_eq!(se.law, "Bokföringslagen (1999:1078) 7 kap. 2 §");
    for s in statutes() {
        assert!(
            s.months > 0 && !s.runs_from.is_empty() && !s.law.is_empty(),
            "{}",
            s.country
        );
        for other in s.other_periods {
            assert!(other.months > 0 && other.months != s.months, "{}: {other:?}", s.country);
        }
    }
}

#[test]
fn authorities_of_note() {
    let imy = supervisory_authority(country("SE")).expect("SE");
    assert_eq!(
        (imy.short_name, imy.name, imy.website),
        ("IMY", "Integritetsskyddsmyndigheten", "https://www.imy.se")
    );
    assert!(imy.former_name.is_some_and(|f| f.contains("Datainspektionen")));
    assert_eq!(
        supervisory_authority(country("DK")).map(|a| a.website),
        Some("https://www.datatilsynet.dk")
    );
    assert_eq!(
        supervisory_authority(country("NO")).map(|a| a.website),
        Some("https://www.datatilsynet.no")
    );
    let de = supervisory_authority(country("DE")).expect("DE");
    assert_eq!(de.short_name, "BfDI");
    assert!(de.provenance.note.is_some_and(|n| n.contains("Land")));
}

#[test]
fn fact_tables_describe_themselves() {
    for table in FactTable::ALL {
        let text = table.describe();
        assert!(text.starts_with(table.title()), "{text}");
        assert!(text.lines().count() >= 4, "{text}");
        assert!(text.contains("https://"), "{text}");
        assert!(text.contains(facts_as_of()) || text.contains("As of 2"), "{text}");
    }
    assert!(
        FactTable::Adequacy
            .describe()
            .contains("16 Commission adequacy decisions")
    );
    assert!(FactTable::ConsentAge.describe().contains("30 EEA states"));
}

#[test]
fn german_organizations_report_to_their_land_authority() {
    use ropa_law::{Competence, Competent, competent_authority};
    use ropa_vocab::Region;
    let de = country("DE");
    let land = |code: &str| Region::parse(code).ok();
    match competent_authority(de, land("DE-BY")) {
        Competent::Authority(a) => {
            assert_eq!(
                (a.short_name, a.name, a.website),
                (
                    "BayLDA",
                    "Bayerisches Landesamt für Datenschutzaufsicht",
                    "https://www.lda.bayern.de"
                )
            );
            assert_eq!(a.competence, Competence::PrivateSector);
            assert_eq!(a.provenance.as_of, "2026-12-04");
        }
        other => panic!("Bavaria: {other:?}"),
    }
    match competent_authority(de, land("DE-BE")) {
        Competent::Authority(a) => assert_eq!(
            (a.short_name, a.name),
            (
                "BlnBDI",
                "Berliner Beauftragte für Datenschutz und Informationsfreiheit"
            )
        ),
        other => panic!("Berlin: {other:?}"),
    }
    // Without the Land ropa cannot tell, and never answers with the BfDI.
    assert_eq!(competent_authority(de, None), Competent::NeedsRegion(de));
    assert!(matches!(
        competent_authority(de, land("DE-HE")),
        Competent::RegionNotKnown(r) if r.to_string() == "DE-HE"
    ));
    // Elsewhere the national authority, whatever the region.
    assert!(matches!(competent_authority(country("SE"), None), Competent::Authority(a) if a.short_name == "IMY"));
    assert_eq!(competent_authority(country("US"), None), Competent::None);
}

/// Reports print the EEA states and the adequate countries by name in every
/// language: each of them has a translated name.
#[test]
fn every_eea_and_adequate_country_is_translated() {
    let codes = eea_members().chain(adequacy_decisions().iter().map(|d| d.country));
    for code in codes {
        for lang in Lang::ALL {
            assert!(
                country(code).name_in(lang).is_some(),
                "{code} has no {} name",
                lang.name()
            );
        }
    }
}
