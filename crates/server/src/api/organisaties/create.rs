// SPDX-License-Identifier: EUPL-1.2
//! `POST /organisaties`: a new organisation; its creator becomes its first beheerder.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::OrganisatieInvoer;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

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
        (status = 403, description = "Geen beheerder, of een arbeidsmarktregio waar u geen organisatie beheert", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Het id bestaat al", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    body: Bytes,
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let (id, name, kind, region) = super::parse(&body, None)?;
    let input = samenhang_app::accounts::OrganisationInput {
        id: id.clone(),
        name,
        kind,
        region,
    };
    samenhang_app::accounts::create_organisation(state.app.store(), &caller, &input).await?;
    let mut res = (StatusCode::CREATED, axum::Json(serde_json::json!({ "id": id }))).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("/api/v1/organisaties/{id}")) {
        res.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    Ok(res)
}
