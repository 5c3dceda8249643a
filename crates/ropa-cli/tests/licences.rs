//! Every crate the workspace builds on, dependencies of dependencies
//! included, is under a licence on our allow-list and comes from crates.io
//! or this repository. Security advisories need the RustSec database, which
//! this build environment cannot download: see docs/robustness.md.

use std::process::Command;

/// Permissive licences only: no copyleft obligations for users who embed or
/// redistribute ropa.
const ALLOWED: &[&str] = &[
    "MIT",
    "MIT-0",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "Unlicense",
    "BSL-1.0",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "CC0-1.0",
    "0BSD",
];

/// Whether an SPDX expression is satisfiable from the allow-list: `OR` needs
/// one side, `AND` both; `WITH` exceptions only add permissions. The legacy
/// `/` separator means `OR`.
fn allowed(expression: &str) -> bool {
    let spaced = expression.replace('(', " ( ").replace(')', " ) ").replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut position = 0;
    let result = or_expression(&tokens, &mut position);
    result && position == tokens.len()
}

fn or_expression(tokens: &[&str], position: &mut usize) -> bool {
    let mut any = and_expression(tokens, position);
    while tokens.get(*position) == Some(&"OR") {
        *position += 1;
        any |= and_expression(tokens, position);
    }
    any
}

fn and_expression(tokens: &[&str], position: &mut usize) -> bool {
    let mut all = primary(tokens, position);
    while tokens.get(*position) == Some(&"AND") {
        *position += 1;
        all &= primary(tokens, position);
    }
    all
}

fn primary(tokens: &[&str], position: &mut usize) -> bool {
    let Some(token) = tokens.get(*position) else {
        return false;
    };
    *position += 1;
    let ok = if *token == "(" {
        let inner = or_expression(tokens, position);
        let closed = tokens.get(*position) == Some(&")");
        *position += 1;
        inner && closed
    } else {
        ALLOWED.contains(token)
    };
    if tokens.get(*position) == Some(&"WITH") {
        *position += 2;
    }
    ok
}

#[test]
fn the_spdx_evaluator_is_strict() {
    assert!(allowed("MIT OR Apache-2.0"));
    assert!(allowed("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(allowed("Apache-2.0 WITH LLVM-exception OR GPL-3.0"));
    assert!(allowed("MIT/Apache-2.0"));
    assert!(!allowed("GPL-3.0"));
    assert!(!allowed("MIT AND GPL-3.0"));
    assert!(!allowed("AGPL-3.0-only OR SSPL-1.0"));
    assert!(!allowed(""));
}

#[test]
fn every_dependency_is_permissively_licensed_and_from_crates_io() {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--filter-platform",
            "x86_64-unknown-linux-gnu",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let used: std::collections::HashSet<&str> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve graph")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let mut problems = Vec::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let id = package["id"].as_str().unwrap_or("");
        if !used.contains(id) {
            continue;
        }
        let name = package["name"].as_str().unwrap_or("?");
        match package["license"].as_str() {
            Some(license) if allowed(license) => {}
            Some(license) => problems.push(format!("{name}: licence `{license}` is not on the allow-list")),
            None => problems.push(format!("{name}: no SPDX licence expression")),
        }
        let source = package["source"].as_str();
        let local = source.is_none();
        let crates_io = source.is_some_and(|s| s.starts_with("registry+https://github.com/rust-lang/crates.io-index"));
        if !local && !crates_io {
            problems.push(format!("{name}: comes from {source:?}, not crates.io"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
