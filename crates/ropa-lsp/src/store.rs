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
//! with the document version it was computed for. Diagnostics go out only
//! after the snapshot of the message that made them: a request sent the
//! moment a squiggle arrives sees its finding.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ropa_check::{Diagnostic, FileId, Workspace};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as ls, FileChangeType, FileEvent, TextDocumentContentChangeEvent, Uri};

use crate::convert;
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
    /// From `initialize`, before any document arrives: how to talk, and
    /// the folders whose workspaces are loaded and checked at once.
    Configure {
        encoding: Encoding,
        docs_url: Option<Arc<str>>,
        /// The client pulls open documents' diagnostics.
        pull: bool,
        debounce: Duration,
        folders: Vec<PathBuf>,
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
}

/// What the server knows of one file of a workspace besides its text and
/// model (which are the workspace's).
#[derive(Clone, Debug)]
pub struct DocState {
    pub uri: Uri,
    /// `None` for a file read from disk and not open in the editor.
    pub version: Option<i32>,
    pub lines: Arc<LineIndex>,
    /// The workspace generation at which its text last changed.
    pub generation: u64,
}

/// Per file id; shared between the store and its snapshots.
pub type Docs = HashMap<FileId, DocState>;

#[derive(Debug)]
pub struct WsSnapshot {
    pub ws: Arc<Workspace>,
    pub docs: Arc<Docs>,
    /// The latest findings and the generation they were computed at.
    pub findings: Option<(u64, Arc<Vec<Diagnostic>>)>,
}

impl Snapshot {
    pub fn file(&self, uri: &Uri) -> Option<(Arc<WsSnapshot>, FileId)> {
        let (key, file) = self.files.get(uri)?;
        Some((self.workspaces.get(key)?.clone(), *file))
    }
}

impl WsSnapshot {
    pub fn lines(&self, file: FileId) -> Option<&Arc<LineIndex>> {
        self.docs.get(&file).map(|d| &d.lines)
    }
    pub fn uri(&self, file: FileId) -> Option<&Uri> {
        self.docs.get(&file).map(|d| &d.uri)
    }
    /// Findings whose spans fit the current text of `file`, if any.
    pub fn findings_for(&self, file: FileId) -> Option<Arc<Vec<Diagnostic>>> {
        let (generation, findings) = self.findings.as_ref()?;
        (self.docs.get(&file)?.generation <= *generation).then(|| findings.clone())
    }
}

/// One workspace as the store owns it.
struct WsOwned {
    ws: Arc<Workspace>,
    docs: Arc<Docs>,
    by_uri: HashMap<Uri, FileId>,
    generation: u64,
    findings: Option<(u64, Arc<Vec<Diagnostic>>)>,
    timer: Option<JoinHandle<()>>,
    /// A check of this workspace is running on the blocking pool. At most
    /// one runs: edits during it are checked when it returns.
    checking: bool,
    /// What was last published per file, with the document version it was
    /// for: unchanged findings are re-sent only when the version moved on, so
    /// clients that drop diagnostics of older versions keep them.
    published: HashMap<Uri, (Option<i32>, Vec<ls::Diagnostic>)>,
}

impl WsOwned {
    fn new(ws: Workspace, encoding: Encoding, uri_of: impl Fn(&str) -> Option<Uri>) -> WsOwned {
        let mut docs = Docs::new();
        let mut by_uri = HashMap::new();
        for file in &ws.files {
            let Some(uri) = uri_of(&file.path) else { continue };
            by_uri.insert(uri.clone(), file.id);
            docs.insert(
                file.id,
                DocState {
                    uri,
                    version: None,
                    lines: Arc::new(LineIndex::new(&file.text, encoding)),
                    generation: 0,
                },
            );
        }
        WsOwned {
            ws: Arc::new(ws),
            docs: Arc::new(docs),
            by_uri,
            generation: 0,
            findings: None,
            timer: None,
            checking: false,
            published: HashMap::new(),
        }
    }

    /// Adds a file the workspace did not have, or gives a known one new text.
    fn set_text(&mut self, uri: &Uri, text: String, version: Option<i32>, encoding: Encoding) -> FileId {
        // The text it already has (an editor opening a file as it is on
        // disk, a save that changed nothing): only the version is new. The
        // file is not parsed again, and the last check's findings still fit
        // it, so a hover right after opening shows them.
        if let Some(&id) = self.by_uri.get(uri)
            && self.ws.file(id).is_some_and(|f| f.text == text)
            && let Some(doc) = self.docs.get(&id)
        {
            let doc = DocState { version, ..doc.clone() };
            Arc::make_mut(&mut self.docs).insert(id, doc);
            return id;
        }
        let lines = Arc::new(LineIndex::new(&text, encoding));
        self.set_lines(uri, text, lines, version)
    }

