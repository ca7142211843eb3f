// SPDX-License-Identifier: EUPL-1.2
//! The providers of the installation, from the configuration file, read again when the file
//! changes (its modification time or size), so a new provider or group mapping needs no
//! restart. A changed file that does not parse is logged and the providers stay as they were.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::client::Provider;
use crate::config::{parse, Settings};

type Stamp = Option<(SystemTime, u64)>;

/// The providers, kept with the stamp of the file they came from.
pub struct Registry {
    path: Option<PathBuf>,
    loaded: Mutex<(Stamp, Arc<Vec<Arc<Provider>>>)>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry").field("path", &self.path).finish()
    }
}

fn stamp(path: &std::path::Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

fn build(settings: Settings) -> Result<Vec<Arc<Provider>>, Vec<String>> {
    settings
        .providers
        .into_iter()
        .map(|s| Provider::new(s).map(Arc::new).map_err(|e| vec![e.to_string()]))
        .collect()
}

fn read(path: &std::path::Path) -> Result<Vec<Arc<Provider>>, Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    build(parse(&text, |var| std::env::var(var).ok())?)
}

impl Registry {
    /// No providers: local accounts only.
    pub fn none() -> Registry {
        Registry {
            path: None,
            loaded: Mutex::new((None, Arc::new(Vec::new()))),
        }
    }

    /// The providers of the file at `path`; every fault at once when it is not right.
    pub fn open(path: PathBuf) -> Result<Registry, Vec<String>> {
        let providers = read(&path)?;
        Ok(Registry {
            loaded: Mutex::new((stamp(&path), Arc::new(providers))),
            path: Some(path),
        })
    }

    /// Fixed providers (tests, or settings made elsewhere).
    pub fn from_settings(settings: Settings) -> Result<Registry, Vec<String>> {
        Ok(Registry {
            path: None,
            loaded: Mutex::new((None, Arc::new(build(settings)?))),
        })
    }

    /// The providers now: the file is read again when it changed since.
    pub fn providers(&self) -> Arc<Vec<Arc<Provider>>> {
        let mut loaded = match self.loaded.lock() {
            Ok(l) => l,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(path) = &self.path {
            let now = stamp(path);
            if now != loaded.0 {
                match read(path) {
                    Ok(providers) => {
                        tracing::info!(file = %path.display(), n = providers.len(), "identiteitsaanbieders opnieuw gelezen");
                        *loaded = (now, Arc::new(providers));
                    }
                    Err(faults) => {
                        tracing::error!(file = %path.display(), faults = %faults.join("; "), "identiteitsaanbieders niet gewijzigd: het bestand klopt niet");
                        loaded.0 = now;
                    }
                }
            }
        }
        loaded.1.clone()
    }

    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<Arc<Provider>> {
        self.providers().iter().find(|p| p.settings.id == id).cloned()
    }
}
