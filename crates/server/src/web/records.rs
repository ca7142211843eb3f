// SPDX-License-Identifier: EUPL-1.2
//! The pages of every register kind, from the list of kinds: "Toevoegen" on the list page,
//! "Wijzigen" and "Verwijderen" on the record page for whoever may write it, the forms
//! (`web::forms`), a confirmation after saving, a delete that asks first, and a stale edit that
//! shows what changed in between and lets the user apply their change again.
//!
//! Kinds with a page of their own (goals with their chart, schemes with "welke regelingen
//! passen?", …) keep it and add [`record_header`] and [`add_link`]; every other kind gets the
//! generic [`list`] and [`show`]. The server refuses what the page hides: every write goes
//! through `samenhang_app::records`.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_app::kinds::Kind;
use samenhang_app::records::{self, Expected, ListFilter};
use samenhang_app::{AppError, Principal};
use samenhang_domain::codes::RegionCode;
use samenhang_domain::registers::Fault;
use samenhang_domain::spec::capital;
use samenhang_domain::spec::{FieldType, KindSpec};
use samenhang_store::items::StoredItem;
use samenhang_store::Paging;
use serde_json::Value;

use crate::web::caller::WebCaller;
use crate::web::forms::{self, Form, FormData, Options, Values};
use crate::web::layout::{error, page, private, see_other};
use crate::web::{fail, WebState};

/// "Toevoegen" for a caller who may add records of this kind.
pub fn add_link(spec: &KindSpec, caller: &WebCaller) -> Markup {
    html! {
        @if !caller.principal.writable_organisations().is_empty() {
            p { a.button href=(format!("/{}/nieuw", spec.collection)) { (capital(spec.singular)) " toevoegen" } }
        }
    }
}

/// The confirmation after a save or a delete (`?opgeslagen`, `?verwijderd`).
pub fn notice(spec: &KindSpec, raw: Option<&str>) -> Markup {
    let said = |what: &str| raw.is_some_and(|q| q.split('&').any(|p| p == what || p.starts_with(&format!("{what}="))));
    html! {
        @if said("opgeslagen") {
            div.notice role="status" { p { (spec.the(true)) " is opgeslagen." } }
        } @else if said("verwijderd") {
            div.notice role="status" { p { (spec.the(true)) " is verwijderd." } }
        } @else if said("gewist") {
            div.notice role="status" { p { "De persoon is vergeten: de gegevens zijn overal gewist." } }
        } @else if said("geleverd") {
            div.notice role="status" { p { "De toezegging staat op geleverd." } }
        }
    }
}

/// Above a record: the confirmation, the example mark, and "Wijzigen" and "Verwijderen" for
/// whoever may write it.
pub fn record_header(spec: &KindSpec, caller: &WebCaller, item: &StoredItem, raw: Option<&str>) -> Markup {
    html! {
        (notice(spec, raw))
        @if caller.principal.can_write(&item.owner) {
            p.actions {
                a.button href=(format!("/{}/{}/wijzigen", spec.collection, item.id)) { "Wijzigen" }
                " "
                a.button.secondary href=(format!("/{}/{}/verwijderen", spec.collection, item.id)) { "Verwijderen" }
            }
        }
    }
}

/// A mark on example records.
pub fn example_note(item: &StoredItem) -> Markup {
    html! { @if item.id.starts_with("voorbeeld-") { " " span.tag-example { "voorbeeld" } } }
}

/// The link to a region's page, where there is one.
fn region_href(code: RegionCode) -> Option<String> {
    match code {
        RegionCode::Municipality(_) => Some(format!("/gemeenten/{code}")),
        RegionCode::LabourMarketRegion(_) => Some(format!("/arbeidsmarktregios/{code}")),
        _ => None,
    }
}

