// SPDX-License-Identifier: EUPL-1.2
//! Accounts, access and register records: the [`RegisterStore`] trait, its types, and
//! `registers_impl!`, the SQL both backends share (same scheme as `shared.rs`).
//!
//! Every read of register records takes the caller ([`Principal`]) and filters in SQL with the
//! rules of `samenhang_domain::access`, so no query can forget them. Every write checks the
//! version it was based on and appends to the audit log in the same transaction.

use async_trait::async_trait;
use samenhang_domain::access::{Grant, OrganisationKind, Principal, Role, UserRef, Visibility};
use samenhang_domain::codes::LabourMarketRegionCode;

use crate::{Page, Paging, StoreError};

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
    /// When it was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
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
}

/// What a write expects of the stored record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// It does not exist yet.
    New,
    /// It exists with this version (optimistic locking).
    Version(i64),
}

/// A register record to write.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemWrite {
    /// Kind (`persoon`, `doel`, `agenda`, …).
    pub kind: &'static str,
    /// Id.
    pub id: String,
    /// Owning organisation.
    pub owner: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// Title, for lists and the audit log.
    pub title: String,
    /// The record as JSON.
    pub data: String,
    /// Theme concept ids.
    pub themes: Vec<String>,
    /// Other records it refers to: (kind, id).
    pub links: Vec<(String, String)>,
    /// What must be stored now.
    pub expect: Expect,
}

/// A stored register record.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    /// Kind.
    pub kind: String,
    /// Id.
    pub id: String,
    /// Owning organisation.
    pub owner: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// Version, from 1.
    pub version: i64,
    /// Title.
    pub title: String,
    /// The record as JSON.
    pub data: String,
    /// When it was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it last changed.
    pub changed_at: chrono::DateTime<chrono::Utc>,
    /// Who changed it last.
    pub changed_by: String,
}

/// Filters for listing register records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemQuery {
    /// Only this kind.
    pub kind: Option<&'static str>,
    /// Only records with this theme.
    pub theme: Option<String>,
    /// Only records that refer to this record: (kind, id).
    pub linked_to: Option<(String, String)>,
    /// Only records of this organisation.
    pub owner: Option<String>,
    /// Which page.
    pub paging: Paging,
}

