//! `ropa check --add-allow`: an `allow` for every current finding that may
//! be accepted, each with a placeholder reason (like ruff's `--add-noqa`).
//! The findings are then suppressed, but each allow is reported as
//! `allow-without-reason` until a person writes why: ropa never accepts a
//! finding on its own.

use std::path::Path;

use ropa_check::{FileKind, Parsed, Workspace};

use super::checked::Checked;
use super::fail;
use crate::exit;
use crate::output::plural;
use crate::write::{Rules, write_atomically};

pub fn run(checked: &Checked) -> u8 {
    if !checked.problems.is_empty() {
        for problem in &checked.problems {
            fail(&format!("{}: {}", crate::load::display(&problem.path), problem.message));
        }
        return fail("no allow added: fix the files above first");
    }
    let mut added = 0;
    let mut files = 0;
    for (loaded, findings) in checked.loaded.iter().zip(&checked.findings) {
        // The editor's edits need each file's KDL tree, which a check drops.
        let sources = loaded
            .workspace
            .files
            .iter()
            .map(|f| {
                let kind = match f.parsed {
                    Parsed::Config(_) => FileKind::Config,
                    Parsed::Spec(_) => FileKind::Spec,
                };
                (f.path.clone(), f.text.clone(), kind)
            })
            .collect();
        let workspace = Workspace::new(sources);
        for file_edit in ropa_ide::allow_all(&workspace, findings) {
            let Some(file) = workspace.file(file_edit.file) else {
                continue;
            };
            let mut text = file.text.clone();
            // Sorted and not overlapping: applied from the end, offsets stay valid.
            for edit in file_edit.edits.iter().rev() {
                let range = edit.span.start as usize..edit.span.end as usize;
                if text.get(range.clone()).is_none() {
                    return fail(&format!("{}: the file changed while ropa read it", file.path));
                }
                text.replace_range(range, &edit.new_text);
                added += edit.new_text.matches("allow ").count();
            }
            if let Err(message) = write_atomically(Path::new(&file.path), &text, Rules::spec(false)) {
                return fail(&format!("{}: {message}", file.path));
            }
            files += 1;
        }
    }
    if added == 0 {
        eprintln!(
            "No finding to allow: every finding left is about an `allow` or a placeholder, or may not be allowed."
        );
        return exit::CLEAN;
    }
    eprintln!(
        "Added {} to {}, each with reason=\"TODO: why this is accepted\": write the reason, or fix the finding and remove its allow. Until then each is reported as allow-without-reason.",
        plural(added, "allow", "allows"),
        plural(files, "file", "files"),
    );
    exit::CLEAN
}
