//! A check's findings depend on what the record says, not on how it is laid
//! out: not on the order the files are given in, nor on how the nodes are
//! split into files.

use proptest::prelude::*;
use ropa_check::{Diagnostic, FileKind, Workspace};
use ropa_syntax::values::Keyword;

/// What a finding says, without where it is (spans move when files change).
fn meaning(findings: &[Diagnostic]) -> Vec<(String, String, Option<String>, String)> {
    let mut out: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.rule.id().to_owned(),
                f.severity.as_str().to_owned(),
                f.entity.as_deref().map(str::to_owned),
                f.message.to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn generated(activities: usize, files: usize, seed: u64) -> Vec<(String, String, FileKind)> {
    ropa_gen::workspace(ropa_gen::Params {
        activities,
        files,
        seed,
    })
    .into_iter()
    .map(|(name, text)| {
        let kind = FileKind::of(&name);
        (name, text, kind)
    })
    .collect()
}

/// The source text of every top-level node of every spec file.
fn top_level_nodes(sources: &[(String, String, FileKind)]) -> Vec<String> {
    let mut nodes = Vec::new();
    for (_, text, kind) in sources {
        if *kind != FileKind::Spec {
            continue;
        }
        let parse = ropa_syntax::kdl::parse(text);
        assert!(parse.errors.is_empty());
        for node in &parse.document.nodes {
            nodes.push(text[node.span.range()].to_owned());
        }
    }
    nodes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn file_order_does_not_matter(seed in 1u64..10_000, activities in 1usize..120, files in 1usize..6) {
        let sources = generated(activities, files, seed);
        let mut reversed = sources.clone();
        reversed.reverse();
        let a = ropa_check::check(&Workspace::new(sources));
        let b = ropa_check::check(&Workspace::new(reversed));
        prop_assert_eq!(meaning(&a), meaning(&b));
    }

    #[test]
    fn splitting_into_files_does_not_matter(
        seed in 1u64..10_000,
        activities in 1usize..120,
        parts in 1usize..9,
        shuffle in any::<u64>(),
    ) {
        let sources = generated(activities, 3, seed);
        let original = ropa_check::check(&Workspace::new(sources.clone()));
        let mut nodes = top_level_nodes(&sources);
        // A deterministic shuffle from the seed, then deal the nodes into files.
        let mut state = shuffle | 1;
        for i in (1..nodes.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            nodes.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut resplit: Vec<(String, String, FileKind)> = (0..parts)
            .map(|i| (format!("part-{i}.ropa.kdl"), String::new(), FileKind::Spec))
            .collect();
        for (i, node) in nodes.iter().enumerate() {
            let text = &mut resplit[i % parts].1;
            text.push_str(node);
            text.push('\n');
        }
        resplit.push(("ropa.kdl".to_owned(), String::new(), FileKind::Config));
        let split = ropa_check::check(&Workspace::new(resplit));
        prop_assert_eq!(meaning(&original), meaning(&split));
    }
}
