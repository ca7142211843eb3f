// SPDX-License-Identifier: EUPL-1.2
//! User management for a beheerder: the people with a role in the organisations they
//! administer, a form to add an account, and a form to give, change or take away a role. Every
//! change is audited; every form carries the session's CSRF token.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_app::accounts::{self as auth, NewUser};
use samenhang_app::AppError;
use samenhang_domain::access::{Role, UserRef};

use crate::web::caller::WebCaller;
use crate::web::layout::{error, page, private, see_other};
use crate::web::pages::account::{csrf_field, csrf_ok, forged, form, internal};
use crate::web::WebState;

fn gate(state: &WebState, caller: &WebCaller) -> Result<(UserRef, Vec<String>), Response> {
    let Some(user) = caller.principal.user.clone() else {
        return Err(see_other("/inloggen", &[]));
    };
    let orgs = caller.principal.administered();
    if orgs.is_empty() {
        return Err(error(
            &state.web,
            StatusCode::FORBIDDEN,
            "Alleen een beheerder van een organisatie kan gebruikers en rollen beheren.",
        ));
    }
    Ok((user, orgs))
}

/// `GET /beheer/gebruikers`
pub async fn users(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let done = raw.as_deref().and_then(|q| match q {
        "gedaan=toegevoegd" => Some("De gebruiker is toegevoegd."),
        "gedaan=rol" => Some("De rol is gewijzigd."),
        "gedaan=uitgenodigd" => Some("De uitnodiging is verstuurd. De link werkt één keer en zeven dagen lang."),
        _ => None,
    });
    render(&state, &caller, StatusCode::OK, done, None).await
}

async fn render(
    state: &WebState,
    caller: &WebCaller,
    status: StatusCode,
    done: Option<&str>,
    problem: Option<&str>,
) -> Response {
    let (_, orgs) = match gate(state, caller) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (roles, loose, all_orgs) = match (
        state.app.store().roles(&orgs).await,
        state.app.store().users_without_role().await,
        state.app.store().organisations().await,
    ) {
        (Ok(r), Ok(l), Ok(o)) => (r, l, o),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return internal(state, &e.to_string()),
    };
    let org_name = |id: &str| {
        all_orgs
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    };
    let org_options = html! { @for o in &orgs { option value=(o) { (org_name(o)) } } };
    let body = html! {
        h1 { "Gebruikers en rollen" }
        p.lead { "Wie mag wat zien en doen in de organisaties die u beheert. Een lezer leest de gegevens van de organisatie, "
            "een redacteur bewerkt ze ook, een beheerder beheert ook de gebruikers. Zonder rol ziet iemand alleen wat openbaar is." }
        @if let Some(d) = done { div.notice role="status" { p { (d) } } }
        @if let Some(p) = problem { div.error role="alert" { p { (p) } } }
        table.stack {
            caption { "Rollen in uw organisaties" }
            thead { tr { th scope="col" { "Naam" } th scope="col" { "E-mailadres" } th scope="col" { "Organisatie" } th scope="col" { "Rol" } } }
            tbody {
                @for r in &roles {
                    tr { td data-label="Naam" { (r.user.name) } td data-label="E-mailadres" { (r.email) } td data-label="Organisatie" { (org_name(&r.organisation)) } td data-label="Rol" { (r.role.as_str()) } }
                }
            }
        }
        @if !loose.is_empty() {
            h2 { "Wachten op een rol" }
            p { "Deze gebruikers hebben een account, maar nog geen rol in een organisatie: ze zien alleen wat openbaar is. "
                "Geef ze hieronder een rol." }
            ul { @for u in &loose { li { (u.name) " (" (u.email) ")" @if u.external_id.is_some() { ", logt in via de identiteitsaanbieder van de organisatie" } } } }
        }
        h2 { "Rol geven, wijzigen of intrekken" }
        form.account method="post" action="/beheer/rollen" {
            (csrf_field(caller))
            div.field { label for="rol-email" { "E-mailadres" } input type="email" id="rol-email" name="email" required; }
            div.field { label for="rol-organisatie" { "Organisatie" } select id="rol-organisatie" name="organisatie" { (org_options) } }
            div.field {
                label for="rol-rol" { "Rol" }
                select id="rol-rol" name="rol" {
                    option value="lezer" { "lezer" } option value="redacteur" { "redacteur" }
                    option value="beheerder" { "beheerder" } option value="geen" { "geen rol (intrekken)" }
                }
            }
            button type="submit" { "Opslaan" }
        }
        h2 { "Iemand uitnodigen" }
        p { "De uitnodiging gaat per e-mail. Met de link maakt de collega zelf een account met een eigen wachtwoord; "
            "u hoeft geen wachtwoord door te geven." }
        form.account method="post" action="/beheer/uitnodigen" {
            (csrf_field(caller))
            div.field { label for="uitnodiging-naam" { "Naam" span.optional { " (niet verplicht)" } } input type="text" id="uitnodiging-naam" name="naam" maxlength="200"; }
            div.field { label for="uitnodiging-email" { "E-mailadres (werk)" } input type="email" id="uitnodiging-email" name="email" required; }
            div.field { label for="uitnodiging-organisatie" { "Organisatie" } select id="uitnodiging-organisatie" name="organisatie" { (org_options) } }
            div.field {
                label for="uitnodiging-rol" { "Rol" }
                select id="uitnodiging-rol" name="rol" { option value="lezer" { "lezer" } option value="redacteur" { "redacteur" } option value="beheerder" { "beheerder" } }
            }
            button type="submit" { "Uitnodiging versturen" }
        }
        h2 { "Gebruiker toevoegen met een wachtwoord" }
        form.account method="post" action="/beheer/gebruikers" {
            (csrf_field(caller))
            div.field { label for="nieuw-naam" { "Naam" } input type="text" id="nieuw-naam" name="naam" required maxlength="200"; }
            div.field { label for="nieuw-email" { "E-mailadres (werk)" } input type="email" id="nieuw-email" name="email" required; }
            div.field {
                label for="nieuw-wachtwoord" { "Eerste wachtwoord (minstens " (auth::MIN_PASSWORD_CHARS) " tekens)" }
                input type="password" id="nieuw-wachtwoord" name="wachtwoord" required autocomplete="new-password" minlength=(auth::MIN_PASSWORD_CHARS);
            }
            div.field { label for="nieuw-organisatie" { "Organisatie" } select id="nieuw-organisatie" name="organisatie" { (org_options) } }
            div.field {
                label for="nieuw-rol" { "Rol" }
                select id="nieuw-rol" name="rol" { option value="lezer" { "lezer" } option value="redacteur" { "redacteur" } option value="beheerder" { "beheerder" } }
            }
            button type="submit" { "Toevoegen" }
        }
    };
    private(status, page(&state.web, "Gebruikers en rollen", body))
}

