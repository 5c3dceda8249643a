//! On x86_64 Linux with musl (the static binary users install), links
//! ropa's own `memcpy`, `memmove` and `memcmp` (native/memory_x86_64.c)
//! ahead of musl's, which are slow for the small blocks ropa copies and
//! compares most: see README.md, "Memory functions on musl".

fn main() {
    println!("cargo:rerun-if-changed=native/memory_x86_64.c");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if arch != "x86_64" || env != "musl" || os != "linux" {
        return;
    }
    cc::Build::new()
        .file("native/memory_x86_64.c")
        .opt_level(2)
        // Without these the compiler may turn the copy loops into calls to
        // memcpy: the function would call itself.
        .flag("-fno-builtin")
        .flag_if_supported("-fno-tree-loop-distribute-patterns")
        .warnings(true)
        .extra_warnings(true)
        .compile("ropa_memory");
}
