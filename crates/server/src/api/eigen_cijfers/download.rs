// SPDX-License-Identifier: EUPL-1.2
//! `GET /eigen-indicatoren/{id}/cijfers`: the figures of an own indicator as CSV, in the format
//! the upload reads.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Cijfers van een eigen indicator downloaden
///
/// De cijfers als CSV-bestand (`;`, UTF-8 met byte-order mark, decimale komma) met de kolommen
/// `gebied`, `periode`, `waarde` en `status`: het formaat dat het inlezen leest.
#[utoipa::path(
    get,
    path = "/eigen-indicatoren/{id}/cijfers",
    operation_id = "eigenCijfersDownloaden",
    tag = "Eigen cijfers",
    params(("id" = String, Path, description = "Id van de eigen indicator", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De cijfers", body = String, content_type = "text/csv"),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let bytes = samenhang_app::own_figures::download(&state.app, &caller, &id).await?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    Ok(res)
}
