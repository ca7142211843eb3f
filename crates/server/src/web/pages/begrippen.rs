// SPDX-License-Identifier: EUPL-1.2
//! The begrippen pages: an A–Z list with a search form and a hierarchy tree, and a page per
//! concept with all its definitions per perspective, relations, mappings, status, history,
//! linked indicators and export links.

use std::collections::{BTreeMap, HashSet};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_vocab::model::local_name;
use samenhang_vocab::{Concept, Vocabulary};

use crate::web::caller::WebCaller;
use crate::web::layout::{error, page, respond};
use crate::web::WebState;

/// The first letter a concept is filed under (diacritics folded, digits under `#`).
fn initial(label: &str) -> char {
    samenhang_search::fold(label)
        .chars()
        .next()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                c.to_ascii_uppercase()
            } else {
                '#'
            }
        })
        .unwrap_or('#')
}

fn status_label(c: &Concept) -> &'static str {
    c.status.map_or("geen status", |s| s.as_str())
}

/// `GET /begrippen?zoek=`: A–Z, search and the hierarchy.
pub async fn list(State(state): State<WebState>, Query(q): Query<super::Query>) -> Response {
    let web = &state.web;
    let query = match super::search_term(&q, "zoek") {
        Ok(term) => Some(term).filter(|s| !s.is_empty()),
        Err(message) => return error(web, StatusCode::BAD_REQUEST, &message),
    };
    let view = state.app.vocab();
    let hits: Option<Vec<(&Concept, &str)>> = query.as_ref().map(|s| {
        view.index
            .search(s, 50)
            .into_iter()
            .filter_map(|h| {
                view.vocabulary_of(&h.id)
                    .and_then(|(k, v)| v.concept(&h.id).map(|c| (c, k.as_str())))
            })
            .collect()
    });
    let mut by_letter: BTreeMap<char, Vec<&Concept>> = BTreeMap::new();
    for (_, v) in &view.vocabularies {
        for c in &v.concepts {
            by_letter.entry(initial(&c.pref_label)).or_default().push(c);
        }
    }
    for list in by_letter.values_mut() {
        list.sort_by_key(|c| samenhang_search::fold(&c.pref_label));
    }
    let body = html! {
        h1 { "Begrippen" }
        p.lead { "Het gedeelde begrippenkader: wat een woord betekent, volgens wie, en welke cijfers erbij horen." }
        form.search method="get" action="/begrippen" role="search" {
            div {
                label for="zoek" { "Zoek een begrip" }
                input #zoek type="search" name="zoek" value=(query.clone().unwrap_or_default());
            }
            button type="submit" { "Zoeken" }
        }
        @if let (Some(s), Some(hits)) = (&query, &hits) {
            h2 #resultaten { "Resultaten voor ‘" (s) "’" }
            @if hits.is_empty() { p { "Geen begrippen gevonden. Probeer een ander woord of kijk in de lijst A–Z." } }
            ul { @for (c, _) in hits { li { a href=(format!("/begrippen/{}", c.id)) { (c.pref_label) } " " span.muted { "(" (status_label(c)) ")" } } } }
        }
        h2 #a-z { "A–Z" }
        nav aria-label="Letters" {
            ul.letters { @for l in by_letter.keys() { li { a href=(format!("#letter-{l}")) { (l) } } } }
        }
        @for (l, list) in &by_letter {
            h3 id=(format!("letter-{l}")) { (l) }
            ul.columns { @for c in list { li { a href=(format!("/begrippen/{}", c.id)) { (c.pref_label) } } } }
        }
        @for (id, v) in &view.vocabularies {
            h2 { "Hiërarchie: " (v.title) }
            (tree(v))
            p { "Exporteer " (v.title) ": "
                a href=(format!("/api/v1/begrippenkaders/{id}/export?formaat=turtle")) { "RDF (Turtle)" } ", "
                a href=(format!("/api/v1/begrippenkaders/{id}/export?formaat=jsonld")) { "JSON-LD" } ", "
                a href=(format!("/api/v1/begrippenkaders/{id}/export?formaat=csv")) { "CSV" } }
        }
    };
    respond(StatusCode::OK, page(web, "Begrippen", body))
}

/// The broader/narrower tree: top concepts first, nested lists below.
fn tree(v: &Vocabulary) -> Markup {
    let ids: HashSet<&str> = v.concepts.iter().map(|c| c.iri.as_str()).collect();
    let mut tops: Vec<&Concept> = v
        .concepts
        .iter()
        .filter(|c| !c.broader.iter().any(|b| ids.contains(b.as_str())))
        .collect();
    tops.sort_by_key(|c| samenhang_search::fold(&c.pref_label));
    let mut seen = HashSet::new();
    html! { ul.tree { @for c in tops { (branch(v, c, &mut seen)) } } }
}

fn branch<'v>(v: &'v Vocabulary, c: &'v Concept, seen: &mut HashSet<&'v str>) -> Markup {
    if !seen.insert(c.iri.as_str()) {
        return html! {};
    }
    let mut children: Vec<&Concept> = v.concepts.iter().filter(|n| n.broader.contains(&c.iri)).collect();
    children.sort_by_key(|n| samenhang_search::fold(&n.pref_label));
    html! {
        li {
            a href=(format!("/begrippen/{}", c.id)) { (c.pref_label) }
            @if !children.is_empty() { ul { @for n in children { (branch(v, n, seen)) } } }
        }
    }
}

