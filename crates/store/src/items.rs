// SPDX-License-Identifier: EUPL-1.2
//! Register records ([`ItemStore`]): one table `item` (kind, id, owner, visibility, version, the
//! record as JSON) with `item_thema` and `item_verwijzing` for themes and links, every version in
//! `item_versie`, and the audit log. SQL shared by both backends in `items_impl!`.
//!
//! Every read takes the caller ([`Principal`]) and filters in SQL with the rules of
//! `samenhang_domain::access` ([`push_visibility`]), so no query can forget them. Every write
//! checks the version it was based on in the statement that changes the row, and appends to the
//! audit log in the same transaction.

use std::collections::HashMap;

use async_trait::async_trait;
use samenhang_domain::access::{Principal, UserRef, Visibility};

use crate::{Page, Paging, StoreError};

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
    /// Kind (`persoon`, `doel`, `regeling`, …).
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
    /// Keys no other record may have (`kvk:12345678:-`); a taken one fails the write with
    /// [`crate::StoreError::KeyTaken`].
    pub keys: Vec<String>,
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

/// A register record to delete in a write of several ([`ItemStore::save_and_delete`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDelete {
    /// Kind.
    pub kind: &'static str,
    /// Id.
    pub id: String,
    /// The version it must have.
    pub version: i64,
    /// The audit action (`verwijderd`, `samengevoegd`).
    pub action: &'static str,
    /// The audit summary.
    pub summary: String,
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
    /// Only records with exactly this title.
    pub title: Option<String>,
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
            title: None,
            paging: Paging::ALL,
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: i64,
    /// When.
    #[sqlx(rename = "tijdstip")]
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who (id, when a user did it).
    #[sqlx(rename = "gebruiker_id")]
    pub user_id: Option<String>,
    /// Who (name).
    #[sqlx(rename = "gebruiker_naam")]
    pub user_name: String,
    /// The organisation whose record changed.
    #[sqlx(rename = "organisatie_id")]
    pub organisation: String,
    /// `aangemaakt`, `gewijzigd`, `verwijderd`, `rol-toegekend`, `rol-ingetrokken`, …
    #[sqlx(rename = "actie")]
    pub action: String,
    /// Kind of record.
    #[sqlx(rename = "soort")]
    pub kind: String,
    /// Id of the record.
    pub item_id: String,
    /// Version after the change.
    #[sqlx(rename = "versie")]
    pub version: Option<i64>,
    /// What changed, in words.
    #[sqlx(rename = "samenvatting")]
    pub summary: String,
}

