// SPDX-License-Identifier: EUPL-1.2
//! SROI obligations (issue 15, first part) through the API on SQLite and PostgreSQL: the
//! obligation in euros from the contract and its rule, the valuation table in force on the
//! tender date for the gemeente's arbeidsmarktregio, and bad input named at its field.

use serde_json::{json, Value};

use crate::helpers::TestApp;

fn obligation(company: &str, gebied: &str, tendered: &str, value: f64, extra: Value) -> Value {
    let mut o = json!({"titel": format!("Onderhoud {gebied} {tendered}"), "zichtbaarheid": "regio",
        "opdrachtgever": "gemeente-enschede", "opdrachtnemer": company, "gebied": gebied,
        "aanbestedingsdatum": tendered, "contractwaarde": value});
    for (k, v) in extra.as_object().unwrap() {
        o[k] = v.clone();
    }
    o
}

/// A redacteur of Gemeente Enschede and a company of the register (its id).
async fn redacteur_and_company(app: &TestApp) -> (crate::helpers::Account, String) {
    let e = app
        .account("sroi@enschede.example", "gemeente-enschede", Some("AM05"), "redacteur")
        .await;
    let company = app
        .post_as(
            &e.key,
            "/api/v1/ondernemingen",
            &json!({"naam": "Bouwbedrijf Ter Haar", "kvkNummer": "12345678", "sbiCode": "4120",
                    "gemeente": "GM0153", "segment": "regionaal", "zichtbaarheid": "regio"}),
            201,
        )
        .await;
    (e, company["id"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn an_obligation_is_valued_by_its_rule_and_the_table_of_its_tender_date() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let (e, company) = redacteur_and_company(&app).await;
        let company = company.as_str();
        let rule = json!({"percentage": 5, "drempel": 250000});
        // Den Haag lies in arbeidsmarktregio Haaglanden: its table from 1 July 2023.
        let den_haag = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(company, "GM0518", "2024-03-01", 1_200_000.0, rule.clone()),
                201,
            )
            .await;
        let v = &den_haag["verplichting"];
        assert_eq!(v["bedrag"], 60_000.0, "{be:?}: {den_haag}");
        assert_eq!(v["waarderingstabel"]["id"], "haaglanden-zhc");
        assert_eq!(v["waarderingstabel"]["urenBasis"], 36.0);
        assert!(
            v["regel"].as_str().unwrap().starts_with("5 % van €\u{a0}1.200.000,00"),
            "{v}"
        );
        // Below the threshold: none. Before the table: no table.
        let small = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(company, "GM0518", "2023-05-01", 200_000.0, rule.clone()),
                201,
            )
            .await;
        assert_eq!(small["verplichting"]["bedrag"], 0.0);
        assert!(small["verplichting"]["waarderingstabel"].is_null());
        assert!(small["verplichting"]["regel"]
            .as_str()
            .unwrap()
            .contains("blijft eronder"));
        // A fixed amount goes before the percentage; Enschede has no shipped table.
        let fixed = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(
                    company,
                    "GM0153",
                    "2025-01-01",
                    500_000.0,
                    json!({"bedrag": 12500, "percentage": 5}),
                ),
                201,
            )
            .await;
        assert_eq!(fixed["verplichting"]["bedrag"], 12_500.0);
        assert!(fixed["verplichting"]["toelichting"]
            .as_str()
            .unwrap()
            .starts_with("Er is geen waarderingstabel"));

        // Bad input: every fault at its field, nothing written.
        let bad = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &json!({"titel": "Fout", "opdrachtgever": "gemeente-enschede", "opdrachtnemer": "bestaat-niet",
                        "gebied": "AM05", "aanbestedingsdatum": "01-13-2024", "contractwaarde": -5}),
                400,
            )
            .await;
        let names: Vec<&str> = bad["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for field in [
            "opdrachtnemer",
            "gebied",
            "aanbestedingsdatum",
            "contractwaarde",
            "percentage",
        ] {
            assert!(names.contains(&field), "{be:?}: {field} in {bad}");
        }
        let listed = app.get_as(Some(&e.key), "/api/v1/sroi-verplichtingen", 200).await;
        assert_eq!(listed["paginering"]["totaal"], 3, "{be:?}");
        // Marked regio: not for an organisation of another region.
        let u = app
            .account("sroi@utrecht.example", "gemeente-utrecht", Some("AM13"), "redacteur")
            .await;
        let theirs = app.get_as(Some(&u.key), "/api/v1/sroi-verplichtingen", 200).await;
        assert_eq!(theirs["paginering"]["totaal"], 0, "{be:?}");

        // The record page shows the obligation and its table.
        let id = den_haag["id"].as_str().unwrap();
        let (session, _) = crate::inloggen::log_in(&app, &e).await;
        let page = crate::inloggen::page(&app, &session, &format!("/sroi-verplichtingen/{id}"), 200).await;
        assert!(
            page.contains("€\u{a0}60.000,00") && page.contains("Bouwblokken Haaglanden en Zuid-Holland Centraal"),
            "{be:?}"
        );
    }
}

