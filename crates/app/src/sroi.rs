// SPDX-License-Identifier: EUPL-1.2
//! SROI use-cases: the realisation of an obligation from the contributions the caller may see,
//! each valued with the table in force on the obligation's tender date, step by step.

use samenhang_domain::access::Principal;
use samenhang_domain::sroi::{
    realisation_status, ContributionRecord, Obligation, RealisationStatus, Valuation, ValuationTable,
};
use samenhang_store::items::{ItemQuery, StoredItem};

use crate::records::decoded;
use crate::{App, AppError};

/// One contribution with its value, or why it has none.
#[derive(Debug, Clone)]
pub struct Valued {
    /// The stored contribution.
    pub item: StoredItem,
    /// The contribution.
    pub record: ContributionRecord,
    /// Its value under the obligation's table, or the reason there is none.
    pub value: Result<Valuation, String>,
}

/// An obligation's realisation.
#[derive(Debug, Clone)]
pub struct Realisation {
    /// The obligation in euros.
    pub obligation: f64,
    /// The table the contributions are valued with.
    pub table: Option<ValuationTable>,
    /// The contributions, by start date.
    pub contributions: Vec<Valued>,
    /// Their total value.
    pub done: f64,
    /// What is left of the obligation (not below zero).
    pub remaining: f64,
    /// The amount expected by today on a straight line over the contract's period.
    pub expected: Option<f64>,
    /// Where it stands.
    pub status: RealisationStatus,
}

/// The realisation of obligation `id` (whose record the caller may read).
pub async fn realisation(
    app: &App,
    caller: &Principal,
    id: &str,
    obligation: &Obligation,
) -> Result<Realisation, AppError> {
    let tables = app.sroi_tables();
    let table = crate::kinds::sroi_table_of(app, &tables, obligation).cloned();
    let query = ItemQuery {
        linked_to: Some(("sroi-verplichting".into(), id.into())),
        ..ItemQuery::all("sroi-inzet")
    };
    let mut contributions: Vec<Valued> = decoded::<ContributionRecord>(app, caller, &query)
        .await?
        .into_iter()
        .filter(|(_, c)| c.verplichting == id)
        .map(|(item, record)| {
            let value = match &table {
                Some(t) => samenhang_domain::sroi::value(t, &record.contribution()).map_err(|e| e.to_string()),
                None => Err("Er is geen waarderingstabel voor deze verplichting: de inzet heeft geen waarde.".into()),
            };
            Valued { item, record, value }
        })
        .collect();
    contributions.sort_by(|a, b| (a.record.begindatum, &a.item.title).cmp(&(b.record.begindatum, &b.item.title)));
    let amount = obligation.amount();
    let done: f64 = contributions
        .iter()
        .filter_map(|c| c.value.as_ref().ok())
        .map(|v| v.total)
        .sum();
    let (status, expected) = realisation_status(
        amount,
        done,
        obligation.begindatum,
        obligation.einddatum,
        crate::records::today(),
    );
    Ok(Realisation {
        obligation: amount,
        table,
        contributions,
        done,
        remaining: (amount - done).max(0.0),
        expected,
        status,
    })
}
