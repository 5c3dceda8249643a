//! Loading the bundled example specs for tests: the crate itself reads no
//! files, so the tests do it the way the CLI does (sorted, `ropa.kdl` first).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ropa_check::index::Index;
use ropa_check::{FileKind, Workspace};
use ropa_report::{Audience, Format, Input, Kind, Lang, Options, Revision};
use ropa_syntax::values::parse_date;

pub fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs")
}

/// Every `ropa.kdl` and `*.ropa.kdl` below `dir`, named relative to the
/// repository (`specs/webone/activities.ropa.kdl`) so output is the same on
/// every machine.
pub fn workspace(dir: &Path, shown_as: &str) -> Workspace {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let mut sources = Vec::new();
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let relative = path.strip_prefix(dir).expect("below the folder");
        let shown = format!("{shown_as}/{}", relative.to_string_lossy().replace('\\', "/"));
        let text = std::fs::read_to_string(&path).expect("spec is UTF-8");
        let kind = FileKind::of(&name);
        sources.push((shown, text, kind));
    }
    // The workspace file first, as the CLI loads it.
    sources.sort_by_key(|(_, _, kind)| *kind != FileKind::Config);
    Workspace::new(sources)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if path.is_dir() {
            collect(&path, out);
        } else if name == "ropa.kdl" || (name.ends_with(".ropa.kdl") && name.len() > ".ropa.kdl".len()) {
            out.push(path);
        }
    }
}

pub fn example(name: &str) -> Workspace {
    workspace(&specs().join(name), &format!("specs/{name}"))
}

pub fn options(kind: Kind, format: Format, lang: Lang) -> Options {
    Options {
        kind,
        format,
        lang,
        audience: Audience::Internal,
        generated: parse_date("2026-11-23").expect("valid date"),
        revision: Revision::Commit {
            id: "0123abc".to_owned(),
            dirty: false,
        },
        subjects: Vec::new(),
    }
}

/// Checks the workspace and renders one report.
pub fn render(workspace: &Workspace, options: &Options) -> String {
    let findings = ropa_check::check(workspace);
    let index = Index::new(workspace);
    let input = Input {
        workspace,
        index: &index,
        findings: &findings,
    };
    ropa_report::render(&input, options).expect("the combination is supported")
}

/// A workspace from files given as (name, text).
pub fn inline(files: &[(&str, &str)]) -> Workspace {
    Workspace::new(
        files
            .iter()
            .map(|(name, text)| {
                let kind = FileKind::of(name);
                ((*name).to_owned(), (*text).to_owned(), kind)
            })
            .collect(),
    )
}
