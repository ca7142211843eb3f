// SPDX-License-Identifier: EUPL-1.2
//! The begrippenkader as NL-SBB describes it (SKOS with Dutch conventions), read from an RDF
//! graph. The graph itself is kept whole, so nothing the model does not know is lost on export;
//! the model is a view for the API, search and validation.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxrdf::{NamedOrBlankNode, Term, Triple};

use crate::ns;
use crate::VocabError;

/// The editorial status of a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Being written.
    InBewerking,
    /// Proposed.
    Voorgesteld,
    /// Adopted.
    Vastgesteld,
    /// Replaced by another concept.
    Vervangen,
    /// Withdrawn.
    Vervallen,
}

impl Status {
    /// All statuses, in workflow order.
    pub const ALL: [Status; 5] = [
        Status::InBewerking,
        Status::Voorgesteld,
        Status::Vastgesteld,
        Status::Vervangen,
        Status::Vervallen,
    ];

    /// The Dutch name used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InBewerking => "inBewerking",
            Status::Voorgesteld => "voorgesteld",
            Status::Vastgesteld => "vastgesteld",
            Status::Vervangen => "vervangen",
            Status::Vervallen => "vervallen",
        }
    }

    /// Parses the Dutch name.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The `adms:status` IRI: the INSPIRE registry statuses NL-SBB uses, and Samenhang's own for
    /// "in bewerking", which INSPIRE lacks.
    pub fn iri(self) -> &'static str {
        match self {
            Status::InBewerking => "https://samenhang.nl/def/status/inBewerking",
            Status::Voorgesteld => "https://inspire.ec.europa.eu/registry/status/submitted",
            Status::Vastgesteld => "https://inspire.ec.europa.eu/registry/status/valid",
            Status::Vervangen => "https://inspire.ec.europa.eu/registry/status/superseded",
            Status::Vervallen => "https://inspire.ec.europa.eu/registry/status/retired",
        }
    }

    fn from_iri(iri: &str) -> Option<Status> {
        match iri.rsplit('/').next().unwrap_or("") {
            "inBewerking" => Some(Status::InBewerking),
            "submitted" => Some(Status::Voorgesteld),
            "valid" => Some(Status::Vastgesteld),
            "superseded" => Some(Status::Vervangen),
            "retired" | "invalid" => Some(Status::Vervallen),
            _ => None,
        }
    }
}

/// Where a definition comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The source resource, when it has an IRI.
    pub iri: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Web page.
    pub url: Option<String>,
    /// Legal basis (a law or regulation), where there is one.
    pub legal_basis: Option<String>,
}

/// One definition, with its source and perspective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The text.
    pub text: String,
    /// The perspective: sociaal-economisch, beleid, uitvoering or statistiek.
    pub perspective: Option<String>,
    /// The source.
    pub source: Option<Source>,
}

/// Kinds of mapping to a concept elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// `skos:exactMatch`.
    Exact,
    /// `skos:closeMatch`.
    Close,
    /// `skos:broadMatch`.
    Broad,
    /// `skos:narrowMatch`.
    Narrow,
    /// `skos:relatedMatch`.
    Related,
}

impl MatchKind {
    /// The Dutch name in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Close => "nauw",
            MatchKind::Broad => "breder",
            MatchKind::Narrow => "smaller",
            MatchKind::Related => "verwant",
        }
    }
}

/// A concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// IRI.
    pub iri: String,
    /// Short id: the last segment of the IRI.
    pub id: String,
    /// Preferred label.
    pub pref_label: String,
    /// Alternative labels.
    pub alt_labels: Vec<String>,
    /// Hidden labels (for search only).
    pub hidden_labels: Vec<String>,
    /// Definitions, each with source and perspective where known.
    pub definitions: Vec<Definition>,
    /// Plain-language explanation (`skos:scopeNote`, NL-SBB "uitleg").
    pub explanations: Vec<String>,
    /// Notes (`rdfs:comment`, `skos:note`, `skos:editorialNote`).
    pub notes: Vec<String>,
    /// Examples.
    pub examples: Vec<String>,
    /// Broader concepts (IRIs), including the inverse of `skos:narrower`.
    pub broader: Vec<String>,
    /// Narrower concepts (IRIs), including the inverse of `skos:broader`.
    pub narrower: Vec<String>,
    /// Related concepts (IRIs), both directions.
    pub related: Vec<String>,
    /// Mappings to concepts elsewhere.
    pub matches: Vec<(MatchKind, String)>,
    /// Status.
    pub status: Option<Status>,
    /// First day valid.
    pub valid_from: Option<String>,
    /// Last day valid.
    pub valid_until: Option<String>,
    /// Sources of the concept as a whole (`dct:source`, `dc:source`).
    pub sources: Vec<Source>,
    /// CBS measures that measure this concept (`bron:maatstaf`).
    pub measures: Vec<String>,
}

