// SPDX-License-Identifier: EUPL-1.2
//! `GET /bronnen/{id}`: one table with its measures.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::cijfers::{Bron, Groep, Maatstaf};
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Een tabel met haar maatstaven.
#[derive(Debug, Serialize, ToSchema)]
pub struct BronDetail {
    /// De tabel.
    #[serde(flatten)]
    pub bron: Bron,
    /// De maatstaven, met hun CBS-definities.
    pub maatstaven: Vec<Maatstaf>,
    /// De indeling van CBS van de codes en maatstaven, als de tabel die heeft.
    pub groepen: Vec<Groep>,
}

/// Eén bron
///
/// Een geladen CBS-tabel met zijn maatstaven en hun definities. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/bronnen/{id}",
    operation_id = "bronOpvragen",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de bron", example = "03759ned")),
    responses(
        (status = 200, description = "De bron", body = BronDetail),
        (status = 404, description = "Geen bron met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<BronDetail>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let dataset = state
        .app
        .store()
        .dataset(&id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen bron met id '{id}'.")))?;
    let maatstaven = state
        .app
        .store()
        .measures(Some(&id))
        .await?
        .into_iter()
        .map(Maatstaf::from)
        .collect();
    let groepen = state
        .app
        .store()
        .code_groups(&id)
        .await?
        .into_iter()
        .map(Groep::from)
        .collect();
    Ok(Json(BronDetail {
        bron: dataset.into(),
        maatstaven,
        groepen,
    }))
}
