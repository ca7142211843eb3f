// SPDX-License-Identifier: EUPL-1.2
//! `GET /personen/_export`: the personen the caller may see, as CSV (format in docs/csv.md).

use axum::extract::State;
use axum::response::Response;

use super::People;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Personen als CSV
///
/// Alle personen die je mag zien, als CSV met kopregel; hetzelfde formaat als de import.
#[utoipa::path(
    get,
    path = "/personen/_export",
    operation_id = "personenExporteren",
    tag = "Personen",
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(State(state): State<AppState>, ApiCaller(caller): ApiCaller) -> Result<Response, ApiError> {
    let csv = registers::export::<People>(&state, &caller).await?;
    Ok(registers::csv_response(csv, <People as registers::CsvRegister>::FILE))
}
