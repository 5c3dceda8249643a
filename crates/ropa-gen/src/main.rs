//! `ropa-gen --activities N --files M --out DIR`: writes a synthetic
//! workspace for benchmarks.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut params = ropa_gen::Params {
        activities: 1_000,
        files: 20,
        seed: 1,
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--activities" => params.activities = value().parse().unwrap_or(params.activities),
            "--files" => params.files = value().parse().unwrap_or(params.files),
            "--seed" => params.seed = value().parse().unwrap_or(params.seed),
            "--out" => out = Some(std::path::PathBuf::from(value())),
            "-h" | "--help" => {
                println!("usage: ropa-gen --activities N --files M [--seed S] --out DIR");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unknown argument `{other}` (see --help)");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("error: give the folder to write with --out DIR");
        return ExitCode::from(2);
    };
    if let Err(err) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {err}", out.display());
        return ExitCode::from(2);
    }
    let files = ropa_gen::workspace(params);
    for (name, text) in &files {
        if let Err(err) = std::fs::write(out.join(name), text) {
            eprintln!("error: cannot write {name}: {err}");
            return ExitCode::from(2);
        }
    }
    println!(
        "wrote {} activities in {} files ({:.1} MB) to {}",
        params.activities,
        files.len(),
        ropa_gen::size(&files) as f64 / 1e6,
        out.display()
    );
    ExitCode::SUCCESS
}
