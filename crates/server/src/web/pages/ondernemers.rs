// SPDX-License-Identifier: EUPL-1.2
//! The pages of the relations with entrepreneurs: "Wat hebben ondernemers nodig?" (needs, visit
//! coverage against the CBS establishment counts, visitors, overdue follow-up, look-alike
//! companies), what the record pages of companies, visits and contact persons add to the
//! generic record page (one view of a company, "welke regelingen passen?" for a visit's needs,
//! export and "vergeet deze persoon"), the merge of two companies and the review list of contact
//! persons. The use-cases are `samenhang_app::ondernemers`, as for the API.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{html, Markup};
use samenhang_app::analyses::Named;
use samenhang_app::ondernemers::{self as o, NeedsFilter};
use samenhang_app::records::{self, Shown};
use samenhang_domain::codes::RegionCode;
use samenhang_domain::ondernemers::{Visit, FOLLOW_UP_STATUSES};
use samenhang_domain::spec::KindSpec;

use crate::params::QueryParams;
use crate::web::caller::WebCaller;
use crate::web::format::{self, count};
use crate::web::forms::FormData;
use crate::web::layout::{error, page, private, see_other};
use crate::web::pages::latest_year;
use crate::web::WebState;
use samenhang_store::items::ItemQuery;

fn fail(state: &WebState, e: samenhang_app::AppError) -> Response {
    crate::web::fail(state, e)
}

fn link(base: &str, r: &Named) -> Markup {
    if r.id.is_empty() {
        return html! { (r.name) };
    }
    html! { a href=(format!("/{base}/{}", r.id)) { (r.name) } }
}

fn days(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |d| format!("{} dagen", format::number(d, 0)))
}

fn date(d: NaiveDate) -> String {
    format::date(&d.to_string())
}

fn status_label(s: &str) -> &str {
    FOLLOW_UP_STATUSES.iter().find(|c| c.value == s).map_or(s, |c| c.label)
}

/// Today for the pages (as the application reckons it).
fn today() -> NaiveDate {
    records::today()
}

/// The follow-up open past its deadline, as a table.
pub fn late_table(late: &[o::ActionLine], caption: &str) -> Markup {
    html! {
        @if late.is_empty() { p { "Geen opvolging over de deadline." } }
        @else { div.scroll { table {
            caption { (caption) }
            thead { tr { th scope="col" { "Actie" } th scope="col" { "Onderneming" } th scope="col" { "Eigenaar" }
                th scope="col" { "Organisatie" } th scope="col" { "Deadline" } th scope="col" { "Te laat" } } }
            tbody { @for a in late { tr {
                td { (link("opvolgingen", &a.action)) }
                td { (link("ondernemingen", &a.company)) }
                td { (link("personen", &a.owner)) }
                td { (a.organisation.name) }
                td { (date(a.deadline)) }
                td { @let d = a.days_late.unwrap_or(0); (d) " " (if d == 1 { "dag" } else { "dagen" }) }
            } } }
        } } }
    }
}

fn gemeente_options(state: &WebState, selected: Option<RegionCode>) -> Markup {
    let snap = state.app.snapshot();
    let year = latest_year(&snap);
    let mut list: Vec<(String, RegionCode)> = snap
        .memberships(year)
        .iter()
        .map(|m| {
            (
                samenhang_app::region_name(&snap, m.municipality.into()),
                m.municipality.into(),
            )
        })
        .collect();
    list.sort();
    list.dedup();
    html! { @for (n, c) in list { option value=(c.to_string()) selected[Some(c) == selected] { (n) } } }
}

