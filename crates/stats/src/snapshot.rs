// SPDX-License-Identifier: EUPL-1.2
//! The in-memory snapshot: every indicator as a dense year × region array, with the values CBS
//! publishes and, where CBS publishes none, values aggregated from the gemeenten by that year's
//! membership. Built once after an import and swapped in whole; queries never touch the
//! database.

use std::collections::{BTreeSet, HashMap, HashSet};

use samenhang_domain::access::Principal;
use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};
use samenhang_domain::{Lineage, Membership, Region};

use crate::definition::{Aggregation, Expression, Indicator, Kind, MeasureRef, Registry};

/// Annual values of one measure slice: region, year, value.
pub type MeasureValues = Vec<(RegionCode, i32, f64)>;

/// Where a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Published by CBS for this region (for a formula: computed from published measures).
    Published,
    /// Aggregated by Samenhang from the region's gemeenten in that year.
    Aggregated,
    /// Put on another year's boundaries through the herindelingen.
    Harmonised,
}

/// Everything the snapshot is built from.
pub struct Inputs<'a> {
    /// The indicator registry.
    pub registry: &'a Registry,
    /// Every region.
    pub regions: &'a [Region],
    /// Every gemeente's membership, every year.
    pub memberships: &'a [Membership],
    /// Annual values of every measure slice the registry reads.
    pub values: &'a HashMap<MeasureRef, MeasureValues>,
    /// The herindelingen lineage.
    pub lineage: Lineage,
    /// The own indicators (eigen cijfers), after the registry's; their measures are in
    /// `values` too.
    pub own: &'a [Indicator],
}

/// One indicator over all regions and years.
#[derive(Debug, Clone)]
pub struct Series {
    /// The definition.
    pub indicator: Indicator,
    years: Vec<i32>,
    n_regions: usize,
    values: Vec<f64>,
    origin: Vec<Option<Origin>>,
    /// Aggregation components per cell (see [`components`]); NaN when unknown.
    parts: Vec<(f64, f64)>,
}

impl Series {
    /// The years with at least one value, ascending.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    fn cell(&self, year: i32, region: usize) -> Option<usize> {
        let y = self.years.binary_search(&year).ok()?;
        Some(y * self.n_regions + region)
    }
}

/// Region positions in the dense arrays.
#[derive(Debug, Clone, Default)]
pub struct RegionIndex {
    codes: Vec<RegionCode>,
    names: Vec<String>,
    pos: HashMap<RegionCode, usize>,
}

impl RegionIndex {
    fn new(regions: &[Region]) -> Self {
        let codes: Vec<RegionCode> = regions.iter().map(|r| r.code).collect();
        let names = regions.iter().map(|r| r.name.clone()).collect();
        let pos = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        RegionIndex { codes, names, pos }
    }

    /// Position of a region.
    pub fn position(&self, code: RegionCode) -> Option<usize> {
        self.pos.get(&code).copied()
    }

    /// The code at a position.
    pub fn code(&self, i: usize) -> RegionCode {
        self.codes[i]
    }

    /// The (most recent) name at a position.
    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// The whole snapshot.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Region positions.
    pub regions: RegionIndex,
    /// Memberships per year.
    memberships: HashMap<i32, Vec<Membership>>,
    series: Vec<Series>,
    by_id: HashMap<String, usize>,
    lineage: Lineage,
    /// The registry the snapshot was built from.
    pub registry: Registry,
}

/// Evaluates an expression for one region and year: the sum of its terms, each the first
/// alternative with a value. `None` when a term has no value.
fn eval(
    expr: &Expression,
    values: &HashMap<&MeasureRef, HashMap<(RegionCode, i32), f64>>,
    key: (RegionCode, i32),
) -> Option<f64> {
    let mut sum = 0.0;
    for term in &expr.terms {
        sum += term
            .iter()
            .find_map(|r| values.get(r).and_then(|m| m.get(&key)).copied())?;
    }
    Some(sum)
}

