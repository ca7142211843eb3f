// SPDX-License-Identifier: EUPL-1.2
//! The coherence pages: schemes ("welke regelingen passen?" and the fragmentation analysis),
//! agreements (parties, commitments, who has not yet delivered), consultation bodies (load,
//! overlap as a diagram and a table, candidates to merge or drop), and the theme page that
//! links everything about one concept. They call the same use-cases as the API
//! (`samenhang_app::analyses`), so a page never shows what the API would not.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use samenhang_domain::spec::capital;
use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{html, Markup};
use samenhang_app::analyses::{self, records, Named, Names};
use samenhang_domain::codes::{LabourMarketRegionCode, MunicipalityCode, RegionCode};
use samenhang_domain::coherence::{Agreement, Body, CommitmentStatus, Scheme};
use samenhang_domain::registers::{Goal, Person};
use samenhang_store::items::StoredItem;

use crate::params::QueryParams;
use crate::problem::ApiError;
use crate::web::caller::WebCaller;
use crate::web::format;
use crate::web::layout::{error, page, private, respond};
use crate::web::pages::account::internal;
use crate::web::pages::afspraken::{goals_table, login_hint};
use crate::web::pages::{latest_year, name};
use crate::web::records::{add_link, example_note, notice, record_header};
use crate::web::WebState;

pub(crate) fn bad_query(state: &WebState, e: ApiError) -> Response {
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
        ApiError::Status(s, m) | ApiError::Retry(s, m, _) => error(&state.web, s, &m),
        ApiError::Internal(m) => internal(state, &m),
    }
}

fn euro(v: f64) -> String {
    format!("€ {}", format::number(v, 0))
}

/// "a, b en c".
fn list_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |x| format!("{} %", format::number(x * 100.0, 0)))
}

fn record_link(base: &str, r: &Named) -> Markup {
    html! { a href=(format!("/{base}/{}", r.id)) { (r.name) } }
}

pub(crate) fn fail(state: &WebState, e: samenhang_app::AppError) -> Response {
    crate::web::fail(state, e)
}

fn choice_label(choices: &[samenhang_domain::spec::Choice], value: &str) -> String {
    choices
        .iter()
        .find(|c| c.value == value)
        .map_or(value, |c| c.label)
        .to_string()
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "–".into(), |d| format::date(&d.to_string()))
}

fn concept_links(names: &Names, ids: &[String]) -> Markup {
    html! {
        @for (i, id) in ids.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(format!("/themas/{id}")) { (names.concept(id).name) }
        }
    }
}

