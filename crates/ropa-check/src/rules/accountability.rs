//! Accountability: the record is complete, high-risk processing is
//! assessed, and the organization has a DPO where required and the
//! procedures the GDPR expects.

use ropa_syntax::SmolStr;
use ropa_syntax::model::{Activity, Dpia, Dpo};
use ropa_syntax::values::{Citation, DpiaCriterion, RoleKind, Severity, is_placeholder};

use super::{Category, Rule, RuleInfo};
use crate::context::{Context, given};
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;

pub(crate) const RECORD_INCOMPLETE: RuleInfo = RuleInfo {
    id: "record-incomplete",
    category: Category::Accountability,
    default_severity: Severity::Error,
    severity_reason: "Error: data subjects, data categories, the controller a processor works for and the organization's contact details are mandatory elements of the record (Art. 30(1)(a), (c), 30(2)(a)); a missing country or region, which only decides the competent authority, is a warning.",
    summary: "a field the record of processing must contain is missing",
    articles: &[
        Citation::gdpr(30).paragraph(1),
        Citation::gdpr(30).paragraph(2),
        Citation::gdpr(26).paragraph(1),
    ],
    guidance: &[
        "EDPB, Record of processing activities: controller and processor templates (national authorities' Art. 30 templates)",
    ],
    explanation: "The record of processing activities lists, for a controller: its name and contact details, the purposes, the categories of data subjects and of personal data, the recipients, transfers, retention and security measures (Art. 30(1)). A processor's record names each controller it works for (Art. 30(2)). Joint controllers must identify each other (Art. 26). ropa reports the fields that are missing; purposes, retention, transfers and security have rules of their own.",
    bad: "activity support {\n    purpose \"Answer support tickets\"\n    basis contract\n}",
    good: "activity support {\n    purpose \"Answer support tickets\"\n    subjects customers\n    data contact tickets\n    basis contract\n}",
    fix: "Add the missing field named in the finding.",
    facts: &[],
};

pub(crate) const DPIA_REQUIRED: RuleInfo = RuleInfo {
    id: "dpia-required",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning where two WP248 criteria call for a human judgement of high risk (Art. 35(1)); error in the Art. 35(3) cases, where a DPIA is always mandatory; never for an activity performed as processor, since Art. 35 binds the controller.",
    summary: "an activity that likely needs a data protection impact assessment has none",
    articles: &[Citation::gdpr(35).paragraph(1), Citation::gdpr(35).paragraph(3)],
    guidance: &[
        "Article 29 Working Party, Guidelines on DPIA (WP248 rev.01, 4 October 2017), section III.B.a: nine criteria, two or more usually require a DPIA",
    ],
    explanation: "A DPIA is required where processing is likely to result in a high risk. Art. 35(3) names three cases where it always is: systematic and extensive evaluation with legal or similarly significant effects, large-scale special or criminal data, and large-scale systematic monitoring of a public area. Beyond these, WP248 lists nine criteria; processing meeting two or more usually needs a DPIA. ropa counts the criteria from the spec: sensitive data (`special=`, `criminal=`), vulnerable subjects (`children`, `employees`, `vulnerable`), automated decisions, and those listed with `involves`. National authorities' Art. 35(4) lists may add more. Where two criteria apply but you concluded no high risk exists, document why with `dpia none reason=\"…\"`; in the Art. 35(3) cases a DPIA is mandatory (reported as an error).",
    bad: "subjects staff \"Our employees\" employees=#true\ndata sick-notes \"Doctor's certificates\" special=health\nactivity sick-leave {\n    subjects staff\n    data sick-notes\n}",
    good: "activity sick-leave {\n    subjects staff\n    data sick-notes\n    dpia \"DPIA-2025-01\"\n}",
    fix: "Carry out the DPIA (Art. 35(7): description, necessity, risks, measures) and reference it with `dpia \"…\"`, or, outside the Art. 35(3) cases, document why none is needed with `dpia none reason=\"…\"`.",
    facts: &[],
};

