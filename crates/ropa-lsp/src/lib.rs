//! The ropa language server: LSP over stdio, started as `ropa lsp`.
//!
//! Layers (rust-analyzer's split): `ropa-ide` answers in byte offsets and
//! strings; this crate is the only one that knows LSP types, JSON-RPC and
//! position encodings. Inside:
//!
//! - `server.rs`: the handlers, and `Ordered`, which forwards document
//!   notifications to the store in the order they were read;
//! - `store.rs`: the one task that holds the workspaces (each a
//!   `ropa_check::Workspace`, edited through its API; files found and read by
//!   `ropa_fs`, as `ropa check` does), applies
//!   changes in order, re-parses only the changed file, debounces checks,
//!   drops stale results and publishes snapshots for requests;
//! - `line_index.rs`: offsets to positions in UTF-8 or UTF-16;
//! - `convert.rs`: ropa types to LSP types;
//! - `firewall.rs`: replaces messages tower-lsp-server cannot decode (which
//!   would end its read loop) with requests answered by an error.

#![forbid(unsafe_code)]

mod convert;
mod firewall;
mod line_index;
mod semantic;
mod server;
mod store;

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, watch};
use tower_lsp_server::{LspService, Server};

/// Wait after the last change before checking the workspace: none. A check
/// starts as soon as the changes queued before it are applied (a burst is
/// coalesced into one parse), at most one check per workspace runs at a
/// time, and edits made during it are checked when it returns; so a burst
/// of keystrokes costs at most one running and one following check, without
/// a fixed wait added to every edit. `initializationOptions.debounceMs` or
/// `ROPA_LSP_DEBOUNCE_MS` add a wait for clients that prefer one.
pub const DEFAULT_DEBOUNCE_MS: u64 = 0;

/// Serves one client over `input`/`output` until it sends `exit` or closes
/// the input. Returns whether the client ended the session as LSP says
/// (`shutdown`, then `exit`); a process should then exit 0, else 1.
pub async fn serve<I, O>(input: I, output: O) -> bool
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
    .custom_method(firewall::FRAMING_PROBLEM, server::Backend::framing_problem)
    .finish();
    let lifecycle = Arc::new(server::Lifecycle::default());
    let ordered = server::Ordered {
        inner: service,
        channel,
        lifecycle: lifecycle.clone(),
        initialized: false,
        permit: None,
    };
    Server::new(guarded_read, output, socket).serve(ordered).await;
    // The client may keep its end open after `exit`: stop reading it.
    guard.abort();
    lifecycle.clean()
}

/// `ropa lsp`: serves the client on stdin/stdout. Blocks until the client
/// exits; `Ok(false)` when it did not send `shutdown` before `exit` (or
/// closed the input without either), which LSP says is exit code 1.
pub fn run_stdio() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking tasks still running (a check) are not waited for.
    runtime.shutdown_background();
    Ok(clean)
}
