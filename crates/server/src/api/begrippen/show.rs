// SPDX-License-Identifier: EUPL-1.2
//! `GET /begrippen/{id}`: one concept with its definitions per perspective, relations,
//! mappings, status and the indicators and measures that measure it. Sends its `ETag`.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{etag, BegripRef, Definitie, DefinitieBron, Overeenkomst};
use crate::api::model::Link;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Een maatstaf die een begrip meet.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaatstafRef {
    /// Dataset id.
    #[schema(example = "85224NED")]
    pub bron: String,
    /// Measure code.
    #[schema(example = "M001906")]
    pub code: String,
}

/// Een indicator die een begrip meet.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorLink {
    /// Indicator id.
    #[schema(example = "werkloosheidspercentage")]
    pub id: String,
    /// Naam.
    pub naam: String,
    /// Link.
    pub href: String,
}

/// Links van een begrip.
#[derive(Debug, Serialize, ToSchema)]
pub struct BegripLinks {
    /// Deze resource.
    #[serde(rename = "self")]
    pub self_: Link,
    /// De versies.
    pub versies: Link,
}

/// Eén begrip.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BegripDetail {
    /// Id.
    #[schema(example = "werkloosheid")]
    pub id: String,
    /// IRI.
    pub iri: String,
    /// Het begrippenkader.
    pub kader: String,
    /// Preferred label.
    pub voorkeursterm: String,
    /// Alternative labels.
    pub alternatieve_termen: Vec<String>,
    /// Hidden labels.
    pub zoektermen: Vec<String>,
    /// Definities, elk met perspectief en bron.
    pub definities: Vec<Definitie>,
    /// Plain-language explanation.
    pub uitleg: Vec<String>,
    /// Notes.
    pub toelichting: Vec<String>,
    /// Examples.
    pub voorbeelden: Vec<String>,
    /// Broader concepts.
    pub bovenliggend: Vec<BegripRef>,
    /// Narrower concepts.
    pub onderliggend: Vec<BegripRef>,
    /// Related concepts.
    pub gerelateerd: Vec<BegripRef>,
    /// Koppelingen naar begrippen elders (ESCO, CBS …).
    pub overeenkomsten: Vec<Overeenkomst>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// First day valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geldig_vanaf: Option<String>,
    /// Last day valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geldig_tot: Option<String>,
    /// Bronnen van het begrip als geheel.
    pub bronnen: Vec<DefinitieBron>,
    /// CBS-maatstaven die het meten.
    pub maatstaven: Vec<MaatstafRef>,
    /// Indicatoren die het meten.
    pub indicatoren: Vec<IndicatorLink>,
    /// Huidige versie (ook de `ETag`).
    pub versie: i64,
    /// Links.
    #[serde(rename = "_links")]
    pub links: BegripLinks,
}

/// Eén begrip
///
/// Het begrip met al zijn definities per perspectief en bron, relaties, overeenkomsten, status,
/// en de indicatoren en maatstaven die het meten. De `ETag` is de versie, voor `If-Match`.
#[utoipa::path(
    get,
    path = "/begrippen/{id}",
    operation_id = "begripOpvragen",
    tag = "Begrippen",
    params(("id" = String, Path, description = "Id van het begrip", example = "werkloosheid")),
    responses(
        (status = 200, description = "Het begrip", body = BegripDetail, headers(("ETag" = String, description = "De versie van het begrip"))),
        (status = 404, description = "Geen begrip met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    QueryParams::parse(raw.as_deref(), &[]).finish()?;
    let view = state.app.vocab();
    let (kader, vocab, c) = super::find(&view, &id)?;
    let refs = |iris: &[String]| -> Vec<BegripRef> {
        iris.iter()
            .filter_map(|i| vocab.concept(i))
            .map(|r| BegripRef {
                id: r.id.clone(),
                voorkeursterm: r.pref_label.clone(),
            })
            .collect()
    };
    let bron = |s: &samenhang_vocab::Source| DefinitieBron {
        titel: s.title.clone().or(s.iri.clone()).unwrap_or_default(),
        url: s.url.clone(),
        wettelijke_grondslag: s.legal_basis.clone(),
    };
    let snap = state.app.snapshot();
    let version = view.version(&c.iri);
    let body = BegripDetail {
        id: c.id.clone(),
        iri: c.iri.clone(),
        kader: kader.clone(),
        voorkeursterm: c.pref_label.clone(),
        alternatieve_termen: c.alt_labels.clone(),
        zoektermen: c.hidden_labels.clone(),
        definities: c
            .definitions
            .iter()
            .map(|d| Definitie {
                tekst: d.text.clone(),
                perspectief: d.perspective.clone().unwrap_or_default(),
                bron: d.source.as_ref().map(bron).unwrap_or(DefinitieBron {
                    titel: String::new(),
                    url: None,
                    wettelijke_grondslag: None,
                }),
            })
            .collect(),
        uitleg: c.explanations.clone(),
        toelichting: c.notes.clone(),
        voorbeelden: c.examples.clone(),
        bovenliggend: refs(&c.broader),
        onderliggend: refs(&c.narrower),
        gerelateerd: refs(&c.related),
        overeenkomsten: c
            .matches
            .iter()
            .map(|(k, i)| Overeenkomst {
                soort: k.as_str().into(),
                iri: i.clone(),
            })
            .collect(),
        status: c.status.map(|s| s.as_str().to_string()),
        geldig_vanaf: c.valid_from.clone(),
        geldig_tot: c.valid_until.clone(),
        bronnen: c.sources.iter().map(bron).collect(),
        maatstaven: c
            .measures
            .iter()
            .map(|m| {
                let (b, code) = m.split_once(':').unwrap_or(("", m));
                MaatstafRef {
                    bron: b.into(),
                    code: code.into(),
                }
            })
            .collect(),
        indicatoren: snap
            .registry
            .indicators
            .iter()
            .filter(|i| i.concept == c.id)
            .map(|i| IndicatorLink {
                id: i.id.clone(),
                naam: i.name.clone(),
                href: format!("/api/v1/indicatoren/{}", i.id),
            })
            .collect(),
        versie: version,
        links: BegripLinks {
            self_: Link::to(format!("/api/v1/begrippen/{}", c.id)),
            versies: Link::to(format!("/api/v1/begrippen/{}/versies", c.id)),
        },
    };
    let mut res = Json(body).into_response();
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        res.headers_mut().insert(header::ETAG, v);
    }
    Ok(res)
}
