// SPDX-License-Identifier: EUPL-1.2
//! `DELETE /afspraken/{id}`: remove a afspraak, with optimistic locking.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::Agreements;
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Afspraak verwijderen
///
/// `If-Match` met de huidige `ETag` is verplicht. De verwijdering staat in het auditlog.
#[utoipa::path(
    delete,
    path = "/afspraken/{id}",
    operation_id = "afspraakVerwijderen",
    tag = "Afspraken",
    params(
        ("id" = String, Path, description = "Id", example = "0a1b2c3d4e5f6a7b"),
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
    registers::delete::<Agreements>(&state, &caller, &id, &headers).await
}
