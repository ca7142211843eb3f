// SPDX-License-Identifier: EUPL-1.2
//! Logging in and out, and the account page (who you are, your roles, API keys).
//!
//! Every form carries a CSRF token: on the login form the token of a cookie set with the form
//! (there is no session yet), on the others the session's own token. A form whose token does
//! not match is refused with 403 and changes nothing.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use samenhang_app::accounts as auth;
use samenhang_app::AppError;

use crate::web::caller::{self as cookies, WebCaller};
use crate::web::layout::{error, page, private, see_other};
use crate::web::WebState;

/// A submitted form as name → value (the last value of a repeated name wins).
pub(crate) fn form(body: &[u8]) -> HashMap<String, String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// Whether the form's `csrf` field matches the session's token.
pub(crate) fn csrf_ok(caller: &WebCaller, form: &HashMap<String, String>) -> bool {
    caller.csrf_matches(form.get("csrf").map_or("", String::as_str))
}

/// The 403 page for a form with a missing or wrong CSRF token.
pub(crate) fn forged(state: &WebState) -> Response {
    error(
        &state.web,
        StatusCode::FORBIDDEN,
        "Dit formulier is niet (meer) geldig: het komt niet van deze pagina of de sessie is verlopen. \
         Er is niets gewijzigd. Laad de pagina opnieuw en probeer het nog eens.",
    )
}

/// The hidden CSRF field of a session form.
pub(crate) fn csrf_field(caller: &WebCaller) -> Markup {
    html! { input type="hidden" name="csrf" value=(caller.csrf.clone().unwrap_or_default()); }
}

fn login_page(
    state: &WebState,
    status: StatusCode,
    token: &str,
    email: &str,
    message: Option<&str>,
    notice: Option<&str>,
) -> Markup {
    page(
        &state.web,
        "Inloggen",
        html! {
            h1 { "Inloggen" }
            p.lead { "Log in om de doelen, personen en afspraken van uw organisatie en regio te zien en te bewerken. "
                "Zonder account ziet u alleen wat openbaar is." }
            @if let Some(m) = notice {
                div.notice role="status" { p { (m) } }
            }
            @if let Some(m) = message {
                div.error role="alert" id="inlogfout" { p { (m) } }
            }
            form.account method="post" action="/inloggen" {
                input type="hidden" name="csrf" value=(token);
                div.field {
                    label for="email" { "E-mailadres" }
                    input type="email" id="email" name="email" autocomplete="username" required value=(email)
                        aria-describedby=[message.map(|_| "inlogfout")]
                        aria-invalid=[(status != StatusCode::OK).then_some("true")];
                }
                div.field {
                    label for="wachtwoord" { "Wachtwoord" }
                    input type="password" id="wachtwoord" name="wachtwoord" autocomplete="current-password" required;
                }
                button type="submit" { "Inloggen" }
            }
            p { a href="/wachtwoord-vergeten" { "Wachtwoord vergeten?" } }
            @let providers = samenhang_app::oidc::buttons(&state.app);
            @if !providers.is_empty() {
                h2 { "Of log in met het account van uw organisatie" }
                ul.oidc {
                    @for p in &providers {
                        li { a.button href=(format!("/inloggen/oidc/{}", p.id)) { "Inloggen met " (p.name) } }
                    }
                }
            }
        },
    )
}

