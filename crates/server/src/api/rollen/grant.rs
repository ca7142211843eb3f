// SPDX-License-Identifier: EUPL-1.2
//! `POST /rollen`: give a user a role in an organisation (replacing the one they had there).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samenhang_domain::access::Role;

use super::RolInvoer;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::{ApiError, InvalidParam};

/// Rol toekennen
///
/// Voor beheerders van de organisatie. Vervangt de rol die de gebruiker daar had. Staat in het
/// auditlog.
#[utoipa::path(
    post,
    path = "/rollen",
    operation_id = "rolToekennen",
    tag = "Toegang",
    request_body(content = RolInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 201, description = "Toegekend"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen beheerder van die organisatie", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    body: Bytes,
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let input: RolInvoer = serde_json::from_slice(&body).map_err(|e| {
        ApiError::Invalid(vec![InvalidParam::new(
            "body",
            "json",
            format!("Ongeldige invoer: {e}"),
        )])
    })?;
    let role = Role::parse(&input.rol).ok_or_else(|| {
        ApiError::Invalid(vec![InvalidParam::new(
            "rol",
            "enum",
            "Kies uit lezer, redacteur of beheerder.",
        )])
    })?;
    let user =
        samenhang_app::accounts::set_role(state.app.store(), &caller, &input.email, &input.organisatie, Some(role))
            .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(serde_json::json!({ "gebruiker": user.id, "organisatie": input.organisatie, "rol": role.as_str() })),
    )
        .into_response())
}
