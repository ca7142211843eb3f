// SPDX-License-Identifier: EUPL-1.2
//! Storage for Samenhang: focused traits, one [`Store`] over all of them, two implementations.
//!
//! Layout:
//! - this file: [`Store`] (the blanket trait handlers hold as `Arc<dyn Store>`), [`StoreError`],
//!   paging, and [`connect`], which picks the backend from the database URL;
//! - [`regions`]: the region registry and herindelingen ([`RegionStore`]);
//! - [`statistics`]: CBS tables, measures, codes and observations, and imports ([`StatisticsStore`]);
//! - [`vocabulary`]: begrippenkaders and concept versions ([`VocabularyStore`]);
//! - [`accounts`]: organisations, users, roles, sessions, API keys and login attempts
//!   ([`AccountStore`]);
//! - [`items`]: register records with their visibility, themes, links and the audit log
//!   ([`ItemStore`]); every read takes the caller and filters in SQL;
//! - [`backup`]: every table read as backend-neutral cells and written back ([`BackupStore`]);
//! - [`sqlite`]: the embedded default, one file in the data directory, WAL mode, one writer;
//! - [`postgres`]: the scale-out path, for `postgres://…` URLs.
//!
//! Each trait's SQL is written once, with `$N` placeholders that both backends accept, in a
//! macro (`regions_impl!`, …) that each backend instantiates; sqlx has no object-safe executor
//! that spans both without `sqlx::Any`. Rows are read into `sqlx::FromRow` structs and turned
//! into domain types there.
//!
//! Writes go through [`sqlite::SqliteStore`]'s single writer connection (`BEGIN IMMEDIATE`), so
//! concurrent writers queue instead of failing with "database is locked"; on PostgreSQL every
//! versioned write carries its version condition in the `UPDATE` itself, so two writers with the
//! same `If-Match` can never both win.
//!
//! Each backend has its own migrations (`migrations/sqlite`, `migrations/postgres`), run by
//! [`connect`]. Loads are transactional: a failed load leaves the database as it was.
//! This crate depends on the domain crate only; it never reads source files.

use std::sync::Arc;

use samenhang_domain::codes::{MunicipalityCode, RegionCode};

#[macro_use]
pub mod accounts;
#[macro_use]
pub mod backup;
#[macro_use]
pub mod items;
#[macro_use]
pub mod regions;
#[macro_use]
pub mod statistics;
#[macro_use]
pub mod vocabulary;

/// Helpers every backend's SQL uses, instantiated once per backend module (like the trait
/// macros): the audit line, the change counters other servers poll, the list counts, and the
/// beheerder count.
macro_rules! support_impl {
    ($db:ty) => {
        /// Appends one line to the audit log, in the transaction of the change.
        #[allow(clippy::too_many_arguments)]
        async fn audit(
            tx: &mut sqlx::Transaction<'static, $db>,
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
            .bind($crate::now())
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

        /// Counts a change of `name` (cijfers, begrippen, items) in the same transaction, so
        /// that other servers on the same database notice it.
        async fn bump_counter(tx: &mut sqlx::Transaction<'static, $db>, name: &str) -> Result<(), $crate::StoreError> {
            sqlx::query(
                "INSERT INTO wijzigingsteller (naam, teller) VALUES ($1, 1) \
                 ON CONFLICT (naam) DO UPDATE SET teller = wijzigingsteller.teller + 1",
            )
            .bind(name)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// Adds `delta` to the list counts of a record as it now stands
        /// ([`crate::items::TALLY`]).
        async fn tally(
            tx: &mut sqlx::Transaction<'static, $db>,
            kind: &str,
            id: &str,
            delta: i64,
        ) -> Result<(), $crate::StoreError> {
            sqlx::query($crate::items::TALLY)
                .bind(kind)
                .bind(id)
                .bind(delta)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        /// The number of beheerders of an organisation.
        async fn admin_count(tx: &mut sqlx::Transaction<'static, $db>, organisation: &str) -> Result<i64, $crate::StoreError> {
            Ok(
                sqlx::query_scalar("SELECT COUNT(*) FROM rol WHERE organisatie_id = $1 AND rol = 'beheerder'")
                    .bind(organisation)
                    .fetch_one(&mut **tx)
                    .await?,
            )
        }
    };
}

pub mod postgres;
pub mod sqlite;

pub use accounts::AccountStore;
pub use backup::BackupStore;
pub use items::ItemStore;
pub use regions::{RegionQuery, RegionStore, ReorganisationQuery, Summary};
pub use statistics::{ImportSession, StatisticsStore, StoredDataset, StoredMeasure};
pub use vocabulary::{ConceptVersion, StoredVocabulary, VocabularyStore};

/// Every storage trait, for `use samenhang_store::prelude::*`.
pub mod prelude {
    pub use crate::{AccountStore, BackupStore, ItemStore, RegionStore, StatisticsStore, Store, VocabularyStore};
}

/// The time of a write, to the microsecond: PostgreSQL keeps no more, so SQLite keeps the same
/// and a record reads the same on both backends (and after a backup moved it between them).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}

/// Why a storage call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or a statement failed.
    #[error("databasefout: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migratie mislukt: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database holds a value the domain does not accept.
    #[error("onverwachte waarde in de database: {0}")]
    Corrupt(String),
    /// The database URL is not one we support.
    #[error("database-URL niet ondersteund: '{0}' (gebruik sqlite://… of postgres://…)")]
    UnsupportedUrl(String),
    /// The region registry is already loaded.
    #[error("de gebiedsindeling is al geladen")]
    AlreadyLoaded,
    /// Someone else changed the record since it was read (optimistic locking).
    #[error("het record is intussen gewijzigd (versie {current})")]
    Conflict {
        /// The version now stored.
        current: i64,
    },
    /// A record with that id or key already exists.
    #[error("bestaat al: {0}")]
    Exists(String),
    /// The record to change does not exist.
    #[error("bestaat niet: {0}")]
    Missing(String),
    /// The change would leave an organisation without a beheerder.
    #[error("de organisatie '{0}' houdt dan geen beheerder over")]
    LastAdmin(String),
    /// Two observations of an import have the same key.
    #[error("dubbele waarneming: {0}")]
    Duplicate(statistics::ObservationKey),
    /// A backup could not be read or written, or does not fit the database.
    #[error("backup: {0}")]
    Backup(String),
    /// Another record of the kind already has this unique key.
    #[error("de sleutel '{key}' hoort al bij {kind} '{id}'")]
    KeyTaken {
        /// The key.
        key: String,
        /// The kind of the record that holds it.
        kind: String,
        /// The id of the record that holds it.
        id: String,
    },
}

impl StoreError {
    /// Whether the database was too busy to take the write in time (a queue that did not clear,
    /// or another process holding the SQLite file): worth trying again, not a fault of the input.
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut) => true,
            StoreError::Database(sqlx::Error::Database(e)) => {
                // SQLite: SQLITE_BUSY (5) and its extended codes (e.g. 517, BUSY_SNAPSHOT);
                // SQLITE_LOCKED (6). PostgreSQL: lock_not_available, serialization_failure,
                // deadlock_detected.
                // A deadlock (40P01) between two writers of the same counts is retried too.
                matches!(
                    e.code().as_deref(),
                    Some("5" | "6" | "517" | "261" | "55P03" | "40001" | "40P01")
                )
            }
            _ => false,
        }
    }
}

