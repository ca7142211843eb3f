// SPDX-License-Identifier: EUPL-1.2
//! The relations with entrepreneurs (issue 14), on SQLite and PostgreSQL: an accountmanager of
//! gemeente Enschede records a company and a visit with two needs and a confidential note; a
//! colleague of Hengelo in the same region sees the visit and the needs but never the note; the
//! follow-up becomes overdue; the needs analysis and the visit coverage against the CBS
//! establishment counts follow; duplicates are refused or merged; and "vergeet deze persoon"
//! leaves the person's data in no record, version, export or audit line.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{Account, TestApp};

const NOTE: &str = "Overweegt verhuizing naar Gronau";
const NAME: &str = "Jolien Haverkamp";
const EMAIL: &str = "jolien.haverkamp@bakkerij-voorbeeld.nl";
const PHONE: &str = "053 481 22 33";

async fn create(app: &TestApp, who: &Account, collection: &str, body: Value) -> String {
    app.post_as(&who.key, &format!("/api/v1/{collection}"), &body, 201)
        .await["id"]
        .as_str()
        .expect("id")
        .to_string()
}

/// GETs `path` and returns the body as text, asserting the status.
async fn text(app: &TestApp, key: Option<&str>, path: &str, status: u16) -> String {
    let res = app.send(Method::GET, path, key, None, None).await;
    assert_eq!(res.status().as_u16(), status, "{:?} GET {path}", app.backend);
    res.text().await.expect("body")
}

/// The invalid parameters of a 400 answer, as (name, reason).
fn faults(problem: &Value) -> Vec<(String, String)> {
    problem["invalidParams"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or("").into(),
                p["reason"].as_str().unwrap_or("").into(),
            )
        })
        .collect()
}

/// A web page as the holder of `who`'s account sees it.
async fn page(app: &TestApp, who: &Account, path: &str) -> String {
    let (session, _) = crate::inloggen::log_in(app, who).await;
    crate::inloggen::page(app, &session, path, 200).await
}

