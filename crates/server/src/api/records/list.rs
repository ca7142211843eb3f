// SPDX-License-Identifier: EUPL-1.2
//! `GET /{collection}`: the records of a kind that the caller may see, by title, a page at a time.

use axum::http::StatusCode;
use axum::response::Response;
use samenhang_app::kinds::Kind;
use samenhang_app::records::{self, ListFilter};
use samenhang_app::Principal;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{json_response, operation_id, problem, schema, security};
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// The handler.
pub async fn handler(
    kind: &dyn Kind,
    state: &ApiState,
    caller: &Principal,
    raw: Option<&str>,
) -> Result<Response, ApiError> {
    let spec = kind.spec();
    let mut q = QueryParams::parse(raw, &["thema", "organisatie", "pagina", "paginaGrootte"]);
    let theme = q.text("thema", 200);
    let owner = q.text("organisatie", 60);
    let paging = q.paging();
    q.finish()?;
    let page = records::list(&state.app, caller, kind, &ListFilter { theme, owner, paging }).await?;
    let items: Vec<Value> = page.items.into_iter().map(|s| s.body).collect();
    let path = format!("/api/v1/{}", spec.collection);
    let mut res = json_response(
        StatusCode::OK,
        json!({
            spec.collection: items,
            "paginering": crate::api::paginering(page.total, paging),
            "_links": crate::api::page_links(&path, raw, page.total, paging),
        }),
    );
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-cache"),
    );
    Ok(res)
}

/// The operation.
pub fn operation(spec: &KindSpec) -> Value {
    json!({
        "operationId": operation_id(spec.collection, "Lijst"),
        "tags": [spec.tag],
        "summary": format!("{} opvragen", capital(spec.plural)),
        "description": format!("De {} die u mag zien, op titel. Zonder API-sleutel alleen de openbare. {}", spec.plural, spec.about),
        "security": security(false),
        "parameters": [
            { "name": "thema", "in": "query", "required": false, "description": "Alleen met dit thema (id van een begrip)",
              "schema": { "type": "string", "minLength": 1, "maxLength": 200 } },
            { "name": "organisatie", "in": "query", "required": false, "description": "Alleen van deze organisatie (id)",
              "schema": { "type": "string", "minLength": 1, "maxLength": 60 } },
            { "name": "pagina", "in": "query", "required": false, "description": "De pagina, vanaf 1",
              "schema": { "type": "integer", "minimum": 1, "maximum": 1_000_000 } },
            { "name": "paginaGrootte", "in": "query", "required": false, "description": "Aantal per pagina (standaard 20)",
              "schema": { "type": "integer", "minimum": 1, "maximum": crate::params::MAX_PAGE_SIZE } },
        ],
        "responses": {
            "200": { "description": "Een pagina", "content": { "application/json": { "schema": schema::reference(&format!("{}Lijst", spec.schema)) } } },
            "401": problem("De API-sleutel is onbekend"),
        },
    })
}
