// SPDX-License-Identifier: EUPL-1.2
//! The section below an SROI obligation's record page: the obligation in euros, how it follows
//! from the contract, and the valuation table in force on the tender date (from the record's
//! computed `verplichting`).

use maud::{html, Markup};
use samenhang_app::records::Shown;

use crate::web::format;

/// The obligation of a shown `sroi-verplichting`.
pub fn extra(shown: &Shown) -> Markup {
    let v = &shown.body["verplichting"];
    let table = &v["waarderingstabel"];
    html! {
        h2 { "Verplichting" }
        @if let Some(amount) = v["bedrag"].as_f64() {
            p.lead { strong { "€ " (format::fixed(amount, 2)) } }
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
    }
}
