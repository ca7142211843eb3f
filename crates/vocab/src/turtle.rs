// SPDX-License-Identifier: EUPL-1.2
//! Turtle in (oxttl, with line and column of every syntax fault) and out (with the NL-SBB
//! prefixes, subjects grouped). Also N-Triples, the form the store keeps.

use std::io::{Read, Write};

use oxrdf::Triple;
use oxttl::{NTriplesParser, TurtleParser, TurtleSerializer};

use crate::ns::PREFIXES;
use crate::VocabError;

/// Parses Turtle; `file` names the source in errors.
pub fn parse<R: Read>(reader: R, file: &str) -> Result<Vec<Triple>, VocabError> {
    let mut out = Vec::new();
    for t in TurtleParser::new().for_reader(reader) {
        match t {
            Ok(t) => out.push(t),
            Err(oxttl::TurtleParseError::Syntax(e)) => {
                let start = e.location().start;
                return Err(VocabError::Syntax {
                    format: "Turtle",
                    file: file.to_string(),
                    line: start.line + 1,
                    column: start.column + 1,
                    message: e.message().to_string(),
                });
            }
            Err(oxttl::TurtleParseError::Io(e)) => {
                return Err(VocabError::Invalid {
                    file: file.to_string(),
                    message: format!("leesfout: {e}"),
                })
            }
        }
    }
    Ok(out)
}

/// Writes Turtle with the NL-SBB prefixes, triples sorted so that output is stable.
pub fn write<W: Write>(triples: &[Triple], writer: W) -> std::io::Result<W> {
    let mut ser = TurtleSerializer::new();
    for (p, iri) in PREFIXES {
        ser = ser
            .with_prefix(*p, *iri)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))?;
    }
    let mut w = ser.for_writer(writer);
    let mut sorted: Vec<&Triple> = triples.iter().collect();
    sorted.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.to_string(), t.object.to_string()));
    for t in sorted {
        w.serialize_triple(t)?;
    }
    w.finish()
}

/// One triple per line, N-Triples.
pub fn to_ntriples(triples: &[Triple]) -> Vec<String> {
    triples.iter().map(|t| format!("{t} .")).collect()
}

/// Parses N-Triples lines (as stored).
pub fn from_ntriples(lines: &[String], what: &str) -> Result<Vec<Triple>, VocabError> {
    let text = lines.join("\n");
    let mut out = Vec::with_capacity(lines.len());
    for t in NTriplesParser::new().for_slice(text.as_bytes()) {
        out.push(t.map_err(|e| VocabError::Invalid {
            file: what.to_string(),
            message: e.to_string(),
        })?);
    }
    Ok(out)
}
