// SPDX-License-Identifier: EUPL-1.2
//! `GET /organisaties`: every organisation, by name.

use axum::extract::{RawQuery, State};
use axum::Json;
use utoipa::IntoParams;

use super::{representation, OrganisatiesLijst};
use crate::api::ApiState;
use crate::api::{page_links, paginering, Names};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /organisaties`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–100 (standaard 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

/// Lijst van organisaties
///
/// De gemeenten en partners (UWV, werkgeversorganisaties, onderwijs, vakbonden, netwerken) die
/// Samenhang gebruiken, op naam.
#[utoipa::path(
    get,
    path = "/organisaties",
    operation_id = "organisatiesLijst",
    tag = "Toegang",
    params(Params),
    responses((status = 200, description = "Een pagina organisaties", body = OrganisatiesLijst))
)]
pub async fn handler(
    State(state): State<ApiState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<OrganisatiesLijst>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["pagina", "paginaGrootte"]);
    let paging = q.paging();
    q.finish()?;
    let all = state.app.store().organisations().await?;
    let total = all.len() as u64;
    let start = ((paging.page.saturating_sub(1)) as usize).saturating_mul(paging.page_size as usize);
    let page: Vec<_> = all.into_iter().skip(start).take(paging.page_size as usize).collect();
    let mut names = Names::default();
    for o in &page {
        if let Some(r) = o.region {
            names.want(r.into());
        }
    }
    names.resolve(state.app.store()).await?;
    Ok(Json(OrganisatiesLijst {
        organisaties: page.iter().map(|o| representation(o, &names)).collect(),
        paginering: paginering(total, paging),
        links: page_links("/api/v1/organisaties", raw.as_deref(), total, paging),
    }))
}
