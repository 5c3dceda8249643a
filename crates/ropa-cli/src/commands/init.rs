//! `ropa init`: a new workspace that passes `ropa check` with only the
//! findings a new record honestly has (no contact, no security measures, no
//! breach or rights procedure yet), and commented examples of everything
//! else, each saying what it is for.

use std::path::{Path, PathBuf};

use clap::Args;

use super::fail;
use super::scaffold::{ORGANIZATION_FILE, config_file, next_steps, organization, organization_file};
use crate::discover::{CONFIG_FILE, find_root};
use crate::load::display;
use crate::write::{Rules, write_atomically};

pub const HELP: &str = "\
In a terminal, ropa asks for the organization's name and country; elsewhere
(scripts, CI) give them with --name and --country. Existing files are never
overwritten without --force.

Then edit organization.ropa.kdl and run `ropa check DIR`.";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the workspace (created if missing) [default: .]
    pub dir: Option<PathBuf>,
    /// The organization's legal name, such as "Exempel AB"
    #[arg(long)]
    pub name: Option<String>,
    /// Its country of establishment: an ISO code (SE, DK, NO) or a name (Sweden, Sverige)
    #[arg(long)]
    pub country: Option<String>,
    /// Overwrite ropa.kdl and organization.ropa.kdl if they exist
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &InitArgs) -> u8 {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let targets = [dir.join(CONFIG_FILE), dir.join(ORGANIZATION_FILE)];
    if !args.force {
        let existing: Vec<String> = targets.iter().filter(|p| p.exists()).map(|p| display(p)).collect();
        if !existing.is_empty() {
            return fail(&format!(
                "{} already exist{}: {} is already a ropa workspace; run `ropa check {}`, or pass --force to start over",
                existing.join(" and "),
                if existing.len() == 1 { "s" } else { "" },
                display(&dir),
                display(&dir),
            ));
        }
    }
    let (name, country) = match organization(args.name.as_deref(), args.country.as_deref(), "init") {
        Ok(answer) => answer,
        Err(message) => return fail(&message),
    };
    let outer = std::path::absolute(&dir)
        .ok()
        .and_then(|abs| abs.parent().map(Path::to_path_buf))
        .and_then(|parent| find_root(&parent));
    if let Err(err) = std::fs::create_dir_all(&dir) {
        return fail(&format!("cannot create {}: {err}", display(&dir)));
    }
    let files = [
        (targets[0].clone(), config_file(&name, &dir)),
        (targets[1].clone(), organization_file(&name, country, None, &dir)),
    ];
    for (path, text) in &files {
        if let Err(message) = write_atomically(path, text, Rules::spec(args.force)) {
            return fail(&format!("{}: {message}", display(path)));
        }
    }
    let mut out = format!(
        "Created a ropa workspace for {name} ({}) in {}:\n",
        country.code(),
        display(&dir)
    );
    out.push_str(&format!(
        "  {:<40} the workspace file (rule settings)\n",
        display(&files[0].0)
    ));
    out.push_str(&format!(
        "  {:<40} your organization, with commented examples\n",
        display(&files[1].0)
    ));
    if outer.is_some() {
        out.push_str(&format!(
            "\nNote: {} is inside another workspace; it is now a workspace of its own.\n",
            display(&dir)
        ));
    }
    out.push_str(&next_steps(&dir, &files[1].0, true));
    super::print(out.as_bytes())
}
