// SPDX-License-Identifier: EUPL-1.2
//! `PUT /organisaties/{id}`: change an organisation (its beheerder), with `If-Match`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::OrganisatieInvoer;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

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
        ("id" = String, Path, description = "Id van de organisatie", example = "gemeente-enschede"),
        ("If-Match" = String, Header, description = "De ETag van de versie waarop de wijziging is gebaseerd, of *", pattern = r#"^(\*|(W/)?"[0-9]+")$"#),
    ),
    request_body(content = OrganisatieInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Gewijzigd", headers(("ETag" = String, description = "De nieuwe versie"))),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen beheerder van deze organisatie, of een andere arbeidsmarktregio (alleen de beheerder van de installatie)", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Intussen gewijzigd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match ontbreekt", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let expected = crate::api::records::expected(&headers)?;
    let (id, name, kind, region) = super::parse(&body, Some(&id))?;
    let input = samenhang_app::accounts::OrganisationInput {
        id: id.clone(),
        name,
        kind,
        region,
    };
    let version = samenhang_app::accounts::update_organisation(state.app.store(), &caller, &input, expected).await?;
    let res = axum::Json(serde_json::json!({ "id": id, "versie": version })).into_response();
    Ok(crate::api::records::with_etag(res, version))
}
