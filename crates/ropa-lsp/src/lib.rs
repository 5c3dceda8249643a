//! The ropa language server: LSP over stdio, started as `ropa lsp`.
//!
//! Layers (rust-analyzer's split): `ropa-ide` answers in byte offsets and
//! strings; this crate is the only one that knows LSP types, JSON-RPC and
//! position encodings. Inside:
//!
//! - `server.rs`: the handlers, and `Ordered`, which forwards document
//!   notifications to the store in the order they were read;
//! - `store.rs`: the one task that owns documents and workspaces, applies
//!   changes in order, re-parses only the changed file, debounces checks,
//!   drops stale results and publishes snapshots for requests;
//! - `line_index.rs`: offsets to positions in UTF-8 or UTF-16;
//! - `convert.rs`: ropa types to LSP types;
//! - `discover.rs`: finding a document's workspace on disk;
//! - `firewall.rs`: replaces messages tower-lsp-server cannot decode (which
//!   would end its read loop) with requests answered by an error.

#![forbid(unsafe_code)]

mod convert;
pub mod discover;
mod firewall;
pub mod line_index;
mod server;
pub mod store;

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, watch};
use tower_lsp_server::{LspService, Server};

/// Wait after the last change before checking the workspace. Typing bursts
/// are faster than this, so a check runs once per pause, not per key.
/// `initializationOptions.debounceMs` or `ROPA_LSP_DEBOUNCE_MS` override it.
pub const DEFAULT_DEBOUNCE_MS: u64 = 25;

/// Serves one client over `input`/`output` until it sends `exit` or closes
/// the input.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let (guarded_write, guarded_read) = tokio::io::duplex(1 << 16);
    let guard = tokio::spawn(firewall::guard(input, guarded_write));
    let (tx, rx) = mpsc::unbounded_channel();
    let (snapshot_tx, snapshot_rx) = watch::channel(Arc::new(store::Snapshot::default()));
    let semaphore = Arc::new(tokio::sync::Semaphore::new(server::MAX_QUEUED_CHANGES));
    let channel = server::Channel {
        tx: tx.clone(),
        received: Arc::new(AtomicU64::new(0)),
        permits: tokio_util::sync::PollSemaphore::new(semaphore.clone()),
    };
    let weak = tx.downgrade();
    drop(tx);
    let backend_channel = channel.clone();
    let (service, socket) = LspService::build(move |client| {
        let store = store::Store::new(client.clone(), weak, snapshot_tx, semaphore.clone());
        tokio::spawn(store.run(rx));
        server::Backend {
            client,
            channel: backend_channel,
            snapshots: snapshot_rx,
            encoding: OnceLock::new(),
            watch_registration: OnceLock::new(),
            docs_url: OnceLock::new(),
        }
    })
    .custom_method(firewall::INVALID_MESSAGE, server::Backend::invalid_message)
    .finish();
    let ordered = server::Ordered {
        inner: service,
        channel,
        initialized: false,
        permit: None,
    };
    Server::new(guarded_read, output, socket).serve(ordered).await;
    // The client may keep its end open after `exit`: stop reading it.
    guard.abort();
}

/// `ropa lsp`: serves the client on stdin/stdout. Blocks until the client
/// exits.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking tasks still running (a check) are not waited for.
    runtime.shutdown_background();
    Ok(())
}
