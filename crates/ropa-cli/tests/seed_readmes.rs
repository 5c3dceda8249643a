//! The seed records' READMEs (specs/NAME/README.md) list every finding
//! `ropa check specs/NAME` gives, one row each, with a DPO's verdict: a
//! reader trusts the README only while it matches what the tool says.

mod ci_common;

use ci_common::{code, repo_root, ropa, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeMap;

const SEEDS: [&str; 4] = ["office2go", "webone", "24sevenoffice", "bowebb"];
const HEADER: &str = "| rule | where | severity | DPO verdict |";
/// The `where` of a finding that is about no entity.
const NO_ENTITY: &str = "—";

type Key = (String, String, String);

/// One finding as the README names it: rule, where, severity.
fn key(rule: &str, place: &str, severity: &str) -> Key {
    (rule.to_string(), place.to_string(), severity.to_string())
}

fn findings(seed: &str) -> Vec<Key> {
    let path = format!("specs/{seed}");
    let output = ropa(&["check", &path, "--format", "json", "--fail-on", "info"]);
    assert!(
        code(&output) <= 1,
        "ropa check {path} failed to run: {}",
        stderr(&output)
    );
    let json: Value = serde_json::from_str(&stdout(&output)).expect("check output is JSON");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics array");
    diagnostics
        .iter()
        .map(|d| {
            let text = |field: &str| d[field].as_str().unwrap_or_default().to_string();
            let entity = d["entity"].as_str().unwrap_or(NO_ENTITY);
            key(&text("rule"), entity, &text("severity"))
        })
        .collect()
}

/// The rows of the README's findings table, with each row's verdict.
fn readme_rows(seed: &str) -> Vec<(Key, String)> {
    let path = repo_root().join("specs").join(seed).join("README.md");
    let text = std::fs::read_to_string(&path).expect("seed README");
    let mut lines = text.lines().skip_while(|line| line.trim() != HEADER);
    assert!(
        lines.next().is_some(),
        "{}: no findings table with header `{HEADER}`",
        path.display()
    );
    lines
        .skip(1) // the |---| separator
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().trim_matches('`'))
                .collect();
            assert_eq!(cells.len(), 4, "{}: row `{line}` needs 4 cells", path.display());
            (key(cells[0], cells[1], cells[2]), cells[3].to_string())
        })
        .collect()
}

fn count(keys: impl Iterator<Item = Key>) -> BTreeMap<Key, usize> {
    let mut counts = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_insert(0) += 1;
    }
    counts
}

/// What `have` holds more often than `want`, one line per missing copy.
fn excess(have: &BTreeMap<Key, usize>, want: &BTreeMap<Key, usize>) -> Vec<String> {
    have.iter()
        .flat_map(|(k, n)| {
            let extra = n.saturating_sub(want.get(k).copied().unwrap_or(0));
            std::iter::repeat_n(format!("| {} | {} | {} |", k.0, k.1, k.2), extra)
        })
        .collect()
}

#[test]
fn each_seed_readme_lists_exactly_the_findings_of_ropa_check() {
    let mut problems = Vec::new();
    for seed in SEEDS {
        let rows = readme_rows(seed);
        let found = count(findings(seed).into_iter());
        let listed = count(rows.iter().map(|(k, _)| k.clone()));
        for row in excess(&found, &listed) {
            problems.push(format!("specs/{seed}/README.md: add the finding {row}"));
        }
        for row in excess(&listed, &found) {
            problems.push(format!(
                "specs/{seed}/README.md: remove the row {row}: ropa check gives no such finding"
            ));
        }
        for ((rule, place, _), verdict) in &rows {
            if verdict.is_empty() {
                problems.push(format!(
                    "specs/{seed}/README.md: the row for {rule} on {place} has no DPO verdict"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_seed_readme_missing_a_finding_is_reported() {
    // The comparison must see a difference in either direction.
    let found = count([key("a", "x", "error"), key("a", "x", "error")].into_iter());
    let listed = count([key("a", "x", "error"), key("b", NO_ENTITY, "warning")].into_iter());
    assert_eq!(excess(&found, &listed), ["| a | x | error |"]);
    assert_eq!(excess(&listed, &found), ["| b | — | warning |"]);
}
