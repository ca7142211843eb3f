// SPDX-License-Identifier: EUPL-1.2
//! Samenhang's application layer: the use-cases, for the API, the web pages and the command
//! line alike. It takes the caller as a [`Principal`], asks the store, and returns domain or view
//! types or an [`AppError`]; it knows nothing of HTTP, HTML or OpenAPI (no axum, maud or utoipa).
//!
//! Layout:
//! - [`App`] (this file): the store and the read-mostly views (statistics snapshot,
//!   begrippenkader view, herindelingen lineage), swapped whole when another process changes
//!   the figures or the begrippenkader ([`App::refresh_if_changed`]);
//! - [`kinds`]: the one list of register kinds ([`kinds::KINDS`]); a kind is its domain spec
//!   plus a check;
//! - [`records`]: list, show, create, update and delete of a record of any kind, with access,
//!   optimistic locking, reference checks on the ids a draft names, and hidden references kept;
//! - [`input`]: what a request, a form or a CSV cell says, turned into a draft: JSON checks per
//!   field type, Dutch numbers and dates, names resolved to ids; and the other way for display;
//! - [`csv`]: import and export of every kind in the Dutch Excel format;
//! - [`accounts`]: login with its limits, sessions, API keys, users, roles and organisations;
//! - [`oidc`]: logging in with an OpenID Connect provider: the user by issuer and subject, roles
//!   from the provider's groups;
//! - [`links`]: invitations and password resets by one-time link, and the [`links::Outbox`]
//!   their mail goes through;
//! - [`analyses`]: the coherence analyses, goal progress, "welke regelingen passen?" and the
//!   theme page;
//! - [`ondernemers`]: one view of a company, overdue follow-up, what entrepreneurs need and the
//!   visit coverage, near-duplicate companies and their merge, a contact person's export, review
//!   and erasure;
//! - [`examples`]: the example data behind `--voorbeelddata`;
//! - [`figures`]: the source line of figures;
//! - [`own_figures`]: the region's own figures: upload and download of an own indicator's CSV;
//! - [`search`]: search over the register records the caller may read;
//! - [`backup`]: backup and restore of the whole database, from either backend to either;
//! - [`sroi`]: the realisation of an SROI obligation from its contributions;
//! - [`views`]: the begrippenkader view and the building of the statistics snapshot.
//!
//! Depends on the domain, store, stats, vocab, search and registers crates.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use samenhang_domain::Lineage;
use samenhang_stats::{Registry, Snapshot};
use samenhang_store::prelude::*;

pub mod accounts;
pub mod analyses;
pub mod backup;
pub mod csv;
pub mod error;
pub mod examples;
pub mod figures;
pub mod input;
pub mod kinds;
pub mod links;
pub mod oidc;
pub mod ondernemers;
pub mod own_figures;
pub mod records;
pub mod search;
pub mod sroi;
pub mod verslagen;
pub mod views;

pub use error::AppError;
pub use samenhang_domain::access::Principal;
pub use views::VocabView;

