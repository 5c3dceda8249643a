//! Storage limitation: every activity says how long it keeps data, with a
//! real period, and periods set by statute match the statute.

use ropa_law::{FactTable, RecordStart, RetentionPeriod};
use ropa_syntax::model::{Period, Retention, Text};
use ropa_syntax::values::{
    Citation, Country, Duration, Keyword, LegalBasis, Material, Severity, Statute, Unit, is_placeholder, ties_to_law,
};
use rustc_hash::FxHashSet;

use super::{Category, Rule, RuleInfo};
use crate::context::{Context, given, is_controller};
use crate::diagnostic::Diagnostic;
use crate::findings::Findings;

pub(crate) const MISSING_RETENTION: RuleInfo = RuleInfo {
    id: "missing-retention",
    category: Category::Retention,
    default_severity: Severity::Warning,
    severity_reason: "Warning: Art. 30(1)(f) asks for time limits only \"where possible\", so a missing one is a gap, not a missing mandatory element.",
    summary: "a controller activity says nothing about how long data is kept",
    articles: &[
        Citation::gdpr(5).paragraph(1).point('e'),
        Citation::gdpr(30).paragraph(1).point('f'),
        Citation::gdpr(13).paragraph(2).point('a'),
    ],
    guidance: &[
        "Article 29 Working Party, Guidelines on transparency under Regulation 2016/679 (WP260 rev.01), Annex, Art. 13(2)(a)",
    ],
    explanation: "Personal data may be kept no longer than the purpose needs (storage limitation). The record should give the time limits for erasure where possible, and people must be told the period or the criteria that decide it.",
    bad: "activity support {\n    purpose \"Answer support tickets\"\n    basis contract\n}",
    good: "activity support {\n    purpose \"Answer support tickets\"\n    basis contract\n    retain \"2 years\" from=ticket-closed\n}",
    fix: "Add `retain \"PERIOD\" from=EVENT`, or `retain until=\"…\"` with a concrete criterion.",
    facts: &[],
};

pub(crate) const INDEFINITE_RETENTION: RuleInfo = RuleInfo {
    id: "indefinite-retention",
    category: Category::Retention,
    default_severity: Severity::Error,
    severity_reason: "Error: keeping data with no limit is a likely breach of storage limitation (Art. 5(1)(e)). Warning where the record gives a limit but not its evidence: the phrase ties retention to the law (\"as long as required by law\"), or another retention of the activity bounds the same data with a period.",
    summary: "a retention is \"as long as necessary\", \"forever\" or otherwise has no period or criterion",
    articles: &[
        Citation::gdpr(5).paragraph(1).point('e'),
        Citation::gdpr(13).paragraph(2).point('a'),
        Citation::Recital(39),
    ],
    guidance: &[
        "Article 29 Working Party, Guidelines on transparency under Regulation 2016/679 (WP260 rev.01), Annex, Art. 13(2)(a)",
    ],
    explanation: "\"As long as necessary\" restates the principle; it is not a retention period. The transparency guidelines say it is not sufficient to state generically that data will be kept as long as necessary for the legitimate purposes. Give a period, or a criterion concrete enough that anyone can tell when the data must go. The same words are judged as a period and as an `until=` criterion, in English, Swedish, Danish, Norwegian, German and Finnish (\"as long as necessary\", \"tills vidare\", \"så længe det er nødvendigt\", \"solange erforderlich\", \"toistaiseksi\", \"forever\", \"automatic\"); a placeholder is no criterion either. Where the record does set a limit and only its evidence is missing, the finding is a warning: \"as long as required by law\" keeps data for the statute's period (Art. 17(3)(b)) but does not say which statute, and a vague phrase beside a period for the same data (`retain \"6 months\" from=contract-end` and `retain until=\"automatically\"`) does not say how long the data lasts before that.",
    bad: "retain \"as long as necessary\"",
    good: "retain \"3 years\" from=last-purchase",
    fix: "Replace the phrase with a period (`retain \"3 years\" from=last-purchase`) or a concrete criterion (`retain until=\"the contact person leaves the customer\"`).",
    facts: &[],
};

