// SPDX-License-Identifier: EUPL-1.2
//! `GET /gebieden/{code}`: one region with its memberships per year, and its predecessors and
//! successors with dates.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
use samenhang_domain::ReorganisationKind;
use utoipa::IntoParams;

use crate::api::model::{GebiedDetail, GebiedDetailLinks, Leden, Lidmaatschap, Link, Verwant};
use crate::api::ApiState;
use crate::api::{parse_region_code, Names};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters of `GET /gebieden/{code}`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Bij een groter gebied: het jaar waarvan de gemeenten worden genoemd (2010–2026, standaard het nieuwste).
    #[param(example = 2026, minimum = 2010, maximum = 2026)]
    jaar: Option<i32>,
}

/// Eén gebied
///
/// Het gebied met, voor een gemeente, de arbeidsmarktregio, het COROP-gebied en de provincie
/// per jaar; voor een groter gebied de gemeenten in `jaar`; en de voorgangers en opvolgers
/// via herindelingen, met datum. Bron: CBS (CC BY 4.0).
#[utoipa::path(
    get,
    path = "/gebieden/{code}",
    operation_id = "gebiedOpvragen",
    tag = "Gebieden",
    params(("code" = String, Path, description = "CBS-code van het gebied, bijv. GM0153, AM05, CR12, PV23, LD02 of NL01", example = "GM0153", pattern = "^(NL01|LD0[1-4]|PV[0-9]{2}|CR[0-9]{2}|AM[0-9]{2}|GM[0-9]{4})$"), Params),
    responses(
        (status = 200, description = "Het gebied", body = GebiedDetail),
        (status = 404, description = "Geen gebied met deze code", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(code): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<GebiedDetail>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["jaar"]);
    let code = parse_region_code(&mut q, &code);
    let year = q
        .year("jaar", FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR)
        .unwrap_or(LAST_CLASSIFICATION_YEAR);
    q.finish()?;
    let code = code.ok_or_else(|| ApiError::Internal("code zonder fout afgewezen".into()))?;
    let region = state
        .app
        .store()
        .region(code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen gebied met code {code}.")))?;

    let (memberships, members, events) = match code {
        RegionCode::Municipality(gm) => (
            state.app.store().memberships_of(gm).await?,
            None,
            state.app.store().reorganisations_of(gm).await?,
        ),
        RegionCode::Landsdeel(_) => (vec![], None, vec![]),
        other => (vec![], Some(state.app.store().members_of(other, year).await?), vec![]),
    };

    let mut names = Names::default();
    for m in memberships.iter().chain(members.iter().flatten()) {
        names.want(m.municipality.into());
        if let Some(am) = m.labour_market_region {
            names.want(am.into());
        }
        names.want(m.corop.into());
        names.want(m.province.into());
    }
    for e in &events {
        for t in &e.transfers {
            names.want(t.from.into());
            names.want(t.to.into());
        }
    }
    names.resolve(state.app.store()).await?;

    // Predecessors: gemeenten abolished or renamed into this one; successors: the reverse.
    let mut voorgangers = Vec::new();
    let mut opvolgers = Vec::new();
    for e in &events {
        if !matches!(
            e.kind,
            ReorganisationKind::Samenvoeging | ReorganisationKind::Splitsing | ReorganisationKind::Naamswijziging
        ) {
            continue;
        }
        for t in e
            .transfers
            .iter()
            .filter(|t| t.from != t.to && e.abolished.contains(&t.from))
        {
            let verwant = |other: RegionCode| Verwant {
                gemeente: names.reference(other),
                datum: e.date,
                soort: e.kind.into(),
                herindeling: e.id.clone(),
            };
            if RegionCode::from(t.to) == code {
                voorgangers.push(verwant(t.from.into()));
            } else if RegionCode::from(t.from) == code {
                opvolgers.push(verwant(t.to.into()));
            }
        }
    }

    let lidmaatschappen = memberships
        .iter()
        .map(|m| Lidmaatschap {
            jaar: m.year,
            naam: m.name.clone(),
            arbeidsmarktregio: m.labour_market_region.map(|c| names.reference(c.into())),
            corop: names.reference(m.corop.into()),
            provincie: names.reference(m.province.into()),
        })
        .collect();
    let leden = members.map(|ms| Leden {
        jaar: year,
        aantal: ms.len(),
        gemeenten: ms
            .iter()
            .map(|m| names.reference_named(m.municipality.into(), &m.name))
            .collect(),
    });
    let is_municipality = matches!(code, RegionCode::Municipality(_));
    Ok(Json(GebiedDetail {
        kern: (&region).into(),
        lidmaatschappen,
        leden,
        voorgangers,
        opvolgers,
        links: GebiedDetailLinks {
            self_: Link::to(format!("/api/v1/gebieden/{code}")),
            herindelingen: is_municipality.then(|| Link::to(format!("/api/v1/herindelingen?gemeente={code}"))),
            opvolgers: is_municipality.then(|| Link::to(format!("/api/v1/gebieden/{code}/opvolgers"))),
        },
    }))
}