/// The application: the store and the read-mostly views. Cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    lineage: Arc<Lineage>,
    snapshot: RwLock<Arc<Snapshot>>,
    vocab: RwLock<Arc<VocabView>>,
    /// The change counters the views were built at: (figures, begrippenkader, records).
    seen: Mutex<(i64, i64, i64)>,
    /// Bumped whenever a register record changes, through this server or (seen by
    /// [`App::refresh_if_changed`]) another process: what is derived from records may be kept
    /// while it stays the same.
    items_generation: AtomicU64,
    /// Bumped whenever a view is swapped.
    generation: AtomicU64,
    /// Bounds the password checks that run at once (argon2id takes ~19 MiB each).
    password_checks: tokio::sync::Semaphore,
    /// Whether the database holds the example data.
    examples: AtomicBool,
    /// Whether the begrippenkader may be edited without an account (`--lokaal-schrijven`).
    local_writes: AtomicBool,
    /// The SBI 2008 sections of the loaded CBS code lists.
    sbi: RwLock<Arc<Vec<(char, String)>>>,
    /// The SROI valuation tables shipped in `data/sroi/`.
    shipped_tables: RwLock<Arc<Vec<samenhang_domain::sroi::ValuationTable>>>,
    /// The valuation tables of the register (`waarderingstabel`), with their record ids.
    registered_tables: RwLock<Arc<Vec<(String, samenhang_domain::sroi::ValuationTable)>>>,
    /// Both together: what values contributions.
    sroi_tables: RwLock<Arc<Vec<samenhang_domain::sroi::ValuationTable>>>,
    /// The PSO norms per company size (`data/sroi/pso-normen.toml`).
    pso_norms: RwLock<Arc<Vec<samenhang_domain::sroi::PsoNorm>>>,
    /// Serialises the guarded writes of this server ([`kinds::Kind::exclusive`]); the store's
    /// lock does the same across servers.
    exclusive: tokio::sync::Mutex<()>,
    /// The search index of the register records and how far it follows the audit log; `None`
    /// until built (searches wait for it).
    search: Arc<tokio::sync::Mutex<Option<search::SearchState>>>,
    /// Where invitations and reset links are sent.
    outbox: RwLock<Arc<dyn links::Outbox>>,
    /// The address users reach the installation at, for the links in mail.
    public_url: RwLock<Arc<str>>,
    /// The OpenID Connect providers (none: local accounts only).
    oidc: RwLock<Arc<samenhang_oidc::Registry>>,
}

/// Held while a guarded write checks and saves (see [`App::exclusive`]).
#[derive(Debug)]
pub struct ExclusiveWrite<'a> {
    _here: tokio::sync::MutexGuard<'a, ()>,
    _database: samenhang_store::Exclusive,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("backend", &self.inner.store.backend())
            .finish()
    }
}

impl App {
    /// Builds the views from the store.
    pub async fn new(store: Arc<dyn Store>, registry: Registry) -> Result<App, AppError> {
        let seen = (
            store.figures_version().await?,
            store.vocabulary_version().await?,
            store.items_version().await?,
        );
        let events = store.all_reorganisations().await?;
        let lineage = Lineage::new(&events);
        let snapshot = views::build_snapshot(store.as_ref(), registry, lineage.clone()).await?;
        let vocab = VocabView::load(store.as_ref()).await?;
        let examples = examples::present(store.as_ref()).await?;
        let sbi = views::sbi_sections(store.as_ref()).await?;
        let app = App {
            inner: Arc::new(Inner {
                store,
                lineage: Arc::new(lineage),
                snapshot: RwLock::new(Arc::new(snapshot)),
                vocab: RwLock::new(Arc::new(vocab)),
                seen: Mutex::new(seen),
                generation: AtomicU64::new(0),
                items_generation: AtomicU64::new(0),
                password_checks: tokio::sync::Semaphore::new(accounts::PASSWORD_CHECKS),
                examples: AtomicBool::new(examples),
                local_writes: AtomicBool::new(false),
                sbi: RwLock::new(Arc::new(sbi)),
                shipped_tables: RwLock::new(Arc::new(Vec::new())),
                registered_tables: RwLock::new(Arc::new(Vec::new())),
                sroi_tables: RwLock::new(Arc::new(Vec::new())),
                pso_norms: RwLock::new(Arc::new(Vec::new())),
                exclusive: tokio::sync::Mutex::new(()),
                search: Arc::new(tokio::sync::Mutex::new(None)),
                outbox: RwLock::new(Arc::new(links::NoOutbox)),
                public_url: RwLock::new(Arc::from("http://localhost:8080")),
                oidc: RwLock::new(Arc::new(samenhang_oidc::Registry::none())),
            }),
        };
        app.reload_sroi_tables().await?;
        // The search index is built in the background: the server serves at once, a search
        // (or a write) waits until it is there.
        let mut slot = app.inner.search.clone().lock_owned().await;
        let builder = app.clone();
        tokio::spawn(async move {
            match search::build(&builder).await {
                Ok(index) => *slot = Some(index),
                Err(e) => tracing::error!(cause = %e, "de zoekindex kon niet worden gebouwd"),
            }
        });
        Ok(app)
    }

