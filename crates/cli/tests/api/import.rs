// SPDX-License-Identifier: EUPL-1.2
//! Importing CBS tables: idempotent, atomic, and bad input named by file, record and field with
//! nothing of the table stored.

use std::path::Path;

use samenhang::import::{import_path, Outcome};

use crate::helpers::{backends, snapshot_dir, Backend, TestApp};

#[tokio::test]
async fn reimporting_the_shipped_snapshot_changes_nothing() {
    let app = TestApp::with_statistics(Backend::Sqlite).await;
    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    let before = store.datasets().await.unwrap();
    let outcomes = import_path(store.as_ref(), &snapshot_dir(), &snapshot_dir())
        .await
        .unwrap();
    assert_eq!(outcomes.len(), before.len());
    assert!(outcomes.iter().all(|(_, o)| *o == Outcome::Unchanged), "{outcomes:?}");
    assert_eq!(store.datasets().await.unwrap(), before, "loaded_at or counts changed");
}

/// A small OData v4 table: two gemeenten, two years, one measure.
pub(crate) fn write_table(dir: &Path, page: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("properties.json"),
        r#"{"Identifier":"99999TST","Title":"Testtabel","Modified":"2026-01-01T00:00:00","License":"https://creativecommons.org/licenses/by/4.0/"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("dimensions.json"),
        r#"{"value":[{"Identifier":"RegioS","Kind":"GeoDimension"},{"Identifier":"Perioden","Kind":"TimeDimension"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("measure-codes.json"),
        r#"{"value":[{"Identifier":"M1","Title":"Iets","Unit":"aantal","Decimals":0,"Description":"Een test."}]}"#,
    )
    .unwrap();
    std::fs::write(dir.join("observations-page-1.json"), page).unwrap();
}

pub(crate) const GOOD: &str = r#"{"value":[
{"Id":0,"Measure":"M1","ValueAttribute":"None","Value":10,"RegioS":"GM0153","Perioden":"2020JJ00"},
{"Id":1,"Measure":"M1","ValueAttribute":"None","Value":11,"RegioS":"GM0153","Perioden":"2021JJ00"},
{"Id":2,"Measure":"M1","ValueAttribute":"None","Value":20,"RegioS":"GM0363","Perioden":"2020JJ00"},
{"Id":3,"Measure":"M1","ValueAttribute":"Impossible","Value":null,"RegioS":"GM0363","Perioden":"2021JJ00"}]}"#;

#[tokio::test]
async fn bad_input_is_named_and_leaves_the_previous_version_intact() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let table = tmp.path().join("99999TST");
        write_table(&table, GOOD);
        let first = import_path(store.as_ref(), &table, &snapshot_dir()).await.unwrap();
        assert_eq!(
            first,
            vec![("99999TST".to_string(), Outcome::Imported { observations: 4 })]
        );
        let version = store.dataset("99999TST").await.unwrap().unwrap();

        let cases: [(&str, String, &str); 4] = [
            ("truncated JSON", GOOD[..GOOD.len() - 40].to_string(), "ongeldige JSON"),
            (
                "a page missing a field",
                GOOD.replace(r#","Perioden":"2021JJ00"}"#, "}"),
                "record 2, veld 'Perioden': het veld ontbreekt",
            ),
            (
                "a value of the wrong type",
                GOOD.replace(r#""Value":20"#, r#""Value":"twintig""#),
                "record 3, veld 'Value': verwacht een getal",
            ),
            (
                "an unknown region code",
                GOOD.replace("GM0363", "GM9999"),
                "record 3, veld 'RegioS': onbekende gebiedscode GM9999",
            ),
        ];
        for (what, page, expected) in cases {
            write_table(&table, &page);
            let err = import_path(store.as_ref(), &table, &snapshot_dir()).await.unwrap_err();
            let msg = format!("{err:#}");
            assert!(msg.contains("observations-page-1.json"), "{backend:?} {what}: {msg}");
            assert!(msg.contains(expected), "{backend:?} {what}: {msg}");
            assert_eq!(store.dataset("99999TST").await.unwrap().unwrap(), version, "{what}");
            assert_eq!(store.count_observations("99999TST").await.unwrap(), 4, "{what}");
        }

        // A CSV row that is too short.
        let csv = tmp.path().join("99998TST_test.csv");
        std::fs::write(&csv, "\u{feff}\"ID\";\"RegioS\";\"Perioden\";\"Iets_1\"\n\"0\";\"GM0153  \";\"2020JJ00\";\"   1.5\"\n\"1\";\"GM0363  \";\"2020JJ00\"\n").unwrap();
        let err = import_path(store.as_ref(), &csv, &snapshot_dir()).await.unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("99998TST_test.csv") && msg.contains("regel 3"), "{msg}");
        assert!(
            store.dataset("99998TST").await.unwrap().is_none(),
            "half a table was stored"
        );
    }
}

/// A user's StatLine download with labels, with its settings beside it (`cbs/bronnen.toml`).
fn write_download(dir: &Path, rows: &str) {
    std::fs::create_dir_all(dir.join("cbs")).unwrap();
    std::fs::write(
        dir.join("cbs/bronnen.toml"),
        "[[bron]]\npad = \"12345TST_arbeid.csv\"\n[bron.instellingen]\ntitel = \"Arbeid per gemeente\"\nregio_namen = true\nregio_indeling = 2024\nmaatstaven = [{ code = \"Banen_1\", titel = \"Banen\", eenheid = \"aantal\" }]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("cbs/12345TST_arbeid.csv"),
        format!("\u{feff}ID;RegioS;Perioden;Banen_1\n{rows}"),
    )
    .unwrap();
}

