// SPDX-License-Identifier: EUPL-1.2
//! The Samenhang HTTP server (axum): two thin layers over `samenhang_app`, which never import
//! each other.
//!
//! Layout:
//! - [`api`]: the JSON API under `/api/v1`, one file per action, with its OpenAPI document;
//!   the register resources follow from the list of kinds (`api::records`);
//! - [`web`]: the Dutch HTML pages and forms, with inline SVG charts and maps;
//! - [`problem`]: problem+json errors; [`params`]: query parsing that reports every fault (both
//!   layers use these);
//! - [`middleware`]: `API-Version`, security and cache headers, problem+json or a Dutch page for
//!   every error, and the refusals that come before any handler (NUL bytes, oversized bodies);
//! - [`serve`]: the accept loop with its limits (connections, header and body timeouts).
//!
//! Handlers parse HTTP and shape responses; the use-cases are the application's. They never
//! read files: loading data is the CLI's job.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

pub mod api;
pub mod middleware;
pub mod params;
pub mod problem;
pub mod serve;
pub mod web;

pub use serve::{serve, Limits};

/// The whole application: the web pages, `/health`, `/api/v1/…` and the fallback (problem+json
/// under `/api`, a Dutch error page elsewhere).
pub fn app(app: samenhang_app::App, web: web::Web, limits: &Limits) -> Router {
    let web = Arc::new(web);
    if app.has_examples() {
        web.show_example_banner();
    }
    let (api, _) = api::router();
    let api = api.with_state(api::ApiState::new(app.clone()));
    let pages = web::router().with_state(web::WebState {
        app: app.clone(),
        web: web.clone(),
    });
    let fallback_web = web.clone();
    Router::new()
        .route("/health", get(health))
        .route("/gereed", get(ready))
        .with_state(app)
        .nest("/api/v1", api)
        .merge(pages)
        .fallback(move |axum::extract::OriginalUri(uri): axum::extract::OriginalUri| {
            let web = fallback_web.clone();
            async move { middleware::not_found(&web, &uri) }
        })
        .layer(axum::middleware::from_fn_with_state(
            web.clone(),
            middleware::response_rules,
        ))
        .layer(axum::middleware::from_fn_with_state(
            (limits.clone(), web),
            middleware::request_rules,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(limits.max_body))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(limits.body_timeout))
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(TraceLayer::new_for_http())
}

/// The OpenAPI document, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().1
}

async fn health(State(app): State<samenhang_app::App>) -> Json<serde_json::Value> {
    Json(json!({
        "status": "ok",
        "database": app.store().backend(),
        "versie": env!("CARGO_PKG_VERSION"),
    }))
}

/// Ready to serve: the database answers and holds the region registry.
async fn ready(State(app): State<samenhang_app::App>) -> Result<Json<serde_json::Value>, problem::ApiError> {
    // A database that is gone may keep a query waiting for the pool's whole timeout; a
    // readiness probe wants its answer sooner.
    let unavailable =
        |message: &str| problem::ApiError::Retry(axum::http::StatusCode::SERVICE_UNAVAILABLE, message.into(), 5);
    let loaded = match tokio::time::timeout(std::time::Duration::from_secs(3), app.store().regions_loaded()).await {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(e)) => {
            tracing::warn!(fout = %e, "gereedheid: de database antwoordt met een fout");
            return Err(unavailable("De database is niet bereikbaar."));
        }
        Err(_) => return Err(unavailable("De database antwoordt niet binnen 3 seconden.")),
    };
    if !loaded {
        return Err(unavailable("De gebiedsindeling is nog niet geladen."));
    }
    Ok(Json(json!({ "status": "gereed", "database": app.store().backend() })))
}
