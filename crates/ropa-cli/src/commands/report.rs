//! `ropa report`: one workspace's record of processing, processors and
//! transfers overview, findings summary or privacy notice draft, as HTML,
//! Markdown, CSV, JSON or SVG. `ropa-report` builds the document (pure);
//! this shell finds and reads the workspace, asks git which revision it is,
//! picks the date, and writes the file.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, ValueEnum};
use ropa_report::{Audience, Format, Input, Kind, Lang, Options, Revision};
use ropa_syntax::values::{Date, parse_date};

use super::{fail, print_with, write_output_with};
use crate::discover::{Job, SPEC_SUFFIX, discover};
use crate::exit;
use crate::load::{display, load};
use crate::write::Rules;

pub const REPORT_HELP: &str = "\
Reports are documents for people outside engineering: the Art. 30 record a
supervisory authority may ask for, the processors and transfers a customer's
DPO asks for (with a map), the findings, and a privacy notice draft.
  ropa report specs/webone --format html --lang sv -o record.html
  ropa report specs/office2go --kind transfers --format svg -o transfers.svg
  ropa report specs/webone --kind notice --subjects customers --lang sv
  ropa report specs/webone --audience internal -o review.html
The record and transfers are written for readers outside engineering by
default (--audience authority): no spec ids or revision, and findings only
as a summary in plain words when the kind includes them. --audience internal
adds the spec ids, the git revision and the findings on the front page, each
finding with its rule, place and fix.
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

    /// Who the document is for: `authority` (a supervisory authority, a
    /// customer, the board) or `internal` (the team: spec ids, revision, findings with fixes)
    #[arg(long, value_enum, default_value_t = ReportAudience::Authority)]
    pub audience: ReportAudience,

    /// Write the report to FILE (replaced atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE even when it is not a ropa report of this format, or is read-only
    #[arg(long)]
    pub force: bool,

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
pub enum ReportAudience {
    /// A supervisory authority, a customer or the board: no spec ids, revision or findings on the front
    Authority,
    /// The team keeping the record: spec ids, git revision, findings with rules and fixes
    Internal,
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

pub fn run(args: &ReportArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let generated = match generation_date(args.date.as_deref()) {
        Ok(date) => date,
        Err(message) => return fail(&message),
    };
    let (jobs, mut problems) = discover(&paths);
    for problem in &problems {
        fail(&format!("{}: {}", display(&problem.path), problem.message));
    }
    if !problems.is_empty() {
        return exit::TROUBLE;
    }
    let job = match jobs.as_slice() {
        [] => {
            let names: Vec<String> = paths.iter().map(|p| display(p)).collect();
            return fail(&format!(
                "no spec files in {}: spec file names end in `{SPEC_SUFFIX}`; `ropa.kdl` marks a workspace (see docs/language.md)",
                names.join(", ")
            ));
        }
        [job] => job,
        several => {
            let roots: Vec<String> = several.iter().map(|j| display(&root(j))).collect();
            return fail(&format!(
                "{} workspaces found ({}): a report covers one workspace; name it, for example `ropa report {}`",
                roots.len(),
                roots.join(", "),
                roots.first().map_or(".", String::as_str)
            ));
        }
    };
    let loaded = load(job, &mut problems);
    // A report that silently lacks a file would be a wrong record: refuse.
    for problem in &problems {
        fail(&format!("{}: {}", display(&problem.path), problem.message));
    }
    if !problems.is_empty() {
        return exit::TROUBLE;
    }
    // The report's date is the checker's today, so that `--date` pins both.
    let mut loaded = loaded;
    loaded.workspace.today = Some(generated);
    let workspace = &loaded.workspace;
    let findings = ropa_check::check(workspace);
    // The check built the workspace's index; the report reads the same one.
    let index = workspace.index();
    let format = match args.format {
        ReportFormat::Html => Format::Html,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
        ReportFormat::Svg => Format::Svg,
    };
    let kind = args.kind.map_or(format.default_kind(), |k| match k {
        ReportKind::Record => Kind::Record,
        ReportKind::Transfers => Kind::Transfers,
        ReportKind::Findings => Kind::Findings,
        ReportKind::Notice => Kind::Notice,
        ReportKind::All => Kind::All,
    });
    let lang = match args.lang {
        ReportLang::En => Lang::En,
        ReportLang::Sv => Lang::Sv,
        ReportLang::Da => Lang::Da,
        ReportLang::Nb => Lang::Nb,
    };
    let audience = match args.audience {
        ReportAudience::Authority => Audience::Authority,
        ReportAudience::Internal => Audience::Internal,
    };
    let options = Options {
        kind,
        format,
        lang,
        audience,
        generated,
        revision: revision(&root(job)),
        subjects: args.subjects.clone(),
    };
    let input = Input {
        workspace,
        index,
        findings: &findings,
    };
    // Written as it is produced: the report of a large record is several
    // times the record, and is never held whole.
    let written = ropa_report::render_with(&input, &options, |first_line, write| match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            let is_ours = |head: &[u8]| is_report(args.format, head, first_line.as_bytes());
            let what = format!("a ropa {} report", args.format.name());
            write_output_with(path, Rules::generated(args.force, &what, &is_ours), |out| write(out))
        }
        _ => print_with(|out| write(out)),
    });
    let status = match written {
        Ok(status) => status,
        Err(err) => return fail(&err.to_string()),
    };
    let errors = findings
        .iter()
        .filter(|f| f.severity == ropa_syntax::values::Severity::Error)
        .count();
    if status == exit::CLEAN && errors > 0 {
        eprintln!(
            "warning: {} has {errors} error{} (`ropa check {0}` lists them){}",
            display(&root(job)),
            if errors == 1 { "" } else { "s" },
            match (audience, errors) {
                (Audience::Internal, 1) => "; the report shows it on its front page",
                (Audience::Internal, _) => "; the report shows them on its front page",
                (Audience::Authority, _) => "",
            },
        );
    }
    status
}

