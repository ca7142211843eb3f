// SPDX-License-Identifier: EUPL-1.2
//! The region's own figures: a redacteur of Enschede defines an indicator, uploads its figures
//! (all or nothing, faults with line and column), and sees them next to CBS's through the API
//! and on the pages; a user of Hengelo (same arbeidsmarktregio), of Utrecht (another region)
//! and an anonymous visitor see nothing of an indicator marked `organisatie`, on any endpoint or
//! page, until its visibility changes. Parallel uploads queue: each answers, and the stored
//! figures are one whole file.

use reqwest::header::COOKIE;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::inloggen::{client, log_in, page};

const MARKER: &str = "GEHEIM-KLANTEN";

async fn put_csv(app: &TestApp, key: Option<&str>, id: &str, csv: &str) -> (u16, Value) {
    let mut req = app
        .client
        .put(format!("{}/api/v1/eigen-indicatoren/{id}/cijfers", app.address))
        .header("content-type", "text/csv")
        .body(csv.to_string());
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The figures of an own indicator, as the API gives them back.
async fn get_csv(app: &TestApp, key: &str, id: &str) -> String {
    app.client
        .get(format!("{}/api/v1/eigen-indicatoren/{id}/cijfers", app.address))
        .bearer_auth(key)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body")
}

#[tokio::test]
async fn own_figures_are_uploaded_whole_shown_next_to_cbs_and_hidden_from_whom_they_are_not_for() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let red = app
            .account("rian@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let neighbour = app
            .account("henk@hengelo.nl", "gemeente-hengelo", Some("AM05"), "redacteur")
            .await;
        let other = app
            .account("ute@utrecht.nl", "gemeente-utrecht", Some("AM20"), "redacteur")
            .await;
        let created = app
            .post_as(
                &red.key,
                "/api/v1/eigen-indicatoren",
                &json!({"zichtbaarheid": "organisatie", "naam": format!("{MARKER} in begeleiding"),
                        "omschrijving": "Inwoners met een traject naar werk, per 1 januari.",
                        "eenheid": "%", "richting": "lagerIsBeter", "aggregatie": "gewogen",
                        "thema": "arbeid", "bron": "Klantvolgsysteem Werkplein"}),
                201,
            )
            .await;
        let id = created["id"].as_str().unwrap().to_string();
        let indicator = format!("eigen-{id}");

        // A bad file: every fault with line and column, nothing stored.
        let bad = "gebied;periode;waarde\nGM0153;2023;12,5\nGM0153;2024;veel\nAtlantis;2024;3\nEnschede;2023;1\nGM0164;24;9\n";
        let (status, problem) = put_csv(&app, Some(&red.key), &id, bad).await;
        assert_eq!(status, 400, "{be:?}: {problem}");
        let names: Vec<&str> = problem["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "regel 3, kolom waarde",
                "regel 4, kolom gebied",
                "regel 5, kolom gebied",
                "regel 6, kolom periode"
            ],
            "{be:?}: {problem}"
        );
        let text = problem.to_string();
        assert!(
            text.contains("staat ook al op regel 2") && text.contains("Atlantis"),
            "{text}"
        );
        let shown = app
            .get_as(Some(&red.key), &format!("/api/v1/indicatoren/{indicator}"), 200)
            .await;
        assert_eq!(shown["jaren"], json!([]), "{be:?}: nothing of the bad file was stored");
        // A header without the required columns, and a file that is not text.
        let (status, problem) = put_csv(&app, Some(&red.key), &id, "gebied;jaar\nGM0153;2024\n").await;
        assert_eq!(status, 400);
        assert!(problem.to_string().contains("Onbekende kolom 'jaar'"), "{problem}");
        let (status, _) = put_csv(&app, Some(&red.key), &id, "gebied;periode;waarde\n\u{0}\n").await;
        assert_eq!(status, 400);
        // Only a redacteur of the owner uploads; others do not even find it.
        assert_eq!(
            put_csv(&app, None, &id, "gebied;periode;waarde\nGM0153;2024;1\n")
                .await
                .0,
            401
        );
        assert_eq!(
            put_csv(
                &app,
                Some(&neighbour.key),
                &id,
                "gebied;periode;waarde\nGM0153;2024;1\n"
            )
            .await
            .0,
            404
        );

        let good = "gebied;periode;waarde;status\nGM0153;2023;12,5;definitief\nEnschede;2024;11,0;voorlopig\nGM0164;2024;9.5;\nHengelo;2023;10;\n";
        let (status, done) = put_csv(&app, Some(&red.key), &id, good).await;
        assert_eq!(status, 200, "{be:?}: {done}");
        assert_eq!(done["aantal"], 4);
        assert_eq!(done["gebieden"], 2);
        assert_eq!(
            (done["eersteJaar"].as_i64(), done["laatsteJaar"].as_i64()),
            (Some(2023), Some(2024))
        );

        // Next to CBS's: in the list, with its organisation and source, and its values.
        let list = app.get_as(Some(&red.key), "/api/v1/indicatoren", 200).await;
        let own = list["indicatoren"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == indicator.as_str())
            .expect("own indicator listed for its organisation");
        assert_eq!(own["eigen"]["organisatie"]["id"], "gemeente-enschede");
        assert_eq!(own["eigen"]["zichtbaarheid"], "organisatie");
        assert_eq!(own["jaren"], json!([2023, 2024]));
        assert!(list["indicatoren"].as_array().unwrap().len() > 60);
        let values = app
            .get_as(
                Some(&red.key),
                &format!("/api/v1/indicatoren/{indicator}/waarden?gebied=GM0153&periode=2024"),
                200,
            )
            .await;
        assert_eq!(values["waarden"][0]["waarde"], 11.0, "{be:?}: {values}");
        assert!(values["bronvermelding"]["tekst"]
            .as_str()
            .unwrap()
            .starts_with("Bron: Organisatie gemeente-enschede (Klantvolgsysteem Werkplein)"));
        let compared = app
            .get_as(
                Some(&red.key),
                &format!("/api/v1/indicatoren/{indicator}/vergelijking?gebied=GM0153&periode=2024"),
                200,
            )
            .await;
        assert_eq!(compared["waarde"], 11.0, "{be:?}: {compared}");
        let csv = get_csv(&app, &red.key, &id).await;
        assert_eq!(
            csv.trim_start_matches('\u{feff}'),
            "gebied;periode;waarde;status\nGM0153;2023;12,5;definitief\nGM0153;2024;11;voorlopig\nGM0164;2023;10;\nGM0164;2024;9,5;\n"
        );
        let (session, _) = log_in(&app, &red).await;
        let gemeente = page(&app, &session, "/gemeenten/GM0153", 200).await;
        assert!(gemeente.contains(MARKER) && gemeente.contains("eigen cijfers van Organisatie gemeente-enschede"));
        let download = client()
            .get(format!("{}/gemeenten/GM0153/kerncijfers.csv", app.address))
            .header(COOKIE, &session)
            .send()
            .await
            .unwrap();
        assert_eq!(download.headers()["cache-control"], "no-store");
        let download = download.text().await.unwrap();
        assert!(
            download.contains(MARKER) && download.contains(";12,5;"),
            "{be:?}: {download}"
        );
        let ind_page = page(&app, &session, &format!("/indicatoren/{indicator}?gebied=GM0153"), 200).await;
        assert!(
            ind_page.contains("aangeleverd door Organisatie gemeente-enschede"),
            "{be:?}"
        );
        let record = page(&app, &session, &format!("/eigen-indicatoren/{id}"), 200).await;
        assert!(record.contains("Cijfers inlezen") && record.contains("2023 tot en met 2024"));

        // Hidden from Hengelo, Utrecht and anonymous visitors: every endpoint and page.
        let (neighbour_session, _) = log_in(&app, &neighbour).await;
        let (other_session, _) = log_in(&app, &other).await;
        let api_paths = [
            "/api/v1/indicatoren".to_string(),
            format!("/api/v1/indicatoren/{indicator}"),
            format!("/api/v1/indicatoren/{indicator}/waarden"),
            format!("/api/v1/indicatoren/{indicator}/vergelijking?gebied=GM0153"),
            "/api/v1/eigen-indicatoren".to_string(),
            format!("/api/v1/eigen-indicatoren/{id}"),
            format!("/api/v1/eigen-indicatoren/{id}/cijfers"),
            "/api/v1/eigen-indicatoren/_export".to_string(),
        ];
        let pages = [
            "/indicatoren".to_string(),
            format!("/indicatoren/{indicator}"),
            format!("/indicatoren/{indicator}/waarden.csv"),
            "/gemeenten/GM0153".to_string(),
            "/gemeenten/GM0164".to_string(),
            "/gemeenten/GM0153/kerncijfers.csv".to_string(),
            "/arbeidsmarktregios/AM05/kerncijfers.csv".to_string(),
            "/arbeidsmarktregios/AM05".to_string(),
            format!("/arbeidsmarktregios/AM05?indicator={indicator}"),
            "/zoeken?q=in+begeleiding".to_string(),
            "/eigen-indicatoren".to_string(),
            format!("/eigen-indicatoren/{id}"),
            format!("/eigen-indicatoren/{id}/cijfers.csv"),
        ];
        for (who, key, session) in [
            (
                "Hengelo",
                Some(neighbour.key.as_str()),
                Some(neighbour_session.as_str()),
            ),
            ("Utrecht", Some(other.key.as_str()), Some(other_session.as_str())),
            ("anoniem", None, None),
        ] {
            for path in &api_paths {
                let res = app.send(Method::GET, path, key, None, None).await;
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                // A 404 may repeat the id it was asked for; nothing else of the indicator shows.
                let leaked = body.contains(MARKER)
                    || body.contains("Klantvolgsysteem")
                    || (!path.contains(&id) && body.contains(&id));
                assert!(!leaked, "{be:?}: {who} saw it via {path}: {body}");
                assert!(status < 500, "{be:?}: {path} gave {status}");
            }
            for path in &pages {
                let mut req = client().get(format!("{}{path}", app.address));
                if let Some(s) = session {
                    req = req.header(COOKIE, s);
                }
                let res = req.send().await.unwrap();
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                assert!(
                    !body.contains(MARKER) && !body.contains("Klantvolgsysteem"),
                    "{be:?}: {who} saw it on {path}"
                );
                assert!(status < 500, "{be:?}: {path} gave {status}");
            }
        }

        // Visibility regio: Hengelo sees it now (the change reaches the figures at once),
        // Utrecht still does not.
        let mut changed = created.clone();
        for k in [
            "id",
            "organisatie",
            "versie",
            "gewijzigdOp",
            "gewijzigdDoor",
            "_links",
            "themas",
        ] {
            changed.as_object_mut().unwrap().remove(k);
        }
        changed["zichtbaarheid"] = json!("regio");
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/eigen-indicatoren/{id}"),
                Some(&red.key),
                Some(&changed),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 200, "{be:?}: {}", res.text().await.unwrap());
        let seen = app
            .get_as(Some(&neighbour.key), &format!("/api/v1/indicatoren/{indicator}"), 200)
            .await;
        assert_eq!(seen["eigen"]["zichtbaarheid"], "regio");
        let hengelo = page(&app, &neighbour_session, "/gemeenten/GM0164", 200).await;
        assert!(
            hengelo.contains(MARKER),
            "{be:?}: the neighbour's gemeente page shows the regio figures"
        );
        app.get_as(Some(&other.key), &format!("/api/v1/indicatoren/{indicator}"), 404)
            .await;

        // Parallel uploads queue: every one answers 200, and what is stored is one whole file.
        let files: Vec<String> = (1..=6)
            .map(|n| {
                let mut f = String::from("gebied;periode;waarde\n");
                for year in 2015..2025 {
                    f.push_str(&format!("GM0153;{year};{n}\nGM0164;{year};{n}\n"));
                }
                f
            })
            .collect();
        let mut writers = tokio::task::JoinSet::new();
        for f in files {
            let (url, key) = (
                format!("{}/api/v1/eigen-indicatoren/{id}/cijfers", app.address),
                red.key.clone(),
            );
            writers.spawn(async move {
                let res = client()
                    .put(url)
                    .bearer_auth(key)
                    .header("content-type", "text/csv")
                    .body(f)
                    .send()
                    .await
                    .unwrap();
                (res.status().as_u16(), res.text().await.unwrap())
            });
        }
        while let Some(answer) = writers.join_next().await {
            let (status, body) = answer.unwrap();
            assert_eq!(status, 200, "{be:?}: {body}");
        }
        let csv = get_csv(&app, &red.key, &id).await;
        let values: std::collections::HashSet<&str> =
            csv.lines().skip(1).map(|l| l.split(';').nth(2).unwrap()).collect();
        assert_eq!(csv.lines().count(), 21, "{be:?}: {csv}");
        assert_eq!(values.len(), 1, "{be:?}: one file whole, not a mix: {csv}");

        // Deleting the indicator deletes its figures.
        let res = app
            .send(
                Method::DELETE,
                &format!("/api/v1/eigen-indicatoren/{id}"),
                Some(&red.key),
                None,
                Some("*"),
            )
            .await;
        assert_eq!(res.status(), 204, "{be:?}");
        app.get_as(Some(&red.key), &format!("/api/v1/indicatoren/{indicator}"), 404)
            .await;
        assert_eq!(
            put_csv(&app, Some(&red.key), &id, "gebied;periode;waarde\nGM0153;2024;1\n")
                .await
                .0,
            404
        );
    }
}
