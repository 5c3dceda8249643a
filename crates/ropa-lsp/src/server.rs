//! The LSP handlers and the `Ordered` service that keeps document changes
//! in order.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use ropa_check::FileId;
use serde::de::DeserializeOwned;
use tokio::sync::{OwnedSemaphorePermit, mpsc, watch};
use tokio_util::sync::PollSemaphore;
use tower_lsp_server::jsonrpc::{self, Request, Response};
use tower_lsp_server::ls_types::{self as ls, Uri};
use tower_lsp_server::{Client, LanguageServer};

use crate::convert;
use crate::line_index::{Encoding, LineIndex};
use crate::store::{Msg, Snapshot, WsSnapshot};

/// How long a request waits for earlier document changes to be applied
/// before it gives up with an error (it never waits unbounded).
const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the server waits for the client to answer its own requests
/// (capability registration): a client that never answers must not stall us.
const CLIENT_REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_WORKSPACE_SYMBOLS: usize = 500;

/// Shared between the `Ordered` front and the handlers.
#[derive(Clone)]
pub struct Channel {
    pub tx: mpsc::UnboundedSender<Msg>,
    /// Document changes sent to the store so far.
    pub received: Arc<AtomicU64>,
    /// One permit per document message the store has not applied yet: when
    /// they run out, the transport stops reading until the store catches
    /// up, so a client sending faster than specs parse fills the pipe, not
    /// the server's memory. The store gives permits back as it applies.
    pub permits: PollSemaphore,
}

/// Document messages that may wait for the store at once.
pub const MAX_QUEUED_CHANGES: usize = 64;

impl Channel {
    /// Sends a document message; its permit now belongs to the store, which
    /// gives it back once the message is applied.
    pub fn send(&self, msg: Msg, permit: Option<OwnedSemaphorePermit>) {
        if let Some(permit) = permit {
            permit.forget();
        }
        self.received.fetch_add(1, Ordering::SeqCst);
        // A closed store means the server is shutting down: nothing to do.
        let _ = self.tx.send(msg);
    }
}

/// Wraps the LSP service: document notifications go to the store in the
/// order the transport read them. The transport calls `call` sequentially,
/// one message after the other; the handlers it returns then run
/// concurrently, so this is the last point where the order is known.
pub struct Ordered<S> {
    pub inner: S,
    pub channel: Channel,
    pub lifecycle: Arc<Lifecycle>,
    pub initialized: bool,
    /// Taken in `poll_ready` for the next message.
    pub permit: Option<OwnedSemaphorePermit>,
}

/// Whether the client ended the session as LSP 3.17 says: `shutdown`, then
/// `exit`. The process exits 1 otherwise, so the client knows it crashed.
#[derive(Debug, Default)]
pub struct Lifecycle {
    shutdown_requested: AtomicBool,
    clean_exit: AtomicBool,
}

impl Lifecycle {
    pub fn clean(&self) -> bool {
        self.clean_exit.load(Ordering::SeqCst)
    }
}

fn params<T: DeserializeOwned>(req: &Request) -> Option<T> {
    serde_json::from_value(req.params()?.clone()).ok()
}

