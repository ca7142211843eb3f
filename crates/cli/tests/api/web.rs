// SPDX-License-Identifier: EUPL-1.2
//! The web pages over real HTTP: every page type answers in Dutch HTML with the figures, maps
//! and definitions it promises, and bad input gets a Dutch error page with 400 or 404, never a
//! 500. (Accessibility and keyboard use are checked in a real browser by `tests/browser`.)

use crate::helpers::{Backend, TestApp};

async fn page(app: &TestApp, path: &str, status: u16) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status().as_u16(), status, "GET {path}");
    let ct = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("text/html"), "GET {path}: {ct}");
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("default-src 'self'") && !csp.contains("unsafe"),
        "GET {path}: {csp}"
    );
    let body = res.text().await.unwrap();
    assert!(
        body.starts_with("<!DOCTYPE html>") && body.contains("<html lang=\"nl\">"),
        "GET {path}"
    );
    assert!(body.contains("href=\"#inhoud\""), "skip link on {path}");
    body
}

#[tokio::test]
async fn pages_show_real_figures_maps_and_definitions() {
    let app = TestApp::with_statistics(Backend::Sqlite).await;

    // Home → Twente → Enschede: the path a new user takes.
    let home = page(&app, "/", 200).await;
    assert!(
        home.contains("href=\"/arbeidsmarktregios/AM05\""),
        "home links to Twente"
    );
    assert!(home.contains("<datalist"), "search suggestions without script");
    // The home page leads to what the region does, and /themas lists every theme.
    for link in [
        "href=\"/regelingen\"",
        "href=\"/afspraken\"",
        "href=\"/overleggen\"",
        "href=\"/themas\"",
    ] {
        assert!(home.contains(link), "home links {link}");
    }
    let themes = page(&app, "/themas", 200).await;
    assert!(themes.contains("href=\"/themas/werkloosheid\"") && themes.contains("href=\"/themas/bijstand\""));
    let twente = page(&app, "/arbeidsmarktregios/AM05", 200).await;
    assert!(twente.contains("Twente"));
    assert!(twente.contains("href=\"/gemeenten/GM0153\""), "Twente lists Enschede");
    assert_eq!(twente.matches("<path").count(), 14, "a map with Twente's 14 gemeenten");
    // The key figures side by side fit the page: one row per indicator with the region and its
    // lowest and highest gemeente, labour market first; the map's figures as a table.
    assert!(twente.contains("Kerncijfers naast elkaar") && twente.contains("De waarden van de kaart als tabel"));
    let first = twente
        .find("Werkloosheidspercentage")
        .expect("werkloosheid on the region page");
    assert!(
        first < twente.find("Inwoners op 1 januari").unwrap(),
        "labour market first"
    );

    let enschede = page(&app, "/gemeenten/GM0153", 200).await;
    assert!(enschede.contains("<h1>Enschede</h1>"));
    // Real figures: Enschede has between 150.000 and 170.000 inhabitants in every year shipped.
    assert!(
        enschede.contains("Aantal inwoners") || enschede.contains("Inwoners"),
        "population row"
    );
    assert!(enschede.contains("Twente"), "its arbeidsmarktregio");
    assert!(
        enschede.contains("Overijssel") && enschede.contains("Nederland"),
        "compared with provincie and Nederland"
    );
    assert!(
        enschede.contains("van 342") || enschede.contains("van 345"),
        "rank among all gemeenten"
    );
    assert!(enschede.contains("href=\"/begrippen/"), "links to definitions");
    assert!(
        enschede.contains("<h2 id=\"definities\">Definities</h2>") && enschede.contains("Alle definities van"),
        "the definition of each indicator on the page"
    );
    assert!(
        enschede.contains("<title id=\"kaart-regio-titel\">") && enschede.contains("<desc"),
        "the map has a title and description"
    );
    assert!(enschede.matches("<path").count() >= 14, "a map of Twente");
    assert!(enschede.contains("role=\"img\""));

    // Indicator: definition, map of all gemeenten, chart with table, sortable ranking, CSV.
    let ind = page(&app, "/indicatoren/inwoners?gebied=GM0153", 200).await;
    assert!(ind.contains("Definitie") && ind.contains("href=\"/begrippen/"));
    assert!(ind.matches("<path").count() > 300, "a map of every gemeente");
    assert!(ind.contains("<polyline class=\"line\""), "a time-series chart");
    assert!(ind.contains("Tabel bij de grafiek"), "the chart's text alternative");
    assert!(
        ind.contains("aria-sort=\"descending\""),
        "the ranking is sorted by value"
    );
    assert!(ind.contains("Bron: CBS"));
    let by_name = page(&app, "/indicatoren/inwoners?sorteer=naam&volgorde=op", 200).await;
    let a = by_name.find(">Aa en Hunze<").expect("Aa en Hunze listed");
    let z = by_name.find(">Zwolle<").expect("Zwolle listed");
    assert!(a < z, "A–Z order");
    // Where lower is better the ranking opens with rank 1 (the lowest value), and equal values
    // stay in alphabetical order.
    let unemployment = page(&app, "/indicatoren/werkloosheidspercentage?gebied=GM0153", 200).await;
    assert!(
        unemployment.contains("aria-sort=\"ascending\""),
        "lowest unemployment first"
    );
    let first_rank = unemployment[unemployment.find("id=\"ranglijst\"").unwrap()..]
        .split("<td class=\"num\">")
        .nth(1)
        .unwrap_or("");
    assert!(
        first_rank.starts_with("1<"),
        "rank 1 first: {}",
        &first_rank[..first_rank.len().min(40)]
    );
    // A national-only indicator shows no ranking of 342 empty rows.
    let national = page(&app, "/indicatoren/zzp", 200).await;
    assert!(
        national.contains("Geen ranglijst") && !national.contains("geen waarde</td>"),
        "no empty ranking"
    );
    page(&app, "/indicatoren/inwoners?soort=arbeidsmarktregio", 200).await;
    page(&app, "/indicatoren/inwoners?soort=provincie", 200).await;
    page(&app, "/indicatoren", 200).await;

    let csv = app.get("/indicatoren/inwoners/waarden.csv").await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(
        text.starts_with("\u{feff}gebiedcode;gebiednaam;soort;jaar;waarde;eenheid;herkomst"),
        "a BOM for Excel"
    );
    assert!(text
        .lines()
        .any(|l| l.starts_with("GM0153;Enschede;gemeente;2024;161738;")));
    assert!(text.lines().any(|l| l.starts_with("GM1900;Súdwest-Fryslân;gemeente;")));
    assert!(text.trim_end().ends_with("(CC BY 4.0)"));
    // The download honours soort and gebied, and rounds to the indicator's decimals.
    let twente = app
        .get("/indicatoren/werkloosheidspercentage/waarden.csv?soort=gemeente&gebied=AM05")
        .await;
    assert_eq!(twente.status(), 200);
    let text = twente.text().await.unwrap();
    let rows_2024: Vec<&str> = text.lines().filter(|l| l.contains(";2024;")).collect();
    assert_eq!(rows_2024.len(), 14, "Twente's 14 gemeenten in 2024");
    assert!(rows_2024
        .iter()
        .any(|l| l.starts_with("GM0153;Enschede;gemeente;2024;4,6;%;")));
    assert!(!text.contains("AM05;"), "only gemeenten");
    let one = app
        .get("/indicatoren/werkloosheidspercentage/waarden.csv?gebied=GM0153")
        .await
        .text()
        .await
        .unwrap();
    assert!(one
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#'))
        .all(|l| l.starts_with("GM0153;")));
    let bad = app
        .get("/indicatoren/werkloosheidspercentage/waarden.csv?soort=wijk")
        .await;
    assert_eq!(bad.status(), 400);
    // The region download: every key indicator × Twente and its gemeenten × years, with sources.
    let region = app.get("/arbeidsmarktregios/AM05/kerncijfers.csv").await;
    assert_eq!(region.status(), 200);
    let text = region.text().await.unwrap();
    assert!(text.starts_with("\u{feff}indicator;gebiedcode;gebiednaam;soort;jaar;waarde;eenheid;herkomst;bron"));
    assert!(text.lines().any(
        |l| l.starts_with("Werkloosheidspercentage;GM0153;Enschede;gemeente;2024;4,6;%;") && l.contains("86088NED")
    ));
    assert!(text
        .lines()
        .any(|l| l.starts_with("Werkloosheidspercentage;AM05;Twente;arbeidsmarktregio;2024;")));
    assert!(!text.contains(";GM0363;"), "no gemeente outside Twente");
    let gemeente = app.get("/gemeenten/GM0153/kerncijfers.csv").await.text().await.unwrap();
    assert!(gemeente.lines().skip(1).all(|l| l.contains(";GM0153;Enschede;")));
    assert_eq!(app.get("/gemeenten/PV23/kerncijfers.csv").await.status(), 400);

    // Comparison groups: chosen in the URL, the ranks follow, the gemeente is highlighted.
    let grouped = page(&app, "/gemeenten/GM0153?groep=arbeidsmarktregio", 200).await;
    assert!(grouped.contains("gemeenten in arbeidsmarktregio Twente (14 gemeenten)"));
    assert!(grouped.contains("van 14 in de vergelijkingsgroep"));
    assert!(
        grouped.contains("href=\"/gemeenten/GM0164?groep=arbeidsmarktregio\""),
        "members keep the group"
    );
    let ranking = page(
        &app,
        "/indicatoren/werkloosheidspercentage?gebied=GM0153&groep=arbeidsmarktregio",
        200,
    )
    .await;
    assert_eq!(
        ranking.matches("<tr id=\"rij-GM").count(),
        14,
        "only Twente's gemeenten"
    );
    assert!(
        ranking.contains("<tr id=\"rij-GM0153\" class=\"gekozen\">"),
        "Enschede highlighted"
    );
    assert!(ranking.contains("href=\"#rij-GM0153\""), "and anchored");
    let all = page(&app, "/indicatoren/werkloosheidspercentage?gebied=GM0153", 200).await;
    assert!(all.matches("<tr id=\"rij-GM").count() > 300);
    assert!(all.contains("class=\"gekozen\""));
    assert!(
        all.contains("dikke rand: Enschede"),
        "the map's legend names the outlined gemeente"
    );

    // A gemeente that merged says so, with the date and its successor.
    let weesp = page(&app, "/gemeenten/GM0457", 200).await;
    assert!(weesp.contains("Weesp bestaat niet meer."));
    assert!(weesp.contains("24 maart 2022") && weesp.contains("href=\"/gemeenten/GM0363\""));

    // Index: the form recomputes the ranks and shows how they move.
    let idx = page(&app, "/indices/brede-welvaart-voorbeeld", 200).await;
    assert!(idx.contains("name=\"gewicht-arbeid\"") && idx.contains("name=\"gewicht-hoogopgeleiden\""));
    let by_indicator = page(&app, "/indices/brede-welvaart-voorbeeld?gewicht-hoogopgeleiden=6", 200).await;
    assert!(
        by_indicator.contains("plaatsen omhoog"),
        "an indicator weight moves ranks too"
    );
    let moved = page(
        &app,
        "/indices/brede-welvaart-voorbeeld?gewicht-arbeid=5&gewicht-inkomen=0",
        200,
    )
    .await;
    assert!(
        moved.contains("plaatsen omhoog") && moved.contains("plaatsen omlaag"),
        "ranks move when weights change"
    );

    // Begrippen, a concept with its definitions and indicators, and search.
    let list = page(&app, "/begrippen", 200).await;
    assert!(list.contains("A–Z") && list.contains("Hiërarchie") && list.contains("formaat=turtle"));
    let found = page(&app, "/begrippen?zoek=werkloos", 200).await;
    assert!(found.contains("href=\"/begrippen/werkloosheid\""));
    let concept = page(&app, "/begrippen/werkloosheid", 200).await;
    assert!(concept.contains("Perspectief:") && concept.contains("Status:") && concept.contains("Geschiedenis"));
    let search = page(&app, "/zoeken?q=enschede", 200).await;
    assert!(search.contains("href=\"/gemeenten/GM0153\""));
    let search = page(&app, "/zoeken?q=bijstand", 200).await;
    assert!(search.contains("href=\"/indicatoren/") && search.contains("href=\"/begrippen/"));

    // Stylesheets: the neutral theme's tokens and the page styles.
    let theme = app.get("/static/thema.css").await;
    assert_eq!(theme.status(), 200);
    assert!(theme.text().await.unwrap().contains(".samenhang-theme"));
}

