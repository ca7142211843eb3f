// SPDX-License-Identifier: EUPL-1.2
//! The coherence pages: schemes ("welke regelingen passen?" and the fragmentation analysis),
//! agreements (parties, commitments, who has not yet delivered), consultation bodies (load,
//! overlap as a diagram and a table, candidates to merge or drop), and the theme page that
//! links everything about one concept. They use the same functions as the API
//! (`api::coherence`, `api::themas`), so a page never shows what the API would not.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{html, Markup};
use samenhang_domain::codes::{LabourMarketRegionCode, MunicipalityCode, RegionCode};
use samenhang_domain::coherence::{Agreement, Body, CommitmentStatus, Scheme};
use samenhang_domain::registers::{Goal, Person};
use samenhang_store::registers::StoredItem;

use crate::api::coherence::{self, records, Names, RecordRef};
use crate::api::registers::Register;
use crate::auth::WebCaller;
use crate::params::QueryParams;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::web::format;
use crate::web::layout::{error, page, private};
use crate::web::pages::account::internal;
use crate::web::pages::afspraken::{goals_table, login_hint};
use crate::web::pages::{latest_year, name};

fn fail(state: &AppState, e: ApiError) -> Response {
    match e {
        ApiError::NotFound(m) => error(&state.web, StatusCode::NOT_FOUND, &m),
        ApiError::Invalid(p) => error(
            &state.web,
            StatusCode::BAD_REQUEST,
            &p.iter()
                .map(|p| format!("‘{}’: {}", p.name, p.reason))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ApiError::Status(s, m) => error(&state.web, s, &m),
        ApiError::Internal(m) => internal(state, &m),
    }
}

fn euro(v: f64) -> String {
    format!("€ {}", format::number(v, 0))
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |x| format!("{} %", format::number(x * 100.0, 0)))
}

fn record_link(base: &str, r: &RecordRef) -> Markup {
    html! { a href=(format!("/{base}/{}", r.id)) { (r.titel) } }
}

fn concept_links(names: &Names, ids: &[String]) -> Markup {
    html! {
        @for (i, id) in ids.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(format!("/themas/{id}")) { (names.concept(id).voorkeursterm) }
        }
    }
}

fn example_note(item: &StoredItem) -> Markup {
    html! { @if item.id.starts_with("voorbeeld-") { " " span.tag-example { "voorbeeld" } } }
}

fn am_options(state: &AppState, selected: Option<LabourMarketRegionCode>) -> Markup {
    let snap = state.snapshot();
    let year = latest_year(&snap);
    let mut ams: Vec<(String, LabourMarketRegionCode)> = snap
        .memberships(year)
        .iter()
        .filter_map(|m| m.labour_market_region)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|a| (name(&snap, a.into()), a))
        .collect();
    ams.sort();
    html! { @for (n, a) in ams { option value=(a.to_string()) selected[Some(a) == selected] { (n) } } }
}

