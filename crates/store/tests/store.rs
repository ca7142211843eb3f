// SPDX-License-Identifier: EUPL-1.2
//! The storage suite. Every test runs against SQLite, and against PostgreSQL when
//! `SAMENHANG_TEST_POSTGRES_URL` is set (CI sets it), each on a fresh database.

// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};
use samenhang_domain::{RegionRegistry, ReorganisationKind};
use samenhang_store::prelude::*;
use samenhang_store::{Paging, RegionQuery, ReorganisationQuery, StoreError};

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

// ---- accounts, register records, imports -------------------------------------------------

use samenhang_domain::access::{Grant, OrganisationKind, Principal, Role, UserRef, Visibility};
use samenhang_store::accounts::{Organisation, Session, User};
use samenhang_store::items::{Expect, ItemQuery, ItemWrite};

fn actor() -> UserRef {
    UserRef {
        id: String::new(),
        name: "test".into(),
    }
}

async fn organisation(s: &dyn Store, id: &str, region: &str) {
    s.create_organisation(
        &Organisation {
            id: id.into(),
            name: id.into(),
            kind: OrganisationKind::Municipality,
            region: Some(region.parse().unwrap()),
            version: 1,
        },
        &actor(),
    )
    .await
    .unwrap();
}

async fn user(s: &dyn Store, id: &str) {
    s.create_user(&User {
        id: id.into(),
        email: format!("{id}@example.nl"),
        name: id.into(),
        password_hash: None,
        external_id: None,
        created_at: chrono::Utc::now(),
        installation_admin: false,
    })
    .await
    .unwrap();
}

fn member(org: &str, region: &str, role: Role) -> Principal {
    Principal {
        user: Some(UserRef {
            id: format!("u-{org}"),
            name: org.into(),
        }),
        grants: vec![Grant {
            organisation: org.into(),
            role,
            region: Some(region.parse().unwrap()),
        }],
        installation_admin: false,
    }
}

fn write(id: &str, owner: &str, visibility: Visibility, expect: Expect) -> ItemWrite {
    ItemWrite {
        kind: "persoon",
        id: id.into(),
        owner: owner.into(),
        visibility,
        title: format!("titel {id}"),
        data: "{}".into(),
        themes: vec!["krapte".into()],
        links: vec![],
        keys: vec![],
        expect,
    }
}

#[tokio::test]
async fn register_records_follow_visibility_in_every_read() {
    for (s, _dir) in stores().await {
        organisation(s.as_ref(), "a", "AM05").await;
        organisation(s.as_ref(), "b", "AM05").await;
        organisation(s.as_ref(), "c", "AM14").await;
        s.save_items(
            &[
                write("p1", "a", Visibility::Public, Expect::New),
                write("p2", "a", Visibility::Region, Expect::New),
                write("p3", "a", Visibility::Organisation, Expect::New),
            ],
            &actor(),
        )
        .await
        .unwrap();
        let ids = |p: &Principal| {
            let s = s.clone();
            let p = p.clone();
            async move {
                let mut v: Vec<String> = s
                    .list_items(&ItemQuery::all("persoon"), &p)
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|i| i.id)
                    .collect();
                v.sort();
                v
            }
        };
        assert_eq!(ids(&Principal::anonymous()).await, ["p1"]);
        assert_eq!(ids(&member("c", "AM14", Role::Admin)).await, ["p1"]);
        assert_eq!(ids(&member("b", "AM05", Role::Reader)).await, ["p1", "p2"]);
        assert_eq!(ids(&member("a", "AM05", Role::Reader)).await, ["p1", "p2", "p3"]);
        let all: Vec<String> = ["p1", "p2", "p3", "p9"].map(String::from).to_vec();
        let seen = s
            .visible_titles("persoon", &all, &member("b", "AM05", Role::Reader))
            .await
            .unwrap();
        assert_eq!(seen.len(), 2, "{}", s.backend());
        assert!(s
            .item("persoon", "p3", &member("b", "AM05", Role::Admin))
            .await
            .unwrap()
            .is_none());
        // The theme index lists the same records with the same filter.
        let themed = s
            .list_items(
                &ItemQuery {
                    kind: None,
                    theme: Some("krapte".into()),
                    ..ItemQuery::all("persoon")
                },
                &member("b", "AM05", Role::Reader),
            )
            .await
            .unwrap();
        assert_eq!(themed.total, 2);
        // Versions: the first is kept and readable with the same rule.
        s.save_items(&[write("p2", "a", Visibility::Region, Expect::Version(1))], &actor())
            .await
            .unwrap();
        let v1 = s
            .item_version("persoon", "p2", 1, &member("b", "AM05", Role::Reader))
            .await
            .unwrap();
        assert_eq!(v1.map(|i| i.version), Some(1));
        assert!(s
            .item_version("persoon", "p2", 1, &member("c", "AM14", Role::Reader))
            .await
            .unwrap()
            .is_none());
    }
}

