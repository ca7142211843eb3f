// SPDX-License-Identifier: EUPL-1.2
//! The Afspraken pages: goals (list and one goal with its indicator against the target), a
//! person's page (an alderman's portfolio, themes and goals) and the DUO view (per theme, the
//! aldermen and partner bodies coupled to it). Every page shows only what the reader may see:
//! the store filters by the caller, as for the API.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use samenhang_domain::access::{OrganisationKind, Principal};
use samenhang_domain::registers::{Goal, Person, Progress, ProgressStatus, OLD_FIGURES_YEARS};
use samenhang_store::accounts::Organisation;
use samenhang_store::items::{ItemQuery, StoredItem};

use crate::web::caller::WebCaller;
use crate::web::format;
use crate::web::layout::{error, page, private};
use crate::web::pages::account::internal;
use crate::web::pages::{href, name};
use crate::web::svg::goal_chart;
use crate::web::WebState;

fn all(kind: &'static str, linked_to: Option<(String, String)>) -> ItemQuery {
    ItemQuery {
        linked_to,
        ..ItemQuery::all(kind)
    }
}

async fn records<T: serde::de::DeserializeOwned>(
    state: &WebState,
    caller: &Principal,
    query: &ItemQuery,
) -> Result<Vec<(StoredItem, T)>, Response> {
    samenhang_app::records::decoded(&state.app, caller, query)
        .await
        .map_err(|e| crate::web::fail(state, e))
}

async fn organisations(state: &WebState) -> Result<HashMap<String, Organisation>, Response> {
    Ok(state
        .app
        .store()
        .organisations()
        .await
        .map_err(|e| internal(state, &e.to_string()))?
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect())
}

fn org_name(orgs: &HashMap<String, Organisation>, id: &str) -> String {
    orgs.get(id).map_or_else(|| id.to_string(), |o| o.name.clone())
}

/// For anonymous readers: they see only public `what`, and where to log in.
pub(crate) fn login_hint(caller: &WebCaller, what: &str) -> Markup {
    html! {
        @if caller.principal.user.is_none() {
            p.muted { "U ziet alleen openbare " (what) ". " a href="/inloggen" { "Log in" } " voor die van uw organisatie en regio." }
        }
    }
}

fn concept_label(state: &WebState, id: &str) -> String {
    state.app.vocab().label(id)
}

fn themes(state: &WebState, ids: &[String]) -> Markup {
    html! {
        @if ids.is_empty() { p.muted { "Geen thema's." } }
        @else {
            ul.tags { @for t in ids { li { a href=(format!("/begrippen/{t}")) { (concept_label(state, t)) } } } }
        }
    }
}