impl<S> tower::Service<Request> for Ordered<S>
where
    S: tower::Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        if self.permit.is_none() {
            match self.channel.permits.poll_acquire(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(permit) => self.permit = permit,
            }
        }
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        // Document messages keep their permit until the store has applied
        // them (it adds one back); every other message returns it on drop.
        let mut permit = self.permit.take();
        let is_notification = req.id().is_none();
        match req.method() {
            // tower-lsp-server answers no `$/` message; LSP 3.17 ("$
            // Notifications and Requests") wants requests answered with
            // MethodNotFound.
            method if method.starts_with("$/") && !is_notification => {
                let (method, id, _) = req.into_parts();
                let error = jsonrpc::Error {
                    code: jsonrpc::ErrorCode::MethodNotFound,
                    message: format!("ropa does not implement {method}").into(),
                    data: None,
                };
                let response = id.map(|id| Response::from_error(id, error));
                return Box::pin(std::future::ready(Ok(response)));
            }
            "shutdown" if !is_notification => self.lifecycle.shutdown_requested.store(true, Ordering::SeqCst),
            "exit" => {
                let clean = self.lifecycle.shutdown_requested.load(Ordering::SeqCst);
                self.lifecycle.clean_exit.store(clean, Ordering::SeqCst);
            }
            "initialize" if !is_notification && !self.initialized => {
                self.initialized = true;
                // Configured here, in order, not by the handler, which runs
                // concurrently: a client that sends `didOpen` before it has
                // the answer (LSP forbids it; a fuzzer found it) had its
                // document indexed in UTF-16 after agreeing to UTF-8.
                if let Some(p) = params::<ls::InitializeParams>(&req) {
                    let _ = self.channel.tx.send(configure(&p));
                }
            }
            // Before `initialize`, notifications are dropped (LSP 3.17 "Lifecycle").
            _ if !self.initialized || !is_notification => {}
            "textDocument/didOpen" => {
                if let Some(p) = params::<ls::DidOpenTextDocumentParams>(&req) {
                    self.channel.send(
                        Msg::Open {
                            uri: p.text_document.uri,
                            text: p.text_document.text,
                            version: p.text_document.version,
                        },
                        permit.take(),
                    );
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = params::<ls::DidChangeTextDocumentParams>(&req) {
                    self.channel.send(
                        Msg::Change {
                            uri: p.text_document.uri,
                            version: p.text_document.version,
                            changes: p.content_changes,
                        },
                        permit.take(),
                    );
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = params::<ls::DidCloseTextDocumentParams>(&req) {
                    self.channel.send(
                        Msg::Close {
                            uri: p.text_document.uri,
                        },
                        permit.take(),
                    );
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Some(p) = params::<ls::DidChangeWatchedFilesParams>(&req) {
                    self.channel.send(Msg::Watched { changes: p.changes }, permit.take());
                }
            }
            _ => {}
        }
        Box::pin(self.inner.call(req))
    }
}

pub struct Backend {
    pub client: Client,
    pub channel: Channel,
    pub snapshots: watch::Receiver<Arc<Snapshot>>,
    pub encoding: OnceLock<Encoding>,
    pub watch_registration: OnceLock<bool>,
    /// The address of ropa's docs folder, for rule links; none unless configured.
    pub docs_url: OnceLock<Option<Arc<str>>>,
}

fn invalid_params(message: impl std::fmt::Display) -> jsonrpc::Error {
    jsonrpc::Error::invalid_params(message.to_string())
}

fn internal(message: &str) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: message.to_owned().into(),
        data: None,
    }
}

/// Runs an editor feature on the blocking pool: it may take a few
/// milliseconds on a large workspace, and a bug in it (a panic) becomes an
/// error response instead of taking the server down.
async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> jsonrpc::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| internal("internal error while answering the request"))
}

/// A request's document: its workspace snapshot, file and line index.
struct Doc {
    ws: Arc<WsSnapshot>,
    file: FileId,
    lines: Arc<LineIndex>,
}

impl Doc {
    fn offset(&self, position: ls::Position) -> u32 {
        self.lines.offset(position)
    }
}

impl Backend {
    /// The store as of every change received before this request.
    async fn snapshot(&self) -> jsonrpc::Result<Arc<Snapshot>> {
        let target = self.channel.received.load(Ordering::SeqCst);
        let mut rx = self.snapshots.clone();
        match tokio::time::timeout(SNAPSHOT_TIMEOUT, rx.wait_for(|s| s.seq >= target)).await {
            Ok(Ok(snapshot)) => Ok(snapshot.clone()),
            _ => Err(internal("the document store did not catch up in time")),
        }
    }

    async fn doc(&self, uri: &Uri) -> jsonrpc::Result<Option<Doc>> {
        let snapshot = self.snapshot().await?;
        Ok(snapshot.file(uri).and_then(|(ws, file)| {
            let lines = ws.lines(file)?.clone();
            Some(Doc { ws, file, lines })
        }))
    }

    /// Findings whose spans fit the file's current text: the last published
    /// ones when they do, else a fresh check.
    async fn findings(&self, doc: &Doc) -> jsonrpc::Result<Arc<Vec<ropa_check::Diagnostic>>> {
        if let Some(findings) = doc.ws.findings_for(doc.file) {
            return Ok(findings);
        }
        let ws = doc.ws.ws.clone();
        run(move || Arc::new(ropa_check::check(&ws))).await
    }