/// `GET /ondernemers`: what entrepreneurs need, the visit coverage and the follow-up.
pub async fn overview(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let mut q = QueryParams::parse_form(raw.as_deref(), &["gemeente", "van", "tot"]);
    let gemeente = q.get("gemeente", "format", |s| match s.trim().parse::<RegionCode>() {
        Ok(c @ RegionCode::Municipality(_)) => Ok(c),
        _ => Err("Kies een gemeente uit de lijst.".to_string()),
    });
    let parse_date = |s: &str| {
        samenhang_app::input::date(s)
            .ok_or_else(|| "Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-01-2026.".to_string())
    };
    let from = q.get("van", "format", parse_date);
    let to = q.get("tot", "format", parse_date);
    if let Err(e) = q.finish() {
        return crate::web::pages::samenhang::bad_query(&state, e);
    }
    let filter = NeedsFilter { gemeente, from, to };
    let app = &state.app;
    let p = &caller.principal;
    let (needs, late, alike) = match tokio::try_join!(
        o::needs(app, p, filter.clone()),
        o::overdue_actions(app, p, today(), None),
        o::look_alikes(app, p),
    ) {
        Ok(x) => x,
        Err(e) => return fail(&state, e),
    };
    let coverage = match gemeente {
        Some(g) => match o::coverage(app, p, g, from, to).await {
            Ok(c) => Some(c),
            Err(e) => return fail(&state, e),
        },
        None => None,
    };
    let dimensions = [
        ("segment", "Naar segment"),
        ("sbiSectie", "Naar SBI-sectie"),
        ("grootteklasse", "Naar grootteklasse"),
        ("gemeente", "Naar gemeente"),
        ("periode", "Naar jaar van het bezoek"),
    ];
    let visits = needs.visits;
    let body = html! {
        h1 { "Wat hebben ondernemers nodig?" }
        p.lead { "Uit de bedrijfsbezoeken die u mag zien: welke behoeften ondernemers noemen, wat ermee gebeurt, "
            "en welk deel van de bedrijven een bezoek kreeg." }
        form.filters method="get" action="/ondernemers" {
            div.field {
                label for="gemeente" { "Gemeente" }
                select id="gemeente" name="gemeente" {
                    option value="" selected[gemeente.is_none()] { "Alle gemeenten" }
                    (gemeente_options(&state, gemeente))
                }
            }
            div.field {
                label for="van" { "Bezocht vanaf" }
                input type="text" id="van" name="van" inputmode="numeric" placeholder="dd-mm-jjjj"
                    value=(from.map(date).unwrap_or_default());
            }
            div.field {
                label for="tot" { "Tot en met" }
                input type="text" id="tot" name="tot" inputmode="numeric" placeholder="dd-mm-jjjj"
                    value=(to.map(date).unwrap_or_default());
            }
            button type="submit" { "Toon" }
        }
        p { (visits) " " (if visits == 1 { "bezoek" } else { "bezoeken" }) " geteld." }
        h2 { "Behoeften" }
        @if needs.needs.is_empty() { p { "Nog geen behoeften vastgelegd bij bezoeken." } }
        @else { div.scroll { table {
            caption { "Behoeften, meest genoemd eerst" }
            thead { tr { th scope="col" { "Behoefte" } th scope="col" { "Bezoeken" } th scope="col" { "Ondernemingen" }
                th scope="col" { "Acties" } th scope="col" { "Afgedaan" } th scope="col" { "Gemiddeld tot afgedaan" } } }
            tbody { @for n in &needs.needs { tr {
                th scope="row" { a href=(format!("/themas/{}", n.need.id)) { (n.need.name) } }
                td { (n.visits) } td { (n.companies) } td { (n.actions) } td { (n.done) } td { (days(n.mean_days_to_done)) }
            } } }
        } } }
        @for (dim, title) in dimensions {
            @let cells: Vec<&o::NeedCell> = needs.cells.iter().filter(|c| c.dimension == dim).collect();
            @if !cells.is_empty() {
                h3 { (title) }
                ul.verdeling { @for (value, group) in group_cells(&cells) { li {
                    strong { (value) } ": "
                    @for (i, c) in group.iter().enumerate() {
                        @if i > 0 { ", " }
                        (c.need.name) " (" (c.visits) ")"
                    }
                } } }
            }
        }
        h2 { "Bezoekdekking" }
        @match &coverage {
            None => { p { "Kies hierboven een gemeente om te zien welk deel van de bedrijfsvestigingen een bezoek kreeg." } }
            Some(c) => {
                div.scroll { table {
                    caption { "Bezochte ondernemingen per SBI-groep in " (c.gemeente.name) ", tegen het aantal vestigingen volgens CBS" }
                    thead { tr { th scope="col" { "SBI-groep" } th scope="col" { "In het register" } th scope="col" { "Bezocht" }
                        th scope="col" { "Vestigingen (CBS)" } th scope="col" { "Deel bezocht" } } }
                    tbody { @for l in &c.lines { tr {
                        th scope="row" { @match l.group { Some(g) => { (g.code) " " (g.label) }, None => { "O–Q Openbaar bestuur, onderwijs en zorg" } } }
                        td { (l.companies) } td { (l.visited) }
                        td { @match (l.establishments, l.year) { (Some(n), Some(y)) => { (format::number(n, 0)) " (" (y) ")" }, _ => { "geen telling" } } }
                        td { (l.share.map_or_else(|| "–".to_string(), |s| format!("{} %", format::number(s * 100.0, 1)))) }
                    } } }
                } }
                p.bron { "Vestigingen: Bron: CBS, Kerncijfers wijken en buurten (CC BY 4.0)." }
            }
        }
        h2 { "Bezoekers" }
        @if needs.visitors.is_empty() { p { "Nog geen bezoeken." } }
        @else { div.scroll { table {
            caption { "Bezoeken en acties per bezoeker" }
            thead { tr { th scope="col" { "Bezoeker" } th scope="col" { "Bezoeken" } th scope="col" { "Acties" }
                th scope="col" { "Acties per bezoek" } th scope="col" { "Gemiddeld tot afgedaan" } } }
            tbody { @for v in &needs.visitors { tr {
                th scope="row" { (link("personen", &v.person)) }
                td { (v.visits) } td { (v.actions) } td { (format::number(v.actions_per_visit, 1)) } td { (days(v.mean_days_to_done)) }
            } } }
        } } }
        h2 { "Opvolging over de deadline" }
        (late_table(&late.late, "Open acties waarvan de deadline voorbij is, langst te laat eerst"))
        @if !late.per_organisation.is_empty() {
            h3 { "Per organisatie" }
            ul { @for s in &late.per_organisation { li { (s.who.name) ": " (s.open) " open, waarvan " (s.late) " te laat" } } }
        }
        h2 { "Mogelijk dubbele ondernemingen" }
        @if alike.is_empty() { p { "Geen ondernemingen met dezelfde naam in dezelfde gemeente." } }
        @else { ul { @for l in &alike { li {
            (link("ondernemingen", &l.a)) " en " (link("ondernemingen", &l.b)) " in " (l.gemeente.name) " — "
            a href=(format!("/ondernemingen/{}/samenvoegen?met={}", l.a.id, l.b.id)) { "vergelijken en samenvoegen" }
        } } } }
        @if caller.principal.user.is_some() {
            p { a href="/contactpersonen/herzien" { "Contactpersonen om te herzien" } }
        }
    };
    private(StatusCode::OK, page(&state.web, "Wat hebben ondernemers nodig?", body))
}

