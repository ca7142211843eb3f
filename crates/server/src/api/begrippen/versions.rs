// SPDX-License-Identifier: EUPL-1.2
//! `GET /begrippen/{id}/versies`: the version history of a concept: who, when, what changed.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Eén versie.
#[derive(Debug, Serialize, ToSchema)]
pub struct Versie {
    /// Versienummer, vanaf 1.
    pub versie: i64,
    /// Who made it.
    pub door: String,
    /// Wanneer (UTC).
    pub op: DateTime<Utc>,
    /// Wat er is gewijzigd.
    pub wijziging: String,
    /// Het begrip na de wijziging, als N-Triples.
    pub inhoud: String,
}

/// De geschiedenis van een begrip.
#[derive(Debug, Serialize, ToSchema)]
pub struct Versies {
    /// Concept id.
    pub begrip: String,
    /// Versions, oldest first.
    pub versies: Vec<Versie>,
}

/// Versies van een begrip
///
/// De geschiedenis van het begrip: wie het wanneer wijzigde en hoe het er daarna uitzag.
#[utoipa::path(
    get,
    path = "/begrippen/{id}/versies",
    operation_id = "begripVersies",
    tag = "Begrippen",
    params(("id" = String, Path, description = "Id van het begrip", example = "werkloosheid")),
    responses(
        (status = 200, description = "De versies", body = Versies),
        (status = 404, description = "Geen begrip met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Versies>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let view = state.app.vocab();
    let (kader, _, c) = super::find(&view, &id)?;
    let versies = state
        .app
        .store()
        .concept_versions(kader, &c.iri)
        .await?
        .into_iter()
        .map(|v| Versie {
            versie: v.version,
            door: v.by,
            op: v.at,
            wijziging: v.change,
            inhoud: v.triples,
        })
        .collect();
    Ok(Json(Versies { begrip: id, versies }))
}
