// SPDX-License-Identifier: EUPL-1.2
//! Composite indices in the manner of the broad-welfare monitors: each indicator is normalised
//! among the gemeenten (min-max to 0–10 or z-scores, turned so that higher is better), averaged
//! per domain with the indicator weights, and the domains averaged with the domain weights.
//! The sensitivity report shows how the ranks move when one weight changes.

use std::collections::HashMap;

use samenhang_domain::codes::RegionCode;

use crate::compare::ranks;
use crate::definition::{Direction, IndexDef, Normalisation};
use crate::snapshot::Snapshot;
use crate::StatsError;

/// Weight overrides by indicator id or domain id.
pub type Weights = HashMap<String, f64>;

/// One gemeente's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The gemeente.
    pub region: RegionCode,
    /// Index score.
    pub score: f64,
    /// Rank (1 = highest score).
    pub rank: usize,
    /// Domain scores, in the order of the definition.
    pub domains: Vec<f64>,
}

/// The index for all gemeenten with complete data.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexResult {
    /// The year.
    pub year: i32,
    /// The normalisation used.
    pub normalisation: Normalisation,
    /// Domain weights used (id, weight), normalised to sum 1.
    pub domain_weights: Vec<(String, f64)>,
    /// Indicator weights used (domain id, indicator id, weight within its domain, normalised).
    pub indicator_weights: Vec<(String, String, f64)>,
    /// Scores, best first.
    pub scores: Vec<Score>,
    /// Gemeenten left out because an indicator has no value for them.
    pub incomplete: Vec<RegionCode>,
}

/// Checks overrides: known ids, finite and not negative, and not everything zero.
fn effective_weights(def: &IndexDef, overrides: &Weights) -> Result<(Vec<f64>, Vec<Vec<f64>>), StatsError> {
    for (k, v) in overrides {
        let known = def
            .domains
            .iter()
            .any(|d| &d.id == k || d.indicators.iter().any(|(i, _)| i == k));
        if !known {
            return Err(StatsError::InvalidWeights(format!(
                "'{k}' is geen domein of indicator van deze index"
            )));
        }
        if !v.is_finite() || *v < 0.0 {
            return Err(StatsError::InvalidWeights(format!(
                "het gewicht van '{k}' moet 0 of groter zijn"
            )));
        }
    }
    let domain: Vec<f64> = def
        .domains
        .iter()
        .map(|d| *overrides.get(&d.id).unwrap_or(&d.weight))
        .collect();
    let ind: Vec<Vec<f64>> = def
        .domains
        .iter()
        .map(|d| {
            d.indicators
                .iter()
                .map(|(i, w)| *overrides.get(i).unwrap_or(w))
                .collect()
        })
        .collect();
    // A domain counts only if some indicator in it has weight.
    let total: f64 = domain
        .iter()
        .zip(&ind)
        .filter(|(_, iw)| iw.iter().sum::<f64>() > 0.0)
        .map(|(d, _)| *d)
        .sum();
    if total <= 0.0 {
        return Err(StatsError::InvalidWeights(
            "alle gewichten zijn 0: er valt niets te berekenen".into(),
        ));
    }
    Ok((domain, ind))
}

