// SPDX-License-Identifier: EUPL-1.2
//! CBS tables (bronnen), their measures, dimension codes and groups, and observations
//! ([`StatisticsStore`]), with imports as [`ImportSession`]s: one transaction that may replace
//! several tables, all or nothing. SQL shared by both backends in `statistics_impl!`.

use async_trait::async_trait;
use samenhang_domain::own_figures::OwnFigure;
use samenhang_domain::statistics::{CodeGroup, Dataset, DimensionCode, Measure, Observation};

use crate::StoreError;

/// A dataset as stored, with what its load recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDataset {
    /// The dataset.
    pub dataset: Dataset,
    /// SHA-256 of the files it was loaded from: the version.
    pub content_hash: String,
    /// Number of observations.
    pub observations: u64,
    /// When it was loaded.
    pub loaded_at: chrono::DateTime<chrono::Utc>,
    /// Number of measures.
    pub measures: u64,
}

/// A measure with the dataset it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMeasure {
    /// Dataset id.
    pub dataset: String,
    /// The measure.
    pub measure: Measure,
}

/// Where in a batch an observation with a key already stored (or twice in the batch) was found:
/// the range of batch positions of the statement that met it. The importer, which knows where
/// each observation came from, names the file and record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObservationKey {
    /// First batch position of the statement.
    pub first: usize,
    /// One past the last.
    pub end: usize,
}

impl std::fmt::Display for ObservationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "een van de waarnemingen {}–{} van deze reeks",
            self.first + 1,
            self.end
        )
    }
}

