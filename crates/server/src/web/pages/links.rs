// SPDX-License-Identifier: EUPL-1.2
//! The pages of the one-time links: accepting an invitation (`/uitnodiging/{token}`), asking for
//! a new password (`/wachtwoord-vergeten`) and choosing it (`/wachtwoord-herstellen/{token}`).
//! These forms are for people without a session, so they carry the login form's CSRF cookie;
//! the pages send no referrer, so the token in their address goes nowhere else.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use samenhang_app::accounts as auth;
use samenhang_app::AppError;

use crate::web::layout::{page, see_other};
use crate::web::pages::account::{forged, form, logged_in, login_csrf_ok, with_login_token};
use crate::web::WebState;

fn problem_box(message: Option<&str>) -> Markup {
    html! { @if let Some(m) = message { div.error role="alert" id="fout" tabindex="-1" { p { (m) } } } }
}

fn password_fields(described: bool) -> Markup {
    html! {
        div.field {
            label for="wachtwoord" { "Wachtwoord (minstens " (auth::MIN_PASSWORD_CHARS) " tekens)" }
            input type="password" id="wachtwoord" name="wachtwoord" required autocomplete="new-password"
                minlength=(auth::MIN_PASSWORD_CHARS) aria-describedby=[described.then_some("fout")];
        }
        div.field {
            label for="herhaal" { "Nog een keer hetzelfde wachtwoord" }
            input type="password" id="herhaal" name="herhaal" required autocomplete="new-password";
        }
    }
}

fn invitation_page(state: &WebState, token: &str, link: &str, name: &str, problem: Option<&str>) -> Markup {
    page(
        &state.web,
        "Uitnodiging",
        html! {
            h1 { "Uw account in Samenhang" }
            p.lead { "U bent uitgenodigd. Kies uw naam zoals collega's die zien, en een wachtwoord. "
                "Hebt u al een account met dit e-mailadres, dan krijgt dat de nieuwe rol en blijft uw wachtwoord zoals het is." }
            (problem_box(problem))
            form.account method="post" action=(format!("/uitnodiging/{link}")) {
                input type="hidden" name="csrf" value=(token);
                div.field { label for="naam" { "Naam" } input type="text" id="naam" name="naam" required maxlength="200" value=(name) autocomplete="name"; }
                (password_fields(problem.is_some()))
                button type="submit" { "Account maken" }
            }
        },
    )
}

/// `GET /uitnodiging/{token}`
pub async fn invitation_form(State(state): State<WebState>, headers: HeaderMap, Path(link): Path<String>) -> Response {
    with_login_token(&headers, StatusCode::OK, |t| {
        invitation_page(&state, t, &link, "", None)
    })
}

/// `POST /uitnodiging/{token}`: makes the account (or adds the role) and logs in.
pub async fn accept(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(link): Path<String>,
    body: Bytes,
) -> Response {
    let f = form(&body);
    if !login_csrf_ok(&headers, &f) {
        return forged(&state);
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let again = |status: StatusCode, message: &str| {
        with_login_token(&headers, status, |t| {
            invitation_page(&state, t, &link, get("naam").trim(), Some(message))
        })
    };
    if get("wachtwoord") != get("herhaal") {
        return again(StatusCode::BAD_REQUEST, "De twee wachtwoorden zijn niet gelijk.");
    }
    match samenhang_app::links::accept_invitation(&state.app, &link, &get("naam"), &get("wachtwoord")).await {
        Ok(user) => logged_in(&state, &headers, auth::start_session(state.app.store(), &user.id).await),
        Err(AppError::Invalid(faults)) => again(StatusCode::BAD_REQUEST, &crate::web::reasons(&faults)),
        Err(AppError::NotFound(m)) => again(StatusCode::GONE, &m),
        Err(e) => crate::web::fail(&state, e),
    }
}

fn forgot_page(state: &WebState, token: &str, sent: bool) -> Markup {
    page(
        &state.web,
        "Wachtwoord vergeten",
        html! {
            h1 { "Wachtwoord vergeten" }
            @if sent {
                div.notice role="status" { p { "Als er een account is met dit e-mailadres, ontvangt u binnen enkele minuten een e-mail met een link "
                    "om een nieuw wachtwoord te kiezen. De link werkt één keer en één uur lang." } }
                p { a href="/inloggen" { "Terug naar inloggen" } }
            } @else {
                p.lead { "Vul het e-mailadres van uw account in. U krijgt een e-mail met een link om een nieuw wachtwoord te kiezen." }
                form.account method="post" action="/wachtwoord-vergeten" {
                    input type="hidden" name="csrf" value=(token);
                    div.field { label for="email" { "E-mailadres" } input type="email" id="email" name="email" required autocomplete="username"; }
                    button type="submit" { "Link versturen" }
                }
            }
        },
    )
}

/// `GET /wachtwoord-vergeten`
pub async fn forgot_form(State(state): State<WebState>, headers: HeaderMap) -> Response {
    with_login_token(&headers, StatusCode::OK, |t| forgot_page(&state, t, false))
}

/// `POST /wachtwoord-vergeten`: the same answer for every address.
pub async fn forgot(State(state): State<WebState>, headers: HeaderMap, body: Bytes) -> Response {
    let f = form(&body);
    if !login_csrf_ok(&headers, &f) {
        return forged(&state);
    }
    let email = f.get("email").cloned().unwrap_or_default();
    if let Err(e) = samenhang_app::links::request_reset(&state.app, &email).await {
        // The answer does not change; the log says what went wrong.
        tracing::warn!(cause = %e, "wachtwoordherstel niet verstuurd");
    }
    with_login_token(&headers, StatusCode::OK, |t| forgot_page(&state, t, true))
}

fn reset_page(state: &WebState, token: &str, link: &str, problem: Option<&str>) -> Markup {
    page(
        &state.web,
        "Nieuw wachtwoord",
        html! {
            h1 { "Nieuw wachtwoord" }
            p.lead { "Kies een nieuw wachtwoord. Daarna bent u overal uitgelogd en logt u in met het nieuwe wachtwoord." }
            (problem_box(problem))
            form.account method="post" action=(format!("/wachtwoord-herstellen/{link}")) {
                input type="hidden" name="csrf" value=(token);
                (password_fields(problem.is_some()))
                button type="submit" { "Wachtwoord opslaan" }
            }
        },
    )
}

/// `GET /wachtwoord-herstellen/{token}`
pub async fn reset_form(State(state): State<WebState>, headers: HeaderMap, Path(link): Path<String>) -> Response {
    with_login_token(&headers, StatusCode::OK, |t| reset_page(&state, t, &link, None))
}

/// `POST /wachtwoord-herstellen/{token}`
pub async fn reset(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(link): Path<String>,
    body: Bytes,
) -> Response {
    let f = form(&body);
    if !login_csrf_ok(&headers, &f) {
        return forged(&state);
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let again = |status: StatusCode, message: &str| {
        with_login_token(&headers, status, |t| reset_page(&state, t, &link, Some(message)))
    };
    if get("wachtwoord") != get("herhaal") {
        return again(StatusCode::BAD_REQUEST, "De twee wachtwoorden zijn niet gelijk.");
    }
    match samenhang_app::links::reset_password(&state.app, &link, &get("wachtwoord")).await {
        Ok(_) => see_other("/inloggen?hersteld", &[]),
        Err(AppError::Invalid(faults)) => again(StatusCode::BAD_REQUEST, &crate::web::reasons(&faults)),
        Err(AppError::NotFound(m)) => again(StatusCode::GONE, &m),
        Err(e) => crate::web::fail(&state, e),
    }
}
