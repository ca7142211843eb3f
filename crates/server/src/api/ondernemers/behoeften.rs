// SPDX-License-Identifier: EUPL-1.2
//! `GET /bedrijfsbezoeken/_behoeften`: what entrepreneurs need.

use axum::extract::{RawQuery, State};
use axum::Json;
use samenhang_app::ondernemers::NeedsFilter;
use utoipa::IntoParams;

use super::{date, gemeente, Ondernemersbehoeften};
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Alleen ondernemingen in deze gemeente.
    #[param(example = "GM0153", pattern = "^GM[0-9]{4}$")]
    gemeente: Option<String>,
    /// Alleen bezoeken op of na deze dag.
    #[param(example = "2026-01-01", format = Date)]
    van: Option<String>,
    /// Alleen bezoeken op of voor deze dag.
    #[param(example = "2026-12-31", format = Date)]
    tot: Option<String>,
}

/// Wat hebben ondernemers nodig?
///
/// Over de bedrijfsbezoeken die u mag zien: hoe vaak elke behoefte genoemd is, door hoeveel
/// ondernemingen, hoeveel acties erop volgden en hoe snel die afgedaan waren; de verdeling naar
/// segment, SBI-sectie, grootteklasse, gemeente en jaar; en per bezoeker het aantal bezoeken en
/// acties.
#[utoipa::path(
    get,
    path = "/bedrijfsbezoeken/_behoeften",
    operation_id = "bedrijfsbezoekenBehoeften",
    tag = "Bedrijfsbezoeken",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De behoeften", body = Ondernemersbehoeften),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Ondernemersbehoeften>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["gemeente", "van", "tot"]);
    let filter = NeedsFilter {
        gemeente: q.get("gemeente", "format", gemeente),
        from: q.get("van", "format", date),
        to: q.get("tot", "format", date),
    };
    q.finish()?;
    Ok(Json(
        samenhang_app::ondernemers::needs(&state.app, &caller, filter)
            .await?
            .into(),
    ))
}
