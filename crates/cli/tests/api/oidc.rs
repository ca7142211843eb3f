// SPDX-License-Identifier: EUPL-1.2
//! Logging in with an OpenID Connect provider. The provider is a small one made here, on a real
//! port with real HTTP: discovery, keys, an authorization endpoint that logs in the user the
//! test chose, a token endpoint that checks PKCE and signs ID tokens (RS256) — right ones, or
//! ones with the fault the test asks for — and an end-session endpoint that notes its calls.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use openidconnect::{JsonWebKeyId, PrivateSigningKey};
use reqwest::header::{COOKIE, LOCATION};
use serde_json::{json, Value};
use sha2::Digest;

use crate::helpers::{Backend, TestApp};
use crate::inloggen::{client, hidden_csrf, page, set_cookie};

/// What is wrong with the next ID token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    Signature,
    Audience,
    Issuer,
    Nonce,
    Expired,
}

/// What an authorization code stands for: (nonce, PKCE challenge, claims of the user).
type Grant = (String, String, Value);

#[derive(Clone)]
struct Mock {
    issuer: String,
    key: Arc<CoreRsaPrivateSigningKey>,
    other_key: Arc<CoreRsaPrivateSigningKey>,
    user: Arc<Mutex<Value>>,
    fault: Arc<Mutex<Fault>>,
    codes: Arc<Mutex<HashMap<String, Grant>>>,
    ended: Arc<Mutex<Vec<String>>>,
}

/// A running provider.
pub struct Provider {
    pub issuer: String,
    mock: Mock,
}

impl Provider {
    /// Who logs in next (the claims besides `iss`, `aud`, `exp`, `iat` and `nonce`).
    pub fn next_user(&self, claims: Value) {
        *self.mock.user.lock().unwrap() = claims;
    }

    /// What is wrong with the next ID tokens.
    pub fn fault(&self, fault: Fault) {
        *self.mock.fault.lock().unwrap() = fault;
    }

    /// The `id_token_hint`s the end-session endpoint got.
    pub fn ended(&self) -> Vec<String> {
        self.mock.ended.lock().unwrap().clone()
    }
}

