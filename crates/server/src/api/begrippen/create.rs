// SPDX-License-Identifier: EUPL-1.2
//! `POST /begrippen`: a new concept (local use only until accounts exist).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{etag, parse_body, require_writes, save, to_input, BegripInvoer};
use crate::api::ApiState;
use crate::problem::{ApiError, InvalidParam};

/// Begrip toevoegen
///
/// Voegt een begrip toe aan een begrippenkader, met ten minste één definitie met bron en
/// perspectief. Een nieuw begrip begint als `inBewerking` of `voorgesteld`. Alleen als de server
/// met `--lokaal-schrijven` draait.
#[utoipa::path(
    post,
    path = "/begrippen",
    operation_id = "begripToevoegen",
    tag = "Begrippen",
    request_body(content = BegripInvoer, content_type = "application/json"),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 201, description = "Het begrip is toegevoegd", headers(("ETag" = String, description = "De versie van het begrip"), ("Location" = String, description = "Het adres van het begrip"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    crate::api::caller::ApiCaller(caller): crate::api::caller::ApiCaller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let by = require_writes(&state, &caller, &headers)?;
    let input: BegripInvoer = parse_body(&body)?;
    let view = state.app.vocab();
    let kader = match input.kader.as_deref() {
        Some(k) => k.to_string(),
        None => view.vocabularies.first().map(|(id, _)| id.clone()).ok_or_else(|| {
            ApiError::Invalid(vec![InvalidParam::new(
                "kader",
                "required",
                "Er is nog geen begrippenkader.",
            )])
        })?,
    };
    let (_, vocab) = view.vocabulary(&kader).ok_or_else(|| {
        ApiError::Invalid(vec![InvalidParam::new(
            "kader",
            "unknown",
            format!("Er is geen begrippenkader met id '{kader}'."),
        )])
    })?;
    let id = input.id.clone().unwrap_or_default();
    if view.vocabulary_of(&id).is_some() {
        return Err(ApiError::Invalid(vec![InvalidParam::new(
            "id",
            "duplicate",
            format!("Er is al een begrip met id '{id}'."),
        )]));
    }
    let concept = to_input(id, &input)?;
    let (id, version) = save(&state, &kader, vocab, &concept, false, 0, &by).await?;
    let mut res = (
        StatusCode::CREATED,
        Json(serde_json::json!({ "id": id, "versie": version })),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        res.headers_mut().insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/begrippen/{id}")) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}
