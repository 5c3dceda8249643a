//! The JSON calls, natively: the same code the WebAssembly module runs.
//! The module itself is tested in a browser (web/tests) and in Node
//! (scripts/test-web).

use serde_json::{Value, json};

fn call(request: Value) -> Value {
    serde_json::from_str(&ropa_wasm::call(&request.to_string())).expect("every answer is JSON")
}

fn ok(request: Value) -> Value {
    let answer = call(request);
    assert!(answer.get("error").is_none(), "unexpected error: {answer}");
    answer["ok"].clone()
}

fn error(request: Value) -> String {
    let answer = call(request);
    answer["error"]
        .as_str()
        .unwrap_or_else(|| panic!("expected an error, got {answer}"))
        .to_owned()
}

/// A seed workspace's files as (name, text) pairs.
fn seed(name: &str) -> Value {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../specs")
        .join(name);
    let mut files: Vec<Value> = std::fs::read_dir(&dir)
        .expect("seed folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".kdl"))
        .map(|p| {
            json!({
                "name": p.file_name().expect("name").to_string_lossy(),
                "text": std::fs::read_to_string(&p).expect("text"),
            })
        })
        .collect();
    files.sort_by_key(|f| f["name"].as_str().map(str::to_owned));
    Value::Array(files)
}

const CONFIG: &str = "// test workspace\n";
const NO_RETENTION: &str = r#"organization "Acme AB" {
    country SE
    contact "Åsa Öberg" email="privacy@acme.example"
}

data contact-details "Name and e-mail"
subjects customers "Customers"

activity newsletter {
    name "Newsletter"
    purpose "Send the newsletter to customers who asked for it"
    role controller
    basis consent
    subjects customers
    data contact-details
}
"#;

fn workspace(spec: &str) -> Value {
    json!([{ "name": "ropa.kdl", "text": CONFIG }, { "name": "acme.ropa.kdl", "text": spec }])
}

fn rules_at(answer: &Value) -> Vec<(String, u64)> {
    answer["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn check_reports_a_missing_retention_period_on_its_activity_line() {
    let answer = ok(json!({ "op": "check", "files": workspace(NO_RETENTION) }));
    let found = rules_at(&answer);
    assert!(found.contains(&("missing-retention".to_owned(), 9)), "{found:?}");
    let finding = answer["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["rule"] == "missing-retention"))
        .expect("the finding");
    assert_eq!(finding["file"], "acme.ropa.kdl");
    // Zero-based line for editors; the activity id starts at character 9.
    assert_eq!(finding["range"]["start"], json!({ "line": 8, "character": 9 }));
    // The fields of `ropa check --format json`, with the help text itself.
    assert_eq!(
        (&finding["line"], &finding["column"], &finding["end_line"]),
        (&json!(9), &json!(10), &json!(9))
    );
    assert!(
        finding["help"].as_str().is_some_and(|h| h.contains("retain")),
        "{finding}"
    );
}

#[test]
fn check_is_silent_on_the_compliant_seed() {
    let answer = ok(json!({ "op": "check", "files": seed("good-example") }));
    assert_eq!(answer["summary"]["error"], 0, "{answer}");
    assert_eq!(answer["summary"]["warning"], 0, "{answer}");
}

#[test]
fn check_counts_office2go_as_the_cli_does() {
    // The counts the seed's README records for `ropa check specs/office2go`.
    let answer = ok(json!({ "op": "check", "files": seed("office2go") }));
    assert_eq!(answer["summary"]["files"], 5);
    assert!(
        answer["summary"]["error"].as_u64().unwrap_or(0) > 0,
        "{}",
        answer["summary"]
    );
}

#[test]
fn positions_count_utf16_units() {
    // An emoji is one character (the CLI's column) but two UTF-16 units
    // (an editor's character).
    let spec = NO_RETENTION.replace(
        "    data contact-details\n",
        "    data contact-details /* 😀 */ no-such-data\n",
    );
    let answer = ok(json!({ "op": "check", "files": workspace(&spec) }));
    let finding = answer["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["rule"] == "undefined-reference"))
        .unwrap_or_else(|| panic!("an undefined reference: {answer}"));
    let line = spec
        .lines()
        .nth(finding["line"].as_u64().expect("line") as usize - 1)
        .expect("line");
    let before = &line[..line.find("no-such-data").expect("the reference")];
    assert_eq!(finding["column"], before.chars().count() as u64 + 1);
    let units = before.encode_utf16().count() as u64;
    assert_eq!(units, before.chars().count() as u64 + 1, "the emoji is two units");
    assert_eq!(finding["range"]["start"]["character"], units);
}

#[test]
fn a_changed_file_is_checked_again() {
    let before = ok(json!({ "op": "check", "files": workspace(NO_RETENTION) }));
    let fixed = NO_RETENTION.replace(
        "    data contact-details\n}",
        "    data contact-details\n    retain \"2 years\" from=last-contact\n}",
    );
    let after = ok(json!({ "op": "check", "files": workspace(&fixed) }));
    let has = |a: &Value| rules_at(a).iter().any(|(r, _)| r == "missing-retention");
    assert!(has(&before));
    assert!(!has(&after), "{after}");
    // And back: the cache never answers for other text.
    assert_eq!(ok(json!({ "op": "check", "files": workspace(NO_RETENTION) })), before);
}

#[test]
fn hover_on_a_finding_explains_its_rule() {
    let answer = ok(json!({
        "op": "hover", "files": workspace(NO_RETENTION), "file": "acme.ropa.kdl",
        "position": { "line": 8, "character": 12 },
    }));
    let markdown = answer["markdown"].as_str().expect("markdown");
    assert!(markdown.contains("missing-retention"), "{markdown}");
}

#[test]
fn a_quick_fix_inserts_a_placeholder_that_keeps_the_finding_open() {
    let files = workspace(NO_RETENTION);
    let actions = ok(json!({
        "op": "codeActions", "files": files, "file": "acme.ropa.kdl",
        "range": { "start": { "line": 8, "character": 9 }, "end": { "line": 8, "character": 9 } },
    }));
    let action = actions
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|a| a["rule"] == "missing-retention" && !a["title"].as_str().unwrap_or("").contains("allow"))
        })
        .unwrap_or_else(|| panic!("a retention fix: {actions}"));
    let edit = &action["edits"][0];
    assert_eq!(edit["file"], "acme.ropa.kdl");
    let new_text = edit["newText"].as_str().expect("newText");
    assert!(new_text.contains("PERIOD"), "{new_text}");
}

