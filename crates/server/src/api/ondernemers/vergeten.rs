// SPDX-License-Identifier: EUPL-1.2
//! `POST /contactpersonen/{id}/_vergeten`: "vergeet deze persoon".

use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Vergeet deze persoon
///
/// Wist de contactpersoon met elke versie, haalt de verwijzingen naar de persoon uit andere records,
/// en vervangt naam, e-mailadres en telefoonnummer overal waar ze staan (ook in eerdere versies en
/// het auditlog) door `[gewist]`. Het auditlog houdt een regel zonder de gegevens. Niet terug te
/// draaien.
#[utoipa::path(
    post,
    path = "/contactpersonen/{id}/_vergeten",
    operation_id = "contactpersoonVergeten",
    tag = "Contactpersonen",
    params(("id" = String, Path, description = "Id van de contactpersoon", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    security(("apiSleutel" = [])),
    responses(
        (status = 204, description = "Gewist"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "U mag deze contactpersoon niet wijzigen", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    samenhang_app::ondernemers::erase_contact(&state.app, &caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
