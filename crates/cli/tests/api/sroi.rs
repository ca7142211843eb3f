// SPDX-License-Identifier: EUPL-1.2
//! SROI obligations, contributions and PSO (issue 15) through the API on SQLite and PostgreSQL:
//! the obligation in euros from the contract and its rule, the valuation table in force on the
//! tender date for the gemeente's arbeidsmarktregio, contributions valued with it, a company's
//! PSO trede judged against the shipped norms, and bad input named at its field.

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
        let (e, _) = redacteur_and_company(&app).await;
        // A company of 50 employees at 3.2 % from the target group meets trede 1, not trede 2.
        let pso = app
            .post_as(
                &e.key,
                "/api/v1/ondernemingen",
                &json!({"naam": "Schoonmaak Samen", "kvkNummer": "23456789", "sbiCode": "8121",
                        "gemeente": "GM0518", "segment": "regionaal", "zichtbaarheid": "regio",
                        "psoNiveau": "trede-1", "psoCertificaatdatum": "2025-04-01", "psoGeldigTot": "2028-03-31",
                        "medewerkers": 50, "doelgroepAandeel": 3.2}),
                201,
            )
            .await;
        assert_eq!(pso["pso"]["normTrede"], 1.0, "{be:?}: {pso}");
        assert_eq!(pso["pso"]["geldig"], "ja");
        assert!(
            pso["pso"]["oordeel"]
                .as_str()
                .unwrap()
                .ends_with("haalt de onderneming trede 1 (norm 3,0 %), niet trede 2 (norm 3,7 %)."),
            "{pso}"
        );
        let bad_pso = app
            .post_as(
                &e.key,
                "/api/v1/ondernemingen",
                &json!({"naam": "Fout", "kvkNummer": "34567890", "sbiCode": "8121", "gemeente": "GM0518",
                        "segment": "regionaal", "medewerkers": 2.5, "doelgroepAandeel": 120,
                        "psoCertificaatdatum": "2025-04-01", "psoGeldigTot": "2024-03-31"}),
                400,
            )
            .await;
        for field in ["medewerkers", "doelgroepAandeel", "psoGeldigTot"] {
            assert!(
                bad_pso.to_string().contains(&format!("\"{field}\"")),
                "{be:?}: {field} in {bad_pso}"
            );
        }
        let company = pso["id"].as_str().unwrap();
        // 5 % of 1.2 million over 2026–2027, valued with the Haaglanden table; the client counts
        // 10 % of it as fulfilled by the contractor's PSO.
        let obligation = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(
                    company,
                    "GM0518",
                    "2025-06-01",
                    1_200_000.0,
                    json!({"percentage": 5, "drempel": 250000, "begindatum": "2026-01-01", "einddatum": "2027-12-31",
                           "psoAandeel": 10}),
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
        // Outside the obligation's period (2026–2027): named at both dates.
        let outside = app
            .post_as(
                &e.key,
                "/api/v1/sroi-inzet",
                &inzet(
                    json!({"titel": "Te vroeg en te laat", "soort": "ww", "kandidaat": "K-0099",
                              "begindatum": "2025-11-01", "einddatum": "2028-02-01", "urenPerWeek": 20}),
                ),
                400,
            )
            .await;
        let at: Vec<(&str, &str)> = outside["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"].as_str().unwrap(), p["reason"].as_str().unwrap()))
            .collect();
        assert!(
            at.iter()
                .any(|(n, r)| *n == "begindatum"
                    && r.contains("begint vóór de begindatum van de verplichting (01-01-2026)")),
            "{be:?}: {outside}"
        );
        assert!(
            at.iter()
                .any(|(n, r)| *n == "einddatum" && r.contains("na de einddatum van de verplichting (31-12-2027)")),
            "{be:?}: {outside}"
        );
        let listed = app.get_as(Some(&e.key), "/api/v1/sroi-inzet", 200).await;
        assert_eq!(
            listed["paginering"]["totaal"], 2,
            "{be:?}: nothing of the refused ones written"
        );

        // The realisation in the API: the same figures, each value with its steps.
        let r = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/sroi-verplichtingen/{id}/_realisatie"),
                200,
            )
            .await;
        assert_eq!(r["bedrag"], 60_000.0, "{be:?}: {r}");
        assert_eq!(r["pso"], 6_000.0);
        assert_eq!(r["gerealiseerd"], 36_000.0);
        assert_eq!(r["nogTeDoen"], 24_000.0);
        assert_eq!(r["waarderingstabel"]["id"], "haaglanden-zhc");
        let inzet = r["inzet"].as_array().unwrap();
        assert_eq!(inzet.len(), 2);
        assert_eq!(inzet[0]["waarde"], 20_000.0);
        assert_eq!(inzet[0]["soortNaam"], "Participatiewet");
        assert!(!inzet[0]["stappen"].as_array().unwrap().is_empty());
        assert!(r["psoOpdrachtnemer"].as_str().unwrap().contains("niet trede 2"));
        // The status follows from the even pace on today's date.
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (status, _) = samenhang_domain::sroi::realisation_status(
            60_000.0,
            36_000.0,
            Some(date("2026-01-01")),
            Some(date("2027-12-31")),
            samenhang_app::records::today(),
        );
        let expected = match status {
            samenhang_domain::sroi::RealisationStatus::Gerealiseerd => "gerealiseerd",
            samenhang_domain::sroi::RealisationStatus::OpKoers => "op-koers",
            samenhang_domain::sroi::RealisationStatus::Achter => "achter",
            samenhang_domain::sroi::RealisationStatus::Verlopen => "verlopen",
            samenhang_domain::sroi::RealisationStatus::ZonderPeriode => "zonder-periode",
        };
        assert_eq!(r["status"], expected, "{be:?}");
        let stranger = app
            .account("sroi2@utrecht.example", "gemeente-utrecht", Some("AM13"), "redacteur")
            .await;
        app.get_as(
            Some(&stranger.key),
            &format!("/api/v1/sroi-verplichtingen/{id}/_realisatie"),
            404,
        )
        .await;

        // The obligation's page: each value with its calculation, the total and the status.
        let (session, _) = crate::inloggen::log_in(&app, &e).await;
        let page = crate::inloggen::page(&app, &session, &format!("/sroi-verplichtingen/{id}"), 200).await;
        let realised = &page[page.find("id=\"realisatie\"").expect("realisation")..];
        assert!(
            realised.contains("€\u{a0}20.000,00") && realised.contains("€\u{a0}10.000,00"),
            "{be:?}"
        );
        assert!(
            realised.contains("€\u{a0}36.000,00</strong> van €\u{a0}60.000,00"),
            "{be:?}"
        );
        assert!(
            realised.contains("Daarvan telt €\u{a0}6.000,00 als vervuld met de PSO-trede"),
            "{be:?}"
        );
        assert!(realised.contains("niet trede 2 (norm 3,7 %)"), "{be:?}");
        assert!(realised.contains("× 36 / 36 uur × 6 / 12 maanden"), "{be:?}");
    }
}

