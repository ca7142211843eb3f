// SPDX-License-Identifier: EUPL-1.2
//! `GET /overleggen/{id}`: one overleg, with its ETag.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{Bodies, Overleg};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Overleg ophalen
///
/// Eén overleg, als je die mag zien; anders 404 (ook als die wel bestaat). De `ETag` is de
/// versie, nodig voor `If-Match` bij wijzigen en verwijderen.
#[utoipa::path(
    get,
    path = "/overleggen/{id}",
    operation_id = "overlegOphalen",
    tag = "Overleggen",
    params(("id" = String, Path, description = "Id", example = "9e8d7c6b5a4f3e2d")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "Het overleg", body = Overleg, headers(("ETag" = String, description = "De versie"))),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let people = registers::visible_ids::<crate::api::personen::People>(&state, &caller).await?;
    registers::show::<Bodies>(&state, &caller, &id, super::visible_participants(&people)).await
}
