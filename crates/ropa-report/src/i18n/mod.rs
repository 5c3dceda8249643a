//! The report's languages: every heading and fixed text in English, Swedish,
//! Danish and Norwegian bokmål, as data (one table per language, one file
//! each), with the legal vocabulary each language's data protection
//! authority uses. Text written in the spec is never translated.
//!
//! A table lists every [`Key`] once, in the order of the enum; the tests
//! check that, that no text is empty, and that each translation has the
//! same `{}` placeholders as the English.

mod da;
mod en;
mod nb;
mod sv;
mod vocabulary;

pub use ropa_syntax::values::Cite;
use ropa_syntax::values::{Country, Date, Duration, Unit};

/// A language reports can be written in.
pub use ropa_syntax::values::Lang;
pub use vocabulary::Label;

/// The table of a language's texts.
fn language(lang: Lang) -> &'static Language {
    match lang {
        Lang::En => &en::LANGUAGE,
        Lang::Sv => &sv::LANGUAGE,
        Lang::Da => &da::LANGUAGE,
        Lang::Nb => &nb::LANGUAGE,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateStyle {
    /// 23 November 2026
    DayMonthYear,
    /// 23. november 2026
    DayDotMonthYear,
}

struct Language {
    months: [&'static str; 12],
    /// Singular and plural of hours, days, weeks, months, years.
    units: [(&'static str, &'static str); 5],
    date: DateStyle,
    texts: &'static [(Key, &'static str)],
}

macro_rules! keys {
    ($($key:ident,)+) => {
        /// Every fixed text a report uses.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key { $($key,)+ }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key,)+];
        }
    };
}

