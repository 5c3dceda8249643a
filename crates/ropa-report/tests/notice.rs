//! The privacy notice draft says only what the record says: for every field
//! the notice reads, removing it from a record makes the draft drop the
//! statement or show a "[to complete: …]" placeholder, never a favourable
//! default. Silence never becomes a negative ("we disclose your data to no
//! one"), and the placeholders are in the report's language.

mod common;

use std::path::Path;

use ropa_check::Workspace;
use ropa_report::i18n::{self, Key};
use ropa_report::{Format, Kind, Lang};

/// The files of a folder as (name, text), named as `common::workspace` names them.
fn files(dir: &Path, shown_as: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if name.ends_with(".kdl") {
            let text = std::fs::read_to_string(&path).expect("spec is UTF-8");
            out.push((format!("{shown_as}/{name}"), text));
        }
    }
    // The workspace file first, as the CLI loads it.
    out.sort_by_key(|(name, _)| (!name.ends_with("/ropa.kdl"), name.clone()));
    out
}

fn complete_files() -> Vec<(String, String)> {
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/complete"),
        "complete",
    )
}

fn workspace(files: &[(String, String)]) -> Workspace {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    common::inline(&borrowed)
}

/// The notice in Markdown with the escapes removed, so that it reads as text.
fn notice(workspace: &Workspace, lang: Lang) -> String {
    common::render(workspace, &common::options(Kind::Notice, Format::Markdown, lang)).replace('\\', "")
}

