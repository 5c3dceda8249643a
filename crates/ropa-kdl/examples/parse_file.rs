//! Parses files, for profiling the parser on real input:
//!
//! ```text
//! cargo build --release -p ropa-kdl --example parse_file
//! valgrind --tool=callgrind target/release/examples/parse_file [--tree] FILE...
//! ```
//!
//! Each file goes through `parse_each` (as `ropa check` reads files), or
//! through `parse` with `--tree` (as the editor does). Prints the counts and,
//! with `--digest`, a hash of everything both calls return, so that two
//! builds can be checked to agree on the same input.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::process::ExitCode;

fn main() -> ExitCode {
    let (mut tree, mut digest) = (false, false);
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--tree" => tree = true,
            "--digest" => digest = true,
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        eprintln!("usage: parse_file [--tree] [--digest] FILE...");
        return ExitCode::FAILURE;
    }
    let (mut bytes, mut nodes, mut errors, mut tokens) = (0usize, 0usize, 0usize, 0usize);
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        };
        bytes += text.len();
        if digest {
            // Debug output covers every field; `DefaultHasher::new` has
            // fixed keys, so equal results give equal hashes.
            let mut hasher = DefaultHasher::new();
            format!("{:?}", ropa_kdl::parse(&text)).hash(&mut hasher);
            let mut streamed = Vec::new();
            let errors = ropa_kdl::parse_each(&text, |node| streamed.push(node));
            format!("{streamed:?} {errors:?}").hash(&mut hasher);
            println!("{:016x} {file}", hasher.finish());
            continue;
        }
        if tree {
            let parsed = ropa_kdl::parse(&text);
            nodes += parsed.document.nodes.len();
            errors += parsed.errors.len();
            tokens += parsed.tokens.len();
        } else {
            errors += ropa_kdl::parse_each(&text, |_| nodes += 1).len();
        }
    }
    println!("{bytes} bytes, {nodes} top-level nodes, {errors} errors, {tokens} tokens");
    ExitCode::SUCCESS
}
