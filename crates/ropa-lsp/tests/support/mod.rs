//! A JSON-RPC test client for the language server: in process over an
//! in-memory pipe, or against the real `ropa lsp` binary over stdio.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// A guard against hangs, not a performance bar: a 10 MB document on a
/// loaded 2-core machine takes most of 20 s in a debug build.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct TestClient {
    writer: Box<dyn AsyncWrite + Unpin + Send>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications and server requests seen while waiting for responses.
    pub seen: Vec<Value>,
    next_id: i64,
    pub server: Option<tokio::task::JoinHandle<bool>>,
    pub child: Option<tokio::process::Child>,
}

/// Frames a JSON-RPC message with its Content-Length header.
pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

async fn read_messages(reader: impl AsyncRead + Unpin, tx: mpsc::UnboundedSender<Value>) {
    let mut reader = BufReader::new(reader);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let Ok(value) = serde_json::from_slice(&body) else {
            return;
        };
        if tx.send(value).is_err() {
            return;
        }
    }
}

impl TestClient {
    /// The server in this process, over an in-memory duplex pipe.
    pub fn in_process() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(ropa_lsp::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_end);
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_messages(client_read, tx));
        TestClient {
            writer: Box::new(client_write),
            incoming: rx,
            seen: Vec::new(),
            next_id: 1,
            server: Some(server),
            child: None,
        }
    }

    /// The real binary: `ropa lsp --stdio`, as editors start it.
    pub fn binary(ropa: &Path) -> TestClient {
        let mut child = tokio::process::Command::new(ropa)
            .args(["lsp", "--stdio"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("ropa lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_messages(stdout, tx));
        TestClient {
            writer: Box::new(stdin),
            incoming: rx,
            seen: Vec::new(),
            next_id: 1,
            server: None,
            child: Some(child),
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.expect("write");
        self.writer.flush().await.expect("flush");
    }

    pub async fn send(&mut self, message: Value) {
        self.send_raw(&frame(&message.to_string())).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.response(json!(id)).await
    }

    pub async fn response(&mut self, id: Value) -> Value {
        // A `wait_for` for another message may already have read this
        // response and set it aside: the order in which a response and a
        // notification arrive is the server's to choose.
        self.wait_for(move |m| m.get("id") == Some(&id) && m.get("method").is_none())
            .await
    }

    /// The next message that satisfies `pred` (earlier ones are kept in `seen`).
    pub async fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let message = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .expect("the message in time")
                .expect("the server is running");
            if pred(&message) {
                return message;
            }
            self.seen.push(message);
        }
    }

    /// The next `publishDiagnostics` for `uri` (with `version`, if given).
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        let uri = uri.to_owned();
        self.wait_for(move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && version.is_none_or(|v| m["params"]["version"] == v)
        })
        .await["params"]
            .clone()
    }

    /// Every message that arrives within `quiet` of the previous one.
    pub async fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out = std::mem::take(&mut self.seen);
        while let Ok(Some(message)) = tokio::time::timeout(quiet, self.incoming.recv()).await {
            out.push(message);
        }
        out
    }

    pub async fn initialize(&mut self, encodings: &[&str]) -> Value {
        let response = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": {"general": {"positionEncodings": encodings}},
                    "initializationOptions": {"debounceMs": 10},
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        response
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "ropa", "version": 1, "text": text}}),
        )
        .await;
    }

    pub async fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null).await;
        if let Some(server) = self.server.take() {
            let clean = tokio::time::timeout(TIMEOUT, server)
                .await
                .expect("the server stops on exit")
                .expect("no panic");
            assert!(clean, "shutdown, then exit: a clean end");
        }
        if let Some(mut child) = self.child.take() {
            let status = tokio::time::timeout(TIMEOUT, child.wait())
                .await
                .expect("exits")
                .expect("status");
            assert!(status.success(), "ropa lsp exits with 0: {status}");
        }
    }
}

/// A workspace on disk: files written under a fresh temporary folder.
pub struct TempWorkspace {
    pub root: PathBuf,
}

impl TempWorkspace {
    pub fn new(files: &[(&str, &str)]) -> TempWorkspace {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("ropa-lsp-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("temp dir");
        for (path, text) in files {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("folder");
            }
            std::fs::write(path, text).expect("write fixture");
        }
        TempWorkspace { root }
    }

    pub fn uri(&self, path: &str) -> String {
        format!("file://{}/{path}", self.root.display())
    }

    pub fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).expect("fixture")
    }

    /// A response with this workspace's folder replaced by `/WS`, so that
    /// snapshots do not depend on where the test ran.
    pub fn redact(&self, value: &Value) -> Value {
        let text = value.to_string().replace(&self.root.display().to_string(), "/WS");
        serde_json::from_str(&text).expect("json")
    }
}

impl Drop for TempWorkspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `target/<profile>/ropa`, next to this test's own executable; built with
/// cargo when a lone `cargo test -p ropa-lsp` has not built it yet.
pub fn ropa_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let ropa = profile_dir.join(format!("ropa{}", std::env::consts::EXE_SUFFIX));
    if ropa.is_file() {
        return Some(ropa);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = std::process::Command::new(cargo)
        .args(["build", "--quiet", "-p", "ropa-cli"])
        .status()
        .ok()?;
    (status.success() && ropa.is_file()).then_some(ropa)
}
