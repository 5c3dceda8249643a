//! From ropa's types (byte offsets, findings, ide answers) to LSP types.
//! The only place that knows both.

use std::collections::HashMap;

use ropa_check::{Diagnostic, Rule};
use ropa_syntax::values::Severity;
use tower_lsp_server::ls_types::{self as ls, Uri};

use crate::line_index::LineIndex;
use crate::store::{Docs, WsSnapshot};

fn severity(severity: Severity) -> ls::DiagnosticSeverity {
    match severity {
        Severity::Error => ls::DiagnosticSeverity::ERROR,
        Severity::Warning => ls::DiagnosticSeverity::WARNING,
        Severity::Info => ls::DiagnosticSeverity::INFORMATION,
    }
}

/// The rule's documentation, when the docs' address is configured
/// (`initializationOptions.docsUrl` or `ROPA_DOCS_URL`).
pub fn rule_href(rule: Rule, docs_url: Option<&str>) -> Option<Uri> {
    ropa_check::docs::rule_url(docs_url?, rule).parse().ok()
}

/// A finding as an LSP diagnostic: the rule id is the code, linked to its
/// documentation; the help follows the message; a second place the finding
/// involves is related information.
pub fn diagnostic(finding: &Diagnostic, docs: &Docs, docs_url: Option<&str>) -> ls::Diagnostic {
    let range = docs
        .get(&finding.file)
        .map_or_else(ls::Range::default, |d| d.lines.range(finding.span));
    let mut message = finding.message.to_string();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<ls::DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|r| {
            let doc = docs.get(&r.file)?;
            let (uri, range) = (doc.uri.clone(), doc.lines.range(r.span));
            Some(ls::DiagnosticRelatedInformation {
                location: ls::Location::new(uri, range),
                message: r.message.to_string(),
            })
        })
        .collect();
    let unnecessary = matches!(finding.rule, Rule::UnusedDeclaration | Rule::UnusedAllow);
    ls::Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(ls::NumberOrString::String(finding.rule.id().to_owned())),
        code_description: rule_href(finding.rule, docs_url).map(|href| ls::CodeDescription { href }),
        source: Some("ropa".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: unnecessary.then(|| vec![ls::DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

pub fn location(ws: &WsSnapshot, location: ropa_ide::Location) -> Option<ls::Location> {
    let uri = ws.uri(location.file)?.clone();
    let range = ws.lines(location.file)?.range(location.span);
    Some(ls::Location::new(uri, range))
}

pub fn workspace_edit(ws: &WsSnapshot, edits: &[ropa_ide::FileEdit]) -> ls::WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<ls::TextEdit>> = HashMap::new();
    for file_edit in edits {
        let (Some(uri), Some(lines)) = (ws.uri(file_edit.file), ws.lines(file_edit.file)) else {
            continue;
        };
        changes.entry(uri.clone()).or_default().extend(
            file_edit
                .edits
                .iter()
                .map(|e| ls::TextEdit::new(lines.range(e.span), e.new_text.clone())),
        );
    }
    ls::WorkspaceEdit {
        changes: Some(changes),
        ..ls::WorkspaceEdit::default()
    }
}

pub fn symbol_kind(kind: ropa_ide::SymbolKind) -> ls::SymbolKind {
    use ropa_ide::SymbolKind as K;
    match kind {
        K::Organization => ls::SymbolKind::MODULE,
        K::Data => ls::SymbolKind::FIELD,
        K::Subjects => ls::SymbolKind::STRUCT,
        K::Processor | K::Subprocessor => ls::SymbolKind::CLASS,
        K::Recipient | K::JointController => ls::SymbolKind::INTERFACE,
        K::System => ls::SymbolKind::MODULE,
        K::Activity => ls::SymbolKind::FUNCTION,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, even as None.
pub fn document_symbol(lines: &LineIndex, symbol: &ropa_ide::Symbol) -> ls::DocumentSymbol {
    ls::DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: lines.range(symbol.span),
        selection_range: lines.range(symbol.selection),
        children: (!symbol.children.is_empty())
            .then(|| symbol.children.iter().map(|c| document_symbol(lines, c)).collect()),
    }
}

pub fn completion_kind(kind: ropa_ide::CompletionKind) -> ls::CompletionItemKind {
    use ropa_ide::CompletionKind as K;
    match kind {
        K::Node => ls::CompletionItemKind::KEYWORD,
        K::Property => ls::CompletionItemKind::PROPERTY,
        K::Keyword => ls::CompletionItemKind::ENUM_MEMBER,
        K::Country => ls::CompletionItemKind::CONSTANT,
        K::Reference => ls::CompletionItemKind::REFERENCE,
        K::Rule => ls::CompletionItemKind::VALUE,
        K::Boolean => ls::CompletionItemKind::VALUE,
    }
}

pub fn completion(lines: &LineIndex, index: usize, item: &ropa_ide::CompletionItem) -> ls::CompletionItem {
    ls::CompletionItem {
        label: item.label.clone(),
        kind: Some(completion_kind(item.kind)),
        detail: item.detail.clone(),
        documentation: item.documentation.clone().map(|value| {
            ls::Documentation::MarkupContent(ls::MarkupContent {
                kind: ls::MarkupKind::Markdown,
                value,
            })
        }),
        // Keep the schema's order (the order of docs/language.md).
        sort_text: Some(format!("{index:04}")),
        text_edit: Some(ls::CompletionTextEdit::Edit(ls::TextEdit::new(
            lines.range(item.replace),
            item.insert_text.clone(),
        ))),
        ..ls::CompletionItem::default()
    }
}
