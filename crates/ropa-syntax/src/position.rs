//! Byte offsets to human line and column numbers.

/// Line starts of one text, for many lookups: each costs a binary search
/// plus a count within one line, not a scan from the start of the file.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| (i + 1) as u32));
        LineIndex { starts }
    }

    /// 1-based line and column of a byte offset; the column counts Unicode
    /// scalar values (what an editor calls a character). Offsets inside a
    /// character or past the end are clamped.
    pub fn line_col(&self, text: &str, offset: u32) -> (usize, usize) {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|start| *start as usize <= offset).max(1);
        let start = self.starts[line - 1] as usize;
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }
}

/// [`LineIndex::line_col`] for a single lookup.
pub fn line_col(text: &str, offset: u32) -> (usize, usize) {
    let mut offset = (offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
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
}
