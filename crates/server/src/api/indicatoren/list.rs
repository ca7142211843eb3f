// SPDX-License-Identifier: EUPL-1.2
//! `GET /indicatoren`: every indicator with its definition.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::caller::ApiCaller;
use crate::api::cijfers::IndicatorDto;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// De indicatoren.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorenLijst {
    /// Indicatoren in de volgorde van het register, daarna de eigen indicatoren die u mag zien.
    pub indicatoren: Vec<IndicatorDto>,
    /// Aantal indicatoren.
    pub totaal: usize,
}

/// Lijst van indicatoren
///
/// Elke indicator met zijn formule over CBS-maatstaven, eenheid, richting, aggregatieregel en
/// het begrip dat hij meet; daarna de eigen indicatoren die u mag zien (`eigen`).
#[utoipa::path(
    get,
    path = "/indicatoren",
    operation_id = "indicatorenLijst",
    tag = "Cijfers",
    responses((status = 200, description = "De indicatoren", body = IndicatorenLijst))
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<IndicatorenLijst>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let snap = state.app.snapshot();
    let indicatoren: Vec<IndicatorDto> = snap
        .all_series_for(&caller)
        .map(|s| IndicatorDto::new(s, &snap))
        .collect();
    Ok(Json(IndicatorenLijst {
        totaal: indicatoren.len(),
        indicatoren,
    }))
}
