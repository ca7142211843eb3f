// SPDX-License-Identifier: EUPL-1.2
//! `GET /afspraken/{id}`: one afspraak, with its ETag.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{Afspraak, Agreements};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Afspraak ophalen
///
/// Eén afspraak, als je die mag zien; anders 404 (ook als die wel bestaat). De `ETag` is de
/// versie, nodig voor `If-Match` bij wijzigen en verwijderen.
#[utoipa::path(
    get,
    path = "/afspraken/{id}",
    operation_id = "afspraakOphalen",
    tag = "Afspraken",
    params(("id" = String, Path, description = "Id", example = "0a1b2c3d4e5f6a7b")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De afspraak", body = Afspraak, headers(("ETag" = String, description = "De versie"))),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    registers::show::<Agreements>(&state, &caller, &id, |_, _| {}).await
}
