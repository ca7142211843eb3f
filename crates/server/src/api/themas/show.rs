// SPDX-License-Identifier: EUPL-1.2
//! `GET /themas/{begrip}`: everything linked to one concept.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{theme, Thema};
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Alles over een thema
///
/// Voor één begrip uit het begrippenkader: de indicatoren die het meten, en de doelen,
/// personen, regelingen, afspraken en overleggen die eraan gekoppeld zijn, voor zover je ze mag
/// zien.
#[utoipa::path(
    get,
    path = "/themas/{begrip}",
    operation_id = "themaOphalen",
    tag = "Themas",
    params(("begrip" = String, Path, description = "Id van het begrip", example = "werkloosheid")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "Alles over het thema", body = Thema),
        (status = 404, description = "Onbekend begrip", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let t = theme(&state, &caller, &id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen begrip met id '{id}'.")))?;
    let mut res = Json(t).into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-cache"),
    );
    Ok(res)
}