/// An import inside one transaction. It may replace several tables in turn; dropping it
/// without [`ImportSession::commit`] rolls everything back, so every previous version stays.
#[async_trait]
pub trait ImportSession: Send {
    /// Starts replacing dataset `dataset.id`: removes its old version and stores the metadata.
    async fn start_table(
        &mut self,
        dataset: &Dataset,
        measures: &[Measure],
        codes: &[DimensionCode],
        groups: &[CodeGroup],
        content_hash: &str,
    ) -> Result<(), StoreError>;
    /// Adds observations to the current table. An observation whose key (measure, region,
    /// period, other dimensions) is already there is refused with [`StoreError::Duplicate`].
    async fn insert(&mut self, batch: &[Observation]) -> Result<(), StoreError>;
    /// Records the number of observations of the current table.
    async fn finish_table(&mut self, observations: u64) -> Result<(), StoreError>;
    /// Makes every table of the session visible at once.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// CBS tables and their observations.
#[async_trait]
pub trait StatisticsStore: Send + Sync {
    /// The content hash (version) of a loaded dataset.
    async fn dataset_hash(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// Starts an import: one transaction for one or more tables.
    async fn begin_import(&self) -> Result<Box<dyn ImportSession>, StoreError>;
    /// All loaded datasets, by id.
    async fn datasets(&self) -> Result<Vec<StoredDataset>, StoreError>;
    /// One dataset.
    async fn dataset(&self, id: &str) -> Result<Option<StoredDataset>, StoreError>;
    /// Measures, of one dataset or of all; by dataset and code.
    async fn measures(&self, dataset: Option<&str>) -> Result<Vec<StoredMeasure>, StoreError>;
    /// Dimension codes of a dataset.
    async fn dimension_codes(&self, dataset: &str) -> Result<Vec<DimensionCode>, StoreError>;
    /// Groups of codes and measures of a dataset.
    async fn code_groups(&self, dataset: &str) -> Result<Vec<CodeGroup>, StoreError>;
    /// The observations of one measure of a dataset for one combination of other dimensions
    /// (`""` when the table has none).
    async fn observations(
        &self,
        dataset: &str,
        measure: &str,
        dimensions: &str,
    ) -> Result<Vec<Observation>, StoreError>;
    /// Number of observations stored for a dataset (counted, not recorded).
    async fn count_observations(&self, dataset: &str) -> Result<u64, StoreError>;
    /// A number that grows with every committed import: servers poll it to notice figures that
    /// another process imported.
    async fn figures_version(&self) -> Result<i64, StoreError>;
    /// The figures of one own indicator (the record id of an `eigen-indicator`), or of every
    /// one, by indicator, area and year.
    async fn own_figures(&self, indicator: Option<&str>) -> Result<Vec<(String, OwnFigure)>, StoreError>;
    /// Replaces the figures of one own indicator, in one transaction that also moves
    /// [`StatisticsStore::figures_version`] on; fails with `NotFound` when the indicator record
    /// is gone.
    async fn replace_own_figures(&self, indicator: &str, figures: &[OwnFigure]) -> Result<(), StoreError>;
    /// Moves [`StatisticsStore::figures_version`] on (after an own indicator's definition
    /// changed), so every server rebuilds its figures.
    async fn touch_figures(&self) -> Result<(), StoreError>;
}

#[derive(sqlx::FromRow)]
pub(crate) struct DatasetRow {
    id: String,
    tabel: String,
    titel: String,
    omschrijving: String,
    gewijzigd: Option<String>,
    licentie: String,
    herkomst: String,
    formaat: String,
    inhoud_hash: String,
    aantal_waarnemingen: i64,
    geladen_op: chrono::DateTime<chrono::Utc>,
    aantal_maatstaven: i64,
}

impl From<DatasetRow> for StoredDataset {
    fn from(r: DatasetRow) -> StoredDataset {
        StoredDataset {
            dataset: Dataset {
                id: r.id,
                table: r.tabel,
                title: r.titel,
                description: r.omschrijving,
                modified: r.gewijzigd,
                licence: r.licentie,
                source: r.herkomst,
                format: r.formaat,
            },
            content_hash: r.inhoud_hash,
            observations: crate::count(r.aantal_waarnemingen),
            loaded_at: r.geladen_op,
            measures: crate::count(r.aantal_maatstaven),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MeasureRow {
    bron_id: String,
    code: String,
    titel: String,
    eenheid: String,
    decimalen: Option<i32>,
    omschrijving: String,
    groep: Option<String>,
}

impl From<MeasureRow> for StoredMeasure {
    fn from(r: MeasureRow) -> StoredMeasure {
        StoredMeasure {
            dataset: r.bron_id,
            measure: Measure {
                code: r.code,
                title: r.titel,
                unit: r.eenheid,
                decimals: r.decimalen.and_then(|d| u8::try_from(d).ok()),
                description: r.omschrijving,
                group: r.groep,
            },
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CodeRow {
    dimensie: String,
    code: String,
    titel: String,
    omschrijving: String,
    status: String,
    groep: Option<String>,
}

impl From<CodeRow> for DimensionCode {
    fn from(r: CodeRow) -> DimensionCode {
        DimensionCode {
            dimension: r.dimensie,
            code: r.code,
            title: r.titel,
            description: r.omschrijving,
            status: r.status,
            group: r.groep,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct GroupRow {
    dimensie: String,
    id: String,
    ouder: Option<String>,
    titel: String,
    omschrijving: String,
}

impl From<GroupRow> for CodeGroup {
    fn from(r: GroupRow) -> CodeGroup {
        CodeGroup {
            dimension: r.dimensie,
            id: r.id,
            parent: r.ouder,
            title: r.titel,
            description: r.omschrijving,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ObservationRow {
    gebied: String,
    periode: String,
    waarde: Option<f64>,
    status: i32,
}

impl ObservationRow {
    pub(crate) fn into_observation(self, measure: &str, dimensions: &str) -> Result<Observation, StoreError> {
        use samenhang_domain::statistics::{Period, ValueStatus};
        Ok(Observation {
            measure: measure.to_string(),
            region: crate::parse_code(&self.gebied)?,
            period: Period::parse(&self.periode).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            dimensions: dimensions.to_string(),
            value: self.waarde,
            status: ValueStatus::from_code(self.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {}", self.status)))?,
        })
    }
}

/// The series (measure and combination of other dimensions) of the table being imported, with
/// their ids. An id is derived from the series' key, the first 63 bits of a SHA-256: no counter
/// is shared between imports, and two keys with the same id (about one chance in 10^10 for
/// 100,000 series) would be refused by the primary key of `reeks`, never mixed.
#[derive(Default)]
pub(crate) struct SeriesIds {
    by_measure: rustc_hash::FxHashMap<String, rustc_hash::FxHashMap<String, i64>>,
}

impl SeriesIds {
    pub(crate) fn clear(&mut self) {
        self.by_measure.clear();
    }

    /// The series id of every observation of `batch`, and the series met for the first time
    /// (id, measure, dimensions), to be stored before the observations.
    pub(crate) fn ids(&mut self, dataset: &str, batch: &[Observation]) -> (Vec<i64>, Vec<(i64, String, String)>) {
        let mut new = Vec::new();
        let ids = batch
            .iter()
            .map(|o| {
                if let Some(id) = self.by_measure.get(&o.measure).and_then(|d| d.get(&o.dimensions)) {
                    return *id;
                }
                let id = series_id(dataset, &o.measure, &o.dimensions);
                self.by_measure
                    .entry(o.measure.clone())
                    .or_default()
                    .insert(o.dimensions.clone(), id);
                new.push((id, o.measure.clone(), o.dimensions.clone()));
                id
            })
            .collect();
        (ids, new)
    }
}

/// The text of every area and period met in an import, formatted once: an import binds
/// millions of them, but there are only a few thousand different ones.
#[derive(Default)]
pub(crate) struct KeyTexts {
    regions: rustc_hash::FxHashMap<samenhang_domain::RegionCode, String>,
    periods: rustc_hash::FxHashMap<samenhang_domain::statistics::Period, String>,
}

impl KeyTexts {
    /// Formats the areas and periods of `batch` not met before.
    pub(crate) fn learn(&mut self, batch: &[Observation]) {
        for o in batch {
            self.regions.entry(o.region).or_insert_with(|| o.region.to_string());
            if !self.periods.contains_key(&o.period) {
                self.periods.insert(o.period.clone(), o.period.to_string());
            }
        }
    }

    /// The texts of an observation's area and period (after [`KeyTexts::learn`] saw it).
    pub(crate) fn of(&self, o: &Observation) -> Result<(&str, &str), StoreError> {
        match (self.regions.get(&o.region), self.periods.get(&o.period)) {
            (Some(region), Some(period)) => Ok((region, period)),
            _ => Err(StoreError::Corrupt(
                "waarneming met een onbekend gebied of periode".into(),
            )),
        }
    }
}

/// The id of a series: the first 63 bits of the SHA-256 of its key.
fn series_id(dataset: &str, measure: &str, dimensions: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(dataset)
        .chain_update([0])
        .chain_update(measure)
        .chain_update([0])
        .chain_update(dimensions)
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first) & i64::MAX
}

pub(crate) const DATASET_SELECT: &str =
    "SELECT b.id, b.tabel, b.titel, b.omschrijving, b.gewijzigd, b.licentie, b.herkomst, b.formaat, \
     b.inhoud_hash, b.aantal_waarnemingen, b.geladen_op, \
     (SELECT COUNT(*) FROM maatstaf m WHERE m.bron_id = b.id) AS aantal_maatstaven FROM bron b";

macro_rules! statistics_impl {
    // `$insert` and `$ignore_duplicates` make an insert that skips a row whose key is stored:
    // SQLite's `INSERT OR IGNORE` needs no statement journal, `ON CONFLICT DO NOTHING` does.
    ($store:ty, $db:ty, $insert:literal, $ignore_duplicates:literal) => {
        #[async_trait::async_trait]
        impl $crate::statistics::StatisticsStore for $store {
            async fn dataset_hash(&self, id: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT inhoud_hash FROM bron WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn begin_import(&self) -> Result<Box<dyn $crate::statistics::ImportSession>, $crate::StoreError> {
                let tx = self.begin_write().await?;
                Ok(Box::new(ImportTx {
                    tx,
                    current: None,
                    series: Default::default(),
                    texts: Default::default(),
                }))
            }

            async fn datasets(&self) -> Result<Vec<$crate::StoredDataset>, $crate::StoreError> {
                let rows: Vec<$crate::statistics::DatasetRow> =
                    sqlx::query_as(&format!("{} ORDER BY b.id", $crate::statistics::DATASET_SELECT))
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn dataset(&self, id: &str) -> Result<Option<$crate::StoredDataset>, $crate::StoreError> {
                let row: Option<$crate::statistics::DatasetRow> =
                    sqlx::query_as(&format!("{} WHERE b.id = $1", $crate::statistics::DATASET_SELECT))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(Into::into))
            }

            async fn measures(&self, dataset: Option<&str>) -> Result<Vec<$crate::StoredMeasure>, $crate::StoreError> {
                let rows: Vec<$crate::statistics::MeasureRow> = sqlx::query_as(
                    "SELECT bron_id, code, titel, eenheid, decimalen, omschrijving, groep FROM maatstaf \
                     WHERE ($1 IS NULL OR bron_id = $1) ORDER BY bron_id, code",
                )
                .bind(dataset)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn dimension_codes(
                &self,
                dataset: &str,
            ) -> Result<Vec<samenhang_domain::statistics::DimensionCode>, $crate::StoreError> {
                let rows: Vec<$crate::statistics::CodeRow> = sqlx::query_as(
                    "SELECT dimensie, code, titel, omschrijving, status, groep FROM dimensiecode WHERE bron_id = $1 ORDER BY dimensie, code",
                )
                .bind(dataset)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn code_groups(
                &self,
                dataset: &str,
            ) -> Result<Vec<samenhang_domain::statistics::CodeGroup>, $crate::StoreError> {
                let rows: Vec<$crate::statistics::GroupRow> = sqlx::query_as(
                    "SELECT dimensie, id, ouder, titel, omschrijving FROM dimensiegroep WHERE bron_id = $1 ORDER BY dimensie, id",
                )
                .bind(dataset)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn observations(
                &self,
                dataset: &str,
                measure: &str,
                dimensions: &str,
            ) -> Result<Vec<samenhang_domain::statistics::Observation>, $crate::StoreError> {
                let rows: Vec<$crate::statistics::ObservationRow> = sqlx::query_as(
                    "SELECT w.gebied, w.periode, w.waarde, w.status FROM waarneming w JOIN reeks r ON r.id = w.reeks_id \
                     WHERE r.bron_id = $1 AND r.maatstaf = $2 AND r.dimensies = $3 ORDER BY w.gebied, w.periode",
                )
                .bind(dataset)
                .bind(measure)
                .bind(dimensions)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| r.into_observation(measure, dimensions))
                    .collect()
            }

            async fn count_observations(&self, dataset: &str) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM waarneming w JOIN reeks r ON r.id = w.reeks_id WHERE r.bron_id = $1",
                )
                    .bind(dataset)
                    .fetch_one(&self.pool)
                    .await?;
                Ok($crate::count(n))
            }

            async fn figures_version(&self) -> Result<i64, $crate::StoreError> {
                let v: Option<i64> = sqlx::query_scalar("SELECT teller FROM wijzigingsteller WHERE naam = 'cijfers'")
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(v.unwrap_or(0))
            }

            async fn own_figures(
                &self,
                indicator: Option<&str>,
            ) -> Result<Vec<(String, samenhang_domain::own_figures::OwnFigure)>, $crate::StoreError> {
                let rows: Vec<(String, String, i32, f64, Option<String>)> = sqlx::query_as(
                    "SELECT id, gebied, jaar, waarde, status FROM eigen_cijfer WHERE $1 IS NULL OR id = $1 \
                     ORDER BY id, gebied, jaar",
                )
                .bind(indicator)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(id, gebied, year, value, status)| {
                        let region = samenhang_domain::RegionCode::parse(&gebied)
                            .map_err(|e| $crate::StoreError::Corrupt(format!("eigen_cijfer {id}: {e}")))?;
                        Ok((
                            id,
                            samenhang_domain::own_figures::OwnFigure {
                                region,
                                year,
                                value,
                                status,
                            },
                        ))
                    })
                    .collect()
            }

            async fn replace_own_figures(
                &self,
                indicator: &str,
                figures: &[samenhang_domain::own_figures::OwnFigure],
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // A no-op update takes the indicator's row lock, so parallel uploads for the
                // same indicator queue here (PostgreSQL) instead of colliding on its figures;
                // SQLite's write transaction already queues them.
                let locked = sqlx::query("UPDATE item SET versie = versie WHERE soort = 'eigen-indicator' AND id = $1")
                    .bind(indicator)
                    .execute(&mut *tx)
                    .await?;
                if locked.rows_affected() == 0 {
                    return Err($crate::StoreError::Missing(format!("eigen indicator {indicator}")));
                }
                sqlx::query("DELETE FROM eigen_cijfer WHERE id = $1")
                    .bind(indicator)
                    .execute(&mut *tx)
                    .await?;
                for chunk in figures.chunks(1000) {
                    let mut b: sqlx::QueryBuilder<$db> =
                        sqlx::QueryBuilder::new("INSERT INTO eigen_cijfer (id, gebied, jaar, waarde, status) ");
                    b.push_values(chunk, |mut row, f| {
                        row.push_bind(indicator.to_string())
                            .push_bind(f.region.to_string())
                            .push_bind(f.year)
                            .push_bind(f.value)
                            .push_bind(f.status.clone());
                    });
                    b.build().execute(&mut *tx).await?;
                }
                bump_counter(&mut tx, "cijfers").await?;
                tx.commit().await?;
                Ok(())
            }

            async fn touch_figures(&self) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                bump_counter(&mut tx, "cijfers").await?;
                tx.commit().await?;
                Ok(())
            }
        }

        struct ImportTx {
            tx: sqlx::Transaction<'static, $db>,
            current: Option<String>,
            /// The series of the current table stored so far: measure → dimensions → id.
            series: $crate::statistics::SeriesIds,
            /// Areas and periods as text.
            texts: $crate::statistics::KeyTexts,
        }

        impl ImportTx {
            fn current(&self) -> Result<&str, $crate::StoreError> {
                self.current
                    .as_deref()
                    .ok_or_else(|| $crate::StoreError::Corrupt("import zonder tabel".into()))
            }
        }

        /// Stores series met for the first time (id, measure, dimensions) of table `dataset`.
        async fn insert_series(
            tx: &mut sqlx::Transaction<'static, $db>,
            dataset: &str,
            new: &[(i64, String, String)],
        ) -> Result<(), $crate::StoreError> {
            for chunk in new.chunks($crate::CHUNK) {
                let mut b: sqlx::QueryBuilder<$db> =
                    sqlx::QueryBuilder::new("INSERT INTO reeks (id, bron_id, maatstaf, dimensies) ");
                b.push_values(chunk, |mut row, (series, measure, dimensions)| {
                    row.push_bind(*series)
                        .push_bind(dataset)
                        .push_bind(measure.as_str())
                        .push_bind(dimensions.as_str());
                });
                b.build().execute(&mut **tx).await?;
            }
            Ok(())
        }

        #[async_trait::async_trait]
        impl $crate::statistics::ImportSession for ImportTx {
            async fn start_table(
                &mut self,
                dataset: &samenhang_domain::statistics::Dataset,
                measures: &[samenhang_domain::statistics::Measure],
                codes: &[samenhang_domain::statistics::DimensionCode],
                groups: &[samenhang_domain::statistics::CodeGroup],
                content_hash: &str,
            ) -> Result<(), $crate::StoreError> {
                use sqlx::QueryBuilder;
                let tx = &mut self.tx;
                sqlx::query("DELETE FROM waarneming WHERE reeks_id IN (SELECT id FROM reeks WHERE bron_id = $1)")
                    .bind(&dataset.id)
                    .execute(&mut **tx)
                    .await?;
                for table in ["reeks", "maatstaf", "dimensiecode", "dimensiegroep", "bron"] {
                    let column = if table == "bron" { "id" } else { "bron_id" };
                    sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
                        .bind(&dataset.id)
                        .execute(&mut **tx)
                        .await?;
                }
                sqlx::query(
                    "INSERT INTO bron (id, tabel, titel, omschrijving, gewijzigd, licentie, herkomst, formaat, inhoud_hash, aantal_waarnemingen, geladen_op) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)",
                )
                .bind(&dataset.id)
                .bind(&dataset.table)
                .bind(&dataset.title)
                .bind(&dataset.description)
                .bind(&dataset.modified)
                .bind(&dataset.licence)
                .bind(&dataset.source)
                .bind(&dataset.format)
                .bind(content_hash)
                .bind($crate::now())
                .execute(&mut **tx)
                .await?;
                for chunk in measures.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> =
                        QueryBuilder::new("INSERT INTO maatstaf (bron_id, code, titel, eenheid, decimalen, omschrijving, groep) ");
                    b.push_values(chunk, |mut row, m| {
                        row.push_bind(dataset.id.clone())
                            .push_bind(m.code.clone())
                            .push_bind(m.title.clone())
                            .push_bind(m.unit.clone())
                            .push_bind(m.decimals.map(i32::from))
                            .push_bind(m.description.clone())
                            .push_bind(m.group.clone());
                    });
                    b.build().execute(&mut **tx).await?;
                }
                for chunk in codes.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO dimensiecode (bron_id, dimensie, code, titel, omschrijving, status, groep) ",
                    );
                    b.push_values(chunk, |mut row, c| {
                        row.push_bind(dataset.id.clone())
                            .push_bind(c.dimension.clone())
                            .push_bind(c.code.clone())
                            .push_bind(c.title.clone())
                            .push_bind(c.description.clone())
                            .push_bind(c.status.clone())
                            .push_bind(c.group.clone());
                    });
                    b.build().execute(&mut **tx).await?;
                }
                for chunk in groups.chunks($crate::CHUNK) {
                    let mut b: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO dimensiegroep (bron_id, dimensie, id, ouder, titel, omschrijving) ",
                    );
                    b.push_values(chunk, |mut row, g| {
                        row.push_bind(dataset.id.clone())
                            .push_bind(g.dimension.clone())
                            .push_bind(g.id.clone())
                            .push_bind(g.parent.clone())
                            .push_bind(g.title.clone())
                            .push_bind(g.description.clone());
                    });
                    b.build().execute(&mut **tx).await?;
                }
                self.current = Some(dataset.id.clone());
                self.series.clear();
                Ok(())
            }

            async fn insert(
                &mut self,
                batch: &[samenhang_domain::statistics::Observation],
            ) -> Result<(), $crate::StoreError> {
                let id = self.current()?.to_string();
                self.texts.learn(batch);
                let ImportTx { tx, series, texts, .. } = self;
                let texts = &*texts;
                // A chunk's statement, with the series it meets for the first time. The next
                // statement is built while the previous one runs on the connection (SQLite's
                // runs on a thread of its own): preparing and inserting overlap.
                let mut build = |n: usize| -> Result<Option<(sqlx::QueryBuilder<'_, $db>, Vec<(i64, String, String)>)>, $crate::StoreError> {
                    let start = n * $crate::OBSERVATION_CHUNK;
                    let Some(chunk) = batch.get(start..batch.len().min(start + $crate::OBSERVATION_CHUNK)).filter(|c| !c.is_empty()) else {
                        return Ok(None);
                    };
                    let (ids, new) = series.ids(&id, chunk);
                    let rows = chunk
                        .iter()
                        .zip(ids)
                        .map(|(o, series)| texts.of(o).map(|(region, period)| (o, series, region, period)))
                        .collect::<Result<Vec<_>, _>>()?;
                    let mut b: sqlx::QueryBuilder<$db> =
                        sqlx::QueryBuilder::new(concat!($insert, " waarneming (reeks_id, gebied, periode, waarde, status) "));
                    b.push_values(rows, |mut row, (o, series, region, period)| {
                        row.push_bind(series)
                            .push_bind(region)
                            .push_bind(period)
                            .push_bind(o.value)
                            .push_bind(o.status.code());
                    });
                    // A key met twice inserts fewer rows than were sent; the importer then
                    // finds which observation it was and where it came from.
                    b.push($ignore_duplicates);
                    Ok(Some((b, new)))
                };
                let mut next = build(0)?;
                let mut n = 0;
                while let Some((mut current, new)) = next.take() {
                    insert_series(&mut *tx, &id, &new).await?;
                    let (done, following) =
                        futures_util::future::join(current.build().execute(&mut **tx), async { build(n + 1) }).await;
                    let first = n * $crate::OBSERVATION_CHUNK;
                    let sent = batch.len().min(first + $crate::OBSERVATION_CHUNK) - first;
                    if done?.rows_affected() != sent as u64 {
                        return Err($crate::StoreError::Duplicate($crate::statistics::ObservationKey {
                            first,
                            end: first + sent,
                        }));
                    }
                    next = following?;
                    n += 1;
                }
                Ok(())
            }

            async fn finish_table(&mut self, observations: u64) -> Result<(), $crate::StoreError> {
                let id = self.current()?.to_string();
                sqlx::query("UPDATE bron SET aantal_waarnemingen = $1, geladen_op = $2 WHERE id = $3")
                    .bind(i64::try_from(observations).unwrap_or(i64::MAX))
                    .bind($crate::now())
                    .bind(&id)
                    .execute(&mut *self.tx)
                    .await?;
                self.current = None;
                Ok(())
            }

            async fn commit(mut self: Box<Self>) -> Result<(), $crate::StoreError> {
                bump_counter(&mut self.tx, "cijfers").await?;
                self.tx.commit().await?;
                Ok(())
            }
        }

    };
}
