// SPDX-License-Identifier: EUPL-1.2
//! Checks the registry built from the shipped snapshot in `data/` against known CBS facts.

use std::path::PathBuf;

use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};
use samenhang_domain::RegionRegistry;

fn registry() -> RegionRegistry {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let sources = crate::regions::read_dir(&dir).expect("shipped data reads");
    RegionRegistry::build(sources).expect("shipped data fits together")
}

fn gm(s: &str) -> MunicipalityCode {
    MunicipalityCode::parse(s).unwrap()
}

#[test]
fn municipality_counts_per_year_match_cbs() {
    let reg = registry();
    // Number of gemeenten on 1 January of each year, as CBS publishes them.
    let expected = [
        (2010, 431),
        (2011, 418),
        (2012, 415),
        (2013, 408),
        (2014, 403),
        (2015, 393),
        (2016, 390),
        (2017, 388),
        (2018, 380),
        (2019, 355),
        (2020, 355),
        (2021, 352),
        (2022, 345),
        (2023, 342),
        (2024, 342),
        (2025, 342),
        (2026, 342),
    ];
    for (year, count) in expected {
        let n = reg.memberships.iter().filter(|m| m.year == year).count();
        assert_eq!(n, count, "gemeenten in {year}");
    }
}

#[test]
fn region_counts_for_2026() {
    let reg = registry();
    let count = |kind: RegionKind| {
        reg.regions
            .iter()
            .filter(|r| r.kind() == kind && r.exists_in_year(2026))
            .count()
    };
    assert_eq!(count(RegionKind::Gemeente), 342);
    assert_eq!(count(RegionKind::Arbeidsmarktregio), 35);
    assert_eq!(count(RegionKind::Corop), 40);
    assert_eq!(count(RegionKind::Provincie), 12);
    let am_2026: std::collections::BTreeSet<_> = reg
        .memberships
        .iter()
        .filter(|m| m.year == 2026)
        .filter_map(|m| m.labour_market_region)
        .collect();
    assert_eq!(am_2026.len(), 35);
}

#[test]
fn enschede_lies_in_twente_and_overijssel() {
    let reg = registry();
    let m = reg
        .memberships
        .iter()
        .find(|m| m.year == 2026 && m.municipality == gm("GM0153"))
        .unwrap();
    assert_eq!(m.name, "Enschede");
    assert_eq!(m.labour_market_region.unwrap().to_string(), "AM05");
    assert_eq!(m.corop.to_string(), "CR12");
    assert_eq!(m.province.to_string(), "PV23");
    let twente = reg
        .regions
        .iter()
        .find(|r| r.code == RegionCode::parse("AM05").unwrap())
        .unwrap();
    assert_eq!(twente.name, "Twente");
}

#[test]
fn weesp_goes_to_amsterdam_on_24_march_2022() {
    let reg = registry();
    let e = reg
        .reorganisations
        .iter()
        .find(|e| e.abolished.contains(&gm("GM0457")))
        .unwrap();
    assert_eq!(e.date.to_string(), "2022-03-24");
    assert!(e
        .transfers
        .iter()
        .any(|t| t.from == gm("GM0457") && t.to == gm("GM0363")));
    let s = reg.lineage().successors(gm("GM0457"), 2018, 2026).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].code, gm("GM0363"));
}

#[test]
fn every_2018_municipality_maps_onto_2026_municipalities() {
    let reg = registry();
    let lineage = reg.lineage();
    let in_2026: std::collections::BTreeSet<_> = reg
        .memberships
        .iter()
        .filter(|m| m.year == 2026)
        .map(|m| m.municipality)
        .collect();
    for m in reg.memberships.iter().filter(|m| m.year == 2018) {
        let s = lineage.successors(m.municipality, 2018, 2026).unwrap();
        let total: f64 = s.iter().map(|x| x.share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{} shares add to {total}", m.municipality);
        for x in &s {
            assert!(
                in_2026.contains(&x.code),
                "{} → {} which is not a 2026 gemeente",
                m.municipality,
                x.code
            );
        }
    }
    // Haaren (GM0788) was split over four gemeenten on 1 January 2021.
    assert_eq!(lineage.successors(gm("GM0788"), 2018, 2026).unwrap().len(), 4);
    // Leeuwarderadeel (GM0081) merged into Leeuwarden (GM0080) in 2018.
    let s = lineage.successors(gm("GM0081"), 2017, 2026).unwrap();
    assert_eq!(s[0].code, gm("GM0080"));
}

#[test]
fn memberships_2016_to_2025_equal_cbs_gebieden_in_nederland() {
    let reg = registry();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let files = crate::regions::gebieden_files(&dir).unwrap();
    let years: Vec<i32> = files.iter().map(|(y, _)| *y).collect();
    assert_eq!(years, (2016..=2025).collect::<Vec<_>>());
    for (year, rel) in files {
        let path = dir.join(&rel);
        let rows = crate::regions::read_gebieden(std::fs::File::open(&path).unwrap(), &rel, year).unwrap();
        let members: Vec<_> = reg.memberships.iter().filter(|m| m.year == year).collect();
        assert_eq!(members.len(), rows.len(), "gemeenten in {year}");
        for row in rows {
            let c = &row.classification;
            let m = members
                .iter()
                .find(|m| m.municipality == c.municipality)
                .unwrap_or_else(|| panic!("{} ({}) missing in {year}", c.municipality, row.label));
            assert_eq!(
                m.labour_market_region,
                c.labour_market_region.as_ref().map(|(am, _)| *am),
                "AM of {} ({}) in {year}",
                c.municipality,
                row.label
            );
            assert_eq!(m.corop, c.corop, "COROP of {} in {year}", row.label);
            assert_eq!(m.province, c.province, "provincie of {} in {year}", row.label);
        }
    }
    // Elburg moved from Noord-Veluwe/Stedendriehoek (AM06) to Regio Zwolle (AM36) in 2022;
    // the registry now dates it as CBS does.
    let am = |code: &str, year: i32| {
        reg.memberships
            .iter()
            .find(|m| m.year == year && m.municipality == gm(code))
            .and_then(|m| m.labour_market_region)
            .map(|am| am.to_string())
    };
    assert_eq!(am("GM0230", 2021).as_deref(), Some("AM06"));
    assert_eq!(am("GM0230", 2022).as_deref(), Some("AM36"));
}
