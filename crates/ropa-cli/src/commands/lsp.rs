//! `ropa lsp`: the language server on stdin/stdout. Everything is in the
//! `ropa-lsp` crate; the binary only starts it, so that editors need one
//! program, the same `ropa` that `ropa check` runs in CI.

use clap::Args;

use crate::exit;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk LSP over stdin/stdout (the default and only transport; accepted
    /// because vscode-languageclient passes it)
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: &LspArgs) -> u8 {
    match ropa_lsp::run_stdio() {
        Ok(true) => exit::CLEAN,
        // LSP 3.17 `exit`: 1 when the client did not ask for `shutdown` first.
        Ok(false) => 1,
        Err(err) => super::fail(&format!("cannot start the language server: {err}")),
    }
}
