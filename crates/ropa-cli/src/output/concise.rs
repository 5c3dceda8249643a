//! One line per finding, `file:line:col: rule [severity] message`, the shape
//! editors, `grep` and ruff's concise format users expect; then the summary.

use std::io::{self, Write};

use ropa_check::Diagnostic;
use ropa_syntax::values::Severity;

use super::in_order::write_in_order;
use super::{Positions, Report};
use crate::load::display;
use crate::visible::escape;

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for problem in report.problems {
        writeln!(
            out,
            "{}: cannot read: {}",
            escape(&display(&problem.path)),
            escape(&problem.message)
        )?;
    }
    for (workspace, findings) in &report.results {
        let positions = Positions::new(workspace);
        let render = |text: &mut Vec<u8>, _, finding: &Diagnostic| {
            let at = positions.position(finding.file, finding.span.start);
            line(
                text,
                positions.path(finding.file),
                at.line,
                at.column,
                finding.rule.id(),
                finding.severity,
                &finding.message,
            )
        };
        write_in_order(out, findings, 160, render, |out, piece| out.write_all(piece))?;
    }
    super::write_summary(report, out)
}

/// One finding's line, as both `ropa check` and `ropa scan` write it.
pub fn line(
    out: &mut dyn Write,
    path: &str,
    line: usize,
    column: usize,
    rule: &str,
    severity: Severity,
    message: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "{}:{line}:{column}: {rule} [{severity}] {}",
        escape(path),
        escape(&message.replace('\n', " "))
    )
}
