// SPDX-License-Identifier: EUPL-1.2
//! `GET /regelingen/_analyse`: the fragmentation of schemes in one arbeidsmarktregio.

use axum::extract::{RawQuery, State};
use axum::Json;
use samenhang_domain::codes::{LabourMarketRegionCode, RegionCode};
use utoipa::IntoParams;

use crate::api::coherence::{fragmentation, Versnippering};
use crate::auth::ApiCaller;
use crate::params::QueryParams;
use crate::problem::ApiError;
use crate::state::AppState;

/// Query parameters of `GET /regelingen/_analyse`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// The arbeidsmarktregio (AM code).
    #[param(example = "AM05")]
    arbeidsmarktregio: String,
}

/// Versnippering van regelingen
///
/// Voor één arbeidsmarktregio, over de regelingen die daar gelden (van de regio zelf, haar
/// gemeenten, COROP-gebieden en provincies, en landelijke) en die je mag zien: de overlap van
/// doelgroep × instrument tussen aanbieders, hoeveel regelingen een werkgever tegenkomt per
/// behoefte, regelingen met bijna dezelfde omschrijving (MinHash, Jaccard ≥ 0,5), en de
/// verdeling van doe-geld en procesgeld per organisatie en thema.
#[utoipa::path(
    get,
    path = "/regelingen/_analyse",
    operation_id = "regelingenAnalyse",
    tag = "Regelingen",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses((status = 200, description = "De analyse", body = Versnippering))
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Versnippering>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["arbeidsmarktregio"]);
    q.require("arbeidsmarktregio", "Geef een arbeidsmarktregio, bijv. AM05.");
    let am = q.get("arbeidsmarktregio", "format", |s| {
        LabourMarketRegionCode::parse(s).map_err(|e| format!("{e}."))
    });
    q.finish()?;
    let Some(am) = am else {
        return Err(ApiError::Internal("parameter zonder waarde".into()));
    };
    if state.snapshot().regions.position(RegionCode::from(am)).is_none() {
        return Err(ApiError::NotFound(format!("De arbeidsmarktregio {am} bestaat niet.")));
    }
    Ok(Json(fragmentation(&state, &caller, am.into()).await?))
}
