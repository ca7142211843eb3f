// SPDX-License-Identifier: EUPL-1.2
//! `GET /{collection}/_export`: the records of a kind that the caller may see, as a CSV file in
//! the format Dutch Excel reads (`;`, UTF-8 with BOM), the same format the import reads.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use samenhang_app::kinds::Kind;
use samenhang_app::Principal;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{operation_id, problem, security};
use crate::api::ApiState;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(kind: &dyn Kind, state: &ApiState, caller: &Principal) -> Result<Response, ApiError> {
    let bytes = samenhang_app::csv::export(&state.app, caller, kind).await?;
    Ok(csv_response(bytes, &samenhang_app::csv::file_name(kind.spec())))
}

/// A CSV download.
pub fn csv_response(body: Vec<u8>, filename: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.collection, "Exporteren"),
        "tags": [spec.tag],
        "summary": format!("{} als CSV", capital(spec.plural)),
        "description": "Alle records die u mag zien, als CSV voor Excel: scheidingsteken `;`, UTF-8 met BOM, decimale komma, datums als JJJJ-MM-DD, organisaties en gebieden met hun naam. Hetzelfde formaat als de import.",
        "security": security(false),
        "responses": {
            "200": { "description": "CSV", "content": { "text/csv": { "schema": { "type": "string" } } } },
            "401": problem("De API-sleutel is onbekend"),
        },
    })
}
