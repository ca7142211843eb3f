// SPDX-License-Identifier: EUPL-1.2
//! The figures of an own indicator (eigen cijfers): what the record page of an
//! `eigen-indicator` adds (its figures at a glance, the downloads and, for a redacteur of its
//! organisation, the upload form), the upload itself (all or nothing, every fault with line and
//! column) and the downloads. The indicator's map, ranking and chart are the indicator page's
//! (`/indicatoren/eigen-{id}`).

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_app::records::Shown;
use samenhang_app::views::own_indicator_id;
use samenhang_app::AppError;

use super::csv::csv_response;
use crate::web::caller::WebCaller;
use crate::web::layout::{error, page, private};
use crate::web::pages::account::{csrf_field, forged};
use crate::web::{fail, WebState};

/// What the record page of an own indicator shows below its fields.
pub fn extra(state: &WebState, caller: &WebCaller, shown: &Shown) -> Markup {
    let id = &shown.item.id;
    let indicator = own_indicator_id(id);
    let snap = state.app.snapshot();
    let series = snap.series_for(&indicator, &caller.principal);
    let years = series.map(|s| s.years().to_vec()).unwrap_or_default();
    let writable = caller.principal.can_write(&shown.item.owner);
    html! {
        h2 #cijfers { "Cijfers" }
        @match (years.first(), years.last()) {
            (Some(a), Some(b)) => {
                p {
                    "Er zijn cijfers van " (a) @if a != b { " tot en met " (b) } ". "
                    a href=(format!("/indicatoren/{indicator}")) { "Kaart, ranglijst en ontwikkeling" }
                    " · " a href=(format!("/eigen-indicatoren/{id}/cijfers.csv")) download { "Download de cijfers (CSV)" }
                }
            }
            _ => { p { "Er zijn nog geen cijfers ingelezen." } }
        }
        @if writable { (upload_form(caller, id, None)) }
    }
}

fn upload_form(caller: &WebCaller, id: &str, message: Option<Markup>) -> Markup {
    html! {
        @if let Some(m) = message { (m) }
        h3 { "Cijfers inlezen" }
        p { "Een CSV-bestand (uit Excel: 'CSV UTF-8', scheidingsteken puntkomma) met de kolommen "
            code { "gebied" } ", " code { "periode" } ", " code { "waarde" } " en eventueel " code { "status" } ". "
            "Het bestand vervangt alle cijfers van deze indicator. Is er één fout, dan wordt niets ingelezen en ziet u elke fout met de regel en de kolom." }
        h4 { "De kolommen" }
        ul {
            li { code { "gebied" } " (verplicht): een gemeente, arbeidsmarktregio of provincie, als code (GM0153, AM05) of naam (Enschede)." }
            li { code { "periode" } " (verplicht): het jaar, 2024 (of 2024JJ00)." }
            li { code { "waarde" } " (verplicht): een getal, met decimale komma: 4,6." }
            li { code { "status" } " (niet verplicht): definitief, voorlopig, nader voorlopig of geschat." }
        }
        p { a href="/eigen-indicatoren/sjabloon.csv" download { "Leeg sjabloon (CSV)" } }
        form.account method="post" action=(format!("/eigen-indicatoren/{id}/cijfers")) enctype="multipart/form-data" {
            (csrf_field(caller))
            div.field {
                label for="bestand" { "CSV-bestand met de cijfers" }
                input type="file" id="bestand" name="bestand" accept=".csv,text/csv" required;
            }
            button type="submit" { "Cijfers inlezen" }
        }
    }
}

/// `POST /eigen-indicatoren/{id}/cijfers`: reads an uploaded file, all or nothing.
pub async fn upload(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let (csrf, file) = match super::csv::read_upload(&mut multipart).await {
        Ok(parts) => parts,
        Err(message) => return error(&state.web, StatusCode::BAD_REQUEST, message),
    };
    if !caller.csrf_matches(csrf.as_deref().unwrap_or("")) {
        return forged(&state);
    }
    let kind = match samenhang_app::own_figures::kind() {
        Ok(k) => k,
        Err(e) => return fail(&state, e),
    };
    let title = match samenhang_app::records::find(&state.app, &caller.principal, kind, &id).await {
        Ok(item) => item.title,
        Err(e) => return fail(&state, e),
    };
    let answer = |status: StatusCode, message: Markup| {
        let body = html! {
            p { a href=(format!("/eigen-indicatoren/{id}")) { "Terug naar " (title) } }
            h1 { "Cijfers inlezen: " (title) }
            (upload_form(&caller, &id, Some(message)))
        };
        private(status, page(&state.web, &format!("Cijfers inlezen: {title}"), body))
    };
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return answer(
            StatusCode::BAD_REQUEST,
            html! { div.error role="alert" { p { "Kies een bestand." } } },
        );
    };
    match samenhang_app::own_figures::upload(&state.app, &caller.principal, &id, &bytes).await {
        Ok(done) => {
            let indicator = own_indicator_id(&id);
            answer(
                StatusCode::OK,
                html! { div.notice role="status" {
                    p { (done.figures) (if done.figures == 1 { " cijfer" } else { " cijfers" }) " ingelezen voor "
                        (done.areas) (if done.areas == 1 { " gebied" } else { " gebieden" })
                        @if let Some((a, b)) = done.years { ", " (a) @if a != b { " tot en met " (b) } }
                        "; ze vervangen de vorige cijfers." }
                    p { a href=(format!("/indicatoren/{indicator}")) { "Bekijk de kaart en de ranglijst" } }
                } },
            )
        }
        Err(AppError::Invalid(faults)) => answer(
            StatusCode::BAD_REQUEST,
            html! { div.error role="alert" {
                p { "Het bestand is niet ingelezen: er is niets opgeslagen. Verbeter "
                    (if faults.len() == 1 { "deze fout" } else { "deze fouten" }) " en probeer het opnieuw:" }
                ul { @for f in faults.iter().take(100) { li { strong { (samenhang_domain::spec::capital(&f.field)) } ": " (f.reason) } } }
                @if faults.len() > 100 { p { "En nog " (faults.len() - 100) " fouten." } }
            } },
        ),
        Err(e) => fail(&state, e),
    }
}

/// `GET /eigen-indicatoren/{id}/cijfers.csv`: the figures, in the format the upload reads.
pub async fn download(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    match samenhang_app::own_figures::download(&state.app, &caller.principal, &id).await {
        Ok(bytes) => csv_response(bytes, &format!("{}-cijfers.csv", own_indicator_id(&id))),
        Err(e) => fail(&state, e),
    }
}

/// `GET /eigen-indicatoren/sjabloon.csv`: the empty file.
pub async fn template() -> Response {
    csv_response(samenhang_app::own_figures::template(), "eigen-cijfers-sjabloon.csv")
}
