//! Byte offsets to human line and column numbers, lines ending at every
//! KDL 2 newline (see [`ropa_kdl::lines`]).

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
        let line = self.starts.partition_point(|start| *start as usize <= offset).max(1);
        let start = self.starts[line - 1] as usize;
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
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
