// SPDX-License-Identifier: EUPL-1.2
//! CSV in and out from the web pages, for every register kind of the list: download what the
//! reader may see (a file Dutch Excel opens as it is: `;`, UTF-8 with BOM, decimal comma), an
//! empty template, the columns explained, and an upload for a redacteur. The same checks as the
//! API run: a bad file is refused whole, every fault's line and column listed in Dutch, and
//! nothing is stored. Lines of records of other organisations are skipped and reported.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use samenhang_app::kinds::{Kind, KINDS};
use samenhang_app::AppError;
use samenhang_domain::spec::{FieldType, KindSpec};

use crate::web::caller::WebCaller;
use crate::web::layout::{error, page, private, see_other};
use crate::web::pages::account::{csrf_field, forged};
use crate::web::WebState;
use samenhang_domain::spec::capital;

/// What a column holds, in words.
fn meaning(ty: FieldType) -> String {
    match ty {
        FieldType::Text { max, .. } => format!("tekst, hoogstens {max} tekens"),
        FieldType::Code { max, .. } => format!("een code of nummer van hoogstens {max} tekens"),
        FieldType::Link => "een webadres (https://…)".into(),
        FieldType::Email => "een e-mailadres".into(),
        FieldType::Phone => "een telefoonnummer".into(),
        FieldType::Number { unit, .. } if !unit.is_empty() => format!("een getal in {unit}, met een decimale komma"),
        FieldType::Number { .. } => "een getal, met een decimale komma".into(),
        FieldType::Year => "een jaartal".into(),
        FieldType::Date => "een datum: dd-mm-jjjj of jjjj-mm-dd".into(),
        FieldType::Time => "een tijd: uu:mm, bijvoorbeeld 14:00".into(),
        FieldType::Choice(choices) => format!(
            "een van: {}",
            choices.iter().map(|c| c.value).collect::<Vec<_>>().join(", ")
        ),
        FieldType::Concept => "een begrip (de naam uit het begrippenkader)".into(),
        FieldType::Concepts => "begrippen, gescheiden door |".into(),
        FieldType::Region(_) => "een gemeente of regio: de naam of de code, bijvoorbeeld Enschede of GM0153".into(),
        FieldType::Organisation => "een organisatie: de naam of het id".into(),
        FieldType::Record(_) => {
            "de naam zoals de export die schrijft (Titel (Organisatie)), of een titel die maar één keer voorkomt".into()
        }
        FieldType::Records(_) => "namen zoals de export die schrijft, gescheiden door |".into(),
        FieldType::Indicator => "een indicator: het id of de naam".into(),
        FieldType::Objects(_) | FieldType::Object(_) => String::new(),
    }
}

/// The columns of a kind's file, explained.
fn columns(spec: &KindSpec) -> Markup {
    html! {
        details {
            summary { "Kolommen van " (spec.plural) }
            div.scroll { table {
                caption { "Kolommen van het bestand met " (spec.plural) }
                thead { tr { th scope="col" { "Kolom" } th scope="col" { "Verplicht" } th scope="col" { "Inhoud" } } }
                tbody {
                    tr { td { code { "id" } } td { "nee" } td { "leeg voor een nieuw record; het id uit een export om dat record te vervangen" } }
                    tr { td { code { "organisatie" } } td { "nee" } td { "de eigenaar (naam of id); mag leeg als u bij één organisatie redacteur bent" } }
                    tr { td { code { "zichtbaarheid" } } td { "nee" } td { "openbaar, regio of organisatie (standaard)" } }
                    @for f in spec.fields {
                        @match f.ty {
                            FieldType::Objects(list) => {
                                @for (sub, column) in list.columns {
                                    @let sf = list.fields.iter().find(|x| x.name == *sub);
                                    tr {
                                        td { code { (column) } }
                                        td { @if *column == list.marker && f.required { "ja, op minstens één regel" } @else { "nee" } }
                                        td { (sf.map_or("", |x| x.help)) " Eén regel per " (list.entry) "; "
                                            @if *column == list.marker { "een regel met deze kolom gevuld is een " (list.entry) "." } @else { (sf.map(|x| meaning(x.ty)).unwrap_or_default()) "." } }
                                    }
                                }
                            }
                            ty => tr {
                                td { code { (f.name) } }
                                td { @if f.required { "ja" } @else { "nee" } }
                                td { (f.help) " " (capital(&meaning(ty))) "." }
                            }
                        }
                    }
                }
            } }
        }
    }
}

fn render(state: &WebState, caller: &WebCaller, status: StatusCode, message: Option<Markup>) -> Response {
    let can_write = !caller.principal.writable_organisations().is_empty();
    let body = html! {
        h1 { "CSV-bestanden" }
        p.lead { "Download de gegevens die u mag zien als CSV, bewerk ze in Excel en lees ze weer in. "
            "Een download heeft precies het formaat van een upload: scheidingsteken puntkomma, decimale komma, "
            "organisaties en gebieden met hun naam." }
        @if let Some(m) = message { (m) }
        div.scroll { table {
            caption { "Registers" }
            thead { tr { th scope="col" { "Register" } th scope="col" { "Downloaden" } th scope="col" { "Leeg sjabloon" } } }
            tbody { @for k in KINDS { @let spec = k.spec(); tr {
                td { (capital(spec.plural)) }
                td { a href=(format!("/beheer/csv/{}", spec.collection)) { (capital(spec.plural)) " als CSV" } }
                td { a href=(format!("/beheer/csv/{}/sjabloon", spec.collection)) { "Sjabloon voor " (spec.plural) } }
            } } }
        } }
        h2 { "Wat er in de kolommen staat" }
        @for k in KINDS { (columns(k.spec())) }
        h2 { "Inlezen" }
        @if !can_write {
            p { "Inlezen vraagt de rol redacteur of beheerder bij een organisatie." }
        } @else {
            p { "Is er één fout in het bestand, dan wordt niets ingelezen; u ziet dan elke fout met de regel en de kolom. "
                "Een regel met het id van een record van uw organisatie vervangt dat record; regels van andere organisaties worden overgeslagen." }
            @for k in KINDS {
                @let spec = k.spec();
                form.account method="post" action=(format!("/beheer/csv/{}", spec.collection)) enctype="multipart/form-data" {
                    (csrf_field(caller))
                    div.field {
                        label for=(format!("bestand-{}", spec.collection)) { (capital(spec.plural)) ": CSV-bestand" }
                        input type="file" id=(format!("bestand-{}", spec.collection)) name="bestand" accept=".csv,text/csv" required;
                    }
                    button type="submit" { (capital(spec.plural)) " inlezen" }
                }
            }
        }
    };
    private(status, page(&state.web, "CSV-bestanden", body))
}

