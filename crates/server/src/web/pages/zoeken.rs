// SPDX-License-Identifier: EUPL-1.2
//! The search page: one query across regions, indicators and concepts. A plain GET form, so it
//! works without JavaScript.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_domain::codes::RegionKind;
use samenhang_search::fold;

use super::{href, latest_year};
use crate::web::caller::WebCaller;
use crate::web::layout::{error, page};
use crate::web::WebState;

/// `GET /zoeken?q=`.
pub async fn handler(State(state): State<WebState>, caller: WebCaller, Query(q): Query<super::Query>) -> Response {
    let web = &state.web;
    let query = match super::search_term(&q, "q") {
        Ok(term) => term,
        Err(message) => return error(web, StatusCode::BAD_REQUEST, &message),
    };
    let snap = state.app.snapshot();
    let view = state.app.vocab();
    let folded = fold(&query);
    let current: std::collections::HashSet<_> = snap
        .memberships(latest_year(&snap))
        .iter()
        .map(|m| m.municipality)
        .collect();
    let mut regions = Vec::new();
    let mut indicators = Vec::new();
    let mut concepts = Vec::new();
    if !folded.is_empty() {
        for i in 0..snap.regions.len() {
            let code = snap.regions.code(i);
            let n = snap.regions.name(i);
            let Some(link) = href(code) else { continue };
            let n_folded = fold(n);
            if n_folded.contains(&folded) || fold(&code.to_string()) == folded {
                let note = match code {
                    samenhang_domain::codes::RegionCode::Municipality(m) if !current.contains(&m) => {
                        "gemeente (opgeheven)"
                    }
                    _ if code.kind() == RegionKind::Gemeente => "gemeente",
                    _ => "arbeidsmarktregio",
                };
                // Exact names first, then names that start with the query.
                let order = if n_folded == folded {
                    0
                } else if n_folded.starts_with(&folded) {
                    1
                } else {
                    2
                };
                regions.push((order, n.to_string(), code, link, note));
            }
        }
        regions.sort();
        regions.dedup_by(|a, b| a.2 == b.2);
        for s in snap.all_series_for(&caller.principal) {
            if fold(&s.indicator.name).contains(&folded) || fold(&s.indicator.description).contains(&folded) {
                indicators.push((s.indicator.id.clone(), s.indicator.name.clone()));
            }
        }
        for h in view.index.search(&query, 25) {
            if let Some((_, v)) = view.vocabulary_of(&h.id) {
                if let Some(c) = v.concept(&h.id) {
                    concepts.push((c.id.clone(), c.pref_label.clone()));
                }
            }
        }
    }
    let total = regions.len() + indicators.len() + concepts.len();
    let body = html! {
        h1 { "Zoeken" }
        form.search method="get" action="/zoeken" role="search" {
            div {
                label for="q" { "Zoek een gemeente, regio, cijfer of begrip" }
                input #q type="search" name="q" value=(query);
            }
            button type="submit" { "Zoeken" }
        }
        @if !folded.is_empty() {
            p role="status" { (total) (if total == 1 { " resultaat" } else { " resultaten" }) " voor ‘" (query) "’." }
            @if total == 0 { p { "Niets gevonden. Controleer de spelling of zoek op een deel van de naam." } }
            @if !regions.is_empty() {
                h2 { "Gebieden" }
                ul { @for (_, n, code, link, note) in regions.iter().take(50) { li { a href=(link) { (n) } " " span.muted { "(" (note) ", " (code) ")" } } } }
            }
            @if !indicators.is_empty() {
                h2 { "Cijfers" }
                ul { @for (id, n) in &indicators { li { a href=(format!("/indicatoren/{id}")) { (n) } } } }
            }
            @if !concepts.is_empty() {
                h2 { "Begrippen" }
                ul { @for (id, n) in &concepts { li { a href=(format!("/begrippen/{id}")) { (n) } } } }
            }
        }
    };
    super::indicator::for_caller(&caller, StatusCode::OK, page(web, "Zoeken", body))
}
