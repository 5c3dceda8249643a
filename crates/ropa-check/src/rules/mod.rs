//! The rule catalogue. Each rule is declared once, as data ([`RuleInfo`]):
//! its id, severity, the law it rests on, its explanation and examples.
//! `ropa rules`, `ropa explain`, the generated rule docs, SARIF output and
//! the language server's hovers all read this table.

pub(crate) mod accountability;
pub(crate) mod invisible;
pub(crate) mod lawfulness;
pub(crate) mod placeholders;
pub(crate) mod processors;
pub(crate) mod retention;
pub(crate) mod review;
pub mod structure;
pub(crate) mod suppression;
pub mod transfers;

use ropa_syntax::values::{Citation, Severity};

use crate::context::Context;
use crate::findings::Findings;

/// A function that checks a group of related rules.
pub(crate) type Checker = fn(&Context, &mut Findings);

/// A group of related rules, checked together.
pub struct Group {
    pub name: &'static str,
    pub check: Checker,
    /// Whether it reads the declaration index. Those that do not are run
    /// while the index is built; one that does is only slower if marked
    /// wrongly (it waits for the index), never different.
    pub needs_index: bool,
}

const fn group(name: &'static str, check: Checker) -> Group {
    Group {
        name,
        check,
        needs_index: true,
    }
}

const fn without_index(name: &'static str, check: Checker) -> Group {
    Group {
        name,
        check,
        needs_index: false,
    }
}

/// Every group, in the order their findings are listed when all else is
/// equal. They read the same context and run in parallel; benchmarks time
/// them one by one.
pub const GROUPS: &[Group] = &[
    without_index("syntax", structure::syntax),
    group("organization", structure::organization_count),
    group("duplicate-ids", structure::duplicate_ids),
    // Undefined references and unused declarations: one walk.
    group("references", structure::references),
    group("lawfulness", lawfulness::check),
    group("retention", retention::check),
    group("transfers", transfers::check),
    group("processors", processors::check),
    group("accountability", accountability::check),
    group("review", review::check),
    without_index("placeholders", placeholders::check),
    without_index("invisible", invisible::check),
];

/// What a rule is about, for grouping in listings and docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// The spec itself: syntax, schema, references.
    Structure,
    Lawfulness,
    Retention,
    Transfers,
    Processors,
    Accountability,
    /// Findings about `allow` suppressions.
    Suppression,
}

impl Category {
    pub fn title(self) -> &'static str {
        match self {
            Category::Structure => "Structure",
            Category::Lawfulness => "Lawfulness",
            Category::Retention => "Retention",
            Category::Transfers => "Transfers",
            Category::Processors => "Processors",
            Category::Accountability => "Accountability",
            Category::Suppression => "Suppressions",
        }
    }
}

/// Everything known about a rule except how it is checked.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable kebab-case id: public API, never reused.
    pub id: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// One sentence: why the rule has its severity under the policy in
    /// docs/rules.md (error, warning, info), and when a finding differs.
    pub severity_reason: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The legal provisions it rests on (GDPR Art. 6(1)).
    pub articles: &'static [Citation],
    /// Guidelines and case law that interpret them.
    pub guidance: &'static [&'static str],
    /// Why it matters, in a paragraph.
    pub explanation: &'static str,
    /// A spec fragment the rule reports.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
    /// The tables of legal facts the rule consults, shown by `ropa explain`.
    pub facts: &'static [ropa_law::FactTable],
}

macro_rules! catalogue {
    ($($variant:ident => $info:path,)+) => {
        /// Every rule, in catalogue order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant,)+ }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)+];

            pub fn info(self) -> &'static RuleInfo {
                match self { $(Rule::$variant => &$info,)+ }
            }
        }
    };
}

