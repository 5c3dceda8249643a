//! Any workspace of up to four files (split at 0xFF bytes, which UTF-8 never
//! contains): the full rule catalogue runs without panicking and reports
//! findings inside their files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ropa_check::{FileKind, Workspace};

fuzz_target!(|data: &[u8]| {
    let sources: Vec<(String, String, FileKind)> = data
        .split(|b| *b == 0xFF)
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            let kind = if i == 3 { FileKind::Config } else { FileKind::Spec };
            (format!("f{i}.ropa.kdl"), String::from_utf8_lossy(part).into_owned(), kind)
        })
        .collect();
    let workspace = Workspace::new(sources);
    for finding in ropa_check::check(&workspace) {
        let file = workspace.file(finding.file).expect("finding in a known file");
        assert!(finding.span.end as usize <= file.text.len());
        assert!(file.text.is_char_boundary(finding.span.start as usize));
        assert!(file.text.is_char_boundary(finding.span.end as usize));
    }
});
