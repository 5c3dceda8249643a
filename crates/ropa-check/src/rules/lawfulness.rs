//! Lawfulness: every activity has a purpose and a legal basis, and each
//! basis carries the evidence the GDPR asks of it.

use ropa_law::FactTable;
use ropa_syntax::Span;
use ropa_syntax::model::{Activity, DataCategory};
use ropa_syntax::values::{Citation, Keyword, LegalBasis, Provision, Severity, TrackingPurpose, vague_law};

use super::{Category, Rule, RuleInfo};
use crate::context::{Context, given, is_controller};
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;

pub(crate) const MISSING_PURPOSE: RuleInfo = RuleInfo {
    id: "missing-purpose",
    category: Category::Lawfulness,
    default_severity: Severity::Error,
    severity_reason: "Error: the purpose is a mandatory element of the record (Art. 30(1)(b)).",
    summary: "an activity states no purpose",
    articles: &[
        Citation::gdpr(5).paragraph(1).point('b'),
        Citation::gdpr(30).paragraph(1).point('b'),
        Citation::gdpr(13).paragraph(1).point('c'),
    ],
    guidance: &["Article 29 Working Party, Opinion 03/2013 on purpose limitation (WP203)"],
    explanation: "Personal data may only be collected for specified, explicit and legitimate purposes (purpose limitation). The purpose is the first thing the record of processing must state for each activity, and what the privacy notice tells people. Without it, neither the legal basis nor the retention period can be judged.",
    bad: "activity crm {\n    data contact\n    basis contract\n}",
    good: "activity crm {\n    purpose \"Manage the customer relationship and deliver what was ordered\"\n    data contact\n    basis contract\n}",
    fix: "Add `purpose \"…\"` saying specifically why the data is processed. \"Business purposes\" is not specific; \"Invoice customers for hosting services\" is.",
    facts: &[],
};

pub(crate) const MISSING_LEGAL_BASIS: RuleInfo = RuleInfo {
    id: "missing-legal-basis",
    category: Category::Lawfulness,
    default_severity: Severity::Error,
    severity_reason: "Error: processing without an Art. 6(1) basis is unlawful (Art. 6(1)).",
    summary: "a controller activity names no legal basis",
    articles: &[
        Citation::gdpr(6).paragraph(1),
        Citation::gdpr(5).paragraph(1).point('a'),
        Citation::gdpr(5).paragraph(2),
        Citation::gdpr(13).paragraph(1).point('c'),
    ],
    guidance: &["EDPB Guidelines 2/2019 on Art. 6(1)(b) in the context of online services (v2.0, 8 October 2019)"],
    explanation: "Processing is lawful only if at least one of the six bases of Art. 6(1) applies, and the controller must be able to show which (accountability, Art. 5(2)). The privacy notice must name the basis for each purpose. Activities where the organization is a processor are exempt: there the controller decides the basis.",
    bad: "activity newsletter {\n    purpose \"Send the monthly newsletter\"\n}",
    good: "activity newsletter {\n    purpose \"Send the monthly newsletter\"\n    basis consent withdrawal=\"Unsubscribe link in every e-mail\" records=\"Sign-up log\"\n}",
    fix: "Add a `basis` node: consent, contract, legal-obligation, vital-interests, public-task or legitimate-interests, with its evidence.",
    facts: &[],
};

pub(crate) const CONSENT_ONLY_BASIS: RuleInfo = RuleInfo {
    id: "consent-only-basis",
    category: Category::Lawfulness,
    default_severity: Severity::Warning,
    severity_reason: "Warning by default, a judgement on whether consent is free (Art. 7(4)); error where an imbalance of power makes it a likely infringement (Recital 43).",
    summary: "consent is the only legal basis of an activity",
    articles: &[
        Citation::gdpr(6).paragraph(1).point('a'),
        Citation::gdpr(7).paragraph(3),
        Citation::gdpr(7).paragraph(4),
        Citation::Recital(42),
        Citation::Recital(43),
    ],
    guidance: &[
        "EDPB Guidelines 05/2020 on consent under Regulation 2016/679 (v1.1, 4 May 2020), §§ 13-36: freely given; § 21: employees; §§ 26-36: conditionality",
    ],
    explanation: "Consent must be freely given and can be withdrawn at any time, after which the processing must stop. The rule judges the context the record states, not the keyword. Where there is an imbalance of power, as between employer and employee (subjects with `employees=#true`), consent is rarely free (Recital 43; EDPB Guidelines 05/2020 § 21): reported as an error. Where providing the data is a condition of a contract (`provision contractual` or `pre-contract`), consent is bundled with the contract (Art. 7(4)) and the processing is probably necessary for the contract itself: reported as a warning, since it needs a person's judgement. Consent freely given for something people may refuse, such as a newsletter, is the right basis and raises nothing here; its withdrawal and records are checked by their own rules. Activities that place trackers on a device are exempt: the ePrivacy Directive requires consent for them.",
    bad: "subjects staff \"Our employees\" employees=#true\nactivity staff-photos {\n    subjects staff\n    basis consent withdrawal=\"E-mail HR\" records=\"HR system\"\n}",
    good: "subjects staff \"Our employees\" employees=#true\nactivity staff-photos {\n    subjects staff\n    basis legitimate-interests interest=\"Staff directory\" assessment=\"LIA-2024-02\"\n}",
    fix: "Name the basis the processing really rests on: `contract` where the contract needs the data, `legal-obligation` where a law does, `legitimate-interests` with a balancing test otherwise. Keep consent only where people can refuse it without any detriment, and then not as a condition of the contract.",
    facts: &[],
};

