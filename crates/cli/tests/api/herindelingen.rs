// SPDX-License-Identifier: EUPL-1.2
//! `/api/v1/herindelingen`.

use crate::helpers::TestApp;

#[tokio::test]
async fn lists_and_shows_the_weesp_merger() {
    for app in TestApp::all().await {
        let body = app
            .get_json(
                "/api/v1/herindelingen?jaar=2022&soort=samenvoeging&gemeente=GM0457",
                200,
            )
            .await;
        assert_eq!(body["paginering"]["totaal"], 1, "{:?}", app.backend);
        let e = &body["herindelingen"][0];
        assert_eq!(e["datum"], "2022-03-24");
        assert_eq!(e["opgeheven"], serde_json::json!([{"code": "GM0457", "naam": "Weesp"}]));
        let href = e["_links"]["self"]["href"].as_str().unwrap();
        let one = app.get_json(href, 200).await;
        assert_eq!(one["id"], e["id"]);
        assert!(one["overgangen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["van"]["code"] == "GM0457" && t["naar"]["code"] == "GM0363" && t["inwoners"] == 20766));

        // Voorne aan Zee was formed on 1 January 2023 from three gemeenten.
        let voorne = app
            .get_json("/api/v1/herindelingen?gemeente=GM1992&soort=samenvoeging", 200)
            .await;
        let e = &voorne["herindelingen"][0];
        assert_eq!(e["datum"], "2023-01-01");
        assert_eq!(e["nieuw"][0]["code"], "GM1992");
        assert_eq!(e["opgeheven"].as_array().unwrap().len(), 3);

        let all = app.get_json("/api/v1/herindelingen?paginaGrootte=1", 200).await;
        assert!(all["paginering"]["totaal"].as_u64().unwrap() > 500);
        assert_eq!(
            all["herindelingen"][0]["datum"].as_str().unwrap()[..4].to_string(),
            "1988"
        );

        app.get_json("/api/v1/herindelingen/bestaat-niet", 404).await;
        let bad = app
            .get_json("/api/v1/herindelingen?gemeente=Weesp&soort=fusie", 400)
            .await;
        assert_eq!(bad["invalidParams"].as_array().unwrap().len(), 2);
    }
}