pub(crate) fn status_cell(p: &Progress) -> Markup {
    let key = serde_json::to_value(p.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    html! { span class=(format!("voortgang-{key}")) { (p.status.label()) } }
}

fn unit_of(state: &WebState, indicator: &str) -> (String, String) {
    state.app.snapshot().registry.indicator(indicator).map_or_else(
        || (indicator.to_string(), String::new()),
        |i| (i.name.clone(), i.unit.clone()),
    )
}

pub(crate) fn goals_table(state: &WebState, goals: &[(StoredItem, Goal)], caption: &str) -> Markup {
    html! {
        div.scroll {
            table {
                caption { (caption) }
                thead { tr {
                    th scope="col" { "Doel" } th scope="col" { "Gebied" } th scope="col" { "Indicator" }
                    th scope="col" class="num" { "Streefwaarde" } th scope="col" class="num" { "Streefjaar" }
                    th scope="col" class="num" { "Laatste waarde" } th scope="col" { "Voortgang" }
                } }
                tbody {
                    @for (item, g) in goals {
                        @let p = samenhang_app::kinds::progress_of(&state.app, g);
                        @let (ind, unit) = unit_of(state, &g.indicator);
                        tr {
                            td { a href=(format!("/doelen/{}", item.id)) { (g.titel) } }
                            td { (name(&state.app.snapshot(), g.gebied)) }
                            td { (ind) }
                            td.num { (format::auto(g.streefwaarde, &unit)) }
                            td.num { (g.streefjaar) }
                            td.num { @if let Some((y, v)) = p.latest { (format::auto(v, &unit)) " (" (y) ")" } @else { "–" } }
                            td { (status_cell(&p)) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /doelen`: every goal the reader may see, with its progress.
pub async fn goals(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let goals: Vec<(StoredItem, Goal)> = match records(&state, &caller.principal, &all("doel", None)).await {
        Ok(g) => g,
        Err(r) => return r,
    };
    let body = html! {
        h1 { "Doelen" }
        (crate::web::records::notice(&samenhang_domain::registers::GOAL_SPEC, raw.as_deref()))
        p.lead { "Doelen van gemeenten en partners, elk gekoppeld aan een indicator met een basis- en streefwaarde. "
            "De voortgang volgt uit de cijfers: ligt de laatste waarde op of voor de rechte lijn van basis- naar streefwaarde, dan is het doel op koers." }
        (login_hint(&caller, "doelen"))
        @if goals.is_empty() { p { "Er zijn nog geen doelen die u kunt zien." } }
        @else { (goals_table(&state, &goals, "Doelen en hun voortgang")) }
        p { a href="/agendas" { "Doelen per agenda" } }
        (crate::web::records::add_link(&samenhang_domain::registers::GOAL_SPEC, &caller))
        p.source { "Bron van de cijfers: CBS (CC BY 4.0)." }
    };
    private(StatusCode::OK, page(&state.web, "Doelen", body))
}

/// `GET /doelen/{id}`: one goal with its indicator chart against the planned path.
pub async fn goal(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let item = match found(&state, &caller, "doelen", &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(g) = serde_json::from_str::<Goal>(&item.data) else {
        return internal(&state, "doel onleesbaar");
    };
    let orgs = match organisations(&state).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let owner = match &g.eigenaar {
        Some(p) => state
            .app
            .store()
            .item("persoon", p, &caller.principal)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let series = samenhang_app::kinds::series(&state.app, &g);
    let shown: Vec<(i32, f64)> = series.iter().copied().filter(|(y, _)| *y >= g.basisjaar - 5).collect();
    let p = samenhang_app::kinds::progress_of(&state.app, &g);
    let (ind, unit) = unit_of(&state, &g.indicator);
    let snap = state.app.snapshot();
    let region = name(&snap, g.gebied);
    let plan_at = |y: i32| {
        g.basiswaarde
            + (g.streefwaarde - g.basiswaarde) * f64::from(y - g.basisjaar) / f64::from(g.streefjaar - g.basisjaar)
    };
    let explanation = match (p.status, p.latest, p.expected) {
        (ProgressStatus::NoData, _, _) => "Er zijn nog geen cijfers van na het basisjaar.".to_string(),
        (ProgressStatus::TargetYearPassed, None, _) => format!(
            "Het streefjaar {} is voorbij en er zijn geen cijfers van na het basisjaar {}: of het doel is behaald, is niet te zeggen.",
            g.streefjaar, g.basisjaar
        ),
        (ProgressStatus::TargetYearPassed, Some((y, v)), _) => format!(
            "Het streefjaar {} is voorbij, maar de laatste cijfers zijn van {y} ({} {unit}): of het doel is behaald, is nog niet te zeggen.",
            g.streefjaar,
            format::auto(v, &unit)
        ),
        (ProgressStatus::NotAchieved, Some((y, v)), _) => format!(
            "In {y} was de waarde {} {unit}; de streefwaarde {} {unit} voor {} is niet bereikt.",
            format::auto(v, &unit),
            format::auto(g.streefwaarde, &unit),
            g.streefjaar
        ),
        (ProgressStatus::Achieved, Some((y, v)), _) => {
            format!("In {y} was de waarde {} {unit}: de streefwaarde is bereikt.", format::auto(v, &unit))
        }
        (_, Some((y, v)), Some(e)) => format!(
            "In {y} was de waarde {} {unit}; volgens de rechte lijn van basis- naar streefwaarde hoorde dat {} {unit} te zijn.",
            format::auto(v, &unit),
            format::auto(e, &unit)
        ),
        _ => String::new(),
    };
    let body = html! {
        p { a href="/doelen" { "Alle doelen" } }
        h1 { (g.titel) (crate::web::records::example_note(&item)) }
        (crate::web::records::record_header(&samenhang_domain::registers::GOAL_SPEC, &caller, &item, raw.as_deref()))
        @if !g.omschrijving.is_empty() { p.lead { (g.omschrijving) } }
        dl.definitions {
            dt { "Voortgang" } dd {
                (status_cell(&p)) ". " (explanation)
                @if let (Some((y, _)), true) = (p.latest, p.figures_age >= OLD_FIGURES_YEARS && p.status != ProgressStatus::TargetYearPassed) {
                    " Let op: de laatste cijfers zijn van " (y) ", " (p.figures_age) " jaar geleden."
                }
            }
            @if let Some(n) = p.needed_per_year {
                dt { "Nodig per jaar" } dd { (format::auto(n, &unit)) " " (unit) " per jaar tot " (g.streefjaar)
                    @if let Some(t) = p.trend_per_year { " (tot nu toe " (format::auto(t, &unit)) " per jaar)" } }
            }
            dt { "Indicator" } dd { a href=(format!("/indicatoren/{}", g.indicator)) { (ind) } " (" (unit) ")" }
            dt { "Gebied" } dd { @if let Some(h) = href(g.gebied) { a href=(h) { (region) } } @else { (region) } }
            dt { "Basis" } dd { (format::auto(g.basiswaarde, &unit)) " " (format::unit_after(&unit)) " in " (g.basisjaar) }
            dt { "Streefwaarde" } dd { (format::auto(g.streefwaarde, &unit)) " " (format::unit_after(&unit)) " in " (g.streefjaar) }
            dt { "Eigenaar" } dd {
                @if let Some(o) = &owner {
                    a href=(format!("/personen/{}", o.id)) { (o.title) }
                } @else { "–" }
                ", " (org_name(&orgs, &item.owner))
            }
            dt { "Zichtbaarheid" } dd { (item.visibility.as_str()) }
        }
        h2 { "Thema's" }
        (themes(&state, &g.themas))
        h2 { (ind) " in " (region) " tegen het doel" }
        ul.legend {
            li { span.line-swatch {} "gemeten waarde" }
            li { span.plan-swatch {} "lijn van basis- naar streefwaarde" }
        }
        (goal_chart(
            "doel-grafiek",
            &format!("{ind} in {region} tegen het doel"),
            &format!("Gemeten waarden en de rechte lijn van {} in {} naar {} in {}.",
                format::auto(g.basiswaarde, &unit), g.basisjaar, format::auto(g.streefwaarde, &unit), g.streefjaar),
            &shown,
            &unit,
            [(g.basisjaar, g.basiswaarde), (g.streefjaar, g.streefwaarde)],
        ))
        div.scroll {
            table {
                caption { "Gemeten waarden en de lijn naar het doel (" (unit) ")" }
                thead { tr { th scope="col" { "Jaar" } th scope="col" class="num" { "Gemeten" } th scope="col" class="num" { "Volgens de lijn" } } }
                tbody {
                    @for (y, v) in &shown {
                        tr {
                            th scope="row" { (y) }
                            td.num { (format::auto(*v, &unit)) }
                            td.num { @if *y >= g.basisjaar && *y <= g.streefjaar { (format::auto(plan_at(*y), &unit)) } @else { "–" } }
                        }
                    }
                }
            }
        }
        p.source { "Bron: CBS (CC BY 4.0). " a href=(format!("/indicatoren/{}/waarden.csv", g.indicator)) { "Alle cijfers van deze indicator als CSV" } }
    };
    private(StatusCode::OK, page(&state.web, &g.titel, body))
}

/// A record of a collection the caller may see, or the Dutch 404 page.
pub(crate) async fn found(
    state: &WebState,
    caller: &WebCaller,
    collection: &str,
    id: &str,
) -> Result<StoredItem, Response> {
    let kind = samenhang_app::kinds::by_collection(collection)
        .ok_or_else(|| error(&state.web, StatusCode::NOT_FOUND, "Dit register bestaat niet."))?;
    samenhang_app::records::find(&state.app, &caller.principal, kind, id)
        .await
        .map_err(|e| crate::web::fail(state, e))
}

/// `GET /personen/{id}`: a person's portfolio, themes and goals.
pub async fn person(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let item = match found(&state, &caller, "personen", &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(p) = serde_json::from_str::<Person>(&item.data) else {
        return internal(&state, "persoon onleesbaar");
    };
    let orgs = match organisations(&state).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let goals: Vec<(StoredItem, Goal)> = match records(
        &state,
        &caller.principal,
        &all("doel", Some(("persoon".into(), id.clone()))),
    )
    .await
    {
        Ok(g) => g,
        Err(r) => return r,
    };
    let bodies: Vec<(StoredItem, samenhang_domain::coherence::Body)> = match records(
        &state,
        &caller.principal,
        &all("overleg", Some(("persoon".into(), id.clone()))),
    )
    .await
    {
        Ok(b) => b,
        Err(r) => return r,
    };
    let actions = match crate::web::pages::verslagen::section(
        &state,
        &caller,
        samenhang_app::verslagen::ActionFilter {
            person: Some(id.clone()),
            ..Default::default()
        },
        "Actiepunten",
        "Geen open actiepunten van deze persoon (die u kunt zien).",
    )
    .await
    {
        Ok(m) => m,
        Err(r) => return r,
    };
    let body = html! {
        p { a href="/personen" { "Alle personen" } }
        h1 { (p.naam) (crate::web::records::example_note(&item)) }
        (crate::web::records::record_header(&samenhang_domain::registers::PERSON_SPEC, &caller, &item, raw.as_deref()))
        p.lead { (function_label(p.functie)) " bij " (org_name(&orgs, &item.owner)) }
        dl.definitions {
            @if let Some(pf) = &p.portefeuille { dt { "Portefeuille" } dd { (pf) } }
            @if let Some(e) = &p.email { dt { "E-mail (werk)" } dd { a href=(format!("mailto:{e}")) { (e) } } }
            @if let Some(t) = &p.telefoon { dt { "Telefoon (werk)" } dd { (t) } }
        }
        h2 { "Thema's" }
        (themes(&state, &p.themas))
        h2 { "Doelen" }
        @if goals.is_empty() { p { "Geen doelen met deze persoon als eigenaar (die u kunt zien)." } }
        @else { (goals_table(&state, &goals, &format!("Doelen van {}", p.naam))) }
        (actions)
        h2 { "Overleggen" }
        @if bodies.is_empty() { p { "Geen overleggen (die u kunt zien)." } }
        @else {
            ul { @for (i, b) in &bodies { li {
                a href=(format!("/overleggen/{}", i.id)) { (b.naam) } " – " (b.mandaat.as_str()) ", "
                (format::number(b.hours_per_year(), 1)) " uur per jaar"
            } } }
            p { "Samen " (format::number(bodies.iter().map(|(_, b)| b.hours_per_year()).sum::<f64>(), 1)) " uur per jaar in overleggen." }
        }
        p { a href="/duo" { "Naar het DUO-overzicht" } }
    };
    private(StatusCode::OK, page(&state.web, &p.naam, body))
}

/// `GET /agendas`: the agendas the reader may see, each with its goals and their progress.
pub async fn agendas(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let agendas: Vec<(StoredItem, samenhang_domain::registers::Agenda)> =
        match records(&state, &caller.principal, &all("agenda", None)).await {
            Ok(a) => a,
            Err(r) => return r,
        };
    let goals: HashMap<String, (StoredItem, Goal)> = match records(&state, &caller.principal, &all("doel", None)).await
    {
        Ok(g) => g
            .into_iter()
            .map(|(i, g): (StoredItem, Goal)| (i.id.clone(), (i, g)))
            .collect(),
        Err(r) => return r,
    };
    let orgs = match organisations(&state).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let snap = state.app.snapshot();
    let body = html! {
        h1 { "Agenda's" }
        (crate::web::records::notice(&samenhang_domain::registers::AGENDA_SPEC, raw.as_deref()))
        p.lead { "Doelen gebundeld in de agenda van een organisatie of regio, zoals de meerjarenagenda van een Regionaal Werkcentrum." }
        (crate::web::records::add_link(&samenhang_domain::registers::AGENDA_SPEC, &caller))
        (login_hint(&caller, "agenda's en doelen"))
        @if agendas.is_empty() { p { "Er zijn nog geen agenda's die u kunt zien." } }
        @for (item, a) in &agendas {
            h2 id=(format!("agenda-{}", item.id)) { a href=(format!("/agendas/{}", item.id)) { (a.titel) } (crate::web::records::example_note(item)) }
            p {
                (org_name(&orgs, &item.owner))
                @if let Some(g) = a.gebied { ", " (name(&snap, g)) }
                @if let (Some(v), Some(t)) = (a.vanaf, a.tot) { ", " (v) "–" (t) }
            }
            @if !a.omschrijving.is_empty() { p { (a.omschrijving) } }
            @let shown: Vec<(StoredItem, Goal)> = a.doelen.iter().filter_map(|d| goals.get(d).cloned()).collect();
            @if shown.is_empty() { p.muted { "Geen doelen in deze agenda die u kunt zien." } }
            @else { (goals_table(&state, &shown, &format!("Doelen van {}", a.titel))) }
        }
        p.source { "Bron van de cijfers: CBS (CC BY 4.0)." }
    };
    private(StatusCode::OK, page(&state.web, "Agenda's", body))
}

/// `GET /duo`: per theme, the aldermen (per gemeente) and the partner bodies coupled to it.
pub async fn duo(State(state): State<WebState>, caller: WebCaller) -> Response {
    let people: Vec<(StoredItem, Person)> = match records(&state, &caller.principal, &all("persoon", None)).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let goals: Vec<(StoredItem, Goal)> = match records(&state, &caller.principal, &all("doel", None)).await {
        Ok(g) => g,
        Err(r) => return r,
    };
    let orgs = match organisations(&state).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    // theme label → (aldermen of gemeenten, people of partners, number of goals)
    type Row<'a> = (Vec<&'a (StoredItem, Person)>, Vec<&'a (StoredItem, Person)>, usize);
    let mut rows: BTreeMap<(String, String), Row<'_>> = BTreeMap::new();
    for entry in &people {
        let (item, p) = entry;
        if !p.functie.is_administrator() {
            continue;
        }
        let municipal = orgs
            .get(&item.owner)
            .is_some_and(|o| o.kind == OrganisationKind::Municipality);
        for t in &p.themas {
            let row = rows.entry((concept_label(&state, t), t.clone())).or_default();
            if municipal {
                row.0.push(entry);
            } else {
                row.1.push(entry);
            }
        }
    }
    for (_, g) in &goals {
        for t in &g.themas {
            if let Some(row) = rows.get_mut(&(concept_label(&state, t), t.clone())) {
                row.2 += 1;
            }
        }
    }
    let person_link = |(item, p): &(StoredItem, Person)| {
        html! { a href=(format!("/personen/{}", item.id)) { (p.naam) } ", " (org_name(&orgs, &item.owner)) }
    };
    let body = html! {
        h1 { "DUO: wie staat voor welk thema?" }
        p.lead { "Per thema uit het begrippenkader de wethouders van de gemeenten en de bestuurders van partners "
            "(UWV, werkgevers, onderwijs, vakbonden) die eraan gekoppeld zijn, en het aantal doelen op dat thema. "
            "Zo ziet iedereen wie aan tafel hoort." }
        p { "DUO staat hier voor de " a href="/begrippen/duo-aanpak" { "DUO-aanpak" }
            " (Meierijstad): wethouders zijn als duo aan thema's en aan het bedrijvenplatform gekoppeld, zodat elk thema een vast bestuurlijk aanspreekpunt heeft. "
            "Het is niet de Dienst Uitvoering Onderwijs." }
        (login_hint(&caller, "gegevens"))
        @if rows.is_empty() { p { "Er zijn nog geen bestuurders aan thema's gekoppeld (die u kunt zien)." } }
        @else {
            div.scroll {
                table {
                    caption { "Thema's met hun wethouders en partners" }
                    thead { tr {
                        th scope="col" { "Thema" } th scope="col" { "Wethouders" } th scope="col" { "Partners" }
                        th scope="col" class="num" { "Doelen" }
                    } }
                    tbody {
                        @for ((label, id), (aldermen, partners, n)) in &rows {
                            tr {
                                th scope="row" { a href=(format!("/begrippen/{id}")) { (label) } }
                                td { @if aldermen.is_empty() { "–" } @else { ul { @for e in aldermen { li { (person_link(e)) } } } } }
                                td { @if partners.is_empty() { "–" } @else { ul { @for e in partners { li { (person_link(e)) } } } } }
                                td.num { (n) }
                            }
                        }
                    }
                }
            }
        }
    };
    private(StatusCode::OK, page(&state.web, "DUO", body)).into_response()
}

/// The Dutch label of a function.
pub(crate) fn function_label(f: samenhang_domain::registers::Function) -> &'static str {
    samenhang_domain::registers::FUNCTIONS
        .iter()
        .find(|c| c.value == f.as_str())
        .map_or(f.as_str(), |c| c.label)
}
