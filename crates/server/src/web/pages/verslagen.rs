// SPDX-License-Identifier: EUPL-1.2
//! Verslagen: a report read into a proposal that the user corrects before anything is saved
//! (`/bijeenkomsten/importeren`), the action list with its filters (`/actiepunten`), and the
//! action items shown where they belong (a meeting, a person, a consultation body, "wie heeft nog
//! niet geleverd?").

use axum::extract::{Multipart, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_app::analyses::Named;
use samenhang_app::verslagen::{ActionFilter, ActionLine, Proposal};
use samenhang_domain::registers::{Fault, Function, Person};
use samenhang_domain::verslagen::{ACTION_ITEM_SPEC, MEETING_SPEC};

use crate::params::QueryParams;
use crate::web::caller::WebCaller;
use crate::web::format::{self, count};
use crate::web::forms::{control_under, dom_id, to_input, FormData, Options, Values};
use crate::web::layout::{error, page, private, see_other};
use crate::web::{fail, WebState};

fn link(base: &str, n: &Named) -> Markup {
    html! { a href=(format!("/{base}/{}", n.id)) { (n.name) } }
}

fn status_label(s: &str) -> &str {
    samenhang_domain::ondernemers::FOLLOW_UP_STATUSES
        .iter()
        .find(|c| c.value == s)
        .map_or(s, |c| c.label)
}

/// Action items as a table: overdue marked, with the age of open ones.
pub fn actions_table(lines: &[ActionLine], caption: &str) -> Markup {
    html! {
        table.stack {
            caption { (caption) }
            thead { tr {
                th scope="col" { "Actiepunt" } th scope="col" { "Wie" } th scope="col" { "Bijeenkomst" }
                th scope="col" { "Deadline" } th scope="col" { "Status" } th.num scope="col" { "Open sinds" }
            } }
            tbody { @for l in lines { tr.attention[l.days_late.is_some()] {
                th scope="row" {
                    a href=(format!("/actiepunten/{}", l.item.id)) { (l.item.name) }
                    @if l.kind == "aanbeveling" { " " span.tag { "aanbeveling" } }
                    @if let Some((d, t)) = &l.last_update { br; small { "Laatste stand (" (format::date(&d.to_string())) "): " (t) } }
                }
                td data-label="Wie" {
                    @if let Some(o) = &l.owner { (link("personen", o)) ", " }
                    (l.organisation.name)
                }
                td data-label="Bijeenkomst" {
                    @match &l.meeting { Some(m) => (link("bijeenkomsten", m)), None => "–" }
                    @if let Some(b) = &l.body { br; small { (b.name) } }
                }
                td data-label="Deadline" { @match l.deadline { Some(d) => (format::date(&d.to_string())), None => "–" } }
                td data-label="Status" {
                    (status_label(&l.status))
                    @if let Some(d) = l.days_late { ", " strong.voortgang-achter { (count(d as usize, "dag", "dagen")) " te laat" } }
                }
                td.num data-label="Open sinds" { @match l.age { Some(a) => (count(a as usize, "dag", "dagen")), None => "–" } }
            } } }
        }
    }
}

/// The action items of one meeting, consultation body or person, for the pages that show them.
pub async fn section(
    state: &WebState,
    caller: &WebCaller,
    filter: ActionFilter,
    heading: &str,
    empty: &str,
) -> Result<Markup, Response> {
    let list =
        samenhang_app::verslagen::actions(&state.app, &caller.principal, &filter, samenhang_app::records::today())
            .await
            .map_err(|e| fail(state, e))?;
    Ok(html! {
        h2 { (heading) }
        @if list.lines.is_empty() { p { (empty) } }
        @else {
            p { (count(list.open, "open actiepunt", "open actiepunten"))
                @if list.overdue > 0 { ", waarvan " strong { (list.overdue) " over de deadline" } } "." }
            (actions_table(&list.lines, heading))
        }
    })
}

/// `GET /actiepunten`: the action list, filtered by owner, organisation, alderman's portfolio,
/// consultation body, region or theme.
pub async fn list(State(state): State<WebState>, caller: WebCaller, RawQuery(raw): RawQuery) -> Response {
    let mut q = QueryParams::parse_form(raw.as_deref(), crate::params::ACTION_FILTER);
    let filter = crate::params::action_filter(&mut q);
    if let Err(e) = q.finish() {
        return crate::web::pages::samenhang::bad_query(&state, e);
    }
    let app = &state.app;
    let p = &caller.principal;
    let today = samenhang_app::records::today();
    let list = match samenhang_app::verslagen::actions(app, p, &filter, today).await {
        Ok(l) => l,
        Err(e) => return fail(&state, e),
    };
    let people: Vec<(samenhang_store::items::StoredItem, Person)> =
        match samenhang_app::analyses::records(app, p, "persoon", None).await {
            Ok(v) => v,
            Err(e) => return fail(&state, e),
        };
    let bodies: Vec<(samenhang_store::items::StoredItem, samenhang_domain::coherence::Body)> =
        match samenhang_app::analyses::records(app, p, "overleg", None).await {
            Ok(v) => v,
            Err(e) => return fail(&state, e),
        };
    let orgs = match app.store().organisations().await {
        Ok(o) => o,
        Err(e) => return fail(&state, e.into()),
    };
    let mut regions: Vec<(String, String)> = {
        let snap = app.snapshot();
        let mut codes: Vec<String> = orgs
            .iter()
            .filter_map(|o| {
                o.region
                    .map(|r| samenhang_domain::codes::RegionCode::from(r).to_string())
            })
            .collect();
        codes.sort();
        codes.dedup();
        codes
            .into_iter()
            .map(|c| {
                let name = samenhang_domain::codes::RegionCode::parse(&c)
                    .ok()
                    .and_then(|code| snap.regions.position(code))
                    .map_or_else(|| c.clone(), |i| snap.regions.name(i).to_string());
                (c, name)
            })
            .collect()
    };
    regions.sort_by(|a, b| a.1.cmp(&b.1));
    let select = |name: &str, label: &str, chosen: &Option<String>, options: Vec<(String, String)>| {
        html! {
            div.field {
                label for=(name) { (label) }
                select id=(name) name=(name) {
                    option value="" { "– alle –" }
                    @for (id, text) in &options { option value=(id) selected[chosen.as_deref() == Some(id.as_str())] { (text) } }
                }
            }
        }
    };
    let mut people_options: Vec<(String, String)> =
        people.iter().map(|(i, x)| (i.id.clone(), x.naam.clone())).collect();
    people_options.sort_by(|a, b| a.1.cmp(&b.1));
    let mut aldermen: Vec<(String, String)> = people
        .iter()
        .filter(|(_, x)| x.functie == Function::Alderman)
        .map(|(i, x)| {
            let portfolio = x.portefeuille.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
            (i.id.clone(), format!("{}{portfolio}", x.naam))
        })
        .collect();
    aldermen.sort_by(|a, b| a.1.cmp(&b.1));
    let mut body_options: Vec<(String, String)> = bodies.iter().map(|(i, b)| (i.id.clone(), b.naam.clone())).collect();
    body_options.sort_by(|a, b| a.1.cmp(&b.1));
    let mut org_options: Vec<(String, String)> = orgs.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
    org_options.sort_by(|a, b| a.1.cmp(&b.1));
    let body = html! {
        h1 { "Actiepunten" }
        p.lead { "Wat er is afgesproken in bijeenkomsten en wie het doet: wat over de deadline is eerst, met hoe lang elk open punt al loopt." }
        p {
            @if !caller.principal.writable_organisations().is_empty() {
                a.button href="/bijeenkomsten/importeren" { "Verslag inlezen" } " "
                a.button.secondary href="/actiepunten/nieuw" { "Actiepunt toevoegen" }
            }
        }
        form.filters method="get" action="/actiepunten" {
            (select("eigenaar", "Eigenaar", &filter.person, people_options))
            (select("organisatie", "Organisatie", &filter.organisation, org_options))
            (select("wethouder", "Portefeuille van wethouder", &filter.alderman, aldermen))
            (select("overleg", "Overleg", &filter.body, body_options))
            (select("regio", "Arbeidsmarktregio", &filter.region, regions))
            div.field {
                input type="checkbox" id="alle" name="alle" value="ja" checked[!filter.open_only];
                " " label for="alle" { "Ook afgedane en vervallen punten" }
            }
            @if let Some(t) = &filter.theme { input type="hidden" name="thema" value=(t); }
            button type="submit" { "Toon" }
        }
        p role="status" {
            (count(list.lines.len(), "actiepunt", "actiepunten"))
            @if list.overdue > 0 { ", waarvan " strong { (list.overdue) " over de deadline" } }
            " (peildatum " (format::date(&today.to_string())) ")."
        }
        @if list.lines.is_empty() { p { "Geen actiepunten die u kunt zien met deze keuze." } }
        @else { (actions_table(&list.lines, "Actiepunten, wat over de deadline is eerst")) }
        p { a href="/bijeenkomsten" { "Alle bijeenkomsten" } " · " a href="/afspraken" { "Wie heeft nog niet geleverd?" } }
    };
    private(StatusCode::OK, page(&state.web, "Actiepunten", body))
}

/// `GET /bijeenkomsten/importeren`: the upload form.
pub async fn import_form(State(state): State<WebState>, caller: WebCaller) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    private(
        StatusCode::OK,
        page(&state.web, "Verslag inlezen", upload_form(&caller, None)),
    )
}

