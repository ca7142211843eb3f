// SPDX-License-Identifier: EUPL-1.2
//! The Samenhang HTTP server (axum).
//!
//! Layout:
//! - [`api`]: the JSON API under `/api/v1`, one file per action, with its OpenAPI document;
//! - [`problem`]: problem+json errors; [`params`]: query parsing that reports every fault;
//! - [`middleware`]: `API-Version`, security and cache headers, problem+json for every error;
//! - [`state`]: the store and the read-mostly views handlers share;
//! - [`taal`]: the begrippenkader view (parsed schemes, versions, search index);
//! - [`auth`]: passwords, sessions, CSRF, API keys and the callers of requests;
//! - [`examples`]: the example data behind `--voorbeelddata`.
//!
//! Handlers talk to the store through the `Store` trait and never read files; loading data is
//! the CLI's job.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

pub mod api;
pub mod auth;
pub mod examples;
pub mod middleware;
pub mod params;
pub mod problem;
pub mod state;
pub mod taal;
pub mod web;

pub use state::AppState;

/// The whole application: the web pages, `/health`, `/api/v1/…` and the fallback (problem+json
/// under `/api`, a Dutch error page elsewhere).
pub fn app(state: AppState) -> Router {
    let (api, _) = api::router();
    Router::new()
        .route("/health", get(health))
        .nest("/api/v1", api)
        .merge(web::router())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::response_rules,
        ))
        .with_state(state)
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(TraceLayer::new_for_http())
}

/// The OpenAPI document, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().1
}

async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<Json<serde_json::Value>, problem::ApiError> {
    let loaded = state.store.regions_loaded().await?;
    Ok(Json(json!({
        "status": if loaded { "ok" } else { "leeg" },
        "database": state.store.backend(),
        "versie": env!("CARGO_PKG_VERSION"),
    })))
}

async fn not_found(
    axum::extract::State(state): axum::extract::State<AppState>,
    uri: axum::http::Uri,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if !middleware::is_api(uri.path()) {
        return web::layout::error(
            &state.web,
            axum::http::StatusCode::NOT_FOUND,
            &format!("Er is geen pagina op het adres {}.", uri.path()),
        );
    }
    let mut p = problem::Problem::new(
        axum::http::StatusCode::NOT_FOUND,
        format!("Er is geen resource op het pad {}.", uri.path()),
    );
    p.instance = Some(uri.path().to_string());
    p.into_response()
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
