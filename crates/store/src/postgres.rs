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
        let store = Self::connect_existing(url).await?;
        sqlx::migrate!("./migrations/postgres").run(&store.pool).await?;
        Ok(store)
    }

    /// Connects to the database as it is, without migrating.
    pub async fn connect_existing(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(std::time::Duration::from_secs(30))
            .connect(url)
            .await?;
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

#[async_trait::async_trait]
impl crate::Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn exclusive(&self, scope: &str) -> Result<crate::Exclusive, StoreError> {
        let mut tx = self.pool.begin().await?;
        // hashtext gives the 32-bit key of the scope's name; the lock ends with the transaction,
        // which is rolled back when the value is dropped.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind(scope)
            .execute(&mut *tx)
            .await?;
        Ok(crate::Exclusive::held_by(tx))
    }
}

support_impl!(Postgres);
regions_impl!(PgStore, Postgres, "postgres");
statistics_impl!(PgStore, Postgres, "INSERT INTO", " ON CONFLICT DO NOTHING");
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

/// Drops the database `url` points at, ending its connections first (the counterpart of
/// [`create_scratch_database`]; tests use it to take a running server's database away).
pub async fn drop_database(admin_url: &str, url: &str) -> Result<(), StoreError> {
    use sqlx::Connection;
    let name = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| !n.is_empty() && !n.contains('"'))
        .ok_or_else(|| StoreError::Corrupt(format!("geen databasenaam in {url}")))?;
    let mut conn = sqlx::PgConnection::connect(admin_url).await?;
    sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

backup_common_impl!(Postgres);

/// The cells of a PostgreSQL row, by the type of each column (see `crate::backup`).
fn pg_cells(row: &sqlx::postgres::PgRow) -> Result<Vec<crate::backup::Cell>, StoreError> {
    use crate::backup::{sqlite_timestamp, Cell};
    use sqlx::{Column, Row, TypeInfo, ValueRef};
    let mut out = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        if row.try_get_raw(i)?.is_null() {
            out.push(Cell::Null);
            continue;
        }
        out.push(match column.type_info().name() {
            "INT8" => Cell::Int(row.try_get::<i64, _>(i)?),
            "INT4" => Cell::Int(i64::from(row.try_get::<i32, _>(i)?)),
            "INT2" => Cell::Int(i64::from(row.try_get::<i16, _>(i)?)),
            "FLOAT8" => Cell::Real(row.try_get::<f64, _>(i)?),
            "FLOAT4" => Cell::Real(f64::from(row.try_get::<f32, _>(i)?)),
            "BOOL" => Cell::Int(i64::from(row.try_get::<bool, _>(i)?)),
            "TEXT" | "VARCHAR" | "BPCHAR" | "NAME" => Cell::Text(row.try_get::<String, _>(i)?),
            "DATE" => Cell::Text(row.try_get::<chrono::NaiveDate, _>(i)?.to_string()),
            "TIMESTAMPTZ" => Cell::Text(sqlite_timestamp(row.try_get::<chrono::DateTime<chrono::Utc>, _>(i)?)),
            other => {
                return Err(StoreError::Backup(format!(
                    "kolom {} heeft het type {other}, dat een backup niet kent",
                    column.name()
                )))
            }
        });
    }
    Ok(out)
}

