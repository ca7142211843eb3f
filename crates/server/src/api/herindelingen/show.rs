// SPDX-License-Identifier: EUPL-1.2
//! `GET /herindelingen/{id}`: one herindeling.

use axum::extract::{Path, RawQuery, State};
use axum::Json;

use crate::api::model::Herindeling;
use crate::api::ApiState;
use crate::api::{herindeling, Names};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Eén herindeling
///
/// Met de opgeheven en nieuwe gemeenten en het grondgebied dat overging. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/herindelingen/{id}",
    operation_id = "herindelingOpvragen",
    tag = "Herindelingen",
    params(("id" = String, Path, description = "Id van de herindeling", example = "2022-03-24-samenvoeging-GM0363")),
    responses(
        (status = 200, description = "De herindeling", body = Herindeling),
        (status = 404, description = "Geen herindeling met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Herindeling>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let event = state
        .app
        .store()
        .reorganisation(&id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen herindeling met id '{id}'.")))?;
    let mut names = Names::default();
    names.want_event(&event);
    names.resolve(state.app.store()).await?;
    Ok(Json(herindeling(&event, &names)))
}
