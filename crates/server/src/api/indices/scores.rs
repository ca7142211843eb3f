// SPDX-License-Identifier: EUPL-1.2
//! `GET /indices/{id}/scores`: the index for every gemeente, with weights and normalisation that
//! the request may change.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::cijfers::{bronvermelding, region_ref, Bronvermelding, Normalisatie};
use crate::api::model::GebiedRef;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of the index endpoints.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Andere gewichten als paren `id:gewicht`, gescheiden door komma's; ids zijn domeinen of
    /// indicatoren van de index. Gewichten zijn 0 of meer en niet allemaal 0.
    #[param(example = "arbeid:2,inkomen-per-inwoner:0.5", min_length = 1, max_length = 2000)]
    gewichten: Option<String>,
    /// `minmax` (0–10, 10 is het best) of `z` (z-scores, positief is beter).
    #[param(inline, example = "minmax")]
    normalisatie: Option<crate::api::model::NormalisatieKeuze>,
}

/// Een gewicht dat wordt gebruikt.
#[derive(Debug, Serialize, ToSchema)]
pub struct GebruiktGewicht {
    /// Domain id.
    pub domein: String,
    /// Id van de indicator; leeg voor het gewicht van het domein zelf.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Gewicht, genormaliseerd (de gewichten van de domeinen tellen op tot 1, die van de indicatoren binnen een domein ook).
    pub gewicht: f64,
}

/// Een score op een domein.
#[derive(Debug, Serialize, ToSchema)]
pub struct DomeinScore {
    /// Domain id.
    pub domein: String,
    /// Score.
    pub score: f64,
}

/// De score van één gemeente.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndexScore {
    /// De gemeente.
    pub gemeente: GebiedRef,
    /// Index score.
    pub score: f64,
    /// Rank (1 = highest).
    pub rang: usize,
    /// Domain scores.
    pub domeinen: Vec<DomeinScore>,
}

/// De index voor elke gemeente.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndexScores {
    /// Index id.
    pub index: String,
    /// Jaar.
    pub jaar: i32,
    /// Normalisation used.
    pub normalisatie: Normalisatie,
    /// Weights used.
    pub gewichten: Vec<GebruiktGewicht>,
    /// Scores, best first.
    pub scores: Vec<IndexScore>,
    /// Gemeenten die zijn weggelaten omdat een indicator voor hen geen waarde heeft.
    pub onvolledig: Vec<GebiedRef>,
    /// Bron en licentie.
    pub bronvermelding: Bronvermelding,
}

/// Scores van een index
///
/// De index voor elke gemeente. Met `gewichten` en `normalisatie` rekent de server de index
/// opnieuw uit met andere gewichten.
#[utoipa::path(
    get,
    path = "/indices/{id}/scores",
    operation_id = "indexScores",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de index", example = "brede-welvaart-voorbeeld"), Params),
    responses(
        (status = 200, description = "De scores", body = IndexScores),
        (status = 404, description = "Geen index met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<IndexScores>, ApiError> {
    let snap = state.app.snapshot();
    let mut q = QueryParams::parse(raw.as_deref(), &["gewichten", "normalisatie"]);
    let def = super::index(&snap, &id)?;
    let (weights, normalisation) = super::weights_and_normalisation(&mut q, def);
    q.finish()?;
    let result = samenhang_stats::index::compute(&snap, def, &weights, normalisation).map_err(super::stats_error)?;
    let mut gewichten = Vec::new();
    for (d, w) in &result.domain_weights {
        gewichten.push(GebruiktGewicht {
            domein: d.clone(),
            indicator: None,
            gewicht: *w,
        });
    }
    for (d, i, w) in &result.indicator_weights {
        gewichten.push(GebruiktGewicht {
            domein: d.clone(),
            indicator: Some(i.clone()),
            gewicht: *w,
        });
    }
    let datasets: Vec<String> = def
        .domains
        .iter()
        .flat_map(|d| d.indicators.iter())
        .filter_map(|(i, _)| snap.registry.indicator(i))
        .flat_map(|i| i.datasets())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(Json(IndexScores {
        index: def.id.clone(),
        jaar: result.year,
        normalisatie: result.normalisation.into(),
        gewichten,
        scores: result
            .scores
            .iter()
            .map(|s| IndexScore {
                gemeente: region_ref(&snap, s.region),
                score: s.score,
                rang: s.rank,
                domeinen: def
                    .domains
                    .iter()
                    .zip(&s.domains)
                    .map(|(d, v)| DomeinScore {
                        domein: d.id.clone(),
                        score: *v,
                    })
                    .collect(),
            })
            .collect(),
        onvolledig: result.incomplete.iter().map(|r| region_ref(&snap, *r)).collect(),
        bronvermelding: bronvermelding(&state.app, &datasets).await?,
    }))
}
