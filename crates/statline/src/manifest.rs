// SPDX-License-Identifier: EUPL-1.2
//! The manifest of the shipped snapshot (`data/cbs/bronnen.toml`): which CBS tables ship, where
//! their files are, and the metadata their files leave out.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::ReadError;
use crate::tables::Overrides;

/// File name of the manifest inside the snapshot's `cbs/` directory.
pub const MANIFEST: &str = "cbs/bronnen.toml";

/// One shipped table.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path of the table (directory or file), relative to the manifest's directory.
    pub pad: String,
    /// Settings and metadata the files lack.
    #[serde(default)]
    pub instellingen: Overrides,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    bron: Vec<Entry>,
}

/// Reads the manifest; returns each entry with its absolute path.
pub fn read(snapshot_dir: &Path) -> Result<Vec<(PathBuf, Entry)>, ReadError> {
    let path = snapshot_dir.join(MANIFEST);
    let name = path.display().to_string();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ReadError::file(&name, format!("kan het bestand niet openen: {e}")))?;
    let parsed: ManifestFile = toml::from_str(&text).map_err(|e| {
        let mut err = ReadError::file(&name, format!("ongeldige TOML: {}", e.message()));
        if let Some(span) = e.span() {
            err = err.at_line(text[..span.start.min(text.len())].lines().count().max(1) as u64);
        }
        err
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(parsed.bron.into_iter().map(|e| (base.join(&e.pad), e)).collect())
}
