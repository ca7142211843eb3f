// SPDX-License-Identifier: EUPL-1.2
//! The storage suite. Every test runs against SQLite, and against PostgreSQL when
//! `SAMENHANG_TEST_POSTGRES_URL` is set (CI sets it), each on a fresh database.

// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};
use samenhang_domain::{RegionRegistry, ReorganisationKind};
use samenhang_store::{Paging, RegionQuery, ReorganisationQuery, Store, StoreError};

fn registry() -> &'static RegionRegistry {
    static REG: OnceLock<RegionRegistry> = OnceLock::new();
    REG.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
        RegionRegistry::build(samenhang_statline::regions::read_dir(&dir).unwrap()).unwrap()
    })
}

/// Fresh stores: SQLite always, PostgreSQL when configured.
async fn stores() -> Vec<(Arc<dyn Store>, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = samenhang_store::connect(&format!("sqlite://{}", dir.path().join("t.db").display()))
        .await
        .unwrap();
    let mut out = vec![(sqlite, Some(dir))];
    if let Ok(admin) = std::env::var("SAMENHANG_TEST_POSTGRES_URL") {
        let url = samenhang_store::postgres::create_scratch_database(&admin, "samenhang_store")
            .await
            .unwrap();
        out.push((samenhang_store::connect(&url).await.unwrap(), None));
    }
    out
}

async fn loaded_stores() -> Vec<(Arc<dyn Store>, Option<tempfile::TempDir>)> {
    let stores = stores().await;
    for (s, _) in &stores {
        s.load_regions(registry(), "test").await.unwrap();
    }
    stores
}

fn code(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

fn page(size: u32) -> Paging {
    Paging {
        page: 1,
        page_size: size,
    }
}

fn query() -> RegionQuery {
    RegionQuery {
        kind: None,
        year: None,
        within: None,
        search: None,
        paging: page(20),
    }
}

#[tokio::test]
async fn loads_once_and_refuses_a_second_load() {
    for (s, _dir) in stores().await {
        assert!(!s.regions_loaded().await.unwrap());
        s.load_regions(registry(), "test").await.unwrap();
        assert!(s.regions_loaded().await.unwrap());
        let err = s.load_regions(registry(), "test").await.unwrap_err();
        assert!(matches!(err, StoreError::AlreadyLoaded), "{}: {err}", s.backend());
        let summary = s.summary().await.unwrap();
        assert_eq!(summary.reorganisations as usize, registry().reorganisations.len());
        assert_eq!(summary.years, Some((2010, 2026)));
    }
}

#[tokio::test]
async fn a_failed_load_leaves_the_database_empty() {
    for (s, _dir) in stores().await {
        let mut broken = registry().clone();
        // Two events with the same id violate the primary key half way through the load.
        let dup = broken.reorganisations[0].clone();
        broken.reorganisations.push(dup);
        assert!(s.load_regions(&broken, "test").await.is_err(), "{}", s.backend());
        assert!(
            !s.regions_loaded().await.unwrap(),
            "{}: partial load left behind",
            s.backend()
        );
        let summary = s.summary().await.unwrap();
        assert_eq!(summary.memberships, 0);
        assert_eq!(summary.reorganisations, 0);
    }
}

#[tokio::test]
async fn lists_342_gemeenten_in_2026_with_paging_total() {
    for (s, _dir) in loaded_stores().await {
        let q = RegionQuery {
            kind: Some(RegionKind::Gemeente),
            year: Some(2026),
            paging: page(50),
            ..query()
        };
        let p = s.list_regions(&q).await.unwrap();
        assert_eq!(p.total, 342, "{}", s.backend());
        assert_eq!(p.items.len(), 50);
        let last = s
            .list_regions(&RegionQuery {
                paging: Paging { page: 7, page_size: 50 },
                ..q.clone()
            })
            .await
            .unwrap();
        assert_eq!(last.items.len(), 42);
        let am = s
            .list_regions(&RegionQuery {
                kind: Some(RegionKind::Arbeidsmarktregio),
                year: Some(2026),
                ..query()
            })
            .await
            .unwrap();
        assert_eq!(am.total, 35);
    }
}

#[tokio::test]
async fn filters_within_a_region_and_by_search() {
    for (s, _dir) in loaded_stores().await {
        let q = RegionQuery {
            kind: Some(RegionKind::Gemeente),
            year: Some(2026),
            within: Some((code("AM05"), 2026)),
            paging: page(100),
            ..query()
        };
        let twente = s.list_regions(&q).await.unwrap();
        assert_eq!(twente.total, 14, "{}: Twente has 14 gemeenten", s.backend());
        assert!(twente.items.iter().any(|r| r.name == "Enschede"));
        let members = s.members_of(code("AM05"), 2026).await.unwrap();
        assert_eq!(members.len(), 14);
        // Accent-insensitive search.
        let found = s
            .list_regions(&RegionQuery {
                search: Some("sudwest".into()),
                ..query()
            })
            .await
            .unwrap();
        assert_eq!(found.items[0].name, "Súdwest-Fryslân");
        // LIKE wildcards in user input are literal.
        let none = s
            .list_regions(&RegionQuery {
                search: Some("%_".into()),
                ..query()
            })
            .await
            .unwrap();
        assert_eq!(none.total, 0);
    }
}

#[tokio::test]
async fn names_follow_the_year() {
    for (s, _dir) in loaded_stores().await {
        let q = |year| RegionQuery {
            year: Some(year),
            search: Some("GM0888".into()),
            ..query()
        };
        assert_eq!(s.list_regions(&q(2023)).await.unwrap().items[0].name, "Beek");
        assert_eq!(s.list_regions(&q(2024)).await.unwrap().items[0].name, "Beek (L.)");
    }
}

#[tokio::test]
async fn enschede_memberships_and_herindelingen() {
    for (s, _dir) in loaded_stores().await {
        let gm = MunicipalityCode::parse("GM0153").unwrap();
        let ms = s.memberships_of(gm).await.unwrap();
        assert_eq!(ms.len(), 17);
        let m2026 = ms.last().unwrap();
        assert_eq!(m2026.year, 2026);
        assert_eq!(
            m2026.labour_market_region.map(|c| c.to_string()).as_deref(),
            Some("AM05")
        );
        let weesp = MunicipalityCode::parse("GM0457").unwrap();
        let events = s.reorganisations_of(weesp).await.unwrap();
        let merger = events.iter().find(|e| e.abolished.contains(&weesp)).unwrap();
        assert_eq!(merger.kind, ReorganisationKind::Samenvoeging);
        assert_eq!(merger.date.to_string(), "2022-03-24");
        assert_eq!(merger.abolished, vec![weesp]);
        let again = s.reorganisation(&merger.id).await.unwrap().unwrap();
        assert_eq!(&again, merger);
        let q = ReorganisationQuery {
            year: Some(2022),
            municipality: None,
            kind: Some(ReorganisationKind::Samenvoeging),
            paging: page(100),
        };
        let p = s.list_reorganisations(&q).await.unwrap();
        assert!(p.items.iter().any(|e| e.id == merger.id));
        assert!(p.items.iter().all(|e| e.date.to_string().starts_with("2022")));
        assert_eq!(
            s.all_reorganisations().await.unwrap().len(),
            registry().reorganisations.len()
        );
        // What was stored is what was built.
        let original = registry().reorganisations.iter().find(|e| e.id == merger.id).unwrap();
        assert_eq!(original, merger);
    }
}
