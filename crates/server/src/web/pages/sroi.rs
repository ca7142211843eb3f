// SPDX-License-Identifier: EUPL-1.2
//! The sections below an SROI obligation's record page: the obligation in euros, how it follows
//! from the contract, the valuation table in force on the tender date (from the record's
//! computed `verplichting`), and the realisation: every contribution the reader may see with
//! its value and calculation, the total, what is left and where it stands.

use axum::response::Response;
use maud::{html, Markup};
use samenhang_app::records::Shown;
use samenhang_domain::sroi::{Obligation, CONTRIBUTION_KINDS};

use crate::web::caller::WebCaller;
use crate::web::format;
use crate::web::WebState;

fn euro(v: f64) -> String {
    format!("€\u{a0}{}", format::fixed(v, 2))
}

/// The obligation and its realisation, for a shown `sroi-verplichting`.
pub async fn extra(state: &WebState, caller: &WebCaller, shown: &Shown) -> Result<Markup, Response> {
    let v = &shown.body["verplichting"];
    let table = &v["waarderingstabel"];
    let realisation = match serde_json::from_str::<Obligation>(&shown.item.data) {
        Ok(o) => Some(
            samenhang_app::sroi::realisation(&state.app, &caller.principal, &shown.item.id, &o)
                .await
                .map_err(|e| super::samenhang::fail(state, e))?,
        ),
        Err(_) => None,
    };
    let kind = |code: &str| {
        CONTRIBUTION_KINDS
            .iter()
            .find(|k| k.value == code)
            .map_or(code.to_string(), |k| k.label.to_string())
    };
    Ok(html! {
        h2 { "Verplichting" }
        @if let Some(amount) = v["bedrag"].as_f64() {
            p.lead { strong { (euro(amount)) } }
        }
        p { "Berekend als " (v["regel"].as_str().unwrap_or_default()) "." }
        h3 { "Waarderingstabel" }
        p { (v["toelichting"].as_str().unwrap_or_default()) }
        @if table.is_object() {
            dl.definitions {
                dt { "Tabel" } dd { (table["naam"].as_str().unwrap_or_default()) ", versie " (format::number(table["versie"].as_f64().unwrap_or_default(), 0)) }
                @if let Some(d) = table["geldigVanaf"].as_str() { dt { "Geldig vanaf" } dd { (format::date(d)) } }
                dt { "Urenbasis" } dd { (format::number(table["urenBasis"].as_f64().unwrap_or_default(), 1)) " uur per week" }
                dt { "Bron" } dd { (table["bron"].as_str().unwrap_or_default()) }
            }
        }
        @if let Some(r) = &realisation {
            h2 #realisatie { "Realisatie" }
            p {
                strong { (euro(r.done)) } " van " (euro(r.obligation)) " gerealiseerd"
                @if r.obligation > 0.0 { " (" (format::number(r.done / r.obligation * 100.0, 0)) " %)" }
                ". Nog te doen: " (euro(r.remaining)) ". Status: " strong { (r.status.label()) }
                @if let (Some(e), samenhang_domain::sroi::RealisationStatus::OpKoers | samenhang_domain::sroi::RealisationStatus::Achter) = (r.expected, r.status) {
                    " (bij een gelijk tempo over de looptijd was nu " (euro(e)) " verwacht)"
                }
                "."
            }
            @if r.contributions.is_empty() {
                p.muted { "Nog geen inzet voor deze verplichting die u kunt zien." }
            } @else {
                table.stack {
                    caption { "Inzet voor deze verplichting, met de waardering" }
                    thead { tr {
                        th scope="col" { "Inzet" } th scope="col" { "Soort" } th scope="col" { "Periode" }
                        th.num scope="col" { "Waarde" } th scope="col" { "Berekening" }
                    } }
                    tbody {
                        @for c in &r.contributions {
                            tr {
                                th scope="row" { a href=(format!("/sroi-inzet/{}", c.item.id)) { (c.item.title) } }
                                td data-label="Soort" { (kind(&c.record.soort)) }
                                td data-label="Periode" {
                                    @match (c.record.begindatum, c.record.einddatum) {
                                        (Some(a), Some(b)) => { (format::date(&a.to_string())) " tot en met " (format::date(&b.to_string())) }
                                        (Some(a), None) => { (format::date(&a.to_string())) }
                                        _ => { "–" }
                                    }
                                }
                                td.num data-label="Waarde" { @match &c.value { Ok(v) => (euro(v.total)), Err(_) => "–" } }
                                td data-label="Berekening" {
                                    @match &c.value {
                                        Ok(v) => { ul.plain { @for s in &v.steps { li { (s.text) ": " (euro(s.amount)) } } } }
                                        Err(e) => { (e) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p { a href="/sroi-inzet/nieuw" { "Inzet toevoegen" } }
        }
    })
}
