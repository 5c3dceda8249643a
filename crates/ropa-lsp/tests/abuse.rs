//! The language server under abuse, beyond the protocol tests: edits that
//! overlap or point nowhere, a 10 MB document, bytes that are not UTF-8,
//! documents that were never opened, and a client that vanishes without
//! saying goodbye. Memory under a flood of changes: tests/memory.rs.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{TempWorkspace, TestClient, frame};

const ORG: &str = "organization \"Abuse AB\" {\n    country SE\n}\n";
const SPEC: &str = "data kontakt \"Namn\"\nactivity web {\n    purpose \"Webb\"\n    data kontakt\n}\n";

fn workspace() -> TempWorkspace {
    TempWorkspace::new(&[("ropa.kdl", ""), ("org.ropa.kdl", ORG), ("a.ropa.kdl", SPEC)])
}

fn hover_at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

async fn still_serving(client: &mut TestClient, uri: &str) {
    let hover = client.request("textDocument/hover", hover_at(uri, 3, 10)).await;
    assert!(
        hover.get("error").is_none() || hover["error"]["code"].is_i64(),
        "{hover}"
    );
    let symbols = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}))
        .await;
    assert!(
        symbols.get("result").is_some() || symbols.get("error").is_some(),
        "{symbols}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_and_impossible_edits_do_not_break_the_document() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    client.open(&uri, SPEC).await;
    client.diagnostics(&uri, Some(1)).await;
    // Two changes in one notification whose ranges overlap (each applies to
    // the result of the one before), an inverted range, and one far past the end.
    let at = |line: u32, character: u32| json!({"line": line, "character": character});
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [
                    {"range": {"start": at(0, 0), "end": at(0, 4)}, "text": "data"},
                    {"range": {"start": at(0, 2), "end": at(0, 6)}, "text": "ta k"},
                ],
            }),
        )
        .await;
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 3},
                "contentChanges": [{"range": {"start": at(2, 5), "end": at(1, 0)}, "text": "x"}],
            }),
        )
        .await;
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 4},
                "contentChanges": [{"range": {"start": at(900, 0), "end": at(901, 3)}, "text": "x"}],
            }),
        )
        .await;
    still_serving(&mut client, &uri).await;
    // A full replacement afterwards is applied and checked.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": SPEC}]}),
        )
        .await;
    client.diagnostics(&uri, Some(5)).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_document_is_checked_and_served() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("big.ropa.kdl");
    let mut big = String::from("data kontakt2 \"Namn\"\n");
    let mut i = 0;
    while big.len() < 10_000_000 {
        big.push_str(&format!(
            "activity a{i} {{\n    purpose \"Syfte {i}\"\n    data kontakt2\n    basis contract\n}}\n"
        ));
        i += 1;
    }
    client.open(&uri, &big).await;
    let published = client.diagnostics(&uri, Some(1)).await;
    assert!(published["diagnostics"].is_array());
    let hover = client.request("textDocument/hover", hover_at(&uri, 4, 10)).await;
    assert!(hover.get("result").is_some(), "{hover}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bytes_that_are_not_utf8_get_a_parse_error_and_the_server_goes_on() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    client.open(&uri, SPEC).await;
    let mut body = b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":\"\xff\xfe\"}".to_vec();
    let mut message = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    message.append(&mut body);
    client.send_raw(&message).await;
    let error = client.wait_for(|m| m.get("error").is_some()).await;
    assert_eq!(error["error"]["code"], -32700, "{error}");
    // A header that lies about the length is cut off by the next message.
    client.send_raw(&frame("{\"jsonrpc\":\"2.0\"")).await;
    still_serving(&mut client, &uri).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_for_documents_never_opened_get_an_answer() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
    ] {
        let response = client
            .request(method, hover_at("file:///nowhere/x.ropa.kdl", 0, 0))
            .await;
        assert!(
            response.get("result").is_some() || response.get("error").is_some(),
            "{method}: {response}"
        );
    }
    let formatting = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": ws.uri("never-opened.ropa.kdl")}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    assert!(
        formatting.get("result").is_some() || formatting.get("error").is_some(),
        "{formatting}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_vanishes_ends_the_real_server_cleanly() {
    let Some(ropa) = support::ropa_binary() else {
        panic!("the ropa binary is not built: run `cargo build -p ropa-cli`");
    };
    let ws = workspace();
    let mut client = TestClient::binary(&ropa);
    client.initialize(&[]).await;
    client.open(&ws.uri("a.ropa.kdl"), SPEC).await;
    // No shutdown, no exit: the editor crashed and its end of the pipe closed.
    let mut child = client.child.take().expect("a child process");
    drop(client);
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait()).await;
    let status = status.expect("the server exits when its input closes").expect("wait");
    assert!(status.code().is_some(), "killed by a signal: {status:?}");
}
