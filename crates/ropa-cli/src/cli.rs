//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes:
  0  no finding at or above the failing severity (see --fail-on)
  1  findings at or above the failing severity
  2  bad usage, or a file or folder that could not be read

Spec files end in .ropa.kdl; a folder with a ropa.kdl file is a workspace.
The language: docs/language.md. The rules: `ropa rules`, `ropa explain RULE`.";

/// Check GDPR records of processing activities written as KDL specs.
#[derive(Debug, Parser)]
#[command(name = "ropa", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check specs against the language and the GDPR rule catalogue
    #[command(after_help = AFTER_HELP)]
    Check(CheckArgs),
    /// List every rule with its id, severity and summary
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why (the article), examples and the fix
    Explain(ExplainArgs),
    /// Format spec files in place (one node per line, four-space indent, comments kept)
    Fmt(FmtArgs),
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Spec files or folders [default: .]
    pub paths: Vec<PathBuf>,
    /// Change nothing; exit with 1 when a file is not formatted
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Spec files, workspace folders, or folders of workspaces [default: .]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit with 1 when a finding is at least this severe
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// When to color the output [default: auto; NO_COLOR turns it off]
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with underlines, for people
    Human,
    /// One JSON document (schema: docs/output.md)
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, such as consent-only-basis
    pub rule: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
    /// The rule reference as in docs/rules.md (`ropa rules` only)
    Markdown,
}
