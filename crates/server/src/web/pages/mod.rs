// SPDX-License-Identifier: EUPL-1.2
//! One file per page.

pub mod account;
pub mod afspraken;
pub mod assets;
pub mod begrippen;
pub mod beheer;
pub mod csv;
pub mod gemeente;
pub mod home;
pub mod index;
pub mod indicator;
pub mod ondernemers;
pub mod regio;
pub mod samenhang;
pub mod zoeken;

use std::collections::HashMap;

use samenhang_domain::codes::RegionCode;
use samenhang_stats::Snapshot;

/// Query parameters of a page as a map (the pages check each one they use).
pub(crate) type Query = HashMap<String, String>;

/// The search term of a page whose only parameter is `field`: trimmed, at most 200 characters.
/// Any other parameter, or a longer term, gives the Dutch message for a 400 page.
pub(crate) fn search_term(q: &Query, field: &str) -> Result<String, String> {
    if let Some(k) = q.keys().find(|k| k.as_str() != field) {
        return Err(format!(
            "De parameter '{k}' kent deze pagina niet. Zoek met het veld ‘{field}’."
        ));
    }
    let term = q.get(field).map(|s| s.trim().to_string()).unwrap_or_default();
    if term.chars().count() > 200 {
        return Err("De zoekterm is langer dan 200 tekens. Gebruik een kortere zoekterm.".into());
    }
    Ok(term)
}

/// The newest classification year in the snapshot.
pub(crate) fn latest_year(snap: &Snapshot) -> i32 {
    (2010..=2030)
        .rev()
        .find(|y| !snap.memberships(*y).is_empty())
        .unwrap_or(2026)
}

/// The name of a region from the snapshot.
pub(crate) fn name(snap: &Snapshot, code: RegionCode) -> String {
    snap.regions
        .position(code)
        .map_or_else(|| code.to_string(), |i| snap.regions.name(i).to_string())
}

/// The page of a region, where there is one.
pub(crate) fn href(code: RegionCode) -> Option<String> {
    match code {
        RegionCode::Municipality(_) => Some(format!("/gemeenten/{code}")),
        RegionCode::LabourMarketRegion(_) => Some(format!("/arbeidsmarktregios/{code}")),
        _ => None,
    }
}

/// The indicators of the gemeente page, labour market first; grouped by their theme on the page, and
/// the columns of the kerncijfers downloads of a gemeente and a region.
pub(crate) const GEMEENTE_INDICATORS: &[&str] = &[
    "werkloosheidspercentage",
    "netto-arbeidsparticipatie",
    "onbenut-arbeidspotentieel-percentage",
    "werkzame-beroepsbevolking",
    "banen-werknemers",
    "banen-per-1000-inwoners-15-74",
    "bijstand-per-1000-inwoners",
    "bijstandsuitkeringen-totaal-per-1000-inwoners",
    "ww-per-1000-inwoners",
    "besteedbaar-inkomen-huishoudens",
    "huishoudens-laag-inkomen",
    "vestigingen-per-1000-inwoners",
    "inwoners",
    "verkoopprijs-koopwoningen",
    "hoogopgeleiden",
];

/// The indicators a gemeente page shows first.
pub(crate) const KEY_INDICATORS: &[&str] = &[
    "inwoners",
    "besteedbaar-inkomen-huishoudens",
    "verkoopprijs-koopwoningen",
    "werkzame-beroepsbevolking",
    "bijstand-per-1000-inwoners",
    "ww-per-1000-inwoners",
    "vestigingen-per-1000-inwoners",
    "hoogopgeleiden",
];
