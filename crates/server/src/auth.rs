// SPDX-License-Identifier: EUPL-1.2
//! Who is calling: passwords (argon2id), session cookies for the web pages, API keys for
//! scripts, CSRF tokens for forms, and the rate limit on failed logins.
//!
//! - The API reads only `Authorization: Bearer <API-sleutel>`; it ignores cookies, so a page on
//!   another site can never make a logged-in browser write through it.
//! - The web pages read the session cookie; every form carries a CSRF token that must match
//!   the session's (or, on the login form, a cookie set with the form).
//! - Tokens are 32 random bytes; the database stores only their SHA-256.
//!
//! Login is one function, [`login`], that turns credentials into a user; a later OIDC login
//! (Keycloak) ends in the same [`start_session`] with a user found by its external id, so the
//! session, CSRF and role handling do not change.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use samenhang_domain::access::{Principal, UserRef};
use samenhang_store::registers::{Session, User};
use samenhang_store::{Store, StoreError};
use sha2::{Digest, Sha256};

use crate::problem::ApiError;
use crate::state::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "samenhang_sessie";
/// Name of the cookie that carries the login form's CSRF token.
pub const LOGIN_CSRF_COOKIE: &str = "samenhang_inlogformulier";
/// How long a session lasts: 8 hours, one working day.
pub const SESSION_SECONDS: i64 = 8 * 3600;
/// Failed logins allowed per account within [`LOCKOUT_SECONDS`].
pub const MAX_FAILED_LOGINS: u64 = 5;
/// The window of the failed-login limit: 15 minutes.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A new random token (URL-safe hex, 64 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A new random id for a record (16 hex characters).
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Why a password is not accepted, in Dutch; `None` when it is.
pub fn password_problem(password: &str) -> Option<String> {
    (password.chars().count() < MIN_PASSWORD_CHARS)
        .then(|| format!("Kies een wachtwoord van minstens {MIN_PASSWORD_CHARS} tekens."))
}

/// Hashes a password with argon2id (default parameters, random salt) into a PHC string.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Why a login failed.
#[derive(Debug)]
pub enum LoginError {
    /// Unknown address or wrong password (the two are not told apart).
    Wrong,
    /// Too many failed attempts: wait.
    Locked,
    /// The store failed.
    Store(StoreError),
}

impl From<StoreError> for LoginError {
    fn from(e: StoreError) -> Self {
        LoginError::Store(e)
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Checks credentials, with the failed-login limit per account. A locked account is not even
/// checked, so guessing during the lock teaches nothing.
pub async fn login(store: &dyn Store, email: &str, password: &str) -> Result<User, LoginError> {
    let email = email.trim().to_lowercase();
    let now = now();
    if store.failed_logins(&email, now - LOCKOUT_SECONDS).await? >= MAX_FAILED_LOGINS {
        return Err(LoginError::Locked);
    }
    let user = store.user_by_email(&email).await?;
    let password = password.to_string();
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    // Verify even for unknown users (against a fixed hash) so timing does not reveal accounts.
    let ok = tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify_password(&password, &h),
        None => {
            let _ = verify_password(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false);
    match user {
        Some(u) if ok => {
            store.clear_failed_logins(&email).await?;
            Ok(u)
        }
        _ => {
            store.record_failed_login(&email, now, now - LOCKOUT_SECONDS).await?;
            Err(LoginError::Wrong)
        }
    }
}

/// An argon2id hash of a random token, made once, to refuse unknown accounts in the same time.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_token()).unwrap_or_default())
}

/// Starts a session for a user: returns the token for the cookie, and the session.
pub async fn start_session(store: &dyn Store, user_id: &str) -> Result<(String, Session), StoreError> {
    let token = new_token();
    let session = Session {
        user_id: user_id.to_string(),
        csrf: new_token(),
        expires_at: now() + SESSION_SECONDS,
    };
    store.create_session(&token_hash(&token), &session).await?;
    Ok((token, session))
}

/// The caller as a principal with its roles.
pub async fn principal(store: &dyn Store, user: &User) -> Result<Principal, StoreError> {
    Ok(Principal {
        user: Some(UserRef {
            id: user.id.clone(),
            name: user.name.clone(),
        }),
        grants: store.grants(&user.id).await?,
    })
}

/// A `Set-Cookie` value. `Secure` is left off only for plain HTTP on the loopback address
/// (local use), where browsers would refuse to send it back.
pub fn cookie(parts_secure: bool, name: &str, value: &str, max_age: i64) -> String {
    let secure = if parts_secure { "; Secure" } else { "" };
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

/// The caller of an API request: anonymous, or the user of the API key in
/// `Authorization: Bearer …`. A malformed or unknown key is refused (401), never silently
/// treated as anonymous.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Principal);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(ApiCaller(Principal::anonymous()));
        };
        let unauthorised = |detail: &str| ApiError::Status(StatusCode::UNAUTHORIZED, detail.to_string());
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| unauthorised("Gebruik 'Authorization: Bearer <API-sleutel>'."))?;
        let user_id = state
            .store
            .api_key_user(&token_hash(token))
            .await?
            .ok_or_else(|| unauthorised("Deze API-sleutel is onbekend of ingetrokken."))?;
        let user = state
            .store
            .user(&user_id)
            .await?
            .ok_or_else(|| unauthorised("Deze API-sleutel is onbekend of ingetrokken."))?;
        Ok(ApiCaller(principal(state.store.as_ref(), &user).await?))
    }
}

/// The caller of a web page: anonymous, or the user of the session cookie, with the session's
/// CSRF token for forms.
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

impl FromRequestParts<AppState> for WebCaller {
    type Rejection = axum::response::Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let anonymous = WebCaller {
            principal: Principal::anonymous(),
            csrf: None,
            session_hash: None,
        };
        let Some(token) = cookie_value(&parts.headers, SESSION_COOKIE) else {
            return Ok(anonymous);
        };
        let hash = token_hash(token);
        let fail = |e: StoreError| {
            tracing::error!(cause = %e, "sessie lezen");
            crate::web::layout::error(
                &state.web,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
            )
        };
        let Some(session) = state.store.session(&hash, now()).await.map_err(fail)? else {
            return Ok(anonymous);
        };
        let Some(user) = state.store.user(&session.user_id).await.map_err(fail)? else {
            return Ok(anonymous);
        };
        Ok(WebCaller {
            principal: principal(state.store.as_ref(), &user).await.map_err(fail)?,
            csrf: Some(session.csrf),
            session_hash: Some(hash),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("een lang wachtwoord").unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("een lang wachtwoord", &h));
        assert!(!verify_password("een ander wachtwoord", &h));
        assert!(!verify_password("x", "geen hash"));
        assert!(password_problem("kort").is_some());
        assert!(password_problem("twaalf tekens").is_none());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert_eq!(token_hash("x").len(), 64);
        assert_ne!(new_token(), new_token());
    }
}
