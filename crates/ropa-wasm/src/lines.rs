//! Byte offsets to LSP positions and back: zero-based lines that end at
//! `\n`, `\r\n` or `\r` (what editors count; KDL's other newlines do not
//! end an editor's line), characters counted in UTF-16 code units (what
//! JavaScript strings count). Positions out of range are clamped: they come
//! from an editor that holds the same text, and a stale one must not fail.

use ropa_syntax::Span;
use ropa_syntax::kdl::lines::{Breaks, lines};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Position {
    pub line: u32,
    pub character: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Range {
    pub start: Position,
    pub end: Position,
}

pub(crate) struct LineIndex<'t> {
    text: &'t str,
    /// Byte offsets where each line starts and where its content ends.
    lines: Vec<(u32, u32)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let lines = lines(text, Breaks::Lsp)
            .map(|line| (line.start as u32, line.end as u32))
            .collect();
        LineIndex { text, lines }
    }

    pub fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .lines
            .partition_point(|(start, _)| *start as usize <= offset)
            .saturating_sub(1);
        let Some(&(start, end)) = self.lines.get(line) else {
            return Position::default();
        };
        let upto = offset.min(end as usize).max(start as usize);
        let character = self
            .text
            .get(start as usize..upto)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum::<usize>());
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The byte offset of a position; a line past the end is the end of the
    /// text, a character past the end of its line the end of that line, and
    /// half a surrogate pair the start of its character.
    pub fn offset(&self, position: Position) -> u32 {
        let Some(&(start, end)) = self.lines.get(position.line as usize) else {
            return self.text.len() as u32;
        };
        let content = self.text.get(start as usize..end as usize).unwrap_or("");
        let mut units = 0u32;
        for (byte, c) in content.char_indices() {
            let next = units + c.len_utf16() as u32;
            if position.character < next {
                return start + byte as u32;
            }
            units = next;
        }
        end
    }

    pub fn span(&self, range: Range) -> Span {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        Span::new(a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn counts_utf16_units_and_editor_lines() {
        // "ø" is 2 bytes and 1 unit; "😀" 4 bytes and 2 units; \r\n one break.
        let text = "ab\r\nøx😀y\rz";
        let index = LineIndex::new(text);
        let y = text.find('y').expect("y") as u32;
        assert_eq!(index.position(y), pos(1, 4));
        assert_eq!(index.offset(pos(1, 4)), y);
        let z = text.find('z').expect("z") as u32;
        assert_eq!(index.position(z), pos(2, 0));
        assert_eq!(index.offset(pos(2, 0)), z);
        // The middle of the surrogate pair snaps back to the emoji.
        let emoji = text.find('😀').expect("emoji") as u32;
        assert_eq!(index.offset(pos(1, 3)), emoji);
    }

    #[test]
    fn clamps_what_is_out_of_range() {
        let text = "abc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(pos(0, 99)), 3);
        assert_eq!(index.offset(pos(9, 0)), 5);
        assert_eq!(index.position(999), pos(1, 1));
        // Inside a character: the character's start.
        let index = LineIndex::new("å");
        assert_eq!(index.position(1), pos(0, 0));
        assert_eq!(LineIndex::new("").position(3), pos(0, 0));
    }

    #[test]
    fn kdl_only_newlines_do_not_end_an_editor_line() {
        let text = "a\u{2028}b";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text.len() as u32), pos(0, 3));
    }
}
