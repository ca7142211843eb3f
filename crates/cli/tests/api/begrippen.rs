// SPDX-License-Identifier: EUPL-1.2
//! The begrippenkader through the API: the seed vocabulary, search, exports, links to the
//! indicators, and editing with versions and optimistic locking.

use serde_json::{json, Value};

use crate::helpers::{backends, snapshot_dir, TestApp};

fn first_id(body: &Value) -> &str {
    body["begrippen"][0]["id"].as_str().unwrap_or("")
}

#[tokio::test]
async fn the_seed_begrippenkader_search_and_exports() {
    for app in TestApp::all().await {
        let kaders = app.get_json("/api/v1/begrippenkaders", 200).await;
        let k = &kaders["begrippenkaders"][0];
        assert_eq!(k["id"], "arbeidsmarkt-en-economie");
        assert!(k["aantalBegrippen"].as_u64().unwrap() >= 80);
        assert!(k["collecties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["naam"] == "Sociale zekerheid"
                && c["begrippen"].as_array().unwrap().iter().any(|b| b == "bijstand")));

        // Werkloosheid: definitions from different sources, each with its perspective.
        let res = app.get("/api/v1/begrippen/werkloosheid").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["etag"], "\"1\"");
        let w: Value = res.json().await.unwrap();
        let defs = w["definities"].as_array().unwrap();
        assert!(defs.len() >= 2);
        let sources: std::collections::BTreeSet<&str> =
            defs.iter().map(|d| d["bron"]["titel"].as_str().unwrap()).collect();
        assert!(sources.len() >= 2);
        assert!(defs.iter().any(|d| d["perspectief"] == "statistiek"));
        assert!(defs.iter().any(|d| d["perspectief"] == "uitvoering"));
        assert!(w["indicatoren"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "werkloosheidspercentage"));
        assert!(w["maatstaven"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["bron"] == "85224NED"));

        // Search: Dutch analysis, prefixes and compounds.
        for (q, expected) in [
            ("creeren", "samenhang"),
            ("werkloos", "werkloosheid"),
            ("arbeidsmarkt%20regio", "arbeidsmarktregio"),
        ] {
            let body = app.get_json(&format!("/api/v1/begrippen?zoek={q}"), 200).await;
            assert_eq!(first_id(&body), expected, "zoek={q}");
        }
        let vastgesteld = app
            .get_json("/api/v1/begrippen?status=vastgesteld&paginaGrootte=1", 200)
            .await;
        assert!(vastgesteld["paginering"]["totaal"].as_u64().unwrap() >= 80);
        app.get_json("/api/v1/begrippen?status=klaar", 400).await;
        app.get_json("/api/v1/begrippen/bestaat-niet", 404).await;

        // Exports: Turtle reads back to the same graph; JSON-LD and CSV are complete.
        let ttl = app
            .get("/api/v1/begrippenkaders/arbeidsmarkt-en-economie/export?formaat=turtle")
            .await
            .bytes()
            .await
            .unwrap();
        let exported = samenhang_vocab::read_turtle(&ttl[..], "export.ttl").unwrap();
        let seed = std::fs::read(snapshot_dir().join("vocab/arbeidsmarkt-en-economie.ttl")).unwrap();
        let original = samenhang_vocab::read_turtle(&seed[..], "seed.ttl").unwrap();
        assert!(samenhang_vocab::isomorphic(&original.triples, &exported.triples));
        let jsonld = app
            .get_json(
                "/api/v1/begrippenkaders/arbeidsmarkt-en-economie/export?formaat=jsonld",
                200,
            )
            .await;
        assert!(jsonld["@graph"].as_array().unwrap().len() > 100);
        let csv = app
            .get("/api/v1/begrippenkaders/arbeidsmarkt-en-economie/export?formaat=csv")
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("uri,voorkeursterm,"));
        assert_eq!(csv.lines().count(), original.concepts.len() + 1);
        app.get_json(
            "/api/v1/begrippenkaders/arbeidsmarkt-en-economie/export?formaat=pdf",
            400,
        )
        .await;
    }
}

#[tokio::test]
async fn every_indicator_links_to_a_concept_of_the_seed() {
    let seed = std::fs::read(snapshot_dir().join("vocab/arbeidsmarkt-en-economie.ttl")).unwrap();
    let vocab = samenhang_vocab::read_turtle(&seed[..], "seed.ttl").unwrap();
    let registry = samenhang::read_indicators(&snapshot_dir()).unwrap();
    for i in &registry.indicators {
        assert!(
            vocab.concept(&i.concept).is_some(),
            "indicator {} links to unknown concept {}",
            i.id,
            i.concept
        );
    }
}

fn concept(id: &str, label: &str, status: &str) -> Value {
    json!({
        "id": id,
        "voorkeursterm": label,
        "definities": [{
            "tekst": "Tekort aan personeel in zorg en welzijn.",
            "perspectief": "beleid",
            "bron": { "titel": "Regionale arbeidsmarktagenda", "url": "https://example.org/agenda" }
        }],
        "bovenliggend": ["krapte"],
        "status": status
    })
}

