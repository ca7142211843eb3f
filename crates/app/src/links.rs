// SPDX-License-Identifier: EUPL-1.2
//! Invitations and password resets by one-time link.
//!
//! - A beheerder invites someone by e-mail to a role in an organisation they administer: a link
//!   that works once and expires after seven days. Opening it asks for a name and a password and
//!   makes the account (or, for an address that has one, adds the role).
//! - "Wachtwoord vergeten": whoever types an address gets the same answer; only an address with
//!   an account that logs in with a password gets a link, which works once and expires after an
//!   hour. A new password ends every session of the account.
//!
//! Only the hash of a token is stored; the token travels in the mail. Using a link is one
//! statement in the store, so two uses at once have one winner. Mail goes through the
//! [`Outbox`] the application was given (SMTP, or a file in the data directory).

use futures_util::future::BoxFuture;
use samenhang_domain::access::{Principal, Role};
use samenhang_store::accounts::{LinkKind, OneTimeLink, User};
use samenhang_store::StoreError;

use crate::accounts::{check_on_worker, email_address, hash_password, new_token, password_problem, token_hash};
use crate::error::fault;
use crate::records::require_user;
use crate::{App, AppError};

/// How long an invitation works.
pub const INVITATION_SECONDS: i64 = 7 * 86_400;
/// How long a reset link works.
pub const RESET_SECONDS: i64 = 3_600;
/// How many reset links one address gets per hour (more requests get the same answer, and no
/// mail).
pub const RESETS_PER_HOUR: u64 = 3;

/// A mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The address.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The text (plain).
    pub body: String,
}

/// Where mail goes: SMTP, or a folder (the command line wires one in).
pub trait Outbox: Send + Sync {
    /// Sends one mail; the error is for the log (it may name the server, never a secret).
    fn send<'a>(&'a self, mail: &'a Mail) -> BoxFuture<'a, Result<(), String>>;
}

/// The outbox of an application that was given none: every mail fails, with a reason for the
/// log.
#[derive(Debug, Clone, Copy)]
pub struct NoOutbox;

impl Outbox for NoOutbox {
    fn send<'a>(&'a self, _mail: &'a Mail) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async { Err("er is geen uitgaande e-mail ingesteld".to_string()) })
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The link for a token: the installation's public address, the path and the token.
fn link(app: &App, path: &str, token: &str) -> String {
    format!("{}/{path}/{token}", app.public_url())
}

async fn send(app: &App, mail: Mail) -> Result<(), AppError> {
    app.outbox().send(&mail).await.map_err(|e| {
        tracing::error!(cause = %e, "e-mail niet verstuurd");
        AppError::Busy("De e-mail kon niet worden verstuurd. Probeer het later opnieuw.".into())
    })
}

/// Invites `email` (named `name`) to `role` in `organisation`, which the caller administers;
/// sends the link. Returns the address as checked.
pub async fn invite(
    app: &App,
    caller: &Principal,
    email: &str,
    name: &str,
    organisation: &str,
    role: Role,
) -> Result<String, AppError> {
    let by = require_user(caller)?.clone();
    let mut faults = Vec::new();
    let email = match email_address(email) {
        Ok(e) => e,
        Err(reason) => {
            faults.push(fault("email", "format", reason));
            String::new()
        }
    };
    let name = name.trim().to_string();
    if name.chars().count() > 200 || name.contains('\0') {
        faults.push(fault("naam", "range", "Gebruik hoogstens 200 tekens."));
    }
    let org = if !caller.installation_admin && !caller.is_admin_of(organisation) {
        faults.push(fault("organisatie", "forbidden", "Kies een organisatie die u beheert."));
        None
    } else {
        match app.store().organisation(organisation).await? {
            Some(o) => Some(o),
            None => {
                faults.push(fault(
                    "organisatie",
                    "unknown",
                    format!("Er is geen organisatie met id '{organisation}'."),
                ));
                None
            }
        }
    };
    let Some(org) = org.filter(|_| faults.is_empty()) else {
        return Err(AppError::Invalid(faults));
    };
    let token = new_token();
    let created = now();
    app.store()
        .create_link(&OneTimeLink {
            token_hash: token_hash(&token),
            kind: LinkKind::Invitation,
            email: email.clone(),
            name: name.clone(),
            organisation: Some(org.id.clone()),
            role: Some(role),
            created_by: Some(by.id.clone()),
            created_at: created,
            expires_at: created + INVITATION_SECONDS,
        })
        .await?;
    let greeting = if name.is_empty() {
        "Beste".to_string()
    } else {
        format!("Beste {name}")
    };
    send(
        app,
        Mail {
            to: email.clone(),
            subject: format!("Uitnodiging voor Samenhang van {}", org.name),
            body: format!(
                "{greeting},\n\n{} nodigt u uit voor Samenhang, als {} bij {}.\n\nMaak uw account met deze link; \
                 die werkt één keer en tot {}:\n\n{}\n\nVerwachtte u deze uitnodiging niet, dan kunt u deze e-mail \
                 negeren.\n",
                by.name,
                role_word(role),
                org.name,
                day(created + INVITATION_SECONDS),
                link(app, "uitnodiging", &token)
            ),
        },
    )
    .await?;
    Ok(email)
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::Reader => "lezer",
        Role::Editor => "redacteur",
        Role::Admin => "beheerder",
    }
}

