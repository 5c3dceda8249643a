//! Fides manifests (YAML) → spec files.
//!
//! A Fides `system` is an application or a vendor; each of its privacy
//! declarations says what data about whom it uses for which data use. In
//! ropa, a privacy declaration is an activity; a third-party system (one
//! with a `vendor_id`, or a `system_type` naming a vendor or third party)
//! is also a processor the activity uses. Data categories and subjects
//! become `data` and `subjects` declarations whose ids are the Fides keys
//! (`user.contact.email` → `user-contact-email`). Datasets say where data
//! categories are stored; they add `data` declarations and comments.
//! Fields with no counterpart (egress and ingress flows, cookies, dataset
//! fields, …) are kept as comments and listed in the summary.

pub mod taxonomy;
pub mod yaml;

use ropa_syntax::names::{node, prop};
use std::collections::{BTreeMap, HashMap};

use ropa_syntax::values::{Country, DpiaCriterion, Keyword, LegalBasis, Mechanism, RoleKind, TrackingPurpose};

use self::taxonomy::Sensitivity;
use self::yaml::{Value as YamlValue, Yaml};
use crate::durations::{Retention, RunsFrom, parse_retention};
use crate::emit::{Item, Node, Value, render};
use crate::ids::{Ids, slug};
use crate::{Imported, Kept, Options, OrganizationHint, Summary};

/// System fields that map to something in the spec.
const SYSTEM_MAPPED: &[&str] = &[
    "fides_key",
    "name",
    "description",
    "system_type",
    "privacy_declarations",
    "responsibility",
    "data_responsibility_title",
    "third_country_transfers",
    "legal_basis_for_transfers",
    "does_international_transfers",
    "requires_data_protection_assessments",
    "data_protection_impact_assessment",
    "dpa_location",
    "uses_profiling",
    "uses_cookies",
    "uses_non_cookie_access",
    "joint_controller_info",
    "data_security_practices",
    "legal_name",
    "vendor_id",
    "processes_personal_data",
    "dpa_progress",
];

/// Privacy declaration fields that map to something in the spec.
const DECLARATION_MAPPED: &[&str] = &[
    "name",
    "data_categories",
    "data_use",
    "data_subjects",
    "legal_basis_for_processing",
    "impact_assessment_location",
    "retention_period",
    "special_category_legal_basis",
    "processes_special_category_data",
    "egress",
    "cookies",
];

/// A system with where it was read.
struct System<'a> {
    yaml: &'a Yaml,
    file: &'a str,
    key: String,
}

/// What every activity of one system shares.
struct Shared<'a> {
    name: &'a str,
    /// The system's processor, when it is a vendor's.
    processor_id: Option<&'a str>,
    role: Option<Node>,
    transfers: Vec<Item>,
    dpia: Option<Item>,
    security: Option<String>,
    /// Cookies or other device access.
    device_storage: bool,
    profiling: bool,
}

/// Custom taxonomy entries: key → (name, description).
#[derive(Default)]
struct Taxonomy {
    data_categories: HashMap<String, (Option<String>, Option<String>)>,
    data_uses: HashMap<String, (Option<String>, Option<String>)>,
    data_subjects: HashMap<String, (Option<String>, Option<String>)>,
}