#[tokio::test]
async fn editing_with_versions_and_optimistic_locking() {
    // Without an account, writes are refused unless the server runs for local use; a lezer
    // may not edit; a redacteur may, and is named in the version history.
    let closed = TestApp::spawn(crate::helpers::Backend::Sqlite).await;
    let new = concept("zorgkrapte", "krapte in de zorg", "inBewerking");
    let res = closed
        .send(reqwest::Method::POST, "/api/v1/begrippen", None, Some(&new), None)
        .await;
    assert_eq!(res.status(), 401);
    let reader = closed
        .account("lezer@enschede.nl", "gemeente-enschede", None, "lezer")
        .await;
    let res = closed
        .send(
            reqwest::Method::POST,
            "/api/v1/begrippen",
            Some(&reader.key),
            Some(&new),
            None,
        )
        .await;
    assert_eq!(res.status(), 403);
    let editor = closed
        .account("redacteur@enschede.nl", "gemeente-enschede", None, "redacteur")
        .await;
    closed.post_as(&editor.key, "/api/v1/begrippen", &new, 201).await;
    let v = closed.get_json("/api/v1/begrippen/zorgkrapte/versies", 200).await;
    assert_eq!(v["versies"][0]["door"], "redacteur");

    for backend in backends() {
        let app = TestApp::with_local_writes(backend).await;
        let url = |p: &str| format!("{}{}", app.address, p);
        let res = app
            .client
            .post(url("/api/v1/begrippen"))
            .header("x-gebruiker", "beleidsadviseur@enschede.nl")
            .json(&concept("zorgkrapte", "krapte in de zorg", "inBewerking"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{backend:?}");
        assert_eq!(res.headers()["etag"], "\"1\"");
        assert_eq!(res.headers()["location"], "/api/v1/begrippen/zorgkrapte");
        let c = app.get_json("/api/v1/begrippen/zorgkrapte", 200).await;
        assert_eq!(c["bovenliggend"][0]["id"], "krapte");
        assert_eq!(
            app.get_json("/api/v1/begrippen?zoek=krapte%20zorg", 200).await["begrippen"][0]["id"],
            "zorgkrapte"
        );

        // Change with the right version; then a stale write is refused.
        let put = |body: Value, if_match: Option<&str>| {
            let mut r = app.client.put(url("/api/v1/begrippen/zorgkrapte")).json(&body);
            if let Some(m) = if_match {
                r = r.header("if-match", m);
            }
            r.send()
        };
        let res = put(concept("zorgkrapte", "krapte in de zorg", "voorgesteld"), Some("\"1\""))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["etag"], "\"2\"");
        let stale = put(concept("zorgkrapte", "zorgkrapte", "voorgesteld"), Some("\"1\""))
            .await
            .unwrap();
        assert_eq!(stale.status(), 412);
        assert_eq!(stale.headers()["content-type"], "application/problem+json");
        let missing = put(concept("zorgkrapte", "zorgkrapte", "voorgesteld"), None)
            .await
            .unwrap();
        assert_eq!(missing.status(), 428);

        // The workflow and the rules of the begrippenkader, every fault named.
        let skip = put(concept("zorgkrapte", "krapte in de zorg", "vervallen"), Some("\"2\""))
            .await
            .unwrap();
        assert_eq!(skip.status(), 400);
        let body: Value = skip.json().await.unwrap();
        assert_eq!(body["invalidParams"][0]["name"], "status");
        let dup = app
            .client
            .post(url("/api/v1/begrippen"))
            .json(&concept("dubbel", "Werkloosheid", "inBewerking"))
            .send()
            .await
            .unwrap();
        assert_eq!(dup.status(), 400);
        let mut cyclic = concept("krapte", "krapte", "vastgesteld");
        cyclic["bovenliggend"] = json!(["zorgkrapte"]);
        let res = app
            .client
            .put(url("/api/v1/begrippen/krapte"))
            .header("if-match", "\"1\"")
            .json(&cyclic)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
        let body: Value = res.json().await.unwrap();
        assert!(body["invalidParams"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("kringverwijzing"));
        let bad = app
            .client
            .post(url("/api/v1/begrippen"))
            .body("{ kapot")
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 400);

        // History: who, when, what.
        let v = app.get_json("/api/v1/begrippen/zorgkrapte/versies", 200).await;
        let versions = v["versies"].as_array().unwrap();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0]["door"], "beleidsadviseur@enschede.nl");
        assert_eq!(versions[1]["door"], "lokaal");
        assert!(versions[1]["wijziging"].as_str().unwrap().contains("voorgesteld"));
        // An imported concept has its import as version 1.
        let imported = app.get_json("/api/v1/begrippen/werkloosheid/versies", 200).await;
        assert_eq!(imported["versies"][0]["door"], "import");
    }
}

#[tokio::test]
async fn malformed_turtle_is_refused_with_line_and_column_and_nothing_stored() {
    let app = TestApp::spawn(crate::helpers::Backend::Sqlite).await;
    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kapot.ttl");
    std::fs::write(&file, "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://x.nl/k> a skos:ConceptScheme .\n<https://x.nl/a> a skos:Concept ;\n  skos:prefLabel \"a\"@nl ;\n  skos:broader <https://x.nl/b\n").unwrap();
    let err = samenhang::begrippen::load_file(store.as_ref(), &file)
        .await
        .unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("kapot.ttl, regel 5, kolom"), "{msg}");
    assert_eq!(store.vocabularies().await.unwrap().len(), 1, "only the seed is stored");
}
