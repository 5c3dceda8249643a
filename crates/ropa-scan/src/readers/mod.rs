//! Readers: each takes one file's path and text and returns what it saw.
//! Which reader reads a file is decided by its name alone.

mod env;
mod jvm;
mod manifests;
mod pages;
mod terraform;
mod yaml;

use crate::evidence::Evidence;

/// Whether any reader reads a file of this name: the CLI reads only these.
pub fn reads(path: &str) -> bool {
    reader(path).is_some()
}

/// The evidence in one file.
pub fn read(path: &str, text: &str) -> Vec<Evidence> {
    match reader(path) {
        Some(read) => read(path, text),
        None => Vec::new(),
    }
}

type Reader = fn(&str, &str) -> Vec<Evidence>;

fn reader(path: &str) -> Option<Reader> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    Some(match name {
        "package.json" => manifests::package_json,
        "package-lock.json" => manifests::package_lock,
        "pyproject.toml" => manifests::pyproject,
        "go.mod" => manifests::go_mod,
        "Cargo.toml" => manifests::cargo_toml,
        "Gemfile" => manifests::gemfile,
        "composer.json" => manifests::composer_json,
        "pom.xml" => jvm::pom_xml,
        "build.gradle" | "build.gradle.kts" => jvm::build_gradle,
        "libs.versions.toml" => jvm::version_catalog,
        ".env.example" | ".env.sample" | ".env.template" | ".env.dist" => env::read,
        _ if name.starts_with("requirements") && name.ends_with(".txt") => manifests::requirements,
        _ => match ext.as_deref()? {
            "html" | "htm" | "jsx" | "tsx" | "vue" | "php" | "svelte" | "astro" | "erb" | "twig" | "hbs" | "ejs"
            | "njk" | "liquid" => pages::read,
            "tf" => terraform::read,
            "yaml" | "yml" => yaml::read,
            _ => return None,
        },
    })
}
