// SPDX-License-Identifier: EUPL-1.2
//! Backup and restore (issue 17) on SQLite and PostgreSQL and from each to the other: a backup
//! taken while writers keep writing is whole and consistent; restored into an empty database of
//! either backend it serves the same records, versions, audit log and API keys; a database that
//! holds data is refused unless replaced, and then kept as a restore point; a damaged file is
//! refused before anything is written.

use serde_json::{json, Value};

use crate::helpers::{backends, fresh_config, snapshot_dir, TestApp};

/// The checked summary of the backup file at `path`.
fn check(path: &std::path::Path) -> samenhang_registers::backup::Summary {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    samenhang_app::backup::check(file).unwrap()
}

/// The rows per table of a backup.
fn rows(s: &samenhang_registers::backup::Summary) -> Vec<(String, u64)> {
    s.manifest.tabellen.iter().map(|t| (t.naam.clone(), t.rijen)).collect()
}

/// Every record of a register the key may see, by id, without the fields that name the time
/// of reading.
async fn records(app: &TestApp, key: &str, collection: &str) -> Vec<Value> {
    let page = app
        .get_as(Some(key), &format!("/api/v1/{collection}?paginaGrootte=100"), 200)
        .await;
    let mut out: Vec<Value> = page[collection].as_array().unwrap().clone();
    out.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    out
}

#[tokio::test]
async fn a_backup_taken_while_writing_restores_on_either_backend_and_a_damaged_one_writes_nothing() {
    for from in backends() {
        let app = TestApp::spawn(from).await;
        let e = crate::web::enschede_beheerder(&app).await;
        let person = app
            .post_as(
                &e.key,
                "/api/v1/personen",
                &json!({"naam": "Anna Wethouder", "functie": "wethouder", "zichtbaarheid": "regio"}),
                201,
            )
            .await;
        let id = person["id"].as_str().unwrap().to_string();
        // A second version, so that the history travels too.
        let v2 = app
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/personen/{id}"),
                Some(&e.key),
                Some(
                    &json!({"naam": "Anna Wethouder", "functie": "wethouder", "portefeuille": "Werk en inkomen",
                             "zichtbaarheid": "regio"}),
                ),
                Some("\"1\""),
            )
            .await;
        assert_eq!(v2.status(), 200, "{from:?}");

        // Writers keep writing while the backup runs.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("samenhang.backup");
        let writer = {
            let (address, key) = (app.address.clone(), e.key.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut ok = 0;
                for i in 0..20 {
                    let res = client
                        .post(format!("{address}/api/v1/personen"))
                        .bearer_auth(&key)
                        .json(&json!({"naam": format!("Schrijver {i}"), "functie": "overig"}))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(res.status(), 201);
                    ok += 1;
                }
                ok
            })
        };
        let mut out = Vec::new();
        samenhang::backup(&app.config, &file, &mut out).await.unwrap();
        assert_eq!(
            writer.await.unwrap(),
            20,
            "{from:?}: no writer failed during the backup"
        );
        let summary = check(&file);
        assert!(
            !dir.path().join("samenhang.backup.deels").exists(),
            "no partial file left"
        );
        let name = match from {
            crate::helpers::Backend::Sqlite => "sqlite",
            crate::helpers::Backend::Postgres => "postgres",
        };
        assert_eq!(summary.header.bron, name, "{from:?}");
        assert!(String::from_utf8(out).unwrap().starts_with("backup geschreven naar"));
        // The record and both its versions are in it.
        let count = |t: &str| summary.manifest.tabellen.iter().find(|x| x.naam == t).unwrap().rijen;
        assert!(count("item") >= 1 && count("item_versie") >= 2, "{from:?}");
        let before = records(&app, &e.key, "personen").await;
        assert!(before.len() > 1);

        for to in backends() {
            let (config, tmp) = fresh_config(to, snapshot_dir()).await;
            let mut out = Vec::new();
            samenhang::restore(&config, &file, false, &mut out).await.unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.starts_with("hersteld in"), "{from:?} → {to:?}: {text}");
            // Restoring again without --vervang is refused, and changes nothing.
            let refused = samenhang::restore(&config, &file, false, &mut Vec::new())
                .await
                .unwrap_err();
            assert!(refused.to_string().contains("niet leeg"), "{refused}");
            // With --vervang: what was there is kept as a restore point first.
            let mut out = Vec::new();
            samenhang::restore(&config, &file, true, &mut out).await.unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("herstelpunt"), "{text}");
            let point = std::fs::read_dir(&config.data_dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.to_string_lossy().contains("herstelpunt-"))
                .expect("restore point");
            assert_eq!(
                rows(&check(&point)),
                rows(&summary),
                "{from:?} → {to:?}: the restore point"
            );
            // A backup of the restored database holds as many rows in every table.
            let again = tmp.path().join("opnieuw.backup");
            samenhang::backup(&config, &again, &mut Vec::new()).await.unwrap();
            assert_eq!(rows(&check(&again)), rows(&summary), "{from:?} → {to:?}");

            let restored = TestApp::on(to, config, tmp).await;
            let after = records(&restored, &e.key, "personen").await;
            let person = |list: &[Value]| list.iter().find(|p| p["id"] == id.as_str()).cloned().unwrap();
            let (a, b) = (person(&before), person(&after));
            assert_eq!(b["versie"], 2, "{from:?} → {to:?}");
            assert_eq!(a["portefeuille"], b["portefeuille"]);
            assert_eq!(a["naam"], b["naam"]);
            // Every record in the backup is one the source served afterwards, whole (the
            // writers' records may all have come after the backup's picture was taken).
            assert!(!after.is_empty(), "{from:?} → {to:?}");
            for p in &after {
                let same = before
                    .iter()
                    .find(|b| b["id"] == p["id"])
                    .expect("a record of the source");
                assert_eq!(
                    (&same["naam"], &same["versie"]),
                    (&p["naam"], &p["versie"]),
                    "{from:?} → {to:?}"
                );
            }
            let log = restored
                .get_as(Some(&e.key), "/api/v1/auditlog?paginaGrootte=100", 200)
                .await;
            assert!(log.to_string().contains("Anna Wethouder"), "{from:?} → {to:?}");
            // And a new record gets a fresh audit number after the restored ones.
            restored
                .post_as(
                    &e.key,
                    "/api/v1/personen",
                    &json!({"naam": "Na het herstel", "functie": "overig"}),
                    201,
                )
                .await;
        }

        // A damaged file: refused before anything is written.
        let text = std::fs::read_to_string(&file).unwrap();
        let damaged = dir.path().join("beschadigd.backup");
        std::fs::write(&damaged, text.replacen("Anna Wethouder", "Anna Wethouders", 1)).unwrap();
        let (config, _tmp) = fresh_config(from, snapshot_dir()).await;
        let refused = samenhang::restore(&config, &damaged, false, &mut Vec::new())
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("controlesom klopt niet"), "{refused}");
        let store = samenhang_store::connect(&config.database_url()).await.unwrap();
        assert!(
            samenhang_store::BackupStore::is_empty(store.as_ref()).await.unwrap(),
            "{from:?}"
        );
        let cut = dir.path().join("afgebroken.backup");
        std::fs::write(&cut, &text.as_bytes()[..text.len() / 2]).unwrap();
        let refused = samenhang::restore(&config, &cut, false, &mut Vec::new())
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("regel"), "{refused}");
        assert!(samenhang_store::BackupStore::is_empty(store.as_ref()).await.unwrap());
    }
}

