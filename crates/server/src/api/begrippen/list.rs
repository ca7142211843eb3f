// SPDX-License-Identifier: EUPL-1.2
//! `GET /begrippen`: concepts, searched and filtered, with paging.

use axum::extract::{RawQuery, State};
use axum::Json;
use samenhang_vocab::Status;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::{summary, BegripSamenvatting};
use crate::api::model::{PageLinks, Paginering};
use crate::api::ApiState;
use crate::api::{page_links, paginering};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /begrippen`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Zoekwoorden: termen (ook het begin van een woord en bij een tikfout) en definities; hoofdletters
    /// en accenten maken niet uit, Nederlandse woordvormen worden gevonden ("werkloos" vindt "werkloosheid").
    #[param(example = "werkloos", min_length = 1, max_length = 200)]
    zoek: Option<String>,
    /// Alleen begrippen met deze status: inBewerking, voorgesteld, vastgesteld, vervangen of vervallen.
    #[param(inline, example = "vastgesteld")]
    status: Option<crate::api::model::BegripStatus>,
    /// Alleen begrippen van dit begrippenkader.
    #[param(example = "arbeidsmarkt-en-economie", min_length = 1, max_length = 200)]
    kader: Option<String>,
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–100 (standaard 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

/// Een pagina begrippen.
#[derive(Debug, Serialize, ToSchema)]
pub struct BegrippenLijst {
    /// De begrippen: bij zoeken op relevantie, anders A–Z.
    pub begrippen: Vec<BegripSamenvatting>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Lijst van begrippen
///
/// De begrippen van de begrippenkaders, A–Z of (met `zoek`) op relevantie: termen wegen zwaarder
/// dan definities.
#[utoipa::path(
    get,
    path = "/begrippen",
    operation_id = "begrippenLijst",
    tag = "Begrippen",
    params(Params),
    responses(
        (status = 200, description = "Een pagina begrippen", body = BegrippenLijst),
        (status = 404, description = "Geen begrippenkader met dit id (kader)", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(State(state): State<ApiState>, RawQuery(raw): RawQuery) -> Result<Json<BegrippenLijst>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["zoek", "status", "kader", "pagina", "paginaGrootte"]);
    let zoek = q.text("zoek", 200);
    let status = q.get("status", "enum", |s| {
        Status::parse(s)
            .ok_or_else(|| "Kies uit inBewerking, voorgesteld, vastgesteld, vervangen of vervallen.".to_string())
    });
    let kader = q.text("kader", 200);
    let paging = q.paging();
    q.finish()?;
    let view = state.app.vocab();
    if let Some(k) = &kader {
        if view.vocabulary(k).is_none() {
            return Err(ApiError::NotFound(format!("Er is geen begrippenkader met id '{k}'.")));
        }
    }
    let keep = |kid: &str, c: &samenhang_vocab::Concept| {
        kader.as_deref().is_none_or(|k| k == kid) && status.is_none_or(|s| c.status == Some(s))
    };
    let all: Vec<BegripSamenvatting> = match &zoek {
        Some(z) => view
            .index
            .search(z, usize::MAX)
            .into_iter()
            .filter_map(|hit| {
                let (kid, v) = view.vocabulary_of(&hit.id)?;
                let c = v.concept(&hit.id)?;
                keep(kid, c).then(|| summary(kid, c))
            })
            .collect(),
        None => {
            let mut list: Vec<BegripSamenvatting> = view
                .vocabularies
                .iter()
                .flat_map(|(kid, v)| v.concepts.iter().filter(|c| keep(kid, c)).map(move |c| summary(kid, c)))
                .collect();
            list.sort_by_cached_key(|b| b.voorkeursterm.to_lowercase());
            list
        }
    };
    let total = all.len() as u64;
    let start = ((paging.page - 1) as usize).saturating_mul(paging.page_size as usize);
    Ok(Json(BegrippenLijst {
        begrippen: all.into_iter().skip(start).take(paging.page_size as usize).collect(),
        paginering: paginering(total, paging),
        links: page_links("/api/v1/begrippen", raw.as_deref(), total, paging),
    }))
}
