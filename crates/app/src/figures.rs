// SPDX-License-Identifier: EUPL-1.2
//! What the figures need besides the snapshot: the source line of a set of CBS tables, or of an
//! own indicator (the organisation that defines it).

use crate::{App, AppError};

/// A CBS table a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceTable {
    /// The dataset id in Samenhang.
    pub id: String,
    /// The CBS table id.
    pub table: String,
    /// Its title.
    pub title: String,
}

/// The source of a set of figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// "Bron: CBS, tabel 85224NED (CC BY 4.0)".
    pub text: String,
    /// The licence URL.
    pub licence: String,
    /// The tables.
    pub tables: Vec<SourceTable>,
}

/// The source line of the datasets `ids`.
pub async fn source(app: &App, ids: &[String]) -> Result<Source, AppError> {
    let mut tables = Vec::new();
    let mut licence = String::new();
    for id in ids {
        if let Some(d) = app.store().dataset(id).await? {
            if licence.is_empty() {
                licence = d.dataset.licence.clone();
            }
            tables.push(SourceTable {
                id: d.dataset.id,
                table: d.dataset.table,
                title: d.dataset.title,
            });
        }
    }
    let mut names: Vec<&str> = tables.iter().map(|t| t.table.as_str()).collect();
    names.dedup();
    let text = format!(
        "Bron: CBS, {} {} (CC BY 4.0)",
        if names.len() == 1 { "tabel" } else { "tabellen" },
        names.join(", ")
    );
    Ok(Source {
        text,
        licence: if licence.is_empty() {
            "https://creativecommons.org/licenses/by/4.0/".into()
        } else {
            licence
        },
        tables,
    })
}

/// The source line of an indicator: its CBS tables, or for an own indicator the organisation
/// and its source text (and the CBS tables of the inhabitants it is weighted with).
pub async fn source_of(app: &App, indicator: &samenhang_stats::Indicator) -> Result<Source, AppError> {
    let tables: Vec<String> = indicator
        .datasets()
        .into_iter()
        .filter(|d| d != samenhang_stats::definition::OWN_DATASET)
        .collect();
    let Some(owner) = &indicator.owner else {
        return source(app, &tables).await;
    };
    let cbs = if tables.is_empty() {
        None
    } else {
        Some(source(app, &tables).await?)
    };
    let text = match &cbs {
        Some(c) => format!(
            "Bron: {} ({}); gewogen met inwoners, {}",
            owner.name,
            owner.source,
            c.text.trim_start_matches("Bron: ")
        ),
        None => format!("Bron: {} ({})", owner.name, owner.source),
    };
    Ok(Source {
        text,
        licence: format!(
            "Eigen cijfers van {}; vraag de organisatie naar hergebruik.",
            owner.name
        ),
        tables: cbs.map(|c| c.tables).unwrap_or_default(),
    })
}
