//! Byte offsets to LSP positions and back, in the negotiated encoding.
//!
//! Everything below this crate speaks byte offsets. LSP speaks (line,
//! character) where a character is a UTF-16 code unit unless client and
//! server agree on UTF-8 (LSP 3.17 `positionEncoding`). Swedish, Danish and
//! Norwegian names are everywhere in specs ("Åsa Öberg", "Bogføringsloven"),
//! so the difference is not academic: `ø` is 2 bytes and 1 UTF-16 unit, and
//! an emoji in a comment is 4 bytes and 2 units.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the LSP specification says
//! and editors count (the shared counter in `ropa_kdl::lines`, LSP's set):
//! KDL's other newlines (NEL, LS, PS, VT, FF) end a KDL line but not an
//! editor's, so a position on either side of one is on the same LSP line.
//! A position past the end of its line means the end of that line (LSP
//! 3.17, "Position": "If the character value is greater than the line
//! length it defaults back to the line length"); a line past the last one
//! means the end of the text (Neovim's linewise ranges end on the line after
//! the last one).

use ropa_syntax::Span;
use ropa_syntax::kdl::lines::{Breaks, lines};
use tower_lsp_server::ls_types::{Position, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    text: String,
    /// Byte offset where each line starts.
    starts: Vec<u32>,
    /// Byte offset where each line's content ends (before its terminator).
    ends: Vec<u32>,
    encoding: Encoding,
}

impl LineIndex {
    pub fn new(text: &str, encoding: Encoding) -> LineIndex {
        let (starts, ends) = lines(text, Breaks::Lsp)
            .map(|line| (line.start as u32, line.end as u32))
            .unzip();
        LineIndex {
            text: text.to_owned(),
            starts,
            ends,
            encoding,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces `span` with `new_text` and updates the line table from the
    /// line before the edit to the line after it; the lines further on only
    /// shift. A keystroke in a 5 MB file then costs a shift of the line
    /// starts, not a scan of the whole text (the text is edited in place).
    pub fn edit(&mut self, span: Span, new_text: &str) {
        let (start, end) = (span.start as usize, (span.end as usize).min(self.text.len()));
        if start > end || !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            // Not from `span()`: rebuild rather than guess.
            let mut text = std::mem::take(&mut self.text);
            text.replace_range(start.min(text.len())..end.max(start.min(text.len())), new_text);
            *self = LineIndex::new(&text, self.encoding);
            return;
        }
        let line_of = |offset: usize| self.starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        // From the line before (a `\r` there may pair with a `\n` inserted
        // here) to two lines after the edit's end (a removed `\n` may join
        // lines), in the old text.
        let first = line_of(start).saturating_sub(1);
        let after = line_of(end) + 2;
        let from = self.starts[first] as usize;
        let old_to = self.starts.get(after).map_or(self.text.len(), |&s| s as usize);
        self.text.replace_range(start..end, new_text);
        let delta = new_text.len() as i64 - (end - start) as i64;
        let new_to = (old_to as i64 + delta) as usize;
        let at_end = after >= self.starts.len();
        let mut starts: Vec<u32> = Vec::new();
        let mut ends: Vec<u32> = Vec::new();
        for line in lines(&self.text[from..new_to], Breaks::Lsp) {
            // The slice ends where a kept line starts: not a line of its own.
            if !at_end && from + line.start == new_to {
                break;
            }
            starts.push((from + line.start) as u32);
            ends.push((from + line.end) as u32);
        }
        let shift = |v: &u32| (*v as i64 + delta) as u32;
        let tail_starts: Vec<u32> = self.starts.get(after..).unwrap_or_default().iter().map(shift).collect();
        let tail_ends: Vec<u32> = self.ends.get(after..).unwrap_or_default().iter().map(shift).collect();
        self.starts.truncate(first);
        self.ends.truncate(first);
        self.starts.extend(starts);
        self.ends.extend(ends);
        self.starts.extend(tail_starts);
        self.ends.extend(tail_ends);
    }

    fn width(&self, c: char) -> u32 {
        match self.encoding {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }

    /// The byte offset of a position. A character inside a multi-unit
    /// character (half a surrogate pair, the middle of a UTF-8 sequence)
    /// snaps back to its start; one past the line's end is its end, a line
    /// past the last one is the end of the text.
    pub fn offset(&self, position: Position) -> u32 {
        let line = position.line as usize;
        let (Some(&start), Some(&end)) = (self.starts.get(line), self.ends.get(line)) else {
            return self.text.len() as u32;
        };
        let content = &self.text[start as usize..end as usize];
        let mut units = 0u32;
        for (byte, c) in content.char_indices() {
            units += self.width(c);
            if position.character < units {
                return start + byte as u32;
            }
        }
        end
    }

    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        Span::new(start.min(end), start.max(end))
    }

    /// The position of a byte offset (clamped to the text, snapped back to a
    /// character boundary: offsets come from our own spans, but a stale one
    /// must not panic).
    pub fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        let start = self.starts[line] as usize;
        let end = (self.ends[line] as usize).max(start);
        let upto = offset.min(end);
        let character = self.text[start..upto].chars().map(|c| self.width(c)).sum();
        Position::new(line as u32, character)
    }