/// Register records.
#[async_trait]
pub trait ItemStore: Send + Sync {
    /// Writes records in one transaction, each checked against its [`Expect`]; all or nothing.
    /// Returns the new versions.
    async fn save_items(&self, items: &[ItemWrite], by: &UserRef) -> Result<Vec<i64>, StoreError>;
    /// Writes `items` and deletes `deletes` in one transaction (a merge of two records); all or
    /// nothing. Returns the new versions of `items`.
    async fn save_and_delete(
        &self,
        items: &[ItemWrite],
        deletes: &[ItemDelete],
        by: &UserRef,
    ) -> Result<Vec<i64>, StoreError>;
    /// Every record that refers to `(kind, id)`, whoever may read it: for a change that must
    /// follow a record everywhere (a merge, an erasure). The caller checks the right to make it.
    async fn linking_items(&self, kind: &str, id: &str) -> Result<Vec<StoredItem>, StoreError>;
    /// Every record of `kind`, whoever may read it: for views the application filters itself
    /// (the own indicators in the statistics snapshot carry their owner and visibility).
    async fn all_items(&self, kind: &str) -> Result<Vec<StoredItem>, StoreError>;
    /// Erases a record in one transaction: writes `rewrites` (the records that referred to it,
    /// without the reference), deletes the record with every version, and replaces every
    /// occurrence of each of `needles` (its personal data, as stored) in any record, version,
    /// theme index and audit line by `[gewist]`. One audit line without the data says it
    /// happened. On SQLite the freed pages are overwritten and the write-ahead log emptied.
    async fn erase_item(
        &self,
        kind: &'static str,
        id: &str,
        rewrites: &[ItemWrite],
        needles: &[String],
        by: &UserRef,
    ) -> Result<(), StoreError>;
    /// Deletes a record if its version is `expected`.
    async fn delete_item(&self, kind: &str, id: &str, expected: i64, by: &UserRef) -> Result<(), StoreError>;
    /// The changes to records after audit line `after`, in order, at most `limit`: for keeping
    /// a derived view (the search index) current, here and on other servers.
    async fn changes_after(&self, after: i64, limit: i64) -> Result<Vec<Change>, StoreError>;
    /// One record whoever may read it (for a derived view that applies access itself).
    async fn item_unchecked(&self, kind: &str, id: &str) -> Result<Option<StoredItem>, StoreError>;
    /// One record, if `caller` may read it.
    async fn item(&self, kind: &str, id: &str, caller: &Principal) -> Result<Option<StoredItem>, StoreError>;
    /// An earlier (or the current) version of a record, if `caller` may read the record.
    async fn item_version(
        &self,
        kind: &str,
        id: &str,
        version: i64,
        caller: &Principal,
    ) -> Result<Option<StoredItem>, StoreError>;
    /// Records `caller` may read, by title.
    async fn list_items(&self, query: &ItemQuery, caller: &Principal) -> Result<Page<StoredItem>, StoreError>;
    /// The titles, owners and data of those of `ids` that are records of `kind` that `caller` may read
    /// (an indexed lookup, for checking and naming the references a record holds).
    async fn visible_titles(
        &self,
        kind: &str,
        ids: &[String],
        caller: &Principal,
    ) -> Result<HashMap<String, Titled>, StoreError>;
    /// The audit log of the given organisations, newest first.
    async fn audit_log(&self, organisations: &[String], paging: Paging) -> Result<Page<AuditEntry>, StoreError>;
    /// How many register records there are in all, and how many of them have an id that starts
    /// with `prefix` (the example data), whoever may see them.
    async fn record_counts(&self, prefix: &str) -> Result<(u64, u64), StoreError>;
    /// A number that grows with every change of a register record (see
    /// [`crate::StatisticsStore::figures_version`]).
    async fn items_version(&self) -> Result<i64, StoreError>;
}

/// A change to a record, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Change {
    /// The audit line's number.
    pub id: i64,
    /// When.
    #[sqlx(rename = "tijdstip")]
    pub at: chrono::DateTime<chrono::Utc>,
    /// The record's kind.
    #[sqlx(rename = "soort")]
    pub kind: String,
    /// The record's id.
    pub item_id: String,
}

/// The name of a record: its title and the organisation that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titled {
    /// The title.
    pub title: String,
    /// The id of the owning organisation.
    pub owner: String,
    /// The record as stored (JSON), for a check that depends on what a reference holds (a
    /// contribution within its obligation's period).
    pub data: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ItemRow {
    soort: String,
    id: String,
    organisatie_id: String,
    zichtbaarheid: String,
    versie: i64,
    titel: String,
    gegevens: String,
    aangemaakt_op: chrono::DateTime<chrono::Utc>,
    gewijzigd_op: chrono::DateTime<chrono::Utc>,
    gewijzigd_door: String,
}

impl TryFrom<ItemRow> for StoredItem {
    type Error = StoreError;
    fn try_from(r: ItemRow) -> Result<StoredItem, StoreError> {
        Ok(StoredItem {
            kind: r.soort,
            id: r.id,
            owner: r.organisatie_id,
            visibility: Visibility::parse(&r.zichtbaarheid)
                .ok_or_else(|| StoreError::Corrupt(format!("zichtbaarheid '{}'", r.zichtbaarheid)))?,
            version: r.versie,
            title: r.titel,
            data: r.gegevens,
            created_at: r.aangemaakt_op,
            changed_at: r.gewijzigd_op,
            changed_by: r.gewijzigd_door,
        })
    }
}