keys! {
    TitleRecord,
    TitleTransfers,
    TitleFindings,
    TitleNotice,
    TitleAll,
    UnnamedOrganization,
    Organization,
    RegistrationNumber,
    CountryOfEstablishment,
    ContactPerson,
    PhoneAbbreviation,
    Dpo,
    DpoNotAppointed,
    NoOrganization,
    Generated,
    SpecRevision,
    RevisionDirty,
    RevisionUnversioned,
    LegalFactsAsOf,
    FindingsTitle,
    NoFindings,
    CountErrorOne,
    CountErrorMany,
    CountWarningOne,
    CountWarningMany,
    CountInfoOne,
    CountInfoMany,
    AlertNoOrganization,
    AlertErrors,
    AlertSeeFindings,
    AlertRunCheck,
    AlertNoticeDraft,
    Contents,
    RecordTitle,
    RecordIntro,
    RecordIntroAuthority,
    OrganizationTitle,
    Name,
    Address,
    Website,
    Representative,
    Employees,
    RecordOwner,
    RecordVersion,
    ApprovedOn,
    ByWhom,
    LastReviewed,
    ReviewOfRecord,
    ActivityOwner,
    SystemsUsed,
    FooterVersion,
    OverviewTitle,
    Activity,
    Role,
    Purpose,
    LegalBasis,
    RoleFor,
    RoleWith,
    ControllerRecordTitle,
    ControllerRecordIntro,
    ProcessorRecordTitle,
    ProcessorRecordIntro,
    SeeControllerSection,
    IdInSpec,
    JointController,
    Arrangement,
    Controller,
    DataSubjects,
    PersonalData,
    Source,
    Recipients,
    Transfers,
    Retention,
    SecurityMeasures,
    ControllerOnBehalf,
    ControllerContactDetails,
    FillControllerDeclared,
    FillControllerContact,
    FillControllerDpo,
    FillControllerRepresentative,
    FillArrangement,
    NoticeJointControllerText,
    NoticeArrangementText,
    CategoriesOfProcessing,
    SubProcessors,
    LegalBasisStated,
    SpecialCategoryCondition,
    CriminalDataAuthority,
    LegitimateInterests,
    BasisLaw,
    BasisInterest,
    BasisAssessment,
    BasisWithdrawal,
    BasisRecords,
    BasisParental,
    SubjectsChildren,
    SubjectsEmployees,
    SubjectsVulnerable,
    SpecialCategory,
    CriminalData,
    NotDeclared,
    NotRecorded,
    NoneRecorded,
    Processor,
    Recipient,
    TransferNotDeclared,
    NoTransfers,
    LocationsMissingFor,
    SeeOrganizationMeasures,
    DpiaNotNeeded,
    Dpia,
    DpiaCriteria,
    Safeguards,
    AutomatedDecisions,
    Tracking,
    Consequence,
    Provision,
    RetentionFrom,
    RetentionUntil,
    RetentionNoPeriod,
    RetentionStatute,
    SecurityTitle,
    BreachProcedure,
    RightsProcedure,
    CategoriesTitle,
    Unused,
    Id,
    Description,
    UsedBy,
    VulnerableGroup,
    SpecialOrCriminal,
    TransfersTitle,
    TransfersSummary,
    TransfersUnsafeguardedAlert,
    MapTitle,
    MapCaption,
    MapElsewhere,
    MapElsewhereAuthority,
    MapPart,
    MapActivities,
    MapParties,
    MapCountries,
    MapEmpty,
    MapParentShort,
    MapProcessorShort,
    MapSubProcessorShort,
    MapRecipientShort,
    MapUnknownLocation,
    PartiesTitle,
    NoPartiesRecorded,
    Party,
    WhereDataIs,
    Dpa,
    DpaSigned,
    DpaNone,
    NotApplicable,
    SubProcessor,
    SubProcessorOf,
    DpfCertified,
    Established,
    StoredIn,
    AccessedFrom,
    ParentCompany,
    LocationNotRecorded,
    TransferListTitle,
    NoTransfersAtAll,
    Via,
    ViaColumn,
    Destination,
    Safeguard,
    Status,
    UnknownLocationsTitle,
    UnknownLocationsText,
    Zone,
    ZoneEea,
    ZoneAdequate,
    ZonePartlyAdequate,
    ZoneNotAdequate,
    ZoneUnknown,
    StatusInsideEea,
    StatusLocationUnknown,
    StatusSafeguarded,
    StatusWithoutSafeguard,
    StatusUndeclared,
    StatusUndeclaredWithoutSafeguard,
    LegendInsideEea,
    LegendSafeguarded,
    NotInRecord,
    LegendWithoutSafeguard,
    LegendUnsafeguardedNode,
    LegendUndeclaredRecipient,
    LegendSubProcessor,
    LegendDpf,
    MechanismNotNamed,
    SccModule,
    TransferOccasional,
    Tia,
    Art49Safeguards,
    InternationalOrganisation,
    RecipientNotNamed,
    RecipientId,
    CountryCode,
    FindingsIntro,
    FindingsInEnglish,
    NoFindingsText,
    FindingsIntroAuthority,
    NoFindingsAuthority,
    FindingsByRule,
    FindingsByArea,
    FindingsByActivity,
    FindingsAll,
    FindingsElsewhere,
    Total,
    Rule,
    Area,
    Severity,
    Count,
    Level,
    SeverityError,
    SeverityWarning,
    SeverityInfo,
    SeverityErrorPlural,
    SeverityWarningPlural,
    SeverityInfoPlural,
    Finding,
    Where,
    FindingHelp,
    Help,
    Entity,
    File,
    Line,
    Column,
    CategoryStructure,
    CategoryLawfulness,
    CategoryRetention,
    CategoryTransfers,
    CategoryProcessors,
    CategoryAccountability,
    CategorySuppression,
    NoticeTitle,
    NoticeIntro,
    NoticeAudience,
    NoticeEditorNote,
    NoticeToComplete,
    NoticeProcessorActivitiesLeftOut,
    NoticeNoActivities,
    NoticeControllerTitle,
    NoticeControllerText,
    NoticeDpoText,
    NoticeNoDpo,
    NoticeRepresentative,
    NoticeFillController,
    NoticeFillContact,
    NoticeFillDpo,
    NoticePurposesTitle,
    NoticePurposeColumn,
    NoticeDataColumn,
    NoticeRetentionColumn,
    NoticeFillPurpose,
    NoticeFillData,
    NoticeFillBasis,
    NoticeFillRetention,
    NoticeInterestsTitle,
    NoticeInterestsText,
    NoticeFillInterest,
    NoticeSourcesTitle,
    NoticeSourcesFromYou,
    NoticeNoRecipients,
    NoticeNoAutomated,
    NoticeAutomatedLogic,
    NoticeAutomatedConsequences,
    NoticeSourcesText,
    NoticeFillSource,
    NoticeProvisionTitle,
    NoticeProvisionText,
    NoticeIfNotProvided,
    NoticeFillProvision,
    NoticeFillConsequence,
    NoticeRecipientsTitle,
    NoticeProcessorsText,
    NoticeProcessorsPlainText,
    NoticeUnderDpa,
    NoticeOtherRecipientsText,
    NoticeFillRecipients,
    NoticeTransfersTitle,
    NoticeTransfersText,
    NoticeTransfersCopy,
    NoticeNoTransfers,
    NoticeFillLocations,
    NoticeFillTransfersUnnamed,
    NoticeFillSafeguard,
    NoticeMechanismAdequacy,
    NoticeMechanismDpf,
    NoticeMechanismScc,
    NoticeMechanismBcr,
    NoticeMechanismCodeOfConduct,
    NoticeMechanismCertification,
    NoticeMechanismAdHocClauses,
    NoticeMechanismAdministrativeArrangement,
    NoticeMechanismDerogation,
    NoticeRightsTitle,
    NoticeRightsText,
    NoticeRightAccess,
    NoticeRightRectification,
    NoticeRightErasure,
    NoticeRightRestriction,
    NoticeRightPortability,
    NoticeRightObject,
    NoticeRightWithdraw,
    NoticeFillWithdrawal,
    NoticeRightsHow,
    NoticeRightsAnswer,
    NoticeAutomatedTitle,
    NoticeFillAutomated,
    NoticeAutomatedText,
    NoticeFillAutomatedLogic,
    NoticeFillAutomatedSafeguards,
    NoticeAutomatedRights,
    NoticeComplaintTitle,
    NoticeComplaintText,
    NoticeComplaintAuthority,
    NoticeFillAuthority,
    NoticeUpdatedTitle,
    NoticeGapsOne,
    NoticeGapsMany,
    BasisConsent,
    BasisContract,
    BasisLegalObligation,
    BasisVitalInterests,
    BasisPublicTask,
    BasisLegitimateInterests,
    MechanismAdequacy,
    MechanismDpf,
    MechanismScc,
    MechanismBcr,
    MechanismCodeOfConduct,
    MechanismCertification,
    MechanismAdHocClauses,
    MechanismAdministrativeArrangement,
    MechanismDerogation,
    ConditionExplicitConsent,
    ConditionEmployment,
    ConditionVitalInterests,
    ConditionNonprofit,
    ConditionMadePublic,
    ConditionLegalClaims,
    ConditionSubstantialPublicInterest,
    ConditionHealthCare,
    ConditionPublicHealth,
    ConditionArchivingResearch,
    SpecialRacialEthnicOrigin,
    SpecialPoliticalOpinions,
    SpecialReligiousBeliefs,
    SpecialTradeUnion,
    SpecialGenetic,
    SpecialBiometric,
    SpecialHealth,
    SpecialSexLife,
    SpecialSexualOrientation,
    GroundExplicitConsent,
    GroundContract,
    GroundContractInInterest,
    GroundPublicInterest,
    GroundLegalClaims,
    GroundVitalInterests,
    GroundPublicRegister,
    GroundCompellingInterests,
    RoleController,
    RoleProcessor,
    RoleJointController,
    RecipientAuthority,
    RecipientController,
    RecipientGroupCompany,
    RecipientOther,
    TrackingStrictlyNecessary,
    TrackingPreferences,
    TrackingAnalytics,
    TrackingAdvertising,
    TrackingSocialMedia,
    CriterionEvaluationScoring,
    CriterionAutomatedDecisions,
    CriterionSystematicMonitoring,
    CriterionLargeScale,
    CriterionMatchingDatasets,
    CriterionInnovativeTechnology,
    CriterionPreventsRights,
    ProvisionStatutory,
    ProvisionContractual,
    ProvisionPreContract,
    ProvisionVoluntary,
    RecipientInternationalOrganisation,
    System,
    MapJointControllerShort,
    MapSystemShort,
    EventCollection,
    EventContractEnd,
    EventEmploymentEnd,
    EventRelationshipEnd,
    EventBusinessRelationshipEnd,
    EventMembershipEnd,
    EventCalendarYearEnd,
    EventFinancialYearEnd,
    EventSchoolYearEnd,
    EventLastLogin,
    EventLastPurchase,
    EventLastEngagement,
    EventLastContact,
    EventAccountClosure,
    EventDelivery,
    EventOrderDate,
    EventRecording,
    EventTicketClosed,
    EventPositionFilled,
    StatuteBookkeeping,
}

