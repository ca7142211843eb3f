// SPDX-License-Identifier: EUPL-1.2
//! `GET /regelingen/_passend`: "welke regelingen passen?" for a need, a target group and a
//! gemeente.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use samenhang_domain::codes::{MunicipalityCode, RegionCode};
use samenhang_domain::coherence::SchemeStatus;
use utoipa::IntoParams;

use super::{Regeling, Schemes};
use crate::api::coherence::{covering, records};
use crate::api::registers::representation;
use crate::auth::ApiCaller;
use crate::params::QueryParams;
use crate::problem::ApiError;
use crate::state::AppState;

/// Query parameters of `GET /regelingen/_passend`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// The need (a concept id), e.g. krapte.
    #[param(example = "krapte")]
    behoefte: Option<String>,
    /// The target group (a concept id), e.g. bijstand.
    #[param(example = "bijstand")]
    doelgroep: Option<String>,
    /// The gemeente where the employer or person is (GM code).
    #[param(example = "GM0153")]
    gemeente: Option<String>,
}

/// Welke regelingen passen?
///
/// De actieve en geplande regelingen voor een behoefte en een doelgroep die gelden in een
/// gemeente: van de gemeente zelf, haar arbeidsmarktregio, COROP-gebied en provincie, en
/// landelijke. Alleen regelingen die je mag zien.
#[utoipa::path(
    get,
    path = "/regelingen/_passend",
    operation_id = "regelingenPassend",
    tag = "Regelingen",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses((status = 200, description = "De passende regelingen", body = Vec<Regeling>))
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["behoefte", "doelgroep", "gemeente"]);
    let need = q.get("behoefte", "format", |s| Ok::<_, String>(s.trim().to_string()));
    let group = q.get("doelgroep", "format", |s| Ok::<_, String>(s.trim().to_string()));
    let gemeente = q.get("gemeente", "format", |s| {
        MunicipalityCode::parse(s).map_err(|e| format!("{e}."))
    });
    q.finish()?;
    let matches = matching(
        &state,
        &caller,
        need.as_deref(),
        group.as_deref(),
        gemeente.map(RegionCode::from),
    )
    .await?;
    let body: Vec<serde_json::Value> = matches
        .iter()
        .map(|i| representation::<Schemes>(&state, i, |_, _| {}))
        .collect::<Result<_, _>>()?;
    Ok(axum::Json(serde_json::json!({ "regelingen": body })).into_response())
}

/// The schemes that fit, by title.
pub(crate) async fn matching(
    state: &AppState,
    caller: &samenhang_domain::access::Principal,
    need: Option<&str>,
    group: Option<&str>,
    region: Option<RegionCode>,
) -> Result<Vec<samenhang_store::registers::StoredItem>, ApiError> {
    let cover = region.map(|r| covering(state, r));
    Ok(records::<Schemes>(state, caller, need)
        .await?
        .into_iter()
        .filter(|(_, s)| s.status != SchemeStatus::Ended)
        .filter(|(_, s)| group.is_none_or(|g| s.doelgroepen.iter().any(|d| d == g)))
        .filter(|(_, s)| cover.as_ref().is_none_or(|c| c.contains(&s.gebied)))
        .map(|(i, _)| i)
        .collect())
}
