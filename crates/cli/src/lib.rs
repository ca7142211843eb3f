// SPDX-License-Identifier: EUPL-1.2
//! The `samenhang` application: configuration, first-start loading of the shipped snapshot, and
//! the commands (`serve`, `check`, `export`).
//!
//! Layout:
//! - [`Config`]: where the data directory, the database and the shipped snapshot are;
//! - [`open_store`]: opens the database and, when it is empty, loads the shipped region
//!   registry: the files are read and checked *before* anything is written, and the load is
//!   one transaction, so a bad file leaves the database as it was;
//! - [`accounts`]: `gebruiker …`: the first beheerder, roles of existing users, API keys;
//! - [`begrippen`]: begrippenkaders (Turtle) into the store, checked whole first;
//! - [`import`]: CBS tables into the store, streaming, in one transaction per table;
//! - [`mail`]: the outbox of invitations and reset links: SMTP, or files in the data directory;
//! - [`check`] and [`export_regions`]: the `check` and `export` commands.
//!
//! This is the only crate that wires readers (`samenhang-statline`) to the store.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use samenhang_domain::{RegionKind, RegionRegistry};
use samenhang_store::Store;

pub mod accounts;
pub mod begrippen;
pub mod import;
pub mod mail;
pub mod verslag;

/// Where things are.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data directory (holds the SQLite database by default).
    pub data_dir: PathBuf,
    /// Database URL; `None` means SQLite in the data directory.
    pub database_url: Option<String>,
    /// The shipped snapshot (the project's `data/`).
    pub snapshot_dir: PathBuf,
    /// Whether the first start loads the shipped CBS tables too (not only the regions).
    pub load_cbs_tables: bool,
}

/// File name of the default SQLite database inside the data directory.
pub const SQLITE_FILE: &str = "samenhang.db";

impl Config {
    /// The database URL in effect.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.sqlite_path().display()))
    }

    fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join(SQLITE_FILE)
    }

    /// Whether the database is the default SQLite file and that file does not exist yet.
    fn fresh_default_database(&self) -> bool {
        self.database_url.is_none() && !self.sqlite_path().exists()
    }
}

/// The default snapshot directory: `./data` when it holds the region files (a checkout),
/// otherwise the `data/` of the source tree this binary was built from.
pub fn default_snapshot_dir() -> PathBuf {
    let local = PathBuf::from("data");
    if local.join(samenhang_statline::regions::CODE_LIST).exists() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Reads the shipped region files and assembles the registry. Every fault names its file.
pub fn read_registry(snapshot_dir: &Path) -> anyhow::Result<RegionRegistry> {
    let sources = samenhang_statline::regions::read_dir(snapshot_dir)
        .map_err(|e| anyhow::anyhow!("de gebiedsindeling kon niet worden gelezen: {e}"))?;
    RegionRegistry::build(sources).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
        anyhow::anyhow!(
            "de gebiedsindeling in {} klopt niet:\n{}",
            snapshot_dir.display(),
            list.join("\n")
        )
    })
}

/// Opens the database, runs its migrations and, when it holds no regions yet, loads the shipped
/// region registry in one transaction. The files are read before the database is created or
/// written, so a bad file aborts start-up and leaves the database untouched.
pub async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    // A new default database: check the snapshot before the file is even created.
    let registry = if config.fresh_default_database() {
        Some(read_registry(&config.snapshot_dir)?)
    } else {
        None
    };
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("kan de datamap {} niet aanmaken", config.data_dir.display()))?;
    }
    let store = samenhang_store::connect(&config.database_url())
        .await
        .with_context(|| format!("kan de database {} niet openen", redact(&config.database_url())))?;
    if !store.regions_loaded().await? {
        let registry = match registry {
            Some(r) => r,
            None => read_registry(&config.snapshot_dir)?,
        };
        store
            .load_regions(&registry, &config.snapshot_dir.display().to_string())
            .await
            .context("de gebiedsindeling kon niet worden geladen")?;
        tracing::info!(
            regions = registry.regions.len(),
            memberships = registry.memberships.len(),
            herindelingen = registry.reorganisations.len(),
            "gebiedsindeling geladen"
        );
    }
    begrippen::load_missing(store.as_ref(), &config.snapshot_dir)
        .await
        .context("het meegeleverde begrippenkader kon niet worden geladen")?;
    if config.load_cbs_tables {
        import::load_missing_snapshot_tables(store.as_ref(), &config.snapshot_dir)
            .await
            .context("de meegeleverde CBS-tabellen konden niet worden geladen")?;
    }
    Ok(store)
}

