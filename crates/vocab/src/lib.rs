// SPDX-License-Identifier: EUPL-1.2
//! The begrippenkader: concepts described with NL-SBB (SKOS with Dutch conventions).
//!
//! Layout:
//! - [`ns`]: the vocabularies used, and Samenhang's small extension (`bron:`);
//! - [`model`]: [`Vocabulary`] and [`Concept`], a view over the RDF graph, with validation (one
//!   scheme, a preferred label per concept, no label twice, no cycle in `skos:broader`);
//! - [`turtle`]: Turtle in (with line and column of syntax faults) and out, and N-Triples;
//! - [`jsonld`]: JSON-LD out; [`csv_io`]: CSV out in the NL-SBB spreadsheet columns.
//!
//! The graph is kept whole, so an export holds everything an import read, also what the model
//! does not show. No I/O beyond the readers and writers handed in.

pub mod csv_io;
pub mod edit;
pub mod jsonld;
pub mod model;
pub mod ns;
pub mod turtle;

pub use model::{Collection, Concept, Definition, MatchKind, Source, Status, Vocabulary};

/// Why a vocabulary cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabError {
    /// The file is malformed Turtle or JSON.
    #[error("{file}, regel {line}, kolom {column}: ongeldige {format}: {message}")]
    Syntax {
        /// File.
        file: String,
        /// "Turtle" or "JSON-LD".
        format: &'static str,
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// The content breaks a rule of the begrippenkader.
    #[error("{file}: {message}")]
    Invalid {
        /// File.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// Reads and checks a Turtle vocabulary.
pub fn read_turtle<R: std::io::Read>(reader: R, file: &str) -> Result<Vocabulary, VocabError> {
    Vocabulary::from_triples(turtle::parse(reader, file)?, file)
}

/// Whether two graphs are isomorphic (equal up to blank node names).
pub fn isomorphic(a: &[oxrdf::Triple], b: &[oxrdf::Triple]) -> bool {
    let mut ga: oxrdf::Graph = a.iter().collect();
    let mut gb: oxrdf::Graph = b.iter().collect();
    ga.canonicalize(oxrdf::graph::CanonicalizationAlgorithm::Unstable);
    gb.canonicalize(oxrdf::graph::CanonicalizationAlgorithm::Unstable);
    ga == gb
}

#[cfg(test)]
mod tests {
    use super::*;

    const NETBEHEER: &str = include_str!("../tests/data/netbeheer_nederland_begrippenkader.ttl");

    #[test]
    fn netbeheer_round_trips_without_loss() {
        let v = read_turtle(NETBEHEER.as_bytes(), "netbeheer.ttl").unwrap();
        assert!(v.concepts.len() >= 200, "{}", v.concepts.len());
        let original = turtle::parse(NETBEHEER.as_bytes(), "netbeheer.ttl").unwrap();
        let out = turtle::write(&v.triples, Vec::new()).unwrap();
        let again = read_turtle(&out[..], "export.ttl").unwrap();
        assert_eq!(again.triples.len(), original.len());
        assert!(isomorphic(&original, &again.triples));
        // N-Triples, as the store keeps it.
        let stored = turtle::from_ntriples(&turtle::to_ntriples(&v.triples), "opslag").unwrap();
        assert!(isomorphic(&original, &stored));
        let c = v.concept("energiedrager").unwrap();
        assert_eq!(c.alt_labels, vec!["productsoort".to_string()]);
        assert_eq!(c.status, Some(Status::Vastgesteld));
        assert_eq!(c.sources[0].title.as_deref(), Some("Energiedrager"));
    }

    #[test]
    fn malformed_turtle_names_line_and_column() {
        let err = read_turtle(&b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://x.nl/a> skos:prefLabel \"x\"@nl ;\n  skos:broader <https://x.nl/b\n"[..], "kapot.ttl")
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("kapot.ttl, regel 3, kolom"), "{msg}");
    }

    fn scheme(body: &str) -> String {
        format!(
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix : <https://x.nl/> .\n:k a skos:ConceptScheme .\n{body}"
        )
    }

    #[test]
    fn reads_collections() {
        let text = scheme(
            ":a a skos:Concept; skos:inScheme :k; skos:prefLabel \"a\"@nl .\n\
             :thema a skos:Collection; skos:prefLabel \"Thema\"@nl; skos:member :a .\n",
        );
        let v = read_turtle(text.as_bytes(), "k.ttl").unwrap();
        assert_eq!(v.collections.len(), 1);
        assert_eq!(v.collections[0].label, "Thema");
        assert_eq!(v.collections[0].members, vec!["https://x.nl/a".to_string()]);
    }

    #[test]
    fn refuses_cycles_and_duplicate_labels() {
        let cycle = scheme(
            ":a a skos:Concept; skos:inScheme :k; skos:prefLabel \"a\"@nl; skos:broader :b .\n\
             :b a skos:Concept; skos:inScheme :k; skos:prefLabel \"b\"@nl; skos:broader :c .\n\
             :c a skos:Concept; skos:inScheme :k; skos:prefLabel \"c\"@nl; skos:broader :a .\n",
        );
        let e = read_turtle(cycle.as_bytes(), "k.ttl").unwrap_err().to_string();
        assert!(e.contains("kringverwijzing in skos:broader"), "{e}");
        let dup = scheme(
            ":a a skos:Concept; skos:inScheme :k; skos:prefLabel \"werkloosheid\"@nl .\n\
             :b a skos:Concept; skos:inScheme :k; skos:prefLabel \"Werkloosheid\"@nl .\n",
        );
        let e = read_turtle(dup.as_bytes(), "k.ttl").unwrap_err().to_string();
        assert!(e.contains("komt twee keer voor"), "{e}");
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    const SEED: &str = include_str!("../../../data/vocab/arbeidsmarkt-en-economie.ttl");

    #[test]
    fn the_seed_vocabulary_is_complete_and_round_trips() {
        let v = read_turtle(SEED.as_bytes(), "arbeidsmarkt-en-economie.ttl").unwrap();
        assert_eq!(v.title, "Arbeidsmarkt en economie");
        assert!(v.concepts.len() >= 80, "{}", v.concepts.len());
        for c in &v.concepts {
            assert!(!c.definitions.is_empty(), "{} has no definition", c.id);
            for d in &c.definitions {
                assert!(
                    d.source.as_ref().and_then(|s| s.title.as_ref()).is_some(),
                    "{}: definition without source",
                    c.id
                );
                assert!(d.perspective.is_some(), "{}: definition without perspective", c.id);
            }
        }
        let w = v.concept("werkloosheid").unwrap();
        let sources: std::collections::BTreeSet<_> = w
            .definitions
            .iter()
            .map(|d| d.source.as_ref().unwrap().title.clone())
            .collect();
        assert!(w.definitions.len() >= 2 && sources.len() >= 2);
        assert!(w
            .definitions
            .iter()
            .any(|d| d.perspective.as_deref() == Some("statistiek")));
        let out = turtle::write(&v.triples, Vec::new()).unwrap();
        let again = read_turtle(&out[..], "export.ttl").unwrap();
        assert!(isomorphic(&v.triples, &again.triples));
        assert!(again.concepts == v.concepts, "the view differs after a round trip");
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    const SEED: &str = include_str!("../../../data/vocab/arbeidsmarkt-en-economie.ttl");
    const NETBEHEER: &str = include_str!("../tests/data/netbeheer_nederland_begrippenkader.ttl");

    #[test]
    fn jsonld_round_trips_both_vocabularies() {
        for (name, text) in [("seed", SEED), ("netbeheer", NETBEHEER)] {
            let v = read_turtle(text.as_bytes(), name).unwrap();
            let doc = serde_json::to_vec(&jsonld::document(&v.triples)).unwrap();
            let back = jsonld::parse(&doc, "export.jsonld").unwrap();
            assert!(isomorphic(&v.triples, &back), "{name}");
            let again = Vocabulary::from_triples(back, "export.jsonld").unwrap();
            assert!(again.concepts == v.concepts, "{name}: view differs");
        }
    }

    #[test]
    fn csv_round_trips() {
        let v = read_turtle(SEED.as_bytes(), "seed").unwrap();
        let csv1 = csv_io::write(&v, Vec::new()).unwrap();
        let t1 = csv_io::read(&csv1[..], "1.csv", &v.iri, &v.title).unwrap();
        let v1 = Vocabulary::from_triples(t1.clone(), "1.csv").unwrap();
        assert_eq!(v1.concepts.len(), v.concepts.len());
        let csv2 = csv_io::write(&v1, Vec::new()).unwrap();
        let t2 = csv_io::read(&csv2[..], "2.csv", &v.iri, &v.title).unwrap();
        assert!(isomorphic(&t1, &t2));
        assert_eq!(csv1, csv2);
    }

    #[test]
    fn bad_csv_and_jsonld_name_where() {
        let header = csv_io::COLUMNS.join(",");
        let bad = format!("{header}\nhttps://x.nl/a,a,,,,,,,,,,,,,,klaar\n");
        let e = csv_io::read(bad.as_bytes(), "b.csv", "https://x.nl/k", "K")
            .unwrap_err()
            .to_string();
        assert!(e.contains("regel 2, kolom 'status'"), "{e}");
        let short = format!("{header}\nhttps://x.nl/a,a\n");
        assert!(csv_io::read(short.as_bytes(), "b.csv", "https://x.nl/k", "K").is_err());
        let e = jsonld::parse(
            br#"{"@context":{"skos":"http://www.w3.org/2004/02/skos/core#"},"@graph":[{"@id":"onbekend:x"}]}"#,
            "b.jsonld",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("@graph[0]"), "{e}");
        // An invalid IRI in @id names the file too (the reader fuzzer found it did not).
        let e = jsonld::parse(br#"{"@graph":[{"@id":"https://x.nl/a b"}]}"#, "b.jsonld")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("b.jsonld: @graph[0]: ongeldige IRI"), "{e}");
        let e = jsonld::parse(b"{\"@graph\": [", "b.jsonld").unwrap_err().to_string();
        assert!(e.starts_with("b.jsonld, regel 1"), "{e}");
    }
}
