// SPDX-License-Identifier: EUPL-1.2
//! NL API Design Rules conventions: headers on every response, problem+json for every error,
//! the OpenAPI document (served and snapshotted), and `/health`.

use crate::helpers::{Backend, TestApp};

fn assert_conventions(res: &reqwest::Response, what: &str) {
    let h = res.headers();
    assert_eq!(h["api-version"], "1.0.0", "{what}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'"),
        "{what}"
    );
    assert!(h.contains_key("cache-control"), "{what}");
    if (res.status().is_client_error() || res.status().is_server_error()) && what.starts_with("/api") {
        assert_eq!(h["content-type"], "application/problem+json", "{what}");
    }
}

#[tokio::test]
async fn every_response_carries_the_version_and_security_headers() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for path in [
        "/health",
        "/api/v1/gebieden",
        "/api/v1/gebieden/GM0153",
        "/api/v1/gebieden/XX12",
        "/api/v1/gebieden/GM9999",
        "/api/v1/herindelingen",
        "/api/v1/openapi.json",
        "/api/v1/openapi.yaml",
        "/bestaat/niet",
    ] {
        let res = app.get(path).await;
        assert_conventions(&res, path);
    }
}

#[tokio::test]
async fn unknown_paths_and_methods_get_problem_json() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let res = app.get("/api/v1/onbekend").await;
    assert_eq!(res.status(), 404);
    assert_conventions(&res, "404");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], 404);
    assert!(body["detail"].as_str().unwrap().contains("/api/v1/onbekend"));

    let res = app
        .client
        .delete(format!("{}/api/v1/gebieden/GM0153", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_conventions(&res, "405");
    assert!(res.headers().contains_key("allow"));
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["title"], "Methode niet toegestaan");
}

#[tokio::test]
async fn health_reports_the_database() {
    for app in TestApp::all().await {
        let body = app.get_json("/health", 200).await;
        assert_eq!(body["status"], "ok");
        let expected = match app.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        assert_eq!(body["database"], expected);
    }
}

#[tokio::test]
async fn openapi_document_is_served_as_json_and_yaml() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let doc = app.get_json("/api/v1/openapi.json", 200).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for field in ["name", "email", "url"] {
        assert!(doc["info"]["contact"][field].is_string(), "info.contact.{field}");
    }
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    // Every documented operation has the API-Version header on success, problem+json for 500,
    // and for 400 when it takes parameters or a body.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete"] {
            let op = &item[method];
            if op.is_null() {
                continue;
            }
            let success = op["responses"]
                .as_object()
                .unwrap()
                .iter()
                .find(|(code, _)| code.starts_with('2'))
                .map(|(_, r)| r)
                .unwrap_or_else(|| panic!("{method} {path} has a success response"));
            assert!(success["headers"]["API-Version"].is_object(), "{method} {path}");
            assert!(
                op["responses"]["500"]["content"]["application/problem+json"].is_object(),
                "{method} {path}"
            );
            if op["parameters"].as_array().is_some_and(|p| !p.is_empty()) || op["requestBody"].is_object() {
                assert!(
                    op["responses"]["400"]["content"]["application/problem+json"].is_object(),
                    "{method} {path}"
                );
            }
        }
    }
    // API-04: the documentation is in Dutch. English words that Dutch prose does not use give
    // an English description away.
    let english = word_set(&[
        "the", "and", "with", "to", "for", "its", "are", "or", "which", "when", "whether",
    ]);
    let mut texts = Vec::new();
    collect_descriptions(&doc, &mut texts);
    let found: Vec<&String> = texts
        .iter()
        .filter(|t| {
            let lower = t.to_lowercase();
            let starts_english = ["a ", "an ", "one ", "the ", "what ", "where ", "how ", "why"]
                .iter()
                .any(|w| lower.starts_with(w));
            starts_english
                || lower
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .any(|w| english.contains(&w))
        })
        .collect();
    assert!(
        found.is_empty(),
        "{} descriptions look English: {found:#?}",
        found.len()
    );
    let res = app.get("/api/v1/openapi.yaml").await;
    assert_eq!(res.headers()["content-type"], "application/yaml");
    let text = res.text().await.unwrap();
    assert!(text.contains("openapi: 3."));

    // Every API change shows in review: the served document is snapshotted.
    insta::assert_json_snapshot!("openapi", doc);
}

fn word_set<'a>(words: &[&'a str]) -> std::collections::HashSet<&'a str> {
    words.iter().copied().collect()
}

/// Every `description` and `summary` in the document.
fn collect_descriptions(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("description" | "summary", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_descriptions(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_descriptions(v, out)),
        _ => {}
    }
}
