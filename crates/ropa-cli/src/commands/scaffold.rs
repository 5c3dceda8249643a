//! A new workspace's files, shared by `ropa init` and `ropa import`: the
//! organization's name and country (from flags or asked), `ropa.kdl`, the
//! organization file with commented examples, and what to do next.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use ropa_import::OrganizationHint;
use ropa_syntax::values::{Country, Statute};

use crate::load::display;

/// Where the language is documented, for the files written: a page of
/// ropa's own documentation, not a link (ropa has no address it could
/// promise will stay true).
pub const LANGUAGE_DOC: &str = "docs/language.md in ropa's documentation";

pub const ORGANIZATION_FILE: &str = "organization.ropa.kdl";

pub fn next_steps(dir: &Path, organization: &Path, suggest_import: bool) -> String {
    let mut text = format!(
        "\nNext:\n  1. Edit {}: remove the // in front of the examples and fill them in.\n  2. Run `ropa check {}` to see what the record still lacks.\n",
        display(organization),
        display(dir),
    );
    if suggest_import {
        text.push_str(&format!(
            "\nAlready have a record in a spreadsheet? `ropa import csv FILE -o {}`\n",
            display(dir)
        ));
    }
    text
}

/// The organization's name and country: from the flags, else asked in a
/// terminal, else an error that names the flags.
pub fn organization(name: Option<&str>, country: Option<&str>, command: &str) -> Result<(String, Country), String> {
    let given_country = match country {
        Some(text) => Some(parse_country(text)?),
        None => None,
    };
    let name = name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    if let (Some(name), Some(country)) = (&name, given_country) {
        return Ok((name.clone(), country));
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        let missing: Vec<&str> = [
            name.is_none().then_some("--name \"Legal name\""),
            given_country.is_none().then_some("--country XX"),
        ]
        .into_iter()
        .flatten()
        .collect();
        return Err(format!(
            "`ropa {command}` needs the organization's name and country: pass {} (or run it in a terminal to be asked)",
            missing.join(" and ")
        ));
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout();
    ask(&mut input, &mut output, name, given_country)
}

/// Asks for what is missing, re-asking for a country until it is one.
pub fn ask(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    name: Option<String>,
    country: Option<Country>,
) -> Result<(String, Country), String> {
    let mut read_line = |prompt: &str, output: &mut dyn Write| -> Result<String, String> {
        let _ = write!(output, "{prompt}");
        let _ = output.flush();
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => Err("no answer given (end of input)".to_owned()),
            Ok(_) => Ok(line.trim().to_owned()),
            Err(err) => Err(format!("cannot read the answer: {err}")),
        }
    };
    let name = match name {
        Some(name) => name,
        None => loop {
            let answer = read_line(
                "Organization's legal name (as registered, e.g. \"Exempel AB\"): ",
                output,
            )?;
            if !answer.is_empty() {
                break answer;
            }
            let _ = writeln!(
                output,
                "  The name is needed: the record belongs to it (Art. 30(1)(a))."
            );
        },
    };
    let country = match country {
        Some(country) => country,
        None => loop {
            let answer = read_line("Country of establishment (code or name, e.g. SE or Sweden): ", output)?;
            match parse_country(&answer) {
                Ok(country) => break country,
                Err(hint) => {
                    let _ = writeln!(output, "  {hint}");
                }
            }
        },
    };
    Ok((name, country))
}

/// A country from a code or a name in English, Swedish, Danish or
/// Norwegian, or what to write instead.
pub fn parse_country(text: &str) -> Result<Country, String> {
    if let Some(country) = ropa_import::countries::parse_country(text) {
        return Ok(country);
    }
    let names: Vec<&'static str> = Country::all().map(Country::name).collect();
    let suggestion = ropa_syntax::suggest::closest(text.trim(), &names)
        .and_then(|name| Country::all().find(|c| c.name() == name))
        .map(|c| format!(": did you mean {} ({})?", c.code(), c.name()))
        .unwrap_or_default();
    Err(format!(
        "`{}` is not a country ropa knows{suggestion} Write an ISO 3166-1 code such as SE, DK, NO, FI, DE, or the country's name",
        text.trim()
    ))
}

