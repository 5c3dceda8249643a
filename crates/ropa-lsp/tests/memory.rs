//! Memory stays bounded under a flood of changes. Alone in its own test
//! binary, because it reads the process's resident memory: other tests
//! running beside it would be counted too.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{TempWorkspace, TestClient};

const SPEC: &str = "data kontakt \"Namn\"\nactivity web {\n    purpose \"Webb\"\n    data kontakt\n}\n";

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

async fn still_serving(client: &mut TestClient, uri: &str) {
    let symbols: Value = client
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}))
        .await;
    assert!(symbols.get("result").is_some(), "{symbols}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_changes_end_on_the_last_version_with_bounded_memory() {
    let ws = TempWorkspace::new(&[("ropa.kdl", ""), ("a.ropa.kdl", SPEC)]);
    let mut client = TestClient::in_process();
    client.initialize(&[]).await;
    let uri = ws.uri("a.ropa.kdl");
    // A 100 KB document replaced 3,000 times as fast as the pipe takes it.
    let mut doc = String::from(SPEC);
    while doc.len() < 100_000 {
        doc.push_str("// padding to make each change a realistic size, as an editor sends it\n");
    }
    client.open(&uri, &doc).await;
    client.diagnostics(&uri, Some(1)).await;
    // Two rounds of 1,500 full replacements, as fast as the pipe takes
    // them (150 MB each). Memory may grow in the first round (allocator
    // caches, the reader's buffers) but must not keep growing: a queue or
    // document history that kept every change would grow by as much again.
    let mut version = 1;
    let mut round = async |client: &mut TestClient| {
        for _ in 0..1_500 {
            version += 1;
            client
                .notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": doc}]}),
                )
                .await;
        }
        let last = client.diagnostics(&uri, Some(version)).await;
        assert_eq!(last["version"], version);
        client.drain(Duration::from_millis(300)).await;
        rss_kib()
    };
    let start = rss_kib();
    let first = round(&mut client).await;
    let second = round(&mut client).await;
    if let (Some(start), Some(first), Some(second)) = (start, first, second) {
        let first_mb = first.saturating_sub(start) / 1024;
        let second_mb = second.saturating_sub(first) / 1024;
        assert!(
            second_mb < 64,
            "memory kept growing: {first_mb} MB, then {second_mb} MB more"
        );
    }
    still_serving(&mut client, &uri).await;
    client.shutdown().await;
}
