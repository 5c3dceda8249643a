//! Reading the sheet: the separator (given, or sniffed among `,`, `;` and
//! tab), Excel's `sep=` line, a byte-order mark, and RFC 4180 quoting with
//! line breaks inside cells, through the `csv` crate.

/// The cells of a sheet, row by row, as the spreadsheet showed them.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub(crate) delimiter: u8,
    /// Whether the separator was sniffed (not given, no `sep=` line).
    pub(crate) sniffed: bool,
    pub rows: Vec<Vec<String>>,
}

const CANDIDATES: [u8; 3] = [b';', b',', b'\t'];

pub fn read(text: &str, delimiter: Option<u8>) -> Sheet {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Excel writes "sep=;" as a first line when asked to; it is not a row.
    let (text, directive) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end().len() == 5 && first.starts_with("sep=") => {
            (rest, first.as_bytes().get(4).copied())
        }
        _ => (text, None),
    };
    let (delimiter, sniffed) = match (delimiter, directive) {
        (Some(d), _) => (d, false),
        (None, Some(d)) => (d, false),
        (None, None) => (sniff(text), true),
    };
    Sheet {
        delimiter,
        sniffed,
        rows: parse(text, delimiter, usize::MAX),
    }
}

fn parse(text: &str, delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.byte_records().take(limit) {
        // Reading bytes from a string cannot fail on IO or encoding; a
        // record the reader still rejects is skipped rather than stopping.
        let Ok(record) = record else { continue };
        rows.push(record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect());
    }
    rows
}

/// The separator that splits the first rows most consistently into more
/// than one cell. A semicolon sheet whose cells hold commas ("Namn, adress")
/// splits into ragged rows on commas, so consistency decides, then width.
fn sniff(text: &str) -> u8 {
    let mut best: Option<(u32, usize, u8)> = None;
    for candidate in CANDIDATES {
        let rows = parse(text, candidate, 50);
        let widths: Vec<usize> = rows
            .iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(Vec::len)
            .collect();
        if widths.is_empty() {
            continue;
        }
        let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for w in &widths {
            *counts.entry(*w).or_default() += 1;
        }
        let Some((mode, n)) = counts.iter().max_by_key(|(w, n)| (**n, **w)).map(|(w, n)| (*w, *n)) else {
            continue;
        };
        if mode < 2 {
            continue;
        }
        let consistency = (n * 100 / widths.len()) as u32;
        let score = (consistency, mode, candidate);
        if best.is_none_or(|b| (score.0, score.1) > (b.0, b.1)) {
            best = Some(score);
        }
    }
    best.map_or(b',', |b| b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_separator() {
        assert_eq!(read("a;b;c\n1;2;3\n", None).delimiter, b';');
        assert_eq!(read("a,b,c\n1,2,3\n", None).delimiter, b',');
        assert_eq!(read("a\tb\n1\t2\n", None).delimiter, b'\t');
        // Commas inside unquoted cells of a semicolon sheet.
        let sheet = read("Namn;Data\nKunder;Namn, adress, telefon\nLev;Namn\n", None);
        assert_eq!(sheet.delimiter, b';');
        assert_eq!(sheet.rows[1], ["Kunder", "Namn, adress, telefon"]);
        assert_eq!(read("a;b\n", Some(b',')).delimiter, b',');
    }

    #[test]
    fn bom_sep_line_quotes_and_newlines() {
        let sheet = read(
            "\u{FEFF}sep=;\r\n\"A\";\"B \"\"x\"\"\"\r\n\"line\r\nbreak\";2\r\n",
            None,
        );
        assert_eq!(sheet.delimiter, b';');
        assert!(!sheet.sniffed);
        assert_eq!(sheet.rows, [vec!["A", "B \"x\""], vec!["line\r\nbreak", "2"]]);
    }

    #[test]
    fn ragged_rows_and_unclosed_quotes() {
        let sheet = read("a,b\n1\n1,2,3\n\"open,4\n", None);
        assert_eq!(sheet.rows.len(), 4);
        assert_eq!(sheet.rows[2].len(), 3);
    }
}
