// SPDX-License-Identifier: EUPL-1.2
//! What every handler shares: the store, the read-mostly views built at start-up (the
//! herindelingen lineage and the statistics snapshot), and the rendered OpenAPI document.
//!
//! The snapshot is immutable; [`AppState::refresh`] builds a new one from the store and swaps
//! it in whole, so a request sees either the old or the new figures, never a mix.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
use samenhang_domain::statistics::Period;
use samenhang_domain::{Lineage, RegionCode};
use samenhang_stats::{Inputs, Registry, Snapshot};
use samenhang_store::{Paging, RegionQuery, Store, StoreError};

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// The herindelingen lineage, built once from the store.
    pub lineage: Arc<Lineage>,
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    vocab: Arc<RwLock<Arc<crate::taal::VocabView>>>,
    /// Whether the begrippenkader may be edited through the API (`--lokaal-schrijven`). Until
    /// accounts and roles exist, writes are off unless the server is started for local use.
    pub local_writes: bool,
    pub(crate) openapi_json: Arc<String>,
    pub(crate) openapi_yaml: Arc<String>,
    /// The theme and map shapes of the web pages.
    pub web: Arc<crate::web::Web>,
}

impl AppState {
    /// Builds the state: reads what the read-mostly views need from the store.
    pub async fn new(store: Arc<dyn Store>, registry: Registry) -> Result<Self, StoreError> {
        let events = store.all_reorganisations().await?;
        let lineage = Lineage::new(&events);
        let snapshot = build_snapshot(store.as_ref(), registry, lineage.clone()).await?;
        let vocab = crate::taal::VocabView::load(store.as_ref()).await?;
        let (_, doc) = crate::api::router();
        Ok(AppState {
            store,
            lineage: Arc::new(lineage),
            snapshot: Arc::new(RwLock::new(Arc::new(snapshot))),
            vocab: Arc::new(RwLock::new(Arc::new(vocab))),
            local_writes: false,
            openapi_json: Arc::new(doc.to_pretty_json().unwrap_or_default()),
            openapi_yaml: Arc::new(doc.to_yaml().unwrap_or_default()),
            web: Arc::new(crate::web::Web::default()),
        })
    }

    /// The current statistics snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Allows editing the begrippenkader through the API (local use, before accounts exist).
    pub fn with_local_writes(mut self, on: bool) -> Self {
        self.local_writes = on;
        self
    }

    /// Sets the theme and map shapes of the web pages.
    pub fn with_web(mut self, web: crate::web::Web) -> Self {
        self.web = Arc::new(web);
        self
    }

    /// The current begrippenkader view.
    pub fn vocab(&self) -> Arc<crate::taal::VocabView> {
        match self.vocab.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Swaps in a new begrippenkader view.
    pub(crate) fn set_vocab(&self, view: crate::taal::VocabView) {
        let fresh = Arc::new(view);
        match self.vocab.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }

    /// Rebuilds the snapshot from the store (after an import) and swaps it in.
    pub async fn refresh(&self) -> Result<(), StoreError> {
        let registry = self.snapshot().registry.clone();
        let fresh = Arc::new(build_snapshot(self.store.as_ref(), registry, (*self.lineage).clone()).await?);
        match self.snapshot.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }
}

/// Reads what the registry needs from the store and builds the snapshot.
pub async fn build_snapshot(store: &dyn Store, registry: Registry, lineage: Lineage) -> Result<Snapshot, StoreError> {
    let regions = store
        .list_regions(&RegionQuery {
            kind: None,
            year: None,
            within: None,
            search: None,
            paging: Paging {
                page: 1,
                page_size: u32::MAX / 2,
            },
        })
        .await?
        .items;
    let mut memberships = Vec::new();
    for year in FIRST_CLASSIFICATION_YEAR..=LAST_CLASSIFICATION_YEAR {
        memberships.extend(store.members_of(RegionCode::Nederland, year).await?);
    }
    let mut values = HashMap::new();
    for r in registry.refs() {
        let obs = store.observations(&r.dataset, &r.measure, &r.dimensions).await?;
        let annual = obs
            .into_iter()
            .filter_map(|o| match (o.period, o.value) {
                (Period::Year(y), Some(v)) => Some((o.region, y, v)),
                _ => None,
            })
            .collect();
        values.insert(r, annual);
    }
    Ok(Snapshot::build(Inputs {
        registry: &registry,
        regions: &regions,
        memberships: &memberships,
        values: &values,
        lineage,
    }))
}
