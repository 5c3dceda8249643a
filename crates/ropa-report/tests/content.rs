//! What the reports say: the transfer map marks what the checker found, the
//! notice covers the right people and names the right authority, links lead
//! somewhere, and impossible requests are refused clearly.

mod common;

use std::path::Path;

use ropa_check::index::Index;
use ropa_report::{Format, Input, Kind, Lang, ReportError};

fn complete() -> ropa_check::Workspace {
    common::workspace(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/complete"),
        "complete",
    )
}

/// The edges of a map: (colour, dashed, tooltip).
fn edges(svg: &str) -> Vec<(String, bool, String)> {
    svg.split("<path d=\"M")
        .skip(1)
        .filter_map(|rest| {
            let tag = rest.split('>').next()?;
            let color = tag.split("stroke=\"").nth(1)?.split('"').next()?.to_owned();
            let dashed = tag.contains("stroke-dasharray");
            let title = rest.split("<title>").nth(1)?.split("</title>").next()?.to_owned();
            Some((color, dashed, title))
        })
        .collect()
}

const RED: &str = "#c62828";
const GREEN: &str = "#2f8f5b";

#[test]
fn the_office2go_map_shows_the_us_and_marks_transfers_without_a_safeguard() {
    let svg = common::render(
        &common::example("office2go"),
        &common::options(Kind::Transfers, Format::Svg, Lang::En),
    );
    assert!(svg.contains(">United States (US)</text>"), "no US node");
    let red: Vec<_> = edges(&svg)
        .into_iter()
        .filter(|(color, dashed, _)| color == RED && *dashed)
        .collect();
    // Google stores in the US and Facebook is accessed from there; neither is
    // declared, neither is DPF-certified: both are reported as errors.
    for party in ["Google", "Facebook"] {
        assert!(
            red.iter()
                .any(|(_, _, title)| title.starts_with(party) && title.contains("→ United States (US)")),
            "no red edge from {party} to the US: {red:?}"
        );
    }
    // LinkedIn is DPF-certified and in Ireland: no red edge.
    assert!(!red.iter().any(|(_, _, t)| t.starts_with("LinkedIn")), "{red:?}");
    // Kaspersky in Switzerland: undeclared, but adequate — orange, not red.
    let kaspersky: Vec<_> = edges(&svg)
        .into_iter()
        .filter(|(_, _, t)| t.starts_with("Kaspersky") && t.contains("Switzerland"))
        .collect();
    assert!(
        !kaspersky.is_empty() && kaspersky.iter().all(|(c, d, _)| c != RED && *d),
        "{kaspersky:?}"
    );
}

#[test]
fn safeguarded_transfers_are_green() {
    let svg = common::render(
        &common::example("good-example"),
        &common::options(Kind::Transfers, Format::Svg, Lang::En),
    );
    let edges = edges(&svg);
    assert!(
        !edges.iter().any(|(c, _, _)| c == RED),
        "the good example has a red edge"
    );
    for party in ["Helpdeskly", "The Rocket Science Group"] {
        assert!(
            edges
                .iter()
                .any(|(c, d, t)| c == GREEN && !d && t.starts_with(party) && t.contains("(US)")),
            "no green edge from {party} to the US"
        );
    }
}

#[test]
fn accepted_findings_do_not_colour_the_map() {
    // The map reads the findings: an `allow` on the undeclared transfer
    // takes the red away (the flow stays undeclared, in orange).
    let spec = |allow: &str| {
        common::inline(&[(
            "a.ropa.kdl",
            &format!(
                "organization \"X\" {{\n    country SE\n}}\nprocessor p \"P Inc\" {{\n    stored-in IN\n    dpa \"2024-01-01\"\n}}\nactivity a {{\n    purpose \"P\"\n    basis contract\n    processors p\n    {allow}\n}}\n"
            ),
        )])
    };
    let render =
        |w: &ropa_check::Workspace| common::render(w, &common::options(Kind::Transfers, Format::Svg, Lang::En));
    let flagged = render(&spec(""));
    let accepted = render(&spec("allow undeclared-transfer reason=\"Assessed in TIA-7\""));
    assert!(edges(&flagged).iter().any(|(c, _, _)| c == RED));
    assert!(!edges(&accepted).iter().any(|(c, _, _)| c == RED));
    assert!(edges(&accepted).iter().any(|(c, d, _)| c == "#d98a06" && *d));
}

