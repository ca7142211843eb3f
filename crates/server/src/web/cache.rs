// SPDX-License-Identifier: EUPL-1.2
//! Rendered pages kept until the figures or the begrippenkader change. A page is a pure function
//! of the snapshot, the begrippenkader view and the page's checked parameters, so an entry is
//! valid while both views are the very same `Arc`s it was rendered from; after an import or an
//! edit the views are swapped and every entry goes stale at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use samenhang_stats::Snapshot;

use samenhang_app::VocabView;

/// At most this many pages are kept; when full, the cache starts over.
const CAPACITY: usize = 4096;

struct Entry {
    snapshot: Arc<Snapshot>,
    vocab: Arc<VocabView>,
    html: Arc<str>,
}

/// The page cache.
#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").finish_non_exhaustive()
    }
}

impl PageCache {
    /// The page rendered for `key` from these very views, if there is one.
    pub fn get(&self, key: &str, snapshot: &Arc<Snapshot>, vocab: &Arc<VocabView>) -> Option<Arc<str>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|e| Arc::ptr_eq(&e.snapshot, snapshot) && Arc::ptr_eq(&e.vocab, vocab))
            .map(|e| e.html.clone())
    }

    /// Keeps a page rendered from these views.
    pub fn put(&self, key: String, snapshot: &Arc<Snapshot>, vocab: &Arc<VocabView>, html: Arc<str>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                snapshot: snapshot.clone(),
                vocab: vocab.clone(),
                html,
            },
        );
    }
}