/// Imports the manifests, given as (path, text) pairs. Never fails: a file
/// that is not YAML, or not a manifest, is named in the summary.
pub fn import(files: &[(String, String)], options: &Options) -> Imported {
    let source = if options.source_name.is_empty() {
        "the Fides manifests".to_owned()
    } else {
        options.source_name.clone()
    };
    let mut summary = Summary::default();
    let mut parsed: Vec<(&str, Vec<Yaml>)> = Vec::new();
    for (path, text) in files {
        match yaml::parse(text) {
            Ok(docs) => parsed.push((path.as_str(), docs)),
            Err(message) => summary.notes.push(format!("{path}: not read: {message}")),
        }
    }

    let mut systems: Vec<System> = Vec::new();
    let mut datasets: Vec<(&Yaml, &str)> = Vec::new();
    let mut taxonomy = Taxonomy::default();
    let mut organization: Option<OrganizationHint> = None;
    for (path, docs) in &parsed {
        for doc in docs {
            for (kind, value) in doc.entries() {
                let items: &[Yaml] = match &value.value {
                    YamlValue::List(items) => items,
                    _ => std::slice::from_ref(value),
                };
                match kind.as_str() {
                    "system" => systems.extend(items.iter().map(|yaml| System {
                        yaml,
                        file: path,
                        key: yaml.str("fides_key").unwrap_or("system").to_owned(),
                    })),
                    "dataset" => datasets.extend(items.iter().map(|y| (y, *path))),
                    "data_category" | "data_use" | "data_subject" => {
                        let table = match kind.as_str() {
                            "data_category" => &mut taxonomy.data_categories,
                            "data_use" => &mut taxonomy.data_uses,
                            _ => &mut taxonomy.data_subjects,
                        };
                        for item in items {
                            if let Some(key) = item.str("fides_key") {
                                table.insert(
                                    key.to_owned(),
                                    (
                                        item.str("name").map(str::to_owned),
                                        item.str("description").map(str::to_owned),
                                    ),
                                );
                            }
                        }
                    }
                    "organization" => {
                        if let Some(org) = items.first() {
                            organization = Some(organization_hint(org));
                        }
                        for org in items {
                            summary.kept.push(Kept {
                                place: format!("{path}:{}, organization", org.line),
                                text: "used for the organization of a new workspace only".to_owned(),
                            });
                        }
                    }
                    other => summary.kept.push(Kept {
                        place: format!("{path}:{}", value.line),
                        text: format!("`{other}` manifests have no counterpart in ropa"),
                    }),
                }
            }
        }
    }

    let mut builder = Builder {
        source,
        ids: Ids::new(&options.reserved_ids),
        taxonomy,
        summary,
        data: BTreeMap::new(),
        data_order: Vec::new(),
        subjects: Vec::new(),
        dataset_paths: HashMap::new(),
    };
    for (dataset, path) in &datasets {
        builder.dataset(dataset, path);
    }
    // Systems that are processors get their ids first: declarations of
    // other systems may send data to them (egress).
    let mut processors: HashMap<String, String> = HashMap::new();
    for system in &systems {
        if is_third_party(system.yaml) && system.yaml.bool("processes_personal_data") != Some(false) {
            let id = builder.ids.claim(&system.key);
            processors.insert(system.key.clone(), id);
        }
    }
    let mut files = Vec::new();
    let mut declarations = 0;
    let mut activities = 0;
    for system in &systems {
        let (name, items, n_declarations, n_activities) = builder.system(system, &processors);
        declarations += n_declarations;
        activities += n_activities;
        files.push((name, items));
    }
    let mut summary = std::mem::take(&mut builder.summary);
    summary.read = vec![
        ("files", parsed.len()),
        ("systems", systems.len()),
        ("privacy declarations", declarations),
        ("datasets", datasets.len()),
    ];
    let declarations_file = builder.declarations_file();
    summary.written = vec![
        ("activities", activities),
        ("processors", processors.len()),
        ("data categories", builder.data.len()),
        ("subject categories", builder.subjects.len()),
    ];
    if !processors.is_empty() {
        summary.notes.push(
            "third-party systems are imported as processors; Fides records no data processing agreement, so add `dpa` to each (Art. 28(3))"
                .to_owned(),
        );
    }
    let mut out = Vec::new();
    if let Some(text) = declarations_file {
        out.push(("fides-data.ropa.kdl".to_owned(), text));
    }
    let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (name, items) in files {
        let mut file = format!("fides-{}.ropa.kdl", if name.is_empty() { "system" } else { &name });
        let mut n = 2;
        while names.contains(&file) {
            file = format!("fides-{name}-{n}.ropa.kdl");
            n += 1;
        }
        names.insert(file.clone());
        out.push((file, render(&items)));
    }
    Imported {
        files: out,
        summary,
        organization,
    }
}

/// Whether a system is another company's: it has a vendor, or its type
/// says so.
fn is_third_party(system: &Yaml) -> bool {
    if system.str("vendor_id").is_some() {
        return true;
    }
    let kind = system.str("system_type").unwrap_or("").to_lowercase();
    ["third party", "third-party", "thirdparty", "vendor", "saas", "external"]
        .iter()
        .any(|w| kind.contains(w))
}

