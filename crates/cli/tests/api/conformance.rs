// SPDX-License-Identifier: EUPL-1.2
//! The conformance test of the register engine (issue 12): for every kind of the list, on
//! SQLite and PostgreSQL, a record is created, read, listed, changed, exported to CSV in the
//! Dutch Excel format and imported back, found on the theme page of its theme, and deleted —
//! through the API, with every response body validated against the schema the served OpenAPI
//! document gives for it. The list drives the test, so a kind added to it is covered.

use std::collections::HashMap;

use reqwest::Method;
use samenhang_app::kinds::KINDS;
use samenhang_domain::spec::{Field, FieldType, KindSpec};
use serde_json::{json, Map, Value};

use crate::helpers::TestApp;

/// Validates `body` against `#/components/schemas/{schema}` of the served document.
fn conforms(doc: &Value, schema: &str, body: &Value) {
    let root = json!({ "$ref": format!("#/components/schemas/{schema}"), "components": doc["components"] });
    let validator = jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {schema}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:?}\n{body}");
}

/// Validates a response against the schema of its operation in the document.
fn conforms_to_operation(doc: &Value, path: &str, method: &str, status: &str, body: &Value) {
    let schema = &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "no schema for {method} {path} {status}");
    let root = json!({ "allOf": [schema], "components": doc["components"] });
    let validator = jsonschema::validator_for(&root).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{method} {path}: {errors:?}");
}

/// A valid value for every field of a kind: variant `n` differs from other variants, references
/// point at records made before (the list is in dependency order) and at the given
/// organisations.
fn sample(fields: &[Field], n: usize, orgs: &[&str], made: &HashMap<&str, String>, entry: usize) -> Map<String, Value> {
    let mut out = Map::new();
    for (i, f) in fields.iter().enumerate() {
        // A valuation table chosen by hand must name one that exists: the SROI tests do that.
        if HAND_CHOSEN_TABLE.contains(&f.name) {
            continue;
        }
        // Only a bonus by age (the first kind, chosen for entry 0) has an age.
        if f.name == "vanafLeeftijd" && !entry.is_multiple_of(samenhang_domain::sroi::BONUS_KINDS.len()) {
            continue;
        }
        let v = match f.ty {
            FieldType::Text { .. } => json!(format!("{} {n} voor de test", f.label)),
            // Digits of the pattern's (least) length, starting 47 (an SBI division).
            FieldType::Code { pattern, .. } => {
                let n: usize = pattern
                    .split(['{', ',', '}'])
                    .nth(1)
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(8);
                json!(format!("47{}", "1".repeat(n.saturating_sub(2))))
            }
            FieldType::Link => json!("https://voorbeeld.nl/regeling"),
            FieldType::Email => json!("info@voorbeeld.nl"),
            FieldType::Phone => json!("053 481 00 00"),
            FieldType::Number { min, max, .. } => {
                let base = if min > f64::MIN { min } else { 0.0 };
                json!((base + 1.0 + i as f64 + n as f64 + entry as f64).min(max))
            }
            FieldType::Year => json!(2018 + i as i64),
            // An end date late in the year: a record that lies within another's period (a
            // contribution within its obligation's) then fits whatever its own dates are.
            FieldType::Date if f.name == "einddatum" => json!("2026-12-31"),
            FieldType::Date => json!(format!("2026-0{}-01", 1 + i % 9)),
            // A later field a later hour: an end time after its start.
            FieldType::Time => json!(format!("{:02}:30", 8 + i % 12)),
            // Entries of one list differ, so that a list that refuses the same entry twice takes them.
            FieldType::Choice(choices) => json!(choices[entry % choices.len()].value),
            FieldType::Concept => json!(THEME),
            FieldType::Concepts => json!([THEME]),
            FieldType::Region(_) => json!(["GM0153", "GM0164"][entry % 2]),
            FieldType::Organisation => json!(orgs[entry % orgs.len()]),
            FieldType::Record(k) => match made.get(k) {
                Some(id) => json!(id),
                None => continue,
            },
            FieldType::Records(k) => match made.get(k) {
                Some(id) => json!([id]),
                None => json!([]),
            },
            FieldType::Indicator => json!("inwoners"),
            FieldType::Objects(list) => {
                json!((0..2)
                    .map(|e| Value::Object(sample(list.fields, n, orgs, made, e)))
                    .collect::<Vec<_>>())
            }
            FieldType::Object(_) => continue,
        };
        out.insert(f.name.into(), v);
    }
    out
}

/// The fields of an obligation that choose its valuation table by hand.
const HAND_CHOSEN_TABLE: &[&str] = &["waarderingstabel", "waarderingstabelVersie", "redenWaarderingstabel"];

