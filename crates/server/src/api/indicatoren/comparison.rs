// SPDX-License-Identifier: EUPL-1.2
//! `GET /indicatoren/{id}/vergelijking`: a region's rank and quartile among its peers, and its
//! difference to its arbeidsmarktregio, COROP region, provincie and Nederland.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use samenhang_domain::codes::RegionCode;
use samenhang_stats::compare::compare;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::cijfers::{bronvermelding, region_ref, richting, Bronvermelding, Herkomst, IndicatorRef, Richting};
use crate::api::model::GebiedRef;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /indicatoren/{id}/vergelijking`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// The region to compare (CBS code). Required.
    #[param(example = "GM0153")]
    gebied: String,
    /// The year (`2024` or `2024JJ00`; default the newest year with a value for the region).
    #[param(example = "2024")]
    periode: Option<String>,
}

/// A comparison with a larger region.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Referentie {
    /// The larger region.
    pub gebied: GebiedRef,
    /// Its value.
    pub waarde: f64,
    /// Our value minus its value.
    pub verschil: f64,
    /// The difference in percent of its value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verschil_procent: Option<f64>,
}

/// A region's place among its peers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vergelijking {
    /// The indicator.
    pub indicator: IndicatorRef,
    /// Which way is better.
    pub richting: Richting,
    /// The region.
    pub gebied: GebiedRef,
    /// Year.
    #[schema(example = 2024)]
    pub jaar: i32,
    /// Its value.
    pub waarde: f64,
    /// Where the value comes from.
    pub herkomst: Herkomst,
    /// Rank among the regions of the same kind (1 = best; for a neutral indicator 1 = highest).
    #[schema(example = 12)]
    pub rang: usize,
    /// Number of regions ranked.
    #[schema(example = 342)]
    pub aantal: usize,
    /// Quartile (1 = best quarter).
    #[schema(example = 1)]
    pub kwartiel: u8,
    /// Differences to the larger regions.
    pub vergelijkingen: Vec<Referentie>,
    /// Source and licence.
    pub bronvermelding: Bronvermelding,
}

/// Vergelijking van een gebied
///
/// Rang en kwartiel van het gebied onder gebieden van dezelfde soort, en het verschil met zijn
/// arbeidsmarktregio, COROP-gebied, provincie en Nederland.
#[utoipa::path(
    get,
    path = "/indicatoren/{id}/vergelijking",
    operation_id = "indicatorVergelijking",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de indicator", example = "inwoners"), Params),
    responses(
        (status = 200, description = "De vergelijking", body = Vergelijking),
        (status = 404, description = "Geen indicator of gebied met deze code, of geen waarde", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vergelijking>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["gebied", "periode"]);
    let gebied = q.get("gebied", "format", |s| {
        RegionCode::parse(s).map_err(|e| format!("{e}."))
    });
    q.require("gebied", "Geef het gebied om te vergelijken, bijv. gebied=GM0153.");
    let year = super::year_param(&mut q, "periode");
    q.finish()?;
    let gebied = gebied.ok_or_else(|| ApiError::Internal("gebied zonder fout afgewezen".into()))?;
    let snap = state.app.snapshot();
    let series = super::series(&snap, &id)?;
    if snap.regions.position(gebied).is_none() {
        return Err(ApiError::NotFound(format!("Er is geen gebied met code {gebied}.")));
    }
    let year = match year {
        Some(y) => y,
        None => series
            .years()
            .iter()
            .rev()
            .copied()
            .find(|y| snap.value(series, gebied, *y).is_some())
            .ok_or_else(|| ApiError::NotFound(format!("Indicator '{id}' heeft geen waarden voor {gebied}.")))?,
    };
    let c = compare(&snap, series, gebied, year)
        .map_err(|e| ApiError::NotFound(format!("Geen vergelijking mogelijk: {e}.")))?;
    Ok(Json(Vergelijking {
        indicator: (&series.indicator).into(),
        richting: richting(series.indicator.direction),
        gebied: region_ref(&snap, gebied),
        jaar: year,
        waarde: c.value,
        herkomst: c.origin.into(),
        rang: c.rank,
        aantal: c.of,
        kwartiel: c.quartile,
        vergelijkingen: c
            .references
            .iter()
            .map(|r| Referentie {
                gebied: region_ref(&snap, r.region),
                waarde: r.value,
                verschil: r.difference,
                verschil_procent: r.relative,
            })
            .collect(),
        bronvermelding: bronvermelding(&state.app, &series.indicator.datasets()).await?,
    }))
}