fn am_options(state: &WebState, selected: Option<LabourMarketRegionCode>) -> Markup {
    let snap = state.app.snapshot();
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
pub async fn schemes(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let mut q = QueryParams::parse_form(
        raw.as_deref(),
        &["behoefte", "doelgroep", "gemeente", "opgeslagen", "verwijderd"],
    );
    let need = q.text("behoefte", 100);
    let group = q.text("doelgroep", 100);
    let gemeente = q.get("gemeente", "format", |s| {
        MunicipalityCode::parse(s).map_err(|e| format!("{e}."))
    });
    if let Err(e) = q.finish() {
        return bad_query(&state, e);
    }
    let names = match Names::load(&state.app).await {
        Ok(n) => n,
        Err(e) => return fail(&state, e),
    };
    let all: Vec<(StoredItem, Scheme)> = match records(&state.app, &caller.principal, "regeling", None).await {
        Ok(a) => a,
        Err(e) => return fail(&state, e),
    };
    let filtered = need.is_some() || group.is_some() || gemeente.is_some();
    let shown: Vec<&(StoredItem, Scheme)> = if filtered {
        let fit = match analyses::matching(
            &state.app,
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
    let snap = state.app.snapshot();
    let year = latest_year(&snap);
    let mut municipalities: Vec<(String, MunicipalityCode)> = snap
        .memberships(year)
        .iter()
        .map(|m| (m.name.clone(), m.municipality))
        .collect();
    municipalities.sort();
    let body = html! {
        h1 { "Regelingen" }
        (notice(&samenhang_domain::coherence::SCHEME_SPEC, raw.as_deref()))
        p.lead { "Regelingen en instrumenten van gemeenten en partners voor werkgevers en werkzoekenden, met hun doelgroepen, "
            "budget en of het doe-geld of procesgeld is." }
        (login_hint(&caller, "gegevens"))
        (add_link(&samenhang_domain::coherence::SCHEME_SPEC, &caller))
        h2 { "Welke regelingen passen?" }
        form.search method="get" action="/regelingen" {
            div {
                label for="behoefte" { "Behoefte" }
                select id="behoefte" name="behoefte" {
                    option value="" { "alle" }
                    @for n in &needs { option value=(n) selected[need.as_ref() == Some(n)] { (names.concept(n).name) } }
                }
            }
            div {
                label for="doelgroep" { "Doelgroep" }
                select id="doelgroep" name="doelgroep" {
                    option value="" { "alle" }
                    @for g in &groups { option value=(g) selected[group.as_ref() == Some(g)] { (names.concept(g).name) } }
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
                    td { (names.organisation(&s.aanbieder).name) }
                    td { (name(&snap, s.gebied)) }
                    td { (concept_links(&names, &s.doelgroepen)) }
                    td { (concept_links(&names, std::slice::from_ref(&s.instrument))) }
                    td.num { (euro(s.budget)) }
                    td { (choice_label(samenhang_domain::coherence::MONEY_KINDS, s.geldsoort.as_str())) }
                    td { (choice_label(samenhang_domain::coherence::SCHEME_STATUSES, s.status.as_str())) }
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

async fn one<T: serde::de::DeserializeOwned>(
    state: &WebState,
    caller: &WebCaller,
    collection: &str,
    id: &str,
) -> Result<(StoredItem, T), Response> {
    let item = crate::web::pages::afspraken::found(state, caller, collection, id).await?;
    let record = serde_json::from_str(&item.data).map_err(|e| internal(state, &e.to_string()))?;
    Ok((item, record))
}

/// `GET /regelingen/analyse?arbeidsmarktregio=AM05`
pub async fn fragmentation(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let mut q = QueryParams::parse_form(raw.as_deref(), &["arbeidsmarktregio"]);
    q.require("arbeidsmarktregio", "Kies een arbeidsmarktregio in het formulier.");
    let am = q.get("arbeidsmarktregio", "format", |s| {
        LabourMarketRegionCode::parse(s).map_err(|e| format!("{e}."))
    });
    let am = match (q.finish(), am) {
        (Err(e), _) => return bad_query(&state, e),
        (Ok(()), Some(a)) if state.app.snapshot().regions.position(a.into()).is_some() => a,
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
    let v = match analyses::fragmentation(&state.app, &caller.principal, am.into()).await {
        Ok(v) => v,
        Err(e) => return fail(&state, e),
    };
    let body = html! {
        p { a href="/regelingen" { "Alle regelingen" } }
        h1 { "Versnippering van regelingen in " (v.region.name) }
        p.lead { (v.schemes) " " (if v.schemes == 1 { "regeling geldt" } else { "regelingen gelden" }) " in " (v.region.name)
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
                td { (c.target_group.name) } td { (c.instrument.name) }
                td.num { (c.providers.len()) }
                td { @for (i, r) in c.schemes.iter().enumerate() { @if i > 0 { ", " } (record_link("regelingen", r)) } }
            } } }
        } } }
        h2 { "Hoeveel regelingen ziet een werkgever per behoefte?" }
        @if v.per_need.is_empty() { p { "Geen regelingen met een behoefte." } }
        @else { div.scroll { table {
            caption { "Regelingen per behoefte" }
            thead { tr { th scope="col" { "Behoefte" } th scope="col" class="num" { "Regelingen" } th scope="col" class="num" { "Aanbieders" } th scope="col" { "Welke" } } }
            tbody { @for n in &v.per_need { tr {
                td { a href=(format!("/themas/{}", n.need.id)) { (n.need.name) } }
                td.num { (n.schemes.len()) } td.num { (n.providers.len()) }
                td { @for (i, r) in n.schemes.iter().enumerate() { @if i > 0 { ", " } (record_link("regelingen", r)) } }
            } } }
        } } }
        h2 { "Bijna dezelfde omschrijving" }
        p { "Paren van regelingen waarvan de omschrijvingen voor de helft of meer dezelfde woordreeksen hebben." }
        @if v.near_duplicates.is_empty() { p { "Geen bijna gelijke regelingen gevonden." } }
        @else { div.scroll { table {
            caption { "Bijna gelijke regelingen" }
            thead { tr { th scope="col" { "Regeling" } th scope="col" { "Lijkt op" } th scope="col" class="num" { "Gelijkenis" } } }
            tbody { @for d in &v.near_duplicates { tr {
                td { (record_link("regelingen", &d.a)) } td { (record_link("regelingen", &d.b)) } td.num { (percent(Some(d.similarity))) }
            } } }
        } } }
        h2 { "Doe-geld en procesgeld" }
        (money_table("Per aanbieder", &v.money_by_organisation))
        (money_table("Per thema", &v.money_by_theme))
    };
    private(StatusCode::OK, page(&state.web, "Versnippering van regelingen", body))
}

fn money_table(caption: &str, rows: &[analyses::Money]) -> Markup {
    html! {
        div.scroll { table {
            caption { (caption) }
            thead { tr { th scope="col" { "Naam" } th scope="col" class="num" { "Doe-geld" } th scope="col" class="num" { "Procesgeld" } th scope="col" class="num" { "Aandeel doe-geld" } } }
            tbody { @for m in rows { tr {
                td { (m.of.name) } td.num { (euro(m.doing)) } td.num { (euro(m.process)) } td.num { (percent(m.doing_share)) }
            } } }
        } }
    }
}

/// `GET /afspraken`: the agreements and who has not yet delivered.
pub async fn agreements(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let today = samenhang_app::records::today();
    let (all, late) = match (
        records::<Agreement>(&state.app, &caller.principal, "afspraak", None).await,
        analyses::overdue(&state.app, &caller.principal, today).await,
    ) {
        (Ok(a), Ok(l)) => (a, l),
        (Err(e), _) | (_, Err(e)) => return fail(&state, e),
    };
    let body = html! {
        h1 { "Afspraken" }
        (notice(&samenhang_domain::coherence::AGREEMENT_SPEC, raw.as_deref()))
        p.lead { "Convenanten, werkpacten en samenwerkingsafspraken: per partij wat zij brengt en wat zij krijgt (haal- en brengplicht), "
            "en de toezeggingen met hun deadline." }
        (login_hint(&caller, "gegevens"))
        (add_link(&samenhang_domain::coherence::AGREEMENT_SPEC, &caller))
        @if all.is_empty() { p { "Er zijn nog geen afspraken die u kunt zien." } }
        @else { div.scroll { table {
            caption { "Afspraken" }
            thead { tr { th scope="col" { "Afspraak" } th scope="col" { "Soort" } th scope="col" class="num" { "Partijen" } th scope="col" class="num" { "Open toezeggingen" } } }
            tbody { @for (i, a) in &all { tr {
                td { a href=(format!("/afspraken/{}", i.id)) { (a.titel) } (example_note(i)) }
                td { (choice_label(samenhang_domain::coherence::AGREEMENT_KINDS, a.soort.as_str())) }
                td.num { (a.partijen.len()) }
                td.num { (a.toezeggingen.iter().filter(|t| t.status == CommitmentStatus::Open).count()) }
            } } }
        } } }
        h2 { "Wie heeft nog niet geleverd?" }
        p { "Open toezeggingen en actiepunten waarvan de deadline voor vandaag (" (format::date(&today.to_string())) ") lag." }
        @if late.late.is_empty() { p { "Er zijn geen toezeggingen over hun deadline." } }
        @else { div.scroll { table {
            caption { "Toezeggingen over hun deadline" }
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Toezegging" } th scope="col" { "Afspraak" } th scope="col" { "Deadline" } th scope="col" class="num" { "Dagen te laat" } } }
            tbody { @for a in &late.late { tr {
                td { (a.party.name) } td { (a.commitment) } td { (record_link("afspraken", &a.agreement)) }
                td { (format::date(&a.due.to_string())) } td.num { (a.days_late) }
            } } }
        } } }
        @if !late.late_actions.is_empty() {
            (crate::web::pages::verslagen::actions_table(&late.late_actions, "Actiepunten over hun deadline"))
        }
        @if !late.per_party.is_empty() { div.scroll { table {
            caption { "Stand per partij, toezeggingen en actiepunten samen" }
            thead { tr { th scope="col" { "Partij" } th scope="col" class="num" { "Open" } th scope="col" class="num" { "Te laat" } th scope="col" class="num" { "Geleverd" } } }
            tbody { @for p in &late.per_party { tr {
                td { (p.party.name) } td.num { (p.open) } td.num { (p.late) } td.num { (p.delivered) }
            } } }
        } } }
    };
    private(StatusCode::OK, page(&state.web, "Afspraken", body))
}

/// `GET /afspraken/{id}`
pub async fn agreement(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let (item, a): (StoredItem, Agreement) = match one(&state, &caller, "afspraken", &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let names = match Names::load(&state.app).await {
        Ok(n) => n,
        Err(e) => return fail(&state, e),
    };
    let today = samenhang_app::records::today();
    let late = |d: Option<NaiveDate>, s: CommitmentStatus| s == CommitmentStatus::Open && d.is_some_and(|d| d < today);
    let writable = caller.principal.can_write(&item.owner);
    let body = html! {
        p { a href="/afspraken" { "Alle afspraken" } }
        h1 { (a.titel) (example_note(&item)) }
        (record_header(&samenhang_domain::coherence::AGREEMENT_SPEC, &caller, &item, raw.as_deref()))
        p.lead { (choice_label(samenhang_domain::coherence::AGREEMENT_KINDS, a.soort.as_str())) @if !a.omschrijving.is_empty() { ": " (a.omschrijving) } }
        @if !a.themas.is_empty() { p { "Thema's: " (concept_links(&names, &a.themas)) } }
        h2 { "Partijen: wat zij brengen en krijgen" }
        div.scroll { table {
            caption { "Haal- en brengplicht per partij" }
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Brengt" } th scope="col" { "Krijgt" } } }
            tbody { @for p in &a.partijen { tr {
                th scope="row" { (names.organisation(&p.organisatie).name) }
                td { (if p.brengt.is_empty() { "–" } else { &p.brengt }) } td { (if p.krijgt.is_empty() { "–" } else { &p.krijgt }) }
            } } }
        } }
        h2 { "Toezeggingen" }
        @if a.toezeggingen.is_empty() { p { "Geen toezeggingen vastgelegd." } }
        @else { div.scroll { table {
            caption { "Toezeggingen met deadline en status" }
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Toezegging" } th scope="col" { "Deadline" } th scope="col" { "Status" }
                @if writable { th scope="col" { span.visually-hidden { "Actie" } } } } }
            // By deadline (the form's index stays the commitment's place in the record).
            tbody { @for (n, t) in by_deadline(&a.toezeggingen) { tr {
                td { (names.organisation(&t.partij).name) } td { (t.omschrijving) }
                td { (date_text(t.deadline)) }
                td { (choice_label(samenhang_domain::coherence::COMMITMENT_STATUSES, t.status.as_str()))
                    @if late(t.deadline, t.status) { ", " span.voortgang-achter { "te laat" } } }
                @if writable {
                    td { @if t.status == CommitmentStatus::Open {
                        form.inline method="post" action=(format!("/afspraken/{}/toezeggingen/{n}/geleverd", item.id)) {
                            input type="hidden" name="csrf" value=(caller.csrf.clone().unwrap_or_default());
                            input type="hidden" name="versie" value=(item.version);
                            button.secondary type="submit" { "Markeer als geleverd" span.visually-hidden { ": " (t.omschrijving) } }
                        }
                    } }
                }
            } } }
        } } }
    };
    private(StatusCode::OK, page(&state.web, &a.titel, body))
}

/// The overlap of bodies as a diagram: bodies on a circle, a line for each pair that shares
/// participants (thicker for more overlap). The table next to it carries the same figures.
fn overlap_diagram(bodies: &[Named], pairs: &[analyses::BodyOverlap]) -> Markup {
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
                @for p in pairs.iter().filter(|p| p.participants > 0.0) {
                    @if let (Some(a), Some(b)) = (pos.get(p.a.id.as_str()), pos.get(p.b.id.as_str())) {
                        line.link x1=(format!("{:.1}", a.0)) y1=(format!("{:.1}", a.1)) x2=(format!("{:.1}", b.0)) y2=(format!("{:.1}", b.1))
                            stroke-width=(format!("{:.1}", 1.0 + 9.0 * p.participants)) {
                            title { (p.a.name) " – " (p.b.name) ": " (percent(Some(p.participants))) " dezelfde deelnemers" }
                        }
                    }
                }
                @for b in bodies {
                    @if let Some((x, y)) = pos.get(b.id.as_str()) {
                        circle.node cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="9" {}
                        text x=(format!("{x:.1}")) y=(format!("{:.1}", if *y < h / 2.0 { y - 16.0 } else { y + 26.0 })) text-anchor="middle" { (b.name) }
                    }
                }
            }
        }
    }
}

