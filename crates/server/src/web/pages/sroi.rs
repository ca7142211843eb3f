// SPDX-License-Identifier: EUPL-1.2
//! The sections below an SROI obligation's record page: the obligation in euros, how it follows
//! from the contract, the valuation table in force on the tender date (from the record's
//! computed `verplichting`), and the realisation: every contribution the reader may see with
//! its value and calculation, the total, what is left and where it stands; and the overview
//! `/sroi` of every obligation the reader may see, with its CSV download.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_app::analyses::Named;
use samenhang_app::records::Shown;
use samenhang_app::sroi::Total;
use samenhang_domain::sroi::{Obligation, CONTRIBUTION_KINDS};

use crate::web::caller::WebCaller;
use crate::web::format;
use crate::web::layout::{page, private};
use crate::web::WebState;

use crate::web::format::euro;

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
        p { (v["toelichting"].as_str().unwrap_or_default()) " " a href="/sroi/waarderingstabellen" { "Alle tabellen naast elkaar" } }
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
            @if r.pso > 0.0 {
                p { "Daarvan telt " (euro(r.pso)) " als vervuld met de PSO-trede van de opdrachtnemer." }
            }
            @if let Some(note) = &r.pso_note { p { (note) } }
            @if let Some(f) = r.forecast {
                p { "Bij het tempo tot nu toe zal op de einddatum " (euro(f)) " gerealiseerd zijn"
                    @if f < r.obligation { ", " (euro(r.obligation - f)) " minder dan de verplichting" }
                    "." }
            }
            h3 { "PSO van de opdrachtnemer" }
            @match &r.contractor_pso {
                Some(p) => p { (p.oordeel) }
                None => p.muted { "Van de opdrachtnemer is geen PSO-trede of -meting bekend die u kunt zien." }
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

fn percent_of(done: f64, of: f64) -> String {
    if of > 0.0 {
        format!("{} %", format::number(done / of * 100.0, 0))
    } else {
        "–".to_string()
    }
}

fn totals(caption: &str, first: &str, rows: &[Total], link: Option<&str>, with_obligation: bool) -> Markup {
    let name = |n: &Named| match link {
        Some(base) if !n.id.is_empty() => html! { a href=(format!("{base}/{}", n.id)) { (n.name) } },
        _ => html! { (n.name) },
    };
    html! {
        @if !rows.is_empty() {
            table.stack {
                caption { (caption) }
                thead { tr {
                    th scope="col" { (first) }
                    th.num scope="col" { @if with_obligation { "Verplichtingen" } @else { "Inzet" } }
                    @if with_obligation { th.num scope="col" { "Verplichting" } }
                    th.num scope="col" { "Gerealiseerd" }
                    @if with_obligation { th.num scope="col" { "Deel" } }
                } }
                tbody {
                    @for t in rows {
                        tr {
                            th scope="row" { (name(&t.by)) }
                            td.num data-label=(if with_obligation { "Verplichtingen" } else { "Inzet" }) { (t.count) }
                            @if with_obligation { td.num data-label="Verplichting" { (euro(t.obligation)) } }
                            td.num data-label="Gerealiseerd" { (euro(t.done)) }
                            @if with_obligation { td.num data-label="Deel" { (percent_of(t.done, t.obligation)) } }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /sroi`: every SROI obligation the reader may see with its realisation, those behind or
/// ending within three months first, and the totals per client, contractor, region and target
/// group.
pub async fn overview(State(state): State<WebState>, caller: WebCaller) -> Response {
    let today = samenhang_app::records::today();
    let o = match samenhang_app::sroi::overview(&state.app, &caller.principal, today).await {
        Ok(o) => o,
        Err(e) => return crate::web::fail(&state, e),
    };
    let obligation: f64 = o.rows.iter().map(|r| r.realisation.obligation).sum();
    let done: f64 = o.rows.iter().map(|r| r.realisation.done).sum();
    let attention: Vec<_> = o.rows.iter().filter(|r| r.attention).collect();
    let n = o.rows.len();
    let body = html! {
        h1 { "Social return" }
        p.lead { "De SROI-verplichtingen die u mag zien: wat in contracten is afgesproken, wat de opdrachtnemers "
            "ervan hebben gerealiseerd, en welke verplichtingen aandacht nodig hebben." }
        @if n == 0 {
            p { "Er zijn nog geen SROI-verplichtingen die u kunt zien. "
                a href="/sroi-verplichtingen/nieuw" { "Een verplichting toevoegen" } "." }
        } @else {
            p {
                (n) " " (if n == 1 { "verplichting" } else { "verplichtingen" }) " met samen "
                strong { (euro(obligation)) } "; daarvan is " strong { (euro(done)) } " gerealiseerd ("
                (percent_of(done, obligation)) ")."
            }
            h2 { "Aandacht nodig" }
            @if attention.is_empty() {
                p { "Geen verplichting loopt achter, is verlopen of eindigt binnen drie maanden zonder gerealiseerd te zijn." }
            } @else {
                p { "Verplichtingen die achterlopen op een gelijk tempo, die voorbij hun einddatum niet zijn gehaald, of die binnen drie maanden eindigen en nog niet gerealiseerd zijn." }
            }
            (obligations_table(&o.rows, "Alle verplichtingen, die aandacht nodig hebben eerst", true))
            p { a href="/sroi/verplichtingen.csv" { "Download als CSV" } " (voor Excel: puntkomma's, decimale komma)" }
            h2 { "Totalen" }
            (totals("Per opdrachtgever", "Opdrachtgever", &o.per_client, None, true))
            (totals("Per opdrachtnemer", "Opdrachtnemer", &o.per_contractor, Some("/ondernemingen"), true))
            (totals("Per arbeidsmarktregio van de gemeente", "Arbeidsmarktregio", &o.per_region, Some("/arbeidsmarktregios"), true))
            (totals("Gewaardeerde inzet per doelgroep of soort", "Doelgroep of soort", &o.per_kind, None, false))
        }
        p { a href="/sroi-verplichtingen" { "Alle SROI-verplichtingen in het register" } " · " a href="/sroi-inzet" { "Alle inzet" }
            " · " a href="/sroi/waarderingstabellen" { "De waarderingstabellen naast elkaar" } }
    };
    private(StatusCode::OK, page(&state.web, "Social return", body))
}

/// Obligations with their realisation and status, those needing attention marked; with
/// `contractor`, a column with the contractor (not on a company's own page).
pub fn obligations_table(rows: &[samenhang_app::sroi::Row], caption: &str, contractor: bool) -> Markup {
    html! {
        table.stack {
            caption { (caption) }
            thead { tr {
                th scope="col" { "Contract" } @if contractor { th scope="col" { "Opdrachtnemer" } } th scope="col" { "Einddatum" }
                th.num scope="col" { "Verplichting" } th.num scope="col" { "Gerealiseerd" }
                th.num scope="col" { "Prognose einddatum" } th scope="col" { "Status" }
            } }
            tbody {
                @for r in rows {
                    tr.attention[r.attention] {
                        th scope="row" { a href=(format!("/sroi-verplichtingen/{}", r.item.id)) { (r.item.title) } }
                        @if contractor { td data-label="Opdrachtnemer" { (r.contractor.name) } }
                        td data-label="Einddatum" { @match r.obligation.einddatum { Some(d) => (format::date(&d.to_string())), None => "–" } }
                        td.num data-label="Verplichting" { (euro(r.realisation.obligation)) }
                        td.num data-label="Gerealiseerd" { (euro(r.realisation.done)) " (" (percent_of(r.realisation.done, r.realisation.obligation)) ")" }
                        td.num data-label="Prognose einddatum" { @match r.realisation.forecast { Some(f) => (euro(f)), None => "–" } }
                        td data-label="Status" { @if r.attention { strong { (r.realisation.status.label()) } } @else { (r.realisation.status.label()) } }
                    }
                }
            }
        }
    }
}

/// `GET /sroi/verplichtingen.csv`: the overview as a spreadsheet, one line per obligation.
pub async fn csv(State(state): State<WebState>, caller: WebCaller) -> Response {
    let today = samenhang_app::records::today();
    match samenhang_app::sroi::overview(&state.app, &caller.principal, today).await {
        Ok(o) => super::csv::csv_response(samenhang_app::sroi::export(&o), "sroi-verplichtingen.csv"),
        Err(e) => crate::web::fail(&state, e),
    }
}

/// `GET /sroi/waarderingstabellen`: every valuation table version side by side, a column each,
/// with a row per target group, bonus and kind valued at cost.
pub async fn tables(State(state): State<WebState>, caller: WebCaller) -> Response {
    let versions = samenhang_app::sroi::table_versions(&state.app);
    let groups: Vec<&samenhang_domain::spec::Choice> = CONTRIBUTION_KINDS
        .iter()
        .filter(|k| {
            versions
                .iter()
                .any(|v| v.table.doelgroepen.iter().any(|g| g.code == k.value))
        })
        .collect();
    let mut ages: Vec<u32> = versions
        .iter()
        .flat_map(|v| v.table.bonussen.iter().filter_map(|b| b.vanaf_leeftijd))
        .collect();
    ages.sort_unstable();
    ages.dedup();
    let named: Vec<&samenhang_domain::spec::Choice> = samenhang_domain::sroi::NAMED_BONUSES
        .iter()
        .filter(|k| {
            versions.iter().any(|v| {
                v.table
                    .bonussen
                    .iter()
                    .any(|b| b.vanaf_leeftijd.is_none() && b.code == k.value)
            })
        })
        .collect();
    let heading = |v: &samenhang_app::sroi::TableVersion| format!("{}, versie {}", v.table.naam, v.table.versie);
    let period = |v: &samenhang_app::sroi::TableVersion| match (v.table.geldig_vanaf, v.until) {
        (Some(from), Some(to)) => format!(
            "{} tot en met {}",
            format::date(&from.to_string()),
            format::date(&to.to_string())
        ),
        (Some(from), None) => format!("vanaf {}", format::date(&from.to_string())),
        _ => "zonder datum: alleen met de hand te kiezen".to_string(),
    };
    let can_add = caller.principal.user.is_some() && !caller.principal.writable_organisations().is_empty();
    let body = html! {
        h1 { "Waarderingstabellen" }
        p.lead { "De bouwblokken waarmee social return wordt gewaardeerd: per tabel en versie de waarde per jaar "
            "bij een voltijdcontract, het maximum aantal maanden dat een kandidaat meetelt, de bonussen en wat tegen kosten telt. "
            "Een contract wordt gewaardeerd met de versie die gold op de aanbestedingsdatum; een tabel die een contract gebruikt, "
            "wijzigt niet: een wijziging is een nieuwe versie." }
        @if can_add {
            p { a href="/waarderingstabellen/nieuw" { "Een tabel of een nieuwe versie toevoegen" }
                " · " a href="/waarderingstabellen" { "Tabellen in het register" } }
        }
        table.stack.versions {
            caption { "Waarderingstabellen naast elkaar (bedragen in euro per jaar, voltijd)" }
            thead { tr {
                th scope="col" { "" }
                @for v in &versions { th scope="col" { (heading(v)) } }
            } }
            tbody {
                tr { th scope="row" { "Gebieden" } @for v in &versions { td data-label=(heading(v)) { (v.areas.join(", ")) } } }
                tr { th scope="row" { "Geldig" } @for v in &versions { td data-label=(heading(v)) { (period(v)) } } }
                tr { th scope="row" { "Urenbasis" } @for v in &versions { td data-label=(heading(v)) { (format::number(v.table.uren_basis, 0)) " uur per week" } } }
                @for g in &groups {
                    tr {
                        th scope="row" { (g.label) }
                        @for v in &versions {
                            td.num data-label=(heading(v)) {
                                @match v.table.doelgroepen.iter().find(|t| t.code == g.value) {
                                    Some(t) => {
                                        (euro(t.waarde_per_jaar))
                                        @if let Some(m) = t.max_maanden { br; small { "hoogstens " (m) " maanden" } }
                                        @if let Some(h) = t.min_uren { br; small { "vanaf " (format::number(h, 1)) " uur per week" } }
                                    }
                                    None => "–",
                                }
                            }
                        }
                    }
                }
                @for age in &ages {
                    tr {
                        th scope="row" { "Bonus vanaf " (age) " jaar" }
                        @for v in &versions {
                            td.num data-label=(heading(v)) {
                                @match v.table.bonussen.iter().find(|b| b.vanaf_leeftijd == Some(*age)) {
                                    Some(b) => { "+ " (euro(b.waarde_per_jaar)) }
                                    None => "–",
                                }
                            }
                        }
                    }
                }
                @for kind in &named {
                    tr {
                        th scope="row" { "Bonus: " (kind.label.to_lowercase()) }
                        @for v in &versions {
                            td.num data-label=(heading(v)) {
                                @match v.table.bonussen.iter().find(|b| b.vanaf_leeftijd.is_none() && b.code == kind.value) {
                                    Some(b) => { "+ " (euro(b.waarde_per_jaar)) }
                                    None => "–",
                                }
                            }
                        }
                    }
                }
                tr {
                    th scope="row" { "Tegen kosten" }
                    @for v in &versions {
                        td data-label=(heading(v)) {
                            @if v.table.tegen_kosten.is_empty() { "–" }
                            @else { (v.table.tegen_kosten.iter().map(|k| k.naam.as_str()).collect::<Vec<_>>().join(", ")) " (factuurbedrag zonder btw)" }
                        }
                    }
                }
                tr {
                    th scope="row" { "Bron" }
                    @for v in &versions {
                        td data-label=(heading(v)) {
                            (v.table.bron)
                            @if let Some(id) = &v.record { br; a href=(format!("/waarderingstabellen/{id}")) { "In het register" } }
                            @else { br; small { "Meegeleverd met Samenhang" } }
                        }
                    }
                }
            }
        }
        p { a href="/sroi" { "Terug naar social return" } }
    };
    private(StatusCode::OK, page(&state.web, "Waarderingstabellen", body))
}
