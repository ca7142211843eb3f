// SPDX-License-Identifier: EUPL-1.2
//! `GET /afspraken/_export`: the afspraken the caller may see, as CSV (format in docs/csv.md).

use axum::extract::State;
use axum::response::Response;

use super::Agreements;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Afspraken als CSV
///
/// Alle afspraken die je mag zien, als CSV met kopregel; hetzelfde formaat als de import.
#[utoipa::path(
    get,
    path = "/afspraken/_export",
    operation_id = "afsprakenExporteren",
    tag = "Afspraken",
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(State(state): State<AppState>, ApiCaller(caller): ApiCaller) -> Result<Response, ApiError> {
    let csv = registers::export::<Agreements>(&state, &caller).await?;
    Ok(registers::csv_response(
        csv,
        <Agreements as registers::CsvRegister>::FILE,
    ))
}