fn contact(details: Option<&Yaml>) -> Option<(String, Option<String>, Option<String>)> {
    let details = details?;
    let name = details.str("name")?.to_owned();
    Some((
        name,
        details.str("email").map(str::to_owned),
        details.str("phone").map(str::to_owned),
    ))
}

fn organization_hint(org: &Yaml) -> OrganizationHint {
    OrganizationHint {
        name: org.str("name").or(org.str("fides_key")).unwrap_or("").to_owned(),
        contact: contact(org.get("controller")),
        dpo: contact(org.get("data_protection_officer")),
    }
}

struct DataDecl {
    id: String,
    special: Option<Sensitivity>,
}

struct Builder {
    source: String,
    ids: Ids,
    taxonomy: Taxonomy,
    summary: Summary,
    /// Fides data category key → declaration.
    data: BTreeMap<String, DataDecl>,
    data_order: Vec<String>,
    /// (Fides key, id) in order of first use.
    subjects: Vec<(String, String)>,
    /// Data category key → where datasets hold it ("app_db.users.email").
    dataset_paths: HashMap<String, Vec<String>>,
}

impl Builder {
    fn data_id(&mut self, key: &str) -> String {
        if let Some(decl) = self.data.get(key) {
            return decl.id.clone();
        }
        let id = self.ids.claim(key);
        self.data.insert(
            key.to_owned(),
            DataDecl {
                id: id.clone(),
                special: taxonomy::sensitivity_of(key),
            },
        );
        self.data_order.push(key.to_owned());
        id
    }

    fn subject_id(&mut self, key: &str) -> String {
        if let Some((_, id)) = self.subjects.iter().find(|(k, _)| k == key) {
            return id.clone();
        }
        let id = self.ids.claim(key);
        self.subjects.push((key.to_owned(), id.clone()));
        id
    }

    fn dataset(&mut self, dataset: &Yaml, path: &str) {
        let name = dataset
            .str("fides_key")
            .or(dataset.str("name"))
            .unwrap_or("dataset")
            .to_owned();
        for category in dataset.strings("data_categories") {
            self.dataset_paths.entry(category).or_default().push(name.clone());
        }
        for collection in dataset.list("collections") {
            let collection_name = format!("{name}.{}", collection.str("name").unwrap_or("?"));
            for category in collection.strings("data_categories") {
                self.dataset_paths
                    .entry(category)
                    .or_default()
                    .push(collection_name.clone());
            }
            self.fields(collection.list("fields"), &collection_name, 0);
        }
        for field in ["retention", "third_country_transfers", "joint_controller"] {
            if let Some(value) = dataset.get(field).filter(|v| !v.is_empty_value()) {
                self.summary.kept.push(Kept {
                    place: format!("{path}:{}, dataset `{name}`, field `{field}`", value.line),
                    text: value.display(),
                });
            }
        }
    }

    fn fields(&mut self, fields: &[Yaml], prefix: &str, depth: usize) {
        // Nested fields are rare beyond a few levels; the cap only guards
        // against pathological input.
        if depth > 16 {
            return;
        }
        for field in fields {
            let path = format!("{prefix}.{}", field.str("name").unwrap_or("?"));
            for category in field.strings("data_categories") {
                self.dataset_paths.entry(category).or_default().push(path.clone());
            }
            self.fields(field.list("fields"), &path, depth + 1);
        }
    }

