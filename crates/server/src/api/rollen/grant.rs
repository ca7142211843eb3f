// SPDX-License-Identifier: EUPL-1.2
//! `POST /rollen`: give a user a role in an organisation (replacing the one they had there).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samenhang_domain::access::Role;

use super::RolInvoer;
use crate::api::registers::{require_user, write_error};
use crate::auth::ApiCaller;
use crate::problem::{ApiError, InvalidParam};
use crate::state::AppState;

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
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    body: Bytes,
) -> Result<Response, ApiError> {
    let by = require_user(&caller)?.clone();
    let input: RolInvoer = serde_json::from_slice(&body).map_err(|e| {
        ApiError::Invalid(vec![InvalidParam::new(
            "body",
            "json",
            format!("Ongeldige invoer: {e}"),
        )])
    })?;
    if !caller.is_admin_of(&input.organisatie) {
        return Err(ApiError::Status(
            StatusCode::FORBIDDEN,
            format!("Je bent geen beheerder van '{}'.", input.organisatie),
        ));
    }
    let mut faults = Vec::new();
    let role = Role::parse(&input.rol);
    if role.is_none() {
        faults.push(InvalidParam::new(
            "rol",
            "enum",
            "Kies uit lezer, redacteur of beheerder.",
        ));
    }
    let user = state.store.user_by_email(&input.email).await?;
    if user.is_none() {
        faults.push(InvalidParam::new(
            "email",
            "unknown",
            format!("Er is geen gebruiker met e-mailadres '{}'.", input.email.trim()),
        ));
    }
    let (Some(role), Some(user)) = (role, user) else {
        return Err(ApiError::Invalid(faults));
    };
    state
        .store
        .set_role(&user.id, &input.organisatie, Some(role), &by)
        .await
        .map_err(|e| write_error(e, "rol"))?;
    Ok((
        StatusCode::CREATED,
        axum::Json(serde_json::json!({ "gebruiker": user.id, "organisatie": input.organisatie, "rol": role.as_str() })),
    )
        .into_response())
}