    /// [`WsOwned::set_text`] with the line table already made.
    fn set_lines(&mut self, uri: &Uri, text: String, lines: Arc<LineIndex>, version: Option<i32>) -> FileId {
        self.generation += 1;
        let ws = Arc::make_mut(&mut self.ws);
        let id = match self.by_uri.get(uri) {
            Some(&id) => {
                ws.replace(id, text);
                id
            }
            None => {
                let id = ws.insert(uri.as_str().to_owned(), text);
                self.by_uri.insert(uri.clone(), id);
                id
            }
        };
        Arc::make_mut(&mut self.docs).insert(
            id,
            DocState {
                uri: uri.clone(),
                version,
                lines,
                generation: self.generation,
            },
        );
        id
    }

    fn remove(&mut self, uri: &Uri) {
        let Some(id) = self.by_uri.remove(uri) else {
            return;
        };
        self.generation += 1;
        Arc::make_mut(&mut self.ws).remove(id);
        Arc::make_mut(&mut self.docs).remove(&id);
        self.published.remove(uri);
    }
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
    /// The client pulls open documents' diagnostics: push only the others.
    pull: bool,
    workspaces: HashMap<String, WsOwned>,
    /// Which workspace each document belongs to.
    files: HashMap<Uri, String>,
    seq: u64,
    self_tx: mpsc::WeakUnboundedSender<Msg>,
    snapshots: watch::Sender<Arc<Snapshot>>,
    /// Given back to the transport as document messages are applied.
    permits: Arc<tokio::sync::Semaphore>,
    /// Diagnostics to send once the message that made them is applied and
    /// its snapshot published: a client that asks about a squiggle the
    /// moment it arrives must find its finding.
    outbox: Vec<(Uri, Vec<ls::Diagnostic>, Option<i32>)>,
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
            pull: false,
            workspaces: HashMap::new(),
            files: HashMap::new(),
            seq: 0,
            self_tx,
            snapshots,
            permits,
            outbox: Vec::new(),
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
            for (uri, diagnostics, version) in std::mem::take(&mut self.outbox) {
                self.publisher.publish(uri, diagnostics, version).await;
            }
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
                pull,
                debounce,
                folders,
            } => {
                self.pull = pull;
                self.encoding = encoding;
                self.docs_url = docs_url;
                self.debounce = debounce;
                self.load_folders(folders).await;
            }
            Msg::Open { uri, text, version } => self.open(uri, text, version).await,
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
            } => self.checked(&key, generation, findings),
        }
    }

    fn publish_snapshot(&self) {
        let mut snapshot = Snapshot {
            seq: self.seq,
            ..Snapshot::default()
        };
        for (key, owned) in &self.workspaces {
            for (uri, id) in &owned.by_uri {
                snapshot.files.insert(uri.clone(), (key.clone(), *id));
            }
            snapshot.workspaces.insert(
                key.clone(),
                Arc::new(WsSnapshot {
                    ws: owned.ws.clone(),
                    docs: owned.docs.clone(),
                    findings: owned.findings.clone(),
                }),
            );
        }
        self.snapshots.send_replace(Arc::new(snapshot));
    }

    /// Loads the workspace rooted at `root` from disk (off the async
    /// threads: it may be thousands of files) and schedules its check.
    async fn load_root(&mut self, root: PathBuf) {
        let key = root.to_string_lossy().into_owned();
        if self.workspaces.contains_key(&key) {
            return;
        }
        let loaded = tokio::task::spawn_blocking(move || {
            ropa_fs::load_root(&root, |p| Uri::from_file_path(p).map(|u| u.as_str().to_owned()))
        })
        .await;
        let Ok((ws, problems)) = loaded else { return };
        for problem in problems {
            self.publisher
                .log(format!("{}: {}", ropa_fs::display(&problem.path), problem.message))
                .await;
        }
        let owned = WsOwned::new(ws, self.encoding, |path| path.parse().ok());
        for uri in owned.by_uri.keys() {
            self.files.insert(uri.clone(), key.clone());
        }
        self.workspaces.insert(key.clone(), owned);
        self.schedule(&key);
    }

    /// Every workspace under the client's folders, so that the Problems
    /// panel is complete before any file is opened.
    async fn load_folders(&mut self, folders: Vec<PathBuf>) {
        let mut roots = Vec::new();
        for folder in folders {
            let found = tokio::task::spawn_blocking(move || ropa_fs::roots_in(&folder)).await;
            roots.extend(found.unwrap_or_default());
        }
        roots.sort();
        roots.dedup();
        for root in roots {
            self.load_root(root).await;
        }
    }

    /// The workspace a document belongs to, loading it from disk the first
    /// time: the folder with the nearest `ropa.kdl`, or the document alone.
    async fn workspace_for(&mut self, uri: &Uri) -> String {
        if let Some(key) = self.files.get(uri) {
            return key.clone();
        }
        let root = file_path(uri)
            .as_deref()
            .and_then(Path::parent)
            .and_then(ropa_fs::find_root);
        let key = match root {
            Some(root) => {
                let key = root.to_string_lossy().into_owned();
                self.load_root(root).await;
                key
            }
            None => {
                let key = format!("detached:{}", uri.as_str());
                let owned = WsOwned::new(Workspace::default(), self.encoding, |p| p.parse().ok());
                self.workspaces.entry(key.clone()).or_insert(owned);
                key
            }
        };
        self.files.insert(uri.clone(), key.clone());
        key
    }

    async fn open(&mut self, uri: Uri, text: String, version: i32) {
        let key = self.workspace_for(&uri).await;
        let encoding = self.encoding;
        let Some(owned) = self.workspaces.get_mut(&key) else {
            return;
        };
        owned.set_text(&uri, text, Some(version), encoding);
        self.schedule(&key);
    }

    fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> Result<(), String> {
        let encoding = self.encoding;
        let not_open = || format!("change to a document that is not open: {}", uri.as_str());
        let key = self.files.get(uri).cloned().ok_or_else(not_open)?;
        let owned = self
            .workspaces
            .get_mut(&key)
            .ok_or_else(|| format!("no workspace for {}", uri.as_str()))?;
        let doc = owned
            .by_uri
            .get(uri)
            .and_then(|id| owned.docs.get(id))
            .ok_or_else(not_open)?;
        if let Some(current) = doc.version.filter(|current| version <= *current) {
            return Err(format!(
                "dropped a stale change to {} (version {version}, the document is at {current})",
                uri.as_str(),
            ));
        }
        // Only the last full text matters; each range edit after it updates
        // the line table in place.
        let last_full = changes.iter().rposition(|c| c.range.is_none());
        let mut lines = match last_full {
            Some(i) => LineIndex::new(&changes[i].text, encoding),
            None => (*doc.lines).clone(),
        };
        for change in &changes[last_full.map_or(0, |i| i + 1)..] {
            if let Some(range) = change.range {
                lines.edit(lines.span(range), &change.text);
            }
        }
        let text = lines.text().to_owned();
        owned.set_lines(uri, text, Arc::new(lines), Some(version));
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
        // The disk is the truth again: unsaved edits are gone with the editor.
        match file_path(uri).and_then(|p| ropa_fs::read_text(&p).ok()) {
            Some(text) if !key.starts_with("detached:") => {
                owned.set_text(uri, text, None, encoding);
            }
            _ => {
                owned.remove(uri);
                self.files.remove(uri);
                self.outbox.push((uri.clone(), Vec::new(), None));
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
    /// `didChange`. A new `ropa.kdl` is a new workspace.
    async fn watched(&mut self, changes: Vec<FileEvent>) {
        let encoding = self.encoding;
        for event in changes {
            let Some(path) = file_path(&event.uri) else { continue };
            if !ropa_fs::is_ropa_file(&path) {
                continue;
            }
            if ropa_fs::is_config(&path)
                && event.typ == FileChangeType::CREATED
                && let Some(root) = path.parent()
                && !self.workspaces.contains_key(root.to_string_lossy().as_ref())
            {
                self.load_root(root.to_path_buf()).await;
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
            let open = owned
                .by_uri
                .get(&event.uri)
                .and_then(|id| owned.docs.get(id))
                .is_some_and(|d| d.version.is_some());
            if open {
                continue;
            }
            if event.typ == FileChangeType::DELETED {
                if owned.by_uri.contains_key(&event.uri) {
                    owned.remove(&event.uri);
                    self.files.remove(&event.uri);
                    self.outbox.push((event.uri.clone(), Vec::new(), None));
                }
            } else if let Ok(text) = ropa_fs::read_text(&path) {
                owned.set_text(&event.uri, text, None, encoding);
                self.files.insert(event.uri.clone(), key.clone());
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
        if debounce.is_zero() {
            // Behind every change already queued: those are applied first
            // (coalesced), and this request then finds itself stale.
            if let Some(tx) = tx.upgrade() {
                let _ = tx.send(Msg::RunCheck { key, generation });
            }
            return;
        }
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
        if owned.generation != generation || owned.checking {
            return;
        }
        owned.checking = true;
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

    fn checked(&mut self, key: &str, generation: u64, findings: Vec<Diagnostic>) {
        let Some(owned) = self.workspaces.get_mut(key) else {
            return;
        };
        owned.checking = false;
        if owned.generation != generation {
            // Computed for text that has changed since: never published.
            // The check those changes asked for was skipped while this one
            // ran, unless a debounce timer is still to fire: run it now.
            let latest = owned.generation;
            if owned.timer.as_ref().is_none_or(JoinHandle::is_finished) {
                self.run_check(key, latest);
            }
            return;
        }
        let findings = Arc::new(findings);
        owned.findings = Some((generation, findings.clone()));
        let mut per_file: HashMap<FileId, Vec<ls::Diagnostic>> =
            owned.docs.keys().map(|id| (*id, Vec::new())).collect();
        for finding in findings.iter() {
            if let Some(list) = per_file.get_mut(&finding.file) {
                list.push(convert::diagnostic(finding, &owned.docs, self.docs_url.as_deref()));
            }
        }
        let mut outgoing = Vec::new();
        for (id, diagnostics) in per_file {
            let Some(doc) = owned.docs.get(&id) else { continue };
            if self.pull && doc.version.is_some() {
                continue;
            }
            if owned
                .published
                .get(&doc.uri)
                .is_some_and(|(v, d)| *v == doc.version && *d == diagnostics)
            {
                continue;
            }
            owned
                .published
                .insert(doc.uri.clone(), (doc.version, diagnostics.clone()));
            outgoing.push((doc.uri.clone(), diagnostics, doc.version));
        }
        // In a stable order, for clients and tests alike.
        outgoing.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        self.outbox.extend(outgoing);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Records, for each diagnostics notification, whether a request made
    /// at that moment would find the findings it carries.
    struct Probe {
        snapshots: watch::Receiver<Arc<Snapshot>>,
        seen: Arc<Mutex<Vec<(usize, bool)>>>,
    }

    impl Publisher for Probe {
        async fn publish(&self, uri: Uri, diagnostics: Vec<ls::Diagnostic>, _: Option<i32>) {
            let snapshot = self.snapshots.borrow().clone();
            let visible = snapshot
                .file(&uri)
                .and_then(|(ws, file)| ws.findings_for(file))
                .is_some();
            if let Ok(mut seen) = self.seen.lock() {
                seen.push((diagnostics.len(), visible));
            }
        }
        async fn log(&self, _: String) {}
    }

    #[tokio::test]
    async fn findings_are_visible_to_requests_before_their_diagnostics_are_sent() {
        let (tx, rx) = mpsc::unbounded_channel();
        let (snapshot_tx, snapshot_rx) = watch::channel(Arc::new(Snapshot::default()));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let probe = Probe {
            snapshots: snapshot_rx,
            seen: seen.clone(),
        };
        let store = Store::new(
            probe,
            tx.downgrade(),
            snapshot_tx,
            Arc::new(tokio::sync::Semaphore::new(8)),
        );
        let running = tokio::spawn(store.run(rx));
        let sent = tx.send(Msg::Configure {
            encoding: Encoding::Utf16,
            docs_url: None,
            pull: false,
            debounce: Duration::ZERO,
            folders: Vec::new(),
        });
        assert!(sent.is_ok());
        let uri: Uri = "file:///nowhere/activities.ropa.kdl".parse().expect("uri");
        let text = "activity newsletter {\n    purpose \"Send the newsletter\"\n}\n".to_owned();
        assert!(tx.send(Msg::Open { uri, text, version: 1 }).is_ok());
        for _ in 0..500 {
            if seen.lock().is_ok_and(|s| !s.is_empty()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        drop(tx);
        let _ = running.await;
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        assert!(
            matches!(seen.first(), Some((n, _)) if *n > 0),
            "the activity has findings: {seen:?}"
        );
        assert!(seen.iter().all(|(_, visible)| *visible), "{seen:?}");
    }
}
