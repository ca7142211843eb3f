// SPDX-License-Identifier: EUPL-1.2
//! Readers for the region registry's source files (see `data/README.md`):
//!
//! | file | format | read by |
//! |---|---|---|
//! | `03759ned_codes-RegioS.json` | CBS OData v4 `{Dim}Codes` | [`read_code_list`] |
//! | `85554NED_codes-RegioS.json` | CBS OData v4 `{Dim}Codes` | [`read_code_list`] |
//! | `gemeenten_indeling_2010-2026.csv` | CSV, last-year classification | [`read_last_year_classification`] |
//! | `70072NED_regionale_kerncijfers_gemeenten_2015.csv` | StatLine untyped CSV | [`read_dated_classification`] |
//! | `gemeentelijke_herindelingen_uit_cbs_03759ned.csv` | CSV, one line per side of a change | [`read_reorganisations`] |
//! | `gebieden/<tabel>_gebieden_<jaar>.csv` | StatLine CSV with labels, one per year 2016–2025 | [`read_gebieden`] |
//!
//! [`read_dir`] reads them all from one directory layout. Every fault names the file and,
//! where it can, the line and field.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::NaiveDate;
use samenhang_domain::codes::{CoropCode, LabourMarketRegionCode, MunicipalityCode, ProvinceCode, RegionCode};
use samenhang_domain::registry::{Begin, ClassificationRow, CodeListEntry, RegistrySources};
use samenhang_domain::reorganisation::{RecordEvent, ReorganisationRecord};
use serde::Deserialize;

use crate::error::ReadError;

/// Where each source lies, relative to the snapshot directory.
pub const CODE_LIST: &str = "regions/03759ned_codes-RegioS.json";
/// Arbeidsmarktregio code list.
pub const AM_CODE_LIST: &str = "regions/85554NED_codes-RegioS.json";
/// Last-year classification.
pub const LAST_YEAR_CLASSIFICATION: &str = "regions/gemeenten_indeling_2010-2026.csv";
/// The 2015 classification (inside the regional key figures).
pub const DATED_CLASSIFICATION: &str = "cbs/70072NED_regionale_kerncijfers_gemeenten_2015.csv";
/// Herindelingen.
pub const REORGANISATIONS: &str = "regions/gemeentelijke_herindelingen_uit_cbs_03759ned.csv";
/// CBS "Gebieden in Nederland", one file per year, named `<tabel>_gebieden_<jaar>.csv`.
pub const GEBIEDEN_DIR: &str = "regions/gebieden";

/// Reads all region sources from a snapshot directory (the project's `data/`).
pub fn read_dir(dir: &Path) -> Result<RegistrySources, ReadError> {
    let open = |rel: &str| -> Result<(BufReader<File>, String), ReadError> {
        let path = dir.join(rel);
        let name = path.display().to_string();
        File::open(&path)
            .map(|f| (BufReader::new(f), name.clone()))
            .map_err(|e| ReadError::file(&name, format!("kan het bestand niet openen: {e}")))
    };
    let (r, n) = open(CODE_LIST)?;
    let code_list = read_code_list(r, &n)?;
    let (r, n) = open(AM_CODE_LIST)?;
    let labour_market_regions = read_code_list(r, &n)?
        .into_iter()
        .filter(|e| matches!(e.code, RegionCode::LabourMarketRegion(_)))
        .collect();
    let (r, n) = open(LAST_YEAR_CLASSIFICATION)?;
    let last_year_classification = read_last_year_classification(r, &n)?;
    let (r, n) = open(DATED_CLASSIFICATION)?;
    let dated_classification = read_dated_classification(r, &n)?;
    let (r, n) = open(REORGANISATIONS)?;
    let reorganisations = read_reorganisations(r, &n)?;
    let mut dated_classification = dated_classification;
    for (year, path) in gebieden_files(dir)? {
        let (r, n) = open(&path)?;
        dated_classification.extend(read_gebieden(r, &n, year)?.into_iter().map(|g| g.classification));
    }
    Ok(RegistrySources {
        code_list,
        labour_market_regions,
        last_year_classification,
        dated_classification,
        reorganisations,
    })
}

