//! Structural rules: the spec can be read, its values are well-formed, its
//! references resolve and its ids are unique.

use ropa_syntax::Span;
use ropa_syntax::model::{Activity, Reference};
use ropa_syntax::schema::RefTarget;
use ropa_syntax::suggest::closest;
use ropa_syntax::values::Severity;

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;
use crate::index::{Declared, Index, Referable};

// One argument per field a structural rule varies; a const fn cannot take
// a builder, and the catalogue must stay a table of constants.
#[allow(clippy::too_many_arguments)]
const fn structural(
    id: &'static str,
    default_severity: Severity,
    severity_reason: &'static str,
    summary: &'static str,
    explanation: &'static str,
    bad: &'static str,
    good: &'static str,
    fix: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        category: Category::Structure,
        default_severity,
        severity_reason,
        summary,
        articles: &[],
        guidance: &[],
        explanation,
        bad,
        good,
        fix,
        facts: &[],
    }
}

pub(crate) const SYNTAX_ERROR: RuleInfo = structural(
    "syntax-error",
    Severity::Error,
    "Error: what the file says is lost, so nothing in it can be checked.",
    "the file is not valid KDL",
    "The spec could not be read as KDL 2 at this point. The rest of the file is still read and checked, but the broken part is skipped, so findings that depend on it may be missing.",
    "activity web {\n    purpose \"Run the website\n}",
    "activity web {\n    purpose \"Run the website\"\n}",
    "Correct the text at the marked place; the message says what was expected.",
);

pub(crate) const UNKNOWN_NODE: RuleInfo = structural(
    "unknown-node",
    Severity::Error,
    "Error: the node is ignored, so what it was meant to record is lost.",
    "a node the language does not have, or not in this place",
    "ropa only understands the nodes of its language, each in its place (a `purpose` belongs inside an `activity`). An unknown node is usually a typo, and what it says is ignored.",
    "activity web {\n    purpse \"Run the website\"\n}",
    "activity web {\n    purpose \"Run the website\"\n}",
    "Use the suggested name, or see docs/language.md for the nodes allowed here.",
);

pub(crate) const UNKNOWN_PROPERTY: RuleInfo = structural(
    "unknown-property",
    Severity::Error,
    "Error: the property is ignored, so what it was meant to record is lost.",
    "a property the node does not have",
    "Each node takes a fixed set of properties. An unknown one is usually a typo, and its value is ignored.",
    "basis consent withdrawl=\"Unsubscribe link\"",
    "basis consent withdrawal=\"Unsubscribe link\"",
    "Use the suggested name, or see docs/language.md for the node's properties.",
);

pub(crate) const INVALID_VALUE: RuleInfo = structural(
    "invalid-value",
    Severity::Error,
    "Error: the value cannot be read, so the fact it gives is lost.",
    "a value of the wrong type, an unknown keyword, or too many arguments",
    "Legal bases, transfer mechanisms, roles and the other closed vocabularies accept only their listed words, and each value has a type (text, number, #true/#false). A wrong value is ignored.",
    "basis contrct",
    "basis contract",
    "Use one of the listed words or the suggested one; put text with spaces in quotes.",
);

pub(crate) const MISSING_VALUE: RuleInfo = structural(
    "missing-value",
    Severity::Error,
    "Error: the node says nothing without its argument, so the fact it gives is lost.",
    "a node lacks its required argument",
    "Some nodes mean nothing without their argument: a `country` without a code, a `data` declaration without an id.",
    "organization {\n    country SE\n}",
    "organization \"WebOne AB\" {\n    country SE\n}",
    "Write the missing value after the node name.",
);

pub(crate) const REPEATED_NODE: RuleInfo = structural(
    "repeated-node",
    Severity::Error,
    "Error: only one of the repeated nodes can be read, so the others are lost.",
    "a node that may appear only once appears again",
    "An activity has one purpose, an organization one country; a workspace has one organization. When one is given twice, only the first counts, which hides the other from the record.",
    "activity web {\n    purpose \"Run the website\"\n    purpose \"Marketing\"\n}",
    "activity web {\n    purpose \"Run the website\"\n}\nactivity marketing {\n    purpose \"Marketing\"\n}",
    "Keep one. Two purposes are two activities.",
);

