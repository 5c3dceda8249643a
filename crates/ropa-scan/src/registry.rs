//! The vendor registry: services whose SDKs, script hosts or endpoints show
//! up in code, with what a DPO needs to know to declare them. Every fact
//! carries its sources and an as-of date, like the legal facts in
//! `ropa-law`. Where no source confirmed a fact (the contracting entity, the
//! role), it is `None`: the finding then asks for it instead of guessing.
//!
//! Tracking pixels are not here: their facts are `ropa-law`'s tracker
//! table, and `pages` maps their snippets to [`Tracker`] directly.

use ropa_law::{Confidence, Provenance, Source};

/// The date these entries were reviewed against their sources (stored
/// copies of public pages).
pub const AS_OF: &str = "2026-12-05";

/// The vendor's role for the personal data a customer sends it, as its own
/// terms state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Processor,
    /// Processor for the customer's data, controller for some of it
    /// (payments fraud data, enrichment, tracking-code intent data).
    ProcessorAndController,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Processor => "processor",
            Role::ProcessorAndController => "processor, and controller for part of the data",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vendor {
    /// Also the id suggested for the record.
    pub id: &'static str,
    pub name: &'static str,
    /// Names that identify the vendor in a declared party's id, entity or
    /// service (whole words, any case).
    pub names: &'static [&'static str],
    /// Dependency names across ecosystems; a trailing `*` matches a prefix
    /// (`@sentry/*`, `aws-sdk-*`).
    pub packages: &'static [&'static str],
    /// Hosts of its scripts and endpoints; subdomains match too.
    pub hosts: &'static [&'static str],
    /// The entity that contracts with EEA customers, where a source names it.
    pub eea_entity: Option<&'static str>,
    /// Where the vendor (its group) is established.
    pub country: Option<&'static str>,
    pub role: Option<Role>,
    /// The data-residency option in the EU, where a source states one.
    pub eu_residency: Option<&'static str>,
    pub provenance: Provenance,
}

/// Every vendor, by id.
pub fn vendors() -> &'static [Vendor] {
    VENDORS
}

pub fn vendor(id: &str) -> Option<&'static Vendor> {
    VENDORS.iter().find(|v| v.id == id)
}

impl Vendor {
    pub fn matches_package(&self, name: &str) -> bool {
        self.packages.iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => *p == name,
        })
    }
}

const fn provenance(sources: &'static [Source], confidence: Confidence, note: Option<&'static str>) -> Provenance {
    Provenance {
        sources,
        as_of: AS_OF,
        confidence,
        note,
    }
}

const fn source(title: &'static str, url: &'static str) -> Source {
    Source { title, url }
}

