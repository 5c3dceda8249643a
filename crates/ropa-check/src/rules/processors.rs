//! Processors and the other parties an activity shares data with: every
//! processor works under a written agreement, judged from the point of view
//! of whoever is party to it, and joint controllers under an arrangement.
//!
//! Whose record this is comes from the activities: in an activity where the
//! organization is controller (or joint controller), the processors it
//! names are its processors (Art. 28(3)); in an activity with `role
//! processor`, they are the organization's own sub-processors (Art. 28(2),
//! 28(4)). A `subprocessor` nested in a processor is engaged by that
//! processor: the agreement with it is the processor's, not the
//! organization's, so its absence from the record is no finding.

use rustc_hash::FxHashMap;

use ropa_syntax::model::{Activity, Dpa, Party, PartyKind, Text};
use ropa_syntax::values::{Citation, RoleKind, Severity, is_placeholder};

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;

pub(crate) const PROCESSOR_WITHOUT_DPA: RuleInfo = RuleInfo {
    id: "processor-without-dpa",
    category: Category::Processors,
    default_severity: Severity::Error,
    severity_reason: "Error: a processor working without an agreement the record says is missing is a likely infringement (Art. 28(3)).",
    summary: "the record says a processor works without a data processing agreement (`dpa none`)",
    articles: &[Citation::gdpr(28).paragraph(3), Citation::gdpr(28).paragraph(9)],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 1.3",
    ],
    explanation: "Processing by a processor must be governed by a contract (or other legal act) in writing, including in electronic form, that sets out the subject matter, duration, nature and purpose of the processing, the data and subjects, and the processor's obligations listed in Art. 28(3). Without it the controller breaches Art. 28, whatever the processor does. This rule reports a processor the record says has no agreement (`dpa none`); a processor whose agreement is simply not referenced is reported by `dpa-not-referenced`. A processor used only in activities where the organization is itself a processor is its sub-processor, and is reported by `subprocessor-without-dpa` instead.",
    bad: "processor crm \"CRM Ltd\" {\n    service \"Customer database\"\n    dpa none\n}",
    good: "processor crm \"CRM Ltd\" {\n    service \"Customer database\"\n    dpa \"2024-03-01\"\n}",
    fix: "Sign a DPA with the processor (most offer one in their terms) and record it with `dpa \"YYYY-MM-DD\"` or `dpa \"reference\"`.",
    facts: &[],
};

pub(crate) const SUBPROCESSOR_WITHOUT_DPA: RuleInfo = RuleInfo {
    id: "subprocessor-without-dpa",
    category: Category::Processors,
    default_severity: Severity::Error,
    severity_reason: "Error: in the processor's own record, a sub-processor without an agreement is a likely infringement (Art. 28(4)).",
    summary: "the record says a sub-processor works without a written agreement (`dpa none`)",
    articles: &[Citation::gdpr(28).paragraph(2), Citation::gdpr(28).paragraph(4)],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 1.6",
    ],
    explanation: "A processor may engage a sub-processor only with the controller's prior written authorisation, and must impose on it the same data protection obligations by contract (Art. 28(4)). That contract is between the processor and its sub-processor: a controller is not party to it. So the rule judges each agreement from the point of view of the party that must hold it. Where the organization is itself a processor (activities with `role processor`), the processors those activities name are its own sub-processors: one with `dpa none` is reported, one with no `dpa` at all is reported by `dpa-not-referenced`. A `subprocessor` nested in a processor is that processor's: the record need not reference its agreement, and is reported only when it says there is none (`dpa none`), which puts the processor in breach of Art. 28(4) and calls the controller's choice of processor into question (Art. 28(1)).",
    bad: "processor crm \"CRM Ltd\" {\n    dpa \"2024-03-01\"\n    subprocessor hosting \"Cloud Ltd\" {\n        dpa none\n    }\n}",
    good: "processor crm \"CRM Ltd\" {\n    dpa \"2024-03-01\"\n    subprocessor hosting \"Cloud Ltd\"\n}",
    fix: "A processor must bind each of its sub-processors by a written agreement (Art. 28(4)): have it put one in place, or stop using the sub-processor. Where the organization is the processor, sign it and record it with `dpa \"…\"`.",
    facts: &[],
};

