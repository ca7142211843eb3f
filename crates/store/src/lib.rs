// SPDX-License-Identifier: EUPL-1.2
//! Storage for Samenhang: one [`Store`] trait, two implementations.
//!
//! Layout:
//! - this file: the [`Store`] trait, its query and result types, [`StoreError`] and [`connect`],
//!   which picks the backend from the database URL;
//! - [`sqlite`]: the embedded default, one file in the data directory, WAL mode;
//! - [`postgres`]: the scale-out path, for `postgres://…` URLs;
//! - [`registers`]: accounts, access and register records (trait [`registers::RegisterStore`],
//!   a supertrait of [`Store`]), with the caller's visibility filter in every read;
//! - `shared.rs`: the SQL both backends run, written once with `$N` placeholders and
//!   instantiated per backend by a macro, because sqlx has no object-safe executor that spans
//!   both without `sqlx::Any`.
//!
//! Each backend has its own migrations (`migrations/sqlite`, `migrations/postgres`), run by
//! [`connect`]. Loads are transactional: a failed load leaves the database as it was.
//! This crate depends on the domain crate only; it never reads source files.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use samenhang_domain::codes::{MunicipalityCode, RegionCode, RegionKind};
use samenhang_domain::statistics::{CodeGroup, Dataset, DimensionCode, Measure, Observation};
use samenhang_domain::{Membership, Region, RegionRegistry, Reorganisation, ReorganisationKind};

#[macro_use]
mod shared;
#[macro_use]
pub mod registers;
pub mod postgres;
pub mod sqlite;

/// Why a storage call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or a statement failed.
    #[error("databasefout: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migratie mislukt: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database holds a value the domain does not accept.
    #[error("onverwachte waarde in de database: {0}")]
    Corrupt(String),
    /// The database URL is not one we support.
    #[error("database-URL niet ondersteund: '{0}' (gebruik sqlite://… of postgres://…)")]
    UnsupportedUrl(String),
    /// The region registry is already loaded.
    #[error("de gebiedsindeling is al geladen")]
    AlreadyLoaded,
    /// Someone else changed the record since it was read (optimistic locking).
    #[error("het record is intussen gewijzigd (versie {current})")]
    Conflict {
        /// The version now stored.
        current: i64,
    },
    /// A record with that id or key already exists.
    #[error("bestaat al: {0}")]
    Exists(String),
    /// The record to change does not exist.
    #[error("bestaat niet: {0}")]
    Missing(String),
}

/// A page of results with the total count over all pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Number of items over all pages.
    pub total: u64,
}

/// Paging: 1-based page number and page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
}

impl Paging {
    fn offset(self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.page_size)
    }
}

/// Filters for listing regions.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionQuery {
    /// Only regions of this kind.
    pub kind: Option<RegionKind>,
    /// Only regions that exist in this year's classification (1 January); also the year used
    /// for names and for `within`.
    pub year: Option<i32>,
    /// Only regions that lie in (or, for non-gemeenten, overlap) this region in `year`.
    pub within: Option<(RegionCode, i32)>,
    /// Case- and accent-insensitive substring of the name or code.
    pub search: Option<String>,
    /// Which page.
    pub paging: Paging,
}

/// Filters for listing herindelingen.
#[derive(Debug, Clone, PartialEq)]
pub struct ReorganisationQuery {
    /// Only events in this calendar year.
    pub year: Option<i32>,
    /// Only events involving this gemeente.
    pub municipality: Option<MunicipalityCode>,
    /// Only events of this kind.
    pub kind: Option<ReorganisationKind>,
    /// Which page.
    pub paging: Paging,
}

/// Counts for `samenhang check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Backend name.
    pub backend: &'static str,
    /// Regions per kind.
    pub regions_per_kind: Vec<(RegionKind, u64)>,
    /// Membership rows.
    pub memberships: u64,
    /// First and last membership year.
    pub years: Option<(i32, i32)>,
    /// Herindelingen.
    pub reorganisations: u64,
}

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

/// A begrippenkader as stored: its graph as N-Triples lines, with their subjects.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVocabulary {
    /// Short id.
    pub id: String,
    /// IRI of the scheme.
    pub iri: String,
    /// Title.
    pub title: String,
    /// Where it was loaded from.
    pub source: String,
    /// SHA-256 of the loaded file.
    pub content_hash: String,
    /// When it was loaded.
    pub loaded_at: chrono::DateTime<chrono::Utc>,
    /// (subject, N-Triples line).
    pub triples: Vec<(String, String)>,
}

/// One version of a concept.
#[derive(Debug, Clone, PartialEq)]
pub struct ConceptVersion {
    /// Version number, from 1.
    pub version: i64,
    /// Who made it.
    pub by: String,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// What changed.
    pub change: String,
    /// The concept's triples after the change (N-Triples).
    pub triples: String,
}

/// A measure with the dataset it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMeasure {
    /// Dataset id.
    pub dataset: String,
    /// The measure.
    pub measure: Measure,
}

