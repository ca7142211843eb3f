// SPDX-License-Identifier: EUPL-1.2
//! Search over the register records the caller may read: every kind of the list, ranked by the
//! Dutch analysis of `samenhang_search` (titles above the rest of the record), with a snippet and
//! a count per kind. The records are read through the same access rules as every list, and the
//! fields the caller may not see are left out before anything is indexed, so neither a hit, a
//! snippet nor a count gives away what the caller could not open.
//!
//! The index is built per search from what the caller may read, so a changed record is found
//! at once; that is quick for the thousands of records of a region, not for a national
//! installation, where a persistent index (issue 16) takes over.

use samenhang_domain::access::Principal;
use samenhang_domain::spec::{Field, FieldType, KindSpec};
use samenhang_search::{snippet, Document, Index, Snippet};
use samenhang_store::items::ItemQuery;
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
    /// Per kind with hits, how many records match (whatever kind was asked for), in the order
    /// of the list of kinds.
    pub per_kind: Vec<(&'static KindSpec, usize)>,
}

/// The words of a record that search looks at: its text fields, codes and concepts (theme ids),
/// also inside its entries (an agreement's parties), never its references to other records or
/// organisations: an id of a record the caller may not open must not make a record findable.
fn strings(fields: &[Field], record: &Value, out: &mut Vec<String>) {
    for f in fields {
        let v = &record[f.name];
        match f.ty {
            FieldType::Text { .. } | FieldType::Code { .. } | FieldType::Concept | FieldType::Concepts => {
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

/// The records the caller may read that match `query`, of kind `only` or of every kind.
pub async fn records(
    app: &App,
    caller: &Principal,
    query: &str,
    only: Option<&str>,
    limit: usize,
) -> Result<RecordResults, AppError> {
    if samenhang_search::words(query).is_empty() {
        return Ok(RecordResults::default());
    }
    let page = app
        .store()
        .list_items(
            &ItemQuery {
                kind: None,
                ..ItemQuery::all("")
            },
            caller,
        )
        .await?;
    let mut specs = Vec::with_capacity(page.items.len());
    let mut docs = Vec::with_capacity(page.items.len());
    for (n, item) in page.items.iter().enumerate() {
        let Some(kind) = crate::kinds::by_kind(&item.kind) else {
            continue;
        };
        let spec = kind.spec();
        let record: Value = serde_json::from_str(&item.data).unwrap_or(Value::Null);
        let record = crate::records::without_confidential(spec, caller, &item.owner, record);
        let mut texts = Vec::new();
        strings(spec.fields, &record, &mut texts);
        texts.retain(|t| *t != item.title);
        specs.push((n, spec, texts.clone()));
        docs.push(Document {
            id: (specs.len() - 1).to_string(),
            labels: vec![item.title.clone()],
            texts,
        });
    }
    let index = Index::new(&docs);
    let hits = index.search(query, docs.len().max(1));
    let names = Names::load(app).await?;
    let mut per_kind: Vec<(&'static KindSpec, usize)> = Vec::new();
    let mut out = Vec::new();
    for h in hits {
        let Some((n, spec, texts)) = h.id.parse::<usize>().ok().and_then(|i| specs.get(i)) else {
            continue;
        };
        match per_kind.iter_mut().find(|(s, _)| s.kind == spec.kind) {
            Some((_, c)) => *c += 1,
            None => per_kind.push((spec, 1)),
        }
        if only.is_some_and(|k| k != spec.kind) || out.len() >= limit {
            continue;
        }
        let item = &page.items[*n];
        let in_title = samenhang_search::snippet(&item.title, query).is_some();
        out.push(RecordHit {
            spec,
            id: item.id.clone(),
            title: item.title.clone(),
            owner: names.organisation(&item.owner),
            // From the longest text that matches: a description says more than a name.
            snippet: if in_title {
                None
            } else {
                // A one-word value (a theme, a code) shows nothing the title does not.
                let mut by_length: Vec<&String> =
                    texts.iter().filter(|t| t.split_whitespace().nth(2).is_some()).collect();
                by_length.sort_by_key(|t| std::cmp::Reverse(t.len()));
                by_length.into_iter().find_map(|t| snippet(t, query))
            },
        });
    }
    per_kind.sort_by_key(|(s, _)| crate::kinds::KINDS.iter().position(|k| k.spec().kind == s.kind));
    Ok(RecordResults { hits: out, per_kind })
}