pub(crate) const RETENTION_BELOW_STATUTE: RuleInfo = RuleInfo {
    id: "retention-below-statute",
    category: Category::Retention,
    default_severity: Severity::Error,
    severity_reason: "Error: deleting sooner than the statute requires is a likely breach of that legal obligation.",
    summary: "data kept under a statute is kept for less time than the statute requires",
    articles: &[
        Citation::gdpr(6).paragraph(1).point('c'),
        Citation::gdpr(17).paragraph(3).point('b'),
    ],
    guidance: &["National bookkeeping acts, see the facts below"],
    explanation: "Where the law of the organization's country requires records to be kept for a minimum time (bookkeeping: 5 to 10 years across the Nordics and Europe), deleting them earlier breaks that law, and the right to erasure yields to it (Art. 17(3)(b)). The period is compared with the statute of the organization's country: where the retention says `statute=bookkeeping`, and also, inferred and said so, where a legal-obligation activity keeps bookkeeping data (its law or data speaks of bookkeeping, invoices or vouchers, or it counts from the financial-year end). Periods are counted from the event the statute counts from: Sweden's Bokföringslagen 7 kap. 2 § from the end of the calendar year in which the financial year ended, so \"7 years from=financial-year-end\" may be up to 11 months short (a warning: it is exact when the financial year is the calendar year). Where the statute keeps different material for different periods (Germany 8, 10 and 6 years; Finland 6 and 10; Norway 5 and 3.5), `material=` chooses the period; without it, a period short for some material is a warning naming the periods. Certain shortfalls are errors.",
    bad: "retain \"5 years\" from=calendar-year-end statute=bookkeeping   // in Sweden",
    good: "retain \"7 years\" from=calendar-year-end statute=bookkeeping",
    fix: "Keep the records at least as long as the statute says, counted from the event the statute names (`from=calendar-year-end` or `from=financial-year-end`); where periods differ by material, say which with `material=vouchers`, `books`, `correspondence` or `secondary`.",
    facts: &[FactTable::StatutoryRetention],
};

pub(crate) const RETENTION_ABOVE_STATUTE: RuleInfo = RuleInfo {
    id: "retention-above-statute",
    category: Category::Retention,
    default_severity: Severity::Info,
    severity_reason: "Info: a statute's minimum is context; a longer period may have its own reason for a DPO to weigh.",
    summary: "data kept under a statute is kept longer than the statute requires",
    articles: &[Citation::gdpr(5).paragraph(1).point('e')],
    guidance: &["National bookkeeping acts, see the facts below"],
    explanation: "A statute sets a minimum; keeping the data longer needs a reason of its own (for example a limitation period for claims). Without one, the extra time breaks storage limitation. Where the statute keeps different material for different periods and the record does not say which material it is (`material=`), the period is compared with the longest that may apply, so ropa never suggests shortening below what another part of the statute requires; a period counted from another event than the statute's is reported only when it is longer whatever the financial year.",
    bad: "retain \"10 years\" from=calendar-year-end statute=bookkeeping   // in Sweden",
    good: "retain \"7 years\" from=calendar-year-end statute=bookkeeping",
    fix: "Shorten the period to the statute's, or state the other reason for keeping the data and accept the finding with `allow retention-above-statute reason=\"…\"`.",
    facts: &[FactTable::StatutoryRetention],
};

