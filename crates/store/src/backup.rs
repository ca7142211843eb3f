// SPDX-License-Identifier: EUPL-1.2
//! Backup and restore at the level of tables: every table of [`TABLES`] read in one consistent
//! read transaction, row by row, as backend-neutral [`Cell`]s; and written back into an empty
//! database of either backend in one transaction. The file format is not here (that is
//! `samenhang_registers::backup`), nor the use-case (`samenhang_app::backup`).
//!
//! Values travel in the form the SQLite backend stores them, so that a restore into SQLite
//! writes what SQLite itself would have written: integers, reals, text; a PostgreSQL `DATE` as
//! `2026-12-04`, a `TIMESTAMPTZ` as sqlx writes a `DateTime<Utc>` into SQLite
//! (`2026-12-04T10:00:00.5+00:00`). A restore into PostgreSQL converts back by the type of each
//! target column.

use async_trait::async_trait;

use crate::StoreError;

/// Every table a backup holds, in the order a restore fills them (a table after those it
/// refers to). A test checks that these and [`NOT_BACKED_UP`] are every table the migrations
/// create.
pub const TABLES: &[&str] = &[
    "gebied",
    "lidmaatschap",
    "herindeling",
    "herindeling_gemeente",
    "herindeling_overgang",
    "gegevensset",
    "bron",
    "maatstaf",
    "dimensiecode",
    "dimensiegroep",
    "reeks",
    "waarneming",
    "begrippenkader",
    "begrip_triple",
    "begrip_versie",
    "organisatie",
    "gebruiker",
    "rol",
    "api_sleutel",
    "item",
    "item_thema",
    "item_verwijzing",
    "auditregel",
    "item_versie",
    "wijzigingsteller",
    "item_telling",
    "item_sleutel",
    "eigen_cijfer",
    "vergelijkingsgroep",
];

/// Tables a backup leaves out: sessions, failed-login counts, one-time links (invitations,
/// password resets) and OIDC logins in progress are of the moment (a restored session could be
/// one that was logged out since, a restored link one that was used). A restore empties them;
/// everyone logs in again.
pub const NOT_BACKED_UP: &[&str] = &["sessie", "inlogpoging", "eenmalige_link", "oidc_aanvraag"];

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Text (also dates and timestamps, see the module documentation).
    Text(String),
}

/// What a dump hands over, in order: a table's columns, then its rows in batches.
#[derive(Debug)]
pub enum DumpEvent<'a> {
    /// The next table and its columns (empty when the table has no rows).
    Table {
        /// The table.
        name: &'static str,
        /// Its columns, in the order of the cells of its rows.
        columns: Vec<String>,
    },
    /// Rows of the current table.
    Rows(&'a [Vec<Cell>]),
}

/// Rows to restore into one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// The table (one of [`TABLES`]).
    pub table: String,
    /// The columns of the cells.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// The sink a dump writes to; an error stops the dump.
pub type Sink<'s> = dyn FnMut(DumpEvent<'_>) -> Result<(), String> + Send + 's;
/// The source a restore reads batches from, `None` at the end; an error stops the restore and
/// nothing is written.
pub type Source<'s> = dyn FnMut() -> Result<Option<Batch>, String> + Send + 's;

/// Rows per batch handed to a sink.
pub const DUMP_BATCH: usize = 2_000;

