// SPDX-License-Identifier: EUPL-1.2
//! `GET /begrippenkaders/{id}/export`: the whole scheme as Turtle, JSON-LD or CSV.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use utoipa::IntoParams;

use crate::api::ApiState;
use crate::params::QueryParams;
use crate::problem::ApiError;

/// Query parameters of the export.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct Params {
    /// turtle (standaard), jsonld of csv.
    #[param(inline, example = "turtle")]
    formaat: Option<crate::api::model::ExportFormaat>,
}

/// Begrippenkader exporteren
///
/// Het hele begrippenkader volgens NL-SBB: Turtle en JSON-LD met alle triples (ook wat Samenhang
/// zelf niet toont), CSV met één regel per begrip in de kolommen van de NL-SBB-spreadsheet.
#[utoipa::path(
    get,
    path = "/begrippenkaders/{id}/export",
    operation_id = "begrippenkaderExport",
    tag = "Begrippen",
    params(("id" = String, Path, description = "Id van het begrippenkader", example = "arbeidsmarkt-en-economie"), Params),
    responses(
        (status = 200, description = "Het begrippenkader", content(
            (String = "text/turtle"),
            (serde_json::Value = "application/ld+json"),
            (String = "text/csv"),
        )),
        (status = 404, description = "Geen begrippenkader met dit id", body = crate::problem::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn handler(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut q = QueryParams::parse(raw.as_deref(), &["formaat"]);
    let formaat = q
        .get("formaat", "enum", |s| match s {
            "turtle" | "jsonld" | "csv" => Ok(s.to_string()),
            _ => Err("Kies uit turtle, jsonld of csv.".to_string()),
        })
        .unwrap_or_else(|| "turtle".into());
    q.finish()?;
    let view = state.app.vocab();
    let (_, vocab) = view
        .vocabulary(&id)
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen begrippenkader met id '{id}'.")))?;
    let (body, content_type, ext) = match formaat.as_str() {
        "jsonld" => (
            serde_json::to_vec_pretty(&samenhang_vocab::jsonld::document(&vocab.triples))
                .map_err(|e| ApiError::Internal(e.to_string()))?,
            "application/ld+json",
            "jsonld",
        ),
        "csv" => (
            samenhang_vocab::csv_io::write(vocab, Vec::new()).map_err(|e| ApiError::Internal(e.to_string()))?,
            "text/csv; charset=utf-8",
            "csv",
        ),
        _ => (
            samenhang_vocab::turtle::write(&vocab.triples, Vec::new())
                .map_err(|e| ApiError::Internal(e.to_string()))?,
            "text/turtle; charset=utf-8",
            "ttl",
        ),
    };
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{id}.{ext}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