#[tokio::test]
async fn an_obligation_behind_its_pace_shows_in_the_overview_and_its_export() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let (e, company) = redacteur_and_company(&app).await;
        // The application's today (the date in the Netherlands), whatever the hour in UTC.
        let today = samenhang_app::records::today();
        let day = |d: i64| (today + chrono::Duration::days(d)).to_string();
        // Ten months in, a month to go and nothing realised: behind, and ending soon.
        let late = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(
                    &company,
                    "GM0518",
                    "2025-06-01",
                    800_000.0,
                    json!({"titel": "Groenonderhoud Den Haag", "percentage": 5, "themas": ["krapte"],
                           "begindatum": day(-300), "einddatum": day(30)}),
                ),
                201,
            )
            .await;
        // Far ahead of its pace: realised in full by a purchase.
        let ahead = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(
                    &company,
                    "GM0518",
                    "2025-06-01",
                    400_000.0,
                    json!({"titel": "Schoonmaak stadhuis", "percentage": 5,
                           "begindatum": day(-30), "einddatum": day(700)}),
                ),
                201,
            )
            .await;
        app.post_as(
            &e.key,
            "/api/v1/sroi-inzet",
            &json!({"zichtbaarheid": "regio", "verplichting": ahead["id"], "titel": "Inkoop bij SW-bedrijf",
                    "soort": "inkoop-sociale-onderneming", "begindatum": day(-10), "bedrag": 25000}),
            201,
        )
        .await;
        let (session, _) = crate::inloggen::log_in(&app, &e).await;
        let page = crate::inloggen::page(&app, &session, "/sroi", 200).await;
        let table = &page[page
            .find("Alle verplichtingen, die aandacht nodig hebben eerst")
            .expect("table")..];
        let (first, second) = (
            table.find("Groenonderhoud Den Haag").expect("late"),
            table.find("Schoonmaak stadhuis").expect("ahead"),
        );
        assert!(first < second, "{be:?}: the late one first");
        assert!(table[first..second].contains("<strong>loopt achter</strong>"), "{be:?}");
        assert!(table[second..].contains("gerealiseerd"), "{be:?}");
        assert!(page.contains("2 verplichtingen met samen"), "{be:?}");
        assert!(page.contains("Haaglanden"), "{be:?}: the total per arbeidsmarktregio");
        assert!(
            page.contains("Inkoop bij een sociale onderneming (tegen het factuurbedrag)"),
            "{be:?}: the total per kind"
        );

        let text = crate::inloggen::page(&app, &session, "/sroi/verplichtingen.csv", 200).await;
        assert!(text.starts_with('\u{feff}'), "{be:?}: a BOM for Excel");
        let late_line = text
            .lines()
            .find(|l| l.starts_with(late["id"].as_str().unwrap()))
            .expect("line");
        assert!(
            late_line.contains(";40000,00;0,00;") && late_line.ends_with(";loopt achter;ja"),
            "{be:?}: {late_line}"
        );

        // The contractor's page lists its obligations; the theme page the obligation on it.
        let theirs = crate::inloggen::page(&app, &session, &format!("/ondernemingen/{company}"), 200).await;
        let sroi = &theirs[theirs.find("<h2>Social return</h2>").expect("section")..];
        assert!(
            sroi.contains("Groenonderhoud Den Haag") && sroi.contains("Schoonmaak stadhuis"),
            "{be:?}"
        );
        let theme = crate::inloggen::page(&app, &session, "/themas/krapte", 200).await;
        let on_theme = &theme[theme.find("SROI-verplichtingen op het thema").expect("table")..];
        assert!(on_theme.contains("Groenonderhoud Den Haag"), "{be:?}");
        assert!(
            !on_theme[..on_theme.find("</table>").unwrap()].contains("Schoonmaak stadhuis"),
            "{be:?}: not on the theme"
        );

        // A social enterprise in a werkpact: its PSO trede on the theme page, the pact's
        // commitments with their status on its page.
        app.account("pact@hengelo.example", "gemeente-hengelo", Some("AM05"), "lezer")
            .await;
        let pact = app
            .post_as(
                &e.key,
                "/api/v1/afspraken",
                &json!({"titel": "Werkpact Twente", "soort": "werkpact", "zichtbaarheid": "regio",
                    "begindatum": "2026-01-01",
                    "partijen": [{"organisatie": "gemeente-enschede", "brengt": "kandidaten", "krijgt": "plaatsen"},
                                 {"organisatie": "gemeente-hengelo", "brengt": "stages", "krijgt": "kandidaten"}],
                    "toezeggingen": [
                        {"partij": "gemeente-hengelo", "omschrijving": "Tien stageplaatsen", "deadline": day(-5), "status": "open"},
                        {"partij": "gemeente-enschede", "omschrijving": "Jobcoach", "deadline": day(60), "status": "geleverd"}]}),
                201,
            )
            .await;
        let social = app
            .post_as(
                &e.key,
                "/api/v1/ondernemingen",
                &json!({"naam": "Schoonmaakbedrijf De Bij", "kvkNummer": "23456789", "sbiCode": "8121",
                        "gemeente": "GM0153", "segment": "regionaal", "zichtbaarheid": "regio",
                        "segmenten": ["krapte"], "psoNiveau": "trede-1", "psoGeldigTot": day(200),
                        "werkpacten": [pact["id"]]}),
                201,
            )
            .await;
        let theme = crate::inloggen::page(&app, &session, "/themas/krapte", 200).await;
        assert!(
            theme.contains("Schoonmaakbedrijf De Bij</a> – ") && theme.contains(" (PSO: Trede 1)</li>"),
            "{be:?}"
        );
        let bij = crate::inloggen::page(
            &app,
            &session,
            &format!("/ondernemingen/{}", social["id"].as_str().unwrap()),
            200,
        )
        .await;
        let pacts = &bij[bij.find("<h2>Werkpacten en afspraken</h2>").expect("section")..];
        assert!(
            pacts.contains("Werkpact Twente") && pacts.contains("2 toezeggingen: 1 open"),
            "{be:?}"
        );
        let late_row = &pacts[pacts.find("Tien stageplaatsen").expect("row")..];
        assert!(
            late_row[..late_row.find("</tr>").unwrap()].contains("5 dagen te laat"),
            "{be:?}"
        );

        // Marked regio: a user of another region sees none of it.
        let u = app
            .account("sroi@utrecht.example", "gemeente-utrecht", Some("AM13"), "redacteur")
            .await;
        let (theirs, _) = crate::inloggen::log_in(&app, &u).await;
        let page = crate::inloggen::page(&app, &theirs, "/sroi", 200).await;
        assert!(
            page.contains("Er zijn nog geen SROI-verplichtingen die u kunt zien"),
            "{be:?}"
        );
    }
}