pub(crate) const DPO_REQUIRED: RuleInfo = RuleInfo {
    id: "dpo-required",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: whether the large-scale processing is a core activity (Art. 37(1)(b), (c)) is a judgement a human must make.",
    summary: "the activities meet an Art. 37(1) condition but no data protection officer is appointed",
    articles: &[Citation::gdpr(37).paragraph(1), Citation::gdpr(37).paragraph(7)],
    guidance: &[
        "Article 29 Working Party, Guidelines on Data Protection Officers (WP243 rev.01, 5 April 2017), section 2.1",
    ],
    explanation: "A DPO must be designated where the core activities consist of processing that requires regular and systematic monitoring of data subjects on a large scale (Art. 37(1)(b)), or of large-scale processing of special category or criminal data (Art. 37(1)(c)); public authorities always need one (Art. 37(1)(a)). ropa detects (b) and (c) from `involves large-scale` with `systematic-monitoring` or with special or criminal data. Whether an activity is 'core' is a judgement: reported as a warning. Some Member States require a DPO in more cases (Germany: BDSG § 38). `dpo none` is a decision the organization must be able to account for: without its `reason` ropa cannot tell whether it holds, and says so.",
    bad: "organization \"Clinic AB\" {\n    dpo none reason=\"Small company\"\n}\ndata health-records \"Patient records\" special=health\nactivity patient-records {\n    data health-records\n    involves large-scale\n}",
    good: "organization \"Clinic AB\" {\n    dpo \"Dana Dahl\" email=\"dpo@clinic.se\"\n}",
    fix: "Designate a DPO, publish the contact details and communicate them to the supervisory authority (Art. 37(7)); record it with `dpo \"Name\" email=\"…\"`.",
    facts: &[],
};

pub(crate) const AUTOMATED_DECISION_WITHOUT_SAFEGUARDS: RuleInfo = RuleInfo {
    id: "automated-decision-without-safeguards",
    category: Category::Accountability,
    default_severity: Severity::Error,
    severity_reason: "Error: a solely automated decision without the Art. 22(3) safeguards is a likely infringement.",
    summary: "a solely automated decision has no safeguards recorded",
    articles: &[
        Citation::gdpr(22).paragraph(1),
        Citation::gdpr(22).paragraph(3),
        Citation::gdpr(13).paragraph(2).point('f'),
    ],
    guidance: &[
        "Article 29 Working Party, Guidelines on automated individual decision-making and profiling (WP251 rev.01, 6 February 2018)",
    ],
    explanation: "Decisions based solely on automated processing that have legal or similarly significant effects are allowed only when necessary for a contract, authorised by law, or based on explicit consent. Even then the controller must implement safeguards: at least the right to obtain human intervention, to express one's point of view and to contest the decision. People must be told the logic involved.",
    bad: "automated-decision \"Credit check before invoice payment\"",
    good: "automated-decision \"Credit check before invoice payment\" safeguards=\"Manual review on request via support; customer may contest\"",
    fix: "Put the safeguards in place and describe them with `safeguards=\"…\"`.",
    facts: &[],
};

pub(crate) const MISSING_SECURITY_MEASURES: RuleInfo = RuleInfo {
    id: "missing-security-measures",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: Art. 30(1)(g) asks for a description of the measures only \"where possible\", so a missing one is a gap.",
    summary: "the record describes no security measures",
    articles: &[
        Citation::gdpr(32),
        Citation::gdpr(30).paragraph(1).point('g'),
        Citation::gdpr(30).paragraph(2).point('d'),
    ],
    guidance: &["ENISA, Handbook on Security of Personal Data Processing (2017)"],
    explanation: "Controllers and processors must implement technical and organizational measures to ensure a level of security appropriate to the risk, and the record should include a general description of them where possible.",
    bad: "organization \"Exempel AB\" {\n    country SE\n}",
    good: "organization \"Exempel AB\" {\n    country SE\n    security \"Access control with MFA\"\n    security \"Encrypted backups, restore tested quarterly\"\n}",
    fix: "Add `security \"…\"` nodes to the organization (general measures) or to activities (specific ones).",
    facts: &[],
};