pub(crate) const ITEM_SELECT: &str =
    "SELECT i.soort, i.id, i.organisatie_id, i.zichtbaarheid, i.versie, i.titel, i.gegevens, \
     i.aangemaakt_op, i.gewijzigd_op, i.gewijzigd_door FROM item i JOIN organisatie o ON o.id = i.organisatie_id";

pub(crate) const VERSION_SELECT: &str = "SELECT i.soort, i.id, i.organisatie_id, i.zichtbaarheid, i.versie, i.titel, i.gegevens, \
     i.op AS aangemaakt_op, i.op AS gewijzigd_op, i.door AS gewijzigd_door FROM item_versie i JOIN organisatie o ON o.id = i.organisatie_id";

/// The rows of a list of one kind on one theme, in title order from the theme's own index.
pub(crate) const THEMED_SELECT: &str =
    "SELECT i.soort, i.id, i.organisatie_id, i.zichtbaarheid, i.versie, i.titel, i.gegevens, \
     i.aangemaakt_op, i.gewijzigd_op, i.gewijzigd_door FROM item_thema t \
     JOIN item i ON i.soort = t.soort AND i.id = t.id JOIN organisatie o ON o.id = i.organisatie_id";

/// Adds `$3` (1 or -1) to the counts of record `$1`/`$2` as it now stands: its kind, owner and
/// visibility, for all records ('') and for each of its themes. In the order of the theme, so
/// that two writers take the rows' locks in the same order.
pub(crate) const TALLY: &str = "INSERT INTO item_telling (soort, begrip, organisatie_id, zichtbaarheid, aantal) \
     SELECT x.soort, x.begrip, x.organisatie_id, x.zichtbaarheid, $3 FROM ( \
       SELECT soort, '' AS begrip, organisatie_id, zichtbaarheid FROM item WHERE soort = $1 AND id = $2 \
       UNION ALL \
       SELECT i.soort, t.begrip, i.organisatie_id, i.zichtbaarheid FROM item i \
       JOIN item_thema t ON t.soort = i.soort AND t.id = i.id WHERE i.soort = $1 AND i.id = $2 \
     ) x WHERE 1 = 1 ORDER BY x.begrip \
     ON CONFLICT (soort, begrip, organisatie_id, zichtbaarheid) DO UPDATE SET aantal = item_telling.aantal + excluded.aantal";

/// Appends `AND (<caller may read i>)` for a query over `… i JOIN organisatie o`.
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