    /// One system: its processor declaration, if a vendor, and an activity
    /// per privacy declaration. Returns (file stem, items, declarations,
    /// activities).
    fn system(&mut self, system: &System, processors: &HashMap<String, String>) -> (String, Vec<Item>, usize, usize) {
        let yaml = system.yaml;
        let key = &system.key;
        let name = yaml.str("name").unwrap_or(key).to_owned();
        let place = format!("{}:{}", system.file, yaml.line);
        let mut items = vec![Item::Comment(format!(
            "Imported from {} by `ropa import fides`.\nSystem \"{name}\" ({place}){}.",
            self.source,
            yaml.str("system_type")
                .map(|t| format!(", system_type \"{t}\""))
                .unwrap_or_default()
        ))];
        if let Some(description) = yaml.str("description") {
            items.push(Item::Comment(description.to_owned()));
        }
        // Fields with no counterpart, listed once per system.
        let mut unmapped = Vec::new();
        for (field, value) in yaml.entries() {
            if SYSTEM_MAPPED.contains(&field.as_str()) || value.is_empty_value() {
                continue;
            }
            unmapped.push(format!("{field}: {}", value.display()));
            self.summary.kept.push(Kept {
                place: format!("{}:{}, system `{key}`, field `{field}`", system.file, value.line),
                text: value.display(),
            });
        }
        if !unmapped.is_empty() {
            items.push(Item::Comment(format!(
                "Fields with no counterpart in ropa:\n{}",
                unmapped.iter().map(|u| format!("  {u}")).collect::<Vec<_>>().join("\n")
            )));
        }
        if yaml.bool("processes_personal_data") == Some(false) {
            items.push(Item::Comment(
                "processes_personal_data: false: no activity is recorded for this system".to_owned(),
            ));
            self.summary.notes.push(format!(
                "system `{key}` processes no personal data: no activity written"
            ));
            return (slug(key), items, 0, 0);
        }

        let processor_id = processors.get(key).cloned();
        if let Some(id) = &processor_id {
            let entity = yaml.str("legal_name").unwrap_or(&name).to_owned();
            let mut node = Node::new(node::PROCESSOR).word(id.as_str()).arg(entity);
            let service = yaml.str("description").unwrap_or(&name).to_owned();
            node = node.child(Item::Node(Node::new(node::SERVICE).arg(service)));
            node = node.child(Item::Comment(
                "Fides records no data processing agreement: add `dpa \"YYYY-MM-DD\"` or a reference (Art. 28(3)).\n\
                 If the vendor decides the purposes itself, make this a `recipient` instead."
                    .to_owned(),
            ));
            items.push(Item::Blank);
            items.push(Item::Node(node));
        }

        // System-wide facts every activity of the system shares.
        let shared = Shared {
            name: &name,
            role: self.role(yaml),
            transfers: self.transfers(yaml, key, system.file, processor_id.as_deref()),
            dpia: dpia_of(yaml),
            security: yaml.str("data_security_practices").map(str::to_owned),
            device_storage: yaml.bool("uses_cookies") == Some(true)
                || yaml.bool("uses_non_cookie_access") == Some(true),
            profiling: yaml.bool("uses_profiling") == Some(true),
            processor_id: processor_id.as_deref(),
        };

        let declarations = yaml.list("privacy_declarations");
        let mut activities = 0;
        for (n, declaration) in declarations.iter().enumerate() {
            items.extend(self.declaration(system, &shared, n, declaration, processors));
            activities += 1;
        }
        if declarations.is_empty() {
            items.push(Item::Comment(
                "No privacy declarations: no activity is recorded for this system".to_owned(),
            ));
        }
        (slug(key), items, declarations.len(), activities)
    }