/// The "Gebieden in Nederland" files of a snapshot directory with their year (from the file
/// name, `…_gebieden_2024.csv`), by year; none when the directory is absent.
pub fn gebieden_files(dir: &Path) -> Result<Vec<(i32, String)>, ReadError> {
    let folder = dir.join(GEBIEDEN_DIR);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".csv") else {
            continue;
        };
        let year = stem
            .rsplit_once("_gebieden_")
            .and_then(|(_, y)| parse_year(y).ok())
            .ok_or_else(|| {
                ReadError::file(
                    &folder.join(&name).display().to_string(),
                    "de bestandsnaam moet eindigen op _gebieden_<jaar>.csv",
                )
            })?;
        if out.iter().any(|(y, _)| *y == year) {
            return Err(ReadError::file(
                &folder.join(&name).display().to_string(),
                format!("er is al een bestand voor {year}"),
            ));
        }
        out.push((year, format!("{GEBIEDEN_DIR}/{name}")));
    }
    out.sort();
    Ok(out)
}

/// One gemeente of a "Gebieden in Nederland" file.
#[derive(Debug, Clone, PartialEq)]
pub struct GebiedenRow {
    /// The label StatLine gives the gemeente that year (`Groningen (gemeente)`, `Bergen (L.)`).
    pub label: String,
    /// Its regions that year.
    pub classification: ClassificationRow,
    /// The larger regions it lies in that year (AM, COROP, provincie, landsdeel) with their names.
    pub regions: Vec<(RegionCode, String)>,
}

