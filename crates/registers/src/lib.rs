// SPDX-License-Identifier: EUPL-1.2
//! CSV files of the registers, for every register kind from its [`KindSpec`], in the format
//! Dutch Excel reads and writes: `;`-separated, UTF-8 with a byte-order mark. Files in the older
//! comma-separated format are read too (the delimiter is taken from the header line).
//!
//! - The columns are `id`, `organisatie`, `zichtbaarheid` and one per field of the kind; a list
//!   of values (themes, participants) sits in one cell, separated by `|`.
//! - A kind with a list of small records (the parties and commitments of an agreement) spans
//!   several lines per record: one per entry, recognised by its marker column (`partij`,
//!   `toezegging`). Lines with the same `id`, or without id the same title, form one record; its
//!   own fields come from the first line that fills them.
//! - Reading checks the header (every column known, none twice, the required ones present) and
//!   the shape of each line, and names the line and column of every fault. What a cell means
//!   (a number with a decimal comma, a date, an organisation by name) is for the caller, which
//!   keeps the line and column of each cell to report its faults.
//!
//! Also here: [`read_examples`], the example data file (`data/voorbeeld/*.json`), and [`sroi`],
//! the SROI valuation tables and PSO norms (`data/sroi/*.toml`).
//! Nothing here touches the database.

pub mod backup;
pub mod sroi;

use std::collections::BTreeMap;

use samenhang_domain::spec::{FieldType, KindSpec, ObjectList};

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The largest file accepted, in lines.
pub const MAX_ROWS: usize = 10_000;

/// A fault in a CSV file: line (1 is the header), column and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFault {
    /// Line in the file, from 1 (the header).
    pub line: usize,
    /// Column name; empty for a fault of the whole line.
    pub column: String,
    /// What is wrong, in Dutch.
    pub reason: String,
}

impl CsvFault {
    fn new(line: usize, column: &str, reason: impl Into<String>) -> CsvFault {
        CsvFault {
            line,
            column: column.into(),
            reason: reason.into(),
        }
    }
}

/// A cell with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text, trimmed.
    pub text: String,
    /// Its line in the file.
    pub line: usize,
}

/// One entry of a list of small records: its cells by field name.
pub type Entry = BTreeMap<&'static str, Cell>;

/// One record as read: the record-level columns and, per field, its cell (or entries).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsvRecord {
    /// The first line of the record.
    pub line: usize,
    /// `id`, when given.
    pub id: Option<Cell>,
    /// `organisatie`, when given.
    pub organisation: Option<Cell>,
    /// `zichtbaarheid`, when given.
    pub visibility: Option<Cell>,
    /// The cells of the record's own fields, by field name (filled cells only).
    pub cells: BTreeMap<&'static str, Cell>,
    /// The entries of each list of small records, by field name.
    pub entries: BTreeMap<&'static str, Vec<Entry>>,
}

/// The columns of a kind's file, in order.
pub fn columns(spec: &KindSpec) -> Vec<&'static str> {
    let mut out = vec!["id", "organisatie", "zichtbaarheid"];
    for f in spec.fields {
        match f.ty {
            FieldType::Objects(list) => {
                for (_, c) in list.columns {
                    if !out.contains(c) {
                        out.push(c);
                    }
                }
            }
            _ => {
                if !out.contains(&f.name) {
                    out.push(f.name)
                }
            }
        }
    }
    out
}

/// The columns a file must have.
pub fn required_columns(spec: &KindSpec) -> Vec<&'static str> {
    spec.fields
        .iter()
        .filter(|f| f.required)
        .map(|f| match f.ty {
            FieldType::Objects(list) => list.marker,
            _ => f.name,
        })
        .collect()
}

fn lists(spec: &KindSpec) -> Vec<(&'static str, &'static ObjectList)> {
    spec.fields
        .iter()
        .filter_map(|f| match f.ty {
            FieldType::Objects(list) => Some((f.name, list)),
            _ => None,
        })
        .collect()
}

