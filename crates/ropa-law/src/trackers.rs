//! Tracking tools ropa recognises by name (`trackers meta-pixel`): who the
//! vendor is, what the tool is used for, and whether the vendor is a joint
//! controller with the site for the collection. Every named tool stores or
//! reads information on the user's device, so it needs consent under the
//! ePrivacy Directive Art. 5(3) for its purposes.

use ropa_vocab::{Tracker, TrackingPurpose};

use crate::source::{Confidence, Provenance, REVIEWED, Source};

/// What ropa knows about one tracking tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrackerFacts {
    pub tracker: Tracker,
    /// The product, as its vendor names it.
    pub name: &'static str,
    /// The vendor's group, or `None` when the tool runs on the
    /// organization's own server (no third party receives the data).
    pub vendor: Option<&'static str>,
    /// The entity that contracts with EEA customers, where a source names
    /// it; `None` where it could not be confirmed.
    pub eea_entity: Option<&'static str>,
    /// What the tool is used for; each needs consent (ePrivacy Art. 5(3)).
    pub purposes: &'static [TrackingPurpose],
    /// The vendor's own terms make it a joint controller with the site for
    /// collecting and transmitting the data (Art. 26; CJEU C-40/17 Fashion ID).
    pub joint_controller: bool,
    pub provenance: Provenance,
}

/// The facts about `tracker`.
pub fn tracker_facts(tracker: Tracker) -> &'static TrackerFacts {
    TRACKERS.iter().find(|t| t.tracker == tracker).unwrap_or(&TRACKERS[0])
}

/// Every tracker ropa knows, in vocabulary order.
pub fn trackers() -> &'static [TrackerFacts] {
    TRACKERS
}

const EDPB_2_2023: Source = Source {
    title: "Hunton Andrews Kurth: EDPB adopts Guidelines 2/2023 on the technical scope of Art. 5(3) of the ePrivacy Directive (tracking pixels, URL tracking)",
    url: "https://hunton.sitepilot11.firmseek.com/privacy-and-information-security-law/edpb-adopts-guidelines-on-scope-of-eprivacy-directive",
};

const IMY_TELE2: Source = Source {
    title: "IMY (Sweden): Tele2 Sverige AB decision on Google Analytics (30 June 2023)",
    url: "https://www.imy.se/tillsyner/tele2-sverige-ab-tele2.se",
};

const META_CONTROLLER_ADDENDUM: Source = Source {
    title: "Meta: Controller Addendum (Meta Platforms Ireland Limited and the business are joint controllers under Art. 26 GDPR for collecting and transmitting Business Tools data)",
    url: "https://www.facebook.com/legal/controller_addendum",
};

const LINKEDIN_INDEPENDENT_CONTROLLER: Source = Source {
    title: "LinkedIn Independent Controller Addendum (LinkedIn Marketing Solutions, including the Insight Tag)",
    url: "https://www.linkedin.com/legal/l/linkedin-independent-controller-addendum",
};

const LINKEDIN_IRELAND: Source = Source {
    title: "LinkedIn Page Insights Joint Controller Addendum: LinkedIn Ireland Unlimited Company",
    url: "https://www.linkedin.com/legal/l/page-joint-controller-addendum",
};

const TIKTOK_TERMS: Source = Source {
    title: "TikTok for Business: TikTok Advertiser Tools and related terms (Pixel; roles under GDPR set by the Jurisdiction-Specific Terms)",
    url: "https://ads.tiktok.com/help/article/tiktok-advertiser-tools-and-related-terms?lang=en",
};

const HOTJAR_FAQ: Source = Source {
    title: "Hotjar: Privacy FAQs (Hotjar Ltd, headquartered in Malta)",
    url: "https://help.hotjar.com/hc/en-us/articles/360045420794-Privacy-FAQs",
};

const CLARITY_CONSENT: Source = Source {
    title: "Microsoft Learn: Clarity Consent API v2 (consent signal required for EEA, UK and CH visits from 31 October 2025)",
    url: "https://learn.microsoft.com/en-au/clarity/clarity-consent-api-v2",
};

const MATOMO_SOVEREIGNTY: Source = Source {
    title: "Matomo FAQ: Data sovereignty, where your analytics data is stored (On-Premise: on your own server)",
    url: "https://matomo.org/faq/new-to-piwik/data-sovereignty-where-your-analytics-data-is-stored/",
};

const fn provenance(sources: &'static [Source], confidence: Confidence, note: Option<&'static str>) -> Provenance {
    Provenance {
        sources,
        as_of: REVIEWED,
        confidence,
        note,
    }
}

