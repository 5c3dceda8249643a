//! The findings summary: how many findings of each severity, per rule and
//! per activity, and each finding with a link to what it is about.

use ropa_check::rank;
use ropa_check::rules::{Category, Rule};
use ropa_syntax::values::Severity;

use crate::doc::{Block, Inline, Line, Row, Section, Table, Tone, link, muted, text};
use crate::front::FINDINGS_ANCHOR;
use crate::i18n::Key;
use crate::view::{Counts, FindingView};
use crate::{Ctx, Lang, pieces};

pub fn category(ctx: &Ctx, category: Category) -> &'static str {
    ctx.t(match category {
        Category::Structure => Key::CategoryStructure,
        Category::Lawfulness => Key::CategoryLawfulness,
        Category::Retention => Key::CategoryRetention,
        Category::Transfers => Key::CategoryTransfers,
        Category::Processors => Key::CategoryProcessors,
        Category::Accountability => Key::CategoryAccountability,
        Category::Suppression => Key::CategorySuppression,
    })
}

pub fn severity(ctx: &Ctx, severity: Severity) -> &'static str {
    ctx.t(match severity {
        Severity::Error => Key::SeverityError,
        Severity::Warning => Key::SeverityWarning,
        Severity::Info => Key::SeverityInfo,
    })
}

/// Findings in the order a reader works through them: the most severe
/// first, then as `ropa check` sorts them (file, position, rule).
pub fn ordered<'v, 'a>(findings: &'v [FindingView<'a>]) -> Vec<&'v FindingView<'a>> {
    let mut out: Vec<&FindingView> = findings.iter().collect();
    out.sort_by_key(|f| std::cmp::Reverse(rank(f.diagnostic.severity)));
    out
}

pub fn part(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut part = Section::new(Some(FINDINGS_ANCHOR.to_owned()), ctx.t(Key::FindingsTitle));
    if !ctx.internal() {
        return summary(ctx, part);
    }
    let mut intro = vec![text(ctx.t(Key::FindingsIntro))];
    if ctx.lang != Lang::En {
        intro.push(text(" "));
        intro.push(text(ctx.t(Key::FindingsInEnglish)));
    }
    part.blocks.push(Block::Paragraph(intro));
    if view.findings.is_empty() {
        part.blocks
            .push(Block::Callout(Tone::Ok, vec![text(ctx.t(Key::NoFindingsText))]));
        return part;
    }
    part.badges = pieces::count_badges(ctx, view.counts);
    part.children.push(by_rule(ctx));
    part.children.push(by_activity(ctx));
    part.children.push(all(ctx));
    part
}

/// The findings for readers outside the team (an authority, a customer,
/// the board): how many points of each level, by area of the GDPR and by
/// activity, in the report's language. No rule ids, file positions or
/// fixes written in the spec language: those are in the internal form.
fn summary(ctx: &Ctx, mut part: Section) -> Section {
    let view = ctx.view;
    part.blocks
        .push(Block::Paragraph(vec![text(ctx.t(Key::FindingsIntroAuthority))]));
    if view.findings.is_empty() {
        part.blocks.push(Block::Callout(
            Tone::Neutral,
            vec![text(ctx.t(Key::NoFindingsAuthority))],
        ));
        return part;
    }
    part.children.push(by_area(ctx));
    part.children.push(by_activity(ctx));
    part
}

fn by_area(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("findings-by-area".to_owned()), ctx.t(Key::FindingsByArea));
    let mut areas: Vec<(Category, Counts)> = Vec::new();
    for f in &view.findings {
        let d = f.diagnostic;
        let area = d.rule.info().category;
        let index = match areas.iter().position(|(a, _)| *a == area) {
            Some(i) => i,
            None => {
                areas.push((area, Counts::default()));
                areas.len() - 1
            }
        };
        areas[index].1.add(d.severity);
    }
    areas.sort_by_key(|(area, counts)| (std::cmp::Reverse((counts.error, counts.warning, counts.info)), *area));
    let rows: Vec<Row> = areas
        .into_iter()
        .map(|(area, counts)| {
            let mut cells = vec![vec![text(category(ctx, area))]];
            cells.extend(count_cells(counts));
            Row { anchor: None, cells }
        })
        .collect();
    section.blocks.push(counts_table(ctx, Key::Area, rows));
    section
}

