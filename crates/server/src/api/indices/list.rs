// SPDX-License-Identifier: EUPL-1.2
//! `GET /indices`: the composite indices with their domains and default weights.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::cijfers::Normalisatie;
use crate::api::model::Link;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Een indicator in een domein.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndexIndicator {
    /// Indicator id.
    #[schema(example = "inkomen-per-inwoner")]
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Gewicht binnen het domein.
    pub gewicht: f64,
}

/// Een domein van een index.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndexDomein {
    /// Domain id.
    #[schema(example = "arbeid")]
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Gewicht.
    pub gewicht: f64,
    /// De indicatoren.
    pub indicatoren: Vec<IndexIndicator>,
}

/// Een samengestelde index.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndexDto {
    /// Identifier.
    #[schema(example = "brede-welvaart-voorbeeld")]
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Omschrijving.
    pub omschrijving: String,
    /// Het jaar waarvoor het is berekend.
    pub jaar: i32,
    /// Default normalisation.
    pub normalisatie: Normalisatie,
    /// Domeinen met hun standaardgewichten.
    pub domeinen: Vec<IndexDomein>,
    /// Link naar de scores.
    pub scores: Link,
}

/// De indices.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicesLijst {
    /// De indices.
    pub indices: Vec<IndexDto>,
}

/// Lijst van indices
///
/// De samengestelde indices met hun domeinen, indicatoren en standaardgewichten.
#[utoipa::path(
    get,
    path = "/indices",
    operation_id = "indicesLijst",
    tag = "Cijfers",
    responses((status = 200, description = "De indices", body = IndicesLijst))
)]
pub async fn handler(State(state): State<ApiState>, RawQuery(raw): RawQuery) -> Result<Json<IndicesLijst>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let snap = state.app.snapshot();
    let name = |id: &str| {
        snap.registry
            .indicator(id)
            .map_or_else(|| id.to_string(), |i| i.name.clone())
    };
    Ok(Json(IndicesLijst {
        indices: snap
            .registry
            .indices
            .iter()
            .map(|x| IndexDto {
                id: x.id.clone(),
                naam: x.name.clone(),
                omschrijving: x.description.clone(),
                jaar: x.year,
                normalisatie: x.normalisation.into(),
                domeinen: x
                    .domains
                    .iter()
                    .map(|d| IndexDomein {
                        id: d.id.clone(),
                        naam: d.name.clone(),
                        gewicht: d.weight,
                        indicatoren: d
                            .indicators
                            .iter()
                            .map(|(i, w)| IndexIndicator {
                                id: i.clone(),
                                naam: name(i),
                                gewicht: *w,
                            })
                            .collect(),
                    })
                    .collect(),
                scores: Link::to(format!("/api/v1/indices/{}/scores", x.id)),
            })
            .collect(),
    }))
}
