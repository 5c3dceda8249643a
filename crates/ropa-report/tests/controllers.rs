//! The other controllers in the record: the processor record names each
//! controller it processes for with its contact details, representative and
//! DPO (Art. 30(2)(a)); the controller record and the notice name each joint
//! controller with its arrangement (Art. 26). Where the spec is silent the
//! document shows a visible "[to complete: …]" placeholder, never nothing.

mod common;

use ropa_check::Workspace;
use ropa_report::{Format, Kind, Lang};

const ORGANIZATION: &str = r#"organization "Hostia AB" {
    country SE
    address "Storgatan 1, 111 22 Stockholm"
    contact "Eva Ek" email="eva@hostia.se"
    dpo none reason="Ingen storskalig behandling av känsliga uppgifter"
}
subjects shoppers "Acme's customers"
subjects visitors "Visitors of our website"
data orders "Orders and delivery addresses"
data clicks "Page views"
"#;

const CONTROLLER: &str = r#"controller acme "Acme Retail AB" {
    country SE
    address "Hamngatan 2, 411 06 Göteborg"
    contact "Privacy team" email="privacy@acme-retail.se"
    dpo "Dana Berg" email="dpo@acme-retail.se"
}
"#;

const ACTIVITIES: &str = r#"activity shop-hosting {
    name "Hosting of Acme's web shop"
    purpose "Host and run the web shop for Acme"
    role processor for=acme
    subjects shoppers
    data orders
    security "Encrypted backups"
}
joint-controller meta "Meta Platforms Ireland Ltd" {
    country IE
    arrangement "Meta Controller Addendum, accepted 2025-02-01"
}
activity ads {
    name "Advertising on social media"
    purpose "Show our ads to visitors of our website"
    subjects visitors
    data clicks
    basis consent withdrawal="Cookie settings" records="CMP log"
    trackers meta-pixel
    joint-controllers meta
    retain "90 days" from=collection
    recipients none
    dpia none reason="No WP248 criterion applies"
}
"#;

fn workspace(organization: &str, controller: &str, activities: &str) -> Workspace {
    common::inline(&[
        ("t/organization.ropa.kdl", organization),
        ("t/controllers.ropa.kdl", controller),
        ("t/activities.ropa.kdl", activities),
    ])
}

fn complete() -> Workspace {
    workspace(ORGANIZATION, CONTROLLER, ACTIVITIES)
}

/// The document as text: Markdown without its escapes, HTML as written.
fn render(workspace: &Workspace, kind: Kind, format: Format, lang: Lang) -> String {
    common::render(workspace, &common::options(kind, format, lang)).replace('\\', "")
}

fn record(workspace: &Workspace, format: Format, lang: Lang) -> String {
    render(workspace, Kind::Record, format, lang)
}

#[test]
fn the_processor_record_names_the_controller_with_its_details_in_every_format() {
    let ws = complete();
    for format in [Format::Html, Format::Markdown, Format::Csv] {
        let out = record(&ws, format, Lang::En);
        for expected in [
            "Acme Retail AB",
            "Hamngatan 2, 411 06 Göteborg",
            "privacy@acme-retail.se",
            "Dana Berg",
            "dpo@acme-retail.se",
        ] {
            assert!(out.contains(expected), "{format:?}: no {expected:?} in the record");
        }
        assert!(
            !out.contains("to complete"),
            "{format:?}: a complete controller left a gap"
        );
    }
}

#[test]
fn a_controller_without_contact_details_shows_the_placeholder() {
    let without = CONTROLLER.replace("    contact \"Privacy team\" email=\"privacy@acme-retail.se\"\n", "");
    let ws = workspace(ORGANIZATION, &without, ACTIVITIES);
    for format in [Format::Html, Format::Markdown, Format::Csv] {
        let out = record(&ws, format, Lang::En);
        assert!(
            out.contains("[to complete: contact details (e-mail or phone) of Acme Retail AB]"),
            "{format:?}: {out}"
        );
    }
    // A name with no way to reach it is no contact detail either.
    let unreachable = CONTROLLER.replace(" email=\"privacy@acme-retail.se\"", "");
    let out = record(
        &workspace(ORGANIZATION, &unreachable, ACTIVITIES),
        Format::Markdown,
        Lang::En,
    );
    assert!(out.contains("[to complete: contact details (e-mail or phone) of Acme Retail AB]"));
}

#[test]
fn a_controller_without_dpo_shows_the_placeholder_and_dpo_none_is_shown_as_such() {
    let without = CONTROLLER.replace("    dpo \"Dana Berg\" email=\"dpo@acme-retail.se\"\n", "");
    let out = record(
        &workspace(ORGANIZATION, &without, ACTIVITIES),
        Format::Markdown,
        Lang::En,
    );
    assert!(out.contains("[to complete: the data protection officer of Acme Retail AB"));

    let none = CONTROLLER.replace(
        "dpo \"Dana Berg\" email=\"dpo@acme-retail.se\"",
        "dpo none reason=\"Small retailer\"",
    );
    let out = record(&workspace(ORGANIZATION, &none, ACTIVITIES), Format::Markdown, Lang::En);
    assert!(out.contains("Small retailer"));
    assert!(!out.contains("to complete"));
}

