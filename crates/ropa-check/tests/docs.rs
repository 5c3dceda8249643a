//! docs/rules.md is generated from the catalogue and must not go stale.
//! Regenerate with `ROPA_UPDATE_DOCS=1 cargo test -p ropa-check --test docs`.

#[test]
fn rule_reference_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let generated = ropa_check::docs::rules_markdown();
    if std::env::var_os("ROPA_UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).expect("write docs/rules.md");
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `ROPA_UPDATE_DOCS=1 cargo test -p ropa-check --test docs` and commit it"
    );
}
