// SPDX-License-Identifier: EUPL-1.2
//! `GET /organisaties/{id}`: one organisation, with its ETag.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{representation, Organisatie};
use crate::api::ApiState;
use crate::api::Names;
use crate::problem::ApiError;

/// Organisatie ophalen
#[utoipa::path(
    get,
    path = "/organisaties/{id}",
    operation_id = "organisatieOphalen",
    tag = "Toegang",
    params(("id" = String, Path, description = "Id van de organisatie", example = "gemeente-enschede")),
    responses(
        (status = 200, description = "De organisatie", body = Organisatie, headers(("ETag" = String, description = "De versie"))),
        (status = 404, description = "Onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(State(state): State<ApiState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let o = state
        .app
        .store()
        .organisation(&id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen organisatie met id '{id}'.")))?;
    let mut names = Names::default();
    if let Some(r) = o.region {
        names.want(r.into());
    }
    names.resolve(state.app.store()).await?;
    let mut res = Json(representation(&o, &names)).into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("\"{}\"", o.version)) {
        res.headers_mut().insert(axum::http::header::ETAG, v);
    }
    Ok(res)
}
