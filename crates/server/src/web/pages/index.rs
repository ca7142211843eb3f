// SPDX-License-Identifier: EUPL-1.2
//! The index page: a composite index with its weights as a form. Submitting the form recomputes
//! the index on the server and shows how each gemeente's rank moves against the published
//! weights. Weights that cannot be used (not a number, negative, all zero) come back as a form
//! message with HTTP 400.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use samenhang_domain::codes::RegionCode;
use samenhang_stats::definition::{IndexDef, Normalisation};
use samenhang_stats::index::{compute, IndexResult, Weights};
use samenhang_stats::StatsError;

use super::name;
use crate::web::format;
use crate::web::layout::{error, page, respond};
use crate::web::WebState;

/// The form field of a domain's weight.
fn field(domain: &str) -> String {
    format!("gewicht-{domain}")
}

/// The weights form as submitted.
struct Form {
    /// What to show in each field again (what was typed).
    shown: HashMap<String, String>,
    weights: Weights,
    normalisation: Normalisation,
    /// (field, Dutch message); the field is empty for a fault of the whole form.
    faults: Vec<(String, String)>,
}

/// Every weight the form has: (id, name for messages, default weight). Domains first, each
/// followed by its indicators.
fn weight_fields<'d>(def: &'d IndexDef, snap: &'d samenhang_stats::Snapshot) -> Vec<(&'d str, String, f64)> {
    let mut out = Vec::new();
    for d in &def.domains {
        out.push((d.id.as_str(), format!("domein {}", d.name), d.weight));
        for (i, w) in &d.indicators {
            let n = snap.registry.indicator(i).map_or(i.clone(), |x| x.name.clone());
            out.push((i.as_str(), format!("indicator {n}"), *w));
        }
    }
    out
}

/// Reads the form: the weight of each domain and indicator and the normalisation, with every
/// fault.
fn read_form(q: &super::Query, def: &IndexDef, snap: &samenhang_stats::Snapshot) -> Form {
    let mut shown = HashMap::new();
    let mut weights = Weights::new();
    let mut faults = Vec::new();
    let fields = weight_fields(def, snap);
    for k in q.keys() {
        let known = k == "normalisatie" || fields.iter().any(|(id, _, _)| &field(id) == k);
        if !known {
            faults.push((String::new(), format!("Het veld '{k}' hoort niet bij dit formulier.")));
        }
    }
    for (id, what, default) in &fields {
        let f = field(id);
        let raw = q.get(&f).cloned().unwrap_or_else(|| format::number(*default, 2));
        match raw.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => {
                weights.insert(id.to_string(), v);
            }
            Ok(_) => faults.push((
                f.clone(),
                format!(
                    "Het gewicht van {what} moet 0 of groter zijn; '{}' kan niet.",
                    raw.trim()
                ),
            )),
            Err(_) => faults.push((
                f.clone(),
                format!(
                    "Het gewicht van {what} is geen getal: '{}'. Vul een getal in, bijvoorbeeld 1 of 0,5.",
                    raw.trim()
                ),
            )),
        }
        shown.insert(f, raw);
    }
    let normalisation = match q.get("normalisatie").map(String::as_str) {
        None => def.normalisation,
        Some(s) => Normalisation::parse(s).unwrap_or_else(|| {
            faults.push((
                "normalisatie".into(),
                format!("Normalisatie '{s}' kan niet: kies minmax of z."),
            ));
            def.normalisation
        }),
    };
    if faults.is_empty() && def.domains.iter().all(|d| weights.get(&d.id).is_none_or(|w| *w == 0.0)) {
        faults.push((String::new(), "Alle gewichten zijn 0: dan valt er niets te berekenen. Geef ten minste één domein een gewicht groter dan 0.".into()));
    }
    Form {
        shown,
        weights,
        normalisation,
        faults,
    }
}

/// One weight field with its label, an optional link to the indicator, and its fault.
fn weight_input(
    f: &str,
    label: &str,
    link: Option<String>,
    shown: &HashMap<String, String>,
    fault: Option<String>,
) -> maud::Markup {
    let described = match (&link, &fault) {
        (Some(_), Some(_)) => Some(format!("{f}-hulp {f}-fout")),
        (Some(_), None) => Some(format!("{f}-hulp")),
        (None, Some(_)) => Some(format!("{f}-fout")),
        (None, None) => None,
    };
    html! {
        div.field {
            label for=(f) { (label) }
            @if let Some(m) = &fault { span.field-error id=(format!("{f}-fout")) { (m) } }
            input id=(f) name=(f) inputmode="decimal" size="6" value=(shown.get(f).cloned().unwrap_or_default())
                aria-invalid=[fault.as_ref().map(|_| "true")]
                aria-describedby=[described];
            @if let Some(href) = &link { span.hint id=(format!("{f}-hulp")) { a href=(href) { "Over deze indicator" span.visually-hidden { ": " (label) } } } }
        }
    }
}

