// SPDX-License-Identifier: EUPL-1.2
//! `GET /afspraken/_achterstallig`: who has not yet delivered.

use axum::extract::{RawQuery, State};
use axum::Json;
use utoipa::IntoParams;

use super::Achterstallig;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Peildatum (standaard vandaag).
    #[param(example = "2026-11-28", format = Date)]
    peildatum: Option<String>,
}

/// Wie heeft nog niet geleverd?
///
/// Open toezeggingen van de afspraken die u mag zien waarvan de deadline voor de peildatum ligt,
/// en per partij de stand.
#[utoipa::path(
    get,
    path = "/afspraken/_achterstallig",
    operation_id = "afsprakenAchterstallig",
    tag = "Afspraken",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De achterstanden", body = Achterstallig),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Achterstallig>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["peildatum"]);
    let day = q.get("peildatum", "format", crate::params::iso_date);
    q.finish()?;
    let day = day.unwrap_or_else(samenhang_app::records::today);
    Ok(Json(
        samenhang_app::analyses::overdue(&state.app, &caller, day).await?.into(),
    ))
}
