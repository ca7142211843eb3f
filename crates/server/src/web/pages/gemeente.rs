// SPDX-License-Identifier: EUPL-1.2
//! The gemeente page: key indicators grouped by theme (labour market first), each with its
//! latest value, unit and year, its trend, the same indicator for its arbeidsmarktregio,
//! provincie and Nederland, and, only where higher or lower is better, its rank among all
//! gemeenten and within the comparison group chosen in the URL (`?groep=arbeidsmarktregio`, or
//! `?groep=eigen&leden=GM0164,GM0141`); the regions it belongs to, a note when it no longer
//! exists, a map of its arbeidsmarktregio, and the definitions. Per rate a small chart with the
//! arbeidsmarktregio and Nederland next to the gemeente and a benchmark strip among the group.
//! Below the figures "Wat de regio eraan doet": the gemeente's goals, aldermen, schemes,
//! agreements and bodies, kept per version of the records. One block per indicator on a phone.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup, PreEscaped};
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_stats::compare::{compare, ranked_year_among};
use samenhang_stats::peers::{resolve, PeerGroup, Peers};

use super::{href, latest_year, name, GEMEENTE_INDICATORS};
use samenhang_app::analyses::{GemeenteWork, ThemeRecord};
use samenhang_domain::spec::KindSpec;

use super::afspraken::status_cell;
use crate::web::caller::WebCaller;
use crate::web::format;
use crate::web::layout::{error, html_response, page, private};
use crate::web::svg::{benchmark, sparklines};
use crate::web::WebState;

/// Where the section on the registers goes in a rendered page (a comment: no text a user
/// writes can produce it, as maud escapes `<`).
const WORK: &str = "<!--samenhang:wat-de-regio-doet-->";

/// One indicator's row on the page.
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
    /// The trend of its arbeidsmarktregio (dashed) and of Nederland (dotted), in those two
    /// places (an empty trend where there is none), with their names; none for a count, whose
    /// scale differs with the size of the area.
    ref_trends: Vec<(String, Vec<(i32, f64)>)>,
    /// The values of the chosen group (or every gemeente) in `year`, for the benchmark
    /// strip (not for a count).
    bench: Vec<f64>,
    /// Among whom `bench` is: the chosen group, or every gemeente.
    bench_among: &'static str,
    rank: usize,
    of: usize,
    quartile: u8,
    /// Rank and count within the chosen group, unless that is every gemeente.
    peer_rank: Option<(usize, usize)>,
    refs: Vec<(RegionCode, f64)>,
    /// (id, label, the statistical definition or else the first).
    concept: Option<(String, String, Option<String>)>,
    /// For an own indicator: its source line.
    own: Option<String>,
}

