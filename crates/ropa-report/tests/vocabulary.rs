//! Every word of the spec language reaches a Swedish, Danish or Norwegian
//! reader translated: a workspace that uses every keyword (legal bases,
//! mechanisms, conditions, roles, recipient kinds, retention events,
//! locations, …) is rendered in each language, and the text outside what
//! the spec itself says may hold no spec keyword and no English word.
//!
//! All spec text in the generated workspace starts with `Q` or `q`, so that
//! it can be told apart from the report's own words.

mod common;

use std::collections::BTreeSet;

use ropa_report::i18n::{self, Key, Label};
use ropa_report::{Format, Kind, Lang};
use ropa_syntax::schema;
use ropa_syntax::values::{
    Art9Condition, DerogationGround, DpiaCriterion, Keyword, LegalBasis, Mechanism, Provision, RecipientKind,
    RetentionEvent, RoleKind, SpecialCategory, Statute, TrackingPurpose,
};

fn words<K: Keyword>() -> Vec<K> {
    K::WORDS.iter().map(|(k, _, _)| *k).collect()
}

/// A workspace that uses every keyword the reports translate at least once.
fn every_keyword() -> ropa_check::Workspace {
    let mut parties = String::from(
        "processor qp \"Qprocessor\" {\n    service \"Qservice\"\n    country DE\n    stored-in US\n    accessed-from IN\n    parent US\n    dpa \"2024-01-01\"\n}\n",
    );
    for (i, kind) in words::<RecipientKind>().into_iter().enumerate() {
        parties.push_str(&format!(
            "recipient qr{i} \"Qrecipient\" {{\n    kind {kind}\n    country DE\n}}\n"
        ));
    }
    let mut data = String::from("subjects qs \"Qsubjects\"\ndata qd \"Qdata\"\n");
    for (i, special) in words::<SpecialCategory>().into_iter().enumerate() {
        data.push_str(&format!("data qsp{i} \"Qspecial\" special={special}\n"));
    }
    let mut activities = String::new();
    let mut activity = |body: String| {
        let n = activities.matches("activity ").count();
        activities.push_str(&format!(
            "activity qa{n} {{\n    name \"Qname\"\n    purpose \"Qpurpose\"\n    subjects qs\n    data qd\n{body}    security \"Qsecurity\"\n    dpia none reason=\"Qreason\"\n}}\n"
        ));
    };
    for basis in words::<LegalBasis>() {
        activity(format!(
            "    basis {basis} law=\"Qlaw\" interest=\"Qinterest\" assessment=\"Qassessment\" withdrawal=\"Qwithdrawal\" records=\"Qrecords\"\n    retain \"2 years\" from=collection\n"
        ));
    }
    for (i, condition) in words::<Art9Condition>().into_iter().enumerate() {
        let special = i % words::<SpecialCategory>().len();
        activity(format!(
            "    data qsp{special}\n    basis consent withdrawal=\"Qw\" records=\"Qr\"\n    condition {condition} law=\"Qlaw\"\n    retain \"2 years\" from=collection\n"
        ));
    }
    for mechanism in words::<Mechanism>() {
        activity(format!(
            "    basis contract\n    processors qp\n    transfer US to=qp mechanism={mechanism} module=2 tia=\"Qtia\"\n    retain \"2 years\" from=collection\n"
        ));
    }
    for ground in words::<DerogationGround>() {
        activity(format!(
            "    basis contract\n    processors qp\n    transfer US to=qp mechanism=derogation ground={ground} occasional=#true\n    retain \"2 years\" from=collection\n"
        ));
    }
    for role in words::<RoleKind>() {
        let extra = match role {
            RoleKind::Processor => " for=\"Qcontroller\"",
            RoleKind::JointController => " with=\"Qjoint\" arrangement=\"Qarrangement\"",
            RoleKind::Controller => "",
        };
        activity(format!(
            "    role {role}{extra}\n    basis contract\n    retain \"2 years\" from=collection\n"
        ));
    }
    let recipients: Vec<String> = (0..words::<RecipientKind>().len()).map(|i| format!("qr{i}")).collect();
    let trackers: Vec<&str> = words::<TrackingPurpose>().into_iter().map(Keyword::as_str).collect();
    let criteria: Vec<&str> = words::<DpiaCriterion>().into_iter().map(Keyword::as_str).collect();
    activity(format!(
        "    basis contract\n    recipients {}\n    tracking {}\n    involves {}\n    retain \"2 years\" from=collection\n",
        recipients.join(" "),
        trackers.join(" "),
        criteria.join(" ")
    ));
    for provision in words::<Provision>() {
        activity(format!(
            "    basis contract\n    provision {provision} consequence=\"Qconsequence\"\n    retain \"2 years\" from=collection\n"
        ));
    }
    for event in words::<RetentionEvent>() {
        activity(format!("    basis contract\n    retain \"3 years\" from={event}\n"));
    }
    for statute in words::<Statute>() {
        activity(format!(
            "    basis legal-obligation law=\"Qlaw\"\n    retain \"7 years\" from=calendar-year-end statute={statute}\n"
        ));
    }
    let organization = "organization \"Qorganization\" {\n    registration \"Q1\"\n    country SE\n    address \"Qaddress\"\n    contact \"Qcontact\" email=\"q@qmail.qq\"\n    dpo \"Qdpo\" email=\"qdpo@qmail.qq\"\n    security \"Qsecurity\"\n    breach-procedure \"Qbreach\"\n    rights-procedure \"Qrights\"\n}\n";
    common::inline(&[
        ("ropa.kdl", ""),
        ("organization.ropa.kdl", organization),
        ("data.ropa.kdl", &data),
        ("parties.ropa.kdl", &parties),
        ("activities.ropa.kdl", &activities),
    ])
}

