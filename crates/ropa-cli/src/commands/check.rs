//! `ropa check`: discover workspaces, check them, print the findings.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use codespan_reporting::term::termcolor::{Ansi, NoColor};
use ropa_check::fingerprint::FindingId;
use ropa_check::{Diagnostic, Rule, rank};
use ropa_syntax::values::Severity;

use super::checked::{Checked, check_paths, from_repository_root, no_spec_files};
use super::{baseline, fail, print_with, use_color, write_output_with};
use crate::cli::{ColorChoice, FailOn, Format};
use crate::exit;
use crate::load::display;
use crate::output::{self, Report};
use crate::write::Rules;

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

pub fn run(args: &CheckArgs) -> u8 {
    // Read the baseline first: a broken one is a usage error, before any work.
    let baseline = match args.baseline.as_deref().map(baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(message) => return fail(&message),
    };
    let chosen = match chosen_rules(&args.select, &args.ignore) {
        Ok(chosen) => chosen,
        Err(message) => return fail(&message),
    };
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return fail("--statistics prints a table (--format human or concise) or JSON (--format json)");
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut checked = check_paths(&paths);
    if args.add_allow {
        if checked.loaded.is_empty() && checked.problems.is_empty() {
            return no_spec_files(&paths);
        }
        if let Some(chosen) = &chosen {
            select(&mut checked.findings, &mut checked.ids, chosen);
        }
        // Before paths are shown from the repository root: these are written.
        return super::add_allow::run(&checked);
    }
    let roots = from_repository_root(&mut checked);
    let Checked {
        loaded,
        mut findings,
        mut ids,
        problems,
        ..
    } = checked;
    if loaded.is_empty() && problems.is_empty() {
        return no_spec_files(&paths);
    }
    let shown_paths: Vec<String> = paths.iter().map(|p| roots.shown(p)).collect();
    let baselined = match (&baseline, &args.baseline) {
        (Some(baseline), Some(file)) => Some(baseline::apply(baseline, file, &shown_paths, &mut findings, &mut ids)),
        _ => None,
    };
    // After the baseline: entries of rules left out are not fixed.
    if let Some(chosen) = &chosen {
        select(&mut findings, &mut ids, chosen);
    }
    let report = Report {
        results: loaded.iter().map(|l| &l.workspace).zip(findings).collect(),
        problems: &problems,
        ids,
        baseline: baselined,
        fail_on: severity(args.fail_on),
        docs_url: args
            .docs_url
            .as_deref()
            .map(|url| url.trim().trim_end_matches('/'))
            .filter(|url| !url.is_empty()),
        quiet: args.quiet,
    };
    let stale = args.fail_on_stale && report.baseline.as_ref().is_some_and(|b| b.fixed > 0);
    let mut status = exit_status(&report, args.fail_on).max(if stale { exit::FINDINGS } else { exit::CLEAN });
    if args.exit_zero && status == exit::FINDINGS {
        status = exit::CLEAN;
    }
    let to_stdout = args.output.as_deref().is_none_or(|o| o == Path::new("-"));
    let color = if to_stdout {
        use_color(args.color)
    } else {
        args.color == ColorChoice::Always
    };
    let render = |out: &mut dyn Write| match args.format {
        Format::Json if args.statistics => output::statistics::render_json(&report, out),
        _ if args.statistics => output::statistics::render_text(&report, out),
        Format::Concise => output::concise::render(&report, out),
        Format::Human if color => output::human::render(&report, &mut Ansi::new(out)),
        Format::Human => output::human::render(&report, &mut NoColor::new(out)),
        Format::Json => output::json::render(&report, out),
        Format::Sarif => output::sarif::render(&report, out),
        Format::Github => output::github::render(&report, out),
        Format::Gitlab => output::gitlab::render(&report, out),
        Format::Junit => output::junit::render(&report, out),
    };
    // A SARIF file from a run that could not read its input would tell
    // code scanning that the unread files' alerts were fixed: none is
    // written, and an upload step conditioned on the file skips.
    let unfit = args.format == Format::Sarif && !report.problems.is_empty();
    let written = match &args.output {
        Some(file) if !to_stdout && unfit => {
            eprintln!(
                "note: no SARIF written to {}: files could not be read (below)",
                display(file)
            );
            exit::CLEAN
        }
        Some(file) if !to_stdout => write_output_with(file, Rules::OUTPUT, render),
        _ => print_with(render),
    };
    // People read the summary in the CI log; machine formats keep stdout
    // parseable, so it goes to stderr unless stdout already shows it.
    let for_people = matches!(args.format, Format::Human | Format::Concise | Format::Github)
        || (args.statistics && args.format != Format::Json);
    let summary_shown = to_stdout && for_people;
    if !summary_shown && written == exit::CLEAN {
        // The report names unreadable files too, but a CI log should say why
        // the step failed without opening it.
        if !for_people {
            for problem in report.problems {
                eprintln!(
                    "error: {}: {}",
                    crate::visible::escape(&display(&problem.path)),
                    crate::visible::escape(&problem.message)
                );
            }
        }
        if !args.quiet {
            if let Some(note) = output::fixed_note(&report) {
                eprintln!("note: {note}");
            }
            eprintln!("{}", output::summary_line(&report));
        }
    }
    // The process ends next: freeing every file's tree and finding one by
    // one would take a tenth of a second of one core on a large record,
    // and the operating system takes the memory back at once.
    std::mem::forget(report);
    std::mem::forget(loaded);
    status.max(written)
}

/// The rules `--select` and `--ignore` leave, or `None` for all; an unknown
/// id is a usage error that names the closest one.
fn chosen_rules(select: &[String], ignore: &[String]) -> Result<Option<Vec<Rule>>, String> {
    if select.is_empty() && ignore.is_empty() {
        return Ok(None);
    }
    let parse = |flag: &str, ids: &[String]| -> Result<Vec<Rule>, String> {
        ids.iter()
            .map(|id| id.trim())
            .filter(|id| !id.is_empty())
            .map(|id| {
                Rule::from_id(id).ok_or_else(|| {
                    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
                    let hint = ropa_syntax::suggest::closest(id, &ids)
                        .map(|c| format!(": did you mean `{c}`?"))
                        .unwrap_or_default();
                    format!("{flag} {id}: no rule is called `{id}`{hint} (`ropa rules` lists them)")
                })
            })
            .collect()
    };
    let selected = parse("--select", select)?;
    let ignored = parse("--ignore", ignore)?;
    Ok(Some(
        Rule::ALL
            .iter()
            .copied()
            .filter(|r| selected.is_empty() || selected.contains(r))
            .filter(|r| !ignored.contains(r))
            .collect(),
    ))
}

/// Keeps only the findings of `rules`, with their identities.
fn select(findings: &mut [Vec<Diagnostic>], ids: &mut [Vec<FindingId>], rules: &[Rule]) {
    for (findings, ids) in findings.iter_mut().zip(ids.iter_mut()) {
        let keep: Vec<bool> = findings.iter().map(|f| rules.contains(&f.rule)).collect();
        let mut flags = keep.iter();
        findings.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        ids.retain(|_| flags.next().copied().unwrap_or(true));
    }
}

pub fn severity(fail_on: FailOn) -> Severity {
    match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    }
}

fn exit_status(report: &Report, fail_on: FailOn) -> u8 {
    if !report.problems.is_empty() {
        return exit::TROUBLE;
    }
    let threshold = rank(severity(fail_on));
    let failing = |f: &Diagnostic| rank(f.severity) >= threshold;
    if report.results.iter().any(|(_, findings)| findings.iter().any(failing)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
