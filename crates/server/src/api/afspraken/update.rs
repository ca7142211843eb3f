// SPDX-License-Identifier: EUPL-1.2
//! `PUT /afspraken/{id}`: change a afspraak, with optimistic locking (`If-Match`, 412 when stale).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{Afspraak, AfspraakInvoer, Agreements};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Afspraak wijzigen
///
/// Vervangt de inhoud. `If-Match` met de `ETag` van de versie waarop de wijziging is gebaseerd
/// is verplicht; is die intussen gewijzigd, dan volgt 412 en blijft alles zoals het was.
#[utoipa::path(
    put,
    path = "/afspraken/{id}",
    operation_id = "afspraakWijzigen",
    tag = "Afspraken",
    params(
        ("id" = String, Path, description = "Id", example = "0a1b2c3d4e5f6a7b"),
        ("If-Match" = String, Header, description = "De ETag van de versie waarop de wijziging is gebaseerd"),
    ),
    request_body(content = AfspraakInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Gewijzigd", body = Afspraak, headers(("ETag" = String, description = "De nieuwe versie"))),
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
    body: Bytes,
) -> Result<Response, ApiError> {
    registers::update::<Agreements>(&state, &caller, &id, &headers, &body).await
}
