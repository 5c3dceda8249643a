//! A document as one self-contained HTML page: inline CSS, the map as
//! inline SVG, no scripts and no external assets (a Content-Security-Policy
//! forbids loading any). Prints to A4 from a browser: each part starts a
//! page, table headers repeat, rows and short sections are not split.

use std::fmt::Write as _;
use std::io;

use crate::doc::{Block, Document, Field, Inline, LinkList, Section, Table};
use crate::escape::{css_string, html as esc, html_into as esc_into};
use crate::stream::{self, Out, Print, Stream};

const STYLE: &str = include_str!("report.css");

/// The document's first line, as [`render`] writes it.
pub const FIRST_LINE: &str = "<!DOCTYPE html>";

pub(crate) fn render(print: Print, sink: &mut dyn io::Write) -> io::Result<()> {
    let mut stream = Stream::new(sink);
    let document = print.document;
    let out = stream.text();
    let lang = document.lang.code();
    let _ = write!(
        out,
        "{FIRST_LINE}\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"generator\" content=\"ropa\">\n<title>{} · {}</title>\n<style>\n{STYLE}",
        esc(&document.title),
        esc(&document.subject)
    );
    // The page footer lives in CSS (`@page` margin boxes), so its text is a
    // CSS string, escaped for CSS rather than HTML.
    let _ = write!(
        out,
        "@page {{ @bottom-left {{ content: \"{}\"; }} }}\n</style>\n</head>\n<body>\n<main>\n",
        css_string(&document.footer)
    );
    cover(out, document);
    contents(out, document);
    for part in &document.parts {
        section(&mut stream, print, part, 2, true);
    }
    stream.text().push_str("</main>\n</body>\n</html>\n");
    stream.finish(|_| {})
}

fn cover(out: &mut String, document: &Document) {
    out.push_str("<header class=\"cover\">\n");
    let _ = writeln!(out, "<p class=\"kind\">{}</p>", esc(&document.title));
    let _ = writeln!(out, "<h1>{}</h1>", esc(&document.subject));
    out.push_str("<table class=\"facts\">\n<tbody>\n");
    for field in &document.cover {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th><td>", esc(&field.label));
        inlines(out, &field.value);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</header>\n");
    for (tone, line) in &document.alerts {
        let _ = write!(out, "<div class=\"callout {}\" role=\"note\"><p>", tone.class());
        inlines(out, line);
        out.push_str("</p></div>\n");
    }
}

fn contents(out: &mut String, document: &Document) {
    if document.parts.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<nav class=\"toc\" aria-label=\"{0}\">\n<h2>{0}</h2>",
        esc(&document.contents_title)
    );
    toc_list(out, &document.parts, 1);
    out.push_str("</nav>\n");
}

