// SPDX-License-Identifier: EUPL-1.2
//! CSV in and out from the web pages: every register can be downloaded as CSV (what the reader
//! may see) and a redacteur can upload a file. The same checks as the API run: a bad file is
//! refused whole, with every fault's line and column listed in Dutch, and nothing is stored.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

use crate::api::registers::{csv_response, export, import_rows, CsvRegister};
use crate::auth::WebCaller;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::web::layout::{error, page, private, see_other};
use crate::web::pages::account::{csrf_field, forged, internal};

/// The registers with a CSV format: (path segment, name on the page).
const REGISTERS: [(&str, &str); 5] = [
    ("personen", "Personen"),
    ("doelen", "Doelen"),
    ("regelingen", "Regelingen"),
    ("afspraken", "Afspraken"),
    ("overleggen", "Overleggen"),
];

fn render(state: &AppState, caller: &WebCaller, status: StatusCode, message: Option<Markup>) -> Response {
    let can_write = !caller.principal.writable_organisations().is_empty();
    let body = html! {
        h1 { "CSV-bestanden" }
        p.lead { "Download de gegevens die u mag zien als CSV, of lees een bestand in. Het formaat staat per register in de documentatie (docs/csv.md); "
            "een download heeft precies het formaat van een upload." }
        @if let Some(m) = message { (m) }
        table {
            caption { "Registers" }
            thead { tr { th scope="col" { "Register" } th scope="col" { "Downloaden" } } }
            tbody { @for (path, name) in REGISTERS { tr {
                td { (name) } td { a href=(format!("/beheer/csv/{path}")) { (name) " als CSV" } }
            } } }
        }
        h2 { "Inlezen" }
        @if !can_write {
            p { "Inlezen vraagt de rol redacteur of beheerder bij een organisatie." }
        } @else {
            p { "Is er één fout in het bestand, dan wordt niets ingelezen; u ziet dan elke fout met de regel en de kolom. "
                "Een regel met het id van een bestaand record vervangt dat record." }
            @for (path, name) in REGISTERS {
                form.account method="post" action=(format!("/beheer/csv/{path}")) enctype="multipart/form-data" {
                    (csrf_field(caller))
                    div.field {
                        label for=(format!("bestand-{path}")) { (name) ": CSV-bestand" }
                        input type="file" id=(format!("bestand-{path}")) name="bestand" accept=".csv,text/csv" required;
                    }
                    button type="submit" { (name) " inlezen" }
                }
            }
        }
    };
    private(status, page(&state.web, "CSV-bestanden", body))
}

/// `GET /beheer/csv`
pub async fn overview(State(state): State<AppState>, caller: WebCaller) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    render(&state, &caller, StatusCode::OK, None)
}

async fn export_as<R: CsvRegister>(state: &AppState, caller: &WebCaller) -> Result<Response, ApiError> {
    let csv = export::<R>(state, &caller.principal).await?;
    Ok(csv_response(csv, R::FILE))
}

/// `GET /beheer/csv/{register}`: the register as CSV.
pub async fn download(State(state): State<AppState>, caller: WebCaller, Path(register): Path<String>) -> Response {
    use crate::api::{afspraken, doelen, overleggen, personen, regelingen};
    let res = match register.as_str() {
        "personen" => export_as::<personen::People>(&state, &caller).await,
        "doelen" => export_as::<doelen::Goals>(&state, &caller).await,
        "regelingen" => export_as::<regelingen::Schemes>(&state, &caller).await,
        "afspraken" => export_as::<afspraken::Agreements>(&state, &caller).await,
        "overleggen" => export_as::<overleggen::Bodies>(&state, &caller).await,
        _ => {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!("Er is geen register '{register}'."),
            )
        }
    };
    res.unwrap_or_else(|e| internal(&state, &format!("{e:?}")))
}

/// `POST /beheer/csv/{register}`: reads an uploaded file, all or nothing.
pub async fn upload(
    State(state): State<AppState>,
    caller: WebCaller,
    Path(register): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let mut csrf = None;
    let mut file: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let Ok(bytes) = field.bytes().await else {
                    return error(
                        &state.web,
                        StatusCode::BAD_REQUEST,
                        "Het bestand kwam niet goed over. Probeer het opnieuw.",
                    );
                };
                match name.as_str() {
                    "csrf" => csrf = Some(String::from_utf8_lossy(&bytes).to_string()),
                    "bestand" => file = Some(bytes.to_vec()),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                return error(
                    &state.web,
                    StatusCode::BAD_REQUEST,
                    "Het formulier kwam niet goed over. Probeer het opnieuw.",
                )
            }
        }
    }
    if !caller.csrf_matches(csrf.as_deref().unwrap_or("")) {
        return forged(&state);
    }
    let Some(bytes) = file else {
        return render(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            Some(html! { div.error role="alert" { p { "Kies een bestand." } } }),
        );
    };
    use crate::api::{afspraken, doelen, overleggen, personen, regelingen};
    let result = match register.as_str() {
        "personen" => import_rows::<personen::People>(&state, &caller.principal, &bytes).await,
        "doelen" => import_rows::<doelen::Goals>(&state, &caller.principal, &bytes).await,
        "regelingen" => import_rows::<regelingen::Schemes>(&state, &caller.principal, &bytes).await,
        "afspraken" => import_rows::<afspraken::Agreements>(&state, &caller.principal, &bytes).await,
        "overleggen" => import_rows::<overleggen::Bodies>(&state, &caller.principal, &bytes).await,
        _ => {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!("Er is geen register '{register}'."),
            )
        }
    };
    match result {
        Ok(ids) => render(
            &state,
            &caller,
            StatusCode::OK,
            Some(html! { div.notice role="status" { p { (ids.len()) " records ingelezen in " (register) "." } } }),
        ),
        Err(ApiError::Invalid(faults)) => render(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            Some(html! {
                div.error role="alert" {
                    p { "Het bestand is niet ingelezen: er is niets opgeslagen. Verbeter deze fouten en probeer het opnieuw:" }
                    ul { @for f in &faults { li { strong { (f.name) } ": " (f.reason) } } }
                }
            }),
        ),
        Err(ApiError::Status(status, message)) => render(
            &state,
            &caller,
            status,
            Some(html! { div.error role="alert" { p { (message) } } }),
        ),
        Err(ApiError::NotFound(message)) => render(
            &state,
            &caller,
            StatusCode::NOT_FOUND,
            Some(html! { div.error role="alert" { p { (message) } } }),
        ),
        Err(ApiError::Internal(cause)) => internal(&state, &cause),
    }
}
