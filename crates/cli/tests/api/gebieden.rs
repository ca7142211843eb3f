// SPDX-License-Identifier: EUPL-1.2
//! `/api/v1/gebieden`: the region registry through the API.

use crate::helpers::TestApp;

#[tokio::test]
async fn gemeenten_in_2026_total_exactly_342() {
    for app in TestApp::all().await {
        let body = app.get_json("/api/v1/gebieden?soort=gemeente&jaar=2026", 200).await;
        assert_eq!(body["paginering"]["totaal"], 342, "{:?}", app.backend);
        assert_eq!(body["gebieden"].as_array().unwrap().len(), 20);
        assert_eq!(body["paginering"]["aantalPaginas"], 18);
        let last = app
            .get_json("/api/v1/gebieden?soort=gemeente&jaar=2026&pagina=18", 200)
            .await;
        assert_eq!(last["gebieden"].as_array().unwrap().len(), 2);
        assert!(last["_links"].get("next").is_none());
        let am = app
            .get_json(
                "/api/v1/gebieden?soort=arbeidsmarktregio&jaar=2026&paginaGrootte=100",
                200,
            )
            .await;
        assert_eq!(am["paginering"]["totaal"], 35);
        let pv = app.get_json("/api/v1/gebieden?soort=provincie", 200).await;
        assert_eq!(pv["paginering"]["totaal"], 12);
        let cr = app
            .get_json("/api/v1/gebieden?soort=corop&paginaGrootte=100", 200)
            .await;
        assert_eq!(cr["paginering"]["totaal"], 40);
    }
}

#[tokio::test]
async fn enschede_lies_in_am05_twente_cr12_and_pv23_in_2026() {
    for app in TestApp::all().await {
        let body = app.get_json("/api/v1/gebieden/GM0153", 200).await;
        assert_eq!(body["naam"], "Enschede");
        assert_eq!(body["soort"], "gemeente");
        let years = body["lidmaatschappen"].as_array().unwrap();
        assert_eq!(years.len(), 17, "2010–2026");
        let y2026 = years.iter().find(|m| m["jaar"] == 2026).unwrap();
        assert_eq!(
            y2026["arbeidsmarktregio"],
            serde_json::json!({"code": "AM05", "naam": "Twente"})
        );
        assert_eq!(y2026["corop"], serde_json::json!({"code": "CR12", "naam": "Twente"}));
        assert_eq!(
            y2026["provincie"],
            serde_json::json!({"code": "PV23", "naam": "Overijssel"})
        );
        // Before 2014 the 35 arbeidsmarktregio's did not exist.
        let y2010 = years.iter().find(|m| m["jaar"] == 2010).unwrap();
        assert!(y2010.get("arbeidsmarktregio").is_none());

        let twente = app.get_json("/api/v1/gebieden/AM05", 200).await;
        assert_eq!(twente["naam"], "Twente");
        assert_eq!(twente["leden"]["jaar"], 2026);
        assert_eq!(twente["leden"]["aantal"], 14);
        assert!(twente["leden"]["gemeenten"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["code"] == "GM0153"));

        let within = app
            .get_json("/api/v1/gebieden?soort=gemeente&binnen=AM05&paginaGrootte=100", 200)
            .await;
        assert_eq!(within["paginering"]["totaal"], 14);
    }
}

