// SPDX-License-Identifier: EUPL-1.2
//! CSV in and out for the registers (people, goals, schemes, agreements and consultation
//! bodies; the formats are in `docs/csv.md`).
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

use samenhang_domain::coherence::{
    Agreement, AgreementDraft, Body, BodyDraft, CommitmentDraft, PartyDraft, Scheme, SchemeDraft,
};
use samenhang_domain::registers::{AgendaDraft, Goal, GoalDraft, Person, PersonDraft};

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
    /// For records spread over several lines (an agreement's parties and commitments): the
    /// line of each part, by field prefix (`partijen[0]`, `toezeggingen[1]`).
    pub lines: Vec<(String, usize)>,
}

impl<D> Row<D> {
    /// The line a fault in `field` comes from.
    pub fn line_of(&self, field: &str) -> usize {
        self.lines
            .iter()
            .find(|(prefix, _)| field.starts_with(prefix.as_str()))
            .map_or(self.line, |(_, l)| *l)
    }
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

/// One record per line: `draft` builds the record's own fields from a line, with a number
/// reader that records faults; the line's `id`, `organisatie` and `zichtbaarheid` are added.
fn per_line<D>(
    t: &Table,
    mut draft: impl FnMut(&dyn Fn(&str) -> String, &mut dyn FnMut(&str) -> Option<f64>) -> D,
) -> Result<Vec<Row<D>>, Vec<CsvFault>> {
    let mut faults = Vec::new();
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let cell = |c: &str| t.cell(r, c).to_string();
        let mut num = |c: &str| number(&mut faults, *line, c, t.cell(r, c));
        let d = draft(&cell, &mut num);
        out.push(Row {
            line: *line,
            id: optional(t.cell(r, "id")),
            organisation: optional(t.cell(r, "organisatie")),
            visibility: optional(t.cell(r, "zichtbaarheid")),
            lines: Vec::new(),
            draft: d,
        });
    }
    if faults.is_empty() {
        Ok(out)
    } else {
        Err(faults)
    }
}

/// Reads a people file.
pub fn read_people(bytes: &[u8]) -> Result<Vec<Row<PersonDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &PERSON_COLUMNS, &PERSON_REQUIRED)?;
    per_line(&t, |c, _| PersonDraft {
        naam: c("naam"),
        functie: c("functie"),
        portefeuille: c("portefeuille"),
        themas: themes(&c("themas")),
        email: c("email"),
        telefoon: c("telefoon"),
    })
}

/// Reads a goals file.
pub fn read_goals(bytes: &[u8]) -> Result<Vec<Row<GoalDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &GOAL_COLUMNS, &GOAL_REQUIRED)?;
    per_line(&t, |c, num| GoalDraft {
        titel: c("titel"),
        omschrijving: c("omschrijving"),
        themas: themes(&c("themas")),
        eigenaar: c("eigenaar"),
        gebied: c("gebied"),
        indicator: c("indicator"),
        basisjaar: num("basisjaar"),
        basiswaarde: num("basiswaarde"),
        streefjaar: num("streefjaar"),
        streefwaarde: num("streefwaarde"),
    })
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

/// Writes records one per line, each after its `id`, `organisatie` and `zichtbaarheid`.
fn write_records<'a, T: 'a>(
    columns: &[&str],
    rows: impl IntoIterator<Item = (Meta<'a>, &'a T)>,
    fields: impl Fn(&T) -> Vec<String>,
) -> String {
    write(
        columns,
        rows.into_iter().map(|(m, r)| {
            let mut line = vec![m.id.to_string(), m.organisation.to_string(), m.visibility.to_string()];
            line.extend(fields(r));
            line
        }),
    )
}

fn num(v: f64) -> String {
    format!("{v}")
}

/// Writes a people file that [`read_people`] reads back.
pub fn write_people<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Person)>) -> String {
    write_records(&PERSON_COLUMNS, rows, |p| {
        vec![
            p.naam.clone(),
            p.functie.as_str().into(),
            p.portefeuille.clone().unwrap_or_default(),
            p.themas.join("|"),
            p.email.clone().unwrap_or_default(),
            p.telefoon.clone().unwrap_or_default(),
        ]
    })
}

