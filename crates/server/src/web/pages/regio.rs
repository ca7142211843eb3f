// SPDX-License-Identifier: EUPL-1.2
//! The arbeidsmarktregio page: its gemeenten side by side and a choropleth map of them.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_domain::codes::RegionCode;

use samenhang_stats::{Series, Snapshot};

use super::{latest_year, name, GEMEENTE_INDICATORS};
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
    let chosen = q.get("indicator").map(String::as_str).unwrap_or(GEMEENTE_INDICATORS[0]);
    let who = &caller.principal;
    let Some(series) = snap.series_for(chosen, who) else {
        return error(
            web,
            StatusCode::BAD_REQUEST,
            &format!("Er is geen indicator '{chosen}'. Kies een indicator uit de lijst op deze pagina."),
        );
    };
    let am_name = name(&snap, code);
    // The indicators of the gemeente page (labour market first), then the own indicators the
    // caller may see.
    let columns: Vec<&samenhang_stats::Series> = GEMEENTE_INDICATORS
        .iter()
        .filter_map(|id| snap.series(id))
        .chain(snap.all_series_for(who).filter(|s| s.indicator.owner.is_some()))
        .collect();
    let own: Vec<&samenhang_stats::Owner> = columns.iter().filter_map(|s| s.indicator.owner.as_ref()).collect();
    // The map shows one year: the newest with a value for any of the members.
    let map_year = newest_for_members(&snap, series, &members);
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
    let mut by_name: Vec<&(RegionCode, String)> = members.iter().collect();
    by_name.sort_by_key(|(_, n)| n.to_lowercase());
    let body = html! {
        p.muted { a href="/" { "Gebieden" } " › arbeidsmarktregio" }
        h1 { "Arbeidsmarktregio " (am_name) }
        p.lead { (am_name) " (" (code) ") telt " (members.len()) " gemeenten in de indeling van " (year) ":" }
        ul.columns { @for (c, n) in &by_name { li { a href=(format!("/gemeenten/{c}")) { (n) } } } }
        h2 #kaart-kop { "Kaart: " (series.indicator.name) }
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
            &format!("Kaart van de {} gemeenten van {am_name}, gekleurd naar {}. De waarden staan in de tabel onder de kaart.", members.len(), series.indicator.name.to_lowercase()),
            &map_values,
            &series.indicator.unit,
            None,
        ))
        (value_table(&snap, series, &members, code, &am_name, map_year))
        h2 { "Kerncijfers naast elkaar" }
        p { "Per indicator de waarde van " (am_name) " en de gemeenten met de laagste en de hoogste waarde, in het nieuwste jaar met cijfers voor de gemeenten. "
            "Kies een indicator voor de kaart en alle gemeenten." }
        p { a href=(format!("/arbeidsmarktregios/{code}/kerncijfers.csv")) download { "Download de kerncijfers van " (am_name) " en zijn gemeenten, alle jaren (CSV voor Excel)" } }
        table.stack {
            caption { "Kerncijfers van " (am_name) " en de spreiding over de gemeenten" }
            thead { tr {
                th scope="col" { "Indicator" }
                th.num scope="col" { (am_name) }
                th scope="col" { "Laagste" }
                th scope="col" { "Hoogste" }
                th scope="col" { span.visually-hidden { "Kaart" } }
            } }
            tbody {
                @for s in &columns {
                    @let unit = &s.indicator.unit;
                    @let y = newest_for_members(&snap, s, &members);
                    @let spread = y.map(|y| spread(&snap, s, &members, y)).unwrap_or_default();
                    tr {
                        th scope="row" {
                            (s.indicator.name) br; span.muted { (unit) @if let Some(y) = y { ", " (y) } }
                            @if let Some(o) = &s.indicator.owner { br; small.muted { "eigen cijfers van " (o.name) } }
                        }
                        td.num data-label=(am_name) {
                            @match y.and_then(|y| snap.value(s, code, y)) {
                                Some((v, _)) => { (format::auto(v, unit)) " " span.muted { (format::unit_after(unit)) } }
                                None => { "–" }
                            }
                        }
                        @for (label, pick) in [("Laagste", spread.first()), ("Hoogste", spread.last())] {
                            td data-label=(label) {
                                @match pick {
                                    Some((n, v)) => { (n) ": " (format::auto(*v, unit)) " " span.muted { (format::unit_after(unit)) } }
                                    None => { "–" }
                                }
                            }
                        }
                        td { a href=(format!("/arbeidsmarktregios/{code}?indicator={}#kaart-kop", s.indicator.id)) {
                            "Op de kaart" span.visually-hidden { ": " (s.indicator.name) } } }
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

/// The newest year in which any of `members` has a value of `series`.
fn newest_for_members(snap: &Snapshot, series: &Series, members: &[(RegionCode, String)]) -> Option<i32> {
    series
        .years()
        .iter()
        .rev()
        .copied()
        .find(|y| members.iter().any(|(c, _)| snap.value(series, *c, *y).is_some()))
}

/// The members with a value in `year`, lowest first.
fn spread<'m>(snap: &Snapshot, series: &Series, members: &'m [(RegionCode, String)], year: i32) -> Vec<(&'m str, f64)> {
    let mut values: Vec<(&str, f64)> = members
        .iter()
        .filter_map(|(c, n)| snap.value(series, *c, year).map(|(v, _)| (n.as_str(), v)))
        .collect();
    values.sort_by(|a, b| a.1.total_cmp(&b.1));
    values
}

/// The map's figures as a table: every member gemeente in alphabetical order, then the region.
fn value_table(
    snap: &Snapshot,
    series: &Series,
    members: &[(RegionCode, String)],
    code: RegionCode,
    am_name: &str,
    year: Option<i32>,
) -> Markup {
    let unit = &series.indicator.unit;
    let mut sorted: Vec<&(RegionCode, String)> = members.iter().collect();
    sorted.sort_by_key(|(_, n)| n.to_lowercase());
    let cell = |c: RegionCode| match year.and_then(|y| snap.value(series, c, y)) {
        Some((v, _)) => html! { (format::auto(v, unit)) },
        None => html! { "–" },
    };
    html! {
        details.kaartwaarden {
            summary { "De waarden van de kaart als tabel" }
            table {
                caption { (series.indicator.name) " in de gemeenten van " (am_name) @if let Some(y) = year { ", " (y) } " (" (unit) ")" }
                thead { tr { th scope="col" { "Gemeente" } th.num scope="col" { (series.indicator.name) " (" (unit) ")" } } }
                tbody {
                    @for (c, n) in sorted {
                        tr { th scope="row" { a href=(format!("/gemeenten/{c}")) { (n) } } td.num { (cell(*c)) } }
                    }
                    tr { th scope="row" { (am_name) " (som of gewogen)" } td.num { (cell(code)) } }
                }
            }
        }
    }
}