    /// One privacy declaration of a system: a blank line, where it came
    /// from, and its activity.
    fn declaration(
        &mut self,
        system: &System,
        shared: &Shared,
        n: usize,
        declaration: &Yaml,
        processors: &HashMap<String, String>,
    ) -> Vec<Item> {
        let key = &system.key;
        let data_use = declaration.str("data_use").unwrap_or("").to_owned();
        let label = declaration.str("name").map(str::to_owned).unwrap_or_else(|| {
            if data_use.is_empty() {
                format!("declaration {}", n + 1)
            } else {
                data_use.clone()
            }
        });
        let id = self.ids.fresh(&format!("{key} {label}"), &format!("{key} {}", n + 1));
        let mut activity = Node::new(node::ACTIVITY).word(id);
        activity = activity.child(Item::Node(
            Node::new(node::NAME).arg(format!("{}: {label}", shared.name)),
        ));
        // The purpose: the custom data use's own words, or ropa's wording
        // of the default taxonomy.
        if !data_use.is_empty() {
            let (purpose, exact) = match self.taxonomy.data_uses.get(&data_use) {
                Some((name, description)) => (
                    description
                        .clone()
                        .or(name.clone())
                        .unwrap_or_else(|| taxonomy::humanize(&data_use)),
                    true,
                ),
                None => taxonomy::purpose_of(&data_use),
            };
            let note = if exact {
                format!("data_use: {data_use}")
            } else {
                format!("data_use: {data_use} (not in the default taxonomy: the purpose is its parent's)")
            };
            activity = activity.child(Item::Node(Node::new(node::PURPOSE).arg(purpose).trailing(note)));
        }
        if let Some(role) = &shared.role {
            activity = activity.child(Item::Node(role.clone()));
        }
        let subjects: Vec<String> = declaration
            .strings("data_subjects")
            .iter()
            .map(|s| self.subject_id(s))
            .collect();
        if !subjects.is_empty() {
            let mut node = Node::new(node::SUBJECTS);
            for s in subjects {
                node = node.word(s);
            }
            activity = activity.child(Item::Node(node));
        }
        let categories = declaration.strings("data_categories");
        if !categories.is_empty() {
            let mut node = Node::new(node::DATA);
            for c in &categories {
                node = node.word(self.data_id(c));
            }
            activity = activity.child(Item::Node(node));
        }
        let place = format!(
            "{}:{}, system `{key}`, declaration \"{label}\"",
            system.file, declaration.line
        );
        for item in self.lawfulness(declaration, &categories, &place) {
            activity = activity.child(item);
        }
        if let Some(text) = declaration.str("retention_period") {
            activity = activity.child(self.retention(text));
        }
        // Processors: the system itself when it is a vendor, and the
        // vendors the declaration (or the system) sends data to.
        let mut used: Vec<String> = shared.processor_id.iter().map(|id| (*id).to_owned()).collect();
        // Only the declaration's own egress says where its data goes;
        // the system's list of flows is kept as a comment above.
        let mut flows = Vec::new();
        for target in &declaration.strings("egress") {
            match processors.get(target) {
                Some(id) if !used.contains(id) => used.push(id.clone()),
                Some(_) => {}
                None => flows.push(target.clone()),
            }
        }
        if !used.is_empty() {
            let mut node = Node::new(node::PROCESSORS);
            for p in &used {
                node = node.word(p.as_str());
            }
            activity = activity.child(Item::Node(node));
        }
        for transfer in &shared.transfers {
            activity = activity.child(transfer.clone());
        }
        let cookies = declaration.get("cookies").is_some_and(|c| !c.is_empty_value())
            || categories.iter().any(|c| c.starts_with("user.device.cookie"));
        if (shared.device_storage || cookies)
            && let Some(purpose) = taxonomy::tracking_of(&data_use)
        {
            activity = activity.child(Item::Node(
                Node::new(node::TRACKING)
                    .word(purpose.as_str())
                    .trailing(tracking_note(purpose, shared.device_storage)),
            ));
        }
        if shared.profiling {
            activity = activity.child(Item::Node(
                Node::new(node::INVOLVES)
                    .word(DpiaCriterion::EvaluationScoring.as_str())
                    .trailing("uses_profiling: profiling with legal or similar effect"),
            ));
        }
        if let Some(dpia) = &shared.dpia {
            activity = activity.child(dpia.clone());
        }
        if let Some(security) = &shared.security {
            activity = activity.child(Item::Node(Node::new(node::SECURITY).arg(security.as_str())));
        }
        activity = self.declaration_notes(activity, declaration, &categories, &flows, &place);
        vec![
            Item::Blank,
            Item::Comment(format!(
                "privacy declaration \"{label}\" of system `{key}` ({}:{})",
                system.file, declaration.line
            )),
            Item::Node(activity),
        ]
    }

    /// What a declaration says that has no place in the activity, as
    /// comments on it (and in the summary): egress to systems that are not
    /// processors, data about children, fields with no counterpart.
    fn declaration_notes(
        &mut self,
        mut activity: Node,
        declaration: &Yaml,
        categories: &[String],
        flows: &[String],
        place: &str,
    ) -> Node {
        if !flows.is_empty() {
            activity = activity.child(Item::Comment(format!("egress (sends data to): {}", flows.join(", "))));
            self.summary.kept.push(Kept {
                place: place.to_owned(),
                text: format!("egress to {}", flows.join(", ")),
            });
        }
        if categories
            .iter()
            .any(|c| c == "user.childrens" || c.starts_with("user.childrens."))
        {
            activity = activity.child(Item::Comment(
                "user.childrens: data about children; if the subjects include children, add children=#true to them"
                    .to_owned(),
            ));
            self.summary.notes.push(format!(
                "{place}: data about children (user.childrens): check the subjects"
            ));
        }
        let mut unmapped = Vec::new();
        for (field, value) in declaration.entries() {
            if DECLARATION_MAPPED.contains(&field.as_str()) || value.is_empty_value() {
                continue;
            }
            unmapped.push(format!("{field}: {}", value.display()));
            self.summary.kept.push(Kept {
                place: format!("{place}, field `{field}`"),
                text: value.display(),
            });
        }
        if !unmapped.is_empty() {
            activity = activity.child(Item::Comment(format!(
                "No counterpart in ropa: {}",
                unmapped.join("; ")
            )));
        }
        activity
    }

