// SPDX-License-Identifier: EUPL-1.2
//! The statistics through the API, on the shipped CBS tables: sources, indicators, values,
//! aggregation, harmonisation, comparisons and the composite index.

use serde_json::Value;

use crate::helpers::TestApp;

fn values(body: &Value) -> Vec<(String, i64, f64, String)> {
    body["waarden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["gebied"]["code"].as_str().unwrap().to_string(),
                w["jaar"].as_i64().unwrap(),
                w["waarde"].as_f64().unwrap(),
                w["herkomst"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn statistics_on_the_shipped_cbs_tables() {
    for app in TestApp::all_with_statistics().await {
        let b = app.backend;

        // Every shipped table is loaded, with its observations counted and a source line.
        let bronnen = app.get_json("/api/v1/bronnen", 200).await;
        let list = bronnen["bronnen"].as_array().unwrap();
        let shipped = samenhang::import::snapshot_tables(&crate::helpers::snapshot_dir()).unwrap();
        assert_eq!(list.len(), shipped.len(), "{b:?}");
        let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
        for bron in list {
            let id = bron["id"].as_str().unwrap();
            let counted = store.count_observations(id).await.unwrap();
            assert_eq!(bron["aantalWaarnemingen"].as_u64().unwrap(), counted, "{id}");
            assert!(bron["bronvermelding"].as_str().unwrap().starts_with("Bron: CBS"));
        }
        // The two-page v3 set of 83599NED is one table of 15,504 observations.
        let vacatures = app.get_json("/api/v1/bronnen/83599NED", 200).await;
        assert_eq!(vacatures["aantalWaarnemingen"], 15504);
        assert_eq!(vacatures["maatstaven"][0]["eenheid"], "x 1 000");

        // CBS's hierarchy of codes is kept (v4 beta {Dim}Groups).
        let beta = app.get_json("/api/v1/bronnen/80072ned", 200).await;
        assert!(beta["groepen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["dimensie"] == "BedrijfskenmerkenSBI2008"));

        // Measures carry CBS's definitions.
        let m = app.get_json("/api/v1/maatstaven?bron=03759ned", 200).await;
        assert!(m["maatstaven"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "M000352" && x["omschrijving"].as_str().unwrap().contains("inwoners")));

        // At least 25 indicators, each linked to a concept.
        let ind = app.get_json("/api/v1/indicatoren", 200).await;
        assert!(ind["totaal"].as_u64().unwrap() >= 25);
        assert!(ind["indicatoren"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| !i["begrip"].as_str().unwrap().is_empty()));

        // Enschede had 161,738 inhabitants on 1 January 2024.
        let e = app
            .get_json("/api/v1/indicatoren/inwoners/waarden?gebied=GM0153&periode=2024", 200)
            .await;
        assert_eq!(
            values(&e),
            vec![("GM0153".into(), 2024, 161738.0, "gepubliceerd".into())],
            "{b:?}"
        );
        assert!(e["bronvermelding"]["tekst"].as_str().unwrap().contains("03759ned"));

        // AM05 Twente equals the sum of its 2026 member gemeenten.
        let twente = app.get_json("/api/v1/gebieden/AM05?jaar=2026", 200).await;
        let members: Vec<String> = twente["leden"]["gemeenten"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["code"].as_str().unwrap().to_string())
            .collect();
        let all_2026 = app
            .get_json(
                "/api/v1/indicatoren/inwoners/waarden?periode=2026&soort=gemeente&paginaGrootte=1000",
                200,
            )
            .await;
        let sum: f64 = values(&all_2026)
            .iter()
            .filter(|v| members.contains(&v.0))
            .map(|v| v.2)
            .sum();
        let am = app
            .get_json("/api/v1/indicatoren/inwoners/waarden?gebied=AM05&periode=2026", 200)
            .await;
        let am = values(&am);
        assert_eq!(am[0].3, "geaggregeerd");
        assert_eq!(am[0].2, sum);

        // On 2026 boundaries, Amsterdam's 2019 figure includes Weesp (merged 24 March 2022).
        let get = |path: String| {
            let app = &app;
            async move { values(&app.get_json(&path, 200).await)[0].2 }
        };
        let amsterdam = get("/api/v1/indicatoren/inwoners/waarden?gebied=GM0363&periode=2019".into()).await;
        let weesp = get("/api/v1/indicatoren/inwoners/waarden?gebied=GM0457&periode=2019".into()).await;
        let harmonised =
            get("/api/v1/indicatoren/inwoners/waarden?gebied=GM0363&periode=2019&indeling=2026".into()).await;
        assert_eq!(harmonised, amsterdam + weesp);
        // Ratios are recomputed from harmonised parts, not summed.
        let ratio = app
            .get_json(
                "/api/v1/indicatoren/ww-per-1000-inwoners/waarden?gebied=GM0363&periode=2015&indeling=2026",
                200,
            )
            .await;
        assert!(values(&ratio)[0].2 < 100.0);
        // An indicator without an aggregation rule cannot be harmonised: 400, not 500.
        let refused = app
            .get_json(
                "/api/v1/indicatoren/verkoopprijs-koopwoningen/waarden?indeling=2026",
                400,
            )
            .await;
        assert_eq!(refused["invalidParams"][0]["name"], "indeling");

        // Comparison: rank, quartile and differences to AM, COROP, provincie and Nederland.
        let c = app
            .get_json(
                "/api/v1/indicatoren/inwoners/vergelijking?gebied=GM0153&periode=2024",
                200,
            )
            .await;
        assert_eq!(c["waarde"], 161738.0);
        assert_eq!(c["aantal"], 342);
        let refs: Vec<&str> = c["vergelijkingen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["gebied"]["code"].as_str().unwrap())
            .collect();
        assert_eq!(refs, ["AM05", "CR12", "PV23", "NL01"]);
        let rank = c["rang"].as_u64().unwrap();
        assert!((1..=342).contains(&rank));
        assert_eq!(
            c["kwartiel"].as_u64().unwrap(),
            ((rank as f64 / 342.0) * 4.0).ceil() as u64
        );
        assert_eq!(c["groep"]["sleutel"], "alle");

        // Comparison groups: the rank follows the group, and the group is named with its members.
        let path =
            |groep: &str| format!("/api/v1/indicatoren/inwoners/vergelijking?gebied=GM0153&periode=2024&{groep}");
        let twente = app.get_json(&path("groep=arbeidsmarktregio"), 200).await;
        assert_eq!(twente["groep"]["naam"], "gemeenten in arbeidsmarktregio Twente");
        assert_eq!(twente["groep"]["leden"].as_array().unwrap().len(), 14);
        assert_eq!(
            (twente["aantal"].as_u64(), twente["rang"].as_u64()),
            (Some(14), Some(1)),
            "Enschede is Twente's largest"
        );
        let g4 = app.get_json(&path("groep=g4"), 200).await;
        assert_eq!(g4["groep"]["naam"], "de vier grote steden (G4) en Enschede");
        assert_eq!((g4["aantal"].as_u64(), g4["rang"].as_u64()), (Some(5), Some(5)));
        let own = app.get_json(&path("groep=eigen&leden=GM0164,GM0141"), 200).await;
        let names: Vec<&str> = own["groep"]["leden"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["naam"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Almelo", "Enschede", "Hengelo (O.)"]);
        assert_eq!(own["aantal"], 3);
        let size = app.get_json(&path("groep=grootteklasse"), 200).await;
        assert_eq!(size["groep"]["naam"], "gemeenten met 150.000 tot 250.000 inwoners");
        for lid in size["groep"]["leden"].as_array().unwrap() {
            let code = lid["code"].as_str().unwrap();
            let v = app
                .get_json(
                    &format!("/api/v1/indicatoren/inwoners/waarden?gebied={code}&periode=2024"),
                    200,
                )
                .await;
            let n = values(&v)[0].2;
            assert!((150_000.0..250_000.0).contains(&n), "{code} has {n} inhabitants");
        }
        assert!(size["aantal"].as_u64().unwrap() > 5);
        for (query, param) in [
            ("groep=buren", "groep"),
            ("groep=eigen", "groep"),
            ("groep=eigen&leden=GM0164,AM05", "groep"),
            ("leden=GM0164", "leden"),
        ] {
            let bad = app.get_json(&path(query), 400).await;
            assert_eq!(bad["invalidParams"][0]["name"], param, "{query}");
        }
        let not_a_gemeente = app
            .get_json(
                "/api/v1/indicatoren/inwoners/vergelijking?gebied=AM05&groep=provincie",
                400,
            )
            .await;
        assert!(not_a_gemeente["invalidParams"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("geen gemeente"));

        // The composite index, with weights changed per request.
        let base = app
            .get_json("/api/v1/indices/brede-welvaart-voorbeeld/scores", 200)
            .await;
        let scores = base["scores"].as_array().unwrap();
        assert!(scores.len() > 300);
        let top = scores[0]["score"].as_f64().unwrap();
        assert!((0.0..=10.0).contains(&top));
        let reweighted = app
            .get_json(
                "/api/v1/indices/brede-welvaart-voorbeeld/scores?gewichten=inkomen:0,voorzieningen:3",
                200,
            )
            .await;
        assert_ne!(reweighted["scores"][0], base["scores"][0]);
        let z = app
            .get_json("/api/v1/indices/brede-welvaart-voorbeeld/scores?normalisatie=z", 200)
            .await;
        assert_eq!(z["normalisatie"], "z");
        let sens = app
            .get_json("/api/v1/indices/brede-welvaart-voorbeeld/gevoeligheid", 200)
            .await;
        assert!(sens["scenarios"].as_array().unwrap().len() >= 2 * 12);
        for bad in [
            "arbeid:-1",
            "arbeid:veel",
            "inkomen:0,arbeid:0,kennis:0,voorzieningen:0",
            "onbekend:1",
        ] {
            let p = app
                .get_json(
                    &format!("/api/v1/indices/brede-welvaart-voorbeeld/scores?gewichten={bad}"),
                    400,
                )
                .await;
            assert_eq!(p["invalidParams"][0]["name"], "gewichten", "{bad}");
        }
        app.get_json("/api/v1/indices/bestaat-niet/scores", 404).await;
        app.get_json("/api/v1/indicatoren/bestaat-niet/waarden", 404).await;
        let bad = app
            .get_json(
                "/api/v1/indicatoren/inwoners/waarden?gebied=XX&periode=twintig&indeling=1990",
                400,
            )
            .await;
        assert_eq!(bad["invalidParams"].as_array().unwrap().len(), 3);
    }
}

#[tokio::test]
async fn labour_participation_per_gemeente_and_region_from_a_statline_download_with_labels() {
    for app in TestApp::all_with_statistics().await {
        let b = app.backend;
        // 86088NED as StatLine gives it: names instead of codes ("Enschede", "Twente (AM)").
        let get = |path: &'static str| {
            let app = &app;
            async move { values(&app.get_json(path, 200).await) }
        };
        assert_eq!(
            get("/api/v1/indicatoren/werkloosheidspercentage/waarden?gebied=GM0153&periode=2024").await,
            vec![("GM0153".into(), 2024, 4.6, "gepubliceerd".into())],
            "{b:?}"
        );
        assert_eq!(
            get("/api/v1/indicatoren/netto-arbeidsparticipatie/waarden?gebied=GM0153&periode=2024").await,
            vec![("GM0153".into(), 2024, 69.5, "gepubliceerd".into())],
            "{b:?}"
        );
        // The same indicator for arbeidsmarktregio Twente, as CBS publishes it.
        assert_eq!(
            get("/api/v1/indicatoren/werkloosheidspercentage/waarden?gebied=AM05&periode=2024").await,
            vec![("AM05".into(), 2024, 3.6, "gepubliceerd".into())],
            "{b:?}"
        );
        assert_eq!(
            get("/api/v1/indicatoren/bruto-arbeidsparticipatie/waarden?gebied=PV23&periode=2024")
                .await
                .len(),
            1,
            "a provincie, labelled 'Overijssel (PV)'"
        );
        // Twelve years for Enschede, 2013–2024.
        let years: Vec<i64> = get("/api/v1/indicatoren/werkloosheidspercentage/waarden?gebied=GM0153")
            .await
            .iter()
            .map(|v| v.1)
            .collect();
        assert!((2013..=2024).all(|y| years.contains(&y)), "{years:?}");
    }
}

#[tokio::test]
async fn the_monitor_has_sixty_indicators_per_gemeente_or_marked_national_and_bijstand_over_years() {
    for app in TestApp::all_with_statistics().await {
        let b = app.backend;
        let list = app.get_json("/api/v1/indicatoren", 200).await;
        let all = list["indicatoren"].as_array().unwrap();
        assert!(all.len() >= 60, "{b:?}: {} indicators", all.len());
        for i in all {
            let national = i["alleenLandelijk"].as_bool().unwrap();
            let municipal = i["jarenGemeenten"].as_array().unwrap();
            assert_eq!(national, municipal.is_empty(), "{b:?}: {}", i["id"]);
            assert!(
                !i["jaren"].as_array().unwrap().is_empty(),
                "{b:?}: {} has no figures",
                i["id"]
            );
            assert!(!i["begrip"].as_str().unwrap().is_empty(), "{b:?}: {}", i["id"]);
            assert!(
                [
                    "arbeid",
                    "inkomen-en-uitkeringen",
                    "economie-en-bedrijven",
                    "bevolking",
                    "wonen",
                    "onderwijs"
                ]
                .contains(&i["thema"].as_str().unwrap()),
                "{b:?}: {}",
                i["id"]
            );
        }
        let national: Vec<&str> = all
            .iter()
            .filter(|i| i["alleenLandelijk"] == true)
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            national,
            ["zzp", "bijstandsuitkeringen-landelijk", "vestigingen-corop"],
            "{b:?}"
        );

        // Bijstand of Enschede over six years, from four kinds of CBS table with labels and codes.
        let bijstand = values(
            &app.get_json("/api/v1/indicatoren/bijstandsuitkeringen/waarden?gebied=GM0153", 200)
                .await,
        );
        let years: Vec<i64> = bijstand.iter().map(|v| v.1).collect();
        assert_eq!(years, [2015, 2016, 2018, 2019, 2020, 2021], "{b:?}");
        assert_eq!(bijstand[3].2, 7480.0, "{b:?}: 31 December 2019, 84860NED");
        // Jobs per gemeente in the classification of each year, 2010–2023 (83582NED).
        let banen = values(
            &app.get_json("/api/v1/indicatoren/banen-werknemers/waarden?gebied=GM0153", 200)
                .await,
        );
        assert_eq!(banen.len(), 14, "{b:?}");
        assert_eq!((banen[13].1, banen[13].2), (2023, 92500.0), "{b:?}");
        // A gemeente that merged in 2019 has jobs up to 2018 under its own code.
        let aalburg = values(
            &app.get_json("/api/v1/indicatoren/banen-werknemers/waarden?gebied=GM0738", 200)
                .await,
        );
        assert_eq!(aalburg.last().map(|v| v.1), Some(2018), "{b:?}");
        // Werkzame beroepsbevolking for arbeidsmarktregio Twente, 2024 (86088NED).
        let twente = values(
            &app.get_json(
                "/api/v1/indicatoren/werkzame-beroepsbevolking/waarden?gebied=AM05&periode=2024",
                200,
            )
            .await,
        );
        assert_eq!(twente.len(), 1, "{b:?}");
    }
}
