// SPDX-License-Identifier: EUPL-1.2
//! Whole CBS tables from files, in every format CBS serves:
//!
//! | format | layout on disk | detected by |
//! |---|---|---|
//! | OData v4 (`datasets.cbs.nl/odata/v1/CBS/{id}`) | `properties.json`, `dimensions.json`, `measure-codes.json`, `measure-groups.json`, `codes-{Dim}.json`, `groups-{Dim}.json`, `observations-page-N.json` | `properties.json` |
//! | OData v4 beta (`odata4.cbs.nl`) | `Properties.json`, `Dimensions.json`, `MeasureCodes.json`, `MeasureGroups.json`, `{Dim}Codes.json`, `{Dim}Groups.json`, `Observations.json` | `Properties.json` |
//! | OData v3 (`ODataApi`/`ODataFeed`) | `TableInfos.json`, `DataProperties.json`, `{Dim}.json`, `TypedDataSet*.json` or `UntypedDataSet*.json` | a `*DataSet*.json` file |
//! | StatLine untyped CSV | one `.csv` file: `"ID";"RegioS";"Perioden";"Topic_1";…` | a `.csv` file |
//!
//! [`open`] reads the metadata; [`TableSource::for_each_observation`] then streams the
//! observations page by page, each page in constant memory. Settings CBS's files do not carry
//! (a title for a bare v3 dataset, the period of a KWB file) come from [`Overrides`].

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use samenhang_domain::codes::RegionCode;
use samenhang_domain::statistics::{
    CodeGroup, Dataset, DimensionCode, Measure, Observation, Period, ValueStatus, MEASURE_GROUPS,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::ReadError;
use crate::json_stream::{read_page, Row, Scalar};
use crate::observations::{KnownRegions, Layout, Schema};

/// The licence of CBS open data.
pub const CBS_LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The format of a table on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OData v4.
    ODataV4,
    /// OData v4 beta.
    ODataV4Beta,
    /// OData v3.
    ODataV3,
    /// StatLine untyped CSV (also KWB-style comma CSV with overrides).
    UntypedCsv,
}

impl Format {
    /// Name stored with the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::ODataV4 => "odata-v4",
            Format::ODataV4Beta => "odata-v4-beta",
            Format::ODataV3 => "odata-v3",
            Format::UntypedCsv => "statline-csv",
        }
    }
}

/// Settings for tables whose files leave something out. All optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Key of the dataset in Samenhang (default: the CBS table id).
    pub id: Option<String>,
    /// CBS table id (else from the metadata or the file name).
    pub tabel: Option<String>,
    /// Title (else from the metadata).
    pub titel: Option<String>,
    /// Description.
    pub omschrijving: Option<String>,
    /// Date CBS last modified the table.
    pub gewijzigd: Option<String>,
    /// CSV separator (default `;`).
    pub scheidingsteken: Option<char>,
    /// The region column (default `RegioS`).
    pub regiokolom: Option<String>,
    /// A fixed period for files without a period column, e.g. `2020JJ00`.
    pub periode: Option<String>,
    /// The period column (default `Perioden`); years such as `2022` are read as `2022JJ00`.
    pub periodekolom: Option<String>,
    /// One value per row, in the columns `Measure`, `Value` and `ValueAttribute` (as CBS's v4
    /// observations, exported to CSV).
    #[serde(default)]
    pub lang: bool,
    /// Region codes in the file that stand for another code, e.g. `NL00 = "NL01"`.
    #[serde(default)]
    pub regio_aliassen: HashMap<String, String>,
    /// Regions (as the file writes them) whose rows are left out, e.g. `["Niet in te delen (AM)"]`.
    #[serde(default)]
    pub regio_overslaan: Vec<String>,
    /// Extra text columns to skip (prefixes), besides CBS's classification columns.
    #[serde(default)]
    pub tekstkolommen: Vec<String>,
    /// Measure metadata the files lack.
    #[serde(default)]
    pub maatstaven: Vec<MeasureOverride>,
    /// Every column that is not the region, the period or a text column is a measure, even
    /// without CBS's `Key_N` form (StatLine exports with labels as headers).
    #[serde(default)]
    pub kolommen_zijn_maatstaven: bool,
    /// The region column holds StatLine labels, not codes; they are looked up with
    /// [`TableSource::with_region_labels`].
    #[serde(default)]
    pub regio_namen: bool,
    /// The classification year of a table with labels (StatLine's "regionale indeling 2024"):
    /// its labels are looked up in that year. Without it, each row's period year.
    pub regio_indeling: Option<i32>,
    /// Only the measures listed in `maatstaven` are read; the table's other columns are left out.
    #[serde(default)]
    pub alleen_genoemde_maatstaven: bool,
    /// The December figure of a monthly table stands for the year (StatLine's `2023 december`
    /// becomes `2023JJ00`): jobs in December, provisions running at the end of the period.
    #[serde(default)]
    pub december_is_jaar: bool,
    /// Empty cells mean "not (yet) published" rather than CBS's "cannot occur": leave them out.
    #[serde(default)]
    pub lege_cellen_overslaan: bool,
    /// The table is shipped for its metadata only (measure definitions, code lists) and has no
    /// observations; without this, a table without observations is refused.
    #[serde(default)]
    pub alleen_metadata: bool,
}

