// SPDX-License-Identifier: EUPL-1.2
//! Comparison groups (vergelijkingsgroepen): the gemeenten a gemeente is ranked among.
//!
//! A group is chosen by a key (`alle`, `grootteklasse`, `provincie`, `arbeidsmarktregio`, `g4`,
//! `g40`) or is the user's own list (`eigen` with the codes). [`resolve`] turns the choice into
//! the named list of members for one gemeente and one year; [`crate::compare::compare`] and
//! [`crate::compare::ranked_year_among`] rank within it.

use std::collections::BTreeSet;

use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};

use crate::snapshot::Snapshot;

/// The four largest cities (G4).
pub const G4: &[&str] = &["GM0363", "GM0599", "GM0518", "GM0344"];

/// The members of Stedennetwerk G40 since Amstelveen joined on 1 July 2022 (41 cities; the
/// network keeps its name).
pub const G40: &[&str] = &[
    "GM0014", "GM0034", "GM0080", "GM0106", "GM0114", "GM0141", "GM0150", "GM0153", "GM0164", "GM0193", "GM0200",
    "GM0202", "GM0228", "GM0268", "GM0307", "GM0361", "GM0362", "GM0392", "GM0394", "GM0402", "GM0405", "GM0479",
    "GM0484", "GM0503", "GM0505", "GM0513", "GM0546", "GM0606", "GM0637", "GM0758", "GM0772", "GM0794", "GM0796",
    "GM0828", "GM0855", "GM0917", "GM0935", "GM0983", "GM0995", "GM1674", "GM1883",
];

/// CBS's size classes of gemeenten (gemeentegrootte), by inhabitants on 1 January: the upper
/// bound (exclusive) and the name.
pub const SIZE_CLASSES: &[(f64, &str)] = &[
    (5_000.0, "minder dan 5.000 inwoners"),
    (10_000.0, "5.000 tot 10.000 inwoners"),
    (20_000.0, "10.000 tot 20.000 inwoners"),
    (50_000.0, "20.000 tot 50.000 inwoners"),
    (100_000.0, "50.000 tot 100.000 inwoners"),
    (150_000.0, "100.000 tot 150.000 inwoners"),
    (250_000.0, "150.000 tot 250.000 inwoners"),
    (f64::INFINITY, "250.000 inwoners of meer"),
];

/// The size class of a number of inhabitants (an index into [`SIZE_CLASSES`]).
pub fn size_class(inhabitants: f64) -> usize {
    SIZE_CLASSES
        .iter()
        .position(|(max, _)| inhabitants < *max)
        .unwrap_or(SIZE_CLASSES.len() - 1)
}

/// Which gemeenten to compare with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PeerGroup {
    /// Every region of the same kind.
    #[default]
    All,
    /// Gemeenten of the same CBS size class that year.
    SizeClass,
    /// Gemeenten in the same provincie that year.
    Province,
    /// Gemeenten in the same arbeidsmarktregio that year.
    LabourMarketRegion,
    /// The four largest cities.
    G4,
    /// Stedennetwerk G40.
    G40,
    /// The user's own list.
    Own(Vec<MunicipalityCode>),
}

/// The keys of the groups with a fixed rule, with their description, in the order of a menu.
pub const CHOICES: &[(&str, &str)] = &[
    ("alle", "alle gemeenten"),
    ("grootteklasse", "dezelfde grootte"),
    ("provincie", "dezelfde provincie"),
    ("arbeidsmarktregio", "dezelfde arbeidsmarktregio"),
    ("g4", "G4 (de vier grote steden)"),
    ("g40", "G40 (Stedennetwerk)"),
    ("eigen", "een eigen lijst"),
];

/// The most gemeenten an own list may hold.
pub const MAX_OWN: usize = 60;