/// A copy of the shipped region sources whose 2024 "Gebieden in Nederland" also gives the label
/// `Hengelo (O.)` to Enschede, so that the label names two gemeenten.
fn snapshot_with_a_label_twice(dir: &Path) -> std::path::PathBuf {
    use samenhang_statline::regions;
    let snap = crate::helpers::snapshot_with_region_sources(dir);
    let gebieden = snap.join(regions::GEBIEDEN_DIR);
    std::fs::create_dir_all(&gebieden).unwrap();
    let file = "85755NED_gebieden_2024.csv";
    let text = std::fs::read_to_string(snapshot_dir().join(regions::GEBIEDEN_DIR).join(file)).unwrap();
    let enschede = text.lines().find(|l| l.contains(";Enschede;")).unwrap();
    let twice = enschede.replacen(";Enschede;", ";Hengelo (O.);", 1);
    std::fs::write(gebieden.join(file), format!("{text}{twice}\n")).unwrap();
    snap
}

#[tokio::test]
async fn statline_labels_that_name_no_region_or_two_are_named_with_file_line_and_column() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let download = tmp.path().join("download");

        // A label that is no region in 2024 (a typing error in a province's suffix).
        write_download(
            &download,
            "0;Enschede;2024;92500\n1;Twente (AM);2024;300000\n2;Hengelo (Ov.);2024;40000\n",
        );
        let err = import_path(store.as_ref(), &download, &snapshot_dir())
            .await
            .unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("12345TST_arbeid.csv, regel 4, kolom 2"),
            "{backend:?}: {msg}"
        );
        assert!(
            msg.contains("'Hengelo (Ov.)' is geen gebied in de gebiedsindeling van 2024"),
            "{backend:?}: {msg}"
        );
        assert!(
            store.dataset("12345TST").await.unwrap().is_none(),
            "half a table was stored"
        );

        // A label that names two gemeenten in the registry of the table's year.
        write_download(&download, "0;Enschede;2024;92500\n1;Hengelo (O.);2024;40000\n");
        let twice = snapshot_with_a_label_twice(tmp.path());
        let err = import_path(store.as_ref(), &download, &twice).await.unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("12345TST_arbeid.csv, regel 3, kolom 2"),
            "{backend:?}: {msg}"
        );
        assert!(
            msg.contains("'Hengelo (O.)' past in de gebiedsindeling van 2024 bij meer dan één gebied (GM0153, GM0164)")
                || msg.contains(
                    "'Hengelo (O.)' past in de gebiedsindeling van 2024 bij meer dan één gebied (GM0164, GM0153)"
                ),
            "{backend:?}: {msg}"
        );
        assert!(
            store.dataset("12345TST").await.unwrap().is_none(),
            "half a table was stored"
        );

        // With the shipped registry the same file goes in: labels become codes.
        let done = import_path(store.as_ref(), &download, &snapshot_dir()).await.unwrap();
        assert_eq!(
            done,
            vec![("12345TST".to_string(), Outcome::Imported { observations: 2 })],
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn a_killed_import_leaves_the_previous_version_intact() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let table = tmp.path().join("99999TST");
    write_table(&table, GOOD);
    import_path(store.as_ref(), &table, &snapshot_dir()).await.unwrap();
    let version = store.dataset("99999TST").await.unwrap().unwrap();

    // A new version large enough that the import is still running when it is killed.
    let mut page = String::from("{\"value\":[");
    for i in 0..400_000u32 {
        if i > 0 {
            page.push(',');
        }
        // Unique per (measure, region, year): 100 years × 2 gemeenten per measure.
        let year = 1900 + (i % 200) / 2;
        let code = if i % 2 == 0 { "GM0153" } else { "GM0363" };
        page.push_str(&format!(
            "{{\"Id\":{i},\"Measure\":\"M{}\",\"ValueAttribute\":\"None\",\"Value\":{i},\"RegioS\":\"{code}\",\"Perioden\":\"{year}JJ00\"}}",
            i / 200
        ));
    }
    page.push_str("]}");
    write_table(&table, &page);
    let measures: Vec<String> = (0..2000)
        .map(|m| format!(r#"{{"Identifier":"M{m}","Title":"Iets {m}","Unit":"aantal","Decimals":0}}"#))
        .collect();
    std::fs::write(
        table.join("measure-codes.json"),
        format!(r#"{{"value":[{}]}}"#, measures.join(",")),
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_samenhang"))
        .args(["import", "cbs"])
        .arg(&table)
        .arg("--data-dir")
        .arg(&app.config.data_dir)
        .arg("--snapshot-dir")
        .arg(snapshot_dir())
        .env("SAMENHANG_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import finished before it could be killed"
    );
    child.kill().unwrap();
    child.wait().unwrap();

    let store = samenhang_store::connect(&app.config.database_url()).await.unwrap();
    assert_eq!(store.dataset("99999TST").await.unwrap().unwrap(), version);
    assert_eq!(store.count_observations("99999TST").await.unwrap(), 4);
}