#[tokio::test]
async fn a_visit_its_needs_its_follow_up_and_a_confidential_note_across_two_organisations() {
    for app in TestApp::all_with_statistics().await {
        let a = app
            .account("am@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let b = app
            .account("am@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        let manager = create(
            &app,
            &a,
            "personen",
            json!({"organisatie": "gemeente-enschede", "naam": "Anouk Jansen",
            "functie": "accountmanager", "email": "am@enschede.nl", "zichtbaarheid": "regio"}),
        )
        .await;
        let alderman = create(
            &app,
            &a,
            "personen",
            json!({"organisatie": "gemeente-enschede", "naam": "Wethouder Economie",
            "functie": "wethouder", "zichtbaarheid": "regio"}),
        )
        .await;
        let company = create(
            &app,
            &a,
            "ondernemingen",
            json!({"organisatie": "gemeente-enschede", "naam": "Bakkerij Haverkamp",
            "kvkNummer": "1234 5678", "vestigingsnummer": "000012345678", "sbiCode": "1071", "grootteklasse": "10-19",
            "gemeente": "GM0153", "segment": "lokaal-mkb", "accounthouder": manager, "zichtbaarheid": "regio"}),
        )
        .await;
        let contact = create(
            &app,
            &a,
            "contactpersonen",
            json!({"organisatie": "gemeente-enschede", "naam": NAME,
            "onderneming": company, "rol": "eigenaar", "email": EMAIL, "telefoon": PHONE,
            "grondslag": "gerechtvaardigd-belang", "herzienOp": "2029-01-01", "zichtbaarheid": "regio"}),
        )
        .await;
        let visit = create(&app, &a, "bedrijfsbezoeken", json!({"organisatie": "gemeente-enschede", "onderwerp": "Kennismaking",
            "datum": "2026-10-01", "onderneming": company, "bezoekers": [manager, alderman], "contactpersonen": [contact],
            "behoeften": ["behoefte-personeel", "behoefte-huisvesting"],
            "verslag": format!("Gesprek met {NAME} over personeel en ruimte."), "vertrouwelijk": NOTE,
            "zichtbaarheid": "regio"})).await;
        let action = create(
            &app,
            &a,
            "opvolgingen",
            json!({"organisatie": "gemeente-enschede", "wat": "Werkgeversservicepunt inschakelen",
            "bezoek": visit, "eigenaar": manager, "behoefte": "behoefte-personeel", "deadline": "2026-10-15",
            "zichtbaarheid": "regio"}),
        )
        .await;

        // The visiting organisation reads its note; the colleague of Hengelo sees visit and needs only.
        let own = app
            .get_as(Some(&a.key), &format!("/api/v1/bedrijfsbezoeken/{visit}"), 200)
            .await;
        assert_eq!(own["vertrouwelijk"], NOTE, "{:?}", app.backend);
        let other = app
            .get_as(Some(&b.key), &format!("/api/v1/bedrijfsbezoeken/{visit}"), 200)
            .await;
        assert_eq!(other["behoeften"].as_array().map(Vec::len), Some(2), "{other}");
        assert!(other.get("vertrouwelijk").is_none(), "{other}");
        for path in [
            format!("/api/v1/bedrijfsbezoeken/{visit}"),
            "/api/v1/bedrijfsbezoeken".to_string(),
            "/api/v1/bedrijfsbezoeken?thema=behoefte-personeel".to_string(),
            "/api/v1/bedrijfsbezoeken/_export".to_string(),
            "/api/v1/themas/behoefte-personeel".to_string(),
            format!("/api/v1/ondernemingen/{company}/_overzicht"),
            "/api/v1/bedrijfsbezoeken/_behoeften".to_string(),
            "/api/v1/opvolgingen/_achterstallig".to_string(),
        ] {
            let body = text(&app, Some(&b.key), &path, 200).await;
            assert!(
                !body.contains("Gronau"),
                "{:?} {path} shows the note to another organisation",
                app.backend
            );
            assert!(
                body.contains(&visit) || path.contains("_behoeften") || path.contains("_achterstallig"),
                "{path}: {body}"
            );
        }
        for path in [
            format!("/bedrijfsbezoeken/{visit}"),
            "/bedrijfsbezoeken".to_string(),
            format!("/ondernemingen/{company}"),
            "/themas/behoefte-personeel".to_string(),
            "/zoeken?q=Gronau".to_string(),
            "/ondernemers".to_string(),
        ] {
            let html = page(&app, &b, &path).await;
            assert!(
                !html.contains("Gronau") || path.starts_with("/zoeken"),
                "{:?} page {path} shows the note",
                app.backend
            );
            if path.starts_with("/zoeken") {
                assert!(!html.contains(NOTE), "search finds the note");
            }
        }
        assert!(page(&app, &a, &format!("/bedrijfsbezoeken/{visit}"))
            .await
            .contains(NOTE));

        // One view of the company, for the other organisation too.
        let view = app
            .get_as(
                Some(&b.key),
                &format!("/api/v1/ondernemingen/{company}/_overzicht"),
                200,
            )
            .await;
        assert_eq!(view["bezoeken"][0]["organisatie"]["id"], "gemeente-enschede");
        assert_eq!(view["bezoeken"][0]["bezoekers"].as_array().map(Vec::len), Some(2));
        assert_eq!(view["opvolging"][0]["opvolging"]["id"], action);

        // The follow-up is overdue: in the overdue view, per owner, and for the owner.
        let late = app
            .get_as(
                Some(&b.key),
                "/api/v1/opvolgingen/_achterstallig?peildatum=2026-11-01",
                200,
            )
            .await;
        assert_eq!(late["teLaat"][0]["opvolging"]["id"], action, "{late}");
        assert_eq!(late["teLaat"][0]["dagenTeLaat"], 17);
        assert_eq!(late["perEigenaar"][0]["wie"]["titel"], "Anouk Jansen");
        assert_eq!(late["perOrganisatie"][0]["laat"], 1);
        let before = app
            .get_as(
                Some(&b.key),
                "/api/v1/opvolgingen/_achterstallig?peildatum=2026-10-10",
                200,
            )
            .await;
        assert_eq!(before["teLaat"], json!([]));
        let mine = app
            .get_as(
                Some(&a.key),
                "/api/v1/opvolgingen/_achterstallig?eigenaar=AM@enschede.nl",
                200,
            )
            .await;
        assert_eq!(mine["teLaat"].as_array().map(Vec::len), Some(1), "{mine}");
        assert!(page(&app, &a, "/account")
            .await
            .contains("Werkgeversservicepunt inschakelen"));

        // The needs analysis counts the visit.
        let needs = app
            .get_as(
                Some(&b.key),
                "/api/v1/bedrijfsbezoeken/_behoeften?gemeente=GM0153&van=2026-01-01",
                200,
            )
            .await;
        assert_eq!(needs["bezoeken"], 1);
        let staff = needs["behoeften"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["behoefte"]["id"] == "behoefte-personeel")
            .expect("personeel counted");
        assert_eq!(
            (
                staff["bezoeken"].as_u64(),
                staff["acties"].as_u64(),
                staff["afgedaan"].as_u64()
            ),
            (Some(1), Some(1), Some(0))
        );
        assert!(needs["verdeling"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kenmerk"] == "sbiSectie"
                && c["waarde"]["id"] == "C"
                && c["behoefte"]["id"] == "behoefte-huisvesting"));
        assert_eq!(needs["bezoekers"][0]["bezoeken"], 1);
        let none = app
            .get_as(Some(&b.key), "/api/v1/bedrijfsbezoeken/_behoeften?gemeente=GM0164", 200)
            .await;
        assert_eq!(none["bezoeken"], 0);
        // The action done 20 days after the visit.
        let current = app
            .send(
                Method::GET,
                &format!("/api/v1/opvolgingen/{action}"),
                Some(&a.key),
                None,
                None,
            )
            .await;
        let etag = current.headers()["etag"].to_str().unwrap().to_string();
        let mut done: Value = current.json().await.unwrap();
        done["status"] = json!("afgedaan");
        done["afgedaanOp"] = json!("2026-10-21");
        done["bezoek"] = json!(visit);
        done["eigenaar"] = json!(manager);
        done["behoefte"] = json!("behoefte-personeel");
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/opvolgingen/{action}"),
                Some(&a.key),
                Some(&done),
                Some(&etag),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
        let needs = app
            .get_as(Some(&b.key), "/api/v1/bedrijfsbezoeken/_behoeften", 200)
            .await;
        let staff = needs["behoeften"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["behoefte"]["id"] == "behoefte-personeel")
            .unwrap()
            .clone();
        assert_eq!(staff["gemiddeldDagenTotAfgedaan"], 20.0, "{staff}");

        // Coverage: one of CBS's 1,570 establishments of B–F in Enschede (KWB 2020) visited.
        create(
            &app,
            &a,
            "ondernemingen",
            json!({"organisatie": "gemeente-enschede", "naam": "Bakkerij Haverkamp Oost",
            "kvkNummer": "12345678", "vestigingsnummer": "000087654321", "sbiCode": "10", "gemeente": "GM0153",
            "segment": "lokaal-mkb", "zichtbaarheid": "regio"}),
        )
        .await;
        let cover = app
            .get_as(Some(&b.key), "/api/v1/ondernemingen/_dekking?gemeente=GM0153", 200)
            .await;
        let bf = cover["groepen"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["sbiGroep"] == "B–F")
            .expect("B–F")
            .clone();
        assert_eq!(
            (bf["ondernemingen"].as_u64(), bf["bezocht"].as_u64()),
            (Some(2), Some(1)),
            "{bf}"
        );
        assert_eq!(bf["vestigingen"], 1570.0);
        assert_eq!(bf["jaar"], 2020);
        let share = bf["aandeelBezocht"].as_f64().unwrap();
        assert!((share - 1.0 / 1570.0).abs() < 1e-12, "{share}");
        assert!(cover["bron"].as_str().unwrap().contains("Bron: CBS"));
        let p = app.get_as(None, "/api/v1/ondernemingen/_dekking", 400).await;
        assert_eq!(faults(&p)[0].0, "gemeente");
        let p = app
            .get_as(None, "/api/v1/ondernemingen/_dekking?gemeente=AM05", 400)
            .await;
        assert!(faults(&p)[0].1.contains("geen gemeentecode"), "{p}");
    }
}

#[tokio::test]
async fn duplicates_are_refused_told_apart_by_vestigingsnummer_and_merged_with_every_visit() {
    for app in TestApp::all().await {
        let a = app
            .account("am@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let b = app
            .account("am@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        let person = create(
            &app,
            &b,
            "personen",
            json!({"organisatie": "gemeente-hengelo", "naam": "Bas Hengelo",
            "functie": "accountmanager", "zichtbaarheid": "regio"}),
        )
        .await;
        let company = |name: &str, branch: &str| {
            json!({"organisatie": "gemeente-enschede", "naam": name, "kvkNummer": "87654321", "vestigingsnummer": branch,
                "sbiCode": "4711", "gemeente": "GM0153", "segment": "regionaal", "zichtbaarheid": "regio"})
        };
        let first = create(
            &app,
            &a,
            "ondernemingen",
            company("Supermarkt De Hoek B.V.", "000000000001"),
        )
        .await;
        // The same KvK number and vestigingsnummer: refused, naming the existing company.
        let p = app
            .post_as(
                &a.key,
                "/api/v1/ondernemingen",
                &company("Supermarkt De Hoek", "000000000001"),
                400,
            )
            .await;
        let f = faults(&p);
        assert_eq!(f[0].0, "kvkNummer", "{p}");
        assert!(f[0].1.contains(&format!("/ondernemingen/{first}")), "{p}");
        // Hengelo cannot see it if it were private, but is told it exists.
        // Another branch of the same KvK number is allowed.
        let branch = create(
            &app,
            &a,
            "ondernemingen",
            company("Supermarkt De Hoek Centrum", "000000000002"),
        )
        .await;
        // A look-alike without the legal form, as a CRM user creates it.
        let twin = create(&app, &a, "ondernemingen", json!({"organisatie": "gemeente-enschede", "naam": "supermarkt de hoek",
            "kvkNummer": "11112222", "sbiCode": "4711", "gemeente": "GM0153", "segment": "regionaal", "zichtbaarheid": "regio"})).await;
        let alike = app.get_as(Some(&a.key), "/api/v1/ondernemingen/_gelijkend", 200).await;
        let pairs: Vec<(String, String)> = alike
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["a"]["id"].as_str().unwrap().to_string(),
                    p["b"]["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            pairs
                .iter()
                .any(|(x, y)| [x, y].contains(&&first) && [x, y].contains(&&twin)),
            "{alike}"
        );
        assert!(!pairs.iter().any(|(x, y)| [x, y].contains(&&branch)), "{alike}");

        // An existing company list as CSV (Dutch Excel format): the same checks, all or nothing.
        let csv = |rows: &str| format!("organisatie;naam;kvkNummer;vestigingsnummer;sbiCode;gemeente;segment\n{rows}");
        let import = |body: String| {
            app.client
                .post(format!("{}/api/v1/ondernemingen/_import", app.address))
                .bearer_auth(&a.key)
                .header("content-type", "text/csv")
                .body(body)
                .send()
        };
        let res = import(csv(
            "gemeente-enschede;Nieuwe Winkel;55556666;;4711;Enschede;regionaal\n\
             gemeente-enschede;Supermarkt De Hoek;87654321;000000000001;4711;Enschede;regionaal\n",
        ))
        .await
        .unwrap();
        assert_eq!(res.status().as_u16(), 400);
        let p: Value = res.json().await.unwrap();
        let f = faults(&p);
        assert!(f[0].0.starts_with("regel") && f[0].0.contains("kvkNummer"), "{p}");
        assert!(f[0].1.contains(&first), "{p}");
        let res = import(csv("gemeente-enschede;Twee Keer;66667777;;4711;Enschede;regionaal\n\
             gemeente-enschede;Twee Keer Ook;6666 7777;;4711;Enschede;regionaal\n"))
        .await
        .unwrap();
        assert_eq!(res.status().as_u16(), 400);
        let p: Value = res.json().await.unwrap();
        assert!(faults(&p).iter().any(|(_, r)| r.contains("dezelfde invoer")), "{p}");
        let listed = app.get_as(Some(&a.key), "/api/v1/ondernemingen", 200).await;
        assert_eq!(
            listed["paginering"]["totaal"], 3,
            "nothing of the refused files was written: {listed}"
        );
        let res = import(csv(
            "gemeente-enschede;Nieuwe Winkel;55556666;;4711;Enschede;regionaal\n",
        ))
        .await
        .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());

        // Hengelo visited the twin; Enschede merges the twin into the first.
        let visit = create(
            &app,
            &b,
            "bedrijfsbezoeken",
            json!({"organisatie": "gemeente-hengelo", "onderwerp": "Vacatures",
            "datum": "2026-09-01", "onderneming": twin, "bezoekers": [person], "behoeften": ["behoefte-personeel"],
            "zichtbaarheid": "regio"}),
        )
        .await;
        let action = create(
            &app,
            &b,
            "opvolgingen",
            json!({"organisatie": "gemeente-hengelo", "wat": "Terugbellen",
            "bezoek": visit, "eigenaar": person, "deadline": "2026-09-15", "zichtbaarheid": "regio"}),
        )
        .await;
        // Hengelo may not merge Enschede's companies.
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/ondernemingen/{first}/_samenvoegen"),
                Some(&b.key),
                Some(&json!({"met": twin})),
                None,
            )
            .await;
        assert_eq!(res.status().as_u16(), 403);
        let p = app
            .post_as(
                &a.key,
                &format!("/api/v1/ondernemingen/{first}/_samenvoegen"),
                &json!({"met": first}),
                400,
            )
            .await;
        assert_eq!(faults(&p)[0].0, "met");
        let merged = app
            .post_as(
                &a.key,
                &format!("/api/v1/ondernemingen/{first}/_samenvoegen"),
                &json!({"met": twin}),
                200,
            )
            .await;
        assert_eq!(merged["bezoeken"][0]["bezoek"]["id"], visit, "{merged}");
        assert_eq!(merged["opvolging"][0]["opvolging"]["id"], action);
        let moved = app
            .get_as(Some(&b.key), &format!("/api/v1/bedrijfsbezoeken/{visit}"), 200)
            .await;
        assert_eq!(moved["onderneming"]["id"], first, "{moved}");
        app.get_as(Some(&a.key), &format!("/api/v1/ondernemingen/{twin}"), 404)
            .await;
        let log = app.get_as(Some(&a.key), "/api/v1/auditlog", 200).await;
        assert!(
            log["regels"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|l| l["actie"] == "samengevoegd" && l.to_string().contains(&twin)),
            "{log}"
        );
        let log_b = app.get_as(Some(&b.key), "/api/v1/auditlog", 200).await;
        assert!(
            log_b.to_string().contains(&visit),
            "Hengelo's log shows its visit changed by the merge"
        );
    }
}

