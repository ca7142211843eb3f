// SPDX-License-Identifier: EUPL-1.2
//! `GET /indicatoren/{id}/waarden`: the values of an indicator, filtered by region, kind and
//! year, optionally put on one year's boundaries (`indeling`).

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use samenhang_domain::codes::{RegionCode, RegionKind};
use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
use samenhang_stats::harmonise::harmonise;
use samenhang_stats::StatsError;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::ApiCaller;
use crate::api::cijfers::{bronvermelding_van, region_ref, Bronvermelding, Herkomst, IndicatorRef, Waarde};
use crate::api::model::{PageLinks, Paginering};
use crate::api::ApiState;
use crate::api::{page_links, paginering};
use crate::params::QueryParams;
use crate::problem::{ApiError, InvalidParam};

/// Query parameters of `GET /indicatoren/{id}/waarden`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Alleen dit gebied (CBS-code).
    #[param(example = "GM0153")]
    gebied: Option<String>,
    /// Alleen gebieden van deze soort: land, landsdeel, provincie, corop, arbeidsmarktregio of gemeente.
    #[param(example = "gemeente")]
    soort: Option<String>,
    /// Alleen dit jaar (`2024` of `2024JJ00`).
    #[param(example = "2024")]
    periode: Option<String>,
    /// Zet de reeks op de grenzen van dit jaar (2010–2026) via de herindelingen:
    /// aantallen van samengevoegde gemeenten worden opgeteld, verhoudingen opnieuw berekend uit de delen.
    #[param(example = 2026, minimum = 2010, maximum = 2026)]
    indeling: Option<i32>,
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–1000 (standaard 100).
    #[param(minimum = 1, maximum = 1000, example = 100)]
    paginaGrootte: Option<u32>,
}

/// Een pagina waarden.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaardenLijst {
    /// De indicator.
    pub indicator: IndicatorRef,
    /// De grenzen waarop de waarden staan, als ze zijn omgerekend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indeling: Option<i32>,
    /// De waarden, per gebied en jaar.
    pub waarden: Vec<Waarde>,
    /// Paging.
    pub paginering: Paginering,
    /// Bron en licentie.
    pub bronvermelding: Bronvermelding,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}

/// Waarden van een indicator
///
/// De waarden per gebied en jaar. Voor arbeidsmarktregio's (en waar CBS geen cijfer publiceert)
/// telt Samenhang de gemeenten op volgens de indeling van dat jaar (`herkomst: geaggregeerd`).
/// Met `indeling` komt de reeks op de grenzen van één jaar.
#[utoipa::path(
    get,
    path = "/indicatoren/{id}/waarden",
    operation_id = "indicatorWaarden",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de indicator", example = "inwoners"), Params),
    responses(
        (status = 200, description = "Een pagina waarden", body = WaardenLijst),
        (status = 404, description = "Geen indicator met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<WaardenLijst>, ApiError> {
    let mut q = QueryParams::parse(
        raw.as_deref(),
        &["gebied", "soort", "periode", "indeling", "pagina", "paginaGrootte"],
    );
    let gebied = q.get("gebied", "format", |s| {
        RegionCode::parse(s).map_err(|e| format!("{e}."))
    });
    let kind = q.get("soort", "enum", |s| {
        RegionKind::parse(s)
            .ok_or_else(|| "Kies uit land, landsdeel, provincie, corop, arbeidsmarktregio of gemeente.".to_string())
    });
    let year = super::year_param(&mut q, "periode");
    let indeling = q.year("indeling", FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR);
    let page = q.int_in("pagina", 1, 1_000_000).unwrap_or(1) as u32;
    let page_size = q.int_in("paginaGrootte", 1, 1000).unwrap_or(100) as u32;
    let paging = samenhang_store::Paging { page, page_size };
    q.finish()?;
    let snap = state.app.snapshot();
    let series = super::series(&snap, &id, &caller)?;
    if let Some(g) = gebied {
        if snap.regions.position(g).is_none() {
            return Err(ApiError::NotFound(format!("Er is geen gebied met code {g}.")));
        }
    }
    let keep = |code: RegionCode, y: i32| {
        gebied.is_none_or(|g| g == code) && kind.is_none_or(|k| code.kind() == k) && year.is_none_or(|py| py == y)
    };
    let mut all: Vec<Waarde> = Vec::new();
    match indeling {
        Some(target) => {
            let values = harmonise(&snap, series, target).map_err(|e| match e {
                StatsError::NotHarmonisable(_) | StatsError::NoClassification(_) => {
                    ApiError::Invalid(vec![InvalidParam::new("indeling", "unsupported", e.to_string())])
                }
                other => ApiError::Internal(other.to_string()),
            })?;
            for (code, y, v) in values {
                if keep(code, y) {
                    all.push(Waarde {
                        gebied: region_ref(&snap, code),
                        jaar: y,
                        waarde: v,
                        herkomst: Herkomst::Geharmoniseerd,
                    });
                }
            }
        }
        None => {
            for &y in series.years() {
                if year.is_some_and(|py| py != y) {
                    continue;
                }
                for (i, v, origin) in snap.year_values(series, y) {
                    let code = snap.regions.code(i);
                    if keep(code, y) {
                        all.push(Waarde {
                            gebied: region_ref(&snap, code),
                            jaar: y,
                            waarde: v,
                            herkomst: origin.into(),
                        });
                    }
                }
            }
            all.sort_by(|a, b| (&a.gebied.code, a.jaar).cmp(&(&b.gebied.code, b.jaar)));
        }
    }
    let total = all.len() as u64;
    let start = ((page - 1) as usize).saturating_mul(page_size as usize);
    Ok(Json(WaardenLijst {
        indicator: (&series.indicator).into(),
        indeling,
        waarden: all.into_iter().skip(start).take(page_size as usize).collect(),
        paginering: paginering(total, paging),
        bronvermelding: bronvermelding_van(&state.app, &series.indicator).await?,
        links: page_links(
            &format!("/api/v1/indicatoren/{id}/waarden"),
            raw.as_deref(),
            total,
            paging,
        ),
    }))
}
