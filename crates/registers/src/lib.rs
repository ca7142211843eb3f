// SPDX-License-Identifier: EUPL-1.2
//! CSV in and out for the registers (people and goals; the format is in `docs/csv.md`).
//!
//! Reading turns a file into drafts, each with its line number; it checks the header (every
//! column known, the required ones present) and the shape of each row, and reports every fault
//! with its line and column. Whether the values make sense (known concepts, regions,
//! indicators) is the domain's check (`PersonDraft::parse`, `GoalDraft::parse`), which the
//! caller runs per row, keeping the line number. Nothing here touches the database.
//!
//! - The delimiter is `,` or `;` (Dutch spreadsheets), taken from the header line.
//! - Several themes in one cell are separated by `|`.
//! - Numbers may use a decimal comma.

use samenhang_domain::registers::{Goal, GoalDraft, Person, PersonDraft};

/// A fault in a CSV file: line (1 is the header), column and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFault {
    /// Line in the file, from 1 (the header).
    pub line: usize,
    /// Column name.
    pub column: String,
    /// What is wrong, in Dutch.
    pub reason: String,
}

/// One data row: its line, the record-level fields, and the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<D> {
    /// Line in the file.
    pub line: usize,
    /// `id`, when given (an existing record is then replaced).
    pub id: Option<String>,
    /// `organisatie`, when given.
    pub organisation: Option<String>,
    /// `zichtbaarheid`, when given.
    pub visibility: Option<String>,
    /// The record's own fields.
    pub draft: D,
}

/// Columns of the people file; `naam` and `functie` are required.
pub const PERSON_COLUMNS: [&str; 9] = [
    "id",
    "organisatie",
    "zichtbaarheid",
    "naam",
    "functie",
    "portefeuille",
    "themas",
    "email",
    "telefoon",
];
const PERSON_REQUIRED: [&str; 2] = ["naam", "functie"];

/// Columns of the goals file.
pub const GOAL_COLUMNS: [&str; 13] = [
    "id",
    "organisatie",
    "zichtbaarheid",
    "titel",
    "omschrijving",
    "themas",
    "eigenaar",
    "gebied",
    "indicator",
    "basisjaar",
    "basiswaarde",
    "streefjaar",
    "streefwaarde",
];
const GOAL_REQUIRED: [&str; 7] = [
    "titel",
    "gebied",
    "indicator",
    "basisjaar",
    "basiswaarde",
    "streefjaar",
    "streefwaarde",
];

/// The largest file accepted, in rows.
pub const MAX_ROWS: usize = 10_000;

struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn cell<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| row.get(i))
            .map_or("", |s| s.trim())
    }
}

fn read(bytes: &[u8], columns: &[&str], required: &[&str]) -> Result<Table, Vec<CsvFault>> {
    let fault = |line: usize, column: &str, reason: String| CsvFault {
        line,
        column: column.into(),
        reason,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first.contains(&b';') && !first.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Some(Err(e)) => return Err(vec![fault(1, "", format!("De kopregel is geen geldige CSV: {e}."))]),
        None => return Err(vec![fault(1, "", "Het bestand is leeg; verwacht een kopregel.".into())]),
    };
    let mut faults = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if !columns.contains(&h.as_str()) {
            faults.push(fault(
                1,
                h,
                format!("Onbekende kolom '{h}'. Toegestaan zijn: {}.", columns.join(", ")),
            ));
        } else if header[..i].contains(h) {
            faults.push(fault(1, h, format!("De kolom '{h}' staat er twee keer in.")));
        }
    }
    for r in required {
        if !header.iter().any(|h| h == r) {
            faults.push(fault(1, r, format!("De verplichte kolom '{r}' ontbreekt.")));
        }
    }
    if !faults.is_empty() {
        return Err(faults);
    }
    let mut rows = Vec::new();
    for (n, record) in records.enumerate() {
        let line = n + 2;
        if rows.len() >= MAX_ROWS {
            return Err(vec![fault(
                line,
                "",
                format!("Te veel regels: hoogstens {MAX_ROWS} per bestand."),
            )]);
        }
        match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) if r.len() != header.len() => faults.push(fault(
                line,
                "",
                format!(
                    "Deze regel heeft {} velden; de kopregel heeft er {}.",
                    r.len(),
                    header.len()
                ),
            )),
            Ok(r) => rows.push((line, r.iter().map(str::to_string).collect())),
            Err(e) => faults.push(fault(line, "", format!("Geen geldige CSV: {e}."))),
        }
    }
    if faults.is_empty() {
        Ok(Table { header, rows })
    } else {
        Err(faults)
    }
}

fn optional(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn themes(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn number(faults: &mut Vec<CsvFault>, line: usize, column: &str, s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let normalised = if s.contains(',') && !s.contains('.') {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    match normalised.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            faults.push(CsvFault {
                line,
                column: column.into(),
                reason: format!("'{s}' is geen getal."),
            });
            None
        }
    }
}

/// Reads a people file.
pub fn read_people(bytes: &[u8]) -> Result<Vec<Row<PersonDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &PERSON_COLUMNS, &PERSON_REQUIRED)?;
    Ok(t.rows
        .iter()
        .map(|(line, r)| Row {
            line: *line,
            id: optional(t.cell(r, "id")),
            organisation: optional(t.cell(r, "organisatie")),
            visibility: optional(t.cell(r, "zichtbaarheid")),
            draft: PersonDraft {
                naam: t.cell(r, "naam").into(),
                functie: t.cell(r, "functie").into(),
                portefeuille: t.cell(r, "portefeuille").into(),
                themas: themes(t.cell(r, "themas")),
                email: t.cell(r, "email").into(),
                telefoon: t.cell(r, "telefoon").into(),
            },
        })
        .collect())
}

