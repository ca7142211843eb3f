// SPDX-License-Identifier: EUPL-1.2
//! Importing CBS tables: a reader (`samenhang-statline`) on a blocking thread streams
//! observations in batches over a bounded channel into one store transaction. Memory stays flat
//! whatever the table's size. Several tables (a directory, the snapshot, a sync) go in one
//! transaction: a fault anywhere (a bad record, a duplicate, a table without observations) rolls
//! it back, so every previous version stays as it was, and the error names the table, file,
//! record and field. Importing the same files again changes nothing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use samenhang_domain::codes::RegionCode;
use samenhang_statline::labels::RegionLabels;
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

/// Opens tables; a table whose region column holds StatLine labels gets the labels of every
/// year (see [`region_labels`]), read once for all the tables it opens.
pub struct Opener<'a> {
    snapshot_dir: &'a Path,
    labels: Option<Arc<RegionLabels>>,
}

impl<'a> Opener<'a> {
    /// An opener for tables of this snapshot.
    pub fn new(snapshot_dir: &'a Path) -> Self {
        Opener {
            snapshot_dir,
            labels: None,
        }
    }

    /// Opens one table with its settings.
    pub fn open(&mut self, path: &Path, overrides: &Overrides) -> anyhow::Result<TableSource> {
        let source = tables::open(path, overrides)?;
        if !source.needs_region_names() {
            return Ok(source);
        }
        let labels = match &self.labels {
            Some(l) => l.clone(),
            None => self.labels.insert(region_labels(self.snapshot_dir)?).clone(),
        };
        Ok(source.with_region_labels(labels))
    }
}

/// The region labels of every year, from the snapshot: CBS's "Gebieden in Nederland" per year
/// (`data/regions/gebieden/`) and the CBS names of the regions with the years they existed.
pub fn region_labels(snapshot_dir: &Path) -> anyhow::Result<Arc<RegionLabels>> {
    let registry = crate::read_registry(snapshot_dir)?;
    let exists: HashMap<RegionCode, &samenhang_domain::Region> = registry.regions.iter().map(|r| (r.code, r)).collect();
    let mut names = Vec::new();
    for list in [
        samenhang_statline::regions::CODE_LIST,
        samenhang_statline::regions::AM_CODE_LIST,
    ] {
        let list_path = snapshot_dir.join(list);
        let file = std::fs::File::open(&list_path)
            .with_context(|| format!("kan de codelijst {} niet openen", list_path.display()))?;
        for e in samenhang_statline::regions::read_code_list(std::io::BufReader::new(file), list)? {
            let (first, last) = exists.get(&e.code).map_or((None, None), |r| years_of(r));
            names.push((e.title, e.code, first, last));
        }
    }
    // The registry's own names (a gemeente's newest name, an AM's newest name) as well.
    for r in &registry.regions {
        let (first, last) = years_of(r);
        names.push((r.name.clone(), r.code, first, last));
    }
    let mut gebieden = Vec::new();
    for (year, rel) in samenhang_statline::regions::gebieden_files(snapshot_dir)? {
        let path = snapshot_dir.join(&rel);
        let file = std::fs::File::open(&path).with_context(|| format!("kan {} niet openen", path.display()))?;
        gebieden.push((
            year,
            samenhang_statline::regions::read_gebieden(std::io::BufReader::new(file), &rel, year)?,
        ));
    }
    Ok(Arc::new(RegionLabels::new(names, gebieden)))
}

/// The first and last classification year of a region (`None`: unbounded).
fn years_of(r: &samenhang_domain::Region) -> (Option<i32>, Option<i32>) {
    use chrono::Datelike;
    let first = r.valid_from.map(|d| {
        if r.exists_in_year(d.year()) {
            d.year()
        } else {
            d.year() + 1
        }
    });
    let last = r.valid_until.map(|d| {
        if r.exists_in_year(d.year()) {
            d.year()
        } else {
            d.year() - 1
        }
    });
    (first, last)
}

/// Imports one table, unless the same version is already loaded.
pub async fn import_table(
    store: &dyn Store,
    source: &TableSource,
    known: Arc<HashSet<RegionCode>>,
) -> anyhow::Result<Outcome> {
    let mut out = import_tables(store, std::slice::from_ref(source), known).await?;
    Ok(out.remove(0).1)
}

/// A batch of observations with where each came from (file, record).
struct Batch {
    observations: Vec<samenhang_domain::Observation>,
    at: Vec<(Arc<str>, u64)>,
}

