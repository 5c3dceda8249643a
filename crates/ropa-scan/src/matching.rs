//! Evidence against the record: what the code shows that the record does
//! not declare, and what the record declares that the code no longer shows.

use std::collections::BTreeMap;

use ropa_syntax::config::ScanConfig;
use ropa_syntax::model::{Party, PartyKind, SpecFile};
use ropa_syntax::values::{Country, Keyword, Severity, Tracker};

use crate::evidence::{Evidence, Target};
use crate::regions::region;
use crate::registry::{Vendor, vendor, vendors};

/// The scan's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    UndeclaredProcessor,
    UndeclaredTracker,
    RegionOutsideEea,
    ProcessorWithoutEvidence,
    /// A `scan { allow … }` without a reason: it hides nothing.
    AllowWithoutReason,
    /// A `scan { allow … }` that matches no finding (or names no rule).
    UnusedAllow,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::UndeclaredProcessor,
        Rule::UndeclaredTracker,
        Rule::RegionOutsideEea,
        Rule::ProcessorWithoutEvidence,
        Rule::AllowWithoutReason,
        Rule::UnusedAllow,
    ];

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Rule::UndeclaredProcessor => "undeclared-processor",
            Rule::UndeclaredTracker => "undeclared-tracker",
            Rule::RegionOutsideEea => "region-outside-eea",
            Rule::ProcessorWithoutEvidence => "processor-without-evidence",
            Rule::AllowWithoutReason => "allow-without-reason",
            Rule::UnusedAllow => "unused-allow",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::ProcessorWithoutEvidence => Severity::Info,
            _ => Severity::Warning,
        }
    }

    /// What the rule reports, in a line.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::UndeclaredProcessor => {
                "the code sends data to a vendor for which the record declares no processor or recipient"
            }
            Rule::UndeclaredTracker => "a page loads a tracker that no activity declares",
            Rule::RegionOutsideEea => {
                "infrastructure code places resources outside the EEA where the record neither stores data nor declares a transfer"
            }
            Rule::ProcessorWithoutEvidence => "a declared processor of which the repository shows no sign",
            Rule::AllowWithoutReason => "a `scan { allow … }` gives no reason, so the finding it names still counts",
            Rule::UnusedAllow => "a `scan { allow … }` matches no finding of the scan",
        }
    }

    /// The facts the rule reads beyond the vendor registry (whose facts each
    /// carry their own), and where they come from.
    pub fn facts(self) -> Option<(&'static str, &'static ropa_law::Provenance)> {
        match self {
            Rule::RegionOutsideEea => Some(("the cloud regions' countries", &crate::regions::REGIONS_PROVENANCE)),
            _ => None,
        }
    }

    /// The law the rule rests on.
    pub fn article(self) -> &'static str {
        match self {
            Rule::UndeclaredProcessor => "GDPR Art. 30(1)(d) and Art. 28(3)",
            Rule::UndeclaredTracker => "ePrivacy Directive Art. 5(3); GDPR Art. 30(1)",
            Rule::RegionOutsideEea => "GDPR Art. 30(1)(e) and Chapter V (Art. 44-49)",
            Rule::ProcessorWithoutEvidence => "GDPR Art. 5(1)(d) and Art. 30(1)",
            // An accepted finding is an accountability decision: its reason
            // is what shows it was taken.
            Rule::AllowWithoutReason | Rule::UnusedAllow => "GDPR Art. 5(2) (accountability)",
        }
    }

    /// The guidelines and case law that read the law the rule rests on, as
    /// the check's rules cite theirs; empty where the rule is about the
    /// scan's own settings.
    pub fn guidance(self) -> &'static [&'static str] {
        match self {
            Rule::UndeclaredProcessor | Rule::ProcessorWithoutEvidence => &[
                "EDPB Guidelines 07/2020 on the concepts of controller and processor (v2.1, 7 July 2021), part II, section 1.3",
            ],
            Rule::UndeclaredTracker => &[
                "EDPB Guidelines 2/2023 on the technical scope of Art. 5(3) of the ePrivacy Directive (v2.0, 7 October 2024), section 3.1 (URL and pixel tracking)",
                "CJEU C-40/17 Fashion ID (29 July 2019): the website that embeds a third party's plug-in is joint controller for the collection",
            ],
            Rule::RegionOutsideEea => {
                &["EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023)"]
            }
            Rule::AllowWithoutReason | Rule::UnusedAllow => &[],
        }
    }
}

