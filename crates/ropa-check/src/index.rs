//! Every declaration of a workspace by id, so that references resolve in
//! constant time whatever the size of the record.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use ropa_syntax::SmolStr;
use ropa_syntax::model::{Activity, Controller, DataCategory, Organization, Party, PartyKind, SubjectCategory, Text};
use ropa_syntax::schema::RefTarget;

use crate::diagnostic::FileId;
use crate::workspace::{File, Workspace};

#[derive(Clone, Copy, Debug)]
pub enum Declared<'a> {
    Data(&'a DataCategory),
    Subjects(&'a SubjectCategory),
    Party(&'a Party),
    Activity(&'a Activity),
    /// A controller the organization processes for (`role processor for=ID`).
    Controller(&'a Controller),
}

impl<'a> Declared<'a> {
    pub fn id(self) -> &'a Text {
        match self {
            Declared::Data(d) => &d.id,
            Declared::Subjects(s) => &s.id,
            Declared::Party(p) => &p.id,
            Declared::Activity(a) => &a.id,
            Declared::Controller(c) => &c.id,
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            Declared::Data(_) => "data category",
            Declared::Subjects(_) => "data-subject category",
            Declared::Party(p) => p.kind.keyword(),
            Declared::Activity(_) => "activity",
            Declared::Controller(_) => "controller",
        }
    }
    pub(crate) fn matches(self, target: RefTarget) -> bool {
        match (self, target) {
            (Declared::Data(_), RefTarget::Data) | (Declared::Subjects(_), RefTarget::Subjects) => true,
            (Declared::Party(p), RefTarget::Processor) => p.kind.is_processor(),
            (Declared::Party(p), RefTarget::Recipient) => p.kind == PartyKind::Recipient,
            (Declared::Party(p), RefTarget::JointController) => p.kind == PartyKind::JointController,
            (Declared::Party(p), RefTarget::System) => p.kind == PartyKind::System,
            (Declared::Party(p), RefTarget::Party) => p.kind.receives_data(),
            (Declared::Controller(_), RefTarget::Controller) => true,
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Declaration<'a> {
    pub file: FileId,
    pub item: Declared<'a>,
}

/// An id a reference can name, as the index holds it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Referable<'a> {
    /// Its first declaration.
    pub(crate) first: Declaration<'a>,
    /// Its place among the referable ids (`0..Index::referable_ids()`), for
    /// what a walk over the references notes per id.
    pub(crate) ordinal: u32,
}

#[derive(Debug, Default)]
pub struct Index<'a> {
    /// The first declaration of each id: the one that wins.
    pub by_id: FxHashMap<&'a str, Declaration<'a>>,
    /// Later declarations of ids declared before, in workspace order. Kept
    /// apart because nearly every id is declared once: a list per id was an
    /// allocation per declaration.
    pub(crate) duplicates: FxHashMap<&'a str, Vec<Declaration<'a>>>,
    /// What [`Index::resolve`] reads: the declarations a reference can name
    /// (every kind but activities), the first of each id, with its id held
    /// in the table rather than behind a pointer into the record. Most ids
    /// are activities', so the table of every id is large, and each of the
    /// million lookups of a large record missed the cache twice, for the
    /// slot and for the key it compared; this one is a few thousand ids.
    referable: FxHashMap<SmolStr, Referable<'a>>,
    /// Later referable declarations of ids declared before, as `duplicates`.
    referable_later: FxHashMap<SmolStr, Vec<Declaration<'a>>>,
    pub(crate) organizations: Vec<(FileId, &'a Organization)>,
    pub activities: Vec<(FileId, &'a Activity)>,
    /// Processors, sub-processors and recipients.
    pub parties: Vec<(FileId, &'a Party)>,
    pub data: Vec<(FileId, &'a DataCategory)>,
    pub subjects: Vec<(FileId, &'a SubjectCategory)>,
}

impl<'a> Index<'a> {
    /// Builds the index of a workspace. A caller that asks more than once
    /// per version of the workspace (an editor) takes
    /// [`Workspace::index`] instead, built once and kept until an edit.
    pub fn new(workspace: &'a Workspace) -> Index<'a> {
        Index::of_files(&workspace.files)
    }

    pub(crate) fn of_files(files: &'a [Arc<File>]) -> Index<'a> {
        let mut index = Index::default();
        // Sized once: growing a table of a hundred thousand ids rehashes it
        // again and again.
        let declared: usize = files
            .iter()
            .filter_map(|f| f.spec())
            .map(|spec| {
                let m = &spec.model;
                m.data.len() + m.subjects.len() + m.parties.len() + m.activities.len() + m.controllers.len()
            })
            .sum();
        index.by_id.reserve(declared);
        for (file, spec) in files.iter().filter_map(|f| f.spec().map(|s| (f.id, s))) {
            let model = &spec.model;
            index
                .organizations
                .extend(model.organizations.iter().map(|o| (file, o)));
            for data in &model.data {
                index.data.push((file, data));
                index.declare(file, Declared::Data(data));
            }
            for subjects in &model.subjects {
                index.subjects.push((file, subjects));
                index.declare(file, Declared::Subjects(subjects));
            }
            for party in model.all_parties() {
                index.parties.push((file, party));
                index.declare(file, Declared::Party(party));
            }
            for activity in &model.activities {
                index.activities.push((file, activity));
                index.declare(file, Declared::Activity(activity));
            }
            for controller in &model.controllers {
                index.declare(file, Declared::Controller(controller));
            }
        }
        index
    }

    fn declare(&mut self, file: FileId, item: Declared<'a>) {
        let declaration = Declaration { file, item };
        if !matches!(item, Declared::Activity(_)) {
            let ordinal = self.referable.len() as u32;
            match self.referable.entry(item.id().value.clone()) {
                Entry::Vacant(slot) => {
                    slot.insert(Referable {
                        first: declaration,
                        ordinal,
                    });
                }
                Entry::Occupied(first) => self
                    .referable_later
                    .entry(first.key().clone())
                    .or_default()
                    .push(declaration),
            }
        }
        match self.by_id.entry(item.id().value.as_str()) {
            Entry::Vacant(slot) => {
                slot.insert(declaration);
            }
            Entry::Occupied(first) => self.duplicates.entry(first.key()).or_default().push(declaration),
        }
    }

    /// Every declaration of an id, in workspace order.
    pub fn declarations(&self, id: &str) -> impl Iterator<Item = Declaration<'a>> + '_ {
        let first = self.by_id.get(id);
        // Only an id declared once already can be declared again: one hash
        // lookup for nearly every reference, not two.
        let later = match first {
            Some(_) if !self.duplicates.is_empty() => self.duplicates.get(id).map_or(&[][..], Vec::as_slice),
            _ => &[],
        };
        first.into_iter().chain(later).copied()
    }

    /// The controller declared with an id (`role processor for=ID`), if the
    /// id's first declaration is one.
    pub fn controller(&self, id: &str) -> Option<(FileId, &'a Controller)> {
        match self.by_id.get(id) {
            Some(Declaration {
                file,
                item: Declared::Controller(c),
            }) => Some((*file, *c)),
            _ => None,
        }
    }

    /// The declaration an id refers to, if it is of the expected kind: the
    /// first of that kind, as among [`Index::declarations`] (no reference
    /// can name an activity).
    pub fn resolve(&self, target: RefTarget, id: &str) -> Option<Declaration<'a>> {
        self.resolve_referable(self.referable(id)?, target, id)
    }

    /// The referable id `id`, if any declaration a reference can name has it.
    pub(crate) fn referable(&self, id: &str) -> Option<Referable<'a>> {
        self.referable.get(id).copied()
    }

    /// How many ids a reference can name.
    pub(crate) fn referable_ids(&self) -> usize {
        self.referable.len()
    }

    /// [`Index::resolve`] for an id already looked up.
    pub(crate) fn resolve_referable(
        &self,
        found: Referable<'a>,
        target: RefTarget,
        id: &str,
    ) -> Option<Declaration<'a>> {
        if found.first.item.matches(target) {
            return Some(found.first);
        }
        // Only an id declared more than once has later declarations.
        let later = match self.referable_later.is_empty() {
            true => &[][..],
            false => self.referable_later.get(id).map_or(&[][..], Vec::as_slice),
        };
        later.iter().copied().find(|d| d.item.matches(target))
    }

    /// The first declaration of an id, whatever its kind.
    pub fn get(&self, id: &str) -> Option<Declaration<'a>> {
        self.by_id.get(id).copied()
    }

    pub fn party(&self, id: &str) -> Option<&'a Party> {
        self.party_declared(id).map(|(party, _)| party)
    }
    /// [`Index::party`] with the file declaring it (and so its sub-processors).
    pub fn party_declared(&self, id: &str) -> Option<(&'a Party, FileId)> {
        let declaration = self.resolve(RefTarget::Party, id)?;
        match declaration.item {
            Declared::Party(party) => Some((party, declaration.file)),
            _ => None,
        }
    }
    pub fn data(&self, id: &str) -> Option<&'a DataCategory> {
        match self.resolve(RefTarget::Data, id)?.item {
            Declared::Data(data) => Some(data),
            _ => None,
        }
    }
    pub fn subjects(&self, id: &str) -> Option<&'a SubjectCategory> {
        match self.resolve(RefTarget::Subjects, id)?.item {
            Declared::Subjects(subjects) => Some(subjects),
            _ => None,
        }
    }

    /// The organization of the workspace (the first, if several).
    pub fn organization(&self) -> Option<(FileId, &'a Organization)> {
        self.organizations.first().copied()
    }

    /// Ids of declarations that a reference of this kind may name, sorted.
    pub fn ids_for(&self, target: RefTarget) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self
            .by_id
            .keys()
            .copied()
            .filter(|id| self.declarations(id).any(|d| d.item.matches(target)))
            .collect();
        ids.sort_unstable();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileKind;

    /// A reference names the first declaration of its id that is of its
    /// kind, whatever else shares the id, in whichever file.
    #[test]
    fn a_reference_resolves_to_the_first_declaration_of_its_kind() {
        let first = "activity shared {\n    purpose \"P\"\n}\nsubjects both \"People\"\ndata twice \"First\"\n";
        let second =
            "processor shared \"Shared Ltd\" {\n    country SE\n}\ndata both \"Data\"\ndata twice \"Second\"\n";
        let workspace = Workspace::new(vec![
            ("a.ropa.kdl".to_owned(), first.to_owned(), FileKind::Spec),
            ("b.ropa.kdl".to_owned(), second.to_owned(), FileKind::Spec),
        ]);
        let index = Index::new(&workspace);
        // Where the id of `declaration` (its last word) is in `text`.
        let at = |text: &str, declaration: &str| {
            let id = declaration.rsplit(' ').next().unwrap_or(declaration);
            text.find(declaration)
                .map(|i| (i + declaration.len() - id.len()) as u32)
        };
        let texts = [first, second];
        // (kind, id, the declaration found: its file and how it begins)
        let cases = [
            // An activity shares the id: the processor after it is still found.
            (
                RefTarget::Processor,
                "shared",
                Some((1, "processor", "processor shared")),
            ),
            (RefTarget::Party, "shared", Some((1, "processor", "processor shared"))),
            (RefTarget::Data, "shared", None),
            // Subjects and data share an id: each kind finds its own.
            (
                RefTarget::Subjects,
                "both",
                Some((0, "data-subject category", "subjects both")),
            ),
            (RefTarget::Data, "both", Some((1, "data category", "data both"))),
            // Declared twice: the first wins.
            (RefTarget::Data, "twice", Some((0, "data category", "data twice"))),
            (RefTarget::Data, "nowhere", None),
        ];
        for (target, id, expected) in cases {
            let found = index
                .resolve(target, id)
                .map(|d| (d.file.0, d.item.describe(), Some(d.item.id().span.start)));
            let expected =
                expected.map(|(file, kind, declaration)| (file, kind, at(texts[file as usize], declaration)));
            assert_eq!(found, expected, "{target:?} {id}");
        }
        // What every lookup by id sees is unchanged: the activity first.
        assert_eq!(index.get("shared").map(|d| d.item.describe()), Some("activity"));
    }
}
