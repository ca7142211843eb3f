// SPDX-License-Identifier: EUPL-1.2
//! CSV out, in the columns of the NL-SBB spreadsheet: one row per concept, several values in a
//! cell separated by `|`.

use std::io::Write;

use crate::model::{MatchKind, Vocabulary};

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "uri",
    "voorkeursterm",
    "alternatieveTerm",
    "zoekterm",
    "definitie",
    "bron",
    "uitleg",
    "toelichting",
    "voorbeeld",
    "bovenliggendBegrip",
    "gerelateerdBegrip",
    "exactOvereenkomend",
    "nauwOvereenkomend",
    "breedOvereenkomend",
    "smalOvereenkomend",
    "status",
];

fn join(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("|")
}

/// Writes the concepts as CSV.
pub fn write<W: Write>(vocab: &Vocabulary, writer: W) -> Result<W, csv::Error> {
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(COLUMNS)?;
    for c in &vocab.concepts {
        let matches = |kind: MatchKind| join(c.matches.iter().filter(|(k, _)| *k == kind).map(|(_, m)| m.clone()));
        let first = c.definitions.first();
        let source = first
            .and_then(|d| d.source.as_ref())
            .or(c.sources.first())
            .map(|s| s.url.clone().or(s.iri.clone()).or(s.title.clone()).unwrap_or_default())
            .unwrap_or_default();
        w.write_record([
            c.iri.clone(),
            c.pref_label.clone(),
            join(c.alt_labels.iter().cloned()),
            join(c.hidden_labels.iter().cloned()),
            first.map(|d| d.text.clone()).unwrap_or_default(),
            source,
            join(c.explanations.iter().cloned()),
            join(c.notes.iter().cloned()),
            join(c.examples.iter().cloned()),
            join(c.broader.iter().cloned()),
            join(c.related.iter().cloned()),
            matches(MatchKind::Exact),
            matches(MatchKind::Close),
            matches(MatchKind::Broad),
            matches(MatchKind::Narrow),
            c.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Reads concepts in the NL-SBB spreadsheet columns into triples of the scheme `scheme_iri`
/// titled `title`. Every fault names the line and the column; nothing is returned then.
pub fn read<R: std::io::Read>(
    reader: R,
    file: &str,
    scheme_iri: &str,
    title: &str,
) -> Result<Vec<oxrdf::Triple>, crate::VocabError> {
    use oxrdf::{BlankNode, Literal, NamedNode, Triple};

    use crate::ns;
    let fault = |line: u64, column: &str, m: String| crate::VocabError::Invalid {
        file: file.to_string(),
        message: format!("regel {line}, kolom '{column}': {m}"),
    };
    let p = |iri: &str| NamedNode::new_unchecked(iri);
    let nl = |s: &str| Literal::new_language_tagged_literal_unchecked(s, "nl");
    let iri = |line: u64, column: &str, s: &str| -> Result<NamedNode, crate::VocabError> {
        if !(s.starts_with("http://") || s.starts_with("https://")) {
            return Err(fault(line, column, format!("'{s}' is geen IRI (http:// of https://)")));
        }
        NamedNode::new(s).map_err(|e| fault(line, column, format!("'{s}' is geen geldige IRI: {e}")))
    };
    let scheme = iri(1, "kader", scheme_iri)?;
    let mut out = vec![
        Triple::new(scheme.clone(), p(ns::RDF_TYPE), p(ns::SKOS_CONCEPT_SCHEME)),
        Triple::new(scheme.clone(), p(ns::DCT_TITLE), nl(title)),
    ];
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| fault(1, "", e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect::<Vec<_>>();
    if headers.iter().map(String::as_str).ne(COLUMNS.iter().copied()) {
        return Err(fault(
            1,
            "",
            format!("de kopregel moet de NL-SBB-kolommen hebben: {}", COLUMNS.join(",")),
        ));
    }
    let mut blank = 0u32;
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |pos| pos.line());
            fault(line, "", e.to_string())
        })?;
        let line = rec.position().map_or(0, |pos| pos.line());
        let cell = |name: &str| {
            rec.get(COLUMNS.iter().position(|c| *c == name).unwrap_or(0))
                .unwrap_or("")
                .trim()
        };
        let many = |name: &str| -> Vec<String> {
            cell(name)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let subject = iri(line, "uri", cell("uri"))?;
        let label = cell("voorkeursterm");
        if label.is_empty() {
            return Err(fault(line, "voorkeursterm", "de voorkeursterm is leeg".into()));
        }
        out.push(Triple::new(subject.clone(), p(ns::RDF_TYPE), p(ns::SKOS_CONCEPT)));
        out.push(Triple::new(subject.clone(), p(ns::SKOS_IN_SCHEME), scheme.clone()));
        out.push(Triple::new(subject.clone(), p(ns::SKOS_PREF_LABEL), nl(label)));
        for (col, pred) in [
            ("alternatieveTerm", ns::SKOS_ALT_LABEL),
            ("zoekterm", ns::SKOS_HIDDEN_LABEL),
            ("uitleg", ns::SKOS_SCOPE_NOTE),
            ("toelichting", ns::RDFS_COMMENT),
            ("voorbeeld", ns::SKOS_EXAMPLE),
        ] {
            for v in many(col) {
                out.push(Triple::new(subject.clone(), p(pred), nl(&v)));
            }
        }
        let def = cell("definitie");
        if !def.is_empty() {
            out.push(Triple::new(subject.clone(), p(ns::SKOS_DEFINITION), nl(def)));
        }
        let bron = cell("bron");
        if bron.starts_with("http://") || bron.starts_with("https://") {
            out.push(Triple::new(
                subject.clone(),
                p(ns::DCT_SOURCE),
                iri(line, "bron", bron)?,
            ));
        } else if !bron.is_empty() {
            blank += 1;
            let b = BlankNode::new_unchecked(format!("bron{blank}"));
            out.push(Triple::new(subject.clone(), p(ns::DCT_SOURCE), b.clone()));
            out.push(Triple::new(b, p(ns::DCT_TITLE), nl(bron)));
        }
        let broader = many("bovenliggendBegrip");
        if broader.is_empty() {
            out.push(Triple::new(subject.clone(), p(ns::SKOS_TOP_CONCEPT_OF), scheme.clone()));
        }
        for (col, pred, values) in [
            ("bovenliggendBegrip", ns::SKOS_BROADER, broader),
            ("gerelateerdBegrip", ns::SKOS_RELATED, many("gerelateerdBegrip")),
            ("exactOvereenkomend", ns::SKOS_EXACT_MATCH, many("exactOvereenkomend")),
            ("nauwOvereenkomend", ns::SKOS_CLOSE_MATCH, many("nauwOvereenkomend")),
            ("breedOvereenkomend", ns::SKOS_BROAD_MATCH, many("breedOvereenkomend")),
            ("smalOvereenkomend", ns::SKOS_NARROW_MATCH, many("smalOvereenkomend")),
        ] {
            for v in values {
                out.push(Triple::new(subject.clone(), p(pred), iri(line, col, &v)?));
            }
        }
        let status = cell("status");
        if !status.is_empty() {
            let s = crate::Status::parse(status).ok_or_else(|| {
                fault(
                    line,
                    "status",
                    format!("'{status}': kies uit inBewerking, voorgesteld, vastgesteld, vervangen of vervallen"),
                )
            })?;
            out.push(Triple::new(subject.clone(), p(ns::ADMS_STATUS), p(s.iri())));
        }
    }
    Ok(out)
}