/// Computes the index with the given weight overrides and normalisation.
pub fn compute(
    snap: &Snapshot,
    def: &IndexDef,
    overrides: &Weights,
    normalisation: Normalisation,
) -> Result<IndexResult, StatsError> {
    let (dw, iw) = effective_weights(def, overrides)?;
    let year = def.year;
    let gemeenten: Vec<RegionCode> = snap.memberships(year).iter().map(|m| m.municipality.into()).collect();
    if gemeenten.is_empty() {
        return Err(StatsError::NoClassification(year));
    }
    // Raw values per indicator, per gemeente.
    let mut raw: Vec<Vec<(Vec<Option<f64>>, Direction)>> = Vec::new();
    for d in &def.domains {
        let mut per = Vec::new();
        for (id, _) in &d.indicators {
            let series = snap
                .series(id)
                .ok_or_else(|| StatsError::UnknownIndicator(id.clone()))?;
            let vals = gemeenten
                .iter()
                .map(|g| snap.value(series, *g, year).map(|(v, _)| v))
                .collect();
            per.push((vals, series.indicator.direction));
        }
        raw.push(per);
    }
    let complete: Vec<bool> = (0..gemeenten.len())
        .map(|g| raw.iter().flatten().all(|(vals, _)| vals[g].is_some()))
        .collect();
    let included: Vec<usize> = (0..gemeenten.len()).filter(|g| complete[*g]).collect();
    if included.len() < 2 {
        return Err(StatsError::NoValue {
            region: RegionCode::Nederland,
            year,
        });
    }
    let norm = |vals: &[Option<f64>], dir: Direction| -> Vec<f64> {
        let xs: Vec<f64> = included.iter().map(|g| vals[*g].unwrap_or(0.0)).collect();
        let sign = if dir == Direction::LagerIsBeter { -1.0 } else { 1.0 };
        match normalisation {
            Normalisation::Minmax => {
                let (lo, hi) = xs
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| (l.min(*x), h.max(*x)));
                xs.iter()
                    .map(|x| {
                        if hi == lo {
                            5.0
                        } else if sign > 0.0 {
                            (x - lo) / (hi - lo) * 10.0
                        } else {
                            (hi - x) / (hi - lo) * 10.0
                        }
                    })
                    .collect()
            }
            Normalisation::Z => {
                let n = xs.len() as f64;
                let mean = xs.iter().sum::<f64>() / n;
                let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
                xs.iter()
                    .map(|x| if sd == 0.0 { 0.0 } else { sign * (x - mean) / sd })
                    .collect()
            }
        }
    };
    let domain_scores: Vec<Vec<f64>> = raw
        .iter()
        .zip(&iw)
        .map(|(inds, weights)| {
            let total: f64 = weights.iter().sum();
            let normed: Vec<Vec<f64>> = inds.iter().map(|(vals, dir)| norm(vals, *dir)).collect();
            (0..included.len())
                .map(|k| {
                    if total == 0.0 {
                        f64::NAN
                    } else {
                        normed.iter().zip(weights).map(|(n, w)| n[k] * w).sum::<f64>() / total
                    }
                })
                .collect()
        })
        .collect();
    let active: Vec<bool> = iw.iter().map(|w| w.iter().sum::<f64>() > 0.0).collect();
    let dtotal: f64 = dw.iter().zip(&active).filter(|(_, a)| **a).map(|(w, _)| *w).sum();
    let scores: Vec<f64> = (0..included.len())
        .map(|k| {
            dw.iter()
                .zip(&domain_scores)
                .zip(&active)
                .filter(|(_, a)| **a)
                .map(|((w, s), _)| w * s[k])
                .sum::<f64>()
                / dtotal
        })
        .collect();
    let rank = ranks(&scores, Direction::HogerIsBeter);
    let mut out: Vec<Score> = included
        .iter()
        .enumerate()
        .map(|(k, g)| Score {
            region: gemeenten[*g],
            score: scores[k],
            rank: rank[k],
            domains: domain_scores.iter().map(|d| d[k]).collect(),
        })
        .collect();
    out.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.region.cmp(&b.region)));
    Ok(IndexResult {
        year,
        normalisation,
        domain_weights: def
            .domains
            .iter()
            .zip(&dw)
            .zip(&active)
            .map(|((d, w), a)| (d.id.clone(), if *a { w / dtotal } else { 0.0 }))
            .collect(),
        indicator_weights: def
            .domains
            .iter()
            .zip(&iw)
            .flat_map(|(d, ws)| {
                let total: f64 = ws.iter().sum();
                d.indicators
                    .iter()
                    .zip(ws)
                    .map(move |((i, _), w)| (d.id.clone(), i.clone(), if total > 0.0 { w / total } else { 0.0 }))
            })
            .collect(),
        scores: out,
        incomplete: (0..gemeenten.len())
            .filter(|g| !complete[*g])
            .map(|g| gemeenten[g])
            .collect(),
    })
}

/// How ranks move when one weight is changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The indicator or domain whose weight changed.
    pub target: String,
    /// Whether `target` is a domain.
    pub is_domain: bool,
    /// The factor applied to its weight (0 = left out, 2 = doubled).
    pub factor: f64,
    /// Mean absolute change in rank over all gemeenten.
    pub mean_rank_change: f64,
    /// Largest absolute change in rank.
    pub max_rank_change: usize,
    /// The gemeente that moved most, and by how much (positive = up).
    pub most_moved: Option<(RegionCode, i64)>,
}

/// For every indicator and domain: the rank changes when its weight is set to 0 and doubled.
pub fn sensitivity(
    snap: &Snapshot,
    def: &IndexDef,
    overrides: &Weights,
    normalisation: Normalisation,
) -> Result<Vec<Sensitivity>, StatsError> {
    let base = compute(snap, def, overrides, normalisation)?;
    let base_rank: HashMap<RegionCode, usize> = base.scores.iter().map(|s| (s.region, s.rank)).collect();
    let mut targets: Vec<(String, bool, f64)> = Vec::new();
    for d in &def.domains {
        targets.push((d.id.clone(), true, *overrides.get(&d.id).unwrap_or(&d.weight)));
        for (i, w) in &d.indicators {
            targets.push((i.clone(), false, *overrides.get(i).unwrap_or(w)));
        }
    }
    let mut out = Vec::new();
    for (target, is_domain, weight) in targets {
        for factor in [0.0, 2.0] {
            let mut w = overrides.clone();
            w.insert(target.clone(), weight * factor);
            // A scenario that leaves nothing to compute says nothing about sensitivity.
            let Ok(result) = compute(snap, def, &w, normalisation) else {
                continue;
            };
            let mut total = 0usize;
            let mut most: Option<(RegionCode, i64)> = None;
            for s in &result.scores {
                let before = base_rank.get(&s.region).copied().unwrap_or(s.rank) as i64;
                let delta = before - s.rank as i64;
                total += delta.unsigned_abs() as usize;
                if most.is_none_or(|(_, m)| delta.abs() > m.abs()) {
                    most = Some((s.region, delta));
                }
            }
            let n = result.scores.len().max(1);
            out.push(Sensitivity {
                target: target.clone(),
                is_domain,
                factor,
                mean_rank_change: total as f64 / n as f64,
                max_rank_change: most.map_or(0, |(_, d)| d.unsigned_abs() as usize),
                most_moved: most,
            });
        }
    }
    Ok(out)
}