#[tokio::test]
async fn a_backup_of_a_database_that_is_not_there_creates_nothing() {
    let (config, tmp) = fresh_config(crate::helpers::Backend::Sqlite, snapshot_dir()).await;
    let file = tmp.path().join("niets.backup");
    let e = samenhang::backup(&config, &file, &mut Vec::new()).await.unwrap_err();
    assert!(format!("{e:#}").contains("er is geen database"), "{e:#}");
    assert!(!file.exists() && !config.data_dir.join("samenhang.db").exists());
}

#[test]
fn every_table_of_the_migrations_is_in_the_backup() {
    let mut created = std::collections::BTreeSet::new();
    let mut dropped = std::collections::BTreeSet::new();
    for backend in ["sqlite", "postgres"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../store/migrations")
            .join(backend);
        for entry in std::fs::read_dir(dir).unwrap() {
            let sql = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for (marker, set) in [("CREATE TABLE ", &mut created), ("DROP TABLE ", &mut dropped)] {
                for part in sql.split(marker).skip(1) {
                    let name: String = part
                        .trim_start_matches("IF NOT EXISTS ")
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    set.insert(name);
                }
            }
        }
    }
    let tables: std::collections::BTreeSet<String> = created.difference(&dropped).cloned().collect();
    let listed: std::collections::BTreeSet<String> = samenhang_store::backup::TABLES
        .iter()
        .chain(samenhang_store::backup::NOT_BACKED_UP)
        .map(|t| t.to_string())
        .collect();
    assert_eq!(tables, listed);
}

/// What may differ between two installations holding the same data: their address, the
/// session's form tokens, and the name of the backend.
fn normalised(text: &str, address: &str) -> String {
    let mut out = text.replace(address, "ADRES");
    for marker in ["name=\"csrf\" value=\"", "\"csrf\":\""] {
        let mut from = 0;
        while let Some(at) = out[from..].find(marker) {
            let start = from + at + marker.len();
            let end = start + out[start..].find('"').unwrap_or(0);
            out.replace_range(start..end, "TOKEN");
            from = start;
        }
    }
    out
}

/// Asserts two bodies equal; on a difference, shows where they part.
fn same(a: &str, b: &str, what: &str) {
    if a == b {
        return;
    }
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let around = |t: &str| {
        let start = t.floor_char_boundary(at.saturating_sub(150));
        let end = t.ceil_char_boundary((at + 250).min(t.len()));
        t[start..end].to_string()
    };
    panic!(
        "{what}: differs at byte {at} of {} and {}:\n  source: …{}…\n  target: …{}…",
        a.len(),
        b.len(),
        around(a),
        around(b)
    );
}

