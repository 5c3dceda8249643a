//! The workspace as a report sees it, resolved once: every reference looked
//! up, every party with the activities whose data reaches it, the flows of
//! data to countries, and each finding attached to the entity it is about.
//! Neutral to language and format; every builder and renderer reads it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use ropa_check::index::Declared;
use ropa_check::{Diagnostic, FileId};
use ropa_syntax::model::{Activity, DataCategory, Organization, Party, SubjectCategory};
use ropa_syntax::schema::RefTarget;
use ropa_syntax::values::{Country, Severity};

use crate::Input;
use crate::doc::LinkTarget;
use crate::flows::{self, Flow};

/// A reference to a declaration: found, or named but not declared (the
/// checker reports that; the report shows the id as written).
#[derive(Clone, Copy, Debug)]
pub enum Ref<'a, T> {
    Found(T),
    Undefined(&'a str),
}

/// Findings per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
    pub fn total(self) -> usize {
        self.error + self.warning + self.info
    }
}

pub struct ActivityView<'a> {
    /// Its position in [`View::activities`].
    pub index: usize,
    pub activity: &'a Activity,
    pub file: FileId,
    pub anchor: String,
    pub subjects: Vec<Ref<'a, usize>>,
    pub data: Vec<Ref<'a, usize>>,
    /// Indexes into [`View::parties`].
    pub processors: Vec<Ref<'a, usize>>,
    pub recipients: Vec<Ref<'a, usize>>,
    /// The joint controllers it names (Art. 26).
    pub joint_controllers: Vec<Ref<'a, usize>>,
    /// The systems (software) it uses.
    pub systems: Vec<Ref<'a, usize>>,
    pub counts: Counts,
}

impl ActivityView<'_> {
    pub fn id(&self) -> &str {
        &self.activity.id.value
    }
}

pub struct PartyView<'a> {
    pub party: &'a Party,
    pub file: FileId,
    pub anchor: String,
    /// The processor that engages this sub-processor.
    pub parent: Option<usize>,
    /// The sub-processors it engages.
    pub children: Vec<usize>,
    /// Activities whose data reaches the party: those naming it or a
    /// processor above it. Sorted.
    pub used_by: Vec<usize>,
    pub counts: Counts,
}

impl PartyView<'_> {
    pub fn id(&self) -> &str {
        &self.party.id.value
    }
    /// The legal entity when given, else the id.
    pub fn name(&self) -> &str {
        self.party.entity.as_ref().map_or(self.id(), |e| e.value.as_str())
    }
}

pub struct CategoryView<'a, T> {
    pub item: &'a T,
    pub anchor: String,
    pub used_by: Vec<usize>,
}

/// What a finding is about, for links from the findings to the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Organization,
    Activity(usize),
    Party(usize),
    Data(usize),
    Subjects(usize),
}

pub struct FindingView<'a> {
    pub diagnostic: &'a Diagnostic,
    /// The file's path as the caller named it.
    pub path: &'a str,
    /// The path below the folder all the workspace's files share: what a
    /// reader of the document needs ("activities.ropa.kdl").
    pub short_path: &'a str,
    pub line: usize,
    pub column: usize,
    pub target: Option<Target>,
}

pub struct View<'a> {
    pub input: Input<'a>,
    pub organization: Option<(FileId, &'a Organization)>,
    pub activities: Vec<ActivityView<'a>>,
    /// Processors, sub-processors (right after the processor that engages
    /// them) and recipients, in workspace order.
    pub parties: Vec<PartyView<'a>>,
    pub data: Vec<CategoryView<'a, DataCategory>>,
    pub subjects: Vec<CategoryView<'a, SubjectCategory>>,
    pub flows: Vec<Flow>,
    pub findings: Vec<FindingView<'a>>,
    /// Each activity's title and anchor, by its index: what every list of
    /// links to activities points into.
    pub activity_links: Arc<[LinkTarget]>,
    pub counts: Counts,
    /// Findings not about an activity (organization, parties, declarations, files).
    pub other_counts: Counts,
}

