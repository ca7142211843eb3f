// SPDX-License-Identifier: EUPL-1.2
//! The engine on a small hand-made region: three gemeenten in one arbeidsmarktregio, two of which
//! merge, with expected values worked out by hand.

use std::collections::HashMap;

use samenhang_domain::codes::{CoropCode, LabourMarketRegionCode, MunicipalityCode, ProvinceCode, RegionCode};
use samenhang_domain::reorganisation::{RecordEvent, ReorganisationRecord};
use samenhang_domain::{Lineage, Membership, Region, Reorganisation};

use crate::compare::{compare, ranked_table, ranked_year_among};
use samenhang_domain::access::{Grant, Principal, Role, Visibility};

use crate::definition::{
    Direction, Indicator, MeasureRef, Normalisation, OwnAggregation, OwnDefinition, Owner, Registry, Theme,
};
use crate::harmonise::harmonise;
use crate::index::{compute, sensitivity, Weights};
use crate::peers::{resolve, PeerGroup};
use crate::snapshot::{Inputs, Origin, Snapshot};
use crate::StatsError;

const REGISTRY: &str = r#"
[[indicator]]
id = "inwoners"
naam = "Inwoners"
omschrijving = ""
eenheid = "aantal"
soort = "maatstaf"
teller = "t:inw"
aggregatie = "som"
richting = "neutraal"
begrip = "bevolking"
thema = "arbeid"

[[indicator]]
id = "ww-per-1000"
naam = "WW per 1.000"
omschrijving = ""
eenheid = "per 1.000"
soort = "verhouding"
teller = "t:ww"
noemer = "t:inw"
factor = 1000
aggregatie = "verhouding"
richting = "lagerIsBeter"
begrip = "ww"
thema = "arbeid"

[[indicator]]
id = "inkomen"
naam = "Inkomen"
omschrijving = ""
eenheid = "euro"
soort = "gemiddelde"
teller = "t:ink"
gewicht = "t:inw"
aggregatie = "gewogen"
richting = "hogerIsBeter"
begrip = "inkomen"
thema = "arbeid"

[[index]]
id = "test"
naam = "Test"
omschrijving = ""
jaar = 2020
normalisatie = "minmax"
[[index.domein]]
id = "werk"
naam = "Werk"
gewicht = 1.0
indicatoren = [{ id = "ww-per-1000", gewicht = 1.0 }]
[[index.domein]]
id = "geld"
naam = "Geld"
gewicht = 1.0
indicatoren = [{ id = "inkomen", gewicht = 1.0 }]
"#;

fn gm(n: &str) -> MunicipalityCode {
    MunicipalityCode::parse(n).unwrap()
}

fn am() -> LabourMarketRegionCode {
    LabourMarketRegionCode::parse("AM05").unwrap()
}

fn snapshot() -> Snapshot {
    snapshot_with(&[])
}

/// An own indicator with its figures (gemeente, year, value).
type OwnWithFigures = (OwnDefinition, Vec<(RegionCode, i32, f64)>);

fn snapshot_with(own: &[OwnWithFigures]) -> Snapshot {
    let registry = Registry::parse(REGISTRY, "test.toml").unwrap();
    let (a, b, c) = (gm("GM0001"), gm("GM0002"), gm("GM0003"));
    let region = |code: RegionCode, until: Option<&str>| Region {
        code,
        name: code.to_string(),
        valid_from: None,
        valid_until: until.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
    };
    let regions = vec![
        region(RegionCode::Nederland, None),
        region(ProvinceCode::parse("PV23").unwrap().into(), None),
        region(CoropCode::parse("CR12").unwrap().into(), None),
        region(am().into(), None),
        region(a.into(), None),
        region(b.into(), Some("2021-01-01")),
        region(c.into(), None),
    ];
    // 2020: a, b, c; 2021: b has merged into a.
    let member = |m, year| Membership {
        municipality: m,
        year,
        name: m.to_string(),
        labour_market_region: Some(am()),
        corop: CoropCode::parse("CR12").unwrap(),
        province: ProvinceCode::parse("PV23").unwrap(),
    };
    let memberships = vec![
        member(a, 2020),
        member(b, 2020),
        member(c, 2020),
        member(a, 2021),
        member(c, 2021),
    ];
    let records = vec![ReorganisationRecord {
        code: b,
        event: RecordEvent::AbolishedInto,
        date: chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
        counterpart: Some(a),
        hectare: Some(1.0),
        dwellings: Some(1),
        inhabitants: Some(2000),
        note: None,
    }];
    let lineage = Lineage::new(&Reorganisation::group(&records));
    let r = |m: &str| MeasureRef::parse(&format!("t:{m}")).unwrap();
    let mut values = HashMap::new();
    values.insert(
        r("inw"),
        vec![
            (a.into(), 2020, 10000.0),
            (b.into(), 2020, 2000.0),
            (c.into(), 2020, 8000.0),
            (a.into(), 2021, 12100.0),
            (c.into(), 2021, 8000.0),
        ],
    );
    values.insert(
        r("ww"),
        vec![
            (a.into(), 2020, 100.0),
            (b.into(), 2020, 40.0),
            (c.into(), 2020, 40.0),
            (a.into(), 2021, 130.0),
            (c.into(), 2021, 50.0),
        ],
    );
    values.insert(
        r("ink"),
        vec![(a.into(), 2020, 30.0), (b.into(), 2020, 40.0), (c.into(), 2020, 20.0)],
    );
    let own_indicators: Vec<Indicator> = own
        .iter()
        .map(|(def, figures)| {
            let ind = Indicator::own(def.clone(), &registry);
            values.insert(ind.numerator.terms[0][0].clone(), figures.clone());
            ind
        })
        .collect();
    Snapshot::build(Inputs {
        registry: &registry,
        regions: &regions,
        memberships: &memberships,
        values: &values,
        lineage,
        own: &own_indicators,
    })
}