    /// The content of line `line` (without its terminator), as byte offsets.
    pub fn line_span(&self, line: u32) -> Option<Span> {
        let (start, end) = (self.starts.get(line as usize)?, self.ends.get(line as usize)?);
        Some(Span::new(*start, (*end).max(*start)))
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "contact \"Åsa Öberg\" x\r\ndata 😀 y\rz\n";

    #[test]
    fn utf16_counts_code_units() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        // `x` is after 19 UTF-16 units on line 0 (Å and Ö are one unit each).
        let x = TEXT.find(" x").expect("x") as u32 + 1;
        assert_eq!(index.position(x), Position::new(0, 20));
        assert_eq!(index.offset(Position::new(0, 20)), x);
        // The emoji is a surrogate pair: `y` is at unit 8.
        let y = TEXT.find('y').expect("y") as u32;
        assert_eq!(index.position(y), Position::new(1, 8));
        assert_eq!(index.offset(Position::new(1, 8)), y);
        // Half a surrogate pair snaps back to the emoji.
        assert_eq!(
            index.offset(Position::new(1, 6)),
            TEXT.find('😀').expect("emoji") as u32
        );
        // A lone \r ends a line too.
        assert_eq!(index.position(TEXT.find('z').expect("z") as u32), Position::new(2, 0));
    }

    #[test]
    fn utf8_counts_bytes() {
        let index = LineIndex::new(TEXT, Encoding::Utf8);
        let x = TEXT.find(" x").expect("x") as u32 + 1;
        assert_eq!(index.position(x), Position::new(0, x));
        assert_eq!(index.offset(Position::new(0, x)), x);
        let y = TEXT.find('y').expect("y") as u32;
        assert_eq!(index.position(y).character, 10);
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        // Line 0 is 21 units long; its end is before \r\n.
        assert_eq!(index.offset(Position::new(0, 21)), TEXT.find('\r').expect("cr") as u32);
        // Past the end of the line: its end (LSP 3.17), not the next line.
        assert_eq!(index.offset(Position::new(0, 22)), TEXT.find('\r').expect("cr") as u32);
        // The position of the \n of \r\n is the end of line 0.
        assert_eq!(
            index.position(TEXT.find('\n').expect("lf") as u32),
            Position::new(0, 21)
        );
    }

    #[test]
    fn only_cr_and_lf_end_an_editor_line() {
        let text = "a\u{85}b\u{2028}c\u{0C}d\re\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        let at = |c: char| index.position(text.find(c).expect("char") as u32);
        assert_eq!(at('b'), Position::new(0, 2));
        assert_eq!(at('d'), Position::new(0, 6));
        assert_eq!(at('e'), Position::new(1, 0));
        assert_eq!(index.offset(Position::new(0, 6)), text.find('d').expect("d") as u32);
        assert_eq!(index.position(text.len() as u32), Position::new(2, 0));
    }

    #[test]
    fn edits_update_the_table_as_a_rebuild_would() {
        // Line breaks of every kind, inserted, removed and split, next to
        // multi-byte characters: after each edit the table must equal one
        // built from scratch.
        let pieces = ["\n", "\r", "\r\n", "ø", "😀", "ab", "", "\n\n"];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut index = LineIndex::new("data a\r\nb ø\rc\n😀\n", Encoding::Utf16);
        for _ in 0..3000 {
            let text = index.text().to_owned();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let (a, b) = (bounds[next(bounds.len())], bounds[next(bounds.len())]);
            let (start, end) = (a.min(b), a.max(b));
            let end = if next(3) == 0 {
                end
            } else {
                start + (end - start).min(3)
            };
            let end = (end..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            let insert = pieces[next(pieces.len())].to_owned() + pieces[next(pieces.len())];
            index.edit(Span::new(start as u32, end as u32), &insert);
            let mut expected = text.clone();
            expected.replace_range(start..end, &insert);
            assert_eq!(
                index,
                LineIndex::new(&expected, Encoding::Utf16),
                "{text:?} {start}..{end} {insert:?}"
            );
            if index.text().len() > 200 {
                index = LineIndex::new("x\ny", Encoding::Utf16);
            }
        }
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        // A line past the last one: the end of the text.
        assert_eq!(index.offset(Position::new(9, 0)), TEXT.len() as u32);
        assert_eq!(index.offset(Position::new(3, 1)), TEXT.len() as u32);
        assert_eq!(index.offset(Position::new(3, 0)), TEXT.len() as u32);
        // A character past the end of line 1 ("data 😀 y" is 9 units): the
        // end of that line, before its `\r`.
        assert_eq!(
            index.offset(Position::new(1, 500)),
            TEXT.find("\rz").expect("cr") as u32
        );
        assert_eq!(index.position(10_000), Position::new(3, 0));
        assert_eq!(index.position(2), Position::new(0, 2));
        let empty = LineIndex::new("", Encoding::Utf8);
        assert_eq!(empty.offset(Position::new(0, 0)), 0);
        assert_eq!(empty.offset(Position::new(0, 1)), 0);
        assert_eq!(empty.offset(Position::new(u32::MAX, u32::MAX)), 0);
    }
}