/// An import of one dataset version, inside one transaction. Dropping it without
/// [`ImportSession::commit`] rolls everything back, so the previous version stays.
#[async_trait]
pub trait ImportSession: Send {
    /// Adds observations.
    async fn insert(&mut self, batch: &[Observation]) -> Result<(), StoreError>;
    /// Makes the new version visible, replacing the old one.
    async fn commit(self: Box<Self>, observations: u64) -> Result<(), StoreError>;
}

/// Everything the application stores. Handlers hold an `Arc<dyn Store>`.
#[async_trait]
pub trait Store: registers::RegisterStore + Send + Sync + 'static {
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    /// Whether the region registry has been loaded.
    async fn regions_loaded(&self) -> Result<bool, StoreError>;

    /// Loads the region registry into an empty database, in one transaction.
    async fn load_regions(&self, registry: &RegionRegistry, source: &str) -> Result<(), StoreError>;

    /// Lists regions.
    async fn list_regions(&self, query: &RegionQuery) -> Result<Page<Region>, StoreError>;

    /// One region.
    async fn region(&self, code: RegionCode) -> Result<Option<Region>, StoreError>;

    /// Names of the given regions (codes not found are left out).
    async fn region_names(&self, codes: &[RegionCode]) -> Result<HashMap<RegionCode, String>, StoreError>;

    /// A gemeente's membership in every year, oldest first.
    async fn memberships_of(&self, municipality: MunicipalityCode) -> Result<Vec<Membership>, StoreError>;

    /// The gemeenten that lie in `region` in `year`, by code.
    async fn members_of(&self, region: RegionCode, year: i32) -> Result<Vec<Membership>, StoreError>;

    /// Lists herindelingen, oldest first.
    async fn list_reorganisations(&self, query: &ReorganisationQuery) -> Result<Page<Reorganisation>, StoreError>;

    /// One herindeling.
    async fn reorganisation(&self, id: &str) -> Result<Option<Reorganisation>, StoreError>;

    /// All herindelingen involving a gemeente, oldest first.
    async fn reorganisations_of(&self, municipality: MunicipalityCode) -> Result<Vec<Reorganisation>, StoreError>;

    /// All herindelingen, oldest first (to build the lineage at start-up).
    async fn all_reorganisations(&self) -> Result<Vec<Reorganisation>, StoreError>;

    /// Counts for a health summary.
    async fn summary(&self) -> Result<Summary, StoreError>;

    /// Every region code in the registry.
    async fn region_codes(&self) -> Result<Vec<RegionCode>, StoreError>;

    /// The content hash (version) of a loaded dataset.
    async fn dataset_hash(&self, id: &str) -> Result<Option<String>, StoreError>;

    /// Starts replacing dataset `dataset.id` with a new version: removes the old version and
    /// stores the metadata, all inside one transaction that the session commits.
    async fn begin_import(
        &self,
        dataset: &Dataset,
        measures: &[Measure],
        codes: &[DimensionCode],
        groups: &[CodeGroup],
        content_hash: &str,
    ) -> Result<Box<dyn ImportSession>, StoreError>;

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

    /// The content hash of a loaded begrippenkader.
    async fn vocabulary_hash(&self, id: &str) -> Result<Option<String>, StoreError>;

    /// Loads (or replaces) a begrippenkader in one transaction, and records version 1 of every
    /// concept that has no history yet (`initial`: concept IRI and its N-Triples).
    #[allow(clippy::too_many_arguments)]
    async fn load_vocabulary(
        &self,
        id: &str,
        iri: &str,
        title: &str,
        source: &str,
        content_hash: &str,
        triples: &[(String, String)],
        initial: &[(String, String)],
    ) -> Result<(), StoreError>;

    /// Every begrippenkader with its triples.
    async fn vocabularies(&self) -> Result<Vec<StoredVocabulary>, StoreError>;

    /// Replaces the triples of `subjects` with `triples` and records a new version of
    /// `concept`, if its current version is `expected`; else [`StoreError::Conflict`].
    /// Returns the new version.
    #[allow(clippy::too_many_arguments)]
    async fn save_concept(
        &self,
        vocabulary: &str,
        concept: &str,
        subjects: &[String],
        triples: &[(String, String)],
        expected: i64,
        by: &str,
        change: &str,
    ) -> Result<i64, StoreError>;

    /// The versions of a concept, oldest first.
    async fn concept_versions(&self, vocabulary: &str, concept: &str) -> Result<Vec<ConceptVersion>, StoreError>;

    /// The current version of every concept of a begrippenkader: (concept IRI, version).
    async fn concept_version_numbers(&self, vocabulary: &str) -> Result<Vec<(String, i64)>, StoreError>;
}

/// Opens the database named by `url` (`sqlite://path` or `postgres://…`) and runs its migrations.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url).await?))
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        Ok(Arc::new(sqlite::SqliteStore::open(std::path::Path::new(path)).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_string()))
    }
}

fn parse_code(s: &str) -> Result<RegionCode, StoreError> {
    RegionCode::parse(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn parse_municipality(s: &str) -> Result<MunicipalityCode, StoreError> {
    MunicipalityCode::parse(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_pattern(needle: &str) -> String {
    let mut out = String::from("%");
    for c in samenhang_domain::region::fold_for_search(needle).chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}
