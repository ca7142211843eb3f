// SPDX-License-Identifier: EUPL-1.2
//! Who is calling a web page: anonymous, or the user of the session cookie, with the session's
//! CSRF token for its forms. Logging in, sessions and tokens themselves are
//! `samenhang_app::accounts`; this module only reads and writes the cookies.
//!
//! - Cookies are `HttpOnly`, `SameSite=Lax`, and `Secure` except for plain HTTP on the loopback
//!   address (local use).
//! - Every form carries a CSRF token that must match the session's (on the login form: a
//!   cookie set with the form).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use samenhang_app::accounts::{same_secret, token_hash};
use samenhang_app::Principal;

use crate::web::WebState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "samenhang_sessie";
/// Name of the cookie that carries the login form's CSRF token.
pub const LOGIN_CSRF_COOKIE: &str = "samenhang_inlogformulier";

/// A `Set-Cookie` value.
pub fn cookie(secure: bool, name: &str, value: &str, max_age: i64) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// Whether cookies for this request should carry `Secure`.
pub fn wants_secure_cookies(headers: &axum::http::HeaderMap) -> bool {
    if headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"))
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    !matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

/// The value of cookie `name` in the request.
pub fn cookie_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The caller of a web page.
#[derive(Debug, Clone)]
pub struct WebCaller {
    /// Who.
    pub principal: Principal,
    /// The session's CSRF token (logged in only).
    pub csrf: Option<String>,
    /// Hash of the session token (to end it).
    pub session_hash: Option<String>,
}

impl WebCaller {
    /// Whether `given` is this session's CSRF token (never without a session).
    pub fn csrf_matches(&self, given: &str) -> bool {
        self.csrf
            .as_deref()
            .is_some_and(|expected| same_secret(expected, given))
    }
}

impl FromRequestParts<WebState> for WebCaller {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Self::Rejection> {
        let anonymous = WebCaller {
            principal: Principal::anonymous(),
            csrf: None,
            session_hash: None,
        };
        let Some(token) = cookie_value(&parts.headers, SESSION_COOKIE) else {
            return Ok(anonymous);
        };
        match samenhang_app::accounts::session(state.app.store(), token).await {
            Ok(Some((principal, session))) => Ok(WebCaller {
                principal,
                csrf: Some(session.csrf),
                session_hash: Some(token_hash(token)),
            }),
            Ok(None) => Ok(anonymous),
            Err(e) => {
                tracing::error!(cause = %e, "sessie lezen");
                Err(crate::web::layout::error(
                    &state.web,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
                ))
            }
        }
    }
}