/// Metadata for one measure.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MeasureOverride {
    /// The measure's code (key).
    pub code: String,
    /// Title.
    pub titel: String,
    /// Unit.
    pub eenheid: String,
    /// Definition.
    #[serde(default)]
    pub omschrijving: String,
    /// The period its figures refer to, where that is not the row's (`2018JJ00` or `2018`): a
    /// table of one classification year carries figures of several dates.
    pub periode: Option<String>,
}

/// Columns of wide tables that hold text (CBS's region classification and labels), not figures.
pub const TEXT_COLUMN_PREFIXES: &[&str] = &[
    "Code_",
    "Naam_",
    "Koppelvariabele",
    "Gemeentenaam_",
    "SoortRegio_",
    "Codering_",
    "IndelingswijzigingWijkenEnBuurten_",
    "MeestVoorkomendePostcode_",
    "Dekkingspercentage_",
];

/// A table ready to be streamed.
#[derive(Debug, Clone)]
pub struct TableSource {
    /// Format.
    pub format: Format,
    /// Dataset metadata.
    pub dataset: Dataset,
    /// Measures.
    pub measures: Vec<Measure>,
    /// Dimension codes (periods with their status included).
    pub codes: Vec<DimensionCode>,
    /// Groups of codes and measures (CBS's hierarchy), where the table has them.
    pub groups: Vec<CodeGroup>,
    /// How rows become observations.
    pub schema: Schema,
    files: Vec<PathBuf>,
    pages: Vec<PathBuf>,
    delimiter: u8,
    fixed_period: Option<String>,
    text_columns: Vec<String>,
    region_names: bool,
    label_year: Option<i32>,
    december_is_year: bool,
    skip_empty: bool,
    metadata_only: bool,
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn open_file(p: &Path) -> Result<BufReader<File>, ReadError> {
    File::open(p)
        .map(BufReader::new)
        .map_err(|e| ReadError::file(&display(p), format!("kan het bestand niet openen: {e}")))
}

/// Reads a JSON file into `T`, naming the file, line and column of a fault. A UTF-8
/// byte-order mark is skipped; an empty file is named as such.
fn read_json<T: serde::de::DeserializeOwned>(p: &Path) -> Result<T, ReadError> {
    let bytes =
        std::fs::read(p).map_err(|e| ReadError::file(&display(p), format!("kan het bestand niet openen: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::file(&display(p), "het bestand is leeg"));
    }
    serde_json::from_slice(bytes).map_err(|e| ReadError::json(&display(p), &e))
}

/// Whether most codes of a dimension are region codes (GM0153, NL01, …): such a dimension is
/// the region dimension, whatever kind the table declares it to be.
fn looks_like_regions(codes: &[DimensionCode], dimension: &str) -> bool {
    let of: Vec<&DimensionCode> = codes.iter().filter(|c| c.dimension == dimension).collect();
    let regions = of.iter().filter(|c| RegionCode::parse(&c.code).is_ok()).count();
    !of.is_empty() && regions * 10 >= of.len() * 9
}

/// The code lists of a table's dimensions, for checking its observations.
/// The SHA-256 of one file's content.
fn file_digest(path: &Path) -> Result<[u8; 32], ReadError> {
    let mut r = open_file(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = r
            .read(&mut buf)
            .map_err(|e| ReadError::file(&display(path), format!("leesfout: {e}")))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().into())
}

fn code_lists(codes: &[DimensionCode]) -> rustc_hash::FxHashMap<String, rustc_hash::FxHashSet<String>> {
    let mut out: rustc_hash::FxHashMap<String, rustc_hash::FxHashSet<String>> = Default::default();
    for c in codes {
        out.entry(c.dimension.clone()).or_default().insert(c.code.clone());
    }
    out
}

#[derive(Deserialize)]
struct ValueList<T> {
    value: Vec<T>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct V4Properties {
    identifier: String,
    title: String,
    summary: Option<String>,
    description: Option<String>,
    modified: Option<String>,
    license: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct V4Dimension {
    identifier: String,
    kind: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct V4Measure {
    identifier: String,
    title: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    decimals: Option<u8>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    measure_group_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct V4Group {
    id: String,
    #[serde(default)]
    parent_id: Option<String>,
    title: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct V4Code {
    identifier: String,
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    dimension_group_id: Option<String>,
}

#[derive(Deserialize)]
struct V3Property {
    #[serde(rename = "odata.type")]
    kind: String,
    #[serde(rename = "Key")]
    key: Option<String>,
    #[serde(rename = "Title")]
    title: Option<String>,
    #[serde(rename = "Unit")]
    unit: Option<String>,
    #[serde(rename = "Decimals")]
    decimals: Option<u8>,
    #[serde(rename = "Description")]
    description: Option<String>,
    #[serde(rename = "Datatype")]
    datatype: Option<String>,
}

#[derive(Deserialize)]
struct V3Code {
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Title")]
    title: String,
    #[serde(rename = "Description")]
    description: Option<String>,
    #[serde(rename = "Status")]
    status: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V3TableInfo {
    #[serde(rename = "Identifier")]
    identifier: String,
    #[serde(rename = "Title")]
    title: String,
    #[serde(rename = "Summary")]
    summary: Option<String>,
    #[serde(rename = "Modified")]
    modified: Option<String>,
}

/// Opens a table: a directory in one of the OData layouts, or a StatLine CSV file.
pub fn open(path: &Path, overrides: &Overrides) -> Result<TableSource, ReadError> {
    let source = if path.is_file() {
        open_csv(path, overrides)?
    } else if path.join("properties.json").exists() {
        open_v4(path, overrides, Format::ODataV4)?
    } else if path.join("Properties.json").exists() {
        open_v4(path, overrides, Format::ODataV4Beta)?
    } else if list_dir(path)?.iter().any(|p| file_name(p).contains("DataSet")) {
        open_v3(path, overrides)?
    } else {
        return Err(ReadError::file(
            &display(path),
            "geen CBS-tabel herkend: verwacht properties.json (OData v4), Properties.json (v4 beta), \
             een *DataSet*.json (OData v3) of een .csv-bestand",
        ));
    };
    Ok(source)
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ReadError::file(&display(dir), format!("kan de map niet lezen: {e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    // Natural order, so page10 follows page9.
    out.sort_by_key(|p| natural_key(&file_name(p)));
    Ok(out)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn natural_key(s: &str) -> (String, u64) {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let stem: String = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    (stem, digits.parse().unwrap_or(0))
}

fn clean(s: Option<String>) -> String {
    s.map(|s| s.trim().to_string()).unwrap_or_default()
}

fn period_status(codes: &[DimensionCode], period_dim: &str) -> rustc_hash::FxHashMap<String, ValueStatus> {
    codes
        .iter()
        .filter(|c| c.dimension == period_dim && !c.status.is_empty())
        .map(|c| (c.code.clone(), ValueStatus::from_period_status(&c.status)))
        .collect()
}

fn apply_overrides(dataset: &mut Dataset, measures: &mut Vec<Measure>, o: &Overrides) {
    if let Some(table) = &o.tabel {
        dataset.table = table.clone();
    }
    dataset.id = o.id.clone().unwrap_or_else(|| dataset.table.clone());
    if let Some(t) = &o.titel {
        dataset.title = t.clone();
    }
    if let Some(d) = &o.omschrijving {
        dataset.description = d.clone();
    }
    if let Some(m) = &o.gewijzigd {
        dataset.modified = Some(m.clone());
    }
    for mo in &o.maatstaven {
        let m = Measure {
            code: mo.code.clone(),
            title: mo.titel.clone(),
            unit: mo.eenheid.clone(),
            decimals: None,
            description: mo.omschrijving.clone(),
            group: None,
        };
        match measures.iter_mut().find(|x| x.code == mo.code) {
            Some(existing) => *existing = m,
            None => measures.push(m),
        }
    }
}

fn aliases(o: &Overrides, file: &str) -> Result<rustc_hash::FxHashMap<String, RegionCode>, ReadError> {
    o.regio_aliassen
        .iter()
        .map(|(k, v)| {
            RegionCode::parse(v)
                .map(|c| (k.clone(), c))
                .map_err(|e| ReadError::file(file, format!("regio_aliassen: {e}")))
        })
        .collect()
}

/// Reads a v4 `{Dim}Groups` or `MeasureGroups` file.
fn read_groups(path: &Path, dimension: &str) -> Result<Vec<CodeGroup>, ReadError> {
    let list: ValueList<V4Group> = read_json(path)?;
    Ok(list
        .value
        .into_iter()
        .map(|g| CodeGroup {
            dimension: dimension.to_string(),
            id: g.id.trim().to_string(),
            parent: g.parent_id.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
            title: g.title.trim().to_string(),
            description: clean(g.description),
        })
        .collect())
}

fn open_v4(dir: &Path, o: &Overrides, format: Format) -> Result<TableSource, ReadError> {
    let beta = format == Format::ODataV4Beta;
    let name = |v4: &str, b: &str| dir.join(if beta { b } else { v4 });
    let props_path = name("properties.json", "Properties.json");
    let props: V4Properties = read_json(&props_path)?;
    let dims: ValueList<V4Dimension> = read_json(&name("dimensions.json", "Dimensions.json"))?;
    let measures_list: ValueList<V4Measure> = read_json(&name("measure-codes.json", "MeasureCodes.json"))?;
    let mut files = vec![
        props_path,
        name("dimensions.json", "Dimensions.json"),
        name("measure-codes.json", "MeasureCodes.json"),
    ];
    let mut codes = Vec::new();
    let mut groups = Vec::new();
    let mut region = None;
    let mut period = None;
    let mut others = Vec::new();
    for d in &dims.value {
        match d.kind.as_str() {
            "GeoDimension" => region = Some(d.identifier.clone()),
            "TimeDimension" => period = Some(d.identifier.clone()),
            _ => others.push(d.identifier.clone()),
        }
        let code_file = name(
            &format!("codes-{}.json", d.identifier),
            &format!("{}Codes.json", d.identifier),
        );
        if code_file.exists() {
            let list: ValueList<V4Code> = read_json(&code_file)?;
            codes.extend(list.value.into_iter().map(|c| {
                DimensionCode {
                    dimension: d.identifier.clone(),
                    code: c.identifier.trim().to_string(),
                    title: c.title.trim().to_string(),
                    description: clean(c.description),
                    status: clean(c.status),
                    group: c
                        .dimension_group_id
                        .map(|g| g.trim().to_string())
                        .filter(|g| !g.is_empty()),
                }
            }));
            files.push(code_file);
        }
        let group_file = name(
            &format!("groups-{}.json", d.identifier),
            &format!("{}Groups.json", d.identifier),
        );
        if group_file.exists() {
            groups.extend(read_groups(&group_file, &d.identifier)?);
            files.push(group_file);
        }
    }
    let measure_groups = name("measure-groups.json", "MeasureGroups.json");
    if measure_groups.exists() {
        groups.extend(read_groups(&measure_groups, MEASURE_GROUPS)?);
        files.push(measure_groups);
    }
    let period = period.ok_or_else(|| {
        ReadError::file(
            &display(&name("dimensions.json", "Dimensions.json")),
            "geen tijddimensie (Kind TimeDimension)",
        )
    })?;
    // A dimension whose codes are region codes is the region dimension, also when the table
    // declares it a plain `Dimension` (CBS's 85792NED does so for RegioS).
    if region.is_none() {
        if let Some(i) = others.iter().position(|d| looks_like_regions(&codes, d)) {
            region = Some(others.remove(i));
        }
    }
    let mut measures: Vec<Measure> = measures_list
        .value
        .into_iter()
        .map(|m| Measure {
            code: m.identifier.trim().to_string(),
            title: m.title.trim().to_string(),
            unit: clean(m.unit),
            decimals: m.decimals,
            description: clean(m.description),
            group: m
                .measure_group_id
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty()),
        })
        .collect();
    let pages: Vec<PathBuf> = list_dir(dir)?
        .into_iter()
        .filter(|p| {
            let n = file_name(p);
            if beta {
                n == "Observations.json"
            } else {
                n.starts_with("observations-page-") && n.ends_with(".json")
            }
        })
        .collect();
    if pages.is_empty() && !o.alleen_metadata {
        return Err(ReadError::file(
            &display(dir),
            if beta {
                "geen waarnemingen: het bestand Observations.json ontbreekt"
            } else {
                "geen waarnemingen: het bestand observations-page-1.json ontbreekt"
            },
        ));
    }
    let mut dataset = Dataset {
        id: String::new(),
        table: props.identifier.trim().to_string(),
        title: props.title.trim().to_string(),
        description: clean(props.summary.or(props.description)),
        modified: props.modified,
        licence: props.license.unwrap_or_else(|| CBS_LICENCE.to_string()),
        source: display(dir),
        format: format.as_str().into(),
    };
    if dataset.table.is_empty() {
        dataset.table = file_name(dir);
    }
    apply_overrides(&mut dataset, &mut measures, o);
    let mut schema = Schema::new(region.as_deref(), &period, &others, Layout::Long);
    schema.period_status = period_status(&codes, &period);
    schema.region_aliases = aliases(o, &display(dir))?;
    schema.skipped_regions = o.regio_overslaan.iter().cloned().collect();
    schema.codes = code_lists(&codes);
    // Regions are checked against the region registry, not against the table's list.
    if let Some(r) = &region {
        schema.codes.remove(r);
    }
    if !measures.is_empty() {
        schema.measures = Some(measures.iter().map(|m| m.code.clone()).collect());
    }
    files.extend(pages.iter().cloned());
    Ok(TableSource {
        format,
        dataset,
        measures,
        codes,
        groups,
        schema,
        files,
        pages,
        delimiter: b';',
        fixed_period: None,
        text_columns: vec![],
        region_names: o.regio_namen,
        label_year: o.regio_indeling,
        december_is_year: o.december_is_jaar,
        skip_empty: o.lege_cellen_overslaan,
        metadata_only: o.alleen_metadata,
    })
}

/// CBS v3 topic keys end in `_` and a number (`OpenstaandeVacatures_1`); dimension keys do not.
fn is_topic_key(key: &str) -> bool {
    key.rsplit_once('_')
        .is_some_and(|(head, n)| !head.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_text_column(key: &str, extra: &[String]) -> bool {
    TEXT_COLUMN_PREFIXES.iter().any(|p| key.starts_with(p)) || extra.iter().any(|p| key.starts_with(p.as_str()))
}

/// Title and unit from a StatLine label header: `A/B/Gemiddeld inkomen (1 000 euro)` →
/// (`A/B/Gemiddeld inkomen`, `1 000 euro`).
pub fn label_and_unit(header: &str) -> (String, String) {
    let h = header.trim();
    match (h.rfind('('), h.ends_with(')')) {
        (Some(open), true) if open > 0 => (
            h[..open].trim().to_string(),
            h[open + 1..h.len() - 1].trim().to_string(),
        ),
        _ => (h.to_string(), String::new()),
    }
}

/// A readable title from a topic key: `OpenstaandeVacatures_1` → "Openstaande vacatures".
pub fn title_from_key(key: &str) -> String {
    let head = key.rsplit_once('_').map_or(key, |(h, _)| h);
    let head = head.strip_prefix("k_").unwrap_or(head);
    let mut out = String::new();
    let mut prev_lower = false;
    for c in head.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if out.is_empty() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    out
}

fn open_v3(dir: &Path, o: &Overrides) -> Result<TableSource, ReadError> {
    let entries = list_dir(dir)?;
    let mut files = Vec::new();
    let info_path = dir.join("TableInfos.json");
    let info = if info_path.exists() {
        files.push(info_path.clone());
        let list: ValueList<V3TableInfo> = read_json(&info_path)?;
        list.value.into_iter().next().unwrap_or_default()
    } else {
        V3TableInfo::default()
    };
    let props_path = dir.join("DataProperties.json");
    let (mut dims, mut topics, mut measures, mut text_topics) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut region, mut period) = (None, None);
    if props_path.exists() {
        files.push(props_path.clone());
        let list: ValueList<V3Property> = read_json(&props_path)?;
        for p in list.value {
            let Some(key) = p.key.filter(|k| !k.is_empty()) else {
                continue;
            };
            match p.kind.as_str() {
                "Cbs.OData.GeoDimension" => region = Some(key),
                "Cbs.OData.TimeDimension" => period = Some(key),
                "Cbs.OData.Dimension" => dims.push(key),
                "Cbs.OData.Topic" if p.datatype.as_deref() == Some("String") => text_topics.push(key),
                "Cbs.OData.Topic" => {
                    topics.push(key.clone());
                    measures.push(Measure {
                        code: key,
                        title: clean(p.title),
                        unit: clean(p.unit),
                        decimals: p.decimals,
                        description: clean(p.description),
                        group: None,
                    });
                }
                _ => {}
            }
        }
    }
    let pages: Vec<PathBuf> = entries
        .iter()
        .filter(|p| {
            let n = file_name(p);
            n.contains("DataSet") && n.ends_with(".json")
        })
        .cloned()
        .collect();
    // Without DataProperties, the keys of the first row tell dimensions from topics (the page is
    // read whole, as any page is; only its first row is looked at).
    if !props_path.exists() {
        if let Some(first) = pages.first() {
            let mut keys = Vec::new();
            let _ = read_page(open_file(first)?, &display(first), |i, row| {
                if i == 0 {
                    keys = row.fields.iter().map(|(k, _)| k.clone()).collect();
                }
                Err(ReadError::file("", "genoeg"))
            });
            for k in keys {
                if k == "ID" {
                    continue;
                } else if k == "Perioden" {
                    period = Some(k);
                } else if k.starts_with("Regio") && !is_topic_key(&k) {
                    region = Some(k);
                } else if is_topic_key(&k) {
                    if !is_text_column(&k, &o.tekstkolommen) {
                        measures.push(Measure {
                            code: k.clone(),
                            title: title_from_key(&k),
                            unit: String::new(),
                            decimals: None,
                            description: String::new(),
                            group: None,
                        });
                        topics.push(k);
                    }
                } else {
                    dims.push(k);
                }
            }
        }
    }
    let mut codes = Vec::new();
    for dim in region.iter().chain(period.iter()).chain(dims.iter()) {
        let p = dir.join(format!("{dim}.json"));
        if p.exists() {
            let list: ValueList<V3Code> = read_json(&p)?;
            codes.extend(list.value.into_iter().map(|c| DimensionCode {
                dimension: dim.clone(),
                code: c.key.trim().to_string(),
                title: c.title.trim().to_string(),
                description: clean(c.description),
                status: clean(c.status),
                group: None,
            }));
            files.push(p);
        }
    }
    let period = period.ok_or_else(|| ReadError::file(&display(dir), "geen periodedimensie (Perioden) gevonden"))?;
    let mut dataset = Dataset {
        id: String::new(),
        table: if info.identifier.is_empty() {
            file_name(dir)
        } else {
            info.identifier.trim().to_string()
        },
        title: if info.title.is_empty() {
            file_name(dir)
        } else {
            info.title.trim().to_string()
        },
        description: clean(info.summary),
        modified: info.modified,
        licence: CBS_LICENCE.to_string(),
        source: display(dir),
        format: Format::ODataV3.as_str().into(),
    };
    apply_overrides(&mut dataset, &mut measures, o);
    let mut schema = Schema::new(region.as_deref(), &period, &dims, Layout::Wide(Some(topics)));
    schema.period_status = period_status(&codes, &period);
    schema.region_aliases = aliases(o, &display(dir))?;
    schema.skipped_regions = o.regio_overslaan.iter().cloned().collect();
    schema.codes = code_lists(&codes);
    if let Some(r) = &region {
        schema.codes.remove(r);
    }
    files.extend(pages.iter().cloned());
    Ok(TableSource {
        format: Format::ODataV3,
        dataset,
        measures,
        codes,
        groups: vec![],
        schema,
        files,
        pages,
        delimiter: b';',
        fixed_period: None,
        text_columns: text_topics,
        region_names: o.regio_namen,
        label_year: o.regio_indeling,
        december_is_year: o.december_is_jaar,
        skip_empty: o.lege_cellen_overslaan,
        metadata_only: o.alleen_metadata,
    })
}

fn csv_reader<R: Read>(r: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(r)
}

fn open_csv(path: &Path, o: &Overrides) -> Result<TableSource, ReadError> {
    let file = display(path);
    let delimiter = o.scheidingsteken.map_or(Ok(b';'), |c| {
        u8::try_from(c).map_err(|_| ReadError::file(&file, "het scheidingsteken moet één ASCII-teken zijn"))
    })?;
    let mut rdr = csv_reader(open_file(path)?, delimiter);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| ReadError::csv(&file, &e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let region_col = o.regiokolom.clone().unwrap_or_else(|| "RegioS".into());
    let period_col = o.periodekolom.clone().unwrap_or_else(|| "Perioden".into());
    let has_region = headers.contains(&region_col);
    let has_period = headers.contains(&period_col);
    if headers.len() == 1 && !has_period {
        let sep = [(',', "een komma"), ('\t', "een tab"), ('|', "een verticale streep")]
            .into_iter()
            .find(|(c, _)| headers[0].contains(*c));
        if let Some((_, word)) = sep {
            return Err(ReadError::file(
                &file,
                format!(
                    "de kopregel heeft maar één kolom; het scheidingsteken lijkt {word} te zijn, maar deze tabel wordt gelezen met '{}' (stel 'scheidingsteken' in)",
                    delimiter as char
                ),
            )
            .at_line(1));
        }
    }
    if !has_period && o.periode.is_none() {
        return Err(ReadError::file(&file, format!("kolom '{period_col}' ontbreekt in de kopregel")).at_line(1));
    }
    const LONG_FIELDS: [&str; 5] = ["Measure", "Value", "ValueAttribute", "StringValue", "Id"];
    if o.lang {
        for f in &LONG_FIELDS[..2] {
            if !headers.iter().any(|h| h == f) {
                return Err(ReadError::file(&file, format!("kolom '{f}' ontbreekt in de kopregel")).at_line(1));
            }
        }
    }
    let mut dims = Vec::new();
    let mut topics = Vec::new();
    let mut measures = Vec::new();
    let mut text = Vec::new();
    for h in &headers {
        if h == "ID" || *h == period_col || *h == region_col {
            continue;
        } else if o.lang && LONG_FIELDS.contains(&h.as_str()) {
            if h == "StringValue" || h == "Id" {
                text.push(h.clone());
            }
        } else if is_text_column(h, &o.tekstkolommen) {
            text.push(h.clone());
        } else if o.kolommen_zijn_maatstaven {
            let (title, unit) = label_and_unit(h);
            topics.push(h.clone());
            measures.push(Measure {
                code: h.clone(),
                title,
                unit,
                decimals: None,
                description: String::new(),
                group: None,
            });
        } else if is_topic_key(h) {
            topics.push(h.clone());
            measures.push(Measure {
                code: h.clone(),
                title: title_from_key(h),
                unit: String::new(),
                decimals: None,
                description: String::new(),
                group: None,
            });
        } else {
            dims.push(h.clone());
        }
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut dataset = Dataset {
        id: String::new(),
        table: stem.split('_').next().unwrap_or(&stem).to_string(),
        title: stem.clone(),
        description: String::new(),
        modified: None,
        licence: CBS_LICENCE.to_string(),
        source: file.clone(),
        format: Format::UntypedCsv.as_str().into(),
    };
    if o.alleen_genoemde_maatstaven {
        let named: Vec<&str> = o.maatstaven.iter().map(|m| m.code.as_str()).collect();
        if let Some(missing) = named.iter().find(|c| !topics.iter().any(|t| t == *c)) {
            return Err(ReadError::file(&file, format!("maatstaf '{missing}' staat niet in de kopregel")).at_line(1));
        }
        text.extend(topics.iter().filter(|t| !named.contains(&t.as_str())).cloned());
        topics.retain(|t| named.contains(&t.as_str()));
        measures.retain(|m| named.contains(&m.code.as_str()));
    }
    apply_overrides(&mut dataset, &mut measures, o);
    let layout = if o.lang {
        Layout::Long
    } else {
        Layout::Wide(Some(topics))
    };
    let mut schema = Schema::new(has_region.then_some(region_col.as_str()), &period_col, &dims, layout);
    schema.region_aliases = aliases(o, &file)?;
    schema.skipped_regions = o.regio_overslaan.iter().cloned().collect();
    for m in &o.maatstaven {
        if let Some(p) = &m.periode {
            let code = if p.len() == 4 { format!("{p}JJ00") } else { p.clone() };
            let period = Period::parse(&code)
                .map_err(|e| ReadError::file(&file, format!("maatstaf '{}', periode: {e}", m.code)))?;
            schema.measure_periods.insert(m.code.clone(), period);
        }
    }
    Ok(TableSource {
        format: Format::UntypedCsv,
        dataset,
        measures,
        codes: vec![],
        groups: vec![],
        schema,
        files: vec![path.to_path_buf()],
        pages: vec![path.to_path_buf()],
        delimiter,
        fixed_period: if has_period { None } else { o.periode.clone() },
        text_columns: text,
        region_names: o.regio_namen,
        label_year: o.regio_indeling,
        december_is_year: o.december_is_jaar,
        skip_empty: o.lege_cellen_overslaan,
        metadata_only: o.alleen_metadata,
    })
}

/// A StatLine period label as a CBS period code: `2024` → `2024JJ00`, `2013 1e kwartaal` →
/// `2013KW01`, `2024 januari` → `2024MM01` (see [`Period::from_label`]); with
/// `december_is_year`, `2023 december` → `2023JJ00`. Anything else is returned as it is.
pub fn period_from_label(label: &str, december_is_year: bool) -> String {
    match Period::from_label(label) {
        Some(Period::Month(y, 12)) if december_is_year => Period::Year(y).to_string(),
        Some(p) => p.to_string(),
        None => label.to_string(),
    }
}

impl TableSource {
    /// Whether the table is shipped for its metadata only, without observations.
    pub fn metadata_only(&self) -> bool {
        self.metadata_only
    }

    /// Whether the region column holds names that [`TableSource::with_region_names`] must map.
    pub fn needs_region_names(&self) -> bool {
        self.region_names
    }

    /// Maps the region labels of a table whose region column holds them ("Groningen (gemeente)",
    /// "Twente (AM)") to codes, in the table's classification year (`regio_indeling`) or else
    /// each row's period year. A label that maps to no region or to two is a fault naming the
    /// file, line and column.
    pub fn with_region_labels(mut self, labels: std::sync::Arc<crate::labels::RegionLabels>) -> Self {
        self.schema.labels = Some((labels, self.label_year));
        self
    }

    /// The version of the table: a SHA-256 over the name and SHA-256 of every file, in order, so
    /// that the same files give the same version. The files are hashed on two threads (a
    /// large table's pages hold a gigabyte).
    pub fn content_hash(&self) -> Result<String, ReadError> {
        let digests = std::thread::scope(|scope| {
            let half = self.files.len().div_ceil(2);
            let (first, second) = self.files.split_at(half);
            let other = scope.spawn(|| second.iter().map(|f| file_digest(f)).collect::<Result<Vec<_>, _>>());
            let mut digests = first.iter().map(|f| file_digest(f)).collect::<Result<Vec<_>, _>>()?;
            match other.join() {
                Ok(rest) => digests.extend(rest?),
                Err(_) => return Err(ReadError::file("", "het berekenen van de versie is onverwacht gestopt")),
            }
            Ok(digests)
        })?;
        let mut h = Sha256::new();
        for (f, digest) in self.files.iter().zip(digests) {
            h.update(file_name(f).as_bytes());
            h.update([0]);
            h.update(digest);
        }
        Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The observation pages (or the CSV file), in order.
    pub fn pages(&self) -> &[PathBuf] {
        &self.pages
    }

    /// Streams every observation to `out`, page by page. Returns the number of observations.
    pub fn for_each_observation(
        &self,
        known: KnownRegions<'_>,
        out: &mut dyn FnMut(Observation) -> Result<(), ReadError>,
    ) -> Result<u64, ReadError> {
        self.for_each_located(known, &mut |o, _, _| out(o))
    }

    /// [`TableSource::for_each_observation`], with where each observation comes from: the file
    /// and the record (for CSV: the line).
    pub fn for_each_located(
        &self,
        known: KnownRegions<'_>,
        out: &mut dyn FnMut(Observation, &str, u64) -> Result<(), ReadError>,
    ) -> Result<u64, ReadError> {
        let mut count = 0u64;
        let skip_empty = self.skip_empty;
        let mut counting = |o: Observation, file: &str, record: u64| {
            if skip_empty && o.value.is_none() && o.status == ValueStatus::NietVanToepassing {
                return Ok(());
            }
            count += 1;
            out(o, file, record)
        };
        match self.format {
            Format::UntypedCsv => self.stream_csv(known, &mut counting)?,
            _ => {
                for page in &self.pages {
                    let name = display(page);
                    read_page(open_file(page)?, &name, |i, row| {
                        self.schema
                            .convert(row, &name, i + 1, known, &mut |o| counting(o, &name, i + 1))
                    })?;
                }
            }
        }
        Ok(count)
    }

    /// Streams the rows of one JSON page from any reader (used by `sync` for live pages).
    pub fn stream_page<R: Read>(
        &self,
        reader: R,
        name: &str,
        known: KnownRegions<'_>,
        out: &mut dyn FnMut(Observation) -> Result<(), ReadError>,
    ) -> Result<crate::json_stream::PageInfo, ReadError> {
        read_page(reader, name, |i, row| self.schema.convert(row, name, i + 1, known, out))
    }

    fn stream_csv(
        &self,
        known: KnownRegions<'_>,
        out: &mut dyn FnMut(Observation, &str, u64) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let path = &self.pages[0];
        let name = display(path);
        let mut rdr = csv_reader(open_file(path)?, self.delimiter);
        let headers: Vec<String> = rdr
            .headers()
            .map_err(|e| ReadError::csv(&name, &e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(ReadError::csv(&name, &e)),
            }
            let line = record.position().map_or(0, |p| p.line());
            let mut row = Row::default();
            for (h, v) in headers.iter().zip(record.iter()) {
                if self.text_columns.contains(h) {
                    continue;
                }
                // StatLine exports with labels give periods as `2011` or `2013 1e kwartaal`.
                let value = if *h == self.schema.period_dimension {
                    period_from_label(v, self.december_is_year)
                } else {
                    v.to_string()
                };
                row.fields.push((h.clone(), Scalar::Text(value)));
            }
            if let Some(p) = &self.fixed_period {
                row.fields
                    .push((self.schema.period_dimension.clone(), Scalar::Text(p.clone())));
            }
            self.schema
                .convert(&row, &name, line, known, &mut |o| out(o, &name, line))
                .map_err(|mut e| {
                    // For CSV the record number is the line, and the field has a column.
                    if e.record.is_some() {
                        e = e.at_line(line);
                    }
                    if let Some(col) = e.field.as_ref().and_then(|f| headers.iter().position(|h| h == f)) {
                        e = e.at_column(col as u64 + 1);
                    }
                    e
                })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stream(text: &str, o: &Overrides) -> Result<u64, ReadError> {
        let dir = tempfile::tempdir().map_err(|e| ReadError::file("tmp", e.to_string()))?;
        let path = dir.path().join("12345TST_test.csv");
        std::fs::write(&path, text).map_err(|e| ReadError::file("tmp", e.to_string()))?;
        open(&path, o)?.for_each_observation(None, &mut |_| Ok(()))
    }

    #[test]
    fn untyped_csv_with_bom_padding_and_markers() {
        let text = "\u{feff}\"ID\";\"RegioS\";\"Perioden\";\"A_1\";\"Code_2\"\n\"0\";\"GM0153  \";\"2015JJ00\";\"   12.5\";\"AM05  \"\n\"1\";\"NL01  \";\"2015JJ00\";\"       .\";\"\"\n";
        assert_eq!(stream(text, &Overrides::default()).unwrap(), 2);
    }

    #[test]
    fn long_csv_and_year_periods() {
        let o = Overrides {
            scheidingsteken: Some(','),
            regiokolom: Some("RegioCode".into()),
            lang: true,
            tekstkolommen: vec!["RegioS".into()],
            ..Default::default()
        };
        let text = "Id,ValueAttribute,Value,StringValue,Measure,Klasse,Perioden,RegioCode,RegioS\n0,None,85.0,,Werkzaam,Totaal,2022,GM0153,Enschede\n";
        assert_eq!(stream(text, &o).unwrap(), 1);
        assert_eq!(title_from_key("OpenstaandeVacatures_1"), "Openstaande vacatures");
        assert_eq!(
            label_and_unit("A/Inkomen (1 000 euro)"),
            ("A/Inkomen".into(), "1 000 euro".into())
        );
    }

    proptest! {
        #[test]
        fn csv_reader_never_panics(body in "[ -~\n;\"]{0,300}") {
            let text = format!("\"ID\";\"RegioS\";\"Perioden\";\"A_1\"\n{body}");
            let _ = stream(&text, &Overrides::default());
        }
    }
}
