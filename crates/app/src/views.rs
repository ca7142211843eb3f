// SPDX-License-Identifier: EUPL-1.2
//! The read-mostly views: the begrippenkaders and the statistics snapshot.
//!
//! [`VocabView`] is the read-mostly view of the begrippenkaders: every scheme parsed from the store, the concept
//! versions, and a search index over labels and definitions. Rebuilt whole and swapped in after
//! each change.

use std::collections::HashMap;

use samenhang_domain::own_figures::{OwnIndicator, OWN_INDICATOR_SPEC};
use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
use samenhang_domain::statistics::Period;
use samenhang_domain::{Lineage, RegionCode};
use samenhang_stats::{Inputs, Registry, Snapshot};
use samenhang_store::RegionQuery;

use samenhang_search::{Document, Index};
use samenhang_store::prelude::*;
use samenhang_store::StoreError;
use samenhang_vocab::{turtle, Vocabulary};

/// All begrippenkaders with their search index.
pub struct VocabView {
    /// (stored id, vocabulary).
    pub vocabularies: Vec<(String, Vocabulary)>,
    /// Concept id → index into `vocabularies`.
    location: HashMap<String, usize>,
    /// Concept IRI → current version.
    versions: HashMap<String, i64>,
    /// Search over labels and definitions; document ids are concept ids.
    pub index: Index,
}

impl std::fmt::Debug for VocabView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VocabView")
            .field("vocabularies", &self.vocabularies.len())
            .finish()
    }
}

impl VocabView {
    /// Builds the view from parsed vocabularies and their version numbers.
    pub fn new(vocabularies: Vec<(String, Vocabulary)>, versions: HashMap<String, i64>) -> Self {
        let mut location = HashMap::new();
        let mut docs = Vec::new();
        for (i, (_, v)) in vocabularies.iter().enumerate() {
            for c in &v.concepts {
                location.entry(c.id.clone()).or_insert(i);
                let mut labels = vec![c.pref_label.clone()];
                labels.extend(c.alt_labels.iter().cloned());
                labels.extend(c.hidden_labels.iter().cloned());
                docs.push(Document {
                    id: c.id.clone(),
                    labels,
                    texts: c.definitions.iter().map(|d| d.text.clone()).collect(),
                });
            }
        }
        VocabView {
            index: Index::new(&docs),
            vocabularies,
            location,
            versions,
        }
    }

    /// Reads every begrippenkader from the store.
    pub async fn load(store: &dyn Store) -> Result<Self, StoreError> {
        let mut vocabularies = Vec::new();
        let mut versions = HashMap::new();
        for stored in store.vocabularies().await? {
            let lines: Vec<String> = stored.triples.iter().map(|(_, t)| t.clone()).collect();
            let triples = turtle::from_ntriples(&lines, &stored.id).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let v = Vocabulary::from_triples(triples, &stored.id).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            versions.extend(store.concept_version_numbers(&stored.id).await?);
            vocabularies.push((stored.id, v));
        }
        Ok(VocabView::new(vocabularies, versions))
    }

    /// The vocabulary a concept id belongs to.
    pub fn vocabulary_of(&self, concept_id: &str) -> Option<&(String, Vocabulary)> {
        self.location.get(concept_id).map(|i| &self.vocabularies[*i])
    }

    /// A concept by id, in whichever begrippenkader holds it.
    pub fn concept(&self, id: &str) -> Option<&samenhang_vocab::Concept> {
        self.vocabulary_of(id).and_then(|(_, v)| v.concept(id))
    }

    /// The preferred label of a concept; the id itself when it is unknown.
    pub fn label(&self, id: &str) -> String {
        self.concept(id)
            .map_or_else(|| id.to_string(), |c| c.pref_label.clone())
    }

    /// Whether concept `id` lies under `ancestor`, through its broader concepts (not itself).
    pub fn within(&self, id: &str, ancestor: &str) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut todo: Vec<String> = vec![id.to_string()];
        while let Some(next) = todo.pop() {
            let Some(c) = self.concept(&next) else { continue };
            for iri in &c.broader {
                let parent = iri.rsplit('/').next().unwrap_or(iri).to_string();
                if parent == ancestor {
                    return true;
                }
                if seen.insert(parent.clone()) {
                    todo.push(parent);
                }
            }
        }
        false
    }

    /// The concepts under `ancestor`, by preferred label.
    pub fn under(&self, ancestor: &str) -> Vec<&samenhang_vocab::Concept> {
        let mut out: Vec<&samenhang_vocab::Concept> =
            self.concepts().filter(|c| self.within(&c.id, ancestor)).collect();
        out.sort_by(|a, b| a.pref_label.cmp(&b.pref_label));
        out
    }

    /// A vocabulary by stored id.
    pub fn vocabulary(&self, id: &str) -> Option<&(String, Vocabulary)> {
        self.vocabularies.iter().find(|(vid, _)| vid == id)
    }

    /// Every concept, with the stored id of its begrippenkader.
    pub fn concepts(&self) -> impl Iterator<Item = &samenhang_vocab::Concept> {
        self.vocabularies.iter().flat_map(|(_, v)| v.concepts.iter())
    }

    /// The current version of a concept (0 when it has no history).
    pub fn version(&self, concept_iri: &str) -> i64 {
        self.versions.get(concept_iri).copied().unwrap_or(0)
    }
}

