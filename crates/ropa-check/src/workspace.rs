//! A workspace: the spec files and the optional `ropa.kdl` of one folder,
//! parsed. Built from texts the caller read; no IO here (reading the disk is
//! `ropa_workspace::fs`, shared by the CLI and the language server).
//!
//! The one owner of files and their ids. A batch caller builds it at once
//! ([`Workspace::new`]); the editor edits it ([`Workspace::insert`],
//! [`Workspace::replace`], [`Workspace::remove`]). A [`FileId`] is given
//! once and never reused or renumbered, so findings, snapshots and maps
//! keyed by id stay right when another file is closed or deleted.

use std::sync::Arc;

use crate::par::prelude::*;
use ropa_syntax::values::Date;
use ropa_syntax::{ParsedConfig, ParsedSpec};

use crate::diagnostic::FileId;

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
    /// binary search. Read it; change it through the edit API only.
    pub files: Vec<Arc<File>>,
    /// The id the next inserted file gets.
    next_id: u32,
    /// Today's date, for rules that count time (`review-overdue`). The
    /// caller sets it (the CLI from the clock or `SOURCE_DATE_EPOCH`, tests
    /// a fixed date), so that checking stays pure; unset, those rules do
    /// not run.
    pub today: Option<Date>,
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
        if self.files.len() >= PARALLEL_DROP_FILES {
            std::mem::take(&mut self.files).into_par_iter().for_each(drop);
        }
    }
}

const PARALLEL_DROP_FILES: usize = 16;

fn parse(kind: FileKind, text: &str, keep_tree: bool) -> Parsed {
    match kind {
        FileKind::Spec => {
            let mut spec = ropa_syntax::parse_spec(text);
            if !keep_tree {
                spec.kdl = Default::default();
            }
            Parsed::Spec(Box::new(spec))
        }
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

    /// Like [`Workspace::new`], but drops each file's KDL syntax tree as soon
    /// as its model is built (the `kdl` fields are left empty). A one-off
    /// check needs only the models, and the trees are most of the memory.
    pub fn without_trees(sources: Vec<(String, String, FileKind)>) -> Workspace {
        Workspace::parse_all(sources, false)
    }

    fn parse_all(sources: Vec<(String, String, FileKind)>, keep_trees: bool) -> Workspace {
        // Files parse independently: in parallel, collected in the given order.
        let files = sources
            .into_par_iter()
            .enumerate()
            .map(|(i, (path, text, kind))| {
                let parsed = parse(kind, &text, keep_trees);
                Arc::new(File {
                    id: FileId(i as u32),
                    path,
                    text,
                    parsed,
                })
            })
            .collect();
        let files: Vec<Arc<File>> = files;
        Workspace {
            next_id: files.len() as u32,
            files,
            today: None,
        }
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
        true
    }

    /// Removes a file; the other files keep their ids.
    pub fn remove(&mut self, id: FileId) -> Option<Arc<File>> {
        self.position(id).map(|i| self.files.remove(i))
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
}
