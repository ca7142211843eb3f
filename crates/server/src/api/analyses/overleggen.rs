// SPDX-License-Identifier: EUPL-1.2
//! `GET /overleggen/_analyse`: load, overlap and candidates to merge or drop.

use axum::extract::State;
use axum::Json;

use super::OverlegAnalyse;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Analyse van de overleggen
///
/// Over de overleggen die u mag zien: uren per persoon en organisatie, overlap van deelnemers en
/// thema's, en kandidaten om samen te voegen of op te heffen.
#[utoipa::path(
    get,
    path = "/overleggen/_analyse",
    operation_id = "overleggenAnalyse",
    tag = "Overleggen",
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De analyse", body = OverlegAnalyse),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<OverlegAnalyse>, ApiError> {
    Ok(Json(samenhang_app::analyses::bodies(&state.app, &caller).await?.into()))
}
