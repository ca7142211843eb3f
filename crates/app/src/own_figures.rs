// SPDX-License-Identifier: EUPL-1.2
//! The region's own figures: a redacteur uploads the figures of an own indicator (a record of
//! kind `eigen-indicator`) as CSV, all or nothing, and anyone who may see the indicator
//! downloads them in the same format. The figures then show next to CBS's wherever the
//! indicator's series is shown (`samenhang_stats::Snapshot::series_for`).

use std::collections::HashMap;

use samenhang_domain::own_figures::{parse_status, parse_year, OwnFigure};
use samenhang_domain::spec::RegionSet;
use samenhang_domain::RegionCode;
use samenhang_registers::{read_figures, write_lines, CsvFault, FIGURE_COLUMNS};

use crate::csv::at;
use crate::error::fault;
use crate::input::{dutch_decimal, dutch_number, Resolver};
use crate::kinds::{by_kind, Kind};
use crate::records::{find, require_write};
use crate::{App, AppError, Principal};

/// What an upload stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uploaded {
    /// Figures stored (they replace the earlier ones).
    pub figures: usize,
    /// Different areas.
    pub areas: usize,
    /// The first and last year.
    pub years: Option<(i32, i32)>,
}

/// The kind of own indicators.
pub fn kind() -> Result<&'static dyn Kind, AppError> {
    by_kind(samenhang_domain::own_figures::OWN_INDICATOR_SPEC.kind)
        .ok_or_else(|| AppError::internal("de soort eigen-indicator staat niet in de lijst"))
}

/// Replaces the figures of own indicator `id` with those of the CSV file `bytes`. Every fault
/// at once, with line and column; with one fault nothing is stored.
pub async fn upload(app: &App, caller: &Principal, id: &str, bytes: &[u8]) -> Result<Uploaded, AppError> {
    let item = find(app, caller, kind()?, id).await?;
    require_write(caller, &item.owner)?;
    let lines = read_figures(bytes).map_err(|faults| AppError::Invalid(faults.into_iter().map(csv_fault).collect()))?;
    if lines.is_empty() {
        return Err(AppError::invalid(
            &at(2, ""),
            "required",
            "Het bestand bevat geen cijfers: zet onder de kopregel één regel per gebied en jaar.",
        ));
    }
    let resolver = Resolver::new(app, caller);
    let mut regions: HashMap<String, Result<RegionCode, String>> = HashMap::new();
    let mut seen: HashMap<(RegionCode, i32), usize> = HashMap::new();
    let mut faults = Vec::new();
    let mut figures = Vec::with_capacity(lines.len());
    for (line, cells) in &lines {
        let cell = |c: &str| cells.get(c).map_or("", String::as_str);
        let mut bad = |column: &str, reason: String| faults.push(fault(&at(*line, column), "csv", reason));
        let region = match cell("gebied") {
            "" => {
                bad(
                    "gebied",
                    "Vul het gebied in: een code (GM0153) of een naam (Enschede).".into(),
                );
                None
            }
            text => {
                let found = regions.entry(text.to_string()).or_insert_with(|| {
                    resolver
                        .region(text, RegionSet::Any)
                        .and_then(|c| RegionCode::parse(&c).map_err(|e| format!("{e}.")))
                });
                match found {
                    Ok(c) => Some(*c),
                    Err(e) => {
                        bad("gebied", e.clone());
                        None
                    }
                }
            }
        };
        let year = parse_year(cell("periode")).map_err(|e| bad("periode", e)).ok();
        let value = match cell("waarde") {
            "" => {
                bad(
                    "waarde",
                    "Vul de waarde in; laat een gebied zonder cijfer weg uit het bestand.".into(),
                );
                None
            }
            text => {
                let v = dutch_number(text);
                if v.is_none() {
                    bad(
                        "waarde",
                        format!("'{text}' is geen getal; schrijf bijvoorbeeld 4,6 of 1234."),
                    );
                }
                v
            }
        };
        let status = parse_status(cell("status")).map_err(|e| bad("status", e)).ok();
        if let (Some(region), Some(year), Some(value), Some(status)) = (region, year, value, status) {
            if let Some(first) = seen.insert((region, year), *line) {
                bad(
                    "gebied",
                    format!("{region} in {year} staat ook al op regel {first}; geef elk gebied één waarde per jaar."),
                );
            } else {
                figures.push(OwnFigure {
                    region,
                    year,
                    value,
                    status,
                });
            }
        }
    }
    if !faults.is_empty() {
        return Err(AppError::Invalid(faults));
    }
    match app.store().replace_own_figures(id, &figures).await {
        Ok(()) => {}
        Err(samenhang_store::StoreError::Missing(_)) => {
            return Err(AppError::NotFound(format!("Er is geen eigen indicator met id '{id}'.")))
        }
        Err(e) => return Err(e.into()),
    }
    app.rebuild_figures().await?;
    let years = figures.iter().map(|f| f.year);
    Ok(Uploaded {
        figures: figures.len(),
        areas: seen
            .keys()
            .map(|(r, _)| *r)
            .collect::<std::collections::HashSet<_>>()
            .len(),
        years: years.clone().min().zip(years.max()),
    })
}

fn csv_fault(f: CsvFault) -> samenhang_domain::registers::Fault {
    fault(&at(f.line, &f.column), "csv", f.reason)
}

/// The figures of own indicator `id` as CSV, in the format [`upload`] reads.
pub async fn download(app: &App, caller: &Principal, id: &str) -> Result<Vec<u8>, AppError> {
    find(app, caller, kind()?, id).await?;
    let rows: Vec<Vec<String>> = app
        .store()
        .own_figures(Some(id))
        .await?
        .into_iter()
        .map(|(_, f)| {
            vec![
                f.region.to_string(),
                f.year.to_string(),
                dutch_decimal(f.value),
                f.status.unwrap_or_default(),
            ]
        })
        .collect();
    Ok(write_lines(&FIGURE_COLUMNS, &rows))
}

/// The empty file with its header, to fill in.
pub fn template() -> Vec<u8> {
    write_lines(&FIGURE_COLUMNS, &[])
}
