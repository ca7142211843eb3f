// SPDX-License-Identifier: EUPL-1.2
//! Stories of the Afspraken area through the API: people with portfolios and themes, goals on
//! a real shipped indicator with progress from the data, agendas, CSV in and out, optimistic
//! locking and the audit log; with the bad-input cases (nothing half-written).

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::TestApp;

async fn csv_import(app: &TestApp, key: &str, path: &str, body: &str) -> (u16, Value) {
    let res = app
        .client
        .post(format!("{}{path}", app.address))
        .bearer_auth(key)
        .header("content-type", "text/csv")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

fn names(body: &Value, list: &str, field: &str) -> Vec<String> {
    body[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[field].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn people_with_portfolios_themes_csv_and_optimistic_locking() {
    for app in TestApp::all().await {
        let e = app
            .account("redactie@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let p = app
            .post_as(
                &e.key,
                "/api/v1/personen",
                &json!({"naam": "Jeroen Diepemaat", "functie": "wethouder", "zichtbaarheid": "openbaar",
                        "portefeuille": "Economie, werk en inkomen", "themas": ["werkloosheid", "krapte"],
                        "email": "j.diepemaat@enschede.nl"}),
                201,
            )
            .await;
        assert_eq!(p["organisatie"]["id"], "gemeente-enschede");
        assert_eq!(p["versie"], 1);
        assert_eq!(p["themas"][1]["voorkeursterm"], "krapte");
        let id = p["id"].as_str().unwrap().to_string();
        let path = format!("/api/v1/personen/{id}");

        // Change with the right version: 200 and version 2; with the old one: 412, unchanged.
        let change = json!({"naam": "Jeroen Diepemaat", "functie": "wethouder", "zichtbaarheid": "openbaar",
                            "portefeuille": "Economie en werk", "themas": ["werkloosheid"]});
        let res = app
            .send(Method::PUT, &path, Some(&e.key), Some(&change), Some("\"1\""))
            .await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["etag"], "\"2\"");
        let stale = json!({"naam": "Iemand Anders", "functie": "wethouder"});
        let res = app
            .send(Method::PUT, &path, Some(&e.key), Some(&stale), Some("\"1\""))
            .await;
        assert_eq!(res.status(), 412);
        let problem: Value = res.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("versie 2"));
        let res = app.send(Method::PUT, &path, Some(&e.key), Some(&stale), None).await;
        assert_eq!(res.status(), 428);
        let now = app.get_as(None, &path, 200).await;
        assert_eq!(now["naam"], "Jeroen Diepemaat");
        assert_eq!(now["portefeuille"], "Economie en werk");

        // Bad input: every fault named; nothing stored.
        let res = app
            .send(
                Method::POST,
                "/api/v1/personen",
                Some(&e.key),
                Some(&json!({"naam": "", "functie": "koning", "themas": ["bestaat-niet"], "leeftijd": 50})),
                None,
            )
            .await;
        assert_eq!(res.status(), 400);
        let problem: Value = res.json().await.unwrap();
        let params = names(&problem, "invalidParams", "name");
        assert_eq!(params, ["leeftijd"], "unknown fields first");
        let res = app
            .send(
                Method::POST,
                "/api/v1/personen",
                Some(&e.key),
                Some(&json!({"naam": "", "functie": "koning", "themas": ["bestaat-niet"]})),
                None,
            )
            .await;
        let problem: Value = res.json().await.unwrap();
        assert_eq!(names(&problem, "invalidParams", "name"), ["naam", "functie", "themas"]);
        assert!(problem["invalidParams"][2]["reason"]
            .as_str()
            .unwrap()
            .contains("bestaat-niet"));

        // Theme filter.
        let by_theme = app.get_as(None, "/api/v1/personen?thema=werkloosheid", 200).await;
        assert_eq!(names(&by_theme, "personen", "naam"), ["Jeroen Diepemaat"]);
        let by_theme = app.get_as(None, "/api/v1/personen?thema=krapte", 200).await;
        assert_eq!(by_theme["paginering"]["totaal"], 0);

        // CSV: export, then import two new people (one in a Dutch spreadsheet's dialect).
        let csv = app
            .client
            .get(format!("{}/api/v1/personen/_export", app.address))
            .bearer_auth(&e.key)
            .send()
            .await
            .unwrap();
        assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = csv.text().await.unwrap();
        assert!(
            text.starts_with("\u{feff}id;organisatie;zichtbaarheid;naam;functie;portefeuille;themas;email;telefoon"),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "{id};Organisatie gemeente-enschede;openbaar;Jeroen Diepemaat;wethouder;Economie en werk;werkloosheid;;"
            )),
            "{text}"
        );
        let (status, body) = csv_import(
            &app,
            &e.key,
            "/api/v1/personen/_import",
            "naam;functie;portefeuille;themas;zichtbaarheid\n\
             Anne Jansen;accountmanager;;krapte|werkgelegenheid;regio\n\
             Piet de Boer;beleidsadviseur;;;organisatie\n",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["aantal"], 2);
        let all = app.get_as(Some(&e.key), "/api/v1/personen", 200).await;
        assert_eq!(all["paginering"]["totaal"], 3);

        // A wrong column, an unknown concept: line and column named, nothing imported.
        let (status, body) = csv_import(
            &app,
            &e.key,
            "/api/v1/personen/_import",
            "naam,functie,leeftijd\nA,overig,40\n",
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 1, kolom leeftijd");
        let (status, body) = csv_import(
            &app,
            &e.key,
            "/api/v1/personen/_import",
            "naam,functie,themas\nGoed Mens,overig,krapte\nFout Mens,overig,krapte|onbekend-begrip\n",
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 3, kolom themas");
        assert!(body["invalidParams"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("onbekend-begrip"));
        let all = app.get_as(Some(&e.key), "/api/v1/personen", 200).await;
        assert_eq!(all["paginering"]["totaal"], 3, "the good row was not imported either");
        let (status, _) = csv_import(&app, &e.key, "/api/v1/personen/_import", "").await;
        assert_eq!(status, 400);

        // Delete needs the current version.
        let res = app.send(Method::DELETE, &path, Some(&e.key), None, Some("\"1\"")).await;
        assert_eq!(res.status(), 412);
        let res = app.send(Method::DELETE, &path, Some(&e.key), None, Some("\"2\"")).await;
        assert_eq!(res.status(), 204);
        app.get_as(None, &path, 404).await;
    }
}

#[tokio::test]
async fn a_goal_on_a_real_indicator_shows_progress_from_the_data() {
    for app in TestApp::all_with_statistics().await {
        let e = app
            .account("beheer@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let owner = app
            .post_as(
                &e.key,
                "/api/v1/personen",
                &json!({"naam": "Wethouder Werk", "functie": "wethouder", "zichtbaarheid": "openbaar", "themas": ["werkgelegenheid"]}),
                201,
            )
            .await;
        // Enschede's population, from the shipped CBS table: baseline 2020, target 2030.
        let values = app
            .get_json(
                "/api/v1/indicatoren/inwoners/waarden?gebied=GM0153&paginaGrootte=100",
                200,
            )
            .await;
        let series: Vec<(i64, f64)> = values["waarden"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["jaar"].as_i64().unwrap(), v["waarde"].as_f64().unwrap()))
            .collect();
        let base = series.iter().find(|v| v.0 == 2020).unwrap().1;
        let latest = *series.iter().max_by_key(|v| v.0).unwrap();
        let target = base + 10_000.0;
        let goal = app
            .post_as(
                &e.key,
                "/api/v1/doelen",
                &json!({"titel": "Enschede groeit", "zichtbaarheid": "openbaar", "themas": ["werkgelegenheid"],
                        "eigenaar": owner["id"], "gebied": "GM0153", "indicator": "inwoners",
                        "basisjaar": 2020, "basiswaarde": base, "streefjaar": 2030, "streefwaarde": target}),
                201,
            )
            .await;
        let id = goal["id"].as_str().unwrap();
        let shown = app.get_as(None, &format!("/api/v1/doelen/{id}"), 200).await;
        let v = &shown["voortgang"];
        assert_eq!(v["laatsteJaar"].as_i64().unwrap(), latest.0, "{:?}", app.backend);
        assert_eq!(v["laatsteWaarde"].as_f64().unwrap(), latest.1);
        let years = (latest.0 - 2020) as f64;
        let expected = base + 10_000.0 * years / 10.0;
        assert!((v["verwachteWaarde"].as_f64().unwrap() - expected).abs() < 1e-6);
        let status = if latest.1 >= target {
            "behaald"
        } else if latest.1 >= expected {
            "opKoers"
        } else {
            "achter"
        };
        assert_eq!(v["status"], status);
        assert!((v["trendPerJaar"].as_f64().unwrap() - (latest.1 - base) / years).abs() < 1e-6);
        assert_eq!(v["eenheid"], "aantal");

        // The goal is found by theme and by its owner's page list.
        let by_theme = app.get_as(None, "/api/v1/doelen?thema=werkgelegenheid", 200).await;
        assert_eq!(by_theme["doelen"][0]["voortgang"]["status"], status);

        // Bad input: unknown region, unknown indicator and concept, target before baseline.
        let res = app
            .send(
                Method::POST,
                "/api/v1/doelen",
                Some(&e.key),
                Some(
                    &json!({"titel": "x", "gebied": "GM9999", "indicator": "geluk", "themas": ["onbekend"],
                             "basisjaar": 2030, "basiswaarde": 1, "streefjaar": 2020, "streefwaarde": 2}),
                ),
                None,
            )
            .await;
        assert_eq!(res.status(), 400);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(
            names(&problem, "invalidParams", "name"),
            ["themas", "gebied", "indicator", "streefjaar"]
        );

        // CSV round trip of goals: export, then import it back as a change of the same goal.
        let text = app
            .client
            .get(format!("{}/api/v1/doelen/_export", app.address))
            .bearer_auth(&e.key)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let changed = text.replace("Enschede groeit", "Enschede groeit door");
        let (status, body) = csv_import(&app, &e.key, "/api/v1/doelen/_import", &changed).await;
        assert_eq!(status, 200, "{body}");
        let shown = app.get_as(None, &format!("/api/v1/doelen/{id}"), 200).await;
        assert_eq!(shown["titel"], "Enschede groeit door");
        assert_eq!(shown["versie"], 2);
        let (status, body) = csv_import(
            &app,
            &e.key,
            "/api/v1/doelen/_import",
            "titel,gebied,indicator,basisjaar,basiswaarde,streefjaar,streefwaarde\nB,GM0153,inwoners,2020,1,2030,2\nA,GM0000,inwoners,2020,1,2030,2\n",
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 3, kolom gebied");
        let all = app.get_as(None, "/api/v1/doelen", 200).await;
        assert_eq!(all["paginering"]["totaal"], 1);

        // An agenda groups goals.
        let agenda = app
            .post_as(
                &e.key,
                "/api/v1/agendas",
                &json!({"titel": "Meerjarenagenda Twente", "zichtbaarheid": "openbaar", "gebied": "AM05",
                        "vanaf": 2025, "tot": 2028, "doelen": [id]}),
                201,
            )
            .await;
        assert_eq!(agenda["doelen"][0]["id"], id);
        let res = app
            .send(
                Method::POST,
                "/api/v1/agendas",
                Some(&e.key),
                Some(&json!({"titel": "x", "doelen": ["bestaat-niet"], "vanaf": 2028, "tot": 2025})),
                None,
            )
            .await;
        assert_eq!(res.status(), 400);

        // The audit log has every change, newest first.
        let log = app.get_as(Some(&e.key), "/api/v1/auditlog", 200).await;
        let actions: Vec<(String, String)> = log["regels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["soort"].as_str().unwrap().into(), r["actie"].as_str().unwrap().into()))
            .collect();
        assert_eq!(
            actions[..4],
            [
                ("agenda".into(), "aangemaakt".into()),
                ("doel".into(), "gewijzigd".into()),
                ("doel".into(), "aangemaakt".into()),
                ("persoon".into(), "aangemaakt".into()),
            ]
        );
    }
}

#[tokio::test]
async fn organisations_are_public_and_changed_by_their_beheerder_only() {
    for app in TestApp::all().await {
        let e = app
            .account("beheer@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let list = app.get_as(None, "/api/v1/organisaties", 200).await;
        assert_eq!(list["organisaties"][0]["arbeidsmarktregio"]["naam"], "Twente");
        app.post_as(
            &e.key,
            "/api/v1/organisaties",
            &json!({"id": "uwv-twente", "naam": "UWV Twente", "soort": "uwv", "arbeidsmarktregio": "AM05"}),
            201,
        )
        .await;
        let res = app
            .send(
                Method::POST,
                "/api/v1/organisaties",
                Some(&e.key),
                Some(&json!({"id": "Fout Id", "naam": "", "soort": "club", "arbeidsmarktregio": "XX"})),
                None,
            )
            .await;
        assert_eq!(res.status(), 400);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(
            names(&problem, "invalidParams", "name"),
            ["id", "naam", "soort", "arbeidsmarktregio"]
        );
        let change = json!({"naam": "UWV Twente (Enschede)", "soort": "uwv", "arbeidsmarktregio": "AM05"});
        let res = app
            .send(
                Method::PUT,
                "/api/v1/organisaties/uwv-twente",
                Some(&e.key),
                Some(&change),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 200);
        let res = app
            .send(
                Method::PUT,
                "/api/v1/organisaties/uwv-twente",
                Some(&e.key),
                Some(&change),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 412);
        let other = app
            .account("x@hengelo.nl", "gemeente-hengelo", Some("AM05"), "redacteur")
            .await;
        let res = app
            .send(
                Method::PUT,
                "/api/v1/organisaties/uwv-twente",
                Some(&other.key),
                Some(&change),
                Some("\"2\""),
            )
            .await;
        assert_eq!(res.status(), 403);
        let shown = app.get_as(None, "/api/v1/organisaties/uwv-twente", 200).await;
        assert_eq!(shown["naam"], "UWV Twente (Enschede)");
    }
}

/// A goal whose target year is over is not "op koers" on old figures (issue 13: target 2025,
/// the shipped bijstand figures of Enschede end before it, and the clock says 2026 or later).
#[tokio::test]
async fn a_goal_past_its_target_year_without_its_figures_says_so() {
    for app in TestApp::all_with_statistics().await {
        let e = app
            .account("doel@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let goal = app
            .post_as(
                &e.key,
                "/api/v1/doelen",
                &json!({"titel": "Minder bijstand", "zichtbaarheid": "openbaar", "gebied": "GM0153",
                        "indicator": "bijstand-per-1000-inwoners", "basisjaar": 2015, "basiswaarde": 48.8,
                        "streefjaar": 2025, "streefwaarde": 40}),
                201,
            )
            .await;
        let id = goal["id"].as_str().unwrap();
        let shown = app.get_as(None, &format!("/api/v1/doelen/{id}"), 200).await;
        let v = &shown["voortgang"];
        assert!(v["laatsteJaar"].as_i64().unwrap() < 2025, "{:?}: {v}", app.backend);
        assert_eq!(v["status"], "streefjaarVoorbij", "{:?}: {v}", app.backend);
        let html = app
            .client
            .get(format!("{}/doelen/{id}", app.address))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("Het streefjaar 2025 is voorbij, maar de laatste cijfers zijn van"),
            "{html}"
        );
        assert!(!html.contains("op koers"), "{:?}", app.backend);

        // A base value left empty is the figure of the base year; without one, a fault says so.
        let fig = app
            .get_as(
                None,
                "/api/v1/indicatoren/bijstand-per-1000-inwoners/waarden?gebied=GM0153&paginaGrootte=100",
                200,
            )
            .await;
        let first = &fig["waarden"][0];
        let (year, base) = (first["jaar"].as_i64().unwrap(), first["waarde"].as_f64().unwrap());
        let filled = app
            .post_as(
                &e.key,
                "/api/v1/doelen",
                &json!({"titel": "Minder bijstand (basis uit de cijfers)", "gebied": "GM0153", "indicator": "bijstand-per-1000-inwoners",
                        "basisjaar": year, "streefjaar": 2030, "streefwaarde": 1}),
                201,
            )
            .await;
        assert_eq!(
            filled["basiswaarde"].as_f64(),
            Some(base),
            "{:?}: {filled}",
            app.backend
        );
        let missing = app
            .post_as(
                &e.key,
                "/api/v1/doelen",
                &json!({"titel": "Minder bijstand (1990)", "gebied": "GM0153", "indicator": "bijstand-per-1000-inwoners",
                        "basisjaar": 1990, "streefjaar": 2030, "streefwaarde": 30}),
                400,
            )
            .await;
        let fault = missing["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "basiswaarde")
            .unwrap_or_else(|| panic!("{missing}"));
        assert!(fault["reason"].as_str().unwrap().contains("geen cijfer"), "{missing}");
    }
}