fn upload_form(caller: &WebCaller, problem: Option<&str>) -> Markup {
    html! {
        p { a href="/bijeenkomsten" { "Alle bijeenkomsten" } }
        h1 { "Verslag inlezen" }
        p.lead { "Samenhang leest het verslag en stelt de bijeenkomst voor: datum, tijd, aanwezigen, onderwerpen, besluiten, "
            "thema's en de actiepunten met eigenaar en deadline. U controleert en verbetert het voorstel; pas daarna wordt er iets opgeslagen." }
        p { "Het verslag mag een tekstbestand, Markdown, een PDF met tekst of een Word-document (.docx) zijn, van hoogstens 10 MB. "
            "Alles gebeurt op deze server; het verslag gaat nergens anders heen." }
        @if let Some(p) = problem {
            div.error role="alert" id="fouten" tabindex="-1" { p { (p) } }
        }
        form.account method="post" action="/bijeenkomsten/importeren" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(caller.csrf.clone().unwrap_or_default());
            div.field {
                label for="bestand" { "Het verslag" }
                p.hint id="bestand-uitleg" { "Een .txt-, .md-, .pdf- of .docx-bestand." }
                input type="file" id="bestand" name="bestand" accept=".txt,.md,.pdf,.docx,text/plain,text/markdown,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="bestand-uitleg";
            }
            div.field {
                label for="tekst" { "Of plak de tekst van het verslag" span.optional { " (niet verplicht)" } }
                textarea id="tekst" name="tekst" rows="8" {}
            }
            button type="submit" { "Inlezen" }
        }
    }
}