#[tokio::test]
async fn contributions_are_valued_with_the_obligations_table_and_a_bsn_is_refused() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let (e, company) = redacteur_and_company(&app).await;
        let company = company.as_str();
        // 5 % of 1.2 million over 2026–2027, valued with the Haaglanden table.
        let obligation = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(
                    company,
                    "GM0518",
                    "2025-06-01",
                    1_200_000.0,
                    json!({"percentage": 5, "drempel": 250000, "begindatum": "2026-01-01", "einddatum": "2027-12-31"}),
                ),
                201,
            )
            .await;
        let id = obligation["id"].as_str().unwrap();
        let inzet = |body: Value| {
            let mut b = json!({"zichtbaarheid": "regio", "verplichting": id});
            for (k, v) in body.as_object().unwrap() {
                b[k] = v.clone();
            }
            b
        };
        // A Participatiewet candidate, 36 hours a week for 6 months: € 20,000.
        app.post_as(
            &e.key,
            "/api/v1/sroi-inzet",
            &inzet(
                json!({"titel": "Kandidaat 0042, timmerman", "soort": "participatiewet", "kandidaat": "K-0042",
                          "begindatum": "2026-01-01", "einddatum": "2026-06-30", "urenPerWeek": 36}),
            ),
            201,
        )
        .await;
        // A purchase of € 12,100 including 21 % VAT: € 10,000.
        app.post_as(
            &e.key,
            "/api/v1/sroi-inzet",
            &inzet(
                json!({"titel": "Catering door SW-bedrijf", "soort": "inkoop-sociale-onderneming",
                          "begindatum": "2026-03-01", "bedrag": 10000}),
            ),
            201,
        )
        .await;
        // A BSN as candidate number, negative hours, an unknown kind, a reversed period: named.
        let bad = app
            .post_as(
                &e.key,
                "/api/v1/sroi-inzet",
                &inzet(json!({"titel": "Fout", "soort": "kat", "kandidaat": "111222333",
                              "begindatum": "2026-05-01", "einddatum": "2026-04-01", "urenPerWeek": -4})),
                400,
            )
            .await;
        let names: Vec<&str> = bad["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for field in ["soort", "kandidaat", "einddatum", "urenPerWeek"] {
            assert!(names.contains(&field), "{be:?}: {field} in {bad}");
        }
        let bsn = app
            .post_as(
                &e.key,
                "/api/v1/sroi-inzet",
                &inzet(json!({"titel": "Fout", "soort": "ww", "kandidaat": "1112.22.333",
                              "begindatum": "2026-05-01", "einddatum": "2026-06-01", "urenPerWeek": 20})),
                400,
            )
            .await;
        assert!(bsn.to_string().contains("burgerservicenummer"), "{be:?}: {bsn}");
        let listed = app.get_as(Some(&e.key), "/api/v1/sroi-inzet", 200).await;
        assert_eq!(
            listed["paginering"]["totaal"], 2,
            "{be:?}: nothing of the refused ones written"
        );

        // The obligation's page: each value with its calculation, the total and the status.
        let (session, _) = crate::inloggen::log_in(&app, &e).await;
        let page = crate::inloggen::page(&app, &session, &format!("/sroi-verplichtingen/{id}"), 200).await;
        let realised = &page[page.find("id=\"realisatie\"").expect("realisation")..];
        assert!(
            realised.contains("€\u{a0}20.000,00") && realised.contains("€\u{a0}10.000,00"),
            "{be:?}"
        );
        assert!(
            realised.contains("€\u{a0}30.000,00</strong> van €\u{a0}60.000,00"),
            "{be:?}"
        );
        assert!(realised.contains("× 36 / 36 uur × 6 / 12 maanden"), "{be:?}");
    }
}