pub(crate) const CONSENT_WITHOUT_WITHDRAWAL: RuleInfo = RuleInfo {
    id: "consent-without-withdrawal",
    category: Category::Lawfulness,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the consent may be sound, but the record does not show the Art. 7(3) withdrawal route, a gap a DPO should close.",
    summary: "a consent basis does not say how consent is withdrawn",
    articles: &[
        Citation::gdpr(7).paragraph(3),
        Citation::gdpr(13).paragraph(2).point('c'),
    ],
    guidance: &["EDPB Guidelines 05/2020 on consent (v1.1, 4 May 2020), §§ 113-117"],
    explanation: "People may withdraw consent at any time, and withdrawing must be as easy as giving it. They must be told so before they consent. The record should say how it is done: an unsubscribe link, a setting, an e-mail address.",
    bad: "basis consent records=\"Sign-up log\"",
    good: "basis consent withdrawal=\"Unsubscribe link in every e-mail\" records=\"Sign-up log\"",
    fix: "Add `withdrawal=\"…\"` to the consent basis, describing how consent is withdrawn.",
    facts: &[],
};

pub(crate) const CONSENT_WITHOUT_RECORDS: RuleInfo = RuleInfo {
    id: "consent-without-records",
    category: Category::Lawfulness,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the consent may be sound, but the record does not show the Art. 7(1) proof, a gap a DPO should close.",
    summary: "a consent basis does not say where consents are recorded",
    articles: &[Citation::gdpr(7).paragraph(1), Citation::gdpr(5).paragraph(2)],
    guidance: &["EDPB Guidelines 05/2020 on consent (v1.1, 4 May 2020), §§ 104-108"],
    explanation: "Where processing rests on consent, the controller must be able to demonstrate that each person consented: when, to what, and how. The record should say where that evidence is kept.",
    bad: "basis consent withdrawal=\"Unsubscribe link\"",
    good: "basis consent withdrawal=\"Unsubscribe link\" records=\"Sign-up log in the CRM, with time stamp and form version\"",
    fix: "Add `records=\"…\"` to the consent basis, naming where consents are logged.",
    facts: &[],
};

pub(crate) const LEGITIMATE_INTERESTS_WITHOUT_ASSESSMENT: RuleInfo = RuleInfo {
    id: "legitimate-interests-without-assessment",
    category: Category::Lawfulness,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the interests may prevail, but the balancing test is a judgement the record must show (Art. 5(2)).",
    summary: "legitimate interests are relied on without a balancing test or a stated interest",
    articles: &[
        Citation::gdpr(6).paragraph(1).point('f'),
        Citation::gdpr(13).paragraph(1).point('d'),
        Citation::gdpr(5).paragraph(2),
        Citation::Recital(47),
    ],
    guidance: &[
        "EDPB Guidelines 1/2024 on processing of personal data based on Article 6(1)(f) GDPR (v1.0, 8 October 2024)",
        "CJEU C-252/21 Meta Platforms v Bundeskartellamt (4 July 2023), para. 106",
    ],
    explanation: "Legitimate interests is lawful only after three cumulative tests: a legitimate interest is pursued, the processing is necessary for it, and the data subjects' interests and rights do not override it. The controller must be able to show that balancing test, and must tell people which interest it relies on.",
    bad: "basis legitimate-interests",
    good: "basis legitimate-interests interest=\"Preventing fraudulent orders\" assessment=\"LIA-2024-03\"",
    fix: "Add `interest=\"…\"` (the interest pursued) and `assessment=\"…\"` (where the documented balancing test is).",
    facts: &[],
};