impl ReportFormat {
    fn name(self) -> &'static str {
        match self {
            ReportFormat::Html => "HTML",
            ReportFormat::Markdown => "Markdown",
            ReportFormat::Csv => "CSV",
            ReportFormat::Json => "JSON",
            ReportFormat::Svg => "SVG",
        }
    }
}

/// Whether the first bytes of a file (`head`) show a report ropa wrote, so
/// that `-o FILE` may replace it: HTML by its generator tag, SVG by the
/// map's title id, JSON by its first keys. Markdown and CSV carry no mark:
/// their first line (title, or column headings) must be `new`'s, the first
/// line about to be written, which holds for the same kind in the same
/// language.
fn is_report(format: ReportFormat, head: &[u8], new: &[u8]) -> bool {
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    match format {
        ReportFormat::Html => contains(b"<meta name=\"generator\" content=\"ropa\">"),
        ReportFormat::Svg => contains(b"id=\"ropa-map-title\""),
        ReportFormat::Json => {
            let compact: Vec<u8> = head.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
            compact.starts_with(b"{\"version\":") && contains(b"\"kind\":") && contains(b"\"generated\":")
        }
        ReportFormat::Markdown | ReportFormat::Csv => {
            let first = |text: &[u8]| text.split(|&b| b == b'\n').next().map(<[u8]>::to_vec);
            head.contains(&b'\n') && first(head) == first(new)
        }
    }
}

/// The folder a workspace lives in: where its `ropa.kdl` is, else where its
/// first file is.
fn root(job: &Job) -> PathBuf {
    let from = job.config.as_ref().or(job.files.first());
    match from.and_then(|p| p.parent()) {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `--date`, else today (`SOURCE_DATE_EPOCH` or the clock).
fn generation_date(pinned: Option<&str>) -> Result<Date, String> {
    if let Some(text) = pinned {
        return parse_date(text).ok_or_else(|| format!("--date `{text}` is not a calendar date in YYYY-MM-DD form"));
    }
    crate::clock::today()
}

/// The commit the workspace is at, and whether its spec files have changes
/// git has not committed (a README edit does not change the record).
/// Read-only: `GIT_OPTIONAL_LOCKS=0` keeps `git status` from taking the
/// index lock. No git, or not a repository: unversioned.
fn revision(root: &Path) -> Revision {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .env("GIT_OPTIONAL_LOCKS", "0")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(id) if !id.is_empty() => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=normal", "--", "."]).is_some_and(|status| {
                status
                    .lines()
                    .any(|line| line.trim_end().trim_end_matches('"').ends_with(".kdl"))
            });
            Revision::Commit { id, dirty }
        }
        _ => Revision::Unversioned,
    }
}