/// `POST /bijeenkomsten/importeren`: reads the report and shows the proposal.
pub async fn import(State(state): State<WebState>, caller: WebCaller, mut multipart: Multipart) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut pasted = String::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().unwrap_or("").to_string();
                let Ok(bytes) = field.bytes().await else {
                    return error(
                        &state.web,
                        StatusCode::BAD_REQUEST,
                        "Het bestand kwam niet goed over. Probeer het opnieuw.",
                    );
                };
                match name.as_str() {
                    "csrf" => csrf = String::from_utf8_lossy(&bytes).to_string(),
                    "bestand" if !bytes.is_empty() => file = Some((file_name, bytes.to_vec())),
                    "tekst" => pasted = String::from_utf8_lossy(&bytes).to_string(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                return error(
                    &state.web,
                    StatusCode::BAD_REQUEST,
                    "Het formulier kwam niet goed over. Probeer het opnieuw.",
                )
            }
        }
    }
    if !caller.csrf_matches(&csrf) {
        return crate::web::pages::account::forged(&state);
    }
    let (name, bytes) = match file {
        Some(f) => f,
        None if !pasted.trim().is_empty() => ("geplakte tekst".to_string(), pasted.into_bytes()),
        None => {
            return private(
                StatusCode::BAD_REQUEST,
                page(
                    &state.web,
                    "Verslag inlezen",
                    upload_form(&caller, Some("Kies een bestand of plak de tekst van het verslag.")),
                ),
            )
        }
    };
    match samenhang_app::verslagen::propose(&state.app, &caller.principal, &bytes, &name).await {
        Ok(p) => proposal_page(&state, &caller, &p, &[]).await,
        Err(samenhang_app::AppError::Invalid(faults)) => {
            let reason = faults
                .first()
                .map_or("Het bestand is niet te lezen.", |f| f.reason.as_str())
                .to_string();
            private(
                StatusCode::BAD_REQUEST,
                page(
                    &state.web,
                    "Verslag inlezen",
                    upload_form(&caller, Some(&format!("{name}: {reason}"))),
                ),
            )
        }
        Err(e) => fail(&state, e),
    }
}