#[test]
fn a_controller_outside_the_eea_needs_its_representative() {
    let abroad = CONTROLLER.replace("country SE", "country US");
    let out = record(
        &workspace(ORGANIZATION, &abroad, ACTIVITIES),
        Format::Markdown,
        Lang::En,
    );
    assert!(out.contains("[to complete: the representative in the EU of Acme Retail AB (Art. 27)]"));

    let represented = abroad.replace(
        "country US\n",
        "country US\n    representative \"EU Rep GmbH\" email=\"rep@eurep.de\" country=DE\n",
    );
    let out = record(
        &workspace(ORGANIZATION, &represented, ACTIVITIES),
        Format::Markdown,
        Lang::En,
    );
    assert!(out.contains("EU Rep GmbH"));
    assert!(!out.contains("to complete"));
}

#[test]
fn a_controller_named_only_in_words_shows_the_placeholder() {
    let words = ACTIVITIES.replace("role processor for=acme", "role processor for=\"Our customers\"");
    let out = record(&workspace(ORGANIZATION, "", &words), Format::Html, Lang::En);
    assert!(out.contains("Our customers"));
    assert!(out.contains("[to complete: the name and contact details of each controller (“Our customers”)]"));
}

#[test]
fn the_controller_record_names_each_joint_controller_with_its_arrangement() {
    let ws = complete();
    for format in [Format::Html, Format::Markdown, Format::Csv] {
        let out = record(&ws, format, Lang::En);
        assert!(out.contains("Meta Platforms Ireland Ltd"), "{format:?}");
        assert!(
            out.contains("Meta Controller Addendum, accepted 2025-02-01"),
            "{format:?}"
        );
    }
    let without = ACTIVITIES.replace(
        "    arrangement \"Meta Controller Addendum, accepted 2025-02-01\"\n",
        "",
    );
    let ws = workspace(ORGANIZATION, CONTROLLER, &without);
    for format in [Format::Html, Format::Markdown] {
        let out = record(&ws, format, Lang::En);
        assert!(
            out.contains("[to complete: the reference to the arrangement with Meta Platforms Ireland Ltd (Art. 26)]"),
            "{format:?}"
        );
    }
}

#[test]
fn the_notice_names_the_joint_controller_and_says_the_arrangement_is_available_only_when_recorded() {
    let out = render(&complete(), Kind::Notice, Format::Markdown, Lang::En);
    assert!(out.contains(
        "For Advertising on social media we decide together with Meta Platforms Ireland Ltd how and why your data is processed"
    ));
    assert!(out.contains("The essence of our arrangement with Meta Platforms Ireland Ltd is available to you."));

    let without = ACTIVITIES.replace(
        "    arrangement \"Meta Controller Addendum, accepted 2025-02-01\"\n",
        "",
    );
    let out = render(
        &workspace(ORGANIZATION, CONTROLLER, &without),
        Kind::Notice,
        Format::Markdown,
        Lang::En,
    );
    assert!(out.contains("we decide together with Meta Platforms Ireland Ltd"));
    assert!(!out.contains("essence of our arrangement"));
    assert!(out.contains("[to complete: the reference to the arrangement with Meta Platforms Ireland Ltd (Art. 26)]"));
}

#[test]
fn every_language_uses_its_legal_terms() {
    let ws = complete();
    let without_contact = workspace(
        ORGANIZATION,
        &CONTROLLER.replace(" email=\"privacy@acme-retail.se\"", ""),
        ACTIVITIES,
    );
    let cases: [(Lang, &str, &str, &str); 3] = [
        (
            Lang::Sv,
            "Personuppgiftsansvarig för vars räkning behandlingen utförs",
            "vi är gemensamt personuppgiftsansvariga",
            "kontaktuppgifter (e-post eller telefon) till Acme Retail AB",
        ),
        (
            Lang::Da,
            "dataansvarlig",
            "vi er fælles dataansvarlige",
            "kontaktoplysninger (e-mail eller telefon) for Acme Retail AB",
        ),
        (
            Lang::Nb,
            "behandlingsansvarlig",
            "vi er felles behandlingsansvarlige",
            "kontaktinformasjon (e-post eller telefon) til Acme Retail AB",
        ),
    ];
    for (lang, record_term, notice_term, gap) in cases {
        let out = record(&ws, Format::Markdown, lang);
        assert!(out.contains(record_term), "{lang:?}: no {record_term:?}");
        let notice = render(&ws, Kind::Notice, Format::Markdown, lang);
        assert!(notice.contains(notice_term), "{lang:?}: no {notice_term:?}");
        let out = record(&without_contact, Format::Markdown, lang);
        assert!(out.contains(gap), "{lang:?}: no {gap:?}");
    }
}

#[test]
fn a_joint_controller_named_by_an_activity_is_listed_as_used_by_it() {
    let out = render(&complete(), Kind::Transfers, Format::Markdown, Lang::En);
    let meta = out
        .lines()
        .find(|l| l.contains("Meta Platforms Ireland Ltd") && l.contains("party-meta"))
        .expect("the joint controller has a row");
    assert!(meta.contains("Advertising on social media"), "{meta}");
    assert!(!meta.contains("not used"), "{meta}");

    // Near miss: declared and named by no activity, it is not used.
    let unnamed = ACTIVITIES.replace("    joint-controllers meta\n", "");
    let out = render(
        &workspace(ORGANIZATION, CONTROLLER, &unnamed),
        Kind::Transfers,
        Format::Markdown,
        Lang::En,
    );
    let meta = out
        .lines()
        .find(|l| l.contains("party-meta"))
        .expect("the joint controller has a row");
    assert!(meta.contains("not used"), "{meta}");
}