fn twente_table(version: u32, from: &str, participatiewet: f64) -> Value {
    json!({"naam": "Bouwblokken Twente", "tabel": "twente", "versienummer": version, "zichtbaarheid": "openbaar",
           "gebieden": [{"gebied": "AM05"}], "geldigVanaf": from, "urenBasis": 36,
           "bron": "Regio Twente, vastgesteld in het portefeuillehoudersoverleg",
           "doelgroepen": [{"doelgroep": "participatiewet", "waardePerJaar": participatiewet, "maxMaanden": 24}],
           "bonussen": [{"vanafLeeftijd": 55, "waardePerJaar": 10000}]})
}

fn fault_at(problem: &Value) -> Vec<String> {
    problem["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_beheerder_adds_table_versions_and_a_recorded_contract_keeps_its_value() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let (e, company) = redacteur_and_company(&app).await;
        let company = company.as_str();
        let rule = json!({"percentage": 5, "drempel": 0});
        let tables = "/api/v1/waarderingstabellen";
        let v1 = app
            .post_as(&e.key, tables, &twente_table(1, "2025-01-01", 36_000.0), 201)
            .await;
        // Enschede lies in Twente: an obligation tendered in 2025 is valued with the new table.
        let first = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(company, "GM0153", "2025-06-01", 1_000_000.0, rule.clone()),
                201,
            )
            .await;
        assert_eq!(
            first["verplichting"]["waarderingstabel"]["id"], "twente",
            "{be:?}: {first}"
        );
        assert_eq!(first["verplichting"]["waarderingstabel"]["versie"], 1);
        // The same version twice, a version starting on the same day, and one that would value
        // the recorded contract differently: each refused at its field, nothing written.
        let refused = |body: Value, field: &'static str| {
            let app = &app;
            let key = e.key.clone();
            async move {
                let p = app.post_as(&key, tables, &body, 400).await;
                assert_eq!(fault_at(&p), [field], "{:?}: {p}", app.backend);
                p
            }
        };
        refused(twente_table(1, "2027-01-01", 40_000.0), "versienummer").await;
        let p = refused(twente_table(2, "2025-01-01", 40_000.0), "geldigVanaf").await;
        assert!(
            p["invalidParams"][0]["reason"].as_str().unwrap().contains("versie 1"),
            "{p}"
        );
        let p = refused(twente_table(2, "2025-03-01", 40_000.0), "geldigVanaf").await;
        assert!(
            p["invalidParams"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("na 01-06-2025"),
            "{p}"
        );
        assert_eq!(app.get_json(tables, 200).await["paginering"]["totaal"], 1);
        // Changing or deleting the version the contract uses is refused too.
        let path = format!("{tables}/{}", v1["id"].as_str().unwrap());
        let res = app
            .send(
                reqwest::Method::PUT,
                &path,
                Some(&e.key),
                Some(&twente_table(1, "2025-01-01", 50_000.0)),
                Some("\"1\""),
            )
            .await;
        assert_eq!(res.status(), 400, "{be:?}");
        let p: Value = res.json().await.unwrap();
        assert_eq!(fault_at(&p), ["versienummer"], "{p}");
        let res = app
            .send(reqwest::Method::DELETE, &path, Some(&e.key), None, Some("\"1\""))
            .await;
        assert_eq!(res.status(), 400, "{be:?}");
        // A version from 2026: the 2025 contract keeps version 1, a 2026 contract gets version 2.
        app.post_as(&e.key, tables, &twente_table(2, "2026-01-01", 40_000.0), 201)
            .await;
        let again = app
            .get_as(
                Some(&e.key),
                &format!("/api/v1/sroi-verplichtingen/{}", first["id"].as_str().unwrap()),
                200,
            )
            .await;
        assert_eq!(again["verplichting"]["waarderingstabel"]["versie"], 1);
        let later = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(company, "GM0153", "2026-02-01", 1_000_000.0, rule.clone()),
                201,
            )
            .await;
        assert_eq!(later["verplichting"]["waarderingstabel"]["versie"], 2);
        // A table chosen by hand needs its version and a reason, and must exist.
        let mut chosen = obligation(company, "GM0153", "2026-03-01", 500_000.0, rule.clone());
        chosen["waarderingstabel"] = json!("utrecht");
        let p = app.post_as(&e.key, "/api/v1/sroi-verplichtingen", &chosen, 400).await;
        let mut at = fault_at(&p);
        at.sort();
        assert_eq!(at, ["redenWaarderingstabel", "waarderingstabelVersie"], "{p}");
        chosen["waarderingstabelVersie"] = json!(3);
        chosen["redenWaarderingstabel"] = json!("Zo afgesproken in het bestek.");
        let p = app.post_as(&e.key, "/api/v1/sroi-verplichtingen", &chosen, 400).await;
        assert_eq!(fault_at(&p), ["waarderingstabel"], "{p}");
        assert!(
            p["invalidParams"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("alleen versie 1"),
            "{p}"
        );
        chosen["waarderingstabelVersie"] = json!(1);
        let shown = app.post_as(&e.key, "/api/v1/sroi-verplichtingen", &chosen, 201).await;
        assert_eq!(shown["verplichting"]["waarderingstabel"]["id"], "utrecht");
        assert!(
            shown["verplichting"]["toelichting"]
                .as_str()
                .unwrap()
                .contains("Zo afgesproken in het bestek"),
            "{shown}"
        );
        // A version as CSV: one line per area, target group and bonus; an overlap names its
        // line and column.
        let csv = "naam;tabel;versienummer;geldigVanaf;urenBasis;bron;gebied;doelgroep;doelgroepWaardePerJaar;bonusVanafLeeftijd;bonusWaardePerJaar\n\
                   Bouwblokken Twente;twente;3;01-01-2027;36;Regio Twente 2027;AM05;;;;\n\
                   Bouwblokken Twente;twente;3;01-01-2027;36;Regio Twente 2027;;participatiewet;42000;;\n\
                   Bouwblokken Twente;twente;3;01-01-2027;36;Regio Twente 2027;;ww;20000;;\n\
                   Bouwblokken Twente;twente;3;01-01-2027;36;Regio Twente 2027;;;;55;10000\n";
        let res = app
            .client
            .post(format!("{}{tables}/_import", app.address))
            .bearer_auth(&e.key)
            .header("content-type", "text/csv")
            .body(csv.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{be:?}: {}", res.text().await.unwrap());
        let three = app.get_as(Some(&e.key), tables, 200).await;
        assert_eq!(three["paginering"]["totaal"], 3, "{three}");
        let overlap = csv.replace(";3;01-01-2027;", ";4;01-01-2027;");
        let res = app
            .client
            .post(format!("{}{tables}/_import", app.address))
            .bearer_auth(&e.key)
            .header("content-type", "text/csv")
            .body(overlap)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{be:?}");
        let p: Value = res.json().await.unwrap();
        assert_eq!(fault_at(&p), ["regel 2, kolom geldigVanaf"], "{p}");
        // Version 9 gives a statushouder a bonus: a candidate who is one, 36 hours for 12 months,
        // earns the group's value and the bonus; the same candidate under version 1 (the 2025
        // contract, without that bonus) earns the group's value, and the step says why.
        let mut with_bonus = twente_table(9, "2029-01-01", 40_000.0);
        with_bonus["bonussen"]
            .as_array_mut()
            .unwrap()
            .push(json!({"soort": "statushouder", "waardePerJaar": 6000}));
        app.post_as(&e.key, tables, &with_bonus, 201).await;
        let third = app
            .post_as(
                &e.key,
                "/api/v1/sroi-verplichtingen",
                &obligation(company, "GM0153", "2029-02-01", 1_000_000.0, rule.clone()),
                201,
            )
            .await;
        assert_eq!(third["verplichting"]["waarderingstabel"]["versie"], 9);
        for (obligation, start, expected, step) in [
            (&third, "2029-03-01", 46_000.0, "Statushouder: € 6.000,00 per jaar"),
            (
                &first,
                "2025-07-01",
                36_000.0,
                "Statushouder: deze tabel geeft hiervoor geen bonus",
            ),
        ] {
            let end = (chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap() + chrono::Months::new(12)
                - chrono::Duration::days(1))
            .to_string();
            app.post_as(
                &e.key,
                "/api/v1/sroi-inzet",
                &json!({"zichtbaarheid": "regio", "verplichting": obligation["id"], "titel": "Kandidaat 0007",
                        "soort": "participatiewet", "kandidaat": "K-0007", "begindatum": start, "einddatum": end,
                        "urenPerWeek": 36, "statushouder": "ja"}),
                201,
            )
            .await;
            let r = app
                .get_as(
                    Some(&e.key),
                    &format!(
                        "/api/v1/sroi-verplichtingen/{}/_realisatie",
                        obligation["id"].as_str().unwrap()
                    ),
                    200,
                )
                .await;
            assert_eq!(r["inzet"][0]["waarde"], expected, "{be:?}: {r}");
            assert!(
                r["inzet"][0]["stappen"].as_array().unwrap().iter().any(|s| s["tekst"]
                    .as_str()
                    .unwrap()
                    .replace('\u{a0}', " ")
                    .starts_with(step)),
                "{be:?}: {r}"
            );
        }
        // A bonus of a kind with an age is refused at its field.
        let mut both = twente_table(10, "2030-01-01", 40_000.0);
        both["bonussen"] = json!([{"vanafLeeftijd": 50, "soort": "vast-contract", "waardePerJaar": 1000}]);
        let p = app.post_as(&e.key, tables, &both, 400).await;
        assert_eq!(fault_at(&p), ["bonussen[0].vanafLeeftijd"], "{be:?}: {p}");
    }
}

