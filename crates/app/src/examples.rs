// SPDX-License-Identifier: EUPL-1.2
//! The example data behind `--voorbeelddata`: organisations and records of every kind of the
//! list, checked by the same rules as any input and stored through the same engine, so the
//! analyses and pages have something to show.
//!
//! Example data must never mix with real data: every example id starts with `voorbeeld-`, and
//! loading refuses a database that holds any record that is not an example record. A database
//! with example records carries the example banner on every page, whichever way the server
//! was started.

use samenhang_domain::access::{Grant, OrganisationKind, Principal, Role, UserRef};
use samenhang_domain::codes::LabourMarketRegionCode;
use samenhang_registers::{Examples, EXAMPLE_PREFIX};
use samenhang_store::accounts::Organisation;
use samenhang_store::prelude::*;
use samenhang_store::StoreError;
use serde_json::Value;

use crate::input::from_json;
use crate::records::{prepare, Target};
use crate::{App, AppError};

/// Whether the database holds example records.
pub async fn present(store: &dyn Store) -> Result<bool, StoreError> {
    Ok(store.record_counts(EXAMPLE_PREFIX).await?.1 > 0)
}

fn actor() -> UserRef {
    UserRef {
        id: String::new(),
        name: "voorbeelddata".into(),
    }
}

/// Loads the example data; returns the number of records added (0 when it was loaded before).
/// Refuses, writing nothing, when the database holds records that are not example records.
pub async fn load(app: &App, examples: &Examples) -> Result<usize, AppError> {
    let (all, example) = app.store().record_counts(EXAMPLE_PREFIX).await?;
    if all > example {
        return Err(AppError::Forbidden(format!(
            "Deze database bevat al {} echte records. Voorbeeldgegevens horen in een eigen datamap, zodat ze nooit \
             met echte gegevens mengen: start bijvoorbeeld met `samenhang serve --voorbeelddata --data-dir \
             ./voorbeeld-data`.",
            all - example
        )));
    }
    let mut grants = Vec::new();
    for o in &examples.organisaties {
        let kind = OrganisationKind::parse(&o.soort)
            .ok_or_else(|| AppError::internal(format!("organisatie '{}': soort '{}'", o.id, o.soort)))?;
        let region = o
            .arbeidsmarktregio
            .as_deref()
            .map(LabourMarketRegionCode::parse)
            .transpose()
            .map_err(|e| AppError::internal(format!("organisatie '{}': {e}", o.id)))?;
        if app.store().organisation(&o.id).await?.is_none() {
            let org = Organisation {
                id: o.id.clone(),
                name: o.naam.clone(),
                kind,
                region,
                version: 1,
            };
            app.store().create_organisation(&org, &actor()).await?;
        }
        grants.push(Grant {
            organisation: o.id.clone(),
            role: Role::Admin,
            region,
        });
    }
    // The loader acts as a beheerder of every example organisation, for the checks only.
    let caller = Principal {
        user: Some(actor()),
        grants,
        installation_admin: false,
    };
    let mut added = 0;
    // In the order of the list: a kind's references point to kinds loaded before it.
    for kind in crate::kinds::KINDS {
        let spec = kind.spec();
        let mut ids = Vec::new();
        let mut drafts = Vec::new();
        for entry in examples.records.get(spec.collection).into_iter().flatten() {
            let id = entry.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            if app.store().item(spec.kind, &id, &caller).await?.is_some() {
                continue;
            }
            let input = from_json(spec, entry.to_string().as_bytes()).map_err(|e| describe(&id, e))?;
            ids.push(id);
            drafts.push((Target::New, input));
        }
        if drafts.is_empty() {
            continue;
        }
        let mut writes = prepare(app, &caller, *kind, drafts).await.map_err(|failed| {
            let (n, faults) = &failed[0];
            let list: Vec<String> = faults.iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
            AppError::internal(format!("voorbeeld '{}': {}", ids[*n], list.join("; ")))
        })?;
        for (w, id) in writes.iter_mut().zip(&ids) {
            w.id = id.clone();
        }
        app.store().save_items(&writes, &actor()).await?;
        added += writes.len();
    }
    app.mark_examples();
    app.items_changed();
    app.reload_sroi_tables().await?;
    Ok(added)
}

fn describe(id: &str, e: AppError) -> AppError {
    match e {
        AppError::Invalid(faults) => {
            let list: Vec<String> = faults.iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
            AppError::internal(format!("voorbeeld '{id}': {}", list.join("; ")))
        }
        other => other,
    }
}
