// SPDX-License-Identifier: EUPL-1.2
//! Invitations and password resets by one-time link: the mail the server writes (to its outbox
//! folder), a link that works once and not after it expired, the same answer for every address,
//! the reset limit and one winner when a link is used twice at once.

use reqwest::header::{COOKIE, LOCATION};

use crate::helpers::{Account, TestApp};
use crate::inloggen::{client, hidden_csrf, log_in, page, post_form, set_cookie};

/// The text of a quoted-printable body: soft line breaks joined, `=XX` decoded.
fn unquote(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        match (
            b,
            tail.get(..2)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (b'=', Some(v)) => {
                bytes.push(v);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    String::from_utf8(bytes).expect("utf-8 mail")
}

/// The link in a mail that starts with `prefix` (the public address and a path).
fn link_in(mail: &str, prefix: &str) -> String {
    let mail = unquote(mail);
    let at = mail.find(prefix).unwrap_or_else(|| panic!("{prefix} in:\n{mail}"));
    mail[at..].split_whitespace().next().unwrap().to_string()
}

/// Opens a page of a one-time link: its form cookie and token.
async fn open(app: &TestApp, url: &str) -> (String, String, String) {
    let res = client().get(url).send().await.unwrap();
    assert_eq!(res.status(), 200, "{url}");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let cookie = set_cookie(&res, "samenhang_inlogformulier").expect("form cookie");
    let html = res.text().await.unwrap();
    let _ = app;
    (cookie, hidden_csrf(&html), html)
}

async fn submit(url: &str, cookie: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client()
        .post(url)
        .header(COOKIE, cookie)
        .form(fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invitation_works_once_and_makes_an_account_with_that_role() {
    for app in TestApp::all().await {
        let bob = app
            .account("bob@hengelo.nl", "gemeente-hengelo", Some("AM05"), "beheerder")
            .await;
        app.account("ria@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let (session, csrf) = log_in(&app, &bob).await;
        let html = page(&app, &session, "/beheer/gebruikers", 200).await;
        assert!(html.contains("Iemand uitnodigen"));

        // Not an organisation Bob administers; not an address: a Dutch message, no mail.
        let res = post_form(
            &app,
            &session,
            "/beheer/uitnodigen",
            &[
                ("csrf", &csrf),
                ("naam", "Eva"),
                ("email", "geen adres"),
                ("organisatie", "gemeente-enschede"),
                ("rol", "redacteur"),
            ],
        )
        .await;
        assert_eq!(res.status(), 400);
        let text = res.text().await.unwrap();
        assert!(text.contains("Kies een organisatie die u beheert."), "{text}");
        assert!(text.contains("e-mailadres"), "{text}");
        assert!(app.mails().is_empty());
        // A forged form: 403, no mail.
        let res = post_form(
            &app,
            &session,
            "/beheer/uitnodigen",
            &[
                ("csrf", "vervalst"),
                ("email", "eva@hengelo.nl"),
                ("organisatie", "gemeente-hengelo"),
                ("rol", "redacteur"),
            ],
        )
        .await;
        assert_eq!(res.status(), 403);
        assert!(app.mails().is_empty());

        let res = post_form(
            &app,
            &session,
            "/beheer/uitnodigen",
            &[
                ("csrf", &csrf),
                ("naam", "Eva de Vries"),
                ("email", "Eva@Hengelo.nl"),
                ("organisatie", "gemeente-hengelo"),
                ("rol", "redacteur"),
            ],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()[LOCATION], "/beheer/gebruikers?gedaan=uitgenodigd");
        let mails = app.mails();
        assert_eq!(mails.len(), 1);
        let mail = &unquote(&mails[0]);
        assert!(mail.contains("To: eva@hengelo.nl"), "{mail}");
        assert!(
            mail.contains("als redacteur bij Organisatie gemeente-hengelo"),
            "{mail}"
        );
        assert!(mail.contains("bob nodigt u uit"), "{mail}");
        let url = link_in(mail, &format!("{}/uitnodiging/", app.address));

        // Two passwords that differ: the form again, the link still works.
        let (cookie, token, html) = open(&app, &url).await;
        assert!(html.contains("Uw account in Samenhang"));
        let res = submit(
            &url,
            &cookie,
            &[
                ("csrf", &token),
                ("naam", "Eva de Vries"),
                ("wachtwoord", "een goed wachtwoord"),
                ("herhaal", "een ander wachtwoord"),
            ],
        )
        .await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("niet gelijk"));
        // Too short: the rule is named.
        let res = submit(
            &url,
            &cookie,
            &[
                ("csrf", &token),
                ("naam", "Eva"),
                ("wachtwoord", "kort"),
                ("herhaal", "kort"),
            ],
        )
        .await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("minstens 12 tekens"));
        // Without the form's cookie: refused.
        let res = client()
            .post(&url)
            .form(&[
                ("csrf", token.as_str()),
                ("naam", "Eva"),
                ("wachtwoord", "een goed wachtwoord"),
                ("herhaal", "een goed wachtwoord"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let store = app.store().await;
        assert!(store.user_by_email("eva@hengelo.nl").await.unwrap().is_none());

        // Used twice at once: one account, one winner.
        let fields = [
            ("csrf", token.as_str()),
            ("naam", "Eva de Vries"),
            ("wachtwoord", "een goed wachtwoord"),
            ("herhaal", "een goed wachtwoord"),
        ];
        let (a, b) = tokio::join!(submit(&url, &cookie, &fields), submit(&url, &cookie, &fields));
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort();
        assert_eq!(statuses, [303, 410], "{:?}", app.backend);
        let won = if a.status() == 303 { a } else { b };
        assert_eq!(won.headers()[LOCATION], "/account");
        let eva_session = set_cookie(&won, "samenhang_sessie").expect("session");
        let account = page(&app, &eva_session, "/account", 200).await;
        assert!(
            account.contains("Eva de Vries") && account.contains("redacteur"),
            "{account}"
        );
        let eva = store.user_by_email("eva@hengelo.nl").await.unwrap().unwrap();
        let grants = store.grants(&eva.id).await.unwrap();
        assert_eq!(grants.len(), 1);
        assert_eq!(
            (grants[0].organisation.as_str(), grants[0].role.as_str()),
            ("gemeente-hengelo", "redacteur")
        );
        // She logs in with her own password; the audit log says Bob granted the role.
        log_in(
            &app,
            &Account {
                id: eva.id.clone(),
                email: "eva@hengelo.nl".into(),
                password: "een goed wachtwoord".into(),
                key: String::new(),
            },
        )
        .await;
        let log = app.get_as(Some(&bob.key), "/api/v1/auditlog", 200).await;
        assert_eq!(log["regels"][0]["actie"], "rol-toegekend");
        assert_eq!(log["regels"][0]["door"], "bob", "{log}");

        // A third time: the link is spent.
        let (cookie, token, _) = open(&app, &url).await;
        let res = submit(
            &url,
            &cookie,
            &[
                ("csrf", &token),
                ("naam", "Mallory"),
                ("wachtwoord", "een goed wachtwoord"),
                ("herhaal", "een goed wachtwoord"),
            ],
        )
        .await;
        assert_eq!(res.status(), 410);
        assert!(res.text().await.unwrap().contains("al gebruikt of verlopen"));

        // An invitation past its end does nothing.
        let expired = "verlopen-token-van-een-oude-uitnodiging";
        store
            .create_link(&samenhang_store::accounts::OneTimeLink {
                token_hash: samenhang_app::accounts::token_hash(expired),
                kind: samenhang_store::accounts::LinkKind::Invitation,
                email: "oud@hengelo.nl".into(),
                name: String::new(),
                organisation: Some("gemeente-hengelo".into()),
                role: Some(samenhang_domain::access::Role::Admin),
                created_by: Some(bob.id.clone()),
                created_at: chrono::Utc::now().timestamp() - 8 * 86_400,
                expires_at: chrono::Utc::now().timestamp() - 86_400 + 60,
            })
            .await
            .unwrap();
        let url = format!("{}/uitnodiging/{expired}", app.address);
        let (cookie, token, _) = open(&app, &url).await;
        let res = submit(
            &url,
            &cookie,
            &[
                ("csrf", &token),
                ("naam", "Oud"),
                ("wachtwoord", "een goed wachtwoord"),
                ("herhaal", "een goed wachtwoord"),
            ],
        )
        .await;
        assert_eq!(res.status(), 410);
        assert!(store.user_by_email("oud@hengelo.nl").await.unwrap().is_none());
    }
}

/// Asks for a reset link for `email` as a visitor does.
async fn forgot(app: &TestApp, email: &str) -> String {
    let url = format!("{}/wachtwoord-vergeten", app.address);
    let (cookie, token, _) = open(app, &url).await;
    let res = submit(&url, &cookie, &[("csrf", &token), ("email", email)]).await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    for app in TestApp::all().await {
        let ann = app
            .account("ann@almelo.nl", "gemeente-almelo", Some("AM05"), "redacteur")
            .await;
        let (old_session, _) = log_in(&app, &ann).await;
        let login = page(&app, "", "/inloggen", 200).await;
        assert!(login.contains("href=\"/wachtwoord-vergeten\""));

        // Known and unknown addresses get the same page; only the known one gets mail.
        let unknown = forgot(&app, "niemand@almelo.nl").await;
        assert!(app.mails().is_empty());
        let known = forgot(&app, "ANN@almelo.nl").await;
        assert_eq!(unknown, known);
        assert!(known.contains("Als er een account is met dit e-mailadres"));
        let mails = app.mails();
        assert_eq!(mails.len(), 1);
        assert!(mails[0].contains("To: ann@almelo.nl"));
        let url = link_in(&mails[0], &format!("{}/wachtwoord-herstellen/", app.address));

        let (cookie, token, _) = open(&app, &url).await;
        let new = "een nieuw lang wachtwoord";
        let res = submit(
            &url,
            &cookie,
            &[("csrf", &token), ("wachtwoord", new), ("herhaal", new)],
        )
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()[LOCATION], "/inloggen?hersteld");
        assert!(page(&app, "", "/inloggen?hersteld", 200)
            .await
            .contains("Uw nieuwe wachtwoord is opgeslagen"));
        // Every session of the account has ended; the old password no longer works.
        let account = page(&app, &old_session, "/account", 200).await;
        assert!(account.contains("U bent niet ingelogd"), "{account}");
        let (cookie_l, token_l) = crate::inloggen::login_form(&app).await;
        let res = crate::inloggen::post_login(&app, &cookie_l, &token_l, &ann.email, &ann.password).await;
        assert_eq!(res.status(), 401);
        log_in(
            &app,
            &Account {
                password: new.into(),
                ..ann.clone()
            },
        )
        .await;
        // The link is spent.
        let (cookie, token, _) = open(&app, &url).await;
        let res = submit(
            &url,
            &cookie,
            &[
                ("csrf", &token),
                ("wachtwoord", "nog een wachtwoord erbij"),
                ("herhaal", "nog een wachtwoord erbij"),
            ],
        )
        .await;
        assert_eq!(res.status(), 410);

        // Twenty requests at once: the limit holds (three links an hour, the first included),
        // and every request gets the same answer.
        let asks = (0..20).map(|_| forgot(&app, "ann@almelo.nl"));
        let pages = futures_util::future::join_all(asks).await;
        assert!(pages
            .iter()
            .all(|p| p.contains("Als er een account is met dit e-mailadres")));
        assert_eq!(app.mails().len(), 3, "{:?}", app.backend);
    }
}