/// A new table version and an obligation it would value, written at the same moment: either
/// the obligation comes first and the version is refused, or the version comes first and values
/// the obligation from its start. Never both saved with the obligation first (its value would
/// have moved under it).
#[tokio::test]
async fn a_table_version_and_an_obligation_written_at_once_never_both_pass() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let b = app
            .account("race@enschede.example", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let company = app
            .post_as(
                &b.key,
                "/api/v1/ondernemingen",
                &json!({"naam": "Aannemer Race", "kvkNummer": "34567890", "sbiCode": "4120",
                        "gemeente": "GM0153", "segment": "regionaal", "zichtbaarheid": "regio"}),
                201,
            )
            .await;
        let company = company["id"].as_str().unwrap().to_string();
        let tables = "/api/v1/waarderingstabellen";
        app.post_as(&b.key, tables, &twente_table(1, "2030-01-01", 36_000.0), 201)
            .await;
        let (mut versions_won, mut obligations_first) = (0, 0);
        for round in 1..=8u32 {
            let start = format!("2030-{:02}-01", round + 1);
            let tendered = format!("2030-{:02}-11", round + 1);
            let rule = json!({"percentage": 5, "drempel": 0, "titel": format!("Race {round}")});
            let (table_body, obligation_body) = (
                twente_table(round + 1, &start, 40_000.0),
                obligation(&company, "GM0153", &tendered, 100_000.0, rule),
            );
            let (version, obligation) = tokio::join!(
                app.send(reqwest::Method::POST, tables, Some(&b.key), Some(&table_body), None),
                app.send(
                    reqwest::Method::POST,
                    "/api/v1/sroi-verplichtingen",
                    Some(&b.key),
                    Some(&obligation_body),
                    None
                ),
            );
            assert_eq!(obligation.status(), 201, "{be:?}: the obligation is always saved");
            let obligation: Value = obligation.json().await.unwrap();
            let audit = app.get_as(Some(&b.key), "/api/v1/auditlog?paginaGrootte=5", 200).await;
            let seq = |kind: &str| {
                audit["regels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["soort"] == kind)
                    .and_then(|r| r["volgnummer"].as_i64())
            };
            match version.status().as_u16() {
                201 => {
                    versions_won += 1;
                    assert!(
                        seq("waarderingstabel") < seq("sroi-verplichting"),
                        "{be:?} round {round}: a version saved after the obligation it revalues"
                    );
                    assert_eq!(
                        obligation["verplichting"]["waarderingstabel"]["versie"],
                        round + 1,
                        "{be:?}"
                    );
                }
                400 => {
                    obligations_first += 1;
                    let again = app
                        .get_as(
                            Some(&b.key),
                            &format!("/api/v1/sroi-verplichtingen/{}", obligation["id"].as_str().unwrap()),
                            200,
                        )
                        .await;
                    assert_eq!(
                        again["verplichting"]["waarderingstabel"], obligation["verplichting"]["waarderingstabel"],
                        "{be:?}: the obligation keeps the table it was saved with"
                    );
                }
                s => panic!("{be:?} round {round}: status {s}"),
            }
        }
        assert_eq!(versions_won + obligations_first, 8, "{be:?}");
    }
}