    fn role(&mut self, system: &Yaml) -> Option<Node> {
        let mut titles = system.strings("responsibility");
        titles.extend(system.str("data_responsibility_title").map(str::to_owned));
        let kind = titles.iter().find_map(|t| match t.to_lowercase().as_str() {
            "controller" => Some(RoleKind::Controller),
            "processor" | "sub-processor" => Some(RoleKind::Processor),
            _ => None,
        });
        let joint = system.str("joint_controller_info").map(str::to_owned).or_else(|| {
            system
                .get("joint_controller")
                .and_then(|j| j.str("name").map(str::to_owned))
        });
        match (kind, joint) {
            (Some(RoleKind::Processor), _) => Some(
                Node::new(node::ROLE)
                    .word(RoleKind::Processor.as_str())
                    .trailing(format!("responsibility: {}", titles.join(", "))),
            ),
            (_, Some(with)) => Some(
                Node::new(node::ROLE)
                    .word(RoleKind::JointController.as_str())
                    .prop(prop::WITH, with),
            ),
            (Some(kind), None) => Some(
                Node::new(node::ROLE)
                    .word(kind.as_str())
                    .trailing(format!("responsibility: {}", titles.join(", "))),
            ),
            (None, None) => None,
        }
    }

    fn transfers(&mut self, system: &Yaml, key: &str, file: &str, processor: Option<&str>) -> Vec<Item> {
        let place = format!("{file}:{}, system `{key}`", system.line);
        let mechanisms: Vec<String> = system.strings("legal_basis_for_transfers");
        let known: Vec<Mechanism> = mechanisms.iter().filter_map(|m| taxonomy::mechanism(m)).collect();
        let mut items = Vec::new();
        let codes = system.strings("third_country_transfers");
        for code in &codes {
            let Some(country) = crate::countries::from_alpha3(code).or_else(|| Country::parse(code)) else {
                self.summary.not_understood.push(Kept {
                    place: format!("{place}, third_country_transfers"),
                    text: format!("{code} is not an ISO 3166-1 alpha-3 code"),
                });
                items.push(Item::Comment(format!(
                    "third_country_transfers: {code} (not an ISO 3166-1 code)"
                )));
                continue;
            };
            if ropa_law::is_eea(country) {
                items.push(Item::Comment(format!(
                    "third_country_transfers: {code} ({}) is in the EEA: not a transfer",
                    country.name()
                )));
                continue;
            }
            let mut node = Node::new(node::TRANSFER).word(country.code());
            if let Some(processor) = processor {
                node = node.prop_word(prop::TO, processor);
            }
            if known.len() == 1 {
                node = node.prop_word(prop::MECHANISM, known[0].as_str());
            }
            let mut note = format!("third_country_transfers: {code}");
            if !mechanisms.is_empty() {
                note.push_str(&format!("; legal_basis_for_transfers: {}", mechanisms.join(", ")));
            }
            items.push(Item::Node(node.trailing(note)));
        }
        if codes.is_empty() && system.bool("does_international_transfers") == Some(true) {
            items.push(Item::Comment(format!(
                "does_international_transfers: true, but no countries are named; add `transfer XX` for each{}",
                if mechanisms.is_empty() {
                    String::new()
                } else {
                    format!(" (legal_basis_for_transfers: {})", mechanisms.join(", "))
                }
            )));
            self.summary.not_understood.push(Kept {
                place,
                text: "does_international_transfers: true, with no country named".to_owned(),
            });
        } else if known.len() > 1 && !codes.is_empty() {
            self.summary.not_understood.push(Kept {
                place,
                text: format!(
                    "several transfer mechanisms ({}): write the one each transfer uses",
                    mechanisms.join(", ")
                ),
            });
        }
        items
    }

