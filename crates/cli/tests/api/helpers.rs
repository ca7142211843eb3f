// SPDX-License-Identifier: EUPL-1.2
//! `TestApp`: the server on a random port with a fresh database, the way `samenhang serve`
//! starts it (same `open_store`, same router).

use std::path::PathBuf;

use samenhang::Config;
use serde_json::Value;

/// Which database a test app runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub client: reqwest::Client,
    pub config: Config,
    _dir: tempfile::TempDir,
}

/// The project's shipped snapshot.
pub fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A snapshot directory `dir/snapshot` with a copy of the shipped region sources only (no yearly
/// "Gebieden in Nederland", no CBS tables): for tests that change one part of a snapshot.
pub fn snapshot_with_region_sources(dir: &std::path::Path) -> PathBuf {
    use samenhang_statline::regions;
    let snap = dir.join("snapshot");
    for rel in [
        regions::CODE_LIST,
        regions::AM_CODE_LIST,
        regions::LAST_YEAR_CLASSIFICATION,
        regions::DATED_CLASSIFICATION,
        regions::REORGANISATIONS,
    ] {
        std::fs::create_dir_all(snap.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(snapshot_dir().join(rel), snap.join(rel)).unwrap();
    }
    snap
}

/// The backends to test on: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    if std::env::var("SAMENHANG_TEST_POSTGRES_URL").is_ok() {
        out.push(Backend::Postgres);
    }
    out
}

/// A configuration with a fresh, empty database on `backend`. Only the region registry is
/// loaded on start; [`TestApp::with_statistics`] loads the shipped CBS tables too.
pub async fn fresh_config(backend: Backend, snapshot_dir: PathBuf) -> (Config, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => {
            let admin = std::env::var("SAMENHANG_TEST_POSTGRES_URL").expect("postgres url");
            Some(
                samenhang_store::postgres::create_scratch_database(&admin, "samenhang_api")
                    .await
                    .expect("scratch database"),
            )
        }
    };
    let config = Config {
        data_dir: dir.path().join("data"),
        database_url,
        snapshot_dir,
        load_cbs_tables: false,
    };
    (config, dir)
}

impl TestApp {
    /// The server with the region registry only (fast).
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::start(backend, false).await
    }

    /// The server as `samenhang serve` starts it: regions and every shipped CBS table.
    pub async fn with_statistics(backend: Backend) -> TestApp {
        Self::start(backend, true).await
    }

    /// The server as `samenhang serve --voorbeelddata` starts it (with the CBS tables).
    pub async fn with_examples(backend: Backend) -> TestApp {
        Self::start_full(backend, true, false, true).await
    }

    /// The server with editing of the begrippenkader switched on (`--lokaal-schrijven`).
    pub async fn with_local_writes(backend: Backend) -> TestApp {
        Self::start_with(backend, false, true).await
    }

    async fn start(backend: Backend, load_cbs_tables: bool) -> TestApp {
        Self::start_with(backend, load_cbs_tables, false).await
    }

    async fn start_with(backend: Backend, load_cbs_tables: bool, local_writes: bool) -> TestApp {
        Self::start_full(backend, load_cbs_tables, local_writes, false).await
    }

    /// The server with these limits (connections, timeouts, body size).
    pub async fn with_limits(backend: Backend, limits: samenhang_server::Limits) -> TestApp {
        Self::start_limited(backend, false, false, false, limits).await
    }

    async fn start_full(backend: Backend, load_cbs_tables: bool, local_writes: bool, examples: bool) -> TestApp {
        Self::start_limited(
            backend,
            load_cbs_tables,
            local_writes,
            examples,
            samenhang_server::Limits::default(),
        )
        .await
    }

    async fn start_limited(
        backend: Backend,
        load_cbs_tables: bool,
        local_writes: bool,
        examples: bool,
        limits: samenhang_server::Limits,
    ) -> TestApp {
        let (mut config, dir) = fresh_config(backend, snapshot_dir()).await;
        config.load_cbs_tables = load_cbs_tables;
        let app = samenhang::app(&config)
            .await
            .expect("store opens, loads and builds its views")
            .with_local_writes(local_writes);
        if examples {
            let n = samenhang::load_examples(&config, &app)
                .await
                .expect("example data loads");
            assert!(n > 20, "{n} example records");
            // Loading twice adds nothing.
            assert_eq!(samenhang::load_examples(&config, &app).await.expect("again"), 0);
        }
        Self::serve(backend, app, config, dir, limits).await
    }

    /// The server with these OpenID Connect providers to log in with.
    pub async fn with_oidc(backend: Backend, providers: samenhang_oidc::Registry) -> TestApp {
        let (config, dir) = fresh_config(backend, snapshot_dir()).await;
        let app = samenhang::app(&config).await.expect("store opens").with_oidc(providers);
        Self::serve(backend, app, config, dir, samenhang_server::Limits::default()).await
    }

    /// A server on a database that already holds its data (a restored backup), as
    /// `samenhang serve` starts it; the database and its directory stay `config`'s and `dir`'s.
    pub async fn on(backend: Backend, config: Config, dir: tempfile::TempDir) -> TestApp {
        let app = samenhang::app(&config).await.expect("the restored store opens");
        Self::serve(backend, app, config, dir, samenhang_server::Limits::default()).await
    }

    async fn serve(
        backend: Backend,
        app: samenhang_app::App,
        config: Config,
        dir: tempfile::TempDir,
        limits: samenhang_server::Limits,
    ) -> TestApp {
        let web = samenhang::web(&config, &samenhang::Theme::default()).expect("map shapes");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        app.set_public_url(&address);
        let router = samenhang_server::app(app.clone(), web, &limits);
        tokio::spawn(samenhang_server::serve(listener, router, limits));
        TestApp {
            address,
            backend,
            client: reqwest::Client::new(),
            config,
            _dir: dir,
        }
    }

    /// All apps a test should run against (regions only).
    pub async fn all() -> Vec<TestApp> {
        let mut apps = Vec::new();
        for b in backends() {
            apps.push(TestApp::spawn(b).await);
        }
        apps
    }

    /// All apps a test should run against, with the shipped CBS tables.
    pub async fn all_with_statistics() -> Vec<TestApp> {
        let mut apps = Vec::new();
        for b in backends() {
            apps.push(TestApp::with_statistics(b).await);
        }
        apps
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .expect("request")
    }

    /// GETs `path`, asserts the status, and returns the JSON body.
    pub async fn get_json(&self, path: &str, status: u16) -> Value {
        let res = self.get(path).await;
        assert_eq!(res.status().as_u16(), status, "{:?} GET {path}", self.backend);
        res.json().await.expect("json body")
    }
}

