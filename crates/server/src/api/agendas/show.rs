// SPDX-License-Identifier: EUPL-1.2
//! `GET /agendas/{id}`: one agenda, with its ETag.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{AgendaWeergave, Agendas};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Agenda ophalen
///
/// Eén agenda, als je die mag zien; anders 404 (ook als die wel bestaat). De `ETag` is de
/// versie, nodig voor `If-Match` bij wijzigen en verwijderen.
#[utoipa::path(
    get,
    path = "/agendas/{id}",
    operation_id = "agendaOphalen",
    tag = "Agendas",
    params(("id" = String, Path, description = "Id", example = "a1b2c3d4e5f60718")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De agenda", body = AgendaWeergave, headers(("ETag" = String, description = "De versie"))),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let goals = registers::visible_ids::<crate::api::doelen::Goals>(&state, &caller).await?;
    registers::show::<Agendas>(&state, &caller, &id, super::visible_goals(&goals)).await
}
