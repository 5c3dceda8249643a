//! The outline of a file (document symbols) and the search over every
//! declaration of the workspace (workspace symbols).

use ropa_check::{FileId, Workspace};
use ropa_syntax::Span;
use ropa_syntax::model::{Party, PartyKind, SpecFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Organization,
    Data,
    Subjects,
    Processor,
    Subprocessor,
    Recipient,
    Activity,
    JointController,
    System,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The id (the legal name for the organization).
    pub name: String,
    /// The description, entity or activity name.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole node.
    pub span: Span,
    /// The id or name.
    pub selection: Span,
    /// Sub-processors of a processor.
    pub children: Vec<Symbol>,
}

fn party_symbol(party: &Party) -> Symbol {
    Symbol {
        name: party.id.value.to_string(),
        detail: party.entity.as_ref().map(|t| t.value.to_string()),
        kind: match party.kind {
            PartyKind::Processor => SymbolKind::Processor,
            PartyKind::Subprocessor => SymbolKind::Subprocessor,
            PartyKind::Recipient => SymbolKind::Recipient,
            PartyKind::JointController => SymbolKind::JointController,
            PartyKind::System => SymbolKind::System,
        },
        span: party.span,
        selection: party.id.span,
        children: party.subprocessors.iter().map(party_symbol).collect(),
    }
}

fn symbols_of(model: &SpecFile) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    out.extend(model.organizations.iter().map(|o| Symbol {
        name: o.name.value.to_string(),
        detail: Some("organization".to_owned()),
        kind: SymbolKind::Organization,
        span: o.span,
        selection: o.name.span,
        children: Vec::new(),
    }));
    out.extend(model.data.iter().map(|d| Symbol {
        name: d.id.value.to_string(),
        detail: d.description.as_ref().map(|t| t.value.to_string()),
        kind: SymbolKind::Data,
        span: d.span,
        selection: d.id.span,
        children: Vec::new(),
    }));
    out.extend(model.subjects.iter().map(|s| Symbol {
        name: s.id.value.to_string(),
        detail: s.description.as_ref().map(|t| t.value.to_string()),
        kind: SymbolKind::Subjects,
        span: s.span,
        selection: s.id.span,
        children: Vec::new(),
    }));
    out.extend(model.parties.iter().map(party_symbol));
    out.extend(model.activities.iter().map(|a| Symbol {
        name: a.id.value.to_string(),
        detail: a.name.as_ref().map(|t| t.value.to_string()),
        kind: SymbolKind::Activity,
        span: a.span,
        selection: a.id.span,
        children: Vec::new(),
    }));
    out.sort_by_key(|s| s.span.start);
    out
}

/// Every declaration of a file, in source order, sub-processors nested in
/// their processor.
pub fn document_symbols(ws: &Workspace, file: FileId) -> Vec<Symbol> {
    ws.file(file)
        .and_then(|f| f.spec())
        .map_or_else(Vec::new, |spec| symbols_of(&spec.model))
}

/// Whether every character of `query` appears in `text` in order, ignoring
/// case: what editors expect from a symbol search (`actweb` finds
/// `activity-web`).
fn fuzzy_match(query: &str, text: &str) -> bool {
    let mut chars = text.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .all(|q| chars.any(|c| c == q))
}

/// Declarations in the whole workspace whose id or detail matches `query`,
/// flattened; at most `limit`.
pub fn workspace_symbols(ws: &Workspace, query: &str, limit: usize) -> Vec<(FileId, Symbol)> {
    let mut out = Vec::new();
    for (file, spec) in ws.specs() {
        let mut stack = symbols_of(&spec.model);
        stack.reverse();
        while let Some(mut symbol) = stack.pop() {
            let children = std::mem::take(&mut symbol.children);
            stack.extend(children.into_iter().rev());
            let matches =
                fuzzy_match(query, &symbol.name) || symbol.detail.as_deref().is_some_and(|d| fuzzy_match(query, d));
            if matches {
                out.push((file, symbol));
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::fixture::Fixture;

    const SPEC: &str = "organization \"Åsa Öberg AB\" {\n    country SE\n}\ndata contact \"Name\"\nprocessor crm \"CRM ApS\" {\n    subprocessor azure \"Microsoft\"\n}\nactivity web {\n    name \"Hjemmeside\"\n}\n";

    #[test]
    fn outline_in_source_order_with_subprocessors_nested() {
        let f = Fixture::parse(SPEC);
        let symbols = super::document_symbols(&f.ws, f.cursor_file);
        insta::assert_debug_snapshot!(
            symbols
                .iter()
                .map(|s| (
                    s.kind,
                    s.name.as_str(),
                    s.detail.as_deref(),
                    s.children.iter().map(|c| c.name.as_str()).collect::<Vec<_>>()
                ))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn workspace_search_is_fuzzy_and_finds_nested_declarations() {
        let f = Fixture::parse(SPEC);
        let names = |q: &str| {
            super::workspace_symbols(&f.ws, q, 100)
                .into_iter()
                .map(|(_, s)| s.name)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(names("azr"), "azure");
        assert_eq!(names("hjem"), "web", "matches the activity's name");
        assert_eq!(names("öberg"), "Åsa Öberg AB");
        assert_eq!(super::workspace_symbols(&f.ws, "", 100).len(), 5);
        assert_eq!(super::workspace_symbols(&f.ws, "", 2).len(), 2);
    }
}
