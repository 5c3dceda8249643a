//! From the record a company already keeps to ropa spec files: a RoPA
//! spreadsheet exported as CSV ([`csv::import`]) or Fides system and
//! dataset manifests ([`fides::import`]).
//!
//! Pure: text in, spec text and a summary out. No IO, no clock, and no
//! failure: input that cannot be understood is kept as comments in the
//! output and listed in the [`Summary`], never dropped silently. The output
//! always parses (the tests check it for hostile input); what `ropa check`
//! then reports about it is the honest state of the imported record.

#![forbid(unsafe_code)]

mod bases;
pub mod countries;
pub mod csv;
pub mod docs;
mod durations;
pub mod emit;
pub mod fides;
mod ids;
pub mod text;
mod vocab;

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The languages whose words the importers know.
pub use ropa_syntax::values::Lang;

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The name of the input as the user knows it ("ropa.csv",
    /// "fides/"): written into comments so findings lead back to it.
    pub source_name: String,
    /// The CSV field separator; sniffed among `,`, `;` and tab when `None`.
    pub delimiter: Option<u8>,
    /// Ids already declared in the workspace the specs go into; new ids
    /// avoid them.
    pub reserved_ids: BTreeSet<String>,
}

/// What an import produced.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// Spec files to write, as (file name, text). Names end in `.ropa.kdl`
    /// and have no folder part.
    pub files: Vec<(String, String)>,
    pub summary: Summary,
    /// What the input says about the organization itself (Fides
    /// `organization` manifests), for a new workspace's organization file.
    pub organization: Option<OrganizationHint>,
}

/// The organization as an input describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganizationHint {
    pub name: String,
    /// (name, email, phone) of the privacy contact.
    pub contact: Option<(String, Option<String>, Option<String>)>,
    /// (name, email, phone) of the data protection officer.
    pub dpo: Option<(String, Option<String>, Option<String>)>,
}

/// How one column of a sheet was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnReport {
    /// 1-based, as spreadsheets count (A = 1).
    pub index: usize,
    pub header: String,
    /// What the column became ("legal basis → basis"), or `None` when it is
    /// kept as comments.
    pub mapped_to: Option<String>,
}

/// A piece of the input that is in the output as a comment only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// Where it was: "row 4, column \"Övrigt\"", "system `crm`, field `egress`".
    pub place: String,
    pub text: String,
}

/// What an import read, wrote, and could not map.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// What was read: ("rows", 12), ("systems", 3), ("encoding", …) go in notes.
    pub read: Vec<(&'static str, usize)>,
    /// What was written: ("activities", 7), ("data categories", 12), …
    pub written: Vec<(&'static str, usize)>,
    /// CSV only: every column and what it became.
    pub columns: Vec<ColumnReport>,
    /// Values of unmapped columns and fields, kept as comments.
    pub kept: Vec<Kept>,
    /// Values in mapped columns and fields that could not be understood
    /// (also kept as comments): the first things to look at.
    pub not_understood: Vec<Kept>,
    /// Anything else worth knowing: the separator and encoding used, rows
    /// skipped, assumptions made.
    pub notes: Vec<String>,
}

impl Summary {
    /// Plain text for the terminal: counts first, then the lists, each cut
    /// after `limit` entries with a count of the rest.
    pub fn render(&self, limit: usize) -> String {
        let mut out = String::new();
        let counts = |items: &[(&str, usize)]| {
            items
                .iter()
                .map(|(what, n)| format!("{n} {}", if *n == 1 { singular(what) } else { (*what).to_owned() }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.read.is_empty() {
            let _ = writeln!(out, "Read:    {}", counts(&self.read));
        }
        if !self.written.is_empty() {
            let _ = writeln!(out, "Written: {}", counts(&self.written));
        }
        for note in &self.notes {
            let _ = writeln!(out, "Note:    {note}");
        }
        let mapped: Vec<&ColumnReport> = self.columns.iter().filter(|c| c.mapped_to.is_some()).collect();
        let unmapped: Vec<&ColumnReport> = self.columns.iter().filter(|c| c.mapped_to.is_none()).collect();
        if !mapped.is_empty() {
            let _ = writeln!(out, "\nColumns mapped ({}):", mapped.len());
            let width = mapped
                .iter()
                .map(|c| c.header.chars().count().min(50))
                .max()
                .unwrap_or(0);
            for column in mapped {
                let header = text::ellipsize(&column.header, 50);
                let pad = width.saturating_sub(header.chars().count());
                let _ = writeln!(
                    out,
                    "  {:<2}  {header}{}  → {}",
                    csv::column_letter(column.index.saturating_sub(1)),
                    " ".repeat(pad),
                    column.mapped_to.as_deref().unwrap_or("")
                );
            }
        }
        if !unmapped.is_empty() {
            let _ = writeln!(out, "\nColumns not mapped, kept as comments ({}):", unmapped.len());
            for column in unmapped {
                let header = if column.header.is_empty() {
                    "(no header)".to_owned()
                } else {
                    text::ellipsize(&column.header, 70)
                };
                let _ = writeln!(
                    out,
                    "  {:<2}  {header}",
                    csv::column_letter(column.index.saturating_sub(1))
                );
            }
        }
        let list = |out: &mut String, title: &str, items: &[Kept]| {
            if items.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n{title} ({}):", items.len());
            for item in items.iter().take(limit) {
                let _ = writeln!(out, "  {}: {}", item.place, text::ellipsize(&item.text, 70));
            }
            if items.len() > limit {
                let _ = writeln!(
                    out,
                    "  … and {} more (search the specs for \"//\")",
                    items.len() - limit
                );
            }
        };
        list(
            &mut out,
            "Values not understood, kept as comments",
            &self.not_understood,
        );
        list(&mut out, "Kept as comments, no counterpart in ropa", &self.kept);
        out
    }
}

/// "subject categories" → "subject category", "rows" → "row".
fn singular(plural: &str) -> String {
    if let Some(stem) = plural.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        plural.strip_suffix('s').unwrap_or(plural).to_owned()
    }
}

/// Decodes a file's bytes: UTF-8 (with or without a byte-order mark),
/// UTF-16 with a byte-order mark (Excel's "Unicode text"), and otherwise
/// Windows-1252, which is what Excel writes for "CSV" on Nordic Windows
/// systems. Returns the text and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return (String::from_utf16_lossy(&units), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return (String::from_utf16_lossy(&units), "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => (bytes.iter().map(|b| windows_1252(*b)).collect(), "Windows-1252"),
    }
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[(byte - 0x80) as usize],
        _ => byte as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_excel_writes() {
        assert_eq!(decode(b"\xEF\xBB\xBFNamn;\xC3\xA5r"), ("Namn;år".to_owned(), "UTF-8"));
        assert_eq!(decode(b"Namn;\xE5r \x80"), ("Namn;år €".to_owned(), "Windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("år".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), ("år".to_owned(), "UTF-16LE"));
        // An odd trailing byte does not panic.
        assert_eq!(decode(&[0xFF, 0xFE, 0x41]).1, "UTF-16LE");
    }
}
