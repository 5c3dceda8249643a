//! One line per finding, `file:line:col: rule [severity] message`, the shape
//! editors, `grep` and ruff's concise format users expect; then the summary.

use std::io::{self, Write};

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
        for finding in findings {
            let at = positions.position(finding.file, finding.span.start);
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                escape(positions.path(finding.file)),
                at.line,
                at.column,
                finding.rule.id(),
                finding.severity,
                escape(&finding.message.replace('\n', " "))
            )?;
        }
    }
    super::write_summary(report, out)
}
