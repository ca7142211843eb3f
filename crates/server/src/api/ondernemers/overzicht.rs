// SPDX-License-Identifier: EUPL-1.2
//! `GET /ondernemingen/{id}/_overzicht`: one view of a company.

use axum::extract::{Path, State};
use axum::Json;

use super::Ondernemingsoverzicht;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Eén beeld van een onderneming
///
/// Wie de onderneming bezocht, wanneer, welke behoeften zij noemde, wat is toegezegd en door welke
/// organisatie: alles wat u van deze onderneming mag zien. Vertrouwelijke notities staan er niet in.
#[utoipa::path(
    get,
    path = "/ondernemingen/{id}/_overzicht",
    operation_id = "ondernemingOverzicht",
    tag = "Ondernemingen",
    params(("id" = String, Path, description = "Id van de onderneming", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "Het overzicht", body = Ondernemingsoverzicht),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Ondernemingsoverzicht>, ApiError> {
    let today = samenhang_app::records::today();
    Ok(Json(
        samenhang_app::ondernemers::company_view(&state.app, &caller, &id, today)
            .await?
            .into(),
    ))
}
