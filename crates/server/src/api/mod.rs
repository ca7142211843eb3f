// SPDX-License-Identifier: EUPL-1.2
//! The JSON API under `/api/v1`, following the NL API Design Rules: Dutch resource and property
//! names, problem+json errors, an `API-Version` header, and an OpenAPI 3 document generated from
//! the handlers (`/api/v1/openapi.json` and `.yaml`).
//!
//! One file per action (`gebieden/list.rs`, …); this module holds what they share.

use std::collections::{BTreeSet, HashMap};

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Router;
use samenhang_domain::codes::RegionCode;
use samenhang_domain::Reorganisation;
use samenhang_store::{Paging, Store, StoreError};
use utoipa::openapi::{self, RefOr};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::params::QueryParams;
use crate::problem::{InvalidParam, Problem, PROBLEM_JSON};

pub mod analyses;
pub mod auditlog;
pub mod begrippen;
pub mod begrippenkaders;
pub mod bronnen;
pub mod caller;
pub mod cijfers;
pub mod eigen_cijfers;
pub mod gebieden;
pub mod herindelingen;
pub mod indicatoren;
pub mod indices;
pub mod maatstaven;
pub mod model;
pub mod ondernemers;
pub mod organisaties;
pub mod records;
pub mod rollen;
pub mod sroi;
pub mod themas;
pub mod verslagen;
pub mod zoeken;

/// What the API's handlers share: the application, and the OpenAPI document as served.
#[derive(Clone)]
pub struct ApiState {
    /// The application.
    pub app: samenhang_app::App,
    openapi_json: std::sync::Arc<String>,
    openapi_yaml: std::sync::Arc<String>,
}

impl ApiState {
    /// The state for `app`, with the document rendered once.
    pub fn new(app: samenhang_app::App) -> ApiState {
        let (_, doc) = router();
        ApiState {
            app,
            openapi_json: std::sync::Arc::new(doc.to_pretty_json().unwrap_or_default()),
            openapi_yaml: std::sync::Arc::new(doc.to_yaml().unwrap_or_default()),
        }
    }
}

use model::{GebiedRef, Herindeling, Link, Overgang, PageLinks, Paginering, SelfLinks};

/// The full version of the API, sent in every response's `API-Version` header.
pub const API_VERSION: &str = "1.0.0";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Samenhang API",
        version = "1.0.0",
        description = "De API van Samenhang: één gedeelde plek voor de taal, de cijfers en de afspraken van een \
arbeidsmarktregio. Deze versie biedt de gebiedsindeling (gemeenten, arbeidsmarktregio's, COROP-gebieden en \
provincies per jaar, 2010–2026, en de gemeentelijke herindelingen sinds 1988) en de cijfers: CBS-tabellen, \
maatstaven, indicatoren per gebied en jaar, vergelijkingen en samengestelde indices; het begrippenkader; en de afspraken: organisaties, rollen, personen, doelen met hun \
voortgang, agenda's, regelingen, afspraken en overleggen met hun analyses, elk met een zichtbaarheid (openbaar, regio of organisatie). \
Elk antwoord met cijfers \
draagt een bronvermelding.\n\n\
Gegevens: Bron: CBS (CC BY 4.0).",
        contact(name = "Samenhang", email = "info@samenhang.nl", url = "https://samenhang.nl"),
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    servers((url = "/api/v1", description = "Deze server")),
    tags(
        (name = "Gebieden", description = "Gemeenten, arbeidsmarktregio's, COROP-gebieden, provincies en hun samenhang per jaar"),
        (name = "Herindelingen", description = "Samenvoegingen, splitsingen, grens-, naams- en provinciewijzigingen van gemeenten"),
        (name = "Begrippen", description = "Het begrippenkader (NL-SBB): begrippen met definities per bron en perspectief, relaties, versies en exports"),
        (name = "Cijfers", description = "CBS-tabellen, maatstaven, indicatoren met hun waarden per gebied en jaar, vergelijkingen en samengestelde indices"),
        (name = "Toegang", description = "Organisaties, rollen (lezer, redacteur, beheerder) en het auditlog. Schrijven en niet-openbare gegevens lezen vraagt een API-sleutel: 'Authorization: Bearer <sleutel>'"),
        (name = "Themas", description = "Alles wat met één begrip samenhangt: indicatoren en de records van elk register"),
        (name = "Zoeken", description = "Zoeken in de records van elk register die u mag lezen, met aantallen per soort, gebied en thema"),
    ),
    components(schemas(
        Problem,
        InvalidParam,
        model::GebiedRef,
        model::Link,
        model::SelfLinks,
        model::PageLinks,
        model::Paginering,
        begrippen::BegripRef,
        analyses::RecordRef,
        analyses::OrganisatieRef,
    ))
)]
struct ApiDoc;