static TRACKERS: &[TrackerFacts] = &[
    TrackerFacts {
        tracker: Tracker::GoogleAnalytics,
        name: "Google Analytics",
        vendor: Some("Google"),
        eea_entity: None,
        purposes: &[TrackingPurpose::Analytics],
        joint_controller: false,
        provenance: provenance(
            &[IMY_TELE2, EDPB_2_2023],
            Confidence::High,
            Some(
                "IMY found that Google Analytics data was transferred to Google LLC in the US. The EEA contracting entity is not confirmed by a source here.",
            ),
        ),
    },
    TrackerFacts {
        tracker: Tracker::GoogleAds,
        name: "Google Ads (Google tag)",
        vendor: Some("Google"),
        eea_entity: None,
        purposes: &[TrackingPurpose::Advertising],
        joint_controller: false,
        provenance: provenance(
            &[EDPB_2_2023],
            Confidence::Medium,
            Some(
                "Conversion tracking and remarketing tags are tracking pixels within ePrivacy Art. 5(3) (EDPB Guidelines 2/2023). The EEA contracting entity is not confirmed by a source here.",
            ),
        ),
    },
    TrackerFacts {
        tracker: Tracker::MetaPixel,
        name: "Meta Pixel",
        vendor: Some("Meta"),
        eea_entity: Some("Meta Platforms Ireland Limited"),
        purposes: &[TrackingPurpose::Advertising, TrackingPurpose::SocialMedia],
        joint_controller: true,
        provenance: provenance(
            &[META_CONTROLLER_ADDENDUM, EDPB_2_2023],
            Confidence::High,
            Some(
                "Meta's Controller Addendum makes Meta Platforms Ireland and the business joint controllers for the collection and transmission; Meta's later processing is its own (CJEU C-40/17 Fashion ID).",
            ),
        ),
    },
    TrackerFacts {
        tracker: Tracker::LinkedinInsightTag,
        name: "LinkedIn Insight Tag",
        vendor: Some("LinkedIn"),
        eea_entity: Some("LinkedIn Ireland Unlimited Company"),
        purposes: &[TrackingPurpose::Advertising, TrackingPurpose::SocialMedia],
        joint_controller: false,
        provenance: provenance(
            &[LINKEDIN_INDEPENDENT_CONTROLLER, LINKEDIN_IRELAND, EDPB_2_2023],
            Confidence::Medium,
            Some(
                "LinkedIn's terms treat it as an independent controller of Insight Tag data; some authorities and commentators apply Fashion ID and see joint control of the collection. Declare a joint controller if your assessment says so.",
            ),
        ),
    },
    TrackerFacts {
        tracker: Tracker::TiktokPixel,
        name: "TikTok Pixel",
        vendor: Some("TikTok"),
        eea_entity: None,
        purposes: &[TrackingPurpose::Advertising, TrackingPurpose::SocialMedia],
        joint_controller: false,
        provenance: provenance(
            &[TIKTOK_TERMS, EDPB_2_2023],
            Confidence::Medium,
            Some(
                "TikTok's Jurisdiction-Specific Terms set whether TikTok is a joint controller, an independent controller or a processor, by product: not recorded here as joint control.",
            ),
        ),
    },
    TrackerFacts {
        tracker: Tracker::Hotjar,
        name: "Hotjar",
        vendor: Some("Hotjar"),
        eea_entity: Some("Hotjar Ltd"),
        purposes: &[TrackingPurpose::Analytics],
        joint_controller: false,
        provenance: provenance(&[HOTJAR_FAQ, EDPB_2_2023], Confidence::High, None),
    },
    TrackerFacts {
        tracker: Tracker::MicrosoftClarity,
        name: "Microsoft Clarity",
        vendor: Some("Microsoft"),
        eea_entity: None,
        purposes: &[TrackingPurpose::Analytics],
        joint_controller: false,
        provenance: provenance(
            &[CLARITY_CONSENT, EDPB_2_2023],
            Confidence::Medium,
            Some(
                "Clarity also offers ad-related storage (ad_Storage); recorded here for analytics only. The contracting entity is not confirmed by a source here.",
            ),
        ),
    },
    TrackerFacts {
        tracker: Tracker::Matomo,
        name: "Matomo On-Premise",
        vendor: None,
        eea_entity: None,
        purposes: &[TrackingPurpose::Analytics],
        joint_controller: false,
        provenance: provenance(
            &[MATOMO_SOVEREIGNTY, EDPB_2_2023],
            Confidence::Medium,
            Some(
                "Self-hosted: the data stays on the organization's server, so no third party receives it. Its cookies still fall under ePrivacy Art. 5(3); some authorities (CNIL) exempt audience measurement configured within strict limits, which ropa does not judge: accept the finding with a reason where that applies.",
            ),
        ),
    },
];

#[cfg(test)]
mod tests {
    use ropa_vocab::{Keyword, Tracker};

    #[test]
    fn every_tracker_word_has_its_facts() {
        for (tracker, word, _) in Tracker::WORDS {
            assert_eq!(super::tracker_facts(*tracker).tracker, *tracker, "{word}");
        }
        assert_eq!(super::trackers().len(), Tracker::WORDS.len());
    }
}
