// SPDX-License-Identifier: EUPL-1.2
//! Verslagen (issue 16) through the API and the pages, on SQLite and PostgreSQL: the seed report
//! read into a proposal (its attendees matched to people and gemeenten, its topics, themes and
//! action items), one item corrected and the whole saved; the items on the owner's page, the
//! body's page and the theme page; an overdue one in the action list and in "wie heeft nog niet
//! geleverd?"; marked done with an update; files that cannot be read refused with nothing saved.

use serde_json::{json, Value};

use crate::helpers::TestApp;

fn report(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/verslagen")
            .join(name),
    )
    .expect("report file")
}

async fn propose(app: &TestApp, key: &str, bytes: Vec<u8>, name: &str) -> reqwest::Response {
    app.client
        .post(format!(
            "{}/api/v1/bijeenkomsten/_voorstel?bestandsnaam={name}",
            app.address
        ))
        .bearer_auth(key)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_report_becomes_a_meeting_with_action_items_that_are_followed_up() {
    for app in TestApp::all().await {
        let be = app.backend;
        let e = app
            .account(
                "verslag@enschede.example",
                "gemeente-enschede",
                Some("AM05"),
                "redacteur",
            )
            .await;
        let kampman = app
            .post_as(
                &e.key,
                "/api/v1/personen",
                &json!({"naam": "Arjan Kampman", "functie": "wethouder", "portefeuille": "Economie en werk",
                        "themas": ["human-capital"], "zichtbaarheid": "regio"}),
                201,
            )
            .await;
        let kampman = kampman["id"].as_str().unwrap().to_string();
        let body = app
            .post_as(
                &e.key,
                "/api/v1/overleggen",
                &json!({"naam": "Bestuurlijk Netwerk Economie", "deelnemers": [kampman], "frequentie": 4, "duur": 1.5,
                        "mandaat": "adviserend", "zichtbaarheid": "regio"}),
                201,
            )
            .await;
        let body_id = body["id"].as_str().unwrap().to_string();

        // The proposal: nothing saved yet.
        let res = propose(
            &app,
            &e.key,
            report("vng-bestuurlijk-netwerk-economie-2025-04-16.txt"),
            "verslag.txt",
        )
        .await;
        assert_eq!(res.status(), 200, "{be:?}");
        let p: Value = res.json().await.unwrap();
        let m = &p["bijeenkomst"];
        assert_eq!(m["datum"], "2025-04-16", "{be:?}");
        assert_eq!(
            (m["begintijd"].as_str(), m["eindtijd"].as_str()),
            (Some("14:00"), Some("15:30"))
        );
        assert_eq!(m["overleg"], body_id.as_str(), "{be:?}: the body its title names");
        let attendees = m["aanwezigen"].as_array().unwrap();
        assert_eq!(attendees.len(), 13, "{be:?}");
        let org = |name: &str| {
            attendees
                .iter()
                .find(|a| a["naam"] == name)
                .and_then(|a| a["organisatie"].as_str())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            org("Marianne Poelman"),
            "Súdwest-Fryslân",
            "{be:?}: as the registry spells it"
        );
        assert_eq!(org("Jeroen Hartsuiker"), "Borger-Odoorn", "{be:?}");
        assert_eq!(org("Tjeerd Leistra"), "G40");
        assert_eq!(attendees.iter().filter(|a| a["organisatie"] == "VNG").count(), 5);
        let gemeenten: Vec<&str> = p["gemeenten"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|g| g["code"].as_str())
            .collect();
        for code in ["GM0153", "GM0512", "GM1883", "GM1900", "GM1735", "GM0828", "GM1681"] {
            assert!(gemeenten.contains(&code), "{be:?}: {code} in {gemeenten:?}");
        }
        assert_eq!(
            attendees[0]["persoon"],
            kampman.as_str(),
            "{be:?}: matched to the register"
        );
        let topics = m["onderwerpen"].as_array().unwrap();
        assert_eq!(topics.len(), 2);
        assert!(topics[1]["presentatoren"]
            .as_str()
            .unwrap()
            .contains("Maikel Gijzen (VNG)"));
        let themes: Vec<&str> = m["themas"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for t in ["human-capital", "arbeidsmarktregio", "sroi", "duo-aanpak"] {
            assert!(themes.contains(&t), "{be:?}: {t} in {themes:?}");
        }
        let items = p["actiepunten"].as_array().unwrap();
        assert!(items.len() >= 24, "{be:?}: {}", items.len());
        assert!(
            items.iter().all(|i| !i["reden"].as_str().unwrap().is_empty()),
            "every item says why"
        );
        assert_eq!(
            app.get_as(Some(&e.key), "/api/v1/bijeenkomsten", 200).await["paginering"]["totaal"],
            0,
            "{be:?}: a proposal saves nothing"
        );

        // Correct the first item (owner, due date three days ago, a real action), keep five, save.
        // The application's today (the date in the Netherlands), whatever the hour in UTC.
        let today = samenhang_app::records::today();
        let mut meeting = m.clone();
        meeting["zichtbaarheid"] = json!("regio");
        let mut kept: Vec<Value> = items.iter().take(5).map(|i| i["actiepunt"].clone()).collect();
        kept[0]["eigenaar"] = json!(kampman);
        kept[0]["soort"] = json!("actiepunt");
        kept[0]["deadline"] = json!((today - chrono::Duration::days(3)).to_string());
        kept[0]["themas"] = json!(["human-capital"]);
        for k in kept.iter_mut() {
            k["zichtbaarheid"] = json!("regio");
        }
        // A fault in one item: nothing at all is saved, the fault names the item.
        let mut wrong = kept.clone();
        wrong[3]["deadline"] = json!("morgen");
        let problem = app
            .post_as(
                &e.key,
                "/api/v1/bijeenkomsten/_vastleggen",
                &json!({"bijeenkomst": meeting, "actiepunten": wrong}),
                400,
            )
            .await;
        assert_eq!(
            problem["invalidParams"][0]["name"], "actiepunten[3].deadline",
            "{be:?}: {problem}"
        );
        assert_eq!(
            app.get_as(Some(&e.key), "/api/v1/actiepunten", 200).await["paginering"]["totaal"],
            0
        );
        let saved = app
            .post_as(
                &e.key,
                "/api/v1/bijeenkomsten/_vastleggen",
                &json!({"bijeenkomst": meeting, "actiepunten": kept}),
                201,
            )
            .await;
        let meeting_id = saved["bijeenkomst"].as_str().unwrap().to_string();
        let first = saved["actiepunten"][0].as_str().unwrap().to_string();
        assert_eq!(saved["actiepunten"].as_array().unwrap().len(), 5);
        let item = app
            .get_as(Some(&e.key), &format!("/api/v1/actiepunten/{first}"), 200)
            .await;
        assert_eq!(item["bijeenkomst"]["id"], meeting_id.as_str(), "{be:?}: {item}");
        assert!(!item["bronzin"].as_str().unwrap().is_empty());
        let shown = app
            .get_as(Some(&e.key), &format!("/api/v1/bijeenkomsten/{meeting_id}"), 200)
            .await;
        assert!(
            shown["samenvatting"].as_str().is_some_and(|s| s.len() > 40),
            "{be:?}: a summary"
        );

        // Overdue: first in the owner's list, in "wie heeft nog niet geleverd?".
        let list = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/actiepunten/_lijst?eigenaar={kampman}"),
                200,
            )
            .await;
        assert_eq!(
            list["actiepunten"][0]["actiepunt"]["id"],
            first.as_str(),
            "{be:?}: {list}"
        );
        assert_eq!(list["actiepunten"][0]["dagenTeLaat"], 3);
        assert_eq!(list["teLaat"], 1);
        let by_body = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/actiepunten/_lijst?overleg={body_id}"),
                200,
            )
            .await;
        assert_eq!(by_body["open"], 5, "{be:?}: the body's meeting's items");
        let portfolio = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/actiepunten/_lijst?wethouder={kampman}"),
                200,
            )
            .await;
        assert!(portfolio["open"].as_u64().unwrap() >= 1, "{be:?}");
        let late = app.get_as(Some(&e.key), "/api/v1/afspraken/_achterstallig", 200).await;
        assert_eq!(
            late["actiepunten"][0]["actiepunt"]["id"],
            first.as_str(),
            "{be:?}: {late}"
        );

        // The pages: the owner's, the body's, the theme's, the meeting's.
        let (session, _) = crate::inloggen::log_in(&app, &e).await;
        let wat = item["wat"].as_str().unwrap().to_string();
        let escaped = wat.replace('\'', "&#39;");
        for path in [
            format!("/personen/{kampman}"),
            format!("/overleggen/{body_id}"),
            "/themas/human-capital".to_string(),
            format!("/bijeenkomsten/{meeting_id}"),
            "/actiepunten".to_string(),
            "/afspraken".to_string(),
        ] {
            let page = crate::inloggen::page(&app, &session, &path, 200).await;
            assert!(
                page.contains(&escaped) || page.contains(&wat),
                "{be:?}: {path} shows the item"
            );
            if path != "/themas/human-capital" {
                assert!(page.contains("3 dagen te laat"), "{be:?}: {path} shows it overdue");
            }
        }

        // Done, with an update: no longer open, the update shown.
        let mut done = item.clone();
        done["status"] = json!("afgedaan");
        done["updates"] = json!([{"datum": today.to_string(), "tekst": "Besproken in het college; geregeld."}]);
        let res = app
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/actiepunten/{first}"),
                Some(&e.key),
                Some(&done),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 200, "{be:?}: {}", res.text().await.unwrap_or_default());
        let list = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/actiepunten/_lijst?eigenaar={kampman}"),
                200,
            )
            .await;
        assert_eq!(list["open"], 0, "{be:?}");
        let all = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/actiepunten/_lijst?eigenaar={kampman}&alle=ja"),
                200,
            )
            .await;
        assert_eq!(all["actiepunten"][0]["status"], "afgedaan");
        assert!(all["actiepunten"][0]["laatsteUpdate"]
            .as_str()
            .unwrap()
            .contains("geregeld"));

        // Found by search at once, with a stem ("visies" finds "visie"), narrowed by kind and
        // theme; counted per kind.
        let found = app
            .get_as(Some(&e.key), "/api/v1/zoeken?q=gedeeld%20begrippenkader%20visies", 200)
            .await;
        assert_eq!(found["resultaten"][0]["id"], saved["actiepunten"][0], "{be:?}: {found}");
        let found = app
            .get_as(Some(&e.key), "/api/v1/zoeken?q=bestuurlijk&soort=bijeenkomst", 200)
            .await;
        assert_eq!(found["resultaten"][0]["id"], meeting_id.as_str(), "{be:?}: {found}");
        assert!(found["perSoort"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["id"] == "bijeenkomst"));
        let on_theme = app
            .get_as(
                Some(&e.key),
                "/api/v1/zoeken?q=visie&thema=human-capital&soort=actiepunt",
                200,
            )
            .await;
        assert_eq!(on_theme["totaal"], 1, "{be:?}: {on_theme}");

        // Marked regio: another region sees none of it, not in the list, not in search or its
        // counts.
        let u = app
            .account("verslag@utrecht.example", "gemeente-utrecht", Some("AM13"), "redacteur")
            .await;
        let theirs = app
            .get_as(Some(&u.key), "/api/v1/actiepunten/_lijst?alle=ja", 200)
            .await;
        assert_eq!(theirs["actiepunten"].as_array().unwrap().len(), 0, "{be:?}");
        let theirs = app.get_as(Some(&u.key), "/api/v1/zoeken?q=begrippenkader", 200).await;
        assert_eq!(theirs["totaal"], 0, "{be:?}: {theirs}");
        assert_eq!(theirs["perSoort"].as_array().unwrap().len(), 0, "{be:?}");

        // A later proposal suggests the owner of earlier items on the same theme.
        let text = "Verslag\n\nDatum 1 december 2026\n\nAanwezigen Jan Jansen (Enschede)\n\nAfgesproken:\n\n- Menselijk kapitaal beter benutten in de regio\n";
        let res = propose(&app, &e.key, text.as_bytes().to_vec(), "kort.txt").await;
        let p: Value = res.json().await.unwrap();
        let suggestion = &p["actiepunten"][0]["voorgesteldeEigenaar"];
        assert_eq!(suggestion["id"], kampman.as_str(), "{be:?}: {p}");
        assert!(suggestion["reden"].as_str().unwrap().contains("human capital"));
    }
}

