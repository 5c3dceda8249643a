//! A guard in front of tower-lsp-server's reader: every incoming message
//! that tower-lsp-server could not decode is replaced by a valid request
//! whose answer is the JSON-RPC error the client should get.
//!
//! Why: tower-lsp-server reads stdin through tokio-util's `FramedRead`,
//! which ends the stream after the first decoding error; its read loop then
//! ends and the server exits. So one malformed message (bad JSON, a body
//! that is not a JSON-RPC message, a wrong Content-Length header) would stop
//! the server. Here such a message becomes
//! `{"id": <its id or null>, "method": "ropa/invalidMessage", "params": {code, message}}`,
//! answered with a parse error (-32700) or invalid request (-32600), and the
//! next message is read as usual.

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc;

/// The method the replacements call.
pub const INVALID_MESSAGE: &str = "ropa/invalidMessage";
/// Larger bodies are refused: a 64 MB spec file (the CLI's limit) escaped as
/// JSON stays well below it.
const MAX_BODY: usize = 512 * 1024 * 1024;
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

#[derive(Debug, Deserialize)]
pub struct InvalidMessage {
    pub code: i64,
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

/// Copies framed messages from `input` to `output`, replacing the ones
/// tower-lsp-server cannot decode. Ends at the end of `input`.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut reader = BufReader::new(input);
    loop {
        let mut length: Option<Result<usize, String>> = None;
        let mut saw_header = false;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = line.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = Some(value.trim().parse::<usize>().map_err(|e| e.to_string()));
            }
        }
        let body = match length {
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
                    &format!("the message is too large ({n} bytes)"),
                )
            }
            Some(Err(err)) => replacement(Value::Null, PARSE_ERROR, &format!("bad Content-Length header: {err}")),
            None => replacement(Value::Null, PARSE_ERROR, "a message without a Content-Length header"),
        };
        if output.write_all(&frame(&body)).await.is_err() || output.flush().await.is_err() {
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
