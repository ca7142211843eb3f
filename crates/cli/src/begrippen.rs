// SPDX-License-Identifier: EUPL-1.2
//! Loading begrippenkaders (Turtle files) into the store: checked whole before anything is
//! written, stored in one transaction, skipped when the same file was loaded before.

use std::path::{Path, PathBuf};

use anyhow::Context;
use samenhang_store::Store;
use samenhang_vocab::{turtle, Vocabulary};
use sha2::{Digest, Sha256};

/// What loading a begrippenkader did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The same file was loaded before; nothing changed.
    Unchanged,
    /// Loaded (or replaced), with this many triples.
    Loaded {
        /// Triples stored.
        triples: u64,
    },
}

/// Where the shipped begrippenkaders are, in the snapshot directory.
pub const VOCAB_DIR: &str = "vocab";

/// The Turtle files of the shipped snapshot.
pub fn shipped(snapshot_dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = snapshot_dir.join(VOCAB_DIR);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("kan de map {} niet lezen", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    files.sort();
    Ok(files)
}

/// For a CSV file, which carries only concepts: the scheme's IRI and title.
#[derive(Debug, Clone, Default)]
pub struct CsvScheme {
    /// IRI of the begrippenkader.
    pub iri: Option<String>,
    /// Its title.
    pub title: Option<String>,
}

/// Reads, checks and stores one Turtle begrippenkader.
pub async fn load_file(store: &dyn Store, path: &Path) -> anyhow::Result<(String, Outcome)> {
    load_any(store, path, &CsvScheme::default()).await
}

/// Reads, checks and stores one begrippenkader in Turtle (`.ttl`), JSON-LD (`.jsonld`,
/// `.json`) or CSV in the NL-SBB columns (`.csv`, with `scheme`).
pub async fn load_any(store: &dyn Store, path: &Path, scheme: &CsvScheme) -> anyhow::Result<(String, Outcome)> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("kan {name} niet lezen"))?;
    let hash: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let triples = match ext.as_str() {
        "ttl" => turtle::parse(&bytes[..], &name)?,
        "jsonld" | "json" => samenhang_vocab::jsonld::parse(&bytes, &name)?,
        "csv" => {
            let (Some(iri), Some(title)) = (&scheme.iri, &scheme.title) else {
                anyhow::bail!("{name}: een CSV-bestand bevat alleen begrippen; geef --kader (IRI) en --titel van het begrippenkader");
            };
            samenhang_vocab::csv_io::read(&bytes[..], &name, iri, title)?
        }
        other => anyhow::bail!("{name}: onbekend formaat '.{other}'; gebruik .ttl, .jsonld of .csv"),
    };
    let vocab = Vocabulary::from_triples(triples, &name)?;
    let id = vocab.id().to_string();
    if store.vocabulary_hash(&id).await?.as_deref() == Some(hash.as_str()) {
        return Ok((id, Outcome::Unchanged));
    }
    // Concept ids are the API's keys: they must not clash with another begrippenkader's.
    for other in store.vocabularies().await? {
        if other.id == id {
            continue;
        }
        let lines: Vec<String> = other.triples.iter().map(|(_, t)| t.clone()).collect();
        let theirs = Vocabulary::from_triples(turtle::from_ntriples(&lines, &other.id)?, &other.id)?;
        if let Some(c) = vocab.concepts.iter().find(|c| theirs.concept(&c.id).is_some()) {
            anyhow::bail!(
                "{name}: het begrip '{}' bestaat al in begrippenkader '{}'",
                c.id,
                other.id
            );
        }
    }
    let triples: Vec<(String, String)> = vocab
        .triples
        .iter()
        .map(|t| (t.subject.to_string(), format!("{t} .")))
        .collect();
    let initial: Vec<(String, String)> = vocab
        .concepts
        .iter()
        .map(|c| {
            let own = |s: &str| {
                let s = s.trim_start_matches('<').trim_end_matches('>');
                s == c.iri || s.strip_prefix(c.iri.as_str()).is_some_and(|r| r.starts_with('/'))
            };
            let nt: Vec<&str> = triples
                .iter()
                .filter(|(s, _)| own(s))
                .map(|(_, t)| t.as_str())
                .collect();
            (c.iri.clone(), nt.join("\n"))
        })
        .collect();
    // The version history names the file, not where it lay on the server.
    let file = path
        .file_name()
        .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
    store
        .load_vocabulary(&id, &vocab.iri, &vocab.title, &file, &hash, &triples, &initial)
        .await?;
    Ok((
        id,
        Outcome::Loaded {
            triples: triples.len() as u64,
        },
    ))
}

/// Loads the shipped begrippenkaders that the store does not hold yet.
pub async fn load_missing(store: &dyn Store, snapshot_dir: &Path) -> anyhow::Result<()> {
    let present: Vec<String> = store.vocabularies().await?.into_iter().map(|v| v.id).collect();
    for path in shipped(snapshot_dir)? {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if present.contains(&stem) {
            continue;
        }
        let (id, outcome) = load_file(store, &path).await?;
        tracing::info!(begrippenkader = %id, ?outcome, "begrippenkader geladen");
    }
    Ok(())
}