/// The same-site links of a page, without fragments, queries and the logout.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .filter(|h| h.starts_with('/') && !h.starts_with("//") && !h.contains('?'))
        .filter(|h| h != "/uitloggen" && !h.starts_with("/static") && !h.starts_with("/inloggen/oidc"))
        .collect()
}

/// GET `path` on `app` (with a session cookie or an API key); status, content type and the
/// normalised body.
async fn fetch(app: &TestApp, path: &str, cookie: Option<&str>, key: Option<&str>) -> (u16, String, String) {
    let mut req = crate::inloggen::client().get(format!("{}{path}", app.address));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, kind, normalised(&res.text().await.unwrap(), &app.address))
}

/// Every listing of the API (each GET of the OpenAPI document without a path parameter, as a
/// beheerder) and the pages reachable from the home page (anonymously and logged in; up to eight
/// of each section, so every kind of page) of a
/// server with the example data, after a backup and a restore into the other backend, equal
/// those of the source.
#[tokio::test]
async fn an_installation_with_example_data_restored_on_the_other_backend_serves_the_same_listings_and_pages() {
    use crate::helpers::Backend;
    for from in backends() {
        let to = match (from, backends().len()) {
            (Backend::Sqlite, 2) => Backend::Postgres,
            _ => Backend::Sqlite,
        };
        let source = TestApp::with_examples(from).await;
        let e = crate::web::enschede_beheerder(&source).await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("voorbeeld.backup");
        samenhang::backup(&source.config, &file, &mut Vec::new()).await.unwrap();
        let (config, tmp) = fresh_config(to, snapshot_dir()).await;
        samenhang::restore(&config, &file, false, &mut Vec::new())
            .await
            .unwrap();
        let target = TestApp::on(to, config, tmp).await;
        let context = format!("{from:?} → {to:?}");

        // The API's listings, as a beheerder.
        let doc = source.get_json("/api/v1/openapi.json", 200).await;
        let mut listings: Vec<String> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(path, ops)| ops.get("get").is_some() && !path.contains('{'))
            .filter(|(path, _)| !path.ends_with("/openapi.json") && !path.ends_with("/openapi.yaml"))
            .filter(|(_, ops)| {
                // Only those that need no query parameter.
                ops["get"]["parameters"]
                    .as_array()
                    .is_none_or(|ps| !ps.iter().any(|p| p["required"] == true && p["in"] == "query"))
            })
            .map(|(path, _)| path.clone())
            .collect();
        listings.sort();
        assert!(listings.len() >= 20, "{context}: {listings:?}");
        let mut compared = 0;
        for path in &listings {
            let a = fetch(&source, path, None, Some(&e.key)).await;
            let b = fetch(&target, path, None, Some(&e.key)).await;
            assert_eq!((a.0, &a.1), (b.0, &b.1), "{context}: GET {path}");
            same(&a.2, &b.2, &format!("{context}: GET {path}"));
            compared += usize::from(a.0 == 200);
        }
        assert!(compared >= 15, "{context}: {compared} listings answered 200");

        // Every page reachable from the home page, anonymously and logged in.
        let sessions = [
            (None, None),
            (
                Some(crate::inloggen::log_in(&source, &e).await.0),
                Some(crate::inloggen::log_in(&target, &e).await.0),
            ),
        ];
        for (one, two) in &sessions {
            let mut seen = std::collections::BTreeSet::from(["/".to_string()]);
            let mut queue = std::collections::VecDeque::from(["/".to_string()]);
            let mut per_section = std::collections::BTreeMap::<String, usize>::new();
            let mut pages = 0;
            while let Some(path) = queue.pop_front() {
                let a = fetch(&source, &path, one.as_deref(), None).await;
                let b = fetch(&target, &path, two.as_deref(), None).await;
                assert_eq!(a.0, b.0, "{context}: status of {path}");
                same(&a.2, &b.2, &format!("{context}: page {path}"));
                if a.1.starts_with("text/html") {
                    pages += 1;
                    for link in links(&a.2) {
                        // Every kind of page: at most eight of each first path segment (eight
                        // gemeenten, eight begrippen, …), all of them compared.
                        let section = link.split('/').nth(1).unwrap_or_default().to_string();
                        if per_section.get(&section).copied().unwrap_or(0) < 8 && seen.insert(link.clone()) {
                            *per_section.entry(section).or_insert(0) += 1;
                            queue.push_back(link);
                        }
                    }
                }
            }
            assert!(pages >= 50, "{context}: {pages} pages compared");
            println!(
                "{context}: {compared} listings and {pages} pages in {} sections equal ({})",
                per_section.len(),
                if one.is_some() { "ingelogd" } else { "anoniem" }
            );
        }
    }
}
