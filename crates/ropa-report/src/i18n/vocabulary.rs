//! The closed vocabularies of the spec language (legal bases, transfer
//! mechanisms, Art. 9 conditions, …) mapped to their labels and to the
//! article each rests on. The matches are exhaustive: a word added to
//! `ropa-syntax` does not compile here until it has a label.

use ropa_syntax::values::{
    Art9Condition, Cite, DerogationGround, DpiaCriterion, LegalBasis, Mechanism, Provision, RecipientKind,
    RetentionEvent, RoleKind, SpecialCategory, Statute, TrackingPurpose,
};

use super::{Key, Lang};

/// Art. 30(1)(a) in English; art. 30.1 a as IMY writes it; art. 30, stk. 1,
/// litra a as Datatilsynet (DK) does; art. 30 nr. 1 bokstav a as
/// Datatilsynet (NO) does.
pub fn format_cite(lang: Lang, cite: Cite) -> String {
    let Cite {
        article,
        paragraph,
        point,
    } = cite;
    match lang {
        Lang::En => cite.to_string(),
        Lang::Sv => {
            let mut out = format!("art. {article}");
            if let Some(p) = paragraph {
                out.push_str(&format!(".{p}"));
            }
            if let Some(x) = point {
                out.push_str(&format!(" {x}"));
            }
            out
        }
        Lang::Da => {
            let mut out = format!("art. {article}");
            if let Some(p) = paragraph {
                out.push_str(&format!(", stk. {p}"));
            }
            if let Some(x) = point {
                out.push_str(&format!(", litra {x}"));
            }
            out
        }
        Lang::Nb => {
            let mut out = format!("art. {article}");
            if let Some(p) = paragraph {
                out.push_str(&format!(" nr. {p}"));
            }
            if let Some(x) = point {
                out.push_str(&format!(" bokstav {x}"));
            }
            out
        }
    }
}

/// A keyword of the spec language with a label in every language.
pub trait Label: Copy {
    fn key(self) -> Key;
    /// The provision the keyword stands for, if it stands for one.
    fn cite(self) -> Option<Cite> {
        None
    }
}

impl Label for LegalBasis {
    fn key(self) -> Key {
        match self {
            LegalBasis::Consent => Key::BasisConsent,
            LegalBasis::Contract => Key::BasisContract,
            LegalBasis::LegalObligation => Key::BasisLegalObligation,
            LegalBasis::VitalInterests => Key::BasisVitalInterests,
            LegalBasis::PublicTask => Key::BasisPublicTask,
            LegalBasis::LegitimateInterests => Key::BasisLegitimateInterests,
        }
    }
    fn cite(self) -> Option<Cite> {
        let point = match self {
            LegalBasis::Consent => 'a',
            LegalBasis::Contract => 'b',
            LegalBasis::LegalObligation => 'c',
            LegalBasis::VitalInterests => 'd',
            LegalBasis::PublicTask => 'e',
            LegalBasis::LegitimateInterests => 'f',
        };
        Some(Cite::new(6, 1, point))
    }
}

impl Label for Mechanism {
    fn key(self) -> Key {
        match self {
            Mechanism::Adequacy => Key::MechanismAdequacy,
            Mechanism::Dpf => Key::MechanismDpf,
            Mechanism::Scc => Key::MechanismScc,
            Mechanism::Bcr => Key::MechanismBcr,
            Mechanism::CodeOfConduct => Key::MechanismCodeOfConduct,
            Mechanism::Certification => Key::MechanismCertification,
            Mechanism::AdHocClauses => Key::MechanismAdHocClauses,
            Mechanism::AdministrativeArrangement => Key::MechanismAdministrativeArrangement,
            Mechanism::Derogation => Key::MechanismDerogation,
        }
    }
    fn cite(self) -> Option<Cite> {
        Some(match self {
            Mechanism::Adequacy | Mechanism::Dpf => Cite::article(45),
            Mechanism::Scc => Cite::new(46, 2, 'c'),
            Mechanism::Bcr => Cite::article(47),
            Mechanism::CodeOfConduct => Cite::new(46, 2, 'e'),
            Mechanism::Certification => Cite::new(46, 2, 'f'),
            Mechanism::AdHocClauses => Cite::new(46, 3, 'a'),
            Mechanism::AdministrativeArrangement => Cite::new(46, 3, 'b'),
            Mechanism::Derogation => Cite::article(49),
        })
    }
}

