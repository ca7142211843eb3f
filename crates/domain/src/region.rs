// SPDX-License-Identifier: EUPL-1.2
//! Regions (gebieden) and the yearly membership of a gemeente in the larger regions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{CoropCode, LabourMarketRegionCode, MunicipalityCode, ProvinceCode, RegionCode, RegionKind};

/// First and last year for which the registry holds a yearly classification.
pub const FIRST_CLASSIFICATION_YEAR: i32 = 2010;
/// Last year of the shipped classification (the CBS "Gebieden in Nederland 2026" state).
pub const LAST_CLASSIFICATION_YEAR: i32 = 2026;
/// The 35 arbeidsmarktregio's in their current form exist in CBS's classification from 2014.
pub const FIRST_LABOUR_MARKET_REGION_YEAR: i32 = 2014;

/// The reference date of a yearly classification: CBS classifies regions as on 1 January.
pub fn reference_date(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// A region: the country, a landsdeel, provincie, COROP region, arbeidsmarktregio or gemeente.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// The CBS code.
    pub code: RegionCode,
    /// The official name (for a gemeente: its most recent name).
    pub name: String,
    /// First day the region existed, when known; `None` means "since before the data starts".
    pub valid_from: Option<NaiveDate>,
    /// First day the region no longer existed; `None` means it still exists.
    pub valid_until: Option<NaiveDate>,
}

impl Region {
    /// The kind of region, from its code.
    pub fn kind(&self) -> RegionKind {
        self.code.kind()
    }

    /// Whether the region existed on the given day.
    pub fn exists_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_until.is_none_or(|until| until > day)
    }

    /// Whether the region is part of the classification of `year` (as on 1 January).
    pub fn exists_in_year(&self, year: i32) -> bool {
        reference_date(year).is_some_and(|d| self.exists_on(d))
    }
}

/// Where a gemeente belonged in one year's classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The gemeente.
    pub municipality: MunicipalityCode,
    /// The classification year (situation on 1 January).
    pub year: i32,
    /// The gemeente's name in that year.
    pub name: String,
    /// Its arbeidsmarktregio; `None` before the 35 regions existed (2014).
    pub labour_market_region: Option<LabourMarketRegionCode>,
    /// Its COROP region.
    pub corop: CoropCode,
    /// Its provincie.
    pub province: ProvinceCode,
}

impl Membership {
    /// Whether this gemeente lies in `region` in this year (a gemeente lies in itself and in NL01).
    pub fn lies_in(&self, region: RegionCode) -> bool {
        match region {
            RegionCode::Nederland => true,
            RegionCode::Municipality(m) => m == self.municipality,
            RegionCode::LabourMarketRegion(am) => self.labour_market_region == Some(am),
            RegionCode::Corop(cr) => cr == self.corop,
            RegionCode::Province(pv) => pv == self.province,
            // Landsdelen are not part of the yearly classification.
            RegionCode::Landsdeel(_) => false,
        }
    }
}

/// Folds a name for search: lower case, diacritics removed ("Súdwest-Fryslân" → "sudwest-fryslan").
pub fn fold_for_search(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let base = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            other => other,
        };
        out.extend(base.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_frisian_names() {
        assert_eq!(fold_for_search("Súdwest-Fryslân"), "sudwest-fryslan");
        assert_eq!(fold_for_search("Creëren"), "creeren");
    }

    #[test]
    fn existence_uses_half_open_interval() {
        let weesp = Region {
            code: RegionCode::parse("GM0457").unwrap(),
            name: "Weesp".into(),
            valid_from: None,
            valid_until: NaiveDate::from_ymd_opt(2022, 3, 24),
        };
        assert!(weesp.exists_in_year(2022));
        assert!(!weesp.exists_in_year(2023));
    }
}
