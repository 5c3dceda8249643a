//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};

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
    Check(crate::commands::check::CheckArgs),
    /// List every rule with its id, severity and summary
    Rules(crate::commands::rules::RulesArgs),
    /// Explain a rule (what it checks, why, examples and the fix) or a vendor of `ropa scan`'s registry (its facts and their sources)
    Explain(crate::commands::rules::ExplainArgs),
    /// Record today's findings, so that `ropa check --baseline` fails only on new ones
    #[command(after_help = crate::commands::baseline::BASELINE_HELP)]
    Baseline(crate::commands::baseline::BaselineArgs),
    /// What a change does in compliance terms, as Markdown for a pull-request comment
    #[command(after_help = crate::commands::diff::DIFF_HELP)]
    Diff(crate::commands::diff::DiffArgs),
    /// Format spec files in place (one node per line, four-space indent, comments kept)
    Fmt(crate::commands::fmt::FmtArgs),
    /// Start the language server on stdin/stdout, for editors (see editors/README.md)
    Lsp(crate::commands::lsp::LspArgs),
    /// Write the record of processing, transfers, findings or a privacy notice draft as a document
    #[command(after_help = crate::commands::report::REPORT_HELP)]
    Report(crate::commands::report::ReportArgs),
    /// Start a record: a workspace with your organization and commented examples
    #[command(after_help = crate::commands::init::HELP)]
    Init(crate::commands::init::InitArgs),
    /// Turn a RoPA spreadsheet (CSV) or Fides manifests into spec files
    #[command(subcommand)]
    Import(crate::commands::import::ImportCommand),
    /// Compare a repository's code with the record: undeclared processors, trackers, regions
    #[command(after_help = crate::commands::scan::SCAN_HELP)]
    Scan(crate::commands::scan::ScanArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: `check` shows source snippets with underlines, `scan` the file:line of the evidence
    Human,
    /// One line per finding: `file:line:col: rule [severity] message`
    Concise,
    /// One JSON document (schemas: docs/cli.md "JSON output", docs/scan.md)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// GitLab Code Quality report (JSON)
    Gitlab,
    /// JUnit XML, for CI systems that show test reports
    Junit,
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
