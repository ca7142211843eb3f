// SPDX-License-Identifier: EUPL-1.2
//! The search page: one query across regions, indicators, concepts and the register records the
//! reader may see, with counts per kind, gemeente or region and theme, and `soort=`, `gebied=`
//! and `thema=` to narrow. A plain GET form, so it works without JavaScript.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_domain::codes::RegionKind;
use samenhang_search::fold;

use samenhang_domain::spec::capital;

use super::{href, latest_year};
use crate::web::caller::WebCaller;
use crate::web::layout::{error, page};
use crate::web::WebState;

/// At most this many register records on the page.
const RECORDS_SHOWN: usize = 50;

/// `GET /zoeken?q=&soort=`.
pub async fn handler(State(state): State<WebState>, caller: WebCaller, Query(mut q): Query<super::Query>) -> Response {
    let web = &state.web;
    let only = q.remove("soort").filter(|s| !s.is_empty());
    if let Some(k) = only.as_deref().filter(|k| samenhang_app::kinds::by_kind(k).is_none()) {
        return error(
            web,
            StatusCode::BAD_REQUEST,
            &format!("Er is geen soort record '{k}'. Kies een soort uit de lijst bij de resultaten."),
        );
    }
    let region = q.remove("gebied").filter(|s| !s.is_empty());
    let theme = q.remove("thema").filter(|s| !s.is_empty());
    if let Some(r) = region
        .as_deref()
        .filter(|r| samenhang_domain::codes::RegionCode::parse(r).is_err())
    {
        return error(
            web,
            StatusCode::BAD_REQUEST,
            &format!("'{r}' is geen gebiedscode (zoals GM0153 of AM05)."),
        );
    }
    if let Some(t) = theme.as_deref().filter(|t| state.app.vocab().concept(t).is_none()) {
        return error(web, StatusCode::BAD_REQUEST, &format!("Er is geen begrip '{t}'."));
    }
    let narrow = samenhang_app::search::Narrow {
        kind: only.clone(),
        region: region.clone(),
        theme: theme.clone(),
    };
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
    let found =
        match samenhang_app::search::records(&state.app, &caller.principal, &query, &narrow, RECORDS_SHOWN).await {
            Ok(f) => f,
            Err(e) => return super::samenhang::fail(&state, e),
        };
    let in_records: usize = found.per_kind.iter().map(|(_, n)| n).sum();
    // The address of this search with one narrowing changed.
    let with = |key: &str, value: Option<&str>| {
        let mut pairs: Vec<(&str, String)> = vec![("q", query.clone())];
        for (k, v) in [("soort", &only), ("gebied", &region), ("thema", &theme)] {
            let v = if k == key { value.map(str::to_string) } else { v.clone() };
            if let Some(v) = v {
                pairs.push((k, v));
            }
        }
        format!(
            "/zoeken?{}#registers",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    };
    let total = regions.len() + indicators.len() + concepts.len() + in_records;
    let body = html! {
        h1 { "Zoeken" }
        form.search method="get" action="/zoeken" role="search" {
            div {
                label for="q" { "Zoek een gemeente, regio, cijfer, begrip, regeling, afspraak of ander record" }
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
            @if in_records > 0 {
                h2 #registers { "In de registers (" (in_records) ")" }
                p.muted { "Alleen de records die u mag zien." }
                nav aria-label="Soort record" {
                    ul.facetten {
                        li { @if only.is_none() { strong { "Alle soorten (" (in_records) ")" } } @else { a href=(with("soort", None)) { "Alle soorten (" (in_records) ")" } } }
                        @for (spec, n) in &found.per_kind {
                            li {
                                @if only.as_deref() == Some(spec.kind) { strong { (capital(spec.plural)) " (" (n) ")" } }
                                @else { a href=(with("soort", Some(spec.kind))) { (capital(spec.plural)) " (" (n) ")" } }
                            }
                        }
                    }
                }
                @if !found.per_region.is_empty() || region.is_some() {
                    nav aria-label="Gebied" {
                        ul.facetten {
                            li { @if region.is_none() { strong { "Alle gebieden" } } @else { a href=(with("gebied", None)) { "Alle gebieden" } } }
                            @for (r, n) in &found.per_region {
                                li { @if region.as_deref() == Some(r.id.as_str()) { strong { (r.name) " (" (n) ")" } }
                                     @else { a href=(with("gebied", Some(&r.id))) { (r.name) " (" (n) ")" } } }
                            }
                        }
                    }
                }
                @if !found.per_theme.is_empty() || theme.is_some() {
                    nav aria-label="Thema" {
                        ul.facetten {
                            li { @if theme.is_none() { strong { "Alle thema's" } } @else { a href=(with("thema", None)) { "Alle thema's" } } }
                            @for (t, n) in &found.per_theme {
                                li { @if theme.as_deref() == Some(t.id.as_str()) { strong { (t.name) " (" (n) ")" } }
                                     @else { a href=(with("thema", Some(&t.id))) { (t.name) " (" (n) ")" } } }
                            }
                        }
                    }
                }
                ol.resultaten {
                    @for h in &found.hits {
                        li {
                            a href=(format!("/{}/{}", h.spec.collection, h.id)) { (h.title) }
                            " " span.muted { "– " (h.spec.singular) " van " (h.owner.name) }
                            @if let Some(s) = &h.snippet { br; small { (s.before) mark { (s.hit) } (s.after) } }
                        }
                    }
                }
                @if found.total > found.hits.len() { p { "De eerste " (found.hits.len()) " van " (found.total) "; kies een soort, gebied of thema, of maak de zoekterm preciezer." } }
            }
        }
    };
    super::indicator::for_caller(&caller, StatusCode::OK, page(web, "Zoeken", body))
}