/// One shown value of a representation, with links to what it refers to.
fn shown(spec_field: FieldType, v: &Value) -> Markup {
    let text = |v: &Value| v.as_str().map(str::to_string).unwrap_or_default();
    match (spec_field, v) {
        (_, Value::Null) => html! { "–" },
        (FieldType::Concept, o) => {
            html! { a href=(format!("/themas/{}", text(&o["id"]))) { (text(&o["voorkeursterm"])) } }
        }
        (FieldType::Concepts, Value::Array(items)) if items.is_empty() => html! { "–" },
        (FieldType::Concepts, Value::Array(items)) => html! {
            ul.tags { @for o in items { li { a href=(format!("/themas/{}", text(&o["id"]))) { (text(&o["voorkeursterm"])) } } } }
        },
        (FieldType::Region(_), o) => {
            let code = text(&o["code"]);
            let name = text(&o["naam"]);
            match RegionCode::parse(&code).ok().and_then(region_href) {
                Some(h) => html! { a href=(h) { (name) } " (" (code) ")" },
                None => html! { (name) " (" (code) ")" },
            }
        }
        (FieldType::Organisation, o) => html! { (text(&o["naam"])) },
        (FieldType::Record(kind), o) => record_link(kind, o),
        (FieldType::Records(_), Value::Array(items)) if items.is_empty() => html! { "–" },
        (FieldType::Records(kind), Value::Array(items)) => {
            html! { ul { @for o in items { li { (record_link(kind, o)) } } } }
        }
        (FieldType::Indicator, o) => {
            html! { a href=(format!("/indicatoren/{}", text(&o["id"]))) { (text(&o["naam"])) } }
        }
        (FieldType::Choice(choices), Value::String(s)) => {
            html! { (choices.iter().find(|c| c.value == s).map_or(s.as_str(), |c| c.label)) }
        }
        (FieldType::Number { unit, decimals, .. }, Value::Number(n)) => {
            let v = n.as_f64().unwrap_or(0.0);
            let shown = if unit.starts_with("euro") {
                format!("€ {}", crate::web::format::number(v, 0))
            } else {
                crate::web::format::number(v, decimals.into())
            };
            let rest = unit.strip_prefix("euro").map_or(unit, str::trim);
            html! { (shown) @if !rest.is_empty() { " " (rest) } }
        }
        (FieldType::Date, Value::String(s)) => html! { (crate::web::format::date(s)) },
        (FieldType::Link, Value::String(s)) => html! { a href=(s) { (s) } },
        (FieldType::Email, Value::String(s)) => html! { a href=(format!("mailto:{s}")) { (s) } },
        (FieldType::Objects(list), Value::Array(entries)) if !entries.is_empty() => html! {
            div.scroll { table {
                thead { tr { @for f in list.fields { th scope="col" { (f.label) } } } }
                tbody { @for e in entries { tr { @for f in list.fields { td { (shown(f.ty, e.get(f.name).unwrap_or(&Value::Null))) } } } } }
            } }
        },
        (FieldType::Objects(_), _) => html! { "–" },
        (_, Value::String(s)) if s.is_empty() => html! { "–" },
        (_, Value::String(s)) => html! { (s) },
        (_, other) => html! { (other.to_string()) },
    }
}

fn record_link(kind: &str, o: &Value) -> Markup {
    let collection = samenhang_app::kinds::by_kind(kind).map_or(kind, |k| k.spec().collection);
    let id = o["id"].as_str().unwrap_or_default();
    html! { a href=(format!("/{collection}/{id}")) { (o["titel"].as_str().unwrap_or(id)) } }
}

