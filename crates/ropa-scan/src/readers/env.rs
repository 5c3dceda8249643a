//! Environment templates (`.env.example`): `KEY=value` lines whose value
//! names a known vendor's endpoint. Only templates are read: a real `.env`
//! holds secrets, which the scan has no business reading.

use crate::evidence::{Evidence, Source, Target};
use crate::registry::vendors;

/// Every (vendor id, host) whose host appears in `lower` (lower-case text)
/// as a host: preceded by a start, `/`, `.`, `@`, quote, `=` or space, and
/// not followed by more host characters.
pub(crate) fn hosts_in(lower: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    // Every host has a dot: most lines of a page have none, and are done.
    if !lower.contains('.') {
        return out;
    }
    for vendor in vendors() {
        for host in vendor.hosts {
            let found = lower.match_indices(host).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let after = lower[at + host.len()..].chars().next();
                before.is_none_or(|c| matches!(c, '/' | '.' | '@' | '"' | '\'' | '=' | ' ' | '\t'))
                    && after.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            });
            if found {
                out.push((vendor.id, (*host).to_owned()));
                break;
            }
        }
    }
    out
}

pub fn read(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let Some((_, value)) = line.split_once('=') else {
            continue;
        };
        for (vendor, host) in hosts_in(&value.to_ascii_lowercase()) {
            out.push(Evidence {
                path: path.to_owned(),
                line: i as u32 + 1,
                source: Source::Environment,
                target: Target::Vendor(vendor),
                seen: host,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_in_values() {
        let text = "# Mail\nMAILGUN_ENDPOINT=https://api.eu.mailgun.net\nSENTRY_DSN=https://abc@o1.ingest.de.sentry.io/2\n# STRIPE=https://api.stripe.com\nNAME=mailgun\n";
        let found: Vec<_> = read(".env.example", text)
            .into_iter()
            .map(|e| (e.target, e.line, e.seen))
            .collect();
        assert_eq!(
            found,
            [
                (Target::Vendor("mailgun"), 2, "api.eu.mailgun.net".to_owned()),
                (Target::Vendor("sentry"), 3, "sentry.io".to_owned()),
            ]
        );
    }
}