#[tokio::test]
async fn bad_input_gets_a_dutch_error_page_never_a_500() {
    let app = TestApp::with_statistics(Backend::Sqlite).await;
    for (path, status, needle) in [
        ("/gemeenten/GM9999", 404, "GM9999"),
        ("/gemeenten/Enschede", 400, "Enschede"),
        ("/gemeenten/AM05", 400, "geen gemeentecode"),
        ("/arbeidsmarktregios/AM99", 404, "AM99"),
        ("/arbeidsmarktregios/AM05?indicator=niets", 400, "niets"),
        ("/indicatoren/bestaat-niet", 404, "bestaat-niet"),
        ("/indicatoren/inwoners?jaar=abc", 400, "abc"),
        ("/indicatoren/inwoners?jaar=1850", 400, "1850"),
        ("/indicatoren/inwoners?soort=wijk", 400, "wijk"),
        ("/indicatoren/inwoners?gebied=XX", 400, "XX"),
        ("/indicatoren/inwoners?sorteer=kleur", 400, "kleur"),
        ("/indicatoren/inwoners?onzin=1", 400, "onzin"),
        ("/indicatoren/inwoners?gebied=GM0153&groep=buren", 400, "buren"),
        ("/indicatoren/inwoners?gebied=AM05&groep=provincie", 400, "alleen bij"),
        ("/gemeenten/GM0153?groep=eigen", 400, "leden"),
        ("/gemeenten/GM0153?groep=eigen&leden=GM0164,XX", 400, "'XX'"),
        ("/gemeenten/GM0153?kleur=rood", 400, "kleur"),
        ("/indices/brede-welvaart-voorbeeld?gewicht-arbeid=-1", 400, "0 of groter"),
        ("/indices/brede-welvaart-voorbeeld?gewicht-arbeid=veel", 400, "geen getal"),
        ("/indices/brede-welvaart-voorbeeld?gewicht-arbeid=NaN", 400, "0 of groter"),
        ("/indices/brede-welvaart-voorbeeld?gewicht-hoogopgeleiden=-2", 400, "indicator Hoogopgeleiden"),
        (
            "/indices/brede-welvaart-voorbeeld?gewicht-inkomen=0&gewicht-arbeid=0&gewicht-kennis=0&gewicht-voorzieningen=0",
            400,
            "Alle gewichten zijn 0",
        ),
        ("/indices/brede-welvaart-voorbeeld?normalisatie=log", 400, "log"),
        ("/indices/onbekend", 404, "onbekend"),
        ("/begrippen/bestaat-niet", 404, "bestaat-niet"),
        ("/begrippen?kleur=rood", 400, "kleur"),
        ("/zoeken?x=1", 400, "'x'"),
        ("/nergens", 404, "/nergens"),
        ("/indicatoren/inwoners?jaar=%ZZ", 400, "%ZZ"),
    ] {
        let body = page(&app, path, status).await;
        assert!(body.contains(needle), "GET {path}: the message names '{needle}'");
        assert!(body.contains("role=\"alert\""), "GET {path}: the message is announced");
    }
    // The form keeps what was typed and points at the field.
    let body = page(&app, "/indices/brede-welvaart-voorbeeld?gewicht-arbeid=veel", 400).await;
    assert!(body.contains("value=\"veel\"") && body.contains("aria-invalid=\"true\""));
}

