// SPDX-License-Identifier: EUPL-1.2
//! Live figures: `samenhang import` in another process while `samenhang serve` runs, and the
//! running servers (two on one PostgreSQL) serve the new figures without a restart.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use samenhang::Config;

use crate::helpers::{backends, fresh_config, snapshot_dir, Backend};
use crate::import::{write_table, GOOD};

/// A snapshot with the region registry, the boundaries, the begrippenkader and one indicator on
/// table 99999TST, and no CBS tables, so that a server starts in a second.
fn small_snapshot(dir: &Path) -> PathBuf {
    let snap = crate::helpers::snapshot_with_region_sources(dir);
    for folder in ["vocab", "geo"] {
        std::fs::create_dir_all(snap.join(folder)).unwrap();
        for entry in std::fs::read_dir(snapshot_dir().join(folder)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), snap.join(folder).join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(snap.join("cbs/bronnen.toml"), "bron = []\n").unwrap();
    std::fs::write(
        snap.join("indicatoren.toml"),
        "[[indicator]]\nid = \"testcijfer\"\nnaam = \"Testcijfer\"\nomschrijving = \"Een test.\"\neenheid = \"aantal\"\n\
         soort = \"maatstaf\"\nteller = \"99999TST:M1\"\naggregatie = \"som\"\nrichting = \"neutraal\"\n\
         begrip = \"bevolking\"\nthema = \"bevolking\"\n",
    )
    .unwrap();
    snap
}

/// `samenhang serve` as its own process, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn with_database(cmd: &mut Command, config: &Config) {
    cmd.arg("--data-dir")
        .arg(&config.data_dir)
        .arg("--snapshot-dir")
        .arg(&config.snapshot_dir)
        .env("SAMENHANG_LOG", "error");
    if let Some(url) = &config.database_url {
        cmd.arg("--database-url").arg(url);
    }
}

async fn serve(config: &Config) -> Server {
    for _ in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_samenhang"));
        cmd.arg("serve").arg("--bind").arg(format!("127.0.0.1:{port}"));
        with_database(&mut cmd, config);
        let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let mut server = Server {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if server.child.try_wait().unwrap().is_some() {
                break; // the port was taken after all: try another
            }
            if reqwest::get(format!("{}/api/v1/indicatoren", server.address))
                .await
                .is_ok()
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = server.child.kill();
    }
    panic!("samenhang serve did not start");
}

/// The values of the test indicator for Enschede, through the API.
async fn enschede(server: &Server) -> Vec<(i64, f64)> {
    let body: serde_json::Value = reqwest::get(format!(
        "{}/api/v1/indicatoren/testcijfer/waarden?gebied=GM0153",
        server.address
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    body["waarden"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| (v["jaar"].as_i64().unwrap(), v["waarde"].as_f64().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn an_import_in_another_process_reaches_the_running_servers_within_two_seconds() {
    for backend in backends() {
        let tmp = tempfile::tempdir().unwrap();
        let (config, _dir) = fresh_config(backend, small_snapshot(tmp.path())).await;
        let first = serve(&config).await;
        // Two servers on one PostgreSQL; on SQLite one.
        let second = match backend {
            Backend::Postgres => Some(serve(&config).await),
            Backend::Sqlite => None,
        };
        assert_eq!(enschede(&first).await, vec![], "{backend:?}: no figures yet");

        let table = tmp.path().join("99999TST");
        write_table(&table, GOOD);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_samenhang"));
        cmd.arg("import").arg("cbs").arg(&table);
        with_database(&mut cmd, &config);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let imported = Instant::now();

        let expected = vec![(2020, 10.0), (2021, 11.0)];
        for server in std::iter::once(&first).chain(second.as_ref()) {
            let mut seen = enschede(server).await;
            while seen != expected && imported.elapsed() < Duration::from_secs(10) {
                tokio::time::sleep(Duration::from_millis(50)).await;
                seen = enschede(server).await;
            }
            assert_eq!(seen, expected, "{backend:?}");
            let took = imported.elapsed();
            println!("{backend:?}: {} after {} ms", server.address, took.as_millis());
            assert!(
                took <= Duration::from_secs(2),
                "{backend:?}: new figures after {took:?}"
            );
        }
        // The pages follow the same snapshot.
        let page = reqwest::get(format!("{}/indicatoren/testcijfer", first.address))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("2021"),
            "{backend:?}: the indicator page shows the new year"
        );
    }
}