fn group_cells<'a>(cells: &[&'a o::NeedCell]) -> Vec<(String, Vec<&'a o::NeedCell>)> {
    let mut out: Vec<(String, Vec<&o::NeedCell>)> = Vec::new();
    for c in cells {
        match out.iter_mut().find(|(v, _)| *v == c.value.name) {
            Some((_, list)) => list.push(c),
            None => out.push((c.value.name.clone(), vec![c])),
        }
    }
    for (_, list) in &mut out {
        list.sort_by(|a, b| b.visits.cmp(&a.visits).then_with(|| a.need.name.cmp(&b.need.name)));
    }
    out
}

/// What the record page of a company, a visit or a contact person shows below its fields.
pub async fn extra(state: &WebState, caller: &WebCaller, spec: &KindSpec, shown: &Shown) -> Result<Markup, Response> {
    let app = &state.app;
    let p = &caller.principal;
    let id = &shown.item.id;
    match spec.kind {
        "onderneming" => {
            let v = o::company_view(app, p, id, today()).await.map_err(|e| fail(state, e))?;
            let query = ItemQuery {
                linked_to: Some(("onderneming".into(), id.clone())),
                ..ItemQuery::all("sroi-verplichting")
            };
            let obligations = samenhang_app::sroi::rows(app, p, &query, today())
                .await
                .map_err(|e| fail(state, e))?;
            let obligations: Vec<_> = obligations
                .into_iter()
                .filter(|r| r.obligation.opdrachtnemer == *id)
                .collect();
            Ok(html! {
                (company_view(&v, caller.principal.can_write(&shown.item.owner), id))
                (pacts(&v))
                h2 { "Social return" }
                @if obligations.is_empty() { p { "Geen SROI-verplichtingen van deze onderneming die u kunt zien." } }
                @else { (super::sroi::obligations_table(&obligations, "SROI-verplichtingen van deze onderneming als opdrachtnemer", false)) }
            })
        }
        "bedrijfsbezoek" => {
            let Ok(visit) = serde_json::from_str::<Visit>(&shown.item.data) else {
                return Ok(html! {});
            };
            let fits = o::schemes_for_visit(app, p, &visit).await.map_err(|e| fail(state, e))?;
            Ok(html! {
                @if !fits.is_empty() {
                    h2 { "Welke regelingen passen?" }
                    p { "Regelingen voor de genoemde behoeften die gelden in de gemeente van de onderneming." }
                    @for (need, schemes) in &fits {
                        h3 { (need.name) }
                        @if schemes.is_empty() { p { "Geen lopende regeling gevonden." } }
                        @else { ul { @for s in schemes { li { a href=(format!("/regelingen/{}", s.id)) { (s.title) } } } } }
                    }
                }
                p { a href="/opvolgingen/nieuw" { "Opvolging toevoegen" } }
            })
        }
        "contactpersoon" if p.can_write(&shown.item.owner) => Ok(html! {
            h2 { "Persoonsgegevens" }
            p { "Deze persoon heeft recht op inzage en op het wissen van de gegevens (AVG)." }
            p { a href=(format!("/contactpersonen/{id}/gegevens.json")) download { "Gegevens downloaden (JSON)" } }
            p { a.button.danger href=(format!("/contactpersonen/{id}/vergeten")) { "Vergeet deze persoon" } }
        }),
        _ => Ok(html! {}),
    }
}

