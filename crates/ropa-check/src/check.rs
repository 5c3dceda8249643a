//! Runs the catalogue over a workspace, then applies the workspace's
//! severity settings and `allow` suppressions.

use crate::par::prelude::*;
use ropa_syntax::Span;
use ropa_syntax::model::{Allow, SpecFile};
use ropa_syntax::suggest::closest;
use ropa_syntax::values::{Keyword, Severity};

use crate::context::Context;
use crate::diagnostic::{Diagnostic, FileId};
use crate::rules::{self, Rule};
use crate::workspace::Workspace;

/// Every finding of the workspace, in a deterministic order: by file path,
/// then position, then rule id.
pub fn check(workspace: &Workspace) -> Vec<Diagnostic> {
    let ctx = Context::new(workspace);
    let groups: Vec<Vec<Diagnostic>> = rules::GROUPS
        .par_iter()
        .map(|(_, group)| {
            let mut out = Vec::new();
            group(&ctx, &mut out);
            out
        })
        .collect();
    // Joined into one exactly sized list: findings can outweigh the specs.
    let mut findings = Vec::with_capacity(groups.iter().map(Vec::len).sum());
    for group in groups {
        findings.extend(group);
    }

    let mut settings = Vec::new();
    let overrides = severity_overrides(workspace, &mut settings);
    let findings = apply_allows(workspace, findings, &overrides);
    let mut findings = apply_overrides(findings, &overrides);
    findings.extend(settings);
    sort(workspace, &mut findings);
    findings
}

fn sort(workspace: &Workspace, findings: &mut [Diagnostic]) {
    // Rank files by path once, instead of comparing paths in every comparison.
    let mut by_path: Vec<(&str, FileId)> = workspace.files.iter().map(|f| (f.path.as_str(), f.id)).collect();
    by_path.sort_unstable();
    // Ids are stable, not positions: an editor's workspace may have gaps.
    let slots = workspace.files.last().map_or(0, |f| f.id.0 as usize + 1);
    let mut rank = vec![0usize; slots];
    for (position, (_, id)) in by_path.iter().enumerate() {
        if let Some(slot) = rank.get_mut(id.0 as usize) {
            *slot = position;
        }
    }
    let rank_of = |file: FileId| rank.get(file.0 as usize).copied().unwrap_or(usize::MAX);
    // Unstable: no buffer as large as the findings. Ties (same place, rule
    // and message) are rare and sort the same way on every run.
    findings.par_sort_unstable_by(|a, b| {
        (rank_of(a.file), a.span.start, a.span.end, a.rule.id(), &a.message).cmp(&(
            rank_of(b.file),
            b.span.start,
            b.span.end,
            b.rule.id(),
            &b.message,
        ))
    });
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

fn apply_overrides(findings: Vec<Diagnostic>, overrides: &[(Rule, Option<Severity>)]) -> Vec<Diagnostic> {
    if overrides.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .filter_map(|mut finding| {
            if let Some((_, severity)) = overrides.iter().rev().find(|(rule, _)| *rule == finding.rule) {
                finding.severity = (*severity)?;
            }
            Some(finding)
        })
        .collect()
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

fn apply_allows(
    workspace: &Workspace,
    findings: Vec<Diagnostic>,
    overrides: &[(Rule, Option<Severity>)],
) -> Vec<Diagnostic> {
    let mut all: Vec<Suppression> = workspace
        .specs()
        .flat_map(|(file, spec)| suppressions(file, &spec.model))
        .collect();
    if all.is_empty() {
        return findings;
    }
    // Suppressions by (file, rule), so each finding looks only at its own.
    let mut by_key: rustc_hash::FxHashMap<(FileId, Rule), Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, s) in all.iter().enumerate() {
        if let Some(rule) = s.rule {
            by_key.entry((s.file, rule)).or_default().push(i);
        }
    }
    let mut kept: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|finding| {
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
        })
        .collect();
    for s in &all {
        let rule_span = s.allow.rule.span;
        match s.rule {
            None => kept.push(unknown_rule(s.file, rule_span, &s.allow.rule.value)),
            Some(rule) if rule.is_locked() => kept.push(
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
                    kept.push(finding);
                }
                // A rule that is off reports nothing, so its allows are idle, not stale.
                if !s.used && severity_of(rule, overrides).is_some() {
                    kept.push(
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
    kept
}
