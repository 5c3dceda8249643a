//! `ropa report`: one workspace's record of processing, processors and
//! transfers overview, findings summary or privacy notice draft, as HTML,
//! Markdown, CSV, JSON or SVG. `ropa-report` builds the document (pure);
//! this shell finds and reads the workspace, asks git which revision it is,
//! picks the date, and writes the file.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, ValueEnum};
use ropa_check::index::Index;
use ropa_report::{Format, Input, Kind, Lang, Options, Revision};
use ropa_syntax::values::{Date, parse_date};

use super::{fail, print, write_output};
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
    let workspace = &loaded.workspace;
    let findings = ropa_check::check(workspace);
    let index = Index::new(workspace);
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
    let options = Options {
        kind,
        format,
        lang,
        generated,
        revision: revision(&root(job)),
        subjects: args.subjects.clone(),
    };
    let input = Input {
        workspace,
        index: &index,
        findings: &findings,
    };
    let text = match ropa_report::render(&input, &options) {
        Ok(text) => text,
        Err(err) => return fail(&err.to_string()),
    };
    let status = match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            let is_ours = |head: &[u8]| is_report(args.format, head, text.as_bytes());
            let what = format!("a ropa {} report", args.format.name());
            write_output(path, Rules::generated(args.force, &what, &is_ours), text.as_bytes())
        }
        _ => print(text.as_bytes()),
    };
    let errors = findings
        .iter()
        .filter(|f| f.severity == ropa_syntax::values::Severity::Error)
        .count();
    if status == exit::CLEAN && errors > 0 {
        eprintln!(
            "warning: {} has {errors} error{} (`ropa check {0}` lists them); the report shows {} on its front page",
            display(&root(job)),
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" },
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
/// their first line (title, or column headings) must be the one about to
/// be written, which holds for the same kind in the same language.
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

/// `--date`, else `SOURCE_DATE_EPOCH` (the reproducible-builds convention),
/// else today in UTC.
fn generation_date(pinned: Option<&str>) -> Result<Date, String> {
    if let Some(text) = pinned {
        return parse_date(text).ok_or_else(|| format!("--date `{text}` is not a calendar date in YYYY-MM-DD form"));
    }
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => value
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds"))?,
        _ => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
    };
    Ok(civil_date(seconds.div_euclid(86_400)))
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`), so that no date crate is needed for one call.
fn civil_date(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year.clamp(1900, 9999)).unwrap_or(1900),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
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

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_date(0).to_string(), "1970-01-01");
        assert_eq!(civil_date(20_780).to_string(), "2026-11-23");
        assert_eq!(civil_date(11_016).to_string(), "2000-02-29");
        assert_eq!(civil_date(-1).to_string(), "1969-12-31");
    }
}
