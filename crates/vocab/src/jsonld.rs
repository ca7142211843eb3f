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

/// Reads JSON-LD as Samenhang writes it and as NL-SBB publishes it: a `@context` of prefixes,
/// and node objects (in `@graph`, an array, or one object) with compact or full IRIs, value
/// objects, and embedded nodes. Other JSON-LD features (remote contexts, term definitions with
/// `@type` coercion, lists) are refused with a clear message.
pub fn parse(text: &[u8], file: &str) -> Result<Vec<Triple>, crate::VocabError> {
    use oxrdf::{BlankNode, Literal, NamedNode};
    let err = |path: &str, m: String| crate::VocabError::Invalid {
        file: file.to_string(),
        message: format!("{path}: {m}"),
    };
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let doc: Value = serde_json::from_slice(text).map_err(|e| crate::VocabError::Syntax {
        file: file.to_string(),
        format: "JSON-LD",
        line: e.line() as u64,
        column: e.column() as u64,
        message: e.to_string(),
    })?;
    let mut prefixes: Vec<(String, String)> = Vec::new();
    if let Some(ctx) = doc.get("@context") {
        let Value::Object(map) = ctx else {
            return Err(err(
                "@context",
                "alleen een @context met voorvoegsels wordt ondersteund".into(),
            ));
        };
        for (k, v) in map {
            match v {
                Value::String(iri) => prefixes.push((k.clone(), iri.clone())),
                _ => {
                    return Err(err(
                        &format!("@context.{k}"),
                        "alleen voorvoegsels (\"prefix\": \"IRI\") worden ondersteund".into(),
                    ))
                }
            }
        }
    }
    let expand = |s: &str, path: &str| -> Result<String, crate::VocabError> {
        if let Some((p, rest)) = s.split_once(':') {
            if let Some((_, ns)) = prefixes.iter().find(|(k, _)| k == p) {
                return Ok(format!("{ns}{rest}"));
            }
            if rest.starts_with("//") || p == "urn" || p == "mailto" {
                return Ok(s.to_string());
            }
        }
        Err(err(path, format!("'{s}' is geen IRI en geen bekend voorvoegsel")))
    };
    let mut triples = Vec::new();
    let mut blank_counter = 0u32;
    fn subject_of(
        node: &serde_json::Map<String, Value>,
        path: &str,
        expand: &dyn Fn(&str, &str) -> Result<String, crate::VocabError>,
        err: &dyn Fn(&str, String) -> crate::VocabError,
        counter: &mut u32,
    ) -> Result<NamedOrBlankNode, crate::VocabError> {
        match node.get("@id").and_then(Value::as_str) {
            Some(id) if id.starts_with("_:") => Ok(BlankNode::new_unchecked(&id[2..]).into()),
            Some(id) => {
                let iri = expand(id, path)?;
                NamedNode::new(iri.as_str())
                    .map(Into::into)
                    .map_err(|e| err(path, format!("ongeldige IRI '{iri}': {e}")))
            }
            None => {
                *counter += 1;
                Ok(BlankNode::new_unchecked(format!("j{counter}")).into())
            }
        }
    }
    #[allow(clippy::too_many_arguments)]
    fn walk(
        node: &serde_json::Map<String, Value>,
        path: &str,
        expand: &dyn Fn(&str, &str) -> Result<String, crate::VocabError>,
        err: &dyn Fn(&str, String) -> crate::VocabError,
        counter: &mut u32,
        out: &mut Vec<Triple>,
    ) -> Result<NamedOrBlankNode, crate::VocabError> {
        let subject = subject_of(node, path, expand, err, counter)?;
        for (key, value) in node {
            let kpath = format!("{path}.{key}");
            if key == "@id" || key == "@context" {
                continue;
            }
            if key == "@type" {
                let types: Vec<&Value> = match value {
                    Value::Array(a) => a.iter().collect(),
                    v => vec![v],
                };
                for t in types {
                    let t = t.as_str().ok_or_else(|| err(&kpath, "verwacht een tekst".into()))?;
                    out.push(Triple::new(
                        subject.clone(),
                        NamedNode::new_unchecked(RDF_TYPE),
                        NamedNode::new(expand(t, &kpath)?).map_err(|e| err(&kpath, e.to_string()))?,
                    ));
                }
                continue;
            }
            if key.starts_with('@') {
                return Err(err(&kpath, format!("'{key}' wordt niet ondersteund")));
            }
            let predicate = NamedNode::new(expand(key, &kpath)?).map_err(|e| err(&kpath, e.to_string()))?;
            let values: Vec<&Value> = match value {
                Value::Array(a) => a.iter().collect(),
                v => vec![v],
            };
            for (i, v) in values.into_iter().enumerate() {
                let vpath = format!("{kpath}[{i}]");
                let object: Term = match v {
                    Value::String(s) => Literal::new_simple_literal(s).into(),
                    Value::Bool(b) => Literal::from(*b).into(),
                    Value::Number(n) => match n.as_i64() {
                        Some(i) => Literal::from(i).into(),
                        None => Literal::from(n.as_f64().unwrap_or(0.0)).into(),
                    },
                    Value::Object(o) if o.contains_key("@value") => {
                        let text = o["@value"]
                            .as_str()
                            .ok_or_else(|| err(&vpath, "@value moet tekst zijn".into()))?;
                        match (
                            o.get("@language").and_then(Value::as_str),
                            o.get("@type").and_then(Value::as_str),
                        ) {
                            (Some(lang), _) => Literal::new_language_tagged_literal(text, lang)
                                .map_err(|e| err(&vpath, e.to_string()))?
                                .into(),
                            (None, Some(dt)) => Literal::new_typed_literal(
                                text,
                                NamedNode::new(expand(dt, &vpath)?).map_err(|e| err(&vpath, e.to_string()))?,
                            )
                            .into(),
                            (None, None) => Literal::new_simple_literal(text).into(),
                        }
                    }
                    Value::Object(o) if o.len() == 1 && o.contains_key("@id") => {
                        let id = o["@id"]
                            .as_str()
                            .ok_or_else(|| err(&vpath, "@id moet tekst zijn".into()))?;
                        if let Some(b) = id.strip_prefix("_:") {
                            BlankNode::new_unchecked(b).into()
                        } else {
                            NamedNode::new(expand(id, &vpath)?)
                                .map_err(|e| err(&vpath, e.to_string()))?
                                .into()
                        }
                    }
                    Value::Object(o) => match walk(o, &vpath, expand, err, counter, out)? {
                        NamedOrBlankNode::NamedNode(n) => n.into(),
                        NamedOrBlankNode::BlankNode(b) => b.into(),
                    },
                    _ => return Err(err(&vpath, "lijsten en null worden niet ondersteund".into())),
                };
                out.push(Triple::new(subject.clone(), predicate.clone(), object));
            }
        }
        Ok(subject)
    }
    let nodes: Vec<(String, &serde_json::Map<String, Value>)> = match (doc.get("@graph"), &doc) {
        (Some(Value::Array(g)), _) => g
            .iter()
            .enumerate()
            .map(|(i, n)| {
                n.as_object()
                    .map(|o| (format!("@graph[{i}]"), o))
                    .ok_or_else(|| err(&format!("@graph[{i}]"), "verwacht een object".into()))
            })
            .collect::<Result<_, _>>()?,
        (_, Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, n)| {
                n.as_object()
                    .map(|o| (format!("[{i}]"), o))
                    .ok_or_else(|| err(&format!("[{i}]"), "verwacht een object".into()))
            })
            .collect::<Result<_, _>>()?,
        (_, Value::Object(o)) => vec![("$".to_string(), o)],
        _ => return Err(err("$", "verwacht een object of een lijst van objecten".into())),
    };
    for (path, node) in nodes {
        walk(node, &path, &expand, &err, &mut blank_counter, &mut triples)?;
    }
    Ok(triples)
}