pub(crate) const DPA_NOT_REFERENCED: RuleInfo = RuleInfo {
    id: "dpa-not-referenced",
    category: Category::Processors,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the agreement may exist, but the record does not reference it, a gap a DPO should close (Art. 5(2)).",
    summary: "a processor's data processing agreement is not referenced, so the record cannot show that one exists",
    articles: &[
        Citation::gdpr(28).paragraph(3),
        Citation::gdpr(28).paragraph(4),
        Citation::gdpr(5).paragraph(2),
    ],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, sections 1.3 and 1.6",
    ],
    explanation: "A processor without a `dpa` node may well work under an agreement: the record just does not say. ropa cannot tell, so it does not report a breach, but it does not assume the agreement exists either: the controller must be able to demonstrate compliance (Art. 5(2)), and the record is where an auditor looks. A `dpa` whose value is a placeholder (`\"TODO\"`, `\"REFERENCE\"`) references nothing and is reported the same way. Applies to the organization's processors and, in activities where the organization is itself a processor, to its sub-processors; not to a processor's own sub-processors.",
    bad: "processor crm \"CRM Ltd\" {\n    service \"Customer database\"\n}",
    good: "processor crm \"CRM Ltd\" {\n    service \"Customer database\"\n    dpa \"CRM Ltd DPA, signed 2024-03-01\"\n}",
    fix: "Find the agreement and reference it with `dpa \"YYYY-MM-DD\"` (date signed) or `dpa \"reference\"` (a document, a section of the terms). If there is none, say so with `dpa none` and put one in place.",
    facts: &[],
};

pub(crate) const JOINT_CONTROLLER_WITHOUT_ARRANGEMENT: RuleInfo = RuleInfo {
    id: "joint-controller-without-arrangement",
    category: Category::Processors,
    default_severity: Severity::Error,
    severity_reason: "Error: joint controllers must have an arrangement (Art. 26(1)); the record says none exists or names none.",
    summary: "a joint controller has no arrangement on record",
    articles: &[Citation::gdpr(26).paragraph(1), Citation::gdpr(26).paragraph(2)],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 2",
        "CJEU C-210/16 Wirtschaftsakademie Schleswig-Holstein (5 June 2018)",
        "CJEU C-40/17 Fashion ID (29 July 2019)",
    ],
    explanation: "Controllers that jointly determine the purposes and means of processing must set out their respective responsibilities in an arrangement (Art. 26(1)), whose essence is made available to the data subjects (Art. 26(2)). The common case is a social-media pixel or plug-in on a website, or a fan page: the site operator and the platform are joint controllers for the collection and transmission of the visitors' data (Fashion ID; Wirtschaftsakademie). Platforms publish such arrangements (Meta's Controller Addendum, LinkedIn's Page Insights Joint Controller Addendum).",
    bad: "joint-controller meta \"Meta Platforms Ireland Ltd\" {\n    country IE\n}",
    good: "joint-controller meta \"Meta Platforms Ireland Ltd\" {\n    country IE\n    arrangement \"Meta Controller Addendum, accepted 2025-02-01\"\n}",
    fix: "Conclude (or accept) the arrangement and reference it with `arrangement \"…\"`.",
    facts: &[],
};

pub(crate) const TRACKER_WITHOUT_JOINT_CONTROLLER: RuleInfo = RuleInfo {
    id: "tracker-without-joint-controller",
    category: Category::Processors,
    default_severity: Severity::Warning,
    severity_reason: "Warning: whether a social-media tracker makes the site a joint controller is a judgement on the facts (C-40/17).",
    summary: "an activity uses a tracker whose vendor is a joint controller for the collection, but names no joint controller",
    articles: &[
        Citation::gdpr(26).paragraph(1),
        Citation::gdpr(26).paragraph(2),
        Citation::gdpr(30).paragraph(1).point('a'),
    ],
    guidance: &[
        "CJEU C-40/17 Fashion ID (29 July 2019)",
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 2",
    ],
    explanation: "A site that embeds a social-media pixel decides, together with the platform, that its visitors' data is collected and transmitted to the platform: for that stage the two are joint controllers (Fashion ID). Meta's own terms say so for the Meta Pixel (Meta Controller Addendum). The record must name the joint controller (Art. 30(1)(a)) and the arrangement between them (Art. 26). ropa knows which trackers' vendors are joint controllers from its tracker facts.",
    bad: "activity ads {\n    trackers meta-pixel\n    basis consent withdrawal=\"Cookie settings\" records=\"CMP log\"\n}",
    good: "joint-controller meta \"Meta Platforms Ireland Limited\" {\n    country IE\n    arrangement \"Meta Controller Addendum, accepted 2025-02-01\"\n}\nactivity ads {\n    trackers meta-pixel\n    joint-controllers meta\n    basis consent withdrawal=\"Cookie settings\" records=\"CMP log\"\n}",
    fix: "Declare the vendor with `joint-controller ID \"Entity\" { arrangement \"…\" }` and name it in the activity with `joint-controllers ID`.",
    facts: &[ropa_law::FactTable::Trackers],
};

