//! Who is inside: the 27 EU member states and the three EEA EFTA states.
//!
//! The GDPR applies in the EEA (EU27 + Iceland, Liechtenstein, Norway, via
//! the EEA Agreement), so a transfer "to a third country" under Chapter V is
//! a transfer to anywhere else. Switzerland (EFTA, not EEA) and the United
//! Kingdom are third countries that have adequacy decisions.

use ropa_vocab::Country;

use crate::Confidence;
use crate::source::{EC_ADEQUACY_PAGE, EDPB_FAQ_ADEQUACY, EU_COUNTRIES, GDPR, Provenance, REVIEWED};

/// ISO 3166-1 alpha-2 codes of the EU member states, sorted. Greece is `GR`
/// here (ISO), though EU documents write `EL`.
pub const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The EFTA states that are in the EEA (Switzerland is EFTA but not EEA).
pub const EEA_EFTA_MEMBERS: [&str; 3] = ["IS", "LI", "NO"];

/// Where the membership lists come from.
pub static EEA_PROVENANCE: Provenance = Provenance {
    sources: &[EU_COUNTRIES, EC_ADEQUACY_PAGE, EDPB_FAQ_ADEQUACY, GDPR],
    as_of: REVIEWED,
    confidence: Confidence::High,
    note: Some(
        "EU27 since the UK left on 31 January 2020. The Commission's adequacy page states that data \
         flows freely \"from the EU (and Norway, Liechtenstein and Iceland)\".",
    ),
};

/// Whether the country is an EU member state.
pub fn is_eu(country: Country) -> bool {
    MEMBERSHIP.get(country.index()).is_some_and(|m| m.0)
}

/// (EU, EEA) membership by `Country::index`: checked for every transfer, so
/// an array lookup rather than a scan of the member lists.
static MEMBERSHIP: std::sync::LazyLock<Vec<(bool, bool)>> = std::sync::LazyLock::new(|| {
    Country::all()
        .map(|c| {
            let eu = EU_MEMBERS.contains(&c.code());
            (eu, eu || EEA_EFTA_MEMBERS.contains(&c.code()))
        })
        .collect()
});

/// Whether the country is in the EEA (EU27 + IS, LI, NO): where the GDPR
/// applies and personal data flows without a Chapter V transfer tool.
pub fn is_eea(country: Country) -> bool {
    MEMBERSHIP.get(country.index()).is_some_and(|m| m.1)
}

/// The 30 EEA countries, EU first then EFTA, each sorted.
pub fn eea_members() -> impl Iterator<Item = &'static str> {
    EU_MEMBERS.iter().chain(EEA_EFTA_MEMBERS.iter()).copied()
}
