//! Go to definition, find references and rename, for the ids of data
//! categories, subject categories, processors, recipients and activities,
//! across every file of the workspace.

use ropa_check::index::{Declared, Index};
use ropa_check::rules::structure::activity_references;
use ropa_check::{FileId, Workspace};
use ropa_syntax::Span;
use ropa_syntax::kdl::Value;
use ropa_syntax::schema::{RefTarget, ValueKind};

use crate::locate::{Target, locate};
use crate::{FileEdit, Location, TextEdit};

/// What an id names. References of a kind resolve to declarations of the
/// same class (a `processors` reference and a `to=` both name a party).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Data,
    Subjects,
    Party,
    Activity,
    /// Named by `role processor for=ID` (which also takes words: only a
    /// value that is an id is navigated).
    Controller,
}

impl Class {
    pub(crate) fn of(item: Declared<'_>) -> Class {
        match item {
            Declared::Data(_) => Class::Data,
            Declared::Subjects(_) => Class::Subjects,
            Declared::Party(_) => Class::Party,
            Declared::Activity(_) => Class::Activity,
            Declared::Controller(_) => Class::Controller,
        }
    }
    fn of_target(target: RefTarget) -> Class {
        match target {
            RefTarget::Data => Class::Data,
            RefTarget::Subjects => Class::Subjects,
            RefTarget::Processor
            | RefTarget::Recipient
            | RefTarget::Party
            | RefTarget::JointController
            | RefTarget::System => Class::Party,
            RefTarget::Controller => Class::Controller,
        }
    }
}

/// The class of the id a declaring node introduces.
pub(crate) fn class_of_declaration(node_name: &str) -> Option<Class> {
    Some(match node_name {
        "data" => Class::Data,
        "subjects" => Class::Subjects,
        "processor" | "subprocessor" | "recipient" | "joint-controller" | "system" => Class::Party,
        "activity" => Class::Activity,
        "controller" => Class::Controller,
        _ => return None,
    })
}

/// The id under the cursor: its text, class and span.
struct IdAt {
    id: String,
    class: Class,
    span: Span,
    /// What a reference expects (`None` on a declaration).
    target: Option<RefTarget>,
}

fn id_at(ws: &Workspace, file: FileId, offset: u32) -> Option<IdAt> {
    let f = ws.file(file)?;
    let located = locate(f, offset)?;
    let Target::Value {
        entry,
        kind: Some(kind),
    } = located.target
    else {
        return None;
    };
    let Value::String(id) = &entry.value else {
        return None;
    };
    let (class, target) = match kind {
        ValueKind::Ref(target) => (Class::of_target(target), Some(target)),
        ValueKind::Id => (class_of_declaration(&located.innermost()?.node.name.value)?, None),
        _ if is_controller_ref(&located, entry, id) => (Class::Controller, None),
        _ => return None,
    };
    Some(IdAt {
        id: id.to_string(),
        class,
        span: entry.value_span,
        target,
    })
}

/// `for=ID` on a `role`: the controller the activity processes for, when
/// written as an id rather than in words.
pub(crate) fn is_controller_ref(
    located: &crate::locate::Located<'_>,
    entry: &ropa_syntax::kdl::Entry,
    id: &str,
) -> bool {
    entry.name.as_ref().is_some_and(|n| n.value == "for")
        && located.innermost().is_some_and(|n| n.node.name.value == "role")
        && ropa_syntax::is_valid_id(id)
}

fn declarations(index: &Index<'_>, id: &str, class: Class) -> Vec<Location> {
    index
        .declarations(id)
        .filter(|d| Class::of(d.item) == class)
        .map(|d| Location {
            file: d.file,
            span: d.item.id().span,
        })
        .collect()
}

/// One use of an id by an activity.
pub(crate) struct Usage {
    pub file: FileId,
    pub span: Span,
    pub activity: String,
}

/// Every reference to `id` (of `class`) in the workspace's activities.
pub(crate) fn usages(ws: &Workspace, id: &str, class: Class) -> Vec<Usage> {
    let mut out = Vec::new();
    for (file, spec) in ws.specs() {
        for activity in &spec.model.activities {
            let processes_for = activity
                .role
                .as_ref()
                .filter(|r| r.kind.value == ropa_syntax::values::RoleKind::Processor)
                .and_then(|r| r.counterpart.as_ref())
                .filter(|c| class == Class::Controller && c.value == id);
            if let Some(counterpart) = processes_for {
                out.push(Usage {
                    file,
                    span: counterpart.span,
                    activity: activity.id.value.to_string(),
                });
            }
            for (target, reference) in activity_references(activity) {
                if reference.value == id && Class::of_target(target) == class {
                    out.push(Usage {
                        file,
                        span: reference.span,
                        activity: activity.id.value.to_string(),
                    });
                }
            }
        }
    }
    out
}