/// `GET /regelingen`: "welke regelingen passen?" and the register.
pub async fn schemes(State(state): State<AppState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let mut q = QueryParams::parse_form(raw.as_deref(), &["behoefte", "doelgroep", "gemeente"]);
    let need = q.text("behoefte", 100);
    let group = q.text("doelgroep", 100);
    let gemeente = q.get("gemeente", "format", |s| {
        MunicipalityCode::parse(s).map_err(|e| format!("{e}."))
    });
    if let Err(e) = q.finish() {
        return fail(&state, e);
    }
    let names = match Names::load(&state).await {
        Ok(n) => n,
        Err(e) => return fail(&state, e),
    };
    let all: Vec<(StoredItem, Scheme)> =
        match records::<crate::api::regelingen::Schemes>(&state, &caller.principal, None).await {
            Ok(a) => a,
            Err(e) => return fail(&state, e),
        };
    let filtered = need.is_some() || group.is_some() || gemeente.is_some();
    let shown: Vec<&(StoredItem, Scheme)> = if filtered {
        let fit = match crate::api::regelingen::matching::matching(
            &state,
            &caller.principal,
            need.as_deref(),
            group.as_deref(),
            gemeente.map(RegionCode::from),
        )
        .await
        {
            Ok(f) => f,
            Err(e) => return fail(&state, e),
        };
        all.iter().filter(|(i, _)| fit.iter().any(|f| f.id == i.id)).collect()
    } else {
        all.iter().collect()
    };
    let mut needs: Vec<String> = all.iter().flat_map(|(_, s)| s.behoeften.clone()).collect();
    needs.sort();
    needs.dedup();
    let mut groups: Vec<String> = all.iter().flat_map(|(_, s)| s.doelgroepen.clone()).collect();
    groups.sort();
    groups.dedup();
    let snap = state.snapshot();
    let year = latest_year(&snap);
    let mut municipalities: Vec<(String, MunicipalityCode)> = snap
        .memberships(year)
        .iter()
        .map(|m| (m.name.clone(), m.municipality))
        .collect();
    municipalities.sort();
    let body = html! {
        h1 { "Regelingen" }
        p.lead { "Regelingen en instrumenten van gemeenten en partners voor werkgevers en werkzoekenden, met hun doelgroepen, "
            "budget en of het doe-geld of procesgeld is." }
        (login_hint(&caller, "gegevens"))
        h2 { "Welke regelingen passen?" }
        form.search method="get" action="/regelingen" {
            div {
                label for="behoefte" { "Behoefte" }
                select id="behoefte" name="behoefte" {
                    option value="" { "alle" }
                    @for n in &needs { option value=(n) selected[need.as_ref() == Some(n)] { (names.concept(n).voorkeursterm) } }
                }
            }
            div {
                label for="doelgroep" { "Doelgroep" }
                select id="doelgroep" name="doelgroep" {
                    option value="" { "alle" }
                    @for g in &groups { option value=(g) selected[group.as_ref() == Some(g)] { (names.concept(g).voorkeursterm) } }
                }
            }
            div {
                label for="gemeente" { "Gemeente" }
                select id="gemeente" name="gemeente" {
                    option value="" { "alle" }
                    @for (n, c) in &municipalities { option value=(c.to_string()) selected[gemeente == Some(*c)] { (n) } }
                }
            }
            button type="submit" { "Zoek regelingen" }
        }
        @if shown.is_empty() { p { "Geen regelingen gevonden." } }
        @else {
            div.scroll { table {
                caption { @if filtered { (shown.len()) " passende regelingen" } @else { "Alle regelingen (" (shown.len()) ")" } }
                thead { tr {
                    th scope="col" { "Regeling" } th scope="col" { "Aanbieder" } th scope="col" { "Gebied" }
                    th scope="col" { "Doelgroepen" } th scope="col" { "Instrument" } th scope="col" class="num" { "Budget" }
                    th scope="col" { "Geldsoort" } th scope="col" { "Status" }
                } }
                tbody { @for (i, s) in &shown { tr {
                    td { a href=(format!("/regelingen/{}", i.id)) { (s.titel) } (example_note(i)) }
                    td { (names.organisation(&s.aanbieder).naam) }
                    td { (name(&snap, s.gebied)) }
                    td { (concept_links(&names, &s.doelgroepen)) }
                    td { (concept_links(&names, std::slice::from_ref(&s.instrument))) }
                    td.num { (euro(s.budget)) }
                    td { (s.geldsoort.as_str()) }
                    td { (s.status.as_str()) }
                } } }
            } }
        }
        h2 { "Versnippering per arbeidsmarktregio" }
        form.search method="get" action="/regelingen/analyse" {
            div {
                label for="arbeidsmarktregio" { "Arbeidsmarktregio" }
                select id="arbeidsmarktregio" name="arbeidsmarktregio" { (am_options(&state, None)) }
            }
            button type="submit" { "Toon de analyse" }
        }
    };
    private(StatusCode::OK, page(&state.web, "Regelingen", body))
}