/// File name of the indicator registry inside the snapshot directory.
pub const INDICATORS: &str = "indicatoren.toml";

/// Reads the indicator registry (`indicatoren.toml`) from the snapshot directory.
pub fn read_indicators(snapshot_dir: &Path) -> anyhow::Result<samenhang_stats::Registry> {
    let path = snapshot_dir.join(INDICATORS);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("kan de indicatoren niet lezen uit {}", path.display()))?;
    samenhang_stats::Registry::parse(&text, &path.display().to_string())
        .map_err(|e| anyhow::anyhow!("de indicatoren kloppen niet: {e}"))
}

/// The boundary files the maps are drawn from, inside the snapshot directory.
pub const BOUNDARY_FILES: &[&str] = &[
    "geo/gemeente_2025_rd.geojson",
    "geo/arbeidsmarktregio_2025_rd_dissolved.geojson",
    "geo/provincie_2025_rd_dissolved.geojson",
];

/// Reads the region boundaries for the maps (RD New GeoJSON in `geo/`).
pub fn read_boundaries(snapshot_dir: &Path) -> anyhow::Result<Vec<samenhang_domain::geo::Boundary>> {
    let mut all = Vec::new();
    for name in BOUNDARY_FILES {
        let path = snapshot_dir.join(name);
        let file =
            std::fs::File::open(&path).with_context(|| format!("kan de grenzen niet lezen uit {}", path.display()))?;
        let boundaries =
            samenhang_statline::geo::read_boundaries(std::io::BufReader::new(file), &path.display().to_string())?;
        all.extend(boundaries);
    }
    Ok(all)
}

/// The look of the web pages: a token stylesheet and the class that switches it on.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Path of the municipality's token stylesheet; `None` for the neutral theme.
    pub css: Option<PathBuf>,
    /// The theme class on `<body>`.
    pub class: Option<String>,
}

/// The application `serve` runs: the store (initialised on first start), the indicators and
/// the read-mostly views built from them.
pub async fn app(config: &Config) -> anyhow::Result<samenhang_app::App> {
    let registry = read_indicators(&config.snapshot_dir)?;
    let tables = read_sroi_tables(&config.snapshot_dir)?;
    let norms = read_pso_norms(&config.snapshot_dir)?;
    let store = open_store(config).await?;
    let outbox = mail::outbox(&mail::MailSettings::default(), &config.data_dir)?;
    Ok(samenhang_app::App::new(store, registry)
        .await?
        .with_sroi_tables(tables)
        .with_pso_norms(norms)
        .with_outbox(outbox))
}

/// `samenhang backup FILE`: everything the database holds, in one file. The database is opened
/// as it is (not created, not migrated); the file is written as `FILE.deels`, flushed to disk,
/// and only then renamed to `FILE`.
pub async fn backup(config: &Config, path: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let store = samenhang_store::connect_existing(&config.database_url())
        .await
        .with_context(|| format!("kan de database {} niet openen", redact(&config.database_url())))?;
    let mut partial = path.as_os_str().to_owned();
    partial.push(".deels");
    let partial = PathBuf::from(partial);
    let written = write_backup(store.as_ref(), &partial).await;
    let manifest = match written {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, path).with_context(|| format!("kan {} niet opslaan", path.display()))?;
    let rows: u64 = manifest.tabellen.iter().map(|t| t.rijen).sum();
    writeln!(
        out,
        "backup geschreven naar {}: {} tabellen, {rows} rijen (uit {})",
        path.display(),
        manifest.tabellen.len(),
        store.backend()
    )?;
    Ok(())
}

