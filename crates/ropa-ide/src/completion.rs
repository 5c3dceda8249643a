//! Completion: node and property names valid at the cursor, the words of
//! closed vocabularies, country codes, and the ids declared in the workspace.
//! What is valid where comes from the schema tables of `ropa-syntax`, the
//! same tables that validate the spec, so completion never offers what the
//! checker would reject.

use ropa_check::index::Declared;
use ropa_check::{FileId, Rule, Workspace};
use ropa_syntax::Span;
use ropa_syntax::schema::{NodeSchema, ValueKind};
use ropa_syntax::values::Country;

use crate::cursor::{Context, cursor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A node name.
    Node,
    /// A property name, inserted with its `=`.
    Property,
    /// A word of a closed vocabulary (legal basis, mechanism, role, …).
    Keyword,
    Country,
    /// An id declared in the workspace.
    Reference,
    /// A rule id.
    Rule,
    /// `#true` / `#false`.
    Boolean,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// One line shown next to the label.
    pub detail: Option<String>,
    /// Markdown shown when the item is selected.
    pub documentation: Option<String>,
    pub insert_text: String,
    /// The text the item replaces (the word being typed).
    pub replace: Span,
}

/// Completions at `offset` of `file`, already filtered by the word typed so
/// far (case-insensitive prefix; editors filter further as the user types).
pub fn completions(ws: &Workspace, file: FileId, offset: u32) -> Vec<CompletionItem> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let kdl = crate::kdl_of(f);
    let cursor = cursor(&f.text, &kdl.tokens, offset);
    let root = crate::locate::root_schema(f);
    let mut items = Vec::new();
    let item = |label: &str, kind, detail: Option<String>, insert: String| CompletionItem {
        label: label.to_owned(),
        kind,
        detail,
        documentation: None,
        insert_text: insert,
        replace: cursor.replace,
    };
    match &cursor.context {
        Context::Nothing => {}
        Context::NodeName { parents } => {
            let Some(parent) = schema_of(root, parents) else {
                return Vec::new();
            };
            for child in parent.children {
                items.push(item(
                    child.name,
                    CompletionKind::Node,
                    Some(child.summary.to_owned()),
                    child.name.to_owned(),
                ));
            }
            if parent.any_child.is_some() {
                // `rules { RULE SEVERITY }` in ropa.kdl: the names are rule ids.
                for rule in Rule::ALL {
                    let info = rule.info();
                    items.push(item(
                        info.id,
                        CompletionKind::Rule,
                        Some(info.summary.to_owned()),
                        info.id.to_owned(),
                    ));
                }
            }
        }
        Context::Entry {
            parents,
            node,
            arg_index,
            present,
        } => {
            let Some(node_schema) = schema_of(root, parents).and_then(|p| p.child(node)) else {
                return Vec::new();
            };
            if let Some(arg) = node_schema.args.get(*arg_index).or(node_schema.rest.as_ref()) {
                items.extend(values(ws, arg.kind, cursor.replace));
            }
            for prop in node_schema
                .props
                .iter()
                .filter(|p| !present.iter().any(|n| n == p.name))
            {
                items.push(item(
                    &format!("{}=", prop.name),
                    CompletionKind::Property,
                    Some(prop.summary.to_owned()),
                    format!("{}=", prop.name),
                ));
            }
        }
        Context::PropValue { parents, node, key } => {
            let prop = schema_of(root, parents)
                .and_then(|p| p.child(node))
                .and_then(|n| n.prop(key));
            if let Some(prop) = prop {
                items.extend(values(ws, prop.kind, cursor.replace));
            }
        }
    }
    let prefix = cursor.prefix.to_lowercase();
    items.retain(|i| i.label.to_lowercase().starts_with(&prefix));
    items
}

