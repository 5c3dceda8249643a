//! The vendors, as data. Each fact names its source by index (`f(value,
//! source)`); a fact no source confirmed is left `None` by `..UNKNOWN`.
//! Sources are the vendors' own pages (DPA, sub-processor, privacy and
//! trust-centre pages, product docs), read on [`AS_OF`].

use ropa_law::{Confidence, Provenance, Source};

use super::{AS_OF, Dpf, Fact, Role, Vendor};

const fn f<T: Copy>(value: T, source: usize) -> Option<Fact<T>> {
    Some(Fact { value, source })
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

/// Every fact unknown: the base of each entry, so that a fact is stated
/// only where its source is.
const UNKNOWN: Vendor = Vendor {
    id: "",
    name: "",
    names: &[],
    packages: &[],
    hosts: &[],
    images: &[],
    eea_entity: None,
    country: None,
    parent_country: None,
    role: None,
    eu_residency: None,
    dpf: None,
    provenance: provenance(&[], Confidence::Low, None),
};

const TWILIO_BCR: Source = source(
    "Twilio: Binding Corporate Rules, Processor Policy (Twilio processes customer data as a processor)",
    "https://www.twilio.com/en-us/legal/bcr/processor",
);

pub(super) static VENDORS: &[Vendor] = &[
    // ---- cloud and hosting -------------------------------------------------
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
            "software.amazon.awssdk:*",
            "com.amazonaws:*",
        ],
        hosts: &["amazonaws.com"],
        images: &[
            "amazon/aws-xray-daemon",
            "amazon/aws-otel-collector",
            "public.ecr.aws/aws-observability/aws-otel-collector",
        ],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        eu_residency: f(
            "EU Regions, chosen per resource (Frankfurt, Ireland, Milan, Paris, Spain, Stockholm)",
            1,
        ),
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
        ..UNKNOWN
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
            "com.azure:azure-*",
            "com.microsoft.azure:*",
        ],
        hosts: &["core.windows.net", "azurewebsites.net", "azure.com"],
        eu_residency: f(
            "Azure regions in the EEA (for example West Europe, North Europe, Sweden Central, Germany West Central)",
            0,
        ),
        provenance: provenance(
            &[source(
                "Microsoft Learn: Azure regions list (physical location and geography of each region)",
                "https://learn.microsoft.com/nb-no/azure/reliability/regions-list",
            )],
            Confidence::Low,
            Some(
                "Microsoft's Products and Services DPA was not read here: role, contracting entity and country are not confirmed.",
            ),
        ),
        ..UNKNOWN
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
            "com.google.cloud:google-cloud-*",
        ],
        images: &[
            "gcr.io/cloud-sql-connectors/cloud-sql-proxy",
            "gcr.io/cloudsql-docker/gce-proxy",
        ],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        eu_residency: f(
            "Google Cloud regions in the EEA (for example europe-west1 Belgium, europe-west3 Frankfurt, europe-north1 Finland)",
            1,
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
        ..UNKNOWN
    },
    Vendor {
        id: "cloudflare",
        name: "Cloudflare",
        names: &["cloudflare"],
        packages: &["cloudflare", "github.com/cloudflare/cloudflare-go*"],
        hosts: &["challenges.cloudflare.com"],
        images: &["cloudflare/cloudflared"],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Cloudflare: Data Processing Addendum, version 6.2 (Cloudflare, Inc. processes Personal Data as a Processor on behalf of Customer)",
                "https://www.cloudflare.com/cloudflare-customer-dpa/",
            )],
            Confidence::High,
            None,
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "hetzner",
        name: "Hetzner",
        names: &["hetzner"],
        packages: &["hcloud", "github.com/hetznercloud/hcloud-go*"],
        hosts: &["api.hetzner.cloud"],
        eea_entity: f("Hetzner Online GmbH", 0),
        country: f("DE", 0),
        provenance: provenance(
            &[source(
                "Hetzner: Privacy Policy of Hetzner Online GmbH (Industriestr. 25, 91710 Gunzenhausen, Germany)",
                "https://www.hetzner.com/privacy-policy-notice",
            )],
            Confidence::Medium,
            Some("Hetzner's data processing agreement was not read here: the role is not confirmed."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "ovhcloud",
        name: "OVHcloud",
        names: &["ovhcloud", "ovh"],
        packages: &["ovh", "github.com/ovh/go-ovh", "ovh/ovh"],
        hosts: &["eu.api.ovh.com", "api.ovh.com"],
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "OVH: OVH has reinforced its contractual commitments with regard to personal data protection (the Data Processing Agreement sets out OVH's commitments as a data processor)",
                "https://www.ovh.co.uk/news/articles/al355.ovh-has-reinforced-its-contractual-commitments-regard-personal-data-protection",
            )],
            Confidence::Medium,
            Some(
                "The contracting OVH company depends on the customer's country and is not confirmed by a source here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "scaleway",
        name: "Scaleway",
        names: &["scaleway"],
        packages: &["@scaleway/sdk", "scaleway", "github.com/scaleway/scaleway-sdk-go"],
        hosts: &["api.scaleway.com"],
        eea_entity: f("Scaleway S.A.S.", 0),
        provenance: provenance(
            &[source(
                "Scaleway: Datenschutzrichtlinie (Scaleway S.A.S.)",
                "https://www.scaleway.com/de/privacy-policy/",
            )],
            Confidence::Low,
            Some("Only the company name is confirmed here; its country, the role and the data locations are not."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "digitalocean",
        name: "DigitalOcean",
        names: &["digitalocean"],
        packages: &[
            "pydo",
            "python-digitalocean",
            "github.com/digitalocean/godo",
            "droplet_kit",
        ],
        hosts: &["api.digitalocean.com", "digitaloceanspaces.com"],
        country: f("US", 0),
        provenance: provenance(
            &[source(
                "DigitalOcean: Privacy Shield Notice (2019): DigitalOcean, LLC, for personal data transferred from the EEA to the United States",
                "https://www.digitalocean.com/trust/privacy-shield/",
            )],
            Confidence::Low,
            Some(
                "The only source read is a 2019 Privacy Shield notice (the framework is no longer valid): role, contracting entity and current transfer mechanism are not confirmed.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "vercel",
        name: "Vercel",
        names: &["vercel"],
        packages: &["@vercel/*", "vercel"],
        eea_entity: f("Vercel Inc.", 0),
        country: f("US", 0),
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Vercel: Data Processing Addendum (between Vercel Inc., a Delaware corporation, and the customer; Vercel acts as a processor on behalf of the customer)",
                "https://vercel.com/legal/dpa",
            )],
            Confidence::Medium,
            None,
        ),
        ..UNKNOWN
    },
    // ---- payments -----------------------------------------------------------
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
            "com.stripe:stripe-java",
        ],
        hosts: &["js.stripe.com", "api.stripe.com"],
        eea_entity: f("Stripe Payments Europe, Ltd", 1),
        country: f("IE", 1),
        role: f(Role::ProcessorAndController, 0),
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
                "Stripe, Inc. (US) receives data under the Data Privacy Framework per Stripe's Data Transfers Addendum, which was not read here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "adyen",
        name: "Adyen",
        names: &["adyen"],
        packages: &[
            "@adyen/*",
            "Adyen",
            "adyen/php-api-library",
            "github.com/adyen/adyen-go-api-library*",
            "com.adyen:*",
        ],
        hosts: &["checkoutshopper-live.adyen.com", "checkoutshopper-test.adyen.com"],
        eea_entity: f("Adyen N.V.", 1),
        country: f("NL", 1),
        role: f(Role::Controller, 0),
        provenance: provenance(
            &[
                source(
                    "Adyen: Privacy Statement update for merchants (Adyen accepts a data controller role where it provides acquiring services)",
                    "https://www.adyen.com/it_IT/policies-and-disclaimer/privacy-policy/update-statement",
                ),
                source(
                    "Adyen: Privacy Statement, 4 June 2024 (Adyen N.V. is supervised by the Dutch Central Bank as a regulated bank under Dutch law)",
                    "https://adyen.com/sv_SE/privacy-policy",
                ),
            ],
            Confidence::Medium,
            Some("The controller role is stated for acquiring; other Adyen services may differ."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "mollie",
        name: "Mollie",
        names: &["mollie"],
        packages: &[
            "@mollie/api-client",
            "mollie-api-python",
            "mollie/mollie-api-php",
            "mollie-api-ruby",
        ],
        hosts: &["api.mollie.com", "js.mollie.com"],
        eea_entity: f("Mollie B.V.", 1),
        role: f(Role::ProcessorAndController, 0),
        provenance: provenance(
            &[
                source(
                    "Mollie Help: What is the Data Processing Agreement? (Mollie a processor for Mollie Invoice, a controller for the personal data in payment transactions)",
                    "https://help.mollie.com/hc/en-gb/articles/14826542080786-What-is-the-Data-Processing-Agreement",
                ),
                source(
                    "Mollie: User Agreement v4 (agreement between the Organization and Mollie B.V.)",
                    "https://www.mollie.com/user-agreement/v4",
                ),
            ],
            Confidence::Medium,
            None,
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "paypal",
        name: "PayPal",
        names: &["paypal"],
        packages: &[
            "@paypal/*",
            "paypal-rest-sdk",
            "paypalrestsdk",
            "paypal/rest-api-sdk-php",
            "paypal/paypal-checkout-sdk",
            "com.paypal.sdk:*",
        ],
        hosts: &["www.paypalobjects.com", "api-m.paypal.com", "api.paypal.com"],
        eea_entity: f("PayPal (Europe) S.à r.l. et Cie, S.C.A.", 0),
        role: f(Role::Controller, 0),
        provenance: provenance(
            &[source(
                "PayPal: Privacyverklaring, 15 April 2024 (in the EEA, PayPal (Europe) S.à r.l. et Cie, S.C.A. is the controller)",
                "https://www.paypal.com/be/webapps/mpp/ua/privacy-full?locale.x=nl_BE",
            )],
            Confidence::Medium,
            Some("Its country is not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "gocardless",
        name: "GoCardless",
        names: &["gocardless"],
        packages: &[
            "gocardless-nodejs",
            "gocardless-pro",
            "gocardless_pro",
            "gocardless/gocardless-pro",
            "github.com/gocardless/gocardless-pro-go*",
            "com.gocardless:*",
        ],
        hosts: &["api.gocardless.com", "pay.gocardless.com"],
        country: f("GB", 0),
        provenance: provenance(
            &[source(
                "GoCardless: Privacy Centre, payers (GoCardless Ltd., 65 Goswell Road, London, United Kingdom)",
                "https://gocardless.com/privacy/payers/",
            )],
            Confidence::Low,
            Some("The entity that contracts with EEA merchants and the role are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    // ---- e-mail and messaging ----------------------------------------------
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
            "com.mailgun:mailgun-java",
        ],
        hosts: &["api.mailgun.net", "api.eu.mailgun.net"],
        eu_residency: f("EU region for sending domains (api.eu.mailgun.net)", 0),
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
        ..UNKNOWN
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
            "com.sendgrid:sendgrid-java",
        ],
        hosts: &["api.sendgrid.com"],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        provenance: provenance(&[TWILIO_BCR], Confidence::Medium, None),
        ..UNKNOWN
    },
    Vendor {
        id: "twilio",
        name: "Twilio",
        names: &["twilio"],
        packages: &[
            "twilio",
            "github.com/twilio/twilio-go",
            "twilio/sdk",
            "twilio-ruby",
            "com.twilio.sdk:twilio",
        ],
        hosts: &["api.twilio.com"],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        eu_residency: f("Ireland (IE1) Region, for some products", 1),
        provenance: provenance(
            &[
                TWILIO_BCR,
                source(
                    "Twilio Docs: Use Studio with Twilio Regions (IE1 Region for EU data residency)",
                    "https://www.twilio.com/docs/global-infrastructure/studio-with-twilio-regions",
                ),
            ],
            Confidence::Medium,
            None,
        ),
        ..UNKNOWN
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
        country: f("US", 0),
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Mailchimp Help: European data transfers (the Data Processing Addendum, part of the Standard Terms of Use, lets Mailchimp process European personal data on the user's behalf)",
                "https://mailchimp.com/help/mailchimp-european-data-transfers/",
            )],
            Confidence::High,
            None,
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "postmark",
        name: "Postmark",
        names: &["postmark"],
        packages: &["postmark", "postmarker", "wildbit/postmark-php", "postmark-rails"],
        hosts: &["api.postmarkapp.com"],
        eea_entity: f("AC PM LLC", 0),
        role: f(Role::Processor, 0),
        eu_residency: f(
            "none: primary data and servers are in a data center near Chicago, and no EU servers are planned",
            1,
        ),
        provenance: provenance(
            &[
                source(
                    "Postmark: Privacy Policy, effective May 3, 2022 (Postmark owned and operated by AC PM LLC, which processes customers' end users' data on their behalf)",
                    "https://www.postmarkapp.com/privacy-policy",
                ),
                source(
                    "Postmark: EU Data Protection (primary data and servers hosted in a data center outside Chicago; no plans for EU servers)",
                    "https://postmarkapp.com/eu-privacy",
                ),
            ],
            Confidence::Medium,
            Some("The entity's country and the transfer mechanism are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "brevo",
        name: "Brevo (formerly Sendinblue)",
        names: &["brevo", "sendinblue"],
        packages: &[
            "@getbrevo/brevo",
            "sib-api-v3-sdk",
            "sib-api-v3-python",
            "getbrevo/brevo-php",
            "sendinblue/api-v3-sdk",
        ],
        hosts: &["api.brevo.com", "api.sendinblue.com"],
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Brevo Help: How does Brevo comply with the GDPR? (Brevo as its users' data processor)",
                "https://help.brevo.com/hc/en-us/articles/360001258744-How-does-Brevo-comply-with-the-GDPR",
            )],
            Confidence::Medium,
            Some("The contracting entity, its country and the data locations are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "mailjet",
        name: "Mailjet",
        names: &["mailjet"],
        packages: &[
            "node-mailjet",
            "mailjet_rest",
            "mailjet/mailjet-apiv3-php",
            "github.com/mailjet/mailjet-apiv3-go*",
        ],
        hosts: &["api.mailjet.com", "in-v3.mailjet.com"],
        eea_entity: f("Mailjet SAS", 1),
        country: f("FR", 1),
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[
                source(
                    "Mailjet: Data Processing Agreement (the customer is the controller and Mailjet the processor)",
                    "https://www.mailjet.com/dpa/",
                ),
                source(
                    "Mailjet: General Terms of Service (Mailjet SAS, a French corporation)",
                    "https://www.mailjet.com/Terms-of-use.htm",
                ),
            ],
            Confidence::Medium,
            Some("The terms read date from 2015 and the DPA from 2019; Mailjet's parent is not confirmed here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "customerio",
        name: "Customer.io",
        names: &["customer.io", "customerio", "peaberry"],
        packages: &["customerio-node", "customerio", "@customerio/*"],
        hosts: &["track.customer.io", "track-eu.customer.io", "assets.customer.io"],
        eea_entity: f("Peaberry Software Inc. d/b/a Customer.io", 0),
        role: f(Role::Processor, 1),
        eu_residency: f("An EU region for storing Customer.io data", 1),
        provenance: provenance(
            &[
                source(
                    "Customer.io: Privacy Policy (Peaberry Software Inc. d/b/a Customer.io)",
                    "https://customer.io/legal/privacy/",
                ),
                source(
                    "Customer.io: GDPR (Customer.io a processor for its customers' user data; an EU region for storing data)",
                    "https://customer.io/legal/gdpr/",
                ),
            ],
            Confidence::Medium,
            Some("The entity's country is not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    // ---- support and chat ---------------------------------------------------
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
            "io.intercom:*",
        ],
        hosts: &[
            "widget.intercom.io",
            "js.intercomcdn.com",
            "api.intercom.io",
            "api.eu.intercom.io",
        ],
        eu_residency: f("Data hosting in Europe (EU workspace region)", 0),
        provenance: provenance(
            &[source(
                "Intercom Developers: Data Hosting Region Configuration (US, EU or AU)",
                "https://developers.intercom.com/installing-intercom/ios/data-hosting-region-configuration",
            )],
            Confidence::Low,
            Some("Only the hosting regions are confirmed here; role, entity and country are not."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "zendesk",
        name: "Zendesk",
        names: &["zendesk"],
        packages: &["node-zendesk", "zenpy", "zendesk_api", "zendesk/zendesk_api_client_php"],
        hosts: &["static.zdassets.com", "zendesk.com"],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        eu_residency: f(
            "Data Center Location add-on: hosting in the EEA for covered services",
            1,
        ),
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
        ..UNKNOWN
    },
    Vendor {
        id: "freshworks",
        name: "Freshworks (Freshdesk, Freshchat)",
        names: &["freshworks", "freshdesk", "freshchat"],
        packages: &["python-freshdesk", "freshdesk-api"],
        hosts: &["widget.freshworks.com", "wchat.freshchat.com"],
        role: f(Role::Processor, 0),
        eu_residency: f("Data Hosting Options: the hosting location is chosen on purchase", 0),
        provenance: provenance(
            &[source(
                "Freshworks: Data Hosting (Freshworks processes customer data as a data processor; hosting locations with Data Hosting Options)",
                "https://www.freshworks.com/privacy/data-hosting/",
            )],
            Confidence::Medium,
            Some("The contracting entity and its country are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "crisp",
        name: "Crisp",
        names: &["crisp"],
        packages: &["crisp-sdk-web", "crisp-api", "crisp-im/php-crisp-api"],
        hosts: &["client.crisp.chat"],
        eea_entity: f("Crisp IM SAS", 0),
        country: f("FR", 0),
        role: f(Role::Processor, 0),
        eu_residency: f(
            "EU: messaging data in the Netherlands, plugin data in Germany; relay servers outside the EU keep connection logs",
            0,
        ),
        provenance: provenance(
            &[source(
                "Crisp Help: Crisp EU GDPR compliance status (operated by Crisp IM SAS, a French company; data stored in the EU; a Data Processing Agreement for customers)",
                "https://help.crisp.chat/en/article/crisp-eu-gdpr-compliance-status-nhv54c/",
            )],
            Confidence::Medium,
            None,
        ),
        ..UNKNOWN
    },
    // ---- CRM and marketing --------------------------------------------------
    Vendor {
        id: "hubspot",
        name: "HubSpot",
        names: &["hubspot"],
        packages: &["@hubspot/api-client", "hubspot-api-client", "hubspot/api-client"],
        hosts: &["js.hs-scripts.com", "api.hubapi.com", "js.hs-analytics.net"],
        country: f("US", 0),
        role: f(Role::ProcessorAndController, 0),
        provenance: provenance(
            &[source(
                "HubSpot: Data Processing Agreement (processor for Customer Personal Data; each party a controller for enrichment and the tracking code's intent data)",
                "https://legal.hubspot.com/dpa",
            )],
            Confidence::High,
            None,
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "salesforce",
        name: "Salesforce",
        names: &["salesforce"],
        packages: &["jsforce", "simple-salesforce", "restforce", "@salesforce/*"],
        hosts: &["salesforce.com", "force.com"],
        country: f("US", 0),
        role: f(Role::Processor, 1),
        eu_residency: f("Hyperforce EU Operating Zone", 0),
        provenance: provenance(
            &[
                source(
                    "Salesforce: Hyperforce EU Operating Zone",
                    "https://salesforce.com/uk/platform/data-residence-eu-oz/?bc=OTH",
                ),
                source(
                    "Salesforce Trust: Global Privacy Law Landscape (customers solely determine the customer data submitted; with respect to it, Salesforce acts as a data processor)",
                    "https://trust.salesforce.com/en/learn/law/",
                ),
            ],
            Confidence::Medium,
            Some(
                "The text of the current Data Processing Addendum was not read at a Salesforce address: the contracting entity for EEA customers is not confirmed.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "pipedrive",
        name: "Pipedrive",
        names: &["pipedrive"],
        packages: &["pipedrive", "pipedrive/pipedrive"],
        hosts: &["api.pipedrive.com"],
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Pipedrive: Data Processing Addendum, 28 August 2025 (the Client the controller, Pipedrive the processor; Pipedrive is the entity the Terms name)",
                "https://www.pipedrive.com/privacy/dpa",
            )],
            Confidence::High,
            Some(
                "Which Pipedrive entity contracts with EEA customers (the Terms say) is not confirmed by a source here.",
            ),
        ),
        ..UNKNOWN
    },
    // ---- analytics and monitoring --------------------------------------------
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
            "com.segment.analytics.java:*",
        ],
        hosts: &["cdn.segment.com", "api.segment.io", "events.eu1.segmentapis.com"],
        country: f("US", 0),
        eu_residency: f("Regional Segment: EU workspaces (Business tier)", 0),
        dpf: f(Dpf::Certified, 0),
        provenance: provenance(
            &[source(
                "Twilio Docs: Regional Segment (EU or US data residency; Twilio certified under the DPF)",
                "https://www.twilio.com/docs/segment/guides/regional-segment",
            )],
            Confidence::Medium,
            Some("The role is not confirmed by a source here."),
        ),
        ..UNKNOWN
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
            "com.mixpanel:mixpanel-java",
        ],
        hosts: &["api.mixpanel.com", "api-eu.mixpanel.com", "cdn.mxpnl.com"],
        eu_residency: f(
            "EU Data Residency per project (api-eu.mixpanel.com); by default data is stored in the US",
            0,
        ),
        provenance: provenance(
            &[source(
                "Mixpanel Docs: Privacy overview, storing your data in the European Union",
                "https://docs.mixpanel.com/docs/privacy",
            )],
            Confidence::Medium,
            Some("The role and the contracting entity are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "amplitude",
        name: "Amplitude",
        names: &["amplitude"],
        packages: &["@amplitude/*", "amplitude-analytics", "amplitude-js", "com.amplitude:*"],
        hosts: &["api2.amplitude.com", "api.eu.amplitude.com", "cdn.amplitude.com"],
        eu_residency: f("EU residency projects (api.eu.amplitude.com)", 0),
        provenance: provenance(
            &[source(
                "Amplitude Docs: HTTP API Quickstart, EU residency endpoint",
                "https://amplitude.com/docs/en/apis/analytics/http-api-quickstart",
            )],
            Confidence::Low,
            Some("Only the EU endpoint is confirmed here; role, entity and country are not."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "plausible",
        name: "Plausible Analytics",
        names: &["plausible"],
        hosts: &["plausible.io"],
        role: f(Role::Processor, 0),
        eu_residency: f("Data infrastructure in Germany", 0),
        provenance: provenance(
            &[source(
                "Plausible Analytics: Data Processing Agreement (customer is controller, Plausible Analytics processor; a European company, infrastructure in Germany)",
                "https://plausible.io/dpa",
            )],
            Confidence::Medium,
            Some(
                "The contracting entity stays open: no Plausible page among the sources names it, and pages elsewhere disagree on the company's name and form. Plausible sets no cookies, so it is not a tracker under ePrivacy Art. 5(3) here: it is a processor to declare.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "algolia",
        name: "Algolia",
        names: &["algolia"],
        packages: &[
            "algoliasearch",
            "@algolia/*",
            "instantsearch.js",
            "react-instantsearch",
            "algolia/algoliasearch-client-php",
            "github.com/algolia/algoliasearch-client-go*",
            "com.algolia:*",
        ],
        hosts: &["algolia.net", "algolianet.com"],
        role: f(Role::Processor, 0),
        eu_residency: f("Records are stored in the region selected in the service order", 1),
        provenance: provenance(
            &[
                source(
                    "Algolia FAQ: What do you do about GDPR? (personal data used only in accordance with the Agreement and the customer's instructions; a Data Processing Addendum)",
                    "https://www.algolia.com/doc/faq/security-privacy/gdpr/",
                ),
                source(
                    "Algolia: Privacy FAQs (records stored on cloud servers in the region selected in the service order)",
                    "https://www.algolia.com/fr/privacy-faqs",
                ),
            ],
            Confidence::Medium,
            Some("The contracting entity and its country are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    // ---- error tracking, monitoring and identity ------------------------------
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
            "io.sentry:*",
        ],
        hosts: &["sentry.io", "sentry-cdn.com"],
        country: f("US", 0),
        eu_residency: f(
            "EU data storage location (Frankfurt, Germany), chosen when the organization is created",
            1,
        ),
        dpf: f(Dpf::Certified, 0),
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
        ..UNKNOWN
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
            "com.datadoghq:*",
        ],
        hosts: &["datadoghq.com", "datadoghq.eu", "browser-intake-datadoghq.com"],
        images: &[
            "datadog/agent",
            "datadog/cluster-agent",
            "gcr.io/datadoghq/agent",
            "gcr.io/datadoghq/cluster-agent",
            "public.ecr.aws/datadog/agent",
        ],
        eu_residency: f("EU1 site (datadoghq.eu), located in Germany", 0),
        provenance: provenance(
            &[source(
                "Datadog Docs: Getting Started with Datadog Sites",
                "https://docs.datadoghq.com/getting_started/site",
            )],
            Confidence::Medium,
            Some("Only the sites and their locations are confirmed here; role and entity are not."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "newrelic",
        name: "New Relic",
        names: &["new relic", "newrelic"],
        packages: &[
            "newrelic",
            "@newrelic/*",
            "newrelic_rpm",
            "github.com/newrelic/go-agent*",
            "com.newrelic.agent.java:*",
        ],
        hosts: &[
            "js-agent.newrelic.com",
            "bam.nr-data.net",
            "bam.eu01.nr-data.net",
            "collector.newrelic.com",
        ],
        images: &["newrelic/infrastructure*"],
        dpf: f(Dpf::Certified, 0),
        provenance: provenance(
            &[source(
                "New Relic Docs: Data privacy (certified under the EU-U.S. Data Privacy Framework since October 2023; Standard Contractual Clauses)",
                "https://docs.newrelic.com/docs/security/security-privacy/data-privacy",
            )],
            Confidence::Medium,
            Some("The role, the contracting entity and the EU data region are not confirmed by a source here."),
        ),
        ..UNKNOWN
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
            "com.auth0:*",
        ],
        hosts: &["auth0.com"],
        eu_residency: f("Europe region for public-cloud tenants (*.eu.auth0.com)", 0),
        provenance: provenance(
            &[source(
                "Auth0 Docs: Public Cloud Service Endpoints (United States; Australia, Canada, Europe, Japan and UK regions)",
                "https://auth0.com/docs/troubleshoot/customer-support/operational-policies/public-cloud-service-endpoints.md",
            )],
            Confidence::Low,
            Some("Only the regions are confirmed here; role, entity and country are not."),
        ),
        ..UNKNOWN
    },
    // ---- more vendors (second review) ----------------------------------------
    Vendor {
        id: "firebase",
        name: "Firebase (Google)",
        names: &["firebase"],
        packages: &[
            "firebase",
            "firebase-admin",
            "@firebase/*",
            "firebase.google.com/go*",
            "com.google.firebase:*",
        ],
        hosts: &["firebaseio.com", "firebaseapp.com"],
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Firebase: Privacy and Security in Firebase (customers are typically the controller, Google is generally a data processor; Firebase Data Processing and Security Terms)",
                "https://firebase.google.cn/support/privacy/",
            )],
            Confidence::Medium,
            Some(
                "The Google entity that contracts depends on the customer (Google LLC, Google Ireland Limited or another affiliate, as the terms say) and is not confirmed here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "fastly",
        name: "Fastly",
        names: &["fastly"],
        packages: &["fastly", "github.com/fastly/go-fastly*"],
        hosts: &["fastly.net"],
        eea_entity: f("Fastly, Inc.", 1),
        role: f(Role::Processor, 1),
        dpf: f(Dpf::Certified, 0),
        provenance: provenance(
            &[
                source(
                    "Fastly: Notice of Self-Certification under the EU-U.S. Data Privacy Framework (Fastly, Inc., effective August 8, 2023)",
                    "https://www.fastly.com/data-privacy-framework",
                ),
                source(
                    "Fastly: Data Processing Terms (Fastly, Inc. processes personal data of EU data subjects on the subscriber's behalf)",
                    "https://www.fastly.com/data-processing",
                ),
            ],
            Confidence::Medium,
            None,
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "mongodb-atlas",
        name: "MongoDB Atlas",
        names: &["mongodb"],
        // No package: the MongoDB drivers serve self-hosted databases too, so
        // only an Atlas host is evidence of the hosted service.
        hosts: &["mongodb.net"],
        eea_entity: f("MongoDB Limited", 0),
        provenance: provenance(
            &[source(
                "MongoDB: Cloud Terms of Service, June 6, 2019 (outside the Americas and Japan the counterparty is MongoDB Limited)",
                "https://www.mongodb.com/cloud-terms-and-conditions",
            )],
            Confidence::Low,
            Some(
                "The terms read date from 2019; the role, the entity's country and the data regions are not confirmed here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "okta",
        name: "Okta",
        names: &["okta"],
        packages: &[
            "@okta/*",
            "okta",
            "github.com/okta/okta-sdk-golang*",
            "com.okta.sdk:*",
            "com.okta.spring:*",
        ],
        hosts: &["okta.com", "oktacdn.com"],
        eea_entity: f("Okta, Inc.", 0),
        country: f("US", 0),
        provenance: provenance(
            &[source(
                "Okta: Data Security Addendum for customers purchasing through a partner (Okta, Inc., a Delaware corporation, San Francisco)",
                "https://www.okta.com/partners/terms/data-security-addendum/",
            )],
            Confidence::Low,
            Some(
                "Okta's Data Processing Addendum was not read at an Okta address: the role is not confirmed. Auth0 is listed separately.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "slack",
        name: "Slack",
        names: &["slack"],
        packages: &[
            "@slack/*",
            "slack_sdk",
            "slack-sdk",
            "slackclient",
            "slack-ruby-client",
            "com.slack.api:*",
        ],
        hosts: &["hooks.slack.com"],
        country: f("US", 0),
        role: f(Role::Processor, 0),
        eu_residency: f(
            "Data regions the customer selects (including Germany and France); some Customer Data may be stored outside the region",
            1,
        ),
        provenance: provenance(
            &[
                source(
                    "Slack: EU-US and Swiss-US Privacy Shield notice, 1 January 2020 (Slack Technologies, LLC; Slack is a processor of Customer Data and the customer the controller)",
                    "https://slack.com/intl/en-ie/privacy-shield-notice",
                ),
                source(
                    "Slack: Subprocessors, 15 November 2022 (customers may select a data region; backups between Germany and France)",
                    "https://slack.com/intl/en-gb/policy-archives/subprocessors/2022-11-15",
                ),
            ],
            Confidence::Low,
            Some(
                "The sources date from 2020 and 2022 (Privacy Shield is no longer valid); the contracting entity for EEA customers is not confirmed here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "contentful",
        name: "Contentful",
        names: &["contentful"],
        packages: &[
            "contentful",
            "contentful-management",
            "@contentful/*",
            "com.contentful.java:*",
        ],
        hosts: &["cdn.contentful.com", "api.contentful.com", "images.ctfassets.net"],
        provenance: provenance(
            &[source(
                "Contentful: Data processing addendum for customers (applies to processing European personal data in Customer Content)",
                "https://contentful.com/legal/privacy-at-contentful/data-processing-addendum-for-customers",
            )],
            Confidence::Low,
            Some("The addendum's role clause, the contracting entity and its country were not read here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "cloudinary",
        name: "Cloudinary",
        names: &["cloudinary"],
        packages: &[
            "cloudinary",
            "@cloudinary/*",
            "cloudinary_gem",
            "cloudinary/cloudinary_php",
            "com.cloudinary:*",
        ],
        hosts: &["res.cloudinary.com", "api.cloudinary.com"],
        provenance: provenance(
            &[source(
                "Cloudinary: Trust (a Data Processing Addendum for paid plans)",
                "https://cloudinary.com/trust",
            )],
            Confidence::Low,
            Some(
                "Only that a Data Processing Addendum exists for paid plans is confirmed here; role, entity, country and data locations are not.",
            ),
        ),
        ..UNKNOWN
    },
    // ---- payments and billing (second review) -----------------------------------
    Vendor {
        id: "paddle",
        name: "Paddle",
        names: &["paddle"],
        packages: &[
            "@paddle/paddle-js",
            "@paddle/paddle-node-sdk",
            "paddle-python-sdk",
            "paddle/paddle-php-sdk",
        ],
        hosts: &["cdn.paddle.com", "api.paddle.com"],
        eea_entity: f("Paddle.com Market Limited", 0),
        country: f("GB", 0),
        provenance: provenance(
            &[source(
                "Paddle: Terms of Use (Paddle.com Market Limited, incorporated in England and Wales)",
                "https://paddle.com/legal",
            )],
            Confidence::Medium,
            Some(
                "As merchant of record Paddle sells to the buyer itself, and it also offers a Data Processing Addendum for services where it is a processor: which role applies depends on the service, so the role is left open.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "chargebee",
        name: "Chargebee",
        names: &["chargebee"],
        packages: &[
            "chargebee",
            "chargebee/chargebee-php",
            "github.com/chargebee/chargebee-go*",
            "com.chargebee:*",
        ],
        hosts: &["js.chargebee.com"],
        eea_entity: f("Chargebee Inc.", 2),
        role: f(Role::Processor, 1),
        eu_residency: f(
            "EU hosting region (AWS Frankfurt), chosen when the account is created",
            0,
        ),
        provenance: provenance(
            &[
                source(
                    "Chargebee Docs: Chargebee Billing Data Centers (AU, US or EU; the EU region is AWS Frankfurt)",
                    "https://www.chargebee.com/docs/billing/2.0/getting-started/data-centers",
                ),
                source(
                    "Chargebee Support: What is the GDPR in Chargebee? (Chargebee as a data processor for its users' customer data)",
                    "https://support.chargebee.com/support/solutions/articles/237691-what-is-the-gdpr-in-chargebee-",
                ),
                source(
                    "Chargebee: Terms of Service, effective 16 May 2024 (a contract between the customer and Chargebee Inc.)",
                    "https://www.chargebee.com/company/terms/",
                ),
            ],
            Confidence::Medium,
            Some("Chargebee Inc.'s country is not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    // ---- messaging and engagement (second review) --------------------------------
    Vendor {
        id: "onesignal",
        name: "OneSignal",
        names: &["onesignal"],
        packages: &["onesignal-node", "react-onesignal", "@onesignal/*"],
        hosts: &["cdn.onesignal.com", "api.onesignal.com"],
        provenance: provenance(
            &[source(
                "OneSignal: Data Protection Addendum, last updated May 27, 2025 (covers the GDPR)",
                "https://onesignal.com/dpa",
            )],
            Confidence::Low,
            Some(
                "Only that a GDPR Data Protection Addendum exists is confirmed here; its role clause, the entity and data locations were not read.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "braze",
        name: "Braze",
        names: &["braze", "appboy"],
        packages: &["@braze/*", "appboy-web-sdk"],
        hosts: &["js.appboycdn.com", "braze.eu"],
        eea_entity: f("Braze, Inc.", 1),
        country: f("US", 0),
        provenance: provenance(
            &[
                source(
                    "Braze: Privacy Policy, December 13, 2024 (Braze is a U.S. company headquartered in New York)",
                    "https://braze.com/company/legal/privacy?tid=331726738166",
                ),
                source(
                    "Braze: EU Data Act Addendum (supplements the Main Subscription Agreement between Braze, Inc. and the customer)",
                    "https://www.braze.com/company/legal/eu-data-act-addendum",
                ),
            ],
            Confidence::Medium,
            Some("The role and the EU data centre are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "pusher",
        name: "Pusher",
        names: &["pusher"],
        packages: &[
            "pusher",
            "pusher-js",
            "pusher/pusher-php-server",
            "github.com/pusher/pusher-http-go*",
            "com.pusher:*",
        ],
        hosts: &["js.pusher.com"],
        eea_entity: f("Pusher Ltd", 0),
        country: f("GB", 0),
        provenance: provenance(
            &[source(
                "Pusher: Terms of Service, archived (an agreement with Pusher Ltd, London, England)",
                "https://pusher.com/legal-archived/terms-of-service",
            )],
            Confidence::Low,
            Some("The terms read are archived; the role and data locations are not confirmed here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "vonage",
        name: "Vonage (Nexmo)",
        names: &["vonage", "nexmo"],
        packages: &["@vonage/*", "vonage", "nexmo", "vonage/client", "com.vonage:*"],
        hosts: &["rest.nexmo.com", "api.nexmo.com"],
        provenance: provenance(
            &[source(
                "Vonage Developer: Developer Field Usage Guidance (to send an SMS, developers send the end user's phone number and a message body to Vonage)",
                "https://developer.vonage.com/redact/guides/developer-field-usage-guidance",
            )],
            Confidence::Low,
            Some(
                "Only that end users' numbers and messages reach Vonage is confirmed here; role, entity, country and data locations are not.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "typeform",
        name: "Typeform",
        names: &["typeform"],
        packages: &["@typeform/*"],
        hosts: &["embed.typeform.com", "form.typeform.com", "api.typeform.com"],
        eea_entity: f("TYPEFORM SL", 0),
        country: f("ES", 0),
        provenance: provenance(
            &[source(
                "Typeform: Master Enterprise Agreement v5 (TYPEFORM SL, a Spanish corporation registered in Barcelona)",
                "https://typeform.com/meaarchive5",
            )],
            Confidence::Medium,
            Some("The agreement read is an archived version; the role and data locations are not confirmed here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "zoho",
        name: "Zoho",
        names: &["zoho"],
        packages: &["@zohocrm/*"],
        hosts: &["zohoapis.com", "zohoapis.eu", "salesiq.zoho.com", "salesiq.zoho.eu"],
        eu_residency: f(
            "EU data centre, chosen by the country given at sign-up (services at *.zoho.eu)",
            0,
        ),
        provenance: provenance(
            &[source(
                "Zoho: Privacy FAQ (the data centre is chosen by the sign-up country; *.zoho.eu means the EU data centre)",
                "https://www.zoho.com/privacy/privacy-faq.html",
            )],
            Confidence::Medium,
            Some("The contracting Zoho entity and the role are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    // ---- product analytics and session replay (second review) ------------------
    Vendor {
        id: "posthog",
        name: "PostHog",
        names: &["posthog"],
        packages: &[
            "posthog-js",
            "posthog-node",
            "posthog",
            "posthog-ruby",
            "posthog/posthog-php",
            "github.com/posthog/posthog-go",
        ],
        hosts: &["i.posthog.com", "app.posthog.com", "eu.posthog.com"],
        eu_residency: f("PostHog Cloud EU, hosted on servers in Frankfurt", 0),
        provenance: provenance(
            &[source(
                "PostHog Docs: Controlling data storage (PostHog Cloud EU, hosted on servers based in Frankfurt)",
                "https://posthog.com/docs/privacy/data-storage",
            )],
            Confidence::Medium,
            Some("The role, the contracting entity and its country are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "fullstory",
        name: "Fullstory",
        names: &["fullstory"],
        packages: &["@fullstory/*"],
        hosts: &["edge.fullstory.com", "rs.fullstory.com"],
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Fullstory Help: Fullstory as Data Controller vs. Data Processor (a processor for the customers' end users whose sessions are captured)",
                "https://help.fullstory.com/hc/en-us/articles/360020623334-Fullstory-as-Data-Controller-vs-Data-Processor",
            )],
            Confidence::Medium,
            Some("The contracting entity, its country and data locations are not confirmed by a source here."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "logrocket",
        name: "LogRocket",
        names: &["logrocket"],
        packages: &["logrocket", "logrocket-react"],
        hosts: &["cdn.logrocket.io", "cdn.lr-ingest.io"],
        provenance: provenance(
            &[source(
                "LogRocket Docs: GDPR / CCPA (a GDPR DPA to sign; deletion requests and do-not-record)",
                "https://docs.logrocket.com/docs/gdpr",
            )],
            Confidence::Low,
            Some("Only that a GDPR DPA exists is confirmed here; role, entity, country and data locations are not."),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "pendo",
        name: "Pendo",
        names: &["pendo"],
        packages: &["@pendo/*"],
        hosts: &["cdn.pendo.io", "app.pendo.io", "cdn.eu.pendo.io", "app.eu.pendo.io"],
        eea_entity: f("Pendo.io, Inc.", 2),
        role: f(Role::Processor, 0),
        eu_residency: f("EU environment on Google Cloud, chosen by the customer", 1),
        provenance: provenance(
            &[
                source(
                    "Pendo Support: General Data Protection Regulation (Pendo processes its customers' customer data as a processor, and controls its own customers' data)",
                    "https://support.pendo.io/hc/en-us/articles/360031869612-General-Data-Protection-Regulation-GDPR-",
                ),
                source(
                    "Pendo Support: Global data hosting (US, EU and Japan environments; the customer chooses)",
                    "https://support.pendo.io/hc/en-us/articles/22832528657179-Global-data-hosting",
                ),
                source(
                    "Pendo: Data Processing Addendum, August 2022 (between the customer and Pendo.io, Inc.)",
                    "https://pendo.io/legal/data-processing-addendum-august-2022",
                ),
            ],
            Confidence::Medium,
            None,
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "heap",
        name: "Heap",
        names: &["heap analytics", "heapanalytics"],
        hosts: &["cdn.heapanalytics.com", "heapanalytics.com"],
        provenance: provenance(
            &[source(
                "Heap: Privacy Statement (Heap, Inc.; a behavioural analytics service collecting what users do on customers' sites)",
                "https://heapanalytics.com/privacy",
            )],
            Confidence::Low,
            Some(
                "The statement read covers Heap's own website; the role, the contracting entity and data locations for the service are not confirmed here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "fathom",
        name: "Fathom Analytics",
        names: &["fathom"],
        hosts: &["cdn.usefathom.com"],
        eu_residency: f(
            "EU Isolation: EU visitors' IP addresses are processed only on EU-located infrastructure",
            0,
        ),
        provenance: provenance(
            &[source(
                "Fathom Analytics: Our data journey (EU Isolation since late 2021; a Data Processing Agreement)",
                "https://usefathom.com/data",
            )],
            Confidence::Medium,
            Some(
                "The role, the contracting entity and its country are not confirmed by a source here. Fathom states it sets no cookies, so it is declared as a recipient, not as a tracker.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "bugsnag",
        name: "Bugsnag",
        names: &["bugsnag"],
        packages: &[
            "@bugsnag/*",
            "bugsnag",
            "bugsnag/bugsnag",
            "github.com/bugsnag/bugsnag-go*",
            "com.bugsnag:*",
        ],
        hosts: &["notify.bugsnag.com", "sessions.bugsnag.com"],
        eea_entity: f("Bugsnag Inc.", 0),
        country: f("US", 0),
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "Bugsnag Docs: Data Processing Agreement, August 6, 2020 (Bugsnag Inc., a Delaware corporation, San Francisco, as the customer's processor)",
                "https://docs.bugsnag.com/legal/dpa/",
            )],
            Confidence::Low,
            Some(
                "The agreement read dates from 2020; Bugsnag has since become part of another group, which is not confirmed here.",
            ),
        ),
        ..UNKNOWN
    },
    Vendor {
        id: "launchdarkly",
        name: "LaunchDarkly",
        names: &["launchdarkly", "catamorphic"],
        packages: &[
            "launchdarkly-js-client-sdk",
            "launchdarkly-node-server-sdk",
            "@launchdarkly/*",
            "launchdarkly-server-sdk",
            "launchdarkly/server-sdk",
            "github.com/launchdarkly/go-server-sdk*",
            "com.launchdarkly:*",
        ],
        hosts: &[
            "app.launchdarkly.com",
            "clientstream.launchdarkly.com",
            "events.launchdarkly.com",
        ],
        role: f(Role::Processor, 0),
        provenance: provenance(
            &[source(
                "LaunchDarkly: Privacy Policy, February 15, 2023 (Catamorphic, Co. dba LaunchDarkly; information processed on customers' behalf as a data processor is outside the policy)",
                "https://launchdarkly.com/policies/privacy-archives-02152023",
            )],
            Confidence::Low,
            Some(
                "The contracting entity for the service, its country and data locations are not confirmed by a source here.",
            ),
        ),
        ..UNKNOWN
    },
];
