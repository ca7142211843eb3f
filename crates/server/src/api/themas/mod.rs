// SPDX-License-Identifier: EUPL-1.2
//! `/themas/{begrip}`: everything linked to one concept: indicators, goals with their owners,
//! people, schemes, agreements and consultation bodies, as far as the caller may see them.

pub mod show;

use samenhang_domain::access::Principal;
use samenhang_store::registers::{ItemQuery, StoredItem};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::coherence::RecordRef;
use crate::problem::ApiError;
use crate::state::AppState;

/// A linked record: id, title, owner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gekoppeld {
    /// Id.
    pub id: String,
    /// Title or name.
    pub titel: String,
    /// The owning organisation (id).
    pub organisatie: String,
    /// The API address.
    pub href: String,
}

/// Everything linked to a theme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Thema {
    /// The concept.
    pub begrip: BegripRef,
    /// Indicators that measure it.
    pub indicatoren: Vec<RecordRef>,
    /// Goals on this theme.
    pub doelen: Vec<Gekoppeld>,
    /// People coupled to it (aldermen, partners).
    pub personen: Vec<Gekoppeld>,
    /// Schemes for it (as target group, instrument or need).
    pub regelingen: Vec<Gekoppeld>,
    /// Agreements on it.
    pub afspraken: Vec<Gekoppeld>,
    /// Consultation bodies on it.
    pub overleggen: Vec<Gekoppeld>,
}

/// The kinds a theme page lists, with their API paths.
pub(crate) const KINDS: [(&str, &str); 5] = [
    ("doel", "doelen"),
    ("persoon", "personen"),
    ("regeling", "regelingen"),
    ("afspraak", "afspraken"),
    ("overleg", "overleggen"),
];

/// Everything linked to concept `id` that `caller` may see; `None` when the concept is unknown.
pub(crate) async fn theme(state: &AppState, caller: &Principal, id: &str) -> Result<Option<Thema>, ApiError> {
    let view = state.vocab();
    let Some(concept) = view.concept(id) else {
        return Ok(None);
    };
    let snap = state.snapshot();
    let indicatoren = snap
        .all_series()
        .iter()
        .filter(|s| s.indicator.concept == concept.id)
        .map(|s| RecordRef {
            id: s.indicator.id.clone(),
            titel: s.indicator.name.clone(),
        })
        .collect();
    let mut lists: Vec<Vec<Gekoppeld>> = Vec::new();
    for (kind, path) in KINDS {
        let query = ItemQuery {
            theme: Some(concept.id.clone()),
            ..ItemQuery::all(kind)
        };
        let items: Vec<StoredItem> = state.store.list_items(&query, caller).await?.items;
        lists.push(
            items
                .into_iter()
                .map(|i| Gekoppeld {
                    href: format!("/api/v1/{path}/{}", i.id),
                    id: i.id,
                    titel: i.title,
                    organisatie: i.owner,
                })
                .collect(),
        );
    }
    let mut lists = lists.into_iter();
    let mut next = || lists.next().unwrap_or_default();
    Ok(Some(Thema {
        begrip: BegripRef {
            id: concept.id.clone(),
            voorkeursterm: concept.pref_label.clone(),
        },
        indicatoren,
        doelen: next(),
        personen: next(),
        regelingen: next(),
        afspraken: next(),
        overleggen: next(),
    }))
}