/// Writes a backup of `store` to a new file at `path`, on disk when this returns.
async fn write_backup(store: &dyn Store, path: &Path) -> anyhow::Result<samenhang_registers::backup::Manifest> {
    let file = std::fs::File::create(path).with_context(|| format!("kan {} niet maken", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    let manifest = samenhang_app::backup::backup(store, &mut w)
        .await
        .map_err(|e| anyhow::anyhow!("de backup is niet gemaakt: {e}"))?;
    let file = w
        .into_inner()
        .map_err(|e| anyhow::anyhow!("kan {} niet schrijven: {e}", path.display()))?;
    file.sync_all()
        .with_context(|| format!("kan {} niet naar de schijf schrijven", path.display()))?;
    Ok(manifest)
}

/// `samenhang restore FILE [--vervang]`: a backup into an empty database (or replacing one,
/// after keeping it as a restore point in the data directory).
pub async fn restore(config: &Config, path: &Path, replace: bool, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("kan de datamap {} niet aanmaken", config.data_dir.display()))?;
    let store = samenhang_store::connect(&config.database_url())
        .await
        .with_context(|| format!("kan de database {} niet openen", redact(&config.database_url())))?;
    let point = config.data_dir.join(format!(
        "herstelpunt-{}.samenhang-backup",
        chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
    ));
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|e| format!("kan {} niet openen: {e}", path.display()))
    };
    let keep = || {
        std::fs::File::create(&point)
            .map(std::io::BufWriter::new)
            .map_err(|e| format!("kan het herstelpunt {} niet maken: {e}", point.display()))
    };
    let done = samenhang_app::backup::restore(store.as_ref(), open, replace, keep)
        .await
        .map_err(|e| anyhow::anyhow!("er is niets hersteld: {}: {e}", path.display()))?;
    writeln!(
        out,
        "hersteld in {}: {} rijen uit {} (gemaakt op {}, uit {})",
        store.backend(),
        done.rows,
        path.display(),
        done.summary.header.gemaakt,
        done.summary.header.bron
    )?;
    if done.restore_point.is_some() {
        writeln!(out, "wat er stond, is bewaard als herstelpunt: {}", point.display())?;
    }
    Ok(())
}

/// The PSO norms shipped in the snapshot directory (`sroi/pso-normen.toml`); none when a
/// snapshot has no such file (a company's measured share is then not judged).
pub fn read_pso_norms(snapshot_dir: &Path) -> anyhow::Result<Vec<samenhang_domain::sroi::PsoNorm>> {
    let path = snapshot_dir.join("sroi/pso-normen.toml");
    if !path.exists() {
        tracing::info!(pad = %path.display(), "geen PSO-normen");
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("kan de PSO-normen niet lezen uit {}", path.display()))?;
    samenhang_registers::sroi::read_pso_norms(&text, "sroi/pso-normen.toml")
        .map_err(|e| anyhow::anyhow!("de PSO-normen kloppen niet: {e}"))
}

/// The SROI valuation tables shipped in the snapshot directory (`sroi/waarderingstabellen.toml`);
/// none when a snapshot has no such file (obligations then show that no table applies).
pub fn read_sroi_tables(snapshot_dir: &Path) -> anyhow::Result<Vec<samenhang_domain::sroi::ValuationTable>> {
    let path = snapshot_dir.join("sroi/waarderingstabellen.toml");
    if !path.exists() {
        tracing::info!(pad = %path.display(), "geen waarderingstabellen voor social return");
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("kan de waarderingstabellen niet lezen uit {}", path.display()))?;
    samenhang_registers::sroi::read_valuation_tables(&text, "sroi/waarderingstabellen.toml")
        .map_err(|e| anyhow::anyhow!("de waarderingstabellen kloppen niet: {e}"))
}

/// The look of the pages: the map shapes and a municipality's own theme, if any.
pub fn web(config: &Config, theme: &Theme) -> anyhow::Result<samenhang_server::web::Web> {
    let boundaries = read_boundaries(&config.snapshot_dir)?;
    let mut web = samenhang_server::web::Web::new(&boundaries);
    if let Some(path) = &theme.css {
        let css = std::fs::read_to_string(path)
            .with_context(|| format!("kan het thema niet lezen uit {}", path.display()))?;
        let class = theme.class.clone().unwrap_or_else(|| "samenhang-theme".into());
        if class.is_empty() || !class.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            anyhow::bail!("de themaklasse '{class}' mag alleen letters, cijfers, - en _ bevatten");
        }
        web = web.with_theme(css, class);
    } else if theme.class.is_some() {
        anyhow::bail!("--thema-klasse werkt alleen samen met --thema-css");
    }
    Ok(web)
}

