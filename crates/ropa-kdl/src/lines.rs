//! Where lines begin and end: the one line counter behind the formatter's
//! columns, every output's line and column, and the language server's
//! positions.
//!
//! KDL 2 ends a line at CRLF, CR, LF, NEL (U+0085), LS (U+2028), PS
//! (U+2029), VT and FF. A counter that knows only `\n` puts a file saved
//! with lone CRs on one line: positions all read "line 1", and a formatter
//! that pads comments to their old column pads each by its byte offset.
//! The Language Server Protocol counts only CRLF, CR and LF, so an editor
//! and the server agree on positions only if the server counts the same.

/// Which characters end a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaks {
    /// KDL 2's newlines: what a person and every report count.
    Kdl,
    /// The Language Server Protocol's: `\n`, `\r\n` and `\r` only.
    Lsp,
}

/// One line: `start..end` is its content, `next` where the line after it
/// starts (past the line break; `end == next` for the last line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// Length in bytes of the line break starting at byte `i`, if one does
/// (CRLF is one break of two bytes).
pub fn break_len(text: &str, i: usize, breaks: Breaks) -> Option<usize> {
    let b = text.as_bytes();
    match (*b.get(i)?, breaks) {
        (b'\n', _) => Some(1),
        (b'\r', _) => Some(if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
        (0x0b | 0x0c, Breaks::Kdl) => Some(1),
        (0xc2, Breaks::Kdl) if b.get(i + 1) == Some(&0x85) => Some(2),
        (0xe2, Breaks::Kdl) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => Some(3),
        _ => None,
    }
}

/// The first byte of every line break, of either kind: any other byte is
/// skipped with one table lookup.
static MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = matches!(i as u8, b'\n' | b'\r' | 0x0b | 0x0c | 0xc2 | 0xe2);
        i += 1;
    }
    table
};

/// Every line of `text`, in order; an empty text has one empty line, and a
/// text ending in a line break has an empty last line after it.
pub fn lines(text: &str, breaks: Breaks) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut i = start;
        while i < bytes.len() {
            if !MAY_BREAK[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            if let Some(len) = break_len(text, i, breaks) {
                let line = Line {
                    start,
                    end: i,
                    next: i + len,
                };
                start = i + len;
                return Some(line);
            }
            i += 1;
        }
        done = true;
        Some(Line {
            start,
            end: text.len(),
            next: text.len(),
        })
    })
}

/// Where every line of `text` starts, as [`lines`] gives them (offsets as
/// `u32`: spec files are far smaller than 4 GiB).
pub fn line_starts(text: &str, breaks: Breaks) -> Vec<u32> {
    let bytes = text.as_bytes();
    // Nearly every spec ends its lines with `\n` alone: then its line
    // starts are after its `\n`s, which `memchr` finds many bytes at a time.
    let only_lf = match breaks {
        Breaks::Kdl => {
            memchr::memchr3(b'\r', 0x0b, 0x0c, bytes).is_none() && memchr::memchr2(0xc2, 0xe2, bytes).is_none()
        }
        Breaks::Lsp => memchr::memchr(b'\r', bytes).is_none(),
    };
    if !only_lf {
        return lines(text, breaks).map(|line| line.start as u32).collect();
    }
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|at| at as u32 + 1))
        .collect()
}

/// Where the KDL line holding byte `offset` starts. An offset inside a line
/// break (the `\n` of CRLF, the middle of NEL) belongs to the line it ends.
/// Looks back only as far as that line's start.
pub fn line_start(text: &str, offset: usize) -> usize {
    let b = text.as_bytes();
    let offset = offset.min(b.len());
    let mut i = offset;
    while i > 0 {
        i -= 1;
        if let Some(len) = break_len(text, i, Breaks::Kdl) {
            // A break that `offset` is inside of ends the line `offset` is on.
            if i + len <= offset {
                return i + len;
            }
        }
    }
    0
}

