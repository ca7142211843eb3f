// SPDX-License-Identifier: EUPL-1.2
//! Trust under concurrency, abuse and bad files (issue 11): one test per defect the probe of
//! the release build found, named after it (`d01_…` … `d15_…`). Each runs on SQLite, and on
//! PostgreSQL where the defect concerns the database.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{backends, snapshot_dir, Backend, TestApp};
use crate::import::{write_table, GOOD};
use crate::inloggen::{login_form, post_login};

async fn person(app: &TestApp, key: &str, body: Value) -> String {
    app.post_as(key, "/api/v1/personen", &body, 201).await["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn d01_parallel_puts_with_one_if_match_have_exactly_one_winner() {
    for app in TestApp::all().await {
        let e = app
            .account("race@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let id = person(&app, &e.key, json!({"naam": "Race", "functie": "overig"})).await;
        let path = format!("/api/v1/personen/{id}");
        for round in 0..3 {
            let expected = format!("\"{}\"", round + 1);
            let mut tasks = Vec::new();
            for i in 0..20 {
                let (client, url, key, expected) = (
                    app.client.clone(),
                    format!("{}{path}", app.address),
                    e.key.clone(),
                    expected.clone(),
                );
                tasks.push(tokio::spawn(async move {
                    client
                        .put(url)
                        .bearer_auth(key)
                        .header("if-match", expected)
                        .json(&json!({"naam": "Race", "functie": "overig", "portefeuille": format!("w{i}")}))
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                }));
            }
            let mut statuses = Vec::new();
            for t in tasks {
                statuses.push(t.await.unwrap());
            }
            statuses.sort();
            let winners = statuses.iter().filter(|s| **s == 200).count();
            let losers = statuses.iter().filter(|s| **s == 412).count();
            assert_eq!(
                (winners, losers),
                (1, 19),
                "{:?} round {round}: {statuses:?}",
                app.backend
            );
        }
        let now = app.get_as(Some(&e.key), &path, 200).await;
        assert_eq!(now["versie"], 4, "{:?}", app.backend);
    }
}

#[tokio::test]
async fn d02_the_failed_login_limit_holds_under_parallel_attempts() {
    for app in TestApp::all().await {
        let alice = app
            .account("alice@enschede.nl", "gemeente-enschede", Some("AM05"), "lezer")
            .await;
        let (cookie, token) = login_form(&app).await;
        let client = crate::inloggen::client();
        let mut tasks = Vec::new();
        for i in 0..60 {
            let (app_address, cookie, token, client) =
                (app.address.clone(), cookie.clone(), token.clone(), client.clone());
            tasks.push(tokio::spawn(async move {
                client
                    .post(format!("{app_address}/inloggen"))
                    .header(reqwest::header::COOKIE, cookie)
                    .form(&[
                        ("csrf", token.as_str()),
                        ("email", "alice@enschede.nl"),
                        ("wachtwoord", &format!("fout wachtwoord {i}")),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        let checked = statuses.iter().filter(|s| **s == 401).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!((checked, refused), (5, 55), "{:?}: {statuses:?}", app.backend);
        // The right password is refused too now: the window is full.
        let res = post_login(&app, &cookie, &token, &alice.email, &alice.password).await;
        assert_eq!(res.status(), 429, "{:?}", app.backend);
    }
}

/// The peak resident memory of this process, in kB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn d03_parallel_logins_cannot_exhaust_memory() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (cookie, token) = login_form(&app).await;
    // One client for all: every client holds its own TLS roots, which would be measured too.
    let client = crate::inloggen::client();
    let before = peak_rss_kb();
    let mut tasks = Vec::new();
    for i in 0..256 {
        let (address, cookie, token, client) = (app.address.clone(), cookie.clone(), token.clone(), client.clone());
        tasks.push(tokio::spawn(async move {
            client
                .post(format!("{address}/inloggen"))
                .header(reqwest::header::COOKIE, cookie)
                .form(&[
                    ("csrf", token.as_str()),
                    ("email", &format!("onbekend{i}@nergens.nl")),
                    ("wachtwoord", "een wachtwoord van niemand"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 503),
        "every attempt is refused (wrong, or busy): {statuses:?}"
    );
    let grown_mb = peak_rss_kb().saturating_sub(before) / 1024;
    // argon2id takes ~19 MiB a check; unbounded, 256 at once took ~5 GB. Four at a time, each
    // in memory it keeps: ~80 MB.
    assert!(
        grown_mb < 200,
        "peak memory grew by {grown_mb} MB during 256 parallel logins"
    );
}

#[tokio::test]
async fn d04_a_beheerder_cannot_place_an_organisation_in_another_region() {
    for app in TestApp::all().await {
        let twente = app
            .account("beheer@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let groningen = app
            .account("beheer@groningen.nl", "gemeente-groningen", Some("AM14"), "beheerder")
            .await;
        let secret = person(
            &app,
            &twente.key,
            json!({"naam": "Alleen Twente", "functie": "overig", "zichtbaarheid": "regio"}),
        )
        .await;
        let path = format!("/api/v1/personen/{secret}");
        app.get_as(Some(&groningen.key), &path, 404).await;
        // Creating an organisation in AM05, or moving one's own there, is refused.
        let res = app
            .send(
                Method::POST,
                "/api/v1/organisaties",
                Some(&groningen.key),
                Some(&json!({"id": "nep-twente", "naam": "Nep", "soort": "overig", "arbeidsmarktregio": "AM05"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 403, "{:?}", app.backend);
        let res = app
            .send(
                Method::PUT,
                "/api/v1/organisaties/gemeente-groningen",
                Some(&groningen.key),
                Some(&json!({"naam": "Gemeente Groningen", "soort": "gemeente", "arbeidsmarktregio": "AM05"})),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 403, "{:?}", app.backend);
        app.get_as(Some(&groningen.key), &path, 404).await;
        // In its own region it may, and renaming without moving is fine.
        let res = app
            .send(
                Method::POST,
                "/api/v1/organisaties",
                Some(&groningen.key),
                Some(&json!({"id": "uwv-groningen", "naam": "UWV Groningen", "soort": "uwv", "arbeidsmarktregio": "AM14"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 201, "{:?}", app.backend);
        let res = app
            .send(
                Method::PUT,
                "/api/v1/organisaties/gemeente-groningen",
                Some(&groningen.key),
                Some(&json!({"naam": "Gemeente Groningen", "soort": "gemeente", "arbeidsmarktregio": "AM14"})),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 200, "{:?}", app.backend);
        // The installation beheerder may move it; the move is in the audit log.
        let store = app.store().await;
        samenhang::accounts::make_installation_admin(store.as_ref(), "beheer@enschede.nl")
            .await
            .unwrap();
        let res = app
            .send(
                Method::PUT,
                "/api/v1/organisaties/gemeente-groningen",
                Some(&twente.key),
                Some(&json!({"naam": "Gemeente Groningen", "soort": "gemeente", "arbeidsmarktregio": "AM05"})),
                Some("\"2\""),
            )
            .await;
        assert_eq!(res.status(), 200, "{:?}", app.backend);
        let log = store
            .audit_log(
                &["gemeente-groningen".into()],
                samenhang_store::Paging { page: 1, page_size: 10 },
            )
            .await
            .unwrap();
        assert!(
            log.items.iter().any(|e| e.summary.contains("AM14 → AM05")),
            "{:?}",
            log.items
        );
    }
}

#[tokio::test]
async fn d05_concurrent_writes_wait_instead_of_failing() {
    for app in TestApp::all().await {
        let e = app
            .account("druk@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let mut tasks = Vec::new();
        for i in 0..50 {
            let (client, url, key) = (
                app.client.clone(),
                format!("{}/api/v1/personen", app.address),
                e.key.clone(),
            );
            tasks.push(tokio::spawn(async move {
                client
                    .post(url)
                    .bearer_auth(key)
                    .json(&json!({"naam": format!("Persoon {i}"), "functie": "overig"}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        assert!(statuses.iter().all(|s| *s == 201), "{:?}: {statuses:?}", app.backend);
        let all = app.get_as(Some(&e.key), "/api/v1/personen", 200).await;
        assert_eq!(all["paginering"]["totaal"], 50);
    }
}

/// Runs `samenhang import cbs <path>` (or `import begrippen`) against the app's database:
/// (exit code, standard error).
fn run_cli(app: &TestApp, args: &[&str], path: &Path) -> (i32, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_samenhang"));
    cmd.args(args)
        .arg(path)
        .arg("--data-dir")
        .arg(&app.config.data_dir)
        .arg("--snapshot-dir")
        .arg(snapshot_dir())
        .env("SAMENHANG_LOG", "error");
    if let Some(url) = &app.config.database_url {
        cmd.arg("--database-url").arg(url);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// A table directory 99999TST with its good first version imported.
async fn with_good_table(app: &TestApp) -> (tempfile::TempDir, std::sync::Arc<dyn samenhang_store::Store>) {
    let tmp = tempfile::tempdir().unwrap();
    write_table(&tmp.path().join("99999TST"), GOOD);
    let store = app.store().await;
    let (code, err) = run_cli(app, &["import", "cbs"], &tmp.path().join("99999TST"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(store.count_observations("99999TST").await.unwrap(), 4);
    (tmp, store)
}

#[tokio::test]
async fn d06_an_import_without_observations_or_files_fails_and_changes_nothing() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let (tmp, store) = with_good_table(&app).await;
        let version = store.dataset("99999TST").await.unwrap();
        let case = |name: &str| {
            let dir = tmp.path().join(name).join("99999TST");
            write_table(&dir, GOOD);
            dir
        };
        let mut cases: Vec<(std::path::PathBuf, &str)> = Vec::new();
        let d = case("zonder-pagina");
        std::fs::remove_file(d.join("observations-page-1.json")).unwrap();
        cases.push((d, "observations-page-1.json"));
        let d = case("lege-pagina");
        std::fs::write(d.join("observations-page-1.json"), r#"{"value":[]}"#).unwrap();
        cases.push((d, "geen waarnemingen"));
        let d = case("lege-eigenschappen");
        std::fs::write(d.join("properties.json"), "").unwrap();
        cases.push((d, "properties.json"));
        let d = case("binaire-eigenschappen");
        std::fs::write(d.join("properties.json"), [0u8, 159, 146, 150, 255]).unwrap();
        cases.push((d, "properties.json"));
        let d = case("zonder-dimensies");
        std::fs::remove_file(d.join("dimensions.json")).unwrap();
        cases.push((d, "dimensions.json"));
        let d = case("zonder-maatstaven");
        std::fs::remove_file(d.join("measure-codes.json")).unwrap();
        cases.push((d, "measure-codes.json"));
        let d = tmp.path().join("leeg");
        std::fs::create_dir_all(&d).unwrap();
        cases.push((d, "geen CBS-tabel"));
        let d = tmp.path().join("99998TST_kop.csv");
        std::fs::write(&d, "\"ID\";\"RegioS\";\"Perioden\";\"Iets_1\"\n").unwrap();
        cases.push((d, "geen waarnemingen"));
        for (path, named) in &cases {
            let (code, err) = run_cli(&app, &["import", "cbs"], path);
            assert_ne!(code, 0, "{:?} {}: {err}", app.backend, path.display());
            assert!(err.contains(named), "{:?} {}: {err}", app.backend, path.display());
            assert_eq!(store.dataset("99999TST").await.unwrap(), version, "{}", path.display());
            assert_eq!(store.count_observations("99999TST").await.unwrap(), 4);
        }
        assert!(store.dataset("99998TST").await.unwrap().is_none());
        // A directory of tables is all or nothing: a good new version before a bad table stays out.
        let dir = tmp.path().join("map");
        let changed = GOOD.replace("\"Value\":10", "\"Value\":99");
        write_table(&dir.join("99999TST"), &changed);
        write_table(&dir.join("99997TST"), GOOD);
        std::fs::write(
            dir.join("99997TST").join("properties.json"),
            r#"{"Identifier":"99997TST","Title":"Tweede"}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("99997TST").join("observations-page-1.json"),
            r#"{"value":[{"Id":0,"Measure":"M1","ValueAttribute":"None","Value":"veel","RegioS":"GM0153","Perioden":"2020JJ00"}]}"#,
        )
        .unwrap();
        let (code, err) = run_cli(&app, &["import", "cbs"], &dir);
        assert_ne!(code, 0);
        assert!(
            err.contains("99997TST") && err.contains("record 1") && err.contains("Value"),
            "{err}"
        );
        assert_eq!(
            store.dataset("99999TST").await.unwrap(),
            version,
            "the good table of the directory stayed out"
        );
        let obs = store.observations("99999TST", "M1", "").await.unwrap();
        assert!(obs.iter().all(|o| o.value != Some(99.0)));
    }
}

#[tokio::test]
async fn d07_a_region_dimension_declared_as_dimension_keeps_its_regions() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("85792NED");
        write_table(&dir, GOOD);
        std::fs::write(
            dir.join("properties.json"),
            r#"{"Identifier":"99996TST","Title":"Regio als gewone dimensie"}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("dimensions.json"),
            r#"{"value":[{"Identifier":"RegioS","Kind":"Dimension"},{"Identifier":"Perioden","Kind":"TimeDimension"}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("codes-RegioS.json"),
            r#"{"value":[{"Identifier":"GM0153","Title":"Enschede"},{"Identifier":"GM0363","Title":"Amsterdam"},{"Identifier":"NL01","Title":"Nederland"}]}"#,
        )
        .unwrap();
        let (code, err) = run_cli(&app, &["import", "cbs"], &dir);
        assert_eq!(code, 0, "{err}");
        let store = app.store().await;
        let obs = store.observations("99996TST", "M1", "").await.unwrap();
        assert_eq!(
            obs.len(),
            4,
            "{:?}: stored under the regions, not as a dimension",
            app.backend
        );
        assert!(obs.iter().any(|o| o.region.to_string() == "GM0153"));
    }
}

#[tokio::test]
async fn d08_unknown_codes_duplicates_and_wrong_separators_are_named() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (tmp, store) = with_good_table(&app).await;
    let row = |n: u32, measure: &str, value: &str, period: &str| {
        format!(r#"{{"Id":{n},"Measure":"{measure}",{value}"RegioS":"GM0153","Perioden":"{period}"}}"#)
    };
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "periode",
            format!(
                r#"{{"value":[{}]}}"#,
                row(0, "M1", r#""ValueAttribute":"None","Value":1,"#, "2015XX99")
            ),
            vec!["record 1", "Perioden", "2015XX99"],
        ),
        (
            "maatstaf",
            format!(
                r#"{{"value":[{}]}}"#,
                row(0, "M9", r#""ValueAttribute":"None","Value":1,"#, "2020JJ00")
            ),
            vec!["record 1", "Measure", "M9"],
        ),
        (
            "waarde",
            format!(
                r#"{{"value":[{}]}}"#,
                row(0, "M1", r#""ValueAttribute":"None","#, "2020JJ00")
            ),
            vec!["record 1", "Value", "ontbreekt"],
        ),
        (
            "dubbel",
            format!(
                r#"{{"value":[{},{}]}}"#,
                row(0, "M1", r#""ValueAttribute":"None","Value":1,"#, "2020JJ00"),
                row(1, "M1", r#""ValueAttribute":"None","Value":2,"#, "2020JJ00")
            ),
            vec!["dubbele waarneming", "record 2", "record 1"],
        ),
    ];
    for (name, page, named) in &cases {
        let dir = tmp.path().join(name).join("99999TST");
        write_table(&dir, page);
        std::fs::write(
            dir.join("codes-Perioden.json"),
            r#"{"value":[{"Identifier":"2020JJ00","Title":"2020"},{"Identifier":"2021JJ00","Title":"2021"}]}"#,
        )
        .unwrap();
        let (code, err) = run_cli(&app, &["import", "cbs"], &dir);
        assert_ne!(code, 0, "{name}");
        for n in named {
            assert!(err.contains(n), "{name}: '{n}' not in: {err}");
        }
        assert!(
            !err.contains("UNIQUE constraint") && !err.contains("duplicate key"),
            "{err}"
        );
        assert_eq!(store.count_observations("99999TST").await.unwrap(), 4, "{name}");
    }
    // A CSV with commas where semicolons are expected says so.
    let csv = tmp.path().join("99995TST_komma.csv");
    std::fs::write(&csv, "ID,RegioS,Perioden,Iets_1\n0,GM0153,2020JJ00,1\n").unwrap();
    let (code, err) = run_cli(&app, &["import", "cbs"], &csv);
    assert_ne!(code, 0);
    assert!(err.contains("scheidingsteken") && err.contains("komma"), "{err}");
    // A page with a byte-order mark is read.
    let dir = tmp.path().join("bom").join("99999TST");
    write_table(
        &dir,
        &format!("\u{feff}{}", GOOD.replace("\"Value\":10", "\"Value\":12")),
    );
    let (code, err) = run_cli(&app, &["import", "cbs"], &dir);
    assert_eq!(code, 0, "{err}");
    // A JSON-LD file with a syntax error is named as JSON-LD.
    let jsonld = tmp.path().join("kapot.jsonld");
    std::fs::write(&jsonld, "{ \"@context\": ").unwrap();
    let (code, err) = run_cli(&app, &["import", "begrippen"], &jsonld);
    assert_ne!(code, 0);
    assert!(err.contains("ongeldige JSON-LD") && !err.contains("Turtle"), "{err}");
}

/// Sends raw bytes on a new connection and returns what came back within `wait`.
fn raw(address: &str, request: &[u8], wait: Duration) -> (String, Duration) {
    let host = address.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    let start = Instant::now();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match s.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                if buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    (String::from_utf8_lossy(&buf).to_string(), start.elapsed())
}

#[tokio::test]
async fn d09_slow_clients_time_out_and_oversized_bodies_are_refused_at_once() {
    let limits = samenhang_server::Limits {
        max_connections: 16,
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        max_body: 1024 * 1024,
    };
    let app = TestApp::with_limits(Backend::Sqlite, limits).await;
    let address = app.address.clone();
    let (answer, took) = tokio::task::spawn_blocking(move || {
        raw(
            &address,
            b"POST /api/v1/personen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}",
            Duration::from_secs(5),
        )
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    // A body that never arrives is given up on.
    let address = app.address.clone();
    let (answer, took) = tokio::task::spawn_blocking(move || {
        raw(
            &address,
            b"POST /api/v1/personen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}",
            Duration::from_secs(8),
        )
    })
    .await
    .unwrap();
    assert!(took < Duration::from_secs(5), "{took:?}: {answer}");
    assert!(!answer.contains(" 201 "), "{answer}");
    // Half-open connections: more than the limit, sending nothing. They are closed after the
    // header timeout, and the server answers again.
    let host = app.address.trim_start_matches("http://").to_string();
    let idle: Vec<std::net::TcpStream> = (0..40)
        .filter_map(|_| std::net::TcpStream::connect(&host).ok())
        .collect();
    assert!(idle.len() >= 16);
    let start = Instant::now();
    let mut answered = false;
    while start.elapsed() < Duration::from_secs(8) {
        if let Ok(r) = app
            .client
            .get(format!("{}/health", app.address))
            .timeout(Duration::from_secs(1))
            .send()
            .await
        {
            if r.status() == 200 {
                answered = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        answered,
        "/health answers again once the idle connections have timed out"
    );
    drop(idle);
}

#[tokio::test]
async fn d10_ids_follow_one_pattern_and_hidden_ids_look_free() {
    for app in TestApp::all().await {
        let a = app
            .account("a@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let c = app
            .account("c@utrecht.nl", "gemeente-utrecht", Some("AM20"), "redacteur")
            .await;
        let hidden = person(&app, &a.key, json!({"naam": "Geheim", "functie": "overig"})).await;
        for bad in ["..%2F..%2Fetc%2Fpasswd", "%3Cb%3Ex%3C%2Fb%3E", "a%20b", "A1"] {
            let res = app.get(&format!("/api/v1/personen/{bad}")).await;
            assert_eq!(res.status(), 404, "{bad}");
        }
        // `_export` is the export, never a record.
        let res = app.get("/api/v1/personen/_export").await;
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        // A CSV line with an id: a hidden record and a free id get the same answer.
        let reason = |id: &str| {
            let (app, key, id) = (&app, c.key.clone(), id.to_string());
            async move {
                let res = app
                    .client
                    .post(format!("{}/api/v1/personen/_import", app.address))
                    .bearer_auth(key)
                    .header("content-type", "text/csv")
                    .body(format!("id;naam;functie\n{id};Overgenomen;overig\n"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 400);
                let body: Value = res.json().await.unwrap();
                body["invalidParams"][0]["reason"].as_str().unwrap().replace(&id, "ID")
            }
        };
        assert_eq!(
            reason(&hidden).await,
            reason("0123456789abcdef").await,
            "{:?}",
            app.backend
        );
        assert_eq!(reason("../../etc/passwd").await, reason("0123456789abcdef").await);
        // And nothing was created with a chosen id.
        app.get_as(Some(&c.key), "/api/v1/personen/0123456789abcdef", 404).await;
    }
}

#[tokio::test]
async fn d11_hidden_references_are_neither_shown_nor_dropped() {
    for app in TestApp::all().await {
        let a = app
            .account("a@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let b = app
            .account("b@hengelo.nl", "gemeente-hengelo", Some("AM05"), "redacteur")
            .await;
        // A goal of A, public, owned by a person of A that only A may see.
        let secret = person(&app, &a.key, json!({"naam": "Eigenaar Geheim", "functie": "wethouder"})).await;
        let goal = app
            .post_as(
                &a.key,
                "/api/v1/doelen",
                &json!({"titel": "Openbaar doel", "zichtbaarheid": "openbaar", "eigenaar": secret, "gebied": "GM0153",
                        "indicator": "inwoners", "basisjaar": 2020, "basiswaarde": 1, "streefjaar": 2030, "streefwaarde": 2}),
                201,
            )
            .await;
        assert_eq!(goal["eigenaar"]["id"], secret.as_str());
        let listing = app.get_json("/api/v1/doelen", 200).await;
        assert!(listing["doelen"][0]["eigenaar"].is_null(), "{listing}");
        assert!(!listing.to_string().contains(&secret));
        for path in ["/api/v1/doelen/_export", "/beheer/csv/doelen"] {
            let text = app.get(path).await.text().await.unwrap();
            assert!(
                !text.contains(&secret) && !text.contains("Eigenaar Geheim"),
                "{path}: {text}"
            );
        }
        // A public body of A with a participant of B; B then makes that person private.
        let partner = person(
            &app,
            &b.key,
            json!({"naam": "Partner", "functie": "bestuurder", "zichtbaarheid": "regio"}),
        )
        .await;
        let body = app
            .post_as(
                &a.key,
                "/api/v1/overleggen",
                &json!({"naam": "Tafel", "zichtbaarheid": "openbaar", "deelnemers": [partner], "frequentie": 4,
                        "duur": 2, "mandaat": "adviserend"}),
                201,
            )
            .await;
        let id = body["id"].as_str().unwrap().to_string();
        let partner_path = format!("/api/v1/personen/{partner}");
        let p = app.get_as(Some(&b.key), &partner_path, 200).await;
        let res = app
            .send(
                Method::PUT,
                &partner_path,
                Some(&b.key),
                Some(&json!({"naam": "Partner", "functie": "bestuurder", "zichtbaarheid": "organisatie"})),
                Some(&format!("\"{}\"", p["versie"])),
            )
            .await;
        assert_eq!(res.status(), 200);
        // A reads the body: the participant is not shown. A sends what it read back.
        let path = format!("/api/v1/overleggen/{id}");
        let seen = app.get_as(Some(&a.key), &path, 200).await;
        assert_eq!(seen["deelnemers"], json!([]), "{:?}", app.backend);
        let res = app
            .send(Method::PUT, &path, Some(&a.key), Some(&seen), Some("\"1\""))
            .await;
        assert_eq!(res.status(), 200, "a representation can be sent back as read");
        // B still sees its person in the body.
        let for_b = app.get_as(Some(&b.key), &path, 200).await;
        assert_eq!(for_b["deelnemers"][0]["id"], partner.as_str(), "{:?}", app.backend);
    }
}

#[tokio::test]
async fn d12_nul_bytes_are_refused_with_400() {
    for app in TestApp::all().await {
        let e = app
            .account("nul@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let res = app
            .send(
                Method::POST,
                "/api/v1/personen",
                Some(&e.key),
                Some(&json!({"naam": "a\u{0}b", "functie": "overig"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 400, "{:?}", app.backend);
        let res = app
            .client
            .post(format!("{}/api/v1/personen/_import", app.address))
            .bearer_auth(&e.key)
            .header("content-type", "text/csv")
            .body("naam;functie\na\u{0}b;overig\n")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{:?}", app.backend);
        for path in [
            "/api/v1/personen/a%00b",
            "/api/v1/gebieden?zoek=a%00b",
            "/api/v1/regelingen?organisatie=a%00b",
            "/api/v1/afspraken?organisatie=a%00b",
            "/api/v1/begrippen?zoek=a%00b",
        ] {
            let res = app.get(path).await;
            assert_eq!(res.status(), 400, "{:?} {path}", app.backend);
            assert_eq!(res.headers()["content-type"], "application/problem+json");
        }
        let all = app.get_as(Some(&e.key), "/api/v1/personen", 200).await;
        assert_eq!(all["paginering"]["totaal"], 0);
    }
}

#[tokio::test]
async fn d13_two_preferred_labels_in_one_language_are_refused() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("dubbel.ttl");
    std::fs::write(
        &file,
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix : <https://voorbeeld.nl/b/> .\n\
         :k a skos:ConceptScheme ; skos:prefLabel \"Kader\"@nl .\n\
         :a a skos:Concept ; skos:inScheme :k ; skos:prefLabel \"werk\"@nl , \"arbeid\"@nl .\n",
    )
    .unwrap();
    let (code, err) = run_cli(&app, &["import", "begrippen"], &file);
    assert_ne!(code, 0);
    assert!(
        err.contains("voorkeurstermen") && err.contains("'werk'") && err.contains("'arbeid'"),
        "{err}"
    );
}

#[tokio::test]
async fn d14_the_openapi_document_describes_what_is_served() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let e = app
        .account("doc@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
        .await;
    let doc = app.get_json("/api/v1/openapi.json", 200).await;
    // Optional fields are nullable, and null is accepted.
    let prop = &doc["components"]["schemas"]["PersoonInvoer"]["properties"]["portefeuille"];
    assert_eq!(prop["type"], json!(["string", "null"]), "{prop}");
    let id = person(
        &app,
        &e.key,
        json!({"naam": "Nul", "functie": "overig", "portefeuille": null, "email": null, "telefoon": null,
                "zichtbaarheid": null, "organisatie": null}),
    )
    .await;
    // `If-Match: *` matches the current version.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/v1/personen/{id}"),
            Some(&e.key),
            Some(&json!({"naam": "Nul", "functie": "overig"})),
            Some("*"),
        )
        .await;
    assert_eq!(res.status(), 200);
    // _passend answers an object with a list, as the document says.
    let passend =
        &doc["paths"]["/regelingen/_passend"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(passend["type"], "object");
    assert!(app.get_json("/api/v1/regelingen/_passend", 200).await["regelingen"].is_array());
    // Limits are declared.
    let params = doc["paths"]["/personen"]["get"]["parameters"].as_array().unwrap();
    let pagina = params.iter().find(|p| p["name"] == "pagina").unwrap();
    assert_eq!(pagina["schema"]["maximum"], 1_000_000);
    let code = &doc["paths"]["/gebieden/{code}"]["get"]["parameters"][0]["schema"];
    assert!(code["pattern"].is_string(), "{code}");
    let formaat = doc["paths"]["/begrippenkaders/{id}/export"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "formaat")
        .unwrap();
    assert!(formaat["schema"]["enum"].is_array(), "{formaat}");
    // An unknown begrippenkader is a documented 404.
    assert!(doc["paths"]["/begrippen"]["get"]["responses"]["404"].is_object());
    app.get_json("/api/v1/begrippen?kader=onbekend", 404).await;
}

#[tokio::test]
async fn d15_the_last_beheerder_keeps_the_role_and_the_cli_grants_roles() {
    for app in TestApp::all().await {
        let admin = app
            .account("enige@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let res = app
            .send(
                Method::DELETE,
                &format!("/api/v1/rollen/gemeente-enschede/{}", admin.id),
                Some(&admin.key),
                None,
                None,
            )
            .await;
        assert_eq!(res.status(), 403, "{:?}", app.backend);
        let body: Value = res.json().await.unwrap();
        assert!(
            body["detail"].as_str().unwrap().contains("geen beheerder over"),
            "{body}"
        );
        let res = app
            .send(
                Method::POST,
                "/api/v1/rollen",
                Some(&admin.key),
                Some(&json!({"email": "enige@enschede.nl", "organisatie": "gemeente-enschede", "rol": "lezer"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 403, "{:?}", app.backend);
        let store = app.store().await;
        assert_eq!(store.grants(&admin.id).await.unwrap()[0].role.as_str(), "beheerder");
        // The command line gives an existing user a role.
        let other = app
            .account("ander@hengelo.nl", "gemeente-hengelo", Some("AM05"), "lezer")
            .await;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_samenhang"));
        cmd.args([
            "gebruiker",
            "rol",
            "--email",
            "ander@hengelo.nl",
            "--organisatie",
            "gemeente-enschede",
            "--rol",
            "beheerder",
        ])
        .arg("--data-dir")
        .arg(&app.config.data_dir)
        .arg("--snapshot-dir")
        .arg(snapshot_dir())
        .env("SAMENHANG_LOG", "error");
        if let Some(url) = &app.config.database_url {
            cmd.arg("--database-url").arg(url);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let roles = store.grants(&other.id).await.unwrap();
        assert!(roles
            .iter()
            .any(|g| g.organisation == "gemeente-enschede" && g.role.as_str() == "beheerder"));
        // Now the first may step down.
        let res = app
            .send(
                Method::DELETE,
                &format!("/api/v1/rollen/gemeente-enschede/{}", admin.id),
                Some(&admin.key),
                None,
                None,
            )
            .await;
        assert_eq!(res.status(), 204, "{:?}", app.backend);
    }
}