fn by_rule(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("findings-by-rule".to_owned()), ctx.t(Key::FindingsByRule));
    // Per rule and severity: `ropa.kdl` can move a rule's findings to
    // another severity, and undeclared transfers come in two.
    let mut groups: Vec<(Rule, Severity, usize)> = Vec::new();
    for f in &view.findings {
        let d = f.diagnostic;
        match groups.iter_mut().find(|(r, s, _)| *r == d.rule && *s == d.severity) {
            Some(group) => group.2 += 1,
            None => groups.push((d.rule, d.severity, 1)),
        }
    }
    groups.sort_by_key(|(rule, severity, n)| (std::cmp::Reverse(rank(*severity)), std::cmp::Reverse(*n), *rule));
    let rows = groups
        .into_iter()
        .map(|(rule, s, n)| Row {
            anchor: None,
            cells: vec![
                vec![
                    Inline::Code(rule.id().to_owned()),
                    Inline::Break,
                    muted(rule.info().summary),
                ],
                vec![text(category(ctx, rule.info().category))],
                vec![Inline::Badge(pieces::severity_tone(s), severity(ctx, s).to_owned())],
                vec![text(n.to_string())],
            ],
        })
        .collect();
    section.blocks.push(Block::Table(Table {
        head: ctx.heads(&[Key::Rule, Key::Area, Key::Level, Key::Count]),
        rows,
        numeric: vec![3],
        widths: vec![54, 18, 17, 11],
        later: None,
    }));
    section
}

/// A table of counts per severity, one row per `rows` entry and a total row
/// for the whole record; `first` heads the column that names each row.
fn counts_table(ctx: &Ctx, first: Key, mut rows: Vec<Row>) -> Block {
    let mut total = vec![vec![Inline::Strong(ctx.t(Key::Total).to_owned())]];
    total.extend(count_cells(ctx.view.counts));
    rows.push(Row {
        anchor: None,
        cells: total,
    });
    Block::Table(Table {
        head: ctx.heads(&[
            first,
            Key::SeverityErrorPlural,
            Key::SeverityWarningPlural,
            Key::SeverityInfoPlural,
        ]),
        rows,
        numeric: vec![1, 2, 3],
        widths: vec![55, 15, 15, 15],
        later: None,
    })
}

fn count_cells(counts: Counts) -> Vec<Line> {
    [counts.error, counts.warning, counts.info]
        .into_iter()
        .map(|n| vec![if n == 0 { muted("0") } else { text(n.to_string()) }])
        .collect()
}

fn by_activity(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("findings-by-activity".to_owned()), ctx.t(Key::FindingsByActivity));
    let mut rows: Vec<Row> = view
        .activities
        .iter()
        .filter(|a| a.counts.total() > 0)
        .map(|a| {
            let mut cells = vec![vec![link(a.activity.title(), a.anchor.clone())]];
            cells.extend(count_cells(a.counts));
            Row { anchor: None, cells }
        })
        .collect();
    if view.other_counts.total() > 0 {
        let mut cells = vec![vec![text(ctx.t(Key::FindingsElsewhere))]];
        cells.extend(count_cells(view.other_counts));
        rows.push(Row { anchor: None, cells });
    }
    section.blocks.push(counts_table(ctx, Key::Activity, rows));
    section
}

fn all(ctx: &Ctx) -> Section {
    let view = ctx.view;
    let mut section = Section::new(Some("findings-all".to_owned()), ctx.t(Key::FindingsAll));
    let rows = ordered(&view.findings)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let d = f.diagnostic;
            let mut finding = pieces::prose(&d.message);
            if let Some(help) = &d.help {
                finding.push(Inline::Break);
                let template = ctx.t(Key::FindingHelp);
                let (before, after) = template.split_once("{}").unwrap_or((template, ""));
                finding.push(muted(before));
                finding.extend(pieces::prose(help));
                if !after.is_empty() {
                    finding.push(muted(after));
                }
            }
            finding.push(Inline::Break);
            finding.push(Inline::Code(d.rule.id().to_owned()));
            let mut place = match f.target {
                Some(target) => vec![link(view.id_of(target), view.anchor_of(target))],
                None => Vec::new(),
            };
            if !f.short_path.is_empty() {
                if !place.is_empty() {
                    place.push(Inline::Break);
                }
                place.push(muted(format!("{}:{}", f.short_path, f.line)));
            }
            Row {
                anchor: None,
                cells: vec![
                    vec![text((i + 1).to_string())],
                    vec![Inline::Badge(
                        pieces::severity_tone(d.severity),
                        severity(ctx, d.severity).to_owned(),
                    )],
                    finding,
                    place,
                ],
            }
        })
        .collect();
    section.blocks.push(Block::Table(Table {
        head: vec![
            "#".to_owned(),
            ctx.t(Key::Level).to_owned(),
            ctx.t(Key::Finding).to_owned(),
            ctx.t(Key::Where).to_owned(),
        ],
        rows,
        numeric: vec![0],
        widths: vec![5, 13, 58, 24],
        later: None,
    }));
    section
}
