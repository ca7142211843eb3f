// SPDX-License-Identifier: EUPL-1.2
//! The `samenhang` binary and its commands: start-up on a corrupt snapshot, `check`, `export`, and
//! `serve --voorbeelddata`, which refuses a database with real records and writes nothing before
//! its port is bound.

use std::path::Path;
use std::process::Command;

use crate::helpers::{backends, fresh_config, snapshot_dir, Backend, TestApp};

/// Copies the shipped region files into `to` and replaces line `line` of the herindelingen file.
fn corrupt_snapshot(to: &Path, line: usize) {
    for rel in [
        samenhang_statline::regions::CODE_LIST,
        samenhang_statline::regions::AM_CODE_LIST,
        samenhang_statline::regions::LAST_YEAR_CLASSIFICATION,
        samenhang_statline::regions::DATED_CLASSIFICATION,
        samenhang_statline::regions::REORGANISATIONS,
        samenhang::INDICATORS,
    ] {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(snapshot_dir().join(rel), &target).unwrap();
    }
    let path = to.join(samenhang_statline::regions::REORGANISATIONS);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[line - 1] = "GM0457,Weesp,Opgeheven,24-03-2022,overgegaan naar,GM0363,Amsterdam,1,1,1,".into();
    std::fs::write(&path, lines.join("\n")).unwrap();
}

#[test]
fn corrupt_region_file_aborts_start_up_naming_file_and_line_and_creates_no_database() {
    let snapshot = tempfile::tempdir().unwrap();
    corrupt_snapshot(snapshot.path(), 100);
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_samenhang"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .arg("--data-dir")
        .arg(data.path())
        .arg("--snapshot-dir")
        .arg(snapshot.path())
        .env_remove("SAMENHANG_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gemeentelijke_herindelingen_uit_cbs_03759ned.csv, regel 100, veld 'date'"),
        "{stderr}"
    );
    assert!(
        !data.path().join(samenhang::SQLITE_FILE).exists(),
        "database was created"
    );
}

#[tokio::test]
async fn corrupt_region_file_leaves_an_existing_database_untouched() {
    let snapshot = tempfile::tempdir().unwrap();
    corrupt_snapshot(snapshot.path(), 2);
    for backend in backends() {
        let (mut config, _dir) = fresh_config(backend, snapshot.path().to_path_buf()).await;
        // An existing database that holds no regions yet (created by an earlier, empty start).
        if backend == Backend::Sqlite {
            std::fs::create_dir_all(&config.data_dir).unwrap();
            config.database_url = Some(format!("sqlite://{}", config.data_dir.join("x.db").display()));
        }
        let err = samenhang::open_store(&config).await.err().expect("start-up fails");
        assert!(format!("{err:#}").contains("regel 2"), "{err:#}");
        let store = samenhang_store::connect(&config.database_url()).await.unwrap();
        assert!(!store.regions_loaded().await.unwrap(), "{backend:?}");
        assert_eq!(store.summary().await.unwrap().reorganisations, 0);
    }
}

#[tokio::test]
async fn check_summarises_snapshot_and_database() {
    for app in TestApp::all().await {
        let mut out = Vec::new();
        samenhang::check(&app.config, &mut out).await.unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("2026: 342 gemeenten, 35 arbeidsmarktregio's, 40 COROP-gebieden, 12 provincies"),
            "{text}"
        );
        assert!(text.contains("Database: in orde"), "{text}");
    }
}

#[tokio::test]
async fn export_writes_memberships_per_year_as_csv() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    let mut out = Vec::new();
    samenhang::export_regions(store.as_ref(), &mut out).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("jaar,gemeente,naam,arbeidsmarktregio,corop,provincie")
    );
    assert!(text.contains("\n2026,GM0153,Enschede,AM05,CR12,PV23\n"));
    assert_eq!(text.lines().filter(|l| l.starts_with("2026,")).count(), 342);
}