pub(crate) const MISSING_BREACH_PROCEDURE: RuleInfo = RuleInfo {
    id: "missing-breach-procedure",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: no article makes the procedure itself mandatory; without it the Art. 33 deadline is at risk, a gap a DPO should close.",
    summary: "the organization has no personal data breach procedure",
    articles: &[
        Citation::gdpr(33).paragraph(1),
        Citation::gdpr(33).paragraph(5),
        Citation::gdpr(34),
    ],
    guidance: &["EDPB Guidelines 9/2022 on personal data breach notification under GDPR (v2.0, 28 March 2023)"],
    explanation: "A breach must be notified to the supervisory authority within 72 hours of becoming aware of it, unless it is unlikely to result in a risk, and to the people affected when the risk is high. Every breach must be documented. Meeting the deadline takes a procedure decided in advance.",
    bad: "organization \"Exempel AB\" {\n    country SE\n}",
    good: "organization \"Exempel AB\" {\n    country SE\n    breach-procedure \"Incident routine IR-1: assess within 24 h, notify IMY within 72 h, log every breach\"\n}",
    fix: "Write the procedure down and reference it with `breach-procedure \"…\"`.",
    facts: &[FactTable::SupervisoryAuthorities],
};

pub(crate) const MISSING_RIGHTS_PROCEDURE: RuleInfo = RuleInfo {
    id: "missing-rights-procedure",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: no article makes the procedure itself mandatory; without it the Art. 12(3) one-month deadline is at risk, a gap a DPO should close.",
    summary: "the organization has no procedure for data-subject requests",
    articles: &[
        Citation::gdpr(12).paragraph(2),
        Citation::gdpr(12).paragraph(3),
        Citation::GdprArticles(15, 22),
    ],
    guidance: &["EDPB Guidelines 01/2022 on data subject rights - right of access (v2.0, 28 March 2023)"],
    explanation: "People may ask for access, rectification, erasure, restriction, portability and object to processing. The controller must facilitate this and answer within one month (extendable by two months for complex requests). That takes a known channel and a routine.",
    bad: "organization \"Exempel AB\" {\n    country SE\n}",
    good: "organization \"Exempel AB\" {\n    country SE\n    rights-procedure \"Requests to privacy@exempel.se; identity checked; answered within one month\"\n}",
    fix: "Describe the channel and routine with `rights-procedure \"…\"`.",
    facts: &[],
};

use ropa_law::FactTable;

