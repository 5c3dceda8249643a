//! Runs the catalogue over a workspace, then applies the workspace's
//! severity settings and `allow` suppressions.

use std::sync::{Mutex, PoisonError};

use crate::par::{self, prelude::*};
use ropa_syntax::Span;
use ropa_syntax::model::{Allow, SpecFile};
use ropa_syntax::suggest::closest;
use ropa_syntax::values::{Keyword, Severity};

use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};
use crate::findings::Findings;
use crate::rules::{self, Rule};
use crate::workspace::Workspace;

/// Every finding of the workspace, in a deterministic order: by file path,
/// then position, then rule id.
pub fn check(workspace: &Workspace) -> Vec<Diagnostic> {
    let ctx = Context::new(workspace);
    let run = |group: &rules::Group| {
        let mut out = Findings::default();
        (group.check)(&ctx, &mut out);
        out.into_lists()
    };
    // One core builds the index while another runs the groups that need
    // none; then both run the rest.
    let (indexed, free) = par::join(
        || {
            ctx.index();
            let needing: Vec<&rules::Group> = rules::GROUPS.iter().filter(|g| g.needs_index).collect();
            needing.into_par_iter().map(run).collect::<Vec<_>>()
        },
        || {
            rules::GROUPS
                .iter()
                .filter(|g| !g.needs_index)
                .map(run)
                .collect::<Vec<_>>()
        },
    );
    let (mut indexed, mut free) = (indexed.into_iter(), free.into_iter());
    // Each group's lists, in the order of the groups: ties are in this order.
    let mut groups: Vec<Vec<Diagnostic>> = rules::GROUPS
        .iter()
        .filter_map(|g| if g.needs_index { indexed.next() } else { free.next() })
        .flatten()
        .collect();

    let mut settings = Vec::new();
    let overrides = severity_overrides(workspace, &mut settings);
    let about_allows = apply_allows(workspace, &mut groups, &overrides);
    groups.push(about_allows);
    if !overrides.is_empty() {
        for group in &mut groups {
            apply_overrides(group, &overrides);
        }
    }
    groups.push(settings);
    sorted(workspace, groups)
}

/// Where a finding goes in the order of [`sorted`], and where it is.
struct SortKey {
    /// The file's rank by path, then the start of the span.
    at: u64,
    end: u32,
    /// The rule's rank by id: findings at one place are ordered by rule id
    /// without comparing the ids' text.
    rule: u8,
    group: u32,
    index: u32,
}

/// The findings of every group in one list, by file path, then position,
/// then rule id and message. The keys are sorted, not the findings: a key
/// is a quarter of a finding's size, and most comparisons end at its first
/// field. The groups' lists are never joined before sorting, so each
/// finding is moved once, into its place.
fn sorted(workspace: &Workspace, groups: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    // Rank files by path once, instead of comparing paths in every comparison.
    let mut by_path: Vec<(&str, FileId)> = workspace.files.iter().map(|f| (f.path.as_str(), f.id)).collect();
    by_path.sort_unstable();
    // Ids are stable, not positions: an editor's workspace may have gaps.
    let slots = workspace.files.last().map_or(0, |f| f.id.0 as usize + 1);
    let mut rank = vec![u32::MAX; slots];
    for (position, (_, id)) in by_path.iter().enumerate() {
        if let Some(slot) = rank.get_mut(id.0 as usize) {
            *slot = u32::try_from(position).unwrap_or(u32::MAX);
        }
    }
    let rank_of = |file: FileId| rank.get(file.0 as usize).copied().unwrap_or(u32::MAX);
    let rule_rank = rule_ranks();
    let mut keys: Vec<SortKey> = Vec::with_capacity(groups.iter().map(Vec::len).sum());
    for (g, group) in groups.iter().enumerate() {
        keys.extend(group.iter().enumerate().map(|(i, f)| SortKey {
            at: (u64::from(rank_of(f.file)) << 32) | u64::from(f.span.start),
            end: f.span.end,
            rule: rule_rank[f.rule as usize],
            // A workspace cannot hold 4 billion findings: its files are
            // limited in size, and each finding is about some of their text.
            group: g as u32,
            index: i as u32,
        }));
    }
    let finding = |k: &SortKey| &groups[k.group as usize][k.index as usize];
    // Ties (same place, rule and message) keep the order of the groups:
    // the same on every run.
    keys.par_sort_unstable_by(|a, b| {
        (a.at, a.end, a.rule)
            .cmp(&(b.at, b.end, b.rule))
            .then_with(|| finding(a).message.cmp(&finding(b).message))
            .then_with(|| (a.group, a.index).cmp(&(b.group, b.index)))
    });
    // Each finding is moved out once, into its place, on every core, and an
    // empty one (no text, nothing to free) left behind. A list's lock is
    // taken once per finding and nearly never waited for: the cores move
    // findings of far apart files, which come from different lists. On one
    // core the moves of 100,000 activities' findings took 14 ms (8 on two),
    // much of it the kernel handing out the new list's memory a page at a
    // time.
    let lists: Vec<Mutex<Vec<Diagnostic>>> = groups.into_iter().map(Mutex::new).collect();
    let taken = || Diagnostic::new(Rule::SyntaxError, FileId(0), Span::new(0, 0), String::new());
    let findings = keys
        .par_iter()
        .map(|k| {
            // Every key was made from a finding in its list: the empty one
            // is what the list keeps, never what is returned.
            let empty = taken();
            let Some(list) = lists.get(k.group as usize) else {
                return empty;
            };
            let mut list = list.lock().unwrap_or_else(PoisonError::into_inner);
            match list.get_mut(k.index as usize) {
                Some(slot) => std::mem::replace(slot, empty),
                None => empty,
            }
        })
        .collect();
    // The emptied lists are freed side by side too.
    lists.into_par_iter().for_each(drop);
    findings
}