/// The form of a proposal, for the proposal itself or after a save that found faults.
struct Shown {
    meeting: Values,
    items: Vec<ShownItem>,
}

struct ShownItem {
    values: Values,
    included: bool,
    why: String,
    owner_note: String,
    suggestion: Option<(Named, String)>,
    similar: Vec<samenhang_app::verslagen::Similar>,
}

/// The meeting fields the user checks in the form; the report's text and file travel hidden.
const HIDDEN_MEETING_FIELDS: &[&str] = &["verslag", "bronbestand"];
/// The action item fields the form shows.
const ITEM_ROW: &[&str] = &["soort", "eigenaar", "eigenaarOrganisatie", "deadline"];

async fn proposal_page(state: &WebState, caller: &WebCaller, p: &Proposal, faults: &[Fault]) -> Response {
    let app = &state.app;
    let meeting_record = serde_json::Value::Object(p.meeting.clone());
    let item_records: Vec<serde_json::Value> = p
        .items
        .iter()
        .map(|i| serde_json::Value::Object(i.record.clone()))
        .collect();
    let names = samenhang_app::records::names_for(
        app,
        &caller.principal,
        &MEETING_SPEC,
        std::slice::from_ref(&meeting_record),
    )
    .await;
    let item_names = samenhang_app::records::names_for(app, &caller.principal, &ACTION_ITEM_SPEC, &item_records).await;
    let (names, item_names) = match (names, item_names) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(state, e),
    };
    let owner = caller
        .principal
        .writable_organisations()
        .first()
        .cloned()
        .unwrap_or_default();
    let visibility = samenhang_domain::access::Visibility::Region;
    let meeting = Values::from_record(app, &names, &MEETING_SPEC, &owner, visibility, &meeting_record);
    let items = p
        .items
        .iter()
        .zip(&item_records)
        .map(|(i, record)| ShownItem {
            values: Values::from_record(app, &item_names, &ACTION_ITEM_SPEC, &owner, visibility, record),
            included: true,
            why: i.why.clone(),
            owner_note: i.owner_note.clone().unwrap_or_default(),
            suggestion: i.suggested_owner.clone(),
            similar: i.similar.clone(),
        })
        .collect();
    let shown = Shown { meeting, items };
    render(state, caller, &shown, Some(p), faults, StatusCode::OK).await
}