/// A page for someone without a session, with a fresh CSRF cookie for its form: `body` gets the
/// token. Sent without a referrer (the invitation and reset pages have a secret in their address).
pub(crate) fn with_login_token(headers: &HeaderMap, status: StatusCode, body: impl FnOnce(&str) -> Markup) -> Response {
    let token = auth::new_token();
    let mut res = private(status, body(&token));
    let cookie = cookies::cookie(
        cookies::wants_secure_cookies(headers),
        cookies::LOGIN_CSRF_COOKIE,
        &token,
        3600,
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
        res.headers_mut().append(axum::http::header::SET_COOKIE, v);
    }
    res.headers_mut().insert(
        axum::http::header::REFERRER_POLICY,
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    res
}

/// Whether a posted form of a page without a session carries the token of its CSRF cookie.
pub(crate) fn login_csrf_ok(headers: &HeaderMap, f: &HashMap<String, String>) -> bool {
    let expected = cookies::cookie_value(headers, cookies::LOGIN_CSRF_COOKIE).unwrap_or("");
    let given = f.get("csrf").map(String::as_str).unwrap_or("");
    !expected.is_empty() && auth::same_secret(expected, given)
}

/// After a login: the session cookie, the login form's cookie gone, on to the account page.
pub(crate) fn logged_in(
    state: &WebState,
    headers: &HeaderMap,
    started: Result<(String, samenhang_store::accounts::Session), AppError>,
) -> Response {
    match started {
        Ok((token, _)) => {
            let secure = cookies::wants_secure_cookies(headers);
            see_other(
                "/account",
                &[
                    cookies::cookie(secure, cookies::SESSION_COOKIE, &token, auth::SESSION_SECONDS),
                    cookies::cookie(secure, cookies::LOGIN_CSRF_COOKIE, "", 0),
                ],
            )
        }
        Err(e) => crate::web::fail(state, e),
    }
}

/// `GET /inloggen/oidc/{id}`: on to the identity provider.
pub async fn oidc_begin(State(state): State<WebState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    match samenhang_app::oidc::begin(&state.app, &id).await {
        Ok(url) => see_other(&url, &[]),
        Err(e) => oidc_failed(&state, &headers, e),
    }
}

/// The login page again with what went wrong at the provider.
fn oidc_failed(state: &WebState, headers: &HeaderMap, e: AppError) -> Response {
    let (status, message) = match e {
        AppError::Unauthenticated(m) => (StatusCode::UNAUTHORIZED, m),
        AppError::Busy(m) => (StatusCode::SERVICE_UNAVAILABLE, m),
        AppError::Exists(m) => (StatusCode::CONFLICT, m),
        AppError::NotFound(m) => (StatusCode::NOT_FOUND, m),
        e => return crate::web::fail(state, e),
    };
    with_login_token(headers, status, |t| {
        login_page(state, status, t, "", Some(&message), None)
    })
}

/// `GET /inloggen/oidc/{id}/terug`: the provider's answer; a session when it holds.
pub async fn oidc_callback(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let params: HashMap<String, String> = form(q.as_deref().unwrap_or("").as_bytes());
    if let Some(error) = params.get("error") {
        tracing::info!(provider = %id, %error, "de identiteitsaanbieder gaf geen toestemming");
        let message = if error == "access_denied" {
            "U hebt het inloggen bij de aanbieder afgebroken of geweigerd. Er is niets gewijzigd."
        } else {
            "De identiteitsaanbieder gaf een fout terug. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder."
        };
        return oidc_failed(&state, &headers, AppError::Unauthenticated(message.into()));
    }
    let (Some(code), Some(st)) = (params.get("code"), params.get("state")) else {
        return oidc_failed(
            &state,
            &headers,
            AppError::Unauthenticated("Het antwoord van de identiteitsaanbieder mist de code of de state.".into()),
        );
    };
    match samenhang_app::oidc::complete(&state.app, &id, st, code).await {
        Ok(login) => logged_in(
            &state,
            &headers,
            auth::start_session_from(
                state.app.store(),
                &login.user.id,
                Some((&login.provider, &login.id_token)),
            )
            .await,
        ),
        Err(e) => oidc_failed(&state, &headers, e),
    }
}

/// `GET /inloggen`: the form, with a fresh CSRF cookie; `?hersteld` after a new password.
pub async fn login_form(State(state): State<WebState>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let notice = (q.as_deref() == Some("hersteld")).then_some("Uw nieuwe wachtwoord is opgeslagen. Log ermee in.");
    with_login_token(&headers, StatusCode::OK, |t| {
        login_page(&state, StatusCode::OK, t, "", None, notice)
    })
}

/// `POST /inloggen`: checks the CSRF token and the credentials (with the failed-login limit),
/// then starts a session.
pub async fn login(State(state): State<WebState>, headers: HeaderMap, body: Bytes) -> Response {
    let f = form(&body);
    if !login_csrf_ok(&headers, &f) {
        return forged(&state);
    }
    let expected = cookies::cookie_value(&headers, cookies::LOGIN_CSRF_COOKIE).unwrap_or("");
    let email = f.get("email").map(|s| s.trim()).unwrap_or("");
    let password = f.get("wachtwoord").map(String::as_str).unwrap_or("");
    let again = |status: StatusCode, message: &str| {
        private(status, login_page(&state, status, expected, email, Some(message), None))
    };
    if email.is_empty() || password.is_empty() {
        return again(StatusCode::BAD_REQUEST, "Vul uw e-mailadres en wachtwoord in.");
    }
    match auth::login(&state.app, email, password).await {
        Ok(user) => logged_in(&state, &headers, auth::start_session(state.app.store(), &user.id).await),
        Err(AppError::Unauthenticated(_)) => again(
            StatusCode::UNAUTHORIZED,
            "Het e-mailadres of het wachtwoord klopt niet. Na vijf mislukte pogingen moet u een kwartier wachten.",
        ),
        Err(AppError::TooMany { message, .. }) => again(StatusCode::TOO_MANY_REQUESTS, &message),
        Err(AppError::Busy(message)) => again(StatusCode::SERVICE_UNAVAILABLE, &message),
        Err(e) => crate::web::fail(&state, e),
    }
}

pub(crate) fn internal(state: &WebState, cause: &str) -> Response {
    tracing::error!(%cause, "interne fout");
    error(
        &state.web,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    )
}

/// `POST /uitloggen`: ends the session.
pub async fn logout(State(state): State<WebState>, caller: WebCaller, headers: HeaderMap, body: Bytes) -> Response {
    if !csrf_ok(&caller, &form(&body)) {
        return forged(&state);
    }
    let mut next = "/".to_string();
    if let Some(hash) = &caller.session_hash {
        // A session from an identity provider ends there too, where the provider offers it.
        if let Ok(Some(session)) = state.app.store().session(hash, 0).await {
            if let Some(provider) = &session.provider {
                if let Some(url) =
                    samenhang_app::oidc::logout_url(&state.app, provider, session.id_token.as_deref()).await
                {
                    next = url;
                }
            }
        }
        if let Err(e) = auth::end_session(state.app.store(), hash).await {
            return crate::web::fail(&state, e);
        }
    }
    see_other(
        &next,
        &[cookies::cookie(
            cookies::wants_secure_cookies(&headers),
            cookies::SESSION_COOKIE,
            "",
            0,
        )],
    )
}

/// `GET /account`: who you are and your roles; without a session, a link to log in.
pub async fn account(State(state): State<WebState>, caller: WebCaller) -> Response {
    render_account(&state, &caller, None).await
}

async fn render_account(state: &WebState, caller: &WebCaller, new_key: Option<&str>) -> Response {
    let Some(user) = &caller.principal.user else {
        return private(
            StatusCode::OK,
            page(
                &state.web,
                "Account",
                html! {
                    h1 { "Account" }
                    p { "U bent niet ingelogd. U ziet alleen wat openbaar is." }
                    p { a href="/inloggen" { "Inloggen" } }
                },
            ),
        );
    };
    let orgs = match state.app.store().organisations().await {
        Ok(o) => o,
        Err(e) => return internal(state, &e.to_string()),
    };
    let org_name = |id: &str| {
        orgs.iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    };
    let overdue = crate::web::pages::ondernemers::my_overdue(state, caller).await;
    private(
        StatusCode::OK,
        page(
            &state.web,
            "Account",
            html! {
                h1 { "Account van " (user.name) }
                @if let Some(key) = new_key {
                    div.notice role="status" {
                        p { "Uw nieuwe API-sleutel (alleen nu zichtbaar; bewaar hem goed):" }
                        p { code { (key) } }
                        p { "Gebruik hem als " code { "Authorization: Bearer <sleutel>" } " bij de API." }
                    }
                }
                h2 { "Uw rollen" }
                @if caller.principal.grants.is_empty() {
                    p { "U hebt nog geen rol bij een organisatie, en ziet daarom alleen wat openbaar is. "
                        "Vraag een beheerder van uw organisatie om een rol." }
                } @else {
                    div.scroll { table {
                        caption.visually-hidden { "Uw rollen per organisatie" }
                        thead { tr { th scope="col" { "Organisatie" } th scope="col" { "Rol" } th scope="col" { "Arbeidsmarktregio" } } }
                        tbody {
                            @for g in &caller.principal.grants {
                                tr {
                                    td { (org_name(&g.organisation)) }
                                    td { (g.role.as_str()) }
                                    td { (g.region.map(|r| r.to_string()).unwrap_or_else(|| "–".into())) }
                                }
                            }
                        }
                    } }
                }
                (overdue)
                @if caller.principal.is_admin() {
                    p { a href="/beheer/gebruikers" { "Gebruikers en rollen beheren" } }
                }
                p { a href="/beheer/csv" { "CSV-bestanden downloaden en inlezen" } }
                h2 { "API-sleutel" }
                p { "Met een API-sleutel kan een script namens u de API gebruiken, met uw rollen." }
                form.account method="post" action="/account/sleutels" {
                    (csrf_field(caller))
                    div.field {
                        label for="sleutelnaam" { "Waarvoor is de sleutel?" }
                        input type="text" id="sleutelnaam" name="naam" required maxlength="100" value="script";
                    }
                    button type="submit" { "Nieuwe API-sleutel maken" }
                }
                h2 { "Uitloggen" }
                form.account method="post" action="/uitloggen" {
                    (csrf_field(caller))
                    button type="submit" { "Uitloggen" }
                }
            },
        ),
    )
}

/// `POST /account/sleutels`: a new API key, shown once.
pub async fn new_key(State(state): State<WebState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    let Some(user) = &caller.principal.user else {
        return see_other("/inloggen", &[]);
    };
    let name = f.get("naam").map(|s| s.trim()).unwrap_or("");
    let token = match auth::new_api_key(state.app.store(), &user.id, name).await {
        Ok(t) => t,
        Err(AppError::Invalid(_)) => {
            return error(
                &state.web,
                StatusCode::BAD_REQUEST,
                "Geef de sleutel een naam van hoogstens 100 tekens.",
            )
        }
        Err(e) => return crate::web::fail(&state, e),
    };
    let mut res = render_account(&state, &caller, Some(&token)).await;
    *res.status_mut() = StatusCode::CREATED;
    res.into_response()
}

/// `POST /account/vergelijkingsgroep`: saves (or, with empty `leden`, forgets) the caller's own
/// comparison group, then goes back to the page it came from.
pub async fn save_group(State(state): State<WebState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    let members = f.get("leden").map(String::as_str).unwrap_or("");
    // Only back to a page of this site that compares; anything else goes to the account page.
    let back = f
        .get("terug")
        .map(String::as_str)
        .filter(|b| {
            (b.starts_with("/gemeenten/") || b.starts_with("/indicatoren/")) && !b.contains("//") && !b.contains('\\')
        })
        .unwrap_or("/account");
    match auth::save_own_group(&state.app, &caller.principal, members).await {
        Ok(Some(_)) if back != "/account" => see_other(
            &format!("{back}{}groep=eigen", if back.contains('?') { "&" } else { "?" }),
            &[],
        ),
        Ok(_) => see_other(back, &[]),
        Err(AppError::Invalid(faults)) => error(
            &state.web,
            StatusCode::BAD_REQUEST,
            &format!(
                "De vergelijkingsgroep is niet bewaard: {}",
                crate::web::reasons(&faults)
            ),
        ),
        Err(e) => crate::web::fail(&state, e),
    }
}
