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
            .connect_with(options.clone().create_if_missing(true))
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
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

impl crate::Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }
}

support_impl!(Sqlite);
regions_impl!(SqliteStore, Sqlite, "sqlite");
statistics_impl!(SqliteStore, Sqlite);
vocabulary_impl!(SqliteStore, Sqlite);
accounts_impl!(SqliteStore, Sqlite);
items_impl!(SqliteStore, Sqlite);
