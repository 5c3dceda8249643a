//! Text made of one record per item (a finding, an annotation, a line),
//! rendered on every core and written in the items' order: the output is
//! byte for byte what one thread rendering them in turn would write.
//!
//! Items are taken a chunk at a time, each chunk split into pieces that
//! the pool renders side by side; while this thread writes a chunk, the
//! pool renders the next, so only two chunks are held whatever the size of
//! the report. Rendering is most of the time of a large report's output,
//! and one core did it while the other waited.

use std::io::{self, Write};

use rayon::prelude::*;

/// Items rendered at once: enough to keep every core busy, few enough to hold.
pub(super) const CHUNK: usize = 1024;

/// Items one task renders into one piece of text.
const PIECE: usize = 128;

/// Renders each of `items` with `render` (given the item's index in
/// `items`) and hands the text to `write` in order, in pieces of several
/// items each. `bytes_per_item` sizes each piece's buffer.
pub fn write_in_order<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    bytes_per_item: usize,
    render: impl Fn(&mut Vec<u8>, usize, &T) -> io::Result<()> + Sync,
    mut write: impl FnMut(&mut dyn Write, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let render_chunk = |c: usize, chunk: &[T]| -> io::Result<Vec<Vec<u8>>> {
        chunk
            .par_chunks(PIECE)
            .enumerate()
            .map(|(p, piece)| {
                let mut text = Vec::with_capacity(piece.len() * bytes_per_item);
                for (i, item) in piece.iter().enumerate() {
                    render(&mut text, c * CHUNK + p * PIECE + i, item)?;
                }
                Ok(text)
            })
            .collect()
    };
    let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
    let mut current = chunks.first().map(|chunk| render_chunk(0, chunk));
    for c in 0..chunks.len() {
        let Some(rendered) = current.take() else { break };
        let rendered = rendered?;
        let mut next = None;
        rayon::in_place_scope(|scope| {
            if let Some(chunk) = chunks.get(c + 1) {
                scope.spawn(|_| next = Some(render_chunk(c + 1, chunk)));
            }
            rendered.iter().try_for_each(|piece| write(&mut *out, piece))
        })?;
        current = next;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces, joined, are the items rendered one after another, for
    /// counts around the chunk and piece sizes.
    #[test]
    fn writes_every_item_once_in_order() {
        for n in [0, 1, PIECE - 1, PIECE, PIECE + 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let items: Vec<usize> = (0..n).map(|i| i * 7).collect();
            let mut out = Vec::new();
            let mut pieces = 0;
            write_in_order(
                &mut out,
                &items,
                8,
                |text, at, item| {
                    assert_eq!(items[at], *item, "the index given is the item's");
                    writeln!(text, "{item}")
                },
                |out, piece| {
                    pieces += 1;
                    out.write_all(piece)
                },
            )
            .expect("into memory");
            let expected: String = items.iter().map(|i| format!("{i}\n")).collect();
            assert_eq!(String::from_utf8_lossy(&out), expected, "{n} items");
            let expected_pieces: usize = items.chunks(CHUNK).map(|c| c.len().div_ceil(PIECE)).sum();
            assert_eq!(pieces, expected_pieces, "{n} items");
        }
    }

    /// A failing render stops the output with its error.
    #[test]
    fn a_render_error_is_returned() {
        let items: Vec<usize> = (0..3 * CHUNK).collect();
        let mut out = Vec::new();
        let result = write_in_order(
            &mut out,
            &items,
            8,
            |text, at, _| {
                if at == CHUNK + 5 {
                    return Err(io::Error::other("no"));
                }
                writeln!(text, "{at}")
            },
            |out, piece| out.write_all(piece),
        );
        assert_eq!(result.map_err(|e| e.to_string()), Err("no".to_owned()));
        assert!(out.len() < items.len() * 2, "stopped before the end");
    }
}