pub(crate) const CONTROLLER_DETAILS_MISSING: RuleInfo = RuleInfo {
    id: "controller-details-missing",
    category: Category::Processors,
    default_severity: Severity::Warning,
    severity_reason: "Warning: the controller is named, but its contact details, representative or DPO are missing, a gap a DPO should close (Art. 30(2)(a)).",
    summary: "the processor record lacks the contact details of a controller it processes for",
    articles: &[
        Citation::gdpr(30).paragraph(2).point('a'),
        Citation::gdpr(27),
        Citation::gdpr(37),
    ],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 1.3",
    ],
    explanation: "Where the organization processes on behalf of a controller (`role processor`), its record must give the name and contact details of each controller, and, where applicable, of the controller's representative (Art. 27, for a controller outside the EU) and its data protection officer (Art. 30(2)(a)). A controller named only in words (`for=\"our customers\"`) has no contact details in the record. Declare it with `controller ID \"Name\" { contact …; dpo …; country … }` and name it with `for=ID`. Whether a representative or a DPO applies depends on facts ropa asks for: the controller's country, and its DPO (or `dpo none`).",
    bad: "activity payroll-service {\n    role processor for=\"our customers\"\n}",
    good: "controller acme \"Acme AB\" {\n    country SE\n    contact \"Privacy team\" email=\"privacy@acme.se\"\n    dpo none reason=\"Not required (Art. 37(1))\"\n}\nactivity payroll-service {\n    role processor for=acme\n}",
    fix: "Declare each controller with `controller ID \"Name\" { contact \"…\" email=\"…\"; country XX; dpo \"…\" }` (and `representative` for a controller outside the EU), and write `role processor for=ID`.",
    facts: &[],
};

/// How the activities that name a processor use it.
#[derive(Clone, Copy, Default)]
struct Use {
    /// Named by an activity where the organization is controller.
    by_controller: bool,
    /// Named by an activity where the organization is a processor: it is the
    /// organization's sub-processor there.
    by_processor: bool,
}

pub(crate) fn check(ctx: &Context, out: &mut Findings) {
    controllers(ctx, out);
    let mut uses: FxHashMap<&str, Use> = FxHashMap::default();
    for (file, activity) in ctx.activities() {
        joint_tracker(out, file, activity);
        let as_processor = activity.role_kind() == RoleKind::Processor;
        for reference in activity.processors.iter() {
            let entry = uses.entry(reference.value.as_str()).or_default();
            if as_processor {
                entry.by_processor = true;
            } else {
                entry.by_controller = true;
            }
        }
    }
    for &(file, party) in &ctx.index().parties {
        match party.kind {
            PartyKind::Processor => {
                let used = uses.get(party.id.value.as_str()).copied().unwrap_or_default();
                // Used only where the organization is the processor: a sub-processor of ours.
                let ours_as_processor = used.by_processor && !used.by_controller;
                own_agreement(out, file, party, ours_as_processor);
            }
            PartyKind::Subprocessor => {
                if let Some(Dpa::Missing(span)) = &party.dpa {
                    out.push(
                        Diagnostic::new(
                            Rule::SubprocessorWithoutDpa,
                            file,
                            *span,
                            format!(
                                "sub-processor `{}` works without a written agreement with the processor that engages it",
                                party.id.value
                            ),
                        )
                        .help("the processor must bind its sub-processor by contract (Art. 28(4)): ask it to, or choose another processor")
                        .entity(&party.id.value),
                    );
                }
            }
            PartyKind::JointController => {
                if party.arrangement.as_ref().is_none_or(|a| is_placeholder(&a.value)) {
                    let span = party.arrangement.as_ref().map_or(party.id.span, |a| a.span);
                    out.push(
                        Diagnostic::new(
                            Rule::JointControllerWithoutArrangement,
                            file,
                            span,
                            format!(
                                "joint controller `{}` has no arrangement on record (Art. 26(1))",
                                party.id.value
                            ),
                        )
                        .help("reference the arrangement with `arrangement \"…\"`")
                        .entity(&party.id.value),
                    );
                }
            }
            PartyKind::Recipient | PartyKind::System => {}
        }
    }
}