/// The schema of the block named by `parents` (outermost first).
fn schema_of(root: &'static NodeSchema, parents: &[String]) -> Option<&'static NodeSchema> {
    let mut schema = root;
    for name in parents {
        schema = schema.child(name)?;
    }
    Some(schema)
}

fn values(ws: &Workspace, kind: ValueKind, replace: Span) -> Vec<CompletionItem> {
    let item = |label: &str, kind, detail: String, documentation: Option<String>| CompletionItem {
        label: label.to_owned(),
        kind,
        detail: Some(detail),
        documentation,
        insert_text: label.to_owned(),
        replace,
    };
    match kind {
        ValueKind::Keyword(vocabulary) => (vocabulary.words)()
            .into_iter()
            .map(|(word, meaning)| item(word, CompletionKind::Keyword, meaning.to_owned(), None))
            .collect(),
        ValueKind::Country => Country::all()
            .map(|c| {
                item(
                    c.code(),
                    CompletionKind::Country,
                    format!("{} · {}", c.name(), crate::hover::transfer_status(c)),
                    None,
                )
            })
            .collect(),
        ValueKind::Region => ropa_syntax::values::GERMAN_LAENDER
            .iter()
            .map(|(code, name)| {
                let label = format!("DE-{code}");
                item(&label, CompletionKind::Keyword, format!("{name} (Germany)"), None)
            })
            .collect(),
        ValueKind::Ref(target) => {
            let index = ws.index();
            index
                .ids_for(target)
                .into_iter()
                .filter_map(|id| index.resolve(target, id))
                .map(|decl| {
                    let id = decl.item.id().value.as_str();
                    let what = decl.item.describe();
                    let detail = match describe(decl.item) {
                        Some(text) => format!("{what}: {text}"),
                        None => what.to_owned(),
                    };
                    item(id, CompletionKind::Reference, detail, None)
                })
                .collect()
        }
        ValueKind::Bool => vec![
            item("#true", CompletionKind::Boolean, "yes".to_owned(), None),
            item("#false", CompletionKind::Boolean, "no".to_owned(), None),
        ],
        ValueKind::RuleId => Rule::ALL
            .iter()
            .map(|r| {
                let info = r.info();
                item(info.id, CompletionKind::Rule, info.summary.to_owned(), None)
            })
            .collect(),
        ValueKind::Text
        | ValueKind::Id
        | ValueKind::Duration
        | ValueKind::Date
        | ValueKind::DateOrText
        | ValueKind::Integer { .. } => Vec::new(),
    }
}

/// A declaration's description, entity or name, for details.
pub(crate) fn describe(item: Declared<'_>) -> Option<&str> {
    match item {
        Declared::Data(d) => d.description.as_ref().map(|t| t.value.as_str()),
        Declared::Subjects(s) => s.description.as_ref().map(|t| t.value.as_str()),
        Declared::Party(p) => p.entity.as_ref().map(|t| t.value.as_str()),
        Declared::Activity(a) => a.name.as_ref().map(|t| t.value.as_str()),
        Declared::Controller(c) => c.name.as_ref().map(|t| t.value.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::Fixture;

    /// Labels offered at the cursor, joined for a compact snapshot.
    fn labels(fixture: &str) -> String {
        let f = Fixture::parse(fixture);
        let items = super::completions(&f.ws, f.cursor_file, f.cursor);
        items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn top_level_node_names() {
        insta::assert_snapshot!(labels("$0"), @"organization data subjects processor recipient activity allow joint-controller system controller");
        insta::assert_snapshot!(labels("act$0"), @"activity");
    }

    #[test]
    fn children_of_an_activity_in_an_unclosed_block() {
        insta::assert_snapshot!(labels("activity web {\n    re$0"), @"retain recipients reviewed");
    }

    #[test]
    fn legal_bases_while_typing_in_broken_text() {
        insta::assert_snapshot!(
            labels("activity web {\n    purpose \"unclosed\n    basis $0\n"),
            @"consent contract legal-obligation vital-interests public-task legitimate-interests withdrawal= records= parental= law= interest= assessment="
        );
        insta::assert_snapshot!(labels("activity web {\n    basis le$0\n}"), @"legal-obligation legitimate-interests");
    }

    #[test]
    fn mechanisms_after_the_equals_sign() {
        insta::assert_snapshot!(
            labels("activity web {\n    transfer US to=x mechanism=$0\n}"),
            @"adequacy dpf scc bcr code-of-conduct certification ad-hoc-clauses administrative-arrangement derogation"
        );
        insta::assert_snapshot!(labels("activity web {\n    transfer US to=x mec$0\n}"), @"mechanism=");
    }

    #[test]
    fn country_codes_with_transfer_status() {
        let f = crate::fixture::Fixture::parse("processor p {\n    stored-in S$0\n}");
        let items = super::completions(&f.ws, f.cursor_file, f.cursor);
        let se = items.iter().find(|i| i.label == "SE").expect("SE offered");
        insta::assert_snapshot!(se.detail.clone().unwrap_or_default(), @"Sweden · EEA member: no transfer");
        let us = super::completions(&f.ws, f.cursor_file, f.cursor);
        assert!(us.iter().all(|i| i.label.starts_with('S')));
    }

    #[test]
    fn roles_and_declared_ids_across_files() {
        insta::assert_snapshot!(labels("activity web {\n    role $0\n}"), @"controller processor joint-controller for= with= arrangement=");
        let fixture = "//- /data.ropa.kdl\ndata contact \"Name and e-mail\"\ndata health \"Sick leave\" special=health\nsubjects staff \"Employees\"\nprocessor mailer \"Mailer Inc\"\n//- /activities.ropa.kdl\nactivity web {\n    data $0\n}";
        insta::assert_snapshot!(labels(fixture), @"contact health");
        let f = crate::fixture::Fixture::parse(fixture);
        let items = super::completions(&f.ws, f.cursor_file, f.cursor);
        insta::assert_snapshot!(items[0].detail.clone().unwrap_or_default(), @"data category: Name and e-mail");
        let fixture = fixture.replace("data $0", "transfer US to=$0");
        insta::assert_snapshot!(labels(&fixture), @"mailer");
        let fixture = fixture.replace("transfer US to=$0", "subjects s$0");
        insta::assert_snapshot!(labels(&fixture), @"staff");
    }

    #[test]
    fn rule_ids_in_allow_and_in_the_workspace_file() {
        insta::assert_snapshot!(labels("allow consent-o$0"), @"consent-only-basis");
        insta::assert_snapshot!(labels("//- /ropa.kdl\nrules {\n    unused-d$0\n}"), @"unused-declaration");
        insta::assert_snapshot!(labels("//- /ropa.kdl\nrules {\n    unused-declaration $0\n}"), @"error warning info off");
    }

    #[test]
    fn nothing_inside_strings_comments_or_unknown_nodes() {
        assert_eq!(labels("activity web {\n    purpose \"Run the web$0\n}"), "");
        assert_eq!(labels("// activ$0"), "");
        assert_eq!(labels("nonsense {\n    $0\n}"), "");
    }

    #[test]
    fn the_replaced_range_is_the_word_being_typed() {
        let f = crate::fixture::Fixture::parse("activity web {\n    basis contr$0act\n}");
        let items = super::completions(&f.ws, f.cursor_file, f.cursor);
        assert_eq!(items.len(), 1);
        let word = &f.ws.files[0].text[items[0].replace.range()];
        assert_eq!(word, "contract");
    }
}
