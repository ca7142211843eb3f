// SPDX-License-Identifier: EUPL-1.2
//! Cross-cutting response rules: the `API-Version` header, security headers, `Cache-Control`,
//! and problem+json for every error response, including those axum produces itself (404, 405).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::API_VERSION;
use crate::problem::{InvalidParam, Problem, PROBLEM_JSON};
use crate::serve::Limits;
use crate::web::Web;

/// Whether a path belongs to the API (JSON and problem+json) rather than the web pages.
pub fn is_api(path: &str) -> bool {
    path == "/health" || path == "/api" || path.starts_with("/api/")
}

/// The content security policy of the web pages: only our own stylesheets, no scripts from
/// elsewhere, inline SVG images allowed.
const PAGE_CSP: &str = "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/// Refusals before any handler runs: a body that declares more than the limit (413 at once,
/// without waiting for it), and a path or query with a NUL byte (400; no database stores one).
pub async fn request_rules(
    State((limits, web)): State<(Limits, std::sync::Arc<Web>)>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let page = !is_api(&path);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body as u64) {
        if page {
            let mut res = crate::web::layout::error(
                &web,
                StatusCode::PAYLOAD_TOO_LARGE,
                "Het verstuurde bestand is te groot.",
            );
            res.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return res;
        }
        let mut p = Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "Het verzoek is te groot: hoogstens {} MiB.",
                limits.max_body / (1024 * 1024)
            ),
        );
        p.instance = Some(path);
        let mut res = p.into_response();
        // The rest of the body is not read: close the connection after this answer.
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return res;
    }
    let uri = request.uri().to_string();
    if has_nul(&uri) {
        if page {
            return crate::web::layout::error(
                &web,
                StatusCode::BAD_REQUEST,
                "Het adres bevat een NUL-teken (%00); dat kan niet.",
            );
        }
        let mut p = Problem::new(
            StatusCode::BAD_REQUEST,
            "Het adres bevat een NUL-teken (%00); dat kan niet.",
        );
        p.invalid_params = vec![InvalidParam::new("uri", "format", "Verwijder het NUL-teken (%00).")];
        return p.into_response();
    }
    next.run(request).await
}

/// Whether a URI holds a NUL byte, also percent-encoded.
fn has_nul(uri: &str) -> bool {
    uri.contains('\0')
        || uri
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

/// The Dutch page or the problem for a path that has no route.
pub fn not_found(web: &Web, uri: &axum::http::Uri) -> Response {
    if !is_api(uri.path()) {
        return crate::web::layout::error(
            web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen pagina op het adres {}.", uri.path()),
        );
    }
    let mut p = Problem::new(
        StatusCode::NOT_FOUND,
        format!("Er is geen resource op het pad {}.", uri.path()),
    );
    p.instance = Some(uri.path().to_string());
    p.into_response()
}

/// Applies the response rules to every response.
pub async fn response_rules(State(web): State<std::sync::Arc<Web>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let api = is_api(&path);
    // Answers to a logged-in caller may hold records others may not see: never shared caches.
    let personal = request.headers().contains_key(header::AUTHORIZATION)
        || crate::web::caller::cookie_value(request.headers(), crate::web::caller::SESSION_COOKIE).is_some();
    let mut res = next.run(request).await;
    let status = res.status();
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    let is_problem = content_type.starts_with(PROBLEM_JSON.as_bytes());
    let is_html = content_type.starts_with(b"text/html");
    if (status.is_client_error() || status.is_server_error()) && !is_problem && !is_html {
        res = if api {
            fallback_problem(status, &method, &path, res)
        } else {
            fallback_page(&web, status, &method, &path, res)
        };
    }
    let h = res.headers_mut();
    h.insert("api-version", HeaderValue::from_static(API_VERSION));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if api {
            "default-src 'none'; frame-ancestors 'none'"
        } else {
            PAGE_CSP
        }),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::VARY, HeaderValue::from_static("Authorization, Cookie"));
    if !h.contains_key(header::CACHE_CONTROL) {
        // Region data changes only when the data is reloaded; errors are never cached.
        let value = if personal {
            "private, no-cache"
        } else if status.is_success() && method == Method::GET {
            "public, max-age=300"
        } else {
            "no-store"
        };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// A Dutch error page for errors axum produces itself on page routes (bad query string, 405).
fn fallback_page(web: &Web, status: StatusCode, method: &Method, path: &str, original: Response) -> Response {
    let message = match status {
        StatusCode::NOT_FOUND => format!("Er is geen pagina op het adres {path}."),
        StatusCode::METHOD_NOT_ALLOWED => format!("Deze pagina kan niet met {method} worden opgevraagd."),
        StatusCode::PAYLOAD_TOO_LARGE => "Het verstuurde bestand is te groot.".to_string(),
        StatusCode::REQUEST_TIMEOUT => "Het versturen duurde te lang. Probeer het opnieuw.".to_string(),
        s if s.is_server_error() => "Er ging iets mis aan onze kant. Probeer het later opnieuw.".to_string(),
        _ => "Het adres van deze pagina klopt niet: controleer de gegevens in de adresregel of het formulier."
            .to_string(),
    };
    let res = crate::web::layout::error(web, status, &message);
    keep_headers(&original, res)
}

/// Carries the original error's headers (such as `Allow` on a 405) over to its replacement.
fn keep_headers(original: &Response, mut res: Response) -> Response {
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            res.headers_mut().insert(name.clone(), value.clone());
        }
    }
    res
}

fn fallback_problem(status: StatusCode, method: &Method, path: &str, original: Response) -> Response {
    let detail = match status {
        StatusCode::NOT_FOUND => format!("Er is geen resource op het pad {path}."),
        StatusCode::METHOD_NOT_ALLOWED => format!("De methode {method} is niet toegestaan op {path}."),
        StatusCode::PAYLOAD_TOO_LARGE => "Het verzoek is te groot.".to_string(),
        StatusCode::REQUEST_TIMEOUT => "Het verzoek kwam te traag binnen.".to_string(),
        s if s.is_server_error() => "Er ging iets mis aan onze kant. Probeer het later opnieuw.".to_string(),
        _ => format!("Het verzoek {method} {path} kon niet worden verwerkt."),
    };
    let mut problem = Problem::new(status, detail);
    problem.instance = Some(path.to_string());
    let res = problem.into_response();
    keep_headers(&original, res)
}

/// Turns a panic in a handler into a 500 problem instead of a dropped connection.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("handler panicked");
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    )
    .into_response()
}
