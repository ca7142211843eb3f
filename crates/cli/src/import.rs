// SPDX-License-Identifier: EUPL-1.2
//! Importing CBS tables: a reader (`samenhang-statline`) on a blocking thread streams
//! observations in batches over a bounded channel into one store transaction. Memory stays flat
//! whatever the table's size; a fault anywhere rolls the transaction back, so the previous
//! version of the table stays as it was. Importing the same files again changes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use samenhang_domain::codes::RegionCode;
use samenhang_statline::manifest;
use samenhang_statline::tables::{self, Overrides, TableSource};
use samenhang_store::Store;

/// Observations per batch sent from the reader to the store.
const BATCH: usize = 5_000;
/// Batches in flight between reader and store.
const IN_FLIGHT: usize = 4;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The same version was already loaded; nothing changed.
    Unchanged,
    /// A new version replaced the old one (or was loaded for the first time).
    Imported {
        /// Observations stored.
        observations: u64,
    },
}

/// Opens a table; a table whose region column holds names gets the CBS names of the gemeenten
/// (from the snapshot's code list) to map them to codes.
pub fn open_table(path: &Path, overrides: &Overrides, snapshot_dir: &Path) -> anyhow::Result<TableSource> {
    let source = tables::open(path, overrides)?;
    if !source.needs_region_names() {
        return Ok(source);
    }
    let list_path = snapshot_dir.join(samenhang_statline::regions::CODE_LIST);
    let file = std::fs::File::open(&list_path)
        .with_context(|| format!("kan de codelijst {} niet openen", list_path.display()))?;
    let list =
        samenhang_statline::regions::read_code_list(std::io::BufReader::new(file), &list_path.display().to_string())?;
    let names = list.into_iter().map(|e| (e.title, e.code)).collect();
    Ok(source.with_region_names(&names))
}

/// Imports one table, unless the same version is already loaded.
pub async fn import_table(
    store: &dyn Store,
    source: &TableSource,
    known: Arc<HashSet<RegionCode>>,
) -> anyhow::Result<Outcome> {
    let hash = {
        let s = source.clone();
        tokio::task::spawn_blocking(move || s.content_hash()).await??
    };
    if store.dataset_hash(&source.dataset.id).await?.as_deref() == Some(hash.as_str()) {
        return Ok(Outcome::Unchanged);
    }
    let mut session = store
        .begin_import(&source.dataset, &source.measures, &source.codes, &source.groups, &hash)
        .await?;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<samenhang_domain::Observation>>(IN_FLIGHT);
    let reader_source = source.clone();
    let reader = tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(BATCH);
        let count = reader_source.for_each_observation(Some(&known), &mut |o| {
            batch.push(o);
            if batch.len() >= BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                tx.blocking_send(full)
                    .map_err(|_| samenhang_statline::ReadError::file("", "het opslaan is afgebroken"))?;
            }
            Ok(())
        })?;
        if !batch.is_empty() {
            tx.blocking_send(batch)
                .map_err(|_| samenhang_statline::ReadError::file("", "het opslaan is afgebroken"))?;
        }
        Ok::<u64, samenhang_statline::ReadError>(count)
    });
    let mut store_error = None;
    while let Some(batch) = rx.recv().await {
        if let Err(e) = session.insert(&batch).await {
            store_error = Some(e);
            break;
        }
    }
    // Stop the reader if the store failed, then look at both results; any fault drops the
    // session, which rolls the transaction back.
    drop(rx);
    let read = reader.await.context("de lezer is onverwacht gestopt")?;
    if let Some(e) = store_error {
        return Err(e).with_context(|| format!("tabel {} kon niet worden opgeslagen", source.dataset.id));
    }
    let count = read.map_err(|e| anyhow::anyhow!("tabel {} is niet ingelezen: {e}", source.dataset.id))?;
    session.commit(count).await?;
    Ok(Outcome::Imported { observations: count })
}

/// The region codes the registry knows, for checking the regions of observations.
pub async fn known_regions(store: &dyn Store) -> anyhow::Result<Arc<HashSet<RegionCode>>> {
    Ok(Arc::new(store.region_codes().await?.into_iter().collect()))
}

/// The tables of the shipped snapshot with their settings.
pub fn snapshot_tables(snapshot_dir: &Path) -> anyhow::Result<Vec<(PathBuf, Overrides)>> {
    Ok(manifest::read(snapshot_dir)?
        .into_iter()
        .map(|(path, e)| (path, e.instellingen))
        .collect())
}

