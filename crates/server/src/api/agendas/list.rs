// SPDX-License-Identifier: EUPL-1.2
//! `GET /agendas`: the agenda's the caller may see, with filters and paging.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use utoipa::IntoParams;

use super::{Agendas, AgendasLijst};
use crate::api::registers;
use crate::auth::ApiCaller;
use crate::problem::ApiError;
use crate::state::AppState;

/// Query parameters of `GET /agendas`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Only those with this theme (a concept id).
    #[param(example = "werkloosheid")]
    thema: Option<String>,
    /// Only those of this organisation (its id).
    #[param(example = "gemeente-enschede")]
    organisatie: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, example = 1)]
    pagina: Option<u32>,
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

/// Lijst van agenda's
///
/// De agenda's die je mag zien: openbare, die van de organisaties waar je een rol hebt, en die
/// met zichtbaarheid `regio` van organisaties in de arbeidsmarktregio van die organisaties.
/// Zonder API-sleutel alleen de openbare.
#[utoipa::path(
    get,
    path = "/agendas",
    operation_id = "agendasLijst",
    tag = "Agendas",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "Een pagina agenda's met het totaal", body = AgendasLijst),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let goals = registers::visible_ids::<crate::api::doelen::Goals>(&state, &caller).await?;
    registers::list::<Agendas>(
        &state,
        &caller,
        raw.as_deref(),
        "agendas",
        super::visible_goals_in_list(&goals),
    )
    .await
}