/// One finding, with the evidence it rests on (none for
/// `processor-without-evidence`, which points at the record).
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub message: String,
    /// Where the code shows it: the first occurrence first.
    pub evidence: Vec<Evidence>,
    /// The declared party it is about, for `processor-without-evidence`.
    pub party: Option<String>,
    /// What the finding is about, stable when lines and files move: the
    /// vendor id, tracker id, region code or declared party id (for an
    /// allow, its rule and subject). `scan { allow RULE SUBJECT }` and
    /// baselines match it.
    pub subject: String,
    /// Where in `ropa.kdl` the finding is, for the findings about an
    /// `allow` there.
    pub config_span: Option<ropa_syntax::model::Span>,
    pub help: String,
}

pub(crate) fn findings(evidence: &[Evidence], specs: &[&SpecFile], config: &ScanConfig) -> Vec<Finding> {
    let parties: Vec<&Party> = specs.iter().flat_map(|s| s.all_parties()).collect();
    let mut by_target: BTreeMap<Target, Vec<Evidence>> = BTreeMap::new();
    for e in evidence {
        by_target.entry(e.target).or_default().push(e.clone());
    }
    // A dependency is the strongest evidence, an environment template the
    // weakest: the finding shows the strongest first.
    for seen in by_target.values_mut() {
        seen.sort_by_key(|e| e.source as u8);
    }
    let mut out = Vec::new();
    for (target, seen) in &by_target {
        match *target {
            Target::Vendor(id) => {
                let Some(v) = vendor(id) else { continue };
                if declared_party(v, &parties, config, seen).is_none() {
                    out.push(undeclared_processor(v, seen.clone()));
                }
            }
            Target::Tracker(tracker) => {
                let declared = specs
                    .iter()
                    .flat_map(|s| s.activities.iter())
                    .any(|a| a.trackers.iter().any(|t| t.value == tracker));
                if !declared {
                    out.push(undeclared_tracker(tracker, seen.clone()));
                }
            }
            Target::Region(code) => {
                if let Some(finding) = region_finding(code, seen, specs, &parties, config) {
                    out.push(finding);
                }
            }
            Target::Mapped(index) => {
                let Some(to) = config.maps.get(index).and_then(|m| m.to.as_ref()) else {
                    continue;
                };
                if !parties.iter().any(|p| p.id.value == to.value) {
                    out.push(unknown_mapping(&to.value, seen.clone()));
                }
            }
            Target::Unknown => {}
        }
    }
    out.extend(stale_processors(&by_target, &parties, config));
    out
}

/// The declared party that `vendor` is: mapped in `ropa.kdl` from one of the
/// packages or hosts seen, or named like the vendor in its id, entity or
/// service.
fn declared_party<'a>(
    vendor: &Vendor,
    parties: &[&'a Party],
    config: &ScanConfig,
    seen: &[Evidence],
) -> Option<&'a Party> {
    let mapped: Vec<&str> = config
        .maps
        .iter()
        .filter(|m| {
            let package = m
                .package
                .as_ref()
                .is_some_and(|p| seen.iter().any(|e| e.seen == p.value.as_str()));
            let host = m
                .host
                .as_ref()
                .is_some_and(|h| seen.iter().any(|e| e.seen == h.value.as_str()));
            package || host
        })
        .filter_map(|m| m.to.as_ref().map(|t| t.value.as_str()))
        .collect();
    parties.iter().copied().find(|p| {
        mapped.contains(&p.id.value.as_str())
            || vendor.names_party(
                p.id.value.as_str(),
                p.entity.as_ref().map(|e| e.value.as_str()),
                p.service.as_ref().map(|s| s.value.as_str()),
            )
    })
}

fn where_seen(seen: &[Evidence]) -> String {
    let first = &seen[0];
    let more = match seen.len() {
        1 => String::new(),
        2 => " and 1 more place".to_owned(),
        n => format!(" and {} more places", n - 1),
    };
    format!(
        "{}:{} ({} `{}`){more}",
        first.path,
        first.line,
        first.source.label(),
        first.seen
    )
}

