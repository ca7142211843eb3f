// SPDX-License-Identifier: EUPL-1.2
//! `GET /sroi-verplichtingen/{id}/_realisatie`: the realisation of one obligation.

use axum::extract::{Path, State};
use axum::Json;

use super::Realisatie;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Realisatie van een SROI-verplichting
///
/// De inzet voor deze verplichting die u mag zien, elk gewaardeerd met de waarderingstabel die op
/// de aanbestedingsdatum gold (stap voor stap), het deel dat met PSO is vervuld, het totaal, wat
/// nog te doen is, de prognose op de einddatum bij het tempo tot nu toe en de status.
#[utoipa::path(
    get,
    path = "/sroi-verplichtingen/{id}/_realisatie",
    operation_id = "sroiVerplichtingRealisatie",
    tag = "SROI",
    params(("id" = String, Path, description = "Id van de SROI-verplichting", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De realisatie", body = Realisatie),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Realisatie>, ApiError> {
    let (item, r) = samenhang_app::sroi::realisation_of(&state.app, &caller, &id).await?;
    Ok(Json(Realisatie::new(&item.id, &item.title, r)))
}