/// The total of a list (kept as counts per kind, theme, owner and visibility) against the rows
/// the same query returns.
async fn totals(s: &dyn Store, theme: Option<&str>, p: &Principal) -> (u64, usize) {
    let q = ItemQuery {
        theme: theme.map(str::to_string),
        ..ItemQuery::all("persoon")
    };
    let page = s.list_items(&q, p).await.unwrap();
    (page.total, page.items.len())
}

/// For every caller and theme: the total equals the rows.
async fn check(s: &dyn Store, callers: &[Principal], label: &str) {
    for p in callers {
        for theme in [None, Some("krapte"), Some("werkloosheid")] {
            let (total, rows) = totals(s, theme, p).await;
            assert_eq!(
                total,
                rows as u64,
                "{label}, {theme:?}, {:?}: {}",
                p.organisations(),
                s.backend()
            );
        }
    }
}

#[tokio::test]
async fn list_totals_follow_creates_changes_deletes_and_failed_writes() {
    for (s, _dir) in stores().await {
        let s = s.as_ref();
        organisation(s, "a", "AM05").await;
        organisation(s, "b", "AM05").await;
        organisation(s, "c", "AM14").await;
        let callers = [
            Principal::anonymous(),
            member("a", "AM05", Role::Reader),
            member("b", "AM05", Role::Reader),
            member("c", "AM14", Role::Reader),
        ];
        s.save_items(
            &[
                write("p1", "a", Visibility::Public, Expect::New),
                write("p2", "a", Visibility::Region, Expect::New),
                write("p3", "a", Visibility::Organisation, Expect::New),
                write("p4", "c", Visibility::Region, Expect::New),
            ],
            &actor(),
        )
        .await
        .unwrap();
        check(s, &callers, "aangemaakt").await;
        assert_eq!(
            totals(s, Some("krapte"), &member("b", "AM05", Role::Reader)).await,
            (2, 2)
        );
        // Another owner, visibility and theme.
        let mut w = write("p2", "b", Visibility::Organisation, Expect::Version(1));
        w.themes = vec!["werkloosheid".into()];
        s.save_items(&[w], &actor()).await.unwrap();
        check(s, &callers, "gewijzigd").await;
        assert_eq!(
            totals(s, Some("werkloosheid"), &member("b", "AM05", Role::Reader)).await,
            (1, 1)
        );
        // A failed write (stale version) and a failed delete leave the counts alone.
        assert!(s
            .save_items(
                &[write("p1", "a", Visibility::Organisation, Expect::Version(7))],
                &actor()
            )
            .await
            .is_err());
        assert!(s.delete_item("persoon", "p3", 9, &actor()).await.is_err());
        check(s, &callers, "mislukt").await;
        s.delete_item("persoon", "p3", 1, &actor()).await.unwrap();
        check(s, &callers, "verwijderd").await;
        assert_eq!(totals(s, None, &member("a", "AM05", Role::Reader)).await, (1, 1));
    }
}

#[tokio::test]
async fn parallel_writes_with_one_expected_version_have_one_winner() {
    for (s, _dir) in stores().await {
        organisation(s.as_ref(), "a", "AM05").await;
        s.save_items(&[write("p1", "a", Visibility::Public, Expect::New)], &actor())
            .await
            .unwrap();
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                s.save_items(&[write("p1", "a", Visibility::Public, Expect::Version(1))], &actor())
                    .await
            }));
        }
        let mut won = 0;
        let mut conflicts = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(v) => {
                    assert_eq!(v, [2]);
                    won += 1
                }
                Err(StoreError::Conflict { current: 2 }) => conflicts += 1,
                Err(e) => panic!("{}: {e}", s.backend()),
            }
        }
        assert_eq!((won, conflicts), (1, 19), "{}", s.backend());
        let log = s.audit_log(&["a".into()], page(100)).await.unwrap();
        assert_eq!(log.items.iter().filter(|e| e.action == "gewijzigd").count(), 1);
        // A create that races a create of the same id: one wins, the other hears "exists".
        let w = [write("p2", "a", Visibility::Public, Expect::New)];
        let by = actor();
        let (a, b) = tokio::join!(s.save_items(&w, &by), s.save_items(&w, &by));
        assert!(a.is_ok() != b.is_ok(), "{}", s.backend());
        // Deleting with a stale version is refused; with the right one it goes.
        assert!(matches!(
            s.delete_item("persoon", "p1", 1, &actor()).await,
            Err(StoreError::Conflict { current: 2 })
        ));
        s.delete_item("persoon", "p1", 2, &actor()).await.unwrap();
        assert!(matches!(
            s.delete_item("persoon", "p1", 2, &actor()).await,
            Err(StoreError::Missing(_))
        ));
    }
}