fn company_view(v: &o::CompanyView, writable: bool, id: &str) -> Markup {
    html! {
        h2 { "Wie had contact met deze onderneming?" }
        @if v.visits.is_empty() { p { "Nog geen bezoeken die u mag zien." } }
        @else {
            p { "Bezocht door " (v.organisations.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", ")) "." }
            table.stack {
                caption { "Bezoeken, nieuwste eerst" }
                thead { tr { th scope="col" { "Datum" } th scope="col" { "Bezoek" } th scope="col" { "Organisatie" }
                    th scope="col" { "Bezoekers" } th scope="col" { "Behoeften" } } }
                tbody { @for b in &v.visits { tr {
                    th scope="row" { (date(b.date)) }
                    td data-label="Bezoek" { (link("bedrijfsbezoeken", &b.visit)) }
                    td data-label="Organisatie" { (b.organisation.name) }
                    td data-label="Bezoekers" { @for (i, p) in b.visitors.iter().enumerate() { @if i > 0 { ", " } (link("personen", p)) } }
                    td data-label="Behoeften" { @for (i, n) in b.needs.iter().enumerate() { @if i > 0 { ", " } a href=(format!("/themas/{}", n.id)) { (n.name) } } }
                } } }
            }
        }
        h2 { "Wat is toegezegd?" }
        @if v.actions.is_empty() { p { "Geen opvolging vastgelegd." } }
        @else { table.stack {
            caption { "Opvolging van de bezoeken" }
            thead { tr { th scope="col" { "Actie" } th scope="col" { "Eigenaar" } th scope="col" { "Organisatie" }
                th scope="col" { "Deadline" } th scope="col" { "Status" } } }
            tbody { @for a in &v.actions { tr {
                th scope="row" { (link("opvolgingen", &a.action)) @if !a.answer.is_empty() { br; small { "Antwoord: " (a.answer) } } }
                td data-label="Eigenaar" { (link("personen", &a.owner)) }
                td data-label="Organisatie" { (a.organisation.name) }
                td data-label="Deadline" { (date(a.deadline)) }
                td data-label="Status" { (status_label(&a.status)) @if a.days_late.is_some() { ", " span.voortgang-achter { "te laat" } } }
            } } }
        } }
        h2 { "Contactpersonen" }
        @if v.contacts.is_empty() { p { "Geen contactpersonen die u mag zien." } }
        @else { ul { @for c in &v.contacts { li { (link("contactpersonen", c)) } } } }
        p {
            a href="/bedrijfsbezoeken/nieuw" { "Bezoek vastleggen" }
            @if writable { " · " a href=(format!("/ondernemingen/{id}/samenvoegen")) { "Samenvoegen met een dubbele onderneming" } }
        }
    }
}