/// `GET /overleggen`: the bodies, their load, overlap and candidates to merge or drop.
pub async fn bodies(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let (all, analysis) = match (
        records::<Body>(&state.app, &caller.principal, "overleg", None).await,
        analyses::bodies(&state.app, &caller.principal).await,
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&state, e),
    };
    let refs: Vec<Named> = all
        .iter()
        .map(|(i, b)| Named {
            id: i.id.clone(),
            name: b.naam.clone(),
        })
        .collect();
    let body = html! {
        h1 { "Overleggen" }
        (notice(&samenhang_domain::coherence::BODY_SPEC, raw.as_deref()))
        p.lead { "De overlegstructuren van de regio: wie er zit, hoe vaak en hoe lang, met welk mandaat en over welke thema's. "
            "De analyse laat zien hoeveel tijd ze kosten, waar ze overlappen en welke kunnen worden samengevoegd of opgeheven." }
        (login_hint(&caller, "gegevens"))
        (add_link(&samenhang_domain::coherence::BODY_SPEC, &caller))
        @if all.is_empty() { p { "Er zijn nog geen overleggen die u kunt zien." } }
        @else {
            div.scroll { table {
                caption { "Overleggen (" (analysis.bodies) "), samen " (format::number(analysis.hours_total, 0)) " persoonsuren per jaar" }
                thead { tr { th scope="col" { "Overleg" } th scope="col" { "Mandaat" } th scope="col" class="num" { "Keer per jaar" }
                    th scope="col" class="num" { "Uur per keer" } th scope="col" class="num" { "Deelnemers" } th scope="col" class="num" { "Persoonsuren per jaar" } } }
                tbody { @for (i, b) in &all { tr {
                    td { a href=(format!("/overleggen/{}", i.id)) { (b.naam) } (example_note(i)) }
                    td { (b.mandaat.as_str()) }
                    td.num { (format::number(b.frequentie, 0)) } td.num { (format::number(b.duur, 1)) }
                    td.num { (b.deelnemers.len()) }
                    td.num { (format::number(b.hours_per_year() * b.deelnemers.len() as f64, 0)) }
                } } }
            } }
            h2 { "Kandidaten om samen te voegen of op te heffen" }
            @if analysis.candidates.is_empty() { p { "Geen kandidaten gevonden." } }
            @else { ul { @for k in &analysis.candidates { li {
                strong { (k.body.name) } ": " (k.reason) " Bespaart " (format::number(k.hours_saved, 0)) " persoonsuren per jaar."
            } } } }
            h2 { "Overlap" }
            (overlap_diagram(&refs, &analysis.overlap))
            @if !analysis.overlap.is_empty() { div.scroll { table {
                caption { "Overlap tussen overleggen: het deel van hun deelnemers en thema's dat ze delen" }
                thead { tr { th scope="col" { "Overleg" } th scope="col" { "Overleg" } th scope="col" class="num" { "Dezelfde deelnemers" } th scope="col" class="num" { "Dezelfde thema's" } } }
                tbody { @for p in &analysis.overlap { tr {
                    td { (record_link("overleggen", &p.a)) } td { (record_link("overleggen", &p.b)) }
                    td.num { (percent(Some(p.participants))) } td.num { (percent(Some(p.themes))) }
                } } }
            } } }
            h2 { "Belasting" }
            div.scroll { table {
                caption { "Uren per jaar per persoon" }
                thead { tr { th scope="col" { "Persoon" } th scope="col" class="num" { "Overleggen" } th scope="col" class="num" { "Uren per jaar" } } }
                tbody { @for l in &analysis.per_person { tr {
                    td { a href=(format!("/personen/{}", l.who.id)) { (l.who.name) } } td.num { (l.bodies) } td.num { (format::number(l.hours, 1)) }
                } } }
            } }
            div.scroll { table {
                caption { "Uren per jaar per organisatie" }
                thead { tr { th scope="col" { "Organisatie" } th scope="col" class="num" { "Deelnames" } th scope="col" class="num" { "Uren per jaar" } } }
                tbody { @for l in &analysis.per_organisation { tr {
                    td { (l.who.name) } td.num { (l.bodies) } td.num { (format::number(l.hours, 1)) }
                } } }
            } }
        }
    };
    private(StatusCode::OK, page(&state.web, "Overleggen", body))
}

