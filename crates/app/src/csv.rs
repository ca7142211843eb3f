// SPDX-License-Identifier: EUPL-1.2
//! CSV import and export of every register kind, in the format Dutch Excel reads and writes
//! (`samenhang_registers`): names instead of internal ids where that reads better and stays
//! unambiguous ("Gemeente Enschede", "Enschede (GM0153)", a concept's label, "Name [id]").
//!
//! An import is all or nothing: every line is checked first, every fault named by line and
//! column, and only when all are right is everything stored, in one transaction. A line with the
//! id of a record of another organisation (an export holds those too) is skipped and reported;
//! an id the caller cannot see is a fault, worded the same whether it exists or not.

use samenhang_domain::spec::capital;
use std::collections::HashMap;

use samenhang_domain::access::{Principal, Visibility};
use samenhang_domain::registers::Fault;
use samenhang_domain::spec::{FieldType, KindSpec};
use samenhang_registers::{CsvFault, CsvRecord, CsvRow};
use samenhang_store::items::ItemQuery;
use serde_json::{Map, Value};

use crate::error::fault;
use crate::input::{display, Input, Resolver};
use crate::kinds::Kind;
use crate::records::{prepare, require_user, write_error, Target};
use crate::{App, AppError};

/// The file name of a kind's export.
pub fn file_name(spec: &KindSpec) -> String {
    format!("{}.csv", spec.collection)
}

/// The empty template of a kind: the header line only.
pub fn template(spec: &KindSpec) -> Vec<u8> {
    samenhang_registers::write(spec, &[])
}

/// Every record of `kind` the caller may see, as a file that [`import`] reads back.
pub async fn export(app: &App, caller: &Principal, kind: &dyn Kind) -> Result<Vec<u8>, AppError> {
    let spec = kind.spec();
    let items = app.store().list_items(&ItemQuery::all(spec.kind), caller).await?.items;
    let records: Vec<Value> = items
        .iter()
        .map(|i| {
            serde_json::from_str(&i.data)
                .map(|r| crate::records::without_confidential(spec, caller, &i.owner, r))
                .map_err(|e| AppError::Internal(Box::new(e)))
        })
        .collect::<Result<_, _>>()?;
    let mut names = crate::records::names_for(app, caller, spec, &records).await?;
    let owners: Vec<String> = items.iter().map(|i| i.owner.clone()).collect();
    names
        .organisations
        .extend(app.store().organisation_names(&owners).await?);
    let rows: Vec<CsvRow> = items
        .iter()
        .zip(&records)
        .map(|(item, record)| {
            let mut row = CsvRow {
                id: item.id.clone(),
                organisation: names
                    .organisations
                    .get(&item.owner)
                    .cloned()
                    .unwrap_or_else(|| item.owner.clone()),
                visibility: item.visibility.as_str().into(),
                ..CsvRow::default()
            };
            for f in spec.fields {
                let v = record.get(f.name).unwrap_or(&Value::Null);
                match f.ty {
                    FieldType::Objects(list) => {
                        let entries = v
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|e| {
                                list.fields
                                    .iter()
                                    .map(|sub| {
                                        let text =
                                            display(app, &names, sub.ty, e.get(sub.name).unwrap_or(&Value::Null))
                                                .join("|");
                                        (sub.name, text)
                                    })
                                    .collect()
                            })
                            .collect();
                        row.entries.insert(f.name, entries);
                    }
                    ty => {
                        row.cells.insert(f.name, display(app, &names, ty, v).join("|"));
                    }
                }
            }
            row
        })
        .collect();
    Ok(samenhang_registers::write(spec, &rows))
}

/// A line that an import did not store, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The line.
    pub line: usize,
    /// Why, in Dutch.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Ids of new records.
    pub created: Vec<String>,
    /// Ids of replaced records.
    pub updated: Vec<String>,
    /// Lines left alone (records of other organisations).
    pub skipped: Vec<Skipped>,
}

