//! Every declaration of a workspace by id, so that references resolve in
//! constant time whatever the size of the record.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use rustc_hash::FxHashMap;

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

#[derive(Debug, Default)]
pub struct Index<'a> {
    /// The first declaration of each id: the one that wins.
    pub by_id: FxHashMap<&'a str, Declaration<'a>>,
    /// Later declarations of ids declared before, in workspace order. Kept
    /// apart because nearly every id is declared once: a list per id was an
    /// allocation per declaration.
    pub(crate) duplicates: FxHashMap<&'a str, Vec<Declaration<'a>>>,
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

    /// The declaration an id refers to, if it is of the expected kind.
    pub fn resolve(&self, target: RefTarget, id: &str) -> Option<Declaration<'a>> {
        self.declarations(id).find(|d| d.item.matches(target))
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