/// Writes a goals file that [`read_goals`] reads back.
pub fn write_goals<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Goal)>) -> String {
    write_records(&GOAL_COLUMNS, rows, |g| {
        vec![
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
    })
}

/// Columns of the schemes file.
pub const SCHEME_COLUMNS: [&str; 17] = [
    "id",
    "organisatie",
    "zichtbaarheid",
    "titel",
    "omschrijving",
    "aanbieder",
    "gebied",
    "doelgroepen",
    "instrument",
    "behoeften",
    "budget",
    "geldsoort",
    "begindatum",
    "einddatum",
    "voorwaarden",
    "link",
    "status",
];
const SCHEME_REQUIRED: [&str; 8] = [
    "titel",
    "aanbieder",
    "gebied",
    "doelgroepen",
    "instrument",
    "budget",
    "geldsoort",
    "status",
];

/// Columns of the consultation bodies file.
pub const BODY_COLUMNS: [&str; 10] = [
    "id",
    "organisatie",
    "zichtbaarheid",
    "naam",
    "omschrijving",
    "deelnemers",
    "frequentie",
    "duur",
    "mandaat",
    "themas",
];
const BODY_REQUIRED: [&str; 4] = ["naam", "frequentie", "duur", "mandaat"];

/// Columns of the agreements file: one line per party and per commitment; lines with the same
/// `id` (or, without id, the same `titel`) form one agreement.
pub const AGREEMENT_COLUMNS: [&str; 15] = [
    "id",
    "organisatie",
    "zichtbaarheid",
    "titel",
    "soort",
    "omschrijving",
    "begindatum",
    "einddatum",
    "themas",
    "partij",
    "brengt",
    "krijgt",
    "toezegging",
    "deadline",
    "status",
];
const AGREEMENT_REQUIRED: [&str; 2] = ["titel", "partij"];

/// Reads a schemes file.
pub fn read_schemes(bytes: &[u8]) -> Result<Vec<Row<SchemeDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &SCHEME_COLUMNS, &SCHEME_REQUIRED)?;
    per_line(&t, |c, num| SchemeDraft {
        titel: c("titel"),
        omschrijving: c("omschrijving"),
        aanbieder: c("aanbieder"),
        gebied: c("gebied"),
        doelgroepen: themes(&c("doelgroepen")),
        instrument: c("instrument"),
        behoeften: themes(&c("behoeften")),
        budget: num("budget"),
        geldsoort: c("geldsoort"),
        begindatum: c("begindatum"),
        einddatum: c("einddatum"),
        voorwaarden: c("voorwaarden"),
        link: c("link"),
        status: c("status"),
    })
}

/// Reads a consultation bodies file.
pub fn read_bodies(bytes: &[u8]) -> Result<Vec<Row<BodyDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &BODY_COLUMNS, &BODY_REQUIRED)?;
    per_line(&t, |c, num| BodyDraft {
        naam: c("naam"),
        omschrijving: c("omschrijving"),
        deelnemers: themes(&c("deelnemers")),
        frequentie: num("frequentie"),
        duur: num("duur"),
        mandaat: c("mandaat"),
        themas: themes(&c("themas")),
    })
}

