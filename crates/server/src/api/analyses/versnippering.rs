// SPDX-License-Identifier: EUPL-1.2
//! `GET /regelingen/_analyse?arbeidsmarktregio=AM05`: the fragmentation of the schemes that
//! apply in an arbeidsmarktregio, as far as the caller may see them.

use axum::extract::{RawQuery, State};
use axum::Json;
use samenhang_domain::codes::{LabourMarketRegionCode, RegionCode};
use utoipa::IntoParams;

use super::Versnippering;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// De arbeidsmarktregio.
    #[param(example = "AM05", pattern = "^AM[0-9]{2}$")]
    arbeidsmarktregio: String,
}

/// Versnippering van regelingen
///
/// Per arbeidsmarktregio: doelgroep × instrument met meer regelingen, regelingen per behoefte,
/// bijna gelijke omschrijvingen, en doe-geld tegenover procesgeld.
#[utoipa::path(
    get,
    path = "/regelingen/_analyse",
    operation_id = "regelingenAnalyse",
    tag = "Regelingen",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De analyse", body = Versnippering),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Onbekende arbeidsmarktregio", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
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
    if state.app.snapshot().regions.position(RegionCode::from(am)).is_none() {
        return Err(ApiError::NotFound(format!("De arbeidsmarktregio {am} bestaat niet.")));
    }
    let v = samenhang_app::analyses::fragmentation(&state.app, &caller, am.into()).await?;
    Ok(Json(v.into()))
}