async fn render(
    state: &WebState,
    caller: &WebCaller,
    shown: &Shown,
    p: Option<&Proposal>,
    faults: &[Fault],
    status: StatusCode,
) -> Response {
    let app = &state.app;
    let mut options = match Options::load(app, &caller.principal, &MEETING_SPEC, &shown.meeting).await {
        Ok(o) => o,
        Err(e) => return fail(state, e),
    };
    if let Ok(more) = Options::load(app, &caller.principal, &ACTION_ITEM_SPEC, &Values::default()).await {
        for (k, v) in more.records {
            options.records.entry(k).or_insert(v);
        }
    }
    let csrf = caller.csrf.clone().unwrap_or_default();
    let included = shown.items.iter().filter(|i| i.included).count();
    let body = html! {
        p { a href="/bijeenkomsten/importeren" { "Een ander verslag inlezen" } }
        h1 { "Voorstel uit het verslag" }
        p.lead { "Controleer en verbeter wat Samenhang in het verslag heeft gevonden. "
            strong { "Er is nog niets opgeslagen" } "; dat gebeurt pas met de knop onderaan." }
        @if !faults.is_empty() {
            div.error role="alert" id="fouten" tabindex="-1" {
                p { @if faults.len() == 1 { "Er is 1 fout; er is nog niets opgeslagen:" } @else { "Er zijn " (faults.len()) " fouten; er is nog niets opgeslagen:" } }
                ul { @for f in faults { li { a href=(format!("#{}", dom_id(&f.field))) { (fault_label(&f.field)) } ": " (f.reason) } } }
            }
        }
        @if let Some(p) = p {
            @if !p.notes.is_empty() { div.note { ul { @for n in &p.notes { li { (n) } } } } }
            h2 { "Wat Samenhang vond" }
            dl.definitions {
                dt { "Bestand" } dd { (p.file_name) " (" (p.format.label()) ")" }
                dt { "Aanwezigen" } dd {
                    (count(p.attendees.len(), "aanwezige", "aanwezigen"))
                    @let people = p.attendees.iter().filter(|a| a.person.is_some()).count();
                    @let places = p.attendees.iter().filter(|a| a.municipality.is_some()).count();
                    "; " (people) " gevonden als persoon in het register, " (places) " met een gemeente uit de gebiedsindeling."
                }
                @if !p.themes.is_empty() {
                    dt { "Thema's" } dd { @for (i, t) in p.themes.iter().enumerate() { @if i > 0 { ", " }
                        a href=(format!("/themas/{}", t.concept.id)) { (t.concept.name) } " (" (t.count) "×)" } }
                }
                @if !p.municipalities.is_empty() {
                    dt { "Gemeenten" } dd { (p.municipalities.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")) }
                }
                @if let Some(b) = &p.body { dt { "Overleg" } dd { (b.name) } }
            }
            @if !p.attendees.is_empty() {
                details {
                    summary { "Hoe de aanwezigen zijn gekoppeld" }
                    table.stack {
                        caption { "Aanwezigen zoals in het verslag, en wat Samenhang ervan vond" }
                        thead { tr { th scope="col" { "In het verslag" } th scope="col" { "Persoon in het register" } th scope="col" { "Gemeente" } } }
                        tbody { @for a in &p.attendees { tr {
                            th scope="row" { (a.read.name.clone().unwrap_or_default()) @if let Some(o) = &a.read.organisation { " (" (o) ")" } }
                            td data-label="Persoon" { @match &a.person { Some(x) => (x.name), None => "niet gevonden" } }
                            td data-label="Gemeente" { @match &a.municipality { Some(m) => { (m.name) " (" (m.id) ")" }, None => "–" } }
                        } } }
                    }
                }
            }
            @if !p.summary.is_empty() {
                h2 { "Samenvatting (suggestie)" }
                p.hint { "Zinnen uit het verslag die het meeste van de inhoud dragen, gekozen zonder iets te herschrijven." }
                blockquote { @for s in &p.summary { p { (s) } } }
            }
        }
        form.record.voorstel method="post" action="/bijeenkomsten/importeren/opslaan" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            h2 { "De bijeenkomst" }
            @for f in MEETING_SPEC.fields {
                @if HIDDEN_MEETING_FIELDS.contains(&f.name) {
                    @for t in shown.meeting.fields.get(f.name).cloned().unwrap_or_default() {
                        input type="hidden" name=(f.name) value=(t);
                    }
                } @else if f.name == "aanwezigen" {
                    (attendee_rows(&shown.meeting, faults, &options))
                } @else if f.name == "themas" || f.name == "gemeenten" {
                    (compact_list(f, "", &shown.meeting, faults, &options))
                } @else {
                    (control_under(f, "", &shown.meeting, faults, &options))
                }
            }
            fieldset.field {
                legend { "Wie het beheert en wie het mag zien" }
                p.hint { "Geldt voor de bijeenkomst en haar actiepunten." }
                div.field {
                    label for="organisatie" { "Organisatie (eigenaar)" }
                    select id="organisatie" name="organisatie" {
                        @for (id, name) in &options.writable { option value=(id) selected[shown.meeting.organisation == *id] { (name) } }
                    }
                }
                div.field {
                    label for="zichtbaarheid" { "Zichtbaarheid" }
                    select id="zichtbaarheid" name="zichtbaarheid" {
                        @for v in samenhang_domain::access::Visibility::ALL {
                            option value=(v.as_str()) selected[shown.meeting.visibility == v.as_str()] { (visibility_label(v)) }
                        }
                    }
                }
            }
            h2 { "Actiepunten en aanbevelingen (" (shown.items.len()) ")" }
            @if shown.items.is_empty() { p { "Er zijn geen actiepunten gevonden." } }
            @else { p { "Vink uit wat u niet wilt opslaan. " (included) " van de " (shown.items.len()) " staan aangevinkt." } }
            @for (i, item) in shown.items.iter().enumerate() {
                (item_card(i, item, faults, &options))
            }
            div.buttons { button type="submit" name="actie" value="opslaan" { "Bijeenkomst en aangevinkte punten opslaan" } }
        }
        (crate::web::forms::datalists_of(&options))
    };
    private(status, page(&state.web, "Voorstel uit het verslag", body))
}

fn visibility_label(v: samenhang_domain::access::Visibility) -> &'static str {
    use samenhang_domain::access::Visibility;
    match v {
        Visibility::Public => "Openbaar: iedereen, ook zonder in te loggen",
        Visibility::Region => "Regio: de organisaties in de arbeidsmarktregio",
        Visibility::Organisation => "Organisatie: alleen uw eigen organisatie",
    }
}

