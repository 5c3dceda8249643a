//! What an editor shows about a file's structure without being asked about
//! one place: semantic highlighting (what each word is, from the schema, so
//! every id after `data` or `processors` is coloured as a reference of its
//! kind, not only the first), folding, selection ranges, links and inlay
//! hints. All from the parsed tree and the schema, in byte offsets.

use ropa_check::{FileId, Rule, Workspace};
use ropa_syntax::Span;
use ropa_syntax::kdl::{Node, TokenKind, Value};
use ropa_syntax::schema::{NodeSchema, RefTarget, ValueKind};
use ropa_syntax::values::Country;

use crate::locate::{Target, entry_kind, locate, root_schema};

/// What a piece of text is, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// `activity`, `data`, `basis`: the language's node names.
    NodeName,
    /// `withdrawal=`, `mechanism=`: property names.
    Property,
    /// An id, declared here or referenced, by what it names.
    Id {
        kind: IdKind,
        declaration: bool,
    },
    /// A word of a closed vocabulary: a legal basis, a mechanism, a category.
    Keyword,
    Country,
    Date,
    Duration,
    RuleId,
    String,
    Number,
    Comment,
}

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    Data,
    Subjects,
    Activity,
    /// A processor, sub-processor, recipient, joint controller, system, or
    /// a controller the organization processes for.
    Party,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub span: Span,
    pub class: TokenClass,
}

fn id_kind_of_ref(target: RefTarget) -> IdKind {
    match target {
        RefTarget::Data => IdKind::Data,
        RefTarget::Subjects => IdKind::Subjects,
        RefTarget::Processor
        | RefTarget::Recipient
        | RefTarget::Party
        | RefTarget::JointController
        | RefTarget::System
        | RefTarget::Controller => IdKind::Party,
    }
}

fn id_kind_of_declaration(node_name: &str) -> IdKind {
    match node_name {
        "data" => IdKind::Data,
        "subjects" => IdKind::Subjects,
        "activity" => IdKind::Activity,
        _ => IdKind::Party,
    }
}

fn value_class(node: &Node, kind: Option<ValueKind>, value: &Value) -> TokenClass {
    match (kind, value) {
        (Some(ValueKind::Id), _) => TokenClass::Id {
            kind: id_kind_of_declaration(&node.name.value),
            declaration: true,
        },
        (Some(ValueKind::Ref(target)), _) => TokenClass::Id {
            kind: id_kind_of_ref(target),
            declaration: false,
        },
        (Some(ValueKind::Keyword(_)), _) => TokenClass::Keyword,
        (Some(ValueKind::Country | ValueKind::Region), _) => TokenClass::Country,
        (Some(ValueKind::Date), _) => TokenClass::Date,
        (Some(ValueKind::DateOrText), Value::String(s)) if ropa_syntax::values::looks_like_date(s) => TokenClass::Date,
        (Some(ValueKind::Duration), _) => TokenClass::Duration,
        (Some(ValueKind::RuleId), _) => TokenClass::RuleId,
        (_, Value::String(_)) => TokenClass::String,
        (_, Value::Integer(_) | Value::Float(_)) => TokenClass::Number,
        (_, Value::Bool(_) | Value::Null) => TokenClass::Keyword,
    }
}

fn walk<'a>(
    nodes: &'a [Node],
    parent: Option<&'static NodeSchema>,
    f: &mut impl FnMut(&'a Node, Option<&'static NodeSchema>),
) {
    for node in nodes {
        let schema = parent.and_then(|p| p.child(&node.name.value));
        f(node, schema);
        walk(node.child_nodes(), schema, f);
    }
}

/// Every classified piece of a file, sorted by position, not overlapping.
pub fn semantic_tokens(ws: &Workspace, file: FileId) -> Vec<SemanticToken> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let kdl = crate::kdl_of(f);
    let mut out = Vec::new();
    walk(&kdl.document.nodes, Some(root_schema(f)), &mut |node, schema| {
        out.push(SemanticToken {
            span: node.name.span,
            class: TokenClass::NodeName,
        });
        for entry in &node.entries {
            if let Some(key) = &entry.name {
                out.push(SemanticToken {
                    span: key.span,
                    class: TokenClass::Property,
                });
            }
            let kind = schema.and_then(|s| entry_kind(node, s, entry));
            out.push(SemanticToken {
                span: entry.value_span,
                class: value_class(node, kind, &entry.value),
            });
        }
    });
    out.extend(
        kdl.tokens
            .iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    TokenKind::LineComment
                        | TokenKind::BlockComment
                        | TokenKind::Slashdash
                        | TokenKind::SlashdashedText
                )
            })
            .map(|t| SemanticToken {
                span: t.span,
                class: TokenClass::Comment,
            }),
    );
    out.retain(|t| !t.span.is_empty());
    out.sort_by_key(|t| (t.span.start, t.span.end));
    // A recovered tree may repeat a span; keep the first of overlapping ones.
    let mut end = 0;
    out.retain(|t| {
        let keep = t.span.start >= end;
        if keep {
            end = t.span.end;
        }
        keep
    });
    out
}

