// SPDX-License-Identifier: EUPL-1.2
//! `GET /ondernemingen/_gelijkend`: companies that are probably the same.

use axum::extract::State;
use axum::Json;

use super::Gelijkende;
use crate::api::analyses::record;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::problem::ApiError;

/// Mogelijk dubbele ondernemingen
///
/// Paren ondernemingen die u mag zien met dezelfde naam (zonder rechtsvorm, zoals B.V.) in dezelfde
/// gemeente. Hetzelfde KvK-nummer met hetzelfde vestigingsnummer kan niet twee keer voorkomen.
#[utoipa::path(
    get,
    path = "/ondernemingen/_gelijkend",
    operation_id = "ondernemingenGelijkend",
    tag = "Ondernemingen",
    security((), ("apiSleutel" = [])),
    responses(
        (status = 200, description = "De paren", body = Vec<Gelijkende>),
        (status = 401, description = "De API-sleutel is onbekend", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Vec<Gelijkende>>, ApiError> {
    Ok(Json(
        samenhang_app::ondernemers::look_alikes(&state.app, &caller)
            .await?
            .iter()
            .map(|l| Gelijkende {
                a: record(&l.a),
                b: record(&l.b),
                gemeente: record(&l.gemeente),
            })
            .collect(),
    ))
}
