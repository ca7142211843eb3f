// SPDX-License-Identifier: EUPL-1.2
//! Harmonisation: a series put on one year's boundaries through the herindelingen. Counts are
//! divided over successors by their share of the inhabitants and summed; ratios and means are
//! recomputed from their harmonised parts. Larger regions follow from the target year's
//! membership.

use std::collections::HashMap;

use samenhang_domain::codes::RegionCode;

use crate::definition::Aggregation;
use crate::snapshot::{value_of, Series, Snapshot};
use crate::StatsError;

/// Values on the boundaries of one year: (region, year, value), sorted by region and year.
pub type Harmonised = Vec<(RegionCode, i32, f64)>;

/// Puts `series` on the boundaries of `target_year` for every year up to it that has a
/// classification. Gemeenten and the AM, COROP regions, provincies and Nederland of that year.
pub fn harmonise(snap: &Snapshot, series: &Series, target_year: i32) -> Result<Harmonised, StatsError> {
    if series.indicator.aggregation == Aggregation::Geen {
        return Err(StatsError::NotHarmonisable(series.indicator.id.clone()));
    }
    let targets = snap.memberships(target_year);
    if targets.is_empty() {
        return Err(StatsError::NoClassification(target_year));
    }
    let mut out = Vec::new();
    for &year in series.years().iter().filter(|y| **y <= target_year) {
        let members = snap.memberships(year);
        if members.is_empty() {
            continue;
        }
        // Parts per target gemeente; `false` once a contributor lacks a value.
        let mut acc: HashMap<RegionCode, (f64, f64, bool)> = HashMap::new();
        for m in members {
            let parts = snap.parts(series, m.municipality.into(), year);
            let successors = snap
                .lineage()
                .successors(m.municipality, year, target_year)
                .map_err(|e| StatsError::Lineage(e.to_string()))?;
            for s in successors {
                let e = acc.entry(s.code.into()).or_insert((0.0, 0.0, true));
                match parts {
                    Some((a, b)) => {
                        e.0 += a * s.share;
                        e.1 += b * s.share;
                    }
                    None => e.2 = false,
                }
            }
        }
        let mut larger: HashMap<RegionCode, (f64, f64, bool)> = HashMap::new();
        for t in targets {
            let code = RegionCode::from(t.municipality);
            let (a, b, complete) = acc.get(&code).copied().unwrap_or((0.0, 0.0, false));
            let ups = [
                Some(RegionCode::Nederland),
                t.labour_market_region.map(RegionCode::from),
                Some(t.corop.into()),
                Some(t.province.into()),
            ];
            for up in ups.into_iter().flatten() {
                let e = larger.entry(up).or_insert((0.0, 0.0, true));
                e.0 += a;
                e.1 += b;
                e.2 &= complete;
            }
            if complete {
                if let Some(v) = value_of(&series.indicator, (a, b)) {
                    out.push((code, year, v));
                }
            }
        }
        for (code, (a, b, complete)) in larger {
            if complete {
                if let Some(v) = value_of(&series.indicator, (a, b)) {
                    out.push((code, year, v));
                }
            }
        }
    }
    out.sort_by_key(|v| (v.0, v.1));
    Ok(out)
}