/// Reads a goals file.
pub fn read_goals(bytes: &[u8]) -> Result<Vec<Row<GoalDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &GOAL_COLUMNS, &GOAL_REQUIRED)?;
    let mut faults = Vec::new();
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let mut num = |c: &str| number(&mut faults, *line, c, t.cell(r, c));
        let (basisjaar, basiswaarde, streefjaar, streefwaarde) = (
            num("basisjaar"),
            num("basiswaarde"),
            num("streefjaar"),
            num("streefwaarde"),
        );
        out.push(Row {
            line: *line,
            id: optional(t.cell(r, "id")),
            organisation: optional(t.cell(r, "organisatie")),
            visibility: optional(t.cell(r, "zichtbaarheid")),
            draft: GoalDraft {
                titel: t.cell(r, "titel").into(),
                omschrijving: t.cell(r, "omschrijving").into(),
                themas: themes(t.cell(r, "themas")),
                eigenaar: t.cell(r, "eigenaar").into(),
                gebied: t.cell(r, "gebied").into(),
                indicator: t.cell(r, "indicator").into(),
                basisjaar,
                basiswaarde,
                streefjaar,
                streefwaarde,
            },
        });
    }
    if faults.is_empty() {
        Ok(out)
    } else {
        Err(faults)
    }
}

/// A stored record's own fields for export: id, organisation, visibility.
#[derive(Debug, Clone, Copy)]
pub struct Meta<'a> {
    /// Id.
    pub id: &'a str,
    /// Owning organisation.
    pub organisation: &'a str,
    /// Visibility (Dutch name).
    pub visibility: &'a str,
}

fn write(columns: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut ok = w.write_record(columns).is_ok();
    for r in rows {
        ok &= w.write_record(&r).is_ok();
    }
    debug_assert!(ok, "writing CSV to memory does not fail");
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn num(v: f64) -> String {
    format!("{v}")
}

/// Writes a people file that [`read_people`] reads back.
pub fn write_people<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Person)>) -> String {
    write(
        &PERSON_COLUMNS,
        rows.into_iter().map(|(m, p)| {
            vec![
                m.id.into(),
                m.organisation.into(),
                m.visibility.into(),
                p.naam.clone(),
                p.functie.as_str().into(),
                p.portefeuille.clone().unwrap_or_default(),
                p.themas.join("|"),
                p.email.clone().unwrap_or_default(),
                p.telefoon.clone().unwrap_or_default(),
            ]
        }),
    )
}

/// Writes a goals file that [`read_goals`] reads back.
pub fn write_goals<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Goal)>) -> String {
    write(
        &GOAL_COLUMNS,
        rows.into_iter().map(|(m, g)| {
            vec![
                m.id.into(),
                m.organisation.into(),
                m.visibility.into(),
                g.titel.clone(),
                g.omschrijving.clone(),
                g.themas.join("|"),
                g.eigenaar.clone().unwrap_or_default(),
                g.gebied.to_string(),
                g.indicator.clone(),
                g.basisjaar.to_string(),
                num(g.basiswaarde),
                g.streefjaar.to_string(),
                num(g.streefwaarde),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_wrong_column_is_named_on_line_one() {
        let err = read_people(b"naam,functie,leeftijd\nA,wethouder,50\n").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!((err[0].line, err[0].column.as_str()), (1, "leeftijd"));
        let err = read_goals(b"titel;gebied\nx;GM0153\n").unwrap_err();
        let cols: Vec<&str> = err.iter().map(|f| f.column.as_str()).collect();
        assert_eq!(
            cols,
            ["indicator", "basisjaar", "basiswaarde", "streefjaar", "streefwaarde"]
        );
    }

    #[test]
    fn semicolons_decimal_commas_and_themes() {
        let file = "titel;gebied;indicator;basisjaar;basiswaarde;streefjaar;streefwaarde;themas\n\
                    Meer banen;GM0153;banen;2020;80,5;2030;90;werkgelegenheid|krapte\n";
        let rows = read_goals(file.as_bytes()).unwrap();
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].draft.basiswaarde, Some(80.5));
        assert_eq!(rows[0].draft.themas, ["werkgelegenheid", "krapte"]);
        let err = read_goals(
            b"titel,gebied,indicator,basisjaar,basiswaarde,streefjaar,streefwaarde\nx,GM0153,banen,twee,1,2030,2\n",
        )
        .unwrap_err();
        assert_eq!((err[0].line, err[0].column.as_str()), (2, "basisjaar"));
    }

    #[test]
    fn people_round_trip() {
        let p = Person {
            naam: "Anna de Vries, MSc".into(),
            functie: samenhang_domain::registers::Function::Alderman,
            portefeuille: Some("Werk en inkomen".into()),
            themas: vec!["werkloosheid".into(), "arbeidsmarkt".into()],
            email: Some("a.devries@hengelo.nl".into()),
            telefoon: None,
        };
        let meta = Meta {
            id: "p1",
            organisation: "gemeente-hengelo",
            visibility: "regio",
        };
        let text = write_people([(meta, &p)]);
        let rows = read_people(text.as_bytes()).unwrap();
        assert_eq!(rows[0].id.as_deref(), Some("p1"));
        assert_eq!(rows[0].draft.naam, p.naam);
        assert_eq!(rows[0].draft.themas, p.themas);
    }

    proptest! {
        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_people(&bytes);
            let _ = read_goals(&bytes);
        }
    }
}