pub const ORGANIZATION_ANCHOR: &str = "organization";

/// An HTML id from an entity id: letters, digits and `-` kept, everything
/// else (`_` included, so that the mapping stays one-to-one) written as
/// `_` and its hex code.
pub fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len() + 1);
    out.push_str(prefix);
    out.push('-');
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    out
}

/// Hands out anchors, numbering repeats (a duplicate id is an error the
/// checker reports; the page must still have unique ids).
#[derive(Default)]
struct Anchors(HashSet<String>);

impl Anchors {
    fn take(&mut self, prefix: &str, id: &str) -> String {
        let base = anchor(prefix, id);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.0.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

impl<'a> View<'a> {
    pub fn new(input: &Input<'a>) -> View<'a> {
        let index = input.index;
        let mut anchors = Anchors::default();
        anchors.0.insert(ORGANIZATION_ANCHOR.to_owned());

        let mut parties = Vec::new();
        for (file, spec) in input.workspace.specs() {
            for party in &spec.model.parties {
                push_party(&mut parties, &mut anchors, file, party, None);
            }
        }
        let party_of: HashMap<*const Party, usize> = parties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.party as *const Party, i))
            .collect();
        let party_ref = |id: &'a str| match index.party(id) {
            Some(party) => party_of
                .get(&(party as *const Party))
                .map_or(Ref::Undefined(id), |i| Ref::Found(*i)),
            None => Ref::Undefined(id),
        };
        let system_ref = |id: &'a str| match index.resolve(RefTarget::System, id).map(|d| d.item) {
            Some(Declared::Party(party)) => party_of
                .get(&(party as *const Party))
                .map_or(Ref::Undefined(id), |i| Ref::Found(*i)),
            _ => Ref::Undefined(id),
        };

        let data: Vec<CategoryView<DataCategory>> = index
            .data
            .iter()
            .map(|(_, d)| CategoryView {
                item: *d,
                anchor: anchors.take("data", &d.id.value),
                used_by: Vec::new(),
            })
            .collect();
        let subjects: Vec<CategoryView<SubjectCategory>> = index
            .subjects
            .iter()
            .map(|(_, s)| CategoryView {
                item: *s,
                anchor: anchors.take("subjects", &s.id.value),
                used_by: Vec::new(),
            })
            .collect();
        let data_of: HashMap<*const DataCategory, usize> =
            data.iter().enumerate().map(|(i, d)| (d.item as *const _, i)).collect();
        let subjects_of: HashMap<*const SubjectCategory, usize> = subjects
            .iter()
            .enumerate()
            .map(|(i, s)| (s.item as *const _, i))
            .collect();

        let activities: Vec<ActivityView> = index
            .activities
            .iter()
            .enumerate()
            .map(|(position, (file, activity))| {
                let anchor = anchors.take("activity", &activity.id.value);
                ActivityView {
                    index: position,
                    activity,
                    file: *file,
                    anchor,
                    subjects: activity
                        .subjects
                        .iter()
                        .map(|r| {
                            index
                                .subjects(&r.value)
                                .and_then(|s| subjects_of.get(&(s as *const _)))
                                .map_or(Ref::Undefined(r.value.as_str()), |i| Ref::Found(*i))
                        })
                        .collect(),
                    data: activity
                        .data
                        .iter()
                        .map(|r| {
                            index
                                .data(&r.value)
                                .and_then(|d| data_of.get(&(d as *const _)))
                                .map_or(Ref::Undefined(r.value.as_str()), |i| Ref::Found(*i))
                        })
                        .collect(),
                    processors: activity.processors.iter().map(|r| party_ref(&r.value)).collect(),
                    recipients: activity.recipients.iter().map(|r| party_ref(&r.value)).collect(),
                    joint_controllers: activity.joint_controllers.iter().map(|r| party_ref(&r.value)).collect(),
                    systems: activity.systems.iter().map(|r| system_ref(&r.value)).collect(),
                    counts: Counts::default(),
                }
            })
            .collect();