/// The API routes (to be nested under `/api/v1`) and the finished OpenAPI document. The
/// register resources are derived from the list of kinds (`records`).
pub fn router() -> (Router<ApiState>, openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(gebieden::list::handler))
        .routes(routes!(gebieden::show::handler))
        .routes(routes!(gebieden::successors::handler))
        .routes(routes!(herindelingen::list::handler))
        .routes(routes!(herindelingen::show::handler))
        .routes(routes!(bronnen::list::handler))
        .routes(routes!(bronnen::show::handler))
        .routes(routes!(maatstaven::list::handler))
        .routes(routes!(indicatoren::list::handler))
        .routes(routes!(indicatoren::show::handler))
        .routes(routes!(indicatoren::values::handler))
        .routes(routes!(indicatoren::comparison::handler))
        .routes(routes!(indices::list::handler))
        .routes(routes!(indices::scores::handler))
        .routes(routes!(indices::sensitivity::handler))
        .routes(routes!(begrippenkaders::list::handler))
        .routes(routes!(begrippenkaders::export::handler))
        .routes(routes!(begrippen::list::handler, begrippen::create::handler))
        .routes(routes!(begrippen::show::handler, begrippen::update::handler))
        .routes(routes!(begrippen::versions::handler))
        .routes(routes!(organisaties::list::handler, organisaties::create::handler))
        .routes(routes!(organisaties::show::handler, organisaties::update::handler))
        .routes(routes!(rollen::list::handler, rollen::grant::handler))
        .routes(routes!(rollen::delete::handler))
        .routes(routes!(analyses::versnippering::handler))
        .routes(routes!(analyses::achterstallig::handler))
        .routes(routes!(analyses::overleggen::handler))
        .routes(routes!(auditlog::list::handler))
        .routes(routes!(ondernemers::overzicht::handler))
        .routes(routes!(ondernemers::samenvoegen::handler))
        .routes(routes!(ondernemers::dubbel::handler))
        .routes(routes!(ondernemers::dekking::handler))
        .routes(routes!(ondernemers::achterstallig::handler))
        .routes(routes!(ondernemers::behoeften::handler))
        .routes(routes!(ondernemers::export::handler))
        .routes(routes!(ondernemers::vergeten::handler))
        .routes(routes!(ondernemers::herzien::handler))
        .routes(routes!(sroi::realisatie::handler))
        .routes(routes!(verslagen::voorstel::handler))
        .routes(routes!(verslagen::opslaan::handler))
        .routes(routes!(verslagen::lijst::handler))
        .routes(routes!(zoeken::handler))
        .routes(routes!(
            eigen_cijfers::upload::handler,
            eigen_cijfers::download::handler
        ))
        .split_for_parts();
    if let Err(e) = records::document(&mut doc) {
        tracing::error!(cause = %e, "de OpenAPI-beschrijving van de registers klopt niet");
    }
    for (path, item) in [
        (
            "/regelingen/_passend",
            serde_json::json!({ "get": analyses::passend::operation() }),
        ),
        (
            "/themas/{begrip}",
            serde_json::json!({ "get": themas::show::operation() }),
        ),
    ] {
        match serde_json::from_value(item) {
            Ok(item) => {
                doc.paths.paths.insert(path.into(), item);
            }
            Err(e) => tracing::error!(cause = %e, path, "de OpenAPI-beschrijving klopt niet"),
        }
    }
    complete_responses(&mut doc);
    let router = records::routes(router)
        .route("/regelingen/_passend", axum::routing::get(analyses::passend::handler))
        .route("/themas/{begrip}", axum::routing::get(themas::show::handler))
        .route("/openapi.json", axum::routing::get(openapi_json))
        .route("/openapi.yaml", axum::routing::get(openapi_yaml));
    (router, doc)
}