/// "Punt 3: deadline" for `actiepunten[2].deadline`, the field's label otherwise.
fn fault_label(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("actiepunten[") {
        let (n, sub) = rest.split_once("].").unwrap_or((rest, ""));
        let n = n.trim_end_matches(']').parse::<usize>().map_or(0, |n| n + 1);
        let label = ACTION_ITEM_SPEC
            .field(sub)
            .map_or(sub.to_string(), |f| f.label.to_lowercase());
        return format!("Punt {n}: {label}");
    }
    let top = field.split(['[', '.']).next().unwrap_or(field);
    match top {
        "organisatie" => "Organisatie".into(),
        "zichtbaarheid" => "Zichtbaarheid".into(),
        _ => MEETING_SPEC
            .field(top)
            .map_or(field.to_string(), |f| f.label.to_string()),
    }
}

/// `POST /bijeenkomsten/importeren/opslaan`: saves the corrected proposal; faults re-show it.
pub async fn save(State(state): State<WebState>, caller: WebCaller, body: axum::body::Bytes) -> Response {
    let form = FormData::parse(&body);
    if !caller.csrf_matches(form.get("csrf")) {
        return crate::web::pages::account::forged(&state);
    }
    let app = &state.app;
    let p = &caller.principal;
    let meeting_values = Values::from_form(&MEETING_SPEC, &form);
    // The entries of the form, in order, whether ticked or not.
    let mut numbers: Vec<usize> = form
        .0
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("actiepunten[")?.split_once(']')?.0.parse().ok())
        .filter(|n| *n < 500)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let items: Vec<ShownItem> = numbers
        .iter()
        .map(|n| {
            let sub = form.under(&format!("actiepunten[{n}]."));
            let mut values = Values::from_form(&ACTION_ITEM_SPEC, &sub);
            values.organisation = meeting_values.organisation.clone();
            values.visibility = meeting_values.visibility.clone();
            ShownItem {
                included: sub.get("opnemen") == "ja",
                why: sub.get("reden").to_string(),
                owner_note: sub.get("eigenaarToelichting").to_string(),
                suggestion: None,
                similar: Vec::new(),
                values,
            }
        })
        .collect();
    let shown = Shown {
        meeting: meeting_values,
        items,
    };
    if form.get("actie") == "meer" {
        return render(&state, &caller, &shown, None, &[], StatusCode::OK).await;
    }
    let meeting = match to_input(app, p, &MEETING_SPEC, &shown.meeting).await {
        Ok(i) => i,
        Err(e) => return fail(&state, e),
    };
    // The form's position of each item that is saved, for its faults.
    let mut positions = Vec::new();
    let mut inputs = Vec::new();
    for (pos, item) in shown.items.iter().enumerate() {
        if !item.included {
            continue;
        }
        match to_input(app, p, &ACTION_ITEM_SPEC, &item.values).await {
            Ok(i) => {
                positions.push(pos);
                inputs.push(i);
            }
            Err(e) => return fail(&state, e),
        }
    }
    match samenhang_app::verslagen::save(app, p, meeting, inputs).await {
        Ok(saved) => see_other(&format!("/bijeenkomsten/{}?opgeslagen", saved.meeting), &[]),
        Err(samenhang_app::AppError::Invalid(faults)) => {
            let faults: Vec<Fault> = faults
                .into_iter()
                .map(
                    |f| match f.field.strip_prefix("actiepunten[").and_then(|r| r.split_once(']')) {
                        Some((n, rest)) => {
                            // The form is shown again with its items numbered by position.
                            let pos = n
                                .parse::<usize>()
                                .ok()
                                .and_then(|n| positions.get(n))
                                .copied()
                                .unwrap_or(0);
                            Fault {
                                field: format!("actiepunten[{pos}]{rest}"),
                                ..f
                            }
                        }
                        None => f,
                    },
                )
                .collect();
            render(&state, &caller, &shown, None, &faults, StatusCode::BAD_REQUEST).await
        }
        Err(e) => fail(&state, e),
    }
}

