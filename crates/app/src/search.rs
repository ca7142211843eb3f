// SPDX-License-Identifier: EUPL-1.2
//! Search over the register records, in one index of every kind (`samenhang_search::records`,
//! on tantivy) that the application keeps current: built at start from every record, then
//! changed record by record from the audit log, after a write through this server at once and
//! before every search (so a write through another server is found too, without a restart).
//!
//! What is indexed of a record: its title, its texts and codes, the names of its themes and
//! regions; never a confidential field, never the ids of the records and organisations it
//! refers to (an id must not make a record findable for someone who cannot open the other
//! record). Each record carries its owner and visibility, and a search applies the reader's
//! access inside the query: hits, snippets and the counts per kind, region and theme never show
//! more than the record pages do.

use std::collections::BTreeSet;

use samenhang_domain::access::{Principal, Visibility};
use samenhang_domain::codes::RegionCode;
use samenhang_domain::spec::{Field, FieldType, KindSpec};
use samenhang_search::records::{self as index, RecordIndex};
use samenhang_search::{snippet, Snippet};
use samenhang_store::items::StoredItem;
use serde_json::Value;

use crate::analyses::{Named, Names};
use crate::{App, AppError};

/// A register record that matches.
#[derive(Debug, Clone)]
pub struct RecordHit {
    /// Its kind.
    pub spec: &'static KindSpec,
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The owning organisation.
    pub owner: Named,
    /// The text around the first match outside the title, if the match is there.
    pub snippet: Option<Snippet>,
}

/// The records that match a query.
#[derive(Debug, Clone, Default)]
pub struct RecordResults {
    /// The hits of the kind asked for (or of every kind), best first, at most the limit.
    pub hits: Vec<RecordHit>,
    /// How many records match of the kind asked for (or of every kind).
    pub total: usize,
    /// Per kind with hits, how many records match (whatever kind was asked for), in the order
    /// of the list of kinds.
    pub per_kind: Vec<(&'static KindSpec, usize)>,
    /// Per gemeente or region, how many match (of the kind asked for), most first.
    pub per_region: Vec<(Named, usize)>,
    /// Per theme, how many match (of the kind asked for), most first.
    pub per_theme: Vec<(Named, usize)>,
}

/// What to narrow a search to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrow {
    /// Only this kind (`regeling`).
    pub kind: Option<String>,
    /// Only records about this gemeente or region (code).
    pub region: Option<String>,
    /// Only records on this theme (concept id).
    pub theme: Option<String>,
}

/// The index and how far it has read the audit log.
pub(crate) struct SearchState {
    pub(crate) index: std::sync::Arc<RecordIndex>,
    /// Every change up to here is in the index.
    floor: i64,
    /// Changes after the floor that are in the index (a gap below them is a transaction that
    /// has not committed yet, or has rolled back).
    above: BTreeSet<i64>,
}

/// How long a gap in the audit log may stay open before it is taken as a rolled-back write.
const GAP_PATIENCE: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

/// The words of a record that search looks at: its text fields and codes, also inside its
/// entries (an agreement's parties); concepts and regions are added by name separately.
fn strings(fields: &[Field], record: &Value, out: &mut Vec<String>) {
    for f in fields {
        if f.confidential {
            continue;
        }
        let v = &record[f.name];
        match f.ty {
            FieldType::Text { .. } | FieldType::Code { .. } => {
                let values = match v {
                    Value::Array(a) => a.iter().collect::<Vec<_>>(),
                    other => vec![other],
                };
                out.extend(
                    values
                        .into_iter()
                        .filter_map(Value::as_str)
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_string),
                );
            }
            FieldType::Objects(list) => {
                for entry in v.as_array().into_iter().flatten() {
                    strings(list.fields, entry, out);
                }
            }
            _ => {}
        }
    }
}

