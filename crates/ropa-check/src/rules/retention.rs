//! Storage limitation: every activity says how long it keeps data, with a
//! real period, and periods set by statute match the statute.

use ropa_law::{FactTable, StatuteTopic};
use ropa_syntax::model::{Period, Retention};
use ropa_syntax::values::{Duration, Severity, Statute, Unit, is_placeholder};

use super::{Category, Rule, RuleInfo};
use crate::context::{Context, is_controller};
use crate::diagnostic::Diagnostic;

pub const MISSING_RETENTION: RuleInfo = RuleInfo {
    id: "missing-retention",
    category: Category::Retention,
    default_severity: Severity::Warning,
    summary: "a controller activity says nothing about how long data is kept",
    articles: &["GDPR Art. 5(1)(e)", "GDPR Art. 30(1)(f)", "GDPR Art. 13(2)(a)"],
    guidance: &[
        "Article 29 Working Party, Guidelines on transparency under Regulation 2016/679 (WP260 rev.01), Annex, Art. 13(2)(a)",
    ],
    explanation: "Personal data may be kept no longer than the purpose needs (storage limitation). The record should give the time limits for erasure where possible, and people must be told the period or the criteria that decide it.",
    bad: "activity support {\n    purpose \"Answer support tickets\"\n    basis contract\n}",
    good: "activity support {\n    purpose \"Answer support tickets\"\n    basis contract\n    retain \"2 years\" from=ticket-closed\n}",
    fix: "Add `retain \"PERIOD\" from=EVENT`, or `retain until=\"…\"` with a concrete criterion.",
    facts: &[],
};

pub const INDEFINITE_RETENTION: RuleInfo = RuleInfo {
    id: "indefinite-retention",
    category: Category::Retention,
    default_severity: Severity::Error,
    summary: "a retention is \"as long as necessary\", \"forever\" or otherwise has no period or criterion",
    articles: &["GDPR Art. 5(1)(e)", "GDPR Art. 13(2)(a)", "GDPR Recital 39"],
    guidance: &[
        "Article 29 Working Party, Guidelines on transparency under Regulation 2016/679 (WP260 rev.01), Annex, Art. 13(2)(a)",
    ],
    explanation: "\"As long as necessary\" restates the principle; it is not a retention period. The transparency guidelines say it is not sufficient to state generically that data will be kept as long as necessary for the legitimate purposes. Give a period, or a criterion concrete enough that anyone can tell when the data must go. The same words are judged as a period and as an `until=` criterion, in English, Swedish, Danish, Norwegian, German and Finnish (\"as long as necessary\", \"tills vidare\", \"så længe det er nødvendigt\", \"solange erforderlich\", \"toistaiseksi\", \"forever\", \"automatic\"); a placeholder is no criterion either.",
    bad: "retain \"as long as necessary\"",
    good: "retain \"3 years\" from=last-purchase",
    fix: "Replace the phrase with a period (`retain \"3 years\" from=last-purchase`) or a concrete criterion (`retain until=\"the contact person leaves the customer\"`).",
    facts: &[],
};

pub const RETENTION_BELOW_STATUTE: RuleInfo = RuleInfo {
    id: "retention-below-statute",
    category: Category::Retention,
    default_severity: Severity::Error,
    summary: "data kept under a statute is kept for less time than the statute requires",
    articles: &["GDPR Art. 6(1)(c)", "GDPR Art. 17(3)(b)"],
    guidance: &["National bookkeeping acts, see the facts below"],
    explanation: "Where the law of the organization's country requires records to be kept for a minimum time (bookkeeping: 5 to 10 years across the Nordics and Europe), deleting them earlier breaks that law, and the right to erasure yields to it (Art. 17(3)(b)). The period is compared with the statute of the organization's country.",
    bad: "retain \"5 years\" from=financial-year-end statute=bookkeeping   // in Sweden",
    good: "retain \"7 years\" from=financial-year-end statute=bookkeeping",
    fix: "Keep the records at least as long as the statute says, counted from the event the statute names.",
    facts: &[FactTable::StatutoryRetention],
};

