// SPDX-License-Identifier: EUPL-1.2
//! JSON-LD out: the whole graph as one `@graph` of node objects, with the NL-SBB prefixes in the
//! `@context` and compact IRIs, so it reads like the NL-SBB JSON-LD examples and expands to the
//! same triples as the Turtle export.

use std::collections::BTreeMap;

use oxrdf::{NamedOrBlankNode, Term, Triple};
use serde_json::{json, Map, Value};

use crate::ns::{PREFIXES, RDF_TYPE};

fn compact(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(rest) = iri.strip_prefix(ns) {
            if !rest.is_empty() && rest.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                return format!("{p}:{rest}");
            }
        }
    }
    iri.to_string()
}

fn node_id(s: &NamedOrBlankNode) -> String {
    match s {
        NamedOrBlankNode::NamedNode(n) => compact(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn object(t: &Term) -> Value {
    match t {
        Term::NamedNode(n) => json!({ "@id": compact(n.as_str()) }),
        Term::BlankNode(b) => json!({ "@id": format!("_:{}", b.as_str()) }),
        Term::Literal(l) => match l.language() {
            Some(lang) => json!({ "@value": l.value(), "@language": lang }),
            None if l.datatype().as_str() == "http://www.w3.org/2001/XMLSchema#string" => {
                json!({ "@value": l.value() })
            }
            None => json!({ "@value": l.value(), "@type": compact(l.datatype().as_str()) }),
        },
        #[allow(unreachable_patterns)]
        _ => Value::Null,
    }
}

/// The graph as a JSON-LD document.
pub fn document(triples: &[Triple]) -> Value {
    let mut nodes: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut sorted: Vec<&Triple> = triples.iter().collect();
    sorted.sort_by_cached_key(|t| (t.subject.to_string(), t.predicate.to_string(), t.object.to_string()));
    for t in sorted {
        let id = node_id(&t.subject);
        let node = nodes.entry(id.clone()).or_insert_with(|| {
            let mut m = Map::new();
            m.insert("@id".into(), Value::String(id));
            m
        });
        if t.predicate.as_str() == RDF_TYPE {
            if let Term::NamedNode(n) = &t.object {
                let types = node.entry("@type").or_insert_with(|| Value::Array(vec![]));
                if let Value::Array(a) = types {
                    a.push(Value::String(compact(n.as_str())));
                }
                continue;
            }
        }
        let key = compact(t.predicate.as_str());
        let list = node.entry(key).or_insert_with(|| Value::Array(vec![]));
        if let Value::Array(a) = list {
            a.push(object(&t.object));
        }
    }
    let context: Map<String, Value> = PREFIXES
        .iter()
        .map(|(p, iri)| (p.to_string(), Value::String(iri.to_string())))
        .collect();
    json!({
        "@context": context,
        "@graph": nodes.into_values().map(Value::Object).collect::<Vec<_>>(),
    })
}