/// `GET /overleggen/{id}`
pub async fn body(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let (item, b): (StoredItem, Body) = match one(&state, &caller, "overleggen", &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (names, people) = match (
        Names::load(&state.app).await,
        records::<Person>(&state.app, &caller.principal, "persoon", None).await,
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
    // Its meetings, newest first, and the action items that came out of them.
    let meetings =
        match records::<samenhang_domain::verslagen::Meeting>(&state.app, &caller.principal, "bijeenkomst", None).await
        {
            Ok(m) => {
                let mut m: Vec<_> = m
                    .into_iter()
                    .filter(|(_, x)| x.overleg.as_deref() == Some(id.as_str()))
                    .collect();
                m.sort_by_key(|x| std::cmp::Reverse(x.1.datum));
                m
            }
            Err(e) => return fail(&state, e),
        };
    let actions = match crate::web::pages::verslagen::section(
        &state,
        &caller,
        samenhang_app::verslagen::ActionFilter {
            body: Some(id.clone()),
            ..Default::default()
        },
        "Actiepunten uit de bijeenkomsten",
        "Geen open actiepunten uit bijeenkomsten van dit overleg (die u kunt zien).",
    )
    .await
    {
        Ok(m) => m,
        Err(r) => return r,
    };
    let body = html! {
        p { a href="/overleggen" { "Alle overleggen" } }
        h1 { (b.naam) (example_note(&item)) }
        (record_header(&samenhang_domain::coherence::BODY_SPEC, &caller, &item, raw.as_deref()))
        @if !b.omschrijving.is_empty() { p.lead { (b.omschrijving) } }
        dl.definitions {
            dt { "Mandaat" } dd { (choice_label(samenhang_domain::coherence::MANDATES, b.mandaat.as_str())) }
            dt { "Frequentie en duur" } dd { (format::number(b.frequentie, 1)) " keer per jaar, " (format::number(b.duur, 1)) " uur per keer: "
                (format::number(b.hours_per_year(), 1)) " uur per jaar per deelnemer" }
            @if !b.themas.is_empty() { dt { "Thema's" } dd { (concept_links(&names, &b.themas)) } }
            dt { "Beheerd door" } dd { (names.organisation(&item.owner).name) }
        }
        h2 { "Deelnemers" }
        @if visible.is_empty() { p { "Geen deelnemers die u kunt zien." } }
        @else { ul { @for (id, (p, org)) in &visible { li {
            a href=(format!("/personen/{id}")) { (p.naam) } " (" (crate::web::pages::afspraken::function_label(p.functie).to_lowercase()) ", " (names.organisation(org).name) ")"
        } } } }
        h2 { "Bijeenkomsten" }
        @if meetings.is_empty() { p { "Nog geen bijeenkomsten van dit overleg (die u kunt zien). " a href="/bijeenkomsten/importeren" { "Een verslag inlezen" } } }
        @else { ul { @for (i, m) in &meetings { li {
            a href=(format!("/bijeenkomsten/{}", i.id)) { (m.titel) } ", " (format::date(&m.datum.to_string()))
        } } } }
        (actions)
    };
    private(StatusCode::OK, page(&state.web, &b.naam, body))
}

/// `GET /themas/{id}`: everything about one concept: its indicators and, for every register
/// kind of the list, its records on this theme.
pub async fn theme(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    let t = match analyses::theme(&state.app, &caller.principal, &id).await {
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
    // The goals shown, with their progress.
    let goals: Vec<(StoredItem, Goal)> = t
        .registers
        .iter()
        .filter(|r| r.spec.kind == "doel")
        .flat_map(|r| r.items.iter())
        .filter_map(|i| Some((i.clone(), serde_json::from_str(&i.data).ok()?)))
        .collect();
    // The obligations shown, with their realisation; the companies shown, with their PSO trede.
    let obligations = if t
        .registers
        .iter()
        .any(|r| r.spec.kind == "sroi-verplichting" && r.total > 0)
    {
        let query = samenhang_store::items::ItemQuery {
            theme: Some(t.concept.id.clone()),
            paging: samenhang_store::Paging {
                page: 1,
                page_size: analyses::THEME_SHOWN,
            },
            ..samenhang_store::items::ItemQuery::all("sroi-verplichting")
        };
        match samenhang_app::sroi::rows(&state.app, &caller.principal, &query, samenhang_app::records::today()).await {
            Ok(rows) => rows,
            Err(e) => return fail(&state, e),
        }
    } else {
        Vec::new()
    };
    let pso = |item: &StoredItem| -> Option<String> {
        let c: samenhang_domain::ondernemers::Company = serde_json::from_str(&item.data).ok()?;
        let level = samenhang_domain::ondernemers::PSO_LEVELS
            .iter()
            .find(|l| Some(l.value) == c.pso_niveau.as_deref())?;
        let expired = c.pso_geldig_tot.is_some_and(|d| d < samenhang_app::records::today());
        Some(format!(
            "PSO: {}{}",
            level.label,
            if expired { ", certificaat verlopen" } else { "" }
        ))
    };
    let view = state.app.vocab();
    let concept = view.concept(&t.concept.id);
    let body = html! {
        p.perspective { "Thema" }
        h1 { (t.concept.name) }
        @if let Some(c) = concept {
            @if let Some(d) = c.definitions.first() { p.lead { (d.text) } }
        }
        p { a href=(format!("/begrippen/{}", t.concept.id)) { "Alle definities en relaties van dit begrip" } }
        (login_hint(&caller, "gegevens"))
        h2 { "Indicatoren (" (t.indicators.len()) ")" }
        @if t.indicators.is_empty() { p.muted { "Geen indicator meet dit begrip." } }
        @else { ul { @for i in &t.indicators { li { a href=(format!("/indicatoren/{}", i.id)) { (i.name) } } } } }
        @for r in t.registers.iter().filter(|r| r.total > 0) {
            @let (spec, items) = (r.spec, &r.records);
            h2 { (capital(spec.plural)) " (" (r.total) ")" }
            @if spec.kind == "doel" && !goals.is_empty() {
                (goals_table(&state, &goals, &format!("Doelen op het thema {}", t.concept.name)))
            } @else if spec.kind == "sroi-verplichting" && !obligations.is_empty() {
                @let total: f64 = obligations.iter().map(|r| r.realisation.obligation).sum();
                @let done: f64 = obligations.iter().map(|r| r.realisation.done).sum();
                p { "Samen " (crate::web::format::euro(total)) " social return, waarvan " (crate::web::format::euro(done)) " gerealiseerd." }
                (super::sroi::obligations_table(&obligations, &format!("SROI-verplichtingen op het thema {}", t.concept.name), true))
            } @else if spec.kind == "onderneming" && !items.is_empty() {
                ul { @for (r, item) in items.iter().zip(&r.items) { li {
                    a href=(format!("/{}/{}", spec.collection, r.id)) { (r.title) } " – " (r.owner.name)
                    @if let Some(p) = pso(item) { " (" (p) ")" }
                } } }
            } @else if items.is_empty() {
                p.muted { "Geen " (spec.plural) " op dit thema die u kunt zien." }
            } @else {
                ul { @for r in items { li {
                    a href=(format!("/{}/{}", spec.collection, r.id)) { (r.title) } " – " (r.owner.name)
                } } }
            }
            @if r.total > items.len() as u64 {
                p { "De eerste " (items.len()) " van " (r.total) ", op titel. "
                    @if crate::web::records::has_generic_list(spec.collection) {
                        a href=(format!("/{}?thema={}", spec.collection, t.concept.id)) { "Alle " (r.total) " " (spec.plural) " op dit thema" }
                    }
                }
            }
        }
        @let empty: Vec<&str> = t.registers.iter().filter(|r| r.total == 0).map(|r| r.spec.plural).collect();
        @if !empty.is_empty() {
            h2 { "Verder" }
            p.muted { "Geen " (list_and(&empty)) " op dit thema die u kunt zien." }
        }
    };
    private(StatusCode::OK, page(&state.web, &t.concept.name, body))
}

/// `POST /afspraken/{id}/toezeggingen/{n}/geleverd`: marks a commitment as delivered, on the
/// version the page showed.
pub async fn delivered(
    State(state): State<WebState>,
    caller: WebCaller,
    Path((id, n)): Path<(String, usize)>,
    body: axum::body::Bytes,
) -> Response {
    let form = crate::web::forms::FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    let Some(kind) = samenhang_app::kinds::by_collection("afspraken") else {
        return internal(&state, "geen soort afspraak");
    };
    let item = match crate::web::pages::afspraken::found(&state, &caller, "afspraken", &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(mut record) = serde_json::from_str::<serde_json::Value>(&item.data) else {
        return internal(&state, "afspraak onleesbaar");
    };
    match record.get_mut("toezeggingen").and_then(|t| t.get_mut(n)) {
        Some(c) => c["status"] = serde_json::Value::String("geleverd".into()),
        None => {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                "Deze toezegging bestaat niet (meer).",
            )
        }
    }
    let input = match samenhang_app::input::from_json(kind.spec(), record.to_string().as_bytes()) {
        Ok(i) => i,
        Err(e) => return fail(&state, e),
    };
    let expected = form.get("versie").parse::<i64>().map_or(
        samenhang_app::records::Expected::Missing,
        samenhang_app::records::Expected::Version,
    );
    match samenhang_app::records::update(&state.app, &caller.principal, kind, &id, expected, input).await {
        Ok(_) => crate::web::layout::see_other(&format!("/afspraken/{id}?geleverd"), &[]),
        Err(e) => fail(&state, e),
    }
}

/// `GET /themas`: every theme, the concepts of the begrippenkader: the broadest, each with the
/// concepts under it, in alphabetical order.
pub async fn themes(State(state): State<WebState>) -> Response {
    let view = state.app.vocab();
    let id_of = |iri: &str| iri.rsplit('/').next().unwrap_or(iri).to_string();
    let mut tops: Vec<&samenhang_vocab::Concept> = view
        .concepts()
        .filter(|c| c.broader.iter().all(|b| view.concept(&id_of(b)).is_none()))
        .collect();
    tops.sort_by_key(|c| c.pref_label.to_lowercase());
    let children = |c: &samenhang_vocab::Concept| {
        let mut out = view.under(&c.id);
        out.sort_by_key(|c| c.pref_label.to_lowercase());
        out
    };
    let count = view.concepts().count();
    let body = html! {
        h1 { "Thema's" }
        p.lead { "Elk begrip van het begrippenkader is een thema. Op de pagina van een thema staat alles wat erover bekend is: "
            "de indicatoren die het meten, en de doelen, wethouders, regelingen, afspraken, overleggen en ondernemers die erover gaan. "
            "Er " (if count == 1 { "is 1 thema" } else { "zijn " }) @if count != 1 { (count) " thema's" } "." }
        ul.themas {
            @for top in &tops {
                li {
                    a href=(format!("/themas/{}", top.id)) { strong { (top.pref_label) } }
                    @let under = children(top);
                    @if !under.is_empty() {
                        ul { @for c in &under { li { a href=(format!("/themas/{}", c.id)) { (c.pref_label) } } } }
                    }
                }
            }
        }
    };
    respond(StatusCode::OK, page(&state.web, "Thema's", body))
}

/// An agreement's commitments by deadline (those without one last), each with its place in the
/// record, which the forms that change one refer to.
fn by_deadline(
    commitments: &[samenhang_domain::coherence::Commitment],
) -> Vec<(usize, &samenhang_domain::coherence::Commitment)> {
    let mut out: Vec<_> = commitments.iter().enumerate().collect();
    out.sort_by_key(|(_, t)| (t.deadline.is_none(), t.deadline));
    out
}
