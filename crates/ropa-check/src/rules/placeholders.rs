//! Placeholders: text a person, a template or a quick fix wrote to be
//! filled in later. Every other rule reads such a field as absent; this one
//! says where each placeholder is, so that none reaches a report unnoticed.

use ropa_syntax::model::{Allow, Contact, Dpa, Dpia, Dpo, Period, SpecFile, Text};
use ropa_syntax::values::{Citation, Severity, is_placeholder};

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;

pub(crate) const PLACEHOLDER_VALUE: RuleInfo = RuleInfo {
    id: "placeholder-value",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: a placeholder is not a value, a gap to fill; the field's own rule judges it as absent.",
    summary: "a value is a placeholder (`TODO`, `TBD`, `REFERENCE`, \"fill in\", an empty string) waiting to be filled in",
    articles: &[
        Citation::gdpr(5).paragraph(2),
        Citation::gdpr(30).paragraph(1),
        Citation::gdpr(30).paragraph(3),
    ],
    guidance: &[],
    explanation: "The record must be complete and in writing (Art. 30(3)), and the controller must be able to demonstrate what it states (accountability, Art. 5(2)). A placeholder such as `TODO`, `TBD`, `XXX`, `TIA REFERENCE`, `<reference>`, `[to complete: …]`, \"fill in\" or an empty string is not a fact: every rule reads the field as absent, so a template or a quick fix never silences a finding, and this rule names each placeholder so that none is published in a report or a privacy notice. A fill-in phrase counts where it asks for the value (\"Fill in the date signed\", \"Reference: to be confirmed\", \"Skal udfyldes\"), not where it describes what someone does (\"customers fill in a form\", \"used to complete the purchase\", \"skemaet udfyldes af kunden\"): such a value is a fact, and reading it as absent would raise false alarms and leave it out of the privacy notice.",
    bad: "processor mailer \"Mailer Inc.\" {\n    dpa \"TODO\"\n}",
    good: "processor mailer \"Mailer Inc.\" {\n    dpa \"2024-03-01\"\n}",
    fix: "Replace the placeholder with the real value, or remove the field until it is known (the rule that needs it will then say what is missing).",
    facts: &[],
};

pub(crate) fn check(ctx: &Context, out: &mut Findings) {
    for (file, spec) in ctx.workspace.specs() {
        let mut found = Found { file, out };
        found.spec(&spec.model);
    }
}

struct Found<'a> {
    file: FileId,
    out: &'a mut Vec<Diagnostic>,
}

impl Found<'_> {
    fn text(&mut self, field: &str, entity: &str, text: &Text) {
        if is_placeholder(&text.value) {
            let shown = if text.value.trim().is_empty() {
                "empty".to_owned()
            } else {
                format!("\"{}\"", text.value)
            };
            self.out.push(
                Diagnostic::new(
                    Rule::PlaceholderValue,
                    self.file,
                    text.span,
                    format!("`{field}` of `{entity}` is a placeholder ({shown}), not a value"),
                )
                .help("fill in the real value, or remove the field until it is known")
                .entity(entity),
            );
        }
    }

    fn opt(&mut self, field: &str, entity: &str, text: &Option<Text>) {
        if let Some(text) = text {
            self.text(field, entity, text);
        }
    }

    fn contact(&mut self, field: &str, entity: &str, contact: &Contact) {
        self.text(field, entity, &contact.name);
        self.opt(&format!("{field} email"), entity, &contact.email);
        self.opt(&format!("{field} phone"), entity, &contact.phone);
    }

    fn allows(&mut self, entity: &str, allows: &[Allow]) {
        for allow in allows {
            self.opt("allow reason", entity, &allow.reason);
        }
    }

    fn spec(&mut self, spec: &SpecFile) {
        for org in &spec.organizations {
            let e = "organization";
            self.text("organization", e, &org.name);
            self.opt("registration", e, &org.registration);
            self.opt("address", e, &org.address);
            self.opt("website", e, &org.website);
            if let Some(contact) = &org.contact {
                self.contact("contact", e, contact);
            }
            match &org.dpo {
                Some(Dpo::Appointed(dpo)) => self.contact("dpo", e, dpo),
                Some(Dpo::NotAppointed { reason, .. }) => self.opt("dpo reason", e, reason),
                None => {}
            }
            if let Some(representative) = &org.representative {
                self.contact("representative", e, representative);
            }
            for measure in &org.security {
                self.text("security", e, measure);
            }
            self.opt("breach-procedure", e, &org.breach_procedure);
            self.opt("rights-procedure", e, &org.rights_procedure);
            self.allows(e, &org.allows);
        }
        for data in &spec.data {
            self.opt("description", &data.id.value, &data.description);
        }
        for subjects in &spec.subjects {
            self.opt("description", &subjects.id.value, &subjects.description);
        }
        for party in spec.all_parties() {
            let e = party.id.value.as_str();
            self.opt(party.kind.keyword(), e, &party.entity);
            self.opt("service", e, &party.service);
            if let Some(Dpa::Reference(reference)) = &party.dpa {
                self.text("dpa", e, reference);
            }
            self.allows(e, &party.allows);
        }
        for activity in &spec.activities {
            let e = activity.id.value.as_str();
            self.opt("name", e, &activity.name);
            self.opt("purpose", e, &activity.purpose);
            if let Some(role) = &activity.role {
                self.opt("role", e, &role.counterpart);
                self.opt("role arrangement", e, &role.arrangement);
            }
            self.opt("source", e, &activity.source);
            if let Some(provision) = &activity.provision {
                self.opt("provision consequence", e, &provision.consequence);
            }
            for basis in &activity.bases {
                self.opt("basis withdrawal", e, &basis.withdrawal);
                self.opt("basis records", e, &basis.records);
                self.opt("basis law", e, &basis.law);
                self.opt("basis interest", e, &basis.interest);
                self.opt("basis assessment", e, &basis.assessment);
            }
            for condition in &activity.conditions {
                self.opt("condition law", e, &condition.law);
            }
            if let Some(authority) = &activity.criminal_authority {
                self.opt("criminal-authority law", e, &authority.law);
            }
            for retention in &activity.retention {
                if let Period::Until(until) = &retention.period {
                    self.text("retain until", e, until);
                }
                self.opt("retain from", e, &retention.from);
            }
            for transfer in &activity.transfers {
                self.opt("transfer tia", e, &transfer.tia);
            }
            for decision in &activity.automated_decisions {
                self.text("automated-decision", e, &decision.description);
                self.opt("automated-decision safeguards", e, &decision.safeguards);
            }
            match &activity.dpia {
                Some(Dpia::Done(reference)) => self.text("dpia", e, reference),
                Some(Dpia::NotNeeded { reason, .. }) => self.opt("dpia reason", e, reason),
                None => {}
            }
            for measure in &activity.security {
                self.text("security", e, measure);
            }
            self.allows(e, &activity.allows);
        }
        self.allows("file", &spec.allows);
    }
}
