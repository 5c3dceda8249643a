//! What every rule gets to look at, and where it puts its findings.

use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::workspace::Workspace;

pub struct Context<'a> {
    pub workspace: &'a Workspace,
    pub index: Index<'a>,
    findings: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(workspace: &'a Workspace) -> Context<'a> {
        Context {
            workspace,
            index: Index::new(workspace),
            findings: Vec::new(),
        }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.findings.push(diagnostic);
    }

    pub fn into_findings(self) -> Vec<Diagnostic> {
        self.findings
    }
}
