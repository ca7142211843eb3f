// SPDX-License-Identifier: EUPL-1.2
//! `GET /begrippenkaders`: the concept schemes.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::model::Link;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Exportlinks van een begrippenkader.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportLinks {
    /// Turtle.
    pub turtle: Link,
    /// JSON-LD.
    pub jsonld: Link,
    /// CSV (NL-SBB spreadsheet columns).
    pub csv: Link,
}

/// Een verzameling begrippen (een thema).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Collectie {
    /// IRI.
    pub iri: String,
    /// Naam.
    #[schema(example = "Sociale zekerheid")]
    pub naam: String,
    /// Ids van de begrippen.
    pub begrippen: Vec<String>,
}

/// Een begrippenkader.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Begrippenkader {
    /// Id.
    #[schema(example = "arbeidsmarkt-en-economie")]
    pub id: String,
    /// IRI.
    pub iri: String,
    /// Titel.
    pub titel: String,
    /// Omschrijving.
    pub omschrijving: String,
    /// Aantal begrippen.
    pub aantal_begrippen: usize,
    /// De verzamelingen (thema's).
    pub collecties: Vec<Collectie>,
    /// Links naar de begrippen.
    pub begrippen: Link,
    /// Exports.
    pub export: ExportLinks,
}

/// De begrippenkaders.
#[derive(Debug, Serialize, ToSchema)]
pub struct BegrippenkadersLijst {
    /// De regelingen.
    pub begrippenkaders: Vec<Begrippenkader>,
}

/// Lijst van begrippenkaders
///
/// De begrippenkaders met het aantal begrippen en de exportformaten (NL-SBB).
#[utoipa::path(
    get,
    path = "/begrippenkaders",
    operation_id = "begrippenkadersLijst",
    tag = "Begrippen",
    responses((status = 200, description = "De begrippenkaders", body = BegrippenkadersLijst))
)]
pub async fn handler(
    State(state): State<ApiState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<BegrippenkadersLijst>, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let view = state.app.vocab();
    Ok(Json(BegrippenkadersLijst {
        begrippenkaders: view
            .vocabularies
            .iter()
            .map(|(id, v)| {
                let export = |f: &str| Link::to(format!("/api/v1/begrippenkaders/{id}/export?formaat={f}"));
                Begrippenkader {
                    id: id.clone(),
                    iri: v.iri.clone(),
                    titel: v.title.clone(),
                    omschrijving: v.description.clone(),
                    aantal_begrippen: v.concepts.len(),
                    collecties: v
                        .collections
                        .iter()
                        .map(|c| Collectie {
                            iri: c.iri.clone(),
                            naam: c.label.clone(),
                            begrippen: c
                                .members
                                .iter()
                                .map(|m| samenhang_vocab::model::local_name(m).to_string())
                                .collect(),
                        })
                        .collect(),
                    begrippen: Link::to(format!("/api/v1/begrippen?kader={id}")),
                    export: ExportLinks {
                        turtle: export("turtle"),
                        jsonld: export("jsonld"),
                        csv: export("csv"),
                    },
                }
            })
            .collect(),
    }))
}
