//! One module per subcommand.

mod add_allow;
pub(crate) mod baseline;
pub(crate) mod check;
mod checked;
pub(crate) mod diff;
pub(crate) mod fmt;
pub mod import;
pub mod init;
pub(crate) mod lsp;
pub(crate) mod report;
pub(crate) mod rules;
mod scaffold;
pub(crate) mod scan;
mod vendor;

use std::io::{self, BufWriter, IsTerminal, Write};

use codespan_reporting::term::termcolor::{self, WriteColor};

use crate::cli::{self, Cli, Command};
use crate::exit;

pub fn run(args: Cli) -> u8 {
    match args.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain(args) => vendor::explain(&args)
            .or_else(|| scan::explain(&args))
            .unwrap_or_else(|| rules::explain(&args)),
        Command::Baseline(args) => baseline::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Import(command) => import::run(&command),
        Command::Scan(args) => scan::run(&args),
    }
}

/// Whether to color stdout: `--color`, then NO_COLOR (https://no-color.org),
/// then whether stdout is a terminal.
pub fn use_color(choice: cli::ColorChoice) -> bool {
    match choice {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

/// Writes all of `bytes` to stdout.
pub fn print(bytes: &[u8]) -> u8 {
    print_with(|out| out.write_all(bytes))
}

/// Writes to stdout what `write` writes, as it writes it; a closed pipe
/// (`ropa check | head`) is not an error worth a message.
pub fn print_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> u8 {
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => exit::CLEAN,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => exit::CLEAN,
        Err(err) => {
            eprintln!("error: cannot write the output: {err}");
            exit::TROUBLE
        }
    }
}

/// Prints a one-line error to stderr, in the same shape as findings.
pub fn fail(message: &str) -> u8 {
    let mut stderr = termcolor::StandardStream::stderr(if use_color_stderr() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    });
    let _ = stderr.set_color(
        termcolor::ColorSpec::new()
            .set_fg(Some(termcolor::Color::Red))
            .set_bold(true),
    );
    let _ = write!(stderr, "error");
    let _ = stderr.reset();
    // Messages name files and quote specs: escaped as findings are.
    let _ = writeln!(stderr, ": {}", crate::visible::escape(message));
    exit::TROUBLE
}

fn use_color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Writes a report to `path` (`--output`).
pub fn write_output(path: &std::path::Path, rules: crate::write::Rules, bytes: &[u8]) -> u8 {
    write_output_with(path, rules, |out| out.write_all(bytes))
}

/// Writes what `write` writes to `path` (`--output`) through a temporary
/// file and a rename, so a CI step never uploads half a report; a missing
/// folder is a usage error with its name, not an IO error code.
pub fn write_output_with(
    path: &std::path::Path,
    rules: crate::write::Rules,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> u8 {
    let shown = crate::load::display(path);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if !folder.is_dir() {
        return fail(&format!(
            "cannot write {shown}: the folder {} does not exist",
            crate::load::display(folder)
        ));
    }
    if path.is_dir() {
        return fail(&format!("cannot write {shown}: it is a folder"));
    }
    match crate::write::write_atomically_with(path, rules, write) {
        Ok(()) => exit::CLEAN,
        Err(err) => fail(&format!("{shown}: {err}")),
    }
}