/// The fields of a representation as a definition list.
pub fn definitions(spec: &KindSpec, body: &Value) -> Markup {
    html! {
        dl.definitions {
            @for f in spec.fields.iter().filter(|f| f.name != spec.title_field) {
                dt { (f.label) }
                @let v = body.get(f.name).unwrap_or(&Value::Null);
                @if f.confidential && v.is_null() {
                    // Left out for readers outside the owning organisation (and empty for it).
                    dd { "– (alleen zichtbaar voor " (body["organisatie"]["naam"].as_str().unwrap_or("de eigen organisatie")) ")" }
                } @else {
                    dd { (shown(f.ty, v)) }
                }
            }
            // Computed names of a code (a company's SBI section), or a computed judgement in
            // words (a company's PSO standing).
            @for f in spec.computed {
                @if let (Some(code), Some(name)) = (body[f.name]["code"].as_str(), body[f.name]["naam"].as_str()) {
                    dt { (f.label) }
                    dd { (code) " " (name) }
                } @else if let Some(words) = body[f.name]["oordeel"].as_str() {
                    dt { (f.label) }
                    dd { (words) }
                }
            }
            dt { "Beheerd door" }
            dd { (body["organisatie"]["naam"].as_str().unwrap_or_default()) ". "
                (match body["zichtbaarheid"].as_str().unwrap_or_default() {
                    "openbaar" => "Iedereen kan dit zien (openbaar).",
                    "regio" => "Alleen de organisaties in de arbeidsmarktregio van de eigenaar kunnen dit zien.",
                    _ => "Alleen de eigen organisatie kan dit zien.",
                })
                @match body["gewijzigdDoor"].as_str().unwrap_or_default() {
                    "" => {}
                    "voorbeelddata" => { " Dit zijn voorbeeldgegevens." }
                    who => { " Laatst gewijzigd door " (who) "." }
                }
            }
        }
    }
}

/// Records per page of a generic list.
const LIST_PAGE: u32 = 50;

/// Whether `collection` has the generic list page (which filters by `?thema=`).
pub fn has_generic_list(collection: &str) -> bool {
    !crate::web::OWN_LISTS.contains(&collection)
}

/// `GET /{collection}?thema=&pagina=`: the records of a kind the reader may see, by title, a
/// page at a time.
pub async fn list(kind: &'static dyn Kind, state: WebState, caller: WebCaller, raw: Option<String>) -> Response {
    let spec = kind.spec();
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default();
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string());
    let theme = param("thema").filter(|t| !t.is_empty());
    if let Some(t) = &theme {
        if state.app.vocab().concept(t).is_none() {
            return error(
                &state.web,
                StatusCode::NOT_FOUND,
                &format!("Er is geen begrip met id '{t}'."),
            );
        }
    }
    let page_no = match param("pagina").map(|p| p.parse::<u32>()) {
        None => 1,
        Some(Ok(n)) if (1..=1_000_000).contains(&n) => n,
        Some(_) => {
            return error(
                &state.web,
                StatusCode::BAD_REQUEST,
                "De pagina is een geheel getal vanaf 1.",
            )
        }
    };
    let filter = ListFilter {
        theme: theme.clone(),
        owner: None,
        paging: Paging {
            page: page_no,
            page_size: LIST_PAGE,
        },
    };
    let page_of = match records::list(&state.app, &caller.principal, kind, &filter).await {
        Ok(p) => p,
        Err(e) => return fail(&state, e),
    };
    let pages = page_of.total.div_ceil(u64::from(LIST_PAGE)).max(1);
    let link = |n: u64| match &theme {
        Some(t) => format!("/{}?thema={t}&pagina={n}", spec.collection),
        None => format!("/{}?pagina={n}", spec.collection),
    };
    let theme_name = theme.as_deref().map(|t| state.app.vocab().label(t));
    let columns: Vec<&samenhang_domain::spec::Field> = spec
        .fields
        .iter()
        .filter(|f| {
            f.name != spec.title_field && !matches!(f.ty, FieldType::Objects(_) | FieldType::Text { lines: 2.., .. })
        })
        .take(3)
        .collect();
    let body = html! {
        h1 { (capital(spec.plural)) @if let Some(t) = &theme_name { " op het thema " (t) } }
        p.lead { (spec.about) }
        @if let (Some(t), Some(name)) = (&theme, &theme_name) {
            p { a href=(format!("/themas/{t}")) { "Alles over het thema " (name) } " · " a href=(format!("/{}", spec.collection)) { "Alle " (spec.plural) } }
        }
        (notice(spec, raw.as_deref()))
        (crate::web::pages::afspraken::login_hint(&caller, spec.plural))
        (add_link(spec, &caller))
        @if page_of.items.is_empty() { p { "Er zijn nog geen " (spec.plural) " die u kunt zien." } }
        @else {
            div.scroll { table {
                caption { (capital(spec.plural)) " (" (page_of.total) ")" }
                thead { tr {
                    th scope="col" { (spec.field(spec.title_field).map_or("Titel", |f| f.label)) }
                    @for c in &columns { th scope="col" { (c.label) } }
                    th scope="col" { "Organisatie" }
                } }
                tbody { @for s in &page_of.items { tr {
                    td { a href=(format!("/{}/{}", spec.collection, s.item.id)) { (s.item.title) } (example_note(&s.item)) }
                    @for c in &columns { td { (shown(c.ty, s.body.get(c.name).unwrap_or(&Value::Null))) } }
                    td { (s.body["organisatie"]["naam"].as_str().unwrap_or_default()) }
                } } }
            } }
            @if pages > 1 {
                nav.pages aria-label="Pagina's" {
                    p { "Pagina " (page_no) " van " (pages) ". "
                        @if page_no > 1 { a href=(link(u64::from(page_no) - 1)) rel="prev" { "Vorige pagina" } " " }
                        @if u64::from(page_no) < pages { a href=(link(u64::from(page_no) + 1)) rel="next" { "Volgende pagina" } }
                    }
                }
            }
        }
    };
    private(StatusCode::OK, page(&state.web, &capital(spec.plural), body))
}