/// Reads CBS "Gebieden in Nederland" of one year as StatLine gives it with labels: `;`, a BOM,
/// `ID`, `RegioS` (the label), `Code_1` (the GM code), then code and name pairs of the regions it
/// lies in. The AM, COROP, provincie and landsdeel are found by the prefix of the codes, because
/// the column numbers differ between years.
pub fn read_gebieden<R: Read>(reader: R, file: &str, year: i32) -> Result<Vec<GebiedenRow>, ReadError> {
    let mut rdr = csv_reader(reader, b';');
    let headers = rdr.headers().map_err(|e| ReadError::csv(file, &e))?.clone();
    let cols = Columns::new(file, &headers);
    let c_label = cols.require("RegioS")?;
    let c_code = cols.require("Code_1")?;
    let pairs: Vec<(usize, Option<usize>)> = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| h.starts_with("Code_") && *i != c_code)
        .map(|(i, _)| (i, headers.get(i + 1).filter(|n| n.starts_with("Naam_")).map(|_| i + 1)))
        .collect();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ReadError::csv(file, &e))?;
        let label = field(file, &rec, c_label, "RegioS")?.to_string();
        if label.is_empty() {
            return Err(ReadError::file(file, "de naam is leeg")
                .at_line(line_of(&rec))
                .in_field("RegioS"));
        }
        let municipality = parse_field(file, &rec, c_code, "Code_1", MunicipalityCode::parse)?;
        let (mut am, mut cr, mut pv) = (None, None, None);
        let mut regions = Vec::new();
        for &(i, name_col) in &pairs {
            let v = field(file, &rec, i, &headers[i])?;
            let kind = v.get(..2);
            if !matches!(kind, Some("AM" | "CR" | "PV" | "LD")) {
                continue;
            }
            let code = parse_field(file, &rec, i, &headers[i], RegionCode::parse)?;
            let name = match name_col {
                Some(n) => field(file, &rec, n, &headers[n])?.to_string(),
                None => String::new(),
            };
            // CBS's AM99 "Niet in te delen": a new gemeente not yet in an arbeidsmarktregio
            // (Vijfheerenlanden and West Betuwe in 2019, Vijfheerenlanden in 2020).
            if v == "AM99" {
                continue;
            }
            match code {
                RegionCode::LabourMarketRegion(c) => am = Some((c, name.clone())),
                RegionCode::Corop(c) => cr = Some(c),
                RegionCode::Province(c) => pv = Some(c),
                _ => {}
            }
            regions.push((code, name));
        }
        let missing = |what: &str| {
            ReadError::file(file, format!("geen {what} gevonden in de Code_-kolommen"))
                .at_line(line_of(&rec))
                .in_record(municipality.to_string())
        };
        out.push(GebiedenRow {
            classification: ClassificationRow {
                municipality,
                name: String::new(),
                year,
                labour_market_region: am,
                corop: cr.ok_or_else(|| missing("COROP-code"))?,
                province: pv.ok_or_else(|| missing("provinciecode"))?,
            },
            label,
            regions,
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct CodesFile {
    value: Vec<CodeItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CodeItem {
    identifier: String,
    title: String,
    #[serde(default)]
    description: Option<String>,
}

/// Reads a CBS OData v4 `RegioSCodes` file. Codes of kinds the registry does not hold (such as
/// woonplaatsen) are an error; `AM99` ("Niet in te delen") is skipped.
pub fn read_code_list<R: Read>(reader: R, file: &str) -> Result<Vec<CodeListEntry>, ReadError> {
    let parsed: CodesFile = serde_json::from_reader(reader).map_err(|e| ReadError::json(file, &e))?;
    let mut out = Vec::with_capacity(parsed.value.len());
    for (i, item) in parsed.value.into_iter().enumerate() {
        let record = format!("{} (nr. {})", item.identifier.trim(), i + 1);
        if item.identifier.trim() == "AM99" {
            continue;
        }
        let code = RegionCode::parse(&item.identifier).map_err(|e| {
            ReadError::file(file, e.to_string())
                .in_record(record.clone())
                .in_field("Identifier")
        })?;
        let title = strip_kind_suffix(item.title.trim()).to_string();
        if title.is_empty() {
            return Err(ReadError::file(file, "de naam is leeg")
                .in_record(record)
                .in_field("Title"));
        }
        let begin = item
            .description
            .as_deref()
            .map_or(Ok(Begin::Unknown), parse_begin)
            .map_err(|m| ReadError::file(file, m).in_record(record).in_field("Description"))?;
        out.push(CodeListEntry { code, title, begin });
    }
    Ok(out)
}

fn strip_kind_suffix(title: &str) -> &str {
    for suffix in [" (PV)", " (CR)", " (LD)", " (AM)"] {
        if let Some(stripped) = title.strip_suffix(suffix) {
            return stripped;
        }
    }
    title
}

/// Finds "Begindatum voor 1830" or "Begindatum dd-mm-jjjj" in a CBS code description.
fn parse_begin(description: &str) -> Result<Begin, String> {
    let Some(pos) = description.find("Begindatum ") else {
        return Ok(Begin::Unknown);
    };
    let rest = description[pos + "Begindatum ".len()..].trim_start();
    if rest.starts_with("voor 1830") {
        return Ok(Begin::Before1830);
    }
    let text: String = rest.chars().take(10).collect();
    NaiveDate::parse_from_str(&text, "%d-%m-%Y")
        .map(Begin::On)
        .map_err(|_| format!("onleesbare begindatum '{text}': verwacht dd-mm-jjjj of 'voor 1830'"))
}

fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(reader)
}

/// Column positions by header name, with a clear error for a missing one.
struct Columns {
    file: String,
    index: HashMap<String, usize>,
}

impl Columns {
    fn new(file: &str, headers: &csv::StringRecord) -> Self {
        let index = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim_start_matches('\u{feff}').to_string(), i))
            .collect();
        Columns {
            file: file.to_string(),
            index,
        }
    }

    fn require(&self, name: &str) -> Result<usize, ReadError> {
        self.index
            .get(name)
            .copied()
            .ok_or_else(|| ReadError::file(&self.file, format!("kolom '{name}' ontbreekt in de kopregel")).at_line(1))
    }
}

fn line_of(record: &csv::StringRecord) -> u64 {
    record.position().map_or(0, |p| p.line())
}