/// The delimiter of a file: `;` when the header line has one and no comma outside quotes, `,`
/// when it has a comma, else `;`.
fn delimiter(first_line: &[u8]) -> u8 {
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0, 0);
    for b in first_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if commas > 0 && semicolons == 0 {
        b','
    } else {
        b';'
    }
}

/// Reads a kind's file into records; every fault at once, with line and column.
pub fn read(spec: &KindSpec, bytes: &[u8]) -> Result<Vec<CsvRecord>, Vec<CsvFault>> {
    let lines = read_lines(bytes, &columns(spec), &required_columns(spec))?;
    group(spec, lines)
}

/// One line of a file as read: its line number and its filled cells by column.
pub type Line = (usize, BTreeMap<&'static str, String>);

/// Reads a file with the columns `known` (in any case and order; `required` must be there)
/// into lines of filled cells; every fault at once, with line and column.
pub fn read_lines(bytes: &[u8], known: &[&'static str], required: &[&'static str]) -> Result<Vec<Line>, Vec<CsvFault>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(vec![CsvFault::new(
            1,
            "",
            "Dit is geen tekstbestand (het bevat NUL-tekens). Sla het op als CSV (UTF-8).",
        )]);
    }
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Some(Err(e)) => {
            return Err(vec![CsvFault::new(
                1,
                "",
                format!("De kopregel is geen geldige CSV: {e}."),
            )])
        }
        None => {
            return Err(vec![CsvFault::new(
                1,
                "",
                "Het bestand is leeg; verwacht een kopregel.",
            )])
        }
    };
    // Column names in any case ("KvKNummer", "kvknummer"): spreadsheets change them.
    let header: Vec<String> = header
        .into_iter()
        .map(|h| {
            known
                .iter()
                .find(|k| k.to_lowercase() == h)
                .map_or(h, |k| k.to_string())
        })
        .collect();
    let mut faults = Vec::new();
    let mut positions: Vec<Option<&'static str>> = Vec::with_capacity(header.len());
    for (i, h) in header.iter().enumerate() {
        match known.iter().find(|k| **k == h.as_str()) {
            None => {
                faults.push(CsvFault::new(
                    1,
                    h,
                    format!("Onbekende kolom '{h}'. Toegestaan zijn: {}.", known.join(", ")),
                ));
                positions.push(None);
            }
            Some(_) if header[..i].contains(h) => {
                faults.push(CsvFault::new(1, h, format!("De kolom '{h}' staat er twee keer in.")));
                positions.push(None);
            }
            Some(k) => positions.push(Some(k)),
        }
    }
    for r in required {
        if !header.iter().any(|h| h == r) {
            faults.push(CsvFault::new(1, r, format!("De verplichte kolom '{r}' ontbreekt.")));
        }
    }
    if !faults.is_empty() {
        return Err(faults);
    }
    let mut lines: Vec<(usize, BTreeMap<&'static str, String>)> = Vec::new();
    for (n, record) in records.enumerate() {
        let line = n + 2;
        if lines.len() >= MAX_ROWS {
            return Err(vec![CsvFault::new(
                line,
                "",
                format!("Te veel regels: hoogstens {MAX_ROWS} per bestand."),
            )]);
        }
        match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) if r.len() != header.len() => faults.push(CsvFault::new(
                line,
                "",
                format!(
                    "Deze regel heeft {} velden; de kopregel heeft er {}. Staat er een {} in een tekst zonder aanhalingstekens?",
                    r.len(),
                    header.len(),
                    if delimiter(first) == b';' { "puntkomma" } else { "komma" }
                ),
            )),
            Ok(r) => {
                let cells = positions
                    .iter()
                    .zip(r.iter())
                    .filter_map(|(k, v)| k.map(|k| (k, v.trim().to_string())))
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                lines.push((line, cells));
            }
            Err(e) => faults.push(CsvFault::new(line, "", format!("Geen geldige CSV: {e}."))),
        }
    }
    if !faults.is_empty() {
        return Err(faults);
    }
    Ok(lines)
}

