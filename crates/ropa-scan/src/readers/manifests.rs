//! Dependency manifests. JSON and TOML are parsed with serde_json and toml,
//! so a name is a dependency only where the format says it is (not in a
//! script, a comment or a description). The line-oriented formats (go.mod,
//! requirements.txt, Gemfile) are read line by line, which is their grammar.

use serde_json::Value as Json;

use crate::evidence::{Evidence, Source, Target, line_of};
use crate::registry::vendors;

/// Evidence for every vendor whose package `name` is, at the line where the
/// name is spelled with one of `spellings`.
pub(super) fn package(out: &mut Vec<Evidence>, path: &str, text: &str, name: &str, line: Option<u32>) {
    let line = line.unwrap_or_else(|| line_of(text, &[format!("\"{name}\""), format!("{name} ="), name.to_owned()]));
    let evidence = |target| Evidence {
        path: path.to_owned(),
        line,
        source: Source::Package,
        target,
        seen: name.to_owned(),
    };
    let before = out.len();
    out.extend(
        vendors()
            .iter()
            .filter(|v| v.matches_package(name))
            .map(|v| evidence(Target::Vendor(v.id))),
    );
    if out.len() == before {
        out.push(evidence(Target::Unknown));
    }
}

fn json_keys<'a>(doc: &'a Json, tables: &[&str]) -> Vec<&'a str> {
    tables
        .iter()
        .filter_map(|t| doc.get(*t).and_then(Json::as_object))
        .flat_map(|o| o.keys().map(String::as_str))
        .collect()
}

/// `dependencies`, `optionalDependencies` and `peerDependencies`;
/// `devDependencies` do not ship to production, so they are not evidence
/// that personal data reaches the vendor.
pub fn package_json(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let Ok(doc) = serde_json::from_str::<Json>(text) else {
        return out;
    };
    for name in json_keys(&doc, &["dependencies", "optionalDependencies", "peerDependencies"]) {
        package(&mut out, path, text, name, None);
    }
    out
}

/// Lockfile v2/v3: top-level installed packages not marked `dev`; v1: the
/// `dependencies` not marked `dev`.
pub fn package_lock(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let Ok(doc) = serde_json::from_str::<Json>(text) else {
        return out;
    };
    let is_dev = |v: &Json| v.get("dev").and_then(Json::as_bool).unwrap_or(false);
    if let Some(packages) = doc.get("packages").and_then(Json::as_object) {
        for (key, entry) in packages {
            let Some(name) = key.strip_prefix("node_modules/") else {
                continue;
            };
            if name.contains("/node_modules/") || is_dev(entry) {
                continue;
            }
            let line = line_of(text, &[format!("\"{key}\"")]);
            package(&mut out, path, text, name, Some(line));
        }
    } else if let Some(deps) = doc.get("dependencies").and_then(Json::as_object) {
        for (name, _) in deps.iter().filter(|(_, e)| !is_dev(e)) {
            package(&mut out, path, text, name, None);
        }
    }
    out
}

pub fn composer_json(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let Ok(doc) = serde_json::from_str::<Json>(text) else {
        return out;
    };
    for name in json_keys(&doc, &["require"]) {
        package(&mut out, path, text, name, None);
    }
    out
}

/// The distribution name of a PEP 508 requirement (`stripe[async]>=5; …`),
/// normalised (lower case, `_` and `.` as `-`).
fn pep508_name(requirement: &str) -> Option<String> {
    let end = requirement
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(requirement.len());
    let name = requirement[..end].trim();
    (!name.is_empty()).then(|| name.to_ascii_lowercase().replace(['_', '.'], "-"))
}

pub fn requirements(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        // Options (`-r other.txt`, `--index-url`) and URLs are not names.
        if line.starts_with('-') || line.contains("://") {
            continue;
        }
        if let Some(name) = pep508_name(line) {
            package(&mut out, path, text, &name, Some(i as u32 + 1));
        }
    }
    out
}

/// `[project] dependencies` (PEP 621) and `[tool.poetry.dependencies]`.
pub fn pyproject(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let Ok(doc) = text.parse::<toml::Table>() else {
        return out;
    };
    let requirements = doc
        .get("project")
        .and_then(|p| p.get("dependencies"))
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str);
    for requirement in requirements {
        if let Some(name) = pep508_name(requirement) {
            let line = line_of(text, &[format!("\"{requirement}\""), format!("'{requirement}'")]);
            package(&mut out, path, text, &name, Some(line));
        }
    }
    let poetry = doc
        .get("tool")
        .and_then(|t| t.get("poetry"))
        .and_then(|p| p.get("dependencies"))
        .and_then(toml::Value::as_table);
    for name in poetry.into_iter().flat_map(|t| t.keys()) {
        let normalised = name.to_ascii_lowercase().replace(['_', '.'], "-");
        package(&mut out, path, text, &normalised, key_line(text, name));
    }
    out
}

/// The line of the TOML key `name = …` (bare or quoted).
fn key_line(text: &str, name: &str) -> Option<u32> {
    let quoted = format!("\"{name}\"");
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(quoted.as_str())
                .or_else(|| l.strip_prefix(name))
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i as u32 + 1)
}