/// The gaps of the notice as (field, about).
fn gaps(workspace: &Workspace) -> Vec<(String, Vec<String>)> {
    let json = common::render(workspace, &common::options(Kind::Notice, Format::Json, Lang::En));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    value["notice"]["to_complete"]
        .as_array()
        .expect("notice.to_complete is a list")
        .iter()
        .map(|g| {
            let field = g["field"].as_str().unwrap_or_default().to_owned();
            let about = g["about"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            (field, about)
        })
        .collect()
}

fn has_gap(gaps: &[(String, Vec<String>)], field: &str, about: Option<&str>) -> bool {
    gaps.iter()
        .any(|(f, a)| f == field && about.is_none_or(|id| a.iter().any(|x| x == id)))
}

/// One field of the record the notice reads.
struct Case {
    /// What is removed.
    name: &'static str,
    /// The file (`organization`, `activities`, `data`, `parties`) and the text
    /// replaced in it; `from` must occur in the file.
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// A statement of the draft that rests on the field: there before, gone after.
    statement: Option<&'static str>,
    /// The gap the draft shows instead: (field, id of what it is about).
    gap: Option<(&'static str, Option<&'static str>)>,
}

const CASES: &[Case] = &[
    Case {
        name: "the organization",
        file: "organization",
        from: "*",
        to: "",
        statement: Some("Fjordlys AS (912 345 678) is the controller"),
        gap: Some(("organization", None)),
    },
    Case {
        name: "registration",
        file: "organization",
        from: r#"registration "912 345 678""#,
        to: "",
        statement: Some("(912 345 678)"),
        gap: None,
    },
    Case {
        name: "address",
        file: "organization",
        from: r#"address "Strandgata 1, 5013 Bergen""#,
        to: "",
        statement: Some("Strandgata 1, 5013 Bergen"),
        gap: None,
    },
    Case {
        name: "website",
        file: "organization",
        from: r#"website "https://fjordlys.example""#,
        to: "",
        statement: Some("https://fjordlys.example"),
        gap: None,
    },
    Case {
        name: "contact",
        file: "organization",
        from: r#"contact "Kari Nordmann" email="personvern@fjordlys.example" phone="+47 55 00 00 00""#,
        to: "",
        statement: Some("Kari Nordmann"),
        gap: Some(("contact", None)),
    },
    Case {
        name: "the contact's e-mail",
        file: "organization",
        from: r#" email="personvern@fjordlys.example" phone"#,
        to: " phone",
        statement: Some("contact us at personvern@fjordlys.example"),
        gap: Some(("contact", None)),
    },
    Case {
        name: "dpo",
        file: "organization",
        from: r#"dpo "Ola Hansen" email="dpo@fjordlys.example" phone="+47 55 00 00 01""#,
        to: "",
        statement: Some("You can contact our data protection officer: Ola Hansen"),
        gap: Some(("dpo", None)),
    },
    Case {
        name: "a dpo whose name is a placeholder",
        file: "organization",
        from: r#"dpo "Ola Hansen""#,
        to: r#"dpo "TBD""#,
        statement: Some("You can contact our data protection officer: Ola Hansen"),
        gap: Some(("dpo", None)),
    },
    Case {
        name: "representative",
        file: "organization",
        from: r#"representative "Fjordlys Sverige AB" country=SE email="rep@fjordlys.example""#,
        to: "",
        statement: Some("Our representative in the EU: Fjordlys Sverige AB"),
        gap: None,
    },
    Case {
        name: "the organization's country",
        file: "organization",
        from: "    country NO\n",
        to: "",
        statement: Some("In Norway the supervisory authority is Datatilsynet"),
        gap: Some(("country", None)),
    },
    Case {
        name: "purpose",
        file: "activities",
        from: r#"purpose "Betale lønn og oppfylle arbeidsgivers plikter""#,
        to: "",
        statement: Some("Betale lønn og oppfylle arbeidsgivers plikter"),
        gap: Some(("purpose", Some("payroll"))),
    },
    Case {
        name: "a purpose that is a placeholder",
        file: "activities",
        from: r#"purpose "Betale lønn og oppfylle arbeidsgivers plikter""#,
        to: r#"purpose "TODO""#,
        statement: Some("Betale lønn og oppfylle arbeidsgivers plikter"),
        gap: Some(("purpose", Some("payroll"))),
    },
    Case {
        name: "data",
        file: "activities",
        from: "data contact salary sick-leave",
        to: "",
        statement: Some("Lønn, skattetrekk og kontonummer"),
        gap: Some(("data", Some("payroll"))),
    },
    Case {
        name: "a data category's description",
        file: "data",
        from: r#"data credit "Betalingshistorikk og kredittvurdering""#,
        to: "data credit",
        statement: Some("Betalingshistorikk og kredittvurdering"),
        gap: None,
    },
    Case {
        name: "a subject category's description",
        file: "data",
        from: r#"subjects customers "Kunder (privatpersoner)""#,
        to: "subjects customers",
        statement: Some("Kunder (privatpersoner)"),
        gap: None,
    },
    Case {
        name: "basis",
        file: "activities",
        from: r#"basis legal-obligation law="Opplæringslova § 10-9""#,
        to: "",
        statement: Some("Opplæringslova § 10-9"),
        gap: Some(("basis", Some("background-checks"))),
    },
    Case {
        name: "a basis's law",
        file: "activities",
        from: r#" law="Bokføringsloven § 13; folketrygdloven kapittel 8""#,
        to: "",
        statement: Some("Bokføringsloven § 13; folketrygdloven kapittel 8"),
        gap: None,
    },
    Case {
        name: "retain",
        file: "activities",
        from: r#"retain "1 year" from=school-year-end"#,
        to: "",
        statement: Some("1 year from the end of the school year"),
        gap: Some(("retain", Some("learning-app"))),
    },
    Case {
        name: "a retention that is only a vague phrase",
        file: "activities",
        from: r#"retain "1 year" from=school-year-end"#,
        to: r#"retain "as long as necessary""#,
        statement: Some("1 year from the end of the school year"),
        gap: Some(("retain", Some("learning-app"))),
    },
    Case {
        name: "a legitimate interest",
        file: "activities",
        from: r#" interest="Unngå tap på kreditt""#,
        to: "",
        statement: Some("Unngå tap på kreditt"),
        gap: Some(("interest", Some("credit-check"))),
    },
    Case {
        name: "source",
        file: "activities",
        from: r#"source "Kredittopplysningsbyrå""#,
        to: "",
        statement: Some("Kredittopplysningsbyrå"),
        gap: Some(("source", Some("credit-check"))),
    },
    Case {
        name: "provision",
        file: "activities",
        from: r#"provision contractual consequence="Vi kan ikke utbetale lønn""#,
        to: "",
        statement: Some("Vi kan ikke utbetale lønn"),
        gap: Some(("provision", Some("payroll"))),
    },
    Case {
        name: "a provision's consequence",
        file: "activities",
        from: r#" consequence="Du får ikke nyhetsbrevet""#,
        to: "",
        statement: Some("Du får ikke nyhetsbrevet"),
        gap: Some(("consequence", Some("newsletter"))),
    },
    Case {
        name: "processors",
        file: "activities",
        from: "processors analytics",
        to: "",
        statement: Some("Analytics GmbH"),
        gap: Some(("recipients", Some("learning-app"))),
    },
    Case {
        name: "recipients",
        file: "activities",
        from: "recipients clinic",
        to: "",
        statement: Some("- Partnerklinikken AS (independent controller)"),
        gap: Some(("recipients", Some("referrals"))),
    },
    Case {
        name: "a party's service",
        file: "parties",
        from: r#"service "Statistikk""#,
        to: "",
        statement: Some("Analytics GmbH — Statistikk"),
        gap: None,
    },
    Case {
        name: "a recipient's kind",
        file: "parties",
        from: "kind authority",
        to: "",
        statement: Some("NAV (public authority)"),
        gap: None,
    },
    Case {
        name: "dpa (a date)",
        file: "parties",
        from: r#"dpa "2024-02-01""#,
        to: "",
        statement: Some("Lønn AS — Lønnssystem (under a data processing agreement)"),
        gap: None,
    },
    Case {
        name: "dpa (a reference that is a placeholder)",
        file: "parties",
        from: r#"dpa "Nordic Cloud DPA v3""#,
        to: r#"dpa "REFERENCE""#,
        statement: Some("Nordic Cloud Oy — Drift (under a data processing agreement)"),
        gap: None,
    },
    Case {
        name: "a processor's stored-in",
        file: "parties",
        from: "    stored-in DE\n",
        to: "",
        statement: None,
        gap: Some(("stored-in", Some("analytics"))),
    },
    Case {
        name: "a recipient's country",
        file: "parties",
        from: "    country BR\n",
        to: "",
        statement: None,
        gap: Some(("stored-in", Some("clinic"))),
    },
    Case {
        name: "a transfer's mechanism",
        file: "activities",
        from: "transfer IN to=scoring mechanism=scc module=2",
        to: "transfer IN to=scoring",
        statement: Some("standard contractual clauses"),
        gap: Some(("mechanism", Some("scoring"))),
    },
    Case {
        name: "a derogation's ground",
        file: "activities",
        from: " ground=vital-interests",
        to: "",
        statement: Some("specific situation (vital interests)"),
        gap: None,
    },
    Case {
        name: "consent withdrawal",
        file: "activities",
        from: r#" withdrawal="Avmeldingslenke i hvert utsendte brev""#,
        to: "",
        statement: Some("Avmeldingslenke i hvert utsendte brev"),
        gap: Some(("withdrawal", Some("newsletter"))),
    },
    Case {
        name: "automated-decision",
        file: "activities",
        from: r#"automated-decision "Automatisk avslag under en poenggrense" safeguards="Manuell vurdering på forespørsel""#,
        to: "",
        statement: Some("Automatisk avslag under en poenggrense"),
        gap: Some(("automated-decision", Some("credit-check"))),
    },
    Case {
        name: "an automated decision's safeguards",
        file: "activities",
        from: r#" safeguards="Manuell vurdering på forespørsel""#,
        to: "",
        statement: Some("Manuell vurdering på forespørsel"),
        gap: Some(("safeguards", Some("credit-check"))),
    },
];

fn edit(files: &[(String, String)], case: &Case) -> Vec<(String, String)> {
    let target = format!("complete/{}.ropa.kdl", case.file);
    let mut found = false;
    let out = files
        .iter()
        .map(|(name, text)| {
            if *name != target {
                return (name.clone(), text.clone());
            }
            found = true;
            if case.from == "*" {
                return (name.clone(), case.to.to_owned());
            }
            assert_eq!(
                text.matches(case.from).count(),
                1,
                "{}: `{}` should occur once in {target}",
                case.name,
                case.from
            );
            (name.clone(), text.replacen(case.from, case.to, 1))
        })
        .collect();
    assert!(found, "{}: no file {target}", case.name);
    out
}

#[test]
fn every_field_the_notice_reads_is_dropped_or_left_to_complete_when_removed() {
    let files = complete_files();
    let before = workspace(&files);
    let before_text = notice(&before, Lang::En);
    let before_gaps = gaps(&before);
    for case in CASES {
        let after = workspace(&edit(&files, case));
        let after_text = notice(&after, Lang::En);
        let after_gaps = gaps(&after);
        if let Some(statement) = case.statement {
            assert!(
                before_text.contains(statement),
                "{}: the complete record should say `{statement}`:\n{before_text}",
                case.name
            );
            assert!(
                !after_text.contains(statement),
                "{}: still says `{statement}` without the field:\n{after_text}",
                case.name
            );
        }
        if let Some((field, about)) = case.gap {
            assert!(
                !has_gap(&before_gaps, field, about),
                "{}: the complete record already has the gap {field} {about:?}: {before_gaps:?}",
                case.name
            );
            assert!(
                has_gap(&after_gaps, field, about),
                "{}: no gap {field} {about:?} without the field: {after_gaps:?}",
                case.name
            );
        }
        assert!(
            case.statement.is_some() || case.gap.is_some(),
            "{}: a case must check something",
            case.name
        );
    }
}

/// A small record where everything is known to stay in Sweden.
const IN_SWEDEN: &str = r#"
organization "Exempel AB" {
    country SE
    contact "Anna" email="anna@exempel.example"
}
subjects customers "Kunder"
data contact "Namn och e-post"
processor host "Webbhotell AB" {
    country SE
    stored-in SE
    dpa "2024-01-01"
}
activity orders {
    purpose "Leverera beställningar"
    subjects customers
    data contact
    basis contract
    retain "7 years" from=financial-year-end
    processors host
}
"#;

#[test]
fn no_transfer_is_said_only_when_every_recipient_is_known_to_keep_the_data_in_the_eea() {
    const NO_TRANSFER: &str = "We do not transfer your personal data outside the EU/EEA.";
    let known = common::inline(&[("in-sweden.ropa.kdl", IN_SWEDEN)]);
    assert!(notice(&known, Lang::En).contains(NO_TRANSFER));
    assert!(!has_gap(&gaps(&known), "stored-in", None));

    // The host's seat is in Sweden; where it keeps the data is not said.
    let seat_only = common::inline(&[("in-sweden.ropa.kdl", &IN_SWEDEN.replace("    stored-in SE\n", ""))]);
    assert!(!notice(&seat_only, Lang::En).contains(NO_TRANSFER));
    assert!(has_gap(&gaps(&seat_only), "stored-in", Some("host")));

    // The activity names a processor the record does not declare.
    let undeclared = common::inline(&[(
        "in-sweden.ropa.kdl",
        &IN_SWEDEN.replace("    processors host\n", "    processors host cloud\n"),
    )]);
    assert!(!notice(&undeclared, Lang::En).contains(NO_TRANSFER));
    assert!(has_gap(&gaps(&undeclared), "stored-in", Some("cloud")));

    // The activity names no one: whether anyone receives the data is unknown.
    let nobody = common::inline(&[("in-sweden.ropa.kdl", &IN_SWEDEN.replace("    processors host\n", ""))]);
    let text = notice(&nobody, Lang::En);
    assert!(!text.contains(NO_TRANSFER), "{text}");
    assert!(!text.contains("anyone"), "{text}");
    assert!(has_gap(&gaps(&nobody), "recipients", Some("orders")));
}

#[test]
fn a_purpose_with_fill_in_words_is_published_and_a_fill_in_request_is_not() {
    // Words of a fill-in phrase in a sentence describe the processing: the
    // notice states the purpose. The same words asking for it leave a gap.
    for purpose in [
        "Leverera beställningar och hjälpa kunden att fylla i blanketten",
        "Deliver orders: the details are used to complete the purchase",
        "Skemaet udfyldes af kunden ved bestilling",
    ] {
        let record = IN_SWEDEN.replace("Leverera beställningar", purpose);
        let workspace = common::inline(&[("in-sweden.ropa.kdl", &record)]);
        assert!(notice(&workspace, Lang::En).contains(purpose), "{purpose}");
        assert!(!has_gap(&gaps(&workspace), "purpose", Some("orders")), "{purpose}");
    }
    for request in ["Fill in the purpose", "To be completed", "Syfte: fyll i"] {
        let record = IN_SWEDEN.replace("Leverera beställningar", request);
        let workspace = common::inline(&[("in-sweden.ropa.kdl", &record)]);
        assert!(!notice(&workspace, Lang::En).contains(request), "{request}");
        assert!(has_gap(&gaps(&workspace), "purpose", Some("orders")), "{request}");
    }
}

#[test]
fn silence_never_becomes_a_negative_statement() {
    // BoWebb's own policy says it uses sub-processors, and the record names
    // none: the draft must not say that the data goes to no one.
    let bowebb = common::example("bowebb");
    for (lang, negatives) in [
        (
            Lang::En,
            &[
                "anyone else",
                "do not transfer",
                "We collect the personal data from you",
                "We do not make decisions",
            ][..],
        ),
        (
            Lang::Sv,
            &[
                "till någon annan",
                "Vi för inte över",
                "Vi samlar in personuppgifterna från dig",
                "Vi fattar inte beslut",
            ][..],
        ),
    ] {
        let text = notice(&bowebb, lang);
        for negative in negatives {
            assert!(!text.contains(negative), "{}: says `{negative}`:\n{text}", lang.code());
        }
    }
    let bowebb_gaps = gaps(&bowebb);
    for (field, about) in [
        ("recipients", "customer-relationship"),
        ("source", "trial-accounts"),
        ("automated-decision", "service-notices"),
    ] {
        assert!(
            has_gap(&bowebb_gaps, field, Some(about)),
            "no gap {field} {about}: {bowebb_gaps:?}"
        );
    }
    // The processors: "under a data processing agreement" only for those
    // whose agreement the record gives (Scoring has `dpa none`).
    let complete = notice(&workspace(&complete_files()), Lang::En);
    assert!(complete.contains("- Scoring Pvt Ltd — Kredittscoring\n"), "{complete}");
    assert!(
        !complete.contains("on our behalf, under a data processing agreement"),
        "{complete}"
    );
}

#[test]
fn automated_decisions_leave_their_logic_and_consequences_to_complete() {
    let complete = workspace(&complete_files());
    assert!(has_gap(&gaps(&complete), "logic", Some("credit-check")));
    let text = notice(&complete, Lang::En);
    assert!(text.contains(
        "[to complete: meaningful information about the logic involved, and the significance and the envisaged consequences of this decision for you]"
    ), "{text}");
}

#[test]
fn the_front_page_lists_the_gaps_with_links_to_their_sections() {
    let workspace = common::example("bowebb");
    for kind in [Kind::Notice, Kind::All] {
        let html = common::render(&workspace, &common::options(kind, Format::Html, Lang::En));
        let cover_end = html.find("<nav class=\"toc\"").expect("a table of contents");
        let front = &html[..cover_end];
        assert!(front.contains("gaps to complete before it is published"), "{front}");
        assert!(
            front.contains("<a href=\"#notice-recipients\">Who receives your data</a>: <span class=\"missing\">[to complete: who receives the data for"),
            "{front}"
        );
    }
    // No notice, no list.
    let record = common::render(&workspace, &common::options(Kind::Record, Format::Html, Lang::En));
    assert!(!record.contains("to complete before it is published"));
}

/// The English texts the notice's placeholders and new statements use.
const NEW_TEXTS: &[Key] = &[
    Key::NoticeEditorNote,
    Key::NoticeToComplete,
    Key::NoticeFillSource,
    Key::NoticeFillProvision,
    Key::NoticeFillConsequence,
    Key::NoticeProcessorsPlainText,
    Key::NoticeUnderDpa,
    Key::NoticeFillRecipients,
    Key::NoticeFillLocations,
    Key::NoticeFillTransfersUnnamed,
    Key::NoticeFillSafeguard,
    Key::NoticeFillDpo,
    Key::NoticeFillPurpose,
    Key::NoticeFillData,
    Key::NoticeFillBasis,
    Key::NoticeFillRetention,
    Key::NoticeFillInterest,
    Key::NoticeFillWithdrawal,
    Key::NoticeFillAutomated,
    Key::NoticeFillAutomatedLogic,
    Key::NoticeFillAutomatedSafeguards,
    Key::NoticeGapsOne,
    Key::NoticeGapsMany,
];

/// Records that between them leave every kind of gap.
fn gappy_records() -> Vec<Workspace> {
    let complete = complete_files();
    let mut out = vec![
        workspace(&complete),
        common::example("bowebb"),
        common::example("office2go"),
        common::example("webone"),
    ];
    for case in CASES.iter().filter(|c| c.gap.is_some()) {
        out.push(workspace(&edit(&complete, case)));
    }
    out
}

#[test]
fn placeholders_are_in_the_reports_language_and_read_as_placeholders() {
    let records = gappy_records();
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let prefix = format!("[{}: ", i18n::text(lang, Key::NoticeToComplete));
        for record in &records {
            let text = common::render(record, &common::options(Kind::Notice, Format::Html, lang));
            assert!(text.contains(&prefix), "{}: no `{prefix}`", lang.code());
            for key in NEW_TEXTS {
                let english = i18n::text(Lang::En, *key);
                // The longest fixed piece of the English text.
                let piece = english.split("{}").max_by_key(|p| p.len()).unwrap_or(english).trim();
                assert!(
                    piece.len() < 8 || !text.contains(piece),
                    "{}: English `{piece}` ({key:?}) in the notice",
                    lang.code()
                );
            }
        }
    }
    // Every placeholder, copied back into a spec, still reads as one.
    for lang in Lang::ALL {
        for record in &records {
            let html = common::render(record, &common::options(Kind::Notice, Format::Html, lang));
            for piece in html.split("<span class=\"missing\">[").skip(1) {
                let placeholder = format!("[{}", piece.split("</span>").next().unwrap_or_default());
                assert!(
                    ropa_syntax::values::is_placeholder(&placeholder),
                    "{}: `{placeholder}` does not read as a placeholder",
                    lang.code()
                );
            }
        }
    }
}