impl ItemQuery {
    /// Every record of `kind` (that the caller may read), on one page.
    pub fn all(kind: &'static str) -> ItemQuery {
        ItemQuery {
            kind: Some(kind),
            theme: None,
            linked_to: None,
            owner: None,
            paging: Paging {
                page: 1,
                page_size: u32::MAX / 2,
            },
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: i64,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who (id, when a user did it).
    pub user_id: Option<String>,
    /// Who (name).
    pub user_name: String,
    /// The organisation whose record changed.
    pub organisation: String,
    /// `aangemaakt`, `gewijzigd`, `verwijderd`, `rol-toegekend`, `rol-ingetrokken`, …
    pub action: String,
    /// Kind of record.
    pub kind: String,
    /// Id of the record.
    pub item_id: String,
    /// Version after the change.
    pub version: Option<i64>,
    /// What changed, in words.
    pub summary: String,
}

/// Accounts, access and register records.
#[async_trait]
pub trait RegisterStore: Send + Sync {
    /// Creates an organisation (version 1); [`StoreError::Exists`] when the id is taken.
    async fn create_organisation(&self, org: &Organisation, by: &UserRef) -> Result<(), StoreError>;
    /// Changes an organisation if its version is `expected`; returns the new version.
    async fn update_organisation(&self, org: &Organisation, expected: i64, by: &UserRef) -> Result<i64, StoreError>;
    /// Every organisation, by name.
    async fn organisations(&self) -> Result<Vec<Organisation>, StoreError>;
    /// One organisation.
    async fn organisation(&self, id: &str) -> Result<Option<Organisation>, StoreError>;

    /// Creates a user; [`StoreError::Exists`] when the e-mail address is taken.
    async fn create_user(&self, user: &User) -> Result<(), StoreError>;
    /// A user by e-mail address (case-insensitive).
    async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError>;
    /// A user by id.
    async fn user(&self, id: &str) -> Result<Option<User>, StoreError>;
    /// Sets a user's password hash.
    async fn set_password(&self, user_id: &str, hash: &str) -> Result<(), StoreError>;
    /// A user's roles, with each organisation's arbeidsmarktregio.
    async fn grants(&self, user_id: &str) -> Result<Vec<Grant>, StoreError>;
    /// Gives (`Some`) or takes away (`None`) a user's role in an organisation; audited.
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
    /// Stores an API key for a user.
    async fn create_api_key(&self, token_hash: &str, user_id: &str, name: &str) -> Result<(), StoreError>;
    /// The user of an API key.
    async fn api_key_user(&self, token_hash: &str) -> Result<Option<String>, StoreError>;

    /// Records a failed login for `email` at `now` (Unix seconds), dropping those before `forget_before`.
    async fn record_failed_login(&self, email: &str, now: i64, forget_before: i64) -> Result<(), StoreError>;
    /// Failed logins for `email` since `since` (Unix seconds).
    async fn failed_logins(&self, email: &str, since: i64) -> Result<u64, StoreError>;
    /// Forgets the failed logins of `email` (after a successful one).
    async fn clear_failed_logins(&self, email: &str) -> Result<(), StoreError>;

    /// Writes records in one transaction, each checked against its [`Expect`]; all or nothing.
    /// Returns the new versions.
    async fn save_items(&self, items: &[ItemWrite], by: &UserRef) -> Result<Vec<i64>, StoreError>;
    /// Deletes a record if its version is `expected`.
    async fn delete_item(&self, kind: &str, id: &str, expected: i64, by: &UserRef) -> Result<(), StoreError>;
    /// One record, if `caller` may read it.
    async fn item(&self, kind: &str, id: &str, caller: &Principal) -> Result<Option<StoredItem>, StoreError>;
    /// Records `caller` may read, by title.
    async fn list_items(&self, query: &ItemQuery, caller: &Principal) -> Result<Page<StoredItem>, StoreError>;
    /// The audit log of the given organisations, newest first.
    async fn audit_log(&self, organisations: &[String], paging: Paging) -> Result<Page<AuditEntry>, StoreError>;
}

/// Appends `AND (<caller may read i>)` for an `item i JOIN organisatie o` query.
pub(crate) fn push_visibility<'a, DB: sqlx::Database>(b: &mut sqlx::QueryBuilder<'a, DB>, caller: &Principal)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    b.push(" AND (i.zichtbaarheid = 'openbaar'");
    let orgs = caller.organisations();
    if !orgs.is_empty() {
        b.push(" OR i.organisatie_id IN (");
        let mut sep = b.separated(", ");
        for o in orgs {
            sep.push_bind(o);
        }
        b.push(")");
    }
    let regions = caller.regions();
    if !regions.is_empty() {
        b.push(" OR (i.zichtbaarheid = 'regio' AND o.regio IN (");
        let mut sep = b.separated(", ");
        for r in regions {
            sep.push_bind(r.to_string());
        }
        b.push("))");
    }
    b.push(")");
}

pub(crate) fn parse_visibility(s: &str) -> Result<Visibility, StoreError> {
    Visibility::parse(s).ok_or_else(|| StoreError::Corrupt(format!("zichtbaarheid '{s}'")))
}

pub(crate) fn parse_role(s: &str) -> Result<Role, StoreError> {
    Role::parse(s).ok_or_else(|| StoreError::Corrupt(format!("rol '{s}'")))
}

