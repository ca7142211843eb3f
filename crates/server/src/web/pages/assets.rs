// SPDX-License-Identifier: EUPL-1.2
//! The stylesheets: the page styles and the configured theme's tokens.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::web::WebState;

fn css(body: String) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    res
}

/// `GET /static/samenhang.css`.
pub async fn styles() -> Response {
    css(crate::web::STYLES.to_string())
}

/// `GET /static/thema.css`: the theme's token stylesheet.
pub async fn theme(State(state): State<WebState>) -> Response {
    css(state.web.theme_css.clone())
}
