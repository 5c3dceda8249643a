//! Where a rule group puts its findings: pushed one at a time, or whole
//! lists made side by side on every core, kept as made and in order.

use std::ops::{Deref, DerefMut};

use crate::diagnostic::Diagnostic;

/// A group's findings, in order: the lists it appended, then what it
/// pushed since. A rule pushes to it as to a `Vec` (it dereferences to the
/// list being pushed to). A large record's group makes a hundred thousand
/// findings in lists on every core: joining them into one list copied
/// them all once more, on one core, before the check orders them anyway.
#[derive(Debug, Default)]
pub struct Findings {
    lists: Vec<Vec<Diagnostic>>,
    pushed: Vec<Diagnostic>,
}

impl Findings {
    /// Puts `list` after every finding so far.
    pub(crate) fn append(&mut self, list: Vec<Diagnostic>) {
        if !self.pushed.is_empty() {
            self.lists.push(std::mem::take(&mut self.pushed));
        }
        if !list.is_empty() {
            self.lists.push(list);
        }
    }

    /// How many findings there are.
    pub fn count(&self) -> usize {
        self.lists.iter().map(Vec::len).sum::<usize>() + self.pushed.len()
    }

    /// The findings as lists, in order.
    pub(crate) fn into_lists(mut self) -> Vec<Vec<Diagnostic>> {
        if !self.pushed.is_empty() {
            self.lists.push(self.pushed);
        }
        self.lists
    }
}

impl Deref for Findings {
    type Target = Vec<Diagnostic>;
    fn deref(&self) -> &Vec<Diagnostic> {
        &self.pushed
    }
}

impl DerefMut for Findings {
    fn deref_mut(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.pushed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileId, Rule};
    use ropa_syntax::Span;

    #[test]
    fn lists_and_pushed_findings_keep_their_order() {
        let finding = |n: u32| Diagnostic::new(Rule::MissingPurpose, FileId(0), Span::new(n, n), n.to_string());
        let mut findings = Findings::default();
        findings.push(finding(1));
        findings.append(vec![finding(2), finding(3)]);
        findings.append(Vec::new());
        findings.push(finding(4));
        findings.append(vec![finding(5)]);
        findings.push(finding(6));
        assert_eq!(findings.count(), 6);
        let order: Vec<u32> = findings.into_lists().iter().flatten().map(|f| f.span.start).collect();
        assert_eq!(order, [1, 2, 3, 4, 5, 6]);
    }
}
