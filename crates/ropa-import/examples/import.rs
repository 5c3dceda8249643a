//! `cargo run -p ropa-import --example import -- FILE.csv`: prints the spec
//! and the summary, for trying the importer without the CLI.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: import FILE.csv");
        return;
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{path}: {err}");
            return;
        }
    };
    let (text, encoding) = ropa_import::decode(&bytes);
    let options = ropa_import::Options {
        source_name: path.rsplit('/').next().unwrap_or(&path).to_owned(),
        ..Default::default()
    };
    let imported = ropa_import::csv::import(&text, &options);
    for (name, spec) in &imported.files {
        println!("==> {name} ({encoding})\n{spec}");
    }
    println!("{}", imported.summary.render(20));
}