        let activity_links = activities
            .iter()
            .map(|a| LinkTarget {
                text: a.activity.title().to_owned(),
                anchor: a.anchor.clone(),
            })
            .collect();
        let mut view = View {
            activity_links,
            input: *input,
            organization: index.organization(),
            activities,
            parties,
            data,
            subjects,
            flows: Vec::new(),
            findings: Vec::new(),
            counts: Counts::default(),
            other_counts: Counts::default(),
        };
        view.link_uses();
        view.flows = flows::build(&view);
        view.attach_findings();
        view
    }

    /// The organization's country: it decides the supervisory authority.
    pub fn country(&self) -> Option<Country> {
        self.organization.and_then(|(_, o)| o.country.as_ref()).map(|c| c.value)
    }

    pub fn organization_name(&self) -> Option<&'a str> {
        self.organization.map(|(_, o)| o.name.value.as_str())
    }

    /// The party and every sub-processor below it, depth first (indexes).
    pub fn subtree(&self, party: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![party];
        while let Some(p) = stack.pop() {
            out.push(p);
            stack.extend(self.parties[p].children.iter().rev());
        }
        out
    }

    fn link_uses(&mut self) {
        let mut party_uses: Vec<Vec<usize>> = vec![Vec::new(); self.parties.len()];
        let mut data_uses: Vec<Vec<usize>> = vec![Vec::new(); self.data.len()];
        let mut subject_uses: Vec<Vec<usize>> = vec![Vec::new(); self.subjects.len()];
        for (a, activity) in self.activities.iter().enumerate() {
            let receivers = activity.processors.iter().chain(&activity.recipients);
            for r in receivers.chain(&activity.joint_controllers) {
                if let Ref::Found(p) = r {
                    for q in self.subtree(*p) {
                        party_uses[q].push(a);
                    }
                }
            }
            for r in &activity.data {
                if let Ref::Found(d) = r {
                    data_uses[*d].push(a);
                }
            }
            for r in &activity.subjects {
                if let Ref::Found(s) = r {
                    subject_uses[*s].push(a);
                }
            }
        }
        for (party, mut uses) in self.parties.iter_mut().zip(party_uses) {
            uses.sort_unstable();
            uses.dedup();
            party.used_by = uses;
        }
        for (item, mut uses) in self.data.iter_mut().zip(data_uses) {
            uses.dedup();
            item.used_by = uses;
        }
        for (item, mut uses) in self.subjects.iter_mut().zip(subject_uses) {
            uses.dedup();
            item.used_by = uses;
        }
    }

    fn attach_findings(&mut self) {
        let input = self.input;
        let common = common_folder(input.workspace.files.iter().map(|f| f.path.as_str()));
        // Line starts per file, computed once: a large record has thousands
        // of findings in a few files.
        let mut line_starts: HashMap<FileId, Vec<usize>> = HashMap::new();
        let mut findings = Vec::with_capacity(input.findings.len());
        let ids = Ids::of(self);
        for diagnostic in input.findings {
            let file = input.workspace.file(diagnostic.file);
            let (path, (line, column)) = match file {
                Some(f) => {
                    let starts = line_starts.entry(f.id).or_insert_with(|| {
                        ropa_syntax::kdl::lines::lines(&f.text, ropa_syntax::kdl::lines::Breaks::Kdl)
                            .map(|line| line.start)
                            .collect()
                    });
                    (f.path.as_str(), line_col(&f.text, starts, diagnostic.span.start))
                }
                None => ("", (0, 0)),
            };
            let target = self.target_of(&ids, diagnostic);
            self.counts.add(diagnostic.severity);
            match target {
                Some(Target::Activity(a)) => self.activities[a].counts.add(diagnostic.severity),
                Some(Target::Party(p)) => {
                    self.parties[p].counts.add(diagnostic.severity);
                    self.other_counts.add(diagnostic.severity);
                }
                _ => self.other_counts.add(diagnostic.severity),
            }
            findings.push(FindingView {
                diagnostic,
                path,
                short_path: path.get(common..).unwrap_or(path),
                line,
                column,
                target,
            });
        }
        self.findings = findings;
    }

    /// The entity a finding is about: by its `entity` id, else by the
    /// declaration whose text contains it.
    fn target_of(&self, ids: &Ids, finding: &Diagnostic) -> Option<Target> {
        let inside = |file: FileId, span: ropa_syntax::Span| {
            file == finding.file && span.start <= finding.span.start && finding.span.end <= span.end
        };
        if let Some(entity) = finding.entity.as_deref() {
            // By id through an index built once: a scan per finding made a
            // record of 100k activities take minutes.
            let first_of = |found: Option<&Vec<usize>>, is_inside: &dyn Fn(usize) -> bool| {
                found.and_then(|all| all.iter().copied().find(|i| is_inside(*i)).or(all.first().copied()))
            };
            let by_id = first_of(ids.activities.get(entity), &|i| {
                inside(self.activities[i].file, self.activities[i].activity.span)
            })
            .map(Target::Activity)
            .or_else(|| {
                first_of(ids.parties.get(entity), &|i| {
                    inside(self.parties[i].file, self.parties[i].party.span)
                })
                .map(Target::Party)
            })
            .or_else(|| ids.data.get(entity).map(|&i| Target::Data(i)))
            .or_else(|| ids.subjects.get(entity).map(|&i| Target::Subjects(i)));
            if by_id.is_some() {
                return by_id;
            }
            if entity == ORGANIZATION_ANCHOR && self.organization.is_some() {
                return Some(Target::Organization);
            }
        }
        // The innermost declaration around the finding.
        let mut best: Option<(u32, Target)> = None;
        let mut consider = |file: FileId, span: ropa_syntax::Span, target: Target| {
            if inside(file, span) && best.is_none_or(|(len, _)| span.end - span.start < len) {
                best = Some((span.end - span.start, target));
            }
        };
        if let Some((file, org)) = self.organization {
            consider(file, org.span, Target::Organization);
        }
        for (i, a) in self.activities.iter().enumerate() {
            consider(a.file, a.activity.span, Target::Activity(i));
        }
        for (i, p) in self.parties.iter().enumerate() {
            consider(p.file, p.party.span, Target::Party(i));
        }
        let index = self.input.index;
        for (i, (file, d)) in index.data.iter().enumerate() {
            consider(*file, d.span, Target::Data(i));
        }
        for (i, (file, s)) in index.subjects.iter().enumerate() {
            consider(*file, s.span, Target::Subjects(i));
        }
        best.map(|(_, target)| target)
    }

    /// The anchor a target has in the record or overview.
    pub fn anchor_of(&self, target: Target) -> &str {
        match target {
            Target::Organization => ORGANIZATION_ANCHOR,
            Target::Activity(i) => &self.activities[i].anchor,
            Target::Party(i) => &self.parties[i].anchor,
            Target::Data(i) => &self.data[i].anchor,
            Target::Subjects(i) => &self.subjects[i].anchor,
        }
    }

    /// The id a target is known by.
    pub fn id_of(&self, target: Target) -> &str {
        match target {
            Target::Organization => ORGANIZATION_ANCHOR,
            Target::Activity(i) => self.activities[i].id(),
            Target::Party(i) => self.parties[i].id(),
            Target::Data(i) => &self.data[i].item.id.value,
            Target::Subjects(i) => &self.subjects[i].item.id.value,
        }
    }

    /// The flows of one activity: [`flows::build`] writes them in activity
    /// order, so this is a binary search, not a scan per activity.
    pub fn flows_of(&self, activity: usize) -> &[Flow] {
        let start = self.flows.partition_point(|f| f.activity < activity);
        let end = self.flows.partition_point(|f| f.activity <= activity);
        self.flows.get(start..end).unwrap_or_default()
    }

    pub fn has_errors(&self) -> bool {
        self.counts.error > 0
    }
}