pub(crate) const LEGAL_OBLIGATION_WITHOUT_LAW: RuleInfo = RuleInfo {
    id: "legal-obligation-without-law",
    category: Category::Lawfulness,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the obligation may exist, but the record does not name it, a gap a DPO should close.",
    summary: "a legal-obligation or public-task basis cites no law, or one too vague to verify",
    articles: &[
        Citation::gdpr(6).paragraph(1).point('c'),
        Citation::gdpr(6).paragraph(1).point('e'),
        Citation::gdpr(6).paragraph(3),
        Citation::Recital(41),
        Citation::Recital(45),
    ],
    guidance: &[],
    explanation: "A legal obligation or a public task must be laid down by Union or Member State law. Naming the law (and its section) is what shows the basis is real and tells how long the law requires the data to be kept. A citation that only gives examples (\"for example, the Accounting Act\", \"t.ex. bokföringslagen\", \"z.B. HGB\") or points at law in general (\"applicable legislation\", \"gällande lagstiftning\") does not identify the obligation and is reported too; so is a placeholder.",
    bad: "basis legal-obligation",
    good: "basis legal-obligation law=\"Bokföringslagen (1999:1078) 7 kap. 2 §\"",
    fix: "Add `law=\"…\"` naming the act and section that imposes the obligation or lays down the task.",
    facts: &[],
};

pub(crate) const CHILD_CONSENT_BELOW_AGE: RuleInfo = RuleInfo {
    id: "child-consent-below-age",
    category: Category::Lawfulness,
    default_severity: Severity::Error,
    severity_reason: "Error: a child's own consent below the national age is invalid (Art. 8(1)), so the processing has no basis.",
    summary: "consent is relied on for children without parental authorisation",
    articles: &[
        Citation::gdpr(8).paragraph(1),
        Citation::gdpr(8).paragraph(2),
        Citation::Recital(38),
    ],
    guidance: &["EDPB Guidelines 05/2020 on consent (v1.1, 4 May 2020), §§ 125-140"],
    explanation: "For information society services offered directly to a child, a child's own consent is valid only from the age set by the Member State (13 to 16). Below it, consent must be given or authorised by the holder of parental responsibility, and the controller must make reasonable efforts to verify that. The age that applies is that of the organization's country.",
    bad: "subjects pupils \"Pupils\" children=#true\nactivity app {\n    subjects pupils\n    basis consent withdrawal=\"App settings\" records=\"Consent log\"\n}",
    good: "activity app {\n    subjects pupils\n    basis consent withdrawal=\"App settings\" records=\"Consent log\" parental=#true\n}",
    fix: "Obtain consent from a parent for children under the age and say so with `parental=#true`, or use another legal basis.",
    facts: &[FactTable::ConsentAge],
};

pub(crate) const SPECIAL_CATEGORY_WITHOUT_CONDITION: RuleInfo = RuleInfo {
    id: "special-category-without-condition",
    category: Category::Lawfulness,
    default_severity: Severity::Error,
    severity_reason: "Error: special category data without an Art. 9(2) condition is a likely infringement (Art. 9(1)).",
    summary: "special category data is processed without an Art. 9(2) condition",
    articles: &[Citation::gdpr(9).paragraph(1), Citation::gdpr(9).paragraph(2)],
    guidance: &[],
    explanation: "Processing health, biometric, genetic data and the other special categories is prohibited unless one of the conditions of Art. 9(2) applies, in addition to an Art. 6 legal basis. Explicit consent, employment law and health care are the common ones. A condition's `law=` that only gives examples or points at law in general is reported as a warning: it does not show which law the condition rests on.",
    bad: "data sick-leave \"Sick leave\" special=health\nactivity payroll {\n    data sick-leave\n    basis legal-obligation law=\"Sjuklönelagen (1991:1047)\"\n}",
    good: "activity payroll {\n    data sick-leave\n    basis legal-obligation law=\"Sjuklönelagen (1991:1047)\"\n    condition employment law=\"Sjuklönelagen (1991:1047)\"\n}",
    fix: "Add `condition …` naming the Art. 9(2) condition, with `law=\"…\"` where it rests on law.",
    facts: &[],
};

