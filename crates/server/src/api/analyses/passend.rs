// SPDX-License-Identifier: EUPL-1.2
//! `GET /regelingen/_passend`: "welke regelingen passen?" for a need, a target group and a
//! gemeente. Its operation is written out here (not with the utoipa macro) because its answer
//! holds records of the register kind `regeling`, whose schema the engine derives.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use samenhang_domain::codes::{MunicipalityCode, RegionCode};
use serde_json::{json, Value};

use crate::api::caller::ApiCaller;
use crate::api::records::{json_response, problem, schema, security};
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["behoefte", "doelgroep", "gemeente"]);
    let need = q.text("behoefte", 200);
    let group = q.text("doelgroep", 200);
    let gemeente = q.get("gemeente", "format", |s| {
        MunicipalityCode::parse(s).map_err(|e| format!("{e}."))
    });
    q.finish()?;
    let items = samenhang_app::analyses::matching(
        &state.app,
        &caller,
        need.as_deref(),
        group.as_deref(),
        gemeente.map(RegionCode::from),
    )
    .await?;
    let kind =
        crate::api::records::kind("regelingen").ok_or_else(|| ApiError::Internal("geen soort regeling".into()))?;
    let shown = samenhang_app::records::represent_all(&state.app, &caller, kind, items).await?;
    let body: Vec<Value> = shown.into_iter().map(|s| s.body).collect();
    Ok(json_response(StatusCode::OK, json!({ "regelingen": body })))
}

/// The operation.
pub fn operation() -> Value {
    json!({
        "operationId": "regelingenPassend",
        "tags": ["Regelingen"],
        "summary": "Welke regelingen passen?",
        "description": "De actieve en geplande regelingen voor een behoefte en een doelgroep die gelden in een gemeente (ook die van haar arbeidsmarktregio, COROP-gebied, provincie en landelijke), voor zover u ze mag zien.",
        "security": security(false),
        "parameters": [
            { "name": "behoefte", "in": "query", "required": false, "description": "Id van een begrip (een behoefte)", "example": "krapte",
              "schema": { "type": "string", "minLength": 1, "maxLength": 200 } },
            { "name": "doelgroep", "in": "query", "required": false, "description": "Id van een begrip (een doelgroep)", "example": "bijstand",
              "schema": { "type": "string", "minLength": 1, "maxLength": 200 } },
            { "name": "gemeente", "in": "query", "required": false, "description": "Gemeentecode", "example": "GM0153",
              "schema": { "type": "string", "pattern": "^GM[0-9]{4}$" } },
        ],
        "responses": {
            "200": { "description": "De passende regelingen", "content": { "application/json": { "schema": {
                "type": "object",
                "properties": { "regelingen": { "type": "array", "items": schema::reference("Regeling") } },
                "required": ["regelingen"],
            } } } },
            "401": problem("De API-sleutel is onbekend"),
        },
    })
}
