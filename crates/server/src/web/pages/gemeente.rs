// SPDX-License-Identifier: EUPL-1.2
//! The gemeente page: key indicators grouped by theme (labour market first), each with its
//! latest value, unit and year, its trend, the same indicator for its arbeidsmarktregio,
//! provincie and Nederland, and, only where higher or lower is better, its rank among all
//! gemeenten and among gemeenten of its size; the regions it belongs to, a map of its
//! arbeidsmarktregio, and the definitions. One block per indicator on a phone.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_stats::compare::{compare, ranks};

use super::{href, latest_year, name};
use crate::web::format;
use crate::web::layout::{error, html_response, page};
use crate::web::svg::sparkline;
use crate::web::WebState;

/// The indicators of the gemeente page, labour market first; grouped by their theme on the page.
const GEMEENTE_INDICATORS: &[&str] = &[
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

/// Size classes by inhabitants, for comparing with peers.
const SIZE_CLASSES: &[(f64, &str)] = &[
    (20_000.0, "minder dan 20.000 inwoners"),
    (50_000.0, "20.000 tot 50.000 inwoners"),
    (100_000.0, "50.000 tot 100.000 inwoners"),
    (250_000.0, "100.000 tot 250.000 inwoners"),
    (f64::INFINITY, "250.000 inwoners of meer"),
];

fn size_class(inhabitants: f64) -> usize {
    SIZE_CLASSES
        .iter()
        .position(|(max, _)| inhabitants < *max)
        .unwrap_or(SIZE_CLASSES.len() - 1)
}

/// `GET /gemeenten/{code}`.
pub async fn handler(State(state): State<WebState>, Path(raw): Path<String>) -> Response {
    let web = &state.web;
    let code = match RegionCode::parse(&raw) {
        Ok(c @ RegionCode::Municipality(_)) => c,
        Ok(other) => {
            return error(
                web,
                StatusCode::BAD_REQUEST,
                &format!("{other} is geen gemeentecode. Een gemeentecode is GM met vier cijfers, bijvoorbeeld GM0153."),
            )
        }
        Err(e) => return error(web, StatusCode::BAD_REQUEST, &format!("{e}.")),
    };
    let snap = state.app.snapshot();
    let vocab = state.app.vocab();
    let key = format!("gemeente/{code}");
    if let Some(html) = web.cache.get(&key, &snap, &vocab) {
        return html_response(StatusCode::OK, html.to_string());
    }
    let latest = latest_year(&snap);
    let Some(member) = (2010..=latest).rev().find_map(|y| {
        snap.memberships(y)
            .iter()
            .find(|m| RegionCode::from(m.municipality) == code)
            .cloned()
    }) else {
        return error(
            web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen gemeente met code {code} in de indeling van 2010 tot en met {latest}."),
        );
    };
    let gm_name = member.name.clone();
    // Size classes of all gemeenten, by their newest population.
    let inhabitants = snap.series("inwoners");
    let mut class_of: HashMap<RegionCode, usize> = HashMap::new();
    if let Some(s) = inhabitants {
        for &y in s.years() {
            for (i, v, _) in snap.year_values(s, y) {
                let c = snap.regions.code(i);
                if c.kind() == RegionKind::Gemeente {
                    class_of.insert(c, size_class(v));
                }
            }
        }
    }
    let my_class = class_of.get(&code).copied();

    struct Row {
        id: String,
        theme: samenhang_stats::Theme,
        ranked: bool,
        name: String,
        description: String,
        unit: String,
        year: i32,
        value: f64,
        trend: Vec<(i32, f64)>,
        rank: usize,
        of: usize,
        quartile: u8,
        peer_rank: Option<(usize, usize)>,
        refs: Vec<(RegionCode, f64)>,
        /// (id, label, the statistical definition or else the first).
        concept: Option<(String, String, Option<String>)>,
    }
    let mut rows = Vec::new();
    for id in GEMEENTE_INDICATORS {
        let Some(series) = snap.series(id) else { continue };
        let Some(year) = series
            .years()
            .iter()
            .rev()
            .copied()
            .find(|y| snap.value(series, code, *y).is_some())
        else {
            continue;
        };
        let Ok(c) = compare(&snap, series, code, year) else {
            continue;
        };
        let trend: Vec<(i32, f64)> = series
            .years()
            .iter()
            .filter_map(|y| snap.value(series, code, *y).map(|(v, _)| (*y, v)))
            .collect();
        let peer_rank = my_class.and_then(|mine| {
            let peers: Vec<(RegionCode, f64)> = snap
                .year_values(series, year)
                .map(|(i, v, _)| (snap.regions.code(i), v))
                .filter(|(c, _)| c.kind() == RegionKind::Gemeente && class_of.get(c) == Some(&mine))
                .collect();
            let values: Vec<f64> = peers.iter().map(|p| p.1).collect();
            let r = ranks(&values, series.indicator.direction);
            peers.iter().position(|p| p.0 == code).map(|p| (r[p], peers.len()))
        });
        let concept = vocab.vocabulary_of(&series.indicator.concept).and_then(|(_, v)| {
            v.concept(&series.indicator.concept).map(|c| {
                let text = c
                    .definitions
                    .iter()
                    .find(|d| d.perspective.as_deref().is_some_and(|p| p.ends_with("statistiek")))
                    .or_else(|| c.definitions.first())
                    .map(|d| d.text.clone());
                (c.id.clone(), c.pref_label.clone(), text)
            })
        });
        rows.push(Row {
            id: id.to_string(),
            theme: series.indicator.theme,
            ranked: series.indicator.direction != samenhang_stats::definition::Direction::Neutraal,
            name: series.indicator.name.clone(),
            description: series.indicator.description.clone(),
            unit: series.indicator.unit.clone(),
            year,
            value: c.value,
            trend,
            rank: c.rank,
            of: c.of,
            quartile: c.quartile,
            peer_rank,
            refs: c.references.iter().map(|r| (r.region, r.value)).collect(),
            concept,
        });
    }
    let am = member.labour_market_region.map(RegionCode::from);
    let map = am.map(|am| {
        let members: Vec<(RegionCode, String, Option<f64>)> = snap
            .memberships(member.year)
            .iter()
            .filter(|m| m.labour_market_region.map(RegionCode::from) == Some(am))
            .map(|m| {
                let c = RegionCode::from(m.municipality);
                let v = inhabitants.and_then(|s| s.years().iter().rev().find_map(|y| snap.value(s, c, *y).map(|x| x.0)));
                (c, m.name.clone(), v)
            })
            .collect();
        web.maps.choropleth(
            "kaart-regio",
            &format!("Kaart van arbeidsmarktregio {} met {gm_name} gemarkeerd", name(&snap, am)),
            &format!("De gemeenten van arbeidsmarktregio {}, gekleurd naar aantal inwoners; {gm_name} heeft een dikke rand. De cijfers staan ook in de tabel op de pagina van de regio.", name(&snap, am)),
            &members,
            "inwoners",
            Some(code),
        )
    });
    let body = html! {
        p.muted { a href="/" { "Gebieden" } " › gemeente" }
        h1 { (gm_name) }
        p.lead {
            "Gemeente " (gm_name) " (" (code) ") ligt in "
            @if let Some(am) = am { "arbeidsmarktregio " a href=(format!("/arbeidsmarktregios/{am}")) { (name(&snap, am)) } ", " }
            "COROP-gebied " (name(&snap, member.corop.into())) " en de provincie " (name(&snap, member.province.into())) " (indeling " (member.year) ")."
        }
        @if let Some(c) = my_class { p { "Grootteklasse: " (SIZE_CLASSES[c].1) "." } }
        h2 { "Kerncijfers" }
        p { "Per thema de nieuwste waarde van " (gm_name) ", de ontwikkeling door de jaren, en dezelfde indicator voor de regio, de provincie en Nederland. Een rang staat alleen bij indicatoren waar hoger of lager beter is; rang 1 is de gunstigste waarde. Aantallen worden getoond, niet gerangschikt." }
        @for theme in samenhang_stats::Theme::ALL {
            @let of_theme: Vec<&Row> = rows.iter().filter(|r| r.theme == theme).collect();
            @if !of_theme.is_empty() {
                h3 { (theme.label()) }
                table.stack.kerncijfers {
                    caption.visually-hidden { (theme.label()) ": kerncijfers van " (gm_name) }
                    thead {
                        tr {
                            th scope="col" { "Indicator" }
                            th.num scope="col" { "Waarde" }
                            th scope="col" { "Ontwikkeling" }
                            th scope="col" { "Vergelijking" }
                            th scope="col" { "Rang" }
                        }
                    }
                    tbody {
                        @for r in of_theme {
                            tr {
                                th scope="row" { a href=(format!("/indicatoren/{}?gebied={code}", r.id)) { (r.name) } }
                                td.num data-label="Waarde" { strong { (format::auto(r.value, &r.unit)) } " " span.muted { (r.unit) } br; span.muted { "(" (r.year) ")" } }
                                td data-label="Ontwikkeling" {
                                    (sparkline(&format!("Ontwikkeling van {}: {}", r.name, r.trend.iter().map(|(y, v)| format!("{y} {}", format::auto(*v, &r.unit))).collect::<Vec<_>>().join(", ")), &r.trend))
                                    @if let (Some(a), Some(b)) = (r.trend.first(), r.trend.last()) { @if a.0 != b.0 { br; span.muted { (a.0) "–" (b.0) } } }
                                }
                                td data-label="Vergelijking" {
                                    ul.plain {
                                        @for (reg, v) in &r.refs {
                                            li { (name(&snap, *reg)) @if reg.kind() == RegionKind::Corop { " (COROP-gebied)" } @else if reg.kind() != RegionKind::Land { " (" (reg.kind().as_str()) ")" } ": " (format::auto(*v, &r.unit)) " " span.muted { (r.unit) } }
                                        }
                                    }
                                }
                                td data-label="Rang" {
                                    @if r.ranked {
                                        (r.rank) " van " (r.of) " gemeenten" br; span.muted { (r.quartile) "e kwartiel" }
                                        @if let Some((p, n)) = r.peer_rank { br; (p) " van " (n) " van dezelfde grootte" }
                                    } @else {
                                        span.muted { @if r.unit == "aantal" { "een aantal: niet gerangschikt" } @else { "hoger is niet beter of slechter: niet gerangschikt" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p.source { "Bron: CBS (CC BY 4.0); de tabellen per indicator staan op de indicatorpagina." }
        @if let Some(m) = map {
            h2 { "Kaart van de arbeidsmarktregio" }
            (m)
            p { @if let Some(am) = am { a href=(format!("/arbeidsmarktregios/{am}")) { "Alle gemeenten van " (name(&snap, am)) " naast elkaar" } } }
        }
        h2 #definities { "Definities" }
        dl.definitions {
            @for r in &rows {
                dt { (r.name) }
                dd {
                    (r.description) " "
                    @if let Some((id, label, text)) = &r.concept {
                        @if let Some(t) = text { br; span.muted { "Begrip " (label) ": " (t) } " " }
                        a href=(format!("/begrippen/{id}")) { "Alle definities van " (label) }
                    }
                }
            }
        }
        h2 { "Gebieden" }
        ul {
            @if let Some(am) = am { li { "Arbeidsmarktregio: " a href=(href(am).unwrap_or_default()) { (name(&snap, am)) " (" (am) ")" } } }
            li { "COROP-gebied: " (name(&snap, member.corop.into())) " (" (member.corop) ")" }
            li { "Provincie: " (name(&snap, member.province.into())) " (" (member.province) ")" }
            li { a href=(format!("/api/v1/gebieden/{code}")) { "Indeling per jaar en herindelingen (API)" } }
        }
    };
    let html: std::sync::Arc<str> = page(web, &gm_name, body).into_string().into();
    web.cache.put(key, &snap, &vocab, html.clone());
    html_response(StatusCode::OK, html.to_string())
}