impl PeerGroup {
    /// Reads a group from its key and, for `eigen`, a comma-separated list of gemeentecodes.
    /// Every fault is named in Dutch.
    pub fn parse(key: Option<&str>, members: Option<&str>) -> Result<Self, String> {
        let key = key.map(str::trim).filter(|k| !k.is_empty());
        let members = members.map(str::trim).filter(|m| !m.is_empty());
        let group = match key {
            None | Some("alle") => PeerGroup::All,
            Some("grootteklasse") => PeerGroup::SizeClass,
            Some("provincie") => PeerGroup::Province,
            Some("arbeidsmarktregio") => PeerGroup::LabourMarketRegion,
            Some("g4") => PeerGroup::G4,
            Some("g40") => PeerGroup::G40,
            Some("eigen") => {
                let list = members.ok_or_else(|| {
                    "Een eigen vergelijkingsgroep heeft gemeenten nodig: geef ze in leden, bijvoorbeeld leden=GM0153,GM0164."
                        .to_string()
                })?;
                let mut codes = Vec::new();
                for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let code = MunicipalityCode::parse(part)
                        .map_err(|e| format!("In leden is '{part}' geen gemeentecode: {e}."))?;
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                if codes.len() > MAX_OWN {
                    return Err(format!(
                        "Een eigen vergelijkingsgroep heeft ten hoogste {MAX_OWN} gemeenten; dit zijn er {}.",
                        codes.len()
                    ));
                }
                PeerGroup::Own(codes)
            }
            Some(other) => {
                return Err(format!(
                    "Vergelijkingsgroep '{other}' bestaat niet: kies {}.",
                    CHOICES.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
                ))
            }
        };
        if members.is_some() && !matches!(group, PeerGroup::Own(_)) {
            return Err("De parameter leden hoort bij groep=eigen.".into());
        }
        Ok(group)
    }

    /// The key of the group in a URL.
    pub fn key(&self) -> &'static str {
        match self {
            PeerGroup::All => "alle",
            PeerGroup::SizeClass => "grootteklasse",
            PeerGroup::Province => "provincie",
            PeerGroup::LabourMarketRegion => "arbeidsmarktregio",
            PeerGroup::G4 => "g4",
            PeerGroup::G40 => "g40",
            PeerGroup::Own(_) => "eigen",
        }
    }

    /// The query string that chooses this group (`groep=eigen&leden=GM0153,GM0164`), empty for
    /// the default.
    pub fn query(&self) -> String {
        match self {
            PeerGroup::All => String::new(),
            PeerGroup::Own(list) => format!(
                "groep=eigen&leden={}",
                list.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
            ),
            other => format!("groep={}", other.key()),
        }
    }
}

/// A group resolved for one region and year: its name and members.
#[derive(Debug, Clone, PartialEq)]
pub struct Peers {
    /// The rule it was made by.
    pub group: PeerGroup,
    /// Its name in a sentence: "gemeenten in arbeidsmarktregio Twente".
    pub name: String,
    /// The kind of region ranked.
    pub kind: RegionKind,
    /// The members (snapshot positions), or `None` for every region of `kind`.
    pub members: Option<BTreeSet<usize>>,
}

impl Peers {
    /// Every region of `kind`: the group of [`PeerGroup::All`].
    pub fn all(kind: RegionKind) -> Peers {
        Peers {
            group: PeerGroup::All,
            name: format!("alle {}", kind.plural()),
            kind,
            members: None,
        }
    }

    /// Whether the region at snapshot position `i` belongs to the group.
    pub fn contains(&self, snap: &Snapshot, i: usize) -> bool {
        snap.kind(i) == self.kind && self.members.as_ref().is_none_or(|m| m.contains(&i))
    }

    /// The members' codes and names, by name; every region of the kind for [`PeerGroup::All`].
    pub fn listed(&self, snap: &Snapshot) -> Vec<(RegionCode, String)> {
        let mut out: Vec<(RegionCode, String)> = match &self.members {
            Some(m) => m
                .iter()
                .map(|&i| (snap.regions.code(i), snap.regions.name(i).to_string()))
                .collect(),
            None => Vec::new(),
        };
        out.sort_by(|a, b| a.1.cmp(&b.1));
        out
    }
}

/// The number of inhabitants of a gemeente in `year`, or in the nearest earlier year with a
/// value, or else the first year after.
fn inhabitants(snap: &Snapshot, code: RegionCode, year: i32) -> Option<f64> {
    let s = snap.series("inwoners")?;
    let years = s.years();
    years
        .iter()
        .rev()
        .filter(|y| **y <= year)
        .chain(years.iter().filter(|y| **y > year))
        .find_map(|y| snap.value(s, code, *y).map(|v| v.0))
}