#[test]
fn completion_offers_declared_ids() {
    let spec = NO_RETENTION.replace("    data contact-details\n", "    data contact-details \n");
    let line = spec
        .lines()
        .position(|l| l.starts_with("    data contact-details "))
        .expect("line") as u64;
    let items = ok(json!({
        "op": "completion", "files": workspace(&spec), "file": "acme.ropa.kdl",
        "position": { "line": line, "character": 25 },
    }));
    assert!(
        items
            .as_array()
            .is_some_and(|i| i.iter().any(|i| i["label"] == "contact-details")),
        "{items}"
    );
}

#[test]
fn definition_leads_to_the_declaration() {
    let line = NO_RETENTION
        .lines()
        .position(|l| l == "    data contact-details")
        .expect("line") as u64;
    let found = ok(json!({
        "op": "definition", "files": workspace(NO_RETENTION), "file": "acme.ropa.kdl",
        "position": { "line": line, "character": 12 },
    }));
    assert_eq!(found[0]["range"]["start"]["line"], 5, "{found}");
}

#[test]
fn format_returns_edits_only_for_unformatted_text() {
    let messy = NO_RETENTION.replace("    name \"Newsletter\"", "name    \"Newsletter\"");
    let edits = ok(json!({ "op": "format", "files": workspace(&messy), "file": "acme.ropa.kdl" }));
    assert_eq!(edits.as_array().map(Vec::len), Some(1), "{edits}");
    let none = ok(json!({ "op": "format", "files": workspace(NO_RETENTION), "file": "acme.ropa.kdl" }));
    assert_eq!(none, json!([]));
}

#[test]
fn the_swedish_record_uses_the_swedish_legal_terms() {
    for (kind, format) in [
        ("record", "html"),
        ("transfers", "markdown"),
        ("findings", "json"),
        ("notice", "html"),
    ] {
        for lang in ["en", "sv", "da", "nb"] {
            let answer = ok(json!({
                "op": "report", "files": seed("office2go"), "kind": kind, "format": format,
                "lang": lang, "date": "2026-12-05",
            }));
            assert!(
                !answer["text"].as_str().unwrap_or("").is_empty(),
                "{kind} {format} {lang}"
            );
        }
    }
    let sv =
        ok(json!({ "op": "report", "files": seed("webone"), "kind": "record", "lang": "sv", "date": "2026-12-05" }));
    assert!(sv["text"].as_str().unwrap_or("").contains("Personuppgiftsansvarig"));
    assert_eq!(sv["extension"], "html");
}