#[tokio::test]
async fn files_that_cannot_be_read_are_refused_and_nothing_is_saved() {
    for app in TestApp::all().await {
        let be = app.backend;
        let e = app
            .account("kapot@enschede.example", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let pdf = report("bestanden/verslag.pdf");
        for (bytes, name, says) in [
            (report("bestanden/scan.pdf"), "scan.pdf", "scan"),
            (report("bestanden/beveiligd.pdf"), "beveiligd.pdf", "wachtwoord"),
            (pdf[..pdf.len() / 3].to_vec(), "kapot.pdf", "beschadigd"),
            (
                b"Dit is geen Word-bestand".to_vec(),
                "verslag.docx",
                "geen geldig .docx",
            ),
            (Vec::new(), "leeg.txt", "leeg"),
        ] {
            let res = propose(&app, &e.key, bytes, name).await;
            assert_eq!(res.status(), 400, "{be:?}: {name}");
            let problem: Value = res.json().await.unwrap();
            let reason = problem["invalidParams"][0]["reason"].as_str().unwrap_or_default();
            assert!(reason.contains(says), "{be:?}: {name}: {problem}");
        }
        // Over the size limit: refused before it is read.
        let res = propose(&app, &e.key, vec![b'x'; 11 * 1024 * 1024], "groot.txt").await;
        assert_eq!(res.status(), 413, "{be:?}");
        // The PDF and Word versions of the seed report read like the text.
        for name in ["bestanden/verslag.pdf", "bestanden/verslag.docx"] {
            let res = propose(&app, &e.key, report(name), name.trim_start_matches("bestanden/")).await;
            assert_eq!(res.status(), 200, "{be:?}: {name}");
            let p: Value = res.json().await.unwrap();
            assert_eq!(
                p["bijeenkomst"]["aanwezigen"].as_array().unwrap().len(),
                13,
                "{be:?}: {name}"
            );
        }
        // Without a key: 401; as anyone: nothing saved.
        let res = app
            .client
            .post(format!("{}/api/v1/bijeenkomsten/_voorstel", app.address))
            .body("Datum 1 maart 2026")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{be:?}");
        assert_eq!(
            app.get_as(Some(&e.key), "/api/v1/bijeenkomsten", 200).await["paginering"]["totaal"],
            0
        );
    }
}

/// Two servers on one database: a record written through one is found by a search on the
/// other at once (the index catches up with the audit log before it searches), and a deleted
/// one is gone.
#[tokio::test]
async fn a_record_written_through_one_server_is_found_through_the_other() {
    for first in TestApp::all().await {
        let be = first.backend;
        let second = TestApp::on(be, first.config.clone(), tempfile::tempdir().unwrap()).await;
        let e = first
            .account("zoek@meppel.example", "gemeente-meppel", Some("AM03"), "redacteur")
            .await;
        let scheme = first
            .post_as(
                &e.key,
                "/api/v1/regelingen",
                &json!({"titel": "Loonkostensubsidie Meppel", "zichtbaarheid": "openbaar", "aanbieder": "gemeente-meppel",
                        "gebied": "GM0119", "doelgroepen": ["bijstand"], "instrument": "loonkostensubsidie", "budget": 10000,
                        "geldsoort": "doe-geld", "omschrijving": "Voor werkgevers die iemand uit de bijstand in dienst nemen."}),
                201,
            )
            .await;
        let id = scheme["id"].as_str().unwrap();
        let found = second.get_as(None, "/api/v1/zoeken?q=loonkostensubsidie", 200).await;
        assert_eq!(found["resultaten"][0]["id"], id, "{be:?}: {found}");
        let res = first
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/regelingen/{id}"),
                Some(&e.key),
                None,
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 204, "{be:?}");
        let found = second.get_as(None, "/api/v1/zoeken?q=loonkostensubsidie", 200).await;
        assert_eq!(found["totaal"], 0, "{be:?}: {found}");
    }
}
