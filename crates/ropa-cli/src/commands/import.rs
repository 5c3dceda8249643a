//! `ropa import csv` and `ropa import fides`: read the input, hand it to
//! `ropa-import`, and write the specs into a workspace, creating one when
//! the folder has none. Nothing is overwritten without `--force`, nothing
//! is written when any file would be, and every file is written atomically.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ropa_import::{Imported, Options};

use super::fail;
use super::scaffold::{ORGANIZATION_FILE, config_file, next_steps, organization, organization_file};
use crate::discover::{CONFIG_FILE, find_root, walk};
use crate::load::{MAX_FILE_BYTES, display, read_text};
use crate::write::{Rules, write_atomically};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A RoPA spreadsheet saved as CSV: one activity per row (headers in English, Swedish, Danish or Norwegian)
    Csv(CsvArgs),
    /// Fides system and dataset manifests (YAML): one activity per privacy declaration
    Fides(FidesArgs),
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    /// The CSV file (as Excel, Numbers or Google Sheets save it)
    pub file: PathBuf,
    /// The field separator: `,` `;` `|` or `tab` [default: detected]
    #[arg(long, value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FidesArgs {
    /// A folder of Fides manifests (*.yml, *.yaml), or one manifest
    pub dir: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// The workspace folder to write into (created, with ropa.kdl and an organization, when it is not a workspace yet)
    #[arg(short, long, default_value = "imported")]
    pub output: PathBuf,
    /// For a new workspace: the organization's legal name
    #[arg(long)]
    pub name: Option<String>,
    /// For a new workspace: its country (ISO code or name)
    #[arg(long)]
    pub country: Option<String>,
    /// Overwrite files that exist
    #[arg(long)]
    pub force: bool,
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => match text.as_bytes() {
            [b] if b.is_ascii_punctuation() || *b == b' ' => Ok(*b),
            _ => Err("one ASCII character such as , ; | or the word tab".to_owned()),
        },
    }
}

pub fn run(command: &ImportCommand) -> u8 {
    match command {
        ImportCommand::Csv(args) => csv(args),
        ImportCommand::Fides(args) => fides(args),
    }
}

fn csv(args: &CsvArgs) -> u8 {
    let bytes = match read_bytes(&args.file) {
        Ok(bytes) => bytes,
        Err(message) => return fail(&format!("{}: {message}", display(&args.file))),
    };
    let (text, encoding) = ropa_import::decode(&bytes);
    let source = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display(&args.file));
    write(&args.output, "csv", |reserved| {
        let mut imported = ropa_import::csv::import(
            &text,
            &Options {
                source_name: source.clone(),
                delimiter: args.delimiter,
                reserved_ids: reserved,
            },
        );
        if encoding != "UTF-8" {
            imported
                .summary
                .notes
                .insert(0, format!("read as {encoding} (the file is not UTF-8)"));
        }
        imported
    })
}

fn fides(args: &FidesArgs) -> u8 {
    let mut paths = Vec::new();
    if args.dir.is_dir() {
        collect_yaml(&args.dir, &mut paths, 0);
    } else if args.dir.exists() {
        paths.push(args.dir.clone());
    } else {
        return fail(&format!("{}: no such file or folder", display(&args.dir)));
    }
    paths.sort();
    if paths.is_empty() {
        return fail(&format!(
            "no Fides manifests in {}: manifests are YAML files (*.yml, *.yaml) with `system:` or `dataset:`",
            display(&args.dir)
        ));
    }
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in &paths {
        match read_text(path) {
            Ok(text) => files.push((display(path), text)),
            Err(message) => unreadable.push(format!("{}: not read: {message}", display(path))),
        }
    }
    let source = format!("{}/", display(&args.dir).trim_end_matches('/'));
    write(&args.output, "fides", |reserved| {
        let mut imported = ropa_import::fides::import(
            &files,
            &Options {
                source_name: source.clone(),
                reserved_ids: reserved,
                ..Options::default()
            },
        );
        imported.summary.notes.extend(unreadable.iter().cloned());
        imported
    })
}