pub(crate) const INVALID_ID: RuleInfo = structural(
    "invalid-id",
    Severity::Error,
    "Error: references to the id cannot resolve, so the record loses what they link.",
    "an id that is not a single word",
    "Ids name declarations so that other parts of the spec can refer to them. They are single words of letters, digits, `-`, `_` and `.`.",
    "data \"contact details\" \"Name and e-mail\"",
    "data contact-details \"Name and e-mail\"",
    "Replace spaces with `-`: the suggested id is shown.",
);

pub(crate) const INVALID_COUNTRY: RuleInfo = structural(
    "invalid-country",
    Severity::Error,
    "Error: without a readable country ropa cannot judge transfers or national law.",
    "a country code that is not ISO 3166-1 alpha-2",
    "Transfers, adequacy and the applicable national law are decided by country, so ropa needs the standard two-letter code. `UK` and `EL` are common mistakes for `GB` and `GR`; `EU` is not a country.",
    "stored-in UK",
    "stored-in GB",
    "Write the ISO 3166-1 alpha-2 code in upper case.",
);

pub(crate) const INVALID_DURATION: RuleInfo = structural(
    "invalid-duration",
    Severity::Error,
    "Error: a period that cannot be read leaves the Art. 30(1)(f) time limit unknown.",
    "a retention period that is not a duration",
    "A retention period is a whole number and a unit, so that it can be compared with statutes and shown in the record.",
    "retain \"7 yrs\"",
    "retain \"7 years\"",
    "Write a whole number and hours, days, weeks, months or years: \"6 months\".",
);

pub(crate) const INVALID_DATE: RuleInfo = structural(
    "invalid-date",
    Severity::Error,
    "Error: a date that cannot be read leaves the fact it dates unknown.",
    "a date that is not a calendar date in YYYY-MM-DD form",
    "Dates (such as when a DPA was signed) are written in ISO 8601 form so that they sort and compare.",
    "dpa \"10/01/2023\"",
    "dpa \"2023-01-10\"",
    "Write the date as \"YYYY-MM-DD\".",
);

pub(crate) const UNDEFINED_REFERENCE: RuleInfo = structural(
    "undefined-reference",
    Severity::Error,
    "Error: the reference points at nothing, so the record loses what it links.",
    "an id that is not declared in the workspace",
    "Activities refer to data categories, subjects, processors, recipients and (with `role processor for=ID`) controllers by id. An id that is declared nowhere (or declared as something else) leaves a hole in the record.",
    "activity web {\n    data contcat\n}",
    "data contact \"Name and e-mail\"\nactivity web {\n    data contact\n}",
    "Use the suggested id, or declare it with `data`, `subjects`, `processor` or `recipient`.",
);

pub(crate) const DUPLICATE_ID: RuleInfo = structural(
    "duplicate-id",
    Severity::Error,
    "Error: references to the id are ambiguous, so the record cannot be read as written.",
    "an id declared more than once",
    "Every id names one declaration in the whole workspace, across files. With two, references are ambiguous; the first declaration is used.",
    "data contact \"Name\"\ndata contact \"E-mail\"",
    "data contact \"Name and e-mail\"",
    "Rename one of them, or merge them.",
);

pub(crate) const UNUSED_DECLARATION: RuleInfo = structural(
    "unused-declaration",
    Severity::Warning,
    "Warning: a declaration no activity uses is a gap to close (stale or forgotten), not an infringement.",
    "a data category, subject category, processor or recipient that no activity uses",
    "A declaration no activity refers to is either left over or a sign that an activity is missing from the record: data held with no purpose is a problem of its own (Art. 5(1)(b)).",
    "processor old-crm \"Old CRM Ltd\"",
    "activity sales {\n    processors old-crm\n}",
    "Use it in the activities that involve it, or delete it.",
);