#[tokio::test]
async fn weesp_names_amsterdam_as_successor_on_24_march_2022() {
    for app in TestApp::all().await {
        let weesp = app.get_json("/api/v1/gebieden/GM0457", 200).await;
        assert_eq!(weesp["geldigTot"], "2022-03-24");
        let opvolgers = weesp["opvolgers"].as_array().unwrap();
        assert_eq!(opvolgers.len(), 1);
        assert_eq!(
            opvolgers[0]["gemeente"],
            serde_json::json!({"code": "GM0363", "naam": "Amsterdam"})
        );
        assert_eq!(opvolgers[0]["datum"], "2022-03-24");
        assert_eq!(opvolgers[0]["soort"], "samenvoeging");

        let amsterdam = app.get_json("/api/v1/gebieden/GM0363", 200).await;
        assert!(amsterdam["voorgangers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["gemeente"]["code"] == "GM0457" && v["datum"] == "2022-03-24"));
    }
}

#[tokio::test]
async fn a_2018_code_maps_to_its_2026_successors() {
    for app in TestApp::all().await {
        // Haren merged into Groningen on 1 January 2019.
        let haren = app
            .get_json("/api/v1/gebieden/GM0017/opvolgers?vanJaar=2018&naarJaar=2026", 200)
            .await;
        assert_eq!(
            haren["opvolgers"],
            serde_json::json!([{"gemeente": {"code": "GM0014", "naam": "Groningen"}, "aandeel": 1.0}])
        );
        // Haaren was split over four gemeenten on 1 January 2021; shares follow the inhabitants.
        let haaren = app
            .get_json("/api/v1/gebieden/GM0788/opvolgers?vanJaar=2018", 200)
            .await;
        let parts = haaren["opvolgers"].as_array().unwrap();
        let codes: Vec<&str> = parts.iter().map(|p| p["gemeente"]["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["GM0757", "GM0824", "GM0855", "GM0865"]);
        let total: f64 = parts.iter().map(|p| p["aandeel"].as_f64().unwrap()).sum();
        assert!((total - 1.0).abs() < 1e-5);
        // An unchanged gemeente is its own successor.
        let enschede = app
            .get_json("/api/v1/gebieden/GM0153/opvolgers?vanJaar=2018", 200)
            .await;
        assert_eq!(enschede["opvolgers"][0]["gemeente"]["code"], "GM0153");
        // Weesp defaults to its last year.
        let weesp = app.get_json("/api/v1/gebieden/GM0457/opvolgers", 200).await;
        assert_eq!(weesp["vanJaar"], 2022);
        assert_eq!(weesp["opvolgers"][0]["gemeente"]["code"], "GM0363");
    }
}

#[tokio::test]
async fn search_ignores_case_and_accents_and_names_follow_the_year() {
    for app in TestApp::all().await {
        let body = app.get_json("/api/v1/gebieden?zoek=SUDWEST", 200).await;
        assert_eq!(body["gebieden"][0]["naam"], "Súdwest-Fryslân");
        let beek_2023 = app.get_json("/api/v1/gebieden?zoek=GM0888&jaar=2023", 200).await;
        assert_eq!(beek_2023["gebieden"][0]["naam"], "Beek");
        let beek_2026 = app.get_json("/api/v1/gebieden?zoek=GM0888&jaar=2026", 200).await;
        assert_eq!(beek_2026["gebieden"][0]["naam"], "Beek (L.)");
    }
}

#[tokio::test]
async fn malformed_code_is_400_naming_the_field_and_unknown_code_is_404() {
    for app in TestApp::all().await {
        let res = app.get("/api/v1/gebieden/XX12").await;
        assert_eq!(res.status(), 400);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], 400);
        assert_eq!(body["invalidParams"][0]["name"], "code");
        assert!(body["detail"].as_str().unwrap().contains("XX12"));

        let res = app.get("/api/v1/gebieden/GM9999").await;
        assert_eq!(res.status(), 404);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["title"], "Niet gevonden");
        assert!(body["detail"].as_str().unwrap().contains("GM9999"));

        let not_gm = app.get_json("/api/v1/gebieden/AM05/opvolgers", 400).await;
        assert_eq!(not_gm["invalidParams"][0]["name"], "code");
        let not_then = app
            .get_json("/api/v1/gebieden/GM0457/opvolgers?vanJaar=2024", 400)
            .await;
        assert_eq!(not_then["invalidParams"][0]["name"], "vanJaar");
    }
}

#[tokio::test]
async fn every_invalid_parameter_is_listed_at_once() {
    for app in TestApp::all().await {
        let body = app
            .get_json(
                "/api/v1/gebieden?soort=stad&jaar=1900&binnen=GM0153&paginaGrootte=1000&onbekend=1",
                400,
            )
            .await;
        let mut names: Vec<&str> = body["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["binnen", "jaar", "onbekend", "paginaGrootte", "soort"]);
    }
}
