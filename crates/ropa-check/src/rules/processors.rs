//! Processors: every processor and sub-processor works under a written
//! agreement.

use ropa_syntax::model::{Dpa, PartyKind};
use ropa_syntax::values::Severity;

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::Diagnostic;

pub const PROCESSOR_WITHOUT_DPA: RuleInfo = RuleInfo {
    id: "processor-without-dpa",
    category: Category::Processors,
    default_severity: Severity::Error,
    summary: "a processor has no data processing agreement on record",
    articles: &["GDPR Art. 28(3)", "GDPR Art. 28(9)"],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 1.3",
    ],
    explanation: "Processing by a processor must be governed by a contract (or other legal act) in writing, including in electronic form, that sets out the subject matter, duration, nature and purpose of the processing, the data and subjects, and the processor's obligations listed in Art. 28(3). Without it the controller breaches Art. 28, whatever the processor does.",
    bad: "processor crm \"CRM Ltd\" {\n    service \"Customer database\"\n}",
    good: "processor crm \"CRM Ltd\" {\n    service \"Customer database\"\n    dpa \"2024-03-01\"\n}",
    fix: "Sign a DPA with the processor (most offer one in their terms) and record it with `dpa \"YYYY-MM-DD\"` or `dpa \"reference\"`.",
    facts: &[],
};

pub const SUBPROCESSOR_WITHOUT_DPA: RuleInfo = RuleInfo {
    id: "subprocessor-without-dpa",
    category: Category::Processors,
    default_severity: Severity::Warning,
    summary: "a sub-processor has no data processing agreement on record",
    articles: &["GDPR Art. 28(2)", "GDPR Art. 28(4)"],
    guidance: &[
        "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 1.6",
    ],
    explanation: "A processor may engage a sub-processor only with the controller's prior written authorisation, and must impose on it the same data protection obligations by contract. The controller should know that this contract exists: the processor stays fully liable for the sub-processor, but the controller answers for choosing a processor with sufficient guarantees.",
    bad: "processor crm \"CRM Ltd\" {\n    dpa \"2024-03-01\"\n    subprocessor hosting \"Cloud Ltd\"\n}",
    good: "processor crm \"CRM Ltd\" {\n    dpa \"2024-03-01\"\n    subprocessor hosting \"Cloud Ltd\" {\n        dpa \"CRM Ltd sub-processor list, 2024-01\"\n    }\n}",
    fix: "Ask the processor for its sub-processor agreement (or its published list with the terms) and record it with `dpa \"…\"`.",
    facts: &[],
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let parties = ctx.index.parties.clone();
    for (file, party) in parties {
        let rule = match party.kind {
            PartyKind::Processor => Rule::ProcessorWithoutDpa,
            PartyKind::Subprocessor => Rule::SubprocessorWithoutDpa,
            PartyKind::Recipient => continue,
        };
        let id = &party.id.value;
        let (span, message) = match &party.dpa {
            Some(Dpa::Signed(_) | Dpa::Reference(_)) => continue,
            Some(Dpa::Missing(span)) => (
                *span,
                format!(
                    "{} `{id}` works without a data processing agreement",
                    party.kind.keyword()
                ),
            ),
            None => (
                party.id.span,
                format!(
                    "{} `{id}` has no data processing agreement on record",
                    party.kind.keyword()
                ),
            ),
        };
        out.push(
            Diagnostic::new(rule, file, span, message)
                .help("record the agreement with `dpa \"YYYY-MM-DD\"` (date signed) or `dpa \"reference\"`")
                .entity(id),
        );
    }
}