/// The werkpacten and other agreements a company takes part in, with their commitments.
fn pacts(v: &o::CompanyView) -> Markup {
    html! {
        h2 { "Werkpacten en afspraken" }
        @if v.pacts.is_empty() {
            p { "Deze onderneming doet niet mee aan een werkpact of afspraak die u kunt zien." }
        }
        @for pact in &v.pacts {
            @let (open, late, delivered) = pact.counts();
            h3 { (link("afspraken", &pact.agreement)) }
            p {
                (pact.kind)
                @match pact.period {
                    (Some(a), Some(b)) => { ", van " (date(a)) " tot en met " (date(b)) }
                    (Some(a), None) => { ", vanaf " (date(a)) }
                    (None, Some(b)) => { ", tot en met " (date(b)) }
                    (None, None) => {}
                }
                ". "
                @if pact.commitments.is_empty() { "Er zijn geen toezeggingen vastgelegd." }
                @else {
                    (count(pact.commitments.len(), "toezegging", "toezeggingen")) ": "
                    (open) " open" @if late > 0 { " (waarvan " span.voortgang-achter { (late) " te laat" } ")" }
                    ", " (delivered) " geleverd."
                }
            }
            @if !pact.commitments.is_empty() {
                table.stack {
                    caption { "Toezeggingen in " (pact.agreement.name) ", op deadline" }
                    thead { tr { th scope="col" { "Toezegging" } th scope="col" { "Partij" } th scope="col" { "Deadline" } th scope="col" { "Status" } } }
                    tbody { @for c in &pact.commitments { tr {
                        th scope="row" { (c.what) }
                        td data-label="Partij" { (c.party.name) }
                        td data-label="Deadline" { @match c.deadline { Some(d) => (date(d)), None => "–" } }
                        td data-label="Status" {
                            (commitment_label(c.status))
                            @if let Some(days) = c.days_late { ", " span.voortgang-achter { (count(days as usize, "dag", "dagen")) " te laat" } }
                        }
                    } } }
                }
            }
        }
        @if v.hidden_pacts > 0 {
            p.muted { (count(v.hidden_pacts, "afspraak", "afspraken")) " van deze onderneming kunt u niet zien." }
        }
    }
}

fn commitment_label(s: samenhang_domain::coherence::CommitmentStatus) -> &'static str {
    samenhang_domain::coherence::COMMITMENT_STATUSES
        .iter()
        .find(|c| c.value == s.as_str())
        .map_or("", |c| c.label)
}