/// Adds what every operation has in common, so no handler can forget it: the `API-Version`
/// header on success, and problem+json responses for 400 (when it takes parameters) and 500.
fn complete_responses(doc: &mut openapi::OpenApi) {
    use openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
    use openapi::{ContentBuilder, HeaderBuilder, ObjectBuilder, ResponseBuilder, Type};
    doc.components.get_or_insert_with(Default::default).add_security_scheme(
        "apiSleutel",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "Een API-sleutel van een gebruiker (`samenhang gebruiker sleutel`). Zonder sleutel zie je alleen openbare gegevens.",
                ))
                .build(),
        ),
    );
    let version_header = || {
        HeaderBuilder::new()
            .schema(ObjectBuilder::new().schema_type(Type::String).examples([API_VERSION]))
            .description(Some("De volledige versie van de API"))
            .build()
    };
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .header("API-Version", version_header())
                .content(
                    PROBLEM_JSON,
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(openapi::Ref::from_schema_name("Problem"))))
                        .build(),
                )
                .build(),
        )
    };
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            for response in op.responses.responses.values_mut() {
                if let RefOr::T(r) = response {
                    r.headers.entry("API-Version".into()).or_insert_with(version_header);
                }
            }
            let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            if has_params || op.request_body.is_some() {
                op.responses
                    .responses
                    .entry("400".into())
                    .or_insert_with(|| problem("Ongeldige invoer; invalidParams noemt elke ongeldige parameter"));
            }
            op.responses
                .responses
                .entry("500".into())
                .or_insert_with(|| problem("Interne fout"));
        }
    }
}

async fn openapi_json(State(state): State<ApiState>) -> Response {
    document(state.openapi_json.as_bytes().to_vec(), "application/json")
}

async fn openapi_yaml(State(state): State<ApiState>) -> Response {
    document(state.openapi_yaml.as_bytes().to_vec(), "application/yaml")
}

