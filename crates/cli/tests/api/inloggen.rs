// SPDX-License-Identifier: EUPL-1.2
//! Logging in through the web pages: CSRF on every form, the failed-login limit, sessions,
//! user management by a beheerder, and the Afspraken pages (goal, person, DUO) per reader.

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use serde_json::json;

use crate::helpers::{Account, TestApp};

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().unwrap()
}

pub(crate) fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_string())
}

pub(crate) fn hidden_csrf(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().unwrap().to_string()
}

/// The login form's cookie and token.
pub(crate) async fn login_form(app: &TestApp) -> (String, String) {
    let res = client().get(format!("{}/inloggen", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let cookie = set_cookie(&res, "samenhang_inlogformulier").expect("form cookie");
    let token = hidden_csrf(&res.text().await.unwrap());
    assert_eq!(cookie, format!("samenhang_inlogformulier={token}"));
    (cookie, token)
}

pub(crate) async fn post_login(
    app: &TestApp,
    cookie: &str,
    csrf: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client()
        .post(format!("{}/inloggen", app.address))
        .header(COOKIE, cookie)
        .form(&[("csrf", csrf), ("email", email), ("wachtwoord", password)])
        .send()
        .await
        .unwrap()
}

/// Logs in; returns the session cookie and the session's CSRF token.
pub(crate) async fn log_in(app: &TestApp, who: &Account) -> (String, String) {
    let (cookie, token) = login_form(app).await;
    let res = post_login(app, &cookie, &token, &who.email, &who.password).await;
    assert_eq!(res.status(), 303, "{:?}", app.backend);
    assert_eq!(res.headers()[LOCATION], "/account");
    let session = set_cookie(&res, "samenhang_sessie").expect("session cookie");
    let raw = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(raw
        .iter()
        .any(|c| c.starts_with("samenhang_sessie=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")));
    let page = page(app, &session, "/account", 200).await;
    (session, hidden_csrf(&page))
}

pub(crate) async fn page(app: &TestApp, session: &str, path: &str, status: u16) -> String {
    let res = client()
        .get(format!("{}{path}", app.address))
        .header(COOKIE, session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), status, "{:?} GET {path}", app.backend);
    res.text().await.unwrap()
}

pub(crate) async fn post_form(app: &TestApp, session: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client()
        .post(format!("{}{path}", app.address))
        .header(COOKIE, session)
        .form(fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn ten_wrong_passwords_lock_the_account_and_forged_forms_change_nothing() {
    for app in TestApp::all().await {
        let alice = app
            .account("alice@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let (cookie, token) = login_form(&app).await;

        // A forged CSRF token, or none: 403 and no session, even with the right password.
        for forged in ["", "vervalst"] {
            let res = post_login(&app, &cookie, forged, &alice.email, &alice.password).await;
            assert_eq!(res.status(), 403);
            assert!(set_cookie(&res, "samenhang_sessie").is_none());
            assert!(res
                .text()
                .await
                .unwrap()
                .contains("Dit formulier is niet (meer) geldig"));
        }

        // Ten wrong passwords in a row: five are checked, then the account is locked.
        let mut statuses = Vec::new();
        for i in 0..10 {
            let res = post_login(&app, &cookie, &token, &alice.email, &format!("fout wachtwoord {i}")).await;
            statuses.push(res.status().as_u16());
            assert!(set_cookie(&res, "samenhang_sessie").is_none());
        }
        assert_eq!(
            statuses,
            [401, 401, 401, 401, 401, 429, 429, 429, 429, 429],
            "{:?}",
            app.backend
        );
        let res = post_login(&app, &cookie, &token, &alice.email, &alice.password).await;
        assert_eq!(res.status(), 429, "locked even with the right password");
        assert!(res.text().await.unwrap().contains("Wacht een kwartier"));
        // An unknown address gets the same answer as a wrong password.
        let res = post_login(&app, &cookie, &token, "niemand@nergens.nl", "wat dan ook").await;
        assert_eq!(res.status(), 401);

        // Another account is not affected; its session works until it logs out.
        let bob = app
            .account("bob@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        let (session, csrf) = log_in(&app, &bob).await;
        assert!(page(&app, &session, "/account", 200).await.contains("Account van bob"));
        // Logging out with a forged token does nothing; with the session's token it ends it.
        let res = post_form(&app, &session, "/uitloggen", &[("csrf", "vervalst")]).await;
        assert_eq!(res.status(), 403);
        assert!(page(&app, &session, "/account", 200).await.contains("Account van bob"));
        let res = post_form(&app, &session, "/uitloggen", &[("csrf", &csrf)]).await;
        assert_eq!(res.status(), 303);
        assert!(page(&app, &session, "/account", 200)
            .await
            .contains("U bent niet ingelogd"));
    }
}

#[tokio::test]
async fn a_beheerder_adds_a_user_who_then_logs_in_with_that_role() {
    for app in TestApp::all().await {
        let bob = app
            .account("bob@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        let (session, csrf) = log_in(&app, &bob).await;
        let html = page(&app, &session, "/beheer/gebruikers", 200).await;
        assert!(html.contains("bob@hengelo.nl"));

        let new_user = [
            ("naam", "Eva Redacteur"),
            ("email", "eva@hengelo.nl"),
            ("wachtwoord", "een goed wachtwoord"),
            ("organisatie", "gemeente-hengelo"),
            ("rol", "redacteur"),
        ];
        // Forged: 403, nobody added.
        let mut forged = new_user.to_vec();
        forged.push(("csrf", "vervalst"));
        let res = post_form(&app, &session, "/beheer/gebruikers", &forged).await;
        assert_eq!(res.status(), 403);
        let store = app.store().await;
        assert!(store.user_by_email("eva@hengelo.nl").await.unwrap().is_none());
        // Bad input: a Dutch message, nobody added.
        let mut short = new_user.to_vec();
        short[2] = ("wachtwoord", "kort");
        short.push(("csrf", &csrf));
        let res = post_form(&app, &session, "/beheer/gebruikers", &short).await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("minstens 12 tekens"));
        assert!(store.user_by_email("eva@hengelo.nl").await.unwrap().is_none());
        // Right: added as redacteur.
        let mut ok = new_user.to_vec();
        ok.push(("csrf", &csrf));
        let res = post_form(&app, &session, "/beheer/gebruikers", &ok).await;
        assert_eq!(res.status(), 303);
        let eva = store.user_by_email("eva@hengelo.nl").await.unwrap().unwrap();
        let grants = store.grants(&eva.id).await.unwrap();
        assert_eq!(grants[0].organisation, "gemeente-hengelo");
        assert_eq!(grants[0].role.as_str(), "redacteur");
        // Eva logs in and sees her role; she is no beheerder.
        let eva = Account {
            id: eva.id,
            email: "eva@hengelo.nl".into(),
            password: "een goed wachtwoord".into(),
            key: String::new(),
        };
        let (eva_session, eva_csrf) = log_in(&app, &eva).await;
        assert!(page(&app, &eva_session, "/account", 200).await.contains("redacteur"));
        page(&app, &eva_session, "/beheer/gebruikers", 403).await;
        let res = post_form(
            &app,
            &eva_session,
            "/beheer/rollen",
            &[
                ("csrf", &eva_csrf),
                ("email", "eva@hengelo.nl"),
                ("organisatie", "gemeente-hengelo"),
                ("rol", "beheerder"),
            ],
        )
        .await;
        assert_eq!(res.status(), 403, "a redacteur cannot make herself beheerder");
        // Bob takes her role away again.
        let res = post_form(
            &app,
            &session,
            "/beheer/rollen",
            &[
                ("csrf", &csrf),
                ("email", "eva@hengelo.nl"),
                ("organisatie", "gemeente-hengelo"),
                ("rol", "geen"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert!(page(&app, &eva_session, "/account", 200).await.contains("nog geen rol"));
        // The audit log has both changes.
        let log = app.get_as(Some(&bob.key), "/api/v1/auditlog", 200).await;
        assert_eq!(log["regels"][0]["actie"], "rol-ingetrokken");
        assert_eq!(log["regels"][1]["actie"], "rol-toegekend");
        // An API key made on the account page works for the API.
        let res = post_form(
            &app,
            &session,
            "/account/sleutels",
            &[("csrf", &csrf), ("naam", "rapportage")],
        )
        .await;
        assert_eq!(res.status(), 201);
        let html = res.text().await.unwrap();
        let at = html.find("<code>").unwrap() + "<code>".len();
        let key = html[at..].split('<').next().unwrap().to_string();
        let roles = app.get_as(Some(&key), "/api/v1/rollen", 200).await;
        assert!(roles.to_string().contains("bob@hengelo.nl"));
    }
}

#[tokio::test]
async fn goal_person_and_duo_pages_show_what_the_reader_may_see() {
    for app in TestApp::all_with_statistics().await {
        let e = app
            .account("beheer@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let uwv = app
            .account("beheer@uwv.nl", "uwv-twente", Some("AM05"), "beheerder")
            .await;
        let alderman = app
            .post_as(
                &e.key,
                "/api/v1/personen",
                &json!({"naam": "Wethouder Werk", "functie": "wethouder", "zichtbaarheid": "openbaar",
                        "portefeuille": "Werk en inkomen", "themas": ["werkloosheid", "bijstand"]}),
                201,
            )
            .await;
        app.post_as(
            &uwv.key,
            "/api/v1/personen",
            &json!({"naam": "Districtsmanager UWV", "functie": "bestuurder", "zichtbaarheid": "openbaar", "themas": ["werkloosheid"]}),
            201,
        )
        .await;
        let goal = app
            .post_as(
                &e.key,
                "/api/v1/doelen",
                &json!({"titel": "Minder bijstand in Enschede", "zichtbaarheid": "openbaar", "themas": ["bijstand"],
                        "eigenaar": alderman["id"], "gebied": "GM0153", "indicator": "bijstand-per-1000-inwoners",
                        "basisjaar": 2020, "basiswaarde": 60, "streefjaar": 2030, "streefwaarde": 45}),
                201,
            )
            .await;
        let secret = app
            .post_as(
                &e.key,
                "/api/v1/doelen",
                &json!({"titel": "Intern doel", "zichtbaarheid": "organisatie", "eigenaar": alderman["id"],
                        "gebied": "GM0153", "indicator": "inwoners",
                        "basisjaar": 2020, "basiswaarde": 158000, "streefjaar": 2030, "streefwaarde": 165000}),
                201,
            )
            .await;
        let anon = "";
        let goal_page = page(&app, anon, &format!("/doelen/{}", goal["id"].as_str().unwrap()), 200).await;
        assert!(goal_page.contains("Minder bijstand in Enschede"));
        assert!(goal_page.contains("class=\"plan\""), "the planned path is drawn");
        assert!(goal_page.contains("Volgens de lijn"));
        assert!(goal_page.contains("Wethouder Werk"));
        assert!(goal_page.contains("Bron: CBS"));
        // The hidden goal: 404 for the public, shown to a member of Enschede.
        let secret_path = format!("/doelen/{}", secret["id"].as_str().unwrap());
        page(&app, anon, &secret_path, 404).await;
        let (session, _) = log_in(
            &app,
            &Account {
                password: crate::helpers::PASSWORD.into(),
                ..e.clone()
            },
        )
        .await;
        assert!(page(&app, &session, &secret_path, 200).await.contains("Intern doel"));
        // The alderman's page lists the goals the reader may see.
        let person = format!("/personen/{}", alderman["id"].as_str().unwrap());
        let public = page(&app, anon, &person, 200).await;
        assert!(public.contains("Werk en inkomen") && public.contains("Minder bijstand"));
        assert!(!public.contains("Intern doel"));
        assert!(page(&app, &session, &person, 200).await.contains("Intern doel"));
        // DUO: werkloosheid has the alderman of Enschede and the UWV partner.
        let duo = page(&app, anon, "/duo", 200).await;
        let row = &duo[duo.find("/begrippen/werkloosheid\"").expect("werkloosheid row")..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(
            row.contains("Wethouder Werk") && row.contains("Districtsmanager UWV"),
            "{row}"
        );
        let list = page(&app, anon, "/doelen", 200).await;
        assert!(list.contains("Minder bijstand") && !list.contains("Intern doel"));
    }
}

async fn upload(app: &TestApp, session: &str, register: &str, csrf: &str, file: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().text("csrf", csrf.to_string()).part(
        "bestand",
        reqwest::multipart::Part::text(file.to_string()).file_name("bestand.csv"),
    );
    client()
        .post(format!("{}/beheer/csv/{register}", app.address))
        .header(COOKIE, session)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn csv_files_are_read_in_from_the_page_all_or_nothing() {
    for app in TestApp::all().await {
        let e = app
            .account("redactie@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let (session, csrf) = log_in(&app, &e).await;
        let html = page(&app, &session, "/beheer/csv", 200).await;
        assert!(html.contains("enctype=\"multipart/form-data\""));
        let bad = "naam,functie,themas\nGoed Mens,wethouder,krapte\nFout Mens,koning,onbekend\n";
        let res = upload(&app, &session, "personen", &csrf, bad).await;
        assert_eq!(res.status(), 400, "{:?}", app.backend);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("Regel 3, kolom functie") && html.contains("Regel 3, kolom themas"),
            "{html}"
        );
        assert!(html.contains("er is niets opgeslagen"));
        let res = upload(&app, &session, "personen", "vervalst", "naam,functie\nX,overig\n").await;
        assert_eq!(res.status(), 403);
        let none = app.get_as(Some(&e.key), "/api/v1/personen", 200).await;
        assert_eq!(
            none["paginering"]["totaal"], 0,
            "nothing of the bad or forged files was stored"
        );
        let good = "naam;functie;themas;zichtbaarheid\nAnne Jansen;accountmanager;krapte;regio\nPiet de Boer;wethouder;;openbaar\n";
        let res = upload(&app, &session, "personen", &csrf, good).await;
        assert_eq!(res.status(), 200);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Personen ingelezen: 2 toegevoegd, 0 gewijzigd"));
        let res = client()
            .get(format!("{}/beheer/csv/personen", app.address))
            .header(COOKIE, &session)
            .send()
            .await
            .unwrap();
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = res.text().await.unwrap();
        assert!(text.contains("Anne Jansen") && text.contains("Piet de Boer"));
        // Anonymous downloads hold only public records.
        let res = client()
            .get(format!("{}/beheer/csv/personen", app.address))
            .send()
            .await
            .unwrap();
        let text = res.text().await.unwrap();
        assert!(text.contains("Piet de Boer") && !text.contains("Anne Jansen"));
    }
}

#[tokio::test]
async fn a_redacteur_adds_a_goal_through_the_form() {
    for app in TestApp::all().await {
        let e = app
            .account("redactie@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let (session, csrf) = log_in(&app, &e).await;
        let html = page(&app, &session, "/doelen/nieuw", 200).await;
        assert!(html.contains("name=\"indicator\"") && html.contains("name=\"themas\""));
        let fields = |gebied: &'static str, streefjaar: &'static str| {
            vec![
                ("titel", "Meer banen in Enschede"),
                ("organisatie", "gemeente-enschede"),
                ("zichtbaarheid", "openbaar"),
                ("gebied", gebied),
                ("indicator", "inwoners"),
                ("basisjaar", "2020"),
                ("basiswaarde", "158.000"),
                ("streefjaar", streefjaar),
                ("streefwaarde", "165000,5"),
                ("themas", "werkgelegenheid"),
                ("themas", "krapte"),
            ]
        };
        // Faults: every one named at its field, nothing stored.
        let mut bad = fields("GM9999", "2019");
        bad.push(("csrf", &csrf));
        let res = post_form(&app, &session, "/doelen/nieuw", &bad).await;
        assert_eq!(res.status(), 400, "{:?}", app.backend);
        let html = res.text().await.unwrap();
        assert!(html.contains("Er zijn 2 fouten; er is nog niets opgeslagen"), "{html}");
        assert!(
            html.contains("Het gebied GM9999 bestaat niet.")
                && html.contains("Het streefjaar moet na het basisjaar liggen.")
        );
        assert!(
            html.contains("value=\"Meer banen in Enschede\""),
            "the form keeps what was typed"
        );
        assert_eq!(app.get_json("/api/v1/doelen", 200).await["paginering"]["totaal"], 0);
        // Forged: 403.
        let mut forged = fields("GM0153", "2030");
        forged.push(("csrf", "vervalst"));
        assert_eq!(post_form(&app, &session, "/doelen/nieuw", &forged).await.status(), 403);
        assert_eq!(app.get_json("/api/v1/doelen", 200).await["paginering"]["totaal"], 0);
        // Right: stored, and the browser goes to the goal's page.
        let mut ok = fields("GM0153", "2030");
        ok.push(("csrf", &csrf));
        let res = post_form(&app, &session, "/doelen/nieuw", &ok).await;
        assert_eq!(res.status(), 303);
        let location = res.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(page(&app, &session, &location, 200)
            .await
            .contains("Meer banen in Enschede"));
        let goals = app.get_json("/api/v1/doelen", 200).await;
        assert_eq!(goals["doelen"][0]["basiswaarde"], 158000.0);
        assert_eq!(goals["doelen"][0]["streefwaarde"], 165000.5);
        assert_eq!(goals["doelen"][0]["themas"].as_array().unwrap().len(), 2);
        // Anonymous callers are sent to the login page; a lezer may not add goals.
        let res = client()
            .get(format!("{}/doelen/nieuw", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let reader = app
            .account("lezer@enschede.nl", "gemeente-enschede", Some("AM05"), "lezer")
            .await;
        let (reader_session, _) = log_in(&app, &reader).await;
        page(&app, &reader_session, "/doelen/nieuw", 403).await;
    }
}

/// A logged-in user's own comparison group is saved, used by `groep=eigen` on the gemeente page
/// and the indicator ranking, checked before it is stored, private to that user, and one list
/// whole when saved in parallel (issue 13 item 4).
#[tokio::test]
async fn an_own_comparison_group_is_saved_per_user_and_used_by_groep_eigen() {
    for app in TestApp::all_with_statistics().await {
        let be = app.backend;
        let alice = app
            .account("alice@enschede.nl", "gemeente-enschede", Some("AM05"), "lezer")
            .await;
        let (session, csrf) = log_in(&app, &alice).await;
        let chosen = page(&app, &session, "/gemeenten/GM0153?groep=eigen&leden=GM0164,GM0141", 200).await;
        assert!(chosen.contains("Bewaar als mijn vergelijkingsgroep"), "{be:?}");
        let save = |leden: &'static str, token: String| {
            let session = session.clone();
            let app = &app;
            async move {
                post_form(
                    app,
                    &session,
                    "/account/vergelijkingsgroep",
                    &[("csrf", &token), ("leden", leden), ("terug", "/gemeenten/GM0153")],
                )
                .await
            }
        };
        let res = save("GM0164, GM0141,GM0164", csrf.clone()).await;
        assert_eq!(res.status(), 303, "{be:?}");
        assert_eq!(res.headers()[LOCATION], "/gemeenten/GM0153?groep=eigen");
        let mine = page(&app, &session, "/gemeenten/GM0153?groep=eigen", 200).await;
        assert!(mine.contains("Dit is uw bewaarde vergelijkingsgroep"), "{be:?}");
        assert!(
            mine.contains("Hengelo") && mine.contains("Almelo") && mine.contains("van 3 in de vergelijkingsgroep"),
            "{be:?}"
        );
        let other = page(&app, &session, "/gemeenten/GM0164", 200).await;
        assert!(
            other.contains("Vergelijk met mijn vergelijkingsgroep (2 gemeenten)"),
            "{be:?}"
        );
        page(
            &app,
            &session,
            "/indicatoren/werkloosheidspercentage?gebied=GM0153&groep=eigen",
            200,
        )
        .await;

        // Checked first: a bad code, or a forged form, stores nothing.
        let res = save("GM0164,XX", csrf.clone()).await;
        assert_eq!(res.status(), 400, "{be:?}");
        assert!(res.text().await.unwrap().contains("niet bewaard"));
        let res = save("GM9999", csrf.clone()).await;
        assert_eq!(res.status(), 400, "{be:?}");
        assert_eq!(save("GM0183", "vervalst".into()).await.status(), 403);
        assert!(page(&app, &session, "/gemeenten/GM0153?groep=eigen", 200)
            .await
            .contains("Almelo"));
        // Going back only to a page of this site.
        let res = post_form(
            &app,
            &session,
            "/account/vergelijkingsgroep",
            &[
                ("csrf", &csrf),
                ("leden", "GM0164,GM0141"),
                ("terug", "https://elders.example/"),
            ],
        )
        .await;
        assert_eq!(res.headers()[LOCATION], "/account", "{be:?}");

        // Someone else, or nobody, has no saved group.
        let bob = app
            .account("bob@enschede.nl", "gemeente-enschede", Some("AM05"), "lezer")
            .await;
        let (bob_session, _) = log_in(&app, &bob).await;
        page(&app, &bob_session, "/gemeenten/GM0153?groep=eigen", 400).await;
        let anonymous = client()
            .get(format!("{}/gemeenten/GM0153?groep=eigen", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), 400);

        // Parallel saves: each one is a whole list, and the last one stands whole.
        let lists = [
            "GM0164",
            "GM0141,GM0164",
            "GM0183,GM0164,GM0141",
            "GM0173",
            "GM0147,GM0158",
        ];
        let mut writers = tokio::task::JoinSet::new();
        for l in lists {
            let (url, session, csrf) = (
                format!("{}/account/vergelijkingsgroep", app.address),
                session.clone(),
                csrf.clone(),
            );
            writers.spawn(async move {
                client()
                    .post(url)
                    .header(COOKIE, session)
                    .form(&[("csrf", csrf.as_str()), ("leden", l), ("terug", "/gemeenten/GM0153")])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            });
        }
        while let Some(status) = writers.join_next().await {
            assert_eq!(status.unwrap(), 303, "{be:?}");
        }
        let mut standing = 0;
        for l in lists {
            let shown = page(&app, &session, &format!("/gemeenten/GM0153?groep=eigen&leden={l}"), 200).await;
            standing += usize::from(shown.contains("Dit is uw bewaarde vergelijkingsgroep"));
        }
        assert_eq!(standing, 1, "{be:?}: exactly one of the parallel lists is saved, whole");

        // An empty list forgets the group.
        assert_eq!(save("", csrf.clone()).await.status(), 303);
        page(&app, &session, "/gemeenten/GM0153?groep=eigen", 400).await;
    }
}
