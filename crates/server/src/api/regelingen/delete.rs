// SPDX-License-Identifier: EUPL-1.2
//! `DELETE /regelingen/{id}`: remove a regeling, with optimistic locking.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::Schemes;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Regeling verwijderen
///
/// `If-Match` met de huidige `ETag` is verplicht. De verwijdering staat in het auditlog.
#[utoipa::path(
    delete,
    path = "/regelingen/{id}",
    operation_id = "regelingVerwijderen",
    tag = "Regelingen",
    params(
        ("id" = String, Path, description = "Id", example = "5b6c7d8e9f0a1b2c"),
        ("If-Match" = String, Header, description = "De ETag van de huidige versie"),
    ),
    security(("apiSleutel" = [])),
    responses(
        (status = 204, description = "Verwijderd"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur bij de eigenaar", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden of niet zichtbaar voor jou", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Intussen gewijzigd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    registers::delete::<Schemes>(&state, &caller, &id, &headers).await
}