/// The agreement between the organization and a processor it engages.
fn own_agreement(out: &mut Vec<Diagnostic>, file: FileId, party: &Party, ours_as_processor: bool) {
    let id = &party.id.value;
    let what = if ours_as_processor {
        "sub-processor"
    } else {
        "processor"
    };
    let not_referenced = |span| {
        Diagnostic::new(
            Rule::DpaNotReferenced,
            file,
            span,
            format!(
                "{what} `{id}`: no data processing agreement is referenced, so the record cannot show that one exists"
            ),
        )
        .help("add `dpa \"date signed or reference\"`, or `dpa none` if there is no agreement")
        .entity(id)
    };
    match &party.dpa {
        Some(Dpa::Signed(_)) => {}
        Some(Dpa::Reference(reference)) if !is_placeholder(&reference.value) => {}
        Some(Dpa::Reference(Text { span, .. })) => out.push(not_referenced(*span)),
        None => out.push(not_referenced(party.id.span)),
        Some(Dpa::Missing(span)) => {
            let rule = if ours_as_processor {
                Rule::SubprocessorWithoutDpa
            } else {
                Rule::ProcessorWithoutDpa
            };
            out.push(
                Diagnostic::new(
                    rule,
                    file,
                    *span,
                    format!("{what} `{id}` works without a data processing agreement"),
                )
                .help("sign an agreement that meets Art. 28(3) and record it with `dpa \"YYYY-MM-DD\"` or `dpa \"reference\"`")
                .entity(id),
            );
        }
    }
}

/// A tracker whose vendor is a joint controller for the collection, in an
/// activity that names no joint controller.
fn joint_tracker(out: &mut Vec<Diagnostic>, file: FileId, activity: &Activity) {
    if !activity.joint_controllers.is_empty() {
        return;
    }
    let id = &activity.id.value;
    for tracker in activity.trackers.iter() {
        let facts = ropa_law::tracker_facts(tracker.value);
        if !facts.joint_controller {
            continue;
        }
        let entity = facts.eea_entity.or(facts.vendor).unwrap_or(facts.name);
        out.push(
            Diagnostic::new(
                Rule::TrackerWithoutJointController,
                file,
                tracker.span,
                format!(
                    "`{id}` uses the {}: {entity} and you are joint controllers for collecting and transmitting the data (Art. 26), but the activity names no joint controller",
                    facts.name
                ),
            )
            .help(format!(
                "declare `joint-controller ID \"{entity}\" {{ arrangement \"…\" }}` and add `joint-controllers ID` to the activity"
            ))
            .entity(id),
        );
    }
}

/// The processor record (Art. 30(2)(a)): each controller the organization
/// processes for, with its contact details.
fn controllers(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Each controller once, as the index resolves its id: a second
    // declaration of the id is `duplicate-id`'s, not a second controller.
    let mut named: Vec<(FileId, &ropa_syntax::model::Controller)> = Vec::new();
    for (file, activity) in ctx.activities() {
        if activity.role_kind() != RoleKind::Processor {
            continue;
        }
        let Some(counterpart) = activity.role.as_ref().and_then(|r| r.counterpart.as_ref()) else {
            continue; // record-incomplete asks for `for=`
        };
        if let Some(found) = ctx.index().controller(&counterpart.value) {
            if !named.iter().any(|(_, c)| std::ptr::eq(*c, found.1)) {
                named.push(found);
            }
            continue;
        }
        if super::structure::names_controller_by_id(&counterpart.value) {
            continue; // an undeclared id: undefined-reference reports it
        }
        out.push(
            Diagnostic::new(
                Rule::ControllerDetailsMissing,
                file,
                counterpart.span,
                format!(
                    "`{}` processes for \"{}\", named only in words: the processor record needs the controller's contact details (Art. 30(2)(a))",
                    activity.id.value, counterpart.value
                ),
            )
            .help("declare `controller ID \"Name\" { contact \"…\" email=\"…\" }` and write `role processor for=ID`")
            .entity(&activity.id.value),
        );
    }
    for (file, controller) in named {
        let mut missing: Vec<&str> = Vec::new();
        let reachable = controller
            .contact
            .as_ref()
            .is_some_and(|c| c.email.is_some() || c.phone.is_some());
        if !reachable {
            missing.push("contact details (`contact \"…\" email=\"…\"`)");
        }
        if controller.dpo.is_none() {
            missing.push("its data protection officer (`dpo \"…\"`, or `dpo none`)");
        }
        match &controller.country {
            None => {
                missing.push("where it is established (`country XX`), to tell whether it needs an EU representative")
            }
            Some(c) if !ropa_law::is_eea(c.value) && controller.representative.is_none() => {
                missing.push("its representative in the EU (`representative \"…\"`, Art. 27)")
            }
            Some(_) => {}
        }
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::ControllerDetailsMissing,
                file,
                controller.id.span,
                format!(
                    "controller `{}`: the processor record lacks {}",
                    controller.id.value,
                    missing.join("; ")
                ),
            )
            .help("Art. 30(2)(a): name and contact details of each controller, and where applicable its representative and DPO")
            .entity(&controller.id.value),
        );
    }
}
