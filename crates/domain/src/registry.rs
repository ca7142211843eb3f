// SPDX-License-Identifier: EUPL-1.2
//! The region registry: every region, every gemeente's membership per year, and the herindelingen,
//! assembled from what the CBS sources say.
//!
//! The sources (see `data/README.md`) are:
//! - the CBS code list (03759ned `RegioS`): every GM/CR/PV/LD code with its title and start date;
//! - the AM code list (85554NED `RegioS`) for the names of arbeidsmarktregio's no longer in use;
//! - the classification of each gemeente in the last year it existed (2010–2026);
//! - the full classification of 2015 (70072NED);
//! - the herindelingen list.
//!
//! CBS's yearly "Gebieden in Nederland" tables are not all available, so the membership of a
//! gemeente in year Y is taken from the nearest dated classification on or after Y that we have:
//! the 2015 classification for Y ≤ 2015, otherwise the gemeente's last-year classification.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::codes::{CoropCode, LabourMarketRegionCode, MunicipalityCode, ProvinceCode, RegionCode};
use crate::region::{
    reference_date, Membership, Region, FIRST_CLASSIFICATION_YEAR, FIRST_LABOUR_MARKET_REGION_YEAR,
    LAST_CLASSIFICATION_YEAR,
};
use crate::reorganisation::{Lineage, RecordEvent, Reorganisation, ReorganisationRecord};

/// When a region began, as CBS describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    /// "Begindatum voor 1830".
    Before1830,
    /// "Begindatum dd-mm-jjjj".
    On(NaiveDate),
    /// No start date given.
    Unknown,
}

/// One entry of a CBS region code list.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeListEntry {
    /// The code.
    pub code: RegionCode,
    /// The title without CBS's kind suffix ("Twente", not "Twente (CR)").
    pub title: String,
    /// When the region began.
    pub begin: Begin,
}

/// One gemeente's classification in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassificationRow {
    /// The gemeente.
    pub municipality: MunicipalityCode,
    /// Its name in that year.
    pub name: String,
    /// The year.
    pub year: i32,
    /// Its arbeidsmarktregio and that region's name, if the year has them.
    pub labour_market_region: Option<(LabourMarketRegionCode, String)>,
    /// Its COROP region and its name, when the source gives it.
    pub corop: CoropCode,
    /// Its provincie.
    pub province: ProvinceCode,
}

/// Everything the registry is built from.
#[derive(Debug, Clone, Default)]
pub struct RegistrySources {
    /// The CBS code list of GM/CR/PV/LD/NL codes.
    pub code_list: Vec<CodeListEntry>,
    /// Arbeidsmarktregio names, including historical ones.
    pub labour_market_regions: Vec<CodeListEntry>,
    /// Each gemeente's classification in its last year (one row per name).
    pub last_year_classification: Vec<ClassificationRow>,
    /// Complete classifications of single years (2015 from 70072NED, 2016–2025 from CBS's
    /// "Gebieden in Nederland"); a year uses the nearest on or after it.
    pub dated_classification: Vec<ClassificationRow>,
    /// The herindelingen lines.
    pub reorganisations: Vec<ReorganisationRecord>,
}

/// The assembled registry.
#[derive(Debug, Clone, Default)]
pub struct RegionRegistry {
    /// All regions, sorted by code.
    pub regions: Vec<Region>,
    /// Memberships per gemeente per year, sorted by (year, gemeente).
    pub memberships: Vec<Membership>,
    /// Herindelingen, sorted by date.
    pub reorganisations: Vec<Reorganisation>,
}

/// GM0997 is not a gemeente but CBS's "Centraal persoonsregister" (CPR): people without a fixed
/// address, registered there until 1 October 1994 and in 's-Gravenhage since (CBS, 03759ned).
/// CBS tables still list the code, with no figures, so the registry keeps it as a region that
/// ended on that day.
fn register_end(code: MunicipalityCode) -> Option<NaiveDate> {
    (code.number() == 997)
        .then(|| NaiveDate::from_ymd_opt(1994, 10, 1))
        .flatten()
}

