// SPDX-License-Identifier: EUPL-1.2
//! The register resources, for every kind of `samenhang_app::kinds::KINDS`: routes and OpenAPI
//! operations are derived from the list, so a kind left out of it cannot be served and every
//! kind in it is. One file per action (`list`, `show`, `create`, `update`, `delete`, `export`,
//! `import`); each has its handler, generic over the kind, and the OpenAPI operation it serves.
//! [`schema`] derives the schemas from the kind's description.
//!
//! The use-cases themselves are `samenhang_app::records` and `samenhang_app::csv`; this layer
//! parses HTTP (path, query, `If-Match`, body) and shapes responses (ETag, Location, problem+json).

pub mod create;
pub mod delete;
pub mod export;
pub mod import;
pub mod list;
pub mod schema;
pub mod show;
pub mod update;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use samenhang_app::kinds::{Kind, KINDS};
use samenhang_app::records::Expected;
use samenhang_domain::spec::{KindSpec, RECORD_ID_PATTERN};
use serde_json::{json, Value};
use utoipa::openapi::OpenApi;

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Adds the routes of every kind.
pub fn routes(mut router: Router<ApiState>) -> Router<ApiState> {
    for &kind in KINDS {
        let spec = kind.spec();
        router = router
            .route(
                &format!("/{}", spec.collection),
                get(
                    move |State(s): State<ApiState>, ApiCaller(c): ApiCaller, RawQuery(q): RawQuery| async move {
                        list::handler(kind, &s, &c, q.as_deref()).await
                    },
                )
                .post(
                    move |State(s): State<ApiState>, ApiCaller(c): ApiCaller, body: axum::body::Bytes| async move {
                        create::handler(kind, &s, &c, &body).await
                    },
                ),
            )
            .route(
                &format!("/{}/_export", spec.collection),
                get(move |State(s): State<ApiState>, ApiCaller(c): ApiCaller| async move {
                    export::handler(kind, &s, &c).await
                }),
            )
            .route(
                &format!("/{}/_import", spec.collection),
                axum::routing::post(
                    move |State(s): State<ApiState>,
                          ApiCaller(c): ApiCaller,
                          headers: HeaderMap,
                          body: axum::body::Bytes| async move {
                        import::handler(kind, &s, &c, &headers, &body).await
                    },
                ),
            )
            .route(
                &format!("/{}/{{id}}", spec.collection),
                get(
                    move |State(s): State<ApiState>, ApiCaller(c): ApiCaller, Path(id): Path<String>| async move {
                        show::handler(kind, &s, &c, &id).await
                    },
                )
                .put(
                    move |State(s): State<ApiState>,
                          ApiCaller(c): ApiCaller,
                          Path(id): Path<String>,
                          headers: HeaderMap,
                          body: axum::body::Bytes| async move {
                        update::handler(kind, &s, &c, &id, &headers, &body).await
                    },
                )
                .delete(
                    move |State(s): State<ApiState>,
                          ApiCaller(c): ApiCaller,
                          Path(id): Path<String>,
                          headers: HeaderMap| async move {
                        delete::handler(kind, &s, &c, &id, &headers).await
                    },
                ),
            );
    }
    router
}

