// SPDX-License-Identifier: EUPL-1.2
//! `GET /opvolgingen/_achterstallig`: follow-up open past its deadline.

use axum::extract::{RawQuery, State};
use axum::Json;
use utoipa::IntoParams;

use super::{date, AchterstalligeOpvolging};
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
    /// Alleen de acties van de personen in het register met dit e-mailadres.
    #[param(example = "a.jansen@enschede.nl")]
    eigenaar: Option<String>,
}

/// Achterstallige opvolging
///
/// Opvolgingen van bedrijfsbezoeken die u mag zien en die na hun deadline nog open zijn, met de
/// stand per eigenaar en per organisatie.
#[utoipa::path(
    get,
    path = "/opvolgingen/_achterstallig",
    operation_id = "opvolgingenAchterstallig",
    tag = "Opvolgingen",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De achterstand", body = AchterstalligeOpvolging),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<AchterstalligeOpvolging>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["peildatum", "eigenaar"]);
    let day = q.get("peildatum", "format", date);
    let owner = q.get("eigenaar", "format", |s| Ok::<_, String>(s.trim().to_string()));
    q.finish()?;
    let day = day.unwrap_or_else(samenhang_app::records::today);
    Ok(Json(
        samenhang_app::ondernemers::overdue_actions(&state.app, &caller, day, owner.as_deref())
            .await?
            .into(),
    ))
}
