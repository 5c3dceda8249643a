//! A workspace: the spec files and the optional `ropa.kdl` of one folder,
//! parsed. Built from texts the caller read; no IO here (reading the disk is
//! `ropa_fs`, shared by the CLI and the language server).
//!
//! The one owner of files and their ids. A batch caller builds it at once
//! ([`Workspace::new`]); the editor edits it ([`Workspace::insert`],
//! [`Workspace::replace`], [`Workspace::remove`]). A [`FileId`] is given
//! once and never reused or renumbered, so findings, snapshots and maps
//! keyed by id stay right when another file is closed or deleted.
//!
//! It also keeps its declaration index ([`Workspace::index`]), built on
//! first use and dropped by every edit: an editor asks for it on each hover,
//! completion and navigation, and the check asks for it too, so one version
//! of the workspace builds it once.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};

use crate::par::prelude::*;
use ropa_syntax::values::Date;
use ropa_syntax::{ParsedConfig, ParsedSpec};

use crate::diagnostic::FileId;
use crate::index::Index;

#[derive(Clone, Debug)]
pub enum Parsed {
    Spec(Box<ParsedSpec>),
    Config(Box<ParsedConfig>),
}

#[derive(Clone, Debug)]
pub struct File {
    pub id: FileId,
    /// As the caller names it (a relative path in the CLI, a URI in the editor).
    pub path: String,
    pub text: String,
    pub parsed: Parsed,
}

impl File {
    pub fn spec(&self) -> Option<&ParsedSpec> {
        match &self.parsed {
            Parsed::Spec(spec) => Some(spec),
            Parsed::Config(_) => None,
        }
    }
    pub fn config(&self) -> Option<&ParsedConfig> {
        match &self.parsed {
            Parsed::Config(config) => Some(config),
            Parsed::Spec(_) => None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Shared: the editor holds snapshots of a workspace while it edits it,
    /// and an edit then copies only this list, not every file's text and
    /// model (`Arc::make_mut` on the workspace). Sorted by id: ids are given
    /// in increasing order and removing keeps the order, so a lookup is a
    /// binary search. Read it; change it through the edit API only (which
    /// also drops the cached index).
    pub files: Vec<Arc<File>>,
    /// The id the next inserted file gets.
    next_id: u32,
    /// Today's date, for rules that count time (`review-overdue`). The
    /// caller sets it (the CLI from the clock or `SOURCE_DATE_EPOCH`, tests
    /// a fixed date), so that checking stays pure; unset, those rules do
    /// not run.
    pub today: Option<Date>,
    index: IndexCache,
}

self_cell::self_cell!(
    /// The index over the files as they were when it was built. It holds
    /// its own handles on those files (an `Arc` each, not their texts), so
    /// it borrows from itself and not from the workspace that keeps it.
    struct CachedIndex {
        owner: Vec<Arc<File>>,
        #[covariant]
        dependent: Index,
    }
);

/// Empty until [`Workspace::index`] is first called; emptied by every edit.
/// A clone starts empty: it is made to be edited (`Arc::make_mut`).
#[derive(Default)]
struct IndexCache(OnceLock<CachedIndex>);

impl Clone for IndexCache {
    fn clone(&self) -> IndexCache {
        IndexCache::default()
    }
}

impl std::fmt::Debug for IndexCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "IndexCache(built)"
        } else {
            "IndexCache(empty)"
        })
    }
}

/// What a file is, for [`Workspace::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Spec,
    Config,
}

impl FileKind {
    /// By the file's name (the last `/`-separated part of a path or URI):
    /// `ropa.kdl` holds the workspace's settings, anything else is a spec.
    pub fn of(file_name: &str) -> FileKind {
        if file_name.rsplit(['/', '\\']).next() == Some("ropa.kdl") {
            FileKind::Config
        } else {
            FileKind::Spec
        }
    }
}

/// A large workspace is freed in parallel, as it was parsed: freeing the
/// models of a large record takes a tenth of checking it. A small one is
/// freed here, as handing it to other threads would cost more.
impl Drop for Workspace {
    fn drop(&mut self) {
        // First, so that the files below are the last handles on them.
        drop(self.index.0.take());
        if self.files.len() >= PARALLEL_DROP_FILES {
            std::mem::take(&mut self.files).into_par_iter().for_each(drop);
        }
    }
}

const PARALLEL_DROP_FILES: usize = 16;

/// A file's path and text with what they parse to.
fn parsed(path: String, text: String, kind: FileKind, keep_tree: bool) -> (String, String, Parsed) {
    let parsed = parse(kind, &text, keep_tree);
    (path, text, parsed)
}

