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
    /// Record today's findings, so that `ropa check --baseline` fails only on new ones
    #[command(after_help = BASELINE_HELP)]
    Baseline(BaselineArgs),
    /// What a change does in compliance terms, as Markdown for a pull-request comment
    #[command(after_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// Format spec files in place (one node per line, four-space indent, comments kept)
    Fmt(FmtArgs),
    /// Start the language server on stdin/stdout, for editors (see editors/README.md)
    Lsp(LspArgs),
    /// Write the record of processing, transfers, findings or a privacy notice draft as a document
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Start a record: a workspace with your organization and commented examples
    #[command(after_help = crate::commands::init::HELP)]
    Init(crate::commands::init::InitArgs),
    /// Turn a RoPA spreadsheet (CSV) or Fides manifests into spec files
    #[command(subcommand)]
    Import(crate::commands::import::ImportCommand),
    /// Compare a repository's code with the record: undeclared processors, trackers, regions
    #[command(after_help = SCAN_HELP)]
    Scan(ScanArgs),
}

const SCAN_HELP: &str = "\
Reads dependency manifests (package.json, package-lock.json, requirements*.txt,
pyproject.toml, go.mod, Cargo.toml, Gemfile, composer.json), page templates
(.html, .jsx, .tsx, .vue, .php, …), Terraform files and .env.example, and
compares what they show with the record. Skips .git, node_modules, target,
vendor and the paths in ropa.kdl's `scan { skip \"…\" }`.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 bad usage.
How to read a finding: docs/scan.md.";

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The repository to scan [default: .]
    pub repo: Option<PathBuf>,
    /// The record's workspace (a folder with ropa.kdl) [default: found from the repository]
    #[arg(long, value_name = "PATH")]
    pub record: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ScanFormat::Human)]
    pub format: ScanFormat,
    /// Exit with 1 when a finding is at least this severe
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Findings with the file:line of their evidence, for people
    Human,
    /// One JSON document: findings and all evidence
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk LSP over stdin/stdout (the default and only transport; accepted
    /// because vscode-languageclient passes it)
    #[arg(long)]
    pub stdio: bool,
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
    #[arg(long, value_enum, default_value_t = Format::Human, env = "ROPA_FORMAT")]
    pub format: Format,

    /// Exit with 1 when a finding is at least this severe
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Exit with 0 even with findings (2 still means files could not be read)
    #[arg(long)]
    pub exit_zero: bool,

    /// Only these rules (ids, comma-separated), for this run
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Not these rules (ids, comma-separated), for this run
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Print how many findings each rule has instead of the findings
    #[arg(long)]
    pub statistics: bool,

    /// Print the findings only: no summary line and no notes
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Write `allow RULE reason="TODO: …"` for every current finding that may
    /// be accepted, into the spec files; each is reported until its reason is written
    #[arg(long, conflicts_with_all = ["baseline", "statistics", "output"])]
    pub add_allow: bool,

    /// When to color the output [default: auto; NO_COLOR turns it off]
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Write the report to FILE instead of stdout (`-` for stdout)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Hide the findings recorded in FILE (made by `ropa baseline`): only new ones fail
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// With --baseline: exit with 1 when the baseline records findings that no longer occur
    #[arg(long, requires = "baseline")]
    pub fail_on_stale: bool,

    /// The address of ropa's docs folder, for rule links in SARIF (`URL/rules.md#RULE`);
    /// without it SARIF carries each rule's full help and no link
    #[arg(long, value_name = "URL", env = "ROPA_DOCS_URL")]
    pub docs_url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with underlines, for people
    Human,
    /// One line per finding: `file:line:col: rule [severity] message`
    Concise,
    /// One JSON document (schema: docs/cli.md, "JSON output")
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

const BASELINE_HELP: &str = "\
The baseline lists each finding by rule, entity and message (not by line or
file), so edits elsewhere, renamed files and activities moved to another file
do not bring baselined findings back.
Commit the file; `ropa check --baseline FILE` then fails only on new findings.
When findings are fixed, `ropa baseline --prune --output FILE` drops them from
the file and adds nothing (a plain re-run would also record new findings).";

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Spec files, workspace folders, or folders of workspaces [default: .]
    pub paths: Vec<PathBuf>,

    /// Where to write the baseline (`-` for stdout)
    #[arg(long, short = 'o', value_name = "FILE", default_value = "ropa-baseline.json")]
    pub output: PathBuf,

    /// Only drop from FILE the findings that no longer occur; never add one
    #[arg(long)]
    pub prune: bool,
}