fn undeclared_processor(v: &Vendor, seen: Vec<Evidence>) -> Finding {
    let role = v
        .role
        .map_or("its role is not confirmed in the registry".to_owned(), |r| {
            format!("registry: {}", r.value.label())
        });
    let entity = v.eea_entity.map_or("LEGAL ENTITY", |e| e.value);
    let residency = v
        .eu_residency
        .map(|r| format!(" EU data residency at {}: {}.", v.name, r.value))
        .unwrap_or_default();
    Finding {
        rule: Rule::UndeclaredProcessor,
        message: format!(
            "The code sends data to {} ({role}), but the record declares no processor or recipient for it: seen at {}",
            v.name,
            where_seen(&seen)
        ),
        help: format!(
            "If personal data reaches {}, declare it and name it in the activities that use it:\n    processor {} \"{entity}\" {{\n        service \"WHAT {} DOES FOR YOU\"\n        stored-in COUNTRY\n        dpa \"DPA REFERENCE\"\n    }}\n  The placeholders keep the record's own findings open until filled in.{residency} If the package belongs to a party declared under another name, map it in ropa.kdl: scan {{ map package=\"{}\" to=ID }}. `ropa explain {}` shows what the registry knows of it, with sources. If no personal data reaches it, accept the finding in ropa.kdl: scan {{ allow undeclared-processor {} reason=\"REASON\" }}.",
            v.name,
            v.id,
            v.name.to_ascii_uppercase(),
            seen[0].seen,
            v.id,
            v.id
        ),
        evidence: seen,
        party: None,
        subject: v.id.to_owned(),
        config_span: None,
    }
}

fn unknown_mapping(to: &str, seen: Vec<Evidence>) -> Finding {
    Finding {
        rule: Rule::UndeclaredProcessor,
        message: format!(
            "ropa.kdl maps `{}` to `{to}`, but the record declares no processor, recipient or system `{to}`: seen at {}",
            seen[0].seen,
            where_seen(&seen)
        ),
        help: format!(
            "Declare it:\n    processor {to} \"LEGAL ENTITY\" {{\n        service \"WHAT IT DOES FOR YOU\"\n        stored-in COUNTRY\n    }}\n  or correct the id in the map."
        ),
        evidence: seen,
        party: None,
        subject: to.to_owned(),
        config_span: None,
    }
}

fn undeclared_tracker(tracker: Tracker, seen: Vec<Evidence>) -> Finding {
    let facts = ropa_law::tracker_facts(tracker);
    let joint = if facts.joint_controller {
        format!(
            " The vendor's terms make it a joint controller for the collection: declare the joint-controller ({}) and its arrangement too.",
            facts.eea_entity.or(facts.vendor).unwrap_or("the vendor")
        )
    } else {
        String::new()
    };
    Finding {
        rule: Rule::UndeclaredTracker,
        message: format!(
            "A page loads {}, which stores or reads information on the visitor's device and needs consent (ePrivacy Art. 5(3)), but no activity declares it: seen at {}",
            facts.name,
            where_seen(&seen)
        ),
        help: format!(
            "Name it in the activity it serves, with its consent:\n    activity ID {{\n        trackers {}\n        basis consent withdrawal=\"HOW VISITORS WITHDRAW\" records=\"WHERE CONSENT IS RECORDED\"\n    }}\n {joint}",
            tracker.as_str()
        ),
        evidence: seen,
        party: None,
        subject: tracker.as_str().to_owned(),
        config_span: None,
    }
}

