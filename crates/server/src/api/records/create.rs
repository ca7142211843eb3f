// SPDX-License-Identifier: EUPL-1.2
//! `POST /{collection}`: a new record. Needs the role redacteur or beheerder in the organisation
//! that becomes its owner; every fault in the input comes back at once, and nothing is stored.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use samenhang_app::kinds::Kind;
use samenhang_app::Principal;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{etag_header, json_response, operation_id, problem, schema, security, with_etag};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(kind: &dyn Kind, state: &ApiState, caller: &Principal, body: &[u8]) -> Result<Response, ApiError> {
    samenhang_app::records::require_user(caller)?;
    let input = samenhang_app::input::from_json(kind.spec(), body)?;
    let shown = samenhang_app::records::create(&state.app, caller, kind, input).await?;
    let location = format!("/api/v1/{}/{}", kind.spec().collection, shown.item.id);
    let mut res = with_etag(json_response(StatusCode::CREATED, shown.body), shown.item.version);
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.singular, "Toevoegen"),
        "tags": [spec.tag],
        "summary": format!("{} toevoegen", capital(spec.singular)),
        "description": "Vraagt de rol redacteur of beheerder bij de organisatie die eigenaar wordt. Elke fout in de invoer staat in `invalidParams`; bij een fout wordt niets opgeslagen.",
        "security": security(true),
        "requestBody": { "required": true, "content": { "application/json": { "schema": schema::reference(&format!("{}Invoer", spec.schema)) } } },
        "responses": {
            "201": { "description": "Toegevoegd", "headers": { "ETag": etag_header(), "Location": { "description": "Het adres", "schema": { "type": "string" } } },
                     "content": { "application/json": { "schema": schema::reference(spec.schema) } } },
            "401": problem("Niet ingelogd"),
            "403": problem("Geen redacteur bij die organisatie"),
        },
    })
}
