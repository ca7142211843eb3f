// SPDX-License-Identifier: EUPL-1.2
//! `GET /overleggen/_export`: the overleggen the caller may see, as CSV (format in docs/csv.md).

use axum::extract::State;
use axum::response::Response;

use super::Bodies;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Overleggen als CSV
///
/// Alle overleggen die je mag zien, als CSV met kopregel; hetzelfde formaat als de import.
#[utoipa::path(
    get,
    path = "/overleggen/_export",
    operation_id = "overleggenExporteren",
    tag = "Overleggen",
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(State(state): State<AppState>, ApiCaller(caller): ApiCaller) -> Result<Response, ApiError> {
    let csv = registers::export::<Bodies>(&state, &caller).await?;
    Ok(registers::csv_response(csv, <Bodies as registers::CsvRegister>::FILE))
}