/// Below a meeting's record page: its summary (a suggestion) and its action items.
pub async fn meeting_extra(
    state: &WebState,
    caller: &WebCaller,
    shown: &samenhang_app::records::Shown,
) -> Result<Markup, Response> {
    let filter = ActionFilter {
        meeting: Some(shown.item.id.clone()),
        ..ActionFilter::default()
    };
    let actions = section(
        state,
        caller,
        filter,
        "Actiepunten uit deze bijeenkomst",
        "Er zijn geen actiepunten uit deze bijeenkomst die u kunt zien.",
    )
    .await?;
    let summary = shown
        .body
        .get("samenvatting")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    Ok(html! {
        @if !summary.is_empty() {
            h2 { "Samenvatting (suggestie)" }
            p.hint { "Zinnen uit het verslag die het meeste van de inhoud dragen, gekozen zonder iets te herschrijven." }
            blockquote { p { (summary) } }
        }
        (actions)
        p { a href=(format!("/actiepunten/nieuw")) { "Actiepunt toevoegen" } }
    })
}

/// One small field of a compact row: label, fault and control.
fn small_field(
    f: &samenhang_domain::spec::Field,
    name: &str,
    text: &str,
    faults: &[Fault],
    options: &Options,
) -> Markup {
    let fault = faults.iter().find(|x| x.field == name);
    html! {
        div.field {
            label for=(dom_id(name)) { (f.label) }
            (crate::web::forms::input_of(f, name, text, fault, options))
        }
    }
}

/// The attendees as rows of four small fields, and one empty row to add someone.
fn attendee_rows(meeting: &Values, faults: &[Fault], options: &Options) -> Markup {
    let list = match MEETING_SPEC.field("aanwezigen").map(|f| f.ty) {
        Some(samenhang_domain::spec::FieldType::Objects(list)) => list,
        _ => return html! {},
    };
    let entries = meeting.entries.get("aanwezigen").cloned().unwrap_or_default();
    html! {
        fieldset.field id="aanwezigen" {
            legend { "Aanwezigen (" (entries.len()) ")" }
            p.hint { "Een persoon uit het register, of een naam met de organisatie zoals in het verslag. "
                "Maak een rij leeg om iemand weg te laten; de lege rij onderaan is voor wie ontbreekt." }
            @for i in 0..=entries.len() {
                @let entry = entries.get(i).cloned().unwrap_or_default();
                div.rij {
                    @for f in ["naam", "organisatie", "rol", "persoon"] {
                        @if let Some(sub) = list.fields.iter().find(|x| x.name == f) {
                            @let name = format!("aanwezigen[{i}].{f}");
                            (small_field(sub, &name, &entry.get(f).cloned().unwrap_or_default(), faults, options))
                        }
                    }
                }
            }
        }
    }
}

