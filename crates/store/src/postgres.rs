// SPDX-License-Identifier: EUPL-1.2
//! The scale-out path: PostgreSQL, for `postgres://…` URLs. Several servers may share one
//! database: every versioned write checks its version in the statement that changes the row,
//! and the change counters (`wijzigingsteller`) tell each server when another one changed the
//! figures, the begrippenkader or the registers.

use sqlx::postgres::PgPoolOptions;
use sqlx::{Pool, Postgres};

use crate::StoreError;

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: Pool<Postgres>,
}

impl PgStore {
    /// Connects and runs the migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(std::time::Duration::from_secs(30))
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(PgStore { pool })
    }

    /// After an erasure: the dead row versions that still hold the erased data are vacuumed, so
    /// that their space is freed and reused.
    async fn after_erase(&self) -> Result<(), StoreError> {
        sqlx::query("VACUUM item, item_versie, item_thema, auditregel")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A write transaction.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Postgres>, sqlx::Error> {
        self.pool.begin().await
    }
}

impl crate::Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }
}

support_impl!(Postgres);
regions_impl!(PgStore, Postgres, "postgres");
statistics_impl!(PgStore, Postgres);
vocabulary_impl!(PgStore, Postgres);
accounts_impl!(PgStore, Postgres);
items_impl!(PgStore, Postgres);

/// Creates a new, empty database next to the one `admin_url` points at and returns its URL.
/// Used by test suites so that every test gets a fresh PostgreSQL database.
pub async fn create_scratch_database(admin_url: &str, prefix: &str) -> Result<String, StoreError> {
    use sqlx::Connection;
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!("{prefix}_{}_{}_{n}", std::process::id(), nanos);
    let mut conn = sqlx::PgConnection::connect(admin_url).await?;
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin_url, String::new()),
    };
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    Ok(format!("{base}/{name}{query}"))
}
