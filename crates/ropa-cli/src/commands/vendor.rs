//! `ropa explain VENDOR`: a vendor of `ropa scan`'s registry and its facts,
//! each with its source, and the facts no source confirmed said to be open.

use ropa_scan::registry::{Fact, Vendor, vendor};
use serde_json::{Value, json};

use super::print;
use super::rules::{ExplainArgs, ListFormat};

/// The vendor's facts when `args.rule` names a vendor of the registry (by
/// id, any case); `None` otherwise, for the rule catalogue to answer.
pub fn explain(args: &ExplainArgs) -> Option<u8> {
    let v = vendor(&args.rule.to_ascii_lowercase())?;
    Some(match args.format {
        ListFormat::Json => print((serde_json::to_string_pretty(&to_json(v)).unwrap_or_default() + "\n").as_bytes()),
        ListFormat::Text | ListFormat::Markdown => print(v.describe().as_bytes()),
    })
}

fn fact<T>(fact: Option<Fact<T>>, value: impl Fn(T) -> Value) -> Value {
    match fact {
        Some(f) => json!({ "value": value(f.value), "source": f.source + 1 }),
        None => Value::Null,
    }
}

fn to_json(v: &Vendor) -> Value {
    json!({
        "id": v.id,
        "name": v.name,
        "packages": v.packages,
        "hosts": v.hosts,
        "eea_entity": fact(v.eea_entity, |s| json!(s)),
        "country": fact(v.country, |s| json!(s)),
        "parent_country": fact(v.parent_country, |s| json!(s)),
        "role": fact(v.role, |r| json!(r.label())),
        "eu_residency": fact(v.eu_residency, |s| json!(s)),
        "dpf": fact(v.dpf, |d| json!(d.label())),
        "as_of": v.provenance.as_of,
        "confidence": v.provenance.confidence.label(),
        "note": v.provenance.note,
        "sources": v.provenance.sources.iter().map(|s| json!({ "title": s.title, "url": s.url })).collect::<Vec<_>>(),
    })
}
