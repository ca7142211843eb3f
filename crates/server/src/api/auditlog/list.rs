// SPDX-License-Identifier: EUPL-1.2
//! `GET /auditlog`: the changes in the organisations the caller administers, newest first.

use axum::extract::{RawQuery, State};
use axum::Json;
use utoipa::IntoParams;

use super::{AuditLog, AuditRegel};
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::api::{page_links, paginering};
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of `GET /auditlog`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, non_snake_case)]
pub struct Params {
    /// Paginanummer, vanaf 1.
    #[param(minimum = 1, maximum = 1000000, example = 1)]
    pagina: Option<u32>,
    /// Aantal per pagina, 1–100 (standaard 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    paginaGrootte: Option<u32>,
}

/// Auditlog
///
/// Wie wat wanneer heeft gewijzigd in de organisaties waarvan je beheerder bent: records,
/// organisaties en rollen. Nieuwste eerst.
#[utoipa::path(
    get,
    path = "/auditlog",
    operation_id = "auditlogLijst",
    tag = "Toegang",
    params(Params),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "Een pagina van het auditlog", body = AuditLog),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Geen beheerder", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<AuditLog>, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let mut q = QueryParams::parse(raw.as_deref(), &["pagina", "paginaGrootte"]);
    let paging = q.paging();
    q.finish()?;
    let page = samenhang_app::accounts::audit_log(state.app.store(), &caller, paging).await?;
    Ok(Json(AuditLog {
        regels: page
            .items
            .into_iter()
            .map(|e| AuditRegel {
                volgnummer: e.id,
                tijdstip: e.at,
                door: e.user_name,
                gebruiker: e.user_id,
                organisatie: e.organisation,
                actie: e.action,
                soort: e.kind,
                id: e.item_id,
                versie: e.version,
                samenvatting: e.summary,
            })
            .collect(),
        paginering: paginering(page.total, paging),
        links: page_links("/api/v1/auditlog", raw.as_deref(), page.total, paging),
    }))
}
