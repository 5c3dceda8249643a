//! The document store: one task owns every open document and workspace and
//! applies changes strictly in the order the client sent them. Requests
//! never touch it; they read an immutable [`Snapshot`] it publishes after
//! each change.
//!
//! Why one owner: tower-lsp-server runs incoming messages concurrently
//! (tower-lsp #284, tower-lsp-server #36), so two `didChange` handlers may
//! run out of order. The server therefore does not apply changes in its
//! handlers: `Ordered` (server.rs) forwards document notifications into this
//! task's channel synchronously, in the order the transport read them, and
//! this task is the only writer. Versions must grow: a change that is not
//! newer than the document is dropped.
//!
//! Checking is debounced and superseded: every change bumps the
//! workspace's generation and re-arms a timer; when it fires, the check runs
//! on the blocking pool against the workspace as it was; when it returns, its
//! findings are published only if the generation is still the same. So a
//! burst of edits ends with the diagnostics of the last one, each tagged
//! with the document version it was computed for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ropa_check::{Diagnostic, File, FileId, FileKind, Parsed, Workspace};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as ls, FileChangeType, FileEvent, TextDocumentContentChangeEvent, Uri};

use crate::convert;
use crate::discover;
use crate::line_index::{Encoding, LineIndex};

/// Messages to the store. The first four are document changes, counted by
/// the sender so that requests can wait until they are applied.
#[derive(Debug)]
pub enum Msg {
    Open {
        uri: Uri,
        text: String,
        version: i32,
    },
    Change {
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Close {
        uri: Uri,
    },
    Watched {
        changes: Vec<FileEvent>,
    },
    /// From `initialize`, before any document arrives.
    Configure {
        encoding: Encoding,
        docs_url: Option<Arc<str>>,
        debounce: Duration,
    },
    /// The debounce timer of a workspace fired.
    RunCheck {
        key: String,
        generation: u64,
    },
    Checked {
        key: String,
        generation: u64,
        findings: Vec<Diagnostic>,
    },
}

/// What requests read: every workspace as of the last applied change.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// How many document changes are applied in it.
    pub seq: u64,
    pub workspaces: HashMap<String, Arc<WsSnapshot>>,
    pub files: HashMap<Uri, (String, FileId)>,
    pub encoding: Option<Encoding>,
}

#[derive(Debug)]
pub struct WsSnapshot {
    pub ws: Arc<Workspace>,
    pub uris: Vec<Uri>,
    pub lines: Vec<Arc<LineIndex>>,
    /// The latest findings and, per file, whether its text is unchanged
    /// since they were computed (their spans are right for it).
    pub findings: Option<Arc<Vec<Diagnostic>>>,
    pub findings_fit: Vec<bool>,
}

impl Snapshot {
    pub fn file(&self, uri: &Uri) -> Option<(Arc<WsSnapshot>, FileId)> {
        let (key, file) = self.files.get(uri)?;
        Some((self.workspaces.get(key)?.clone(), *file))
    }
}

impl WsSnapshot {
    pub fn lines(&self, file: FileId) -> Option<&Arc<LineIndex>> {
        self.lines.get(file.0 as usize)
    }
    pub fn uri(&self, file: FileId) -> Option<&Uri> {
        self.uris.get(file.0 as usize)
    }
    /// Findings whose spans fit the current text of `file`, if any.
    pub fn findings_for(&self, file: FileId) -> Option<Arc<Vec<Diagnostic>>> {
        match self.findings_fit.get(file.0 as usize) {
            Some(true) => self.findings.clone(),
            _ => None,
        }
    }
}

/// One workspace as the store owns it.
struct WsOwned {
    ws: Arc<Workspace>,
    uris: Vec<Uri>,
    /// `None` for a file read from disk and not open in the editor.
    versions: Vec<Option<i32>>,
    lines: Vec<Arc<LineIndex>>,
    /// The generation at which each file's text last changed.
    file_generation: Vec<u64>,
    generation: u64,
    findings: Option<(u64, Arc<Vec<Diagnostic>>)>,
    timer: Option<JoinHandle<()>>,
    /// What was last published per file, with the document version it was
    /// for: unchanged findings are re-sent only when the version moved on, so
    /// clients that drop diagnostics of older versions keep them.
    published: HashMap<Uri, (Option<i32>, Vec<ls::Diagnostic>)>,
}

