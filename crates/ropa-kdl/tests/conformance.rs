//! The official KDL 2 test suite (`tests/kdl-spec/`): every `_fail` input
//! must produce an error; every other input must parse without errors and
//! print, in canonical form, exactly as its `expected_kdl` file.

use std::fs;
use std::path::Path;

#[test]
fn kdl_spec_test_suite() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kdl-spec/test_cases");
    let mut names: Vec<String> = fs::read_dir(root.join("input"))
        .expect("test suite input folder")
        .map(|e| e.expect("dir entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".kdl"))
        .collect();
    names.sort();
    assert!(names.len() > 300, "suite looks incomplete: {} inputs", names.len());

    let mut failures = Vec::new();
    let mut passed = 0;
    for name in &names {
        let input = fs::read_to_string(root.join("input").join(name)).expect("input file");
        let parsed = ropa_kdl::parse(&input);
        if name.ends_with("_fail.kdl") {
            if parsed.errors.is_empty() {
                failures.push(format!("{name}: accepted, but must be rejected"));
            } else {
                passed += 1;
            }
            continue;
        }
        if !parsed.errors.is_empty() {
            let errors: Vec<String> = parsed
                .errors
                .iter()
                .map(|e| format!("{:?} {}", e.span, e.message))
                .collect();
            failures.push(format!("{name}: rejected: {}", errors.join("; ")));
            continue;
        }
        let expected = fs::read_to_string(root.join("expected_kdl").join(name)).expect("expected file");
        let actual = ropa_kdl::to_canonical(&parsed.document, &input);
        if actual == expected {
            passed += 1;
        } else {
            failures.push(format!(
                "{name}: output differs\n  expected: {expected:?}\n  actual:   {actual:?}"
            ));
        }
    }
    println!("kdl-spec conformance: {passed} of {} cases pass", names.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
