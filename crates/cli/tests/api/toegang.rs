// SPDX-License-Identifier: EUPL-1.2
//! Access: deny by default, visibility on every record, through every endpoint of the OpenAPI
//! document. Organisation B (Hengelo, Twente) stores people, goals and agendas at every
//! visibility, each with a marker in its text; then every GET in the document is called as a
//! user of A (Enschede, also Twente), of C (Utrecht, another region) and anonymously, and every
//! write anonymously, and the answers are searched for the markers.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{Account, TestApp};

/// B's records: (visibility, kind path, id).
struct Fixture {
    a: Account,
    b: Account,
    c: Account,
    records: Vec<(&'static str, &'static str, String)>,
}

async fn fixture(app: &TestApp) -> Fixture {
    let a = app
        .account("alice@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
        .await;
    let b = app
        .account("bob@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
        .await;
    let c = app
        .account("carla@utrecht.nl", "gemeente-utrecht", Some("AM20"), "beheerder")
        .await;
    let mut records = Vec::new();
    for vis in ["openbaar", "regio", "organisatie"] {
        let marker = format!("MARKER-{vis}");
        let p = app
            .post_as(
                &b.key,
                "/api/v1/personen",
                &json!({"zichtbaarheid": vis, "naam": format!("{marker} persoon"), "functie": "wethouder",
                        "portefeuille": format!("{marker} portefeuille"), "themas": ["werkloosheid"]}),
                201,
            )
            .await;
        let person = p["id"].as_str().unwrap().to_string();
        let d = app
            .post_as(
                &b.key,
                "/api/v1/doelen",
                &json!({"zichtbaarheid": vis, "titel": format!("{marker} doel"), "themas": ["werkloosheid"],
                        "eigenaar": person, "gebied": "GM0164", "indicator": "inwoners",
                        "basisjaar": 2020, "basiswaarde": 86000, "streefjaar": 2030, "streefwaarde": 90000}),
                201,
            )
            .await;
        let goal = d["id"].as_str().unwrap().to_string();
        let g = app
            .post_as(
                &b.key,
                "/api/v1/agendas",
                &json!({"zichtbaarheid": vis, "titel": format!("{marker} agenda"), "doelen": [goal]}),
                201,
            )
            .await;
        records.push((vis, "personen", person));
        records.push((vis, "doelen", goal));
        records.push((vis, "agendas", g["id"].as_str().unwrap().to_string()));
    }
    Fixture { a, b, c, records }
}

/// Fills a path template: ids of B's records for the register resources, examples elsewhere.
fn fill(path: &str, op: &Value, id: &str) -> String {
    let mut out = path.to_string();
    for p in op["parameters"].as_array().into_iter().flatten() {
        if p["in"] != "path" {
            continue;
        }
        let name = p["name"].as_str().unwrap();
        let value = match name {
            "id" if ["/personen/", "/doelen/", "/agendas/"]
                .iter()
                .any(|k| path.starts_with(k)) =>
            {
                id.to_string()
            }
            "organisatie" => "gemeente-hengelo".to_string(),
            _ => p["example"]
                .as_str()
                .map(str::to_string)
                .or_else(|| p["schema"]["example"].as_str().map(str::to_string))
                .unwrap_or_else(|| "x".into()),
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

#[tokio::test]
async fn no_endpoint_shows_a_record_to_someone_who_may_not_see_it() {
    for app in TestApp::all().await {
        let f = fixture(&app).await;
        let doc = app.get_json("/api/v1/openapi.json", 200).await;
        let paths = doc["paths"].as_object().unwrap();
        let mut gets = 0;
        for (template, item) in paths {
            let Some(op) = item.get("get") else { continue };
            // Every GET once per record of B, so each {id} is tried with each visibility.
            for (_, _, id) in &f.records {
                let mut path = format!("/api/v1{}", fill(template, op, id));
                if !template.contains('{') {
                    path.push_str("?paginaGrootte=100");
                }
                for (who, key, hidden) in [
                    ("anoniem", None, &["MARKER-regio", "MARKER-organisatie"][..]),
                    ("A (zelfde regio)", Some(f.a.key.as_str()), &["MARKER-organisatie"][..]),
                    (
                        "C (andere regio)",
                        Some(f.c.key.as_str()),
                        &["MARKER-regio", "MARKER-organisatie"][..],
                    ),
                ] {
                    let res = app.send(Method::GET, &path, key, None, None).await;
                    let status = res.status().as_u16();
                    let body = res.text().await.unwrap();
                    for marker in hidden {
                        assert!(
                            !body.contains(marker),
                            "{:?}: {who} read {marker} via GET {path} ({status})",
                            app.backend
                        );
                    }
                    // The unfiltered list would fail with 400 on paginaGrootte where a list has
                    // no paging; every GET must answer, never 5xx.
                    assert!(status < 500, "{:?}: GET {path} gave {status}", app.backend);
                }
                gets += 1;
                if !template.contains('{') {
                    break;
                }
            }
        }
        assert!(gets > 30, "the document lists the endpoints ({gets} GETs tried)");

        // And what they may see, they do see: the checks above are not vacuous.
        let list = app.get_as(Some(&f.a.key), "/api/v1/personen", 200).await.to_string();
        assert!(list.contains("MARKER-regio") && list.contains("MARKER-openbaar"));
        let list = app.get_as(None, "/api/v1/doelen", 200).await.to_string();
        assert!(list.contains("MARKER-openbaar"));
        let own = app.get_as(Some(&f.b.key), "/api/v1/agendas", 200).await;
        assert_eq!(own["paginering"]["totaal"], 3);
        // An agenda lists only the goals its reader may see.
        let public_agenda = &f
            .records
            .iter()
            .find(|r| r.0 == "openbaar" && r.1 == "agendas")
            .unwrap()
            .2;
        let seen = app.get_as(None, &format!("/api/v1/agendas/{public_agenda}"), 200).await;
        assert_eq!(seen["doelen"].as_array().unwrap().len(), 1);
        let private_agenda = &f.records.iter().find(|r| r.0 == "regio" && r.1 == "agendas").unwrap().2;
        let seen = app
            .get_as(Some(&f.c.key), &format!("/api/v1/agendas/{private_agenda}"), 404)
            .await;
        assert_eq!(seen["status"], 404);
    }
}

#[tokio::test]
async fn anonymous_callers_cannot_write_through_any_endpoint() {
    for app in TestApp::all().await {
        let f = fixture(&app).await;
        let before = app
            .get_as(Some(&f.b.key), "/api/v1/auditlog?paginaGrootte=100", 200)
            .await;
        let doc = app.get_json("/api/v1/openapi.json", 200).await;
        let mut writes = 0;
        for (template, item) in doc["paths"].as_object().unwrap() {
            for method in ["post", "put", "patch", "delete"] {
                let Some(op) = item.get(method) else { continue };
                for (_, _, id) in &f.records {
                    let path = format!("/api/v1{}", fill(template, op, id));
                    let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                    let body = json!({"naam": "inbreker", "titel": "inbreker", "functie": "overig"});
                    let res = app.send(m, &path, None, Some(&body), Some("\"1\"")).await;
                    assert_eq!(
                        res.status().as_u16(),
                        401,
                        "{:?}: anonymous {method} {path}",
                        app.backend
                    );
                    assert_eq!(res.headers()["content-type"], "application/problem+json");
                    writes += 1;
                }
            }
        }
        assert!(writes >= 15 * 9, "every write operation was tried ({writes})");
        let after = app
            .get_as(Some(&f.b.key), "/api/v1/auditlog?paginaGrootte=100", 200)
            .await;
        assert_eq!(before, after, "nothing changed");

        // A user of another organisation may read B's regio records but not change them, and
        // cannot even find B's organisatie records.
        for (vis, kind, id) in &f.records {
            let path = format!("/api/v1/{kind}/{id}");
            let res = app
                .send(Method::DELETE, &path, Some(&f.a.key), None, Some("\"1\""))
                .await;
            let expected = match *vis {
                "organisatie" => 404,
                _ => 403,
            };
            assert_eq!(
                res.status().as_u16(),
                expected,
                "{:?}: A deletes {vis} {path}",
                app.backend
            );
        }
        let after = app
            .get_as(Some(&f.b.key), "/api/v1/auditlog?paginaGrootte=100", 200)
            .await;
        assert_eq!(before, after, "nothing changed");
    }
}

#[tokio::test]
async fn a_new_user_sees_only_public_records_until_a_beheerder_grants_a_role() {
    for app in TestApp::all().await {
        let f = fixture(&app).await;
        // Dirk has an account but no role yet: only public records.
        let store = app.store().await;
        let dirk = app.account("dirk@hengelo.nl", "gemeente-hengelo", None, "lezer").await;
        store
            .set_role(
                &dirk.id,
                "gemeente-hengelo",
                None,
                &samenhang_domain::access::UserRef {
                    id: String::new(),
                    name: "test".into(),
                },
            )
            .await
            .unwrap();
        let seen = app.get_as(Some(&dirk.key), "/api/v1/personen", 200).await;
        assert_eq!(seen["paginering"]["totaal"], 1, "{:?}", app.backend);
        let res = app
            .send(
                Method::POST,
                "/api/v1/personen",
                Some(&dirk.key),
                Some(&json!({"naam": "x", "functie": "overig"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 403);

        // Bob (beheerder of Hengelo) makes Dirk a lezer: now he reads Hengelo's records.
        app.post_as(
            &f.b.key,
            "/api/v1/rollen",
            &json!({"email": "dirk@hengelo.nl", "organisatie": "gemeente-hengelo", "rol": "lezer"}),
            201,
        )
        .await;
        let seen = app.get_as(Some(&dirk.key), "/api/v1/personen", 200).await;
        assert_eq!(seen["paginering"]["totaal"], 3);
        // A lezer cannot write.
        let res = app
            .send(
                Method::POST,
                "/api/v1/personen",
                Some(&dirk.key),
                Some(&json!({"naam": "x", "functie": "overig"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 403);

        // Alice is no beheerder of Hengelo: she cannot grant roles there.
        let res = app
            .send(
                Method::POST,
                "/api/v1/rollen",
                Some(&f.a.key),
                Some(&json!({"email": "alice@enschede.nl", "organisatie": "gemeente-hengelo", "rol": "beheerder"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 403);

        // Bob sees Hengelo's roles and the grant in the audit log; Alice sees neither.
        let roles = app.get_as(Some(&f.b.key), "/api/v1/rollen", 200).await;
        let emails: Vec<&str> = roles["rollen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["gebruiker"]["email"].as_str().unwrap())
            .collect();
        assert_eq!(emails, ["bob@hengelo.nl", "dirk@hengelo.nl"]);
        let log = app.get_as(Some(&f.b.key), "/api/v1/auditlog", 200).await;
        assert_eq!(log["regels"][0]["actie"], "rol-toegekend");
        assert_eq!(log["regels"][0]["door"], "bob");
        let log = app.get_as(Some(&f.a.key), "/api/v1/auditlog", 200).await.to_string();
        assert!(!log.contains("dirk"));
        let roles = app.get_as(Some(&f.a.key), "/api/v1/rollen", 200).await.to_string();
        assert!(!roles.contains("dirk"));

        // Bob revokes it again.
        let res = app
            .send(
                Method::DELETE,
                &format!("/api/v1/rollen/gemeente-hengelo/{}", dirk.id),
                Some(&f.b.key),
                None,
                None,
            )
            .await;
        assert_eq!(res.status(), 204);
        let seen = app.get_as(Some(&dirk.key), "/api/v1/personen", 200).await;
        assert_eq!(seen["paginering"]["totaal"], 1);

        // An unknown key is refused, not treated as anonymous.
        let res = app
            .send(Method::GET, "/api/v1/personen", Some("onzin"), None, None)
            .await;
        assert_eq!(res.status(), 401);
    }
}
