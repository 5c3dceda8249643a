//! Cost of each stage of a check on synthetic workspaces (crates/ropa-gen):
//! KDL parse alone (the floor), parse + model, the full check, and each
//! group of rules on its own. Results and the machine: BENCHMARKS.md.
//!
//! `cargo bench -p ropa-check --bench check` (add `-- --quick` for a fast pass).

// The allocator the `ropa` binary ships with, so that these figures are the
// product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ropa_check::context::Context;
use ropa_check::{FileKind, Workspace, rules};

fn sources(activities: usize) -> Vec<(String, String, FileKind)> {
    let files = (activities / 50).max(1);
    ropa_gen::workspace(ropa_gen::Params {
        activities,
        files,
        seed: 7,
    })
    .into_iter()
    .map(|(name, text)| {
        let kind = FileKind::of(&name);
        (name, text, kind)
    })
    .collect()
}

fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    for activities in [100, 1_000, 10_000] {
        let input = sources(activities);
        let bytes: usize = input.iter().map(|(_, text, _)| text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("kdl-parse", activities), &input, |b, input| {
            b.iter(|| {
                input
                    .iter()
                    .map(|(_, text, _)| ropa_syntax::kdl::parse(text).tokens.len())
                    .sum::<usize>()
            })
        });
        group.bench_with_input(BenchmarkId::new("parse-and-model", activities), &input, |b, input| {
            b.iter(|| Workspace::without_trees(input.clone()).files.len())
        });
        group.bench_with_input(BenchmarkId::new("full-check", activities), &input, |b, input| {
            b.iter(|| ropa_check::check(&Workspace::without_trees(input.clone())).len())
        });
    }
    group.finish();
}

fn rule_groups(c: &mut Criterion) {
    let mut group = c.benchmark_group("rules-10000");
    group.sample_size(10);
    let workspace = Workspace::without_trees(sources(10_000));
    let ctx = Context::new(&workspace);
    group.throughput(Throughput::Elements(10_000));
    for rules::Group { name, check, .. } in rules::GROUPS {
        group.bench_function(*name, |b| {
            b.iter(|| {
                let mut out = ropa_check::Findings::default();
                check(&ctx, &mut out);
                out.count()
            })
        });
    }
    group.bench_function("index", |b| b.iter(|| Context::new(&workspace).index().by_id.len()));
    group.finish();
}

criterion_group!(benches, stages, rule_groups);
criterion_main!(benches);
