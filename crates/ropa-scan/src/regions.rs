//! Cloud region codes and the country each one is in, so that a region
//! named in infrastructure code can be placed inside or outside the EEA.

use ropa_law::{Confidence, Provenance, Source};

use crate::registry::AS_OF;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CloudRegion {
    pub(crate) code: &'static str,
    /// The registry id of the cloud: `aws`, `azure` or `gcp`.
    pub(crate) cloud: &'static str,
    /// ISO 3166-1 alpha-2.
    pub(crate) country: &'static str,
}

pub(crate) fn region(code: &str) -> Option<&'static CloudRegion> {
    REGIONS.iter().find(|r| r.code == code)
}

/// Where the region table's countries come from: `ropa explain
/// region-outside-eea` shows it.
pub(crate) static REGIONS_PROVENANCE: Provenance = Provenance {
    sources: &[
        Source {
            title: "AWS Solutions: Supported AWS Regions (region names and codes)",
            url: "https://docs.aws.amazon.com/zh_tw/solutions/latest/automated-security-response-on-aws/supported-aws-regions.html",
        },
        Source {
            title: "Google Cloud: regions for the GKE On-Prem API (region names and locations)",
            url: "https://docs.cloud.google.com/kubernetes-engine/distributed-cloud/bare-metal/docs/reference/supported-regions-on-prem-api.md.txt",
        },
        Source {
            title: "Google Cloud: Workload Manager locations (European regions)",
            url: "https://cloud.google.com/workload-manager/docs/evaluate/locations",
        },
        Source {
            title: "Microsoft Learn: Azure regions list (physical location, geography, programmatic name)",
            url: "https://learn.microsoft.com/nb-no/azure/reliability/regions-list",
        },
    ],
    as_of: AS_OF,
    confidence: Confidence::Medium,
    note: Some(
        "Countries follow the city each provider names for the region. Regions not listed are not placed: the scan says nothing about them.",
    ),
};

const fn aws(code: &'static str, country: &'static str) -> CloudRegion {
    CloudRegion {
        code,
        cloud: "aws",
        country,
    }
}
const fn gcp(code: &'static str, country: &'static str) -> CloudRegion {
    CloudRegion {
        code,
        cloud: "gcp",
        country,
    }
}
const fn azure(code: &'static str, country: &'static str) -> CloudRegion {
    CloudRegion {
        code,
        cloud: "azure",
        country,
    }
}

static REGIONS: &[CloudRegion] = &[
    aws("us-east-1", "US"),
    aws("us-east-2", "US"),
    aws("us-west-1", "US"),
    aws("us-west-2", "US"),
    aws("af-south-1", "ZA"),
    aws("ap-east-1", "HK"),
    aws("ap-south-1", "IN"),
    aws("ap-south-2", "IN"),
    aws("ap-southeast-1", "SG"),
    aws("ap-southeast-2", "AU"),
    aws("ap-southeast-3", "ID"),
    aws("ap-southeast-4", "AU"),
    aws("ap-northeast-1", "JP"),
    aws("ap-northeast-2", "KR"),
    aws("ap-northeast-3", "JP"),
    aws("ca-central-1", "CA"),
    aws("eu-central-1", "DE"),
    aws("eu-central-2", "CH"),
    aws("eu-west-1", "IE"),
    aws("eu-west-2", "GB"),
    aws("eu-west-3", "FR"),
    aws("eu-south-1", "IT"),
    aws("eu-south-2", "ES"),
    aws("eu-north-1", "SE"),
    aws("me-south-1", "BH"),
    aws("me-central-1", "AE"),
    aws("sa-east-1", "BR"),
    gcp("us-central1", "US"),
    gcp("us-east1", "US"),
    gcp("us-east4", "US"),
    gcp("us-east5", "US"),
    gcp("us-south1", "US"),
    gcp("us-west1", "US"),
    gcp("us-west2", "US"),
    gcp("us-west3", "US"),
    gcp("us-west4", "US"),
    gcp("northamerica-northeast1", "CA"),
    gcp("northamerica-northeast2", "CA"),
    gcp("southamerica-east1", "BR"),
    gcp("southamerica-west1", "CL"),
    gcp("asia-east1", "TW"),
    gcp("asia-east2", "HK"),
    gcp("asia-northeast1", "JP"),
    gcp("asia-northeast2", "JP"),
    gcp("asia-northeast3", "KR"),
    gcp("asia-south1", "IN"),
    gcp("asia-south2", "IN"),
    gcp("asia-southeast1", "SG"),
    gcp("asia-southeast2", "ID"),
    gcp("australia-southeast1", "AU"),
    gcp("australia-southeast2", "AU"),
    gcp("europe-central2", "PL"),
    gcp("europe-north1", "FI"),
    gcp("europe-north2", "SE"),
    gcp("europe-southwest1", "ES"),
    gcp("europe-west1", "BE"),
    gcp("europe-west2", "GB"),
    gcp("europe-west3", "DE"),
    gcp("europe-west4", "NL"),
    gcp("europe-west6", "CH"),
    gcp("europe-west8", "IT"),
    gcp("europe-west9", "FR"),
    gcp("europe-west10", "DE"),
    gcp("europe-west12", "IT"),
    azure("eastus", "US"),
    azure("eastus2", "US"),
    azure("centralus", "US"),
    azure("southcentralus", "US"),
    azure("westus2", "US"),
    azure("westus3", "US"),
    azure("northeurope", "IE"),
    azure("westeurope", "NL"),
    azure("swedencentral", "SE"),
    azure("germanywestcentral", "DE"),
    azure("francecentral", "FR"),
    azure("norwayeast", "NO"),
    azure("polandcentral", "PL"),
    azure("italynorth", "IT"),
    azure("spaincentral", "ES"),
    azure("austriaeast", "AT"),
    azure("belgiumcentral", "BE"),
    azure("switzerlandnorth", "CH"),
    azure("uksouth", "GB"),
    azure("ukwest", "GB"),
    azure("canadacentral", "CA"),
    azure("australiaeast", "AU"),
    azure("japaneast", "JP"),
    azure("southeastasia", "SG"),
    azure("centralindia", "IN"),
    azure("brazilsouth", "BR"),
];

#[cfg(test)]
mod tests {
    use ropa_syntax::values::Country;

    #[test]
    fn every_region_has_a_known_country_and_a_known_cloud() {
        for r in super::REGIONS {
            assert!(Country::parse(r.country).is_some(), "{}: {}", r.code, r.country);
            assert!(crate::registry::vendor(r.cloud).is_some(), "{}", r.code);
        }
        assert!(!super::REGIONS_PROVENANCE.sources.is_empty());
    }
}