pub(crate) fn check(ctx: &Context, out: &mut Findings) {
    let country = ctx.country();
    let bookkeeping = bookkeeping_data(ctx);
    ctx.each_activity(out, |out, file, activity| {
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
        // Asked only of a period that names no statute.
        let mut keeps = None;
        for retention in &activity.retention {
            match &retention.period {
                Period::Indefinite(text) => out.push(indefinite(file, id, text, retention, &activity.retention)),
                Period::Until(text) if is_placeholder(&text.value) => out.push(
                    Diagnostic::new(
                        Rule::IndefiniteRetention,
                        file,
                        text.span,
                        format!(
                            "a retention of `{id}` gives a placeholder, \"{}\", instead of a criterion",
                            text.value
                        ),
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
                Period::Fixed(duration) => {
                    let how = match &retention.statute {
                        Some(statute) => Some((statute.value, false)),
                        None if *keeps.get_or_insert_with(|| keeps_bookkeeping(&bookkeeping, activity))
                            && applies_to_bookkeeping(&bookkeeping, retention) =>
                        {
                            Some((Statute::Bookkeeping, true))
                        }
                        None => None,
                    };
                    if let (Some((statute, inferred)), Some(country)) = (how, country) {
                        let kept = Kept {
                            file,
                            id,
                            retention,
                            duration: duration.value,
                            span: duration.span,
                        };
                        compare(out, &kept, statute, inferred, country);
                    }
                }
                Period::Until(_) | Period::Malformed => {}
            }
        }
    });
}

/// A vague retention ("as long as necessary", "Automatiskt") is an error
/// when nothing else limits the data: kept with no limit is a likely breach
/// of storage limitation. It is a warning when the record does give a limit
/// and only the evidence for it is missing: the phrase ties retention to
/// the law ("as long as required by law": the statute's limit, which law is
/// not said), or another retention of the same activity bounds the same data
/// with a period ("6 months after the contract", then "Automatiskt").
fn indefinite(file: crate::FileId, id: &str, text: &Text, retention: &Retention, all: &[Retention]) -> Diagnostic {
    let bound = all.iter().find(|other| {
        matches!(other.period, Period::Fixed(_))
            && match (&other.data, &retention.data) {
                (None, _) => true,
                (Some(bounds), Some(vague)) => bounds.value == vague.value,
                (Some(_), None) => false,
            }
    });
    let value = &text.value;
    let finding = |message: String| Diagnostic::new(Rule::IndefiniteRetention, file, text.span, message).entity(id);
    let warning = |mut d: Diagnostic| {
        d.severity = Severity::Warning;
        d
    };
    if ties_to_law(value) {
        warning(finding(format!(
            "\"{value}\" ties retention to the law without saying which law or for how long"
        )))
        .help("name the statute and its period (`retain \"7 years\" from=calendar-year-end statute=bookkeeping`)")
    } else if let Some(bound) = bound {
        warning(finding(format!(
            "\"{value}\" gives no period; the activity's other retention limits the data, so say the period that applies here too"
        )))
        .related(file, bound.span, "this retention gives a period")
        .help("write the period the phrase stands for (`retain \"PERIOD\" from=EVENT`), or remove it if the other retention covers the data")
    } else {
        finding(format!("\"{value}\" is not a retention period")).help(
            "give a period (`retain \"3 years\" from=contract-end`) or a concrete criterion (`retain until=\"…\"`)",
        )
    }
}

/// A legal-obligation activity of a controller that keeps bookkeeping: its
/// law or data speaks of bookkeeping, or it counts from the financial-year
/// end. Its periods are compared with the bookkeeping statute even where
/// the record does not say `statute=bookkeeping`, and the finding says so.
fn keeps_bookkeeping(bookkeeping: &FxHashSet<&str>, activity: &ropa_syntax::model::Activity) -> bool {
    let mut obligations = activity
        .bases
        .iter()
        .filter(|b| b.kind.value == LegalBasis::LegalObligation)
        .peekable();
    if !is_controller(activity) || obligations.peek().is_none() {
        return false;
    }
    let law = obligations.any(|b| given(&b.law).is_some_and(|l| ropa_law::is_bookkeeping(&l.value)));
    let data = activity.data.iter().any(|d| bookkeeping.contains(d.value.as_str()));
    let counted = activity.retention.iter().any(|r| {
        r.from
            .as_ref()
            .and_then(|f| RecordStart::parse(&f.value))
            .is_some_and(|s| s == RecordStart::FinancialYearEnd)
    });
    law || data || counted
}

fn is_bookkeeping_data(data: &ropa_syntax::model::DataCategory) -> bool {
    ropa_law::is_bookkeeping(&data.id.value)
        || data
            .description
            .as_ref()
            .is_some_and(|d| ropa_law::is_bookkeeping(&d.value))
}

/// A retention for the whole activity, or for a bookkeeping data category.
fn applies_to_bookkeeping(bookkeeping: &FxHashSet<&str>, retention: &Retention) -> bool {
    match &retention.data {
        None => true,
        Some(data) => bookkeeping.contains(data.value.as_str()),
    }
}

/// The ids whose data category (the declaration a reference resolves to)
/// is bookkeeping: decided once per category, not once per activity that
/// names it.
fn bookkeeping_data<'a>(ctx: &Context<'a>) -> FxHashSet<&'a str> {
    ctx.index()
        .data
        .iter()
        .map(|(_, data)| data.id.value.as_str())
        .filter(|id| ctx.index().data(id).is_some_and(is_bookkeeping_data))
        .collect()
}

fn months_of(duration: Duration) -> i64 {
    match duration.unit {
        Unit::Months | Unit::Years => duration
            .months()
            .map_or(0, |m| i64::try_from(m).unwrap_or(i64::MAX / 2)),
        // Days and weeks, to whole months, rounded down: a statute is a minimum.
        _ => (duration.approx_days() * 12.0 / 365.25).floor() as i64,
    }
}

/// One retention period of an activity, as compared with a statute.
struct Kept<'a> {
    file: crate::FileId,
    id: &'a str,
    retention: &'a Retention,
    duration: Duration,
    span: ropa_syntax::Span,
}

/// How a period compares with one statutory period, given the events both
/// count from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Shorter, whatever the financial year.
    Short,
    /// Shorter unless the financial year is the calendar year.
    MaybeShort,
    Enough,
    /// Longer, whatever the financial year.
    Longer,
}

fn verdict(kept: i64, start: Option<RecordStart>, period: &RetentionPeriod) -> Verdict {
    let (lo, hi) = start.map_or((0, 0), |s| s.offset_months(period.counts_from));
    let required = i64::from(period.months);
    if kept + i64::from(hi) < required {
        Verdict::Short
    } else if kept + i64::from(lo) < required {
        Verdict::MaybeShort
    } else if kept + i64::from(lo) > required + if lo == hi { 0 } else { 11 } {
        // Where the record counts from another event than the statute, up
        // to a year more is what it takes to be sure, not excess.
        Verdict::Longer
    } else {
        Verdict::Enough
    }
}

