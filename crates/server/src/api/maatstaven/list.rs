// SPDX-License-Identifier: EUPL-1.2
//! `GET /maatstaven`: measures, optionally of one table, with paging.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::cijfers::Maatstaf;
use crate::api::model::{PageLinks, Paginering};
use crate::api::ApiState;
use crate::api::{page_links, paginering};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /maatstaven`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Alleen de maatstaven van deze tabel.
    #[param(example = "03759ned")]
    bron: Option<String>,
    /// Deel van de titel of code; hoofdletters maken niet uit.
    #[param(example = "bevolking")]
    zoek: Option<String>,
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–100 (standaard 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

/// Een pagina maatstaven.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaatstavenLijst {
    /// De maatstaven.
    pub maatstaven: Vec<Maatstaf>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Lijst van maatstaven
///
/// De maatstaven van de geladen CBS-tabellen, met eenheid en CBS-definitie. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/maatstaven",
    operation_id = "maatstavenLijst",
    tag = "Cijfers",
    params(Params),
    responses((status = 200, description = "Een pagina maatstaven", body = MaatstavenLijst))
)]
pub async fn handler(
    State(state): State<ApiState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<MaatstavenLijst>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["bron", "zoek", "pagina", "paginaGrootte"]);
    let bron = q.text("bron", 100);
    let zoek = q.text("zoek", 100).map(|s| s.to_lowercase());
    let paging = q.paging();
    q.finish()?;
    let all: Vec<Maatstaf> = state
        .app
        .store()
        .measures(bron.as_deref())
        .await?
        .into_iter()
        .map(Maatstaf::from)
        .filter(|m| {
            zoek.as_ref()
                .is_none_or(|z| m.titel.to_lowercase().contains(z) || m.code.to_lowercase().contains(z))
        })
        .collect();
    let total = all.len() as u64;
    let start = ((paging.page - 1) as usize).saturating_mul(paging.page_size as usize);
    Ok(Json(MaatstavenLijst {
        maatstaven: all.into_iter().skip(start).take(paging.page_size as usize).collect(),
        paginering: paginering(total, paging),
        links: page_links("/api/v1/maatstaven", raw.as_deref(), total, paging),
    }))
}
