//! A workspace: the spec files and the optional `ropa.kdl` of one folder,
//! parsed. Built from texts the caller read; no IO here.

use std::sync::Arc;

use crate::par::prelude::*;
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
    /// model (`Arc::make_mut` on the workspace).
    pub files: Vec<Arc<File>>,
}

/// What a file is, for [`Workspace::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Spec,
    Config,
}

impl FileKind {
    /// By the file's name: `ropa.kdl` holds the workspace's settings,
    /// anything else is a spec.
    pub fn of(file_name: &str) -> FileKind {
        if file_name == "ropa.kdl" {
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
                let parsed = match kind {
                    FileKind::Spec => {
                        let mut spec = ropa_syntax::parse_spec(&text);
                        if !keep_trees {
                            spec.kdl = Default::default();
                        }
                        Parsed::Spec(Box::new(spec))
                    }
                    FileKind::Config => Parsed::Config(Box::new(ropa_syntax::parse_config(&text))),
                };
                Arc::new(File {
                    id: FileId(i as u32),
                    path,
                    text,
                    parsed,
                })
            })
            .collect();
        Workspace { files }
    }

    pub fn file(&self, id: FileId) -> Option<&File> {
        self.files.get(id.0 as usize).map(Arc::as_ref)
    }

    pub fn specs(&self) -> impl Iterator<Item = (FileId, &ParsedSpec)> {
        self.files.iter().filter_map(|f| f.spec().map(|s| (f.id, s)))
    }

    pub fn config(&self) -> Option<(FileId, &ParsedConfig)> {
        self.files.iter().find_map(|f| f.config().map(|c| (f.id, c)))
    }
}
