// SPDX-License-Identifier: EUPL-1.2
//! SROI-verplichtingen: the kind of `samenhang_domain::sroi::Obligation`, whose representation
//! carries the obligation in euros and the valuation table in force on the tender date for
//! the gemeente and its arbeidsmarktregio (`verplichting`).

use samenhang_domain::codes::RegionCode;
use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
use samenhang_domain::sroi::{table_for, Obligation, ObligationDraft, ValuationTable, OBLIGATION_SPEC};
use serde_json::{json, Value};

use super::{check_with, Kind};
use crate::App;

/// SROI obligations.
pub struct Obligations;

impl Kind for Obligations {
    fn spec(&self) -> &'static KindSpec {
        &OBLIGATION_SPEC
    }

    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>> {
        check_with(draft, |d: &ObligationDraft| d.parse(known))
    }

    /// An obligation saved while a table version is added would be valued by a table whose
    /// guard never saw it.
    fn exclusive(&self) -> Option<&'static str> {
        Some(super::waarderingstabel::SROI_VALUATION)
    }

    fn computed(&self, app: &App, record: &Value) -> Vec<(&'static str, Value)> {
        let Ok(o) = serde_json::from_value::<Obligation>(record.clone()) else {
            return Vec::new();
        };
        let tables = app.sroi_tables();
        let table = table_of(app, &tables, &o);
        vec![(
            "verplichting",
            json!({
                "bedrag": (o.amount() * 100.0).round() / 100.0,
                "regel": o.rule_text(),
                "waarderingstabel": table.map(|t| json!({
                    "id": t.id,
                    "versie": t.versie,
                    "naam": t.naam,
                    "geldigVanaf": t.geldig_vanaf,
                    "urenBasis": t.uren_basis,
                    "bron": t.bron,
                })),
                "toelichting": match (table, &o.gekozen_tabel) {
                    (Some(t), Some(chosen)) => format!(
                        "Gewaardeerd met {} (versie {}), met de hand gekozen: {}",
                        t.naam,
                        t.versie,
                        chosen.reden.trim_end_matches('.').to_string() + "."
                    ),
                    (Some(t), None) => format!("Gewaardeerd met {} (versie {}), die gold op de aanbestedingsdatum.", t.naam, t.versie),
                    (None, Some(chosen)) => format!(
                        "De gekozen waarderingstabel '{}' (versie {}) bestaat niet meer.",
                        chosen.waarderingstabel, chosen.versie
                    ),
                    (None, None) => "Er is geen waarderingstabel voor deze gemeente of haar arbeidsmarktregio die op de aanbestedingsdatum gold.".to_string(),
                },
            }),
        )]
    }
}

/// The table chosen by hand for the obligation; else the one in force on its tender date for its
/// gemeente or the arbeidsmarktregio the gemeente lay in that year (or, for a year beyond the
/// classification, the latest).
pub fn table_of<'t>(app: &App, tables: &'t [ValuationTable], o: &Obligation) -> Option<&'t ValuationTable> {
    if let Some(chosen) = &o.gekozen_tabel {
        return tables
            .iter()
            .find(|t| t.id == chosen.waarderingstabel && t.versie == chosen.versie);
    }
    let snap = app.snapshot();
    let year = chrono::Datelike::year(&o.aanbestedingsdatum).min(crate::latest_year(&snap));
    let am = snap
        .memberships(year)
        .iter()
        .find(|m| RegionCode::from(m.municipality) == o.gebied)
        .and_then(|m| m.labour_market_region)
        .map(|a| RegionCode::from(a).to_string());
    let gemeente = o.gebied.to_string();
    let areas: Vec<&str> = std::iter::once(gemeente.as_str()).chain(am.as_deref()).collect();
    table_for(tables, &areas, o.aanbestedingsdatum)
}
