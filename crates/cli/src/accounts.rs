// SPDX-License-Identifier: EUPL-1.2
//! `samenhang gebruiker …`: the first beheerder, further accounts, and API keys, from the
//! command line (for the first start, and for scripts). The same rules as the web pages: the
//! password is hashed with argon2id, keys are stored as hashes only, role changes are audited.

use samenhang_domain::access::{OrganisationKind, Role, UserRef};
use samenhang_domain::codes::LabourMarketRegionCode;
use samenhang_store::registers::{Organisation, User};
use samenhang_store::{Store, StoreError};

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

/// Who the command line acts as in the audit log.
fn cli_actor() -> UserRef {
    UserRef {
        id: String::new(),
        name: "samenhang (opdrachtregel)".into(),
    }
}

/// Creates the account (and the organisation when new) and gives the role. Returns the user id.
pub async fn add_user(store: &dyn Store, a: &NewAccount) -> anyhow::Result<String> {
    if let Some(problem) = samenhang_server::auth::password_problem(&a.password) {
        anyhow::bail!("{problem}");
    }
    let email = a.email.trim().to_lowercase();
    if !email.contains('@') || email.chars().any(char::is_whitespace) {
        anyhow::bail!("'{}' is geen e-mailadres", a.email);
    }
    if !samenhang_domain::access::valid_organisation_id(&a.organisation) {
        anyhow::bail!(
            "'{}' is geen geldig organisatie-id: gebruik kleine letters, cijfers en streepjes",
            a.organisation
        );
    }
    let actor = cli_actor();
    if store.organisation(&a.organisation).await?.is_none() {
        let org = Organisation {
            id: a.organisation.clone(),
            name: a.organisation_name.clone().unwrap_or_else(|| a.organisation.clone()),
            kind: a.kind,
            region: a.region,
            version: 1,
        };
        store.create_organisation(&org, &actor).await?;
    }
    let hash = samenhang_server::auth::hash_password(&a.password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let id = samenhang_server::auth::new_id();
    let user = User {
        id: id.clone(),
        email: email.clone(),
        name: a.name.trim().to_string(),
        password_hash: Some(hash),
        created_at: chrono::Utc::now(),
    };
    match store.create_user(&user).await {
        Ok(()) => {}
        Err(StoreError::Exists(_)) => anyhow::bail!("er is al een gebruiker met e-mailadres {email}"),
        Err(e) => return Err(e.into()),
    }
    store.set_role(&id, &a.organisation, Some(a.role), &actor).await?;
    Ok(id)
}

/// Makes an API key for the user with `email`; returns the key (shown once, stored as hash).
pub async fn new_api_key(store: &dyn Store, email: &str, name: &str) -> anyhow::Result<String> {
    let user = store
        .user_by_email(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("er is geen gebruiker met e-mailadres {email}"))?;
    let token = samenhang_server::auth::new_token();
    store
        .create_api_key(&samenhang_server::auth::token_hash(&token), &user.id, name)
        .await?;
    Ok(token)
}
