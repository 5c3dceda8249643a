//! Rendering on every core where there are threads: a record of thousands
//! of activities is thousands of sibling sections, each rendered on its
//! own. Without threads (the browser build) the same calls run in order on
//! the calling thread; the output is the same either way.

use ropa_check::par::prelude::*;

use crate::doc::Section;
use crate::stream::Out;

/// Sections rendered per task: enough to outweigh the task's cost, few
/// enough that a task's text is small next to the stream's buffer.
const CHUNK: usize = 128;

/// Prints what `render` makes of each of `sections` into `out`, in order
/// ([`each_piece`], [`CHUNK`] sections a task).
pub(crate) fn each_section(out: &mut dyn Out, sections: &[Section], render: impl Fn(&mut String, &Section) + Sync) {
    each_piece(out, sections, CHUNK, render);
}

/// Prints what `render` makes of each of `items` into `out`, in order:
/// `per` items to a task, with a checkpoint after each task's text, so the
/// text of many items is handed on a piece at a time, never gathered into
/// one string.
pub(crate) fn each_piece<T: Sync>(out: &mut dyn Out, items: &[T], per: usize, render: impl Fn(&mut String, &T) + Sync) {
    if items.len() <= per {
        for item in items {
            render(out.text(), item);
        }
        out.checkpoint();
        return;
    }
    let pieces: Vec<String> = items
        .par_chunks(per)
        .map(|chunk| {
            let mut piece = String::new();
            for item in chunk {
                render(&mut piece, item);
            }
            piece
        })
        .collect();
    for piece in pieces {
        out.text().push_str(&piece);
        out.checkpoint();
    }
}

/// `change` applied to each of `items`, on every core.
pub(crate) fn each_mut<T: Send>(items: &mut [T], change: impl Fn(&mut T) + Sync + Send) {
    items.par_iter_mut().for_each(change);
}

/// Frees `items` on every core: a batch of built sections or rows is
/// thousands of small strings, and freeing them was a tenth of the
/// printing thread's time (the HTML report of 100,000 activities).
pub(crate) fn free<T: Send>(items: Vec<T>) {
    items.into_par_iter().for_each(drop);
}

/// `build` applied to each of `items`, in order.
pub(crate) fn map<T: Sync, U: Send>(items: &[T], build: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    items.par_iter().map(build).collect()
}
