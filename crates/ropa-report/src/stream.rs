//! Printing a document as it is produced: a record of 100,000 activities
//! prints hundreds of megabytes of HTML, and held whole that text (and the
//! room a growing string keeps for itself) was several times the record.

use std::io::{self, Write};

use crate::doc::{Block, BuildRows, Document, Expand, Row, Section, Table};

/// Text on its way to a writer. Printers append to [`Out::text`], and
/// [`Out::checkpoint`] hands it to the writer once there is enough of it.
pub(crate) struct Stream<'w> {
    text: String,
    out: &'w mut dyn Write,
    /// The first write error; later text is dropped, and [`Stream::finish`]
    /// returns it.
    error: Option<io::Error>,
}

/// Text gathered before a write: large enough that writes are few, small
/// next to the report.
const FLUSH_AT: usize = 1 << 20;

impl<'w> Stream<'w> {
    pub(crate) fn new(out: &'w mut dyn Write) -> Self {
        Stream {
            text: String::with_capacity(FLUSH_AT + FLUSH_AT / 4),
            out,
            error: None,
        }
    }

    /// Writes what is left, first passing it to `tail` (which may trim
    /// it), and returns the first error of the whole stream.
    pub(crate) fn finish(mut self, tail: impl FnOnce(&mut String)) -> io::Result<()> {
        tail(&mut self.text);
        if self.error.is_none()
            && let Err(e) = self.out.write_all(self.text.as_bytes())
        {
            self.error = Some(e);
        }
        self.error.map_or(Ok(()), Err)
    }

    fn flush(&mut self) {
        // Newlines at the end stay: Markdown trims the document's last ones,
        // and they may be the last text of all.
        let keep = self.text.len() - self.text.trim_end_matches('\n').len();
        let upto = self.text.len() - keep;
        if self.error.is_none()
            && let Err(e) = self.out.write_all(&self.text.as_bytes()[..upto])
        {
            self.error = Some(e);
        }
        self.text.drain(..upto);
    }
}

/// A table of a large record (one row per activity or finding) is written
/// out as it is printed, every so many rows.
pub(crate) const ROWS_PER_CHECKPOINT: usize = 256;

/// Where a printer writes: a string, or a [`Stream`].
pub(crate) trait Out {
    fn text(&mut self) -> &mut String;
    /// A point between sections where the text so far may be written out.
    fn checkpoint(&mut self);
}

impl Out for String {
    fn text(&mut self) -> &mut String {
        self
    }
    fn checkpoint(&mut self) {}
}

impl Out for Stream<'_> {
    fn text(&mut self) -> &mut String {
        &mut self.text
    }
    fn checkpoint(&mut self) {
        if self.text.len() >= FLUSH_AT {
            self.flush();
        }
    }
}

/// What a printer needs besides the text: the document, how to build its
/// deferred sections and its tables' later rows, and how to draw its
/// figures.
#[derive(Clone, Copy)]
pub(crate) struct Print<'p> {
    pub document: &'p Document,
    pub expand: &'p Expand<'p>,
    pub rows: &'p BuildRows<'p>,
    pub draw: &'p Draw<'p>,
}

/// Prints `table`'s rows with `row`, then its later rows a batch at a
/// time, [`ROWS_PER_CHECKPOINT`] rows to a task and a checkpoint.
pub(crate) fn rows(out: &mut dyn Out, print: Print, table: &Table, row: impl Fn(&mut String, &Row) + Sync) {
    crate::parallel::each_piece(out, &table.rows, ROWS_PER_CHECKPOINT, &row);
    let Some(later) = &table.later else {
        return;
    };
    for start in (0..later.items.len()).step_by(BATCH) {
        let batch = start..(start + BATCH).min(later.items.len());
        let built = print.document.rows(print.rows, later, batch);
        crate::parallel::each_piece(out, &built, ROWS_PER_CHECKPOINT, &row);
        crate::parallel::free(built);
    }
}

/// Draws a page of the transfer map ([`crate::doc::Block::Figure`]) into
/// the text, which may leave at checkpoints while it is drawn.
pub(crate) type Draw<'d> = dyn Fn(usize, &mut dyn Out) + Sync + 'd;

/// Deferred sections and later rows built and printed per batch: enough to
/// keep both cores busy, few enough that a batch is small.
pub(crate) const BATCH: usize = 512;