/// `GET /beheer/csv`
pub async fn overview(State(state): State<WebState>, caller: WebCaller) -> Response {
    if caller.principal.user.is_none() {
        return see_other("/inloggen", &[]);
    }
    render(&state, &caller, StatusCode::OK, None)
}

fn kind_of(state: &WebState, register: &str) -> Result<&'static dyn Kind, Response> {
    samenhang_app::kinds::by_collection(register).ok_or_else(|| {
        error(
            &state.web,
            StatusCode::NOT_FOUND,
            &format!("Er is geen register '{register}'."),
        )
    })
}

/// A CSV download (`private, no-cache`: what it holds depends on the caller).
pub(crate) fn csv_response(body: Vec<u8>, filename: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

/// `GET /beheer/csv/{register}`: the register as CSV.
pub async fn download(State(state): State<WebState>, caller: WebCaller, Path(register): Path<String>) -> Response {
    let kind = match kind_of(&state, &register) {
        Ok(k) => k,
        Err(r) => return r,
    };
    match samenhang_app::csv::export(&state.app, &caller.principal, kind).await {
        Ok(bytes) => csv_response(bytes, &samenhang_app::csv::file_name(kind.spec())),
        Err(e) => crate::web::fail(&state, e),
    }
}

/// `GET /beheer/csv/{register}/sjabloon`: the empty template.
pub async fn template(State(state): State<WebState>, Path(register): Path<String>) -> Response {
    match kind_of(&state, &register) {
        Ok(kind) => csv_response(
            samenhang_app::csv::template(kind.spec()),
            &format!("{}-sjabloon.csv", kind.spec().collection),
        ),
        Err(r) => r,
    }
}

/// The CSRF token and the file (`bestand`) of an upload form, or the Dutch message when the
/// form did not come through.
pub(crate) async fn read_upload(multipart: &mut Multipart) -> Result<(Option<String>, Option<Vec<u8>>), &'static str> {
    let mut csrf = None;
    let mut file: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let Ok(bytes) = field.bytes().await else {
                    return Err("Het bestand kwam niet goed over. Probeer het opnieuw.");
                };
                match name.as_str() {
                    "csrf" => csrf = Some(String::from_utf8_lossy(&bytes).to_string()),
                    "bestand" => file = Some(bytes.to_vec()),
                    _ => {}
                }
            }
            Ok(None) => return Ok((csrf, file)),
            Err(_) => return Err("Het formulier kwam niet goed over. Probeer het opnieuw."),
        }
    }
}

/// `POST /beheer/csv/{register}`: reads an uploaded file, all or nothing.
pub async fn upload(
    State(state): State<WebState>,
    caller: WebCaller,
    Path(register): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let (csrf, file) = match read_upload(&mut multipart).await {
        Ok(parts) => parts,
        Err(message) => return error(&state.web, StatusCode::BAD_REQUEST, message),
    };
    if !caller.csrf_matches(csrf.as_deref().unwrap_or("")) {
        return forged(&state);
    }
    let kind = match kind_of(&state, &register) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let Some(bytes) = file else {
        return render(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            Some(html! { div.error role="alert" { p { "Kies een bestand." } } }),
        );
    };
    let spec = kind.spec();
    match samenhang_app::csv::import(&state.app, &caller.principal, kind, &bytes).await {
        Ok(report) => {
            let stored = report.created.len() + report.updated.len();
            render(
                &state,
                &caller,
                StatusCode::OK,
                Some(html! { div.notice role="status" {
                    p { (capital(spec.plural)) " ingelezen: " (report.created.len()) " toegevoegd, " (report.updated.len()) " gewijzigd"
                        @if !report.skipped.is_empty() { ", " (report.skipped.len()) " " (if report.skipped.len() == 1 { "regel" } else { "regels" }) " overgeslagen" }
                        "." }
                    @if stored == 0 && report.skipped.is_empty() { p { "Het bestand bevatte geen records." } }
                    @if !report.skipped.is_empty() { ul { @for s in &report.skipped { li { "Regel " (s.line) ": " (s.reason) } } } }
                } }),
            )
        }
        Err(AppError::Invalid(faults)) => render(
            &state,
            &caller,
            StatusCode::BAD_REQUEST,
            Some(html! {
                div.error role="alert" {
                    p { "Het bestand is niet ingelezen: er is niets opgeslagen. Verbeter "
                        (if faults.len() == 1 { "deze fout" } else { "deze fouten" }) " en probeer het opnieuw:" }
                    ul { @for f in &faults { li { strong { (capital(&f.field)) } ": " (f.reason) } } }
                }
            }),
        ),
        Err(e) => crate::web::fail(&state, e),
    }
}
