//! Rendering on every core where there are threads: a record of thousands
//! of activities is thousands of sibling sections, each rendered on its
//! own. Without threads (the browser build) the same calls run in order on
//! the calling thread; the output is the same either way.

use ropa_check::par::prelude::*;

use crate::doc::Section;

/// Sections rendered per task: enough to outweigh the task's cost.
const CHUNK: usize = 512;

/// Appends what `render` makes of each of `sections` to `out`, in order.
pub(crate) fn each_section(out: &mut String, sections: &[Section], render: impl Fn(&mut String, &Section) + Sync) {
    if sections.len() <= CHUNK {
        for s in sections {
            render(out, s);
        }
        return;
    }
    let pieces: Vec<String> = sections
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut piece = String::new();
            for s in chunk {
                render(&mut piece, s);
            }
            piece
        })
        .collect();
    out.reserve(pieces.iter().map(String::len).sum());
    for piece in pieces {
        out.push_str(&piece);
    }
}

/// `build` applied to each of `items`, in order.
pub(crate) fn map<T: Sync, U: Send>(items: &[T], build: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    items.par_iter().map(build).collect()
}