#[test]
fn csv_import_reads_excel_bytes_and_yields_specs_that_parse() {
    // "Ändamål" in Windows-1252, as Excel saves CSV on a Swedish Windows.
    let mut bytes = b"Behandling;\xc4ndam\xe5l;R\xe4ttslig grund\n".to_vec();
    bytes.extend_from_slice(b"Nyhetsbrev;Skicka nyhetsbrev;samtycke\n");
    let answer = ok(json!({ "op": "importCsv", "name": "register.csv", "bytes": bytes }));
    let files = answer["files"].as_array().expect("files");
    assert!(!files.is_empty(), "{answer}");
    let summary = answer["summary"].as_str().unwrap_or("");
    assert!(summary.contains("Windows-1252"), "{summary}");
    let mut all = vec![json!({ "name": "ropa.kdl", "text": CONFIG })];
    all.extend(files.iter().cloned());
    let checked = ok(json!({ "op": "check", "files": all }));
    let broken = rules_at(&checked)
        .into_iter()
        .filter(|(r, _)| r == "syntax-error")
        .count();
    assert_eq!(broken, 0, "{checked}");
}

#[test]
fn rules_and_explain_give_the_documentation() {
    let rules = ok(json!({ "op": "rules" }));
    let missing = rules
        .as_array()
        .and_then(|r| r.iter().find(|r| r["id"] == "missing-retention"))
        .expect("the rule");
    assert!(!missing["articles"].as_array().expect("articles").is_empty());
    // The objects of `ropa rules --format json`, and the hover's Markdown.
    assert_eq!(
        missing["severity_reason"],
        ropa_check::Rule::MissingRetention.info().severity_reason
    );
    assert_eq!(
        missing["markdown"],
        ropa_check::docs::hover_markdown(ropa_check::Rule::MissingRetention, None)
    );
    assert_eq!(
        ok(json!({ "op": "explain", "rule": "missing-retention" }))["id"],
        "missing-retention"
    );
}

#[test]
fn bad_requests_get_an_error_that_says_what_to_do() {
    assert!(error(json!({ "op": "explain", "rule": "missing-retenton" })).contains("did you mean `missing-retention`"));
    assert!(error(json!({ "op": "frobnicate" })).contains("cannot be read"));
    assert!(ropa_wasm::call("{not json").contains("cannot be read"));
    let unknown =
        error(json!({ "op": "hover", "files": [], "file": "x.ropa.kdl", "position": { "line": 0, "character": 0 } }));
    assert!(unknown.contains("no file named `x.ropa.kdl`"), "{unknown}");
    let twice = json!([{ "name": "a.ropa.kdl", "text": "" }, { "name": "a.ropa.kdl", "text": "" }]);
    assert!(error(json!({ "op": "check", "files": twice })).contains("two files are named"));
    let date = error(json!({ "op": "report", "files": workspace(NO_RETENTION), "date": "5/12/2026" }));
    assert!(date.contains("YYYY-MM-DD"), "{date}");
    let kind =
        error(json!({ "op": "report", "files": workspace(NO_RETENTION), "kind": "summary", "date": "2026-12-05" }));
    assert!(kind.contains("record, transfers, findings, notice, all"), "{kind}");
    let csv_svg = error(
        json!({ "op": "report", "files": workspace(NO_RETENTION), "kind": "notice", "format": "csv", "date": "2026-12-05" }),
    );
    assert!(csv_svg.contains("one table"), "{csv_svg}");
}

#[test]
fn positions_past_the_end_are_clamped_not_fatal() {
    ok(json!({
        "op": "hover", "files": workspace(NO_RETENTION), "file": "acme.ropa.kdl",
        "position": { "line": 9999, "character": 9999 },
    }));
    ok(json!({
        "op": "codeActions", "files": workspace("activity {"), "file": "acme.ropa.kdl",
        "range": { "start": { "line": 5, "character": 0 }, "end": { "line": 0, "character": 0 } },
    }));
}
