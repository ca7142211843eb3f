// SPDX-License-Identifier: EUPL-1.2
//! The vocabularies NL-SBB uses, and Samenhang's own small extension (`bron:`), for what NL-SBB
//! leaves open: a source and perspective per definition, a legal basis, validity dates and the
//! link from a concept to CBS measures.

/// Prefixes for Turtle and JSON-LD, in output order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("adms", "http://www.w3.org/ns/adms#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("status", "https://inspire.ec.europa.eu/registry/status/"),
    ("bron", "https://samenhang.nl/def/"),
];

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDF_VALUE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
pub const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
pub const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
pub const SKOS_COLLECTION: &str = "http://www.w3.org/2004/02/skos/core#Collection";
pub const SKOS_MEMBER: &str = "http://www.w3.org/2004/02/skos/core#member";
pub const SKOS_CONCEPT_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#ConceptScheme";
pub const SKOS_IN_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#inScheme";
pub const SKOS_TOP_CONCEPT_OF: &str = "http://www.w3.org/2004/02/skos/core#topConceptOf";
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const SKOS_HIDDEN_LABEL: &str = "http://www.w3.org/2004/02/skos/core#hiddenLabel";
pub const SKOS_DEFINITION: &str = "http://www.w3.org/2004/02/skos/core#definition";
pub const SKOS_SCOPE_NOTE: &str = "http://www.w3.org/2004/02/skos/core#scopeNote";
pub const SKOS_NOTE: &str = "http://www.w3.org/2004/02/skos/core#note";
pub const SKOS_EDITORIAL_NOTE: &str = "http://www.w3.org/2004/02/skos/core#editorialNote";
pub const SKOS_EXAMPLE: &str = "http://www.w3.org/2004/02/skos/core#example";
pub const SKOS_BROADER: &str = "http://www.w3.org/2004/02/skos/core#broader";
pub const SKOS_NARROWER: &str = "http://www.w3.org/2004/02/skos/core#narrower";
pub const SKOS_RELATED: &str = "http://www.w3.org/2004/02/skos/core#related";
pub const SKOS_EXACT_MATCH: &str = "http://www.w3.org/2004/02/skos/core#exactMatch";
pub const SKOS_CLOSE_MATCH: &str = "http://www.w3.org/2004/02/skos/core#closeMatch";
pub const SKOS_BROAD_MATCH: &str = "http://www.w3.org/2004/02/skos/core#broadMatch";
pub const SKOS_NARROW_MATCH: &str = "http://www.w3.org/2004/02/skos/core#narrowMatch";
pub const SKOS_RELATED_MATCH: &str = "http://www.w3.org/2004/02/skos/core#relatedMatch";
pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
pub const DCT_DESCRIPTION: &str = "http://purl.org/dc/terms/description";
pub const DCT_SOURCE: &str = "http://purl.org/dc/terms/source";
pub const DC_SOURCE: &str = "http://purl.org/dc/elements/1.1/source";
pub const FOAF_PAGE: &str = "http://xmlns.com/foaf/0.1/page";
pub const ADMS_STATUS: &str = "http://www.w3.org/ns/adms#status";
pub const SHG_DEFINITION: &str = "https://samenhang.nl/def/definitie";
pub const SHG_PERSPECTIVE: &str = "https://samenhang.nl/def/perspectief";
pub const SHG_LEGAL_BASIS: &str = "https://samenhang.nl/def/wettelijkeGrondslag";
pub const SHG_VALID_FROM: &str = "https://samenhang.nl/def/geldigVanaf";
pub const SHG_VALID_UNTIL: &str = "https://samenhang.nl/def/geldigTot";
pub const SHG_MEASURE: &str = "https://samenhang.nl/def/maatstaf";
