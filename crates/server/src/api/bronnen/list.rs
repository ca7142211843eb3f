// SPDX-License-Identifier: EUPL-1.2
//! `GET /bronnen`: every loaded CBS table.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::cijfers::Bron;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// De geladen tabellen.
#[derive(Debug, Serialize, ToSchema)]
pub struct BronnenLijst {
    /// De tabellen, op id.
    pub bronnen: Vec<Bron>,
    /// Aantal tabellen.
    pub totaal: usize,
}

/// Lijst van bronnen
///
/// De geladen CBS-tabellen met versie, licentie en aantallen. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/bronnen",
    operation_id = "bronnenLijst",
    tag = "Cijfers",
    responses((status = 200, description = "De bronnen", body = BronnenLijst))
)]
pub async fn handler(State(state): State<ApiState>, RawQuery(raw): RawQuery) -> Result<Json<BronnenLijst>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let bronnen: Vec<Bron> = state
        .app
        .store()
        .datasets()
        .await?
        .into_iter()
        .map(Bron::from)
        .collect();
    Ok(Json(BronnenLijst {
        totaal: bronnen.len(),
        bronnen,
    }))
}