/// The value and aggregation components of an indicator for one region and year.
///
/// | kind | components (a, b) | value |
/// |---|---|---|
/// | maatstaf | (teller, 1) | a × factor |
/// | verhouding | (teller, noemer) | a / b × factor |
/// | gemiddelde, gewogen | (teller × gewicht, gewicht) | teller × factor |
/// | gemiddelde, geen | (NaN, NaN) | teller × factor |
fn components(
    ind: &Indicator,
    values: &HashMap<&MeasureRef, HashMap<(RegionCode, i32), f64>>,
    key: (RegionCode, i32),
) -> Option<(f64, (f64, f64))> {
    let n = eval(&ind.numerator, values, key)?;
    match ind.kind {
        Kind::Maatstaf => Some((n * ind.factor, (n, 1.0))),
        Kind::Verhouding => {
            let d = eval(ind.denominator.as_ref()?, values, key)?;
            (d != 0.0).then(|| (n / d * ind.factor, (n, d)))
        }
        Kind::Gemiddelde => {
            let w = ind.weight.as_ref().and_then(|w| eval(w, values, key));
            Some((n * ind.factor, w.map_or((f64::NAN, f64::NAN), |w| (n * w, w))))
        }
    }
}

/// The value of aggregated components.
pub(crate) fn value_of(ind: &Indicator, (a, b): (f64, f64)) -> Option<f64> {
    let v = match ind.kind {
        Kind::Maatstaf => a * ind.factor,
        Kind::Verhouding | Kind::Gemiddelde => {
            if b == 0.0 {
                return None;
            }
            a / b * ind.factor
        }
    };
    v.is_finite().then_some(v)
}

impl Snapshot {
    /// Builds the snapshot.
    pub fn build(inputs: Inputs<'_>) -> Snapshot {
        let regions = RegionIndex::new(inputs.regions);
        let mut memberships: HashMap<i32, Vec<Membership>> = HashMap::new();
        for m in inputs.memberships {
            memberships.entry(m.year).or_default().push(m.clone());
        }
        let lookup: HashMap<&MeasureRef, HashMap<(RegionCode, i32), f64>> = inputs
            .values
            .iter()
            .map(|(r, vals)| (r, vals.iter().map(|(c, y, v)| ((*c, *y), *v)).collect()))
            .collect();
        let mut series = Vec::new();
        let mut by_id = HashMap::new();
        for ind in inputs.registry.indicators.iter().chain(inputs.own) {
            let mut keys: BTreeSet<(i32, RegionCode)> = BTreeSet::new();
            for r in ind.numerator.refs() {
                if let Some(vals) = inputs.values.get(r) {
                    keys.extend(vals.iter().map(|(c, y, _)| (*y, *c)));
                }
            }
            let years: Vec<i32> = keys
                .iter()
                .map(|(y, _)| *y)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let n = regions.len();
            let cells = years.len() * n;
            let mut s = Series {
                indicator: ind.clone(),
                years,
                n_regions: n,
                values: vec![f64::NAN; cells],
                origin: vec![None; cells],
                parts: vec![(f64::NAN, f64::NAN); cells],
            };
            for &(year, code) in &keys {
                let (Some(pos), Some((value, parts))) =
                    (regions.position(code), components(ind, &lookup, (code, year)))
                else {
                    continue;
                };
                if let Some(c) = s.cell(year, pos) {
                    s.values[c] = value;
                    s.parts[c] = parts;
                    s.origin[c] = Some(Origin::Published);
                }
            }
            if ind.aggregation != Aggregation::Geen {
                aggregate(&mut s, &regions, &memberships);
            }
            by_id.insert(ind.id.clone(), series.len());
            series.push(s);
        }
        Snapshot {
            regions,
            memberships,
            series,
            by_id,
            lineage: inputs.lineage,
            registry: inputs.registry.clone(),
        }
    }

    /// An indicator's series, when everyone may see it (every CBS indicator, and own indicators
    /// marked `openbaar`). A page or endpoint that knows its caller asks
    /// [`Snapshot::series_for`].
    pub fn series(&self, id: &str) -> Option<&Series> {
        self.by_id
            .get(id)
            .map(|i| &self.series[*i])
            .filter(|s| s.indicator.is_public())
    }

    /// An indicator's series, when `who` may see it.
    pub fn series_for(&self, id: &str, who: &Principal) -> Option<&Series> {
        self.by_id
            .get(id)
            .map(|i| &self.series[*i])
            .filter(|s| s.indicator.visible_to(who))
    }