/// Parts and their sections: activities are reached from the record's
/// overview table, which links each one.
fn toc_list(out: &mut String, sections: &[Section], depth: usize) {
    out.push_str("<ol>\n");
    for s in sections {
        out.push_str("<li>");
        match &s.anchor {
            Some(anchor) => {
                let _ = write!(out, "<a href=\"#{}\">{}</a>", esc(anchor), esc(&s.title));
            }
            None => out.push_str(&esc(&s.title)),
        }
        if depth < 2 && !s.children.is_empty() {
            out.push('\n');
            toc_list(out, &s.children, depth + 1);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

fn section(out: &mut dyn Out, print: Print, s: &Section, level: usize, part: bool) {
    let level = level.min(6);
    let text = out.text();
    let class = if part { "part" } else { "sub" };
    match &s.anchor {
        Some(anchor) => {
            let _ = writeln!(text, "<section class=\"{class} level-{level}\" id=\"{}\">", esc(anchor));
        }
        None => {
            let _ = writeln!(text, "<section class=\"{class} level-{level}\">");
        }
    }
    let _ = write!(text, "<h{level}>{}", esc(&s.title));
    if !s.badges.is_empty() {
        text.push_str(" <span class=\"badges\">");
        inlines(text, &s.badges);
        text.push_str("</span>");
    }
    let _ = writeln!(text, "</h{level}>");
    for block in &s.blocks {
        self::block(out, print, block);
        out.checkpoint();
    }
    stream::children(out, print, s, |out, child| section(out, print, child, level + 1, false));
    out.text().push_str("</section>\n");
}

fn block(sink: &mut dyn Out, print: Print, block: &Block) {
    match block {
        Block::Paragraph(line) => {
            let out = sink.text();
            out.push_str("<p>");
            inlines(out, line);
            out.push_str("</p>\n");
        }
        Block::Callout(tone, line) => {
            let out = sink.text();
            let _ = write!(out, "<div class=\"callout {}\" role=\"note\"><p>", tone.class());
            inlines(out, line);
            out.push_str("</p></div>\n");
        }
        Block::Fields(fields) => self::fields(sink.text(), fields),
        Block::Table(table) => self::table(sink, print, table),
        Block::List(items) => {
            let out = sink.text();
            out.push_str("<ul>\n");
            for item in items {
                out.push_str("<li>");
                inlines(out, item);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Figure { page, caption, .. } => {
            sink.text().push_str("<figure class=\"map\">\n");
            (print.draw)(*page, sink);
            let out = sink.text();
            out.push_str("<figcaption>");
            inlines(out, caption);
            out.push_str("</figcaption>\n</figure>\n");
        }
    }
}

fn fields(out: &mut String, fields: &[Field]) {
    out.push_str("<table class=\"fields\">\n<tbody>\n");
    for field in fields {
        let _ = write!(out, "<tr><th scope=\"row\">{}", esc(&field.label));
        if let Some(cite) = &field.cite {
            let _ = write!(out, "<span class=\"cite\">{}</span>", esc(cite));
        }
        out.push_str("</th><td>");
        inlines(out, &field.value);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn table(sink: &mut dyn Out, print: Print, table: &Table) {
    let out = sink.text();
    out.push_str("<table class=\"data\">\n");
    if table.widths.len() == table.head.len() {
        out.push_str("<colgroup>");
        for width in &table.widths {
            let _ = write!(out, "<col style=\"width: {width}%\">");
        }
        out.push_str("</colgroup>\n");
    }
    out.push_str("<thead>\n<tr>");
    for (i, head) in table.head.iter().enumerate() {
        let class = if table.numeric.contains(&i) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(head));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    stream::rows(sink, print, table, |out, row| {
        match &row.anchor {
            Some(anchor) => {
                let _ = write!(out, "<tr id=\"{}\">", esc(anchor));
            }
            None => out.push_str("<tr>"),
        }
        for (i, cell) in row.cells.iter().enumerate() {
            out.push_str(if table.numeric.contains(&i) {
                "<td class=\"num\">"
            } else {
                "<td>"
            });
            inlines(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    });
    sink.text().push_str("</tbody>\n</table>\n");
}

/// A run of characters without a space longer than this gets a break
/// opportunity (`<wbr>`) every [`BREAK_EVERY`] characters. A browser lays
/// out one unbreakable 100 kB word very slowly (Chromium took minutes to
/// print one with `overflow-wrap: anywhere`); with break opportunities it
/// wraps like ordinary text. Ordinary words, ids and URLs are shorter.
const LONG_RUN: usize = 64;
const BREAK_EVERY: usize = 32;

/// Text with line breaks kept (spec strings may span lines), escaped, with
/// break opportunities in very long runs. Written straight into `out`: a
/// report of a large record prints millions of words, and a string per word
/// was a third of its time.
fn text(out: &mut String, text: &str) {
    let start = out.len();
    let mut lines = false;
    let mut rest = text;
    while !rest.is_empty() {
        let run_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (run, after) = rest.split_at(run_end);
        // A run of at most LONG_RUN bytes has at most LONG_RUN characters.
        if run.len() > LONG_RUN && run.chars().count() > LONG_RUN {
            let mut from = 0;
            for (count, (i, _)) in run.char_indices().enumerate() {
                if count > 0 && count % BREAK_EVERY == 0 {
                    esc_into(out, &run[from..i]);
                    out.push_str("<wbr>");
                    from = i;
                }
            }
            esc_into(out, &run[from..]);
        } else {
            esc_into(out, run);
        }
        let space_end = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
        let space = &after[..space_end];
        if space == " " {
            out.push(' ');
        } else {
            lines |= space.contains('\n');
            esc_into(out, space);
        }
        rest = &after[space_end..];
    }
    // Rare (a multi-line string): line breaks become `<br>`, over the whole
    // escaped text, so that a `\r\n` split only by a dropped character is
    // still one break.
    if lines {
        let escaped = out.split_off(start);
        out.push_str(&escaped.replace("\r\n", "\n").replace('\n', "<br>"));
    }
}

fn link(out: &mut String, label: &str, anchor: &str) {
    let _ = write!(out, "<a href=\"#{}\">", esc(anchor));
    text(out, label);
    out.push_str("</a>");
}

fn inlines(out: &mut String, line: &[Inline]) {
    for inline in line {
        match inline {
            Inline::Text(s) => text(out, s),
            Inline::Strong(s) => {
                out.push_str("<strong>");
                text(out, s);
                out.push_str("</strong>");
            }
            Inline::Muted(s) => {
                out.push_str("<span class=\"muted\">");
                text(out, s);
                out.push_str("</span>");
            }
            Inline::Code(s) => {
                out.push_str("<code>");
                text(out, s);
                out.push_str("</code>");
            }
            Inline::Link { text: label, anchor } => link(out, label, anchor),
            Inline::Links(list) => {
                for (i, (target, linked)) in list.iter().enumerate() {
                    if i > 0 {
                        text(out, LinkList::SEPARATOR);
                    }
                    if linked {
                        link(out, &target.text, &target.anchor);
                    } else {
                        text(out, &target.text);
                    }
                }
            }
            Inline::Url { text: label, url } => {
                let _ = write!(out, "<a href=\"{}\" rel=\"noopener noreferrer\">", esc(url));
                text(out, label);
                out.push_str("</a>");
            }
            Inline::Mail(address) => {
                // Only a plain address becomes a mailto: link; anything odd stays text.
                let plain = address.contains('@')
                    && !address
                        .chars()
                        .any(|c| c.is_whitespace() || matches!(c, ':' | '/' | '?' | '#' | '"' | '<' | '>'));
                if plain {
                    let _ = write!(out, "<a href=\"mailto:{0}\">{0}</a>", esc(address));
                } else {
                    text(out, address);
                }
            }
            Inline::Badge(tone, s) => {
                let _ = write!(out, "<span class=\"badge {}\">", tone.class());
                text(out, s);
                out.push_str("</span>");
            }
            Inline::Missing(s) | Inline::Placeholder(s) => {
                out.push_str("<span class=\"missing\">");
                text(out, s);
                out.push_str("</span>");
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BREAK_EVERY, LONG_RUN, esc};

    fn text_of(text: &str) -> String {
        let mut out = String::new();
        super::text(&mut out, text);
        out
    }

    /// The definition [`super::text`] keeps: each word and space escaped on
    /// its own, long words broken, then line breaks over the whole text.
    fn text_by_word(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            let run_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (run, after) = rest.split_at(run_end);
            if run.chars().count() > LONG_RUN {
                let mut from = 0;
                for (count, (i, _)) in run.char_indices().enumerate() {
                    if count > 0 && count % BREAK_EVERY == 0 {
                        out.push_str(&esc(&run[from..i]));
                        out.push_str("<wbr>");
                        from = i;
                    }
                }
                out.push_str(&esc(&run[from..]));
            } else {
                out.push_str(&esc(run));
            }
            let space_end = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
            out.push_str(&esc(&after[..space_end]));
            rest = &after[space_end..];
        }
        if out.contains('\n') {
            out = out.replace("\r\n", "\n").replace('\n', "<br>");
        }
        out
    }

    #[test]
    fn text_written_in_place_is_the_text_escaped_a_word_at_a_time() {
        let pieces = [
            "a", " ", "  ", "\n", "\r\n", "\r", "\t", "\u{b}", "\u{85}", "\u{a0}", "\u{2028}", "&", "<", "\u{200B}",
            "\u{202E}", "é",
        ];
        let mut texts = vec![String::new(), "x".repeat(LONG_RUN), "x".repeat(LONG_RUN + 1)];
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}{b}"));
                for c in pieces {
                    texts.push(format!("w{a}{b}{c}w"));
                    texts.push(format!("{a}{}{b}{c}", "é".repeat(LONG_RUN - 1)));
                    texts.push(format!("{}{a}{b}{c}", "<".repeat(LONG_RUN + 2)));
                }
            }
        }
        for text in &texts {
            assert_eq!(text_of(text), text_by_word(text), "{text:?}");
            let mut appended = "<p>".to_owned();
            super::text(&mut appended, text);
            assert_eq!(appended, format!("<p>{}", text_by_word(text)), "{text:?}");
        }
    }

    #[test]
    fn only_very_long_runs_get_break_opportunities() {
        assert_eq!(text_of("a short <text>"), "a short &lt;text&gt;");
        let url = "https://example.com/privacy/policy-for-customers-and-suppliers";
        assert_eq!(text_of(url), url);
        let long = "x".repeat(100);
        let broken = text_of(&format!("id {long} end"));
        assert_eq!(broken.matches("<wbr>").count(), 3);
        assert!(broken.starts_with("id ") && broken.ends_with(" end"));
        assert_eq!(broken.replace("<wbr>", ""), format!("id {long} end"));
    }

    #[test]
    fn line_breaks_become_br_even_when_a_dropped_character_splits_them() {
        assert_eq!(text_of("a\r\nb\nc"), "a<br>b<br>c");
        assert_eq!(text_of("a\r\u{200B}\nb"), "a<br>b");
        assert_eq!(text_of("a\rb"), "a\rb");
    }

    #[test]
    fn breaks_fall_between_characters_not_inside_entities() {
        let long = "é&".repeat(50);
        let broken = text_of(&long);
        assert_eq!(broken.replace("<wbr>", ""), "é&amp;".repeat(50));
        assert!(!broken.contains("&<wbr>") && !broken.contains("&am<wbr>"));
    }
}
