// SPDX-License-Identifier: EUPL-1.2
//! `/doelen/nieuw`: a form to add a goal, for a redacteur. The same checks as the API
//! (`GoalDraft::parse` through `api::registers::create_record`); a fault re-shows the form with
//! every fault named at its field, and nothing is stored. The form carries the session's CSRF
//! token.

// An early exit of a page handler is the finished error page; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use samenhang_domain::access::Visibility;
use samenhang_domain::registers::{GoalDraft, Person};

use crate::api::coherence::records;
use crate::api::registers::create_record;
use crate::auth::WebCaller;
use crate::problem::{ApiError, InvalidParam};
use crate::state::AppState;
use crate::web::layout::{error, page, private, see_other};
use crate::web::pages::account::{csrf_field, forged, internal};

/// The submitted fields; repeated names (themes) are kept in order.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// A number as a Dutch user types it: `165.000`, `165000`, `48,8` or `1.234,5`.
fn number(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let (int, frac) = digits.split_once(',').map_or((digits, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split('.').collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    let normalised = match (thousands, frac) {
        (true, f) => format!(
            "{}{}.{}",
            if raw.starts_with('-') { "-" } else { "" },
            groups.concat(),
            f.unwrap_or("0")
        ),
        (false, Some(_)) if !int.contains('.') => raw.replace(',', "."),
        _ => raw.to_string(),
    };
    // A value that does not parse becomes NaN, which the domain reports as "geen eindig getal".
    Some(normalised.parse().unwrap_or(f64::NAN))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dutch_numbers() {
        for (raw, want) in [
            ("165.000", 165000.0),
            ("165000", 165000.0),
            ("48,8", 48.8),
            ("1.234,5", 1234.5),
            ("-2,5", -2.5),
            ("0.5", 0.5),
        ] {
            assert_eq!(super::number(raw), Some(want), "{raw}");
        }
        assert!(super::number("twee").is_some_and(f64::is_nan));
        assert_eq!(super::number(" "), None);
    }
}

async fn form_page(
    state: &AppState,
    caller: &WebCaller,
    status: StatusCode,
    fields: &Fields,
    faults: &[InvalidParam],
) -> Response {
    let people = match records::<crate::api::personen::People>(state, &caller.principal, None).await {
        Ok(p) => p,
        Err(e) => return internal(state, &format!("{e:?}")),
    };
    let orgs = match state.store.organisations().await {
        Ok(o) => o,
        Err(e) => return internal(state, &e.to_string()),
    };
    let names: HashMap<String, String> = orgs.into_iter().map(|o| (o.id, o.name)).collect();
    let writable = caller.principal.writable_organisations();
    let snap = state.snapshot();
    let mut indicators: Vec<(&str, &str)> = snap
        .all_series()
        .iter()
        .map(|s| (s.indicator.id.as_str(), s.indicator.name.as_str()))
        .collect();
    indicators.sort_by(|a, b| a.1.cmp(b.1));
    let view = state.vocab();
    let mut concepts: Vec<(String, String)> = view
        .vocabularies
        .iter()
        .flat_map(|(_, v)| v.concepts.iter().map(|c| (c.pref_label.clone(), c.id.clone())))
        .collect();
    concepts.sort();
    let chosen_themes = fields.all("themas");
    let fault_of = |name: &str| faults.iter().find(|f| f.name == name).map(|f| f.reason.clone());
    let field = |name: &str, label: &str, input: Markup| {
        let fault = fault_of(name);
        html! {
            div.field {
                label for=(name) { (label) }
                @if let Some(f) = &fault { span.field-error id=(format!("{name}-fout")) { (f) } }
                (input)
            }
        }
    };
    let invalid = |name: &str| fault_of(name).map(|_| "true");
    let described = |name: &str| fault_of(name).map(|_| format!("{name}-fout"));
    let text = |name: &str, kind: &str| {
        html! { input type=(kind) id=(name) name=(name) value=(fields.get(name)) aria-invalid=[invalid(name)] aria-describedby=[described(name)]; }
    };
    let body = html! {
        p { a href="/doelen" { "Alle doelen" } }
        h1 { "Doel toevoegen" }
        p.lead { "Een doel hoort bij een indicator: de voortgang volgt daarna vanzelf uit de cijfers." }
        @if !faults.is_empty() {
            div.error role="alert" {
                p { "Het doel is niet opgeslagen. Verbeter:" }
                ul { @for f in faults { li { a href=(format!("#{}", f.name)) { (f.name) } ": " (f.reason) } } }
            }
        }
        form.account method="post" action="/doelen/nieuw" {
            (csrf_field(caller))
            (field("titel", "Titel", text("titel", "text")))
            (field("omschrijving", "Omschrijving (wat en waarom)", html! {
                textarea id="omschrijving" name="omschrijving" rows="3" { (fields.get("omschrijving")) }
            }))
            (field("organisatie", "Organisatie", html! {
                select id="organisatie" name="organisatie" aria-invalid=[invalid("organisatie")] {
                    @for o in &writable { option value=(o) selected[fields.get("organisatie") == o] { (names.get(o).cloned().unwrap_or_else(|| o.clone())) } }
                }
            }))
            (field("zichtbaarheid", "Zichtbaarheid", html! {
                select id="zichtbaarheid" name="zichtbaarheid" {
                    @for v in Visibility::ALL { option value=(v.as_str()) selected[fields.get("zichtbaarheid") == v.as_str()] { (v.as_str()) } }
                }
            }))
            (field("gebied", "Gebied (code, bijv. GM0153 of AM05)", text("gebied", "text")))
            (field("indicator", "Indicator", html! {
                select id="indicator" name="indicator" aria-invalid=[invalid("indicator")] {
                    @for (id, name) in &indicators { option value=(id) selected[fields.get("indicator") == *id] { (name) } }
                }
            }))
            (field("basisjaar", "Basisjaar", text("basisjaar", "text")))
            (field("basiswaarde", "Basiswaarde", text("basiswaarde", "text")))
            (field("streefjaar", "Streefjaar", text("streefjaar", "text")))
            (field("streefwaarde", "Streefwaarde", text("streefwaarde", "text")))
            (field("eigenaar", "Eigenaar", html! {
                select id="eigenaar" name="eigenaar" {
                    option value="" { "geen" }
                    @for (item, p) in &people {
                        @let p: &Person = p;
                        option value=(item.id) selected[fields.get("eigenaar") == item.id] { (p.naam) }
                    }
                }
            }))
            (field("themas", "Thema's (meer kiezen met Ctrl of Cmd)", html! {
                select id="themas" name="themas" multiple size="8" aria-invalid=[invalid("themas")] {
                    @for (label, id) in &concepts { option value=(id) selected[chosen_themes.contains(id)] { (label) } }
                }
            }))
            button type="submit" { "Doel opslaan" }
        }
    };
    private(status, page(&state.web, "Doel toevoegen", body))
}

fn gate(state: &AppState, caller: &WebCaller) -> Result<(), Response> {
    if caller.principal.user.is_none() {
        return Err(see_other("/inloggen", &[]));
    }
    if caller.principal.writable_organisations().is_empty() {
        return Err(error(
            &state.web,
            StatusCode::FORBIDDEN,
            "Een doel toevoegen vraagt de rol redacteur of beheerder bij een organisatie.",
        ));
    }
    Ok(())
}

/// `GET /doelen/nieuw`
pub async fn form(State(state): State<AppState>, caller: WebCaller) -> Response {
    if let Err(r) = gate(&state, &caller) {
        return r;
    }
    form_page(&state, &caller, StatusCode::OK, &Fields(Vec::new()), &[]).await
}

/// `POST /doelen/nieuw`
pub async fn create(State(state): State<AppState>, caller: WebCaller, body: Bytes) -> Response {
    let fields = Fields(serde_urlencoded::from_bytes(&body).unwrap_or_default());
    if !caller.csrf_matches(fields.get("csrf")) {
        return forged(&state);
    }
    if let Err(r) = gate(&state, &caller) {
        return r;
    }
    let draft = GoalDraft {
        titel: fields.get("titel").into(),
        omschrijving: fields.get("omschrijving").into(),
        themas: fields.all("themas"),
        eigenaar: fields.get("eigenaar").into(),
        gebied: fields.get("gebied").into(),
        indicator: fields.get("indicator").into(),
        basisjaar: number(fields.get("basisjaar")),
        basiswaarde: number(fields.get("basiswaarde")),
        streefjaar: number(fields.get("streefjaar")),
        streefwaarde: number(fields.get("streefwaarde")),
    };
    let owner = Some(fields.get("organisatie").to_string()).filter(|o| !o.is_empty());
    let visibility = Visibility::parse(fields.get("zichtbaarheid"));
    match create_record::<crate::api::doelen::Goals>(&state, &caller.principal, owner, visibility, &draft).await {
        Ok(id) => see_other(&format!("/doelen/{id}"), &[]),
        Err(ApiError::Invalid(faults)) => form_page(&state, &caller, StatusCode::BAD_REQUEST, &fields, &faults).await,
        Err(ApiError::Status(status, message)) => error(&state.web, status, &message),
        Err(ApiError::NotFound(message)) => error(&state.web, StatusCode::NOT_FOUND, &message),
        Err(ApiError::Internal(cause)) => internal(&state, &cause),
    }
}