pub(crate) fn check(ctx: &Context, out: &mut Findings) {
    organization(ctx, out);
    ctx.each_activity(out, |out, file, activity| {
        record(out, file, activity);
        dpia(ctx, out, file, activity);
        for decision in &activity.automated_decisions {
            if given(&decision.safeguards).is_none() {
                out.push(
                    Diagnostic::new(
                        Rule::AutomatedDecisionWithoutSafeguards,
                        file,
                        decision.description.span,
                        format!("automated decision in `{}` has no safeguards recorded", activity.id.value),
                    )
                    .help("describe the Art. 22(3) safeguards (human intervention, contesting the decision) with `safeguards=\"…\"`")
                    .entity(&activity.id.value),
                );
            }
        }
    });
    // The first activity that calls for a DPO: a cheap test (most
    // activities are not large-scale), so a walk of its own.
    let dpo_trigger: Option<(FileId, SmolStr, &'static str)> = ctx
        .activities()
        .find_map(|(file, activity)| dpo_condition(ctx, activity).map(|why| (file, activity.id.value.clone(), why)));
    let Some((org_file, org)) = ctx.index().organization() else {
        return;
    };
    if let Some((_, activity, why)) = dpo_trigger {
        let appointed = matches!(&org.dpo, Some(Dpo::Appointed(dpo)) if !is_placeholder(&dpo.name.value));
        if !appointed {
            let span = match &org.dpo {
                Some(Dpo::NotAppointed { span, .. }) => *span,
                _ => org.name.span,
            };
            out.push(
                Diagnostic::new(
                    Rule::DpoRequired,
                    org_file,
                    span,
                    format!("no DPO is appointed, but `{activity}` involves {why}"),
                )
                .help("designate a DPO (Art. 37) and record it with `dpo \"Name\" email=\"…\"`")
                .entity("organization"),
            );
        }
    } else if let Some(Dpo::NotAppointed { span, reason }) = &org.dpo
        && given(reason).is_none()
    {
        // `dpo none` is a decision; without its reason nobody can check it.
        out.push(
            Diagnostic::new(
                Rule::DpoRequired,
                org_file,
                *span,
                "`dpo none` gives no reason: ropa cannot tell whether Art. 37(1) requires a DPO",
            )
            .help("add `reason=\"…\"` saying why none is required: not a public authority, and no core activity of large-scale monitoring or large-scale special or criminal data (Art. 37(1)); where national law requires more (Germany: BDSG § 38), say why it does not apply")
            .entity("organization"),
        );
    }
}

fn organization(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((file, org)) = ctx.index().organization() else {
        return;
    };
    let name = &org.name;
    let mut findings: Vec<(Rule, String, String)> = Vec::new();
    // Country and region only decide which law and authority apply;
    // Art. 30(1)(a) does not list them, so they are gaps, not errors.
    let mut gaps: Vec<(String, String)> = Vec::new();
    let mut push = |rule: Rule, message: &str, help: &str| findings.push((rule, message.to_owned(), help.to_owned()));
    let contact = org.contact.as_ref().filter(|c| !is_placeholder(&c.name.value));
    let dpo = matches!(&org.dpo, Some(Dpo::Appointed(dpo)) if !is_placeholder(&dpo.name.value));
    if contact.is_none() && !dpo {
        push(
            Rule::RecordIncomplete,
            "the organization gives no contact details",
            "add `contact \"Name\" email=\"…\"` (Art. 30(1)(a), 13(1)(a))",
        );
    }
    if org.country.is_none() {
        gaps.push((
            "the organization gives no country: ropa cannot tell which national law and authority apply".to_owned(),
            "add `country XX` (ISO 3166-1 alpha-2)".to_owned(),
        ));
    }
    let measured = |measures: &[ropa_syntax::model::Text]| measures.iter().any(|m| !is_placeholder(&m.value));
    let activity_security = ctx.index().activities.iter().any(|(_, a)| measured(&a.security));
    if !measured(&org.security) && !activity_security {
        push(
            Rule::MissingSecurityMeasures,
            "the record describes no security measures",
            "add `security \"…\"` nodes describing the technical and organizational measures (Art. 32)",
        );
    }
    let country = org.country.as_ref().map(|c| c.value);
    let competent = country.map(|c| ropa_law::competent_authority(c, org.region.as_ref().map(|r| r.value)));
    if given(&org.breach_procedure).is_none() {
        let to = match competent {
            Some(ropa_law::Competent::Authority(a)) => format!("{} ({})", a.short_name, a.website),
            _ => "the supervisory authority".to_owned(),
        };
        findings.push((
            Rule::MissingBreachProcedure,
            "the organization has no breach procedure".to_owned(),
            format!("add `breach-procedure \"…\"`: how breaches are assessed, notified to {to} within 72 hours and documented"),
        ));
    }
    if given(&org.rights_procedure).is_none() {
        findings.push((
            Rule::MissingRightsProcedure,
            "the organization has no procedure for data-subject requests".to_owned(),
            "add `rights-procedure \"…\"`: where requests go and how they are answered within one month".to_owned(),
        ));
    }
    // Supervision by region (Germany: the Land, BDSG § 40): without the
    // region ropa cannot name the authority, and never falls back on the
    // federal one.
    match (competent, &org.region) {
        (Some(ropa_law::Competent::NeedsRegion(c)), None) => gaps.push((
            format!(
                "the organization is in {} but names no region: ropa cannot tell which authority supervises it",
                c.name()
            ),
            "add `region` with the ISO 3166-2 code of the Land where the organization is established, such as `region DE-BY` (BDSG § 40)".to_owned(),
        )),
        (Some(_), Some(region)) if Some(region.value.country()) != country => gaps.push((
            format!("the region `{}` is not in the organization's country", region.value),
            "give the region of the country of establishment, or correct the country".to_owned(),
        )),
        _ => {}
    }
    for (rule, message, help) in findings {
        let finding = Diagnostic::new(rule, file, name.span, message)
            .help(help)
            .entity("organization");
        out.push(finding);
    }
    for (message, help) in gaps {
        let mut finding = Diagnostic::new(Rule::RecordIncomplete, file, name.span, message)
            .help(help)
            .entity("organization");
        finding.severity = Severity::Warning;
        out.push(finding);
    }
}

fn record(out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    let id = &activity.id.value;
    let mut gaps: Vec<(&str, &str)> = Vec::new();
    if activity.subjects.is_empty() {
        gaps.push(("names no data subjects", "add `subjects ID …` (Art. 30(1)(c))"));
    }
    if activity.data.is_empty() {
        gaps.push((
            "names no categories of personal data",
            "add `data ID …` (Art. 30(1)(c))",
        ));
    }
    if let Some(role) = &activity.role
        && given(&role.counterpart).is_none()
    {
        match role.kind.value {
            RoleKind::Processor => gaps.push((
                "is processed for a controller it does not name",
                "add `for=\"…\"` to the role (Art. 30(2)(a))",
            )),
            RoleKind::JointController => gaps.push((
                "has a joint controller it does not name",
                "add `with=\"…\"` to the role, and `arrangement=\"…\"` (Art. 26)",
            )),
            RoleKind::Controller => {}
        }
    }
    for (what, help) in gaps {
        out.push(
            Diagnostic::new(
                Rule::RecordIncomplete,
                file,
                activity.id.span,
                format!("activity `{id}` {what}"),
            )
            .help(help)
            .entity(id),
        );
    }
}

/// The WP248 criteria an activity meets, and whether an Art. 35(3) case
/// applies.
fn dpia_criteria(ctx: &Context, activity: &Activity) -> (Vec<&'static str>, Option<&'static str>) {
    let mut criteria = Vec::new();
    let data = ctx.data_of(activity);
    let sensitive = data.iter().any(|d| d.special.is_some() || d.criminal);
    if sensitive {
        criteria.push("sensitive data");
    }
    if ctx
        .subjects_of(activity)
        .iter()
        .any(|s| s.children || s.employees || s.vulnerable)
    {
        criteria.push("vulnerable data subjects");
    }
    let involves = |c: DpiaCriterion| activity.involves.iter().any(|i| i.value == c);
    let automated = involves(DpiaCriterion::AutomatedDecisions) || !activity.automated_decisions.is_empty();
    if automated {
        criteria.push("automated decisions");
    }
    for (criterion, name) in [
        (DpiaCriterion::EvaluationScoring, "evaluation or scoring"),
        (DpiaCriterion::SystematicMonitoring, "systematic monitoring"),
        (DpiaCriterion::LargeScale, "large-scale processing"),
        (DpiaCriterion::MatchingDatasets, "matching datasets"),
        (DpiaCriterion::InnovativeTechnology, "innovative technology"),
        (DpiaCriterion::PreventsRights, "preventing the exercise of rights"),
    ] {
        if involves(criterion) {
            criteria.push(name);
        }
    }
    let large = involves(DpiaCriterion::LargeScale);
    let mandatory = if involves(DpiaCriterion::EvaluationScoring) && automated {
        Some("Art. 35(3)(a) (systematic evaluation with automated decisions)")
    } else if large && sensitive {
        Some("Art. 35(3)(b) (large-scale special or criminal data)")
    } else if large && involves(DpiaCriterion::SystematicMonitoring) {
        Some("Art. 35(3)(c) (large-scale systematic monitoring)")
    } else {
        None
    };
    (criteria, mandatory)
}

fn dpia(ctx: &Context, out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    // Art. 35 binds the controller: a processor assists it (Art. 28(3)(f))
    // but does not carry out the DPIA for processing it performs for it.
    if matches!(&activity.role, Some(role) if role.kind.value == RoleKind::Processor) {
        return;
    }
    let id = &activity.id.value;
    let (criteria, mandatory) = dpia_criteria(ctx, activity);
    let listed = criteria.join(", ");
    // A placeholder reference is no DPIA, and a placeholder reason no reason.
    let dpia = match &activity.dpia {
        Some(Dpia::Done(reference)) if is_placeholder(&reference.value) => None,
        Some(Dpia::NotNeeded { span, reason }) => Some(Dpia::NotNeeded {
            span: *span,
            reason: given(reason).cloned(),
        }),
        other => other.clone(),
    };
    let finding = match (&dpia, mandatory) {
        (Some(Dpia::Done(_)), _) => None,
        (Some(Dpia::NotNeeded { span, .. }), Some(case)) => Some(
            Diagnostic::new(Rule::DpiaRequired, file, *span, format!("`{id}` needs a DPIA under {case}"))
                .help("a DPIA is mandatory in this case; `dpia none` cannot apply")
                .entity(id),
        )
        .map(|mut d| {
            d.severity = Severity::Error;
            d
        }),
        (None, Some(case)) => Some(
            Diagnostic::new(Rule::DpiaRequired, file, activity.id.span, format!("`{id}` needs a DPIA under {case}"))
                .help("carry out the DPIA and add `dpia \"reference\"`")
                .entity(id),
        )
        .map(|mut d| {
            d.severity = Severity::Error;
            d
        }),
        (Some(Dpia::NotNeeded { reason: None, span }), None) if criteria.len() >= 2 => Some(
            Diagnostic::new(
                Rule::DpiaRequired,
                file,
                *span,
                format!("`{id}` meets {} DPIA criteria ({listed}) but gives no reason for having none", criteria.len()),
            )
            .help("add `reason=\"…\"` explaining why no high risk remains, or carry out the DPIA")
            .entity(id),
        ),
        (None, None) if criteria.len() >= 2 => Some(
            Diagnostic::new(
                Rule::DpiaRequired,
                file,
                activity.id.span,
                format!("`{id}` meets {} DPIA criteria ({listed}) and has no DPIA", criteria.len()),
            )
            .help("carry out a DPIA and add `dpia \"reference\"`, or document why none is needed with `dpia none reason=\"…\"`")
            .entity(id),
        ),
        _ => None,
    };
    if let Some(finding) = finding {
        out.push(finding);
    }
}

fn dpo_condition(ctx: &Context, activity: &Activity) -> Option<&'static str> {
    let involves = |c: DpiaCriterion| activity.involves.iter().any(|i| i.value == c);
    if !involves(DpiaCriterion::LargeScale) {
        return None;
    }
    if involves(DpiaCriterion::SystematicMonitoring) {
        return Some("large-scale systematic monitoring (Art. 37(1)(b))");
    }
    let data = ctx.data_of(activity);
    if data.iter().any(|d| d.special.is_some() || d.criminal) {
        return Some("large-scale special or criminal data (Art. 37(1)(c))");
    }
    None
}
