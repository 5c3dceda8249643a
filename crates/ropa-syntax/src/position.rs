//! Byte offsets to human line and column numbers, lines ending at every
//! KDL 2 newline (see [`ropa_kdl::lines`]).

use std::cell::Cell;

use ropa_kdl::lines::{Breaks, line_starts, lines};

/// Line starts of one text, for many lookups: each costs a binary search
/// plus a count within one line, not a scan from the start of the file.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: line_starts(text, Breaks::Kdl),
        }
    }

    /// 1-based line and column of a byte offset; the column counts Unicode
    /// scalar values (what an editor calls a character). Offsets inside a
    /// character or past the end are clamped.
    pub fn line_col(&self, text: &str, offset: u32) -> (usize, usize) {
        let offset = char_floor(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line - 1] as usize;
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// The 1-based line holding `offset`. Findings are looked up in order of
    /// place, so the line of this thread's last lookup in the same index is
    /// nearly always at or a few lines before the answer: the search starts
    /// there, through the next [`NEARBY_LINES`] line starts (which are in
    /// cache), and goes through every line start only when the answer is
    /// not among them. A remembered line is only where to start: the answer
    /// is always one of this index's own line starts, so a stale one
    /// (another index at the same address) costs a search and changes no
    /// answer.
    fn line_of(&self, offset: usize) -> usize {
        let key = self.starts.as_ptr() as usize;
        let every_line = || self.starts.partition_point(|start| *start as usize <= offset).max(1);
        LAST_LINES.with(|last| {
            let [recent, older] = last.get();
            let (guess, kept) = if recent.0 == key {
                (Some(recent.1), older)
            } else if older.0 == key {
                (Some(older.1), recent)
            } else {
                (None, recent)
            };
            // Where the guessed line starts, if that is at or before `offset`.
            let from = guess
                .and_then(|line| line.checked_sub(1))
                .filter(|from| self.starts.get(*from).is_some_and(|start| *start as usize <= offset));
            let line = match from {
                Some(from) => {
                    let nearby = &self.starts[from..(from + NEARBY_LINES).min(self.starts.len())];
                    // Every line start before `from` is before `offset` too.
                    let line = from + nearby.partition_point(|start| *start as usize <= offset);
                    if line < from + nearby.len() || line == self.starts.len() {
                        line
                    } else {
                        every_line()
                    }
                }
                None => every_line(),
            };
            last.set([(key, line), kept]);
            line
        })
    }

    /// [`LineIndex::line_col`] of both ends of a span. An end on the start's
    /// line, as nearly every finding's is, costs a count of the characters
    /// between them instead of a second search through the line starts.
    pub fn span_line_cols(&self, text: &str, start: u32, end: u32) -> ((usize, usize), (usize, usize)) {
        let first = self.line_col(text, start);
        let (from, to) = (char_floor(text, start), char_floor(text, end));
        let next_line = self.starts.get(first.0).map_or(usize::MAX, |next| *next as usize);
        match text.get(from..to) {
            Some(between) if to < next_line => (first, (first.0, first.1 + between.chars().count())),
            _ => (first, self.line_col(text, end)),
        }
    }
}

/// Line starts from the remembered line on that are searched first: a
/// record's findings are a few lines apart.
const NEARBY_LINES: usize = 32;

thread_local! {
    /// The last line looked up in each of the two indexes this thread used
    /// last (keyed by the address of their line starts): a finding's place
    /// and its related place are often in two files, looked up in turn.
    static LAST_LINES: Cell<[(usize, usize); 2]> = const { Cell::new([(0, 0); 2]) };
}

/// `offset`, inside the text and moved back to the start of the character
/// it falls in.
fn char_floor(text: &str, offset: u32) -> usize {
    let mut offset = (offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// [`LineIndex::line_col`] for a single lookup.
pub fn line_col(text: &str, offset: u32) -> (usize, usize) {
    let offset = char_floor(text, offset);
    let line_start = ropa_kdl::lines::line_start(text, offset);
    let line = lines(text, Breaks::Kdl)
        .take_while(|line| line.next <= line_start && line.next > line.end)
        .count()
        + 1;
    let column = text.get(line_start..offset).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, line_col};

    #[test]
    fn counts_characters_not_bytes() {
        let text = "a\nÅsa ö x";
        let index = LineIndex::new(text);
        for (offset, expected) in [
            (0, (1, 1)),
            (2, (2, 1)),
            (10, (2, 7)),
            (3, (2, 1)),
            (999, (2, 8)),
            (1, (1, 2)),
        ] {
            assert_eq!(line_col(text, offset), expected, "offset {offset}");
            assert_eq!(index.line_col(text, offset), expected, "offset {offset}");
        }
        assert_eq!(LineIndex::new("").line_col("", 5), (1, 1));
        assert_eq!(LineIndex::new("\n\n").line_col("\n\n", 2), (3, 1));
    }

    #[test]
    fn both_ends_of_a_span_are_where_line_col_puts_them() {
        for text in ["", "a", "ab\ncd", "aå\r\nöb\u{2028}c\rd\n\nx😀y\u{85}", "\n\r\n\r"] {
            let index = LineIndex::new(text);
            for start in 0..=text.len() as u32 + 1 {
                for end in 0..=text.len() as u32 + 1 {
                    assert_eq!(
                        index.span_line_cols(text, start, end),
                        (index.line_col(text, start), index.line_col(text, end)),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    /// Lookups in any order, in indexes used in turn (and one dropped and
    /// rebuilt, perhaps at the same address), give what a search gives.
    #[test]
    fn remembered_lines_never_change_an_answer() {
        // One longer than the lines searched first from a remembered one.
        let long = "ab\n".repeat(3 * super::NEARBY_LINES);
        let texts = [
            "a\nbb\n\nccc\nd",
            "x\r\ny\u{2028}zz\n\n\nw",
            "only one line",
            "\n\n\n\n\n\n\n\n\n",
            long.as_str(),
        ];
        let mut step = 7u32;
        for round in 0..3 {
            let indexes: Vec<LineIndex> = texts.iter().map(|t| LineIndex::new(t)).collect();
            for _ in 0..2000 {
                // A fixed walk that jumps back and forth, and between texts.
                step = step.wrapping_mul(1_103_515_245).wrapping_add(12_345 + round);
                let which = (step >> 8) as usize % texts.len();
                let text = texts[which];
                let offset = (step >> 16) % (text.len() as u32 + 2);
                assert_eq!(
                    indexes[which].line_col(text, offset),
                    line_col(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn every_kdl_newline_counts_as_lf_does() {
        let lf = "a\nbb ö\n\nc";
        let c = lf.find('c').expect("c") as u32;
        for nl in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            let text = lf.replace('\n', nl);
            let at = text.find('c').expect("c") as u32;
            let ö = text.find('ö').expect("ö") as u32;
            assert_eq!(line_col(&text, at), line_col(lf, c), "{nl:?}");
            assert_eq!(line_col(&text, at), (4, 1), "{nl:?}");
            assert_eq!(line_col(&text, ö), (2, 4), "{nl:?}");
            let index = LineIndex::new(&text);
            assert_eq!(index.line_col(&text, at), (4, 1), "{nl:?}");
            assert_eq!(index.line_col(&text, ö), (2, 4), "{nl:?}");
        }
    }
}