fn key(n: u8) -> CoreRsaPrivateSigningKey {
    let pem = std::fs::read_to_string(format!(
        "{}/tests/api/fixtures/oidc-testsleutel-{n}.pem",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("test key");
    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new("sleutel-1".into()))).expect("pem")
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn sign(key: &CoreRsaPrivateSigningKey, claims: &Value) -> String {
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": "sleutel-1"});
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = key
        .sign(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, input.as_bytes())
        .expect("sign");
    format!("{input}.{}", b64(&signature))
}

async fn discovery(State(m): State<Mock>) -> Json<Value> {
    Json(json!({
        "issuer": m.issuer,
        "authorization_endpoint": format!("{}/authorize", m.issuer),
        "token_endpoint": format!("{}/token", m.issuer),
        "jwks_uri": format!("{}/jwks", m.issuer),
        "end_session_endpoint": format!("{}/end_session", m.issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(State(m): State<Mock>) -> Json<Value> {
    Json(json!({"keys": [serde_json::to_value(m.key.as_verification_key()).expect("jwk")]}))
}

async fn authorize(State(m): State<Mock>, Query(q): Query<HashMap<String, String>>) -> Response {
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["scope"].split(' ').any(|s| s == "openid"));
    let code = format!("code-{}", m.codes.lock().unwrap().len());
    m.codes.lock().unwrap().insert(
        code.clone(),
        (
            q["nonce"].clone(),
            q["code_challenge"].clone(),
            m.user.lock().unwrap().clone(),
        ),
    );
    let state = &q["state"];
    Redirect::to(&format!("{}?code={code}&state={state}", q["redirect_uri"])).into_response()
}

async fn token(State(m): State<Mock>, body: axum::body::Bytes) -> Response {
    let f: HashMap<String, String> = serde_urlencoded::from_bytes(&body).expect("form");
    let Some((nonce, challenge, user)) = m.codes.lock().unwrap().remove(&f["code"]) else {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    };
    // PKCE: the verifier must hash to the challenge of the authorization request.
    if b64(&sha2::Sha256::digest(f["code_verifier"].as_bytes())) != challenge {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    }
    let fault = *m.fault.lock().unwrap();
    let now = chrono::Utc::now().timestamp();
    let mut claims = user;
    let extra = json!({
        "iss": if fault == Fault::Issuer { "https://elders.example.nl".to_string() } else { m.issuer.clone() },
        "aud": if fault == Fault::Audience { "een-andere-client" } else { "samenhang" },
        "exp": if fault == Fault::Expired { now - 600 } else { now + 300 },
        "iat": now - 5,
        "nonce": if fault == Fault::Nonce { "een-andere-nonce".to_string() } else { nonce },
    });
    for (k, v) in extra.as_object().unwrap() {
        claims[k] = v.clone();
    }
    let key = if fault == Fault::Signature {
        &m.other_key
    } else {
        &m.key
    };
    Json(json!({
        "access_token": "toegangstoken",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": sign(key, &claims),
    }))
    .into_response()
}

async fn end_session(State(m): State<Mock>, Query(q): Query<HashMap<String, String>>) -> Response {
    m.ended
        .lock()
        .unwrap()
        .push(q.get("id_token_hint").cloned().unwrap_or_default());
    Redirect::to(&q["post_logout_redirect_uri"]).into_response()
}

/// Starts a provider on a free port.
pub async fn start() -> Provider {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let mock = Mock {
        issuer: issuer.clone(),
        key: Arc::new(key(1)),
        other_key: Arc::new(key(2)),
        user: Arc::new(Mutex::new(json!({"sub": "niemand"}))),
        fault: Arc::new(Mutex::new(Fault::None)),
        codes: Arc::default(),
        ended: Arc::default(),
    };
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .route("/end_session", get(end_session))
        .with_state(mock.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    Provider { issuer, mock }
}

/// The configuration of the provider: Enschede's groups.
pub fn settings(issuer: &str, link_by_email: bool) -> samenhang_oidc::Settings {
    let text = format!(
        r#"
[[aanbieder]]
id = "twente"
naam = "Twentse gemeenten"
issuer = "{issuer}"
client_id = "samenhang"
client_secret = "geheim-van-de-client"
claim_groepen = "realm_access.roles"
koppelen_op_email = {link_by_email}

[[aanbieder.groep]]
groep = "enschede-lezer"
organisatie = "gemeente-enschede"
rol = "lezer"

[[aanbieder.groep]]
groep = "enschede-redacteur"
organisatie = "gemeente-enschede"
rol = "redacteur"
"#
    );
    samenhang_oidc::config::parse(&text, |_| None).expect("settings")
}

/// Logs in through the provider as the browser would: returns the last response (after the
/// callback) without following it.
async fn through(app: &TestApp) -> reqwest::Response {
    let res = client()
        .get(format!("{}/inloggen/oidc/twente", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{:?}", app.backend);
    let at_provider = res.headers()[LOCATION].to_str().unwrap().to_string();
    let res = client().get(&at_provider).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let back = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(
        back.starts_with(&format!("{}/inloggen/oidc/twente/terug?", app.address)),
        "{back}"
    );
    client().get(&back).send().await.unwrap()
}

async fn app_with(backend: Backend, issuer: &str, link_by_email: bool) -> TestApp {
    let registry = samenhang_oidc::Registry::from_settings(settings(issuer, link_by_email)).expect("providers");
    TestApp::with_oidc(backend, registry).await
}

#[tokio::test]
async fn groups_become_roles_at_every_login_and_logout_ends_both_sessions() {
    let provider = start().await;
    for backend in crate::helpers::backends() {
        let app = app_with(backend, &provider.issuer, false).await;
        let ria = app
            .account("ria@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
            .await;
        let login = page(&app, "", "/inloggen", 200).await;
        assert!(login.contains("Inloggen met Twentse gemeenten"), "{login}");

        // Eva is redacteur of Enschede at the provider.
        provider.next_user(json!({
            "sub": "eva-1", "name": "Eva de Vries", "email": "eva@enschede.nl",
            "realm_access": {"roles": ["enschede-redacteur", "offline_access"]}
        }));
        let res = through(&app).await;
        assert_eq!(res.status(), 303, "{:?}", backend);
        assert_eq!(res.headers()[LOCATION], "/account");
        let session = set_cookie(&res, "samenhang_sessie").expect("session");
        let account = page(&app, &session, "/account", 200).await;
        assert!(
            account.contains("Eva de Vries") && account.contains("redacteur"),
            "{account}"
        );
        let store = app.store().await;
        let eva = store.user_by_email("eva@enschede.nl").await.unwrap().expect("eva");
        assert_eq!(
            eva.external_id.as_deref(),
            Some(format!("{} eva-1", provider.issuer).as_str())
        );
        assert!(eva.password_hash.is_none());
        let grants = store.grants(&eva.id).await.unwrap();
        assert_eq!(
            (grants[0].organisation.as_str(), grants[0].role.as_str()),
            ("gemeente-enschede", "redacteur")
        );
        // As redacteur of Enschede she adds a record of Enschede through the form.
        let form = page(&app, &session, "/doelen/nieuw", 200).await;
        let res = client()
            .post(format!("{}/doelen/nieuw", app.address))
            .header(COOKIE, &session)
            .form(&[
                ("csrf", hidden_csrf(&form).as_str()),
                ("titel", "Intern doel van Eva"),
                ("organisatie", "gemeente-enschede"),
                ("zichtbaarheid", "organisatie"),
                ("gebied", "GM0153"),
                ("indicator", "inwoners"),
                ("basisjaar", "2020"),
                ("basiswaarde", "158.000"),
                ("streefjaar", "2030"),
                ("streefwaarde", "165000"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        // The audit log names the provider as the one who granted the role.
        let log = app.get_as(Some(&ria.key), "/api/v1/auditlog", 200).await;
        assert!(log.to_string().contains("Twentse gemeenten (groepen)"), "{log}");

        // Logout: the local session ends, and the browser goes on to the provider's logout.
        let csrf = hidden_csrf(&page(&app, &session, "/account", 200).await);
        let res = client()
            .post(format!("{}/uitloggen", app.address))
            .header(COOKIE, &session)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let to = res.headers()[LOCATION].to_str().unwrap().to_string();
        assert!(to.starts_with(&format!("{}/end_session?", provider.issuer)), "{to}");
        assert!(
            to.contains("id_token_hint=") && to.contains("client_id=samenhang"),
            "{to}"
        );
        let res = client().get(&to).send().await.unwrap();
        assert_eq!(res.headers()[LOCATION].to_str().unwrap(), format!("{}/", app.address));
        assert!(!provider.ended().last().unwrap().is_empty());
        assert!(page(&app, &session, "/account", 200)
            .await
            .contains("U bent niet ingelogd"));

        // At the provider her groups changed: at the next login her role follows; her name too.
        provider.next_user(json!({
            "sub": "eva-1", "name": "Eva de Vries-Jansen", "email": "eva@enschede.nl",
            "realm_access": {"roles": ["enschede-lezer"]}
        }));
        let res = through(&app).await;
        assert_eq!(res.status(), 303);
        let eva_again = set_cookie(&res, "samenhang_sessie").expect("session");
        let grants = store.grants(&eva.id).await.unwrap();
        assert_eq!(grants[0].role.as_str(), "lezer");
        assert_eq!(store.user(&eva.id).await.unwrap().unwrap().name, "Eva de Vries-Jansen");

        // Piet has no mapped groups: an account without rights, that sees only public records,
        // and a beheerder sees him waiting.
        provider.next_user(json!({"sub": "piet-2", "name": "Piet Zonder Groep", "email": "piet@example.nl"}));
        let res = through(&app).await;
        assert_eq!(res.status(), 303);
        let piet_session = set_cookie(&res, "samenhang_sessie").expect("session");
        assert!(page(&app, &piet_session, "/account", 200)
            .await
            .contains("nog geen rol"));
        let goals = page(&app, &piet_session, "/doelen", 200).await;
        assert!(
            !goals.contains("Intern doel van Eva"),
            "an organisation's record is not public"
        );
        assert!(page(&app, &eva_again, "/doelen", 200)
            .await
            .contains("Intern doel van Eva"));
        let (ria_session, _) = crate::inloggen::log_in(&app, &ria).await;
        let beheer = page(&app, &ria_session, "/beheer/gebruikers", 200).await;
        assert!(
            beheer.contains("Wachten op een rol") && beheer.contains("Piet Zonder Groep"),
            "{beheer}"
        );

        // An address that has a local account is not taken over (koppelen_op_email is off).
        provider.next_user(json!({"sub": "iemand-anders", "name": "Ria?", "email": "ria@enschede.nl"}));
        let res = through(&app).await;
        assert_eq!(res.status(), 409);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Er is al een account met het e-mailadres ria@enschede.nl"));
    }
}

#[tokio::test]
async fn tokens_that_do_not_verify_are_refused_and_a_state_works_once() {
    let provider = start().await;
    let app = app_with(crate::helpers::backends()[0], &provider.issuer, false).await;
    provider.next_user(json!({"sub": "mallory", "name": "Mallory", "email": "mallory@example.nl"}));
    for fault in [
        Fault::Signature,
        Fault::Audience,
        Fault::Issuer,
        Fault::Nonce,
        Fault::Expired,
    ] {
        provider.fault(fault);
        let res = through(&app).await;
        assert_eq!(res.status(), 401, "{fault:?}");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("Het inloggen met Twentse gemeenten is geweigerd"),
            "{fault:?}: {html}"
        );
        assert!(!html.contains("toegangstoken") && !html.contains("geheim-van-de-client"));
    }
    let store = app.store().await;
    assert!(store.user_by_email("mallory@example.nl").await.unwrap().is_none());

    // A callback replayed: the state was used.
    provider.fault(Fault::None);
    let res = client()
        .get(format!("{}/inloggen/oidc/twente", app.address))
        .send()
        .await
        .unwrap();
    let res = client()
        .get(res.headers()[LOCATION].to_str().unwrap())
        .send()
        .await
        .unwrap();
    let back = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert_eq!(client().get(&back).send().await.unwrap().status(), 303);
    let again = client().get(&back).send().await.unwrap();
    assert_eq!(again.status(), 401);
    assert!(again.text().await.unwrap().contains("verlopen of al gebruikt"));
    // A made-up state, a refusal at the provider, an unknown provider.
    let res = client()
        .get(format!(
            "{}/inloggen/oidc/twente/terug?code=x&state=verzonnen",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = client()
        .get(format!(
            "{}/inloggen/oidc/twente/terug?error=access_denied&state=x",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.text().await.unwrap().contains("afgebroken of geweigerd"));
    let res = client()
        .get(format!("{}/inloggen/oidc/onbekend", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn with_koppelen_op_email_a_first_login_takes_over_the_local_account() {
    let provider = start().await;
    let app = app_with(crate::helpers::backends()[0], &provider.issuer, true).await;
    let ria = app
        .account("ria@enschede.nl", "gemeente-enschede", Some("AM05"), "beheerder")
        .await;
    provider.next_user(json!({"sub": "ria-9", "name": "Ria", "email": "RIA@enschede.nl"}));
    assert_eq!(through(&app).await.status(), 303);
    let store = app.store().await;
    let user = store.user_by_email("ria@enschede.nl").await.unwrap().unwrap();
    assert_eq!(user.id, ria.id);
    assert_eq!(
        user.external_id.as_deref(),
        Some(format!("{} ria-9", provider.issuer).as_str())
    );
    // Her beheerder role is hers still (the provider maps no beheerder role and the last
    // beheerder is never taken away by a group).
    assert_eq!(store.grants(&ria.id).await.unwrap()[0].role.as_str(), "beheerder");
    // A provider that cannot be reached: a Dutch message, no 500.
    let dead = samenhang_oidc::Registry::from_settings(settings("http://127.0.0.1:9", false)).unwrap();
    let app = TestApp::with_oidc(crate::helpers::backends()[0], dead).await;
    let res = client()
        .get(format!("{}/inloggen/oidc/twente", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert!(res.text().await.unwrap().contains("niet bereikbaar"));
}