/// `GET /regelingen/{id}`
pub async fn scheme(State(state): State<AppState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    let (item, s): (StoredItem, Scheme) = match one::<crate::api::regelingen::Schemes>(&state, &caller, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let names = match Names::load(&state).await {
        Ok(n) => n,
        Err(e) => return fail(&state, e),
    };
    let snap = state.snapshot();
    let body = html! {
        p { a href="/regelingen" { "Alle regelingen" } }
        h1 { (s.titel) (example_note(&item)) }
        @if !s.omschrijving.is_empty() { p.lead { (s.omschrijving) } }
        dl.definitions {
            dt { "Aanbieder" } dd { (names.organisation(&s.aanbieder).naam) }
            dt { "Gebied" } dd { (name(&snap, s.gebied)) " (" (s.gebied) ")" }
            dt { "Doelgroepen" } dd { (concept_links(&names, &s.doelgroepen)) }
            dt { "Instrument" } dd { (concept_links(&names, std::slice::from_ref(&s.instrument))) }
            @if !s.behoeften.is_empty() { dt { "Behoeften" } dd { (concept_links(&names, &s.behoeften)) } }
            dt { "Budget" } dd { (euro(s.budget)) " per jaar, " (s.geldsoort.as_str()) }
            dt { "Periode" } dd { (s.begindatum.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) " tot " (s.einddatum.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) }
            dt { "Status" } dd { (s.status.as_str()) }
            @if !s.voorwaarden.is_empty() { dt { "Voorwaarden" } dd { (s.voorwaarden) } }
            @if let Some(l) = &s.link { dt { "Meer informatie" } dd { a href=(l) { (l) } } }
            dt { "Beheerd door" } dd { (names.organisation(&item.owner).naam) ", zichtbaarheid " (item.visibility.as_str()) }
        }
    };
    private(StatusCode::OK, page(&state.web, &s.titel, body))
}

async fn one<R: Register>(state: &AppState, caller: &WebCaller, id: &str) -> Result<(StoredItem, R::Record), Response> {
    let item = match state.store.item(R::KIND, id, &caller.principal).await {
        Ok(Some(i)) => i,
        Ok(None) => {
            return Err(error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!(
                    "Deze {} bestaat niet, of u mag hem niet zien. Log in als hij van uw organisatie of regio is.",
                    R::NAME
                ),
            ))
        }
        Err(e) => return Err(internal(state, &e.to_string())),
    };
    let record = serde_json::from_str(&item.data).map_err(|e| internal(state, &e.to_string()))?;
    Ok((item, record))
}