/// Reads an agreements file: lines are grouped by `id`, or by `titel` when there is no id. A
/// line with a `toezegging` is a commitment of its `partij`; a line with only a `partij` is a
/// party with what it brings and gets. The agreement's own fields come from the first line of
/// the group that fills them.
pub fn read_agreements(bytes: &[u8]) -> Result<Vec<Row<AgreementDraft>>, Vec<CsvFault>> {
    let t = read(bytes, &AGREEMENT_COLUMNS, &AGREEMENT_REQUIRED)?;
    let mut out: Vec<Row<AgreementDraft>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (line, r) in &t.rows {
        let c = |k: &str| t.cell(r, k).to_string();
        let key = optional(t.cell(r, "id")).map_or_else(|| format!("titel:{}", c("titel")), |id| format!("id:{id}"));
        let at = *index.entry(key).or_insert_with(|| {
            out.push(Row {
                line: *line,
                id: optional(t.cell(r, "id")),
                organisation: None,
                visibility: None,
                lines: Vec::new(),
                draft: AgreementDraft::default(),
            });
            out.len() - 1
        });
        let row = &mut out[at];
        let fill = |slot: &mut String, v: String| {
            if slot.is_empty() {
                *slot = v;
            }
        };
        let d = &mut row.draft;
        fill(&mut d.titel, c("titel"));
        fill(&mut d.soort, c("soort"));
        fill(&mut d.omschrijving, c("omschrijving"));
        fill(&mut d.begindatum, c("begindatum"));
        fill(&mut d.einddatum, c("einddatum"));
        if d.themas.is_empty() {
            d.themas = themes(t.cell(r, "themas"));
        }
        if row.organisation.is_none() {
            row.organisation = optional(t.cell(r, "organisatie"));
        }
        if row.visibility.is_none() {
            row.visibility = optional(t.cell(r, "zichtbaarheid"));
        }
        if !c("toezegging").is_empty() {
            row.lines
                .push((format!("toezeggingen[{}]", d.toezeggingen.len()), *line));
            d.toezeggingen.push(CommitmentDraft {
                partij: c("partij"),
                omschrijving: c("toezegging"),
                deadline: c("deadline"),
                status: c("status"),
            });
        } else if !c("partij").is_empty() {
            row.lines.push((format!("partijen[{}]", d.partijen.len()), *line));
            d.partijen.push(PartyDraft {
                organisatie: c("partij"),
                brengt: c("brengt"),
                krijgt: c("krijgt"),
            });
        }
    }
    Ok(out)
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Writes a schemes file that [`read_schemes`] reads back.
pub fn write_schemes<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Scheme)>) -> String {
    write_records(&SCHEME_COLUMNS, rows, |s| {
        vec![
            s.titel.clone(),
            s.omschrijving.clone(),
            s.aanbieder.clone(),
            s.gebied.to_string(),
            s.doelgroepen.join("|"),
            s.instrument.clone(),
            s.behoeften.join("|"),
            num(s.budget),
            s.geldsoort.as_str().into(),
            date(s.begindatum),
            date(s.einddatum),
            s.voorwaarden.clone(),
            s.link.clone().unwrap_or_default(),
            s.status.as_str().into(),
        ]
    })
}

/// Writes a consultation bodies file that [`read_bodies`] reads back.
pub fn write_bodies<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Body)>) -> String {
    write_records(&BODY_COLUMNS, rows, |b| {
        vec![
            b.naam.clone(),
            b.omschrijving.clone(),
            b.deelnemers.join("|"),
            num(b.frequentie),
            num(b.duur),
            b.mandaat.as_str().into(),
            b.themas.join("|"),
        ]
    })
}

/// Writes an agreements file that [`read_agreements`] reads back: one line per party, then one
/// per commitment, each with the agreement's own fields.
pub fn write_agreements<'a>(rows: impl IntoIterator<Item = (Meta<'a>, &'a Agreement)>) -> String {
    let mut lines = Vec::new();
    for (m, a) in rows {
        let head = |partij: &str, brengt: &str, krijgt: &str, toezegging: &str, deadline: String, status: &str| {
            vec![
                m.id.to_string(),
                m.organisation.to_string(),
                m.visibility.to_string(),
                a.titel.clone(),
                a.soort.as_str().to_string(),
                a.omschrijving.clone(),
                date(a.begindatum),
                date(a.einddatum),
                a.themas.join("|"),
                partij.to_string(),
                brengt.to_string(),
                krijgt.to_string(),
                toezegging.to_string(),
                deadline,
                status.to_string(),
            ]
        };
        for p in &a.partijen {
            lines.push(head(&p.organisatie, &p.brengt, &p.krijgt, "", String::new(), ""));
        }
        for t in &a.toezeggingen {
            lines.push(head(
                &t.partij,
                "",
                "",
                &t.omschrijving,
                date(t.deadline),
                t.status.as_str(),
            ));
        }
    }
    write(&AGREEMENT_COLUMNS, lines.into_iter())
}

