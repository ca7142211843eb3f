// SPDX-License-Identifier: EUPL-1.2
//! Logging in with an OpenID Connect provider (`samenhang_oidc`): the use-case around the
//! protocol.
//!
//! - [`begin`]: the provider's authorization address; the state (only its hash), the PKCE
//!   verifier and the nonce wait in the database for ten minutes, so the callback may reach
//!   another server;
//! - [`complete`]: the state is taken (once), the code exchanged and the ID token verified; the
//!   user is found by issuer and subject (never by e-mail address alone), made on a first login
//!   without rights, and the roles in the organisations the provider's groups name follow the
//!   groups; the audit log names the provider as the one who granted them;
//! - [`logout_url`]: where the browser goes after the local session ended, to end the provider's.

use std::sync::Arc;

use samenhang_domain::access::{Role, UserRef};
use samenhang_oidc::{OidcError, Provider};
use samenhang_store::accounts::{OidcRequest, User};
use samenhang_store::StoreError;

use crate::accounts::{email_address, token_hash};
use crate::{App, AppError};

/// How long a started login may take at the provider.
pub const REQUEST_SECONDS: i64 = 600;

/// A provider as the login page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderButton {
    /// The id in the address.
    pub id: String,
    /// The name on the button.
    pub name: String,
}

/// The providers to log in with, in the order of the configuration.
pub fn buttons(app: &App) -> Vec<ProviderButton> {
    app.oidc()
        .providers()
        .iter()
        .map(|p| ProviderButton {
            id: p.settings.id.clone(),
            name: p.settings.name.clone(),
        })
        .collect()
}

fn provider(app: &App, id: &str) -> Result<Arc<Provider>, AppError> {
    app.oidc()
        .provider(id)
        .ok_or_else(|| AppError::NotFound(format!("Er is geen identiteitsaanbieder '{id}'.")))
}

/// The address the provider sends the browser back to.
pub fn callback(app: &App, id: &str) -> String {
    format!("{}/inloggen/oidc/{id}/terug", app.public_url())
}

