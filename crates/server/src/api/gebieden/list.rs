// SPDX-License-Identifier: EUPL-1.2
//! `GET /gebieden`: list regions with filters and paging.

use axum::extract::{RawQuery, State};
use axum::Json;
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
use samenhang_store::RegionQuery;
use utoipa::IntoParams;

use crate::api::model::{Gebied, GebiedenLijst};
use crate::api::ApiState;
use crate::api::{page_links, paginering};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /gebieden`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Alleen gebieden van deze soort: land, landsdeel, provincie, corop, arbeidsmarktregio of gemeente.
    #[param(example = "gemeente")]
    soort: Option<String>,
    /// Alleen gebieden in de indeling van dit jaar (stand op 1 januari, 2010–2026);
    /// de namen zijn die van dat jaar.
    #[param(example = 2026, minimum = 2010, maximum = 2026)]
    jaar: Option<i32>,
    /// Alleen gebieden die in dit gebied liggen (NL01, PVxx, CRxx of AMxx) in `jaar`
    /// (standaard het nieuwste jaar). Voor gemeenten is dat precies; andere soorten worden genoemd
    /// als ze minstens één gemeente met het gebied delen.
    #[param(example = "AM05")]
    binnen: Option<String>,
    /// Deel van de naam of code; hoofdletters en accenten maken niet uit.
    #[param(example = "enschede")]
    zoek: Option<String>,
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–100 (standaard 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

const KNOWN: &[&str] = &["soort", "jaar", "binnen", "zoek", "pagina", "paginaGrootte"];

/// Lijst van gebieden
///
/// Gemeenten, arbeidsmarktregio's, COROP-gebieden, provincies, landsdelen en Nederland,
/// met filters en paginering. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/gebieden",
    operation_id = "gebiedenLijst",
    tag = "Gebieden",
    params(Params),
    responses(
        (status = 200, description = "Een pagina gebieden met het totaal", body = GebiedenLijst),
    )
)]
pub async fn handler(State(state): State<ApiState>, RawQuery(raw): RawQuery) -> Result<Json<GebiedenLijst>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), KNOWN);
    let kind = q.get("soort", "enum", |s| {
        RegionKind::parse(s)
            .ok_or_else(|| "Kies uit land, landsdeel, provincie, corop, arbeidsmarktregio of gemeente.".to_string())
    });
    let year = q.year("jaar", FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR);
    let within = q.get("binnen", "format", |s| {
        let code = RegionCode::parse(s).map_err(|e| format!("{e}."))?;
        match code.kind() {
            RegionKind::Land | RegionKind::Provincie | RegionKind::Corop | RegionKind::Arbeidsmarktregio => Ok(code),
            _ => Err(
                "Alleen NL01, een provincie, een COROP-gebied of een arbeidsmarktregio kan gebieden bevatten.".into(),
            ),
        }
    });
    let search = q.text("zoek", 100);
    let paging = q.paging();
    q.finish()?;
    let query = RegionQuery {
        kind,
        year,
        within: within.map(|w| (w, year.unwrap_or(LAST_CLASSIFICATION_YEAR))),
        search,
        paging,
    };
    let page = state.app.store().list_regions(&query).await?;
    Ok(Json(GebiedenLijst {
        gebieden: page.items.iter().map(Gebied::from).collect(),
        paginering: paginering(page.total, paging),
        links: page_links("/api/v1/gebieden", raw.as_deref(), page.total, paging),
    }))
}