fn region_finding(
    code: &'static str,
    seen: &[Evidence],
    specs: &[&SpecFile],
    parties: &[&Party],
    config: &ScanConfig,
) -> Option<Finding> {
    let r = region(code)?;
    let country = Country::parse(r.country)?;
    if ropa_law::is_eea(country) {
        return None;
    }
    let cloud = vendor(r.cloud)?;
    let party = declared_party(cloud, parties, config, &[]);
    let located = party.is_some_and(|p| p.locations().any(|c| c.value == country));
    let transferred = specs
        .iter()
        .flat_map(|s| s.activities.iter())
        .flat_map(|a| a.transfers.iter())
        .any(|t| {
            t.country.as_ref().is_some_and(|c| c.value == country)
                && party.is_none_or(|p| t.to.as_ref().is_some_and(|to| to.value == p.id.value))
        });
    if located || transferred {
        return None;
    }
    let id = party.map_or(cloud.id, |p| p.id.value.as_str());
    Some(Finding {
        rule: Rule::RegionOutsideEea,
        message: format!(
            "Infrastructure code places resources in {} {code} ({}, outside the EEA), but the record neither stores data there nor declares a transfer there: seen at {}",
            cloud.name,
            country.name(),
            where_seen(seen)
        ),
        help: format!(
            "If personal data is stored in this region, add the country to the processor and declare the transfer:\n    processor {id} {{ stored-in {} }}\n    transfer {} to={id} mechanism=MECHANISM\n  If only data that is not personal lives there, accept the finding in ropa.kdl: scan {{ allow region-outside-eea {code} reason=\"REASON\" }}.",
            r.country, r.country
        ),
        evidence: seen.to_vec(),
        party: None,
        subject: code.to_owned(),
        config_span: None,
    })
}

/// Declared processors the registry (or a mapping) knows, for which the code
/// shows nothing: maybe removed, and the record may be stale.
fn stale_processors(
    by_target: &BTreeMap<Target, Vec<Evidence>>,
    parties: &[&Party],
    config: &ScanConfig,
) -> Vec<Finding> {
    let seen_vendors: Vec<&str> = by_target
        .keys()
        .filter_map(|t| match t {
            Target::Vendor(id) => Some(*id),
            Target::Region(code) => region(code).map(|r| r.cloud),
            Target::Tracker(_) | Target::Mapped(_) | Target::Unknown => None,
        })
        .collect();
    let mut out = Vec::new();
    for party in parties.iter().filter(|p| p.kind == PartyKind::Processor) {
        let known = vendors()
            .iter()
            .find(|v| declared_party(v, &[*party], &ScanConfig::default(), &[]).is_some());
        let mapped_and_seen = config.maps.iter().any(|m| {
            m.to.as_ref().is_some_and(|t| t.value == party.id.value)
                && by_target
                    .iter()
                    .filter(|(t, _)| **t != Target::Unknown)
                    .flat_map(|(_, e)| e)
                    .any(|e| {
                        m.package.as_ref().is_some_and(|p| p.value == e.seen.as_str())
                            || m.host.as_ref().is_some_and(|h| h.value == e.seen.as_str())
                    })
        });
        let is_mapped = config
            .maps
            .iter()
            .any(|m| m.to.as_ref().is_some_and(|t| t.value == party.id.value));
        // Only a processor the scan could recognise can be missing: one the
        // registry knows, or one the workspace maps packages to.
        let expected = match known {
            Some(v) => !seen_vendors.contains(&v.id),
            None => is_mapped,
        };
        if !expected || mapped_and_seen {
            continue;
        }
        let what = known.map_or_else(|| "mapped in ropa.kdl".to_owned(), |v| v.name.to_owned());
        out.push(Finding {
            rule: Rule::ProcessorWithoutEvidence,
            message: format!(
                "The record declares the processor {} ({what}), but the repository shows no sign of it: no package, script host, endpoint or region",
                party.id.value
            ),
            help: format!("If the service is no longer used, remove it from the activities (and the record) once its data is deleted or returned; if it is used outside this repository (another service, a dashboard), accept the finding in ropa.kdl: scan {{ allow processor-without-evidence {} reason=\"REASON\" }}.",
                party.id.value
            ),
            evidence: Vec::new(),
            party: Some(party.id.value.to_string()),
            subject: party.id.value.to_string(),
            config_span: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Rule;

    /// Legal content is cited: every rule names its law, and every rule
    /// about the record (not the scan's own settings) a guideline.
    #[test]
    fn every_rule_cites_its_law_and_the_record_rules_a_guideline() {
        for rule in Rule::ALL {
            assert!(!rule.article().is_empty(), "{}", rule.id());
            let about_settings = matches!(rule, Rule::AllowWithoutReason | Rule::UnusedAllow);
            assert_eq!(rule.guidance().is_empty(), about_settings, "{}", rule.id());
        }
    }
}
