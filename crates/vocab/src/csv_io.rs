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
