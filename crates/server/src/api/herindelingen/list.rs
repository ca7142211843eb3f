// SPDX-License-Identifier: EUPL-1.2
//! `GET /herindelingen`: list herindelingen with filters and paging.

use axum::extract::{RawQuery, State};
use axum::Json;
use samenhang_domain::codes::MunicipalityCode;
use samenhang_domain::ReorganisationKind;
use samenhang_store::ReorganisationQuery;
use utoipa::IntoParams;

use crate::api::model::HerindelingenLijst;
use crate::api::ApiState;
use crate::api::{herindeling, page_links, paginering, Names};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /herindelingen`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Alleen wijzigingen die in dit kalenderjaar ingingen.
    #[param(example = 2022, minimum = 1800, maximum = 2200)]
    jaar: Option<i32>,
    /// Alleen wijzigingen waarbij deze gemeente betrokken is (GM-code).
    #[param(example = "GM0457")]
    gemeente: Option<String>,
    /// Alleen wijzigingen van deze soort: samenvoeging, splitsing, grenswijziging, naamswijziging of provinciewijziging.
    #[param(example = "samenvoeging")]
    soort: Option<String>,
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–100 (standaard 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

/// Lijst van herindelingen
///
/// Gemeentelijke herindelingen, grenswijzigingen, naamswijzigingen en provinciewijzigingen
/// sinds 1988, oudste eerst. Bron: CBS, tabel 03759ned (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/herindelingen",
    operation_id = "herindelingenLijst",
    tag = "Herindelingen",
    params(Params),
    responses(
        (status = 200, description = "Een pagina herindelingen met het totaal", body = HerindelingenLijst),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<HerindelingenLijst>, ApiError> {
    let mut q = QueryParams::parse(
        raw.as_deref(),
        &["jaar", "gemeente", "soort", "pagina", "paginaGrootte"],
    );
    let year = q.year("jaar", 1800, 2200);
    let municipality = q.get("gemeente", "format", |s| {
        MunicipalityCode::parse(s).map_err(|e| format!("{e}."))
    });
    let kind = q.get("soort", "enum", |s| {
        ReorganisationKind::parse(s).ok_or_else(|| {
            "Kies uit samenvoeging, splitsing, grenswijziging, naamswijziging of provinciewijziging.".to_string()
        })
    });
    let paging = q.paging();
    q.finish()?;
    let page = state
        .app
        .store()
        .list_reorganisations(&ReorganisationQuery {
            year,
            municipality,
            kind,
            paging,
        })
        .await?;
    let mut names = Names::default();
    for e in &page.items {
        names.want_event(e);
    }
    names.resolve(state.app.store()).await?;
    Ok(Json(HerindelingenLijst {
        herindelingen: page.items.iter().map(|e| herindeling(e, &names)).collect(),
        paginering: paginering(page.total, paging),
        links: page_links("/api/v1/herindelingen", raw.as_deref(), page.total, paging),
    }))
}
