// SPDX-License-Identifier: EUPL-1.2
//! `POST /regelingen`: a new regeling.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::{Regeling, RegelingInvoer, Schemes};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Regeling toevoegen
///
/// Vraagt de rol redacteur of beheerder bij de organisatie die eigenaar wordt. Elke fout in de
/// invoer staat in `invalidParams`; bij een fout wordt niets opgeslagen.
#[utoipa::path(
    post,
    path = "/regelingen",
    operation_id = "regelingToevoegen",
    tag = "Regelingen",
    request_body(content = RegelingInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 201, description = "Toegevoegd", body = Regeling, headers(("ETag" = String, description = "De versie"), ("Location" = String, description = "Het adres"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur bij die organisatie", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    body: Bytes,
) -> Result<Response, ApiError> {
    registers::create::<Schemes>(&state, &caller, &body).await
}
