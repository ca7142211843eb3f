// SPDX-License-Identifier: EUPL-1.2
//! `GET /rollen`: the roles the caller may see.

use axum::extract::State;
use axum::Json;

use super::{Gebruiker, Rol, RollenLijst};
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Lijst van rollen
///
/// De rollen in de organisaties waarvan je beheerder bent, en je eigen rollen.
#[utoipa::path(
    get,
    path = "/rollen",
    operation_id = "rollenLijst",
    tag = "Toegang",
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "De rollen", body = RollenLijst),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<RollenLijst>, ApiError> {
    let me = samenhang_app::records::require_user(&caller)?;
    let administered = caller.administered();
    let mut roles = state.app.store().roles(&caller.organisations()).await?;
    roles.retain(|r| r.user.id == me.id || administered.contains(&r.organisation));
    Ok(Json(RollenLijst {
        rollen: roles
            .into_iter()
            .map(|r| Rol {
                gebruiker: Gebruiker {
                    id: r.user.id,
                    naam: r.user.name,
                    email: r.email,
                },
                organisatie: r.organisation,
                rol: r.role.as_str().into(),
            })
            .collect(),
    }))
}