/// The field name of a CSV fault, as the API and the pages report it.
pub fn at(line: usize, column: &str) -> String {
    if column.is_empty() {
        format!("regel {line}")
    } else {
        format!("regel {line}, kolom {column}")
    }
}

fn from_csv(f: CsvFault) -> Fault {
    fault(&at(f.line, &f.column), "csv", f.reason)
}

/// Reads a kind's CSV file and stores its records, all or nothing.
pub async fn import(app: &App, caller: &Principal, kind: &dyn Kind, bytes: &[u8]) -> Result<Report, AppError> {
    let by = require_user(caller)?.clone();
    let spec = kind.spec();
    let records = samenhang_registers::read(spec, bytes)
        .map_err(|faults| AppError::Invalid(faults.into_iter().map(from_csv).collect()))?;
    let mut resolver = Resolver::new(app, caller);
    let mut faults: Vec<Fault> = Vec::new();
    let mut report = Report::default();
    let mut drafts = Vec::new();
    // For each draft: where each field path came from, to name the line and column of a fault.
    let mut origins: Vec<(usize, Origins)> = Vec::new();
    for record in records {
        let target = match &record.id {
            None => Target::New,
            Some(cell) => {
                let unknown = || {
                    fault(
                        &at(cell.line, "id"),
                        "unknown",
                        format!(
                            "Er is geen {} met id '{}' die u mag wijzigen. Laat de kolom id leeg voor een nieuw record.",
                            spec.singular, cell.text
                        ),
                    )
                };
                if !samenhang_domain::spec::valid_record_id(&cell.text) {
                    faults.push(unknown());
                    continue;
                }
                match app.store().item(spec.kind, &cell.text, caller).await? {
                    None => {
                        faults.push(unknown());
                        continue;
                    }
                    Some(existing) if !caller.can_write(&existing.owner) => {
                        report.skipped.push(Skipped {
                            line: record.line,
                            reason: format!(
                                "{} '{}' is van een andere organisatie ({}); overgeslagen.",
                                capital(spec.singular),
                                existing.title,
                                existing.owner
                            ),
                        });
                        continue;
                    }
                    Some(existing) => {
                        let version = existing.version;
                        Target::Existing(existing, version)
                    }
                }
            }
        };
        let (input, origin, mut row_faults) = input_of(spec, &record, &mut resolver).await;
        if !row_faults.is_empty() {
            faults.append(&mut row_faults);
            continue;
        }
        origins.push((record.line, origin));
        drafts.push((target, input));
    }
    if !faults.is_empty() {
        return Err(AppError::Invalid(faults));
    }
    let kinds: Vec<bool> = drafts.iter().map(|(t, _)| matches!(t, Target::New)).collect();
    let writes = match prepare(app, caller, kind, drafts).await {
        Ok(w) => w,
        Err(failed) => {
            let mut out = Vec::new();
            for (n, fs) in failed {
                let (line, origin) = &origins[n];
                for f in fs {
                    let (l, column) = origin
                        .get(&f.field)
                        .cloned()
                        .or_else(|| {
                            // A fault of a whole list entry or field: the first part that came
                            // from the file.
                            origin
                                .iter()
                                .filter(|(path, _)| path.starts_with(&f.field))
                                .map(|(_, o)| o.clone())
                                .min()
                        })
                        .unwrap_or((*line, f.field.clone()));
                    out.push(fault(&at(l, &column), f.code, f.reason));
                }
            }
            return Err(AppError::Invalid(out));
        }
    };
    let _exclusive = app.exclusive(kind).await?;
    let refused = crate::records::guard(app, caller, kind, &writes).await?;
    if !refused.is_empty() {
        // Every draft became a write, so a write's position is its draft's.
        return Err(AppError::Invalid(
            refused
                .into_iter()
                .map(|(n, f)| {
                    let (line, origin) = &origins[n];
                    let column = origin.get(&f.field).map_or(f.field.clone(), |(_, c)| c.clone());
                    fault(&at(*line, &column), f.code, f.reason)
                })
                .collect(),
        ));
    }
    if let Err(e) = app.store().save_items(&writes, &by).await {
        // Every draft became a write, so a write's position is its draft's.
        return Err(match crate::records::duplicate(app, caller, kind, &writes, &e).await? {
            Some((n, f)) => {
                let (line, origin) = &origins[n];
                let column = origin.get(&f.field).map_or(f.field.clone(), |(_, c)| c.clone());
                AppError::Invalid(vec![fault(&at(*line, &column), f.code, f.reason)])
            }
            None => write_error(spec, e),
        });
    }
    app.written(kind).await?;
    for (w, new) in writes.iter().zip(kinds) {
        if new {
            report.created.push(w.id.clone());
        } else {
            report.updated.push(w.id.clone());
        }
    }
    Ok(report)
}