pub(crate) const CRIMINAL_DATA_WITHOUT_AUTHORITY: RuleInfo = RuleInfo {
    id: "criminal-data-without-authority",
    category: Category::Lawfulness,
    default_severity: Severity::Error,
    severity_reason: "Error: criminal data without legal authority is a likely infringement (Art. 10).",
    summary: "criminal convictions data is processed without official authority or a law allowing it",
    articles: &[Citation::gdpr(10)],
    guidance: &[],
    explanation: "Data on criminal convictions and offences may only be processed under the control of official authority or when Union or Member State law authorises it with appropriate safeguards. A private employer may, for example, only check criminal records where a national law allows it for that kind of job. A `law=` that only gives examples or points at law in general is read as none.",
    bad: "data records \"Criminal record extracts\" criminal=#true\nactivity hiring {\n    data records\n}",
    good: "activity hiring {\n    data records\n    criminal-authority law=\"Lag (2013:852) om registerkontroll av personer som ska arbeta med barn\"\n}",
    fix: "Add `criminal-authority law=\"…\"` naming the law that authorises the processing, or stop processing the data.",
    facts: &[],
};

pub(crate) const TRACKING_WITHOUT_CONSENT: RuleInfo = RuleInfo {
    id: "tracking-without-consent",
    category: Category::Lawfulness,
    default_severity: Severity::Error,
    severity_reason: "Error: storing or reading trackers without consent is a likely infringement (ePrivacy Art. 5(3)).",
    summary: "analytics, advertising or social-media trackers are used without consent",
    articles: &[
        Citation::eprivacy(5).paragraph(3),
        Citation::gdpr(4).paragraph(11),
        Citation::gdpr(7),
    ],
    guidance: &[
        "CJEU C-673/17 Planet49 (1 October 2019)",
        "CJEU C-40/17 Fashion ID (29 July 2019)",
        "EDPB Guidelines 2/2023 on the technical scope of Art. 5(3) of the ePrivacy Directive (v2.0, 7 October 2024)",
    ],
    explanation: "Storing or reading information on a user's device (cookies, pixels, SDKs, fingerprinting) needs the user's prior consent, unless it is strictly necessary for a service the user asked for. Analytics, advertising and social-media pixels are not strictly necessary. A tracker named with `trackers` (the Meta Pixel, Google Analytics, Hotjar, …) counts for the purposes ropa knows it serves. Consent here has the GDPR's meaning: an active opt-in, not a pre-ticked box. Legitimate interests cannot replace it.",
    bad: "activity web-analytics {\n    tracking analytics\n    basis legitimate-interests interest=\"Improve the site\" assessment=\"LIA-1\"\n}",
    good: "activity web-analytics {\n    tracking analytics\n    basis consent withdrawal=\"Cookie settings link in the footer\" records=\"Consent management platform log\"\n}",
    fix: "Ask for consent before the trackers run (a consent banner with an equal reject option) and add `basis consent` with its withdrawal and records.",
    facts: &[ropa_law::FactTable::Trackers],
};

pub(crate) fn check(ctx: &Context, out: &mut Findings) {
    let country = ctx.country();
    ctx.each_activity(out, |out, file, activity| {
        let id = &activity.id;
        if activity.purpose.is_none() {
            out.push(
                Diagnostic::new(
                    Rule::MissingPurpose,
                    file,
                    id.span,
                    format!("activity `{}` states no purpose", id.value),
                )
                .help("add `purpose \"…\"`: why the data is processed, specifically")
                .entity(&id.value),
            );
        }
        if is_controller(activity) && activity.bases.is_empty() {
            out.push(
                Diagnostic::new(
                    Rule::MissingLegalBasis,
                    file,
                    id.span,
                    format!("activity `{}` names no legal basis", id.value),
                )
                .help("add `basis contract`, `basis legal-obligation law=\"…\"`, `basis legitimate-interests …` or another Art. 6(1) basis")
                .entity(&id.value),
            );
        }
        consent(ctx, out, file, activity, country);
        evidence(out, file, activity);
        tracking(out, file, activity);
        special_and_criminal(ctx, out, file, activity);
    });
}

/// Whether the activity stores or reads information on the user's device
/// for more than what is strictly necessary: a tracking purpose, or a named
/// tracker (all of which have such purposes).
fn tracks(activity: &Activity) -> bool {
    activity
        .tracking
        .iter()
        .any(|t| t.value != TrackingPurpose::StrictlyNecessary)
        || !activity.trackers.is_empty()
}