#[test]
fn every_link_in_the_html_leads_to_an_anchor() {
    for (workspace, kind) in [
        (common::example("office2go"), Kind::All),
        (common::example("webone"), Kind::All),
        (complete(), Kind::All),
        (common::example("office2go"), Kind::Findings),
        (common::example("office2go"), Kind::Transfers),
        (complete(), Kind::Notice),
    ] {
        let html = common::render(&workspace, &common::options(kind, Format::Html, Lang::En));
        for target in html.split("href=\"#").skip(1).filter_map(|s| s.split('"').next()) {
            assert!(
                html.contains(&format!("id=\"{target}\"")),
                "{kind:?}: a link to #{target}, which the page does not have"
            );
        }
    }
}

#[test]
fn findings_link_to_what_they_are_about() {
    let html = common::render(
        &common::example("office2go"),
        &common::options(Kind::All, Format::Html, Lang::En),
    );
    // unknown-location is about the processor: its row in the overview.
    assert!(html.contains("<tr id=\"party-dropbox\">"));
    assert!(html.contains("<a href=\"#party-dropbox\">dropbox</a>"));
    // missing-legal-basis is about the activity: its section in the record.
    assert!(html.contains("<section class=\"sub level-4\" id=\"activity-invoicing\">"));
    assert!(html.contains("<a href=\"#activity-invoicing\">invoicing</a>"));
}

#[test]
fn the_front_page_says_when_the_record_has_errors() {
    let html = common::render(
        &common::example("webone"),
        &common::options(Kind::Record, Format::Html, Lang::Sv),
    );
    assert!(
        html.contains("<div class=\"callout error\" role=\"note\"><p><strong>Registret har 2 fel och 11 varningar")
    );
    let clean = common::render(
        &common::example("good-example"),
        &common::options(Kind::Record, Format::Html, Lang::Sv),
    );
    assert!(!clean.contains("callout error"), "a clean record has an error banner");
}

#[test]
fn the_notice_names_the_authority_of_the_organizations_country() {
    for (workspace, expected) in [
        (common::example("webone"), "Integritetsskyddsmyndigheten (IMY)"),
        (common::example("office2go"), "https://www.datatilsynet.dk"),
        (complete(), "https://www.datatilsynet.no"),
    ] {
        let notice = common::render(&workspace, &common::options(Kind::Notice, Format::Markdown, Lang::En));
        assert!(notice.contains(expected), "no `{expected}` in:\n{notice}");
    }
}

