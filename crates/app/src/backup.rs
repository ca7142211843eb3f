// SPDX-License-Identifier: EUPL-1.2
//! Backup and restore of a whole installation, on either backend and from one to the other:
//! the store reads and writes its tables as backend-neutral cells
//! (`samenhang_store::backup`), the file is `samenhang_registers::backup` (JSON Lines with a
//! manifest and a checksum per table). A restore reads the whole file and checks it first, then
//! writes everything in one transaction into an empty database; replacing a database that holds
//! data needs an explicit request, and its data is first written to a restore point. Files are
//! the CLI's: this module takes writers and readers.

use std::io::{BufRead, Write};

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
        Cell::Real(r) => return Err(format!("het getal {r} kan niet in een backup worden opgeslagen")),
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
/// running). Returns the manifest. A database whose schema is older or newer than this version
/// of Samenhang is refused (start the matching server first, which migrates).
pub async fn backup(store: &dyn Store, out: impl Write + Send) -> Result<Manifest, BackupError> {
    let version = store.schema_version().await?;
    let ours = samenhang_store::latest_migration();
    if version != ours {
        return Err(BackupError::Refused(format!(
            "de database heeft schemaversie {version}, deze versie van Samenhang schemaversie {ours}; \
             maak de backup met de versie van Samenhang die bij de database hoort"
        )));
    }
    let header = Header {
        formaat: FORMAT.into(),
        versie: VERSION,
        gemaakt: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        bron: store.backend().into(),
        schemaversie: version,
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

/// Reads and checks a whole backup.
pub fn check(input: impl BufRead) -> Result<Summary, BackupError> {
    verify(input).map_err(BackupError::File)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The backup's header and manifest.
    pub summary: Summary,
    /// Rows written.
    pub rows: u64,
    /// The manifest of the restore point, when the database held data that was replaced.
    pub restore_point: Option<Manifest>,
}

/// Restores a backup into `store`. `open` opens the file (it is read twice: whole, to check it,
/// and then to write it). A database that holds data is refused unless `replace` is given; then
/// its data is first written as a backup to what `keep` opens. Everything is written in one
/// transaction.
pub async fn restore<R, W>(
    store: &dyn Store,
    open: impl Fn() -> Result<R, String>,
    replace: bool,
    keep: impl FnOnce() -> Result<W, String>,
) -> Result<Restored, BackupError>
where
    R: BufRead + Send,
    W: Write + Send,
{
    let summary = check(open().map_err(BackupError::File)?)?;
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
        kept = Some(backup(store, keep().map_err(BackupError::File)?).await?);
    }
    let mut reader = Reader::new(open().map_err(BackupError::File)?).map_err(BackupError::File)?;
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
                        return Err("een rij vóór de eerste tabel".into());
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
