// SPDX-License-Identifier: EUPL-1.2
//! Creating and changing a concept: the input as a user gives it, turned into the concept's
//! triples, checked against the whole begrippenkader (labels, cycles, relations) and the status
//! workflow. Triples of the concept that the input does not manage (notes, sources of the
//! concept, links to measures, validity) are kept.

use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use crate::model::{MatchKind, Status, Vocabulary};
use crate::ns;

/// The perspectives a definition can have.
pub const PERSPECTIVES: [&str; 4] = ["sociaal-economisch", "beleid", "uitvoering", "statistiek"];

/// A definition as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionInput {
    /// Text.
    pub text: String,
    /// One of [`PERSPECTIVES`].
    pub perspective: String,
    /// Title of the source.
    pub source_title: String,
    /// Web page of the source.
    pub source_url: Option<String>,
    /// Legal basis.
    pub legal_basis: Option<String>,
}

/// A concept as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptInput {
    /// Short id (kebab-case).
    pub id: String,
    /// Preferred label.
    pub pref_label: String,
    /// Alternative labels.
    pub alt_labels: Vec<String>,
    /// Hidden labels.
    pub hidden_labels: Vec<String>,
    /// Definitions.
    pub definitions: Vec<DefinitionInput>,
    /// Plain-language explanation.
    pub explanation: Option<String>,
    /// Examples.
    pub examples: Vec<String>,
    /// Ids of broader concepts.
    pub broader: Vec<String>,
    /// Ids of related concepts.
    pub related: Vec<String>,
    /// Mappings to concepts elsewhere.
    pub matches: Vec<(MatchKind, String)>,
    /// Status.
    pub status: Status,
}

/// A fault in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field (API name).
    pub field: String,
    /// What is wrong, in Dutch.
    pub message: String,
}

fn fe(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: message.into(),
    }
}

/// Whether the workflow allows going from `from` to `to`.
pub fn transition_allowed(from: Option<Status>, to: Status) -> bool {
    use Status::*;
    match from {
        None => matches!(to, InBewerking | Voorgesteld),
        Some(f) if f == to => true,
        Some(InBewerking) => to == Voorgesteld,
        Some(Voorgesteld) => matches!(to, InBewerking | Vastgesteld),
        Some(Vastgesteld) => matches!(to, Vervangen | Vervallen),
        Some(Vervangen | Vervallen) => false,
    }
}

/// The predicates of a concept that [`ConceptInput`] manages; others are kept on an update.
const MANAGED: &[&str] = &[
    ns::RDF_TYPE,
    ns::SKOS_IN_SCHEME,
    ns::SKOS_TOP_CONCEPT_OF,
    ns::SKOS_PREF_LABEL,
    ns::SKOS_ALT_LABEL,
    ns::SKOS_HIDDEN_LABEL,
    ns::SKOS_DEFINITION,
    ns::SHG_DEFINITION,
    ns::SKOS_SCOPE_NOTE,
    ns::SKOS_EXAMPLE,
    ns::SKOS_BROADER,
    ns::SKOS_RELATED,
    ns::SKOS_EXACT_MATCH,
    ns::SKOS_CLOSE_MATCH,
    ns::SKOS_BROAD_MATCH,
    ns::SKOS_NARROW_MATCH,
    ns::SKOS_RELATED_MATCH,
    ns::ADMS_STATUS,
];

/// The result of applying an input: the new graph and what to store.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The whole begrippenkader after the change.
    pub vocabulary: Vocabulary,
    /// The concept's IRI.
    pub concept_iri: String,
    /// Subjects whose triples are replaced (N-Triples form).
    pub replaced_subjects: Vec<String>,
    /// The new triples of those subjects.
    pub triples: Vec<Triple>,
}

fn node(iri: &str) -> Result<NamedNode, FieldError> {
    NamedNode::new(iri).map_err(|e| fe("id", format!("geen geldige IRI '{iri}': {e}")))
}

fn nl(text: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(text, "nl").into()
}

