//! The Fides taxonomy (fideslang's default data uses, data categories and
//! data subjects) in ropa's terms. The purposes are ropa's own wording of
//! what each data use means; keys a manifest defines itself take the name
//! and description the manifest gives them.

use ropa_syntax::values::{Art9Condition, LegalBasis, Mechanism, SpecialCategory, TrackingPurpose};

/// The purpose of a default data use, most specific key first; a key below
/// one of these (`marketing.advertising.custom`) takes its parent's.
pub(crate) const DATA_USES: &[(&str, &str)] = &[
    ("analytics", "Analytics"),
    ("analytics.reporting", "Reporting and analytics"),
    (
        "analytics.reporting.ad_performance",
        "Measure the performance of advertising",
    ),
    (
        "analytics.reporting.content_performance",
        "Measure the performance of content",
    ),
    (
        "analytics.reporting.campaign_insights",
        "Analyse advertising and promotion campaigns",
    ),
    ("analytics.reporting.system", "Report on system activity"),
    ("analytics.reporting.system.performance", "Report on system performance"),
    ("collect", "Collect and store data for a purpose not yet stated"),
    ("employment", "Recruitment, employment and human resources"),
    ("employment.recruitment", "Recruit new employees"),
    (
        "essential",
        "Operate the service, including legal obligations, support and basic operations",
    ),
    ("essential.fraud_detection", "Detect fraud and misuse"),
    ("essential.legal_obligation", "Meet legal and compliance obligations"),
    ("essential.service", "Provide the service the user asked for"),
    ("essential.service.authentication", "Authenticate users"),
    (
        "essential.service.notifications",
        "Send notifications about the service",
    ),
    (
        "essential.service.notifications.email",
        "Send e-mail notifications about the service",
    ),
    (
        "essential.service.notifications.sms",
        "Send SMS notifications about the service",
    ),
    ("essential.service.operations", "Operate the service"),
    ("essential.service.operations.support", "Support users of the service"),
    (
        "essential.service.operations.improve",
        "Improve support for the service",
    ),
    ("essential.service.payment_processing", "Process payments"),
    ("essential.service.security", "Keep the service secure"),
    ("essential.service.upgrades", "Inform about upgrades of the service"),
    ("finance", "Finance and accounting, such as audits and tax reporting"),
    ("functional", "Functions the user asked for"),
    (
        "functional.storage",
        "Store or read information on the user's device as the service needs",
    ),
    (
        "functional.storage.privacy_preferences",
        "Store the user's privacy preferences on their device",
    ),
    ("functional.service", "Provide functions of the service"),
    ("functional.service.improve", "Improve the service"),
    ("marketing", "Marketing, promotion, advertising and sales"),
    ("marketing.advertising", "Advertising and promotion"),
    (
        "marketing.advertising.first_party",
        "Advertising based on first-party data",
    ),
    (
        "marketing.advertising.first_party.contextual",
        "Contextual advertising based on the content viewed",
    ),
    (
        "marketing.advertising.first_party.targeted",
        "Targeted advertising based on data about the user",
    ),
    (
        "marketing.advertising.frequency_capping",
        "Limit how often an advertisement is shown",
    ),
    (
        "marketing.advertising.negative_targeting",
        "Keep advertising away from certain audiences",
    ),
    (
        "marketing.advertising.profiling",
        "Build audience profiles for targeted advertising",
    ),
    ("marketing.advertising.serving", "Deliver advertising"),
    (
        "marketing.advertising.third_party",
        "Advertising based on data joined with third-party data",
    ),
    (
        "marketing.advertising.third_party.targeted",
        "Targeted advertising based on data joined with third-party data",
    ),
    ("marketing.communications", "Marketing communications"),
    ("marketing.communications.email", "Send marketing e-mail"),
    ("marketing.communications.sms", "Send marketing SMS"),
    ("operations", "Business operations"),
    ("personalize", "Personalise the service"),
    ("personalize.content", "Personalise content"),
    ("personalize.content.limited", "Personalise content with limited data"),
    ("personalize.content.profiling", "Build profiles to personalise content"),
    ("personalize.content.profiled", "Personalise content from profiles"),
    ("personalize.profiling", "Build profiles to personalise the service"),
    ("personalize.system", "Personalise the system"),
    ("sales", "Sales and outreach"),
    ("third_party_sharing", "Share data with third parties"),
    (
        "third_party_sharing.legal_obligation",
        "Share data to meet legal obligations",
    ),
    ("train_ai_system", "Train an AI system or model"),
];

