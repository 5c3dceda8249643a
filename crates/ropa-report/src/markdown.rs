//! A document as GitHub-flavoured Markdown: headings with explicit anchors
//! (so links from findings work), field lists and tables as pipe tables,
//! callouts as GitHub alerts. Spec text is escaped so that it can neither
//! break a table nor inject markup.

use std::fmt::Write as _;
use std::io;

use crate::doc::{Block, Document, Field, Inline, LinkList, Section, Table, Tone};
use crate::escape::{html as esc_attr, html_into as esc_attr_into, markdown as esc, markdown_into as esc_into};
use crate::stream::{self, Out, Print, Stream};

/// Markdown shows a figure's fallback text, never the picture: `print`'s
/// `draw` is not called.
pub(crate) fn render(print: Print, sink: &mut dyn io::Write) -> io::Result<()> {
    let mut stream = Stream::new(sink);
    let document = print.document;
    let out = stream.text();
    let _ = writeln!(out, "{}\n", first_line(document));
    let _ = writeln!(out, "**{}**\n", esc(&document.subject));
    fields(out, &document.cover);
    for (tone, line) in &document.alerts {
        callout(out, *tone, line);
    }
    if !document.parts.is_empty() {
        let _ = writeln!(out, "## {}\n", esc(&document.contents_title));
        toc(out, &document.parts, 0);
        out.push('\n');
    }
    for part in &document.parts {
        section(&mut stream, print, part, 2);
    }
    stream.finish(|tail| {
        // One trailing newline, whatever the last block wrote.
        while tail.ends_with("\n\n") {
            tail.pop();
        }
    })
}

/// The document's first line, as [`render`] writes it.
pub fn first_line(document: &Document) -> String {
    format!("# {}", esc(&document.title))
}

fn toc(out: &mut String, sections: &[Section], depth: usize) {
    for s in sections {
        let indent = "  ".repeat(depth);
        match &s.anchor {
            Some(anchor) => {
                let _ = writeln!(out, "{indent}- [{}](#{anchor})", esc(&s.title));
            }
            None => {
                let _ = writeln!(out, "{indent}- {}", esc(&s.title));
            }
        }
        if depth < 1 {
            toc(out, &s.children, depth + 1);
        }
    }
}

fn section(out: &mut dyn Out, print: Print, s: &Section, level: usize) {
    let text = out.text();
    if let Some(anchor) = &s.anchor {
        let _ = writeln!(text, "<a id=\"{}\"></a>\n", esc_attr(anchor));
    }
    let _ = write!(text, "{} {}", "#".repeat(level.min(6)), esc(&s.title));
    if !s.badges.is_empty() {
        text.push(' ');
        inlines(text, &s.badges);
    }
    text.push_str("\n\n");
    for block in &s.blocks {
        self::block(out, print, block);
        out.checkpoint();
    }
    stream::children(out, print, s, |out, child| section(out, print, child, level + 1));
}

fn callout(out: &mut String, tone: Tone, line: &[Inline]) {
    let kind = match tone {
        Tone::Error => "CAUTION",
        Tone::Warning => "WARNING",
        Tone::Info | Tone::Neutral => "NOTE",
        Tone::Ok => "TIP",
    };
    let _ = write!(out, "> [!{kind}]\n> ");
    inlines(out, line);
    out.push_str("\n\n");
}

fn block(out: &mut dyn Out, print: Print, block: &Block) {
    if let Block::Table(table) = block {
        return self::table(out, print, table);
    }
    let out = out.text();
    match block {
        Block::Paragraph(line) => {
            inlines(out, line);
            out.push_str("\n\n");
        }
        Block::Callout(tone, line) => callout(out, *tone, line),
        Block::Fields(list) => fields(out, list),
        Block::Table(_) => {}
        Block::List(items) => {
            for item in items {
                out.push_str("- ");
                inlines(out, item);
                out.push('\n');
            }
            out.push('\n');
        }
        // Markdown cannot carry the picture (GitHub strips inline SVG):
        // say where it is.
        Block::Figure { fallback, .. } => {
            if !fallback.is_empty() {
                callout(out, Tone::Info, fallback);
            }
        }
    }
}