const DIFF_HELP: &str = "\
BASE and HEAD are each a git revision (main, origin/main, HEAD~1, a commit) or
a folder. HEAD defaults to the working tree. Paths to compare come after `--`:
  ropa diff origin/main -- specs
  ropa diff HEAD~1 HEAD -- specs/office2go
  ropa diff old-copy/ new-copy/
Activities, processors and transfers are matched by id; findings by rule,
entity and message (the file only for a finding about no entity). Nothing is
compared by line, and renaming or splitting a file changes nothing.

Exit codes:
  0  the diff was printed (and, with --fail-on, no new finding is that severe)
  1  with --fail-on: the change introduces a finding at least that severe
  2  bad usage, an unknown revision, or a file or folder that could not be read";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The version before the change: a git revision or a folder
    pub base: String,

    /// The version after the change: a git revision or a folder [default: the working tree]
    pub head: Option<String>,

    /// Spec files or folders to compare, after `--` [default: .]
    #[arg(last = true)]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,

    /// Exit with 1 when the change introduces a finding at least this severe
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Write the diff to FILE instead of stdout (`-` for stdout)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown for a pull-request comment
    Markdown,
    /// One JSON document
    Json,
}

const REPORT_HELP: &str = "\
Reports are documents for people outside engineering: the Art. 30 record a
supervisory authority may ask for, the processors and transfers a customer's
DPO asks for (with a map), the findings, and a privacy notice draft.
  ropa report specs/webone --format html --lang sv -o record.html
  ropa report specs/office2go --kind transfers --format svg -o transfers.svg
  ropa report specs/webone --kind notice --subjects customers --lang sv
A workspace with errors still gets its report, which shows them on its front.
Output is the same for the same specs, except the date (pin it with --date).
See docs/reports.md.

Exit codes:
  0  the report was written (findings do not change it: `ropa check` gates)
  2  bad usage, several workspaces, a file that could not be read, or a
     folder for -o that does not exist";

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One workspace folder, or spec files of one workspace [default: .]
    pub paths: Vec<PathBuf>,

    /// Which report [default: all; record for csv, transfers for svg]
    #[arg(long, value_enum)]
    pub kind: Option<ReportKind>,

    /// File format
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    /// Language of headings and fixed text; text from the specs is shown as written
    #[arg(long, value_enum, default_value_t = ReportLang::En)]
    pub lang: ReportLang,

    /// Write the report to FILE (replaced atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The generation date printed in the report [default: today (UTC), or SOURCE_DATE_EPOCH]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Privacy notice for these data-subject categories only (ids of `subjects`)
    #[arg(long, value_name = "ID", num_args = 1.., value_delimiter = ',')]
    pub subjects: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// The record of processing activities (GDPR Art. 30(1) and 30(2))
    Record,
    /// Processors, recipients, where data is stored, transfers, with a map
    Transfers,
    /// The findings of `ropa check`, per severity, rule and activity
    Findings,
    /// A privacy notice draft (GDPR Art. 13/14)
    Notice,
    /// Everything above in one document
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page that prints to A4
    Html,
    /// GitHub-flavoured Markdown
    Markdown,
    /// One table for spreadsheets (record, transfers or findings)
    Csv,
    /// The report as data (schema: docs/reports.md)
    Json,
    /// The transfer map alone
    Svg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportLang {
    /// English
    En,
    /// Swedish (svenska)
    Sv,
    /// Danish (dansk)
    Da,
    /// Norwegian bokmål (norsk bokmål)
    Nb,
}
