//! The test corpus: small repositories written for the suite, each with a
//! record and a README listing the findings a DPO and an engineer expect.
//! Each test asserts exactly those findings.

use std::fs;
use std::path::Path;

use ropa_syntax::config::ScanConfig;

/// Every file under `dir`, with its path relative to `root`.
fn files(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("corpus folder")
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files(root, &path, out);
        } else if let Ok(text) = fs::read_to_string(&path) {
            let rel = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
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

fn spec(text: &str) -> ropa_syntax::model::SpecFile {
    ropa_syntax::parse_spec(text).model
}

#[test]
fn a_map_to_an_undeclared_id_is_reported_and_a_map_to_a_declared_one_is_evidence() {
    let config = ropa_syntax::parse_config(
        "scan {\n    map package=\"acme-mail\" to=mail\n    map package=\"acme-sms\" to=sms\n}\n",
    )
    .config
    .scan;
    let record = spec("processor sms \"SMS AB\" {\n    country SE\n}\n");
    let files = vec![(
        "package.json".to_owned(),
        "{\n  \"dependencies\": {\n    \"acme-mail\": \"1\",\n    \"acme-sms\": \"1\"\n  }\n}".to_owned(),
    )];
    let scan = ropa_scan::scan(&files, &[&record], &config);
    let found: Vec<_> = scan
        .findings
        .iter()
        .map(|f| (f.rule.id(), f.evidence.first().map(|e| e.line)))
        .collect();
    assert_eq!(found, [("undeclared-processor", Some(3))]);
    assert!(
        scan.findings[0].message.contains("`mail`"),
        "{}",
        scan.findings[0].message
    );
}

#[test]
fn a_mapped_processor_with_nothing_seen_is_without_evidence() {
    let config = ropa_syntax::parse_config("scan {\n    map package=\"acme-sms\" to=sms\n}\n")
        .config
        .scan;
    let record = spec("processor sms \"SMS AB\" {\n    country SE\n}\n");
    let scan = ropa_scan::scan(&[], &[&record], &config);
    let found: Vec<_> = scan.findings.iter().map(|f| (f.rule.id(), f.party.clone())).collect();
    assert_eq!(found, [("processor-without-evidence", Some("sms".to_owned()))]);
}

#[test]
fn a_region_stored_in_or_transferred_to_is_silent() {
    let files = vec![(
        "main.tf".to_owned(),
        "provider \"aws\" {\n  region = \"us-east-1\"\n}\n".to_owned(),
    )];
    let config = ScanConfig::default();
    let stored = spec("processor aws \"AWS\" {\n    stored-in US\n}\n");
    assert!(ropa_scan::scan(&files, &[&stored], &config).findings.is_empty());
    let transferred = spec(
        "processor cloud \"Amazon Web Services\" {\n    stored-in IE\n}\nactivity a {\n    processors cloud\n    transfer US to=cloud mechanism=dpf\n}\n",
    );
    assert!(ropa_scan::scan(&files, &[&transferred], &config).findings.is_empty());
    let elsewhere = spec("processor cloud \"Amazon Web Services\" {\n    stored-in IE\n}\n");
    let found: Vec<_> = ropa_scan::scan(&files, &[&elsewhere], &config)
        .findings
        .iter()
        .map(|f| f.rule.id())
        .collect();
    assert_eq!(found, ["region-outside-eea"]);
}

/// No reader panics on hostile input: truncated, binary-looking, deeply
/// nested or oddly encoded text.
#[test]
fn readers_never_panic() {
    let names = [
        "package.json",
        "package-lock.json",
        "requirements.txt",
        "pyproject.toml",
        "go.mod",
        "Cargo.toml",
        "Gemfile",
        "composer.json",
        "index.html",
        "main.tf",
        ".env.example",
    ];
    let texts = [
        "",
        "{",
        "\u{feff}{\"dependencies\": {\"stripe\": 1}}",
        "gem \"",
        "gem '",
        "require (\n",
        "region = \"",
        "variable \"",
        "=\n=\"\n\"=\"",
        "ü=ä\u{0}\r\n\u{1F600}region=\"eu-west-1\u{1F600}\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "fbq(connect.facebook.netx",
        "stripe[\u{e9}]>=1 ; x",
    ];
    for name in names {
        for text in texts {
            let _ = ropa_scan::readers::read(name, text);
        }
    }
}

fn sentry_scan(config: &str) -> ropa_scan::Scan {
    let config = ropa_syntax::parse_config(config).config.scan;
    let files = vec![(
        "package.json".to_owned(),
        "{\n  \"dependencies\": {\n    \"@sentry/node\": \"8\"\n  }\n}".to_owned(),
    )];
    ropa_scan::scan(&files, &[], &config)
}

fn rules(scan: &ropa_scan::Scan) -> Vec<(&'static str, String)> {
    scan.findings.iter().map(|f| (f.rule.id(), f.subject.clone())).collect()
}

#[test]
fn an_allow_with_a_reason_hides_the_finding_it_names() {
    let scan = sentry_scan(
        "scan {\n    allow undeclared-processor sentry reason=\"only the staging image reports errors; no personal data\"\n}\n",
    );
    assert_eq!(rules(&scan), []);
    assert_eq!(scan.allowed, 1);
}

#[test]
fn an_allow_of_another_subject_or_rule_hides_nothing_and_is_unused() {
    // Near misses: the package name is not the subject (the vendor id is),
    // and the right subject under another rule is another finding.
    let scan = sentry_scan(
        "scan {\n    allow undeclared-processor \"@sentry/node\" reason=\"dev only\"\n    allow undeclared-tracker sentry reason=\"dev only\"\n}\n",
    );
    assert_eq!(
        rules(&scan),
        [
            ("undeclared-processor", "sentry".to_owned()),
            ("unused-allow", "undeclared-processor @sentry/node".to_owned()),
            ("unused-allow", "undeclared-tracker sentry".to_owned()),
        ]
    );
    assert_eq!(scan.allowed, 0);
    assert!(scan.findings.iter().skip(1).all(|f| f.config_span.is_some()));
}

#[test]
fn an_allow_without_a_reason_or_with_a_placeholder_keeps_the_finding() {
    for allow in [
        "allow undeclared-processor sentry",
        "allow undeclared-processor sentry reason=\"REASON\"",
        "allow undeclared-processor sentry reason=\"  \"",
    ] {
        let scan = sentry_scan(&format!("scan {{\n    {allow}\n}}\n"));
        assert_eq!(
            rules(&scan),
            [
                ("undeclared-processor", "sentry".to_owned()),
                ("allow-without-reason", "undeclared-processor sentry".to_owned()),
            ],
            "{allow}"
        );
    }
}

#[test]
fn an_allow_of_an_unknown_rule_is_reported() {
    let scan = sentry_scan("scan {\n    allow undeclared-vendor sentry reason=\"x\"\n}\n");
    assert_eq!(rules(&scan)[1].0, "unused-allow");
    assert!(
        scan.findings[1].message.contains("no scan rule"),
        "{}",
        scan.findings[1].message
    );
}