/// `GET /registers`: every register kind, with how many records the reader may see.
pub async fn overview(State(state): State<WebState>, caller: WebCaller) -> Response {
    let counts = match records::counts(&state.app, &caller.principal).await {
        Ok(c) => c,
        Err(e) => return fail(&state, e),
    };
    let body = html! {
        h1 { "Registers" }
        p.lead { "De afspraken, regelingen, overleggen, personen en ondernemersrelaties van de regio. U ziet wat openbaar is en wat uw organisaties met u delen." }
        ul.registers { @for (kind, n) in &counts {
            @let spec = kind.spec();
            li {
                a href=(format!("/{}", spec.collection)) { (capital(spec.plural)) }
                ": " (n) " " (if *n == 1 { spec.singular } else { spec.plural })
                br;
                span.hint { (spec.about) }
            }
        } }
    };
    private(StatusCode::OK, page(&state.web, "Registers", body))
}

/// `GET /{collection}/{id}`: one record.
pub async fn show(
    kind: &'static dyn Kind,
    state: WebState,
    caller: WebCaller,
    id: String,
    raw: Option<String>,
) -> Response {
    let spec = kind.spec();
    let s = match records::show(&state.app, &caller.principal, kind, &id).await {
        Ok(s) => s,
        Err(e) => return fail(&state, e),
    };
    let extra = if spec.kind == samenhang_domain::own_figures::OWN_INDICATOR_SPEC.kind {
        crate::web::pages::eigen::extra(&state, &caller, &s)
    } else if spec.kind == samenhang_domain::verslagen::MEETING_SPEC.kind {
        match crate::web::pages::verslagen::meeting_extra(&state, &caller, &s).await {
            Ok(m) => m,
            Err(r) => return r,
        }
    } else if spec.kind == samenhang_domain::sroi::OBLIGATION_SPEC.kind {
        match crate::web::pages::sroi::extra(&state, &caller, &s).await {
            Ok(m) => m,
            Err(r) => return r,
        }
    } else {
        match crate::web::pages::ondernemers::extra(&state, &caller, spec, &s).await {
            Ok(m) => m,
            Err(r) => return r,
        }
    };
    let body = html! {
        p { a href=(format!("/{}", spec.collection)) { "Alle " (spec.plural) } }
        h1 { (s.item.title) (example_note(&s.item)) }
        (record_header(spec, &caller, &s.item, raw.as_deref()))
        (definitions(spec, &s.body))
        (extra)
    };
    private(StatusCode::OK, page(&state.web, &s.item.title, body))
}

