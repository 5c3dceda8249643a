//! Web pages and templates: tracker snippets and the script hosts of known
//! vendors, line by line. Templates mix HTML with a host language (PHP,
//! JSX, Vue, ERB), so no single parser reads them all; the snippets are
//! fixed strings that vendors tell sites to paste, and a line is what a
//! reviewer looks at.

use ropa_syntax::values::Tracker;

use crate::evidence::{Evidence, Source, Target};

use super::env::hosts_in;

/// Strings that identify a tracker's snippet or script, lower case.
const SNIPPETS: &[(Tracker, &[&str])] = &[
    (
        Tracker::GoogleAnalytics,
        &[
            "google-analytics.com",
            "googletagmanager.com/gtag/js?id=g-",
            "googletagmanager.com/gtag/js?id=ua-",
            "gtag('config', 'g-",
            "gtag(\"config\", \"g-",
        ],
    ),
    (
        Tracker::GoogleAds,
        &[
            "googletagmanager.com/gtag/js?id=aw-",
            "gtag('config', 'aw-",
            "gtag(\"config\", \"aw-",
            "googleadservices.com",
        ],
    ),
    (Tracker::MetaPixel, &["connect.facebook.net", "fbq("]),
    (Tracker::LinkedinInsightTag, &["_linkedin_partner_id", "snap.licdn.com"]),
    (Tracker::TiktokPixel, &["analytics.tiktok.com", "ttq.load("]),
    (
        Tracker::Hotjar,
        &["static.hotjar.com", "hotjar.com/c/hotjar-", "_hjsettings"],
    ),
    (Tracker::MicrosoftClarity, &["clarity.ms"]),
    (Tracker::Matomo, &["_paq.push", "matomo.js", "piwik.js"]),
];

pub fn read(path: &str, text: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let line_no = i as u32 + 1;
        for (tracker, needles) in SNIPPETS {
            if let Some(needle) = needles.iter().find(|n| lower.contains(**n)) {
                out.push(Evidence {
                    path: path.to_owned(),
                    line: line_no,
                    source: Source::Page,
                    target: Target::Tracker(*tracker),
                    seen: needle.trim_end_matches(['(', '-']).to_owned(),
                });
            }
        }
        for (vendor, host) in hosts_in(&lower) {
            out.push(Evidence {
                path: path.to_owned(),
                line: line_no,
                source: Source::Page,
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

    fn targets(text: &str) -> Vec<(Target, u32)> {
        read("index.html", text)
            .into_iter()
            .map(|e| (e.target, e.line))
            .collect()
    }

    #[test]
    fn snippets_and_hosts() {
        let page = "<html>\n<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-ABC123\"></script>\n<script>fbq('init', '123');</script>\n<script src=\"https://js.stripe.com/v3/\"></script>\n<script src=\"https://plausible.io/js/script.js\"></script>\n";
        assert_eq!(
            targets(page),
            vec![
                (Target::Tracker(Tracker::GoogleAnalytics), 2),
                (Target::Tracker(Tracker::MetaPixel), 3),
                (Target::Vendor("stripe"), 4),
                (Target::Vendor("plausible"), 5),
            ]
        );
    }

    #[test]
    fn near_misses_are_silent() {
        // A link to a vendor's site is not its script; the word "fbq" alone is not a call.
        let page = "<a href=\"https://stripe.com/docs\">Stripe docs</a>\n<p>fbq is Meta's function</p>\n<a href=\"https://notplausible.io\">x</a>\n";
        assert!(targets(page).is_empty());
    }
}