pub const RETENTION_ABOVE_STATUTE: RuleInfo = RuleInfo {
    id: "retention-above-statute",
    category: Category::Retention,
    default_severity: Severity::Info,
    summary: "data kept under a statute is kept longer than the statute requires",
    articles: &["GDPR Art. 5(1)(e)"],
    guidance: &["National bookkeeping acts, see the facts below"],
    explanation: "A statute sets a minimum; keeping the data longer needs a reason of its own (for example a limitation period for claims). Without one, the extra time breaks storage limitation.",
    bad: "retain \"10 years\" from=financial-year-end statute=bookkeeping   // in Sweden",
    good: "retain \"7 years\" from=financial-year-end statute=bookkeeping",
    fix: "Shorten the period to the statute's, or state the other reason for keeping the data and accept the finding with `allow retention-above-statute reason=\"…\"`.",
    facts: &[FactTable::StatutoryRetention],
};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let country = ctx.country();
    for (file, activity) in ctx.activities() {
        let id = &activity.id.value;
        if is_controller(activity) && activity.retention.is_empty() {
            out.push(
                Diagnostic::new(
                    Rule::MissingRetention,
                    file,
                    activity.id.span,
                    format!("activity `{id}` says nothing about how long data is kept"),
                )
                .help("add `retain \"PERIOD\" from=EVENT`, such as `retain \"2 years\" from=contract-end`")
                .entity(id),
            );
        }
        for retention in &activity.retention {
            match &retention.period {
                Period::Indefinite(text) => out.push(
                    Diagnostic::new(
                        Rule::IndefiniteRetention,
                        file,
                        text.span,
                        format!("\"{}\" is not a retention period", text.value),
                    )
                    .help("give a period (`retain \"3 years\" from=contract-end`) or a concrete criterion (`retain until=\"…\"`)")
                    .entity(id),
                ),
                Period::Until(text) if is_placeholder(&text.value) => out.push(
                    Diagnostic::new(
                        Rule::IndefiniteRetention,
                        file,
                        text.span,
                        format!("a retention of `{id}` gives a placeholder, \"{}\", instead of a criterion", text.value),
                    )
                    .help("write a period (`retain \"2 years\" from=EVENT`) or a concrete criterion anyone can observe")
                    .entity(id),
                ),
                Period::Missing => out.push(
                    Diagnostic::new(
                        Rule::IndefiniteRetention,
                        file,
                        retention.span,
                        format!("a retention of `{id}` gives neither a period nor a criterion"),
                    )
                    .help("write `retain \"2 years\" from=EVENT` or `retain until=\"…\"`")
                    .entity(id),
                ),
                Period::Fixed(duration) => statute(out, file, id, retention, duration.value, duration.span, country),
                Period::Until(_) | Period::Malformed => {}
            }
        }
    }
}

fn months_of(duration: Duration) -> f64 {
    match duration.unit {
        Unit::Months | Unit::Years => duration.months().map_or(0.0, |m| m as f64),
        _ => duration.approx_days() * 12.0 / 365.25,
    }
}

fn statute(
    out: &mut Vec<Diagnostic>,
    file: crate::FileId,
    id: &str,
    retention: &Retention,
    duration: Duration,
    span: ropa_syntax::Span,
    country: Option<ropa_syntax::values::Country>,
) {
    let Some(statute) = &retention.statute else { return };
    let topic = match statute.value {
        Statute::Bookkeeping => StatuteTopic::Bookkeeping,
    };
    let Some(country) = country else { return };
    let Some(fact) = ropa_law::statutory_retention(country, topic) else {
        return;
    };
    let kept = months_of(duration);
    let required = f64::from(fact.months);
    let required_text = describe_months(fact.months);
    if kept + 0.01 < required {
        out.push(
            Diagnostic::new(
                Rule::RetentionBelowStatute,
                file,
                span,
                format!(
                    "`{id}` keeps {} records {duration}; {} requires {required_text}",
                    statute.value, fact.law
                ),
            )
            .help(format!(
                "keep them at least {required_text}, counted from {}",
                fact.runs_from
            ))
            .entity(id),
        );
    } else if kept > required + 0.01 {
        out.push(
            Diagnostic::new(
                Rule::RetentionAboveStatute,
                file,
                span,
                format!(
                    "`{id}` keeps {} records {duration}; {} requires {required_text}",
                    statute.value, fact.law
                ),
            )
            .help("the statute is a minimum: state why the data is kept longer, or shorten the period")
            .entity(id),
        );
    }
}

fn describe_months(months: u32) -> String {
    if months.is_multiple_of(12) {
        let years = months / 12;
        format!("{years} year{}", if years == 1 { "" } else { "s" })
    } else {
        format!("{months} months")
    }
}