pub fn config_file(name: &str, dir: &Path) -> String {
    let dir = display(dir);
    format!(
        "// The ropa workspace of {name}: this folder holds its record of processing\n\
         // activities (GDPR Art. 30). Every file whose name ends in .ropa.kdl, in this\n\
         // folder or below, belongs to it. Check the record with `ropa check {dir}`.\n\
         // The language: {LANGUAGE_DOC}.\n\
         //\n\
         // To change how strict a rule is, remove the // below and edit: each rule is\n\
         // error, warning, info or off. `ropa rules` lists them, `ropa explain RULE`\n\
         // explains one.\n\
         // rules {{\n\
         //     unused-declaration info\n\
         // }}\n"
    )
}

/// The organization file: the name and country, the contact details an
/// import brought, and commented examples that use the country's authority
/// and bookkeeping law.
pub fn organization_file(name: &str, country: Country, hint: Option<&OrganizationHint>, dir: &Path) -> String {
    // In Germany the Land authority (BDSG § 40), which init cannot know.
    let authority = match ropa_law::competent_authority(country, None) {
        ropa_law::Competent::Authority(a) => a.short_name.to_owned(),
        _ => "the supervisory authority".to_owned(),
    };
    let statute = ropa_law::statutory_retention(country, Statute::Bookkeeping);
    let (period, law) = match statute {
        Some(s) if s.months % 12 == 0 => (format!("{} years", s.months / 12), s.law.to_owned()),
        Some(s) => (format!("{} months", s.months), s.law.to_owned()),
        None => (
            "7 years".to_owned(),
            "the bookkeeping act, chapter and section".to_owned(),
        ),
    };
    // Count from the event the statute counts from.
    let event = match statute.map(|s| s.counts_from) {
        Some(ropa_law::CountsFrom::FinancialYearEnd) => "financial-year-end",
        _ => "calendar-year-end",
    };
    let quote = |text: &str| ropa_import::emit::quote(text);
    let person = |keyword: &str, person: &(String, Option<String>, Option<String>)| {
        let mut line = format!("    {keyword} {}", quote(&person.0));
        if let Some(email) = &person.1 {
            line.push_str(&format!(" email={}", quote(email)));
        }
        if let Some(phone) = &person.2 {
            line.push_str(&format!(" phone={}", quote(phone)));
        }
        line.push('\n');
        line
    };
    let contact = match hint.and_then(|h| h.contact.as_ref()) {
        Some(c) => person("contact", c),
        None => "    // contact \"Name Surname\" email=\"privacy@example.com\" phone=\"+46 8 123 456\"\n".to_owned(),
    };
    let dpo = match hint.and_then(|h| h.dpo.as_ref()) {
        Some(d) => person("dpo", d),
        None => {
            "    // dpo none reason=\"No large-scale monitoring and no large-scale special category data\"\n".to_owned()
        }
    };
    let dir = display(dir);
    format!(
        "// {name}'s record of processing activities (GDPR Art. 30), written in the\n\
         // ropa language ({LANGUAGE_DOC}).\n\
         //\n\
         // Lines starting with // are comments: ropa ignores them. Each commented\n\
         // example below says what it is for. Remove the // in front of it, put in\n\
         // your own text, and run `ropa check {dir}` to see what is still missing.\n\
         \n\
         organization {} {{\n\
         \x20   country {}\n\
         \x20   // Who answers questions about personal data (Art. 13(1)(a)):\n\
         {contact}\
         \x20   // Your data protection officer (Art. 37), or why you need none:\n\
         {dpo}\
         \x20   // Your security measures (Art. 32), one line each:\n\
         \x20   // security \"Multi-factor authentication on all staff accounts\"\n\
         \x20   // security \"Encrypted backups, restore tested every quarter\"\n\
         \x20   // How personal data breaches are handled (Art. 33, 34):\n\
         \x20   // breach-procedure \"Incident routine: assess within 24 hours, notify {authority} within 72 hours, log every breach\"\n\
         \x20   // How requests from people about their data are handled (Art. 12-22):\n\
         \x20   // rights-procedure \"Requests to privacy@example.com; identity checked; answered within one month\"\n\
         }}\n\
         \n\
         // A category of personal data you hold: declare it once, use it in activities.\n\
         // data contact \"Name, e-mail address, phone number\"\n\
         // data invoices \"Invoices and accounting records\"\n\
         \n\
         // A group of people the data is about.\n\
         // subjects customers \"Contact persons at our customers\"\n\
         \n\
         // A processing activity: one purpose, its legal basis, and how long the data is kept.\n\
         // activity invoicing {{\n\
         //     purpose \"Invoice customers and keep the accounts the law requires\"\n\
         //     subjects customers\n\
         //     data contact invoices\n\
         //     basis contract\n\
         //     basis legal-obligation law={}\n\
         //     retain \"{period}\" from={event} data=invoices statute=bookkeeping\n\
         // }}\n\
         \n\
         // A company that processes personal data for you (Art. 28), and the agreement you signed with it.\n\
         // processor mailer \"Mailer Ltd\" {{\n\
         //     country IE\n\
         //     dpa \"2024-01-31\"\n\
         // }}\n",
        quote(name),
        country.code(),
        quote(&law),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_until_the_country_is_one() {
        let mut input = std::io::Cursor::new("  \nWebOne AB\nSweeden\nSverige\n");
        let mut output = Vec::new();
        let answer = ask(&mut input, &mut output, None, None);
        assert_eq!(answer.map(|(n, c)| (n, c.code())), Ok(("WebOne AB".to_owned(), "SE")));
        let shown = String::from_utf8(output).unwrap_or_default();
        assert!(shown.contains("The name is needed"), "{shown}");
        assert!(
            shown.contains("`Sweeden` is not a country ropa knows: did you mean SE (Sweden)?"),
            "{shown}"
        );
    }

    #[test]
    fn end_of_input_is_an_error() {
        let mut input = std::io::Cursor::new("Exempel AB\n");
        let mut output = Vec::new();
        assert!(ask(&mut input, &mut output, None, None).is_err());
    }

    #[test]
    fn countries_by_code_or_name() {
        assert_eq!(parse_country("dk").map(Country::code), Ok("DK"));
        assert_eq!(parse_country("Norge").map(Country::code), Ok("NO"));
        assert_eq!(parse_country("United Kingdom").map(Country::code), Ok("GB"));
        assert!(parse_country("Atlantis").is_err());
    }

    #[test]
    fn files_parse_and_name_the_country_s_facts() {
        let se = Country::parse("SE").expect("SE");
        let org = organization_file("Exempel \"AB\"", se, None, Path::new("record"));
        assert!(ropa_syntax::parse_spec(&org).diagnostics.is_empty(), "{org}");
        assert!(org.contains("notify IMY within 72 hours"), "{org}");
        assert!(org.contains("Bokföringslagen"), "{org}");
        assert!(org.contains("retain \"7 years\""), "{org}");
        let config = config_file("Exempel AB", Path::new("record"));
        assert!(ropa_syntax::parse_config(&config).diagnostics.is_empty(), "{config}");
        // No link ropa cannot vouch for: the documentation is named, not linked.
        for text in [&org, &config] {
            assert!(!text.contains("://"), "{text}");
            assert!(text.contains("docs/language.md"), "{text}");
        }
        // Uncommented, the examples are valid spec text too.
        const NODES: &[&str] = &[
            "contact ",
            "dpo ",
            "security ",
            "breach-procedure ",
            "rights-procedure ",
            "data ",
            "subjects ",
            "activity ",
            "purpose ",
            "basis ",
            "retain ",
            "processor ",
            "country ",
            "dpa ",
            "}",
        ];
        let uncommented: String = org
            .lines()
            .map(|line| {
                let indent = &line[..line.len() - line.trim_start().len()];
                match line.trim_start().strip_prefix("// ") {
                    Some(rest) if NODES.iter().any(|n| rest.trim_start().starts_with(n)) => format!("{indent}{rest}\n"),
                    _ => format!("{line}\n"),
                }
            })
            .collect();
        assert!(!uncommented.contains("// activity"), "{uncommented}");
        assert!(
            ropa_syntax::parse_spec(&uncommented).diagnostics.is_empty(),
            "{uncommented}"
        );
    }
}