/// YAML files below a folder, hidden folders skipped, links to folders not
/// followed (as `ropa check` walks).
fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if !name.starts_with('.') && name != "node_modules" && name != "target" {
                collect_yaml(&path, out, depth + 1);
            }
        } else if name.ends_with(".yml") || name.ends_with(".yaml") {
            out.push(path);
        }
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| crate::discover::describe_io(&e))?;
    if meta.is_dir() {
        return Err("is a folder; give the CSV file".to_owned());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is too large ({} MB; ropa imports files up to {} MB)",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    std::fs::read(path).map_err(|e| crate::discover::describe_io(&e))
}

/// Ids declared in the spec files of the workspace at `root`.
fn declared_ids(root: &Path) -> BTreeSet<String> {
    let (mut specs, mut configs, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    walk(root, &mut specs, &mut configs, &mut problems);
    let mut ids = BTreeSet::new();
    for path in specs {
        let Ok(text) = read_text(&path) else { continue };
        let model = ropa_syntax::parse_spec(&text).model;
        ids.extend(model.data.iter().map(|d| d.id.value.to_string()));
        ids.extend(model.subjects.iter().map(|s| s.id.value.to_string()));
        ids.extend(model.all_parties().iter().map(|p| p.id.value.to_string()));
        ids.extend(model.activities.iter().map(|a| a.id.value.to_string()));
    }
    ids
}

fn write(output: &OutputArgs, kind: &str, import: impl FnOnce(BTreeSet<String>) -> Imported) -> u8 {
    let dir = &output.output;
    if dir.exists() && !dir.is_dir() {
        return fail(&format!(
            "{}: not a folder; nothing was written. -o names the workspace folder to write the specs into",
            display(dir)
        ));
    }
    let root = if dir.exists() { find_root(dir) } else { None };
    let new_workspace = root.is_none();
    let reserved = root.as_deref().map(declared_ids).unwrap_or_default();
    let imported = import(reserved);
    let unread: Vec<&str> = imported
        .summary
        .notes
        .iter()
        .filter(|n| n.contains(": not read: "))
        .map(String::as_str)
        .collect();
    if imported.files.is_empty() && !unread.is_empty() {
        // Nothing could be read: an empty workspace and exit code 0 would
        // pass for an import.
        return fail(&format!("nothing was imported, nothing written: {}", unread.join("; ")));
    }

    let mut files: Vec<(PathBuf, String)> = imported
        .files
        .iter()
        .map(|(name, text)| (dir.join(name), text.clone()))
        .collect();
    let mut placeholder = false;
    if let Some(Err(message)) = output.country.as_deref().map(super::scaffold::parse_country) {
        return fail(&message);
    }
    if new_workspace {
        let hint = imported.organization.as_ref();
        let name = output
            .name
            .clone()
            .or_else(|| hint.map(|h| h.name.clone()).filter(|n| !n.is_empty()));
        let (name, country) = match organization(name.as_deref(), output.country.as_deref(), &format!("import {kind}"))
        {
            Ok((name, country)) => (name, Some(country)),
            Err(_) if output.country.is_none() || name.is_none() => {
                // Importing should not fail for want of a name: the
                // organization is written as a placeholder and ropa check
                // says what is missing.
                placeholder = true;
                (
                    name.unwrap_or_else(|| "Your organization".to_owned()),
                    output
                        .country
                        .as_deref()
                        .and_then(|c| super::scaffold::parse_country(c).ok()),
                )
            }
            Err(message) => return fail(&message),
        };
        files.push((dir.join(CONFIG_FILE), config_file(&name, dir)));
        let organization_text = match country {
            Some(country) => organization_file(&name, country, hint, dir),
            None => placeholder_organization(&name, dir),
        };
        files.push((dir.join(ORGANIZATION_FILE), organization_text));
    }
    // The new workspace's own files keep their names; an imported file
    // named like one of them (`organization.csv`) is renamed, never written
    // over it.
    let imported_count = imported.files.len();
    files.rotate_left(imported_count);
    distinct_names(&mut files);
    files.rotate_right(imported_count);
    if !output.force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(p, _)| p.exists())
            .map(|(p, _)| display(p))
            .collect();
        if !existing.is_empty() {
            return fail(&format!(
                "{} already exist{}; nothing was written. Pass --force to overwrite, or choose another folder with -o",
                existing.join(", "),
                if existing.len() == 1 { "s" } else { "" }
            ));
        }
    }
    if let Err(err) = std::fs::create_dir_all(dir) {
        return fail(&format!("cannot create {}: {err}", display(dir)));
    }
    for (path, text) in &files {
        if let Err(message) = write_atomically(path, text, Rules::spec(output.force)) {
            return fail(&format!("{}: {message}", display(path)));
        }
    }
    let mut out = String::from("Wrote:\n");
    for (path, _) in &files {
        out.push_str(&format!("  {}\n", display(path)));
    }
    out.push('\n');
    out.push_str(&imported.summary.render(20));
    if placeholder {
        out.push_str(&format!(
            "\nNote: no --name/--country given: {} names a placeholder organization; put in yours.\n",
            display(&dir.join(ORGANIZATION_FILE))
        ));
    }
    if new_workspace {
        out.push_str(&next_steps(dir, &dir.join(ORGANIZATION_FILE), false));
    } else {
        out.push_str(&format!(
            "\nNext: run `ropa check {}` and review the findings.\n",
            display(dir)
        ));
    }
    super::print(out.as_bytes())
}

