//! The language server fed by a fuzzer. The first byte chooses the position
//! encoding the client offers (UTF-8 or UTF-16), whether findings are
//! pulled or pushed, and whether raw bytes follow. The input becomes a
//! sequence of edits (ranges and texts chosen by the bytes, the texts
//! repeated so that documents grow, applied to an open spec, each followed
//! by a hover and a completion at a position chosen by the bytes, some
//! completions triggered by a typed space, and a pull of the findings when
//! they are pulled); with raw bytes,
//! its second half is sent as they are, framed or not. The server must
//! never panic, must stop when its input closes, and everything it writes
//! must be framed JSON-RPC whose ranges lie inside the document: start
//! before end, and no line or character past the most the edits can have
//! made. Without raw bytes the target replays the edits itself, and each
//! range must lie exactly inside the version it is about: diagnostics in
//! the version they name, an answer's ranges (completion edits among them)
//! all in one version from the one its request was sent at, on character
//! boundaries of the agreed encoding. With findings pushed, the client
//! waits for the diagnostics of the last version before it closes its
//! input: they must come, and so they are always there to check.
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

/// What the client sent, as the target itself replayed it: every version
/// of the document, and the version each request was sent at. `None` when
/// raw bytes followed the edits (they can change the document too).
struct Replay {
    utf8: bool,
    /// Findings are pulled, not pushed.
    pull: bool,
    /// `versions[v - 1]` is the text of version `v`.
    versions: Vec<String>,
    /// Request id → the version it was sent at.
    sent_at: Vec<(u64, usize)>,
}

/// The lines of `text` as LSP counts them (`\n`, `\r\n` and `\r` end a
/// line; no other character does), without their terminators. Written
/// here, not taken from the server, so that the two can disagree.
fn lsp_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            None => {
                out.push(rest);
                return out;
            }
            Some(at) => {
                out.push(&rest[..at]);
                let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[at + skip..];
            }
        }
    }
}

fn width(c: char, utf8: bool) -> u64 {
    if utf8 {
        c.len_utf8() as u64
    } else {
        c.len_utf16() as u64
    }
}

/// The byte offset of an LSP position in `text`: past a line's end is its
/// end, past the last line is the end of the text (the positions the
/// target sends fall on character boundaries or past a line's end).
fn offset(text: &str, line: usize, character: u64, utf8: bool) -> usize {
    let lines = lsp_lines(text);
    let Some(content) = lines.get(line) else {
        return text.len();
    };
    let start = content.as_ptr() as usize - text.as_ptr() as usize;
    let mut units = 0;
    for (byte, c) in content.char_indices() {
        if character <= units {
            return start + byte;
        }
        units += width(c, utf8);
    }
    start + content.len()
}

/// A position chosen by two bytes: a line of `text` or one past the last,
/// and a character boundary of it or a few units past its end.
fn position(text: &str, line: u32, character: u32, utf8: bool) -> (usize, u64) {
    let lines = lsp_lines(text);
    let line = line as usize % (lines.len() + 1);
    let Some(content) = lines.get(line) else {
        return (line, u64::from(character % 4));
    };
    let chars = content.chars().count();
    let k = character as usize % (chars + 3);
    let units = content.chars().take(k).map(|c| width(c, utf8)).sum::<u64>();
    (line, units + k.saturating_sub(chars) as u64)
}

/// Whether a position lies in `text` as it is: on a line it has, on a
/// character boundary, at most at the line's end.
fn inside(text: &str, line: u64, character: u64, utf8: bool) -> bool {
    let lines = lsp_lines(text);
    let Some(content) = usize::try_from(line).ok().and_then(|l| lines.get(l)) else {
        return false;
    };
    let mut units = 0;
    for c in content.chars() {
        if units == character {
            return true;
        }
        units += width(c, utf8);
    }
    units == character
}