/// A user made for a test, with an API key.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub password: String,
    pub key: String,
}

/// A password long enough for the rules.
pub const PASSWORD: &str = "correct paard batterij";

impl TestApp {
    /// The app's database, opened a second time (as `samenhang gebruiker …` does).
    /// The mails the server wrote to its outbox folder (no SMTP server in tests), oldest first.
    pub fn mails(&self) -> Vec<String> {
        let dir = self.config.data_dir.join(samenhang::mail::OUTBOX_DIR);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("mail"))
            .collect()
    }

    pub async fn store(&self) -> std::sync::Arc<dyn samenhang_store::Store> {
        samenhang::open_store(&self.config).await.expect("store")
    }

    /// Creates a user with `role` in organisation `org` (made when missing, as a gemeente in
    /// arbeidsmarktregio `region`), and an API key for them.
    pub async fn account(&self, email: &str, org: &str, region: Option<&str>, role: &str) -> Account {
        let store = self.store().await;
        let id = samenhang::accounts::add_user(
            store.as_ref(),
            &samenhang::accounts::NewAccount {
                email: email.into(),
                name: email.split('@').next().unwrap_or(email).into(),
                password: PASSWORD.into(),
                organisation: org.into(),
                organisation_name: Some(format!("Organisatie {org}")),
                kind: samenhang_domain::access::OrganisationKind::Municipality,
                region: region.map(|r| r.parse().expect("AM code")),
                role: samenhang_domain::access::Role::parse(role).expect("role"),
            },
        )
        .await
        .expect("account");
        let key = samenhang::accounts::new_api_key(store.as_ref(), email, "test")
            .await
            .expect("key");
        Account {
            id,
            email: email.into(),
            password: PASSWORD.into(),
            key,
        }
    }

    /// Sends a request with an optional API key, JSON body and If-Match.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
        if_match: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self.client.request(method, format!("{}{}", self.address, path));
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        if let Some(m) = if_match {
            req = req.header("if-match", m);
        }
        req.send().await.expect("request")
    }

    /// GETs `path` with an API key, asserts the status, returns the JSON body.
    pub async fn get_as(&self, key: Option<&str>, path: &str, status: u16) -> Value {
        let res = self.send(reqwest::Method::GET, path, key, None, None).await;
        assert_eq!(res.status().as_u16(), status, "{:?} GET {path}", self.backend);
        res.json().await.expect("json body")
    }

    /// POSTs JSON with an API key, asserts the status, returns the JSON body (or Null).
    pub async fn post_as(&self, key: &str, path: &str, body: &Value, status: u16) -> Value {
        let res = self
            .send(reqwest::Method::POST, path, Some(key), Some(body), None)
            .await;
        let got = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        assert_eq!(got, status, "{:?} POST {path}: {text}", self.backend);
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}
