// SPDX-License-Identifier: EUPL-1.2
//! Organisations, users, roles, sessions, API keys and login attempts ([`AccountStore`]), with
//! the SQL both backends share (`accounts_impl!`).
//!
//! Two rules are kept here, in the same transaction as the change, because only the database
//! sees every concurrent request:
//! - a login attempt is counted and the count returned in one statement, so parallel attempts
//!   cannot all pass the limit;
//! - a role change that would leave an organisation without a beheerder is refused.

use std::collections::HashMap;

use async_trait::async_trait;
use samenhang_domain::access::{Grant, OrganisationKind, Role, UserRef};
use samenhang_domain::codes::LabourMarketRegionCode;

use crate::StoreError;

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Id (kebab-case, e.g. `gemeente-enschede`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrganisationKind,
    /// Its arbeidsmarktregio: who shares its `regio` records.
    pub region: Option<LabourMarketRegionCode>,
    /// Version, from 1.
    pub version: i64,
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: String,
    /// Work e-mail address, the login name.
    pub email: String,
    /// Display name.
    pub name: String,
    /// argon2id PHC string; `None` when the account logs in elsewhere.
    pub password_hash: Option<String>,
    /// The identity at an OpenID Connect provider (issuer and subject), for an account that
    /// logs in there.
    pub external_id: Option<String>,
    /// When it was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Whether the user manages the installation: may set the arbeidsmarktregio of any
    /// organisation (which decides who reads its `regio` records).
    pub installation_admin: bool,
}

/// A role of a user in an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAssignment {
    /// The user.
    pub user: UserRef,
    /// The user's e-mail address.
    pub email: String,
    /// Organisation id.
    pub organisation: String,
    /// The role.
    pub role: Role,
}

/// A login session (the token itself is never stored, only its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The user.
    pub user_id: String,
    /// The CSRF token of the session's forms.
    pub csrf: String,
    /// Unix seconds after which the session is void.
    pub expires_at: i64,
    /// The OpenID Connect provider the user logged in with (`None`: a password).
    pub provider: Option<String>,
    /// The provider's ID token, for its logout.
    pub id_token: Option<String>,
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// An invitation to make an account with a role.
    Invitation,
    /// A new password for an existing account.
    Reset,
}

impl LinkKind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Invitation => "uitnodiging",
            LinkKind::Reset => "herstel",
        }
    }
}

/// A one-time link (only its token's hash is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeLink {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// What it is for.
    pub kind: LinkKind,
    /// The address it went to.
    pub email: String,
    /// The name the inviter gave.
    pub name: String,
    /// An invitation: the organisation.
    pub organisation: Option<String>,
    /// An invitation: the role.
    pub role: Option<Role>,
    /// Who made it (user id).
    pub created_by: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds after which it is void.
    pub expires_at: i64,
}

/// An OpenID Connect login between the redirect to the provider and its callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcRequest {
    /// The provider's id.
    pub provider: String,
    /// The PKCE code verifier.
    pub verifier: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
}