#[tokio::test]
async fn a_forgotten_contact_person_is_in_no_record_version_export_or_audit_line() {
    for app in TestApp::all().await {
        let a = app
            .account("am@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let b = app
            .account("am@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        let company = create(&app, &a, "ondernemingen", json!({"organisatie": "gemeente-enschede", "naam": "Metaalbewerking Twente",
            "kvkNummer": "22223333", "sbiCode": "2562", "gemeente": "GM0153", "segment": "nationaal", "zichtbaarheid": "regio"})).await;
        let contact = create(
            &app,
            &a,
            "contactpersonen",
            json!({"organisatie": "gemeente-enschede", "naam": NAME,
            "onderneming": company, "email": "oud.adres@voorbeeld.nl", "telefoon": PHONE,
            "grondslag": "gerechtvaardigd-belang", "herzienOp": "2026-06-01", "zichtbaarheid": "regio"}),
        )
        .await;
        // A second version with another address: the old one must go too.
        let current = app
            .send(
                Method::GET,
                &format!("/api/v1/contactpersonen/{contact}"),
                Some(&a.key),
                None,
                None,
            )
            .await;
        let etag = current.headers()["etag"].to_str().unwrap().to_string();
        let mut body: Value = current.json().await.unwrap();
        body["email"] = json!(EMAIL);
        body["onderneming"] = json!(company);
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/contactpersonen/{contact}"),
                Some(&a.key),
                Some(&body),
                Some(&etag),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
        let visit = create(&app, &b, "bedrijfsbezoeken", json!({"organisatie": "gemeente-hengelo", "onderwerp": "Stage",
            "datum": "2026-09-01", "onderneming": company, "contactpersonen": [contact], "behoeften": ["behoefte-personeel"],
            "verslag": format!("Gesproken met {NAME} ({EMAIL})."), "zichtbaarheid": "regio"})).await;

        // Past the review date: on the review list, with the export of their data.
        let review = app.get_as(Some(&a.key), "/api/v1/contactpersonen/_herzien", 200).await;
        assert_eq!(review[0]["contactpersoon"]["id"], contact, "{review}");
        assert_eq!(review[0]["reden"], "herzieningsdatum");
        let export = app
            .get_as(Some(&a.key), &format!("/api/v1/contactpersonen/{contact}/_export"), 200)
            .await;
        assert_eq!(export["versies"].as_array().map(Vec::len), Some(2));
        assert_eq!(export["vermeldIn"][0]["id"], visit);
        assert!(export.to_string().contains("oud.adres@voorbeeld.nl"));
        // Hengelo sees the person but may not erase them.
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/contactpersonen/{contact}/_vergeten"),
                Some(&b.key),
                None,
                None,
            )
            .await;
        assert_eq!(res.status().as_u16(), 403);

        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/contactpersonen/{contact}/_vergeten"),
                Some(&a.key),
                None,
                None,
            )
            .await;
        assert_eq!(res.status().as_u16(), 204, "{}", res.text().await.unwrap());
        app.get_as(Some(&a.key), &format!("/api/v1/contactpersonen/{contact}"), 404)
            .await;
        let after = app
            .get_as(Some(&b.key), &format!("/api/v1/bedrijfsbezoeken/{visit}"), 200)
            .await;
        assert_eq!(after["contactpersonen"], json!([]), "{after}");
        let needles = [NAME, EMAIL, "oud.adres@voorbeeld.nl", PHONE];
        for who in [&a, &b] {
            for path in [
                "/api/v1/contactpersonen".to_string(),
                "/api/v1/contactpersonen/_export".to_string(),
                "/api/v1/bedrijfsbezoeken".to_string(),
                "/api/v1/bedrijfsbezoeken/_export".to_string(),
                format!("/api/v1/bedrijfsbezoeken/{visit}"),
                format!("/api/v1/ondernemingen/{company}/_overzicht"),
                "/api/v1/auditlog".to_string(),
                "/api/v1/contactpersonen/_herzien".to_string(),
                "/api/v1/themas/behoefte-personeel".to_string(),
            ] {
                let body = text(&app, Some(&who.key), &path, 200).await;
                for n in needles {
                    assert!(!body.contains(n), "{:?} {path} still holds '{n}'", app.backend);
                }
            }
            let html = page(&app, who, &format!("/zoeken?q={}", "Haverkamp")).await;
            assert!(!html.contains(NAME));
        }
        let log = text(&app, Some(&a.key), "/api/v1/auditlog", 200).await;
        assert!(log.contains("gewist"), "the audit log says a person was erased");
        if app.backend == crate::helpers::Backend::Sqlite {
            let dir = app.config.data_dir.clone();
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                for n in needles {
                    assert!(
                        !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
                        "'{n}' is still in the database file {}",
                        path.display()
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn bad_company_and_visit_input_is_named_at_its_field_and_nothing_is_written() {
    for app in TestApp::all_with_statistics().await {
        let a = app
            .account("am@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let company = create(
            &app,
            &a,
            "ondernemingen",
            json!({"organisatie": "gemeente-enschede", "naam": "Drukkerij",
            "kvkNummer": "33334444", "sbiCode": "1812", "gemeente": "GM0153", "segment": "regionaal"}),
        )
        .await;
        let p = app
            .post_as(
                &a.key,
                "/api/v1/ondernemingen",
                &json!({"organisatie": "gemeente-enschede", "naam": "Fout",
                "kvkNummer": "1234567", "sbiCode": "4000", "gemeente": "GM0153", "segment": "regionaal"}),
                400,
            )
            .await;
        let f = faults(&p);
        let at = |name: &str| {
            f.iter()
                .find(|(n, _)| n == name)
                .map(|(_, r)| r.clone())
                .unwrap_or_default()
        };
        assert!(at("kvkNummer").contains("8 cijfers"), "{p}");
        assert!(at("sbiCode").contains("4000"), "{p}");
        let p = app
            .post_as(
                &a.key,
                "/api/v1/bedrijfsbezoeken",
                &json!({"organisatie": "gemeente-enschede", "onderwerp": "Toekomst",
                "datum": "2099-01-01", "onderneming": company, "behoeften": ["bestaat-niet", "werkloosheid"]}),
                400,
            )
            .await;
        let f = faults(&p);
        let reasons: Vec<&str> = f
            .iter()
            .filter(|(n, _)| n.starts_with("behoeften"))
            .map(|(_, r)| r.as_str())
            .collect();
        assert!(f.iter().any(|(n, r)| n == "datum" && r.contains("toekomst")), "{p}");
        assert!(reasons.iter().any(|r| r.contains("bestaat-niet")), "{p}");
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("werkloosheid") && r.contains("ondernemersbehoefte")),
            "{p}"
        );
        let companies = app.get_as(Some(&a.key), "/api/v1/ondernemingen", 200).await;
        assert_eq!(companies["paginering"]["totaal"], 1, "{companies}");
        let visits = app.get_as(Some(&a.key), "/api/v1/bedrijfsbezoeken", 200).await;
        assert!(!visits.to_string().contains("Toekomst"));
    }
}
