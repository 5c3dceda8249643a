//! What is at an offset in the KDL tree, with the schema that gives it a
//! meaning: a node name, a property name, or a value of a known kind.
//!
//! Works on the parsed tree, so it sees everything the parser recovered in a
//! broken file. Completion, which must also work on the half-typed word the
//! tree cannot hold, uses the token stream instead (`cursor.rs`).

use ropa_check::{File, Parsed};
use ropa_syntax::kdl::{Entry, Node};
use ropa_syntax::schema::{self, NodeSchema, Prop, ValueKind};

#[derive(Clone, Copy, Debug)]
pub(crate) struct NodeAt<'a> {
    pub node: &'a Node,
    /// `None` for a node the language does not have here.
    pub schema: Option<&'static NodeSchema>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Target<'a> {
    /// The name of the innermost node.
    NodeName,
    PropName {
        entry: &'a Entry,
        prop: Option<&'static Prop>,
    },
    Value {
        entry: &'a Entry,
        kind: Option<ValueKind>,
    },
    /// Inside the node but on none of the above (whitespace, a comment).
    Inside,
}

#[derive(Clone, Debug)]
pub(crate) struct Located<'a> {
    /// From the top-level node down to the innermost node holding the offset.
    pub path: Vec<NodeAt<'a>>,
    pub target: Target<'a>,
}

impl<'a> Located<'a> {
    pub(crate) fn innermost(&self) -> Option<NodeAt<'a>> {
        self.path.last().copied()
    }
}

pub(crate) fn root_schema(file: &File) -> &'static NodeSchema {
    match file.parsed {
        Parsed::Spec(_) => &schema::SPEC_FILE,
        Parsed::Config(_) => &schema::CONFIG_FILE,
    }
}

/// The kind of value an entry holds, from its node's schema.
pub(crate) fn entry_kind(node: &Node, schema: &'static NodeSchema, entry: &Entry) -> Option<ValueKind> {
    match &entry.name {
        Some(key) => schema.prop(&key.value).map(|p| p.kind),
        None => {
            let index = node.arguments().position(|e| std::ptr::eq(e, entry)).unwrap_or(0);
            schema.args.get(index).or(schema.rest.as_ref()).map(|a| a.kind)
        }
    }
}

/// The innermost node and target at `offset` (`start <= offset < end`, so
/// the character right after the cursor decides, as editors do for hover).
pub(crate) fn locate(file: &File, offset: u32) -> Option<Located<'_>> {
    let kdl = crate::kdl_of(file);
    let mut nodes: &[Node] = &kdl.document.nodes;
    let mut parent: Option<&'static NodeSchema> = Some(root_schema(file));
    let mut path = Vec::new();
    loop {
        let node = nodes.iter().find(|n| n.span.contains(offset))?;
        let schema = parent.and_then(|p| p.child(&node.name.value));
        path.push(NodeAt { node, schema });
        if node.name.span.contains(offset) {
            return Some(Located {
                path,
                target: Target::NodeName,
            });
        }
        for entry in &node.entries {
            if let Some(key) = &entry.name
                && key.span.contains(offset)
            {
                let prop = schema.and_then(|s| s.prop(&key.value));
                return Some(Located {
                    path,
                    target: Target::PropName { entry, prop },
                });
            }
            if entry.value_span.contains(offset) {
                let kind = schema.and_then(|s| entry_kind(node, s, entry));
                return Some(Located {
                    path,
                    target: Target::Value { entry, kind },
                });
            }
        }
        match &node.children {
            Some(children) if children.span.contains(offset) => {
                if !children.nodes.iter().any(|n| n.span.contains(offset)) {
                    return Some(Located {
                        path,
                        target: Target::Inside,
                    });
                }
                nodes = &children.nodes;
                parent = schema;
            }
            _ => {
                return Some(Located {
                    path,
                    target: Target::Inside,
                });
            }
        }
    }
}

/// The tree path (outermost first) of nodes whose span contains `span`.
pub(crate) fn enclosing_nodes(file: &File, span: ropa_syntax::Span) -> Vec<NodeAt<'_>> {
    let kdl = crate::kdl_of(file);
    let mut nodes: &[Node] = &kdl.document.nodes;
    let mut parent: Option<&'static NodeSchema> = Some(root_schema(file));
    let mut path = Vec::new();
    while let Some(node) = nodes
        .iter()
        .find(|n| n.span.start <= span.start && span.end <= n.span.end)
    {
        let schema = parent.and_then(|p| p.child(&node.name.value));
        path.push(NodeAt { node, schema });
        nodes = node.child_nodes();
        parent = schema;
    }
    path
}