/// Spans worth folding: nodes with a children block, and block comments.
/// The editor folds those that cross lines.
pub fn folding_ranges(ws: &Workspace, file: FileId) -> Vec<Span> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let kdl = crate::kdl_of(f);
    let mut out = Vec::new();
    walk(&kdl.document.nodes, None, &mut |node, _| {
        if let Some(children) = &node.children {
            out.push(Span::new(node.span.start, children.span.end));
        }
    });
    out.extend(
        kdl.tokens
            .iter()
            .filter(|t| t.kind == TokenKind::BlockComment)
            .map(|t| t.span),
    );
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// From the word at `offset` outwards: the word, its entry, each enclosing
/// node, the whole text. Each span holds the one before it.
pub fn selection_ranges(ws: &Workspace, file: FileId, offset: u32) -> Vec<Span> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(located) = locate(f, offset) {
        match located.target {
            Target::NodeName => {
                if let Some(node) = located.innermost() {
                    out.push(node.node.name.span);
                }
            }
            Target::PropName { entry, .. } => {
                if let Some(key) = &entry.name {
                    out.push(key.span);
                }
                out.push(entry.span);
            }
            Target::Value { entry, .. } => {
                out.push(entry.value_span);
                out.push(entry.span);
            }
            Target::Inside => {}
        }
        for at in located.path.iter().rev() {
            let node = at.node;
            // The node's line (name and entries) before the node with its block.
            let head_end = node.entries.last().map_or(node.name.span.end, |e| e.span.end);
            out.push(Span::new(node.span.start, head_end));
            out.push(node.span);
        }
    }
    out.push(Span::new(0, f.text.len() as u32));
    let mut nested: Vec<Span> = Vec::new();
    for span in out {
        let holds_last = nested
            .last()
            .is_none_or(|last| span.start <= last.start && last.end <= span.end && span != *last);
        if holds_last {
            nested.push(span);
        }
    }
    nested
}

/// A link in a file: a web address in a string, or a rule id to its docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLink {
    pub span: Span,
    pub target: String,
}

/// `http(s)://` addresses inside string values, and rule ids (in `allow`)
/// linked to their section of the rules reference when `docs_url` is set;
/// without one, rule ids get no link (there is no default address).
pub fn document_links(ws: &Workspace, file: FileId, docs_url: Option<&str>) -> Vec<DocumentLink> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let kdl = crate::kdl_of(f);
    let mut out = Vec::new();
    walk(&kdl.document.nodes, Some(root_schema(f)), &mut |node, schema| {
        for entry in &node.entries {
            let Value::String(value) = &entry.value else { continue };
            let kind = schema.and_then(|s| entry_kind(node, s, entry));
            if matches!(kind, Some(ValueKind::RuleId)) {
                if let (Some(docs), Some(rule)) = (docs_url, Rule::from_id(value)) {
                    out.push(DocumentLink {
                        span: entry.value_span,
                        target: ropa_check::docs::rule_url(docs, rule),
                    });
                }
                continue;
            }
            let source = &f.text[entry.value_span.range()];
            for (at, _) in source.match_indices("http") {
                let rest = &source[at..];
                if !(rest.starts_with("https://") || rest.starts_with("http://")) {
                    continue;
                }
                let len = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\'))
                    .unwrap_or(rest.len());
                let url = rest[..len].trim_end_matches(['.', ',', ';', ')', ']']);
                if url.len() > "https://".len() {
                    let start = entry.value_span.start + at as u32;
                    out.push(DocumentLink {
                        span: Span::new(start, start + url.len() as u32),
                        target: url.to_owned(),
                    });
                }
            }
        }
    });
    out.sort_by_key(|l| l.span.start);
    out
}

/// A hint shown after a value: a country's name and transfer status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint goes: the end of the value it explains.
    pub offset: u32,
    pub label: String,
    /// Where the fact comes from, with its as-of date.
    pub tooltip: String,
}

/// After each country code: its name and whether data may go there freely
/// (EEA), with an adequacy decision (which, since when) or needs a safeguard.
/// Facts from `ropa-law`, the source in the tooltip.
pub fn inlay_hints(ws: &Workspace, file: FileId, range: Span) -> Vec<InlayHint> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let kdl = crate::kdl_of(f);
    let mut out = Vec::new();
    walk(&kdl.document.nodes, Some(root_schema(f)), &mut |node, schema| {
        for entry in &node.entries {
            let span = entry.value_span;
            if span.end < range.start || span.start > range.end {
                continue;
            }
            let kind = schema.and_then(|s| entry_kind(node, s, entry));
            let (Some(ValueKind::Country), Some(country)) = (kind, entry.value.as_str().and_then(Country::parse))
            else {
                continue;
            };
            out.push(country_hint(country, span.end));
        }
    });
    out.sort_by_key(|h| h.offset);
    out
}

fn describe_sources(provenance: &ropa_law::Provenance) -> String {
    let sources: Vec<String> = provenance
        .sources
        .iter()
        .map(|s| format!("{} <{}>", s.title, s.url))
        .collect();
    format!("Source: {} (as of {})", sources.join("; "), provenance.as_of)
}