fn messages(data: &[u8]) -> (Vec<u8>, Bounds, Option<Replay>) {
    // The first byte: whether raw bytes follow the edits, and which
    // position encoding the client offers.
    let (mode, data) = data.split_first().map_or((0, data), |(m, rest)| (*m, rest));
    let raw_follows = mode & 1 == 1;
    let utf8 = mode & 2 == 2;
    let pull = mode & 4 == 4;
    let (edits, raw) = if raw_follows {
        data.split_at(data.len() / 2)
    } else {
        (data, &[][..])
    };
    let mut bounds = Bounds {
        lines: SPEC.lines().count() as u64 + 1,
        line_len: SPEC.len() as u64,
    };
    let mut replay = Replay {
        utf8,
        pull,
        versions: vec![SPEC.to_owned()],
        sent_at: Vec::new(),
    };
    let encodings = if utf8 { json!(["utf-8"]) } else { json!(["utf-16"]) };
    let mut out = frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": encodings}},
            "initializationOptions": {"pullDiagnostics": pull}}}));
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
        let Some(before) = replay.versions.last() else {
            unreachable!("the first version is the opened spec")
        };
        let start = position(before, b(0), b(1), utf8);
        let end = position(before, b(2), b(3), utf8);
        // The server takes a range given end first as the same range.
        let (from, to) = {
            let a = offset(before, start.0, start.1, utf8);
            let z = offset(before, end.0, end.1, utf8);
            (a.min(z), a.max(z))
        };
        let after = format!("{}{text}{}", &before[..from], &before[to..]);
        out.extend(frame(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": start.0, "character": start.1},
                "end": {"line": end.0, "character": end.1}}, "text": text}]}}),
        ));
        let at = position(&after, b(4), b(1), utf8);
        replay.versions.push(after);
        let position = json!({"line": at.0, "character": at.1});
        let (hover, completion_id) = (100 + 2 * i as u64, 101 + 2 * i as u64);
        out.extend(frame(
            json!({"jsonrpc": "2.0", "id": hover, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": URI}, "position": position}}),
        ));
        let mut completion = json!({"textDocument": {"uri": URI}, "position": position});
        if b(4) % 2 == 1 {
            completion["context"] = json!({"triggerKind": 2, "triggerCharacter": " "});
        }
        out.extend(frame(
            json!({"jsonrpc": "2.0", "id": completion_id, "method": "textDocument/completion",
            "params": completion}),
        ));
        replay.sent_at.push((hover, version));
        replay.sent_at.push((completion_id, version));
        if pull {
            // Findings are pulled, their ranges checked as any answer's.
            let id = 1_000_000 + i as u64;
            out.extend(frame(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
                "params": {"textDocument": {"uri": URI}}}),
            ));
            replay.sent_at.push((id, version));
        }
    }
    out.extend_from_slice(raw);
    // The raw bytes can open or change documents too, each byte adding at
    // most one line or one character.
    bounds.lines += raw.len() as u64;
    bounds.line_len += raw.len() as u64;
    (out, bounds, (!raw_follows).then_some(replay))
}

/// Every `{start, end}` range in `value`, as (line, character) pairs.
fn ranges(value: &serde_json::Value, out: &mut Vec<((u64, u64), (u64, u64))>) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start"), map.get("end")) {
                let at = |p: &serde_json::Value| Some((p["line"].as_u64()?, p["character"].as_u64()?));
                if let (Some(start), Some(end)) = (at(start), at(end)) {
                    out.push((start, end));
                }
            }
            map.values().for_each(|v| ranges(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| ranges(v, out)),
        _ => {}
    }
}

/// Whether every range lies in `text`: ordered, and both ends inside it.
fn all_inside(text: &str, found: &[((u64, u64), (u64, u64))], utf8: bool) -> bool {
    found
        .iter()
        .all(|(s, e)| s <= e && inside(text, s.0, s.1, utf8) && inside(text, e.0, e.1, utf8))
}