/// A beheerder of the example organisation Gemeente Enschede.
pub(crate) async fn enschede_beheerder(app: &TestApp) -> crate::helpers::Account {
    app.account(
        "beheer@enschede.example",
        "gemeente-enschede",
        Some("AM05"),
        "beheerder",
    )
    .await
}

#[tokio::test]
async fn the_gemeente_page_links_to_what_the_region_does_and_follows_new_records() {
    for b in crate::helpers::backends() {
        let app = TestApp::with_examples(b).await;
        let before = page(&app, "/gemeenten/GM0153", 200).await;
        let work = &before[before.find("id=\"wat-de-regio-doet\"").expect("section")..];
        for link in [
            "href=\"/doelen/voorbeeld-d-bijstand\"",
            "href=\"/personen/voorbeeld-p-enschede\"",
            "href=\"/regelingen/voorbeeld-r-lks-enschede\"",
            "href=\"/afspraken/voorbeeld-a-werkpact\"",
            "href=\"/overleggen/voorbeeld-o-boa\"",
        ] {
            assert!(work.contains(link), "{link} on the page of Enschede");
        }
        // Hengelo's scheme and alderman are not Enschede's.
        assert!(!work.contains("voorbeeld-r-lks-hengelo") && !work.contains("voorbeeld-p-hengelo"));
        // The trend lines of Twente and Nederland next to Enschede's, and a benchmark strip.
        assert!(before.contains("polyline class=\"l1\"") && before.contains("svg class=\"bench\""));
        // A new public goal shows on the (cached) anonymous page at once; one visible only to
        // the organisation does not.
        let e = enschede_beheerder(&app).await;
        for (title, visibility) in [
            ("Meer banen in Enschede", "openbaar"),
            ("Intern doel Enschede", "organisatie"),
        ] {
            app.post_as(
                &e.key,
                "/api/v1/doelen",
                &serde_json::json!({"titel": title, "zichtbaarheid": visibility, "gebied": "GM0153",
                        "indicator": "banen-per-1000-inwoners-15-74", "basisjaar": 2015, "streefjaar": 2030, "streefwaarde": 800}),
                201,
            )
            .await;
        }
        let after = page(&app, "/gemeenten/GM0153", 200).await;
        assert!(after.contains("Meer banen in Enschede"), "{:?}", app.backend);
        assert!(!after.contains("Intern doel Enschede"));
        // A gemeente without an organisation in Samenhang says why it shows no aldermen.
        let oldenzaal = page(&app, "/gemeenten/GM0173", 200).await;
        assert!(oldenzaal.contains("Er is geen organisatie van de gemeente in Samenhang"));
    }
}

