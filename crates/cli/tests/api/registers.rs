// SPDX-License-Identifier: EUPL-1.2
//! Stories of the coherence registers through the API: schemes with the fragmentation analysis
//! and "welke regelingen passen?", agreements with commitments both ways and who has not yet
//! delivered, consultation bodies with load, overlap and candidates, and the theme page that
//! links them; each with CSV in and out and the bad-input cases.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{Account, TestApp};

async fn csv_post(app: &TestApp, key: &str, path: &str, body: &str) -> (u16, Value) {
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

async fn csv_get(app: &TestApp, key: &str, path: &str) -> String {
    app.client
        .get(format!("{}{path}", app.address))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn ids(v: &Value, list: &str, field: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap().to_string())
        .collect()
}

struct Region {
    enschede: Account,
    hengelo: Account,
    uwv: Account,
}

async fn twente(app: &TestApp) -> Region {
    Region {
        enschede: app
            .account("beheer@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await,
        hengelo: app
            .account("beheer@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await,
        uwv: app
            .account("beheer@uwv.nl", "uwv-twente", Some("AM05"), "beheerder")
            .await,
    }
}

async fn scheme(app: &TestApp, key: &str, body: Value) -> String {
    app.post_as(key, "/api/v1/regelingen", &body, 201).await["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn schemes_fragmentation_matching_and_csv() {
    for app in TestApp::all().await {
        let r = twente(&app).await;
        let lks = "Subsidie op de loonkosten voor werkgevers die iemand uit de bijstand in dienst nemen.";
        let r1 = scheme(&app, &r.enschede.key, json!({"titel": "Loonkostensubsidie Enschede", "omschrijving": lks,
            "aanbieder": "gemeente-enschede", "gebied": "GM0153", "doelgroepen": ["bijstand"], "instrument": "loonkostensubsidie",
            "behoeften": ["krapte"], "budget": 500000, "geldsoort": "doe-geld", "zichtbaarheid": "openbaar"})).await;
        let r2 = scheme(&app, &r.hengelo.key, json!({"titel": "Loonkostensubsidie Hengelo", "omschrijving": format!("{lks} Ook in Hengelo."),
            "aanbieder": "gemeente-hengelo", "gebied": "GM0164", "doelgroepen": ["bijstand", "wajong"], "instrument": "loonkostensubsidie",
            "behoeften": ["krapte"], "budget": 200000, "geldsoort": "doe-geld", "zichtbaarheid": "openbaar"})).await;
        let r3 = scheme(&app, &r.uwv.key, json!({"titel": "Loondispensatie", "omschrijving": "Loondispensatie voor jonggehandicapten met een Wajong-uitkering.",
            "aanbieder": "uwv-twente", "gebied": "NL01", "doelgroepen": ["wajong"], "instrument": "loonkostensubsidie",
            "behoeften": ["krapte", "leven-lang-ontwikkelen"], "budget": 300000, "geldsoort": "doe-geld", "zichtbaarheid": "openbaar"})).await;
        let r4 = scheme(&app, &r.enschede.key, json!({"titel": "Regiegroep arbeidsmarkt", "omschrijving": "Programmamanagement en overleg.",
            "aanbieder": "gemeente-enschede", "gebied": "AM05", "doelgroepen": ["bijstand"], "instrument": "re-integratie",
            "behoeften": ["leven-lang-ontwikkelen"], "budget": 100000, "geldsoort": "procesgeld", "zichtbaarheid": "openbaar"})).await;
        // Utrecht's scheme does not apply in Twente.
        scheme(&app, &r.enschede.key, json!({"titel": "Elders", "aanbieder": "gemeente-enschede", "gebied": "GM0344",
            "doelgroepen": ["bijstand"], "instrument": "loonkostensubsidie", "behoeften": ["krapte"], "budget": 1, "geldsoort": "doe-geld",
            "zichtbaarheid": "openbaar"})).await;

        let a = app
            .get_json("/api/v1/regelingen/_analyse?arbeidsmarktregio=AM05", 200)
            .await;
        assert_eq!(a["aantalRegelingen"], 4, "{:?}", app.backend);
        assert_eq!(a["arbeidsmarktregio"]["naam"], "Twente");
        let cell = &a["overlap"][0];
        assert_eq!(
            (cell["doelgroep"]["id"].as_str(), cell["instrument"]["id"].as_str()),
            (Some("bijstand"), Some("loonkostensubsidie"))
        );
        assert_eq!(ids(cell, "aanbieders", "id"), ["gemeente-enschede", "gemeente-hengelo"]);
        let mut expected = vec![r1.clone(), r2.clone()];
        expected.sort();
        assert_eq!(ids(cell, "regelingen", "id"), expected);
        assert_eq!(a["overlap"][1]["doelgroep"]["id"], "wajong");
        assert_eq!(a["perBehoefte"][0]["behoefte"]["id"], "krapte");
        assert_eq!(a["perBehoefte"][0]["aantalRegelingen"], 3);
        assert_eq!(a["perBehoefte"][1]["aantalRegelingen"], 2);
        let dup = &a["bijnaGelijk"][0];
        let mut pair = vec![
            dup["a"]["id"].as_str().unwrap().to_string(),
            dup["b"]["id"].as_str().unwrap().to_string(),
        ];
        pair.sort();
        assert_eq!(pair, expected);
        assert_eq!(a["bijnaGelijk"].as_array().unwrap().len(), 1);
        let enschede = a["geldPerOrganisatie"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == "gemeente-enschede")
            .unwrap();
        assert_eq!(
            (enschede["doeGeld"].as_f64(), enschede["procesgeld"].as_f64()),
            (Some(500000.0), Some(100000.0))
        );
        assert!((enschede["aandeelDoeGeld"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-12);

        // Welke regelingen passen? Krapte for someone from the bijstand in Enschede: r1 (Enschede)
        // only; Hengelo's applies in Hengelo, Utrecht's elsewhere, UWV's is for Wajong.
        let fit = app
            .get_json(
                "/api/v1/regelingen/_passend?behoefte=krapte&doelgroep=bijstand&gemeente=GM0153",
                200,
            )
            .await;
        assert_eq!(ids(&fit, "regelingen", "id"), std::slice::from_ref(&r1));
        let fit = app
            .get_json(
                "/api/v1/regelingen/_passend?behoefte=krapte&doelgroep=wajong&gemeente=GM0164",
                200,
            )
            .await;
        assert_eq!(
            ids(&fit, "regelingen", "titel"),
            ["Loondispensatie", "Loonkostensubsidie Hengelo"]
        );
        app.get_json("/api/v1/regelingen/_passend?gemeente=AM05", 400).await;
        let _ = (r3, r4);

        // Bad input: a negative budget and an unknown concept; nothing stored.
        let res = app
            .send(Method::POST, "/api/v1/regelingen", Some(&r.enschede.key),
                Some(&json!({"titel": "x", "aanbieder": "gemeente-enschede", "gebied": "GM0153", "doelgroepen": ["geen-begrip"],
                    "instrument": "loonkostensubsidie", "budget": -10, "geldsoort": "doe-geld"})), None)
            .await;
        assert_eq!(res.status(), 400);
        let p: Value = res.json().await.unwrap();
        assert_eq!(ids(&p, "invalidParams", "name"), ["doelgroepen", "budget"]);
        // A stale If-Match.
        let path = format!("/api/v1/regelingen/{r1}");
        let mut change = app.get_json(&path, 200).await;
        change["budget"] = json!(600000);
        let body = json!({"titel": change["titel"], "aanbieder": "gemeente-enschede", "gebied": "GM0153", "doelgroepen": ["bijstand"],
            "instrument": "loonkostensubsidie", "budget": 600000, "geldsoort": "doe-geld"});
        let res = app
            .send(Method::PUT, &path, Some(&r.enschede.key), Some(&body), Some("\"1\""))
            .await;
        assert_eq!(res.status(), 200);
        let res = app
            .send(Method::PUT, &path, Some(&r.enschede.key), Some(&body), Some("\"1\""))
            .await;
        assert_eq!(res.status(), 412);

        // CSV: export and import back; a wrong column or an unknown concept imports nothing.
        let text = csv_get(&app, &r.enschede.key, "/api/v1/regelingen/_export").await;
        assert!(text.starts_with("\u{feff}id;organisatie;zichtbaarheid;titel;omschrijving;aanbieder;gebied;doelgroepen;instrument;behoeften;budget;geldsoort"), "{text}");
        let (status, body) = csv_post(&app, &r.enschede.key, "/api/v1/regelingen/_import",
            "titel;aanbieder;gebied;doelgroepen;instrument;budget;geldsoort;status;kleur\nx;gemeente-enschede;GM0153;bijstand;re-integratie;1;doe-geld;actief;rood\n").await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 1, kolom kleur");
        let (status, body) = csv_post(
            &app,
            &r.enschede.key,
            "/api/v1/regelingen/_import",
            "titel;aanbieder;gebied;doelgroepen;instrument;budget;geldsoort;status\n\
             Goed;gemeente-enschede;GM0153;bijstand;re-integratie;1000;doe-geld;actief\n\
             Fout;gemeente-enschede;GM0153;bijstand|geen-begrip;re-integratie;1000;procesgeld;actief\n",
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 3, kolom doelgroepen");
        let all = app.get_as(Some(&r.enschede.key), "/api/v1/regelingen", 200).await;
        assert_eq!(all["paginering"]["totaal"], 5, "nothing of the bad file was stored");
        let (status, body) = csv_post(&app, &r.enschede.key, "/api/v1/regelingen/_import",
            "titel;aanbieder;gebied;doelgroepen;instrument;budget;geldsoort;status\n\
             Scholingsvoucher;gemeente-enschede;GM0153;laag-opleidingsniveau;leven-lang-ontwikkelen;25000,50;doe-geld;gepland\n").await;
        assert_eq!(status, 200, "{body}");
        let all = app
            .get_as(
                Some(&r.enschede.key),
                "/api/v1/regelingen?thema=laag-opleidingsniveau",
                200,
            )
            .await;
        assert_eq!(all["regelingen"][0]["budget"], 25000.5);
    }
}

#[tokio::test]
async fn agreements_with_commitments_both_ways_and_who_has_not_delivered() {
    for app in TestApp::all().await {
        let r = twente(&app).await;
        let pact = json!({"titel": "Werkpact Twente", "soort": "werkpact", "zichtbaarheid": "openbaar", "themas": ["krapte"],
            "partijen": [
                {"organisatie": "gemeente-enschede", "brengt": "werkgeversdienstverlening", "krijgt": "vacatures"},
                {"organisatie": "uwv-twente", "brengt": "kandidaten uit de WW", "krijgt": "plaatsingen"},
                {"organisatie": "gemeente-hengelo", "brengt": "stageplaatsen", "krijgt": "kandidaten"}],
            "toezeggingen": [
                {"partij": "uwv-twente", "omschrijving": "Maandelijks vacatures delen", "deadline": "2026-03-01", "status": "open"},
                {"partij": "gemeente-hengelo", "omschrijving": "20 stageplaatsen", "deadline": "2026-06-01", "status": "geleverd"},
                {"partij": "gemeente-enschede", "omschrijving": "Eén loket voor werkgevers", "deadline": "2026-09-01"},
                {"partij": "gemeente-enschede", "omschrijving": "Jaarverslag", "deadline": "2027-01-01"}]});
        let created = app.post_as(&r.enschede.key, "/api/v1/afspraken", &pact, 201).await;
        assert_eq!(created["partijen"][1]["brengt"], "kandidaten uit de WW");
        assert_eq!(created["toezeggingen"][2]["status"], "open");
        let id = created["id"].as_str().unwrap().to_string();

        let late = app
            .get_json("/api/v1/afspraken/_achterstallig?peildatum=2026-10-01", 200)
            .await;
        let parties: Vec<&str> = late["achterstanden"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["partij"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(parties, ["uwv-twente", "gemeente-enschede"], "{:?}", app.backend);
        assert_eq!(late["achterstanden"][0]["dagenTeLaat"], 214);
        assert_eq!(late["achterstanden"][1]["dagenTeLaat"], 30);
        let enschede = late["perPartij"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["partij"]["id"] == "gemeente-enschede")
            .unwrap();
        assert_eq!(
            (enschede["open"].as_u64(), enschede["teLaat"].as_u64()),
            (Some(2), Some(1))
        );
        let hengelo = late["perPartij"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["partij"]["id"] == "gemeente-hengelo")
            .unwrap();
        assert_eq!(hengelo["geleverd"], 1);
        app.get_json("/api/v1/afspraken/_achterstallig?peildatum=1-10-2026", 400)
            .await;

        // A commitment for a party that is not in the agreement: named, nothing stored.
        let mut bad = pact.clone();
        bad["toezeggingen"][1]["partij"] = json!("gemeente-almelo");
        let res = app
            .send(
                Method::POST,
                "/api/v1/afspraken",
                Some(&r.enschede.key),
                Some(&bad),
                None,
            )
            .await;
        assert_eq!(res.status(), 400);
        let p: Value = res.json().await.unwrap();
        assert_eq!(p["invalidParams"][0]["name"], "toezeggingen[1].partij");
        assert!(p["invalidParams"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("geen partij van deze afspraak"));
        let all = app.get_json("/api/v1/afspraken", 200).await;
        assert_eq!(all["paginering"]["totaal"], 1);

        // CSV round trip: the export imports back as a change of the same agreement.
        let text = csv_get(&app, &r.enschede.key, "/api/v1/afspraken/_export").await;
        assert_eq!(text.lines().count(), 1 + 3 + 4, "a line per party and per commitment");
        let (status, body) = csv_post(
            &app,
            &r.enschede.key,
            "/api/v1/afspraken/_import",
            &text.replace("Jaarverslag", "Jaarverslag 2026"),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let shown = app.get_json(&format!("/api/v1/afspraken/{id}"), 200).await;
        assert_eq!(shown["versie"], 2);
        assert_eq!(shown["toezeggingen"][3]["omschrijving"], "Jaarverslag 2026");
        // In CSV, a commitment for a non-party names its line and column.
        let (status, body) = csv_post(&app, &r.enschede.key, "/api/v1/afspraken/_import",
            "titel,partij,brengt,toezegging\nPact,gemeente-enschede,geld,\nPact,uwv-twente,mensen,\nPact,gemeente-hengelo,,Plaatsen\n").await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 4, kolom partij");
    }
}

#[tokio::test]
async fn consultation_bodies_load_overlap_and_candidates() {
    for app in TestApp::all().await {
        let r = twente(&app).await;
        let mut people = Vec::new();
        for (key, name) in [
            (&r.enschede.key, "Anna"),
            (&r.hengelo.key, "Bert"),
            (&r.uwv.key, "Carla"),
        ] {
            let p = app
                .post_as(
                    key,
                    "/api/v1/personen",
                    &json!({"naam": name, "functie": "bestuurder", "zichtbaarheid": "regio"}),
                    201,
                )
                .await;
            people.push(p["id"].as_str().unwrap().to_string());
        }
        let (anna, bert, carla) = (&people[0], &people[1], &people[2]);
        let body = |name: &str, who: Vec<&String>, freq: f64, hours: f64, mandate: &str, themes: &[&str]| {
            json!({"naam": name, "deelnemers": who, "frequentie": freq, "duur": hours, "mandaat": mandate,
                   "themas": themes, "zichtbaarheid": "regio"})
        };
        let key = &r.enschede.key;
        app.post_as(
            key,
            "/api/v1/overleggen",
            &body(
                "Bestuurlijk overleg",
                vec![anna, bert, carla],
                10.0,
                2.0,
                "besluitvormend",
                &["krapte", "werkloosheid"],
            ),
            201,
        )
        .await;
        app.post_as(
            key,
            "/api/v1/overleggen",
            &body(
                "Werkgroep",
                vec![anna, bert],
                6.0,
                1.5,
                "adviserend",
                &["krapte", "werkloosheid"],
            ),
            201,
        )
        .await;
        app.post_as(
            key,
            "/api/v1/overleggen",
            &body("Informatieoverleg", vec![carla], 4.0, 1.0, "informerend", &["krapte"]),
            201,
        )
        .await;

        let a = app.get_as(Some(key), "/api/v1/overleggen/_analyse", 200).await;
        assert_eq!(a["aantalOverleggen"], 3, "{:?}", app.backend);
        assert_eq!(a["urenTotaal"], 20.0 * 3.0 + 9.0 * 2.0 + 4.0);
        assert_eq!(a["belastingPerPersoon"][0]["naam"], "Anna");
        assert_eq!(a["belastingPerPersoon"][0]["uren"], 29.0);
        let uwv = a["belastingPerOrganisatie"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == "uwv-twente")
            .unwrap();
        assert_eq!(
            (uwv["uren"].as_f64(), uwv["overleggen"].as_u64()),
            (Some(24.0), Some(2))
        );
        assert_eq!(a["overlap"][0]["a"]["titel"], "Bestuurlijk overleg");
        assert_eq!(a["overlap"][0]["b"]["titel"], "Werkgroep");
        assert_eq!(a["overlap"][0]["themas"], 1.0);
        let k = a["kandidaten"].as_array().unwrap();
        assert_eq!(k.len(), 2);
        assert_eq!(
            (k[0]["overleg"]["titel"].as_str(), k[0]["advies"].as_str()),
            (Some("Informatieoverleg"), Some("opheffen"))
        );
        assert_eq!(k[0]["met"]["titel"], "Bestuurlijk overleg");
        assert_eq!(
            (k[1]["advies"].as_str(), k[1]["urenBespaard"].as_f64()),
            (Some("samenvoegen"), Some(18.0))
        );
        assert_eq!(
            k[1]["reden"],
            "Samenvoegen met 'Werkgroep': 67% dezelfde deelnemers en 100% dezelfde thema's."
        );
        // Anonymous callers see none of these regio bodies.
        let anon = app.get_json("/api/v1/overleggen/_analyse", 200).await;
        assert_eq!(anon["aantalOverleggen"], 0);

        // Bad input: a negative duration, zero frequency, an unknown participant.
        let res = app
            .send(Method::POST, "/api/v1/overleggen", Some(key),
                Some(&json!({"naam": "x", "deelnemers": ["niemand"], "frequentie": 0, "duur": -1, "mandaat": "besluitvormend"})), None)
            .await;
        assert_eq!(res.status(), 400);
        let p: Value = res.json().await.unwrap();
        assert_eq!(ids(&p, "invalidParams", "name"), ["deelnemers", "frequentie", "duur"]);
        // CSV round trip.
        let text = csv_get(&app, key, "/api/v1/overleggen/_export").await;
        assert!(
            text.starts_with(
                "\u{feff}id;organisatie;zichtbaarheid;naam;omschrijving;deelnemers;frequentie;duur;mandaat;themas"
            ),
            "{text}"
        );
        let (status, body) = csv_post(&app, key, "/api/v1/overleggen/_import", &text).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["aantal"], 3);
        let (status, body) = csv_post(
            &app,
            key,
            "/api/v1/overleggen/_import",
            "naam,frequentie,duur,mandaat\nX,4,-2,informerend\n",
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(body["invalidParams"][0]["name"], "regel 2, kolom duur");
    }
}

#[tokio::test]
async fn the_theme_page_links_every_register_and_hides_what_the_reader_may_not_see() {
    for app in TestApp::all().await {
        let r = twente(&app).await;
        let utrecht = app
            .account("beheer@utrecht.nl", "gemeente-utrecht", Some("AM20"), "beheerder")
            .await;
        let key = &r.enschede.key;
        for vis in ["openbaar", "organisatie"] {
            let p = app
                .post_as(
                    key,
                    "/api/v1/personen",
                    &json!({"naam": format!("Wethouder {vis}"), "functie": "wethouder",
                "themas": ["krapte"], "zichtbaarheid": vis}),
                    201,
                )
                .await;
            app.post_as(
                key,
                "/api/v1/doelen",
                &json!({"titel": format!("Doel {vis}"), "themas": ["krapte"], "eigenaar": p["id"],
                "gebied": "GM0153", "indicator": "inwoners", "basisjaar": 2020, "basiswaarde": 1, "streefjaar": 2030,
                "streefwaarde": 2, "zichtbaarheid": vis}),
                201,
            )
            .await;
            scheme(
                &app,
                key,
                json!({"titel": format!("Regeling {vis}"), "aanbieder": "gemeente-enschede", "gebied": "GM0153",
                "doelgroepen": ["bijstand"], "instrument": "loonkostensubsidie", "behoeften": ["krapte"], "budget": 1,
                "geldsoort": "doe-geld", "zichtbaarheid": vis}),
            )
            .await;
            app.post_as(
                key,
                "/api/v1/afspraken",
                &json!({"titel": format!("Afspraak {vis}"), "themas": ["krapte"], "zichtbaarheid": vis,
                "partijen": [{"organisatie": "gemeente-enschede"}, {"organisatie": "uwv-twente"}]}),
                201,
            )
            .await;
            app.post_as(
                key,
                "/api/v1/overleggen",
                &json!({"naam": format!("Overleg {vis}"), "themas": ["krapte"], "frequentie": 4,
                "duur": 2, "mandaat": "adviserend", "deelnemers": [p["id"]], "zichtbaarheid": vis}),
                201,
            )
            .await;
        }
        for (who, k, expected) in [
            ("anoniem", None, 1),
            ("Utrecht", Some(utrecht.key.as_str()), 1),
            ("Enschede", Some(key.as_str()), 2),
        ] {
            let t = app.get_as(k, "/api/v1/themas/krapte", 200).await;
            for list in ["doelen", "personen", "regelingen", "afspraken", "overleggen"] {
                assert_eq!(
                    t[list].as_array().unwrap().len(),
                    expected,
                    "{:?} {who} {list}",
                    app.backend
                );
                if expected == 1 {
                    assert!(t[list][0]["titel"].as_str().unwrap().ends_with("openbaar"));
                }
            }
        }
        let t = app.get_json("/api/v1/themas/krapte", 200).await;
        assert_eq!(t["begrip"]["voorkeursterm"], "krapte");
        app.get_json("/api/v1/themas/bestaat-niet", 404).await;
        // The page shows the same, per reader.
        let page = app.get("/themas/krapte").await.text().await.unwrap();
        assert!(
            page.contains("Regeling openbaar")
                && page.contains("Overleg openbaar")
                && page.contains("Afspraak openbaar")
        );
        assert!(!page.contains("organisatie</a>") && !page.contains("Doel organisatie"));
    }
}

#[tokio::test]
async fn the_example_data_shows_every_analysis_and_is_marked_as_example() {
    for b in crate::helpers::backends() {
        let app = TestApp::with_examples(b).await;
        let a = app
            .get_json("/api/v1/regelingen/_analyse?arbeidsmarktregio=AM05", 200)
            .await;
        assert!(a["overlap"].as_array().unwrap().len() >= 2, "{a}");
        assert_eq!(a["overlap"][0]["doelgroep"]["id"], "bijstand");
        assert!(
            !a["bijnaGelijk"].as_array().unwrap().is_empty(),
            "the two loonkostensubsidies read alike"
        );
        let o = app.get_json("/api/v1/overleggen/_analyse", 200).await;
        let advice: Vec<&str> = o["kandidaten"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["advies"].as_str().unwrap())
            .collect();
        assert_eq!(advice, ["opheffen", "samenvoegen"]);
        let late = app
            .get_json("/api/v1/afspraken/_achterstallig?peildatum=2026-11-28", 200)
            .await;
        assert_eq!(late["achterstanden"].as_array().unwrap().len(), 2);
        for path in [
            "/regelingen",
            "/regelingen/analyse?arbeidsmarktregio=AM05",
            "/afspraken",
            "/afspraken/voorbeeld-a-werkpact",
            "/overleggen",
            "/overleggen/voorbeeld-o-boa",
            "/themas/krapte",
            "/regelingen/voorbeeld-r-lks-enschede",
            "/duo",
        ] {
            let res = app.get(path).await;
            assert_eq!(res.status(), 200, "{path}");
            let html = res.text().await.unwrap();
            assert!(html.contains("Voorbeeldgegevens:"), "{path} carries the banner");
        }
        let page = app.get("/overleggen").await.text().await.unwrap();
        assert!(page.contains("<svg") && page.contains("Overlap tussen overleggen"));
        assert!(
            page.contains("Opheffen: &#39;Informatiebijeenkomst") || page.contains("Opheffen: 'Informatiebijeenkomst"),
            "reason shown"
        );
        let page = app
            .get("/regelingen?behoefte=krapte&doelgroep=bijstand&gemeente=GM0153")
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("Loonkostensubsidie Enschede") && !page.contains("Loonkostensubsidie Hengelo"));
        for (path, status) in [
            ("/regelingen?kleur=rood", 400),
            ("/regelingen?gemeente=Enschede", 400),
            ("/regelingen?behoefte=&doelgroep=&gemeente=", 200),
            ("/regelingen/analyse", 400),
            ("/regelingen/analyse?arbeidsmarktregio=AM99", 404),
            ("/afspraken/bestaat-niet", 404),
        ] {
            let res = app.get(path).await;
            assert_eq!(res.status(), status, "{path}");
            assert!(
                res.headers()["content-type"].to_str().unwrap().starts_with("text/html"),
                "{path}"
            );
        }
        // The alderman's page lists the bodies she sits in; the agenda page its goals.
        let page = app.get("/personen/voorbeeld-p-enschede").await.text().await.unwrap();
        assert!(
            page.contains("Bestuurlijk Overleg Arbeidsmarkt Twente (voorbeeld)")
                && page.contains("Samen 23 uur per jaar"),
            "{page}"
        );
        let page = app.get("/agendas").await.text().await.unwrap();
        assert!(
            page.contains("Meerjarenagenda Regionaal Werkcentrum Twente") && page.contains("Minder WW in Enschede")
        );
        let page = app.get("/begrippen/krapte").await.text().await.unwrap();
        assert!(page.contains("href=\"/themas/krapte\""));
    }
}