/// Accounts and access.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an organisation (version 1); [`StoreError::Exists`] when the id is taken.
    async fn create_organisation(&self, org: &Organisation, by: &UserRef) -> Result<(), StoreError>;
    /// Changes an organisation if its version is `expected`; returns the new version.
    async fn update_organisation(&self, org: &Organisation, expected: i64, by: &UserRef) -> Result<i64, StoreError>;
    /// Every organisation, by name.
    async fn organisations(&self) -> Result<Vec<Organisation>, StoreError>;
    /// One organisation.
    async fn organisation(&self, id: &str) -> Result<Option<Organisation>, StoreError>;
    /// The names of those of `ids` that are organisations.
    async fn organisation_names(&self, ids: &[String]) -> Result<HashMap<String, String>, StoreError>;

    /// Creates a user; [`StoreError::Exists`] when the e-mail address is taken.
    async fn create_user(&self, user: &User) -> Result<(), StoreError>;
    /// A user by e-mail address (case-insensitive).
    async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError>;
    /// A user by id.
    async fn user(&self, id: &str) -> Result<Option<User>, StoreError>;
    /// Sets a user's password hash.
    async fn set_password(&self, user_id: &str, hash: &str) -> Result<(), StoreError>;
    /// Makes a user an installation beheerder (or not); audited.
    async fn set_installation_admin(&self, user_id: &str, on: bool, by: &UserRef) -> Result<(), StoreError>;
    /// A user's roles, with each organisation's arbeidsmarktregio.
    async fn grants(&self, user_id: &str) -> Result<Vec<Grant>, StoreError>;
    /// Gives (`Some`) or takes away (`None`) a user's role in an organisation; audited.
    /// [`StoreError::LastAdmin`] when it would leave the organisation without a beheerder.
    async fn set_role(
        &self,
        user_id: &str,
        organisation: &str,
        role: Option<Role>,
        by: &UserRef,
    ) -> Result<(), StoreError>;
    /// The roles in the given organisations, by organisation and user name.
    async fn roles(&self, organisations: &[String]) -> Result<Vec<RoleAssignment>, StoreError>;
    /// Users without any role (only a beheerder sees these, to grant them one).
    async fn users_without_role(&self) -> Result<Vec<User>, StoreError>;

    /// Stores a session.
    async fn create_session(&self, token_hash: &str, session: &Session) -> Result<(), StoreError>;
    /// A session that has not expired at `now` (Unix seconds).
    async fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>, StoreError>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of a user (after a new password).
    async fn delete_sessions_of(&self, user_id: &str) -> Result<(), StoreError>;
    /// Stores a one-time link.
    async fn create_link(&self, link: &OneTimeLink) -> Result<(), StoreError>;
    /// Uses a one-time link: marks it used at `now` and returns it, in one statement, if it is of
    /// `kind`, unused and not expired; otherwise `None` (so two uses at once have one winner).
    async fn use_link(&self, token_hash: &str, kind: LinkKind, now: i64) -> Result<Option<OneTimeLink>, StoreError>;
    /// How many links of `kind` went to `email` since `since` (Unix seconds).
    async fn count_links(&self, email: &str, kind: LinkKind, since: i64) -> Result<u64, StoreError>;
    /// A user by the id an identity provider gives (`issuer|subject`).
    async fn user_by_external_id(&self, external_id: &str) -> Result<Option<User>, StoreError>;
    /// Links a user to an identity provider's id, and sets the name and e-mail address the
    /// provider gives.
    async fn set_external_user(
        &self,
        user_id: &str,
        external_id: &str,
        name: &str,
        email: &str,
    ) -> Result<(), StoreError>;
    /// Stores the state of an OpenID Connect login until `expires_at`.
    async fn create_oidc_request(
        &self,
        state_hash: &str,
        request: &OidcRequest,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// Takes (and removes) the state of an OpenID Connect login, if it has not expired at `now`.
    async fn take_oidc_request(&self, state_hash: &str, now: i64) -> Result<Option<OidcRequest>, StoreError>;
    /// Stores an API key for a user.
    async fn create_api_key(&self, token_hash: &str, user_id: &str, name: &str) -> Result<(), StoreError>;
    /// The user of an API key.
    async fn api_key_user(&self, token_hash: &str) -> Result<Option<String>, StoreError>;

    /// Counts one login attempt for `key` (an e-mail address) and returns how many there were in
    /// the current window, this one included. The window starts with the first attempt after
    /// `window_start` (Unix seconds) and the count is taken in the same statement as the
    /// increment, so parallel attempts each get their own number.
    async fn count_login_attempt(&self, key: &str, now: i64, window_start: i64) -> Result<u64, StoreError>;
    /// Forgets the attempts of `key` (after a successful login).
    async fn clear_login_attempts(&self, key: &str) -> Result<(), StoreError>;
    /// Forgets every window that began before `before`.
    async fn prune_login_attempts(&self, before: i64) -> Result<(), StoreError>;
    /// The user's saved own comparison group (gemeentecodes, comma separated).
    async fn own_group(&self, user_id: &str) -> Result<Option<String>, StoreError>;
    /// Saves (or, with `None`, forgets) the user's own comparison group.
    async fn set_own_group(&self, user_id: &str, members: Option<&str>) -> Result<(), StoreError>;
}

