//! Quick fixes for findings: the did-you-mean of an undefined reference, a
//! retention or legal-basis skeleton, the place for a transfer's safeguard,
//! the declaration of a transfer the record already implies, and an `allow`
//! for any finding that may be accepted.
//!
//! A quick fix never writes a legal statement: no mechanism, basis, date,
//! reference or reason that would silence the finding it fixes. It inserts
//! structure with conspicuous placeholders (`"PERIOD"`, `basis BASIS`,
//! `mechanism=MECHANISM`, `reason="TODO: …"`) that are themselves reported
//! until a person replaces them: a placeholder that is not a valid value is
//! an invalid value, and a placeholder text reads as absent. The one fix that
//! may close its finding, declaring a transfer, copies only what the record
//! already says (the party and the country it stores data in) and names no
//! mechanism: whether the transfer is lawful is then judged from the record.

use ropa_check::{Diagnostic, FileId, Rule, Workspace};
use ropa_syntax::Span;
use ropa_syntax::kdl::Node;
use ropa_syntax::kdl::lines::{Breaks, line_start, lines};
use ropa_syntax::schema::ValueKind;
use ropa_syntax::suggest::edit_distance;
use ropa_syntax::values::Country;

use crate::locate::{Target, enclosing_nodes, locate};
use crate::{FileEdit, TextEdit};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    /// The rule of the finding this action fixes or allows.
    pub rule: Rule,
    /// Index into the `findings` given to [`code_actions`].
    pub finding: usize,
    pub edits: Vec<FileEdit>,
    /// The fix an editor may apply with one key ("auto fix").
    pub preferred: bool,
}

/// Quick fixes for the findings of `file` that overlap `range`.
pub fn code_actions(ws: &Workspace, file: FileId, range: Span, findings: &[Diagnostic]) -> Vec<CodeAction> {
    let Some(f) = ws.file(file) else {
        return Vec::new();
    };
    let text = f.text.as_str();
    let mut out = Vec::new();
    // One `allow` per rule and place, even when the rule reports twice there.
    let mut allowed: Vec<(Rule, Span)> = Vec::new();
    for (i, finding) in findings.iter().enumerate() {
        let overlaps = finding.span.start <= range.end && range.start <= finding.span.end;
        if finding.file != file || !overlaps {
            continue;
        }
        let mut push = |title: String, edits: Vec<TextEdit>, preferred: bool| {
            out.push(CodeAction {
                title,
                rule: finding.rule,
                finding: i,
                edits: vec![FileEdit { file, edits }],
                preferred,
            });
        };
        match finding.rule {
            Rule::UndefinedReference => {
                for (n, (title, edits)) in undefined_reference(ws, f, finding).into_iter().enumerate() {
                    // The closest id is the likely fix; declaring a new one is a choice.
                    let preferred = n == 0 && title.starts_with("Change");
                    push(title, edits, preferred);
                }
            }
            Rule::MissingRetention => {
                if let Some(activity) = enclosing(f, finding.span, &["activity"]) {
                    push(
                        "Add a retention period (`retain \"PERIOD\" from=EVENT`)".to_owned(),
                        vec![insert_child(text, activity, "retain \"PERIOD\" from=EVENT")],
                        false,
                    );
                }
            }
            Rule::MissingLegalBasis => {
                // Which basis applies is a legal judgement: the fix leaves the
                // word to the person (completion lists the bases).
                if let Some(activity) = enclosing(f, finding.span, &["activity"]) {
                    push(
                        "Add a legal basis (`basis BASIS`, then choose the basis)".to_owned(),
                        vec![insert_child(text, activity, "basis BASIS")],
                        false,
                    );
                }
            }
            Rule::TransferWithoutSafeguard => {
                if let Some((title, edits)) = safeguard(f, finding) {
                    push(title, edits, false);
                }
            }
            Rule::UnknownLocation => {
                // `COUNTRY` is not a country code: reported until replaced.
                let parties = ["processor", "subprocessor", "recipient", "joint-controller"];
                if let Some(party) = enclosing(f, finding.span, &parties) {
                    push(
                        "Say where the data is stored (`stored-in COUNTRY`)".to_owned(),
                        vec![insert_child(text, party, "stored-in COUNTRY")],
                        false,
                    );
                }
            }
            Rule::UndeclaredTransfer => {
                if let Some((title, edits)) = declare_transfer(ws, f, finding) {
                    push(title, edits, true);
                }
            }
            _ => {}
        }
        if !finding.rule.is_locked()
            && let Some((title, edit)) = allow(text, f, finding)
            && !allowed.contains(&(finding.rule, edit.span))
        {
            allowed.push((finding.rule, edit.span));
            push(title, vec![edit], false);
        }
    }
    out
}