/// `samenhang <args> --data-dir <data>` on the shipped snapshot and SQLite, with a password.
fn samenhang(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_samenhang"));
    c.args(args)
        .arg("--data-dir")
        .arg(data)
        .arg("--snapshot-dir")
        .arg(snapshot_dir())
        .env_remove("SAMENHANG_DATABASE_URL")
        .env("SAMENHANG_WACHTWOORD", "een lang wachtwoord 123");
    c
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `samenhang serve` on `data` and returns the child once it listens.
fn serve(data: &Path) -> (std::process::Child, u16) {
    // A free port may be taken by another test's server before this one binds it; the child then
    // stops at once ("kan niet luisteren"), and another port is tried.
    for _ in 0..5 {
        let port = free_port();
        let mut child = samenhang(data, &["serve", "--bind", &format!("127.0.0.1:{port}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The port is bound before anything is loaded: a child still running now holds it.
        std::thread::sleep(std::time::Duration::from_millis(500));
        if child.try_wait().unwrap().is_some() {
            continue;
        }
        for _ in 0..600 {
            assert!(child.try_wait().unwrap().is_none(), "the server stopped");
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return (child, port);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the server did not start");
    }
    panic!("no free port for the server");
}

/// Runs a command to its end; its standard output.
fn cli(data: &Path, args: &[&str]) -> String {
    let out = samenhang(data, args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// (all records, example records) in the SQLite database of `data`.
async fn counts(data: &Path) -> (u64, u64) {
    let url = format!("sqlite://{}", data.join(samenhang::SQLITE_FILE).display());
    let store = samenhang_store::connect(&url).await.unwrap();
    store.record_counts("voorbeeld-").await.unwrap()
}

#[tokio::test]
async fn example_data_refuses_a_database_with_real_records_and_a_busy_port_writes_nothing() {
    // A database with one real record.
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let account = [
        "--email",
        "echt@enschede.nl",
        "--naam",
        "Echt",
        "--organisatie",
        "gemeente-enschede",
    ];
    cli(
        d,
        &[
            &["gebruiker", "toevoegen"][..],
            &account,
            &["--arbeidsmarktregio", "AM05"],
        ]
        .concat(),
    );
    let key = cli(
        d,
        &["gebruiker", "sleutel", "--email", "echt@enschede.nl", "--naam", "test"],
    );
    let (mut server, port) = serve(d);
    let res = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/v1/personen"))
        .bearer_auth(&key)
        .json(&serde_json::json!({"naam": "Echte wethouder", "functie": "wethouder"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(counts(d).await, (1, 0));

    // --voorbeelddata on it: refused, in Dutch, naming --data-dir; nothing written.
    let bind = format!("127.0.0.1:{}", free_port());
    let out = samenhang(d, &["serve", "--voorbeelddata", "--bind", &bind])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the server refused to start");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("echte records") && stderr.contains("--data-dir"),
        "{stderr}"
    );
    assert_eq!(counts(d).await, (1, 0), "nothing was written");

    // A busy port: the server stops before it writes the example data.
    let fresh = tempfile::tempdir().unwrap();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let bind = busy.local_addr().unwrap().to_string();
    let out = samenhang(fresh.path(), &["serve", "--voorbeelddata", "--bind", &bind])
        .output()
        .unwrap();
    assert!(!out.status.success());
    if fresh.path().join(samenhang::SQLITE_FILE).exists() {
        assert_eq!(
            counts(fresh.path()).await.1,
            0,
            "no example record before the port was bound"
        );
    }
}

#[test]
fn logs_are_one_json_object_per_line_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let table = tmp.path().join("99999TST");
    crate::import::write_table(&table, crate::import::GOOD);
    let out = Command::new(env!("CARGO_BIN_EXE_samenhang"))
        .args(["import", "cbs"])
        .arg(&table)
        .arg("--data-dir")
        .arg(tmp.path().join("data"))
        .env("SAMENHANG_LOG_FORMAAT", "JSON")
        .env("SAMENHANG_LOG", "info")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(!lines.is_empty(), "no JSON log lines in:\n{stderr}");
    assert!(lines
        .iter()
        .all(|l| l["level"].is_string() && l["timestamp"].is_string()));
    assert!(
        lines
            .iter()
            .any(|l| l["fields"]["message"] == "gebiedsindeling geladen"),
        "{stderr}"
    );
}
