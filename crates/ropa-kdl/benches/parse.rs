//! Parse throughput on synthetic documents shaped like ropa specs (~4 MB and
//! ~40 KB), compared with the `kdl` crate on the same text.
//!
//! Run: `CARGO_TARGET_DIR=/work/target-kdl cargo bench -p ropa-kdl --bench parse -- --quick`

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// At least `size` bytes of activity blocks: many nodes with a few string
/// arguments and properties, one level of children.
fn document(size: usize) -> String {
    let mut text = String::with_capacity(size + 400);
    let mut i = 0;
    while text.len() < size {
        let _ = write!(
            text,
            "// activity {i}\n\
             activity a{i} {{\n    \
                 purpose \"Process customer orders and send invoices ({i})\"\n    \
                 subjects customers employees\n    \
                 data contact health\n    \
                 basis contract\n    \
                 retain \"7 years\" from=contract-end\n    \
                 transfer US to=aws mechanism=scc module=2 tia=\"TIA-{i}\"\n\
             }}\n"
        );
        i += 1;
    }
    text
}

fn bench(c: &mut Criterion) {
    // A large document (the throughput figure), then one the size of a
    // typical spec file.
    for (name, size, kdl_time) in [("parse-4MB", 4_000_000, 20), ("parse-40KB", 40_000, 5)] {
        let text = document(size);
        assert!(ropa_kdl::parse(&text).errors.is_empty());
        assert!(kdl::KdlDocument::parse(&text).is_ok());

        // Two views: `parse` leaves the result's drop out of the timing (an
        // editor keeps the tree; freeing it is the allocator's work, and with
        // glibc on a 4 MB tree it costs more than parsing: ~480k small
        // allocations), and `parse+drop` includes it.
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function("ropa-kdl/parse", |b| {
            b.iter_with_large_drop(|| ropa_kdl::parse(black_box(&text)))
        });
        group.bench_function("ropa-kdl/parse+drop", |b| b.iter(|| ropa_kdl::parse(black_box(&text))));
        // `kdl` is ~100 times slower: keep its runs short.
        group.measurement_time(Duration::from_secs(kdl_time));
        group.bench_function("kdl-6.7.1/parse", |b| {
            b.iter_with_large_drop(|| kdl::KdlDocument::parse(black_box(&text)))
        });
        group.bench_function("kdl-6.7.1/parse+drop", |b| {
            b.iter(|| kdl::KdlDocument::parse(black_box(&text)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