/// Imports tables in one transaction, all or nothing: every table whose version is new replaces
/// its previous version, and if any of them fails (a bad record, a duplicate, no observations
/// at all) none is changed and the error names the table, file, record and field.
pub async fn import_tables(
    store: &dyn Store,
    sources: &[TableSource],
    known: Arc<HashSet<RegionCode>>,
) -> anyhow::Result<Vec<(String, Outcome)>> {
    let mut hashes = Vec::with_capacity(sources.len());
    for source in sources {
        let s = source.clone();
        let hash = tokio::task::spawn_blocking(move || s.content_hash()).await??;
        let same = store.dataset_hash(&source.dataset.id).await?.as_deref() == Some(hash.as_str());
        hashes.push((hash, same));
    }
    let mut out: Vec<(String, Outcome)> = sources
        .iter()
        .map(|s| (s.dataset.id.clone(), Outcome::Unchanged))
        .collect();
    if hashes.iter().all(|(_, same)| *same) {
        return Ok(out);
    }
    let mut session = store.begin_import().await?;
    for (n, (source, (hash, same))) in sources.iter().zip(&hashes).enumerate() {
        if *same {
            continue;
        }
        session
            .start_table(&source.dataset, &source.measures, &source.codes, &source.groups, hash)
            .await?;
        let count = stream_into(session.as_mut(), source, known.clone()).await?;
        if count == 0 && !source.metadata_only() {
            anyhow::bail!(
                "tabel {} ({}) bevat geen waarnemingen; er is niets gewijzigd",
                source.dataset.id,
                source.dataset.source
            );
        }
        session.finish_table(count).await?;
        out[n].1 = Outcome::Imported { observations: count };
    }
    session.commit().await?;
    Ok(out)
}

/// Streams one table's observations into the session: the reader on a blocking thread, batches
/// over a bounded channel, so memory stays flat.
async fn stream_into(
    session: &mut dyn samenhang_store::ImportSession,
    source: &TableSource,
    known: Arc<HashSet<RegionCode>>,
) -> anyhow::Result<u64> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(IN_FLIGHT);
    // Stored batches go back to the reader, which empties and fills them again: their memory is
    // freed and reused on the thread that allocated it, not on the writer's.
    let (back, returned) = std::sync::mpsc::channel::<Batch>();
    let reader_source = source.clone();
    let reader_known = known.clone();
    let reader = tokio::task::spawn_blocking(move || {
        let new_batch = || match returned.try_recv() {
            Ok(mut used) => {
                used.observations.clear();
                used.at.clear();
                used
            }
            Err(_) => Batch {
                observations: Vec::with_capacity(BATCH),
                at: Vec::with_capacity(BATCH),
            },
        };
        let mut batch = new_batch();
        let mut file: Arc<str> = Arc::from("");
        let count = reader_source.for_each_located(Some(&reader_known), &mut |o, name, record| {
            if *file != *name {
                file = Arc::from(name);
            }
            batch.observations.push(o);
            batch.at.push((file.clone(), record));
            if batch.observations.len() >= BATCH {
                let full = std::mem::replace(&mut batch, new_batch());
                tx.blocking_send(full)
                    .map_err(|_| samenhang_statline::ReadError::file("", "het opslaan is afgebroken"))?;
            }
            Ok(())
        })?;
        if !batch.observations.is_empty() {
            tx.blocking_send(batch)
                .map_err(|_| samenhang_statline::ReadError::file("", "het opslaan is afgebroken"))?;
        }
        Ok::<u64, samenhang_statline::ReadError>(count)
    });
    let mut store_error = None;
    while let Some(batch) = rx.recv().await {
        if let Err(e) = session.insert(&batch.observations).await {
            store_error = Some((e, batch));
            break;
        }
        // The reader may have finished; the batch is then dropped here.
        let _ = back.send(batch);
    }
    // Stop the reader if the store failed, then look at both results; any fault drops the
    // session, which rolls the transaction back.
    drop(rx);
    let read = reader.await.context("de lezer is onverwacht gestopt")?;
    if let Some((e, batch)) = store_error {
        if let samenhang_store::StoreError::Duplicate(range) = &e {
            return Err(duplicate(source, known, &batch, range.first, range.end).await);
        }
        return Err(e).with_context(|| format!("tabel {} kon niet worden opgeslagen", source.dataset.id));
    }
    read.map_err(|e| anyhow::anyhow!("tabel {} is niet ingelezen: {e}", source.dataset.id))
}

