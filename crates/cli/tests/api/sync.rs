// SPDX-License-Identifier: EUPL-1.2
//! `samenhang sync` against a real local HTTP server that replays the recorded CBS responses of
//! 85224NED, paging the recorded observations the way CBS does (`$skip`, `@odata.nextLink`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use samenhang::import::{sync_tables, Outcome};
use samenhang_statline::sync::{Silent, SyncOptions};
use serde_json::Value;

use crate::helpers::{snapshot_dir, Backend, TestApp};

const TABLE: &str = "85224NED";
const PAGE: usize = 1000;

#[derive(Clone)]
struct Replay {
    dir: PathBuf,
    base: Arc<Mutex<String>>,
    log: Arc<Mutex<Vec<String>>>,
    fail_once: Arc<AtomicBool>,
    broken: Arc<AtomicBool>,
}

async fn resource(
    State(r): State<Replay>,
    Path((table, resource)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let skip: usize = q.get("$skip").and_then(|s| s.parse().ok()).unwrap_or(0);
    r.log.lock().unwrap().push(format!("{resource}?skip={skip}"));
    if table != TABLE {
        return (StatusCode::NOT_FOUND, "niet gevonden").into_response();
    }
    let file = match resource.as_str() {
        "Properties" => "properties.json".to_string(),
        "Dimensions" => "dimensions.json".to_string(),
        "MeasureCodes" => "measure-codes.json".to_string(),
        "Observations" => {
            if skip >= 2 * PAGE && r.broken.load(Ordering::SeqCst) {
                return (StatusCode::INTERNAL_SERVER_ERROR, "storing").into_response();
            }
            if skip == 2 * PAGE && r.fail_once.swap(false, Ordering::SeqCst) {
                return (StatusCode::SERVICE_UNAVAILABLE, "even niet").into_response();
            }
            let recorded: Value =
                serde_json::from_slice(&std::fs::read(r.dir.join("observations-page-1.json")).unwrap()).unwrap();
            let rows = recorded["value"].as_array().unwrap();
            let mut page = serde_json::json!({
                "@odata.context": recorded["@odata.context"],
                "value": rows[skip.min(rows.len())..(skip + PAGE).min(rows.len())],
            });
            if skip + PAGE < rows.len() {
                let base = r.base.lock().unwrap().clone();
                page["@odata.nextLink"] = format!("{base}/{TABLE}/Observations?$skip={}", skip + PAGE).into();
            }
            return ([("content-type", "application/json")], page.to_string()).into_response();
        }
        other if other.ends_with("Codes") => format!("codes-{}.json", other.trim_end_matches("Codes")),
        _ => return (StatusCode::NOT_FOUND, "niet gevonden").into_response(),
    };
    match std::fs::read(r.dir.join(file)) {
        Ok(bytes) => ([("content-type", "application/json")], bytes).into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "niet gevonden").into_response(),
    }
}

async fn replay_server() -> (String, Replay) {
    let replay = Replay {
        dir: snapshot_dir().join("cbs").join(TABLE),
        base: Arc::new(Mutex::new(String::new())),
        log: Arc::new(Mutex::new(Vec::new())),
        fail_once: Arc::new(AtomicBool::new(false)),
        broken: Arc::new(AtomicBool::new(false)),
    };
    let app = Router::new()
        .route("/{table}/{resource}", axum::routing::get(resource))
        .with_state(replay.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    *replay.base.lock().unwrap() = base.clone();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, replay)
}

fn options(base: &str) -> SyncOptions {
    SyncOptions {
        base_url: base.to_string(),
        filter: None,
        attempts: 3,
        backoff: Duration::from_millis(10),
    }
}

/// Syncs `table` from the replay server at `base` into the app's store, quietly.
async fn sync(
    app: &TestApp,
    store: &dyn samenhang_store::Store,
    base: &str,
    table: &str,
) -> anyhow::Result<Vec<(String, Outcome)>> {
    sync_tables(
        store,
        &[table.to_string()],
        &app.config.data_dir,
        &snapshot_dir(),
        &options(base),
        &mut Silent,
    )
    .await
}

#[tokio::test]
async fn sync_follows_paging_and_retries() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    let (base, replay) = replay_server().await;
    replay.fail_once.store(true, Ordering::SeqCst);
    let done = sync(&app, store.as_ref(), &base, TABLE).await.unwrap();
    assert_eq!(
        done,
        vec![(TABLE.to_string(), Outcome::Imported { observations: 4046 })]
    );
    let log = replay.log.lock().unwrap().clone();
    let observation_requests: Vec<&String> = log.iter().filter(|l| l.starts_with("Observations")).collect();
    // Five pages, one of which was refused once and fetched again.
    assert_eq!(observation_requests.len(), 6, "{log:?}");
    // The fetched table holds the same figures as the recorded capture.
    let fetched = store
        .observations(TABLE, "M001906", "SeizoenEnWerkdagcorrectie=A042501")
        .await
        .unwrap();
    assert!(fetched
        .iter()
        .any(|o| o.period.to_string() == "2020JJ00" && o.value.is_some()));
    // Syncing again fetches nothing new and changes nothing.
    let again = sync(&app, store.as_ref(), &base, TABLE).await.unwrap();
    assert_eq!(again[0].1, Outcome::Unchanged);
}

#[tokio::test]
async fn an_interrupted_sync_resumes_where_it_stopped() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    let (base, replay) = replay_server().await;
    replay.broken.store(true, Ordering::SeqCst);
    let err = sync(&app, store.as_ref(), &base, TABLE).await.unwrap_err();
    assert!(format!("{err:#}").contains("mislukt na 3 pogingen"), "{err:#}");
    assert!(
        store.dataset(TABLE).await.unwrap().is_none(),
        "a partial table was imported"
    );

    replay.broken.store(false, Ordering::SeqCst);
    replay.log.lock().unwrap().clear();
    let done = sync(&app, store.as_ref(), &base, TABLE).await.unwrap();
    assert_eq!(done[0].1, Outcome::Imported { observations: 4046 });
    let log = replay.log.lock().unwrap().clone();
    assert!(
        !log.iter()
            .any(|l| l == "Observations?skip=0" || l == "Observations?skip=1000"),
        "{log:?}"
    );
    assert!(
        !log.iter().any(|l| l.starts_with("Properties")),
        "metadata fetched again: {log:?}"
    );

    // A table that does not exist is a clear error, not a retry loop.
    let err = sync(&app, store.as_ref(), &base, "00000XXX").await.unwrap_err();
    assert!(format!("{err:#}").contains("HTTP 404"), "{err:#}");
}
