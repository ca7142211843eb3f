// SPDX-License-Identifier: EUPL-1.2
//! Region labels as StatLine writes them in a download with labels instead of codes
//! (`Enschede`, `Groningen (gemeente)`, `Bergen (L.)`, `Twente (AM)`, `Twente (CR)`,
//! `Overijssel (PV)`, `Oost-Nederland (LD)`, `Nederland`), mapped to codes **per year**, because
//! names change with herindelingen.
//!
//! A label is looked up first in CBS's "Gebieden in Nederland" of that year (the gemeenten and
//! the regions they lie in, exactly as StatLine spells them), then among the CBS names of the
//! regions that existed in that year. A label that maps to nothing, or to more than one code, is
//! an error that the reader reports with file, line and column.

use std::collections::{BTreeMap, HashMap};

use samenhang_domain::codes::{RegionCode, RegionKind};

use crate::regions::GebiedenRow;

/// A region's CBS name and the years in which it existed (`None`: no bound).
#[derive(Debug, Clone)]
struct Named {
    code: RegionCode,
    first: Option<i32>,
    last: Option<i32>,
}

/// Labels to codes, per year.
#[derive(Debug, Clone, Default)]
pub struct RegionLabels {
    by_year: BTreeMap<i32, HashMap<String, Vec<RegionCode>>>,
    names: HashMap<String, Vec<Named>>,
}

/// The label StatLine gives a region of this kind with this CBS name (a gemeente by its bare name
/// as well, where no provincie shares it).
fn labels_of(name: &str, kind: RegionKind) -> Vec<String> {
    let suffix = match kind {
        RegionKind::Gemeente => return vec![name.to_string(), format!("{name} (gemeente)")],
        RegionKind::Land => return vec![name.to_string()],
        RegionKind::Arbeidsmarktregio => "AM",
        RegionKind::Corop => "CR",
        RegionKind::Provincie => "PV",
        RegionKind::Landsdeel => "LD",
    };
    vec![format!("{name} ({suffix})")]
}

impl RegionLabels {
    /// From the CBS names of every region with the years it existed (first, last; `None` where
    /// unbounded), and CBS's "Gebieden in Nederland" per year.
    pub fn new(
        names: impl IntoIterator<Item = (String, RegionCode, Option<i32>, Option<i32>)>,
        gebieden: impl IntoIterator<Item = (i32, Vec<GebiedenRow>)>,
    ) -> Self {
        let mut out = RegionLabels::default();
        for (name, code, first, last) in names {
            for label in labels_of(&name, code.kind()) {
                let list = out.names.entry(label).or_default();
                if !list.iter().any(|n| n.code == code) {
                    list.push(Named { code, first, last });
                }
            }
        }
        for (year, rows) in gebieden {
            let map = out.by_year.entry(year).or_default();
            let mut add = |label: String, code: RegionCode| {
                let list = map.entry(label).or_default();
                if !list.contains(&code) {
                    list.push(code);
                }
            };
            for row in rows {
                add(row.label.clone(), row.classification.municipality.into());
                for (code, name) in row.regions {
                    if !name.is_empty() {
                        for label in labels_of(&name, code.kind()) {
                            add(label, code);
                        }
                    }
                }
            }
        }
        out
    }

    /// The years with a "Gebieden in Nederland" of their own.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.by_year.keys().copied()
    }

    /// The code of `label` in `year`, or why there is none (in Dutch): the regions of that year
    /// first, then, for a label no region of that year has, the one region that ever had it.
    pub fn lookup(&self, label: &str, year: i32) -> Result<RegionCode, String> {
        let mut codes: Vec<RegionCode> = self
            .by_year
            .get(&year)
            .and_then(|m| m.get(label))
            .cloned()
            .unwrap_or_default();
        let named = || self.names.get(label).into_iter().flatten();
        if codes.is_empty() {
            codes = named()
                .filter(|n| n.first.is_none_or(|f| f <= year) && n.last.is_none_or(|l| year <= l))
                .map(|n| n.code)
                .collect();
        }
        // A table of several years lists every region of any of them, also in the years it did
        // not exist (with empty cells): a label that names one region in all time is that one.
        if codes.is_empty() {
            codes = named().map(|n| n.code).collect();
            for map in self.by_year.values() {
                for c in map.get(label).into_iter().flatten() {
                    if !codes.contains(c) {
                        codes.push(*c);
                    }
                }
            }
        }
        match codes.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "'{}' is geen gebied in de gebiedsindeling van {year}",
                label.chars().take(80).collect::<String>()
            )),
            many => {
                let list: Vec<String> = many.iter().map(ToString::to_string).collect();
                Err(format!(
                    "'{label}' past in de gebiedsindeling van {year} bij meer dan één gebied ({}); \
                     geef de code of een eenduidige naam",
                    list.join(", ")
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenhang_domain::codes::{CoropCode, MunicipalityCode, ProvinceCode};
    use samenhang_domain::registry::ClassificationRow;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    fn row(label: &str, gm: &str, year: i32) -> GebiedenRow {
        GebiedenRow {
            label: label.into(),
            classification: ClassificationRow {
                municipality: MunicipalityCode::parse(gm).unwrap(),
                name: String::new(),
                year,
                labour_market_region: None,
                corop: CoropCode::parse("CR15").unwrap(),
                province: ProvinceCode::parse("PV23").unwrap(),
            },
            regions: vec![(code("AM05"), "Twente".into()), (code("CR15"), "Twente".into())],
        }
    }

    #[test]
    fn labels_follow_the_year_and_name_what_is_wrong() {
        let labels = RegionLabels::new(
            [
                ("Nederland".to_string(), code("NL01"), None, None),
                ("Hengelo".to_string(), code("GM0164"), None, None),
                ("Hengelo".to_string(), code("GM0233"), None, Some(2004)),
                ("Bergen".to_string(), code("GM0373"), None, None),
                ("Bergen".to_string(), code("GM0893"), None, None),
            ],
            [(
                2024,
                vec![row("Hengelo (O.)", "GM0164", 2024), row("Enschede", "GM0153", 2024)],
            )],
        );
        assert_eq!(labels.lookup("Enschede", 2024), Ok(code("GM0153")));
        assert_eq!(labels.lookup("Hengelo (O.)", 2024), Ok(code("GM0164")));
        assert_eq!(labels.lookup("Twente (AM)", 2024), Ok(code("AM05")));
        assert_eq!(labels.lookup("Twente (CR)", 2024), Ok(code("CR15")));
        assert_eq!(labels.lookup("Nederland", 2024), Ok(code("NL01")));
        // No file for 2003: the CBS names of the gemeenten of that year; two Hengelo's then.
        // Outside the years a region existed, a label that names one region in all time is it.
        assert_eq!(labels.lookup("Hengelo (O.)", 1990), Ok(code("GM0164")));
        assert!(labels.lookup("Hengelo", 2003).unwrap_err().contains("GM0164, GM0233"));
        assert_eq!(labels.lookup("Hengelo", 2010), Ok(code("GM0164")));
        assert!(labels
            .lookup("Bergen", 2020)
            .unwrap_err()
            .contains("meer dan één gebied"));
        assert!(labels.lookup("Atlantis", 2024).unwrap_err().contains("geen gebied"));
        // Enschede is not in the 2024 file's regions as "Enschede (gemeente)" and not in the names.
        assert!(labels.lookup("Enschede (gemeente)", 2024).is_err());
    }
}
