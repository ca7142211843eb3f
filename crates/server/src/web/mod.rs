// SPDX-License-Identifier: EUPL-1.2
//! The web pages: server-rendered HTML in Dutch (maud), styled with NL Design System tokens,
//! usable without JavaScript. Charts and maps are inline SVG with a table next to them.
//!
//! Layout: [`layout`] (page shell and error pages), [`svg`] (maps and charts), [`format`] (Dutch
//! numbers and dates), [`caller`] (the session cookie and CSRF), [`forms`] and [`records`] (the
//! pages and forms of every register kind, from the list of kinds), and one file per page in
//! `pages/`. Pages call the same use-cases as the API (`samenhang_app`) and never import it.

pub mod cache;
pub mod caller;
pub mod format;
pub mod forms;
pub mod layout;
pub mod pages;
pub mod records;
pub mod svg;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use samenhang_app::{App, AppError};
use samenhang_domain::geo::Boundary;

/// What the pages share: the application and the look of the pages.
#[derive(Clone)]
pub struct WebState {
    /// The application.
    pub app: App,
    /// The theme, the map shapes and the page cache.
    pub web: Arc<Web>,
}

/// The reasons of a use-case's faults, as one Dutch sentence after another.
pub fn reasons(faults: &[samenhang_domain::registers::Fault]) -> String {
    faults.iter().map(|f| f.reason.as_str()).collect::<Vec<_>>().join(" ")
}

/// The Dutch page for an error of a use-case; internal errors are logged, never shown.
pub fn fail(state: &WebState, e: AppError) -> Response {
    let page = |status, message: &str| layout::error(&state.web, status, message);
    match e {
        AppError::Invalid(faults) => page(
            StatusCode::BAD_REQUEST,
            &faults
                .iter()
                .map(|f| format!("‘{}’: {}", f.field, f.reason))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        AppError::NotFound(m) => page(
            StatusCode::NOT_FOUND,
            &format!("{m} Log in als het van uw organisatie of regio is."),
        ),
        AppError::Unauthenticated(m) => page(StatusCode::UNAUTHORIZED, &m),
        AppError::Forbidden(m) => page(StatusCode::FORBIDDEN, &m),
        AppError::Conflict { message, .. } => page(StatusCode::CONFLICT, &message),
        AppError::VersionRequired(m) => page(StatusCode::BAD_REQUEST, &m),
        AppError::Exists(m) => page(StatusCode::CONFLICT, &m),
        AppError::TooMany { message, .. } => page(StatusCode::TOO_MANY_REQUESTS, &message),
        AppError::Busy(m) => page(StatusCode::SERVICE_UNAVAILABLE, &m),
        AppError::Internal(cause) => {
            tracing::error!(%cause, "interne fout");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
            )
        }
    }
}

/// The neutral theme: NL Design System tokens under `.samenhang-theme`.
pub const NEUTRAL_THEME: &str = include_str!("../../assets/thema-neutraal.css");
/// The page styles, built on the tokens.
pub const STYLES: &str = include_str!("../../assets/samenhang.css");

/// What the pages need besides the shared state: the theme and the prepared map shapes.
#[derive(Debug)]
pub struct Web {
    /// Token stylesheet of the theme.
    pub theme_css: String,
    /// Theme class on `<body>`.
    pub theme_class: String,
    /// Map shapes of gemeenten, arbeidsmarktregio's and provincies.
    pub maps: svg::Maps,
    /// Rendered pages, valid while the figures and the begrippenkader stay the same.
    pub cache: cache::PageCache,
    /// Whether the example data is loaded (`--voorbeelddata`): every page then says so.
    examples: std::sync::atomic::AtomicBool,
}