pub(crate) const MISSING_ORGANIZATION: RuleInfo = structural(
    "missing-organization",
    Severity::Error,
    "Error: the controller's name and contact details are mandatory (Art. 30(1)(a)).",
    "the workspace declares no organization",
    "Every record belongs to a controller or processor (Art. 30(1)(a)). Its country decides which national law and supervisory authority apply, so many rules need it.",
    "activity web {\n    purpose \"Run the website\"\n}",
    "organization \"Exempel AB\" {\n    country SE\n}\nactivity web {\n    purpose \"Run the website\"\n}",
    "Add an `organization` node to one of the spec files.",
);

pub(crate) const UNKNOWN_RULE: RuleInfo = structural(
    "unknown-rule",
    Severity::Error,
    "Error: the setting or `allow` cannot apply, so what the user meant to decide is lost.",
    "an `allow` or a `rules` setting names a rule that does not exist",
    "Suppressions and severity settings name rules by id. An unknown id is a typo or a rule that was renamed, and the setting has no effect.",
    "allow consent-only-bases reason=\"…\"",
    "allow consent-only-basis reason=\"…\"",
    "Use the suggested id; `ropa rules` lists them all.",
);

/// Problems found while parsing each file.
pub(crate) fn syntax(ctx: &Context, out: &mut Findings) {
    for file in &ctx.workspace.files {
        let diagnostics = match &file.parsed {
            crate::workspace::Parsed::Spec(spec) => &spec.diagnostics,
            crate::workspace::Parsed::Config(config) => &config.diagnostics,
        };
        for d in diagnostics {
            let mut finding = Diagnostic::new(Rule::from_syntax(d.code), file.id, d.span, d.message.clone());
            finding.help = d.help.clone().map(Into::into);
            out.push(finding);
        }
    }
}

pub(crate) fn duplicate_ids(ctx: &Context, out: &mut Findings) {
    let mut findings = Vec::new();
    for (id, rest) in &ctx.index().duplicates {
        let Some(first) = ctx.index().get(id) else {
            continue;
        };
        for dup in rest {
            let id = &dup.item.id().value;
            findings.push(
                Diagnostic::new(
                    Rule::DuplicateId,
                    dup.file,
                    dup.item.id().span,
                    format!("`{id}` is already declared"),
                )
                .help("ids are unique across the workspace; rename this one or merge the two")
                .related(
                    first.file,
                    first.item.id().span,
                    format!(
                        "first declared here as {}",
                        ropa_syntax::with_article(first.item.describe())
                    ),
                )
                .entity(id),
            );
        }
    }
    for finding in findings {
        out.push(finding);
    }
}

pub(crate) fn organization_count(ctx: &Context, out: &mut Findings) {
    let organizations = ctx.index().organizations.clone();
    match organizations.split_first() {
        None => {
            // Report on the first spec file, at its start: there is no better place.
            if let Some((file, _)) = ctx.workspace.specs().next() {
                out.push(
                    Diagnostic::new(
                        Rule::MissingOrganization,
                        file,
                        Span::new(0, 0),
                        "the workspace declares no organization",
                    )
                    .help("add `organization \"Legal name\" { country SE }` to one of the spec files"),
                );
            }
        }
        Some(((first_file, first), rest)) => {
            for (file, org) in rest {
                out.push(
                    Diagnostic::new(Rule::RepeatedNode, *file, org.name.span, "a workspace has one organization")
                        .help("a group of companies keeps one workspace per company; move this one to its own folder with a ropa.kdl")
                        .related(*first_file, first.name.span, "the organization of this workspace"),
                );
            }
        }
    }
}

