//! Terraform / OpenTofu: `region = "…"` and `location = "…"` assignments
//! (providers and region-bearing resources), and the `default` of a
//! variable whose name says region or location. A line reader rather than
//! an HCL parser: these assignments are one line each, a reader keeps the
//! line number every finding needs, and it adds no dependency to build.
//! Values that are expressions (`var.region`) are not literals and are
//! left alone; unknown region codes are not placed.

use crate::evidence::{Evidence, Source, Target};
use crate::regions::region;

pub fn read(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let mut in_region_variable = false;
    for (i, line) in text.lines().enumerate() {
        let line = line
            .split('#')
            .next()
            .unwrap_or("")
            .split("//")
            .next()
            .unwrap_or("")
            .trim();
        if let Some(rest) = line.strip_prefix("variable ") {
            let name = rest.trim().trim_start_matches('"').split('"').next().unwrap_or("");
            in_region_variable = name.contains("region") || name.contains("location");
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let wanted = key == "region" || key == "location" || (in_region_variable && key == "default");
        if !wanted {
            continue;
        }
        let value = value.trim();
        let Some(literal) = value.strip_prefix('"').and_then(|v| v.split('"').next()) else {
            continue;
        };
        // Azure accepts display names ("West Europe") as well as codes.
        let code = literal.to_ascii_lowercase().replace(' ', "");
        if let Some(found) = region(&code) {
            out.push(Evidence {
                path: path.to_owned(),
                line: i as u32 + 1,
                source: Source::Infrastructure,
                target: Target::Region(found.code),
                seen: literal.to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_in_providers_resources_and_variables() {
        let text = "provider \"aws\" {\n  region = \"us-east-1\"\n}\nvariable \"aws_region\" {\n  default = \"eu-west-1\"\n}\nresource \"azurerm_resource_group\" \"rg\" {\n  location = \"West Europe\"\n}\nvariable \"name\" {\n  default = \"us-east-2\"\n}\nprovider \"google\" {\n  region = var.region\n}\n";
        let found: Vec<_> = read("main.tf", text).into_iter().map(|e| (e.target, e.line)).collect();
        assert_eq!(
            found,
            vec![
                (Target::Region("us-east-1"), 2),
                (Target::Region("eu-west-1"), 5),
                (Target::Region("westeurope"), 8),
            ]
        );
    }
}
