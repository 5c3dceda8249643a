//! Prints every fact table's summary, as `ropa explain` would show it:
//! `cargo run -p ropa-law --example describe`.

fn main() {
    for table in ropa_law::FactTable::ALL {
        println!("{}", table.describe());
    }
    println!("Legal facts as of {}", ropa_law::facts_as_of());
}