/// `GET /regelingen/analyse?arbeidsmarktregio=AM05`
pub async fn fragmentation(State(state): State<AppState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let mut q = QueryParams::parse_form(raw.as_deref(), &["arbeidsmarktregio"]);
    q.require("arbeidsmarktregio", "Kies een arbeidsmarktregio in het formulier.");
    let am = q.get("arbeidsmarktregio", "format", |s| {
        LabourMarketRegionCode::parse(s).map_err(|e| format!("{e}."))
    });
    let am = match (q.finish(), am) {
        (Err(e), _) => return fail(&state, e),
        (Ok(()), Some(a)) if state.snapshot().regions.position(a.into()).is_some() => a,
        (Ok(()), Some(a)) => {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!("De arbeidsmarktregio {a} bestaat niet."),
            )
        }
        (Ok(()), None) => {
            return error(
                &state.web,
                StatusCode::BAD_REQUEST,
                "Kies een arbeidsmarktregio in het formulier.",
            )
        }
    };
    let v = match coherence::fragmentation(&state, &caller.principal, am.into()).await {
        Ok(v) => v,
        Err(e) => return fail(&state, e),
    };
    let body = html! {
        p { a href="/regelingen" { "Alle regelingen" } }
        h1 { "Versnippering van regelingen in " (v.arbeidsmarktregio.naam) }
        p.lead { (v.aantal_regelingen) " regelingen gelden in " (v.arbeidsmarktregio.naam)
            " (van de regio, haar gemeenten, COROP-gebieden en provincie, en landelijke)." }
        (login_hint(&caller, "gegevens"))
        form.search method="get" action="/regelingen/analyse" {
            div { label for="arbeidsmarktregio" { "Arbeidsmarktregio" }
                select id="arbeidsmarktregio" name="arbeidsmarktregio" { (am_options(&state, Some(am))) } }
            button type="submit" { "Toon de analyse" }
        }
        h2 { "Dezelfde doelgroep, hetzelfde instrument" }
        p { "Waar meer regelingen dezelfde doelgroep met hetzelfde soort instrument bedienen, vaak van verschillende aanbieders." }
        @if v.overlap.is_empty() { p { "Geen overlap gevonden." } }
        @else { div.scroll { table {
            caption { "Overlap van doelgroep en instrument" }
            thead { tr { th scope="col" { "Doelgroep" } th scope="col" { "Instrument" } th scope="col" class="num" { "Aanbieders" } th scope="col" { "Regelingen" } } }
            tbody { @for c in &v.overlap { tr {
                td { (c.doelgroep.voorkeursterm) } td { (c.instrument.voorkeursterm) }
                td.num { (c.aanbieders.len()) }
                td { @for (i, r) in c.regelingen.iter().enumerate() { @if i > 0 { ", " } (record_link("regelingen", r)) } }
            } } }
        } } }
        h2 { "Hoeveel regelingen ziet een werkgever per behoefte?" }
        @if v.per_behoefte.is_empty() { p { "Geen regelingen met een behoefte." } }
        @else { div.scroll { table {
            caption { "Regelingen per behoefte" }
            thead { tr { th scope="col" { "Behoefte" } th scope="col" class="num" { "Regelingen" } th scope="col" class="num" { "Aanbieders" } th scope="col" { "Welke" } } }
            tbody { @for n in &v.per_behoefte { tr {
                td { a href=(format!("/themas/{}", n.behoefte.id)) { (n.behoefte.voorkeursterm) } }
                td.num { (n.aantal_regelingen) } td.num { (n.aanbieders.len()) }
                td { @for (i, r) in n.regelingen.iter().enumerate() { @if i > 0 { ", " } (record_link("regelingen", r)) } }
            } } }
        } } }
        h2 { "Bijna dezelfde omschrijving" }
        p { "Paren van regelingen waarvan de omschrijvingen voor de helft of meer dezelfde woordreeksen hebben (MinHash, Jaccard-gelijkenis)." }
        @if v.bijna_gelijk.is_empty() { p { "Geen bijna gelijke regelingen gevonden." } }
        @else { table {
            caption { "Bijna gelijke regelingen" }
            thead { tr { th scope="col" { "Regeling" } th scope="col" { "Lijkt op" } th scope="col" class="num" { "Gelijkenis" } } }
            tbody { @for d in &v.bijna_gelijk { tr {
                td { (record_link("regelingen", &d.a)) } td { (record_link("regelingen", &d.b)) } td.num { (percent(Some(d.gelijkenis))) }
            } } }
        } }
        h2 { "Doe-geld en procesgeld" }
        (money_table("Per aanbieder", &v.geld_per_organisatie))
        (money_table("Per thema", &v.geld_per_thema))
    };
    private(StatusCode::OK, page(&state.web, "Versnippering van regelingen", body))
}

fn money_table(caption: &str, rows: &[coherence::Geldverdeling]) -> Markup {
    html! {
        div.scroll { table {
            caption { (caption) }
            thead { tr { th scope="col" { "Naam" } th scope="col" class="num" { "Doe-geld" } th scope="col" class="num" { "Procesgeld" } th scope="col" class="num" { "Aandeel doe-geld" } } }
            tbody { @for m in rows { tr {
                td { (m.naam) } td.num { (euro(m.doe_geld)) } td.num { (euro(m.procesgeld)) } td.num { (percent(m.aandeel_doe_geld)) }
            } } }
        } }
    }
}