/// A collection: a labelled group of concepts (`skos:Collection`), e.g. the concepts of one theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// IRI.
    pub iri: String,
    /// Label.
    pub label: String,
    /// Member IRIs, sorted.
    pub members: Vec<String>,
}

/// A concept scheme with its concepts and its whole graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    /// IRI of the `skos:ConceptScheme`.
    pub iri: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Every triple, as read.
    pub triples: Vec<Triple>,
    /// The concepts, by preferred label.
    pub concepts: Vec<Concept>,
    /// The collections, by label.
    pub collections: Vec<Collection>,
}

fn iri_of(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn text_of(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn subject_key(s: &NamedOrBlankNode) -> String {
    s.to_string()
}

fn term_key(t: &Term) -> Option<String> {
    match t {
        Term::NamedNode(n) => Some(n.to_string()),
        Term::BlankNode(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The last segment of an IRI: `…/id/werkloosheid` → `werkloosheid`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).find(|s| !s.is_empty()).unwrap_or(iri)
}

impl Vocabulary {
    /// Builds the view from a graph and checks it: one concept scheme, every concept with a
    /// preferred label, no preferred label used twice, and no cycle in `skos:broader`.
    pub fn from_triples(triples: Vec<Triple>, file: &str) -> Result<Vocabulary, VocabError> {
        let err = |m: String| VocabError::Invalid {
            file: file.to_string(),
            message: m,
        };
        // Properties per subject (N-Triples form of the subject).
        let mut props: HashMap<String, Vec<(&str, &Term)>> = HashMap::new();
        for t in &triples {
            props
                .entry(subject_key(&t.subject))
                .or_default()
                .push((t.predicate.as_str(), &t.object));
        }
        let values = |subject: &str, pred: &str| -> Vec<&Term> {
            props
                .get(subject)
                .map(|v| v.iter().filter(|(p, _)| *p == pred).map(|(_, o)| *o).collect())
                .unwrap_or_default()
        };
        let first_text =
            |subject: &str, pred: &str| values(subject, pred).into_iter().find_map(text_of).map(str::to_string);
        let typed = |class: &str| -> Vec<String> {
            triples
                .iter()
                .filter(|t| t.predicate.as_str() == ns::RDF_TYPE && iri_of(&t.object) == Some(class))
                .filter_map(|t| match &t.subject {
                    NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_string()),
                    _ => None,
                })
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let schemes = typed(ns::SKOS_CONCEPT_SCHEME);
        // A file may describe other schemes too (the targets of its mappings); the scheme is
        // the one most concepts are in.
        let members = |scheme: &str| {
            triples
                .iter()
                .filter(|t| {
                    (t.predicate.as_str() == ns::SKOS_IN_SCHEME || t.predicate.as_str() == ns::SKOS_TOP_CONCEPT_OF)
                        && iri_of(&t.object) == Some(scheme)
                })
                .count()
        };
        let scheme = match schemes.as_slice() {
            [] => return Err(err("er is geen skos:ConceptScheme".into())),
            [one] => one.clone(),
            many => many
                .iter()
                .max_by_key(|s| (members(s), std::cmp::Reverse((*s).clone())))
                .cloned()
                .unwrap_or_default(),
        };
        let key = |iri: &str| format!("<{iri}>");
        let source_of = |node: &Term| -> Source {
            match node {
                Term::NamedNode(n) => {
                    let k = n.to_string();
                    Source {
                        iri: Some(n.as_str().to_string()),
                        title: first_text(&k, ns::DCT_TITLE),
                        url: values(&k, ns::FOAF_PAGE)
                            .into_iter()
                            .find_map(iri_of)
                            .map(str::to_string),
                        legal_basis: first_text(&k, ns::SHG_LEGAL_BASIS),
                    }
                }
                Term::BlankNode(b) => {
                    let k = b.to_string();
                    Source {
                        iri: None,
                        title: first_text(&k, ns::DCT_TITLE),
                        url: values(&k, ns::FOAF_PAGE)
                            .into_iter()
                            .find_map(iri_of)
                            .map(str::to_string),
                        legal_basis: first_text(&k, ns::SHG_LEGAL_BASIS),
                    }
                }
                Term::Literal(l) => Source {
                    title: Some(l.value().to_string()),
                    ..Default::default()
                },
                #[allow(unreachable_patterns)]
                _ => Source::default(),
            }
        };

        let mut concepts: Vec<Concept> = Vec::new();
        let mut broader_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut related_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let concept_iris = typed(ns::SKOS_CONCEPT);
        let concept_set: BTreeSet<&String> = concept_iris.iter().collect();
        for iri in &concept_iris {
            let k = key(iri);
            let in_scheme = values(&k, ns::SKOS_IN_SCHEME)
                .into_iter()
                .filter_map(iri_of)
                .any(|s| s == scheme)
                || values(&k, ns::SKOS_TOP_CONCEPT_OF)
                    .into_iter()
                    .filter_map(iri_of)
                    .any(|s| s == scheme);
            if !in_scheme {
                // A mapping target typed as skos:Concept, not part of this scheme.
                continue;
            }
            for b in values(&k, ns::SKOS_BROADER).into_iter().filter_map(iri_of) {
                broader_edges.entry(iri.clone()).or_default().insert(b.to_string());
            }
            for n in values(&k, ns::SKOS_NARROWER).into_iter().filter_map(iri_of) {
                broader_edges.entry(n.to_string()).or_default().insert(iri.clone());
            }
            for r in values(&k, ns::SKOS_RELATED).into_iter().filter_map(iri_of) {
                related_edges.entry(iri.clone()).or_default().insert(r.to_string());
                related_edges.entry(r.to_string()).or_default().insert(iri.clone());
            }
            // Sorted, so the view does not depend on the order of the triples.
            let texts = |p: &str| {
                let mut v = values(&k, p)
                    .into_iter()
                    .filter_map(text_of)
                    .map(str::to_string)
                    .collect::<Vec<_>>();
                v.sort();
                v
            };
            let Some(pref_label) = texts(ns::SKOS_PREF_LABEL).first().cloned() else {
                return Err(err(format!("begrip <{iri}> heeft geen voorkeursterm (skos:prefLabel)")));
            };
            // One preferred label per language (SKOS's integrity condition S14).
            let mut per_language: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for t in values(&k, ns::SKOS_PREF_LABEL) {
                if let Term::Literal(l) = t {
                    per_language
                        .entry(l.language().unwrap_or("").to_string())
                        .or_default()
                        .push(l.value());
                }
            }
            if let Some((language, labels)) = per_language.iter().find(|(_, l)| l.len() > 1) {
                return Err(err(format!(
                    "begrip <{iri}> heeft {} voorkeurstermen in {}: {}; een begrip heeft er één per taal",
                    labels.len(),
                    if language.is_empty() {
                        "dezelfde taal (zonder taalcode)".to_string()
                    } else {
                        format!("de taal '{language}'")
                    },
                    labels.iter().map(|l| format!("'{l}'")).collect::<Vec<_>>().join(" en ")
                )));
            }
            // Structured definitions (Samenhang's extension), then plain skos:definition texts
            // that no structured one repeats.
            let mut definitions = Vec::new();
            let mut nodes = values(&k, ns::SHG_DEFINITION);
            // Triples come in any order; definition nodes are taken in the order of their names.
            nodes.sort_by_cached_key(|n| n.to_string());
            for node in nodes {
                let Some(nk) = term_key(node) else { continue };
                let Some(text) = first_text(&nk, ns::RDF_VALUE) else {
                    continue;
                };
                definitions.push(Definition {
                    text,
                    perspective: first_text(&nk, ns::SHG_PERSPECTIVE),
                    source: values(&nk, ns::DCT_SOURCE).first().map(|s| source_of(s)),
                });
            }
            for text in texts(ns::SKOS_DEFINITION) {
                if !definitions.iter().any(|d| d.text == text) {
                    definitions.push(Definition {
                        text,
                        perspective: None,
                        source: None,
                    });
                }
            }
            let mut notes = texts(ns::RDFS_COMMENT);
            notes.extend(texts(ns::SKOS_NOTE));
            notes.extend(texts(ns::SKOS_EDITORIAL_NOTE));
            let mut matches = Vec::new();
            for (p, kind) in [
                (ns::SKOS_EXACT_MATCH, MatchKind::Exact),
                (ns::SKOS_CLOSE_MATCH, MatchKind::Close),
                (ns::SKOS_BROAD_MATCH, MatchKind::Broad),
                (ns::SKOS_NARROW_MATCH, MatchKind::Narrow),
                (ns::SKOS_RELATED_MATCH, MatchKind::Related),
            ] {
                matches.extend(
                    values(&k, p)
                        .into_iter()
                        .filter_map(iri_of)
                        .map(|m| (kind, m.to_string())),
                );
            }
            let mut sources: Vec<Source> = values(&k, ns::DCT_SOURCE).into_iter().map(&source_of).collect();
            sources.extend(values(&k, ns::DC_SOURCE).into_iter().map(&source_of));
            sources.sort_by(|a, b| (&a.iri, &a.title, &a.url).cmp(&(&b.iri, &b.title, &b.url)));
            matches.sort();
            concepts.push(Concept {
                iri: iri.clone(),
                id: local_name(iri).to_string(),
                pref_label,
                alt_labels: texts(ns::SKOS_ALT_LABEL),
                hidden_labels: texts(ns::SKOS_HIDDEN_LABEL),
                definitions,
                explanations: texts(ns::SKOS_SCOPE_NOTE),
                notes,
                examples: texts(ns::SKOS_EXAMPLE),
                broader: vec![],
                narrower: vec![],
                related: vec![],
                matches,
                status: values(&k, ns::ADMS_STATUS)
                    .into_iter()
                    .find_map(iri_of)
                    .and_then(Status::from_iri),
                valid_from: first_text(&k, ns::SHG_VALID_FROM),
                valid_until: first_text(&k, ns::SHG_VALID_UNTIL),
                sources,
                measures: texts(ns::SHG_MEASURE),
            });
        }

        // Every relation must point at a concept of this scheme.
        for (from, tos) in broader_edges.iter().chain(related_edges.iter()) {
            for to in tos.iter().chain(std::iter::once(from)) {
                if !concept_set.contains(to) {
                    return Err(err(format!(
                        "<{from}> verwijst naar <{to}>, dat geen begrip in dit kader is"
                    )));
                }
            }
        }
        if let Some(cycle) = find_cycle(&broader_edges) {
            let labels: Vec<String> = cycle.iter().map(|i| format!("'{}'", local_name(i))).collect();
            return Err(err(format!("kringverwijzing in skos:broader: {}", labels.join(" → "))));
        }
        let mut seen: HashMap<String, &str> = HashMap::new();
        for c in &concepts {
            let key = c.pref_label.to_lowercase();
            if let Some(other) = seen.insert(key, &c.iri) {
                return Err(err(format!(
                    "de voorkeursterm '{}' komt twee keer voor: <{}> en <{}>",
                    c.pref_label, other, c.iri
                )));
            }
        }
        let mut narrower: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (child, parents) in &broader_edges {
            for p in parents {
                narrower.entry(p.clone()).or_default().insert(child.clone());
            }
        }
        for c in &mut concepts {
            c.broader = broader_edges
                .get(&c.iri)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            c.narrower = narrower
                .get(&c.iri)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            c.related = related_edges
                .get(&c.iri)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
        }
        concepts.sort_by_cached_key(|c| c.pref_label.to_lowercase());
        let mut collections: Vec<Collection> = typed(ns::SKOS_COLLECTION)
            .into_iter()
            .map(|iri| {
                let k = key(&iri);
                let mut members: Vec<String> = values(&k, ns::SKOS_MEMBER)
                    .into_iter()
                    .filter_map(iri_of)
                    .map(str::to_string)
                    .collect();
                members.sort();
                Collection {
                    label: first_text(&k, ns::SKOS_PREF_LABEL)
                        .or_else(|| first_text(&k, ns::DCT_TITLE))
                        .unwrap_or_else(|| local_name(&iri).to_string()),
                    iri,
                    members,
                }
            })
            .collect();
        collections.sort_by_cached_key(|c| c.label.to_lowercase());
        let sk = key(&scheme);
        Ok(Vocabulary {
            collections,
            title: first_text(&sk, ns::DCT_TITLE)
                .or_else(|| first_text(&sk, ns::SKOS_PREF_LABEL))
                .unwrap_or_else(|| local_name(&scheme).to_string()),
            description: first_text(&sk, ns::DCT_DESCRIPTION)
                .or_else(|| first_text(&sk, ns::RDFS_COMMENT))
                .unwrap_or_default(),
            iri: scheme,
            triples,
            concepts,
        })
    }

    /// A concept by id or IRI.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id || c.iri == id)
    }

    /// Short id of the scheme.
    pub fn id(&self) -> &str {
        local_name(&self.iri)
    }
}

/// A cycle in the broader relation, if any, as the IRIs along it.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut HashMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Active) => {
                let start = path.iter().position(|p| p == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Active);
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, marks, path) {
                return Some(c);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = HashMap::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        if let Some(c) = visit(start, edges, &mut marks, &mut path) {
            return Some(c);
        }
    }
    None
}
