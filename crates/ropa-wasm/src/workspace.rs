//! The caller's files as a checked workspace, kept for the next call: an
//! editor asks for the findings, then a hover, then the quick fixes, all on
//! the same text, and each would otherwise parse and check it again.

use std::cell::RefCell;
use std::rc::Rc;

use ropa_check::{Diagnostic, FileId, FileKind, Workspace};
use serde::Deserialize;

/// One file of the workspace as the caller names and holds it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct Source {
    /// A path or URI: ends in `.ropa.kdl` for a spec, `ropa.kdl` for the settings.
    pub name: String,
    pub text: String,
}

pub(crate) struct Checked {
    sources: Vec<Source>,
    pub ws: Workspace,
    pub findings: Vec<Diagnostic>,
}

impl Checked {
    pub fn file(&self, name: &str) -> Result<FileId, String> {
        self.ws
            .files
            .iter()
            .find(|f| f.path == name)
            .map(|f| f.id)
            .ok_or_else(|| format!("no file named `{name}` in the files given"))
    }

    pub fn text(&self, file: FileId) -> &str {
        self.ws.file(file).map_or("", |f| f.text.as_str())
    }

    pub fn name(&self, file: FileId) -> &str {
        self.ws.file(file).map_or("", |f| f.path.as_str())
    }
}

thread_local! {
    static LAST: RefCell<Option<Rc<Checked>>> = const { RefCell::new(None) };
}

/// The files parsed and checked, in name order (as `ropa check` orders
/// paths), from the last call when the files are the same.
pub(crate) fn checked(mut sources: Vec<Source>) -> Result<Rc<Checked>, String> {
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(twice) = sources.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(format!("two files are named `{}`", twice[0].name));
    }
    if let Some(last) = LAST
        .with_borrow(|last| last.clone())
        .filter(|last| last.sources == sources)
    {
        return Ok(last);
    }
    let ws = Workspace::new(
        sources
            .iter()
            .map(|s| (s.name.clone(), s.text.clone(), FileKind::of(base_name(&s.name))))
            .collect(),
    );
    let findings = ropa_check::check(&ws);
    let checked = Rc::new(Checked { sources, ws, findings });
    LAST.set(Some(checked.clone()));
    Ok(checked)
}

/// The file name without its folders (a path's or a URI's last segment).
pub(crate) fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}