static VENDORS: &[Vendor] = &[
    Vendor {
        id: "aws",
        name: "Amazon Web Services",
        names: &["aws", "amazon web services"],
        packages: &[
            "aws-sdk",
            "@aws-sdk/*",
            "boto3",
            "botocore",
            "github.com/aws/aws-sdk-go*",
            "aws-sdk-*",
            "aws-config",
            "aws/aws-sdk-php",
        ],
        hosts: &["amazonaws.com"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: Some("EU Regions, chosen per resource (Frankfurt, Ireland, Milan, Paris, Spain, Stockholm)"),
        provenance: provenance(
            &[
                source(
                    "AWS whitepaper: Navigating GDPR Compliance on AWS, AWS Data Processing Addendum (DPA)",
                    "https://docs.aws.amazon.com/whitepapers/latest/navigating-gdpr-compliance/aws-data-processing-addendum-dpa.html",
                ),
                source(
                    "AWS Solutions: Supported AWS Regions (region names and codes)",
                    "https://docs.aws.amazon.com/zh_tw/solutions/latest/automated-security-response-on-aws/supported-aws-regions.html",
                ),
            ],
            Confidence::Medium,
            Some(
                "The AWS DPA makes AWS a processor; the AWS contracting party for EEA customers is not confirmed by a source here.",
            ),
        ),
    },
    Vendor {
        id: "azure",
        name: "Microsoft Azure",
        names: &["azure", "microsoft azure"],
        packages: &[
            "@azure/*",
            "azure-*",
            "github.com/Azure/azure-sdk-for-go*",
            "microsoft/azure-storage-*",
        ],
        hosts: &["core.windows.net", "azurewebsites.net", "azure.com"],
        eea_entity: None,
        country: Some("US"),
        role: None,
        eu_residency: Some(
            "Azure regions in the EEA (for example West Europe, North Europe, Sweden Central, Germany West Central)",
        ),
        provenance: provenance(
            &[source(
                "Microsoft Learn: Azure regions list (physical location and geography of each region)",
                "https://learn.microsoft.com/nb-no/azure/reliability/regions-list",
            )],
            Confidence::Low,
            Some(
                "Microsoft's Products and Services DPA was not read here: role and contracting entity are not confirmed.",
            ),
        ),
    },
    Vendor {
        id: "gcp",
        name: "Google Cloud",
        names: &["google cloud", "gcp"],
        packages: &[
            "@google-cloud/*",
            "google-cloud-*",
            "cloud.google.com/go*",
            "google/cloud-*",
        ],
        hosts: &[],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: Some(
            "Google Cloud regions in the EEA (for example europe-west1 Belgium, europe-west3 Frankfurt, europe-north1 Finland)",
        ),
        provenance: provenance(
            &[
                source(
                    "Google Cloud: Cloud Data Processing Addendum (Customers), 4.1 Roles of Parties: Google is a processor",
                    "https://cloud.google.com/terms/data-processing-terms",
                ),
                source(
                    "Google Cloud: regions for the GKE On-Prem API (region names and locations)",
                    "https://docs.cloud.google.com/kubernetes-engine/distributed-cloud/bare-metal/docs/reference/supported-regions-on-prem-api.md.txt",
                ),
            ],
            Confidence::Medium,
            Some("The Google contracting entity for EEA customers is not confirmed by a source here."),
        ),
    },
    Vendor {
        id: "stripe",
        name: "Stripe",
        names: &["stripe"],
        packages: &[
            "stripe",
            "@stripe/*",
            "github.com/stripe/stripe-go*",
            "stripe/stripe-php",
            "async-stripe",
        ],
        hosts: &["js.stripe.com", "api.stripe.com"],
        eea_entity: Some("Stripe Payments Europe, Ltd"),
        country: Some("IE"),
        role: Some(Role::ProcessorAndController),
        eu_residency: None,
        provenance: provenance(
            &[
                source(
                    "Stripe: Data Processing Agreement (Stripe acts as data controller and data processor)",
                    "https://stripe.com/legal/dpa",
                ),
                source(
                    "Stripe: Authorised Payment Services terms (other services governed by the agreement with Stripe Payments Europe, Ltd, Dublin)",
                    "https://stripe.com/en-no/legal/stel",
                ),
            ],
            Confidence::High,
            Some(
                "Stripe, Inc. (US) receives data under the Data Privacy Framework per Stripe's Data Transfers Addendum.",
            ),
        ),
    },
    Vendor {
        id: "sentry",
        name: "Sentry",
        names: &["sentry"],
        packages: &[
            "@sentry/*",
            "sentry-sdk",
            "github.com/getsentry/sentry-go",
            "sentry",
            "sentry-ruby",
            "sentry-rails",
            "sentry/sentry",
            "sentry/sentry-laravel",
            "sentry/sentry-symfony",
        ],
        hosts: &["sentry.io", "sentry-cdn.com"],
        eea_entity: None,
        country: Some("US"),
        role: None,
        eu_residency: Some("EU data storage location (Frankfurt, Germany), chosen when the organization is created"),
        provenance: provenance(
            &[
                source(
                    "Sentry: Sentry and Your Data (EU data residency; EU-U.S. DPF self-certification)",
                    "https://sentry.io/trust/privacy",
                ),
                source(
                    "Sentry Docs: Data Storage Location (US or EU)",
                    "https://docs.sentry.io/organization/data-storage-location/",
                ),
            ],
            Confidence::Medium,
            Some("The role and the contracting entity are not confirmed by a source here."),
        ),
    },
    Vendor {
        id: "mailgun",
        name: "Mailgun",
        names: &["mailgun", "sinch"],
        packages: &[
            "mailgun.js",
            "mailgun-js",
            "github.com/mailgun/mailgun-go*",
            "mailgun/mailgun-php",
            "mailgun-ruby",
        ],
        hosts: &["api.mailgun.net", "api.eu.mailgun.net"],
        eea_entity: None,
        country: None,
        role: None,
        eu_residency: Some("EU region for sending domains (api.eu.mailgun.net)"),
        provenance: provenance(
            &[source(
                "Mailgun API reference: base URLs for the US and EU regions (Mailgun is part of the Sinch family)",
                "https://documentation.mailgun.com/docs/mailgun/api-reference",
            )],
            Confidence::Medium,
            Some(
                "The role, the contracting entity and its country are not confirmed by a source here. A domain in the EU region uses api.eu.mailgun.net.",
            ),
        ),
    },
    Vendor {
        id: "sendgrid",
        name: "Twilio SendGrid",
        names: &["sendgrid"],
        packages: &[
            "@sendgrid/*",
            "sendgrid",
            "sendgrid-ruby",
            "github.com/sendgrid/sendgrid-go",
            "sendgrid/sendgrid",
        ],
        hosts: &["api.sendgrid.com"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: None,
        provenance: provenance(
            &[source(
                "Twilio: Binding Corporate Rules, Processor Policy (Twilio processes customer data as a processor)",
                "https://www.twilio.com/en-us/legal/bcr/processor",
            )],
            Confidence::Medium,
            None,
        ),
    },
    Vendor {
        id: "twilio",
        name: "Twilio",
        names: &["twilio"],
        packages: &["twilio", "github.com/twilio/twilio-go", "twilio/sdk", "twilio-ruby"],
        hosts: &["api.twilio.com"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: Some("Ireland (IE1) Region, for some products"),
        provenance: provenance(
            &[
                source(
                    "Twilio: Binding Corporate Rules, Processor Policy",
                    "https://www.twilio.com/en-us/legal/bcr/processor",
                ),
                source(
                    "Twilio Docs: Use Studio with Twilio Regions (IE1 Region for EU data residency)",
                    "https://www.twilio.com/docs/global-infrastructure/studio-with-twilio-regions",
                ),
            ],
            Confidence::Medium,
            None,
        ),
    },
    Vendor {
        id: "segment",
        name: "Twilio Segment",
        names: &["segment"],
        packages: &[
            "@segment/*",
            "analytics-node",
            "segment-analytics-python",
            "analytics-python",
            "github.com/segmentio/analytics-go*",
            "analytics-ruby",
        ],
        hosts: &["cdn.segment.com", "api.segment.io", "events.eu1.segmentapis.com"],
        eea_entity: None,
        country: Some("US"),
        role: None,
        eu_residency: Some("Regional Segment: EU workspaces (Business tier)"),
        provenance: provenance(
            &[source(
                "Twilio Docs: Regional Segment (EU or US data residency; Twilio certified under the DPF)",
                "https://www.twilio.com/docs/segment/guides/regional-segment",
            )],
            Confidence::Medium,
            Some("The role is not confirmed by a source here."),
        ),
    },
    Vendor {
        id: "mailchimp",
        name: "Mailchimp",
        names: &["mailchimp", "rocket science group"],
        packages: &[
            "@mailchimp/*",
            "mailchimp3",
            "mailchimp-marketing",
            "mailchimp-transactional",
            "mailchimp/marketing",
            "mailchimp/transactional",
            "gibbon",
        ],
        hosts: &["api.mailchimp.com", "list-manage.com", "chimpstatic.com"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: None,
        provenance: provenance(
            &[source(
                "Mailchimp Help: European data transfers (the Data Processing Addendum, part of the Standard Terms of Use, lets Mailchimp process European personal data on the user's behalf)",
                "https://mailchimp.com/help/mailchimp-european-data-transfers/",
            )],
            Confidence::High,
            None,
        ),
    },
    Vendor {
        id: "intercom",
        name: "Intercom",
        names: &["intercom"],
        packages: &[
            "intercom-client",
            "@intercom/*",
            "python-intercom",
            "intercom/intercom-php",
            "intercom",
        ],
        hosts: &[
            "widget.intercom.io",
            "js.intercomcdn.com",
            "api.intercom.io",
            "api.eu.intercom.io",
        ],
        eea_entity: None,
        country: None,
        role: None,
        eu_residency: Some("Data hosting in Europe (EU workspace region)"),
        provenance: provenance(
            &[source(
                "Intercom Developers: Data Hosting Region Configuration (US, EU or AU)",
                "https://developers.intercom.com/installing-intercom/ios/data-hosting-region-configuration",
            )],
            Confidence::Low,
            Some("Only the hosting regions are confirmed here; role, entity and country are not."),
        ),
    },
    Vendor {
        id: "zendesk",
        name: "Zendesk",
        names: &["zendesk"],
        packages: &["node-zendesk", "zenpy", "zendesk_api", "zendesk/zendesk_api_client_php"],
        hosts: &["static.zdassets.com", "zendesk.com"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: Some("Data Center Location add-on: hosting in the EEA for covered services"),
        provenance: provenance(
            &[
                source(
                    "Zendesk: Data Processing Agreement (Zendesk, Inc. processes Personal Data on the customer's documented instructions)",
                    "https://www.zendesk.co.uk/company/data-processing-form",
                ),
                source(
                    "Zendesk help: About Data Center Location (US, EEA, JP, AU)",
                    "https://support.zendesk.com/hc/en-us/articles/4408838409754",
                ),
            ],
            Confidence::High,
            None,
        ),
    },
    Vendor {
        id: "hubspot",
        name: "HubSpot",
        names: &["hubspot"],
        packages: &["@hubspot/api-client", "hubspot-api-client", "hubspot/api-client"],
        hosts: &["js.hs-scripts.com", "api.hubapi.com", "js.hs-analytics.net"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::ProcessorAndController),
        eu_residency: None,
        provenance: provenance(
            &[source(
                "HubSpot: Data Processing Agreement (processor for Customer Personal Data; each party a controller for enrichment and the tracking code's intent data)",
                "https://legal.hubspot.com/dpa",
            )],
            Confidence::High,
            None,
        ),
    },
    Vendor {
        id: "salesforce",
        name: "Salesforce",
        names: &["salesforce"],
        packages: &["jsforce", "simple-salesforce", "restforce", "@salesforce/*"],
        hosts: &["salesforce.com", "force.com"],
        eea_entity: None,
        country: Some("US"),
        role: None,
        eu_residency: Some("Hyperforce EU Operating Zone"),
        provenance: provenance(
            &[source(
                "Salesforce: Hyperforce EU Operating Zone",
                "https://salesforce.com/uk/platform/data-residence-eu-oz/?bc=OTH",
            )],
            Confidence::Low,
            Some(
                "Salesforce's current Data Processing Addendum was not found at a Salesforce address: role and contracting entity are not confirmed.",
            ),
        ),
    },
    Vendor {
        id: "mixpanel",
        name: "Mixpanel",
        names: &["mixpanel"],
        packages: &[
            "mixpanel",
            "mixpanel-browser",
            "mixpanel-ruby",
            "github.com/mixpanel/mixpanel-go",
        ],
        hosts: &["api.mixpanel.com", "api-eu.mixpanel.com", "cdn.mxpnl.com"],
        eea_entity: None,
        country: None,
        role: None,
        eu_residency: Some("EU Data Residency per project (api-eu.mixpanel.com); by default data is stored in the US"),
        provenance: provenance(
            &[source(
                "Mixpanel Docs: Privacy overview, storing your data in the European Union",
                "https://docs.mixpanel.com/docs/privacy",
            )],
            Confidence::Medium,
            Some("The role and the contracting entity are not confirmed by a source here."),
        ),
    },
    Vendor {
        id: "amplitude",
        name: "Amplitude",
        names: &["amplitude"],
        packages: &["@amplitude/*", "amplitude-analytics", "amplitude-js"],
        hosts: &["api2.amplitude.com", "api.eu.amplitude.com", "cdn.amplitude.com"],
        eea_entity: None,
        country: None,
        role: None,
        eu_residency: Some("EU residency projects (api.eu.amplitude.com)"),
        provenance: provenance(
            &[source(
                "Amplitude Docs: HTTP API Quickstart, EU residency endpoint",
                "https://amplitude.com/docs/en/apis/analytics/http-api-quickstart",
            )],
            Confidence::Low,
            Some("Only the EU endpoint is confirmed here; role, entity and country are not."),
        ),
    },
    Vendor {
        id: "datadog",
        name: "Datadog",
        names: &["datadog"],
        packages: &[
            "dd-trace",
            "@datadog/*",
            "ddtrace",
            "datadog",
            "github.com/DataDog/datadog-go*",
            "gopkg.in/DataDog/dd-trace-go*",
            "github.com/DataDog/dd-trace-go*",
            "datadog_api_client",
        ],
        hosts: &["datadoghq.com", "datadoghq.eu", "browser-intake-datadoghq.com"],
        eea_entity: None,
        country: None,
        role: None,
        eu_residency: Some("EU1 site (datadoghq.eu), located in Germany"),
        provenance: provenance(
            &[source(
                "Datadog Docs: Getting Started with Datadog Sites",
                "https://docs.datadoghq.com/getting_started/site",
            )],
            Confidence::Medium,
            Some("Only the sites and their locations are confirmed here; role and entity are not."),
        ),
    },
    Vendor {
        id: "auth0",
        name: "Auth0",
        names: &["auth0", "okta"],
        packages: &[
            "auth0",
            "@auth0/*",
            "auth0-python",
            "github.com/auth0/go-auth0",
            "auth0/auth0-php",
            "omniauth-auth0",
        ],
        hosts: &["auth0.com"],
        eea_entity: None,
        country: None,
        role: None,
        eu_residency: Some("Europe region for public-cloud tenants (*.eu.auth0.com)"),
        provenance: provenance(
            &[source(
                "Auth0 Docs: Public Cloud Service Endpoints (United States; Australia, Canada, Europe, Japan and UK regions)",
                "https://auth0.com/docs/troubleshoot/customer-support/operational-policies/public-cloud-service-endpoints.md",
            )],
            Confidence::Low,
            Some("Only the regions are confirmed here; role, entity and country are not."),
        ),
    },
    Vendor {
        id: "cloudflare",
        name: "Cloudflare",
        names: &["cloudflare"],
        packages: &["cloudflare", "github.com/cloudflare/cloudflare-go*"],
        hosts: &["challenges.cloudflare.com"],
        eea_entity: None,
        country: Some("US"),
        role: Some(Role::Processor),
        eu_residency: None,
        provenance: provenance(
            &[source(
                "Cloudflare: Data Processing Addendum, version 6.2 (Cloudflare, Inc. processes Personal Data as a Processor on behalf of Customer)",
                "https://www.cloudflare.com/cloudflare-customer-dpa/",
            )],
            Confidence::High,
            None,
        ),
    },
    Vendor {
        id: "plausible",
        name: "Plausible Analytics",
        names: &["plausible"],
        packages: &[],
        hosts: &["plausible.io"],
        eea_entity: None,
        country: None,
        role: Some(Role::Processor),
        eu_residency: Some("Data infrastructure in Germany"),
        provenance: provenance(
            &[source(
                "Plausible Analytics: Data Processing Agreement (customer is controller, Plausible Analytics processor; a European company, infrastructure in Germany)",
                "https://plausible.io/dpa",
            )],
            Confidence::Medium,
            Some(
                "The contracting entity and its country are not confirmed at a Plausible address. Plausible sets no cookies, so it is not a tracker under ePrivacy Art. 5(3) here: it is a processor to declare.",
            ),
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fact rests on a source and a date: a vendor without one fails.
    #[test]
    fn every_vendor_has_sources_and_an_as_of_date() {
        for v in vendors() {
            assert!(!v.provenance.sources.is_empty(), "{} has no source", v.id);
            for s in v.provenance.sources {
                assert!(s.url.starts_with("https://"), "{}: {}", v.id, s.url);
                assert!(!s.title.is_empty(), "{}", v.id);
            }
            let date = v.provenance.as_of.as_bytes();
            assert!(
                date.len() == 10 && date[4] == b'-' && date[7] == b'-',
                "{}: as-of {}",
                v.id,
                v.provenance.as_of
            );
        }
    }

    /// Facts come from the vendor's own pages, not from copies on other
    /// sites (document hosts, mirrors, customers' notices): a source on a
    /// domain outside this list fails until someone adds the vendor's
    /// domain on purpose.
    #[test]
    fn sources_are_on_vendor_domains() {
        const OWN: &[&str] = &[
            "amazon.com",
            "microsoft.com",
            "google.com",
            "stripe.com",
            "sentry.io",
            "mailgun.com",
            "twilio.com",
            "mailchimp.com",
            "intercom.com",
            "zendesk.co.uk",
            "zendesk.com",
            "hubspot.com",
            "salesforce.com",
            "mixpanel.com",
            "amplitude.com",
            "datadoghq.com",
            "auth0.com",
            "cloudflare.com",
            "plausible.io",
        ];
        for v in vendors() {
            for s in v.provenance.sources {
                let host = s.url["https://".len()..].split(['/', '?']).next().unwrap_or("");
                let own = OWN.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")));
                assert!(own, "{}: {} is not on a vendor's own domain", v.id, s.url);
            }
        }
    }

    #[test]
    fn ids_are_unique_and_packages_match() {
        for (i, v) in vendors().iter().enumerate() {
            assert!(vendors()[i + 1..].iter().all(|w| w.id != v.id), "{}", v.id);
        }
        let sentry = vendor("sentry").map(|v| v.matches_package("@sentry/node"));
        assert_eq!(sentry, Some(true));
        assert_eq!(vendor("aws").map(|v| v.matches_package("aws-sdk-s3")), Some(true));
        assert_eq!(
            vendor("stripe").map(|v| v.matches_package("stripe-mock-server")),
            Some(false)
        );
    }
}