/// Each rule's rank when the rules are ordered by id.
fn rule_ranks() -> Vec<u8> {
    let mut by_id: Vec<Rule> = Rule::ALL.to_vec();
    by_id.sort_unstable_by_key(|rule| rule.id());
    let mut ranks = vec![0; Rule::ALL.len()];
    for (position, rule) in by_id.into_iter().enumerate() {
        ranks[rule as usize] = u8::try_from(position).unwrap_or(u8::MAX);
    }
    ranks
}

/// Severity overrides from `ropa.kdl` (`None`: off); problems with the
/// settings themselves go to `settings`.
fn severity_overrides(workspace: &Workspace, settings: &mut Vec<Diagnostic>) -> Vec<(Rule, Option<Severity>)> {
    let Some((file, config)) = workspace.config() else {
        return Vec::new();
    };
    let mut overrides = Vec::new();
    for (name, severity) in &config.config.rule_severities {
        match Rule::from_id(&name.value) {
            Some(rule) if rule.is_locked() => settings.push(
                Diagnostic::new(
                    Rule::InvalidValue,
                    file,
                    name.span,
                    format!("`{}` cannot be changed: the spec must be readable", name.value),
                )
                .help("structural rules always report errors; fix the spec instead"),
            ),
            Some(rule) => overrides.push((rule, severity.value)),
            None => settings.push(unknown_rule(file, name.span, &name.value)),
        }
    }
    overrides
}

/// The severity a rule has in this workspace; `None` when it is off.
fn severity_of(rule: Rule, overrides: &[(Rule, Option<Severity>)]) -> Option<Severity> {
    match overrides.iter().rev().find(|(r, _)| *r == rule) {
        Some((_, severity)) => *severity,
        None => Some(rule.info().default_severity),
    }
}

fn apply_overrides(findings: &mut Vec<Diagnostic>, overrides: &[(Rule, Option<Severity>)]) {
    findings.retain_mut(|finding| {
        match overrides.iter().rev().find(|(rule, _)| *rule == finding.rule) {
            Some((_, Some(severity))) => finding.severity = *severity,
            Some((_, None)) => return false,
            None => {}
        }
        true
    });
}

fn unknown_rule(file: FileId, span: Span, id: &str) -> Diagnostic {
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let help = match closest(id, &ids) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "`ropa rules` lists the rule ids".to_owned(),
    };
    Diagnostic::new(Rule::UnknownRule, file, span, format!("no rule is called `{id}`")).help(help)
}

/// An `allow` and the part of its file it covers.
struct Suppression<'a> {
    file: FileId,
    scope: Option<Span>,
    allow: &'a Allow,
    rule: Option<Rule>,
    used: bool,
    /// The most severe finding it hides: an allow without a reason keeps
    /// that severity, so a placeholder never turns an error into a pass.
    strongest: Option<Severity>,
}

