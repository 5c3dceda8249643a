//! Byte offsets to human line and column numbers.

/// 1-based line and column of a byte offset; the column counts Unicode
/// scalar values (what an editor calls a character). Offsets inside a
/// character or past the end are clamped.
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
    use super::line_col;

    #[test]
    fn counts_characters_not_bytes() {
        let text = "a\nÅsa ö x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // "Åsa ö " is 8 bytes; x is the 7th character.
        assert_eq!(line_col(text, 10), (2, 7));
        assert_eq!(line_col(text, 3), (2, 1)); // inside Å: clamped back
        assert_eq!(line_col(text, 999), (2, 8));
    }
}