/// `GET /afspraken`: the agreements and who has not yet delivered.
pub async fn agreements(State(state): State<AppState>, caller: WebCaller) -> Response {
    let today = chrono::Utc::now().date_naive();
    let (all, late) = match (
        records::<crate::api::afspraken::Agreements>(&state, &caller.principal, None).await,
        coherence::overdue(&state, &caller.principal, today).await,
    ) {
        (Ok(a), Ok(l)) => (a, l),
        (Err(e), _) | (_, Err(e)) => return fail(&state, e),
    };
    let body = html! {
        h1 { "Afspraken" }
        p.lead { "Convenanten, werkpacten en samenwerkingsafspraken: per partij wat zij brengt en wat zij krijgt (haal- en brengplicht), "
            "en de toezeggingen met hun deadline." }
        (login_hint(&caller, "gegevens"))
        @if all.is_empty() { p { "Er zijn nog geen afspraken die u kunt zien." } }
        @else { div.scroll { table {
            caption { "Afspraken" }
            thead { tr { th scope="col" { "Afspraak" } th scope="col" { "Soort" } th scope="col" class="num" { "Partijen" } th scope="col" class="num" { "Open toezeggingen" } } }
            tbody { @for (i, a) in &all { tr {
                td { a href=(format!("/afspraken/{}", i.id)) { (a.titel) } (example_note(i)) }
                td { (a.soort.as_str()) }
                td.num { (a.partijen.len()) }
                td.num { (a.toezeggingen.iter().filter(|t| t.status == CommitmentStatus::Open).count()) }
            } } }
        } } }
        h2 { "Wie heeft nog niet geleverd?" }
        p { "Open toezeggingen waarvan de deadline voor vandaag (" (today) ") lag." }
        @if late.achterstanden.is_empty() { p { "Er zijn geen toezeggingen over hun deadline." } }
        @else { div.scroll { table {
            caption { "Toezeggingen over hun deadline" }
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Toezegging" } th scope="col" { "Afspraak" } th scope="col" { "Deadline" } th scope="col" class="num" { "Dagen te laat" } } }
            tbody { @for a in &late.achterstanden { tr {
                td { (a.partij.naam) } td { (a.toezegging) } td { (record_link("afspraken", &a.afspraak)) }
                td { (a.deadline) } td.num { (a.dagen_te_laat) }
            } } }
        } } }
        @if !late.per_partij.is_empty() { div.scroll { table {
            caption { "Stand per partij" }
            thead { tr { th scope="col" { "Partij" } th scope="col" class="num" { "Open" } th scope="col" class="num" { "Te laat" } th scope="col" class="num" { "Geleverd" } } }
            tbody { @for p in &late.per_partij { tr {
                td { (p.partij.naam) } td.num { (p.open) } td.num { (p.te_laat) } td.num { (p.geleverd) }
            } } }
        } } }
    };
    private(StatusCode::OK, page(&state.web, "Afspraken", body))
}

/// `GET /afspraken/{id}`
pub async fn agreement(State(state): State<AppState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    let (item, a): (StoredItem, Agreement) = match one::<crate::api::afspraken::Agreements>(&state, &caller, &id).await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let names = match Names::load(&state).await {
        Ok(n) => n,
        Err(e) => return fail(&state, e),
    };
    let today = chrono::Utc::now().date_naive();
    let late = |d: Option<NaiveDate>, s: CommitmentStatus| s == CommitmentStatus::Open && d.is_some_and(|d| d < today);
    let body = html! {
        p { a href="/afspraken" { "Alle afspraken" } }
        h1 { (a.titel) (example_note(&item)) }
        p.lead { (a.soort.as_str()) @if !a.omschrijving.is_empty() { ": " (a.omschrijving) } }
        @if !a.themas.is_empty() { p { "Thema's: " (concept_links(&names, &a.themas)) } }
        h2 { "Partijen: wat zij brengen en krijgen" }
        div.scroll { table {
            caption { "Haal- en brengplicht per partij" }
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Brengt" } th scope="col" { "Krijgt" } } }
            tbody { @for p in &a.partijen { tr {
                th scope="row" { (names.organisation(&p.organisatie).naam) }
                td { (if p.brengt.is_empty() { "–" } else { &p.brengt }) } td { (if p.krijgt.is_empty() { "–" } else { &p.krijgt }) }
            } } }
        } }
        h2 { "Toezeggingen" }
        @if a.toezeggingen.is_empty() { p { "Geen toezeggingen vastgelegd." } }
        @else { div.scroll { table {
            caption { "Toezeggingen met deadline en status" }
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Toezegging" } th scope="col" { "Deadline" } th scope="col" { "Status" } } }
            tbody { @for t in &a.toezeggingen { tr {
                td { (names.organisation(&t.partij).naam) } td { (t.omschrijving) }
                td { (t.deadline.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) }
                td { @if late(t.deadline, t.status) { span.voortgang-achter { "te laat" } } @else { (t.status.as_str()) } }
            } } }
        } } }
    };
    private(StatusCode::OK, page(&state.web, &a.titel, body))
}

