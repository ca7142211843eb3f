// SPDX-License-Identifier: EUPL-1.2
//! `POST /doelen/_import`: doelen from a CSV file, all or nothing.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::Goals;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Doelen importeren uit CSV
///
/// Leest een CSV-bestand (formaat als de export; scheidingsteken `,` of `;`). Elke regel wordt
/// gecontroleerd; een fout noemt de regel en de kolom. Is er één fout, dan wordt niets
/// opgeslagen. Een regel met een bestaand `id` vervangt dat record.
#[utoipa::path(
    post,
    path = "/doelen/_import",
    operation_id = "doelenImporteren",
    tag = "Doelen",
    request_body(content = String, content_type = "text/csv"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Geïmporteerd: het aantal en de ids"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Geen text/csv", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    registers::import::<Goals>(&state, &caller, &headers, &body).await
}