impl Label for Art9Condition {
    fn key(self) -> Key {
        match self {
            Art9Condition::ExplicitConsent => Key::ConditionExplicitConsent,
            Art9Condition::Employment => Key::ConditionEmployment,
            Art9Condition::VitalInterests => Key::ConditionVitalInterests,
            Art9Condition::Nonprofit => Key::ConditionNonprofit,
            Art9Condition::MadePublic => Key::ConditionMadePublic,
            Art9Condition::LegalClaims => Key::ConditionLegalClaims,
            Art9Condition::SubstantialPublicInterest => Key::ConditionSubstantialPublicInterest,
            Art9Condition::HealthCare => Key::ConditionHealthCare,
            Art9Condition::PublicHealth => Key::ConditionPublicHealth,
            Art9Condition::ArchivingResearch => Key::ConditionArchivingResearch,
        }
    }
    fn cite(self) -> Option<Cite> {
        let point = match self {
            Art9Condition::ExplicitConsent => 'a',
            Art9Condition::Employment => 'b',
            Art9Condition::VitalInterests => 'c',
            Art9Condition::Nonprofit => 'd',
            Art9Condition::MadePublic => 'e',
            Art9Condition::LegalClaims => 'f',
            Art9Condition::SubstantialPublicInterest => 'g',
            Art9Condition::HealthCare => 'h',
            Art9Condition::PublicHealth => 'i',
            Art9Condition::ArchivingResearch => 'j',
        };
        Some(Cite::new(9, 2, point))
    }
}

impl Label for SpecialCategory {
    fn key(self) -> Key {
        match self {
            SpecialCategory::RacialEthnicOrigin => Key::SpecialRacialEthnicOrigin,
            SpecialCategory::PoliticalOpinions => Key::SpecialPoliticalOpinions,
            SpecialCategory::ReligiousBeliefs => Key::SpecialReligiousBeliefs,
            SpecialCategory::TradeUnion => Key::SpecialTradeUnion,
            SpecialCategory::Genetic => Key::SpecialGenetic,
            SpecialCategory::Biometric => Key::SpecialBiometric,
            SpecialCategory::Health => Key::SpecialHealth,
            SpecialCategory::SexLife => Key::SpecialSexLife,
            SpecialCategory::SexualOrientation => Key::SpecialSexualOrientation,
        }
    }
    fn cite(self) -> Option<Cite> {
        Some(Cite::paragraph(9, 1))
    }
}

impl Label for DerogationGround {
    fn key(self) -> Key {
        match self {
            DerogationGround::ExplicitConsent => Key::GroundExplicitConsent,
            DerogationGround::Contract => Key::GroundContract,
            DerogationGround::ContractInInterest => Key::GroundContractInInterest,
            DerogationGround::PublicInterest => Key::GroundPublicInterest,
            DerogationGround::LegalClaims => Key::GroundLegalClaims,
            DerogationGround::VitalInterests => Key::GroundVitalInterests,
            DerogationGround::PublicRegister => Key::GroundPublicRegister,
            DerogationGround::CompellingInterests => Key::GroundCompellingInterests,
        }
    }
    fn cite(self) -> Option<Cite> {
        Some(match self {
            DerogationGround::ExplicitConsent => Cite::new(49, 1, 'a'),
            DerogationGround::Contract => Cite::new(49, 1, 'b'),
            DerogationGround::ContractInInterest => Cite::new(49, 1, 'c'),
            DerogationGround::PublicInterest => Cite::new(49, 1, 'd'),
            DerogationGround::LegalClaims => Cite::new(49, 1, 'e'),
            DerogationGround::VitalInterests => Cite::new(49, 1, 'f'),
            DerogationGround::PublicRegister => Cite::new(49, 1, 'g'),
            // The second subparagraph of Art. 49(1).
            DerogationGround::CompellingInterests => Cite::paragraph(49, 1),
        })
    }
}

