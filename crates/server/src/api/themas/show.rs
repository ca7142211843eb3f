// SPDX-License-Identifier: EUPL-1.2
//! `GET /themas/{begrip}`: everything linked to one concept.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use samenhang_app::analyses::THEME_SHOWN;
use samenhang_app::kinds::KINDS;
use serde_json::{json, Map, Value};

use crate::api::caller::ApiCaller;
use crate::api::records::{json_response, problem, schema, security};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let t = samenhang_app::analyses::theme(&state.app, &caller, &id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen begrip met id '{id}'.")))?;
    let mut body = Map::new();
    body.insert(
        "begrip".into(),
        json!({ "id": t.concept.id, "voorkeursterm": t.concept.name }),
    );
    body.insert(
        "indicatoren".into(),
        Value::Array(
            t.indicators
                .iter()
                .map(|i| json!({ "id": i.id, "titel": i.name }))
                .collect(),
        ),
    );
    let mut totals = Map::new();
    for r in &t.registers {
        let spec = r.spec;
        totals.insert(spec.collection.into(), Value::from(r.total));
        body.insert(
            spec.collection.into(),
            Value::Array(
                r.records
                    .iter()
                    .map(|r| {
                        json!({
                            "id": r.id,
                            "titel": r.title,
                            "organisatie": { "id": r.owner.id, "naam": r.owner.name },
                            "href": format!("/api/v1/{}/{}", spec.collection, r.id),
                        })
                    })
                    .collect(),
            ),
        );
    }
    body.insert("aantallen".into(), Value::Object(totals));
    let mut res = json_response(StatusCode::OK, Value::Object(body));
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-cache"),
    );
    Ok(res)
}

/// The operation, with one property per register kind.
pub fn operation() -> Value {
    let linked = json!({
        "type": "object",
        "properties": {
            "id": { "type": "string" },
            "titel": { "type": "string" },
            "organisatie": schema::reference("OrganisatieRef"),
            "href": { "type": "string" },
        },
        "required": ["id", "titel", "organisatie", "href"],
    });
    let mut properties = Map::new();
    properties.insert("begrip".into(), schema::reference("BegripRef"));
    properties.insert(
        "indicatoren".into(),
        json!({ "type": "array", "items": schema::reference("RecordRef") }),
    );
    let mut required = vec!["begrip", "indicatoren", "aantallen"];
    let mut totals = Map::new();
    for k in KINDS {
        let spec = k.spec();
        properties.insert(
            spec.collection.into(),
            json!({ "type": "array", "items": linked, "maxItems": THEME_SHOWN,
                    "description": format!("De eerste {THEME_SHOWN} {} op dit thema die u mag zien, op titel; alle via GET /{}?thema=….", spec.plural, spec.collection) }),
        );
        totals.insert(spec.collection.into(), json!({ "type": "integer", "minimum": 0 }));
        required.push(spec.collection);
    }
    let total_names: Vec<&str> = KINDS.iter().map(|k| k.spec().collection).collect();
    properties.insert(
        "aantallen".into(),
        json!({ "type": "object", "description": "Per register: hoeveel records op dit thema u mag zien.",
                "properties": totals, "required": total_names }),
    );
    json!({
        "operationId": "themaOphalen",
        "tags": ["Themas"],
        "summary": "Alles over één thema",
        "description": "De indicatoren die het begrip meten en, per register, de records met dit begrip als thema, voor zover u ze mag zien.",
        "security": security(false),
        "parameters": [{ "name": "begrip", "in": "path", "required": true, "description": "Id van het begrip", "example": "werkloosheid",
                         "schema": { "type": "string", "minLength": 1, "maxLength": 200 } }],
        "responses": {
            "200": { "description": "Alles over het thema", "content": { "application/json": { "schema": {
                "type": "object", "properties": properties, "required": required } } } },
            "401": problem("De API-sleutel is onbekend"),
            "404": problem("Onbekend begrip"),
        },
    })
}
