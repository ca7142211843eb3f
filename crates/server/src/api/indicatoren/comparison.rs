// SPDX-License-Identifier: EUPL-1.2
//! `GET /indicatoren/{id}/vergelijking`: a region's rank and quartile within a comparison group
//! (all regions of its kind, or for a gemeente its size class, provincie, arbeidsmarktregio, G4,
//! G40 or an own list), and its difference to its arbeidsmarktregio, COROP region, provincie and
//! Nederland.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use samenhang_domain::codes::RegionCode;
use samenhang_stats::compare::compare;
use samenhang_stats::peers::{resolve, PeerGroup};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::ApiCaller;
use crate::api::cijfers::{bronvermelding_van, region_ref, richting, Bronvermelding, Herkomst, IndicatorRef, Richting};
use crate::api::model::GebiedRef;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::{ApiError, InvalidParam};

/// Query parameters of `GET /indicatoren/{id}/vergelijking`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Het gebied om te vergelijken (CBS-code). Verplicht.
    #[param(example = "GM0153")]
    gebied: String,
    /// Het jaar (`2024` of `2024JJ00`; standaard het nieuwste jaar met een waarde voor het gebied).
    #[param(example = "2024")]
    periode: Option<String>,
    /// De vergelijkingsgroep waarin de rang wordt bepaald (standaard `alle`). De andere groepen
    /// vragen een gemeente als `gebied`.
    #[param(inline, example = "arbeidsmarktregio")]
    groep: Option<GroepSleutel>,
    /// Bij `groep=eigen`: de gemeenten van de groep, gescheiden door komma's (hoogstens 60; de gemeente
    /// zelf hoort er altijd bij).
    #[param(example = "GM0153,GM0164,GM0141")]
    leden: Option<String>,
}

/// De vergelijkingsgroepen.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum GroepSleutel {
    /// Every region of the same kind.
    Alle,
    /// Gemeenten of the same CBS size class (gemeentegrootte) that year.
    Grootteklasse,
    /// Gemeenten in the same provincie that year.
    Provincie,
    /// Gemeenten in the same arbeidsmarktregio that year.
    Arbeidsmarktregio,
    /// Amsterdam, Rotterdam, Den Haag and Utrecht.
    G4,
    /// The 41 members of Stedennetwerk G40.
    G40,
    /// An own list, in `leden`.
    Eigen,
}

/// De groep waarin een rang is bepaald.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vergelijkingsgroep {
    /// De sleutel, zoals in de parameter `groep`.
    #[schema(example = "arbeidsmarktregio")]
    pub sleutel: String,
    /// De naam.
    #[schema(example = "gemeenten in arbeidsmarktregio Twente")]
    pub naam: String,
    /// De leden bij naam; leeg bij `alle`.
    pub leden: Vec<GebiedRef>,
}

/// Een vergelijking met een groter gebied.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Referentie {
    /// Het grotere gebied.
    pub gebied: GebiedRef,
    /// De waarde.
    pub waarde: f64,
    /// Onze waarde min die van het andere gebied.
    pub verschil: f64,
    /// Het verschil in procenten van de waarde van het andere gebied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verschil_procent: Option<f64>,
}

/// De plaats van een gebied in zijn vergelijkingsgroep.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vergelijking {
    /// De indicator.
    pub indicator: IndicatorRef,
    /// Welke kant beter is.
    pub richting: Richting,
    /// Het gebied.
    pub gebied: GebiedRef,
    /// Jaar.
    #[schema(example = 2024)]
    pub jaar: i32,
    /// De waarde.
    pub waarde: f64,
    /// Waar de waarde vandaan komt.
    pub herkomst: Herkomst,
    /// De vergelijkingsgroep waarin de rang wordt bepaald.
    pub groep: Vergelijkingsgroep,
    /// Rang in de groep (1 = best; bij een neutrale indicator 1 = hoogste).
    #[schema(example = 12)]
    pub rang: usize,
    /// Aantal gebieden van de groep met een waarde, gerangschikt.
    #[schema(example = 342)]
    pub aantal: usize,
    /// Quartile (1 = best quarter).
    #[schema(example = 1)]
    pub kwartiel: u8,
    /// Verschillen met de grotere gebieden.
    pub vergelijkingen: Vec<Referentie>,
    /// Bron en licentie.
    pub bronvermelding: Bronvermelding,
}