/// A page of results with the total count over all pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Number of items over all pages.
    pub total: u64,
}

/// Paging: 1-based page number and page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
}

impl Paging {
    /// Everything on one page.
    pub const ALL: Paging = Paging {
        page: 1,
        page_size: u32::MAX / 2,
    };

    fn offset(self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.page_size)
    }
}

/// Everything the application stores. Handlers hold an `Arc<dyn Store>`.
#[async_trait::async_trait]
pub trait Store:
    RegionStore + StatisticsStore + VocabularyStore + AccountStore + ItemStore + BackupStore + Send + Sync + 'static
{
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    /// Takes the database-wide lock named `scope` until the returned value is dropped, so that
    /// a check of other records and the write it allows do not interleave with another
    /// server's. On PostgreSQL a transaction that holds `pg_advisory_xact_lock` (released when
    /// the transaction ends, also if the server dies); on SQLite nothing, because one server
    /// owns the file and the application serialises its own writers.
    async fn exclusive(&self, scope: &str) -> Result<Exclusive, StoreError>;
}

/// A database-wide lock, held until dropped (see [`Store::exclusive`]).
pub struct Exclusive {
    _held: Option<Box<dyn Send>>,
}

impl Exclusive {
    /// A lock that holds nothing in the database.
    pub fn none() -> Exclusive {
        Exclusive { _held: None }
    }

    /// A lock held by `value` (a transaction) until it is dropped.
    pub fn held_by(value: impl Send + 'static) -> Exclusive {
        Exclusive {
            _held: Some(Box::new(value)),
        }
    }
}

impl std::fmt::Debug for Exclusive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exclusive")
            .field("held", &self._held.is_some())
            .finish()
    }
}

/// Opens the database named by `url` (`sqlite://path` or `postgres://…`) and runs its migrations.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url).await?))
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        Ok(Arc::new(sqlite::SqliteStore::open(std::path::Path::new(path)).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_string()))
    }
}

/// Opens an existing database as it is: no file is created and no migration runs (for a
/// backup, which must neither change the database under running servers nor back up a new,
/// empty one made by a mistyped path).
pub async fn connect_existing(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect_existing(url).await?))
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        let path = std::path::Path::new(path);
        if !path.exists() {
            return Err(StoreError::Backup(format!("er is geen database {}", path.display())));
        }
        Ok(Arc::new(sqlite::SqliteStore::open_existing(path).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_string()))
    }
}

/// The newest migration this version of Samenhang knows (both backends number theirs alike).
pub fn latest_migration() -> i64 {
    sqlx::migrate!("./migrations/sqlite")
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// Rows per multi-row INSERT; well under SQLite's limit on bound variables.
pub(crate) const CHUNK: usize = 400;
/// Observations (5 columns each) or triples per multi-row INSERT. An import builds the next
/// statement while the previous one runs, so a batch of 5,000 observations makes five.
pub(crate) const OBSERVATION_CHUNK: usize = 1000;

fn parse_code(s: &str) -> Result<RegionCode, StoreError> {
    RegionCode::parse(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn parse_municipality(s: &str) -> Result<MunicipalityCode, StoreError> {
    MunicipalityCode::parse(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_pattern(needle: &str) -> String {
    let mut out = String::from("%");
    for c in samenhang_domain::region::fold_for_search(needle).chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