/// The purpose of a data use key: its own, its nearest parent's, or the
/// key in words.
pub(crate) fn purpose_of(key: &str) -> (String, bool) {
    let mut k = key;
    loop {
        if let Some((_, purpose)) = DATA_USES.iter().find(|(use_key, _)| *use_key == k) {
            return (purpose.to_string(), k == key);
        }
        match k.rfind('.') {
            Some(i) => k = &k[..i],
            None => return (humanize(key), false),
        }
    }
}

/// "marketing.custom_thing" → "Marketing: custom thing".
pub(crate) fn humanize(key: &str) -> String {
    let parts: Vec<String> = key.split('.').map(|p| p.replace('_', " ")).collect();
    let mut text = parts.join(": ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// Whether a data use is kept on the user's device when the system uses
/// cookies or similar, and for what (ePrivacy Art. 5(3)). Only data uses
/// whose taxonomy meaning fixes the purpose count.
pub(crate) fn tracking_of(data_use: &str) -> Option<TrackingPurpose> {
    let under = |prefix: &str| data_use == prefix || data_use.starts_with(&format!("{prefix}."));
    if under("marketing.advertising") {
        Some(TrackingPurpose::Advertising)
    } else if under("analytics") {
        Some(TrackingPurpose::Analytics)
    } else if under("personalize") {
        Some(TrackingPurpose::Preferences)
    } else if under("functional.storage")
        || under("essential.service.authentication")
        || under("essential.service.security")
    {
        Some(TrackingPurpose::StrictlyNecessary)
    } else {
        None
    }
}

/// What a data category is under Art. 9 and 10.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sensitivity {
    Special(SpecialCategory),
    Criminal,
}

pub(crate) fn sensitivity_of(category: &str) -> Option<Sensitivity> {
    let under = |prefix: &str| category == prefix || category.starts_with(&format!("{prefix}."));
    Some(if under("user.health_and_medical.genetic") {
        Sensitivity::Special(SpecialCategory::Genetic)
    } else if under("user.biometric.health") || under("user.health_and_medical") {
        Sensitivity::Special(SpecialCategory::Health)
    } else if under("user.biometric") || under("user.authorization.biometric") {
        Sensitivity::Special(SpecialCategory::Biometric)
    } else if under("user.demographic.race_ethnicity") {
        Sensitivity::Special(SpecialCategory::RacialEthnicOrigin)
    } else if under("user.demographic.religious_belief") {
        Sensitivity::Special(SpecialCategory::ReligiousBeliefs)
    } else if under("user.demographic.political_opinion") {
        Sensitivity::Special(SpecialCategory::PoliticalOpinions)
    } else if under("user.demographic.sexual_orientation") {
        Sensitivity::Special(SpecialCategory::SexualOrientation)
    } else if under("user.criminal_history") {
        Sensitivity::Criminal
    } else {
        return None;
    })
}

/// The default data subjects: name, and whether the group is the
/// organization's employees or vulnerable (WP248: patients).
pub(crate) const SUBJECTS: &[(&str, &str, &[&str])] = &[
    ("anonymous_user", "Anonymous users", &[]),
    ("citizen_voter", "Citizens registered to vote", &[]),
    ("commuter", "Commuters", &[]),
    ("consultant", "Consultants", &[]),
    ("customer", "Customers", &[]),
    ("employee", "Employees", &["employees"]),
    ("job_applicant", "Job applicants", &[]),
    ("next_of_kin", "Next of kin", &[]),
    ("passenger", "Passengers", &[]),
    ("patient", "Patients", &["vulnerable"]),
    ("prospect", "Prospects", &[]),
    ("shareholder", "Shareholders", &[]),
    ("supplier_vendor", "Suppliers and vendors", &[]),
    ("trainee", "Trainees", &[]),
    ("visitor", "Visitors", &[]),
];

/// Words in a custom subject's key or name that mean minors.
const CHILD_WORDS: &[&str] = &["child", "children", "minor", "minors", "kid", "kids", "pupil", "pupils"];

pub(crate) fn subject_flags(key: &str, name: Option<&str>) -> Vec<&'static str> {
    if let Some((_, _, flags)) = SUBJECTS.iter().find(|(k, _, _)| *k == key) {
        return flags.to_vec();
    }
    let words = format!("{} {}", key, name.unwrap_or("")).to_lowercase();
    if words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| CHILD_WORDS.contains(&w))
    {
        vec!["children"]
    } else {
        Vec::new()
    }
}

