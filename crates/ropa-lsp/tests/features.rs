//! The editor features beyond diagnostics and navigation, each over the
//! protocol: semantic tokens, folding and selection ranges, document links,
//! inlay hints, range formatting, pull diagnostics, and completion opened by
//! a space.

mod support;

use serde_json::{Value, json};
use support::{TempWorkspace, TestClient};

const ORG: &str = "organization \"Fjord AS\" {\n    country NO\n}\n";
const SPEC: &str = "data kontakt \"Navn\"
subjects kunder \"Kunder\"
processor mailer \"Mailer Inc\" {
    stored-in US
}
activity web {
    purpose \"Se https://mailer.example/dpa for avtalen\"
    subjects kunder
    data kontakt kontakt
    basis contract
    retain \"2 years\" from=collection
    processors mailer mailer
    allow unused-declaration reason=\"kept on purpose\"
}
";

fn workspace() -> TempWorkspace {
    TempWorkspace::new(&[("ropa.kdl", ""), ("org.ropa.kdl", ORG), ("a.ropa.kdl", SPEC)])
}

async fn started(ws: &TempWorkspace, options: Value) -> (TestClient, String, Value) {
    let mut client = TestClient::in_process();
    let init = client
        .request(
            "initialize",
            json!({"processId": null, "capabilities": {}, "initializationOptions": options}),
        )
        .await;
    client.notify("initialized", json!({})).await;
    let uri = ws.uri("a.ropa.kdl");
    client.open(&uri, SPEC).await;
    (client, uri, init)
}

