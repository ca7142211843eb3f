// SPDX-License-Identifier: EUPL-1.2
//! `GET /gebieden/{code}/opvolgers`: maps a gemeente of one year's classification onto the
//! gemeente(n) of a later year, with shares, through the herindelingen.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::region::{FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR};
use utoipa::IntoParams;

use crate::api::model::{Opvolger, Opvolging};
use crate::api::ApiState;
use crate::api::{parse_region_code, Names};
use crate::params::QueryParams;
use crate::problem::{ApiError, InvalidParam};

/// Parameters of `GET /gebieden/{code}/opvolgers`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Jaar van de oorspronkelijke indeling (2010–2026; standaard het laatste jaar dat de gemeente bestond).
    #[param(example = 2018, minimum = 2010, maximum = 2026)]
    vanJaar: Option<i32>,
    /// Jaar van de nieuwe indeling (2010–2026, niet voor `vanJaar`; standaard 2026).
    #[param(example = 2026, minimum = 2010, maximum = 2026)]
    naarJaar: Option<i32>,
}

/// Opvolgers van een gemeente
///
/// De gemeente(n) waarin het grondgebied van deze gemeente in `naarJaar` ligt, met het aandeel
/// van de inwoners dat naar elk ging (bij een splitsing naar rato van de inwoners op de datum van
/// de herindeling). Een gemeente die niet veranderde, is haar eigen opvolger met aandeel 1.
#[utoipa::path(
    get,
    path = "/gebieden/{code}/opvolgers",
    operation_id = "gebiedOpvolgers",
    tag = "Gebieden",
    params(("code" = String, Path, description = "GM-code van een gemeente in de indeling van vanJaar", example = "GM0457", pattern = "^GM[0-9]{4}$"), Params),
    responses(
        (status = 200, description = "De opvolgers", body = Opvolging),
        (status = 404, description = "Geen gemeente met deze code", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(code): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Opvolging>, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["vanJaar", "naarJaar"]);
    let code = parse_region_code(&mut q, &code);
    let gm = match code {
        Some(RegionCode::Municipality(gm)) => Some(gm),
        Some(other) => {
            q.fault(InvalidParam::new(
                "code",
                "kind",
                format!("{other} is geen gemeente; opvolgers bestaan alleen voor gemeenten."),
            ));
            None
        }
        None => None,
    };
    let from = q.year("vanJaar", FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR);
    let to = q
        .year("naarJaar", FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR)
        .unwrap_or(LAST_CLASSIFICATION_YEAR);
    if let Some(from) = from {
        if to < from {
            q.fault(InvalidParam::new(
                "naarJaar",
                "range",
                format!("naarJaar mag niet vóór vanJaar ({from}) liggen."),
            ));
        }
    }
    q.finish()?;
    let gm = gm.ok_or_else(|| ApiError::Internal("code zonder fout afgewezen".into()))?;
    let memberships = state.app.store().memberships_of(gm).await?;
    let Some(last) = memberships.last() else {
        return Err(match state.app.store().region(gm.into()).await? {
            Some(_) => ApiError::Invalid(vec![InvalidParam::new(
                "code",
                "range",
                format!("{gm} bestond in geen van de jaren {FIRST_CLASSIFICATION_YEAR}–{LAST_CLASSIFICATION_YEAR}."),
            )]),
            None => ApiError::NotFound(format!("Er is geen gemeente met code {gm}.")),
        });
    };
    let from = from.unwrap_or(last.year);
    if !memberships.iter().any(|m| m.year == from) {
        return Err(ApiError::Invalid(vec![InvalidParam::new(
            "vanJaar",
            "range",
            format!("{gm} bestond niet in de indeling van {from}."),
        )]));
    }
    if to < from {
        return Err(ApiError::Invalid(vec![InvalidParam::new(
            "naarJaar",
            "range",
            format!("naarJaar mag niet vóór vanJaar ({from}) liggen."),
        )]));
    }
    let successors = state
        .app
        .lineage()
        .successors(gm, from, to)
        .map_err(|e| ApiError::Invalid(vec![InvalidParam::new("naarJaar", "range", e.to_string())]))?;
    let mut names = Names::default();
    names.want(gm.into());
    for s in &successors {
        names.want(s.code.into());
    }
    names.resolve(state.app.store()).await?;
    Ok(Json(Opvolging {
        gemeente: names.reference(gm.into()),
        van_jaar: from,
        naar_jaar: to,
        opvolgers: successors
            .iter()
            .map(|s| Opvolger {
                gemeente: names.reference(s.code.into()),
                aandeel: (s.share * 1e6).round() / 1e6,
            })
            .collect(),
    }))
}