/// The innermost node enclosing `span` with one of `names`.
fn enclosing<'a>(file: &'a ropa_check::File, span: Span, names: &[&str]) -> Option<&'a Node> {
    enclosing_nodes(file, span)
        .into_iter()
        .rev()
        .find(|n| names.contains(&n.node.name.value.as_str()))
        .map(|n| n.node)
}

/// The line break the file already uses (its first), so an inserted line
/// matches a file saved with CRLF or lone CRs.
fn newline(text: &str) -> &str {
    lines(text, Breaks::Kdl)
        .next()
        .and_then(|line| text.get(line.end..line.next))
        .filter(|nl| !nl.is_empty())
        .unwrap_or("\n")
}

/// The whitespace before a node on its line ("" when other text precedes it).
fn indent_of(text: &str, offset: u32) -> String {
    let before = text.get(..offset as usize).unwrap_or("");
    let line = &before[line_start(before, before.len())..];
    if line.chars().all(char::is_whitespace) {
        line.to_owned()
    } else {
        String::new()
    }
}

/// Inserts `line` as the last child of `node`, indented one level deeper,
/// opening a block when the node has none.
fn insert_child(text: &str, node: &Node, line: &str) -> TextEdit {
    insert_children(text, node, &[line.to_owned()])
}

/// Like [`insert_child`], several lines at once (one edit, so that they
/// never overlap).
fn insert_children(text: &str, node: &Node, lines: &[String]) -> TextEdit {
    let nl = newline(text);
    let indent = indent_of(text, node.span.start);
    let child = format!("{indent}    ");
    let line = lines.join(&format!("{nl}{child}"));
    match &node.children {
        Some(children) if text.get(children.span.range()).is_some_and(|t| t.ends_with('}')) => {
            let close = children.span.end - 1;
            let start = line_start(text, close as usize) as u32;
            if text[start as usize..close as usize].trim().is_empty() {
                TextEdit {
                    span: Span::new(start, start),
                    new_text: format!("{child}{line}{nl}"),
                }
            } else {
                TextEdit {
                    span: Span::new(close, close),
                    new_text: format!("{nl}{child}{line}{nl}{indent}"),
                }
            }
        }
        Some(children) => {
            // An unclosed block runs to the end of the text.
            let end = children.span.end;
            let lead = if line_start(text, text.len()) == text.len() {
                ""
            } else {
                nl
            };
            TextEdit {
                span: Span::new(end, end),
                new_text: format!("{lead}{child}{line}{nl}"),
            }
        }
        None => TextEdit {
            span: Span::new(node.span.end, node.span.end),
            new_text: format!(" {{{nl}{child}{line}{nl}{indent}}}"),
        },
    }
}

