// SPDX-License-Identifier: EUPL-1.2
//! `GET /indicatoren/{id}`: one indicator with its definition and sources.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::caller::ApiCaller;
use crate::api::cijfers::{bronvermelding_van, Bronvermelding, IndicatorDto};
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Een indicator met zijn bronvermelding.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorDetail {
    /// De indicator.
    #[serde(flatten)]
    pub indicator: IndicatorDto,
    /// Bron en licentie.
    pub bronvermelding: Bronvermelding,
}

/// Eén indicator
///
/// De definitie van de indicator, zijn formule en zijn bronnen.
#[utoipa::path(
    get,
    path = "/indicatoren/{id}",
    operation_id = "indicatorOpvragen",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de indicator", example = "inwoners")),
    responses(
        (status = 200, description = "De indicator", body = IndicatorDetail),
        (status = 404, description = "Geen indicator met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<IndicatorDetail>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let snap = state.app.snapshot();
    let series = super::series(&snap, &id, &caller)?;
    Ok(Json(IndicatorDetail {
        indicator: IndicatorDto::new(series, &snap),
        bronvermelding: bronvermelding_van(&state.app, &series.indicator).await?,
    }))
}