/// The overlap of bodies as a diagram: bodies on a circle, a line for each pair that shares
/// participants (thicker for more overlap). The table next to it carries the same figures.
fn overlap_diagram(bodies: &[RecordRef], pairs: &[coherence::OverlegOverlap]) -> Markup {
    if bodies.len() < 2 {
        return html! {};
    }
    let (w, h, r) = (640.0_f64, 420.0_f64, 150.0_f64);
    let n = bodies.len() as f64;
    let pos: HashMap<&str, (f64, f64)> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (b.id.as_str(), (w / 2.0 + r * a.cos(), h / 2.0 + r * a.sin()))
        })
        .collect();
    html! {
        figure {
            svg.chart.diagram xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby="overlap-titel overlap-beschrijving" {
                title id="overlap-titel" { "Overlap tussen overleggen" }
                desc id="overlap-beschrijving" { "Elk overleg is een punt; een lijn verbindt overleggen met dezelfde deelnemers, dikker naarmate meer deelnemers gedeeld worden. De tabel hieronder geeft dezelfde cijfers." }
                @for p in pairs.iter().filter(|p| p.deelnemers > 0.0) {
                    @if let (Some(a), Some(b)) = (pos.get(p.a.id.as_str()), pos.get(p.b.id.as_str())) {
                        line.link x1=(format!("{:.1}", a.0)) y1=(format!("{:.1}", a.1)) x2=(format!("{:.1}", b.0)) y2=(format!("{:.1}", b.1))
                            stroke-width=(format!("{:.1}", 1.0 + 9.0 * p.deelnemers)) {
                            title { (p.a.titel) " – " (p.b.titel) ": " (percent(Some(p.deelnemers))) " dezelfde deelnemers" }
                        }
                    }
                }
                @for b in bodies {
                    @if let Some((x, y)) = pos.get(b.id.as_str()) {
                        circle.node cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="9" {}
                        text x=(format!("{x:.1}")) y=(format!("{:.1}", if *y < h / 2.0 { y - 16.0 } else { y + 26.0 })) text-anchor="middle" { (b.titel) }
                    }
                }
            }
        }
    }
}

