// SPDX-License-Identifier: EUPL-1.2
//! The indicator pages: the list of indicators, and per indicator its definition from the
//! begrippenkader (and the other definitions where they differ), a choropleth map of gemeenten,
//! arbeidsmarktregio's or provincies, a time-series chart with its table, a ranking table that
//! sorts by link (no script needed), a CSV download and the source line.

use std::fmt::Write;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_stats::compare::ranked_year;
use samenhang_stats::{Origin, Series, Snapshot};

use super::{href, latest_year, name};
use crate::web::layout::{error, page, respond};
use crate::web::svg::line_chart;
use crate::web::WebState;
use crate::web::{format, Web};

/// `GET /indicatoren`: every indicator with its unit and definition.
pub async fn list(State(state): State<WebState>) -> Response {
    let snap = state.app.snapshot();
    let count = snap.all_series().len();
    let body = html! {
        h1 { "Cijfers" }
        p.lead { (count) " indicatoren, per thema en op alfabet, met hun eenheid, omschrijving en de jaren met cijfers. Elke indicator verwijst naar zijn begrip in het begrippenkader." }
        nav aria-label="Thema's" { ul.tags {
            @for theme in samenhang_stats::Theme::ALL {
                li { a href=(format!("#thema-{}", theme.key())) { (theme.label()) } }
            }
        } }
        @for theme in samenhang_stats::Theme::ALL {
            @let series = of_theme(&snap, theme);
            @if !series.is_empty() {
                h2 id=(format!("thema-{}", theme.key())) { (theme.label()) }
                div.scroll { table.stack {
                    caption { (theme.label()) ": " (series.len()) @if series.len() == 1 { " indicator" } @else { " indicatoren" } }
                    thead { tr { th scope="col" { "Indicator" } th scope="col" { "Eenheid" } th scope="col" { "Omschrijving" } th scope="col" { "Jaren" } } }
                    tbody {
                        @for s in &series {
                            @let gemeenten = snap.municipal_years(s);
                            tr {
                                th scope="row" { a href=(format!("/indicatoren/{}", s.indicator.id)) { (s.indicator.name) } }
                                td data-label="Eenheid" { (s.indicator.unit) }
                                td data-label="Omschrijving" { (s.indicator.description) }
                                td data-label="Jaren" {
                                    @match (s.years().first(), s.years().last()) {
                                        (Some(a), Some(b)) => { (years(*a, *b)) }
                                        _ => { "nog geen cijfers" }
                                    }
                                    @if !s.years().is_empty() && gemeenten.is_empty() {
                                        br; small { "alleen landelijk of per regio" }
                                    } @else if let (Some(a), Some(b)) = (gemeenten.first(), gemeenten.last()) {
                                        @if (gemeenten.first(), gemeenten.last()) != (s.years().first(), s.years().last()) {
                                            br; small { "per gemeente " (years(*a, *b)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                } }
            }
        }
    };
    respond(StatusCode::OK, page(&state.web, "Cijfers", body))
}

/// The indicators of a theme, in alphabetical order.
fn of_theme(snap: &Snapshot, theme: samenhang_stats::Theme) -> Vec<&Series> {
    let mut series: Vec<&Series> = snap
        .all_series()
        .iter()
        .filter(|s| s.indicator.theme == theme)
        .collect();
    series.sort_by_key(|s| s.indicator.name.to_lowercase());
    series
}

/// A span of years: `2013–2024`, or one year.
fn years(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// What the indicator page was asked for, checked.
struct Choice {
    kind: RegionKind,
    year: i32,
    region: RegionCode,
    sort: Sort,
    descending: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    Value,
}

impl Sort {
    fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "naam",
            Sort::Value => "waarde",
        }
    }
}

/// Checks the query; every fault is named in Dutch.
fn choose(q: &super::Query, snap: &Snapshot, series: &Series) -> Result<Choice, Vec<String>> {
    let mut faults = Vec::new();
    for k in q.keys() {
        if !["soort", "jaar", "gebied", "sorteer", "volgorde"].contains(&k.as_str()) {
            faults.push(format!(
                "De parameter '{k}' kent deze pagina niet. Gebruik soort, jaar, gebied, sorteer of volgorde."
            ));
        }
    }
    let kind = match q.get("soort").map(String::as_str) {
        None | Some("gemeente") => RegionKind::Gemeente,
        Some("arbeidsmarktregio") => RegionKind::Arbeidsmarktregio,
        Some("provincie") => RegionKind::Provincie,
        Some(other) => {
            faults.push(format!(
                "Soort '{other}' kan niet: kies gemeente, arbeidsmarktregio of provincie."
            ));
            RegionKind::Gemeente
        }
    };
    let newest = series.years().last().copied().unwrap_or_else(|| latest_year(snap));
    let year = match q.get("jaar") {
        None => newest,
        Some(s) => match s.trim().parse::<i32>() {
            Ok(y) if series.years().contains(&y) => y,
            Ok(y) => {
                faults.push(format!(
                    "Voor jaar {y} zijn er geen cijfers van deze indicator. Kies een jaar uit de lijst."
                ));
                newest
            }
            Err(_) => {
                faults.push(format!("Jaar '{s}' is geen jaartal, bijvoorbeeld {newest}."));
                newest
            }
        },
    };
    let region = match q.get("gebied") {
        None => RegionCode::Nederland,
        Some(s) => match RegionCode::parse(s.trim()) {
            Ok(c) if snap.regions.position(c).is_some() => c,
            Ok(c) => {
                faults.push(format!("Gebied {c} is onbekend."));
                RegionCode::Nederland
            }
            Err(e) => {
                faults.push(format!("Gebied '{s}': {e}."));
                RegionCode::Nederland
            }
        },
    };
    let sort = match q.get("sorteer").map(String::as_str) {
        None | Some("waarde") => Sort::Value,
        Some("naam") => Sort::Name,
        Some(other) => {
            faults.push(format!("Sorteren op '{other}' kan niet: kies naam of waarde."));
            Sort::Value
        }
    };
    let descending = match q.get("volgorde").map(String::as_str) {
        None => sort == Sort::Value,
        Some("af") => true,
        Some("op") => false,
        Some(other) => {
            faults.push(format!(
                "Volgorde '{other}' kan niet: kies op (oplopend) of af (aflopend)."
            ));
            true
        }
    };
    if faults.is_empty() {
        Ok(Choice {
            kind,
            year,
            region,
            sort,
            descending,
        })
    } else {
        Err(faults)
    }
}

fn kind_label(kind: RegionKind) -> &'static str {
    match kind {
        RegionKind::Gemeente => "gemeenten",
        RegionKind::Arbeidsmarktregio => "arbeidsmarktregio's",
        RegionKind::Provincie => "provincies",
        _ => "gebieden",
    }
}

fn origin_label(o: Origin) -> &'static str {
    match o {
        Origin::Published => "gepubliceerd door CBS",
        Origin::Aggregated => "opgeteld uit gemeenten",
        Origin::Harmonised => "omgerekend naar andere grenzen",
    }
}

/// The definition block: the linked concept's definitions per perspective.
fn definitions(state: &WebState, series: &Series) -> Markup {
    let vocab = state.app.vocab();
    let concept = vocab
        .vocabulary_of(&series.indicator.concept)
        .and_then(|(_, v)| v.concept(&series.indicator.concept));
    html! {
        section aria-labelledby="definitie" {
            h2 #definitie { "Definitie" }
            p { strong { "Zo rekent Samenhang: " } (series.indicator.description) }
            @match concept {
                Some(c) => {
                    p { "Begrip in het begrippenkader: " a href=(format!("/begrippen/{}", c.id)) { (c.pref_label) } }
                    @if c.definitions.len() > 1 { p { "Er zijn " (c.definitions.len()) " definities; ze verschillen per perspectief." } }
                    (super::begrippen::definition_list(c))
                }
                None => { p { "Het begrip '" (series.indicator.concept) "' staat (nog) niet in het begrippenkader." } }
            }
        }
    }
}

/// The regions of `kind` to draw and list, with their value in `year`.
fn cells(
    snap: &Snapshot,
    series: &Series,
    kind: RegionKind,
    year: i32,
) -> Vec<(RegionCode, String, Option<f64>, Option<usize>)> {
    let mut out: Vec<(RegionCode, String, Option<f64>, Option<usize>)> = ranked_year(snap, series, kind, year)
        .rows
        .iter()
        .map(|(i, v, r)| {
            (
                snap.regions.code(*i),
                snap.regions.name(*i).to_string(),
                Some(*v),
                Some(*r),
            )
        })
        .collect();
    if kind == RegionKind::Gemeente {
        // Gemeenten of that year without a value still belong on the map.
        let with_value: std::collections::HashSet<RegionCode> = out.iter().map(|o| o.0).collect();
        for m in snap.memberships(year) {
            let c = RegionCode::from(m.municipality);
            if !with_value.contains(&c) {
                out.push((c, m.name.clone(), None, None));
            }
        }
    }
    out
}

/// "Bron: CBS, tabel …" for the indicator's tables (the API's bronvermelding); the general line
/// if the store cannot say.
async fn source_line(state: &WebState, series: &Series) -> String {
    samenhang_app::figures::source(&state.app, &series.indicator.datasets())
        .await
        .map(|b| b.text)
        .unwrap_or_else(|_| "Bron: CBS (CC BY 4.0)".into())
}

/// `GET /indicatoren/{id}?soort=&jaar=&gebied=&sorteer=&volgorde=`.
pub async fn handler(State(state): State<WebState>, Path(id): Path<String>, Query(q): Query<super::Query>) -> Response {
    let web: &Web = &state.web;
    let snap = state.app.snapshot();
    let Some(series) = snap.series(&id) else {
        return error(
            web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen indicator '{id}'. Bekijk de lijst met cijfers."),
        );
    };
    let choice = match choose(&q, &snap, series) {
        Ok(c) => c,
        Err(faults) => return error(web, StatusCode::BAD_REQUEST, &faults.join(" ")),
    };
    let ind = &series.indicator;
    let unit = ind.unit.as_str();
    let mut rows = cells(&snap, series, choice.kind, choice.year);
    let map_values: Vec<(RegionCode, String, Option<f64>)> = rows.iter().map(|r| (r.0, r.1.clone(), r.2)).collect();
    // Regions without a value go last whatever the order.
    let (mut rows, missing): (Vec<_>, Vec<_>) = rows.drain(..).partition(|r| r.2.is_some());
    match choice.sort {
        Sort::Name => rows.sort_by(|a, b| a.1.cmp(&b.1)),
        Sort::Value => rows.sort_by(|a, b| {
            a.2.unwrap_or(0.0)
                .total_cmp(&b.2.unwrap_or(0.0))
                .then_with(|| a.1.cmp(&b.1))
        }),
    }
    if choice.descending {
        rows.reverse();
    }
    rows.extend(missing);
    let trend: Vec<(i32, f64)> = series
        .years()
        .iter()
        .filter_map(|y| snap.value(series, choice.region, *y).map(|v| (*y, v.0)))
        .collect();
    let region_name = name(&snap, choice.region);
    let source = source_line(&state, series).await;
    let kind_str = choice.kind.as_str();
    let link = |sort: Sort, order: &str| {
        format!(
            "/indicatoren/{id}?soort={kind_str}&jaar={}&gebied={}&sorteer={}&volgorde={order}#ranglijst",
            choice.year,
            choice.region,
            sort.as_str()
        )
    };
    let aria_sort = |s: Sort| match (choice.sort == s, choice.descending) {
        (false, _) => "none",
        (true, true) => "descending",
        (true, false) => "ascending",
    };
    // A column's link flips the order of the current sort, or starts a new one in its usual order.
    let next_order = |s: Sort| match (choice.sort == s, choice.descending, s) {
        (true, true, _) => "op",
        (true, false, _) => "af",
        (false, _, Sort::Name) => "op",
        (false, _, Sort::Value) => "af",
    };
    let body = html! {
        p.muted { a href="/indicatoren" { "Cijfers" } " › indicator" }
        h1 { (ind.name) }
        p.lead { (ind.description) " Eenheid: " (unit) "." }
        (definitions(&state, series))
        h2 { "Kaart" }
        form.search method="get" action=(format!("/indicatoren/{id}")) {
            div {
                label for="soort" { "Gebieden" }
                select #soort name="soort" {
                    @for k in [RegionKind::Gemeente, RegionKind::Arbeidsmarktregio, RegionKind::Provincie] {
                        option value=(k.as_str()) selected[k == choice.kind] { (kind_label(k)) }
                    }
                }
            }
            div {
                label for="jaar" { "Jaar" }
                select #jaar name="jaar" {
                    @for y in series.years().iter().rev() { option value=(y) selected[*y == choice.year] { (y) } }
                }
            }
            input type="hidden" name="gebied" value=(choice.region);
            button type="submit" { "Toon" }
        }
        (web.maps.choropleth(
            "kaart",
            &format!("{} per {} in {}", ind.name, kind_label(choice.kind), choice.year),
            &format!("Kaart van Nederland met de {} gekleurd in vijf klassen naar {} in {}. De waarden staan in de ranglijst hieronder.", kind_label(choice.kind), ind.name.to_lowercase(), choice.year),
            &map_values,
            unit,
            None,
        ))
        h2 { "Ontwikkeling in " (region_name) }
        form.search method="get" action=(format!("/indicatoren/{id}")) {
            div {
                label for="gebied" { "Gebiedscode" }
                input #gebied name="gebied" value=(choice.region) size="8" aria-describedby="gebied-hulp";
                span #gebied-hulp .muted { "Bijvoorbeeld GM0153 (Enschede), AM05 of NL01." }
            }
            input type="hidden" name="soort" value=(kind_str);
            input type="hidden" name="jaar" value=(choice.year);
            button type="submit" { "Toon" }
        }
        @if trend.is_empty() {
            p { "Voor " (region_name) " zijn er geen cijfers van deze indicator." }
        } @else {
            (line_chart(
                "grafiek",
                &format!("{} in {}, {}–{}", ind.name, region_name, trend[0].0, trend[trend.len() - 1].0),
                &format!("Lijngrafiek van {} in {} per jaar. De waarden staan in de tabel onder de grafiek.", ind.name.to_lowercase(), region_name),
                &trend,
                unit,
            ))
            details {
                summary { "Tabel bij de grafiek" }
                div.scroll { table {
                    caption { (ind.name) " in " (region_name) }
                    thead { tr { th scope="col" { "Jaar" } th.num scope="col" { "Waarde (" (unit) ")" } } }
                    tbody { @for (y, v) in &trend { tr { th scope="row" { (y) } td.num { (format::auto(*v, unit)) } } } }
                } }
            }
        }
        h2 #ranglijst { "Ranglijst " (kind_label(choice.kind)) " " (choice.year) }
        p {
            a href=(format!("/indicatoren/{id}/waarden.csv")) download { "Download alle waarden (CSV)" }
            " · " a href=(format!("/api/v1/indicatoren/{id}/waarden")) { "Dezelfde cijfers via de API" }
        }
        div.scroll tabindex="0" role="region" aria-label="Ranglijst" {
            table {
                caption { (ind.name) " per " (kind_label(choice.kind).trim_end_matches('s')) ", " (choice.year) ". Sorteer met de links in de kop." }
                thead {
                    tr {
                        th.num scope="col" { "Rang" }
                        th scope="col" aria-sort=(aria_sort(Sort::Name)) { a href=(link(Sort::Name, next_order(Sort::Name))) { "Gebied" } }
                        th.num scope="col" aria-sort=(aria_sort(Sort::Value)) { a href=(link(Sort::Value, next_order(Sort::Value))) { "Waarde (" (unit) ")" } }
                        th scope="col" { "Herkomst" }
                    }
                }
                tbody {
                    @for (code, n, v, r) in &rows {
                        tr {
                            td.num { @if let Some(r) = r { (r) } @else { "–" } }
                            th scope="row" { @if let Some(h) = href(*code) { a href=(h) { (n) } } @else { (n) } }
                            td.num { @if let Some(v) = v { (format::auto(*v, unit)) } @else { "geen waarde" } }
                            td { @if let Some((_, o)) = snap.value(series, *code, choice.year) { (origin_label(o)) } }
                        }
                    }
                }
            }
        }
        p.source { (source) ". Rang 1 is de gunstigste waarde; bij indicatoren zonder richting de hoogste. Kaart: Bron: CBS, PDOK." }
    };
    respond(StatusCode::OK, page(web, &ind.name, body))
}

/// `GET /indicatoren/{id}/waarden.csv`: every value, for spreadsheets set to Dutch (`;` and
/// decimal comma), with the source as the last line.
pub async fn csv(State(state): State<WebState>, Path(id): Path<String>) -> Response {
    let id = id.trim_end_matches(".csv").to_string();
    let snap = state.app.snapshot();
    let Some(series) = snap.series(&id) else {
        return error(
            &state.web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen indicator '{id}'."),
        );
    };
    let mut out = String::from("gebiedcode;gebiednaam;soort;jaar;waarde;eenheid;herkomst\r\n");
    for &y in series.years() {
        for (i, v, o) in snap.year_values(series, y) {
            let _ = write!(
                out,
                "{};{};{};{y};{};{};{}\r\n",
                snap.regions.code(i),
                csv_field(snap.regions.name(i)),
                snap.kind(i).as_str(),
                v.to_string().replace('.', ","),
                csv_field(&series.indicator.unit),
                origin_label(o)
            );
        }
    }
    let source = source_line(&state, series).await;
    let _ = write!(out, "# {}\r\n", source);
    let mut res = out.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{id}.csv\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
