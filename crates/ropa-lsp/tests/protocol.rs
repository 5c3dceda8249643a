//! The language server at the protocol level: JSON-RPC in, JSON-RPC out,
//! every feature as an insta JSON snapshot, and the abuse a server must
//! survive (malformed messages, unknown methods, positions out of range,
//! stale versions, bursts of changes).

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{TempWorkspace, TestClient, frame};

const ORG: &str = "organization \"Ødegaard & Åberg AS\" {
    country NO
    contact \"Åsa Øberg\" email=\"asa@example.no\"
    security \"Tilgangskontroll\"
    breach-procedure \"Rutine for avvik\"
    rights-procedure \"Forespørsler besvares innen en måned\"
}
";

const DATA: &str = "data kontakt \"Navn og e-post\"
data helse \"Sykefravær\" special=health
subjects kunder \"Kunder\"
processor mailer \"Mailer Inc\" {
    stored-in US
    dpa \"2024-01-10\"
}
";

const ACTIVITIES: &str = "activity nyhetsbrev {
    name \"Nyhetsbrev for Åsa og Øystein\"
    purpose \"Sende nyhetsbrev\"
    subjects kunder
    data kontakt kontkat
    basis consent withdrawal=\"Avmeldingslenke\" records=\"Mailer-logg\"
    retain \"2 years\" from=collection
    processors mailer
    transfer US to=mailer
}
";

fn workspace() -> TempWorkspace {
    TempWorkspace::new(&[
        ("ropa.kdl", "// ropa workspace\n"),
        ("organization.ropa.kdl", ORG),
        ("data.ropa.kdl", DATA),
        ("activities.ropa.kdl", ACTIVITIES),
    ])
}

/// The LSP position of the `nth` occurrence of `needle` (plus `delta`
/// bytes), in UTF-16 or UTF-8 units.
fn pos(text: &str, needle: &str, nth: usize, delta: usize, utf8: bool) -> Value {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i + delta)
        .expect("needle in text");
    let before = &text[..start];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &before[line_start..];
    let character = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

