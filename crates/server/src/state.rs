// SPDX-License-Identifier: EUPL-1.2
//! What every handler shares: the store, the read-mostly views built at start-up, and the
//! rendered OpenAPI document.

use std::sync::Arc;

use samenhang_domain::Lineage;
use samenhang_store::{Store, StoreError};

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// The herindelingen lineage, built once from the store.
    pub lineage: Arc<Lineage>,
    pub(crate) openapi_json: Arc<String>,
    pub(crate) openapi_yaml: Arc<String>,
}

impl AppState {
    /// Builds the state: reads what the read-mostly views need from the store.
    pub async fn new(store: Arc<dyn Store>) -> Result<Self, StoreError> {
        let events = store.all_reorganisations().await?;
        let (_, doc) = crate::api::router();
        Ok(AppState {
            store,
            lineage: Arc::new(Lineage::new(&events)),
            openapi_json: Arc::new(doc.to_pretty_json().unwrap_or_default()),
            openapi_yaml: Arc::new(doc.to_yaml().unwrap_or_default()),
        })
    }
}