/// A concept's definitions, one per perspective, each with its source and legal basis (on the
/// concept page and on the indicator pages).
pub(crate) fn definition_list(c: &Concept) -> Markup {
    html! {
        @if c.definitions.is_empty() { p { "Dit begrip heeft nog geen definitie." } }
        dl.definitions {
            @for d in &c.definitions {
                dt { "Perspectief: " (d.perspective.as_deref().map(local_name).unwrap_or("algemeen")) }
                dd {
                    p { (d.text) }
                    @if let Some(src) = &d.source {
                        p.muted { "Bron: "
                            @match (&src.title, &src.url) {
                                (Some(t), Some(u)) => { a href=(u) { (t) } }
                                (Some(t), None) => { (t) }
                                (None, Some(u)) => { a href=(u) { (u) } }
                                (None, None) => { "onbekend" }
                            }
                            @if let Some(l) = &src.legal_basis { " · wettelijke grondslag: " (l) } }
                    }
                }
            }
        }
    }
}

/// `GET /begrippen/{id}`.
pub async fn show(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    let web = &state.web;
    let view = state.app.vocab();
    let Some((kader, vocab)) = view.vocabulary_of(&id) else {
        return error(
            web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen begrip '{id}'. Zoek het in de lijst met begrippen."),
        );
    };
    let Some(c) = vocab.concept(&id) else {
        return error(web, StatusCode::NOT_FOUND, &format!("Er is geen begrip '{id}'."));
    };
    let label_of = |iri: &str| -> (String, Option<String>) {
        vocab.concepts.iter().find(|x| x.iri == iri).map_or_else(
            || (local_name(iri).to_string(), None),
            |x| (x.pref_label.clone(), Some(format!("/begrippen/{}", x.id))),
        )
    };
    let history = state
        .app
        .store()
        .concept_versions(kader, &c.iri)
        .await
        .unwrap_or_default();
    let snap = state.app.snapshot();
    let indicators: Vec<(&str, &str)> = snap
        .all_series_for(&caller.principal)
        .filter(|s| s.indicator.concept == c.id)
        .map(|s| (s.indicator.id.as_str(), s.indicator.name.as_str()))
        .collect();
    let relations = [
        ("Breder", &c.broader),
        ("Smaller", &c.narrower),
        ("Verwant", &c.related),
    ];
    let body = html! {
        p.muted { a href="/begrippen" { "Begrippen" } " › " (vocab.title) }
        h1 { (c.pref_label) }
        p { span.status { "Status: " (status_label(c)) }
            @if let Some(f) = &c.valid_from { " · geldig vanaf " (crate::web::format::date(f)) }
            @if let Some(u) = &c.valid_until { " · geldig tot " (crate::web::format::date(u)) } }
        @if !c.alt_labels.is_empty() { p { "Ook wel: " (c.alt_labels.join(", ")) "." } }
        p { a href=(format!("/themas/{}", c.id)) { "Alles over dit thema: doelen, wethouders, regelingen, afspraken en overleggen" } }
        h2 { "Definities" }
        (definition_list(c))
        @for e in &c.explanations { p { strong { "Toelichting: " } (e) } }
        @for e in &c.examples { p { strong { "Voorbeeld: " } (e) } }
        @for e in &c.notes { p { strong { "Opmerking: " } (e) } }
        h2 { "Relaties" }
        @if relations.iter().all(|(_, l)| l.is_empty()) { p { "Geen relaties met andere begrippen." } }
        dl {
            @for (what, list) in relations {
                @if !list.is_empty() {
                    dt { (what) }
                    dd { ul { @for iri in list.iter() { @let (l, h) = label_of(iri); li { @if let Some(h) = h { a href=(h) { (l) } } @else { (l) } } } } }
                }
            }
        }
        @if !c.matches.is_empty() {
            h2 { "Overeenkomsten met andere stelsels" }
            ul { @for (kind, iri) in &c.matches { li { (kind.as_str()) ": " a href=(iri) { (iri) } } } }
        }
        h2 { "Cijfers bij dit begrip" }
        @if indicators.is_empty() { p { "Er zijn geen indicatoren aan dit begrip gekoppeld." } }
        ul { @for (iid, n) in &indicators { li { a href=(format!("/indicatoren/{iid}")) { (n) } } } }
        @if !c.measures.is_empty() { p.muted { "CBS-maatstaven: " (c.measures.iter().map(|m| local_name(m)).collect::<Vec<_>>().join(", ")) } }
        h2 { "Geschiedenis" }
        @if history.is_empty() { p { "Dit begrip is niet gewijzigd sinds het begrippenkader is geladen." } }
        @else {
            div.scroll { table {
                caption { "Versies van " (c.pref_label) }
                thead { tr { th.num scope="col" { "Versie" } th scope="col" { "Wanneer" } th scope="col" { "Door" } th scope="col" { "Wijziging" } } }
                tbody { @for v in &history { tr { td.num { (v.version) } td { (v.at.format("%d-%m-%Y %H:%M")) } td { (v.by) } td { (v.change) } } } }
            } }
        }
        h2 { "Exporteren" }
        p { "Dit begrip staat in " (vocab.title) ". "
            a href=(format!("/api/v1/begrippen/{}", c.id)) { "Als JSON (API)" } " · "
            a href=(format!("/api/v1/begrippenkaders/{kader}/export?formaat=turtle")) { "Begrippenkader als RDF (Turtle)" } " · "
            a href=(format!("/api/v1/begrippenkaders/{kader}/export?formaat=jsonld")) { "als JSON-LD" } " · "
            a href=(format!("/api/v1/begrippenkaders/{kader}/export?formaat=csv")) { "als CSV" } }
        p.muted { "Vaste verwijzing naar dit begrip (URI): " (c.iri) }
    };
    super::indicator::for_caller(&caller, StatusCode::OK, page(web, &c.pref_label, body))
}