async fn started(ws: &TempWorkspace, encodings: &[&str]) -> (TestClient, String) {
    let mut client = TestClient::in_process();
    client.initialize(encodings).await;
    let uri = ws.uri("activities.ropa.kdl");
    client.open(&uri, ACTIVITIES).await;
    client.diagnostics(&uri, Some(1)).await;
    (client, uri)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_position_encoding() {
    let mut client = TestClient::in_process();
    let response = client.initialize(&["utf-16"]).await;
    insta::assert_json_snapshot!("initialize", response);
    client.shutdown().await;

    let mut client = TestClient::in_process();
    let response = client.initialize(&["utf-8", "utf-16"]).await;
    assert_eq!(response["result"]["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown().await;

    // No encodings offered: UTF-16, the protocol's default.
    let mut client = TestClient::in_process();
    let response = client.request("initialize", json!({"capabilities": {}})).await;
    assert_eq!(response["result"]["capabilities"]["positionEncoding"], "utf-16");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_on_open_cover_every_file_of_the_workspace() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("activities.ropa.kdl");
    client.open(&uri, ACTIVITIES).await;
    let opened = client.diagnostics(&uri, Some(1)).await;
    insta::assert_json_snapshot!("diagnostics_open", ws.redact(&opened));
    // Files the editor has not opened are checked too (version null).
    let data = client.diagnostics(&ws.uri("data.ropa.kdl"), None).await;
    assert_eq!(data["version"], Value::Null);
    insta::assert_json_snapshot!("diagnostics_unopened_file", ws.redact(&data));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_in_one_file_updates_findings_in_another() {
    let ws = workspace();
    let (mut client, activities) = started(&ws, &[]).await;
    let data = ws.uri("data.ropa.kdl");
    client.open(&data, DATA).await;
    client.drain(Duration::from_millis(300)).await;
    // Rename `kunder` in data.ropa.kdl only: the activity's reference breaks.
    let range_start = pos(DATA, "kunder", 0, 0, false);
    let range_end = pos(DATA, "kunder", 0, 6, false);
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": data, "version": 2},
                "contentChanges": [{"range": {"start": range_start, "end": range_end}, "text": "klienter"}],
            }),
        )
        .await;
    let updated = client
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == activities.as_str()
                && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .any(|d| d["message"].as_str().is_some_and(|s| s.contains("`kunder`")))
                })
        })
        .await;
    assert_eq!(updated["params"]["version"], 1, "the activities file did not change");
    let finding = updated["params"]["diagnostics"]
        .as_array()
        .and_then(|d| {
            d.iter()
                .find(|d| d["message"].as_str().is_some_and(|s| s.contains("`kunder`")))
        })
        .cloned()
        .unwrap_or_default();
    insta::assert_json_snapshot!("cross_file_finding", ws.redact(&finding));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_findings_keywords_countries_and_references() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    let mut hovers = serde_json::Map::new();
    for (name, needle, delta) in [
        ("finding", "kontkat", 2),
        ("legal_basis", "consent withdrawal", 2),
        ("country", "US to=", 1),
        ("reference", "mailer\n    transfer", 2),
        ("nothing", "Sende", 1),
    ] {
        let response = client
            .request("textDocument/hover", at(&uri, pos(ACTIVITIES, needle, 0, delta, false)))
            .await;
        hovers.insert(name.to_owned(), response["result"].clone());
    }
    insta::assert_json_snapshot!("hover", ws.redact(&Value::Object(hovers)));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_of_names_values_and_ids() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    // Type into the file: a half-written `transfer` line, then complete in it.
    let typed = "    transfer US to=mailer mechanism=\n";
    let end = pos(ACTIVITIES, "}", 0, 0, false);
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"range": {"start": end, "end": end}, "text": typed}],
            }),
        )
        .await;
    let text = ACTIVITIES.replacen("}\n", &format!("{typed}}}\n"), 1);
    let mechanism = client
        .request(
            "textDocument/completion",
            at(&uri, pos(&text, "mechanism=\n", 0, 10, false)),
        )
        .await;
    insta::assert_json_snapshot!("completion_mechanism", mechanism["result"]);
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
    let ids = client
        .request("textDocument/completion", at(&uri, pos(&text, "kontkat", 0, 3, false)))
        .await;
    assert_eq!(labels(&ids), ["kontakt"], "declared data ids matching `kon`");
    let nodes = client
        .request(
            "textDocument/completion",
            at(&uri, pos(&text, "    retain", 0, 4, false)),
        )
        .await;
    insta::assert_json_snapshot!("completion_node_names", labels(&nodes));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_references_and_rename_across_files() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    let on_mailer = pos(ACTIVITIES, "mailer\n    transfer", 0, 1, false);
    let definition = client
        .request("textDocument/definition", at(&uri, on_mailer.clone()))
        .await;
    let mut params = at(&uri, on_mailer.clone());
    params["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", params).await;
    let prepare = client
        .request("textDocument/prepareRename", at(&uri, on_mailer.clone()))
        .await;
    let mut params = at(&uri, on_mailer.clone());
    params["newName"] = json!("utsendelse");
    let rename = client.request("textDocument/rename", params).await;
    insta::assert_json_snapshot!(
        "navigation",
        ws.redact(&json!({
            "definition": definition["result"],
            "references": references["result"],
            "prepareRename": prepare["result"],
            "rename": rename["result"],
        }))
    );
    // A rename to an invalid or taken id is refused with a message.
    let mut params = at(&uri, on_mailer.clone());
    params["newName"] = json!("two words");
    let invalid = client.request("textDocument/rename", params).await;
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    let mut params = at(&uri, on_mailer);
    params["newName"] = json!("kontakt");
    let taken = client.request("textDocument/rename", params).await;
    insta::assert_json_snapshot!("rename_taken", taken["error"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_and_workspace_symbols() {
    let ws = workspace();
    let (mut client, _) = started(&ws, &[]).await;
    let data = ws.uri("data.ropa.kdl");
    let outline = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": data}}))
        .await;
    let search = client.request("workspace/symbol", json!({"query": "nyh"})).await;
    insta::assert_json_snapshot!(
        "symbols",
        ws.redact(&json!({"document": outline["result"], "workspace": search["result"]}))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_fix_findings() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    let mut titles = serde_json::Map::new();
    for (name, needle) in [("undefined_reference", "kontkat"), ("transfer", "transfer US")] {
        let start = pos(ACTIVITIES, needle, 0, 1, false);
        let response = client
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": {"start": start, "end": start},
                    "context": {"diagnostics": []},
                }),
            )
            .await;
        if name == "undefined_reference" {
            insta::assert_json_snapshot!("code_action_did_you_mean", ws.redact(&response["result"][0]));
        }
        let list: Vec<Value> = response["result"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|action| json!([action["title"], action["isPreferred"], action["diagnostics"][0]["code"]]))
                    .collect()
            })
            .unwrap_or_default();
        titles.insert(name.to_owned(), Value::Array(list));
    }
    insta::assert_json_snapshot!("code_actions", Value::Object(titles));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_is_stable_and_leaves_broken_files_alone() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("activities.ropa.kdl");
    let messy =
        "activity  a   {\n  purpose   \"Å\"\n      basis contract ; retain \"2 years\"   from = contract-end\n}\n";
    client.open(&uri, messy).await;
    let response = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    insta::assert_json_snapshot!("formatting", response["result"]);
    // Broken text: no edits (the reason goes to the log, tests/stdio.rs), not a guess.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "activity a {\n  purpose \"open\n}\n"}]}),
        )
        .await;
    let broken = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    assert_eq!(broken["result"], json!([]), "{broken}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_messages_and_unknown_methods_get_errors_and_the_server_goes_on() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    client
        .send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": "))
        .await;
    let parse_error = client.wait_for(|m| m.get("error").is_some()).await;
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    let unknown = client.request("ropa/doesNotExist", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // Params of the wrong shape for a known method.
    let bad_params = client.request("textDocument/hover", json!({"textDocument": 42})).await;
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    let bad_notification = json!({"textDocument": {"uri": 7}, "contentChanges": "no"});
    client.notify("textDocument/didChange", bad_notification).await;
    // Still serving.
    let hover = client
        .request("textDocument/hover", at(&uri, pos(ACTIVITIES, "US", 0, 0, false)))
        .await;
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|s| s.contains("United States"))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_past_the_end_are_clamped() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    for (method, position) in [
        ("textDocument/hover", json!({"line": 999, "character": 0})),
        ("textDocument/completion", json!({"line": 0, "character": 500})),
        (
            "textDocument/definition",
            json!({"line": 4294967295u32, "character": 4294967295u32}),
        ),
    ] {
        let response = client.request(method, at(&uri, position)).await;
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    // `data kontakt kontkat` with the range ending past the last line: the
    // did-you-mean fix is offered.
    let range = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 80, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .await;
    assert!(range["result"].to_string().contains("kontakt"), "{range}");
    // A negative number is not a position at all.
    let negative = client
        .request("textDocument/hover", at(&uri, json!({"line": -1, "character": 0})))
        .await;
    assert_eq!(negative["error"]["code"], -32602);
    // Unknown documents: an empty answer.
    let unknown = client
        .request(
            "textDocument/hover",
            at("file:///nowhere/x.ropa.kdl", json!({"line": 0, "character": 0})),
        )
        .await;
    assert_eq!(unknown["result"], Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_before_initialize_are_refused() {
    let mut client = TestClient::in_process();
    let early = client
        .request(
            "textDocument/hover",
            at("file:///x.ropa.kdl", json!({"line": 0, "character": 0})),
        )
        .await;
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(&[]).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_change_is_dropped() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    let full = |version: i64, text: &str| json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]});
    client
        .notify("textDocument/didChange", full(5, "data fem \"5\"\n"))
        .await;
    // Older than what the server has: must not overwrite version 5.
    client
        .notify("textDocument/didChange", full(3, "data tre \"3\"\n"))
        .await;
    let symbols = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}))
        .await;
    assert_eq!(symbols["result"][0]["name"], "fem", "{symbols}");
    let published = client.diagnostics(&uri, Some(5)).await;
    assert_eq!(published["version"], 5);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_changes_ends_with_the_diagnostics_of_the_last_version() {
    let ws = workspace();
    let (mut client, uri) = started(&ws, &[]).await;
    client.drain(Duration::from_millis(200)).await;
    // Type `data x` one character at a time at the end of the file.
    let mut text = ACTIVITIES.to_owned();
    let typed = "data zz \"Nye data\" special=healt";
    for (i, c) in typed.chars().enumerate() {
        let last_line = text.rsplit('\n').next().unwrap_or("");
        let end = json!({"line": text.matches('\n').count(), "character": last_line.encode_utf16().count()});
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": 2 + i},
                    "contentChanges": [{"range": {"start": end, "end": end}, "text": c.to_string()}],
                }),
            )
            .await;
        text.push(c);
    }
    let last = 1 + typed.chars().count() as i64;
    let published = client.diagnostics(&uri, Some(last)).await;
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .map(|d| d.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        codes.contains(&"invalid-value"),
        "`healt` is not a special category: {codes:?}"
    );
    // Nothing older arrives after the last version's diagnostics.
    let later = client.drain(Duration::from_millis(300)).await;
    for message in later {
        if message["params"]["uri"] == uri.as_str() {
            assert_eq!(message["params"]["version"], last, "a stale publish: {message}");
        }
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_ascii_positions_in_utf16_and_utf8() {
    // `Åsa Øberg 😀` before a reference on the same line: 😀 is 4 bytes and
    // 2 UTF-16 units, Å and Ø 2 bytes and 1 unit each.
    let line = "activity a { purpose \"Åsa Øberg 😀\"; data kontakt }\n";
    for (encoding, utf8) in [("utf-16", false), ("utf-8", true)] {
        let ws = TempWorkspace::new(&[("ropa.kdl", ""), ("a.ropa.kdl", &format!("data kontakt \"K\"\n{line}"))]);
        let text = ws.text("a.ropa.kdl");
        let uri = ws.uri("a.ropa.kdl");
        let mut client = TestClient::in_process();
        client.initialize(&[encoding]).await;
        client.open(&uri, &text).await;
        let position = pos(&text, "kontakt }", 0, 2, utf8);
        let definition = client
            .request("textDocument/definition", at(&uri, position.clone()))
            .await;
        assert_eq!(
            definition["result"][0]["range"],
            json!({"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 12}}),
            "{encoding}: {definition}"
        );
        let references = client
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": uri}, "position": position, "context": {"includeDeclaration": false}}),
            )
            .await;
        let expected_start = pos(&text, "kontakt }", 0, 0, utf8);
        let expected_end = pos(&text, "kontakt }", 0, 7, utf8);
        assert_eq!(
            references["result"][0]["range"],
            json!({"start": expected_start, "end": expected_end}),
            "{encoding}: {references}"
        );
        // UTF-16: 22 + `Åsa Øberg 😀` (12 units) + `"; data ` = character 42;
        // UTF-8: 22 + 16 bytes + 8 = 46.
        let expected_character = if utf8 { 46 } else { 42 };
        assert_eq!(expected_start["character"], expected_character, "{encoding}");
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_opened_before_the_initialize_answer_uses_the_agreed_encoding() {
    // LSP forbids sending `didOpen` before the answer to `initialize`, but
    // a client that does it must still get positions in the encoding it
    // was told (the lsp fuzz target found them in UTF-16 after "utf-8").
    let line = "activity a { purpose \"Åsa Øberg 😀\"; data kontakt }\n";
    let text = format!("data kontakt \"K\"\n{line}");
    for _ in 0..20 {
        let ws = TempWorkspace::new(&[("ropa.kdl", ""), ("a.ropa.kdl", &text)]);
        let uri = ws.uri("a.ropa.kdl");
        let mut client = TestClient::in_process();
        let mut burst = frame(
            &json!({"jsonrpc": "2.0", "id": "init", "method": "initialize",
                "params": {"capabilities": {"general": {"positionEncodings": ["utf-8"]}}}})
            .to_string(),
        );
        burst.extend(frame(
            &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}).to_string(),
        ));
        burst.extend(frame(
            &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
                {"uri": uri, "languageId": "ropa", "version": 1, "text": text}}})
            .to_string(),
        ));
        client.send_raw(&burst).await;
        let answer = client.response(json!("init")).await;
        assert_eq!(answer["result"]["capabilities"]["positionEncoding"], "utf-8");
        let references = client
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": uri}, "position": pos(&text, "kontakt }", 0, 2, true),
                    "context": {"includeDeclaration": false}}),
            )
            .await;
        // UTF-8: 22 + `Åsa Øberg 😀` (16 bytes) + `"; data ` = 46 (42 in UTF-16).
        assert_eq!(
            references["result"][0]["range"]["start"]["character"], 46,
            "{references}"
        );
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crlf_documents_keep_their_positions() {
    let text = ACTIVITIES.replace('\n', "\r\n");
    let ws = TempWorkspace::new(&[
        ("ropa.kdl", ""),
        ("data.ropa.kdl", DATA),
        ("activities.ropa.kdl", &text),
    ]);
    let uri = ws.uri("activities.ropa.kdl");
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    client.open(&uri, &text).await;
    let published = client.diagnostics(&uri, Some(1)).await;
    let kontkat = published["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "undefined-reference"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        kontkat["range"],
        json!({"start": {"line": 4, "character": 17}, "end": {"line": 4, "character": 24}})
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_binary_serves_over_stdio() {
    let Some(ropa) = support::ropa_binary() else {
        panic!("the ropa binary is not built: run `cargo build -p ropa-cli` (cargo test --workspace builds it)");
    };
    let ws = workspace();
    let mut client = TestClient::binary(&ropa);
    let init = client.initialize(&["utf-8"]).await;
    assert_eq!(init["result"]["serverInfo"]["name"], "ropa");
    let uri = ws.uri("activities.ropa.kdl");
    client.open(&uri, ACTIVITIES).await;
    let published = client.diagnostics(&uri, Some(1)).await;
    let mut codes: Vec<String> = published["diagnostics"]
        .as_array()
        .map(|d| d.iter().filter_map(|d| d["code"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    codes.sort();
    insta::assert_json_snapshot!("binary_diagnostic_codes", codes);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rule_links_only_with_a_configured_docs_address() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client
        .request(
            "initialize",
            json!({
                "capabilities": {},
                "initializationOptions": {"debounceMs": 10, "docsUrl": "https://docs.example.org/ropa/"},
            }),
        )
        .await;
    client.notify("initialized", json!({})).await;
    let uri = ws.uri("activities.ropa.kdl");
    client.open(&uri, ACTIVITIES).await;
    let opened = client.diagnostics(&uri, Some(1)).await;
    let first = &opened["diagnostics"][0];
    assert_eq!(first["code"], "undefined-reference", "{opened}");
    assert_eq!(
        first["codeDescription"]["href"],
        "https://docs.example.org/ropa/rules.md#undefined-reference"
    );
    client.shutdown().await;
    // Without one (the snapshots above), no diagnostic has a link.
}