/// Where the id under the cursor is declared. On a declaration, itself.
pub fn definition(ws: &Workspace, file: FileId, offset: u32) -> Vec<Location> {
    let Some(at) = id_at(ws, file, offset) else {
        return Vec::new();
    };
    let index = ws.index();
    if let Some(target) = at.target {
        // The declaration the checker resolves to, when there is one.
        if let Some(decl) = index.resolve(target, &at.id) {
            return vec![Location {
                file: decl.file,
                span: decl.item.id().span,
            }];
        }
    }
    declarations(index, &at.id, at.class)
}

/// Every use of the id under the cursor, and its declarations when asked.
pub fn references(ws: &Workspace, file: FileId, offset: u32, include_declaration: bool) -> Vec<Location> {
    let Some(at) = id_at(ws, file, offset) else {
        return Vec::new();
    };
    let mut out: Vec<Location> = usages(ws, &at.id, at.class)
        .into_iter()
        .map(|u| Location {
            file: u.file,
            span: u.span,
        })
        .collect();
    if include_declaration {
        out.extend(declarations(ws.index(), &at.id, at.class));
    }
    let path = |l: &Location| ws.file(l.file).map_or("", |f| f.path.as_str());
    out.sort_by(|a, b| (path(a), a.span).cmp(&(path(b), b.span)));
    out.dedup();
    out
}

/// The id under the cursor, if it can be renamed: its span (without quotes)
/// and its text.
pub fn prepare_rename(ws: &Workspace, file: FileId, offset: u32) -> Option<(Span, String)> {
    let at = id_at(ws, file, offset)?;
    let raw = crate::text_of(ws, file).get(at.span.range()).unwrap_or("");
    let span = if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        Span::new(at.span.start + 1, at.span.end - 1)
    } else {
        at.span
    };
    Some((span, at.id))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is not on an id.
    NothingToRename,
    /// The new name is not a valid id.
    InvalidId(String),
    /// Another declaration already has the new name.
    AlreadyDeclared(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NothingToRename => f.write_str("there is no id to rename here"),
            RenameError::InvalidId(id) => write!(
                f,
                "`{id}` is not a valid id: use a single word of letters, digits, `-`, `_` and `.`"
            ),
            RenameError::AlreadyDeclared(id) => write!(f, "`{id}` is already declared in the workspace"),
        }
    }
}

