// SPDX-License-Identifier: EUPL-1.2
//! `GET /indices/{id}/gevoeligheid`: how the ranks move when one weight is left out or doubled.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::cijfers::{region_ref, Normalisatie};
use crate::api::model::GebiedRef;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Eén scenario.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Het domein of de indicator waarvan het gewicht verandert.
    pub doel: String,
    /// Of `doel` een domein is.
    pub is_domein: bool,
    /// Factor op het gewicht: 0 (weggelaten) of 2 (verdubbeld).
    pub factor: f64,
    /// Mean absolute change in rank.
    pub gemiddelde_rangverschuiving: f64,
    /// Largest absolute change in rank.
    pub grootste_rangverschuiving: usize,
    /// De gemeente waarvan het meeste overging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meest_verschoven: Option<GebiedRef>,
    /// Hoeveel plaatsen het verschoof (positief = omhoog).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verschuiving: Option<i64>,
}

/// Het gevoeligheidsrapport.
#[derive(Debug, Serialize, ToSchema)]
pub struct Gevoeligheid {
    /// Index id.
    pub index: String,
    /// Normalisation used.
    pub normalisatie: Normalisatie,
    /// Scenario's, per domein en indicator.
    pub scenarios: Vec<Scenario>,
}

/// Gevoeligheid van een index
///
/// Voor elk domein en elke indicator: hoe de rangen verschuiven als het gewicht op 0 gaat of
/// verdubbelt, uitgaande van de gewichten in `gewichten`.
#[utoipa::path(
    get,
    path = "/indices/{id}/gevoeligheid",
    operation_id = "indexGevoeligheid",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de index", example = "brede-welvaart-voorbeeld"), super::scores::Params),
    responses(
        (status = 200, description = "Het gevoeligheidsrapport", body = Gevoeligheid),
        (status = 404, description = "Geen index met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Gevoeligheid>, ApiError> {
    let snap = state.app.snapshot();
    let mut q = QueryParams::parse(raw.as_deref(), &["gewichten", "normalisatie"]);
    let def = super::index(&snap, &id)?;
    let (weights, normalisation) = super::weights_and_normalisation(&mut q, def);
    q.finish()?;
    let report =
        samenhang_stats::index::sensitivity(&snap, def, &weights, normalisation).map_err(super::stats_error)?;
    Ok(Json(Gevoeligheid {
        index: def.id.clone(),
        normalisatie: normalisation.into(),
        scenarios: report
            .into_iter()
            .map(|s| Scenario {
                doel: s.target,
                is_domein: s.is_domain,
                factor: s.factor,
                gemiddelde_rangverschuiving: s.mean_rank_change,
                grootste_rangverschuiving: s.max_rank_change,
                meest_verschoven: s.most_moved.map(|(r, _)| region_ref(&snap, r)),
                verschuiving: s.most_moved.map(|(_, d)| d),
            })
            .collect(),
    }))
}
