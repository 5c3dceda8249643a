//! The importers fed any bytes: the first byte chooses CSV (with or without
//! a given separator) or Fides YAML (split into files at `0xFF`). They
//! never panic, every file they write is KDL that parses without errors
//! (what `ropa import` writes must be a spec a user can open), and what
//! they write grows at most linearly with what they read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ropa_import::{Imported, Options};

fn assert_sound(input_len: usize, imported: &Imported) {
    let mut written = 0;
    for (name, text) in &imported.files {
        assert!(name.ends_with(".ropa.kdl") && !name.contains('/'), "bad file name {name:?}");
        let parse = ropa_kdl::parse(text);
        assert!(parse.errors.is_empty(), "{name} does not parse: {:?}\n{text}", parse.errors);
        written += text.len();
    }
    // Comments, ids and the template cost a fixed amount per row and file.
    let bound = 64 * input_len + 256 * 1024;
    assert!(written <= bound, "{input_len} bytes imported into {written} (bound {bound})");
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let options = Options {
        source_name: "fuzz".to_owned(),
        delimiter: match mode % 4 {
            1 => Some(b';'),
            2 => Some(b'\t'),
            _ => None,
        },
        ..Options::default()
    };
    if mode % 4 == 3 {
        let files: Vec<(String, String)> = rest
            .split(|&b| b == 0xFF)
            .enumerate()
            .map(|(i, part)| (format!("f{i}.yml"), String::from_utf8_lossy(part).into_owned()))
            .collect();
        assert_sound(rest.len(), &ropa_import::fides::import(&files, &options));
    } else {
        let (text, _) = ropa_import::decode(rest);
        assert_sound(rest.len(), &ropa_import::csv::import(&text, &options));
    }
});
