// SPDX-License-Identifier: EUPL-1.2
//! `GET /contactpersonen/{id}/_export`: a contact person's data as JSON (right of access).

use axum::extract::{Path, State};
use axum::Json;
use serde_json::Value;

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Gegevens van een contactpersoon downloaden
///
/// Alles wat over deze persoon is vastgelegd en dat u mag zien: de huidige gegevens, elke eerdere
/// versie en de records die de persoon noemen (inzageverzoek, AVG artikel 15).
#[utoipa::path(
    get,
    path = "/contactpersonen/{id}/_export",
    operation_id = "contactpersoonExport",
    tag = "Contactpersonen",
    params(("id" = String, Path, description = "Id van de contactpersoon", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "De gegevens: contactpersoon, versies en vermeldIn", body = Object),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    Ok(Json(
        samenhang_app::ondernemers::contact_export(&state.app, &caller, &id).await?,
    ))
}