#[tokio::test]
async fn parallel_login_attempts_each_get_their_own_count() {
    for (s, _dir) in stores().await {
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                s.count_login_attempt("x@example.nl", 1000, 100).await.unwrap()
            }));
        }
        let mut counts = Vec::new();
        for t in tasks {
            counts.push(t.await.unwrap());
        }
        counts.sort();
        assert_eq!(counts, (1..=50).collect::<Vec<u64>>(), "{}", s.backend());
        // A window that began before the cut-off starts again at one.
        assert_eq!(s.count_login_attempt("x@example.nl", 5000, 2000).await.unwrap(), 1);
        s.clear_login_attempts("x@example.nl").await.unwrap();
        assert_eq!(s.count_login_attempt("x@example.nl", 5001, 2000).await.unwrap(), 1);
        s.prune_login_attempts(6000).await.unwrap();
        assert_eq!(s.count_login_attempt("x@example.nl", 6001, 2000).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn the_last_beheerder_cannot_be_removed_and_sessions_expire() {
    for (s, _dir) in stores().await {
        organisation(s.as_ref(), "a", "AM05").await;
        user(s.as_ref(), "u1").await;
        user(s.as_ref(), "u2").await;
        s.set_role("u1", "a", Some(Role::Admin), &actor()).await.unwrap();
        for change in [None, Some(Role::Editor)] {
            let err = s.set_role("u1", "a", change, &actor()).await.unwrap_err();
            assert!(matches!(err, StoreError::LastAdmin(_)), "{}: {err}", s.backend());
        }
        assert_eq!(s.grants("u1").await.unwrap()[0].role, Role::Admin);
        s.set_role("u2", "a", Some(Role::Admin), &actor()).await.unwrap();
        s.set_role("u1", "a", None, &actor()).await.unwrap();
        assert!(s.grants("u1").await.unwrap().is_empty());
        s.create_session(
            "h",
            &Session {
                user_id: "u2".into(),
                csrf: "c".into(),
                expires_at: 2000,
                provider: Some("keycloak".into()),
                id_token: Some("eyJ.id.token".into()),
            },
        )
        .await
        .unwrap();
        let kept = s.session("h", 1999).await.unwrap().expect("session");
        assert_eq!(kept.provider.as_deref(), Some("keycloak"));
        assert_eq!(kept.id_token.as_deref(), Some("eyJ.id.token"));
        assert!(s.session("h", 2000).await.unwrap().is_none());
        s.delete_session("h").await.unwrap();
        assert!(s.session("h", 1).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_dropped_import_keeps_every_previous_table() {
    use samenhang_domain::statistics::{Dataset, Observation, Period, ValueStatus};
    for (s, _dir) in loaded_stores().await {
        let dataset = |id: &str| Dataset {
            id: id.into(),
            table: id.into(),
            title: id.into(),
            description: String::new(),
            modified: None,
            licence: "CC BY 4.0".into(),
            source: "test".into(),
            format: "test".into(),
        };
        let obs = |v: f64| Observation {
            measure: "M".into(),
            region: code("GM0153"),
            period: Period::parse("2020JJ00").unwrap(),
            dimensions: String::new(),
            value: Some(v),
            status: ValueStatus::Definitief,
        };
        let mut session = s.begin_import().await.unwrap();
        for id in ["T1", "T2"] {
            session.start_table(&dataset(id), &[], &[], &[], "v1").await.unwrap();
            session.insert(&[obs(1.0)]).await.unwrap();
            session.finish_table(1).await.unwrap();
        }
        session.commit().await.unwrap();
        let version = s.figures_version().await.unwrap();
        // A second import replaces T1, then meets a duplicate in T2: nothing of it stays.
        let mut session = s.begin_import().await.unwrap();
        session.start_table(&dataset("T1"), &[], &[], &[], "v2").await.unwrap();
        session.insert(&[obs(2.0)]).await.unwrap();
        session.finish_table(1).await.unwrap();
        session.start_table(&dataset("T2"), &[], &[], &[], "v2").await.unwrap();
        let err = session.insert(&[obs(3.0), obs(4.0)]).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate(k) if k.first == 0 && k.end == 2),
            "{}",
            s.backend()
        );
        drop(session);
        for id in ["T1", "T2"] {
            assert_eq!(
                s.dataset_hash(id).await.unwrap().as_deref(),
                Some("v1"),
                "{}",
                s.backend()
            );
            let o = s.observations(id, "M", "").await.unwrap();
            assert_eq!(o[0].value, Some(1.0));
        }
        assert_eq!(s.figures_version().await.unwrap(), version);
    }
}

/// The migrations up to and including `last`: run on an empty database, they make an
/// installation of an earlier version.
fn until(mut m: sqlx::migrate::Migrator, last: i64) -> sqlx::migrate::Migrator {
    m.migrations = m
        .migrations
        .iter()
        .filter(|x| x.version <= last)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    m
}

/// The statements that an installation before migration 11 used to store a table, with two
/// series (one measure with and one without other dimensions).
const OLD_OBSERVATIONS: &[&str] = &[
    "INSERT INTO bron (id, tabel, titel, omschrijving, gewijzigd, licentie, herkomst, formaat, inhoud_hash, aantal_waarnemingen, geladen_op) \
     VALUES ('t', 't', 'T', '', NULL, 'CC BY 4.0', 'test', 'test', 'oud', 3, '2026-01-01T00:00:00+00:00')",
    "INSERT INTO waarneming (bron_id, maatstaf, gebied, periode, dimensies, waarde, status) VALUES \
     ('t', 'M1', 'GM0153', '2020JJ00', '', 1.5, 'definitief'), \
     ('t', 'M1', 'GM0153', '2021JJ00', '', NULL, 'onbekend'), \
     ('t', 'M1', 'NL01', '2020JJ00', 'Geslacht=T001038', 7.0, 'voorlopig')",
];

#[tokio::test]
async fn observations_stored_before_the_series_migration_are_kept() {
    use samenhang_domain::statistics::ValueStatus;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oud.db");
    {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        until(sqlx::migrate!("./migrations/sqlite"), 10)
            .run(&pool)
            .await
            .unwrap();
        for sql in OLD_OBSERVATIONS {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let mut stores: Vec<Arc<dyn Store>> = vec![samenhang_store::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()];
    if let Ok(admin) = std::env::var("SAMENHANG_TEST_POSTGRES_URL") {
        let url = samenhang_store::postgres::create_scratch_database(&admin, "samenhang_store")
            .await
            .unwrap();
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        until(sqlx::migrate!("./migrations/postgres"), 10)
            .run(&pool)
            .await
            .unwrap();
        for sql in OLD_OBSERVATIONS {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;
        stores.push(samenhang_store::connect(&url).await.unwrap());
    }
    for s in stores {
        let b = s.backend();
        let m1 = s.observations("t", "M1", "").await.unwrap();
        let got: Vec<(String, String, Option<f64>, ValueStatus)> = m1
            .iter()
            .map(|o| (o.region.to_string(), o.period.to_string(), o.value, o.status))
            .collect();
        assert_eq!(
            got,
            vec![
                ("GM0153".into(), "2020JJ00".into(), Some(1.5), ValueStatus::Definitief),
                ("GM0153".into(), "2021JJ00".into(), None, ValueStatus::Onbekend),
            ],
            "{b}"
        );
        let men = s.observations("t", "M1", "Geslacht=T001038").await.unwrap();
        assert_eq!(men.len(), 1, "{b}");
        assert_eq!(men[0].status, ValueStatus::Voorlopig, "{b}");
        assert_eq!(s.count_observations("t").await.unwrap(), 3, "{b}");
        // The migrated table is replaced by a new import like any other.
        let stored = s.dataset("t").await.unwrap().unwrap();
        let mut session = s.begin_import().await.unwrap();
        session
            .start_table(&stored.dataset, &[], &[], &[], "nieuw")
            .await
            .unwrap();
        let mut again = m1[0].clone();
        again.value = Some(2.5);
        session.insert(&[again]).await.unwrap();
        session.finish_table(1).await.unwrap();
        session.commit().await.unwrap();
        assert_eq!(s.count_observations("t").await.unwrap(), 1, "{b}");
        assert_eq!(s.observations("t", "M1", "").await.unwrap()[0].value, Some(2.5), "{b}");
        assert!(
            s.observations("t", "M1", "Geslacht=T001038").await.unwrap().is_empty(),
            "{b}"
        );
    }
}
