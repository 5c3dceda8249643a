//! Review: the record is kept up to date. Each activity's last review (its
//! own `reviewed`, else the whole record's) must fall within the interval
//! `ropa.kdl` sets (`review-interval`, 12 months by default), counted to
//! the date the caller gives as today ([`crate::Workspace::today`]).

use ropa_syntax::values::{Citation, Duration, Severity, Unit, parse_duration};

use super::{Category, Rule, RuleInfo};
use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::findings::Findings;

pub(crate) const REVIEW_OVERDUE: RuleInfo = RuleInfo {
    id: "review-overdue",
    category: Category::Accountability,
    default_severity: Severity::Warning,
    severity_reason: "Warning: how often to review is the organization's own measure under Art. 24(1), so an overdue review is a gap in accountability, not an infringement by itself; info for an activity without a review date in a record that keeps them, since the rule then cannot decide.",
    summary: "an activity has not been reviewed within the review interval",
    articles: &[
        Citation::gdpr(5).paragraph(2),
        Citation::gdpr(24).paragraph(1),
        Citation::gdpr(30).paragraph(1),
    ],
    guidance: &[
        "ICO, Accountability Framework: Records of processing and lawful basis (a ROPA \"reviewed regularly\", with responsibility for it assigned)",
        "CNIL, Le registre des activités de traitement (the record \"centralisé et régulièrement mis à jour\")",
    ],
    explanation: "The controller is responsible for, and must be able to demonstrate, compliance (Art. 5(2)); its measures are \"reviewed and updated where necessary\" (Art. 24(1)). A record of processing that nobody has compared with how the processing is actually done drifts from it. ropa reads the date of the last review from the activity's `reviewed`, else from the organization's (a review of the whole record), and reports an activity whose last review is older than the interval set in `ropa.kdl` with `review-interval` (12 months when not set). It needs today's date: `ropa check` and `ropa report` use the current date (or `SOURCE_DATE_EPOCH`); where no date is given, the rule does not run. Once the record gives review dates (or `ropa.kdl` sets `review-interval`), an activity without one, and without a review of the whole record, is reported at info level: the rule cannot decide it. A record that gives no review date anywhere and sets no interval is not reported: that would add a finding to every record written before `reviewed` existed.",
    bad: "activity payroll {\n    purpose \"Pay salaries\"\n    reviewed \"2024-01-15\" by=\"HR manager\"\n}",
    good: "activity payroll {\n    purpose \"Pay salaries\"\n    reviewed \"2026-09-01\" by=\"HR manager\"\n}",
    fix: "Review the activity against how the processing is done now, update the record where it differs, and record the date with `reviewed \"YYYY-MM-DD\" by=\"…\"`; to review the whole record at once, put `reviewed` on the organization.",
    facts: &[],
};

/// The interval when `ropa.kdl` sets none.
const DEFAULT_INTERVAL: Duration = Duration {
    amount: 12,
    unit: Unit::Months,
};

pub fn check(ctx: &Context, out: &mut Findings) {
    let Some(today) = ctx.workspace.today else {
        return;
    };
    let configured = ctx
        .workspace
        .config()
        .and_then(|(_, c)| c.config.review_interval.as_ref())
        .and_then(|text| parse_duration(&text.value).ok());
    let interval = configured.unwrap_or(DEFAULT_INTERVAL);
    let configured = configured.is_some();
    let organization = ctx.index().organization();
    let record_review = organization.and_then(|(_, org)| org.reviewed.as_ref());
    let mut undated = 0usize;
    for (file, activity) in ctx.activities() {
        let own = activity.reviewed.as_deref();
        let Some((review, date)) = own.or(record_review).and_then(|r| Some((r, r.date.as_ref()?))) else {
            undated += 1;
            continue;
        };
        let due = date.value.after(interval);
        if due >= today {
            continue;
        }
        let whose = if own.is_some() {
            "its last review"
        } else {
            "the record's last review"
        };
        let by = review
            .by
            .as_ref()
            .map_or(String::new(), |b| format!(" (by {})", b.value));
        let mut finding = Diagnostic::new(
            Rule::ReviewOverdue,
            file,
            activity.reviewed.as_ref().map_or(activity.id.span, |r| r.span),
            format!(
                "`{}` is overdue for review: {whose} was on {}{by}, and the review interval of {interval} ended on {due}",
                activity.id.value, date.value
            ),
        )
        .help("check the activity against how the processing is done now, update the record where it differs, and set `reviewed \"YYYY-MM-DD\" by=\"…\"` to the date of that review")
        .entity(&activity.id.value);
        if own.is_none()
            && let Some((org_file, _)) = organization
        {
            finding = finding.related(org_file, review.span, "the record's last review");
        }
        out.push(finding);
    }
    // A record that names no review and sets no interval has not taken up
    // review dates: saying so on every record written before `reviewed`
    // existed would bury its real findings (see the rule's explanation).
    // Once it has, an activity without a date is one the rule cannot decide.
    if undated == 0 || !(configured || any_review(ctx)) {
        return;
    }
    for (file, activity) in ctx.activities() {
        if activity.reviewed.as_ref().and_then(|r| r.date.as_ref()).is_some() {
            continue;
        }
        let mut finding = Diagnostic::new(
            Rule::ReviewOverdue,
            file,
            activity.id.span,
            format!(
                "`{}` gives no review date: ropa cannot tell whether it was reviewed within {interval}",
                activity.id.value
            ),
        )
        .help("after reviewing the activity, add `reviewed \"YYYY-MM-DD\" by=\"…\"` to it, or to the organization for a review of the whole record")
        .entity(&activity.id.value);
        finding.severity = Severity::Info;
        out.push(finding);
    }
}

/// Whether any activity, or the record, gives a review date.
fn any_review(ctx: &Context) -> bool {
    let record = ctx.index().organization().is_some_and(|(_, o)| o.reviewed.is_some());
    record
        || ctx
            .activities()
            .any(|(_, a)| a.reviewed.as_ref().is_some_and(|r| r.date.is_some()))
}