fn field<'r>(file: &str, record: &'r csv::StringRecord, idx: usize, name: &str) -> Result<&'r str, ReadError> {
    record.get(idx).map(str::trim).ok_or_else(|| {
        ReadError::file(file, "te weinig velden")
            .at_line(line_of(record))
            .in_field(name)
    })
}

fn parse_field<T, E: std::fmt::Display>(
    file: &str,
    record: &csv::StringRecord,
    idx: usize,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, ReadError> {
    let raw = field(file, record, idx, name)?;
    parse(raw).map_err(|e| {
        ReadError::file(file, e.to_string())
            .at_line(line_of(record))
            .in_field(name)
    })
}

fn parse_year(s: &str) -> Result<i32, String> {
    s.parse::<i32>()
        .ok()
        .filter(|y| (1800..=2200).contains(y))
        .ok_or_else(|| format!("'{s}' is geen jaartal"))
}

/// Reads the last-year classification (`name,code,year,corop_code,corop,region_code,region,province_code,province`).
pub fn read_last_year_classification<R: Read>(reader: R, file: &str) -> Result<Vec<ClassificationRow>, ReadError> {
    let mut rdr = csv_reader(reader, b',');
    let headers = rdr.headers().map_err(|e| ReadError::csv(file, &e))?.clone();
    let cols = Columns::new(file, &headers);
    let (c_name, c_code, c_year, c_cr, c_am, c_am_name, c_pv) = (
        cols.require("name")?,
        cols.require("code")?,
        cols.require("year")?,
        cols.require("corop_code")?,
        cols.require("region_code")?,
        cols.require("region")?,
        cols.require("province_code")?,
    );
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ReadError::csv(file, &e))?;
        let name = field(file, &rec, c_name, "name")?.to_string();
        if name.is_empty() {
            return Err(ReadError::file(file, "de naam is leeg")
                .at_line(line_of(&rec))
                .in_field("name"));
        }
        let am_raw = field(file, &rec, c_am, "region_code")?;
        let labour_market_region = if am_raw.is_empty() {
            None
        } else {
            let code = parse_field(file, &rec, c_am, "region_code", LabourMarketRegionCode::parse)?;
            Some((code, field(file, &rec, c_am_name, "region")?.to_string()))
        };
        out.push(ClassificationRow {
            municipality: parse_field(file, &rec, c_code, "code", MunicipalityCode::parse)?,
            name,
            year: parse_field(file, &rec, c_year, "year", parse_year)?,
            labour_market_region,
            corop: parse_field(file, &rec, c_cr, "corop_code", CoropCode::parse)?,
            province: parse_field(file, &rec, c_pv, "province_code", ProvinceCode::parse)?,
        });
    }
    Ok(out)
}

/// Reads the regional classification of each gemeente from a StatLine untyped CSV of 70072NED
/// (Regionale kerncijfers). Only gemeenten with data in that year are kept; their AM, COROP and
/// provincie are found by the prefix of the values in the `Code_*` columns, because the column
/// numbers differ between editions. The name is left empty: this file carries none.
pub fn read_dated_classification<R: Read>(reader: R, file: &str) -> Result<Vec<ClassificationRow>, ReadError> {
    let mut rdr = csv_reader(reader, b';');
    let headers = rdr.headers().map_err(|e| ReadError::csv(file, &e))?.clone();
    let cols = Columns::new(file, &headers);
    let c_region = cols.require("RegioS")?;
    let c_period = cols.require("Perioden")?;
    let c_population = cols
        .index
        .iter()
        .find(|(k, _)| k.starts_with("TotaleBevolking_"))
        .map(|(_, v)| *v)
        .ok_or_else(|| ReadError::file(file, "kolom 'TotaleBevolking_*' ontbreekt in de kopregel").at_line(1))?;
    let code_cols: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| h.starts_with("Code_"))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ReadError::csv(file, &e))?;
        let region = field(file, &rec, c_region, "RegioS")?;
        if !region.starts_with("GM") || field(file, &rec, c_population, "TotaleBevolking")?.is_empty() {
            continue;
        }
        let municipality = parse_field(file, &rec, c_region, "RegioS", MunicipalityCode::parse)?;
        let year = parse_field(file, &rec, c_period, "Perioden", |p: &str| {
            p.strip_suffix("JJ00")
                .ok_or_else(|| format!("'{p}' is geen jaarperiode"))
                .and_then(parse_year)
        })?;
        let (mut am, mut cr, mut pv) = (None, None, None);
        for &i in &code_cols {
            let v = field(file, &rec, i, &headers[i])?;
            match v.get(..2) {
                Some("AM") => am = Some(parse_field(file, &rec, i, &headers[i], LabourMarketRegionCode::parse)?),
                Some("CR") => cr = Some(parse_field(file, &rec, i, &headers[i], CoropCode::parse)?),
                Some("PV") => pv = Some(parse_field(file, &rec, i, &headers[i], ProvinceCode::parse)?),
                _ => {}
            }
        }
        let missing = |what: &str| {
            ReadError::file(file, format!("geen {what} gevonden in de Code_-kolommen"))
                .at_line(line_of(&rec))
                .in_record(municipality.to_string())
        };
        out.push(ClassificationRow {
            municipality,
            name: String::new(),
            year,
            labour_market_region: am.map(|c| (c, String::new())),
            corop: cr.ok_or_else(|| missing("COROP-code"))?,
            province: pv.ok_or_else(|| missing("provinciecode"))?,
        });
    }
    Ok(out)
}

