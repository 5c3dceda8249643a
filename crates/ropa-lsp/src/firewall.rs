//! A guard in front of tower-lsp-server's reader: it frames the incoming
//! bytes itself, recovers from framing errors, and replaces every message
//! tower-lsp-server could not decode with a valid request whose answer is
//! the JSON-RPC error the client should get.
//!
//! Why: tower-lsp-server reads stdin through tokio-util's `FramedRead`,
//! which ends the stream after the first decoding error; its read loop then
//! ends and the server exits. So one malformed message (bad JSON, a body
//! that is not a JSON-RPC message, a wrong Content-Length header) would stop
//! the server. Here such a message becomes
//! `{"id": <its id or null>, "method": "ropa/invalidMessage", "params": {code, message}}`,
//! answered with a parse error (-32700) or invalid request (-32600), and the
//! next message is read as usual.
//!
//! Framing errors resynchronise: after a Content-Length that is missing,
//! not a number or too short, the rest of the broken message runs into the
//! next message's header line; the guard finds the last `Content-Length:`
//! in that line and reads on from there. Resynchronising, rather than
//! exiting non-zero for the client to restart the server, keeps the open
//! documents and costs only the broken message; clients also give up
//! restarting a server that crashes repeatedly (VS Code after 5 crashes in 3
//! minutes), so a client with a framing bug would lose the server for good.
//!
//! Limits: a header line is never held whole (only its last
//! [`MAX_HEADER_LINE`] bytes are kept, enough to find a header at its end),
//! a body larger than [`MAX_BODY`] is skipped without being held. Each
//! problem reaches the editor's log as a `window/logMessage`.

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc;

/// The method the replacements call.
pub const INVALID_MESSAGE: &str = "ropa/invalidMessage";
/// The notification that carries a framing problem to the editor's log.
pub const FRAMING_PROBLEM: &str = "ropa/framingProblem";
/// How much of one header line is kept. Real header lines are 20 to 60
/// bytes; the tail of a longer one is what may hold the next header.
pub const MAX_HEADER_LINE: usize = 8 * 1024;
/// Larger bodies are refused: a 64 MB spec file (the CLI's limit) escaped as
/// JSON stays well below it.
pub const MAX_BODY: usize = 512 * 1024 * 1024;
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

#[derive(Debug, Deserialize)]
pub struct InvalidMessage {
    pub code: i64,
    pub message: String,
}

#[derive(Debug, Deserialize)]
pub struct FramingProblem {
    pub message: String,
}

/// The error response for a replaced message.
pub fn error_for(invalid: InvalidMessage) -> jsonrpc::Error {
    let code = match invalid.code {
        PARSE_ERROR => jsonrpc::ErrorCode::ParseError,
        _ => jsonrpc::ErrorCode::InvalidRequest,
    };
    jsonrpc::Error {
        code,
        message: invalid.message.into(),
        data: None,
    }
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn replacement(id: Value, code: i64, message: &str) -> String {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": INVALID_MESSAGE,
        "params": {"code": code, "message": message},
    })
    .to_string()
}

/// The body to pass on: the message itself when tower-lsp-server can decode
/// it, else its replacement.
fn check(body: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(body) else {
        return replacement(Value::Null, PARSE_ERROR, "the message is not UTF-8");
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => return replacement(Value::Null, PARSE_ERROR, &format!("the message is not JSON: {err}")),
    };
    let decodes = serde_json::from_value::<jsonrpc::Request>(value.clone()).is_ok()
        || serde_json::from_value::<jsonrpc::Response>(value.clone()).is_ok();
    if decodes {
        return text.to_owned();
    }
    // Keep the id when it is a valid one, so the client can match the error.
    let id = match value.get("id") {
        Some(id @ Value::String(_)) => id.clone(),
        Some(id @ Value::Number(n)) if n.is_i64() => id.clone(),
        _ => Value::Null,
    };
    replacement(
        id,
        INVALID_REQUEST,
        "the message is not a JSON-RPC 2.0 request, notification or response",
    )
}

fn problem(message: &str) -> String {
    json!({"jsonrpc": "2.0", "method": FRAMING_PROBLEM, "params": {"message": message}}).to_string()
}

/// One header line: its last [`MAX_HEADER_LINE`] bytes (without the line
/// break) and how long it was.
struct HeaderLine {
    tail: Vec<u8>,
    /// Bytes of the line before `tail`, not kept.
    dropped: usize,
    length: usize,
}

/// Reads up to and including the next `\n` without holding more than
/// [`MAX_HEADER_LINE`] bytes of it. `None` at the end of the input.
async fn read_header_line(reader: &mut (impl AsyncBufRead + Unpin)) -> Option<HeaderLine> {
    let mut tail = Vec::new();
    let (mut length, mut dropped) = (0, 0);
    loop {
        let buf = reader.fill_buf().await.ok()?;
        if buf.is_empty() {
            return None;
        }
        let (n, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        tail.extend_from_slice(&buf[..n]);
        if tail.len() > MAX_HEADER_LINE {
            let excess = tail.len() - MAX_HEADER_LINE;
            tail.drain(..excess);
            dropped += excess;
        }
        length += n;
        reader.consume(n);
        if done {
            while tail.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                tail.pop();
            }
            return Some(HeaderLine { tail, dropped, length });
        }
    }
}

