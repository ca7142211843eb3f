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
use crate::web::layout::{page, respond};
use crate::web::WebState;

/// `GET /`.
pub async fn handler(State(state): State<WebState>) -> Response {
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
    let body = html! {
        h1 { "Samenhang" }
        p.lead { "Eén plek voor de cijfers, de begrippen en de afspraken van gemeenten en hun partners in een arbeidsmarktregio. Kies een gemeente of arbeidsmarktregio." }
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
    respond(StatusCode::OK, page(&state.web, "Gebieden", body))
}
