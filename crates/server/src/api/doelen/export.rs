// SPDX-License-Identifier: EUPL-1.2
//! `GET /doelen/_export`: the doelen the caller may see, as CSV (format in docs/csv.md).

use axum::extract::State;
use axum::response::Response;

use super::Goals;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Doelen als CSV
///
/// Alle doelen die je mag zien, als CSV met kopregel; hetzelfde formaat als de import.
#[utoipa::path(
    get,
    path = "/doelen/_export",
    operation_id = "doelenExporteren",
    tag = "Doelen",
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(State(state): State<AppState>, ApiCaller(caller): ApiCaller) -> Result<Response, ApiError> {
    let csv = registers::export::<Goals>(&state, &caller).await?;
    Ok(registers::csv_response(csv, <Goals as registers::CsvRegister>::FILE))
}