    /// Legal basis and Art. 9 condition of a declaration.
    fn lawfulness(&mut self, declaration: &Yaml, categories: &[String], place: &str) -> Vec<Item> {
        let mut items = Vec::new();
        if let Some(text) = declaration.str("legal_basis_for_processing") {
            match taxonomy::legal_basis(text) {
                Some(basis) => {
                    let mut node = Node::new(node::BASIS).word(basis.as_str());
                    if basis == LegalBasis::LegitimateInterests
                        && let Some(location) = declaration.str("impact_assessment_location")
                    {
                        node = node.prop(prop::ASSESSMENT, location);
                    }
                    items.push(Item::Node(node.trailing(format!("legal_basis_for_processing: {text}"))));
                }
                None => {
                    self.summary.not_understood.push(Kept {
                        place: format!("{place}, legal_basis_for_processing"),
                        text: text.to_owned(),
                    });
                    items.push(Item::Comment(format!(
                        "legal_basis_for_processing: not understood: {text}"
                    )));
                }
            }
        }
        if let Some(text) = declaration.str("special_category_legal_basis") {
            match taxonomy::condition(text) {
                Some(condition) => items.push(Item::Node(
                    Node::new(node::CONDITION)
                        .word(condition.as_str())
                        .trailing(format!("special_category_legal_basis: {text}")),
                )),
                None => {
                    self.summary.not_understood.push(Kept {
                        place: format!("{place}, special_category_legal_basis"),
                        text: text.to_owned(),
                    });
                    items.push(Item::Comment(format!(
                        "special_category_legal_basis: not understood: {text}"
                    )));
                }
            }
        }
        let sensitive = categories.iter().any(|c| taxonomy::sensitivity_of(c).is_some());
        if declaration.bool("processes_special_category_data") == Some(true) && !sensitive {
            items.push(Item::Comment(
                "processes_special_category_data: true, but no data category says which kind: add special=KIND to the data"
                    .to_owned(),
            ));
            self.summary.not_understood.push(Kept {
                place: place.to_owned(),
                text: "processes_special_category_data: true with no special category in data_categories".to_owned(),
            });
        }
        items
    }

    fn retention(&mut self, text: &str) -> Item {
        // Fides asks for the retention period in days: a bare number is days.
        if !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && let Ok(days) = text.parse::<u32>()
        {
            let period = if days == 1 {
                "1 day".to_owned()
            } else {
                format!("{days} days")
            };
            return Item::Node(
                Node::new(node::RETAIN)
                    .arg(period)
                    .trailing(format!("retention_period: {text}")),
            );
        }
        let node = match parse_retention(text, None).into_iter().next() {
            Some(Retention::Period { duration, from, .. }) => {
                let mut node = Node::new(node::RETAIN).arg(duration.to_string());
                match from {
                    Some(RunsFrom::Event(e)) => node = node.prop_word(prop::FROM, e),
                    Some(RunsFrom::Text(t)) => node = node.prop(prop::FROM, t),
                    None => {}
                }
                node
            }
            Some(Retention::Vague(t)) => Node::new(node::RETAIN).arg(t),
            Some(Retention::Until(t)) => Node::new(node::RETAIN).prop(prop::UNTIL, t),
            None => return Item::Comment(format!("retention_period: {text}")),
        };
        Item::Node(node.trailing(format!("retention_period: {text}")))
    }