/// Loads every table of the shipped snapshot that the database does not hold yet.
pub async fn load_missing_snapshot_tables(store: &dyn Store, snapshot_dir: &Path) -> anyhow::Result<u64> {
    let loaded: HashSet<String> = store.datasets().await?.into_iter().map(|d| d.dataset.id).collect();
    let known = known_regions(store).await?;
    let mut imported = 0;
    for (path, overrides) in snapshot_tables(snapshot_dir)? {
        let source = open_table(&path, &overrides, snapshot_dir)?;
        if loaded.contains(&source.dataset.id) {
            continue;
        }
        if let Outcome::Imported { observations } = import_table(store, &source, known.clone()).await? {
            tracing::info!(tabel = %source.dataset.id, observations, "CBS-tabel geladen");
            imported += 1;
        }
    }
    Ok(imported)
}

/// `samenhang import cbs <path>`: a table (directory or CSV file), a directory of tables, or a
/// snapshot directory with `cbs/bronnen.toml`. Settings of shipped tables come from the manifest.
pub async fn import_path(
    store: &dyn Store,
    path: &Path,
    snapshot_dir: &Path,
) -> anyhow::Result<Vec<(String, Outcome)>> {
    let manifest: Vec<(PathBuf, Overrides)> = snapshot_tables(snapshot_dir).unwrap_or_default();
    let settings_for = |p: &Path| -> Overrides {
        let canon = std::fs::canonicalize(p).ok();
        manifest
            .iter()
            .find(|(mp, _)| std::fs::canonicalize(mp).ok() == canon)
            .map(|(_, o)| o.clone())
            .unwrap_or_default()
    };
    let targets: Vec<(PathBuf, Overrides)> = if path.join(manifest::MANIFEST).exists() {
        snapshot_tables(path)?
    } else if path.join("bronnen.toml").exists() {
        snapshot_tables(path.parent().unwrap_or(path))?
    } else if path.is_dir() && tables::open(path, &Overrides::default()).is_err() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("kan de map {} niet lezen", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "csv"))
            .collect();
        children.sort();
        children.into_iter().map(|c| (c.clone(), settings_for(&c))).collect()
    } else {
        vec![(path.to_path_buf(), settings_for(path))]
    };
    let known = known_regions(store).await?;
    let mut out = Vec::new();
    for (p, overrides) in targets {
        let source = open_table(&p, &overrides, snapshot_dir)?;
        let outcome = import_table(store, &source, known.clone()).await?;
        out.push((source.dataset.id.clone(), outcome));
    }
    Ok(out)
}

/// `samenhang sync`: fetches each table live into `<data-dir>/downloads/<id>` (resuming an
/// interrupted fetch), then imports it like any other table.
pub async fn sync_tables(
    store: &dyn Store,
    ids: &[String],
    data_dir: &Path,
    snapshot_dir: &Path,
    options: &samenhang_statline::sync::SyncOptions,
    progress: &mut dyn samenhang_statline::sync::Progress,
) -> anyhow::Result<Vec<(String, Outcome)>> {
    let client = reqwest::Client::builder()
        .user_agent(concat!("samenhang/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(std::time::Duration::from_secs(20))
        .build()
        .context("kan de HTTP-client niet maken")?;
    let known = known_regions(store).await?;
    let mut out = Vec::new();
    for id in ids {
        let dir = data_dir.join("downloads").join(id);
        samenhang_statline::sync::download(&client, id, &dir, options, progress)
            .await
            .with_context(|| format!("tabel {id} kon niet worden opgehaald"))?;
        let source = open_table(&dir, &Overrides::default(), snapshot_dir)?;
        let outcome = import_table(store, &source, known.clone()).await?;
        out.push((source.dataset.id.clone(), outcome));
    }
    Ok(out)
}

/// A progress bar on stderr (hidden when stderr is not a terminal).
pub struct ProgressBar(indicatif::ProgressBar);

impl ProgressBar {
    /// A new bar.
    pub fn new() -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} waarnemingen ({per_sec})",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("ophalen");
        ProgressBar(bar)
    }
}

impl Default for ProgressBar {
    fn default() -> Self {
        Self::new()
    }
}

impl samenhang_statline::sync::Progress for ProgressBar {
    fn expected(&mut self, observations: Option<u64>) {
        if let Some(n) = observations {
            self.0.set_length(n);
        }
    }
    fn advance(&mut self, rows: u64) {
        self.0.inc(rows);
    }
    fn retry(&mut self, url: &str, attempt: u32, fault: &str) {
        self.0
            .println(format!("poging {attempt} mislukt ({fault}): {url}; opnieuw proberen"));
    }
}
