// SPDX-License-Identifier: EUPL-1.2
//! The caller of an API request: anonymous, or the user of the API key in
//! `Authorization: Bearer …`. The API reads no cookies, so a page elsewhere can never make a
//! logged-in browser write through it. A malformed or unknown key is refused (401), never
//! silently treated as anonymous.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use samenhang_app::Principal;

use crate::api::ApiState;
use crate::problem::ApiError;

/// The caller of an API request.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Principal);

impl FromRequestParts<ApiState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(ApiCaller(Principal::anonymous()));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 256)
            .ok_or_else(|| {
                ApiError::Status(
                    StatusCode::UNAUTHORIZED,
                    "Gebruik 'Authorization: Bearer <API-sleutel>'.".into(),
                )
            })?;
        Ok(ApiCaller(
            samenhang_app::accounts::api_caller(state.app.store(), token).await?,
        ))
    }
}