/// `GET /ondernemingen/{id}/samenvoegen?met=…`: both side by side, and the confirmation.
pub async fn merge_form(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    let mut q = QueryParams::parse_form(raw.as_deref(), &["met"]);
    let other = q.text("met", 80).filter(|s| !s.is_empty());
    if let Err(e) = q.finish() {
        return crate::web::pages::samenhang::bad_query(&state, e);
    }
    let kind = samenhang_app::kinds::by_kind("onderneming").unwrap_or_else(|| unreachable!("in the list"));
    let keep = match records::show(&state.app, &caller.principal, kind, &id).await {
        Ok(s) => s,
        Err(e) => return fail(&state, e),
    };
    let candidates = match o::look_alikes(&state.app, &caller.principal).await {
        Ok(l) => l
            .into_iter()
            .filter_map(|l| {
                if l.a.id == id {
                    Some(l.b)
                } else if l.b.id == id {
                    Some(l.a)
                } else {
                    None
                }
            })
            .collect::<Vec<_>>(),
        Err(e) => return fail(&state, e),
    };
    let gone = match &other {
        Some(o) => match records::show(&state.app, &caller.principal, kind, o).await {
            Ok(s) => Some(s),
            Err(e) => return fail(&state, e),
        },
        None => None,
    };
    let spec = kind.spec();
    let body = html! {
        p { a href=(format!("/ondernemingen/{id}")) { "Terug naar " (keep.item.title) } }
        h1 { "Samenvoegen met " (keep.item.title) }
        @match &gone {
            None => {
                p { "Kies de dubbele onderneming. Haar bezoeken, opvolging en contactpersonen gaan over naar "
                    (keep.item.title) "; daarna wordt zij verwijderd." }
                form.account method="get" action=(format!("/ondernemingen/{id}/samenvoegen")) {
                    div.field {
                        label for="met" { "Dubbele onderneming (id)" }
                        @if !candidates.is_empty() {
                            p.hint id="met-hint" { "Lijkt op deze: "
                                @for (i, c) in candidates.iter().enumerate() { @if i > 0 { ", " } (c.name) " (" code { (c.id) } ")" } }
                        }
                        input type="text" id="met" name="met" required maxlength="80" list="met-lijst" aria-describedby="met-hint";
                        datalist id="met-lijst" { @for c in &candidates { option value=(c.id) { (c.name) } } }
                    }
                    button type="submit" { "Vergelijken" }
                }
            }
            Some(g) => {
                p { "De eerste blijft; de tweede gaat erin op. Bekijk of het werkelijk dezelfde onderneming is." }
                div.naast {
                    section { h2 { "Blijft: " (keep.item.title) } (crate::web::records::definitions(spec, &keep.body)) }
                    section { h2 { "Gaat op: " (g.item.title) } (crate::web::records::definitions(spec, &g.body)) }
                }
                form.account method="post" action=(format!("/ondernemingen/{id}/samenvoegen")) {
                    input type="hidden" name="csrf" value=(caller.csrf.clone().unwrap_or_default());
                    input type="hidden" name="met" value=(g.item.id);
                    button type="submit" { "Ja, voeg " (g.item.title) " samen met " (keep.item.title) }
                    " "
                    a.button.secondary href=(format!("/ondernemingen/{id}")) { "Nee, terug" }
                }
            }
        }
    };
    private(StatusCode::OK, page(&state.web, "Ondernemingen samenvoegen", body))
}

/// `POST /ondernemingen/{id}/samenvoegen`
pub async fn merge(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>, body: Bytes) -> Response {
    let form = FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    match o::merge(&state.app, &caller.principal, &id, form.get("met").trim()).await {
        Ok(_) => see_other(&format!("/ondernemingen/{id}?opgeslagen"), &[]),
        Err(samenhang_app::AppError::Invalid(f)) => {
            error(&state.web, StatusCode::BAD_REQUEST, &crate::web::reasons(&f))
        }
        Err(samenhang_app::AppError::Conflict { .. }) => error(
            &state.web,
            StatusCode::CONFLICT,
            "Een van de records is intussen gewijzigd; er is niets samengevoegd. Probeer het opnieuw.",
        ),
        Err(e) => fail(&state, e),
    }
}

