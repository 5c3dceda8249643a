//! Latency of the language server on a generated workspace of 2,000
//! activities (four files of 500, plus the organization and 200 data,
//! subject and processor declarations), measured through JSON-RPC as an
//! editor sees it:
//!
//! - `did_change_to_diagnostics`: a `didChange` that flips `basis contract`
//!   to `basis contrct` and back in one file, until the server publishes the
//!   new diagnostics for it, with the server's default debounce (whatever
//!   wait it adds is counted);
//! - `hover` on a reference, `completion` of a data id;
//! - the same edit in a workspace whose one spec file is 5 MB
//!   (`lsp-5mb-file`).
//!
//!   cargo bench -p ropa-lsp --bench latency
//!
//! Criterion gives mean and spread; the percentiles the targets are stated
//! in (p50, p95, max) are printed at the end from separate runs.

#[path = "../tests/support/mod.rs"]
mod support;

// The allocator the `ropa` binary ships with, so that these figures are the
// product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use serde_json::{Value, json};
use support::{TempWorkspace, TestClient};

const ACTIVITIES: usize = 2_000;
const FILES: usize = 4;
const DECLARATIONS: usize = 200;

/// A workspace of one 5 MB spec file (activities like the ones above) and
/// the declarations it uses.
fn generate_big() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = generate().into_iter().take(3).collect();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 5 * 1024 * 1024 {
        let d = i % DECLARATIONS;
        text.push_str(&format!(
            "activity big-{i} {{\n    name \"Behandling {i} för Åsa\"\n    purpose \"Purpose {i}\"\n    subjects subjects-{d}\n    data data-{d}\n    basis contract\n    retain \"7 years\" from=contract-end\n    processors proc-{d}\n}}\n"
        ));
        i += 1;
    }
    files.push(("activities-0.ropa.kdl".to_owned(), text));
    files
}

fn generate() -> Vec<(String, String)> {
    let mut files = vec![
        ("ropa.kdl".to_owned(), String::new()),
        (
            "organization.ropa.kdl".to_owned(),
            "organization \"Bench AB\" {\n    country SE\n    contact \"Åsa Öberg\" email=\"asa@example.se\"\n    security \"Access control\"\n    breach-procedure \"IR-1\"\n    rights-procedure \"Within a month\"\n}\n".to_owned(),
        ),
    ];
    let mut data = String::new();
    for i in 0..DECLARATIONS {
        data.push_str(&format!("data data-{i} \"Data category {i}\"\n"));
        data.push_str(&format!("subjects subjects-{i} \"Subject category {i}\"\n"));
        let place = if i % 5 == 0 { "US" } else { "SE" };
        data.push_str(&format!(
            "processor proc-{i} \"Processor {i} AB\" {{\n    country SE\n    stored-in {place}\n    dpa \"2024-01-10\"\n}}\n"
        ));
    }
    files.push(("data.ropa.kdl".to_owned(), data));
    for f in 0..FILES {
        let mut text = String::new();
        for a in 0..ACTIVITIES / FILES {
            let i = f * (ACTIVITIES / FILES) + a;
            let d = i % DECLARATIONS;
            text.push_str(&format!(
                "activity act-{i} {{\n    name \"Behandling {i} för Åsa\"\n    purpose \"Purpose {i}\"\n    subjects subjects-{d}\n    data data-{d} data-{}\n    basis contract\n    retain \"7 years\" from=contract-end\n    processors proc-{d}\n    transfer US to=proc-{d} mechanism=scc module=2 tia=\"TIA-{i}\"\n}}\n",
                (d + 1) % DECLARATIONS
            ));
        }
        files.push((format!("activities-{f}.ropa.kdl"), text));
    }
    files
}

struct Setup {
    runtime: tokio::runtime::Runtime,
    client: TestClient,
    uri: String,
    text: String,
    version: i64,
    _ws: TempWorkspace,
}