fn consent(
    ctx: &Context,
    out: &mut Vec<Diagnostic>,
    file: FileId,
    activity: &Activity,
    country: Option<ropa_syntax::values::Country>,
) {
    let id = &activity.id.value;
    let Some(consent) = activity.bases.iter().find(|b| b.kind.value == LegalBasis::Consent) else {
        return;
    };
    if given(&consent.withdrawal).is_none() {
        out.push(
            Diagnostic::new(
                Rule::ConsentWithoutWithdrawal,
                file,
                consent.kind.span,
                format!("consent in `{id}` does not say how it is withdrawn"),
            )
            .help("add `withdrawal=\"…\"`: how people withdraw consent, as easily as they gave it")
            .entity(id),
        );
    }
    if given(&consent.records).is_none() {
        out.push(
            Diagnostic::new(
                Rule::ConsentWithoutRecords,
                file,
                consent.kind.span,
                format!("consent in `{id}` does not say where consents are recorded"),
            )
            .help("add `records=\"…\"`: where the evidence of each consent is kept")
            .entity(id),
        );
    }
    let subjects = ctx.subjects_of(activity);
    if !consent.parental && subjects.iter().any(|s| s.children) {
        let (age, place) = match country.and_then(ropa_law::digital_consent_age) {
            Some(fact) => (
                fact.age,
                format!("in {} ({})", country.map_or("", |c| c.name()), fact.law),
            ),
            None => (
                ropa_law::DEFAULT_CONSENT_AGE,
                "by default (Art. 8(1); the organization has no EEA country)".to_owned(),
            ),
        };
        out.push(
            Diagnostic::new(
                Rule::ChildConsentBelowAge,
                file,
                consent.kind.span,
                format!("`{id}` relies on the consent of children; below {age} it must come from a parent"),
            )
            .help(format!(
                "the Art. 8 age is {age} {place}: obtain parental consent and add `parental=#true`, or use another basis"
            ))
            .entity(id),
        );
    }
    let only_consent = activity.bases.iter().all(|b| b.kind.value == LegalBasis::Consent);
    if !only_consent || tracks(activity) {
        return;
    }
    // Judged by the context the record states; consent for something people
    // may freely refuse (a newsletter) is sound and raises nothing.
    let employees = subjects.iter().any(|s| s.employees);
    let conditional = activity
        .provision
        .as_ref()
        .is_some_and(|p| matches!(p.kind.value, Provision::Contractual | Provision::PreContract));
    let finding = |message: String, help: &'static str| {
        Diagnostic::new(Rule::ConsentOnlyBasis, file, consent.kind.span, message)
            .help(help)
            .entity(id)
    };
    if employees {
        let mut employees = finding(
            format!("`{id}` relies on the consent of employees alone"),
            "employees can rarely consent freely (Recital 43; EDPB Guidelines 05/2020 § 21): use the basis the processing really rests on",
        );
        employees.severity = Severity::Error;
        out.push(employees);
    } else if conditional {
        out.push(finding(
            format!("`{id}` makes consent a condition of the contract"),
            "consent bundled with a contract is presumed not free (Art. 7(4)): if the contract needs the data, use `basis contract`; if it does not, make providing the data voluntary",
        ));
    }
}

fn evidence(out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    let id = &activity.id.value;
    for basis in &activity.bases {
        match basis.kind.value {
            LegalBasis::LegitimateInterests
                if given(&basis.assessment).is_none() || given(&basis.interest).is_none() =>
            {
                let missing = match (given(&basis.interest).is_none(), given(&basis.assessment).is_none()) {
                    (true, true) => "names no interest and no balancing test",
                    (true, false) => "names no interest",
                    _ => "has no balancing test",
                };
                out.push(
                    Diagnostic::new(
                        Rule::LegitimateInterestsWithoutAssessment,
                        file,
                        basis.kind.span,
                        format!("the legitimate-interests basis of `{id}` {missing}"),
                    )
                    .help("add `interest=\"…\"` (the interest pursued) and `assessment=\"…\"` (the documented balancing test)")
                    .entity(id),
                );
            }
            LegalBasis::LegalObligation | LegalBasis::PublicTask => match given(&basis.law) {
                None => out.push(
                    Diagnostic::new(
                        Rule::LegalObligationWithoutLaw,
                        file,
                        basis.kind.span,
                        format!("`{}` in `{id}` cites no law", basis.kind.value),
                    )
                    .help("add `law=\"…\"`: the act and section (Art. 6(3))")
                    .entity(id),
                ),
                Some(law) => {
                    if let Some(why) = vague_law(&law.value) {
                        out.push(
                            Diagnostic::new(
                                Rule::LegalObligationWithoutLaw,
                                file,
                                law.span,
                                format!(
                                    "the law of `{}` in `{id}` {why}: it is too vague to verify",
                                    basis.kind.value
                                ),
                            )
                            .help("name the act and section the obligation or task rests on (Art. 6(3)), such as \"Bokföringslagen (1999:1078) 7 kap. 2 §\"; list each act that applies")
                            .entity(id),
                        );
                    }
                }
            },
            _ => {}
        }
    }
}