fn fields(out: &mut String, list: &[Field]) {
    out.push_str("| | |\n|---|---|\n");
    for field in list {
        let _ = write!(out, "| **{}**", esc(&field.label));
        if let Some(cite) = &field.cite {
            let _ = write!(out, " <sub>{}</sub>", esc(cite));
        }
        out.push_str(" | ");
        inlines(out, &field.value);
        out.push_str(" |\n");
    }
    out.push('\n');
}

fn table(sink: &mut dyn Out, print: Print, t: &Table) {
    let out = sink.text();
    out.push('|');
    for head in &t.head {
        let _ = write!(out, " {} |", esc(head));
    }
    out.push_str("\n|");
    for i in 0..t.head.len() {
        out.push_str(if t.numeric.contains(&i) { "---:|" } else { "---|" });
    }
    out.push('\n');
    stream::rows(sink, print, t, |out, row| {
        out.push('|');
        for (i, cell) in row.cells.iter().enumerate() {
            out.push(' ');
            if i == 0
                && let Some(anchor) = &row.anchor
            {
                let _ = write!(out, "<a id=\"{}\"></a>", esc_attr(anchor));
            }
            inlines(out, cell);
            out.push_str(" |");
        }
        out.push('\n');
    });
    sink.text().push('\n');
}

fn link(out: &mut String, text: &str, anchor: &str) {
    out.push('[');
    esc_into(out, text);
    out.push_str("](#");
    esc_attr_into(out, anchor);
    out.push(')');
}

fn inlines(out: &mut String, line: &[Inline]) {
    let mut after_badge = false;
    for inline in line {
        if after_badge && matches!(inline, Inline::Badge(..)) {
            out.push(' ');
        }
        after_badge = matches!(inline, Inline::Badge(..));
        match inline {
            Inline::Text(s) => esc_into(out, s),
            Inline::Strong(s) => emphasis(out, s, "**"),
            Inline::Muted(s) => emphasis(out, s, "*"),
            Inline::Code(s) => code(out, s),
            Inline::Link { text, anchor } => link(out, text, anchor),
            Inline::Links(list) => {
                for (i, (target, linked)) in list.iter().enumerate() {
                    if i > 0 {
                        esc_into(out, LinkList::SEPARATOR);
                    }
                    if linked {
                        link(out, &target.text, &target.anchor);
                    } else {
                        esc_into(out, &target.text);
                    }
                }
            }
            Inline::Url { text, url } => {
                // Angle brackets keep the URL one token; `<`, `>` and spaces
                // inside it are percent-encoded so it cannot end early.
                let url = url.replace('<', "%3C").replace('>', "%3E").replace(' ', "%20");
                let _ = write!(out, "[{}](<{}>)", esc(text), url.replace(['\n', '\r'], ""));
            }
            Inline::Mail(s) => esc_into(out, s),
            Inline::Badge(_, s) => emphasis(out, &format!("[{s}]"), "**"),
            Inline::Missing(s) => emphasis(out, &format!("[{s}]"), "*"),
            Inline::Placeholder(s) => emphasis(out, s, "*"),
            Inline::Break => out.push_str("<br>"),
        }
    }
}

/// `*text*` or `**text**`, with the spaces at either end outside the
/// delimiters: CommonMark does not read `*text *` as emphasis.
fn emphasis(out: &mut String, s: &str, delimiter: &str) {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        esc_into(out, s);
        return;
    }
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    out.push_str(&s[..start]);
    out.push_str(delimiter);
    esc_into(out, trimmed);
    out.push_str(delimiter);
    out.push_str(&s[end..]);
}

/// An id as inline code; anything that inline code cannot hold safely
/// (backticks, pipes that GitHub reads as cell separators, markup) is shown
/// as escaped text instead. Valid ids never contain them.
fn code(out: &mut String, s: &str) {
    if s.contains(['`', '|', '<', '>', '&', '\\', '\n', '\r']) {
        esc_into(out, s);
    } else {
        let _ = write!(out, "`{s}`");
    }
}
