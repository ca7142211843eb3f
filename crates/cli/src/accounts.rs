// SPDX-License-Identifier: EUPL-1.2
//! `samenhang gebruiker …`: the first beheerder, further accounts, roles of existing users,
//! installation beheerders and API keys, from the command line. The command line acts as the
//! installation's operator and calls the same account functions as the API and the beheer pages
//! (`samenhang_app::accounts`), with the same checks.

use samenhang_app::accounts::{self, NewUser, OrganisationInput};
use samenhang_domain::access::{OrganisationKind, Role};
use samenhang_domain::codes::LabourMarketRegionCode;
use samenhang_store::Store;

/// What `gebruiker toevoegen` needs.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Work e-mail address (the login name).
    pub email: String,
    /// Display name.
    pub name: String,
    /// Password (at least 12 characters).
    pub password: String,
    /// Organisation id; created when missing (then `organisation_name` and `kind` apply).
    pub organisation: String,
    /// Name for a new organisation.
    pub organisation_name: Option<String>,
    /// Kind of a new organisation.
    pub kind: OrganisationKind,
    /// Arbeidsmarktregio of a new organisation.
    pub region: Option<LabourMarketRegionCode>,
    /// The role in the organisation.
    pub role: Role,
}

fn message(e: samenhang_app::AppError) -> anyhow::Error {
    match e {
        samenhang_app::AppError::Invalid(faults) => anyhow::anyhow!(
            "{}",
            faults
                .iter()
                .map(|f| format!("{}: {}", f.field, f.reason))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

/// Creates the account (and the organisation when new) and gives the role. Returns the user id.
pub async fn add_user(store: &dyn Store, a: &NewAccount) -> anyhow::Result<String> {
    let operator = accounts::command_line();
    if store.organisation(&a.organisation).await?.is_none() {
        let org = OrganisationInput {
            id: a.organisation.clone(),
            name: a.organisation_name.clone().unwrap_or_else(|| a.organisation.clone()),
            kind: a.kind,
            region: a.region,
        };
        accounts::create_organisation(store, &operator, &org)
            .await
            .map_err(message)?;
    }
    let new = NewUser {
        email: a.email.clone(),
        name: a.name.clone(),
        password: a.password.clone(),
        organisation: a.organisation.clone(),
        role: a.role,
    };
    accounts::add_user(store, &operator, &new).await.map_err(message)
}

/// Gives an existing user a role (or takes it away with `None`).
pub async fn set_role(store: &dyn Store, email: &str, organisation: &str, role: Option<Role>) -> anyhow::Result<()> {
    accounts::set_role(store, &accounts::command_line(), email, organisation, role)
        .await
        .map(|_| ())
        .map_err(message)
}

/// Makes an existing user an installation beheerder.
pub async fn make_installation_admin(store: &dyn Store, email: &str) -> anyhow::Result<()> {
    accounts::make_installation_admin(store, email).await.map_err(message)
}

/// Makes an API key for the user with `email`; returns the key (shown once, stored as hash).
pub async fn new_api_key(store: &dyn Store, email: &str, name: &str) -> anyhow::Result<String> {
    let user = store
        .user_by_email(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("er is geen gebruiker met e-mailadres {email}"))?;
    accounts::new_api_key(store, &user.id, name).await.map_err(message)
}