/// `GET /overleggen`: the bodies, their load, overlap and candidates to merge or drop.
pub async fn bodies(State(state): State<AppState>, caller: WebCaller) -> Response {
    let (all, analysis) = match (
        records::<crate::api::overleggen::Bodies>(&state, &caller.principal, None).await,
        coherence::body_analysis(&state, &caller.principal).await,
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&state, e),
    };
    let refs: Vec<RecordRef> = all
        .iter()
        .map(|(i, b)| RecordRef {
            id: i.id.clone(),
            titel: b.naam.clone(),
        })
        .collect();
    let body = html! {
        h1 { "Overleggen" }
        p.lead { "De overlegstructuren van de regio: wie er zit, hoe vaak en hoe lang, met welk mandaat en over welke thema's. "
            "De analyse laat zien hoeveel tijd ze kosten, waar ze overlappen en welke kunnen worden samengevoegd of opgeheven." }
        (login_hint(&caller, "gegevens"))
        @if all.is_empty() { p { "Er zijn nog geen overleggen die u kunt zien." } }
        @else {
            div.scroll { table {
                caption { "Overleggen (" (analysis.aantal_overleggen) "), samen " (format::number(analysis.uren_totaal, 0)) " persoonsuren per jaar" }
                thead { tr { th scope="col" { "Overleg" } th scope="col" { "Mandaat" } th scope="col" class="num" { "Keer per jaar" }
                    th scope="col" class="num" { "Uur per keer" } th scope="col" class="num" { "Deelnemers" } th scope="col" class="num" { "Persoonsuren per jaar" } } }
                tbody { @for (i, b) in &all { tr {
                    td { a href=(format!("/overleggen/{}", i.id)) { (b.naam) } (example_note(i)) }
                    td { (b.mandaat.as_str()) }
                    td.num { (format::number(b.frequentie, 1)) } td.num { (format::number(b.duur, 1)) }
                    td.num { (b.deelnemers.len()) }
                    td.num { (format::number(b.hours_per_year() * b.deelnemers.len() as f64, 0)) }
                } } }
            } }
            h2 { "Kandidaten om samen te voegen of op te heffen" }
            @if analysis.kandidaten.is_empty() { p { "Geen kandidaten gevonden." } }
            @else { ul { @for k in &analysis.kandidaten { li {
                strong { (k.overleg.titel) } ": " (k.reden) " Bespaart " (format::number(k.uren_bespaard, 0)) " persoonsuren per jaar."
            } } } }
            h2 { "Overlap" }
            (overlap_diagram(&refs, &analysis.overlap))
            @if !analysis.overlap.is_empty() { div.scroll { table {
                caption { "Overlap tussen overleggen (Jaccard: gedeeld gedeeld door samen)" }
                thead { tr { th scope="col" { "Overleg" } th scope="col" { "Overleg" } th scope="col" class="num" { "Dezelfde deelnemers" } th scope="col" class="num" { "Dezelfde thema's" } } }
                tbody { @for p in &analysis.overlap { tr {
                    td { (record_link("overleggen", &p.a)) } td { (record_link("overleggen", &p.b)) }
                    td.num { (percent(Some(p.deelnemers))) } td.num { (percent(Some(p.themas))) }
                } } }
            } } }
            h2 { "Belasting" }
            div.scroll { table {
                caption { "Uren per jaar per persoon" }
                thead { tr { th scope="col" { "Persoon" } th scope="col" class="num" { "Overleggen" } th scope="col" class="num" { "Uren per jaar" } } }
                tbody { @for l in &analysis.belasting_per_persoon { tr {
                    td { a href=(format!("/personen/{}", l.id)) { (l.naam) } } td.num { (l.overleggen) } td.num { (format::number(l.uren, 1)) }
                } } }
            } }
            div.scroll { table {
                caption { "Uren per jaar per organisatie" }
                thead { tr { th scope="col" { "Organisatie" } th scope="col" class="num" { "Deelnames" } th scope="col" class="num" { "Uren per jaar" } } }
                tbody { @for l in &analysis.belasting_per_organisatie { tr {
                    td { (l.naam) } td.num { (l.overleggen) } td.num { (format::number(l.uren, 1)) }
                } } }
            } }
        }
    };
    private(StatusCode::OK, page(&state.web, "Overleggen", body))
}

