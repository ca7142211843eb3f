// SPDX-License-Identifier: EUPL-1.2
//! Waarderingstabellen: the kind of `samenhang_domain::valuation_tables::ValuationTableRecord`,
//! one version of a bouwblokken table. Its guard keeps the valuation of every recorded
//! obligation as it is: a write that would value any obligation with another table, or with
//! other values, is refused (a change is a new version that starts after the contracts it would
//! otherwise touch).

use chrono::NaiveDate;
use futures_util::future::BoxFuture;
use samenhang_domain::access::Principal;
use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
use samenhang_domain::sroi::{Obligation, ValuationTable, OBLIGATION_SPEC};
use samenhang_domain::valuation_tables::{ValuationTableDraft, ValuationTableRecord, VALUATION_TABLE_SPEC};
use serde_json::Value;

use super::{check_with, Kind, UniqueKey};
use crate::{App, AppError};

/// Valuation tables.
pub struct ValuationTables;

impl Kind for ValuationTables {
    fn spec(&self) -> &'static KindSpec {
        &VALUATION_TABLE_SPEC
    }

    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>> {
        check_with(draft, |d: &ValuationTableDraft| d.parse(known))
    }

    fn keys(&self, record: &Value) -> Vec<UniqueKey> {
        let (Some(table), Some(version)) = (
            record.get("tabel").and_then(Value::as_str),
            record.get("versienummer").and_then(Value::as_u64),
        ) else {
            return Vec::new();
        };
        vec![UniqueKey {
            key: format!("waarderingstabel:{table}:{version}"),
            field: "versienummer",
            what: "hetzelfde kenmerk en dezelfde versie",
        }]
    }

    fn shapes_sroi_tables(&self) -> bool {
        true
    }

    fn exclusive(&self) -> Option<&'static str> {
        Some(SROI_VALUATION)
    }

    fn guard<'a>(
        &'a self,
        app: &'a App,
        _caller: &'a Principal,
        changes: &'a [(String, Option<Value>)],
    ) -> BoxFuture<'a, Result<Vec<(usize, Fault)>, AppError>> {
        Box::pin(async move { keep_valuations(app, changes).await })
    }
}

/// The lock group of the valuation tables and the obligations they value.
pub(crate) const SROI_VALUATION: &str = "sroi-waardering";

/// The faults of the writes that would change how a recorded obligation is valued.
async fn keep_valuations(app: &App, changes: &[(String, Option<Value>)]) -> Result<Vec<(usize, Fault)>, AppError> {
    // Under the group's lock: the tables as the database holds them now, also what another
    // server wrote a moment ago.
    app.reload_sroi_tables().await?;
    let new: Vec<(String, Option<ValuationTable>)> = changes
        .iter()
        .map(|(id, v)| {
            let table = v
                .as_ref()
                .and_then(|v| serde_json::from_value::<ValuationTableRecord>(v.clone()).ok())
                .map(|r| r.table());
            (id.clone(), table)
        })
        .collect();
    let before = app.sroi_tables();
    let after = app.sroi_tables_after(&new);
    let registered = app.registered_sroi_tables();
    let same = |a: &ValuationTable, b: &ValuationTable| a.id == b.id && a.versie == b.versie;
    // Per change: the tender dates of the obligations it would value differently.
    let mut touched: Vec<Vec<NaiveDate>> = vec![Vec::new(); changes.len()];
    // Every obligation counts, also those the caller may not see: their value may not move either.
    for item in app.store().all_items(OBLIGATION_SPEC.kind).await? {
        let Ok(o) = serde_json::from_str::<Obligation>(&item.data) else {
            continue;
        };
        let was = super::sroi_table_of(app, &before, &o);
        let will = super::sroi_table_of(app, &after, &o);
        if was == will {
            continue;
        }
        let blame = new
            .iter()
            .enumerate()
            .find(|(_, (id, table))| {
                let old = registered.iter().find(|(r, _)| r == id).map(|(_, t)| t);
                table.as_ref().zip(will).is_some_and(|(t, w)| same(t, w))
                    || old.zip(was).is_some_and(|(t, w)| same(t, w))
            })
            .map_or(0, |(n, _)| n);
        touched[blame].push(o.aanbestedingsdatum);
    }
    Ok(touched
        .into_iter()
        .enumerate()
        .filter(|(_, dates)| !dates.is_empty())
        .map(|(n, dates)| {
            let first = dates.iter().min().copied().unwrap_or_default();
            let last = dates.iter().max().copied().unwrap_or_default();
            let day = |d: NaiveDate| d.format("%d-%m-%Y").to_string();
            let contracts = if dates.len() == 1 {
                format!("1 vastgelegde SROI-verplichting (aanbesteed op {})", day(last))
            } else {
                format!(
                    "{} vastgelegde SROI-verplichtingen (aanbesteed van {} tot en met {})",
                    dates.len(),
                    day(first),
                    day(last)
                )
            };
            let existing = registered.iter().any(|(id, _)| *id == new[n].0);
            let (field, advice) = match &new[n].1 {
                Some(_) if existing => (
                    "versienummer",
                    format!(
                        "Een tabel die een contract gebruikt, wijzigt niet: voeg de wijziging toe als nieuwe versie die na {} ingaat.",
                        day(last)
                    ),
                ),
                Some(_) => (
                    "geldigVanaf",
                    format!("Laat deze versie na {} ingaan, zodat bestaande contracten hun waarde houden.", day(last)),
                ),
                None => (
                    "body",
                    "Een tabel die een contract gebruikt, blijft bestaan; voeg voor nieuwe contracten een nieuwe versie toe."
                        .to_string(),
                ),
            };
            (
                n,
                crate::error::fault(
                    field,
                    "in-use",
                    format!("Deze wijziging verandert de waardering van {contracts}. {advice}"),
                ),
            )
        })
        .collect())
}