/// Renames later files whose path equals an earlier one's (ignoring case,
/// as macOS and Windows do): `x.ropa.kdl` becomes `x-imported.ropa.kdl`,
/// then `x-imported-2.ropa.kdl`, and so on.
fn distinct_names(files: &mut [(PathBuf, String)]) {
    let mut taken = BTreeSet::new();
    for (path, _) in files.iter_mut() {
        let key = |p: &Path| p.to_string_lossy().to_lowercase();
        if !taken.contains(&key(path)) {
            taken.insert(key(path));
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name
            .strip_suffix(crate::discover::SPEC_SUFFIX)
            .unwrap_or(&name)
            .to_owned();
        let mut n = 1;
        let renamed = loop {
            let suffix = if n == 1 {
                "-imported".to_owned()
            } else {
                format!("-imported-{n}")
            };
            let candidate = path.with_file_name(format!("{stem}{suffix}{}", crate::discover::SPEC_SUFFIX));
            if !taken.contains(&key(&candidate)) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(key(&renamed));
        *path = renamed;
    }
}

fn placeholder_organization(name: &str, dir: &Path) -> String {
    format!(
        "// The organization whose record this is. Put in its legal name and its\n\
         // country (`country SE`): ropa needs the country to know which national\n\
         // law and authority apply. Then run `ropa check {}`.\n\
         organization {} {{\n\
         }}\n",
        display(dir),
        ropa_import::emit::quote(name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert!(parse_delimiter("ab").is_err());
        assert!(parse_delimiter("å").is_err());
    }

    #[test]
    fn files_named_alike_are_renamed_not_written_twice() {
        let mut files = vec![
            (PathBuf::from("w/organization.ropa.kdl"), "template".to_owned()),
            (PathBuf::from("w/Organization.ropa.kdl"), "a".to_owned()),
            (PathBuf::from("w/organization.ropa.kdl"), "b".to_owned()),
        ];
        distinct_names(&mut files);
        let names: Vec<_> = files.iter().map(|(p, _)| p.to_string_lossy().into_owned()).collect();
        assert_eq!(
            names,
            [
                "w/organization.ropa.kdl",
                "w/Organization-imported.ropa.kdl",
                "w/organization-imported-2.ropa.kdl"
            ]
        );
    }
}
