// SPDX-License-Identifier: EUPL-1.2
//! `POST /afspraken`: a new afspraak.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::{Afspraak, AfspraakInvoer, Agreements};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Afspraak toevoegen
///
/// Vraagt de rol redacteur of beheerder bij de organisatie die eigenaar wordt. Elke fout in de
/// invoer staat in `invalidParams`; bij een fout wordt niets opgeslagen.
#[utoipa::path(
    post,
    path = "/afspraken",
    operation_id = "afspraakToevoegen",
    tag = "Afspraken",
    request_body(content = AfspraakInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 201, description = "Toegevoegd", body = Afspraak, headers(("ETag" = String, description = "De versie"), ("Location" = String, description = "Het adres"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur bij die organisatie", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    body: Bytes,
) -> Result<Response, ApiError> {
    registers::create::<Agreements>(&state, &caller, &body).await
}