fn materials(period: &RetentionPeriod) -> String {
    period
        .materials
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "8 years for vouchers; 10 years for books; 6 years for correspondence".
fn list(periods: &[RetentionPeriod]) -> String {
    periods
        .iter()
        .map(|p| format!("{} for {}", describe_months(p.months), materials(p)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn compare(out: &mut Vec<Diagnostic>, kept: &Kept, statute: Statute, inferred: bool, country: Country) {
    let Some(fact) = ropa_law::statutory_retention(country, statute) else {
        return;
    };
    let material = kept.retention.material.as_ref().map(|m| m.value);
    let periods = fact.periods_for(material);
    let Some(longest) = periods.iter().max_by_key(|p| p.months).copied() else {
        return;
    };
    let start = kept.retention.from.as_ref().and_then(|f| RecordStart::parse(&f.value));
    let months = months_of(kept.duration);
    let verdicts: Vec<(RetentionPeriod, Verdict)> = periods.iter().map(|p| (*p, verdict(months, start, p))).collect();
    let (id, duration) = (kept.id, kept.duration);
    let which = match material {
        Some(m) => format!("{m} "),
        None => format!("{statute} "),
    };
    let inference = if inferred {
        format!(
            " (ropa inferred the {statute} statute from the legal obligation and the bookkeeping data; state it with `statute={statute}`)"
        )
    } else {
        String::new()
    };
    let finding = |rule: Rule, message: String, help: String| {
        Diagnostic::new(rule, kept.file, kept.span, format!("{message}{inference}"))
            .help(help)
            .entity(id)
    };
    let short: Vec<RetentionPeriod> = verdicts
        .iter()
        .filter(|(_, v)| *v == Verdict::Short)
        .map(|(p, _)| *p)
        .collect();
    let maybe: Vec<RetentionPeriod> = verdicts
        .iter()
        .filter(|(_, v)| *v == Verdict::MaybeShort)
        .map(|(p, _)| *p)
        .collect();
    if !short.is_empty() && short.len() == periods.len() {
        let required = list(&periods);
        let first = short[0];
        out.push(finding(
            Rule::RetentionBelowStatute,
            if periods.len() == 1 {
                format!(
                    "`{id}` keeps {which}records {duration}; {} requires {}",
                    first.law,
                    describe_months(first.months)
                )
            } else {
                format!(
                    "`{id}` keeps {which}records {duration}; {} requires {required}",
                    fact.law
                )
            },
            format!(
                "keep them at least {}, counted from the {}",
                describe_months(longest.months),
                longest.runs_from
            ),
        ));
    } else if !short.is_empty() {
        // The kind of material decides, and the record does not say it.
        let mut finding = finding(
            Rule::RetentionBelowStatute,
            format!(
                "`{id}` keeps {which}records {duration}, shorter than {} requires for {} ({}); ropa cannot tell which material this is",
                short[0].law,
                short.iter().map(materials).collect::<Vec<_>>().join(", "),
                short
                    .iter()
                    .map(|p| describe_months(p.months))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            format!(
                "the statute keeps {}: say which material this is with `material=` ({}), or keep it {}",
                list(&periods),
                Material::WORDS
                    .iter()
                    .map(|(_, w, _)| *w)
                    .collect::<Vec<_>>()
                    .join(", "),
                describe_months(longest.months),
            ),
        );
        finding.severity = Severity::Warning;
        out.push(finding);
    } else if let Some(first) = maybe.first() {
        let counted = kept.retention.from.as_ref().map_or("", |f| f.value.as_str());
        let mut finding = finding(
            Rule::RetentionBelowStatute,
            format!(
                "`{id}` keeps {which}records {duration} from `{counted}`, but {} counts {} from the {}: unless the financial year is the calendar year, they may go up to 11 months too early",
                first.law,
                describe_months(first.months),
                first.runs_from
            ),
            "count from the event the statute counts from (`from=calendar-year-end`), or keep them a year longer"
                .to_owned(),
        );
        finding.severity = Severity::Warning;
        out.push(finding);
    } else if verdicts.iter().all(|(_, v)| *v == Verdict::Longer) {
        // Above the longest period that may apply: never suggest shortening
        // below what another part of the same statute requires.
        out.push(finding(
            Rule::RetentionAboveStatute,
            format!(
                "`{id}` keeps {which}records {duration}; {} requires {}",
                longest.law,
                if periods.len() == 1 {
                    describe_months(longest.months)
                } else {
                    format!(
                        "{} at the longest ({})",
                        describe_months(longest.months),
                        list(&periods)
                    )
                }
            ),
            "the statute is a minimum: state why the data is kept longer, or shorten the period".to_owned(),
        ));
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
