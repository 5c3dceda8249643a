//! A workspace: the spec files and the optional `ropa.kdl` of one folder,
//! parsed. Built from texts the caller read; no IO here.

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
    pub files: Vec<File>,
}

/// What a file is, for [`Workspace::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Spec,
    Config,
}

impl Workspace {
    /// Parses every file. Files keep the order given; give them sorted for
    /// output that does not depend on the order the disk listed them in.
    pub fn new(sources: Vec<(String, String, FileKind)>) -> Workspace {
        let files = sources
            .into_iter()
            .enumerate()
            .map(|(i, (path, text, kind))| {
                let parsed = match kind {
                    FileKind::Spec => Parsed::Spec(Box::new(ropa_syntax::parse_spec(&text))),
                    FileKind::Config => Parsed::Config(Box::new(ropa_syntax::parse_config(&text))),
                };
                File {
                    id: FileId(i as u32),
                    path,
                    text,
                    parsed,
                }
            })
            .collect();
        Workspace { files }
    }

    pub fn file(&self, id: FileId) -> Option<&File> {
        self.files.get(id.0 as usize)
    }

    pub fn specs(&self) -> impl Iterator<Item = (FileId, &ParsedSpec)> {
        self.files.iter().filter_map(|f| f.spec().map(|s| (f.id, s)))
    }

    pub fn config(&self) -> Option<(FileId, &ParsedConfig)> {
        self.files.iter().find_map(|f| f.config().map(|c| (f.id, c)))
    }
}
