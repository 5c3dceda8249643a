//! What a reader saw: one piece of evidence, with the file, the line and
//! the words that were there.

use ropa_syntax::values::Tracker;

/// What a piece of evidence points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A vendor of the registry, by its id.
    Vendor(&'static str),
    /// A tracking tool ropa knows by name (facts in `ropa-law`).
    Tracker(Tracker),
    /// A cloud region, by its code in the region table.
    Region(&'static str),
    /// A dependency the registry does not know; kept only when the
    /// workspace maps it (`scan { map package=… }`), as that map's index.
    Mapped(usize),
    /// A dependency the registry does not know, before the maps are read.
    Unknown,
}

/// How the evidence was found, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A dependency in a manifest or lockfile.
    Package,
    /// A container image of a hosted service (compose, Kubernetes).
    Image,
    /// A script host or a tracker snippet in a page or template.
    Page,
    /// A region assignment in Terraform / OpenTofu.
    Infrastructure,
    /// A region or a vendor endpoint in deployment configuration (YAML:
    /// Kubernetes, Helm values, compose).
    Configuration,
    /// A vendor endpoint in an environment template.
    Environment,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Package => "dependency",
            Source::Image => "container image",
            Source::Page => "page",
            Source::Infrastructure => "infrastructure",
            Source::Configuration => "configuration",
            Source::Environment => "environment template",
        }
    }
}

/// One thing seen in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub path: String,
    /// 1-based.
    pub line: u32,
    pub source: Source,
    pub target: Target,
    /// What was there: a package name, a host, a snippet, a region code.
    pub seen: String,
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() as u32 + 1
}

/// The first line holding one of `needles`, else line 1: the manifest
/// parsers give values without positions, so the line of a key is found by
/// its spelling.
pub(crate) fn line_of(text: &str, needles: &[String]) -> u32 {
    needles
        .iter()
        .filter_map(|n| text.find(n.as_str()))
        .min()
        .map_or(1, |offset| line_at(text, offset))
}