    /// Formatting edits for the whole file, or for the nodes a range
    /// touches. A file that cannot be formatted (a syntax error while it is
    /// typed) gets no edits and the reason in the log, never an error popup.
    async fn format_edits(&self, uri: &Uri, range: Option<ls::Range>) -> jsonrpc::Result<Option<Vec<ls::TextEdit>>> {
        let Some(doc) = self.doc(uri).await? else {
            return Ok(None);
        };
        let range = range.map(|r| doc.lines.span(r));
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        let result = run(move || {
            let edits = match range {
                Some(range) => ropa_ide::format_range(&ws.ws, file, range),
                None => ropa_ide::format(&ws.ws, file),
            };
            edits.map(|edits| {
                edits
                    .iter()
                    .map(|e| ls::TextEdit::new(lines.range(e.span), e.new_text.clone()))
                    .collect::<Vec<_>>()
            })
        })
        .await?;
        match result {
            Ok(edits) => Ok(Some(edits)),
            Err(err) => {
                self.client
                    .log_message(
                        ls::MessageType::INFO,
                        format!("ropa: {} was not formatted: {err}", uri.as_str()),
                    )
                    .await;
                Ok(Some(Vec::new()))
            }
        }
    }
}

fn negotiate(capabilities: &ls::ClientCapabilities) -> Encoding {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&ls::PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// `initializationOptions.docsUrl`, else `ROPA_DOCS_URL`: where rule links
/// point. Without either, rules carry no link (there is no default address).
fn docs_url_of(options: Option<&serde_json::Value>) -> Option<Arc<str>> {
    let from_options = options
        .and_then(|o| o.get("docsUrl"))
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    from_options
        .or_else(|| std::env::var("ROPA_DOCS_URL").ok())
        .map(|url| url.trim().to_owned())
        .filter(|url| !url.is_empty())
        .map(Arc::from)
}

/// `initializationOptions.pullDiagnostics`: the client pulls the open
/// documents' diagnostics (`textDocument/diagnostic`) and the server pushes
/// only those of files not open, so none is shown twice. Off by default:
/// clients that support both would otherwise list every finding twice.
fn pull_of(options: Option<&serde_json::Value>) -> bool {
    options
        .and_then(|o| o.get("pullDiagnostics"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Whether a completion request that a typed space triggered is after a
/// word that takes a value (`basis `, `data a `, `processors `, `country `),
/// where a list helps; after any other space the popup would be noise.
fn space_opens_completion(text: &str, offset: u32) -> bool {
    let before = text.get(..offset as usize).unwrap_or_default();
    // The line the cursor is on: any KDL newline ends the one before.
    let line = before
        .get(ropa_syntax::kdl::lines::line_start(before, before.len())..)
        .unwrap_or_default();
    if !line.ends_with(' ') || line.contains('"') {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    const TAKES_IDS: [&str; 4] = ["data", "subjects", "processors", "stored-in"];
    const TAKES_ONE: [&str; 4] = ["basis", "country", "transfer", "special"];
    match (words.first(), words.last()) {
        (Some(first), _) if TAKES_IDS.contains(first) => true,
        (_, Some(last)) => TAKES_ONE.contains(last) || last.ends_with("mechanism="),
        _ => false,
    }
}

/// The client's workspace folders (or its deprecated root), as paths.
fn folders_of(params: &ls::InitializeParams) -> Vec<std::path::PathBuf> {
    #[allow(deprecated)] // `root_uri` and `root_path`: older clients send only these.
    let roots = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| f.uri.clone())
        .chain(params.root_uri.clone())
        .filter_map(|uri| uri.to_file_path().map(|p| p.into_owned()))
        .chain(params.root_path.as_ref().map(std::path::PathBuf::from));
    let mut folders: Vec<_> = roots.collect();
    folders.sort();
    folders.dedup();
    // `rootUri` repeats the first workspace folder; a root path may be
    // relative or stale: only folders that exist.
    folders.retain(|f| f.is_absolute() && f.is_dir());
    folders
}

fn debounce_of(options: Option<&serde_json::Value>) -> Duration {
    let from_options = options.and_then(|o| o.get("debounceMs")).and_then(|v| v.as_u64());
    let from_env = std::env::var("ROPA_LSP_DEBOUNCE_MS").ok().and_then(|v| v.parse().ok());
    Duration::from_millis(
        from_options
            .or(from_env)
            .unwrap_or(crate::DEFAULT_DEBOUNCE_MS)
            .min(10_000),
    )
}

impl Backend {
    /// Answers a message the firewall replaced (see firewall.rs).
    pub async fn invalid_message(&self, params: crate::firewall::InvalidMessage) -> jsonrpc::Result<serde_json::Value> {
        self.client
            .log_message(ls::MessageType::ERROR, format!("ropa: {}", params.message))
            .await;
        Err(crate::firewall::error_for(params))
    }

    /// Logs a framing problem the firewall recovered from.
    pub async fn framing_problem(&self, params: crate::firewall::FramingProblem) {
        self.client
            .log_message(ls::MessageType::ERROR, format!("ropa: {}", params.message))
            .await;
    }
}

/// The store's settings from the client's `initialize`: sent without
/// counting, as it is not a document change.
fn configure(params: &ls::InitializeParams) -> Msg {
    Msg::Configure {
        encoding: negotiate(&params.capabilities),
        docs_url: docs_url_of(params.initialization_options.as_ref()),
        pull: pull_of(params.initialization_options.as_ref()),
        debounce: debounce_of(params.initialization_options.as_ref()),
        folders: folders_of(params),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: ls::InitializeParams) -> jsonrpc::Result<ls::InitializeResult> {
        let encoding = negotiate(&params.capabilities);
        let _ = self.encoding.set(encoding);
        let dynamic_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let _ = self.watch_registration.set(dynamic_watch);
        // The store was configured from the same parameters by
        // `Ordered::call` (`configure`); these are what requests need.
        let _ = self.docs_url.set(docs_url_of(params.initialization_options.as_ref()));
        let pull = pull_of(params.initialization_options.as_ref());
        Ok(ls::InitializeResult {
            capabilities: ls::ServerCapabilities {
                position_encoding: Some(match encoding {
                    Encoding::Utf8 => ls::PositionEncodingKind::UTF8,
                    Encoding::Utf16 => ls::PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(ls::TextDocumentSyncCapability::Options(ls::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(ls::TextDocumentSyncKind::INCREMENTAL),
                    ..ls::TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(ls::HoverProviderCapability::Simple(true)),
                completion_provider: Some(ls::CompletionOptions {
                    // A space opens the list only after a word that takes a
                    // value (`basis `, `data `, …): see `completion`.
                    trigger_characters: Some(vec!["=".to_owned(), " ".to_owned()]),
                    ..ls::CompletionOptions::default()
                }),
                semantic_tokens_provider: Some(ls::SemanticTokensServerCapabilities::SemanticTokensOptions(
                    ls::SemanticTokensOptions {
                        legend: crate::semantic::legend(),
                        full: Some(ls::SemanticTokensFullOptions::Bool(true)),
                        range: None,
                        work_done_progress_options: ls::WorkDoneProgressOptions::default(),
                    },
                )),
                folding_range_provider: Some(ls::FoldingRangeProviderCapability::Simple(true)),
                selection_range_provider: Some(ls::SelectionRangeProviderCapability::Simple(true)),
                document_link_provider: Some(ls::DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: ls::WorkDoneProgressOptions::default(),
                }),
                inlay_hint_provider: Some(ls::OneOf::Left(true)),
                document_range_formatting_provider: Some(ls::OneOf::Left(true)),
                diagnostic_provider: pull.then(|| {
                    ls::DiagnosticServerCapabilities::Options(ls::DiagnosticOptions {
                        identifier: Some("ropa".to_owned()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: false,
                        work_done_progress_options: ls::WorkDoneProgressOptions::default(),
                    })
                }),
                definition_provider: Some(ls::OneOf::Left(true)),
                references_provider: Some(ls::OneOf::Left(true)),
                rename_provider: Some(ls::OneOf::Right(ls::RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: ls::WorkDoneProgressOptions::default(),
                })),
                document_symbol_provider: Some(ls::OneOf::Left(true)),
                workspace_symbol_provider: Some(ls::OneOf::Left(true)),
                code_action_provider: Some(ls::CodeActionProviderCapability::Options(ls::CodeActionOptions {
                    code_action_kinds: Some(vec![ls::CodeActionKind::QUICKFIX]),
                    ..ls::CodeActionOptions::default()
                })),
                document_formatting_provider: Some(ls::OneOf::Left(true)),
                ..ls::ServerCapabilities::default()
            },
            server_info: Some(ls::ServerInfo {
                name: "ropa".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: ls::InitializedParams) {
        if self.watch_registration.get() != Some(&true) {
            return;
        }
        let client = self.client.clone();
        // In its own task, with a timeout: a client that never answers the
        // registration must not hold up anything else.
        tokio::spawn(async move {
            let watchers = ["**/*.ropa.kdl", "**/ropa.kdl"]
                .iter()
                .map(|glob| ls::FileSystemWatcher {
                    glob_pattern: ls::GlobPattern::String((*glob).to_owned()),
                    kind: None,
                })
                .collect();
            let options = ls::DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = ls::Registration {
                id: "ropa-watched-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            };
            let _ = tokio::time::timeout(CLIENT_REQUEST_TIMEOUT, client.register_capability(vec![registration])).await;
        });
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        Ok(())
    }

    // Document notifications reach the store through `Ordered`; these are
    // here so the service does not log them as unimplemented.
    async fn did_open(&self, _: ls::DidOpenTextDocumentParams) {}
    async fn did_change(&self, _: ls::DidChangeTextDocumentParams) {}
    async fn did_close(&self, _: ls::DidCloseTextDocumentParams) {}
    async fn did_change_watched_files(&self, _: ls::DidChangeWatchedFilesParams) {}

    async fn hover(&self, params: ls::HoverParams) -> jsonrpc::Result<Option<ls::Hover>> {
        let position = params.text_document_position_params;
        let Some(doc) = self.doc(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let offset = doc.offset(position.position);
        // The findings of the last check if they fit the text, else none:
        // a hover must not wait for (or redo) a check of a large workspace
        // that is running after an edit. Quick fixes do wait (`findings`).
        let findings = doc.ws.findings_for(doc.file).unwrap_or_default();
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        let docs_url = self.docs_url.get().cloned().flatten();
        run(move || {
            ropa_ide::hover(&ws.ws, &findings, file, offset, docs_url.as_deref()).map(|h| ls::Hover {
                contents: ls::HoverContents::Markup(ls::MarkupContent {
                    kind: ls::MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(lines.range(h.span)),
            })
        })
        .await
    }

    async fn completion(&self, params: ls::CompletionParams) -> jsonrpc::Result<Option<ls::CompletionResponse>> {
        let position = params.text_document_position;
        let Some(doc) = self.doc(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let offset = doc.offset(position.position);
        let by_space = params.context.as_ref().and_then(|c| c.trigger_character.as_deref()) == Some(" ");
        if by_space && !space_opens_completion(doc.lines.text(), offset) {
            return Ok(None);
        }
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            let items = ropa_ide::completions(&ws.ws, file, offset);
            Some(ls::CompletionResponse::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| convert::completion(&lines, i, item))
                    .collect(),
            ))
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: ls::GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<ls::GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let Some(doc) = self.doc(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let offset = doc.offset(position.position);
        let (ws, file) = (doc.ws.clone(), doc.file);
        run(move || {
            let locations: Vec<ls::Location> = ropa_ide::definition(&ws.ws, file, offset)
                .into_iter()
                .filter_map(|l| convert::location(&ws, l))
                .collect();
            (!locations.is_empty()).then_some(ls::GotoDefinitionResponse::Array(locations))
        })
        .await
    }

    async fn references(&self, params: ls::ReferenceParams) -> jsonrpc::Result<Option<Vec<ls::Location>>> {
        let position = params.text_document_position;
        let Some(doc) = self.doc(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let offset = doc.offset(position.position);
        let include = params.context.include_declaration;
        let (ws, file) = (doc.ws.clone(), doc.file);
        run(move || {
            Some(
                ropa_ide::references(&ws.ws, file, offset, include)
                    .into_iter()
                    .filter_map(|l| convert::location(&ws, l))
                    .collect(),
            )
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: ls::TextDocumentPositionParams,
    ) -> jsonrpc::Result<Option<ls::PrepareRenameResponse>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let offset = doc.offset(params.position);
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            ropa_ide::prepare_rename(&ws.ws, file, offset).map(|(span, id)| {
                ls::PrepareRenameResponse::RangeWithPlaceholder {
                    range: lines.range(span),
                    placeholder: id,
                }
            })
        })
        .await
    }

    async fn rename(&self, params: ls::RenameParams) -> jsonrpc::Result<Option<ls::WorkspaceEdit>> {
        let position = params.text_document_position;
        let Some(doc) = self.doc(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let offset = doc.offset(position.position);
        let (ws, file, new_name) = (doc.ws.clone(), doc.file, params.new_name);
        run(move || {
            ropa_ide::rename(&ws.ws, file, offset, &new_name)
                .map(|edits| Some(convert::workspace_edit(&ws, &edits)))
                .map_err(invalid_params)
        })
        .await?
    }

    async fn document_symbol(
        &self,
        params: ls::DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<ls::DocumentSymbolResponse>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            let symbols = ropa_ide::document_symbols(&ws.ws, file);
            Some(ls::DocumentSymbolResponse::Nested(
                symbols.iter().map(|s| convert::document_symbol(&lines, s)).collect(),
            ))
        })
        .await
    }

    async fn symbol(&self, params: ls::WorkspaceSymbolParams) -> jsonrpc::Result<Option<ls::WorkspaceSymbolResponse>> {
        let snapshot = self.snapshot().await?;
        run(move || {
            let mut keys: Vec<&String> = snapshot.workspaces.keys().collect();
            keys.sort();
            let mut out = Vec::new();
            for key in keys {
                let Some(ws) = snapshot.workspaces.get(key) else {
                    continue;
                };
                let left = MAX_WORKSPACE_SYMBOLS.saturating_sub(out.len());
                for (file, symbol) in ropa_ide::workspace_symbols(&ws.ws, &params.query, left) {
                    let Some(location) = convert::location(
                        ws,
                        ropa_ide::Location {
                            file,
                            span: symbol.selection,
                        },
                    ) else {
                        continue;
                    };
                    out.push(ls::WorkspaceSymbol {
                        name: symbol.name,
                        kind: convert::symbol_kind(symbol.kind),
                        tags: None,
                        container_name: symbol.detail,
                        location: ls::OneOf::Left(location),
                        data: None,
                    });
                }
            }
            Some(ls::WorkspaceSymbolResponse::Nested(out))
        })
        .await
    }

    async fn code_action(&self, params: ls::CodeActionParams) -> jsonrpc::Result<Option<ls::CodeActionResponse>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let range = doc.lines.span(params.range);
        let findings = self.findings(&doc).await?;
        let (ws, file) = (doc.ws.clone(), doc.file);
        let docs_url = self.docs_url.get().cloned().flatten();
        run(move || {
            let actions = ropa_ide::code_actions(&ws.ws, file, range, &findings);
            Some(
                actions
                    .into_iter()
                    .map(|action| {
                        let diagnostic = findings
                            .get(action.finding)
                            .map(|f| convert::diagnostic(f, &ws.docs, docs_url.as_deref()));
                        ls::CodeActionOrCommand::CodeAction(ls::CodeAction {
                            title: action.title,
                            kind: Some(ls::CodeActionKind::QUICKFIX),
                            diagnostics: diagnostic.map(|d| vec![d]),
                            edit: Some(convert::workspace_edit(&ws, &action.edits)),
                            is_preferred: action.preferred.then_some(true),
                            ..ls::CodeAction::default()
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn formatting(&self, params: ls::DocumentFormattingParams) -> jsonrpc::Result<Option<Vec<ls::TextEdit>>> {
        self.format_edits(&params.text_document.uri, None).await
    }

    async fn range_formatting(
        &self,
        params: ls::DocumentRangeFormattingParams,
    ) -> jsonrpc::Result<Option<Vec<ls::TextEdit>>> {
        self.format_edits(&params.text_document.uri, Some(params.range)).await
    }

    async fn semantic_tokens_full(
        &self,
        params: ls::SemanticTokensParams,
    ) -> jsonrpc::Result<Option<ls::SemanticTokensResult>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            let tokens = ropa_ide::semantic_tokens(&ws.ws, file);
            Some(ls::SemanticTokensResult::Tokens(ls::SemanticTokens {
                result_id: None,
                data: crate::semantic::encode(&lines, &tokens),
            }))
        })
        .await
    }

    async fn folding_range(&self, params: ls::FoldingRangeParams) -> jsonrpc::Result<Option<Vec<ls::FoldingRange>>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            let ranges = ropa_ide::folding_ranges(&ws.ws, file)
                .into_iter()
                .filter_map(|span| {
                    let (start, end) = (lines.position(span.start), lines.position(span.end));
                    // Up to the line before the closing `}`, which stays visible.
                    let end_line = end.line.checked_sub(1).filter(|&l| l > start.line)?;
                    Some(ls::FoldingRange {
                        start_line: start.line,
                        start_character: None,
                        end_line,
                        end_character: None,
                        kind: None,
                        collapsed_text: None,
                    })
                })
                .collect();
            Some(ranges)
        })
        .await
    }

    async fn selection_range(
        &self,
        params: ls::SelectionRangeParams,
    ) -> jsonrpc::Result<Option<Vec<ls::SelectionRange>>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let offsets: Vec<u32> = params.positions.iter().map(|p| doc.offset(*p)).collect();
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            let ranges = offsets
                .into_iter()
                .map(|offset| {
                    let spans = ropa_ide::selection_ranges(&ws.ws, file, offset);
                    // Outermost first, each the parent of the next.
                    let mut range: Option<ls::SelectionRange> = None;
                    for span in spans.iter().rev() {
                        range = Some(ls::SelectionRange {
                            range: lines.range(*span),
                            parent: range.map(Box::new),
                        });
                    }
                    range.unwrap_or_else(|| ls::SelectionRange {
                        range: lines.range(ropa_ide::Span::new(offset, offset)),
                        parent: None,
                    })
                })
                .collect();
            Some(ranges)
        })
        .await
    }

    async fn document_link(&self, params: ls::DocumentLinkParams) -> jsonrpc::Result<Option<Vec<ls::DocumentLink>>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        let docs_url = self.docs_url.get().cloned().flatten();
        run(move || {
            let links = ropa_ide::document_links(&ws.ws, file, docs_url.as_deref())
                .into_iter()
                .filter_map(|link| {
                    Some(ls::DocumentLink {
                        range: lines.range(link.span),
                        target: Some(link.target.parse().ok()?),
                        tooltip: None,
                        data: None,
                    })
                })
                .collect();
            Some(links)
        })
        .await
    }

    async fn inlay_hint(&self, params: ls::InlayHintParams) -> jsonrpc::Result<Option<Vec<ls::InlayHint>>> {
        let Some(doc) = self.doc(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let range = doc.lines.span(params.range);
        let (ws, file, lines) = (doc.ws.clone(), doc.file, doc.lines.clone());
        run(move || {
            let hints = ropa_ide::inlay_hints(&ws.ws, file, range)
                .into_iter()
                .map(|hint| ls::InlayHint {
                    position: lines.position(hint.offset),
                    label: ls::InlayHintLabel::String(hint.label),
                    kind: None,
                    text_edits: None,
                    tooltip: Some(ls::InlayHintTooltip::String(hint.tooltip)),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect();
            Some(hints)
        })
        .await
    }

    async fn diagnostic(
        &self,
        params: ls::DocumentDiagnosticParams,
    ) -> jsonrpc::Result<ls::DocumentDiagnosticReportResult> {
        let items = match self.doc(&params.text_document.uri).await? {
            None => Vec::new(),
            Some(doc) => {
                let findings = self.findings(&doc).await?;
                let docs_url = self.docs_url.get().cloned().flatten();
                findings
                    .iter()
                    .filter(|f| f.file == doc.file)
                    .map(|f| convert::diagnostic(f, &doc.ws.docs, docs_url.as_deref()))
                    .collect()
            }
        };
        Ok(ls::DocumentDiagnosticReportResult::Report(
            ls::DocumentDiagnosticReport::Full(ls::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: ls::FullDocumentDiagnosticReport { result_id: None, items },
            }),
        ))
    }
}
