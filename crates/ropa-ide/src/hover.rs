//! Hover: on a finding, its rule (explanation, articles, fix, link); on a
//! legal basis, mechanism or other keyword, what it means; on a country, its
//! transfer status and national facts; on a reference, the declaration it
//! points to; on a node or property name, what it is for.

use ropa_check::docs::hover_markdown;
use ropa_check::index::Declared;
use ropa_check::{Diagnostic, FileId, Rule, Workspace};
use ropa_law::AdequacyScope;
use ropa_syntax::Span;
use ropa_syntax::kdl::Value;
use ropa_syntax::schema::{RefTarget, ValueKind};
use ropa_syntax::values::Country;

use crate::locate::{Target, locate};
use crate::navigation::{Class, class_of_declaration, usages};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    /// The text the hover is about.
    pub span: Span,
    pub markdown: String,
}

/// What to show at `offset` of `file`. `findings` are the workspace's
/// current findings (from `ropa_check::check`); those covering the offset
/// come first. `docs_url` is the address of ropa's docs folder, when one is
/// configured: rules then link to their documentation.
pub fn hover(
    ws: &Workspace,
    findings: &[Diagnostic],
    file: FileId,
    offset: u32,
    docs_url: Option<&str>,
) -> Option<HoverResult> {
    let f = ws.file(file)?;
    let mut sections = Vec::new();
    let mut span: Option<Span> = None;
    let mut rules: Vec<Rule> = Vec::new();
    for finding in findings.iter().filter(|d| d.file == file) {
        let covers = finding.span.contains(offset) || (finding.span.is_empty() && finding.span.start == offset);
        if covers && !rules.contains(&finding.rule) {
            rules.push(finding.rule);
            sections.push(hover_markdown(finding.rule, docs_url));
            span = Some(span.map_or(finding.span, |s| s.cover(finding.span)));
        }
    }
    if let Some(located) = locate(f, offset) {
        let node = located.innermost();
        let semantic = match located.target {
            Target::NodeName => node.and_then(|n| {
                let schema = n.schema?;
                Some((n.node.name.span, format!("**`{}`** — {}", schema.name, schema.summary)))
            }),
            Target::PropName { entry, prop } => prop.map(|p| {
                let span = entry.name.as_ref().map_or(entry.span, |k| k.span);
                (span, format!("**`{}=`** — {}", p.name, p.summary))
            }),
            Target::Value { entry, kind } => match (&entry.value, kind) {
                (Value::String(value), _) if crate::navigation::is_controller_ref(&located, entry, value) => {
                    ws.index().controller(value).map(|(decl_file, c)| {
                        (
                            entry.value_span,
                            declaration_markdown(ws, decl_file, Declared::Controller(c)),
                        )
                    })
                }
                (Value::String(value), Some(kind)) => {
                    value_markdown(ws, file, value, kind, entry.value_span.start, docs_url)
                        .map(|md| (entry.value_span, md))
                }
                _ => None,
            },
            Target::Inside => None,
        };
        if let Some((semantic_span, markdown)) = semantic {
            span = Some(span.unwrap_or(semantic_span));
            sections.push(markdown);
        }
        if let Target::Value { entry, .. } = located.target
            && let Value::String(value) = &entry.value
            && let Some(markdown) = vendor_markdown(ws, value)
        {
            span = Some(span.unwrap_or(entry.value_span));
            sections.push(markdown);
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(HoverResult {
        span: span.unwrap_or(Span::new(offset, offset)),
        markdown: sections.join("\n\n---\n\n"),
    })
}

/// The facts `ropa scan`'s vendor registry holds on the party declared
/// with the id `value` (a processor `stripe`, or one whose entity or
/// service names a vendor), for the DPA, entity and transfer the record
/// needs; `None` for other ids and for parties the registry does not know.
fn vendor_markdown(ws: &Workspace, value: &str) -> Option<String> {
    let party = ws.index().declarations(value).find_map(|d| match d.item {
        Declared::Party(p) => Some(p),
        _ => None,
    })?;
    let vendor = ropa_vendors::vendor_of_party(
        party.id.value.as_str(),
        party.entity.as_ref().map(|e| e.value.as_str()),
        party.service.as_ref().map(|s| s.value.as_str()),
    )?;
    Some(vendor.describe())
}

fn value_markdown(
    ws: &Workspace,
    file: FileId,
    value: &str,
    kind: ValueKind,
    offset: u32,
    docs_url: Option<&str>,
) -> Option<String> {
    match kind {
        ValueKind::Keyword(vocabulary) => {
            let (word, meaning) = (vocabulary.words)().into_iter().find(|(w, _)| *w == value)?;
            Some(format!("**`{word}`** — {}\n\n{meaning}", vocabulary.name))
        }
        ValueKind::Country => Country::parse(value).map(country_markdown),
        ValueKind::Ref(target) => Some(reference_markdown(ws, value, target)),
        ValueKind::Id => {
            let f = ws.file(file)?;
            let located = locate(f, offset)?;
            let class = class_of_declaration(&located.innermost()?.node.name.value)?;
            let index = ws.index();
            let decl = index.declarations(value).find(|d| Class::of(d.item) == class)?;
            Some(declaration_markdown(ws, decl.file, decl.item))
        }
        ValueKind::RuleId => Rule::from_id(value).map(|rule| hover_markdown(rule, docs_url)),
        _ => None,
    }
}

/// One line on what a transfer to `country` needs.
pub(crate) fn transfer_status(country: Country) -> String {
    if ropa_law::is_eea(country) {
        return "EEA member: no transfer".to_owned();
    }
    match ropa_law::adequacy(country) {
        None => "third country without adequacy".to_owned(),
        Some(a) => match a.scope {
            AdequacyScope::DpfCertifiedOnly => {
                format!("adequacy since {} for DPF-certified organizations only", a.adopted)
            }
            AdequacyScope::CommercialOrganisationsOnly => {
                format!("adequacy since {} for commercial organizations only", a.adopted)
            }
            AdequacyScope::Partial(_) => format!("partial adequacy since {}", a.adopted),
            AdequacyScope::Full => format!("adequacy since {}", a.adopted),
        },
    }
}

fn country_markdown(country: Country) -> String {
    let code = country.code();
    let mut md = format!("**{code}** — {}\n", country.name());
    if ropa_law::is_eea(country) {
        let union = if ropa_law::is_eu(country) { "EU" } else { "EEA (not EU)" };
        md.push_str(&format!(
            "\n- {union} member state: data may flow here freely, no Chapter V transfer"
        ));
    } else {
        match ropa_law::adequacy(country) {
            Some(a) => {
                let scope = match a.scope {
                    AdequacyScope::Full => String::new(),
                    AdequacyScope::DpfCertifiedOnly => {
                        " — only for organizations certified under the EU-US Data Privacy Framework (`dpf #true`); others need SCCs or another Art. 46 safeguard".to_owned()
                    }
                    AdequacyScope::CommercialOrganisationsOnly => {
                        " — only for commercial organizations subject to PIPEDA".to_owned()
                    }
                    AdequacyScope::Partial(scope) => format!(" — {scope}"),
                };
                md.push_str(&format!(
                    "\n- Third country with an adequacy decision (Art. 45): {}, adopted {}{scope}",
                    a.decision, a.adopted
                ));
                if let Some(until) = a.valid_until {
                    md.push_str(&format!("\n- The decision expires on {until}"));
                }
                md.push_str(&format!("\n- Status: {}", a.status));
            }
            None => md.push_str(
                "\n- Third country without an adequacy decision: a transfer needs an Art. 46 safeguard (`mechanism=scc`, `bcr`, …) or an Art. 49 derogation",
            ),
        }
    }
    if let Some(age) = ropa_law::digital_consent_age(country) {
        md.push_str(&format!(
            "\n- Age of digital consent (Art. 8): {} ({})",
            age.age, age.law
        ));
    }
    if let Some(statute) = ropa_law::statutory_retention(country, ropa_syntax::values::Statute::Bookkeeping) {
        md.push_str(&format!(
            "\n- Bookkeeping retention: {} from {} ({})",
            months(statute.months),
            statute.runs_from,
            statute.law
        ));
    }
    match ropa_law::competent_authority(country, None) {
        ropa_law::Competent::Authority(authority) => md.push_str(&format!(
            "\n- Supervisory authority: {} ({}), {}",
            authority.name, authority.short_name, authority.website
        )),
        ropa_law::Competent::NeedsRegion(_) => md.push_str(
            "\n- Supervisory authority: the authority of the region where the organization is established (in Germany the Land, BDSG § 40); give it with `region` in the organization",
        ),
        ropa_law::Competent::RegionNotKnown(_) | ropa_law::Competent::None => {}
    }
    md.push_str(&format!("\n\nLegal facts as of {}.", ropa_law::facts_as_of()));
    md
}

fn months(n: u32) -> String {
    if n.is_multiple_of(12) {
        let years = n / 12;
        format!("{years} year{}", if years == 1 { "" } else { "s" })
    } else {
        format!("{n} months")
    }
}

fn reference_markdown(ws: &Workspace, id: &str, target: RefTarget) -> String {
    let index = ws.index();
    match index.resolve(target, id).or_else(|| index.get(id)) {
        Some(decl) => declaration_markdown(ws, decl.file, decl.item),
        None => format!("No {} `{id}` is declared in the workspace.", target.describe()),
    }
}

fn file_name(ws: &Workspace, file: FileId) -> &str {
    let path = ws.file(file).map_or("", |f| f.path.as_str());
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

pub(crate) fn declaration_markdown(ws: &Workspace, file: FileId, item: Declared<'_>) -> String {
    let id = &item.id().value;
    let mut md = format!("**{}** `{id}`", item.describe());
    if let Some(text) = crate::completion::describe(item) {
        md.push_str(&format!(" — {text}"));
    }
    md.push('\n');
    match item {
        Declared::Data(d) => {
            if let Some(special) = &d.special {
                md.push_str(&format!(
                    "\n- special category `{}`: {}",
                    special.value,
                    ropa_syntax::values::Keyword::meaning(special.value)
                ));
            }
            if d.criminal {
                md.push_str("\n- criminal convictions and offences data (Art. 10)");
            }
        }
        Declared::Subjects(s) => {
            for (flag, text) in [
                (s.children, "includes children (Art. 8)"),
                (s.employees, "the organization's employees"),
                (s.vulnerable, "a vulnerable group"),
            ] {
                if flag {
                    md.push_str(&format!("\n- {text}"));
                }
            }
        }
        Declared::Party(p) => {
            if let Some(service) = &p.service {
                md.push_str(&format!("\n- service: {}", service.value));
            }
            if let Some(country) = &p.country {
                md.push_str(&format!(
                    "\n- established in {} ({})",
                    country.value,
                    country.value.name()
                ));
            }
            let places: Vec<String> = p.locations().map(|c| c.value.code().to_owned()).collect();
            if !places.is_empty() {
                md.push_str(&format!("\n- data in: {}", places.join(", ")));
            }
            if let Some(parent) = &p.parent {
                md.push_str(&format!(
                    "\n- parent company in {} ({})",
                    parent.value,
                    parent.value.name()
                ));
            }
            if p.kind.is_processor() {
                md.push_str(match &p.dpa {
                    Some(ropa_syntax::model::Dpa::Signed(_) | ropa_syntax::model::Dpa::Reference(_)) => {
                        "\n- data processing agreement on record"
                    }
                    _ => "\n- **no data processing agreement on record**",
                });
            }
        }
        Declared::Controller(c) => {
            if let Some(country) = &c.country {
                md.push_str(&format!(
                    "\n- established in {} ({})",
                    country.value,
                    country.value.name()
                ));
            }
            // What Art. 30(2)(a) asks of the processor record, said plainly
            // where it is missing: silence is not compliance.
            let reachable = c
                .contact
                .as_ref()
                .is_some_and(|k| k.email.is_some() || k.phone.is_some());
            md.push_str(if reachable {
                "\n- contact details on record"
            } else {
                "\n- **no contact details on record**"
            });
            md.push_str(if c.dpo.is_some() {
                "\n- data protection officer (or `dpo none`) on record"
            } else {
                "\n- **no data protection officer on record** (`dpo \"…\"` or `dpo none`)"
            });
            if let Some(rep) = &c.representative {
                md.push_str(&format!("\n- EU representative: {}", rep.name.value));
            }
        }
        Declared::Activity(a) => {
            if let Some(purpose) = &a.purpose {
                md.push_str(&format!("\n- purpose: {}", purpose.value));
            }
        }
    }
    let decl_span = item.id().span;
    let (line, _) = ropa_syntax::position::line_col(crate::text_of(ws, file), decl_span.start);
    md.push_str(&format!("\n\nDeclared in `{}`, line {line}.", file_name(ws, file)));
    if !matches!(item, Declared::Activity(_)) {
        let mut users: Vec<String> = usages(ws, id, Class::of(item))
            .into_iter()
            .map(|u| format!("`{}`", u.activity))
            .collect();
        users.dedup();
        match users.len() {
            0 => md.push_str(" Used by no activity."),
            1 => md.push_str(&format!(" Used by {}.", users[0])),
            n => md.push_str(&format!(" Used by {n} activities: {}.", users.join(", "))),
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use crate::fixture::Fixture;

    fn hover(fixture: &str) -> String {
        let f = Fixture::parse(fixture);
        let findings = ropa_check::check(&f.ws);
        match super::hover(&f.ws, &findings, f.cursor_file, f.cursor, None) {
            Some(h) => format!(
                "{:?}\n{}",
                f.text(f.cursor_file).get(h.span.range()).unwrap_or("?"),
                h.markdown
            ),
            None => "(none)".to_owned(),
        }
    }

    #[test]
    fn legal_basis() {
        insta::assert_snapshot!(hover("activity a {\n    basis legitimate-int$0erests\n}"));
    }

    #[test]
    fn transfer_mechanism() {
        insta::assert_snapshot!(hover("activity a {\n    transfer US to=x mechanism=s$0cc\n}"));
    }

    #[test]
    fn countries_with_adequacy_consent_age_and_statute() {
        insta::assert_snapshot!("us", hover("processor p {\n    stored-in U$0S\n}"));
        insta::assert_snapshot!("dk", hover("organization \"O\" {\n    country D$0K\n}"));
        insta::assert_snapshot!("ch", hover("processor p {\n    stored-in C$0H\n}"));
        insta::assert_snapshot!("in", hover("processor p {\n    stored-in I$0N\n}"));
    }

    #[test]
    fn reference_shows_its_declaration_in_another_file() {
        insta::assert_snapshot!(hover(
            "//- /data.ropa.kdl\ndata contact \"Name and e-mail\" special=health\n//- /activities.ropa.kdl\nactivity web {\n    data con$0tact\n}\nactivity crm {\n    data contact\n}"
        ));
        insta::assert_snapshot!(
            "processor",
            hover(
                "processor google \"Google\" {\n    service \"Analytics\"\n    stored-in US\n    parent US\n}\nactivity web {\n    processors goo$0gle\n}"
            )
        );
    }

    #[test]
    fn a_party_the_vendor_registry_knows_shows_its_facts() {
        let on_id = hover(
            "processor pay \"Stripe Payments Europe, Ltd\" {\n    stored-in IE\n}\nactivity shop {\n    processors p$0ay\n}",
        );
        assert!(
            on_id.contains("Stripe (`stripe`), from ropa's vendor registry"),
            "{on_id}"
        );
        assert!(
            on_id.contains("contracting entity for EEA customers: Stripe Payments Europe, Ltd [2]"),
            "{on_id}"
        );
        assert!(on_id.contains("https://stripe.com/legal/dpa"), "{on_id}");
        // A fact no source confirmed is said to be open, not filled in.
        let open = hover("processor pl$0ausible \"Plausible\" {\n    stored-in DE\n}");
        assert!(
            open.contains("contracting entity for EEA customers: not confirmed by a source here"),
            "{open}"
        );
        // Near miss: a party the registry does not know shows no vendor section.
        let unknown = hover("processor my$0mailer \"Acme Mail GmbH\" {\n    stored-in DE\n}");
        assert!(!unknown.contains("vendor registry"), "{unknown}");
    }

    #[test]
    fn controller_by_id_shows_what_the_processor_record_needs() {
        let md = hover(
            "controller acme \"Acme AB\" {\n    country SE\n    contact \"Privacy team\" email=\"privacy@acme.se\"\n}\nactivity hosting {\n    role processor for=ac$0me\n}",
        );
        assert!(md.starts_with("\"acme\""), "{md}");
        assert!(md.contains("**controller** `acme`"), "{md}");
        assert!(md.contains("established in SE (Sweden)"), "{md}");
        assert!(md.contains("contact details on record"), "{md}");
        assert!(md.contains("**no data protection officer on record**"), "{md}");
        assert!(md.contains("Used by `hosting`."), "{md}");
        // A name in words is not a reference: nothing to show.
        let words = hover("activity hosting {\n    role processor for=\"Our cust$0omers\"\n}");
        assert!(!words.contains("**controller**"), "{words}");
    }

    #[test]
    fn finding_shows_its_rule_first() {
        insta::assert_snapshot!(hover(
            "organization \"O\" {\n    country SE\n}\nactivity w$0eb {\n    purpose \"Run\"\n}"
        ));
    }

    #[test]
    fn node_and_property_names() {
        insta::assert_snapshot!(hover("activity a {\n    ret$0ain \"1 year\" from=collection\n}"), @r#"
        "retain"
        **`retain`** — how long the data is kept (Art. 5(1)(e))
        "#);
        insta::assert_snapshot!(hover("activity a {\n    retain \"1 year\" fr$0om=collection\n}"), @r#"
        "from"
        **`from=`** — the event the period runs from
        "#);
    }

    #[test]
    fn nothing_on_whitespace_free_text_or_out_of_range() {
        assert_eq!(hover("data x \"A descr$0iption\""), "(none)");
        let f = Fixture::parse("data x");
        assert!(super::hover(&f.ws, &[], f.cursor_file, 999, None).is_none());
        assert!(super::hover(&f.ws, &[], ropa_check::FileId(7), 0, None).is_none());
    }

    #[test]
    fn rules_link_to_their_docs_only_when_an_address_is_configured() {
        let without = ropa_check::docs::hover_markdown(ropa_check::Rule::MissingRetention, None);
        assert!(!without.contains("http"), "{without}");
        assert!(without.contains("`ropa explain missing-retention`"), "{without}");
        let with = ropa_check::docs::hover_markdown(
            ropa_check::Rule::MissingRetention,
            Some("https://docs.example.org/ropa/"),
        );
        assert!(
            with.contains("[Rule documentation](https://docs.example.org/ropa/rules.md#missing-retention)"),
            "{with}"
        );
    }
}