/// The concept ids and region codes a record names, by its spec, also inside entries.
fn tags(fields: &[Field], record: &Value, concepts: &mut Vec<String>, regions: &mut Vec<String>) {
    for f in fields {
        let v = &record[f.name];
        let values = || match v {
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect::<Vec<_>>(),
            Value::String(s) => vec![s.clone()],
            _ => Vec::new(),
        };
        match f.ty {
            FieldType::Concept | FieldType::Concepts => concepts.extend(values()),
            FieldType::Region(_) => regions.extend(values()),
            FieldType::Objects(list) => {
                for entry in v.as_array().into_iter().flatten() {
                    tags(list.fields, entry, concepts, regions);
                }
            }
            _ => {}
        }
    }
}

/// A stored record as the index takes it.
fn indexed(app: &App, item: &StoredItem) -> Option<index::Record> {
    let kind = crate::kinds::by_kind(&item.kind)?;
    let spec = kind.spec();
    let record: Value = serde_json::from_str(&item.data).ok()?;
    let mut texts = Vec::new();
    strings(spec.fields, &record, &mut texts);
    texts.retain(|t| *t != item.title);
    let (mut concepts, mut regions) = (Vec::new(), Vec::new());
    tags(spec.fields, &record, &mut concepts, &mut regions);
    concepts.sort();
    concepts.dedup();
    regions.sort();
    regions.dedup();
    let vocab = app.vocab();
    let snap = app.snapshot();
    let mut labels: Vec<String> = concepts
        .iter()
        .filter_map(|c| vocab.concept(c).map(|c| c.pref_label.clone()))
        .collect();
    labels.extend(regions.iter().filter_map(|r| {
        let code = RegionCode::parse(r).ok()?;
        snap.regions.position(code).map(|i| snap.regions.name(i).to_string())
    }));
    Some(index::Record {
        kind: item.kind.clone(),
        id: item.id.clone(),
        title: item.title.clone(),
        labels,
        body: texts.join("\n"),
        owner: item.owner.clone(),
        visibility: match item.visibility {
            Visibility::Public => index::Visibility::Public,
            Visibility::Region => index::Visibility::Region,
            Visibility::Organisation => index::Visibility::Organisation,
        },
        regions,
        themes: concepts,
    })
}

fn failed(e: samenhang_search::records::IndexError) -> AppError {
    AppError::Internal(Box::new(e))
}

/// An index of every record in the store, and the audit line it is current to.
pub(crate) async fn build(app: &App) -> Result<SearchState, AppError> {
    let vocab = app.vocab();
    let dictionary: Vec<String> = vocab
        .concepts()
        .flat_map(|c| std::iter::once(c.pref_label.clone()).chain(c.alt_labels.iter().cloned()))
        .collect();
    let index = RecordIndex::new(&dictionary).map_err(failed)?;
    // Where the log stands before reading: a change made while reading is applied again after.
    let mut floor = 0;
    loop {
        let batch = app.store().changes_after(floor, 10_000).await?;
        match batch.last() {
            Some(last) => floor = last.id,
            None => break,
        }
    }
    let mut records = Vec::new();
    for kind in crate::kinds::KINDS {
        for item in app.store().all_items(kind.spec().kind).await? {
            records.extend(indexed(app, &item));
        }
    }
    index.replace_all(&records).map_err(failed)?;
    Ok(SearchState {
        index: std::sync::Arc::new(index),
        floor,
        above: BTreeSet::new(),
    })
}

