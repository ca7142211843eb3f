// SPDX-License-Identifier: EUPL-1.2
//! `GET /personen/{id}`: one persoon, with its ETag.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{People, Persoon};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Persoon ophalen
///
/// Eén persoon, als je die mag zien; anders 404 (ook als die wel bestaat). De `ETag` is de
/// versie, nodig voor `If-Match` bij wijzigen en verwijderen.
#[utoipa::path(
    get,
    path = "/personen/{id}",
    operation_id = "persoonOphalen",
    tag = "Personen",
    params(("id" = String, Path, description = "Id", example = "3f2a9c1b7d4e5a60")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De persoon", body = Persoon, headers(("ETag" = String, description = "De versie"))),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    registers::show::<People>(&state, &caller, &id, |_, _| {}).await
}