pub(crate) fn legal_basis(text: &str) -> Option<LegalBasis> {
    Some(match text.trim().to_lowercase().as_str() {
        "consent" => LegalBasis::Consent,
        "contract" => LegalBasis::Contract,
        "legal obligation" | "legal obligations" => LegalBasis::LegalObligation,
        "vital interest" | "vital interests" => LegalBasis::VitalInterests,
        "public interest" | "public task" => LegalBasis::PublicTask,
        "legitimate interest" | "legitimate interests" => LegalBasis::LegitimateInterests,
        _ => return None,
    })
}

pub(crate) fn condition(text: &str) -> Option<Art9Condition> {
    let lower = text.trim().to_lowercase();
    Some(match lower.as_str() {
        "explicit consent" | "consent" => Art9Condition::ExplicitConsent,
        "employment, social security and social protection" | "employment" => Art9Condition::Employment,
        "vital interests" | "vital interest" => Art9Condition::VitalInterests,
        "not-for-profit bodies" | "non-profit bodies" => Art9Condition::Nonprofit,
        "made public by the data subject" | "public by data subject" => Art9Condition::MadePublic,
        "legal claims or judicial acts" | "legal claims" => Art9Condition::LegalClaims,
        "reasons of substantial public interest (with a basis in law)" | "substantial public interest" => {
            Art9Condition::SubstantialPublicInterest
        }
        "health or social care (with a basis in law)" | "medical" => Art9Condition::HealthCare,
        "public health (with a basis in law)" | "public health interest" => Art9Condition::PublicHealth,
        "archiving, research and statistics (with a basis in law)" => Art9Condition::ArchivingResearch,
        _ => return None,
    })
}

/// `legal_basis_for_transfers` values; "Supplementary Measures" and "Other"
/// name no Chapter V tool.
pub(crate) fn mechanism(text: &str) -> Option<Mechanism> {
    Some(match text.trim().to_lowercase().as_str() {
        "adequacy decision" | "adequacy" => Mechanism::Adequacy,
        "sccs" | "scc" | "standard contractual clauses" => Mechanism::Scc,
        "bcrs" | "bcr" | "binding corporate rules" => Mechanism::Bcr,
        "dpf" | "data privacy framework" => Mechanism::Dpf,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_fall_back_to_parents() {
        assert_eq!(purpose_of("marketing.communications.email").0, "Send marketing e-mail");
        assert_eq!(
            purpose_of("marketing.communications.push"),
            ("Marketing communications".to_owned(), false)
        );
        assert_eq!(purpose_of("custom_use.thing").0, "Custom use: thing");
    }

    #[test]
    fn sensitive_categories() {
        assert_eq!(
            sensitivity_of("user.health_and_medical.record_id"),
            Some(Sensitivity::Special(SpecialCategory::Health))
        );
        assert_eq!(
            sensitivity_of("user.health_and_medical.genetic"),
            Some(Sensitivity::Special(SpecialCategory::Genetic))
        );
        assert_eq!(
            sensitivity_of("user.biometric.fingerprint"),
            Some(Sensitivity::Special(SpecialCategory::Biometric))
        );
        assert_eq!(
            sensitivity_of("user.biometric.health"),
            Some(Sensitivity::Special(SpecialCategory::Health))
        );
        assert_eq!(sensitivity_of("user.criminal_history"), Some(Sensitivity::Criminal));
        assert_eq!(sensitivity_of("user.contact.email"), None);
        assert_eq!(sensitivity_of("user.healthy"), None);
    }

    #[test]
    fn tracking_only_where_the_use_says_so() {
        assert_eq!(
            tracking_of("marketing.advertising.first_party.targeted"),
            Some(TrackingPurpose::Advertising)
        );
        assert_eq!(tracking_of("analytics.reporting"), Some(TrackingPurpose::Analytics));
        assert_eq!(tracking_of("marketing.communications.email"), None);
        assert_eq!(tracking_of("essential.service.payment_processing"), None);
    }

    #[test]
    fn subjects() {
        assert_eq!(subject_flags("employee", None), ["employees"]);
        assert_eq!(subject_flags("patient", None), ["vulnerable"]);
        assert_eq!(subject_flags("school_child", Some("Pupils")), ["children"]);
        assert!(subject_flags("customer", None).is_empty());
        assert!(subject_flags("childcare_provider", None).is_empty());
    }
}