/// The words a reader sees: tags, styles and entities removed.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        rest = rest[start..].split_once("</style>").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Words of the text, without the spec's own (`Q…`, ids `q…`).
fn report_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty() && !w.starts_with(['Q', 'q']))
        .map(str::to_owned)
        .collect()
}

fn lowercase_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// English words the report itself writes, and that `lang` does not also use.
fn english_only(lang: Lang) -> BTreeSet<String> {
    let mut english = BTreeSet::new();
    let mut own = BTreeSet::new();
    for key in Key::ALL {
        english.extend(lowercase_words(i18n::text(Lang::En, *key)));
        own.extend(lowercase_words(i18n::text(lang, *key)));
    }
    english.difference(&own).cloned().collect()
}

/// Kebab-case words of the spec language: node and property names, keywords.
fn spec_keywords() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for root in [&schema::SPEC_FILE, &schema::CONFIG_FILE] {
        for (_, node) in schema::walk(root) {
            out.insert(node.name.to_owned());
            out.extend(node.props.iter().map(|p| p.name.to_owned()));
        }
    }
    fn add<K: Keyword>(out: &mut BTreeSet<String>) {
        out.extend(K::WORDS.iter().map(|(_, w, _)| (*w).to_owned()));
    }
    add::<LegalBasis>(&mut out);
    add::<Mechanism>(&mut out);
    add::<Art9Condition>(&mut out);
    add::<SpecialCategory>(&mut out);
    add::<DerogationGround>(&mut out);
    add::<RoleKind>(&mut out);
    add::<RecipientKind>(&mut out);
    add::<TrackingPurpose>(&mut out);
    add::<DpiaCriterion>(&mut out);
    add::<Provision>(&mut out);
    add::<RetentionEvent>(&mut out);
    add::<Statute>(&mut out);
    out.retain(|w| w.contains('-'));
    out
}