/// `GET /gemeenten/{code}?groep=&leden=`.
pub async fn handler(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(raw): Path<String>,
    Query(mut q): Query<super::Query>,
) -> Response {
    let web = &state.web;
    let saved = super::with_saved_group(&state, &caller, &mut q).await;
    if let Some(k) = q.keys().find(|k| !["groep", "leden"].contains(&k.as_str())) {
        return error(
            web,
            StatusCode::BAD_REQUEST,
            &format!("De parameter '{k}' kent deze pagina niet. Kies een vergelijkingsgroep met groep (en leden)."),
        );
    }
    let group = match PeerGroup::parse(q.get("groep").map(String::as_str), q.get("leden").map(String::as_str)) {
        Ok(g) => g,
        Err(e) => return error(web, StatusCode::BAD_REQUEST, &e),
    };
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
    // What a logged-in caller sees depends on their organisations (own indicators): only the
    // anonymous page is cached.
    let who = &caller.principal;
    let anonymous = who.user.is_none();
    let key = format!("gemeente/{code}?{}", group.query());
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
    let am_now = member.labour_market_region.map(RegionCode::from);
    // The registers change without a new snapshot: their section is kept apart, per version of
    // the records (for anonymous readers; a logged-in reader sees what their organisations may),
    // and put in the place of WORK in the (cached) page.
    let work_key = format!("gemeente-werk/{code}#{}", state.app.items_generation());
    let cached_work = if anonymous {
        web.cache.get(&work_key, &snap, &vocab)
    } else {
        None
    };
    let work: std::sync::Arc<str> = match cached_work {
        Some(w) => w,
        None => match samenhang_app::analyses::gemeente_work(&state.app, who, code, &gm_name, am_now).await {
            Ok(w) => {
                let html: std::sync::Arc<str> = work_section(&state, &w, &gm_name, am_now).into_string().into();
                if anonymous {
                    web.cache.put(work_key, &snap, &vocab, html.clone());
                }
                html
            }
            Err(e) => return super::samenhang::fail(&state, e),
        },
    };
    if anonymous {
        if let Some(html) = web.cache.get(&key, &snap, &vocab) {
            return html_response(StatusCode::OK, html.replacen(WORK, &work, 1));
        }
    }
    let inhabitants = snap.series("inwoners");
    // The group as it is in the newest classification, for the menu and the member list.
    let chosen = match resolve(&snap, &group, code, member.year) {
        Ok(p) => p,
        Err(e) => return error(web, StatusCode::BAD_REQUEST, &e),
    };
    let size_class = resolve(&snap, &PeerGroup::SizeClass, code, member.year).ok();
    let ended = match code {
        RegionCode::Municipality(m) => snap.lineage().end_of(m),
        _ => None,
    };

    let mut rows = Vec::new();
    let all = Peers::all(RegionKind::Gemeente);
    // The chosen group per year (indicators end in different years; the group is resolved once
    // per year, not once per indicator).
    let mut group_in: HashMap<i32, Option<Peers>> = HashMap::new();
    // The key indicators, then the own indicators the caller may see.
    let ids: Vec<&str> = GEMEENTE_INDICATORS
        .iter()
        .copied()
        .chain(
            snap.all_series_for(who)
                .filter(|s| s.indicator.owner.is_some())
                .map(|s| s.indicator.id.as_str()),
        )
        .collect();
    for id in ids {
        let Some(series) = snap.series_for(id, who) else {
            continue;
        };
        let Some(year) = series
            .years()
            .iter()
            .rev()
            .copied()
            .find(|y| snap.value(series, code, *y).is_some())
        else {
            continue;
        };
        let Ok(c) = compare(&snap, series, code, year, &all) else {
            continue;
        };
        let trend_of = |area: RegionCode| -> Vec<(i32, f64)> {
            series
                .years()
                .iter()
                .filter_map(|y| snap.value(series, area, *y).map(|(v, _)| (*y, v)))
                .collect()
        };
        let trend = trend_of(code);
        let count = series.indicator.is_count();
        let ref_trends: Vec<(String, Vec<(i32, f64)>)> = if count {
            Vec::new()
        } else {
            // Fixed places, so the line styles match the legend.
            let region = am_now.map_or((String::new(), Vec::new()), |am| (name(&snap, am), trend_of(am)));
            vec![
                region,
                (name(&snap, RegionCode::Nederland), trend_of(RegionCode::Nederland)),
            ]
        };
        let peers = if group == PeerGroup::All {
            None
        } else {
            group_in
                .entry(year)
                .or_insert_with(|| resolve(&snap, &group, code, year).ok())
                .as_ref()
        };
        let peer_rank = peers
            .and_then(|peers| compare(&snap, series, code, year, peers).ok())
            .map(|p| (p.rank, p.of));
        let bench: Vec<f64> = if count {
            Vec::new()
        } else {
            ranked_year_among(&snap, series, year, peers.unwrap_or(&all))
                .rows
                .iter()
                .map(|r| r.1)
                .collect()
        };
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
            ref_trends,
            bench,
            bench_among: if peers.is_some() {
                "in de vergelijkingsgroep"
            } else {
                "onder alle gemeenten"
            },
            rank: c.rank,
            of: c.of,
            quartile: c.quartile,
            peer_rank,
            // A COROP region with the name of the arbeidsmarktregio is the same area (Twente):
            // shown once.
            refs: c
                .references
                .iter()
                .filter(|r| {
                    r.region.kind() != RegionKind::Corop
                        || am_now.is_none_or(|am| name(&snap, am) != name(&snap, r.region))
                })
                .map(|r| (r.region, r.value))
                .collect(),
            concept,
            own: series
                .indicator
                .owner
                .as_ref()
                .map(|o| format!("eigen cijfers van {}: {}", o.name, o.source)),
        });
    }
    let am = member.labour_market_region.map(RegionCode::from);
    let map = am.map(|am| {
        let year = inhabitants.and_then(|s| s.years().last().copied());
        let members: Vec<(RegionCode, String, Option<f64>)> = snap
            .memberships(member.year)
            .iter()
            .filter(|m| m.labour_market_region.map(RegionCode::from) == Some(am))
            .map(|m| {
                let c = RegionCode::from(m.municipality);
                let v = inhabitants.zip(year).and_then(|(s, y)| snap.value(s, c, y)).map(|x| x.0);
                (c, m.name.clone(), v)
            })
            .collect();
        web.maps.choropleth(
            "kaart-regio",
            &format!(
                "Aantal inwoners in de gemeenten van arbeidsmarktregio {}{}",
                name(&snap, am),
                year.map(|y| format!(", {y}")).unwrap_or_default()
            ),
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
            "Gemeente " (gm_name) " (" (code) ") " (if ended.is_some() { "lag" } else { "ligt" }) " in "
            @if let Some(am) = am { "arbeidsmarktregio " a href=(format!("/arbeidsmarktregios/{am}")) { (name(&snap, am)) } ", " }
            "COROP-gebied " (name(&snap, member.corop.into())) " en de provincie " (name(&snap, member.province.into())) " (indeling " (member.year) ")."
        }
        @if let Some((date, successors)) = &ended {
            p.notice {
                strong { (gm_name) " bestaat niet meer." }
                " Op " (format::date(&date.to_string())) " is de gemeente opgegaan in "
                @for (n, s) in successors.iter().enumerate() {
                    @if n > 0 { @if n + 1 == successors.len() { " en " } @else { ", " } }
                    a href=(format!("/gemeenten/{s}")) { (name(&snap, (*s).into())) }
                }
                ". De cijfers hieronder lopen tot dan; de indeling is die van " (member.year) "."
            }
        }
        @if let Some(sc) = &size_class { p { "Grootteklasse (CBS): " (sc.name.trim_start_matches("gemeenten met ")) "." } }
        h2 { "Kerncijfers" }
        p { "Per thema de nieuwste waarde van " (gm_name) ", de ontwikkeling door de jaren, en dezelfde indicator voor de regio, de provincie en Nederland. Een rang staat alleen bij indicatoren waar hoger of lager beter is; rang 1 is de gunstigste waarde. Aantallen worden getoond, niet gerangschikt." }
        p.muted.lijn-legenda {
            "Ontwikkeling: " span.lijn aria-hidden="true" {} " " (gm_name)
            @if let Some(am) = am_now { ", " span.lijn.l1 aria-hidden="true" {} " " (name(&snap, am)) }
            ", " span.lijn.l2 aria-hidden="true" {} " Nederland. Positie: elk dun streepje is een gemeente" @if group != PeerGroup::All { " van de vergelijkingsgroep" } ", het dikke streepje is " (gm_name) "."
        }
        form.search.groep method="get" action=(format!("/gemeenten/{code}")) {
            (super::group_fields("Vergelijk met", &group))
            button type="submit" { "Vergelijk" }
        }
        (super::saved_group_form(&caller, &group, saved.as_deref(), &format!("/gemeenten/{code}")))
        @if group != PeerGroup::All {
            @let members = chosen.listed(&snap);
            details.groep-leden open {
                summary { "Vergelijkingsgroep: " (chosen.name) " (" (members.len()) " " (if members.len() == 1 { "gemeente" } else { "gemeenten" }) ")" }
                p {
                    @for (n, (c, mname)) in members.iter().enumerate() {
                        @if n > 0 { ", " }
                        @if *c == code { strong { (mname) } } @else { a href=(format!("/gemeenten/{c}?{}", group.query())) { (mname) } }
                    }
                }
            }
        }
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
                            th scope="col" { "Positie" }
                        }
                    }
                    tbody {
                        @for r in of_theme {
                            tr {
                                th scope="row" {
                                    a href=(format!("/indicatoren/{}?gebied={code}", r.id)) { (r.name) }
                                    @if let Some(o) = &r.own { br; small.muted { (o) } }
                                }
                                td.num.waarde data-label="Waarde" { strong { (format::auto(r.value, &r.unit)) } " " span.muted { (format::unit_after(&r.unit)) } br; span.muted { "(" (r.year) ")" } }
                                td data-label="Ontwikkeling" {
                                    @let lines: Vec<&[(i32, f64)]> = std::iter::once(r.trend.as_slice()).chain(r.ref_trends.iter().map(|(_, t)| t.as_slice())).collect();
                                    (sparklines(&trend_label(&gm_name, r), &lines))
                                    @if let (Some(a), Some(b)) = (r.trend.first(), r.trend.last()) { @if a.0 != b.0 { br; span.muted { (a.0) "–" (b.0) } } }
                                }
                                td data-label="Vergelijking" {
                                    ul.plain {
                                        @for (reg, v) in &r.refs {
                                            li { (name(&snap, *reg)) @if reg.kind() != RegionKind::Land { " (" (reg.kind().label()) ")" } ": " (format::auto(*v, &r.unit)) " " span.muted { (format::unit_after(&r.unit)) } }
                                        }
                                    }
                                }
                                td data-label="Positie" {
                                    @if let (Some(lo), Some(hi)) = (r.bench.iter().copied().reduce(f64::min), r.bench.iter().copied().reduce(f64::max)) {
                                        (benchmark(&format!("{} van {gm_name}: {} {} ({}); {} van {} tot {} {}", r.name, format::auto(r.value, &r.unit), r.unit, r.year, r.bench_among, format::auto(lo, &r.unit), format::auto(hi, &r.unit), r.unit), &r.bench, r.value))
                                        span.muted.bench-bereik { (format::auto(lo, &r.unit)) " tot " (format::auto(hi, &r.unit)) " " (r.unit) } br;
                                    }
                                    @if r.ranked {
                                        (r.rank) " van " (r.of) " gemeenten" br; span.muted { (r.quartile) "e kwartiel" }
                                        @if let Some((p, n)) = r.peer_rank {
                                            br; a.groep-rang href=(format!("/indicatoren/{}?gebied={code}&{}#rij-{code}", r.id, group.query())) { (p) " van " (n) " in de vergelijkingsgroep" }
                                        }
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
        p.source {
            "Bron: CBS (CC BY 4.0); de tabellen per indicator staan op de indicatorpagina."
            @if rows.iter().any(|r| r.own.is_some()) { " Eigen cijfers: de organisatie die ze aanlevert staat bij de indicator." }
        }
        p { a href=(format!("/gemeenten/{code}/kerncijfers.csv")) download { "Download de kerncijfers van " (gm_name) ", alle jaren (CSV voor Excel)" } }
        (PreEscaped(WORK))
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
    let html = page(web, &gm_name, body).into_string();
    if !anonymous {
        return private(StatusCode::OK, PreEscaped(html.replacen(WORK, &work, 1)));
    }
    let shown = html.replacen(WORK, &work, 1);
    web.cache.put(key, &snap, &vocab, html.into());
    html_response(StatusCode::OK, shown)
}

/// The text alternative of a row's trend lines: the gemeente's values, then its region's and
/// Nederland's.
fn trend_label(gm_name: &str, r: &Row) -> String {
    let values = |t: &[(i32, f64)]| {
        t.iter()
            .map(|(y, v)| format!("{y} {}", format::auto(*v, &r.unit)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!(
        "Ontwikkeling van {} in {gm_name} ({}): {}",
        r.name,
        r.unit,
        values(&r.trend)
    );
    for (n, t) in r.ref_trends.iter().filter(|(_, t)| !t.is_empty()) {
        out.push_str(&format!("; {n}: {}", values(t)));
    }
    out
}

/// "Wat de regio eraan doet": the goals, aldermen, schemes, agreements and bodies of the
/// gemeente, each a link, as far as the caller may see them.
fn work_section(state: &WebState, w: &GemeenteWork, gm_name: &str, am: Option<RegionCode>) -> Markup {
    use samenhang_domain::coherence::{AGREEMENT_SPEC, BODY_SPEC, SCHEME_SPEC};
    use samenhang_domain::registers::{GOAL_SPEC, PERSON_SPEC};
    let snap = state.app.snapshot();
    let list = |spec: &KindSpec, records: &[ThemeRecord], none: &str| {
        html! {
            @if records.is_empty() { p.muted { (none) } }
            @else { ul { @for r in records { li { a href=(format!("/{}/{}", spec.collection, r.id)) { (r.title) } " – " (r.owner.name) } } } }
        }
    };
    html! {
        h2 #wat-de-regio-doet { "Wat de regio eraan doet" }
        p {
            "De doelen, wethouders, regelingen, afspraken en overleggen over " (gm_name)
            @if let Some(am) = am { " en arbeidsmarktregio " (name(&snap, am)) }
            ", voor zover u ze mag zien."
            @if w.organisations.is_empty() { " Er is geen organisatie van de gemeente in Samenhang: wethouders, afspraken en overleggen kunnen daarom niet aan " (gm_name) " worden gekoppeld." }
        }
        h3 { "Doelen (" (w.goals.len()) ")" }
        @if w.goals.is_empty() { p.muted { "Geen doelen voor " (gm_name) @if let Some(am) = am { " of " (name(&snap, am)) } "." } }
        @else {
            ul { @for (item, g) in &w.goals {
                @let p = samenhang_app::kinds::progress_of(&state.app, g);
                li { a href=(format!("/{}/{}", GOAL_SPEC.collection, item.id)) { (g.titel) } " (" (name(&snap, g.gebied)) ", streefjaar " (g.streefjaar) "): " (status_cell(&p)) }
            } }
        }
        h3 { "Wethouders (" (w.aldermen.len()) ")" }
        @if w.aldermen.is_empty() { p.muted { "Geen wethouders van " (gm_name) " in het register." } }
        @else { ul { @for (r, portfolio) in &w.aldermen { li { a href=(format!("/{}/{}", PERSON_SPEC.collection, r.id)) { (r.title) } @if let Some(p) = portfolio { " – " (p) } } } } }
        h3 { "Regelingen die hier gelden (" (w.schemes.len()) ")" }
        (list(&SCHEME_SPEC, &w.schemes, "Geen lopende of geplande regelingen voor dit gebied."))
        h3 { "Afspraken (" (w.agreements.len()) ")" }
        (list(&AGREEMENT_SPEC, &w.agreements, "Geen afspraken waarin de gemeente partij is."))
        h3 { "Overleggen (" (w.bodies.len()) ")" }
        (list(&BODY_SPEC, &w.bodies, "Geen overleggen met iemand van de gemeente."))
    }
}