/// Login and a role first: the login page for anonymous callers, 403 without a writable
/// organisation.
fn gate(state: &WebState, spec: &KindSpec, caller: &WebCaller) -> Result<(), Response> {
    if caller.principal.user.is_none() {
        return Err(see_other("/inloggen", &[]));
    }
    if caller.principal.writable_organisations().is_empty() {
        return Err(error(
            &state.web,
            StatusCode::FORBIDDEN,
            &format!(
                "{} toevoegen of wijzigen vraagt de rol redacteur of beheerder bij een organisatie.",
                capital(spec.plural)
            ),
        ));
    }
    Ok(())
}

/// A stale edit: who changed the record in between, and what changed (label, before, now).
type Stale = (String, Vec<(&'static str, String, String)>);

/// What the form page says above the form.
#[derive(Default)]
struct Notes {
    /// A stale edit, if it was one.
    stale: Option<Stale>,
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &WebState,
    caller: &WebCaller,
    spec: &'static KindSpec,
    status: StatusCode,
    values: &Values,
    faults: &[Fault],
    existing: Option<(&StoredItem, i64)>,
    notes: Notes,
) -> Response {
    let options = match Options::load(&state.app, &caller.principal, spec, values).await {
        Ok(o) => o,
        Err(e) => return fail(state, e),
    };
    let (title, action, submit, version) = match existing {
        None => (
            format!("{} toevoegen", capital(spec.singular)),
            format!("/{}/nieuw", spec.collection),
            format!("{} opslaan", capital(spec.singular)),
            None,
        ),
        Some((item, version)) => (
            format!("{} wijzigen", item.title),
            format!("/{}/{}/wijzigen", spec.collection, item.id),
            "Wijzigingen opslaan".to_string(),
            Some(version),
        ),
    };
    let back = match existing {
        Some((item, _)) => format!("/{}/{}", spec.collection, item.id),
        None => format!("/{}", spec.collection),
    };
    let csrf = caller.csrf.clone().unwrap_or_default();
    let body = html! {
        p { a href=(back) { "Terug zonder op te slaan" } }
        h1 { (title) }
        @if existing.is_none() { p.lead { (spec.about) } }
        @if let Some((who, changed)) = &notes.stale {
            div.error role="alert" {
                p { "Iemand anders heeft " (spec.the(false)) " intussen gewijzigd (" (who) "). Uw wijziging is nog niet opgeslagen." }
                @if changed.is_empty() { p { "De velden zijn gelijk gebleven; sla opnieuw op om uw wijziging toe te passen." } }
                @else {
                    p { "Dit is er intussen veranderd:" }
                    ul { @for (label, before, now) in changed { li { strong { (label) } ": was " (before) ", is nu " (now) } } }
                    p { "Hieronder staat uw versie. Controleer haar en sla opnieuw op om uw wijziging op de nieuwe versie toe te passen." }
                }
            }
        }
        (forms::render(&Form {
            spec,
            values,
            faults,
            options: &options,
            csrf: &csrf,
            action,
            version,
            submit: &submit,
        }))
    };
    private(status, page(&state.web, &title, body))
}

/// `GET /{collection}/nieuw`
pub async fn new_form(kind: &'static dyn Kind, state: WebState, caller: WebCaller) -> Response {
    let spec = kind.spec();
    if let Err(r) = gate(&state, spec, &caller) {
        return r;
    }
    let values = Values {
        organisation: caller
            .principal
            .writable_organisations()
            .first()
            .cloned()
            .unwrap_or_default(),
        ..Values::default()
    };
    form_page(
        &state,
        &caller,
        spec,
        StatusCode::OK,
        &values,
        &[],
        None,
        Notes::default(),
    )
    .await
}

/// The form's values, with what the kind fills in for the user (a goal's base value from the
/// figures, when the base year, area and indicator are given).
fn prefill(state: &WebState, caller: &Principal, spec: &KindSpec, values: &mut Values) {
    if spec.kind != "doel" {
        return;
    }
    let first = |v: &Values, n: &str| v.fields.get(n).and_then(|t| t.first()).cloned().unwrap_or_default();
    if !first(values, "basiswaarde").is_empty() {
        return;
    }
    let resolver = samenhang_app::input::Resolver::new(&state.app, caller);
    let area = resolver
        .region(&first(values, "gebied"), samenhang_domain::spec::RegionSet::Any)
        .ok()
        .and_then(|c| RegionCode::parse(&c).ok());
    let year = first(values, "basisjaar").trim().parse::<i32>().ok();
    let indicator = resolver.indicator(&first(values, "indicator")).ok();
    let (Some(area), Some(year), Some(indicator)) = (area, year, indicator) else {
        return;
    };
    let snap = state.app.snapshot();
    if let Some(v) = snap
        .series(&indicator)
        .and_then(|s| snap.value(s, area, year))
        .map(|(v, _)| v)
    {
        values.fields.insert(
            "basiswaarde".into(),
            vec![samenhang_app::input::dutch_decimal((v * 10.0).round() / 10.0)],
        );
    }
}

/// `POST /{collection}/nieuw`
pub async fn create(kind: &'static dyn Kind, state: WebState, caller: WebCaller, body: Bytes) -> Response {
    let spec = kind.spec();
    let form = FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    if let Err(r) = gate(&state, spec, &caller) {
        return r;
    }
    let mut values = Values::from_form(spec, &form);
    if matches!(form.get("actie"), "meer" | "verversen") {
        prefill(&state, &caller.principal, spec, &mut values);
        return form_page(
            &state,
            &caller,
            spec,
            StatusCode::OK,
            &values,
            &[],
            None,
            Notes::default(),
        )
        .await;
    }
    let result = match forms::to_input(&state.app, &caller.principal, spec, &values).await {
        Ok(input) => records::create(&state.app, &caller.principal, kind, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(s) => see_other(&format!("/{}/{}?opgeslagen", spec.collection, s.item.id), &[]),
        Err(AppError::Invalid(faults)) => {
            form_page(
                &state,
                &caller,
                spec,
                StatusCode::BAD_REQUEST,
                &values,
                &faults,
                None,
                Notes::default(),
            )
            .await
        }
        Err(e) => fail(&state, e),
    }
}

async fn editable(
    kind: &'static dyn Kind,
    state: &WebState,
    caller: &WebCaller,
    id: &str,
) -> Result<records::Shown, Response> {
    let spec = kind.spec();
    gate(state, spec, caller)?;
    let shown = records::show(&state.app, &caller.principal, kind, id)
        .await
        .map_err(|e| fail(state, e))?;
    if !caller.principal.can_write(&shown.item.owner) {
        return Err(error(
            &state.web,
            StatusCode::FORBIDDEN,
            &format!(
                "{} is van een andere organisatie; alleen haar redacteuren kunnen {} wijzigen.",
                spec.the(true),
                if spec.article == samenhang_domain::spec::Article::Het {
                    "het"
                } else {
                    "die"
                }
            ),
        ));
    }
    Ok(shown)
}

async fn values_of(
    state: &WebState,
    caller: &WebCaller,
    spec: &'static KindSpec,
    item: &StoredItem,
) -> Result<Values, AppError> {
    let record: Value = serde_json::from_str(&item.data).map_err(|e| AppError::Internal(Box::new(e)))?;
    let names = records::names_for(&state.app, &caller.principal, spec, std::slice::from_ref(&record)).await?;
    Ok(Values::from_record(
        &state.app,
        &names,
        spec,
        &item.owner,
        item.visibility,
        &record,
    ))
}

/// `GET /{collection}/{id}/wijzigen`
pub async fn edit_form(kind: &'static dyn Kind, state: WebState, caller: WebCaller, id: String) -> Response {
    let spec = kind.spec();
    let shown = match editable(kind, &state, &caller, &id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let values = match values_of(&state, &caller, spec, &shown.item).await {
        Ok(v) => v,
        Err(e) => return fail(&state, e),
    };
    form_page(
        &state,
        &caller,
        spec,
        StatusCode::OK,
        &values,
        &[],
        Some((&shown.item, shown.item.version)),
        Notes::default(),
    )
    .await
}

/// `POST /{collection}/{id}/wijzigen`
pub async fn update(kind: &'static dyn Kind, state: WebState, caller: WebCaller, id: String, body: Bytes) -> Response {
    let spec = kind.spec();
    let form = FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    let current = match editable(kind, &state, &caller, &id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let based_on = form.get("versie").trim().parse::<i64>().unwrap_or(current.item.version);
    let mut values = Values::from_form(spec, &form);
    if matches!(form.get("actie"), "meer" | "verversen") {
        prefill(&state, &caller.principal, spec, &mut values);
        return form_page(
            &state,
            &caller,
            spec,
            StatusCode::OK,
            &values,
            &[],
            Some((&current.item, based_on)),
            Notes::default(),
        )
        .await;
    }
    let result = match forms::to_input(&state.app, &caller.principal, spec, &values).await {
        Ok(input) => {
            records::update(
                &state.app,
                &caller.principal,
                kind,
                &id,
                Expected::Version(based_on),
                input,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(s) => see_other(&format!("/{}/{}?opgeslagen", spec.collection, s.item.id), &[]),
        Err(AppError::Invalid(faults)) => {
            form_page(
                &state,
                &caller,
                spec,
                StatusCode::BAD_REQUEST,
                &values,
                &faults,
                Some((&current.item, based_on)),
                Notes::default(),
            )
            .await
        }
        Err(AppError::Conflict { current: now, .. }) => {
            let stale = stale_notes(&state, &caller, kind, &id, based_on).await;
            form_page(
                &state,
                &caller,
                spec,
                StatusCode::CONFLICT,
                &values,
                &[],
                Some((&current.item, now)),
                Notes { stale },
            )
            .await
        }
        Err(e) => fail(&state, e),
    }
}

/// What changed between the version an edit began from and the current one.
async fn stale_notes(
    state: &WebState,
    caller: &WebCaller,
    kind: &'static dyn Kind,
    id: &str,
    based_on: i64,
) -> Option<Stale> {
    let spec = kind.spec();
    let now = records::find(&state.app, &caller.principal, kind, id).await.ok()?;
    let before = state
        .app
        .store()
        .item_version(spec.kind, id, based_on, &caller.principal)
        .await
        .ok()
        .flatten();
    let parse = |i: &StoredItem| serde_json::from_str::<Value>(&i.data).unwrap_or(Value::Null);
    let now_record = parse(&now);
    let before_record = before.as_ref().map(parse).unwrap_or(Value::Null);
    let names = records::names_for(
        &state.app,
        &caller.principal,
        spec,
        &[now_record.clone(), before_record.clone()],
    )
    .await
    .ok()?;
    let who = format!(
        "door {} op {}",
        now.changed_by,
        crate::web::format::date_time(&now.changed_at)
    );
    Some((
        who,
        forms::changes(&state.app, &names, spec, &before_record, &now_record),
    ))
}

/// `GET /{collection}/{id}/verwijderen`: asks first.
pub async fn delete_form(kind: &'static dyn Kind, state: WebState, caller: WebCaller, id: String) -> Response {
    let spec = kind.spec();
    let shown = match editable(kind, &state, &caller, &id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let title = format!("{} verwijderen", shown.item.title);
    let body = html! {
        h1 { (title) }
        p { "Weet u zeker dat u " (spec.the(false)) " ‘" (shown.item.title) "’ wilt verwijderen? Dit kan niet ongedaan worden gemaakt; "
            "de verwijdering staat in het auditlog." }
        form method="post" action=(format!("/{}/{}/verwijderen", spec.collection, id)) {
            input type="hidden" name="csrf" value=(caller.csrf.clone().unwrap_or_default());
            input type="hidden" name="versie" value=(shown.item.version);
            div.buttons {
                button.danger type="submit" { "Ja, verwijderen" }
                " "
                a.button.secondary href=(format!("/{}/{}", spec.collection, id)) { "Nee, terug" }
            }
        }
    };
    private(StatusCode::OK, page(&state.web, &title, body))
}

/// `POST /{collection}/{id}/verwijderen`
pub async fn delete(kind: &'static dyn Kind, state: WebState, caller: WebCaller, id: String, body: Bytes) -> Response {
    let spec = kind.spec();
    let form = FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    if let Err(r) = editable(kind, &state, &caller, &id).await {
        return r;
    }
    let expected = form
        .get("versie")
        .trim()
        .parse::<i64>()
        .map_or(Expected::Missing, Expected::Version);
    match records::delete(&state.app, &caller.principal, kind, &id, expected).await {
        Ok(()) => see_other(&format!("/{}?verwijderd", spec.collection), &[]),
        Err(AppError::Conflict { .. }) => error(
            &state.web,
            StatusCode::CONFLICT,
            &format!(
                "{} is intussen gewijzigd en daarom niet verwijderd. Bekijk de nieuwe versie en verwijder opnieuw als dat nog nodig is.",
                spec.the(true)
            ),
        ),
        Err(e) => fail(&state, e),
    }
}

/// Adds the form routes of every kind, and the list and record pages of the kinds without a
/// page of their own.
pub fn routes(mut router: axum::Router<WebState>, own_lists: &[&str], own_records: &[&str]) -> axum::Router<WebState> {
    use axum::routing::get;
    for &kind in samenhang_app::kinds::KINDS {
        let c = kind.spec().collection;
        router = router
            .route(
                &format!("/{c}/nieuw"),
                get(move |State(s): State<WebState>, caller: WebCaller| new_form(kind, s, caller)).post(
                    move |State(s): State<WebState>, caller: WebCaller, body: Bytes| create(kind, s, caller, body),
                ),
            )
            .route(
                &format!("/{c}/{{id}}/wijzigen"),
                get(
                    move |State(s): State<WebState>, caller: WebCaller, Path(id): Path<String>| {
                        edit_form(kind, s, caller, id)
                    },
                )
                .post(
                    move |State(s): State<WebState>, caller: WebCaller, Path(id): Path<String>, body: Bytes| {
                        update(kind, s, caller, id, body)
                    },
                ),
            )
            .route(
                &format!("/{c}/{{id}}/verwijderen"),
                get(
                    move |State(s): State<WebState>, caller: WebCaller, Path(id): Path<String>| {
                        delete_form(kind, s, caller, id)
                    },
                )
                .post(
                    move |State(s): State<WebState>, caller: WebCaller, Path(id): Path<String>, body: Bytes| {
                        delete(kind, s, caller, id, body)
                    },
                ),
            );
        if !own_lists.contains(&c) {
            router = router.route(
                &format!("/{c}"),
                get(
                    move |State(s): State<WebState>, caller: WebCaller, RawQuery(q): RawQuery| list(kind, s, caller, q),
                ),
            );
        }
        if !own_records.contains(&c) {
            router = router.route(
                &format!("/{c}/{{id}}"),
                get(
                    move |State(s): State<WebState>,
                          caller: WebCaller,
                          Path(id): Path<String>,
                          RawQuery(q): RawQuery| { show(kind, s, caller, id, q) },
                ),
            );
        }
    }
    router
}