/// Undefined references and unused declarations, from one walk over every
/// reference with one lookup each: the lookup that resolves a reference
/// also notes its id as used. Walking and looking up every reference
/// again for the unused ones cost as much as resolving them.
pub(crate) fn references(ctx: &Context, out: &mut Findings) {
    let index = ctx.index();
    // On every core: each task notes the ids its activities name and keeps
    // the references that name nothing.
    let noted = ctx.each_activity_noting(out, |_, noted: &mut Noted, file, activity| {
        if noted.used.is_empty() {
            noted.used = vec![false; index.referable_ids()];
        }
        // Walked from within (`for_each`): a `for` loop asks the chain of
        // reference kinds for each next one from the top.
        activity_references(activity).for_each(|(target, reference)| {
            let found = note_used(index, &mut noted.used, &reference.value);
            if found
                .and_then(|found| index.resolve_referable(found, target, &reference.value))
                .is_none()
            {
                noted.unresolved.push((file, activity, target, reference));
            }
        });
        // The controller a processor works for, named in words or by id.
        if activity.role_kind() == ropa_syntax::values::RoleKind::Processor
            && let Some(counterpart) = activity.role.as_ref().and_then(|r| r.counterpart.as_ref())
        {
            note_used(index, &mut noted.used, &counterpart.value);
        }
    });
    let mut used = vec![false; index.referable_ids()];
    // Suggestion candidates per kind, listed once however many references fail.
    let mut candidates: rustc_hash::FxHashMap<RefTarget, Vec<&str>> = rustc_hash::FxHashMap::default();
    for Noted {
        used: in_chunk,
        unresolved,
    } in noted
    {
        for (slot, named) in used.iter_mut().zip(in_chunk) {
            *slot |= named;
        }
        for (file, activity, target, reference) in unresolved {
            let ids = candidates.entry(target).or_insert_with(|| index.ids_for(target));
            out.push(undefined_reference(
                ctx,
                file,
                &activity.id.value,
                target,
                reference,
                ids,
            ));
        }
    }
    // A system's host is a reference too.
    for (file, party) in &index.parties {
        let Some(host) = &party.hosted_by else { continue };
        if index.resolve(RefTarget::Processor, &host.value).is_none() {
            let ids = candidates
                .entry(RefTarget::Processor)
                .or_insert_with(|| index.ids_for(RefTarget::Processor));
            out.push(undefined_reference(
                ctx,
                *file,
                &party.id.value,
                RefTarget::Processor,
                host,
                ids,
            ));
        }
    }
    let is_used = |used: &[bool], id: &str| {
        index
            .referable(id)
            .is_some_and(|found| used.get(found.ordinal as usize).copied().unwrap_or(false))
    };
    // A processor that hosts a system is used wherever the system is.
    let hosts: Vec<&str> = index
        .parties
        .iter()
        .filter(|(_, p)| is_used(&used, &p.id.value))
        .filter_map(|(_, p)| p.hosted_by.as_ref())
        .map(|r| r.value.as_str())
        .collect();
    for host in hosts {
        note_used(index, &mut used, host);
    }
    unused_declarations(ctx, |id| is_used(&used, id), out);
}

/// What a task of [`references`] notes about its activities.
#[derive(Default)]
struct Noted<'a> {
    /// Per id a reference can name: whether an activity names it, as
    /// anything (sized on first use).
    used: Vec<bool>,
    /// The references that name nothing of the kind they must.
    unresolved: Vec<(FileId, &'a Activity, RefTarget, &'a Reference)>,
}

/// Looks up `id` among the ids a reference can name and, if it is one,
/// notes it in `used`.
fn note_used<'a>(index: &Index<'a>, used: &mut [bool], id: &str) -> Option<Referable<'a>> {
    let found = index.referable(id)?;
    if let Some(slot) = used.get_mut(found.ordinal as usize) {
        *slot = true;
    }
    Some(found)
}