/// Finds which observation of `batch[first..end]` repeats an earlier one, by reading the table
/// again with only those keys in mind (memory stays small), and names both places.
async fn duplicate(
    source: &TableSource,
    known: Arc<HashSet<RegionCode>>,
    batch: &Batch,
    first: usize,
    end: usize,
) -> anyhow::Error {
    type Key = (String, RegionCode, String, String);
    let key = |o: &samenhang_domain::Observation| -> Key {
        (o.measure.clone(), o.region, o.period.to_string(), o.dimensions.clone())
    };
    let wanted: HashSet<Key> = batch
        .observations
        .get(first..end.min(batch.observations.len()))
        .unwrap_or_default()
        .iter()
        .map(key)
        .collect();
    let s = source.clone();
    let found = tokio::task::spawn_blocking(move || {
        let mut seen: std::collections::HashMap<Key, (String, u64)> = std::collections::HashMap::new();
        let mut hit = None;
        let _ = s.for_each_located(Some(&known), &mut |o, file, record| {
            let k = key(&o);
            if !wanted.contains(&k) {
                return Ok(());
            }
            if let Some(earlier) = seen.get(&k) {
                hit = Some((k, earlier.clone(), (file.to_string(), record)));
                return Err(samenhang_statline::ReadError::file(file, "gevonden"));
            }
            seen.insert(k, (file.to_string(), record));
            Ok(())
        });
        hit
    })
    .await
    .ok()
    .flatten();
    match found {
        Some(((measure, region, period, dims), (file0, record0), (file, record))) => anyhow::anyhow!(
            "tabel {} is niet ingelezen: {file}, record {record}: dubbele waarneming (maatstaf {measure}, gebied {region}, periode {period}{}); dezelfde staat al in {file0}, record {record0}. Er is niets gewijzigd",
            source.dataset.id,
            if dims.is_empty() { String::new() } else { format!(", {dims}") }
        ),
        None => anyhow::anyhow!(
            "tabel {} is niet ingelezen: een waarneming komt twee keer voor (rond {}). Er is niets gewijzigd",
            source.dataset.id,
            batch
                .at
                .get(first)
                .map_or_else(String::new, |(f, r)| format!("{f}, record {r}"))
        ),
    }
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

/// Loads every table of the shipped snapshot that the database does not hold yet, in one
/// transaction.
pub async fn load_missing_snapshot_tables(store: &dyn Store, snapshot_dir: &Path) -> anyhow::Result<u64> {
    let loaded: HashSet<String> = store.datasets().await?.into_iter().map(|d| d.dataset.id).collect();
    let known = known_regions(store).await?;
    let mut missing = Vec::new();
    let mut opener = Opener::new(snapshot_dir);
    for (path, overrides) in snapshot_tables(snapshot_dir)? {
        let source = opener.open(&path, &overrides)?;
        if !loaded.contains(&source.dataset.id) {
            missing.push(source);
        }
    }
    let mut imported = 0;
    for (id, outcome) in import_tables(store, &missing, known).await? {
        if let Outcome::Imported { observations } = outcome {
            tracing::info!(tabel = %id, observations, "CBS-tabel geladen");
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
    } else if path.is_dir() && !is_table_dir(path) {
        let mut children: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("kan de map {} niet lezen", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| (p.is_dir() && is_table_dir(p)) || p.extension().is_some_and(|e| e == "csv"))
            .collect();
        if children.is_empty() {
            anyhow::bail!(
                "{} is geen CBS-tabel en bevat er geen: verwacht properties.json (OData v4), Properties.json \
                 (v4 beta), een *DataSet*.json (OData v3), een .csv-bestand, of mappen met zulke tabellen",
                path.display()
            );
        }
        children.sort();
        children.into_iter().map(|c| (c.clone(), settings_for(&c))).collect()
    } else {
        vec![(path.to_path_buf(), settings_for(path))]
    };
    let known = known_regions(store).await?;
    // Every table is opened (its metadata read and checked) before anything is written.
    let mut sources = Vec::with_capacity(targets.len());
    let mut opener = Opener::new(snapshot_dir);
    for (p, overrides) in targets {
        sources.push(opener.open(&p, &overrides)?);
    }
    import_tables(store, &sources, known).await
}

/// Whether a directory holds one table (its metadata files), rather than tables.
fn is_table_dir(dir: &Path) -> bool {
    dir.join("properties.json").exists()
        || dir.join("Properties.json").exists()
        || std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().contains("DataSet"))
        })
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
    let mut sources = Vec::new();
    let mut opener = Opener::new(snapshot_dir);
    for id in ids {
        let dir = data_dir.join("downloads").join(id);
        samenhang_statline::sync::download(&client, id, &dir, options, progress)
            .await
            .with_context(|| format!("tabel {id} kon niet worden opgehaald"))?;
        sources.push(opener.open(&dir, &Overrides::default())?);
    }
    import_tables(store, &sources, known).await
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
