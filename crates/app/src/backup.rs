// SPDX-License-Identifier: EUPL-1.2
//! Backup and restore of a whole installation, on either backend and from one to the other:
//! the store reads and writes its tables as backend-neutral cells
//! (`samenhang_store::backup`), the file is `samenhang_registers::backup` (JSON Lines with a
//! manifest and a checksum per table). A restore reads the whole file and checks it first, then
//! writes everything in one transaction into an empty database; replacing a database that holds
//! data needs an explicit request, and its data is first written to a restore point.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use samenhang_registers::backup::{verify, Event, Header, Manifest, Reader, Summary, FORMAT, VERSION};
use samenhang_store::backup::{Batch, Cell, DumpEvent, DUMP_BATCH, TABLES};
use samenhang_store::{Store, StoreError};
use serde_json::Value;

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file could not be read or written, or is not a whole backup.
    #[error("{0}")]
    File(String),
    /// The backup does not fit this database, or the database is not empty.
    #[error("{0}")]
    Refused(String),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

fn to_value(cell: &Cell) -> Result<Value, String> {
    Ok(match cell {
        Cell::Null => Value::Null,
        Cell::Int(i) => Value::from(*i),
        Cell::Real(r) if r.is_finite() => Value::from(*r),
        Cell::Real(r) => return Err(format!("het getal {r} kan niet in een backup")),
        Cell::Text(s) => Value::String(s.clone()),
    })
}

fn to_cell(value: Value) -> Result<Cell, String> {
    match value {
        Value::Null => Ok(Cell::Null),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Ok(Cell::Int(i)),
            None => n
                .as_f64()
                .map(Cell::Real)
                .ok_or_else(|| format!("het getal {n} past niet")),
        },
        Value::String(s) => Ok(Cell::Text(s)),
        other => Err(format!("de waarde {other} is geen null, getal of tekst")),
    }
}

/// Writes everything `store` holds to `out`, from one consistent read (the server may keep
/// running). Returns the manifest.
pub async fn backup(store: &dyn Store, out: impl Write + Send) -> Result<Manifest, BackupError> {
    let header = Header {
        formaat: FORMAT.into(),
        versie: VERSION,
        gemaakt: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        bron: store.backend().into(),
        schemaversie: store.schema_version().await?,
    };
    let file = |e: std::io::Error| BackupError::File(format!("kan de backup niet schrijven: {e}"));
    let mut writer = samenhang_registers::backup::Writer::new(out, &header).map_err(file)?;
    let mut sink = |event: DumpEvent<'_>| -> Result<(), String> {
        match event {
            DumpEvent::Table { name, columns } => writer.table(name, &columns).map_err(|e| e.to_string()),
            DumpEvent::Rows(rows) => {
                for row in rows {
                    let cells: Vec<Value> = row.iter().map(to_value).collect::<Result<_, _>>()?;
                    writer.row(&cells).map_err(|e| e.to_string())?;
                }
                Ok(())
            }
        }
    };
    store.dump(&mut sink).await?;
    writer.finish().map_err(file)
}

/// Writes a backup of `store` to the file at `path` (replacing it only when whole).
pub async fn backup_to(store: &dyn Store, path: &Path) -> Result<Manifest, BackupError> {
    let partial = path.with_extension("deels");
    let f =
        File::create(&partial).map_err(|e| BackupError::File(format!("kan {} niet maken: {e}", partial.display())))?;
    let manifest = match backup(store, BufWriter::new(f)).await {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, path)
        .map_err(|e| BackupError::File(format!("kan {} niet opslaan: {e}", path.display())))?;
    Ok(manifest)
}

/// Reads and checks the whole file at `path`.
pub fn check(path: &Path) -> Result<Summary, BackupError> {
    let f = File::open(path).map_err(|e| BackupError::File(format!("kan {} niet openen: {e}", path.display())))?;
    verify(BufReader::new(f)).map_err(|e| BackupError::File(format!("{}: {e}", path.display())))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The backup's header and manifest.
    pub summary: Summary,
    /// Rows written.
    pub rows: u64,
    /// Where the replaced data was kept, if there was any.
    pub restore_point: Option<std::path::PathBuf>,
}

/// Restores the backup at `path` into `store`: the whole file is checked first; then, in one
/// transaction, everything is written. A database that holds data is refused unless `replace`
/// is given, and then its data is first written as a backup to `restore_point`.
pub async fn restore(
    store: &dyn Store,
    path: &Path,
    replace: bool,
    restore_point: &Path,
) -> Result<Restored, BackupError> {
    let summary = check(path)?;
    let ours = store.schema_version().await?;
    if summary.header.schemaversie != ours {
        return Err(BackupError::Refused(format!(
            "de backup is gemaakt met schemaversie {}, deze database heeft schemaversie {ours}; \
             herstel met dezelfde versie van Samenhang als waarmee de backup is gemaakt",
            summary.header.schemaversie
        )));
    }
    if let Some(t) = summary
        .manifest
        .tabellen
        .iter()
        .find(|t| !TABLES.contains(&t.naam.as_str()))
    {
        return Err(BackupError::Refused(format!(
            "de backup bevat de tabel '{}', die deze versie van Samenhang niet kent",
            t.naam
        )));
    }
    let mut kept = None;
    if !store.is_empty().await? {
        if !replace {
            return Err(BackupError::Refused(
                "de database is niet leeg; herstel in een lege database, of vervang wat er is (--vervang), \
                 dan wordt het eerst als herstelpunt bewaard"
                    .into(),
            ));
        }
        backup_to(store, restore_point).await?;
        kept = Some(restore_point.to_path_buf());
    }
    let f = File::open(path).map_err(|e| BackupError::File(format!("kan {} niet openen: {e}", path.display())))?;
    let mut reader = Reader::new(BufReader::new(f)).map_err(BackupError::File)?;
    let mut table: Option<(String, Vec<String>)> = None;
    let mut pending: Option<Event> = None;
    let mut source = || -> Result<Option<Batch>, String> {
        loop {
            let event = match pending.take() {
                Some(e) => Some(e),
                None => reader.next()?,
            };
            match event {
                None => return Ok(None),
                Some(Event::Table { name, columns }) => table = Some((name, columns)),
                Some(Event::Row(first)) => {
                    let Some((name, columns)) = table.clone() else {
                        return Err("een rij voor de eerste tabel".into());
                    };
                    let mut rows = vec![first.into_iter().map(to_cell).collect::<Result<Vec<_>, _>>()?];
                    while rows.len() < DUMP_BATCH {
                        match reader.next()? {
                            Some(Event::Row(r)) => rows.push(r.into_iter().map(to_cell).collect::<Result<_, _>>()?),
                            other => {
                                pending = other;
                                break;
                            }
                        }
                    }
                    return Ok(Some(Batch {
                        table: name,
                        columns,
                        rows,
                    }));
                }
            }
        }
    };
    let rows = store.restore(&mut source, replace).await?;
    Ok(Restored {
        summary,
        rows,
        restore_point: kept,
    })
}
