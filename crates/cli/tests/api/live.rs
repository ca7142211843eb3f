// SPDX-License-Identifier: EUPL-1.2
//! Operations: live figures (`samenhang import` in another process while `samenhang serve` runs,
//! and the running servers serve the new figures without a restart), two servers on one
//! PostgreSQL that serve each other's writes, and the readiness check.

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
        let (_, page) = text(format!("{}/indicatoren/testcijfer", first.address)).await;
        assert!(
            page.contains("2021"),
            "{backend:?}: the indicator page shows the new year"
        );
    }
}

/// Runs `samenhang gebruiker …` against the database of `config`; returns its standard output.
fn account_command(config: &Config, args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samenhang"));
    cmd.arg("gebruiker").args(args);
    with_database(&mut cmd, config);
    let out = cmd
        .env("SAMENHANG_WACHTWOORD", crate::helpers::PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Polls `check` on `server` until it holds or ten seconds passed; returns how long it took.
async fn until<F, Fut>(what: &str, since: Instant, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    while !check().await {
        assert!(since.elapsed() < Duration::from_secs(10), "{what}: not within 10 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = since.elapsed();
    println!("{what}: after {} ms", took.as_millis());
    took
}

async fn text(url: String) -> (u16, String) {
    text_as(url, None).await
}

/// GET `url`, with a session cookie when given; the status and the body.
async fn text_as(url: String, cookie: Option<&str>) -> (u16, String) {
    let mut req = crate::inloggen::client().get(url);
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn two_servers_on_one_postgresql_serve_each_others_writes_sessions_and_limits() {
    if !backends().contains(&Backend::Postgres) {
        return; // several servers need PostgreSQL; CI runs this with it
    }
    let tmp = tempfile::tempdir().unwrap();
    let (config, _dir) = fresh_config(Backend::Postgres, small_snapshot(tmp.path())).await;
    let one = serve(&config).await;
    let two = serve(&config).await;
    account_command(
        &config,
        &[
            "toevoegen",
            "--email",
            "redactie@enschede.nl",
            "--naam",
            "Redactie Enschede",
            "--organisatie",
            "gemeente-enschede",
            "--organisatie-naam",
            "Gemeente Enschede",
            "--arbeidsmarktregio",
            "AM05",
            "--rol",
            "redacteur",
        ],
    );
    let key = account_command(&config, &["sleutel", "--email", "redactie@enschede.nl"]);
    let http = reqwest::Client::new();

    // A record written through one: on the other's API, its page, its lists and its search.
    let res = http
        .post(format!("{}/api/v1/personen", one.address))
        .bearer_auth(&key)
        .json(&serde_json::json!({"naam": "Hanneke Tweeservers", "functie": "wethouder", "zichtbaarheid": "openbaar"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let written = Instant::now();
    let id = res.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut slowest = Duration::ZERO;
    for (what, url) in [
        ("API", format!("{}/api/v1/personen/{id}", two.address)),
        ("page", format!("{}/personen/{id}", two.address)),
        ("list", format!("{}/personen", two.address)),
        ("search", format!("{}/zoeken?q=Tweeservers", two.address)),
    ] {
        let took = until(&format!("record on the other server's {what}"), written, || {
            let url = url.clone();
            async move {
                let (status, body) = text(url).await;
                status == 200 && body.contains("Hanneke Tweeservers")
            }
        })
        .await;
        slowest = slowest.max(took);
    }
    assert!(
        slowest <= Duration::from_secs(2),
        "the other server followed after {slowest:?}"
    );

    // A change of the begrippenkader through one: on the other's API and pages.
    let res = http
        .post(format!("{}/api/v1/begrippen", one.address))
        .bearer_auth(&key)
        .json(&serde_json::json!({
            "id": "tweeserverskrapte", "voorkeursterm": "krapte op twee servers",
            "definities": [{"tekst": "Een begrip om twee servers te toetsen.", "perspectief": "beleid",
                            "bron": {"titel": "Test"}}],
            "bovenliggend": ["krapte"], "status": "inBewerking"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let changed = Instant::now();
    let took = until("concept on the other server", changed, || async {
        text(format!("{}/begrippen/tweeserverskrapte", two.address)).await.0 == 200
            && text(format!("{}/api/v1/begrippen?zoek=twee%20servers", two.address))
                .await
                .1
                .contains("tweeserverskrapte")
    })
    .await;
    assert!(
        took <= Duration::from_secs(2),
        "the begrippenkader followed after {took:?}"
    );

    // A session made on one works on the other; the failed-login limit counts on both.
    let login = |server: &Server, password: &'static str| {
        let base = server.address.clone();
        async move {
            let c = crate::inloggen::client();
            let res = c.get(format!("{base}/inloggen")).send().await.unwrap();
            let cookie = crate::inloggen::set_cookie(&res, "samenhang_inlogformulier").unwrap();
            let csrf = crate::inloggen::hidden_csrf(&res.text().await.unwrap());
            c.post(format!("{base}/inloggen"))
                .header("cookie", &cookie)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", "redactie@enschede.nl"),
                    ("wachtwoord", password),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let res = login(&one, crate::helpers::PASSWORD).await;
    assert_eq!(res.status(), 303);
    let session = crate::inloggen::set_cookie(&res, "samenhang_sessie").unwrap();
    let (_, account) = text_as(format!("{}/account", two.address), Some(&session)).await;
    assert!(
        account.contains("Redactie Enschede"),
        "the session of server one works on server two"
    );
    let mut statuses = Vec::new();
    for server in [&one, &two, &one, &two, &one, &two, &one] {
        statuses.push(login(server, "helemaal verkeerd!!").await.status().as_u16());
    }
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 401, 429, 429],
        "five failed logins in all, across both servers"
    );
    // The API key works on both.
    for server in [&one, &two] {
        let res = http
            .get(format!("{}/api/v1/personen", server.address))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
}

/// `/gereed` says 200 while the database serves, and 503 with `Retry-After` (problem+json)
/// soon after the database is gone, while `/health` still answers.
#[tokio::test]
async fn readiness_follows_the_database() {
    for backend in backends() {
        let app = crate::helpers::TestApp::spawn(backend).await;
        let ready = app.get_json("/gereed", 200).await;
        assert_eq!(ready["status"], "gereed", "{backend:?}");
        let Some(url) = app.config.database_url.clone() else {
            continue; // SQLite is a file of the server's own; it cannot be taken away from it.
        };
        let admin = std::env::var("SAMENHANG_TEST_POSTGRES_URL").unwrap();
        samenhang_store::postgres::drop_database(&admin, &url).await.unwrap();
        let asked = Instant::now();
        let res = app.get("/gereed").await;
        let took = asked.elapsed();
        assert_eq!(res.status(), 503, "{backend:?}");
        assert_eq!(res.headers()["retry-after"], "5");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: serde_json::Value = res.json().await.unwrap();
        assert!(
            problem["detail"].as_str().unwrap().starts_with("De database "),
            "{problem}"
        );
        // Not the pool's 30 s wait: a probe gets its answer.
        assert!(took < Duration::from_secs(15), "{took:?}");
        app.get_json("/health", 200).await;
    }
}