#[test]
fn the_notice_covers_the_chosen_subjects_and_no_processor_activity() {
    let workspace = complete();
    let mut options = common::options(Kind::Notice, Format::Json, Lang::En);
    let all = common::render(&workspace, &options);
    let all: serde_json::Value = serde_json::from_str(&all).expect("JSON");
    // app-hosting is a processor activity: never in the notice.
    let activities: Vec<&str> = all["notice"]["activities"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert!(!activities.contains(&"app-hosting"), "{activities:?}");
    assert_eq!(all["notice"]["processor_activities_left_out"], 1);
    assert_eq!(activities.len(), 6);

    options.subjects = vec!["staff".to_owned()];
    let staff: serde_json::Value = serde_json::from_str(&common::render(&workspace, &options)).expect("JSON");
    assert_eq!(
        staff["notice"]["activities"],
        serde_json::json!(["payroll", "background-checks"])
    );
    assert_eq!(staff["notice"]["subjects"], serde_json::json!(["staff"]));
    assert_eq!(staff["notice"]["processor_activities_left_out"], 0);

    // The notice text for pupils: the learning app, whose controller is joint.
    options.subjects = vec!["pupils".to_owned()];
    options.format = Format::Markdown;
    let pupils = common::render(&workspace, &options);
    assert!(pupils.contains("Læringsappen"));
    assert!(!pupils.contains("Lønn og personaladministrasjon"));
}

#[test]
fn consent_brings_the_right_to_withdraw_and_automated_decisions_their_safeguards() {
    let notice = common::render(&complete(), &common::options(Kind::Notice, Format::Markdown, Lang::Nb));
    assert!(notice.contains("Trekke tilbake samtykke"), "{notice}");
    assert!(notice.contains("Avmeldingslenke i hvert utsendte brev"));
    assert!(notice.contains("Automatisk avslag under en poenggrense"));
    assert!(notice.contains("Manuell vurdering på forespørsel"));
    // A record whose every activity says `automated-decision none` gets
    // the negative statement; one that says nothing is asked (notice.rs tests).
    let good = common::render(
        &common::example("good-example"),
        &common::options(Kind::Notice, Format::Markdown, Lang::En),
    );
    assert!(
        good.contains("We do not make decisions based solely on automated processing"),
        "{good}"
    );
    assert!(!good.contains("[to complete: whether we make decisions"), "{good}");
    assert!(good.contains("We collect the personal data from you."), "{good}");
}

#[test]
fn impossible_requests_are_refused_with_a_reason() {
    let workspace = common::example("webone");
    let findings = ropa_check::check(&workspace);
    let index = Index::new(&workspace);
    let input = Input {
        workspace: &workspace,
        index: &index,
        findings: &findings,
    };
    let refused = |kind, format| ropa_report::render(&input, &common::options(kind, format, Lang::En));
    for kind in [Kind::All, Kind::Notice] {
        let err = refused(kind, Format::Csv).expect_err("CSV holds one table");
        assert!(
            err.to_string().contains("--kind record, transfers or findings"),
            "{err}"
        );
    }
    let err = refused(Kind::Record, Format::Svg).expect_err("SVG holds the map");
    assert!(err.to_string().contains("--kind transfers"), "{err}");

    let mut options = common::options(Kind::Notice, Format::Html, Lang::En);
    options.subjects = vec!["customers".to_owned(), "nobody".to_owned()];
    match ropa_report::render(&input, &options) {
        Err(ReportError::UnknownSubjects { unknown, known }) => {
            assert_eq!(unknown, ["nobody"]);
            assert!(known.contains(&"customers".to_owned()));
        }
        other => panic!("expected UnknownSubjects, got {other:?}"),
    }
    // Only a report that includes the notice looks at --subjects.
    options.kind = Kind::Record;
    assert!(ropa_report::render(&input, &options).is_ok());
}

#[test]
fn the_json_carries_the_record_metadata() {
    let json = common::render(&complete(), &common::options(Kind::Record, Format::Json, Lang::En));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let org = &value["organization"];
    assert_eq!(org["owner"], "Juridisk avdeling");
    assert_eq!(org["version"]["version"], "3.0");
    assert_eq!(org["version"]["approved"], "2026-09-01");
    assert_eq!(org["version"]["by"], "Ledergruppen");
    assert_eq!(org["reviewed"]["date"], "2026-08-20");
    assert_eq!(org["reviewed"]["by"], "Personvernombudet");
    let activities = value["activities"].as_array().expect("activities");
    let payroll = activities.iter().find(|a| a["id"] == "payroll").expect("payroll");
    assert_eq!(payroll["owner"], "HR-avdelingen");
    assert_eq!(payroll["reviewed"]["date"], "2026-06-30");
    assert_eq!(payroll["reviewed"]["by"], "HR-sjefen");
    assert_eq!(payroll["systems"], serde_json::json!(["hr-portal"]));
    // An activity without its own review says so; the record's counts for it.
    let newsletter = activities.iter().find(|a| a["id"] == "newsletter").expect("newsletter");
    assert_eq!(newsletter["reviewed"], serde_json::Value::Null);
    assert_eq!(newsletter["owner"], serde_json::Value::Null);
    assert_eq!(newsletter["systems"], serde_json::json!([]));
}