/// The text of `key` in `lang`. Tables are in key order, so this is an
/// index; a table that lost its order falls back to a search, and a missing
/// text to English (the tests keep both from happening).
pub fn text(lang: Lang, key: Key) -> &'static str {
    lookup(language(lang).texts, key)
        .or_else(|| lookup(en::LANGUAGE.texts, key))
        .unwrap_or("")
}

fn lookup(texts: &'static [(Key, &'static str)], key: Key) -> Option<&'static str> {
    match texts.get(key as usize) {
        Some((k, text)) if *k == key => Some(text),
        _ => texts.iter().find(|(k, _)| *k == key).map(|(_, text)| *text),
    }
}

/// Puts `args` into the `{}` placeholders of `template`, in order. The
/// arguments are not scanned, so text from a spec containing `{}` stays
/// as written.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut pieces = template.split("{}");
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for (i, piece) in pieces.enumerate() {
        out.push_str(args.get(i).copied().unwrap_or(""));
        out.push_str(piece);
    }
    out
}

/// A date as people write it: "23 November 2026", "23 november 2026", "23. november 2026".
pub fn date(lang: Lang, date: Date) -> String {
    let language = language(lang);
    let month = language
        .months
        .get(usize::from(date.month).wrapping_sub(1))
        .copied()
        .unwrap_or("?");
    match language.date {
        DateStyle::DayMonthYear => format!("{} {month} {}", date.day, date.year),
        DateStyle::DayDotMonthYear => format!("{}. {month} {}", date.day, date.year),
    }
}

