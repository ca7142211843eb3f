// SPDX-License-Identifier: EUPL-1.2
//! `PUT /begrippen/{id}`: change a concept, with optimistic locking (`If-Match`, 412 when stale).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{etag, parse_body, require_writes, save, to_input, BegripInvoer};
use crate::api::ApiState;
use crate::problem::ApiError;

/// Begrip wijzigen
///
/// Vervangt het begrip door de meegegeven inhoud. `If-Match` met de `ETag` van de versie waarop
/// de wijziging is gebaseerd is verplicht; is het begrip intussen gewijzigd, dan volgt 412. De
/// status volgt de werkwijze: in bewerking → voorgesteld → vastgesteld → vervangen of vervallen.
#[utoipa::path(
    put,
    path = "/begrippen/{id}",
    operation_id = "begripWijzigen",
    tag = "Begrippen",
    params(
        ("id" = String, Path, description = "Id van het begrip", example = "werkloosheid"),
        ("If-Match" = String, Header, description = "De ETag van de versie waarop de wijziging is gebaseerd"),
    ),
    request_body(content = BegripInvoer, content_type = "application/json"),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "Het begrip is gewijzigd", headers(("ETag" = String, description = "De nieuwe versie"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Geen begrip met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Het begrip is intussen gewijzigd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    crate::api::caller::ApiCaller(caller): crate::api::caller::ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let by = require_writes(&state, &caller, &headers)?;
    let view = state.app.vocab();
    let (kader, vocab, concept) = super::find(&view, &id)?;
    let iri = concept.iri.clone();
    let current = view.version(&iri);
    let expected = super::expected_version(&headers, current)?;
    if expected != current {
        return Err(ApiError::Status(
            StatusCode::PRECONDITION_FAILED,
            format!("Het begrip is intussen gewijzigd (nu versie {current}). Haal het opnieuw op en pas uw wijziging daarop toe."),
        ));
    }
    let input: BegripInvoer = parse_body(&body)?;
    let concept = to_input(id.clone(), &input)?;
    let (id, version) = save(&state, kader, vocab, &concept, true, expected, &by).await?;
    let mut res = (StatusCode::OK, Json(serde_json::json!({ "id": id, "versie": version }))).into_response();
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        res.headers_mut().insert(header::ETAG, v);
    }
    Ok(res)
}