/// Renames the id under the cursor in its declarations and every reference,
/// in all files. Refuses names that are not ids or are already taken (a
/// rename must not create a duplicate or merge two declarations).
pub fn rename(ws: &Workspace, file: FileId, offset: u32, new_name: &str) -> Result<Vec<FileEdit>, RenameError> {
    let at = id_at(ws, file, offset).ok_or(RenameError::NothingToRename)?;
    if !ropa_syntax::is_valid_id(new_name) {
        return Err(RenameError::InvalidId(new_name.to_owned()));
    }
    if new_name == at.id {
        return Ok(Vec::new());
    }
    let index = ws.index();
    if index.get(new_name).is_some() {
        return Err(RenameError::AlreadyDeclared(new_name.to_owned()));
    }
    let new_text = ropa_kdl::kdl_string(new_name);
    let mut locations = declarations(index, &at.id, at.class);
    locations.extend(usages(ws, &at.id, at.class).into_iter().map(|u| Location {
        file: u.file,
        span: u.span,
    }));
    locations.sort();
    locations.dedup();
    let mut edits: Vec<FileEdit> = Vec::new();
    for location in locations {
        let edit = TextEdit {
            span: location.span,
            new_text: new_text.clone(),
        };
        match edits.iter_mut().find(|e| e.file == location.file) {
            Some(file_edit) => file_edit.edits.push(edit),
            None => edits.push(FileEdit {
                file: location.file,
                edits: vec![edit],
            }),
        }
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use crate::fixture::Fixture;

    const WORKSPACE: &str = "//- /data.ropa.kdl\ndata contact \"Name and e-mail\"\nprocessor mailer \"Mailer Inc\"\n//- /activities.ropa.kdl\nactivity web {\n    data contact\n    processors mailer\n    retain \"1 year\" from=collection data=contact\n    transfer US to=mailer mechanism=scc\n}\nactivity crm {\n    data \"contact\"\n}\n";

    fn locations(fixture: &str, f: impl Fn(&Fixture) -> Vec<crate::Location>) -> String {
        let fx = Fixture::parse(fixture);
        f(&fx)
            .into_iter()
            .map(|l| fx.describe(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn definition_across_files() {
        let fixture = WORKSPACE.replace("    data contact\n", "    data con$0tact\n");
        insta::assert_snapshot!(locations(&fixture, |f| super::definition(&f.ws, f.cursor_file, f.cursor)), @r#"/data.ropa.kdl:1:6 "contact""#);
        let fixture = WORKSPACE.replace("to=mailer", "to=mai$0ler");
        insta::assert_snapshot!(locations(&fixture, |f| super::definition(&f.ws, f.cursor_file, f.cursor)), @r#"/data.ropa.kdl:2:11 "mailer""#);
    }

    #[test]
    fn references_from_the_declaration() {
        let fixture = WORKSPACE.replace("data contact \"Name", "data cont$0act \"Name");
        insta::assert_snapshot!(locations(&fixture, |f| super::references(&f.ws, f.cursor_file, f.cursor, true)), @r#"
        /activities.ropa.kdl:2:10 "contact"
        /activities.ropa.kdl:4:42 "contact"
        /activities.ropa.kdl:8:10 "\"contact\""
        /data.ropa.kdl:1:6 "contact"
        "#);
        insta::assert_snapshot!(locations(&fixture, |f| super::references(&f.ws, f.cursor_file, f.cursor, false)).lines().count().to_string(), @"3");
    }

    #[test]
    fn rename_across_files_keeps_quotes_valid() {
        let fixture = WORKSPACE.replace("    data contact\n", "    data con$0tact\n");
        let fx = Fixture::parse(&fixture);
        let edits = super::rename(&fx.ws, fx.cursor_file, fx.cursor, "kontakt-åäö").expect("valid rename");
        insta::assert_snapshot!(fx.apply(&edits), @r#"
        //- /data.ropa.kdl
        data kontakt-åäö "Name and e-mail"
        processor mailer "Mailer Inc"
        //- /activities.ropa.kdl
        activity web {
            data kontakt-åäö
            processors mailer
            retain "1 year" from=collection data=kontakt-åäö
            transfer US to=mailer mechanism=scc
        }
        activity crm {
            data kontakt-åäö
        }
        "#);
        let edits = super::rename(&fx.ws, fx.cursor_file, fx.cursor, "2024-contacts").expect("valid rename");
        assert!(fx.apply(&edits).contains("data \"2024-contacts\" \"Name and e-mail\""));
    }

    #[test]
    fn rename_refuses_invalid_and_taken_names() {
        let fixture = WORKSPACE.replace("    data contact\n", "    data con$0tact\n");
        let fx = Fixture::parse(&fixture);
        let err = |name: &str| {
            super::rename(&fx.ws, fx.cursor_file, fx.cursor, name)
                .expect_err("refused")
                .to_string()
        };
        insta::assert_snapshot!(err("two words"), @"`two words` is not a valid id: use a single word of letters, digits, `-`, `_` and `.`");
        insta::assert_snapshot!(err("mailer"), @"`mailer` is already declared in the workspace");
        insta::assert_snapshot!(err(""), @"`` is not a valid id: use a single word of letters, digits, `-`, `_` and `.`");
        let nothing = Fixture::parse("activity web {\n    purpose \"R$0un\"\n}");
        assert_eq!(
            super::rename(&nothing.ws, nothing.cursor_file, nothing.cursor, "x"),
            Err(super::RenameError::NothingToRename)
        );
    }

    #[test]
    fn prepare_rename_strips_quotes() {
        let fixture = WORKSPACE.replace("data \"contact\"", "data \"con$0tact\"");
        let fx = Fixture::parse(&fixture);
        let (span, id) = super::prepare_rename(&fx.ws, fx.cursor_file, fx.cursor).expect("an id");
        assert_eq!(id, "contact");
        assert_eq!(&fx.text(fx.cursor_file)[span.range()], "contact");
    }

    const PROCESSOR: &str = "//- /controllers.ropa.kdl\ncontroller acme \"Acme AB\" {\n    country SE\n}\n//- /activities.ropa.kdl\nactivity hosting {\n    role processor for=acme\n}\nactivity payroll {\n    role processor for=\"Our customers\"\n}\n";

    #[test]
    fn controller_ids_navigate_through_for() {
        let fixture = PROCESSOR.replace("for=acme", "for=ac$0me");
        insta::assert_snapshot!(locations(&fixture, |f| super::definition(&f.ws, f.cursor_file, f.cursor)), @r#"/controllers.ropa.kdl:1:12 "acme""#);
        let fixture = PROCESSOR.replace("controller acme", "controller ac$0me");
        insta::assert_snapshot!(locations(&fixture, |f| super::references(&f.ws, f.cursor_file, f.cursor, true)), @r#"
        /activities.ropa.kdl:2:24 "acme"
        /controllers.ropa.kdl:1:12 "acme"
        "#);
        // Near miss: a controller in words is no id.
        let fixture = PROCESSOR.replace("Our customers", "Our cus$0tomers");
        assert_eq!(
            locations(&fixture, |f| super::definition(&f.ws, f.cursor_file, f.cursor)),
            ""
        );
    }

    #[test]
    fn rename_a_controller_renames_its_for() {
        let fixture = PROCESSOR.replace("controller acme", "controller ac$0me");
        let fx = Fixture::parse(&fixture);
        let edits = super::rename(&fx.ws, fx.cursor_file, fx.cursor, "acme-retail").expect("valid rename");
        insta::assert_snapshot!(fx.apply(&edits), @r#"
        //- /controllers.ropa.kdl
        controller acme-retail "Acme AB" {
            country SE
        }
        //- /activities.ropa.kdl
        activity hosting {
            role processor for=acme-retail
        }
        activity payroll {
            role processor for="Our customers"
        }
        "#);
    }
}
