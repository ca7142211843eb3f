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
use samenhang_domain::access::{Role, UserRef};
use samenhang_store::registers::User;
use samenhang_store::StoreError;

use crate::auth::{self, WebCaller};
use crate::state::AppState;
use crate::web::layout::{error, page, private, see_other};
use crate::web::pages::account::{csrf_field, csrf_ok, forged, form, internal};

fn gate(state: &AppState, caller: &WebCaller) -> Result<(UserRef, Vec<String>), Response> {
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
pub async fn users(State(state): State<AppState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let done = raw.as_deref().and_then(|q| match q {
        "gedaan=toegevoegd" => Some("De gebruiker is toegevoegd."),
        "gedaan=rol" => Some("De rol is gewijzigd."),
        _ => None,
    });
    render(&state, &caller, StatusCode::OK, done, None).await
}

async fn render(
    state: &AppState,
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
        state.store.roles(&orgs).await,
        state.store.users_without_role().await,
        state.store.organisations().await,
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
        table {
            caption { "Rollen in uw organisaties" }
            thead { tr { th scope="col" { "Naam" } th scope="col" { "E-mailadres" } th scope="col" { "Organisatie" } th scope="col" { "Rol" } } }
            tbody {
                @for r in &roles {
                    tr { td { (r.user.name) } td { (r.email) } td { (org_name(&r.organisation)) } td { (r.role.as_str()) } }
                }
            }
        }
        @if !loose.is_empty() {
            h2 { "Gebruikers zonder rol" }
            ul { @for u in &loose { li { (u.name) " (" (u.email) ")" } } }
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
        h2 { "Gebruiker toevoegen" }
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

/// `POST /beheer/gebruikers`: a new account with a role.
pub async fn add_user(State(state): State<AppState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    let (by, orgs) = match gate(&state, &caller) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let get = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let (name, email, org, role) = (get("naam"), get("email").to_lowercase(), get("organisatie"), get("rol"));
    let password = f.get("wachtwoord").cloned().unwrap_or_default();
    let mut faults = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        faults.push("Vul een naam in (hoogstens 200 tekens).".to_string());
    }
    if !email.contains('@') || email.chars().any(char::is_whitespace) || email.len() > 254 {
        faults.push("Vul een geldig e-mailadres in.".into());
    }
    if let Some(p) = auth::password_problem(&password) {
        faults.push(p);
    }
    if !orgs.contains(&org) {
        faults.push("Kies een organisatie die u beheert.".into());
    }
    let role = Role::parse(&role);
    if role.is_none() {
        faults.push("Kies de rol lezer, redacteur of beheerder.".into());
    }
    let (Some(role), true) = (role, faults.is_empty()) else {
        return render(&state, &caller, StatusCode::BAD_REQUEST, None, Some(&faults.join(" "))).await;
    };
    let hash = match tokio::task::spawn_blocking(move || auth::hash_password(&password)).await {
        Ok(Ok(h)) => h,
        Ok(Err(e)) => return internal(&state, &e),
        Err(e) => return internal(&state, &e.to_string()),
    };
    let user = User {
        id: auth::new_id(),
        email: email.clone(),
        name,
        password_hash: Some(hash),
        created_at: chrono::Utc::now(),
    };
    match state.store.create_user(&user).await {
        Ok(()) => {}
        Err(StoreError::Exists(_)) => {
            return render(
                &state,
                &caller,
                StatusCode::CONFLICT,
                None,
                Some(&format!(
                    "Er is al een gebruiker met e-mailadres {email}. Geef die een rol hieronder."
                )),
            )
            .await
        }
        Err(e) => return internal(&state, &e.to_string()),
    }
    if let Err(e) = state.store.set_role(&user.id, &org, Some(role), &by).await {
        return internal(&state, &e.to_string());
    }
    see_other("/beheer/gebruikers?gedaan=toegevoegd", &[])
}

/// `POST /beheer/rollen`: give, change or take away a role.
pub async fn set_role(State(state): State<AppState>, caller: WebCaller, body: Bytes) -> Response {
    let f = form(&body);
    if !csrf_ok(&caller, &f) {
        return forged(&state);
    }
    let (by, orgs) = match gate(&state, &caller) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let get = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let (email, org, role) = (get("email"), get("organisatie"), get("rol"));
    if !orgs.contains(&org) {
        return render(
            &state,
            &caller,
            StatusCode::FORBIDDEN,
            None,
            Some("U beheert deze organisatie niet."),
        )
        .await;
    }
    let role = match role.as_str() {
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
    let user = match state.store.user_by_email(&email).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return render(
                &state,
                &caller,
                StatusCode::BAD_REQUEST,
                None,
                Some(&format!("Er is geen gebruiker met e-mailadres ‘{email}’.")),
            )
            .await
        }
        Err(e) => return internal(&state, &e.to_string()),
    };
    if let Err(e) = state.store.set_role(&user.id, &org, role, &by).await {
        return internal(&state, &e.to_string());
    }
    see_other("/beheer/gebruikers?gedaan=rol", &[])
}
