// SPDX-License-Identifier: EUPL-1.2
//! `GET /actiepunten/_lijst`: the action list, overdue first, with the age of each open item.

use axum::extract::{RawQuery, State};
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::RecordRef;
use crate::api::analyses::OrganisatieRef;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Alleen die van deze persoon (id).
    #[param(max_length = 80)]
    eigenaar: Option<String>,
    /// Alleen die van deze organisatie (id), als eigenaar of als houder.
    #[param(max_length = 80)]
    organisatie: Option<String>,
    /// Alleen die van de portefeuille van deze wethouder (id): van de wethouder zelf, of op een van haar of zijn thema's.
    #[param(max_length = 80)]
    wethouder: Option<String>,
    /// Alleen die uit bijeenkomsten van dit overleg (id).
    #[param(max_length = 80)]
    overleg: Option<String>,
    /// Alleen die van organisaties in deze arbeidsmarktregio (AM05).
    #[param(example = "AM05", pattern = "^AM[0-9]{2}$")]
    regio: Option<String>,
    /// Alleen die op dit thema (begrip-id).
    #[param(max_length = 80)]
    thema: Option<String>,
    /// Ook afgedane en vervallen (ja) of alleen open (nee, standaard).
    #[param(example = "nee", pattern = "^(ja|nee)$")]
    alle: Option<String>,
    /// Peildatum (standaard vandaag).
    #[param(example = "2026-11-28", format = Date)]
    peildatum: Option<String>,
}

/// Een actiepunt in de lijst.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Actiepuntregel {
    /// Het actiepunt.
    pub actiepunt: RecordRef,
    /// actiepunt of aanbeveling.
    pub soort: String,
    /// De persoon die het doet.
    pub eigenaar: Option<RecordRef>,
    /// De organisatie die het doet of houdt.
    pub organisatie: OrganisatieRef,
    /// De bijeenkomst waar het vandaan komt.
    pub bijeenkomst: Option<RecordRef>,
    /// Het overleg van die bijeenkomst.
    pub overleg: Option<RecordRef>,
    /// De deadline.
    pub deadline: Option<NaiveDate>,
    /// open, in-uitvoering, afgedaan of vervallen.
    pub status: String,
    /// Dagen over de deadline, als het open is en te laat.
    pub dagen_te_laat: Option<i64>,
    /// Dagen sinds het is afgesproken, als het open is.
    pub leeftijd_dagen: Option<i64>,
    /// De laatste stand van zaken.
    pub laatste_update: Option<String>,
    /// De thema's.
    pub themas: Vec<RecordRef>,
}

/// De actielijst.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Actielijst {
    /// De peildatum.
    pub peildatum: NaiveDate,
    /// Open actiepunten.
    pub open: usize,
    /// Waarvan over de deadline.
    pub te_laat: usize,
    /// De actiepunten: te laat eerst, dan open op deadline, dan de rest.
    pub actiepunten: Vec<Actiepuntregel>,
}

fn named(n: &samenhang_app::analyses::Named) -> RecordRef {
    RecordRef {
        id: n.id.clone(),
        titel: n.name.clone(),
    }
}

/// Actielijst
///
/// De actiepunten die u mag zien, per eigenaar, organisatie, portefeuille van een wethouder,
/// overleg, arbeidsmarktregio of thema; wat over de deadline is eerst, met de leeftijd van elk
/// open punt.
#[utoipa::path(
    get,
    path = "/actiepunten/_lijst",
    operation_id = "actielijst",
    tag = "Verslagen",
    params(Params),
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De actielijst", body = Actielijst),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Actielijst>, ApiError> {
    let names: Vec<&str> = crate::params::ACTION_FILTER
        .iter()
        .copied()
        .chain(["peildatum"])
        .collect();
    let mut q = QueryParams::parse(raw.as_deref(), &names);
    let filter = crate::params::action_filter(&mut q);
    let day = q.get("peildatum", "format", crate::params::iso_date);
    q.finish()?;
    let day = day.unwrap_or_else(samenhang_app::records::today);
    let list = samenhang_app::verslagen::actions(&state.app, &caller, &filter, day).await?;
    Ok(Json(Actielijst {
        peildatum: list.today,
        open: list.open,
        te_laat: list.overdue,
        actiepunten: list
            .lines
            .iter()
            .map(|l| Actiepuntregel {
                actiepunt: named(&l.item),
                soort: l.kind.clone(),
                eigenaar: l.owner.as_ref().map(named),
                organisatie: OrganisatieRef {
                    id: l.organisation.id.clone(),
                    naam: l.organisation.name.clone(),
                },
                bijeenkomst: l.meeting.as_ref().map(named),
                overleg: l.body.as_ref().map(named),
                deadline: l.deadline,
                status: l.status.clone(),
                dagen_te_laat: l.days_late,
                leeftijd_dagen: l.age,
                laatste_update: l
                    .last_update
                    .as_ref()
                    .map(|(d, t)| format!("{}: {t}", d.format("%d-%m-%Y"))),
                themas: l.themes.iter().map(named).collect(),
            })
            .collect(),
    }))
}