/// `[dependencies]`, `[workspace.dependencies]` and target-specific tables.
pub fn cargo_toml(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let Ok(doc) = text.parse::<toml::Table>() else {
        return out;
    };
    let mut tables: Vec<&toml::Table> = Vec::new();
    tables.extend(doc.get("dependencies").and_then(toml::Value::as_table));
    tables.extend(
        doc.get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(toml::Value::as_table),
    );
    if let Some(targets) = doc.get("target").and_then(toml::Value::as_table) {
        tables.extend(
            targets
                .values()
                .filter_map(|t| t.get("dependencies").and_then(toml::Value::as_table)),
        );
    }
    for name in tables.iter().flat_map(|t| t.keys()) {
        package(&mut out, path, text, name, key_line(text, name));
    }
    out
}

/// `require module version` lines and `require ( … )` blocks.
pub fn go_mod(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("").trim();
        let module = if in_block {
            if line == ")" {
                in_block = false;
                continue;
            }
            line.split_whitespace().next()
        } else if let Some(rest) = line.strip_prefix("require") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
                continue;
            }
            rest.split_whitespace().next()
        } else {
            None
        };
        if let Some(module) = module {
            package(&mut out, path, text, module, Some(i as u32 + 1));
        }
    }
    out
}

/// `gem "name"` lines.
pub fn gemfile(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("gem ") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(name) = rest[1..].split(quote).next() {
            package(&mut out, path, text, name, Some(i as u32 + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Target;

    /// What was found, by line (JSON objects are read in key order).
    fn seen(found: &[Evidence]) -> Vec<(&str, u32, &str)> {
        let mut found: Vec<&Evidence> = found.iter().collect();
        found.sort_by_key(|e| e.line);
        found
            .into_iter()
            .filter_map(|e| match e.target {
                Target::Vendor(id) => Some((id, e.line, e.seen.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn package_json_reads_runtime_dependencies_not_dev_ones() {
        let text = "{\n  \"name\": \"shop\",\n  \"dependencies\": {\n    \"stripe\": \"^14\",\n    \"@sentry/node\": \"^8\"\n  },\n  \"devDependencies\": { \"@sentry/cli\": \"2\", \"mailgun.js\": \"1\" },\n  \"scripts\": { \"x\": \"stripe listen\" }\n}";
        assert_eq!(
            seen(&package_json("package.json", text)),
            vec![("stripe", 4, "stripe"), ("sentry", 5, "@sentry/node")]
        );
        assert!(package_json("package.json", "{ not json").is_empty());
    }

    #[test]
    fn lockfile_skips_dev_and_nested_packages() {
        let text = r#"{"packages": {"": {}, "node_modules/stripe": {"version": "1"}, "node_modules/@sentry/cli": {"dev": true}, "node_modules/x/node_modules/mailgun.js": {}}}"#;
        assert_eq!(
            seen(&package_lock("package-lock.json", text)),
            vec![("stripe", 1, "stripe")]
        );
    }

    #[test]
    fn requirements_and_pyproject() {
        let text = "# payments\nboto3==1.34\n-r base.txt\nsentry_sdk[flask]>=2 ; python_version>'3'\nrequests\n";
        assert_eq!(
            seen(&requirements("requirements.txt", text)),
            vec![("aws", 2, "boto3"), ("sentry", 4, "sentry-sdk")]
        );
        let text = "[project]\nname = \"svc\"\ndependencies = [\n  \"boto3>=1\",\n  \"flask\",\n]\n";
        assert_eq!(seen(&pyproject("pyproject.toml", text)), vec![("aws", 4, "boto3")]);
    }

    #[test]
    fn go_mod_cargo_gemfile_composer() {
        let text = "module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/mailgun/mailgun-go/v4 v4.12.0\n\tgolang.org/x/net v0.1.0 // indirect\n)\nrequire github.com/stripe/stripe-go/v76 v76.0.0\n";
        assert_eq!(
            seen(&go_mod("go.mod", text)),
            vec![
                ("mailgun", 6, "github.com/mailgun/mailgun-go/v4"),
                ("stripe", 9, "github.com/stripe/stripe-go/v76")
            ]
        );
        let text = "[package]\nname = \"x\"\n\n[dependencies]\nserde = \"1\"\nsentry = \"0.34\"\n";
        assert_eq!(seen(&cargo_toml("Cargo.toml", text)), vec![("sentry", 6, "sentry")]);
        let text = "source 'https://rubygems.org'\ngem 'rails'\ngem \"stripe\", \"~> 10\"\n";
        assert_eq!(seen(&gemfile("Gemfile", text)), vec![("stripe", 3, "stripe")]);
        let text = "{\n  \"require\": {\n    \"php\": \">=8.1\",\n    \"mailgun/mailgun-php\": \"^4\"\n  }\n}";
        assert_eq!(
            seen(&composer_json("composer.json", text)),
            vec![("mailgun", 4, "mailgun/mailgun-php")]
        );
    }
}