/// Where the last `Content-Length:` (any case) starts in `line`.
fn content_length_at(line: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    line.windows(NAME.len()).rposition(|w| w.eq_ignore_ascii_case(NAME))
}

/// The value of a `Content-Length:` header.
fn parse_length(value: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(value).map_err(|_| "its value is not UTF-8 text".to_owned())?;
    text.trim().parse::<usize>().map_err(|e| {
        format!(
            "`{}` is not a length: {e}",
            text.trim().chars().take(40).collect::<String>()
        )
    })
}

/// A header line other than Content-Length: `Name: value` in ASCII.
fn is_header(line: &[u8]) -> bool {
    line.iter()
        .position(|&b| b == b':')
        .is_some_and(|colon| colon > 0 && line[..colon].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'))
}

/// The headers of one message.
struct Headers {
    length: Option<Result<usize, String>>,
    /// What went wrong on the way, for the log.
    problems: Vec<String>,
}

/// Reads header lines up to the blank line that ends them. Lines that are no
/// header (the rest of a message whose length was wrong) are skipped; a
/// header found at the end of such a line is taken, which is how the stream
/// resynchronises. `None` at the end of the input.
async fn read_headers(reader: &mut (impl AsyncBufRead + Unpin)) -> Option<Headers> {
    let mut headers = Headers {
        length: None,
        problems: Vec::new(),
    };
    let mut saw_header = false;
    let mut skipped = 0usize;
    loop {
        let line = read_header_line(reader).await?;
        if line.length > MAX_HEADER_LINE {
            headers.problems.push(format!(
                "a header line of {} bytes is longer than the limit of {MAX_HEADER_LINE} bytes: only its end was read",
                line.length
            ));
        }
        let text = line.tail.as_slice();
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        if let Some(at) = content_length_at(text) {
            skipped += line.dropped + at;
            saw_header = true;
            headers.length = Some(parse_length(&text[at + "content-length:".len()..]));
        } else if is_header(text) && line.length <= MAX_HEADER_LINE {
            saw_header = true;
        } else {
            skipped += line.length;
        }
    }
    if skipped > 0 {
        headers.problems.push(format!(
            "skipped {skipped} bytes that were not a message header (the rest of a message whose Content-Length was wrong?) and read on from the next Content-Length header"
        ));
    }
    Some(headers)
}

/// Copies framed messages from `input` to `output`, replacing the ones
/// tower-lsp-server cannot decode and reporting framing problems. Ends at
/// the end of `input`.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut reader = BufReader::new(input);
    while let Some(headers) = read_headers(&mut reader).await {
        let mut out = Vec::new();
        for message in &headers.problems {
            out.extend(frame(&problem(message)));
        }
        let body = match headers.length {
            Some(Ok(n)) if n <= MAX_BODY => {
                // Grows with the bytes that arrive, not with what the header claims.
                let mut body = Vec::new();
                match (&mut reader).take(n as u64).read_to_end(&mut body).await {
                    Ok(read) if read == n => check(&body),
                    _ => return,
                }
            }
            Some(Ok(n)) => {
                // Skip the body without holding it.
                let mut rest = (&mut reader).take(n as u64);
                if tokio::io::copy(&mut rest, &mut tokio::io::sink()).await.is_err() {
                    return;
                }
                replacement(
                    Value::Null,
                    INVALID_REQUEST,
                    &format!("the message is too large ({n} bytes; the limit is {MAX_BODY} bytes): it was skipped"),
                )
            }
            Some(Err(err)) => replacement(Value::Null, PARSE_ERROR, &format!("bad Content-Length header: {err}")),
            None => replacement(Value::Null, PARSE_ERROR, "a message without a Content-Length header"),
        };
        out.extend(frame(&body));
        if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_valid_messages_and_replaces_the_rest() {
        let valid = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        assert_eq!(check(valid.as_bytes()), valid);
        let response = r#"{"jsonrpc":"2.0","id":3,"result":null}"#;
        assert_eq!(check(response.as_bytes()), response);
        let broken: Value = serde_json::from_str(&check(b"{\"jsonrpc\": ")).expect("json");
        assert_eq!(broken["method"], INVALID_MESSAGE);
        assert_eq!(broken["params"]["code"], PARSE_ERROR);
        let not_rpc: Value = serde_json::from_str(&check(br#"{"id": 7, "method": 5}"#)).expect("json");
        assert_eq!(
            (not_rpc["id"].clone(), not_rpc["params"]["code"].clone()),
            (json!(7), json!(INVALID_REQUEST))
        );
        let array: Value = serde_json::from_str(&check(b"[1, 2]")).expect("json");
        assert_eq!(array["id"], Value::Null);
        let latin1: Value = serde_json::from_str(&check(&[0xE5, 0x7B])).expect("json");
        assert_eq!(latin1["params"]["code"], PARSE_ERROR);
    }
}