/// Resolves `group` for `region` in `year`. A group other than [`PeerGroup::All`] needs a
/// gemeente, and always holds that gemeente.
pub fn resolve(snap: &Snapshot, group: &PeerGroup, region: RegionCode, year: i32) -> Result<Peers, String> {
    let kind = region.kind();
    if *group == PeerGroup::All {
        return Ok(Peers::all(kind));
    }
    if kind != RegionKind::Gemeente {
        return Err(format!(
            "Een vergelijkingsgroep ({}) kan alleen bij een gemeente; {region} is geen gemeente.",
            group.key()
        ));
    }
    // The classification of `year`, or the nearest one the snapshot has.
    let year_of_classification = (year..=year + 5)
        .chain((year - 10..year).rev())
        .find(|y| !snap.memberships(*y).is_empty())
        .unwrap_or(year);
    let memberships = snap.memberships(year_of_classification);
    let mine = memberships.iter().find(|m| RegionCode::from(m.municipality) == region);
    let of_codes = |codes: &mut dyn Iterator<Item = RegionCode>| -> BTreeSet<usize> {
        codes.filter_map(|c| snap.regions.position(c)).collect()
    };
    let (name, members) = match group {
        PeerGroup::All => unreachable!("handled above"),
        PeerGroup::SizeClass => {
            let class = inhabitants(snap, region, year).map(size_class).ok_or_else(|| {
                format!("Van {region} is het aantal inwoners niet bekend, dus ook de grootteklasse niet.")
            })?;
            let members = of_codes(
                &mut memberships
                    .iter()
                    .map(|m| RegionCode::from(m.municipality))
                    .filter(|c| inhabitants(snap, *c, year).map(size_class) == Some(class)),
            );
            (format!("gemeenten met {}", SIZE_CLASSES[class].1), members)
        }
        PeerGroup::Province => {
            let m =
                mine.ok_or_else(|| format!("{region} staat niet in de gebiedsindeling van {year_of_classification}."))?;
            let members = of_codes(
                &mut memberships
                    .iter()
                    .filter(|o| o.province == m.province)
                    .map(|o| RegionCode::from(o.municipality)),
            );
            (
                format!("gemeenten in de provincie {}", snap.region_name(m.province.into())),
                members,
            )
        }
        PeerGroup::LabourMarketRegion => {
            let m =
                mine.ok_or_else(|| format!("{region} staat niet in de gebiedsindeling van {year_of_classification}."))?;
            let am = m
                .labour_market_region
                .ok_or_else(|| format!("{region} ligt in {year_of_classification} niet in een arbeidsmarktregio."))?;
            let members = of_codes(
                &mut memberships
                    .iter()
                    .filter(|o| o.labour_market_region == Some(am))
                    .map(|o| RegionCode::from(o.municipality)),
            );
            (
                format!("gemeenten in arbeidsmarktregio {}", snap.region_name(am.into())),
                members,
            )
        }
        PeerGroup::G4 => (
            "de vier grote steden (G4)".to_string(),
            of_codes(&mut G4.iter().filter_map(|c| RegionCode::parse(c).ok())),
        ),
        PeerGroup::G40 => (
            "gemeenten van Stedennetwerk G40".to_string(),
            of_codes(&mut G40.iter().filter_map(|c| RegionCode::parse(c).ok())),
        ),
        PeerGroup::Own(list) => {
            if let Some(unknown) = list
                .iter()
                .find(|c| snap.regions.position(RegionCode::from(**c)).is_none())
            {
                return Err(format!("In leden is {unknown} geen bekende gemeente."));
            }
            let mut members = of_codes(&mut list.iter().map(|c| RegionCode::from(*c)));
            members.extend(snap.regions.position(region));
            ("een eigen lijst".to_string(), members)
        }
    };
    // The gemeente itself always belongs to the group it is compared in, so that Enschede can
    // be ranked among the G4.
    let mut members = members;
    let mut name = name;
    if let Some(me) = snap.regions.position(region) {
        if members.insert(me) {
            name = format!("{name} en {}", snap.regions.name(me));
        }
    }
    Ok(Peers {
        group: group.clone(),
        name,
        kind,
        members: Some(members),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_parse_from_their_keys_and_name_every_fault() {
        assert_eq!(PeerGroup::parse(None, None), Ok(PeerGroup::All));
        assert_eq!(PeerGroup::parse(Some("g40"), None), Ok(PeerGroup::G40));
        let own = PeerGroup::parse(Some("eigen"), Some("GM0153, GM0164,GM0153")).unwrap();
        assert_eq!(own.query(), "groep=eigen&leden=GM0153,GM0164");
        assert!(PeerGroup::parse(Some("eigen"), None).unwrap_err().contains("leden"));
        assert!(PeerGroup::parse(Some("eigen"), Some("GM0153,AM05"))
            .unwrap_err()
            .contains("'AM05'"));
        assert!(PeerGroup::parse(Some("buren"), None).unwrap_err().contains("'buren'"));
        assert!(PeerGroup::parse(Some("g4"), Some("GM0153"))
            .unwrap_err()
            .contains("groep=eigen"));
        assert_eq!(G40.len(), 41);
        assert_eq!(size_class(4_999.0), 0);
        assert_eq!(size_class(160_000.0), 6);
        assert_eq!(size_class(1_000_000.0), 7);
    }
}