/// One example record: its id, owner and visibility, and the record as entered.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExampleEntry<D> {
    /// Id (starts with `voorbeeld-`).
    pub id: String,
    /// Owning organisation.
    pub organisatie: String,
    /// Visibility.
    pub zichtbaarheid: String,
    /// The record.
    #[serde(flatten)]
    pub draft: D,
}

/// An example organisation.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleOrganisation {
    /// Id.
    pub id: String,
    /// Name.
    pub naam: String,
    /// Kind.
    pub soort: String,
    /// Arbeidsmarktregio.
    pub arbeidsmarktregio: Option<String>,
}

/// The example data set (`data/voorbeeld/*.json`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// What the set is.
    pub toelichting: String,
    /// Organisations (created when missing).
    pub organisaties: Vec<ExampleOrganisation>,
    /// People.
    pub personen: Vec<ExampleEntry<PersonDraft>>,
    /// Goals.
    pub doelen: Vec<ExampleEntry<GoalDraft>>,
    /// Agendas.
    #[serde(default)]
    pub agendas: Vec<ExampleEntry<AgendaDraft>>,
    /// Schemes.
    pub regelingen: Vec<ExampleEntry<SchemeDraft>>,
    /// Agreements.
    pub afspraken: Vec<ExampleEntry<AgreementDraft>>,
    /// Consultation bodies.
    pub overleggen: Vec<ExampleEntry<BodyDraft>>,
}

/// Reads an example data set; every id must start with `voorbeeld-`, so the pages can mark
/// example records.
pub fn read_examples(bytes: &[u8]) -> Result<Examples, String> {
    let e: Examples =
        serde_json::from_slice(bytes).map_err(|e| format!("regel {}, kolom {}: {e}", e.line(), e.column()))?;
    let ids = e
        .personen
        .iter()
        .map(|x| &x.id)
        .chain(e.doelen.iter().map(|x| &x.id))
        .chain(e.agendas.iter().map(|x| &x.id))
        .chain(e.regelingen.iter().map(|x| &x.id))
        .chain(e.afspraken.iter().map(|x| &x.id))
        .chain(e.overleggen.iter().map(|x| &x.id));
    for id in ids {
        if !id.starts_with("voorbeeld-") {
            return Err(format!("het id '{id}' begint niet met 'voorbeeld-'"));
        }
    }
    Ok(e)
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

    #[test]
    fn agreements_group_lines_and_remember_where_each_part_came_from() {
        let file = "titel,soort,partij,brengt,krijgt,toezegging,deadline,status\n\
                    Werkpact,werkpact,enschede,plaatsen,kandidaten,,,\n\
                    Werkpact,,uwv,kandidaten,vacatures,,,\n\
                    Werkpact,,uwv,,,Vacatures delen,2026-03-01,open\n\
                    Ander pact,convenant,hengelo,,,,,\n";
        let rows = read_agreements(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        let w = &rows[0];
        assert_eq!(w.draft.soort, "werkpact");
        assert_eq!(w.draft.partijen.len(), 2);
        assert_eq!(w.draft.toezeggingen[0].omschrijving, "Vacatures delen");
        assert_eq!(w.line_of("toezeggingen[0].partij"), 4);
        assert_eq!(w.line_of("partijen[1].organisatie"), 3);
        assert_eq!(w.line_of("titel"), 2);
        assert_eq!(rows[1].line, 5);
    }

    proptest! {
        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_people(&bytes);
            let _ = read_goals(&bytes);
            let _ = read_schemes(&bytes);
            let _ = read_bodies(&bytes);
            let _ = read_agreements(&bytes);
        }
    }
}