/// Publishes diagnostics; the real one is the LSP client, the benchmark's
/// may time them.
pub trait Publisher: Send + Sync + 'static {
    fn publish(
        &self,
        uri: Uri,
        diagnostics: Vec<ls::Diagnostic>,
        version: Option<i32>,
    ) -> impl std::future::Future<Output = ()> + Send;
    fn log(&self, message: String) -> impl std::future::Future<Output = ()> + Send;
}

impl Publisher for Client {
    async fn publish(&self, uri: Uri, diagnostics: Vec<ls::Diagnostic>, version: Option<i32>) {
        self.publish_diagnostics(uri, diagnostics, version).await;
    }
    async fn log(&self, message: String) {
        self.log_message(ls::MessageType::WARNING, message).await;
    }
}

pub struct Store<P: Publisher> {
    publisher: P,
    encoding: Encoding,
    debounce: Duration,
    /// Where rule links point (`docsUrl`, `ROPA_DOCS_URL`); none by default.
    docs_url: Option<Arc<str>>,
    workspaces: HashMap<String, WsOwned>,
    /// Which workspace each document belongs to.
    files: HashMap<Uri, String>,
    seq: u64,
    self_tx: mpsc::WeakUnboundedSender<Msg>,
    snapshots: watch::Sender<Arc<Snapshot>>,
    /// Given back to the transport as document messages are applied.
    permits: Arc<tokio::sync::Semaphore>,
}

fn kind_of(uri: &Uri) -> FileKind {
    FileKind::of(uri.as_str().rsplit('/').next().unwrap_or_default())
}

fn parse(kind: FileKind, text: &str) -> Parsed {
    match kind {
        FileKind::Spec => Parsed::Spec(Box::new(ropa_syntax::parse_spec(text))),
        FileKind::Config => Parsed::Config(Box::new(ropa_syntax::parse_config(text))),
    }
}