/// Reads the herindelingen list (`code,name,event,date,direction,counterpart_code,…`).
pub fn read_reorganisations<R: Read>(reader: R, file: &str) -> Result<Vec<ReorganisationRecord>, ReadError> {
    let mut rdr = csv_reader(reader, b',');
    let headers = rdr.headers().map_err(|e| ReadError::csv(file, &e))?.clone();
    let cols = Columns::new(file, &headers);
    let (c_code, c_event, c_date, c_dir, c_cp, c_ha, c_dw, c_inh, c_note) = (
        cols.require("code")?,
        cols.require("event")?,
        cols.require("date")?,
        cols.require("direction")?,
        cols.require("counterpart_code")?,
        cols.require("hectare")?,
        cols.require("woningen")?,
        cols.require("inwoners")?,
        cols.require("note")?,
    );
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ReadError::csv(file, &e))?;
        let event_label = field(file, &rec, c_event, "event")?;
        let direction = field(file, &rec, c_dir, "direction")?;
        let event = match (event_label, direction) {
            ("Ontstaan", "ontvangen van" | "uit") => RecordEvent::CreatedFrom,
            ("Opgeheven", "overgegaan naar") => RecordEvent::AbolishedInto,
            ("Gemeentelijke herindeling", "ontvangen van") => RecordEvent::AbsorbedFrom,
            ("Grenswijziging" | "Wijziging", "ontvangen van") => RecordEvent::BoundaryReceivedFrom,
            ("Grenswijziging" | "Wijziging", "overgegaan naar") => RecordEvent::BoundaryGaveTo,
            ("Naamswijziging", "nieuwe naam") => RecordEvent::RenamedTo,
            ("Naamswijziging", "oude naam") => RecordEvent::RenamedFrom,
            ("Provinciale wijziging", _) => RecordEvent::ProvinceChanged,
            _ => {
                return Err(ReadError::file(
                    file,
                    format!("onbekende combinatie van gebeurtenis '{event_label}' en richting '{direction}'"),
                )
                .at_line(line_of(&rec))
                .in_field("event"))
            }
        };
        let cp = field(file, &rec, c_cp, "counterpart_code")?;
        let counterpart = if cp.is_empty() {
            None
        } else {
            Some(parse_field(
                file,
                &rec,
                c_cp,
                "counterpart_code",
                MunicipalityCode::parse,
            )?)
        };
        if counterpart.is_none() && event != RecordEvent::ProvinceChanged {
            return Err(ReadError::file(file, "de andere gemeente ontbreekt")
                .at_line(line_of(&rec))
                .in_field("counterpart_code"));
        }
        let note = field(file, &rec, c_note, "note")?;
        out.push(ReorganisationRecord {
            code: parse_field(file, &rec, c_code, "code", MunicipalityCode::parse)?,
            event,
            date: parse_field(file, &rec, c_date, "date", |s: &str| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is geen datum (jjjj-mm-dd)"))
            })?,
            counterpart,
            hectare: parse_field(file, &rec, c_ha, "hectare", optional_decimal)?,
            dwellings: parse_field(file, &rec, c_dw, "woningen", optional_count)?,
            inhabitants: parse_field(file, &rec, c_inh, "inwoners", optional_count)?,
            note: (!note.is_empty()).then(|| note.to_string()),
        });
    }
    Ok(out)
}

