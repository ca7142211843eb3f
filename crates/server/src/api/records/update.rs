// SPDX-License-Identifier: EUPL-1.2
//! `PUT /{collection}/{id}`: replaces a record, if `If-Match` names its current version. A
//! representation may be sent back as it was read; references the caller cannot see are kept.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samenhang_app::kinds::Kind;
use samenhang_app::Principal;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{
    etag_header, expected, id_parameter, if_match_parameter, json_response, operation_id, problem, schema, security,
    with_etag,
};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(
    kind: &dyn Kind,
    state: &ApiState,
    caller: &Principal,
    id: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(caller)?;
    let expected = expected(headers)?;
    let input = samenhang_app::input::from_json(kind.spec(), body)?;
    let shown = samenhang_app::records::update(&state.app, caller, kind, id, expected, input).await?;
    Ok(with_etag(json_response(StatusCode::OK, shown.body), shown.item.version))
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.singular, "Wijzigen"),
        "tags": [spec.tag],
        "summary": format!("{} wijzigen", capital(spec.singular)),
        "description": "Vervangt het record. `If-Match` met de huidige `ETag` is verplicht (of `*`). Verwijzingen naar records die u niet mag zien blijven staan.",
        "security": security(true),
        "parameters": [id_parameter(spec), if_match_parameter()],
        "requestBody": { "required": true, "content": { "application/json": { "schema": schema::reference(&format!("{}Invoer", spec.schema)) } } },
        "responses": {
            "200": { "description": "Gewijzigd", "headers": { "ETag": etag_header() },
                     "content": { "application/json": { "schema": schema::reference(spec.schema) } } },
            "401": problem("Niet ingelogd"),
            "403": problem("Geen redacteur bij de eigenaar"),
            "404": problem("Niet gevonden, of niet zichtbaar voor u"),
            "412": problem("Intussen gewijzigd"),
            "428": problem("If-Match ontbreekt"),
        },
    })
}