fn parse(kind: FileKind, text: &str, keep_tree: bool) -> Parsed {
    match kind {
        FileKind::Spec if keep_tree => Parsed::Spec(Box::new(ropa_syntax::parse_spec(text))),
        FileKind::Spec => Parsed::Spec(Box::new(ropa_syntax::parse_spec_without_tree(text))),
        FileKind::Config => Parsed::Config(Box::new(ropa_syntax::parse_config(text))),
    }
}

impl Workspace {
    /// Parses every file, keeping each file's KDL syntax tree and tokens
    /// (what an editor needs). Files keep the order given; give them sorted
    /// for output that does not depend on the order the disk listed them in.
    pub fn new(sources: Vec<(String, String, FileKind)>) -> Workspace {
        Workspace::parse_all(sources, true)
    }

    /// Like [`Workspace::new`], but keeps no file's KDL syntax tree or
    /// tokens (the `kdl` fields are left empty; see
    /// [`ropa_syntax::parse_spec_without_tree`]). A one-off check needs only
    /// the models, and the trees are most of the memory.
    pub fn without_trees(sources: Vec<(String, String, FileKind)>) -> Workspace {
        Workspace::parse_all(sources, false)
    }

    /// Like [`Workspace::without_trees`], for files read as they are
    /// parsed: `read` runs on every core, and the thread that read a file
    /// parses it while its text is still in that core's cache, with no wait
    /// for the slowest read in between. What `read` could not give (`Err`)
    /// is left out of the workspace and returned, in the given order.
    pub fn read_without_trees<S: Sync, E: Send>(
        sources: &[S],
        read: impl Fn(&S) -> Result<(String, String, FileKind), E> + Sync + Send,
    ) -> (Workspace, Vec<E>) {
        let parsed = sources
            .par_iter()
            .map(|source| read(source).map(|(path, text, kind)| parsed(path, text, kind, false)))
            .collect();
        Workspace::assemble(parsed)
    }

    /// The workspace of files parsed in the given order, each given the
    /// next id; those that could not be read are returned instead.
    fn assemble<E>(parsed: Vec<Result<(String, String, Parsed), E>>) -> (Workspace, Vec<E>) {
        let mut files = Vec::with_capacity(parsed.len());
        let mut unread = Vec::new();
        for source in parsed {
            match source {
                Ok((path, text, parsed)) => files.push(Arc::new(File {
                    id: FileId(files.len() as u32),
                    path,
                    text,
                    parsed,
                })),
                Err(error) => unread.push(error),
            }
        }
        let workspace = Workspace {
            next_id: files.len() as u32,
            files,
            index: IndexCache::default(),
            today: None,
        };
        (workspace, unread)
    }

    fn parse_all(sources: Vec<(String, String, FileKind)>, keep_trees: bool) -> Workspace {
        // Files parse independently: in parallel, collected in the given order.
        let parsed = sources
            .into_par_iter()
            .map(|(path, text, kind)| Ok::<_, Infallible>(parsed(path, text, kind, keep_trees)))
            .collect();
        Workspace::assemble(parsed).0
    }

