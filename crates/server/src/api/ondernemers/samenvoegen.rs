// SPDX-License-Identifier: EUPL-1.2
//! `POST /ondernemingen/{id}/_samenvoegen`: merge a duplicate company into this one.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;

use super::{body, Ondernemingsoverzicht, SamenvoegenInvoer};
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Dubbele onderneming samenvoegen
///
/// Alle bedrijfsbezoeken, contactpersonen en andere verwijzingen naar de onderneming `met`, ook die
/// van andere organisaties, gaan over naar deze onderneming; daarna wordt `met` verwijderd. Alles
/// in één keer, met een regel `samengevoegd` in het auditlog. U moet beide ondernemingen mogen
/// wijzigen.
#[utoipa::path(
    post,
    path = "/ondernemingen/{id}/_samenvoegen",
    operation_id = "ondernemingSamenvoegen",
    tag = "Ondernemingen",
    params(("id" = String, Path, description = "Id van de onderneming die blijft", pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")),
    request_body(content = SamenvoegenInvoer, content_type = "application/json"),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Samengevoegd; het overzicht van de onderneming die blijft", body = Ondernemingsoverzicht),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "U mag een van beide niet wijzigen", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Niet gevonden, of niet zichtbaar voor u", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Een van de records is intussen gewijzigd", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Json<Ondernemingsoverzicht>, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let input: SamenvoegenInvoer = body(&bytes)?;
    samenhang_app::ondernemers::merge(&state.app, &caller, &id, input.met.trim()).await?;
    let today = samenhang_app::records::today();
    Ok(Json(
        samenhang_app::ondernemers::company_view(&state.app, &caller, &id, today)
            .await?
            .into(),
    ))
}