/// Adds the operations, schemas and tags of every kind to the document.
pub fn document(doc: &mut OpenApi) -> Result<(), serde_json::Error> {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, s) in schema::shared() {
        components.schemas.insert(name.into(), serde_json::from_value(s)?);
    }
    for &kind in KINDS {
        let spec = kind.spec();
        let components = doc.components.get_or_insert_with(Default::default);
        // A kind's schema may not replace another schema of the document (a kind `opvolging`
        // named `Opvolging` would have replaced the successors of a gemeente).
        for name in [
            spec.schema.to_string(),
            format!("{}Invoer", spec.schema),
            format!("{}Lijst", spec.schema),
        ] {
            if components.schemas.contains_key(&name) {
                return Err(serde::de::Error::custom(format!(
                    "het schema '{name}' van {} bestaat al in het document",
                    spec.plural
                )));
            }
        }
        components.schemas.insert(
            spec.schema.into(),
            serde_json::from_value(schema::representation(spec))?,
        );
        components.schemas.insert(
            format!("{}Invoer", spec.schema),
            serde_json::from_value(schema::input(spec))?,
        );
        components.schemas.insert(
            format!("{}Lijst", spec.schema),
            serde_json::from_value(schema::list(spec))?,
        );
        let collection = json!({ "get": list::operation(spec), "post": create::operation(spec) });
        let one =
            json!({ "get": show::operation(spec), "put": update::operation(spec), "delete": delete::operation(spec) });
        for (path, item) in [
            (format!("/{}", spec.collection), collection),
            (
                format!("/{}/_export", spec.collection),
                json!({ "get": export::operation(spec) }),
            ),
            (
                format!("/{}/_import", spec.collection),
                json!({ "post": import::operation(spec) }),
            ),
            (format!("/{}/{{id}}", spec.collection), one),
        ] {
            doc.paths.paths.insert(path, serde_json::from_value(item)?);
        }
        let tags = doc.tags.get_or_insert_with(Vec::new);
        if !tags.iter().any(|t| t.name == spec.tag) {
            tags.push(serde_json::from_value(
                json!({ "name": spec.tag, "description": spec.about }),
            )?);
        }
    }
    Ok(())
}

/// A problem+json response in an operation.
pub(crate) fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": schema::reference("Problem") } },
    })
}

/// The `id` path parameter.
pub(crate) fn id_parameter(spec: &KindSpec) -> Value {
    json!({
        "name": "id", "in": "path", "required": true,
        "description": format!("Id van {}", spec.the(false)),
        "schema": { "type": "string", "pattern": RECORD_ID_PATTERN },
    })
}

/// The `If-Match` header parameter.
pub(crate) fn if_match_parameter() -> Value {
    json!({
        "name": "If-Match", "in": "header", "required": true,
        "description": "De ETag van de versie waarop de wijziging is gebaseerd, of * voor elke huidige versie.",
        "schema": { "type": "string", "pattern": "^(\\*|(W/)?\"[0-9]+\")$" },
    })
}

/// The ETag header of a response.
pub(crate) fn etag_header() -> Value {
    json!({ "description": "De versie", "schema": { "type": "string" } })
}

/// The security of an operation: anonymous allowed (reads) or a key needed (writes).
pub(crate) fn security(write: bool) -> Value {
    if write {
        json!([{ "apiSleutel": [] }])
    } else {
        json!([{}, { "apiSleutel": [] }])
    }
}

/// Lower camelCase of the first letter, for operation ids: `persoonToevoegen`.
pub(crate) fn operation_id(word: &str, action: &str) -> String {
    let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    format!("{word}{action}")
}

/// The version a change is based on, from `If-Match`: `"3"`, `W/"3"` or `*`. A value that is no
/// version cannot match any current one (412).
pub(crate) fn expected(headers: &HeaderMap) -> Result<Expected, ApiError> {
    let Some(raw) = headers.get(header::IF_MATCH) else {
        return Ok(Expected::Missing);
    };
    let raw = raw.to_str().unwrap_or("").trim();
    if raw == "*" {
        return Ok(Expected::Any);
    }
    raw.trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map(Expected::Version)
        .map_err(|_| {
            ApiError::Status(
                StatusCode::PRECONDITION_FAILED,
                format!("If-Match '{raw}' is geen versie; stuur de ETag die u bij het ophalen kreeg."),
            )
        })
}

/// A response with the record's ETag, never kept by shared caches.
pub(crate) fn with_etag(mut res: Response, version: i64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

/// A JSON body.
pub(crate) fn json_response(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The kind of a collection, for the other API modules.
pub fn kind(collection: &str) -> Option<&'static dyn Kind> {
    samenhang_app::kinds::by_collection(collection)
}
