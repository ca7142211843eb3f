// SPDX-License-Identifier: EUPL-1.2
//! `GET /{collection}/{id}`: one record, with its version as ETag.

use axum::http::StatusCode;
use axum::response::Response;
use samenhang_app::kinds::Kind;
use samenhang_app::Principal;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{etag_header, id_parameter, json_response, operation_id, problem, schema, security, with_etag};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(kind: &dyn Kind, state: &ApiState, caller: &Principal, id: &str) -> Result<Response, ApiError> {
    let shown = samenhang_app::records::show(&state.app, caller, kind, id).await?;
    Ok(with_etag(json_response(StatusCode::OK, shown.body), shown.item.version))
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.singular, "Ophalen"),
        "tags": [spec.tag],
        "summary": format!("Eén {} ophalen", spec.singular),
        "description": format!("{} met id, als u {} mag zien; anders 404, ook als {} bestaat.", capital(&spec.the(false)), pronoun(spec), pronoun(spec)),
        "security": security(false),
        "parameters": [id_parameter(spec)],
        "responses": {
            "200": { "description": capital(spec.singular), "headers": { "ETag": etag_header() },
                     "content": { "application/json": { "schema": schema::reference(spec.schema) } } },
            "401": problem("De API-sleutel is onbekend"),
            "404": problem("Niet gevonden, of niet zichtbaar voor u"),
        },
    })
}

/// "het" or "die", for "als u het mag zien".
pub(crate) fn pronoun(spec: &KindSpec) -> &'static str {
    match spec.article {
        samenhang_domain::spec::Article::Het => "het",
        samenhang_domain::spec::Article::De => "die",
    }
}

use samenhang_domain::spec::capital;
