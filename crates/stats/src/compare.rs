// SPDX-License-Identifier: EUPL-1.2
//! Comparisons: a region's rank and quartile among its peers, and its difference to the larger
//! regions it lies in and to Nederland.

use samenhang_domain::codes::{RegionCode, RegionKind};

use crate::definition::Direction;
use crate::peers::Peers;
use crate::snapshot::{Origin, Series, Snapshot};
use crate::StatsError;

/// A larger region to compare with.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The region.
    pub region: RegionCode,
    /// Its value.
    pub value: f64,
    /// Our value minus its value.
    pub difference: f64,
    /// The difference in percent of its value (absent when its value is 0).
    pub relative: Option<f64>,
}

/// A region's place among its peers.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The region.
    pub region: RegionCode,
    /// The year.
    pub year: i32,
    /// Its value.
    pub value: f64,
    /// Where the value comes from.
    pub origin: Origin,
    /// Rank among the regions of the comparison group with a value (1 = best; for a neutral
    /// indicator, 1 = highest). Ties share the best rank.
    pub rank: usize,
    /// Number of regions of the group ranked.
    pub of: usize,
    /// Quartile (1 = best quarter).
    pub quartile: u8,
    /// Its arbeidsmarktregio, provincie (for a gemeente) and Nederland.
    pub references: Vec<Reference>,
}

/// Ranks values: 1 for the best, ties share a rank. Returns ranks in the order of `values`.
pub fn ranks(values: &[f64], direction: Direction) -> Vec<usize> {
    let better = |a: f64, b: f64| match direction {
        Direction::LagerIsBeter => a < b,
        _ => a > b,
    };
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (values[a], values[b]);
        if better(x, y) {
            std::cmp::Ordering::Less
        } else if better(y, x) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    let mut out = vec![0; values.len()];
    for (i, &idx) in order.iter().enumerate() {
        out[idx] = if i > 0 && values[order[i - 1]] == values[idx] {
            out[order[i - 1]]
        } else {
            i + 1
        };
    }
    out
}

/// The quartile of a rank among `of` (1 = best quarter).
pub fn quartile(rank: usize, of: usize) -> u8 {
    if of == 0 {
        return 0;
    }
    (((rank as f64) / (of as f64) * 4.0).ceil() as u8).clamp(1, 4)
}

/// Compares `region` in `year` among `peers` (see [`crate::peers::resolve`]).
pub fn compare(
    snap: &Snapshot,
    series: &Series,
    region: RegionCode,
    year: i32,
    peers: &Peers,
) -> Result<Comparison, StatsError> {
    let (value, origin) = snap
        .value(series, region, year)
        .ok_or(StatsError::NoValue { region, year })?;
    let kind = region.kind();
    let me = snap.regions.position(region).ok_or(StatsError::UnknownRegion(region))?;
    let ranked = ranked_year_among(snap, series, year, peers);
    let rank = ranked
        .rows
        .iter()
        .find(|(i, _, _)| *i == me)
        .map(|r| r.2)
        .ok_or(StatsError::NoValue { region, year })?;
    let of = ranked.rows.len();
    let mut refs = Vec::new();
    if kind == RegionKind::Gemeente {
        if let Some(m) = snap
            .memberships(year)
            .iter()
            .find(|m| RegionCode::from(m.municipality) == region)
        {
            refs.extend(m.labour_market_region.map(RegionCode::from));
            refs.push(m.corop.into());
            refs.push(m.province.into());
        }
    }
    if region != RegionCode::Nederland {
        refs.push(RegionCode::Nederland);
    }
    let references = refs
        .into_iter()
        .filter_map(|r| {
            let (v, _) = snap.value(series, r, year)?;
            Some(Reference {
                region: r,
                value: v,
                difference: value - v,
                relative: (v != 0.0).then(|| (value - v) / v * 100.0),
            })
        })
        .collect();
    Ok(Comparison {
        region,
        year,
        value,
        origin,
        rank,
        of,
        quartile: quartile(rank, of),
        references,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties_and_follow_direction() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0], Direction::HogerIsBeter), vec![1, 4, 1, 3]);
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0], Direction::LagerIsBeter), vec![3, 1, 3, 2]);
        assert_eq!(quartile(1, 342), 1);
        assert_eq!(quartile(342, 342), 4);
        assert_eq!(quartile(86, 342), 2);
    }
}

/// One year of an indicator for all regions of one kind, with ranks.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedYear {
    /// The year.
    pub year: i32,
    /// (region position, value, rank), in region order.
    pub rows: Vec<(usize, f64, usize)>,
}

/// An indicator for all regions of `kind` and all years, with the rank of each value in its
/// year: the query behind a ranking table or a map.
pub fn ranked_table(snap: &Snapshot, series: &Series, kind: RegionKind) -> Vec<RankedYear> {
    series
        .years()
        .iter()
        .map(|&year| ranked_year(snap, series, kind, year))
        .collect()
}

/// One year of [`ranked_table`]: every region of `kind` with its value and rank in `year`.
pub fn ranked_year(snap: &Snapshot, series: &Series, kind: RegionKind, year: i32) -> RankedYear {
    ranked_where(snap, series, year, |i| snap.kind(i) == kind)
}

/// One year of an indicator for the members of a comparison group, ranked among themselves.
pub fn ranked_year_among(snap: &Snapshot, series: &Series, year: i32, peers: &Peers) -> RankedYear {
    ranked_where(snap, series, year, |i| peers.contains(snap, i))
}

fn ranked_where(snap: &Snapshot, series: &Series, year: i32, keep: impl Fn(usize) -> bool) -> RankedYear {
    let cells: Vec<(usize, f64)> = snap
        .year_values(series, year)
        .filter(|(i, _, _)| keep(*i))
        .map(|(i, v, _)| (i, v))
        .collect();
    let values: Vec<f64> = cells.iter().map(|(_, v)| *v).collect();
    let r = ranks(&values, series.indicator.direction);
    RankedYear {
        year,
        rows: cells.iter().zip(r).map(|((i, v), rank)| (*i, *v, rank)).collect(),
    }
}