impl Web {
    /// With the neutral theme.
    pub fn new(boundaries: &[Boundary]) -> Web {
        Web {
            theme_css: NEUTRAL_THEME.to_string(),
            theme_class: "samenhang-theme".into(),
            maps: svg::Maps::new(boundaries),
            cache: cache::PageCache::default(),
            examples: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Marks every page as showing example data (set before serving).
    pub fn show_example_banner(&self) {
        self.examples.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether pages carry the example-data banner.
    pub fn examples(&self) -> bool {
        self.examples.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// With a municipality's own token stylesheet and theme class.
    pub fn with_theme(mut self, css: String, class: String) -> Web {
        self.theme_css = css;
        self.theme_class = class;
        self
    }
}

impl Default for Web {
    fn default() -> Self {
        Web::new(&[])
    }
}

/// The register collections with a list page of their own; the others get the generic one.
pub(crate) const OWN_LISTS: &[&str] = &[
    "doelen",
    "agendas",
    "regelingen",
    "afspraken",
    "overleggen",
    "actiepunten",
];
/// The register collections with a record page of their own.
const OWN_RECORDS: &[&str] = &["doelen", "personen", "afspraken", "overleggen"];

/// The page routes.
pub fn router() -> Router<WebState> {
    let router = Router::new()
        .route("/", get(pages::home::handler))
        .route("/static/samenhang.css", get(pages::assets::styles))
        .route("/static/thema.css", get(pages::assets::theme))
        .route("/gemeenten/{code}", get(pages::gemeente::handler))
        .route("/arbeidsmarktregios/{code}", get(pages::regio::handler))
        .route(
            "/arbeidsmarktregios/{code}/kerncijfers.csv",
            get(pages::indicator::region_csv),
        )
        .route("/gemeenten/{code}/kerncijfers.csv", get(pages::indicator::region_csv))
        .route("/indicatoren", get(pages::indicator::list))
        .route("/indicatoren/{id}", get(pages::indicator::handler))
        .route("/indicatoren/{id}/waarden.csv", get(pages::indicator::csv))
        .route("/indices/{id}", get(pages::index::handler))
        .route("/begrippen", get(pages::begrippen::list))
        .route("/begrippen/{id}", get(pages::begrippen::show))
        .route("/zoeken", get(pages::zoeken::handler))
        .route("/inloggen", get(pages::account::login_form).post(pages::account::login))
        .route("/uitloggen", post(pages::account::logout))
        .route("/inloggen/oidc/{id}", get(pages::account::oidc_begin))
        .route("/inloggen/oidc/{id}/terug", get(pages::account::oidc_callback))
        .route("/account", get(pages::account::account))
        .route("/account/sleutels", post(pages::account::new_key))
        .route("/account/vergelijkingsgroep", post(pages::account::save_group))
        .route(
            "/beheer/gebruikers",
            get(pages::beheer::users).post(pages::beheer::add_user),
        )
        .route("/beheer/rollen", post(pages::beheer::set_role))
        .route("/beheer/uitnodigen", post(pages::beheer::invite))
        .route(
            "/uitnodiging/{token}",
            get(pages::links::invitation_form).post(pages::links::accept),
        )
        .route(
            "/wachtwoord-vergeten",
            get(pages::links::forgot_form).post(pages::links::forgot),
        )
        .route(
            "/wachtwoord-herstellen/{token}",
            get(pages::links::reset_form).post(pages::links::reset),
        )
        .route("/beheer/csv", get(pages::csv::overview))
        .route(
            "/beheer/csv/{register}",
            get(pages::csv::download).post(pages::csv::upload),
        )
        .route("/beheer/csv/{register}/sjabloon", get(pages::csv::template))
        .route("/doelen", get(pages::afspraken::goals))
        .route("/doelen/{id}", get(pages::afspraken::goal))
        .route("/personen/{id}", get(pages::afspraken::person))
        .route("/duo", get(pages::afspraken::duo))
        .route("/agendas", get(pages::afspraken::agendas))
        .route("/regelingen", get(pages::samenhang::schemes))
        .route("/regelingen/analyse", get(pages::samenhang::fragmentation))
        .route("/afspraken", get(pages::samenhang::agreements))
        .route("/afspraken/{id}", get(pages::samenhang::agreement))
        .route(
            "/afspraken/{id}/toezeggingen/{n}/geleverd",
            post(pages::samenhang::delivered),
        )
        .route("/overleggen", get(pages::samenhang::bodies))
        .route("/overleggen/{id}", get(pages::samenhang::body))
        .route("/themas", get(pages::samenhang::themes))
        .route("/themas/{id}", get(pages::samenhang::theme))
        .route("/ondernemers", get(pages::ondernemers::overview))
        .route("/sroi", get(pages::sroi::overview))
        .route("/actiepunten", get(pages::verslagen::list))
        .route(
            "/bijeenkomsten/importeren",
            get(pages::verslagen::import_form).post(pages::verslagen::import),
        )
        .route("/bijeenkomsten/importeren/opslaan", post(pages::verslagen::save))
        .route("/sroi/verplichtingen.csv", get(pages::sroi::csv))
        .route("/sroi/waarderingstabellen", get(pages::sroi::tables))
        .route("/registers", get(records::overview))
        .route(
            "/ondernemingen/{id}/samenvoegen",
            get(pages::ondernemers::merge_form).post(pages::ondernemers::merge),
        )
        .route(
            "/contactpersonen/{id}/vergeten",
            get(pages::ondernemers::forget_form).post(pages::ondernemers::forget),
        )
        .route("/contactpersonen/{id}/gegevens.json", get(pages::ondernemers::export))
        .route("/contactpersonen/herzien", get(pages::ondernemers::review))
        .route("/eigen-indicatoren/sjabloon.csv", get(pages::eigen::template))
        .route("/eigen-indicatoren/{id}/cijfers", post(pages::eigen::upload))
        .route("/eigen-indicatoren/{id}/cijfers.csv", get(pages::eigen::download));
    records::routes(router, OWN_LISTS, OWN_RECORDS)
}