/// Loads the shipped example data (`data/voorbeeld/twente.json`). Returns the number of records
/// added (0 when they were there already). Refuses a database with real records.
pub async fn load_examples(config: &Config, app: &samenhang_app::App) -> anyhow::Result<usize> {
    let path = config.snapshot_dir.join("voorbeeld").join("twente.json");
    let bytes =
        std::fs::read(&path).with_context(|| format!("kan de voorbeeldgegevens niet lezen uit {}", path.display()))?;
    let examples = samenhang_registers::read_examples(&bytes).map_err(|e| anyhow::anyhow!("voorbeeldgegevens: {e}"))?;
    samenhang_app::examples::load(app, &examples)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Hides a password in a database URL before it is shown.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `samenhang check`: validates the snapshot and the database and writes a summary to `out`.
/// Fails when either is wrong.
pub async fn check(config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let registry = read_registry(&config.snapshot_dir)?;
    let in_2026 = |kind: RegionKind| {
        registry
            .regions
            .iter()
            .filter(|r| r.kind() == kind && r.exists_in_year(2026))
            .count()
    };
    writeln!(out, "Gegevensmap {}: in orde", config.snapshot_dir.display())?;
    writeln!(
        out,
        "  {} gebieden, {} lidmaatschappen (2010–2026), {} herindelingen",
        registry.regions.len(),
        registry.memberships.len(),
        registry.reorganisations.len()
    )?;
    writeln!(
        out,
        "  2026: {} gemeenten, {} arbeidsmarktregio's, {} COROP-gebieden, {} provincies",
        in_2026(RegionKind::Gemeente),
        in_2026(RegionKind::Arbeidsmarktregio),
        in_2026(RegionKind::Corop),
        in_2026(RegionKind::Provincie)
    )?;
    if config.fresh_default_database() {
        writeln!(
            out,
            "Database {}: bestaat nog niet; `samenhang serve` maakt haar aan en laadt de gegevens",
            redact(&config.database_url())
        )?;
        return Ok(());
    }
    let store = samenhang_store::connect(&config.database_url())
        .await
        .with_context(|| format!("kan de database {} niet openen", redact(&config.database_url())))?;
    let summary = store.summary().await?;
    writeln!(
        out,
        "Database {} ({}):",
        redact(&config.database_url()),
        summary.backend
    )?;
    for (kind, n) in &summary.regions_per_kind {
        writeln!(out, "  {kind}: {n}")?;
    }
    writeln!(out, "  lidmaatschappen: {}", summary.memberships)?;
    writeln!(out, "  herindelingen: {}", summary.reorganisations)?;
    if summary.memberships == 0 {
        writeln!(out, "  (leeg: `samenhang serve` laadt de gegevens bij de eerste start)")?;
        return Ok(());
    }
    if summary.memberships as usize != registry.memberships.len()
        || summary.reorganisations as usize != registry.reorganisations.len()
    {
        bail!("de database wijkt af van de gegevensmap: laad de gegevens opnieuw in een lege database");
    }
    writeln!(out, "Database: in orde")?;
    Ok(())
}

/// `samenhang export gebieden`: every gemeente's membership per year as CSV.
pub async fn export_regions(store: &dyn Store, out: &mut impl Write) -> anyhow::Result<()> {
    use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
    writeln!(out, "jaar,gemeente,naam,arbeidsmarktregio,corop,provincie")?;
    for year in FIRST_CLASSIFICATION_YEAR..=LAST_CLASSIFICATION_YEAR {
        for m in store.members_of(samenhang_domain::RegionCode::Nederland, year).await? {
            writeln!(
                out,
                "{},{},{},{},{},{}",
                m.year,
                m.municipality,
                csv_field(&m.name),
                m.labour_market_region.map(|c| c.to_string()).unwrap_or_default(),
                m.corop,
                m.province
            )?;
        }
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