    /// Every declaration of the workspace by id, built on the first call
    /// after an edit and kept until the next one.
    pub fn index(&self) -> &Index<'_> {
        self.index
            .0
            .get_or_init(|| CachedIndex::new(self.files.clone(), |files| Index::of_files(files)))
            .borrow_dependent()
    }

    /// Whether the declaration index is built (for tests of the cache).
    #[cfg(test)]
    fn index_built(&self) -> bool {
        self.index.0.get().is_some()
    }

    pub fn file(&self, id: FileId) -> Option<&File> {
        self.position(id).map(|i| self.files[i].as_ref())
    }

    fn position(&self, id: FileId) -> Option<usize> {
        self.files.binary_search_by_key(&id, |f| f.id).ok()
    }

    /// The file named `path`, as the caller named it.
    pub fn file_id(&self, path: &str) -> Option<FileId> {
        self.files.iter().find(|f| f.path == path).map(|f| f.id)
    }

    /// Adds a file (its kind by its name) and parses it; a file of that name
    /// already there gets the text instead. Returns its id.
    pub fn insert(&mut self, path: String, text: String) -> FileId {
        if let Some(id) = self.file_id(&path) {
            self.replace(id, text);
            return id;
        }
        let id = FileId(self.next_id);
        self.next_id += 1;
        let parsed = parse(FileKind::of(&path), &text, true);
        self.files.push(Arc::new(File { id, path, text, parsed }));
        self.index.0.take();
        id
    }

    /// Gives a file new text and re-parses that file only. Snapshots holding
    /// the old file keep it. False when there is no such file.
    pub fn replace(&mut self, id: FileId, text: String) -> bool {
        let Some(i) = self.position(id) else {
            return false;
        };
        let old = &self.files[i];
        let parsed = parse(FileKind::of(&old.path), &text, true);
        self.files[i] = Arc::new(File {
            id,
            path: old.path.clone(),
            text,
            parsed,
        });
        self.index.0.take();
        true
    }

    /// Gives every file the path `shown` makes of its path (how a command
    /// shows paths); ids, texts and models stay. A file shared with a
    /// snapshot is copied; the index's own handles are dropped first, so a
    /// file no snapshot holds is renamed in place.
    pub fn rename_files(&mut self, mut shown: impl FnMut(&str) -> String) {
        self.index.0.take();
        for file in &mut self.files {
            let path = shown(&file.path);
            Arc::make_mut(file).path = path;
        }
    }

    /// Removes a file; the other files keep their ids.
    pub fn remove(&mut self, id: FileId) -> Option<Arc<File>> {
        let i = self.position(id)?;
        self.index.0.take();
        Some(self.files.remove(i))
    }

    pub fn specs(&self) -> impl Iterator<Item = (FileId, &ParsedSpec)> {
        self.files.iter().filter_map(|f| f.spec().map(|s| (f.id, s)))
    }

    pub fn config(&self) -> Option<(FileId, &ParsedConfig)> {
        self.files.iter().find_map(|f| f.config().map(|c| (f.id, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "data kontakt \"Namn\"\n";

    #[test]
    fn ids_stay_when_other_files_go() {
        let mut ws = Workspace::default();
        let config = ws.insert("/w/ropa.kdl".to_owned(), String::new());
        let a = ws.insert("/w/a.ropa.kdl".to_owned(), SPEC.to_owned());
        let b = ws.insert("/w/b.ropa.kdl".to_owned(), SPEC.to_owned());
        assert!(ws.file(config).and_then(File::config).is_some());
        assert!(ws.remove(a).is_some());
        // `b` keeps its id; `a`'s id is not given again.
        assert_eq!(ws.file(b).map(|f| f.path.as_str()), Some("/w/b.ropa.kdl"));
        assert!(ws.file(a).is_none());
        let c = ws.insert("/w/c.ropa.kdl".to_owned(), SPEC.to_owned());
        assert!(c != a && c != b);
        assert_eq!(ws.specs().map(|(id, _)| id).collect::<Vec<_>>(), vec![b, c]);
    }

    #[test]
    fn replace_reparses_one_file_and_insert_of_a_known_name_replaces() {
        let mut ws = Workspace::default();
        let a = ws.insert("a.ropa.kdl".to_owned(), SPEC.to_owned());
        assert!(ws.replace(a, "data x \"X\"\ndata y \"Y\"\n".to_owned()));
        assert_eq!(ws.file(a).and_then(File::spec).map(|s| s.model.data.len()), Some(2));
        assert_eq!(ws.insert("a.ropa.kdl".to_owned(), String::new()), a);
        assert_eq!(ws.file(a).and_then(File::spec).map(|s| s.model.data.len()), Some(0));
        assert!(!ws.replace(FileId(99), String::new()));
        assert!(ws.remove(FileId(99)).is_none());
    }

    #[test]
    fn the_index_is_built_once_and_every_edit_drops_it() {
        let declared = |ws: &Workspace| {
            let mut ids: Vec<&str> = ws.index().by_id.keys().copied().collect();
            ids.sort_unstable();
            ids.join(" ")
        };
        let mut ws = Workspace::default();
        let a = ws.insert("a.ropa.kdl".to_owned(), SPEC.to_owned());
        assert!(!ws.index_built());
        assert_eq!(declared(&ws), "kontakt");
        assert!(ws.index_built());
        // The same index, not a new one, on the next call.
        assert!(std::ptr::eq(ws.index(), ws.index()));

        let b = ws.insert("b.ropa.kdl".to_owned(), "data adress \"Adress\"\n".to_owned());
        assert!(!ws.index_built(), "insert drops it");
        assert_eq!(declared(&ws), "adress kontakt");
        ws.replace(a, "data namn \"Namn\"\n".to_owned());
        assert!(!ws.index_built(), "replace drops it");
        assert_eq!(declared(&ws), "adress namn");
        // A failed edit changes nothing and keeps it.
        assert!(!ws.replace(FileId(99), String::new()));
        assert!(ws.remove(FileId(99)).is_none());
        assert!(ws.index_built());
        ws.remove(b);
        assert!(!ws.index_built(), "remove drops it");
        assert_eq!(declared(&ws), "namn");

        // A clone (what `Arc::make_mut` makes before an edit) starts empty,
        // and the original keeps its own.
        let copy = ws.clone();
        assert!(!copy.index_built() && ws.index_built());
        assert_eq!(declared(&copy), "namn");
    }
}
