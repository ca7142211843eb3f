// SPDX-License-Identifier: EUPL-1.2
//! One file per page.

pub mod account;
pub mod afspraken;
pub mod assets;
pub mod begrippen;
pub mod beheer;
pub mod csv;
pub mod eigen;
pub mod gemeente;
pub mod home;
pub mod index;
pub mod indicator;
pub mod links;
pub mod ondernemers;
pub mod regio;
pub mod samenhang;
pub mod sroi;
pub mod verslagen;
pub mod zoeken;

use std::collections::HashMap;

use maud::{html, Markup};
use samenhang_domain::codes::RegionCode;
use samenhang_stats::peers::{PeerGroup, CHOICES};
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
    snap.region_name(code)
}

/// The fields that choose a comparison group (`groep`, and `leden` for an own list), for a
/// GET form of the gemeente page or the indicator ranking.
pub(crate) fn group_fields(label: &str, group: &PeerGroup) -> Markup {
    let own = match group {
        PeerGroup::Own(list) => list.iter().map(ToString::to_string).collect::<Vec<_>>().join(","),
        _ => String::new(),
    };
    html! {
        div {
            label for="groep" { (label) }
            select #groep name="groep" {
                @for (k, text) in CHOICES {
                    option value=(k) selected[*k == group.key()] { (text) }
                }
            }
        }
        div {
            label for="leden" { "Eigen lijst (gemeentecodes)" }
            input #leden type="text" name="leden" size="24" aria-describedby="leden-hulp" value=(own);
            span #leden-hulp .muted { "Alleen bij ‘een eigen lijst’, bijvoorbeeld GM0164,GM0141." }
        }
    }
}

/// With `groep=eigen` and no `leden`, a logged-in caller's saved own comparison group fills in
/// `leden`, so "Mijn vergelijkingsgroep" is one link on every page that compares. Returns the
/// saved group (none for anonymous callers), read once per request.
pub(crate) async fn with_saved_group(
    state: &crate::web::WebState,
    caller: &crate::web::caller::WebCaller,
    q: &mut Query,
) -> Option<String> {
    let saved = samenhang_app::accounts::own_group(&state.app, &caller.principal)
        .await
        .ok()
        .flatten();
    let wants_own = q.get("groep").is_some_and(|g| g.trim() == "eigen");
    let has_members = q.get("leden").is_some_and(|l| !l.trim().is_empty());
    if let (true, false, Some(s)) = (wants_own, has_members, &saved) {
        q.insert("leden".into(), s.clone());
    }
    saved
}

/// The form that saves an own comparison group for a logged-in caller (or, when it is already
/// the saved one, says so), and the link to the saved one from any other group.
pub(crate) fn saved_group_form(
    caller: &crate::web::caller::WebCaller,
    group: &PeerGroup,
    saved: Option<&str>,
    back: &str,
) -> Markup {
    if caller.principal.user.is_none() {
        return html! {};
    }
    let shown = match group {
        PeerGroup::Own(list) => Some(list.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")),
        _ => None,
    };
    html! {
        @match (&shown, saved) {
            (Some(s), Some(v)) if s == v => { p.muted { "Dit is uw bewaarde vergelijkingsgroep." } }
            (Some(s), _) => {
                form.inline method="post" action="/account/vergelijkingsgroep" {
                    (crate::web::pages::account::csrf_field(caller))
                    input type="hidden" name="leden" value=(s);
                    input type="hidden" name="terug" value=(back);
                    button.secondary type="submit" { "Bewaar als mijn vergelijkingsgroep" }
                }
            }
            (None, Some(v)) => {
                @let n = v.split(',').count();
                p { a href=(format!("{back}{}groep=eigen", if back.contains('?') { "&" } else { "?" })) {
                    "Vergelijk met mijn vergelijkingsgroep (" (n) " " (if n == 1 { "gemeente" } else { "gemeenten" }) ")" } }
            }
            (None, None) => {}
        }
    }
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
