// SPDX-License-Identifier: EUPL-1.2
//! The example data (`--voorbeelddata`): organisations, people, goals, schemes, an agreement
//! and consultation bodies, checked by the same rules as any input and stored through the same
//! store calls, so the analyses and pages have something to show. Loading is idempotent:
//! records that are already there are left alone.

use samenhang_domain::access::{Grant, OrganisationKind, Principal, Role, UserRef, Visibility};
use samenhang_domain::codes::LabourMarketRegionCode;
use samenhang_registers::{ExampleEntry, Examples};
use samenhang_store::registers::{Expect, ItemWrite, Organisation};

use crate::api::registers::{write_of, Context, Register};
use crate::state::AppState;

fn actor() -> UserRef {
    UserRef {
        id: String::new(),
        name: "voorbeelddata".into(),
    }
}

async fn writes<R: Register>(
    state: &AppState,
    caller: &Principal,
    entries: &[ExampleEntry<R::Draft>],
) -> Result<Vec<ItemWrite>, String> {
    let context = Context::load(state, caller).await.map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for e in entries {
        if state
            .store
            .item(R::KIND, &e.id, caller)
            .await
            .map_err(|e| e.to_string())?
            .is_some()
        {
            continue;
        }
        let record = R::parse(&e.draft, &context).map_err(|faults| {
            let list: Vec<String> = faults.iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
            format!("voorbeeld '{}': {}", e.id, list.join("; "))
        })?;
        let visibility = Visibility::parse(&e.zichtbaarheid)
            .ok_or_else(|| format!("voorbeeld '{}': zichtbaarheid '{}'", e.id, e.zichtbaarheid))?;
        out.push(
            write_of::<R>(e.id.clone(), e.organisatie.clone(), visibility, &record, Expect::New)
                .map_err(|e| format!("{e:?}"))?,
        );
    }
    Ok(out)
}

async fn store<R: Register>(
    state: &AppState,
    caller: &Principal,
    entries: &[ExampleEntry<R::Draft>],
) -> Result<usize, String> {
    let w = writes::<R>(state, caller, entries).await?;
    state.store.save_items(&w, &actor()).await.map_err(|e| e.to_string())?;
    Ok(w.len())
}

/// Loads the example data; returns the number of records added (0 when it was loaded before).
pub async fn load(state: &AppState, examples: &Examples) -> Result<usize, String> {
    let mut grants = Vec::new();
    for o in &examples.organisaties {
        let kind =
            OrganisationKind::parse(&o.soort).ok_or_else(|| format!("organisatie '{}': soort '{}'", o.id, o.soort))?;
        let region = o
            .arbeidsmarktregio
            .as_deref()
            .map(LabourMarketRegionCode::parse)
            .transpose()
            .map_err(|e| format!("organisatie '{}': {e}", o.id))?;
        if state
            .store
            .organisation(&o.id)
            .await
            .map_err(|e| e.to_string())?
            .is_none()
        {
            let org = Organisation {
                id: o.id.clone(),
                name: o.naam.clone(),
                kind,
                region,
                version: 1,
            };
            state
                .store
                .create_organisation(&org, &actor())
                .await
                .map_err(|e| e.to_string())?;
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
    };
    let mut n = 0;
    // In this order: goals name people as owners, agendas name goals, bodies name people.
    n += store::<crate::api::personen::People>(state, &caller, &examples.personen).await?;
    n += store::<crate::api::doelen::Goals>(state, &caller, &examples.doelen).await?;
    n += store::<crate::api::agendas::Agendas>(state, &caller, &examples.agendas).await?;
    n += store::<crate::api::regelingen::Schemes>(state, &caller, &examples.regelingen).await?;
    n += store::<crate::api::afspraken::Agreements>(state, &caller, &examples.afspraken).await?;
    n += store::<crate::api::overleggen::Bodies>(state, &caller, &examples.overleggen).await?;
    Ok(n)
}
