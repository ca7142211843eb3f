// SPDX-License-Identifier: EUPL-1.2
//! `GET /contactpersonen/_herzien`: contact persons due for review.

use axum::extract::{RawQuery, State};
use axum::Json;
use utoipa::IntoParams;

use super::Herzieningsregel;
use crate::api::analyses::record;
use crate::api::caller::ApiCaller;
use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// Zo veel jaar niet gezien bij een bezoek (standaard 3).
    #[param(example = 3, minimum = 1, maximum = 20)]
    jaren: Option<u32>,
}

/// Te herziene contactpersonen
///
/// De contactpersonen die u mag wijzigen en die al zo lang (standaard 3 jaar) bij geen bezoek
/// waren, of van wie de herzieningsdatum voorbij is: bewaren, bijwerken of vergeten.
#[utoipa::path(
    get,
    path = "/contactpersonen/_herzien",
    operation_id = "contactpersonenHerzien",
    tag = "Contactpersonen",
    params(Params),
    security(("apiSleutel" = [])),
    responses(
        (status = 200, description = "De contactpersonen", body = Vec<Herzieningsregel>),
        (status = 401, description = "Niet ingelogd", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<Herzieningsregel>>, ApiError> {
    samenhang_app::records::require_user(&caller)?;
    let mut q = QueryParams::parse(raw.as_deref(), &["jaren"]);
    let years = q.get("jaren", "range", |s| match s.trim().parse::<u32>() {
        Ok(n) if (1..=20).contains(&n) => Ok(n),
        _ => Err("Geef een aantal jaren van 1 tot en met 20.".to_string()),
    });
    q.finish()?;
    let today = samenhang_app::records::today();
    Ok(Json(
        samenhang_app::ondernemers::contacts_to_review(&state.app, &caller, today, years.unwrap_or(3))
            .await?
            .iter()
            .map(|r| Herzieningsregel {
                contactpersoon: record(&r.contact),
                onderneming: record(&r.company),
                laatst_gezien: r.last_seen,
                herzien_op: r.review_date,
                reden: r.reason.to_string(),
            })
            .collect(),
    ))
}
