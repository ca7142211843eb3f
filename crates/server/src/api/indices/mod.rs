// SPDX-License-Identifier: EUPL-1.2
//! `/indices`: composite indices over indicators, with weights that can be changed per request,
//! and how sensitive the ranks are to those weights. One file per action.

pub mod list;
pub mod scores;
pub mod sensitivity;

use samenhang_stats::definition::{IndexDef, Normalisation};
use samenhang_stats::index::Weights;
use samenhang_stats::Snapshot;

use crate::params::QueryParams;
use crate::problem::{ApiError, InvalidParam};

/// The index `id`, or 404.
pub(crate) fn index<'s>(snap: &'s Snapshot, id: &str) -> Result<&'s IndexDef, ApiError> {
    snap.registry
        .index(id)
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen index met id '{id}'.")))
}

/// `gewichten=id:gewicht,id:gewicht` and `normalisatie=minmax|z`, with every fault reported.
pub(crate) fn weights_and_normalisation(q: &mut QueryParams, def: &IndexDef) -> (Weights, Normalisation) {
    let weights = q
        .get("gewichten", "format", |s| {
            let mut w = Weights::new();
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (k, v) = part
                    .split_once(':')
                    .ok_or_else(|| format!("'{part}' heeft niet de vorm id:gewicht (bijv. arbeid:2)."))?;
                let v: f64 = v
                    .trim()
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| format!("het gewicht van '{}' is geen getal: '{}'.", k.trim(), v.trim()))?;
                w.insert(k.trim().to_string(), v);
            }
            Ok(w)
        })
        .unwrap_or_default();
    let normalisation = q
        .get("normalisatie", "enum", |s| {
            Normalisation::parse(s).ok_or_else(|| "Kies minmax (0–10) of z (z-scores).".to_string())
        })
        .unwrap_or(def.normalisation);
    (weights, normalisation)
}

/// Weights the index cannot use are the client's fault (400); missing data is not (404).
pub(crate) fn stats_error(e: samenhang_stats::StatsError) -> ApiError {
    match e {
        samenhang_stats::StatsError::InvalidWeights(m) => {
            ApiError::Invalid(vec![InvalidParam::new("gewichten", "invalid", format!("{m}."))])
        }
        other => ApiError::NotFound(format!("De index kan niet worden berekend: {other}.")),
    }
}
