//! The language server fed by a fuzzer, in two ways at once: the first half
//! of the input becomes a sequence of edits (ranges and texts chosen by the
//! bytes, applied to an open spec, each followed by a hover and a completion
//! at a position chosen by the bytes); the second half is sent as raw bytes,
//! framed or not. The server must answer, never panic, and stop when its
//! input closes.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
    })
}

fn frame(message: serde_json::Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

const URI: &str = "file:///fuzz/a.ropa.kdl";
const SPEC: &str = "organization \"Å AB\" {\n    country SE\n}\ndata kontakt \"Namn\"\nactivity web {\n    data kontakt\n    basis consent\n}\n";

fn messages(data: &[u8]) -> Vec<u8> {
    let (edits, raw) = data.split_at(data.len() / 2);
    let mut out = frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}}));
    out.extend(frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
    out.extend(frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": URI, "languageId": "ropa", "version": 1, "text": SPEC}}})));
    for (i, chunk) in edits.chunks(8).enumerate() {
        let b = |k: usize| u32::from(chunk.get(k).copied().unwrap_or(0));
        let text = String::from_utf8_lossy(chunk.get(5..).unwrap_or(&[])).into_owned();
        let version = i + 2;
        out.extend(frame(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": b(0) % 12, "character": b(1) % 40},
                "end": {"line": b(2) % 12, "character": b(3) % 40}}, "text": text}]}})));
        let position = json!({"line": b(4) % 12, "character": b(1) % 40});
        for method in ["textDocument/hover", "textDocument/completion"] {
            out.extend(frame(json!({"jsonrpc": "2.0", "id": 100 + i, "method": method,
                "params": {"textDocument": {"uri": URI}, "position": position}})));
        }
    }
    out.extend_from_slice(raw);
    out
}

fuzz_target!(|data: &[u8]| {
    let input = messages(data);
    runtime().block_on(async move {
        let (mut client_write, server_read) = tokio::io::duplex(1 << 16);
        let (server_write, mut client_read) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(ropa_lsp::serve(server_read, server_write));
        let reader = tokio::spawn(async move {
            let mut sink = Vec::new();
            let _ = client_read.read_to_end(&mut sink).await;
        });
        let _ = client_write.write_all(&input).await;
        drop(client_write);
        let finished = tokio::time::timeout(Duration::from_secs(20), server).await;
        let joined = finished.expect("the server stops when its input closes");
        assert!(joined.is_ok(), "the server task panicked: {joined:?}");
        reader.abort();
    });
});
