//! The closed vocabularies of the language: legal bases, Art. 9 kinds and
//! conditions, transfer mechanisms, and the rest. Each word carries a one-line
//! meaning, used by the language server's hover and completion and by reports.

/// A closed set of words, parsed from and printed as its kebab-case spelling.
pub trait Keyword: Sized + Copy + 'static {
    /// Every word with its meaning, in documentation order.
    const WORDS: &'static [(Self, &'static str, &'static str)];

    fn parse(word: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(_, w, _)| *w == word).map(|(k, _, _)| *k)
    }
    fn as_str(self) -> &'static str;
    fn meaning(self) -> &'static str;
    /// All spellings, for suggestions and completion.
    fn spellings() -> Vec<&'static str> {
        Self::WORDS.iter().map(|(_, w, _)| *w).collect()
    }
}

macro_rules! keywords {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal : $meaning:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant,)+ }

        impl Keyword for $name {
            const WORDS: &'static [(Self, &'static str, &'static str)] =
                &[$(($name::$variant, $word, $meaning),)+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }
            fn meaning(self) -> &'static str {
                match self { $($name::$variant => $meaning,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keywords! {
    /// Art. 6(1) legal bases.
    LegalBasis {
        Consent = "consent": "Art. 6(1)(a): the data subject has given consent to the processing for one or more specific purposes",
        Contract = "contract": "Art. 6(1)(b): processing is necessary for a contract with the data subject, or steps at their request before entering into one",
        LegalObligation = "legal-obligation": "Art. 6(1)(c): processing is necessary for compliance with a legal obligation of the controller, laid down by Union or Member State law (Art. 6(3))",
        VitalInterests = "vital-interests": "Art. 6(1)(d): processing is necessary to protect the vital interests of the data subject or another person",
        PublicTask = "public-task": "Art. 6(1)(e): processing is necessary for a task in the public interest or in the exercise of official authority, laid down by law (Art. 6(3))",
        LegitimateInterests = "legitimate-interests": "Art. 6(1)(f): processing is necessary for the legitimate interests of the controller or a third party, unless overridden by the data subject's interests (balancing test)",
    }
}

keywords! {
    /// Art. 9(1) special categories of personal data.
    SpecialCategory {
        RacialEthnicOrigin = "racial-ethnic-origin": "Art. 9(1): data revealing racial or ethnic origin",
        PoliticalOpinions = "political-opinions": "Art. 9(1): data revealing political opinions",
        ReligiousBeliefs = "religious-beliefs": "Art. 9(1): data revealing religious or philosophical beliefs",
        TradeUnion = "trade-union": "Art. 9(1): data revealing trade union membership",
        Genetic = "genetic": "Art. 9(1), 4(13): genetic data",
        Biometric = "biometric": "Art. 9(1), 4(14): biometric data processed to uniquely identify a person",
        Health = "health": "Art. 9(1), 4(15): data concerning health",
        SexLife = "sex-life": "Art. 9(1): data concerning a person's sex life",
        SexualOrientation = "sexual-orientation": "Art. 9(1): data concerning a person's sexual orientation",
    }
}

keywords! {
    /// Art. 9(2) conditions for processing special category data.
    Art9Condition {
        ExplicitConsent = "explicit-consent": "Art. 9(2)(a): explicit consent of the data subject",
        Employment = "employment": "Art. 9(2)(b): obligations and rights in employment and social security law",
        VitalInterests = "vital-interests": "Art. 9(2)(c): vital interests where the data subject cannot consent",
        Nonprofit = "nonprofit": "Art. 9(2)(d): a foundation, association or other not-for-profit body, about its members",
        MadePublic = "made-public": "Art. 9(2)(e): data manifestly made public by the data subject",
        LegalClaims = "legal-claims": "Art. 9(2)(f): establishment, exercise or defence of legal claims, or courts acting judicially",
        SubstantialPublicInterest = "substantial-public-interest": "Art. 9(2)(g): reasons of substantial public interest, on the basis of law",
        HealthCare = "health-care": "Art. 9(2)(h): preventive or occupational medicine, medical diagnosis, health or social care",
        PublicHealth = "public-health": "Art. 9(2)(i): reasons of public interest in the area of public health",
        ArchivingResearch = "archiving-research": "Art. 9(2)(j): archiving in the public interest, scientific or historical research or statistics (Art. 89(1))",
    }
}

keywords! {
    /// Chapter V transfer mechanisms.
    Mechanism {
        Adequacy = "adequacy": "Art. 45: the destination has an adequacy decision of the European Commission",
        Dpf = "dpf": "Art. 45: EU-US Data Privacy Framework, Commission decision (EU) 2023/1795; only for certified US organisations",
        Scc = "scc": "Art. 46(2)(c): standard contractual clauses, Commission decision (EU) 2021/914",
        Bcr = "bcr": "Art. 46(2)(b), 47: binding corporate rules approved by a supervisory authority",
        CodeOfConduct = "code-of-conduct": "Art. 46(2)(e): an approved code of conduct with binding commitments of the importer",
        Certification = "certification": "Art. 46(2)(f): an approved certification mechanism with binding commitments of the importer",
        AdHocClauses = "ad-hoc-clauses": "Art. 46(3)(a): contractual clauses authorised by the supervisory authority",
        AdministrativeArrangement = "administrative-arrangement": "Art. 46(3)(b): provisions in administrative arrangements between public authorities",
        Derogation = "derogation": "Art. 49: a derogation for a specific situation; for occasional transfers only",
    }
}

keywords! {
    /// Art. 49 derogations.
    DerogationGround {
        ExplicitConsent = "explicit-consent": "Art. 49(1)(a): explicit consent after being informed of the risks",
        Contract = "contract": "Art. 49(1)(b): necessary for a contract with the data subject",
        ContractInInterest = "contract-in-interest": "Art. 49(1)(c): necessary for a contract concluded in the interest of the data subject",
        PublicInterest = "public-interest": "Art. 49(1)(d): important reasons of public interest",
        LegalClaims = "legal-claims": "Art. 49(1)(e): establishment, exercise or defence of legal claims",
        VitalInterests = "vital-interests": "Art. 49(1)(f): vital interests where the data subject cannot consent",
        PublicRegister = "public-register": "Art. 49(1)(g): transfer from a public register",
        CompellingInterests = "compelling-interests": "Art. 49(1) second subparagraph: compelling legitimate interests, not repetitive, limited number of data subjects; the supervisory authority must be informed",
    }
}

keywords! {
    /// The organization's role in an activity.
    RoleKind {
        Controller = "controller": "Art. 4(7): the organization determines the purposes and means",
        Processor = "processor": "Art. 4(8), 28: the organization processes on behalf of a controller (record under Art. 30(2))",
        JointController = "joint-controller": "Art. 26: the organization determines purposes and means jointly with another controller",
    }
}

keywords! {
    /// What kind of recipient a `recipient` is.
    RecipientKind {
        Authority = "authority": "a public authority (Art. 4(9): authorities receiving data in a particular inquiry are not recipients)",
        Controller = "controller": "an independent controller, such as a bank, an auditor or a lawyer",
        GroupCompany = "group-company": "a company of the same group",
        Other = "other": "another recipient",
        InternationalOrganisation = "international-organisation": "Art. 4(26): an organisation governed by public international law, such as the European Patent Organisation; a transfer to it is a Chapter V transfer wherever it sits",
    }
}

keywords! {
    /// Purposes of storing or reading information on a user's device.
    TrackingPurpose {
        StrictlyNecessary = "strictly-necessary": "ePrivacy Art. 5(3): strictly necessary for a service the user explicitly requested; exempt from consent",
        Preferences = "preferences": "remembering the user's choices beyond what the requested service strictly needs",
        Analytics = "analytics": "audience measurement and statistics (for example Google Analytics); needs consent under ePrivacy Art. 5(3)",
        Advertising = "advertising": "advertising, retargeting and conversion tracking; needs consent under ePrivacy Art. 5(3)",
        SocialMedia = "social-media": "social-media pixels and plug-ins (Meta Pixel, LinkedIn Insight Tag); needs consent (CJEU C-40/17 Fashion ID)",
    }
}

keywords! {
    /// Tracking tools ropa recognises by name (`trackers meta-pixel`); their
    /// vendors and purposes are facts in `ropa-law` (trackers).
    Tracker {
        GoogleAnalytics = "google-analytics": "Google Analytics: audience measurement by Google",
        GoogleAds = "google-ads": "Google Ads conversion tracking and remarketing (Google tag)",
        MetaPixel = "meta-pixel": "Meta Pixel (Facebook/Instagram): conversion tracking and audiences",
        LinkedinInsightTag = "linkedin-insight-tag": "LinkedIn Insight Tag: conversion tracking, retargeting and audience insights",
        TiktokPixel = "tiktok-pixel": "TikTok Pixel: conversion tracking and audiences",
        Hotjar = "hotjar": "Hotjar: heatmaps, session recordings and surveys",
        MicrosoftClarity = "microsoft-clarity": "Microsoft Clarity: heatmaps and session recordings",
        Matomo = "matomo": "Matomo run on your own server: audience measurement without a third party",
    }
}

keywords! {
    /// WP248 rev.01 criteria that an activity declares with `involves`.
    DpiaCriterion {
        EvaluationScoring = "evaluation-scoring": "WP248 criterion 1: evaluation or scoring, including profiling and predicting",
        AutomatedDecisions = "automated-decisions": "WP248 criterion 2: automated decision-making with legal or similar significant effect",
        SystematicMonitoring = "systematic-monitoring": "WP248 criterion 3: systematic monitoring, including of a publicly accessible area",
        LargeScale = "large-scale": "WP248 criterion 5: data processed on a large scale",
        MatchingDatasets = "matching-datasets": "WP248 criterion 6: matching or combining datasets",
        InnovativeTechnology = "innovative-technology": "WP248 criterion 8: innovative use or applying new technological or organisational solutions",
        PreventsRights = "prevents-rights": "WP248 criterion 9: the processing prevents data subjects from exercising a right or using a service or contract",
    }
}

keywords! {
    /// Whether the data subject must provide the data (Art. 13(2)(e)).
    Provision {
        Statutory = "statutory": "a statutory requirement: the law obliges the data subject to provide the data",
        Contractual = "contractual": "a contractual requirement: the contract cannot be performed without the data",
        PreContract = "pre-contract": "a requirement necessary to enter into a contract",
        Voluntary = "voluntary": "the data subject may freely choose not to provide the data",
    }
}

keywords! {
    /// Statutory retention regimes ropa knows per country.
    Statute {
        Bookkeeping = "bookkeeping": "the bookkeeping (accounting) law of the organization's country",
    }
}

keywords! {
    /// Kinds of bookkeeping material, where a statute keeps them for
    /// different periods (Germany, Finland, Norway).
    Material {
        Vouchers = "vouchers": "accounting vouchers: invoices, receipts, payslips, bank statements",
        Books = "books": "the books (journals and ledgers), inventories, annual accounts and management reports",
        Correspondence = "correspondence": "business letters and correspondence received and sent",
        Secondary = "secondary": "secondary documentation, such as agreements and order or delivery documents (Norway)",
    }
}

keywords! {
    /// Events a retention period commonly runs from (`from=EVENT`). Other
    /// words are allowed and shown as written; these are the ones reports
    /// translate, so that no keyword appears in a record or a notice.
    RetentionEvent {
        Collection = "collection": "the day the data was collected",
        ContractEnd = "contract-end": "the end of the contract with the data subject",
        EmploymentEnd = "employment-end": "the end of the employment",
        RelationshipEnd = "relationship-end": "the end of the relationship with the data subject",
        BusinessRelationshipEnd = "business-relationship-end": "the end of the business relationship",
        MembershipEnd = "membership-end": "the end of the membership",
        CalendarYearEnd = "calendar-year-end": "the end of the calendar year the material belongs to (bookkeeping statutes count from it)",
        FinancialYearEnd = "financial-year-end": "the end of the financial year the material belongs to",
        SchoolYearEnd = "school-year-end": "the end of the school year",
        LastLogin = "last-login": "the data subject's last login",
        LastPurchase = "last-purchase": "the data subject's last purchase",
        LastEngagement = "last-engagement": "the data subject's last interaction, such as opening a newsletter",
        LastContact = "last-contact": "the last contact with the data subject",
        AccountClosure = "account-closure": "the closing of the data subject's account",
        Delivery = "delivery": "the delivery of the order",
        OrderDate = "order-date": "the day of the order",
        Recording = "recording": "the moment of recording",
        TicketClosed = "ticket-closed": "the closing of the support case",
        PositionFilled = "position-filled": "the filling of the position applied for",
    }
}

keywords! {
    /// Finding severities.
    Severity {
        Error = "error": "must be fixed: the record breaks a GDPR requirement",
        Warning = "warning": "should be fixed: likely a problem an authority would question",
        Info = "info": "worth knowing; not a defect on its own",
    }
}