fn own(id: &str, aggregation: OwnAggregation, visibility: Visibility) -> OwnDefinition {
    OwnDefinition {
        id: id.into(),
        name: "Klanten".into(),
        description: String::new(),
        unit: "%".into(),
        direction: Direction::LagerIsBeter,
        aggregation,
        theme: Theme::Arbeid,
        concept: String::new(),
        owner: Owner {
            organisation: "werkplein".into(),
            name: "Werkplein".into(),
            region: Some(am()),
            visibility,
            source: "eigen telling".into(),
        },
    }
}

#[test]
fn own_indicators_add_up_by_their_rule_and_are_seen_only_by_whom_they_are_for() {
    let (a, b, c) = (gm("GM0001"), gm("GM0002"), gm("GM0003"));
    let figures = vec![(a.into(), 2020, 10.0), (b.into(), 2020, 40.0), (c.into(), 2020, 20.0)];
    let s = snapshot_with(&[
        (
            own("eigen-som", OwnAggregation::Sum, Visibility::Public),
            figures.clone(),
        ),
        (
            own(
                "eigen-gewogen",
                OwnAggregation::WeightedByInhabitants,
                Visibility::Region,
            ),
            figures.clone(),
        ),
        (
            own("eigen-geen", OwnAggregation::None, Visibility::Organisation),
            figures,
        ),
    ]);
    let sum = s.series("eigen-som").unwrap();
    assert_eq!(s.value(sum, am().into(), 2020), Some((70.0, Origin::Aggregated)));
    // Anonymous callers see the public one only, in the lists too.
    assert!(s.series("eigen-gewogen").is_none());
    assert!(s.series("eigen-geen").is_none());
    assert_eq!(s.all_series().count(), 4);
    let grant = |organisation: &str, region| Principal {
        user: None,
        grants: vec![Grant {
            organisation: organisation.into(),
            role: Role::Reader,
            region,
        }],
        installation_admin: false,
    };
    // Another organisation in the same arbeidsmarktregio sees the regio one, not the other.
    let neighbour = grant("gemeente-hengelo", Some(am()));
    let weighted = s.series_for("eigen-gewogen", &neighbour).unwrap();
    // (10 × 10000 + 40 × 2000 + 20 × 8000) / 20000 = 17.
    assert_eq!(s.value(weighted, am().into(), 2020), Some((17.0, Origin::Aggregated)));
    assert!(s.series_for("eigen-geen", &neighbour).is_none());
    assert_eq!(s.all_series_for(&neighbour).count(), 5);
    // Outside the region: only the public one; the owner sees all three, and nothing is added up
    // for `geen`.
    let outside = grant("gemeente-zwolle", Some(LabourMarketRegionCode::parse("AM18").unwrap()));
    assert!(s.series_for("eigen-gewogen", &outside).is_none());
    let owner = grant("werkplein", Some(am()));
    let none = s.series_for("eigen-geen", &owner).unwrap();
    assert_eq!(s.value(none, am().into(), 2020), None);
    assert_eq!(s.value(none, a.into(), 2020), Some((10.0, Origin::Published)));
    assert_eq!(s.all_series_for(&owner).count(), 6);
}

#[test]
fn aggregates_counts_ratios_and_weighted_means() {
    let s = snapshot();
    let inw = s.series("inwoners").unwrap();
    assert_eq!(s.value(inw, am().into(), 2020), Some((20000.0, Origin::Aggregated)));
    assert_eq!(
        s.value(inw, RegionCode::Nederland, 2021),
        Some((20100.0, Origin::Aggregated))
    );
    // A ratio is recomputed from its summed parts: (100 + 40 + 40) / 20000 × 1000 = 9.
    let ww = s.series("ww-per-1000").unwrap();
    assert_eq!(s.value(ww, am().into(), 2020).unwrap().0, 9.0);
    assert_eq!(s.value(ww, gm("GM0001").into(), 2020).unwrap().0, 10.0);
    // A mean is weighted: (30×10000 + 40×2000 + 20×8000) / 20000 = 27.
    let ink = s.series("inkomen").unwrap();
    assert_eq!(s.value(ink, am().into(), 2020).unwrap().0, 27.0);
    // No value for a member means no aggregate.
    assert_eq!(s.value(ink, am().into(), 2021), None);
}