#[tokio::test]
async fn search_finds_register_records_for_whom_may_see_them() {
    for b in crate::helpers::backends() {
        let app = TestApp::with_examples(b).await;
        // Schemes by their title, first; the Werkpact; a goal by a word of its title.
        let found = page(&app, "/zoeken?q=loonkostensubsidie", 200).await;
        let records = &found[found.find("id=\"registers\"").expect("register results")..];
        let first_enschede = records.find("href=\"/regelingen/voorbeeld-r-lks-enschede\"").unwrap();
        let first_agreement = records.find("href=\"/afspraken/").unwrap();
        assert!(first_enschede < first_agreement, "schemes named so come first");
        assert!(records.contains("Regelingen (4)"), "{:?}", app.backend);
        let found = page(&app, "/zoeken?q=werkpact", 200).await;
        assert!(found.contains("href=\"/afspraken/voorbeeld-a-werkpact\""));
        let found = page(&app, "/zoeken?q=bijstand", 200).await;
        assert!(found.contains("href=\"/doelen/voorbeeld-d-bijstand\""));
        // A snippet from the description, with the match marked.
        assert!(found.contains("<mark>bijstand</mark>"), "{found}");
        // One kind at a time; an unknown kind is a Dutch 400.
        let only = page(&app, "/zoeken?q=bijstand&soort=doel", 200).await;
        let only = &only[only.find("id=\"registers\"").unwrap()..];
        assert!(only.contains("voorbeeld-d-bijstand") && !only.contains("href=\"/regelingen/"));
        let bad = page(&app, "/zoeken?q=bijstand&soort=kat", 400).await;
        assert!(bad.contains("Er is geen soort record 'kat'"));

        // A record only Hengelo may see: never found by others, not in a snippet or a count.
        let h = app
            .account("beheer@hengelo.example", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        app.post_as(
            &h.key,
            "/api/v1/regelingen",
            &serde_json::json!({"titel": "Geheime loonkostensubsidie Hengelo", "zichtbaarheid": "organisatie",
                    "omschrijving": "Alleen voor Hengelo: zilvervloot.", "aanbieder": "gemeente-hengelo", "gebied": "GM0164",
                    "doelgroepen": ["bijstand"], "instrument": "loonkostensubsidie", "behoeften": ["krapte"],
                    "budget": 1000, "geldsoort": "doe-geld", "status": "actief"}),
            201,
        )
        .await;
        // A public body with a participant only Hengelo may see: the participant's id finds nothing.
        let person = app
            .post_as(
                &h.key,
                "/api/v1/personen",
                &serde_json::json!({"naam": "Verborgen Deelnemer", "functie": "beleidsadviseur", "zichtbaarheid": "organisatie"}),
                201,
            )
            .await;
        let person = person["id"].as_str().unwrap();
        app.post_as(
            &h.key,
            "/api/v1/overleggen",
            &serde_json::json!({"naam": "Openbaar overleg Hengelo", "zichtbaarheid": "openbaar", "deelnemers": [person],
                    "frequentie": 4, "duur": 1, "mandaat": "besluitvormend", "themas": ["bijstand"]}),
            201,
        )
        .await;
        let by_id = page(&app, &format!("/zoeken?q={person}"), 200).await;
        assert!(!by_id.contains("Openbaar overleg Hengelo"), "{:?}", app.backend);
        let anonymous = page(&app, "/zoeken?q=loonkostensubsidie", 200).await;
        assert!(!anonymous.contains("Geheime") && anonymous.contains("Regelingen (4)"));
        let e = enschede_beheerder(&app).await;
        let (session, _) = crate::inloggen::log_in(&app, &e).await;
        for q in ["loonkostensubsidie", "zilvervloot"] {
            let seen = crate::inloggen::page(&app, &session, &format!("/zoeken?q={q}"), 200).await;
            assert!(!seen.contains("Geheime") && !seen.contains("zilvervloot</mark>"), "{q}");
        }
        let (own, _) = crate::inloggen::log_in(&app, &h).await;
        let theirs = crate::inloggen::page(&app, &own, "/zoeken?q=zilvervloot", 200).await;
        assert!(theirs.contains("Geheime loonkostensubsidie Hengelo") && theirs.contains("<mark>zilvervloot.</mark>"));
    }
}