/// Merges a run of queued changes to the same document (a client typing
/// faster than the file parses) into one, so that the text is parsed once for
/// the run, not once per keystroke, and the queue cannot grow without bound.
/// Content before the last full replacement is dropped: it is overwritten.
/// A change that is not newer than the one before it ends the run, so that
/// the usual stale-version check still sees it. Returns the message to apply
/// and how many client messages it stands for.
fn coalesce(msg: Msg, rx: &mut mpsc::UnboundedReceiver<Msg>, pending: &mut Option<Msg>) -> (Msg, u64) {
    let Msg::Change {
        uri,
        mut version,
        mut changes,
    } = msg
    else {
        return (msg, 1);
    };
    let mut n_messages = 1;
    while let Ok(next) = rx.try_recv() {
        match next {
            Msg::Change {
                uri: next_uri,
                version: next_version,
                changes: more,
            } if next_uri == uri && next_version > version => {
                changes.extend(more);
                version = next_version;
                n_messages += 1;
            }
            other => {
                *pending = Some(other);
                break;
            }
        }
    }
    if let Some(last_full) = changes.iter().rposition(|c| c.range.is_none()) {
        changes.drain(..last_full);
    }
    (Msg::Change { uri, version, changes }, n_messages)
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

impl<P: Publisher> Store<P> {
    pub fn new(
        publisher: P,
        self_tx: mpsc::WeakUnboundedSender<Msg>,
        snapshots: watch::Sender<Arc<Snapshot>>,
        permits: Arc<tokio::sync::Semaphore>,
    ) -> Store<P> {
        Store {
            publisher,
            encoding: Encoding::Utf16,
            debounce: Duration::from_millis(crate::DEFAULT_DEBOUNCE_MS),
            docs_url: None,
            workspaces: HashMap::new(),
            files: HashMap::new(),
            seq: 0,
            self_tx,
            snapshots,
            permits,
        }
    }

    /// Applies messages until every sender is gone.
    pub async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Msg>) {
        let mut pending: Option<Msg> = None;
        loop {
            let msg = match pending.take() {
                Some(msg) => msg,
                None => match rx.recv().await {
                    Some(msg) => msg,
                    None => break,
                },
            };
            let (msg, n_messages) = coalesce(msg, &mut rx, &mut pending);
            let counted = matches!(
                msg,
                Msg::Open { .. } | Msg::Change { .. } | Msg::Close { .. } | Msg::Watched { .. }
            );
            if counted {
                // Drop the published snapshot's hold on the workspaces, so
                // the change below edits them in place instead of copying.
                // Readers wait for a higher `seq` than this placeholder's.
                self.snapshots.send_replace(Arc::new(Snapshot::default()));
            }
            self.handle(msg).await;
            if counted {
                self.seq += n_messages;
                // Let the transport read as many messages as were applied.
                self.permits
                    .add_permits(usize::try_from(n_messages).unwrap_or(usize::MAX));
            }
            self.publish_snapshot();
        }
        for ws in self.workspaces.values_mut() {
            if let Some(timer) = ws.timer.take() {
                timer.abort();
            }
        }
    }

    async fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Configure {
                encoding,
                docs_url,
                debounce,
            } => {
                self.encoding = encoding;
                self.docs_url = docs_url;
                self.debounce = debounce;
            }
            Msg::Open { uri, text, version } => self.open(uri, text, version),
            Msg::Change { uri, version, changes } => {
                if let Err(message) = self.change(&uri, version, changes) {
                    self.publisher.log(message).await;
                }
            }
            Msg::Close { uri } => self.close(&uri).await,
            Msg::Watched { changes } => self.watched(changes).await,
            Msg::RunCheck { key, generation } => self.run_check(&key, generation),
            Msg::Checked {
                key,
                generation,
                findings,
            } => self.checked(&key, generation, findings).await,
        }
    }

    fn publish_snapshot(&self) {
        let mut snapshot = Snapshot {
            seq: self.seq,
            encoding: Some(self.encoding),
            ..Snapshot::default()
        };
        for (key, owned) in &self.workspaces {
            let (findings, fit) = match &owned.findings {
                Some((generation, findings)) => (
                    Some(findings.clone()),
                    owned.file_generation.iter().map(|g| g <= generation).collect(),
                ),
                None => (None, vec![false; owned.uris.len()]),
            };
            for (i, uri) in owned.uris.iter().enumerate() {
                snapshot.files.insert(uri.clone(), (key.clone(), FileId(i as u32)));
            }
            snapshot.workspaces.insert(
                key.clone(),
                Arc::new(WsSnapshot {
                    ws: owned.ws.clone(),
                    uris: owned.uris.clone(),
                    lines: owned.lines.clone(),
                    findings,
                    findings_fit: fit,
                }),
            );
        }
        self.snapshots.send_replace(Arc::new(snapshot));
    }

    /// The workspace a document belongs to, loading it from disk the first
    /// time: the folder with the nearest `ropa.kdl`, or the document alone.
    fn workspace_for(&mut self, uri: &Uri) -> String {
        if let Some(key) = self.files.get(uri) {
            return key.clone();
        }
        let path = file_path(uri);
        let root = path.as_deref().and_then(discover::find_root);
        let key = match &root {
            Some(root) => root.to_string_lossy().into_owned(),
            None => format!("detached:{}", uri.as_str()),
        };
        if !self.workspaces.contains_key(&key) {
            let mut owned = WsOwned {
                ws: Arc::new(Workspace::default()),
                uris: Vec::new(),
                versions: Vec::new(),
                lines: Vec::new(),
                file_generation: Vec::new(),
                generation: 0,
                findings: None,
                timer: None,
                published: HashMap::new(),
            };
            if let Some(root) = &root {
                for file in discover::workspace_files(root) {
                    let (Some(text), Some(file_uri)) = (discover::read_text(&file), Uri::from_file_path(&file)) else {
                        continue;
                    };
                    self.files.insert(file_uri.clone(), key.clone());
                    add_file(&mut owned, self.encoding, file_uri, text, None);
                }
            }
            self.workspaces.insert(key.clone(), owned);
        }
        self.files.insert(uri.clone(), key.clone());
        key
    }

    fn open(&mut self, uri: Uri, text: String, version: i32) {
        let key = self.workspace_for(&uri);
        let encoding = self.encoding;
        let Some(owned) = self.workspaces.get_mut(&key) else {
            return;
        };
        match owned.uris.iter().position(|u| *u == uri) {
            Some(i) => {
                owned.versions[i] = Some(version);
                set_text(owned, encoding, i, text);
            }
            None => {
                add_file(owned, encoding, uri, text, Some(version));
                owned.generation += 1;
                if let Some(g) = owned.file_generation.last_mut() {
                    *g = owned.generation;
                }
            }
        }
        self.schedule(&key);
    }

    fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> Result<(), String> {
        let encoding = self.encoding;
        let key = self
            .files
            .get(uri)
            .cloned()
            .ok_or_else(|| format!("change to a document that is not open: {}", uri.as_str()))?;
        let owned = self
            .workspaces
            .get_mut(&key)
            .ok_or_else(|| format!("no workspace for {}", uri.as_str()))?;
        let i = owned
            .uris
            .iter()
            .position(|u| u == uri)
            .ok_or_else(|| format!("change to a document that is not open: {}", uri.as_str()))?;
        if owned.versions[i].is_some_and(|current| version <= current) {
            return Err(format!(
                "dropped a stale change to {} (version {version}, the document is at {})",
                uri.as_str(),
                owned.versions[i].unwrap_or_default()
            ));
        }
        let mut text = owned.lines[i].text().to_owned();
        let mut lines = owned.lines[i].clone();
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let span = lines
                        .span(range)
                        .map_err(|e| format!("ignored a change to {} that does not fit the text: {e}", uri.as_str()))?;
                    text.replace_range(span.range(), &change.text);
                }
            }
            lines = Arc::new(LineIndex::new(&text, encoding));
        }
        owned.versions[i] = Some(version);
        set_text(owned, encoding, i, text);
        self.schedule(&key);
        Ok(())
    }

    async fn close(&mut self, uri: &Uri) {
        let Some(key) = self.files.get(uri).cloned() else {
            return;
        };
        let encoding = self.encoding;
        let Some(owned) = self.workspaces.get_mut(&key) else {
            return;
        };
        let Some(i) = owned.uris.iter().position(|u| u == uri) else {
            return;
        };
        owned.versions[i] = None;
        // The disk is the truth again: unsaved edits are gone with the editor.
        match file_path(uri).and_then(|p| discover::read_text(&p)) {
            Some(text) if !key.starts_with("detached:") => set_text(owned, encoding, i, text),
            _ => {
                remove_file(owned, i);
                self.files.remove(uri);
                owned.published.remove(uri);
                self.publisher.publish(uri.clone(), Vec::new(), None).await;
            }
        }
        if key.starts_with("detached:") {
            self.workspaces.remove(&key);
            return;
        }
        self.schedule(&key);
    }

    /// Files changed outside the editor (saved by another program, created,
    /// deleted). Open documents are the editor's: their changes come as
    /// `didChange`.
    async fn watched(&mut self, changes: Vec<FileEvent>) {
        let encoding = self.encoding;
        for event in changes {
            let Some(path) = file_path(&event.uri) else { continue };
            if !discover::is_ropa_file(&path) {
                continue;
            }
            let Some((key, owned)) = self
                .workspaces
                .iter_mut()
                .filter(|(key, _)| !key.starts_with("detached:") && path.starts_with(Path::new(key.as_str())))
                .max_by_key(|(key, _)| key.len())
            else {
                continue;
            };
            let key = key.clone();
            let existing = owned.uris.iter().position(|u| *u == event.uri);
            if existing.is_some_and(|i| owned.versions[i].is_some()) {
                continue;
            }
            if event.typ == FileChangeType::DELETED {
                if let Some(i) = existing {
                    remove_file(owned, i);
                    self.files.remove(&event.uri);
                    owned.published.remove(&event.uri);
                    self.publisher.publish(event.uri.clone(), Vec::new(), None).await;
                }
            } else if let Some(text) = discover::read_text(&path) {
                match existing {
                    Some(i) => set_text(owned, encoding, i, text),
                    None => {
                        add_file(owned, encoding, event.uri.clone(), text, None);
                        owned.generation += 1;
                        if let Some(g) = owned.file_generation.last_mut() {
                            *g = owned.generation;
                        }
                        self.files.insert(event.uri.clone(), key.clone());
                    }
                }
            }
            self.schedule(&key);
        }
    }

    /// Re-arms the workspace's debounce timer; an older timer (and so the
    /// check it would start) is cancelled.
    fn schedule(&mut self, key: &str) {
        let Some(owned) = self.workspaces.get_mut(key) else {
            return;
        };
        if let Some(timer) = owned.timer.take() {
            timer.abort();
        }
        let generation = owned.generation;
        let debounce = self.debounce;
        let tx = self.self_tx.clone();
        let key = key.to_owned();
        owned.timer = Some(tokio::spawn(async move {
            tokio::time::sleep(debounce).await;
            if let Some(tx) = tx.upgrade() {
                let _ = tx.send(Msg::RunCheck { key, generation });
            }
        }));
    }

    fn run_check(&mut self, key: &str, generation: u64) {
        let Some(owned) = self.workspaces.get_mut(key) else {
            return;
        };
        if owned.generation != generation {
            return;
        }
        let ws = owned.ws.clone();
        let tx = self.self_tx.clone();
        let key = key.to_owned();
        // Not kept in `timer`: aborting would not stop the blocking check,
        // and its result is dropped as stale anyway if the text moved on.
        tokio::spawn(async move {
            let findings = tokio::task::spawn_blocking(move || ropa_check::check(&ws)).await;
            if let (Ok(findings), Some(tx)) = (findings, tx.upgrade()) {
                let _ = tx.send(Msg::Checked {
                    key,
                    generation,
                    findings,
                });
            }
        });
    }

    async fn checked(&mut self, key: &str, generation: u64, findings: Vec<Diagnostic>) {
        let Some(owned) = self.workspaces.get_mut(key) else {
            return;
        };
        if owned.generation != generation {
            // Computed for text that has changed since: never published.
            return;
        }
        let findings = Arc::new(findings);
        owned.findings = Some((generation, findings.clone()));
        let mut per_file: Vec<Vec<ls::Diagnostic>> = vec![Vec::new(); owned.uris.len()];
        for finding in findings.iter() {
            if let Some(list) = per_file.get_mut(finding.file.0 as usize) {
                list.push(convert::diagnostic(
                    finding,
                    &owned.uris,
                    &owned.lines,
                    self.docs_url.as_deref(),
                ));
            }
        }
        let mut outgoing = Vec::new();
        for (i, diagnostics) in per_file.into_iter().enumerate() {
            let uri = &owned.uris[i];
            let version = owned.versions[i];
            if owned
                .published
                .get(uri)
                .is_some_and(|(v, d)| *v == version && *d == diagnostics)
            {
                continue;
            }
            owned.published.insert(uri.clone(), (version, diagnostics.clone()));
            outgoing.push((uri.clone(), diagnostics, owned.versions[i]));
        }
        for (uri, diagnostics, version) in outgoing {
            self.publisher.publish(uri, diagnostics, version).await;
        }
    }
}

