// SPDX-License-Identifier: EUPL-1.2
//! `GET /overleggen/_analyse`: load, overlap and candidates to merge or drop.

use axum::extract::State;
use axum::Json;

use crate::api::coherence::{body_analysis, OverlegAnalyse};
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Analyse van overleggen
///
/// Over de overleggen die je mag zien: de belasting in uren per jaar per persoon en per
/// organisatie (frequentie × duur per deelname), de overlap tussen overleggen in deelnemers en
/// thema's (Jaccard), en kandidaten om samen te voegen (de helft of meer van de deelnemers en
/// van de thema's gedeeld) of op te heffen (een informerend overleg waarvan alle deelnemers en
/// thema's ook samenkomen in een besluitvormend of adviserend overleg), met de reden.
#[utoipa::path(
    get,
    path = "/overleggen/_analyse",
    operation_id = "overleggenAnalyse",
    tag = "Overleggen",
    security((), ("apiSleutel" = [])),
    responses((status = 200, description = "De analyse", body = OverlegAnalyse))
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<OverlegAnalyse>, ApiError> {
    Ok(Json(body_analysis(&state, &caller).await?))
}