/// Something in the sources that does not fit together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RegistryError(pub String);

impl RegionRegistry {
    /// Assembles the registry. Fails with every inconsistency found, not only the first.
    pub fn build(sources: RegistrySources) -> Result<RegionRegistry, Vec<RegistryError>> {
        let mut problems = Vec::new();
        let reorganisations = Reorganisation::group(&sources.reorganisations);

        // Start and end of each gemeente code.
        let mut created: BTreeMap<MunicipalityCode, NaiveDate> = BTreeMap::new();
        let mut ended: BTreeMap<MunicipalityCode, NaiveDate> = BTreeMap::new();
        for r in &sources.reorganisations {
            match r.event {
                RecordEvent::CreatedFrom => {
                    let e = created.entry(r.code).or_insert(r.date);
                    *e = (*e).min(r.date);
                }
                RecordEvent::AbolishedInto => {
                    let e = ended.entry(r.code).or_insert(r.date);
                    *e = (*e).min(r.date);
                }
                RecordEvent::RenamedTo if r.counterpart.is_some_and(|c| c != r.code) => {
                    let e = ended.entry(r.code).or_insert(r.date);
                    *e = (*e).min(r.date);
                }
                RecordEvent::RenamedFrom if r.counterpart.is_some_and(|c| c != r.code) => {
                    created.entry(r.code).or_insert(r.date);
                }
                _ => {}
            }
        }

        // Names: the most recent name in the classification, else CBS's title.
        let mut latest_name: BTreeMap<MunicipalityCode, (i32, String)> = BTreeMap::new();
        for row in &sources.last_year_classification {
            let e = latest_name
                .entry(row.municipality)
                .or_insert((row.year, row.name.clone()));
            if row.year > e.0 {
                *e = (row.year, row.name.clone());
            }
        }

        let mut regions: Vec<Region> = Vec::new();
        for entry in &sources.code_list {
            match entry.code {
                RegionCode::Municipality(gm) => {
                    let valid_from = match (created.get(&gm), entry.begin) {
                        (Some(d), _) => Some(*d),
                        (None, Begin::On(d)) => Some(d),
                        (None, Begin::Before1830) => None,
                        (None, Begin::Unknown) => None,
                    };
                    let valid_until = ended.get(&gm).copied().or_else(|| register_end(gm));
                    if entry.begin == Begin::Unknown && valid_until.is_none() && !created.contains_key(&gm) {
                        problems.push(RegistryError(format!(
                            "gemeente {gm} ({}) heeft geen begindatum en geen einddatum",
                            entry.title
                        )));
                        continue;
                    }
                    let name = latest_name
                        .get(&gm)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_else(|| entry.title.clone());
                    regions.push(Region {
                        code: entry.code,
                        name,
                        valid_from,
                        valid_until,
                    });
                }
                RegionCode::LabourMarketRegion(_) => {
                    problems.push(RegistryError(format!(
                        "code {} hoort niet in de lijst van gemeenten, COROP-gebieden en provincies",
                        entry.code
                    )));
                }
                _ => regions.push(Region {
                    code: entry.code,
                    name: entry.title.clone(),
                    valid_from: None,
                    valid_until: None,
                }),
            }
        }

        // Classification snapshots per gemeente, by year.
        let mut snapshots: BTreeMap<MunicipalityCode, BTreeMap<i32, &ClassificationRow>> = BTreeMap::new();
        for row in sources
            .last_year_classification
            .iter()
            .chain(&sources.dated_classification)
        {
            snapshots.entry(row.municipality).or_default().insert(row.year, row);
        }
        // Names per gemeente per year come only from the last-year rows (the dated
        // classification may carry the name of a later edition).
        let mut names: BTreeMap<MunicipalityCode, BTreeMap<i32, &str>> = BTreeMap::new();
        for row in &sources.last_year_classification {
            names.entry(row.municipality).or_default().insert(row.year, &row.name);
        }

        let mut memberships = Vec::new();
        for year in FIRST_CLASSIFICATION_YEAR..=LAST_CLASSIFICATION_YEAR {
            for region in &regions {
                let RegionCode::Municipality(gm) = region.code else {
                    continue;
                };
                if !region.exists_in_year(year) {
                    continue;
                }
                let Some(row) = snapshots.get(&gm).and_then(|s| s.range(year..).next()).map(|(_, r)| *r) else {
                    problems.push(RegistryError(format!(
                        "gemeente {gm} ({}) bestond in {year}, maar de indeling geeft voor dat jaar of later geen regio's",
                        region.name
                    )));
                    continue;
                };
                let name = names
                    .get(&gm)
                    .and_then(|n| n.range(year..).next().or_else(|| n.iter().next_back()))
                    .map(|(_, n)| n.to_string())
                    .unwrap_or_else(|| region.name.clone());
                memberships.push(Membership {
                    municipality: gm,
                    year,
                    name,
                    labour_market_region: if year >= FIRST_LABOUR_MARKET_REGION_YEAR {
                        row.labour_market_region.as_ref().map(|(c, _)| *c)
                    } else {
                        None
                    },
                    corop: row.corop,
                    province: row.province,
                });
            }
        }

        // Arbeidsmarktregio's: the newest name in the classification, else the CBS code list;
        // valid for the years in which they have members.
        let mut am_names: BTreeMap<LabourMarketRegionCode, (i32, String)> = BTreeMap::new();
        for row in sources
            .last_year_classification
            .iter()
            .chain(&sources.dated_classification)
        {
            if let Some((am, name)) = row.labour_market_region.as_ref().filter(|(_, n)| !n.is_empty()) {
                let e = am_names.entry(*am).or_insert((row.year, name.clone()));
                if row.year > e.0 {
                    *e = (row.year, name.clone());
                }
            }
        }
        let mut am_years: BTreeMap<LabourMarketRegionCode, BTreeSet<i32>> = BTreeMap::new();
        for m in &memberships {
            if let Some(am) = m.labour_market_region {
                am_years.entry(am).or_default().insert(m.year);
            }
        }
        for (am, years) in &am_years {
            let name = am_names.get(am).map(|(_, n)| n.clone()).or_else(|| {
                sources
                    .labour_market_regions
                    .iter()
                    .find(|e| e.code == RegionCode::LabourMarketRegion(*am))
                    .map(|e| e.title.clone())
            });
            let Some(name) = name else {
                problems.push(RegistryError(format!(
                    "arbeidsmarktregio {am} heeft geen naam in de bronnen"
                )));
                continue;
            };
            let (first, last) = (years.first().copied(), years.last().copied());
            regions.push(Region {
                code: RegionCode::LabourMarketRegion(*am),
                name,
                valid_from: first.and_then(reference_date),
                valid_until: last
                    .filter(|l| *l < LAST_CLASSIFICATION_YEAR)
                    .and_then(|l| reference_date(l + 1)),
            });
        }

        // Every region a membership names must exist.
        let known: BTreeSet<RegionCode> = regions.iter().map(|r| r.code).collect();
        let mut missing = BTreeSet::new();
        for m in &memberships {
            for code in [RegionCode::Corop(m.corop), RegionCode::Province(m.province)] {
                if !known.contains(&code) {
                    missing.insert(code);
                }
            }
        }
        for code in missing {
            problems.push(RegistryError(format!(
                "regio {code} komt voor in de indeling maar niet in de codelijst"
            )));
        }

        if !problems.is_empty() {
            return Err(problems);
        }
        regions.sort_by_key(|r| r.code);
        memberships.sort_by_key(|m| (m.year, m.municipality));
        Ok(RegionRegistry {
            regions,
            memberships,
            reorganisations,
        })
    }

    /// The lineage for mapping codes across years.
    pub fn lineage(&self) -> Lineage {
        Lineage::new(&self.reorganisations)
    }
}
