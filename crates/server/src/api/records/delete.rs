// SPDX-License-Identifier: EUPL-1.2
//! `DELETE /{collection}/{id}`: removes a record, if `If-Match` names its current version. The
//! removal is in the audit log.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use samenhang_app::kinds::Kind;
use samenhang_app::Principal;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{expected, id_parameter, if_match_parameter, operation_id, problem, security};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(
    kind: &dyn Kind,
    state: &ApiState,
    caller: &Principal,
    id: &str,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(caller)?;
    let expected = expected(headers)?;
    samenhang_app::records::delete(&state.app, caller, kind, id, expected).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.singular, "Verwijderen"),
        "tags": [spec.tag],
        "summary": format!("{} verwijderen", capital(spec.singular)),
        "description": "`If-Match` met de huidige `ETag` is verplicht (of `*`). De verwijdering staat in het auditlog.",
        "security": security(true),
        "parameters": [id_parameter(spec), if_match_parameter()],
        "responses": {
            "204": { "description": "Verwijderd" },
            "401": problem("Niet ingelogd"),
            "403": problem("Geen redacteur bij de eigenaar"),
            "404": problem("Niet gevonden, of niet zichtbaar voor u"),
            "412": problem("Intussen gewijzigd"),
            "428": problem("If-Match ontbreekt"),
        },
    })
}
