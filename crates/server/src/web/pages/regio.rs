// SPDX-License-Identifier: EUPL-1.2
//! The arbeidsmarktregio page: its gemeenten side by side and a choropleth map of them.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_domain::codes::RegionCode;

use super::{latest_year, name, KEY_INDICATORS};
use crate::web::caller::WebCaller;
use crate::web::format;
use crate::web::layout::{error, page};
use crate::web::WebState;

/// `GET /arbeidsmarktregios/{code}?indicator=`.
pub async fn handler(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(raw): Path<String>,
    Query(q): Query<super::Query>,
) -> Response {
    let web = &state.web;
    let code = match RegionCode::parse(&raw) {
        Ok(c @ RegionCode::LabourMarketRegion(_)) => c,
        Ok(other) => return error(web, StatusCode::BAD_REQUEST, &format!("{other} is geen arbeidsmarktregio. Een arbeidsmarktregio-code is AM met twee cijfers, bijvoorbeeld AM05.")),
        Err(e) => return error(web, StatusCode::BAD_REQUEST, &format!("{e}.")),
    };
    let snap = state.app.snapshot();
    let year = latest_year(&snap);
    let members: Vec<(RegionCode, String)> = snap
        .memberships(year)
        .iter()
        .filter(|m| m.labour_market_region.map(RegionCode::from) == Some(code))
        .map(|m| (m.municipality.into(), m.name.clone()))
        .collect();
    if members.is_empty() {
        return error(
            web,
            StatusCode::NOT_FOUND,
            &format!("Arbeidsmarktregio {code} heeft geen gemeenten in de indeling van {year}."),
        );
    }
    let chosen = q.get("indicator").map(String::as_str).unwrap_or("inwoners");
    let who = &caller.principal;
    let Some(series) = snap.series_for(chosen, who) else {
        return error(
            web,
            StatusCode::BAD_REQUEST,
            &format!("Er is geen indicator '{chosen}'. Kies een indicator uit de lijst op deze pagina."),
        );
    };
    let am_name = name(&snap, code);
    // The key indicators, then the own indicators the caller may see.
    let columns: Vec<&samenhang_stats::Series> = KEY_INDICATORS
        .iter()
        .filter_map(|id| snap.series(id))
        .chain(snap.all_series_for(who).filter(|s| s.indicator.owner.is_some()))
        .collect();
    let own: Vec<&samenhang_stats::Owner> = columns.iter().filter_map(|s| s.indicator.owner.as_ref()).collect();
    let latest_of = |s: &samenhang_stats::Series, c: RegionCode| {
        s.years()
            .iter()
            .rev()
            .find_map(|y| snap.value(s, c, *y).map(|(v, _)| (*y, v)))
    };
    // The map shows one year: the newest with a value for any of the members.
    let map_year = series
        .years()
        .iter()
        .rev()
        .copied()
        .find(|y| members.iter().any(|(c, _)| snap.value(series, *c, *y).is_some()));
    let map_values: Vec<(RegionCode, String, Option<f64>)> = members
        .iter()
        .map(|(c, n)| {
            (
                *c,
                n.clone(),
                map_year.and_then(|y| snap.value(series, *c, y)).map(|x| x.0),
            )
        })
        .collect();
    let map_title = match map_year {
        Some(y) => format!(
            "{} in de gemeenten van {am_name}, {y} ({})",
            series.indicator.name, series.indicator.unit
        ),
        None => format!("{} in de gemeenten van {am_name}: geen cijfers", series.indicator.name),
    };
    let body = html! {
        p.muted { a href="/" { "Gebieden" } " › arbeidsmarktregio" }
        h1 { "Arbeidsmarktregio " (am_name) }
        p.lead { (am_name) " (" (code) ") telt " (members.len()) " gemeenten in de indeling van " (year) "." }
        h2 { "Kaart: " (series.indicator.name) }
        form.search method="get" {
            div {
                label for="indicator" { "Indicator op de kaart" }
                select #indicator name="indicator" {
                    @for s in &columns {
                        option value=(s.indicator.id) selected[s.indicator.id == chosen] { (s.indicator.name) }
                    }
                }
            }
            button type="submit" { "Toon" }
        }
        (web.maps.choropleth(
            "kaart",
            &map_title,
            &format!("Kaart van de {} gemeenten van {am_name}, gekleurd naar {}. De waarden staan in de tabel hieronder.", members.len(), series.indicator.name.to_lowercase()),
            &map_values,
            &series.indicator.unit,
            None,
        ))
        h2 { "Gemeenten naast elkaar" }
        p { a href=(format!("/arbeidsmarktregios/{code}/kerncijfers.csv")) download { "Download de kerncijfers van " (am_name) " en zijn gemeenten, alle jaren (CSV voor Excel)" } }
        div.scroll tabindex="0" role="region" aria-label="Tabel met de gemeenten naast elkaar" {
            table {
                caption { "De gemeenten van " (am_name) " met hun kerncijfers (meest recente jaar per indicator)" }
                thead {
                    tr {
                        th scope="col" { "Gemeente" }
                        @for s in &columns { th.num scope="col" {
                            (s.indicator.name) br; span.muted { (s.indicator.unit) }
                            @if let Some(o) = &s.indicator.owner { br; small.muted { "eigen cijfers van " (o.name) } }
                        } }
                    }
                }
                tbody {
                    @for (c, n) in &members {
                        tr {
                            th scope="row" { a href=(format!("/gemeenten/{c}")) { (n) } }
                            @for s in &columns {
                                td.num {
                                    @match latest_of(s, *c) {
                                        Some((y, v)) => { (format::auto(v, &s.indicator.unit)) br; span.muted { (y) } }
                                        None => { "–" }
                                    }
                                }
                            }
                        }
                    }
                    tr {
                        th scope="row" { "Arbeidsmarktregio (som of gewogen)" }
                        @for s in &columns {
                            td.num { @match latest_of(s, code) { Some((y, v)) => { (format::auto(v, &s.indicator.unit)) br; span.muted { (y) } } None => { "–" } } }
                        }
                    }
                }
            }
        }
        p.source {
            "Bron: CBS (CC BY 4.0)"
            @for o in &own { "; " (o.name) " (" (o.source) ")" }
            ". De waarden van de regio telt Samenhang op uit de gemeenten volgens de indeling van dat jaar. Kaart: Bron: CBS, PDOK."
        }
    };
    super::indicator::for_caller(
        &caller,
        StatusCode::OK,
        page(web, &format!("Arbeidsmarktregio {am_name}"), body),
    )
}