#[derive(sqlx::FromRow)]
pub(crate) struct OrganisationRow {
    id: String,
    naam: String,
    soort: String,
    regio: Option<String>,
    versie: i64,
}

impl TryFrom<OrganisationRow> for Organisation {
    type Error = StoreError;
    fn try_from(r: OrganisationRow) -> Result<Organisation, StoreError> {
        Ok(Organisation {
            id: r.id,
            name: r.naam,
            kind: OrganisationKind::parse(&r.soort)
                .ok_or_else(|| StoreError::Corrupt(format!("soort organisatie '{}'", r.soort)))?,
            region: parse_region(r.regio)?,
            version: r.versie,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: String,
    email: String,
    naam: String,
    wachtwoord: Option<String>,
    extern_id: Option<String>,
    aangemaakt_op: chrono::DateTime<chrono::Utc>,
    installatiebeheerder: bool,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> User {
        User {
            id: r.id,
            email: r.email,
            name: r.naam,
            password_hash: r.wachtwoord,
            external_id: r.extern_id,
            created_at: r.aangemaakt_op,
            installation_admin: r.installatiebeheerder,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct GrantRow {
    organisatie_id: String,
    rol: String,
    regio: Option<String>,
}

impl TryFrom<GrantRow> for Grant {
    type Error = StoreError;
    fn try_from(r: GrantRow) -> Result<Grant, StoreError> {
        Ok(Grant {
            organisation: r.organisatie_id,
            role: parse_role(&r.rol)?,
            region: parse_region(r.regio)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RoleRow {
    id: String,
    naam: String,
    email: String,
    organisatie_id: String,
    rol: String,
}

impl TryFrom<RoleRow> for RoleAssignment {
    type Error = StoreError;
    fn try_from(r: RoleRow) -> Result<RoleAssignment, StoreError> {
        Ok(RoleAssignment {
            user: UserRef { id: r.id, name: r.naam },
            email: r.email,
            organisation: r.organisatie_id,
            role: parse_role(&r.rol)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    gebruiker_id: String,
    csrf: String,
    verloopt_op: i64,
    aanbieder: Option<String>,
    id_token: Option<String>,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Session {
        Session {
            user_id: r.gebruiker_id,
            csrf: r.csrf,
            expires_at: r.verloopt_op,
            provider: r.aanbieder,
            id_token: r.id_token,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LinkRow {
    token_hash: String,
    soort: String,
    email: String,
    naam: String,
    organisatie_id: Option<String>,
    rol: Option<String>,
    aangemaakt_door: Option<String>,
    aangemaakt_op: i64,
    verloopt_op: i64,
}

impl TryFrom<LinkRow> for OneTimeLink {
    type Error = StoreError;
    fn try_from(r: LinkRow) -> Result<OneTimeLink, StoreError> {
        Ok(OneTimeLink {
            token_hash: r.token_hash,
            kind: match r.soort.as_str() {
                "uitnodiging" => LinkKind::Invitation,
                "herstel" => LinkKind::Reset,
                other => return Err(StoreError::Corrupt(format!("soort link '{other}'"))),
            },
            email: r.email,
            name: r.naam,
            organisation: r.organisatie_id,
            role: r.rol.as_deref().map(parse_role).transpose()?,
            created_by: r.aangemaakt_door,
            created_at: r.aangemaakt_op,
            expires_at: r.verloopt_op,
        })
    }
}

fn parse_role(s: &str) -> Result<Role, StoreError> {
    Role::parse(s).ok_or_else(|| StoreError::Corrupt(format!("rol '{s}'")))
}

fn parse_region(s: Option<String>) -> Result<Option<LabourMarketRegionCode>, StoreError> {
    s.map(|r| LabourMarketRegionCode::parse(&r).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

pub(crate) const USER_SELECT: &str =
    "SELECT id, email, naam, wachtwoord, extern_id, aangemaakt_op, installatiebeheerder FROM gebruiker";

macro_rules! accounts_impl {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::accounts::AccountStore for $store {
            async fn create_organisation(
                &self,
                org: &$crate::accounts::Organisation,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "INSERT INTO organisatie (id, naam, soort, regio, versie, aangemaakt_op) VALUES ($1, $2, $3, $4, 1, $5) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(&org.id)
                .bind(&org.name)
                .bind(org.kind.as_str())
                .bind(org.region.map(|r| r.to_string()))
                .bind($crate::now())
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::Exists(format!("organisatie '{}'", org.id)));
                }
                let summary = match org.region {
                    Some(r) => format!("{} (arbeidsmarktregio {r})", org.name),
                    None => org.name.clone(),
                };
                audit(&mut tx, by, &org.id, "aangemaakt", "organisatie", &org.id, Some(1), &summary).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_organisation(
                &self,
                org: &$crate::accounts::Organisation,
                expected: i64,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<i64, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let before: Option<Option<String>> = sqlx::query_scalar("SELECT regio FROM organisatie WHERE id = $1")
                    .bind(&org.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(before) = before else {
                    return Err($crate::StoreError::Missing(format!("organisatie '{}'", org.id)));
                };
                // The version condition is part of the UPDATE: of two writers with the same
                // expected version, only one changes a row.
                let done = sqlx::query(
                    "UPDATE organisatie SET naam = $1, soort = $2, regio = $3, versie = versie + 1 WHERE id = $4 AND versie = $5",
                )
                .bind(&org.name)
                .bind(org.kind.as_str())
                .bind(org.region.map(|r| r.to_string()))
                .bind(&org.id)
                .bind(expected)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    let current: i64 = sqlx::query_scalar("SELECT versie FROM organisatie WHERE id = $1")
                        .bind(&org.id)
                        .fetch_one(&mut *tx)
                        .await?;
                    return Err($crate::StoreError::Conflict { current });
                }
                let after = org.region.map(|r| r.to_string());
                let summary = if before != after {
                    format!(
                        "{}: arbeidsmarktregio {} → {}",
                        org.name,
                        before.as_deref().unwrap_or("geen"),
                        after.as_deref().unwrap_or("geen")
                    )
                } else {
                    org.name.clone()
                };
                audit(&mut tx, by, &org.id, "gewijzigd", "organisatie", &org.id, Some(expected + 1), &summary).await?;
                tx.commit().await?;
                Ok(expected + 1)
            }

            async fn organisations(&self) -> Result<Vec<$crate::accounts::Organisation>, $crate::StoreError> {
                let rows: Vec<$crate::accounts::OrganisationRow> =
                    sqlx::query_as("SELECT id, naam, soort, regio, versie FROM organisatie ORDER BY naam, id")
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn organisation(&self, id: &str) -> Result<Option<$crate::accounts::Organisation>, $crate::StoreError> {
                let row: Option<$crate::accounts::OrganisationRow> =
                    sqlx::query_as("SELECT id, naam, soort, regio, versie FROM organisatie WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn organisation_names(
                &self,
                ids: &[String],
            ) -> Result<std::collections::HashMap<String, String>, $crate::StoreError> {
                let mut out = std::collections::HashMap::new();
                for chunk in ids.chunks($crate::CHUNK) {
                    let mut b: sqlx::QueryBuilder<$db> =
                        sqlx::QueryBuilder::new("SELECT id, naam FROM organisatie WHERE id IN (");
                    let mut sep = b.separated(", ");
                    for id in chunk {
                        sep.push_bind(id.clone());
                    }
                    b.push(")");
                    let found: Vec<(String, String)> = b.build_query_as().fetch_all(&self.pool).await?;
                    out.extend(found);
                }
                Ok(out)
            }

            async fn create_user(&self, user: &$crate::accounts::User) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "INSERT INTO gebruiker (id, email, naam, wachtwoord, extern_id, aangemaakt_op, installatiebeheerder) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                )
                .bind(&user.id)
                .bind(user.email.to_lowercase())
                .bind(&user.name)
                .bind(&user.password_hash)
                .bind(&user.external_id)
                .bind(user.created_at)
                .bind(user.installation_admin)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::Exists(format!("gebruiker '{}'", user.email)));
                }
                tx.commit().await?;
                Ok(())
            }

            async fn user_by_email(&self, email: &str) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let row: Option<$crate::accounts::UserRow> =
                    sqlx::query_as(&format!("{} WHERE email = $1", $crate::accounts::USER_SELECT))
                        .bind(email.trim().to_lowercase())
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(Into::into))
            }

            async fn user(&self, id: &str) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let row: Option<$crate::accounts::UserRow> =
                    sqlx::query_as(&format!("{} WHERE id = $1", $crate::accounts::USER_SELECT))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(Into::into))
            }

            async fn set_password(&self, user_id: &str, hash: &str) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE gebruiker SET wachtwoord = $1 WHERE id = $2")
                    .bind(hash)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_installation_admin(
                &self,
                user_id: &str,
                on: bool,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE gebruiker SET installatiebeheerder = $1 WHERE id = $2")
                    .bind(on)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::Missing(format!("gebruiker '{user_id}'")));
                }
                let action = if on { "installatiebeheer-toegekend" } else { "installatiebeheer-ingetrokken" };
                audit(&mut tx, by, "", action, "gebruiker", user_id, None, "").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn grants(&self, user_id: &str) -> Result<Vec<samenhang_domain::access::Grant>, $crate::StoreError> {
                let rows: Vec<$crate::accounts::GrantRow> = sqlx::query_as(
                    "SELECT r.organisatie_id, r.rol, o.regio FROM rol r JOIN organisatie o ON o.id = r.organisatie_id \
                     WHERE r.gebruiker_id = $1 ORDER BY o.naam",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_role(
                &self,
                user_id: &str,
                organisation: &str,
                role: Option<samenhang_domain::access::Role>,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let name: Option<String> = sqlx::query_scalar("SELECT naam FROM gebruiker WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let name = name.ok_or_else(|| $crate::StoreError::Missing(format!("gebruiker '{user_id}'")))?;
                // Touching the organisation's row locks it (on PostgreSQL), so role changes of
                // one organisation run one after the other and the beheerder count below holds.
                let org = sqlx::query("UPDATE organisatie SET versie = versie WHERE id = $1")
                    .bind(organisation)
                    .execute(&mut *tx)
                    .await?;
                if org.rows_affected() == 0 {
                    return Err($crate::StoreError::Missing(format!("organisatie '{organisation}'")));
                }
                let before = admin_count(&mut tx, organisation).await?;
                sqlx::query("DELETE FROM rol WHERE gebruiker_id = $1 AND organisatie_id = $2")
                    .bind(user_id)
                    .bind(organisation)
                    .execute(&mut *tx)
                    .await?;
                let (action, summary) = match role {
                    Some(r) => {
                        sqlx::query("INSERT INTO rol (gebruiker_id, organisatie_id, rol) VALUES ($1, $2, $3)")
                            .bind(user_id)
                            .bind(organisation)
                            .bind(r.as_str())
                            .execute(&mut *tx)
                            .await?;
                        ("rol-toegekend", format!("{name}: {}", r.as_str()))
                    }
                    None => ("rol-ingetrokken", name),
                };
                if before > 0 && admin_count(&mut tx, organisation).await? == 0 {
                    return Err($crate::StoreError::LastAdmin(organisation.to_string()));
                }
                audit(&mut tx, by, organisation, action, "rol", user_id, None, &summary).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn roles(
                &self,
                organisations: &[String],
            ) -> Result<Vec<$crate::accounts::RoleAssignment>, $crate::StoreError> {
                if organisations.is_empty() {
                    return Ok(Vec::new());
                }
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                    "SELECT g.id, g.naam, g.email, r.organisatie_id, r.rol FROM rol r JOIN gebruiker g ON g.id = r.gebruiker_id \
                     WHERE r.organisatie_id IN (",
                );
                let mut sep = b.separated(", ");
                for o in organisations {
                    sep.push_bind(o.clone());
                }
                b.push(") ORDER BY r.organisatie_id, g.naam, g.id");
                let rows: Vec<$crate::accounts::RoleRow> = b.build_query_as().fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn users_without_role(&self) -> Result<Vec<$crate::accounts::User>, $crate::StoreError> {
                let rows: Vec<$crate::accounts::UserRow> = sqlx::query_as(&format!(
                    "{} g WHERE NOT EXISTS (SELECT 1 FROM rol r WHERE r.gebruiker_id = g.id) ORDER BY naam",
                    $crate::accounts::USER_SELECT
                ))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn create_session(
                &self,
                token_hash: &str,
                session: &$crate::accounts::Session,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM sessie WHERE verloopt_op < $1")
                    .bind(chrono::Utc::now().timestamp())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO sessie (token_hash, gebruiker_id, csrf, verloopt_op, aanbieder, id_token) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(token_hash)
                .bind(&session.user_id)
                .bind(&session.csrf)
                .bind(session.expires_at)
                .bind(&session.provider)
                .bind(&session.id_token)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<$crate::accounts::Session>, $crate::StoreError> {
                let row: Option<$crate::accounts::SessionRow> = sqlx::query_as(
                    "SELECT gebruiker_id, csrf, verloopt_op, aanbieder, id_token FROM sessie WHERE token_hash = $1 AND verloopt_op > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn delete_sessions_of(&self, user_id: &str) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM sessie WHERE gebruiker_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_link(&self, link: &$crate::accounts::OneTimeLink) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // Links a day past their end are of no use to anyone.
                sqlx::query("DELETE FROM eenmalige_link WHERE verloopt_op < $1")
                    .bind(link.created_at - 86_400)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO eenmalige_link (token_hash, soort, email, naam, organisatie_id, rol, aangemaakt_door, aangemaakt_op, verloopt_op) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&link.token_hash)
                .bind(link.kind.as_str())
                .bind(link.email.to_lowercase())
                .bind(&link.name)
                .bind(&link.organisation)
                .bind(link.role.map(|r| r.as_str()))
                .bind(&link.created_by)
                .bind(link.created_at)
                .bind(link.expires_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn use_link(
                &self,
                token_hash: &str,
                kind: $crate::accounts::LinkKind,
                now: i64,
            ) -> Result<Option<$crate::accounts::OneTimeLink>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let row: Option<$crate::accounts::LinkRow> = sqlx::query_as(
                    "UPDATE eenmalige_link SET gebruikt_op = $1 \
                     WHERE token_hash = $2 AND soort = $3 AND gebruikt_op IS NULL AND verloopt_op > $1 \
                     RETURNING token_hash, soort, email, naam, organisatie_id, rol, aangemaakt_door, aangemaakt_op, verloopt_op",
                )
                .bind(now)
                .bind(token_hash)
                .bind(kind.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn count_links(
                &self,
                email: &str,
                kind: $crate::accounts::LinkKind,
                since: i64,
            ) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM eenmalige_link WHERE email = $1 AND soort = $2 AND aangemaakt_op >= $3",
                )
                .bind(email.to_lowercase())
                .bind(kind.as_str())
                .bind(since)
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::count(n))
            }

            async fn user_by_external_id(&self, external_id: &str) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let row: Option<$crate::accounts::UserRow> =
                    sqlx::query_as(&format!("{} WHERE extern_id = $1", $crate::accounts::USER_SELECT))
                        .bind(external_id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(Into::into))
            }

            async fn set_external_user(
                &self,
                user_id: &str,
                external_id: &str,
                name: &str,
                email: &str,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query("UPDATE gebruiker SET extern_id = $1, naam = $2, email = $3 WHERE id = $4")
                    .bind(external_id)
                    .bind(name)
                    .bind(email.to_lowercase())
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await;
                match done {
                    Ok(_) => {}
                    // Another account holds that address: keep this one's own.
                    Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                        drop(tx);
                        let mut tx = self.begin_write().await?;
                        sqlx::query("UPDATE gebruiker SET extern_id = $1, naam = $2 WHERE id = $3")
                            .bind(external_id)
                            .bind(name)
                            .bind(user_id)
                            .execute(&mut *tx)
                            .await?;
                        tx.commit().await?;
                        return Ok(());
                    }
                    Err(e) => return Err(e.into()),
                }
                tx.commit().await?;
                Ok(())
            }

            async fn create_oidc_request(
                &self,
                state_hash: &str,
                request: &$crate::accounts::OidcRequest,
                expires_at: i64,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM oidc_aanvraag WHERE verloopt_op < $1")
                    .bind(chrono::Utc::now().timestamp())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO oidc_aanvraag (state_hash, aanbieder, verifier, nonce, verloopt_op) VALUES ($1, $2, $3, $4, $5)")
                    .bind(state_hash)
                    .bind(&request.provider)
                    .bind(&request.verifier)
                    .bind(&request.nonce)
                    .bind(expires_at)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn take_oidc_request(
                &self,
                state_hash: &str,
                now: i64,
            ) -> Result<Option<$crate::accounts::OidcRequest>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let row: Option<(String, String, String)> = sqlx::query_as(
                    "DELETE FROM oidc_aanvraag WHERE state_hash = $1 AND verloopt_op > $2 RETURNING aanbieder, verifier, nonce",
                )
                .bind(state_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(row.map(|(provider, verifier, nonce)| $crate::accounts::OidcRequest {
                    provider,
                    verifier,
                    nonce,
                }))
            }

            async fn own_group(&self, user_id: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT leden FROM vergelijkingsgroep WHERE gebruiker_id = $1")
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn set_own_group(&self, user_id: &str, members: Option<&str>) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                match members {
                    Some(m) => {
                        sqlx::query(
                            "INSERT INTO vergelijkingsgroep (gebruiker_id, leden) VALUES ($1, $2) \
                             ON CONFLICT (gebruiker_id) DO UPDATE SET leden = excluded.leden",
                        )
                        .bind(user_id)
                        .bind(m)
                        .execute(&mut *tx)
                        .await?;
                    }
                    None => {
                        sqlx::query("DELETE FROM vergelijkingsgroep WHERE gebruiker_id = $1")
                            .bind(user_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM sessie WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_api_key(&self, token_hash: &str, user_id: &str, name: &str) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("INSERT INTO api_sleutel (token_hash, gebruiker_id, naam, aangemaakt_op) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(user_id)
                    .bind(name)
                    .bind($crate::now())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn api_key_user(&self, token_hash: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT gebruiker_id FROM api_sleutel WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn count_login_attempt(&self, key: &str, now: i64, window_start: i64) -> Result<u64, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // One statement: insert the first attempt, or start a new window when the old
                // one began before `window_start`, or add one; and return the count.
                let n: i64 = sqlx::query_scalar(
                    "INSERT INTO inlogpoging (sleutel, venster_start, aantal) VALUES ($1, $2, 1) \
                     ON CONFLICT (sleutel) DO UPDATE SET \
                       aantal = CASE WHEN inlogpoging.venster_start < $3 THEN 1 ELSE inlogpoging.aantal + 1 END, \
                       venster_start = CASE WHEN inlogpoging.venster_start < $3 THEN $2 ELSE inlogpoging.venster_start END \
                     RETURNING aantal",
                )
                .bind(key)
                .bind(now)
                .bind(window_start)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok($crate::count(n))
            }

            async fn clear_login_attempts(&self, key: &str) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM inlogpoging WHERE sleutel = $1")
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn prune_login_attempts(&self, before: i64) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM inlogpoging WHERE venster_start < $1")
                    .bind(before)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}