/// Binds `cell` for a column of PostgreSQL type `ty` (as `information_schema` names it).
fn bind_pg(
    v: &mut sqlx::query_builder::Separated<'_, '_, Postgres, &'static str>,
    ty: &str,
    cell: &crate::backup::Cell,
    column: &str,
) -> Result<(), String> {
    use crate::backup::Cell;
    let bad = |what: &str| format!("kolom {column} ({ty}) kan {what} niet bevatten");
    match (ty, cell) {
        ("bigint", Cell::Null) => v.push_bind(None::<i64>),
        ("integer", Cell::Null) => v.push_bind(None::<i32>),
        ("smallint", Cell::Null) => v.push_bind(None::<i16>),
        ("double precision" | "real", Cell::Null) => v.push_bind(None::<f64>),
        ("boolean", Cell::Null) => v.push_bind(None::<bool>),
        ("date", Cell::Null) => v.push_bind(None::<chrono::NaiveDate>),
        ("timestamp with time zone", Cell::Null) => v.push_bind(None::<chrono::DateTime<chrono::Utc>>),
        (_, Cell::Null) => v.push_bind(None::<String>),
        ("bigint", Cell::Int(i)) => v.push_bind(*i),
        ("integer", Cell::Int(i)) => v.push_bind(i32::try_from(*i).map_err(|_| bad("dit getal"))?),
        ("smallint", Cell::Int(i)) => v.push_bind(i16::try_from(*i).map_err(|_| bad("dit getal"))?),
        ("boolean", Cell::Int(i)) => v.push_bind(*i != 0),
        ("double precision" | "real", Cell::Int(i)) => v.push_bind(*i as f64),
        ("double precision" | "real", Cell::Real(r)) => v.push_bind(*r),
        ("text" | "character varying" | "character", Cell::Text(s)) => v.push_bind(s.clone()),
        ("date", Cell::Text(s)) => v.push_bind(s.parse::<chrono::NaiveDate>().map_err(|_| bad(&format!("'{s}'")))?),
        ("timestamp with time zone", Cell::Text(s)) => v.push_bind(
            chrono::DateTime::parse_from_rfc3339(s)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(|_| bad(&format!("'{s}'")))?,
        ),
        (_, Cell::Int(_)) => return Err(bad("een geheel getal")),
        (_, Cell::Real(_)) => return Err(bad("een getal met decimalen")),
        (_, Cell::Text(_)) => return Err(bad("tekst")),
    };
    Ok(())
}

#[async_trait::async_trait]
impl crate::backup::BackupStore for PgStore {
    async fn schema_version(&self) -> Result<i64, StoreError> {
        newest_migration(&self.pool).await
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(count_all(&self.pool).await? == 0)
    }

    async fn dump(&self, sink: &mut crate::backup::Sink<'_>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        // One picture of every table while other servers write.
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
        dump_tables!(tx, sink, pg_cells, " ORDER BY 1");
        tx.rollback().await?;
        Ok(())
    }

    async fn restore(&self, source: &mut crate::backup::Source<'_>, replace: bool) -> Result<u64, StoreError> {
        use crate::backup::{known_table, plain_column, TABLES};
        use std::collections::HashMap;
        let mut tx = self.begin_write().await?;
        // Nobody else writes while the restore runs.
        sqlx::query(&format!("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE", TABLES.join(", ")))
            .execute(&mut *tx)
            .await?;
        empty_for_restore!(tx, replace);
        let mut types: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut written = 0u64;
        while let Some(batch) = source().map_err(StoreError::Backup)? {
            let table = known_table(&batch.table)?;
            if batch.rows.is_empty() {
                continue;
            }
            if !types.contains_key(table) {
                let cols: Vec<(String, String)> = sqlx::query_as(
                    "SELECT column_name::text, data_type::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = $1",
                )
                .bind(table)
                .fetch_all(&mut *tx)
                .await?;
                types.insert(table.to_string(), cols.into_iter().collect());
            }
            let known = &types[table];
            let columns: Vec<&str> = batch
                .columns
                .iter()
                .map(|c| plain_column(c))
                .collect::<Result<_, _>>()?;
            let column_types: Vec<&str> = columns
                .iter()
                .map(|c| {
                    known
                        .get(*c)
                        .map(String::as_str)
                        .ok_or_else(|| StoreError::Backup(format!("de tabel {table} heeft geen kolom {c}")))
                })
                .collect::<Result<_, _>>()?;
            // PostgreSQL takes at most 65,535 parameters in one statement.
            let per = (60_000 / columns.len().max(1)).max(1);
            for chunk in batch.rows.chunks(per) {
                let mut fault = None;
                let mut b: sqlx::QueryBuilder<Postgres> =
                    sqlx::QueryBuilder::new(format!("INSERT INTO {table} ({}) ", columns.join(", ")));
                b.push_values(chunk, |mut v, row| {
                    for ((cell, ty), column) in row.iter().zip(&column_types).zip(&columns) {
                        if let Err(e) = bind_pg(&mut v, ty, cell, column) {
                            fault.get_or_insert(e);
                            v.push_bind(None::<String>);
                        }
                    }
                });
                if let Some(e) = fault {
                    return Err(StoreError::Backup(format!("{table}: {e}")));
                }
                b.build().execute(&mut *tx).await?;
                written += chunk.len() as u64;
            }
        }
        // The counters of serial columns go on after the restored rows.
        let serials: Vec<(String, String)> = sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (table, column) in serials {
            let table = known_table(&table)?;
            let column = plain_column(&column)?;
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }
}
