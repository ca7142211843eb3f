// SPDX-License-Identifier: EUPL-1.2
//! `PUT /organisaties/{id}`: change an organisation (its beheerder), with `If-Match`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use samenhang_store::registers::Organisation;

use super::OrganisatieInvoer;
use crate::api::registers::{etag, expected_version, require_user, write_error};
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Organisatie wijzigen
///
/// Voor beheerders van de organisatie. `If-Match` met de `ETag` is verplicht (412 als die
/// verouderd is).
#[utoipa::path(
    put,
    path = "/organisaties/{id}",
    operation_id = "organisatieWijzigen",
    tag = "Toegang",
    params(
        ("id" = String, Path, description = "Id", example = "gemeente-enschede"),
        ("If-Match" = String, Header, description = "De ETag van de versie waarop de wijziging is gebaseerd"),
    ),
    request_body(content = OrganisatieInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Gewijzigd", headers(("ETag" = String, description = "De nieuwe versie"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen beheerder van deze organisatie", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
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
    let by = require_user(&caller)?.clone();
    if state.store.organisation(&id).await?.is_none() {
        return Err(ApiError::NotFound(format!("Er is geen organisatie met id '{id}'.")));
    }
    if !caller.is_admin_of(&id) {
        return Err(ApiError::Status(
            StatusCode::FORBIDDEN,
            format!("Je bent geen beheerder van '{id}'."),
        ));
    }
    let expected = expected_version(&headers, "organisatie")?;
    let (id, name, kind, region) = super::parse(&body, Some(&id))?;
    let org = Organisation {
        id,
        name,
        kind,
        region,
        version: expected,
    };
    let version = state
        .store
        .update_organisation(&org, expected, &by)
        .await
        .map_err(|e| write_error(e, "organisatie"))?;
    let mut res = axum::Json(serde_json::json!({ "id": org.id, "versie": version })).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&etag(version)) {
        res.headers_mut().insert(axum::http::header::ETAG, v);
    }
    Ok(res)
}
