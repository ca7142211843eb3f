// SPDX-License-Identifier: EUPL-1.2
//! `GET /regelingen/{id}`: one regeling, with its ETag.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{Regeling, Schemes};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Regeling ophalen
///
/// Eén regeling, als je die mag zien; anders 404 (ook als die wel bestaat). De `ETag` is de
/// versie, nodig voor `If-Match` bij wijzigen en verwijderen.
#[utoipa::path(
    get,
    path = "/regelingen/{id}",
    operation_id = "regelingOphalen",
    tag = "Regelingen",
    params(("id" = String, Path, description = "Id", example = "5b6c7d8e9f0a1b2c")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De regeling", body = Regeling, headers(("ETag" = String, description = "De versie"))),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    registers::show::<Schemes>(&state, &caller, &id, |_, _| {}).await
}