/// Turns lines into records: one per line, or, for a kind with lists, one per id or title.
fn group(
    spec: &KindSpec,
    lines: Vec<(usize, BTreeMap<&'static str, String>)>,
) -> Result<Vec<CsvRecord>, Vec<CsvFault>> {
    let lists = lists(spec);
    let mut out: Vec<CsvRecord> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut faults = Vec::new();
    for (line, mut cells) in lines {
        let key = match (cells.get("id"), cells.get(spec.title_field)) {
            (Some(id), _) => format!("id:{id}"),
            (None, Some(t)) if !lists.is_empty() => format!("titel:{t}"),
            _ => format!("regel:{line}"),
        };
        let index = match keys.iter().position(|k| *k == key).filter(|_| !lists.is_empty()) {
            Some(i) => i,
            None => {
                keys.push(key);
                out.push(CsvRecord {
                    line,
                    ..CsvRecord::default()
                });
                out.len() - 1
            }
        };
        let record = &mut out[index];
        // The list this line is an entry of: the one whose marker is filled; when several are,
        // the one whose marker no other list uses as a column (a commitment line names its party
        // too).
        let filled: Vec<&(&'static str, &'static ObjectList)> =
            lists.iter().filter(|(_, l)| cells.contains_key(l.marker)).collect();
        let own = filled
            .iter()
            .find(|(name, l)| {
                !filled
                    .iter()
                    .any(|(other, o)| other != name && o.columns.iter().any(|(_, c)| *c == l.marker))
            })
            .or(filled.first())
            .copied();
        if let Some((name, list)) = own {
            let mut entry = Entry::new();
            for (field, column) in list.columns {
                if let Some(text) = cells.remove(column) {
                    entry.insert(field, Cell { text, line });
                }
            }
            record.entries.entry(name).or_default().push(entry);
        }
        for (column, text) in cells {
            let cell = Cell { text, line };
            let slot = match column {
                "id" => &mut record.id,
                "organisatie" => &mut record.organisation,
                "zichtbaarheid" => &mut record.visibility,
                _ => {
                    if lists.iter().any(|(_, l)| l.columns.iter().any(|(_, c)| *c == column)) {
                        // A column of a list on a line that is no entry of it.
                        faults.push(CsvFault::new(
                            line,
                            column,
                            format!(
                                "Deze kolom hoort bij {}; vul ook {} in.",
                                lists
                                    .iter()
                                    .filter(|(_, l)| l.columns.iter().any(|(_, c)| *c == column))
                                    .map(|(n, _)| *n)
                                    .collect::<Vec<_>>()
                                    .join(" of "),
                                lists
                                    .iter()
                                    .filter(|(_, l)| l.columns.iter().any(|(_, c)| *c == column))
                                    .map(|(_, l)| format!("'{}'", l.marker))
                                    .collect::<Vec<_>>()
                                    .join(" of ")
                            ),
                        ));
                        continue;
                    }
                    record.cells.entry(column).or_insert(cell);
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(cell);
            }
        }
    }
    if faults.is_empty() {
        Ok(out)
    } else {
        Err(faults)
    }
}

/// One record to write: the record-level columns and the cells of its fields, already in
/// the text the file should hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CsvRow {
    /// Id.
    pub id: String,
    /// Owning organisation.
    pub organisation: String,
    /// Visibility (Dutch).
    pub visibility: String,
    /// Cells by field name.
    pub cells: BTreeMap<&'static str, String>,
    /// Entries of lists by field name; each entry's cells by field name.
    pub entries: BTreeMap<&'static str, Vec<BTreeMap<&'static str, String>>>,
}

/// The columns of an own indicator's figures file (`eigen cijfers`), in order.
pub const FIGURE_COLUMNS: [&str; 4] = ["gebied", "periode", "waarde", "status"];

/// The columns a figures file must have.
pub const FIGURE_REQUIRED: [&str; 3] = ["gebied", "periode", "waarde"];

/// Reads an own indicator's figures file: lines with `gebied`, `periode`, `waarde` and an
/// optional `status`; what the cells mean is for the caller.
pub fn read_figures(bytes: &[u8]) -> Result<Vec<Line>, Vec<CsvFault>> {
    read_lines(bytes, &FIGURE_COLUMNS, &FIGURE_REQUIRED)
}

/// Writes lines under a header in the Dutch Excel format (`;`, UTF-8 with a byte-order mark).
pub fn write_lines(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(BOM.to_vec());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// Writes a kind's file in the Dutch Excel format (`;`, UTF-8 with BOM). With no rows it is the
/// empty template.
pub fn write(spec: &KindSpec, rows: &[CsvRow]) -> Vec<u8> {
    let columns = columns(spec);
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(BOM.to_vec());
    let mut ok = w.write_record(&columns).is_ok();
    let lists = lists(spec);
    for r in rows {
        let base = |column: &str| -> String {
            match column {
                "id" => r.id.clone(),
                "organisatie" => r.organisation.clone(),
                "zichtbaarheid" => r.visibility.clone(),
                c => r.cells.get(c).cloned().unwrap_or_default(),
            }
        };
        let is_list_column = |c: &str| lists.iter().any(|(_, l)| l.columns.iter().any(|(_, lc)| *lc == c));
        let mut any = false;
        for (name, list) in &lists {
            for entry in r.entries.get(name).into_iter().flatten() {
                any = true;
                let line: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        if is_list_column(c) {
                            list.columns
                                .iter()
                                .find(|(_, lc)| lc == c)
                                .and_then(|(f, _)| entry.get(f).cloned())
                                .unwrap_or_default()
                        } else {
                            base(c)
                        }
                    })
                    .collect();
                ok &= w.write_record(&line).is_ok();
            }
        }
        if !any {
            let line: Vec<String> = columns
                .iter()
                .map(|c| if is_list_column(c) { String::new() } else { base(c) })
                .collect();
            ok &= w.write_record(&line).is_ok();
        }
    }
    debug_assert!(ok, "writing CSV to memory does not fail");
    w.into_inner().unwrap_or_default()
}

