// SPDX-License-Identifier: EUPL-1.2
//! The home page: choose a gemeente or arbeidsmarktregio; search with suggestions (a plain form
//! with a `datalist`, so it works without JavaScript).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_domain::codes::RegionCode;

use super::{latest_year, name};
use crate::web::caller::WebCaller;
use crate::web::layout::{page, private, respond};
use crate::web::WebState;

/// `GET /`: for a logged-in caller also the regions of their organisations.
pub async fn handler(State(state): State<WebState>, caller: WebCaller) -> Response {
    let snap = state.app.snapshot();
    let year = latest_year(&snap);
    let mut by_am: BTreeMap<RegionCode, Vec<(String, RegionCode)>> = BTreeMap::new();
    for m in snap.memberships(year) {
        if let Some(am) = m.labour_market_region {
            by_am
                .entry(am.into())
                .or_default()
                .push((m.name.clone(), m.municipality.into()));
        }
    }
    let mut ams: Vec<(String, RegionCode)> = by_am.keys().map(|c| (name(&snap, *c), *c)).collect();
    ams.sort();
    let mut gemeenten: Vec<(String, RegionCode)> = by_am.values().flatten().cloned().collect();
    gemeenten.sort();
    // A logged-in caller's own region: the arbeidsmarktregio of each organisation, and the
    // gemeente a municipality's organisation is named after.
    let mut own: Vec<(String, String)> = Vec::new();
    for grant in &caller.principal.grants {
        let Ok(Some(org)) = state.app.store().organisation(&grant.organisation).await else {
            continue;
        };
        if let Some(am) = org.region {
            let code = RegionCode::from(am);
            own.push((
                format!("/arbeidsmarktregios/{code}"),
                format!("Arbeidsmarktregio {}", name(&snap, code)),
            ));
        }
        let plain = org.name.trim_start_matches("Gemeente ").to_string();
        if let Some((n, c)) = gemeenten.iter().find(|(n, _)| *n == plain) {
            own.push((format!("/gemeenten/{c}"), format!("Gemeente {n}")));
        }
    }
    own.sort();
    own.dedup();
    let body = html! {
        h1 { "Samenhang" }
        p.lead { "Eén plek voor de cijfers, de begrippen en de afspraken van gemeenten en hun partners in een arbeidsmarktregio. Kies een gemeente of arbeidsmarktregio." }
        @if !own.is_empty() {
            h2 { "Uw regio" }
            ul { @for (href, label) in &own { li { a href=(href) { (label) } } } }
        }
        h2 { "Wat de regio doet" }
        ul.columns {
            li { a href="/regelingen" { "Regelingen" } " en " a href="/regelingen/analyse" { "hun versnippering" } }
            li { a href="/afspraken" { "Afspraken en convenanten" } }
            li { a href="/overleggen" { "Overleggen" } }
            li { a href="/doelen" { "Doelen en hun voortgang" } }
            li { a href="/duo" { "Wethouders per thema (duo-aanpak)" } }
            li { a href="/ondernemers" { "Ondernemers en bedrijfsbezoeken" } }
            li { a href="/sroi" { "Social return (SROI) en de realisatie" } }
            li { a href="/themas" { "Alle thema's" } }
        }
        form.search action="/zoeken" method="get" role="search" {
            div {
                label for="q" { "Zoek een gemeente, regio, cijfer of begrip" }
                input #q type="search" name="q" list="gebieden" autocomplete="off" placeholder="Bijvoorbeeld Enschede";
                datalist #gebieden {
                    @for (n, _) in &gemeenten { option value=(n) {} }
                    @for (n, _) in &ams { option value=(n) {} }
                }
            }
            button type="submit" { "Zoeken" }
        }
        h2 { "Arbeidsmarktregio's (" (year) ")" }
        ul.columns {
            @for (n, c) in &ams {
                li { a href=(format!("/arbeidsmarktregios/{c}")) { (n) } }
            }
        }
        h2 { "Alle gemeenten (" (year) ")" }
        details {
            summary { "Toon de " (gemeenten.len()) " gemeenten" }
            ul.columns {
                @for (n, c) in &gemeenten {
                    li { a href=(format!("/gemeenten/{c}")) { (n) } }
                }
            }
        }
    };
    let html = page(&state.web, "Gebieden", body);
    if caller.principal.user.is_some() {
        private(StatusCode::OK, html)
    } else {
        respond(StatusCode::OK, html)
    }
}