    /// Every series everyone may see: the registry's, then the public own indicators.
    pub fn all_series(&self) -> impl Iterator<Item = &Series> + '_ {
        self.series.iter().filter(|s| s.indicator.is_public())
    }

    /// Every series `who` may see.
    pub fn all_series_for<'s>(&'s self, who: &'s Principal) -> impl Iterator<Item = &'s Series> + 's {
        self.series.iter().filter(move |s| s.indicator.visible_to(who))
    }

    /// The name of a region, or its code when the snapshot does not know it.
    pub fn region_name(&self, code: RegionCode) -> String {
        self.regions
            .position(code)
            .map_or_else(|| code.to_string(), |i| self.regions.name(i).to_string())
    }

    /// The gemeenten that lie in `region` in each classification year (a gemeente lies in
    /// itself, every gemeente in Nederland).
    pub fn gemeenten_in(&self, region: RegionCode) -> HashMap<i32, HashSet<MunicipalityCode>> {
        self.memberships
            .iter()
            .map(|(year, ms)| {
                (
                    *year,
                    ms.iter()
                        .filter(|m| m.lies_in(region))
                        .map(|m| m.municipality)
                        .collect(),
                )
            })
            .collect()
    }

    /// The memberships of a year.
    pub fn memberships(&self, year: i32) -> &[Membership] {
        self.memberships.get(&year).map_or(&[], Vec::as_slice)
    }

    /// The lineage.
    pub fn lineage(&self) -> &Lineage {
        &self.lineage
    }

    /// The value of an indicator for a region in a year.
    pub fn value(&self, series: &Series, region: RegionCode, year: i32) -> Option<(f64, Origin)> {
        let c = series.cell(year, self.regions.position(region)?)?;
        let v = series.values[c];
        (!v.is_nan()).then(|| (v, series.origin[c].unwrap_or(Origin::Published)))
    }

    /// Every value of a year: (region position, value, origin), in region order.
    pub fn year_values<'s>(&'s self, series: &'s Series, year: i32) -> impl Iterator<Item = (usize, f64, Origin)> + 's {
        let start = series.years.binary_search(&year).ok().map(|y| y * series.n_regions);
        (0..start.map_or(0, |_| series.n_regions)).filter_map(move |i| {
            let c = start? + i;
            let v = series.values[c];
            (!v.is_nan()).then(|| (i, v, series.origin[c].unwrap_or(Origin::Published)))
        })
    }

    /// The components of a cell, for aggregation and harmonisation.
    pub(crate) fn parts(&self, series: &Series, region: RegionCode, year: i32) -> Option<(f64, f64)> {
        let c = series.cell(year, self.regions.position(region)?)?;
        let p = series.parts[c];
        (!p.0.is_nan() && !p.1.is_nan()).then_some(p)
    }

    /// The years in which at least one gemeente has a value (published or harmonised): empty
    /// for an indicator that exists only nationally or for larger regions.
    pub fn municipal_years(&self, series: &Series) -> Vec<i32> {
        series
            .years
            .iter()
            .copied()
            .filter(|&y| {
                self.year_values(series, y)
                    .any(|(i, _, _)| self.kind(i) == RegionKind::Gemeente)
            })
            .collect()
    }

    /// The kind of the region at a position.
    pub fn kind(&self, i: usize) -> RegionKind {
        self.regions.code(i).kind()
    }
}

/// Fills AM, COROP, provincie and Nederland where CBS publishes nothing, by summing the
/// components of that year's member gemeenten. A region with a member without a value gets none.
fn aggregate(s: &mut Series, regions: &RegionIndex, memberships: &HashMap<i32, Vec<Membership>>) {
    for yi in 0..s.years.len() {
        let year = s.years[yi];
        let Some(members) = memberships.get(&year) else {
            continue;
        };
        let mut sums: HashMap<RegionCode, (f64, f64, bool)> = HashMap::new();
        for m in members {
            let Some(pos) = regions.position(m.municipality.into()) else {
                continue;
            };
            let p = s.parts[yi * s.n_regions + pos];
            let ok = !p.0.is_nan() && !p.1.is_nan() && !s.values[yi * s.n_regions + pos].is_nan();
            let targets = [
                Some(RegionCode::Nederland),
                m.labour_market_region.map(RegionCode::from),
                Some(m.corop.into()),
                Some(m.province.into()),
            ];
            for t in targets.into_iter().flatten() {
                let e = sums.entry(t).or_insert((0.0, 0.0, true));
                if ok {
                    e.0 += p.0;
                    e.1 += p.1;
                } else {
                    e.2 = false;
                }
            }
        }
        for (code, (a, b, complete)) in sums {
            let Some(pos) = regions.position(code) else { continue };
            let c = yi * s.n_regions + pos;
            if !s.values[c].is_nan() || !complete {
                continue;
            }
            if let Some(v) = value_of(&s.indicator, (a, b)) {
                s.values[c] = v;
                s.parts[c] = (a, b);
                s.origin[c] = Some(Origin::Aggregated);
            }
        }
    }
}