/// Applies the changes in the audit log after what the index holds.
pub(crate) async fn catch_up(app: &App, state: &mut SearchState) -> Result<(), AppError> {
    let now = chrono::Utc::now();
    loop {
        let changes = app.store().changes_after(state.floor, 2_000).await?;
        if changes.is_empty() {
            return Ok(());
        }
        let fresh: Vec<&samenhang_store::items::Change> =
            changes.iter().filter(|c| !state.above.contains(&c.id)).collect();
        let mut wanted: Vec<(String, String)> = fresh.iter().map(|c| (c.kind.clone(), c.item_id.clone())).collect();
        wanted.sort();
        wanted.dedup();
        let mut records = Vec::new();
        let mut gone = Vec::new();
        for (kind, id) in wanted {
            if crate::kinds::by_kind(&kind).is_none() {
                continue;
            }
            match app.store().item_unchecked(&kind, &id).await? {
                Some(item) => records.extend(indexed(app, &item)),
                None => gone.push((kind, id)),
            }
        }
        state.index.apply(&records, &gone).map_err(failed)?;
        state.above.extend(fresh.iter().map(|c| c.id));
        // Move the floor up over what is in; past a gap only once it is old (a rolled-back write).
        for c in &changes {
            if c.id == state.floor + 1 || (c.id > state.floor + 1 && now - c.at > GAP_PATIENCE) {
                state.floor = c.id;
                state.above.retain(|&x| x > c.id);
            } else {
                break;
            }
        }
        while state.above.remove(&(state.floor + 1)) {
            state.floor += 1;
        }
        if changes.len() < 2_000 {
            return Ok(());
        }
    }
}

/// Who the caller is for the index: the organisations they have a role in, and those of the
/// arbeidsmarktregio's of those organisations.
async fn reader(app: &App, caller: &Principal) -> Result<index::Reader, AppError> {
    let organisations = caller.organisations();
    let regions: BTreeSet<_> = caller.grants.iter().filter_map(|g| g.region).collect();
    let region_organisations = if regions.is_empty() {
        Vec::new()
    } else {
        app.store()
            .organisations()
            .await?
            .into_iter()
            .filter(|o| o.region.is_some_and(|r| regions.contains(&r)))
            .map(|o| o.id)
            .collect()
    };
    Ok(index::Reader {
        organisations,
        region_organisations,
    })
}

/// The records the caller may read that match `query`, narrowed by `narrow`, at most `limit`.
pub async fn records(
    app: &App,
    caller: &Principal,
    query: &str,
    narrow: &Narrow,
    limit: usize,
) -> Result<RecordResults, AppError> {
    if samenhang_search::words(query).is_empty() {
        return Ok(RecordResults::default());
    }
    let who = reader(app, caller).await?;
    let found = app
        .search_records(
            &who,
            &index::Search {
                text: query.to_string(),
                kind: narrow.kind.clone(),
                region: narrow.region.clone(),
                theme: narrow.theme.clone(),
                limit,
            },
        )
        .await?;
    let names = Names::load(app).await?;
    let mut per_kind: Vec<(&'static KindSpec, usize)> = found
        .per_kind
        .iter()
        .filter_map(|(k, n)| crate::kinds::by_kind(k).map(|kind| (kind.spec(), *n as usize)))
        .collect();
    per_kind.sort_by_key(|(s, _)| crate::kinds::KINDS.iter().position(|k| k.spec().kind == s.kind));
    let snap = app.snapshot();
    let region = |code: &str| Named {
        id: code.to_string(),
        name: RegionCode::parse(code)
            .ok()
            .and_then(|c| snap.regions.position(c))
            .map_or_else(|| code.to_string(), |i| snap.regions.name(i).to_string()),
    };
    let hits = found
        .hits
        .iter()
        .filter_map(|h| {
            let spec = crate::kinds::by_kind(&h.kind)?.spec();
            let in_title = snippet(&h.title, query).is_some();
            Some(RecordHit {
                spec,
                id: h.id.clone(),
                title: h.title.clone(),
                owner: names.organisation(&h.owner),
                // From the longest text that matches: a description says more than a name.
                snippet: if in_title {
                    None
                } else {
                    let mut by_length: Vec<&str> = h
                        .body
                        .lines()
                        .filter(|t| t.split_whitespace().nth(2).is_some())
                        .collect();
                    by_length.sort_by_key(|t| std::cmp::Reverse(t.len()));
                    by_length.into_iter().find_map(|t| snippet(t, query))
                },
            })
        })
        .collect();
    Ok(RecordResults {
        hits,
        total: found.total,
        per_kind,
        per_region: found.per_region.iter().map(|(c, n)| (region(c), *n as usize)).collect(),
        per_theme: found
            .per_theme
            .iter()
            .map(|(c, n)| (names.concept(c), *n as usize))
            .collect(),
    })
}