/// `POST /beheer/gebruikers`: a new account with a role (the application's one "add a user").
pub async fn add_user(State(state): State<WebState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    if let Err(r) = gate(&state, &caller) {
        return r;
    }
    let get = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let Some(role) = Role::parse(&get("rol")) else {
        return render(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            None,
            Some("Kies de rol lezer, redacteur of beheerder."),
        )
        .await;
    };
    let new = NewUser {
        email: get("email"),
        name: get("naam"),
        password: f.get("wachtwoord").cloned().unwrap_or_default(),
        organisation: get("organisatie"),
        role,
    };
    let done = auth::add_user(state.app.store(), &caller.principal, &new).await;
    outcome(&state, &caller, done.map(|_| ()), "toegevoegd").await
}

/// The answer to a form of this page: back to the page with `?gedaan=…`, or the page again with
/// what is wrong (and a status that says so).
async fn outcome(state: &WebState, caller: &WebCaller, done: Result<(), AppError>, what: &str) -> Response {
    let (status, message) = match done {
        Ok(()) => return see_other(&format!("/beheer/gebruikers?gedaan={what}"), &[]),
        Err(AppError::Invalid(faults)) => (StatusCode::BAD_REQUEST, crate::web::reasons(&faults)),
        Err(AppError::Exists(m)) => (StatusCode::CONFLICT, m),
        Err(AppError::Forbidden(m)) => (StatusCode::FORBIDDEN, m),
        Err(AppError::Busy(m)) => (StatusCode::SERVICE_UNAVAILABLE, m),
        Err(e) => return crate::web::fail(state, e),
    };
    render(state, caller, status, None, Some(&message)).await
}

/// `POST /beheer/rollen`: give, change or take away a role (the application's one "set a role").
pub async fn set_role(State(state): State<WebState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    if let Err(r) = gate(&state, &caller) {
        return r;
    }
    let get = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let role = match get("rol").as_str() {
        "geen" => None,
        r => match Role::parse(r) {
            Some(r) => Some(r),
            None => {
                return render(
                    &state,
                    &caller,
                    StatusCode::BAD_REQUEST,
                    None,
                    Some("Kies een rol, of ‘geen rol’."),
                )
                .await
            }
        },
    };
    let done = auth::set_role(
        state.app.store(),
        &caller.principal,
        &get("email"),
        &get("organisatie"),
        role,
    )
    .await;
    outcome(&state, &caller, done.map(|_| ()), "rol").await
}

/// `POST /beheer/uitnodigen`: invites someone by e-mail to a role.
pub async fn invite(State(state): State<WebState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    if let Err(r) = gate(&state, &caller) {
        return r;
    }
    let get = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let Some(role) = Role::parse(&get("rol")) else {
        return render(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            None,
            Some("Kies de rol lezer, redacteur of beheerder."),
        )
        .await;
    };
    let done = samenhang_app::links::invite(
        &state.app,
        &caller.principal,
        &get("email"),
        &get("naam"),
        &get("organisatie"),
        role,
    )
    .await;
    outcome(&state, &caller, done.map(|_| ()), "uitgenodigd").await
}