#[test]
fn harmonises_onto_later_boundaries() {
    let s = snapshot();
    let inw = s.series("inwoners").unwrap();
    let h = harmonise(&s, inw, 2021).unwrap();
    let get = |code: RegionCode, year| h.iter().find(|v| v.0 == code && v.1 == year).map(|v| v.2);
    // 2020 on 2021 boundaries: GM0001 includes GM0002.
    assert_eq!(get(gm("GM0001").into(), 2020), Some(12000.0));
    assert_eq!(get(gm("GM0002").into(), 2020), None);
    assert_eq!(get(am().into(), 2020), Some(20000.0));
    let ww = s.series("ww-per-1000").unwrap();
    let h = harmonise(&s, ww, 2021).unwrap();
    let v = h.iter().find(|v| v.0 == gm("GM0001").into() && v.1 == 2020).unwrap().2;
    assert!((v - 140.0 / 12000.0 * 1000.0).abs() < 1e-9);
    assert!(matches!(
        harmonise(&s, inw, 2030),
        Err(StatsError::NoClassification(2030))
    ));
}

#[test]
fn compares_and_ranks() {
    let s = snapshot();
    let ww = s.series("ww-per-1000").unwrap();
    // 2020: GM0001 10, GM0002 20, GM0003 5 per 1,000; lower is better.
    let all = resolve(&s, &PeerGroup::All, gm("GM0001").into(), 2020).unwrap();
    let c = compare(&s, ww, gm("GM0001").into(), 2020, &all).unwrap();
    assert_eq!((c.rank, c.of, c.quartile), (2, 3, 3));
    // Within an own list of GM0001 and GM0003 (5 per 1,000), GM0001 is second of two; the
    // gemeente belongs to its own list even when the list leaves it out.
    let own = resolve(&s, &PeerGroup::Own(vec![gm("GM0003")]), gm("GM0001").into(), 2020).unwrap();
    assert_eq!(own.listed(&s).len(), 2);
    let c = compare(&s, ww, gm("GM0001").into(), 2020, &own).unwrap();
    assert_eq!((c.rank, c.of), (2, 2));
    let ranked = ranked_year_among(&s, ww, 2020, &own);
    assert_eq!(ranked.rows.iter().map(|r| r.2).collect::<Vec<_>>(), vec![2, 1]);
    // A group needs a gemeente.
    assert!(resolve(&s, &PeerGroup::Province, am().into(), 2020)
        .unwrap_err()
        .contains("geen gemeente"));
    let am_ref = c.references.iter().find(|r| r.region == am().into()).unwrap();
    assert_eq!(am_ref.value, 9.0);
    assert_eq!(am_ref.difference, 1.0);
    let table = ranked_table(&s, ww, samenhang_domain::RegionKind::Gemeente);
    assert_eq!(table[0].rows.iter().map(|r| r.2).collect::<Vec<_>>(), vec![2, 3, 1]);
}

#[test]
fn index_scores_weights_and_sensitivity() {
    let s = snapshot();
    let def = s.registry.index("test").unwrap();
    let r = compute(&s, def, &Weights::new(), Normalisation::Minmax).unwrap();
    // ww (lower is better): 10, 20, 5 → 6.67, 0, 10; inkomen: 30, 40, 20 → 5, 10, 0.
    let score = |code: &str| r.scores.iter().find(|x| x.region == gm(code).into()).unwrap().score;
    assert!((score("GM0001") - (20.0 / 3.0 + 5.0) / 2.0).abs() < 1e-9);
    assert!((score("GM0002") - 5.0).abs() < 1e-9);
    assert!((score("GM0003") - 5.0).abs() < 1e-9);
    assert_eq!(r.scores[0].region, gm("GM0001").into());
    let only_money = compute(
        &s,
        def,
        &Weights::from([("werk".to_string(), 0.0)]),
        Normalisation::Minmax,
    )
    .unwrap();
    assert_eq!(only_money.scores[0].region, gm("GM0002").into());
    for bad in [("werk", -1.0), ("onbekend", 1.0), ("werk", f64::NAN)] {
        let w = Weights::from([(bad.0.to_string(), bad.1)]);
        assert!(matches!(
            compute(&s, def, &w, Normalisation::Minmax),
            Err(StatsError::InvalidWeights(_))
        ));
    }
    let zero = Weights::from([("werk".to_string(), 0.0), ("geld".to_string(), 0.0)]);
    assert!(matches!(
        compute(&s, def, &zero, Normalisation::Minmax),
        Err(StatsError::InvalidWeights(_))
    ));
    let z = compute(&s, def, &Weights::new(), Normalisation::Z).unwrap();
    assert!(z.scores.iter().map(|x| x.score).sum::<f64>().abs() < 1e-9);
    let report = sensitivity(&s, def, &Weights::new(), Normalisation::Minmax).unwrap();
    let drop_work = report.iter().find(|x| x.target == "werk" && x.factor == 0.0).unwrap();
    assert!(drop_work.max_rank_change >= 1);
}