/// Replace with each close declared id of the right kind (best first), then
/// declare the missing one.
fn undefined_reference(ws: &Workspace, file: &ropa_check::File, finding: &Diagnostic) -> Vec<(String, Vec<TextEdit>)> {
    let Some(located) = locate(file, finding.span.start) else {
        return Vec::new();
    };
    let Target::Value {
        entry,
        kind: Some(ValueKind::Ref(target)),
    } = located.target
    else {
        return Vec::new();
    };
    let Some(id) = entry.value.as_str() else {
        return Vec::new();
    };
    let index = ws.index();
    let limit = (id.chars().count() / 3).max(1);
    let mut candidates: Vec<(usize, &str)> = index
        .ids_for(target)
        .into_iter()
        .map(|c| (edit_distance(&id.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= limit && *d < c.chars().count())
        .collect();
    candidates.sort();
    let mut out: Vec<(String, Vec<TextEdit>)> = candidates
        .into_iter()
        .take(3)
        .map(|(_, c)| {
            (
                format!("Change to `{c}`"),
                vec![TextEdit {
                    span: entry.value_span,
                    new_text: ropa_kdl::kdl_string(c),
                }],
            )
        })
        .collect();
    // Declaring it only makes sense when no declaration of another kind has the id.
    if index.get(id).is_none() {
        let text = &file.text;
        let nl = newline(text);
        let lead = if line_start(text, text.len()) == text.len() {
            ""
        } else {
            nl
        };
        let declaration = match target {
            ropa_syntax::schema::RefTarget::Data => {
                format!("data {} \"DESCRIPTION\"", ropa_kdl::kdl_string(id))
            }
            ropa_syntax::schema::RefTarget::Subjects => {
                format!("subjects {} \"DESCRIPTION\"", ropa_kdl::kdl_string(id))
            }
            ropa_syntax::schema::RefTarget::Recipient => {
                format!("recipient {} \"NAME\"", ropa_kdl::kdl_string(id))
            }
            _ => format!("processor {} \"LEGAL ENTITY\"", ropa_kdl::kdl_string(id)),
        };
        let end = text.len() as u32;
        out.push((
            format!("Declare {} `{id}`", ropa_syntax::with_article(target.describe())),
            vec![TextEdit {
                span: Span::new(end, end),
                new_text: format!("{lead}{nl}{declaration}{nl}"),
            }],
        ));
    }
    out
}

/// Marks where the transfer's safeguard goes (`mechanism=MECHANISM`): which
/// safeguard is in place is for a person to say.
fn safeguard(file: &ropa_check::File, finding: &Diagnostic) -> Option<(String, Vec<TextEdit>)> {
    let transfer = enclosing(file, finding.span, &["transfer"])?;
    if transfer.property("mechanism").is_some() {
        return None;
    }
    let end = transfer.entries.last().map_or(transfer.name.span.end, |e| e.span.end);
    Some((
        "Name the safeguard of this transfer (`mechanism=MECHANISM`, then choose it)".to_owned(),
        vec![TextEdit {
            span: Span::new(end, end),
            new_text: " mechanism=MECHANISM".to_owned(),
        }],
    ))
}

/// Declares a transfer the record already implies: the party and the
/// country come from the record; the safeguard is left to a person.
fn declare_transfer(ws: &Workspace, file: &ropa_check::File, finding: &Diagnostic) -> Option<(String, Vec<TextEdit>)> {
    let activity = enclosing(file, finding.span, &["activity"])?;
    let reference = file.text.get(finding.span.range())?.trim_matches('"');
    let related = finding.related.first()?;
    let country_text = ws.file(related.file)?.text.get(related.span.range())?.trim_matches('"');
    let country = Country::parse(country_text)?;
    let line = format!("transfer {country} to={}", ropa_kdl::kdl_string(reference));
    Some((
        format!("Declare the transfer: `{line}`"),
        vec![insert_child(&file.text, activity, &line)],
    ))
}

/// The `allow` line for a rule, with a reason to be written: the
/// placeholder reads as no reason, so `allow-without-reason` reports it
/// until a person says why the finding is accepted.
fn allow_line(rule: Rule) -> String {
    format!("allow {} reason=\"TODO: why this is accepted\"", rule.id())
}

/// The node an `allow` for `finding` goes into; `None` for the top of the file.
fn allow_scope<'a>(file: &'a ropa_check::File, finding: &Diagnostic) -> Option<&'a Node> {
    enclosing(
        file,
        finding.span,
        &["activity", "processor", "subprocessor", "recipient", "organization"],
    )
}