macro_rules! items_impl {
    ($store:ty, $db:ty) => {
        /// Writes register records in `tx`, each checked against its expectation.
        async fn write_items_in(
            tx: &mut sqlx::Transaction<'static, $db>,
            items: &[$crate::items::ItemWrite],
            by: &samenhang_domain::access::UserRef,
        ) -> Result<Vec<i64>, $crate::StoreError> {
            use $crate::items::Expect;
        let mut versions = Vec::with_capacity(items.len());
        let now = $crate::now();
        for item in items {
            let version = match item.expect {
                Expect::New => {
                    let done = sqlx::query(
                        "INSERT INTO item (soort, id, organisatie_id, zichtbaarheid, versie, titel, gegevens, \
                         aangemaakt_op, gewijzigd_op, gewijzigd_door) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $7, $8) \
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(item.kind)
                    .bind(&item.id)
                    .bind(&item.owner)
                    .bind(item.visibility.as_str())
                    .bind(&item.title)
                    .bind(&item.data)
                    .bind(now)
                    .bind(&by.name)
                    .execute(&mut **tx)
                    .await?;
                    if done.rows_affected() == 0 {
                        return Err($crate::StoreError::Exists(format!("{} '{}'", item.kind, item.id)));
                    }
                    1
                }
                Expect::Version(expected) => {
                    // Out of the counts as it stood; a failed UPDATE below rolls this back.
                    tally(tx, item.kind, &item.id, -1).await?;
                    // The version condition is in the UPDATE itself: of two writers
                    // with the same If-Match, exactly one changes the row.
                    let done = sqlx::query(
                        "UPDATE item SET organisatie_id = $1, zichtbaarheid = $2, versie = versie + 1, titel = $3, \
                         gegevens = $4, gewijzigd_op = $5, gewijzigd_door = $6 \
                         WHERE soort = $7 AND id = $8 AND versie = $9",
                    )
                    .bind(&item.owner)
                    .bind(item.visibility.as_str())
                    .bind(&item.title)
                    .bind(&item.data)
                    .bind(now)
                    .bind(&by.name)
                    .bind(item.kind)
                    .bind(&item.id)
                    .bind(expected)
                    .execute(&mut **tx)
                    .await?;
                    if done.rows_affected() == 0 {
                        let current: Option<i64> =
                            sqlx::query_scalar("SELECT versie FROM item WHERE soort = $1 AND id = $2")
                                .bind(item.kind)
                                .bind(&item.id)
                                .fetch_optional(&mut **tx)
                                .await?;
                        return Err(match current {
                            None => $crate::StoreError::Missing(format!("{} '{}'", item.kind, item.id)),
                            Some(current) => $crate::StoreError::Conflict { current },
                        });
                    }
                    for table in ["item_thema", "item_verwijzing", "item_sleutel"] {
                        sqlx::query(&format!("DELETE FROM {table} WHERE soort = $1 AND id = $2"))
                            .bind(item.kind)
                            .bind(&item.id)
                            .execute(&mut **tx)
                            .await?;
                    }
                    expected + 1
                }
            };
            let mut themes: Vec<&String> = item.themes.iter().collect();
            themes.sort();
            themes.dedup();
            for theme in themes {
                sqlx::query("INSERT INTO item_thema (soort, id, begrip, titel) VALUES ($1, $2, $3, $4)")
                    .bind(item.kind)
                    .bind(&item.id)
                    .bind(theme)
                    .bind(&item.title)
                    .execute(&mut **tx)
                    .await?;
            }
            tally(tx, item.kind, &item.id, 1).await?;
            for key in &item.keys {
                let done = sqlx::query(
                    "INSERT INTO item_sleutel (sleutel, soort, id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                )
                .bind(key)
                .bind(item.kind)
                .bind(&item.id)
                .execute(&mut **tx)
                .await?;
                if done.rows_affected() == 0 {
                    let holder: Option<(String, String)> =
                        sqlx::query_as("SELECT soort, id FROM item_sleutel WHERE sleutel = $1")
                            .bind(key)
                            .fetch_optional(&mut **tx)
                            .await?;
                    let (kind, id) = holder.unwrap_or_default();
                    return Err($crate::StoreError::KeyTaken { key: key.clone(), kind, id });
                }
            }
            let mut links: Vec<&(String, String)> = item.links.iter().collect();
            links.sort();
            links.dedup();
            for (kind, id) in links {
                sqlx::query("INSERT INTO item_verwijzing (soort, id, naar_soort, naar_id) VALUES ($1, $2, $3, $4)")
                    .bind(item.kind)
                    .bind(&item.id)
                    .bind(kind)
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO item_versie (soort, id, versie, organisatie_id, zichtbaarheid, titel, gegevens, op, door) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(item.kind)
            .bind(&item.id)
            .bind(version)
            .bind(&item.owner)
            .bind(item.visibility.as_str())
            .bind(&item.title)
            .bind(&item.data)
            .bind(now)
            .bind(&by.name)
            .execute(&mut **tx)
            .await?;
            let action = if version == 1 { "aangemaakt" } else { "gewijzigd" };
            audit(tx, by, &item.owner, action, item.kind, &item.id, Some(version), &item.title).await?;
            versions.push(version);
        }
            Ok(versions)
        }

        /// Deletes a record in `tx` if its version is `expected`; returns its owner and title.
        async fn delete_item_in(
            tx: &mut sqlx::Transaction<'static, $db>,
            kind: &str,
            id: &str,
            expected: i64,
        ) -> Result<(String, String), $crate::StoreError> {
        let row: Option<(i64, String, String)> =
            sqlx::query_as("SELECT versie, organisatie_id, titel FROM item WHERE soort = $1 AND id = $2")
                .bind(kind)
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        let (_, owner, title) = row.ok_or_else(|| $crate::StoreError::Missing(format!("{kind} '{id}'")))?;
        // Out of the counts; a failed DELETE below rolls this back.
        tally(tx, kind, id, -1).await?;
        for table in ["item_thema", "item_verwijzing", "item_sleutel"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE soort = $1 AND id = $2"))
                .bind(kind)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        let done = sqlx::query("DELETE FROM item WHERE soort = $1 AND id = $2 AND versie = $3")
            .bind(kind)
            .bind(id)
            .bind(expected)
            .execute(&mut **tx)
            .await?;
        if done.rows_affected() == 0 {
            let current: Option<i64> = sqlx::query_scalar("SELECT versie FROM item WHERE soort = $1 AND id = $2")
                .bind(kind)
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
            return Err(match current {
                None => $crate::StoreError::Missing(format!("{kind} '{id}'")),
                Some(current) => $crate::StoreError::Conflict { current },
            });
        }
            Ok((owner, title))
        }

        #[async_trait::async_trait]
        impl $crate::items::ItemStore for $store {
            async fn save_items(
                &self,
                items: &[$crate::items::ItemWrite],
                by: &samenhang_domain::access::UserRef,
            ) -> Result<Vec<i64>, $crate::StoreError> {
                self.save_and_delete(items, &[], by).await
            }

            async fn save_and_delete(
                &self,
                items: &[$crate::items::ItemWrite],
                deletes: &[$crate::items::ItemDelete],
                by: &samenhang_domain::access::UserRef,
            ) -> Result<Vec<i64>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let versions = write_items_in(&mut tx, items, by).await?;
                for d in deletes {
                    let (owner, _) = delete_item_in(&mut tx, d.kind, &d.id, d.version).await?;
                    audit(&mut tx, by, &owner, d.action, d.kind, &d.id, Some(d.version), &d.summary).await?;
                }
                bump_counter(&mut tx, "items").await?;
                tx.commit().await?;
                Ok(versions)
            }

            async fn linking_items(&self, kind: &str, id: &str) -> Result<Vec<$crate::items::StoredItem>, $crate::StoreError> {
                let rows: Vec<$crate::items::ItemRow> = sqlx::query_as(&format!(
                    "{} WHERE EXISTS (SELECT 1 FROM item_verwijzing v WHERE v.soort = i.soort AND v.id = i.id \
                     AND v.naar_soort = $1 AND v.naar_id = $2) ORDER BY i.soort, i.id",
                    $crate::items::ITEM_SELECT
                ))
                .bind(kind)
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn changes_after(&self, after: i64, limit: i64) -> Result<Vec<$crate::items::Change>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, tijdstip, soort, item_id FROM auditregel WHERE id > $1 AND item_id <> '' ORDER BY id LIMIT $2",
                )
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn item_unchecked(&self, kind: &str, id: &str) -> Result<Option<$crate::items::StoredItem>, $crate::StoreError> {
                let row: Option<$crate::items::ItemRow> =
                    sqlx::query_as(&format!("{} WHERE i.soort = $1 AND i.id = $2", $crate::items::ITEM_SELECT))
                        .bind(kind)
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn all_items(&self, kind: &str) -> Result<Vec<$crate::items::StoredItem>, $crate::StoreError> {
                let rows: Vec<$crate::items::ItemRow> =
                    sqlx::query_as(&format!("{} WHERE i.soort = $1 ORDER BY i.id", $crate::items::ITEM_SELECT))
                        .bind(kind)
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn erase_item(
                &self,
                kind: &'static str,
                id: &str,
                rewrites: &[$crate::items::ItemWrite],
                needles: &[String],
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                write_items_in(&mut tx, rewrites, by).await?;
                let version: Option<i64> = sqlx::query_scalar("SELECT versie FROM item WHERE soort = $1 AND id = $2")
                    .bind(kind)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let version = version.ok_or_else(|| $crate::StoreError::Missing(format!("{kind} '{id}'")))?;
                let (owner, _) = delete_item_in(&mut tx, kind, id, version).await?;
                sqlx::query("DELETE FROM item_versie WHERE soort = $1 AND id = $2")
                    .bind(kind)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE auditregel SET samenvatting = '[gewist]' WHERE soort = $1 AND item_id = $2")
                    .bind(kind)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                for needle in needles.iter().filter(|n| n.chars().count() >= 3) {
                    let like = format!("%{}%", needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                    for (table, column) in [
                        ("item", "gegevens"),
                        ("item", "titel"),
                        ("item_versie", "gegevens"),
                        ("item_versie", "titel"),
                        ("item_thema", "titel"),
                        ("auditregel", "samenvatting"),
                    ] {
                        sqlx::query(&format!(
                            "UPDATE {table} SET {column} = REPLACE({column}, $1, '[gewist]') WHERE {column} LIKE $2 ESCAPE '\\'"
                        ))
                        .bind(needle)
                        .bind(&like)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                audit(&mut tx, by, &owner, "gewist", kind, id, None, "Persoonsgegevens gewist op verzoek").await?;
                bump_counter(&mut tx, "items").await?;
                tx.commit().await?;
                self.after_erase().await
            }

            async fn delete_item(
                &self,
                kind: &str,
                id: &str,
                expected: i64,
                by: &samenhang_domain::access::UserRef,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let (owner, title) = delete_item_in(&mut tx, kind, id, expected).await?;
                audit(&mut tx, by, &owner, "verwijderd", kind, id, Some(expected), &title).await?;
                bump_counter(&mut tx, "items").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn item(
                &self,
                kind: &str,
                id: &str,
                caller: &samenhang_domain::access::Principal,
            ) -> Result<Option<$crate::items::StoredItem>, $crate::StoreError> {
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new($crate::items::ITEM_SELECT);
                b.push(" WHERE i.soort = ").push_bind(kind.to_string());
                b.push(" AND i.id = ").push_bind(id.to_string());
                $crate::items::push_visibility(&mut b, caller);
                let row: Option<$crate::items::ItemRow> = b.build_query_as().fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn item_version(
                &self,
                kind: &str,
                id: &str,
                version: i64,
                caller: &samenhang_domain::access::Principal,
            ) -> Result<Option<$crate::items::StoredItem>, $crate::StoreError> {
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new($crate::items::VERSION_SELECT);
                b.push(" WHERE i.soort = ").push_bind(kind.to_string());
                b.push(" AND i.id = ").push_bind(id.to_string());
                b.push(" AND i.versie = ").push_bind(version);
                $crate::items::push_visibility(&mut b, caller);
                let row: Option<$crate::items::ItemRow> = b.build_query_as().fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn list_items(
                &self,
                query: &$crate::items::ItemQuery,
                caller: &samenhang_domain::access::Principal,
            ) -> Result<$crate::Page<$crate::items::StoredItem>, $crate::StoreError> {
                fn filters(
                    b: &mut sqlx::QueryBuilder<'_, $db>,
                    q: &$crate::items::ItemQuery,
                    caller: &samenhang_domain::access::Principal,
                ) {
                    b.push(" WHERE 1 = 1");
                    if let Some(kind) = q.kind {
                        b.push(" AND i.soort = ").push_bind(kind.to_string());
                    }
                    if let (Some(theme), Some(_)) = (&q.theme, q.kind) {
                        // Driven by the theme's index (THEMED_SELECT).
                        b.push(" AND t.begrip = ").push_bind(theme.clone());
                    }
                    if let Some(owner) = &q.owner {
                        b.push(" AND i.organisatie_id = ").push_bind(owner.clone());
                    }
                    if let Some(title) = &q.title {
                        b.push(" AND i.titel = ").push_bind(title.clone());
                    }
                    if let (Some(theme), None) = (&q.theme, q.kind) {
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
                    $crate::items::push_visibility(b, caller);
                }
                let themed = query.theme.is_some() && query.kind.is_some();
                let mut count: sqlx::QueryBuilder<$db> = match (query.kind, &query.owner, &query.title, &query.linked_to) {
                    // A kind, perhaps on a theme: the sum of the counts the caller may see.
                    (Some(kind), None, None, None) => {
                        let mut count = sqlx::QueryBuilder::new(
                            "SELECT CAST(COALESCE(SUM(i.aantal), 0) AS BIGINT) FROM item_telling i \
                             JOIN organisatie o ON o.id = i.organisatie_id WHERE i.soort = ",
                        );
                        count.push_bind(kind.to_string()).push(" AND i.begrip = ");
                        count.push_bind(query.theme.clone().unwrap_or_default());
                        $crate::items::push_visibility(&mut count, caller);
                        count
                    }
                    _ => {
                        let mut count = sqlx::QueryBuilder::new(if themed {
                            "SELECT COUNT(*) FROM item_thema t JOIN item i ON i.soort = t.soort AND i.id = t.id \
                             JOIN organisatie o ON o.id = i.organisatie_id"
                        } else {
                            "SELECT COUNT(*) FROM item i JOIN organisatie o ON o.id = i.organisatie_id"
                        });
                        filters(&mut count, query, caller);
                        count
                    }
                };
                let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(if themed {
                    $crate::items::THEMED_SELECT
                } else {
                    $crate::items::ITEM_SELECT
                });
                filters(&mut b, query, caller);
                b.push(if themed { " ORDER BY t.titel, t.id LIMIT " } else { " ORDER BY i.titel, i.id LIMIT " })
                    .push_bind(i64::from(query.paging.page_size))
                    .push(" OFFSET ")
                    .push_bind(query.paging.offset());
                // The total and the page at once, on two connections.
                let (total, rows): (i64, Vec<$crate::items::ItemRow>) = futures_util::future::try_join(
                    count.build_query_scalar().fetch_one(&self.pool),
                    b.build_query_as().fetch_all(&self.pool),
                )
                .await?;
                Ok($crate::Page {
                    items: rows.into_iter().map(TryInto::try_into).collect::<Result<_, _>>()?,
                    total: $crate::count(total),
                })
            }

            async fn visible_titles(
                &self,
                kind: &str,
                ids: &[String],
                caller: &samenhang_domain::access::Principal,
            ) -> Result<std::collections::HashMap<String, $crate::items::Titled>, $crate::StoreError> {
                let mut out = std::collections::HashMap::new();
                for chunk in ids.chunks($crate::CHUNK) {
                    let mut b: sqlx::QueryBuilder<$db> = sqlx::QueryBuilder::new(
                        "SELECT i.id, i.titel, i.organisatie_id, i.gegevens FROM item i JOIN organisatie o ON o.id = i.organisatie_id WHERE i.soort = ",
                    );
                    b.push_bind(kind.to_string()).push(" AND i.id IN (");
                    let mut sep = b.separated(", ");
                    for id in chunk {
                        sep.push_bind(id.clone());
                    }
                    b.push(")");
                    $crate::items::push_visibility(&mut b, caller);
                    let found: Vec<(String, String, String, String)> = b.build_query_as().fetch_all(&self.pool).await?;
                    out.extend(
                        found
                            .into_iter()
                            .map(|(id, title, owner, data)| (id, $crate::items::Titled { title, owner, data })),
                    );
                }
                Ok(out)
            }

            async fn audit_log(
                &self,
                organisations: &[String],
                paging: $crate::Paging,
            ) -> Result<$crate::Page<$crate::items::AuditEntry>, $crate::StoreError> {
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
                let items: Vec<$crate::items::AuditEntry> = b.build_query_as().fetch_all(&self.pool).await?;
                Ok($crate::Page {
                    items,
                    total: $crate::count(total),
                })
            }

            async fn record_counts(&self, prefix: &str) -> Result<(u64, u64), $crate::StoreError> {
                let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM item").fetch_one(&self.pool).await?;
                let with: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM item WHERE id LIKE $1 ESCAPE '\\'")
                    .bind(format!("{}%", prefix.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
                    .fetch_one(&self.pool)
                    .await?;
                Ok(($crate::count(all), $crate::count(with)))
            }

            async fn items_version(&self) -> Result<i64, $crate::StoreError> {
                let v: Option<i64> = sqlx::query_scalar("SELECT teller FROM wijzigingsteller WHERE naam = 'items'")
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(v.unwrap_or(0))
            }
        }
    };
}
