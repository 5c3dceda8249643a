//! What every rule gets to look at, and where it puts its findings.

use ropa_syntax::model::{Activity, DataCategory, SubjectCategory};
use ropa_syntax::values::{Country, RoleKind};

use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;
use crate::index::Index;
use crate::par::prelude::*;
use crate::workspace::Workspace;

/// Activities one task checks in [`Context::each_activity`].
const ACTIVITIES_PER_TASK: usize = 1024;

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

    /// Calls `check` on every activity, some at a time on every core, and
    /// puts the findings in `out` in the order of the activities, as one
    /// walk would (each task's list as it is). A group that walked a large
    /// record's activities on one core was one long task, and the last to
    /// end set the check's time.
    pub(crate) fn each_activity(
        &self,
        out: &mut Findings,
        check: impl Fn(&mut Vec<Diagnostic>, FileId, &'a Activity) + Sync,
    ) {
        self.each_activity_noting(out, |found, (), file, activity| check(found, file, activity));
    }

    /// [`Context::each_activity`] for a check that also notes something
    /// across activities: each task notes into its own `S`, and the notes
    /// come back in the order of the activities, for the caller to join.
    pub(crate) fn each_activity_noting<S: Default + Send>(
        &self,
        out: &mut Findings,
        check: impl Fn(&mut Vec<Diagnostic>, &mut S, FileId, &'a Activity) + Sync,
    ) -> Vec<S> {
        let chunks: Vec<(Vec<Diagnostic>, S)> = self
            .index()
            .activities
            .par_chunks(ACTIVITIES_PER_TASK)
            .map(|chunk| {
                let mut found = Vec::new();
                let mut noted = S::default();
                for &(file, activity) in chunk {
                    check(&mut found, &mut noted, file, activity);
                }
                (found, noted)
            })
            .collect();
        chunks
            .into_iter()
            .map(|(found, noted)| {
                out.append(found);
                noted
            })
            .collect()
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