/// One proposed action item: whether to keep it, why it was found, the suggestions, the text
/// and a row of its owner, kind and deadline, and its themes.
fn item_card(i: usize, item: &ShownItem, faults: &[Fault], options: &Options) -> Markup {
    let prefix = format!("actiepunten[{i}].");
    let name = |f: &str| format!("{prefix}{f}");
    let text = |f: &str| {
        item.values
            .fields
            .get(f)
            .and_then(|t| t.first())
            .cloned()
            .unwrap_or_default()
    };
    html! {
        fieldset.punt.uit[!item.included] id=(dom_id(&format!("actiepunten[{i}]"))) {
            legend { "Punt " (i + 1) }
            div.field.check {
                input type="checkbox" id=(dom_id(&name("opnemen"))) name=(name("opnemen")) value="ja" checked[item.included];
                " " label for=(dom_id(&name("opnemen"))) { "Opslaan" }
            }
            @if !item.why.is_empty() { p.hint { "Gevonden omdat " (item.why) "." } }
            input type="hidden" name=(name("reden")) value=(item.why);
            @if !item.owner_note.is_empty() { p.hint { (item.owner_note) } }
            input type="hidden" name=(name("eigenaarToelichting")) value=(item.owner_note);
            @if let Some((who, why)) = &item.suggestion {
                p.hint.suggestie { "eigenaar " strong { (who.name) } ", want " (why) "." }
            }
            @if !item.similar.is_empty() {
                p.hint.suggestie { "lijkt op "
                    @for (k, s) in item.similar.iter().enumerate() { @if k > 0 { ", " }
                        (s.kind) " " a href=(format!("/{}/{}", s.collection, s.record.id)) { (s.record.name) } } "." }
            }
            @let source = text("bronzin");
            @if !source.is_empty() {
                blockquote.bron { p { small { "Uit het verslag: " } (source) } }
                input type="hidden" name=(name("bronzin")) value=(source);
            }
            @if let Some(f) = ACTION_ITEM_SPEC.field("wat") { (small_field(f, &name("wat"), &text("wat"), faults, options)) }
            div.rij {
                @for f in ITEM_ROW {
                    @if let Some(field) = ACTION_ITEM_SPEC.field(f) { (small_field(field, &name(f), &text(f), faults, options)) }
                }
            }
            @if let Some(f) = ACTION_ITEM_SPEC.field("themas") { (compact_list(f, &prefix, &item.values, faults, options)) }
        }
    }
}

/// A list of concepts, or of one-field entries (gemeenten), as a row of small inputs: the values
/// and one empty for another.
fn compact_list(
    f: &samenhang_domain::spec::Field,
    prefix: &str,
    values: &Values,
    faults: &[Fault],
    options: &Options,
) -> Markup {
    use samenhang_domain::spec::FieldType;
    let full = format!("{prefix}{}", f.name);
    // (the name each input posts, the field that types it, its text)
    let slots: Vec<(String, &samenhang_domain::spec::Field, String)> = match f.ty {
        FieldType::Objects(list) if list.fields.len() == 1 => {
            let sub = &list.fields[0];
            let entries = values.entries.get(f.name).cloned().unwrap_or_default();
            (0..=entries.len())
                .map(|k| {
                    let text = entries
                        .get(k)
                        .and_then(|e| e.get(sub.name))
                        .cloned()
                        .unwrap_or_default();
                    (format!("{full}[{k}].{}", sub.name), sub, text)
                })
                .collect()
        }
        _ => {
            let texts = values.fields.get(f.name).cloned().unwrap_or_default();
            (0..=texts.len())
                .map(|k| (full.clone(), f, texts.get(k).cloned().unwrap_or_default()))
                .collect()
        }
    };
    let own: Vec<&Fault> = faults.iter().filter(|x| x.field.starts_with(&full)).collect();
    html! {
        fieldset.field id=(dom_id(&full)) {
            legend { (f.label) span.optional { " (niet verplicht)" } }
            p.hint { (f.help) " Maak een vak leeg om iets weg te laten." }
            @for fl in &own { p.field-error { (fl.reason) } }
            div.rij.lijst {
                @for (k, (name, field, text)) in slots.iter().enumerate() {
                    div.field {
                        label.visually-hidden for=(dom_id(&format!("{full}-{k}"))) { (f.label) " " (k + 1) }
                        (crate::web::forms::input_with_id(field, name, &format!("{full}-{k}"), text, options))
                    }
                }
            }
        }
    }
}