/// Whether a subject belongs to the concept: the concept itself or a node under its IRI
/// (its definitions and their sources).
fn owned(subject: &NamedOrBlankNode, concept: &str) -> bool {
    match subject {
        NamedOrBlankNode::NamedNode(n) => {
            n.as_str() == concept || n.as_str().strip_prefix(concept).is_some_and(|r| r.starts_with('/'))
        }
        NamedOrBlankNode::BlankNode(_) => false,
    }
}

/// Applies `input` to `vocab` as a new concept (`existing` = false) or as an update.
pub fn apply(vocab: &Vocabulary, input: &ConceptInput, existing: bool) -> Result<Applied, Vec<FieldError>> {
    let mut errors = Vec::new();
    let base = vocab
        .concepts
        .first()
        .map(|c| c.iri[..c.iri.len() - c.id.len()].to_string())
        .unwrap_or_else(|| format!("{}/", vocab.iri.trim_end_matches('/')));
    if input.id.is_empty()
        || !input
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errors.push(fe(
            "id",
            "Het id moet kebab-case zijn: kleine letters, cijfers en streepjes.",
        ));
    }
    let iri = format!("{base}{}", input.id);
    let current = vocab.concept(&input.id);
    match (existing, current) {
        (false, Some(_)) => errors.push(fe("id", format!("Er is al een begrip met id '{}'.", input.id))),
        (true, None) => errors.push(fe("id", format!("Er is geen begrip met id '{}'.", input.id))),
        _ => {}
    }
    if input.pref_label.trim().is_empty() {
        errors.push(fe("voorkeursterm", "De voorkeursterm is leeg."));
    }
    if input.definitions.is_empty() {
        errors.push(fe(
            "definities",
            "Geef ten minste één definitie, met bron en perspectief.",
        ));
    }
    for (i, d) in input.definitions.iter().enumerate() {
        if d.text.trim().is_empty() {
            errors.push(fe(&format!("definities[{i}].tekst"), "De definitie is leeg."));
        }
        if !PERSPECTIVES.contains(&d.perspective.as_str()) {
            errors.push(fe(
                &format!("definities[{i}].perspectief"),
                format!("Kies uit {}.", PERSPECTIVES.join(", ")),
            ));
        }
        if d.source_title.trim().is_empty() {
            errors.push(fe(
                &format!("definities[{i}].bron.titel"),
                "Elke definitie noemt haar bron.",
            ));
        }
        if let Some(u) = &d.source_url {
            if !(u.starts_with("https://") || u.starts_with("http://")) || NamedNode::new(u.as_str()).is_err() {
                errors.push(fe(
                    &format!("definities[{i}].bron.url"),
                    format!("'{u}' is geen geldige webadres."),
                ));
            }
        }
    }
    for (field, ids) in [("bovenliggend", &input.broader), ("gerelateerd", &input.related)] {
        for id in ids.iter() {
            if id == &input.id {
                errors.push(fe(field, "Een begrip kan niet naar zichzelf verwijzen."));
            } else if vocab.concept(id).is_none() {
                errors.push(fe(
                    field,
                    format!("Er is geen begrip met id '{id}' in dit begrippenkader."),
                ));
            }
        }
    }
    for (_, m) in &input.matches {
        if !(m.starts_with("https://") || m.starts_with("http://")) || NamedNode::new(m.as_str()).is_err() {
            errors.push(fe("overeenkomsten", format!("'{m}' is geen geldige IRI.")));
        }
    }
    if !transition_allowed(current.and_then(|c| c.status), input.status) {
        let from = current.and_then(|c| c.status).map_or("nieuw", |s| s.as_str());
        errors.push(fe(
            "status",
            format!(
                "Van '{from}' naar '{}' is geen toegestane stap in de werkwijze.",
                input.status.as_str()
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let subject = node(&iri).map_err(|e| vec![e])?;
    let scheme = node(&vocab.iri).map_err(|e| vec![e])?;
    let p = |iri: &str| NamedNode::new_unchecked(iri);
    let mut triples = vec![
        Triple::new(subject.clone(), p(ns::RDF_TYPE), p(ns::SKOS_CONCEPT)),
        Triple::new(subject.clone(), p(ns::SKOS_IN_SCHEME), scheme.clone()),
        Triple::new(subject.clone(), p(ns::SKOS_PREF_LABEL), nl(input.pref_label.trim())),
        Triple::new(subject.clone(), p(ns::ADMS_STATUS), p(input.status.iri())),
    ];
    if input.broader.is_empty() {
        triples.push(Triple::new(subject.clone(), p(ns::SKOS_TOP_CONCEPT_OF), scheme.clone()));
    }
    for l in &input.alt_labels {
        triples.push(Triple::new(subject.clone(), p(ns::SKOS_ALT_LABEL), nl(l)));
    }
    for l in &input.hidden_labels {
        triples.push(Triple::new(subject.clone(), p(ns::SKOS_HIDDEN_LABEL), nl(l)));
    }
    for (i, d) in input.definitions.iter().enumerate() {
        let dnode = NamedNode::new_unchecked(format!("{iri}/definitie/{}", i + 1));
        let snode = NamedNode::new_unchecked(format!("{iri}/definitie/{}/bron", i + 1));
        triples.push(Triple::new(subject.clone(), p(ns::SKOS_DEFINITION), nl(&d.text)));
        triples.push(Triple::new(subject.clone(), p(ns::SHG_DEFINITION), dnode.clone()));
        triples.push(Triple::new(dnode.clone(), p(ns::RDF_VALUE), nl(&d.text)));
        triples.push(Triple::new(
            dnode.clone(),
            p(ns::SHG_PERSPECTIVE),
            Literal::new_simple_literal(&d.perspective),
        ));
        triples.push(Triple::new(dnode, p(ns::DCT_SOURCE), snode.clone()));
        triples.push(Triple::new(snode.clone(), p(ns::DCT_TITLE), nl(&d.source_title)));
        if let Some(u) = &d.source_url {
            triples.push(Triple::new(
                snode.clone(),
                p(ns::FOAF_PAGE),
                NamedNode::new_unchecked(u.as_str()),
            ));
        }
        if let Some(l) = &d.legal_basis {
            triples.push(Triple::new(
                snode,
                p(ns::SHG_LEGAL_BASIS),
                Literal::new_simple_literal(l),
            ));
        }
    }
    if let Some(e) = input.explanation.as_deref().filter(|e| !e.trim().is_empty()) {
        triples.push(Triple::new(subject.clone(), p(ns::SKOS_SCOPE_NOTE), nl(e)));
    }
    for e in &input.examples {
        triples.push(Triple::new(subject.clone(), p(ns::SKOS_EXAMPLE), nl(e)));
    }
    for id in &input.broader {
        triples.push(Triple::new(
            subject.clone(),
            p(ns::SKOS_BROADER),
            NamedNode::new_unchecked(format!("{base}{id}")),
        ));
    }
    for id in &input.related {
        triples.push(Triple::new(
            subject.clone(),
            p(ns::SKOS_RELATED),
            NamedNode::new_unchecked(format!("{base}{id}")),
        ));
    }
    for (kind, m) in &input.matches {
        let pred = match kind {
            MatchKind::Exact => ns::SKOS_EXACT_MATCH,
            MatchKind::Close => ns::SKOS_CLOSE_MATCH,
            MatchKind::Broad => ns::SKOS_BROAD_MATCH,
            MatchKind::Narrow => ns::SKOS_NARROW_MATCH,
            MatchKind::Related => ns::SKOS_RELATED_MATCH,
        };
        triples.push(Triple::new(
            subject.clone(),
            p(pred),
            NamedNode::new_unchecked(m.as_str()),
        ));
    }
    // Keep what the input does not manage: the concept's other properties. Its own definition
    // and source nodes are replaced whole.
    let mut replaced: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    replaced.insert(subject.to_string());
    for t in &vocab.triples {
        if owned(&t.subject, &iri) {
            replaced.insert(t.subject.to_string());
            let is_concept = matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == iri);
            if is_concept && !MANAGED.contains(&t.predicate.as_str()) {
                triples.push(t.clone());
            }
        }
    }
    for t in &triples {
        replaced.insert(t.subject.to_string());
    }
    let mut all: Vec<Triple> = vocab
        .triples
        .iter()
        .filter(|t| !owned(&t.subject, &iri))
        .cloned()
        .collect();
    all.extend(triples.iter().cloned());
    let vocabulary = Vocabulary::from_triples(all, "wijziging").map_err(|e| {
        let msg = match e {
            crate::VocabError::Invalid { message, .. } | crate::VocabError::Syntax { message, .. } => message,
        };
        let field = if msg.contains("voorkeursterm") {
            "voorkeursterm"
        } else {
            "bovenliggend"
        };
        vec![fe(field, msg)]
    })?;
    Ok(Applied {
        vocabulary,
        concept_iri: iri,
        replaced_subjects: replaced.into_iter().collect(),
        triples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Vocabulary {
        crate::read_turtle(
            include_str!("../../../data/vocab/arbeidsmarkt-en-economie.ttl").as_bytes(),
            "seed.ttl",
        )
        .unwrap()
    }

    fn input(id: &str, label: &str) -> ConceptInput {
        ConceptInput {
            id: id.into(),
            pref_label: label.into(),
            alt_labels: vec![],
            hidden_labels: vec![],
            definitions: vec![DefinitionInput {
                text: "Een test.".into(),
                perspective: "beleid".into(),
                source_title: "Redactie".into(),
                source_url: None,
                legal_basis: None,
            }],
            explanation: None,
            examples: vec![],
            broader: vec!["arbeidsmarkt".into()],
            related: vec![],
            matches: vec![],
            status: Status::InBewerking,
        }
    }

    #[test]
    fn creates_and_updates_keeping_unmanaged_triples() {
        let v = seed();
        let a = apply(&v, &input("proefbegrip", "proefbegrip"), false).unwrap();
        let c = a.vocabulary.concept("proefbegrip").unwrap();
        assert_eq!(c.broader.len(), 1);
        // Updating an imported concept keeps its links to measures.
        let mut w = input("werkloosheid", "werkloosheid");
        w.status = Status::Vastgesteld;
        w.broader = vec![];
        let b = apply(&v, &w, true).unwrap();
        let c = b.vocabulary.concept("werkloosheid").unwrap();
        assert_eq!(c.definitions.len(), 1);
        assert!(c.measures.contains(&"85224NED:M001906".to_string()));
    }

    #[test]
    fn reports_every_fault() {
        let v = seed();
        let mut bad = input("Fout Id", "");
        bad.definitions[0].perspective = "gevoel".into();
        bad.broader = vec!["bestaat-niet".into()];
        let errs = apply(&v, &bad, false).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"id") && fields.contains(&"voorkeursterm") && fields.contains(&"bovenliggend"));
        assert!(fields.contains(&"definities[0].perspectief"));
        // A duplicate preferred label and a cycle are refused.
        let dup = apply(&v, &input("dubbel", "Werkloosheid"), false).unwrap_err();
        assert_eq!(dup[0].field, "voorkeursterm");
        let mut cyc = input("arbeidsmarkt", "arbeidsmarkt");
        cyc.broader = vec!["beroepsbevolking".into()];
        cyc.status = Status::Vastgesteld;
        let e = apply(&v, &cyc, true).unwrap_err();
        assert!(e[0].message.contains("kringverwijzing"), "{e:?}");
        // The workflow: a withdrawn concept stays withdrawn.
        assert!(!transition_allowed(Some(Status::Vervallen), Status::Vastgesteld));
        assert!(transition_allowed(Some(Status::Voorgesteld), Status::Vastgesteld));
    }
}
