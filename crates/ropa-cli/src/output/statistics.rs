//! `--statistics`: how many findings each rule has, most first, instead of
//! the findings: where a record stands, or which rules to adopt first.

use std::io::{self, Write};

use ropa_check::Rule;
use ropa_syntax::values::Severity;
use serde::Serialize;

use super::{Report, write_json};

#[derive(Serialize)]
struct Row {
    rule: &'static str,
    severity: String,
    count: usize,
    summary: &'static str,
}

fn rows(report: &Report) -> Vec<Row> {
    let mut counts: Vec<(Rule, Severity, usize)> = Vec::new();
    for finding in report.results.iter().flat_map(|(_, findings)| findings) {
        match counts
            .iter_mut()
            .find(|(r, s, _)| *r == finding.rule && *s == finding.severity)
        {
            Some((_, _, n)) => *n += 1,
            None => counts.push((finding.rule, finding.severity, 1)),
        }
    }
    // Most first; then by severity and rule id, so the order is stable.
    counts.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(ropa_check::rank(b.1).cmp(&ropa_check::rank(a.1)))
            .then(a.0.id().cmp(b.0.id()))
    });
    counts
        .into_iter()
        .map(|(rule, severity, count)| Row {
            rule: rule.id(),
            severity: severity.to_string(),
            count,
            summary: rule.info().summary,
        })
        .collect()
}

pub fn render_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(report);
    let width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    for row in &rows {
        writeln!(
            out,
            "{:>5}  {:<width$}  {:<7}  {}",
            row.count, row.rule, row.severity, row.summary
        )?;
    }
    super::write_summary(report, out)
}

pub fn render_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_json(out, &rows(report))
}