fn country_hint(country: Country, offset: u32) -> InlayHint {
    let status = crate::hover::transfer_status(country);
    let tooltip = if ropa_law::is_eea(country) {
        describe_sources(&ropa_law::EEA_PROVENANCE)
    } else {
        match ropa_law::adequacy(country) {
            Some(a) => format!("{}: {}", a.decision, describe_sources(&a.provenance)),
            None => format!(
                "No adequacy decision in ropa's facts (as of {}); {}",
                ropa_law::facts_as_of(),
                describe_sources(&ropa_law::EEA_PROVENANCE)
            ),
        }
    };
    InlayHint {
        offset,
        label: format!("{} · {status}", country.name()),
        tooltip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::Fixture;

    const SPEC: &str = "// Kunder\ndata kontakt \"Navn\" special=health\nprocessor mailer \"Mailer\" {\n    stored-in US NO\n    dpa \"2024-01-10\"\n}\nactivity web {\n    purpose \"Se https://mailer.example/dpa.\"\n    data kontakt kontakt\n    basis contract\n    retain \"2 years\" from=collection\n    processors mailer mailer\n    allow unused-declaration reason=\"kept\"\n}\n";

    fn classes(ws: &Workspace, text: &str, word: &str) -> Vec<TokenClass> {
        semantic_tokens(ws, FileId(0))
            .into_iter()
            .filter(|t| &text[t.span.range()] == word)
            .map(|t| t.class)
            .collect()
    }

    #[test]
    fn every_id_in_a_list_is_a_reference_of_its_kind() {
        let f = Fixture::parse(SPEC);
        let party = TokenClass::Id {
            kind: IdKind::Party,
            declaration: false,
        };
        assert_eq!(
            classes(&f.ws, SPEC, "mailer"),
            vec![
                TokenClass::Id {
                    kind: IdKind::Party,
                    declaration: true
                },
                party,
                party
            ]
        );
        assert_eq!(classes(&f.ws, SPEC, "kontakt").len(), 3);
        assert_eq!(classes(&f.ws, SPEC, "contract"), vec![TokenClass::Keyword]);
        assert_eq!(classes(&f.ws, SPEC, "US"), vec![TokenClass::Country]);
        assert_eq!(classes(&f.ws, SPEC, "\"2024-01-10\""), vec![TokenClass::Date]);
        assert_eq!(classes(&f.ws, SPEC, "\"2 years\""), vec![TokenClass::Duration]);
        assert_eq!(classes(&f.ws, SPEC, "unused-declaration"), vec![TokenClass::RuleId]);
        assert_eq!(classes(&f.ws, SPEC, "processors"), vec![TokenClass::NodeName]);
        assert_eq!(classes(&f.ws, SPEC, "special"), vec![TokenClass::Property]);
        assert_eq!(classes(&f.ws, SPEC, "// Kunder"), vec![TokenClass::Comment]);
    }

    #[test]
    fn folding_selection_links_and_hints() {
        let f = Fixture::parse(SPEC);
        let folds = folding_ranges(&f.ws, FileId(0));
        assert_eq!(folds.len(), 2);
        assert!(SPEC[folds[0].range()].starts_with("processor mailer") && SPEC[folds[0].range()].ends_with('}'));
        // Selection from `contract` outwards: the word, the `basis` node, the activity, the file.
        let at = SPEC.find("contract").expect("contract") as u32 + 2;
        let spans: Vec<&str> = selection_ranges(&f.ws, FileId(0), at)
            .into_iter()
            .map(|s| &SPEC[s.range()])
            .collect();
        assert_eq!(spans[0], "contract");
        assert_eq!(spans[1], "basis contract");
        assert!(spans[2].starts_with("activity web {") && spans[2].ends_with('}'));
        assert_eq!(*spans.last().expect("file"), SPEC);
        // The address without the sentence's full stop; rule links only with a docs address.
        let links = document_links(&f.ws, FileId(0), None);
        assert_eq!(
            links.iter().map(|l| l.target.as_str()).collect::<Vec<_>>(),
            vec!["https://mailer.example/dpa"]
        );
        let with_docs = document_links(&f.ws, FileId(0), Some("https://docs.example/ropa/"));
        assert!(
            with_docs
                .iter()
                .any(|l| l.target == "https://docs.example/ropa/rules.md#unused-declaration")
        );
        let hints = inlay_hints(&f.ws, FileId(0), Span::new(0, SPEC.len() as u32));
        assert_eq!(hints.len(), 2, "{hints:?}");
        assert_eq!(hints[0].offset, SPEC.find("US").expect("US") as u32 + 2);
        assert!(hints[0].label.starts_with("United States · "), "{}", hints[0].label);
        assert!(
            hints[0].tooltip.contains("Source: ") && hints[0].tooltip.contains("as of"),
            "{}",
            hints[0].tooltip
        );
        assert!(hints[1].label.starts_with("Norway · EEA member"), "{}", hints[1].label);
    }
}
