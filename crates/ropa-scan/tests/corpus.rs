//! The test corpus: small repositories written for the suite, each with a
//! record and a README listing the findings a DPO and an engineer expect.
//! Each test asserts exactly those findings.

use std::fs;
use std::path::Path;

use ropa_syntax::config::ScanConfig;

/// Every file under `dir`, with its path relative to `root`.
fn files(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir).expect("corpus folder").filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files(root, &path, out);
        } else if let Ok(text) = fs::read_to_string(&path) {
            let rel = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
            out.push((rel, text));
        }
    }
}

/// (rule, where) of every finding: the first evidence as `path:line`, or
/// the declared party.
fn scan(name: &str) -> Vec<(&'static str, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    let mut all = Vec::new();
    files(&root, &root, &mut all);
    let mut specs = Vec::new();
    let mut config = ScanConfig::default();
    for (path, text) in &all {
        if path.ends_with(".ropa.kdl") {
            let parsed = ropa_syntax::parse_spec(text);
            assert!(parsed.diagnostics.is_empty(), "{name}/{path}: {:?}", parsed.diagnostics);
            specs.push(parsed.model);
        } else if path.ends_with("ropa.kdl") {
            let parsed = ropa_syntax::parse_config(text);
            assert!(parsed.diagnostics.is_empty(), "{name}/{path}: {:?}", parsed.diagnostics);
            config = parsed.config.scan;
        }
    }
    let specs: Vec<_> = specs.iter().collect();
    let scan = ropa_scan::scan(&all, &specs, &config);
    scan.findings
        .iter()
        .map(|f| {
            let at = match (f.evidence.first(), &f.party) {
                (Some(e), _) => format!("{}:{}", e.path, e.line),
                (None, Some(party)) => party.clone(),
                (None, None) => String::new(),
            };
            (f.rule.id(), at)
        })
        .collect()
}

fn expect(found: Vec<(&str, String)>, expected: &[(&str, &str)]) {
    let expected: Vec<(&str, String)> = expected.iter().map(|(r, a)| (*r, (*a).to_owned())).collect();
    assert_eq!(found, expected);
}

#[test]
fn node_webshop_with_stripe_sentry_and_the_meta_pixel() {
    expect(
        scan("node-webshop"),
        &[
            ("undeclared-processor", "package.json:7"),
            ("undeclared-tracker", "public/index.html:11"),
            ("processor-without-evidence", "newsletter-tool"),
        ],
    );
}

#[test]
fn python_service_on_aws_with_a_region_outside_the_eea() {
    expect(scan("python-aws"), &[("region-outside-eea", "infra/main.tf:15")]);
}

#[test]
fn go_service_using_mailgun() {
    expect(scan("go-mailgun"), &[("undeclared-processor", "go.mod:6")]);
}

#[test]
fn php_site_with_google_analytics_and_hotjar() {
    expect(scan("php-site"), &[("undeclared-tracker", "templates/header.php:16")]);
}