/// A decimal with CBS's decimal comma (`0,17`) or point; empty means unknown.
fn optional_decimal(s: &str) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Some)
        .ok_or_else(|| format!("'{s}' is geen niet-negatief getal"))
}

fn optional_count(s: &str) -> Result<Option<u32>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<u32>().map(Some).map_err(|_| format!("'{s}' is geen aantal"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str =
        "code,name,event,date,direction,counterpart_code,counterpart_name,hectare,woningen,inwoners,note\n";

    #[test]
    fn reads_a_merger_line() {
        let text =
            format!("{HEADER}GM0457,Weesp,Opgeheven,2022-03-24,overgegaan naar,GM0363,Amsterdam,2272,9526,20766,\n");
        let recs = read_reorganisations(text.as_bytes(), "h.csv").unwrap();
        assert_eq!(recs[0].event, RecordEvent::AbolishedInto);
        assert_eq!(recs[0].inhabitants, Some(20766));
    }

    #[test]
    fn bad_date_names_file_line_and_field() {
        let text = format!("{HEADER}GM0457,Weesp,Opgeheven,2022-03-24,overgegaan naar,GM0363,Amsterdam,1,1,1,\nGM0457,Weesp,Opgeheven,24-03-2022,overgegaan naar,GM0363,Amsterdam,1,1,1,\n");
        let err = read_reorganisations(text.as_bytes(), "h.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "h.csv, regel 3, veld 'date': '24-03-2022' is geen datum (jjjj-mm-dd)"
        );
    }

    #[test]
    fn short_row_is_an_error_with_its_line() {
        let text = format!("{HEADER}GM0457,Weesp,Opgeheven\n");
        let err = read_reorganisations(text.as_bytes(), "h.csv").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn truncated_json_names_line_and_column() {
        let err = read_code_list(&b"{\"value\": [\n{\"Identifier\": \"GM0153\""[..], "c.json").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("c.json, regel 2, kolom"), "{err}");
    }

    #[test]
    fn code_list_parses_begin_dates_and_strips_suffixes() {
        let json = r#"{"value":[
            {"Identifier":"CR12","Title":"Twente (CR)","Description":"x"},
            {"Identifier":"GM1992","Title":"Voorne aan Zee","Description":"Begindatum 01-01-2023\r\n"},
            {"Identifier":"GM0153  ","Title":"Enschede","Description":"Begindatum voor 1830\r\n"}]}"#;
        let list = read_code_list(json.as_bytes(), "c.json").unwrap();
        assert_eq!(list[0].title, "Twente");
        assert_eq!(list[1].begin, Begin::On(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()));
        assert_eq!(list[2].begin, Begin::Before1830);
        assert_eq!(list[2].code.to_string(), "GM0153");
    }

    proptest! {
        #[test]
        fn reorganisation_reader_never_panics(body in "[ -~\n]{0,400}") {
            let text = format!("{HEADER}{body}");
            let _ = read_reorganisations(text.as_bytes(), "h.csv");
        }

        #[test]
        fn classification_reader_never_panics(body in "[ -~\n]{0,400}") {
            let text = format!("name,code,year,corop_code,corop,region_code,region,province_code,province\n{body}");
            let _ = read_last_year_classification(text.as_bytes(), "c.csv");
        }

        #[test]
        fn code_list_reader_never_panics(body in "\\PC{0,200}") {
            let _ = read_code_list(body.as_bytes(), "c.json");
        }
    }
}
