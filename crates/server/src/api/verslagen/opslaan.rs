// SPDX-License-Identifier: EUPL-1.2
//! `POST /bijeenkomsten/_vastleggen`: a meeting and its action items, saved together.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Wat is opgeslagen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Opgeslagen {
    /// Id van de bijeenkomst.
    pub bijeenkomst: String,
    /// Ids van de actiepunten, in de volgorde van de invoer.
    pub actiepunten: Vec<String>,
}

/// Bijeenkomst met actiepunten opslaan
///
/// Slaat een bijeenkomst en haar actiepunten in één keer op; elk actiepunt verwijst naar de
/// bijeenkomst. Het lichaam is `{"bijeenkomst": BijeenkomstInvoer, "actiepunten":
/// [ActiepuntInvoer, …]}` (zonder `bijeenkomst` in de actiepunten), bijvoorbeeld het verbeterde
/// voorstel van `POST /bijeenkomsten/_voorstel`. Is er één fout, dan wordt niets opgeslagen en
/// noemt het antwoord elke fout (`actiepunten[2].deadline`).
#[utoipa::path(
    post,
    path = "/bijeenkomsten/_vastleggen",
    operation_id = "bijeenkomstVastleggen",
    tag = "Verslagen",
    request_body(content = Object, content_type = "application/json", description = "De bijeenkomst en haar actiepunten"),
    security(("apiSleutel" = [])),
    responses(
        (status = 201, description = "Opgeslagen", body = Opgeslagen,
            headers(("Location" = String, description = "De bijeenkomst"))),
        (status = 400, description = "Fouten in de invoer; niets is opgeslagen", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen redacteur", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let (meeting, items) = samenhang_app::verslagen::inputs_from_json(&body)?;
    let saved = samenhang_app::verslagen::save(&state.app, &caller, meeting, items).await?;
    let location = format!("/api/v1/bijeenkomsten/{}", saved.meeting);
    let body = Opgeslagen {
        bijeenkomst: saved.meeting,
        actiepunten: saved.items,
    };
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}
