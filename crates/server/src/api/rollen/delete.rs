// SPDX-License-Identifier: EUPL-1.2
//! `DELETE /rollen/{organisatie}/{gebruiker}`: take a user's role in an organisation away.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Rol intrekken
///
/// Voor beheerders van de organisatie. Staat in het auditlog.
#[utoipa::path(
    delete,
    path = "/rollen/{organisatie}/{gebruiker}",
    operation_id = "rolIntrekken",
    tag = "Toegang",
    params(
        ("organisatie" = String, Path, description = "Id van de organisatie", example = "gemeente-enschede"),
        ("gebruiker" = String, Path, description = "Id van de gebruiker", example = "5e1f0c2a9b8d7e6f"),
    ),
    security(("apiSleutel" = [])),
    responses(
        (status = 204, description = "Ingetrokken"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen beheerder van die organisatie, of de laatste beheerder", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Onbekende gebruiker of organisatie", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path((organisation, user)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    samenhang_app::accounts::set_role_by_id(state.app.store(), &caller, &user, &organisation, None).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