fn day(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.format("%d-%m-%Y %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// The message of a link that does not work (any more).
const SPENT: &str = "Deze link werkt niet (meer): hij is al gebruikt of verlopen. Vraag om een nieuwe.";

/// Accepts an invitation: makes the account with `name` and `password` and the role, or adds
/// the role to the account the address has. Every fault at once; the link is only used up when
/// the input is right. Returns the user.
pub async fn accept_invitation(app: &App, token: &str, name: &str, password: &str) -> Result<User, AppError> {
    let store = app.store();
    let mut faults = Vec::new();
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 || name.contains('\0') {
        faults.push(fault("naam", "required", "Vul uw naam in (hoogstens 200 tekens)."));
    }
    if let Some(p) = password_problem(password) {
        faults.push(fault("wachtwoord", "range", p));
    }
    if !faults.is_empty() {
        return Err(AppError::Invalid(faults));
    }
    let password = password.to_string();
    let hash = check_on_worker(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?
        .map_err(AppError::internal)?;
    let Some(l) = store.use_link(&token_hash(token), LinkKind::Invitation, now()).await? else {
        return Err(AppError::NotFound(SPENT.into()));
    };
    // The role is granted in the inviter's name (the audit log says who invited).
    let inviter = match &l.created_by {
        Some(id) => store.user(id).await?,
        None => None,
    };
    let by = samenhang_domain::access::UserRef {
        id: l.created_by.clone().unwrap_or_default(),
        name: inviter.map_or_else(|| "uitnodiging".to_string(), |u| u.name),
    };
    let user = match store.user_by_email(&l.email).await? {
        Some(u) => u,
        None => {
            let user = User {
                id: crate::records::new_id(),
                email: l.email.clone(),
                name,
                password_hash: Some(hash),
                external_id: None,
                created_at: samenhang_store::now(),
                installation_admin: false,
            };
            match store.create_user(&user).await {
                Ok(()) => user,
                // Made at the same moment by another use: take that account.
                Err(StoreError::Exists(_)) => store
                    .user_by_email(&l.email)
                    .await?
                    .ok_or_else(|| AppError::NotFound(SPENT.into()))?,
                Err(e) => return Err(e.into()),
            }
        }
    };
    if let (Some(org), Some(role)) = (&l.organisation, l.role) {
        store.set_role(&user.id, org, Some(role), &by).await?;
    }
    Ok(user)
}

/// "Wachtwoord vergeten": sends a reset link when `email` has an account that logs in with a
/// password, and nothing otherwise; the caller gets the same answer either way.
pub async fn request_reset(app: &App, email: &str) -> Result<(), AppError> {
    let Ok(email) = email_address(email) else {
        return Ok(());
    };
    let store = app.store();
    let Some(user) = store.user_by_email(&email).await? else {
        return Ok(());
    };
    if user.password_hash.is_none() {
        return Ok(());
    }
    // The count and the new link under one lock: requests at once stay within the limit.
    let held = app.exclusive_scope("wachtwoordherstel").await?;
    let created = now();
    if store.count_links(&email, LinkKind::Reset, created - 3_600).await? >= RESETS_PER_HOUR {
        return Ok(());
    }
    let token = new_token();
    store
        .create_link(&OneTimeLink {
            token_hash: token_hash(&token),
            kind: LinkKind::Reset,
            email: email.clone(),
            name: user.name.clone(),
            organisation: None,
            role: None,
            created_by: None,
            created_at: created,
            expires_at: created + RESET_SECONDS,
        })
        .await?;
    drop(held);
    send(
        app,
        Mail {
            to: email,
            subject: "Nieuw wachtwoord voor Samenhang".into(),
            body: format!(
                "Beste {},\n\nIemand heeft gevraagd om een nieuw wachtwoord voor uw account in Samenhang. Kies een nieuw \
                 wachtwoord met deze link; die werkt één keer en tot {}:\n\n{}\n\nHebt u dit niet gevraagd, dan kunt u \
                 deze e-mail negeren: uw wachtwoord blijft zoals het is.\n",
                user.name,
                day(created + RESET_SECONDS),
                link(app, "wachtwoord-herstellen", &token)
            ),
        },
    )
    .await
}

/// Sets a new password with a reset link, and ends every session of the account. Returns the
/// user.
pub async fn reset_password(app: &App, token: &str, password: &str) -> Result<User, AppError> {
    if let Some(p) = password_problem(password) {
        return Err(AppError::Invalid(vec![fault("wachtwoord", "range", p)]));
    }
    let password = password.to_string();
    let hash = check_on_worker(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?
        .map_err(AppError::internal)?;
    let store = app.store();
    let Some(l) = store.use_link(&token_hash(token), LinkKind::Reset, now()).await? else {
        return Err(AppError::NotFound(SPENT.into()));
    };
    let user = store
        .user_by_email(&l.email)
        .await?
        .ok_or_else(|| AppError::NotFound(SPENT.into()))?;
    store.set_password(&user.id, &hash).await?;
    store.delete_sessions_of(&user.id).await?;
    store.clear_login_attempts(&user.email).await?;
    Ok(user)
}