/// Backup and restore of the whole database.
#[async_trait]
pub trait BackupStore {
    /// The number of the newest migration applied (both backends number theirs alike).
    async fn schema_version(&self) -> Result<i64, StoreError>;
    /// Whether every table of [`TABLES`] is empty.
    async fn is_empty(&self) -> Result<bool, StoreError>;
    /// Reads every table of [`TABLES`], in one read transaction (a consistent picture while
    /// other connections write), into `sink`.
    async fn dump(&self, sink: &mut Sink<'_>) -> Result<(), StoreError>;
    /// Writes the batches of `source` into the database in one transaction: into an empty
    /// database, or, with `replace`, after removing everything there is. Returns the number of
    /// rows written. On any error nothing changes.
    async fn restore(&self, source: &mut Source<'_>, replace: bool) -> Result<u64, StoreError>;
}

/// The table named `name`, if it is one of [`TABLES`] (the only names put into SQL).
pub(crate) fn known_table(name: &str) -> Result<&'static str, StoreError> {
    TABLES
        .iter()
        .copied()
        .find(|t| *t == name)
        .ok_or_else(|| StoreError::Backup(format!("onbekende tabel '{name}'")))
}

/// Whether `column` is a plain column name (lower case, digits, underscores), the only names
/// put into SQL; the target's columns are checked against the database too.
pub(crate) fn plain_column(column: &str) -> Result<&str, StoreError> {
    if !column.is_empty()
        && column.len() <= 63
        && column
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(column)
    } else {
        Err(StoreError::Backup(format!("ongeldige kolomnaam '{column}'")))
    }
}

/// A timestamp as the SQLite backend stores it.
pub(crate) fn sqlite_timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// Reads every table of [`TABLES`] on the open transaction `$tx` into `$sink`, each row turned
/// into cells by `$cells`; `$order` ends each `SELECT` (an ordering, or nothing).
macro_rules! dump_tables {
    ($tx:expr, $sink:expr, $cells:path, $order:literal) => {{
        use futures_util::TryStreamExt;
        use sqlx::{Column, Row};
        use $crate::backup::{DumpEvent, DUMP_BATCH, TABLES};
        for t in TABLES {
            let sql = format!("SELECT * FROM {t}{}", $order);
            let mut rows = sqlx::query(&sql).fetch(&mut *$tx);
            let mut batch = Vec::with_capacity(DUMP_BATCH);
            let mut started = false;
            while let Some(row) = rows.try_next().await? {
                if !started {
                    let columns = row.columns().iter().map(|c| c.name().to_string()).collect();
                    $sink(DumpEvent::Table { name: t, columns }).map_err($crate::StoreError::Backup)?;
                    started = true;
                }
                batch.push($cells(&row)?);
                if batch.len() == DUMP_BATCH {
                    $sink(DumpEvent::Rows(&batch)).map_err($crate::StoreError::Backup)?;
                    batch.clear();
                }
            }
            drop(rows);
            if !started {
                $sink(DumpEvent::Table {
                    name: t,
                    columns: Vec::new(),
                })
                .map_err($crate::StoreError::Backup)?;
            }
            if !batch.is_empty() {
                $sink(DumpEvent::Rows(&batch)).map_err($crate::StoreError::Backup)?;
            }
        }
    }};
}

/// On the open write transaction `$tx`: refuses a database that holds rows unless `$replace`,
/// and then removes them all (sessions first, then the reverse order of [`TABLES`]).
macro_rules! empty_for_restore {
    ($tx:expr, $replace:expr) => {{
        let mut existing = 0i64;
        for t in $crate::backup::TABLES {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}"))
                .fetch_one(&mut *$tx)
                .await?;
            existing += n;
        }
        if existing > 0 && !$replace {
            return Err($crate::StoreError::Backup(format!(
                "de database is niet leeg ({existing} rijen); herstel alleen in een lege database, of vervang wat er is"
            )));
        }
        for t in $crate::backup::NOT_BACKED_UP.iter().chain($crate::backup::TABLES.iter().rev()) {
            sqlx::query(&format!("DELETE FROM {t}")).execute(&mut *$tx).await?;
        }
    }};
}

/// Counts the rows of every table; true when all are empty.
macro_rules! backup_common_impl {
    ($db:ty) => {
        async fn count_all(pool: &sqlx::Pool<$db>) -> Result<i64, $crate::StoreError> {
            let mut total = 0i64;
            for t in $crate::backup::TABLES {
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}"))
                    .fetch_one(pool)
                    .await?;
                total += n;
            }
            Ok(total)
        }

        async fn newest_migration(pool: &sqlx::Pool<$db>) -> Result<i64, $crate::StoreError> {
            let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
                .fetch_one(pool)
                .await?;
            Ok(v.unwrap_or(0))
        }
    };
}
