//! The real `ropa lsp` binary over stdio, byte by byte: each protocol defect
//! of issue 16 as it reaches a server from a client with a bug. Framing
//! errors resynchronise on the next `Content-Length` header (firewall.rs
//! says why that and not an exit), so every test ends with the server still
//! answering and a clean `shutdown`/`exit`.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};
use support::{TempWorkspace, TestClient, frame};

const ORG: &str = "organization \"Stdio AB\" {\n    country SE\n}\n";
const SPEC: &str = "data kontakt \"Namn\"\nactivity web {\n    purpose \"Webb\"\n    data kontakt kontkat\n    processors mailer\n}\nprocessor mailer \"Mailer Inc\" {\n    stored-in US\n}\n";

fn ropa() -> PathBuf {
    support::ropa_binary().expect("the ropa binary: run `cargo build -p ropa-cli`")
}

fn workspace() -> TempWorkspace {
    TempWorkspace::new(&[("ropa.kdl", ""), ("org.ropa.kdl", ORG), ("a.ropa.kdl", SPEC)])
}

async fn started(ws: &TempWorkspace) -> (TestClient, String) {
    let mut client = TestClient::binary(&ropa());
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    client.open(&uri, SPEC).await;
    client.diagnostics(&uri, Some(1)).await;
    (client, uri)
}

fn hover(uri: &str, id: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 7, "character": 15}}})
    .to_string()
}

/// Sends 30 hover requests back to back and asserts each gets its answer:
/// the hover of `US` in the processor.
async fn thirty_requests_answered(client: &mut TestClient, uri: &str) {
    let mut bytes = Vec::new();
    for id in 1000..1030 {
        bytes.extend(frame(&hover(uri, id)));
    }
    client.send_raw(&bytes).await;
    for id in 1000..1030 {
        // Answers may come in any order: look among those seen first.
        let response = client
            .wait_for(move |m| m["id"] == id && m.get("method").is_none())
            .await;
        let text = response["result"]["contents"]["value"].as_str().unwrap_or_default();
        assert!(text.contains("United States"), "request {id}: {response}");
    }
}

/// The next `window/logMessage` whose text contains `needle`.
async fn logged(client: &mut TestClient, needle: &str) -> String {
    let needle = needle.to_owned();
    let message = client
        .wait_for(move |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(needle.as_str()))
        })
        .await;
    message["params"]["message"].as_str().unwrap_or_default().to_owned()
}

/// A framing error: one error response with a null id, a log message, then
/// the server reads on.
async fn recovers_from(broken: Vec<u8>, log: &str) {
    let ws = workspace();
    let (mut client, uri) = started(&ws).await;
    // The broken message and the first good one arrive together, so the
    // rest of the broken one runs into the good one's header.
    let mut bytes = broken;
    bytes.extend(frame(&hover(&uri, 999)));
    client.send_raw(&bytes).await;
    let error = client.wait_for(|m| m.get("error").is_some() && m["id"].is_null()).await;
    assert_eq!(error["error"]["code"], -32700, "{error}");
    logged(&mut client, log).await;
    let first = client.response(json!(999)).await;
    assert!(first.get("result").is_some(), "{first}");
    thirty_requests_answered(&mut client, &uri).await;
    client.shutdown().await;
}