/// Where an `allow` at the top of a file goes: before its first node.
fn top_of_file(text: &str, file: &ropa_check::File) -> u32 {
    let first = crate::kdl_of(file).document.nodes.first().map_or(0, |n| n.span.start);
    line_start(text, first as usize) as u32
}

/// Edits that add an `allow` for every finding of `findings` that may be
/// accepted, one per rule and place, each with the placeholder reason (what
/// `ropa check --add-allow` writes). The findings are then suppressed, and
/// each allow is reported as `allow-without-reason` until its reason is
/// written: nothing is accepted silently. Findings about allows and about
/// placeholders get none (their allow would be one more placeholder), so a
/// second run adds nothing.
pub fn allow_all(ws: &Workspace, findings: &[Diagnostic]) -> Vec<FileEdit> {
    // Per file: per place (a node's span, or None for the top), its rules.
    let mut places: Vec<(FileId, Option<Span>, Vec<Rule>)> = Vec::new();
    for finding in findings {
        if finding.rule.is_locked()
            || matches!(
                finding.rule,
                Rule::AllowWithoutReason | Rule::UnusedAllow | Rule::PlaceholderValue
            )
        {
            continue;
        }
        let Some(file) = ws.file(finding.file) else {
            continue;
        };
        let place = allow_scope(file, finding).map(|n| n.span);
        match places.iter_mut().find(|(f, p, _)| *f == finding.file && *p == place) {
            Some((_, _, rules)) if rules.contains(&finding.rule) => {}
            Some((_, _, rules)) => rules.push(finding.rule),
            None => places.push((finding.file, place, vec![finding.rule])),
        }
    }
    let mut edits: Vec<FileEdit> = Vec::new();
    for (file_id, place, rules) in places {
        let Some(file) = ws.file(file_id) else {
            continue;
        };
        let text = file.text.as_str();
        let lines: Vec<String> = rules.into_iter().map(allow_line).collect();
        let node = place.and_then(|span| {
            enclosing_nodes(file, span)
                .into_iter()
                .map(|n| n.node)
                .find(|n| n.span == span)
        });
        let edit = match node {
            Some(node) => insert_children(text, node, &lines),
            None => {
                let at = top_of_file(text, file);
                let nl = newline(text);
                TextEdit {
                    span: Span::new(at, at),
                    new_text: lines.iter().map(|l| format!("{l}{nl}")).collect(),
                }
            }
        };
        match edits.iter_mut().find(|e| e.file == file_id) {
            Some(file_edit) => file_edit.edits.push(edit),
            None => edits.push(FileEdit {
                file: file_id,
                edits: vec![edit],
            }),
        }
    }
    for file_edit in &mut edits {
        file_edit.edits.sort_by_key(|e| (e.span.start, e.span.end));
    }
    edits
}