/// Where each field path of a record came from: (line, column).
type Origins = HashMap<String, (usize, String)>;

/// A CSV record as an input, with the line and column each field path came from.
async fn input_of(spec: &KindSpec, record: &CsvRecord, resolver: &mut Resolver<'_>) -> (Input, Origins, Vec<Fault>) {
    let mut faults = Vec::new();
    let mut origin = HashMap::new();
    let mut input = Input::default();
    if let Some(cell) = &record.organisation {
        match resolver.organisation(&cell.text).await {
            Ok(id) => input.organisation = Some(id),
            Err(reason) => faults.push(fault(&at(cell.line, "organisatie"), "unknown", reason)),
        }
        origin.insert("organisatie".to_string(), (cell.line, "organisatie".to_string()));
    }
    if let Some(cell) = &record.visibility {
        match Visibility::parse(&cell.text) {
            Some(v) => input.visibility = Some(v),
            None => faults.push(fault(
                &at(cell.line, "zichtbaarheid"),
                "enum",
                "Kies uit openbaar, regio of organisatie.",
            )),
        }
    }
    for f in spec.fields {
        match f.ty {
            FieldType::Objects(list) => {
                let mut entries = Vec::new();
                for (i, entry) in record.entries.get(f.name).into_iter().flatten().enumerate() {
                    let mut obj = Map::new();
                    for sub in list.fields {
                        let path = format!("{}[{i}].{}", f.name, sub.name);
                        let column = list.column(sub.name).to_string();
                        match entry.get(sub.name) {
                            Some(cell) => {
                                origin.insert(path.clone(), (cell.line, column.clone()));
                                match resolver.value(sub, std::slice::from_ref(&cell.text)).await {
                                    Ok(Some(v)) => {
                                        obj.insert(sub.name.into(), v);
                                    }
                                    Ok(None) => {}
                                    Err(reason) => faults.push(fault(&at(cell.line, &column), "format", reason)),
                                }
                            }
                            None => {
                                // A required part left empty: the fault is on the entry's line.
                                if let Some(line) = entry.values().map(|c| c.line).min() {
                                    origin.insert(path, (line, column));
                                }
                            }
                        }
                    }
                    entries.push(Value::Object(obj));
                }
                input.fields.insert(f.name.into(), Value::Array(entries));
            }
            _ => {
                if let Some(cell) = record.cells.get(f.name) {
                    origin.insert(f.name.to_string(), (cell.line, f.name.to_string()));
                    match resolver.value(f, std::slice::from_ref(&cell.text)).await {
                        Ok(Some(v)) => {
                            input.fields.insert(f.name.into(), v);
                        }
                        Ok(None) => {}
                        Err(reason) => faults.push(fault(&at(cell.line, f.name), "format", reason)),
                    }
                } else {
                    origin.insert(f.name.to_string(), (record.line, f.name.to_string()));
                }
            }
        }
    }
    (input, origin, faults)
}