/// `GET /indices/{id}?gewicht-…=&normalisatie=`.
pub async fn handler(State(state): State<WebState>, Path(id): Path<String>, Query(q): Query<super::Query>) -> Response {
    let web = &state.web;
    let snap = state.app.snapshot();
    let Some(def) = snap.registry.index(&id) else {
        return error(web, StatusCode::NOT_FOUND, &format!("Er is geen index '{id}'."));
    };
    let Form {
        shown,
        weights,
        normalisation,
        mut faults,
    } = read_form(&q, def, &snap);
    let baseline = compute(&snap, def, &Weights::new(), def.normalisation);
    let chosen: Option<Result<IndexResult, StatsError>> =
        faults.is_empty().then(|| compute(&snap, def, &weights, normalisation));
    let result = match chosen {
        Some(Ok(r)) => Some(r),
        Some(Err(StatsError::InvalidWeights(m))) => {
            faults.push((String::new(), format!("{m}.")));
            None
        }
        Some(Err(e)) => {
            return error(
                web,
                StatusCode::NOT_FOUND,
                &format!("De index kan niet worden berekend: {e}."),
            )
        }
        None => None,
    };
    let base_rank: HashMap<RegionCode, usize> = baseline
        .as_ref()
        .map(|b| b.scores.iter().map(|s| (s.region, s.rank)).collect())
        .unwrap_or_default();
    let changed = !q.is_empty();
    let status = if faults.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let fault_of = |f: &str| faults.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    let body = html! {
        h1 { (def.name) }
        p.lead { (def.description) }
        p { "Jaar: " (def.year) ". Elke indicator wordt over alle gemeenten genormaliseerd (zo dat hoger beter is), per domein gemiddeld en daarna over de domeinen gewogen." }
        @if !faults.is_empty() {
            div.error role="alert" #fouten tabindex="-1" {
                h2 { "Controleer de gewichten" }
                ul { @for (f, m) in &faults { li { @if f.is_empty() { (m) } @else { a href=(format!("#{f}")) { (m) } } } } }
            }
        }
        form.weights method="get" action=(format!("/indices/{id}")) {
            p { "Een gewicht is 0 of groter; 0 laat een domein of indicator weg. Binnen een domein tellen de gewichten van de indicatoren relatief." }
            @for d in &def.domains {
                fieldset {
                    legend { (d.name) }
                    (weight_input(&field(&d.id), "Gewicht van het domein", None, &shown, fault_of(&field(&d.id))))
                    @for (ind, _) in &d.indicators {
                        @let f = field(ind);
                        @let n = snap.registry.indicator(ind).map_or(ind.clone(), |x| x.name.clone());
                        (weight_input(&f, &n, Some(format!("/indicatoren/{ind}")), &shown, fault_of(&f)))
                    }
                }
            }
            fieldset {
                legend { "Normalisatie" }
                @for (v, label) in [("minmax", "Schaal van 0 tot 10: de laagste gemeente 0, de hoogste 10"), ("z", "Afstand tot het gemiddelde, in standaardafwijkingen (z-score)")] {
                    div {
                        input type="radio" name="normalisatie" id=(format!("norm-{v}")) value=(v) checked[normalisation.as_str() == v];
                        label for=(format!("norm-{v}")) { (label) }
                    }
                }
            }
            button type="submit" { "Herbereken" }
            " "
            a href=(format!("/indices/{id}")) { "Terug naar de standaardgewichten" }
        }
        @if let Some(r) = &result {
            h2 { "Uitkomst" }
            p { (r.scores.len()) " gemeenten hebben cijfers voor alle indicatoren"
                @if !r.incomplete.is_empty() { "; " (r.incomplete.len()) " gemeenten ontbreken omdat een cijfer ontbreekt" } "."
                @if changed { " De kolom ‘verschuiving’ vergelijkt met de standaardgewichten." } }
            div.scroll tabindex="0" role="region" aria-label="Uitkomst van de index" {
                table {
                    caption { (def.name) " per gemeente, " (r.year) }
                    thead {
                        tr {
                            th.num scope="col" { "Rang" }
                            th scope="col" { "Gemeente" }
                            th.num scope="col" { "Score" }
                            th.num scope="col" { "Verschuiving" }
                            @for d in &def.domains { th.num scope="col" { (d.name) } }
                        }
                    }
                    tbody {
                        @for s in &r.scores {
                            @let moved = base_rank.get(&s.region).map(|b| *b as i64 - s.rank as i64).unwrap_or(0);
                            tr {
                                td.num { (s.rank) }
                                th scope="row" { a href=(format!("/gemeenten/{}", s.region)) { (name(&snap, s.region)) } }
                                td.num { (format::number(s.score, 2)) }
                                td.num {
                                    @if moved > 0 { span.up { "▲ " (moved) } span.visually-hidden { " plaatsen omhoog" } }
                                    @else if moved < 0 { span.down { "▼ " (-moved) } span.visually-hidden { " plaatsen omlaag" } }
                                    @else { "=" span.visually-hidden { " gelijk" } }
                                }
                                @for v in &s.domains { td.num { (format::number(*v, 2)) } }
                            }
                        }
                    }
                }
            }
            p.source { "Bron: CBS (CC BY 4.0); berekening: Samenhang. De index is een voorbeeld; de gewichten zijn een keuze, geen feit." }
        }
    };
    respond(status, page(web, &def.name, body))
}