/// `GET /contactpersonen/{id}/vergeten`: the confirmation.
pub async fn forget_form(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    let kind = samenhang_app::kinds::by_kind("contactpersoon").unwrap_or_else(|| unreachable!("in the list"));
    let s = match records::show(&state.app, &caller.principal, kind, &id).await {
        Ok(s) => s,
        Err(e) => return fail(&state, e),
    };
    let body = html! {
        h1 { "Vergeet " (s.item.title) }
        p { "De gegevens van deze persoon worden gewist: naam, e-mailadres en telefoonnummer, in elke versie, "
            "in de bezoeken die de persoon noemen en in het auditlog. Het auditlog houdt alleen vast dát er iets gewist is. "
            "Dit kan niet ongedaan worden gemaakt." }
        p { a href=(format!("/contactpersonen/{id}/gegevens.json")) download { "Eerst de gegevens downloaden (JSON)" } }
        form.account method="post" action=(format!("/contactpersonen/{id}/vergeten")) {
            input type="hidden" name="csrf" value=(caller.csrf.clone().unwrap_or_default());
            button.danger type="submit" { "Ja, vergeet deze persoon" }
            " "
            a.button.secondary href=(format!("/contactpersonen/{id}")) { "Nee, terug" }
        }
    };
    private(StatusCode::OK, page(&state.web, "Vergeet deze persoon", body))
}

/// `POST /contactpersonen/{id}/vergeten`
pub async fn forget(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>, body: Bytes) -> Response {
    let form = FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    match o::erase_contact(&state.app, &caller.principal, &id).await {
        Ok(()) => see_other("/contactpersonen?gewist", &[]),
        Err(e) => fail(&state, e),
    }
}

/// `GET /contactpersonen/{id}/gegevens.json`: the export of one person's data.
pub async fn export(State(state): State<WebState>, caller: WebCaller, Path(id): Path<String>) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    match o::contact_export(&state.app, &caller.principal, &id).await {
        Ok(v) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json".to_string()),
                (header::CACHE_CONTROL, "no-store".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"contactpersoon-{id}.json\""),
                ),
            ],
            serde_json::to_string_pretty(&v).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => fail(&state, e),
    }
}

/// `GET /contactpersonen/herzien`: contact persons to keep, update or forget.
pub async fn review(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    let mut q = QueryParams::parse_form(raw.as_deref(), &["jaren"]);
    let years = q.int_in("jaren", 1, 20).unwrap_or(3);
    if let Err(e) = q.finish() {
        return crate::web::pages::samenhang::bad_query(&state, e);
    }
    let years = u32::try_from(years).unwrap_or(3);
    let lines = match o::contacts_to_review(&state.app, &caller.principal, today(), years).await {
        Ok(l) => l,
        Err(e) => return fail(&state, e),
    };
    let body = html! {
        p { a href="/contactpersonen" { "Alle contactpersonen" } }
        h1 { "Contactpersonen om te herzien" }
        p.lead { "Contactpersonen die u mag wijzigen en die " (years) " jaar bij geen bezoek waren, of van wie de herzieningsdatum voorbij is. "
            "Werk ze bij als u ze nog nodig hebt, of vergeet ze." }
        @if lines.is_empty() { p { "Niemand om te herzien." } }
        @else { div.scroll { table {
            caption { "Te herzien" }
            thead { tr { th scope="col" { "Contactpersoon" } th scope="col" { "Onderneming" } th scope="col" { "Laatst gezien" }
                th scope="col" { "Herzien op" } th scope="col" { "Reden" } } }
            tbody { @for l in &lines { tr {
                td { (link("contactpersonen", &l.contact)) }
                td { (link("ondernemingen", &l.company)) }
                td { (date(l.last_seen)) }
                td { (date(l.review_date)) }
                td { (if l.reason == "herzieningsdatum" { "herzieningsdatum voorbij" } else { "lang niet gezien" }) }
            } } }
        } } }
    };
    private(StatusCode::OK, page(&state.web, "Contactpersonen om te herzien", body))
}

/// The reader's overdue follow-up, for the account page.
pub async fn my_overdue(state: &WebState, caller: &WebCaller) -> Markup {
    match o::my_overdue_actions(&state.app, &caller.principal, today()).await {
        Ok(Some(late)) if !late.late.is_empty() => html! {
            h2 { "Uw opvolging over de deadline" }
            (late_table(&late.late, "Uw open acties van bedrijfsbezoeken waarvan de deadline voorbij is"))
        },
        Ok(_) => html! {},
        Err(e) => {
            tracing::warn!(cause = %e, "opvolging voor de accountpagina");
            html! {}
        }
    }
}
