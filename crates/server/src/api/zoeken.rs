// SPDX-License-Identifier: EUPL-1.2
//! `GET /zoeken`: search across the register records the caller may read, with counts per
//! kind, gemeente or region and theme.

use axum::extract::{RawQuery, State};
use axum::Json;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// De zoektermen (woordvormen, voorvoegsels en tikfouten worden gevonden).
    #[param(example = "loonkostensubsidie", min_length = 1, max_length = 200)]
    q: String,
    /// Alleen records van deze soort (bijvoorbeeld regeling, actiepunt).
    #[param(example = "regeling", pattern = "^[a-z-]{1,40}$")]
    soort: Option<String>,
    /// Alleen records over deze gemeente of regio.
    #[param(example = "GM0153", pattern = "^(NL01|GM[0-9]{4}|AM[0-9]{2}|CR[0-9]{2}|PV[0-9]{2})$")]
    gebied: Option<String>,
    /// Alleen records op dit thema (begrip-id).
    #[param(example = "krapte", max_length = 80)]
    thema: Option<String>,
}

/// Een gevonden record.
#[derive(Debug, Serialize, ToSchema)]
pub struct Zoekresultaat {
    /// De soort record.
    pub soort: String,
    /// Het pad van de collectie in de API (`/api/v1/regelingen/{id}`).
    pub href: String,
    /// Id.
    pub id: String,
    /// Titel.
    pub titel: String,
    /// De organisatie die het beheert.
    pub organisatie: String,
    /// De tekst rond de eerste treffer buiten de titel, met de treffer tussen `[` en `]`.
    pub fragment: Option<String>,
}

/// Een aantal per soort, gebied of thema.
#[derive(Debug, Serialize, ToSchema)]
pub struct Telling {
    /// De soort, gebiedscode of het begrip-id.
    pub id: String,
    /// De naam.
    pub naam: String,
    /// Hoeveel records.
    pub aantal: usize,
}

/// De resultaten.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Zoekresultaten {
    /// Hoeveel records passen (van de gekozen soort, of alle).
    pub totaal: usize,
    /// De beste 50, beste eerst.
    pub resultaten: Vec<Zoekresultaat>,
    /// Per soort (welke soort ook is gekozen).
    pub per_soort: Vec<Telling>,
    /// Per gemeente of regio.
    pub per_gebied: Vec<Telling>,
    /// Per thema.
    pub per_thema: Vec<Telling>,
}

/// Zoeken in de registers
///
/// Zoekt in de records van elk register die u mag lezen: titels wegen zwaarder dan de rest,
/// woordvormen (bijstand, bijstandsuitkeringen), voorvoegsels, delen van samenstellingen en
/// tikfouten worden gevonden. Met aantallen per soort, gebied en thema, ook die alleen van wat u
/// mag zien.
#[utoipa::path(
    get,
    path = "/zoeken",
    operation_id = "zoeken",
    tag = "Zoeken",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De resultaten", body = Zoekresultaten),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Zoekresultaten>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["q", "soort", "gebied", "thema"]);
    let text = q.text("q", 200).unwrap_or_default();
    let kind = q.get("soort", "enum", |s| {
        samenhang_app::kinds::by_kind(s)
            .map(|k| k.spec().kind.to_string())
            .ok_or_else(|| format!("Er is geen soort record '{s}'."))
    });
    let region = q.get("gebied", "format", |s| {
        samenhang_domain::codes::RegionCode::parse(s)
            .map(|c| c.to_string())
            .map_err(|_| format!("'{s}' is geen gebiedscode (zoals GM0153 of AM05)."))
    });
    let theme = q.text("thema", 80).filter(|t| !t.is_empty());
    q.finish()?;
    if text.trim().is_empty() {
        return Err(ApiError::from(samenhang_app::AppError::invalid(
            "q",
            "required",
            "Geef een zoekterm.",
        )));
    }
    let narrow = samenhang_app::search::Narrow { kind, region, theme };
    let found = samenhang_app::search::records(&state.app, &caller, &text, &narrow, 50).await?;
    Ok(Json(Zoekresultaten {
        totaal: found.total,
        resultaten: found
            .hits
            .iter()
            .map(|h| Zoekresultaat {
                soort: h.spec.kind.to_string(),
                href: format!("/api/v1/{}/{}", h.spec.collection, h.id),
                id: h.id.clone(),
                titel: h.title.clone(),
                organisatie: h.owner.name.clone(),
                fragment: h
                    .snippet
                    .as_ref()
                    .map(|s| format!("{}[{}]{}", s.before, s.hit, s.after)),
            })
            .collect(),
        per_soort: found
            .per_kind
            .iter()
            .map(|(spec, n)| Telling {
                id: spec.kind.to_string(),
                naam: spec.plural.to_string(),
                aantal: *n,
            })
            .collect(),
        per_gebied: found
            .per_region
            .iter()
            .map(|(r, n)| Telling {
                id: r.id.clone(),
                naam: r.name.clone(),
                aantal: *n,
            })
            .collect(),
        per_thema: found
            .per_theme
            .iter()
            .map(|(t, n)| Telling {
                id: t.id.clone(),
                naam: t.name.clone(),
                aantal: *n,
            })
            .collect(),
    }))
}
