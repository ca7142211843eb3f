// SPDX-License-Identifier: EUPL-1.2
//! `POST /organisaties`: a new organisation; its creator becomes its first beheerder.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samenhang_domain::access::Role;
use samenhang_store::registers::Organisation;

use super::OrganisatieInvoer;
use crate::api::registers::{require_user, write_error};
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Organisatie toevoegen
///
/// Voor beheerders: een nieuwe partner of gemeente. Wie haar toevoegt, wordt er beheerder van,
/// zodat er iemand is die rollen kan toekennen.
#[utoipa::path(
    post,
    path = "/organisaties",
    operation_id = "organisatieToevoegen",
    tag = "Toegang",
    request_body(content = OrganisatieInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 201, description = "Toegevoegd", headers(("Location" = String, description = "Het adres"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen beheerder", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Het id bestaat al", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    body: Bytes,
) -> Result<Response, ApiError> {
    let by = require_user(&caller)?.clone();
    if !caller.is_admin() {
        return Err(ApiError::Status(
            StatusCode::FORBIDDEN,
            "Alleen een beheerder kan organisaties toevoegen.".into(),
        ));
    }
    let (id, name, kind, region) = super::parse(&body, None)?;
    let org = Organisation {
        id: id.clone(),
        name,
        kind,
        region,
        version: 1,
    };
    state
        .store
        .create_organisation(&org, &by)
        .await
        .map_err(|e| write_error(e, "organisatie"))?;
    state.store.set_role(&by.id, &id, Some(Role::Admin), &by).await?;
    let mut res = (StatusCode::CREATED, axum::Json(serde_json::json!({ "id": id }))).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("/api/v1/organisaties/{id}")) {
        res.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    Ok(res)
}