impl Label for RoleKind {
    fn key(self) -> Key {
        match self {
            RoleKind::Controller => Key::RoleController,
            RoleKind::Processor => Key::RoleProcessor,
            RoleKind::JointController => Key::RoleJointController,
        }
    }
}

impl Label for RecipientKind {
    fn key(self) -> Key {
        match self {
            RecipientKind::Authority => Key::RecipientAuthority,
            RecipientKind::Controller => Key::RecipientController,
            RecipientKind::GroupCompany => Key::RecipientGroupCompany,
            RecipientKind::Other => Key::RecipientOther,
            RecipientKind::InternationalOrganisation => Key::RecipientInternationalOrganisation,
        }
    }
}

impl Label for TrackingPurpose {
    fn key(self) -> Key {
        match self {
            TrackingPurpose::StrictlyNecessary => Key::TrackingStrictlyNecessary,
            TrackingPurpose::Preferences => Key::TrackingPreferences,
            TrackingPurpose::Analytics => Key::TrackingAnalytics,
            TrackingPurpose::Advertising => Key::TrackingAdvertising,
            TrackingPurpose::SocialMedia => Key::TrackingSocialMedia,
        }
    }
}

impl Label for DpiaCriterion {
    fn key(self) -> Key {
        match self {
            DpiaCriterion::EvaluationScoring => Key::CriterionEvaluationScoring,
            DpiaCriterion::AutomatedDecisions => Key::CriterionAutomatedDecisions,
            DpiaCriterion::SystematicMonitoring => Key::CriterionSystematicMonitoring,
            DpiaCriterion::LargeScale => Key::CriterionLargeScale,
            DpiaCriterion::MatchingDatasets => Key::CriterionMatchingDatasets,
            DpiaCriterion::InnovativeTechnology => Key::CriterionInnovativeTechnology,
            DpiaCriterion::PreventsRights => Key::CriterionPreventsRights,
        }
    }
}

impl Label for Provision {
    fn key(self) -> Key {
        match self {
            Provision::Statutory => Key::ProvisionStatutory,
            Provision::Contractual => Key::ProvisionContractual,
            Provision::PreContract => Key::ProvisionPreContract,
            Provision::Voluntary => Key::ProvisionVoluntary,
        }
    }
}

impl Label for RetentionEvent {
    fn key(self) -> Key {
        match self {
            RetentionEvent::Collection => Key::EventCollection,
            RetentionEvent::ContractEnd => Key::EventContractEnd,
            RetentionEvent::EmploymentEnd => Key::EventEmploymentEnd,
            RetentionEvent::RelationshipEnd => Key::EventRelationshipEnd,
            RetentionEvent::BusinessRelationshipEnd => Key::EventBusinessRelationshipEnd,
            RetentionEvent::MembershipEnd => Key::EventMembershipEnd,
            RetentionEvent::CalendarYearEnd => Key::EventCalendarYearEnd,
            RetentionEvent::FinancialYearEnd => Key::EventFinancialYearEnd,
            RetentionEvent::SchoolYearEnd => Key::EventSchoolYearEnd,
            RetentionEvent::LastLogin => Key::EventLastLogin,
            RetentionEvent::LastPurchase => Key::EventLastPurchase,
            RetentionEvent::LastEngagement => Key::EventLastEngagement,
            RetentionEvent::LastContact => Key::EventLastContact,
            RetentionEvent::AccountClosure => Key::EventAccountClosure,
            RetentionEvent::Delivery => Key::EventDelivery,
            RetentionEvent::OrderDate => Key::EventOrderDate,
            RetentionEvent::Recording => Key::EventRecording,
            RetentionEvent::TicketClosed => Key::EventTicketClosed,
            RetentionEvent::PositionFilled => Key::EventPositionFilled,
        }
    }
}

impl Label for Statute {
    fn key(self) -> Key {
        match self {
            Statute::Bookkeeping => Key::StatuteBookkeeping,
        }
    }
}
