//! The `ropa` command.

#![forbid(unsafe_code)]

mod cli;
mod clock;
mod commands;
// The memory functions only the static x86_64 musl binary links (build.rs).
mod discover;
mod load;
#[cfg(all(test, target_arch = "x86_64", target_env = "musl"))]
mod musl_memory;
mod output;
mod paths;
mod visible;
mod write;
use std::process::ExitCode;

use clap::Parser;

/// A check allocates many small values (findings, model lists) and frees
/// them together. mimalloc (without transparent huge pages, which inflated
/// peak memory) checks 100,000 activities in 1.2 s instead of 2.0 s with the
/// system allocator, at slightly lower peak memory (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in `ropa --help` and docs/cli.md.
pub mod exit {
    /// No finding at or above the failing severity.
    pub const CLEAN: u8 = 0;
    /// Findings at or above the failing severity.
    pub const FINDINGS: u8 = 1;
    /// Bad usage, or a file or folder that could not be read.
    pub const TROUBLE: u8 = 2;
}

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = if err.use_stderr() { exit::TROUBLE } else { exit::CLEAN };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    ExitCode::from(commands::run(args))
}