fn documents(lang: Lang) -> Vec<(String, String)> {
    let workspace = every_keyword();
    let mut out = Vec::new();
    for kind in [Kind::Record, Kind::Transfers, Kind::Notice] {
        for format in [Format::Html, Format::Markdown] {
            let rendered = common::render(&workspace, &common::options(kind, format, lang));
            // Markdown carries HTML anchors, links to them and GitHub's
            // alert markers: not read as words.
            let text = visible(&rendered)
                .replace("](#", "](")
                .replace("[!NOTE]", "")
                .replace("[!WARNING]", "")
                .replace("[!CAUTION]", "")
                .replace("[!IMPORTANT]", "")
                .replace("[!TIP]", "");
            let text = text
                .split("](")
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part
                    } else {
                        part.split_once(')').map_or(part, |(_, rest)| rest)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            out.push((format!("{} {}", kind.as_str(), format.as_str()), text));
        }
    }
    for kind in [Kind::Record, Kind::Transfers] {
        let rendered = common::render(&workspace, &common::options(kind, Format::Csv, lang));
        out.push((format!("{} csv", kind.as_str()), rendered));
    }
    let map = common::render(&workspace, &common::options(Kind::Transfers, Format::Svg, lang));
    out.push(("transfers svg".to_owned(), visible(&map)));
    out
}

#[test]
fn no_spec_keyword_or_english_word_in_a_nordic_report() {
    let keywords = spec_keywords();
    let mut failures = Vec::new();
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        let english = english_only(lang);
        let mut leaks = BTreeSet::new();
        for (what, text) in documents(lang) {
            for word in report_words(&text) {
                let lower = word.to_lowercase();
                if keywords.contains(&lower) {
                    leaks.insert(format!("{what}: keyword `{word}`"));
                }
                for part in lower.split(['-', '_']) {
                    if english.contains(part) {
                        leaks.insert(format!("{what}: English `{word}`"));
                    }
                }
            }
        }
        if !leaks.is_empty() {
            failures.push(format!(
                "{}: {} leaks:\n{}",
                lang.code(),
                leaks.len(),
                Vec::from_iter(leaks).join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Labels that are rightly the same word in English and the language.
const SAME_IN_ENGLISH: &[&str] = &[
    // A proper name, the Commission's own.
    "EU–US Data Privacy Framework",
    // The Danish text of Art. 4(26) spells it so.
    "international organisation",
];

fn untranslated<K: Keyword + Label>(lang: Lang, out: &mut Vec<String>) {
    for (keyword, word, _) in K::WORDS {
        let label = i18n::label(lang, *keyword);
        if label == i18n::label(Lang::En, *keyword) && !SAME_IN_ENGLISH.contains(&label) {
            out.push(format!("{} `{word}`: {label}", lang.code()));
        }
    }
}

#[test]
fn every_keyword_has_its_own_label_in_every_language() {
    let mut out = Vec::new();
    for lang in [Lang::Sv, Lang::Da, Lang::Nb] {
        untranslated::<LegalBasis>(lang, &mut out);
        untranslated::<Mechanism>(lang, &mut out);
        untranslated::<Art9Condition>(lang, &mut out);
        untranslated::<SpecialCategory>(lang, &mut out);
        untranslated::<DerogationGround>(lang, &mut out);
        untranslated::<RoleKind>(lang, &mut out);
        untranslated::<RecipientKind>(lang, &mut out);
        untranslated::<TrackingPurpose>(lang, &mut out);
        untranslated::<DpiaCriterion>(lang, &mut out);
        untranslated::<Provision>(lang, &mut out);
        untranslated::<RetentionEvent>(lang, &mut out);
        untranslated::<Statute>(lang, &mut out);
    }
    assert!(out.is_empty(), "labels the same as the English:\n{}", out.join("\n"));
}

#[test]
fn the_generated_workspace_uses_every_retention_event_and_location() {
    // The test above proves nothing about a word the workspace never uses.
    let text = common::render(&every_keyword(), &common::options(Kind::All, Format::Html, Lang::En));
    for event in words::<RetentionEvent>() {
        assert!(
            text.contains(i18n::label(Lang::En, event)),
            "`{}` not rendered",
            event.as_str()
        );
    }
    for key in [Key::StoredIn, Key::AccessedFrom, Key::ParentCompany] {
        assert!(text.contains(i18n::text(Lang::En, key)), "{key:?} not rendered");
    }
}