/// A `YYYY-MM-DD` text (such as the facts' as-of date) as [`date`] writes
/// it; anything else as it is.
pub fn date_text(lang: Lang, text: &str) -> String {
    ropa_syntax::values::parse_date(text).map_or_else(|| text.to_owned(), |d| date(lang, d))
}

/// "7 years", "7 år", "1 måned".
pub fn duration(lang: Lang, duration: Duration) -> String {
    let index = match duration.unit {
        Unit::Hours => 0,
        Unit::Days => 1,
        Unit::Weeks => 2,
        Unit::Months => 3,
        Unit::Years => 4,
    };
    let (one, many) = language(lang).units[index];
    format!("{} {}", duration.amount, if duration.amount == 1 { one } else { many })
}

/// A country's name in the report's language; the English short name from
/// ISO 3166 for countries the table does not translate.
pub fn country(lang: Lang, country: Country) -> String {
    country.name_in(lang).unwrap_or(country.name()).to_owned()
}

/// A provision of the GDPR, cited as each language's authority cites it.
pub fn cite(lang: Lang, cite: Cite) -> String {
    vocabulary::format_cite(lang, cite)
}

/// The label of a keyword of the spec language.
pub fn label<L: Label>(lang: Lang, keyword: L) -> &'static str {
    text(lang, keyword.key())
}

/// The article a keyword rests on, cited; empty when it has none.
pub fn cite_of<L: Label>(lang: Lang, keyword: L) -> String {
    keyword.cite().map(|c| cite(lang, c)).unwrap_or_default()
}

#[cfg(test)]
mod tests;