/// The example data file: organisations, and records per collection (`personen`, `doelen`, …),
/// each with `id`, `organisatie` and `zichtbaarheid` next to its own fields.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Examples {
    /// What the file is.
    #[serde(default)]
    pub toelichting: String,
    /// Organisations.
    pub organisaties: Vec<ExampleOrganisation>,
    /// Records by collection.
    #[serde(flatten)]
    pub records: BTreeMap<String, Vec<serde_json::Value>>,
}

/// An organisation of the example data.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExampleOrganisation {
    /// Id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Kind.
    pub soort: String,
    /// Arbeidsmarktregio.
    #[serde(default)]
    pub arbeidsmarktregio: Option<String>,
}

/// The prefix every example record's id starts with, so that example records can be told from
/// real ones.
pub const EXAMPLE_PREFIX: &str = "voorbeeld-";

/// Reads the example data file; every record's id must start with [`EXAMPLE_PREFIX`].
pub fn read_examples(bytes: &[u8]) -> Result<Examples, String> {
    let e: Examples =
        serde_json::from_slice(bytes).map_err(|e| format!("regel {}, kolom {}: {e}", e.line(), e.column()))?;
    for (collection, records) in &e.records {
        for r in records {
            let id = r.get("id").and_then(|v| v.as_str()).unwrap_or("");
            if !id.starts_with(EXAMPLE_PREFIX) {
                return Err(format!(
                    "{collection}: het id '{id}' begint niet met '{EXAMPLE_PREFIX}'"
                ));
            }
        }
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use samenhang_domain::coherence::AGREEMENT_SPEC;
    use samenhang_domain::registers::{GOAL_SPEC, PERSON_SPEC};

    #[test]
    fn a_wrong_column_is_named_on_line_one() {
        let err = read(&PERSON_SPEC, b"naam,functie,leeftijd\nA,wethouder,50\n").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!((err[0].line, err[0].column.as_str()), (1, "leeftijd"));
        let err = read(&GOAL_SPEC, b"titel;gebied\nx;GM0153\n").unwrap_err();
        let cols: Vec<&str> = err.iter().map(|f| f.column.as_str()).collect();
        assert_eq!(cols, ["indicator", "basisjaar", "streefjaar", "streefwaarde"]);
    }

    #[test]
    fn excel_files_and_the_old_comma_files_read_the_same() {
        let excel = "\u{feff}naam;functie;themas\n\"Jansen; Piet\";wethouder;werkloosheid|krapte\n";
        let old = "naam,functie,themas\n\"Jansen; Piet\",wethouder,werkloosheid|krapte\n";
        let a = read(&PERSON_SPEC, excel.as_bytes()).unwrap();
        let b = read(&PERSON_SPEC, old.as_bytes()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a[0].cells["naam"].text, "Jansen; Piet");
        assert_eq!(a[0].cells["themas"].text, "werkloosheid|krapte");
    }

    #[test]
    fn an_agreement_spans_lines_of_parties_and_commitments() {
        let file = "titel,soort,partij,brengt,krijgt,toezegging,deadline,status\n\
                    Werkpact Twente,werkpact,gemeente-enschede,kandidaten,vacatures,,,\n\
                    Werkpact Twente,,uwv-twente,kandidaten uit de WW,plaatsingen,,,\n\
                    Werkpact Twente,,uwv-twente,,,Maandelijks vacatures delen,2026-03-01,open\n";
        let r = read(&AGREEMENT_SPEC, file.as_bytes()).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].entries["partijen"].len(), 2);
        let c = &r[0].entries["toezeggingen"][0];
        assert_eq!(c["partij"].text, "uwv-twente");
        assert_eq!(c["omschrijving"].line, 4);
        // Written back and read again: the same record.
        let row = CsvRow {
            id: "a1".into(),
            organisation: "gemeente-enschede".into(),
            visibility: "openbaar".into(),
            cells: BTreeMap::from([("titel", "Werkpact Twente".to_string())]),
            entries: BTreeMap::from([
                (
                    "partijen",
                    vec![
                        BTreeMap::from([("organisatie", "gemeente-enschede".to_string())]),
                        BTreeMap::from([("organisatie", "uwv-twente".to_string())]),
                    ],
                ),
                (
                    "toezeggingen",
                    vec![BTreeMap::from([
                        ("partij", "uwv-twente".to_string()),
                        ("omschrijving", "Vacatures delen".to_string()),
                    ])],
                ),
            ]),
        };
        let bytes = write(&AGREEMENT_SPEC, &[row]);
        assert!(bytes.starts_with(BOM));
        let again = read(&AGREEMENT_SPEC, &bytes).unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].entries["partijen"].len(), 2);
        assert_eq!(
            again[0].entries["toezeggingen"][0]["omschrijving"].text,
            "Vacatures delen"
        );
    }

    #[test]
    fn a_list_column_on_a_line_without_its_marker_is_named() {
        let file = "titel;partij;deadline\nW;gemeente-enschede;\nW;;2026-01-01\n";
        let err = read(&AGREEMENT_SPEC, file.as_bytes()).unwrap_err();
        assert_eq!((err[0].line, err[0].column.as_str()), (3, "deadline"));
    }

    #[test]
    fn the_template_is_the_header() {
        let t = String::from_utf8(write(&GOAL_SPEC, &[])).unwrap();
        assert!(t.starts_with("\u{feff}id;organisatie;zichtbaarheid;titel;omschrijving;themas;eigenaar;gebied"));
        assert_eq!(t.lines().count(), 1);
    }

    #[test]
    fn binary_files_and_uneven_lines_are_refused_with_their_line() {
        assert_eq!(read(&PERSON_SPEC, b"naam;functie\n\0\0").unwrap_err()[0].line, 1);
        let err = read(&PERSON_SPEC, b"naam;functie\nA;wethouder;x\n").unwrap_err();
        assert_eq!(err[0].line, 2);
        assert!(err[0].reason.contains("puntkomma"));
    }

    proptest! {
        #[test]
        fn reading_never_panics(body in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read(&AGREEMENT_SPEC, &body);
            let mut with_header = b"titel;partij;toezegging;themas\n".to_vec();
            with_header.extend(body);
            let _ = read(&AGREEMENT_SPEC, &with_header);
        }
    }
}