fn body() -> String {
    json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol",
        "params": {"textDocument": {"uri": "file:///x.ropa.kdl"}}})
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_too_short_content_length_is_recovered_from() {
    let body = body();
    let broken = format!("Content-Length: {}\r\n\r\n{body}", body.len() - 12).into_bytes();
    recovers_from(broken, "skipped").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_content_length_that_is_no_number_is_recovered_from() {
    let broken = format!("Content-Length: twelve\r\n\r\n{}", body()).into_bytes();
    recovers_from(broken, "bad Content-Length header").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_content_length_is_recovered_from() {
    let broken = format!(
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
        body()
    )
    .into_bytes();
    recovers_from(broken, "without a Content-Length header").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_header_that_is_not_utf8_is_recovered_from() {
    let mut broken = b"Content-Length: \xff\xfe\r\n\r\n".to_vec();
    broken.extend(body().as_bytes());
    recovers_from(broken, "not UTF-8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_utf8_byte_in_another_header_does_not_end_the_server() {
    let ws = workspace();
    let (mut client, uri) = started(&ws).await;
    let message = hover(&uri, 77);
    let mut bytes = b"X-Trace: caf\xe9\r\n".to_vec();
    bytes.extend(format!("Content-Length: {}\r\n\r\n{message}", message.len()).as_bytes());
    client.send_raw(&bytes).await;
    let response = client.response(json!(77)).await;
    assert!(response.get("result").is_some(), "{response}");
    thirty_requests_answered(&mut client, &uri).await;
    client.shutdown().await;
}

#[cfg(target_os = "linux")]
fn peak_memory_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_64_mib_header_line_is_not_held_and_is_logged() {
    let ws = workspace();
    let (mut client, uri) = started(&ws).await;
    let pid = client.child.as_ref().and_then(|c| c.id()).expect("pid");
    let before = peak_memory_kib(pid);
    let mut bytes = b"X-Padding: ".to_vec();
    bytes.resize(64 * 1024 * 1024, b'a');
    bytes.extend(b"\r\n");
    bytes.extend(frame(&hover(&uri, 42)));
    client.send_raw(&bytes).await;
    let response = client.response(json!(42)).await;
    assert!(response.get("result").is_some(), "{response}");
    let message = logged(&mut client, "longer than the limit").await;
    assert!(message.contains("67108866 bytes"), "{message}");
    let grown = peak_memory_kib(pid).saturating_sub(before);
    // Buffered whole, the line alone would be 64 MiB.
    assert!(grown < 16 * 1024, "peak memory grew by {grown} KiB");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_past_the_end_of_a_line_mean_its_end() {
    let ws = workspace();
    let (mut client, uri) = started(&ws).await;
    // `data kontakt kontkat` is line 3: a linewise range as Neovim sends it,
    // ending far past the line, gets the quick fix for `kontkat`.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 2147483647}},
                "context": {"diagnostics": []}}),
        )
        .await;
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["title"].as_str()).collect())
        .unwrap_or_default();
    assert!(titles.iter().any(|t| t.contains("kontakt")), "{actions}");
    // A character past the end of `    processors mailer` is the end of the
    // line: the hover of `mailer` ends there, so it is found.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 200}}),
        )
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
    // A line past the last one is the end of the text: an answer, not an error.
    let beyond = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 3}}),
        )
        .await;
    assert!(beyond.get("error").is_none(), "{beyond}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dollar_requests_get_method_not_found_and_dollar_notifications_nothing() {
    let ws = workspace();
    let (mut client, uri) = started(&ws).await;
    let response = client.request("$/ropa/unknown", json!({})).await;
    assert_eq!(response["error"]["code"], -32601, "{response}");
    client.notify("$/setTrace", json!({"value": "off"})).await;
    client.notify("$/cancelRequest", json!({"id": 12345})).await;
    let after = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}))
        .await;
    assert!(after["result"].is_array(), "{after}");
    // Neither notification was answered.
    assert!(
        !client
            .seen
            .iter()
            .any(|m| m.get("id").is_some() && m.get("method").is_none()),
        "{:?}",
        client.seen
    );
    client.shutdown().await;
}

async fn exit_status(mut client: TestClient) -> Option<i32> {
    let mut child = client.child.take().expect("a child process");
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("the server exits")
        .expect("status");
    status.code()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_exits_1_and_after_shutdown_0() {
    let ws = workspace();
    let (mut client, _) = started(&ws).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_status(client).await, Some(1));

    let (mut client, _) = started(&ws).await;
    let response = client.request("shutdown", Value::Null).await;
    assert_eq!(response["result"], Value::Null, "{response}");
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_status(client).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_a_file_with_syntax_errors_returns_no_edits_and_logs_why() {
    let ws = workspace();
    let (mut client, uri) = started(&ws).await;
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"text": "activity a {\n  purpose \"open\n}\n"}]}),
        )
        .await;
    let response = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    assert_eq!(response["result"], json!([]), "{response}");
    logged(&mut client, "was not formatted").await;
    client.shutdown().await;
}