/// Reads what the registry needs from the store and builds the snapshot.
pub async fn build_snapshot(store: &dyn Store, registry: Registry, lineage: Lineage) -> Result<Snapshot, StoreError> {
    let regions = store.list_regions(&RegionQuery::all()).await?.items;
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
    let own = own_indicators(store, &registry, &mut values).await?;
    Ok(Snapshot::build(Inputs {
        registry: &registry,
        regions: &regions,
        memberships: &memberships,
        values: &values,
        lineage,
        own: &own,
    }))
}

/// The own indicators (records of kind `eigen-indicator`, whoever may see them: each carries
/// its owner and visibility, and the snapshot shows it only to whom it is for), and their
/// figures into `values`.
async fn own_indicators(
    store: &dyn Store,
    registry: &Registry,
    values: &mut HashMap<samenhang_stats::MeasureRef, samenhang_stats::snapshot::MeasureValues>,
) -> Result<Vec<samenhang_stats::Indicator>, StoreError> {
    use samenhang_stats::definition::{Direction, OwnAggregation, OwnDefinition};
    let items = store.all_items(OWN_INDICATOR_SPEC.kind).await?;
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let organisations: HashMap<String, samenhang_store::accounts::Organisation> = store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect();
    let mut figures: HashMap<String, samenhang_stats::snapshot::MeasureValues> = HashMap::new();
    for (id, f) in store.own_figures(None).await? {
        figures.entry(id).or_default().push((f.region, f.year, f.value));
    }
    let mut out = Vec::new();
    for item in items {
        let record: OwnIndicator = serde_json::from_str(&item.data)
            .map_err(|e| StoreError::Corrupt(format!("eigen indicator {}: {e}", item.id)))?;
        let corrupt = |what: &str| StoreError::Corrupt(format!("eigen indicator {}: {what}", item.id));
        let org = organisations.get(&item.owner);
        let def = OwnDefinition {
            id: own_indicator_id(&item.id),
            name: record.naam,
            description: record.omschrijving,
            unit: record.eenheid,
            direction: Direction::parse(&record.richting).ok_or_else(|| corrupt("richting"))?,
            aggregation: OwnAggregation::parse(&record.aggregatie).ok_or_else(|| corrupt("aggregatie"))?,
            theme: samenhang_stats::Theme::parse(&record.thema).ok_or_else(|| corrupt("thema"))?,
            concept: record.begrip.unwrap_or_default(),
            owner: samenhang_stats::Owner {
                organisation: item.owner.clone(),
                name: org.map_or_else(|| item.owner.clone(), |o| o.name.clone()),
                region: org.and_then(|o| o.region),
                visibility: item.visibility,
                source: record.bron,
            },
        };
        let indicator = samenhang_stats::Indicator::own(def, registry);
        values.insert(
            indicator.numerator.terms[0][0].clone(),
            figures.remove(&item.id).unwrap_or_default(),
        );
        out.push(indicator);
    }
    Ok(out)
}

/// The indicator id of an own indicator record (`eigen-{record id}`), in the snapshot, the
/// pages and the API.
pub fn own_indicator_id(record: &str) -> String {
    format!("eigen-{record}")
}

/// The SBI 2008 sections (A–U) with their CBS titles, from the code lists of the loaded CBS
/// tables that have an SBI 2008 dimension ("C Industrie" → ('C', "Industrie")).
pub async fn sbi_sections(store: &dyn samenhang_store::Store) -> Result<Vec<(char, String)>, crate::AppError> {
    let mut out: Vec<(char, String)> = Vec::new();
    for d in store.datasets().await? {
        for code in store.dimension_codes(&d.dataset.id).await? {
            if !code.dimension.contains("SBI2008") {
                continue;
            }
            let mut chars = code.title.chars();
            if let (Some(letter @ 'A'..='U'), Some(' ')) = (chars.next(), chars.next()) {
                if !out.iter().any(|(l, _)| *l == letter) {
                    out.push((letter, chars.as_str().trim().to_string()));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}
