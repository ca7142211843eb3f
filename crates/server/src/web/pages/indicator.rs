// SPDX-License-Identifier: EUPL-1.2
//! The indicator pages: the list of indicators, and per indicator its definition from the
//! begrippenkader (and the other definitions where they differ), a choropleth map of gemeenten,
//! arbeidsmarktregio's or provincies, a time-series chart with its table, a ranking table that
//! sorts by link (no script needed) with the chosen gemeente highlighted and, for a gemeente,
//! limited to a comparison group (`groep`, `leden`), a CSV download and the source line.

use std::fmt::Write;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use samenhang_app::Principal;
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_stats::compare::{ranked_year, ranked_year_among};
use samenhang_stats::peers::{resolve, PeerGroup, Peers};
use samenhang_stats::{Origin, Series, Snapshot};

use super::{href, latest_year, name};
use crate::web::caller::WebCaller;
use crate::web::layout::{error, page, private, respond};
use crate::web::svg::lines_chart;
use crate::web::WebState;
use crate::web::{format, Web};

/// `GET /indicatoren`: every indicator with its unit and definition.
pub async fn list(State(state): State<WebState>, caller: WebCaller) -> Response {
    let snap = state.app.snapshot();
    let who = &caller.principal;
    let count = snap.all_series_for(who).count();
    let body = html! {
        h1 { "Cijfers" }
        p.lead { (count) " indicatoren, per thema en op alfabet, met hun eenheid, omschrijving en de jaren met cijfers. Elke indicator verwijst naar zijn begrip in het begrippenkader." }
        nav aria-label="Thema's" { ul.tags {
            @for theme in samenhang_stats::Theme::ALL {
                li { a href=(format!("#thema-{}", theme.key())) { (theme.label()) } }
            }
        } }
        @for theme in samenhang_stats::Theme::ALL {
            @let series = of_theme(&snap, who, theme);
            @if !series.is_empty() {
                h2 id=(format!("thema-{}", theme.key())) { (theme.label()) }
                div.scroll { table.stack {
                    caption { (theme.label()) ": " (series.len()) @if series.len() == 1 { " indicator" } @else { " indicatoren" } }
                    thead { tr { th scope="col" { "Indicator" } th scope="col" { "Eenheid" } th scope="col" { "Omschrijving" } th scope="col" { "Jaren" } } }
                    tbody {
                        @for s in &series {
                            @let gemeenten = snap.municipal_years(s);
                            tr {
                                th scope="row" {
                                    a href=(format!("/indicatoren/{}", s.indicator.id)) { (s.indicator.name) }
                                    @if let Some(o) = &s.indicator.owner { br; small { "eigen cijfers van " (o.name) } }
                                }
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
    for_caller(&caller, StatusCode::OK, page(&state.web, "Cijfers", body))
}

/// A page that may show own indicators: kept by no cache when the caller is logged in (what
/// they see depends on their organisations).
pub(crate) fn for_caller(caller: &WebCaller, status: StatusCode, markup: Markup) -> Response {
    if caller.principal.user.is_some() {
        private(status, markup)
    } else {
        respond(status, markup)
    }
}

/// The indicators of a theme that `who` may see, in alphabetical order.
fn of_theme<'s>(snap: &'s Snapshot, who: &'s Principal, theme: samenhang_stats::Theme) -> Vec<&'s Series> {
    let mut series: Vec<&Series> = snap
        .all_series_for(who)
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
    /// The comparison group of the ranking (every region of the kind by default).
    peers: Peers,
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

/// A region code the snapshot knows, or the Dutch fault.
fn known_region(snap: &Snapshot, s: &str) -> Result<RegionCode, String> {
    match RegionCode::parse(s.trim()) {
        Ok(c) if snap.regions.position(c).is_some() => Ok(c),
        Ok(c) => Err(format!("Gebied {c} is onbekend.")),
        Err(e) => Err(format!("Gebied '{s}': {e}.")),
    }
}

/// Checks the query; every fault is named in Dutch.
fn choose(q: &super::Query, snap: &Snapshot, series: &Series) -> Result<Choice, Vec<String>> {
    let mut faults = Vec::new();
    for k in q.keys() {
        if !["soort", "jaar", "gebied", "sorteer", "volgorde", "groep", "leden"].contains(&k.as_str()) {
            faults.push(format!(
                "De parameter '{k}' kent deze pagina niet. Gebruik soort, jaar, gebied, groep, leden, sorteer of volgorde."
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
    // The newest year with a value for a region of the kind shown (gemeente figures may end
    // before the national ones), else the newest year.
    let newest = series
        .years()
        .iter()
        .rev()
        .copied()
        .find(|y| snap.year_values(series, *y).any(|(i, _, _)| snap.kind(i) == kind))
        .or_else(|| series.years().last().copied())
        .unwrap_or_else(|| latest_year(snap));
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
    let region = match q.get("gebied").map(|s| known_region(snap, s)) {
        None => RegionCode::Nederland,
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            faults.push(e);
            RegionCode::Nederland
        }
    };
    let sort = match q.get("sorteer").map(String::as_str) {
        None | Some("waarde") => Sort::Value,
        Some("naam") => Sort::Name,
        Some(other) => {
            faults.push(format!("Sorteren op '{other}' kan niet: kies naam of waarde."));
            Sort::Value
        }
    };
    // By value, the best first: lowest first where lower is better.
    let descending = match q.get("volgorde").map(String::as_str) {
        None => {
            sort == Sort::Value && series.indicator.direction != samenhang_stats::definition::Direction::LagerIsBeter
        }
        Some("af") => true,
        Some("op") => false,
        Some(other) => {
            faults.push(format!(
                "Volgorde '{other}' kan niet: kies op (oplopend) of af (aflopend)."
            ));
            true
        }
    };
    let group = PeerGroup::parse(q.get("groep").map(String::as_str), q.get("leden").map(String::as_str))
        .unwrap_or_else(|e| {
            faults.push(e);
            PeerGroup::All
        });
    let peers = if group == PeerGroup::All || !faults.is_empty() {
        None
    } else if kind != RegionKind::Gemeente || region.kind() != RegionKind::Gemeente {
        faults.push(
            "Een vergelijkingsgroep kan alleen bij een ranglijst van gemeenten en een gemeente als gebied, bijvoorbeeld soort=gemeente&gebied=GM0153."
                .into(),
        );
        None
    } else {
        resolve(snap, &group, region, year).map_err(|e| faults.push(e)).ok()
    };
    let peers = match peers {
        Some(p) => p,
        None => Peers::all(kind),
    };
    if faults.is_empty() {
        Ok(Choice {
            kind,
            year,
            region,
            sort,
            descending,
            peers,
        })
    } else {
        Err(faults)
    }
}

fn origin_label(o: Origin, series: &Series) -> String {
    match (o, &series.indicator.owner) {
        (Origin::Published, None) => "gepubliceerd door CBS".into(),
        (Origin::Published, Some(owner)) => format!("aangeleverd door {}", owner.name),
        (Origin::Aggregated, _) => "opgeteld uit gemeenten".into(),
        (Origin::Harmonised, _) => "omgerekend naar andere grenzen".into(),
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

/// The regions of `kind` (or of the comparison group `peers`) to draw and list, with their value
/// and rank in `year`.
fn cells(
    snap: &Snapshot,
    series: &Series,
    kind: RegionKind,
    year: i32,
    peers: Option<&Peers>,
) -> Vec<(RegionCode, String, Option<f64>, Option<usize>)> {
    let ranked = match peers {
        Some(p) => ranked_year_among(snap, series, year, p),
        None => ranked_year(snap, series, kind, year),
    };
    let mut out: Vec<(RegionCode, String, Option<f64>, Option<usize>)> = ranked
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
            let member = peers.is_none_or(|p| snap.regions.position(c).is_some_and(|i| p.contains(snap, i)));
            if member && !with_value.contains(&c) {
                out.push((c, m.name.clone(), None, None));
            }
        }
    }
    out
}

/// "Bron: CBS, tabel …" for the indicator's tables (the API's bronvermelding); the general line
/// if the store cannot say.
async fn source_line(state: &WebState, series: &Series) -> String {
    samenhang_app::figures::source_of(&state.app, &series.indicator)
        .await
        .map(|b| b.text)
        .unwrap_or_else(|_| "Bron: CBS (CC BY 4.0)".into())
}

/// `GET /indicatoren/{id}?soort=&jaar=&gebied=&sorteer=&volgorde=`.
pub async fn handler(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    Query(mut q): Query<super::Query>,
) -> Response {
    let web: &Web = &state.web;
    super::with_saved_group(&state, &caller, &mut q).await;
    let snap = state.app.snapshot();
    let Some(series) = snap.series_for(&id, &caller.principal) else {
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
    let map_values: Vec<(RegionCode, String, Option<f64>)> = cells(&snap, series, choice.kind, choice.year, None)
        .into_iter()
        .map(|r| (r.0, r.1, r.2))
        .collect();
    let grouped = choice.peers.group != PeerGroup::All;
    let mut rows = cells(
        &snap,
        series,
        choice.kind,
        choice.year,
        grouped.then_some(&choice.peers),
    );
    // Regions without a value go last whatever the order.
    let (mut rows, missing): (Vec<_>, Vec<_>) = rows.drain(..).partition(|r| r.2.is_some());
    match choice.sort {
        Sort::Name => rows.sort_by(|a, b| a.1.cmp(&b.1)),
        Sort::Value => rows.sort_by(|a, b| {
            let by_value = a.2.unwrap_or(0.0).total_cmp(&b.2.unwrap_or(0.0));
            // Equal values stay in alphabetical order, whichever way the values run.
            if choice.descending {
                by_value.reverse()
            } else {
                by_value
            }
            .then_with(|| a.1.cmp(&b.1))
        }),
    }
    if choice.descending && choice.sort == Sort::Name {
        rows.reverse();
    }
    rows.extend(missing);
    let trend_of = |area: RegionCode| -> Vec<(i32, f64)> {
        series
            .years()
            .iter()
            .filter_map(|y| snap.value(series, area, *y).map(|v| (*y, v.0)))
            .collect()
    };
    let trend = trend_of(choice.region);
    let region_name = name(&snap, choice.region);
    // On the same axes: the arbeidsmarktregio of a gemeente and Nederland (not for a count,
    // whose values grow with the size of the area).
    let around: Vec<RegionCode> = match choice.region {
        _ if series.indicator.is_count() => Vec::new(),
        RegionCode::Municipality(g) => {
            let year = super::latest_year(&snap);
            (2010..=year)
                .rev()
                .find_map(|y| {
                    snap.memberships(y)
                        .iter()
                        .find(|m| m.municipality == g)
                        .map(|m| m.labour_market_region)
                })
                .flatten()
                .map(RegionCode::from)
                .into_iter()
                .chain([RegionCode::Nederland])
                .collect()
        }
        RegionCode::Nederland => Vec::new(),
        _ => vec![RegionCode::Nederland],
    };
    let context: Vec<(String, Vec<(i32, f64)>)> = around
        .into_iter()
        .map(|r| (name(&snap, r), trend_of(r)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let context_refs: Vec<(&str, &[(i32, f64)])> = context.iter().map(|(n, t)| (n.as_str(), t.as_slice())).collect();
    // "Enschede, Twente en Nederland".
    let areas_text = {
        let mut names: Vec<&str> = std::iter::once(region_name.as_str())
            .chain(context.iter().map(|(n, _)| n.as_str()))
            .collect();
        let last = names.pop().unwrap_or_default();
        if names.is_empty() {
            last.to_string()
        } else {
            format!("{} en {last}", names.join(", "))
        }
    };
    let source = source_line(&state, series).await;
    let kind_str = choice.kind.as_str();
    let group_query = match choice.peers.group.query() {
        q if q.is_empty() => q,
        q => format!("&{q}"),
    };
    let link = |sort: Sort, order: &str| {
        format!(
            "/indicatoren/{id}?soort={kind_str}&jaar={}&gebied={}{group_query}&sorteer={}&volgorde={order}#ranglijst",
            choice.year,
            choice.region,
            sort.as_str()
        )
    };
    let chosen_row = rows.iter().position(|r| r.0 == choice.region);
    let chosen_rank = chosen_row.and_then(|i| rows[i].3);
    let ranked_count = rows.iter().filter(|r| r.2.is_some()).count();
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
                        option value=(k.as_str()) selected[k == choice.kind] { (k.plural()) }
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
        @if !map_values.iter().any(|v| v.2.is_some()) {
            p.notice {
                "Voor " (choice.kind.plural()) " zijn er in " (choice.year) " geen cijfers van deze indicator"
                @if snap.municipal_years(series).is_empty() && choice.kind == RegionKind::Gemeente { ": ze zijn alleen landelijk of per regio beschikbaar" }
                ". Kies hierboven een andere soort gebied of een ander jaar."
            }
        } @else {
        (web.maps.choropleth(
            "kaart",
            &format!("{} per {}, {} ({unit})", ind.name, choice.kind.label(), choice.year),
            &format!("Kaart van Nederland met de {} gekleurd in vijf klassen naar {} in {}. De waarden staan in de ranglijst hieronder.", choice.kind.plural(), ind.name.to_lowercase(), choice.year),
            &map_values,
            unit,
            Some(choice.region),
        ))
        }
        h2 { "Ontwikkeling in " (region_name) }
        form.search method="get" action=(format!("/indicatoren/{id}")) {
            div {
                label for="gebied" { "Gebiedscode" }
                input #gebied type="text" name="gebied" value=(choice.region) size="8" aria-describedby="gebied-hulp";
                span #gebied-hulp .muted { "Bijvoorbeeld GM0153 (Enschede), AM05 of NL01." }
            }
            input type="hidden" name="soort" value=(kind_str);
            input type="hidden" name="jaar" value=(choice.year);
            button type="submit" { "Toon" }
        }
        @if trend.is_empty() {
            p { "Voor " (region_name) " zijn er geen cijfers van deze indicator." }
        } @else {
            (lines_chart(
                "grafiek",
                &format!("{} in {}, {}–{}", ind.name, areas_text, trend[0].0, trend[trend.len() - 1].0),
                &format!("Lijngrafiek van {} in {} per jaar. De waarden staan in de tabel onder de grafiek.", ind.name.to_lowercase(), areas_text),
                (&region_name, &trend),
                &context_refs,
                unit,
            ))
            details {
                summary { "Tabel bij de grafiek" }
                div.scroll { table {
                    caption { (ind.name) " in " (areas_text) " (" (unit) ")" }
                    thead { tr {
                        th scope="col" { "Jaar" }
                        th.num scope="col" { (region_name) }
                        @for (n, _) in &context { th.num scope="col" { (n) } }
                    } }
                    tbody { @for (y, v) in &trend { tr {
                        th scope="row" { (y) }
                        td.num { (format::auto(*v, unit)) }
                        @for (_, t) in &context { td.num { @match t.iter().find(|p| p.0 == *y) { Some(p) => (format::auto(p.1, unit)), None => "–" } } }
                    } } }
                } }
            }
        }
        h2 #ranglijst { "Ranglijst " (if grouped { choice.peers.name.as_str() } else { choice.kind.plural() }) ", " (choice.year) }
        @if choice.kind == RegionKind::Gemeente && choice.region.kind() == RegionKind::Gemeente {
            form.search.groep method="get" action=(format!("/indicatoren/{id}#ranglijst")) {
                input type="hidden" name="soort" value=(kind_str);
                input type="hidden" name="jaar" value=(choice.year);
                input type="hidden" name="gebied" value=(choice.region);
                (super::group_fields(&format!("Vergelijk {region_name} met"), &choice.peers.group))
                button type="submit" { "Vergelijk" }
            }
        }
        @if let Some(i) = chosen_row {
            p {
                @match chosen_rank {
                    Some(r) => { (region_name) " staat op plaats " (r) " van " (ranked_count) "; " a href=(format!("#rij-{}", choice.region)) { "naar de rij van " (region_name) } "." }
                    None => { (region_name) " heeft in " (choice.year) " geen waarde; " a href=(format!("#rij-{}", rows[i].0)) { "naar de rij" } "." }
                }
            }
        }
        p {
            a href=(format!("/indicatoren/{id}/waarden.csv")) download { "Download alle waarden (CSV)" }
            @if choice.region != RegionCode::Nederland {
                " · " a href=(format!("/indicatoren/{id}/waarden.csv?gebied={}", choice.region)) download { "Download de waarden van " (region_name) " (CSV)" }
            }
            @if choice.region.kind() == RegionKind::Arbeidsmarktregio || choice.region.kind() == RegionKind::Provincie {
                " · " a href=(format!("/indicatoren/{id}/waarden.csv?soort=gemeente&gebied={}", choice.region)) download { "Download de gemeenten van " (region_name) " (CSV)" }
            }
            " · " a href=(format!("/api/v1/indicatoren/{id}/waarden")) { "Dezelfde cijfers via de API" }
        }
        @if !rows.iter().any(|r| r.2.is_some()) {
            p.notice { "Geen ranglijst: voor " (choice.kind.plural()) " zijn er in " (choice.year) " geen cijfers van deze indicator." }
        } @else {
        div.scroll tabindex="0" role="region" aria-label="Ranglijst" {
            table {
                caption { (ind.name) " per " (choice.kind.label()) ", " (choice.year) @if grouped { " (" (choice.peers.name) ")" } ". Sorteer met de links in de kop." }
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
                        tr id=(format!("rij-{code}")) class=[(*code == choice.region).then_some("gekozen")] {
                            td.num { @if let Some(r) = r { (r) } @else { "–" } }
                            th scope="row" {
                                @if let Some(h) = href(*code) { a href=(h) { (n) } } @else { (n) }
                                @if *code == choice.region { span.visually-hidden { " (gekozen)" } }
                            }
                            td.num { @if let Some(v) = v { (format::auto(*v, unit)) } @else { "geen waarde" } }
                            td { @if let Some((_, o)) = snap.value(series, *code, choice.year) { (origin_label(o, series)) } }
                        }
                    }
                }
            }
        }
        }
        p.source { (source) ". Rang 1 is de gunstigste waarde; bij indicatoren zonder richting de hoogste. Kaart: Bron: CBS, PDOK." }
    };
    for_caller(&caller, StatusCode::OK, page(web, &ind.name, body))
}

/// `GET /indicatoren/{id}/waarden.csv?soort=&gebied=`: the values for spreadsheets set to Dutch
/// (a UTF-8 byte-order mark so that Excel reads "Súdwest-Fryslân" right, `;`, a decimal comma,
/// the indicator's fixed number of decimals), with the source as the last line. `soort` keeps
/// one kind of region; `gebied` keeps one region or, with a smaller `soort`, the regions of that
/// kind that lie in it in each year (`soort=gemeente&gebied=AM05`: Twente's gemeenten).
pub async fn csv(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    Query(q): Query<super::Query>,
) -> Response {
    let id = id.trim_end_matches(".csv").to_string();
    let snap = state.app.snapshot();
    let Some(series) = snap.series_for(&id, &caller.principal) else {
        return error(
            &state.web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen indicator '{id}'."),
        );
    };
    let mut faults = Vec::new();
    if let Some(k) = q.keys().find(|k| !["soort", "gebied"].contains(&k.as_str())) {
        faults.push(format!(
            "De parameter '{k}' kent deze download niet. Gebruik soort en gebied."
        ));
    }
    let kind = match q.get("soort").map(String::as_str) {
        None => None,
        Some(s) => match RegionKind::parse(s) {
            Some(k) => Some(k),
            None => {
                faults.push(format!(
                    "Soort '{s}' kan niet: kies gemeente, arbeidsmarktregio, corop, provincie, landsdeel of land."
                ));
                None
            }
        },
    };
    let region = match q.get("gebied").map(|s| known_region(&snap, s)) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            faults.push(e);
            None
        }
    };
    if !faults.is_empty() {
        return error(&state.web, StatusCode::BAD_REQUEST, &faults.join(" "));
    }
    // The gemeenten in the region per year, looked up once rather than per value.
    let inside = region.map(|r| snap.gemeenten_in(r)).unwrap_or_default();
    let keep = |i: usize, year: i32| -> bool {
        let code = snap.regions.code(i);
        match (kind, region) {
            (None, None) => true,
            (Some(k), None) => snap.kind(i) == k,
            (None, Some(r)) => code == r,
            (Some(k), Some(r)) if k == r.kind() => code == r,
            (Some(k), Some(r)) => {
                snap.kind(i) == k
                    && match code {
                        RegionCode::Municipality(m) => inside.get(&year).is_some_and(|g| g.contains(&m)),
                        _ => r == RegionCode::Nederland,
                    }
            }
        }
    };
    let mut out = format!("{BOM}{COLUMNS}\r\n");
    value_rows(&mut out, &snap, series, None, keep);
    let source = source_line(&state, series).await;
    let _ = write!(out, "# {}\r\n", source);
    let file = match region {
        Some(r) => format!("{id}-{r}.csv"),
        None => format!("{id}.csv"),
    };
    let mut res = csv_response(out, &file);
    if !series.indicator.is_public() {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// The byte-order mark that makes Excel read a CSV as UTF-8.
const BOM: char = '\u{feff}';
/// The columns of a values download.
const COLUMNS: &str = "gebiedcode;gebiednaam;soort;jaar;waarde;eenheid;herkomst";

/// Appends the values of `series` that `keep(position, year)` lets through, one line each, with
/// the indicator's fixed number of decimals and a decimal comma; with `lead`, that text (the
/// indicator) is the first column and the source the last.
fn value_rows(
    out: &mut String,
    snap: &Snapshot,
    series: &Series,
    lead: Option<(&str, &str)>,
    keep: impl Fn(usize, i32) -> bool,
) {
    let decimals = series.indicator.decimals();
    for &y in series.years() {
        for (i, v, o) in snap.year_values(series, y) {
            if !keep(i, y) {
                continue;
            }
            if let Some((indicator, _)) = lead {
                let _ = write!(out, "{};", csv_field(indicator));
            }
            let _ = write!(
                out,
                "{};{};{};{y};{};{};{}",
                snap.regions.code(i),
                csv_field(snap.regions.name(i)),
                snap.kind(i).as_str(),
                format!("{v:.decimals$}").replace('.', ","),
                csv_field(&series.indicator.unit),
                origin_label(o, series)
            );
            if let Some((_, source)) = lead {
                let _ = write!(out, ";{}", csv_field(source));
            }
            out.push_str("\r\n");
        }
    }
}

fn csv_response(body: String, file: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `GET /gemeenten/{code}/kerncijfers.csv` and `GET /arbeidsmarktregios/{code}/kerncijfers.csv`:
/// every key indicator (those of the gemeente page) × the gemeente, or the region and each
/// gemeente that lies in it that year, × every year, with the source per line; then the own
/// indicators the caller may see (the download is then not cached). The same format as the
/// values download, with the indicator first and the source last.
pub async fn region_csv(State(state): State<WebState>, caller: WebCaller, Path(raw): Path<String>) -> Response {
    let snap = state.app.snapshot();
    let code = match RegionCode::parse(&raw) {
        Ok(c @ (RegionCode::Municipality(_) | RegionCode::LabourMarketRegion(_)))
            if snap.regions.position(c).is_some() =>
        {
            c
        }
        Ok(c @ (RegionCode::Municipality(_) | RegionCode::LabourMarketRegion(_))) => {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!("Er is geen gebied met code {c}."),
            )
        }
        Ok(c) => {
            return error(
                &state.web,
                StatusCode::BAD_REQUEST,
                &format!("{c} is geen gemeente of arbeidsmarktregio."),
            )
        }
        Err(e) => return error(&state.web, StatusCode::BAD_REQUEST, &format!("{e}.")),
    };
    let inside = snap.gemeenten_in(code);
    let mut out = format!("{BOM}indicator;{COLUMNS};bron\r\n");
    // The key indicators, then the own indicators the caller may see (as on the page).
    let who = &caller.principal;
    let own: Vec<&Series> = snap
        .all_series_for(who)
        .filter(|s| s.indicator.owner.is_some())
        .collect();
    let mut private = false;
    for series in super::GEMEENTE_INDICATORS
        .iter()
        .filter_map(|id| snap.series(id))
        .chain(own)
    {
        private |= !series.indicator.is_public();
        let source = source_line(&state, series).await;
        let inside = &inside;
        value_rows(
            &mut out,
            &snap,
            series,
            Some((&series.indicator.name, &source)),
            |i, year| {
                let c = snap.regions.code(i);
                c == code
                    || matches!((c, code), (RegionCode::Municipality(m), RegionCode::LabourMarketRegion(_))
                    if inside.get(&year).is_some_and(|g| g.contains(&m)))
            },
        );
    }
    let mut res = csv_response(out, &format!("kerncijfers-{code}.csv"));
    if private {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
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
