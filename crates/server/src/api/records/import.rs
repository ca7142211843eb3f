// SPDX-License-Identifier: EUPL-1.2
//! `POST /{collection}/_import`: records from a CSV file, all or nothing. Every line is checked
//! first; a fault names the line and the column. Lines of records of other organisations (an
//! export holds those too) are skipped and reported.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use samenhang_app::kinds::Kind;
use samenhang_app::Principal;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{json_response, operation_id, problem, security};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(
    kind: &dyn Kind,
    state: &ApiState,
    caller: &Principal,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(caller)?;
    require_csv(headers)?;
    let report = samenhang_app::csv::import(&state.app, caller, kind, body).await?;
    Ok(json_response(StatusCode::OK, report_json(&report)))
}

/// What an import did, as JSON.
pub fn report_json(r: &samenhang_app::csv::Report) -> Value {
    json!({
        "aantal": r.created.len() + r.updated.len(),
        "toegevoegd": r.created,
        "gewijzigd": r.updated,
        "overgeslagen": r.skipped.iter().map(|s| json!({ "regel": s.line, "reden": s.reason })).collect::<Vec<_>>(),
    })
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.collection, "Importeren"),
        "tags": [spec.tag],
        "summary": format!("{} importeren uit CSV", capital(spec.plural)),
        "description": "Leest een CSV-bestand (het formaat van de export; scheidingsteken `;` of `,`). Elke regel wordt gecontroleerd; een fout noemt de regel en de kolom. Is er één fout, dan wordt niets opgeslagen. Een regel met het `id` van een record dat u mag wijzigen vervangt dat record; regels van andere organisaties worden overgeslagen.",
        "security": security(true),
        "requestBody": { "required": true, "content": { "text/csv": { "schema": { "type": "string" } } } },
        "responses": {
            "200": { "description": "Geïmporteerd", "content": { "application/json": { "schema": {
                "type": "object",
                "properties": {
                    "aantal": { "type": "integer", "description": "Toegevoegd en gewijzigd samen" },
                    "toegevoegd": { "type": "array", "items": { "type": "string" } },
                    "gewijzigd": { "type": "array", "items": { "type": "string" } },
                    "overgeslagen": { "type": "array", "items": { "type": "object",
                        "properties": { "regel": { "type": "integer" }, "reden": { "type": "string" } }, "required": ["regel", "reden"] } },
                },
                "required": ["aantal", "toegevoegd", "gewijzigd", "overgeslagen"],
            } } } },
            "401": problem("Niet ingelogd"),
            "415": problem("Geen text/csv"),
        },
    })
}

/// 415 unless the body is sent as `text/csv` (every CSV upload of the API).
pub(crate) fn require_csv(headers: &HeaderMap) -> Result<(), ApiError> {
    let is_csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv"));
    if is_csv {
        Ok(())
    } else {
        Err(ApiError::Status(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Stuur het bestand als text/csv.".into(),
        ))
    }
}