/// The concept every concept field gets: a need of entrepreneurs, so that the fields that take
/// only needs accept it too.
const THEME: &str = "behoefte-personeel";

fn has_theme(spec: &KindSpec) -> bool {
    spec.fields.iter().any(|f| f.theme)
}

#[tokio::test]
async fn every_kind_round_trips_through_the_api_csv_and_theme_page_as_documented() {
    for app in TestApp::all().await {
        let e = app
            .account("conform@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        // A second organisation for the lists of parties.
        app.account("conform@hengelo.nl", "gemeente-hengelo", Some("AM05"), "redacteur")
            .await;
        let orgs = ["gemeente-enschede", "gemeente-hengelo"];
        let doc = app.get_json("/api/v1/openapi.json", 200).await;
        let mut made: HashMap<&str, String> = HashMap::new();
        for kind in KINDS {
            let spec = kind.spec();
            let collection = format!("/api/v1/{}", spec.collection);
            let mut input = sample(spec.fields, 1, &orgs, &made, 0);
            input.insert("zichtbaarheid".into(), json!("openbaar"));
            // Create.
            let created = app
                .post_as(&e.key, &collection, &Value::Object(input.clone()), 201)
                .await;
            conforms(&doc, spec.schema, &created);
            let id = created["id"].as_str().unwrap().to_string();
            let path = format!("{collection}/{id}");
            // Read, list.
            let read = app.get_as(Some(&e.key), &path, 200).await;
            conforms(&doc, spec.schema, &read);
            let list = app.get_as(Some(&e.key), &collection, 200).await;
            conforms(&doc, &format!("{}Lijst", spec.schema), &list);
            assert_eq!(list["paginering"]["totaal"], 1, "{} {:?}", spec.kind, app.backend);
            // Update with If-Match; a stale one is refused.
            let mut change = sample(spec.fields, 2, &orgs, &made, 0);
            change.insert("zichtbaarheid".into(), json!("openbaar"));
            let res = app
                .send(
                    Method::PUT,
                    &path,
                    Some(&e.key),
                    Some(&Value::Object(change.clone())),
                    Some("\"1\""),
                )
                .await;
            assert_eq!(res.status(), 200, "{} {:?}", spec.kind, app.backend);
            let updated: Value = res.json().await.unwrap();
            conforms(&doc, spec.schema, &updated);
            assert_eq!(updated["versie"], 2);
            let res = app
                .send(
                    Method::PUT,
                    &path,
                    Some(&e.key),
                    Some(&Value::Object(change)),
                    Some("\"1\""),
                )
                .await;
            assert_eq!(res.status(), 412, "{}", spec.kind);
            // A representation can be sent back as it was read.
            let res = app
                .send(Method::PUT, &path, Some(&e.key), Some(&updated), Some("\"2\""))
                .await;
            assert_eq!(res.status(), 200, "{} GET → PUT", spec.kind);
            // CSV in the Dutch Excel format, and back: the same record, one version on.
            let res = app
                .client
                .get(format!("{}{collection}/_export", app.address))
                .bearer_auth(&e.key)
                .send()
                .await
                .unwrap();
            let csv = res.text().await.unwrap();
            assert!(
                csv.starts_with("\u{feff}id;organisatie;zichtbaarheid;"),
                "{}: {csv}",
                spec.kind
            );
            let res = app
                .client
                .post(format!("{}{collection}/_import", app.address))
                .bearer_auth(&e.key)
                .header("content-type", "text/csv")
                .body(csv.clone())
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let report: Value = res.json().await.unwrap();
            assert_eq!(status, 200, "{} {:?}: {report}\n{csv}", spec.kind, app.backend);
            conforms_to_operation(&doc, &format!("/{}/_import", spec.collection), "post", "200", &report);
            assert_eq!(report["gewijzigd"], json!([id]), "{}", spec.kind);
            let again = app.get_as(Some(&e.key), &path, 200).await;
            assert_eq!(again["versie"], 4, "{}", spec.kind);
            for f in spec.fields {
                assert_eq!(
                    again[f.name], updated[f.name],
                    "{}.{} after the CSV round trip",
                    spec.kind, f.name
                );
            }
            // The theme page lists it under its kind.
            if has_theme(spec) {
                let theme = app.get_as(Some(&e.key), &format!("/api/v1/themas/{THEME}"), 200).await;
                conforms_to_operation(&doc, "/themas/{begrip}", "get", "200", &theme);
                assert!(
                    theme[spec.collection]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|r| r["id"] == id.as_str()),
                    "{} on the theme page",
                    spec.kind
                );
            }
            made.insert(spec.kind, id);
        }
        // Delete in reverse order (a record may be referred to by a later kind's record).
        for kind in KINDS.iter().rev() {
            let spec = kind.spec();
            let path = format!("/api/v1/{}/{}", spec.collection, made[spec.kind]);
            let current = app.get_as(Some(&e.key), &path, 200).await;
            let etag = format!("\"{}\"", current["versie"]);
            let res = app.send(Method::DELETE, &path, Some(&e.key), None, None).await;
            assert_eq!(res.status(), 428, "{}: no If-Match", spec.kind);
            let res = app.send(Method::DELETE, &path, Some(&e.key), None, Some(&etag)).await;
            assert_eq!(res.status(), 204, "{}", spec.kind);
            app.get_as(Some(&e.key), &path, 404).await;
        }
    }
}