/// Where the content of the KDL line holding byte `offset` ends (before its
/// line break, or at the end of the text).
pub fn line_end(text: &str, offset: usize) -> usize {
    let mut i = line_start(text, offset);
    while i < text.len() {
        if break_len(text, i, Breaks::Kdl).is_some() {
            return i;
        }
        i += 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::{Breaks, Line, line_end, line_start, line_starts, lines};

    fn starts(text: &str, breaks: Breaks) -> Vec<usize> {
        lines(text, breaks).map(|l| l.start).collect()
    }

    #[test]
    fn every_kdl_newline_ends_a_line() {
        for nl in ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            let text = format!("a{nl}bc{nl}");
            let b = 1 + nl.len();
            assert_eq!(starts(&text, Breaks::Kdl), vec![0, b, b + 2 + nl.len()], "{nl:?}");
            assert_eq!(line_start(&text, b + 1), b, "{nl:?}");
            assert_eq!(line_end(&text, b), b + 2, "{nl:?}");
            assert_eq!(line_start(&text, 1), 0, "{nl:?}");
            assert_eq!(line_end(&text, 0), 1, "{nl:?}");
        }
    }

    #[test]
    fn skipping_bytes_that_start_no_break_finds_the_same_lines() {
        // The definition: a break wherever `break_len` finds one, trying
        // every byte.
        fn reference(text: &str, breaks: Breaks) -> Vec<Line> {
            let mut out = Vec::new();
            let (mut start, mut i) = (0, 0);
            while i < text.len() {
                match super::break_len(text, i, breaks) {
                    Some(len) => {
                        out.push(Line {
                            start,
                            end: i,
                            next: i + len,
                        });
                        start = i + len;
                        i = start;
                    }
                    None => i += 1,
                }
            }
            out.push(Line {
                start,
                end: text.len(),
                next: text.len(),
            });
            out
        }
        // Long texts too: line starts are found 64 bytes at a time.
        for length in 0..200 {
            for every in [1, 7, 63, 64, 65] {
                let text: String = (0..length)
                    .map(|i| if i % every == every - 1 { '\n' } else { 'x' })
                    .collect();
                let starts: Vec<u32> = reference(&text, Breaks::Kdl).iter().map(|l| l.start as u32).collect();
                assert_eq!(line_starts(&text, Breaks::Kdl), starts, "{text:?}");
            }
        }
        let pieces = [
            "", "a", "\n", "\r", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}", "Ņ", "\u{2020}", "€",
            "\u{c2}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}x");
                    for breaks in [Breaks::Kdl, Breaks::Lsp] {
                        let expected = reference(&text, breaks);
                        assert_eq!(lines(&text, breaks).collect::<Vec<_>>(), expected, "{text:?}");
                        let starts: Vec<u32> = expected.iter().map(|line| line.start as u32).collect();
                        assert_eq!(line_starts(&text, breaks), starts, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn lsp_counts_only_cr_and_lf() {
        let text = "a\u{85}b\u{2028}c\rd\r\ne\n";
        assert_eq!(starts(text, Breaks::Lsp), vec![0, 9, 12, 14]);
        assert_eq!(starts(text, Breaks::Kdl).len(), 6);
    }

    #[test]
    fn inside_a_break_belongs_to_the_line_it_ends() {
        let text = "ab\r\ncd\u{2028}ef";
        assert_eq!(line_start(text, 3), 0);
        assert_eq!(line_start(text, 4), 4);
        assert_eq!(line_start(text, 7), 4);
        assert_eq!(line_start(text, 9), 9);
        // Characters whose UTF-8 ends in a byte that NEL/LS/PS also end in.
        let text = "Ņ\u{2028}x";
        assert_eq!(line_start(text, 2), 0);
        assert_eq!(line_start(text, 5), 5);
        assert_eq!(
            lines("", Breaks::Kdl).collect::<Vec<_>>(),
            vec![Line {
                start: 0,
                end: 0,
                next: 0
            }]
        );
        assert_eq!(line_start("", 9), 0);
    }
}