fn unreachable(p: &Provider, e: &OidcError) -> AppError {
    tracing::warn!(provider = %p.settings.id, cause = %e, "inloggen bij de identiteitsaanbieder mislukt");
    match e {
        OidcError::Unreachable(_) => AppError::Busy(format!(
            "{} is op dit moment niet bereikbaar. Probeer het over een paar minuten opnieuw.",
            p.settings.name
        )),
        OidcError::Refused(_) => AppError::Unauthenticated(format!(
            "Het inloggen met {} is geweigerd: het antwoord van de aanbieder klopt niet. Probeer het opnieuw; \
             lukt het niet, neem dan contact op met de beheerder.",
            p.settings.name
        )),
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Starts a login at provider `id`: returns the address to send the browser to.
pub async fn begin(app: &App, id: &str) -> Result<String, AppError> {
    let p = provider(app, id)?;
    let start = p.begin(&callback(app, id)).await.map_err(|e| unreachable(&p, &e))?;
    app.store()
        .create_oidc_request(
            &token_hash(&start.state),
            &OidcRequest {
                provider: id.to_string(),
                verifier: start.verifier,
                nonce: start.nonce,
            },
            now() + REQUEST_SECONDS,
        )
        .await?;
    Ok(start.url)
}

/// A finished login.
#[derive(Debug)]
pub struct OidcLogin {
    /// The user.
    pub user: User,
    /// The provider's id.
    pub provider: String,
    /// The ID token, for the provider's logout.
    pub id_token: String,
}

/// The message for a state that is unknown, used or too old.
const STALE: &str = "Deze inlogpoging is verlopen of al gebruikt. Begin opnieuw bij Inloggen.";

/// Ends a login at provider `id` with the `state` and `code` of the callback.
pub async fn complete(app: &App, id: &str, state: &str, code: &str) -> Result<OidcLogin, AppError> {
    let p = provider(app, id)?;
    let store = app.store();
    let Some(request) = store.take_oidc_request(&token_hash(state), now()).await? else {
        return Err(AppError::Unauthenticated(STALE.into()));
    };
    if request.provider != id {
        return Err(AppError::Unauthenticated(STALE.into()));
    }
    let done = p
        .finish(&callback(app, id), code, &request.verifier, &request.nonce)
        .await
        .map_err(|e| unreachable(&p, &e))?;
    let who = &done.identity;
    let external = who.external_id();
    let name = who.name.clone().unwrap_or_else(|| who.subject.clone());
    let email = who
        .email
        .as_deref()
        .and_then(|e| email_address(e).ok())
        .unwrap_or_else(|| placeholder_email(id, &external));
    let user = match store.user_by_external_id(&external).await? {
        Some(user) => {
            if user.name != name || user.email != email {
                store.set_external_user(&user.id, &external, &name, &email).await?;
            }
            user
        }
        None => first_login(app, &p, &external, &name, &email).await?,
    };
    apply_groups(app, &p, &user, &who.groups).await?;
    tracing::info!(provider = %id, user = %user.id, "ingelogd via OIDC");
    Ok(OidcLogin {
        user,
        provider: id.to_string(),
        id_token: done.id_token,
    })
}

/// An address for a provider that gives none; `.invalid` never receives mail (RFC 2606).
fn placeholder_email(provider: &str, external: &str) -> String {
    let hash = token_hash(external);
    format!("oidc-{}@{provider}.invalid", &hash[..12.min(hash.len())])
}

/// The first login of an identity: a new account without rights (the group mapping may give
/// some), or, when the provider is trusted to verify addresses (`koppelen_op_email`), the
/// account with the same e-mail address that has no provider identity yet.
async fn first_login(app: &App, p: &Provider, external: &str, name: &str, email: &str) -> Result<User, AppError> {
    let store = app.store();
    let user = User {
        id: crate::records::new_id(),
        email: email.to_string(),
        name: name.to_string(),
        password_hash: None,
        external_id: Some(external.to_string()),
        created_at: samenhang_store::now(),
        installation_admin: false,
    };
    match store.create_user(&user).await {
        Ok(()) => return Ok(user),
        Err(StoreError::Exists(_)) => {}
        Err(e) => return Err(e.into()),
    }
    // Made at the same moment by another login of the same identity.
    if let Some(u) = store.user_by_external_id(external).await? {
        return Ok(u);
    }
    let Some(existing) = store.user_by_email(email).await? else {
        return Err(AppError::Busy(
            "Uw account kon niet worden gemaakt. Probeer het opnieuw.".into(),
        ));
    };
    if p.settings.link_by_email && existing.external_id.is_none() {
        store.set_external_user(&existing.id, external, name, email).await?;
        return Ok(existing);
    }
    Err(AppError::Exists(format!(
        "Er is al een account met het e-mailadres {email}. Log in met dat account, of vraag de beheerder van \
         de installatie om het te koppelen aan {}.",
        p.settings.name
    )))
}

/// Makes the user's roles in the organisations the provider's groups name follow `groups`.
/// An organisation that does not exist (yet) is skipped; a change that would leave an
/// organisation without a beheerder is refused by the store and logged.
async fn apply_groups(app: &App, p: &Provider, user: &User, groups: &[String]) -> Result<(), AppError> {
    let store = app.store();
    let wanted = p.settings.roles_for(groups);
    if wanted.is_empty() {
        return Ok(());
    }
    let now: Vec<(String, Role)> = store
        .grants(&user.id)
        .await?
        .into_iter()
        .map(|g| (g.organisation, g.role))
        .collect();
    let by = UserRef {
        id: format!("oidc:{}", p.settings.id),
        name: format!("{} (groepen)", p.settings.name),
    };
    for (org, role) in wanted {
        let current = now.iter().find(|(o, _)| *o == org).map(|(_, r)| *r);
        if current == role {
            continue;
        }
        match store.set_role(&user.id, &org, role, &by).await {
            Ok(()) => {}
            Err(StoreError::Missing(what)) => {
                tracing::warn!(provider = %p.settings.id, organisation = %org, %what, "groepsrol overgeslagen: onbekend");
            }
            Err(StoreError::LastAdmin(_)) => {
                tracing::warn!(provider = %p.settings.id, organisation = %org, "groepsrol niet ingetrokken: de laatste beheerder");
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// The provider's logout address for a session that came from provider `id` with `id_token`;
/// `None` when the provider has none. The browser comes back at the home page.
pub async fn logout_url(app: &App, id: &str, id_token: Option<&str>) -> Option<String> {
    let p = app.oidc().provider(id)?;
    p.logout_url(id_token, &format!("{}/", app.public_url())).await
}