fn add_file(owned: &mut WsOwned, encoding: Encoding, uri: Uri, text: String, version: Option<i32>) {
    let kind = kind_of(&uri);
    let ws = Arc::make_mut(&mut owned.ws);
    let id = FileId(ws.files.len() as u32);
    owned.lines.push(Arc::new(LineIndex::new(&text, encoding)));
    ws.files.push(Arc::new(File {
        id,
        path: uri.as_str().to_owned(),
        parsed: parse(kind, &text),
        text,
    }));
    owned.uris.push(uri);
    owned.versions.push(version);
    owned.file_generation.push(owned.generation);
}

/// Replaces one file's text and re-parses that file only.
fn set_text(owned: &mut WsOwned, encoding: Encoding, i: usize, text: String) {
    owned.generation += 1;
    owned.file_generation[i] = owned.generation;
    owned.lines[i] = Arc::new(LineIndex::new(&text, encoding));
    let kind = kind_of(&owned.uris[i]);
    let ws = Arc::make_mut(&mut owned.ws);
    if let Some(file) = ws.files.get_mut(i) {
        // A new `File`: snapshots still reading the old one keep it.
        *file = Arc::new(File {
            id: file.id,
            path: file.path.clone(),
            parsed: parse(kind, &text),
            text,
        });
    }
}

fn remove_file(owned: &mut WsOwned, i: usize) {
    owned.generation += 1;
    let ws = Arc::make_mut(&mut owned.ws);
    if i < ws.files.len() {
        ws.files.remove(i);
    }
    // Only the files after `i` move; a snapshot holding one keeps its copy.
    for (j, file) in ws.files.iter_mut().enumerate().skip(i) {
        Arc::make_mut(file).id = FileId(j as u32);
    }
    owned.uris.remove(i);
    owned.versions.remove(i);
    owned.lines.remove(i);
    owned.file_generation.remove(i);
    // Every later file moved: findings for the old numbering do not fit.
    owned.findings = None;
}