    /// Brings the search index up to date with the audit log (writes through this server and
    /// others).
    pub(crate) async fn refresh_search(&self) -> Result<(), AppError> {
        let mut guard = self.inner.search.lock().await;
        match guard.as_mut() {
            Some(state) => search::catch_up(self, state).await,
            None => Ok(()),
        }
    }

    /// Searches the register records, after catching up with the latest writes.
    pub(crate) async fn search_records(
        &self,
        who: &samenhang_search::records::Reader,
        s: &samenhang_search::records::Search,
    ) -> Result<samenhang_search::records::Found, AppError> {
        let index = {
            let mut guard = self.inner.search.lock().await;
            match guard.as_mut() {
                Some(state) => {
                    search::catch_up(self, state).await?;
                    state.index.clone()
                }
                None => return Ok(samenhang_search::records::Found::default()),
            }
        };
        index.search(who, s).map_err(|e| AppError::Internal(Box::new(e)))
    }

    /// For a kind of a guarded group ([`kinds::Kind::exclusive`]): its lock, here and in the
    /// database, held until the value is dropped; `None` for every other kind.
    pub async fn exclusive(&self, kind: &dyn kinds::Kind) -> Result<Option<ExclusiveWrite<'_>>, AppError> {
        let Some(scope) = kind.exclusive() else {
            return Ok(None);
        };
        Ok(Some(self.exclusive_scope(scope).await?))
    }

    /// The lock named `scope`, here and in the database, held until the value is dropped: for a
    /// check and the write it allows that must not interleave with another's.
    pub(crate) async fn exclusive_scope(&self, scope: &str) -> Result<ExclusiveWrite<'_>, AppError> {
        let here = self.inner.exclusive.lock().await;
        let database = self.inner.store.exclusive(scope).await?;
        Ok(ExclusiveWrite {
            _here: here,
            _database: database,
        })
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// The store, shared.
    pub fn store_arc(&self) -> Arc<dyn Store> {
        self.inner.store.clone()
    }

    /// The herindelingen lineage.
    pub fn lineage(&self) -> &Lineage {
        &self.inner.lineage
    }

    /// The current statistics snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        read(&self.inner.snapshot)
    }

    /// The current begrippenkader view.
    pub fn vocab(&self) -> Arc<VocabView> {
        read(&self.inner.vocab)
    }

    /// A number that changes whenever a register record changes (see `items_generation`).
    pub fn items_generation(&self) -> u64 {
        self.inner.items_generation.load(Ordering::Relaxed)
    }

    /// Notes that register records changed.
    pub(crate) fn items_changed(&self) {
        self.inner.items_generation.fetch_add(1, Ordering::Relaxed);
    }

    /// A number that changes whenever a view is swapped.
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::Relaxed)
    }

    /// The SBI 2008 sections (A–U) and their titles from the loaded CBS tables; empty when no
    /// table with an SBI dimension is loaded.
    pub fn sbi_sections(&self) -> Arc<Vec<(char, String)>> {
        read(&self.inner.sbi)
    }

    /// Whether the database holds the example data (every page then says so).
    pub fn has_examples(&self) -> bool {
        self.inner.examples.load(Ordering::Relaxed)
    }

    pub(crate) fn mark_examples(&self) {
        self.inner.examples.store(true, Ordering::Relaxed);
    }

    /// Whether the begrippenkader may be edited without an account.
    pub fn local_writes(&self) -> bool {
        self.inner.local_writes.load(Ordering::Relaxed)
    }

    /// Sends invitations and reset links through `outbox`.
    pub fn with_outbox(self, outbox: Arc<dyn links::Outbox>) -> App {
        write(&self.inner.outbox, outbox);
        self
    }

    /// Logs in with these OpenID Connect providers too.
    pub fn with_oidc(self, providers: samenhang_oidc::Registry) -> App {
        write(&self.inner.oidc, Arc::new(providers));
        self
    }

    /// The OpenID Connect providers.
    pub fn oidc(&self) -> Arc<samenhang_oidc::Registry> {
        read(&self.inner.oidc)
    }

    /// The outbox in effect.
    pub fn outbox(&self) -> Arc<dyn links::Outbox> {
        read(&self.inner.outbox)
    }

    /// Sets the address users reach the installation at (`https://samenhang.example.nl`), for
    /// the links in mail. Never taken from a request: a forged `Host` would send the reset link
    /// elsewhere.
    pub fn set_public_url(&self, url: &str) {
        write(&self.inner.public_url, Arc::from(url.trim_end_matches('/')));
    }

    /// The address users reach the installation at, without a trailing slash.
    pub fn public_url(&self) -> Arc<str> {
        read(&self.inner.public_url)
    }

    /// Allows editing the begrippenkader without an account (local use on one machine).
    pub fn with_local_writes(self, on: bool) -> App {
        self.inner.local_writes.store(on, Ordering::Relaxed);
        self
    }

    /// The SROI valuation tables: those shipped in `data/sroi/` and those of the register.
    pub fn sroi_tables(&self) -> Arc<Vec<samenhang_domain::sroi::ValuationTable>> {
        read(&self.inner.sroi_tables)
    }

    /// Sets the shipped valuation tables (from `data/sroi/`).
    pub fn with_sroi_tables(self, tables: Vec<samenhang_domain::sroi::ValuationTable>) -> App {
        write(&self.inner.shipped_tables, Arc::new(tables));
        self.combine_tables();
        self
    }

    /// The shipped valuation tables and the register's, with the changes applied: (record id,
    /// the table it will hold, or `None` when it is deleted). For a guard that compares the
    /// valuations before and after a write.
    pub fn sroi_tables_after(
        &self,
        changes: &[(String, Option<samenhang_domain::sroi::ValuationTable>)],
    ) -> Vec<samenhang_domain::sroi::ValuationTable> {
        let mut registered: Vec<(String, samenhang_domain::sroi::ValuationTable)> = read(&self.inner.registered_tables)
            .iter()
            .filter(|(id, _)| !changes.iter().any(|(c, _)| c == id))
            .cloned()
            .collect();
        registered.extend(changes.iter().filter_map(|(id, t)| t.clone().map(|t| (id.clone(), t))));
        let mut all = read(&self.inner.shipped_tables).as_ref().clone();
        all.extend(registered.into_iter().map(|(_, t)| t));
        all
    }

    /// The register's valuation tables, with their record ids.
    pub(crate) fn registered_sroi_tables(&self) -> Arc<Vec<(String, samenhang_domain::sroi::ValuationTable)>> {
        read(&self.inner.registered_tables)
    }

    /// The valuation tables other than the register record `except`.
    pub(crate) fn sroi_tables_except(&self, except: Option<&str>) -> Vec<samenhang_domain::sroi::ValuationTable> {
        match except {
            None => self.sroi_tables().as_ref().clone(),
            Some(id) => self.sroi_tables_after(&[(id.to_string(), None)]),
        }
    }

    /// Reads the register's valuation tables again (after a write to them here or elsewhere).
    pub async fn reload_sroi_tables(&self) -> Result<(), AppError> {
        let items = self
            .store()
            .all_items(samenhang_domain::valuation_tables::VALUATION_TABLE_SPEC.kind)
            .await?;
        let mut registered = Vec::with_capacity(items.len());
        for item in items {
            match serde_json::from_str::<samenhang_domain::valuation_tables::ValuationTableRecord>(&item.data) {
                Ok(r) => registered.push((item.id, r.table())),
                Err(e) => tracing::warn!(id = %item.id, cause = %e, "waarderingstabel niet te lezen"),
            }
        }
        write(&self.inner.registered_tables, Arc::new(registered));
        self.combine_tables();
        Ok(())
    }

    fn combine_tables(&self) {
        let all = self.sroi_tables_after(&[]);
        write(&self.inner.sroi_tables, Arc::new(all));
    }

    /// After records of `kind` were written here: what derives from them is rebuilt (the
    /// figures for own indicators, the valuation tables), and other servers learn of it
    /// through the change counters.
    pub(crate) async fn written(&self, kind: &dyn kinds::Kind) -> Result<(), AppError> {
        self.items_changed();
        self.refresh_search().await?;
        if kind.shapes_figures() {
            self.figures_changed().await?;
        }
        if kind.shapes_sroi_tables() {
            self.reload_sroi_tables().await?;
        }
        Ok(())
    }

    /// The PSO norms per company size.
    pub fn pso_norms(&self) -> Arc<Vec<samenhang_domain::sroi::PsoNorm>> {
        read(&self.inner.pso_norms)
    }

    /// Uses these PSO norms (read from `data/sroi/` at start).
    pub fn with_pso_norms(self, norms: Vec<samenhang_domain::sroi::PsoNorm>) -> App {
        write(&self.inner.pso_norms, Arc::new(norms));
        self
    }

    /// Swaps in a new begrippenkader view (after an edit through this server).
    pub fn set_vocab(&self, view: VocabView) {
        write(&self.inner.vocab, Arc::new(view));
        self.inner.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// Rebuilds the snapshot from the store and swaps it in.
    pub async fn refresh_figures(&self) -> Result<(), AppError> {
        let registry = self.snapshot().registry.clone();
        let fresh = views::build_snapshot(self.store(), registry, (*self.inner.lineage).clone()).await?;
        write(&self.inner.snapshot, Arc::new(fresh));
        write(&self.inner.sbi, Arc::new(views::sbi_sections(self.store()).await?));
        self.inner.generation.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// After a write of this server that changes the figures (an own indicator or its
    /// figures): moves the figures counter on, so every other server rebuilds too, and rebuilds
    /// here at once.
    pub async fn figures_changed(&self) -> Result<(), AppError> {
        self.store().touch_figures().await?;
        self.rebuild_figures().await
    }

    /// Rebuilds the snapshot here after the figures counter moved on through this server.
    pub(crate) async fn rebuild_figures(&self) -> Result<(), AppError> {
        let version = self.store().figures_version().await?;
        self.refresh_figures().await?;
        let mut seen = self.inner.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.0 = seen.0.max(version);
        Ok(())
    }

    /// Looks at the change counters and rebuilds what another process (an import, a sync, or
    /// another server on the same PostgreSQL) changed. Returns whether anything was rebuilt.
    pub async fn refresh_if_changed(&self) -> Result<bool, AppError> {
        let now = (
            self.store().figures_version().await?,
            self.store().vocabulary_version().await?,
            self.store().items_version().await?,
        );
        let before = *self.inner.seen.lock().unwrap_or_else(|p| p.into_inner());
        if now == before {
            return Ok(false);
        }
        if now.0 != before.0 {
            self.refresh_figures().await?;
        }
        if now.1 != before.1 {
            self.set_vocab(VocabView::load(self.store()).await?);
        }
        if now.2 != before.2 {
            self.items_changed();
            self.reload_sroi_tables().await?;
            self.refresh_search().await?;
        }
        *self.inner.seen.lock().unwrap_or_else(|p| p.into_inner()) = now;
        Ok(true)
    }

    /// Keeps the views current: every `every`, [`App::refresh_if_changed`] (on a tokio runtime).
    pub fn watch(&self, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                match app.refresh_if_changed().await {
                    Ok(true) => tracing::info!("nieuwe cijfers of begrippen geladen"),
                    Ok(false) => {}
                    Err(e) => tracing::warn!(cause = %e, "verversen mislukt"),
                }
            }
        })
    }
}

fn read<T: ?Sized>(lock: &RwLock<Arc<T>>) -> Arc<T> {
    match lock.read() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

fn write<T: ?Sized>(lock: &RwLock<Arc<T>>, value: Arc<T>) {
    match lock.write() {
        Ok(mut guard) => *guard = value,
        Err(poisoned) => *poisoned.into_inner() = value,
    }
}

/// The newest classification year in the snapshot.
pub fn latest_year(snap: &Snapshot) -> i32 {
    (2010..=2030)
        .rev()
        .find(|y| !snap.memberships(*y).is_empty())
        .unwrap_or(2026)
}

/// The name of a region from the snapshot (its code when unknown).
pub fn region_name(snap: &Snapshot, code: samenhang_domain::RegionCode) -> String {
    snap.regions
        .position(code)
        .map_or_else(|| code.to_string(), |i| snap.regions.name(i).to_string())
}
