// SPDX-License-Identifier: EUPL-1.2
//! `GET /doelen/{id}`: one doel, with its ETag.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{Doel, Goals};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Doel ophalen
///
/// Eén doel, als je die mag zien; anders 404 (ook als die wel bestaat). De `ETag` is de
/// versie, nodig voor `If-Match` bij wijzigen en verwijderen.
#[utoipa::path(
    get,
    path = "/doelen/{id}",
    operation_id = "doelOphalen",
    tag = "Doelen",
    params(("id" = String, Path, description = "Id", example = "8c1d2e3f4a5b6c7d")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De doel", body = Doel, headers(("ETag" = String, description = "De versie"))),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    registers::show::<Goals>(&state, &caller, &id, |g, m| super::add_progress(&state, g, m)).await
}
