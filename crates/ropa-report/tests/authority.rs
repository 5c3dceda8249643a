//! The notice names the authority that supervises the organization: in
//! Germany the Land's (BDSG § 40), never the federal BfDI.

mod common;

use ropa_report::{Format, Kind, Lang};

fn notice(region: &str) -> String {
    let org = format!(
        "organization \"Beispiel GmbH\" {{\n    country DE\n    {region}\n    contact \"Anna Adler\" email=\"datenschutz@beispiel.de\"\n}}\nsubjects customers \"Customers\"\ndata contact \"Name and e-mail\"\nactivity orders {{\n    purpose \"Deliver orders\"\n    subjects customers\n    data contact\n    basis contract\n    retain \"2 years\" from=contract-end\n}}\n"
    );
    let workspace = common::inline(&[("org.ropa.kdl", org.as_str())]);
    common::render(&workspace, &common::options(Kind::Notice, Format::Markdown, Lang::En))
}

#[test]
fn bavaria_names_the_baylda() {
    let text = notice("region DE-BY");
    assert!(
        text.contains("Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)"),
        "{text}"
    );
    assert!(text.contains("https://www.lda.bayern.de"), "{text}");
    assert!(!text.contains("BfDI"), "{text}");
}

#[test]
fn berlin_names_the_berlin_commissioner() {
    let text = notice("region DE-BE");
    assert!(
        text.contains("Berliner Beauftragte für Datenschutz und Informationsfreiheit (BlnBDI)"),
        "{text}"
    );
    assert!(text.contains("https://www.datenschutz-berlin.de"), "{text}");
}

#[test]
fn without_the_land_the_notice_leaves_a_placeholder_not_the_bfdi() {
    let text = notice("");
    assert!(!text.contains("BfDI") && !text.contains("Bundesbeauftragte"), "{text}");
    assert!(!text.contains("lda.bayern"), "{text}");
}