fn doc(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

/// Decoded semantic tokens: (line, start, length, type name).
fn decode(legend: &Value, data: &Value) -> Vec<(u64, u64, u64, String)> {
    let types: Vec<&str> = legend["tokenTypes"]
        .as_array()
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let numbers: Vec<u64> = data
        .as_array()
        .map(|d| d.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let (mut line, mut start) = (0, 0);
    let mut out = Vec::new();
    for t in numbers.chunks(5) {
        if t[0] > 0 {
            start = 0;
        }
        line += t[0];
        start += t[1];
        out.push((
            line,
            start,
            t[2],
            types.get(t[3] as usize).copied().unwrap_or("?").to_owned(),
        ));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_type_every_id_keyword_and_country() {
    let ws = workspace();
    let (mut client, uri, init) = started(&ws, json!({})).await;
    let legend = init["result"]["capabilities"]["semanticTokensProvider"]["legend"].clone();
    let response = client.request("textDocument/semanticTokens/full", doc(&uri)).await;
    let tokens = decode(&legend, &response["result"]["data"]);
    let on_line = |line: u64| -> Vec<(u64, String)> {
        tokens
            .iter()
            .filter(|t| t.0 == line)
            .map(|t| (t.1, t.3.clone()))
            .collect()
    };
    // `    processors mailer mailer`: both references are parties (classes).
    assert_eq!(
        on_line(11),
        vec![
            (4, "keyword".to_owned()),
            (15, "class".to_owned()),
            (22, "class".to_owned())
        ]
    );
    // `    data kontakt kontakt`: data categories, every one.
    assert_eq!(
        on_line(8),
        vec![
            (4, "keyword".to_owned()),
            (9, "variable".to_owned()),
            (17, "variable".to_owned())
        ]
    );
    assert_eq!(
        on_line(9),
        vec![(4, "keyword".to_owned()), (10, "enumMember".to_owned())]
    );
    assert_eq!(on_line(3), vec![(4, "keyword".to_owned()), (14, "enum".to_owned())]);
    // `retain "2 years" from=collection`: a duration, a property, free text.
    assert_eq!(
        on_line(10),
        vec![
            (4, "keyword".to_owned()),
            (11, "number".to_owned()),
            (21, "property".to_owned()),
            (26, "string".to_owned())
        ]
    );
    assert!(on_line(12).contains(&(10, "macro".to_owned())), "{:?}", on_line(12));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn folding_and_selection_ranges() {
    let ws = workspace();
    let (mut client, uri, _) = started(&ws, json!({})).await;
    let folds = client.request("textDocument/foldingRange", doc(&uri)).await;
    let lines: Vec<(u64, u64)> = folds["result"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|r| {
                    (
                        r["startLine"].as_u64().unwrap_or(99),
                        r["endLine"].as_u64().unwrap_or(99),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // The processor's block and the activity's, each up to the line before `}`.
    assert_eq!(lines, vec![(2, 3), (5, 12)], "{folds}");
    let selection = client
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": {"uri": uri}, "positions": [{"line": 9, "character": 12}]}),
        )
        .await;
    let mut ranges = Vec::new();
    let mut at = &selection["result"][0];
    while at.is_object() {
        ranges.push((
            at["range"]["start"]["line"].as_u64().unwrap_or(99),
            at["range"]["start"]["character"].as_u64().unwrap_or(99),
            at["range"]["end"]["line"].as_u64().unwrap_or(99),
            at["range"]["end"]["character"].as_u64().unwrap_or(99),
        ));
        at = &at["parent"];
    }
    // `contract`, `basis contract`, the activity, the file.
    assert_eq!(
        ranges,
        vec![(9, 10, 9, 18), (9, 4, 9, 18), (5, 0, 13, 1), (0, 0, 14, 0)],
        "{selection}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_links_to_addresses_and_to_rule_docs_only_when_configured() {
    let ws = workspace();
    let (mut client, uri, _) = started(&ws, json!({})).await;
    let links = client.request("textDocument/documentLink", doc(&uri)).await;
    let targets: Vec<&str> = links["result"]
        .as_array()
        .map(|l| l.iter().filter_map(|x| x["target"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(targets, vec!["https://mailer.example/dpa"], "{links}");
    client.shutdown().await;

    let (mut client, uri, _) = started(&ws, json!({"docsUrl": "https://ropa.example/docs"})).await;
    let links = client.request("textDocument/documentLink", doc(&uri)).await;
    let targets: Vec<&str> = links["result"]
        .as_array()
        .map(|l| l.iter().filter_map(|x| x["target"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        targets,
        vec![
            "https://mailer.example/dpa",
            "https://ropa.example/docs/rules.md#unused-declaration"
        ],
        "{links}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_name_a_country_and_its_transfer_status_with_the_source() {
    let ws = workspace();
    let (mut client, uri, _) = started(&ws, json!({})).await;
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 14, "character": 0}}}),
        )
        .await;
    let hint = &hints["result"][0];
    assert_eq!(hint["position"], json!({"line": 3, "character": 16}), "{hints}");
    let label = hint["label"].as_str().unwrap_or_default();
    assert!(label.starts_with("United States · adequacy since"), "{label}");
    let tooltip = hint["tooltip"].as_str().unwrap_or_default();
    assert!(
        tooltip.contains("Source: ") && tooltip.contains("https://"),
        "{tooltip}"
    );
    assert_eq!(hints["result"].as_array().map(Vec::len), Some(1), "{hints}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn range_formatting_changes_only_the_range() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    let messy = "data   kontakt \"Navn\"\nactivity web {\n  purpose   \"Web\"\n}\n";
    client.open(&uri, messy).await;
    let edits = client
        .request(
            "textDocument/rangeFormatting",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 1, "character": 0}, "end": {"line": 3, "character": 1}}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    // The activity is formatted; `data   kontakt` on line 0, outside the range, is not.
    let mut lines: Vec<String> = messy.split('\n').map(str::to_owned).collect();
    let mut list = edits["result"].as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty(), "{edits}");
    // ASCII text: characters are bytes. Applied from the last edit back.
    list.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    for edit in list {
        let at = |p: &Value| {
            (
                p["line"].as_u64().unwrap_or(0) as usize,
                p["character"].as_u64().unwrap_or(0) as usize,
            )
        };
        let ((sl, sc), (el, ec)) = (at(&edit["range"]["start"]), at(&edit["range"]["end"]));
        let joined = lines.join("\n");
        let offset = |l: usize, c: usize| lines[..l].iter().map(|x| x.len() + 1).sum::<usize>() + c;
        let mut text = joined.clone();
        text.replace_range(
            offset(sl, sc)..offset(el, ec),
            edit["newText"].as_str().unwrap_or_default(),
        );
        lines = text.split('\n').map(str::to_owned).collect();
    }
    assert_eq!(
        lines.join("\n"),
        "data   kontakt \"Navn\"\nactivity web {\n    purpose \"Web\"\n}\n"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_asks_for_them() {
    let ws = workspace();
    let (mut client, uri, init) = started(&ws, json!({})).await;
    // Push by default, and no pull capability: no finding is listed twice.
    assert!(
        init["result"]["capabilities"].get("diagnosticProvider").is_none(),
        "{init}"
    );
    client.diagnostics(&uri, Some(1)).await;
    client.shutdown().await;

    let (mut client, uri, init) = started(&ws, json!({"pullDiagnostics": true})).await;
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "ropa"
    );
    let report = client.request("textDocument/diagnostic", doc(&uri)).await;
    assert_eq!(report["result"]["kind"], "full", "{report}");
    let codes: Vec<&str> = report["result"]["items"]
        .as_array()
        .map(|d| d.iter().filter_map(|x| x["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"unused-allow"), "{report}");
    // Files not open are still pushed; the open one is not.
    client.diagnostics(&ws.uri("org.ropa.kdl"), None).await;
    let pushed_open = client
        .drain(std::time::Duration::from_millis(300))
        .await
        .into_iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str());
    assert!(!pushed_open);
    client.shutdown().await;
}

/// Nodes separated by U+2028, a KDL newline that LSP clients do not count:
/// the word that decides is the first of the node's own line, not of the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_space_opens_completion_by_the_kdl_line_it_is_on() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    let text = "data kontakt \"Navn\"\u{2028}activity web {\u{2028}    purpose \u{2028}    data \u{2028}}\u{2028}";
    client.open(&uri, text).await;
    let after = |needle: &str| -> u32 {
        let end = text.find(needle).expect("needle") + needle.len();
        text[..end].encode_utf16().count() as u32
    };
    let by_space = |character: u32| {
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": character},
            "context": {"triggerKind": 2, "triggerCharacter": " "}})
    };
    let purpose = client
        .request("textDocument/completion", by_space(after("purpose ")))
        .await;
    assert_eq!(purpose["result"], Value::Null, "{purpose}");
    let data = client
        .request("textDocument/completion", by_space(after("    data ")))
        .await;
    assert!(data["result"].to_string().contains("kontakt"), "{data}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_space_opens_completion_only_after_a_word_that_takes_a_value() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    let text = "data kontakt \"Navn\"\nprocessor mailer \"M\"\nactivity web {\n    basis \n    data \n    processors \n    purpose \n}\n";
    client.open(&uri, text).await;
    let by_space = |line: u32, character: u32| {
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character},
            "context": {"triggerKind": 2, "triggerCharacter": " "}})
    };
    let labels = |response: &Value| -> Vec<String> {
        response["result"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i["label"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let basis = client.request("textDocument/completion", by_space(3, 10)).await;
    assert!(labels(&basis).contains(&"contract".to_owned()), "{basis}");
    let data = client.request("textDocument/completion", by_space(4, 9)).await;
    assert!(labels(&data).contains(&"kontakt".to_owned()), "{data}");
    let processors = client.request("textDocument/completion", by_space(5, 15)).await;
    assert!(labels(&processors).contains(&"mailer".to_owned()), "{processors}");
    // After `purpose ` (free text) a space opens nothing.
    let purpose = client.request("textDocument/completion", by_space(6, 12)).await;
    assert_eq!(purpose["result"], Value::Null, "{purpose}");
    client.shutdown().await;
}