/// Every reference an activity makes, with what it must point at.
pub fn activity_references(activity: &Activity) -> impl Iterator<Item = (RefTarget, &Reference)> {
    fn each(target: RefTarget, refs: &[Reference]) -> impl Iterator<Item = (RefTarget, &Reference)> {
        refs.iter().map(move |r| (target, r))
    }
    each(RefTarget::Subjects, &activity.subjects)
        .chain(each(RefTarget::Data, &activity.data))
        .chain(each(RefTarget::Processor, &activity.processors))
        .chain(each(RefTarget::Recipient, &activity.recipients))
        .chain(each(RefTarget::JointController, &activity.joint_controllers))
        .chain(each(RefTarget::System, &activity.systems))
        .chain(
            activity
                .role
                .as_ref()
                .and_then(|r| r.counterpart.as_ref())
                .filter(|c| names_controller_by_id(&c.value))
                .map(|c| (RefTarget::Controller, c)),
        )
        .chain(
            activity
                .retention
                .iter()
                .filter_map(|r| r.data.as_ref())
                .map(|r| (RefTarget::Data, r)),
        )
        .chain(
            activity
                .transfers
                .iter()
                .filter_map(|t| t.to.as_ref())
                .map(|r| (RefTarget::Party, r)),
        )
}

fn undefined_reference(
    ctx: &Context,
    file: FileId,
    activity: &str,
    target: RefTarget,
    reference: &Reference,
    candidates: &[&str],
) -> Diagnostic {
    let id = &reference.value;
    let finding = if let Some(other) = ctx.index().get(id) {
        Diagnostic::new(
            Rule::UndefinedReference,
            file,
            reference.span,
            format!(
                "`{id}` is {}, not {}",
                ropa_syntax::with_article(other.item.describe()),
                ropa_syntax::with_article(target.describe())
            ),
        )
        .help(format!("name {} here", ropa_syntax::with_article(target.describe())))
        .related(other.file, other.item.id().span, format!("`{id}` is declared here"))
    } else {
        let help = match closest(id, candidates) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("declare it: {}", declaration_example(target, id)),
        };
        Diagnostic::new(
            Rule::UndefinedReference,
            file,
            reference.span,
            format!("no {} `{id}` is declared in the workspace", target.describe()),
        )
        .help(help)
    };
    finding.entity(activity)
}

/// `for=` takes a controller's id or its name in words. Written as an id
/// (no spaces, no capitals: `for=acme`), it is a reference, so a mistyped
/// id is reported as undefined rather than read as a name in words.
pub(crate) fn names_controller_by_id(text: &str) -> bool {
    ropa_syntax::is_valid_id(text) && !text.chars().any(char::is_uppercase)
}

fn declaration_example(target: RefTarget, id: &str) -> String {
    match target {
        RefTarget::Data => format!("data {id} \"description\""),
        RefTarget::Subjects => format!("subjects {id} \"description\""),
        RefTarget::Processor | RefTarget::Party => format!("processor {id} \"Legal entity\" {{ … }}"),
        RefTarget::Recipient => format!("recipient {id} \"Name\" {{ … }}"),
        RefTarget::JointController => format!("joint-controller {id} \"Legal entity\" {{ arrangement \"…\" }}"),
        RefTarget::System => format!("system {id} \"Name\" {{ self-hosted }}"),
        RefTarget::Controller => format!("controller {id} \"Legal entity\" {{ contact \"…\" email=\"…\" }}"),
    }
}

/// The declarations no activity names (`used` says which ids are named).
fn unused_declarations(ctx: &Context, used: impl Fn(&str) -> bool, out: &mut Vec<Diagnostic>) {
    let mut findings = Vec::new();
    for decl in ctx.index().by_id.values() {
        let what = match decl.item {
            Declared::Data(_) => "data category",
            Declared::Subjects(_) => "data-subject category",
            Declared::Party(party) if party.kind == ropa_syntax::model::PartyKind::Subprocessor => continue,
            Declared::Party(party) => party.kind.keyword(),
            Declared::Activity(_) => continue,
            Declared::Controller(_) => "controller",
        };
        let id = decl.item.id();
        if !used(&id.value) {
            findings.push(
                Diagnostic::new(
                    Rule::UnusedDeclaration,
                    decl.file,
                    id.span,
                    format!("{what} `{}` is not used by any activity", id.value),
                )
                .help("name it in the activities that involve it, or delete it")
                .entity(&id.value),
            );
        }
    }
    for finding in findings {
        out.push(finding);
    }
}
