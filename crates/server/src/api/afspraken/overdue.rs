// SPDX-License-Identifier: EUPL-1.2
//! `GET /afspraken/_achterstallig`: who has not yet delivered.

use axum::extract::{RawQuery, State};
use axum::Json;
use chrono::NaiveDate;
use utoipa::IntoParams;

use crate::api::coherence::{overdue, Achterstallig};
use crate::auth::ApiCaller;
use crate::params::QueryParams;
use crate::problem::ApiError;
use crate::state::AppState;

/// Query parameters of `GET /afspraken/_achterstallig`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// The reference date (JJJJ-MM-DD); default today.
    #[param(example = "2026-11-28")]
    peildatum: Option<String>,
}

/// Wie heeft nog niet geleverd?
///
/// De open toezeggingen waarvan de deadline voor de peildatum ligt, en per partij hoeveel
/// toezeggingen open, te laat en geleverd zijn; over de afspraken die je mag zien.
#[utoipa::path(
    get,
    path = "/afspraken/_achterstallig",
    operation_id = "afsprakenAchterstallig",
    tag = "Afspraken",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses((status = 200, description = "De achterstanden", body = Achterstallig))
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Achterstallig>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["peildatum"]);
    let day = q.get("peildatum", "format", |s| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| "Schrijf de datum als JJJJ-MM-DD.".to_string())
    });
    q.finish()?;
    let day = day.unwrap_or_else(|| chrono::Utc::now().date_naive());
    Ok(Json(overdue(&state, &caller, day).await?))
}