fn position(text: &str, needle: &str, delta: usize) -> Value {
    let start = text.find(needle).map_or(0, |i| i + delta);
    let before = &text[..start];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": before[line_start..].encode_utf16().count()})
}

fn setup(files: Vec<(String, String)>) -> Setup {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = TempWorkspace::new(&borrowed);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let uri = ws.uri("activities-0.ropa.kdl");
    let text = ws.text("activities-0.ropa.kdl");
    let client = runtime.block_on(async {
        let mut client = TestClient::in_process();
        client
            .request(
                "initialize",
                json!({"capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
            )
            .await;
        client.notify("initialized", json!({})).await;
        client.open(&uri, &text).await;
        client.diagnostics(&uri, Some(1)).await;
        client.drain(Duration::from_millis(500)).await;
        client
    });
    Setup {
        runtime,
        client,
        uri,
        text,
        version: 1,
        _ws: ws,
    }
}

impl Setup {
    /// One edit and the wait for its diagnostics.
    fn change(&mut self) -> Duration {
        self.version += 1;
        let broken = self.version % 2 == 0;
        let needle = if broken { "basis contract" } else { "basis contrct" };
        let at = position(&self.text, needle, 6);
        let end = position(&self.text, needle, if broken { 14 } else { 13 });
        let (replace_end, new_text) = if broken { (end, "contrct") } else { (end, "contract") };
        let (uri, version) = (self.uri.clone(), self.version);
        let started = Instant::now();
        self.runtime.block_on(async {
            self.client
                .notify(
                    "textDocument/didChange",
                    json!({
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"range": {"start": at, "end": replace_end}, "text": new_text}],
                    }),
                )
                .await;
            self.client.diagnostics(&uri, Some(version)).await;
        });
        let elapsed = started.elapsed();
        if broken {
            self.text = self.text.replacen("basis contract", "basis contrct", 1);
        } else {
            self.text = self.text.replacen("basis contrct", "basis contract", 1);
        }
        self.client.seen.clear();
        elapsed
    }

    fn request(&mut self, method: &str, needle: &str, delta: usize) -> Duration {
        let params = json!({"textDocument": {"uri": self.uri}, "position": position(&self.text, needle, delta)});
        let started = Instant::now();
        let response = self.runtime.block_on(self.client.request(method, params));
        assert!(response.get("result").is_some(), "{response}");
        started.elapsed()
    }
}

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<28} n={:<4} p50 {:>8.2?}  p95 {:>8.2?}  max {:>8.2?}",
        samples.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn benches(c: &mut Criterion) {
    let mut big = setup(generate_big());
    let mut group = c.benchmark_group("lsp-5mb-file");
    group.sample_size(10);
    group.bench_function("did_change_to_diagnostics", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| big.change()).sum())
    });
    group.finish();
    println!("\npercentiles, 5 MB file (separate runs):");
    percentiles("did_change_to_diagnostics", (0..40).map(|_| big.change()).collect());
    drop(big);

    let mut setup = setup(generate());
    let mut group = c.benchmark_group("lsp-2000-activities");
    group.sample_size(30);
    group.bench_function("did_change_to_diagnostics", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| setup.change()).sum())
    });
    group.bench_function("hover", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| setup.request("textDocument/hover", "proc-", 2))
                .sum()
        })
    });
    group.bench_function("completion", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| setup.request("textDocument/completion", "data data-", 7))
                .sum()
        })
    });
    group.finish();

    println!("\npercentiles, 2,000 activities (separate runs):");
    percentiles("did_change_to_diagnostics", (0..100).map(|_| setup.change()).collect());
    percentiles(
        "hover",
        (0..200)
            .map(|_| setup.request("textDocument/hover", "proc-", 2))
            .collect(),
    );
    percentiles(
        "completion",
        (0..200)
            .map(|_| setup.request("textDocument/completion", "data data-", 7))
            .collect(),
    );
}

criterion_group!(latency, benches);

fn main() {
    latency();
    Criterion::default().configure_from_args().final_summary();
}