/// `GET /overleggen/{id}`
pub async fn body(State(state): State<AppState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    let (item, b): (StoredItem, Body) = match one::<crate::api::overleggen::Bodies>(&state, &caller, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (names, people) = match (
        Names::load(&state).await,
        records::<crate::api::personen::People>(&state, &caller.principal, None).await,
    ) {
        (Ok(n), Ok(p)) => (n, p),
        (Err(e), _) | (_, Err(e)) => return fail(&state, e),
    };
    let people: HashMap<String, (Person, String)> = people.into_iter().map(|(i, p)| (i.id, (p, i.owner))).collect();
    let visible: Vec<(&String, &(Person, String))> = b
        .deelnemers
        .iter()
        .filter_map(|d| people.get(d).map(|p| (d, p)))
        .collect();
    let body = html! {
        p { a href="/overleggen" { "Alle overleggen" } }
        h1 { (b.naam) (example_note(&item)) }
        @if !b.omschrijving.is_empty() { p.lead { (b.omschrijving) } }
        dl.definitions {
            dt { "Mandaat" } dd { (b.mandaat.as_str()) }
            dt { "Frequentie en duur" } dd { (format::number(b.frequentie, 1)) " keer per jaar, " (format::number(b.duur, 1)) " uur per keer: "
                (format::number(b.hours_per_year(), 1)) " uur per jaar per deelnemer" }
            @if !b.themas.is_empty() { dt { "Thema's" } dd { (concept_links(&names, &b.themas)) } }
            dt { "Beheerd door" } dd { (names.organisation(&item.owner).naam) }
        }
        h2 { "Deelnemers" }
        @if visible.is_empty() { p { "Geen deelnemers die u kunt zien." } }
        @else { ul { @for (id, (p, org)) in &visible { li {
            a href=(format!("/personen/{id}")) { (p.naam) } " (" (p.functie.as_str()) ", " (names.organisation(org).naam) ")"
        } } } }
    };
    private(StatusCode::OK, page(&state.web, &b.naam, body))
}

/// `GET /themas/{id}`: everything about one concept.
pub async fn theme(State(state): State<AppState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    let t = match crate::api::themas::theme(&state, &caller.principal, &id).await {
        Ok(Some(t)) => t,
        Ok(None) => {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!("Er is geen begrip met id '{id}'."),
            )
        }
        Err(e) => return fail(&state, e),
    };
    let goals: Vec<(StoredItem, Goal)> =
        match records::<crate::api::doelen::Goals>(&state, &caller.principal, Some(&t.begrip.id)).await {
            Ok(g) => g,
            Err(e) => return fail(&state, e),
        };
    let names = match Names::load(&state).await {
        Ok(n) => n,
        Err(e) => return fail(&state, e),
    };
    let section = |title: &str, base: &str, items: &[crate::api::themas::Gekoppeld], empty: &str| {
        html! {
            h2 { (title) " (" (items.len()) ")" }
            @if items.is_empty() { p.muted { (empty) } }
            @else { ul { @for g in items { li {
                a href=(format!("/{base}/{}", g.id)) { (g.titel) } " – " (names.organisation(&g.organisatie).naam)
            } } } }
        }
    };
    let view = state.vocab();
    let concept = view.concept(&t.begrip.id);
    let body = html! {
        p.perspective { "Thema" }
        h1 { (t.begrip.voorkeursterm) }
        @if let Some(c) = concept {
            @if let Some(d) = c.definitions.first() { p.lead { (d.text) } }
        }
        p { a href=(format!("/begrippen/{}", t.begrip.id)) { "Alle definities en relaties van dit begrip" } }
        (login_hint(&caller, "gegevens"))
        h2 { "Indicatoren (" (t.indicatoren.len()) ")" }
        @if t.indicatoren.is_empty() { p.muted { "Geen indicator meet dit begrip." } }
        @else { ul { @for i in &t.indicatoren { li { a href=(format!("/indicatoren/{}", i.id)) { (i.titel) } } } } }
        h2 { "Doelen (" (goals.len()) ")" }
        @if goals.is_empty() { p.muted { "Geen doelen op dit thema die u kunt zien." } }
        @else { (goals_table(&state, &goals, &format!("Doelen op het thema {}", t.begrip.voorkeursterm))) }
        (section("Wethouders en andere personen", "personen", &t.personen, "Niemand aan dit thema gekoppeld die u kunt zien."))
        (section("Regelingen", "regelingen", &t.regelingen, "Geen regelingen voor dit thema die u kunt zien."))
        (section("Afspraken", "afspraken", &t.afspraken, "Geen afspraken over dit thema die u kunt zien."))
        (section("Overleggen", "overleggen", &t.overleggen, "Geen overleggen over dit thema die u kunt zien."))
    };
    private(StatusCode::OK, page(&state.web, &t.begrip.voorkeursterm, body))
}