/// Vergelijking van een gebied
///
/// Rang en kwartiel van het gebied in een vergelijkingsgroep (standaard alle gebieden van
/// dezelfde soort; voor een gemeente ook dezelfde grootteklasse, provincie of arbeidsmarktregio,
/// de G4, de G40 of een eigen lijst), en het verschil met zijn arbeidsmarktregio,
/// COROP-gebied, provincie en Nederland.
#[utoipa::path(
    get,
    path = "/indicatoren/{id}/vergelijking",
    operation_id = "indicatorVergelijking",
    tag = "Cijfers",
    params(("id" = String, Path, description = "Id van de indicator", example = "inwoners"), Params),
    responses(
        (status = 200, description = "De vergelijking", body = Vergelijking),
        (status = 400, description = "Een ongeldige parameter", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Geen indicator of gebied met deze code, of geen waarde", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vergelijking>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["gebied", "periode", "groep", "leden"]);
    let gebied = q.get("gebied", "format", |s| {
        RegionCode::parse(s).map_err(|e| format!("{e}."))
    });
    q.require("gebied", "Geef het gebied om te vergelijken, bijv. gebied=GM0153.");
    let year = super::year_param(&mut q, "periode");
    let leden = q.text("leden", 1_000);
    let groep = q.get("groep", "enum", |s| PeerGroup::parse(Some(s), leden.as_deref()));
    if groep.is_none() && leden.is_some() {
        q.fault(InvalidParam::new(
            "leden",
            "format",
            "De parameter leden hoort bij groep=eigen.",
        ));
    }
    let groep = groep.unwrap_or_default();
    q.finish()?;
    let gebied = gebied.ok_or_else(|| ApiError::Internal("gebied zonder fout afgewezen".into()))?;
    let snap = state.app.snapshot();
    let series = super::series(&snap, &id, &caller)?;
    if snap.regions.position(gebied).is_none() {
        return Err(ApiError::NotFound(format!("Er is geen gebied met code {gebied}.")));
    }
    let year = match year {
        Some(y) => y,
        None => series
            .years()
            .iter()
            .rev()
            .copied()
            .find(|y| snap.value(series, gebied, *y).is_some())
            .ok_or_else(|| ApiError::NotFound(format!("Indicator '{id}' heeft geen waarden voor {gebied}.")))?,
    };
    let peers = resolve(&snap, &groep, gebied, year)
        .map_err(|e| ApiError::Invalid(vec![InvalidParam::new("groep", "format", e)]))?;
    let c = compare(&snap, series, gebied, year, &peers)
        .map_err(|e| ApiError::NotFound(format!("Geen vergelijking mogelijk: {e}.")))?;
    Ok(Json(Vergelijking {
        indicator: (&series.indicator).into(),
        richting: richting(series.indicator.direction),
        gebied: region_ref(&snap, gebied),
        jaar: year,
        waarde: c.value,
        herkomst: c.origin.into(),
        groep: Vergelijkingsgroep {
            sleutel: peers.group.key().to_string(),
            naam: peers.name.clone(),
            leden: peers
                .listed(&snap)
                .into_iter()
                .map(|(code, _)| region_ref(&snap, code))
                .collect(),
        },
        rang: c.rank,
        aantal: c.of,
        kwartiel: c.quartile,
        vergelijkingen: c
            .references
            .iter()
            .map(|r| Referentie {
                gebied: region_ref(&snap, r.region),
                waarde: r.value,
                verschil: r.difference,
                verschil_procent: r.relative,
            })
            .collect(),
        bronvermelding: bronvermelding_van(&state.app, &series.indicator).await?,
    }))
}