pub(crate) fn parse_region(s: Option<String>) -> Result<Option<LabourMarketRegionCode>, StoreError> {
    s.map(|r| LabourMarketRegionCode::parse(&r).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

pub(crate) fn parse_kind(s: &str) -> Result<OrganisationKind, StoreError> {
    OrganisationKind::parse(s).ok_or_else(|| StoreError::Corrupt(format!("soort organisatie '{s}'")))
}

macro_rules! registers_impl {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::registers::RegisterStore for $store {
            async fn create_organisation(
                &self,
                org: &$crate::registers::Organisation,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisatie WHERE id = $1")
                    .bind(&org.id)
                    .fetch_one(&mut *tx)
                    .await?;
                if exists > 0 {
                    return Err($crate::StoreError::Exists(format!("organisatie '{}'", org.id)));
                }
                sqlx::query(
                    "INSERT INTO organisatie (id, naam, soort, regio, versie, aangemaakt_op) VALUES ($1, $2, $3, $4, 1, $5)",
                )
                .bind(&org.id)
                .bind(&org.name)
                .bind(org.kind.as_str())
                .bind(org.region.map(|r| r.to_string()))
                .bind(chrono::Utc::now())
                .execute(&mut *tx)
                .await?;
                audit(&mut tx, by, &org.id, "aangemaakt", "organisatie", &org.id, Some(1), &org.name).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_organisation(
                &self,
                org: &$crate::registers::Organisation,
                expected: i64,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<i64, $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let current: Option<i64> = sqlx::query_scalar("SELECT versie FROM organisatie WHERE id = $1")
                    .bind(&org.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let current = current.ok_or_else(|| $crate::StoreError::Missing(format!("organisatie '{}'", org.id)))?;
                if current != expected {
                    return Err($crate::StoreError::Conflict { current });
                }
                sqlx::query("UPDATE organisatie SET naam = $1, soort = $2, regio = $3, versie = $4 WHERE id = $5")
                    .bind(&org.name)
                    .bind(org.kind.as_str())
                    .bind(org.region.map(|r| r.to_string()))
                    .bind(current + 1)
                    .bind(&org.id)
                    .execute(&mut *tx)
                    .await?;
                audit(&mut tx, by, &org.id, "gewijzigd", "organisatie", &org.id, Some(current + 1), &org.name).await?;
                tx.commit().await?;
                Ok(current + 1)
            }

            async fn organisations(&self) -> Result<Vec<$crate::registers::Organisation>, $crate::StoreError> {
                let rows = sqlx::query("SELECT id, naam, soort, regio, versie FROM organisatie ORDER BY naam, id")
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(organisation_from_row).collect()
            }

            async fn organisation(
                &self,
                id: &str,
            ) -> Result<Option<$crate::registers::Organisation>, $crate::StoreError> {
                let row = sqlx::query("SELECT id, naam, soort, regio, versie FROM organisatie WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(organisation_from_row).transpose()
            }

            async fn create_user(&self, user: &$crate::registers::User) -> Result<(), $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM gebruiker WHERE email = $1 OR id = $2")
                    .bind(user.email.to_lowercase())
                    .bind(&user.id)
                    .fetch_one(&mut *tx)
                    .await?;
                if exists > 0 {
                    return Err($crate::StoreError::Exists(format!("gebruiker '{}'", user.email)));
                }
                sqlx::query(
                    "INSERT INTO gebruiker (id, email, naam, wachtwoord, aangemaakt_op) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&user.id)
                .bind(user.email.to_lowercase())
                .bind(&user.name)
                .bind(&user.password_hash)
                .bind(user.created_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn user_by_email(&self, email: &str) -> Result<Option<$crate::registers::User>, $crate::StoreError> {
                let row = sqlx::query("SELECT id, email, naam, wachtwoord, aangemaakt_op FROM gebruiker WHERE email = $1")
                    .bind(email.trim().to_lowercase())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn user(&self, id: &str) -> Result<Option<$crate::registers::User>, $crate::StoreError> {
                let row = sqlx::query("SELECT id, email, naam, wachtwoord, aangemaakt_op FROM gebruiker WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn set_password(&self, user_id: &str, hash: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE gebruiker SET wachtwoord = $1 WHERE id = $2")
                    .bind(hash)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn grants(&self, user_id: &str) -> Result<Vec<samenhang_domain::access::Grant>, $crate::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT r.organisatie_id, r.rol, o.regio FROM rol r JOIN organisatie o ON o.id = r.organisatie_id \
                     WHERE r.gebruiker_id = $1 ORDER BY o.naam",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(samenhang_domain::access::Grant {
                            organisation: r.try_get("organisatie_id")?,
                            role: $crate::registers::parse_role(&r.try_get::<String, _>("rol")?)?,
                            region: $crate::registers::parse_region(r.try_get("regio")?)?,
                        })
                    })
                    .collect()
            }

            async fn set_role(
                &self,
                user_id: &str,
                organisation: &str,
                role: Option<samenhang_domain::access::Role>,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.pool.begin().await?;
                let name: Option<String> = sqlx::query_scalar("SELECT naam FROM gebruiker WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let name = name.ok_or_else(|| $crate::StoreError::Missing(format!("gebruiker '{user_id}'")))?;
                let org: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisatie WHERE id = $1")
                    .bind(organisation)
                    .fetch_one(&mut *tx)
                    .await?;
                if org == 0 {
                    return Err($crate::StoreError::Missing(format!("organisatie '{organisation}'")));
                }
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
                audit(&mut tx, by, organisation, action, "rol", user_id, None, &summary).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn roles(
                &self,
                organisations: &[String],
            ) -> Result<Vec<$crate::registers::RoleAssignment>, $crate::StoreError> {
                use sqlx::Row;
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
                let rows = b.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|r| {
                        Ok($crate::registers::RoleAssignment {
                            user: samenhang_domain::access::UserRef {
                                id: r.try_get("id")?,
                                name: r.try_get("naam")?,
                            },
                            email: r.try_get("email")?,
                            organisation: r.try_get("organisatie_id")?,
                            role: $crate::registers::parse_role(&r.try_get::<String, _>("rol")?)?,
                        })
                    })
                    .collect()
            }

            async fn users_without_role(&self) -> Result<Vec<$crate::registers::User>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, email, naam, wachtwoord, aangemaakt_op FROM gebruiker g \
                     WHERE NOT EXISTS (SELECT 1 FROM rol r WHERE r.gebruiker_id = g.id) ORDER BY naam, id",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn create_session(
                &self,
                token_hash: &str,
                session: &$crate::registers::Session,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO sessie (token_hash, gebruiker_id, csrf, verloopt_op) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(&session.user_id)
                    .bind(&session.csrf)
                    .bind(session.expires_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<$crate::registers::Session>, $crate::StoreError> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT gebruiker_id, csrf, verloopt_op FROM sessie WHERE token_hash = $1 AND verloopt_op > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    Ok($crate::registers::Session {
                        user_id: r.try_get("gebruiker_id")?,
                        csrf: r.try_get("csrf")?,
                        expires_at: r.try_get("verloopt_op")?,
                    })
                })
                .transpose()
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessie WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn create_api_key(&self, token_hash: &str, user_id: &str, name: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO api_sleutel (token_hash, gebruiker_id, naam, aangemaakt_op) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(user_id)
                    .bind(name)
                    .bind(chrono::Utc::now())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn api_key_user(&self, token_hash: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT gebruiker_id FROM api_sleutel WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn record_failed_login(&self, email: &str, now: i64, forget_before: i64) -> Result<(), $crate::StoreError> {
                let email = email.trim().to_lowercase();
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM mislukte_inlog WHERE email = $1 AND tijdstip < $2")
                    .bind(&email)
                    .bind(forget_before)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO mislukte_inlog (email, tijdstip) VALUES ($1, $2)")
                    .bind(&email)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn failed_logins(&self, email: &str, since: i64) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mislukte_inlog WHERE email = $1 AND tijdstip >= $2")
                    .bind(email.trim().to_lowercase())
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n.max(0) as u64)
            }

            async fn clear_failed_logins(&self, email: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM mislukte_inlog WHERE email = $1")
                    .bind(email.trim().to_lowercase())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn save_items(
                &self,
                items: &[$crate::registers::ItemWrite],
                by: &samenhang_domain::access::UserRef,
            ) -> Result<Vec<i64>, $crate::StoreError> {
                use $crate::registers::Expect;
                let mut tx = self.pool.begin().await?;
                let mut versions = Vec::with_capacity(items.len());
                let now = chrono::Utc::now();
                for item in items {
                    let current: Option<i64> = sqlx::query_scalar("SELECT versie FROM item WHERE soort = $1 AND id = $2")
                        .bind(item.kind)
                        .bind(&item.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let version = match (item.expect, current) {
                        (Expect::New, Some(_)) => {
                            return Err($crate::StoreError::Exists(format!("{} '{}'", item.kind, item.id)))
                        }
                        (Expect::Version(_), None) => {
                            return Err($crate::StoreError::Missing(format!("{} '{}'", item.kind, item.id)))
                        }
                        (Expect::Version(v), Some(c)) if v != c => {
                            return Err($crate::StoreError::Conflict { current: c })
                        }
                        (Expect::Version(_), Some(c)) => c + 1,
                        (Expect::New, None) => 1,
                    };
                    if version == 1 {
                        sqlx::query(
                            "INSERT INTO item (soort, id, organisatie_id, zichtbaarheid, versie, titel, gegevens, \
                             aangemaakt_op, gewijzigd_op, gewijzigd_door) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $7, $8)",
                        )
                        .bind(item.kind)
                        .bind(&item.id)
                        .bind(&item.owner)
                        .bind(item.visibility.as_str())
                        .bind(&item.title)
                        .bind(&item.data)
                        .bind(now)
                        .bind(&by.name)
                        .execute(&mut *tx)
                        .await?;
                    } else {
                        sqlx::query(
                            "UPDATE item SET organisatie_id = $1, zichtbaarheid = $2, versie = $3, titel = $4, gegevens = $5, \
                             gewijzigd_op = $6, gewijzigd_door = $7 WHERE soort = $8 AND id = $9",
                        )
                        .bind(&item.owner)
                        .bind(item.visibility.as_str())
                        .bind(version)
                        .bind(&item.title)
                        .bind(&item.data)
                        .bind(now)
                        .bind(&by.name)
                        .bind(item.kind)
                        .bind(&item.id)
                        .execute(&mut *tx)
                        .await?;
                        for table in ["item_thema", "item_verwijzing"] {
                            sqlx::query(&format!("DELETE FROM {table} WHERE soort = $1 AND id = $2"))
                                .bind(item.kind)
                                .bind(&item.id)
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                    for theme in &item.themes {
                        sqlx::query("INSERT INTO item_thema (soort, id, begrip) VALUES ($1, $2, $3)")
                            .bind(item.kind)
                            .bind(&item.id)
                            .bind(theme)
                            .execute(&mut *tx)
                            .await?;
                    }
                    for (kind, id) in &item.links {
                        sqlx::query("INSERT INTO item_verwijzing (soort, id, naar_soort, naar_id) VALUES ($1, $2, $3, $4)")
                            .bind(item.kind)
                            .bind(&item.id)
                            .bind(kind)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let action = if version == 1 { "aangemaakt" } else { "gewijzigd" };
                    audit(&mut tx, by, &item.owner, action, item.kind, &item.id, Some(version), &item.title).await?;
                    versions.push(version);
                }
                tx.commit().await?;
                Ok(versions)
            }

            async fn delete_item(
                &self,
                kind: &str,
                id: &str,
                expected: i64,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                use sqlx::Row;
                let mut tx = self.pool.begin().await?;
                let row = sqlx::query("SELECT versie, organisatie_id, titel FROM item WHERE soort = $1 AND id = $2")
                    .bind(kind)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let row = row.ok_or_else(|| $crate::StoreError::Missing(format!("{kind} '{id}'")))?;
                let current: i64 = row.try_get("versie")?;
                if current != expected {
                    return Err($crate::StoreError::Conflict { current });
                }
                let owner: String = row.try_get("organisatie_id")?;
                let title: String = row.try_get("titel")?;
                for table in ["item_thema", "item_verwijzing", "item"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE soort = $1 AND id = $2"))
                        .bind(kind)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                audit(&mut tx, by, &owner, "verwijderd", kind, id, Some(current), &title).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn item(
                &self,
                kind: &str,
                id: &str,
                caller: &samenhang_domain::access::Principal,
            ) -> Result<Option<$crate::registers::StoredItem>, $crate::StoreError> {
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(ITEM_SELECT);
                b.push(" WHERE i.soort = ").push_bind(kind.to_string());
                b.push(" AND i.id = ").push_bind(id.to_string());
                $crate::registers::push_visibility(&mut b, caller);
                let row = b.build().fetch_optional(&self.pool).await?;
                row.as_ref().map(item_from_row).transpose()
            }

            async fn list_items(
                &self,
                query: &$crate::registers::ItemQuery,
                caller: &samenhang_domain::access::Principal,
            ) -> Result<$crate::Page<$crate::registers::StoredItem>, $crate::StoreError> {
                fn filters(
                    b: &mut sqlx::QueryBuilder<'_, $db>,
                    q: &$crate::registers::ItemQuery,
                    caller: &samenhang_domain::access::Principal,
                ) {
                    b.push(" WHERE 1 = 1");
                    if let Some(kind) = q.kind {
                        b.push(" AND i.soort = ").push_bind(kind.to_string());
                    }
                    if let Some(owner) = &q.owner {
                        b.push(" AND i.organisatie_id = ").push_bind(owner.clone());
                    }
                    if let Some(theme) = &q.theme {
                        b.push(" AND EXISTS (SELECT 1 FROM item_thema t WHERE t.soort = i.soort AND t.id = i.id AND t.begrip = ")
                            .push_bind(theme.clone())
                            .push(")");
                    }
                    if let Some((kind, id)) = &q.linked_to {
                        b.push(" AND EXISTS (SELECT 1 FROM item_verwijzing v WHERE v.soort = i.soort AND v.id = i.id AND v.naar_soort = ")
                            .push_bind(kind.clone())
                            .push(" AND v.naar_id = ")
                            .push_bind(id.clone())
                            .push(")");
                    }
                    $crate::registers::push_visibility(b, caller);
                }
                let mut count: sqlx::QueryBuilder<$db> =
                    sqlx::QueryBuilder::new("SELECT COUNT(*) FROM item i JOIN organisatie o ON o.id = i.organisatie_id");
                filters(&mut count, query, caller);
                let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(ITEM_SELECT);
                filters(&mut b, query, caller);
                b.push(" ORDER BY i.titel, i.id LIMIT ")
                    .push_bind(i64::from(query.paging.page_size))
                    .push(" OFFSET ")
                    .push_bind(query.paging.offset());
                let rows = b.build().fetch_all(&self.pool).await?;
                Ok($crate::Page {
                    items: rows.iter().map(item_from_row).collect::<Result<_, _>>()?,
                    total: total.max(0) as u64,
                })
            }

            async fn audit_log(
                &self,
                organisations: &[String],
                paging: $crate::Paging,
            ) -> Result<$crate::Page<$crate::registers::AuditEntry>, $crate::StoreError> {
                use sqlx::Row;
                if organisations.is_empty() {
                    return Ok($crate::Page { items: vec![], total: 0 });
                }
                let push_orgs = |b: &mut sqlx::QueryBuilder<'_, $db>| {
                    b.push(" WHERE organisatie_id IN (");
                    let mut sep = b.separated(", ");
                    for o in organisations {
                        sep.push_bind(o.clone());
                    }
                    b.push(")");
                };
                let mut count: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM auditregel");
                push_orgs(&mut count);
                let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                    "SELECT id, tijdstip, gebruiker_id, gebruiker_naam, organisatie_id, actie, soort, item_id, versie, samenvatting \
                     FROM auditregel",
                );
                push_orgs(&mut b);
                b.push(" ORDER BY id DESC LIMIT ")
                    .push_bind(i64::from(paging.page_size))
                    .push(" OFFSET ")
                    .push_bind(paging.offset());
                let rows = b.build().fetch_all(&self.pool).await?;
                let items = rows
                    .iter()
                    .map(|r| {
                        Ok($crate::registers::AuditEntry {
                            id: r.try_get("id")?,
                            at: r.try_get("tijdstip")?,
                            user_id: r.try_get("gebruiker_id")?,
                            user_name: r.try_get("gebruiker_naam")?,
                            organisation: r.try_get("organisatie_id")?,
                            action: r.try_get("actie")?,
                            kind: r.try_get("soort")?,
                            item_id: r.try_get("item_id")?,
                            version: r.try_get("versie")?,
                            summary: r.try_get("samenvatting")?,
                        })
                    })
                    .collect::<Result<_, $crate::StoreError>>()?;
                Ok($crate::Page {
                    items,
                    total: total.max(0) as u64,
                })
            }
        }

        const ITEM_SELECT: &str = "SELECT i.soort, i.id, i.organisatie_id, i.zichtbaarheid, i.versie, i.titel, i.gegevens, \
             i.aangemaakt_op, i.gewijzigd_op, i.gewijzigd_door FROM item i JOIN organisatie o ON o.id = i.organisatie_id";

        #[allow(clippy::too_many_arguments)]
        async fn audit(
            tx: &mut sqlx::Transaction<'_, $db>,
            by: &samenhang_domain::access::UserRef,
            organisation: &str,
            action: &str,
            kind: &str,
            item_id: &str,
            version: Option<i64>,
            summary: &str,
        ) -> Result<(), $crate::StoreError> {
            sqlx::query(
                "INSERT INTO auditregel (tijdstip, gebruiker_id, gebruiker_naam, organisatie_id, actie, soort, item_id, versie, samenvatting) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(chrono::Utc::now())
            .bind((!by.id.is_empty()).then(|| by.id.clone()))
            .bind(&by.name)
            .bind(organisation)
            .bind(action)
            .bind(kind)
            .bind(item_id)
            .bind(version)
            .bind(summary)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        fn organisation_from_row(
            r: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::registers::Organisation, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::registers::Organisation {
                id: r.try_get("id")?,
                name: r.try_get("naam")?,
                kind: $crate::registers::parse_kind(&r.try_get::<String, _>("soort")?)?,
                region: $crate::registers::parse_region(r.try_get("regio")?)?,
                version: r.try_get("versie")?,
            })
        }

        fn user_from_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::registers::User, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::registers::User {
                id: r.try_get("id")?,
                email: r.try_get("email")?,
                name: r.try_get("naam")?,
                password_hash: r.try_get("wachtwoord")?,
                created_at: r.try_get("aangemaakt_op")?,
            })
        }

        fn item_from_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::registers::StoredItem, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::registers::StoredItem {
                kind: r.try_get("soort")?,
                id: r.try_get("id")?,
                owner: r.try_get("organisatie_id")?,
                visibility: $crate::registers::parse_visibility(&r.try_get::<String, _>("zichtbaarheid")?)?,
                version: r.try_get("versie")?,
                title: r.try_get("titel")?,
                data: r.try_get("gegevens")?,
                created_at: r.try_get("aangemaakt_op")?,
                changed_at: r.try_get("gewijzigd_op")?,
                changed_by: r.try_get("gewijzigd_door")?,
            })
        }
    };
}