/// Prints `section`'s children, then its deferred children a batch at a
/// time. A child that streams (deferred children or a long table, at any
/// depth) is printed into `out` itself, so that its text leaves as it is
/// printed; the others are printed on every core, each into a piece of
/// text held until it is written.
pub(crate) fn children(
    out: &mut dyn Out,
    print: Print,
    section: &Section,
    render: impl Fn(&mut dyn Out, &Section) + Sync,
) {
    if section.children.iter().any(streams) {
        for child in &section.children {
            render(out, child);
            out.checkpoint();
        }
    } else {
        crate::parallel::each_section(out, &section.children, |text, child| render(text, child));
    }
    if let Some(deferred) = &section.deferred {
        for start in (0..deferred.items.len()).step_by(BATCH) {
            let batch = start..(start + BATCH).min(deferred.items.len());
            let built = print.document.expand(print.expand, deferred, batch);
            crate::parallel::each_section(out, &built, |text, child| render(text, child));
            crate::parallel::free(built);
        }
    }
}

/// Whether `section` is printed straight into the stream: it has deferred
/// children, or a table with later rows or more rows than a checkpoint's
/// worth, at any depth. Printed into a piece of its own, such a section
/// was held whole (a hundred megabytes at 100,000 activities).
fn streams(section: &Section) -> bool {
    section.deferred.is_some()
        || section
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Table(t) if t.rows.len() > ROWS_PER_CHECKPOINT || t.later.is_some()))
        || section.children.iter().any(streams)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails every write after the first `ok` bytes.
    struct Full {
        written: Vec<u8>,
        ok: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.written.len() + buf.len() > self.ok {
                return Err(io::Error::other("disk full"));
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn text_leaves_at_checkpoints_once_there_is_enough_and_newlines_wait_for_the_end() {
        let mut sink = Vec::new();
        let mut stream = Stream::new(&mut sink);
        stream.text().push_str("small\n");
        stream.checkpoint();
        let big = "x".repeat(FLUSH_AT);
        stream.text().push_str(&big);
        stream.text().push_str("\n\n\n");
        stream.checkpoint();
        // Everything but the trailing newlines has been written.
        assert_eq!(stream.text, "\n\n\n");
        stream
            .finish(|tail| {
                while tail.ends_with("\n\n") {
                    tail.pop();
                }
            })
            .expect("a Vec takes every write");
        assert_eq!(sink, format!("small\n{big}\n").into_bytes());
    }

    #[test]
    fn a_section_with_a_long_table_at_any_depth_streams() {
        let with_table = |rows: usize| {
            let mut inner = Section::new(None, "inner");
            inner.blocks.push(Block::Table(Table {
                head: vec!["h".to_owned()],
                rows: vec![
                    crate::doc::Row {
                        anchor: None,
                        cells: vec![Vec::new()],
                    };
                    rows
                ],
                numeric: Vec::new(),
                widths: Vec::new(),
                later: None,
            }));
            let mut outer = Section::new(None, "outer");
            outer.children.push(inner);
            outer
        };
        assert!(streams(&with_table(ROWS_PER_CHECKPOINT + 1)));
        assert!(!streams(&with_table(ROWS_PER_CHECKPOINT)));
        assert!(!streams(&Section::new(None, "empty")));
        let mut later = with_table(0);
        if let Block::Table(table) = &mut later.children[0].blocks[0] {
            table.later = Some(crate::doc::LaterRows {
                kind: crate::doc::RowsKind::Overview,
                items: Vec::new(),
            });
        }
        assert!(streams(&later), "later rows are built as printed, so they stream");
    }

    #[test]
    fn the_first_write_error_is_returned_and_nothing_after_it_is_written() {
        let mut full = Full {
            written: Vec::new(),
            ok: FLUSH_AT + 10,
        };
        let mut stream = Stream::new(&mut full);
        stream.text().push_str(&"a".repeat(FLUSH_AT));
        stream.checkpoint();
        stream.text().push_str(&"b".repeat(FLUSH_AT));
        stream.checkpoint();
        stream.text().push('c');
        let error = stream.finish(|_| {}).expect_err("the disk filled up");
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(full.written.len(), FLUSH_AT);
    }
}