/// 1-based line and column of a byte offset, the column in characters.
/// Positions of entities by id, in record order.
struct Ids {
    activities: HashMap<String, Vec<usize>>,
    parties: HashMap<String, Vec<usize>>,
    data: HashMap<String, usize>,
    subjects: HashMap<String, usize>,
}

impl Ids {
    fn of(view: &View) -> Ids {
        let mut ids = Ids {
            activities: HashMap::new(),
            parties: HashMap::new(),
            data: HashMap::new(),
            subjects: HashMap::new(),
        };
        for (i, a) in view.activities.iter().enumerate() {
            ids.activities.entry(a.id().to_owned()).or_default().push(i);
        }
        for (i, p) in view.parties.iter().enumerate() {
            ids.parties.entry(p.id().to_owned()).or_default().push(i);
        }
        for (i, d) in view.data.iter().enumerate() {
            ids.data.entry(d.item.id.value.to_string()).or_insert(i);
        }
        for (i, d) in view.subjects.iter().enumerate() {
            ids.subjects.entry(d.item.id.value.to_string()).or_insert(i);
        }
        ids
    }
}

fn line_col(text: &str, starts: &[usize], offset: u32) -> (usize, usize) {
    let mut offset = (offset as usize).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = starts.partition_point(|start| *start <= offset).max(1);
    let start = starts.get(line - 1).copied().unwrap_or(0);
    let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The length of the folder prefix (with its `/`) that every path shares.
fn common_folder<'p>(paths: impl Iterator<Item = &'p str>) -> usize {
    let mut common: Option<&str> = None;
    for path in paths {
        let folder = path.rfind('/').map_or("", |i| &path[..=i]);
        common = Some(match common {
            None => folder,
            Some(c) => {
                let shared = c
                    .char_indices()
                    .zip(folder.chars())
                    .take_while(|((_, a), b)| a == b)
                    .filter(|((_, a), _)| *a == '/')
                    .last()
                    .map_or(0, |((i, _), _)| i + 1);
                &c[..shared]
            }
        });
    }
    common.map_or(0, str::len)
}