/// Checks what the server wrote against the replayed document: the
/// position encoding it agreed to, diagnostics of a version inside that
/// version, and every range of an answer inside one version the document
/// had from when the request was sent (requests may be answered after
/// later edits arrive), so that its edits apply there.
fn check_replay(bodies: &[serde_json::Value], replay: &Replay) {
    for body in bodies {
        let mut found = Vec::new();
        ranges(body, &mut found);
        if body["id"] == 1 {
            let agreed = &body["result"]["capabilities"]["positionEncoding"];
            assert_eq!(agreed, if replay.utf8 { "utf-8" } else { "utf-16" }, "{body}");
        } else if body["method"] == "textDocument/publishDiagnostics" {
            let Some(version) = body["params"]["version"].as_u64() else {
                continue;
            };
            let text = usize::try_from(version)
                .ok()
                .and_then(|v| replay.versions.get(v.wrapping_sub(1)))
                .unwrap_or_else(|| panic!("diagnostics of a version never sent: {body}"));
            assert!(
                all_inside(text, &found, replay.utf8),
                "diagnostics outside version {version} ({text:?}): {body}"
            );
        } else if let Some(id) = body["id"].as_u64()
            && let Some((_, sent)) = replay.sent_at.iter().find(|(i, _)| *i == id)
        {
            assert!(
                replay.versions[sent - 1..]
                    .iter()
                    .any(|text| all_inside(text, &found, replay.utf8)),
                "an answer to a request at version {sent} fits no version since: {body}"
            );
        }
    }
}

/// The JSON bodies of `Content-Length` frames, in order: all the output
/// must be such frames.
fn bodies(bytes: &[u8]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((body, next)) = next_frame(bytes, at) {
        out.push(body);
        at = next;
    }
    assert_eq!(
        at,
        bytes.len(),
        "output that is not a framed JSON body: {:?}",
        String::from_utf8_lossy(&bytes[at..])
    );
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

/// The version of the document whose diagnostics `body` carries, if it is
/// a diagnostics notification.
fn diagnostics_version(body: &serde_json::Value) -> Option<u64> {
    (body["method"] == "textDocument/publishDiagnostics")
        .then(|| body["params"]["version"].as_u64())
        .flatten()
}

/// The next whole `Content-Length` frame's body in `bytes` from `at`, and
/// where the frame after it starts; `None` until the frame has arrived.
fn next_frame(bytes: &[u8], at: usize) -> Option<(serde_json::Value, usize)> {
    let rest = bytes.get(at..)?;
    let end = rest.windows(4).position(|w| w == b"\r\n\r\n")?;
    let header = std::str::from_utf8(&rest[..end]).ok()?;
    let length: usize = header
        .lines()
        .find_map(|line| line.strip_prefix("Content-Length: "))?
        .trim()
        .parse()
        .ok()?;
    let body = rest.get(end + 4..end + 4 + length)?;
    Some((serde_json::from_slice(body).ok()?, at + end + 4 + length))
}

fuzz_target!(|data: &[u8]| {
    let (input, bounds, replay) = messages(data);
    // With findings pushed and the edits replayed, the client waits for the
    // diagnostics of the last version before it closes the input: they
    // must come (a burst of edits ends with the findings of the last one),
    // and so they are checked against that version like every other.
    let awaited = replay
        .as_ref()
        .filter(|replay| !replay.pull)
        .map(|replay| replay.versions.len() as u64);
    let written = runtime().block_on(async move {
        let (mut client_write, server_read) = tokio::io::duplex(1 << 16);
        let (server_write, mut client_read) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(ropa_lsp::serve(server_read, server_write));
        let (arrived, on_arrival) = tokio::sync::oneshot::channel::<()>();
        let reader = tokio::spawn(async move {
            let mut sink = Vec::new();
            let mut chunk = vec![0; 1 << 16];
            let mut parsed = 0;
            let mut arrived = Some(arrived);
            loop {
                match client_read.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.extend_from_slice(&chunk[..n]),
                }
                while let Some((body, next)) = next_frame(&sink, parsed) {
                    parsed = next;
                    if awaited.is_some() && diagnostics_version(&body) == awaited {
                        if let Some(arrived) = arrived.take() {
                            let _ = arrived.send(());
                        }
                    }
                }
            }
            sink
        });
        let _ = client_write.write_all(&input).await;
        if awaited.is_some() {
            // Checks are not debounced by default: they follow at once.
            tokio::time::timeout(Duration::from_secs(5), on_arrival)
                .await
                .expect("the diagnostics of the last version arrive")
                .expect("the reader waits for them");
        }
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
    let bodies = bodies(&written);
    for body in &bodies {
        check_ranges(body, &bounds);
    }
    if let Some(replay) = &replay {
        check_replay(&bodies, replay);
    }
});