fn document(body: Vec<u8>, content_type: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

/// Parses a region code from the path, recording a fault named `code` when it is malformed.
pub(crate) fn parse_region_code(q: &mut QueryParams, raw: &str) -> Option<RegionCode> {
    match RegionCode::parse(raw) {
        Ok(c) => Some(c),
        Err(e) => {
            q.fault(InvalidParam::new("code", "format", format!("{e}.")));
            None
        }
    }
}

/// Collects the codes a response names and looks their names up in one query.
#[derive(Default)]
pub(crate) struct Names {
    wanted: BTreeSet<RegionCode>,
    found: HashMap<RegionCode, String>,
}

impl Names {
    pub(crate) fn want(&mut self, code: RegionCode) {
        self.wanted.insert(code);
    }

    pub(crate) fn want_event(&mut self, e: &Reorganisation) {
        for c in e.involved.iter().chain(&e.abolished).chain(&e.created) {
            self.want((*c).into());
        }
        for t in &e.transfers {
            self.want(t.from.into());
            self.want(t.to.into());
        }
    }

    pub(crate) async fn resolve(&mut self, store: &dyn Store) -> Result<(), StoreError> {
        let codes: Vec<RegionCode> = self.wanted.iter().copied().collect();
        self.found = store.region_names(&codes).await?;
        Ok(())
    }

    /// The code with its name; a code the registry does not know keeps its code as name.
    pub(crate) fn reference(&self, code: RegionCode) -> GebiedRef {
        GebiedRef {
            code: code.to_string(),
            naam: self.found.get(&code).cloned().unwrap_or_else(|| code.to_string()),
        }
    }

    /// The code with a name known from elsewhere (e.g. the name in a given year).
    pub(crate) fn reference_named(&self, code: RegionCode, name: &str) -> GebiedRef {
        GebiedRef {
            code: code.to_string(),
            naam: name.to_string(),
        }
    }
}

/// The API representation of a herindeling.
pub(crate) fn herindeling(e: &Reorganisation, names: &Names) -> Herindeling {
    let refs =
        |codes: &[samenhang_domain::MunicipalityCode]| codes.iter().map(|c| names.reference((*c).into())).collect();
    Herindeling {
        id: e.id.clone(),
        datum: e.date,
        soort: e.kind.into(),
        opgeheven: refs(&e.abolished),
        nieuw: refs(&e.created),
        betrokken: refs(&e.involved),
        overgangen: e
            .transfers
            .iter()
            .map(|t| Overgang {
                van: names.reference(t.from.into()),
                naar: names.reference(t.to.into()),
                hectare: t.hectare,
                woningen: t.dwellings,
                inwoners: t.inhabitants,
            })
            .collect(),
        toelichting: e.note.clone(),
        links: SelfLinks {
            self_: Link::to(format!("/api/v1/herindelingen/{}", e.id)),
        },
    }
}

pub(crate) fn paginering(total: u64, paging: Paging) -> Paginering {
    Paginering {
        totaal: total,
        pagina: paging.page,
        pagina_grootte: paging.page_size,
        aantal_paginas: page_count(total, paging),
    }
}

fn page_count(total: u64, paging: Paging) -> u64 {
    total.div_ceil(u64::from(paging.page_size.max(1))).max(1)
}

/// Links to this, the first, previous, next and last page, keeping the other parameters.
pub(crate) fn page_links(path: &str, raw_query: Option<&str>, total: u64, paging: Paging) -> PageLinks {
    let others: Vec<(String, String)> = serde_urlencoded::from_str::<Vec<(String, String)>>(raw_query.unwrap_or(""))
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != "pagina")
        .collect();
    let href = |page: u64| {
        let mut pairs = others.clone();
        pairs.push(("pagina".into(), page.to_string()));
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        Link::to(format!("{path}?{query}"))
    };
    let last = page_count(total, paging);
    let page = u64::from(paging.page);
    PageLinks {
        self_: href(page),
        first: href(1),
        prev: (page > 1).then(|| href((page - 1).min(last))),
        next: (page < last).then(|| href(page + 1)),
        last: href(last),
    }
}

#[cfg(test)]
mod tests {
    /// utoipa keys the schemas of the document by type name, so a second type with the same
    /// name silently replaces the first, and a response is then described by the wrong schema.
    /// Every type that derives `ToSchema` in the API has a name of its own.
    #[test]
    fn every_schema_type_has_a_name_of_its_own() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("api dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api"),
            &mut files,
        );
        let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
        let mut twice = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source");
            let mut derives = false;
            for line in text.lines().map(str::trim) {
                if line.starts_with("#[derive(") {
                    derives = line.contains("ToSchema");
                    continue;
                }
                if line.starts_with("#[") || line.starts_with("///") {
                    continue;
                }
                if derives {
                    let name = line
                        .strip_prefix("pub struct ")
                        .or_else(|| line.strip_prefix("pub enum "))
                        .or_else(|| line.strip_prefix("struct "))
                        .or_else(|| line.strip_prefix("enum "))
                        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next());
                    if let Some(name) = name {
                        let here = file.display().to_string();
                        if let Some(before) = seen.insert(name.to_string(), here.clone()) {
                            twice.push(format!("{name}: {before} and {here}"));
                        }
                    }
                }
                derives = false;
            }
        }
        assert!(seen.len() > 50, "found {} schema types", seen.len());
        assert!(twice.is_empty(), "schema names used twice:\n{}", twice.join("\n"));
    }
}