fn push_party<'a>(
    parties: &mut Vec<PartyView<'a>>,
    anchors: &mut Anchors,
    file: FileId,
    party: &'a Party,
    parent: Option<usize>,
) {
    let me = parties.len();
    parties.push(PartyView {
        party,
        file,
        anchor: anchors.take("party", &party.id.value),
        parent,
        children: Vec::new(),
        used_by: Vec::new(),
        counts: Counts::default(),
    });
    if let Some(parent) = parent {
        parties[parent].children.push(me);
    }
    for sub in &party.subprocessors {
        push_party(parties, anchors, file, sub, Some(me));
    }
}

#[cfg(test)]
mod tests {
    use super::anchor;

    #[test]
    fn paths_lose_the_folder_they_share() {
        use super::common_folder;
        let paths = ["specs/webone/a.ropa.kdl", "specs/webone/b.ropa.kdl"];
        assert_eq!(common_folder(paths.into_iter()), "specs/webone/".len());
        let nested = ["specs/x/hr/a.ropa.kdl", "specs/x/b.ropa.kdl", "specs/x/ropa.kdl"];
        assert_eq!(common_folder(nested.into_iter()), "specs/x/".len());
        assert_eq!(common_folder(["a.ropa.kdl"].into_iter()), 0);
        assert_eq!(common_folder(["ab/x", "ac/y"].into_iter()), 0);
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "a\nÅsa ö x";
        let starts = [0, 2];
        assert_eq!(super::line_col(text, &starts, 0), (1, 1));
        assert_eq!(super::line_col(text, &starts, 10), (2, 7));
        assert_eq!(super::line_col(text, &starts, 3), (2, 1));
        assert_eq!(super::line_col(text, &starts, 999), (2, 8));
    }

    #[test]
    fn anchors_are_one_to_one_and_safe() {
        assert_eq!(anchor("activity", "web-shop"), "activity-web-shop");
        assert_eq!(anchor("party", "a.b"), "party-a_2eb");
        assert_ne!(anchor("party", "a_2eb"), anchor("party", "a.b"));
        let hostile = anchor("activity", "\"><script>");
        assert!(
            hostile
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "{hostile}"
        );
    }
}