fn tracking(out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    if !tracks(activity) || activity.has_basis(LegalBasis::Consent) {
        return;
    }
    let id = &activity.id.value;
    let first = activity
        .tracking
        .iter()
        .find(|t| t.value != TrackingPurpose::StrictlyNecessary)
        .map(|t| (t.span, format!("`{id}` uses {} trackers without consent", t.value)));
    // A named tracker: its purposes come from the facts about it.
    let named = || {
        activity.trackers.first().map(|t| {
            let facts = ropa_law::tracker_facts(t.value);
            let purposes: Vec<&str> = facts.purposes.iter().map(|p| p.as_str()).collect();
            (
                t.span,
                format!("`{id}` uses {} ({}) without consent", facts.name, purposes.join(", ")),
            )
        })
    };
    let Some((span, message)) = first.or_else(named) else {
        return;
    };
    out.push(
        Diagnostic::new(Rule::TrackingWithoutConsent, file, span, message)
        .help("trackers that are not strictly necessary need prior consent (ePrivacy Art. 5(3)): add `basis consent withdrawal=\"…\" records=\"…\"`")
        .entity(id),
    );
}

/// Where the activity names a data category (its id, if it somehow does not).
fn data_reference(activity: &Activity, category: &DataCategory) -> Span {
    activity
        .data
        .iter()
        .find(|r| r.value == category.id.value)
        .map_or(activity.id.span, |r| r.span)
}

fn special_and_criminal(ctx: &Context, out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    let id = &activity.id.value;
    let data = ctx.data_of(activity);
    if activity.conditions.is_empty()
        && let Some(special) = data.iter().find_map(|d| d.special.as_ref().map(|s| (d, s)))
    {
        let (category, kind) = special;
        let span = data_reference(activity, category);
        out.push(
                Diagnostic::new(
                    Rule::SpecialCategoryWithoutCondition,
                    file,
                    span,
                    format!("`{id}` processes {} data (`{}`) without an Art. 9(2) condition", kind.value, category.id.value),
                )
                .help("add `condition …` (explicit-consent, employment, health-care, …) with `law=\"…\"` where it rests on law")
                .related(
                    ctx.index().get(&category.id.value).map_or(file, |d| d.file),
                    category.id.span,
                    "declared as special category data here",
                )
                .entity(id),
            );
    }
    // A condition's law (Art. 9(2)(b), (g)-(j)) that only gives examples or
    // points at law in general does not show the condition applies.
    for condition in &activity.conditions {
        if let Some(law) = given(&condition.law)
            && let Some(why) = vague_law(&law.value)
        {
            let mut finding = Diagnostic::new(
                Rule::SpecialCategoryWithoutCondition,
                file,
                law.span,
                format!(
                    "the law of condition `{}` in `{id}` {why}: it is too vague to verify",
                    condition.kind.value
                ),
            )
            .help("name the act and section the Art. 9(2) condition rests on")
            .entity(id);
            finding.severity = Severity::Warning;
            out.push(finding);
        }
    }
    let law = activity.criminal_authority.as_ref().and_then(|a| given(&a.law));
    let vague = law.and_then(|l| vague_law(&l.value));
    if (law.is_none() || vague.is_some())
        && let Some(category) = data.iter().find(|d| d.criminal)
    {
        let span = data_reference(activity, category);
        out.push(
            Diagnostic::new(
                Rule::CriminalDataWithoutAuthority,
                file,
                span,
                match vague {
                    Some(why) => format!(
                        "`{id}` processes criminal convictions data (`{}`), and the law given for it {why}: it is too vague to verify",
                        category.id.value
                    ),
                    None => format!(
                        "`{id}` processes criminal convictions data (`{}`) without a law authorising it",
                        category.id.value
                    ),
                },
            )
            .help("add `criminal-authority law=\"…\"` naming the law that allows it (Art. 10)")
            .entity(id),
        );
    }
}
