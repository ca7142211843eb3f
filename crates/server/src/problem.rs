// SPDX-License-Identifier: EUPL-1.2
//! Errors as `application/problem+json` (RFC 9457), with the NL API Design Rules' `invalidParams`
//! extension listing every invalid parameter at once.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use samenhang_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of problem responses.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Een probleemmelding.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// URI die de soort probleem aanduidt.
    #[serde(rename = "type")]
    #[schema(example = "https://samenhang.nl/problemen/ongeldige-invoer")]
    pub type_: String,
    /// Korte, vaste omschrijving van de soort probleem.
    #[schema(example = "Ongeldige invoer")]
    pub title: String,
    /// HTTP status code.
    #[schema(example = 400)]
    pub status: u16,
    /// Wat er in dit geval misging.
    #[schema(example = "De parameter 'jaar' is ongeldig.")]
    pub detail: String,
    /// Het pad van het verzoek.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Elke ongeldige parameter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// Eén ongeldige parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvalidParam {
    /// Soort fout.
    #[serde(rename = "type")]
    #[schema(example = "https://samenhang.nl/problemen/ongeldige-parameter")]
    pub type_: String,
    /// Naam van de parameter.
    #[schema(example = "jaar")]
    pub name: String,
    /// Code van de fout voor programma's.
    #[schema(example = "range")]
    pub code: String,
    /// Wat er mis is, in het Nederlands.
    #[schema(example = "Het jaar moet tussen 2010 en 2026 liggen.")]
    pub reason: String,
}

impl InvalidParam {
    /// A fault in parameter `name`.
    pub fn new(name: &str, code: &str, reason: impl Into<String>) -> Self {
        InvalidParam {
            type_: "https://samenhang.nl/problemen/ongeldige-parameter".into(),
            name: name.into(),
            code: code.into(),
            reason: reason.into(),
        }
    }
}

impl Problem {
    /// A problem with the standard title for `status`.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        let (slug, title) = match status {
            StatusCode::BAD_REQUEST => ("ongeldige-invoer", "Ongeldige invoer"),
            StatusCode::NOT_FOUND => ("niet-gevonden", "Niet gevonden"),
            StatusCode::METHOD_NOT_ALLOWED => ("methode-niet-toegestaan", "Methode niet toegestaan"),
            StatusCode::NOT_ACCEPTABLE => ("niet-aanvaardbaar", "Niet aanvaardbaar"),
            StatusCode::PAYLOAD_TOO_LARGE => ("te-groot", "Verzoek te groot"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ("mediatype-niet-ondersteund", "Mediatype niet ondersteund"),
            StatusCode::FORBIDDEN => ("verboden", "Niet toegestaan"),
            StatusCode::CONFLICT => ("conflict", "Conflict"),
            StatusCode::PRECONDITION_FAILED => ("verouderd", "Versie verouderd"),
            StatusCode::PRECONDITION_REQUIRED => ("versie-vereist", "Versie vereist"),
            StatusCode::UNAUTHORIZED => ("niet-ingelogd", "Niet ingelogd"),
            StatusCode::TOO_MANY_REQUESTS => ("te-veel-verzoeken", "Te veel verzoeken"),
            StatusCode::REQUEST_TIMEOUT => ("te-traag", "Verzoek te traag"),
            StatusCode::SERVICE_UNAVAILABLE => ("niet-beschikbaar", "Dienst niet beschikbaar"),
            s if s.is_server_error() => ("interne-fout", "Interne fout"),
            _ => ("fout", "Fout"),
        };
        Problem {
            type_: format!("https://samenhang.nl/problemen/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail: detail.into(),
            instance: None,
            invalid_params: vec![],
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut res = (status, body).into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        res
    }
}

/// The error type of every handler.
#[derive(Debug)]
pub enum ApiError {
    /// One or more parameters are invalid (400).
    Invalid(Vec<InvalidParam>),
    /// The resource does not exist (404).
    NotFound(String),
    /// Something failed inside; logged, never shown (500).
    Internal(String),
    /// Any other client fault with its status (403, 409, 412, 428 …) and a Dutch detail.
    Status(StatusCode, String),
    /// Try again after this many seconds (429, 503), with `Retry-After`.
    Retry(StatusCode, String, u64),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::from(samenhang_app::AppError::from(e))
    }
}

impl From<samenhang_app::AppError> for ApiError {
    fn from(e: samenhang_app::AppError) -> Self {
        use samenhang_app::AppError as E;
        match e {
            E::Invalid(faults) => ApiError::Invalid(
                faults
                    .into_iter()
                    .map(|f| InvalidParam::new(&f.field, f.code, f.reason))
                    .collect(),
            ),
            E::NotFound(m) => ApiError::NotFound(m),
            E::Unauthenticated(m) => ApiError::Status(StatusCode::UNAUTHORIZED, m),
            E::Forbidden(m) => ApiError::Status(StatusCode::FORBIDDEN, m),
            E::Conflict { message, .. } => ApiError::Status(StatusCode::PRECONDITION_FAILED, message),
            E::VersionRequired(m) => ApiError::Status(StatusCode::PRECONDITION_REQUIRED, m),
            E::Exists(m) => ApiError::Status(StatusCode::CONFLICT, m),
            E::TooMany { message, retry_after } => ApiError::Retry(StatusCode::TOO_MANY_REQUESTS, message, retry_after),
            E::Busy(m) => ApiError::Retry(StatusCode::SERVICE_UNAVAILABLE, m, 2),
            E::Internal(source) => ApiError::Internal(source.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Invalid(params) => {
                let names: Vec<String> = params.iter().map(|p| format!("'{}'", p.name)).collect();
                let detail = if params.len() == 1 {
                    format!("De parameter {} is ongeldig: {}", names[0], params[0].reason)
                } else {
                    format!("De parameters {} zijn ongeldig; zie invalidParams.", names.join(", "))
                };
                let mut p = Problem::new(StatusCode::BAD_REQUEST, detail);
                p.invalid_params = params;
                p.into_response()
            }
            ApiError::NotFound(detail) => Problem::new(StatusCode::NOT_FOUND, detail).into_response(),
            ApiError::Status(status, detail) => Problem::new(status, detail).into_response(),
            ApiError::Retry(status, detail, seconds) => {
                let mut res = Problem::new(status, detail).into_response();
                res.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                res
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "interne fout");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
                )
                .into_response()
            }
        }
    }
}