    /// The file of data categories and subjects, or `None` when no system
    /// or dataset names any.
    fn declarations_file(&mut self) -> Option<String> {
        if self.subjects.is_empty() && self.data.is_empty() && self.dataset_paths.is_empty() {
            return None;
        }
        // Categories datasets hold that no declaration uses are declared
        // too: data held with no stated purpose is worth a finding.
        let mut dataset_only: Vec<String> = self
            .dataset_paths
            .keys()
            .filter(|k| !self.data.contains_key(*k))
            .cloned()
            .collect();
        dataset_only.sort();
        for key in &dataset_only {
            self.data_id(key);
        }
        let mut items = vec![Item::Comment(format!(
            "Imported from {} by `ropa import fides`: the data subjects and data\n\
             categories the systems and datasets name, with their Fides keys.",
            self.source
        ))];
        if !self.subjects.is_empty() {
            items.push(Item::Blank);
            items.push(Item::Comment("--- Data subjects ---".to_owned()));
            for (key, id) in &self.subjects {
                let (custom_name, custom_description) =
                    self.taxonomy.data_subjects.get(key).cloned().unwrap_or_default();
                let default = taxonomy::SUBJECTS
                    .iter()
                    .find(|(k, _, _)| k == key)
                    .map(|(_, n, _)| n.to_string());
                let description = custom_name.or(default).unwrap_or_else(|| taxonomy::humanize(key));
                let mut node = Node::new(node::SUBJECTS).word(id.as_str()).arg(description);
                for flag in taxonomy::subject_flags(key, custom_description.as_deref()) {
                    node = node.prop(flag, Value::Bool(true));
                }
                items.push(Item::Node(node.trailing(format!("Fides: {key}"))));
            }
        }
        if !self.data_order.is_empty() {
            items.push(Item::Blank);
            items.push(Item::Comment("--- Personal data ---".to_owned()));
            for key in &self.data_order {
                let Some(decl) = self.data.get(key) else { continue };
                if let Some(paths) = self.dataset_paths.get(key) {
                    let shown: Vec<&str> = paths.iter().take(5).map(String::as_str).collect();
                    let more = if paths.len() > 5 {
                        format!(" and {} more", paths.len() - 5)
                    } else {
                        String::new()
                    };
                    items.push(Item::Comment(format!("stored in datasets: {}{more}", shown.join(", "))));
                }
                if dataset_only.contains(key) {
                    items.push(Item::Comment(
                        "in a dataset, but no privacy declaration uses it: which activity is it for?".to_owned(),
                    ));
                }
                let description = self
                    .taxonomy
                    .data_categories
                    .get(key)
                    .and_then(|(name, description)| name.clone().or(description.clone()))
                    .map_or_else(|| key.clone(), |name| format!("{name} ({key})"));
                let mut node = Node::new(node::DATA).word(decl.id.as_str()).arg(description);
                match decl.special {
                    Some(Sensitivity::Special(kind)) => node = node.prop_word(prop::SPECIAL, kind.as_str()),
                    Some(Sensitivity::Criminal) => node = node.prop(prop::CRIMINAL, Value::Bool(true)),
                    None => {}
                }
                items.push(Item::Node(node));
            }
        }
        let fields: usize = self.dataset_paths.values().map(Vec::len).sum();
        if fields > 0 {
            self.summary.notes.push(format!(
                "{fields} dataset collections and fields name data categories: they are listed as comments above each `data`"
            ));
        }
        Some(render(&items))
    }
}

fn dpia_of(system: &Yaml) -> Option<Item> {
    let old = system.get("data_protection_impact_assessment");
    let required = system.bool("requires_data_protection_assessments") == Some(true)
        || old.and_then(|d| d.bool("is_required")) == Some(true);
    // Fides' "DPA" here is a data protection assessment, not a data
    // processing agreement: `dpa_location` is where the DPIA is.
    let location = system
        .str("dpa_location")
        .or_else(|| old.and_then(|d| d.str("link")))
        .map(str::to_owned);
    let progress = system
        .str("dpa_progress")
        .or_else(|| old.and_then(|d| d.str("progress")))
        .map(str::to_owned);
    match (location, required) {
        (Some(location), _) => Some(Item::Node(Node::new(node::DPIA).arg(location).trailing(
            match progress {
                Some(p) => format!("dpa_location; progress: {p}"),
                None => "dpa_location".to_owned(),
            },
        ))),
        (None, true) => Some(Item::Comment(format!(
            "requires_data_protection_assessments: true, but no location is given{}",
            progress.map(|p| format!(" (progress: {p})")).unwrap_or_default()
        ))),
        (None, false) => None,
    }
}

fn tracking_note(purpose: TrackingPurpose, system_wide: bool) -> String {
    let why = if system_wide {
        "the system uses cookies or similar"
    } else {
        "the declaration lists cookies or cookie data"
    };
    format!("{why}, for a data use that means {}", purpose.as_str())
}
