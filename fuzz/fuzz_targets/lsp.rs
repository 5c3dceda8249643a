//! The language server fed by a fuzzer, in two ways at once: the first half
//! of the input becomes a sequence of edits (ranges and texts chosen by the
//! bytes, the texts repeated so that documents grow, applied to an open
//! spec, each followed by a hover and a completion at a position chosen by
//! the bytes, some completions triggered by a typed space); the second half
//! is sent as raw bytes, framed or not. The server must never panic, must
//! stop when its input closes, and everything it writes must be framed
//! JSON-RPC whose ranges lie inside the document: start before end, and no
//! line or character past the most the edits can have made.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
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

/// The most lines and the longest line (in bytes, which bound UTF-16 units
/// too) that any version of the document can have.
struct Bounds {
    lines: u64,
    line_len: u64,
}

fn messages(data: &[u8]) -> (Vec<u8>, Bounds) {
    let (edits, raw) = data.split_at(data.len() / 2);
    let mut bounds = Bounds {
        lines: SPEC.lines().count() as u64 + 1,
        line_len: SPEC.len() as u64,
    };
    let mut out = frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}}));
    out.extend(frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
    out.extend(frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": URI, "languageId": "ropa", "version": 1, "text": SPEC}}})));
    for (i, chunk) in edits.chunks(8).enumerate() {
        let b = |k: usize| u32::from(chunk.get(k).copied().unwrap_or(0));
        let text = String::from_utf8_lossy(chunk.get(6..).unwrap_or(&[])).repeat(1 + b(5) as usize % 64);
        // Every break the text could add, and every byte it could add to a line.
        bounds.lines += text
            .chars()
            .filter(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}'))
            .count() as u64;
        bounds.line_len += text.len() as u64;
        let version = i + 2;
        out.extend(frame(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": b(0) % 12, "character": b(1) % 40},
                "end": {"line": b(2) % 12, "character": b(3) % 40}}, "text": text}]}}),
        ));
        let position = json!({"line": b(4) % 12, "character": b(1) % 40});
        out.extend(frame(
            json!({"jsonrpc": "2.0", "id": 100 + 2 * i, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": URI}, "position": position}}),
        ));
        let mut completion = json!({"textDocument": {"uri": URI}, "position": position});
        if b(4) % 2 == 1 {
            completion["context"] = json!({"triggerKind": 2, "triggerCharacter": " "});
        }
        out.extend(frame(
            json!({"jsonrpc": "2.0", "id": 101 + 2 * i, "method": "textDocument/completion",
            "params": completion}),
        ));
    }
    out.extend_from_slice(raw);
    // The raw bytes can open or change documents too, each byte adding at
    // most one line or one character.
    bounds.lines += raw.len() as u64;
    bounds.line_len += raw.len() as u64;
    (out, bounds)
}

/// The JSON bodies of `Content-Length` frames, in order.
fn bodies(mut bytes: &[u8]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a frame's header ends");
        let header = std::str::from_utf8(&bytes[..end]).expect("an ASCII header");
        let length: usize = header
            .lines()
            .find_map(|line| line.strip_prefix("Content-Length: "))
            .expect("a Content-Length")
            .trim()
            .parse()
            .expect("a length");
        let body = bytes.get(end + 4..end + 4 + length).expect("the whole body");
        out.push(serde_json::from_slice(body).expect("a JSON body"));
        bytes = &bytes[end + 4 + length..];
    }
    out
}

/// Asserts every `{start, end}` range in `value` is ordered and inside the
/// bounds.
fn check_ranges(value: &serde_json::Value, bounds: &Bounds) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start"), map.get("end")) {
                let at = |p: &serde_json::Value| (p["line"].as_u64(), p["character"].as_u64());
                if let ((Some(sl), Some(sc)), (Some(el), Some(ec))) = (at(start), at(end)) {
                    assert!((sl, sc) <= (el, ec), "a range ends before it starts: {value}");
                    assert!(el < bounds.lines, "a range past the last line: {value}");
                    assert!(
                        sc <= bounds.line_len && ec <= bounds.line_len,
                        "a range past any line's end: {value}"
                    );
                }
            }
            map.values().for_each(|v| check_ranges(v, bounds));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| check_ranges(v, bounds)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let (input, bounds) = messages(data);
    let written = runtime().block_on(async move {
        let (mut client_write, server_read) = tokio::io::duplex(1 << 16);
        let (server_write, mut client_read) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(ropa_lsp::serve(server_read, server_write));
        let reader = tokio::spawn(async move {
            let mut sink = Vec::new();
            let _ = client_read.read_to_end(&mut sink).await;
            sink
        });
        let _ = client_write.write_all(&input).await;
        drop(client_write);
        let finished = tokio::time::timeout(Duration::from_secs(20), server).await;
        let joined = finished.expect("the server stops when its input closes");
        assert!(joined.is_ok(), "the server task panicked: {joined:?}");
        // The server's half of the pipe is dropped with it: the reader ends.
        tokio::time::timeout(Duration::from_secs(20), reader)
            .await
            .expect("the output ends when the server stops")
            .expect("the reader task")
    });
    for body in bodies(&written) {
        check_ranges(&body, &bounds);
    }
});