fn suppressions(file: FileId, spec: &SpecFile) -> Vec<Suppression<'_>> {
    let scoped = std::iter::once((None, &spec.allows))
        .chain(spec.organizations.iter().map(|o| (Some(o.span), &o.allows)))
        .chain(spec.all_parties().into_iter().map(|p| (Some(p.span), &p.allows)))
        .chain(spec.activities.iter().map(|a| (Some(a.span), &a.allows)));
    scoped
        .flat_map(|(scope, allows)| allows.iter().map(move |allow| (scope, allow)))
        .map(|(scope, allow)| Suppression {
            file,
            scope,
            allow,
            rule: Rule::from_id(&allow.rule.value),
            used: false,
            strongest: None,
        })
        .collect()
}

/// Removes from `groups` the findings an `allow` hides, and returns the
/// findings about the allows themselves.
fn apply_allows(
    workspace: &Workspace,
    groups: &mut [Vec<Diagnostic>],
    overrides: &[(Rule, Option<Severity>)],
) -> Vec<Diagnostic> {
    // Every activity and party is read for its allows, most of a large
    // record's memory: on every core, then in file order.
    let per_file: Vec<Vec<Suppression>> = workspace
        .files
        .par_iter()
        .filter_map(|f| f.spec().map(|spec| suppressions(f.id, &spec.model)))
        .collect();
    let mut all: Vec<Suppression> = per_file.into_iter().flatten().collect();
    if all.is_empty() {
        return Vec::new();
    }
    // Suppressions by (file, rule), so each finding looks only at its own.
    let mut by_key: rustc_hash::FxHashMap<(FileId, Rule), Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, s) in all.iter().enumerate() {
        if let Some(rule) = s.rule {
            by_key.entry((s.file, rule)).or_default().push(i);
        }
    }
    let mut keep = |finding: &Diagnostic| {
        if finding.rule.is_locked() {
            return true;
        }
        let candidates = by_key.get(&(finding.file, finding.rule)).map_or(&[][..], Vec::as_slice);
        let covering = candidates.iter().copied().find(|i| {
            all[*i]
                .scope
                .is_none_or(|scope| scope.start <= finding.span.start && finding.span.end <= scope.end)
        });
        match covering {
            Some(i) => {
                let hidden = severity_of(finding.rule, overrides).unwrap_or(finding.severity);
                all[i].used = true;
                all[i].strongest = Some(all[i].strongest.map_or(hidden, |s| s.min(hidden)));
                false
            }
            None => true,
        }
    };
    for group in groups.iter_mut() {
        group.retain(&mut keep);
    }
    let mut about: Vec<Diagnostic> = Vec::new();
    for s in &all {
        let rule_span = s.allow.rule.span;
        match s.rule {
            None => about.push(unknown_rule(s.file, rule_span, &s.allow.rule.value)),
            Some(rule) if rule.is_locked() => about.push(
                Diagnostic::new(
                    Rule::InvalidValue,
                    s.file,
                    rule_span,
                    format!("`{}` cannot be allowed: the spec must be readable", rule.id()),
                )
                .help("fix the spec instead"),
            ),
            Some(rule) => {
                // A placeholder is no reason (a quick fix may have written it).
                if crate::context::given(&s.allow.reason).is_none() {
                    let mut finding = Diagnostic::new(
                        Rule::AllowWithoutReason,
                        s.file,
                        s.allow.span,
                        format!("`allow {}` gives no reason", rule.id()),
                    )
                    .help("add `reason=\"…\"`: why the finding is accepted");
                    // Until a person writes the reason, the hidden finding's
                    // severity stands (an allow written by `--add-allow` or a
                    // quick fix must not make CI pass).
                    if let Some(hidden) = s.strongest.filter(|hidden| *hidden < finding.severity) {
                        finding.severity = hidden;
                        finding.message = format!(
                            "`allow {}` gives no reason, so the {} it hides still counts",
                            rule.id(),
                            hidden.as_str()
                        )
                        .into();
                    }
                    about.push(finding);
                }
                // A rule that is off reports nothing, so its allows are idle, not stale.
                if !s.used && severity_of(rule, overrides).is_some() {
                    about.push(
                        Diagnostic::new(
                            Rule::UnusedAllow,
                            s.file,
                            s.allow.span,
                            format!("`allow {}` suppresses no finding here", rule.id()),
                        )
                        .help("the finding no longer occurs: delete the `allow`"),
                    );
                }
            }
        }
    }
    about
}

#[cfg(test)]
mod tests {
    use super::{Rule, rule_ranks};

    #[test]
    fn rule_ranks_order_rules_as_their_ids_do() {
        let ranks = rule_ranks();
        for a in Rule::ALL {
            for b in Rule::ALL {
                assert_eq!(
                    ranks[*a as usize].cmp(&ranks[*b as usize]),
                    a.id().cmp(b.id()),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
