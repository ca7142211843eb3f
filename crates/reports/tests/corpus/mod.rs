// SPDX-License-Identifier: EUPL-1.2
//! The evaluation set: every report in `tests/verslagen/` with a `.verwacht.json` next to it.

use std::path::PathBuf;

use samenhang_reports::evaluation::Expected;
use samenhang_reports::Report;

/// The folder of the set.
pub fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/verslagen")
}

/// Every report of the set, read and parsed, with its expected results, by file name.
pub fn load() -> Vec<(String, Report, Expected)> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("tests/verslagen")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    names.sort();
    for path in names {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let expected_path = path.with_file_name(format!("{stem}.verwacht.json"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        let expected: Expected = serde_json::from_str(&expected).expect("expected results");
        let bytes = std::fs::read(&path).expect("report");
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let (_, report) = samenhang_reports::report(&bytes, &name).expect("readable");
        out.push((name, report, expected));
    }
    out
}