catalogue! {
    SyntaxError => structure::SYNTAX_ERROR,
    UnknownNode => structure::UNKNOWN_NODE,
    UnknownProperty => structure::UNKNOWN_PROPERTY,
    InvalidValue => structure::INVALID_VALUE,
    MissingValue => structure::MISSING_VALUE,
    RepeatedNode => structure::REPEATED_NODE,
    InvalidId => structure::INVALID_ID,
    InvalidCountry => structure::INVALID_COUNTRY,
    InvalidDuration => structure::INVALID_DURATION,
    InvalidDate => structure::INVALID_DATE,
    UndefinedReference => structure::UNDEFINED_REFERENCE,
    DuplicateId => structure::DUPLICATE_ID,
    UnusedDeclaration => structure::UNUSED_DECLARATION,
    MissingOrganization => structure::MISSING_ORGANIZATION,
    UnknownRule => structure::UNKNOWN_RULE,
    MissingPurpose => lawfulness::MISSING_PURPOSE,
    MissingLegalBasis => lawfulness::MISSING_LEGAL_BASIS,
    ConsentOnlyBasis => lawfulness::CONSENT_ONLY_BASIS,
    ConsentWithoutWithdrawal => lawfulness::CONSENT_WITHOUT_WITHDRAWAL,
    ConsentWithoutRecords => lawfulness::CONSENT_WITHOUT_RECORDS,
    LegitimateInterestsWithoutAssessment => lawfulness::LEGITIMATE_INTERESTS_WITHOUT_ASSESSMENT,
    LegalObligationWithoutLaw => lawfulness::LEGAL_OBLIGATION_WITHOUT_LAW,
    ChildConsentBelowAge => lawfulness::CHILD_CONSENT_BELOW_AGE,
    SpecialCategoryWithoutCondition => lawfulness::SPECIAL_CATEGORY_WITHOUT_CONDITION,
    CriminalDataWithoutAuthority => lawfulness::CRIMINAL_DATA_WITHOUT_AUTHORITY,
    TrackingWithoutConsent => lawfulness::TRACKING_WITHOUT_CONSENT,
    MissingRetention => retention::MISSING_RETENTION,
    IndefiniteRetention => retention::INDEFINITE_RETENTION,
    RetentionBelowStatute => retention::RETENTION_BELOW_STATUTE,
    RetentionAboveStatute => retention::RETENTION_ABOVE_STATUTE,
    UndeclaredTransfer => transfers::UNDECLARED_TRANSFER,
    TransferWithoutSafeguard => transfers::TRANSFER_WITHOUT_SAFEGUARD,
    SccWithoutTia => transfers::SCC_WITHOUT_TIA,
    DerogationForRegularTransfer => transfers::DEROGATION_FOR_REGULAR_TRANSFER,
    ThirdCountryParent => transfers::THIRD_COUNTRY_PARENT,
    UnknownLocation => transfers::UNKNOWN_LOCATION,
    ProcessorWithoutDpa => processors::PROCESSOR_WITHOUT_DPA,
    SubprocessorWithoutDpa => processors::SUBPROCESSOR_WITHOUT_DPA,
    DpaNotReferenced => processors::DPA_NOT_REFERENCED,
    JointControllerWithoutArrangement => processors::JOINT_CONTROLLER_WITHOUT_ARRANGEMENT,
    TrackerWithoutJointController => processors::TRACKER_WITHOUT_JOINT_CONTROLLER,
    ControllerDetailsMissing => processors::CONTROLLER_DETAILS_MISSING,
    RecordIncomplete => accountability::RECORD_INCOMPLETE,
    DpiaRequired => accountability::DPIA_REQUIRED,
    DpoRequired => accountability::DPO_REQUIRED,
    AutomatedDecisionWithoutSafeguards => accountability::AUTOMATED_DECISION_WITHOUT_SAFEGUARDS,
    MissingSecurityMeasures => accountability::MISSING_SECURITY_MEASURES,
    MissingBreachProcedure => accountability::MISSING_BREACH_PROCEDURE,
    MissingRightsProcedure => accountability::MISSING_RIGHTS_PROCEDURE,
    ReviewOverdue => review::REVIEW_OVERDUE,
    PlaceholderValue => placeholders::PLACEHOLDER_VALUE,
    InvisibleCharacter => invisible::INVISIBLE_CHARACTER,
    AllowWithoutReason => suppression::ALLOW_WITHOUT_REASON,
    UnusedAllow => suppression::UNUSED_ALLOW,
}

impl Rule {
    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    pub(crate) fn from_syntax(code: ropa_syntax::SyntaxCode) -> Rule {
        use ropa_syntax::SyntaxCode as S;
        match code {
            S::SyntaxError => Rule::SyntaxError,
            S::UnknownNode => Rule::UnknownNode,
            S::UnknownProperty => Rule::UnknownProperty,
            S::InvalidValue => Rule::InvalidValue,
            S::MissingValue => Rule::MissingValue,
            S::RepeatedNode => Rule::RepeatedNode,
            S::InvalidId => Rule::InvalidId,
            S::InvalidCountry => Rule::InvalidCountry,
            S::InvalidDuration => Rule::InvalidDuration,
            S::InvalidDate => Rule::InvalidDate,
        }
    }

    /// Structural findings mean the spec could not be read as written: they
    /// cannot be allowed away and are never turned off. (An unused
    /// declaration is read fine; it may be accepted.)
    pub fn is_locked(self) -> bool {
        self.info().category == Category::Structure && self != Rule::UnusedDeclaration
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ropa_syntax::values::Keyword;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        for id in &ids {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id} is not kebab-case"
            );
        }
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
    }

    #[test]
    fn syntax_codes_map_to_rules_of_the_same_id() {
        for code in ropa_syntax::SyntaxCode::ALL {
            assert_eq!(Rule::from_syntax(*code).id(), code.id());
        }
    }

    #[test]
    fn names_describe_the_pattern_not_the_fix() {
        // ruff's convention: a rule is named after what it flags.
        for rule in Rule::ALL {
            let id = rule.id();
            for banned in ["use-", "avoid-", "disallow", "banned-", "no-", "prefer-"] {
                assert!(!id.starts_with(banned), "{id}: name the pattern, not the fix");
            }
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in Rule::ALL {
            let info = rule.info();
            assert!(!info.summary.is_empty() && !info.summary.ends_with('.'), "{}", info.id);
            assert!(!info.explanation.is_empty(), "{}", info.id);
            assert!(!info.fix.is_empty(), "{}", info.id);
            assert!(
                !info.severity_reason.trim().is_empty(),
                "{} gives no reason for its severity",
                info.id
            );
            // The reason opens with the severity it justifies, so a changed
            // severity cannot keep a stale reason.
            assert!(
                info.severity_reason
                    .starts_with(&crate::docs::capitalize(info.default_severity.as_str())),
                "{}: the severity reason does not open with `{}`",
                info.id,
                info.default_severity.as_str()
            );
            if info.category != Category::Structure {
                assert!(!info.articles.is_empty(), "{} cites no article", info.id);
                assert!(
                    !info.bad.is_empty() && !info.good.is_empty(),
                    "{} lacks examples",
                    info.id
                );
            }
        }
    }
}