#[tokio::test]
async fn csv_in_the_old_comma_format_with_names_and_dutch_numbers_is_read() {
    for app in TestApp::all().await {
        let e = app
            .account("csv@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let import = |body: &'static str, collection: &'static str| {
            let (app, key) = (&app, e.key.clone());
            async move {
                let res = app
                    .client
                    .post(format!("{}/api/v1/{collection}/_import", app.address))
                    .bearer_auth(key)
                    .header("content-type", "text/csv")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                (status, res.json::<Value>().await.unwrap())
            }
        };
        // The older format: commas, ids, ISO dates.
        let (status, body) = import(
            "titel,aanbieder,gebied,doelgroepen,instrument,budget,geldsoort,begindatum\n\
             Oud formaat,gemeente-enschede,GM0153,bijstand,loonkostensubsidie,1000.5,doe-geld,2026-01-01\n",
            "regelingen",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // Dutch Excel: semicolons, names, decimal comma, dd-mm-jjjj.
        let (status, body) = import(
            "\u{feff}titel;aanbieder;gebied;doelgroepen;instrument;budget;geldsoort;begindatum\n\
             Nieuw formaat;Organisatie gemeente-enschede;Enschede;Bijstand;Loonkostensubsidie;1.250,5;doe-geld;01-03-2026\n",
            "regelingen",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let id = body["toegevoegd"][0].as_str().unwrap();
        let r = app.get_as(Some(&e.key), &format!("/api/v1/regelingen/{id}"), 200).await;
        assert_eq!(r["budget"], 1250.5);
        assert_eq!(r["begindatum"], "2026-03-01");
        assert_eq!(r["gebied"]["code"], "GM0153");
        assert_eq!(r["aanbieder"]["id"], "gemeente-enschede");
        // An ambiguous or unknown name is a fault at its line and column, and nothing is stored.
        let (status, body) = import(
            "titel;aanbieder;gebied;doelgroepen;instrument;budget;geldsoort\n\
             Fout;Niemand;Bergen;bijstand;loonkostensubsidie;1;doe-geld\n",
            "regelingen",
        )
        .await;
        assert_eq!(status, 400, "{body}");
        let names: Vec<&str> = body["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["regel 2, kolom aanbieder", "regel 2, kolom gebied"], "{body}");
        assert!(
            body.to_string().contains("Bergen (L.)"),
            "the ambiguous name lists its choices: {body}"
        );
    }
}

#[tokio::test]
async fn an_export_with_records_of_other_organisations_imports_with_those_lines_skipped() {
    for app in TestApp::all().await {
        let a = app
            .account("a@enschede.nl", "gemeente-enschede", Some("AM05"), "redacteur")
            .await;
        let b = app
            .account("b@hengelo.nl", "gemeente-hengelo", Some("AM05"), "redacteur")
            .await;
        for (key, name) in [(&a.key, "Van Enschede"), (&b.key, "Van Hengelo")] {
            app.post_as(
                key,
                "/api/v1/personen",
                &json!({"naam": name, "functie": "overig", "zichtbaarheid": "regio"}),
                201,
            )
            .await;
        }
        let csv = app
            .client
            .get(format!("{}/api/v1/personen/_export", app.address))
            .bearer_auth(&a.key)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(csv.contains("Van Hengelo") && csv.contains("Van Enschede"));
        let res = app
            .client
            .post(format!("{}/api/v1/personen/_import", app.address))
            .bearer_auth(&a.key)
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let report: Value = res.json().await.unwrap();
        assert_eq!(report["gewijzigd"].as_array().unwrap().len(), 1, "{report}");
        assert_eq!(report["overgeslagen"].as_array().unwrap().len(), 1, "{report}");
        assert!(report["overgeslagen"][0]["reden"]
            .as_str()
            .unwrap()
            .contains("andere organisatie"));
    }
}