/// `allow RULE reason="…"` in the node the finding is about, or at the top
/// of the file when it is about no such node.
fn allow(text: &str, file: &ropa_check::File, finding: &Diagnostic) -> Option<(String, TextEdit)> {
    let rule = finding.rule.id();
    let line = allow_line(finding.rule);
    let scope = allow_scope(file, finding);
    match scope {
        Some(node) => {
            let name = node
                .arguments()
                .next()
                .and_then(|e| e.value.as_str())
                .unwrap_or(node.name.value.as_str());
            Some((
                format!("Allow `{rule}` in `{name}`, with a reason"),
                insert_child(text, node, &line),
            ))
        }
        None => {
            let at = top_of_file(text, file);
            Some((
                format!("Allow `{rule}` in this whole file, with a reason"),
                TextEdit {
                    span: Span::new(at, at),
                    new_text: format!("{line}{}", newline(text)),
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::Fixture;

    const ORG: &str = "organization \"O\" {\n    country SE\n    security \"s\"\n    breach-procedure \"b\"\n    rights-procedure \"r\"\n}\n";

    /// Every action at the cursor (or selection) with the file after it.
    fn actions(fixture: &str) -> String {
        let f = Fixture::parse(fixture);
        let findings = ropa_check::check(&f.ws);
        let mut out = String::new();
        for action in super::code_actions(&f.ws, f.cursor_file, f.range, &findings) {
            out.push_str(&format!(
                "### {}{} [{}]\n{}\n",
                action.title,
                if action.preferred { " (preferred)" } else { "" },
                action.rule.id(),
                f.apply(&action.edits)
            ));
        }
        out
    }

    #[test]
    fn undefined_reference_did_you_mean_and_declare() {
        insta::assert_snapshot!(actions(&format!(
            "{ORG}data contact \"Name\"\ndata contract \"Contracts\"\nactivity web {{\n    purpose \"p\"\n    basis contract\n    retain \"1 year\" from=collection\n    data contat$0\n}}\n"
        )));
        insta::assert_snapshot!(
            "no_candidate",
            actions(&format!(
                "{ORG}activity web {{\n    purpose \"p\"\n    basis contract\n    retain \"1 year\" from=collection\n    subjects xyz$0\n}}"
            ))
        );
    }

    #[test]
    fn missing_retention_and_basis_skeletons() {
        insta::assert_snapshot!(actions(&format!("{ORG}activity web$0 {{\n    purpose \"p\"\n}}\n")));
    }

    #[test]
    fn transfer_without_safeguard_gets_a_mechanism_placeholder() {
        insta::assert_snapshot!(actions(&format!(
            "{ORG}processor mailer \"Mailer\" {{\n    stored-in US\n    dpa \"2024-01-01\"\n}}\nactivity web {{\n    purpose \"p\"\n    basis contract\n    retain \"1 year\" from=collection\n    processors mailer\n    transfer U$0S to=mailer\n}}\n"
        )));
    }

    #[test]
    fn undeclared_transfer_is_declared_without_a_mechanism() {
        // The party and country come from the record; the safeguard is left
        // to a person. CRLF line endings are kept.
        let fixture = format!(
            "{ORG}processor av \"AV\" {{\n    stored-in CH\n    dpa \"2024-01-01\"\n}}\nactivity it {{\n    purpose \"p\"\n    basis contract\n    retain \"1 year\" from=collection\n    processors a$0v\n}}\n"
        )
        .replace('\n', "\r\n");
        let out = actions(&fixture);
        assert!(out.contains("    transfer CH to=av\r\n}"), "{out}");
        insta::assert_snapshot!(out.replace('\r', "␍"));
    }

    #[test]
    fn unknown_location_gets_a_country_placeholder() {
        let out = actions(&format!(
            "{ORG}processor fil$0es \"Files Ltd\" {{\n    country IE\n    dpa \"2024-01-01\"\n}}\nactivity web {{\n    purpose \"p\"\n    basis contract\n    retain \"1 year\" from=collection\n    processors files\n}}\n"
        ));
        assert!(
            out.contains("### Say where the data is stored (`stored-in COUNTRY`) [unknown-location]"),
            "{out}"
        );
        assert!(
            out.contains("    dpa \"2024-01-01\"\n    stored-in COUNTRY\n}"),
            "{out}"
        );
    }

    #[test]
    fn allow_opens_a_block_when_the_node_has_none() {
        insta::assert_snapshot!(actions(&format!("{ORG}processor unused$0 \"Unused Ltd\"\n")));
    }

    #[test]
    fn unknown_file_or_no_finding_gives_nothing() {
        let f = Fixture::parse("data x");
        assert!(super::code_actions(&f.ws, ropa_check::FileId(9), f.range, &[]).is_empty());
        let findings = ropa_check::check(&f.ws);
        assert!(super::code_actions(&f.ws, f.cursor_file, ropa_syntax::Span::new(500, 600), &findings).is_empty());
    }
}
