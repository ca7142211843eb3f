// SPDX-License-Identifier: EUPL-1.2
//! `GET /ondernemingen/_dekking`: the share of establishments visited per SBI group.

use axum::extract::{RawQuery, State};
use axum::Json;
use utoipa::IntoParams;

use super::{date, gemeente, Bezoekdekking};
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::{ApiError, InvalidParam};

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// De gemeente.
    #[param(example = "GM0153", pattern = "^GM[0-9]{4}$")]
    gemeente: String,
    /// Alleen bezoeken op of na deze dag.
    #[param(example = "2026-01-01", format = Date)]
    van: Option<String>,
    /// Alleen bezoeken op of voor deze dag.
    #[param(example = "2026-12-31", format = Date)]
    tot: Option<String>,
}

/// Bezoekdekking per SBI-groep
///
/// Per groep van SBI-secties waarin CBS de bedrijfsvestigingen per gemeente telt: hoeveel
/// ondernemingen in het register staan, hoeveel daarvan (in de periode) bezocht zijn, en welk
/// deel van de vestigingen volgens CBS dat is. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/ondernemingen/_dekking",
    operation_id = "ondernemingenDekking",
    tag = "Ondernemingen",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De dekking", body = Bezoekdekking),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Bezoekdekking>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["gemeente", "van", "tot"]);
    let g = q.get("gemeente", "format", gemeente);
    let from = q.get("van", "format", date);
    let to = q.get("tot", "format", date);
    q.finish()?;
    let g = g.ok_or_else(|| {
        ApiError::Invalid(vec![InvalidParam::new(
            "gemeente",
            "required",
            "Geef de gemeente, bijvoorbeeld gemeente=GM0153.",
        )])
    })?;
    Ok(Json(
        samenhang_app::ondernemers::coverage(&state.app, &caller, g, from, to)
            .await?
            .into(),
    ))
}
