// SPDX-License-Identifier: EUPL-1.2
//! The embedded default: one SQLite file in WAL mode, read by a pool of read-only connections
//! and written by one connection.
//!
//! SQLite allows one writer at a time. A second writer that starts a transaction with a read
//! and then writes fails with `SQLITE_BUSY` (code 5, or 517 when its snapshot is stale) instead
//! of waiting. So every write runs on the single writer connection, in a transaction opened
//! with `BEGIN IMMEDIATE` (which takes the write lock at once): writers of this process queue
//! for that connection, and a writer in another process (`samenhang import` while the server
//! runs) is waited for through the busy timeout.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Pool, Sqlite};

use crate::StoreError;

/// How long a write waits for the database (another process's import, or a queue of writers).
pub const WRITE_WAIT: Duration = Duration::from_secs(30);

/// A store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: Pool<Sqlite>,
    writer: Pool<Sqlite>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and runs the migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, true).await
    }

    /// Opens the existing database file as it is: nothing created, no migration.
    pub async fn open_existing(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, false).await
    }

    async fn open_with(path: &Path, create_and_migrate: bool) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Deleted content is overwritten, so that an erased person is not left in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(WRITE_WAIT);
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(WRITE_WAIT)
            .connect_with(options.clone().create_if_missing(create_and_migrate))
            .await?;
        if create_and_migrate {
            sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await?;
        Ok(SqliteStore { pool, writer })
    }

    /// A write transaction on the writer connection, holding the write lock from the start.
    /// After an erasure: the write-ahead log, which still holds the old pages, is written
    /// back and emptied.
    async fn after_erase(&self) -> Result<(), StoreError> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }
}

#[async_trait::async_trait]
impl crate::Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn exclusive(&self, _scope: &str) -> Result<crate::Exclusive, StoreError> {
        Ok(crate::Exclusive::none())
    }
}

support_impl!(Sqlite);
regions_impl!(SqliteStore, Sqlite, "sqlite");
statistics_impl!(SqliteStore, Sqlite, "INSERT OR IGNORE INTO", "");
vocabulary_impl!(SqliteStore, Sqlite);
accounts_impl!(SqliteStore, Sqlite);
items_impl!(SqliteStore, Sqlite);

backup_common_impl!(Sqlite);

/// The cells of a SQLite row, by the type of each value.
fn sqlite_cells(row: &sqlx::sqlite::SqliteRow) -> Result<Vec<crate::backup::Cell>, StoreError> {
    use crate::backup::Cell;
    use sqlx::{Row, TypeInfo, ValueRef};
    let mut out = Vec::with_capacity(row.len());
    for i in 0..row.len() {
        let ty = {
            let raw = row.try_get_raw(i)?;
            if raw.is_null() {
                None
            } else {
                Some(raw.type_info().name().to_string())
            }
        };
        out.push(match ty.as_deref() {
            None => Cell::Null,
            Some("INTEGER") => Cell::Int(row.try_get_unchecked::<i64, _>(i)?),
            Some("REAL") => Cell::Real(row.try_get_unchecked::<f64, _>(i)?),
            Some("TEXT") => Cell::Text(row.try_get_unchecked::<String, _>(i)?),
            Some(other) => return Err(StoreError::Backup(format!("waarde van het type {other} in kolom {i}"))),
        });
    }
    Ok(out)
}

#[async_trait::async_trait]
impl crate::backup::BackupStore for SqliteStore {
    async fn schema_version(&self) -> Result<i64, StoreError> {
        newest_migration(&self.pool).await
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(count_all(&self.pool).await? == 0)
    }

    async fn dump(&self, sink: &mut crate::backup::Sink<'_>) -> Result<(), StoreError> {
        // One read transaction: in WAL mode its first read fixes the picture for all tables.
        let mut tx = self.pool.begin().await?;
        dump_tables!(tx, sink, sqlite_cells, "");
        tx.rollback().await?;
        Ok(())
    }

    async fn restore(&self, source: &mut crate::backup::Source<'_>, replace: bool) -> Result<u64, StoreError> {
        use crate::backup::{known_table, plain_column, Cell};
        let mut tx = self.begin_write().await?;
        empty_for_restore!(tx, replace);
        let mut written = 0u64;
        while let Some(batch) = source().map_err(StoreError::Backup)? {
            let table = known_table(&batch.table)?;
            if batch.rows.is_empty() {
                continue;
            }
            let columns: Vec<&str> = batch
                .columns
                .iter()
                .map(|c| plain_column(c))
                .collect::<Result<_, _>>()?;
            // SQLite takes at most 32,766 parameters in one statement.
            let per = (30_000 / columns.len().max(1)).max(1);
            for chunk in batch.rows.chunks(per) {
                let mut b: sqlx::QueryBuilder<Sqlite> =
                    sqlx::QueryBuilder::new(format!("INSERT INTO {table} ({}) ", columns.join(", ")));
                b.push_values(chunk, |mut v, row| {
                    for cell in row {
                        match cell {
                            Cell::Null => v.push_bind(None::<String>),
                            Cell::Int(i) => v.push_bind(*i),
                            Cell::Real(r) => v.push_bind(*r),
                            Cell::Text(s) => v.push_bind(s.clone()),
                        };
                    }
                });
                b.build().execute(&mut *tx).await?;
                written += chunk.len() as u64;
            }
        }
        tx.commit().await?;
        if replace {
            // The replaced data is not left in the write-ahead log.
            self.after_erase().await?;
        }
        Ok(written)
    }
}
