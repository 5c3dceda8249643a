//! What every rule gets to look at, and where it puts its findings.

use ropa_syntax::model::{Activity, DataCategory, SubjectCategory};
use ropa_syntax::values::{Country, RoleKind};

use crate::diagnostic::FileId;
use crate::index::Index;
use crate::workspace::Workspace;

/// Read-only, so rule groups can run in parallel, each pushing to its own
/// list of findings.
pub struct Context<'a> {
    pub(crate) workspace: &'a Workspace,
}

impl<'a> Context<'a> {
    pub fn new(workspace: &'a Workspace) -> Context<'a> {
        Context { workspace }
    }

    /// The workspace's own index, built by the first group that asks, so
    /// that the groups that need none run while it is built, and an
    /// editor's requests after the check reuse it.
    pub fn index(&self) -> &'a Index<'a> {
        self.workspace.index()
    }

    /// The organization's country: decides national law and the authority.
    pub(crate) fn country(&self) -> Option<Country> {
        self.index()
            .organization()
            .and_then(|(_, org)| org.country.as_ref())
            .map(|c| c.value)
    }

    pub(crate) fn activities(&self) -> impl Iterator<Item = (FileId, &'a Activity)> + '_ {
        self.index().activities.iter().copied()
    }

    /// The declared data categories an activity names (undeclared ones are
    /// reported as undefined references, not here).
    pub(crate) fn data_of(&self, activity: &Activity) -> Vec<&'a DataCategory> {
        activity
            .data
            .iter()
            .filter_map(|r| self.index().data(&r.value))
            .collect()
    }

    pub(crate) fn subjects_of(&self, activity: &Activity) -> Vec<&'a SubjectCategory> {
        activity
            .subjects
            .iter()
            .filter_map(|r| self.index().subjects(&r.value))
            .collect()
    }
}

/// The organization decides purposes and means (alone or jointly): the
/// controller's duties (legal basis, retention, information) apply.
pub(crate) fn is_controller(activity: &Activity) -> bool {
    matches!(activity.role_kind(), RoleKind::Controller | RoleKind::JointController)
}

pub(crate) use ropa_syntax::values::given;
