// SPDX-License-Identifier: EUPL-1.2
//! `PUT /eigen-indicatoren/{id}/cijfers`: replaces the figures of an own indicator with those of
//! a CSV file, all or nothing.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Wat een upload heeft opgeslagen.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CijfersIngelezen {
    /// Opgeslagen cijfers; ze vervangen de eerdere.
    pub aantal: usize,
    /// Different areas.
    pub gebieden: usize,
    /// Het eerste jaar.
    pub eerste_jaar: Option<i32>,
    /// Het laatste jaar.
    pub laatste_jaar: Option<i32>,
    /// De indicator met zijn cijfers (`/api/v1/indicatoren/eigen-{id}`).
    pub indicator: String,
}

/// Cijfers van een eigen indicator inlezen
///
/// Vervangt de cijfers van de eigen indicator door die van het CSV-bestand (scheidingsteken `;`
/// of `,`, UTF-8) met de kolommen `gebied` (een code zoals GM0153 of AM05, of een naam),
/// `periode` (een jaar: 2024 of 2024JJ00), `waarde` (4,6 of 4.6) en eventueel `status`
/// (definitief, voorlopig, nader voorlopig of geschat). Is er één fout, dan wordt niets
/// opgeslagen en noemt het antwoord elke fout met de regel en de kolom.
#[utoipa::path(
    put,
    path = "/eigen-indicatoren/{id}/cijfers",
    operation_id = "eigenCijfersInlezen",
    tag = "Eigen cijfers",
    params(("id" = String, Path, description = "Id van de eigen indicator", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    request_body(content = String, content_type = "text/csv", description = "Het CSV-bestand"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Ingelezen", body = CijfersIngelezen),
        (status = 400, description = "Een fout in het bestand; er is niets opgeslagen", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur bij de organisatie van de indicator", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Geen text/csv", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<CijfersIngelezen>, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    crate::api::records::import::require_csv(&headers)?;
    let done = samenhang_app::own_figures::upload(&state.app, &caller, &id, &body).await?;
    Ok(Json(CijfersIngelezen {
        aantal: done.figures,
        gebieden: done.areas,
        eerste_jaar: done.years.map(|y| y.0),
        laatste_jaar: done.years.map(|y| y.1),
        indicator: format!("/api/v1/indicatoren/{}", samenhang_app::views::own_indicator_id(&id)),
    }))
}
